/*
 * SQLite binding: guard triggers and the quarantine table.
 *
 * antidote_guard(table, content_col, provenance_col, policy) writes BEFORE
 * INSERT and BEFORE UPDATE triggers whose bodies call the extension's own SQL
 * functions for the facts the policy needs, and antidote_guard_verdict() to
 * judge them.  A rejected row either aborts the statement with the reasons or
 * is written to antidote_quarantine and skipped with RAISE(IGNORE).
 */
#include <stdio.h>
#include <string.h>

#include "antidote_sqlite.h"

/* Near-duplicate thresholds of the SQLite guard: the PostgreSQL settings' defaults. */
#define AD_GUARD_SSDEEP_THRESHOLD 60
#define AD_GUARD_MINHASH_THRESHOLD 0.5
#define AD_STR_(x) #x
#define AD_STR(x) AD_STR_(x)

static const char *const quarantine_ddl =
"CREATE TABLE IF NOT EXISTS antidote_quarantine ("
" id INTEGER PRIMARY KEY,"
" table_name TEXT NOT NULL,"
" row_data TEXT NOT NULL,"
" reasons TEXT NOT NULL,"
" policy TEXT NOT NULL,"
" quarantined_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))";

/* Parse a policy, reporting errors as "fn: policy: ... at "..."". */
static int
policy_or_error(sqlite3_context *ctx, const char *fn, const char *s, ad_policy *p)
{
	size_t		pos = 0,
				len = strlen(s);
	ad_status	st = ad_policy_parse(s, len, p, &pos);
	char		item[AD_POLICY_EXCERPT];
	char	   *msg;

	if (st == AD_OK)
		return 1;
	ad_policy_excerpt(s, len, pos, item);
	msg = sqlite3_mprintf("%s: invalid policy at \"%s\": %s", fn, item, ad_strerror(st));
	sqlite3_result_error(ctx, msg ? msg : fn, -1);
	sqlite3_free(msg);
	return 0;
}

/*
 * antidote_guard_verdict(policy, suspicion, provenance, near_duplicates):
 * NULL when the row passes, else a JSON array of reasons.  NULL facts count
 * as "not computed".
 */
static void
verdict_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	ad_policy  *p = sqlite3_get_auxdata(ctx, 0);
	ad_guard_facts facts = {-1, NULL, -1};
	ad_guard_verdict v;
	sqlite3_str *out;
	int			i;

	(void) argc;
	if (p == NULL)
	{
		const unsigned char *s = sqlite3_value_text(argv[0]);

		p = sqlite3_malloc(sizeof(*p));
		if (p == NULL)
		{
			sqlite3_result_error_nomem(ctx);
			return;
		}
		if (!policy_or_error(ctx, "antidote_guard_verdict", s ? (const char *) s : "", p))
		{
			sqlite3_free(p);
			return;
		}
		sqlite3_set_auxdata(ctx, 0, p, sqlite3_free);
		if ((p = sqlite3_get_auxdata(ctx, 0)) == NULL)
			return;				/* set_auxdata failed and reported it */
	}
	for (i = 1; i <= 3; i += 2)
	{
		int			t = sqlite3_value_type(argv[i]);

		if (t != SQLITE_NULL && t != SQLITE_INTEGER && t != SQLITE_FLOAT)
		{
			sqlite3_result_error(ctx, i == 1 ?
								 "antidote_guard_verdict: argument 2 (suspicion) must be a number or NULL" :
								 "antidote_guard_verdict: argument 4 (near_duplicates) must be an integer or NULL", -1);
			return;
		}
	}
	if (sqlite3_value_type(argv[1]) != SQLITE_NULL)
		facts.suspicion = sqlite3_value_double(argv[1]);
	if (sqlite3_value_type(argv[2]) != SQLITE_NULL)
		facts.provenance = (const char *) sqlite3_value_text(argv[2]);
	else if (p->require_verified)
		facts.provenance = "unsigned";
	if (sqlite3_value_type(argv[3]) != SQLITE_NULL)
		facts.near_duplicates = (long) sqlite3_value_int64(argv[3]);
	ad_policy_check(p, &facts, &v);
	if (v.nreasons == 0)
	{
		sqlite3_result_null(ctx);
		return;
	}
	out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	sqlite3_str_appendchar(out, 1, '[');
	for (i = 0; i < v.nreasons; i++)
	{
		const char *r;

		sqlite3_str_appendall(out, i ? ",\"" : "\"");
		/* JSON string escaping: reasons can quote a provenance status. */
		for (r = v.reasons[i]; *r; r++)
		{
			if (*r == '"' || *r == '\\')
				sqlite3_str_appendf(out, "\\%c", *r);
			else if ((unsigned char) *r < 0x20)
				sqlite3_str_appendf(out, "\\u%04x", (unsigned char) *r);
			else
				sqlite3_str_appendchar(out, 1, *r);
		}
		sqlite3_str_appendchar(out, 1, '"');
	}
	sqlite3_str_appendchar(out, 1, ']');
	if (sqlite3_str_errcode(out) != SQLITE_OK)
	{
		sqlite3_free(sqlite3_str_finish(out));
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
}

