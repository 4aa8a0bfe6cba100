/* Unit tests: base64, keys, DSSE (every upstream vector), statements, provenance, keyring. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "antidote.h"
#include "unit.h"

#define KEY_A_HEX "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
#define KEY_A_ID "sha256:06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9"
#define KEY_B_ID "sha256:deb2ded39dc26fce0e6085b6fc34bf6b5941913bbfe2ea614113cff9e004c170"

static char *
read_data(const char *datadir, const char *name, size_t *len)
{
	char		path[1024];

	snprintf(path, sizeof(path), "%s/%s", datadir, name);
	return unit_read_file(path, len);
}

static void
check_b64(const char *in, const char *want, size_t wantlen)
{
	unsigned char *out;
	size_t		len;

	CHECK(ad_base64_decode(in, strlen(in), &out, &len) == AD_OK);
	CHECK(len == wantlen && memcmp(out, want, wantlen) == 0);
	ad_free(out);
}

static void
test_base64(void)
{
	unsigned char *out;
	char	   *enc;
	size_t		len;
	static const char *const rfc4648[][2] = {
		{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
		{"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}
	};
	size_t		i;

	for (i = 0; i < 7; i++)
	{
		CHECK(ad_base64_encode((const unsigned char *) rfc4648[i][0], strlen(rfc4648[i][0]),
							   &enc, &len) == AD_OK);
		CHECK_STR(enc, rfc4648[i][1]);
		ad_free(enc);
		check_b64(rfc4648[i][1], rfc4648[i][0], strlen(rfc4648[i][0]));
	}
	/* Unpadded, URL-safe, standard. */
	check_b64("Zm9vYg", "foob", 4);
	check_b64("-_-_Pj8=", "\xfb\xff\xbf\x3e\x3f", 5);
	check_b64("+/+/Pj8", "\xfb\xff\xbf\x3e\x3f", 5);
	/* Bad characters, white space, bad padding, a lone sextet, non-zero leftover bits. */
	CHECK(ad_base64_decode("Zm9v!", 5, &out, &len) == AD_EBASE64);
	CHECK(ad_base64_decode("Zm9 v", 5, &out, &len) == AD_EBASE64);
	CHECK(ad_base64_decode("Zm9vY===", 8, &out, &len) == AD_EBASE64);
	CHECK(ad_base64_decode("Zm=", 3, &out, &len) == AD_EBASE64);
	CHECK(ad_base64_decode("Zm9vY", 5, &out, &len) == AD_EBASE64);
	CHECK(ad_base64_decode("Zh==", 4, &out, &len) == AD_EBASE64);
	CHECK(ad_base64_decode("Zm=v", 4, &out, &len) == AD_EBASE64);
}

