#!/bin/sh
# fuzzy_hash throughput: SQLite and PostgreSQL through SQL vs libfuzzy in C, same 1 KB texts.
set -e
cd "$(dirname "$0")/.."
mkdir -p build/bench
n=20000
[ "${BENCH_QUICK:-}" = 1 ] && n=2000
/usr/bin/python3 scripts/gen_texts.py "$n" >build/bench/texts_1k.txt
cc -O2 -Wall -Wextra -Werror -o build/bench/bench_fuzzy tests/bench/bench_fuzzy.c -lfuzzy

. scripts/bench_pg.sh
/usr/bin/python3 scripts/bench_fuzzy.py "$PWD/build/bench/texts_1k.txt" build/bench/bench_fuzzy build/antidote.so
