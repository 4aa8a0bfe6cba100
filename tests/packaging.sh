#!/bin/sh
# Packaging checks: one version everywhere, and `make install DESTDIR=...` stages every file.
set -e
cd "$(dirname "$0")/.."
v=$(sed -n "s/^default_version = '\(.*\)'/\1/p" antidote.control)
h=$(sed -n 's/^#define ANTIDOTE_VERSION "\(.*\)"/\1/p' common/antidote.h)
m=$(/usr/bin/python3 -c 'import json; d = json.load(open("META.json")); print(d["version"], d["provides"]["antidote"]["version"])')
[ "$v" = "$h" ] || { echo "version: control $v, antidote.h $h" >&2; exit 1; }
[ "$m" = "$v $v" ] || { echo "version: control $v, META.json $m" >&2; exit 1; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
make -s install DESTDIR="$stage" >/dev/null
for f in "$(pg_config --pkglibdir)/antidote.so" \
	"$(pg_config --sharedir)/extension/antidote.control" \
	"$(pg_config --sharedir)/extension/antidote--$v.sql"; do
	[ -f "$stage$f" ] || { echo "DESTDIR install lacks $f" >&2; exit 1; }
done
echo "packaging: version $v in control, header and META.json; DESTDIR install complete"