static void
test_keys(const char *datadir)
{
	char		id[AD_KEYID_MAX];
	char	   *pem;
	size_t		len;
	ad_pubkey  *k;

	CHECK(ad_key_id(KEY_A_HEX, 64, id) == AD_OK);
	CHECK_STR(id, KEY_A_ID);
	pem = read_data(datadir, "keys/rfc8032-a.pub", &len);
	CHECK(pem != NULL);
	CHECK(pem != NULL && ad_key_id(pem, len, id) == AD_OK);
	CHECK_STR(id, KEY_A_ID);
	free(pem);
	pem = read_data(datadir, "keys/rfc8032-b.pub", &len);
	CHECK(pem != NULL && ad_key_id(pem, len, id) == AD_OK);
	CHECK_STR(id, KEY_B_ID);
	free(pem);
	/* Upper-case hex and surrounding white space are the same key. */
	CHECK(ad_key_id("  D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A\n", 67, id) == AD_OK);
	CHECK_STR(id, KEY_A_ID);
	/* Other key types are errors, never keys. */
	pem = read_data(datadir, "keys/rsa.pub", &len);
	CHECK(pem != NULL && ad_pubkey_parse(pem, len, &k) == AD_EKEY_TYPE);
	free(pem);
	pem = read_data(datadir, "keys/ec.pub", &len);
	CHECK(pem != NULL && ad_pubkey_parse(pem, len, &k) == AD_EKEY_TYPE);
	free(pem);
	/* A private key where a public one is expected, garbage, short hex. */
	pem = read_data(datadir, "keys/rfc8032-a.key", &len);
	CHECK(pem != NULL && ad_pubkey_parse(pem, len, &k) == AD_EKEY_FORMAT);
	free(pem);
	CHECK(ad_pubkey_parse("hello", 5, &k) == AD_EKEY_FORMAT);
	CHECK(ad_pubkey_parse(KEY_A_HEX, 62, &k) == AD_EKEY_FORMAT);
	CHECK(ad_pubkey_parse("zz5a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", 64, &k) == AD_EKEY_FORMAT);
	CHECK(ad_pubkey_parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", 57, &k) == AD_EKEY_FORMAT);
}

/*
 * Weak public keys (RFC 8032 5.1.3 decoding, small-order points).  The eight
 * small-order encodings are those listed in "Taming the many EdDSAs"
 * (Chalkias et al., 2020) and in libsodium's blocklist.
 */
static void
test_weak_keys(void)
{
	static const char *const small_order[] = {
		"0100000000000000000000000000000000000000000000000000000000000000",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"0000000000000000000000000000000000000000000000000000000000000000",
		"0000000000000000000000000000000000000000000000000000000000000080",
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
	};
	static const char *const noncanonical[] = {
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",	/* y = 2^255-1 */
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",	/* y = p */
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",	/* y = p + 1 */
		"0100000000000000000000000000000000000000000000000000000000000080",	/* identity, x = 0 with sign */
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",	/* y = -1, x = 0 with sign */
	};
	/* the identity point as a PEM SubjectPublicKeyInfo */
	static const char identity_pem[] =
		"-----BEGIN PUBLIC KEY-----\n"
		"MCowBQYDK2VwAyEAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
		"-----END PUBLIC KEY-----\n";
	static const char allff_pem[] =
		"-----BEGIN PUBLIC KEY-----\n"
		"MCowBQYDK2VwAyEA//////////////////////////////////////////8=\n"
		"-----END PUBLIC KEY-----\n";
	ad_pubkey  *k = NULL;
	ad_key_cache *c;
	char		id[AD_KEYID_MAX];
	size_t		i;
	size_t		one = 64;
	int			ok = 1,
				bad_arg = 0;
	size_t		bad_key = 0;
	const char *keys[1];
	/* one fixed signature (R = identity, S = 0) the identity key would accept for any payload */
	static const char env[] =
		"{\"payload\":\"UE9JU09O\",\"payloadType\":\"text/plain\",\"signatures\":[{\"keyid\":\"\","
		"\"sig\":\"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\"}]}";

	for (i = 0; i < sizeof(small_order) / sizeof(small_order[0]); i++)
	{
		CHECK(ad_pubkey_parse(small_order[i], 64, &k) == AD_EKEY_SMALL_ORDER && k == NULL);
		CHECK(ad_key_id(small_order[i], 64, id) == AD_EKEY_SMALL_ORDER);
	}
	for (i = 0; i < sizeof(noncanonical) / sizeof(noncanonical[0]); i++)
		CHECK(ad_pubkey_parse(noncanonical[i], 64, &k) == AD_EKEY_NONCANONICAL && k == NULL);
	/* y = 2 has no x on the curve */
	CHECK(ad_pubkey_parse("0200000000000000000000000000000000000000000000000000000000000000", 64, &k) == AD_EKEY_NOT_ON_CURVE);
	/* the same checks hold for PEM keys */
	CHECK(ad_pubkey_parse(identity_pem, sizeof(identity_pem) - 1, &k) == AD_EKEY_SMALL_ORDER);
	CHECK(ad_pubkey_parse(allff_pem, sizeof(allff_pem) - 1, &k) == AD_EKEY_NONCANONICAL);
	/* messages name the problem */
	CHECK_STR(ad_strerror(AD_EKEY_SMALL_ORDER), "public key is a small-order point");
	CHECK(ad_status_kind(AD_EKEY_NONCANONICAL) == AD_KIND_DATA);
	/* good keys still parse */
	CHECK(ad_pubkey_parse(KEY_A_HEX, 64, &k) == AD_OK);
	ad_pubkey_free(k);
	/* verification with the identity key is an error naming the key, never a pass */
	CHECK(ad_key_cache_new(&c) == AD_OK);
	keys[0] = small_order[0];
	CHECK(ad_dsse_verify_texts(c, env, sizeof(env) - 1, keys, &one, 1, 1, &ok, &bad_arg, &bad_key) == AD_EKEY_SMALL_ORDER);
	CHECK(ok == 0 && bad_arg == 2 && bad_key == 0);
	ad_key_cache_free(c);
}

static void
test_key_cache(void)
{
	ad_key_cache *c;
	ad_pubkey  *k1,
			   *k2,
			   *held;
	char		hex[65];
	int			i;

	CHECK(ad_key_cache_new(&c) == AD_OK);
	CHECK(ad_key_cache_get(c, KEY_A_HEX, 64, &k1) == AD_OK);
	CHECK(ad_key_cache_get(c, KEY_A_HEX, 64, &k2) == AD_OK);
	CHECK(k1 == k2);
	CHECK_STR(ad_pubkey_id(k1), KEY_A_ID);
	held = k1;
	ad_pubkey_free(k2);
	/* Many distinct keys evict the first; the caller's reference stays valid. */
	for (i = 0; i < 3 * AD_KEY_CACHE_SIZE; i++)
	{
		ad_pubkey  *k;
		ad_pubkey  *gen;
		char	   *priv,
				   *pub;
		size_t		pl,
					ul;
		char		id[AD_KEYID_MAX];

		if (i % 16 == 0)
		{
			CHECK(ad_signing_keygen(&priv, &pl, &pub, &ul, id) == AD_OK);
			CHECK(ad_key_cache_get(c, pub, ul, &k) == AD_OK);
			CHECK_STR(ad_pubkey_id(k), id);
			ad_pubkey_free(k);
			ad_free_secret(priv, pl);
			ad_free(pub);
			continue;
		}
		/* Distinct texts of the same key (case of one hex digit). */
		memcpy(hex, KEY_A_HEX, 65);
		hex[i % 64] = (hex[i % 64] >= 'a') ? (char) (hex[i % 64] - 32) : hex[i % 64];
		if (ad_key_cache_get(c, hex, 64, &gen) == AD_OK)
			ad_pubkey_free(gen);
	}
	CHECK_STR(ad_pubkey_id(held), KEY_A_ID);
	ad_pubkey_free(held);
	CHECK(ad_key_cache_get(c, "nope", 4, &k1) == AD_EKEY_FORMAT);
	ad_key_cache_free(c);
}

static int
hexval(char c)
{
	return c <= '9' ? c - '0' : c - 'a' + 10;
}

/* The envelope of one vector as JSON text, and its trusted keys. */
static void
run_vector(json_t *v, json_t *keys)
{
	const char *id = json_string_value(json_object_get(v, "id"));
	const char *expect = json_string_value(json_object_get(v, "expect"));
	const char *pae_hex = json_string_value(json_object_get(v, "pae"));
	char	   *env_text = json_dumps(json_object_get(v, "envelope"), JSON_COMPACT);
	json_t	   *trusted = json_object_get(v, "trustedKeys");
	ad_pubkey  *k[8];
	ad_dsse_envelope *env = NULL;
	size_t		i,
				nk = json_array_size(trusted);
	int			ok = 0;
	ad_status	st;

	for (i = 0; i < nk && i < 8; i++)
	{
		json_t	   *key = json_object_get(keys, json_string_value(json_array_get(trusted, i)));
		const char *pub = json_string_value(json_object_get(key, "public"));

		CHECK(ad_pubkey_parse(pub, strlen(pub), &k[i]) == AD_OK);
	}
	st = ad_dsse_parse(env_text, strlen(env_text), &env);
	if (st == AD_OK)
	{
		unsigned char *pae;
		size_t		plen,
					j;
		const char *type = ad_dsse_payload_type(env);
		const unsigned char *payload = ad_dsse_payload(env, &plen);
		size_t		paelen;

		/* Our PAE equals the vector's. */
		CHECK(ad_dsse_pae(type, strlen(type), payload, plen, &pae, &paelen) == AD_OK);
		for (j = 0; j < paelen && paelen * 2 == strlen(pae_hex); j++)
			if (pae[j] != (hexval(pae_hex[2 * j]) << 4 | hexval(pae_hex[2 * j + 1])))
				break;
		/* A swapped type: the vector's PAE is the signed one, not the envelope's. */
		if (strcmp(id, "payload-type-swapped") != 0)
			CHECK(paelen * 2 == strlen(pae_hex) && j == paelen);
		else
			CHECK(paelen * 2 != strlen(pae_hex) || j < paelen);
		ad_free(pae);
		st = ad_dsse_verify(env, (const ad_pubkey *const *) k, nk,
							(int) json_integer_value(json_object_get(v, "threshold")), &ok);
	}
	if ((strcmp(expect, "accept") == 0) != (st == AD_OK && ok))
		fprintf(stderr, "vector %s: status %d, ok %d, want %s\n", id, st, ok, expect);
	CHECK((strcmp(expect, "accept") == 0) == (st == AD_OK && ok));
	if (strcmp(id, "empty-payload-type") == 0)
		CHECK(st == AD_EDSSE_TYPE);
	ad_dsse_envelope_free(env);
	for (i = 0; i < nk; i++)
		ad_pubkey_free(k[i]);
	free(env_text);
}

static void
test_vectors(const char *datadir)
{
	size_t		len;
	char	   *text = read_data(datadir, "dsse-testvectors.json", &len);
	json_error_t err;
	json_t	   *root = text ? json_loadb(text, len, 0, &err) : NULL;
	json_t	   *v;
	size_t		i;

	CHECK(root != NULL);
	if (root == NULL)
		return;
	CHECK(json_array_size(json_object_get(root, "vectors")) == 9);
	json_array_foreach(json_object_get(root, "vectors"), i, v)
		run_vector(v, json_object_get(root, "keys"));
	json_decref(root);
	free(text);
}

static void
test_dsse_errors(void)
{
	ad_dsse_envelope *env;
	ad_pubkey  *k;
	int			ok;
	char		big[64];

#define PARSE(s) ad_dsse_parse((s), strlen(s), &env)
	CHECK(PARSE("{") == AD_EJSON);
	CHECK(PARSE("[]") == AD_EDSSE_FORMAT);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"t\",\"payloadType\":\"u\",\"signatures\":[{\"sig\":\"\"}]}") == AD_EJSON);
	CHECK(PARSE("{\"payload\":\"!!\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\"}]}") == AD_EBASE64);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"a\"}]}") == AD_EBASE64);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[]}") == AD_EDSSE_SIGCOUNT);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{}]}") == AD_EDSSE_FORMAT);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\",\"keyid\":1}]}") == AD_EDSSE_FORMAT);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":7,\"signatures\":[{\"sig\":\"\"}]}") == AD_EDSSE_FORMAT);
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"\",\"signatures\":[{\"sig\":\"\"}]}") == AD_EDSSE_TYPE);
	CHECK(ad_dsse_parse(big, (size_t) AD_DSSE_MAX_ENVELOPE + 1, &env) == AD_ETOOBIG);
	/* A truncated signature is a failed signature, not an error. */
	CHECK(PARSE("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHi\"}]}") == AD_OK);
	CHECK(ad_pubkey_parse(KEY_A_HEX, 64, &k) == AD_OK);
	CHECK(ad_dsse_verify(env, (const ad_pubkey *const *) &k, 1, 1, &ok) == AD_OK && ok == 0);
	CHECK(ad_dsse_verify(env, (const ad_pubkey *const *) &k, 1, 2, &ok) == AD_ETHRESHOLD);
	CHECK(ad_dsse_verify(env, (const ad_pubkey *const *) &k, 1, 0, &ok) == AD_ETHRESHOLD);
	CHECK(ad_dsse_nsigs(env) == 1 && ad_dsse_sig_keyid(env, 0) == NULL);
	ad_pubkey_free(k);
	ad_dsse_envelope_free(env);
