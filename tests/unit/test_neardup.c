/* Unit tests: ssdeep index keys against libfuzzy, MinHash accuracy and LSH recall, clustering. */
#include <fuzzy.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "antidote.h"
#include "unit.h"

/* A small deterministic generator for test data (not for anything else). */
static uint64_t rng_state = 88172645463325252ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int
keys_intersect(const int64_t *a, int na, const int64_t *b, int nb)
{
	int			i = 0,
				j = 0;

	while (i < na && j < nb)
	{
		if (a[i] == b[j])
			return 1;
		if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return 0;
}

/* A random signature part over a small alphabet (long runs and repeats are common). */
static void
random_part(char *p, size_t len, int alphabet)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t		i;

	for (i = 0; i < len; i++)
		p[i] = b64[rng() % (uint64_t) alphabet];
	p[len] = '\0';
}

/* Mutate a part: a few substitutions, insertions or deletions. */
static void
mutate_part(const char *src, char *dst, int edits)
{
	char		tmp[256];
	size_t		len = strlen(src);
	int			e;

	memcpy(tmp, src, len + 1);
	for (e = 0; e < edits && len > 0; e++)
	{
		size_t		pos = rng() % len;
		int			op = (int) (rng() % 3);

		if (op == 0)
			tmp[pos] = "ABCDxyz+"[rng() % 8];
		else if (op == 1 && len < AD_SSDEEP_PART_MAX)
		{
			memmove(tmp + pos + 1, tmp + pos, len - pos + 1);
			tmp[pos] = "ABCDxyz+"[rng() % 8];
			len++;
		}
		else
		{
			memmove(tmp + pos, tmp + pos + 1, len - pos);
			len--;
		}
	}
	memcpy(dst, tmp, len + 1);
}

/* Synthetic pairs of signatures: every pair libfuzzy scores > 0 shares a key. */
static void
test_ssdeep_keys_exact_synthetic(void)
{
	int			iter,
				scored = 0,
				missed = 0,
				shared_zero = 0;

	for (iter = 0; iter < 60000; iter++)
	{
		char		a1[80],
					a2[80],
					b1[80],
					b2[80],
					ha[200],
					hb[200];
		int64_t		ka[AD_SSDEEP_KEYS_MAX],
					kb[AD_SSDEEP_KEYS_MAX],
					kc[AD_SSDEEP_KEYS_MAX];
		static const int mins[] = {1, 1, 1, 20, 40, 60, 80, 100};
		int			min_score = mins[rng() % 8];
		int			na,
					nb,
					nc,
					score,
					alphabet = (int) (2 + rng() % 63);
		uint64_t	bs = UINT64_C(3) << (rng() % 8);
		int			shift = (int) (rng() % 3);

		random_part(a1, 1 + rng() % 64, alphabet);
		random_part(a2, rng() % 33, alphabet);
		if (rng() % 4 == 0)
			a1[rng() % 8] = '\0';	/* short parts */
		if (shift == 0)
		{
			/* equal block sizes: edit both parts */
			mutate_part(a1, b1, (int) (rng() % 12));
			mutate_part(a2, b2, (int) (rng() % 12));
			snprintf(hb, sizeof(hb), "%llu:%s:%s", (unsigned long long) bs, b1, b2);
		}
		else if (shift == 1)
		{
			/* b at twice the block size: b's part1 is compared with a's part2 */
			mutate_part(a2, b1, (int) (rng() % 8));
			random_part(b2, rng() % 20, alphabet);
			snprintf(hb, sizeof(hb), "%llu:%s:%s", (unsigned long long) (bs * 2), b1, b2);
		}
		else
		{
			/* b at half the block size (when there is one): b's part2 against a's part1 */
			random_part(b1, 1 + rng() % 64, alphabet);
			mutate_part(a1, b2, (int) (rng() % 8));
			snprintf(hb, sizeof(hb), "%llu:%s:%s",
					 (unsigned long long) (bs > 3 ? bs / 2 : bs), b1, b2);
		}
		snprintf(ha, sizeof(ha), "%llu:%s:%s", (unsigned long long) bs, a1, a2);
		if (ad_fuzzy_compare(ha, strlen(ha), hb, strlen(hb), &score) != AD_OK ||
			ad_ssdeep_keys(ha, strlen(ha), 1, ka, &na) != AD_OK ||
			ad_ssdeep_keys(hb, strlen(hb), min_score, kb, &nb) != AD_OK ||
			ad_ssdeep_keys(ha, strlen(ha), min_score, kc, &nc) != AD_OK)
		{
			missed++;
			fprintf(stderr, "keys: unexpected status for %s / %s\n", ha, hb);
			continue;
		}
		/* Index keys (min 1) against query keys, and query keys on both sides. */
		if (score >= min_score)
		{
			scored++;
			if (!keys_intersect(ka, na, kb, nb) || !keys_intersect(kc, nc, kb, nb))
			{
				missed++;
				fprintf(stderr, "keys: missed pair %s / %s (score %d, min %d)\n",
						ha, hb, score, min_score);
			}
		}
		else if (keys_intersect(ka, na, kb, nb))
			shared_zero++;
	}
	printf("ssdeep keys: %d synthetic pairs scored >= the threshold, %d missed, %d candidates below\n",
		   scored, missed, shared_zero);
	CHECK(scored >= 10000);
	CHECK(missed == 0);
}

/* Real signatures of edited texts, including identical ones with short parts. */
static void
test_ssdeep_keys_exact_real(void)
{
	enum
	{
		NDOC = 300
	};
	static char sigs[NDOC][AD_SSDEEP_MAX];
	static int64_t keys[NDOC][AD_SSDEEP_KEYS_MAX];
	static int	nkeys[NDOC];
	char		text[4096];
	int			i,
				j,
				scored = 0,
				missed = 0;

	size_t		len = 0;

	for (i = 0; i < NDOC; i++)
	{
		size_t		k;

		if (i % 4 == 0)
			len = (i % 3 == 0) ? 20 + rng() % 200 : 500 + rng() % 3000;
		if (i % 4 == 0)
			for (k = 0; k < len; k++)
				text[k] = (char) ('a' + rng() % 8);
		else
		{
			/* an edited copy of an earlier text */
			for (k = 0; k < len; k++)
				if (rng() % 400 == 0)
					text[k] = (char) ('a' + rng() % 8);
		}
		CHECK(ad_fuzzy_hash((unsigned char *) text, len, sigs[i]) == AD_OK);
		CHECK(ad_ssdeep_keys(sigs[i], strlen(sigs[i]), 1, keys[i], &nkeys[i]) == AD_OK);
		CHECK(nkeys[i] >= 1 && nkeys[i] <= AD_SSDEEP_KEYS_MAX);
	}
	for (i = 0; i < NDOC; i++)
		for (j = 0; j <= i; j++)
		{
			int			s = fuzzy_compare(sigs[i], sigs[j]);

			if (s > 0)
			{
				scored++;
				if (!keys_intersect(keys[i], nkeys[i], keys[j], nkeys[j]))
				{
					missed++;
					fprintf(stderr, "keys: missed %s / %s (%d)\n", sigs[i], sigs[j], s);
				}
			}
		}
	printf("ssdeep keys: %d real pairs scored > 0, %d missed\n", scored, missed);
	CHECK(scored > NDOC);
	CHECK(missed == 0);
}

/* Entries of a probe a row's keys match, by part; whether the probe lets the row through. */
static int
probe_passes(const ad_ssdeep_probe *p, const int64_t *row, int nrow, int *shares)
{
	int			i = 0,
				j = 0,
				exact = 0,
				h1 = 0,
				h2 = 0;

	while (i < p->nkeys && j < nrow)
	{
		if (p->keys[i] == row[j])
		{
			exact |= (p->parts[i] & AD_PROBE_EXACT) != 0;
			h1 += (p->parts[i] & AD_PROBE_PART1) != 0;
			h2 += (p->parts[i] & AD_PROBE_PART2) != 0;
			i++;
			j++;
		}
		else if (p->keys[i] < row[j])
			i++;
		else
			j++;
	}
	*shares = exact || h1 || h2;
	return ad_ssdeep_probe_passes(p, exact, h1, h2);
}

/* Count filter totals over a set of pairs. */
typedef struct filter_tally
{
	long		scored;			/* pairs at or above the threshold */
	long		missed;			/* of those, dropped by the filter: must stay 0 */
	long		shared;			/* pairs sharing a key below the threshold */
	long		dropped;		/* of those, dropped by the filter */
	long		reach_scored;	/* pairs at or above the threshold seen by the clustering filter */
	long		reach_missed;	/* of those, judged below it: must stay 0 */
	long		reach_below;	/* pairs below the threshold */
	long		reach_dropped;	/* of those, judged below it */
} filter_tally;

