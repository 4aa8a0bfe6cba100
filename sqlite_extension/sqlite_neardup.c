/* SQLite binding: minhash, minhash_similarity, and the key functions ssdeep_keys and minhash_keys. */
#include <stdio.h>
#include <string.h>

#include "antidote_sqlite.h"

static void
minhash_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p;
	size_t		len;
	unsigned char sig[AD_MINHASH_BYTES];
	ad_status	st;

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "minhash", &p, &len))
		return;
	st = ad_minhash((const char *) p, len, sig);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "minhash", "argument 1");
	else
		sqlite3_result_blob(ctx, sig, sizeof(sig), SQLITE_TRANSIENT);
}

/* Fetch a minhash BLOB argument; 0 when NULL or bad (the result is set). */
static int
minhash_arg(sqlite3_context *ctx, sqlite3_value **argv, int i, const char *fn,
			const unsigned char **p, size_t *len)
{
	char		what[64];
	ad_status	st;

	if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return 0;
	}
	snprintf(what, sizeof(what), "argument %d", i + 1);
	if (sqlite3_value_type(argv[i]) != SQLITE_BLOB)
	{
		ad_sqlite_error(ctx, AD_EMINHASH, fn, what);
		return 0;
	}
	*p = sqlite3_value_blob(argv[i]);
	*len = (size_t) sqlite3_value_bytes(argv[i]);
	if ((st = ad_minhash_check(*p, *len)) != AD_OK)
	{
		ad_sqlite_error(ctx, st, fn, what);
		return 0;
	}
	return 1;
}

static void
minhash_similarity_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *a,
			   *b;
	size_t		alen,
				blen;
	double		sim;
	ad_status	st;

	(void) argc;
	if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return;
	}
	if (!minhash_arg(ctx, argv, 0, "minhash_similarity", &a, &alen) ||
		!minhash_arg(ctx, argv, 1, "minhash_similarity", &b, &blen))
		return;
	st = ad_minhash_similarity(a, alen, b, blen, &sim);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "minhash_similarity", "arguments");
	else
		sqlite3_result_double(ctx, sim);
}

static const ad_sqlite_fn neardup_fns[] = {
	{"minhash", 1, AD_SQLITE_PURE, minhash_fn},
	{"minhash_similarity", 2, AD_SQLITE_PURE, minhash_similarity_fn},
};

/*
 * ssdeep_keys(hash [, min_score]) and minhash_keys(minhash): table-valued
 * functions yielding the index keys, for side tables kept by triggers.
 */
typedef struct keys_vtab
{
	sqlite3_vtab base;
	int			ssdeep;			/* 1: ssdeep_keys, 0: minhash_keys */
} keys_vtab;

typedef struct keys_cursor
{
	sqlite3_vtab_cursor base;
	int64_t		keys[AD_SSDEEP_KEYS_MAX];
	int			n;
	int			i;
} keys_cursor;

#define KEYS_COL_KEY 0
#define KEYS_COL_ARG1 1
#define KEYS_COL_ARG2 2

static int
keys_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			 sqlite3_vtab **out, char **err)
{
	keys_vtab  *v;
	int			ssdeep = aux != NULL;
	int			rc;

	(void) argc;
	(void) argv;
	(void) err;
	rc = sqlite3_declare_vtab(db, ssdeep ?
							  "CREATE TABLE x(key INTEGER, hash HIDDEN, min_score HIDDEN)" :
							  "CREATE TABLE x(key INTEGER, signature HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
	v = sqlite3_malloc(sizeof(*v));
	if (v == NULL)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->ssdeep = ssdeep;
	*out = &v->base;
	return SQLITE_OK;
}

static int
keys_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

/* Plan: the hidden arguments must be given as equalities; argv order is by column. */
static int
keys_best_index(sqlite3_vtab *tab, sqlite3_index_info *info)
{
	keys_vtab  *v = (keys_vtab *) tab;
	int			i,
				seen = 0,
				nargs = v->ssdeep ? 2 : 1;

	for (i = 0; i < info->nConstraint; i++)
	{
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];
		int			arg = c->iColumn - KEYS_COL_ARG1;

		if (arg < 0 || arg >= nargs)
			continue;
		if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			return SQLITE_CONSTRAINT;
		info->aConstraintUsage[i].argvIndex = arg + 1;
		info->aConstraintUsage[i].omit = 1;
		seen |= 1 << arg;
	}
	if (!(seen & 1))
	{
		tab->zErrMsg = sqlite3_mprintf("%s: argument 1 is required",
									   v->ssdeep ? "ssdeep_keys" : "minhash_keys");
		return SQLITE_ERROR;
	}
	info->idxNum = seen;
	info->estimatedCost = 10;
	info->estimatedRows = 40;
	return SQLITE_OK;
}

