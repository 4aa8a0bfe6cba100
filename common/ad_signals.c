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

/* A 64-bit hash of the bytes, eight at a time; never 0 (0 marks an empty slot). */
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
	return h ? h : 1;
}

#define FNV_BASIS 0xcbf29ce484222325ULL

/* ---- counting hash table of 64-bit keys ---- */

typedef struct slot
{
	uint64_t	key;
	uint32_t	count;
	uint32_t	chars;
} slot;

typedef struct table
{
	slot	   *s;
	size_t		mask;
	int			shift;
} table;

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
	return t->s ? AD_OK : AD_ENOMEM;
}

/* Find or insert key; returns its slot. */
static slot *
table_get(table *t, uint64_t key, uint32_t chars)
{
	size_t		i = (size_t) ((key * 0x9E3779B97F4A7C15ULL) >> t->shift);

	while (t->s[i].key != 0 && t->s[i].key != key)
		i = (i + 1) & t->mask;
	if (t->s[i].key == 0)
	{
		t->s[i].key = key;
		t->s[i].chars = chars;
	}
	return &t->s[i];
}

static void
table_clear(table *t)
{
	memset(t->s, 0, (t->mask + 1) * sizeof(slot));
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

/* Duplicate lines (sep "\n") or paragraphs (blank-line separated) of the raw text. */
static ad_status
dup_blocks(const char *text, size_t len, int paragraphs, worst *w)
{
	table		t;
	size_t		i = 0,
				blocks = 0,
				dups = 0,
				chars = 0,
				dupchars = 0;
	ad_status	st = table_init(&t, len / 8 + 1);

	if (st != AD_OK)
		return st;
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
			slot	   *s = table_get(&t, hash_bytes(text + b, e - b, FNV_BASIS), (uint32_t) (e - b));

			blocks++;
			chars += e - b;
			if (s->count++ > 0)
			{
				dups++;
				dupchars += e - b;
			}
		}
		i = j + 1;
	}
	free(t.s);
	if (blocks >= 2)
	{
		consider(w, (double) dups / blocks, paragraphs ? DUP_PARA_FRAC : DUP_LINE_FRAC,
				 paragraphs ? "duplicate paragraphs" : "duplicate lines", 0);
		consider(w, (double) dupchars / chars, paragraphs ? DUP_PARA_CHAR_FRAC : DUP_LINE_CHAR_FRAC,
				 paragraphs ? "characters in duplicate paragraphs" : "characters in duplicate lines", 0);
	}
	return AD_OK;
}

/* Words of the normal form (split at its single spaces). */
typedef struct words
{
	size_t		n;
	size_t	   *start;
	size_t	   *len;
	uint64_t   *hash;
	size_t		chars;
} words;

static ad_status
split_words(const char *norm, size_t len, words *w)
{
	size_t		i = 0;

	memset(w, 0, sizeof(*w));
	w->start = malloc((len / 2 + 1) * sizeof(size_t));
	w->len = malloc((len / 2 + 1) * sizeof(size_t));
	w->hash = malloc((len / 2 + 1) * sizeof(uint64_t));
	if (w->start == NULL || w->len == NULL || w->hash == NULL)
		return AD_ENOMEM;
	while (i < len)
	{
		size_t		j = i;

		while (j < len && norm[j] != ' ')
			j++;
		w->start[w->n] = i;
		w->len[w->n] = j - i;
		w->hash[w->n] = hash_bytes(norm + i, j - i, FNV_BASIS);
		w->chars += j - i;
		w->n++;
		i = j + 1;
	}
	return AD_OK;
}

static void
free_words(words *w)
{
	free(w->start);
	free(w->len);
	free(w->hash);
}

