/* PostgreSQL binding: the ssdeep type, fuzzy_hash and fuzzy_compare. */
#include "antidote_pg.h"

#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"

/* Hash in slices so that a long value can be cancelled. */
#define AD_PG_HASH_SLICE (4 * 1024 * 1024)

static text *
ssdeep_from_cstring(const char *s, size_t len)
{
	ad_ssdeep	parsed;
	ad_status	st = ad_ssdeep_parse(s, len, &parsed);

	if (st != AD_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type ssdeep: \"%.*s\"",
						(int) Min(len, 200), s),
				 errdetail("%s", ad_strerror(st))));
	return cstring_to_text_with_len(s, (int) len);
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_in);
Datum
antidote_ssdeep_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);

	PG_RETURN_TEXT_P(ssdeep_from_cstring(s, strlen(s)));
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_out);
Datum
antidote_ssdeep_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(text_to_cstring(PG_GETARG_TEXT_PP(0)));
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_recv);
Datum
antidote_ssdeep_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			n;
	char	   *s = pq_getmsgtext(buf, buf->len - buf->cursor, &n);

	PG_RETURN_TEXT_P(ssdeep_from_cstring(s, (size_t) n));
}

PG_FUNCTION_INFO_V1(antidote_ssdeep_send);
Datum
antidote_ssdeep_send(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendtext(&buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Text to ssdeep by assignment or explicit cast: validate like input. */
PG_FUNCTION_INFO_V1(antidote_ssdeep_from_text);
Datum
antidote_ssdeep_from_text(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);

	PG_RETURN_TEXT_P(ssdeep_from_cstring(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)));
}

static Datum
fuzzy_hash_bytes(const unsigned char *p, size_t len)
{
	ad_fuzzy_ctx *volatile ctx = NULL;
	char		out[AD_SSDEEP_MAX];

	AD_PG_CHECK(ad_fuzzy_begin(len, (ad_fuzzy_ctx **) &ctx), "fuzzy_hash", "argument 1");
	PG_TRY();
	{
		size_t		off = 0;

		while (off < len)
		{
			size_t		n = Min(len - off, (size_t) AD_PG_HASH_SLICE);

			CHECK_FOR_INTERRUPTS();
			AD_PG_CHECK(ad_fuzzy_update(ctx, p + off, n), "fuzzy_hash", "argument 1");
			off += n;
		}
	}
	PG_CATCH();
	{
		ad_fuzzy_abort(ctx);
		PG_RE_THROW();
	}
	PG_END_TRY();
	AD_PG_CHECK(ad_fuzzy_final(ctx, out), "fuzzy_hash", "argument 1");
	return PointerGetDatum(cstring_to_text(out));
}

PG_FUNCTION_INFO_V1(antidote_fuzzy_hash_text);
Datum
antidote_fuzzy_hash_text(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);

	return fuzzy_hash_bytes((const unsigned char *) s, len);
}

PG_FUNCTION_INFO_V1(antidote_fuzzy_hash_bytea);
Datum
antidote_fuzzy_hash_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);

	return fuzzy_hash_bytes((const unsigned char *) VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
}

/* fuzzy_compare of the call's two ssdeep arguments; errors are fn's. */
int
ad_pg_fuzzy_score(FunctionCallInfo fcinfo, const char *fn)
{
	text	   *a = PG_GETARG_TEXT_PP(0);
	text	   *b = PG_GETARG_TEXT_PP(1);
	int			score;

	AD_PG_CHECK(ad_fuzzy_compare(VARDATA_ANY(a), VARSIZE_ANY_EXHDR(a),
								 VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b), &score),
				fn, "arguments");
	return score;
}

PG_FUNCTION_INFO_V1(antidote_fuzzy_compare);
Datum
antidote_fuzzy_compare(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(ad_pg_fuzzy_score(fcinfo, "fuzzy_compare"));
}

/* 100 - fuzzy_compare: the <-> operator, ordered by the GiST class ssdeep_gist_ops. */
PG_FUNCTION_INFO_V1(antidote_ssdeep_distance);
Datum
antidote_ssdeep_distance(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(100 - ad_pg_fuzzy_score(fcinfo, "ssdeep_distance"));
}
