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
#include "pg_guard.h"

#include "access/genam.h"
#include "access/table.h"
#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"

/* Set while antidote.release() re-inserts a reviewed row: the guard lets it pass. */
static bool guard_bypass = false;

/* First key of the advisory lock that serializes near-duplicate checks ("ad" + 1). */
#define GUARD_LOCK_CLASS 0x61640001

/*
 * Per-statement state of one guard trigger.  It cannot live in fn_extra: COPY
 * calls triggers in a per-row memory context, which fmgr then uses as fn_mcxt.
 * So states are kept per trigger in a backend-level table and rebuilt at the
 * first row of each statement, and whenever the table's columns changed under
 * it (an ALTER TABLE inside the same statement, e.g. in a DO block).
 */
typedef struct GuardState
{
	Oid			tgoid;
	ad_policy	policy;
	char		policy_text[256];
	int			content_att;
	Oid			content_type;	/* declared type when the state was built */
	int			prov_att;		/* 0 when the trigger names no provenance column */
	Oid			prov_type;
	Oid			prov_typoutput;
	char	   *extschema;		/* quoted schema of the extension's functions */
	FmgrInfo	score_fn;
	Datum		settings;		/* the owner's suspicion settings, as context JSON */
	char		ssdeep_threshold[16];	/* the owner's % thresholds, as setting text */
	char		minhash_threshold[32];
	FmgrInfo	verify_fn;
	SPIPlanPtr	dup_plan;
	int			source_att;		/* 0 when the trigger names no source column */
	Oid			source_type;
	SPIPlanPtr	neighbours_plan;	/* stored near-duplicates as JSON, or NULL */
	Oid			lookup_relid;	/* the table the trigger was created on (root of partitions) */
	Oid			lookup_owner;	/* its owner: near-duplicate lookups run as this role */
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

static void guard_sources_init(GuardState *gs, TriggerData *td);
static SPIPlanPtr guard_neighbours_plan(GuardState *gs, const char *content_col, const char *source_col);
static char *guard_neighbours(GuardState *gs, Datum content, TriggerData *td, HeapTuple tuple,
							  ad_guard_facts *facts);
static char *guard_explain(GuardState *gs, TriggerData *td, Datum content, ad_guard_facts *facts,
						   const char *neighbours, ad_verdict_reasons *why);

/* The kept near-duplicate plan goes when the state's memory does. */
static void
free_dup_plan(void *arg)
{
	GuardState *gs = (GuardState *) arg;

	if (gs->dup_plan)
		SPI_freeplan(gs->dup_plan);
	gs->dup_plan = NULL;
	if (gs->neighbours_plan)
		SPI_freeplan(gs->neighbours_plan);
	gs->neighbours_plan = NULL;
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
								   "FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'antidote'",
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
	char	   *s = spi_get_text("SELECT relowner::pg_catalog.int8::pg_catalog.text FROM pg_catalog.pg_class "
								 "WHERE oid OPERATOR(pg_catalog.=) $1",
								 1, &type, &arg);

	return s ? (Oid) strtoul(s, NULL, 10) : InvalidOid;
}

/*
 * The table the trigger was created on.  A trigger on a partitioned table is
 * cloned onto every partition; the near-duplicate lookup must search the
 * whole partitioned table, so follow the clone back to its root.
 */
static Oid
trigger_root_relation(Trigger *tg, Relation rel)
{
	Datum		arg = ObjectIdGetDatum(tg->tgoid);
	Oid			type = OIDOID;
	char	   *s;

	if (!tg->tgisclone)
		return RelationGetRelid(rel);
	s = spi_get_text("WITH RECURSIVE up AS ("
					 "SELECT t.tgrelid, t.tgparentid, 0 AS depth FROM pg_catalog.pg_trigger t "
					 "WHERE t.oid OPERATOR(pg_catalog.=) $1 "
					 "UNION ALL SELECT p.tgrelid, p.tgparentid, up.depth OPERATOR(pg_catalog.+) 1 "
					 "FROM pg_catalog.pg_trigger p JOIN up ON p.oid OPERATOR(pg_catalog.=) up.tgparentid) "
					 "SELECT tgrelid::pg_catalog.int8::pg_catalog.text FROM up ORDER BY depth DESC LIMIT 1",
					 1, &type, &arg);
	return s ? (Oid) strtoul(s, NULL, 10) : RelationGetRelid(rel);
}

/*
 * Resolve a column name given as a trigger argument; content must be text
 * (or varchar, char(n), a domain over one of them).  Generated columns are
 * computed after BEFORE triggers run, so a guard cannot see them.
 */
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
	if (TupleDescAttr(RelationGetDescr(rel), att - 1)->attgenerated != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("antidote guard: column \"%s\" of table \"%s\" is a generated column",
						name, RelationGetRelationName(rel)),
				 errdetail("Generated columns are computed after BEFORE triggers run, so the guard would see no value."),
				 errhint("Guard the column it is computed from.")));
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

