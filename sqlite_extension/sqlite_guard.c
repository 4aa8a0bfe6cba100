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
#include <stdlib.h>
#include <string.h>

#include "antidote_sqlite.h"

static const char *const quarantine_ddl =
"CREATE TABLE IF NOT EXISTS antidote_quarantine ("
" id INTEGER PRIMARY KEY,"
" table_name TEXT NOT NULL,"
" row_data TEXT NOT NULL,"
" reasons TEXT NOT NULL,"
" policy TEXT NOT NULL,"
" quarantined_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
" verdict TEXT,"
" old_rowid INTEGER)";

/* Each guarded table's columns and policy, for antidote_sweep. */
static const char *const guards_ddl =
"CREATE TABLE IF NOT EXISTS antidote_guards ("
" table_name TEXT PRIMARY KEY,"
" content_col TEXT NOT NULL,"
" provenance_col TEXT NOT NULL,"
" source_col TEXT,"
" policy TEXT NOT NULL)";

/* Add column def (named name) to an older quarantine table that lacks it. */
static int
quarantine_add_column(sqlite3 *db, const char *name, const char *def)
{
	sqlite3_stmt *st;
	int			has = 0,
				rc;
	char	   *sql;

	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('antidote_quarantine') "
							"WHERE name = ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (has)
		return SQLITE_OK;
	sql = sqlite3_mprintf("ALTER TABLE antidote_quarantine ADD COLUMN %s", def);
	rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	return rc;
}

/*
 * A quarantine table made by an older release gets the columns added since:
 * the verdict, and the rowid an UPDATE was turned away from (NULL for inserts).
 */
static int
quarantine_migrate(sqlite3 *db)
{
	int			rc = quarantine_add_column(db, "verdict", "verdict TEXT");

	return rc == SQLITE_OK ? quarantine_add_column(db, "old_rowid", "old_rowid INTEGER") : rc;
}

