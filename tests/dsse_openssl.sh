# DSSE with the openssl command line tool, independent of antidote; source this file.
#
#   pae TYPE PAYLOAD_FILE                   DSSE v1 PAE bytes on stdout
#   openssl_envelope KEY TYPE PAYLOAD_FILE  an envelope signed by `openssl pkeyutl -sign -rawin`
#   openssl_verify PUB ENVELOPE_FILE        checks every signature with `openssl pkeyutl -verify`
#   openssl_keyid PUB                       sha256: + hex SHA-256 of the DER SubjectPublicKeyInfo

DSSE_TMP=$(mktemp -d /tmp/antidote-dsse.XXXXXX)

pae() {
	printf 'DSSEv1 %d %s %d ' "$(printf '%s' "$1" | wc -c)" "$1" "$(wc -c <"$2")"
	cat "$2"
}

openssl_keyid() {
	printf 'sha256:%s' "$(openssl pkey -pubin -in "$1" -outform DER | sha256sum | cut -c1-64)"
}

openssl_envelope() {
	pae "$2" "$3" >"$DSSE_TMP/pae.bin"
	openssl pkeyutl -sign -rawin -inkey "$1" -in "$DSSE_TMP/pae.bin" -out "$DSSE_TMP/sig.bin"
	openssl pkey -in "$1" -pubout -out "$DSSE_TMP/signer.pub"
	printf '{"payload":"%s","payloadType":"%s","signatures":[{"keyid":"%s","sig":"%s"}]}' \
		"$(base64 -w0 "$3")" "$2" "$(openssl_keyid "$DSSE_TMP/signer.pub")" "$(base64 -w0 "$DSSE_TMP/sig.bin")"
}

openssl_verify() {
	/usr/bin/python3 - "$2" "$DSSE_TMP" <<'PY' || return 1
import base64, json, sys
env = json.load(open(sys.argv[1]))
t = env["payloadType"].encode()
p = base64.b64decode(env["payload"])
open(sys.argv[2] + "/pae.bin", "wb").write(b"DSSEv1 %d %s %d %s" % (len(t), t, len(p), p))
open(sys.argv[2] + "/sig.bin", "wb").write(base64.b64decode(env["signatures"][0]["sig"]))
PY
	openssl pkeyutl -verify -rawin -pubin -inkey "$1" -in "$DSSE_TMP/pae.bin" -sigfile "$DSSE_TMP/sig.bin"
}

dsse_openssl_cleanup() {
	rm -rf "$DSSE_TMP"
}
