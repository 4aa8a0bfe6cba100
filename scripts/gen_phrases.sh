#!/bin/sh
# Compile the phrase lists (data/phrases/NAME.txt) into a C header:
# one array of string literals per list.  Usage: gen_phrases.sh OUT.h LIST.txt...
set -e
out=$1
shift
tmp=$out.tmp
mkdir -p "$(dirname "$out")"
{
	echo "/* Generated from data/phrases by scripts/gen_phrases.sh: do not edit. */"
	for f in "$@"; do
		name=$(basename "$f" .txt)
		echo "static const char *const ad_phrases_$name[] = {"
		sed -e '/^#/d' -e '/^[[:space:]]*$/d' -e 's/[\\"?]/\\&/g' -e 's/^.*$/	"&",/' "$f"
		echo "};"
	done
} >"$tmp"
mv "$tmp" "$out"
