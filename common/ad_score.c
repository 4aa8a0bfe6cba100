/*
 * Suspicion scoring: defaults and settings, the context JSON, the fused
 * score and the signals object (jansson).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "antidote.h"

static const struct
{
	const char *name;
	double		threshold;
	double		weight;
}			signal_defaults[AD_SIG_COUNT] = {
	[AD_SIG_HIDDEN_UNICODE] = {"hidden_unicode", 1.0, 0.95},
	[AD_SIG_CONFUSABLE] = {"confusable", 1.0, 0.8},
	[AD_SIG_INJECTION] = {"injection", 1.0, 0.9},
	[AD_SIG_REPETITION] = {"repetition", 1.0, 0.45},
	[AD_SIG_GIBBERISH] = {"gibberish", 0.6, 0.8},
	[AD_SIG_CONTACT] = {"contact", 3.0, 0.45},
	[AD_SIG_PROMOTIONAL] = {"promotional", 4.0, 0.45},
	[AD_SIG_TRIGGER] = {"trigger", 1.0, 0.7},
	[AD_SIG_NEAR_DUPLICATES] = {"near_duplicates", 20.0, 0.5},
	[AD_SIG_DISTINCT_SOURCES] = {"distinct_sources", 5.0, 0.5},
	[AD_SIG_PROVENANCE] = {"provenance", 1.0, 0.5},
};

/* Provenance statuses and the value each gives the provenance signal. */
static const struct
{
	const char *status;
	double		value;
}			provenance_values[] = {
	{"verified", 0.0}, {"unsigned", 0.5}, {"unknown_key", 0.75}, {"malformed", 1.0},
	{"revoked_key", 1.0}, {"bad_signature", 1.0}, {"digest_mismatch", 1.0},
};

const char *
ad_signal_name(int sig)
{
	if (sig < 0 || sig >= AD_SIG_COUNT)
		return NULL;
	return signal_defaults[sig].name;
}

void
ad_suspicion_defaults(ad_suspicion_params *p)
{
	int			i;

	for (i = 0; i < AD_SIG_COUNT; i++)
	{
		p->weight[i] = signal_defaults[i].weight;
		p->threshold[i] = signal_defaults[i].threshold;
	}
}

/* The signal named name, or -1. */
static int
signal_by_name(const char *name)
{
	int			i;

	for (i = 0; i < AD_SIG_COUNT; i++)
		if (strcmp(name, signal_defaults[i].name) == 0)
			return i;
	return -1;
}

static int
weight_ok(double v)
{
	return isfinite(v) && v >= 0.0 && v <= 1.0;
}

static int
threshold_ok(double v)
{
	return isfinite(v) && v > 0.0 && v <= AD_THRESHOLD_MAX;
}

/* Resolve a setting name to its slot in p, or NULL; *is_weight tells which kind. */
static double *
setting_slot(ad_suspicion_params *p, const char *name, int *is_weight)
{
	static const char wpre[] = "suspicion_weight_";
	static const char tpre[] = "suspicion_threshold_";
	int			sig;

	*is_weight = strncmp(name, wpre, sizeof(wpre) - 1) == 0;
	if (*is_weight)
		sig = signal_by_name(name + sizeof(wpre) - 1);
	else if (strncmp(name, tpre, sizeof(tpre) - 1) == 0)
		sig = signal_by_name(name + sizeof(tpre) - 1);
	else
		sig = -1;
	if (sig < 0)
		return NULL;
	return *is_weight ? &p->weight[sig] : &p->threshold[sig];
}

ad_status
ad_suspicion_set(ad_suspicion_params *p, const char *name, double value)
{
	int			is_weight;
	double	   *slot = setting_slot(p, name, &is_weight);

	if (slot == NULL)
		return AD_ESETTING_NAME;
	if (is_weight ? !weight_ok(value) : !threshold_ok(value))
		return AD_ESETTING_VALUE;
	*slot = value;
	return AD_OK;
}

ad_status
ad_suspicion_get(const ad_suspicion_params *p, const char *name, double *value)
{
	int			is_weight;
	double	   *slot = setting_slot((ad_suspicion_params *) p, name, &is_weight);

	if (slot == NULL)
		return AD_ESETTING_NAME;
	*value = *slot;
	return AD_OK;
}

