/*
 * SQLite binding: antidote_audit(query) and antidote_audit_summary(query).
 *
 * Both are table-valued functions over one SQL statement composed from the
 * extension's own functions (near_duplicate_clusters, suspicion_score,
 * suspicion_signals, provenance_verify), as in the PostgreSQL definitions.
 */
#include <string.h>

#include "antidote_sqlite.h"

typedef struct audit_kind
{
	const char *name;
	const char *schema;			/* the visible columns, then "query HIDDEN" */
	int			ncols;
	char	   *(*compose) (sqlite3 *db, const char *query, int qcols);
} audit_kind;

typedef struct audit_vtab
{
	sqlite3_vtab base;
	sqlite3    *db;
	const audit_kind *kind;
} audit_vtab;

typedef struct audit_cursor
{
	sqlite3_vtab_cursor base;
	sqlite3_stmt *stmt;
	int			eof;
	sqlite3_int64 rowid;
} audit_cursor;

static const char *const audit_names[] = {"id", "content", "source", "provenance"};

/* WITH r(id, content[, source[, provenance]]) AS (query), c AS (clusters) */
static void
append_rows_cte(sqlite3 *db, sqlite3_str *s, const char *query, int qcols)
{
	int			i;
	char	   *inner;
	sqlite3_str *cl = sqlite3_str_new(db);

	sqlite3_str_appendall(s, "WITH r(");
	sqlite3_str_appendall(cl, "WITH r(");
	for (i = 0; i < qcols; i++)
	{
		sqlite3_str_appendf(s, "%s%s", i ? ", " : "", audit_names[i]);
		sqlite3_str_appendf(cl, "%s%s", i ? ", " : "", audit_names[i]);
	}
	sqlite3_str_appendf(cl, ") AS (%s) SELECT id, content%s FROM r", query, qcols >= 3 ? ", source" : "");
	inner = sqlite3_str_finish(cl);
	sqlite3_str_appendf(s, ") AS (%s), c AS (SELECT * FROM near_duplicate_clusters(%Q))", query, inner);
	sqlite3_free(inner);
}

static char *
compose_audit(sqlite3 *db, const char *query, int qcols)
{
	sqlite3_str *s = sqlite3_str_new(db);

	append_rows_cte(db, s, query, qcols);
	sqlite3_str_appendf(s,
						", f AS (SELECT CAST(r.id AS TEXT) AS id, r.content AS content, %s AS provenance,"
						" c.cluster_id, c.cluster_size, c.distinct_sources"
						" FROM r LEFT JOIN c ON c.id = CAST(r.id AS TEXT))"
						" SELECT f.id,"
						" suspicion_score(f.content, json_patch(suspicion_settings(), json_object("
						"'near_duplicates', f.cluster_size - 1, 'distinct_sources', f.distinct_sources,"
						" 'provenance', f.provenance))),"
						" (SELECT json_group_array(json_extract(s.value, '$.reason')) FROM"
						" (SELECT value FROM json_each(suspicion_signals(f.content)) ORDER BY key) s"
						" WHERE json_extract(s.value, '$.fired')),"
						" f.cluster_id, f.cluster_size, f.distinct_sources, f.provenance FROM f",
						qcols == 4 ? "provenance_verify(r.content, r.provenance)" : "NULL");
	return sqlite3_str_finish(s);
}

static char *
compose_summary(sqlite3 *db, const char *query, int qcols)
{
	(void) db;
	(void) qcols;
	return sqlite3_mprintf(
						   "WITH a AS (SELECT * FROM antidote_audit(%Q)),"
						   " c AS (SELECT DISTINCT cluster_id, cluster_size, distinct_sources FROM a"
						   " WHERE cluster_id IS NOT NULL)"
						   " SELECT column2, column3 FROM (VALUES"
						   " (1, 'rows', (SELECT count(*) FROM a)),"
						   " (2, 'suspicious rows (suspicion >= 0.5)', (SELECT count(*) FROM a WHERE suspicion >= 0.5)),"
						   " (3, 'mean suspicion', (SELECT round(avg(suspicion), 3) FROM a)),"
						   " (4, 'near-duplicate clusters', (SELECT count(*) FROM c)),"
						   " (5, 'rows in near-duplicate clusters', (SELECT coalesce(sum(cluster_size), 0) FROM c)),"
						   " (6, 'largest cluster', (SELECT coalesce(max(cluster_size), 0) FROM c)),"
						   " (7, 'most distinct sources in one cluster', (SELECT coalesce(max(distinct_sources), 0) FROM c)),"
						   " (8, 'provenance verified', (SELECT count(*) FROM a WHERE provenance = 'verified')),"
						   " (9, 'provenance unsigned', (SELECT count(*) FROM a WHERE provenance = 'unsigned')),"
						   " (10, 'provenance failed', (SELECT count(*) FROM a WHERE provenance NOT IN ('verified', 'unsigned'))))"
						   " ORDER BY column1", query);
}

static const audit_kind audit_kinds[] = {
	{"antidote_audit",
		"CREATE TABLE x(id, suspicion, reasons, cluster_id, cluster_size, distinct_sources, provenance, query HIDDEN)",
	7, compose_audit},
	{"antidote_audit_summary", "CREATE TABLE x(metric, value, query HIDDEN)", 2, compose_summary},
};

