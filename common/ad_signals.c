/*
 * Text signals, each one linear pass: repetition (Gopher-style), gibberish
 * (window entropy, deflate ratio), contact density, and the phrase lists
 * (injection, promotional, trigger tokens) over the normal form.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <zlib.h>

#include "antidote.h"
#include "ad_ascii.h"
#include "ad_unicode_scan.h"

/* Decode UTF-8 into code points; *cp is malloc'd. */
static ad_status
decode(const char *buf, size_t len, UChar32 **cp, size_t *n)
{
	UChar32    *u = malloc((len + 1) * sizeof(UChar32));
	int32_t		i = 0;
	size_t		k = 0;

	if (u == NULL)
		return AD_ENOMEM;
	u[0] = 0;
	while (i < (int32_t) len)
	{
		UChar32		c;

		U8_NEXT(buf, i, (int32_t) len, c);
		if (c < 0)
		{
			free(u);
			return AD_EUTF8;
		}
		u[k++] = c;
	}
	*cp = u;
	*n = k;
	return AD_OK;
}

/* A 64-bit hash of the bytes, eight at a time. */
static uint64_t
hash_bytes(const char *p, size_t len, uint64_t h)
{
	size_t		i = 0;

	for (; i + 8 <= len; i += 8)
	{
		uint64_t	w;

		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char) p[i]) * 0x100000001b3ULL;
	h ^= (uint64_t) len;
	h *= 0x9E3779B97F4A7C15ULL;
	h ^= h >> 32;
	return h;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

/* ---- eight bytes at a time ---- */

#define LOW8 (ONES8 * 0x7f)

/* Bytes readable past the end of the normal form: it is padded with zeros so. */
#define WORD_PAD 8

/* The high bit of each byte of x that is zero (exact, any bytes). */
static inline uint64_t
zeros8(uint64_t x)
{
	return ~(((x & LOW8) + LOW8) | x | LOW8);
}

/* The bytes of a load that come before the first byte flagged in m (m != 0). */
static inline uint64_t
before_first(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return ~(~UINT64_C(0) >> __builtin_clzll(m));
#else
	return (m ^ (m - 1)) >> 8;
#endif
}

/* How many bytes of a load come before the first byte flagged in m (m != 0). */
static inline size_t
first_flagged(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return (size_t) __builtin_clzll(m) >> 3;
#else
	return (size_t) __builtin_ctzll(m) >> 3;
#endif
}

/* ---- counting hash table of 64-bit keys ---- */

/* A slot is empty unless its gen is the table's: a new generation empties the table. */
typedef struct slot
{
	uint64_t	key;
	uint32_t	count;
	uint32_t	gen;
} slot;

typedef struct table
{
	slot	   *s;
	size_t		mask;
	int			shift;
	uint32_t	gen;
} table;

/* A table for up to n keys, in generation 1. */
static ad_status
table_init(table *t, size_t n)
{
	size_t		cap = 16;

	t->shift = 60;
	while (cap < 2 * n + 2)
	{
		cap *= 2;
		t->shift--;
	}
	t->s = calloc(cap, sizeof(slot));
	t->mask = cap - 1;
	t->gen = 1;
	return t->s ? AD_OK : AD_ENOMEM;
}

/* Empty the table (in O(1)). */
static void
table_next(table *t)
{
	t->gen++;
}

/*
 * Count one more key: find or insert it (without a branch on which); returns
 * its slot number.  t is a copy, so that its fields stay in registers.
 */
static inline size_t
table_add(table t, uint64_t key)
{
	size_t		i = (size_t) ((key * 0x9E3779B97F4A7C15ULL) >> t.shift);
	slot	   *s;

	while (!((t.s[i].gen != t.gen) | (t.s[i].key == key)))
		i = (i + 1) & t.mask;
	s = &t.s[i];
	s->count = (s->gen == t.gen ? s->count : 0) + 1;
	s->key = key;
	s->gen = t.gen;
	return i;
}

/* ---- repetition ---- */

/*
 * Gopher quality-filter limits (Rae et al. 2021, "Scaling Language Models",
 * table A1): a measure over its limit marks repetitive text.
 */