/* Serialize a JSON value into a malloc'd string; takes ownership of j. */
static ad_status
dump(json_t *j, char **out, size_t *outlen)
{
	char	   *s;

	if (j == NULL)
		return AD_ENOMEM;
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	json_decref(j);
	if (s == NULL)
		return AD_ENOMEM;
	*out = s;
	*outlen = strlen(s);
	return AD_OK;
}

/*
 * A new empty JSON object.  Not json_object(): inside a PostgreSQL backend
 * that name resolves to the server's own SQL function of the same name.
 */
static json_t *
new_object(void)
{
	return json_pack("{}");
}

/* Round for stable output in both engines. */
static double
round4(double v)
{
	return round(v * 10000.0) / 10000.0;
}

ad_status
ad_suspicion_settings_json(const ad_suspicion_params *p, char **out, size_t *outlen)
{
	json_t	   *w = new_object(),
			   *t = new_object(),
			   *o = new_object();
	int			i,
				bad = (w == NULL || t == NULL || o == NULL);

	for (i = 0; i < AD_SIG_COUNT && !bad; i++)
		bad = json_object_set_new(w, signal_defaults[i].name, json_real(p->weight[i])) != 0 ||
			json_object_set_new(t, signal_defaults[i].name, json_real(p->threshold[i])) != 0;
	bad = bad || json_object_set(o, "weights", w) != 0 || json_object_set(o, "thresholds", t) != 0;
	json_decref(w);
	json_decref(t);
	if (bad)
	{
		json_decref(o);
		return AD_ENOMEM;
	}
	return dump(o, out, outlen);
}

/* ---- context ---- */

typedef struct context
{
	ad_suspicion_params params;
	int			has[AD_SIG_COUNT];
	double		value[AD_SIG_COUNT];
	const char *provenance;
	ad_matcher *extra[AD_PHRASES_COUNT];
	json_t	   *root;
} context;

static void
context_free(context *c)
{
	int			i;

	for (i = 0; i < AD_PHRASES_COUNT; i++)
		ad_matcher_free(c->extra[i]);
	json_decref(c->root);
}

/* "weights" or "thresholds": signal name -> number in range. */
static ad_status
parse_params(json_t *obj, double *dst, int (*ok) (double))
{
	const char *key;
	json_t	   *v;

	if (!json_is_object(obj))
		return AD_ECONTEXT_VALUE;
	json_object_foreach(obj, key, v)
	{
		int			sig = signal_by_name(key);

		if (sig < 0)
			return AD_ECONTEXT_KEY;
		if (!json_is_number(v) || !ok(json_number_value(v)))
			return AD_ECONTEXT_VALUE;
		dst[sig] = json_number_value(v);
	}
	return AD_OK;
}

/* "phrases": list name -> array of strings, compiled into extra matchers. */
#define AD_CONTEXT_MAX_PHRASES 4096
#define AD_CONTEXT_MAX_PHRASE_BYTES (256 * 1024)

static ad_status
parse_phrases(json_t *obj, context *c)
{
	const char *key;
	json_t	   *arr;

	if (!json_is_object(obj))
		return AD_ECONTEXT_VALUE;
	json_object_foreach(obj, key, arr)
	{
		const char **list;
		size_t		i,
					n,
					bytes;
		int			l;
		ad_status	st = AD_OK;

		for (l = 0; l < AD_PHRASES_COUNT && strcmp(key, ad_phrase_list_name(l)) != 0; l++);
		if (l == AD_PHRASES_COUNT)
			return AD_ECONTEXT_KEY;
		if (!json_is_array(arr))
			return AD_ECONTEXT_VALUE;
		n = json_array_size(arr);
		/* The matcher's tables grow with the phrases: a context stays small. */
		if (n > AD_CONTEXT_MAX_PHRASES)
			return AD_ECONTEXT_PHRASES;
		if ((list = malloc((n + 1) * sizeof(char *))) == NULL)
			return AD_ENOMEM;
		for (i = 0, bytes = 0; i < n && st == AD_OK; i++)
		{
			json_t	   *s = json_array_get(arr, i);

			if (!json_is_string(s) || ad_utf8_check(json_string_value(s), strlen(json_string_value(s))) != AD_OK)
				st = AD_ECONTEXT_VALUE;
			else if ((bytes += strlen(json_string_value(s))) > AD_CONTEXT_MAX_PHRASE_BYTES)
				st = AD_ECONTEXT_PHRASES;
			list[i] = json_string_value(s);
		}
		ad_matcher_free(c->extra[l]);
		c->extra[l] = NULL;
		if (st == AD_OK)
			st = ad_matcher_build(list, n, &c->extra[l]);
		free(list);
		if (st != AD_OK)
			return st;
	}
	return AD_OK;
}

