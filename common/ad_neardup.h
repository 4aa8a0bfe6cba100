/*
 * antidote core: near-duplicate search.  Index keys for ssdeep signatures,
 * MinHash signatures with LSH band keys, and star clustering.
 * Included at the end of antidote.h; the same rules apply (status codes,
 * caller-provided outputs, no longjmp).
 */
#ifndef AD_NEARDUP_H
#define AD_NEARDUP_H

/* ---- ssdeep index keys ---- */

/*
 * Keys of a signature such that two signatures libfuzzy scores >= min_score
 * (>= 1) always share a key when one side's keys are taken with min_score
 * and the other's with 1 (or both with min_score).  Each part is cut to runs
 * of at most 3 equal characters (as libfuzzy compares them); every window
 * of 4 consecutive 4-grams of a part contributes its smallest 4-gram
 * (winnowing), tagged with the block size the part stands for.  A common
 * 7-character run is exactly such a window in both signatures, so both
 * emit its key.  Parts libfuzzy's small-block cap keeps below min_score
 * give no keys.  One exact key covers identical signatures (score 100).
 * Keys are distinct and sorted.
 */
#define AD_SSDEEP_KEYS_MAX (2 * AD_SSDEEP_PART_MAX)

ad_status	ad_ssdeep_keys(const char *s, size_t len, int min_score,
						   int64_t keys[AD_SSDEEP_KEYS_MAX], int *nkeys);

/*
 * A pair filter for clustering, exact by libfuzzy's scoring (see the count
 * filter in ad_ssdeep_keys.c).  ad_ssdeep_cut packs a signature once: its
 * block size and its parts cut to runs of at most 3 equal characters (as
 * libfuzzy compares them), as base64 values; it returns the bytes written,
 * or 0 when s is no signature.  Load one packed signature with a threshold
 * (>= 1); ad_ssdeep_may_reach then tells, for another, whether
 * fuzzy_compare of the two can reach the threshold.  It computes the
 * longest common subsequence of the parts libfuzzy would compare
 * (bit-parallel), which fixes their edit distance and so the score before
 * the common-run test and the small-block cap: 0 means below the
 * threshold, 1 that it may not be.
 */
#define AD_SSDEEP_CUT_MAX (3 + 2 * AD_SSDEEP_PART_MAX)

typedef struct ad_ssdeep_reach
{
	int			level;			/* block size 3 << level */
	int			min_score;
	int			len[2];
	const unsigned char *part[2];	/* into the loaded packed signature */
	uint64_t	pm[2][64];		/* bit i of pm[k][v]: value i of part k is v */
} ad_ssdeep_reach;

size_t		ad_ssdeep_cut(const char *s, size_t len, unsigned char out[AD_SSDEEP_CUT_MAX]);
void		ad_ssdeep_reach_load(ad_ssdeep_reach *r, const unsigned char *cut, int min_score);
int			ad_ssdeep_may_reach(const ad_ssdeep_reach *r, const unsigned char *cut);

/*
 * GIN index keys: the keys above folded into 2^bits values (XXH64 of the
 * key, low bits), distinct and sorted.  Folding only merges keys, so two
 * signatures that share a key still share a folded one and the filter stays
 * exact; rows that share a folded key share one posting list, which keeps
 * an index of many rows small (a key of its own costs a whole index tuple).
 * The price is extra candidates for the recheck: about keys-per-row x rows
 * / 2^bits per probe.  bits is AD_INDEX_BITS_MIN..AD_INDEX_BITS_MAX.
 */
#define AD_INDEX_BITS_DEFAULT 24
#define AD_INDEX_BITS_MIN 12
#define AD_INDEX_BITS_MAX 48

ad_status	ad_ssdeep_index_keys(const char *s, size_t len, int min_score, int bits,
								 int64_t keys[AD_SSDEEP_KEYS_MAX], int *nkeys);

/*
 * The keys of a probe with a count filter (the q-gram count filter of
 * approximate string matching, with libfuzzy's score): keys as
 * ad_ssdeep_keys (bits = 0) or ad_ssdeep_index_keys (bits > 0) with
 * min_score, each with the parts it stands for, and for each part the
 * fewest of its keys a row must share to score min_score through that part
 * (AD_SSDEEP_NEVER when no row can).  A row can score min_score only when it
 * holds the exact key or, for some part, at least need[part] of that part's
 * keys; ad_ssdeep_keys.c derives the bound.
 */
#define AD_PROBE_PART1 1
#define AD_PROBE_PART2 2
#define AD_PROBE_EXACT 4
#define AD_SSDEEP_NEVER 1000000