/* Gopher n-gram measures: top 2..4-gram share, duplicate 5..10-gram share. */
static ad_status
ngram_measures(const words *w, worst *wst)
{
	table		t;
	uint64_t   *h;
	size_t	   *chars;
	int			n,
				first;
	size_t		i;
	ad_status	st;

	if (w->n < DUP_NGRAM_MIN_WORDS || w->chars == 0)
		return AD_OK;
	if ((st = table_init(&t, w->n)) != AD_OK)
		return st;
	h = malloc(w->n * sizeof(uint64_t));
	chars = malloc(w->n * sizeof(size_t));
	if (h == NULL || chars == NULL)
	{
		free(t.s);
		free(h);
		free(chars);
		return AD_ENOMEM;
	}
	/* h[i] and chars[i] describe the n-gram at word i, extended by one word per round. */
	for (i = 0; i < w->n; i++)
	{
		h[i] = (FNV_BASIS ^ w->hash[i]) * 0x100000001b3ULL;
		chars[i] = w->len[i];
	}
	first = w->n < TOP_NGRAM_MIN_WORDS ? 5 : 2;
	for (n = 2; n <= 10; n++)
	{
		size_t		covered = 0,
					dupchars = 0,
					top = 0;
		int			repeats = 0;

		for (i = 0; i + n <= w->n; i++)
		{
			h[i] = (h[i] ^ w->hash[i + n - 1]) * 0x100000001b3ULL;
			chars[i] += w->len[i + n - 1];
		}
		if (n < first)
			continue;
		table_clear(&t);
		for (i = 0; i + n <= w->n; i++)
		{
			slot	   *s = table_get(&t, h[i] ? h[i] : 1, (uint32_t) chars[i]);

			s->count++;
			repeats |= (s->count > 1);
			if (n <= 4 && s->count > 1 && (size_t) s->count * chars[i] > top)
				top = (size_t) s->count * chars[i];
			if (n >= 5 && s->count > 1)
			{
				size_t		k;

				for (k = (i > covered ? i : covered); k < i + n; k++)
					dupchars += w->len[k];
				covered = i + n;
			}
		}
		if (n <= 4)
			consider(wst, (double) top / w->chars, top_ngram_limit[n], "top n-gram share", n);
		else
			consider(wst, (double) dupchars / w->chars, dup_ngram_limit[n], "duplicate n-gram share", n);
		/* No repeated n-gram: no longer one repeats either, every later measure is 0. */
		if (!repeats)
			break;
	}
	free(t.s);
	free(h);
	free(chars);
	return AD_OK;
}