/* Does the column still have the name and type it had when the state was built? */
static bool
column_unchanged(TupleDesc desc, int att, const char *name, Oid type)
{
	Form_pg_attribute a;

	if (att <= 0 || att > desc->natts)
		return false;
	a = TupleDescAttr(desc, att - 1);
	return !a->attisdropped && a->atttypid == type && strcmp(NameStr(a->attname), name) == 0;
}

/* A setting's value as a number in [lo, hi], or an error naming the setting and the role. */
static double
owner_setting_value(const char *name, const char *value, double lo, double hi, Oid owner)
{
	char	   *end;
	double		v = strtod(value, &end);

	if (end == value || *end != '\0' || !(v >= lo && v <= hi))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("antidote guard: setting %s = \"%s\" of role %s is out of range",
						name, value, GetUserNameFromId(owner, false))));
	return v;
}

/*
 * The settings a guard judges with: the release's defaults, overridden by
 * the antidote.* settings fixed for the owner of the guarded table
 * (ALTER ROLE owner SET ..., then ALTER ROLE owner IN DATABASE ... SET ...).
 * The writer's session (SET, PGOPTIONS, its own role and database settings)
 * plays no part.
 */
static void
owner_settings(GuardState *gs, Oid owner, MemoryContext cxt)
{
	ad_suspicion_params params;
	Datum		args[2] = {ObjectIdGetDatum(owner), ObjectIdGetDatum(MyDatabaseId)};
	Oid			types[2] = {OIDOID, OIDOID};
	int			ssdeep = AD_SSDEEP_THRESHOLD_DEFAULT;
	double		minhash = AD_MINHASH_THRESHOLD_DEFAULT;
	uint64		i;

	ad_suspicion_defaults(&params);
	if (SPI_execute_with_args("SELECT c.cfg FROM pg_catalog.pg_db_role_setting d, "
							  "pg_catalog.unnest(d.setconfig) WITH ORDINALITY c(cfg, n) "
							  "WHERE d.setrole OPERATOR(pg_catalog.=) $1 AND "
							  "(d.setdatabase OPERATOR(pg_catalog.=) 0::pg_catalog.oid OR "
							  "d.setdatabase OPERATOR(pg_catalog.=) $2) "
							  "ORDER BY d.setdatabase, c.n",
							  2, types, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "antidote guard: could not read the settings of the table's owner");
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *cfg = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *eq = cfg ? strchr(cfg, '=') : NULL;
		const char *name,
				   *value;

		if (eq == NULL || strncmp(cfg, "antidote.", 9) != 0)
			continue;
		*eq = '\0';
		name = cfg + 9;
		value = eq + 1;
		if (strcmp(name, "ssdeep_threshold") == 0)
			ssdeep = (int) owner_setting_value(cfg, value, 0, 100, owner);
		else if (strcmp(name, "minhash_threshold") == 0)
			minhash = owner_setting_value(cfg, value, 0, 1, owner);
		else if (strncmp(name, "suspicion_", 10) == 0)
		{
			double		v = owner_setting_value(cfg, value, 0, AD_THRESHOLD_MAX, owner);

			if (ad_suspicion_set(&params, name, v) != AD_OK)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("antidote guard: setting %s = \"%s\" of role %s is not valid",
								cfg, value, GetUserNameFromId(owner, false))));
		}
	}
	snprintf(gs->ssdeep_threshold, sizeof(gs->ssdeep_threshold), "%d", ssdeep);
	snprintf(gs->minhash_threshold, sizeof(gs->minhash_threshold), "%.17g", minhash);
	if (gs->policy.has_max_suspicion)
	{
		char	   *json;
		size_t		len;
		Datum		d;
		MemoryContext old;

		AD_PG_CHECK(ad_suspicion_settings_json(&params, &json, &len), "antidote.guard", "settings");
		d = DirectFunctionCall1(jsonb_in, CStringGetDatum(pnstrdup(json, len)));
		ad_free(json);
		old = MemoryContextSwitchTo(cxt);
		gs->settings = datumCopy(d, false, -1);
		MemoryContextSwitchTo(old);
	}
}