#undef PARSE
}

static void
test_sign(const char *datadir)
{
	size_t		klen,
				jlen,
				pl,
				ul;
	char	   *priv = read_data(datadir, "keys/rfc8032-a.key", &klen);
	char	   *json,
			   *pub,
			   *gpriv;
	char		id[AD_KEYID_MAX];
	const char *payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}";
	ad_dsse_envelope *env;
	ad_pubkey  *k;
	int			ok;

	CHECK(priv != NULL);
	if (priv == NULL)
		return;
	/* Ed25519 is deterministic: key A over the first vector's payload gives its signature. */
	CHECK(ad_dsse_sign(AD_INTOTO_PAYLOAD_TYPE, strlen(AD_INTOTO_PAYLOAD_TYPE),
					   (const unsigned char *) payload, strlen(payload), priv, klen,
					   &json, &jlen) == AD_OK);
	CHECK_STR(json, "{\"payload\":\"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==\","
			  "\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"keyid\":\"" KEY_A_ID
			  "\",\"sig\":\"2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==\"}]}");
	ad_free(json);
	CHECK(ad_dsse_sign("", 0, (const unsigned char *) "x", 1, priv, klen, &json, &jlen) == AD_EDSSE_TYPE);
	CHECK(ad_dsse_sign("t", 1, (const unsigned char *) "x", 1, "junk", 4, &json, &jlen) == AD_EPRIVKEY_FORMAT);
	ad_free_secret(priv, klen);
	priv = read_data(datadir, "keys/rsa.key", &klen);
	CHECK(priv != NULL && ad_dsse_sign("t", 1, (const unsigned char *) "x", 1, priv, klen, &json, &jlen) == AD_EKEY_TYPE);
	ad_free_secret(priv, klen);

	/* A fresh key pair signs, and only its public key verifies. */
	CHECK(ad_signing_keygen(&gpriv, &pl, &pub, &ul, id) == AD_OK);
	CHECK(strncmp(gpriv, "-----BEGIN PRIVATE KEY-----", 27) == 0);
	CHECK(strncmp(pub, "-----BEGIN PUBLIC KEY-----", 26) == 0);
	CHECK(ad_dsse_sign("text/plain", 10, (const unsigned char *) "hi", 2, gpriv, pl, &json, &jlen) == AD_OK);
	CHECK(ad_dsse_parse(json, jlen, &env) == AD_OK);
	CHECK_STR(ad_dsse_sig_keyid(env, 0), id);
	CHECK(ad_pubkey_parse(pub, ul, &k) == AD_OK);
	CHECK(ad_dsse_verify(env, (const ad_pubkey *const *) &k, 1, 1, &ok) == AD_OK && ok == 1);
	ad_pubkey_free(k);
	CHECK(ad_pubkey_parse(KEY_A_HEX, 64, &k) == AD_OK);
	CHECK(ad_dsse_verify(env, (const ad_pubkey *const *) &k, 1, 1, &ok) == AD_OK && ok == 0);
	ad_pubkey_free(k);
	ad_dsse_envelope_free(env);
	ad_free(json);
	ad_free_secret(gpriv, pl);
	ad_free(pub);
}

