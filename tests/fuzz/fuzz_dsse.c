/*
 * libFuzzer: DSSE envelope parsing, base64 and verification with a fixed key
 * (the Ed25519 key of RFC 8032 section 7.1, TEST 1), and sign/parse/verify
 * round trips with the input as payload.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char priv_pem[] =
"-----BEGIN PRIVATE KEY-----\n"
"MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
"-----END PRIVATE KEY-----\n";
static const char pub_pem[] =
"-----BEGIN PUBLIC KEY-----\n"
"MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
"-----END PUBLIC KEY-----\n";

/* The fixed public key, parsed once. */
static const ad_pubkey *
fixed_key(void)
{
	static ad_pubkey *key;

	if (key == NULL && ad_pubkey_parse(pub_pem, strlen(pub_pem), &key) != AD_OK)
		abort();
	return key;
}

/* A decoded value re-encodes to base64 that decodes to the same bytes. */
static void
check_base64(const uint8_t *data, size_t size)
{
	unsigned char *dec,
			   *dec2;
	char	   *enc;
	size_t		dlen,
				elen,
				dlen2;
	ad_status	st = ad_base64_decode((const char *) data, size, &dec, &dlen);

	if (st != AD_OK)
	{
		if ((st != AD_EBASE64 && st != AD_ENOMEM) || dec != NULL)
			abort();
		return;
	}
	if (dlen > size || ad_base64_encode(dec, dlen, &enc, &elen) != AD_OK || strlen(enc) != elen)
		abort();
	if (ad_base64_decode(enc, elen, &dec2, &dlen2) != AD_OK || dlen2 != dlen ||
		memcmp(dec, dec2, dlen) != 0)
		abort();
	ad_free(dec);
	ad_free(dec2);
	ad_free(enc);
}

/* Every parsed envelope is consistent, and threshold verification agrees with per-signature checks. */
static void
check_envelope(const char *json, size_t len, int must_verify)
{
	ad_dsse_envelope *env;
	const ad_pubkey *keys[1] = {fixed_key()};
	ad_prov_key pk[AD_DSSE_MAX_SIGNATURES];
	ad_prov_result res = (ad_prov_result) -1;
	size_t		i,
				n,
				plen;
	int			ok = -1,
				any = 0;
	ad_status	st = ad_dsse_parse(json, len, &env);

	if (st != AD_OK)
	{
		if (must_verify || (st != AD_EJSON && st != AD_EDSSE_FORMAT && st != AD_EDSSE_TYPE &&
							st != AD_EDSSE_SIGCOUNT && st != AD_EBASE64 && st != AD_ETOOBIG &&
							st != AD_EUTF8))
			abort();
		return;
	}
	n = ad_dsse_nsigs(env);
	if (n < 1 || n > AD_DSSE_MAX_SIGNATURES || ad_dsse_payload(env, &plen) == NULL ||
		ad_dsse_payload_type(env) == NULL || ad_dsse_payload_type(env)[0] == '\0')
		abort();
	for (i = 0; i < n; i++)
	{
		int			one = -1;

		if (ad_dsse_sig_verify(env, i, keys[0], &one) != AD_OK || (one != 0 && one != 1))
			abort();
		any |= one;
		pk[i].key = keys[0];
		pk[i].revoked = 0;
	}
	if (ad_dsse_verify(env, keys, 1, 1, &ok) != AD_OK || ok != any || (must_verify && !ok))
		abort();
	if (ad_dsse_verify(env, keys, 1, 2, &ok) != AD_ETHRESHOLD)
		abort();
	if (ad_provenance_check(env, pk, (const unsigned char *) json, len, &res) != AD_OK ||
		ad_prov_result_name(res) == NULL)
		abort();
	ad_dsse_envelope_free(env);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *json;
	size_t		jlen;
	static const char type[] = "application/octet-stream";

	check_base64(data, size);
	check_envelope((const char *) data, size, 0);
	/* The input as a payload: signing then verifying must succeed. */
	if (ad_dsse_sign(type, strlen(type), data, size, priv_pem, strlen(priv_pem),
					 &json, &jlen) != AD_OK)
		abort();
	check_envelope(json, jlen, 1);
	ad_free(json);
	return 0;
}
