/* Sweeps: the members of clusters that break a policy's flood limits. */
#include <stdlib.h>

#include "antidote.h"

static int
member_cmp(const void *a, const void *b)
{
	const ad_sweep_member *x = a,
			   *y = b;

	if (x->cluster != y->cluster)
		return x->cluster < y->cluster ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* The row number an id names, or nrows when it names none. */
static size_t
row_number(const char *id, size_t len, size_t nrows)
{
	size_t		r = 0,
				i;

	if (len == 0 || len > 19)
		return nrows;
	for (i = 0; i < len; i++)
	{
		if (id[i] < '0' || id[i] > '9')
			return nrows;
		r = r * 10 + (size_t) (id[i] - '0');
	}
	return r < nrows ? r : nrows;
}

ad_status
ad_sweep_select(const ad_cluster *c, long max_near_duplicates, long max_sources,
				size_t nrows, ad_sweep_member **out, size_t *n)
{
	size_t		nres = ad_cluster_nresults(c),
				i,
				k = 0;
	ad_sweep_member *m;

	*out = NULL;
	*n = 0;
	if (nres == 0)
		return AD_OK;
	m = malloc(nres * sizeof(*m));
	if (m == NULL)
		return AD_ENOMEM;
	for (i = 0; i < nres; i++)
	{
		ad_cluster_row r;

		ad_cluster_result(c, i, &r);
		if ((max_near_duplicates < 0 || r.cluster_size - 1 <= max_near_duplicates) &&
			(max_sources < 0 || r.distinct_sources < max_sources))
			continue;
		m[k].row = row_number(r.id, r.idlen, nrows);
		if (m[k].row == nrows)
		{
			free(m);
			return AD_ESWEEP_ROW;
		}
		m[k].cluster = r.cluster_id;
		m[k].near_duplicates = r.cluster_size - 1;
		m[k].distinct_sources = r.distinct_sources < 0 ? 0 : r.distinct_sources;
		k++;
	}
	if (k == 0)
	{
		free(m);
		return AD_OK;
	}
	qsort(m, k, sizeof(*m), member_cmp);
	*out = m;
	*n = k;
	return AD_OK;
}
