/*
 * PostgreSQL binding: the GiST operator class ssdeep_gist_ops, serving
 * ssdeep % ssdeep and ORDER BY ssdeep <-> ssdeep.
 *
 * A leaf key holds the signature itself, so the leaf's score and distance
 * are exact (no recheck), and its keys folded to 32 bits, so that a leaf
 * sharing none with the probe (score 0) is answered without fuzzy_compare;
 * an inner key holds the OR of its subtree's key
 * bitmaps and block levels (ad_ssdeep_sig), from which the core bounds the
 * best score any row below can reach (ad_ssdeep_knn_max_score).  Keys are
 * stored as bytea.
 */
#include "antidote_pg.h"

#include "access/gist.h"
#include "access/reloptions.h"
#include "access/stratnum.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"

#define AD_GIST_SIMILAR 1		/* % */
#define AD_GIST_DISTANCE 2		/* <-> */

#define AD_GIST_LEAF 1
#define AD_GIST_INNER 2

/* Extra penalty for a block level a subtree did not cover. */
#define AD_GIST_LEVEL_COST 128

typedef struct ad_gist_key
{
	int32		vl_len_;		/* varlena header */
	int32		flag;			/* AD_GIST_LEAF or AD_GIST_INNER */
	uint32		levels;			/* inner: block levels below (bit k: 3 * 2^k); leaf: signature length */

	/*
	 * leaf: the signature, padded to 4 bytes, then its keys as ascending
	 * uint32 (ad_ssdeep_index_keys, bits 32); inner: the bitmap
	 */
	char		data[FLEXIBLE_ARRAY_MEMBER];
} ad_gist_key;

#define KEY_HDR offsetof(ad_gist_key, data)
#define KEY_DATALEN(k) (VARSIZE(k) - KEY_HDR)
/* A leaf's signature length, its keys and their number. */
#define LEAF_SIGLEN(k) ((Size) (k)->levels)
#define LEAF_KEYS(k) ((const uint32 *) ((k)->data + INTALIGN(LEAF_SIGLEN(k))))
#define LEAF_NKEYS(k) ((int) ((KEY_DATALEN(k) - INTALIGN(LEAF_SIGLEN(k))) / sizeof(uint32)))

/* Options of ssdeep_gist_ops: (siglen = N), the bitmap's bytes. */
typedef struct ad_gist_options
{
	int32		vl_len_;		/* varlena header */
	int			siglen;
} ad_gist_options;

static int
gist_siglen(FunctionCallInfo fcinfo)
{
	if (PG_HAS_OPCLASS_OPTIONS())
		return ((ad_gist_options *) PG_GET_OPCLASS_OPTIONS())->siglen;
	return AD_SSDEEP_SIG_BYTES_DEFAULT;
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_options);
Datum
antidote_ssdeep_gist_options(PG_FUNCTION_ARGS)
{
	local_relopts *relopts = (local_relopts *) PG_GETARG_POINTER(0);

	init_local_reloptions(relopts, sizeof(ad_gist_options));
	add_local_int_reloption(relopts, "siglen",
							"bytes of the key bitmap of inner index entries",
							AD_SSDEEP_SIG_BYTES_DEFAULT, AD_SSDEEP_SIG_BYTES_MIN,
							AD_SSDEEP_SIG_BYTES_MAX, offsetof(ad_gist_options, siglen));
	PG_RETURN_VOID();
}

/* An index entry, checked so that its parts lie inside it. */
static ad_gist_key *
key_of(Datum d)
{
	ad_gist_key *k = (ad_gist_key *) PG_DETOAST_DATUM(d);

	if (VARSIZE(k) < KEY_HDR ||
		(k->flag != AD_GIST_LEAF && k->flag != AD_GIST_INNER) ||
		(k->flag == AD_GIST_LEAF && (LEAF_SIGLEN(k) >= AD_SSDEEP_MAX ||
									 INTALIGN(LEAF_SIGLEN(k)) > KEY_DATALEN(k))))
		ereport(ERROR, (errcode(ERRCODE_INDEX_CORRUPTED),
						errmsg("ssdeep_gist_ops: malformed index entry")));
	return k;
}