#define DUP_LINE_FRAC		0.30
#define DUP_PARA_FRAC		0.30
#define DUP_LINE_CHAR_FRAC	0.20
#define DUP_PARA_CHAR_FRAC	0.20
#define DUP_NGRAM_MIN_WORDS	10	/* duplicate 5..10-grams */
#define TOP_NGRAM_MIN_WORDS	50	/* top 2..4-grams: Gopher's shortest document */
static const double top_ngram_limit[5] = {0, 0, 0.20, 0.18, 0.16};	/* n = 2..4 */
static const double dup_ngram_limit[11] = {0, 0, 0, 0, 0, 0.15, 0.14, 0.13, 0.12, 0.11, 0.10};	/* n = 5..10 */

typedef struct worst
{
	double		ratio;			/* measure / limit */
	double		measure;
	const char *what;
	int			n;
} worst;

static void
consider(worst *w, double measure, double limit, const char *what, int n)
{
	if (measure / limit > w->ratio)
	{
		w->ratio = measure / limit;
		w->measure = measure;
		w->what = what;
		w->n = n;
	}
}

/* Newlines in the text; *para: two of them are adjacent (a paragraph break). */
static size_t
newlines(const char *text, size_t len, int *para)
{
	const char *p = text,
			   *end = text + len;
	size_t		n = 0;

	*para = 0;
	while (p < end && (p = memchr(p, '\n', (size_t) (end - p))) != NULL)
	{
		n++;
		p++;
		*para |= (p < end && *p == '\n');
	}
	return n;
}

