/* PostgreSQL binding: near_duplicate_clusters(query) and near_duplicate_pairs(query) over SPI. */
#include "antidote_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#define AD_PG_FETCH 1000

/* Polled by the core: stop when a query cancel or termination is pending. */
static int
pg_cancel_pending(void *arg)
{
	return QueryCancelPending || ProcDiePending;
}

/* Check the shape of the query's result: (id, content text [, source]). */
static void
check_columns(const char *cluster_fn, TupleDesc td)
{
	Oid			t;

	if (td->natts != 2 && td->natts != 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument 1: the query must return 2 or 3 columns (id, content [, source]), not %d",
						cluster_fn, td->natts)));
	t = SPI_gettypeid(td, 2);
	if (t != TEXTOID && t != VARCHAROID && t != BPCHAROID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: argument 1: column 2 (content) must be text, not %s",
						cluster_fn, format_type_be(t))));
}

/* Feed one fetched batch to the core; rows with a NULL id or content are skipped. */
static void
feed_batch(const char *cluster_fn, ad_cluster *c, SPITupleTable *tt, uint64 n)
{
	TupleDesc	td = tt->tupdesc;
	uint64		i;

	for (i = 0; i < n; i++)
	{
		HeapTuple	tup = tt->vals[i];
		bool		isnull;
		Datum		content = SPI_getbinval(tup, td, 2, &isnull);
		char	   *id,
				   *src = NULL;
		const char *s;
		size_t		len;

		if (isnull)
			continue;
		id = SPI_getvalue(tup, td, 1);
		if (id == NULL)
			continue;
		if (td->natts == 3)
			src = SPI_getvalue(tup, td, 3);
		s = ad_pg_text_utf8(DatumGetTextPP(content), &len);
		AD_PG_CHECK(ad_cluster_add(c, id, strlen(id), s, len, src, src ? strlen(src) : 0),
					cluster_fn, "row content");
	}
}

/* Run the query read-only and feed every row to the core. */
static void
feed_query(const char *cluster_fn, ad_cluster *c, const char *query)
{
	SPIPlanPtr	plan;
	Portal		portal;
	MemoryContext rowctx,
				old;
	bool		checked = false;

	if ((plan = SPI_prepare_cursor(query, 0, NULL, CURSOR_OPT_NO_SCROLL)) == NULL)
		elog(ERROR, "%s: SPI_prepare_cursor failed: %s", cluster_fn,
			 SPI_result_code_string(SPI_result));
	/* Empty, multi-statement and utility queries have no cursor plan. */
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: argument 1: the query must be one statement that returns rows",
						cluster_fn)));
	portal = SPI_cursor_open(NULL, plan, NULL, NULL, true);
	rowctx = AllocSetContextCreate(CurrentMemoryContext, "near-duplicate rows",
								   ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, AD_PG_FETCH);
		if (!checked)
		{
			check_columns(cluster_fn, SPI_tuptable->tupdesc);
			checked = true;
		}
		if (SPI_processed == 0)
			break;
		old = MemoryContextSwitchTo(rowctx);
		feed_batch(cluster_fn, c, SPI_tuptable, SPI_processed);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowctx);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	MemoryContextDelete(rowctx);
}

/* Put the core's results into the tuplestore. */
static void
emit_results(ad_cluster *c, ReturnSetInfo *rsinfo)
{
	size_t		i,
				n = ad_cluster_nresults(c);

	for (i = 0; i < n; i++)
	{
		ad_cluster_row r;
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		ad_cluster_result(c, i, &r);
		values[0] = PointerGetDatum(cstring_to_text_with_len(r.id, (int) r.idlen));
		values[1] = Int64GetDatum(r.cluster_id);
		values[2] = Int32GetDatum(r.cluster_size);
		values[3] = Int32GetDatum(r.distinct_sources);
		nulls[3] = r.distinct_sources < 0;
		values[4] = PointerGetDatum(cstring_to_text(ad_cluster_method_name(r.method)));
		values[5] = PointerGetDatum(cstring_to_text_with_len(r.representative, (int) r.replen));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

/* Put the core's pairs into the tuplestore. */
static void
emit_pairs(ad_pairs *p, ReturnSetInfo *rsinfo)
{
	size_t		i,
				n = ad_pairs_count(p);

	for (i = 0; i < n; i++)
	{
		ad_pair_row r;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (i % 4096 == 0)
			CHECK_FOR_INTERRUPTS();
		ad_pairs_get(p, i, &r);
		values[0] = PointerGetDatum(cstring_to_text_with_len(r.id_a, (int) r.idlen_a));
		values[1] = PointerGetDatum(cstring_to_text_with_len(r.id_b, (int) r.idlen_b));
		values[2] = Int32GetDatum(r.ssdeep_score);
		values[3] = Float8GetDatum(r.minhash_similarity);
		values[4] = PointerGetDatum(cstring_to_text(ad_cluster_method_name(r.method)));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

/*
 * Run the query and emit its clusters, or (pairs) the near pairs behind them:
 * the body of both SQL functions.
 */
static Datum
cluster_query(FunctionCallInfo fcinfo, const char *fn, bool pairs)
{
	const char *what = pairs ? "pairs" : "clustering";
	char	   *query = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ad_cluster *volatile c = NULL;
	ad_pairs   *volatile p = NULL;

	InitMaterializedSRF(fcinfo, 0);
	c = ad_pg_cluster_new(fn, what);
	PG_TRY();
	{
		ad_status	st;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "%s: SPI_connect failed", fn);
		feed_query(fn, c, query);
		SPI_finish();
		st = pairs ? ad_cluster_pairs(c, pg_cancel_pending, NULL, (ad_pairs **) &p) :
			ad_cluster_run(c, pg_cancel_pending, NULL);
		if (st == AD_ECANCELED)
			CHECK_FOR_INTERRUPTS();
		AD_PG_CHECK(st, fn, what);
		if (pairs)
			emit_pairs(p, rsinfo);
		else
			emit_results(c, rsinfo);
	}
	PG_CATCH();
	{
		ad_pairs_free(p);
		ad_cluster_free(c);
		PG_RE_THROW();
	}
	PG_END_TRY();
	ad_pairs_free(p);
	ad_cluster_free(c);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(antidote_near_duplicate_clusters);
Datum
antidote_near_duplicate_clusters(PG_FUNCTION_ARGS)
{
	return cluster_query(fcinfo, "near_duplicate_clusters", false);
}

PG_FUNCTION_INFO_V1(antidote_near_duplicate_pairs);
Datum
antidote_near_duplicate_pairs(PG_FUNCTION_ARGS)
{
	return cluster_query(fcinfo, "near_duplicate_pairs", true);
}
