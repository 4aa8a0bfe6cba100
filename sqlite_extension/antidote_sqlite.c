/* SQLite binding: entry point, registration and the one error mapper. */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdio.h>

#include "antidote_sqlite.h"

int
ad_sqlite_register(sqlite3 *db, const ad_sqlite_fn *fns, size_t n)
{
	int			rc = SQLITE_OK;
	size_t		i;

	for (i = 0; i < n && rc == SQLITE_OK; i++)
		rc = sqlite3_create_function(db, fns[i].name, fns[i].nargs, fns[i].flags,
									 NULL, fns[i].fn, NULL, NULL);
	return rc;
}

void
ad_sqlite_error(sqlite3_context *ctx, ad_status st, const char *fn, const char *what)
{
	char		msg[512];

	if (ad_status_kind(st) == AD_KIND_NOMEM)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	snprintf(msg, sizeof(msg), "%s: %s: %s", fn, what, ad_strerror(st));
	sqlite3_result_error(ctx, msg, -1);
	if (ad_status_kind(st) == AD_KIND_LIMIT)
		sqlite3_result_error_code(ctx, SQLITE_TOOBIG);
}

int
ad_sqlite_arg_bytes(sqlite3_context *ctx, sqlite3_value **argv, int i,
					int allow_blob, const char *fn,
					const unsigned char **p, size_t *len)
{
	int			type = sqlite3_value_type(argv[i]);
	char		msg[256];

	if (type == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return 0;
	}
	if (type == SQLITE_TEXT)
	{
		*p = sqlite3_value_text(argv[i]);
		*len = (size_t) sqlite3_value_bytes(argv[i]);
	}
	else if (type == SQLITE_BLOB && allow_blob)
	{
		*p = sqlite3_value_blob(argv[i]);
		*len = (size_t) sqlite3_value_bytes(argv[i]);
	}
	else
	{
		snprintf(msg, sizeof(msg), "%s: argument %d must be %s, not %s", fn, i + 1,
				 allow_blob ? "text or blob" : "text",
				 type == SQLITE_INTEGER ? "integer" :
				 type == SQLITE_FLOAT ? "real" : "blob");
		sqlite3_result_error(ctx, msg, -1);
		return 0;
	}
	if (*p == NULL && *len > 0)
	{
		sqlite3_result_error_nomem(ctx);
		return 0;
	}
	if (*p == NULL)
		*p = (const unsigned char *) "";
	return 1;
}

ad_sqlite_settings *
ad_sqlite_settings_new(void)
{
	ad_sqlite_settings *s = sqlite3_malloc(sizeof(*s));

	if (s == NULL)
		return NULL;
	s->refs = 1;
	ad_suspicion_defaults(&s->suspicion);
	ad_neardup_defaults(&s->neardup);
	return s;
}

ad_sqlite_settings *
ad_sqlite_settings_ref(ad_sqlite_settings *s)
{
	s->refs++;
	return s;
}

void
ad_sqlite_settings_release(void *p)
{
	ad_sqlite_settings *s = p;

	if (s != NULL && --s->refs == 0)
		sqlite3_free(s);
}

/* The library's version. */
static void
version_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	sqlite3_result_text(ctx, ANTIDOTE_VERSION, -1, SQLITE_STATIC);
}

static const ad_sqlite_fn meta_fns[] = {
	{"antidote_version", 0, AD_SQLITE_PURE, version_fn},
};

#ifdef _WIN32
__declspec(dllexport)
#endif
int
sqlite3_antidote_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
	ad_sqlite_settings *settings;
	int			rc;

	SQLITE_EXTENSION_INIT2(pApi);
	(void) pzErrMsg;
	if ((settings = ad_sqlite_settings_new()) == NULL)
		return SQLITE_NOMEM;
	rc = ad_sqlite_register(db, meta_fns, sizeof(meta_fns) / sizeof(meta_fns[0]));
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_fuzzy(db);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_text(db);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_guard(db, settings);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_audit(db, settings);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_provenance(db);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_suspicion(db, settings);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_neardup(db);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_cluster(db, settings);
	if (rc == SQLITE_OK)
		rc = ad_sqlite_register_sweep(db);
	ad_sqlite_settings_release(settings);
	return rc;
}
