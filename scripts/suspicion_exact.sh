#!/bin/sh
# Do two builds measure the same?  Every raw signal value (hexadecimal),
# reason and score, and suspicion_signals, of the benchmark texts and the
# evaluation corpora (tests/bench/exact_texts.py), from the core of REV (a
# commit, default HEAD) and of the work tree, each in its own process; prints
# the first differences and fails on any.
#   scripts/suspicion_exact.sh [REV]
set -e
cd "$(dirname "$0")/.."
rev=${1:-HEAD}
tmp=$(mktemp -d /tmp/antidote-exact.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
/usr/bin/python3 tests/bench/exact_texts.py 2000 >"$tmp/records"
# REV's core with this tree's driver (its -exact mode may be newer than REV).
mkdir "$tmp/old"
git archive "$rev" | tar -x -C "$tmp/old"
cp tests/bench/suspicion_speed.c "$tmp/old/tests/bench/suspicion_speed.c"
make -s -C "$tmp/old" build/bench/suspicion_speed >/dev/null
make -s build/bench/suspicion_speed
"$tmp/old/build/bench/suspicion_speed" -exact "$tmp/records" >"$tmp/old.out"
build/bench/suspicion_speed -exact "$tmp/records" >"$tmp/new.out"
n=$(grep -c '^text ' "$tmp/new.out")
if cmp -s "$tmp/old.out" "$tmp/new.out"; then
	echo "suspicion exact: $n texts measure the same in $rev and the work tree"
else
	diff "$tmp/old.out" "$tmp/new.out" | head -20
	echo "suspicion exact: $rev and the work tree differ" >&2
	exit 1
fi
