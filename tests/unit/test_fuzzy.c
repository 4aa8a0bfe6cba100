/* Unit tests: ssdeep hashing against the ssdeep tool's output, parsing, compare. */
#include <stdlib.h>

#include "antidote.h"
#include "unit.h"

/* Each line of ssdeep.expected: hash,"filename" (written by `ssdeep -b`). */
static void
test_known_answers(const char *datadir)
{
	char		path[1024],
				line[512];
	FILE	   *f;
	int			n = 0;

	snprintf(path, sizeof(path), "%s/ssdeep.expected", datadir);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
	{
		char	   *comma = strstr(line, ",\"");
		char	   *name,
				   *end,
				   *buf;
		size_t		len;
		char		out[AD_SSDEEP_MAX];

		if (strncmp(line, "ssdeep,", 7) == 0 || comma == NULL)
			continue;
		*comma = '\0';
		name = comma + 2;
		end = strchr(name, '"');
		if (end)
			*end = '\0';
		snprintf(path, sizeof(path), "%s/ssdeep/%s", datadir, name);
		buf = unit_read_file(path, &len);
		CHECK(buf != NULL);
		if (buf == NULL)
			continue;
		CHECK(ad_fuzzy_hash((unsigned char *) buf, len, out) == AD_OK);
		CHECK_STR(out, line);

		/* Fed in uneven chunks, the incremental API gives the same signature. */
		{
			ad_fuzzy_ctx *ctx;
			size_t		off = 0,
						step = 1;

			CHECK(ad_fuzzy_begin(len, &ctx) == AD_OK);
			while (off < len)
			{
				size_t		k = len - off < step ? len - off : step;

				CHECK(ad_fuzzy_update(ctx, (unsigned char *) buf + off, k) == AD_OK);
				off += k;
				step = step * 3 + 1;
			}
			CHECK(ad_fuzzy_final(ctx, out) == AD_OK);
			CHECK_STR(out, line);
		}
		free(buf);
		n++;
	}
	fclose(f);
	CHECK(n >= 10);
}

static void
test_parse(void)
{
	static const struct
	{
		const char *s;
		ad_status	want;
	}			cases[] = {
		{"3::", AD_OK},
		{"3:MRBwDFwv:MRBwDGv", AD_OK},
		{"3221225472:abc:def", AD_OK},
		{"6442450944:abc:def", AD_ESSDEEP_BLOCKSIZE},
		{"99999999999999999999999:a:b", AD_ESSDEEP_BLOCKSIZE},
		{"0:a:b", AD_ESSDEEP_BLOCKSIZE},
		{"03:a:b", AD_ESSDEEP_BLOCKSIZE},
		{"5:a:b", AD_ESSDEEP_BLOCKSIZE},
		{"9:a:b", AD_ESSDEEP_BLOCKSIZE},
		{"12:a:b", AD_OK},
		{"", AD_ESSDEEP_FORMAT},
		{"abc", AD_ESSDEEP_FORMAT},
		{"3", AD_ESSDEEP_FORMAT},
		{"3:abc", AD_ESSDEEP_FORMAT},
		{"-3:a:b", AD_ESSDEEP_FORMAT},
		{" 3:a:b", AD_ESSDEEP_FORMAT},
		{"3:a:b:c", AD_ESSDEEP_FORMAT},
		{"3:a:b,\"file.txt\"", AD_ESSDEEP_ALPHABET},
		{"3:a b:c", AD_ESSDEEP_ALPHABET},
		{"3:a=:c", AD_ESSDEEP_ALPHABET},
		{"3:abc:d\n", AD_ESSDEEP_ALPHABET},
		{"3:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:B", AD_OK},
		{"3:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:B", AD_ESSDEEP_LENGTH},
		{"3:B:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", AD_ESSDEEP_LENGTH},
	};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		ad_ssdeep	p;
		ad_status	st = ad_ssdeep_parse(cases[i].s, strlen(cases[i].s), &p);

		if (st != cases[i].want)
			fprintf(stderr, "parse case %zu \"%s\": got %d\n", i, cases[i].s, (int) st);
		CHECK(st == cases[i].want);
	}
	/* An embedded NUL is not part of any valid signature. */
	{
		ad_ssdeep	p;

		CHECK(ad_ssdeep_parse("3:ab\0c:d", 8, &p) == AD_ESSDEEP_ALPHABET);
	}
	{
		ad_ssdeep	p;
		const char *s = "384:mJ2RFRVFQ3fb4VWMjkMaPFrfES4WXnH9RZIfowQCt8zyy:aGRuD4VWJ5PN4W3HhUoEVy";

		CHECK(ad_ssdeep_parse(s, strlen(s), &p) == AD_OK);
		CHECK(p.block_size == 384);
		CHECK(p.len1 == 45 && p.len2 == 22);
		CHECK(p.part1 == s + 4 && p.part2 == s + 50);
	}
}

static void
test_compare(const char *datadir)
{
	char		path[1024],
				h1[AD_SSDEEP_MAX],
				h2[AD_SSDEEP_MAX];
	char	   *buf;
	size_t		len;
	int			score = -1;
	const char *a = "3:MRBwDFwv:MRBwDGv";

	CHECK(ad_fuzzy_compare(a, strlen(a), a, strlen(a), &score) == AD_OK);
	CHECK(score == 100);

	/* A document and the same with one paragraph changed: high, not full, similarity. */
	snprintf(path, sizeof(path), "%s/ssdeep/europe.txt", datadir);
	buf = unit_read_file(path, &len);
	CHECK(buf != NULL);
	if (buf == NULL)
		return;
	CHECK(ad_fuzzy_hash((unsigned char *) buf, len, h1) == AD_OK);
	memcpy(buf + len / 2, "INJECTED: buy cheap widgets at example.com today!", 50);
	CHECK(ad_fuzzy_hash((unsigned char *) buf, len, h2) == AD_OK);
	CHECK(ad_fuzzy_compare(h1, strlen(h1), h2, strlen(h2), &score) == AD_OK);
	CHECK(score >= 60 && score < 100);
	free(buf);

	/* Block sizes that differ by more than x2 are a normal 0. */
	CHECK(ad_fuzzy_compare("3:abcdefgh:abc", 14, "24:abcdefgh:abc", 15, &score) == AD_OK);
	CHECK(score == 0);

	/* Malformed input is a status, not a score. */
	CHECK(ad_fuzzy_compare("x", 1, a, strlen(a), &score) == AD_ESSDEEP_FORMAT);
	CHECK(ad_fuzzy_compare(a, strlen(a), "5:a:b", 5, &score) == AD_ESSDEEP_BLOCKSIZE);
}

void
test_fuzzy(const char *datadir)
{
	test_known_answers(datadir);
	test_parse();
	test_compare(datadir);
}
