/* UTF-8 validation and the matching normal form, on ICU. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "antidote.h"
#include "ad_ascii.h"

/* ICU measures strings in int32_t UTF-16 units. */
#define AD_UNICODE_MAX ((size_t) INT32_MAX / 4)

ad_status
ad_utf8_check(const char *buf, size_t len)
{
	size_t		i = 0;

	if (len > (size_t) INT32_MAX)
		return AD_ETOOBIG;
	while (i < len)
	{
		UChar32		c;
		int32_t		j = (int32_t) i;

		U8_NEXT(buf, j, (int32_t) len, c);
		if (c < 0)
			return AD_EUTF8;
		i = (size_t) j;
	}
	return AD_OK;
}

/* Is c white space (Unicode White_Space)? */
static inline int
is_space(UChar32 c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return u_isUWhiteSpace(c);
}

/* Characters the normal form drops before normalizing. */
static int
is_dropped(UChar32 c)
{
	int8_t		gc;

	/* ASCII holds no format or default-ignorable character. */
	if (c < 0x80)
		return (c < 0x20 && !is_space(c)) || c == 0x7f;
	gc = u_charType(c);
	if (gc == U_FORMAT_CHAR)
		return 1;
	if (gc == U_CONTROL_CHAR && !is_space(c))
		return 1;
	return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/*
 * Stream-Safe Text Format (UAX #15, section 13): no more than 30 non-starters
 * in a row.  Canonical ordering sorts each run of non-starters, so without a
 * bound a long run of combining marks costs time quadratic in its length.
 * Where UAX #15 inserts U+034F (which NFKC_Casefold deletes again), the normal
 * form drops the characters that would take a run past 30: its output then
 * holds no longer run, so normalizing it again changes nothing.
 * Counts are over the full decomposition in the normalizer's own data
 * (NFKC_Casefold), as the Stream-Safe Text Process counts them.
 */
#define AD_MAX_NONSTARTERS 30

#define AD_NS_MEMO 256
struct ns_memo
{
	UChar32		c;
	uint8_t		lead,
				trail,
				all;
};

/* Leading and trailing non-starters of c's decomposition; *all: it has no starter. */
static void
nonstarters(const UNormalizer2 *norm, UChar32 c, int *lead, int *trail, int *all)
{
	UChar		d[32];
	UErrorCode	err = U_ZERO_ERROR;
	int32_t		n,
				i = 0;
	int			seen_starter = 0;

	*lead = *trail = 0;
	*all = 0;
	n = unorm2_getDecomposition(norm, c, d, 32, &err);
	if (n < 0 || U_FAILURE(err))
	{
		/* no decomposition (or one longer than any in Unicode: count c itself) */
		if (unorm2_getCombiningClass(norm, c) != 0)
			*lead = *trail = *all = 1;
		return;
	}
	while (i < n)
	{
		UChar32		dc;

		U16_NEXT(d, i, n, dc);
		if (unorm2_getCombiningClass(norm, dc) != 0)
		{
			(*trail)++;
			if (!seen_starter)
				(*lead)++;
		}
		else
		{
			seen_starter = 1;
			*trail = 0;
		}
	}
	*all = !seen_starter;
	if (*all)
		*trail = *lead;
}

/*
 * Decode UTF-8 into UTF-16, dropping invisible characters and every character
 * that would take a run of non-starters past AD_MAX_NONSTARTERS.  ASCII capitals are lower-cased here: NFKC_Casefold maps
 * them so one by one in any context (their decomposition is themselves, with
 * combining class 0), and the normalizer passes over runs of lower-case ASCII
 * without work.
 */
static ad_status
decode_filtered(const UNormalizer2 *norm, const char *buf, size_t len,
				UChar **out, int32_t *outlen)
{
	UChar	   *u;
	int32_t		n = 0,
				i = 0;
	size_t		cap = len + 1;
	int			run = 0;		/* non-starters in a row so far */
	struct ns_memo memo[AD_NS_MEMO];

	memset(memo, 0, sizeof(memo));	/* c = 0 is ASCII, never looked up */

	/* Each UTF-8 byte yields at most one UTF-16 unit, joiners aside. */
	u = malloc(cap * sizeof(UChar));
	if (u == NULL)
		return AD_ENOMEM;
	while (i < (int32_t) len)
	{
		UChar32		c = (unsigned char) buf[i];
		int			lead,
					trail,
					all;

		if (c < 0x80)
		{
			/* No branch on what an ASCII byte is; a kept one is a starter. */
			int			keep = !is_dropped(c);

			u[n] = (UChar) (c + (((uint32_t) (c - 'A') <= 'Z' - 'A') << 5));
			n += keep;
			run *= !keep;
			i++;
			continue;
		}
		U8_NEXT(buf, i, (int32_t) len, c);
		if (c < 0)
		{
			free(u);
			return AD_EUTF8;
		}
		if (is_dropped(c))
			continue;
		{
			/* most texts use few distinct characters: remember the last answers */
			struct ns_memo *m = &memo[(uint32_t) c & (AD_NS_MEMO - 1)];

			if (m->c != c)
			{
				int			l, t, a;

				nonstarters(norm, c, &l, &t, &a);
				m->c = c;
				m->lead = (uint8_t) l;
				m->trail = (uint8_t) t;
				m->all = (uint8_t) a;
			}
			lead = m->lead;
			trail = m->trail;
			all = m->all;
		}
		/* Beyond the bound: the character is dropped, the run goes on. */
		if (run > 0 && run + lead > AD_MAX_NONSTARTERS)
			continue;
		run = all ? run + lead : trail;
		U16_APPEND_UNSAFE(u, n, c);
	}
	*out = u;
	*outlen = n;
	return AD_OK;
}

/* Collapse white space in place; returns the new length. */
static int32_t
collapse_space(UChar *u, int32_t n)
{
	int32_t		i = 0,
				o = 0;
	int			pending = 0;

	while (i < n)
	{
		UChar32		c = u[i];
		int32_t		start = i;

		if (c < 0x80)
		{
			/* No branch on what an ASCII unit is (o <= i: in place). */
			int			sp = is_space(c);

			u[o] = 0x20;
			o += pending & !sp;
			u[o] = (UChar) c;
			o += !sp;
			pending = sp & (o > 0);
			i++;
			continue;
		}
		U16_NEXT(u, i, n, c);
		if (is_space(c))
		{
			pending = (o > 0);
			continue;
		}
		if (pending)
		{
			u[o++] = 0x20;
			pending = 0;
		}
		while (start < i)
			u[o++] = u[start++];
	}
	return o;
}

/* ---- ASCII text: eight bytes at a time where possible ---- */

/* Is every byte of p[0..len) ASCII?  Eight bytes at a time. */
int
ad_all_ascii(const char *p, size_t len)
{
	uint64_t	acc = 0;
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	w;

		memcpy(&w, p + i, 8);
		acc |= w;
	}
	for (; i < len; i++)
		acc |= (unsigned char) p[i];
	return (acc & HIGH8) == 0;
}


