/*
 * PostgreSQL binding: Ed25519 keys, DSSE envelopes, in-toto statements and
 * the trusted-key registry antidote.trusted_keys.  Parsed public keys are
 * cached per backend; private keys are read from antidote.keyring_dir.
 */
#include "antidote_pg.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

static char *ad_keyring_dir = NULL;
static ad_key_cache *prov_cache = NULL;
static SPIPlanPtr registry_plan = NULL;

/* Register this concern's settings; called from _PG_init. */
void
ad_pg_provenance_init(void)
{
	DefineCustomStringVariable("antidote.keyring_dir",
							   "Directory of the private key files that dsse_sign may use.",
							   "Key files must be owned by the server user and not accessible "
							   "by group or others.",
							   &ad_keyring_dir, "", PGC_SUSET, 0, NULL, NULL, NULL);
}

/* The backend's key cache, made on first use. */
static ad_key_cache *
key_cache(const char *fn)
{
	if (prov_cache == NULL)
		AD_PG_CHECK(ad_key_cache_new(&prov_cache), fn, "key cache");
	return prov_cache;
}

/* A text datum from a NUL-terminated UTF-8 string. */
static Datum
utf8_datum(const char *s, size_t len)
{
	return PointerGetDatum(ad_pg_text_from_utf8(s, len));
}

/*
 * The core's UTF-8 JSON (malloc'd) as a text datum in the database's
 * encoding; the JSON is freed even when the conversion raises an error.
 */
static Datum
core_json_datum(char *json, size_t len)
{
	volatile Datum res = (Datum) 0;

	PG_TRY();
	{
		res = utf8_datum(json, len);
	}
	PG_CATCH();
	{
		ad_free(json);
		PG_RE_THROW();
	}
	PG_END_TRY();
	ad_free(json);
	return res;
}

/*
 * signing_keygen(): PostgreSQL never returns a private key as a SQL value
 * (it would pass through the protocol, logs and client history); this form
 * only says what to call instead.
 */
PG_FUNCTION_INFO_V1(antidote_signing_keygen);
Datum
antidote_signing_keygen(PG_FUNCTION_ARGS)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("signing_keygen: PostgreSQL never returns a private key as a SQL value"),
			 errhint("Call signing_keygen(name): it writes the private key to the file name in "
					 "antidote.keyring_dir and returns the public key and key id.")));
	PG_RETURN_NULL();
}

/*
 * signing_keygen(name): a new Ed25519 key pair whose private key goes to a
 * new chmod-600 file name in antidote.keyring_dir (never replacing one); the
 * public key and key id are returned.  The private key is wiped in the core.
 */
PG_FUNCTION_INFO_V1(antidote_signing_keygen_file);
Datum
antidote_signing_keygen_file(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};
	char	   *pub;
	size_t		ul;
	char		id[AD_KEYID_MAX];
	ad_status	st;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "signing_keygen: return type must be a row type");
	if (ad_keyring_dir == NULL || ad_keyring_dir[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("signing_keygen: antidote.keyring_dir is not set"),
				 errhint("A superuser sets it to the directory that holds the key files.")));
	st = ad_keyring_create(ad_keyring_dir, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), &pub, &ul, id);
	if (st == AD_EKEY_EXISTS)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_FILE),
				 errmsg("signing_keygen: argument 1: a key file named \"%s\" already exists in antidote.keyring_dir",
						text_to_cstring(name)),
				 errhint("Key files are never replaced: choose another name, or remove the file first.")));
	AD_PG_CHECK(st, "signing_keygen", st == AD_EKEY_NAME ? "argument 1" : "key file in antidote.keyring_dir");
	values[0] = utf8_datum(pub, ul);
	ad_free(pub);
	values[1] = CStringGetTextDatum(id);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

PG_FUNCTION_INFO_V1(antidote_key_id);
Datum
antidote_key_id(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);
	char		id[AD_KEYID_MAX];

	AD_PG_CHECK(ad_key_id(s, len, id), "key_id", "argument 1");
	PG_RETURN_TEXT_P(cstring_to_text(id));
}

PG_FUNCTION_INFO_V1(antidote_dsse_pae);
Datum
antidote_dsse_pae(PG_FUNCTION_ARGS)
{
	size_t		tlen,
				len;
	const char *t = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &tlen);
	bytea	   *p = PG_GETARG_BYTEA_PP(1);
	unsigned char *out;
	bytea	   *res;

	AD_PG_CHECK(ad_dsse_pae(t, tlen, (const unsigned char *) VARDATA_ANY(p), VARSIZE_ANY_EXHDR(p),
							&out, &len), "dsse_pae", "arguments");
	res = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(res, VARHDRSZ + len);
	memcpy(VARDATA(res), out, len);
	ad_free(out);
	PG_RETURN_BYTEA_P(res);
}

