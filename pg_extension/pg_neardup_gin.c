/* PostgreSQL binding: GIN support for ssdeep % ssdeep and minhash % minhash, and the key functions. */
#include "antidote_pg.h"

#include "access/gin.h"
#include "access/reloptions.h"
#include "access/stratnum.h"
#include "funcapi.h"
#include "utils/builtins.h"

/* Strategy number of % in both operator classes. */
#define AD_SIMILAR_STRATEGY 1

/* Copy int64 keys into a palloc'd Datum array. */
static Datum *
keys_datums(const int64_t *keys, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
		d[i] = Int64GetDatum(keys[i]);
	return d;
}

/*
 * Two key formats.  Indexes built since 0.3.0 store folded keys
 * (ad_ssdeep_index_keys, ad_minhash_index_keys) into 2^bits values, bits
 * being the operator class option; the *_folded functions and the options
 * function serve them.  A 0.2.0 catalog still names the unfolded functions
 * below until ALTER EXTENSION antidote UPDATE, which switches the operator
 * classes to the folded ones and rebuilds their indexes, so an index never
 * meets keys of the other format.
 */

/* Options of ssdeep_gin_ops and minhash_gin_ops: (bits = N). */
typedef struct ad_gin_options
{
	int32		vl_len_;		/* varlena header */
	int			bits;
} ad_gin_options;

/* The index's key bits (its option, else the default). */
static int
gin_bits(FunctionCallInfo fcinfo)
{
	if (PG_HAS_OPCLASS_OPTIONS())
		return ((ad_gin_options *) PG_GET_OPCLASS_OPTIONS())->bits;
	return AD_INDEX_BITS_DEFAULT;
}

PG_FUNCTION_INFO_V1(antidote_gin_options);
Datum
antidote_gin_options(PG_FUNCTION_ARGS)
{
	local_relopts *relopts = (local_relopts *) PG_GETARG_POINTER(0);

	init_local_reloptions(relopts, sizeof(ad_gin_options));
	add_local_int_reloption(relopts, "bits",
							"index keys are folded into 2^bits values",
							AD_INDEX_BITS_DEFAULT, AD_INDEX_BITS_MIN, AD_INDEX_BITS_MAX,
							offsetof(ad_gin_options, bits));
	PG_RETURN_VOID();
}

/* ssdeep keys of a value for min_score; folded to bits unless bits is 0. */
static Datum *
ssdeep_keys(text *t, int min_score, int bits, int32 *nentries)
{
	int64_t		keys[AD_SSDEEP_KEYS_MAX];
	int			n;

	if (bits == 0)
		AD_PG_CHECK(ad_ssdeep_keys(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), min_score, keys, &n),
					"ssdeep index", "value");
	else
		AD_PG_CHECK(ad_ssdeep_index_keys(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), min_score, bits,
										 keys, &n),
					"ssdeep index", "value");
	*nentries = n;
	return keys_datums(keys, n);
}

/*
 * Keys of an ssdeep % probe at the current threshold; all rows when it is 0.
 * Each key's extra data points at the probe (ad_ssdeep_probe): the parts the
 * key stands for and the count filter's minimum per part, which the
 * consistent functions apply.
 */
static Datum *
ssdeep_query_keys(FunctionCallInfo fcinfo, int bits)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	Pointer   **extra_data = (Pointer **) PG_GETARG_POINTER(4);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);
	ad_ssdeep_probe *p;
	Pointer    *extra;
	int			i;

	if (ad_pg_ssdeep_threshold <= 0)
	{
		*nentries = 0;
		*searchMode = GIN_SEARCH_MODE_ALL;
		return NULL;
	}
	p = palloc(sizeof(ad_ssdeep_probe));
	AD_PG_CHECK(ad_ssdeep_probe_keys(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), ad_pg_ssdeep_threshold,
									 bits, p),
				"ssdeep index", "value");
	extra = palloc(sizeof(Pointer) * Max(p->nkeys, 1));
	for (i = 0; i < p->nkeys; i++)
		extra[i] = (Pointer) &p->parts[i];
	*extra_data = extra;
	*nentries = p->nkeys;
	return keys_datums(p->keys, p->nkeys);
}

