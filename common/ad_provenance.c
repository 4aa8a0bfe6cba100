/*
 * The composite operations behind the provenance SQL functions, shared by
 * both bindings: key pairs as JSON, key lists, verification over key texts
 * through the cache, and provenance_verify's two steps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "antidote.h"

/* Append s[0..n) to buf at *off, escaping it as a JSON string body (PEM needs only \n). */
static void
put_json_string(char *buf, size_t *off, const char *s, size_t n)
{
	size_t		i;

	buf[(*off)++] = '"';
	for (i = 0; i < n; i++)
	{
		if (s[i] == '\n')
		{
			buf[(*off)++] = '\\';
			buf[(*off)++] = 'n';
		}
		else
			buf[(*off)++] = s[i];
	}
	buf[(*off)++] = '"';
}

ad_status
ad_signing_keygen_json(char **json, size_t *len)
{
	char	   *priv,
			   *pub,
			   *buf;
	size_t		pl,
				ul,
				off = 0,
				cap;
	char		id[AD_KEYID_MAX];
	ad_status	st = ad_signing_keygen(&priv, &pl, &pub, &ul, id);

	*json = NULL;
	if (st != AD_OK)
		return st;
	/* PEM is base64, dashes, spaces and newlines: only \n needs escaping. */
	cap = 64 + strlen(id) + 2 * pl + 2 * ul;
	buf = malloc(cap);
	if (buf == NULL)
		st = AD_ENOMEM;
	else
	{
		memcpy(buf + off, "{\"key_id\":", 10);
		off += 10;
		put_json_string(buf, &off, id, strlen(id));
		memcpy(buf + off, ",\"private_key\":", 15);
		off += 15;
		put_json_string(buf, &off, priv, pl);
		memcpy(buf + off, ",\"public_key\":", 14);
		off += 14;
		put_json_string(buf, &off, pub, ul);
		buf[off++] = '}';
		buf[off] = '\0';
		*json = buf;
		*len = off;
	}
	ad_free_secret(priv, pl);
	ad_free(pub);
	return st;
}

ad_status
ad_json_string_array(const char *json, size_t len, ad_strlist **out)
{
	json_error_t err;
	json_t	   *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
	ad_strlist *list;
	size_t		i;

	*out = NULL;
	if (root == NULL)
		return AD_EJSON;
	if (!json_is_array(root))
	{
		json_decref(root);
		return AD_EJSON;
	}
	list = calloc(1, sizeof(*list));
	if (list != NULL)
	{
		list->root = root;
		list->s = calloc(json_array_size(root) + 1, sizeof(char *));
		list->len = calloc(json_array_size(root) + 1, sizeof(size_t));
	}
	if (list == NULL || list->s == NULL || list->len == NULL)
	{
		ad_strlist_free(list);
		return AD_ENOMEM;
	}
	for (i = 0; i < json_array_size(root); i++)
	{
		json_t	   *v = json_array_get(root, i);

		if (!json_is_string(v))
		{
			ad_strlist_free(list);
			return AD_EJSON;
		}
		list->s[i] = json_string_value(v);
		list->len[i] = json_string_length(v);
		list->n++;
	}
	*out = list;
	return AD_OK;
}

void
ad_strlist_free(ad_strlist *list)
{
	if (list == NULL)
		return;
	json_decref((json_t *) list->root);
	free(list->s);
	free(list->len);
	free(list);
}

/* Release the first n keys of an array, then the array. */
static void
free_keys(ad_pubkey **keys, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		ad_pubkey_free(keys[i]);
	free(keys);
}

ad_status
ad_dsse_verify_texts(ad_key_cache *cache, const char *envtext, size_t envlen,
					 const char *const *keytexts, const size_t *keylens, size_t nkeys,
					 int threshold, int *ok, int *bad_arg, size_t *bad_key)
{
	ad_dsse_envelope *env;
	ad_pubkey **keys;
	size_t		i;
	ad_status	st;

	*ok = 0;
	*bad_arg = 3;
	*bad_key = 0;
	if (threshold < 1 || (size_t) threshold > nkeys)
		return AD_ETHRESHOLD;
	*bad_arg = 1;
	st = ad_dsse_parse(envtext, envlen, &env);
	if (st != AD_OK)
		return st;
	keys = calloc(nkeys, sizeof(ad_pubkey *));
	if (keys == NULL)
	{
		ad_dsse_envelope_free(env);
		return AD_ENOMEM;
	}
	for (i = 0; i < nkeys && st == AD_OK; i++)
		st = ad_key_cache_get(cache, keytexts[i], keylens[i], &keys[i]);
	if (st != AD_OK)
	{
		*bad_arg = 2;
		*bad_key = i - 1;
		free_keys(keys, i - 1);
	}
	else
	{
		st = ad_dsse_verify(env, (const ad_pubkey *const *) keys, nkeys, threshold, ok);
		free_keys(keys, nkeys);
	}
	ad_dsse_envelope_free(env);
	return st;
}

