/*
 * Base64 for DSSE: decoding accepts the standard and the URL-safe alphabet
 * (RFC 4648 sections 4 and 5), with or without padding, and nothing else
 * (no white space); encoding writes standard padded base64.
 */
#include <stdlib.h>
#include <string.h>

#include "antidote.h"

static const char b64_alphabet[] =
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Value of one base64 character in either alphabet, or -1. */
static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

ad_status
ad_base64_decode(const char *in, size_t len, unsigned char **out, size_t *outlen)
{
	size_t		pad = 0,
				i,
				n = 0;
	uint32_t	acc = 0;
	int			bits = 0;
	unsigned char *buf;

	*out = NULL;
	*outlen = 0;
	/* Padding, if any, must complete the last quantum. */
	while (len > 0 && in[len - 1] == '=' && pad < 2)
	{
		len--;
		pad++;
	}
	if (pad > 0 && (len + pad) % 4 != 0)
		return AD_EBASE64;
	if (len % 4 == 1)
		return AD_EBASE64;
	buf = malloc(len / 4 * 3 + 3);
	if (buf == NULL)
		return AD_ENOMEM;
	for (i = 0; i < len; i++)
	{
		int			v = b64_value((unsigned char) in[i]);

		if (v < 0)
		{
			free(buf);
			return AD_EBASE64;
		}
		acc = (acc << 6) | (uint32_t) v;
		bits += 6;
		if (bits >= 8)
		{
			bits -= 8;
			buf[n++] = (unsigned char) (acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	/* Leftover bits must be zero (canonical encoding). */
	if (acc != 0)
	{
		free(buf);
		return AD_EBASE64;
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return AD_OK;
}

ad_status
ad_base64_encode(const unsigned char *in, size_t len, char **out, size_t *outlen)
{
	size_t		i,
				n = 0;
	char	   *buf;

	*out = NULL;
	if (len > (SIZE_MAX - 1) / 4 * 3 - 3)
		return AD_ETOOBIG;
	buf = malloc((len + 2) / 3 * 4 + 1);
	if (buf == NULL)
		return AD_ENOMEM;
	for (i = 0; i + 2 < len; i += 3)
	{
		uint32_t	v = ((uint32_t) in[i] << 16) | ((uint32_t) in[i + 1] << 8) | in[i + 2];

		buf[n++] = b64_alphabet[v >> 18];
		buf[n++] = b64_alphabet[(v >> 12) & 63];
		buf[n++] = b64_alphabet[(v >> 6) & 63];
		buf[n++] = b64_alphabet[v & 63];
	}
	if (i < len)
	{
		uint32_t	v = (uint32_t) in[i] << 16;

		if (i + 1 < len)
			v |= (uint32_t) in[i + 1] << 8;
		buf[n++] = b64_alphabet[v >> 18];
		buf[n++] = b64_alphabet[(v >> 12) & 63];
		buf[n++] = (i + 1 < len) ? b64_alphabet[(v >> 6) & 63] : '=';
		buf[n++] = '=';
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return AD_OK;
}
