/*
 * SQLite binding: Ed25519 keys, DSSE envelopes, in-toto statements and the
 * trusted-key registry (table antidote_trusted_keys, made by antidote_init()).
 * Parsed public keys are cached per connection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

#include "antidote_sqlite.h"

#define AD_SQLITE_REGISTRY "antidote_trusted_keys"

/* The per-connection key cache, shared by several functions. */
typedef struct prov_cache
{
	ad_key_cache *cache;
	int			refs;
} prov_cache;

/* Drop one reference; the last one frees the cache (SQLite's destructor). */
static void
prov_cache_release(void *p)
{
	prov_cache *pc = p;

	if (--pc->refs == 0)
	{
		ad_key_cache_free(pc->cache);
		sqlite3_free(pc);
	}
}

/* The key cache of the calling function's connection. */
static ad_key_cache *
cache_of(sqlite3_context *ctx)
{
	return ((prov_cache *) sqlite3_user_data(ctx))->cache;
}

static void
signing_keygen_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char	   *json;
	size_t		len;
	ad_status	st = ad_signing_keygen_json(&json, &len);

	(void) argc;
	(void) argv;
	if (st != AD_OK)
	{
		ad_sqlite_error(ctx, st, "signing_keygen", "key generation");
		return;
	}
	sqlite3_result_text64(ctx, json, len, SQLITE_TRANSIENT, SQLITE_UTF8);
	ad_free_secret(json, len);
}

static void
key_id_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *p;
	size_t		len;
	char		id[AD_KEYID_MAX];
	ad_status	st;

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 1, "key_id", &p, &len))
		return;
	st = ad_key_id((const char *) p, len, id);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "key_id", "argument 1");
	else
		sqlite3_result_text(ctx, id, -1, SQLITE_TRANSIENT);
}

/* Fetch arguments 0 (payload type) and 1 (payload); 0 when the result is set. */
static int
type_and_payload(sqlite3_context *ctx, sqlite3_value **argv, const char *fn,
				 const unsigned char **t, size_t *tlen,
				 const unsigned char **p, size_t *plen)
{
	if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return 0;
	}
	return ad_sqlite_arg_bytes(ctx, argv, 0, 0, fn, t, tlen) &&
		ad_sqlite_arg_bytes(ctx, argv, 1, 1, fn, p, plen);
}

static void
dsse_pae_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t,
			   *p;
	size_t		tlen,
				plen,
				len;
	unsigned char *out;
	ad_status	st;

	(void) argc;
	if (!type_and_payload(ctx, argv, "dsse_pae", &t, &tlen, &p, &plen))
		return;
	st = ad_dsse_pae((const char *) t, tlen, p, plen, &out, &len);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "dsse_pae", "arguments");
	else
		sqlite3_result_blob64(ctx, out, len, ad_free);
}

static void
dsse_sign_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t,
			   *p,
			   *k;
	size_t		tlen,
				plen,
				klen,
				len;
	char	   *json;
	ad_status	st;

	(void) argc;
	if (sqlite3_value_type(argv[2]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return;
	}
	if (!type_and_payload(ctx, argv, "dsse_sign", &t, &tlen, &p, &plen) ||
		!ad_sqlite_arg_bytes(ctx, argv, 2, 1, "dsse_sign", &k, &klen))
		return;
	st = ad_dsse_sign((const char *) t, tlen, p, plen, (const char *) k, klen, &json, &len);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "dsse_sign",
				   st == AD_EDSSE_TYPE || st == AD_EUTF8 ? "argument 1" : "argument 3");
	else
		sqlite3_result_text64(ctx, json, len, ad_free, SQLITE_UTF8);
}

/* Report a failed dsse_verify naming the argument (and key) at fault. */
static void
verify_error(sqlite3_context *ctx, ad_status st, int bad_arg, size_t bad_key, int list)
{
	char		what[AD_ARG_NAME_MAX];

	ad_dsse_verify_arg(bad_arg, bad_key, list, what);
	ad_sqlite_error(ctx, st, "dsse_verify", what);
}

