/*
 * PostgreSQL binding: the input of the audits, antidote.audit_input(query, fn).
 *
 * Runs the caller's query exactly once, through a cursor, after checking the
 * number, names and types of its columns; clusters the rows by their position
 * (so repeated ids neither merge nor multiply rows) and returns each row once,
 * in query order, with its cluster.  antidote_audit and antidote_audit_summary
 * score these rows in SQL.
 */
#include "antidote_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"

#define AD_AUDIT_FETCH 1000

static const char *const audit_roles[] = {"id", "content", "source", "provenance"};

typedef struct AuditRow
{
	char	   *id;				/* NULL when NULL */
	text	   *content;
	char	   *source;
	char	   *envelope;
	int64		cluster_id;		/* 0: not in a cluster */
	int			cluster_size;
	int			distinct_sources;
} AuditRow;

static int
audit_cancel_pending(void *arg)
{
	return QueryCancelPending || ProcDiePending;
}

static bool
is_text_type(Oid t)
{
	t = getBaseType(t);
	return t == TEXTOID || t == VARCHAROID || t == BPCHAROID;
}

/* The query's columns, by position: (id, content [, source [, provenance]]). */
static void
check_audit_columns(TupleDesc td, const char *fn)
{
	int			i,
				j;

	if (td == NULL || td->natts < 2 || td->natts > 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument 1: the query must return the columns (id, content [, source [, provenance]]), not %d column%s",
						fn, td ? td->natts : 0, td && td->natts == 1 ? "" : "s")));
	/* Columns are taken by position: a column named after another position is a mistake. */
	for (i = 0; i < td->natts; i++)
	{
		const char *name = NameStr(TupleDescAttr(td, i)->attname);

		for (j = 0; j < 4; j++)
			if (j != i && strcmp(name, audit_roles[j]) == 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: argument 1: column %d of the query is named \"%s\", but it is taken as %s",
								fn, i + 1, name, audit_roles[i]),
						 errhint("The columns are taken by position: (id, content [, source [, provenance]]); reorder or rename them.")));
	}
	if (!is_text_type(TupleDescAttr(td, 1)->atttypid))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: argument 1: column 2 (content) must be text, not %s",
						fn, format_type_be(TupleDescAttr(td, 1)->atttypid))));
	if (td->natts >= 3)
	{
		Oid			t = getBaseType(TupleDescAttr(td, 2)->atttypid);

		if (t == JSONOID || t == JSONBOID || t == BYTEAOID)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: argument 1: column 3 (source) must be a name or number, not %s",
							fn, format_type_be(TupleDescAttr(td, 2)->atttypid)),
					 errhint("The provenance envelope is column 4; without a source, give NULL::text as column 3.")));
	}
	if (td->natts == 4)
	{
		Oid			t = TupleDescAttr(td, 3)->atttypid;
		Oid			b = getBaseType(t);

		if (b != JSONOID && b != JSONBOID && !is_text_type(b))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: argument 1: column 4 (provenance) must be json, jsonb or text, not %s",
							fn, format_type_be(t))));
	}
}

/* Copy one fetched batch into rows[] (in cxt) and feed the clusterable rows to the core. */
static void
read_batch(ad_cluster *c, SPITupleTable *tt, uint64 n, AuditRow **rows, uint64 *nrows,
		   uint64 *cap, MemoryContext cxt, const char *fn)
{
	TupleDesc	td = tt->tupdesc;
	uint64		i;

	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = tt->vals[i];
		bool		isnull;
		Datum		content = SPI_getbinval(tup, td, 2, &isnull);
		char	   *id = SPI_getvalue(tup, td, 1);
		char	   *src = td->natts >= 3 ? SPI_getvalue(tup, td, 3) : NULL;
		char	   *env = td->natts == 4 ? SPI_getvalue(tup, td, 4) : NULL;
		MemoryContext old;
		AuditRow   *r;

		if (*nrows == *cap)
		{
			*cap *= 2;
			*rows = repalloc_huge(*rows, *cap * sizeof(AuditRow));
		}
		r = &(*rows)[*nrows];
		memset(r, 0, sizeof(*r));
		old = MemoryContextSwitchTo(cxt);
		r->id = id ? pstrdup(id) : NULL;
		r->content = isnull ? NULL : DatumGetTextPCopy(content);
		r->source = src ? pstrdup(src) : NULL;
		r->envelope = env ? pstrdup(env) : NULL;
		MemoryContextSwitchTo(old);
		(*nrows)++;
		/* As near_duplicate_clusters: rows without id or content are in no cluster. */
		if (id != NULL && !isnull)
		{
			char		ord[24];
			size_t		len;
			const char *s = ad_pg_text_utf8(DatumGetTextPP(content), &len);

			snprintf(ord, sizeof(ord), UINT64_FORMAT, *nrows);
			AD_PG_CHECK(ad_cluster_add(c, ord, strlen(ord), s, len, src, src ? strlen(src) : 0),
						fn, "row content");
		}
	}
}

