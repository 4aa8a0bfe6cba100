# Sourced by scripts/bench_gin.sh and scripts/bench_gist.sh (from the
# repository's top directory): ROWS (BENCH_ROWS; default 200,000, BENCH_QUICK=1:
# 20,000), a throwaway cluster G with bench settings holding the install lock,
# psql_g, and the table docs (id, flood, src, body, h = fuzzy_hash(body)) of
# that many rows that recombine real sentences (scripts/gen_sentences.py).
if [ "${BENCH_QUICK:-}" = 1 ]; then ROWS=${BENCH_ROWS:-20000}; else ROWS=${BENCH_ROWS:-200000}; fi
. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM

install_locked
CLUSTER_OPTS="-c shared_buffers=1GB -c maintenance_work_mem=512MB -c work_mem=64MB -c max_parallel_workers_per_gather=0 -c max_parallel_maintenance_workers=0 -c max_wal_size=4GB -c synchronous_commit=off -c autovacuum=off"
cluster_start G
psql_g() {
	as_cluster_user "$PGBIN/psql" -X -q -h "$G_HOST" -p "$G_PORT" -d postgres -v ON_ERROR_STOP=1 "$@"
}

echo "rows: $ROWS of about 1 KB recombining real sentences; floods of 50 near-duplicates make up 2% of the rows"
psql_g <<'SQL'
CREATE EXTENSION antidote;
CREATE TABLE docs (id int PRIMARY KEY, flood int, src text, body text,
                   h ssdeep GENERATED ALWAYS AS (fuzzy_hash(body)) STORED);
SQL
/usr/bin/python3 scripts/gen_sentences.py "$ROWS" | psql_g -c "\\copy docs (id, flood, src, body) FROM STDIN"