/* antidote_guard_reject(table, reasons): raises the guard's error when reasons is not NULL. */
static void
reject_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	   *msg;

	(void) argc;
	if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return;
	}
	msg = sqlite3_mprintf("antidote guard rejected a row of table \"%s\": %s",
						  sqlite3_value_text(argv[0]), sqlite3_value_text(argv[1]));
	sqlite3_result_error(ctx, msg ? msg : "antidote guard rejected a row", -1);
	sqlite3_result_error_code(ctx, SQLITE_CONSTRAINT);
	sqlite3_free(msg);
}

/* The table's columns as json_object('a', NEW."a", ...), or NULL on error. */
static char *
row_json(sqlite3 *db, const char *table, int *ncols_out, int *found_content,
		 const char *content, int *found_prov, const char *prov)
{
	sqlite3_stmt *st;
	sqlite3_str *s = sqlite3_str_new(db);
	int			n = 0;

	/* The rowid alias reads -1 in a BEFORE INSERT trigger when SQLite will assign it. */
	if (sqlite3_prepare_v2(db, "SELECT name, pk = 1 AND upper(type) = 'INTEGER' AND "
						   "(SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0) = 1 "
						   "FROM pragma_table_info(?1)", -1, &st, NULL) != SQLITE_OK)
	{
		sqlite3_free(sqlite3_str_finish(s));
		return NULL;
	}
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_str_appendall(s, "json_object(");
	while (sqlite3_step(st) == SQLITE_ROW)
	{
		const char *col = (const char *) sqlite3_column_text(st, 0);

		if (sqlite3_column_int(st, 1))
			sqlite3_str_appendf(s, "%s%Q, NULLIF(NEW.\"%w\", -1)", n++ ? ", " : "", col, col);
		else
			sqlite3_str_appendf(s, "%s%Q, NEW.\"%w\"", n++ ? ", " : "", col, col);
		*found_content |= (strcmp(col, content) == 0);
		*found_prov |= (prov[0] != '\0' && strcmp(col, prov) == 0);
	}
	sqlite3_finalize(st);
	sqlite3_str_appendchar(s, 1, ')');
	*ncols_out = n;
	return sqlite3_str_finish(s);
}

/* Append tmpl with $T and $C replaced by the table and column names, escaped for "..." */
static void
append_template(sqlite3_str *s, const char *tmpl, const char *t, const char *c)
{
	for (; *tmpl; tmpl++)
	{
		if (tmpl[0] == '$' && (tmpl[1] == 'T' || tmpl[1] == 'C'))
		{
			sqlite3_str_appendf(s, "%w", tmpl[1] == 'T' ? t : c);
			tmpl++;
		}
		else
			sqlite3_str_appendchar(s, 1, *tmpl);
	}
}

/*
 * The guarded table's near-duplicate index: signatures and keys of every
 * stored row in side tables, kept by AFTER triggers (see the README's SQLite
 * index recipe), filled from the rows already there.
 */