typedef struct ad_ssdeep_probe
{
	int64_t		keys[AD_SSDEEP_KEYS_MAX];
	unsigned char parts[AD_SSDEEP_KEYS_MAX];	/* AD_PROBE_* bits */
	int			nkeys;
	int			need[2];		/* part 1, part 2 */
} ad_ssdeep_probe;

ad_status	ad_ssdeep_probe_keys(const char *s, size_t len, int min_score, int bits,
								 ad_ssdeep_probe *p);

/* Whether a row holding the exact key (exact != 0) and hits1, hits2 keys of each part may reach the score. */
int			ad_ssdeep_probe_passes(const ad_ssdeep_probe *p, int exact, int hits1, int hits2);

/*
 * The same for a row given as its keys folded to 32 bits (ad_ssdeep_index_keys
 * with bits = 32, sorted ascending), against a probe taken with bits = 32.
 */
int			ad_ssdeep_probe_match32(const ad_ssdeep_probe *p, const uint32_t *row, int nrow);

/*
 * Fewest 7-character windows two run-cut parts of lengths m and n must
 * share for libfuzzy to score them min_score at block size bs; 0 when no
 * two such parts can.
 */
int			ad_ssdeep_min_shared_windows(int m, int n, int min_score, uint64_t bs);

/*
 * Signature trees (the GiST operator class): a bitmap of nbytes bytes with
 * bit XXH64(key) mod (8 nbytes) set for each of a signature's keys
 * (ad_ssdeep_keys at min_score 1), and a mask of its block levels (bit k
 * for block size 3 * 2^k, part 1's block size).  An inner node ORs its
 * children's bitmaps and masks.  ad_ssdeep_sig ORs one signature into
 * bits and levels (the caller zeroes them first).
 */
#define AD_SSDEEP_SIG_BYTES_MIN 8
#define AD_SSDEEP_SIG_BYTES_MAX 2024
#define AD_SSDEEP_SIG_BYTES_DEFAULT 256

ad_status	ad_ssdeep_sig(const char *s, size_t len, unsigned char *bits, int nbytes,
						  uint64_t *levels);

/*
 * A distance probe: the probe's keys as bit positions (the parts each
 * stands for) and, for every score t, the fewest of each part's bits a
 * subtree must hold for some row in it to score t (the count filter above,
 * at every threshold, with bit positions as entries).
 */
typedef struct ad_ssdeep_knn
{
	int			nbytes;
	int			nkeys;
	int			level;			/* part 1's block level */
	uint32_t	bit[AD_SSDEEP_KEYS_MAX];
	unsigned char parts[AD_SSDEEP_KEYS_MAX];	/* AD_PROBE_* bits */
	int			need[101][2];
} ad_ssdeep_knn;

ad_status	ad_ssdeep_knn_init(const char *s, size_t len, int nbytes, ad_ssdeep_knn *q);

/*
 * The highest score any row under a node (bitmap bits of q->nbytes bytes,
 * block levels) can reach against the probe; 100 - this is a lower bound
 * on the distance.  0 when no row can score (incompatible block sizes, or
 * too few shared bits).
 */
int			ad_ssdeep_knn_max_score(const ad_ssdeep_knn *q, const unsigned char *bits,
									uint64_t levels);

/* ---- MinHash ---- */

/*
 * Signature layout (AD_MINHASH_BYTES): 4 bytes "adMH", 1 byte format
 * version, 1 byte shingle size, 2 bytes number of permutations
 * (little-endian), then the minima as little-endian uint32.
 */
#define AD_MINHASH_SHINGLE 2	/* words per shingle */
#define AD_MINHASH_PERMS 128	/* permutations (signature values) */
#define AD_MINHASH_BANDS 32		/* LSH bands ... */
#define AD_MINHASH_ROWS 4		/* ... of this many values each */
#define AD_MINHASH_HEADER 8
#define AD_MINHASH_BYTES (AD_MINHASH_HEADER + 4 * AD_MINHASH_PERMS)

/* MinHash of the word shingles of ad_text_normalize(buf). */
ad_status	ad_minhash(const char *buf, size_t len, unsigned char out[AD_MINHASH_BYTES]);

/* The same over text that is already in normal form. */
void		ad_minhash_normalized(const char *norm, size_t len,
								  unsigned char out[AD_MINHASH_BYTES]);

/* Check a stored signature (length, header). */
ad_status	ad_minhash_check(const unsigned char *sig, size_t len);

/* Estimated Jaccard similarity: the share of equal minima. */
ad_status	ad_minhash_similarity(const unsigned char *a, size_t alen,
								  const unsigned char *b, size_t blen, double *sim);

/* One LSH key per band. */
ad_status	ad_minhash_keys(const unsigned char *sig, size_t len,
							int64_t keys[AD_MINHASH_BANDS]);

