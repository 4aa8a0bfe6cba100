/* Pieces of the guard the sweep shares (pg_guard.c). */
#ifndef PG_GUARD_H
#define PG_GUARD_H

#include "access/htup.h"
#include "utils/array.h"
#include "utils/relcache.h"

/* Resolve and check a source column; fn names the caller in errors. */
extern int	ad_pg_guard_source_column(Relation rel, const char *name, const char *fn);

/* SQL naming a row t of rel in verdicts: its one-column primary key, else its ctid, as text. */
extern char *ad_pg_row_id_expr(Relation rel);

/* Write a row to antidote.quarantine the way the guard does (needs SPI). */
extern void ad_pg_quarantine(Relation rel, HeapTuple tuple, ArrayType *reasons, const char *policy,
							 const char *verdict);

#endif							/* PG_GUARD_H */
