/* PostgreSQL binding: the minhash type, minhash functions and the % operators. */
#include "antidote_pg.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* A minhash datum from checked signature bytes. */
static bytea *
minhash_from_bytes(const unsigned char *p, size_t len, const char *shown)
{
	bytea	   *b;
	ad_status	st = ad_minhash_check(p, len);

	if (st != AD_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type minhash: \"%.40s...\"", shown),
				 errdetail("%s", ad_strerror(st))));
	b = palloc(VARHDRSZ + len);
	SET_VARSIZE(b, VARHDRSZ + len);
	memcpy(VARDATA(b), p, len);
	return b;
}

/* The checked signature bytes of a minhash argument. */
static const unsigned char *
minhash_arg(bytea *b, const char *fn, const char *what)
{
	AD_PG_CHECK(ad_minhash_check((const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b)),
				fn, what);
	return (const unsigned char *) VARDATA_ANY(b);
}

PG_FUNCTION_INFO_V1(antidote_minhash_in);
Datum
antidote_minhash_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);
	size_t		len = strlen(s);
	unsigned char buf[AD_MINHASH_BYTES];
	size_t		i;

	for (i = 0; i < len && isxdigit((unsigned char) s[i]); i++);
	if (len != 2 * AD_MINHASH_BYTES || i != len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type minhash: \"%.40s%s\"", s, len > 40 ? "..." : ""),
				 errdetail("expected %d hexadecimal digits, got %zu characters", 2 * AD_MINHASH_BYTES, len),
				 errhint("A quoted literal given to minhash() is read as a stored signature; "
						 "to compute the signature of a text, write minhash('...'::text).")));
	hex_decode(s, len, (char *) buf);
	PG_RETURN_BYTEA_P(minhash_from_bytes(buf, sizeof(buf), s));
}

PG_FUNCTION_INFO_V1(antidote_minhash_out);
Datum
antidote_minhash_out(PG_FUNCTION_ARGS)
{
	const unsigned char *p = minhash_arg(PG_GETARG_BYTEA_PP(0), "minhash_out", "argument 1");
	char	   *out = palloc(2 * AD_MINHASH_BYTES + 1);

	hex_encode((const char *) p, AD_MINHASH_BYTES, out);
	out[2 * AD_MINHASH_BYTES] = '\0';
	PG_RETURN_CSTRING(out);
}

PG_FUNCTION_INFO_V1(antidote_minhash_recv);
Datum
antidote_minhash_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			n = buf->len - buf->cursor;
	const char *p = pq_getmsgbytes(buf, n);

	PG_RETURN_BYTEA_P(minhash_from_bytes((const unsigned char *) p, (size_t) n, "(binary)"));
}

PG_FUNCTION_INFO_V1(antidote_minhash_send);
Datum
antidote_minhash_send(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(antidote_minhash);
Datum
antidote_minhash(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);
	unsigned char sig[AD_MINHASH_BYTES];

	AD_PG_CHECK(ad_minhash(s, len, sig), "minhash", "argument 1");
	PG_RETURN_BYTEA_P(minhash_from_bytes(sig, sizeof(sig), ""));
}

/* Estimated Jaccard of two minhash arguments. */
static double
minhash_sim(FunctionCallInfo fcinfo, const char *fn)
{
	bytea	   *a = PG_GETARG_BYTEA_PP(0);
	bytea	   *b = PG_GETARG_BYTEA_PP(1);
	double		sim;

	minhash_arg(a, fn, "argument 1");
	minhash_arg(b, fn, "argument 2");
	AD_PG_CHECK(ad_minhash_similarity((const unsigned char *) VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a),
									  (const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b),
									  &sim), fn, "arguments");
	return sim;
}

PG_FUNCTION_INFO_V1(antidote_minhash_similarity);
Datum
antidote_minhash_similarity(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(minhash_sim(fcinfo, "minhash_similarity"));
}

PG_FUNCTION_INFO_V1(antidote_minhash_similar);
Datum
antidote_minhash_similar(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(minhash_sim(fcinfo, "minhash %") >= ad_pg_minhash_threshold);
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_similar);
Datum
antidote_ssdeep_similar(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(ad_pg_fuzzy_score(fcinfo, "ssdeep %") >= ad_pg_ssdeep_threshold);
}
