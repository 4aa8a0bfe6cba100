#!/bin/sh
# ssdeep % probes through the GIN index on documents that recombine real
# sentences (scripts/gen_sentences.py), against a sequential scan: median and
# p95 time, rows the index passed to the recheck, rows found, flood recall, at
# thresholds 60, 80, 95 and 100.  Prints figures; never fails on speed.  BENCH_ROWS sets
# the size (default 200,000 rows of about 1 KB; BENCH_QUICK=1: 20,000).  Holds
# the install lock throughout.
set -e
cd "$(dirname "$0")/.."
. scripts/sentence_docs.sh
psql_g <<'SQL'
CREATE TABLE probes_run (method text, probe int, ms float8, found int, flood_hits int, rechecked int);
SQL

psql_g <<'SQL'
\pset footer off
\timing off
\o /dev/null
CREATE INDEX docs_h ON docs USING gin (h);
VACUUM ANALYZE docs;
CREATE TABLE probes AS
SELECT id, 2 * row_number() OVER (ORDER BY (id::bigint * 7919) % 100003) AS k FROM (SELECT id FROM docs WHERE flood >= 0 ORDER BY (id::bigint * 7919) % 100003 LIMIT 100) a
UNION ALL
SELECT id, 2 * row_number() OVER (ORDER BY (id::bigint * 7919) % 100003) + 1 FROM (SELECT id FROM docs WHERE flood IS NULL ORDER BY (id::bigint * 7919) % 100003 LIMIT 100) b;

-- Time each probe, then count the rows its index scan handed to the recheck.
CREATE FUNCTION run_probes(method text, cond text, nprobes int, explain bool) RETURNS void LANGUAGE plpgsql AS $$
DECLARE p record; t0 timestamptz; n int; hits int; ms float8; plan json; rechecked int;
BEGIN
	FOR p IN SELECT d.id, d.flood, d.h FROM probes JOIN docs d USING (id) ORDER BY k LIMIT nprobes LOOP
		t0 := clock_timestamp();
		EXECUTE 'SELECT count(*), count(*) FILTER (WHERE flood = $2) FROM docs WHERE ' || cond
			INTO n, hits USING p.h, p.flood;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		rechecked := NULL;
		IF explain THEN
			EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT 1 FROM docs WHERE ' || replace(cond, '$1', quote_literal(p.h::text) || '::ssdeep')
				INTO plan;
			SELECT (x->>'Actual Rows')::int + coalesce((x->>'Rows Removed by Index Recheck')::int, 0) INTO rechecked
			FROM jsonb_path_query(plan::jsonb, 'strict $.**') x
			WHERE x->>'Node Type' = 'Bitmap Heap Scan';
		END IF;
		INSERT INTO probes_run VALUES (method, p.id, ms, n, hits, rechecked);
	END LOOP;
END $$;

SET enable_seqscan = off;
SET antidote.ssdeep_threshold = 60;
SELECT run_probes('warm-up', 'h % $1', 200, false);
DELETE FROM probes_run;
SELECT run_probes('ssdeep % 60 (GIN)', 'h % $1', 200, true);
SET antidote.ssdeep_threshold = 80;
SELECT run_probes('ssdeep % 80 (GIN)', 'h % $1', 200, true);
SET antidote.ssdeep_threshold = 95;
SELECT run_probes('ssdeep % 95 (GIN)', 'h % $1', 200, true);
SET antidote.ssdeep_threshold = 100;
SELECT run_probes('ssdeep % 100 (GIN)', 'h % $1', 200, true);
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
SELECT run_probes('ssdeep >= 60 (seq scan)', 'fuzzy_compare(h, $1) >= 60', 4, false);
\o
SELECT method,
       count(*) AS probes,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS median_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p95_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY rechecked)::numeric, 0) AS median_rechecked,
       max(rechecked) AS max_rechecked,
       round(avg(found)::numeric, 1) AS avg_found,
       round(avg(flood_hits::float8 / 50) FILTER (WHERE d.flood >= 0)::numeric, 3) AS flood_recall
FROM probes_run r JOIN docs d ON d.id = r.probe
GROUP BY method ORDER BY method;
SELECT round(((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM probes_run WHERE method = 'ssdeep >= 60 (seq scan)') /
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM probes_run WHERE method = 'ssdeep % 60 (GIN)'))::numeric, 0) AS gin_speedup_at_60;
-- The first 20 indexed probes found what a scan finds (the index is exact).
SELECT count(*) AS probes_differing_from_scan FROM probes_run r JOIN docs d ON d.id = r.probe JOIN probes p ON p.id = r.probe
WHERE r.method = 'ssdeep % 60 (GIN)' AND p.k <= 20 AND r.found <> (SELECT count(*) FROM docs x WHERE fuzzy_compare(x.h, d.h) >= 60);
SQL