static const char *const neardup_index_sql =
"CREATE TABLE IF NOT EXISTS \"antidote_guard_$T_sigs\" (rid INTEGER PRIMARY KEY, h TEXT, m BLOB);"
"CREATE TABLE IF NOT EXISTS \"antidote_guard_$T_keys\" (key INTEGER NOT NULL, rid INTEGER NOT NULL);"
"CREATE INDEX IF NOT EXISTS \"antidote_guard_$T_keys_key\" ON \"antidote_guard_$T_keys\" (key);"
"DELETE FROM \"antidote_guard_$T_sigs\"; DELETE FROM \"antidote_guard_$T_keys\";"
"INSERT INTO \"antidote_guard_$T_sigs\" SELECT rowid, fuzzy_hash(\"$C\"), minhash(\"$C\") FROM \"$T\" WHERE \"$C\" IS NOT NULL;"
"INSERT INTO \"antidote_guard_$T_keys\" SELECT q.key, s.rid FROM \"antidote_guard_$T_sigs\" s, ssdeep_keys(s.h) q;"
"INSERT INTO \"antidote_guard_$T_keys\" SELECT q.key, s.rid FROM \"antidote_guard_$T_sigs\" s, minhash_keys(s.m) q;"
"DROP TRIGGER IF EXISTS \"antidote_guard_$T_index_ins\";"
"DROP TRIGGER IF EXISTS \"antidote_guard_$T_index_del\";"
"DROP TRIGGER IF EXISTS \"antidote_guard_$T_index_upd\";"
"CREATE TRIGGER \"antidote_guard_$T_index_ins\" AFTER INSERT ON \"$T\" WHEN NEW.\"$C\" IS NOT NULL BEGIN "
" INSERT INTO \"antidote_guard_$T_sigs\" VALUES (NEW.rowid, fuzzy_hash(NEW.\"$C\"), minhash(NEW.\"$C\"));"
" INSERT INTO \"antidote_guard_$T_keys\" SELECT key, NEW.rowid FROM ssdeep_keys(fuzzy_hash(NEW.\"$C\"));"
" INSERT INTO \"antidote_guard_$T_keys\" SELECT key, NEW.rowid FROM minhash_keys(minhash(NEW.\"$C\")); END;"
"CREATE TRIGGER \"antidote_guard_$T_index_del\" AFTER DELETE ON \"$T\" BEGIN "
" DELETE FROM \"antidote_guard_$T_sigs\" WHERE rid = OLD.rowid;"
" DELETE FROM \"antidote_guard_$T_keys\" WHERE rid = OLD.rowid; END;"
"CREATE TRIGGER \"antidote_guard_$T_index_upd\" AFTER UPDATE OF \"$C\" ON \"$T\" BEGIN "
" DELETE FROM \"antidote_guard_$T_sigs\" WHERE rid = OLD.rowid;"
" DELETE FROM \"antidote_guard_$T_keys\" WHERE rid = OLD.rowid;"
" INSERT INTO \"antidote_guard_$T_sigs\" SELECT NEW.rowid, fuzzy_hash(NEW.\"$C\"), minhash(NEW.\"$C\") WHERE NEW.\"$C\" IS NOT NULL;"
" INSERT INTO \"antidote_guard_$T_keys\" SELECT q.key, s.rid FROM \"antidote_guard_$T_sigs\" s, ssdeep_keys(s.h) q WHERE s.rid = NEW.rowid;"
" INSERT INTO \"antidote_guard_$T_keys\" SELECT q.key, s.rid FROM \"antidote_guard_$T_sigs\" s, minhash_keys(s.m) q WHERE s.rid = NEW.rowid; END;";

/* Stored rows near the new one (ssdeep or MinHash), counted up to the policy's limit + 1. */
static const char *const neardup_count_sql =
"(SELECT count(*) FROM ("
"SELECT s.rid FROM \"antidote_guard_$T_sigs\" s WHERE s.rid IN ("
"SELECT k.rid FROM ssdeep_keys(fuzzy_hash(NEW.\"$C\"), " AD_STR(AD_GUARD_SSDEEP_THRESHOLD) ") q "
"JOIN \"antidote_guard_$T_keys\" k ON k.key = q.key) "
"AND s.rid IS NOT NEW.rowid AND fuzzy_compare(s.h, fuzzy_hash(NEW.\"$C\")) >= " AD_STR(AD_GUARD_SSDEEP_THRESHOLD) " "
"UNION SELECT s.rid FROM \"antidote_guard_$T_sigs\" s WHERE s.rid IN ("
"SELECT k.rid FROM minhash_keys(minhash(NEW.\"$C\")) q "
"JOIN \"antidote_guard_$T_keys\" k ON k.key = q.key) "
"AND s.rid IS NOT NEW.rowid AND minhash_similarity(s.m, minhash(NEW.\"$C\")) >= " AD_STR(AD_GUARD_MINHASH_THRESHOLD) " ";

