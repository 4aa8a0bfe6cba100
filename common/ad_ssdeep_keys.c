/* Index keys for ssdeep signatures: an exact candidate filter for fuzzy_compare > 0. */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "antidote.h"

/* libfuzzy's common-substring length (ROLLING_WINDOW). */
#define AD_SSDEEP_RUN 7
/* Winnowing: 4-grams, windows of 4 of them cover exactly one 7-character run. */
#define AD_GRAM 4
#define AD_WINDOW (AD_SSDEEP_RUN - AD_GRAM + 1)
/* libfuzzy caps the score of a part at block_size / 3 * length below this block size. */
#define AD_SSDEEP_CAP_BLOCK 45
/* Tag bit of the exact key of a signature. */
#define AD_EXACT_KEY_TAG (INT64_C(1) << 62)

/* Value 0..63 of a base64 character (already validated by the parser). */
static unsigned
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : 63;
}

/* Copy a part, cutting runs of more than 3 equal characters to 3 (as libfuzzy does). */
static size_t
eliminate_runs(const char *p, size_t len, char *out)
{
	size_t		i,
				n = 0;

	for (i = 0; i < len; i++)
	{
		if (n >= 3 && out[n - 1] == p[i] && out[n - 2] == p[i] && out[n - 3] == p[i])
			continue;
		out[n++] = p[i];
	}
	return n;
}

/* log2(block_size / 3): which block size a part stands for. */
static int
block_level(uint64_t bs)
{
	int			k = 0;

	bs /= 3;
	while (bs > 1)
	{
		bs >>= 1;
		k++;
	}
	return k;
}

/* Whether a run-cut part of length n at block size bs can score min_score. */
static int
part_can_reach(uint64_t bs, size_t n, int min_score)
{
	if (n < AD_SSDEEP_RUN)
		return 0;
	return bs >= AD_SSDEEP_CAP_BLOCK || (uint64_t) (bs / 3) * n >= (uint64_t) min_score;
}

/*
 * Winnowed keys of one run-cut part standing for block level lvl, one per
 * window; pos (if not NULL) receives the position each key was taken from.
 * Windows slide right and ties keep the leftmost 4-gram, so positions never
 * decrease and one position serves at most AD_WINDOW consecutive windows.
 */
static int
part_keys(const char *p, size_t n, int lvl, int64_t *keys, int *pos)
{
	uint64_t	packed[AD_SSDEEP_PART_MAX],
				order[AD_SSDEEP_PART_MAX];
	size_t		i,
				j;
	int			nk = 0;

	if (n < AD_SSDEEP_RUN)
		return 0;
	for (i = 0; i + AD_GRAM <= n; i++)
	{
		uint64_t	v = 0;

		for (j = 0; j < AD_GRAM; j++)
			v = (v << 6) | b64_value((unsigned char) p[i + j]);
		packed[i] = ((uint64_t) lvl << 30) | v;
		order[i] = XXH64(p + i, AD_GRAM, (XXH64_hash_t) lvl);
	}
	for (i = 0; i + AD_WINDOW <= n - AD_GRAM + 1; i++)
	{
		size_t		best = i;

		for (j = i + 1; j < i + AD_WINDOW; j++)
			if (order[j] < order[best])
				best = j;
		if (pos != NULL)
			pos[nk] = (int) best;
		keys[nk++] = (int64_t) packed[best];
	}
	return nk;
}

/* Sort (insertion sort: at most AD_SSDEEP_KEYS_MAX keys) and drop repeats; returns the new count. */
static int
sort_unique(int64_t *keys, int n)
{
	int			i,
				o = 0;

	for (i = 1; i < n; i++)
	{
		int64_t		v = keys[i];
		int			j = i;

		while (j > 0 && keys[j - 1] > v)
		{
			keys[j] = keys[j - 1];
			j--;
		}
		keys[j] = v;
	}
	for (i = 0; i < n; i++)
		if (o == 0 || keys[o - 1] != keys[i])
			keys[o++] = keys[i];
	return o;
}

/* A key folded into 2^bits values (bits = 0: unchanged). */
static int64_t
fold(int64_t key, int bits)
{
	if (bits == 0)
		return key;
	return (int64_t) (XXH64(&key, sizeof(key), 0) & ((UINT64_C(1) << bits) - 1));
}