/*
 * The clustering's score filter (ad_ssdeep_may_reach) on one pair at one
 * threshold, both ways: it may pass a pair below the threshold, never drop one
 * at or above it.
 */
static void
check_reach(const char *ha, const char *hb, int score, int threshold, filter_tally *t)
{
	unsigned char ca[AD_SSDEEP_CUT_MAX],
				cb[AD_SSDEEP_CUT_MAX];
	ad_ssdeep_reach r;
	int			ab,
				ba;

	if (ad_ssdeep_cut(ha, strlen(ha), ca) == 0 || ad_ssdeep_cut(hb, strlen(hb), cb) == 0)
	{
		t->reach_missed++;
		fprintf(stderr, "reach: cannot pack %s / %s\n", ha, hb);
		return;
	}
	ad_ssdeep_reach_load(&r, ca, threshold);
	ab = ad_ssdeep_may_reach(&r, cb);
	ad_ssdeep_reach_load(&r, cb, threshold);
	ba = ad_ssdeep_may_reach(&r, ca);
	if (score >= threshold)
	{
		t->reach_scored++;
		if (!ab || !ba)
		{
			t->reach_missed++;
			fprintf(stderr, "reach: dropped %s / %s (score %d, threshold %d)\n",
					ha, hb, score, threshold);
		}
	}
	else
	{
		t->reach_below++;
		t->reach_dropped += !ab;
	}
}

/*
 * One probe against one row at every threshold and key format: a pair the
 * count filter drops must score below the threshold.
 */
static void
check_count_filter(const char *ha, const char *hb, filter_tally *t)
{
	static const int thresholds[] = {1, 40, 60, 80, 86, 90, 93, 95, 97, 99, 100};
	static const int bitss[] = {0, 12, 24};
	int			score,
				ti,
				bi;

	if (ad_fuzzy_compare(ha, strlen(ha), hb, strlen(hb), &score) != AD_OK)
	{
		t->missed++;
		return;
	}
	for (ti = 0; ti < (int) (sizeof(thresholds) / sizeof(thresholds[0])); ti++)
		check_reach(ha, hb, score, thresholds[ti], t);
	for (bi = 0; bi < 3; bi++)
	{
		int64_t		row[AD_SSDEEP_KEYS_MAX];
		int			nrow;
		ad_status	st = bitss[bi] == 0 ? ad_ssdeep_keys(hb, strlen(hb), 1, row, &nrow)
			: ad_ssdeep_index_keys(hb, strlen(hb), 1, bitss[bi], row, &nrow);

		if (st != AD_OK)
		{
			t->missed++;
			continue;
		}
		for (ti = 0; ti < (int) (sizeof(thresholds) / sizeof(thresholds[0])); ti++)
		{
			ad_ssdeep_probe p;
			int			shares,
						pass;

			if (ad_ssdeep_probe_keys(ha, strlen(ha), thresholds[ti], bitss[bi], &p) != AD_OK)
			{
				t->missed++;
				continue;
			}
			pass = probe_passes(&p, row, nrow, &shares);
			if (score >= thresholds[ti])
			{
				t->scored++;
				if (!pass)
				{
					t->missed++;
					fprintf(stderr, "count filter: dropped %s / %s (score %d, threshold %d, bits %d)\n",
							ha, hb, score, thresholds[ti], bitss[bi]);
				}
			}
			else if (shares)
			{
				t->shared++;
				t->dropped += !pass;
			}
		}
	}
}

/* Common 7-character windows of a (positions whose window occurs in b). */
static int
common_windows(const char *a, const char *b)
{
	size_t		i,
				m = strlen(a),
				n = strlen(b),
				j;
	int			w = 0;

	for (i = 0; i + 7 <= m; i++)
		for (j = 0; j + 7 <= n; j++)
			if (memcmp(a + i, b + j, 7) == 0)
			{
				w++;
				break;
			}
	return w;
}

/* A part with an edit every k characters: replace, delete or insert (op), starting at off. */
static void
every_kth(const char *src, char *dst, int k, int op, int off)
{
	size_t		i,
				o = 0,
				len = strlen(src);

	for (i = 0; i < len && o < AD_SSDEEP_PART_MAX; i++)
	{
		int			hit = (int) ((i + (size_t) off) % (size_t) k) == 0;

		if (hit && op == 0)
			dst[o++] = src[i] == 'Z' ? 'Y' : 'Z';
		else if (hit && op == 1)
			continue;
		else
		{
			if (hit && op == 2 && o + 1 < AD_SSDEEP_PART_MAX)
				dst[o++] = '+';
			dst[o++] = src[i];
		}
	}
	dst[o] = '\0';
}

/*
 * The count filter never drops a pair that scores the threshold: random
 * and adversarial signature pairs (an edit every k characters, the pairs
 * that score high while sharing few runs), near-threshold pairs, and real
 * text (the bundled sample) with edited copies, at thresholds 1..100 and
 * every key format; the bound on common windows holds against a direct
 * count.  Below the threshold it drops pairs that share keys (high
 * thresholds only).
 */
static void
test_ssdeep_count_filter(const char *datadir)
{
	filter_tally t = {0, 0, 0, 0, 0, 0, 0, 0};
	char		path[512];
	char	   *buf;
	size_t		len;
	int			iter,
				bound_fail = 0,
				bound_checked = 0;

	for (iter = 0; iter < 4000; iter++)
	{
		char		a1[80],
					a2[80],
					b1[80],
					b2[80],
					ha[200],
					hb[200];
		uint64_t	bs = UINT64_C(3) << (rng() % 8);
		int			alphabet = (int) (8 + rng() % 57),
					kind = (int) (rng() % 4),
					score;

		random_part(a1, 7 + rng() % 58, alphabet);
		random_part(a2, 7 + rng() % 26, alphabet);
		if (kind == 0)
		{
			every_kth(a1, b1, (int) (3 + rng() % 12), (int) (rng() % 3), (int) (rng() % 7));
			every_kth(a2, b2, (int) (3 + rng() % 12), (int) (rng() % 3), (int) (rng() % 7));
		}
		else if (kind == 1)
		{
			mutate_part(a1, b1, (int) (rng() % 4));
			mutate_part(a2, b2, (int) (rng() % 4));
		}
		else if (kind == 2)
		{
			mutate_part(a1, b1, (int) (rng() % 24));
			strcpy(b2, a2);
		}
		else
		{
			/* a run shared with an unrelated part */
			random_part(b1, 7 + rng() % 58, alphabet);
			memcpy(b1 + rng() % (strlen(b1) - 6), a1 + rng() % (strlen(a1) - 6), 7);
			random_part(b2, rng() % 30, alphabet);
		}
		snprintf(ha, sizeof(ha), "%llu:%s:%s", (unsigned long long) bs, a1, a2);
		snprintf(hb, sizeof(hb), "%llu:%s:%s", (unsigned long long) bs, b1, b2);
		check_count_filter(ha, hb, &t);
		check_count_filter(hb, ha, &t);
		/* Part 1 against part 2 at twice the block size. */
		snprintf(hb, sizeof(hb), "%llu:%s:%s", (unsigned long long) bs * 2, b2[0] ? b2 : "A", b1);
		snprintf(ha, sizeof(ha), "%llu:%s:%s", (unsigned long long) bs, b1, a2);
		check_count_filter(ha, hb, &t);
		check_count_filter(hb, ha, &t);
		/* The window bound itself, on parts without runs of 4 (libfuzzy would cut them). */
		snprintf(ha, sizeof(ha), "%llu:%s:", (unsigned long long) bs, a1);
		snprintf(hb, sizeof(hb), "%llu:%s:", (unsigned long long) bs, b1);
		if (strlen(b1) >= 7 && ad_fuzzy_compare(ha, strlen(ha), hb, strlen(hb), &score) == AD_OK &&
			score > 0)
		{
			int			need = ad_ssdeep_min_shared_windows((int) strlen(a1), (int) strlen(b1),
															 score, bs);
			size_t		r;
			int			runs = 0;

			for (r = 3; r < strlen(a1); r++)
				runs |= a1[r] == a1[r - 1] && a1[r] == a1[r - 2] && a1[r] == a1[r - 3];
			for (r = 3; r < strlen(b1); r++)
				runs |= b1[r] == b1[r - 1] && b1[r] == b1[r - 2] && b1[r] == b1[r - 3];
			/* Identical parts score 100 whatever the cap (the exact key covers them). */
			if (!runs && strcmp(a1, b1) != 0)
			{
				bound_checked++;
				if (need == 0 || common_windows(a1, b1) < need)
				{
					bound_fail++;
					fprintf(stderr, "window bound: %s / %s score %d needs %d, has %d\n",
							ha, hb, score, need, common_windows(a1, b1));
				}
			}
		}
	}
	/* Real text: bundled sample paragraphs and copies with words changed or dropped. */
	snprintf(path, sizeof(path), "%s/../../data/sample/factbook_background.tsv", datadir);
	buf = unit_read_file(path, &len);
	CHECK(buf != NULL);
	if (buf != NULL)
	{
		enum
		{
			NREAL = 240
		};
		static char sigs[NREAL][AD_SSDEEP_MAX];
		char	   *line = strchr(buf, '\n');
		int			n = 0,
					i,
					j;

		while (line != NULL && n < NREAL)
		{
			char	   *end = strchr(line + 1, '\n'),
						text[8192];
			size_t		tl = end ? (size_t) (end - line - 1) : strlen(line + 1),
						k,
						o = 0;
			int			rate = 2 + (int) (rng() % 60);

			if (tl > sizeof(text) - 1)
				tl = sizeof(text) - 1;
			/* the paragraph, then an edited copy: every rate-th word changed or dropped */
			CHECK(ad_fuzzy_hash((unsigned char *) line + 1, tl, sigs[n]) == AD_OK);
			n++;
			for (k = 0; k < tl; k++)
			{
				text[o++] = line[1 + k];
				if (line[1 + k] == ' ' && rng() % (uint64_t) rate == 0)
				{
					while (k + 1 < tl && line[2 + k] != ' ')
						k++;
					if (rng() % 2)
						text[o++] = 'x';
				}
			}
			CHECK(ad_fuzzy_hash((unsigned char *) text, o, sigs[n]) == AD_OK);
			n++;
			line = end;
		}
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (i != j && (j == (i ^ 1) || rng() % 16 == 0))
					check_count_filter(sigs[i], sigs[j], &t);
		free(buf);
	}
	printf("ssdeep count filter: %ld pairs at or above the threshold, %ld dropped; "
		   "%ld below sharing a key, %ld of them dropped; window bound checked on %d pairs\n",
		   t.scored, t.missed, t.shared, t.dropped, bound_checked);
	CHECK(t.scored >= 50000);
	CHECK(t.missed == 0);
	CHECK(t.dropped > 0);
	CHECK(bound_checked >= 1000);
	CHECK(bound_fail == 0);
	printf("ssdeep score filter: %ld pairs at or above the threshold, %ld dropped; "
		   "%ld below, %ld of them dropped\n",
		   t.reach_scored, t.reach_missed, t.reach_below, t.reach_dropped);
	CHECK(t.reach_scored >= 50000);
	CHECK(t.reach_missed == 0);
	CHECK(t.reach_dropped > t.reach_below / 2);
}

