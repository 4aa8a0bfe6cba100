/* libFuzzer: ssdeep signature parsing and comparison on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	const char *nl = memchr(s, '\n', size);
	size_t		alen = nl ? (size_t) (nl - s) : size;
	const char *b = nl ? nl + 1 : s;
	size_t		blen = nl ? size - alen - 1 : size;
	ad_ssdeep	p;
	int			score = -1;
	ad_status	st;

	if (ad_ssdeep_parse(s, alen, &p) == AD_OK)
	{
		/* A parsed signature's parts lie inside the input. */
		if (p.part1 < s || p.part2 + p.len2 > s + alen || p.len1 > 64 || p.len2 > 64)
			abort();
	}
	st = ad_fuzzy_compare(s, alen, b, blen, &score);
	if (st == AD_OK && (score < 0 || score > 100))
		abort();
	/* A valid signature always equals itself. */
	if (ad_fuzzy_compare(s, alen, s, alen, &score) == AD_OK && score != 100)
		abort();
	return 0;
}