/*
 * The probe behind an ssdeep key's extra data (each points at its entry of
 * the probe's parts array), or NULL for minhash probes, which pass none.
 */
static const ad_ssdeep_probe *
probe_of(Pointer *extra_data, int32 nkeys)
{
	if (extra_data == NULL || nkeys == 0 || extra_data[0] == NULL)
		return NULL;
	return (const ad_ssdeep_probe *) (extra_data[0] - offsetof(ad_ssdeep_probe, parts));
}

/* Whether a row whose matching keys are flagged in hit[] may reach the probe's score. */
static bool
probe_may_match(const ad_ssdeep_probe *p, const bool *hit, int32 nkeys)
{
	int			exact = 0,
				h1 = 0,
				h2 = 0;
	int32		i;

	for (i = 0; i < nkeys; i++)
		if (hit[i])
		{
			exact |= (p->parts[i] & AD_PROBE_EXACT) != 0;
			h1 += (p->parts[i] & AD_PROBE_PART1) != 0;
			h2 += (p->parts[i] & AD_PROBE_PART2) != 0;
		}
	return ad_ssdeep_probe_passes(p, exact, h1, h2);
}

/* The 32 band keys of a minhash; folded to bits unless bits is 0. */
static Datum *
minhash_keys(bytea *b, int bits, int32 *nentries)
{
	int64_t		keys[AD_MINHASH_BANDS];

	if (bits == 0)
		AD_PG_CHECK(ad_minhash_keys((const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b),
									keys),
					"minhash index", "value");
	else
		AD_PG_CHECK(ad_minhash_index_keys((const unsigned char *) VARDATA_ANY(b),
										  VARSIZE_ANY_EXHDR(b), bits, keys),
					"minhash index", "value");
	*nentries = AD_MINHASH_BANDS;
	return keys_datums(keys, AD_MINHASH_BANDS);
}

/* Keys of a minhash % probe; all rows when the threshold is 0. */
static Datum *
minhash_query_keys(FunctionCallInfo fcinfo, int bits)
{
	int32	   *nentries = (int32 *) PG_GETARG_POINTER(1);
	int32	   *searchMode = (int32 *) PG_GETARG_POINTER(6);

	if (ad_pg_minhash_threshold <= 0)
	{
		*nentries = 0;
		*searchMode = GIN_SEARCH_MODE_ALL;
		return NULL;
	}
	return minhash_keys(PG_GETARG_BYTEA_PP(0), bits, nentries);
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gin_extract_value_folded);
Datum
antidote_ssdeep_gin_extract_value_folded(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ssdeep_keys(PG_GETARG_TEXT_PP(0), 1, gin_bits(fcinfo),
								  (int32 *) PG_GETARG_POINTER(1)));
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gin_extract_query_folded);
Datum
antidote_ssdeep_gin_extract_query_folded(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ssdeep_query_keys(fcinfo, gin_bits(fcinfo)));
}

PG_FUNCTION_INFO_V1(antidote_minhash_gin_extract_value_folded);
Datum
antidote_minhash_gin_extract_value_folded(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(minhash_keys(PG_GETARG_BYTEA_PP(0), gin_bits(fcinfo),
								   (int32 *) PG_GETARG_POINTER(1)));
}

PG_FUNCTION_INFO_V1(antidote_minhash_gin_extract_query_folded);
Datum
antidote_minhash_gin_extract_query_folded(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(minhash_query_keys(fcinfo, gin_bits(fcinfo)));
}

/* The unfolded key format of 0.2.0 indexes. */
PG_FUNCTION_INFO_V1(antidote_ssdeep_gin_extract_value);
Datum
antidote_ssdeep_gin_extract_value(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ssdeep_keys(PG_GETARG_TEXT_PP(0), 1, 0, (int32 *) PG_GETARG_POINTER(1)));
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gin_extract_query);
Datum
antidote_ssdeep_gin_extract_query(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ssdeep_query_keys(fcinfo, 0));
}

