/*
 * SQLite binding: antidote_audit(query) and antidote_audit_summary(query).
 *
 * Both are table-valued functions.  The caller's query runs exactly once: its
 * shape and value types are checked, its rows kept and clustered by position,
 * and each row is scored with the extension's own functions (suspicion_score,
 * suspicion_signals, provenance_verify), as in the PostgreSQL definitions.
 */
#include <stdlib.h>
#include <string.h>

#include "antidote_sqlite.h"

/* One row of the caller's query, read once. */
typedef struct audit_row
{
	char	   *id;				/* NULL when NULL */
	char	   *content;
	char	   *source;
	char	   *envelope;
	sqlite3_int64 cluster_id;	/* 0: not in a cluster */
	int			cluster_size;
	int			distinct_sources;
} audit_row;

typedef struct audit_kind
{
	const char *name;
	const char *schema;			/* the visible columns, then "query HIDDEN" */
	int			ncols;
	int			summary;
} audit_kind;

typedef struct audit_vtab
{
	sqlite3_vtab base;
	sqlite3    *db;
	const audit_kind *kind;
	ad_sqlite_settings *settings;	/* the connection's thresholds */
} audit_vtab;

typedef struct audit_cursor
{
	sqlite3_vtab_cursor base;
	sqlite3_stmt *stmt;			/* the current output row */
	audit_row  *rows;
	sqlite3_int64 nrows;
	int			qcols;
	int			eof;
	sqlite3_int64 rowid;
} audit_cursor;

static const char *const audit_names[] = {"id", "content", "source", "provenance"};

/* One audit row from the query row's facts (the reasons are those of the signals that made the score, context included): ?1 content, ?2 cluster size, ?3 sources, ?4 envelope, ?5 has provenance, ?6 id, ?7 cluster id. */
static const char *const audit_row_sql =
"SELECT ?6, suspicion_score(?1, x.ctx),"
" (SELECT json_group_array(json_extract(s.value, '$.reason')) FROM"
" (SELECT value FROM json_each(suspicion_signals(?1, x.ctx)) ORDER BY key) s"
" WHERE json_extract(s.value, '$.fired')),"
" ?7, ?2, ?3, x.status"
" FROM (SELECT p.status, json_patch(suspicion_settings(), json_object("
"'near_duplicates', ?2 - 1, 'distinct_sources', ?3, 'provenance', p.status)) AS ctx"
" FROM (SELECT CASE WHEN ?5 THEN provenance_verify(?1, ?4) END AS status) p) x";

static const char *const summary_sql =
"SELECT column2, column3 FROM (VALUES"
" (1, 'rows', ?1),"
" (2, 'suspicious rows (suspicion >= 0.5)', ?2),"
" (3, 'mean suspicion', round(?3, 3)),"
" (4, 'near-duplicate clusters', ?4),"
" (5, 'rows in near-duplicate clusters', ?5),"
" (6, 'largest cluster', ?6),"
" (7, 'most distinct sources in one cluster', ?7),"
" (8, 'provenance verified', ?8),"
" (9, 'provenance unsigned', ?9),"
" (10, 'provenance failed', ?10))"
" ORDER BY column1";

static void
free_rows(audit_cursor *c)
{
	sqlite3_int64 i;

	for (i = 0; i < c->nrows; i++)
	{
		sqlite3_free(c->rows[i].id);
		sqlite3_free(c->rows[i].content);
		sqlite3_free(c->rows[i].source);
		sqlite3_free(c->rows[i].envelope);
	}
	sqlite3_free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}

/* Polled by the core: step a trivial statement, which honours sqlite3_interrupt and the progress handler. */
static int
audit_cancel_pending(void *arg)
{
	sqlite3_stmt *ping = arg;
	int			rc;

	sqlite3_reset(ping);
	rc = sqlite3_step(ping);
	return rc != SQLITE_ROW && rc != SQLITE_DONE;
}

static const char *
type_name(int t)
{
	return t == SQLITE_INTEGER ? "integer" : t == SQLITE_FLOAT ? "real" : t == SQLITE_BLOB ? "blob" : "text";
}

/* A copy of column i as text, or NULL for NULL; *oom set on failure. */
static char *
column_copy(sqlite3_stmt *st, int i, int *oom)
{
	char	   *s;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	s = sqlite3_mprintf("%s", (const char *) sqlite3_column_text(st, i));
	if (s == NULL)
		*oom = 1;
	return s;
}

/*
 * Run the caller's query exactly once: check its shape and the types of its
 * values, keep its rows, and cluster them by position (so repeated ids
 * neither merge nor multiply rows).  Returns an error message or NULL.
 */