/* The exact key: equal for signatures equal after run cutting. */
static int64_t
exact_key(uint64_t bs, const char *p1, size_t n1, const char *p2, size_t n2)
{
	char		buf[2 * AD_SSDEEP_PART_MAX + 1];

	memcpy(buf, p1, n1);
	buf[n1] = ':';
	memcpy(buf + n1 + 1, p2, n2);
	return (int64_t) ((XXH64(buf, n1 + 1 + n2, (XXH64_hash_t) bs) & (AD_EXACT_KEY_TAG - 1)) |
					  AD_EXACT_KEY_TAG);
}

ad_status
ad_ssdeep_keys(const char *s, size_t len, int min_score,
			   int64_t keys[AD_SSDEEP_KEYS_MAX], int *nkeys)
{
	ad_ssdeep	h;
	char		p1[AD_SSDEEP_PART_MAX],
				p2[AD_SSDEEP_PART_MAX];
	size_t		n1,
				n2;
	int			lvl,
				n = 0;
	ad_status	st;

	*nkeys = 0;
	if ((st = ad_ssdeep_parse(s, len, &h)) != AD_OK)
		return st;
	lvl = block_level(h.block_size);
	n1 = eliminate_runs(h.part1, h.len1, p1);
	n2 = eliminate_runs(h.part2, h.len2, p2);
	/* Identical signatures score 100 whatever their parts. */
	keys[n++] = exact_key(h.block_size, p1, n1, p2, n2);
	if (part_can_reach(h.block_size, n1, min_score))
		n += part_keys(p1, n1, lvl, keys + n, NULL);
	if (part_can_reach(h.block_size * 2, n2, min_score))
		n += part_keys(p2, n2, lvl + 1, keys + n, NULL);
	*nkeys = sort_unique(keys, n);
	return AD_OK;
}

ad_status
ad_ssdeep_index_keys(const char *s, size_t len, int min_score, int bits,
					 int64_t keys[AD_SSDEEP_KEYS_MAX], int *nkeys)
{
	ad_status	st;
	int			i;

	*nkeys = 0;
	if (bits < AD_INDEX_BITS_MIN || bits > AD_INDEX_BITS_MAX)
		return AD_EINDEX_BITS;
	if ((st = ad_ssdeep_keys(s, len, min_score, keys, nkeys)) != AD_OK)
		return st;
	for (i = 0; i < *nkeys; i++)
		keys[i] = fold(keys[i], bits);
	*nkeys = sort_unique(keys, *nkeys);
	return AD_OK;
}

/*
 * The count filter.  libfuzzy scores two run-cut parts a, b (lengths m, n,
 * s = m + n) of the same block size bs as follows: 0 unless they share a
 * 7-character run; else with d their edit distance weighing insertions and
 * deletions 1 and replacements 2 (so d = s - 2 L, L the length of their
 * longest common subsequence), score = 100 - (100 * (64 d / s)) / 64 in
 * integer arithmetic, and below block size 45 at most bs / 3 * min(m, n).
 * The score never rises with d, so score >= t needs d <= dmax(s), i.e.
 * L >= Lmin = ceil((s - dmax) / 2), and Lmin <= min(m, n).
 *
 * Take a longest common subsequence and cut it into blocks, maximal runs of
 * positions consecutive in both parts: each block of length l is a common
 * substring holding l - 6 common 7-character windows (when l >= 7).  Two
 * neighbouring blocks are separated by at least one character of a or b
 * outside the subsequence, so there are B <= d + 1 blocks, and the common
 * windows number at least
 *     sum (l - 6) >= L - 6 B >= L - 6 (s - 2 L + 1) = 13 L - 6 s - 6,
 * which grows with L, so it is at least 13 Lmin - 6 s - 6; and at least 1,
 * the common run libfuzzy requires.  (q-gram count filter, q = 7.)
 *
 * From windows to keys: the probe's winnowing picks one position per window
 * and a position serves at most 4 consecutive windows, so W common windows
 * give at least ceil(W / 4) distinct positions of the probe whose 4-grams
 * the row holds at the same level (the row's winnowing of the same window
 * picks the same 4-gram).  Positions with equal keys (or keys folded
 * together) are one entry: with at most c positions of the part behind any
 * one entry, at least ceil(ceil(W / 4) / c) entries of that part match.
 *
 * This bound is tight enough to matter only near the top of the scale:
 * below a score of about 93 a pair of parts that share one 7-character run
 * can still score the threshold (a signature with every 7th character
 * changed scores 86 against the original and shares no run of 8), so a
 * single key stays enough there.
 */

