/* SQLite binding: fuzzy_hash, fuzzy_compare and ssdeep_distance. */
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

/*
 * libfuzzy's score of two signature arguments for fn; 0 after setting the
 * result (NULL for a NULL argument, else an error naming the argument).
 */
static int
compare_args(sqlite3_context *ctx, sqlite3_value **argv, const char *fn, int *score)
{
	const unsigned char *a,
			   *b;
	size_t		alen,
				blen;
	ad_ssdeep	parsed;
	ad_status	st;

	if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return 0;
	}
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, fn, &a, &alen) ||
		!ad_sqlite_arg_bytes(ctx, argv, 1, 0, fn, &b, &blen))
		return 0;
	/* Parse each side alone first so that the error names the argument. */
	if ((st = ad_ssdeep_parse((const char *) a, alen, &parsed)) != AD_OK)
	{
		ad_sqlite_error(ctx, st, fn, "argument 1 is not a valid ssdeep hash");
		return 0;
	}
	if ((st = ad_ssdeep_parse((const char *) b, blen, &parsed)) != AD_OK)
	{
		ad_sqlite_error(ctx, st, fn, "argument 2 is not a valid ssdeep hash");
		return 0;
	}
	st = ad_fuzzy_compare((const char *) a, alen, (const char *) b, blen, score);
	if (st != AD_OK)
	{
		ad_sqlite_error(ctx, st, fn, "arguments");
		return 0;
	}
	return 1;
}

static void
fuzzy_compare_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int			score;

	(void) argc;
	if (compare_args(ctx, argv, "fuzzy_compare", &score))
		sqlite3_result_int(ctx, score);
}

/* 100 - fuzzy_compare, as PostgreSQL's ssdeep_distance and <->. */
static void
ssdeep_distance_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	int			score;

	(void) argc;
	if (compare_args(ctx, argv, "ssdeep_distance", &score))
		sqlite3_result_int(ctx, 100 - score);
}

static const ad_sqlite_fn fuzzy_fns[] = {
	{"fuzzy_hash", 1, AD_SQLITE_PURE, fuzzy_hash_fn},
	{"fuzzy_compare", 2, AD_SQLITE_PURE, fuzzy_compare_fn},
	{"ssdeep_distance", 2, AD_SQLITE_PURE, ssdeep_distance_fn},
};

int
ad_sqlite_register_fuzzy(sqlite3 *db)
{
	return ad_sqlite_register(db, fuzzy_fns, sizeof(fuzzy_fns) / sizeof(fuzzy_fns[0]));
}
