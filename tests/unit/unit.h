/* A minimal test harness: CHECK records a pass or a failure with its location. */
#ifndef ANTIDOTE_UNIT_H
#define ANTIDOTE_UNIT_H

#include <stdio.h>
#include <string.h>

extern int	unit_passed;
extern int	unit_failed;

#define CHECK(cond) \
	do { \
		if (cond) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		if (g_ != NULL && strcmp(g_, w_) == 0) \
			unit_passed++; \
		else \
		{ \
			unit_failed++; \
			fprintf(stderr, "FAIL %s:%d: got \"%s\", want \"%s\"\n", \
					__FILE__, __LINE__, g_ ? g_ : "(null)", w_); \
		} \
	} while (0)

/* Read a whole file; returns a malloc'd buffer (NUL-terminated) or NULL. */
char	   *unit_read_file(const char *path, size_t *len);

#endif
