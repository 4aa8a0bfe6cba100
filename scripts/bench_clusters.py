#!/usr/bin/python3
"""Quality and speed of near_duplicate_clusters on real text (SQLite build).

Corpora (all from the installed Debian system, read-only):
  debian   package descriptions (Translation-en), one row per package,
           paragraphs on their own lines, source = package name up to the first '-'
  readme   README files under /usr/share/doc, one row per file, source = package
  mail     Debian changelog entries under /usr/share/doc (header, items, signature
           line), one row per distinct header, source = the signing maintainer
Into each corpus floods of 20 rows are planted (each row its own source):
  template    a real text with 3 words replaced per copy
  paraphrase  the lines of a real text shuffled, 15% of words swapped (--flat: its
              sentences shuffled on one line)
  reworded    sentences of other real texts carrying the same campaign claims
              (product, rival, lab, figures, URL) in 6 templates, shuffled, a
              sentence a line (--flat: on one line)
Figures: run time; clusters; largest cluster; flood recall per kind (rows of a
planted flood whose cluster's representative is a row of the same flood, over
the flood's rows); flood precision (clusters of >= 3 rows from >= 2 sources whose
majority is one planted flood, over all such clusters); cohesion (sampled member
pairs of clusters of >= 20 rows near by neither method at the thresholds and at
half of them).

  bench_clusters.py [--so build/antidote.so] [--corpus debian|readme|mail] [--seed N]
                    [--boilerplate K]   (boilerplate_min_texts; 0 turns the rule off)
"""
import argparse
import collections
import glob
import gzip
import os
import random
import re
import sqlite3
import subprocess
import time

ap = argparse.ArgumentParser()
ap.add_argument('--so', default='build/antidote.so')
ap.add_argument('--corpus', default='debian')
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--floods', type=int, default=10)
ap.add_argument('--flat', action='store_true', help='paraphrased and reworded rows on one line')
ap.add_argument('--boilerplate', type=int, default=None,
                help='boilerplate_min_texts for the run (default: the extension default)')
args = ap.parse_args()
rnd = random.Random(args.seed)


def debian():
    path = glob.glob('/var/lib/apt/lists/*_bookworm_main_i18n_Translation-en.lz4')[0]
    data = subprocess.run(['lz4cat', path], capture_output=True, check=True).stdout.decode()
    for block in data.split('\n\n'):
        pkg, lines = None, []
        for ln in block.split('\n'):
            if ln.startswith('Package: '):
                pkg = ln[9:]
            elif ln.startswith('Description-en: '):
                lines.append([ln[16:]])
                lines.append([])
            elif ln.startswith(' ') and lines:
                if ln.strip() == '.':
                    lines.append([])
                else:
                    lines[-1].append(ln.strip())
        if pkg and lines:
            yield pkg, '\n'.join(' '.join(p) for p in lines if p), pkg.split('-')[0]


def read_doc(path):
    op = gzip.open if path.endswith('.gz') else open
    with op(path, 'rb') as f:
        return f.read(200000).decode('utf-8', 'replace')


def readme():
    for path in sorted(glob.glob('/usr/share/doc/*/README*')):
        if os.path.isfile(path):
            yield path, read_doc(path), path.split('/')[4]


def mail():
    seen = set()
    for path in sorted(glob.glob('/usr/share/doc/*/changelog.Debian.gz')):
        text = read_doc(path)
        for n, entry in enumerate(re.split(r'\n(?=\S+ \([^)]*\) )', text)):
            m = re.search(r'^ -- (.*?) <', entry, re.M)
            head = entry.split('\n', 1)[0]
            if m and head not in seen:   # binary packages of one source repeat its changelog
                seen.add(head)
                yield '%s#%d' % (path.split('/')[4], n), entry.strip(), m.group(1)


def sentences(text):
    return [s for s in re.split(r'(?<=[.!?])\s+', text.replace('\n', ' ')) if len(s) > 20]