static GuardState *
guard_state(TriggerData *td)
{
	Trigger    *tg = td->tg_trigger;
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
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
		entry->stmt_start == GetCurrentStatementStartTimestamp() &&
		column_unchanged(desc, entry->gs->content_att, tg->tgargs[0], entry->gs->content_type) &&
		(entry->gs->prov_att == 0 ||
		 column_unchanged(desc, entry->gs->prov_att, tg->tgargs[1], entry->gs->prov_type)) &&
		(entry->gs->source_att == 0 ||
		 column_unchanged(desc, entry->gs->source_att, tg->tgargs[3], entry->gs->source_type)))
		return entry->gs;
	entry->gs = NULL;
	MemoryContextReset(entry->cxt);
	cxt = entry->cxt;
	if (tg->tgnargs != 3 && tg->tgnargs != 4)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("antidote guard: expected 3 or 4 arguments (content_col, provenance_col, policy [, source_col]), got %d",
						tg->tgnargs)));
	gs = MemoryContextAllocZero(cxt, sizeof(GuardState));
	gs->tgoid = tg->tgoid;
	parse_policy_or_error(tg->tgargs[2], &gs->policy);
	AD_PG_CHECK(ad_policy_format(&gs->policy, gs->policy_text, sizeof(gs->policy_text)),
				"antidote.guard", "policy");
	gs->content_att = guard_column(td->tg_relation, tg->tgargs[0], true);
	gs->content_type = SPI_gettypeid(desc, gs->content_att);
	if (tg->tgargs[1][0] != '\0')
	{
		bool		varlena;

		gs->prov_att = guard_column(td->tg_relation, tg->tgargs[1], false);
		gs->prov_type = SPI_gettypeid(desc, gs->prov_att);
		getTypeOutputInfo(gs->prov_type, &gs->prov_typoutput, &varlena);
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
	gs->lookup_relid = trigger_root_relation(tg, td->tg_relation);
	gs->lookup_owner = relation_owner(gs->lookup_relid);
	owner_settings(gs, gs->lookup_owner, cxt);
	if (gs->policy.has_max_suspicion)
	{
		Oid			args[2] = {TEXTOID, JSONBOID};

		lookup_fn(gs, "suspicion_score", 2, args, &gs->score_fn, cxt);
	}
	if (gs->policy.require_verified)
	{
		Oid			args[2] = {TEXTOID, JSONOID};

		lookup_fn(gs, "provenance_verify", 2, args, &gs->verify_fn, cxt);
	}
	guard_sources_init(gs, td);
	if (gs->policy.max_near_duplicates >= 0)
	{
		StringInfoData sql;
		const char *col = quote_identifier(tg->tgargs[0]);
		const char *nsp = gs->extschema;
		Oid			types[3] = {TEXTOID, TIDOID, OIDOID};
		char	   *relname = get_rel_name(gs->lookup_relid);
		char	   *relnsp = get_namespace_name(get_rel_namespace(gs->lookup_relid));

		if (relname == NULL || relnsp == NULL)
			elog(ERROR, "antidote guard: table %u of the trigger is gone", gs->lookup_relid);

		/*
		 * Everything is named by schema and the column is cast to text
		 * explicitly, so the calls resolve to the extension's own functions
		 * whatever the column's type (varchar, char(n), a domain) and
		 * whatever look-alikes other roles created.  No ONLY: a guard on a
		 * partitioned or inheritance parent searches every partition/child.
		 */
		initStringInfo(&sql);
		appendStringInfo(&sql,
						 "SELECT pg_catalog.count(*) FROM (SELECT 1 FROM %s.%s t "
						 "WHERE ($2 IS NULL OR t.tableoid OPERATOR(pg_catalog.<>) $3 "
						 "OR t.ctid OPERATOR(pg_catalog.<>) $2) AND "
						 "((%s.fuzzy_hash(t.%s::pg_catalog.text) OPERATOR(%s.%%) %s.fuzzy_hash($1)) OR "
						 "(%s.minhash(t.%s::pg_catalog.text) OPERATOR(%s.%%) %s.minhash($1))) LIMIT %ld) s",
						 quote_identifier(relnsp), quote_identifier(relname),
						 nsp, col, nsp, nsp, nsp, col, nsp, nsp,
						 gs->policy.max_near_duplicates + 1);
		gs->dup_plan = SPI_prepare(sql.data, 3, types);
		if (gs->dup_plan == NULL)
			elog(ERROR, "antidote guard: could not prepare the near-duplicate lookup: %s",
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(gs->dup_plan);
		gs->free_plan.func = free_dup_plan;
		gs->free_plan.arg = gs;
		MemoryContextRegisterResetCallback(cxt, &gs->free_plan);
	}
	if (gs->policy.max_near_duplicates >= 0 || gs->policy.max_sources >= 0)
	{
		gs->neighbours_plan = guard_neighbours_plan(gs, tg->tgargs[0],
													gs->source_att ? tg->tgargs[3] : NULL);
		if (gs->free_plan.func == NULL)
		{
			gs->free_plan.func = free_dup_plan;
			gs->free_plan.arg = gs;
			MemoryContextRegisterResetCallback(cxt, &gs->free_plan);
		}
		gs->lookup_owner = relation_owner(gs->lookup_relid);
	}
	if (gs->policy.on_reject == AD_REJECT_QUARANTINE)
	{
		Oid			qrel = get_relname_relid("quarantine", get_namespace_oid("antidote", false));
		Oid			table_owner = relation_owner(RelationGetRelid(td->tg_relation));

		if (!OidIsValid(qrel))
			elog(ERROR, "antidote guard: table antidote.quarantine is missing");
		gs->quarantine_owner = relation_owner(qrel);

		/*
		 * The quarantine is written as its owner, so only for tables whose
		 * owner may insert into it: otherwise any role could append rows to
		 * it through a guarded table of its own.
		 */
		if (pg_class_aclcheck(qrel, table_owner, ACL_INSERT) != ACLCHECK_OK)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("antidote guard: the owner of table \"%s\" may not write to antidote.quarantine",
							RelationGetRelationName(td->tg_relation)),
					 errhint("The owner of antidote.quarantine can GRANT INSERT ON antidote.quarantine TO %s; or use on_reject=error.",
							 quote_identifier(GetUserNameFromId(table_owner, false)))));
	}
	entry->lxid = MyProc->lxid;
	entry->stmt_start = GetCurrentStatementStartTimestamp();
	entry->gs = gs;
	return gs;
}

