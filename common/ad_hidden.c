/*
 * Unicode signals: hidden/format characters (with their legitimate uses
 * carved out) and mixed-script confusable words (UTS #39, ICU spoof checker).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "antidote.h"
#include "ad_unicode_scan.h"

typedef enum hidden_kind
{
	HID_NONE = 0,
	HID_TAG,					/* U+E0000..E007F */
	HID_BIDI,					/* embeddings, overrides, isolates */
	HID_MARK,					/* LRM, RLM, ALM */
	HID_ZW,						/* zero-width and other invisible characters */
	HID_VS						/* variation selectors */
} hidden_kind;

static const char *const kind_names[] = {
	"", "tag character", "bidi control", "directional mark",
	"zero-width character", "variation selector"
};

/* Which kind of hidden character c is. */
static hidden_kind
hidden_of(UChar32 c)
{
	if (c >= 0xE0000 && c <= 0xE007F)
		return HID_TAG;
	if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return HID_BIDI;
	if (c == 0x200E || c == 0x200F || c == 0x061C)
		return HID_MARK;
	if ((c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF ||
		c == 0x180E || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0)
		return HID_ZW;
	if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
		(c >= 0x180B && c <= 0x180D) || c == 0x180F)
		return HID_VS;
	return HID_NONE;
}

/* Letters, marks and digits make words. */
static inline int
is_word_char(UChar32 c)
{
	int8_t		gc;

	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	gc = u_charType(c);
	return u_isalnum(c) || gc == U_NON_SPACING_MARK || gc == U_COMBINING_SPACING_MARK;
}

/* Scripts that use ZWJ/ZWNJ to control joining or conjuncts. */
static int
uses_joiners(UChar32 c)
{
	UErrorCode	err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &err);

	switch (sc)
	{
		case USCRIPT_ARABIC:
		case USCRIPT_SYRIAC:
		case USCRIPT_NKO:
		case USCRIPT_MONGOLIAN:
		case USCRIPT_DEVANAGARI:
		case USCRIPT_BENGALI:
		case USCRIPT_GURMUKHI:
		case USCRIPT_GUJARATI:
		case USCRIPT_ORIYA:
		case USCRIPT_TAMIL:
		case USCRIPT_TELUGU:
		case USCRIPT_KANNADA:
		case USCRIPT_MALAYALAM:
		case USCRIPT_SINHALA:
		case USCRIPT_MYANMAR:
		case USCRIPT_KHMER:
			return U_SUCCESS(err);
		default:
			return 0;
	}
}

/* Scripts written without spaces, where ZWSP marks word boundaries. */
static int
unspaced(UChar32 c)
{
	UErrorCode	err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &err);

	return sc == USCRIPT_THAI || sc == USCRIPT_LAO || sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR;
}

/* Part of an emoji sequence (pictograph, modifier, VS16, keycap). */
static int
is_emoji_part(UChar32 c)
{
	return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
		u_hasBinaryProperty(c, UCHAR_EMOJI_MODIFIER) ||
		c == 0xFE0F || c == 0x20E3;
}

/* May a single variation selector follow base? */
static int
vs_base_ok(UChar32 base, UChar32 vs)
{
	int8_t		gc = u_charType(base);
	UErrorCode	err = U_ZERO_ERROR;

	if (vs >= 0x180B && vs <= 0x180F)
		return uscript_getScript(base, &err) == USCRIPT_MONGOLIAN;
	if (u_hasBinaryProperty(base, UCHAR_EMOJI) || u_hasBinaryProperty(base, UCHAR_IDEOGRAPHIC))
		return 1;
	return gc == U_MATH_SYMBOL || gc == U_OTHER_SYMBOL;
}

/* The byte a variation selector encodes (C2PA A.8 / common smuggling scheme). */
static int
vs_byte(UChar32 c)
{
	if (c >= 0xFE00 && c <= 0xFE0F)
		return (int) (c - 0xFE00);
	if (c >= 0xE0100 && c <= 0xE01EF)
		return (int) (c - 0xE0100 + 16);
	return -1;
}

/*
 * If a C2PATextManifestWrapper (U+FEFF, then variation selectors encoding
 * "C2PATXT\0", version, length, manifest) starts at i, return its end.
 */
static size_t
c2pa_wrapper_end(const UChar32 *cp, size_t n, size_t i)
{
	static const unsigned char magic[8] = {'C', '2', 'P', 'A', 'T', 'X', 'T', 0};
	size_t		j = i + 1,
				k;

	if (cp[i] != 0xFEFF)
		return i;
	for (k = 0; k < 8; k++)
		if (j + k >= n || vs_byte(cp[j + k]) != magic[k])
			return i;
	while (j < n && vs_byte(cp[j]) >= 0)
		j++;
	return j;
}

