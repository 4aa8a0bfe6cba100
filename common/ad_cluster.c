/*
 * near_duplicate_clusters: an in-memory key index over the rows, candidate
 * pairs verified by ssdeep, MinHash or rare tokens (figures, names and URLs
 * few texts of the input share; AD_RARE_* in ad_neardup.h) into a graph of
 * near pairs, then star clusters over that graph: every member is near its
 * cluster's representative (no chains).
 *
 * Rows with equal normalized text share one text entry (so a flood of
 * identical rows costs one entry).  Before any pair is verified the texts
 * are put in a canonical order (by the SHA-256 of their normal form), so
 * that every step below, and so the result, is the same whatever the order
 * of the rows.  Keys are grouped by sorting (key, text) pairs in passes of
 * bounded size; a key shared by more than AD_CLUSTER_HOT_KEY texts is
 * verified against at most AD_CLUSTER_ANCHORS anchors (in canonical order,
 * each text that is near none of the anchors before it), so no key costs
 * more than AD_CLUSTER_HOT_KEY verifications per text; a cache of verified
 * pairs keeps a pair that shares many keys from being verified again.  An
 * ssdeep pair is scored by libfuzzy only when the longest common
 * subsequence of the parts it would compare allows the threshold
 * (ad_ssdeep_may_reach: exact, so no pair it drops could have scored).
 *
 * Boilerplate (ad_neardup.h): before anything else, the lines kept for
 * texts with several are counted, lines that recur in many texts that differ
 * elsewhere are found, and each text that holds one gets signatures and rare
 * tokens without them; a near pair must be near without them too.
 *
 * Star clusters: texts in order of most near rows first (rows of neighbour
 * texts plus the other copies of their own text), ties by smallest row id
 * (bytes); each text not yet taken becomes a representative and takes every
 * neighbour not yet taken.
 */
#include <fuzzy.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "antidote.h"

/* At most this many (key, text) pairs are sorted at once (16 bytes each). */
#define AD_CLUSTER_PASS_PAIRS (4u << 20)
/* Poll the cancel callback every this many units of work. */
#define AD_CLUSTER_POLL 4096
/* Minhash family keys carry the top bit; ssdeep keys never do. */
#define AD_FAMILY_MINHASH (UINT64_C(1) << 63)
/* Direct-mapped cache of pairs already verified (8 bytes a slot). */
#define AD_PAIR_CACHE (1u << 20)
/* Bands hashed per minhash pass. */
#define AD_BANDS_PER_PASS 4

typedef struct text_ent
{
	unsigned char sha[AD_SHA256_LEN];	/* of the normalized text */
	size_t		sd_off;			/* ssdeep signature in the pool, NUL-terminated */
	uint16_t	mh[AD_MINHASH_PERMS];	/* low 16 bits of each minimum */
	uint32_t	nrows;
	uint32_t	minrow;			/* its row with the smallest id (bytes) */
	uint32_t	len;			/* bytes of the normal form (capped) */
	uint32_t	tok_off;		/* its candidate tokens in c->toks, sorted (after counting: its rare ones) */
	uint32_t	rare_w;			/* weight of its rare tokens */
	unsigned char ntok;
	unsigned char empty;		/* nothing but boilerplate lines: near no other text */
	uint32_t	bp;				/* holds boilerplate: its signatures without it are c->bp[bp] */
} text_ent;

/* A text's signatures without its boilerplate lines. */
typedef struct content_sig
{
	uint16_t	mh[AD_MINHASH_PERMS];
	size_t		sd_off;			/* ssdeep signature in the pool */
	uint32_t	len;
} content_sig;

#define AD_NO_CONTENT_MH UINT32_MAX

/* A line of a text with several (for the boilerplate rule): its bytes in c->raw. */
typedef struct line_ent
{
	uint64_t	key;			/* of the line, ASCII letters lowered and white space collapsed */
	uint32_t	shmin;			/* smallest hash of its runs of 3 words */
	uint32_t	len;
	size_t		off;
} line_ent;

/* A text with several lines: lines [line_off, line_off + nlines) of c->lines. */
typedef struct ml_ent
{
	uint32_t	text;
	uint32_t	nlines;
	size_t		line_off;
} ml_ent;

/* A verified near pair of texts (a < b) and the evidence. */
typedef struct edge
{
	uint32_t	a,
				b;
	uint32_t	method;
} edge;

typedef struct row_ent
{
	size_t		id_off;
	size_t		idlen;
	uint64_t	src;			/* XXH64 of the source */
	uint32_t	text;
	int			has_src;
} row_ent;

typedef struct key_pair
{
	uint64_t	key;
	uint32_t	text;
} key_pair;

struct ad_cluster
{
	int			ssdeep_threshold;
	double		minhash_threshold;
	int			bp_min_texts;	/* the boilerplate rule's K; 0: off */
	/* until the boilerplate rule has run: the lines of texts with several */
	char	   *raw;
	size_t		raw_len,
				raw_cap;
	line_ent   *lines;
	size_t		nlines,
				lines_cap;
	ml_ent	   *ml;
	size_t		nml,
				ml_cap;
	char	   *scratch;
	size_t		scratch_cap;
	content_sig *bp;			/* texts that hold boilerplate, without it */
	size_t		nbp,
				bp_cap;
	text_ent   *texts;
	size_t		ntexts,
				texts_cap;
	row_ent    *rows;
	size_t		nrows,
				rows_cap;
	char	   *pool;			/* ids and ssdeep signatures */
	uint32_t   *toks;			/* token hashes, bit 0 set for figures and URLs */
	size_t		ntoks,
				toks_cap;
	size_t		pool_len,
				pool_cap;
	uint32_t   *slots;			/* open-addressing table of text indexes + 1 */
	size_t		nslots;
	/* near pairs, star clusters, and results */
	edge	   *edges;
	size_t		nedges,
				edges_cap;
	uint32_t   *parent;			/* per text: its representative text, or UINT32_MAX */
	unsigned char *method;		/* per text: how it joined its representative */
	uint32_t   *res;			/* rows in clusters of 2+ */
	size_t		nres;
	uint32_t   *c_rows;			/* per representative: rows, rank, distinct sources */
	uint32_t   *c_rank;
	int32_t    *c_src;
	uint64_t   *pair_cache;
	unsigned char *pair_flags;
	unsigned char *cut;			/* during the ssdeep passes: packed signatures (ad_ssdeep_cut) */
	size_t	   *cut_off;		/* per text: its packed signature in cut */
	ad_ssdeep_reach reach;		/* score filter loaded with text reach_text's */
	uint32_t	reach_text;
	/* cancellation */
	ad_cancel_fn cancel;
	void	   *cancel_arg;
	size_t		work;
};

const char *
ad_cluster_method_name(ad_cluster_method m)
{
	switch (m)
	{
		case AD_METHOD_TEXT:
			return "text";
		case AD_METHOD_SSDEEP:
			return "ssdeep";
		case AD_METHOD_MINHASH:
			return "minhash";
		case AD_METHOD_RARE_TOKENS:
			return "rare_tokens";
		default:
			return "none";
	}
}

/* Grow an array to hold at least need elements of size sz. */
static ad_status
grow(void **arr, size_t *cap, size_t need, size_t sz)
{
	size_t		ncap = *cap ? *cap : 64;
	void	   *p;

	if (need <= *cap)
		return AD_OK;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * sz);
	if (p == NULL)
		return AD_ENOMEM;
	*arr = p;
	*cap = ncap;
	return AD_OK;
}

/* Append (key, text) to the growing pair buffer *bufp of *cap entries, *n used. */
static inline ad_status
push_pair(key_pair **bufp, size_t *cap, size_t *n, uint64_t key, uint32_t text)
{
	if (*n == *cap)
	{
		ad_status	st = grow((void **) bufp, cap, *n + 1, sizeof(key_pair));

		if (st != AD_OK)
			return st;
	}
	(*bufp)[*n].key = key;
	(*bufp)[(*n)++].text = text;
	return AD_OK;
}

ad_status
ad_cluster_new(int ssdeep_threshold, double minhash_threshold, ad_cluster **c)
{
	ad_cluster *n = calloc(1, sizeof(*n));

	*c = NULL;
	if (n == NULL)
		return AD_ENOMEM;
	n->ssdeep_threshold = ssdeep_threshold;
	n->minhash_threshold = minhash_threshold;
	n->bp_min_texts = AD_BOILERPLATE_MIN_TEXTS_DEFAULT;
	*c = n;
	return AD_OK;
}

ad_status
ad_cluster_set_boilerplate(ad_cluster *c, int min_texts)
{
	if (min_texts < 0 || min_texts == 1 || min_texts > AD_BOILERPLATE_MIN_TEXTS_MAX)
		return AD_EBOILERPLATE_MIN_TEXTS;
	if (c->ntexts > 0)
		return AD_ESETTING_VALUE;
	c->bp_min_texts = min_texts;
	return AD_OK;
}

static void
lines_free(ad_cluster *c)
{
	free(c->raw);
	free(c->lines);
	free(c->ml);
	free(c->scratch);
	c->raw = c->scratch = NULL;
	c->lines = NULL;
	c->ml = NULL;
	c->raw_len = c->raw_cap = c->nlines = c->lines_cap = c->nml = c->ml_cap = c->scratch_cap = 0;
}