/* This connection's suspicion settings as JSON text (sqlite3_malloc'd), or NULL and *err. */
static char *
current_settings(sqlite3 *db, char **err)
{
	sqlite3_stmt *st = NULL;
	char	   *out = NULL;

	*err = NULL;
	if (sqlite3_prepare_v2(db, "SELECT suspicion_settings()", -1, &st, NULL) == SQLITE_OK &&
		sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		out = sqlite3_mprintf("%s", (const char *) sqlite3_column_text(st, 0));
	if (out == NULL)
		*err = sqlite3_mprintf("suspicion_settings: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return out;
}

/* antidote_guard(table, content_col, provenance_col, policy): install the guard triggers. */
static void
guard_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	const char *table = (const char *) sqlite3_value_text(argv[0]);
	const char *content = (const char *) sqlite3_value_text(argv[1]);
	const char *prov = (const char *) sqlite3_value_text(argv[2]);
	const char *policy_s = (const char *) sqlite3_value_text(argv[3]);
	ad_policy	p;
	char		canon[256];
	char	   *json = NULL,
			   *settings = NULL,
			   *facts = NULL,
			   *sql = NULL,
			   *err = NULL;
	int			ncols = 0,
				has_content = 0,
				has_prov = 0,
				rc;

	(void) argc;
	if (table == NULL || content == NULL)
	{
		sqlite3_result_error(ctx, "antidote_guard: table and content_col must not be NULL", -1);
		return;
	}
	if (prov == NULL)
		prov = "";
	if (!policy_or_error(ctx, "antidote_guard", policy_s ? policy_s : "", &p))
		return;
	ad_policy_format(&p, canon, sizeof(canon));
	json = row_json(db, table, &ncols, &has_content, content, &has_prov, prov);
	if (json == NULL || ncols == 0 || !has_content || (prov[0] && !has_prov) ||
		(p.require_verified && !prov[0]))
	{
		char	   *msg = json == NULL ? NULL :
			ncols == 0 ? sqlite3_mprintf("antidote_guard: no table \"%s\"", table) :
			!has_content ? sqlite3_mprintf("antidote_guard: column \"%s\" does not exist in table \"%s\"", content, table) :
			(prov[0] && !has_prov) ? sqlite3_mprintf("antidote_guard: column \"%s\" does not exist in table \"%s\"", prov, table) :
			sqlite3_mprintf("antidote_guard: policy requires verified provenance but no provenance column is given");

		sqlite3_free(json);
		if (msg == NULL)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_error(ctx, msg, -1);
		sqlite3_free(msg);
		return;
	}

	if (p.has_max_suspicion && (settings = current_settings(db, &err)) == NULL)
	{
		char	   *msg = sqlite3_mprintf("antidote_guard: %s", err ? err : "out of memory");

		sqlite3_result_error(ctx, msg ? msg : "antidote_guard: failed", -1);
		sqlite3_free(msg);
		sqlite3_free(err);
		sqlite3_free(json);
		return;
	}

	/* The facts the policy needs, as SQL over the new row. */
	{
		sqlite3_str *f = sqlite3_str_new(db);

		sqlite3_str_appendf(f, "antidote_guard_verdict(%Q, ", canon);
		/*
		 * The settings are read now, on the connection that creates the guard,
		 * and written into the trigger: a writer's antidote_config() does not
		 * change how its rows are judged.
		 */
		if (p.has_max_suspicion)
			sqlite3_str_appendf(f, "suspicion_score(NEW.\"%w\", %Q), ", content, settings);
		else
			sqlite3_str_appendall(f, "NULL, ");
		if (p.require_verified)
			sqlite3_str_appendf(f, "provenance_verify(NEW.\"%w\", NEW.\"%w\"), ", content, prov);
		else
			sqlite3_str_appendall(f, "NULL, ");
		if (p.max_near_duplicates >= 0)
		{
			append_template(f, neardup_count_sql, table, content);
			sqlite3_str_appendf(f, "LIMIT %ld)))", p.max_near_duplicates + 1);
		}
		else
			sqlite3_str_appendall(f, "NULL)");
		facts = sqlite3_str_finish(f);
	}
	{
		const char *events[2] = {"INSERT", "UPDATE"};
		sqlite3_str *s = sqlite3_str_new(db);
		int			i;

		sqlite3_str_appendf(s, "SAVEPOINT antidote_guard; %s;", quarantine_ddl);
		if (p.max_near_duplicates >= 0)
			append_template(s, neardup_index_sql, table, content);
		for (i = 0; i < 2; i++)
		{
			sqlite3_str_appendf(s, "DROP TRIGGER IF EXISTS \"antidote_guard_%w_%s\";", table, events[i]);
			if (p.on_reject == AD_REJECT_QUARANTINE)
				sqlite3_str_appendf(s,
									"CREATE TRIGGER \"antidote_guard_%w_%s\" BEFORE %s ON \"%w\" "
									"WHEN NOT antidote_guard_bypass() BEGIN "
									"INSERT INTO antidote_quarantine (table_name, row_data, reasons, policy) "
									"SELECT %Q, %s, r, %Q FROM (SELECT %s AS r) WHERE r IS NOT NULL; "
									"SELECT RAISE(IGNORE) WHERE changes() > 0; END;",
									table, events[i], events[i], table, table, json, canon, facts);
			else
				sqlite3_str_appendf(s,
									"CREATE TRIGGER \"antidote_guard_%w_%s\" BEFORE %s ON \"%w\" "
									"WHEN NOT antidote_guard_bypass() BEGIN "
									"SELECT antidote_guard_reject(%Q, %s); END;",
									table, events[i], events[i], table, table, facts);
		}
		sqlite3_str_appendall(s, "RELEASE antidote_guard;");
		sql = sqlite3_str_finish(s);
	}
	rc = sql ? sqlite3_exec(db, sql, NULL, NULL, &err) : SQLITE_NOMEM;
	if (rc != SQLITE_OK)
	{
		char	   *msg = sqlite3_mprintf("antidote_guard: %s", err ? err : sqlite3_errstr(rc));

		sqlite3_exec(db, "ROLLBACK TO antidote_guard; RELEASE antidote_guard;", NULL, NULL, NULL);
		sqlite3_result_error(ctx, msg ? msg : "antidote_guard: failed", -1);
		sqlite3_free(msg);
	}
	else
		sqlite3_result_text(ctx, canon, -1, SQLITE_TRANSIENT);
	sqlite3_free(err);
	sqlite3_free(sql);
	sqlite3_free(facts);
	sqlite3_free(settings);
	sqlite3_free(json);
}

/* antidote_guard_check(policy): the canonical form, or an error naming the problem. */
static void
guard_check_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s;
	size_t		len;
	ad_policy	p;
	char		canon[256];

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "antidote_guard_check", &s, &len))
		return;
	if (!policy_or_error(ctx, "antidote_guard_check", (const char *) s, &p))
		return;
	ad_policy_format(&p, canon, sizeof(canon));
	sqlite3_result_text(ctx, canon, -1, SQLITE_TRANSIENT);
}

