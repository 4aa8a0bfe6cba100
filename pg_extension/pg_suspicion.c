/* PostgreSQL binding: suspicion_signals, suspicion_score, suspicion_settings and their GUCs. */
#include "antidote_pg.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

/* Session settings: antidote.suspicion_weight_<signal>, antidote.suspicion_threshold_<signal>. */
static ad_suspicion_params guc_params;

void
ad_pg_suspicion_guc_init(void)
{
	ad_suspicion_params def;
	int			i;

	ad_suspicion_defaults(&def);
	guc_params = def;
	for (i = 0; i < AD_SIG_COUNT; i++)
	{
		const char *sig = ad_signal_name(i);

		DefineCustomRealVariable(MemoryContextStrdup(TopMemoryContext,
													 psprintf("antidote.suspicion_weight_%s", sig)),
								 "Weight (0..1) of this suspicion signal in suspicion_settings().",
								 NULL, &guc_params.weight[i], def.weight[i], 0.0, 1.0,
								 PGC_USERSET, 0, NULL, NULL, NULL);
		DefineCustomRealVariable(MemoryContextStrdup(TopMemoryContext,
													 psprintf("antidote.suspicion_threshold_%s", sig)),
								 "Threshold at which this suspicion signal fires, in suspicion_settings().",
								 NULL, &guc_params.threshold[i], def.threshold[i], 1e-9, AD_THRESHOLD_MAX,
								 PGC_USERSET, 0, NULL, NULL, NULL);
	}
}

/* The context argument as UTF-8 JSON text. */
static const char *
context_utf8(Jsonb *jb, size_t *len)
{
	char	   *s = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
	char	   *u;

	*len = strlen(s);
	if (GetDatabaseEncoding() == PG_UTF8)
		return s;
	u = pg_server_to_any(s, (int) *len, PG_UTF8);
	*len = strlen(u);
	return u;
}

/* A jsonb datum from the core's UTF-8 JSON text, which is then freed. */
static Datum
jsonb_from_core(char *json, size_t len)
{
	char	   *s = pg_any_to_server(json, (int) len, PG_UTF8);
	Datum		d;

	if (s == json)
		s = pnstrdup(json, len);
	ad_free(json);
	d = DirectFunctionCall1(jsonb_in, CStringGetDatum(s));
	return d;
}

/* The argument a status refers to. */
static const char *
blame(ad_status st)
{
	return (st == AD_EUTF8 || st == AD_ETOOBIG) ? "argument 1" : "argument 2 (context)";
}

/* Text and optional context of a call. */
static void
get_args(FunctionCallInfo fcinfo, const char **s, size_t *len, const char **ctx, size_t *ctxlen)
{
	*s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), len);
	*ctx = NULL;
	*ctxlen = 0;
	if (PG_NARGS() > 1)
		*ctx = context_utf8(PG_GETARG_JSONB_P(1), ctxlen);
}

PG_FUNCTION_INFO_V1(antidote_suspicion_signals);
Datum
antidote_suspicion_signals(PG_FUNCTION_ARGS)
{
	const char *s,
			   *ctx;
	size_t		len,
				ctxlen,
				outlen;
	char	   *out;
	ad_status	st;

	get_args(fcinfo, &s, &len, &ctx, &ctxlen);
	st = ad_suspicion_signals(s, len, ctx, ctxlen, &out, &outlen);
	if (st != AD_OK)
		ad_pg_raise(st, "suspicion_signals", blame(st));
	return jsonb_from_core(out, outlen);
}

PG_FUNCTION_INFO_V1(antidote_suspicion_score);
Datum
antidote_suspicion_score(PG_FUNCTION_ARGS)
{
	const char *s,
			   *ctx;
	size_t		len,
				ctxlen;
	double		score;
	ad_status	st;

	get_args(fcinfo, &s, &len, &ctx, &ctxlen);
	st = ad_suspicion_score(s, len, ctx, ctxlen, &score);
	if (st != AD_OK)
		ad_pg_raise(st, "suspicion_score", blame(st));
	PG_RETURN_FLOAT8(score);
}

PG_FUNCTION_INFO_V1(antidote_suspicion_settings);
Datum
antidote_suspicion_settings(PG_FUNCTION_ARGS)
{
	char	   *out;
	size_t		outlen;

	AD_PG_CHECK(ad_suspicion_settings_json(&guc_params, &out, &outlen), "suspicion_settings", "settings");
	return jsonb_from_core(out, outlen);
}
