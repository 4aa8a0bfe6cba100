#!/bin/sh
# Near-duplicate search benchmark: indexed % probes against sequential scans and
# pg_trgm, index sizes, and near_duplicate_clusters over every row.  Prints
# figures; never fails on speed.  BENCH_ROWS sets the size (default 1,000,000
# rows of about 1 KB; BENCH_QUICK=1: 20,000).  Holds the install lock throughout.
set -e
cd "$(dirname "$0")/.."
if [ "${BENCH_QUICK:-}" = 1 ]; then ROWS=${BENCH_ROWS:-20000}; else ROWS=${BENCH_ROWS:-1000000}; fi
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM

mkdir -p build/bench
${CC:-cc} -O2 -Wall -Wextra -Werror -o build/bench/gen_corpus tests/bench/gen_corpus.c

install_locked
CLUSTER_OPTS="-c shared_buffers=1GB -c maintenance_work_mem=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c max_parallel_maintenance_workers=0 -c max_wal_size=4GB -c synchronous_commit=off -c autovacuum=off"
cluster_start B
psql_b() {
	as_cluster_user "$PGBIN/psql" -X -q -h "$B_HOST" -p "$B_PORT" -d postgres -v ON_ERROR_STOP=1 "$@"
}

echo "rows: $ROWS of about 1 KB; floods of 50 near-duplicates make up 2% of the rows, one flood of identical texts 5%"
psql_b <<'SQL'
CREATE EXTENSION antidote;
CREATE EXTENSION pg_trgm;
CREATE TABLE docs (id int PRIMARY KEY, flood int, src text, body text,
                   h ssdeep GENERATED ALWAYS AS (fuzzy_hash(body)) STORED,
                   m minhash GENERATED ALWAYS AS (minhash(body)) STORED);
CREATE TABLE timings (step text, seconds float8);
CREATE TABLE probes_run (method text, probe int, ms float8, found int, flood_hits int);
SQL

t0=$(date +%s.%N)
build/bench/gen_corpus "$ROWS" | psql_b -c "\\copy docs (id, flood, src, body) FROM STDIN"
t1=$(date +%s.%N)
printf "load with fuzzy_hash + minhash as generated columns: %.1f s\n" "$(echo "$t1 - $t0" | bc)"

