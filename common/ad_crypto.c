/*
 * Every OpenSSL call of the provenance code: Ed25519 keys, signatures, key
 * generation, key ids and the public key cache.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
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

/*
 * y coordinates (little-endian, sign bit clear) of the eight points of order
 * 1, 2, 4 and 8 on edwards25519: 0 (the two points of order 4), 1 (the
 * identity), p-1 (order 2) and the two y values of the four points of order 8.
 */
static const unsigned char small_order_y[5][ED25519_RAW] = {
	{0},
	{1},
	{0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89,
		0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39,
	0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
	{0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76,
		0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6,
	0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
};

/*
 * Decode a raw Ed25519 public key as RFC 8032 section 5.1.3 does and refuse
 * the keys a signature check cannot rely on: y not below p = 2^255-19, x = 0
 * with the sign bit set, y with no x on the curve, and the small-order points
 * (with such a key one signature verifies for many or all messages).
 * On the curve -x^2 + y^2 = 1 + d x^2 y^2, x exists iff (y^2-1)/(d y^2+1) is a
 * square mod p; d y^2 + 1 is never 0 (d is not a square), so that is Euler's
 * criterion on (y^2-1)(d y^2+1).
 */
static ad_status
ed25519_point_check(const unsigned char raw[ED25519_RAW])
{
	unsigned char ybytes[ED25519_RAW];
	int			sign = raw[ED25519_RAW - 1] >> 7;
	BN_CTX	   *bn = BN_CTX_new();
	BIGNUM	   *p,
			   *y,
			   *d,
			   *u,
			   *v,
			   *t;
	ad_status	st = AD_ECRYPTO;
	size_t		i;

	if (bn == NULL)
		return AD_ENOMEM;
	memcpy(ybytes, raw, ED25519_RAW);
	ybytes[ED25519_RAW - 1] &= 0x7f;
	BN_CTX_start(bn);
	p = BN_CTX_get(bn);
	y = BN_CTX_get(bn);
	d = BN_CTX_get(bn);
	u = BN_CTX_get(bn);
	v = BN_CTX_get(bn);
	t = BN_CTX_get(bn);
	if (t == NULL ||
		!BN_set_bit(p, 255) || !BN_sub_word(p, 19) ||
		BN_lebin2bn(ybytes, ED25519_RAW, y) == NULL)
		goto done;
	if (BN_cmp(y, p) >= 0)
	{
		st = AD_EKEY_NONCANONICAL;
		goto done;
	}
	/* d = -121665 / 121666 mod p */
	if (!BN_set_word(t, 121666) || BN_mod_inverse(d, t, p, bn) == NULL ||
		!BN_set_word(t, 121665) || !BN_sub(t, p, t) ||
		!BN_mod_mul(d, d, t, p, bn))
		goto done;
	/* u = y^2 - 1, v = d y^2 + 1 */
	if (!BN_mod_sqr(t, y, p, bn) ||
		!BN_copy(u, t) || !BN_sub_word(u, 1) ||
		!BN_mod_mul(v, d, t, p, bn) || !BN_add_word(v, 1) ||
		!BN_nnmod(u, u, p, bn) || !BN_nnmod(v, v, p, bn))
		goto done;
	if (BN_is_zero(u))
	{
		/* x = 0: only the encoding with the sign bit clear is canonical */
		if (sign)
		{
			st = AD_EKEY_NONCANONICAL;
			goto done;
		}
	}
	else
	{
		/* Euler's criterion: (u v)^((p-1)/2) must be 1 */
		if (!BN_mod_mul(u, u, v, p, bn) ||
			!BN_copy(t, p) || !BN_sub_word(t, 1) || !BN_rshift1(t, t) ||
			!BN_mod_exp(u, u, t, p, bn))
			goto done;
		if (!BN_is_one(u))
		{
			st = AD_EKEY_NOT_ON_CURVE;
			goto done;
		}
	}
	st = AD_OK;
	for (i = 0; i < sizeof(small_order_y) / sizeof(small_order_y[0]); i++)
		if (memcmp(ybytes, small_order_y[i], ED25519_RAW) == 0)
			st = AD_EKEY_SMALL_ORDER;
done:
	BN_CTX_end(bn);
	BN_CTX_free(bn);
	ERR_clear_error();
	return st;
}

ad_status
ad_pubkey_parse(const char *text, size_t len, ad_pubkey **out)
{
	EVP_PKEY   *pkey;
	ad_pubkey  *key;
	unsigned char raw[ED25519_RAW];
	size_t		rawlen = sizeof(raw);
	ad_status	st = pkey_parse(text, len, &pkey);

	*out = NULL;
	if (st != AD_OK)
		return st;
	if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_ED25519)
	{
		EVP_PKEY_free(pkey);
		return AD_EKEY_TYPE;
	}
	if (EVP_PKEY_get_raw_public_key(pkey, raw, &rawlen) != 1 || rawlen != ED25519_RAW)
	{
		EVP_PKEY_free(pkey);
		ERR_clear_error();
		return AD_EKEY_FORMAT;
	}
	st = ed25519_point_check(raw);
	if (st != AD_OK)
	{
		EVP_PKEY_free(pkey);
		return st;
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
