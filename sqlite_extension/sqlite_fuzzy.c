/* SQLite binding: fuzzy_hash and fuzzy_compare. */
#include "antidote_sqlite.h"

static void
fuzzy_hash_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p;
	size_t		len;
	char		out[AD_SSDEEP_MAX];
	ad_status	st;

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 1, "fuzzy_hash", &p, &len))
		return;
	st = ad_fuzzy_hash(p, len, out);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "fuzzy_hash", "argument 1");
	else
		sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void
fuzzy_compare_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *a,
			   *b;
	size_t		alen,
				blen;
	ad_ssdeep	parsed;
	ad_status	st;
	int			score;

	(void) argc;
	if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return;
	}
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "fuzzy_compare", &a, &alen) ||
		!ad_sqlite_arg_bytes(ctx, argv, 1, 0, "fuzzy_compare", &b, &blen))
		return;
	/* Parse each side alone first so that the error names the argument. */
	if ((st = ad_ssdeep_parse((const char *) a, alen, &parsed)) != AD_OK)
	{
		ad_sqlite_error(ctx, st, "fuzzy_compare", "argument 1 is not a valid ssdeep hash");
		return;
	}
	if ((st = ad_ssdeep_parse((const char *) b, blen, &parsed)) != AD_OK)
	{
		ad_sqlite_error(ctx, st, "fuzzy_compare", "argument 2 is not a valid ssdeep hash");
		return;
	}
	st = ad_fuzzy_compare((const char *) a, alen, (const char *) b, blen, &score);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "fuzzy_compare", "arguments");
	else
		sqlite3_result_int(ctx, score);
}

static const ad_sqlite_fn fuzzy_fns[] = {
	{"fuzzy_hash", 1, AD_SQLITE_PURE, fuzzy_hash_fn},
	{"fuzzy_compare", 2, AD_SQLITE_PURE, fuzzy_compare_fn},
};

int
ad_sqlite_register_fuzzy(sqlite3 *db)
{
	return ad_sqlite_register(db, fuzzy_fns, sizeof(fuzzy_fns) / sizeof(fuzzy_fns[0]));
}