/* Duplicate lines (sep "\n") or paragraphs (blank-line separated) of the raw text. */
static void
dup_blocks(const char *text, size_t len, int paragraphs, table *t, worst *w)
{
	size_t		i = 0,
				blocks = 0,
				dups = 0,
				chars = 0,
				dupchars = 0;

	table_next(t);
	while (i < len)
	{
		size_t		j = i,
					b,
					e;

		for (;;)
		{
			const char *nl = memchr(text + j, '\n', len - j);

			j = nl ? (size_t) (nl - text) : len;
			if (j == len || !paragraphs || (j + 1 < len && text[j + 1] == '\n'))
				break;
			j++;
		}
		for (b = i; b < j && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r' || text[b] == '\n'); b++);
		for (e = j; e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'); e--);
		if (e > b)
		{
			slot	   *s = &t->s[table_add(*t, hash_bytes(text + b, e - b, FNV_BASIS))];

			blocks++;
			chars += e - b;
			if (s->count > 1)
			{
				dups++;
				dupchars += e - b;
			}
		}
		i = j + 1;
	}
	if (blocks >= 2)
	{
		consider(w, (double) dups / blocks, paragraphs ? DUP_PARA_FRAC : DUP_LINE_FRAC,
				 paragraphs ? "duplicate paragraphs" : "duplicate lines", 0);
		consider(w, (double) dupchars / chars, paragraphs ? DUP_PARA_CHAR_FRAC : DUP_LINE_CHAR_FRAC,
				 paragraphs ? "characters in duplicate paragraphs" : "characters in duplicate lines", 0);
	}
}

/* Words of the normal form, and the scratch of the n-gram rounds (one allocation). */
typedef struct words
{
	size_t		n;
	size_t		chars;
	uint64_t   *hash;			/* of each word */
	uint64_t   *h;				/* of the n-gram at each word */
	size_t	   *len;			/* of each word */
	size_t	   *nchars;			/* of the n-gram at each word */
	size_t	   *cand;			/* words whose n-gram may repeat */
	size_t	   *at;				/* the slot of each candidate's n-gram */
	unsigned char *rep;			/* the last round in which the word's n-gram repeated */
} words;

/*
 * Hash the word at p (up to the next space or NUL), eight bytes at a time;
 * *len gets its length.  Bytes past the word are read and masked off.
 */
static uint64_t
word_at(const char *p, size_t *len)
{
	uint64_t	h = FNV_BASIS,
				x,
				m;
	size_t		j = 0;

	for (;; j += 8)
	{
		memcpy(&x, p + j, 8);
		m = zeros8(x ^ (ONES8 * ' ')) | zeros8(x);
		if (m != 0)
			break;
		h = (h ^ x) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 29;
	}
	j += first_flagged(m);
	h = (h ^ (x & before_first(m)) ^ j) * 0x9E3779B97F4A7C15ULL;
	*len = j;
	return h ^ (h >> 32);
}

/*
 * Split the normal form at its spaces and hash the words.  The normal form
 * has no NUL, no leading, trailing or doubled spaces, so it holds at most
 * len / 2 + 1 words; norm is followed by a NUL and WORD_PAD - 1 more bytes.
 */
static ad_status
split_words(const char *norm, size_t len, words *w)
{
	size_t		cap = len / 2 + 1,
				i = 0,
				n = 0,
				chars = 0,
				wl;

	memset(w, 0, sizeof(*w));
	w->hash = malloc(cap * (2 * sizeof(uint64_t) + 4 * sizeof(size_t) + 1));
	if (w->hash == NULL)
		return AD_ENOMEM;
	w->h = w->hash + cap;
	w->len = (size_t *) (w->h + cap);
	w->nchars = w->len + cap;
	w->cand = w->nchars + cap;
	w->at = w->cand + cap;
	w->rep = (unsigned char *) (w->at + cap);
	while (i < len && n < cap)
	{
		w->hash[n] = word_at(norm + i, &wl);
		w->len[n++] = wl;
		chars += wl;
		i += wl + 1;
	}
	w->n = n;
	w->chars = chars;
	return AD_OK;
}

static void
free_words(words *w)
{
	free(w->hash);
}

/*
 * Before round 2 of the n-gram measures: every word is a candidate, as if
 * every word repeated (rep 1); h[i] and nchars[i] describe the word and grow
 * by one word per round.  Returns the number of candidates.
 */
static size_t
start_ngrams(words *w)
{
	size_t		i;

	for (i = 0; i < w->n; i++)
	{
		w->h[i] = (FNV_BASIS ^ w->hash[i]) * 0x100000001b3ULL;
		w->nchars[i] = w->len[i];
		w->rep[i] = 1;
		w->cand[i] = i;
	}
	return w->n;
}

/*
 * Round n >= 2: count the n-grams at the nc candidates that can repeat (those
 * whose next word's (n-1)-gram repeated too), in text order, adding to *top
 * (n <= 4) or *dupchars (n >= 5); then keep the candidates whose n-gram
 * repeated (their rep becomes n).  Returns how many were kept.
 */
static size_t
count_ngrams(words *w, table t, size_t nc, int n, size_t *top, size_t *dupchars)
{
	uint64_t   *h = w->h;
	const uint64_t *hash = w->hash;
	const size_t *len = w->len;
	size_t	   *nchars = w->nchars,
			   *cand = w->cand,
			   *at = w->at,
				c,
				k = 0,
				kept = 0,
				covered = 0;
	unsigned char *rep = w->rep;

	for (c = 0; c < nc; c++)
	{
		size_t		i = cand[c],
					count;

		if (i + n > w->n || rep[i + 1] != n - 1)
			continue;
		h[i] = (h[i] ^ hash[i + n - 1]) * 0x100000001b3ULL;
		nchars[i] += len[i + n - 1];
		at[k] = table_add(t, h[i]);
		cand[k++] = i;
		count = t.s[at[k - 1]].count;
		if (count < 2)
			continue;
		if (n <= 4 && count * nchars[i] > *top)
			*top = count * nchars[i];
		if (n >= 5)
		{
			size_t		q;

			for (q = (i > covered ? i : covered); q < i + n; q++)
				*dupchars += len[q];
			covered = i + n;
		}
	}
	for (c = 0; c < k; c++)
	{
		unsigned	r = t.s[at[c]].count > 1;

		rep[cand[c]] += r;
		cand[kept] = cand[c];
		kept += r;
	}
	return kept;
}

/*
 * Gopher n-gram measures: top 2..4-gram share, duplicate 5..10-gram share.
 * An n-gram can repeat only where the (n-1)-grams at its word and at the next
 * word repeat, so each round after the first (bigrams, at every word) counts
 * only those words: every other n-gram occurs once and adds to neither
 * measure.
 */
static void
ngram_measures(words *w, table *t, worst *wst)
{
	size_t		nc;
	int			n,
				first;

	if (w->n < DUP_NGRAM_MIN_WORDS || w->chars == 0)
		return;
	nc = start_ngrams(w);
	first = w->n < TOP_NGRAM_MIN_WORDS ? 5 : 2;
	for (n = 2; n <= 10 && nc > 0; n++)
	{
		size_t		top = 0,
					dupchars = 0;

		table_next(t);
		nc = count_ngrams(w, *t, nc, n, &top, &dupchars);
		if (n >= first && n <= 4)
			consider(wst, (double) top / w->chars, top_ngram_limit[n], "top n-gram share", n);
		else if (n >= first)
			consider(wst, (double) dupchars / w->chars, dup_ngram_limit[n], "duplicate n-gram share", n);
	}
}

static ad_status
repetition(const char *text, size_t len, words *w, double *value, char *reason)
{
	worst		wst = {0, 0, NULL, 0};
	table		t;
	int			para;
	size_t		nl = newlines(text, len, &para);

	/* Nothing to compare: one line and fewer words than the shortest n-gram measure. */
	if (nl > 0 || w->n >= DUP_NGRAM_MIN_WORDS)
	{
		if (table_init(&t, nl + 1 > w->n ? nl + 1 : w->n) != AD_OK)
			return AD_ENOMEM;
		if (nl > 0)
			dup_blocks(text, len, 0, &t, &wst);
		if (para)
			dup_blocks(text, len, 1, &t, &wst);
		ngram_measures(w, &t, &wst);
		free(t.s);
	}
	*value = wst.ratio;
	if (reason == NULL)
		return AD_OK;
	if (wst.what == NULL)
		snprintf(reason, AD_REASON_MAX, "no repetition");
	else if (wst.n > 0)
		snprintf(reason, AD_REASON_MAX, "%s (n=%d) %.2f; the Gopher limit is the threshold times its default",
				 wst.what, wst.n, wst.measure);
	else
		snprintf(reason, AD_REASON_MAX, "%s %.2f; the Gopher limit is the threshold times its default",
				 wst.what, wst.measure);
	return AD_OK;
}

/* ---- gibberish ---- */

#define WINDOW 64
#define WINDOW_STEP 64
#define ENTROPY_BASE 4.5
#define TAIL_BYTES 256

/* k log2 k for the counts a window can hold. */
static double clog[WINDOW + 1];
static pthread_once_t clog_once = PTHREAD_ONCE_INIT;

static void
fill_clog(void)
{
	int			k;

	for (k = 1; k <= WINDOW; k++)
		clog[k] = k * log2((double) k);
}

/*
 * Character entropy (bits) of the n <= WINDOW ASCII bytes a[0..n):
 * log2 n - sum(c log2 c) / n, summed in the order the characters first
 * occur (listed in seen[] without a branch per byte).  count[] is all zero
 * on entry and on return.
 */
static double
window_entropy(const unsigned char *a, size_t n, unsigned char count[128])
{
	unsigned char seen[WINDOW];
	size_t		i,
				k = 0;
	double		sum = 0;

	for (i = 0; i < n; i++)
	{
		seen[k] = a[i];
		k += (count[a[i]]++ == 0);
	}
	for (i = 0; i < k; i++)
	{
		sum += clog[count[seen[i]]];
		count[seen[i]] = 0;
	}
	return log2((double) n) - sum / n;
}

/* Raw-deflate size ratio (level 1) of the last TAIL_BYTES bytes (small window: cheap to set up). */
static ad_status
tail_ratio(const char *text, size_t len, double *ratio)
{
	unsigned char out[TAIL_BYTES * 2];
	z_stream	z;
	size_t		n = len < TAIL_BYTES ? len : TAIL_BYTES;
	int			rc;

	*ratio = 0;
	if (n < TAIL_BYTES / 2)
		return AD_OK;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 1, Z_DEFLATED, -9, 1, Z_DEFAULT_STRATEGY) != Z_OK)
		return AD_ENOMEM;
	z.next_in = (unsigned char *) (text + len - n);
	z.avail_in = (uInt) n;
	z.next_out = out;
	z.avail_out = sizeof(out);
	rc = deflate(&z, Z_FINISH);
	if (rc == Z_STREAM_END)
		*ratio = (double) z.total_out / n;
	deflateEnd(&z);
	return rc == Z_STREAM_END ? AD_OK : AD_EUNICODE;
}

