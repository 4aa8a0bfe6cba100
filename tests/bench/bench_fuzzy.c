/* Baseline: libfuzzy called directly on the benchmark texts (one per line). */
#include <fuzzy.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *buf = NULL;
	size_t		cap = 0,
				total = 0,
				n = 0,
				i;
	char	  **lines = NULL;
	size_t	   *lens = NULL;
	ssize_t		got;
	double		best = 1e30;
	int			rep;
	char		out[FUZZY_MAX_RESULT];
	size_t		sum = 0;

	if (argc < 2 || (f = fopen(argv[1], "r")) == NULL)
	{
		fprintf(stderr, "usage: bench_fuzzy TEXTS\n");
		return 2;
	}
	while ((got = getline(&buf, &cap, f)) > 0)
	{
		if (buf[got - 1] == '\n')
			buf[--got] = '\0';
		lines = realloc(lines, (n + 1) * sizeof(*lines));
		lens = realloc(lens, (n + 1) * sizeof(*lens));
		lines[n] = strdup(buf);
		lens[n] = (size_t) got;
		total += (size_t) got;
		n++;
	}
	fclose(f);
	free(buf);
	for (rep = 0; rep < 5; rep++)
	{
		double		t0 = now(),
					t;

		for (i = 0; i < n; i++)
		{
			fuzzy_hash_buf((unsigned char *) lines[i], (uint32_t) lens[i], out);
			sum += strlen(out);
		}
		t = now() - t0;
		if (t < best)
			best = t;
	}
	/* texts, bytes, best seconds; the checksum keeps the loop honest */
	printf("%zu %zu %.6f %zu\n", n, total, best, sum);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(lens);
	return 0;
}
