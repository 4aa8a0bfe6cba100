/* libFuzzer: UTF-8 checking and the normal form; the normal form must be idempotent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *n1,
			   *n2;
	size_t		l1,
				l2;
	ad_status	valid = ad_utf8_check((const char *) data, size);
	ad_status	st = ad_text_normalize((const char *) data, size, &n1, &l1);

	if ((valid == AD_OK) != (st == AD_OK))
		abort();
	if (st != AD_OK)
		return 0;
	if (ad_utf8_check(n1, l1) != AD_OK || strlen(n1) != l1)
		abort();
	if (ad_text_normalize(n1, l1, &n2, &l2) != AD_OK)
		abort();
	if (l1 != l2 || memcmp(n1, n2, l1) != 0)
		abort();
	ad_free(n1);
	ad_free(n2);
	return 0;
}
