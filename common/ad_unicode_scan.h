/* Core-internal: the Unicode signals over decoded code points (ad_hidden.c). */
#ifndef AD_UNICODE_SCAN_H
#define AD_UNICODE_SCAN_H

#include <unicode/umachine.h>

#include "antidote.h"

/*
 * Hidden/format characters: weighted count, reason, whether a C2PA wrapper
 * is present.  Here and below, a NULL reason is not formatted.
 */
void		ad_hidden_measure(const UChar32 *cp, size_t n, double *value, char *reason, int *c2pa);

/* Number of mixed-script confusable words. */
ad_status	ad_confusable_measure(const UChar32 *cp, size_t n, double *value, char *reason);

#endif							/* AD_UNICODE_SCAN_H */