static void
dsse_verify_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *e,
			   *k;
	size_t		elen,
				klen,
				bad_key;
	ad_strlist *list = NULL;
	int			ok,
				bad_arg,
				threshold = 1;
	ad_status	st;

	if (sqlite3_value_type(argv[1]) == SQLITE_NULL ||
		(argc == 3 && sqlite3_value_type(argv[2]) == SQLITE_NULL))
	{
		sqlite3_result_null(ctx);
		return;
	}
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "dsse_verify", &e, &elen) ||
		!ad_sqlite_arg_bytes(ctx, argv, 1, argc == 2, "dsse_verify", &k, &klen))
		return;
	if (argc == 3)
	{
		if (sqlite3_value_type(argv[2]) != SQLITE_INTEGER)
		{
			sqlite3_result_error(ctx, "dsse_verify: argument 3 must be an integer", -1);
			return;
		}
		{
			/* 64 bits, range-checked by the core: none of it is cut away */
			sqlite3_int64 t = sqlite3_value_int64(argv[2]);

			threshold = (t < 1 || t > INT_MAX) ? 0 : (int) t;
		}
		st = ad_json_string_array((const char *) k, klen, &list);
		if (st != AD_OK)
		{
			sqlite3_result_error(ctx, "dsse_verify: argument 2 must be a JSON array of key texts", -1);
			return;
		}
		st = ad_dsse_verify_texts(cache_of(ctx), (const char *) e, elen, list->s, list->len,
								  list->n, threshold, &ok, &bad_arg, &bad_key);
		ad_strlist_free(list);
	}
	else
	{
		const char *kt = (const char *) k;

		st = ad_dsse_verify_texts(cache_of(ctx), (const char *) e, elen, &kt, &klen, 1,
								  1, &ok, &bad_arg, &bad_key);
	}
	if (st != AD_OK)
		verify_error(ctx, st, bad_arg, bad_key, argc == 3);
	else
		sqlite3_result_int(ctx, ok);
}

#define AD_UNIX_SECS_MIN INT64_C(-62135596800)
#define AD_UNIX_SECS_MAX INT64_C(253402300799)

/* collected_at as RFC 3339 text, or a Unix time in seconds. */
static int
collected_at(sqlite3_context *ctx, sqlite3_value *v, const char *fn, int64_t *usec)
{
	const unsigned char *p;
	size_t		len;
	ad_status	st;

	if (sqlite3_value_type(v) == SQLITE_INTEGER)
	{
		sqlite3_int64 secs = sqlite3_value_int64(v);

		/* 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z, as RFC 3339 text allows */
		if (secs < AD_UNIX_SECS_MIN || secs > AD_UNIX_SECS_MAX)
		{
			char	   *msg = sqlite3_mprintf("%s: argument 3: a Unix time must be between "
											  "%lld and %lld (years 1 to 9999)", fn,
											  (long long) AD_UNIX_SECS_MIN, (long long) AD_UNIX_SECS_MAX);

			sqlite3_result_error(ctx, msg ? msg : fn, -1);
			sqlite3_free(msg);
			return 0;
		}
		*usec = secs * 1000000;
		return 1;
	}
	if (!ad_sqlite_arg_bytes(ctx, &v, 0, 0, fn, &p, &len))
		return 0;
	st = ad_time_parse((const char *) p, len, usec);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, fn, "argument 3");
	return st == AD_OK;
}