PG_FUNCTION_INFO_V1(antidote_dsse_sign);
Datum
antidote_dsse_sign(PG_FUNCTION_ARGS)
{
	size_t		tlen,
				klen,
				len;
	const char *t = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &tlen);
	bytea	   *p = PG_GETARG_BYTEA_PP(1);
	text	   *name = PG_GETARG_TEXT_PP(2);
	char	   *key,
			   *json;
	ad_status	st;
	Datum		res;

	if (ad_keyring_dir == NULL || ad_keyring_dir[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("dsse_sign: antidote.keyring_dir is not set"),
				 errhint("A superuser sets it to the directory that holds the key files.")));
	AD_PG_CHECK(ad_keyring_read(ad_keyring_dir, VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name),
								&key, &klen), "dsse_sign", "argument 3");
	st = ad_dsse_sign(t, tlen, (const unsigned char *) VARDATA_ANY(p), VARSIZE_ANY_EXHDR(p),
					  key, klen, &json, &len);
	ad_free_secret(key, klen);
	AD_PG_CHECK(st, "dsse_sign",
				st == AD_EDSSE_TYPE || st == AD_EUTF8 ? "argument 1" : "key file named by argument 3");
	res = core_json_datum(json, len);
	PG_RETURN_DATUM(res);
}

/* Raise a dsse_verify error naming the argument (and array element) at fault. */
static void
verify_raise(ad_status st, int bad_arg, size_t bad_key, bool list)
{
	char		what[AD_ARG_NAME_MAX];

	ad_dsse_verify_arg(bad_arg, bad_key, list, what);
	ad_pg_raise(st, "dsse_verify", what);
}

PG_FUNCTION_INFO_V1(antidote_dsse_verify);
Datum
antidote_dsse_verify(PG_FUNCTION_ARGS)
{
	size_t		elen,
				klen,
				bad_key;
	const char *e = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &elen);
	const char *k = ad_pg_text_utf8(PG_GETARG_TEXT_PP(1), &klen);
	int			ok,
				bad_arg;
	ad_status	st;

	st = ad_dsse_verify_texts(key_cache("dsse_verify"), e, elen, &k, &klen, 1, 1,
							  &ok, &bad_arg, &bad_key);
	if (st != AD_OK)
		verify_raise(st, bad_arg, bad_key, false);
	PG_RETURN_BOOL(ok);
}

/* The elements of a text[] argument as UTF-8 (palloc'd); a NULL element is an error. */
static int
text_array(ArrayType *arr, const char *fn, int argno, const char ***keys, size_t **lens)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				i;

	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &n);
	*keys = palloc0(sizeof(char *) * (n + 1));
	*lens = palloc0(sizeof(size_t) * (n + 1));
	for (i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: argument %d element %d is NULL", fn, argno, i + 1)));
		(*keys)[i] = ad_pg_text_utf8(DatumGetTextPP(elems[i]), &(*lens)[i]);
	}
	return n;
}

PG_FUNCTION_INFO_V1(antidote_dsse_verify_keys);
Datum
antidote_dsse_verify_keys(PG_FUNCTION_ARGS)
{
	size_t		elen,
				bad_key;
	const char *e = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &elen);
	int32		threshold = PG_GETARG_INT32(2);
	int			n,
				ok,
				bad_arg;
	const char **keys;
	size_t	   *lens;
	ad_status	st;

	n = text_array(PG_GETARG_ARRAYTYPE_P(1), "dsse_verify", 2, &keys, &lens);
	st = ad_dsse_verify_texts(key_cache("dsse_verify"), e, elen, keys, lens, (size_t) n,
							  threshold, &ok, &bad_arg, &bad_key);
	if (st != AD_OK)
		verify_raise(st, bad_arg, bad_key, true);
	PG_RETURN_BOOL(ok);
}

/* provenance_statement over content bytes; 4th argument (extra json) optional. */
static Datum
statement_datum(FunctionCallInfo fcinfo, const char *c, size_t clen)
{
	size_t		slen,
				xlen = 0,
				len;
	const char *s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(1), &slen);
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(2);
	const char *x = NULL;
	char	   *json;
	ad_status	st;
	Datum		res;

	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("provenance_statement: argument 3 must be a finite time stamp")));
	if (PG_NARGS() > 3)
		x = ad_pg_text_utf8(PG_GETARG_TEXT_PP(3), &xlen);
	st = ad_provenance_statement((const unsigned char *) c, clen, s, slen,
								 ts + (int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * USECS_PER_DAY,
								 x, xlen, &json, &len);
	AD_PG_CHECK(st, "provenance_statement",
				st == AD_EUTF8 ? "argument 2" : st == AD_ETIME ? "argument 3" : "argument 4");
	res = core_json_datum(json, len);
	return res;
}

PG_FUNCTION_INFO_V1(antidote_provenance_statement_text);
Datum
antidote_provenance_statement_text(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *c = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);

	return statement_datum(fcinfo, c, len);
}

PG_FUNCTION_INFO_V1(antidote_provenance_statement_bytea);
Datum
antidote_provenance_statement_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);

	return statement_datum(fcinfo, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
}

