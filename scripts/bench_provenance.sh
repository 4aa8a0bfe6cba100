#!/bin/sh
# dsse_verify throughput through SQL (SQLite and PostgreSQL, one backend, no
# parallel workers) beside `openssl speed ed25519` verify/s on the same machine
# in the same run.  Like `openssl speed` (which divides by CPU user time), the
# SQL figures divide by the user CPU time of the process that verifies (sqlite3,
# the PostgreSQL backend); the machine is shared, so each figure is the best of
# its runs (3 queries, 2 openssl runs).  Prints figures; never fails on speed.
# BENCH_QUICK=1: fewer rows and a 1-second openssl run.
set -eu
cd "$(dirname "$0")/.."
ROWS=10000
SECS=3
if [ -n "${BENCH_QUICK:-}" ]; then
	ROWS=2000
	SECS=1
fi
SO=build/antidote
KEY=tests/data/keys/rfc8032-a.key
PUB=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a

# verify/s of Ed25519 from `openssl speed` (last field of its Ed25519 line).
openssl_rate() {
	openssl speed -seconds "$SECS" ed25519 2>/dev/null | awk '/Ed25519\)/ { print $NF }'
}

rate() {
	awk -v n="$ROWS" -v ms="$1" 'BEGIN { printf "%.0f", n / (ms / 1000) }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
}

# SQLite: one connection, ROWS distinct envelopes.
sqlite_ms() {
	sqlite3 -batch :memory: <<SQL | awk '/^Run Time/ { ms = $6 * 1000; if (best == "" || ms < best) best = ms } END { print best }'
.load $SO
CREATE TABLE t AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $ROWS)
  SELECT dsse_sign('application/vnd.in-toto+json', 'row ' || i, readfile('$KEY')) AS env FROM c;
.timer on
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
SQL
}

# PostgreSQL: a throwaway cluster under the install lock, one backend.
pg_ms() {
	(
		CLUSTER_OPTS=""
		. tests/pg/cluster.sh
		trap cluster_cleanup EXIT
		trap 'exit 1' HUP INT TERM PIPE
		exec 9>/tmp/antidote-pg-install.lock
		flock 9
		make -s install >/dev/null
		cluster_start PG
		sh tests/pg/make_keyring.sh "$PG_HOST/keyring" "$PG_HOST"
		psql -X -q -At -h "$PG_HOST" -p "$PG_PORT" -U "$CLUSTER_USER" -d postgres \
			-v keyring="$PG_HOST/keyring" <<SQL | awk -v hz="$(getconf CLK_TCK)" '
				/^UTIME/ { if (prev != "") { ms = ($2 - prev) * 1000 / hz; if (best == "" || ms < best) best = ms } prev = $2 }
				END { print best }'
CREATE EXTENSION antidote;
SET antidote.keyring_dir = :'keyring';
SET max_parallel_workers_per_gather = 0;
CREATE TABLE t AS SELECT dsse_sign('application/vnd.in-toto+json', convert_to('row ' || i, 'UTF8'), 'signer-a') AS env
  FROM generate_series(1, $ROWS) i;
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
SELECT pg_backend_pid() AS bpid \\gset
\\setenv BPID :bpid
\\! awk '{ print "UTIME", \$14 }' /proc/\$BPID/stat
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
\\! awk '{ print "UTIME", \$14 }' /proc/\$BPID/stat
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
\\! awk '{ print "UTIME", \$14 }' /proc/\$BPID/stat
SELECT count(*) FROM t WHERE dsse_verify(env, '$PUB');
\\! awk '{ print "UTIME", \$14 }' /proc/\$BPID/stat
SQL
	)
}

make -s all >/dev/null
echo "dsse_verify throughput, $ROWS envelopes, one Ed25519 key (openssl speed -seconds $SECS)"
o1=$(openssl_rate)
s=$(rate "$(sqlite_ms)")
p=$(rate "$(pg_ms)")
o2=$(openssl_rate)
o=$(awk -v a="$o1" -v b="$o2" 'BEGIN { printf "%.0f", (a > b) ? a : b }')
printf '  %-34s %10s verify/s\n' "openssl speed ed25519 (best of 2)" "$o"
printf '  %-34s %10s verify/s  ratio %s\n' "SQLite dsse_verify" "$s" "$(ratio "$s" "$o")"
printf '  %-34s %10s verify/s  ratio %s\n' "PostgreSQL dsse_verify" "$p" "$(ratio "$p" "$o")"
printf '  (openssl runs: %s and %s verify/s)\n' "$o1" "$o2"