/*
 * Run a near-duplicate lookup plan (the count or the listing) for content, as
 * the owner of the guarded table, with the owner's similarity thresholds (the
 * writer's session settings do not apply).  The lookup is serialized per guarded table by a
 * transaction-level advisory lock, so that concurrent writers cannot each
 * see the others' rows as absent: the lock is held until commit, and the
 * lookup's snapshot is taken after it is granted.
 */
static int
lookup_as_owner(GuardState *gs, Datum content, TriggerData *td, SPIPlanPtr plan)
{
	Oid			save_user;
	int			save_sec;
	Datum		args[3];
	char		nulls[3] = {' ', 'n', 'n'};
	int			nest,
				rc;

	args[0] = content;
	args[1] = (Datum) 0;
	args[2] = (Datum) 0;
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		args[1] = PointerGetDatum(&td->tg_trigtuple->t_self);
		args[2] = ObjectIdGetDatum(RelationGetRelid(td->tg_relation));
		nulls[1] = nulls[2] = ' ';
	}
	DirectFunctionCall2(pg_advisory_xact_lock_int4, Int32GetDatum(GUARD_LOCK_CLASS),
						Int32GetDatum((int32) gs->lookup_relid));

	GetUserIdAndSecContext(&save_user, &save_sec);
	SetUserIdAndSecContext(gs->lookup_owner,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);

	/*
	 * A bulk load starts on an empty table whose statistics never catch up
	 * during the load: without this the planner keeps choosing a scan of the
	 * whole table for every row.  With the ssdeep/MinHash indexes, use them.
	 */
	nest = NewGUCNestLevel();
	(void) set_config_option("enable_seqscan", "off", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("antidote.ssdeep_threshold", gs->ssdeep_threshold,
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("antidote.minhash_threshold", gs->minhash_threshold,
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
	/* Not read-only: rows stored earlier in the same statement (a COPY) count too. */
	rc = SPI_execute_plan(plan, args, nulls, false, 1);
	AtEOXact_GUC(true, nest);
	SetUserIdAndSecContext(save_user, save_sec);
	return rc;
}

/* The number of stored near-duplicates of content (up to the plan's limit). */
static long
count_near_duplicates(GuardState *gs, Datum content, TriggerData *td)
{
	bool		isnull;

	if (lookup_as_owner(gs, content, td, gs->dup_plan) != SPI_OK_SELECT)
		elog(ERROR, "antidote guard: near-duplicate lookup failed");
	return (long) DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
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

/* Is s a JSON number as PostgreSQL's numeric types print one (not NaN or Infinity)? */
static bool
is_json_number(const char *s)
{
	if (*s == '-')
		s++;
	return *s >= '0' && *s <= '9';
}

/*
 * The row as a jsonb object, column name to value, built only with the
 * columns' type output functions (C functions, which only superusers can
 * create), never with casts: to_jsonb() would call a cast to json that the
 * writer defined for a type of its own.  Numbers, booleans and json values
 * keep their JSON form, everything else is its text; output styles are fixed
 * so that the text reads back the same whatever the reviewer's settings.
 * jsonb_populate_record, used by release, reads these strings back.
 */
static Datum
row_as_jsonb(TupleDesc desc, HeapTuple tuple)
{
	StringInfoData buf;
	bool		first = true;
	int			i,
				nest;

	nest = NewGUCNestLevel();
	(void) set_config_option("datestyle", "ISO, YMD", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("intervalstyle", "postgres", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("extra_float_digits", "1", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	(void) set_config_option("bytea_output", "hex", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);
		bool		isnull,
					varlena;
		Datum		v;
		Oid			out;
		char	   *s;

		if (a->attisdropped)
			continue;
		if (!first)
			appendStringInfoChar(&buf, ',');
		first = false;
		escape_json(&buf, NameStr(a->attname));
		appendStringInfoChar(&buf, ':');
		v = heap_getattr(tuple, i + 1, desc, &isnull);
		if (isnull)
		{
			appendStringInfoString(&buf, "null");
			continue;
		}
		getTypeOutputInfo(a->atttypid, &out, &varlena);
		s = OidOutputFunctionCall(out, v);
		switch (getBaseType(a->atttypid))
		{
			case BOOLOID:
				appendStringInfoString(&buf, DatumGetBool(v) ? "true" : "false");
				break;
			case INT2OID:
			case INT4OID:
			case INT8OID:
			case FLOAT4OID:
			case FLOAT8OID:
			case NUMERICOID:
				if (is_json_number(s))
					appendStringInfoString(&buf, s);
				else
					escape_json(&buf, s);
				break;
			case JSONOID:
			case JSONBOID:
				appendStringInfoString(&buf, s);
				break;
			default:
				escape_json(&buf, s);
				break;
		}
		pfree(s);
	}
	appendStringInfoChar(&buf, '}');
	AtEOXact_GUC(true, nest);
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}

/*
 * Write the row and its reasons to antidote.quarantine.  The row is turned
 * into jsonb first, in the writer's identity and without any cast or function
 * of the writer's; only then does the INSERT, which holds nothing but these
 * parameters, run as the quarantine's owner.
 */
static void
quarantine_row(GuardState *gs, TriggerData *td, HeapTuple tuple, ArrayType *reasons, const char *verdict)
{
	Relation	rel = td->tg_relation;
	Oid			types[7] = {OIDOID, JSONBOID, TEXTARRAYOID, TEXTOID, TEXTOID, TEXTOID, JSONBOID};
	Datum		args[7];
	char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', 'n'};
	Oid			save_user;
	int			save_sec;
	int			rc;

	args[0] = ObjectIdGetDatum(RelationGetRelid(rel));
	args[1] = row_as_jsonb(RelationGetDescr(rel), tuple);
	/* An UPDATE keeps the row it would have replaced, so that release can apply it there. */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && td->tg_trigtuple != NULL)
	{
		args[6] = row_as_jsonb(RelationGetDescr(rel), td->tg_trigtuple);
		nulls[6] = ' ';
	}
	args[2] = PointerGetDatum(reasons);
	args[3] = CStringGetTextDatum(gs->policy_text);
	GetUserIdAndSecContext(&save_user, &save_sec);
	args[4] = CStringGetTextDatum(GetUserNameFromId(save_user, false));
	if (verdict != NULL)
		args[5] = PointerGetDatum(ad_pg_text_from_utf8(verdict, strlen(verdict)));
	else
		nulls[5] = 'n';
	SetUserIdAndSecContext(gs->quarantine_owner,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	rc = SPI_execute_with_args("INSERT INTO antidote.quarantine "
							   "(table_name, row_data, reasons, policy, quarantined_by, verdict, old_row) "
							   "VALUES ($1::pg_catalog.regclass, $2, $3, $4, $5::pg_catalog.name, $6::pg_catalog.jsonb, $7)",
							   7, types, args, nulls, false, 0);
	SetUserIdAndSecContext(save_user, save_sec);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "antidote guard: could not write to antidote.quarantine");
}

/* Did an UPDATE leave the column's value exactly as it was? */
static bool
column_same(TriggerData *td, int att)
{
	TupleDesc	desc = RelationGetDescr(td->tg_relation);
	Form_pg_attribute a = TupleDescAttr(desc, att - 1);
	bool		null_old,
				null_new;
	Datum		old = heap_getattr(td->tg_trigtuple, att, desc, &null_old);
	Datum		new = heap_getattr(td->tg_newtuple, att, desc, &null_new);

	if (null_old || null_new)
		return null_old && null_new;
	return datum_image_eq(old, new, a->attbyval, a->attlen);
}

PG_FUNCTION_INFO_V1(antidote_guard);
Datum
antidote_guard(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	HeapTuple	tuple;
	TupleDesc	desc;
	GuardState *gs;
	ad_guard_facts facts = AD_GUARD_FACTS_INIT;
	ad_guard_verdict verdict;
	bool		isnull;
	Datum		content;
	char	   *neighbours = NULL;

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

	/* on_update=changed: an UPDATE that keeps content and provenance was judged already. */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && !gs->policy.update_always &&
		column_same(td, gs->content_att) && (gs->prov_att == 0 || column_same(td, gs->prov_att)))
	{
		SPI_finish();
		return PointerGetDatum(tuple);
	}

	content = SPI_getbinval(tuple, desc, gs->content_att, &isnull);
	if (isnull)
		content = CStringGetTextDatum("");
	else if (getBaseType(gs->content_type) == BPCHAROID)
		content = DirectFunctionCall1(rtrim1, content);	/* as char(n)::text reads it */
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
	if (gs->policy.max_sources >= 0)
		neighbours = guard_neighbours(gs, content, td, tuple, &facts);

	AD_PG_CHECK(ad_policy_check(&gs->policy, &facts, &verdict), "antidote.guard", "policy");
	if (verdict.nreasons > 0)
	{
		Datum		items[AD_POLICY_MAX_REASONS];
		StringInfoData detail;
		ad_verdict_reasons why;
		char	   *vjson;
		int			i;

		/* The uncapped counts and the matched rows, for the verdict. */
		if (neighbours == NULL && gs->neighbours_plan != NULL)
			neighbours = guard_neighbours(gs, content, td, tuple, &facts);
		vjson = guard_explain(gs, td, content, &facts, neighbours, &why);
		if (gs->policy.on_reject == AD_REJECT_ERROR)
		{
			initStringInfo(&detail);
			/* A writer that may not read the table learns no count of its rows. */
			if (((facts.near_duplicates > gs->policy.max_near_duplicates &&
				  gs->policy.max_near_duplicates >= 0) || gs->policy.max_sources >= 0) &&
				pg_class_aclcheck(gs->lookup_relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
			{
				AD_PG_CHECK(ad_policy_check_ex(&gs->policy, &facts, 1, &verdict), "antidote.guard", "policy");
				for (i = 0; i < verdict.nreasons; i++)
					appendStringInfo(&detail, "%s%s", i ? "; " : "", verdict.reasons[i]);
			}
			else
				for (i = 0; i < why.n; i++)
					appendStringInfo(&detail, "%s%s", i ? "; " : "", why.r[i]);
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("antidote guard rejected a row of table \"%s\"",
							RelationGetRelationName(td->tg_relation)),
					 errdetail("%s.", detail.data),
					 errtableconstraint(td->tg_relation, "antidote_guard")));
		}
		for (i = 0; i < why.n; i++)
			items[i] = CStringGetTextDatum(why.r[i]);
		quarantine_row(gs, td, tuple,
					   construct_array(items, why.n, TEXTOID, -1, false, TYPALIGN_INT), vjson);
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
	Oid			types[3] = {INT8OID, JSONBOID, JSONBOID};
	Datum		args[3];
	Oid			relid;
	bool		isnull,
				is_update;
	char	   *table,
			   *missing,
			   *cols,
			   *key = NULL;
	StringInfoData insert;

	args[0] = Int64GetDatum(id);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "antidote.release: SPI_connect failed");
	if (SPI_execute_with_args("SELECT q.table_name::pg_catalog.oid, q.row_data, q.old_row FROM antidote.quarantine q "
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
	args[2] = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull);
	is_update = !isnull;
	if (is_update)
		args[2] = PointerGetDatum(PG_DETOAST_DATUM_COPY(args[2]));
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
	if (is_update)
	{
		/* A quarantined UPDATE is applied to the row it came from, found by its primary key. */
		key = spi_get_text("SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) "
						   "FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a "
						   "ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid AND a.attnum OPERATOR(pg_catalog.=) ANY (i.indkey) "
						   "WHERE i.indrelid OPERATOR(pg_catalog.=) $1 AND i.indisprimary",
						   1, types, args);
		if (key == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("antidote.release: argument 1: quarantined row " INT64_FORMAT " is an UPDATE of table %s, which has no primary key to find the row it came from",
							id, table),
					 errdetail("The row stays in antidote.quarantine."),
					 errhint("Add a primary key to the table, or apply the change by hand from row_data and old_row.")));
	}
	initStringInfo(&insert);
	if (is_update)
		appendStringInfo(&insert, "UPDATE %s SET (%s) = (SELECT %s FROM pg_catalog.jsonb_populate_record(NULL::%s, $1)) "
						 "WHERE (%s) = (SELECT %s FROM pg_catalog.jsonb_populate_record(NULL::%s, $2))",
						 table, cols ? cols : key, cols ? cols : key, table, key, key, table);
	else if (cols == NULL)
		appendStringInfo(&insert, "INSERT INTO %s DEFAULT VALUES", table);
	else
		appendStringInfo(&insert, "INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s "
						 "FROM pg_catalog.jsonb_populate_record(NULL::%s, $1)",
						 table, cols, cols, table);

	guard_bypass = true;
	PG_TRY();
	{
		if (SPI_execute_with_args(insert.data, is_update ? 2 : 1, &types[1], &args[1], NULL, false, 0) !=
			(is_update ? SPI_OK_UPDATE : SPI_OK_INSERT))
			elog(ERROR, "antidote.release: re-insert failed");
	}
	PG_FINALLY();
	{
		guard_bypass = false;
	}
	PG_END_TRY();
	if (is_update && SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("antidote.release: argument 1: quarantined update " INT64_FORMAT " found no row of table %s to apply to (deleted or re-keyed since, or a trigger skipped it)",
						id, table),
				 errdetail("The row stays in antidote.quarantine.")));
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

/* ---- sources, verdicts and the sweep's quarantine path ---- */

/*
 * The source column (the trigger's 4th argument): text-like or integer, so
 * that comparing and printing it runs only built-in code.
 */
static void
guard_sources_init(GuardState *gs, TriggerData *td)
{
	Trigger    *tg = td->tg_trigger;

	if (tg->tgnargs >= 4 && tg->tgargs[3][0] != '\0')
	{
		gs->source_att = ad_pg_guard_source_column(td->tg_relation, tg->tgargs[3], "antidote guard");
		gs->source_type = SPI_gettypeid(RelationGetDescr(td->tg_relation), gs->source_att);
	}
	else if (gs->policy.max_sources >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("antidote guard: policy has max_sources but no source column is given"),
				 errhint("Give the source column as the trigger's fourth argument: antidote.guard(content_col, provenance_col, policy, source_col).")));
}

int
ad_pg_guard_source_column(Relation rel, const char *name, const char *fn)
{
	int			att = SPI_fnumber(RelationGetDescr(rel), name);
	Oid			type;

	if (att <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: source column \"%s\" does not exist in table \"%s\"",
						fn, name, RelationGetRelationName(rel))));
	type = getBaseType(SPI_gettypeid(RelationGetDescr(rel), att));
	if (type != TEXTOID && type != VARCHAROID && type != BPCHAROID && type != NAMEOID &&
		type != INT2OID && type != INT4OID && type != INT8OID && type != UUIDOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: source column \"%s\" must be of type text, varchar, char, name, an integer type or uuid",
						fn, name)));
	return att;
}

