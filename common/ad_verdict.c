/* Verdict JSON and signal-naming reasons for rows a guard or a sweep turned away. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "antidote.h"

/* An id as a JSON string: strings stay, numbers are written out, others as JSON text. */
static json_t *
id_string(json_t *id)
{
	char		buf[64];

	if (json_is_string(id))
		return json_stringn(json_string_value(id), json_string_length(id));
	if (json_is_integer(id))
	{
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		return json_string(buf);
	}
	{
		char	   *s = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
		json_t	   *r = s ? json_string(s) : NULL;

		free(s);
		return r;
	}
}

static ad_status
load_array(const char *s, size_t len, json_t **out)
{
	json_error_t err;

	*out = json_loadb(s, len, JSON_DECODE_ANY, &err);
	if (*out == NULL)
		return AD_EJSON;
	if (!json_is_array(*out))
	{
		json_decref(*out);
		*out = NULL;
		return AD_EJSON;
	}
	return AD_OK;
}

/* A source as text for comparison; 0 when NULL or absent. */
static int
source_text(json_t *v, char *buf, size_t buflen, const char **s, size_t *n)
{
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v))
	{
		*s = json_string_value(v);
		*n = json_string_length(v);
		return 1;
	}
	if (json_is_integer(v))
	{
		int			k = snprintf(buf, buflen, "%" JSON_INTEGER_FORMAT, json_integer_value(v));

		*s = buf;
		*n = (size_t) k;
		return 1;
	}
	return 0;
}

ad_status
ad_verdict_count(const char *neighbours, size_t len, const char *source, size_t srclen,
				 long *near_duplicates, long *distinct_sources)
{
	json_t	   *a,
			   *seen;
	size_t		i,
				n;
	ad_status	st = load_array(neighbours, len, &a);

	*near_duplicates = 0;
	*distinct_sources = 0;
	if (st != AD_OK)
		return st;
	n = json_array_size(a);
	if (n > AD_VERDICT_COUNT_LIMIT)
		n = AD_VERDICT_COUNT_LIMIT;
	/* A set of the sources seen: JSON object keys (key = source text). */
	seen = json_pack("{}");
	if (seen == NULL)
	{
		json_decref(a);
		return AD_ENOMEM;
	}
	if (source != NULL && json_object_setn_new(seen, source, srclen, json_true()) != 0)
		st = AD_EJSON;			/* not UTF-8 */
	for (i = 0; st == AD_OK && i < n; i++)
	{
		json_t	   *e = json_array_get(a, i);
		char		buf[32];
		const char *s;
		size_t		sl;

		if (!json_is_object(e))
			st = AD_EJSON;
		else if (source_text(json_object_get(e, "source"), buf, sizeof(buf), &s, &sl) &&
				 json_object_setn_new(seen, s, sl, json_true()) != 0)
			st = AD_ENOMEM;
	}
	if (st == AD_OK)
	{
		*near_duplicates = json_array_size(a) > AD_VERDICT_COUNT_LIMIT ?
			AD_VERDICT_COUNT_LIMIT + 1 : (long) n;
		*distinct_sources = (long) json_object_size(seen);
	}
	json_decref(seen);
	json_decref(a);
	return st;
}

/* {"count": n, "at_least": bool}: n beyond the limit is shown as the limit. */
static json_t *
count_entry(long n)
{
	int			beyond = n > AD_VERDICT_COUNT_LIMIT;

	return json_pack("{s:I, s:b}", "count", (json_int_t) (beyond ? AD_VERDICT_COUNT_LIMIT : n),
					 "at_least", beyond);
}

