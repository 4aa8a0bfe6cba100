/* libFuzzer: guard policy strings; a parsed policy's canonical form parses to the same policy. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ad_policy	p,
				q;
	char		buf[256],
				buf2[256];
	size_t		pos = 0;
	ad_guard_verdict v;
	ad_guard_facts f = {size > 0 ? data[0] / 255.0 : -1, "unsigned", (long) size, (long) size / 2};

	if (ad_policy_parse((const char *) data, size, &p, &pos) != AD_OK)
	{
		if (pos > size)
			abort();
		return 0;
	}
	if (ad_policy_format(&p, buf, sizeof(buf)) != AD_OK)
		abort();
	if (ad_policy_parse(buf, strlen(buf), &q, NULL) != AD_OK)
		abort();
	if (ad_policy_format(&q, buf2, sizeof(buf2)) != AD_OK || strcmp(buf, buf2) != 0)
		abort();
	if (ad_policy_check(&p, &f, &v) != AD_OK || v.nreasons < 0 || v.nreasons > AD_POLICY_MAX_REASONS)
		abort();
	return 0;
}
