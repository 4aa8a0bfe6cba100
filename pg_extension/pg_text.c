/* PostgreSQL binding: text_normalize and content_sha256. */
#include "antidote_pg.h"

#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(antidote_text_normalize);
Datum
antidote_text_normalize(PG_FUNCTION_ARGS)
{
	size_t		len,
				outlen;
	const char *s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);
	char	   *out;
	text	   *volatile res = NULL;

	AD_PG_CHECK(ad_text_normalize(s, len, &out, &outlen), "text_normalize", "argument 1");

	/*
	 * The core's buffer is malloc'd: free it even when the result has no
	 * equivalent in the database encoding and the conversion raises an error.
	 */
	PG_TRY();
	{
		res = ad_pg_text_from_utf8(out, outlen);
	}
	PG_FINALLY();
	{
		ad_free(out);
	}
	PG_END_TRY();
	PG_RETURN_TEXT_P(res);
}

static Datum
sha256_hex_datum(const char *p, size_t len)
{
	char		hex[AD_SHA256_HEX];

	AD_PG_CHECK(ad_sha256_hex((const unsigned char *) p, len, hex), "content_sha256", "argument 1");
	return PointerGetDatum(cstring_to_text(hex));
}

PG_FUNCTION_INFO_V1(antidote_content_sha256_text);
Datum
antidote_content_sha256_text(PG_FUNCTION_ARGS)
{
	size_t		len;
	const char *s = ad_pg_text_utf8(PG_GETARG_TEXT_PP(0), &len);

	return sha256_hex_datum(s, len);
}

PG_FUNCTION_INFO_V1(antidote_content_sha256_bytea);
Datum
antidote_content_sha256_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);

	return sha256_hex_datum(VARDATA_ANY(b), VARSIZE_ANY_EXHDR(b));
}
