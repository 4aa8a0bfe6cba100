/* Guard policy strings: parsing, canonical form, and the verdict for one row. */
#include <stdio.h>
#include <string.h>

#include "antidote.h"

#define AD_POLICY_MAX_DUPS 1000000000L

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Trim [*s, *e) of white space. */
static void
trim(const char **s, const char **e)
{
	while (*s < *e && is_space(**s))
		(*s)++;
	while (*e > *s && is_space((*e)[-1]))
		(*e)--;
}

static int
token_is(const char *s, const char *e, const char *word)
{
	size_t		n = strlen(word);

	return (size_t) (e - s) == n && memcmp(s, word, n) == 0;
}

/*
 * A decimal number in [0, 1] with at most 6 decimals, read exactly as
 * millionths (locale-free, so that the canonical form reads back the same).
 */
static int
parse_unit_interval(const char *s, const char *e, double *out)
{
	long		whole = 0,
				frac = 0;
	int			digits = 0,
				decimals = 0;

	for (; s < e && *s >= '0' && *s <= '9' && digits < 8; s++, digits++)
		whole = whole * 10 + (*s - '0');
	if (s < e && *s == '.')
	{
		s++;
		for (; s < e && *s >= '0' && *s <= '9' && decimals < 6; s++, decimals++)
			frac = frac * 10 + (*s - '0');
	}
	if (s != e || digits + decimals == 0)
		return 0;
	while (decimals++ < 6)
		frac *= 10;
	if (whole * 1000000 + frac > 1000000)
		return 0;
	*out = (whole * 1000000 + frac) / 1e6;
	return 1;
}

static int
parse_count(const char *s, const char *e, long *out)
{
	long		v = 0;

	if (s == e)
		return 0;
	for (; s < e; s++)
	{
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
		if (v > AD_POLICY_MAX_DUPS)
			return 0;
	}
	*out = v;
	return 1;
}

enum
{
	SEEN_REQUIRE = 1, SEEN_SUSPICION = 2, SEEN_DUPS = 4, SEEN_REJECT = 8, SEEN_UPDATE = 16, SEEN_SOURCES = 32
};

/* Apply one "key=value" item. */
static ad_status
parse_item(const char *s, const char *e, ad_policy *p, int *seen)
{
	const char *eq = memchr(s, '=', (size_t) (e - s));
	const char *ks = s,
			   *ke,
			   *vs,
			   *ve = e;
	int			bit;

	if (eq == NULL)
		return AD_EPOLICY_SYNTAX;
	ke = eq;
	vs = eq + 1;
	trim(&ks, &ke);
	trim(&vs, &ve);
	if (token_is(ks, ke, "require"))
		bit = SEEN_REQUIRE;
	else if (token_is(ks, ke, "max_suspicion"))
		bit = SEEN_SUSPICION;
	else if (token_is(ks, ke, "max_near_duplicates"))
		bit = SEEN_DUPS;
	else if (token_is(ks, ke, "on_reject"))
		bit = SEEN_REJECT;
	else if (token_is(ks, ke, "max_sources"))
		bit = SEEN_SOURCES;
	else if (token_is(ks, ke, "on_update"))
		bit = SEEN_UPDATE;
	else
		return AD_EPOLICY_KEY;
	if (*seen & bit)
		return AD_EPOLICY_DUPLICATE;
	*seen |= bit;

	switch (bit)
	{
		case SEEN_REQUIRE:
			if (token_is(vs, ve, "verified"))
				p->require_verified = 1;
			else if (!token_is(vs, ve, "any"))
				return AD_EPOLICY_VALUE;
			return AD_OK;
		case SEEN_SUSPICION:
			p->has_max_suspicion = 1;
			return parse_unit_interval(vs, ve, &p->max_suspicion) ? AD_OK : AD_EPOLICY_VALUE;
		case SEEN_DUPS:
			return parse_count(vs, ve, &p->max_near_duplicates) ? AD_OK : AD_EPOLICY_VALUE;
		case SEEN_SOURCES:
			/* max_sources=1 would reject every row that has a near-duplicate with a source */
			return parse_count(vs, ve, &p->max_sources) && p->max_sources >= 2 ? AD_OK : AD_EPOLICY_VALUE;
		case SEEN_UPDATE:
			if (token_is(vs, ve, "always"))
				p->update_always = 1;
			else if (!token_is(vs, ve, "changed"))
				return AD_EPOLICY_VALUE;
			return AD_OK;
		default:
			if (token_is(vs, ve, "quarantine"))
				p->on_reject = AD_REJECT_QUARANTINE;
			else if (!token_is(vs, ve, "error"))
				return AD_EPOLICY_VALUE;
			return AD_OK;
	}
}