static void
provenance_statement_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *c,
			   *s,
			   *x = NULL;
	size_t		clen,
				slen,
				xlen = 0,
				len;
	int64_t		usec;
	char	   *json;
	int			i;
	ad_status	st;

	for (i = 0; i < argc; i++)
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
		{
			sqlite3_result_null(ctx);
			return;
		}
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 1, "provenance_statement", &c, &clen) ||
		!ad_sqlite_arg_bytes(ctx, argv, 1, 0, "provenance_statement", &s, &slen) ||
		!collected_at(ctx, argv[2], "provenance_statement", &usec) ||
		(argc == 4 && !ad_sqlite_arg_bytes(ctx, argv, 3, 0, "provenance_statement", &x, &xlen)))
		return;
	st = ad_provenance_statement(c, clen, (const char *) s, slen, usec,
								 (const char *) x, xlen, &json, &len);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "provenance_statement",
				   st == AD_EUTF8 ? "argument 2" : st == AD_ETIME ? "argument 3" : "argument 4");
	else
		sqlite3_result_text64(ctx, json, len, ad_free, SQLITE_UTF8);
}

/* Look up the registry row of every signature's keyid; entries' texts are sqlite3_malloc'd. */
static int
registry_lookup(sqlite3_context *ctx, const ad_dsse_envelope *env, ad_registry_entry *entries)
{
	sqlite3_stmt *stmt;
	size_t		i;
	int			rc = sqlite3_prepare_v2(sqlite3_context_db_handle(ctx),
										"SELECT public_key, revoked_at IS NOT NULL FROM "
										AD_SQLITE_REGISTRY " WHERE keyid = ?1", -1, &stmt, NULL);

	if (rc != SQLITE_OK)
	{
		sqlite3_result_error(ctx, "provenance_verify: cannot read the key registry "
							 "(run antidote_init() first)", -1);
		return 0;
	}
	for (i = 0; i < ad_dsse_nsigs(env) && rc == SQLITE_OK; i++)
	{
		const char *kid = ad_dsse_sig_keyid(env, i);

		if (kid == NULL)
			continue;
		sqlite3_bind_text(stmt, 1, kid, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_TEXT)
		{
			entries[i].len = (size_t) sqlite3_column_bytes(stmt, 0);
			entries[i].text = sqlite3_mprintf("%.*s", (int) entries[i].len,
											  (const char *) sqlite3_column_text(stmt, 0));
			entries[i].revoked = sqlite3_column_int(stmt, 1);
			if (entries[i].text == NULL)
				rc = SQLITE_NOMEM;
		}
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_OK)
		sqlite3_result_error_nomem(ctx);
	return rc == SQLITE_OK;
}

/* Verify a parsed envelope against the registry; sets the result. */
static void
provenance_result(sqlite3_context *ctx, const ad_dsse_envelope *env,
				  const unsigned char *c, size_t clen)
{
	size_t		n = ad_dsse_nsigs(env),
				i;
	ad_registry_entry *entries = sqlite3_malloc64(n * sizeof(ad_registry_entry));
	ad_prov_result res;
	ad_status	st;

	if (entries == NULL)
	{
		sqlite3_result_error_nomem(ctx);
		return;
	}
	memset(entries, 0, n * sizeof(ad_registry_entry));
	if (registry_lookup(ctx, env, entries))
	{
		st = ad_provenance_verify(cache_of(ctx), env, entries, c, clen, &res);
		if (st != AD_OK)
			ad_sqlite_error(ctx, st, "provenance_verify", "key registry");
		else
			sqlite3_result_text(ctx, ad_prov_result_name(res), -1, SQLITE_STATIC);
	}
	for (i = 0; i < n; i++)
		sqlite3_free((void *) entries[i].text);
	sqlite3_free(entries);
}

/*
 * Verify a parsed envelope against the trusted keys of argument 3 (a JSON
 * array); sets the result.  With env NULL (malformed) the keys are still
 * checked and the result is res.
 */
