#!/bin/sh
# fuzzy_hash throughput: SQLite and PostgreSQL through SQL vs libfuzzy in C, same 1 KB texts.
set -e
cd "$(dirname "$0")/.."
mkdir -p build/bench
n=20000
[ "${BENCH_QUICK:-}" = 1 ] && n=2000
/usr/bin/python3 scripts/gen_texts.py "$n" >build/bench/texts_1k.txt
cc -O2 -Wall -Wextra -Werror -o build/bench/bench_fuzzy tests/bench/bench_fuzzy.c -lfuzzy

. tests/pg/cluster.sh
trap cluster_cleanup EXIT INT TERM
exec 9>/tmp/antidote-pg-install.lock
flock 9
make -s install >/dev/null
cluster_start B
chmod 755 build build/bench
PGHOST=$B_HOST PGPORT=$B_PORT PGUSER=$CLUSTER_USER \
	/usr/bin/python3 scripts/bench_fuzzy.py "$PWD/build/bench/texts_1k.txt" build/bench/bench_fuzzy build/antidote.so
