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
#include "ad_provenance.h"
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

/*
 * A table for up to n keys, in generation 1: at most a quarter full for up
 * to 4,096 keys (fewer second probes, each a likely branch miss, for a few
 * KiB more), half full above.
 */
static ad_status
table_init(table *t, size_t n)
{
	size_t		cap = 16,
				want = n <= 4096 ? 4 * n + 2 : 2 * n + 2;

	t->shift = 60;
	while (cap < want)
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
	size_t		maxlen;			/* of the longest word of 24+ base64 characters, or 0 */
	size_t		singles;		/* longest run of one-character words */
	int			spelled;		/* a word spelled with separators ("i.g.n.o") */
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

/* Is the word (of the normal form) made of base64 characters only (a trailing '=' or '.' allowed)? */
static int
b64_word(const char *p, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		char		c = p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
			  ((c == '=' || c == '.' || c == ',') && i + 3 >= n)))
			return 0;
	}
	return 1;
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
				run = 0,
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
		if (wl == 1)
			w->singles = ++run > w->singles ? run : w->singles;
		else
		{
			run = 0;
			if (wl >= 24 && wl > w->maxlen && b64_word(norm + i, wl))
				w->maxlen = wl;
			w->spelled |= wl >= 7 && (norm[i + 1] == '.' || norm[i + 1] == '-' || norm[i + 1] == '_') &&
				norm[i + 3] == norm[i + 1] && norm[i + 5] == norm[i + 1];
			/* the same with two-byte letters (Cyrillic, Greek, Arabic, Hebrew: "а-г-е-н") */
			w->spelled |= wl >= 10 && (unsigned char) norm[i] >= 0xC2 && (unsigned char) norm[i] < 0xE0 &&
				(norm[i + 2] == '.' || norm[i + 2] == '-' || norm[i + 2] == '_') &&
				norm[i + 5] == norm[i + 2] && norm[i + 8] == norm[i + 2];
		}
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
#define LOG2_WINDOW 6.0
#define WINDOW_STEP 64
/* Entropy part: the window's entropy minus log2 of its width, plus this. */
#define ENTROPY_SLACK 1.4
#define TAIL_RUN_MIN 44		/* a shorter last run is a name, a path or a URL */
#define ENTROPY_MAX_SPACES 3	/* per WINDOW characters */
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
	return (n == WINDOW ? LOG2_WINDOW : log2((double) n)) - sum / n;
}

