/* SHA-256 through OpenSSL's EVP interface. */
#include <openssl/evp.h>

#include "antidote.h"

ad_status
ad_sha256(const unsigned char *buf, size_t len, unsigned char out[AD_SHA256_LEN])
{
	unsigned int n = 0;

	if (EVP_Digest(buf, len, out, &n, EVP_sha256(), NULL) != 1 || n != AD_SHA256_LEN)
		return AD_ECRYPTO;
	return AD_OK;
}

ad_status
ad_sha256_hex(const unsigned char *buf, size_t len, char out[AD_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[AD_SHA256_LEN];
	ad_status	st = ad_sha256(buf, len, md);
	int			i;

	if (st != AD_OK)
		return st;
	for (i = 0; i < AD_SHA256_LEN; i++)
	{
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * AD_SHA256_LEN] = '\0';
	return AD_OK;
}