/*
 * How verdicts name a stored row: its primary key as text when the key is one
 * column, else its ctid.  Only built-in casts: the key's type is the table
 * owner's.
 */
char *
ad_pg_row_id_expr(Relation rel)
{
	Oid			pk = RelationGetPrimaryKeyIndex(rel);
	char	   *expr = NULL;

	if (OidIsValid(pk))
	{
		Relation	idx = index_open(pk, AccessShareLock);

		if (idx->rd_index->indnkeyatts == 1 && idx->rd_index->indkey.values[0] > 0)
		{
			Form_pg_attribute a = TupleDescAttr(RelationGetDescr(rel), idx->rd_index->indkey.values[0] - 1);

			expr = psprintf("t.%s::pg_catalog.text", quote_identifier(NameStr(a->attname)));
		}
		index_close(idx, AccessShareLock);
	}
	return expr ? expr : pstrdup("t.ctid::pg_catalog.text");
}

/*
 * The stored near-duplicates of a row as a JSON array of {"id", "source"}, up
 * to the verdict count limit + 1.  Every function and operator is
 * schema-qualified and the columns are cast explicitly to text, so nothing on
 * the caller's search_path can stand in for them when this runs as the
 * table's owner.
 */
static SPIPlanPtr
guard_neighbours_plan(GuardState *gs, const char *content_col, const char *source_col)
{
	StringInfoData sql;
	const char *col = quote_identifier(content_col);
	const char *nsp = gs->extschema;
	Oid			types[3] = {TEXTOID, TIDOID, OIDOID};
	SPIPlanPtr	plan;
	Relation	rel = table_open(gs->lookup_relid, AccessShareLock);
	char	   *idexpr = ad_pg_row_id_expr(rel);

	table_close(rel, AccessShareLock);
	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "SELECT pg_catalog.json_agg(pg_catalog.json_build_object('id', s.id, 'source', s.source) ORDER BY s.id COLLATE \"C\")::pg_catalog.text "
					 "FROM (SELECT %s AS id, %s%s%s AS source FROM %s.%s t "
					 "WHERE ($2 IS NULL OR t.tableoid OPERATOR(pg_catalog.<>) $3 "
					 "OR t.ctid OPERATOR(pg_catalog.<>) $2) AND "
					 "((%s.fuzzy_hash(t.%s::pg_catalog.text) OPERATOR(%s.%%) %s.fuzzy_hash($1)) OR "
					 "(%s.minhash(t.%s::pg_catalog.text) OPERATOR(%s.%%) %s.minhash($1))) LIMIT %d) s",
					 idexpr,
					 source_col ? "t." : "NULL::pg_catalog.text",
					 source_col ? quote_identifier(source_col) : "",
					 source_col ? "::pg_catalog.text" : "",
					 quote_identifier(get_namespace_name(get_rel_namespace(gs->lookup_relid))),
					 quote_identifier(get_rel_name(gs->lookup_relid)),
					 nsp, col, nsp, nsp, nsp, col, nsp, nsp, AD_VERDICT_COUNT_LIMIT + 1);
	plan = SPI_prepare(sql.data, 3, types);
	if (plan == NULL)
		elog(ERROR, "antidote guard: could not prepare the near-duplicate listing: %s",
			 SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	return plan;
}