static void
test_time(void)
{
	int64_t		t;
	char		out[AD_TIME_MAX];

	CHECK(ad_time_parse("1970-01-01T00:00:00Z", 20, &t) == AD_OK && t == 0);
	CHECK(ad_time_parse("2024-02-29 12:30:15.5+02:00", 27, &t) == AD_OK);
	CHECK(ad_time_format(t, out) == AD_OK);
	CHECK_STR(out, "2024-02-29T10:30:15.500000Z");
	CHECK(ad_time_parse("2024-05-01T00:00:00", 19, &t) == AD_OK);
	CHECK(ad_time_format(t, out) == AD_OK);
	CHECK_STR(out, "2024-05-01T00:00:00Z");
	CHECK(ad_time_format(-1, out) == AD_OK);
	CHECK_STR(out, "1969-12-31T23:59:59.999999Z");
	CHECK(ad_time_parse("2023-02-29T00:00:00Z", 20, &t) == AD_ETIME);
	CHECK(ad_time_parse("2024-13-01T00:00:00Z", 20, &t) == AD_ETIME);
	CHECK(ad_time_parse("2024-01-01", 10, &t) == AD_ETIME);
	CHECK(ad_time_parse("2024-01-01T00:00:00.Z", 21, &t) == AD_ETIME);
	CHECK(ad_time_parse("2024-01-01T00:00:00Zjunk", 24, &t) == AD_ETIME);
}

