/*
 * SQLite binding: near_duplicate_clusters(query) and near_duplicate_pairs(query),
 * table-valued functions over the same core.
 */
#include <string.h>

#include "antidote_sqlite.h"

typedef struct cluster_vtab
{
	sqlite3_vtab base;
	sqlite3    *db;
	ad_sqlite_settings *settings;	/* the connection's thresholds */
	int			pairs;			/* near_duplicate_pairs */
	const char *fn;
} cluster_vtab;

typedef struct cluster_cursor
{
	sqlite3_vtab_cursor base;
	ad_cluster *c;
	ad_pairs   *p;				/* near_duplicate_pairs */
	size_t		i;
	size_t		n;
	ad_cluster_row row;
	ad_pair_row pair;
} cluster_cursor;

enum
{
	COL_ID, COL_CLUSTER_ID, COL_CLUSTER_SIZE, COL_DISTINCT_SOURCES, COL_METHOD, COL_REPRESENTATIVE,
	COL_QUERY
};

enum
{
	PCOL_ID_A, PCOL_ID_B, PCOL_SSDEEP, PCOL_MINHASH, PCOL_METHOD, PCOL_QUERY
};

static int
connect_kind(sqlite3 *db, void *aux, int pairs, sqlite3_vtab **out)
{
	cluster_vtab *v;
	int			rc;

	rc = sqlite3_declare_vtab(db, pairs ?
							  "CREATE TABLE x(id_a TEXT, id_b TEXT, ssdeep_score INTEGER,"
							  " minhash_similarity REAL, method TEXT, query HIDDEN)" :
							  "CREATE TABLE x(id TEXT, cluster_id INTEGER, cluster_size INTEGER,"
							  " distinct_sources INTEGER, method TEXT, representative TEXT, query HIDDEN)");
	if (rc != SQLITE_OK)
		return rc;
	/* It runs caller SQL: only from top-level statements, never from schema objects. */
	sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
	v = sqlite3_malloc(sizeof(*v));
	if (v == NULL)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->db = db;
	v->settings = ad_sqlite_settings_ref(aux);
	v->pairs = pairs;
	v->fn = pairs ? "near_duplicate_pairs" : "near_duplicate_clusters";
	*out = &v->base;
	return SQLITE_OK;
}

static int
cluster_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
				sqlite3_vtab **out, char **err)
{
	(void) argc;
	(void) argv;
	(void) err;
	return connect_kind(db, aux, 0, out);
}

static int
pairs_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			  sqlite3_vtab **out, char **err)
{
	(void) argc;
	(void) argv;
	(void) err;
	return connect_kind(db, aux, 1, out);
}

static int
cluster_disconnect(sqlite3_vtab *v)
{
	ad_sqlite_settings_release(((cluster_vtab *) v)->settings);
	sqlite3_free(v);
	return SQLITE_OK;
}

/* Plan: the query argument must be given as an equality. */
static int
cluster_best_index(sqlite3_vtab *tab, sqlite3_index_info *info)
{
	cluster_vtab *v = (cluster_vtab *) tab;
	int			i;

	for (i = 0; i < info->nConstraint; i++)
	{
		const struct sqlite3_index_constraint *c = &info->aConstraint[i];

		if (c->iColumn != (v->pairs ? PCOL_QUERY : COL_QUERY))
			continue;
		if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ)
			return SQLITE_CONSTRAINT;
		info->aConstraintUsage[i].argvIndex = 1;
		info->aConstraintUsage[i].omit = 1;
		info->estimatedCost = 1e6;
		return SQLITE_OK;
	}
	tab->zErrMsg = sqlite3_mprintf("%s: argument 1 (query) is required", v->fn);
	return SQLITE_ERROR;
}

