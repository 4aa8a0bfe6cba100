/*
 * Every OpenSSL call of the provenance code: Ed25519 keys, signatures, key
 * generation, key ids and the public key cache.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "antidote.h"

#define ED25519_RAW 32
#define ED25519_SIG 64

struct ad_pubkey
{
	EVP_PKEY   *pkey;
	int			refs;
	char		id[AD_KEYID_MAX];
};

void
ad_free_secret(void *p, size_t len)
{
	if (p == NULL)
		return;
	OPENSSL_cleanse(p, len);
	free(p);
}

/* Refuse a passphrase prompt: encrypted private keys are not supported. */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void) buf;
	(void) size;
	(void) rwflag;
	(void) u;
	return -1;
}

/* "sha256:" + hex SHA-256 of the DER SubjectPublicKeyInfo of pkey. */
static ad_status
pkey_id(EVP_PKEY *pkey, char out[AD_KEYID_MAX])
{
	unsigned char *der = NULL;
	int			n = i2d_PUBKEY(pkey, &der);
	ad_status	st;

	if (n <= 0)
		return AD_ECRYPTO;
	memcpy(out, "sha256:", 7);
	st = ad_sha256_hex(der, (size_t) n, out + 7);
	OPENSSL_free(der);
	return st;
}

/* Value of a hex digit, or -1. */
static int
hex_digit(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 64 hex digits of a raw Ed25519 public key, or NULL. */
static EVP_PKEY *
pkey_from_hex(const char *s, size_t len)
{
	unsigned char raw[ED25519_RAW];
	size_t		i;

	if (len != 2 * ED25519_RAW)
		return NULL;
	for (i = 0; i < ED25519_RAW; i++)
	{
		int			hi = hex_digit((unsigned char) s[2 * i]);
		int			lo = hex_digit((unsigned char) s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return NULL;
		raw[i] = (unsigned char) (hi << 4 | lo);
	}
	return EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, ED25519_RAW);
}

/* Trim ASCII white space from both ends. */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r'))
	{
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
						(*s)[*len - 1] == '\n' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

/* Parse the text of a public key into an EVP_PKEY of any type. */
static ad_status
pkey_parse(const char *text, size_t len, EVP_PKEY **out)
{
	BIO		   *bio;

	*out = NULL;
	if (len > AD_KEY_TEXT_MAX)
		return AD_ETOOBIG;
	trim(&text, &len);
	if (len == 2 * ED25519_RAW)
	{
		*out = pkey_from_hex(text, len);
		if (*out == NULL)
		{
			ERR_clear_error();
			return AD_EKEY_FORMAT;
		}
		return AD_OK;
	}
	if (len < 10 || memcmp(text, "-----BEGIN", 10) != 0)
		return AD_EKEY_FORMAT;
	bio = BIO_new_mem_buf(text, (int) len);
	if (bio == NULL)
		return AD_ENOMEM;
	*out = PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	ERR_clear_error();
	return *out != NULL ? AD_OK : AD_EKEY_FORMAT;
}

ad_status
ad_pubkey_parse(const char *text, size_t len, ad_pubkey **out)
{
	EVP_PKEY   *pkey;
	ad_pubkey  *key;
	ad_status	st = pkey_parse(text, len, &pkey);

	*out = NULL;
	if (st != AD_OK)
		return st;
	if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_ED25519)
	{
		EVP_PKEY_free(pkey);
		return AD_EKEY_TYPE;
	}
	key = calloc(1, sizeof(*key));
	if (key == NULL)
	{
		EVP_PKEY_free(pkey);
		return AD_ENOMEM;
	}
	key->pkey = pkey;
	key->refs = 1;
	st = pkey_id(pkey, key->id);
	if (st != AD_OK)
	{
		ad_pubkey_free(key);
		return st;
	}
	*out = key;
	return AD_OK;
}

void
ad_pubkey_free(ad_pubkey *key)
{
	if (key == NULL || --key->refs > 0)
		return;
	EVP_PKEY_free(key->pkey);
	free(key);
}

const char *
ad_pubkey_id(const ad_pubkey *key)
{
	return key->id;
}

ad_status
ad_key_id(const char *text, size_t len, char out[AD_KEYID_MAX])
{
	ad_pubkey  *key;
	ad_status	st = ad_pubkey_parse(text, len, &key);

	if (st != AD_OK)
		return st;
	memcpy(out, key->id, AD_KEYID_MAX);
	ad_pubkey_free(key);
	return AD_OK;
}

ad_status
ad_ed25519_verify(const ad_pubkey *key, const unsigned char *msg, size_t msglen,
				  const unsigned char *sig, size_t siglen, int *ok)
{
	EVP_MD_CTX *md;
	int			rc;

	*ok = 0;
	if (siglen != ED25519_SIG)
		return AD_OK;
	md = EVP_MD_CTX_new();
	if (md == NULL)
		return AD_ENOMEM;
	if (EVP_DigestVerifyInit(md, NULL, NULL, NULL, key->pkey) != 1)
	{
		EVP_MD_CTX_free(md);
		ERR_clear_error();
		return AD_ECRYPTO;
	}
	rc = EVP_DigestVerify(md, sig, siglen, msg, msglen);
	EVP_MD_CTX_free(md);
	ERR_clear_error();
	*ok = (rc == 1);
	return AD_OK;
}

/* Parse an unencrypted PEM Ed25519 private key. */
static ad_status
privkey_parse(const char *pem, size_t len, EVP_PKEY **out)
{
	BIO		   *bio;

	*out = NULL;
	if (len > AD_KEY_TEXT_MAX)
		return AD_ETOOBIG;
	bio = BIO_new_mem_buf(pem, (int) len);
	if (bio == NULL)
		return AD_ENOMEM;
	*out = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	ERR_clear_error();
	if (*out == NULL)
		return AD_EPRIVKEY_FORMAT;
	if (EVP_PKEY_get_base_id(*out) != EVP_PKEY_ED25519)
	{
		EVP_PKEY_free(*out);
		*out = NULL;
		return AD_EKEY_TYPE;
	}
	return AD_OK;
}

ad_status
ad_ed25519_sign(const char *priv_pem, size_t priv_len,
				const unsigned char *msg, size_t msglen,
				unsigned char sig[64], char keyid[AD_KEYID_MAX])
{
	EVP_PKEY   *pkey;
	EVP_MD_CTX *md;
	size_t		siglen = ED25519_SIG;
	ad_status	st = privkey_parse(priv_pem, priv_len, &pkey);

	if (st != AD_OK)
		return st;
	md = EVP_MD_CTX_new();
	if (md == NULL)
		st = AD_ENOMEM;
	else if (EVP_DigestSignInit(md, NULL, NULL, NULL, pkey) != 1 ||
			 EVP_DigestSign(md, sig, &siglen, msg, msglen) != 1 ||
			 siglen != ED25519_SIG)
		st = AD_ECRYPTO;
	else
		st = pkey_id(pkey, keyid);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(pkey);
	ERR_clear_error();
	return st;
}

/* Copy the contents of a memory BIO into a malloc'd NUL-terminated buffer. */
static ad_status
bio_contents(BIO *bio, char **out, size_t *len)
{
	char	   *p;
	long		n = BIO_get_mem_data(bio, &p);

	if (n <= 0)
		return AD_ECRYPTO;
	*out = malloc((size_t) n + 1);
	if (*out == NULL)
		return AD_ENOMEM;
	memcpy(*out, p, (size_t) n);
	(*out)[n] = '\0';
	*len = (size_t) n;
	return AD_OK;
}

ad_status
ad_signing_keygen(char **priv_pem, size_t *priv_len,
				  char **pub_pem, size_t *pub_len, char keyid[AD_KEYID_MAX])
{
	EVP_PKEY   *pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	BIO		   *priv = BIO_new(BIO_s_secmem());
	BIO		   *pub = BIO_new(BIO_s_mem());
	ad_status	st = AD_OK;

	*priv_pem = *pub_pem = NULL;
	if (pkey == NULL || priv == NULL || pub == NULL)
		st = AD_ECRYPTO;
	else if (PEM_write_bio_PrivateKey(priv, pkey, NULL, NULL, 0, NULL, NULL) != 1 ||
			 PEM_write_bio_PUBKEY(pub, pkey) != 1)
		st = AD_ECRYPTO;
	if (st == AD_OK)
		st = bio_contents(priv, priv_pem, priv_len);
	if (st == AD_OK)
		st = bio_contents(pub, pub_pem, pub_len);
	if (st == AD_OK)
		st = pkey_id(pkey, keyid);
	if (st != AD_OK)
	{
		if (*priv_pem != NULL)
			ad_free_secret(*priv_pem, *priv_len);
		ad_free(*pub_pem);
		*priv_pem = *pub_pem = NULL;
	}
	BIO_free(priv);
	BIO_free(pub);
	EVP_PKEY_free(pkey);
	ERR_clear_error();
	return st;
}

/* ---- public key cache ---- */

typedef struct key_cache_entry
{
	uint64_t	hash;
	size_t		len;
	char	   *text;
	ad_pubkey  *key;
} key_cache_entry;

struct ad_key_cache
{
	key_cache_entry entries[AD_KEY_CACHE_SIZE];
	size_t		next;			/* round-robin victim */
};

/* FNV-1a, enough to skip most non-matching entries. */
static uint64_t
fnv1a(const char *s, size_t len)
{
	uint64_t	h = 14695981039346656037ULL;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char) s[i]) * 1099511628211ULL;
	return h;
}

