/*
 * PostgreSQL binding: the guard trigger, guard_check and quarantine release.
 *
 * The trigger gathers the facts a policy asks for (suspicion score, provenance
 * status, count of stored near-duplicates) by calling the extension's own SQL
 * functions, lets the core judge them, and then raises an error or moves the
 * row to antidote.quarantine.  Quarantine writes and near-duplicate lookups
 * run as the owner of the table they touch, as foreign-key checks do.
 */
#include "antidote_pg.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/array.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

/* Set while antidote.release() re-inserts a reviewed row: the guard lets it pass. */
static bool guard_bypass = false;

/*
 * Per-statement state of one guard trigger.  It cannot live in fn_extra: COPY
 * calls triggers in a per-row memory context, which fmgr then uses as fn_mcxt.
 * So states are kept per trigger in a backend-level table and rebuilt at the
 * first row of each statement.
 */
typedef struct GuardState
{
	Oid			tgoid;
	ad_policy	policy;
	char		policy_text[256];
	int			content_att;
	int			prov_att;		/* 0 when the trigger names no provenance column */
	Oid			prov_typoutput;
	char	   *extschema;		/* quoted schema of the extension's functions */
	FmgrInfo	score_fn;
	Datum		settings;		/* suspicion_settings() at statement start */
	FmgrInfo	verify_fn;
	SPIPlanPtr	dup_plan;
	Oid			table_owner;
	Oid			quarantine_owner;
	MemoryContextCallback free_plan;
} GuardState;

typedef struct GuardEntry
{
	Oid			tgoid;			/* hash key */
	LocalTransactionId lxid;	/* the statement the state was built for */
	TimestampTz stmt_start;
	MemoryContext cxt;
	GuardState *gs;
} GuardEntry;

static HTAB *guard_states = NULL;

/* The kept near-duplicate plan goes when the state's memory does. */
static void
free_dup_plan(void *arg)
{
	GuardState *gs = (GuardState *) arg;

	if (gs->dup_plan)
		SPI_freeplan(gs->dup_plan);
	gs->dup_plan = NULL;
}

/* Run one SPI query returning a single text value (or NULL). */
static char *
spi_get_text(const char *sql, int nargs, Oid *types, Datum *values)
{
	char	   *res = NULL;

	if (SPI_execute_with_args(sql, nargs, types, values, NULL, false, 1) < 0 ||
		SPI_tuptable == NULL)
		elog(ERROR, "antidote guard: internal query failed: %s", sql);
	if (SPI_processed > 0)
	{
		char	   *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		if (v)
			res = MemoryContextStrdup(TopTransactionContext, v);
	}
	return res;
}

/* The extension's schema, quoted for SQL, looked up once per statement. */
static char *
extension_schema(void)
{
	char	   *nsp = spi_get_text("SELECT e.extnamespace::pg_catalog.regnamespace::pg_catalog.text "
								   "FROM pg_catalog.pg_extension e WHERE e.extname = 'antidote'",
								   0, NULL, NULL);

	if (nsp == NULL)
		elog(ERROR, "antidote guard: the antidote extension is not installed");
	return nsp;
}

static void
lookup_fn(GuardState *gs, const char *name, int nargs, Oid *types, FmgrInfo *out, MemoryContext cxt)
{
	char	   *nsp = pstrdup(gs->extschema);
	List	   *qname;
	Oid			fn;
	size_t		len = strlen(nsp);

	/* regnamespace output may be quoted; LookupFuncName wants the bare name. */
	if (len >= 2 && nsp[0] == '"')
	{
		nsp[len - 1] = '\0';
		nsp++;
	}
	qname = list_make2(makeString(nsp), makeString(pstrdup(name)));
	fn = LookupFuncName(qname, nargs, types, true);
	if (!OidIsValid(fn))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("antidote guard: function %s.%s is missing", gs->extschema, name),
				 errhint("Update the antidote extension.")));
	fmgr_info_cxt(fn, out, cxt);
}

static Oid
relation_owner(Oid relid)
{
	Datum		arg = ObjectIdGetDatum(relid);
	Oid			type = OIDOID;
	char	   *s = spi_get_text("SELECT relowner::pg_catalog.int8::pg_catalog.text FROM pg_catalog.pg_class WHERE oid = $1",
								 1, &type, &arg);

	return s ? (Oid) strtoul(s, NULL, 10) : InvalidOid;
}