/*
 * Per-connection guard state: bypass is set while antidote_release() re-inserts
 * a row.  antidote_release and antidote_guard_bypass each hold a reference: the
 * host may replace or delete either function, and the other keeps the state.
 */
typedef struct guard_conn
{
	int			bypass;
	int			refs;
} guard_conn;

static void
guard_conn_unref(void *p)
{
	guard_conn *g = p;

	if (--g->refs == 0)
		sqlite3_free(g);
}

static void
bypass_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	guard_conn *g = sqlite3_user_data(ctx);

	(void) argc;
	(void) argv;
	sqlite3_result_int(ctx, g->bypass > 0);
}

/* Build INSERT INTO t (cols) SELECT json_extract(?1, '$."col"'), ... for table t. */
static char *
release_insert_sql(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st;
	sqlite3_str *cols = sqlite3_str_new(db),
			   *vals = sqlite3_str_new(db);
	char	   *c,
			   *v,
			   *sql = NULL;
	int			n = 0;

	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0", -1, &st, NULL) == SQLITE_OK)
	{
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
		{
			const char *col = (const char *) sqlite3_column_text(st, 0);

			sqlite3_str_appendf(cols, "%s\"%w\"", n ? ", " : "", col);
			sqlite3_str_appendf(vals, "%sjson_extract(?1, '$.' || json_quote(%Q))", n ? ", " : "", col);
			n++;
		}
		sqlite3_finalize(st);
	}
	c = sqlite3_str_finish(cols);
	v = sqlite3_str_finish(vals);
	if (n > 0 && c && v)
		sql = sqlite3_mprintf("INSERT INTO \"%w\" (%s) SELECT %s", table, c, v);
	sqlite3_free(c);
	sqlite3_free(v);
	return sql;
}