void
ad_dsse_verify_arg(int bad_arg, size_t bad_key, int list, char out[AD_ARG_NAME_MAX])
{
	if (bad_arg == 2 && list)
		snprintf(out, AD_ARG_NAME_MAX, "argument 2 element %zu", bad_key + 1);
	else
		snprintf(out, AD_ARG_NAME_MAX, "argument %d", bad_arg);
}

ad_status
ad_provenance_parse(const char *json, size_t len, ad_dsse_envelope **env,
					ad_prov_result *result)
{
	ad_status	st = ad_dsse_parse(json, len, env);

	*result = AD_PROV_MALFORMED;
	switch (ad_status_kind(st))
	{
		case AD_KIND_OK:
		case AD_KIND_NOMEM:
		case AD_KIND_INTERNAL:
			return st;
		default:
			return st == AD_ETOOBIG ? st : AD_OK;
	}
}

ad_status
ad_provenance_verify(ad_key_cache *cache, const ad_dsse_envelope *env,
					 const ad_registry_entry *entries,
					 const unsigned char *content, size_t clen,
					 ad_prov_result *result)
{
	size_t		n = ad_dsse_nsigs(env),
				i;
	ad_pubkey **keys = calloc(n, sizeof(ad_pubkey *));
	ad_prov_key *pk = calloc(n, sizeof(ad_prov_key));
	ad_status	st = AD_OK;

	*result = AD_PROV_MALFORMED;
	if (keys == NULL || pk == NULL)
		st = AD_ENOMEM;
	for (i = 0; i < n && st == AD_OK; i++)
	{
		pk[i].revoked = entries[i].revoked;
		if (entries[i].text != NULL)
			st = ad_key_cache_get(cache, entries[i].text, entries[i].len, &keys[i]);
		pk[i].key = keys[i];
	}
	if (st == AD_OK)
		st = ad_provenance_check(env, pk, content, clen, result);
	if (keys != NULL)
		free_keys(keys, n);
	free(pk);
	return st;
}

ad_status
ad_provenance_verify_keys(ad_key_cache *cache, const ad_dsse_envelope *env,
						  const char *const *keytexts, const size_t *keylens, size_t nkeys,
						  const unsigned char *content, size_t clen,
						  ad_prov_result *result, size_t *bad_key)
{
	size_t		n = env ? ad_dsse_nsigs(env) : 0,
				i,
				k;
	ad_pubkey **keys = calloc(nkeys ? nkeys : 1, sizeof(ad_pubkey *));
	ad_prov_key *pk = calloc(n ? n : 1, sizeof(ad_prov_key));
	ad_status	st = AD_OK;

	*bad_key = 0;
	if (keys == NULL || pk == NULL)
		st = AD_ENOMEM;
	/* Every key must be a valid Ed25519 public key, even if no signature names it. */
	for (k = 0; k < nkeys && st == AD_OK; k++)
		if ((st = ad_key_cache_get(cache, keytexts[k], keylens[k], &keys[k])) != AD_OK)
			*bad_key = k;
	/* The given keys stand for unrevoked registry rows, found by key id. */
	for (i = 0; i < n && st == AD_OK; i++)
	{
		const char *kid = ad_dsse_sig_keyid(env, i);

		for (k = 0; kid != NULL && k < nkeys && pk[i].key == NULL; k++)
			if (strcmp(kid, ad_pubkey_id(keys[k])) == 0)
				pk[i].key = keys[k];
	}
	if (st == AD_OK && env != NULL)
		st = ad_provenance_check(env, pk, content, clen, result);
	if (keys != NULL)
		free_keys(keys, nkeys);
	free(pk);
	return st;
}