/* The high bit of each byte of x (ASCII bytes) that is a space. */
static inline uint64_t
spaces8(uint64_t x)
{
	return ~((x ^ (ONES8 * ' ')) + ONES8 * 0x7f) & HIGH8;
}

/* The high bit of each byte of x (ASCII bytes) outside 0x20..0x7e. */
static inline uint64_t
unprintable8(uint64_t x)
{
	return (((x + ONES8 * 0x60) ^ HIGH8) | (x + ONES8)) & HIGH8;
}

/* x (ASCII bytes) with its letters lower-cased. */
static inline uint64_t
lower8(uint64_t x)
{
	uint64_t	upper = (x + ONES8 * (0x80 - 'A')) & ~(x + ONES8 * (0x80 - 'Z' - 1)) & HIGH8;

	return x | (upper >> 2);
}

/* One byte of the normal form's state machine; *pending: a space is due. */
static inline size_t
ascii_step(unsigned c, char *o, size_t n, unsigned *pending)
{
	unsigned	space = (c == ' ') | (c - '\t' <= '\r' - '\t'),
				keep = (c - 0x21 < 0x7f - 0x21),
				upper = (c - 'A' <= 'Z' - 'A');

	o[n] = ' ';
	n += *pending & keep;
	o[n] = (char) (c + (upper << 5));
	n += keep;
	*pending = (*pending | (space & (n > 0))) & !keep;
	return n;
}

