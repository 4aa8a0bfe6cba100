/* libFuzzer: hashing in one piece equals hashing in chunks, and the result parses. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		one[AD_SSDEEP_MAX],
				two[AD_SSDEEP_MAX];
	ad_fuzzy_ctx *ctx;
	ad_ssdeep	p;
	size_t		off = 0,
				step = size > 0 ? 1 + data[0] % 97 : 1;

	if (ad_fuzzy_hash(data, size, one) != AD_OK)
		abort();
	if (ad_ssdeep_parse(one, strlen(one), &p) != AD_OK)
		abort();
	if (ad_fuzzy_begin(size, &ctx) != AD_OK)
		abort();
	while (off < size)
	{
		size_t		k = size - off < step ? size - off : step;

		if (ad_fuzzy_update(ctx, data + off, k) != AD_OK)
			abort();
		off += k;
	}
	if (ad_fuzzy_final(ctx, two) != AD_OK || strcmp(one, two) != 0)
		abort();
	return 0;
}
