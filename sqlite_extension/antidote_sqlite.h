/* Shared pieces of the SQLite binding: registration table and the error mapper. */
#ifndef ANTIDOTE_SQLITE_H
#define ANTIDOTE_SQLITE_H

#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3

#include "antidote.h"

/* Function flags: pure functions, and those with side effects or secrets. */
#define AD_SQLITE_PURE (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)
#define AD_SQLITE_DIRECT (SQLITE_UTF8 | SQLITE_DIRECTONLY)

typedef struct ad_sqlite_fn
{
	const char *name;
	int			nargs;
	int			flags;
	void		(*fn) (sqlite3_context *, int, sqlite3_value **);
} ad_sqlite_fn;

/* Register a table of functions; stops at the first failure. */
int			ad_sqlite_register(sqlite3 *db, const ad_sqlite_fn *fns, size_t n);

/* Report a core status as "fn: what: message". */
void		ad_sqlite_error(sqlite3_context *ctx, ad_status st, const char *fn, const char *what);

/*
 * Fetch argument i as bytes.  Accepts TEXT, and BLOB when allow_blob;
 * other types raise an error naming the argument.  Returns 0 on NULL or
 * error (the result is already set), 1 when *p and *len hold the bytes.
 */
int			ad_sqlite_arg_bytes(sqlite3_context *ctx, sqlite3_value **argv, int i,
								int allow_blob, const char *fn,
								const unsigned char **p, size_t *len);

/*
 * The connection's settings (antidote_config): suspicion weights and
 * thresholds, near-duplicate thresholds.  One object per connection, held by
 * reference by every function and module that reads it, so a host that
 * replaces one of them leaves the others working.
 */
typedef struct ad_sqlite_settings
{
	int			refs;
	ad_suspicion_params suspicion;
	ad_neardup_params neardup;
} ad_sqlite_settings;

/* A new object with the defaults and one reference, or NULL. */
ad_sqlite_settings *ad_sqlite_settings_new(void);

/* Take a reference (returns s); drop one (a destructor for SQLite's APIs). */
ad_sqlite_settings *ad_sqlite_settings_ref(ad_sqlite_settings *s);
void		ad_sqlite_settings_release(void *s);

/* Per-concern registration functions. */
int			ad_sqlite_register_fuzzy(sqlite3 *db);
int			ad_sqlite_register_text(sqlite3 *db);
int			ad_sqlite_register_guard(sqlite3 *db, ad_sqlite_settings *s);
int			ad_sqlite_register_audit(sqlite3 *db, ad_sqlite_settings *s);
int			ad_sqlite_register_provenance(sqlite3 *db);
int			ad_sqlite_register_suspicion(sqlite3 *db, ad_sqlite_settings *s);
int			ad_sqlite_register_neardup(sqlite3 *db);
int			ad_sqlite_register_cluster(sqlite3 *db, ad_sqlite_settings *s);
int			ad_sqlite_register_sweep(sqlite3 *db);

#endif							/* ANTIDOTE_SQLITE_H */