/* The fired signals of the text under the settings, as [{"signal","value","threshold","reason"}]. */
static ad_status
fired_signals(const ad_verdict_in *in, json_t **out, char *names, size_t nameslen)
{
	char	   *s = NULL;
	size_t		sl = 0;
	json_t	   *o,
			   *v;
	json_error_t err;
	const char *key;
	ad_status	st;
	size_t		used = 0;

	*out = json_pack("[]");
	names[0] = '\0';
	if (*out == NULL)
		return AD_ENOMEM;
	if (in->text == NULL)
		return AD_OK;
	st = ad_suspicion_signals(in->text, in->len, in->settings, in->settings ? in->settingslen : 0, &s, &sl);
	if (st != AD_OK)
		return st;
	o = json_loadb(s, sl, 0, &err);
	free(s);
	if (o == NULL)
		return AD_ENOMEM;
	json_object_foreach(o, key, v)
	{
		json_t	   *e;

		if (!json_is_true(json_object_get(v, "fired")))
			continue;
		e = json_pack("{s:s, s:O, s:O, s:O}", "signal", key,
					  "value", json_object_get(v, "value"),
					  "threshold", json_object_get(v, "threshold"),
					  "reason", json_object_get(v, "reason"));
		if (e == NULL || json_array_append_new(*out, e) != 0)
		{
			st = AD_ENOMEM;
			break;
		}
		/* "injection (reason); contact (reason)" for the suspicion reason */
		if (used < nameslen)
		{
			int			k = snprintf(names + used, nameslen - used, "%s%s (%s)", used ? "; " : "",
									 key, json_string_value(json_object_get(v, "reason")));

			used += k > 0 ? (size_t) k : 0;
		}
	}
	json_decref(o);
	return st;
}

