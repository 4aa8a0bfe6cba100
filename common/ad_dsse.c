/*
 * DSSE v1 envelopes (pre-authentication encoding, parsing, threshold
 * verification, signing) and in-toto Statement v1 provenance.  JSON is read
 * and written with jansson; duplicate keys are rejected, output is compact
 * with sorted keys.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "antidote.h"

typedef struct dsse_sig
{
	unsigned char *sig;
	size_t		len;
	char	   *keyid;			/* NULL when absent */
} dsse_sig;

struct ad_dsse_envelope
{
	char	   *type;
	size_t		tlen;
	unsigned char *payload;
	size_t		plen;
	unsigned char *pae;
	size_t		paelen;
	size_t		nsigs;
	dsse_sig   *sigs;
};

ad_status
ad_dsse_pae(const char *type, size_t tlen, const unsigned char *payload, size_t plen,
			unsigned char **out, size_t *outlen)
{
	char		head[64];
	char		mid[32];
	int			hn = snprintf(head, sizeof(head), "DSSEv1 %zu ", tlen);
	int			mn = snprintf(mid, sizeof(mid), " %zu ", plen);
	size_t		n;
	unsigned char *buf;

	*out = NULL;
	if (tlen > AD_DSSE_MAX_ENVELOPE || plen > AD_DSSE_MAX_ENVELOPE)
		return AD_ETOOBIG;
	n = (size_t) hn + tlen + (size_t) mn + plen;
	buf = malloc(n + 1);
	if (buf == NULL)
		return AD_ENOMEM;
	memcpy(buf, head, hn);
	memcpy(buf + hn, type, tlen);
	memcpy(buf + hn + tlen, mid, mn);
	memcpy(buf + hn + tlen + mn, payload, plen);
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return AD_OK;
}

void
ad_dsse_envelope_free(ad_dsse_envelope *env)
{
	size_t		i;

	if (env == NULL)
		return;
	for (i = 0; i < env->nsigs; i++)
	{
		free(env->sigs[i].sig);
		free(env->sigs[i].keyid);
	}
	free(env->sigs);
	free(env->type);
	free(env->payload);
	free(env->pae);
	free(env);
}

/* A malloc'd NUL-terminated copy of a JSON string's bytes. */
static char *
json_strdup(json_t *s)
{
	size_t		n = json_string_length(s);
	char	   *p = malloc(n + 1);

	if (p != NULL)
	{
		memcpy(p, json_string_value(s), n);
		p[n] = '\0';
	}
	return p;
}

/* Decode base64 held in a JSON string. */
static ad_status
json_base64(json_t *s, unsigned char **out, size_t *len)
{
	if (!json_is_string(s))
		return AD_EDSSE_FORMAT;
	return ad_base64_decode(json_string_value(s), json_string_length(s), out, len);
}

/* Fill env->sigs from the "signatures" array. */
static ad_status
parse_signatures(json_t *arr, ad_dsse_envelope *env)
{
	size_t		i;

	if (!json_is_array(arr))
		return AD_EDSSE_FORMAT;
	if (json_array_size(arr) == 0 || json_array_size(arr) > AD_DSSE_MAX_SIGNATURES)
		return AD_EDSSE_SIGCOUNT;
	env->sigs = calloc(json_array_size(arr), sizeof(dsse_sig));
	if (env->sigs == NULL)
		return AD_ENOMEM;
	for (i = 0; i < json_array_size(arr); i++)
	{
		json_t	   *o = json_array_get(arr, i);
		json_t	   *kid = json_object_get(o, "keyid");
		dsse_sig   *s = &env->sigs[env->nsigs];
		ad_status	st;

		if (!json_is_object(o) || (kid != NULL && !json_is_string(kid)))
			return AD_EDSSE_FORMAT;
		st = json_base64(json_object_get(o, "sig"), &s->sig, &s->len);
		env->nsigs++;
		if (st != AD_OK)
			return st;
		if (kid != NULL && json_string_length(kid) > 0 &&
			(s->keyid = json_strdup(kid)) == NULL)
			return AD_ENOMEM;
	}
	return AD_OK;
}