/* A statement for content, signed by the given key file into an envelope. */
static ad_dsse_envelope *
signed_statement(const char *datadir, const char *content, const char *keyfile)
{
	size_t		klen,
				slen,
				jlen;
	char	   *priv = read_data(datadir, keyfile, &klen);
	char	   *stmt,
			   *json;
	ad_dsse_envelope *env = NULL;

	CHECK(ad_provenance_statement((const unsigned char *) content, strlen(content),
								  "crawler-7", 9, 0, NULL, 0, &stmt, &slen) == AD_OK);
	CHECK(ad_dsse_sign(AD_INTOTO_PAYLOAD_TYPE, strlen(AD_INTOTO_PAYLOAD_TYPE),
					   (const unsigned char *) stmt, slen, priv, klen, &json, &jlen) == AD_OK);
	CHECK(ad_dsse_parse(json, jlen, &env) == AD_OK);
	ad_free(stmt);
	ad_free(json);
	ad_free_secret(priv, klen);
	return env;
}

static void
check_status(ad_dsse_envelope *env, const ad_pubkey *key, int revoked,
			 const char *content, ad_prov_result want)
{
	ad_prov_key pk = {key, revoked};
	ad_prov_result r;

	CHECK(ad_provenance_check(env, &pk, (const unsigned char *) content, strlen(content), &r) == AD_OK);
	if (r != want)
		fprintf(stderr, "provenance: got %s, want %s\n", ad_prov_result_name(r), ad_prov_result_name(want));
	CHECK(r == want);
}