static char *
read_query(sqlite3 *db, const char *fn, const char *query, audit_cursor *c)
{
	sqlite3_stmt *st = NULL,
			   *ping = NULL;
	const char *tail = "";
	ad_cluster *cl = NULL;
	sqlite3_int64 cap = 0,
				i;
	char	   *msg = NULL;
	int			rc,
				oom = 0,
				n,
				j,
				k;
	ad_status	ast;

	rc = sqlite3_prepare_v2(db, query, -1, &st, &tail);
	if (rc != SQLITE_OK || st == NULL)
	{
		msg = sqlite3_mprintf("%s: the query does not compile: %s", fn,
							  st == NULL && rc == SQLITE_OK ? "empty" : sqlite3_errmsg(db));
		goto done;
	}
	while (*tail == ' ' || *tail == '\t' || *tail == '\n' || *tail == '\r' || *tail == ';')
		tail++;
	if (*tail != '\0')
	{
		msg = sqlite3_mprintf("%s: argument 1: the query must be one statement", fn);
		goto done;
	}
	if (!sqlite3_stmt_readonly(st))
	{
		msg = sqlite3_mprintf("%s: the query must be a read-only SELECT", fn);
		goto done;
	}
	n = sqlite3_column_count(st);
	if (n < 2 || n > 4)
	{
		msg = sqlite3_mprintf("%s: the query must yield (id, content [, source [, provenance]]), it yields %d columns", fn, n);
		goto done;
	}
	/* Columns are taken by position: a column named after another position is a mistake. */
	for (j = 0; j < n; j++)
		for (k = 0; k < 4; k++)
			if (k != j && sqlite3_column_name(st, j) && sqlite3_stricmp(sqlite3_column_name(st, j), audit_names[k]) == 0)
			{
				msg = sqlite3_mprintf("%s: argument 1: column %d of the query is named \"%s\", but it is taken as %s "
									  "(columns are taken by position: id, content [, source [, provenance]])",
									  fn, j + 1, sqlite3_column_name(st, j), audit_names[j]);
				goto done;
			}
	c->qcols = n;
	if ((ast = ad_cluster_new(((audit_vtab *) c->base.pVtab)->settings->neardup.ssdeep_threshold,
							  ((audit_vtab *) c->base.pVtab)->settings->neardup.minhash_threshold,
							  &cl)) != AD_OK ||
		(ast = ad_cluster_set_boilerplate(cl, ((audit_vtab *) c->base.pVtab)->settings->neardup.boilerplate_min_texts)) != AD_OK)
	{
		msg = sqlite3_mprintf("%s: %s", fn, ad_strerror(ast));
		goto done;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
	{
		audit_row  *r;
		int			t;

		t = sqlite3_column_type(st, 1);
		if (t != SQLITE_NULL && t != SQLITE_TEXT)
		{
			msg = sqlite3_mprintf("%s: argument 1: column 2 (content) must be text, not %s", fn, type_name(t));
			goto done;
		}
		if (n >= 3 && (t = sqlite3_column_type(st, 2)) == SQLITE_BLOB)
		{
			msg = sqlite3_mprintf("%s: argument 1: column 3 (source) must be text or a number, not blob", fn);
			goto done;
		}
		if (n == 4 && (t = sqlite3_column_type(st, 3)) != SQLITE_NULL && t != SQLITE_TEXT)
		{
			msg = sqlite3_mprintf("%s: argument 1: column 4 (provenance) must be JSON text, not %s", fn, type_name(t));
			goto done;
		}
		if (c->nrows == cap)
		{
			audit_row  *more;

			cap = cap ? cap * 2 : 64;
			more = sqlite3_realloc64(c->rows, (sqlite3_uint64) cap * sizeof(audit_row));
			if (more == NULL)
			{
				oom = 1;
				goto done;
			}
			c->rows = more;
		}
		r = &c->rows[c->nrows++];
		memset(r, 0, sizeof(*r));
		r->id = column_copy(st, 0, &oom);
		r->content = column_copy(st, 1, &oom);
		r->source = n >= 3 ? column_copy(st, 2, &oom) : NULL;
		r->envelope = n == 4 ? column_copy(st, 3, &oom) : NULL;
		if (oom)
			goto done;
		/* As near_duplicate_clusters: rows without id or content are in no cluster. */
		if (r->id != NULL && r->content != NULL)
		{
			char		ord[24];

			sqlite3_snprintf(sizeof(ord), ord, "%lld", c->nrows);
			ast = ad_cluster_add(cl, ord, strlen(ord), r->content, strlen(r->content),
								 r->source, r->source ? strlen(r->source) : 0);
			if (ast != AD_OK)
			{
				msg = sqlite3_mprintf("%s: row content: %s", fn, ad_strerror(ast));
				goto done;
			}
		}
	}
	if (rc != SQLITE_DONE)
	{
		msg = sqlite3_mprintf("%s: %s", fn, sqlite3_errmsg(db));
		goto done;
	}
	if (sqlite3_prepare_v2(db, "SELECT 1", -1, &ping, NULL) != SQLITE_OK)
	{
		msg = sqlite3_mprintf("%s: %s", fn, sqlite3_errmsg(db));
		goto done;
	}
	ast = ad_cluster_run(cl, audit_cancel_pending, ping);
	if (ast == AD_ECANCELED)
	{
		msg = sqlite3_mprintf("interrupted");
		goto done;
	}
	if (ast != AD_OK)
	{
		msg = sqlite3_mprintf("%s: clustering: %s", fn, ad_strerror(ast));
		goto done;
	}
	for (i = 0; i < (sqlite3_int64) ad_cluster_nresults(cl); i++)
	{
		ad_cluster_row r;
		sqlite3_int64 ord;

		ad_cluster_result(cl, (size_t) i, &r);
		ord = strtoll(r.id, NULL, 10);
		if (ord < 1 || ord > c->nrows)
		{
			msg = sqlite3_mprintf("%s: clustering returned an unknown row", fn);
			goto done;
		}
		c->rows[ord - 1].cluster_id = r.cluster_id;
		c->rows[ord - 1].cluster_size = r.cluster_size;
		c->rows[ord - 1].distinct_sources = r.distinct_sources;
	}
done:
	sqlite3_finalize(st);
	sqlite3_finalize(ping);
	ad_cluster_free(cl);
	if (oom && msg == NULL)
		msg = sqlite3_mprintf("%s: out of memory", fn);
	return msg;
}

/* Bind row i's facts to the audit row statement. */
static void
bind_row(audit_cursor *c, sqlite3_stmt *st, sqlite3_int64 i)
{
	audit_row  *r = &c->rows[i];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (r->content)
		sqlite3_bind_text(st, 1, r->content, -1, SQLITE_STATIC);
	if (r->cluster_id > 0)
	{
		sqlite3_bind_int(st, 2, r->cluster_size);
		if (r->distinct_sources >= 0)
			sqlite3_bind_int(st, 3, r->distinct_sources);
		sqlite3_bind_int64(st, 7, r->cluster_id);
	}
	if (r->envelope)
		sqlite3_bind_text(st, 4, r->envelope, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, c->qcols == 4);
	if (r->id)
		sqlite3_bind_text(st, 6, r->id, -1, SQLITE_STATIC);
}

/* antidote_audit_summary: the headline figures over every audit row. */
static char *
summarize(sqlite3 *db, const char *fn, audit_cursor *c)
{
	sqlite3_stmt *row = NULL;
	unsigned char *seen = NULL;
	sqlite3_int64 i,
				suspicious = 0,
				scored = 0,
				clusters = 0,
				in_clusters = 0,
				largest = 0,
				most_sources = 0,
				verified = 0,
				unsigned_ = 0,
				failed = 0;
	double		sum = 0;
	char	   *msg = NULL;
	int			rc;

	if (sqlite3_prepare_v2(db, audit_row_sql, -1, &row, NULL) != SQLITE_OK ||
		sqlite3_prepare_v2(db, summary_sql, -1, &c->stmt, NULL) != SQLITE_OK)
	{
		msg = sqlite3_mprintf("%s: %s", fn, sqlite3_errmsg(db));
		goto done;
	}
	seen = sqlite3_malloc64((sqlite3_uint64) c->nrows + 1);
	if (seen == NULL)
	{
		msg = sqlite3_mprintf("%s: out of memory", fn);
		goto done;
	}
	memset(seen, 0, (size_t) c->nrows + 1);
	for (i = 0; i < c->nrows; i++)
	{
		audit_row  *r = &c->rows[i];

		bind_row(c, row, i);
		if ((rc = sqlite3_step(row)) != SQLITE_ROW)
		{
			msg = sqlite3_mprintf("%s: %s", fn, sqlite3_errmsg(db));
			goto done;
		}
		if (sqlite3_column_type(row, 1) != SQLITE_NULL)
		{
			double		s = sqlite3_column_double(row, 1);

			scored++;
			sum += s;
			suspicious += s >= 0.5;
		}
		if (sqlite3_column_type(row, 6) != SQLITE_NULL)
		{
			const char *p = (const char *) sqlite3_column_text(row, 6);

			if (strcmp(p, "verified") == 0)
				verified++;
			else if (strcmp(p, "unsigned") == 0)
				unsigned_++;
			else
				failed++;
		}
		if (r->cluster_id > 0 && r->cluster_id <= c->nrows && !seen[r->cluster_id])
		{
			seen[r->cluster_id] = 1;
			clusters++;
			in_clusters += r->cluster_size;
			if (r->cluster_size > largest)
				largest = r->cluster_size;
			if (r->distinct_sources > most_sources)
				most_sources = r->distinct_sources;
		}
	}
	sqlite3_bind_int64(c->stmt, 1, c->nrows);
	sqlite3_bind_int64(c->stmt, 2, suspicious);
	if (scored > 0)
		sqlite3_bind_double(c->stmt, 3, sum / (double) scored);
	sqlite3_bind_int64(c->stmt, 4, clusters);
	sqlite3_bind_int64(c->stmt, 5, in_clusters);
	sqlite3_bind_int64(c->stmt, 6, largest);
	sqlite3_bind_int64(c->stmt, 7, most_sources);
	sqlite3_bind_int64(c->stmt, 8, verified);
	sqlite3_bind_int64(c->stmt, 9, unsigned_);
	sqlite3_bind_int64(c->stmt, 10, failed);
done:
	sqlite3_finalize(row);
	sqlite3_free(seen);
	return msg;
}

static const audit_kind audit_kinds[] = {
	{"antidote_audit",
		"CREATE TABLE x(id, suspicion, reasons, cluster_id, cluster_size, distinct_sources, provenance, query HIDDEN)",
	7, 0},
	{"antidote_audit_summary", "CREATE TABLE x(metric, value, query HIDDEN)", 2, 1},
};

/* A module's client data: its kind and the connection's settings. */
typedef struct audit_aux
{
	const audit_kind *kind;
	ad_sqlite_settings *settings;
} audit_aux;

static void
audit_aux_free(void *p)
{
	audit_aux  *a = p;

	ad_sqlite_settings_release(a->settings);
	sqlite3_free(a);
}

static int
audit_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
			  sqlite3_vtab **out, char **err)
{
	const audit_kind *kind = ((audit_aux *) aux)->kind;
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
	v->settings = ad_sqlite_settings_ref(((audit_aux *) aux)->settings);
	*out = &v->base;
	return SQLITE_OK;
}