/* Fill env from a parsed JSON object. */
static ad_status
parse_envelope(json_t *root, ad_dsse_envelope *env)
{
	json_t	   *type = json_object_get(root, "payloadType");
	ad_status	st;

	if (!json_is_object(root) || !json_is_string(type))
		return AD_EDSSE_FORMAT;
	st = json_base64(json_object_get(root, "payload"), &env->payload, &env->plen);
	if (st == AD_OK)
		st = parse_signatures(json_object_get(root, "signatures"), env);
	if (st != AD_OK)
		return st;
	if (json_string_length(type) == 0)
		return AD_EDSSE_TYPE;
	env->tlen = json_string_length(type);
	if ((env->type = json_strdup(type)) == NULL)
		return AD_ENOMEM;
	return ad_dsse_pae(env->type, env->tlen, env->payload, env->plen, &env->pae, &env->paelen);
}

ad_status
ad_dsse_parse(const char *json, size_t len, ad_dsse_envelope **out)
{
	json_t	   *root;
	json_error_t err;
	ad_dsse_envelope *env;
	ad_status	st;

	*out = NULL;
	if (len > AD_DSSE_MAX_ENVELOPE)
		return AD_ETOOBIG;
	/* numbers play no part in an envelope: any valid one is accepted */
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &err);
	if (root == NULL)
		return AD_EJSON;
	env = calloc(1, sizeof(*env));
	st = env == NULL ? AD_ENOMEM : parse_envelope(root, env);
	json_decref(root);
	if (st != AD_OK)
	{
		ad_dsse_envelope_free(env);
		return st;
	}
	*out = env;
	return AD_OK;
}

size_t
ad_dsse_nsigs(const ad_dsse_envelope *env)
{
	return env->nsigs;
}

const char *
ad_dsse_sig_keyid(const ad_dsse_envelope *env, size_t i)
{
	return i < env->nsigs ? env->sigs[i].keyid : NULL;
}

const unsigned char *
ad_dsse_payload(const ad_dsse_envelope *env, size_t *len)
{
	*len = env->plen;
	return env->payload;
}

const char *
ad_dsse_payload_type(const ad_dsse_envelope *env)
{
	return env->type;
}

ad_status
ad_dsse_sig_verify(const ad_dsse_envelope *env, size_t i, const ad_pubkey *key, int *ok)
{
	*ok = 0;
	if (i >= env->nsigs)
		return AD_OK;
	return ad_ed25519_verify(key, env->pae, env->paelen, env->sigs[i].sig, env->sigs[i].len, ok);
}

/* Was a key with the same id already seen among keys[0..k-1]? */
static int
key_seen(const ad_pubkey *const *keys, size_t k)
{
	size_t		j;

	for (j = 0; j < k; j++)
		if (strcmp(ad_pubkey_id(keys[j]), ad_pubkey_id(keys[k])) == 0)
			return 1;
	return 0;
}

ad_status
ad_dsse_verify(const ad_dsse_envelope *env, const ad_pubkey *const *keys,
			   size_t nkeys, int threshold, int *ok)
{
	size_t		k,
				i;
	int			count = 0;

	*ok = 0;
	if (threshold < 1 || (size_t) threshold > nkeys)
		return AD_ETHRESHOLD;
	for (k = 0; k < nkeys && count < threshold; k++)
	{
		if (key_seen(keys, k))
			continue;
		for (i = 0; i < env->nsigs; i++)
		{
			int			good;
			ad_status	st = ad_dsse_sig_verify(env, i, keys[k], &good);

			if (st != AD_OK)
				return st;
			if (good)
			{
				count++;
				break;
			}
		}
	}
	*ok = (count >= threshold);
	return AD_OK;
}

/* Compact, sorted-key serialization of a JSON value. */
static ad_status
json_dump_compact(json_t *root, char **out, size_t *outlen)
{
	*out = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
	if (*out == NULL)
		return AD_ENOMEM;
	*outlen = strlen(*out);
	return AD_OK;
}