static void
test_statement(const char *datadir)
{
	char	   *json;
	size_t		len;
	ad_dsse_envelope *env;
	ad_pubkey  *a,
			   *b;

	CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "site", 4, 1714564800000000LL,
								  "{\"lang\":\"en\"}", 13, &json, &len) == AD_OK);
	CHECK_STR(json, "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"collectedAt\":"
			  "\"2024-05-01T12:00:00Z\",\"extra\":{\"lang\":\"en\"},\"source\":\"site\"},\"predicateType\":"
			  "\"urn:antidote:provenance:v1\",\"subject\":[{\"digest\":{\"sha256\":"
			  "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"},\"name\":\"content\"}]}");
	ad_free(json);
	CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "s", 1, 0, "[1]", 3, &json, &len) == AD_EEXTRA);
	CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "s", 1, 0, "{", 1, &json, &len) == AD_EJSON);
	CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "\xff", 1, 0, NULL, 0, &json, &len) == AD_EUTF8);
	/* integers beyond 64 bits in extra come back with their own text */
	{
		static const char big[] = "{\"n\":-123456789012345678901234567890,\"a\":[18446744073709551616,1,2.5],"
			"\"p\":\"\\u0001big0:0\",\"k\":9223372036854775807}";

		CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "s", 1, 0, big, sizeof(big) - 1,
									  &json, &len) == AD_OK);
		CHECK(json != NULL && len == strlen(json) &&
			  strstr(json, "\"extra\":{\"a\":[18446744073709551616,1,2.5],\"k\":9223372036854775807,"
					 "\"n\":-123456789012345678901234567890,\"p\":\"\\u0001big0:0\"}") != NULL);
		ad_free(json);
		CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "s", 1, 0, "{\"r\":1e400}", 11,
									  &json, &len) == AD_EJSON);
		CHECK(ad_provenance_statement((const unsigned char *) "abc", 3, "s", 1, 0,
									  "{\"n\":99999999999999999999", 25, &json, &len) == AD_EJSON);
	}

	CHECK(ad_pubkey_parse(KEY_A_HEX, 64, &a) == AD_OK);
	CHECK(ad_pubkey_parse("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", 64, &b) == AD_OK);
	env = signed_statement(datadir, "hello", "keys/rfc8032-a.key");
	if (env != NULL)
	{
		check_status(env, a, 0, "hello", AD_PROV_VERIFIED);
		check_status(env, a, 0, "hello!", AD_PROV_DIGEST_MISMATCH);
		check_status(env, a, 1, "hello", AD_PROV_REVOKED_KEY);
		check_status(env, b, 0, "hello", AD_PROV_BAD_SIGNATURE);
		check_status(env, NULL, 0, "hello", AD_PROV_UNKNOWN_KEY);
		ad_dsse_envelope_free(env);
	}
	/* A signed payload that is not a statement is malformed. */
	json = "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"\"}]}";
	CHECK(ad_dsse_parse(json, strlen(json), &env) == AD_OK);
	check_status(env, a, 0, "hello", AD_PROV_MALFORMED);
	ad_dsse_envelope_free(env);
	json = "{\"payload\":\"e30=\",\"payloadType\":\"text/plain\",\"signatures\":[{\"sig\":\"\"}]}";
	CHECK(ad_dsse_parse(json, strlen(json), &env) == AD_OK);
	check_status(env, a, 0, "hello", AD_PROV_MALFORMED);
	ad_dsse_envelope_free(env);
	ad_pubkey_free(a);
	ad_pubkey_free(b);
	CHECK_STR(ad_prov_result_name(AD_PROV_UNSIGNED), "unsigned");
}