/*
 * GIN index keys: the 32 band keys folded into 2^bits values, band j's to
 * j << (bits - 5) | (key mod 2^(bits - 5)), so bands never mix (see
 * ad_ssdeep_index_keys).
 */
ad_status	ad_minhash_index_keys(const unsigned char *sig, size_t len, int bits,
								  int64_t keys[AD_MINHASH_BANDS]);

/* ---- clustering ---- */

/* Default thresholds, also the defaults of the PostgreSQL settings. */
#define AD_SSDEEP_THRESHOLD_DEFAULT 60
#define AD_MINHASH_THRESHOLD_DEFAULT 0.5
/* The thresholds as settings (SQLite's antidote_config; PostgreSQL has GUCs). */
typedef struct ad_neardup_params
{
	int			ssdeep_threshold;	/* 0..100 */
	double		minhash_threshold;	/* 0..1 */
	int			boilerplate_min_texts;	/* 0 (off) or 2..AD_BOILERPLATE_MIN_TEXTS_MAX */
} ad_neardup_params;

void		ad_neardup_defaults(ad_neardup_params *p);

/*
 * Set "ssdeep_threshold" (an integer 0..100), "minhash_threshold" (0..1) or
 * "boilerplate_min_texts" (an integer, 0 or 2..AD_BOILERPLATE_MIN_TEXTS_MAX).
 * AD_ESETTING_NAME for another name, AD_ESSDEEP_THRESHOLD,
 * AD_EMINHASH_THRESHOLD or AD_EBOILERPLATE_MIN_TEXTS for a value out of
 * range (p is unchanged).
 */
ad_status	ad_neardup_set(ad_neardup_params *p, const char *name, double value);

/* Read one of them; *integral is 1 for the integer setting. */
ad_status	ad_neardup_get(const ad_neardup_params *p, const char *name, double *value,
						   int *integral);

/*
 * Boilerplate (near_duplicate_clusters, near_duplicate_pairs, antidote_audit,
 * sweeps).  Units are lines: a text's lines that hold an ASCII letter or
 * digit or a non-ASCII byte, compared with ASCII letters lowered and white
 * space collapsed; only texts with at least 2 such lines have units.
 *
 * A line is boilerplate when it recurs in texts that differ elsewhere.  Lines
 * that recur in exactly the same texts form a block (a footer's lines); each
 * text's lines outside the block are summarized by the smallest hash of
 * their runs of 3 words.  A line in at least K texts is boilerplate when
 * those summaries take at least K distinct values, and at least half as many
 * as there are texts, and when in at least half of those texts its block is
 * less than AD_BOILERPLATE_SHARE percent of the bytes of the text's lines.
 * Copies of a flood share their other lines, so their lines stay content
 * however many copies there are; a list footer or a site template sits on
 * texts whose other lines differ, and is a minor part of them.
 *
 * Texts are still found as candidates by their whole normal form, but a pair
 * near by ssdeep or MinHash must also be near without the boilerplate: when
 * both hold some, by ssdeep or MinHash at the thresholds (the short-text rule
 * applying to what is left); when one does, by MinHash at half the threshold
 * (a copy in which a common line was altered keeps that line).  A text with
 * nothing but boilerplate is near no other text (rows of equal normal form
 * still cluster).  Rare tokens are taken from the text without its
 * boilerplate.  K is the setting boilerplate_min_texts; 0 turns the rule
 * off.  Lines that recur verbatim in K texts whose other, unrelated lines
 * are a third or more of each text count as boilerplate whatever they say:
 * a flood padded so is discounted (whole-text similarity of such copies is
 * at most about 0.5 anyway), and so is a campaign's sentence repeated
 * verbatim in K texts of unrelated filler.
 */
#define AD_BOILERPLATE_MIN_TEXTS_DEFAULT 32
#define AD_BOILERPLATE_SHARE 67		/* percent */
#define AD_BOILERPLATE_MIN_TEXTS_MAX 1000000

/* Keys shared by more distinct texts than HOT_KEY are verified against ANCHORS texts only. */
#define AD_CLUSTER_HOT_KEY 64
#define AD_CLUSTER_ANCHORS 16

/*
 * ssdeep is unreliable on short texts: when either normal form has fewer
 * than AD_CLUSTER_SSDEEP_MIN bytes an ssdeep match counts only if the
 * MinHash similarity is at least half the MinHash threshold too.
 */
#define AD_CLUSTER_SSDEEP_MIN 512

