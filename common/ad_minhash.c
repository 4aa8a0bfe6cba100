/* MinHash signatures of word shingles, their similarity and LSH band keys. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "antidote.h"

#define AD_MINHASH_VERSION 1

/*
 * Permutation i maps a shingle hash x to the top 32 bits of a[i] * x + b[i]
 * (mod 2^64).  The constants are kept split into 32-bit halves so that the
 * product can be formed from 32-bit pieces (below), which vectorizes.
 */
static uint32_t perm_alo[AD_MINHASH_PERMS];
static uint32_t perm_ahi[AD_MINHASH_PERMS];
static uint64_t perm_b[AD_MINHASH_PERMS];
static pthread_once_t perm_once = PTHREAD_ONCE_INIT;

/* Derive the permutation constants from XXH64 with fixed seeds. */
static void
perm_init(void)
{
	static const char tag[] = "antidote minhash permutations";
	int			i;

	for (i = 0; i < AD_MINHASH_PERMS; i++)
	{
		uint64_t	a = XXH64(tag, sizeof(tag) - 1, (XXH64_hash_t) (2 * i)) | 1;

		perm_alo[i] = (uint32_t) a;
		perm_ahi[i] = (uint32_t) (a >> 32);
		perm_b[i] = XXH64(tag, sizeof(tag) - 1, (XXH64_hash_t) (2 * i + 1));
	}
}

/*
 * Fold one shingle into the running minima.  With a = ahi:alo and x = xhi:xlo,
 * a * x + b = (alo * xlo + b) + 2^32 (ahi * xlo + alo * xhi)  (mod 2^64), so the
 * top 32 bits are hi32(alo * xlo + b) + ahi * xlo + alo * xhi  (mod 2^32): the
 * same value as the 64-bit product, from multiplications a vector unit has.
 * Built for AVX2 too, chosen at load time where the CPU has it.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
static void
add_shingle(const char *s, size_t len, uint32_t *restrict mins)
{
	uint64_t	x = XXH3_64bits(s, len);
	uint32_t	xlo = (uint32_t) x,
				xhi = (uint32_t) (x >> 32);
	int			i;

	for (i = 0; i < AD_MINHASH_PERMS; i++)
	{
		uint64_t	t = (uint64_t) perm_alo[i] * xlo + perm_b[i];
		uint32_t	v = (uint32_t) (t >> 32) + perm_ahi[i] * xlo + perm_alo[i] * xhi;

		mins[i] = v < mins[i] ? v : mins[i];
	}
}

static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) v;
	p[1] = (unsigned char) (v >> 8);
	p[2] = (unsigned char) (v >> 16);
	p[3] = (unsigned char) (v >> 24);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* Offset just past the word that starts at i (words are separated by one space). */
static size_t
word_end(const char *s, size_t len, size_t i)
{
	const char *sp = memchr(s + i, ' ', len - i);

	return sp ? (size_t) (sp - s) : len;
}

void
ad_minhash_normalized(const char *norm, size_t len, unsigned char out[AD_MINHASH_BYTES])
{
	uint32_t	mins[AD_MINHASH_PERMS];
	size_t		starts[AD_MINHASH_SHINGLE];
	size_t		i = 0,
				nwords = 0;
	int			k;

	pthread_once(&perm_once, perm_init);
	memset(mins, 0xff, sizeof(mins));
	/* Slide over the words, keeping the starts of the last SHINGLE of them. */
	while (i < len)
	{
		size_t		end = word_end(norm, len, i);

		starts[nwords % AD_MINHASH_SHINGLE] = i;
		nwords++;
		if (nwords >= AD_MINHASH_SHINGLE)
		{
			size_t		first = starts[nwords % AD_MINHASH_SHINGLE];

			add_shingle(norm + first, end - first, mins);
		}
		i = end + 1;
	}
	/* A text shorter than one shingle is one shingle. */
	if (nwords > 0 && nwords < AD_MINHASH_SHINGLE)
		add_shingle(norm, len, mins);

	memcpy(out, "adMH", 4);
	out[4] = AD_MINHASH_VERSION;
	out[5] = AD_MINHASH_SHINGLE;
	out[6] = (unsigned char) (AD_MINHASH_PERMS & 0xff);
	out[7] = (unsigned char) (AD_MINHASH_PERMS >> 8);
	for (k = 0; k < AD_MINHASH_PERMS; k++)
		put_u32(out + AD_MINHASH_HEADER + 4 * k, mins[k]);
}

ad_status
ad_minhash(const char *buf, size_t len, unsigned char out[AD_MINHASH_BYTES])
{
	char	   *norm;
	size_t		nlen;
	ad_status	st = ad_text_normalize(buf, len, &norm, &nlen);

	if (st != AD_OK)
		return st;
	ad_minhash_normalized(norm, nlen, out);
	ad_free(norm);
	return AD_OK;
}

ad_status
ad_minhash_check(const unsigned char *sig, size_t len)
{
	if (len != AD_MINHASH_BYTES || memcmp(sig, "adMH", 4) != 0 ||
		sig[4] != AD_MINHASH_VERSION || sig[5] != AD_MINHASH_SHINGLE ||
		(sig[6] | sig[7] << 8) != AD_MINHASH_PERMS)
		return AD_EMINHASH;
	return AD_OK;
}

ad_status
ad_minhash_similarity(const unsigned char *a, size_t alen,
					  const unsigned char *b, size_t blen, double *sim)
{
	ad_status	st;
	int			i,
				eq = 0;

	if ((st = ad_minhash_check(a, alen)) != AD_OK ||
		(st = ad_minhash_check(b, blen)) != AD_OK)
		return st;
	for (i = 0; i < AD_MINHASH_PERMS; i++)
		eq += get_u32(a + AD_MINHASH_HEADER + 4 * i) == get_u32(b + AD_MINHASH_HEADER + 4 * i);
	*sim = (double) eq / AD_MINHASH_PERMS;
	return AD_OK;
}

ad_status
ad_minhash_keys(const unsigned char *sig, size_t len, int64_t keys[AD_MINHASH_BANDS])
{
	ad_status	st = ad_minhash_check(sig, len);
	int			j;

	if (st != AD_OK)
		return st;
	/* The stored little-endian bytes of a band, hashed with the band number as seed. */
	for (j = 0; j < AD_MINHASH_BANDS; j++)
		keys[j] = (int64_t) XXH64(sig + AD_MINHASH_HEADER + 4 * AD_MINHASH_ROWS * j,
								  4 * AD_MINHASH_ROWS, (XXH64_hash_t) j);
	return AD_OK;
}

ad_status
ad_minhash_index_keys(const unsigned char *sig, size_t len, int bits,
					  int64_t keys[AD_MINHASH_BANDS])
{
	int			band_bits = bits - 5;	/* 32 bands */
	ad_status	st;
	int			j;

	if (bits < AD_INDEX_BITS_MIN || bits > AD_INDEX_BITS_MAX)
		return AD_EINDEX_BITS;
	if ((st = ad_minhash_keys(sig, len, keys)) != AD_OK)
		return st;
	for (j = 0; j < AD_MINHASH_BANDS; j++)
		keys[j] = (int64_t) j << band_bits | (keys[j] & ((INT64_C(1) << band_bits) - 1));
	return AD_OK;
}
