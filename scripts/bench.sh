#!/bin/sh
# Run every benchmark (scripts/bench_*.sh) in turn.  Prints figures; never fails on speed.
# BENCH_QUICK=1 asks each benchmark for a small, quick run.
set -e
cd "$(dirname "$0")/.."
for b in scripts/bench_*.sh; do
	[ -e "$b" ] || continue
	echo "== $b"
	sh "$b"
done