ad_status
ad_verdict_build(const ad_policy *p, const ad_guard_facts *f, const ad_verdict_in *in,
				 ad_verdict_reasons *r, char **json, size_t *jsonlen)
{
	ad_guard_verdict v;
	json_t	   *o = NULL,
			   *reasons = NULL,
			   *checks = NULL,
			   *signals = NULL,
			   *ids = NULL;
	char		names[AD_VERDICT_REASON_LEN];
	ad_status	st;
	int			i,
				sweep = in->operation != NULL && strcmp(in->operation, "SWEEP") == 0;

	*json = NULL;
	*jsonlen = 0;
	r->n = 0;
	st = ad_policy_check(p, f, &v);
	if (st != AD_OK || v.nreasons == 0)
		return st;
	st = fired_signals(in, &signals, names, sizeof(names));
	if (st != AD_OK)
		goto done;
	reasons = json_pack("[]");
	checks = json_pack("[]");
	ids = json_pack("[]");
	if (reasons == NULL || checks == NULL || ids == NULL)
	{
		st = AD_ENOMEM;
		goto done;
	}

	/* The reasons, in ad_policy_check's order, with uncapped counts and signal names. */
	if (p->require_verified && (f->provenance == NULL || strcmp(f->provenance, "verified") != 0))
	{
		const char *pv = f->provenance ? f->provenance : "unchecked";

		snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN, "provenance is %.40s, policy requires verified", pv);
		if (json_array_append_new(checks, json_pack("{s:s, s:s, s:s}", "check", "require",
													"value", pv, "limit", "verified")) != 0)
			st = AD_ENOMEM;
	}
	if (p->has_max_suspicion && f->suspicion > p->max_suspicion)
	{
		snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN, "suspicion %.3f is above max_suspicion %g%s%s",
				 f->suspicion, p->max_suspicion, names[0] ? ": " : "", names);
		if (json_array_append_new(checks, json_pack("{s:s, s:f, s:f}", "check", "max_suspicion",
													"value", f->suspicion, "limit", p->max_suspicion)) != 0)
			st = AD_ENOMEM;
	}
	if (p->max_near_duplicates >= 0 && f->near_duplicates > p->max_near_duplicates)
	{
		if (sweep)
			snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN,
					 "its flood has %ld other rows (stored or quarantined), above max_near_duplicates %ld",
					 f->near_duplicates, p->max_near_duplicates);
		else if (f->near_duplicates > AD_VERDICT_COUNT_LIMIT)
			snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN,
					 "at least %d near-duplicates already stored, above max_near_duplicates %ld",
					 AD_VERDICT_COUNT_LIMIT, p->max_near_duplicates);
		else
			snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN,
					 "%ld near-duplicates already stored, above max_near_duplicates %ld",
					 f->near_duplicates, p->max_near_duplicates);
		if (json_array_append_new(checks, json_pack("{s:s, s:I, s:I}", "check", "max_near_duplicates",
													"value", (json_int_t) f->near_duplicates,
													"limit", (json_int_t) p->max_near_duplicates)) != 0)
			st = AD_ENOMEM;
	}
	if (p->max_sources >= 0 && f->near_duplicates > 0 && f->distinct_sources >= p->max_sources)
	{
		if (sweep)
			snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN,
					 "its flood of %ld rows (stored or quarantined) comes from %ld distinct sources, max_sources is %ld",
					 f->near_duplicates + 1, f->distinct_sources, p->max_sources);
		else
		snprintf(r->r[r->n++], AD_VERDICT_REASON_LEN,
				 "the row and its %s%ld stored near-duplicates come from %s%ld distinct sources, max_sources is %ld",
				 f->near_duplicates > AD_VERDICT_COUNT_LIMIT ? "at least " : "",
				 f->near_duplicates > AD_VERDICT_COUNT_LIMIT ? (long) AD_VERDICT_COUNT_LIMIT : f->near_duplicates,
				 f->near_duplicates > AD_VERDICT_COUNT_LIMIT ? "at least " : "",
				 f->distinct_sources, p->max_sources);
		if (json_array_append_new(checks, json_pack("{s:s, s:I, s:I}", "check", "max_sources",
													"value", (json_int_t) f->distinct_sources,
													"limit", (json_int_t) p->max_sources)) != 0)
			st = AD_ENOMEM;
	}
	for (i = 0; st == AD_OK && i < r->n; i++)
		if (json_array_append_new(reasons, json_string(r->r[i])) != 0)
			st = AD_EJSON;		/* a reason quoting a non-UTF-8 status */
	if (st == AD_OK && in->neighbours != NULL)
	{
		json_t	   *a;
		size_t		k;

		st = load_array(in->neighbours, in->neighbourslen, &a);
		for (k = 0; st == AD_OK && k < json_array_size(a) && k < AD_VERDICT_MAX_IDS; k++)
		{
			json_t	   *e = json_array_get(a, k);
			json_t	   *id = json_is_object(e) ? json_object_get(e, "id") : NULL;

			if (id == NULL)
				st = AD_EJSON;
			else if (json_array_append_new(ids, id_string(id)) != 0)
				st = AD_ENOMEM;
		}
		json_decref(a);
	}
	if (st != AD_OK)
		goto done;
	o = json_pack("{s:s, s:O, s:O}", "operation", in->operation ? in->operation : "INSERT",
				  "reasons", reasons, "checks", checks);
	if (o == NULL ||
		json_object_set_new(o, "suspicion", f->suspicion >= 0 ? json_real(f->suspicion) : json_null()) != 0 ||
		json_object_set(o, "signals", signals) != 0 ||
		json_object_set_new(o, "near_duplicates", f->near_duplicates >= 0 ? count_entry(f->near_duplicates) : json_null()) != 0 ||
		json_object_set_new(o, "distinct_sources", f->distinct_sources >= 0 ? count_entry(f->distinct_sources) : json_null()) != 0 ||
		json_object_set(o, "neighbours", in->neighbours != NULL ? ids : json_null()) != 0 ||
		json_object_set_new(o, "count_limit", json_integer(AD_VERDICT_COUNT_LIMIT)) != 0)
	{
		st = AD_ENOMEM;
		goto done;
	}
	*json = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	if (*json == NULL)
		st = AD_ENOMEM;
	else
		*jsonlen = strlen(*json);
done:
	if (st != AD_OK)
		r->n = 0;
	json_decref(o);
	json_decref(reasons);
	json_decref(checks);
	json_decref(signals);
	json_decref(ids);
	return st;
}

ad_status
ad_verdict_reasons_json(const char *verdict, size_t len, char **out, size_t *outlen)
{
	json_error_t err;
	json_t	   *o = json_loadb(verdict, len, 0, &err);
	json_t	   *r = json_is_object(o) ? json_object_get(o, "reasons") : NULL;

	*out = NULL;
	*outlen = 0;
	if (!json_is_array(r))
	{
		json_decref(o);
		return AD_EJSON;
	}
	*out = json_dumps(r, JSON_COMPACT);
	json_decref(o);
	if (*out == NULL)
		return AD_ENOMEM;
	*outlen = strlen(*out);
	return AD_OK;
}