/* Resolve a column name given as a trigger argument; content must be text. */
static int
guard_column(Relation rel, const char *name, bool content)
{
	int			att = SPI_fnumber(RelationGetDescr(rel), name);
	Oid			type;

	if (att <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("antidote guard: column \"%s\" does not exist in table \"%s\"",
						name, RelationGetRelationName(rel))));
	type = getBaseType(SPI_gettypeid(RelationGetDescr(rel), att));
	if (content && type != TEXTOID && type != VARCHAROID && type != BPCHAROID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("antidote guard: content column \"%s\" must be of type text", name)));
	return att;
}

/* Parse a policy or raise an error that shows where it went wrong. */
static void
parse_policy_or_error(const char *policy, ad_policy *out)
{
	size_t		pos = 0,
				len = strlen(policy);
	ad_status	st = ad_policy_parse(policy, len, out, &pos);
	char		item[AD_POLICY_EXCERPT];

	if (st != AD_OK)
	{
		ad_policy_excerpt(policy, len, pos, item);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid antidote guard policy at \"%s\"", item),
				 errdetail("%s.", ad_strerror(st))));
	}
}

static GuardState *
guard_state(TriggerData *td)
{
	Trigger    *tg = td->tg_trigger;
	GuardEntry *entry;
	GuardState *gs;
	MemoryContext cxt;
	bool		found;

	if (guard_states == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(GuardEntry);
		guard_states = hash_create("antidote guard states", 16, &ctl, HASH_ELEM | HASH_BLOBS);
	}
	entry = hash_search(guard_states, &tg->tgoid, HASH_ENTER, &found);
	if (!found)
	{
		entry->cxt = AllocSetContextCreate(TopMemoryContext, "antidote guard", ALLOCSET_SMALL_SIZES);
		entry->gs = NULL;
	}
	if (entry->gs != NULL && entry->lxid == MyProc->lxid &&
		entry->stmt_start == GetCurrentStatementStartTimestamp())
		return entry->gs;
	entry->gs = NULL;
	MemoryContextReset(entry->cxt);
	cxt = entry->cxt;
	if (tg->tgnargs != 3)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("antidote guard: expected 3 arguments (content_col, provenance_col, policy), got %d",
						tg->tgnargs)));
	gs = MemoryContextAllocZero(cxt, sizeof(GuardState));
	gs->tgoid = tg->tgoid;
	parse_policy_or_error(tg->tgargs[2], &gs->policy);
	AD_PG_CHECK(ad_policy_format(&gs->policy, gs->policy_text, sizeof(gs->policy_text)),
				"antidote.guard", "policy");
	gs->content_att = guard_column(td->tg_relation, tg->tgargs[0], true);
	if (tg->tgargs[1][0] != '\0')
	{
		bool		varlena;

		gs->prov_att = guard_column(td->tg_relation, tg->tgargs[1], false);
		getTypeOutputInfo(SPI_gettypeid(RelationGetDescr(td->tg_relation), gs->prov_att),
						  &gs->prov_typoutput, &varlena);
	}
	else if (gs->policy.require_verified)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("antidote guard: policy requires verified provenance but no provenance column is given")));

	/*
	 * Every SPI call leaves CurrentMemoryContext at SPI's procedure context,
	 * freed at SPI_finish: whatever must outlive the row is put in cxt
	 * explicitly.
	 */
	gs->extschema = MemoryContextStrdup(cxt, extension_schema());
	if (gs->policy.has_max_suspicion)
	{
		Oid			args[2] = {TEXTOID, JSONBOID};
		FmgrInfo	settings_fn;

		lookup_fn(gs, "suspicion_score", 2, args, &gs->score_fn, cxt);
		lookup_fn(gs, "suspicion_settings", 0, NULL, &settings_fn, cxt);
		{
			MemoryContext old = MemoryContextSwitchTo(cxt);

			gs->settings = datumCopy(FunctionCall0Coll(&settings_fn, InvalidOid), false, -1);
			MemoryContextSwitchTo(old);
		}
	}
	if (gs->policy.require_verified)
	{
		Oid			args[2] = {TEXTOID, JSONOID};

		lookup_fn(gs, "provenance_verify", 2, args, &gs->verify_fn, cxt);
	}
	if (gs->policy.max_near_duplicates >= 0)
	{
		StringInfoData sql;
		const char *col = quote_identifier(tg->tgargs[0]);
		const char *nsp = gs->extschema;
		Oid			types[2] = {TEXTOID, TIDOID};

		initStringInfo(&sql);
		appendStringInfo(&sql,
						 "SELECT pg_catalog.count(*) FROM (SELECT 1 FROM ONLY %s.%s t "
						 "WHERE ($2 IS NULL OR t.ctid OPERATOR(pg_catalog.<>) $2) AND "
						 "((%s.fuzzy_hash(t.%s) OPERATOR(%s.%%) %s.fuzzy_hash($1)) OR "
						 "(%s.minhash(t.%s) OPERATOR(%s.%%) %s.minhash($1))) LIMIT %ld) s",
						 quote_identifier(get_namespace_name(RelationGetNamespace(td->tg_relation))),
						 quote_identifier(RelationGetRelationName(td->tg_relation)),
						 nsp, col, nsp, nsp, nsp, col, nsp, nsp,
						 gs->policy.max_near_duplicates + 1);
		gs->dup_plan = SPI_prepare(sql.data, 2, types);
		if (gs->dup_plan == NULL)
			elog(ERROR, "antidote guard: could not prepare the near-duplicate lookup: %s",
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(gs->dup_plan);
		gs->free_plan.func = free_dup_plan;
		gs->free_plan.arg = gs;
		MemoryContextRegisterResetCallback(cxt, &gs->free_plan);
		gs->table_owner = relation_owner(RelationGetRelid(td->tg_relation));
	}
	if (gs->policy.on_reject == AD_REJECT_QUARANTINE)
	{
		char	   *q = spi_get_text("SELECT 'antidote.quarantine'::pg_catalog.regclass::pg_catalog.oid::pg_catalog.text",
									 0, NULL, NULL);

		gs->quarantine_owner = relation_owner((Oid) strtoul(q, NULL, 10));
	}
	entry->lxid = MyProc->lxid;
	entry->stmt_start = GetCurrentStatementStartTimestamp();
	entry->gs = gs;
	return gs;
}

