/*
 * PostgreSQL binding: antidote.sweep(table, policy).
 *
 * Finds the table's guard trigger (its content and source columns), clusters
 * the stored rows together with the table's rows already in quarantine, and
 * moves every stored row of a flood that breaks the policy's
 * max_near_duplicates (more than N + 1 rows) or max_sources (N or more
 * distinct sources) into antidote.quarantine, with its verdict.  Everything
 * runs as the caller, who must own the table; only the quarantine's own reads
 * and writes run as its owner, through the guard's path.
 */
#include "antidote_pg.h"
#include "pg_guard.h"

#include <stdlib.h>

#include "access/table.h"
#include "access/tableam.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

static const char *const sweep_fn = "antidote.sweep";

typedef struct sweep_row
{
	ItemPointerData tid;		/* stored rows */
	bool		stored;
	char	   *id;				/* as verdicts name it */
	char	   *content;		/* UTF-8 */
} sweep_row;

static int
pg_sweep_cancel(void *arg)
{
	(void) arg;
	return QueryCancelPending || ProcDiePending;
}

/* The table's guard trigger: its arguments. */
static Trigger *
find_guard(Relation rel)
{
	char	   *oidtext;
	Oid			guard;
	int			i;

	oidtext = NULL;
	if (SPI_execute("SELECT pg_catalog.to_regprocedure('antidote.guard()')::pg_catalog.oid::pg_catalog.int8::pg_catalog.text",
					true, 1) == SPI_OK_SELECT &&
		SPI_processed == 1)
		oidtext = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	if (oidtext == NULL)
		elog(ERROR, "%s: function antidote.guard() is missing", sweep_fn);
	guard = (Oid) strtoul(oidtext, NULL, 10);
	for (i = 0; rel->trigdesc && i < rel->trigdesc->numtriggers; i++)
	{
		Trigger    *t = &rel->trigdesc->triggers[i];

		if (t->tgfoid == guard && t->tgenabled != TRIGGER_DISABLED && t->tgnargs >= 3)
			return t;
	}
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("%s: argument 1: table \"%s\" has no guard", sweep_fn, RelationGetRelationName(rel)),
			 errhint("Create the guard first: CREATE TRIGGER ... EXECUTE FUNCTION antidote.guard(content_col, provenance_col, policy, source_col).")));
	return NULL;
}

/* Text of column i of the current SPI row, in UTF-8, or NULL. */
static char *
spi_utf8(int row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, &isnull);
	size_t		len;
	const char *u;

	if (isnull)
		return NULL;
	u = ad_pg_text_utf8(DatumGetTextPP(d), &len);
	return pnstrdup(u, len);
}

/* A JSON string of s (UTF-8). */
static void
append_json_string(StringInfo b, const char *s)
{
	appendStringInfoChar(b, '"');
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
			appendStringInfo(b, "\\%c", *s);
		else if ((unsigned char) *s < 0x20)
			appendStringInfo(b, "\\u%04x", (unsigned char) *s);
		else
			appendStringInfoChar(b, *s);
	}
	appendStringInfoChar(b, '"');
}