static void
provenance_keys_result(sqlite3_context *ctx, const ad_dsse_envelope *env, sqlite3_value **argv,
					   const unsigned char *c, size_t clen, ad_prov_result res)
{
	const unsigned char *k;
	size_t		klen,
				bad_key = 0;
	ad_strlist *list = NULL;
	ad_status	st;
	char		what[AD_ARG_NAME_MAX];

	if (!ad_sqlite_arg_bytes(ctx, argv, 2, 0, "provenance_verify", &k, &klen))
		return;
	if (ad_json_string_array((const char *) k, klen, &list) != AD_OK)
	{
		sqlite3_result_error(ctx, "provenance_verify: argument 3 must be a JSON array of key texts", -1);
		return;
	}
	st = ad_provenance_verify_keys(cache_of(ctx), env, list->s, list->len, list->n, c, clen,
								   &res, &bad_key);
	ad_strlist_free(list);
	if (st == AD_OK)
	{
		sqlite3_result_text(ctx, ad_prov_result_name(res), -1, SQLITE_STATIC);
		return;
	}
	snprintf(what, sizeof(what), "argument 3 element %zu", bad_key + 1);
	ad_sqlite_error(ctx, st, "provenance_verify", what);
}

static void
provenance_verify_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *c,
			   *e;
	size_t		clen,
				elen;
	ad_dsse_envelope *env;
	ad_prov_result res;
	ad_status	st;

	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 1, "provenance_verify", &c, &clen))
		return;
	if (argc == 3 && sqlite3_value_type(argv[2]) == SQLITE_NULL)
	{
		sqlite3_result_null(ctx);
		return;
	}
	if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
	{
		sqlite3_result_text(ctx, ad_prov_result_name(AD_PROV_UNSIGNED), -1, SQLITE_STATIC);
		return;
	}
	if (!ad_sqlite_arg_bytes(ctx, argv, 1, 0, "provenance_verify", &e, &elen))
		return;
	st = ad_provenance_parse((const char *) e, elen, &env, &res);
	if (st != AD_OK)
		ad_sqlite_error(ctx, st, "provenance_verify", "argument 2");
	else if (argc == 3)
		provenance_keys_result(ctx, env, argv, c, clen, res);
	else if (env == NULL)
		sqlite3_result_text(ctx, ad_prov_result_name(res), -1, SQLITE_STATIC);
	else
		provenance_result(ctx, env, c, clen);
	if (env != NULL)
		ad_dsse_envelope_free(env);
}

/* Run one statement with n text parameters (NULL for SQL NULL); 0 and an error set on failure. */
static int
run_sql(sqlite3_context *ctx, const char *fn, const char *sql,
		const unsigned char *const *vals, const size_t *lens, int n)
{
	sqlite3    *db = sqlite3_context_db_handle(ctx);
	sqlite3_stmt *stmt;
	int			rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	int			i;
	char		msg[512];

	if (rc == SQLITE_OK)
	{
		for (i = 0; i < n; i++)
			if (vals[i] != NULL)
				sqlite3_bind_text64(stmt, i + 1, (const char *) vals[i], lens[i],
									SQLITE_TRANSIENT, SQLITE_UTF8);
		rc = sqlite3_step(stmt);
		sqlite3_finalize(stmt);
		if (rc == SQLITE_DONE)
			return 1;
	}
	snprintf(msg, sizeof(msg), "%s: %s", fn, sqlite3_errmsg(db));
	sqlite3_result_error(ctx, msg, -1);
	return 0;
}

static void
antidote_init_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void) argc;
	(void) argv;
	if (run_sql(ctx, "antidote_init",
				"CREATE TABLE IF NOT EXISTS " AD_SQLITE_REGISTRY " ("
				"keyid TEXT PRIMARY KEY, public_key TEXT NOT NULL, source TEXT, "
				"added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), "
				"revoked_at TEXT)", NULL, NULL, 0))
		sqlite3_result_int(ctx, 1);
}

