/*
 * libFuzzer: near_duplicate_clusters over rows cut from the input.  The first
 * byte picks the boilerplate rule's K (off, 2, 3 or 4); the rest is split into
 * rows at NUL bytes (the first byte of a row is its source).  The rows added in
 * reverse order must give the same clusters, and every cluster member must be
 * in a cluster of at least 2 whose representative is one of its rows.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ROWS 64

typedef struct frow
{
	const char *text;
	size_t		len;
	char		id[8];
	char		src;
} frow;

/* "id rep size" of each row in id order, or NULL when the input is not valid text. */
static char *
run(const frow *rows, int n, int k, int reverse)
{
	ad_cluster *c;
	ad_cluster_row r;
	char	   *out;
	size_t		i;
	int			j;

	if (ad_cluster_new(60, 0.5, &c) != AD_OK || ad_cluster_set_boilerplate(c, k) != AD_OK)
		abort();
	for (j = 0; j < n; j++)
	{
		const frow *f = &rows[reverse ? n - 1 - j : j];
		ad_status	st = ad_cluster_add(c, f->id, strlen(f->id), f->text, f->len, &f->src, 1);

		if (st == AD_EUTF8 || st == AD_EUNICODE || st == AD_ETOOBIG)
		{
			ad_cluster_free(c);
			return NULL;
		}
		if (st != AD_OK)
			abort();
	}
	if (ad_cluster_run(c, NULL, NULL) != AD_OK)
		abort();
	if ((out = calloc(MAX_ROWS, 32)) == NULL)
		abort();
	for (i = 0; i < ad_cluster_nresults(c); i++)
	{
		int			id;

		ad_cluster_result(c, i, &r);
		id = atoi(r.id);
		if (id < 0 || id >= n || r.cluster_size < 2 || r.replen == 0 || atoi(r.representative) >= n)
			abort();
		snprintf(out + 32 * id, 32, "%d %.*s %d", id, (int) r.replen, r.representative, r.cluster_size);
	}
	ad_cluster_free(c);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int ks[4] = {0, 2, 3, 4};
	frow		rows[MAX_ROWS];
	int			n = 0,
				k;
	size_t		i,
				start;
	char	   *a,
			   *b;

	if (size < 2)
		return 0;
	k = ks[data[0] % 4];
	for (i = start = 1; i <= size && n < MAX_ROWS; i++)
		if (i == size || data[i] == 0)
		{
			if (i > start)
			{
				rows[n].src = (char) data[start];
				rows[n].text = (const char *) data + start + 1;
				rows[n].len = i - start - 1;
				snprintf(rows[n].id, sizeof(rows[n].id), "%d", n);
				n++;
			}
			start = i + 1;
		}
	a = run(rows, n, k, 0);
	if (a == NULL)
		return 0;
	b = run(rows, n, k, 1);
	if (b == NULL || memcmp(a, b, (size_t) MAX_ROWS * 32) != 0)
		abort();
	free(a);
	free(b);
	return 0;
}
