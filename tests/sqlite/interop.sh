#!/bin/sh
# SQLite: envelopes signed by `openssl pkeyutl -sign -rawin` verify here, and
# envelopes signed here verify with `openssl pkeyutl -verify`.
set -eu
cd "$(dirname "$0")/../.."
so=${1:-build/antidote.so}
. tests/dsse_openssl.sh
. tests/interop_common.sh
trap dsse_openssl_cleanup EXIT
trap 'exit 1' HUP INT TERM PIPE

sq() {
	sqlite3 -batch -bail "$DSSE_TMP/db" -cmd ".load ${so%.so}" "$1"
}

interop_files
env="CAST(readfile('$DSSE_TMP/openssl-env.json') AS TEXT)"
content="readfile('$DSSE_TMP/content')"
expect "sqlite: key_id equals openssl's DER digest" \
	"$(sq "SELECT key_id(readfile('$KEYS/rfc8032-b.pub'))")" "$(openssl_keyid "$KEYS/rfc8032-b.pub")"
expect "sqlite: dsse_verify accepts the openssl envelope" \
	"$(sq "SELECT dsse_verify($env, readfile('$KEYS/rfc8032-b.pub'))")" 1
expect "sqlite: dsse_verify rejects it under another key" \
	"$(sq "SELECT dsse_verify($env, readfile('$KEYS/rfc8032-a.pub'))")" 0
sq "SELECT antidote_init(), trust_key(readfile('$KEYS/rfc8032-b.pub'), 'openssl')" >/dev/null
expect "sqlite: provenance_verify of the openssl envelope" \
	"$(sq "SELECT provenance_verify($content, $env)")" verified
expect "sqlite: provenance_verify of other content" \
	"$(sq "SELECT provenance_verify('other', $env)")" digest_mismatch

sq "SELECT dsse_sign('application/vnd.in-toto+json', provenance_statement($content, 'sqlite', '2024-05-01T12:00:00Z'), readfile('$KEYS/rfc8032-a.key'))" \
	>"$DSSE_TMP/ours.json"
interop_check_ours "$DSSE_TMP/ours.json"
[ "$INTEROP_FAILED" = 0 ]