static void
trust_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *v[3] = {NULL, NULL, NULL};
	size_t		lens[3] = {0, 0, 0};
	char		id[AD_KEYID_MAX];
	ad_status	st;

	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
	{
		sqlite3_result_error(ctx, "trust_key: argument 1 is NULL", -1);
		return;
	}
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 1, "trust_key", &v[1], &lens[1]) ||
		(argc == 2 && sqlite3_value_type(argv[1]) != SQLITE_NULL &&
		 !ad_sqlite_arg_bytes(ctx, argv, 1, 0, "trust_key", &v[2], &lens[2])))
		return;
	st = ad_key_id((const char *) v[1], lens[1], id);
	if (st != AD_OK)
	{
		ad_sqlite_error(ctx, st, "trust_key", "argument 1");
		return;
	}
	v[0] = (const unsigned char *) id;
	lens[0] = strlen(id);
	/* Revocation is permanent: a known key is left as it is. */
	if (!run_sql(ctx, "trust_key",
				 "INSERT INTO " AD_SQLITE_REGISTRY " (keyid, public_key, source) "
				 "VALUES (?1, ?2, ?3) ON CONFLICT (keyid) DO NOTHING", v, lens, 3))
		return;
	sqlite3_result_text(ctx, id, -1, SQLITE_TRANSIENT);
}

static void
revoke_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *k;
	size_t		klen;

	(void) argc;
	if (!ad_sqlite_arg_bytes(ctx, argv, 0, 0, "revoke_key", &k, &klen))
		return;
	if (run_sql(ctx, "revoke_key",
				"UPDATE " AD_SQLITE_REGISTRY " SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
				"WHERE keyid = ?1 AND revoked_at IS NULL", &k, &klen, 1))
		sqlite3_result_int(ctx, sqlite3_changes(sqlite3_context_db_handle(ctx)) > 0);
}

static const ad_sqlite_fn provenance_fns[] = {
	{"signing_keygen", 0, AD_SQLITE_DIRECT, signing_keygen_fn},
	{"key_id", 1, AD_SQLITE_PURE, key_id_fn},
	{"dsse_pae", 2, AD_SQLITE_PURE, dsse_pae_fn},
	{"dsse_sign", 3, AD_SQLITE_DIRECT, dsse_sign_fn},
	{"provenance_statement", 3, AD_SQLITE_PURE, provenance_statement_fn},
	{"provenance_statement", 4, AD_SQLITE_PURE, provenance_statement_fn},
	{"antidote_init", 0, AD_SQLITE_DIRECT, antidote_init_fn},
	{"trust_key", 1, AD_SQLITE_DIRECT, trust_key_fn},
	{"trust_key", 2, AD_SQLITE_DIRECT, trust_key_fn},
	{"revoke_key", 1, AD_SQLITE_DIRECT, revoke_key_fn},
};

/* Functions that share the connection's key cache. */
static const ad_sqlite_fn cached_fns[] = {
	{"dsse_verify", 2, AD_SQLITE_PURE, dsse_verify_fn},
	{"dsse_verify", 3, AD_SQLITE_PURE, dsse_verify_fn},
	{"provenance_verify", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, provenance_verify_fn},
	{"provenance_verify", 3, AD_SQLITE_PURE, provenance_verify_fn},
};

int
ad_sqlite_register_provenance(sqlite3 *db)
{
	prov_cache *pc;
	size_t		i;
	int			rc = ad_sqlite_register(db, provenance_fns,
										sizeof(provenance_fns) / sizeof(provenance_fns[0]));

	if (rc != SQLITE_OK)
		return rc;
	pc = sqlite3_malloc(sizeof(*pc));
	if (pc == NULL || ad_key_cache_new(&pc->cache) != AD_OK)
	{
		sqlite3_free(pc);
		return SQLITE_NOMEM;
	}
	/* One reference per registration; each is dropped by SQLite's destructor. */
	pc->refs = 1;
	for (i = 0; i < sizeof(cached_fns) / sizeof(cached_fns[0]) && rc == SQLITE_OK; i++)
	{
		pc->refs++;
		rc = sqlite3_create_function_v2(db, cached_fns[i].name, cached_fns[i].nargs,
										cached_fns[i].flags, pc, cached_fns[i].fn,
										NULL, NULL, prov_cache_release);
	}
	prov_cache_release(pc);
	return rc;
}
