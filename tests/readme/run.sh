#!/bin/sh
# The README's examples run as written.  Every ```sql block preceded by the line
# `<!-- run: psql -->` runs, in order, in one psql session against a fresh
# database of a throwaway cluster; every block marked `<!-- run: sqlite3 -->`
# runs in one sqlite3 session.  Both stop at the first error, and their output
# must equal tests/readme/psql.out and tests/readme/sqlite3.out.  And the
# reference is complete: every function the extension adds to either engine
# is named in the README in backquotes.
#
# What the examples take as given: a keyring directory (antidote.keyring_dir)
# holding the private key file `crawler`, its public key as `crawler.pub` in the
# data directory (PostgreSQL) or the working directory (SQLite, beside
# `crawler.key`), and the built module at build/antidote (SQLite).
#
#   tests/readme/run.sh [psql|sqlite3|files]   (default: all)
#   ACCEPT=1 tests/readme/run.sh          record the current output as expected
set -e
cd "$(dirname "$0")/../.."
repo=$(pwd)
key=tests/data/keys/rfc8032-a
which=${1:-all}

# The body lines of the blocks marked for engine $1.
extract() {
	awk -v tag="<!-- run: $1 -->" '
		$0 == tag { armed = 1; next }
		armed && !inblock && /^```/ { inblock = 1; next }
		inblock && /^```/ { inblock = 0; armed = 0; n++; next }
		inblock { print }
		armed && !inblock && !/^```/ { armed = 0 }
		END { if (n == 0) exit 1 }' README.md
}

# Compare output $1 with expected $2; print the difference on failure.
check() {
	[ "${ACCEPT:-}" = 1 ] && cp "$1" "$2"
	if ! diff -u "$2" "$1"; then
		echo "README examples ($3): output differs from $2" >&2
		return 1
	fi
	echo "README examples ($3): $(grep -c . "$2") lines of output as expected"
}

# Every name on stdin must appear in the README as `name`.
check_reference() {
	missing=0
	total=0
	while read -r f; do
		total=$((total + 1))
		grep -qF "\`$f\`" README.md || { echo "README reference lacks \`$f\` ($1)" >&2; missing=$((missing + 1)); }
	done
	[ "$total" -gt 0 ] || { echo "README reference ($1): no functions listed" >&2; return 1; }
	[ "$missing" = 0 ] || return 1
	echo "README reference ($1): all $total functions named"
}

# The functions and table-valued modules loading the library adds to SQLite.
sqlite_names() {
	q="SELECT name FROM pragma_function_list UNION SELECT name FROM pragma_module_list"
	sqlite3 :memory: "$q" | sort -u >"$1/base.txt"
	sqlite3 :memory: ".load $repo/build/antidote" "$q" | sort -u >"$1/loaded.txt"
	comm -13 "$1/base.txt" "$1/loaded.txt"
}

# The extension's member functions that users call (not type, operator or
# operator class support functions), schema-qualified in schema antidote.
PG_NAMES="SELECT DISTINCT CASE WHEN n.nspname = 'antidote' THEN 'antidote.' ELSE '' END || p.proname
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_depend d ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'antidote'
WHERE p.oid NOT IN (SELECT typinput FROM pg_type UNION SELECT typoutput FROM pg_type
	UNION SELECT typreceive FROM pg_type UNION SELECT typsend FROM pg_type
	UNION SELECT oprcode FROM pg_operator UNION SELECT amproc FROM pg_amproc)"

run_sqlite() {
	work=$(mktemp -d /tmp/antidote-readme-sqlite.XXXXXX)
	extract sqlite3 >"$work/readme.sql"
	mkdir "$work/build"
	ln -s "$repo/build/antidote.so" "$work/build/antidote.so"
	cp "$key.pub" "$work/crawler.pub"
	cp "$key.key" "$work/crawler.key"
	status=0
	(cd "$work" && sqlite3 -bail -echo :memory: <readme.sql >out.txt 2>&1) || status=$?
	[ $status = 0 ] || { cat "$work/out.txt" >&2; echo "README examples (sqlite3): failed" >&2; rm -rf "$work"; return 1; }
	check "$work/out.txt" tests/readme/sqlite3.out sqlite3 || { rm -rf "$work"; return 1; }
	sqlite_names "$work" | check_reference SQLite || { rm -rf "$work"; return 1; }
	rm -rf "$work"
}

run_psql() {
	. tests/pg/cluster.sh
	trap cluster_cleanup EXIT INT TERM
	install_locked
	work=$(mktemp -d /tmp/antidote-readme-pg.XXXXXX)
	chmod 755 "$work"
	extract psql >"$work/readme.sql"
	chmod 644 "$work/readme.sql"
	# The keyring: one key file, readable by the server user only.
	CLUSTER_OPTS="-c antidote.keyring_dir=$work/keyring"
	cluster_start PG
	user=$(stat -c %U "$PG_DATA")
	install -d -m 700 -o "$user" "$work/keyring"
	install -m 600 -o "$user" "$key.key" "$work/keyring/crawler"
	install -m 600 -o "$user" "$key.pub" "$PG_DATA/crawler.pub"
	status=0
	as_cluster_user "$PGBIN/psql" -X -a -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
		-d postgres -f "$work/readme.sql" >"$work/out.txt" 2>&1 || status=$?
	[ $status = 0 ] || { cat "$work/out.txt" >&2; echo "README examples (psql): failed" >&2; rm -rf "$work"; return 1; }
	check "$work/out.txt" tests/readme/psql.out psql || { rm -rf "$work"; return 1; }
	as_cluster_user "$PGBIN/psql" -X -At -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" \
		-d postgres -c "$PG_NAMES" | check_reference PostgreSQL || { rm -rf "$work"; return 1; }
	rm -rf "$work"
}

# Every block marked `<!-- file: PATH -->` is PATH's text exactly (the client examples,
# which tests/clients/run_examples.sh runs).
run_files() {
	n=0
	for f in $(sed -n 's/^<!-- file: \(.*\) -->$/\1/p' README.md); do
		awk -v tag="<!-- file: $f -->" '
			$0 == tag { armed = 1; next }
			armed && !inblock && /^```/ { inblock = 1; next }
			inblock && /^```/ { exit }
			inblock { print }' README.md | diff -u "$f" - || { echo "README block of $f differs from the file" >&2; return 1; }
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { echo "README: no example file blocks" >&2; return 1; }
	echo "README example files: $n blocks equal their files"
}

case $which in
sqlite3) run_sqlite ;;
psql) run_psql ;;
files) run_files ;;
*) run_files && run_sqlite && run_psql ;;
esac