/* Leaves scoring 0 that their 32-bit keys filter out. */
static long knn_leaf_filtered = 0;

/* One probe against one subtree of rows: the bound covers every row's true score. */
static void
check_knn_bound(const char *probe, char (*rows)[AD_SSDEEP_MAX], int nrows, int nbytes,
				long *checked, long *failed, long *pruned)
{
	ad_ssdeep_knn q;
	unsigned char bits[AD_SSDEEP_SIG_BYTES_MAX];
	uint64_t	levels = 0;
	int			i,
				best = 0,
				bound;

	if (ad_ssdeep_knn_init(probe, strlen(probe), nbytes, &q) != AD_OK)
	{
		(*failed)++;
		return;
	}
	memset(bits, 0, (size_t) nbytes);
	for (i = 0; i < nrows; i++)
	{
		int			score;
		unsigned char one[AD_SSDEEP_SIG_BYTES_MAX];
		uint64_t	lv = 0;

		memset(one, 0, (size_t) nbytes);
		if (ad_ssdeep_sig(rows[i], strlen(rows[i]), one, nbytes, &lv) != AD_OK ||
			ad_ssdeep_sig(rows[i], strlen(rows[i]), bits, nbytes, &levels) != AD_OK ||
			ad_fuzzy_compare(probe, strlen(probe), rows[i], strlen(rows[i]), &score) != AD_OK)
		{
			(*failed)++;
			continue;
		}
		/* the leaf's own keys (32-bit) pass the probe's filter at 1 whenever it scores */
		{
			int64_t		k64[AD_SSDEEP_KEYS_MAX];
			uint32_t	k32[AD_SSDEEP_KEYS_MAX];
			int			nk,
						x;
			ad_ssdeep_probe p1;

			if (ad_ssdeep_index_keys(rows[i], strlen(rows[i]), 1, 32, k64, &nk) != AD_OK ||
				ad_ssdeep_probe_keys(probe, strlen(probe), 1, 32, &p1) != AD_OK)
				(*failed)++;
			else
			{
				for (x = 0; x < nk; x++)
					k32[x] = (uint32_t) k64[x];
				if (score > 0 && !ad_ssdeep_probe_match32(&p1, k32, nk))
				{
					(*failed)++;
					fprintf(stderr, "leaf keys: %s / %s scores %d, filtered out\n",
							probe, rows[i], score);
				}
				knn_leaf_filtered += score == 0 && !ad_ssdeep_probe_match32(&p1, k32, nk);
			}
		}
		/* the leaf alone */
		bound = ad_ssdeep_knn_max_score(&q, one, lv);
		(*checked)++;
		if (bound < score)
		{
			(*failed)++;
			fprintf(stderr, "knn bound: %s / %s scores %d, bound %d (%d bytes)\n",
					probe, rows[i], score, bound, nbytes);
		}
		*pruned += bound < 100;
		if (score > best)
			best = score;
	}
	/* the subtree: the OR of its rows */
	bound = ad_ssdeep_knn_max_score(&q, bits, levels);
	(*checked)++;
	if (bound < best)
	{
		(*failed)++;
		fprintf(stderr, "knn bound: probe %s, subtree of %d rows best %d, bound %d (%d bytes)\n",
				probe, nrows, best, bound, nbytes);
	}
}

/*
 * The signature-tree bound (ad_ssdeep_knn_max_score) never falls below the
 * score of any row under a node: real text (the bundled sample) with edited
 * copies, edited copies of random text, and parts shifted to twice the block
 * size, as leaves and as subtrees of 2..16 rows, at several bitmap sizes.
 * It is not trivial: many leaves and some subtrees get a bound below 100,
 * and unrelated rows get 0.
 */