/* Count stored near-duplicates of content, as the table's owner. */
static long
count_near_duplicates(GuardState *gs, Datum content, TriggerData *td)
{
	Oid			save_user;
	int			save_sec;
	Datum		args[2];
	char		nulls[2] = {' ', 'n'};
	long		n;
	bool		isnull;
	int			nest,
				rc;

	args[0] = content;
	args[1] = (Datum) 0;
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		args[1] = PointerGetDatum(&td->tg_trigtuple->t_self);
		nulls[1] = ' ';
	}
	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(gs->table_owner, save_sec | SECURITY_LOCAL_USERID_CHANGE);

	/*
	 * A bulk load starts on an empty table whose statistics never catch up
	 * during the load: without this the planner keeps choosing a scan of the
	 * whole table for every row.  With the ssdeep/MinHash indexes, use them.
	 */
	nest = NewGUCNestLevel();
	(void) set_config_option("enable_seqscan", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	/* Not read-only: rows stored earlier in the same statement (a COPY) count too. */
	rc = SPI_execute_plan(gs->dup_plan, args, nulls, false, 1);
	AtEOXact_GUC(true, nest);
	SetUserIdAndSecContext(save_user, save_sec);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "antidote guard: near-duplicate lookup failed");
	n = (long) DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	return n;
}

/* The provenance column as json text, whatever its declared type. */
static Datum
provenance_as_json(GuardState *gs, HeapTuple tuple, TupleDesc desc, bool *isnull)
{
	Datum		v = SPI_getbinval(tuple, desc, gs->prov_att, isnull);

	if (*isnull)
		return (Datum) 0;
	return CStringGetTextDatum(OidOutputFunctionCall(gs->prov_typoutput, v));
}