static void
test_keyring(const char *datadir)
{
	char		dir[] = "/tmp/antidote-unit-XXXXXX";
	char		path[256];
	char	   *buf;
	size_t		len;
	FILE	   *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/signer", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	fputs("-----BEGIN PRIVATE KEY-----\n", f);
	fclose(f);
	chmod(path, 0600);
	CHECK(ad_keyring_read(dir, "signer", 6, &buf, &len) == AD_OK);
	CHECK(len == 28 && memcmp(buf, "-----BEGIN", 10) == 0);
	ad_free_secret(buf, len);
	chmod(path, 0640);
	CHECK(ad_keyring_read(dir, "signer", 6, &buf, &len) == AD_EKEY_MODE);
	chmod(path, 0604);
	CHECK(ad_keyring_read(dir, "signer", 6, &buf, &len) == AD_EKEY_MODE);
	CHECK(ad_keyring_read(dir, "missing", 7, &buf, &len) == AD_EKEY_FILE);
	CHECK(ad_keyring_read(dir, "../signer", 9, &buf, &len) == AD_EKEY_NAME);
	CHECK(ad_keyring_read(dir, ".hidden", 7, &buf, &len) == AD_EKEY_NAME);
	CHECK(ad_keyring_read(dir, "a/b", 3, &buf, &len) == AD_EKEY_NAME);
	CHECK(ad_keyring_read(dir, "", 0, &buf, &len) == AD_EKEY_NAME);
	CHECK(ad_keyring_read(datadir, "keys", 4, &buf, &len) == AD_EKEY_FILE);

	/* ad_keyring_create: a new 0600 file with the private half, never replacing one */
	{
		char	   *pub = NULL,
				   *sig_key = NULL;
		size_t		pl = 0,
					kl = 0;
		char		id[AD_KEYID_MAX],
					id2[AD_KEYID_MAX],
					newpath[256];
		struct stat sb;
		unsigned char sig[64];

		CHECK(ad_keyring_create(dir, "fresh", 5, &pub, &pl, id) == AD_OK);
		CHECK(pub != NULL && strncmp(pub, "-----BEGIN PUBLIC KEY-----", 26) == 0);
		snprintf(newpath, sizeof(newpath), "%s/fresh", dir);
		CHECK(stat(newpath, &sb) == 0 && (sb.st_mode & 0777) == 0600);
		CHECK(ad_keyring_read(dir, "fresh", 5, &sig_key, &kl) == AD_OK);
		CHECK(sig_key != NULL && strncmp(sig_key, "-----BEGIN PRIVATE KEY-----", 27) == 0);
		/* the file's key is the returned key's private half */
		CHECK(ad_ed25519_sign(sig_key, kl, (const unsigned char *) "m", 1, sig, id2) == AD_OK);
		CHECK_STR(id2, id);
		ad_free_secret(sig_key, kl);
		ad_free(pub);
		pub = NULL;
		CHECK(ad_keyring_create(dir, "fresh", 5, &pub, &pl, id) == AD_EKEY_EXISTS && pub == NULL);
		CHECK(ad_keyring_create(dir, "signer", 6, &pub, &pl, id) == AD_EKEY_EXISTS);
		CHECK(ad_keyring_create(dir, "../x", 4, &pub, &pl, id) == AD_EKEY_NAME);
		CHECK(ad_keyring_create(dir, "..", 2, &pub, &pl, id) == AD_EKEY_NAME);
		CHECK(ad_keyring_create(dir, "a\0b", 3, &pub, &pl, id) == AD_EKEY_NAME);
		CHECK(ad_keyring_create("/nonexistent-antidote-dir", "k", 1, &pub, &pl, id) == AD_EKEY_FILE && pub == NULL);
		unlink(newpath);
	}
	unlink(path);
	rmdir(dir);
}

void
test_provenance(const char *datadir)
{
	test_base64();
	test_keys(datadir);
	test_weak_keys();
	test_key_cache();
	test_vectors(datadir);
	test_dsse_errors();
	test_sign(datadir);
	test_time();
	test_statement(datadir);
	test_keyring(datadir);
}