ad_status
ad_dsse_sign(const char *type, size_t tlen, const unsigned char *payload, size_t plen,
			 const char *priv_pem, size_t priv_len, char **json, size_t *jsonlen)
{
	unsigned char *pae;
	size_t		paelen,
				n;
	unsigned char sig[64];
	char		keyid[AD_KEYID_MAX];
	char	   *b64payload = NULL,
			   *b64sig = NULL;
	json_t	   *root;
	ad_status	st;

	*json = NULL;
	if (tlen == 0)
		return AD_EDSSE_TYPE;
	st = ad_dsse_pae(type, tlen, payload, plen, &pae, &paelen);
	if (st != AD_OK)
		return st;
	st = ad_ed25519_sign(priv_pem, priv_len, pae, paelen, sig, keyid);
	free(pae);
	if (st == AD_OK)
		st = ad_base64_encode(payload, plen, &b64payload, &n);
	if (st == AD_OK)
		st = ad_base64_encode(sig, sizeof(sig), &b64sig, &n);
	if (st != AD_OK)
	{
		free(b64payload);
		return st;
	}
	root = json_pack("{s:s, s:s%, s:[{s:s, s:s}]}",
					 "payload", b64payload, "payloadType", type, tlen,
					 "signatures", "keyid", keyid, "sig", b64sig);
	free(b64payload);
	free(b64sig);
	if (root == NULL)
		return AD_EUTF8;
	st = json_dump_compact(root, json, jsonlen);
	json_decref(root);
	return st;
}

/* ---- time stamps ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t		era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day count since 1970-01-01. */
static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t		era,
				doe,
				yoe,
				doy,
				mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yoe + era * 400 + (*m <= 2));
}

/* Read exactly n decimal digits at s[*i]. */
static int
read_digits(const char *s, size_t len, size_t *i, int n, int *val)
{
	int			v = 0;

	if (*i + (size_t) n > len)
		return 0;
	while (n-- > 0)
	{
		if (s[*i] < '0' || s[*i] > '9')
			return 0;
		v = v * 10 + (s[(*i)++] - '0');
	}
	*val = v;
	return 1;
}

/* Read "." and 1..9 fraction digits as microseconds (beyond 6 truncated). */
static void
read_fraction(const char *s, size_t len, size_t *i, int64_t *usec)
{
	int64_t		scale = 100000;

	*usec = 0;
	if (*i >= len || s[*i] != '.')
		return;
	(*i)++;
	while (*i < len && s[*i] >= '0' && s[*i] <= '9')
	{
		*usec += (s[(*i)++] - '0') * scale;
		scale /= 10;
	}
}

/* Days per month, February in a leap year. */
static const int month_days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

ad_status
ad_time_parse(const char *s, size_t len, int64_t *usec)
{
	int			y,
				mo,
				d,
				h,
				mi,
				sec,
				oh = 0,
				om = 0,
				sign = 0;
	size_t		i = 0,
				fstart;
	int64_t		frac;

	if (!read_digits(s, len, &i, 4, &y) || i >= len || s[i++] != '-' ||
		!read_digits(s, len, &i, 2, &mo) || i >= len || s[i++] != '-' ||
		!read_digits(s, len, &i, 2, &d) || i >= len ||
		(s[i] != 'T' && s[i] != 't' && s[i] != ' ') || !(++i) ||
		!read_digits(s, len, &i, 2, &h) || i >= len || s[i++] != ':' ||
		!read_digits(s, len, &i, 2, &mi) || i >= len || s[i++] != ':' ||
		!read_digits(s, len, &i, 2, &sec))
		return AD_ETIME;
	fstart = i;
	read_fraction(s, len, &i, &frac);
	if (i == fstart + 1)
		return AD_ETIME;
	if (i < len && (s[i] == 'Z' || s[i] == 'z'))
		i++;
	else if (i < len && (s[i] == '+' || s[i] == '-'))
	{
		sign = s[i++] == '-' ? -1 : 1;
		if (!read_digits(s, len, &i, 2, &oh) || i >= len || s[i++] != ':' ||
			!read_digits(s, len, &i, 2, &om) || oh > 23 || om > 59)
			return AD_ETIME;
	}
	if (i != len || y < 1 || mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] ||
		(mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) ||
		h > 23 || mi > 59 || sec > 60)
		return AD_ETIME;
	if (sec == 60)
		sec = 59;				/* a leap second is kept within its minute */
	*usec = ((days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec) -
			 sign * (oh * 3600 + om * 60)) * 1000000 + frac;
	return AD_OK;
}

