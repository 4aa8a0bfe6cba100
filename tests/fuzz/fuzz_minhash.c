/* libFuzzer: MinHash of arbitrary bytes, and the similarity of two signatures cut from the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Similarity, when defined, lies in [0, 1], is symmetric and 1 for a signature with itself. */
static void
check_pair(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
	double		s1 = -1,
				s2 = -1,
				self = -1;
	ad_status	st = ad_minhash_similarity(a, alen, b, blen, &s1);
	int64_t		keys[AD_MINHASH_BANDS];

	if (st != AD_OK && st != AD_EMINHASH)
		abort();
	if (ad_minhash_similarity(b, blen, a, alen, &s2) != st)
		abort();
	if (st == AD_OK && (s1 < 0 || s1 > 1 || s1 != s2))
		abort();
	if (ad_minhash_check(a, alen) == AD_OK)
	{
		if (ad_minhash_similarity(a, alen, a, alen, &self) != AD_OK || self != 1.0)
			abort();
		if (ad_minhash_keys(a, alen, keys) != AD_OK)
			abort();
	}
	else if (ad_minhash_keys(a, alen, keys) == AD_OK)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char sig[AD_MINHASH_BYTES],
				sig2[AD_MINHASH_BYTES];
	size_t		half = size / 2;
	ad_status	st = ad_minhash((const char *) data, size, sig);

	/* Text: valid UTF-8 gives a well-formed, deterministic signature. */
	if ((st == AD_OK) != (ad_utf8_check((const char *) data, size) == AD_OK))
		abort();
	if (st == AD_OK)
	{
		if (ad_minhash_check(sig, sizeof(sig)) != AD_OK)
			abort();
		if (ad_minhash((const char *) data, size, sig2) != AD_OK || memcmp(sig, sig2, sizeof(sig)) != 0)
			abort();
		check_pair(sig, sizeof(sig), data, size);
	}
	else if (st != AD_EUTF8 && st != AD_EUNICODE && st != AD_ETOOBIG)
		abort();
	/* Blobs: the two halves of the input as stored signatures. */
	check_pair(data, half, data + half, size - half);
	return 0;
}