static ad_gist_key *
new_inner(int siglen)
{
	ad_gist_key *k = palloc0(KEY_HDR + siglen);

	SET_VARSIZE(k, KEY_HDR + siglen);
	k->flag = AD_GIST_INNER;
	return k;
}

/* An inner key's bitmap must have the index's siglen (the option cannot change without a rebuild). */
static void
check_inner(const ad_gist_key *k, int siglen)
{
	if (KEY_DATALEN(k) != (Size) siglen)
		ereport(ERROR, (errcode(ERRCODE_INDEX_CORRUPTED),
						errmsg("ssdeep_gist_ops: index entry has a bitmap of %d bytes, expected %d",
							   (int) KEY_DATALEN(k), siglen)));
}

/* OR a key (leaf or inner) into the bitmap and levels of an inner key. */
static void
add_key(ad_gist_key *dst, const ad_gist_key *src, int siglen)
{
	if (src->flag == AD_GIST_LEAF)
	{
		uint64		levels = dst->levels;

		AD_PG_CHECK(ad_ssdeep_sig(src->data, LEAF_SIGLEN(src), (unsigned char *) dst->data, siglen,
								  &levels),
					"ssdeep_gist_ops", "indexed value");
		dst->levels = (uint32) levels;
	}
	else
	{
		int			i;

		check_inner(src, siglen);
		for (i = 0; i < siglen; i++)
			dst->data[i] |= src->data[i];
		dst->levels |= src->levels;
	}
}

/* An inner key for any key (a leaf's own bitmap). */
static ad_gist_key *
as_inner(const ad_gist_key *k, int siglen)
{
	ad_gist_key *r = new_inner(siglen);

	add_key(r, k, siglen);
	return r;
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_compress);
Datum
antidote_ssdeep_gist_compress(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *ret;
	text	   *t;
	ad_gist_key *k;
	int64_t		keys[AD_SSDEEP_KEYS_MAX];
	uint32	   *out;
	int			n,
				i;
	Size		len,
				size;

	if (!entry->leafkey)
		PG_RETURN_POINTER(entry);
	t = DatumGetTextPP(entry->key);
	len = VARSIZE_ANY_EXHDR(t);
	AD_PG_CHECK(ad_ssdeep_index_keys(VARDATA_ANY(t), len, 1, 32, keys, &n), "ssdeep_gist_ops",
				"indexed value");
	size = KEY_HDR + INTALIGN(len) + sizeof(uint32) * n;
	k = palloc0(size);
	SET_VARSIZE(k, size);
	k->flag = AD_GIST_LEAF;
	k->levels = (uint32) len;
	memcpy(k->data, VARDATA_ANY(t), len);
	out = (uint32 *) (k->data + INTALIGN(len));
	for (i = 0; i < n; i++)
		out[i] = (uint32) keys[i];
	ret = palloc(sizeof(GISTENTRY));
	gistentryinit(*ret, PointerGetDatum(k), entry->rel, entry->page, entry->offset, false);
	PG_RETURN_POINTER(ret);
}

/* A probe's distance state, kept across calls of one scan (fn_extra). */
typedef struct ad_gist_probe
{
	int			siglen;
	Size		len;
	char		sig[AD_SSDEEP_MAX];
	ad_ssdeep_knn knn;			/* against inner bitmaps */
	ad_ssdeep_probe keys;		/* against leaf keys: the filter at score 1 */
} ad_gist_probe;

