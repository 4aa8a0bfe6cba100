/*
 * Benchmark corpus: COPY text rows (id, flood, source, body) of about 1 KB.
 * Rows 0 .. rows/50 - 1 form planted floods of 50 near-duplicates each (about
 * 4% of the words replaced, one source per row); the next rows/20 rows are one
 * flood of identical texts; the rest are unrelated texts.
 *
 *   gen_corpus ROWS
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define WORDS 160
#define VOCAB 8000
#define FLOOD 50

/* Test-data generator (xorshift64), seeded per text so texts are reproducible. */
static uint64_t
next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A pseudo-word of 2..9 letters for vocabulary entry w. */
static void
put_word(uint64_t w)
{
	uint64_t	s = w * 0x9E3779B97F4A7C15ULL + 1;
	int			len = 2 + (int) (next(&s) % 8),
				i;

	for (i = 0; i < len; i++)
		putchar('a' + (int) (next(&s) % 26));
}

/* Text number t; variant v > 0 replaces about 4% of its words. */
static void
put_text(uint64_t t, uint64_t v)
{
	uint64_t	s = t * 0xD1B54A32D192ED03ULL + 7,
				r = (t * 131 + v) * 0x8CB92BA72F3D8DD7ULL + 3;
	int			i;

	for (i = 0; i < WORDS; i++)
	{
		uint64_t	w = next(&s) % VOCAB;

		if (v > 0 && next(&r) % 25 == 0)
			w = VOCAB + next(&r) % 1000000;
		if (i > 0)
			putchar(' ');
		put_word(w);
	}
}

int
main(int argc, char **argv)
{
	long		rows = argc > 1 ? atol(argv[1]) : 20000,
				floods = rows / FLOOD,
				same = rows / 20,
				i;

	for (i = 0; i < rows; i++)
	{
		if (i < floods)
		{
			printf("%ld\t%ld\tsrc%ld\t", i, i / FLOOD, i % 997);
			put_text((uint64_t) (i / FLOOD), (uint64_t) (i % FLOOD) + 1);
		}
		else if (i < floods + same)
		{
			printf("%ld\t-1\tsrc%ld\t", i, i % 997);
			put_text(UINT64_C(1) << 40, 0);
		}
		else
		{
			printf("%ld\t\\N\tsrc%ld\t", i, i % 997);
			put_text((uint64_t) i + (UINT64_C(1) << 32), 0);
		}
		putchar('\n');
	}
	return 0;
}