/* Keep the highest-entropy window seen. */
static void
consider_window(const unsigned char *a, size_t i, size_t w, double *worst, size_t *at,
				unsigned char count[128])
{
	double		h = window_entropy(a + i, w, count);

	if (h > *worst)
	{
		*worst = h;
		*at = i;
	}
}

/*
 * Entropy of WINDOW-character windows over the ASCII characters of the text
 * (other characters skipped, so a junk tail after any script is measured
 * alone), and the deflate ratio of the tail.
 */
static ad_status
gibberish(const char *text, size_t len, int ascii, double *value, char *reason, double *ratio)
{
	unsigned char *copy = NULL,
				count[128] = {0};
	const unsigned char *a = (const unsigned char *) text;
	double		worst = -1;
	size_t		i,
				n = len,
				at = 0;
	ad_status	st;

	if (!ascii)
	{
		if ((copy = malloc(len + 1)) == NULL)
			return AD_ENOMEM;
		for (i = 0, n = 0; i < len; i++)
			if ((unsigned char) text[i] < 0x80)
				copy[n++] = (unsigned char) text[i];
		a = copy;
	}
	pthread_once(&clog_once, fill_clog);
	if (n < WINDOW && n >= WINDOW / 2)
		consider_window(a, 0, n, &worst, &at, count);
	for (i = 0; i + WINDOW <= n; i += WINDOW_STEP)
		consider_window(a, i, WINDOW, &worst, &at, count);
	if (n > WINDOW)
		consider_window(a, n - WINDOW, WINDOW, &worst, &at, count);	/* the tail */
	free(copy);
	*value = worst > ENTROPY_BASE ? worst - ENTROPY_BASE : 0;
	/*
	 * The deflate ratio backs up a high entropy in the reason; it is not
	 * computed otherwise (nor for the score alone: it does not count there).
	 */
	*ratio = 0;
	if (reason == NULL)
		return AD_OK;
	if (*value > 0 && (st = tail_ratio(text, len, ratio)) != AD_OK)
		return st;
	if (worst < 0)
		snprintf(reason, AD_REASON_MAX, "fewer than %d ASCII characters to measure", WINDOW / 2);
	else if (*ratio == 0)
		snprintf(reason, AD_REASON_MAX,
				 "highest ASCII window entropy %.2f bits per character at ASCII character %zu",
				 worst, at + 1);
	else
		snprintf(reason, AD_REASON_MAX,
				 "highest ASCII window entropy %.2f bits per character at ASCII character %zu; tail deflate ratio %.2f",
				 worst, at + 1, *ratio);
	return AD_OK;
}

