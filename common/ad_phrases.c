/*
 * Multi-pattern matching: an Aho-Corasick automaton over the bytes of the
 * normal form, and the built-in phrase lists compiled from data/phrases/.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "antidote.h"
#include "ad_phrase_data.h"

/*
 * Trie states as first-child / next-sibling lists; the root has a full
 * table.  out is the phrase ending at a state (-1 if none), dict the next
 * state on the failure chain that ends a phrase.
 */
struct ad_matcher
{
	int32_t	   *delta;			/* DFA: delta[state * nclasses + class[byte]] =
								 * 2 * target * nclasses + (target ends a phrase) */
	unsigned char byteclass[256];
	int32_t		nclasses;
	int32_t		nstates;
	int32_t		cap;
	int32_t    *child;
	int32_t    *sibling;
	unsigned char *label;
	int32_t    *fail;
	int32_t    *out;
	int32_t    *dict;
	int32_t		root[256];
	char	  **phrase;
	size_t	   *phraselen;
	size_t		maxlen;			/* of the longest phrase */
	unsigned char *group;		/* the group (list or lexicon) of each phrase:
								 * below AD_MATCH_GROUPS */
	size_t		nphrases;
};

#define ISALNUM_ASCII(b) (((b) >= '0' && (b) <= '9') || ((b) >= 'a' && (b) <= 'z') || ((b) >= 'A' && (b) <= 'Z'))

/* The state reached from s on byte c, or -1 (never -1 from the root). */
static int32_t
step(const ad_matcher *m, int32_t s, unsigned char c)
{
	int32_t		t;

	if (s == 0)
		return m->root[c];
	for (t = m->child[s]; t >= 0; t = m->sibling[t])
		if (m->label[t] == c)
			return t;
	return -1;
}

/* Append a state; returns its number or -1 when out of memory. */
static int32_t
add_state(ad_matcher *m, int32_t parent, unsigned char c)
{
	int32_t		s;

	if (m->nstates == m->cap)
	{
		int32_t		cap = m->cap ? m->cap * 2 : 64;
		int32_t   **arrs[] = {&m->child, &m->sibling, &m->fail, &m->out, &m->dict};
		unsigned char *l;
		size_t		i;

		for (i = 0; i < sizeof(arrs) / sizeof(arrs[0]); i++)
		{
			int32_t    *p = realloc(*arrs[i], (size_t) cap * sizeof(int32_t));

			if (p == NULL)
				return -1;
			*arrs[i] = p;
		}
		if ((l = realloc(m->label, (size_t) cap)) == NULL)
			return -1;
		m->label = l;
		m->cap = cap;
	}
	s = m->nstates++;
	m->child[s] = -1;
	m->sibling[s] = -1;
	m->fail[s] = 0;
	m->out[s] = -1;
	m->dict[s] = -1;
	m->label[s] = c;
	if (parent == 0 && s > 0)
		m->root[c] = s;
	else if (s > 0)
	{
		m->sibling[s] = m->child[parent];
		m->child[parent] = s;
	}
	return s;
}

/* Insert phrase number id into the trie. */
static ad_status
insert(ad_matcher *m, size_t id)
{
	const unsigned char *p = (const unsigned char *) m->phrase[id];
	int32_t		s = 0;
	size_t		i;

	for (i = 0; i < m->phraselen[id]; i++)
	{
		int32_t		t = step(m, s, p[i]);

		if (t <= 0)
			t = add_state(m, s, p[i]);
		if (t < 0)
			return AD_ENOMEM;
		s = t;
	}
	if (m->out[s] < 0)
		m->out[s] = (int32_t) id;
	return AD_OK;
}

/* Enqueue the children of s (the root's from its table). */
static void
push_children(const ad_matcher *m, int32_t s, int32_t *queue, int32_t *tail)
{
	int32_t		t;
	int			c;

	if (s == 0)
	{
		for (c = 0; c < 256; c++)
			if (m->root[c] > 0)
				queue[(*tail)++] = m->root[c];
		return;
	}
	for (t = m->child[s]; t >= 0; t = m->sibling[t])
		queue[(*tail)++] = t;
}

