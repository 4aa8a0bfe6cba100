/* Index keys for ssdeep signatures: an exact candidate filter for fuzzy_compare > 0. */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "antidote.h"

/* libfuzzy's common-substring length (ROLLING_WINDOW). */
#define AD_SSDEEP_RUN 7
/* Winnowing: 4-grams, windows of 4 of them cover exactly one 7-character run. */
#define AD_GRAM 4
#define AD_WINDOW (AD_SSDEEP_RUN - AD_GRAM + 1)
/* libfuzzy caps the score of a part at block_size / 3 * length below this block size. */
#define AD_SSDEEP_CAP_BLOCK 45
/* Tag bit of the exact key of a signature. */
#define AD_EXACT_KEY_TAG (INT64_C(1) << 62)

/* Value 0..63 of a base64 character (already validated by the parser). */
static unsigned
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : 63;
}

/* Copy a part, cutting runs of more than 3 equal characters to 3 (as libfuzzy does). */
static size_t
eliminate_runs(const char *p, size_t len, char *out)
{
	size_t		i,
				n = 0;

	for (i = 0; i < len; i++)
	{
		if (n >= 3 && out[n - 1] == p[i] && out[n - 2] == p[i] && out[n - 3] == p[i])
			continue;
		out[n++] = p[i];
	}
	return n;
}

/* log2(block_size / 3): which block size a part stands for. */
static int
block_level(uint64_t bs)
{
	int			k = 0;

	bs /= 3;
	while (bs > 1)
	{
		bs >>= 1;
		k++;
	}
	return k;
}

/* Whether a run-cut part of length n at block size bs can score min_score. */
static int
part_can_reach(uint64_t bs, size_t n, int min_score)
{
	if (n < AD_SSDEEP_RUN)
		return 0;
	return bs >= AD_SSDEEP_CAP_BLOCK || (uint64_t) (bs / 3) * n >= (uint64_t) min_score;
}

/* Winnowed keys of one run-cut part standing for block level lvl. */
static int
part_keys(const char *p, size_t n, int lvl, int64_t *keys)
{
	uint64_t	packed[AD_SSDEEP_PART_MAX],
				order[AD_SSDEEP_PART_MAX];
	size_t		i,
				j;
	int			nk = 0;

	if (n < AD_SSDEEP_RUN)
		return 0;
	for (i = 0; i + AD_GRAM <= n; i++)
	{
		uint64_t	v = 0;

		for (j = 0; j < AD_GRAM; j++)
			v = (v << 6) | b64_value((unsigned char) p[i + j]);
		packed[i] = ((uint64_t) lvl << 30) | v;
		order[i] = XXH64(p + i, AD_GRAM, (XXH64_hash_t) lvl);
	}
	for (i = 0; i + AD_WINDOW <= n - AD_GRAM + 1; i++)
	{
		size_t		best = i;

		for (j = i + 1; j < i + AD_WINDOW; j++)
			if (order[j] < order[best])
				best = j;
		keys[nk++] = (int64_t) packed[best];
	}
	return nk;
}

/* Sort (insertion sort: at most AD_SSDEEP_KEYS_MAX keys) and drop repeats; returns the new count. */
static int
sort_unique(int64_t *keys, int n)
{
	int			i,
				o = 0;

	for (i = 1; i < n; i++)
	{
		int64_t		v = keys[i];
		int			j = i;

		while (j > 0 && keys[j - 1] > v)
		{
			keys[j] = keys[j - 1];
			j--;
		}
		keys[j] = v;
	}
	for (i = 0; i < n; i++)
		if (o == 0 || keys[o - 1] != keys[i])
			keys[o++] = keys[i];
	return o;
}

/* The exact key: equal for signatures equal after run cutting. */
static int64_t
exact_key(uint64_t bs, const char *p1, size_t n1, const char *p2, size_t n2)
{
	char		buf[2 * AD_SSDEEP_PART_MAX + 1];

	memcpy(buf, p1, n1);
	buf[n1] = ':';
	memcpy(buf + n1 + 1, p2, n2);
	return (int64_t) ((XXH64(buf, n1 + 1 + n2, (XXH64_hash_t) bs) & (AD_EXACT_KEY_TAG - 1)) |
					  AD_EXACT_KEY_TAG);
}

ad_status
ad_ssdeep_keys(const char *s, size_t len, int min_score,
			   int64_t keys[AD_SSDEEP_KEYS_MAX], int *nkeys)
{
	ad_ssdeep	h;
	char		p1[AD_SSDEEP_PART_MAX],
				p2[AD_SSDEEP_PART_MAX];
	size_t		n1,
				n2;
	int			lvl,
				n = 0;
	ad_status	st;

	*nkeys = 0;
	if ((st = ad_ssdeep_parse(s, len, &h)) != AD_OK)
		return st;
	lvl = block_level(h.block_size);
	n1 = eliminate_runs(h.part1, h.len1, p1);
	n2 = eliminate_runs(h.part2, h.len2, p2);
	/* Identical signatures score 100 whatever their parts. */
	keys[n++] = exact_key(h.block_size, p1, n1, p2, n2);
	if (part_can_reach(h.block_size, n1, min_score))
		n += part_keys(p1, n1, lvl, keys + n);
	if (part_can_reach(h.block_size * 2, n2, min_score))
		n += part_keys(p2, n2, lvl + 1, keys + n);
	*nkeys = sort_unique(keys, n);
	return AD_OK;
}

ad_status
ad_ssdeep_index_keys(const char *s, size_t len, int min_score, int bits,
					 int64_t keys[AD_SSDEEP_KEYS_MAX], int *nkeys)
{
	ad_status	st;
	int			i;

	*nkeys = 0;
	if (bits < AD_INDEX_BITS_MIN || bits > AD_INDEX_BITS_MAX)
		return AD_EINDEX_BITS;
	if ((st = ad_ssdeep_keys(s, len, min_score, keys, nkeys)) != AD_OK)
		return st;
	for (i = 0; i < *nkeys; i++)
		keys[i] = (int64_t) (XXH64(&keys[i], sizeof(keys[i]), 0) &
							 ((UINT64_C(1) << bits) - 1));
	*nkeys = sort_unique(keys, *nkeys);
	return AD_OK;
}