/* ---- contact density ---- */

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')
#define IS_ALNUM(c) (IS_DIGIT(c) || ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))

/* Length of a phone number at s[i] ("+" with 9..15 digits, or groups joined by - or .), or 0. */
static size_t
phone_at(const char *s, size_t len, size_t i)
{
	size_t		j = i,
				digits = 0,
				seps = 0;
	int			plus = (s[i] == '+');

	if (i > 0 && (IS_ALNUM(s[i - 1]) || s[i - 1] == '-' || s[i - 1] == '.' || s[i - 1] == '+'))
		return 0;
	if (plus)
		j++;
	while (j < len)
	{
		if (IS_DIGIT(s[j]))
			digits++;
		else if ((s[j] == '-' || s[j] == '.' || (plus && (s[j] == ' ' || s[j] == '(' || s[j] == ')'))) &&
				 j + 1 < len && (IS_DIGIT(s[j + 1]) || s[j + 1] == '('))
			seps++;
		else
			break;
		j++;
	}
	if (digits < 9 || digits > 15 || (!plus && seps < 2) || (j < len && IS_ALNUM(s[j])))
		return 0;
	return j - i;
}

/* Length of an e-mail address whose "@" is at s[i], counted from i, or 0. */
static size_t
email_at(const char *s, size_t len, size_t i)
{
	size_t		j = i + 1;
	int			dot = 0;

	if (i == 0 || !IS_ALNUM(s[i - 1]))
		return 0;
	while (j < len && (IS_ALNUM(s[j]) || s[j] == '-' || (s[j] == '.' && j + 1 < len && IS_ALNUM(s[j + 1]))))
		dot |= (s[j++] == '.');
	return dot ? j - i : 0;
}

/* The high bit of each byte of x that is b. */
static inline uint64_t
equal8(uint64_t x, unsigned char b)
{
	return zeros8(x ^ (ONES8 * b));
}

/* The high bit of each byte of x that is an ASCII digit. */
static inline uint64_t
digits8(uint64_t x)
{
	uint64_t	lo = x & LOW8;

	return (lo + ONES8 * (0x80 - '0')) & ~(lo + ONES8 * (0x80 - '9' - 1)) & ~x & HIGH8;
}

/*
 * The next position from i where an item may start, or len: the start of the
 * text, "ht" (of "http"), "ww", "@", "+" or a digit after a non-digit.  Eight
 * bytes at a time; s is followed by WORD_PAD bytes of zeros.
 */
