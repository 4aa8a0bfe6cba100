#!/bin/sh
# Guarded COPY vs unguarded COPY of the same rows, same run, beside the summed
# cost of the checks themselves (suspicion score and near-duplicate lookups
# run as plain queries over the same rows).
set -e
cd "$(dirname "$0")/.."
n=50000
[ "${BENCH_QUICK:-}" = 1 ] && n=5000
mkdir -p build/bench
/usr/bin/python3 scripts/gen_texts.py "$n" >build/bench/texts_guard.txt
. scripts/bench_pg.sh
f=$PWD/build/bench/texts_guard.txt
ms() { # ms SQL -> execution milliseconds of one psql run
	psql -X -q -At -c "SET max_parallel_workers_per_gather = 0; SET jit = off;" -c '\timing on' -c "$1" |
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
}
psql -X -q -c "CREATE EXTENSION antidote;
	CREATE TABLE src (t text); CREATE TABLE plain (body text); CREATE TABLE guarded (body text);
	CREATE INDEX ON plain USING gin ((fuzzy_hash(body))) WITH (fastupdate = off); CREATE INDEX ON plain USING gin ((minhash(body))) WITH (fastupdate = off);
	CREATE INDEX ON guarded USING gin ((fuzzy_hash(body))) WITH (fastupdate = off); CREATE INDEX ON guarded USING gin ((minhash(body))) WITH (fastupdate = off);
	CREATE TRIGGER g BEFORE INSERT ON guarded FOR EACH ROW EXECUTE FUNCTION
		antidote.guard('body', '', 'max_suspicion=0.8,max_near_duplicates=20,on_reject=quarantine');" \
	-c "\\copy src from '$f'"
plain=$(ms "COPY plain FROM '$f'")
guarded=$(ms "COPY guarded FROM '$f'")
score=$(ms "SELECT sum(suspicion_score(t, suspicion_settings())) FROM src")
lookup=$(ms "SELECT sum(k) FROM src s, LATERAL (SELECT count(*) AS k FROM (SELECT 1 FROM plain p
	WHERE fuzzy_hash(p.body) % fuzzy_hash(s.t) OR minhash(p.body) % minhash(s.t) LIMIT 21) x) y")
q=$(psql -X -At -c "SELECT count(*) FROM antidote.quarantine")
/usr/bin/python3 -c "
plain, guarded, score, lookup = $plain, $guarded, $score, $lookup
checks = score + lookup
print('guarded COPY of $n rows of ~1 KB (policy max_suspicion=0.8,max_near_duplicates=20,on_reject=quarantine; $q quarantined)')
print('  unguarded COPY (same GIN indexes)  %9.0f ms' % plain)
print('  guarded COPY                       %9.0f ms' % guarded)
print('  the checks alone: score %.0f ms + near-duplicate lookups %.0f ms = %.0f ms' % (score, lookup, checks))
print('  guarded / (unguarded + checks)     %9.2f   (overhead beyond the checks: %+.0f%%)' % (guarded / (plain + checks), 100 * (guarded / (plain + checks) - 1)))"