static int
cluster_open(sqlite3_vtab *tab, sqlite3_vtab_cursor **out)
{
	cluster_cursor *c = sqlite3_malloc(sizeof(*c));

	(void) tab;
	if (c == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int
cluster_close(sqlite3_vtab_cursor *cur)
{
	ad_pairs_free(((cluster_cursor *) cur)->p);
	ad_cluster_free(((cluster_cursor *) cur)->c);
	sqlite3_free(cur);
	return SQLITE_OK;
}

/* Set the error message of the table; returns SQLITE_ERROR. */
static int
vtab_error(sqlite3_vtab *tab, char *msg)
{
	sqlite3_free(tab->zErrMsg);
	tab->zErrMsg = msg;
	return msg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/*
 * Polled by the core: step a trivial statement, which returns
 * SQLITE_INTERRUPT after sqlite3_interrupt() and runs the progress handler.
 */
static int
sqlite_cancel_pending(void *arg)
{
	sqlite3_stmt *ping = arg;
	int			rc;

	sqlite3_reset(ping);
	rc = sqlite3_step(ping);
	return rc != SQLITE_ROW && rc != SQLITE_DONE;
}

/* Check the shape of the prepared query. */
static char *
check_query(const char *cluster_fn, sqlite3_stmt *st, const char *tail)
{
	int			n = sqlite3_column_count(st);

	while (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r' || *tail == ';')
		tail++;
	if (*tail != '\0')
		return sqlite3_mprintf("%s: argument 1: the query must be one statement", cluster_fn);
	if (!sqlite3_stmt_readonly(st))
		return sqlite3_mprintf("%s: argument 1: the query must be read-only", cluster_fn);
	if (n != 2 && n != 3)
		return sqlite3_mprintf("%s: argument 1: the query must return 2 or 3 columns "
							   "(id, content [, source]), not %d", cluster_fn, n);
	return NULL;
}

/* Feed every row of the query to the core; rows with a NULL id or content are skipped. */
static char *
feed_rows(const char *cluster_fn, sqlite3 *db, sqlite3_stmt *st, ad_cluster *c)
{
	int			ncol = sqlite3_column_count(st);
	int			rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
	{
		const char *id,
				   *src = NULL;
		int			type = sqlite3_column_type(st, 1);
		ad_status	ast;

		if (type == SQLITE_NULL || sqlite3_column_type(st, 0) == SQLITE_NULL)
			continue;
		if (type != SQLITE_TEXT)
			return sqlite3_mprintf("%s: argument 1: column 2 (content) must be text, not %s",
								   cluster_fn, type == SQLITE_INTEGER ? "integer" :
								   type == SQLITE_FLOAT ? "real" : "blob");
		id = (const char *) sqlite3_column_text(st, 0);
		if (ncol == 3 && sqlite3_column_type(st, 2) != SQLITE_NULL)
			src = (const char *) sqlite3_column_text(st, 2);
		ast = ad_cluster_add(c, id, (size_t) sqlite3_column_bytes(st, 0),
							 (const char *) sqlite3_column_text(st, 1),
							 (size_t) sqlite3_column_bytes(st, 1),
							 src, src ? (size_t) sqlite3_column_bytes(st, 2) : 0);
		if (ast != AD_OK)
			return sqlite3_mprintf("%s: row content: %s", cluster_fn, ad_strerror(ast));
	}
	if (rc != SQLITE_DONE)
		return sqlite3_mprintf("%s: %s", cluster_fn, sqlite3_errmsg(db));
	return NULL;
}

/* Run the query, cluster its rows (or list their pairs); returns an error message or NULL. */
static char *
run_clusters(const char *cluster_fn, sqlite3 *db, const char *sql, ad_cluster *c, ad_pairs **pairs)
{
	sqlite3_stmt *st = NULL,
			   *ping = NULL;
	const char *tail = "";
	char	   *msg;
	ad_status	ast;

	if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK)
		return sqlite3_mprintf("%s: argument 1: %s", cluster_fn, sqlite3_errmsg(db));
	if (st == NULL)
		return sqlite3_mprintf("%s: argument 1: the query is empty", cluster_fn);
	msg = check_query(cluster_fn, st, tail);
	if (msg == NULL)
		msg = feed_rows(cluster_fn, db, st, c);
	sqlite3_finalize(st);
	if (msg != NULL)
		return msg;
	if (sqlite3_prepare_v2(db, "SELECT 1", -1, &ping, NULL) != SQLITE_OK)
		return sqlite3_mprintf("%s: %s", cluster_fn, sqlite3_errmsg(db));
	ast = pairs ? ad_cluster_pairs(c, sqlite_cancel_pending, ping, pairs) :
		ad_cluster_run(c, sqlite_cancel_pending, ping);
	sqlite3_finalize(ping);
	if (ast == AD_ECANCELED)
		return sqlite3_mprintf("interrupted");
	if (ast != AD_OK)
		return sqlite3_mprintf("%s: %s: %s", cluster_fn, pairs ? "pairs" : "clustering", ad_strerror(ast));
	return NULL;
}

static int
cluster_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
			   int argc, sqlite3_value **argv)
{
	cluster_cursor *c = (cluster_cursor *) cur;
	cluster_vtab *v = (cluster_vtab *) cur->pVtab;
	char	   *msg;
	ad_status	ast;

	(void) idxNum;
	(void) idxStr;
	ad_pairs_free(c->p);
	c->p = NULL;
	ad_cluster_free(c->c);
	c->c = NULL;
	c->i = c->n = 0;
	if (argc < 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return SQLITE_OK;
	/* The thresholds of this moment, as PostgreSQL reads its settings at the call. */
	if ((ast = ad_cluster_new(v->settings->neardup.ssdeep_threshold,
							  v->settings->neardup.minhash_threshold, &c->c)) != AD_OK ||
		(ast = ad_cluster_set_boilerplate(c->c, v->settings->neardup.boilerplate_min_texts)) != AD_OK)
		return vtab_error(cur->pVtab, sqlite3_mprintf("%s: %s", v->fn, ad_strerror(ast)));
	msg = run_clusters(v->fn, v->db, (const char *) sqlite3_value_text(argv[0]), c->c,
					   v->pairs ? &c->p : NULL);
	if (msg != NULL)
		return vtab_error(cur->pVtab, msg);
	if (v->pairs)
	{
		c->n = ad_pairs_count(c->p);
		if (c->n > 0)
			ad_pairs_get(c->p, 0, &c->pair);
	}
	else
	{
		c->n = ad_cluster_nresults(c->c);
		if (c->n > 0)
			ad_cluster_result(c->c, 0, &c->row);
	}
	return SQLITE_OK;
}

static int
cluster_next(sqlite3_vtab_cursor *cur)
{
	cluster_cursor *c = (cluster_cursor *) cur;

	if (++c->i < c->n && c->p != NULL)
		ad_pairs_get(c->p, c->i, &c->pair);
	else if (c->i < c->n)
		ad_cluster_result(c->c, c->i, &c->row);
	return SQLITE_OK;
}

static int
cluster_eof(sqlite3_vtab_cursor *cur)
{
	cluster_cursor *c = (cluster_cursor *) cur;

	return c->i >= c->n;
}

static int
cluster_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const ad_cluster_row *r = &((cluster_cursor *) cur)->row;

	switch (col)
	{
		case COL_ID:
			sqlite3_result_text(ctx, r->id, (int) r->idlen, SQLITE_TRANSIENT);
			break;
		case COL_CLUSTER_ID:
			sqlite3_result_int64(ctx, r->cluster_id);
			break;
		case COL_CLUSTER_SIZE:
			sqlite3_result_int(ctx, r->cluster_size);
			break;
		case COL_DISTINCT_SOURCES:
			if (r->distinct_sources >= 0)
				sqlite3_result_int(ctx, r->distinct_sources);
			break;
		case COL_METHOD:
			sqlite3_result_text(ctx, ad_cluster_method_name(r->method), -1, SQLITE_STATIC);
			break;
		case COL_REPRESENTATIVE:
			sqlite3_result_text(ctx, r->representative, (int) r->replen, SQLITE_TRANSIENT);
			break;
		default:
			break;
	}
	return SQLITE_OK;
}

static int
pairs_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
	const ad_pair_row *r = &((cluster_cursor *) cur)->pair;

	switch (col)
	{
		case PCOL_ID_A:
			sqlite3_result_text(ctx, r->id_a, (int) r->idlen_a, SQLITE_TRANSIENT);
			break;
		case PCOL_ID_B:
			sqlite3_result_text(ctx, r->id_b, (int) r->idlen_b, SQLITE_TRANSIENT);
			break;
		case PCOL_SSDEEP:
			sqlite3_result_int(ctx, r->ssdeep_score);
			break;
		case PCOL_MINHASH:
			sqlite3_result_double(ctx, r->minhash_similarity);
			break;
		case PCOL_METHOD:
			sqlite3_result_text(ctx, ad_cluster_method_name(r->method), -1, SQLITE_STATIC);
			break;
		default:
			break;
	}
	return SQLITE_OK;
}

static int
cluster_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = (sqlite3_int64) ((cluster_cursor *) cur)->i + 1;
	return SQLITE_OK;
}

