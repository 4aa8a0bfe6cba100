/* The one table of status messages and their kinds. */
#include <stdlib.h>

#include "antidote.h"

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
	[AD_EMINHASH] = {AD_KIND_SYNTAX, "not a minhash signature of this format version"},
	[AD_ECANCELED] = {AD_KIND_CANCELED, "canceled"},
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
