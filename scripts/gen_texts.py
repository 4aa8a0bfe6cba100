#!/usr/bin/python3
"""Print N texts of about 1 KB, one per line, cut from the bundled sample (deterministic)."""
import random
import sys

n = int(sys.argv[1])
size = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
rows = open("data/sample/factbook_background.tsv", encoding="utf-8").read().split("\n")[1:]
corpus = " ".join(r.split("\t")[2] for r in rows if r)
rng = random.Random(1)
for _ in range(n):
    start = rng.randrange(0, len(corpus) - size)
    print(corpus[start:start + size].replace("\\", " "))
