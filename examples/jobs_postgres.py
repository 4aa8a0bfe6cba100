#!/usr/bin/python3
"""antidote's three jobs from Python with psycopg 3: filter a training table, guard
ingest, audit.  Connects with the usual PG* environment variables; run from the
repository root as a role that may create the extension."""
import json

import psycopg

rows = [json.loads(line) for line in open("examples/reviews.jsonl", encoding="utf-8")]
with psycopg.connect(autocommit=True) as db:
    db.execute("CREATE EXTENSION IF NOT EXISTS antidote")
    db.execute("CREATE TABLE reviews (id int PRIMARY KEY, source text, body text, prov json)")
    with db.cursor() as cur:
        cur.executemany("INSERT INTO reviews VALUES (%s, %s, %s, %s)",
                        [(r["id"], r["source"], r["body"], r["prov"] and json.dumps(r["prov"]))
                         for r in rows])
    db.execute("SELECT trust_key(%s, 'crawler fleet')", (open("examples/crawler.pub").read(),))

    # 1. Filter: rows fit for training are signed by a trusted source and score low.
    fit = db.execute("""SELECT id FROM reviews
                        WHERE suspicion_score(body) < 0.5 AND provenance_verify(body, prov) = 'verified'
                        ORDER BY id""").fetchall()
    print("training rows:", [i for (i,) in fit])

    # 2. Guard: inserts that break the policy go to quarantine, the load goes on.
    db.execute("CREATE TABLE incoming (id int PRIMARY KEY, body text NOT NULL)")
    db.execute("""CREATE TRIGGER incoming_guard BEFORE INSERT OR UPDATE ON incoming FOR EACH ROW
                  EXECUTE FUNCTION antidote.guard('body', '',
                      'max_suspicion=0.8,max_near_duplicates=1,on_reject=quarantine')""")
    with db.cursor() as cur:
        cur.executemany("INSERT INTO incoming (id, body) VALUES (%s, %s)",
                        [(r["id"], r["body"]) for r in rows])
    print("accepted:", [i for (i,) in db.execute("SELECT id FROM incoming ORDER BY id")])
    print("quarantined:", [d["id"] for (d,) in
                           db.execute("SELECT row_data FROM antidote.quarantine ORDER BY id")])

    # 3. Audit: which rows look injected, flooded or unsigned?
    for i, suspicious, size, sources, prov in db.execute(
            """SELECT id, suspicion >= 0.5, cluster_size, distinct_sources, provenance
               FROM antidote_audit('SELECT id, body, source, prov FROM reviews')
               ORDER BY id::int"""):
        print(f"audit: id={i} suspicious={bool(suspicious)} cluster_size={size} "
              f"distinct_sources={sources} provenance={prov}")