void
ad_cluster_free(ad_cluster *c)
{
	if (c == NULL)
		return;
	free(c->texts);
	free(c->rows);
	free(c->pool);
	free(c->toks);
	free(c->slots);
	free(c->edges);
	free(c->parent);
	free(c->method);
	free(c->res);
	free(c->c_rows);
	free(c->c_rank);
	free(c->c_src);
	free(c->pair_cache);
	free(c->pair_flags);
	free(c->cut);
	free(c->cut_off);
	lines_free(c);
	free(c->bp);
	free(c);
}

/* Append bytes (and a NUL) to the pool; *off receives their offset. */
static ad_status
pool_add(ad_cluster *c, const char *s, size_t len, size_t *off)
{
	ad_status	st = grow((void **) &c->pool, &c->pool_cap, c->pool_len + len + 1, 1);

	if (st != AD_OK)
		return st;
	if (len > 0)
		memcpy(c->pool + c->pool_len, s, len);
	c->pool[c->pool_len + len] = '\0';
	*off = c->pool_len;
	c->pool_len += len + 1;
	return AD_OK;
}

static uint64_t
sha_slot(const unsigned char *sha)
{
	uint64_t	h;

	memcpy(&h, sha, sizeof(h));
	return h;
}

/* Double the dedup table and reinsert every text. */
static ad_status
rehash(ad_cluster *c)
{
	size_t		n = c->nslots ? c->nslots * 2 : 1024,
				i;
	uint32_t   *s = calloc(n, sizeof(uint32_t));

	if (s == NULL)
		return AD_ENOMEM;
	for (i = 0; i < c->ntexts; i++)
	{
		size_t		j = sha_slot(c->texts[i].sha) & (n - 1);

		while (s[j] != 0)
			j = (j + 1) & (n - 1);
		s[j] = (uint32_t) i + 1;
	}
	free(c->slots);
	c->slots = s;
	c->nslots = n;
	return AD_OK;
}

/* Find the text with this digest, or the empty slot where it goes. */
static size_t
find_slot(const ad_cluster *c, const unsigned char *sha)
{
	size_t		j = sha_slot(sha) & (c->nslots - 1);

	while (c->slots[j] != 0 &&
		   memcmp(c->texts[c->slots[j] - 1].sha, sha, AD_SHA256_LEN) != 0)
		j = (j + 1) & (c->nslots - 1);
	return j;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	return (x > y) - (x < y);
}

/* Sort 32-bit values: Shell sort (Ciura's gaps) for the few tokens of a text, qsort beyond. */
static void
sort_u32(uint32_t *a, size_t n)
{
	static const size_t gaps[] = {132, 57, 23, 10, 4, 1};
	size_t		g,
				i;

	if (n > 1024)
	{
		qsort(a, n, sizeof(uint32_t), cmp_u32);
		return;
	}
	for (g = 0; g < sizeof(gaps) / sizeof(gaps[0]); g++)
	{
		size_t		h = gaps[g];

		for (i = h; i < n; i++)
		{
			uint32_t	v = a[i];
			size_t		j = i;

			while (j >= h && a[j - h] > v)
			{
				a[j] = a[j - h];
				j -= h;
			}
			a[j] = v;
		}
	}
}

/* Figures first, then by hash. */
static int
cmp_tok_keep(const void *a, const void *b)
{
	uint32_t	x = *(const uint32_t *) a,
				y = *(const uint32_t *) b;

	if ((x & 1) != (y & 1))
		return (x & 1) ? -1 : 1;
	return (x > y) - (x < y);
}