static void
test_ssdeep_knn_bound(const char *datadir)
{
	enum
	{
		NSIG = 600
	};
	static char sigs[NSIG][AD_SSDEEP_MAX];
	static const int sizes[] = {8, 64, 256};
	char		path[512];
	char	   *buf;
	size_t		len;
	int			n = 0,
				i,
				si;
	long		checked = 0,
				failed = 0,
				pruned = 0,
				zero = 0,
				positive = 0,
				tight = 0;
	ad_ssdeep_knn q;
	unsigned char bits[AD_SSDEEP_SIG_BYTES_MAX];
	uint64_t	lv = 0;

	snprintf(path, sizeof(path), "%s/../../data/sample/factbook_background.tsv", datadir);
	buf = unit_read_file(path, &len);
	CHECK(buf != NULL);
	if (buf != NULL)
	{
		char	   *line = strchr(buf, '\n');

		while (line != NULL && n < NSIG / 2)
		{
			char	   *end = strchr(line + 1, '\n'),
						text[8192];
			size_t		tl = end ? (size_t) (end - line - 1) : strlen(line + 1),
						k,
						o = 0;
			int			rate = 2 + (int) (rng() % 40);

			if (tl > sizeof(text) - 1)
				tl = sizeof(text) - 1;
			CHECK(ad_fuzzy_hash((unsigned char *) line + 1, tl, sigs[n++]) == AD_OK);
			/* an edited copy: words changed or dropped, sometimes the text cut short */
			for (k = 0; k < tl; k++)
			{
				text[o++] = line[1 + k];
				if (line[1 + k] == ' ' && rng() % (uint64_t) rate == 0)
				{
					while (k + 1 < tl && line[2 + k] != ' ')
						k++;
					if (rng() % 2)
						text[o++] = 'x';
				}
			}
			if (rng() % 4 == 0)
				o = o * 2 / 3;
			CHECK(ad_fuzzy_hash((unsigned char *) text, o, sigs[n++]) == AD_OK);
			line = end;
		}
		free(buf);
	}
	while (n + 2 <= NSIG)
	{
		char		a1[80],
					a2[80],
					b1[80];
		uint64_t	bs = UINT64_C(3) << (rng() % 8);

		random_part(a1, 7 + rng() % 58, 8 + (int) (rng() % 57));
		random_part(a2, 7 + rng() % 26, 8 + (int) (rng() % 57));
		mutate_part(a1, b1, (int) (rng() % 12));
		snprintf(sigs[n++], AD_SSDEEP_MAX, "%llu:%.64s:%.64s", (unsigned long long) bs, a1, a2);
		/* an edited copy, or its part 1 as part 2 at half the block size */
		if (rng() % 2)
			snprintf(sigs[n++], AD_SSDEEP_MAX, "%llu:%.64s:%.64s", (unsigned long long) bs, b1, a2);
		else
			snprintf(sigs[n++], AD_SSDEEP_MAX, "%llu:%.64s:%.64s",
					 (unsigned long long) (bs > 3 ? bs / 2 : 3), a2, b1);
	}
	for (si = 0; si < 3; si++)
		for (i = 0; i < n; i++)
		{
			int			start = (int) (rng() % (uint64_t) n),
						size = 2 + (int) (rng() % 15);

			/* the probe against its pair, against itself and against a random subtree */
			check_knn_bound(sigs[i], &sigs[i ^ 1], 1, sizes[si], &checked, &failed, &pruned);
			check_knn_bound(sigs[i], &sigs[i], 1, sizes[si], &checked, &failed, &pruned);
			if (start + size > n)
				start = n - size;
			check_knn_bound(sigs[i], &sigs[start], size, sizes[si], &checked, &failed, &pruned);
		}
	/* How tight: pairs scoring 0 bounded at 0, pairs scoring > 0 bounded below 100. */
	for (i = 0; i < n; i++)
	{
		int			j = (int) (rng() % (uint64_t) n),
					score,
					bound;

		CHECK(ad_ssdeep_knn_init(sigs[i], strlen(sigs[i]), 256, &q) == AD_OK);
		memset(bits, 0, 256);
		lv = 0;
		CHECK(ad_ssdeep_sig(sigs[j], strlen(sigs[j]), bits, 256, &lv) == AD_OK);
		CHECK(ad_fuzzy_compare(sigs[i], strlen(sigs[i]), sigs[j], strlen(sigs[j]), &score) == AD_OK);
		bound = ad_ssdeep_knn_max_score(&q, bits, lv);
		zero += score == 0 && bound == 0;
		positive += score > 0 && score < 100;
		tight += score > 0 && bound < 100;
	}
	printf("ssdeep knn bound: %ld leaves and subtrees checked, %ld bounded below 100; "
		   "random pairs: %ld scoring 0 bounded at 0; %ld leaves scoring 0 filtered by their keys\n",
		   checked, pruned, zero, knn_leaf_filtered);
	CHECK(checked >= 5000);
	CHECK(failed == 0);
	CHECK(pruned >= checked / 4);
	CHECK(zero >= n / 2);
	CHECK(knn_leaf_filtered >= n);
	(void) positive;
	(void) tight;
	/* A probe shares every bit with itself: 100 only through the exact key. */
	CHECK(ad_ssdeep_knn_init("3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", 40, 64, &q) == AD_OK);
	memset(bits, 0, 64);
	lv = 0;
	CHECK(ad_ssdeep_sig("3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C", 40, bits, 64, &lv) == AD_OK);
	CHECK(ad_ssdeep_knn_max_score(&q, bits, lv) == 100);
	/* another block size far away: 0 whatever the bits */
	memset(bits, 0xff, 64);
	CHECK(ad_ssdeep_knn_max_score(&q, bits, UINT64_C(1) << 5) == 0);
	CHECK(ad_ssdeep_knn_max_score(&q, bits, UINT64_C(1) << 0) == 100);
	CHECK(ad_ssdeep_knn_max_score(&q, bits, UINT64_C(1) << 1) < 100);
	CHECK(ad_ssdeep_knn_init("3:AXGB:AXGH", 11, 7, &q) == AD_ESIG_BYTES);
	CHECK(ad_ssdeep_knn_init("3:AXGB:AXGH", 11, 2025, &q) == AD_ESIG_BYTES);
	CHECK(ad_ssdeep_knn_init("4:AXGB:AXGH", 11, 64, &q) == AD_ESSDEEP_BLOCKSIZE);
	CHECK(ad_ssdeep_sig("3:AXGB", 6, bits, 64, &lv) == AD_ESSDEEP_FORMAT);
}

static void
test_ssdeep_keys_basic(void)
{
	int64_t		k1[AD_SSDEEP_KEYS_MAX],
				k2[AD_SSDEEP_KEYS_MAX];
	int			n1,
				n2,
				i;

	/* Short parts: one exact key, equal for signatures equal after run cutting. */
	CHECK(ad_ssdeep_keys("3:AAAAAb:c", 10, 1, k1, &n1) == AD_OK && n1 == 1);
	CHECK(ad_ssdeep_keys("3:AAAb:c", 8, 1, k2, &n2) == AD_OK && n2 == 1);
	CHECK(k1[0] == k2[0]);
	CHECK(fuzzy_compare("3:AAAAAb:c", "3:AAAb:c") == 100);
	CHECK(ad_ssdeep_keys("6:AAAb:c", 8, 1, k2, &n2) == AD_OK && n2 == 1 && k1[0] != k2[0]);
	/* Keys are sorted and distinct. */
	CHECK(ad_ssdeep_keys("96:abcdefghabcdefghabcdefgh:zyxwvutsrq", 37, 1, k1, &n1) == AD_OK);
	CHECK(n1 >= 3);
	for (i = 1; i < n1; i++)
		CHECK(k1[i - 1] < k1[i]);
	/* A 20-character part at block size 3 scores at most 20: no gram keys for 60. */
	CHECK(ad_ssdeep_keys("3:abcdefghijklmnopqrst:", 23, 1, k1, &n1) == AD_OK && n1 > 1);
	CHECK(ad_ssdeep_keys("3:abcdefghijklmnopqrst:", 23, 60, k1, &n1) == AD_OK && n1 == 1);
	/* Malformed signatures are a status. */
	CHECK(ad_ssdeep_keys("5:abc:def", 9, 1, k1, &n1) == AD_ESSDEEP_BLOCKSIZE);
	CHECK(ad_ssdeep_keys("x", 1, 1, k1, &n1) == AD_ESSDEEP_FORMAT);
}

/* Text of words "w<base+i>" for i in [0, n); unique words make every bigram distinct. */
static size_t
word_text(char *buf, int base, int n)
{
	size_t		len = 0;
	int			i;

	for (i = 0; i < n; i++)
		len += (size_t) sprintf(buf + len, "%sw%d", i ? " " : "", base + i);
	return len;
}

/*
 * Pairs of known Jaccard: A = common words C then a words of its own, B = C
 * then b others.  Bigram shingles: |A| = c+a-1, |B| = c+b-1, |A and B| = c-1.
 */
static void
test_minhash_accuracy(void)
{
	static char ta[65536],
				tb[65536];
	unsigned char sa[AD_MINHASH_BYTES],
				sb[AD_MINHASH_BYTES];
	int			i,
				npairs = 0,
				found = 0,
				above = 0;
	double		sum_err = 0,
				max_err = 0;

	for (i = 0; i < 3000; i++)
	{
		int			c = 2 + (int) (rng() % 300),
					a = (int) (rng() % 300),
					b = (int) (rng() % 300);
		double		j = (double) (c - 1) / (c + a + b - 1),
					est,
					err;
		size_t		la,
					lb;
		int64_t		ka[AD_MINHASH_BANDS],
					kb[AD_MINHASH_BANDS];
		int			k,
					shared = 0;

		la = word_text(ta, 0, c);
		la += (size_t) sprintf(ta + la, " ");
		la += word_text(ta + la, 100000, a);
		lb = word_text(tb, 0, c);
		lb += (size_t) sprintf(tb + lb, " ");
		lb += word_text(tb + lb, 200000, b);
		if (a == 0)
			ta[--la] = '\0';
		if (b == 0)
			tb[--lb] = '\0';
		CHECK(ad_minhash(ta, la, sa) == AD_OK && ad_minhash(tb, lb, sb) == AD_OK);
		CHECK(ad_minhash_similarity(sa, sizeof(sa), sb, sizeof(sb), &est) == AD_OK);
		err = est > j ? est - j : j - est;
		sum_err += err;
		if (err > max_err)
			max_err = err;
		npairs++;
		if (j >= AD_MINHASH_THRESHOLD_DEFAULT + 0.05)
		{
			CHECK(ad_minhash_keys(sa, sizeof(sa), ka) == AD_OK &&
				  ad_minhash_keys(sb, sizeof(sb), kb) == AD_OK);
			for (k = 0; k < AD_MINHASH_BANDS; k++)
				shared |= ka[k] == kb[k];
			above++;
			found += shared && est >= AD_MINHASH_THRESHOLD_DEFAULT;
		}
	}
	printf("minhash: %d pairs, mean |error| %.4f, max |error| %.4f; "
		   "recall at J >= threshold + 0.05: %d/%d = %.4f\n",
		   npairs, sum_err / npairs, max_err, found, above, (double) found / above);
	CHECK(sum_err / npairs < 0.04);
	CHECK(max_err < 0.2);
	CHECK(above >= 200);
	CHECK((double) found / above >= 0.95);
}