/*
 * The longest common subsequence two parts of total length s need for
 * score >= min_score (before the cap): d = s - 2 L must stay at most dmax.
 * The score is at least t while e = 64 d / s keeps 100 e / 64 <= 100 - t,
 * i.e. e <= (64 (101 - t) - 1) / 100, i.e. d <= ((emax + 1) s - 1) / 64.
 */
static int
min_common(int s, int min_score)
{
	int			emax = (AD_SSDEEP_PART_MAX * (101 - min_score) - 1) / 100,
				d = ((emax + 1) * s - 1) / AD_SSDEEP_PART_MAX;

	if (d > s)
		d = s;
	/* d = s - 2 L keeps the parity of s. */
	if ((s - d) % 2 != 0)
		d--;
	return (s - d) / 2;
}

int
ad_ssdeep_min_shared_windows(int m, int n, int min_score, uint64_t bs)
{
	int			s = m + n,
				lmin,
				w;

	if (min_score > 100)
		return 0;
	if (min_score < 1)
		min_score = 1;
	if (m < AD_SSDEEP_RUN || n < AD_SSDEEP_RUN)
		return 0;
	if (bs < AD_SSDEEP_CAP_BLOCK && (uint64_t) (bs / 3) * (uint64_t) (m < n ? m : n) <
		(uint64_t) min_score)
		return 0;
	lmin = min_common(s, min_score);
	if (lmin > (m < n ? m : n))
		return 0;
	w = 13 * lmin - 6 * s - 6;
	return w < 1 ? 1 : w;
}

/* Fewest common windows a part of length m (run-cut) needs to score min_score, over every row length; 0: never. */
static int
part_min_windows(int m, int min_score, uint64_t bs)
{
	int			w = 0,
				n;

	for (n = AD_SSDEEP_RUN; n <= AD_SSDEEP_PART_MAX; n++)
	{
		int			x = ad_ssdeep_min_shared_windows(m, n, min_score, bs);

		if (x > 0 && (w == 0 || x < w))
			w = x;
	}
	return w;
}

/*
 * Most positions of a part behind any one entry: ent[i] is the entry of key
 * i (taken at pos[i]); 0 when the part has no keys.
 */
static int
part_most(const int64_t *ent_by_key, const int *pos, int nk)
{
	int64_t		ent[AD_SSDEEP_PART_MAX];
	int			i,
				j,
				nent = 0,
				most = 0;

	/* The entry of each distinct position (positions come in order). */
	for (i = 0; i < nk; i++)
		if (i == 0 || pos[i] != pos[i - 1])
			ent[nent++] = ent_by_key[i];
	for (i = 0; i < nent; i++)
	{
		int			c = 0;

		for (j = 0; j < nent; j++)
			c += ent[j] == ent[i];
		if (c > most)
			most = c;
	}
	return most;
}

/* Entries of a part a row must share given its fewest common windows w and part_most. */
static int
need_of(int w, int most)
{
	int			distinct;

	if (w == 0 || most == 0)
		return AD_SSDEEP_NEVER;
	distinct = (w + AD_WINDOW - 1) / AD_WINDOW;
	return (distinct + most - 1) / most;
}

/* Fewest entries of a part of length m (run-cut) a row must share, over every row length. */
static int
part_need(const int64_t *keys, const int *pos, int nk, int m, int min_score, uint64_t bs,
		  int bits)
{
	int64_t		ent[AD_SSDEEP_PART_MAX];
	int			i;

	if (nk == 0)
		return AD_SSDEEP_NEVER;
	for (i = 0; i < nk; i++)
		ent[i] = fold(keys[i], bits);
	return need_of(part_min_windows(m, min_score, bs), part_most(ent, pos, nk));
}

/* Keys and their parts, sorted by key with the parts of equal keys merged. */
static int
merge_parts(int64_t *keys, unsigned char *parts, int n)
{
	int			i,
				o = 0;

	for (i = 1; i < n; i++)
	{
		int64_t		v = keys[i];
		unsigned char f = parts[i];
		int			j = i;

		while (j > 0 && keys[j - 1] > v)
		{
			keys[j] = keys[j - 1];
			parts[j] = parts[j - 1];
			j--;
		}
		keys[j] = v;
		parts[j] = f;
	}
	for (i = 0; i < n; i++)
	{
		if (o > 0 && keys[o - 1] == keys[i])
			parts[o - 1] |= parts[i];
		else
		{
			keys[o] = keys[i];
			parts[o++] = parts[i];
		}
	}
	return o;
}

/*
 * A signature's two parts after run cutting, and the window keys (with their
 * positions) of each part that can score min_score: what a probe and a
 * nearest-neighbour query are built from.
 */