/* If an emoji tag sequence (black flag, tags, cancel tag) starts at i, return its end. */
static size_t
flag_sequence_end(const UChar32 *cp, size_t n, size_t i)
{
	size_t		j = i + 1;

	if (cp[i] != 0x1F3F4)
		return i;
	while (j < n && cp[j] >= 0xE0020 && cp[j] <= 0xE007E)
		j++;
	if (j > i + 1 && j < n && cp[j] == 0xE007F)
		return j + 1;
	return i;
}

typedef struct hidden_tally
{
	double		value;
	double		marks;			/* directional marks, dropped in RTL text */
	size_t		count;
	size_t		inside;
	size_t		first_pos;
	UChar32		first_cp;
	hidden_kind first_kind;
} hidden_tally;

/* Record one suspicious hidden character. */
static void
tally(hidden_tally *t, size_t pos, UChar32 c, hidden_kind k, int inside)
{
	double		w = (k == HID_TAG || k == HID_BIDI || inside) ? 1.0 : 0.25;

	if (k == HID_MARK)
		t->marks += w;
	else
		t->value += w;
	if (t->count++ == 0)
	{
		t->first_pos = pos;
		t->first_cp = c;
		t->first_kind = k;
	}
	t->inside += inside ? 1 : 0;
}

/* Is the hidden character at q a legitimate use? */
static int
carved_out(const UChar32 *cp, size_t n, size_t q)
{
	UChar32		c = cp[q],
				prev = q > 0 ? cp[q - 1] : 0;

	if (c == 0xFEFF && q == 0)
		return 1;				/* byte order mark */
	if ((c == 0x200C || c == 0x200D) && q > 0 && uses_joiners(prev))
		return 1;
	if (c == 0x200B && q > 0 && q + 1 < n && unspaced(prev) && unspaced(cp[q + 1]))
		return 1;				/* word boundary in Thai, Lao, Khmer, Myanmar */
	if (c == 0x200D && q > 0 && q + 1 < n && is_emoji_part(prev) &&
		u_hasBinaryProperty(cp[q + 1], UCHAR_EXTENDED_PICTOGRAPHIC))
		return 1;
	if (hidden_of(c) == HID_VS && q > 0 && hidden_of(prev) != HID_VS && vs_base_ok(prev, c))
		return 1;
	return 0;
}

/*
 * Balanced bidi embeddings and isolates in text that holds right-to-left
 * letters: the way such text marks its left-to-right fragments (and the
 * reverse), not hidden text.  ok[q] is set for every LRE, RLE, LRI, RLI, FSI
 * and the PDF or PDI that closes it, where each opener has its closer in
 * order (nesting as UAX #9 allows, at most MAX_BIDI_DEPTH deep) and the text
 * has a right-to-left letter.  Overrides (LRO, RLO) and what closes them are
 * never carved out.  Returns NULL when nothing is (ok malloc'd otherwise).
 */
#define MAX_BIDI_DEPTH 125