static int
keys_open(sqlite3_vtab *tab, sqlite3_vtab_cursor **out)
{
	keys_cursor *c = sqlite3_malloc(sizeof(*c));

	(void) tab;
	if (c == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int
keys_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

/* Report a core status on the virtual table. */
static int
keys_error(sqlite3_vtab *tab, const char *fn, const char *what, ad_status st)
{
	sqlite3_free(tab->zErrMsg);
	tab->zErrMsg = sqlite3_mprintf("%s: %s: %s", fn, what, ad_strerror(st));
	return SQLITE_ERROR;
}

static int
keys_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
			int argc, sqlite3_value **argv)
{
	keys_cursor *c = (keys_cursor *) cur;
	keys_vtab  *v = (keys_vtab *) cur->pVtab;
	ad_status	st;

	(void) idxStr;
	c->n = c->i = 0;
	if (argc < 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return SQLITE_OK;
	if (v->ssdeep)
	{
		int			has_min = (idxNum & 2) && argc > 1 && sqlite3_value_type(argv[1]) != SQLITE_NULL;
		sqlite3_int64 min64 = has_min ? sqlite3_value_int64(argv[1]) : 1;
		int			min_score;

		if (has_min && sqlite3_value_type(argv[1]) != SQLITE_INTEGER)
		{
			sqlite3_free(cur->pVtab->zErrMsg);
			cur->pVtab->zErrMsg = sqlite3_mprintf("ssdeep_keys: argument 2 (min_score) must be an integer");
			return SQLITE_ERROR;
		}
		/* read as 64 bits: a value PostgreSQL's integer cannot hold is an error, never cut */
		if (min64 < INT32_MIN || min64 > INT32_MAX)
		{
			sqlite3_free(cur->pVtab->zErrMsg);
			cur->pVtab->zErrMsg = sqlite3_mprintf("ssdeep_keys: argument 2 (min_score) is out of range "
												  "for a 32-bit integer");
			return SQLITE_ERROR;
		}
		min_score = (int) min64;
		if (sqlite3_value_type(argv[0]) != SQLITE_TEXT)
			return keys_error(cur->pVtab, "ssdeep_keys", "argument 1", AD_ESSDEEP_FORMAT);
		st = ad_ssdeep_keys((const char *) sqlite3_value_text(argv[0]),
							(size_t) sqlite3_value_bytes(argv[0]),
							min_score < 1 ? 1 : min_score, c->keys, &c->n);
		if (st != AD_OK)
			return keys_error(cur->pVtab, "ssdeep_keys", "argument 1 is not a valid ssdeep hash", st);
		return SQLITE_OK;
	}
	if (sqlite3_value_type(argv[0]) != SQLITE_BLOB)
		return keys_error(cur->pVtab, "minhash_keys", "argument 1", AD_EMINHASH);
	st = ad_minhash_keys(sqlite3_value_blob(argv[0]), (size_t) sqlite3_value_bytes(argv[0]), c->keys);
	if (st != AD_OK)
		return keys_error(cur->pVtab, "minhash_keys", "argument 1", st);
	c->n = AD_MINHASH_BANDS;
	return SQLITE_OK;
}

static int
keys_next(sqlite3_vtab_cursor *cur)
{
	((keys_cursor *) cur)->i++;
	return SQLITE_OK;
}

static int
keys_eof(sqlite3_vtab_cursor *cur)
{
	keys_cursor *c = (keys_cursor *) cur;

	return c->i >= c->n;
}

static int
keys_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	keys_cursor *c = (keys_cursor *) cur;

	if (col == KEYS_COL_KEY)
		sqlite3_result_int64(ctx, c->keys[c->i]);
	return SQLITE_OK;
}

static int
keys_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((keys_cursor *) cur)->i + 1;
	return SQLITE_OK;
}

static const sqlite3_module keys_module = {
	.xConnect = keys_connect,
	.xBestIndex = keys_best_index,
	.xDisconnect = keys_disconnect,
	.xOpen = keys_open,
	.xClose = keys_close,
	.xFilter = keys_filter,
	.xNext = keys_next,
	.xEof = keys_eof,
	.xColumn = keys_column,
	.xRowid = keys_rowid,
};

int
ad_sqlite_register_neardup(sqlite3 *db)
{
	int			rc = ad_sqlite_register(db, neardup_fns, sizeof(neardup_fns) / sizeof(neardup_fns[0]));

	if (rc == SQLITE_OK)
		rc = sqlite3_create_module(db, "ssdeep_keys", &keys_module, (void *) &keys_module);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_module(db, "minhash_keys", &keys_module, NULL);
	return rc;
}