ad_status
ad_key_cache_new(ad_key_cache **out)
{
	*out = calloc(1, sizeof(ad_key_cache));
	return *out != NULL ? AD_OK : AD_ENOMEM;
}

void
ad_key_cache_free(ad_key_cache *cache)
{
	size_t		i;

	if (cache == NULL)
		return;
	for (i = 0; i < AD_KEY_CACHE_SIZE; i++)
	{
		free(cache->entries[i].text);
		ad_pubkey_free(cache->entries[i].key);
	}
	free(cache);
}

ad_status
ad_key_cache_get(ad_key_cache *cache, const char *text, size_t len, ad_pubkey **out)
{
	uint64_t	h = fnv1a(text, len);
	key_cache_entry *e;
	ad_pubkey  *key;
	char	   *copy;
	size_t		i;
	ad_status	st;

	for (i = 0; i < AD_KEY_CACHE_SIZE; i++)
	{
		e = &cache->entries[i];
		if (e->key != NULL && e->hash == h && e->len == len && memcmp(e->text, text, len) == 0)
		{
			e->key->refs++;
			*out = e->key;
			return AD_OK;
		}
	}
	st = ad_pubkey_parse(text, len, &key);
	if (st != AD_OK)
		return st;
	copy = malloc(len + 1);
	if (copy == NULL)
	{
		ad_pubkey_free(key);
		return AD_ENOMEM;
	}
	memcpy(copy, text, len);
	e = &cache->entries[cache->next];
	cache->next = (cache->next + 1) % AD_KEY_CACHE_SIZE;
	free(e->text);
	ad_pubkey_free(e->key);
	e->hash = h;
	e->len = len;
	e->text = copy;
	e->key = key;
	key->refs++;
	*out = key;
	return AD_OK;
}
