/* SQLite binding: suspicion_signals, suspicion_score, suspicion_settings, antidote_config. */
#include "antidote_sqlite.h"

/* Text argument 0 and the optional context argument 1; 0 when the result is set. */
static int
text_and_context(sqlite3_context *ctx, int argc, sqlite3_value **argv, const char *fn,
				 const unsigned char **p, size_t *len,
				 const unsigned char **c, size_t *clen)
{
	*c = NULL;
	*clen = 0;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, fn, p, len))
		return 0;
	if (argc > 1 && !ad_sqlite_arg_bytes(ctx, argv, 1, 0, fn, c, clen))
		return 0;
	return 1;
}

/* The argument a status refers to. */
static const char *
blame(ad_status st)
{
	return (st == AD_EUTF8 || st == AD_ETOOBIG) ? "argument 1" : "argument 2 (context)";
}

static void
suspicion_signals_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p,
			   *c;
	size_t		len,
				clen,
				outlen;
	char	   *out;
	ad_status	st;

	if (!text_and_context(ctx, argc, argv, "suspicion_signals", &p, &len, &c, &clen))
		return;
	st = ad_suspicion_signals((const char *) p, len, (const char *) c, clen, &out, &outlen);
	if (st != AD_OK)
	{
		ad_sqlite_error(ctx, st, "suspicion_signals", blame(st));
		return;
	}
	sqlite3_result_text64(ctx, out, outlen, ad_free, SQLITE_UTF8);
}

static void
suspicion_score_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p,
			   *c;
	size_t		len,
				clen;
	double		score;
	ad_status	st;

	if (!text_and_context(ctx, argc, argv, "suspicion_score", &p, &len, &c, &clen))
		return;
	st = ad_suspicion_score((const char *) p, len, (const char *) c, clen, &score);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "suspicion_score", blame(st));
	else
		sqlite3_result_double(ctx, score);
}

static void
suspicion_settings_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	ad_sqlite_settings *s = sqlite3_user_data(ctx);
	char	   *out;
	size_t		outlen;
	ad_status	st;

	(void) argc;
	(void) argv;
	st = ad_suspicion_settings_json(&s->suspicion, &out, &outlen);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "suspicion_settings", "settings");
	else
		sqlite3_result_text64(ctx, out, outlen, ad_free, SQLITE_UTF8);
}

/*
 * antidote_config(name) reads a setting, antidote_config(name, value) sets it
 * for this connection; both return it.  The near-duplicate thresholds
 * (ssdeep_threshold, an integer, and minhash_threshold) and the suspicion
 * weights and thresholds share the name space.
 */
static void
antidote_config_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	ad_sqlite_settings *s = sqlite3_user_data(ctx);
	const unsigned char *name;
	size_t		len;
	double		v;
	int			integral = 0;
	ad_status	st = AD_OK;

	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "antidote_config", &name, &len))
		return;
	if (argc > 1)
	{
		int			type = sqlite3_value_numeric_type(argv[1]);

		if (type != SQLITE_INTEGER && type != SQLITE_FLOAT)
		{
			sqlite3_result_error(ctx, "antidote_config: argument 2 must be a number", -1);
			return;
		}
		st = ad_neardup_set(&s->neardup, (const char *) name, sqlite3_value_double(argv[1]));
		if (st == AD_ESETTING_NAME)
			st = ad_suspicion_set(&s->suspicion, (const char *) name, sqlite3_value_double(argv[1]));
	}
	if (st == AD_OK)
	{
		st = ad_neardup_get(&s->neardup, (const char *) name, &v, &integral);
		if (st == AD_ESETTING_NAME)
			st = ad_suspicion_get(&s->suspicion, (const char *) name, &v);
	}
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "antidote_config", st == AD_ESETTING_NAME ? "argument 1" : "argument 2");
	else if (integral)
		sqlite3_result_int64(ctx, (sqlite3_int64) v);
	else
		sqlite3_result_double(ctx, v);
}

static const ad_sqlite_fn suspicion_fns[] = {
	{"suspicion_signals", 1, AD_SQLITE_PURE, suspicion_signals_fn},
	{"suspicion_signals", 2, AD_SQLITE_PURE, suspicion_signals_fn},
	{"suspicion_score", 1, AD_SQLITE_PURE, suspicion_score_fn},
	{"suspicion_score", 2, AD_SQLITE_PURE, suspicion_score_fn},
};

/* Functions that read or change the connection's settings. */
static const ad_sqlite_fn settings_fns[] = {
	{"suspicion_settings", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, suspicion_settings_fn},
	{"antidote_config", 1, AD_SQLITE_DIRECT, antidote_config_fn},
	{"antidote_config", 2, AD_SQLITE_DIRECT, antidote_config_fn},
};

int
ad_sqlite_register_suspicion(sqlite3 *db, ad_sqlite_settings *s)
{
	int			rc = ad_sqlite_register(db, suspicion_fns,
										sizeof(suspicion_fns) / sizeof(suspicion_fns[0]));
	size_t		i;

	for (i = 0; i < sizeof(settings_fns) / sizeof(settings_fns[0]) && rc == SQLITE_OK; i++)
		rc = sqlite3_create_function_v2(db, settings_fns[i].name, settings_fns[i].nargs,
										settings_fns[i].flags, ad_sqlite_settings_ref(s),
										settings_fns[i].fn, NULL, NULL,
										ad_sqlite_settings_release);
	return rc;
}