/* antidote_release(id): put a reviewed row back into its table, past the guard. */
static void
release_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	guard_conn *g = sqlite3_user_data(ctx);
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	sqlite3_stmt *st = NULL,
			   *ins = NULL;
	char	   *sql = NULL;
	int			rc,
				done = 0;

	(void) argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER)
	{
		sqlite3_result_error(ctx, "antidote_release: argument 1 must be a quarantine id (integer)", -1);
		return;
	}
	rc = sqlite3_exec(db, "SAVEPOINT antidote_release", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT table_name, row_data FROM antidote_quarantine WHERE id = ?1",
								-1, &st, NULL);
	if (rc == SQLITE_OK)
	{
		sqlite3_bind_value(st, 1, argv[0]);
		if (sqlite3_step(st) == SQLITE_ROW)
		{
			sql = release_insert_sql(db, (const char *) sqlite3_column_text(st, 0));
			rc = sql ? sqlite3_prepare_v2(db, sql, -1, &ins, NULL) : SQLITE_ERROR;
			if (rc == SQLITE_OK)
			{
				sqlite3_bind_value(ins, 1, sqlite3_column_value(st, 1));
				g->bypass++;
				rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
				g->bypass--;
			}
			done = 1;
		}
	}
	if (rc == SQLITE_OK && done)
	{
		sqlite3_finalize(ins);
		ins = NULL;
		if (sqlite3_prepare_v2(db, "DELETE FROM antidote_quarantine WHERE id = ?1", -1, &ins, NULL) == SQLITE_OK)
		{
			sqlite3_bind_value(ins, 1, argv[0]);
			rc = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		}
	}
	if (rc != SQLITE_OK)
	{
		char	   *msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));

		sqlite3_finalize(st);
		sqlite3_finalize(ins);
		st = ins = NULL;
		sqlite3_exec(db, "ROLLBACK TO antidote_release", NULL, NULL, NULL);
		sqlite3_result_error(ctx, msg ? msg : "antidote_release: failed", -1);
		sqlite3_free(msg);
	}
	else
		sqlite3_result_int(ctx, done);
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_free(sql);
	sqlite3_exec(db, "RELEASE antidote_release", NULL, NULL, NULL);
}

static const ad_sqlite_fn guard_fns[] = {
	{"antidote_guard", 4, AD_SQLITE_DIRECT, guard_fn},
	{"antidote_guard_check", 1, AD_SQLITE_PURE, guard_check_fn},
	{"antidote_guard_verdict", 4, AD_SQLITE_PURE, verdict_fn},
	{"antidote_guard_reject", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, reject_fn},
};

int
ad_sqlite_register_guard(sqlite3 *db)
{
	guard_conn *g = sqlite3_malloc(sizeof(*g));
	int			rc;

	if (g == NULL)
		return SQLITE_NOMEM;
	g->bypass = 0;

	/*
	 * The connection owns g: freed with the last of the two functions that
	 * refer to it (sqlite3_create_function_v2 calls the destructor on failure
	 * too, so each call takes its reference first).
	 */
	g->refs = 1;
	rc = sqlite3_create_function_v2(db, "antidote_release", 1, AD_SQLITE_DIRECT, g,
									release_fn, NULL, NULL, guard_conn_unref);
	if (rc == SQLITE_OK)
	{
		g->refs++;
		rc = sqlite3_create_function_v2(db, "antidote_guard_bypass", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
										g, bypass_fn, NULL, NULL, guard_conn_unref);
	}
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register(db, guard_fns, sizeof(guard_fns) / sizeof(guard_fns[0]));
	return rc;
}