static size_t
next_candidate(const unsigned char *s, size_t i, size_t len)
{
	if (i == 0)
		return 0;
	for (; i < len; i += 8)
	{
		uint64_t	x,
					y,
					z,
					m;

		memcpy(&x, s + i, 8);
		memcpy(&y, s + i + 1, 8);
		memcpy(&z, s + i - 1, 8);
		m = (equal8(x, 'h') & equal8(y, 't')) | (equal8(x, 'w') & equal8(y, 'w')) |
			equal8(x, '@') | equal8(x, '+') | (digits8(x) & ~digits8(z));
		if (m != 0)
			return i + first_flagged(m) < len ? i + first_flagged(m) : len;
	}
	return len;
}

/* Count URLs, e-mail addresses and phone numbers in the normal form (padded). */
static size_t
contacts(const char *s, size_t len, const char **kind)
{
	size_t		i = 0,
				count = 0,
				k;

	*kind = NULL;
	while ((i = next_candidate((const unsigned char *) s, i, len)) < len)
	{
		const char *what = NULL;

		k = 0;
		if ((len - i >= 7 && memcmp(s + i, "http://", 7) == 0) ||
			(len - i >= 8 && memcmp(s + i, "https://", 8) == 0) ||
			(len - i >= 4 && memcmp(s + i, "www.", 4) == 0 && (i == 0 || !IS_ALNUM(s[i - 1]))))
		{
			for (k = 0; i + k < len && s[i + k] != ' '; k++);
			what = "URL";
		}
		else if (s[i] == '@' && (k = email_at(s, len, i)) > 0)
			what = "e-mail address";
		else if ((IS_DIGIT(s[i]) || s[i] == '+') && (k = phone_at(s, len, i)) > 0)
			what = "phone number";
		if (what != NULL)
		{
			if (count++ == 0)
				*kind = what;
			i += k;
		}
		else
			i++;
	}
	return count;
}

/* ---- word units and phrase densities ---- */

#define DENSITY_MIN_WORDS 25.0

/* Words for densities: space-separated tokens, plus one per two CJK characters. */
static double
word_units(const UChar32 *cp, size_t n, size_t nwords)
{
	size_t		i,
				cjk = 0;

	for (i = 0; i < n; i++)
	{
		UErrorCode	err = U_ZERO_ERROR;
		UScriptCode sc;

		if (cp[i] < 0x2E80)
			continue;
		sc = uscript_getScript(cp[i], &err);
		cjk += (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA ||
				sc == USCRIPT_HANGUL || sc == USCRIPT_THAI);
	}
	return (double) nwords + cjk / 2.0;
}

/* Where the reason of signal sig goes: NULL without detail. */
static char *
reason_buf(ad_text_signals *out, int sig)
{
	return out->detail ? out->reason[sig] : NULL;
}

/* Reason for a count or a density signal (none for a NULL reason). */
static void
count_reason(char *reason, size_t count, const char *what, const char *first, double units, int density)
{
	if (reason == NULL)
		return;
	if (count == 0)
		snprintf(reason, AD_REASON_MAX, "no %s", what);
	else if (density)
		snprintf(reason, AD_REASON_MAX, "%s: %zu in %.0f words; first \"%.60s\"", what, count, units, first);
	else
		snprintf(reason, AD_REASON_MAX, "%s: %zu; first \"%.80s\"", what, count, first);
}

/* Phrase-list signals: injection and trigger counts, promotional density. */
static ad_status
phrase_signals(const char *norm, size_t len, double units,
			   const ad_matcher *const extra[AD_PHRASES_COUNT], ad_text_signals *out)
{
	static const struct
	{
		ad_phrase_list list;
		ad_signal	sig;
		const char *what;
		int			density;
	}			map[] = {
		{AD_PHRASES_INJECTION, AD_SIG_INJECTION, "prompt-injection phrases", 0},
		{AD_PHRASES_PROMOTIONAL, AD_SIG_PROMOTIONAL, "promotional phrases", 1},
		{AD_PHRASES_TRIGGER, AD_SIG_TRIGGER, "rare trigger tokens", 0},
	};
	size_t		counts[AD_PHRASES_COUNT];
	const char *firsts[AD_PHRASES_COUNT];
	const ad_matcher *m;
	size_t		i;
	ad_status	st = ad_phrases_builtin(&m);

	if (st != AD_OK)
		return st;
	ad_matcher_count_groups(m, norm, len, counts, firsts, AD_PHRASES_COUNT);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
	{
		size_t		count = counts[map[i].list];
		const char *first = firsts[map[i].list];

		if (extra != NULL && extra[map[i].list] != NULL)
		{
			const char *f2;

			count += ad_matcher_count(extra[map[i].list], norm, len, &f2);
			first = first ? first : f2;
		}
		out->value[map[i].sig] = map[i].density ? count * 100.0 / units : (double) count;
		count_reason(reason_buf(out, map[i].sig), count, map[i].what, first, units, map[i].density);
	}
	return AD_OK;
}

