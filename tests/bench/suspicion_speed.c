/*
 * The core's suspicion_score beside its fuzzy_hash on the benchmark texts
 * (one per line), without SQL: the figure to profile.
 *
 *   suspicion_speed TEXTS [ROUNDS]    MB/s of each, best of ROUNDS (default 5)
 *   suspicion_speed -signals TEXTS    suspicion_signals of every text, one a line
 *   suspicion_speed -exact RECORDS    every raw signal value (hexadecimal), reason
 *                                     and score of every NUL-terminated record:
 *                                     two builds must print the same
 *                                     (scripts/suspicion_exact.sh)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "antidote.h"
#include "ad_suspicion.h"

typedef struct texts
{
	char	  **line;
	size_t	   *len;
	size_t		n;
	size_t		bytes;
} texts;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read the records of path, ending at delim; exits on failure. */
static void
load_delim(const char *path, int delim, texts *t)
{
	FILE	   *f = fopen(path, "r");
	char	   *buf = NULL;
	size_t		cap = 0;
	ssize_t		got;

	memset(t, 0, sizeof(*t));
	if (f == NULL)
	{
		perror(path);
		exit(2);
	}
	while ((got = getdelim(&buf, &cap, delim, f)) > 0)
	{
		if (buf[got - 1] == delim)
			buf[--got] = '\0';
		t->line = realloc(t->line, (t->n + 1) * sizeof(*t->line));
		t->len = realloc(t->len, (t->n + 1) * sizeof(*t->len));
		if (t->line == NULL || t->len == NULL || (t->line[t->n] = strdup(buf)) == NULL)
			exit(2);
		t->len[t->n++] = (size_t) got;
		t->bytes += (size_t) got;
	}
	fclose(f);
	free(buf);
}

static void
free_texts(texts *t)
{
	size_t		i;

	for (i = 0; i < t->n; i++)
		free(t->line[i]);
	free(t->line);
	free(t->len);
}

/* Read the lines of path; exits on failure. */
static void
load(const char *path, texts *t)
{
	load_delim(path, '\n', t);
}

/*
 * Print, for every text, its raw text-signal values and compression ratio in
 * hexadecimal (exact), its reasons, its score (hexadecimal) and its
 * suspicion_signals; 1 on a core error.
 */
static int
dump_exact(const texts *t)
{
	size_t		i;
	int			k;

	for (i = 0; i < t->n; i++)
	{
		ad_text_signals ts;
		double		score;
		char	   *out;
		size_t		outlen;
		ad_status	st = ad_text_signals_measure(t->line[i], t->len[i], NULL, 1, &ts);

		if (st == AD_OK)
			st = ad_suspicion_score(t->line[i], t->len[i], NULL, 0, &score);
		if (st == AD_OK)
			st = ad_suspicion_signals(t->line[i], t->len[i], NULL, 0, &out, &outlen);
		if (st != AD_OK)
		{
			printf("text %zu: %s\n", i + 1, ad_strerror(st));
			continue;
		}
		printf("text %zu score %a c2pa %d ratio %a\n", i + 1, score, ts.c2pa_manifest, ts.compression_ratio);
		for (k = 0; k < AD_SIG_FIRST_CONTEXT; k++)
			printf("  %d %a %s\n", k, ts.value[k], ts.reason[k]);
		printf("  %s\n", out);
		ad_free(out);
	}
	return 0;
}

/* Print suspicion_signals of every text; 1 on a core error. */
static int
dump_signals(const texts *t)
{
	size_t		i;

	for (i = 0; i < t->n; i++)
	{
		char	   *out;
		size_t		outlen;
		ad_status	st = ad_suspicion_signals(t->line[i], t->len[i], NULL, 0, &out, &outlen);

		if (st != AD_OK)
		{
			fprintf(stderr, "text %zu: %s\n", i + 1, ad_strerror(st));
			return 1;
		}
		printf("%s\n", out);
		ad_free(out);
	}
	return 0;
}

/* Best seconds of rounds passes of fn over the texts (0: suspicion_score, 1: fuzzy_hash). */
static double
best_of(const texts *t, int fn, int rounds, double *check)
{
	double		best = 1e30;
	int			r;

	for (r = 0; r < rounds; r++)
	{
		double		t0 = now(),
					dt;
		size_t		i;

		for (i = 0; i < t->n; i++)
		{
			char		sig[AD_SSDEEP_MAX];
			double		score = 0;
			ad_status	st = fn == 0 ?
				ad_suspicion_score(t->line[i], t->len[i], NULL, 0, &score) :
				ad_fuzzy_hash((const unsigned char *) t->line[i], t->len[i], sig);

			if (st != AD_OK)
			{
				fprintf(stderr, "text %zu: %s\n", i + 1, ad_strerror(st));
				exit(1);
			}
			*check += fn == 0 ? score : (double) strlen(sig);
		}
		dt = now() - t0;
		best = dt < best ? dt : best;
	}
	return best;
}

int
main(int argc, char **argv)
{
	texts		t;
	double		check = 0,
				mb;
	int			rounds,
				rc,
				fn;
	static const char *const names[] = {"suspicion_score", "fuzzy_hash"};

	if (argc == 3 && strcmp(argv[1], "-signals") == 0)
	{
		load(argv[2], &t);
		rc = dump_signals(&t);
		free_texts(&t);
		return rc;
	}
	if (argc == 3 && strcmp(argv[1], "-exact") == 0)
	{
		load_delim(argv[2], '\0', &t);
		rc = dump_exact(&t);
		free_texts(&t);
		return rc;
	}
	if (argc < 2 || argv[1][0] == '-')
	{
		fprintf(stderr, "usage: suspicion_speed TEXTS [ROUNDS] | suspicion_speed -signals TEXTS | suspicion_speed -exact RECORDS\n");
		return 2;
	}
	load(argv[1], &t);
	rounds = argc > 2 ? atoi(argv[2]) : 5;
	rounds = rounds > 0 ? rounds : 1;
	mb = t.bytes / 1e6;
	for (fn = 0; fn < 2; fn++)
	{
		double		s = best_of(&t, fn, rounds, &check);

		printf("core        %-16s %8.1f MB/s  (%.1f MB in %.3f s, best of %d)\n",
			   names[fn], mb / s, mb, s, rounds);
	}
	/* the checksum keeps the loops honest */
	printf("checksum %.4f\n", check);
	free_texts(&t);
	return 0;
}