ad_status
ad_time_format(int64_t usec, char out[AD_TIME_MAX])
{
	int64_t		secs = usec >= 0 ? usec / 1000000 : -((-usec + 999999) / 1000000);
	int64_t		frac = usec - secs * 1000000;
	int64_t		days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	int64_t		rem = secs - days * 86400;
	int			y,
				m,
				d,
				n;

	civil_from_days(days, &y, &m, &d);
	if (y < 1 || y > 9999)
		return AD_ETIME;
	n = snprintf(out, AD_TIME_MAX, "%04u-%02u-%02uT%02u:%02u:%02u",
				 (unsigned) y % 10000u, (unsigned) m % 100u, (unsigned) d % 100u,
				 (unsigned) (rem / 3600) % 100u, (unsigned) (rem / 60 % 60),
				 (unsigned) (rem % 60));
	if (frac != 0)
		n += snprintf(out + n, AD_TIME_MAX - n, ".%06u", (unsigned) frac % 1000000u);
	snprintf(out + n, AD_TIME_MAX - n, "Z");
	return AD_OK;
}

/* ---- JSON integers beyond 64 bits in extra ---- */

/*
 * jansson holds integers as 64-bit json_int_t and refuses larger ones.  An
 * extra object may hold any valid JSON number: each integer that does not fit
 * is replaced by a placeholder string "\u0001big<t>:<i>" for parsing, and the
 * placeholder in the serialized statement by the integer's own text, so it
 * comes back exactly as given.  t changes until no string of the text itself
 * starts with the placeholder prefix.
 */
#define BIG_MAX_TRIES 8

typedef struct bignums
{
	size_t		n;
	size_t	   *pos;			/* offset and length of each integer in the text */
	size_t	   *len;
	int			tag;
} bignums;

/* Does the integer text s[0..len) (optional '-', digits) fit json_int_t? */
static int
int_fits(const char *s, size_t len)
{
	const char *lim = "9223372036854775807";
	size_t		i = 0;
	size_t		nd;

	if (len > 0 && s[0] == '-')
	{
		lim = "9223372036854775808";
		i = 1;
	}
	nd = len - i;
	if (nd != 19)
		return nd < 19;
	return memcmp(s + i, lim, 19) <= 0;
}

/* Count strings (keys and values) under v that start with prefix. */
static size_t
count_prefixed(json_t *v, const char *prefix, size_t plen)
{
	size_t		n = 0,
				i;
	const char *k;
	json_t	   *e;

	if (json_is_string(v))
		return json_string_length(v) >= plen && memcmp(json_string_value(v), prefix, plen) == 0;
	if (json_is_array(v))
		json_array_foreach(v, i, e)
			n += count_prefixed(e, prefix, plen);
	if (json_is_object(v))
		json_object_foreach(v, k, e)
			n += (strncmp(k, prefix, plen) == 0) + count_prefixed(e, prefix, plen);
	return n;
}