static void
test_minhash_basic(void)
{
	unsigned char s1[AD_MINHASH_BYTES],
				s2[AD_MINHASH_BYTES];
	double		sim = -1;

	/* The normal form is applied first: case, width and spacing do not matter. */
	CHECK(ad_minhash("The Quick  brown fox", 20, s1) == AD_OK);
	CHECK(ad_minhash("the quick brown FOX ", 20, s2) == AD_OK);
	CHECK(memcmp(s1, s2, sizeof(s1)) == 0);
	CHECK(memcmp(s1, "adMH\1\2\200\0", 8) == 0);
	CHECK(ad_minhash_similarity(s1, sizeof(s1), s2, sizeof(s2), &sim) == AD_OK && sim == 1.0);
	/* One word is one shingle; an empty text has no shingles. */
	CHECK(ad_minhash("word", 4, s1) == AD_OK);
	CHECK(ad_minhash("", 0, s2) == AD_OK);
	CHECK(ad_minhash_similarity(s1, sizeof(s1), s2, sizeof(s2), &sim) == AD_OK && sim == 0.0);
	/* Malformed signatures and invalid UTF-8. */
	CHECK(ad_minhash_similarity(s1, sizeof(s1) - 1, s2, sizeof(s2), &sim) == AD_EMINHASH);
	s2[4] = 9;
	CHECK(ad_minhash_check(s2, sizeof(s2)) == AD_EMINHASH);
	CHECK(ad_minhash("\xff", 1, s1) == AD_EUTF8);
}

/* GIN keys: folded into 2^bits values, band-tagged for MinHash, bits checked. */
static void
test_index_keys(void)
{
	static const char sig[] = "96:abcdefghabcdefghabcdefghzyxwvutsrqponm:zyxwvutsrqABCDEFGH";
	int64_t		k[AD_SSDEEP_KEYS_MAX],
				f[AD_SSDEEP_KEYS_MAX],
				mk[AD_MINHASH_BANDS];
	unsigned char m[AD_MINHASH_BYTES];
	int			n,
				nf,
				bits,
				i;

	CHECK(ad_ssdeep_keys(sig, sizeof(sig) - 1, 1, k, &n) == AD_OK && n > 10);
	CHECK(ad_minhash("one two three four five six seven", 33, m) == AD_OK);
	for (bits = AD_INDEX_BITS_MIN; bits <= AD_INDEX_BITS_MAX; bits += 12)
	{
		CHECK(ad_ssdeep_index_keys(sig, sizeof(sig) - 1, 1, bits, f, &nf) == AD_OK);
		CHECK(nf >= 1 && nf <= n);
		for (i = 0; i < nf; i++)
			CHECK(f[i] >= 0 && f[i] < (INT64_C(1) << bits) && (i == 0 || f[i - 1] < f[i]));
		CHECK(ad_minhash_index_keys(m, sizeof(m), bits, mk) == AD_OK);
		for (i = 0; i < AD_MINHASH_BANDS; i++)
			CHECK(mk[i] >= 0 && mk[i] < (INT64_C(1) << bits) && mk[i] >> (bits - 5) == i);
	}
	/* Nearly no merging at 48 bits. */
	CHECK(ad_ssdeep_index_keys(sig, sizeof(sig) - 1, 1, 48, f, &nf) == AD_OK && nf == n);
	CHECK(ad_ssdeep_index_keys(sig, sizeof(sig) - 1, 1, AD_INDEX_BITS_MIN - 1, f, &nf) == AD_EINDEX_BITS);
	CHECK(ad_minhash_index_keys(m, sizeof(m), AD_INDEX_BITS_MAX + 1, mk) == AD_EINDEX_BITS);
	CHECK(ad_minhash_index_keys(m, sizeof(m) - 1, 24, mk) == AD_EMINHASH);
}

/* Known answer: the first minima of a fixed text (signatures are stored: they must not change). */
static void
test_minhash_known(void)
{
	static const char text[] = "the quick brown fox jumps over the lazy dog";
	unsigned char m[AD_MINHASH_BYTES];
	char		hex[2 * 16 + 1];
	int			i;

	CHECK(ad_minhash(text, sizeof(text) - 1, m) == AD_OK);
	for (i = 0; i < 16; i++)
		sprintf(hex + 2 * i, "%02x", m[AD_MINHASH_HEADER + i]);
	CHECK_STR(hex, "d287d71a616091050aaa072a15739a22");
}

static int
cancel_always(void *arg)
{
	(void) arg;
	return 1;
}

/* Add a row with a numeric id. */
static void
add_row(ad_cluster *c, int id, const char *text, const char *src)
{
	char		ids[32];
	int			n = snprintf(ids, sizeof(ids), "%d", id);

	CHECK(ad_cluster_add(c, ids, (size_t) n, text, strlen(text), src,
						 src ? strlen(src) : 0) == AD_OK);
}

static void
test_cluster_small(void)
{
	static char doc[3000],
				doc2[3000];
	ad_cluster *c;
	ad_cluster_row r;
	size_t		i;
	int			seen_text = 0,
				seen_ssdeep = 0,
				seen_minhash = 0;

	for (i = 0; i + 1 < sizeof(doc); i++)
		doc[i] = (char) ((rng() % 7 == 0) ? ' ' : 'a' + rng() % 26);
	doc[sizeof(doc) - 1] = '\0';
	memcpy(doc2, doc, sizeof(doc));
	memcpy(doc2 + 1500, "INSERTED SENTENCE", 17);

	CHECK(ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT, &c) == AD_OK);
	add_row(c, 1, "Great blender, works perfectly, arrived in two days. Five stars!", "a");
	add_row(c, 2, "great  BLENDER, works perfectly, arrived in two days. Five stars!", "b");
	add_row(c, 3, "Terrible service and the box was damaged.", "a");
	add_row(c, 4, doc, "c");
	add_row(c, 5, doc2, "d");
	add_row(c, 6, "I love this toaster from Acme, it works perfectly and arrived in two days, five stars and highly recommended to everyone", "e");
	add_row(c, 7, "I love this kettle from Bolt, it works perfectly and arrived in two days, five stars and highly recommended to everyone", "f");
	add_row(c, 8, "Great blender, works perfectly, arrived in two days. Five stars!", "a");
	CHECK(ad_cluster_run(c, NULL, NULL) == AD_OK);
	CHECK(ad_cluster_nresults(c) == 7);
	for (i = 0; i < ad_cluster_nresults(c); i++)
	{
		ad_cluster_result(c, i, &r);
		CHECK(strncmp(r.id, "3", r.idlen) != 0);
		if (r.id[0] == '1' || r.id[0] == '2' || r.id[0] == '8')
		{
			CHECK(r.cluster_id == 1 && r.cluster_size == 3 && r.distinct_sources == 2);
			CHECK(r.replen == 1 && r.representative[0] == '1');
			seen_text += r.method == AD_METHOD_TEXT;
		}
		if (r.id[0] == '4' || r.id[0] == '5')
		{
			CHECK(r.cluster_id == 2 && r.cluster_size == 2 && r.distinct_sources == 2);
			CHECK(r.replen == 1 && r.representative[0] == '4');
			seen_ssdeep += r.method == AD_METHOD_SSDEEP;
		}
		if (r.id[0] == '6' || r.id[0] == '7')
		{
			CHECK(r.cluster_id == 3 && r.cluster_size == 2);
			CHECK(r.replen == 1 && r.representative[0] == '6');
			seen_minhash += r.method == AD_METHOD_MINHASH;
		}
	}
	if (!(seen_text == 3 && seen_ssdeep == 2 && seen_minhash == 2))
		fprintf(stderr, "methods: text %d ssdeep %d minhash %d\n", seen_text, seen_ssdeep, seen_minhash);
	CHECK(seen_text == 3 && seen_ssdeep == 2 && seen_minhash == 2);
	ad_cluster_free(c);

	/* Cancelled runs stop with a status. */
	CHECK(ad_cluster_new(60, 0.5, &c) == AD_OK);
	for (i = 0; i < 5000; i++)
	{
		snprintf(doc, sizeof(doc), "text number %d", (int) i);
		add_row(c, (int) i, doc, NULL);
	}
	CHECK(ad_cluster_run(c, cancel_always, NULL) == AD_ECANCELED);
	ad_cluster_free(c);
}