/* Fill entries[] with the registry row of each signature's keyid (palloc'd in the caller's context). */
static void
registry_lookup(const ad_dsse_envelope *env, ad_registry_entry *entries)
{
	MemoryContext caller = CurrentMemoryContext;
	size_t		i;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "provenance_verify: SPI_connect failed");
	if (registry_plan == NULL)
	{
		Oid			argtypes[1] = {TEXTOID};
		SPIPlanPtr	plan = SPI_prepare("SELECT public_key, revoked_at IS NOT NULL "
									   "FROM antidote.trusted_keys WHERE keyid = $1",
									   1, argtypes);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "provenance_verify: cannot prepare the registry lookup");
		registry_plan = plan;
	}
	for (i = 0; i < ad_dsse_nsigs(env); i++)
	{
		const char *kid = ad_dsse_sig_keyid(env, i);
		Datum		arg;
		bool		isnull;
		Datum		d;

		if (kid == NULL)
			continue;
		arg = utf8_datum(kid, strlen(kid));
		if (SPI_execute_plan(registry_plan, &arg, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "provenance_verify: registry lookup failed");
		if (SPI_processed != 1)
			continue;
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (isnull)
			continue;
		{
			MemoryContext spi = MemoryContextSwitchTo(caller);

			entries[i].text = ad_pg_text_utf8(DatumGetTextPCopy(d), &entries[i].len);
			MemoryContextSwitchTo(spi);
		}
		entries[i].revoked = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
														SPI_tuptable->tupdesc, 2, &isnull));
	}
	SPI_finish();
}

/*
 * The status of a parsed envelope against the trusted keys of argument 3; with
 * env NULL (malformed) the keys are still checked and *res kept.
 */
static void
verify_with_keys(FunctionCallInfo fcinfo, ad_dsse_envelope *env, const char *c, size_t clen,
				 ad_prov_result *res)
{
	const char **keys;
	size_t	   *lens,
				bad_key = 0;
	int			n;
	ad_status	st;

	PG_TRY();
	{
		n = text_array(PG_GETARG_ARRAYTYPE_P(2), "provenance_verify", 3, &keys, &lens);
	}
	PG_CATCH();
	{
		if (env != NULL)
			ad_dsse_envelope_free(env);
		PG_RE_THROW();
	}
	PG_END_TRY();
	st = ad_provenance_verify_keys(key_cache("provenance_verify"), env, keys, lens, (size_t) n,
								   (const unsigned char *) c, clen, res, &bad_key);
	if (env != NULL)
		ad_dsse_envelope_free(env);
	if (st != AD_OK)
	{
		char		what[AD_ARG_NAME_MAX];

		snprintf(what, sizeof(what), "argument 3 element %zu", bad_key + 1);
		ad_pg_raise(st, "provenance_verify", what);
	}
}

/* The status of a parsed envelope against the registry. */
static ad_prov_result
verify_with_registry(ad_dsse_envelope *env, const char *c, size_t clen)
{
	ad_registry_entry *entries;
	ad_prov_result res = AD_PROV_MALFORMED;
	ad_status	st;

	PG_TRY();
	{
		entries = palloc0(sizeof(ad_registry_entry) * ad_dsse_nsigs(env));
		registry_lookup(env, entries);
	}
	PG_CATCH();
	{
		ad_dsse_envelope_free(env);
		PG_RE_THROW();
	}
	PG_END_TRY();
	st = ad_provenance_verify(key_cache("provenance_verify"), env, entries,
							  (const unsigned char *) c, clen, &res);
	ad_dsse_envelope_free(env);
	AD_PG_CHECK(st, "provenance_verify", "key registry");
	return res;
}

/*
 * provenance_verify over content bytes and an envelope (NULL: unsigned),
 * against the registry, or with a third argument against those keys.
 */
static Datum
provenance_datum(FunctionCallInfo fcinfo, const char *c, size_t clen)
{
	size_t		elen;
	const char *e;
	ad_dsse_envelope *env = NULL;
	ad_prov_result res;

	if (PG_NARGS() > 2 && PG_ARGISNULL(2))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		return CStringGetTextDatum(ad_prov_result_name(AD_PROV_UNSIGNED));
	e = ad_pg_text_utf8(PG_GETARG_TEXT_PP(1), &elen);
	AD_PG_CHECK(ad_provenance_parse(e, elen, &env, &res),
				"provenance_verify", "argument 2");
	if (PG_NARGS() > 2)
		verify_with_keys(fcinfo, env, c, clen, &res);
	else if (env != NULL)
		res = verify_with_registry(env, c, clen);
	return CStringGetTextDatum(ad_prov_result_name(res));
}

PG_FUNCTION_INFO_V1(antidote_provenance_verify_text);
Datum
antidote_provenance_verify_text(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *c;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	c = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);
	return provenance_datum(fcinfo, c, len);
}

PG_FUNCTION_INFO_V1(antidote_provenance_verify_bytea);
Datum
antidote_provenance_verify_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	b = PG_GETARG_BYTEA_PP(0);
	return provenance_datum(fcinfo, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
}
