/*
 * Guard policies: "require=verified,max_suspicion=0.8,max_near_duplicates=20,on_reject=quarantine".
 * Parsed once, then applied to the facts the binding gathered for a row.
 * A policy must hold at least one check (require=verified, max_suspicion or
 * max_near_duplicates); on_update=changed (default) re-judges an UPDATE only
 * when the content or provenance column changed, on_update=always every UPDATE.
 */
#ifndef AD_POLICY_H
#define AD_POLICY_H

typedef enum ad_on_reject
{
	AD_REJECT_ERROR = 0,
	AD_REJECT_QUARANTINE
} ad_on_reject;

typedef struct ad_policy
{
	int			require_verified;	/* provenance must be "verified" */
	int			has_max_suspicion;
	double		max_suspicion;		/* reject when suspicion > this */
	long		max_near_duplicates;	/* reject when more; -1 = no limit */
	long		max_sources;	/* reject when a flood spans this many sources; -1 = none */
	int			update_always;	/* on_update=always: re-judge every UPDATE */
	ad_on_reject on_reject;
} ad_policy;

/* What the binding found out about one row; fields it did not compute stay unset. */
typedef struct ad_guard_facts
{
	double		suspicion;		/* 0..1, or < 0 when not computed */
	const char *provenance;		/* provenance_verify status, or NULL */
	long		near_duplicates;	/* count, or < 0 when not computed */

	/*
	 * Distinct non-NULL sources among the row and its stored near-duplicates
	 * (the row's own source counts), or < 0 when not computed.  max_sources
	 * rejects only rows with at least one stored near-duplicate.
	 */
	long		distinct_sources;
} ad_guard_facts;

/* Facts not computed: every field unset. */
#define AD_GUARD_FACTS_INIT {-1, NULL, -1, -1}

#define AD_POLICY_MAX_REASONS 4
#define AD_POLICY_REASON_LEN 160

typedef struct ad_guard_verdict
{
	int			nreasons;		/* 0 = accept */
	char		reasons[AD_POLICY_MAX_REASONS][AD_POLICY_REASON_LEN];
} ad_guard_verdict;

/*
 * Parse a policy string.  On a syntax error, *errpos (if not NULL) receives the
 * byte offset of the offending item.  A policy without a check (an empty
 * string, "on_reject=quarantine", ...) is AD_EPOLICY_EMPTY at offset 0.
 */
ad_status	ad_policy_parse(const char *s, size_t len, ad_policy *out, size_t *errpos);

/*
 * A short, printable excerpt of policy text starting at pos, for error
 * messages: at most 40 characters, bytes outside printable ASCII shown as '?'.
 */
#define AD_POLICY_EXCERPT 48
void		ad_policy_excerpt(const char *s, size_t len, size_t pos, char out[AD_POLICY_EXCERPT]);

/* Render the policy in its canonical form ("require=...,on_reject=..."). */
ad_status	ad_policy_format(const ad_policy *p, char *buf, size_t buflen);

/* Apply a policy to a row's facts. */
ad_status	ad_policy_check(const ad_policy *p, const ad_guard_facts *facts, ad_guard_verdict *out);

/*
 * The same, with hide_counts set: the reasons do not tell the near-duplicate
 * count (for a writer that may not read the rows it would count).
 */
ad_status	ad_policy_check_ex(const ad_policy *p, const ad_guard_facts *facts, int hide_counts,
							   ad_guard_verdict *out);

#endif							/* AD_POLICY_H */
