#!/bin/sh
# The README's client examples (examples/jobs_*) run as written and print the same
# lines, tests/clients/jobs.expected, from Python and Node, against SQLite and
# against PostgreSQL (a throwaway cluster, one database per client).
#   tests/clients/run_examples.sh [build/antidote.so]
set -eu
cd "$(dirname "$0")/../.."
so=${1:-build/antidote.so}
mkdir -p build
pass=0
fail=0
# Compare the output file $1 of example $2 with the expected lines.
check() {
	if diff -u tests/clients/jobs.expected "$1"; then
		pass=$((pass + 1))
		echo "ok   $2"
	else
		fail=$((fail + 1))
		echo "FAIL $2"
	fi
}
/usr/bin/python3 examples/jobs_sqlite.py "$so" >build/jobs_sqlite_py.out 2>&1 || true
check build/jobs_sqlite_py.out "examples/jobs_sqlite.py (Python sqlite3)"

. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
install_locked
cluster_start E
export PGHOST="$E_HOST" PGPORT="$E_PORT" PGUSER="$CLUSTER_USER"
psql -X -q -c "CREATE DATABASE jobs_py" -c "CREATE DATABASE jobs_node" postgres
PGDATABASE=jobs_py /usr/bin/python3 examples/jobs_postgres.py >build/jobs_pg_py.out 2>&1 || true
check build/jobs_pg_py.out "examples/jobs_postgres.py (Python psycopg)"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -ge 20 ] && [ -d tests/clients/node/node_modules/pg ]; then
	PGDATABASE=jobs_node NODE_PATH=tests/clients/node/node_modules node examples/jobs_postgres.js \
		>build/jobs_pg_node.out 2>&1 || true
	check build/jobs_pg_node.out "examples/jobs_postgres.js (Node pg)"
else
	echo "skip examples/jobs_postgres.js: needs Node.js >= 20 and tests/clients/run_node.sh's npm install"
fi
echo "examples: $pass passed, $fail failed"
[ "$fail" = 0 ]
