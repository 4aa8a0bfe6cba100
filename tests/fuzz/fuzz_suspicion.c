/*
 * libFuzzer: the suspicion signals and score; the input is text, a NUL byte,
 * then the context JSON.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The signals object: every text signal present, values non-negative, fired a boolean. */
static void
check_signals(const char *out, size_t outlen)
{
	json_t	   *root = json_loadb(out, outlen, 0, NULL);
	int			sig;

	if (root == NULL || !json_is_object(root))
		abort();
	for (sig = 0; sig < AD_SIG_COUNT; sig++)
	{
		json_t	   *e = json_object_get(root, ad_signal_name(sig));
		json_t	   *v;

		if (e == NULL)
		{
			/* Context signals appear only when the context gives them. */
			if (sig < AD_SIG_FIRST_CONTEXT)
				abort();
			continue;
		}
		v = json_object_get(e, "value");
		if (!json_is_number(v) || json_number_value(v) < 0 ||
			!json_is_boolean(json_object_get(e, "fired")))
			abort();
	}
	json_decref(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	const char *nul = memchr(text, '\0', size);
	size_t		tlen = nul ? (size_t) (nul - text) : size;
	const char *ctx = nul ? nul + 1 : NULL;
	size_t		clen = nul ? size - tlen - 1 : 0;
	char	   *out;
	size_t		outlen;
	double		score = -1;
	ad_status	st1 = ad_suspicion_signals(text, tlen, ctx, clen, &out, &outlen);
	ad_status	st2 = ad_suspicion_score(text, tlen, ctx, clen, &score);

	if ((int) st1 < 0 || st1 >= AD_STATUS_COUNT || ad_strerror(st1) == NULL || st1 != st2)
		abort();
	if (st1 != AD_OK)
		return 0;
	check_signals(out, outlen);
	ad_free(out);
	if (!(score >= 0 && score <= 1))
		abort();
	return 0;
}