/*
 * The normal form of ASCII text, with the result of ad_text_normalize:
 * controls other than white space dropped, letters lower-cased, white space
 * runs collapsed to one space and trimmed.  Eight bytes at a time where they
 * are printable and each space among them is followed by a printable non-
 * space (the normal form is then the bytes lower-cased), else byte by byte.
 * o has room for len + 1 bytes.
 */
size_t
ad_ascii_normal_form(const unsigned char *t, size_t len, char *o)
{
	size_t		i = 0,
				n = 0,
				k;
	unsigned	pending = 0;

	while (i < len)
	{
		if (i + 8 < len && !pending && (n > 0 || t[i] != ' '))
		{
			uint64_t	x,
						y;

			memcpy(&x, t + i, 8);
			memcpy(&y, t + i + 1, 8);
			if ((unprintable8(x) | unprintable8(y) | (spaces8(x) & spaces8(y))) == 0)
			{
				x = lower8(x);
				memcpy(o + n, &x, 8);
				n += 8;
				i += 8;
				continue;
			}
		}
		for (k = 0; k < 8 && i < len; k++, i++)
			n = ascii_step(t[i], o, n, &pending);
	}
	return n;
}

ad_status
ad_text_normalize(const char *buf, size_t len, char **out, size_t *outlen)
{
	UErrorCode	err = U_ZERO_ERROR;
	const UNormalizer2 *norm;
	UChar	   *src = NULL,
			   *dst = NULL;
	int32_t		srclen,
				dstlen,
				cap,
				u8len;
	char	   *res = NULL;
	ad_status	st;

	*out = NULL;
	*outlen = 0;
	if (len > AD_UNICODE_MAX)
		return AD_ETOOBIG;
	/* ASCII text: the same normal form without ICU. */
	if (ad_all_ascii(buf, len))
	{
		if ((res = malloc(len + 1)) == NULL)
			return AD_ENOMEM;
		*outlen = ad_ascii_normal_form((const unsigned char *) buf, len, res);
		res[*outlen] = '\0';
		*out = res;
		return AD_OK;
	}
	norm = unorm2_getNFKCCasefoldInstance(&err);
	if (U_FAILURE(err))
		return AD_EUNICODE;
	if ((st = decode_filtered(norm, buf, len, &src, &srclen)) != AD_OK)
		return st;

	/* NFKC_Casefold expands by at most 18x per code point; grow on demand. */
	cap = srclen + 16;
	dst = malloc((size_t) cap * sizeof(UChar));
	if (dst == NULL)
	{
		st = AD_ENOMEM;
		goto done;
	}
	for (;;)
	{
		UChar	   *ndst;

		err = U_ZERO_ERROR;
		dstlen = unorm2_normalize(norm, src, srclen, dst, cap, &err);
		if (err != U_BUFFER_OVERFLOW_ERROR)
			break;
		if (dstlen > INT32_MAX / 4)
		{
			st = AD_ETOOBIG;
			goto done;
		}
		cap = dstlen + 16;
		ndst = realloc(dst, (size_t) cap * sizeof(UChar));
		if (ndst == NULL)
		{
			st = AD_ENOMEM;
			goto done;
		}
		dst = ndst;
	}
	if (U_FAILURE(err))
	{
		st = AD_EUNICODE;
		goto done;
	}
	dstlen = collapse_space(dst, dstlen);

	err = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &u8len, dst, dstlen, &err);
	if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
	{
		st = AD_EUNICODE;
		goto done;
	}
	res = malloc((size_t) u8len + 1);
	if (res == NULL)
	{
		st = AD_ENOMEM;
		goto done;
	}
	err = U_ZERO_ERROR;
	u_strToUTF8(res, u8len + 1, NULL, dst, dstlen, &err);
	if (U_FAILURE(err))
	{
		free(res);
		st = AD_EUNICODE;
		goto done;
	}
	*out = res;
	*outlen = (size_t) u8len;
	st = AD_OK;
done:
	free(src);
	free(dst);
	return st;
}