typedef struct sig_windows
{
	ad_ssdeep	h;
	int			level;			/* block level of part 1 */
	char		p1[AD_SSDEEP_PART_MAX],
				p2[AD_SSDEEP_PART_MAX];
	size_t		n1,
				n2;
	int64_t		k1[AD_SSDEEP_PART_MAX],
				k2[AD_SSDEEP_PART_MAX];
	int			pos1[AD_SSDEEP_PART_MAX],
				pos2[AD_SSDEEP_PART_MAX];
	int			nk1,
				nk2;
} sig_windows;

static ad_status
sig_windows_of(const char *s, size_t len, int min_score, sig_windows *w)
{
	ad_status	st = ad_ssdeep_parse(s, len, &w->h);

	if (st != AD_OK)
		return st;
	w->level = block_level(w->h.block_size);
	w->n1 = eliminate_runs(w->h.part1, w->h.len1, w->p1);
	w->n2 = eliminate_runs(w->h.part2, w->h.len2, w->p2);
	w->nk1 = part_can_reach(w->h.block_size, w->n1, min_score) ?
		part_keys(w->p1, w->n1, w->level, w->k1, w->pos1) : 0;
	w->nk2 = part_can_reach(w->h.block_size * 2, w->n2, min_score) ?
		part_keys(w->p2, w->n2, w->level + 1, w->k2, w->pos2) : 0;
	return AD_OK;
}

/* The exact key of the windows' signature. */
static int64_t
windows_exact_key(const sig_windows *w)
{
	return exact_key(w->h.block_size, w->p1, w->n1, w->p2, w->n2);
}

ad_status
ad_ssdeep_probe_keys(const char *s, size_t len, int min_score, int bits, ad_ssdeep_probe *p)
{
	sig_windows w;
	int			n = 0,
				i;
	ad_status	st;

	p->nkeys = 0;
	p->need[0] = p->need[1] = AD_SSDEEP_NEVER;
	if (bits != 0 && (bits < AD_INDEX_BITS_MIN || bits > AD_INDEX_BITS_MAX))
		return AD_EINDEX_BITS;
	if (min_score < 1)
		min_score = 1;
	if ((st = sig_windows_of(s, len, min_score, &w)) != AD_OK)
		return st;
	p->need[0] = part_need(w.k1, w.pos1, w.nk1, (int) w.n1, min_score, w.h.block_size, bits);
	p->need[1] = part_need(w.k2, w.pos2, w.nk2, (int) w.n2, min_score, w.h.block_size * 2, bits);
	p->keys[n] = fold(windows_exact_key(&w), bits);
	p->parts[n++] = AD_PROBE_EXACT;
	for (i = 0; i < w.nk1; i++)
	{
		p->keys[n] = fold(w.k1[i], bits);
		p->parts[n++] = AD_PROBE_PART1;
	}
	for (i = 0; i < w.nk2; i++)
	{
		p->keys[n] = fold(w.k2[i], bits);
		p->parts[n++] = AD_PROBE_PART2;
	}
	p->nkeys = merge_parts(p->keys, p->parts, n);
	return AD_OK;
}

int
ad_ssdeep_probe_passes(const ad_ssdeep_probe *p, int exact, int hits1, int hits2)
{
	return exact || hits1 >= p->need[0] || hits2 >= p->need[1];
}

int
ad_ssdeep_probe_match32(const ad_ssdeep_probe *p, const uint32_t *row, int nrow)
{
	int			i = 0,
				j = 0,
				exact = 0,
				h1 = 0,
				h2 = 0;

	while (i < p->nkeys && j < nrow)
	{
		if (p->keys[i] == (int64_t) row[j])
		{
			exact |= (p->parts[i] & AD_PROBE_EXACT) != 0;
			h1 += (p->parts[i] & AD_PROBE_PART1) != 0;
			h2 += (p->parts[i] & AD_PROBE_PART2) != 0;
			i++;
			j++;
		}
		else if (p->keys[i] < (int64_t) row[j])
			i++;
		else
			j++;
	}
	return ad_ssdeep_probe_passes(p, exact, h1, h2);
}

/* ---- signature trees ---- */

/* The bit of a key in a bitmap of nbits bits. */
static uint32_t
sig_bit(int64_t key, int nbits)
{
	return (uint32_t) (XXH64(&key, sizeof(key), 0) % (uint64_t) nbits);
}

