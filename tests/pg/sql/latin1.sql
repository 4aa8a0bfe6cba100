-- a database in LATIN1: results that have no LATIN1 equivalent are errors, and a failed
-- conversion frees the normalized text (40 failures of 1 MB inputs grow the backend by
-- far less than the 200 MB they leaked before)
SELECT current_database() AS regress_db \gset
CREATE DATABASE antidote_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c antidote_latin1
CREATE EXTENSION antidote;
SHOW server_encoding;
-- LATIN1 text round-trips; U+00BD (one half) normalizes to 1, U+2044, 2: not LATIN1
SELECT text_normalize('ABC ' || chr(233) || chr(170)) = 'abc ' || chr(233) || 'a' AS round_trip;
SELECT text_normalize(chr(189));
CREATE FUNCTION pg_temp.rss_kb() RETURNS bigint LANGUAGE sql AS
  $$SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), 'VmRSS:\s+(\d+)'))[1]::bigint$$;
CREATE FUNCTION pg_temp.fail_normalize(n int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  failed int := 0;
  big text := repeat(chr(189), 1000000);
BEGIN
  FOR i IN 1..n LOOP
    BEGIN
      PERFORM text_normalize(big);
    EXCEPTION WHEN untranslatable_character THEN
      failed := failed + 1;
    END;
  END LOOP;
  RETURN failed;
END$$;
SELECT pg_temp.fail_normalize(2) AS warm_up;
SELECT pg_temp.rss_kb() AS rss_before \gset
SELECT pg_temp.fail_normalize(40) AS failed;
SELECT pg_temp.rss_kb() - :rss_before < 65536 AS grew_less_than_64mb;
\c :regress_db
DROP DATABASE antidote_latin1;
