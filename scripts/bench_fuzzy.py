#!/usr/bin/python3
"""fuzzy_hash throughput through SQL (SQLite, PostgreSQL) against libfuzzy in C, same texts, one run."""
import os
import sqlite3
import subprocess
import sys
import time

texts_path, c_bin, so = sys.argv[1:4]
texts = open(texts_path, encoding="utf-8").read().split("\n")[:-1]
nbytes = sum(len(t.encode()) for t in texts)


def best_of(fn, reps=5):
    best = None
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t = time.perf_counter() - t0
        best = t if best is None or t < best else best
    return best


n, total, c_secs, _ = subprocess.check_output([c_bin, texts_path]).split()
c_secs = float(c_secs)
assert int(n) == len(texts) and int(total) == nbytes

db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(os.path.abspath(so[:-3] if so.endswith(".so") else so))
db.execute("CREATE TABLE texts(t TEXT)")
db.executemany("INSERT INTO texts VALUES (?)", ((t,) for t in texts))
sq_scan = best_of(lambda: db.execute("SELECT count(t) FROM texts").fetchone())
sq_secs = best_of(lambda: db.execute("SELECT sum(length(fuzzy_hash(t))) FROM texts").fetchone())

pg_secs = pg_scan = None
if os.environ.get("PGHOST"):
    def psql(sql):
        return subprocess.check_output(["psql", "-X", "-q", "-At", "-d", "postgres", "-c", sql], text=True)
    psql("CREATE EXTENSION IF NOT EXISTS antidote; DROP TABLE IF EXISTS texts; CREATE TABLE texts(t text)")
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", "\\copy texts from '%s'" % texts_path], check=True)
    psql("VACUUM ANALYZE texts")

    def timed(sql):
        out = psql("SET max_parallel_workers_per_gather = 0; SET jit = off; EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql)
        import json
        return json.loads(out)[0]["Execution Time"] / 1000.0
    pg_scan = min(timed("SELECT count(t) FROM texts") for _ in range(5))
    pg_secs = min(timed("SELECT sum(length(fuzzy_hash(t)::text)) FROM texts") for _ in range(5))

mb = nbytes / 1e6
print("fuzzy_hash on %d texts of ~%d bytes (%.1f MB), best of 5" % (len(texts), nbytes // len(texts), mb))
print("%-34s %10s %9s %8s" % ("", "texts/s", "MB/s", "vs C"))
print("%-34s %10.0f %9.1f %8s" % ("libfuzzy in C (baseline)", len(texts) / c_secs, mb / c_secs, "1.00x"))
print("%-34s %10.0f %9.1f %7.2fx" % ("SQLite SELECT fuzzy_hash(t)", len(texts) / sq_secs, mb / sq_secs, c_secs / sq_secs))
print("%-34s %10.0f %9.1f %7.2fx" % ("  same, scan cost removed", len(texts) / (sq_secs - sq_scan), mb / (sq_secs - sq_scan), c_secs / (sq_secs - sq_scan)))
if pg_secs:
    print("%-34s %10.0f %9.1f %7.2fx" % ("PostgreSQL SELECT fuzzy_hash(t)", len(texts) / pg_secs, mb / pg_secs, c_secs / pg_secs))
    print("%-34s %10.0f %9.1f %7.2fx" % ("  same, scan cost removed", len(texts) / (pg_secs - pg_scan), mb / (pg_secs - pg_scan), c_secs / (pg_secs - pg_scan)))