/* Failure and dictionary links, breadth first. */
static ad_status
link_states(ad_matcher *m)
{
	int32_t    *queue = malloc((size_t) m->nstates * sizeof(int32_t));
	int32_t		head = 0,
				tail = 0;

	if (queue == NULL)
		return AD_ENOMEM;
	push_children(m, 0, queue, &tail);
	while (head < tail)
	{
		int32_t		r = queue[head++],
					u;

		for (u = m->child[r]; u >= 0; u = m->sibling[u])
		{
			int32_t		f = m->fail[r],
						v;

			while (f != 0 && step(m, f, m->label[u]) < 0)
				f = m->fail[f];
			v = step(m, f, m->label[u]);
			m->fail[u] = (v > 0 && v != u) ? v : 0;
		}
		push_children(m, r, queue, &tail);
		if (r != 0)
			m->dict[r] = m->out[m->fail[r]] >= 0 ? m->fail[r] : m->dict[m->fail[r]];
	}
	free(queue);
	return AD_OK;
}

/* Bytes that occur in no phrase share class 0; the others get a class each. */
static void
byte_classes(ad_matcher *m)
{
	size_t		i,
				k;

	m->nclasses = 1;
	memset(m->byteclass, 0, sizeof(m->byteclass));
	for (i = 0; i < m->nphrases; i++)
		for (k = 0; k < m->phraselen[i]; k++)
		{
			unsigned char b = (unsigned char) m->phrase[i][k];

			if (m->byteclass[b] == 0)
				m->byteclass[b] = (unsigned char) m->nclasses++;
		}
}

/*
 * Number the DFA's states breadth first (order: the states in that order):
 * the shallow states, which nearly every byte of a text visits, then share
 * a few pages of the transition table instead of being spread over it in
 * the order their phrases were inserted.  Only delta, out and dict are used
 * by the scans; the trie arrays keep their numbers.
 */
static ad_status
renumber_bfs(ad_matcher *m, const int32_t *order)
{
	size_t		nc = (size_t) m->nclasses,
				n = (size_t) m->nstates,
				i,
				c;
	int32_t    *rank = malloc(n * sizeof(int32_t)),
			   *delta = malloc(n * nc * sizeof(int32_t)),
			   *out = malloc(n * sizeof(int32_t)),
			   *dict = malloc(n * sizeof(int32_t));

	if (rank == NULL || delta == NULL || out == NULL || dict == NULL)
	{
		free(rank);
		free(delta);
		free(out);
		free(dict);
		return AD_ENOMEM;
	}
	for (i = 0; i < n; i++)
		rank[order[i]] = (int32_t) i;
	for (i = 0; i < n; i++)
	{
		int32_t		s = order[i];

		for (c = 0; c < nc; c++)
		{
			int32_t		v = m->delta[(size_t) s * nc + c],
						t = (int32_t) ((size_t) (v >> 1) / nc);

			delta[i * nc + c] = (int32_t) (2 * (size_t) rank[t] * nc) + (v & 1);
		}
		out[i] = m->out[s];
		dict[i] = m->dict[s] >= 0 ? rank[m->dict[s]] : -1;
	}
	free(rank);
	free(m->delta);
	free(m->out);
	free(m->dict);
	m->delta = delta;
	m->out = out;
	m->dict = dict;
	return AD_OK;
}

/* Turn the goto/failure automaton into a DFA (one lookup per byte), breadth first. */
static ad_status
build_dfa(ad_matcher *m)
{
	int32_t    *order = malloc((size_t) m->nstates * sizeof(int32_t));
	int32_t		head = 0,
				tail = 0,
				c,
				b;
	ad_status	st;

	byte_classes(m);
	m->delta = malloc((size_t) m->nstates * m->nclasses * sizeof(int32_t));
	if (order == NULL || m->delta == NULL)
	{
		free(order);
		return AD_ENOMEM;
	}
	order[tail++] = 0;
	while (head < tail)
	{
		int32_t		s = order[head++];

		for (b = 0; b < 256; b++)
		{
			int32_t		t;

			c = m->byteclass[b];
			if (c == 0 && b > 0)
				continue;
			t = step(m, s, (unsigned char) b);
			if (c == 0)
				t = 0;			/* no phrase holds this byte */
			else if (t < 0)		/* fail[s] is shallower: its row is done */
				t = (m->delta[m->fail[s] * m->nclasses + c] >> 1) / m->nclasses;
			m->delta[s * m->nclasses + c] = 2 * t * m->nclasses +
				(m->out[t] >= 0 || m->dict[t] >= 0);
		}
		push_children(m, s, order, &tail);
	}
	st = renumber_bfs(m, order);
	free(order);
	return st;
}