psql_b <<'SQL'
\pset footer off
\o /dev/null
CREATE FUNCTION timed(step text, sql text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
	EXECUTE sql;
	INSERT INTO timings VALUES (step, extract(epoch FROM clock_timestamp() - t0));
END $$;
SELECT timed('gin (h) ssdeep_gin_ops', 'CREATE INDEX docs_h ON docs USING gin (h)');
SELECT timed('gin (m) minhash_gin_ops', 'CREATE INDEX docs_m ON docs USING gin (m)');
SELECT timed('gin (body gin_trgm_ops)', 'CREATE INDEX docs_trgm ON docs USING gin (body gin_trgm_ops)');
ANALYZE docs (id, flood, src, body, m);
\o
SELECT step AS index_build, round(seconds::numeric, 1) AS seconds FROM timings ORDER BY step;

-- Probes: 100 rows of planted floods (recall) and 100 unrelated rows.
-- k alternates between the two kinds, so the first n probes hold both.
CREATE TABLE probes AS
SELECT id, 2 * row_number() OVER (ORDER BY (id::bigint * 7919) % 100003) AS k FROM (SELECT id FROM docs WHERE flood >= 0 ORDER BY (id::bigint * 7919) % 100003 LIMIT 100) a
UNION ALL
SELECT id, 2 * row_number() OVER (ORDER BY (id::bigint * 7919) % 100003) + 1 FROM (SELECT id FROM docs WHERE flood IS NULL ORDER BY (id::bigint * 7919) % 100003 LIMIT 100) b;

CREATE FUNCTION run_probes(method text, cond text, nprobes int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE p record; t0 timestamptz; n int; hits int;
BEGIN
	FOR p IN SELECT d.id, d.flood, d.h, d.m, d.body FROM probes JOIN docs d USING (id) ORDER BY k LIMIT nprobes LOOP
		t0 := clock_timestamp();
		EXECUTE 'SELECT count(*), count(*) FILTER (WHERE flood = $4) FROM docs WHERE ' || cond
			INTO n, hits USING p.h, p.m, p.body, p.flood;
		INSERT INTO probes_run VALUES (method, p.id, extract(epoch FROM clock_timestamp() - t0) * 1000, n, hits);
	END LOOP;
END $$;

\o /dev/null
SET enable_seqscan = off;
-- Warm-up: one unrecorded pass over the probes' candidates, so that every method
-- is timed with the same pages cached.
SELECT run_probes('warm-up', 'h % $1 OR m % $2', 200);
DELETE FROM probes_run WHERE method = 'warm-up';
SELECT run_probes('ssdeep % (GIN)', 'h % $1', 200);
SELECT run_probes('minhash % (GIN)', 'm % $2', 200);
SELECT run_probes('ssdeep or minhash % (GIN)', 'h % $1 OR m % $2', 200);
SET pg_trgm.similarity_threshold = 0.3;
-- pg_trgm probes are slow on 1 KB texts: fewer of them.
SELECT run_probes('pg_trgm % 0.3 (GIN)', 'body % $3', 40);
RESET enable_seqscan;
SET enable_bitmapscan = off;
SET enable_indexscan = off;
SELECT run_probes('ssdeep (seq scan)', 'fuzzy_compare(h, $1) >= 60', 4);
SELECT run_probes('minhash (seq scan)', 'minhash_similarity(m, $2) >= 0.5', 4);
RESET enable_bitmapscan;
RESET enable_indexscan;
\o

SELECT method,
       count(*) AS probes,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS median_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p95_ms,
       round(avg(flood_hits::float8 / 50) FILTER (WHERE d.flood >= 0)::numeric, 3) AS flood_recall,
       round(avg(found - CASE WHEN d.flood >= 0 THEN flood_hits ELSE 1 END)::numeric, 1) AS unrelated_per_probe
FROM probes_run r JOIN docs d ON d.id = r.probe
GROUP BY method ORDER BY method;

SELECT round(((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM probes_run WHERE method = 'ssdeep (seq scan)') /
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM probes_run WHERE method = 'ssdeep % (GIN)'))::numeric, 0) AS ssdeep_index_speedup,
       round(((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM probes_run WHERE method = 'minhash (seq scan)') /
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FROM probes_run WHERE method = 'minhash % (GIN)'))::numeric, 0) AS minhash_index_speedup;

SELECT (SELECT avg(n) FROM (SELECT (SELECT count(*) FROM ssdeep_keys(h)) AS n FROM docs TABLESAMPLE SYSTEM (10)) s)::numeric(6,1) AS ssdeep_keys_per_row;
SELECT c.relname AS index, pg_size_pretty(pg_relation_size(c.oid)) AS size,
       round(pg_relation_size(c.oid)::numeric / (SELECT count(*) FROM docs), 0) AS bytes_per_row
FROM pg_class c WHERE c.relname IN ('docs_h', 'docs_m', 'docs_trgm') ORDER BY 1;

\o /dev/null
SELECT timed('near_duplicate_clusters', $q$CREATE TABLE clusters AS SELECT * FROM near_duplicate_clusters('SELECT id, body, src FROM docs')$q$);
\o
SELECT round(seconds::numeric, 1) AS near_duplicate_clusters_seconds FROM timings WHERE step = 'near_duplicate_clusters';
SELECT method, count(*) AS rows, count(DISTINCT cluster_id) AS clusters, max(cluster_size) AS largest, max(distinct_sources) AS most_sources
FROM clusters GROUP BY method ORDER BY method;
-- planted floods found whole: every member in one cluster of exactly its flood
SELECT count(*) AS floods, count(*) FILTER (WHERE whole) AS found_whole FROM (
  SELECT d.flood, count(DISTINCT c.cluster_id) = 1 AND count(c.id) = 50 AND min(c.cluster_size) = 50 AS whole
  FROM docs d LEFT JOIN clusters c ON c.id = d.id::text WHERE d.flood >= 0 GROUP BY d.flood) f;
SQL