PG_FUNCTION_INFO_V1(antidote_audit_input);
Datum
antidote_audit_input(PG_FUNCTION_ARGS)
{
	char	   *query = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *fn = text_to_cstring(PG_GETARG_TEXT_PP(1));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ad_cluster *volatile c = NULL;
	MemoryContext cxt;
	AuditRow   *rows;
	uint64		nrows = 0,
				cap = 64,
				i;
	int			ncols = 0;

	InitMaterializedSRF(fcinfo, 0);
	cxt = AllocSetContextCreate(CurrentMemoryContext, "antidote audit rows", ALLOCSET_DEFAULT_SIZES);
	rows = MemoryContextAlloc(cxt, cap * sizeof(AuditRow));
	c = ad_pg_cluster_new(fn, "clustering");
	PG_TRY();
	{
		SPIPlanPtr	plan;
		Portal		portal;
		List	   *sources;
		MemoryContext batch;
		ad_status	st;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "%s: SPI_connect failed", fn);
		plan = SPI_prepare_cursor(query, 0, NULL, CURSOR_OPT_NO_SCROLL);
		if (plan == NULL)
			elog(ERROR, "%s: SPI_prepare_cursor failed: %s", fn, SPI_result_code_string(SPI_result));
		if (!SPI_is_cursor_plan(plan))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: argument 1: the query must be one statement that returns rows", fn)));
		/* The shape is checked before the query runs. */
		sources = SPI_plan_get_plan_sources(plan);
		check_audit_columns(((CachedPlanSource *) linitial(sources))->resultDesc, fn);
		portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
		batch = AllocSetContextCreate(CurrentMemoryContext, "antidote audit batch", ALLOCSET_DEFAULT_SIZES);
		for (;;)
		{
			MemoryContext old;

			CHECK_FOR_INTERRUPTS();
			SPI_cursor_fetch(portal, true, AD_AUDIT_FETCH);
			if (SPI_processed == 0)
				break;
			ncols = SPI_tuptable->tupdesc->natts;
			old = MemoryContextSwitchTo(batch);
			read_batch(c, SPI_tuptable, SPI_processed, &rows, &nrows, &cap, cxt, fn);
			MemoryContextSwitchTo(old);
			MemoryContextReset(batch);
			SPI_freetuptable(SPI_tuptable);
		}
		SPI_cursor_close(portal);
		SPI_finish();
		st = ad_cluster_run(c, audit_cancel_pending, NULL);
		if (st == AD_ECANCELED)
			CHECK_FOR_INTERRUPTS();
		AD_PG_CHECK(st, fn, "clustering");
		for (i = 0; i < ad_cluster_nresults(c); i++)
		{
			ad_cluster_row r;
			uint64		ord;

			ad_cluster_result(c, i, &r);
			ord = strtoull(r.id, NULL, 10);
			if (ord < 1 || ord > nrows)
				elog(ERROR, "%s: clustering returned an unknown row", fn);
			rows[ord - 1].cluster_id = r.cluster_id;
			rows[ord - 1].cluster_size = r.cluster_size;
			rows[ord - 1].distinct_sources = r.distinct_sources;
		}
	}
	PG_CATCH();
	{
		ad_cluster_free(c);
		PG_RE_THROW();
	}
	PG_END_TRY();
	ad_cluster_free(c);

	for (i = 0; i < nrows; i++)
	{
		AuditRow   *r = &rows[i];
		Datum		values[9];
		bool		nulls[9] = {false, false, false, false, false, false, false, false, false};

		values[0] = Int64GetDatum((int64) i + 1);
		nulls[1] = r->id == NULL;
		values[1] = nulls[1] ? (Datum) 0 : CStringGetTextDatum(r->id);
		nulls[2] = r->content == NULL;
		values[2] = PointerGetDatum(r->content);
		nulls[3] = r->source == NULL;
		values[3] = nulls[3] ? (Datum) 0 : CStringGetTextDatum(r->source);
		nulls[4] = r->envelope == NULL;
		values[4] = nulls[4] ? (Datum) 0 : CStringGetTextDatum(r->envelope);
		values[5] = Int32GetDatum(ncols);
		nulls[6] = nulls[7] = r->cluster_id == 0;
		values[6] = Int64GetDatum(r->cluster_id);
		values[7] = Int32GetDatum(r->cluster_size);
		nulls[8] = r->cluster_id == 0 || r->distinct_sources < 0;
		values[8] = Int32GetDatum(r->distinct_sources);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(cxt);
	return (Datum) 0;
}
