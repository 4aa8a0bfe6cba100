#!/bin/sh
# PostgreSQL, on a cluster that logs every statement:
#  - every signing path (good, failing and generated keys) leaves no private key
#    material in the server log;
#  - envelopes signed by `openssl pkeyutl -sign -rawin` verify here, and envelopes
#    signed here verify with `openssl pkeyutl -verify`.
# Holds the install lock for its whole run, like tests/pg/run.sh.
set -eu
cd "$(dirname "$0")/../.."
. tests/pg/cluster.sh
. tests/dsse_openssl.sh
. tests/interop_common.sh
trap 'cluster_cleanup; dsse_openssl_cleanup' EXIT
trap 'exit 1' HUP INT TERM PIPE

exec 9>/tmp/antidote-pg-install.lock
flock 9

make -s install >/dev/null
CLUSTER_OPTS="-c log_statement=all -c log_min_duration_statement=0 -c log_min_error_statement=debug5 -c log_error_verbosity=verbose -c log_parameter_max_length=-1 -c log_parameter_max_length_on_error=-1"
cluster_start PG
export PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER="$CLUSTER_USER" PGDATABASE=postgres
sh tests/pg/make_keyring.sh "$PG_HOST/keyring" "$PG_HOST"

psql_q() {
	psql -X -q -At -v ON_ERROR_STOP=1 "$@"
}

# One statement with psql variables: pq SQL [-v name=value ...]
pq() {
	_sql=$1
	shift
	printf '%s\n' "$_sql" | psql_q "$@"
}

psql_q -c "CREATE EXTENSION antidote"
# Every signing path, through simple and extended protocol, successes and failures.
psql_q -v keyring="$PG_HOST/keyring" >"$DSSE_TMP/client.out" 2>&1 <<'SQL' || true
\set ON_ERROR_STOP 0
SET antidote.keyring_dir = :'keyring';
SELECT dsse_sign('application/vnd.in-toto+json', convert_to('{"_type":"https://in-toto.io/Statement/v1"}', 'UTF8'), 'signer-a');
SELECT dsse_sign('text/plain', '\x00', 'signer-b');
SELECT dsse_sign('text/plain', '\x00', $1) \gdesc
PREPARE s(text) AS SELECT dsse_sign('text/plain', '\x00', $1);
EXECUTE s('signer-a');
EXECUTE s('group-readable');
EXECUTE s('rsa');
EXECUTE s('junk');
EXECUTE s('link-to-a');
SELECT dsse_sign('', '\x00', 'signer-a');
SELECT dsse_sign('t', '\x00', '../keyring/signer-a');
SELECT * FROM signing_keygen('generated-a');
SELECT public_key, key_id FROM signing_keygen('generated-b');
SELECT signing_keygen('generated-b');
SELECT * FROM signing_keygen();
DO $$ BEGIN PERFORM dsse_sign('t', '\x00', 'rsa'); END $$;
SQL
log=$PG_LOG
# How many lines of FILE match the fixed string S, as "none" or "some".
seen() {
	if grep -qF -- "$1" "$2"; then echo some; else echo none; fi
}
expect "the server log holds the signing statements" "$(seen "'signer-b')" "$log")" some
expect "the server log holds the failures" "$(seen 'key file is accessible by group or others' "$log")" some
expect "the client received generated public keys" "$(seen 'BEGIN PUBLIC KEY' "$DSSE_TMP/client.out")" some
expect "the client received no private key" "$(seen 'PRIVATE KEY' "$DSSE_TMP/client.out")" none
expect "generated keys went to chmod-600 key files" "$(stat -c %a "$PG_HOST/keyring/generated-a" "$PG_HOST/keyring/generated-b" | sort -u)" 600
# Private key material: the base64 lines of every key file used and of every generated key.
leaks=0
for f in tests/data/keys/*.key; do
	grep -v '^-----' "$f" >>"$DSSE_TMP/secrets"
done
for f in "$PG_HOST/keyring/generated-a" "$PG_HOST/keyring/generated-b"; do
	grep -v '^-----' "$f" >>"$DSSE_TMP/secrets"
done
expect "key file lines to look for" "$(seen 'MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v' "$DSSE_TMP/secrets")" some
expect "generated key lines to look for" "$(grep -c '^MC4CAQAwBQYDK2VwBCIE' "$DSSE_TMP/secrets")" 4
while read -r line; do
	[ -n "$line" ] || continue
	if grep -qF -- "$(printf '%s' "$line" | cut -c1-40)" "$log"; then
		leaks=$((leaks + 1))
	fi
done <"$DSSE_TMP/secrets"
expect "no private key material in the server log" "$leaks" 0
expect "no PEM private key header in the server log" "$(seen 'PRIVATE KEY' "$log")" none
for seed in 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60 \
	4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb; do
	expect "no raw private seed in the server log" "$(seen "$seed" "$log")" none
done

# Interoperability with the openssl tool.
interop_files
b_pub=$(cat "$KEYS/rfc8032-b.pub")
a_pub=$(cat "$KEYS/rfc8032-a.pub")
env=$(cat "$DSSE_TMP/openssl-env.json")
content=$(cat "$DSSE_TMP/content")
expect "pg: key_id equals openssl's DER digest" \
	"$(pq "SELECT key_id(:'k')" -v k="$b_pub")" "$(openssl_keyid "$KEYS/rfc8032-b.pub")"
expect "pg: dsse_verify accepts the openssl envelope" \
	"$(pq "SELECT dsse_verify(:'e', :'k')" -v e="$env" -v k="$b_pub")" t
expect "pg: dsse_verify rejects it under another key" \
	"$(pq "SELECT dsse_verify(:'e', :'k')" -v e="$env" -v k="$a_pub")" f
pq "SELECT trust_key(:'k', 'openssl')" -v k="$b_pub" >/dev/null
expect "pg: provenance_verify of the openssl envelope" \
	"$(pq "SELECT provenance_verify(:'c', :'e')" -v e="$env" -v c="$content")" verified
expect "pg: provenance_verify of other content" \
	"$(pq "SELECT provenance_verify('other', :'e')" -v e="$env")" digest_mismatch
psql_q -v keyring="$PG_HOST/keyring" -v c="$content" >"$DSSE_TMP/ours.json" <<'SQL'
SET antidote.keyring_dir = :'keyring';
SELECT dsse_sign('application/vnd.in-toto+json',
                 convert_to(provenance_statement(:'c', 'pg', '2024-05-01T12:00:00Z')::text, 'UTF8'), 'signer-a');
SQL
interop_check_ours "$DSSE_TMP/ours.json"
[ "$INTEROP_FAILED" = 0 ]