void
ad_matcher_free(ad_matcher *m)
{
	size_t		i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nphrases; i++)
		free(m->phrase[i]);
	free(m->phrase);
	free(m->phraselen);
	free(m->group);
	free(m->child);
	free(m->sibling);
	free(m->label);
	free(m->fail);
	free(m->out);
	free(m->dict);
	free(m->delta);
	free(m);
}

/* Normalize the phrases into m->phrase, dropping empty ones. */
static ad_status
load_phrases(ad_matcher *m, const char *const *phrases, const unsigned char *groups, size_t n)
{
	size_t		i;

	m->phrase = calloc(n ? n : 1, sizeof(char *));
	m->phraselen = calloc(n ? n : 1, sizeof(size_t));
	m->group = calloc(n ? n : 1, 1);
	if (m->phrase == NULL || m->phraselen == NULL || m->group == NULL)
		return AD_ENOMEM;
	for (i = 0; i < n; i++)
	{
		char	   *norm;
		size_t		normlen;
		ad_status	st = ad_text_normalize(phrases[i], strlen(phrases[i]), &norm, &normlen);

		if (st != AD_OK)
			return st;
		if (normlen == 0)
		{
			free(norm);
			continue;
		}
		m->phrase[m->nphrases] = norm;
		m->maxlen = normlen > m->maxlen ? normlen : m->maxlen;
		m->group[m->nphrases] = groups ? groups[i] : 0;
		m->phraselen[m->nphrases++] = normlen;
	}
	return AD_OK;
}

/* Build a matcher whose phrases belong to groups (NULL: all in group 0). */
static ad_status
build_groups(const char *const *phrases, const unsigned char *groups, size_t n, ad_matcher **out)
{
	ad_matcher *m = calloc(1, sizeof(ad_matcher));
	ad_status	st;
	size_t		i;

	*out = NULL;
	if (m == NULL)
		return AD_ENOMEM;
	st = load_phrases(m, phrases, groups, n);
	if (st == AD_OK && add_state(m, 0, 0) < 0)
		st = AD_ENOMEM;
	for (i = 0; st == AD_OK && i < m->nphrases; i++)
		st = insert(m, i);
	if (st == AD_OK)
		st = link_states(m);
	if (st == AD_OK)
		st = build_dfa(m);
	if (st != AD_OK)
	{
		ad_matcher_free(m);
		return st;
	}
	*out = m;
	return AD_OK;
}

ad_status
ad_matcher_build(const char *const *phrases, size_t n, ad_matcher **out)
{
	return build_groups(phrases, NULL, n, out);
}

/* Does phrase id, ending just before text[end], sit on word boundaries? */
static int
on_boundary(const ad_matcher *m, int32_t id, const unsigned char *text, size_t len, size_t end)
{
	const unsigned char *p = (const unsigned char *) m->phrase[id];
	size_t		plen = m->phraselen[id],
				start = end - plen;

	if (ISALNUM_ASCII(p[0]) && start > 0 && ISALNUM_ASCII(text[start - 1]))
		return 0;
	if (ISALNUM_ASCII(p[plen - 1]) && end < len && ISALNUM_ASCII(text[end]))
		return 0;
	return 1;
}

/*
 * The scan is split into LANES stretches of the text run side by side, so
 * that the lanes' table lookups overlap instead of each waiting for the one
 * before.  A lane starts maxlen - 1 bytes before the first end position it
 * reports, in the root state: a phrase ending there began inside its run.
 */
#define LANES 4
#define LANE_MIN_RUN 64			/* shorter texts (or runs) are one lane */

typedef struct lane
{
	size_t		start;			/* first byte scanned */
	size_t		from;			/* first end position (byte index) reported */
	size_t		end;			/* scan up to here */
	size_t		counts[AD_MATCH_GROUPS];
	const char *firsts[AD_MATCH_GROUPS];
} lane;