ad_status
ad_policy_parse(const char *s, size_t len, ad_policy *out, size_t *errpos)
{
	const char *end = s + len,
			   *item = s;
	int			seen = 0;

	memset(out, 0, sizeof(*out));
	out->max_near_duplicates = -1;
	out->max_sources = -1;
	{
		const char *a = s,
				   *b = end;

		trim(&a, &b);
		if (a == b)
		{
			if (errpos)
				*errpos = 0;
			return AD_EPOLICY_EMPTY;
		}
	}
	while (item <= end)
	{
		const char *comma = memchr(item, ',', (size_t) (end - item));
		const char *stop = comma ? comma : end;
		ad_status	st = parse_item(item, stop, out, &seen);

		if (st != AD_OK)
		{
			if (errpos)
				*errpos = (size_t) (item - s);
			return st;
		}
		if (comma == NULL)
			break;
		item = comma + 1;
	}
	if (!out->require_verified && !out->has_max_suspicion && out->max_near_duplicates < 0 &&
		out->max_sources < 0)
	{
		if (errpos)
			*errpos = 0;
		return AD_EPOLICY_EMPTY;
	}
	return AD_OK;
}

void
ad_policy_excerpt(const char *s, size_t len, size_t pos, char out[AD_POLICY_EXCERPT])
{
	size_t		i,
				n = 0;

	for (i = pos; i < len && n < 40; i++)
	{
		unsigned char c = (unsigned char) s[i];

		out[n++] = (c >= 0x20 && c < 0x7f) ? (char) c : '?';
	}
	if (i < len)
	{
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

ad_status
ad_policy_format(const ad_policy *p, char *buf, size_t buflen)
{
	char		susp[32] = "",
				dups[48] = "",
				srcs[40] = "";
	int			n;

	if (p->has_max_suspicion)
	{
		/* Six decimals, trailing zeros dropped: what the parser accepts. */
		int			k = snprintf(susp, sizeof(susp), ",max_suspicion=%.6f", p->max_suspicion);

		while (k > 0 && susp[k - 1] == '0')
			susp[--k] = '\0';
		if (k > 0 && susp[k - 1] == '.')
			susp[--k] = '\0';
	}
	if (p->max_near_duplicates >= 0)
		snprintf(dups, sizeof(dups), ",max_near_duplicates=%ld", p->max_near_duplicates);
	if (p->max_sources >= 0)
		snprintf(srcs, sizeof(srcs), ",max_sources=%ld", p->max_sources);
	n = snprintf(buf, buflen, "require=%s%s%s%s%s,on_reject=%s",
				 p->require_verified ? "verified" : "any", susp, dups, srcs,
				 p->update_always ? ",on_update=always" : "",
				 p->on_reject == AD_REJECT_QUARANTINE ? "quarantine" : "error");
	return (n < 0 || (size_t) n >= buflen) ? AD_ETOOBIG : AD_OK;
}

ad_status
ad_policy_check(const ad_policy *p, const ad_guard_facts *f, ad_guard_verdict *out)
{
	return ad_policy_check_ex(p, f, 0, out);
}

ad_status
ad_policy_check_ex(const ad_policy *p, const ad_guard_facts *f, int hide_counts, ad_guard_verdict *out)
{
	out->nreasons = 0;
	if (p->require_verified &&
		(f->provenance == NULL || strcmp(f->provenance, "verified") != 0))
		snprintf(out->reasons[out->nreasons++], AD_POLICY_REASON_LEN,
				 "provenance is %.40s, policy requires verified",
				 f->provenance ? f->provenance : "unchecked");
	if (p->has_max_suspicion && f->suspicion > p->max_suspicion)
		snprintf(out->reasons[out->nreasons++], AD_POLICY_REASON_LEN,
				 "suspicion %.3f is above max_suspicion %g", f->suspicion, p->max_suspicion);
	if (p->max_near_duplicates >= 0 && f->near_duplicates > p->max_near_duplicates && hide_counts)
		snprintf(out->reasons[out->nreasons++], AD_POLICY_REASON_LEN,
				 "near-duplicates already stored, above max_near_duplicates %ld",
				 p->max_near_duplicates);
	else if (p->max_near_duplicates >= 0 && f->near_duplicates > p->max_near_duplicates)
		snprintf(out->reasons[out->nreasons++], AD_POLICY_REASON_LEN,
				 "%ld near-duplicates already stored, above max_near_duplicates %ld",
				 f->near_duplicates, p->max_near_duplicates);
	if (p->max_sources >= 0 && f->near_duplicates > 0 && f->distinct_sources >= p->max_sources && hide_counts)
		snprintf(out->reasons[out->nreasons++], AD_POLICY_REASON_LEN,
				 "the row's stored near-duplicates come from too many distinct sources, max_sources is %ld",
				 p->max_sources);
	else if (p->max_sources >= 0 && f->near_duplicates > 0 && f->distinct_sources >= p->max_sources)
		snprintf(out->reasons[out->nreasons++], AD_POLICY_REASON_LEN,
				 "the row and its %ld stored near-duplicates come from %ld distinct sources, max_sources is %ld",
				 f->near_duplicates, f->distinct_sources, p->max_sources);
	return AD_OK;
}
