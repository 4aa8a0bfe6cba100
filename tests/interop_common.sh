# Shared steps of the openssl interoperability tests; source after tests/dsse_openssl.sh.
#
#   interop_files          writes $DSSE_TMP/content, statement.json, openssl-env.json
#   expect NAME GOT WANT   records a check
#   interop_check_ours ENVELOPE_FILE   openssl verifies an envelope made here (and
#                                      rejects it under another key and when tampered)

INTEROP_FAILED=0
KEYS=tests/data/keys

expect() {
	if [ "$2" = "$3" ]; then
		echo "ok   $1"
	else
		echo "FAIL $1: got '$2', want '$3'"
		INTEROP_FAILED=1
	fi
}

interop_files() {
	printf 'Interop: a row whose provenance was signed outside the database.' >"$DSSE_TMP/content"
	/usr/bin/python3 - "$DSSE_TMP" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
content = open(d + "/content", "rb").read()
stmt = {"_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": "row", "digest": {"sha256": hashlib.sha256(content).hexdigest()}}],
        "predicateType": "https://example.org/anything/v1", "predicate": {"by": "openssl"}}
open(d + "/statement.json", "w").write(json.dumps(stmt, indent=1))
PY
	openssl_envelope "$KEYS/rfc8032-b.key" application/vnd.in-toto+json \
		"$DSSE_TMP/statement.json" >"$DSSE_TMP/openssl-env.json"
}

interop_check_ours() {
	if openssl_verify "$KEYS/rfc8032-a.pub" "$1" >/dev/null 2>&1; then r=verified; else r=failed; fi
	expect "openssl pkeyutl -verify accepts our envelope" "$r" verified
	if openssl_verify "$KEYS/rfc8032-b.pub" "$1" >/dev/null 2>&1; then r=verified; else r=failed; fi
	expect "openssl pkeyutl -verify rejects it under another key" "$r" failed
	sed 's/"payload":"./"payload":"A/' "$1" >"$DSSE_TMP/tampered.json"
	if openssl_verify "$KEYS/rfc8032-a.pub" "$DSSE_TMP/tampered.json" >/dev/null 2>&1; then r=verified; else r=failed; fi
	expect "openssl pkeyutl -verify rejects a tampered payload" "$r" failed
}