PG_FUNCTION_INFO_V1(antidote_minhash_gin_extract_value);
Datum
antidote_minhash_gin_extract_value(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(minhash_keys(PG_GETARG_BYTEA_PP(0), 0, (int32 *) PG_GETARG_POINTER(1)));
}

PG_FUNCTION_INFO_V1(antidote_minhash_gin_extract_query);
Datum
antidote_minhash_gin_extract_query(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(minhash_query_keys(fcinfo, 0));
}

/*
 * A minhash row is a candidate when it shares one key; an ssdeep row when it
 * passes the probe's count filter (ad_ssdeep_probe_keys: the exact key, or
 * enough keys of one part for the threshold).  The operator is always
 * rechecked.
 */
PG_FUNCTION_INFO_V1(antidote_neardup_gin_consistent);
Datum
antidote_neardup_gin_consistent(PG_FUNCTION_ARGS)
{
	bool	   *check = (bool *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(5);
	const ad_ssdeep_probe *p = probe_of(extra_data, nkeys);
	int32		i;

	*recheck = true;
	if (p != NULL)
		PG_RETURN_BOOL(probe_may_match(p, check, Min(nkeys, p->nkeys)));
	for (i = 0; i < nkeys; i++)
		if (check[i])
			PG_RETURN_BOOL(true);
	/* GIN_SEARCH_MODE_ALL passes no keys: every row is a candidate. */
	PG_RETURN_BOOL(nkeys == 0);
}

PG_FUNCTION_INFO_V1(antidote_neardup_gin_triconsistent);
Datum
antidote_neardup_gin_triconsistent(PG_FUNCTION_ARGS)
{
	GinTernaryValue *check = (GinTernaryValue *) PG_GETARG_POINTER(0);
	int32		nkeys = PG_GETARG_INT32(3);
	Pointer    *extra_data = (Pointer *) PG_GETARG_POINTER(4);
	const ad_ssdeep_probe *p = probe_of(extra_data, nkeys);
	GinTernaryValue res = nkeys == 0 ? GIN_MAYBE : GIN_FALSE;
	int32		i;

	if (p != NULL)
	{
		/* Count every key that may match: FALSE only when even that falls short. */
		bool		maybe[AD_SSDEEP_KEYS_MAX];

		for (i = 0; i < nkeys && i < AD_SSDEEP_KEYS_MAX; i++)
			maybe[i] = check[i] != GIN_FALSE;
		res = probe_may_match(p, maybe, Min(nkeys, p->nkeys)) ? GIN_MAYBE : GIN_FALSE;
		PG_RETURN_GIN_TERNARY_VALUE(res);
	}
	for (i = 0; i < nkeys; i++)
		if (check[i] != GIN_FALSE)
			res = GIN_MAYBE;
	PG_RETURN_GIN_TERNARY_VALUE(res);
}

/* Return keys as the rows of a materialized set. */
static void
emit_keys(FunctionCallInfo fcinfo, const int64_t *keys, int n)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (i = 0; i < n; i++)
	{
		Datum		v = Int64GetDatum(keys[i]);
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &v, &isnull);
	}
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_keys);
Datum
antidote_ssdeep_keys(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int32		min_score = PG_GETARG_INT32(1);
	int64_t		keys[AD_SSDEEP_KEYS_MAX];
	int			n;

	AD_PG_CHECK(ad_ssdeep_keys(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), Max(min_score, 1), keys, &n),
				"ssdeep_keys", "argument 1");
	emit_keys(fcinfo, keys, n);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(antidote_minhash_keys);
Datum
antidote_minhash_keys(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	int64_t		keys[AD_MINHASH_BANDS];

	AD_PG_CHECK(ad_minhash_keys((const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), keys),
				"minhash_keys", "argument 1");
	emit_keys(fcinfo, keys, AD_MINHASH_BANDS);
	return (Datum) 0;
}
