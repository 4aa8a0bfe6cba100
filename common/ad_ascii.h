/* Core-internal: fast paths for ASCII text (ad_unicode.c), shared by the normal form and the signals. */
#ifndef AD_ASCII_H
#define AD_ASCII_H

#include <stddef.h>
#include <stdint.h>

/* Byte-lane constants for eight bytes at a time. */
#define ONES8 UINT64_C(0x0101010101010101)
#define HIGH8 (ONES8 * 0x80)

/* Whether every byte of p[0..len) is ASCII (eight bytes at a time). */
int			ad_all_ascii(const char *p, size_t len);

/*
 * The normal form (ad_text_normalize) of ASCII text t[0..len) into o, which
 * has room for len + 1 bytes; returns its length (not NUL-terminated).
 */
size_t		ad_ascii_normal_form(const unsigned char *t, size_t len, char *o);

#endif							/* AD_ASCII_H */