/*
 * List the row's stored near-duplicates and count them and their sources: as
 * count_near_duplicates looks them up (the guarded table's owner and its
 * thresholds, serialized by the same advisory lock).
 */
static char *
guard_neighbours(GuardState *gs, Datum content, TriggerData *td, HeapTuple tuple, ad_guard_facts *facts)
{
	char	   *json = NULL,
			   *src = NULL;
	bool		isnull;
	int			rc;

	if (gs->source_att)
		src = SPI_getvalue(tuple, RelationGetDescr(td->tg_relation), gs->source_att);
	rc = lookup_as_owner(gs, content, td, gs->neighbours_plan);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "antidote guard: near-duplicate listing failed");
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		size_t		len;
		const char *u;

		if (isnull)
			json = pstrdup("[]");
		else
		{
			u = ad_pg_text_utf8(DatumGetTextPP(d), &len);
			json = pnstrdup(u, len);
		}
	}
	if (src != NULL)
	{
		size_t		len;
		const char *u = ad_pg_text_utf8(cstring_to_text(src), &len);

		AD_PG_CHECK(ad_verdict_count(json, strlen(json), u, len, &facts->near_duplicates,
									 &facts->distinct_sources), "antidote.guard", "near-duplicates");
	}
	else
		AD_PG_CHECK(ad_verdict_count(json, strlen(json), NULL, 0, &facts->near_duplicates,
									 &facts->distinct_sources), "antidote.guard", "near-duplicates");
	return json;
}

