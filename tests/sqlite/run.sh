#!/bin/sh
# SQLite script tests: each tests/sqlite/NAME.sql runs in the sqlite3 shell with
# the extension loaded; its output (errors included) must equal expected/NAME.out.
set -u
cd "$(dirname "$0")/../.."
so=${1:-build/antidote.so}
mkdir -p build/sqlite_results
pass=0
fail=0
for t in tests/sqlite/*.sql; do
	name=$(basename "$t" .sql)
	out=build/sqlite_results/$name.out
	{ echo ".load ${so%.so}"; cat "$t"; } | ${SQLITE3:-sqlite3} -batch :memory: >"$out" 2>&1
	rc=$?
	[ "$rc" = 99 ] && echo "valgrind reported errors" >>"$out"
	if diff -u "tests/sqlite/expected/$name.out" "$out" >"build/sqlite_results/$name.diff"; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "FAIL $name"
		head -100 "build/sqlite_results/$name.diff"
	fi
done
echo "sqlite: $pass passed, $fail failed"
[ "$fail" = 0 ]