/*
 * Rare-token evidence (reworded campaigns).  Tokens of the normal form
 * (split at white space, ASCII punctuation but % # $ trimmed at both ends) of at
 * least 3 bytes count when they carry a digit, "://", "www." or '@'
 * (figures, codes, URLs, addresses: weight 2) or are words of at least
 * AD_RARE_WORD_MIN bytes (weight 1); a text keeps at most AD_RARE_KEEP of
 * them (figures first, then by hash), as 32-bit hashes.  A token is rare when at least 2 and
 * at most AD_RARE_DF_MAX distinct texts of the input keep it, whatever the
 * input's size: a share of the input would make a sentence that thousands
 * of pages quote "rare" in a large one.  Two texts are near by rare tokens when the
 * rare tokens they share weigh at least AD_RARE_MIN_SHARED, at least
 * AD_RARE_MIN_STRONG of them are figures/URLs, and the weighted Jaccard
 * similarity of their rare tokens is at least AD_RARE_JACCARD.
 */
#define AD_RARE_WORD_MIN 7
#define AD_RARE_KEEP 64
#define AD_RARE_DF_MAX 64
#define AD_RARE_MIN_SHARED 10
#define AD_RARE_MIN_STRONG 3
#define AD_RARE_JACCARD 0.2

typedef enum ad_cluster_method
{
	AD_METHOD_NONE = 0,
	AD_METHOD_TEXT,				/* equal normalized text */
	AD_METHOD_SSDEEP,
	AD_METHOD_MINHASH,
	AD_METHOD_RARE_TOKENS		/* same rare names, figures and URLs */
} ad_cluster_method;

const char *ad_cluster_method_name(ad_cluster_method m);

typedef struct ad_cluster ad_cluster;

/* Polled during ad_cluster_run; a nonzero return cancels the run. */
typedef int (*ad_cancel_fn) (void *arg);

ad_status	ad_cluster_new(int ssdeep_threshold, double minhash_threshold, ad_cluster **c);

/*
 * The boilerplate rule's K (default AD_BOILERPLATE_MIN_TEXTS_DEFAULT; 0 turns
 * it off).  Call it before the first ad_cluster_add: a later call returns
 * AD_ESETTING_VALUE and changes nothing.
 */
ad_status	ad_cluster_set_boilerplate(ad_cluster *c, int min_texts);

/* Add one row; source may be NULL (no source). */
ad_status	ad_cluster_add(ad_cluster *c, const char *id, size_t idlen,
						   const char *content, size_t len,
						   const char *source, size_t srclen);

/* Verify candidate pairs and build the clusters. */
ad_status	ad_cluster_run(ad_cluster *c, ad_cancel_fn cancel, void *arg);

/*
 * Rows in clusters of 2 or more after ad_cluster_run, in the order added.
 * Every member is near its cluster's representative (equal normal form,
 * ssdeep or MinHash at the thresholds, or rare tokens); the clusters do not depend on the
 * order in which rows were added.
 */
size_t		ad_cluster_nresults(const ad_cluster *c);

typedef struct ad_cluster_row
{
	const char *id;
	size_t		idlen;
	int64_t		cluster_id;		/* rank of the representative's id among the clusters' (bytes) */
	int			cluster_size;
	int			distinct_sources;	/* -1 when no row of the cluster has a source */
	ad_cluster_method method;
	const char *representative; /* id of the cluster's representative row */
	size_t		replen;
} ad_cluster_row;

void		ad_cluster_result(const ad_cluster *c, size_t i, ad_cluster_row *out);
void		ad_cluster_free(ad_cluster *c);

/*
 * Near-duplicate pairs of rows, instead of clusters: call ad_cluster_pairs in
 * place of ad_cluster_run.  The same candidates and verification as
 * clustering (and so its limits on hot keys); every pair of rows whose
 * normal forms are equal (method text) or verified near (ssdeep before
 * MinHash) is listed once, with id_a before id_b by id bytes (then by the
 * order added, for repeated ids), in the order of (id_a, id_b).  At most
 * AD_CLUSTER_PAIRS_MAX pairs (16 bytes each), else AD_EPAIRS_LIMIT.  The result refers to
 * c's ids: free it before c.
 */
#define AD_CLUSTER_PAIRS_MAX (UINT64_C(1) << 22)

typedef struct ad_pairs ad_pairs;

typedef struct ad_pair_row
{
	const char *id_a;
	size_t		idlen_a;
	const char *id_b;
	size_t		idlen_b;
	int			ssdeep_score;	/* fuzzy_compare of the ssdeep of the normal forms */
	double		minhash_similarity; /* share of equal 16-bit minima */
	ad_cluster_method method;
} ad_pair_row;

ad_status	ad_cluster_pairs(ad_cluster *c, ad_cancel_fn cancel, void *arg, ad_pairs **out);
size_t		ad_pairs_count(const ad_pairs *p);
void		ad_pairs_get(const ad_pairs *p, size_t i, ad_pair_row *out);
void		ad_pairs_free(ad_pairs *p);

#endif							/* AD_NEARDUP_H */