/* Write the row and its reasons to antidote.quarantine, as that table's owner. */
static void
quarantine_row(GuardState *gs, TriggerData *td, HeapTuple tuple, ArrayType *reasons)
{
	Relation	rel = td->tg_relation;
	Oid			types[5] = {OIDOID, rel->rd_rel->reltype, TEXTARRAYOID, TEXTOID, TEXTOID};
	Datum		args[5];
	Oid			save_user;
	int			save_sec;
	int			rc;

	args[0] = ObjectIdGetDatum(RelationGetRelid(rel));
	args[1] = heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel));
	args[2] = PointerGetDatum(reasons);
	args[3] = CStringGetTextDatum(gs->policy_text);
	GetUserIdAndSecContext(&save_user, &save_sec);
	args[4] = CStringGetTextDatum(GetUserNameFromId(save_user, false));
	SetUserIdAndSecContext(gs->quarantine_owner, save_sec | SECURITY_LOCAL_USERID_CHANGE);
	rc = SPI_execute_with_args("INSERT INTO antidote.quarantine "
							   "(table_name, row_data, reasons, policy, quarantined_by) "
							   "VALUES ($1::pg_catalog.regclass, pg_catalog.to_jsonb($2), $3, $4, $5::pg_catalog.name)",
							   5, types, args, NULL, false, 0);
	SetUserIdAndSecContext(save_user, save_sec);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "antidote guard: could not write to antidote.quarantine");
}

PG_FUNCTION_INFO_V1(antidote_guard);
Datum
antidote_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	HeapTuple	tuple;
	TupleDesc	desc;
	GuardState *gs;
	ad_guard_facts facts = {-1, NULL, -1};
	ad_guard_verdict verdict;
	bool		isnull;
	Datum		content;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(td->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("antidote.guard must be a BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger")));
	tuple = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	if (guard_bypass)
		return PointerGetDatum(tuple);

	desc = RelationGetDescr(td->tg_relation);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "antidote guard: SPI_connect failed");
	gs = guard_state(td);

	content = SPI_getbinval(tuple, desc, gs->content_att, &isnull);
	if (isnull)
		content = CStringGetTextDatum("");
	if (gs->policy.has_max_suspicion)
		facts.suspicion = DatumGetFloat8(FunctionCall2Coll(&gs->score_fn, DEFAULT_COLLATION_OID,
														   content, gs->settings));
	if (gs->policy.require_verified)
	{
		Datum		env = provenance_as_json(gs, tuple, desc, &isnull);

		facts.provenance = isnull ? "unsigned" :
			TextDatumGetCString(FunctionCall2Coll(&gs->verify_fn, DEFAULT_COLLATION_OID, content, env));
	}
	if (gs->policy.max_near_duplicates >= 0)
		facts.near_duplicates = count_near_duplicates(gs, content, td);

	AD_PG_CHECK(ad_policy_check(&gs->policy, &facts, &verdict), "antidote.guard", "policy");
	if (verdict.nreasons > 0)
	{
		Datum		items[AD_POLICY_MAX_REASONS];
		StringInfoData detail;
		int			i;

		initStringInfo(&detail);
		for (i = 0; i < verdict.nreasons; i++)
		{
			items[i] = CStringGetTextDatum(verdict.reasons[i]);
			appendStringInfo(&detail, "%s%s", i ? "; " : "", verdict.reasons[i]);
		}
		if (gs->policy.on_reject == AD_REJECT_ERROR)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("antidote guard rejected a row of table \"%s\"",
							RelationGetRelationName(td->tg_relation)),
					 errdetail("%s.", detail.data),
					 errtableconstraint(td->tg_relation, "antidote_guard")));
		quarantine_row(gs, td, tuple,
					   construct_array(items, verdict.nreasons, TEXTOID, -1, false, TYPALIGN_INT));
		tuple = NULL;
	}
	SPI_finish();
	return PointerGetDatum(tuple);
}

