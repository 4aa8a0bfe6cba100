#!/bin/sh
# Top-k near-duplicate search, ORDER BY h <-> probe LIMIT 10, through the GiST
# class ssdeep_gist_ops against a sequential scan, on documents that recombine
# real sentences (scripts/gen_sentences.py, as scripts/bench_gin.sh): median
# and p95 time, index pages read, whether the index's top 10 equal the scan's;
# and build time and size of the GiST index beside the GIN index.  Prints
# figures; never fails on speed.  BENCH_ROWS sets the size (default 200,000 rows
# of about 1 KB; BENCH_QUICK=1: 20,000).  Holds the install lock throughout.
set -e
cd "$(dirname "$0")/.."
. scripts/sentence_docs.sh
psql_g <<'SQL'
CREATE TABLE builds (index text, seconds float8, size bigint);
CREATE TABLE knn_run (method text, probe int, ms float8, kth int, index_pages int);
CREATE TABLE knn_rows (method text, probe int, rank int, id int, d int);
SQL

psql_g <<'SQL'
\pset footer off
\timing off
\o /dev/null
VACUUM ANALYZE docs;
CREATE FUNCTION build(name text, ddl text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
	EXECUTE ddl;
	INSERT INTO builds VALUES (name, extract(epoch FROM clock_timestamp() - t0), pg_relation_size(name));
END $$;
SELECT build('docs_gin', 'CREATE INDEX docs_gin ON docs USING gin (h)');
SELECT build('docs_gist', 'CREATE INDEX docs_gist ON docs USING gist (h ssdeep_gist_ops)');
CREATE TABLE probes AS
SELECT id, 2 * row_number() OVER (ORDER BY (id::bigint * 7919) % 100003) AS k FROM (SELECT id FROM docs WHERE flood >= 0 ORDER BY (id::bigint * 7919) % 100003 LIMIT 100) a
UNION ALL
SELECT id, 2 * row_number() OVER (ORDER BY (id::bigint * 7919) % 100003) + 1 FROM (SELECT id FROM docs WHERE flood IS NULL ORDER BY (id::bigint * 7919) % 100003 LIMIT 100) b;

-- Time each probe's top 10, keep its rows, then count the index pages its scan read.
CREATE FUNCTION run_knn(method text, tiebreak text, nprobes int, explain bool) RETURNS void LANGUAGE plpgsql AS $$
DECLARE p record; t0 timestamptz; ms float8; plan json; pages int; q text;
BEGIN
	q := 'SELECT id, h <-> $1 AS d FROM docs ORDER BY h <-> $1' || tiebreak || ' LIMIT 10';
	FOR p IN SELECT d.id, d.h FROM probes JOIN docs d USING (id) ORDER BY k LIMIT nprobes LOOP
		t0 := clock_timestamp();
		EXECUTE 'INSERT INTO knn_rows SELECT $2, $3, row_number() OVER (), id, d FROM (' || q || ') s'
			USING p.h, method, p.id;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		pages := NULL;
		IF explain THEN
			EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, FORMAT JSON) ' || replace(q, '$1', quote_literal(p.h::text) || '::ssdeep')
				INTO plan;
			SELECT (x->>'Shared Hit Blocks')::int + (x->>'Shared Read Blocks')::int INTO pages
			FROM jsonb_path_query(plan::jsonb, 'strict $.**') x
			WHERE x->>'Node Type' = 'Index Scan';
		END IF;
		INSERT INTO knn_run VALUES (method, p.id, ms,
			(SELECT max(d) FROM knn_rows r WHERE r.method = run_knn.method AND r.probe = p.id), pages);
	END LOOP;
END $$;

SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT run_knn('warm-up', '', 200, false);
DELETE FROM knn_run;
DELETE FROM knn_rows;
SELECT run_knn('top 10 by <-> (GiST)', '', 200, true);
RESET enable_seqscan;
SET enable_indexscan = off;
SELECT run_knn('top 10 by <-> (seq scan)', ', id', 20, false);
\o
SELECT index, round(seconds::numeric, 1) AS build_s, pg_size_pretty(size) AS size FROM builds ORDER BY index;
SELECT method, CASE WHEN d.flood >= 0 THEN 'flood member' ELSE 'unrelated' END AS probe_kind,
       count(*) AS probes,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS median_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p95_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY index_pages)::numeric, 0) AS median_index_pages,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY kth)::numeric, 0) AS median_10th_distance
FROM knn_run r JOIN docs d ON d.id = r.probe GROUP BY 1, 2 ORDER BY 1, 2;
SELECT (SELECT pg_relation_size('docs_gist') / 8192) AS gist_pages,
       round(((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM knn_run WHERE method = 'top 10 by <-> (seq scan)') /
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM knn_run WHERE method = 'top 10 by <-> (GiST)'))::numeric, 1) AS gist_speedup;
-- The index's top 10 of the probes the scan also ran: the same distances rank by rank.
SELECT count(DISTINCT s.probe) AS probes_compared,
       count(*) FILTER (WHERE g.d IS DISTINCT FROM s.d) AS ranks_differing
FROM knn_rows s LEFT JOIN knn_rows g ON g.method = 'top 10 by <-> (GiST)' AND g.probe = s.probe AND g.rank = s.rank
WHERE s.method = 'top 10 by <-> (seq scan)';
SQL