/* Count the phrases that end at text[i] in DFA row s (whose state ends a phrase). */
static void
report(const ad_matcher *m, int32_t s, const unsigned char *t, size_t len, size_t i,
	   size_t *counts, const char **firsts, int ngroups)
{
	int32_t		state = s / m->nclasses,
				o;

	for (o = m->out[state] >= 0 ? state : m->dict[state]; o > 0; o = m->dict[o])
	{
		int32_t		id = m->out[o];
		int			g = m->group[id];

		if (g >= ngroups || !on_boundary(m, id, t, len, i + 1))
			continue;
		if (counts[g]++ == 0)
			firsts[g] = m->phrase[id];
	}
}

/* One DFA step of lane l at byte i from row s; returns the next row. */
static inline int32_t
lane_step(const ad_matcher *m, int32_t s, const unsigned char *t, size_t len, size_t i,
		  lane *l, int ngroups)
{
	int32_t		v = m->delta[s + m->byteclass[t[i]]];

	if ((v & 1) && i >= l->from)
		report(m, v >> 1, t, len, i, l->counts, l->firsts, ngroups);
	return v >> 1;
}

/* Split [0, len) into nl lanes (see above) whose runs differ by less than nl bytes. */
static void
plan_lanes(size_t len, size_t overlap, lane *l, int nl)
{
	size_t		run = (len + (nl - 1) * overlap + nl - 1) / nl;
	int			k;

	memset(l, 0, nl * sizeof(lane));
	for (k = 0; k < nl; k++)
	{
		l[k].start = k * (run - overlap);
		l[k].from = k == 0 ? 0 : l[k].start + overlap;
		l[k].end = l[k].start + run < len ? l[k].start + run : len;
	}
}

void
ad_matcher_count_groups(const ad_matcher *m, const char *text, size_t len,
						size_t *counts, const char **firsts, int ngroups)
{
	const unsigned char *t = (const unsigned char *) text;
	size_t		overlap = m->maxlen > 0 ? m->maxlen - 1 : 0,
				steps = 0,
				j;
	int32_t		s[LANES] = {0};
	lane		l[LANES];
	int			nl = len < LANES * (overlap + LANE_MIN_RUN) ? 1 : LANES,
				ng = ngroups < AD_MATCH_GROUPS ? ngroups : AD_MATCH_GROUPS,
				g,
				k;

	plan_lanes(len, overlap, l, nl);
	if (nl == LANES)
	{
		/* Side by side for as long as the last (shortest) lane runs. */
		steps = l[LANES - 1].end - l[LANES - 1].start;
		for (j = 0; j < steps; j++)
		{
			s[0] = lane_step(m, s[0], t, len, l[0].start + j, &l[0], ng);
			s[1] = lane_step(m, s[1], t, len, l[1].start + j, &l[1], ng);
			s[2] = lane_step(m, s[2], t, len, l[2].start + j, &l[2], ng);
			s[3] = lane_step(m, s[3], t, len, l[3].start + j, &l[3], ng);
		}
	}
	for (k = 0; k < nl; k++)
		for (j = l[k].start + steps; j < l[k].end; j++)
			s[k] = lane_step(m, s[k], t, len, j, &l[k], ng);
	/* In text order: the lanes report consecutive stretches. */
	for (g = 0; g < ngroups; g++)
	{
		counts[g] = 0;
		firsts[g] = NULL;
		for (k = 0; k < nl && g < ng; k++)
		{
			counts[g] += l[k].counts[g];
			firsts[g] = firsts[g] ? firsts[g] : l[k].firsts[g];
		}
	}
}

size_t
ad_matcher_count(const ad_matcher *m, const char *text, size_t len, const char **first)
{
	size_t		count;
	const char *f;

	ad_matcher_count_groups(m, text, len, &count, &f, 1);
	if (first != NULL)
		*first = f;
	return count;
}

/* ---- built-in lists ---- */

#define LIST_LEN(a) (sizeof(a) / sizeof(a[0]))

static const struct
{
	const char *name;
	const char *const *phrases;
	size_t		n;
}			builtin_lists[AD_PHRASES_COUNT] = {
	[AD_PHRASES_INJECTION] = {"injection", ad_phrases_injection, LIST_LEN(ad_phrases_injection)},
	[AD_PHRASES_PROMOTIONAL] = {"promotional", ad_phrases_promotional, LIST_LEN(ad_phrases_promotional)},
	[AD_PHRASES_TRIGGER] = {"trigger", ad_phrases_trigger, LIST_LEN(ad_phrases_trigger)},
};

