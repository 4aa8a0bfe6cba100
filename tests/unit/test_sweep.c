/* Sweeps: which clustered rows break a policy's flood limits. */
#include <stdlib.h>

#include "antidote.h"
#include "unit.h"

static void
add(ad_cluster *c, int row, const char *text, const char *source)
{
	char		id[16];

	snprintf(id, sizeof(id), "%d", row);
	CHECK(ad_cluster_add(c, id, strlen(id), text, strlen(text), source, source ? strlen(source) : 0) == AD_OK);
}

/*
 * Rows 0..7: a flood of 4 copies from 4 sources (rows 1, 3, 5, 7, added out of
 * order), a pair from one source (rows 0, 4) and two unrelated rows.
 */
static ad_cluster *
clustered(const char *id_of_row6)
{
	static const char *flood = "Veltora's blender outlasted every rival in the lab test: 9 of 10 cooks chose it.";
	static const char *pair = "The parcel arrived late and the lid was cracked, so I sent it back.";
	ad_cluster *c = NULL;

	CHECK(ad_cluster_new(60, 0.5, &c) == AD_OK);
	add(c, 7, flood, "d");
	add(c, 0, pair, "x");
	add(c, 5, flood, "c");
	add(c, 2, "A quiet walk along the river before breakfast.", NULL);
	add(c, 3, flood, "b");
	add(c, 4, pair, "x");
	if (id_of_row6)
		CHECK(ad_cluster_add(c, id_of_row6, strlen(id_of_row6), "Tax forms are due at the end of April.", 38, NULL, 0) == AD_OK);
	add(c, 1, flood, "a");
	CHECK(ad_cluster_run(c, NULL, NULL) == AD_OK);
	return c;
}

static void
check(long max_nd, long max_src, const char *want)
{
	ad_cluster *c = clustered(NULL);
	ad_sweep_member *m = NULL;
	size_t		n = 99,
				i;
	char		got[64] = "";

	CHECK(ad_sweep_select(c, max_nd, max_src, 8, &m, &n) == AD_OK);
	for (i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%zu:%ld:%ld", i ? " " : "",
				 m[i].row, m[i].near_duplicates, m[i].distinct_sources);
	CHECK_STR(got, want);
	CHECK((n == 0) == (m == NULL));
	ad_free(m);
	ad_cluster_free(c);
}

void
test_sweep(void)
{
	ad_cluster *c;
	ad_sweep_member *m = NULL;
	size_t		n = 0;

	/* No limit breaks: nothing, not an empty allocation. */
	check(3, 5, "");
	check(-1, -1, "");
	/* more than N + 1 members: the flood (4) breaks N = 2, both clusters break N = 0 */
	check(2, -1, "1:3:4 3:3:4 5:3:4 7:3:4");
	check(3, -1, "");
	/* grouped by cluster, each group in row order */
	check(0, -1, "0:1:1 4:1:1 1:3:4 3:3:4 5:3:4 7:3:4");
	/* N or more distinct sources */
	check(-1, 4, "1:3:4 3:3:4 5:3:4 7:3:4");
	check(-1, 5, "");
	check(-1, 1, "0:1:1 4:1:1 1:3:4 3:3:4 5:3:4 7:3:4");
	/* an id that is not a row number below nrows */
	c = clustered("6x");
	CHECK(ad_sweep_select(c, 0, -1, 8, &m, &n) == AD_OK);	/* "6x" is in no cluster */
	ad_free(m);
	ad_cluster_free(c);
	c = clustered(NULL);
	CHECK(ad_sweep_select(c, 2, -1, 7, &m, &n) == AD_ESWEEP_ROW);
	CHECK(m == NULL && n == 0);
	ad_cluster_free(c);
}
