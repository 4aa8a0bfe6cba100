/*
 * Verdicts that explain themselves: the JSON a quarantined row records, and
 * reasons that name the signals behind a suspicion score.  The bindings pass
 * in the facts they gathered and the row's stored near-duplicates; both
 * engines get the same structure.
 */
#ifndef AD_VERDICT_H
#define AD_VERDICT_H

#include <stddef.h>

/* Near-duplicates counted (and their sources) up to this many; beyond: "at least". */
#define AD_VERDICT_COUNT_LIMIT 10000
/* Ids of matched stored rows listed in a verdict. */
#define AD_VERDICT_MAX_IDS 20
#define AD_VERDICT_REASON_LEN 480

/*
 * The near-duplicate facts of a row from its stored near-duplicates, given as
 * a JSON array of {"id": ..., "source": ...} (at most AD_VERDICT_COUNT_LIMIT
 * + 1 entries are read).  *near_duplicates: their number, or
 * AD_VERDICT_COUNT_LIMIT + 1 when there are more than the limit.
 * *distinct_sources: distinct non-NULL sources among them and the row's own
 * source (NULL: none), over the entries read.
 */
ad_status	ad_verdict_count(const char *neighbours, size_t len, const char *source, size_t srclen,
							 long *near_duplicates, long *distinct_sources);

typedef struct ad_verdict_in
{
	const char *operation;		/* "INSERT", "UPDATE" or "SWEEP" */
	const char *text;			/* the row's content (for its signals), or NULL */
	size_t		len;
	const char *settings;		/* the context JSON the score used, or NULL */
	size_t		settingslen;
	const char *neighbours;		/* JSON array of {"id": ...}, or NULL: not looked up */
	size_t		neighbourslen;
} ad_verdict_in;

typedef struct ad_verdict_reasons
{
	int			n;				/* 0 = accept */
	char		r[AD_POLICY_MAX_REASONS][AD_VERDICT_REASON_LEN];
} ad_verdict_reasons;

/*
 * Judge the facts (as ad_policy_check does) and explain the verdict: the
 * reasons, the suspicion reason naming the fired signals, and *json (malloc'd,
 * free() it; NULL when the row passes):
 *   {"operation", "reasons": [...], "checks": [{"check", "value", "limit"}],
 *    "suspicion", "signals": [{"signal", "value", "threshold", "reason"}],
 *    "near_duplicates": {"count", "at_least"}, "distinct_sources": {"count", "at_least"},
 *    "neighbours": [ids], "count_limit"}
 */
ad_status	ad_verdict_build(const ad_policy *p, const ad_guard_facts *f, const ad_verdict_in *in,
							 ad_verdict_reasons *reasons, char **json, size_t *jsonlen);

/* The "reasons" of a verdict JSON as a JSON array (malloc'd). */
ad_status	ad_verdict_reasons_json(const char *verdict, size_t len, char **out, size_t *outlen);

#endif							/* AD_VERDICT_H */