static ad_matcher *builtin;
static ad_status builtin_status = AD_OK;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

/* Build the one matcher of all built-in lists and lexicons once per process; it lives as long as it. */
static void
build_builtin(void)
{
	static const struct
	{
		const char *const *words;
		size_t		n;
	}			lex[AD_LEX_COUNT] = {
		[AD_LEX_ADDRESSEE] = {ad_phrases_addressee, LIST_LEN(ad_phrases_addressee)},
		[AD_LEX_DIRECTIVE] = {ad_phrases_directive, LIST_LEN(ad_phrases_directive)},
		[AD_LEX_TARGET] = {ad_phrases_target, LIST_LEN(ad_phrases_target)},
		[AD_LEX_MODAL] = {ad_phrases_modal, LIST_LEN(ad_phrases_modal)},
		[AD_LEX_HEADER] = {ad_phrases_header, LIST_LEN(ad_phrases_header)},
	};
	const char **all;
	unsigned char *groups;
	size_t		n = 0,
				i;
	int			l;

	for (l = 0; l < AD_PHRASES_COUNT; l++)
		n += builtin_lists[l].n;
	for (l = 0; l < AD_LEX_COUNT; l++)
		n += lex[l].n;
	all = malloc(n * sizeof(char *));
	groups = malloc(n);
	if (all == NULL || groups == NULL)
		builtin_status = AD_ENOMEM;
	for (l = 0, n = 0; l < AD_PHRASES_COUNT && builtin_status == AD_OK; l++)
		for (i = 0; i < builtin_lists[l].n; i++, n++)
		{
			all[n] = builtin_lists[l].phrases[i];
			groups[n] = (unsigned char) l;
		}
	for (l = 0; l < AD_LEX_COUNT && builtin_status == AD_OK; l++)
		for (i = 0; i < lex[l].n; i++, n++)
		{
			all[n] = lex[l].words[i];
			groups[n] = (unsigned char) AD_LEX_GROUP(l);
		}
	if (builtin_status == AD_OK)
		builtin_status = build_groups(all, groups, n, &builtin);
	free(all);
	free(groups);
}

const char *
ad_phrase_list_name(int list)
{
	if (list < 0 || list >= AD_PHRASES_COUNT)
		return NULL;
	return builtin_lists[list].name;
}

ad_status
ad_phrases_builtin(const ad_matcher **out)
{
	*out = NULL;
	pthread_once(&builtin_once, build_builtin);
	if (builtin_status != AD_OK)
		return builtin_status;
	*out = builtin;
	return AD_OK;
}

/* ---- matches with their places ---- */

ad_status
ad_matcher_matches(const ad_matcher *m, const char *text, size_t len, ad_match **out, size_t *nout)
{
	const unsigned char *t = (const unsigned char *) text;
	ad_match   *v = NULL;
	size_t		n = 0,
				cap = 0,
				i;
	int32_t		s = 0;

	*out = NULL;
	*nout = 0;
	for (i = 0; i < len; i++)
	{
		int32_t		d = m->delta[s + m->byteclass[t[i]]],
					state,
					o;

		s = d >> 1;
		if (!(d & 1))
			continue;
		state = s / m->nclasses;
		for (o = m->out[state] >= 0 ? state : m->dict[state]; o > 0; o = m->dict[o])
		{
			int32_t		id = m->out[o];

			if (!on_boundary(m, id, t, len, i + 1))
				continue;
			if (n == cap)
			{
				ad_match   *nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof(ad_match));

				if (nv == NULL)
				{
					free(v);
					return AD_ENOMEM;
				}
				v = nv;
			}
			v[n].end = i + 1;
			v[n].len = m->phraselen[id];
			v[n].group = m->group[id];
			v[n].phrase = m->phrase[id];
			n++;
		}
	}
	*out = v;
	*nout = n;
	return AD_OK;
}

size_t
ad_phrases_stopwords(const char *const **out)
{
	*out = ad_phrases_stopwords_list;
	return LIST_LEN(ad_phrases_stopwords_list);
}