/* Floods: 100,000 identical texts and 20,000 slot-filled templates stay fast. */
static void
test_cluster_floods(void)
{
	ad_cluster *c;
	ad_cluster_row r;
	clock_t		t0 = clock();
	char		text[256];
	int			i;
	double		secs;

	CHECK(ad_cluster_new(60, 0.5, &c) == AD_OK);
	for (i = 0; i < 100000; i++)
		add_row(c, i, "Buy the Acme blender: best price, fast shipping, five stars.", (i % 7) ? "s1" : "s2");
	for (i = 0; i < 20000; i++)
	{
		snprintf(text, sizeof(text),
				 "my honest review of the acme blender model %d: it is the best blender I have owned, "
				 "quiet, strong and easy to clean, and support answered in %d minutes. highly recommended",
				 i, i % 50);
		add_row(c, 100000 + i, text, NULL);
	}
	CHECK(ad_cluster_run(c, NULL, NULL) == AD_OK);
	secs = (double) (clock() - t0) / CLOCKS_PER_SEC;
	printf("cluster: 120,000 rows in floods clustered in %.2f s\n", secs);
	CHECK(ad_cluster_nresults(c) == 120000);
	ad_cluster_result(c, 0, &r);
	CHECK(r.cluster_size == 100000 && r.distinct_sources == 2 && r.method == AD_METHOD_TEXT);
	ad_cluster_result(c, 100000, &r);
	CHECK(r.cluster_size == 20000 && r.distinct_sources == -1);
	/* the identical flood's representative is its smallest id, "0", the first by bytes */
	CHECK(r.cluster_id == 2 && r.replen == 6 && r.representative[0] == '1');
	{
		ad_cluster_row r0;

		ad_cluster_result(c, 0, &r0);
		CHECK(r0.cluster_id == 1 && r0.replen == 1 && r0.representative[0] == '0');
	}
	ad_cluster_result(c, 119999, &r);
	CHECK(r.cluster_size == 20000);
	ad_cluster_free(c);
}

/* Pairs: copies pair among themselves and with near texts, once each, in id order; the limit. */
static void
test_cluster_pairs(void)
{
	const char *blender = "Buy the Acme blender: best price, fast shipping, five stars, order today.";
	const char *kettle = "Buy the Acme kettle: best price, fast shipping, five stars, order today.";
	ad_cluster *c;
	ad_pairs   *p;
	ad_pair_row r = {0};
	size_t		i;
	int			n,
				text = 0,
				other = 0;

	CHECK(ad_cluster_new(60, 0.5, &c) == AD_OK);
	add_row(c, 9, blender, NULL);
	add_row(c, 10, "buy the ACME blender: best price, fast shipping, five stars, order today.", NULL);
	add_row(c, 2, blender, NULL);
	add_row(c, 3, kettle, NULL);
	add_row(c, 4, "an unrelated sentence about the weather in spring", NULL);
	CHECK(ad_cluster_pairs(c, NULL, NULL, &p) == AD_OK);
	/* three copies of one text (3 pairs) and each of them with the kettle (3 pairs) */
	CHECK(ad_pairs_count(p) == 6);
	for (i = 0; i < ad_pairs_count(p); i++)
	{
		ad_pair_row prev = r;

		ad_pairs_get(p, i, &r);
		CHECK(r.idlen_a <= 2 && r.idlen_b <= 2);
		CHECK(memcmp(r.id_a, r.id_b, 1) <= 0);
		CHECK(r.id_a[0] != '4' && r.id_b[0] != '4');
		if (r.method == AD_METHOD_TEXT)
		{
			text++;
			CHECK(r.ssdeep_score == 100 && r.minhash_similarity == 1.0);
		}
		else
		{
			other++;
			CHECK(r.minhash_similarity >= 0.5 || r.ssdeep_score >= 60);
		}
		if (i > 0)
			CHECK(memcmp(prev.id_a, r.id_a, 1) <= 0);
	}
	CHECK(text == 3 && other == 3);
	ad_pairs_get(p, 0, &r);
	/* by bytes "10" < "2" < "3" < "9" */
	CHECK(r.idlen_a == 2 && memcmp(r.id_a, "10", 2) == 0 && r.idlen_b == 1 && r.id_b[0] == '2');
	ad_pairs_free(p);
	ad_cluster_free(c);

	/* 2,896 copies make 4,193,080 pairs, within the limit; 2,897 make 4,194,856, above it */
	for (n = 2896; n <= 2897; n++)
	{
		int			k;

		CHECK(ad_cluster_new(60, 0.5, &c) == AD_OK);
		for (k = 0; k < n; k++)
			add_row(c, k, "same", NULL);
		if (n == 2897)
			CHECK(ad_cluster_pairs(c, NULL, NULL, &p) == AD_EPAIRS_LIMIT && p == NULL);
		else
		{
			CHECK(ad_cluster_pairs(c, NULL, NULL, &p) == AD_OK);
			CHECK(ad_pairs_count(p) == (size_t) n * (n - 1) / 2);
			ad_pairs_free(p);
		}
		ad_cluster_free(c);
	}
}

/* ---- no chaining, order independence ---- */

static char vocab[3000][10];

static void
make_vocab(void)
{
	int			i,
				j;

	for (i = 0; i < 3000; i++)
	{
		int			len = 3 + (int) (rng() % 7);

		for (j = 0; j < len; j++)
			vocab[i][j] = (char) ('a' + rng() % 26);
		vocab[i][len] = '\0';
	}
}

/* Words w[from..from+n) as a text into buf (at least 11 * n bytes). */
static void
words_text(char *buf, const int *w, int from, int n)
{
	size_t		o = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		size_t		l = strlen(vocab[w[from + i]]);

		memcpy(buf + o, vocab[w[from + i]], l);
		o += l;
		buf[o++] = ' ';
	}
	buf[o ? o - 1 : 0] = '\0';
}

/* Whether two texts are near by either method at the default thresholds. */
static int
texts_near(const char *a, const char *b)
{
	char		ha[AD_SSDEEP_MAX],
				hb[AD_SSDEEP_MAX];
	unsigned char ma[AD_MINHASH_BYTES],
				mb[AD_MINHASH_BYTES];
	int			score = 0;
	double		sim = 0;

	CHECK(ad_fuzzy_hash((const unsigned char *) a, strlen(a), ha) == AD_OK);
	CHECK(ad_fuzzy_hash((const unsigned char *) b, strlen(b), hb) == AD_OK);
	CHECK(ad_fuzzy_compare(ha, strlen(ha), hb, strlen(hb), &score) == AD_OK);
	CHECK(ad_minhash(a, strlen(a), ma) == AD_OK && ad_minhash(b, strlen(b), mb) == AD_OK);
	CHECK(ad_minhash_similarity(ma, sizeof(ma), mb, sizeof(mb), &sim) == AD_OK);
	/* clustering compares 16-bit minima: a few more equal values at most */
	return score >= AD_SSDEEP_THRESHOLD_DEFAULT || sim >= AD_MINHASH_THRESHOLD_DEFAULT - 3.0 / AD_MINHASH_PERMS;
}

#define CHAIN 6

/* A chain of texts, each near the next, the ends far apart: no cluster holds a far pair. */
static void
test_cluster_no_chaining(void)
{
	static int	w[400];
	static char texts[CHAIN][4000];
	ad_cluster *c;
	ad_cluster_row r;
	int			i,
				j,
				far = 0,
				rep_of[CHAIN];
	size_t		k;

	for (i = 0; i < 400; i++)
		w[i] = (int) (rng() % 3000);
	for (i = 0; i < CHAIN; i++)
		words_text(texts[i], w, 25 * i, 120);
	for (i = 0; i + 1 < CHAIN; i++)
		CHECK(texts_near(texts[i], texts[i + 1]));
	CHECK(ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT, &c) == AD_OK);
	for (i = 0; i < CHAIN; i++)
		add_row(c, i, texts[i], NULL);
	CHECK(ad_cluster_run(c, NULL, NULL) == AD_OK);
	for (i = 0; i < CHAIN; i++)
		rep_of[i] = -1;
	for (k = 0; k < ad_cluster_nresults(c); k++)
	{
		ad_cluster_result(c, k, &r);
		rep_of[r.id[0] - '0'] = r.representative[0] - '0';
	}
	for (i = 0; i < CHAIN; i++)
	{
		/* every member is near its representative */
		if (rep_of[i] >= 0 && rep_of[i] != i)
			CHECK(texts_near(texts[i], texts[rep_of[i]]));
		for (j = i + 1; j < CHAIN; j++)
			far += !texts_near(texts[i], texts[j]);
	}
	/* the ends share no word: chained together they would be one cluster */
	CHECK(far > 0 && !texts_near(texts[0], texts[CHAIN - 1]));
	CHECK(rep_of[0] < 0 || rep_of[0] != rep_of[CHAIN - 1]);
	CHECK(ad_cluster_nresults(c) >= 2);
	ad_cluster_free(c);
}

