/* PostgreSQL binding: module magic and the one status -> ereport mapper. */
#include "antidote_pg.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

int			ad_pg_ssdeep_threshold = AD_SSDEEP_THRESHOLD_DEFAULT;
double		ad_pg_minhash_threshold = AD_MINHASH_THRESHOLD_DEFAULT;
int			ad_pg_boilerplate_min_texts = AD_BOILERPLATE_MIN_TEXTS_DEFAULT;

/* 1 is not a count of texts a line can recur in apart from its own. */
static bool
check_boilerplate_min_texts(int *newval, void **extra, GucSource source)
{
	(void) extra;
	(void) source;
	if (*newval == 1)
	{
		GUC_check_errdetail("antidote.boilerplate_min_texts must be 0 (off) or at least 2.");
		return false;
	}
	return true;
}

void		_PG_init(void);

/* Register every concern's settings, then reserve the prefix. */
void
_PG_init(void)
{
	ad_pg_provenance_init();
	ad_pg_suspicion_guc_init();
	DefineCustomIntVariable("antidote.ssdeep_threshold",
							"Lowest fuzzy_compare score at which ssdeep % ssdeep is true.",
							NULL, &ad_pg_ssdeep_threshold, AD_SSDEEP_THRESHOLD_DEFAULT,
							0, 100, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomRealVariable("antidote.minhash_threshold",
							 "Lowest minhash_similarity at which minhash % minhash is true.",
							 NULL, &ad_pg_minhash_threshold, AD_MINHASH_THRESHOLD_DEFAULT,
							 0.0, 1.0, PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("antidote.boilerplate_min_texts",
							"Clustering discounts a line as boilerplate when it recurs in at least this many texts that differ elsewhere (0: off).",
							NULL, &ad_pg_boilerplate_min_texts, AD_BOILERPLATE_MIN_TEXTS_DEFAULT,
							0, AD_BOILERPLATE_MIN_TEXTS_MAX, PGC_USERSET, 0,
							check_boilerplate_min_texts, NULL, NULL);
	MarkGUCPrefixReserved("antidote");
}

/* A clustering run with this moment's settings (thresholds and boilerplate rule). */
ad_cluster *
ad_pg_cluster_new(const char *fn, const char *what)
{
	ad_cluster *c;
	ad_status	st;

	AD_PG_CHECK(ad_cluster_new(ad_pg_ssdeep_threshold, ad_pg_minhash_threshold, &c), fn, what);
	if ((st = ad_cluster_set_boilerplate(c, ad_pg_boilerplate_min_texts)) != AD_OK)
	{
		ad_cluster_free(c);
		ad_pg_raise(st, fn, what);
	}
	return c;
}

void
ad_pg_raise(ad_status st, const char *fn, const char *what)
{
	int			code;

	switch (ad_status_kind(st))
	{
		case AD_KIND_NOMEM:
			code = ERRCODE_OUT_OF_MEMORY;
			break;
		case AD_KIND_LIMIT:
			code = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
			break;
		case AD_KIND_ENCODING:
			code = ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
			break;
		case AD_KIND_SYNTAX:
			code = ERRCODE_INVALID_TEXT_REPRESENTATION;
			break;
		case AD_KIND_DATA:
			code = ERRCODE_DATA_EXCEPTION;
			break;
		case AD_KIND_CANCELED:
			code = ERRCODE_QUERY_CANCELED;
			break;
		default:
			code = ERRCODE_EXTERNAL_ROUTINE_EXCEPTION;
			break;
	}
	ereport(ERROR,
			(errcode(code),
			 errmsg("%s: %s: %s", fn, what, ad_strerror(st))));
	pg_unreachable();
}

const char *
ad_pg_text_utf8(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	char	   *u;

	if (GetDatabaseEncoding() == PG_UTF8)
	{
		*len = (size_t) n;
		return s;
	}
	u = pg_server_to_any(s, n, PG_UTF8);
	*len = (u == s) ? (size_t) n : strlen(u);
	return u;
}

text *
ad_pg_text_from_utf8(const char *s, size_t len)
{
	char	   *v;

	if (GetDatabaseEncoding() == PG_UTF8)
		return cstring_to_text_with_len(s, (int) len);
	v = pg_any_to_server(s, (int) len, PG_UTF8);
	return cstring_to_text(v);
}

/* The library's version (the extension's SQL objects report theirs in pg_extension). */
PG_FUNCTION_INFO_V1(antidote_version);
Datum
antidote_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(ANTIDOTE_VERSION));
}
