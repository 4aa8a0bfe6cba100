/* SQLite binding: text_normalize and content_sha256. */
#include "antidote_sqlite.h"

static void
text_normalize_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p;
	size_t		len,
				outlen;
	char	   *out;
	ad_status	st;

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "text_normalize", &p, &len))
		return;
	st = ad_text_normalize((const char *) p, len, &out, &outlen);
	if (st != AD_OK)
	{
		ad_sqlite_error(ctx, st, "text_normalize", "argument 1");
		return;
	}
	sqlite3_result_text64(ctx, out, outlen, ad_free, SQLITE_UTF8);
}

static void
content_sha256_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p;
	size_t		len;
	char		hex[AD_SHA256_HEX];
	ad_status	st;

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 1, "content_sha256", &p, &len))
		return;
	st = ad_sha256_hex(p, len, hex);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "content_sha256", "argument 1");
	else
		sqlite3_result_text(ctx, hex, -1, SQLITE_TRANSIENT);
}

static const ad_sqlite_fn text_fns[] = {
	{"text_normalize", 1, AD_SQLITE_PURE, text_normalize_fn},
	{"content_sha256", 1, AD_SQLITE_PURE, content_sha256_fn},
};

int
ad_sqlite_register_text(sqlite3 *db)
{
	return ad_sqlite_register(db, text_fns, sizeof(text_fns) / sizeof(text_fns[0]));
}
