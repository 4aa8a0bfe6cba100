#!/bin/sh
# near_duplicate_clusters in SQLite on documents that recombine real sentences
# (scripts/gen_sentences.py), beside the time to compute the same rows'
# signatures alone (normal form + ssdeep, MinHash) in the same run: the
# ratio, clusters, the largest, flood rows whose representative is of their
# own flood, rows per method.  Prints figures; never fails on speed.
# BENCH_ROWS sets the size (default 1,000,000 rows of about 1 KB;
# BENCH_QUICK=1: 20,000).
set -e
cd "$(dirname "$0")/.."
if [ "${BENCH_QUICK:-}" = 1 ]; then ROWS=${BENCH_ROWS:-20000}; else ROWS=${BENCH_ROWS:-1000000}; fi
make -s build/antidote.so
tmp=$(mktemp -d /tmp/antidote-bench-cost.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
/usr/bin/python3 scripts/gen_sentences.py "$ROWS" >"$tmp/docs.tsv"
/usr/bin/python3 - "$tmp/docs.tsv" build/antidote <<'PY'
import sqlite3, sys, time

path, so = sys.argv[1], sys.argv[2]
db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(so)
db.execute("CREATE TABLE d(id INTEGER, flood INTEGER, src TEXT, body TEXT)")


def rows():
    # COPY text format: \N is NULL; backslash escapes in the body
    esc = {"n": "\n", "t": "\t", "\\": "\\"}
    with open(path, encoding="utf-8") as f:
        for ln in f:
            i, fl, src, body = ln.rstrip("\n").split("\t")
            out, k = [], 0
            while k < len(body):
                if body[k] == "\\" and k + 1 < len(body) and body[k + 1] in esc:
                    out.append(esc[body[k + 1]])
                    k += 2
                else:
                    out.append(body[k])
                    k += 1
            yield int(i), None if fl == "\\N" else int(fl), src, "".join(out)


db.executemany("INSERT INTO d VALUES (?,?,?,?)", rows())
n = db.execute("SELECT count(*) FROM d").fetchone()[0]
t0 = time.perf_counter()
db.execute("SELECT count(fuzzy_hash(text_normalize(body))), count(minhash(body)) FROM d").fetchone()
sig = time.perf_counter() - t0
t0 = time.perf_counter()
db.execute("CREATE TEMP TABLE c AS SELECT * FROM near_duplicate_clusters('SELECT id, body, src FROM d')")
clu = time.perf_counter() - t0
print(f"rows {n}: signatures alone {sig:.1f} s, near_duplicate_clusters {clu:.1f} s = {clu / sig:.2f}x")
nc, big = db.execute("SELECT count(DISTINCT cluster_id), max(cluster_size) FROM c").fetchone()
flood = {str(i): f for i, f in db.execute("SELECT id, flood FROM d WHERE flood IS NOT NULL")}
own = sum(1 for i, rep in db.execute("SELECT id, representative FROM c")
          if i in flood and flood.get(rep) == flood[i])
meth = ", ".join(f"{m} {k}" for m, k in db.execute("SELECT method, count(*) FROM c GROUP BY method ORDER BY method"))
print(f"clusters {nc}, largest {big}; flood rows with a representative of their flood {own} of {len(flood)}; rows by method: {meth}")
PY
