/* Unit tests: the normal form, UTF-8 checks, SHA-256 and the error table. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"
#include "unit.h"

static void
check_norm(const char *in, size_t inlen, const char *want)
{
	char	   *out = NULL;
	size_t		outlen = 0;

	CHECK(ad_text_normalize(in, inlen, &out, &outlen) == AD_OK);
	CHECK_STR(out, want);
	CHECK(out == NULL || outlen == strlen(out));
	ad_free(out);
}

#define NORM(in, want) check_norm((in), sizeof(in) - 1, (want))

static void
test_normalize(void)
{
	char	   *out = (char *) 1;
	size_t		outlen;

	NORM("", "");
	NORM("   \t\n ", "");
	NORM("Hello World", "hello world");
	NORM("  Hello,\t\n  World!  ", "hello, world!");
	/* Fullwidth letters and ligatures fold to ASCII (NFKC). */
	NORM("\xef\xbc\xa8\xef\xbd\x85\xef\xbd\x8c\xef\xbd\x8c\xef\xbd\x8f", "hello");
	NORM("\xef\xac\x81le", "file");
	/* German sharp s case-folds to "ss". */
	NORM("Stra\xc3\x9f" "e", "strasse");
	/* Zero-width space, ZWJ, soft hyphen, BOM and a bidi override inside a word vanish. */
	NORM("ig\xe2\x80\x8bno\xe2\x80\x8dre\xc2\xad" "d\xef\xbb\xbf" "x\xe2\x80\xae" "y", "ignoredxy");
	/* Tag characters (U+E0041 "A" etc.) and variation selectors vanish. */
	NORM("ok\xf3\xa0\x81\x81\xf3\xa0\x81\x82" "done\xef\xb8\x8f", "okdone");
	/* No-break space, ideographic space and line separator are white space. */
	NORM("a\xc2\xa0" "b\xe3\x80\x80" "c\xe2\x80\xa8" "d", "a b c d");
	/* Non-Latin scripts pass through (Chinese, Arabic, Cyrillic lower-cased). */
	NORM("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87");
	NORM("\xd0\x9f\xd0\xa0\xd0\x98\xd0\x92\xd0\x95\xd0\xa2", "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82");
	/* Composed and decomposed e-acute normalize alike. */
	NORM("e\xcc\x81", "\xc3\xa9");
	/* A capital and a combining mark compose as the small letter would. */
	NORM("E\xcc\x81 A\xcc\x8a \xc3\x85 I\xcc\x87", "\xc3\xa9 \xc3\xa5 \xc3\xa5 i\xcc\x87");
	NORM("\xe2\x84\xaa \xe2\x84\xab \xc4\xb0", "k \xc3\xa5 i\xcc\x87");
	/* White space and controls among other characters. */
	NORM(" \xc3\xa9\t\x1c \x0b X\xc2\x85Y\x1f ", "\xc3\xa9 x y");
	/* Control characters other than white space are dropped. */
	NORM("a\x01" "b\x7f" "c", "abc");
	/* An embedded NUL (possible in SQLite text) is a control character. */
	check_norm("a\0b", 3, "ab");

	/* Invalid UTF-8: truncated, overlong, surrogate, stray continuation. */
	CHECK(ad_text_normalize("abc\xc3", 4, &out, &outlen) == AD_EUTF8);
	CHECK(out == NULL);
	CHECK(ad_text_normalize("\xc0\xaf", 2, &out, &outlen) == AD_EUTF8);
	CHECK(ad_text_normalize("\xed\xa0\x80", 3, &out, &outlen) == AD_EUTF8);
	CHECK(ad_text_normalize("\x80", 1, &out, &outlen) == AD_EUTF8);
	CHECK(ad_text_normalize("\xf4\x90\x80\x80", 4, &out, &outlen) == AD_EUTF8);
	CHECK(ad_utf8_check("ok \xe4\xb8\xad", 6) == AD_OK);
	CHECK(ad_utf8_check("\xff", 1) == AD_EUTF8);
}