/* Validate a policy; returns its canonical form. */
PG_FUNCTION_INFO_V1(antidote_guard_check);
Datum
antidote_guard_check(PG_FUNCTION_ARGS)
{
	char	   *policy = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ad_policy	p;
	char		buf[256];

	parse_policy_or_error(policy, &p);
	AD_PG_CHECK(ad_policy_format(&p, buf, sizeof(buf)), "guard_check", "policy");
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/*
 * Put a reviewed row back into its table, past the guard, and drop it from
 * quarantine.  The quarantined row is locked first: a concurrent release of
 * the same id waits, then finds it gone and returns false.  The copy is
 * deleted only when the row went back whole: every stored column is still a
 * column of the table and the INSERT stored exactly one row with the stored
 * values (explicit ids included).  Columns added since take their defaults.
 * Anything else is an error, and the error leaves the copy where it is.
 */
PG_FUNCTION_INFO_V1(antidote_release);
Datum
antidote_release(PG_FUNCTION_ARGS)
{
	int64		id = PG_GETARG_INT64(0);
	Oid			types[2] = {INT8OID, JSONBOID};
	Datum		args[2];
	Oid			relid;
	bool		isnull;
	char	   *table,
			   *missing,
			   *cols;
	StringInfoData insert;

	args[0] = Int64GetDatum(id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "antidote.release: SPI_connect failed");
	if (SPI_execute_with_args("SELECT q.table_name::pg_catalog.oid, q.row_data FROM antidote.quarantine q "
							  "WHERE q.id OPERATOR(pg_catalog.=) $1 FOR UPDATE",
							  1, types, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "antidote.release: reading the quarantine failed");
	if (SPI_processed == 0)
	{
		SPI_finish();
		PG_RETURN_BOOL(false);
	}
	relid = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	/* Detoasted now: the quarantine row is deleted before the function returns. */
	args[1] = PointerGetDatum(PG_DETOAST_DATUM_COPY(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull)));
	args[0] = ObjectIdGetDatum(relid);
	types[0] = OIDOID;

	table = spi_get_text("SELECT pg_catalog.quote_ident(n.nspname) OPERATOR(pg_catalog.||) '.' "
						 "OPERATOR(pg_catalog.||) pg_catalog.quote_ident(c.relname) "
						 "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace "
						 "WHERE c.oid OPERATOR(pg_catalog.=) $1 AND c.relkind IN ('r', 'p')",
						 1, types, args);
	if (table == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("antidote.release: argument 1: the table of quarantined row " INT64_FORMAT " no longer exists",
						id),
				 errdetail("The row stays in antidote.quarantine.")));

	/* Every stored column must still be there, under its name. */
	missing = spi_get_text("SELECT k.key FROM pg_catalog.jsonb_object_keys($2) k(key) "
						   "WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a "
						   "WHERE a.attrelid OPERATOR(pg_catalog.=) $1 AND a.attnum OPERATOR(pg_catalog.>) 0 "
						   "AND NOT a.attisdropped AND a.attname::pg_catalog.text OPERATOR(pg_catalog.=) k.key) "
						   "ORDER BY 1 LIMIT 1",
						   2, types, args);
	if (missing != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("antidote.release: argument 1: column \"%s\" of quarantined row " INT64_FORMAT " is no longer in table %s",
						missing, id, table),
				 errdetail("The table changed since the row was quarantined; the row stays in antidote.quarantine."),
				 errhint("Restore the column, or copy the row out of antidote.quarantine by hand.")));

	/* The stored columns, in table order; generated columns are recomputed. */
	cols = spi_get_text("SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) "
						"FROM pg_catalog.pg_attribute a WHERE a.attrelid OPERATOR(pg_catalog.=) $1 "
						"AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped AND a.attgenerated OPERATOR(pg_catalog.=) '' "
						"AND pg_catalog.jsonb_exists($2, a.attname::pg_catalog.text)",
						2, types, args);
	initStringInfo(&insert);
	if (cols == NULL)
		appendStringInfo(&insert, "INSERT INTO %s DEFAULT VALUES", table);
	else
		appendStringInfo(&insert, "INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s "
						 "FROM pg_catalog.jsonb_populate_record(NULL::%s, $1)",
						 table, cols, cols, table);

	guard_bypass = true;
	PG_TRY();
	{
		if (SPI_execute_with_args(insert.data, 1, &types[1], &args[1], NULL, false, 0) != SPI_OK_INSERT)
			elog(ERROR, "antidote.release: re-insert failed");
	}
	PG_FINALLY();
	{
		guard_bypass = false;
	}
	PG_END_TRY();
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("antidote.release: argument 1: quarantined row " INT64_FORMAT " was not stored in table %s (a trigger or rule of the table skipped it)",
						id, table),
				 errdetail("The row stays in antidote.quarantine.")));

	args[0] = Int64GetDatum(id);
	types[0] = INT8OID;
	if (SPI_execute_with_args("DELETE FROM antidote.quarantine WHERE id OPERATOR(pg_catalog.=) $1",
							  1, types, args, NULL, false, 0) != SPI_OK_DELETE || SPI_processed != 1)
		elog(ERROR, "antidote.release: could not delete quarantined row " INT64_FORMAT, id);
	SPI_finish();
	PG_RETURN_BOOL(true);
}
