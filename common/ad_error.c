/* The one table of status messages and their kinds. */
#include <stdlib.h>

#include "antidote.h"

#define AD_STR_CONTEXT_PHRASES_(x) #x
#define AD_STR_CONTEXT_PHRASES AD_STR_CONTEXT_PHRASES_(4096)

static const struct
{
	ad_kind		kind;
	const char *message;
}			ad_errors[AD_STATUS_COUNT] = {
	[AD_OK] = {AD_KIND_OK, "success"},
	[AD_ENOMEM] = {AD_KIND_NOMEM, "out of memory"},
	[AD_ETOOBIG] = {AD_KIND_LIMIT, "input is larger than the supported maximum"},
	[AD_EUTF8] = {AD_KIND_ENCODING, "invalid UTF-8 byte sequence"},
	[AD_EUNICODE] = {AD_KIND_INTERNAL, "Unicode library failure"},
	[AD_ESSDEEP_FORMAT] = {AD_KIND_SYNTAX, "expected \"blocksize:part1:part2\""},
	[AD_ESSDEEP_BLOCKSIZE] = {AD_KIND_SYNTAX, "block size must be 3 times a power of two, at most 3221225472"},
	[AD_ESSDEEP_ALPHABET] = {AD_KIND_SYNTAX, "hash parts may hold only base64 characters A-Z a-z 0-9 + /"},
	[AD_ESSDEEP_LENGTH] = {AD_KIND_SYNTAX, "a hash part is longer than 64 characters"},
	[AD_EFUZZY] = {AD_KIND_INTERNAL, "fuzzy hashing library failure"},
	[AD_ECRYPTO] = {AD_KIND_INTERNAL, "cryptographic library failure"},
	[AD_EPOLICY_KEY] = {AD_KIND_SYNTAX, "unknown policy key (known: require, max_suspicion, max_near_duplicates, max_sources, on_update, on_reject)"},
	[AD_EPOLICY_VALUE] = {AD_KIND_SYNTAX, "bad policy value (require=verified|any, max_suspicion=0..1 with at most 6 decimals, max_near_duplicates=integer >= 0, max_sources=integer >= 2, on_update=changed|always, on_reject=error|quarantine)"},
	[AD_EPOLICY_DUPLICATE] = {AD_KIND_SYNTAX, "a policy key is given twice"},
	[AD_EPOLICY_SYNTAX] = {AD_KIND_SYNTAX, "expected comma-separated key=value items"},
	[AD_EPOLICY_EMPTY] = {AD_KIND_SYNTAX, "the policy checks nothing (give require=verified, max_suspicion, max_near_duplicates or max_sources)"},
	[AD_EJSON] = {AD_KIND_SYNTAX, "malformed JSON (or a duplicate key)"},
	[AD_EBASE64] = {AD_KIND_SYNTAX, "invalid base64"},
	[AD_EDSSE_FORMAT] = {AD_KIND_SYNTAX, "not a DSSE envelope: expected {\"payload\": base64, \"payloadType\": string, \"signatures\": [{\"sig\": base64, \"keyid\": string}]}"},
	[AD_EDSSE_TYPE] = {AD_KIND_DATA, "payloadType is empty"},
	[AD_EDSSE_SIGCOUNT] = {AD_KIND_LIMIT, "an envelope may carry 1 to 256 signatures"},
	[AD_ESTATEMENT] = {AD_KIND_DATA, "payload is not an in-toto Statement v1 with a sha256 subject digest"},
	[AD_EKEY_FORMAT] = {AD_KIND_SYNTAX, "expected a PEM public key (SubjectPublicKeyInfo) or 64 hex digits"},
	[AD_EKEY_TYPE] = {AD_KIND_DATA, "key is not an Ed25519 key"},
	[AD_EPRIVKEY_FORMAT] = {AD_KIND_SYNTAX, "expected an unencrypted PEM Ed25519 private key (PKCS #8)"},
	[AD_ETHRESHOLD] = {AD_KIND_DATA, "threshold must be between 1 and the number of keys"},
	[AD_ETIME] = {AD_KIND_SYNTAX, "expected an RFC 3339 timestamp such as 2024-05-01T12:00:00Z"},
	[AD_EEXTRA] = {AD_KIND_DATA, "extra must be a JSON object"},
	[AD_EKEY_NAME] = {AD_KIND_DATA, "a key name may hold only letters, digits, '.', '_' and '-', and may not start with '.'"},
	[AD_EKEY_FILE] = {AD_KIND_DATA, "key file is missing, unreadable or not a regular file"},
	[AD_EKEY_MODE] = {AD_KIND_DATA, "key file is accessible by group or others (chmod 600 it)"},
	[AD_EJSON_OBJECT] = {AD_KIND_SYNTAX, "not a valid JSON object"},
	[AD_ECONTEXT_KEY] = {AD_KIND_DATA, "unknown key in the suspicion context (expected near_duplicates, distinct_sources, provenance, weights, thresholds, phrases; signal names in weights and thresholds)"},
	[AD_ECONTEXT_VALUE] = {AD_KIND_DATA, "invalid value in the suspicion context (counts are numbers >= 0, weights 0..1, thresholds > 0, phrases arrays of strings)"},
	[AD_EPROVENANCE] = {AD_KIND_DATA, "unknown provenance status (expected verified, unsigned, malformed, unknown_key, revoked_key, bad_signature or digest_mismatch)"},
	[AD_ESETTING_NAME] = {AD_KIND_DATA, "unknown setting (expected ssdeep_threshold, minhash_threshold, boilerplate_min_texts, suspicion_weight_<signal> or suspicion_threshold_<signal>)"},
	[AD_ESETTING_VALUE] = {AD_KIND_DATA, "setting out of range (weights 0..1, thresholds above 0 and at most 1000000)"},
	[AD_EMINHASH] = {AD_KIND_SYNTAX, "not a minhash signature of this format version"},
	[AD_ECANCELED] = {AD_KIND_CANCELED, "canceled"},
	[AD_EINDEX_BITS] = {AD_KIND_DATA, "index key bits must be 12..48"},
	[AD_EKEY_NONCANONICAL] = {AD_KIND_DATA, "public key is not a canonical Ed25519 point encoding (y must be below 2^255-19, and x = 0 must have the sign bit clear)"},
	[AD_EKEY_NOT_ON_CURVE] = {AD_KIND_DATA, "public key is not a point on the Ed25519 curve"},
	[AD_EKEY_SMALL_ORDER] = {AD_KIND_DATA, "public key is a small-order point"},
	[AD_EKEY_EXISTS] = {AD_KIND_DATA, "a key file of that name already exists (it is never replaced)"},
	[AD_ECONTEXT_PHRASES] = {AD_KIND_LIMIT, "phrase list in the suspicion context is too large (at most " AD_STR_CONTEXT_PHRASES " phrases and 256 KiB per list)"},
	[AD_ESWEEP_ROW] = {AD_KIND_INTERNAL, "a clustered row id is not a row number of the sweep"},
	[AD_ESSDEEP_THRESHOLD] = {AD_KIND_DATA, "ssdeep_threshold must be an integer from 0 to 100"},
	[AD_EMINHASH_THRESHOLD] = {AD_KIND_DATA, "minhash_threshold must be a number from 0 to 1"},
	[AD_EPAIRS_LIMIT] = {AD_KIND_LIMIT, "more than 4194304 near-duplicate pairs (n copies of one text make n(n-1)/2 pairs; near_duplicate_clusters reports floods in linear space)"},
	[AD_ESIG_BYTES] = {AD_KIND_DATA, "index signature length must be 8..2024 bytes"},
	[AD_EBOILERPLATE_MIN_TEXTS] = {AD_KIND_DATA, "boilerplate_min_texts must be 0 (off) or an integer from 2 to 1000000"},
};

const char *
ad_strerror(ad_status st)
{
	if ((unsigned) st >= AD_STATUS_COUNT || ad_errors[st].message == NULL)
		return "unknown error";
	return ad_errors[st].message;
}

ad_kind
ad_status_kind(ad_status st)
{
	if ((unsigned) st >= AD_STATUS_COUNT || ad_errors[st].message == NULL)
		return AD_KIND_INTERNAL;
	return ad_errors[st].kind;
}

void
ad_free(void *p)
{
	free(p);
}
