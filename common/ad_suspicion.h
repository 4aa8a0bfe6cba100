/*
 * antidote core: suspicion scoring.
 *
 * Each signal is a non-negative value measured in one linear pass over the
 * text (or read from the caller's context).  A signal "fires" when its value
 * reaches its threshold; its contribution to the score ramps from 0 at half
 * the threshold to 1 at the threshold, times its weight (0..1), and the score
 * is 1 - prod(1 - contribution): in 0..1 and monotone in every signal.
 */
#ifndef AD_SUSPICION_H
#define AD_SUSPICION_H

#include <stddef.h>

#include "antidote.h"

typedef enum ad_signal
{
	AD_SIG_HIDDEN_UNICODE = 0,
	AD_SIG_CONFUSABLE,
	AD_SIG_INJECTION,
	AD_SIG_REPETITION,
	AD_SIG_GIBBERISH,
	AD_SIG_CONTACT,
	AD_SIG_PROMOTIONAL,
	AD_SIG_TRIGGER,
	AD_SIG_NEAR_DUPLICATES,		/* context */
	AD_SIG_DISTINCT_SOURCES,	/* context */
	AD_SIG_PROVENANCE,			/* context */
	AD_SIG_COUNT
} ad_signal;

#define AD_SIG_FIRST_CONTEXT AD_SIG_NEAR_DUPLICATES

/* Weights and thresholds of every signal. */
typedef struct ad_suspicion_params
{
	double		weight[AD_SIG_COUNT];
	double		threshold[AD_SIG_COUNT];
} ad_suspicion_params;

/* Limits of the settings: weight in [0, 1], threshold in (0, AD_THRESHOLD_MAX]. */
#define AD_THRESHOLD_MAX 1e6

/* The signal's name (JSON key and setting suffix), or NULL out of range. */
const char *ad_signal_name(int sig);

/* The release's documented defaults. */
void		ad_suspicion_defaults(ad_suspicion_params *p);

/*
 * Set "suspicion_weight_<signal>" or "suspicion_threshold_<signal>" in p.
 * AD_ESETTING_NAME for an unknown name, AD_ESETTING_VALUE out of range.
 */
ad_status	ad_suspicion_set(ad_suspicion_params *p, const char *name, double value);

/* Read a setting by the same names. */
ad_status	ad_suspicion_get(const ad_suspicion_params *p, const char *name, double *value);

/* The settings as the context JSON fragment {"weights":{..},"thresholds":{..}}. */
ad_status	ad_suspicion_settings_json(const ad_suspicion_params *p, char **out, size_t *outlen);

/*
 * Signals of the UTF-8 text as a JSON object, one entry per signal (context
 * signals only when ctx is given): value, threshold, weight, fired, reason.
 * ctx (may be NULL) is the context JSON: near_duplicates, distinct_sources,
 * provenance, weights, thresholds, phrases.
 */
ad_status	ad_suspicion_signals(const char *text, size_t len, const char *ctx, size_t ctxlen,
								 char **out, size_t *outlen);

/* The fused 0..1 score of the text under the defaults and the context. */
ad_status	ad_suspicion_score(const char *text, size_t len, const char *ctx, size_t ctxlen,
							   double *score);

/* ---- multi-pattern matching (Aho-Corasick over the normal form) ---- */

typedef struct ad_matcher ad_matcher;

/* Build a matcher; each phrase is normalized first, empty ones are skipped. */
ad_status	ad_matcher_build(const char *const *phrases, size_t n, ad_matcher **out);
void		ad_matcher_free(ad_matcher *m);

/*
 * Count occurrences in normalized text; a phrase that begins (ends) with an
 * ASCII letter or digit must not be preceded (followed) by one.  *first gets
 * the phrase that matched first, or NULL.
 */
size_t		ad_matcher_count(const ad_matcher *m, const char *text, size_t len,
							 const char **first);

/*
 * Count per group: counts[g] and firsts[g] for groups 0..ngroups-1, at most
 * AD_MATCH_GROUPS (the built-in matcher's groups are the ad_phrase_list
 * values, then the lexicons).
 */
void		ad_matcher_count_groups(const ad_matcher *m, const char *text, size_t len,
									size_t *counts, const char **firsts, int ngroups);

/* The built-in lists (data/phrases/NAME.txt). */
typedef enum ad_phrase_list
{
	AD_PHRASES_INJECTION = 0,
	AD_PHRASES_PROMOTIONAL,
	AD_PHRASES_TRIGGER,
	AD_PHRASES_COUNT
} ad_phrase_list;

const char *ad_phrase_list_name(int list);

/* One matcher of every built-in list and lexicon (see AD_LEX_GROUP), built once per process. */
ad_status	ad_phrases_builtin(const ad_matcher **out);

/* A phrase match: its end (byte after it) in the text, its length, group and phrase. */
typedef struct ad_match
{
	size_t		end;
	size_t		len;
	int			group;
	const char *phrase;
} ad_match;

/* Every match in text order of their ends; *out (malloc'd, may be NULL) is the caller's. */
ad_status	ad_matcher_matches(const ad_matcher *m, const char *text, size_t len,
							   ad_match **out, size_t *n);

/* Lexicons of the injection construction (data/phrases/{addressee,directive,target,modal,header}.txt). */
typedef enum ad_lexicon
{
	AD_LEX_ADDRESSEE = 0,
	AD_LEX_DIRECTIVE,
	AD_LEX_TARGET,
	AD_LEX_MODAL,				/* weak directives: with an addressee only */
	AD_LEX_HEADER,				/* role words of a fake header: set off by markup only */
	AD_LEX_COUNT
} ad_lexicon;

/*
 * The built-in matcher holds the lexicons too, as groups AD_PHRASES_COUNT +
 * lexicon (one scan counts everything); AD_MATCH_GROUPS groups in all.  A
 * lexicon entry that is also a listed phrase counts as the phrase only.
 */
#define AD_LEX_GROUP(lex) (AD_PHRASES_COUNT + (lex))
#define AD_MATCH_GROUPS (AD_PHRASES_COUNT + AD_LEX_COUNT)

/* The function words (data/phrases/stopwords_list.txt), in normal form. */
size_t		ad_phrases_stopwords(const char *const **out);

/* ---- text signals (between ad_signals.c and ad_score.c) ---- */

#define AD_REASON_MAX 160

typedef struct ad_text_signals
{
	double		value[AD_SIG_FIRST_CONTEXT];
	int			detail;			/* the reasons and the ratio below are filled in */
	char		reason[AD_SIG_FIRST_CONTEXT][AD_REASON_MAX];
	int			c2pa_manifest;	/* a C2PA text manifest wrapper is present */
	double		compression_ratio;	/* deflate ratio of the tail; 0: not computed */
} ad_text_signals;

/*
 * Measure every text signal.  extra[list] (entries may be NULL) are
 * caller-supplied phrase matchers used besides the built-in lists.  Without
 * detail only the values and c2pa_manifest are filled in (what the score
 * needs): no reasons, no compression ratio.
 */
ad_status	ad_text_signals_measure(const char *text, size_t len,
									const ad_matcher *const extra[AD_PHRASES_COUNT],
									int detail, ad_text_signals *out);

#endif							/* AD_SUSPICION_H */