/* The verdict of a rejected row: reasons naming the signals, and its JSON (UTF-8). */
static char *
guard_explain(GuardState *gs, TriggerData *td, Datum content, ad_guard_facts *facts,
			  const char *neighbours, ad_verdict_reasons *why)
{
	ad_verdict_in in;
	char	   *json = NULL,
			   *res;
	size_t		len = 0;
	ad_status	st;

	memset(&in, 0, sizeof(in));
	in.operation = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? "UPDATE" : "INSERT";
	in.text = ad_pg_text_utf8(DatumGetTextPP(content), &in.len);
	if (gs->policy.has_max_suspicion)
	{
		in.settings = DatumGetCString(DirectFunctionCall1(jsonb_out, gs->settings));
		in.settingslen = strlen(in.settings);
	}
	in.neighbours = neighbours;
	in.neighbourslen = neighbours ? strlen(neighbours) : 0;
	st = ad_verdict_build(&gs->policy, facts, &in, why, &json, &len);
	AD_PG_CHECK(st, "antidote.guard", "verdict");
	if (json == NULL)
		elog(ERROR, "antidote guard: a rejected row has no verdict");
	res = pnstrdup(json, len);
	free(json);
	return res;
}

/*
 * The sweep's way into antidote.quarantine: the guard's own quarantine_row.
 * Needs an SPI connection.
 */
