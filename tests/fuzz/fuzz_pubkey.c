/* libFuzzer: public-key parsing (PEM SPKI or hex), key ids, the key cache and JSON key lists. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A JSON list of keys: every element is a string of the stated length. */
static void
check_list(const char *s, size_t size)
{
	ad_strlist *list;
	size_t		i;
	ad_status	st = ad_json_string_array(s, size, &list);

	if (st != AD_OK)
		return;
	for (i = 0; i < list->n; i++)
		if (list->s[i] == NULL || memchr(list->s[i], '\0', list->len[i]) != NULL)
			abort();
	ad_strlist_free(list);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	ad_pubkey  *key;
	static ad_key_cache *cache;
	ad_pubkey  *cached;
	char		id[AD_KEYID_MAX];
	unsigned char sig[64] = {0};
	unsigned char sig2[64];
	char		keyid[AD_KEYID_MAX];
	int			ok = -1;
	ad_status	st = ad_pubkey_parse(s, size, &key);
	ad_status	st2 = ad_key_id(s, size, id);

	if (cache == NULL && ad_key_cache_new(&cache) != AD_OK)
		abort();
	if (st != st2)
		abort();
	if (st == AD_OK)
	{
		const char *kid = ad_pubkey_id(key);

		if (strncmp(kid, "sha256:", 7) != 0 || strlen(kid) != 71 || strcmp(kid, id) != 0)
			abort();
		if (ad_ed25519_verify(key, data, size, sig, sizeof(sig), &ok) != AD_OK || ok != 0)
			abort();
		if (ad_key_cache_get(cache, s, size, &cached) != AD_OK || strcmp(ad_pubkey_id(cached), kid) != 0)
			abort();
		ad_pubkey_free(cached);
		ad_pubkey_free(key);
	}
	else if (st != AD_EKEY_FORMAT && st != AD_EKEY_TYPE && st != AD_ETOOBIG &&
			 st != AD_EKEY_NONCANONICAL && st != AD_EKEY_NOT_ON_CURVE && st != AD_EKEY_SMALL_ORDER)
		abort();
	else if (ad_key_cache_get(cache, s, size, &cached) != st)
		abort();
	/* The input as a private key: a signature it makes verifies under its public key id. */
	st = ad_ed25519_sign(s, size, data, size, sig2, keyid);
	if (st == AD_OK && strncmp(keyid, "sha256:", 7) != 0)
		abort();
	if (st != AD_OK && st != AD_EPRIVKEY_FORMAT && st != AD_EKEY_TYPE && st != AD_ETOOBIG)
		abort();
	check_list(s, size);
	return 0;
}