static ad_gist_probe *
probe_for(FunctionCallInfo fcinfo, text *q, int siglen)
{
	ad_gist_probe *p = (ad_gist_probe *) fcinfo->flinfo->fn_extra;
	Size		len = VARSIZE_ANY_EXHDR(q);

	if (p != NULL && p->siglen == siglen && p->len == len &&
		memcmp(p->sig, VARDATA_ANY(q), len) == 0)
		return p;
	if (len >= AD_SSDEEP_MAX)
		AD_PG_CHECK(AD_ESSDEEP_LENGTH, "ssdeep_gist_ops", "probe");
	if (p == NULL)
		p = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(ad_gist_probe));
	p->siglen = 0;
	AD_PG_CHECK(ad_ssdeep_knn_init(VARDATA_ANY(q), len, siglen, &p->knn), "ssdeep_gist_ops",
				"probe");
	AD_PG_CHECK(ad_ssdeep_probe_keys(VARDATA_ANY(q), len, 1, 32, &p->keys), "ssdeep_gist_ops",
				"probe");
	p->siglen = siglen;
	p->len = len;
	memcpy(p->sig, VARDATA_ANY(q), len);
	fcinfo->flinfo->fn_extra = p;
	return p;
}

/*
 * The best score a row under the entry can reach; exact at a leaf (0 without
 * fuzzy_compare when the leaf shares no key with the probe: every pair
 * scoring above 0 shares one).
 */
static int
entry_score(FunctionCallInfo fcinfo, GISTENTRY *entry, text *q)
{
	ad_gist_key *k = key_of(entry->key);
	int			siglen = gist_siglen(fcinfo);
	ad_gist_probe *p = probe_for(fcinfo, q, siglen);
	int			score;

	if (k->flag == AD_GIST_LEAF)
	{
		if (!ad_ssdeep_probe_match32(&p->keys, LEAF_KEYS(k), LEAF_NKEYS(k)))
			return 0;
		AD_PG_CHECK(ad_fuzzy_compare(VARDATA_ANY(q), VARSIZE_ANY_EXHDR(q), k->data,
									 LEAF_SIGLEN(k), &score),
					"ssdeep_gist_ops", "probe");
		return score;
	}
	check_inner(k, siglen);
	return ad_ssdeep_knn_max_score(&p->knn, (const unsigned char *) k->data, k->levels);
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_consistent);
Datum
antidote_ssdeep_gist_consistent(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	text	   *q = PG_GETARG_TEXT_PP(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);

	if (strategy != AD_GIST_SIMILAR)
		elog(ERROR, "ssdeep_gist_ops: unrecognized strategy number %d", strategy);
	/* Leaves are exact: the score against the same threshold as the operator. */
	*recheck = false;
	if (ad_pg_ssdeep_threshold <= 0)
		PG_RETURN_BOOL(true);
	PG_RETURN_BOOL(entry_score(fcinfo, entry, q) >= ad_pg_ssdeep_threshold);
}

/*
 * 100 - the score: exact at a leaf (so the operator may return integer: the
 * executor never needs to recheck), a lower bound for a subtree.
 */
PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_distance);
Datum
antidote_ssdeep_gist_distance(PG_FUNCTION_ARGS)
{
	GISTENTRY  *entry = (GISTENTRY *) PG_GETARG_POINTER(0);
	text	   *q = PG_GETARG_TEXT_PP(1);
	StrategyNumber strategy = (StrategyNumber) PG_GETARG_UINT16(2);
	bool	   *recheck = (bool *) PG_GETARG_POINTER(4);

	if (strategy != AD_GIST_DISTANCE)
		elog(ERROR, "ssdeep_gist_ops: unrecognized strategy number %d", strategy);
	*recheck = false;
	PG_RETURN_FLOAT8((float8) (100 - entry_score(fcinfo, entry, q)));
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_union);
Datum
antidote_ssdeep_gist_union(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	int		   *size = (int *) PG_GETARG_POINTER(1);
	int			siglen = gist_siglen(fcinfo);
	ad_gist_key *r = new_inner(siglen);
	int			i;

	for (i = 0; i < entryvec->n; i++)
		add_key(r, key_of(entryvec->vector[i].key), siglen);
	*size = VARSIZE(r);
	PG_RETURN_POINTER(r);
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_same);
Datum
antidote_ssdeep_gist_same(PG_FUNCTION_ARGS)
{
	ad_gist_key *a = key_of(PG_GETARG_DATUM(0));
	ad_gist_key *b = key_of(PG_GETARG_DATUM(1));
	bool	   *result = (bool *) PG_GETARG_POINTER(2);

	*result = VARSIZE(a) == VARSIZE(b) && a->flag == b->flag && a->levels == b->levels &&
		memcmp(a->data, b->data, KEY_DATALEN(a)) == 0;
	PG_RETURN_POINTER(result);
}

