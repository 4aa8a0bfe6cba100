/*
 * Sweeps: which rows of a clustered table break a policy's flood limits.
 * Both bindings cluster the stored rows with ids "0", "1", ... (their row
 * numbers) and move the members this selects.
 */
#ifndef AD_SWEEP_H
#define AD_SWEEP_H

typedef struct ad_sweep_member
{
	size_t		row;			/* the row number its id names */
	int64_t		cluster;		/* cluster id: members of one cluster are adjacent */
	long		near_duplicates;	/* the other members of its cluster */
	long		distinct_sources;	/* of the cluster; 0 when no row has a source */
} ad_sweep_member;

/*
 * The members of every cluster of c (after ad_cluster_run) that breaks
 * max_near_duplicates (more than N + 1 members) or max_sources (N or more
 * distinct sources); a limit below 0 is off.  Grouped by cluster in cluster
 * id order, each group in row order.  Every id must be a decimal row number
 * below nrows (else AD_EINTERNAL).  *out (NULL when *n is 0) is freed with
 * ad_free().
 */
ad_status	ad_sweep_select(const ad_cluster *c, long max_near_duplicates, long max_sources,
							size_t nrows, ad_sweep_member **out, size_t *n);

#endif							/* AD_SWEEP_H */