PG_FUNCTION_INFO_V1(antidote_sweep);
Datum
antidote_sweep(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	char	   *policy_s = text_to_cstring(PG_GETARG_TEXT_PP(1));
	ad_policy	p;
	char		canon[256];
	size_t		pos = 0;
	ad_status	st;
	Relation	rel;
	Trigger    *tg;
	const char *content_col,
			   *source_col;
	StringInfoData sql;
	sweep_row  *rows = NULL;
	int			nrows = 0,
				cap = 0;
	ad_cluster *volatile c = NULL;
	ad_sweep_member *m = NULL;
	size_t		nres = 0,
				i;
	int64		moved = 0;
	Oid			save_user;
	int			save_sec;

	st = ad_policy_parse(policy_s, strlen(policy_s), &p, &pos);
	if (st != AD_OK)
	{
		char		item[AD_POLICY_EXCERPT];

		ad_policy_excerpt(policy_s, strlen(policy_s), pos, item);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument 2: invalid policy at \"%s\"", sweep_fn, item),
				 errdetail("%s.", ad_strerror(st))));
	}
	if (p.max_near_duplicates < 0 && p.max_sources < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument 2: the policy has neither max_near_duplicates nor max_sources", sweep_fn)));
	/* The sweep judges floods only. */
	p.require_verified = 0;
	p.has_max_suspicion = 0;
	AD_PG_CHECK(ad_policy_format(&p, canon, sizeof(canon)), sweep_fn, "policy");

	rel = table_open(relid, RowExclusiveLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("%s: argument 1: \"%s\" is not a table", sweep_fn, RelationGetRelationName(rel))));
	if (!pg_class_ownercheck(relid, GetUserId()))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s: argument 1: must be owner of table %s", sweep_fn, RelationGetRelationName(rel))));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s: SPI_connect failed", sweep_fn);
	tg = find_guard(rel);
	content_col = tg->tgargs[0];
	source_col = tg->tgnargs >= 4 && tg->tgargs[3][0] ? tg->tgargs[3] : NULL;
	if (SPI_fnumber(RelationGetDescr(rel), content_col) <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: the guard's content column \"%s\" does not exist in table \"%s\"",
						sweep_fn, content_col, RelationGetRelationName(rel))));
	if (source_col)
		(void) ad_pg_guard_source_column(rel, source_col, sweep_fn);
	if (p.max_sources >= 0 && source_col == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument 2: max_sources needs a source column, and the guard of table \"%s\" has none",
						sweep_fn, RelationGetRelationName(rel))));

	/* The stored rows, read as the caller (the table's owner). */
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT %s, t.%s::pg_catalog.text, %s%s%s, t.ctid FROM ONLY %s.%s t",
					 ad_pg_row_id_expr(rel), quote_identifier(content_col),
					 source_col ? "t." : "NULL::pg_catalog.text",
					 source_col ? quote_identifier(source_col) : "",
					 source_col ? "::pg_catalog.text" : "",
					 quote_identifier(get_namespace_name(RelationGetNamespace(rel))),
					 quote_identifier(RelationGetRelationName(rel)));
	AD_PG_CHECK(ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT,
							   (ad_cluster **) &c), sweep_fn, "clustering");
	PG_TRY();
	{
		int			pass;

		for (pass = 0; pass < 2; pass++)
		{
			uint64		k;
			int			rc;

			if (pass == 0)
				rc = SPI_execute(sql.data, false, 0);
			else
			{
				/* The table's rows already in quarantine: read as its owner, built-in operators only. */
				Oid			types[3] = {OIDOID, TEXTOID, TEXTOID};
				Datum		args[3];
				char	   *q;
				Oid			qowner;

				args[0] = ObjectIdGetDatum(relid);
				args[1] = CStringGetTextDatum(content_col);
				args[2] = CStringGetTextDatum(source_col ? source_col : "");
				rc = SPI_execute("SELECT c.relowner::pg_catalog.int8::pg_catalog.text FROM pg_catalog.pg_class c "
								 "WHERE c.oid OPERATOR(pg_catalog.=) 'antidote.quarantine'::pg_catalog.regclass", true, 1);
				if (rc != SPI_OK_SELECT || SPI_processed != 1)
					elog(ERROR, "%s: antidote.quarantine is missing", sweep_fn);
				q = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
				qowner = (Oid) strtoul(q, NULL, 10);
				GetUserIdAndSecContext(&save_user, &save_sec);
				SetUserIdAndSecContext(qowner, save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
				rc = SPI_execute_with_args("SELECT 'q' OPERATOR(pg_catalog.||) q.id::pg_catalog.text, "
										   "q.row_data OPERATOR(pg_catalog.->>) $2, q.row_data OPERATOR(pg_catalog.->>) $3, "
										   "NULL::pg_catalog.tid FROM antidote.quarantine q "
										   "WHERE q.table_name::pg_catalog.oid OPERATOR(pg_catalog.=) $1",
										   3, types, args, NULL, true, 0);
				SetUserIdAndSecContext(save_user, save_sec);
			}
			if (rc != SPI_OK_SELECT)
				elog(ERROR, "%s: reading the rows failed", sweep_fn);
			for (k = 0; k < SPI_processed; k++)
			{
				char	   *content = spi_utf8((int) k, 2),
						   *src = spi_utf8((int) k, 3),
							key[24];
				bool		isnull;
				Datum		tid;

				CHECK_FOR_INTERRUPTS();
				if (content == NULL)
					continue;
				if (nrows == cap)
				{
					cap = cap ? cap * 2 : 1024;
					rows = rows ? repalloc_huge(rows, sizeof(*rows) * cap) : palloc(sizeof(*rows) * cap);
				}
				tid = SPI_getbinval(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 4, &isnull);
				rows[nrows].stored = !isnull;
				if (!isnull)
					ItemPointerCopy((ItemPointer) DatumGetPointer(tid), &rows[nrows].tid);
				rows[nrows].id = SPI_getvalue(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 1);
				rows[nrows].content = content;
				snprintf(key, sizeof(key), "%d", nrows);
				AD_PG_CHECK(ad_cluster_add(c, key, strlen(key), content, strlen(content),
										   src, src ? strlen(src) : 0), sweep_fn, "row content");
				nrows++;
			}
		}
		st = ad_cluster_run(c, pg_sweep_cancel, NULL);
		if (st == AD_ECANCELED)
			CHECK_FOR_INTERRUPTS();
		AD_PG_CHECK(st, sweep_fn, "clustering");
		{
			ad_sweep_member *sel = NULL;

			AD_PG_CHECK(ad_sweep_select(c, p.max_near_duplicates, p.max_sources, (size_t) nrows, &sel, &nres),
						sweep_fn, "clustering");
			m = palloc_extended(sizeof(*m) * (nres ? nres : 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
			if (m != NULL && nres)
				memcpy(m, sel, sizeof(*m) * nres);
			ad_free(sel);
			if (m == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_OUT_OF_MEMORY),
						 errmsg("%s: out of memory", sweep_fn)));
		}
	}
	PG_CATCH();
	{
		ad_cluster_free(c);
		PG_RE_THROW();
	}
	PG_END_TRY();
	ad_cluster_free(c);

	{
		TupleTableSlot *slot = table_slot_create(rel, NULL);
		StringInfoData del;

		initStringInfo(&del);
		appendStringInfo(&del, "DELETE FROM ONLY %s.%s WHERE ctid OPERATOR(pg_catalog.=) $1",
						 quote_identifier(get_namespace_name(RelationGetNamespace(rel))),
						 quote_identifier(RelationGetRelationName(rel)));
		for (i = 0; i < nres;)
		{
			size_t		j = i,
						k,
						x;

			while (j < nres && m[j].cluster == m[i].cluster)
				j++;
			for (k = i; k < j; k++)
			{
				sweep_row  *r = &rows[m[k].row];
				ad_guard_facts f = AD_GUARD_FACTS_INIT;
				ad_verdict_in in;
				ad_verdict_reasons why;
				StringInfoData nb;
				char	   *json = NULL,
						   *vjson;
				size_t		len = 0;
				int			listed = 0,
							n;
				Datum		items[AD_POLICY_MAX_REASONS];
				Oid			types[1] = {TIDOID};
				Datum		args[1];
				bool		shouldfree;
				HeapTuple	tuple;

				if (!r->stored)
					continue;
				CHECK_FOR_INTERRUPTS();
				initStringInfo(&nb);
				appendStringInfoChar(&nb, '[');
				for (x = i; x < j && listed < AD_VERDICT_MAX_IDS; x++)
				{
					if (x == k || !rows[m[x].row].stored)
						continue;
					appendStringInfoString(&nb, listed++ ? ",{\"id\":" : "{\"id\":");
					append_json_string(&nb, rows[m[x].row].id);
					appendStringInfoChar(&nb, '}');
				}
				appendStringInfoChar(&nb, ']');
				memset(&in, 0, sizeof(in));
				in.operation = "SWEEP";
				in.text = r->content;
				in.len = strlen(r->content);
				in.neighbours = nb.data;
				in.neighbourslen = nb.len;
				f.near_duplicates = m[k].near_duplicates;
				f.distinct_sources = m[k].distinct_sources;
				AD_PG_CHECK(ad_verdict_build(&p, &f, &in, &why, &json, &len), sweep_fn, "verdict");
				if (json == NULL)
					elog(ERROR, "%s: a breaking flood has no verdict", sweep_fn);
				vjson = pnstrdup(json, len);
				free(json);
				for (n = 0; n < why.n; n++)
					items[n] = PointerGetDatum(ad_pg_text_from_utf8(why.r[n], strlen(why.r[n])));

				/* The row as stored, then into quarantine, then out of the table. */
				if (!table_tuple_fetch_row_version(rel, &r->tid, GetLatestSnapshot(), slot))
					ereport(ERROR,
							(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
							 errmsg("%s: row %s of table \"%s\" changed during the sweep",
									sweep_fn, r->id, RelationGetRelationName(rel))));
				tuple = ExecFetchSlotHeapTuple(slot, true, &shouldfree);
				ad_pg_quarantine(rel, tuple, construct_array(items, why.n, TEXTOID, -1, false, TYPALIGN_INT),
								 canon, vjson);
				if (shouldfree)
					heap_freetuple(tuple);
				ExecClearTuple(slot);
				args[0] = PointerGetDatum(&r->tid);
				if (SPI_execute_with_args(del.data, 1, types, args, NULL, false, 0) != SPI_OK_DELETE ||
					SPI_processed != 1)
					ereport(ERROR,
							(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
							 errmsg("%s: row %s of table \"%s\" could not be deleted (changed during the sweep, or a trigger skipped it)",
									sweep_fn, r->id, RelationGetRelationName(rel))));
				moved++;
			}
			i = j;
		}
		ExecDropSingleTupleTableSlot(slot);
	}
	SPI_finish();
	table_close(rel, NoLock);
	PG_RETURN_INT64(moved);
}
