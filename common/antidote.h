/*
 * antidote core: database-neutral API.
 *
 * Every function returns an ad_status; results go to caller-provided outputs.
 * Buffers the core allocates are released with ad_free().  Nothing here
 * longjmps, prints or touches global state beyond libraries' own caches.
 */
#ifndef ANTIDOTE_H
#define ANTIDOTE_H

#include <stddef.h>
#include <stdint.h>

#define ANTIDOTE_VERSION "0.4.0"

/* Status codes.  Messages live in one table in ad_error.c. */
typedef enum ad_status
{
	AD_OK = 0,
	AD_ENOMEM,
	AD_ETOOBIG,
	AD_EUTF8,
	AD_EUNICODE,
	AD_ESSDEEP_FORMAT,
	AD_ESSDEEP_BLOCKSIZE,
	AD_ESSDEEP_ALPHABET,
	AD_ESSDEEP_LENGTH,
	AD_EFUZZY,
	AD_ECRYPTO,
	AD_EPOLICY_KEY,
	AD_EPOLICY_VALUE,
	AD_EPOLICY_DUPLICATE,
	AD_EPOLICY_SYNTAX,
	AD_EPOLICY_EMPTY,
	AD_EJSON,
	AD_EBASE64,
	AD_EDSSE_FORMAT,
	AD_EDSSE_TYPE,
	AD_EDSSE_SIGCOUNT,
	AD_ESTATEMENT,
	AD_EKEY_FORMAT,
	AD_EKEY_TYPE,
	AD_EPRIVKEY_FORMAT,
	AD_ETHRESHOLD,
	AD_ETIME,
	AD_EEXTRA,
	AD_EKEY_NAME,
	AD_EKEY_FILE,
	AD_EKEY_MODE,
	AD_EJSON_OBJECT,
	AD_ECONTEXT_KEY,
	AD_ECONTEXT_VALUE,
	AD_EPROVENANCE,
	AD_ESETTING_NAME,
	AD_ESETTING_VALUE,
	AD_EMINHASH,
	AD_ECANCELED,
	AD_EINDEX_BITS,
	AD_EKEY_NONCANONICAL,
	AD_EKEY_NOT_ON_CURVE,
	AD_EKEY_SMALL_ORDER,
	AD_EKEY_EXISTS,
	AD_ECONTEXT_PHRASES,
	AD_ESWEEP_ROW,
	AD_ESSDEEP_THRESHOLD,
	AD_EMINHASH_THRESHOLD,
	AD_EPAIRS_LIMIT,
	AD_ESIG_BYTES,
	AD_EBOILERPLATE_MIN_TEXTS,
	AD_STATUS_COUNT
} ad_status;

/* How a binding should classify a status (maps to SQLSTATE classes). */
typedef enum ad_kind
{
	AD_KIND_OK = 0,
	AD_KIND_NOMEM,				/* out of memory */
	AD_KIND_LIMIT,				/* input exceeds a documented limit */
	AD_KIND_ENCODING,			/* invalid byte sequence */
	AD_KIND_SYNTAX,				/* malformed value of a type */
	AD_KIND_DATA,				/* well-formed but unusable value */
	AD_KIND_INTERNAL,			/* a library failed */
	AD_KIND_CANCELED			/* the caller asked to stop */
} ad_kind;

const char *ad_strerror(ad_status st);
ad_kind		ad_status_kind(ad_status st);
void		ad_free(void *p);

/* ---- fuzzy hashing (libfuzzy / ssdeep) ---- */

/* Longest signature: "blocksize:" + 64 + ":" + 64 + NUL, as libfuzzy's FUZZY_MAX_RESULT. */
#define AD_SSDEEP_MAX 148
#define AD_SSDEEP_PART_MAX 64

typedef struct ad_ssdeep
{
	uint64_t	block_size;
	size_t		len1;
	size_t		len2;
	const char *part1;			/* points into the parsed string */
	const char *part2;
} ad_ssdeep;

/* Hash len bytes; out receives a NUL-terminated signature (AD_SSDEEP_MAX bytes). */
ad_status	ad_fuzzy_hash(const unsigned char *buf, size_t len, char out[AD_SSDEEP_MAX]);

/* Incremental hashing, for bindings that feed large values in chunks. */
typedef struct ad_fuzzy_ctx ad_fuzzy_ctx;
ad_status	ad_fuzzy_begin(uint64_t total_len, ad_fuzzy_ctx **ctx);
ad_status	ad_fuzzy_update(ad_fuzzy_ctx *ctx, const unsigned char *buf, size_t len);
ad_status	ad_fuzzy_final(ad_fuzzy_ctx *ctx, char out[AD_SSDEEP_MAX]);
void		ad_fuzzy_abort(ad_fuzzy_ctx *ctx);

/* Strictly parse "blocksize:part1:part2" (no trailing file name). */
ad_status	ad_ssdeep_parse(const char *s, size_t len, ad_ssdeep *out);

/* libfuzzy's 0..100 score; both signatures are validated first. */
ad_status	ad_fuzzy_compare(const char *a, size_t alen, const char *b, size_t blen, int *score);

/* ---- Unicode ---- */

/* Check that buf is well-formed UTF-8. */
ad_status	ad_utf8_check(const char *buf, size_t len);

/*
 * Normal form for matching: drop format (Cf), default-ignorable and
 * non-space control characters, apply NFKC with case folding
 * (NFKC_Casefold), collapse runs of white space to one U+0020 and trim.
 * *out is NUL-terminated, *outlen excludes the NUL; free with ad_free().
 */
ad_status	ad_text_normalize(const char *buf, size_t len, char **out, size_t *outlen);

/* ---- digests ---- */

#define AD_SHA256_LEN 32
#define AD_SHA256_HEX 65

ad_status	ad_sha256(const unsigned char *buf, size_t len, unsigned char out[AD_SHA256_LEN]);
ad_status	ad_sha256_hex(const unsigned char *buf, size_t len, char out[AD_SHA256_HEX]);

#include "ad_policy.h"
#include "ad_provenance.h"
#include "ad_suspicion.h"
#include "ad_neardup.h"
#include "ad_verdict.h"
#include "ad_sweep.h"

#endif							/* ANTIDOTE_H */