/* Bits of b missing from a, plus AD_GIST_LEVEL_COST per block level of b missing from a. */
static int
growth(const ad_gist_key *a, const ad_gist_key *b, int siglen)
{
	int			n = 0,
				i;

	for (i = 0; i < siglen; i++)
		n += pg_number_of_ones[(unsigned char) (b->data[i] & ~a->data[i])];
	return n + AD_GIST_LEVEL_COST * pg_popcount32(b->levels & ~a->levels);
}

/* The bitmap of the last new entry penalty was asked about (gistchoose asks once per downlink). */
typedef struct ad_gist_penalty_cache
{
	int			siglen;
	Size		len;
	char		leaf[AD_SSDEEP_MAX];
	ad_gist_key *inner;
} ad_gist_penalty_cache;

PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_penalty);
Datum
antidote_ssdeep_gist_penalty(PG_FUNCTION_ARGS)
{
	GISTENTRY  *origentry = (GISTENTRY *) PG_GETARG_POINTER(0);
	GISTENTRY  *newentry = (GISTENTRY *) PG_GETARG_POINTER(1);
	float	   *penalty = (float *) PG_GETARG_POINTER(2);
	int			siglen = gist_siglen(fcinfo);
	ad_gist_key *orig = key_of(origentry->key);
	ad_gist_key *nk = key_of(newentry->key);
	ad_gist_key *ni;

	if (nk->flag == AD_GIST_LEAF && LEAF_SIGLEN(nk) < AD_SSDEEP_MAX)
	{
		ad_gist_penalty_cache *c = (ad_gist_penalty_cache *) fcinfo->flinfo->fn_extra;

		if (c == NULL)
		{
			c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ad_gist_penalty_cache));
			fcinfo->flinfo->fn_extra = c;
		}
		if (c->inner == NULL || c->siglen != siglen || c->len != LEAF_SIGLEN(nk) ||
			memcmp(c->leaf, nk->data, c->len) != 0)
		{
			MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

			if (c->inner != NULL)
				pfree(c->inner);
			c->inner = NULL;
			c->inner = as_inner(nk, siglen);
			MemoryContextSwitchTo(old);
			c->siglen = siglen;
			c->len = LEAF_SIGLEN(nk);
			memcpy(c->leaf, nk->data, c->len);
		}
		ni = c->inner;
	}
	else if (nk->flag == AD_GIST_LEAF)
		ni = as_inner(nk, siglen);
	else
	{
		check_inner(nk, siglen);
		ni = nk;
	}
	if (orig->flag == AD_GIST_LEAF)
		orig = as_inner(orig, siglen);
	else
		check_inner(orig, siglen);
	*penalty = (float) growth(orig, ni, siglen);
	PG_RETURN_POINTER(penalty);
}

/* Distance between two inner keys for picksplit: symmetric difference of bits and levels. */
static int
key_distance(const ad_gist_key *a, const ad_gist_key *b, int siglen)
{
	int			n = 0,
				i;

	for (i = 0; i < siglen; i++)
		n += pg_number_of_ones[(unsigned char) (a->data[i] ^ b->data[i])];
	return n + AD_GIST_LEVEL_COST * pg_popcount32(a->levels ^ b->levels);
}

/* An entry waiting for a side in picksplit, by how strongly it prefers one seed. */
typedef struct ad_gist_pending
{
	OffsetNumber off;
	int			pull;			/* |growth towards seed 1 - growth towards seed 2| */
} ad_gist_pending;

