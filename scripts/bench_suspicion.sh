#!/bin/sh
# suspicion_score beside fuzzy_hash through SQL on the same ~1 KB texts, same run,
# in SQLite and PostgreSQL.  Prints MB/s; never fails on speed.
# BENCH_QUICK=1: fewer texts.
set -e
cd "$(dirname "$0")/.."
n=20000
[ "${BENCH_QUICK:-}" = 1 ] && n=2000
tmp=$(mktemp -d /tmp/antidote-bench-susp.XXXXXX)
chmod 755 "$tmp"
/usr/bin/python3 tests/bench/suspicion_texts.py "$n" >"$tmp/texts.txt"
chmod 644 "$tmp/texts.txt"

echo "suspicion_score vs fuzzy_hash, $n texts of ~1 KB"
# The core alone (tests/bench/suspicion_speed.c): what SQL adds shows beside it.
make -s build/bench/suspicion_speed
build/bench/suspicion_speed "$tmp/texts.txt" 5 | grep -v '^checksum'
/usr/bin/python3 - "$tmp/texts.txt" build/antidote <<'PY'
import sqlite3, sys, time
texts = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(sys.argv[2])
db.execute("CREATE TABLE t(body TEXT)")
db.executemany("INSERT INTO t VALUES (?)", ((t,) for t in texts))
mb = db.execute("SELECT sum(length(CAST(body AS BLOB))) FROM t").fetchone()[0] / 1e6
for name, sql in (("fuzzy_hash", "SELECT count(fuzzy_hash(body)) FROM t"),
                  ("suspicion_score", "SELECT sum(suspicion_score(body)) FROM t")):
    db.execute(sql).fetchone()           # warm up
    best = None
    for _ in range(3):
        t0 = time.perf_counter()
        db.execute(sql).fetchone()
        dt = time.perf_counter() - t0
        best = dt if best is None or dt < best else best
    print(f"sqlite      {name:16} {mb / best:8.1f} MB/s  ({mb:.1f} MB in {best:.3f} s, best of 3)")
PY

# PostgreSQL: throwaway cluster, under the install lock for the whole run.
. tests/pg/cluster.sh
cleanup() { cluster_cleanup; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
install_locked
cluster_start PG
psql_() { as_cluster_user psql -X -q -h "$PG_HOST" -p "$PG_PORT" -d postgres "$@"; }
psql_ -c "CREATE EXTENSION antidote" \
	-c "CREATE TABLE t(body text)" \
	-c "\\copy t FROM '$tmp/texts.txt' WITH (FORMAT text)" \
	-c "ANALYZE t"
psql_ -t -A <<'SQL'
SET max_parallel_workers_per_gather = 0;
CREATE FUNCTION pg_temp.bench(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; best float8; dt float8;
BEGIN
	EXECUTE q;
	FOR i IN 1..3 LOOP
		t0 := clock_timestamp();
		EXECUTE q;
		dt := extract(epoch FROM clock_timestamp() - t0);
		best := least(coalesce(best, dt), dt);
	END LOOP;
	RETURN best;
END $$;
WITH m AS (SELECT sum(octet_length(body)) / 1e6 AS mb FROM t),
     r AS (SELECT 'fuzzy_hash' AS f, pg_temp.bench('SELECT count(fuzzy_hash(body)) FROM t') AS s
           UNION ALL
           SELECT 'suspicion_score', pg_temp.bench('SELECT sum(suspicion_score(body)) FROM t'))
SELECT format('postgresql  %-16s %8s MB/s  (%s MB in %s s, best of 3)',
              f, round((mb / s)::numeric, 1), round(mb::numeric, 1), round(s::numeric, 3))
FROM r, m;
SQL

# Injection detection beside two npm checkers on the held-out rows of the
# real-text evaluation (tests/eval/bench_peers.py); the packages go to
# build/peers, not the repository.  Skipped without node and npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
	if [ ! -d build/peers/node_modules/llm_guardrail ] || [ ! -d build/peers/node_modules/@andersmyrmel/vard ]; then
		mkdir -p build/peers
		[ -f build/peers/package.json ] || echo '{"name":"antidote-bench-peers","private":true}' >build/peers/package.json
		(cd build/peers && npm install --no-audit --no-fund --silent @andersmyrmel/vard@1.2.0 llm_guardrail@2.1.2) || true
	fi
	if [ -d build/peers/node_modules/llm_guardrail ]; then
		/usr/bin/python3 tests/eval/bench_peers.py build/antidote build/peers/node_modules
	else
		echo "peers: npm packages not installed, skipped"
	fi
else
	echo "peers: node or npm missing, skipped"
fi