static inline int
is_trim(unsigned char ch)
{
	return ch < 0x80 && ch != '%' && ch != '#' && ch != '$' &&
		!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

/*
 * Candidate rare tokens of a normal form (see AD_RARE_* in ad_neardup.h):
 * distinct hashes, at most AD_RARE_KEEP, appended to c->toks sorted.
 */
static ad_status
text_tokens(ad_cluster *c, text_ent *t, const char *norm, size_t nlen)
{
	size_t		i = 0,
				start = c->ntoks,
				n,
				k;
	ad_status	st;

	if (start > UINT32_MAX - AD_RARE_KEEP)
		return AD_ETOOBIG;
	while (i < nlen)
	{
		size_t		b,
					e;
		int			strong = 0;

		while (i < nlen && (norm[i] == ' ' || norm[i] == '\n'))
			i++;
		b = i;
		while (i < nlen && norm[i] != ' ' && norm[i] != '\n')
			i++;
		e = i;
		while (b < e && is_trim((unsigned char) norm[b]))
			b++;
		while (e > b && is_trim((unsigned char) norm[e - 1]))
			e--;
		if (e - b < 3)
			continue;
		/* a digit or '@', or "://" or "www." in it */
		for (k = b; k < e && !strong; k++)
		{
			char		ch = norm[k];

			strong = (ch >= '0' && ch <= '9') || ch == '@' ||
				(ch == ':' && k + 2 < e && norm[k + 1] == '/' && norm[k + 2] == '/') ||
				(ch == 'w' && k + 3 < e && norm[k + 1] == 'w' && norm[k + 2] == 'w' &&
				 norm[k + 3] == '.');
		}
		if (!strong && e - b < AD_RARE_WORD_MIN)
			continue;
		if ((st = grow((void **) &c->toks, &c->toks_cap, c->ntoks + 1, sizeof(uint32_t))) != AD_OK)
			return st;
		c->toks[c->ntoks++] = ((uint32_t) XXH64(norm + b, e - b, 0) & ~UINT32_C(1)) | (uint32_t) strong;
	}
	n = c->ntoks - start;
	if (n > 1)
	{
		sort_u32(c->toks + start, n);
		for (i = 1, k = 1; i < n; i++)
			if (c->toks[start + i] != c->toks[start + k - 1])
				c->toks[start + k++] = c->toks[start + i];
		n = k;
	}
	if (n > AD_RARE_KEEP)
	{
		qsort(c->toks + start, n, sizeof(uint32_t), cmp_tok_keep);
		n = AD_RARE_KEEP;
		sort_u32(c->toks + start, n);
	}
	c->ntoks = start + n;
	t->tok_off = (uint32_t) start;
	t->ntok = (unsigned char) n;
	return AD_OK;
}

/*
 * A raw line cleaned into out (at least n bytes): ASCII letters lowered, runs
 * of white space one space, no space at either end.  *content is set when it
 * holds an ASCII letter or digit or a non-ASCII byte.
 */
static size_t
line_clean(const char *s, size_t n, char *out, int *content)
{
	size_t		i,
				o = 0;
	int			space = 0;

	*content = 0;
	for (i = 0; i < n; i++)
	{
		unsigned char ch = (unsigned char) s[i];

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v')
		{
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = 0;
		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char) (ch - 'A' + 'a');
		*content |= ch >= 0x80 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z');
		out[o++] = (char) ch;
	}
	return o;
}

/* Smallest hash of the runs of 3 words of a cleaned line (of the line if it has fewer). */
static uint32_t
line_shingle_min(const char *s, size_t n)
{
	size_t		start[3] = {0, 0, 0},
				i = 0,
				words = 0;
	uint32_t	m = UINT32_MAX;

	while (i < n)
	{
		size_t		b = i;

		while (i < n && s[i] != ' ')
			i++;
		start[words % 3] = b;
		words++;
		if (words >= 3)
		{
			size_t		first = start[(words - 3) % 3];
			uint32_t	h = (uint32_t) XXH64(s + first, i - first, 1);

			if (h < m)
				m = h;
		}
		i++;					/* the single space */
	}
	return words >= 3 ? m : (uint32_t) XXH64(s, n, 1);
}

/* Keep the lines of a new text (index text) for the boilerplate rule when it has 2 or more. */
static ad_status
text_lines(ad_cluster *c, uint32_t text, const char *content, size_t len)
{
	size_t		i = 0,
				first = c->nlines,
				raw0 = c->raw_len,
				nq = 0;
	ad_status	st;

	if (len == 0 || memchr(content, '\n', len) == NULL)
		return AD_OK;
	while (i < len)
	{
		size_t		b = i,
					e,
					n;
		int			has;
		line_ent   *l;

		while (i < len && content[i] != '\n')
			i++;
		e = i;
		if (i < len)
			i++;
		if (e - b > UINT32_MAX)
			return AD_ETOOBIG;
		if ((st = grow((void **) &c->scratch, &c->scratch_cap, e - b + 1, 1)) != AD_OK)
			return st;
		n = line_clean(content + b, e - b, c->scratch, &has);
		if (!has)
			continue;
		if ((st = grow((void **) &c->lines, &c->lines_cap, c->nlines + 1, sizeof(line_ent))) != AD_OK ||
			(st = grow((void **) &c->raw, &c->raw_cap, c->raw_len + (e - b), 1)) != AD_OK)
			return st;
		l = &c->lines[c->nlines++];
		l->key = XXH64(c->scratch, n, 0);
		l->shmin = line_shingle_min(c->scratch, n);
		l->off = c->raw_len;
		l->len = (uint32_t) (e - b);
		memcpy(c->raw + c->raw_len, content + b, e - b);
		c->raw_len += e - b;
		nq++;
	}
	if (nq < 2)
	{
		c->nlines = first;
		c->raw_len = raw0;
		return AD_OK;
	}
	if (nq > UINT32_MAX)
		return AD_ETOOBIG;
	if ((st = grow((void **) &c->ml, &c->ml_cap, c->nml + 1, sizeof(ml_ent))) != AD_OK)
		return st;
	c->ml[c->nml].text = text;
	c->ml[c->nml].nlines = (uint32_t) nq;
	c->ml[c->nml].line_off = first;
	c->nml++;
	return AD_OK;
}

/* The low 16 bits of each MinHash minimum of a normal form (what clustering keeps). */
static void
minhash16(const char *norm, size_t nlen, uint16_t *out)
{
	unsigned char mh[AD_MINHASH_BYTES];
	int			i;

	ad_minhash_normalized(norm, nlen, mh);
	for (i = 0; i < AD_MINHASH_PERMS; i++)
		out[i] = (uint16_t) (mh[AD_MINHASH_HEADER + 4 * i] | mh[AD_MINHASH_HEADER + 4 * i + 1] << 8);
}

/* Add a new distinct text: its ssdeep, MinHash, candidate rare tokens, and its lines when it has several. */
static ad_status
text_add(ad_cluster *c, const char *norm, size_t nlen, const unsigned char *sha,
		 const char *content, size_t len)
{
	char		sd[AD_SSDEEP_MAX];
	text_ent   *t;
	ad_status	st;

	if (c->ntexts >= UINT32_MAX - 1)
		return AD_ETOOBIG;
	if ((st = grow((void **) &c->texts, &c->texts_cap, c->ntexts + 1, sizeof(text_ent))) != AD_OK)
		return st;
	if ((st = ad_fuzzy_hash((const unsigned char *) norm, nlen, sd)) != AD_OK)
		return st;
	t = &c->texts[c->ntexts];
	memcpy(t->sha, sha, AD_SHA256_LEN);
	if ((st = pool_add(c, sd, strlen(sd), &t->sd_off)) != AD_OK)
		return st;
	minhash16(norm, nlen, t->mh);
	t->nrows = 0;
	t->len = nlen > UINT32_MAX ? UINT32_MAX : (uint32_t) nlen;
	t->empty = 0;
	t->bp = AD_NO_CONTENT_MH;
	if ((st = text_tokens(c, t, norm, nlen)) != AD_OK)
		return st;
	if (c->bp_min_texts > 0 && (st = text_lines(c, (uint32_t) c->ntexts, content, len)) != AD_OK)
		return st;
	c->ntexts++;
	return AD_OK;
}

/* Index of the text entry for this normalized text, adding it if new. */
static ad_status
text_lookup(ad_cluster *c, const char *norm, size_t nlen, const char *content, size_t len,
			uint32_t *idx)
{
	unsigned char sha[AD_SHA256_LEN];
	size_t		j;
	ad_status	st;

	if ((st = ad_sha256((const unsigned char *) norm, nlen, sha)) != AD_OK)
		return st;
	if ((c->ntexts + 1) * 2 > c->nslots && (st = rehash(c)) != AD_OK)
		return st;
	j = find_slot(c, sha);
	if (c->slots[j] == 0)
	{
		if ((st = text_add(c, norm, nlen, sha, content, len)) != AD_OK)
			return st;
		c->slots[j] = (uint32_t) c->ntexts;
	}
	*idx = c->slots[j] - 1;
	return AD_OK;
}

/* Order rows by id: bytes, then length (a prefix first). */
static int
id_cmp(const ad_cluster *c, uint32_t x, uint32_t y)
{
	const row_ent *a = &c->rows[x],
			   *b = &c->rows[y];
	size_t		n = a->idlen < b->idlen ? a->idlen : b->idlen;
	int			d = n ? memcmp(c->pool + a->id_off, c->pool + b->id_off, n) : 0;

	if (d != 0)
		return d;
	return (a->idlen > b->idlen) - (a->idlen < b->idlen);
}

ad_status
ad_cluster_add(ad_cluster *c, const char *id, size_t idlen,
			   const char *content, size_t len,
			   const char *source, size_t srclen)
{
	char	   *norm;
	size_t		nlen;
	row_ent    *r;
	uint32_t	t;
	ad_status	st;

	if (c->nrows >= UINT32_MAX - 1)
		return AD_ETOOBIG;
	if ((st = grow((void **) &c->rows, &c->rows_cap, c->nrows + 1, sizeof(row_ent))) != AD_OK)
		return st;
	if ((st = ad_text_normalize(content, len, &norm, &nlen)) != AD_OK)
		return st;
	st = text_lookup(c, norm, nlen, content, len, &t);
	ad_free(norm);
	if (st != AD_OK)
		return st;
	r = &c->rows[c->nrows];
	if ((st = pool_add(c, id, idlen, &r->id_off)) != AD_OK)
		return st;
	r->idlen = idlen;
	r->text = t;
	r->has_src = source != NULL;
	r->src = source ? XXH64(source, srclen, 0) : 0;
	if (c->texts[t].nrows == 0 || id_cmp(c, (uint32_t) c->nrows, c->texts[t].minrow) < 0)
		c->texts[t].minrow = (uint32_t) c->nrows;
	c->texts[t].nrows++;
	c->nrows++;
	return AD_OK;
}

/* Count work and poll the cancel callback now and then. */
static ad_status
tick(ad_cluster *c)
{
	if (++c->work % AD_CLUSTER_POLL == 0 && c->cancel != NULL && c->cancel(c->cancel_arg))
		return AD_ECANCELED;
	return AD_OK;
}

/* Share of equal 16-bit minima. */
static double
mh_sim(const uint16_t *x, const uint16_t *y)
{
	int			i,
				eq = 0;

	for (i = 0; i < AD_MINHASH_PERMS; i++)
		eq += x[i] == y[i];
	return (double) eq / AD_MINHASH_PERMS;
}

/* Key families: which evidence a key group is verified by. */
#define FAM_SSDEEP 0
#define FAM_MINHASH 1
#define FAM_RARE 2

/* Whether two texts are near by their rare tokens (AD_RARE_* rule). */
static int
rare_near(const ad_cluster *c, uint32_t a, uint32_t b)
{
	const text_ent *x = &c->texts[a],
			   *y = &c->texts[b];
	const uint32_t *p = c->toks + x->tok_off,
			   *q = c->toks + y->tok_off;
	unsigned	i = 0,
				j = 0,
				shared = 0,
				strong = 0;

	while (i < x->ntok && j < y->ntok)
	{
		if (p[i] < q[j])
			i++;
		else if (p[i] > q[j])
			j++;
		else
		{
			shared += 1 + (unsigned) (p[i] & 1);
			strong += (unsigned) (p[i] & 1);
			i++;
			j++;
		}
	}
	return shared >= AD_RARE_MIN_SHARED && strong >= AD_RARE_MIN_STRONG &&
		shared >= AD_RARE_JACCARD * (x->rare_w + y->rare_w - shared);
}

/*
 * The boilerplate rule, for a pair near by ssdeep or MinHash.  When both
 * texts hold boilerplate, they must be near without it too: MinHash at the
 * threshold, or ssdeep at the threshold (with MinHash at half of it when
 * either is short).  When one holds boilerplate, its MinHash without it
 * must reach half the threshold against the other's (a copy of a flood in
 * which a common line was altered keeps that line).
 */
static int
content_near(const ad_cluster *c, uint32_t a, uint32_t b)
{
	const text_ent *x = &c->texts[a],
			   *y = &c->texts[b];
	const content_sig *p,
			   *q;
	double		sim;

	if (x->bp == AD_NO_CONTENT_MH && y->bp == AD_NO_CONTENT_MH)
		return 1;
	if (x->bp == AD_NO_CONTENT_MH || y->bp == AD_NO_CONTENT_MH)
		return mh_sim(x->bp == AD_NO_CONTENT_MH ? x->mh : c->bp[x->bp].mh,
					  y->bp == AD_NO_CONTENT_MH ? y->mh : c->bp[y->bp].mh) >=
			c->minhash_threshold / 2;
	p = &c->bp[x->bp];
	q = &c->bp[y->bp];
	sim = mh_sim(p->mh, q->mh);
	if (sim >= c->minhash_threshold)
		return 1;
	if ((p->len < AD_CLUSTER_SSDEEP_MIN || q->len < AD_CLUSTER_SSDEEP_MIN) &&
		sim < c->minhash_threshold / 2)
		return 0;
	return fuzzy_compare(c->pool + p->sd_off, c->pool + q->sd_off) >= c->ssdeep_threshold;
}

/* Whether texts a and b are near-duplicates by the family of the key. */
static int
verify(ad_cluster *c, int fam, uint32_t a, uint32_t b)
{
	if (fam == FAM_RARE)
		return rare_near(c, a, b);
	if (fam == FAM_MINHASH)
		return mh_sim(c->texts[a].mh, c->texts[b].mh) >= c->minhash_threshold &&
			content_near(c, a, b);
	/* Below the threshold by libfuzzy's scoring (cheaper than scoring). */
	if (c->cut != NULL)
	{
		if (c->reach_text != a)
		{
			ad_ssdeep_reach_load(&c->reach, c->cut + c->cut_off[a], c->ssdeep_threshold);
			c->reach_text = a;
		}
		if (!ad_ssdeep_may_reach(&c->reach, c->cut + c->cut_off[b]))
			return 0;
	}
	/* A short text's ssdeep match needs MinHash at half the threshold too. */
	if ((c->texts[a].len < AD_CLUSTER_SSDEEP_MIN || c->texts[b].len < AD_CLUSTER_SSDEEP_MIN) &&
		mh_sim(c->texts[a].mh, c->texts[b].mh) < c->minhash_threshold / 2)
		return 0;
	return content_near(c, a, b) &&
		fuzzy_compare(c->pool + c->texts[a].sd_off,
					  c->pool + c->texts[b].sd_off) >= c->ssdeep_threshold;
}

/* Record a verified near pair. */
static ad_status
edge_add(ad_cluster *c, uint32_t t, uint32_t u, ad_cluster_method m)
{
	ad_status	st = grow((void **) &c->edges, &c->edges_cap, c->nedges + 1, sizeof(edge));

	if (st != AD_OK)
		return st;
	c->edges[c->nedges].a = t < u ? t : u;
	c->edges[c->nedges].b = t < u ? u : t;
	c->edges[c->nedges].method = (uint32_t) m;
	c->nedges++;
	return AD_OK;
}

/* Pair cache flags: verified by ssdeep / near by ssdeep / same for MinHash, rare tokens. */
#define PAIR_SD_DONE 1
#define PAIR_SD_NEAR 2
#define PAIR_MH_DONE 4
#define PAIR_MH_NEAR 8
#define PAIR_RT_DONE 16
#define PAIR_RT_NEAR 32

/*
 * Verify texts t and u by the family of the key, once per pair as far as the
 * cache remembers (a pair evicted from the cache is verified again and gives
 * the same answer; duplicate edges are merged later).  *near receives
 * whether they are near by this family or already by an earlier one
 * (ssdeep, then MinHash, then rare tokens).
 */
/* The pair cache key of texts t and u and its slot. */
static inline size_t
pair_slot(uint32_t t, uint32_t u, uint64_t *v)
{
	*v = t < u ? ((uint64_t) t << 32 | u) : ((uint64_t) u << 32 | t);
	return XXH64(v, sizeof(*v), 0) & (AD_PAIR_CACHE - 1);
}

static ad_status
try_pair(ad_cluster *c, int fam, uint32_t t, uint32_t u, size_t slot, uint64_t v, int *near)
{
	static const unsigned char done_f[] = {PAIR_SD_DONE, PAIR_MH_DONE, PAIR_RT_DONE};
	static const unsigned char near_f[] = {PAIR_SD_NEAR, PAIR_MH_NEAR, PAIR_RT_NEAR};
	static const unsigned char earlier[] = {0, PAIR_SD_NEAR, PAIR_SD_NEAR | PAIR_MH_NEAR};
	static const ad_cluster_method meth[] = {AD_METHOD_SSDEEP, AD_METHOD_MINHASH, AD_METHOD_RARE_TOKENS};
	unsigned char done = done_f[fam],
				nearf = near_f[fam];
	ad_status	st = tick(c);

	*near = 0;
	if (st != AD_OK)
		return st;
	if (c->pair_cache[slot] != v + 1)
	{
		c->pair_cache[slot] = v + 1;
		c->pair_flags[slot] = 0;
	}
	if (c->pair_flags[slot] & (earlier[fam] | nearf))
	{
		*near = 1;
		return AD_OK;
	}
	if (c->pair_flags[slot] & done)
		return AD_OK;
	c->pair_flags[slot] |= done;
	if (!verify(c, fam, t, u))
		return AD_OK;
	c->pair_flags[slot] |= nearf;
	*near = 1;
	return edge_add(c, t, u, meth[fam]);
}

_Static_assert(AD_CLUSTER_ANCHORS <= AD_CLUSTER_HOT_KEY, "a text has at most AD_CLUSTER_HOT_KEY pairs in a group");

/* Verify the texts sharing one key: all pairs, or against anchors when hot. */
static ad_status
verify_group(ad_cluster *c, int fam, const key_pair *g, size_t n)
{
	uint32_t	anchors[AD_CLUSTER_ANCHORS];
	size_t		nanch = 0,
				i,
				j,
				slots[AD_CLUSTER_HOT_KEY];
	uint64_t	vs[AD_CLUSTER_HOT_KEY];
	ad_status	st;

	for (i = 0; i < n; i++)
	{
		uint32_t	t = g[i].text;
		size_t		lim = n <= AD_CLUSTER_HOT_KEY ? i : nanch;
		int			near_anchor = 0,
					near;

		/* the cache slots of this text's pairs, fetched ahead (random places in a large table) */
		for (j = 0; j < lim; j++)
		{
			slots[j] = pair_slot(t, n <= AD_CLUSTER_HOT_KEY ? g[j].text : anchors[j], &vs[j]);
			__builtin_prefetch(&c->pair_cache[slots[j]]);
			__builtin_prefetch(&c->pair_flags[slots[j]]);
		}
		for (j = 0; j < lim; j++)
		{
			uint32_t	u = n <= AD_CLUSTER_HOT_KEY ? g[j].text : anchors[j];

			if ((st = try_pair(c, fam, t, u, slots[j], vs[j], &near)) != AD_OK)
				return st;
			near_anchor |= near;
		}
		/* t becomes an anchor unless it is near one. */
		if (n > AD_CLUSTER_HOT_KEY && nanch < AD_CLUSTER_ANCHORS && !near_anchor)
			anchors[nanch++] = t;
	}
	return AD_OK;
}

/*
 * Sort pairs by key, keeping the order of equal keys (the text order they were
 * made in): a least-significant-digit radix sort, 8 bits a pass (the counts of
 * every digit taken in one read), skipping the passes in which every key has
 * the same digit.  tmp holds n pairs.
 */
static void
sort_pairs(key_pair *p, key_pair *tmp, size_t n)
{
	key_pair   *src = p,
			   *dst = tmp;
	size_t		count[8][256] = {{0}},
				i;
	int			d;

	if (n < 2)
		return;
	/* the counts of all 8 digits in one read */
	for (i = 0; i < n; i++)
	{
		uint64_t	k = src[i].key;

		for (d = 0; d < 8; d++)
			count[d][(k >> (8 * d)) & 0xff]++;
	}
	for (d = 0; d < 8; d++)
	{
		size_t		sum = 0;
		key_pair   *t;

		if (count[d][(src[0].key >> (8 * d)) & 0xff] == n)
			continue;			/* every key has this digit */
		for (i = 0; i < 256; i++)
		{
			size_t		c = count[d][i];

			count[d][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[count[d][(src[i].key >> (8 * d)) & 0xff]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != p)
		memcpy(p, src, n * sizeof(key_pair));
}

/* Sort the pairs and verify each group of equal keys. */
static ad_status
verify_pairs(ad_cluster *c, int fam, key_pair *p, size_t n)
{
	size_t		i = 0;
	key_pair   *tmp = malloc((n ? n : 1) * sizeof(key_pair));
	ad_status	st = AD_OK;

	if (tmp == NULL)
		return AD_ENOMEM;
	sort_pairs(p, tmp, n);
	free(tmp);
	while (i < n)
	{
		size_t		j = i + 1;

		while (j < n && p[j].key == p[i].key)
			j++;
		if (j - i > 1 && (st = verify_group(c, fam, p + i, j - i)) != AD_OK)
			return st;
		i = j;
	}
	return AD_OK;
}

/* Band keys of a stored 16-bit signature, bands [b0, b0 + nb). */
static void
band_keys(const text_ent *t, int b0, int nb, uint64_t *keys)
{
	int			b;

	for (b = 0; b < nb; b++)
	{
		unsigned char buf[2 * AD_MINHASH_ROWS];
		int			r;

		for (r = 0; r < AD_MINHASH_ROWS; r++)
		{
			uint16_t	v = t->mh[(b0 + b) * AD_MINHASH_ROWS + r];

			buf[2 * r] = (unsigned char) v;
			buf[2 * r + 1] = (unsigned char) (v >> 8);
		}
		keys[b] = XXH64(buf, sizeof(buf), (XXH64_hash_t) (b0 + b)) | AD_FAMILY_MINHASH;
	}
}

/* MinHash candidates, a few bands per pass. */
static ad_status
minhash_passes(ad_cluster *c, key_pair *buf)
{
	int			b0;
	ad_status	st;

	for (b0 = 0; b0 < AD_MINHASH_BANDS; b0 += AD_BANDS_PER_PASS)
	{
		size_t		n = 0,
					t;

		for (t = 0; t < c->ntexts; t++)
		{
			uint64_t	keys[AD_BANDS_PER_PASS];
			int			k;

			if ((st = tick(c)) != AD_OK)
				return st;
			if (c->texts[t].empty)
				continue;
			band_keys(&c->texts[t], b0, AD_BANDS_PER_PASS, keys);
			for (k = 0; k < AD_BANDS_PER_PASS; k++)
			{
				buf[n].key = keys[k];
				buf[n++].text = (uint32_t) t;
			}
		}
		if ((st = verify_pairs(c, FAM_MINHASH, buf, n)) != AD_OK)
			return st;
	}
	return AD_OK;
}

/* ssdeep candidates: keys split into passes by key value so each pass fits. */
static ad_status
ssdeep_passes(ad_cluster *c, key_pair **bufp, size_t *bufcap)
{
	size_t		total = 0,
				cutlen = 0,
				cutcap = 0,
				cn,
				npass,
				pass,
				t;
	int64_t		keys[AD_SSDEEP_KEYS_MAX],
			   *allk = NULL;
	size_t	   *koff,
				kcap = 0;
	int			nk,
				k;
	ad_status	st;

	if ((koff = malloc((c->ntexts + 1) * sizeof(size_t))) != NULL)
		koff[0] = 0;
	/* The score filter is exact only for a threshold above 0 (every pair scores 0). */
	if (c->ssdeep_threshold >= 1 &&
		(c->cut_off = malloc((c->ntexts ? c->ntexts : 1) * sizeof(size_t))) == NULL)
	{
		free(koff);
		return AD_ENOMEM;
	}
	for (t = 0; t < c->ntexts; t++)
	{
		const char *sd = c->pool + c->texts[t].sd_off;
		size_t		sdlen = strlen(sd);

		nk = 0;
		if (!c->texts[t].empty &&
			(st = ad_ssdeep_keys(sd, sdlen, c->ssdeep_threshold, keys, &nk)) != AD_OK)
			goto done;
		/* keep the keys for the passes (without memory, compute them again per pass) */
		if (koff != NULL &&
			grow((void **) &allk, &kcap, total + (size_t) nk, sizeof(int64_t)) != AD_OK)
		{
			free(koff);
			free(allk);
			koff = NULL;
			allk = NULL;
		}
		if (koff != NULL)
		{
			if (nk > 0)
				memcpy(allk + total, keys, (size_t) nk * sizeof(int64_t));
			koff[t + 1] = total + (size_t) nk;
		}
		total += (size_t) nk;
		if (c->cut_off != NULL)
		{
			if ((st = grow((void **) &c->cut, &cutcap, cutlen + AD_SSDEEP_CUT_MAX, 1)) != AD_OK)
				goto done;
			c->cut_off[t] = cutlen;
			if ((cn = ad_ssdeep_cut(sd, sdlen, c->cut + cutlen)) == 0)
			{
				/* not a signature (cannot happen): no filter */
				free(c->cut);
				free(c->cut_off);
				c->cut = NULL;
				c->cut_off = NULL;
			}
			cutlen += cn;
		}
	}
	npass = total / AD_CLUSTER_PASS_PAIRS + 1;
	if ((st = grow((void **) bufp, bufcap, total / npass + AD_CLUSTER_PASS_PAIRS / 4 + 1,
				   sizeof(key_pair))) != AD_OK)
		goto done;
	for (pass = 0; pass < npass; pass++)
	{
		size_t		n = 0;

		for (t = 0; t < c->ntexts; t++)
		{
			const int64_t *tk = keys;

			if ((st = tick(c)) != AD_OK)
				goto done;
			if (koff != NULL)
			{
				tk = allk + koff[t];
				nk = (int) (koff[t + 1] - koff[t]);
			}
			else
			{
				const char *sd = c->pool + c->texts[t].sd_off;

				nk = 0;
				if (!c->texts[t].empty)
					ad_ssdeep_keys(sd, strlen(sd), c->ssdeep_threshold, keys, &nk);
			}
			for (k = 0; k < nk; k++)
			{
				if (npass > 1 && XXH64(&tk[k], sizeof(tk[k]), 0) % npass != pass)
					continue;
				if ((st = push_pair(bufp, bufcap, &n, (uint64_t) tk[k], (uint32_t) t)) != AD_OK)
					goto done;
			}
		}
		if ((st = verify_pairs(c, FAM_SSDEEP, *bufp, n)) != AD_OK)
			goto done;
	}
	st = AD_OK;
done:
	free(koff);
	free(allk);
	return st;
}

/*
 * Rare-token candidates.  Pass 1 counts each token's texts (sorted groups)
 * and marks it rare in every text that keeps it when the count is within
 * [2, AD_RARE_DF_MAX]; then each text keeps only its rare tokens (the
 * others count nowhere); pass 2 verifies the texts sharing each rare figure.  Both split
 * the tokens into passes by hash so that each fits the buffer (pass 2 has
 * only the rare figures to hold, so usually one pass).  Rare-token groups are
 * never hot, so the order of the groups leaves the near pairs unchanged.
 */
_Static_assert(AD_RARE_DF_MAX <= AD_CLUSTER_HOT_KEY, "rare-token groups must not be hot");

static ad_status
rare_passes(ad_cluster *c, key_pair **bufp, size_t *bufcap)
{
	size_t		npass = c->ntoks / AD_CLUSTER_PASS_PAIRS + 1,
				pass,
				t,
				cands = 0;
	unsigned char *israre;
	ad_status	st;

	if ((st = grow((void **) bufp, bufcap, c->ntoks / npass + AD_CLUSTER_PASS_PAIRS / 4 + 1,
				   sizeof(key_pair))) != AD_OK)
		return st;
	/* Pass 1, over the token list itself: text = the token's place in c->toks. */
	if ((israre = calloc(c->ntoks ? c->ntoks : 1, 1)) == NULL)
		return AD_ENOMEM;
	for (pass = 0; pass < npass; pass++)
	{
		size_t		n = 0,
					i = 0,
					k;
		key_pair   *tmp;

		for (k = 0; k < c->ntoks; k++)
		{
			uint32_t	h = c->toks[k];

			if (k % 64 == 0 && (st = tick(c)) != AD_OK)
				goto done;
			if ((h >> 1) % npass != pass)
				continue;
			if ((st = push_pair(bufp, bufcap, &n, h, (uint32_t) k)) != AD_OK)
				goto done;
		}
		if ((tmp = malloc((n ? n : 1) * sizeof(key_pair))) == NULL)
		{
			st = AD_ENOMEM;
			goto done;
		}
		sort_pairs(*bufp, tmp, n);
		free(tmp);
		/* a text keeps a token once, so a group's size is the token's count of texts */
		while (i < n)
		{
			size_t		j = i + 1,
						m;

			while (j < n && (*bufp)[j].key == (*bufp)[i].key)
				j++;
			if (j - i >= 2 && j - i <= AD_RARE_DF_MAX)
				for (m = i; m < j; m++)
					israre[(*bufp)[m].text] = 1;
			i = j;
		}
	}
	/* Each text keeps only its rare tokens (still sorted): they alone count from here. */
	for (t = 0; t < c->ntexts; t++)
	{
		text_ent   *x = &c->texts[t];
		unsigned	k,
					o = 0;

		x->rare_w = 0;
		for (k = 0; k < x->ntok; k++)
			if (israre[x->tok_off + k])
			{
				uint32_t	h = c->toks[x->tok_off + k];

				x->rare_w += 1 + (h & 1);
				cands += h & 1;
				c->toks[x->tok_off + o++] = h;
			}
		x->ntok = (unsigned char) o;
	}
	/* Pass 2: few tokens are rare figures, so passes for them alone (usually one). */
	npass = cands / AD_CLUSTER_PASS_PAIRS + 1;
	for (pass = 0; pass < npass; pass++)
	{
		size_t		n = 0;

		for (t = 0; t < c->ntexts; t++)
		{
			const text_ent *x = &c->texts[t];
			unsigned	k;

			if ((st = tick(c)) != AD_OK)
				goto done;
			for (k = 0; k < x->ntok; k++)
			{
				uint32_t	h = c->toks[x->tok_off + k];

				/* a near pair shares AD_RARE_MIN_STRONG >= 1 rare figures: only they make candidates */
				if (!(h & 1) || (h >> 1) % npass != pass)
					continue;
				if ((st = push_pair(bufp, bufcap, &n, h, (uint32_t) t)) != AD_OK)
					goto done;
			}
		}
		if ((st = verify_pairs(c, FAM_RARE, *bufp, n)) != AD_OK)
			goto done;
	}
	st = AD_OK;
done:
	free(israre);
	return st;
}

/*
 * A line of a text with several, for the boilerplate decision: its key, the
 * texts it recurs in (their count and a fingerprint of the set), and the
 * summary of that text's other lines outside its block.
 */
typedef struct line_key
{
	uint64_t	key;
	uint64_t	fp;
	uint32_t	ml;
	uint32_t	shmin;
	uint32_t	ntexts;
	uint32_t	rest;
	uint32_t	len;			/* bytes of the line; then 1 when its block is a minor part of the text */
	uint32_t	pad;
} line_key;

/* Order by a first value, then a second. */
static inline int
cmp_then(uint64_t x1, uint64_t y1, uint64_t x2, uint64_t y2)
{
	if (x1 != y1)
		return x1 < y1 ? -1 : 1;
	return (x2 > y2) - (x2 < y2);
}

/* By key, then text. */
static int
cmp_lk_key(const void *a, const void *b)
{
	const line_key *x = a,
			   *y = b;

	return cmp_then(x->key, y->key, x->ml, y->ml);
}

/* By text, then fingerprint. */
static int
cmp_lk_text(const void *a, const void *b)
{
	const line_key *x = a,
			   *y = b;

	return cmp_then(x->ml, y->ml, x->fp, y->fp);
}

/* By key, then rest. */
static int
cmp_lk_rest(const void *a, const void *b)
{
	const line_key *x = a,
			   *y = b;

	return cmp_then(x->key, y->key, x->rest, y->rest);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a,
				y = *(const uint64_t *) b;

	return (x > y) - (x < y);
}

static int
is_boilerplate(const uint64_t *bk, size_t nbk, uint64_t key)
{
	return nbk > 0 && bsearch(&key, bk, nbk, sizeof(uint64_t), cmp_u64) != NULL;
}

/*
 * The boilerplate rule (ad_neardup.h): find the lines that are boilerplate,
 * and sign each text that holds one again without them.  Then the lines are
 * freed.  Every decision rests on counts over all texts, so it does not
 * depend on the order of the rows.
 */
static ad_status
boilerplate(ad_cluster *c)
{
	line_key   *e = NULL;
	uint64_t   *bk = NULL;
	size_t		n = 0,
				nf = 0,
				nbk = 0,
				bkcap = 0,
				i,
				j,
				m;
	int			changed = 0;
	ad_status	st = AD_OK;

	if (c->nml == 0)
		goto done;
	if ((e = malloc(c->nlines * sizeof(line_key))) == NULL)
	{
		st = AD_ENOMEM;
		goto done;
	}
	for (m = 0; m < c->nml; m++)
	{
		const line_ent *l = c->lines + c->ml[m].line_off;

		for (j = 0; j < c->ml[m].nlines; j++)
		{
			e[n].key = l[j].key;
			e[n].ml = (uint32_t) m;
			e[n].len = l[j].len;
			e[n++].shmin = l[j].shmin;
		}
	}
	/* Each key's texts (a line twice in a text counts once): their count and fingerprint. */
	qsort(e, n, sizeof(line_key), cmp_lk_key);
	for (i = 0, j = 0; i < n; i++)
		if (j == 0 || e[i].key != e[j - 1].key || e[i].ml != e[j - 1].ml)
			e[j++] = e[i];
	n = j;
	for (i = 0; i < n; i = j)
	{
		uint64_t	fp = 0;
		size_t		k;

		if ((st = tick(c)) != AD_OK)
			goto done;
		for (j = i; j < n && e[j].key == e[i].key; j++)
		{
			uint64_t	x = e[j].ml;

			fp += XXH64(&x, sizeof(x), 2);
		}
		for (k = i; k < j; k++)
		{
			e[k].fp = fp;
			e[k].ntexts = (uint32_t) (j - i);
		}
	}
	/*
	 * Per text: the lines of a block (the same set of texts) summarize to the
	 * smallest summary of the text's lines outside that block.
	 */
	qsort(e, n, sizeof(line_key), cmp_lk_text);
	for (i = 0; i < n; i = j)
	{
		uint32_t	m1 = UINT32_MAX,
					m2 = UINT32_MAX,
					gmin;
		uint64_t	f1 = 0,
					total = 0,
					bytes;
		size_t		g,
					k,
					h;

		if ((st = tick(c)) != AD_OK)
			goto done;
		for (j = i; j < n && e[j].ml == e[i].ml; j++)
			total += e[j].len;
		/* m1: the smallest block minimum (block f1); m2: the smallest of the other blocks */
		for (g = i; g < j; g = k)
		{
			gmin = UINT32_MAX;
			bytes = 0;
			for (k = g; k < j && e[k].fp == e[g].fp; k++)
			{
				gmin = e[k].shmin < gmin ? e[k].shmin : gmin;
				bytes += e[k].len;
			}
			/* a minor part: less than AD_BOILERPLATE_SHARE of the text's lines' bytes */
			for (h = g; h < k; h++)
				e[h].len = bytes * 100 < total * AD_BOILERPLATE_SHARE;
			if (gmin < m1)
			{
				m2 = m1;
				m1 = gmin;
				f1 = e[g].fp;
			}
			else if (gmin < m2)
				m2 = gmin;
		}
		for (k = i; k < j; k++)
			if (e[k].ntexts >= (uint32_t) c->bp_min_texts)
			{
				e[nf] = e[k];
				e[nf++].rest = e[k].fp == f1 ? m2 : m1;
			}
	}
	/* A frequent line is boilerplate when its texts' summaries take enough distinct values. */
	qsort(e, nf, sizeof(line_key), cmp_lk_rest);
	for (i = 0; i < nf; i = j)
	{
		size_t		distinct = 0,
					minor = 0;

		if ((st = tick(c)) != AD_OK)
			goto done;
		for (j = i; j < nf && e[j].key == e[i].key; j++)
		{
			distinct += j == i || e[j].rest != e[j - 1].rest;
			minor += e[j].len;
		}
		if (distinct >= (size_t) c->bp_min_texts && 2 * distinct >= j - i && 2 * minor >= j - i)
		{
			if ((st = grow((void **) &bk, &bkcap, nbk + 1, sizeof(uint64_t))) != AD_OK)
				goto done;
			bk[nbk++] = e[i].key;
		}
	}
	free(e);
	e = NULL;
	/* keys come out of the sorted groups in order */
	for (m = 0; nbk > 0 && m < c->nml; m++)
	{
		const line_ent *l = c->lines + c->ml[m].line_off;
		uint32_t	k = c->ml[m].nlines,
					j;
		size_t		len = 0;
		int			any = 0;
		text_ent   *t = &c->texts[c->ml[m].text];
		char	   *norm;
		size_t		nlen;

		if ((st = tick(c)) != AD_OK)
			goto done;
		for (j = 0; j < k && !any; j++)
			any = is_boilerplate(bk, nbk, l[j].key);
		if (!any)
			continue;
		changed = 1;
		for (j = 0; j < k; j++)
			if (!is_boilerplate(bk, nbk, l[j].key))
			{
				if ((st = grow((void **) &c->scratch, &c->scratch_cap, len + l[j].len + 1, 1)) != AD_OK)
					goto done;
				memcpy(c->scratch + len, c->raw + l[j].off, l[j].len);
				len += l[j].len;
				c->scratch[len++] = '\n';
			}
		if (len == 0)
		{
			t->empty = 1;
			t->ntok = 0;
			continue;
		}
		if ((st = ad_text_normalize(c->scratch, len, &norm, &nlen)) != AD_OK)
			goto done;
		if (c->nbp >= UINT32_MAX - 1)
			st = AD_ETOOBIG;
		else
			st = grow((void **) &c->bp, &c->bp_cap, c->nbp + 1, sizeof(content_sig));
		if (st == AD_OK)
		{
			char		sd[AD_SSDEEP_MAX];
			content_sig *cs = &c->bp[c->nbp];

			if ((st = ad_fuzzy_hash((const unsigned char *) norm, nlen, sd)) == AD_OK &&
				(st = pool_add(c, sd, strlen(sd), &cs->sd_off)) == AD_OK)
			{
				minhash16(norm, nlen, cs->mh);
				cs->len = nlen > UINT32_MAX ? UINT32_MAX : (uint32_t) nlen;
				t->bp = (uint32_t) c->nbp++;
				/* its rare-token candidates without the boilerplate, too */
				st = text_tokens(c, t, norm, nlen);
			}
		}
		ad_free(norm);
		if (st != AD_OK)
			goto done;
	}
	/* Tokens: each text's own, in text order (dropping those the texts above replaced). */
	if (changed)
	{
		size_t		total = 0,
					o = 0,
					t;
		uint32_t   *nt;

		for (t = 0; t < c->ntexts; t++)
			total += c->texts[t].ntok;
		if ((nt = malloc((total ? total : 1) * sizeof(uint32_t))) == NULL)
		{
			st = AD_ENOMEM;
			goto done;
		}
		for (t = 0; t < c->ntexts; t++)
		{
			text_ent   *x = &c->texts[t];

			if (x->ntok > 0)
				memcpy(nt + o, c->toks + x->tok_off, x->ntok * sizeof(uint32_t));
			x->tok_off = (uint32_t) o;
			o += x->ntok;
		}
		free(c->toks);
		c->toks = nt;
		c->ntoks = c->toks_cap = total;
	}
done:
	free(e);
	free(bk);
	lines_free(c);
	return st;
}

/* Order (representative, source) pairs of 64-bit values. */
static int
cmp_pair_u64(const void *a, const void *b)
{
	const uint64_t *x = a,
			   *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

static int
cmp_sha(const void *a, const void *b)
{
	return memcmp(((const text_ent *) a)->sha, ((const text_ent *) b)->sha, AD_SHA256_LEN);
}

/*
 * Put the texts in canonical order (by digest; digests are distinct), so
 * that key groups, anchors and verifications do not depend on row order.
 */
static ad_status
canonical_order(ad_cluster *c)
{
	size_t		n = c->ntexts,
				i;
	uint32_t   *pos;

	free(c->slots);				/* no more lookups by digest */
	c->slots = NULL;
	c->nslots = 0;
	if (n < 2)
		return AD_OK;
	/* Remember each text's old index in nrows' place while sorting. */
	pos = malloc(n * sizeof(uint32_t));
	if (pos == NULL)
		return AD_ENOMEM;
	for (i = 0; i < n; i++)
	{
		pos[i] = c->texts[i].nrows;
		c->texts[i].nrows = (uint32_t) i;
	}
	qsort(c->texts, n, sizeof(text_ent), cmp_sha);
	/* pos[old] = new index; nrows restored from the old array order. */
	{
		uint32_t   *nr = malloc(n * sizeof(uint32_t));

		if (nr == NULL)
		{
			free(pos);
			return AD_ENOMEM;
		}
		memcpy(nr, pos, n * sizeof(uint32_t));
		for (i = 0; i < n; i++)
		{
			uint32_t	old = c->texts[i].nrows;

			c->texts[i].nrows = nr[old];
			pos[old] = (uint32_t) i;
		}
		free(nr);
	}
	for (i = 0; i < c->nrows; i++)
		c->rows[i].text = pos[c->rows[i].text];
	free(pos);
	return AD_OK;
}

static int
cmp_edge(const void *a, const void *b)
{
	const edge *x = a,
			   *y = b;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	return (x->method > y->method) - (x->method < y->method);
}

typedef int (*idx_cmp) (const ad_cluster *c, const uint64_t *w, uint32_t x, uint32_t y);

/* Merge sort of n indexes with a comparator that takes the clustering (no globals). */
static ad_status
sort_idx(uint32_t *a, size_t n, idx_cmp cmp, const ad_cluster *c, const uint64_t *w)
{
	uint32_t   *tmp,
			   *src = a,
			   *dst;
	size_t		width,
				i;

	if (n < 2)
		return AD_OK;
	if ((tmp = malloc(n * sizeof(uint32_t))) == NULL)
		return AD_ENOMEM;
	dst = tmp;
	for (width = 1; width < n; width *= 2)
	{
		uint32_t   *t;

		for (i = 0; i < n; i += 2 * width)
		{
			size_t		l = i,
						m = i + width < n ? i + width : n,
						r = m,
						e = i + 2 * width < n ? i + 2 * width : n,
						o = i;

			while (l < m && r < e)
				dst[o++] = cmp(c, w, src[r], src[l]) < 0 ? src[r++] : src[l++];
			while (l < m)
				dst[o++] = src[l++];
			while (r < e)
				dst[o++] = src[r++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(uint32_t));
	free(tmp);
	return AD_OK;
}

/* Texts by near rows (descending), then by smallest row id. */
static int
cmp_star(const ad_cluster *c, const uint64_t *w, uint32_t x, uint32_t y)
{
	if (w[x] != w[y])
		return w[x] > w[y] ? -1 : 1;
	return id_cmp(c, c->texts[x].minrow, c->texts[y].minrow);
}

/* Rows by id. */
static int
cmp_row_id(const ad_cluster *c, const uint64_t *w, uint32_t x, uint32_t y)
{
	(void) w;
	return id_cmp(c, x, y);
}

/*
 * Star clusters over the near pairs: c->parent[t] is t's representative text
 * (UINT32_MAX when t is alone), c->method[t] how it joined.
 */
static ad_status
star_clusters(ad_cluster *c)
{
	size_t		n = c->ntexts,
				ne = 0,
				i,
				k,
				norder = 0;
	uint32_t   *off,
			   *adj,
			   *order;
	unsigned char *adjm;
	uint64_t   *weight;
	ad_status	st = AD_ENOMEM;

	/* Merge duplicate pairs; the smaller method (ssdeep before MinHash) wins. */
	if (c->nedges > 0)
		qsort(c->edges, c->nedges, sizeof(edge), cmp_edge);
	for (i = 0; i < c->nedges; i++)
		if (ne == 0 || c->edges[i].a != c->edges[ne - 1].a || c->edges[i].b != c->edges[ne - 1].b)
			c->edges[ne++] = c->edges[i];
	c->nedges = ne;
	off = calloc(n + 1, sizeof(uint32_t));
	adj = malloc((2 * ne + 1) * sizeof(uint32_t));
	adjm = malloc(2 * ne + 1);
	order = malloc((n + 1) * sizeof(uint32_t));
	weight = calloc(n + 1, sizeof(uint64_t));
	if (!off || !adj || !adjm || !order || !weight)
		goto done;
	for (i = 0; i < ne; i++)
	{
		off[c->edges[i].a + 1]++;
		off[c->edges[i].b + 1]++;
		weight[c->edges[i].a] += c->texts[c->edges[i].b].nrows;
		weight[c->edges[i].b] += c->texts[c->edges[i].a].nrows;
	}
	for (i = 0; i < n; i++)
		off[i + 1] += off[i];
	for (i = 0; i < ne; i++)
	{
		const edge *e = &c->edges[i];

		adj[off[e->a]] = e->b;
		adjm[off[e->a]++] = (unsigned char) e->method;
		adj[off[e->b]] = e->a;
		adjm[off[e->b]++] = (unsigned char) e->method;
	}
	for (i = n; i > 0; i--)
		off[i] = off[i - 1];
	off[0] = 0;
	free(c->edges);
	c->edges = NULL;
	c->nedges = c->edges_cap = 0;
	for (i = 0; i < n; i++)
	{
		c->parent[i] = UINT32_MAX;
		weight[i] += c->texts[i].nrows - 1;
		if (weight[i] > 0)
			order[norder++] = (uint32_t) i;
	}
	if (sort_idx(order, norder, cmp_star, c, weight) != AD_OK)
		goto done;
	for (i = 0; i < norder; i++)
	{
		uint32_t	t = order[i];

		if (c->parent[t] != UINT32_MAX)
			continue;
		c->parent[t] = t;
		c->method[t] = AD_METHOD_NONE;
		for (k = off[t]; k < off[t + 1]; k++)
			if (c->parent[adj[k]] == UINT32_MAX)
			{
				c->parent[adj[k]] = t;
				c->method[adj[k]] = adjm[k];
				if (c->method[t] == AD_METHOD_NONE || adjm[k] < c->method[t])
					c->method[t] = adjm[k];
			}
	}
	st = AD_OK;
done:
	free(off);
	free(adj);
	free(adjm);
	free(order);
	free(weight);
	return st;
}

/* Per-cluster figures and the list of rows in clusters of 2+. */
static ad_status
collect(ad_cluster *c)
{
	size_t		i,
				n = c->ntexts,
				nrep = 0;
	uint64_t   *srcs;
	uint32_t   *reps;
	size_t		nsrc = 0;

	c->c_rows = calloc(n ? n : 1, sizeof(uint32_t));
	c->c_rank = calloc(n ? n : 1, sizeof(uint32_t));
	c->c_src = calloc(n ? n : 1, sizeof(int32_t));
	c->res = malloc((c->nrows ? c->nrows : 1) * sizeof(uint32_t));
	srcs = malloc((c->nrows ? c->nrows : 1) * sizeof(uint64_t) * 2);
	reps = malloc((n ? n : 1) * sizeof(uint32_t));
	if (!c->c_rows || !c->c_rank || !c->c_src || !c->res || !srcs || !reps)
	{
		free(srcs);
		free(reps);
		return AD_ENOMEM;
	}
	for (i = 0; i < n; i++)
		c->c_src[i] = -1;
	for (i = 0; i < c->nrows; i++)
	{
		uint32_t	r = c->parent[c->rows[i].text];

		if (r == UINT32_MAX)
			continue;
		c->c_rows[r]++;
		if (c->rows[i].has_src)
		{
			srcs[2 * nsrc] = r;
			srcs[2 * nsrc + 1] = c->rows[i].src;
			nsrc++;
		}
	}
	/* Distinct sources per cluster: sort (representative, source) and count changes. */
	qsort(srcs, nsrc, 2 * sizeof(uint64_t), cmp_pair_u64);
	for (i = 0; i < nsrc; i++)
	{
		uint32_t	r = (uint32_t) srcs[2 * i];

		if (c->c_src[r] < 0)
			c->c_src[r] = 0;
		if (i == 0 || srcs[2 * i] != srcs[2 * i - 2] || srcs[2 * i + 1] != srcs[2 * i - 1])
			c->c_src[r]++;
	}
	free(srcs);
	/* cluster_id: rank of the representative row's id among the clusters' (bytes). */
	for (i = 0; i < n; i++)
		if (c->parent[i] == i && c->c_rows[i] >= 2)
			reps[nrep++] = c->texts[i].minrow;
	if (sort_idx(reps, nrep, cmp_row_id, c, NULL) != AD_OK)
	{
		free(reps);
		return AD_ENOMEM;
	}
	for (i = 0; i < nrep; i++)
		c->c_rank[c->rows[reps[i]].text] = (uint32_t) i + 1;
	free(reps);
	for (i = 0; i < c->nrows; i++)
	{
		uint32_t	r = c->parent[c->rows[i].text];

		if (r != UINT32_MAX && c->c_rows[r] >= 2)
			c->res[c->nres++] = (uint32_t) i;
	}
	return AD_OK;
}

/*
 * The verified near pairs of texts, as edges: candidates from the ssdeep
 * keys, then the MinHash bands, then rare tokens (ssdeep first: a pair both
 * find is reported as ssdeep).
 */
static ad_status
near_pairs(ad_cluster *c)
{
	size_t		cap = (c->ntexts ? c->ntexts : 1) * AD_BANDS_PER_PASS;
	key_pair   *buf = malloc(cap * sizeof(key_pair));
	ad_status	st = AD_ENOMEM;

	c->reach_text = UINT32_MAX;
	c->pair_cache = calloc(AD_PAIR_CACHE, sizeof(uint64_t));
	c->pair_flags = calloc(AD_PAIR_CACHE, 1);
	if (buf && c->pair_cache && c->pair_flags)
	{
		st = ssdeep_passes(c, &buf, &cap);
		free(c->cut);
		free(c->cut_off);
		c->cut = NULL;
		c->cut_off = NULL;
		if (st == AD_OK)
			st = minhash_passes(c, buf);
		if (st == AD_OK)
			st = rare_passes(c, &buf, &cap);
	}
	free(buf);
	free(c->pair_cache);
	free(c->pair_flags);
	c->pair_cache = NULL;
	c->pair_flags = NULL;
	return st;
}

ad_status
ad_cluster_run(ad_cluster *c, ad_cancel_fn cancel, void *arg)
{
	size_t		n = c->ntexts ? c->ntexts : 1;
	ad_status	st;

	c->cancel = cancel;
	c->cancel_arg = arg;
	if ((st = boilerplate(c)) != AD_OK || (st = canonical_order(c)) != AD_OK)
		return st;
	c->parent = malloc(n * sizeof(uint32_t));
	c->method = calloc(n, 1);
	if (!c->parent || !c->method)
		return AD_ENOMEM;
	st = near_pairs(c);
	if (st == AD_OK)
		st = star_clusters(c);
	if (st == AD_OK)
		st = collect(c);
	return st;
}

size_t
ad_cluster_nresults(const ad_cluster *c)
{
	return c->nres;
}

void
ad_cluster_result(const ad_cluster *c, size_t i, ad_cluster_row *out)
{
	const row_ent *r = &c->rows[c->res[i]];
	uint32_t	rep = c->parent[r->text];
	const row_ent *rr = &c->rows[c->texts[rep].minrow];

	out->id = c->pool + r->id_off;
	out->idlen = r->idlen;
	out->cluster_id = (int64_t) c->c_rank[rep];
	out->cluster_size = (int) c->c_rows[rep];
	out->distinct_sources = c->c_src[rep];
	out->method = c->texts[r->text].nrows >= 2 ? AD_METHOD_TEXT :
		(ad_cluster_method) c->method[r->text];
	out->representative = c->pool + rr->id_off;
	out->replen = rr->idlen;
}

/* ---- near-duplicate pairs of rows ---- */

typedef struct pair_ent
{
	uint64_t	key;			/* rank of row a (by id) << 32 | rank of row b */
	uint32_t	method;
} pair_ent;

struct ad_pairs
{
	const ad_cluster *c;
	pair_ent   *pairs;
	size_t		n;
	uint32_t   *byrank;			/* rows in id order */
};

static int
cmp_pair_ent(const void *a, const void *b)
{
	const pair_ent *x = a,
			   *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

/* Append the pair of rows r and s (any order) to p. */
static ad_status
pair_put(ad_cluster *c, ad_pairs *p, const uint32_t *rank, uint32_t r, uint32_t s, uint32_t m)
{
	uint32_t	lo = rank[r] < rank[s] ? rank[r] : rank[s],
				hi = rank[r] < rank[s] ? rank[s] : rank[r];

	p->pairs[p->n].key = (uint64_t) lo << 32 | hi;
	p->pairs[p->n].method = m;
	p->n++;
	return tick(c);
}

/* The pairs of rows behind the merged text pairs and the texts with copies. */
static ad_status
row_pairs(ad_cluster *c, ad_pairs *p)
{
	size_t		nt = c->ntexts,
				nr = c->nrows,
				i,
				j,
				k;
	uint32_t   *rank = malloc((nr ? nr : 1) * sizeof(uint32_t)),
			   *off = calloc(nt + 1, sizeof(uint32_t)),
			   *trows = malloc((nr ? nr : 1) * sizeof(uint32_t));
	uint64_t	total = 0;
	ad_status	st = AD_ENOMEM;

	p->byrank = malloc((nr ? nr : 1) * sizeof(uint32_t));
	if (!rank || !off || !trows || !p->byrank)
		goto done;
	for (i = 0; i < nr; i++)
		p->byrank[i] = (uint32_t) i;
	if ((st = sort_idx(p->byrank, nr, cmp_row_id, c, NULL)) != AD_OK)
		goto done;
	for (i = 0; i < nr; i++)
		rank[p->byrank[i]] = (uint32_t) i;
	/* Rows of each text, in id order. */
	for (i = 0; i < nr; i++)
		off[c->rows[i].text + 1]++;
	for (i = 0; i < nt; i++)
		off[i + 1] += off[i];
	for (i = 0; i < nr; i++)
	{
		uint32_t	r = p->byrank[i];

		trows[off[c->rows[r].text]++] = r;
	}
	for (i = nt; i > 0; i--)
		off[i] = off[i - 1];
	off[0] = 0;
	for (i = 0; i < nt; i++)
		total += (uint64_t) c->texts[i].nrows * (c->texts[i].nrows - 1) / 2;
	for (i = 0; i < c->nedges; i++)
		total += (uint64_t) c->texts[c->edges[i].a].nrows * c->texts[c->edges[i].b].nrows;
	st = AD_EPAIRS_LIMIT;
	if (total > AD_CLUSTER_PAIRS_MAX)
		goto done;
	st = AD_ENOMEM;
	if ((p->pairs = malloc((total ? total : 1) * sizeof(pair_ent))) == NULL)
		goto done;
	st = AD_OK;
	for (i = 0; i < nt && st == AD_OK; i++)
		for (j = off[i]; j < off[i + 1] && st == AD_OK; j++)
			for (k = j + 1; k < off[i + 1] && st == AD_OK; k++)
				st = pair_put(c, p, rank, trows[j], trows[k], AD_METHOD_TEXT);
	for (i = 0; i < c->nedges && st == AD_OK; i++)
	{
		const edge *e = &c->edges[i];

		for (j = off[e->a]; j < off[e->a + 1] && st == AD_OK; j++)
			for (k = off[e->b]; k < off[e->b + 1] && st == AD_OK; k++)
				st = pair_put(c, p, rank, trows[j], trows[k], e->method);
	}
	if (st == AD_OK && p->n > 1)
		qsort(p->pairs, p->n, sizeof(pair_ent), cmp_pair_ent);
done:
	free(rank);
	free(off);
	free(trows);
	return st;
}

ad_status
ad_cluster_pairs(ad_cluster *c, ad_cancel_fn cancel, void *arg, ad_pairs **out)
{
	size_t		i,
				ne = 0;
	ad_pairs   *p;
	ad_status	st;

	*out = NULL;
	c->cancel = cancel;
	c->cancel_arg = arg;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return AD_ENOMEM;
	p->c = c;
	if ((st = boilerplate(c)) != AD_OK || (st = canonical_order(c)) != AD_OK)
	{
		ad_pairs_free(p);
		return st;
	}
	/* The candidates and verification of ad_cluster_run. */
	st = near_pairs(c);
	/* Merge duplicate text pairs; the smaller method (ssdeep, MinHash, rare tokens) wins. */
	if (st == AD_OK && c->nedges > 0)
		qsort(c->edges, c->nedges, sizeof(edge), cmp_edge);
	for (i = 0; st == AD_OK && i < c->nedges; i++)
		if (ne == 0 || c->edges[i].a != c->edges[ne - 1].a || c->edges[i].b != c->edges[ne - 1].b)
			c->edges[ne++] = c->edges[i];
	if (st == AD_OK)
	{
		c->nedges = ne;
		st = row_pairs(c, p);
	}
	if (st != AD_OK)
	{
		ad_pairs_free(p);
		return st;
	}
	*out = p;
	return AD_OK;
}

size_t
ad_pairs_count(const ad_pairs *p)
{
	return p->n;
}

void
ad_pairs_get(const ad_pairs *p, size_t i, ad_pair_row *out)
{
	const ad_cluster *c = p->c;
	const row_ent *a = &c->rows[p->byrank[p->pairs[i].key >> 32]],
			   *b = &c->rows[p->byrank[p->pairs[i].key & UINT32_MAX]];
	const text_ent *ta = &c->texts[a->text],
			   *tb = &c->texts[b->text];

	out->id_a = c->pool + a->id_off;
	out->idlen_a = a->idlen;
	out->id_b = c->pool + b->id_off;
	out->idlen_b = b->idlen;
	out->ssdeep_score = fuzzy_compare(c->pool + ta->sd_off, c->pool + tb->sd_off);
	out->minhash_similarity = mh_sim(ta->mh, tb->mh);
	out->method = (ad_cluster_method) p->pairs[i].method;
}

void
ad_pairs_free(ad_pairs *p)
{
	if (p == NULL)
		return;
	free(p->pairs);
	free(p->byrank);
	free(p);
}