ad_status
ad_ssdeep_sig(const char *s, size_t len, unsigned char *bits, int nbytes, uint64_t *levels)
{
	int64_t		keys[AD_SSDEEP_KEYS_MAX];
	ad_ssdeep	h;
	int			n,
				i;
	ad_status	st;

	if (nbytes < AD_SSDEEP_SIG_BYTES_MIN || nbytes > AD_SSDEEP_SIG_BYTES_MAX)
		return AD_ESIG_BYTES;
	if ((st = ad_ssdeep_parse(s, len, &h)) != AD_OK ||
		(st = ad_ssdeep_keys(s, len, 1, keys, &n)) != AD_OK)
		return st;
	for (i = 0; i < n; i++)
	{
		uint32_t	b = sig_bit(keys[i], nbytes * 8);

		bits[b / 8] |= (unsigned char) (1u << (b % 8));
	}
	*levels |= UINT64_C(1) << block_level(h.block_size);
	return AD_OK;
}

/* Append one part's keys as bits to q; fills need[t][part] for every t. */
static void
knn_part(ad_ssdeep_knn *q, const int64_t *keys, const int *pos, int nk, int m, uint64_t bs,
		 int part)
{
	int64_t		ent[AD_SSDEEP_PART_MAX];
	int			i,
				t,
				most;

	for (i = 0; i < nk; i++)
	{
		ent[i] = sig_bit(keys[i], q->nbytes * 8);
		q->bit[q->nkeys] = (uint32_t) ent[i];
		q->parts[q->nkeys++] = (unsigned char) (part == 0 ? AD_PROBE_PART1 : AD_PROBE_PART2);
	}
	most = nk == 0 ? 0 : part_most(ent, pos, nk);
	for (t = 1; t <= 100; t++)
		q->need[t][part] = need_of(part_min_windows(m, t, bs), most);
}

ad_status
ad_ssdeep_knn_init(const char *s, size_t len, int nbytes, ad_ssdeep_knn *q)
{
	sig_windows w;
	int			i,
				j,
				o = 0;
	ad_status	st;

	memset(q, 0, sizeof(*q));
	if (nbytes < AD_SSDEEP_SIG_BYTES_MIN || nbytes > AD_SSDEEP_SIG_BYTES_MAX)
		return AD_ESIG_BYTES;
	/* The keys ad_ssdeep_keys gives at min_score 1. */
	if ((st = sig_windows_of(s, len, 1, &w)) != AD_OK)
		return st;
	q->nbytes = nbytes;
	q->level = w.level;
	q->bit[q->nkeys] = sig_bit(windows_exact_key(&w), nbytes * 8);
	q->parts[q->nkeys++] = AD_PROBE_EXACT;
	knn_part(q, w.k1, w.pos1, w.nk1, (int) w.n1, w.h.block_size, 0);
	knn_part(q, w.k2, w.pos2, w.nk2, (int) w.n2, w.h.block_size * 2, 1);
	/* One entry per bit, its parts merged. */
	for (i = 0; i < q->nkeys; i++)
	{
		for (j = 0; j < o && q->bit[j] != q->bit[i]; j++)
			;
		if (j < o)
			q->parts[j] |= q->parts[i];
		else
		{
			q->bit[o] = q->bit[i];
			q->parts[o++] = q->parts[i];
		}
	}
	q->nkeys = o;
	return AD_OK;
}

/*
 * libfuzzy compares part 1 of the probe (block level L) with a row's part 1
 * at level L or part 2 of a row at level L - 1, and part 2 of the probe
 * (level L + 1) with a row's part 2 at level L or part 1 at level L + 1;
 * other block sizes score 0.  Identical signatures (the exact key) have the
 * same level.  Every row under the node holds a subset of its bits, so it
 * shares at most as many of each part's bits as the node: a row scoring t
 * passes the count filter at t with its own hits, hence with the node's.
 */
int
ad_ssdeep_knn_max_score(const ad_ssdeep_knn *q, const unsigned char *bits, uint64_t levels)
{
	uint64_t	at = UINT64_C(1) << q->level,
				below = q->level > 0 ? at >> 1 : 0,
				above = at << 1;
	int			p1ok = (levels & (at | below)) != 0,
				p2ok = (levels & (at | above)) != 0,
				exact = 0,
				h1 = 0,
				h2 = 0,
				i,
				t;

	if (!p1ok && !p2ok)
		return 0;
	for (i = 0; i < q->nkeys; i++)
		if (bits[q->bit[i] / 8] & (1u << (q->bit[i] % 8)))
		{
			exact |= (q->parts[i] & AD_PROBE_EXACT) != 0;
			h1 += (q->parts[i] & AD_PROBE_PART1) != 0;
			h2 += (q->parts[i] & AD_PROBE_PART2) != 0;
		}
	if (exact && (levels & at) != 0)
		return 100;
	if (!p1ok)
		h1 = 0;
	if (!p2ok)
		h2 = 0;
	for (t = 100; t >= 1; t--)
		if (h1 >= q->need[t][0] || h2 >= q->need[t][1])
			return t;
	return 0;
}