#define ORD_ROWS 3000

typedef struct ord_row
{
	char		id[16];
	char	   *text;
	char		src[4];
} ord_row;

/*
 * Clustering result of n rows in the given order, with the boilerplate
 * rule's K, as "id rep size cid sources method" in one 64-byte slot per row
 * id (so in id order whatever the input order).
 */
static char *
cluster_in_order(ord_row *rows, int n, const int *order, int bp_k, size_t *nres)
{
	ad_cluster *c;
	ad_cluster_row r;
	char	   *out;
	size_t		k;
	int			i;

	CHECK(ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT, &c) == AD_OK);
	CHECK(ad_cluster_set_boilerplate(c, bp_k) == AD_OK);
	for (i = 0; i < n; i++)
	{
		ord_row    *o = &rows[order[i]];

		CHECK(ad_cluster_add(c, o->id, strlen(o->id), o->text, strlen(o->text), o->src, strlen(o->src)) == AD_OK);
	}
	CHECK(ad_cluster_run(c, NULL, NULL) == AD_OK);
	*nres = ad_cluster_nresults(c);
	out = calloc((size_t) n, 64);
	for (k = 0; k < *nres; k++)
	{
		ad_cluster_result(c, k, &r);
		CHECK(r.idlen < 16 && r.replen < 16 && atoi(r.id) < n);
		snprintf(out + 64 * (size_t) atoi(r.id), 64, "%.*s %.*s %d %lld %d %s", (int) r.idlen, r.id,
				 (int) r.replen, r.representative, r.cluster_size, (long long) r.cluster_id,
				 r.distinct_sources, ad_cluster_method_name(r.method));
	}
	ad_cluster_free(c);
	return out;
}

/* The same rows in three orders give the same clusters. */
static void
test_cluster_order(void)
{
	static ord_row rows[ORD_ROWS];
	static int	w[200][150];
	static int	order[ORD_ROWS];
	char	   *a,
			   *b;
	size_t		na,
				nb;
	int			i,
				j,
				pass;

	for (i = 0; i < 200; i++)
		for (j = 0; j < 150; j++)
			w[i][j] = (int) (rng() % 3000);
	for (i = 0; i < ORD_ROWS; i++)
	{
		int			base = (int) (rng() % 200),
					kind = (int) (rng() % 4),
					tmp[300];

		rows[i].text = malloc(4000);
		snprintf(rows[i].id, sizeof(rows[i].id), "%d", i);
		snprintf(rows[i].src, sizeof(rows[i].src), "s%d", (int) (rng() % 5));
		memcpy(tmp, w[base], sizeof(w[base]));
		if (kind == 0)			/* a copy */
			;
		else if (kind == 1)		/* about 1 word in 12 replaced */
		{
			for (j = 0; j < 150; j++)
				if (rng() % 12 == 0)
					tmp[j] = (int) (rng() % 3000);
		}
		else if (kind == 2)		/* a shifted window of another base (chains) */
		{
			int			sh = (int) (rng() % 60);

			for (j = 0; j < 150; j++)
				tmp[j] = j + sh < 150 ? w[base][j + sh] : w[(base + 1) % 200][j + sh - 150];
		}
		else					/* unrelated */
			for (j = 0; j < 150; j++)
				tmp[j] = (int) (rng() % 3000);
		words_text(rows[i].text, tmp, 0, 90 + (int) (rng() % 60));
	}
	for (i = 0; i < ORD_ROWS; i++)
		order[i] = i;
	a = cluster_in_order(rows, ORD_ROWS, order, AD_BOILERPLATE_MIN_TEXTS_DEFAULT, &na);
	CHECK(na > ORD_ROWS / 4);
	for (pass = 0; pass < 2; pass++)
	{
		for (i = 0; i < ORD_ROWS; i++)
			order[i] = pass == 0 ? ORD_ROWS - 1 - i : i;
		if (pass == 1)
			for (i = ORD_ROWS - 1; i > 0; i--)
			{
				int			k = (int) (rng() % (uint64_t) (i + 1)),
							t = order[i];

				order[i] = order[k];
				order[k] = t;
			}
		b = cluster_in_order(rows, ORD_ROWS, order, AD_BOILERPLATE_MIN_TEXTS_DEFAULT, &nb);
		CHECK(na == nb);
		CHECK(memcmp(a, b, (size_t) ORD_ROWS * 64) == 0);
		for (i = 0; i < ORD_ROWS; i++)
			if (strcmp(a + 64 * i, b + 64 * i) != 0)
			{
				fprintf(stderr, "order %d: %s | %s\n", pass, a + 64 * i, b + 64 * i);
				break;
			}
		free(b);
	}
	free(a);
	for (i = 0; i < ORD_ROWS; i++)
		free(rows[i].text);
}

/*
 * Boilerplate: short posts that share only a mailing list's footer are near
 * without the rule and in no cluster with it; a flood that carries the
 * footer, and a flood whose copies differ only in a signature line, stay
 * whole; the result does not depend on the order of the rows.
 */
#define BP_POSTS 40
#define BP_ROWS (BP_POSTS + 12 + 30)

