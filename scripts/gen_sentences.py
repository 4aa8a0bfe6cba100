#!/usr/bin/python3
"""Benchmark corpus of real sentences: COPY rows (id, flood, source, body) of about 1 KB.

Sentences come from the installed Debian system (package descriptions in
Translation-en and README files under /usr/share/doc).  Each document strings
together sentences drawn with a skewed popularity, so documents share
sentences as real pages share quotes and boilerplate.  Rows 0 .. rows/50 - 1
form planted floods of 50 near-duplicates (a base document with about 4% of
its words replaced and one sentence swapped per copy); the rest are unrelated
recombinations.  Deterministic for a given seed and installed system.

  gen_sentences.py ROWS [SEED]
"""
import glob
import gzip
import os
import random
import re
import subprocess
import sys

FLOOD = 50
SIZE = 1024


def sentences():
    out = []
    path = sorted(glob.glob('/var/lib/apt/lists/*_bookworm_main_i18n_Translation-en.lz4'))
    if path:
        data = subprocess.run(['lz4cat', path[0]], capture_output=True, check=True).stdout.decode()
        for ln in data.split('\n'):
            if ln.startswith(' ') and ln.strip() != '.':
                out.append(ln.strip())
            elif ln.startswith('Description-en: '):
                out.append(ln[16:] + '.')
    for p in sorted(glob.glob('/usr/share/doc/*/README*')):
        if not os.path.isfile(p):
            continue
        op = gzip.open if p.endswith('.gz') else open
        with op(p, 'rb') as f:
            out.append(f.read(100000).decode('utf-8', 'replace'))
    text = ' '.join(out)
    text = re.sub(r'\s+', ' ', text.replace('\\', ' '))
    pool = [s for s in re.split(r'(?<=[.!?]) ', text) if 40 <= len(s) <= 300]
    return sorted(set(pool))


def main():
    rows = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    pool = sentences()
    rng.shuffle(pool)
    words = ' '.join(pool[:5000]).split()

    def pick():
        # Skewed popularity: a few sentences recur in many documents.
        return pool[int(len(pool) * rng.random() ** 3)]

    def document():
        parts, n = [], 0
        while n < SIZE:
            s = pick()
            parts.append(s)
            n += len(s) + 1
        return parts

    nflood = rows // FLOOD // FLOOD * FLOOD if rows >= 50 * FLOOD else 0
    base = None
    for i in range(rows):
        if i < nflood:
            if i % FLOOD == 0:
                base = document()
            parts = list(base)
            parts[rng.randrange(len(parts))] = pick()
            w = ' '.join(parts).split(' ')
            for _ in range(len(w) // 25):
                w[rng.randrange(len(w))] = rng.choice(words)
            body, flood = ' '.join(w), str(i // FLOOD)
        else:
            body, flood = ' '.join(document()), '\\N'
        print('%d\t%s\tsrc%d\t%s' % (i, flood, i % 997, body.replace('\t', ' ')))


main()