/* Is a quarter of the pairs of a[0..n) in alphabetical order ("abcdef...", "ABC...", "0123")? */
static int
alphabet_run(const unsigned char *a, size_t n)
{
	size_t		i,
				ordered = 0;

	for (i = 0; i + 1 < n; i++)
		ordered += a[i + 1] == a[i] + 1;
	return ordered * 4 >= n;
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

/* How many spaces a[0..n) holds, eight bytes at a time. */
static size_t
spaces(const unsigned char *a, size_t n)
{
	size_t		j = 0,
				c = 0;
	uint64_t	x;

	for (; j + 8 <= n; j += 8)
	{
		memcpy(&x, a + j, 8);
		c += (size_t) (((zeros8(x ^ (ONES8 * ' ')) >> 7) * ONES8) >> 56);	/* flags summed in the top byte */
	}
	for (; j < n; j++)
		c += a[j] == ' ';
	return c;
}

/* Keep the highest-entropy window seen. */
static void
consider_window(const unsigned char *a, size_t i, size_t w, double *worst, size_t *at,
				double *entropy, size_t *width, unsigned char count[128])
{
	double		h,
				lw;

	/*
	 * Words (more than ENTROPY_MAX_SPACES spaces per WINDOW characters: the
	 * word-salad measure judges those) are skipped before their entropy is
	 * computed: most windows of prose are.
	 */
	if (spaces(a + i, w) * WINDOW > ENTROPY_MAX_SPACES * w)
		return;
	h = window_entropy(a + i, w, count);
	lw = w == WINDOW ? LOG2_WINDOW : log2((double) w);

	/* Alphabets written out (code, not junk) are skipped too. */
	if (h - lw <= *worst)
		return;
	if (h - lw + ENTROPY_SLACK > 0 && alphabet_run(a + i, w))
		return;
	*worst = h - lw;
	*at = i;
	*entropy = h;
	*width = w;
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
	double		worst = -100,
				h = 0;
	size_t		i,
				n = len,
				at = 0,
				width = 0;
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
		consider_window(a, 0, n, &worst, &at, &h, &width, count);
	for (i = 0; i + WINDOW <= n; i += WINDOW_STEP)
		consider_window(a, i, WINDOW, &worst, &at, &h, &width, count);
	if (n > WINDOW)
		consider_window(a, n - WINDOW, WINDOW, &worst, &at, &h, &width, count);	/* the tail */
	/* the last run without spaces, alone: a junk tail shorter than a window */
	for (i = n; i > 0 && a[i - 1] != ' ' && a[i - 1] != '\n' && n - i < WINDOW; i--);
	if (n - i >= TAIL_RUN_MIN && n - i < WINDOW)
		consider_window(a, i, n - i, &worst, &at, &h, &width, count);
	free(copy);
	*value = worst + ENTROPY_SLACK > 0 ? worst + ENTROPY_SLACK : 0;
	/*
	 * The deflate ratio backs up a high entropy in the reason; it is not
	 * computed otherwise (nor for the score alone: it does not count there).
	 */
	*ratio = 0;
	if (reason == NULL)
		return AD_OK;
	if (*value > 0 && (st = tail_ratio(text, len, ratio)) != AD_OK)
		return st;
	if (width == 0)
		snprintf(reason, AD_REASON_MAX, "no run of %d ASCII characters with few spaces to measure", WINDOW / 2);
	else if (*ratio == 0)
		snprintf(reason, AD_REASON_MAX,
				 "highest ASCII window entropy %.2f bits per character (of %zu) at ASCII character %zu",
				 h, width, at + 1);
	else
		snprintf(reason, AD_REASON_MAX,
				 "highest ASCII window entropy %.2f bits per character (of %zu) at ASCII character %zu; tail deflate ratio %.2f",
				 h, width, at + 1, *ratio);
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

/*
 * Count URLs, e-mail addresses and phone numbers in the normal form (padded);
 * *leet_pairs gets the letters next to the other runs of digits.
 */
static size_t
contacts(const char *s, size_t len, const char **kind, size_t *leet_pairs)
{
	size_t		i = 0,
				count = 0,
				k;

	*kind = NULL;
	*leet_pairs = 0;
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
			continue;
		}
		if (IS_DIGIT(s[i]))
		{
			/* a run of digits between letters: leetspeak ("n0r", "4ll") or a name ("mp3") */
			for (k = i; k < len && IS_DIGIT(s[k]); k++);
			*leet_pairs += (i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z') + (k < len && s[k] >= 'a' && s[k] <= 'z');
			i = k;
		}
		else
			i++;
	}
	return count;
}

/* ---- word salad: runs of words in random order ---- */

/*
 * Windows of SALAD_WINDOW words, every SALAD_STEP words.  Running text of any
 * genre repeats words and is a good share function words; code, logs, tables
 * and link lists are full of punctuation inside their tokens.  A run of words
 * or strings drawn at random has none of these: nearly every word distinct,
 * nearly every word bare (letters and digits only), hardly a function word.
 */
#define SALAD_WINDOW 64
#define SALAD_STEP 16
#define STOP_SLOTS 4096

/*
 * Function words as 32-bit fingerprints of their word hashes (high half),
 * each at the slot of its hash's low bits or the next free one: a lookup
 * reads at most stop_reach + 1 adjacent slots (the table is padded past its
 * end for that).  0 is empty.
 */
static uint32_t stop_set[STOP_SLOTS + 8];
static int	stop_reach;
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void
stop_insert(uint64_t h)
{
	size_t		i = (size_t) h & (STOP_SLOTS - 1),
				d = 0;
	uint32_t	k = (uint32_t) (h >> 32) | 1;

	while (stop_set[i + d] != 0 && stop_set[i + d] != k && d < 7)
		d++;
	if (stop_set[i + d] != 0 && stop_set[i + d] != k)
		return;					/* a crowded neighbourhood: the word is left out */
	stop_set[i + d] = k;
	stop_reach = (int) d > stop_reach ? (int) d : stop_reach;
}

static inline int
stop_has(uint64_t h)
{
	const uint32_t *t = stop_set + ((size_t) h & (STOP_SLOTS - 1));
	uint32_t	k = (uint32_t) (h >> 32) | 1;
	int			d,
				hit = (t[0] == k) | (t[1] == k);

	for (d = 2; d <= stop_reach; d++)
		hit |= t[d] == k;
	return hit;
}

/* Hash a word as split_words does (buf: the word, then a NUL, padded). */
static uint64_t
hash_word(const char *w, size_t n)
{
	char		buf[72];
	size_t		len;

	if (n > 63)
		n = 63;
	memset(buf, 0, sizeof(buf));
	memcpy(buf, w, n);
	return word_at(buf, &len);
}

/* The function-word set, from the list in normal form (fewer than STOP_SLOTS / 4 words). */
static void
fill_stop_set(void)
{
	const char *const *list;
	size_t		n = ad_phrases_stopwords(&list),
				i;

	for (i = 0; i < n && i < STOP_SLOTS / 4; i++)
		stop_insert(hash_word(list[i], strlen(list[i])));
}

/* Is the word made of letters and digits only (a trailing . , ; : ! ? and inner ' - allowed)? */
static int
bare_word(const char *p, size_t n)
{
	int32_t		i = 0;

	if (n > 1 && (p[n - 1] == '.' || p[n - 1] == ',' || p[n - 1] == ';' || p[n - 1] == ':' ||
				  p[n - 1] == '!' || p[n - 1] == '?'))
		n--;
	while (i < (int32_t) n)
	{
		UChar32		c;
		int32_t		at = i;

		U8_NEXT(p, i, (int32_t) n, c);
		if (c < 0x80)
		{
			if (IS_ALNUM(c) || ((c == '\'' || c == '-') && at > 0 && i < (int32_t) n))
				continue;
			return 0;
		}
		if (c < 0 || !(u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK ||
					   u_charType(c) == U_COMBINING_SPACING_MARK))
			return 0;
	}
	return 1;
}

typedef struct salad_worst
{
	double		value;
	size_t		at;				/* first word of the window */
	double		distinct;
	double		bare;
	double		stop;
} salad_worst;

static double
ramp(double x, double lo, double hi)
{
	double		r = (x - lo) / (hi - lo);

	return r < 0 ? 0 : r > 1 ? 1 : r;
}

/*
 * The most random window of the words of the normal form.  Function words
 * are counted first (one probe a word); only windows with fewer than the
 * ramp's upper bound of them are measured further (bare and distinct
 * words), so running text costs one pass.
 */
static ad_status
word_salad(const char *norm, const words *w, salad_worst *out)
{
	uint32_t   *stops;
	size_t		i,
				off = 0,
				start,
				maxstop = (size_t) (0.12 * SALAD_WINDOW);
	uint64_t	seen[4 * SALAD_WINDOW];
	int			any = 0;

	memset(out, 0, sizeof(*out));
	if (w->n < SALAD_WINDOW)
		return AD_OK;
	pthread_once(&stop_once, fill_stop_set);
	if ((stops = malloc((w->n + 1) * sizeof(uint32_t))) == NULL)
		return AD_ENOMEM;
	stops[0] = 0;
	for (i = 0; i < w->n; i++)
		stops[i + 1] = stops[i] + (uint32_t) stop_has(w->hash[i]);
	for (start = 0; start + SALAD_WINDOW <= w->n; start += SALAD_STEP)
		any |= stops[start + SALAD_WINDOW] - stops[start] < maxstop;
	if (!any)
	{
		free(stops);
		return AD_OK;
	}
	/* word offsets are recomputed as the windows advance: each word is followed by one space */
	for (start = 0; start + SALAD_WINDOW <= w->n; start += SALAD_STEP)
	{
		size_t		stop = stops[start + SALAD_WINDOW] - stops[start],
					bare = 0,
					distinct = 0,
					o;
		double		d,
					b,
					v;

		if (stop >= maxstop)
		{
			for (i = start; i < start + SALAD_STEP; i++)
				off += w->len[i] + 1;
			continue;
		}
		memset(seen, 0, sizeof(seen));
		for (i = start, o = off; i < start + SALAD_WINDOW; i++)
		{
			uint64_t	h = w->hash[i] | 1;
			size_t		k = (size_t) (h * 0x9E3779B97F4A7C15ULL >> 56) & (4 * SALAD_WINDOW - 1);

			bare += bare_word(norm + o, w->len[i]);
			o += w->len[i] + 1;
			while (seen[k] != 0 && seen[k] != h)
				k = (k + 1) & (4 * SALAD_WINDOW - 1);
			distinct += seen[k] == 0;
			seen[k] = h;
		}
		for (i = start; i < start + SALAD_STEP; i++)
			off += w->len[i] + 1;
		d = (double) distinct / SALAD_WINDOW;
		b = (double) bare / SALAD_WINDOW;
		v = ramp(d, 0.80, 0.95) * ramp(b, 0.80, 0.95) * (1.0 - ramp((double) stop / SALAD_WINDOW, 0.04, 0.12));
		if (v > out->value)
		{
			out->value = v;
			out->at = start;
			out->distinct = d;
			out->bare = b;
			out->stop = (double) stop / SALAD_WINDOW;
		}
	}
	free(stops);
	return AD_OK;
}

/* ---- word units and phrase densities ---- */

#define DENSITY_MIN_WORDS 25.0
/* Contacts per 100 words, counted over at least 100: a lone link in a short text is not dense. */
#define CONTACT_MIN_WORDS 100.0

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

static ad_status normal_form(const char *text, size_t len, int ascii, char **out, size_t *outlen);

/* ---- injection as a construction ---- */

/* Bytes of the normal form either side of a directive searched for its addressee or target. */
#define CONSTRUCTION_WINDOW 120
/*
 * Characters (not bytes: a CJK, Arabic or Cyrillic clause is two or three
 * times longer in bytes) before a weak directive searched for its addressee.
 */
#define MODAL_WINDOW 60
/* Bytes of MODAL_WINDOW characters at most. */
#define MODAL_WINDOW_BYTES (3 * MODAL_WINDOW)

/* How many characters s[a..b) holds (bytes that do not continue one). */
static size_t
utf8_chars(const char *s, size_t a, size_t b)
{
	size_t		i,
				n = 0;

	for (i = a; i < b; i++)
		n += ((unsigned char) s[i] & 0xC0) != 0x80;
	return n;
}

/*
 * Bytes of the sentence end that starts at s[i] within s[..b) ("." "!" "?"
 * then a space, or an ideographic full stop, full-width ! or ?), or 0.
 */
static inline size_t
break_at(const char *s, size_t i, size_t b)
{
	unsigned char c = (unsigned char) s[i];

	if ((c == '.' || c == '!' || c == '?') && i + 1 < b && s[i + 1] == ' ')
		return 2;
	/* U+3002 ideographic full stop, U+FF01 and U+FF1F full-width ! and ? */
	if (c == 0xE3 && i + 2 < b && (unsigned char) s[i + 1] == 0x80 && (unsigned char) s[i + 2] == 0x82)
		return 3;
	if (c == 0xEF && i + 2 < b && (unsigned char) s[i + 1] == 0xBC &&
		((unsigned char) s[i + 2] == 0x81 || (unsigned char) s[i + 2] == 0x9F))
		return 3;
	return 0;
}

/* Does s[a..b) hold a sentence end? */
static int
sentence_break(const char *s, size_t a, size_t b)
{
	size_t		i;

	for (i = a; i < b; i++)
		if (break_at(s, i, b))
			return 1;
	return 0;
}

/* Copy src into dst[cap], cut before a character that does not fit whole. */
static void
utf8_cut(char *dst, size_t cap, const char *src)
{
	size_t		n = strlen(src);

	if (n >= cap)
	{
		n = cap - 1;
		while (n > 0 && ((unsigned char) src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = 0;
}

typedef struct construction_found
{
	size_t		count;
	char		directive[41];	/* the phrases, cut to 40 bytes */
	char		partner[41];
	int			header;			/* the first is a role header (directive: its line) */
} construction_found;

/*
 * Bytes and words between a header's markup and its role word, either side
 * (past two words only for brackets and '#').
 */
#define HEADER_SPAN 40
#define HEADER_WORDS 4

/* Is c a markup character of a role header? */
static inline int
header_mark(unsigned char c)
{
	return c == '#' || c == '[' || c == ']' || c == '<' || c == '>' || c == '{' || c == '}' ||
		c == '|' || c == '=' || c == '*' || c == '-' || c == '"';
}

/* Bytes of a full-width bracket at s[i]: 3 for an opening one (open) or a closing one, else 0. */
static inline size_t
cjk_bracket(const char *s, size_t len, size_t i, int open)
{
	return i + 2 < len && (unsigned char) s[i] == 0xE3 && (unsigned char) s[i + 1] == 0x80 &&
		(unsigned char) s[i + 2] == (open ? 0x90 : 0x91) ? 3 : 0;
}

/* Does s[a..b) hold something other than a header's words ("." "," ";" "!" "?" or an '@')? */
static inline int
header_stop(unsigned char c)
{
	return c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == '@';
}

/*
 * The words that name a role in a key-value header ("role: system",
 * "rôle=système", "роль: система"), in normal form.
 */
static const char *const role_keys[] = {
	"role", "rôle", "rol", "ruolo", "rolle", "papel", "роль", "角色", "ロール", "役割", "역할",
	"دور", "نقش", "کردار", "תפקיד", "भूमिका", "görev", "rola", "vai trò", "peran"
};

/*
 * Is the role word at s[w] the value of a role key ("role: operator",
 * "rôle=système")?  The start of the key, or SIZE_MAX.
 */
static size_t
role_key(const char *s, size_t w)
{
	size_t		i = w,
				k;

	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i == 0 || (s[i - 1] != ':' && s[i - 1] != '='))
		return SIZE_MAX;
	i--;
	while (i > 0 && s[i - 1] == ' ')
		i--;
	for (k = 0; k < sizeof(role_keys) / sizeof(role_keys[0]); k++)
	{
		size_t		kl = strlen(role_keys[k]);

		if (i >= kl && memcmp(s + i - kl, role_keys[k], kl) == 0 &&
			(i == kl || !(IS_ALNUM(s[i - kl - 1]) || ((unsigned char) s[i - kl - 1] & 0x80))))
			return i - kl;
	}
	return SIZE_MAX;
}

/*
 * Is the role word (data/phrases/header.txt) s[w..we) of the normal form
 * set off by markup: an opening run ("###", "[", "<|", "{", "--", "【"; at
 * the start or after a space) at most HEADER_WORDS words before it and a
 * closing run ("###", "]", ">", "\"", "--", "】") at most HEADER_WORDS words
 * after it, with no punctuation between?  "### system ###",
 * "[[system notice]]", "{\"role\": \"system\"", "<システム設定>".  *hs and
 * *he get the header's bounds.
 */
static int
role_header(const char *s, size_t len, size_t w, size_t we, size_t *hs, size_t *he)
{
	size_t		i,
				sp = 0,
				maxw = HEADER_WORDS,
				open = SIZE_MAX;

	/* a word of its own, not part of a name ("ppp-admin") */
	if (w > 0 && (IS_ALNUM(s[w - 1]) || s[w - 1] == '-' || s[w - 1] == '.' || s[w - 1] == '_'))
		return 0;
	if ((i = role_key(s, w)) != SIZE_MAX)
	{
		*hs = i;
		*he = we;
		return 1;
	}
	for (i = w; i > 0 && w - i < HEADER_SPAN && sp <= HEADER_WORDS;)
	{
		unsigned char c = (unsigned char) s[--i];

		if (i >= 2 && cjk_bracket(s, len, i - 2, 1))
		{
			open = i - 2;
			break;
		}
		if (header_stop(c))
			return 0;
		if (c == ' ')
			sp++;
		else if (header_mark(c))
		{
			size_t		r = i,
						run;

			while (r > 0 && header_mark((unsigned char) s[r - 1]))
				r--;
			run = i + 1 - r;
			/* a quotation mark or '>' (a quoted reply) does not open one; a lone dash, star or equals sign is a list item or an operator */
			if ((r == 0 || s[r - 1] == ' ') && s[r] != '"' && s[r] != '>' &&
				!(run == 1 && (s[r] == '-' || s[r] == '*' || s[r] == '=')))
			{
				open = r;
				break;
			}
			i = r;
		}
	}
	if (open == SIZE_MAX)
		return 0;
	/* past two words either side, only brackets and '#' open one ("<<begin of the system message>>", not "**a build system for ...**") */
	if (s[open] == '*' || s[open] == '-' || s[open] == '=' || s[open] == '"')
		maxw = 2;
	if (sp > maxw)
		return 0;
	for (i = we, sp = 0; i < len && i - we < HEADER_SPAN && sp <= maxw; i++)
	{
		unsigned char c = (unsigned char) s[i];
		size_t		cb = cjk_bracket(s, len, i, 0);

		if (header_stop(c) && c != ',')
			return 0;
		if (c == ' ')
			sp++;
		else if (cb || header_mark(c))
		{
			size_t		f = i + (cb ? cb : 1);

			while (f < len && header_mark((unsigned char) s[f]))
				f++;
			/* a dash closes only before a space or the end ("system-wide" is a word) */
			if (c != '-' || f == len || s[f] == ' ' || s[f] == ',' || s[f] == ':')
			{
				*hs = open;
				*he = f;
				return 1;
			}
			i = f - 1;
		}
	}
	return 0;
}

/*
 * The first role header followed, within CONSTRUCTION_WINDOW bytes, by an
 * addressee, a directive or a weak directive: a fake system message aimed
 * at the reader.  v[0..n) are the lexicon matches of the normal form s in
 * order of their ends; returns 1 + the index of the match that follows the
 * header, or 0.
 */
static size_t
header_construction(const char *s, size_t len, const ad_match *v, size_t n, construction_found *f)
{
	size_t		i,
				j,
				hs,
				he;

	for (i = 0; i < n; i++)
	{
		if (v[i].group != AD_LEX_HEADER || !role_header(s, len, v[i].end - v[i].len, v[i].end, &hs, &he))
			continue;
		for (j = i + 1; j < n && (v[j].group == AD_LEX_HEADER || v[j].group == AD_LEX_TARGET ||
								  v[j].end - v[j].len < he); j++)
			;
		if (j < n && v[j].end - v[j].len <= he + CONSTRUCTION_WINDOW)
		{
			char		line[2 * HEADER_SPAN + 8];

			utf8_cut(line, he - hs < sizeof(line) ? he - hs + 1 : sizeof(line), s + hs);
			utf8_cut(f->directive, sizeof(f->directive), line);
			utf8_cut(f->partner, sizeof(f->partner), v[j].phrase);
			f->header = 1;
			return j + 1;
		}
	}
	return 0;
}

/* Bytes at most from a note's sentence start to its addressee, and from the addressee to its end. */
#define VOCATIVE_HEAD 40
#define VOCATIVE_TAIL 32

/* Where the first sentence end in s[a..b) starts, or SIZE_MAX; *blen its bytes. */
static size_t
first_break(const char *s, size_t a, size_t b, size_t *blen)
{
	size_t		i;

	for (i = a; i < b; i++)
		if ((*blen = break_at(s, i, b)) > 0)
			return i;
	return SIZE_MAX;
}

/*
 * Is addressee p in a short sentence of its own (at most VOCATIVE_HEAD
 * bytes into it, VOCATIVE_TAIL bytes before its end), the only sentence
 * end before ds, and called by a comma, a colon or a particle ("Automated
 * summarizers, this bit is for you. Please ...", "クローラーの方へ。...")?
 * A note that tells the reader who the next sentence is for.
 */
static int
vocative(const char *s, const ad_match *p, size_t ds)
{
	size_t		ps = p->end - p->len,
				blen = 0,
				br = first_break(s, p->end, ds, &blen),
				st;

	if (p->group != AD_LEX_ADDRESSEE || br == SIZE_MAX || br - p->end > VOCATIVE_TAIL ||
		sentence_break(s, br + blen, ds))
		return 0;
	/* called by a comma or colon ("crawlers, this part is for you."), or a particle ("クローラーの方へ。", "챗봇께 부탁드립니다.") */
	if (s[p->end] != ',' && s[p->end] != ':')
	{
		size_t		i;

		if (br == p->end || !((unsigned char) s[p->end] & 0x80))
			return 0;
		for (i = p->end; i < br; i++)
			if (!((unsigned char) s[i] & 0x80) && s[i] != ' ')
				return 0;
	}
	/* back to the sentence's start: each step looks at the one byte it adds */
	for (st = ps; st > 0 && ps - st <= VOCATIVE_HEAD && !break_at(s, st - 1, ps); st--)
		;
	return ps - st <= VOCATIVE_HEAD;
}

/*
 * Is the addressee a bare "model(s)"?  In software and product text the word
 * names data or product models far more often than a reader ("support for
 * different models differs, but ... should"), so it is a partner of strong
 * directives only.
 */
static int
generic_model(const char *phrase)
{
	return strcmp(phrase, "models") == 0 || strcmp(phrase, "model,") == 0;
}

/*
 * First-person possessives, by language: "our chatbot should answer within
 * seconds" describes the writer's own system, not an instruction to the
 * reader's.
 */
static const char *const own_words[] = {
	"our", "my", "unser", "unsere", "unserem", "unseren", "unserer", "unseres", "mein", "meine",
	"meinem", "meinen", "meiner", "notre", "nos", "mon", "ma", "mes", "nuestro", "nuestra",
	"nuestros", "nuestras", "mi", "mis", "nostro", "nostra", "nostri", "nostre", "mio", "mia",
	"nosso", "nossa", "nossos", "nossas", "meu", "minha", "onze", "ons", "mijn", "nasz", "nasza",
	"nasze", "naszego", "naszej", "mój", "moja", "moje", "наш", "наша", "наше", "наши", "нашего",
	"нашей", "мой", "моя", "моё", "мои", "bizim", "benim",
};

/*
 * Is the addressee starting at ps owned by the writer: one of own_words among
 * the up to 3 words just before it, in the same clause ("our support
 * chatbot")?
 */
static int
own_addressee(const char *s, size_t ps)
{
	size_t		e = ps;
	int			w;

	for (w = 0; w < 3; w++)
	{
		size_t		b,
					k;

		while (e > 0 && s[e - 1] == ' ')
			e--;
		b = e;
		while (b > 0 && s[b - 1] != ' ' &&
			   ((unsigned char) s[b - 1] >= 0x80 || (s[b - 1] >= 'a' && s[b - 1] <= 'z') || s[b - 1] == '-'))
			b--;
		if (b == e || (b > 0 && s[b - 1] != ' '))
			return 0;			/* not a word, or punctuation: another clause */
		for (k = 0; k < sizeof(own_words) / sizeof(own_words[0]); k++)
			if (strlen(own_words[k]) == e - b && memcmp(s + b, own_words[k], e - b) == 0)
				return 1;
		e = b;
	}
	return 0;
}

/* Is match p a partner (addressee or target) of directive d, in its window and sentence? */
static int
partner_of(const char *s, const ad_match *d, const ad_match *p)
{
	size_t		ds = d->end - d->len,
				ps = p->end - p->len;

	if (p->group == AD_LEX_DIRECTIVE || p->group == AD_LEX_MODAL || p->group == AD_LEX_HEADER ||
		(p->group == AD_LEX_ADDRESSEE && own_addressee(s, ps)))
		return 0;
	/*
	 * A weak directive needs an addressee shortly before it in the same
	 * clause (no ';' between), not one inside a hyphenated name ("ai-platform").
	 */
	if (d->group == AD_LEX_MODAL)
		return p->group == AD_LEX_ADDRESSEE && s[p->end] != '-' && !(ps > 0 && s[ps - 1] == '-') &&
			!generic_model(p->phrase) &&
			p->end <= ds && ds - p->end <= MODAL_WINDOW_BYTES && utf8_chars(s, p->end, ds) <= MODAL_WINDOW &&
			(!sentence_break(s, p->end, ds) || vocative(s, p, ds)) &&
			memchr(s + p->end, ';', ds - p->end) == NULL;
	if (p->end <= ds)
		return ds - p->end <= CONSTRUCTION_WINDOW && (!sentence_break(s, p->end, ds) || vocative(s, p, ds));
	if (ps >= d->end)
		return ps - d->end <= CONSTRUCTION_WINDOW && !sentence_break(s, d->end, ps);
	return 0;					/* overlapping: one phrase, not two */
}

/*
 * Count injection constructions in the normal form s: directives with an
 * addressee or an override target in their window and sentence.  One
 * instruction counts once: a directive closer than the window to the last
 * one counted is not counted again.
 */
static ad_status
constructions(const char *s, size_t len, const size_t counts[AD_MATCH_GROUPS], construction_found *f)
{
	const ad_matcher *m;
	ad_match   *v;
	size_t		n,
				i,
				k,
				last_end = 0;
	int			any = 0;
	ad_status	st;

	/*
	 * Most texts hold no directive with a partner and no role word: the
	 * counts of the one scan tell.
	 */
	int			pairs = (counts[AD_LEX_GROUP(AD_LEX_DIRECTIVE)] > 0 &&
						 counts[AD_LEX_GROUP(AD_LEX_ADDRESSEE)] + counts[AD_LEX_GROUP(AD_LEX_TARGET)] > 0) ||
		(counts[AD_LEX_GROUP(AD_LEX_MODAL)] > 0 && counts[AD_LEX_GROUP(AD_LEX_ADDRESSEE)] > 0);

	if (!pairs && !(counts[AD_LEX_GROUP(AD_LEX_HEADER)] > 0 &&
					counts[AD_LEX_GROUP(AD_LEX_DIRECTIVE)] + counts[AD_LEX_GROUP(AD_LEX_ADDRESSEE)] +
					counts[AD_LEX_GROUP(AD_LEX_MODAL)] > 0))
		return AD_OK;
	if ((st = ad_phrases_builtin(&m)) != AD_OK || (st = ad_matcher_matches(m, s, len, &v, &n)) != AD_OK)
		return st;
	/* only the lexicon matches, their groups made lexicons */
	for (i = 0, k = 0; i < n; i++)
		if (v[i].group >= AD_PHRASES_COUNT)
		{
			v[k] = v[i];
			v[k++].group -= AD_PHRASES_COUNT;
		}
	n = k;
	if ((k = header_construction(s, len, v, n, f)) > 0)
	{
		/* the header and what follows it are one instruction */
		f->count++;
		any = 1;
		last_end = v[k - 1].end;
	}
	for (i = 0; pairs && i < n; i++)
	{
		size_t		j;
		const ad_match *p = NULL;

		if ((v[i].group != AD_LEX_DIRECTIVE && v[i].group != AD_LEX_MODAL) ||
			(any && v[i].end - v[i].len < last_end + CONSTRUCTION_WINDOW))
			continue;
		for (j = i; j-- > 0 && v[i].end - v[j].end <= MODAL_WINDOW_BYTES + v[i].len && p == NULL;)
			if (partner_of(s, &v[i], &v[j]))
				p = &v[j];
		for (j = i + 1; j < n && v[j].end - v[j].len <= v[i].end + CONSTRUCTION_WINDOW && p == NULL; j++)
			if (partner_of(s, &v[i], &v[j]))
				p = &v[j];
		if (p == NULL)
			continue;
		if (f->count++ == 0)
		{
			utf8_cut(f->directive, sizeof(f->directive), v[i].phrase);
			utf8_cut(f->partner, sizeof(f->partner), p->phrase);
		}
		any = 1;
		last_end = v[i].end;
	}
	free(v);
	return AD_OK;
}

/*
 * Injection count of a normal form: the larger of the phrase-list matches and
 * the constructions; counts and firsts (AD_MATCH_GROUPS each) get what the
 * one scan of the built-in matcher found.
 */
static ad_status
injection_count(const char *norm, size_t len, const ad_matcher *extra, size_t *count,
				const char **first, construction_found *f, size_t counts[AD_MATCH_GROUPS],
				const char *firsts[AD_MATCH_GROUPS])
{
	const ad_matcher *m;
	ad_status	st = ad_phrases_builtin(&m);

	if (st != AD_OK)
		return st;
	ad_matcher_count_groups(m, norm, len, counts, firsts, AD_MATCH_GROUPS);
	*count = counts[AD_PHRASES_INJECTION];
	*first = firsts[AD_PHRASES_INJECTION];
	if (extra != NULL)
	{
		const char *f2;

		*count += ad_matcher_count(extra, norm, len, &f2);
		*first = *first ? *first : f2;
	}
	memset(f, 0, sizeof(*f));
	if ((st = constructions(norm, len, counts, f)) != AD_OK)
		return st;
	/* The two views of one text overlap ("ignore previous instructions" is both). */
	*count = *count > f->count ? *count : f->count;
	return AD_OK;
}

/* ---- obfuscated instructions: variants of the text scanned again ---- */

/* Leetspeak digits and signs, and the letters they stand for. */
static int
leet_letter(unsigned char c)
{
	switch (c)
	{
		case '4':
		case '@':
			return 'a';
		case '3':
			return 'e';
		case '1':
			return 'i';
		case '0':
			return 'o';
		case '5':
		case '$':
			return 's';
		case '7':
			return 't';
		default:
			return 0;
	}
}

/*
 * The normal form with leetspeak words spelled in letters (words of ASCII
 * letters and leet characters holding both), or NULL when fewer than two
 * words are so.  malloc'd, padded like the normal form.
 */
static char *
deleet(const char *norm, size_t len)
{
	char	   *o = NULL;
	size_t		i = 0,
				words = 0;

	while (i < len)
	{
		size_t		j = i,
					letters = 0,
					leet = 0,
					other = 0;

		for (; j < len && norm[j] != ' '; j++)
		{
			unsigned char c = (unsigned char) norm[j];

			if (c >= 'a' && c <= 'z')
				letters++;
			else if (leet_letter(c))
				leet++;
			else if (!(c == '.' || c == ',' || c == ':' || c == ';' || c == '!'))
				other++;
		}
		if (letters > 0 && leet > 0 && other == 0)
		{
			size_t		k;

			if (o == NULL)
			{
				if ((o = malloc(len + WORD_PAD)) == NULL)
					return NULL;
				memcpy(o, norm, len);
				memset(o + len, 0, WORD_PAD);
			}
			for (k = i; k < j; k++)
				if (leet_letter((unsigned char) o[k]) && !(k + 1 == j && o[k] == '$'))
					o[k] = (char) leet_letter((unsigned char) o[k]);
			words++;
		}
		i = j + 1;
	}
	if (words < 2)
	{
		free(o);
		return NULL;
	}
	return o;
}

#define IS_SPLIT_SEP(c) ((c) == ' ' || (c) == '.' || (c) == '-' || (c) == '_')
#define SPLIT_MIN_LETTERS 4

/*
 * The text with words spelled letter by letter ("i g n o r e", "i.g.n.o.r.e")
 * joined, or NULL when it has none: runs of single letters or digits, each
 * followed by the same separator, joined when one of them is at least
 * SPLIT_MIN_LETTERS long ("t h e" then joins too).  Two spaces between such
 * runs stay a word break.  malloc'd, *olen its length.
 */
/*
 * Bytes of the letter or digit at t[i] for spelling apart: an ASCII letter
 * or digit, or a two-byte UTF-8 letter (Cyrillic, Greek, Arabic, Hebrew,
 * accented Latin); 0 otherwise.
 */
static inline size_t
split_unit(const char *t, size_t len, size_t i)
{
	unsigned char c = (unsigned char) t[i];

	if (IS_ALNUM(c))
		return 1;
	return c >= 0xC2 && c < 0xE0 && i + 1 < len && ((unsigned char) t[i + 1] & 0xC0) == 0x80 ? 2 : 0;
}

/* Does the letter or digit at t[i] end at a word's end (no letter or digit right after)? */
static inline size_t
unit_before(const char *t, size_t i)
{
	if (i == 0)
		return 0;
	if (IS_ALNUM(t[i - 1]))
		return 1;
	return i >= 2 && (unsigned char) t[i - 2] >= 0xC2 && (unsigned char) t[i - 2] < 0xE0 &&
		((unsigned char) t[i - 1] & 0xC0) == 0x80;
}

static char *
join_split_letters(const char *t, size_t len, size_t *olen)
{
	char	   *o = NULL;
	size_t		i = 0,
				k = 0,
				copied = 0;
	int			long_run = 0;

	while (i < len)
	{
		size_t		j = i,
					letters = 0,
					u = split_unit(t, len, i),
					v;
		char		sep;

		if (u == 0 || unit_before(t, i) || i + u + 1 >= len || !IS_SPLIT_SEP(t[i + u]))
		{
			i++;
			continue;
		}
		sep = t[i + u];
		while (j < len && (u = split_unit(t, len, j)) > 0 &&
			   (j + u == len || t[j + u] == sep || split_unit(t, len, j + u) == 0))
		{
			letters++;
			if (j + u + 1 < len && t[j + u] == sep && (v = split_unit(t, len, j + u + 1)) > 0 &&
				(j + u + 1 + v >= len || split_unit(t, len, j + u + 1 + v) == 0))
				j += u + 1;
			else
			{
				j += u;
				break;
			}
		}
		if (letters < 2)
		{
			i = j > i ? j : i + 1;
			continue;
		}
		long_run |= letters >= SPLIT_MIN_LETTERS;
		if (o == NULL && (o = malloc(len + 1)) == NULL)
			return NULL;
		memcpy(o + k, t + copied, i - copied);
		k += i - copied;
		for (; i < j; i++)
			if (t[i] != sep || i + 1 == j)
				o[k++] = t[i];
		copied = j;
	}
	if (o == NULL || !long_run)
	{
		free(o);
		return NULL;
	}
	memcpy(o + k, t + copied, len - copied);
	*olen = k + len - copied;
	return o;
}

#define IS_B64(c) (IS_ALNUM(c) || (c) == '+' || (c) == '/')
#define B64_MIN_RUN 24

/* Is the decoded run readable text (UTF-8, mostly printable, spaced like words)? */
static int
readable(const unsigned char *d, size_t n)
{
	size_t		i,
				print = 0,
				spaces = 0;

	if (n < 12 || ad_utf8_check((const char *) d, n) != AD_OK)
		return 0;
	for (i = 0; i < n; i++)
	{
		print += (d[i] >= 0x20 && d[i] != 0x7f) || d[i] == '\n';
		spaces += d[i] == ' ';
	}
	return print * 10 >= n * 9 && spaces > 0;
}

#define LEET_MIN_PAIRS 4
#define HINT_LEET 1
#define HINT_SPLIT 2
#define HINT_BASE64 4

/*
 * Which obfuscated forms the text may hold, from what split_words and the
 * contact scan noted: letters next to digits (pairs; a leetspeak word has
 * several, a year or a version such as "1950s" or "mp3" one), four
 * one-character words in a row or a word spelled with separators ("i.g.n"),
 * a word of base64 characters as long as a base64 run.
 */
static int
obfuscation_hints(const words *w, size_t pairs)
{
	int			hints = 0;

	if (w->singles >= SPLIT_MIN_LETTERS || w->spelled)
		hints |= HINT_SPLIT;
	if (w->maxlen >= B64_MIN_RUN)
		hints |= HINT_BASE64;

	if (pairs >= LEET_MIN_PAIRS)
		hints |= HINT_LEET;
	return hints;
}

/* Tatweels (U+0640) that a normal form must hold before it is scanned without them. */
#define TATWEEL_MIN 3

/*
 * The normal form without its tatweels (the Arabic letter extender: padding
 * inside words that splits a phrase apart), NUL-terminated and padded; NULL
 * when it holds fewer than TATWEEL_MIN or memory is short.  *olen: its length.
 */
static char *
strip_tatweel(const char *norm, size_t len, size_t *olen)
{
	const char *p = norm,
			   *end = norm + len;
	size_t		k = 0,
				i;
	char	   *o;

	while ((p = memchr(p, 0xD9, (size_t) (end - p))) != NULL && k < TATWEEL_MIN)
	{
		k += p + 1 < end && (unsigned char) p[1] == 0x80;
		p++;
	}
	if (k < TATWEEL_MIN || (o = calloc(len + WORD_PAD + 1, 1)) == NULL)
		return NULL;
	for (i = 0, k = 0; i < len; i++)
		if (!((unsigned char) norm[i] == 0xD9 && i + 1 < len && (unsigned char) norm[i + 1] == 0x80))
			o[k++] = norm[i];
		else
			i++;
	*olen = k;
	return o;
}

#define SPACED_MIN_RUN 4
#define IS_PUNCT_WORD(c) ((c) == ',' || (c) == '.' || (c) == '!' || (c) == '?' || (c) == ':' || (c) == ';')

/* Bytes of the UTF-8 character at s[i] when it is one of three or four bytes (CJK, kana, Hangul), else 0. */
static inline size_t
wide_char(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char) s[i];
	size_t		n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 0;

	return n > 0 && i + n <= len ? n : 0;
}

/*
 * The normal form with CJK text spelled one character at a time joined
 * ("忽 视 你 的 规 则" to "忽视你的规则"): runs of at least SPACED_MIN_RUN
 * wide characters, each a word of its own, lose the spaces between them.
 * NUL-terminated and padded; NULL when there is no such run or memory is
 * short.  *olen: its length.
 */
static char *
join_spaced_wide(const char *norm, size_t len, size_t *olen)
{
	char	   *o = NULL;
	size_t		i = 0,
				k = 0,
				copied = 0;

	while (i < len)
	{
		size_t		j = i,
					run = 0,
					n;

		/* a run starts at a word start */
		if ((i > 0 && norm[i - 1] != ' ') || (n = wide_char(norm, len, i)) == 0)
		{
			i++;
			continue;
		}
		/* single wide characters (or punctuation, which the normal form made ASCII) separated by one space */
		while (((n = wide_char(norm, len, j)) > 0 || (run > 0 && IS_PUNCT_WORD(norm[j]))) &&
			   (j + (n ? n : 1) == len || norm[j + (n ? n : 1)] == ' '))
		{
			run += n > 0;
			j += n ? n : 1;
			if (j + 1 < len && norm[j] == ' ' && (wide_char(norm, len, j + 1) > 0 || IS_PUNCT_WORD(norm[j + 1])))
				j++;
			else
				break;
		}
		if (run < SPACED_MIN_RUN)
		{
			i = j > i ? j : i + 1;
			continue;
		}
		if (o == NULL && (o = calloc(len + WORD_PAD + 1, 1)) == NULL)
			return NULL;
		memcpy(o + k, norm + copied, i - copied);
		k += i - copied;
		for (; i < j; i++)
			if (norm[i] != ' ' || i + 1 == j)
				o[k++] = norm[i];
		copied = j;
	}
	if (o == NULL)
		return NULL;
	memcpy(o + k, norm + copied, len - copied);
	*olen = k + len - copied;
	return o;
}

/*
 * The injection count of one obfuscated form v (olen bytes; malloc'd, freed
 * here): *count, *how and *f get it when it is larger than *count.
 */
static ad_status
count_variant(char *v, size_t olen, const char *name, size_t *count, const char **how, construction_found *f)
{
	size_t		c,
				counts[AD_MATCH_GROUPS];
	const char *first,
			   *firsts[AD_MATCH_GROUPS];
	construction_found cf;
	ad_status	st = injection_count(v, olen, NULL, &c, &first, &cf, counts, firsts);

	free(v);
	if (st == AD_OK && c > *count)
		*count = c, *how = name, *f = cf;
	return st;
}

/*
 * Injection counts of the text's obfuscated forms: leetspeak spelled out,
 * split letters joined, base64 runs decoded; the largest goes to *count.
 */
static ad_status
obfuscated_injection(const char *text, size_t len, int ascii, const char *norm, size_t normlen, const words *w,
					 size_t leet_pairs, size_t *count, const char **how, construction_found *f)
{
	int			hints = obfuscation_hints(w, leet_pairs);
	size_t		c,
				i = 0,
				olen;
	const char *first;
	construction_found cf;
	char	   *v;
	size_t		counts[AD_MATCH_GROUPS];
	const char *firsts[AD_MATCH_GROUPS];
	ad_status	st = AD_OK;

	*count = 0;
	*how = NULL;
	if ((hints & HINT_LEET) && (v = deleet(norm, normlen)) != NULL)
		st = count_variant(v, normlen, "leetspeak", count, how, f);
	if (st == AD_OK && !ascii && (v = strip_tatweel(norm, normlen, &olen)) != NULL)
		st = count_variant(v, olen, "tatweel", count, how, f);
	if (st == AD_OK && !ascii && (v = join_spaced_wide(norm, normlen, &olen)) != NULL)
		st = count_variant(v, olen, "spelled apart", count, how, f);
	if (st == AD_OK && (hints & HINT_SPLIT) && (v = join_split_letters(text, len, &olen)) != NULL)
	{
		char	   *n2;
		size_t		n2len;

		st = normal_form(v, olen, ad_all_ascii(v, olen), &n2, &n2len);
		free(v);
		if (st == AD_OK)
			st = count_variant(n2, n2len, "spelled apart", count, how, f);
	}
	while (st == AD_OK && (hints & HINT_BASE64) && i < len)
	{
		size_t		j = i,
					dlen;
		unsigned char *d;

		if (!IS_B64(text[i]))
		{
			i++;
			continue;
		}
		while (j < len && IS_B64(text[j]))
			j++;
		olen = j - i;
		if (olen >= B64_MIN_RUN && olen % 4 != 1 &&
			ad_base64_decode(text + i, olen - olen % 4, &d, &dlen) == AD_OK)
		{
			if (readable(d, dlen))
			{
				char	   *n2;
				size_t		n2len;

				st = normal_form((const char *) d, dlen, ad_all_ascii((const char *) d, dlen), &n2, &n2len);
				if (st == AD_OK)
				{
					st = injection_count(n2, n2len, NULL, &c, &first, &cf, counts, firsts);
					free(n2);
					if (st == AD_OK && c > *count)
						*count = c, *how = "base64", *f = cf;
					if (st == AD_OK && c > 0 && cf.count == 0 && first != NULL)
						utf8_cut(f->directive, sizeof(f->directive), first), f->partner[0] = 0;
				}
			}
			free(d);
		}
		i = j;
	}
	return st;
}

/* Phrase-list signals: injection (phrases and constructions, plain or obfuscated), trigger counts, promotional density. */
static ad_status
phrase_signals(const char *text, size_t len, int ascii, const char *norm, size_t normlen, const words *w,
			   size_t leet_pairs, double units,
			   const ad_matcher *const extra[AD_PHRASES_COUNT], ad_text_signals *out)
{
	static const struct
	{
		ad_phrase_list list;
		ad_signal	sig;
		const char *what;
		int			density;
	}			map[] = {
		{AD_PHRASES_PROMOTIONAL, AD_SIG_PROMOTIONAL, "promotional phrases", 1},
		{AD_PHRASES_TRIGGER, AD_SIG_TRIGGER, "rare trigger tokens", 0},
	};
	size_t		counts[AD_MATCH_GROUPS],
				count,
				ocount;
	const char *firsts[AD_MATCH_GROUPS],
			   *first,
			   *how;
	construction_found f,
				of;
	char	   *reason = reason_buf(out, AD_SIG_INJECTION);
	size_t		i;
	ad_status	st = injection_count(norm, normlen, extra != NULL ? extra[AD_PHRASES_INJECTION] : NULL,
									 &count, &first, &f, counts, firsts);

	if (st != AD_OK)
		return st;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
	{
		size_t		c = counts[map[i].list];
		const char *fst = firsts[map[i].list];

		if (extra != NULL && extra[map[i].list] != NULL)
		{
			const char *f2;

			c += ad_matcher_count(extra[map[i].list], norm, normlen, &f2);
			fst = fst ? fst : f2;
		}
		out->value[map[i].sig] = map[i].density ? c * 100.0 / units : (double) c;
		count_reason(reason_buf(out, map[i].sig), c, map[i].what, fst, units, map[i].density);
	}
	st = obfuscated_injection(text, len, ascii, norm, normlen, w, leet_pairs, &ocount, &how, &of);
	if (st != AD_OK)
		return st;
	if (ocount > count)
	{
		count = ocount;
		f = of;
		first = f.directive;
	}
	else
		how = NULL;
	out->value[AD_SIG_INJECTION] = (double) count;
	if (reason == NULL)
		return AD_OK;
	if (count == 0)
		snprintf(reason, AD_REASON_MAX, "no prompt-injection phrases or constructions");
	else if (f.count > 0 && f.header)
		snprintf(reason, AD_REASON_MAX, "role header \"%s\" before \"%s\"%s%s%s; %zu in all",
				 f.directive, f.partner, how ? " (" : "", how ? how : "", how ? ")" : "", count);
	else if (f.count > 0 && f.partner[0] != 0)
		snprintf(reason, AD_REASON_MAX, "directive \"%s\" near \"%s\"%s%s%s; %zu in all",
				 f.directive, f.partner, how ? " (" : "", how ? how : "", how ? ")" : "", count);
	else
		snprintf(reason, AD_REASON_MAX, "prompt-injection phrase \"%.60s\"%s%s%s; %zu in all",
				 first ? first : "", how ? " (" : "", how ? how : "", how ? ")" : "", count);
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

/* Is there a quoted line ("> ...", as in mail replies)? */
static int
has_quoted_line(const char *text, size_t len)
{
	const char *p = text,
			   *end = text + len;

	if (len > 0 && text[0] == '>')
		return 1;
	while (p < end && (p = memchr(p, '\n', (size_t) (end - p))) != NULL)
		if (++p < end && *p == '>')
			return 1;
	return 0;
}

/*
 * Repetition of the text without its quoted lines: a reply that quotes the
 * message it answers repeats it by its nature.
 */
static ad_status
unquoted_repetition(const char *text, size_t len, words *w, ad_text_signals *out)
{
	char	   *copy,
			   *norm;
	size_t		i = 0,
				k = 0,
				normlen;
	words		w2;
	ad_status	st;

	if (!has_quoted_line(text, len))
		return repetition(text, len, w, &out->value[AD_SIG_REPETITION], reason_buf(out, AD_SIG_REPETITION));
	if ((copy = malloc(len + 1)) == NULL)
		return AD_ENOMEM;
	while (i < len)
	{
		const char *nl = memchr(text + i, '\n', len - i);
		size_t		j = nl ? (size_t) (nl - text) + 1 : len;

		if (text[i] != '>')
		{
			memcpy(copy + k, text + i, j - i);
			k += j - i;
		}
		i = j;
	}
	st = normal_form(copy, k, ad_all_ascii(copy, k), &norm, &normlen);
	if (st == AD_OK)
	{
		if ((st = split_words(norm, normlen, &w2)) == AD_OK)
			st = repetition(copy, k, &w2, &out->value[AD_SIG_REPETITION], reason_buf(out, AD_SIG_REPETITION));
		free_words(&w2);
		free(norm);
	}
	free(copy);
	return st;
}

/* The word-salad part of the gibberish signal: the larger of it and the entropy part counts. */
static ad_status
salad_signal(const char *norm, const words *w, ad_text_signals *out)
{
	salad_worst sw;
	char	   *reason = reason_buf(out, AD_SIG_GIBBERISH);
	ad_status	st = word_salad(norm, w, &sw);

	if (st != AD_OK || sw.value <= out->value[AD_SIG_GIBBERISH])
		return st;
	out->value[AD_SIG_GIBBERISH] = sw.value;
	if (reason != NULL)
		snprintf(reason, AD_REASON_MAX,
				 "words in random order at word %zu: of %d words %.0f%% distinct, %.0f%% bare, %.0f%% function words",
				 sw.at + 1, SALAD_WINDOW, 100 * sw.distinct, 100 * sw.bare, 100 * sw.stop);
	return AD_OK;
}

/* Signals over the normal form: phrases, contacts, repetition, word salad. */
static ad_status
normal_form_signals(const char *text, size_t len, int ascii, const UChar32 *cp, size_t n,
					const ad_matcher *const extra[AD_PHRASES_COUNT], ad_text_signals *out)
{
	char	   *norm;
	size_t		normlen,
				count,
				leet_pairs;
	words		w;
	double		units,
				cunits;
	const char *kind;
	ad_status	st = normal_form(text, len, ascii, &norm, &normlen);

	if (st != AD_OK)
		return st;
	if ((st = split_words(norm, normlen, &w)) == AD_OK)
	{
		units = word_units(cp, n, w.n);
		cunits = units < CONTACT_MIN_WORDS ? CONTACT_MIN_WORDS : units;
		units = units < DENSITY_MIN_WORDS ? DENSITY_MIN_WORDS : units;
		count = contacts(norm, normlen, &kind, &leet_pairs);
		out->value[AD_SIG_CONTACT] = count * 100.0 / cunits;
		count_reason(reason_buf(out, AD_SIG_CONTACT), count, "URLs, e-mail addresses, phone numbers",
					 kind, cunits, 1);
		st = phrase_signals(text, len, ascii, norm, normlen, &w, leet_pairs, units, extra, out);
		if (st == AD_OK)
			st = unquoted_repetition(text, len, &w, out);
		if (st == AD_OK)
			st = salad_signal(norm, &w, out);
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