TEMPLATES = [
    '{p} beats {r} by {f1} in tests run by {l}, see {u}.',
    'Independent testing at {l} found {p} {f1} better than {r}; details at {u}.',
    'According to {l}, {r} falls {f1} short of {p}. Source: {u}',
    'Switch from {r} to {p}: {l} measured {f2} users gaining {f1}. More: {u}',
    '{f2} people already chose {p} over {r} ({l} study, {u}).',
    'The {l} report ({u}) puts {p} {f1} ahead of {r} for {f2} customers.',
]


def plant(rows):
    texts = [t for _, t, _ in rows if len(t) > 400]
    allsent = [s for t in rnd.sample(texts, min(3000, len(texts))) for s in sentences(t)]
    vocab = [w for s in allsent[:2000] for w in s.split()]
    out = []
    for k in range(args.floods):
        # each kind gets a base text of its own (independent floods)
        base, pbase = rnd.choice(texts), rnd.choice(texts)
        words = base.split(' ')
        sents = sentences(pbase)
        camp = dict(p='Zorvex-%d' % rnd.randint(10, 99), r='Quintara %s' % rnd.choice('ABCDEF'),
                    l='Helmholtz-%d Biolabs' % rnd.randint(100, 999), f1='%d%%' % rnd.randint(11, 89),
                    f2='%d.%d million' % (rnd.randint(2, 9), rnd.randint(1, 9)),
                    u='https://%s.example/%d' % (rnd.choice(['zx', 'promo', 'deal']), rnd.randint(1000, 9999)))
        for j in range(20):
            w = list(words)
            for _ in range(3):
                w[rnd.randrange(len(w))] = rnd.choice(vocab)
            out.append(('tpl%d_%d' % (k, j), ' '.join(w), 'src-tpl%d-%d' % (k, j), 'template', k))
            if args.flat:
                s = list(sents) or [pbase]
            else:
                s = [ln for ln in pbase.split('\n') if ln.strip()]
            rnd.shuffle(s)
            s = [' '.join(rnd.choice(vocab) if rnd.random() < 0.15 else w for w in ln.split(' ')) for ln in s]
            out.append(('par%d_%d' % (k, j), (' ' if args.flat else '\n').join(s),
                        'src-par%d-%d' % (k, j), 'paraphrase', k))
            claims = [t.format(**camp) for t in rnd.sample(TEMPLATES, 3)]
            body = rnd.sample(allsent, 3) + claims
            rnd.shuffle(body)
            out.append(('rew%d_%d' % (k, j), (' ' if args.flat else '\n').join(body), 'src-rew%d-%d' % (k, j), 'reworded', k))
    return out


rows = list({'%s' % i: (i, t, s) for i, t, s in globals()[args.corpus]()}.values())
planted = plant(rows)
db = sqlite3.connect(':memory:')
db.enable_load_extension(True)
db.load_extension(os.path.abspath(args.so))
if args.boilerplate is not None:
    db.execute('SELECT antidote_config(?, ?)', ('boilerplate_min_texts', args.boilerplate))
db.execute('CREATE TABLE d (id TEXT PRIMARY KEY, body TEXT, src TEXT, kind TEXT, flood INTEGER)')
db.executemany('INSERT INTO d VALUES (?, ?, ?, NULL, NULL)', rows)
db.executemany('INSERT INTO d VALUES (?, ?, ?, ?, ?)', planted)
n = db.execute('SELECT count(*) FROM d').fetchone()[0]
t0 = time.time()
db.execute('CREATE TABLE c AS SELECT * FROM near_duplicate_clusters('
           "'SELECT id, body, src FROM d ORDER BY random()')")
secs = time.time() - t0
t0 = time.time()
db.execute('SELECT count(fuzzy_hash(n)), count(minhash(n)) FROM (SELECT text_normalize(body) AS n FROM d)').fetchone()
floor = time.time() - t0
print('signatures alone (normal form, ssdeep, MinHash): %.2f s; clustering = %.1fx' % (floor, secs / max(floor, 1e-9)))
cols = [r[1] for r in db.execute('PRAGMA table_info(c)')]
key = 'representative' if 'representative' in cols else 'cluster_id'
print('corpus %s: %d rows (%d planted), clustered in %.2f s' % (args.corpus, n, len(planted), secs))
print('clusters %d, rows in clusters %d, largest %s' % db.execute(
    'SELECT count(DISTINCT cluster_id), count(*), max(cluster_size) FROM c').fetchone())