static unsigned char *
balanced_bidi(const UChar32 *cp, size_t n)
{
	size_t		stack[MAX_BIDI_DEPTH],
				depth = 0,
				i;
	int			rtl = 0,
				any = 0;
	unsigned char *ok;

	for (i = 0; i < n && !(rtl && any); i++)
	{
		UCharDirection d;

		if (cp[i] < 0x590)
			continue;
		if ((cp[i] >= 0x202A && cp[i] <= 0x202C) || (cp[i] >= 0x2066 && cp[i] <= 0x2068))
			any = 1;
		d = u_charDirection(cp[i]);
		rtl |= (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC);
	}
	if (!(rtl && any) || (ok = calloc(n, 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
	{
		UChar32		c = cp[i];

		if (c == 0x202A || c == 0x202B || c == 0x202D || c == 0x202E || (c >= 0x2066 && c <= 0x2068))
		{
			if (depth == MAX_BIDI_DEPTH)
				break;
			stack[depth++] = i;
		}
		else if (c == 0x202C || c == 0x2069)
		{
			UChar32		open;

			if (depth == 0)
				continue;		/* a stray closer stays hidden text */
			open = cp[stack[depth - 1]];
			/* A PDI closes an isolate; a PDF closes an embedding or override. */
			if ((c == 0x2069) != (open >= 0x2066 && open <= 0x2068))
				continue;
			depth--;
			if (open != 0x202D && open != 0x202E)
				ok[stack[depth]] = ok[i] = 1;
		}
	}
	return ok;
}

/* Judge the run of hidden characters cp[i..j). */
static void
judge_run(const UChar32 *cp, size_t n, size_t i, size_t j, hidden_tally *t, int *c2pa,
		  const unsigned char *ok)
{
	int			inside = i > 0 && j < n && is_word_char(cp[i - 1]) && is_word_char(cp[j]);
	size_t		q = i;

	while (q < j)
	{
		size_t		end = c2pa_wrapper_end(cp, n, q);

		if (end > q)
		{
			*c2pa = 1;
			q = end;
			continue;
		}
		if (!(ok != NULL && ok[q]) && !carved_out(cp, n, q))
			tally(t, q, cp[q], hidden_of(cp[q]), inside);
		q++;
	}
}

void
ad_hidden_measure(const UChar32 *cp, size_t n, double *value, char *reason, int *c2pa)
{
	hidden_tally t = {0};
	int			rtl = 0;
	size_t		i = 0;
	unsigned char *ok = balanced_bidi(cp, n);

	*c2pa = 0;
	while (i < n)
	{
		size_t		j = i;

		if (cp[i] < 0x80)
		{
			i++;
			continue;
		}
		if (hidden_of(cp[i]) == HID_NONE)
		{
			UCharDirection d = rtl ? U_RIGHT_TO_LEFT : u_charDirection(cp[i]);

			rtl |= (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC);
			j = flag_sequence_end(cp, n, i);
			i = (j > i) ? j : i + 1;
			continue;
		}
		while (j < n && hidden_of(cp[j]) != HID_NONE)
			j++;
		judge_run(cp, n, i, j, &t, c2pa, ok);
		i = j;
	}
	free(ok);
	*value = t.value + (rtl ? 0.0 : t.marks);
	if (reason == NULL)
		return;
	if (t.count == 0 || *value == 0.0)
		snprintf(reason, AD_REASON_MAX, "no hidden characters outside legitimate sequences");
	else
		snprintf(reason, AD_REASON_MAX,
				 "hidden characters: %zu, %zu inside words; first U+%04X (%s) at character %zu",
				 t.count, t.inside, (unsigned) t.first_cp, kind_names[t.first_kind], t.first_pos + 1);
}

/* ---- mixed-script confusable words ---- */

/* Letters of the scripts most used for homoglyphs, with their one-character skeletons. */
typedef struct skel_entry
{
	UChar32		c;
	UChar32		skel;
	UScriptCode sc;
} skel_entry;

static const UChar32 homoglyph_blocks[][2] = {
	{0x0041, 0x024F},			/* Latin */
	{0x0370, 0x03FF},			/* Greek */
	{0x0400, 0x052F},			/* Cyrillic */
	{0x0530, 0x058F},			/* Armenian */
	{0x13A0, 0x13FF},			/* Cherokee */
};

static USpoofChecker *spoof;
static skel_entry *skel_table;
static size_t skel_n;
static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;

/* The skeleton of c when it is one code point, else -1. */
static UChar32
skeleton1(UChar32 c)
{
	UChar		in[2],
				out[32];
	int32_t		il = 0,
				ol,
				k = 0;
	UErrorCode	err = U_ZERO_ERROR;
	UChar32		r;

	U16_APPEND_UNSAFE(in, il, c);
	ol = uspoof_getSkeleton(spoof, 0, in, il, out, 32, &err);
	if (U_FAILURE(err) || ol == 0)
		return -1;
	U16_NEXT(out, k, ol, r);
	return k == ol ? r : -1;
}

/* Open the shared spoof checker and the skeleton table once per process (read-only after). */
static void
open_spoof(void)
{
	UErrorCode	err = U_ZERO_ERROR;
	size_t		b;

	spoof = uspoof_open(&err);
	if (U_FAILURE(err))
	{
		spoof = NULL;
		return;
	}
	skel_table = malloc(0x600 * sizeof(skel_entry));
	if (skel_table == NULL)
		return;
	for (b = 0; b < sizeof(homoglyph_blocks) / sizeof(homoglyph_blocks[0]); b++)
	{
		UChar32		c;

		for (c = homoglyph_blocks[b][0]; c <= homoglyph_blocks[b][1] && skel_n < 0x600; c++)
		{
			UErrorCode	e2 = U_ZERO_ERROR;

			if (!u_isalpha(c))
				continue;
			skel_table[skel_n].c = c;
			skel_table[skel_n].skel = skeleton1(c);
			skel_table[skel_n].sc = uscript_getScript(c, &e2);
			skel_n++;
		}
	}
}

/* The script of c for word mixing; Japanese and Korean scripts count as Han. */
static UScriptCode
word_script(UChar32 c)
{
	UErrorCode	err = U_ZERO_ERROR;
	UScriptCode sc;

	if (c < 0x80)
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? USCRIPT_LATIN : USCRIPT_COMMON;
	sc = uscript_getScript(c, &err);
	if (U_FAILURE(err))
		return USCRIPT_COMMON;
	if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL ||
		sc == USCRIPT_BOPOMOFO)
		return USCRIPT_HAN;
	return sc;
}

/* Does c share its UTS #39 skeleton with another letter of script sc? */
static int
confusable_with(UChar32 c, UScriptCode sc)
{
	UChar32		sk = skeleton1(c);
	size_t		i;

	if (sk < 0)
		return 0;
	for (i = 0; i < skel_n; i++)
		if (skel_table[i].sc == sc && skel_table[i].skel == sk && skel_table[i].c != c)
			return 1;
	return 0;
}

/* The script with the most letters in cp[0..n). */
static UScriptCode
majority_script(const UChar32 *cp, size_t n)
{
	UScriptCode sc[4];
	size_t		count[4] = {0},
				ns = 0,
				i,
				k,
				best = 0;

	for (i = 0; i < n; i++)
	{
		UScriptCode s = word_script(cp[i]);

		if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED)
			continue;
		for (k = 0; k < ns && sc[k] != s; k++);
		if (k == ns && ns < 4)
			sc[ns++] = s;
		if (k < ns)
			count[k]++;
	}
	for (k = 1; k < ns; k++)
		if (count[k] > count[best])
			best = k;
	return ns ? sc[best] : USCRIPT_COMMON;
}

/*
 * A word that mixes scripts is a confusable when a letter of a minority
 * script has the same skeleton (UTS #39, ICU spoof checker) as a letter of
 * the word's main script: it imitates a single-script word.
 */
static ad_status
word_confusable(const UChar32 *cp, size_t n, int *yes)
{
	UScriptCode main_sc = majority_script(cp, n);
	size_t		i;

	*yes = 0;
	pthread_once(&spoof_once, open_spoof);
	if (spoof == NULL || skel_table == NULL)
		return AD_EUNICODE;
	for (i = 0; i < n && !*yes; i++)
	{
		UScriptCode s = word_script(cp[i]);

		if (s != main_sc && s != USCRIPT_COMMON && s != USCRIPT_INHERITED)
			*yes = confusable_with(cp[i], main_sc);
	}
	return AD_OK;
}

ad_status
ad_confusable_measure(const UChar32 *cp, size_t n, double *value, char *reason)
{
	size_t		i = 0,
				count = 0,
				first = 0,
				firstlen = 0;

	while (i < n)
	{
		size_t		j = i;
		UScriptCode first_sc = USCRIPT_COMMON;
		int			mixed = 0,
					yes = 0;

		/* A word of ASCII alone mixes no scripts: on to the word of the next other character. */
		while (j < n && cp[j] < 0x80)
			j++;
		if (j == n)
			break;
		while (j > i && is_word_char(cp[j - 1]))
			j--;
		i = j;
		for (; j < n && is_word_char(cp[j]); j++)
		{
			UScriptCode sc;

			if (cp[j] < 0x80)	/* ASCII: Latin letters or digits */
			{
				if (cp[j] > '9' && first_sc != USCRIPT_LATIN)
					mixed |= (first_sc != USCRIPT_COMMON);
				if (cp[j] > '9' && first_sc == USCRIPT_COMMON)
					first_sc = USCRIPT_LATIN;
				continue;
			}
			sc = word_script(cp[j]);

			if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED)
				continue;
			if (first_sc == USCRIPT_COMMON)
				first_sc = sc;
			else if (sc != first_sc)
				mixed = 1;
		}
		if (mixed)
		{
			ad_status	st = word_confusable(cp + i, j - i, &yes);

			if (st != AD_OK)
				return st;
			if (yes && count++ == 0)
			{
				first = i;
				firstlen = j - i;
			}
		}
		i = (j > i) ? j : i + 1;
	}
	*value = (double) count;
	if (reason == NULL)
		return AD_OK;
	if (count == 0)
		snprintf(reason, AD_REASON_MAX, "no mixed-script confusable words");
	else
		snprintf(reason, AD_REASON_MAX,
				 "mixed-script confusable words: %zu; first at character %zu (%zu characters)",
				 count, first + 1, firstlen);
	return AD_OK;
}