static int
pending_cmp(const void *a, const void *b)
{
	const ad_gist_pending *x = a,
			   *y = b;

	if (x->pull != y->pull)
		return x->pull > y->pull ? -1 : 1;
	return (int) x->off - (int) y->off;
}

/*
 * Split: the two entries farthest apart seed the sides; the other entries,
 * those that prefer one seed most first, join the side their bitmap grows
 * least, until a side holds half the entries (saturated bitmaps would
 * otherwise draw every entry to one side and split off single entries).
 */
PG_FUNCTION_INFO_V1(antidote_ssdeep_gist_picksplit);
Datum
antidote_ssdeep_gist_picksplit(PG_FUNCTION_ARGS)
{
	GistEntryVector *entryvec = (GistEntryVector *) PG_GETARG_POINTER(0);
	GIST_SPLITVEC *v = (GIST_SPLITVEC *) PG_GETARG_POINTER(1);
	int			siglen = gist_siglen(fcinfo);
	OffsetNumber maxoff = (OffsetNumber) (entryvec->n - 1);
	int			n = maxoff - FirstOffsetNumber + 1,
				half = (n + 1) / 2,
				npend = 0,
				k;
	ad_gist_key **keys = palloc(sizeof(ad_gist_key *) * (maxoff + 1));
	ad_gist_pending *pend = palloc(sizeof(ad_gist_pending) * (maxoff + 1));
	ad_gist_key *left,
			   *right;
	OffsetNumber i,
				j,
				seed1 = FirstOffsetNumber,
				seed2 = FirstOffsetNumber + 1;
	int			far = -1;

	for (i = FirstOffsetNumber; i <= maxoff; i = OffsetNumberNext(i))
		keys[i] = as_inner(key_of(entryvec->vector[i].key), siglen);
	for (i = FirstOffsetNumber; i < maxoff; i = OffsetNumberNext(i))
		for (j = OffsetNumberNext(i); j <= maxoff; j = OffsetNumberNext(j))
		{
			int			d = key_distance(keys[i], keys[j], siglen);

			if (d > far)
			{
				far = d;
				seed1 = i;
				seed2 = j;
			}
		}
	v->spl_left = palloc(sizeof(OffsetNumber) * (maxoff + 1));
	v->spl_right = palloc(sizeof(OffsetNumber) * (maxoff + 1));
	v->spl_nleft = v->spl_nright = 0;
	left = new_inner(siglen);
	right = new_inner(siglen);
	add_key(left, keys[seed1], siglen);
	v->spl_left[v->spl_nleft++] = seed1;
	add_key(right, keys[seed2], siglen);
	v->spl_right[v->spl_nright++] = seed2;
	for (i = FirstOffsetNumber; i <= maxoff; i = OffsetNumberNext(i))
		if (i != seed1 && i != seed2)
		{
			pend[npend].off = i;
			pend[npend++].pull = abs(growth(keys[seed1], keys[i], siglen) -
									 growth(keys[seed2], keys[i], siglen));
		}
	qsort(pend, npend, sizeof(ad_gist_pending), pending_cmp);
	for (k = 0; k < npend; k++)
	{
		OffsetNumber o = pend[k].off;
		int			gl = growth(left, keys[o], siglen),
					gr = growth(right, keys[o], siglen);
		bool		to_left;

		if (v->spl_nleft >= half)
			to_left = false;
		else if (v->spl_nright >= half)
			to_left = true;
		else
			to_left = gl < gr || (gl == gr && v->spl_nleft <= v->spl_nright);
		if (to_left)
		{
			add_key(left, keys[o], siglen);
			v->spl_left[v->spl_nleft++] = o;
		}
		else
		{
			add_key(right, keys[o], siglen);
			v->spl_right[v->spl_nright++] = o;
		}
	}
	v->spl_ldatum = PointerGetDatum(left);
	v->spl_rdatum = PointerGetDatum(right);
	PG_RETURN_POINTER(v);
}
