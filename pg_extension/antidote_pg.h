/* Shared pieces of the PostgreSQL binding: the error mapper and text helpers. */
#ifndef ANTIDOTE_PG_H
#define ANTIDOTE_PG_H

#include "postgres.h"
#include "fmgr.h"

#include "antidote.h"

/* Raise the ereport for a core status; fn and what name the function and argument. */
extern void ad_pg_raise(ad_status st, const char *fn, const char *what) pg_attribute_noreturn();

#define AD_PG_CHECK(expr, fn, what) \
	do { \
		ad_status ad_st_ = (expr); \
		if (ad_st_ != AD_OK) \
			ad_pg_raise(ad_st_, (fn), (what)); \
	} while (0)

/* The UTF-8 bytes of a text value (converted from the server encoding if needed). */
extern const char *ad_pg_text_utf8(text *t, size_t *len);

/* A text datum from UTF-8 bytes (converted to the server encoding if needed). */
extern text *ad_pg_text_from_utf8(const char *s, size_t len);

/* fuzzy_compare of a call's two ssdeep (text) arguments; errors name fn (pg_fuzzy.c). */
extern int	ad_pg_fuzzy_score(FunctionCallInfo fcinfo, const char *fn);

/* Per-concern setting registration, called from _PG_init. */
extern void ad_pg_provenance_init(void);
/* GUC registration of each concern, called from _PG_init. */
extern void ad_pg_suspicion_guc_init(void);
/* Settings (GUCs), registered in _PG_init. */
extern int	ad_pg_ssdeep_threshold;
extern double ad_pg_minhash_threshold;
extern int	ad_pg_boilerplate_min_texts;

/* A clustering run with this moment's settings; raises on error. */
extern ad_cluster *ad_pg_cluster_new(const char *fn, const char *what);

#endif							/* ANTIDOTE_PG_H */