/* A context count (near_duplicates, distinct_sources); null means absent. */
static ad_status
parse_count(json_t *v, context *c, ad_signal sig)
{
	if (json_is_null(v))
		return AD_OK;
	if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < 0)
		return AD_ECONTEXT_VALUE;
	c->has[sig] = 1;
	c->value[sig] = json_number_value(v);
	return AD_OK;
}

static ad_status
parse_provenance(json_t *v, context *c)
{
	size_t		i;

	if (json_is_null(v))
		return AD_OK;
	if (!json_is_string(v))
		return AD_ECONTEXT_VALUE;
	for (i = 0; i < sizeof(provenance_values) / sizeof(provenance_values[0]); i++)
		if (strcmp(json_string_value(v), provenance_values[i].status) == 0)
		{
			c->has[AD_SIG_PROVENANCE] = 1;
			c->value[AD_SIG_PROVENANCE] = provenance_values[i].value;
			c->provenance = provenance_values[i].status;
			return AD_OK;
		}
	return AD_EPROVENANCE;
}

/* One top-level key of the context. */
static ad_status
parse_key(const char *key, json_t *v, context *c)
{
	if (strcmp(key, "near_duplicates") == 0)
		return parse_count(v, c, AD_SIG_NEAR_DUPLICATES);
	if (strcmp(key, "distinct_sources") == 0)
		return parse_count(v, c, AD_SIG_DISTINCT_SOURCES);
	if (strcmp(key, "provenance") == 0)
		return parse_provenance(v, c);
	if (strcmp(key, "weights") == 0)
		return parse_params(v, c->params.weight, weight_ok);
	if (strcmp(key, "thresholds") == 0)
		return parse_params(v, c->params.threshold, threshold_ok);
	if (strcmp(key, "phrases") == 0)
		return parse_phrases(v, c);
	return AD_ECONTEXT_KEY;
}

/* Parse the context JSON (NULL: defaults, no context signals). */
static ad_status
context_parse(const char *ctx, size_t ctxlen, context *c)
{
	json_error_t err;
	const char *key;
	json_t	   *v;
	ad_status	st;

	memset(c, 0, sizeof(*c));
	ad_suspicion_defaults(&c->params);
	if (ctx == NULL)
		return AD_OK;
	if ((st = ad_utf8_check(ctx, ctxlen)) != AD_OK)
		return st;
	c->root = json_loadb(ctx, ctxlen, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &err);
	if (!json_is_object(c->root))
		return AD_EJSON_OBJECT;
	json_object_foreach(c->root, key, v)
	{
		if ((st = parse_key(key, v, c)) != AD_OK)
			return st;
	}
	return AD_OK;
}

/* ---- score ---- */

/*
 * Weak signals: common in clean text of some genres (link lists, quoted
 * replies, product copy).  Below SCORE_CAP unless a strong signal fires or
 * two weak ones do: no fired signal, or one weak signal alone, never makes a
 * text suspicious however the partial contributions add up.
 */
#define SCORE_CAP 0.4999

static int
weak_signal(int sig)
{
	return sig == AD_SIG_CONTACT || sig == AD_SIG_PROMOTIONAL || sig == AD_SIG_REPETITION;
}

/* A signal's share: 0 up to half its threshold, rising to 1 at the threshold. */
static double
contribution(double value, double threshold, double weight)
{
	double		r = 2.0 * value / threshold - 1.0;

	if (r < 0.0)
		r = 0.0;
	if (r > 1.0)
		r = 1.0;
	return weight * r;
}

/*
 * Measure the text (with the reasons when detail is set) and parse the
 * context; both outputs are the caller's to free.
 */
