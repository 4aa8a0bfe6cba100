-- fuzzy_hash, the ssdeep type and fuzzy_compare

-- Known answers: the ssdeep tool's own output (tests/data/ssdeep.expected) on the stored files.
CREATE TEMP TABLE kat_files (name text, content text);
\copy kat_files from program 'cd tests/data/ssdeep && for f in *; do printf "%s\t%s\n" "$f" "$(base64 -w0 "$f")"; done'
CREATE TEMP TABLE kat_expected (line text);
\copy kat_expected from program 'grep -v "^ssdeep," tests/data/ssdeep.expected'
SELECT count(*) AS files FROM kat_files;
SELECT f.name,
       fuzzy_hash(decode(f.content, 'base64'))::text || ',"' || f.name || '"' = e.line AS bytea_matches_tool,
       CASE WHEN f.name LIKE '%.txt'
            THEN fuzzy_hash(convert_from(decode(f.content, 'base64'), 'UTF8'))::text || ',"' || f.name || '"' = e.line
       END AS text_matches_tool
FROM kat_files f LEFT JOIN kat_expected e ON e.line LIKE '%,"' || f.name || '"'
ORDER BY f.name;

-- empty input and NULL
SELECT fuzzy_hash(''::text), fuzzy_hash(''::bytea), fuzzy_hash(NULL::text) IS NULL AS null_in_null_out;
SELECT fuzzy_hash('A short line of text.' || chr(10));

-- the ssdeep type checks its input
SELECT '3:MRBwDFwv:MRBwDGv'::ssdeep;
SELECT '3::'::ssdeep;
SELECT '3221225472:abc:def'::ssdeep;
SELECT '5:abc:def'::ssdeep;
SELECT '0:abc:def'::ssdeep;
SELECT '6442450944:abc:def'::ssdeep;
SELECT 'not a hash'::ssdeep;
SELECT ''::ssdeep;
SELECT '3:abc'::ssdeep;
SELECT '3:abc:def:ghi'::ssdeep;
SELECT '3:ab=c:def'::ssdeep;
SELECT '3:MRBwDFwv:MRBwDGv,"short.txt"'::ssdeep;
SELECT ('3:' || repeat('A', 65) || ':B')::ssdeep;
SELECT ('3:' || repeat('A', 64) || ':' || repeat('B', 64))::ssdeep IS NOT NULL AS longest_parts_ok;

-- casts to and from text
SELECT 'x'::text::ssdeep;
SELECT '3:abc:def'::text::ssdeep;
SELECT pg_typeof(fuzzy_hash('abc')), pg_typeof(fuzzy_hash('abc')::text);
SELECT length(fuzzy_hash('abc'));
CREATE TEMP TABLE hashes (h ssdeep);
INSERT INTO hashes VALUES ('3:abc:def'::text);
INSERT INTO hashes VALUES ('7:abc:def'::text);
SELECT * FROM hashes;
SELECT ssdeep_send('3:abc:def');

-- compare
SELECT fuzzy_compare('3:MRBwDFwv:MRBwDGv', '3:MRBwDFwv:MRBwDGv');
SELECT fuzzy_compare('3:abcdefgh:abc', '24:abcdefgh:abc') AS incompatible_block_sizes;
SELECT fuzzy_compare('3:abc:def', NULL) IS NULL AS null_in_null_out;
SELECT fuzzy_compare('3:abc:def', 'garbage');
-- a document against itself with one sentence replaced: similar, not identical
WITH doc AS (SELECT convert_from(decode(content, 'base64'), 'UTF8') AS t FROM kat_files WHERE name = 'europe.txt')
SELECT fuzzy_compare(fuzzy_hash(t), fuzzy_hash(overlay(t placing 'INJECTED: buy cheap widgets at example.com today!' from 30000))) BETWEEN 60 AND 99 AS near_duplicate,
       fuzzy_compare(fuzzy_hash(t), fuzzy_hash(reverse(t))) < 20 AS unrelated
FROM doc;

-- 200 MB in one value: works, same as its bytes
SELECT split_part(h::text, ':', 1) AS block_size, h = (SELECT fuzzy_hash(convert_to(repeat('abcdefgh', 25 * 1024 * 1024), 'UTF8')))::text AS text_equals_bytea
FROM (SELECT fuzzy_hash(repeat('abcdefgh', 25 * 1024 * 1024)) AS h) s;