/* Parse extra; big integers become placeholders recorded in b. */
static ad_status
load_extra(const char *text, size_t len, json_t **out, bignums *b)
{
	json_error_t err;
	size_t		i,
				cap;
	char	   *buf = NULL;
	int			tag;

	memset(b, 0, sizeof(*b));
	*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (*out != NULL)
		return AD_OK;
	if (json_error_code(&err) != json_error_numeric_overflow)
		return AD_EJSON;
	/* Find the integers that overflow, outside strings. */
	for (i = 0; i < len;)
	{
		size_t		start = i;
		int			integer = 1;

		if (text[i] == '"')
		{
			for (i++; i < len && text[i] != '"'; i++)
				if (text[i] == '\\')
					i++;
			i++;
			continue;
		}
		if (text[i] != '-' && (text[i] < '0' || text[i] > '9'))
		{
			i++;
			continue;
		}
		for (; i < len && (text[i] == '-' || text[i] == '+' || text[i] == '.' || text[i] == 'e' ||
						   text[i] == 'E' || (text[i] >= '0' && text[i] <= '9')); i++)
			if (text[i] == '.' || text[i] == 'e' || text[i] == 'E' || text[i] == '+' ||
				(text[i] == '-' && i > start))
				integer = 0;
		if (!integer || int_fits(text + start, i - start))
			continue;
		if ((b->n & (b->n - 1)) == 0)
		{
			size_t		ncap = b->n ? 2 * b->n : 4;
			size_t	   *p = realloc(b->pos, ncap * sizeof(size_t)),
					   *l;

			if (p == NULL)
				return AD_ENOMEM;
			b->pos = p;
			if ((l = realloc(b->len, ncap * sizeof(size_t))) == NULL)
				return AD_ENOMEM;
			b->len = l;
		}
		b->pos[b->n] = start;
		b->len[b->n] = i - start;
		b->n++;
	}
	if (b->n == 0)
		return AD_EJSON;		/* a real number beyond double range */
	/* Each placeholder "\u0001big<t>:<i>" takes at most 40 bytes. */
	cap = len + 40 * b->n + 1;
	if ((buf = malloc(cap)) == NULL)
		return AD_ENOMEM;
	for (tag = 0; tag < BIG_MAX_TRIES; tag++)
	{
		char		prefix[32];
		size_t		o = 0,
					last = 0,
					k;

		for (k = 0; k < b->n; k++)
		{
			memcpy(buf + o, text + last, b->pos[k] - last);
			o += b->pos[k] - last;
			o += (size_t) snprintf(buf + o, cap - o, "\"\\u0001big%d:%zu\"", tag, k);
			last = b->pos[k] + b->len[k];
		}
		memcpy(buf + o, text + last, len - last);
		o += len - last;
		*out = json_loadb(buf, o, JSON_REJECT_DUPLICATES, &err);
		if (*out == NULL)
			break;
		snprintf(prefix, sizeof(prefix), "\001big%d:", tag);
		if (count_prefixed(*out, prefix, strlen(prefix)) == b->n)
		{
			b->tag = tag;
			free(buf);
			return AD_OK;
		}
		json_decref(*out);		/* the text holds such a string itself: next tag */
		*out = NULL;
	}
	free(buf);
	return AD_EJSON;
}

/* Put the integers' own text back in place of their placeholders in *json. */
static ad_status
restore_bignums(const char *extra, const bignums *b, char **json, size_t *jsonlen)
{
	char		prefix[32];
	size_t		plen,
				need = *jsonlen + 1,
				k,
				i,
				o = 0;
	char	   *out;

	plen = (size_t) snprintf(prefix, sizeof(prefix), "\"\\u0001big%d:", b->tag);
	for (k = 0; k < b->n; k++)
		need += b->len[k];
	if ((out = malloc(need)) == NULL)
		return AD_ENOMEM;
	for (i = 0; i < *jsonlen;)
	{
		if ((*json)[i] == '"' && *jsonlen - i > plen && memcmp(*json + i, prefix, plen) == 0)
		{
			size_t		j = i + plen;

			k = 0;
			while (j < *jsonlen && (*json)[j] >= '0' && (*json)[j] <= '9')
				k = 10 * k + (size_t) ((*json)[j++] - '0');
			if (j < *jsonlen && (*json)[j] == '"' && k < b->n)
			{
				memcpy(out + o, extra + b->pos[k], b->len[k]);
				o += b->len[k];
				i = j + 1;
				continue;
			}
		}
		out[o++] = (*json)[i++];
	}
	out[o] = '\0';
	free(*json);
	*json = out;
	*jsonlen = o;
	return AD_OK;
}

/* ---- in-toto statements ---- */

