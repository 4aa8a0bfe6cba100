#!/bin/sh
# Parallel query: a filter on fuzzy_hash/fuzzy_compare over a large table with
# 0 and 2 workers, same query, same run.
set -e
cd "$(dirname "$0")/.."
n=200000
[ "${BENCH_QUICK:-}" = 1 ] && n=20000
mkdir -p build/bench
/usr/bin/python3 scripts/gen_texts.py "$n" >build/bench/texts_par.txt
. scripts/bench_pg.sh
psql -X -q -c "CREATE EXTENSION antidote; CREATE TABLE texts (t text);" \
	-c "\\copy texts from '$PWD/build/bench/texts_par.txt'" -c "VACUUM ANALYZE texts"
run() { # run WORKERS -> best execution time in ms of 3
	for i in 1 2 3; do
		psql -X -q -At -c "SET jit = off; SET max_parallel_workers_per_gather = $1;
			SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0;
			EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)
			SELECT count(*) FROM texts
			WHERE fuzzy_compare(fuzzy_hash(t), fuzzy_hash((SELECT t FROM texts LIMIT 1))) >= 50" |
			/usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Execution Time"])'
	done | sort -n | head -1
}
t0=$(run 0)
t2=$(run 2)
/usr/bin/python3 -c "
t0, t2 = $t0, $t2
print('parallel query on %d rows of 1 KB: fuzzy_compare(fuzzy_hash(t), ...) filter, best of 3' % $n)
print('  0 workers: %8.1f ms' % t0)
print('  2 workers: %8.1f ms   speed-up %.2fx (2 cores)' % (t2, t0 / t2))"