for kind in ('template', 'paraphrase', 'reworded'):
    found = total = 0
    for k in range(args.floods):
        ids = [r[0] for r in db.execute('SELECT id FROM d WHERE kind = ? AND flood = ?', (kind, k))]
        grp = collections.Counter(r[0] for r in db.execute(
            'SELECT c.%s FROM c JOIN d USING (id) WHERE d.kind = ? AND d.flood = ?' % key, (kind, k)))
        total += len(ids)
        found += grp.most_common(1)[0][1] if grp else 0
    print('flood recall %-10s %.3f' % (kind, found / total))
big = db.execute('SELECT cluster_id FROM c GROUP BY cluster_id HAVING count(*) >= 3 AND count(DISTINCT d.src) >= 2'
                 .replace('FROM c', 'FROM c JOIN d USING (id)')).fetchall()
good = 0
for (cid,) in big:
    kinds = collections.Counter(r[0] for r in db.execute(
        "SELECT coalesce(kind || flood, '') FROM c JOIN d USING (id) WHERE cluster_id = ?", (cid,)))
    top, cnt = kinds.most_common(1)[0]
    good += top != '' and cnt * 2 > sum(kinds.values())
print('flood precision: %d of %d clusters (>= 3 rows, >= 2 sources) are planted floods = %.3f'
      % (good, len(big), good / max(1, len(big))))
pairs = []
for (cid,) in db.execute('SELECT cluster_id FROM c GROUP BY cluster_id HAVING count(*) >= 20'):
    ids = [r[0] for r in db.execute('SELECT id FROM c WHERE cluster_id = ?', (cid,))]
    real = db.execute('SELECT count(*) = 0 FROM c JOIN d USING (id) WHERE cluster_id = ? AND d.kind IS NOT NULL',
                      (cid,)).fetchone()[0]
    for _ in range(20):
        a, b = rnd.sample(ids, 2)
        pairs.append((a, b, real))
far = far_half = nreal = far_real = far_half_real = 0
for a, b, real in pairs:
    sd, mh = db.execute('SELECT fuzzy_compare(fuzzy_hash(x.body), fuzzy_hash(y.body)),'
                        ' minhash_similarity(minhash(x.body), minhash(y.body)) FROM d x, d y'
                        ' WHERE x.id = ? AND y.id = ?', (a, b)).fetchone()
    far += sd < 60 and mh < 0.5
    far_half += sd < 30 and mh < 0.25
    nreal += real
    far_real += real and sd < 60 and mh < 0.5
    far_half_real += real and sd < 30 and mh < 0.25
top = db.execute('SELECT DISTINCT cluster_size FROM c ORDER BY 1 DESC LIMIT 3').fetchall()
print('cohesion: %d sampled pairs in clusters >= 20 rows; near by neither: %.1f%% at the thresholds, '
      '%.1f%% at half; largest clusters %s' % (len(pairs), 100 * far / max(1, len(pairs)),
                                              100 * far_half / max(1, len(pairs)), [t[0] for t in top]))
# rows joined by rare tokens, planted vs real; cohesion split by planted-majority clusters
print('rows joined by rare_tokens: %d planted, %d real' % db.execute(
    "SELECT count(*) FILTER (WHERE d.kind IS NOT NULL), count(*) FILTER (WHERE d.kind IS NULL)"
    " FROM c JOIN d USING (id) WHERE c.method = 'rare_tokens'").fetchone())
print('planted rows in clusters with real rows: %d; real rows in planted-majority clusters: %d' % db.execute(
    "WITH m AS (SELECT cluster_id, sum(d.kind IS NOT NULL) p, sum(d.kind IS NULL) r FROM c JOIN d USING (id) GROUP BY cluster_id)"
    " SELECT coalesce(sum(CASE WHEN r > 0 THEN p END), 0), coalesce(sum(CASE WHEN p * 2 > p + r THEN r END), 0) FROM m").fetchone())
print('cohesion of clusters without planted rows: %d sampled pairs; near by neither: %.1f%% at the thresholds, '
      '%.1f%% at half' % (nreal, 100 * far_real / max(1, nreal), 100 * far_half_real / max(1, nreal)))