ad_status
ad_provenance_statement(const unsigned char *content, size_t clen,
						const char *source, size_t slen, int64_t collected_usec,
						const char *extra, size_t elen,
						char **json, size_t *jsonlen)
{
	char		hex[AD_SHA256_HEX];
	char		when[AD_TIME_MAX];
	json_t	   *root,
			   *predicate,
			   *x = NULL;
	bignums		big = {0};
	ad_status	st;

	*json = NULL;
	st = ad_sha256_hex(content, clen, hex);
	if (st == AD_OK)
		st = ad_time_format(collected_usec, when);
	if (st != AD_OK)
		return st;
	if (extra != NULL)
	{
		st = load_extra(extra, elen, &x, &big);
		if (st == AD_OK && !json_is_object(x))
			st = AD_EEXTRA;
		if (st != AD_OK)
		{
			json_decref(x);
			free(big.pos);
			free(big.len);
			return st;
		}
	}
	predicate = json_pack("{s:s%, s:s}", "source", source, slen, "collectedAt", when);
	if (predicate == NULL)
	{
		json_decref(x);
		free(big.pos);
		free(big.len);
		return AD_EUTF8;
	}
	if (x != NULL)
		json_object_set_new(predicate, "extra", x);
	root = json_pack("{s:s, s:[{s:s, s:{s:s}}], s:s, s:o}",
					 "_type", AD_INTOTO_STATEMENT,
					 "subject", "name", "content", "digest", "sha256", hex,
					 "predicateType", AD_PROVENANCE_PREDICATE,
					 "predicate", predicate);
	if (root == NULL)
		st = AD_ENOMEM;
	else
		st = json_dump_compact(root, json, jsonlen);
	json_decref(root);
	if (st == AD_OK && big.n > 0 && (st = restore_bignums(extra, &big, json, jsonlen)) != AD_OK)
	{
		free(*json);
		*json = NULL;
	}
	free(big.pos);
	free(big.len);
	return st;
}

/* Does the statement name a subject whose sha256 digest is hex? */
static ad_status
statement_digest_matches(const unsigned char *payload, size_t plen, const char *hex, int *match)
{
	json_error_t err;
	json_t	   *root = json_loadb((const char *) payload, plen,
									  JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &err);
	json_t	   *subjects,
			   *subj;
	size_t		i;
	ad_status	st = AD_ESTATEMENT;

	*match = 0;
	if (root == NULL)
		return AD_ESTATEMENT;
	subjects = json_object_get(root, "subject");
	if (json_is_string(json_object_get(root, "_type")) &&
		strcmp(json_string_value(json_object_get(root, "_type")), AD_INTOTO_STATEMENT) == 0 &&
		json_is_array(subjects))
	{
		json_array_foreach(subjects, i, subj)
		{
			json_t	   *d = json_object_get(json_object_get(subj, "digest"), "sha256");

			if (!json_is_string(d))
				continue;
			st = AD_OK;
			if (strcasecmp(json_string_value(d), hex) == 0)
				*match = 1;
		}
	}
	json_decref(root);
	return st;
}

const char *
ad_prov_result_name(ad_prov_result r)
{
	static const char *const names[] = {
		"verified", "unsigned", "malformed", "unknown_key",
		"revoked_key", "bad_signature", "digest_mismatch"
	};

	return (unsigned) r < sizeof(names) / sizeof(names[0]) ? names[r] : "malformed";
}

ad_status
ad_provenance_check(const ad_dsse_envelope *env, const ad_prov_key *keys,
					const unsigned char *content, size_t clen,
					ad_prov_result *result)
{
	char		hex[AD_SHA256_HEX];
	int			match,
				good,
				trusted = 0,
				revoked = 0,
				known = 0;
	size_t		i;
	ad_status	st;

	*result = AD_PROV_MALFORMED;
	if (strcmp(env->type, AD_INTOTO_PAYLOAD_TYPE) != 0)
		return AD_OK;
	st = ad_sha256_hex(content, clen, hex);
	if (st != AD_OK)
		return st;
	if (statement_digest_matches(env->payload, env->plen, hex, &match) != AD_OK)
		return AD_OK;
	for (i = 0; i < env->nsigs && !trusted; i++)
	{
		if (keys[i].key == NULL)
			continue;
		known = 1;
		st = ad_dsse_sig_verify(env, i, keys[i].key, &good);
		if (st != AD_OK)
			return st;
		if (good && keys[i].revoked)
			revoked = 1;
		else if (good)
			trusted = 1;
	}
	if (trusted)
		*result = match ? AD_PROV_VERIFIED : AD_PROV_DIGEST_MISMATCH;
	else if (revoked)
		*result = AD_PROV_REVOKED_KEY;
	else
		*result = known ? AD_PROV_BAD_SIGNATURE : AD_PROV_UNKNOWN_KEY;
	return AD_OK;
}
