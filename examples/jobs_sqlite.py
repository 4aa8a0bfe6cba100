#!/usr/bin/python3
"""antidote's three jobs from Python's sqlite3 module: filter a training table, guard
ingest, audit.  Run from the repository root: examples/jobs_sqlite.py [build/antidote.so]"""
import json
import sqlite3
import sys

so = sys.argv[1] if len(sys.argv) > 1 else "build/antidote.so"
db = sqlite3.connect(":memory:", isolation_level=None)
db.enable_load_extension(True)
db.load_extension(so.removesuffix(".so"))
db.enable_load_extension(False)

rows = [json.loads(line) for line in open("examples/reviews.jsonl", encoding="utf-8")]
db.execute("SELECT antidote_init()")
db.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY, source TEXT, body TEXT, prov TEXT)")
db.executemany("INSERT INTO reviews VALUES (?, ?, ?, ?)",
               [(r["id"], r["source"], r["body"], r["prov"] and json.dumps(r["prov"])) for r in rows])
db.execute("SELECT trust_key(?, 'crawler fleet')", (open("examples/crawler.pub").read(),))

# 1. Filter: rows fit for training are signed by a trusted source and score low.
fit = db.execute("""SELECT id FROM reviews
                    WHERE suspicion_score(body) < 0.5 AND provenance_verify(body, prov) = 'verified'
                    ORDER BY id""").fetchall()
print("training rows:", [i for (i,) in fit])

# 2. Guard: inserts that break the policy go to quarantine, the load goes on.
db.execute("CREATE TABLE incoming (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
db.execute("SELECT antidote_guard('incoming', 'body', '', "
           "'max_suspicion=0.8,max_near_duplicates=1,on_reject=quarantine')")
db.executemany("INSERT INTO incoming (id, body) VALUES (?, ?)", [(r["id"], r["body"]) for r in rows])
print("accepted:", [i for (i,) in db.execute("SELECT id FROM incoming ORDER BY id")])
print("quarantined:", [json.loads(d)["id"] for (d,) in
                       db.execute("SELECT row_data FROM antidote_quarantine ORDER BY id")])

# 3. Audit: which rows look injected, flooded or unsigned?
for i, suspicious, size, sources, prov in db.execute(
        """SELECT id, suspicion >= 0.5, cluster_size, distinct_sources, provenance
           FROM antidote_audit('SELECT id, body, source, prov FROM reviews')
           ORDER BY CAST(id AS INTEGER)"""):
    print(f"audit: id={i} suspicious={bool(suspicious)} cluster_size={size} "
          f"distinct_sources={sources} provenance={prov}")