/* The single-column primary key of a table, or NULL (rows are then named by rowid). */
static char *
table_key(sqlite3 *db, const char *table)
{
	sqlite3_stmt *st;
	char	   *key = NULL;

	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 "
						   "AND (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0) = 1",
						   -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		key = sqlite3_mprintf("%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return key;
}

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

/* Return the built string, or out of memory. */
static void
result_str(sqlite3_context *ctx, sqlite3_str *out)
{
	if (sqlite3_str_errcode(out) != SQLITE_OK)
	{
		sqlite3_free(sqlite3_str_finish(out));
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
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
	ad_guard_facts facts = AD_GUARD_FACTS_INIT;
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
	result_str(ctx, out);
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

/*
 * antidote_row_json(name, value, ...): a JSON object of the pairs, as
 * json_object() writes it.  The quarantine triggers use it instead of
 * json_object(), which SQLite does not mark innocuous: under PRAGMA
 * trusted_schema=OFF a trigger may call innocuous functions only.
 */
static void
row_json_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3_str *out;
	int			i;

	if (argc % 2 != 0)
	{
		sqlite3_result_error(ctx, "antidote_row_json: expected name/value pairs", -1);
		return;
	}
	out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
	sqlite3_str_appendchar(out, 1, '{');
	for (i = 0; i < argc; i++)
	{
		int			t = sqlite3_value_type(argv[i]);

		if (i % 2 == 0 && t != SQLITE_TEXT)
		{
			sqlite3_free(sqlite3_str_finish(out));
			sqlite3_result_error(ctx, "antidote_row_json: names must be text", -1);
			return;
		}
		if (i > 0)
			sqlite3_str_appendchar(out, 1, i % 2 ? ':' : ',');
		switch (t)
		{
			case SQLITE_NULL:
				sqlite3_str_appendall(out, "null");
				break;
			case SQLITE_INTEGER:
				sqlite3_str_appendf(out, "%lld", sqlite3_value_int64(argv[i]));
				break;
			case SQLITE_FLOAT:
				sqlite3_str_appendf(out, "%!0.15g", sqlite3_value_double(argv[i]));
				break;
			case SQLITE_TEXT:
				{
					const unsigned char *c = sqlite3_value_text(argv[i]);
					int			n = sqlite3_value_bytes(argv[i]),
								k;

					sqlite3_str_appendchar(out, 1, '"');
					for (k = 0; k < n; k++)
					{
						if (c[k] == '"' || c[k] == '\\')
							sqlite3_str_appendf(out, "\\%c", c[k]);
						else if (c[k] != 0 && c[k] < 0x20 && strchr("\b\f\n\r\t", c[k]) != NULL)
							sqlite3_str_appendf(out, "\\%c", "bfnrt"[strchr("\b\f\n\r\t", c[k]) - "\b\f\n\r\t"]);
						else if (c[k] < 0x20)
							sqlite3_str_appendf(out, "\\u%04x", c[k]);
						else
							sqlite3_str_appendchar(out, 1, (char) c[k]);
					}
					sqlite3_str_appendchar(out, 1, '"');
				}
				break;
			default:
				{
					char	   *msg = sqlite3_mprintf("antidote_row_json: argument %d is a BLOB, which JSON cannot hold", i + 1);

					sqlite3_free(sqlite3_str_finish(out));
					if (msg == NULL)
						sqlite3_result_error_nomem(ctx);
					else
						sqlite3_result_error(ctx, msg, -1);
					sqlite3_free(msg);
				}
				return;
		}
	}
	sqlite3_str_appendchar(out, 1, '}');
	result_str(ctx, out);
}

/* The table's columns as antidote_row_json('a', NEW."a", ...), or NULL on error. */
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
	sqlite3_str_appendall(s, "antidote_row_json(");
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

/*
 * Append v as an SQL literal that reads back as v, in the fewest of 15..17
 * significant digits (SQLite's printf ignores the locale; a locale whose
 * strtod wants a decimal comma only costs digits).
 */
static void
append_real(sqlite3_str *s, double v)
{
	int			digits;

	for (digits = 15; digits < 17; digits++)
	{
		char	   *lit = sqlite3_mprintf("%!.*g", digits, v);
		int			same = lit != NULL && strtod(lit, NULL) == v;

		sqlite3_free(lit);
		if (same)
			break;
	}
	sqlite3_str_appendf(s, "%!.*g", digits, v);
}

/*
 * Append the rowids of stored rows near NEW (ssdeep or MinHash), to be closed
 * with LIMIT.  The thresholds th are those of the connection that creates the
 * guard, written into the trigger as literals, so a writer's antidote_config()
 * cannot loosen it.  A threshold of 0 makes every stored row near, as
 * PostgreSQL's % does (the key lookup would miss rows that share no key).
 */
static void
append_neardup_rids(sqlite3_str *s, const char *t, const char *c, const ad_neardup_params *th)
{
	if (th->ssdeep_threshold <= 0 || th->minhash_threshold <= 0)
	{
		append_template(s, "SELECT s.rid FROM \"antidote_guard_$T_sigs\" s WHERE s.rid IS NOT NEW.rowid ", t, c);
		return;
	}
	append_template(s, "SELECT s.rid FROM \"antidote_guard_$T_sigs\" s WHERE s.rid IN ("
					"SELECT k.rid FROM ssdeep_keys(fuzzy_hash(NEW.\"$C\"), ", t, c);
	sqlite3_str_appendf(s, "%d", th->ssdeep_threshold);
	append_template(s, ") q JOIN \"antidote_guard_$T_keys\" k ON k.key = q.key) "
					"AND s.rid IS NOT NEW.rowid AND fuzzy_compare(s.h, fuzzy_hash(NEW.\"$C\")) >= ", t, c);
	sqlite3_str_appendf(s, "%d", th->ssdeep_threshold);
	append_template(s, " UNION SELECT s.rid FROM \"antidote_guard_$T_sigs\" s WHERE s.rid IN ("
					"SELECT k.rid FROM minhash_keys(minhash(NEW.\"$C\")) q "
					"JOIN \"antidote_guard_$T_keys\" k ON k.key = q.key) "
					"AND s.rid IS NOT NEW.rowid AND minhash_similarity(s.m, minhash(NEW.\"$C\")) >= ", t, c);
	append_real(s, th->minhash_threshold);
	sqlite3_str_appendchar(s, 1, ' ');
}

/* The connection's suspicion settings as JSON text (sqlite3_malloc'd), or NULL and *err. */
static char *
current_settings(const ad_sqlite_settings *s, char **err)
{
	char	   *json,
			   *out = NULL;
	size_t		len;
	ad_status	st = ad_suspicion_settings_json(&s->suspicion, &json, &len);

	*err = NULL;
	if (st == AD_OK)
	{
		out = sqlite3_mprintf("%.*s", (int) len, json);
		ad_free(json);
	}
	if (out == NULL)
		*err = sqlite3_mprintf("suspicion_settings: %s", st == AD_OK ? "out of memory" : ad_strerror(st));
	return out;
}

/*
 * The stored near-duplicates of NEW as a JSON array of {"id", "source"} (up to
 * the verdict count limit + 1): ids are the single-column primary key, else
 * the rowid.
 */
static char *
neighbours_sql(sqlite3 *db, const char *table, const char *content, const char *source,
			   const ad_neardup_params *th)
{
	sqlite3_str *s = sqlite3_str_new(db);
	char	   *key = table_key(db, table);

	sqlite3_str_appendall(s, "(SELECT '[' || coalesce(group_concat(antidote_row_json('id', ");
	if (key)
		sqlite3_str_appendf(s, "t.\"%w\"", key);
	else
		sqlite3_str_appendall(s, "t.rowid");
	if (source && source[0])
		sqlite3_str_appendf(s, ", 'source', t.\"%w\"), ','), '') || ']' ", source);
	else
		sqlite3_str_appendall(s, ", 'source', NULL), ','), '') || ']' ");
	sqlite3_str_appendf(s, "FROM \"%w\" t WHERE t.rowid IN (", table);
	append_neardup_rids(s, table, content, th);
	sqlite3_str_appendf(s, "LIMIT %d))", AD_VERDICT_COUNT_LIMIT + 1);
	sqlite3_free(key);
	return sqlite3_str_finish(s);
}

/*
 * antidote_guard(table, content_col, provenance_col, policy [, source_col]):
 * install the guard triggers.
 */
static void
guard_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	const char *table = (const char *) sqlite3_value_text(argv[0]);
	const char *content = (const char *) sqlite3_value_text(argv[1]);
	const char *prov = (const char *) sqlite3_value_text(argv[2]);
	const char *policy_s = (const char *) sqlite3_value_text(argv[3]);
	const char *source = argc > 4 ? (const char *) sqlite3_value_text(argv[4]) : NULL;
	/* This connection's settings, copied into the triggers. */
	const ad_sqlite_settings *conf = sqlite3_user_data(ctx);
	const ad_neardup_params *th = &conf->neardup;
	ad_policy	p;
	char		canon[256];
	char	   *json = NULL,
			   *settings = NULL,
			   *facts = NULL,
			   *sql = NULL,
			   *err = NULL,
			   *judge = NULL;
	int			ncols = 0,
				has_content = 0,
				has_prov = 0,
				has_source = 0,
				rc;

	if (source != NULL && source[0] == '\0')
		source = NULL;
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
	if (source != NULL)
	{
		int			dummy = 0,
					n = 0;
		char	   *j = row_json(db, table, &n, &has_source, source, &dummy, "");

		sqlite3_free(j);
	}
	if (json == NULL || ncols == 0 || !has_content || (prov[0] && !has_prov) ||
		(p.require_verified && !prov[0]) || (source && !has_source) ||
		(p.max_sources >= 0 && source == NULL))
	{
		char	   *msg = json == NULL ? NULL :
			ncols == 0 ? sqlite3_mprintf("antidote_guard: no table \"%s\"", table) :
			!has_content ? sqlite3_mprintf("antidote_guard: column \"%s\" does not exist in table \"%s\"", content, table) :
			(prov[0] && !has_prov) ? sqlite3_mprintf("antidote_guard: column \"%s\" does not exist in table \"%s\"", prov, table) :
			(source && !has_source) ? sqlite3_mprintf("antidote_guard: argument 5: column \"%s\" does not exist in table \"%s\"", source, table) :
			(p.max_sources >= 0 && source == NULL) ?
			sqlite3_mprintf("antidote_guard: policy has max_sources but no source column is given (argument 5)") :
			sqlite3_mprintf("antidote_guard: policy requires verified provenance but no provenance column is given");

		sqlite3_free(json);
		if (msg == NULL)
			sqlite3_result_error_nomem(ctx);
		else
			sqlite3_result_error(ctx, msg, -1);
		sqlite3_free(msg);
		return;
	}

	if (p.has_max_suspicion && (settings = current_settings(conf, &err)) == NULL)
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
			sqlite3_str_appendall(f, "(SELECT count(*) FROM (");
			append_neardup_rids(f, table, content, th);
			sqlite3_str_appendf(f, "LIMIT %ld)))", p.max_near_duplicates + 1);
		}
		else
			sqlite3_str_appendall(f, "NULL)");
		facts = sqlite3_str_finish(f);
	}
	{
		/* The verdict: same facts, the stored near-duplicates listed, the signals named. */
		sqlite3_str *j = sqlite3_str_new(db);

		sqlite3_str_appendf(j, "antidote_guard_judge(%Q, '$OP', NEW.\"%w\", ", canon, content);
		if (p.has_max_suspicion)
			sqlite3_str_appendf(j, "%Q, suspicion_score(NEW.\"%w\", %Q), ", settings, content, settings);
		else
			sqlite3_str_appendall(j, "NULL, NULL, ");
		if (p.require_verified)
			sqlite3_str_appendf(j, "provenance_verify(NEW.\"%w\", NEW.\"%w\"), ", content, prov);
		else
			sqlite3_str_appendall(j, "NULL, ");
		if (p.max_near_duplicates >= 0 || p.max_sources >= 0)
		{
			char	   *nb = neighbours_sql(db, table, content, source, th);

			sqlite3_str_appendf(j, "%s, ", nb ? nb : "NULL");
			sqlite3_free(nb);
		}
		else
			sqlite3_str_appendall(j, "NULL, ");
		if (source)
			sqlite3_str_appendf(j, "NEW.\"%w\")", source);
		else
			sqlite3_str_appendall(j, "NULL)");
		judge = sqlite3_str_finish(j);
	}
	{
		const char *events[2] = {"INSERT", "UPDATE"};
		char	   *cond = NULL;
		sqlite3_str *s = sqlite3_str_new(db);
		int			i;

		sqlite3_str_appendf(s, "SAVEPOINT antidote_guard; %s; %s;", quarantine_ddl, guards_ddl);
		sqlite3_str_appendf(s, "INSERT OR REPLACE INTO antidote_guards VALUES (%Q, %Q, %Q, %Q, %Q);",
							table, content, prov, source, canon);
		if (p.max_near_duplicates >= 0 || p.max_sources >= 0)
			append_template(s, neardup_index_sql, table, content);
		for (i = 0; i < 2; i++)
		{
			sqlite3_str *v = sqlite3_str_new(db);
			char	   *verdict;
			const char *op;

			/*
			 * v: the verdict of a rejected row.  With max_sources the judge
			 * decides (it needs the sources); else the facts decide and the
			 * judge explains only the rows they reject.
			 */
			for (op = judge; op && *op; op++)
			{
				if (strncmp(op, "$OP", 3) == 0)
				{
					sqlite3_str_appendall(v, events[i]);
					op += 2;
				}
				else
					sqlite3_str_appendchar(v, 1, *op);
			}
			verdict = sqlite3_str_finish(v);
			/* on_update=changed: an UPDATE that keeps content and provenance was judged already. */
			sqlite3_free(cond);
			if (i == 1 && !p.update_always && prov && prov[0])
				cond = sqlite3_mprintf(" AND (NEW.\"%w\" IS NOT OLD.\"%w\" OR NEW.\"%w\" IS NOT OLD.\"%w\")",
									   content, content, prov, prov);
			else if (i == 1 && !p.update_always)
				cond = sqlite3_mprintf(" AND NEW.\"%w\" IS NOT OLD.\"%w\"", content, content);
			else
				cond = sqlite3_mprintf("%s", "");
			sqlite3_str_appendf(s, "DROP TRIGGER IF EXISTS \"antidote_guard_%w_%s\";", table, events[i]);
			if (p.on_reject == AD_REJECT_QUARANTINE && p.max_sources >= 0)
				sqlite3_str_appendf(s,
									"CREATE TRIGGER \"antidote_guard_%w_%s\" BEFORE %s ON \"%w\" "
									"WHEN NOT antidote_guard_bypass()%s BEGIN "
									"INSERT INTO antidote_quarantine (table_name, row_data, reasons, policy, verdict, old_rowid) "
									"SELECT %Q, %s, antidote_verdict_reasons(v), %Q, v, %s FROM (SELECT %s AS v) WHERE v IS NOT NULL; "
									"SELECT RAISE(IGNORE) WHERE changes() > 0; END;",
									table, events[i], events[i], table, cond, table, json, canon, i == 1 ? "OLD.rowid" : "NULL", verdict);
			else if (p.on_reject == AD_REJECT_QUARANTINE)
				sqlite3_str_appendf(s,
									"CREATE TRIGGER \"antidote_guard_%w_%s\" BEFORE %s ON \"%w\" "
									"WHEN NOT antidote_guard_bypass()%s BEGIN "
									"INSERT INTO antidote_quarantine (table_name, row_data, reasons, policy, verdict, old_rowid) "
									"SELECT %Q, %s, antidote_verdict_reasons(v), %Q, v, %s FROM "
									"(SELECT %s AS v FROM (SELECT %s AS r) WHERE r IS NOT NULL); "
									"SELECT RAISE(IGNORE) WHERE changes() > 0; END;",
									table, events[i], events[i], table, cond, table, json, canon, i == 1 ? "OLD.rowid" : "NULL", verdict, facts);
			else if (p.max_sources >= 0)
				sqlite3_str_appendf(s,
									"CREATE TRIGGER \"antidote_guard_%w_%s\" BEFORE %s ON \"%w\" "
									"WHEN NOT antidote_guard_bypass()%s BEGIN "
									"SELECT antidote_guard_reject(%Q, antidote_verdict_reasons(%s)); END;",
									table, events[i], events[i], table, cond, table, verdict);
			else
				sqlite3_str_appendf(s,
									"CREATE TRIGGER \"antidote_guard_%w_%s\" BEFORE %s ON \"%w\" "
									"WHEN NOT antidote_guard_bypass()%s BEGIN "
									"SELECT antidote_guard_reject(%Q, (SELECT antidote_verdict_reasons(%s) "
									"FROM (SELECT %s AS r) WHERE r IS NOT NULL)); END;",
									table, events[i], events[i], table, cond, table, verdict, facts);
			sqlite3_free(verdict);
		}
		sqlite3_free(cond);
		sqlite3_str_appendall(s, "RELEASE antidote_guard;");
		sql = sqlite3_str_finish(s);
	}
	rc = sql && judge ? sqlite3_exec(db, quarantine_ddl, NULL, NULL, &err) : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = quarantine_migrate(db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
	{
		char	   *msg = sqlite3_mprintf("antidote_guard: %s", err ? err : sqlite3_errmsg(db));

		sqlite3_exec(db, "ROLLBACK TO antidote_guard; RELEASE antidote_guard;", NULL, NULL, NULL);
		sqlite3_result_error(ctx, msg ? msg : "antidote_guard: failed", -1);
		sqlite3_free(msg);
	}
	else
		sqlite3_result_text(ctx, canon, -1, SQLITE_TRANSIENT);
	sqlite3_free(err);
	sqlite3_free(sql);
	sqlite3_free(facts);
	sqlite3_free(judge);
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
	if (memchr(s, '\0', len) != NULL)
	{
		sqlite3_result_error(ctx, "antidote_guard_check: argument 1 (policy) contains a NUL byte", -1);
		return;
	}
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

/*
 * Build INSERT INTO t (cols) SELECT json_extract(?1, '$."col"'), ... for the
 * stored columns of a quarantined row (?2: the row's JSON), in table order;
 * generated columns are left out (recomputed), columns added since take their
 * defaults.  NULL on failure, with the error left in the connection.
 */
static char *
release_insert_sql(sqlite3 *db, const char *table, sqlite3_value *row, int update)
{
	sqlite3_stmt *st;
	sqlite3_str *cols = sqlite3_str_new(db),
			   *vals = sqlite3_str_new(db);
	char	   *c,
			   *v,
			   *sql = NULL;
	int			n = 0,
				rc;

	rc = sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0 "
							"AND name IN (SELECT key FROM json_each(?2)) ORDER BY cid", -1, &st, NULL);
	if (rc == SQLITE_OK)
	{
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_value(st, 2, row);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
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
	if (rc == SQLITE_DONE && c && v)
		sql = update ? (n > 0 ? sqlite3_mprintf("UPDATE \"%w\" SET (%s) = (SELECT %s) WHERE rowid = ?2", table, c, v) :
						sqlite3_mprintf("UPDATE \"%w\" SET rowid = rowid WHERE rowid = ?2", table)) :
			n > 0 ? sqlite3_mprintf("INSERT INTO \"%w\" (%s) SELECT %s", table, c, v) :
			sqlite3_mprintf("INSERT INTO \"%w\" DEFAULT VALUES", table);
	sqlite3_free(c);
	sqlite3_free(v);
	return sql;
}

/* The first stored column of a quarantined row that is no longer a column of its table. */
static int
release_missing_column(sqlite3 *db, const char *table, sqlite3_value *row, char **missing)
{
	sqlite3_stmt *st;
	int			rc;

	*missing = NULL;
	rc = sqlite3_prepare_v2(db, "SELECT key FROM json_each(?2) WHERE key NOT IN "
							"(SELECT name FROM pragma_table_xinfo(?1)) ORDER BY key LIMIT 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_value(st, 2, row);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
	{
		*missing = sqlite3_mprintf("%s", (const char *) sqlite3_column_text(st, 0));
		rc = *missing ? SQLITE_DONE : SQLITE_NOMEM;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * antidote_release(id): put a reviewed row back into its table, past the
 * guard: a quarantined INSERT is inserted, a quarantined UPDATE is applied to
 * the row it was turned away from (old_rowid).  The quarantine copy is deleted only when the row went back whole:
 * every stored column is still a column of the table and the INSERT stored
 * one row with the stored values.  Otherwise an error, and the copy stays.
 */
static void
release_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	guard_conn *g = sqlite3_user_data(ctx);
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	sqlite3_stmt *st = NULL,
			   *ins = NULL;
	sqlite3_int64 id;
	char	   *sql = NULL,
			   *table = NULL,
			   *missing = NULL,
			   *msg = NULL;
	sqlite3_value *row = NULL;
	int			rc,
				done = 0,
				is_update = 0;
	sqlite3_int64 old_rowid = 0;

	(void) argc;
	if (sqlite3_value_type(argv[0]) != SQLITE_INTEGER)
	{
		sqlite3_result_error(ctx, "antidote_release: argument 1 must be a quarantine id (integer)", -1);
		return;
	}
	id = sqlite3_value_int64(argv[0]);
	rc = sqlite3_exec(db, "SAVEPOINT antidote_release", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));
		goto fail_nosave;
	}
	/* A quarantine written by an older release gets the columns read below. */
	rc = sqlite3_exec(db, quarantine_ddl, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = quarantine_migrate(db);
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));
		goto fail;
	}
	rc = sqlite3_prepare_v2(db, "SELECT table_name, row_data, old_rowid FROM antidote_quarantine WHERE id = ?1",
							-1, &st, NULL);
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		goto out;				/* no such quarantined row: 0 */
	if (rc != SQLITE_ROW)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));
		goto fail;
	}
	table = sqlite3_mprintf("%s", (const char *) sqlite3_column_text(st, 0));
	row = sqlite3_value_dup(sqlite3_column_value(st, 1));
	is_update = sqlite3_column_type(st, 2) == SQLITE_INTEGER;
	old_rowid = sqlite3_column_int64(st, 2);
	sqlite3_finalize(st);
	st = NULL;
	if (table == NULL || row == NULL)
	{
		rc = SQLITE_NOMEM;
		goto fail;
	}

	/* The table must still be there, with every stored column. */
	rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_xinfo(?1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
	{
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_ROW ? SQLITE_OK : SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));
		goto fail;
	}
	if (sqlite3_column_int(st, 0) == 0)
	{
		msg = sqlite3_mprintf("antidote_release: argument 1: the table \"%s\" of quarantined row %lld no longer exists; "
							  "the row stays in antidote_quarantine", table, id);
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	rc = release_missing_column(db, table, row, &missing);
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sqlite3_errmsg(db));
		goto fail;
	}
	if (missing != NULL)
	{
		msg = sqlite3_mprintf("antidote_release: argument 1: column \"%s\" of quarantined row %lld is no longer in table \"%s\"; "
							  "the row stays in antidote_quarantine", missing, id, table);
		goto fail;
	}

	sql = release_insert_sql(db, table, row, is_update);
	rc = sql ? sqlite3_prepare_v2(db, sql, -1, &ins, NULL) : SQLITE_ERROR;
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: %s", sql ? sqlite3_errmsg(db) : "out of memory");
		goto fail;
	}
	sqlite3_bind_value(ins, 1, row);
	if (is_update)
		sqlite3_bind_int64(ins, 2, old_rowid);
	g->bypass++;
	rc = sqlite3_step(ins);
	g->bypass--;
	if (rc != SQLITE_DONE)
	{
		msg = sqlite3_mprintf("antidote_release: argument 1: quarantined row %lld could not be stored in table \"%s\": %s; "
							  "the row stays in antidote_quarantine", id, table, sqlite3_errmsg(db));
		goto fail;
	}
	if (is_update && sqlite3_changes(db) != 1)
	{
		msg = sqlite3_mprintf("antidote_release: argument 1: quarantined update %lld found no row %lld in table \"%s\" "
							  "to apply to (deleted since, or a trigger skipped it); the row stays in antidote_quarantine",
							  id, old_rowid, table);
		goto fail;
	}
	if (sqlite3_changes(db) != 1)
	{
		msg = sqlite3_mprintf("antidote_release: argument 1: quarantined row %lld was not stored in table \"%s\" "
							  "(a trigger or conflict clause of the table skipped it); the row stays in antidote_quarantine",
							  id, table);
		goto fail;
	}
	sqlite3_finalize(ins);
	ins = NULL;
	rc = sqlite3_prepare_v2(db, "DELETE FROM antidote_quarantine WHERE id = ?1", -1, &ins, NULL);
	if (rc == SQLITE_OK)
	{
		sqlite3_bind_int64(ins, 1, id);
		rc = sqlite3_step(ins) == SQLITE_DONE && sqlite3_changes(db) == 1 ? SQLITE_OK : SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
	{
		msg = sqlite3_mprintf("antidote_release: could not delete quarantined row %lld: %s", id, sqlite3_errmsg(db));
		goto fail;
	}
	done = 1;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_exec(db, "RELEASE antidote_release", NULL, NULL, NULL);
	sqlite3_result_int(ctx, done);
	goto cleanup;
fail:
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	sqlite3_exec(db, "ROLLBACK TO antidote_release; RELEASE antidote_release", NULL, NULL, NULL);
fail_nosave:
	if (msg == NULL)
		sqlite3_result_error_nomem(ctx);
	else
		sqlite3_result_error(ctx, msg, -1);
cleanup:
	sqlite3_free(msg);
	sqlite3_free(missing);
	sqlite3_free(sql);
	sqlite3_free(table);
	sqlite3_value_free(row);
}

static const ad_sqlite_fn guard_fns[] = {
	{"antidote_guard_check", 1, AD_SQLITE_PURE, guard_check_fn},
	{"antidote_guard_verdict", 4, AD_SQLITE_PURE, verdict_fn},
	{"antidote_guard_reject", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, reject_fn},
	{"antidote_row_json", -1, AD_SQLITE_PURE, row_json_fn},
};

int
ad_sqlite_register_guard(sqlite3 *db, ad_sqlite_settings *s)
{
	guard_conn *g = sqlite3_malloc(sizeof(*g));
	int			rc,
				nargs;

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
	/* antidote_guard reads the connection's thresholds. */
	for (nargs = 4; nargs <= 5 && rc == SQLITE_OK; nargs++)
		rc = sqlite3_create_function_v2(db, "antidote_guard", nargs, AD_SQLITE_DIRECT,
										ad_sqlite_settings_ref(s), guard_fn, NULL, NULL,
										ad_sqlite_settings_release);
	return rc;
}