static int
audit_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			  sqlite3_vtab **out, char **err)
{
	const audit_kind *kind = aux;
	audit_vtab *v;
	int			rc;

	(void) argc;
	(void) argv;
	(void) err;
	rc = sqlite3_declare_vtab(db, kind->schema);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
	v = sqlite3_malloc(sizeof(*v));
	if (v == NULL)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->db = db;
	v->kind = kind;
	*out = &v->base;
	return SQLITE_OK;
}

static int
audit_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* The query argument is required: without it the plan is refused. */
static int
audit_best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	audit_vtab *v = (audit_vtab *) vt;
	int			i;

	for (i = 0; i < info->nConstraint; i++)
	{
		if (info->aConstraint[i].iColumn == v->kind->ncols &&
			info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ)
		{
			if (!info->aConstraint[i].usable)
				return SQLITE_CONSTRAINT;
			info->aConstraintUsage[i].argvIndex = 1;
			info->aConstraintUsage[i].omit = 1;
			info->estimatedCost = 1e6;
			info->idxNum = 1;
			return SQLITE_OK;
		}
	}
	vt->zErrMsg = sqlite3_mprintf("%s: a query argument is required", v->kind->name);
	return SQLITE_ERROR;
}

static int
audit_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	audit_cursor *c = sqlite3_malloc(sizeof(*c));

	(void) vt;
	if (c == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*out = &c->base;
	return SQLITE_OK;
}

static int
audit_close(sqlite3_vtab_cursor *cur)
{
	audit_cursor *c = (audit_cursor *) cur;

	sqlite3_finalize(c->stmt);
	sqlite3_free(c);
	return SQLITE_OK;
}

static int
audit_step(audit_cursor *c)
{
	int			rc = sqlite3_step(c->stmt);

	if (rc == SQLITE_ROW)
	{
		c->rowid++;
		return SQLITE_OK;
	}
	c->eof = 1;
	if (rc == SQLITE_DONE)
		return SQLITE_OK;
	c->base.pVtab->zErrMsg = sqlite3_mprintf("%s", sqlite3_errmsg(sqlite3_db_handle(c->stmt)));
	return rc;
}

static int
audit_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv)
{
	audit_cursor *c = (audit_cursor *) cur;
	audit_vtab *v = (audit_vtab *) cur->pVtab;
	const char *query;
	sqlite3_stmt *probe = NULL;
	char	   *sql;
	int			qcols,
				rc;

	(void) idxNum;
	(void) idxStr;
	sqlite3_finalize(c->stmt);
	c->stmt = NULL;
	c->eof = 0;
	c->rowid = 0;
	if (argc < 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
	{
		c->eof = 1;
		return SQLITE_OK;
	}
	query = (const char *) sqlite3_value_text(argv[0]);
	rc = sqlite3_prepare_v2(v->db, query, -1, &probe, NULL);
	if (rc != SQLITE_OK || probe == NULL)
	{
		v->base.zErrMsg = sqlite3_mprintf("%s: the query does not compile: %s", v->kind->name,
										  probe == NULL && rc == SQLITE_OK ? "empty" : sqlite3_errmsg(v->db));
		sqlite3_finalize(probe);
		return SQLITE_ERROR;
	}
	qcols = sqlite3_column_count(probe);
	rc = sqlite3_stmt_readonly(probe);
	sqlite3_finalize(probe);
	if (!rc)
	{
		v->base.zErrMsg = sqlite3_mprintf("%s: the query must be a read-only SELECT", v->kind->name);
		return SQLITE_ERROR;
	}
	if (qcols < 2 || qcols > 4)
	{
		v->base.zErrMsg = sqlite3_mprintf("%s: the query must yield (id, content [, source [, provenance]]), it yields %d columns",
										  v->kind->name, qcols);
		return SQLITE_ERROR;
	}
	sql = v->kind->compose(v->db, query, qcols);
	if (sql == NULL)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(v->db, sql, -1, &c->stmt, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK)
	{
		v->base.zErrMsg = sqlite3_mprintf("%s: %s", v->kind->name, sqlite3_errmsg(v->db));
		return rc;
	}
	return audit_step(c);
}

static int
audit_next(sqlite3_vtab_cursor *cur)
{
	return audit_step((audit_cursor *) cur);
}

static int
audit_eof(sqlite3_vtab_cursor *cur)
{
	return ((audit_cursor *) cur)->eof;
}

static int
audit_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	audit_cursor *c = (audit_cursor *) cur;
	audit_vtab *v = (audit_vtab *) cur->pVtab;

	if (i < v->kind->ncols)
		sqlite3_result_value(ctx, sqlite3_column_value(c->stmt, i));
	return SQLITE_OK;
}

static int
audit_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((audit_cursor *) cur)->rowid;
	return SQLITE_OK;
}

static sqlite3_module audit_module = {
	.iVersion = 0,
	.xConnect = audit_connect,
	.xBestIndex = audit_best_index,
	.xDisconnect = audit_disconnect,
	.xOpen = audit_open,
	.xClose = audit_close,
	.xFilter = audit_filter,
	.xNext = audit_next,
	.xEof = audit_eof,
	.xColumn = audit_column,
	.xRowid = audit_rowid,
};

int
ad_sqlite_register_audit(sqlite3 *db)
{
	int			rc = SQLITE_OK;
	size_t		i;

	for (i = 0; i < sizeof(audit_kinds) / sizeof(audit_kinds[0]) && rc == SQLITE_OK; i++)
		rc = sqlite3_create_module(db, audit_kinds[i].name, &audit_module, (void *) &audit_kinds[i]);
	return rc;
}
