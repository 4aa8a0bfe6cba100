/* ssdeep fuzzy hashing through libfuzzy, with strict signature parsing. */
#include <fuzzy.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

/* libfuzzy's largest block size: SSDEEP_BS(NUM_BLOCKHASHES - 1) = 3 << 30. */
#define AD_SSDEEP_MAX_BLOCK (UINT64_C(3) << 30)

struct ad_fuzzy_ctx
{
	struct fuzzy_state *state;
};

ad_status
ad_fuzzy_begin(uint64_t total_len, ad_fuzzy_ctx **ctx)
{
	ad_fuzzy_ctx *c = malloc(sizeof(*c));

	*ctx = NULL;
	if (c == NULL)
		return AD_ENOMEM;
	c->state = fuzzy_new();
	if (c->state == NULL)
	{
		free(c);
		return AD_ENOMEM;
	}
	/* Same as the ssdeep tool, which announces the file size up front. */
	if (fuzzy_set_total_input_length(c->state, total_len) != 0)
	{
		ad_fuzzy_abort(c);
		return AD_ETOOBIG;
	}
	*ctx = c;
	return AD_OK;
}

ad_status
ad_fuzzy_update(ad_fuzzy_ctx *ctx, const unsigned char *buf, size_t len)
{
	if (len > 0 && fuzzy_update(ctx->state, buf, len) != 0)
		return AD_ETOOBIG;
	return AD_OK;
}

ad_status
ad_fuzzy_final(ad_fuzzy_ctx *ctx, char out[AD_SSDEEP_MAX])
{
	int			rc = fuzzy_digest(ctx->state, out, 0);

	ad_fuzzy_abort(ctx);
	return rc == 0 ? AD_OK : AD_EFUZZY;
}

void
ad_fuzzy_abort(ad_fuzzy_ctx *ctx)
{
	if (ctx == NULL)
		return;
	fuzzy_free(ctx->state);
	free(ctx);
}

ad_status
ad_fuzzy_hash(const unsigned char *buf, size_t len, char out[AD_SSDEEP_MAX])
{
	ad_fuzzy_ctx *ctx;
	ad_status	st = ad_fuzzy_begin(len, &ctx);

	if (st != AD_OK)
		return st;
	st = ad_fuzzy_update(ctx, buf, len);
	if (st != AD_OK)
	{
		ad_fuzzy_abort(ctx);
		return st;
	}
	return ad_fuzzy_final(ctx, out);
}

static int
is_b64(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		(c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* Validate one part up to its terminator; returns the part length or a status. */
static ad_status
parse_part(const char *s, size_t len, size_t *plen)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (!is_b64((unsigned char) s[i]))
			return AD_ESSDEEP_ALPHABET;
	if (len > AD_SSDEEP_PART_MAX)
		return AD_ESSDEEP_LENGTH;
	*plen = len;
	return AD_OK;
}

ad_status
ad_ssdeep_parse(const char *s, size_t len, ad_ssdeep *out)
{
	size_t		i = 0;
	uint64_t	bs = 0;
	const char *c1,
			   *c2;
	ad_status	st;

	if (len == 0 || s[0] < '0' || s[0] > '9')
		return AD_ESSDEEP_FORMAT;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
	{
		bs = bs * 10 + (uint64_t) (s[i] - '0');
		if (bs > AD_SSDEEP_MAX_BLOCK)
			return AD_ESSDEEP_BLOCKSIZE;
	}
	if (i == len || s[i] != ':')
		return AD_ESSDEEP_FORMAT;
	if (s[0] == '0' || bs % 3 != 0 || ((bs / 3) & (bs / 3 - 1)) != 0)
		return AD_ESSDEEP_BLOCKSIZE;

	c1 = s + i + 1;
	c2 = memchr(c1, ':', len - (size_t) (c1 - s));
	if (c2 == NULL)
		return AD_ESSDEEP_FORMAT;
	if ((st = parse_part(c1, (size_t) (c2 - c1), &out->len1)) != AD_OK)
		return st;
	if (memchr(c2 + 1, ':', len - (size_t) (c2 + 1 - s)) != NULL)
		return AD_ESSDEEP_FORMAT;
	if ((st = parse_part(c2 + 1, len - (size_t) (c2 + 1 - s), &out->len2)) != AD_OK)
		return st;
	out->block_size = bs;
	out->part1 = c1;
	out->part2 = c2 + 1;
	return AD_OK;
}

ad_status
ad_fuzzy_compare(const char *a, size_t alen, const char *b, size_t blen, int *score)
{
	char		sa[AD_SSDEEP_MAX],
				sb[AD_SSDEEP_MAX];
	ad_ssdeep	pa,
				pb;
	ad_status	st;
	int			r;

	if ((st = ad_ssdeep_parse(a, alen, &pa)) != AD_OK ||
		(st = ad_ssdeep_parse(b, blen, &pb)) != AD_OK)
		return st;
	/* Parsed signatures fit: at most 10 digits + 2 colons + 2 * 64. */
	memcpy(sa, a, alen);
	sa[alen] = '\0';
	memcpy(sb, b, blen);
	sb[blen] = '\0';
	r = fuzzy_compare(sa, sb);
	if (r < 0)
		return AD_EFUZZY;
	*score = r;
	return AD_OK;
}