static ad_status
repetition(const char *text, size_t len, const words *w, double *value, char *reason)
{
	worst		wst = {0, 0, NULL, 0};
	ad_status	st;

	if ((st = dup_blocks(text, len, 0, &wst)) != AD_OK ||
		(st = dup_blocks(text, len, 1, &wst)) != AD_OK ||
		(st = ngram_measures(w, &wst)) != AD_OK)
		return st;
	*value = wst.ratio;
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
 * Character entropy (bits) of the n <= WINDOW bytes a[0..n):
 * log2 n - sum(c log2 c) / n.  count[] is all zero on entry and on return.
 */
static double
window_entropy(const unsigned char *a, size_t n, unsigned char count[128])
{
	size_t		i;
	double		sum = 0;

	for (i = 0; i < n; i++)
		count[a[i]]++;
	for (i = 0; i < n; i++)
		if (count[a[i]] != 0)
		{
			sum += clog[count[a[i]]];
			count[a[i]] = 0;
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
gibberish(const char *text, size_t len, double *value, char *reason, double *ratio)
{
	unsigned char *a = malloc(len + 1),
				count[128] = {0};
	double		worst = -1;
	size_t		i,
				n = 0,
				at = 0;
	ad_status	st;

	if (a == NULL)
		return AD_ENOMEM;
	for (i = 0; i < len; i++)
		if ((unsigned char) text[i] < 0x80)
			a[n++] = (unsigned char) text[i];
	pthread_once(&clog_once, fill_clog);
	if (n < WINDOW && n >= WINDOW / 2)
		consider_window(a, 0, n, &worst, &at, count);
	for (i = 0; i + WINDOW <= n; i += WINDOW_STEP)
		consider_window(a, i, WINDOW, &worst, &at, count);
	if (n > WINDOW)
		consider_window(a, n - WINDOW, WINDOW, &worst, &at, count);	/* the tail */
	free(a);
	*value = worst > ENTROPY_BASE ? worst - ENTROPY_BASE : 0;
	/* The deflate ratio backs up a high entropy; it is not computed otherwise. */
	*ratio = 0;
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

/* Count URLs, e-mail addresses and phone numbers in the normal form. */
static size_t
contacts(const char *s, size_t len, const char **kind)
{
	size_t		i = 0,
				count = 0,
				k;

	*kind = NULL;
	while (i < len)
	{
		const char *what = NULL;

		k = 0;
		if (s[i] != 'h' && s[i] != 'w' && s[i] != '@' && s[i] != '+' && !IS_DIGIT(s[i]))
		{
			i++;
			continue;
		}
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

/* Reason for a count or a density signal. */
static void
count_reason(char *reason, size_t count, const char *what, const char *first, double units, int density)
{
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
		count_reason(out->reason[map[i].sig], count, map[i].what, first, units, map[i].density);
	}
	return AD_OK;
}

/*
 * The normal form (ad_text_normalize); for ASCII text computed directly with
 * the same result: controls other than white space dropped, letters lower-
 * cased, white space runs collapsed to one space and trimmed.
 */
static ad_status
normal_form(const char *text, size_t len, char **out, size_t *outlen)
{
	char	   *o;
	size_t		i,
				n = 0;
	int			pending = 0;

	for (i = 0; i < len; i++)
		if ((unsigned char) text[i] >= 0x80)
			return ad_text_normalize(text, len, out, outlen);
	if ((o = malloc(len + 1)) == NULL)
		return AD_ENOMEM;
	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) text[i];

		if (c == ' ' || (c >= '\t' && c <= '\r'))
			pending = (n > 0);
		else if (c >= 0x20 && c < 0x7f)
		{
			if (pending)
				o[n++] = ' ';
			pending = 0;
			o[n++] = (char) ((c >= 'A' && c <= 'Z') ? c + 32 : c);
		}
	}
	o[n] = '\0';
	*out = o;
	*outlen = n;
	return AD_OK;
}

/* Signals over the normal form: phrases, contacts, repetition. */
static ad_status
normal_form_signals(const char *text, size_t len, const UChar32 *cp, size_t n,
					const ad_matcher *const extra[AD_PHRASES_COUNT], ad_text_signals *out)
{
	char	   *norm;
	size_t		normlen,
				count;
	words		w;
	double		units;
	const char *kind;
	ad_status	st = normal_form(text, len, &norm, &normlen);

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
			count_reason(out->reason[AD_SIG_CONTACT], count, "URLs, e-mail addresses, phone numbers",
						 kind, units, 1);
			st = repetition(text, len, &w, &out->value[AD_SIG_REPETITION], out->reason[AD_SIG_REPETITION]);
		}
	}
	free_words(&w);
	free(norm);
	return st;
}

ad_status
ad_text_signals_measure(const char *text, size_t len,
						const ad_matcher *const extra[AD_PHRASES_COUNT],
						ad_text_signals *out)
{
	UChar32    *cp = NULL;
	size_t		n = 0;
	ad_status	st;

	memset(out, 0, sizeof(*out));
	if (len > (size_t) INT32_MAX / 4)
		return AD_ETOOBIG;
	if ((st = decode(text, len, &cp, &n)) != AD_OK)
		return st;
	/* Pure ASCII holds no hidden characters and one script only: same result, no scan. */
	if (n == len)
		n = 0;
	ad_hidden_measure(cp, n, &out->value[AD_SIG_HIDDEN_UNICODE], out->reason[AD_SIG_HIDDEN_UNICODE],
					  &out->c2pa_manifest);
	st = ad_confusable_measure(cp, n, &out->value[AD_SIG_CONFUSABLE], out->reason[AD_SIG_CONFUSABLE]);
	if (st == AD_OK)
		st = gibberish(text, len, &out->value[AD_SIG_GIBBERISH], out->reason[AD_SIG_GIBBERISH],
					   &out->compression_ratio);
	if (st == AD_OK)
		st = normal_form_signals(text, len, cp, n, extra, out);
	free(cp);
	return st;
}