/* The normal form is idempotent over every line of the bundled sample. */
static void
test_idempotent(const char *datadir)
{
	char		path[1024];
	char	   *buf,
			   *line,
			   *save = NULL;
	size_t		len;
	int			lines = 0,
				same = 0;

	snprintf(path, sizeof(path), "%s/../../data/sample/factbook_background.tsv", datadir);
	buf = unit_read_file(path, &len);
	CHECK(buf != NULL);
	if (buf == NULL)
		return;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
	{
		char	   *n1,
				   *n2;
		size_t		l1,
					l2;

		if (ad_text_normalize(line, strlen(line), &n1, &l1) != AD_OK)
			continue;
		if (ad_text_normalize(n1, l1, &n2, &l2) == AD_OK)
		{
			same += (l1 == l2 && memcmp(n1, n2, l1) == 0);
			ad_free(n2);
		}
		ad_free(n1);
		lines++;
	}
	free(buf);
	CHECK(lines > 200);
	CHECK(same == lines);
}

static void
test_sha256(void)
{
	char		hex[AD_SHA256_HEX];

	CHECK(ad_sha256_hex((const unsigned char *) "", 0, hex) == AD_OK);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK(ad_sha256_hex((const unsigned char *) "abc", 3, hex) == AD_OK);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* FIPS 180-2 two-block message. */
	CHECK(ad_sha256_hex((const unsigned char *) "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex) == AD_OK);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

void
test_errors(void)
{
	int			i;

	for (i = 0; i < AD_STATUS_COUNT; i++)
	{
		CHECK(strcmp(ad_strerror((ad_status) i), "unknown error") != 0);
		CHECK((ad_status_kind((ad_status) i) == AD_KIND_OK) == (i == AD_OK));
	}
	CHECK_STR(ad_strerror(AD_STATUS_COUNT), "unknown error");
	CHECK(ad_status_kind((ad_status) -1) == AD_KIND_INTERNAL);
}

/*
 * ASCII text takes a path without ICU: its normal form must equal ICU's.  A
 * trailing "e-acute" sends the same text through ICU (it is a starter, so it
 * composes with nothing before it and adds exactly itself).
 */
static void
test_ascii_path(void)
{
	uint64_t	seed = 0x243F6A8885A308D3ULL;
	int			round;

	for (round = 0; round < 3000; round++)
	{
		char		in[48];
		char	   *fast = NULL,
				   *icu = NULL;
		size_t		fastlen = 0,
					iculen = 0,
					n = 0,
					i;

		/* A letter, then bytes 0..127 (round < 128 puts each one in), a letter. */
		in[n++] = 'Q';
		for (i = 0; i < 40; i++)
		{
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			in[n++] = (char) (round < 128 && i == 0 ? round : (int) (seed % 128));
		}
		in[n++] = 'z';
		memcpy(in + n, "\xc3\xa9", 2);
		CHECK(ad_text_normalize(in, n, &fast, &fastlen) == AD_OK);
		CHECK(ad_text_normalize(in, n + 2, &icu, &iculen) == AD_OK);
		CHECK(fast != NULL && icu != NULL && iculen == fastlen + 2 &&
			  memcmp(fast, icu, fastlen) == 0 && memcmp(icu + fastlen, "\xc3\xa9", 2) == 0);
		ad_free(fast);
		ad_free(icu);
	}
}

/* A growing byte string for building long inputs. */
struct buf
{
	char	   *p;
	size_t		len,
				cap;
};

static void
put(struct buf *b, const char *s, size_t times)
{
	size_t		n = strlen(s);

	while (times-- > 0)
	{
		if (b->len + n + 1 > b->cap)
		{
			b->cap = 2 * (b->len + n + 1);
			b->p = realloc(b->p, b->cap);
			if (b->p == NULL)
				abort();
		}
		memcpy(b->p + b->len, s, n);
		b->len += n;
		b->p[b->len] = '\0';
	}
}

static int
norm_equals(const struct buf *in, const struct buf *want)
{
	char	   *out = NULL;
	size_t		outlen = 0;
	int			ok = ad_text_normalize(in->p, in->len, &out, &outlen) == AD_OK &&
		outlen == want->len && memcmp(out, want->p, outlen) == 0;

	ad_free(out);
	return ok;
}

#define ACUTE "\xcc\x81"		/* U+0301, combining class 230 */
#define DOT "\xcc\xa3"			/* U+0323, combining class 220 */
#define ZWSP "\xe2\x80\x8b"		/* U+200B, dropped */

/*
 * Runs of more than 30 non-starters are normalized 30 at a time (the Stream-
 * Safe Text Format of UAX #15): canonical ordering never moves a mark across
 * such a cut, so the work per character is bounded.
 */
static void
test_stream_safe(void)
{
	struct buf	in = {0},
				want = {0},
				again = {0};
	size_t		pairs = 100000;
	char	   *out = NULL;
	size_t		outlen;

	/* The input: 'a' then 100000 pairs U+0301 U+0323 (200000 non-starters). */
	put(&in, "a", 1);
	put(&in, ACUTE DOT, pairs);
	/*
	 * The first 30 marks are kept (15 pairs), the rest dropped; sorted by class
	 * (dots, then acutes), 'a' and the first dot compose to U+1EA1.
	 */
	put(&want, "\xe1\xba\xa1", 1);
	put(&want, DOT, 14);
	put(&want, ACUTE, 15);
	CHECK(norm_equals(&in, &want));
	/* idempotent */
	CHECK(ad_text_normalize(want.p, want.len, &out, &outlen) == AD_OK);
	CHECK(out != NULL && outlen == want.len && memcmp(out, want.p, outlen) == 0);
	ad_free(out);
	/* A dropped character inside the run does not restart the count. */
	in.len = 0;
	put(&in, "a", 1);
	put(&in, ACUTE ZWSP DOT, pairs);
	CHECK(norm_equals(&in, &want));
	/* A starter ends the run: the next marks count afresh. */
	in.len = 0;
	put(&in, "a", 1);
	put(&in, ACUTE DOT, 20);
	put(&in, "b", 1);
	put(&in, ACUTE, 3);
	want.len = 0;
	put(&want, "\xe1\xba\xa1", 1);
	put(&want, DOT, 14);
	put(&want, ACUTE, 15);
	put(&want, "b", 1);
	put(&want, ACUTE, 3);
	CHECK(norm_equals(&in, &want));

	/* Exactly 30 non-starters after a starter: all kept, fully sorted. */
	in.len = want.len = 0;
	put(&in, "e" DOT, 1);
	put(&in, ACUTE, 28);
	put(&in, DOT, 1);
	put(&want, "\xe1\xba\xb9" DOT, 1);	/* U+1EB9 = e + U+0323 */
	put(&want, ACUTE, 28);
	CHECK(norm_equals(&in, &want));
	/*
	 * U+1EB9 counts as the one non-starter of its decomposition: 29 acutes
	 * make 30, so the dot after them is dropped.
	 */
	in.len = want.len = 0;
	put(&in, "\xe1\xba\xb9", 1);
	put(&in, ACUTE, 29);
	put(&in, DOT, 1);
	put(&want, "\xe1\xba\xb9", 1);
	put(&want, ACUTE, 29);
	CHECK(norm_equals(&in, &want));
	/* ... whereas with 28 acutes the dot is kept and sorts before them. */
	in.len = want.len = 0;
	put(&in, "\xe1\xba\xb9", 1);
	put(&in, ACUTE, 28);
	put(&in, DOT, 1);
	put(&want, "\xe1\xba\xb9" DOT, 1);
	put(&want, ACUTE, 28);
	CHECK(norm_equals(&in, &want));

	/* 5 MB of non-starters only (no starter at all): the first 30 are kept */
	again.len = 0;
	put(&again, DOT ACUTE, 1250000);
	CHECK(ad_text_normalize(again.p, again.len, &out, &outlen) == AD_OK && outlen == 30 * 2);
	ad_free(out);
	free(in.p);
	free(want.p);
	free(again.p);
}

void
test_text(const char *datadir)
{
	test_normalize();
	test_ascii_path();
	test_idempotent(datadir);
	test_sha256();
	test_stream_safe();
}
