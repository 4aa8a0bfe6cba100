/*
 * SQLite binding: verdicts of guarded rows and the sweep.
 *
 * antidote_guard_judge() judges a row from the facts a guard trigger gathered
 * (with its stored near-duplicates as JSON) and returns the verdict JSON of a
 * rejected row; antidote_verdict_reasons() takes its reasons out.
 * antidote_sweep(table, policy) moves every stored row of a flood that breaks
 * the policy's max_near_duplicates / max_sources into antidote_quarantine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "antidote_sqlite.h"

/*
 * antidote_guard_judge(policy, operation, content, settings, suspicion,
 * provenance, neighbours, source): NULL when the row passes, else its verdict
 * JSON.  neighbours: JSON array of {"id", "source"} of its stored
 * near-duplicates (NULL: not looked up).
 */
static void
judge_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	ad_policy	p;
	ad_guard_facts f = AD_GUARD_FACTS_INIT;
	ad_verdict_in in;
	ad_verdict_reasons r;
	const char *policy = (const char *) sqlite3_value_text(argv[0]);
	char	   *json = NULL;
	size_t		len = 0,
				pos = 0;
	ad_status	st;

	(void) argc;
	memset(&in, 0, sizeof(in));
	if (policy == NULL || ad_policy_parse(policy, strlen(policy), &p, &pos) != AD_OK)
	{
		sqlite3_result_error(ctx, "antidote_guard_judge: argument 1 (policy) is not a valid policy", -1);
		return;
	}
	in.operation = (const char *) sqlite3_value_text(argv[1]);
	if (sqlite3_value_type(argv[2]) != SQLITE_NULL)
	{
		in.text = (const char *) sqlite3_value_text(argv[2]);
		in.len = (size_t) sqlite3_value_bytes(argv[2]);
	}
	if (sqlite3_value_type(argv[3]) != SQLITE_NULL)
	{
		in.settings = (const char *) sqlite3_value_text(argv[3]);
		in.settingslen = (size_t) sqlite3_value_bytes(argv[3]);
	}
	if (sqlite3_value_type(argv[4]) != SQLITE_NULL)
		f.suspicion = sqlite3_value_double(argv[4]);
	if (sqlite3_value_type(argv[5]) != SQLITE_NULL)
		f.provenance = (const char *) sqlite3_value_text(argv[5]);
	else if (p.require_verified)
		f.provenance = "unsigned";
	if (sqlite3_value_type(argv[6]) != SQLITE_NULL)
	{
		const char *src = sqlite3_value_type(argv[7]) == SQLITE_NULL ? NULL :
			(const char *) sqlite3_value_text(argv[7]);

		in.neighbours = (const char *) sqlite3_value_text(argv[6]);
		in.neighbourslen = (size_t) sqlite3_value_bytes(argv[6]);
		st = ad_verdict_count(in.neighbours, in.neighbourslen, src,
							  src ? (size_t) sqlite3_value_bytes(argv[7]) : 0,
							  &f.near_duplicates, &f.distinct_sources);
		if (st != AD_OK)
		{
			ad_sqlite_error(ctx, st, "antidote_guard_judge", "facts");
			return;
		}
	}
	st = ad_verdict_build(&p, &f, &in, &r, &json, &len);
	if (st != AD_OK)
	{
		ad_sqlite_error(ctx, st, "antidote_guard_judge", "facts");
		return;
	}
	if (json == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, json, (int) len, free);
}

/* antidote_verdict_reasons(verdict): the verdict's reasons as a JSON array; NULL for NULL. */
static void
verdict_reasons_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	   *out = NULL;
	size_t		len = 0;
	ad_status	st;

	(void) argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return;
	}
	st = ad_verdict_reasons_json((const char *) sqlite3_value_text(argv[0]),
								 (size_t) sqlite3_value_bytes(argv[0]), &out, &len);
	if (st != AD_OK)
	{
		sqlite3_result_error(ctx, "antidote_verdict_reasons: argument 1 is not a verdict", -1);
		return;
	}
	sqlite3_result_text(ctx, out, (int) len, free);
}