static ad_status
measure(const char *text, size_t len, const char *ctx, size_t ctxlen, int detail,
		context *c, ad_text_signals *ts)
{
	ad_status	st = context_parse(ctx, ctxlen, c);

	if (st == AD_OK)
		st = ad_text_signals_measure(text, len, (const ad_matcher *const *) c->extra, detail, ts);
	return st;
}

/* The value of signal i, and whether it is present. */
static int
signal_value(const context *c, const ad_text_signals *ts, int i, double *v)
{
	if (i < AD_SIG_FIRST_CONTEXT)
	{
		*v = ts->value[i];
		return 1;
	}
	*v = c->value[i];
	return c->has[i];
}

ad_status
ad_suspicion_score(const char *text, size_t len, const char *ctx, size_t ctxlen, double *score)
{
	context		c;
	ad_text_signals ts;
	ad_status	st = measure(text, len, ctx, ctxlen, 0, &c, &ts);
	double		keep = 1.0;
	int			i;

	int			strong = 0,
				weak = 0;

	*score = 0.0;
	if (st == AD_OK)
	{
		for (i = 0; i < AD_SIG_COUNT; i++)
		{
			double		v;

			if (!signal_value(&c, &ts, i, &v))
				continue;
			keep *= 1.0 - contribution(v, c.params.threshold[i], c.params.weight[i]);
			if (v >= c.params.threshold[i] && c.params.weight[i] > 0)
			{
				strong += !weak_signal(i);
				weak += weak_signal(i);
			}
		}
		*score = round4(1.0 - keep);
		if (strong == 0 && weak < 2 && *score > SCORE_CAP)
			*score = SCORE_CAP;
	}
	context_free(&c);
	return st;
}

/* Reason of a context signal. */
static void
context_reason(const context *c, int i, char *buf)
{
	if (i == AD_SIG_PROVENANCE)
		snprintf(buf, AD_REASON_MAX, "provenance %s", c->provenance);
	else
		snprintf(buf, AD_REASON_MAX, "%.0f %s", c->value[i],
				 i == AD_SIG_NEAR_DUPLICATES ? "near-duplicates" : "distinct sources");
}

/* The JSON entry of signal i. */
static json_t *
signal_entry(const context *c, const ad_text_signals *ts, int i, double v)
{
	char		reason[AD_REASON_MAX];
	json_t	   *e;

	if (i >= AD_SIG_FIRST_CONTEXT)
		context_reason(c, i, reason);
	e = json_pack("{s:f, s:f, s:f, s:b, s:s}",
				  "value", round4(v), "threshold", c->params.threshold[i],
				  "weight", c->params.weight[i], "fired", v >= c->params.threshold[i],
				  "reason", i < AD_SIG_FIRST_CONTEXT ? ts->reason[i] : reason);
	if (e != NULL && i == AD_SIG_HIDDEN_UNICODE &&
		json_object_set_new(e, "c2pa_manifest", json_boolean(ts->c2pa_manifest)) != 0)
		json_decref(e), e = NULL;
	if (e != NULL && i == AD_SIG_GIBBERISH &&
		json_object_set_new(e, "compression_ratio", ts->compression_ratio > 0 ?
							json_real(round4(ts->compression_ratio)) : json_null()) != 0)
		json_decref(e), e = NULL;
	return e;
}

ad_status
ad_suspicion_signals(const char *text, size_t len, const char *ctx, size_t ctxlen,
					 char **out, size_t *outlen)
{
	context		c;
	ad_text_signals ts;
	ad_status	st = measure(text, len, ctx, ctxlen, 1, &c, &ts);
	json_t	   *o = NULL;
	int			i;

	*out = NULL;
	*outlen = 0;
	if (st == AD_OK && (o = new_object()) == NULL)
		st = AD_ENOMEM;
	for (i = 0; st == AD_OK && i < AD_SIG_COUNT; i++)
	{
		double		v;

		if (signal_value(&c, &ts, i, &v) &&
			json_object_set_new(o, signal_defaults[i].name, signal_entry(&c, &ts, i, v)) != 0)
			st = AD_ENOMEM;
	}
	context_free(&c);
	if (st != AD_OK)
	{
		json_decref(o);
		return st;
	}
	return dump(o, out, outlen);
}