static const sqlite3_module cluster_module = {
	.xConnect = cluster_connect,
	.xBestIndex = cluster_best_index,
	.xDisconnect = cluster_disconnect,
	.xOpen = cluster_open,
	.xClose = cluster_close,
	.xFilter = cluster_filter,
	.xNext = cluster_next,
	.xEof = cluster_eof,
	.xColumn = cluster_column,
	.xRowid = cluster_rowid,
};

static const sqlite3_module pairs_module = {
	.xConnect = pairs_connect,
	.xBestIndex = cluster_best_index,
	.xDisconnect = cluster_disconnect,
	.xOpen = cluster_open,
	.xClose = cluster_close,
	.xFilter = cluster_filter,
	.xNext = cluster_next,
	.xEof = cluster_eof,
	.xColumn = pairs_column,
	.xRowid = cluster_rowid,
};

int
ad_sqlite_register_cluster(sqlite3 *db, ad_sqlite_settings *s)
{
	int			rc = sqlite3_create_module_v2(db, "near_duplicate_clusters", &cluster_module,
											  ad_sqlite_settings_ref(s), ad_sqlite_settings_release);

	if (rc == SQLITE_OK)
		rc = sqlite3_create_module_v2(db, "near_duplicate_pairs", &pairs_module,
									  ad_sqlite_settings_ref(s), ad_sqlite_settings_release);
	return rc;
}