/* One stored or quarantined row fed to the clustering. */
typedef struct sweep_row
{
	sqlite3_int64 rowid;		/* stored rows; quarantined: -1 */
	char	   *id;				/* id in verdicts: primary key value or rowid, as text */
	char	   *content;
} sweep_row;

typedef struct sweep
{
	sqlite3    *db;
	const char *table;
	char	   *content_col,
			   *prov_col,
			   *source_col,
			   *key_col;		/* single-column primary key, or NULL: rowid */
	sweep_row  *rows;
	size_t		n,
				cap;
} sweep;

static void
sweep_free(sweep *s)
{
	size_t		i;

	for (i = 0; i < s->n; i++)
	{
		sqlite3_free(s->rows[i].id);
		sqlite3_free(s->rows[i].content);
	}
	sqlite3_free(s->rows);
	sqlite3_free(s->content_col);
	sqlite3_free(s->prov_col);
	sqlite3_free(s->source_col);
	sqlite3_free(s->key_col);
}

/* Read the table's guard configuration (stored by antidote_guard). */
static char *
sweep_config(sweep *s)
{
	sqlite3_stmt *st;
	char	   *msg = NULL;
	int			rc;

	rc = sqlite3_prepare_v2(s->db, "SELECT content_col, provenance_col, source_col FROM antidote_guards "
							"WHERE table_name = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sqlite3_mprintf("antidote_sweep: argument 1: table \"%s\" has no guard", s->table);
	sqlite3_bind_text(st, 1, s->table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
	{
		s->content_col = sqlite3_mprintf("%s", sqlite3_column_text(st, 0));
		s->prov_col = sqlite3_mprintf("%s", sqlite3_column_text(st, 1));
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			s->source_col = sqlite3_mprintf("%s", sqlite3_column_text(st, 2));
	}
	else
		msg = sqlite3_mprintf("antidote_sweep: argument 1: table \"%s\" has no guard", s->table);
	sqlite3_finalize(st);
	if (msg == NULL && s->content_col == NULL)
		msg = sqlite3_mprintf("antidote_sweep: out of memory");
	if (msg != NULL)
		return msg;
	/* Verdicts name rows by their primary key when it is one column, else by rowid. */
	rc = sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 "
							"AND (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0) = 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sqlite3_mprintf("antidote_sweep: %s", sqlite3_errmsg(s->db));
	sqlite3_bind_text(st, 1, s->table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		s->key_col = sqlite3_mprintf("%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return NULL;
}

/* Add the rows of a query (rowid, id, content, source) to the clustering. */
static char *
sweep_feed(sweep *s, ad_cluster *c, const char *sql, int bind_table)
{
	sqlite3_stmt *st;
	int			rc;

	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sqlite3_mprintf("antidote_sweep: %s", sqlite3_errmsg(s->db));
	if (bind_table)
		sqlite3_bind_text(st, 1, s->table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
	{
		char		key[32];
		const char *src = (const char *) sqlite3_column_text(st, 3);
		sweep_row  *r;
		ad_status	ast;

		if (sqlite3_column_type(st, 2) != SQLITE_TEXT)
			continue;
		if (s->n == s->cap)
		{
			size_t		cap = s->cap ? s->cap * 2 : 256;
			sweep_row  *rows = sqlite3_realloc64(s->rows, cap * sizeof(*rows));

			if (rows == NULL)
				break;
			s->rows = rows;
			s->cap = cap;
		}
		r = &s->rows[s->n];
		r->rowid = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
		r->id = sqlite3_mprintf("%s", sqlite3_column_text(st, 1));
		r->content = sqlite3_mprintf("%s", sqlite3_column_text(st, 2));
		if (r->id == NULL || r->content == NULL)
		{
			sqlite3_free(r->id);
			sqlite3_free(r->content);
			break;
		}
		s->n++;
		snprintf(key, sizeof(key), "%zu", s->n - 1);
		ast = ad_cluster_add(c, key, strlen(key), r->content, strlen(r->content),
							 src, src ? (size_t) sqlite3_column_bytes(st, 3) : 0);
		if (ast != AD_OK)
		{
			sqlite3_finalize(st);
			return sqlite3_mprintf("antidote_sweep: %s", ad_strerror(ast));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return rc == SQLITE_ROW ? sqlite3_mprintf("antidote_sweep: out of memory") :
			sqlite3_mprintf("antidote_sweep: %s", sqlite3_errmsg(s->db));
	return NULL;
}

/* The table's columns as antidote_row_json('a', t."a", ...). */
static char *
sweep_row_json(sweep *s)
{
	sqlite3_stmt *st;
	sqlite3_str *o = sqlite3_str_new(s->db);
	int			n = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info(?1)", -1, &st, NULL) != SQLITE_OK)
	{
		sqlite3_free(sqlite3_str_finish(o));
		return NULL;
	}
	sqlite3_bind_text(st, 1, s->table, -1, SQLITE_STATIC);
	sqlite3_str_appendall(o, "antidote_row_json(");
	while (sqlite3_step(st) == SQLITE_ROW)
	{
		const char *col = (const char *) sqlite3_column_text(st, 0);

		sqlite3_str_appendf(o, "%s%Q, t.\"%w\"", n++ ? ", " : "", col, col);
	}
	sqlite3_finalize(st);
	sqlite3_str_appendchar(o, 1, ')');
	return sqlite3_str_finish(o);
}

/* Quarantine the stored members of one breaking cluster [from, to). */
static char *
sweep_cluster(sweep *s, const ad_policy *p, const char *canon, ad_sweep_member *m, size_t from, size_t to,
			  sqlite3_stmt *ins, sqlite3_stmt *del, sqlite3_int64 *moved)
{
	size_t		i,
				k;

	for (i = from; i < to; i++)
	{
		sweep_row  *r = &s->rows[m[i].row];
		ad_guard_facts f = AD_GUARD_FACTS_INIT;
		ad_verdict_in in;
		ad_verdict_reasons why;
		sqlite3_str *nb;
		char	   *nbs,
				   *json = NULL,
				   *reasons = NULL;
		size_t		len = 0,
					rlen = 0;
		int			listed = 0;
		ad_status	st;

		if (r->rowid < 0)
			continue;			/* already in quarantine */
		nb = sqlite3_str_new(s->db);
		sqlite3_str_appendchar(nb, 1, '[');
		for (k = from; k < to && listed < AD_VERDICT_MAX_IDS; k++)
		{
			if (k == i || s->rows[m[k].row].rowid < 0)
				continue;
			sqlite3_str_appendf(nb, "%s{\"id\":\"", listed++ ? "," : "");
			{
				const char *c;

				for (c = s->rows[m[k].row].id; *c; c++)
				{
					if (*c == '"' || *c == '\\')
						sqlite3_str_appendchar(nb, 1, '\\');
					if ((unsigned char) *c < 0x20)
						sqlite3_str_appendf(nb, "\\u%04x", (unsigned char) *c);
					else
						sqlite3_str_appendchar(nb, 1, *c);
				}
			}
			sqlite3_str_appendall(nb, "\"}");
		}
		sqlite3_str_appendchar(nb, 1, ']');
		nbs = sqlite3_str_finish(nb);
		if (nbs == NULL)
			return sqlite3_mprintf("antidote_sweep: out of memory");
		memset(&in, 0, sizeof(in));
		in.operation = "SWEEP";
		in.text = r->content;
		in.len = strlen(r->content);
		in.neighbours = nbs;
		in.neighbourslen = strlen(nbs);
		f.near_duplicates = m[i].near_duplicates;
		f.distinct_sources = m[i].distinct_sources;
		st = ad_verdict_build(p, &f, &in, &why, &json, &len);
		sqlite3_free(nbs);
		if (st == AD_OK && json != NULL)
			st = ad_verdict_reasons_json(json, len, &reasons, &rlen);
		if (st != AD_OK || json == NULL)
		{
			free(json);
			free(reasons);
			return st != AD_OK ? sqlite3_mprintf("antidote_sweep: %s", ad_strerror(st)) :
				sqlite3_mprintf("antidote_sweep: internal error: a breaking flood has no verdict");
		}
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, s->table, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, reasons, (int) rlen, free);
		sqlite3_bind_text(ins, 3, canon, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, json, (int) len, free);
		sqlite3_bind_int64(ins, 5, r->rowid);
		if (sqlite3_step(ins) != SQLITE_DONE || sqlite3_changes(s->db) != 1)
			return sqlite3_mprintf("antidote_sweep: could not write to antidote_quarantine: %s",
								   sqlite3_errmsg(s->db));
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, r->rowid);
		if (sqlite3_step(del) != SQLITE_DONE || sqlite3_changes(s->db) != 1)
			return sqlite3_mprintf("antidote_sweep: could not delete row %s of table \"%s\": %s",
								   r->id, s->table, sqlite3_errmsg(s->db));
		(*moved)++;
	}
	return NULL;
}

/*
 * antidote_sweep(table, policy): cluster the table's stored rows together with
 * its quarantined rows; move every stored row of a cluster that breaks the
 * policy's max_near_duplicates (more than N + 1 members) or max_sources (N or
 * more distinct sources) into antidote_quarantine.  Returns the count.
 */
static void
sweep_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sweep		s;
	ad_policy	p;
	char		canon[256];
	const char *policy = (const char *) sqlite3_value_text(argv[1]);
	char	   *msg = NULL,
			   *sql = NULL,
			   *rowjson = NULL;
	ad_cluster *c = NULL;
	ad_sweep_member *m = NULL;
	sqlite3_stmt *ins = NULL,
			   *del = NULL;
	sqlite3_int64 moved = 0;
	size_t		nres = 0,
				i,
				pos = 0;
	ad_status	ast;
	int			saved = 0;

	(void) argc;
	memset(&s, 0, sizeof(s));
	s.db = sqlite3_context_db_handle(ctx);
	s.table = (const char *) sqlite3_value_text(argv[0]);
	if (s.table == NULL || policy == NULL)
	{
		sqlite3_result_error(ctx, "antidote_sweep: table and policy must not be NULL", -1);
		return;
	}
	if ((ast = ad_policy_parse(policy, strlen(policy), &p, &pos)) != AD_OK)
	{
		char		item[AD_POLICY_EXCERPT];

		ad_policy_excerpt(policy, strlen(policy), pos, item);
		msg = sqlite3_mprintf("antidote_sweep: argument 2: invalid policy at \"%s\": %s", item, ad_strerror(ast));
		goto done;
	}
	if (p.max_near_duplicates < 0 && p.max_sources < 0)
	{
		msg = sqlite3_mprintf("antidote_sweep: argument 2: the policy has neither max_near_duplicates nor max_sources");
		goto done;
	}
	/* The sweep judges floods only. */
	p.require_verified = 0;
	p.has_max_suspicion = 0;
	ad_policy_format(&p, canon, sizeof(canon));
	if ((msg = sweep_config(&s)) != NULL)
		goto done;
	if (p.max_sources >= 0 && s.source_col == NULL)
	{
		msg = sqlite3_mprintf("antidote_sweep: argument 2: max_sources needs a source column, and the guard of table \"%s\" has none", s.table);
		goto done;
	}
	if (sqlite3_exec(s.db, "SAVEPOINT antidote_sweep", NULL, NULL, NULL) != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_sweep: %s", sqlite3_errmsg(s.db));
		goto done;
	}
	saved = 1;
	if ((ast = ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT, &c)) != AD_OK)
	{
		msg = sqlite3_mprintf("antidote_sweep: %s", ad_strerror(ast));
		goto done;
	}
	if (s.source_col)
		sql = sqlite3_mprintf("SELECT t.rowid, t.\"%w\", t.\"%w\", t.\"%w\" FROM \"%w\" t",
							  s.key_col ? s.key_col : "rowid", s.content_col, s.source_col, s.table);
	else
		sql = sqlite3_mprintf("SELECT t.rowid, t.\"%w\", t.\"%w\", NULL FROM \"%w\" t",
							  s.key_col ? s.key_col : "rowid", s.content_col, s.table);
	if (s.key_col == NULL && sql != NULL)
	{
		/* rowid, not a column named "rowid" */
		sqlite3_free(sql);
		sql = s.source_col ?
			sqlite3_mprintf("SELECT t.rowid, t.rowid, t.\"%w\", t.\"%w\" FROM \"%w\" t", s.content_col, s.source_col, s.table) :
			sqlite3_mprintf("SELECT t.rowid, t.rowid, t.\"%w\", NULL FROM \"%w\" t", s.content_col, s.table);
	}
	msg = sql ? sweep_feed(&s, c, sql, 0) : sqlite3_mprintf("antidote_sweep: out of memory");
	sqlite3_free(sql);
	if (msg != NULL)
		goto done;
	/* The table's rows already in quarantine are part of the evidence. */
	sql = sqlite3_mprintf("SELECT NULL, 'q' || q.id, json_extract(q.row_data, '$.' || json_quote(%Q)), "
						  "json_extract(q.row_data, '$.' || json_quote(%Q)) FROM antidote_quarantine q "
						  "WHERE q.table_name = ?1", s.content_col, s.source_col ? s.source_col : "");
	msg = sql ? sweep_feed(&s, c, sql, 1) : sqlite3_mprintf("antidote_sweep: out of memory");
	sqlite3_free(sql);
	sql = NULL;
	if (msg != NULL)
		goto done;
	if ((ast = ad_cluster_run(c, NULL, NULL)) != AD_OK)
	{
		msg = sqlite3_mprintf("antidote_sweep: clustering: %s", ad_strerror(ast));
		goto done;
	}
	if ((ast = ad_sweep_select(c, p.max_near_duplicates, p.max_sources, s.n, &m, &nres)) != AD_OK)
	{
		msg = sqlite3_mprintf("antidote_sweep: clustering: %s", ad_strerror(ast));
		goto done;
	}

	rowjson = sweep_row_json(&s);
	sql = rowjson ? sqlite3_mprintf("INSERT INTO antidote_quarantine (table_name, row_data, reasons, policy, verdict) "
									"SELECT ?1, %s, ?2, ?3, ?4 FROM \"%w\" t WHERE t.rowid = ?5", rowjson, s.table) : NULL;
	if (sql == NULL || sqlite3_prepare_v2(s.db, sql, -1, &ins, NULL) != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_sweep: %s", sql ? sqlite3_errmsg(s.db) : "out of memory");
		goto done;
	}
	sqlite3_free(sql);
	sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE rowid = ?1", s.table);
	if (sql == NULL || sqlite3_prepare_v2(s.db, sql, -1, &del, NULL) != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_sweep: %s", sql ? sqlite3_errmsg(s.db) : "out of memory");
		goto done;
	}
	for (i = 0; i < nres;)
	{
		size_t		j = i;

		while (j < nres && m[j].cluster == m[i].cluster)
			j++;
		msg = sweep_cluster(&s, &p, canon, m, i, j, ins, del, &moved);
		if (msg != NULL)
			goto done;
		i = j;
	}
done:
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	if (saved)
		sqlite3_exec(s.db, msg ? "ROLLBACK TO antidote_sweep; RELEASE antidote_sweep" : "RELEASE antidote_sweep",
					 NULL, NULL, NULL);
	if (msg != NULL)
		sqlite3_result_error(ctx, msg, -1);
	else
		sqlite3_result_int64(ctx, moved);
	sqlite3_free(msg);
	sqlite3_free(sql);
	sqlite3_free(rowjson);
	ad_free(m);
	ad_cluster_free(c);
	sweep_free(&s);
}

static const ad_sqlite_fn sweep_fns[] = {
	{"antidote_guard_judge", 8, AD_SQLITE_PURE, judge_fn},
	{"antidote_verdict_reasons", 1, AD_SQLITE_PURE, verdict_reasons_fn},
	{"antidote_sweep", 2, AD_SQLITE_DIRECT, sweep_fn},
};

int
ad_sqlite_register_sweep(sqlite3 *db)
{
	return ad_sqlite_register(db, sweep_fns, sizeof(sweep_fns) / sizeof(sweep_fns[0]));
}