static int
audit_disconnect(sqlite3_vtab *vt)
{
	ad_sqlite_settings_release(((audit_vtab *) vt)->settings);
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
	free_rows(c);
	sqlite3_free(c);
	return SQLITE_OK;
}

/* Move to the next output row: the summary's statement, or row rowid of the audit. */
static int
audit_step(audit_cursor *c)
{
	audit_vtab *v = (audit_vtab *) c->base.pVtab;
	int			rc;

	if (!v->kind->summary)
	{
		if (c->rowid >= c->nrows)
		{
			c->eof = 1;
			return SQLITE_OK;
		}
		bind_row(c, c->stmt, c->rowid);
	}
	rc = sqlite3_step(c->stmt);
	if (rc == SQLITE_ROW)
	{
		c->rowid++;
		return SQLITE_OK;
	}
	c->eof = 1;
	if (rc == SQLITE_DONE)
		return SQLITE_OK;
	c->base.pVtab->zErrMsg = sqlite3_mprintf("%s: %s", v->kind->name, sqlite3_errmsg(v->db));
	return rc;
}

static int
audit_filter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv)
{
	audit_cursor *c = (audit_cursor *) cur;
	audit_vtab *v = (audit_vtab *) cur->pVtab;
	char	   *msg;

	(void) idxNum;
	(void) idxStr;
	sqlite3_finalize(c->stmt);
	c->stmt = NULL;
	free_rows(c);
	c->eof = 0;
	c->rowid = 0;
	if (argc < 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL)
	{
		c->eof = 1;
		return SQLITE_OK;
	}
	msg = read_query(v->db, v->kind->name, (const char *) sqlite3_value_text(argv[0]), c);
	if (msg == NULL && v->kind->summary)
		msg = summarize(v->db, v->kind->name, c);
	else if (msg == NULL && sqlite3_prepare_v2(v->db, audit_row_sql, -1, &c->stmt, NULL) != SQLITE_OK)
		msg = sqlite3_mprintf("%s: %s", v->kind->name, sqlite3_errmsg(v->db));
	if (msg != NULL)
	{
		sqlite3_free(v->base.zErrMsg);
		v->base.zErrMsg = msg;
		c->eof = 1;
		return SQLITE_ERROR;
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
ad_sqlite_register_audit(sqlite3 *db, ad_sqlite_settings *s)
{
	int			rc = SQLITE_OK;
	size_t		i;

	for (i = 0; i < sizeof(audit_kinds) / sizeof(audit_kinds[0]) && rc == SQLITE_OK; i++)
	{
		audit_aux  *a = sqlite3_malloc(sizeof(*a));

		if (a == NULL)
			return SQLITE_NOMEM;
		a->kind = &audit_kinds[i];
		a->settings = ad_sqlite_settings_ref(s);
		rc = sqlite3_create_module_v2(db, audit_kinds[i].name, &audit_module, a, audit_aux_free);
	}
	return rc;
}