void
ad_pg_quarantine(Relation rel, HeapTuple tuple, ArrayType *reasons, const char *policy,
				 const char *verdict)
{
	GuardState	gs;
	TriggerData td;
	Oid			qrel = get_relname_relid("quarantine", get_namespace_oid("antidote", false));
	Oid			table_owner = relation_owner(RelationGetRelid(rel));

	memset(&gs, 0, sizeof(gs));
	memset(&td, 0, sizeof(td));
	td.type = T_TriggerData;
	td.tg_relation = rel;
	strlcpy(gs.policy_text, policy, sizeof(gs.policy_text));
	if (!OidIsValid(qrel))
		elog(ERROR, "antidote.sweep: table antidote.quarantine is missing");
	gs.quarantine_owner = relation_owner(qrel);
	/* As for the guard: only tables whose owner may insert into the quarantine. */
	if (pg_class_aclcheck(qrel, table_owner, ACL_INSERT) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("antidote.sweep: the owner of table \"%s\" may not write to antidote.quarantine",
						RelationGetRelationName(rel)),
				 errhint("The owner of antidote.quarantine can GRANT INSERT ON antidote.quarantine TO %s.",
						 quote_identifier(GetUserNameFromId(table_owner, false)))));
	quarantine_row(&gs, &td, tuple, reasons, verdict);
}