/*
 * The normal form (ad_text_normalize), NUL-terminated and followed by
 * WORD_PAD zero bytes; for ASCII text computed directly.
 */
static ad_status
normal_form(const char *text, size_t len, int ascii, char **out, size_t *outlen)
{
	char	   *o;
	size_t		n;

	if (!ascii)
	{
		ad_status	st = ad_text_normalize(text, len, out, outlen);

		if (st != AD_OK)
			return st;
		if ((o = realloc(*out, *outlen + WORD_PAD)) == NULL)
		{
			free(*out);
			*out = NULL;
			return AD_ENOMEM;
		}
		memset(o + *outlen, 0, WORD_PAD);
		*out = o;
		return AD_OK;
	}
	if ((o = malloc(len + WORD_PAD)) == NULL)
		return AD_ENOMEM;
	n = ad_ascii_normal_form((const unsigned char *) text, len, o);
	memset(o + n, 0, WORD_PAD);
	*out = o;
	*outlen = n;
	return AD_OK;
}

/* Signals over the normal form: phrases, contacts, repetition. */
static ad_status
normal_form_signals(const char *text, size_t len, int ascii, const UChar32 *cp, size_t n,
					const ad_matcher *const extra[AD_PHRASES_COUNT], ad_text_signals *out)
{
	char	   *norm;
	size_t		normlen,
				count;
	words		w;
	double		units;
	const char *kind;
	ad_status	st = normal_form(text, len, ascii, &norm, &normlen);

	if (st != AD_OK)
		return st;
	if ((st = split_words(norm, normlen, &w)) == AD_OK)
	{
		units = word_units(cp, n, w.n);
		units = units < DENSITY_MIN_WORDS ? DENSITY_MIN_WORDS : units;
		st = phrase_signals(norm, normlen, units, extra, out);
		if (st == AD_OK)
		{
			count = contacts(norm, normlen, &kind);
			out->value[AD_SIG_CONTACT] = count * 100.0 / units;
			count_reason(reason_buf(out, AD_SIG_CONTACT), count, "URLs, e-mail addresses, phone numbers",
						 kind, units, 1);
			st = repetition(text, len, &w, &out->value[AD_SIG_REPETITION], reason_buf(out, AD_SIG_REPETITION));
		}
	}
	free_words(&w);
	free(norm);
	return st;
}

ad_status
ad_text_signals_measure(const char *text, size_t len,
						const ad_matcher *const extra[AD_PHRASES_COUNT],
						int detail, ad_text_signals *out)
{
	UChar32    *cp = NULL;
	size_t		n = 0;
	int			ascii;
	ad_status	st;

	memset(out, 0, sizeof(*out));
	out->detail = detail;
	if (len > (size_t) INT32_MAX / 4)
		return AD_ETOOBIG;
	/*
	 * Pure ASCII is valid UTF-8 and holds no hidden characters and one script
	 * only: no decoding, the Unicode scans see no code points.
	 */
	ascii = ad_all_ascii(text, len);
	if (!ascii && (st = decode(text, len, &cp, &n)) != AD_OK)
		return st;
	ad_hidden_measure(cp, n, &out->value[AD_SIG_HIDDEN_UNICODE], reason_buf(out, AD_SIG_HIDDEN_UNICODE),
					  &out->c2pa_manifest);
	st = ad_confusable_measure(cp, n, &out->value[AD_SIG_CONFUSABLE], reason_buf(out, AD_SIG_CONFUSABLE));
	if (st == AD_OK)
		st = gibberish(text, len, ascii, &out->value[AD_SIG_GIBBERISH], reason_buf(out, AD_SIG_GIBBERISH),
					   &out->compression_ratio);
	if (st == AD_OK)
		st = normal_form_signals(text, len, ascii, cp, n, extra, out);
	free(cp);
	return st;
}