/* Length of a longest common subsequence of the part of pm (m values) and y (n values). */
static int
lcs_length(const uint64_t *pm, int m, const unsigned char *y, int n)
{
	uint64_t	v = ~UINT64_C(0),
				mask = m >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << m) - 1;
	int			i;

	/* Bit-parallel (Allison-Dix; Crochemore et al. 2001): the zero bits of v count it. */
	for (i = 0; i < n; i++)
	{
		uint64_t	u = v & pm[y[i]];

		v = (v + u) | (v - u);
	}
	return __builtin_popcountll(~v & mask);
}

/* Whether parts x (with pm, m values) and y (n values) at block size bs can score min_score. */
static int
parts_may_reach(const uint64_t *pm, int m, const unsigned char *y, int n, uint64_t bs,
				int min_score)
{
	if (m < AD_SSDEEP_RUN || n < AD_SSDEEP_RUN)
		return 0;				/* no common 7-character run */
	if (bs < AD_SSDEEP_CAP_BLOCK &&
		(uint64_t) (bs / 3) * (uint64_t) (m < n ? m : n) < (uint64_t) min_score)
		return 0;
	return lcs_length(pm, m, y, n) >= min_common(m + n, min_score);
}

size_t
ad_ssdeep_cut(const char *s, size_t len, unsigned char out[AD_SSDEEP_CUT_MAX])
{
	ad_ssdeep	h;
	char		p[AD_SSDEEP_PART_MAX];
	size_t		n1,
				n2,
				i;

	if (ad_ssdeep_parse(s, len, &h) != AD_OK)
		return 0;
	out[0] = (unsigned char) block_level(h.block_size);
	n1 = eliminate_runs(h.part1, h.len1, p);
	for (i = 0; i < n1; i++)
		out[3 + i] = (unsigned char) b64_value((unsigned char) p[i]);
	n2 = eliminate_runs(h.part2, h.len2, p);
	for (i = 0; i < n2; i++)
		out[3 + n1 + i] = (unsigned char) b64_value((unsigned char) p[i]);
	out[1] = (unsigned char) n1;
	out[2] = (unsigned char) n2;
	return 3 + n1 + n2;
}

void
ad_ssdeep_reach_load(ad_ssdeep_reach *r, const unsigned char *cut, int min_score)
{
	int			k,
				i;

	r->level = cut[0];
	r->min_score = min_score < 1 ? 1 : min_score;
	r->len[0] = cut[1];
	r->len[1] = cut[2];
	r->part[0] = cut + 3;
	r->part[1] = cut + 3 + cut[1];
	memset(r->pm, 0, sizeof(r->pm));
	for (k = 0; k < 2; k++)
		for (i = 0; i < r->len[k]; i++)
			r->pm[k][r->part[k][i]] |= UINT64_C(1) << i;
}

int
ad_ssdeep_may_reach(const ad_ssdeep_reach *r, const unsigned char *cut)
{
	int			lvl = cut[0],
				n1 = cut[1],
				n2 = cut[2];
	const unsigned char *y1 = cut + 3,
			   *y2 = cut + 3 + n1;
	uint64_t	bs = UINT64_C(3) << r->level;

	if (r->min_score > 100)
		return 0;
	if (lvl == r->level)
	{
		/* identical after run cutting: 100 */
		if (n1 == r->len[0] && n2 == r->len[1] &&
			memcmp(y1, r->part[0], (size_t) (n1 + n2)) == 0)
			return 1;
		return parts_may_reach(r->pm[0], r->len[0], y1, n1, bs, r->min_score) ||
			parts_may_reach(r->pm[1], r->len[1], y2, n2, bs * 2, r->min_score);
	}
	if (lvl == r->level + 1)
		return parts_may_reach(r->pm[1], r->len[1], y1, n1, bs * 2, r->min_score);
	if (lvl + 1 == r->level)
		return parts_may_reach(r->pm[0], r->len[0], y2, n2, bs, r->min_score);
	return 0;
}