static void
test_cluster_boilerplate(void)
{
	static const char *footer =
		"-- \n"
		"example-users mailing list\n"
		"example-users@lists.example.org\n"
		"https://lists.example.org/mailman/listinfo/example-users\n"
		"To unsubscribe send a message to example-users-leave@lists.example.org with the word unsubscribe in the subject.\n";
	static ord_row rows[BP_ROWS];
	int			order[BP_ROWS],
				w[60],
				flood[60],
				i,
				j,
				joined_off = 0;
	char		line[700];
	char	   *a,
			   *b,
			   *off;
	size_t		na,
				nb,
				noff;
	ad_cluster *c;
	ad_pairs   *p;
	ad_pair_row pr;
	ad_neardup_params np;
	double		v;
	int			integral;

	for (j = 0; j < 60; j++)
		flood[j] = (int) (rng() % 3000);
	for (i = 0; i < BP_ROWS; i++)
	{
		rows[i].text = malloc(4096);
		snprintf(rows[i].id, sizeof(rows[i].id), "%d", i);
		snprintf(rows[i].src, sizeof(rows[i].src), "s%d", i % 7);
		rows[i].text[0] = '\0';
		if (i < BP_POSTS)
		{
			/* a short post: two lines of its own words, then the footer */
			for (j = 0; j < 16; j++)
				w[j] = (int) (rng() % 3000);
			words_text(line, w, 0, 8);
			strcat(strcat(rows[i].text, line), "\n");
			words_text(line, w, 8, 8);
			strcat(strcat(strcat(rows[i].text, line), "\n"), footer);
		}
		else if (i < BP_POSTS + 12)
		{
			/* a flood that carries the footer: three lines, one word changed per copy */
			memcpy(w, flood, sizeof(w));
			w[rng() % 30] = (int) (rng() % 3000);
			for (j = 0; j < 3; j++)
			{
				words_text(line, w, 10 * j, 10);
				strcat(strcat(rows[i].text, line), "\n");
			}
			strcat(rows[i].text, footer);
		}
		else
		{
			/* a flood of six equal lines, each copy signed by another name */
			for (j = 0; j < 6; j++)
			{
				words_text(line, flood, 30 + 5 * j, 5);
				strcat(strcat(rows[i].text, line), "\n");
			}
			snprintf(line, sizeof(line), "-- sent by member %d of the forum", i);
			strcat(rows[i].text, line);
		}
	}
	for (i = 0; i < BP_ROWS; i++)
		order[i] = i;
	/* Without the rule the footer joins posts. */
	off = cluster_in_order(rows, BP_ROWS, order, 0, &noff);
	for (i = 0; i < BP_POSTS; i++)
		joined_off += off[64 * i] != '\0';
	CHECK(joined_off >= BP_POSTS / 2);
	a = cluster_in_order(rows, BP_ROWS, order, AD_BOILERPLATE_MIN_TEXTS_DEFAULT, &na);
	for (i = 0; i < BP_POSTS; i++)
		CHECK(a[64 * i] == '\0');
	CHECK(na == 12 + 30);
	for (i = BP_POSTS; i < BP_ROWS; i++)
	{
		char		rep[16];
		int			size = 0;

		CHECK(sscanf(a + 64 * i, "%*s %15s %d", rep, &size) == 2);
		CHECK(size == (i < BP_POSTS + 12 ? 12 : 30));
		CHECK(atoi(rep) == (i < BP_POSTS + 12 ? BP_POSTS : BP_POSTS + 12));
	}
	for (i = 0; i < BP_ROWS; i++)
		order[i] = BP_ROWS - 1 - i;
	b = cluster_in_order(rows, BP_ROWS, order, AD_BOILERPLATE_MIN_TEXTS_DEFAULT, &nb);
	CHECK(na == nb && memcmp(a, b, (size_t) BP_ROWS * 64) == 0);
	/* K above the number of posts: the footer is not boilerplate, posts join again. */
	free(b);
	b = cluster_in_order(rows, BP_ROWS, order, BP_POSTS + 20, &nb);
	CHECK(nb > na);
	/* Pairs follow the same rule: none holds a post. */
	CHECK(ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT, &c) == AD_OK);
	for (i = 0; i < BP_ROWS; i++)
		CHECK(ad_cluster_add(c, rows[i].id, strlen(rows[i].id), rows[i].text, strlen(rows[i].text),
							 rows[i].src, strlen(rows[i].src)) == AD_OK);
	CHECK(ad_cluster_pairs(c, NULL, NULL, &p) == AD_OK);
	CHECK(ad_pairs_count(p) == 12 * 11 / 2 + 30 * 29 / 2);
	for (i = 0; i < (int) ad_pairs_count(p); i++)
	{
		ad_pairs_get(p, (size_t) i, &pr);
		CHECK(atoi(pr.id_a) >= BP_POSTS && atoi(pr.id_b) >= BP_POSTS);
	}
	ad_pairs_free(p);
	ad_cluster_free(c);
	/* The setting: range, and only before the first row. */
	CHECK(ad_cluster_new(60, 0.5, &c) == AD_OK);
	CHECK(ad_cluster_set_boilerplate(c, 1) == AD_EBOILERPLATE_MIN_TEXTS);
	CHECK(ad_cluster_set_boilerplate(c, -1) == AD_EBOILERPLATE_MIN_TEXTS);
	CHECK(ad_cluster_set_boilerplate(c, AD_BOILERPLATE_MIN_TEXTS_MAX + 1) == AD_EBOILERPLATE_MIN_TEXTS);
	CHECK(ad_cluster_set_boilerplate(c, 0) == AD_OK);
	CHECK(ad_cluster_set_boilerplate(c, 2) == AD_OK);
	add_row(c, 1, "a\nb", NULL);
	CHECK(ad_cluster_set_boilerplate(c, 5) == AD_ESETTING_VALUE);
	ad_cluster_free(c);
	ad_neardup_defaults(&np);
	CHECK(np.boilerplate_min_texts == AD_BOILERPLATE_MIN_TEXTS_DEFAULT);
	CHECK(ad_neardup_set(&np, "boilerplate_min_texts", 25) == AD_OK && np.boilerplate_min_texts == 25);
	CHECK(ad_neardup_set(&np, "boilerplate_min_texts", 1) == AD_EBOILERPLATE_MIN_TEXTS);
	CHECK(ad_neardup_set(&np, "boilerplate_min_texts", 2.5) == AD_EBOILERPLATE_MIN_TEXTS);
	CHECK(ad_neardup_set(&np, "boilerplate_min_texts", 1e9) == AD_EBOILERPLATE_MIN_TEXTS);
	CHECK(np.boilerplate_min_texts == 25);
	CHECK(ad_neardup_get(&np, "boilerplate_min_texts", &v, &integral) == AD_OK && v == 25 && integral);
	free(a);
	free(b);
	free(off);
	for (i = 0; i < BP_ROWS; i++)
		free(rows[i].text);
}

/*
 * A flood whose copies each carry an unrelated line of their own: its lines
 * recur in more than K texts whose other lines differ, like a footer, but
 * they are most of each text, so they stay content and the flood one cluster.
 */
static void
test_cluster_boilerplate_flood(void)
{
	ad_cluster *c;
	ad_cluster_row r;
	int			flood[60],
				w[8],
				i,
				j;
	char		text[2048],
				line[700];
	size_t		k;

	for (j = 0; j < 60; j++)
		flood[j] = (int) (rng() % 3000);
	CHECK(ad_cluster_new(AD_SSDEEP_THRESHOLD_DEFAULT, AD_MINHASH_THRESHOLD_DEFAULT, &c) == AD_OK);
	for (i = 0; i < 2 * AD_BOILERPLATE_MIN_TEXTS_DEFAULT; i++)
	{
		text[0] = '\0';
		for (j = 0; j < 5; j++)
		{
			words_text(line, flood, 12 * j, 12);
			strcat(strcat(text, line), "\n");
		}
		for (j = 0; j < 6; j++)
			w[j] = (int) (rng() % 3000);
		words_text(line, w, 0, 6);
		strcat(text, line);
		add_row(c, i, text, NULL);
	}
	CHECK(ad_cluster_run(c, NULL, NULL) == AD_OK);
	CHECK(ad_cluster_nresults(c) == (size_t) (2 * AD_BOILERPLATE_MIN_TEXTS_DEFAULT));
	for (k = 0; k < ad_cluster_nresults(c); k++)
	{
		ad_cluster_result(c, k, &r);
		CHECK(r.cluster_size == 2 * AD_BOILERPLATE_MIN_TEXTS_DEFAULT);
	}
	ad_cluster_free(c);
}

/* The thresholds as settings: names, ranges, and a failed set changes nothing. */
static void
test_neardup_settings(void)
{
	ad_neardup_params p;
	double		v;
	int			integral;

	ad_neardup_defaults(&p);
	CHECK(p.ssdeep_threshold == AD_SSDEEP_THRESHOLD_DEFAULT);
	CHECK(p.minhash_threshold == AD_MINHASH_THRESHOLD_DEFAULT);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", 80) == AD_OK && p.ssdeep_threshold == 80);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", 0) == AD_OK && p.ssdeep_threshold == 0);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", 100) == AD_OK && p.ssdeep_threshold == 100);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", 101) == AD_ESSDEEP_THRESHOLD);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", -1) == AD_ESSDEEP_THRESHOLD);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", 60.5) == AD_ESSDEEP_THRESHOLD);
	CHECK(ad_neardup_set(&p, "ssdeep_threshold", NAN) == AD_ESSDEEP_THRESHOLD);
	CHECK(p.ssdeep_threshold == 100);
	CHECK(ad_neardup_set(&p, "minhash_threshold", 0.75) == AD_OK && p.minhash_threshold == 0.75);
	CHECK(ad_neardup_set(&p, "minhash_threshold", 1.000001) == AD_EMINHASH_THRESHOLD);
	CHECK(ad_neardup_set(&p, "minhash_threshold", -0.0001) == AD_EMINHASH_THRESHOLD);
	CHECK(ad_neardup_set(&p, "minhash_threshold", INFINITY) == AD_EMINHASH_THRESHOLD);
	CHECK(p.minhash_threshold == 0.75);
	CHECK(ad_neardup_set(&p, "suspicion_weight_injection", 0.5) == AD_ESETTING_NAME);
	CHECK(ad_neardup_get(&p, "ssdeep_threshold", &v, &integral) == AD_OK && v == 100 && integral);
	CHECK(ad_neardup_get(&p, "minhash_threshold", &v, &integral) == AD_OK && v == 0.75 && !integral);
	CHECK(ad_neardup_get(&p, "ssdeep", &v, &integral) == AD_ESETTING_NAME);
}

void
test_neardup(const char *datadir)
{
	test_neardup_settings();
	test_ssdeep_keys_basic();
	test_ssdeep_keys_exact_synthetic();
	test_ssdeep_keys_exact_real();
	test_ssdeep_count_filter(datadir);
	test_ssdeep_knn_bound(datadir);
	test_minhash_basic();
	test_minhash_known();
	test_minhash_accuracy();
	test_index_keys();
	test_cluster_small();
	test_cluster_floods();
	test_cluster_pairs();
	make_vocab();
	test_cluster_no_chaining();
	test_cluster_order();
	test_cluster_boilerplate();
	test_cluster_boilerplate_flood();
}
