#!/usr/bin/python3
"""Python's sqlite3 module loads the extension and gets the same answers as the sqlite3 shell."""
import os
import sqlite3
import sys

so = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/antidote.so")
passed = failed = 0


def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", name)


db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(so[:-3] if so.endswith(".so") else so)
db.enable_load_extension(False)
q = lambda sql, *a: db.execute(sql, a).fetchone()[0]

# Known answers: the ssdeep tool's output on the stored files, as TEXT and as BLOB.
for line in open("tests/data/ssdeep.expected"):
    if line.startswith("ssdeep,"):
        continue
    want, name = line.strip().split(',"')
    data = open("tests/data/ssdeep/" + name.rstrip('"'), "rb").read()
    check("blob " + name, q("SELECT fuzzy_hash(?)", data) == want)
    if name.endswith('.txt"'):
        check("text " + name, q("SELECT fuzzy_hash(?)", data.decode()) == want)

check("compare", q("SELECT fuzzy_compare(?, ?)", "3:MRBwDFwv:MRBwDGv", "3:MRBwDFwv:MRBwDGv") == 100)
check("normalize", q("SELECT text_normalize(?)", "  Ｈｅｌｌｏ\u200b  WORLD ") == "hello world")
check("sha256", q("SELECT content_sha256(?)", b"abc") ==
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
check("null", q("SELECT fuzzy_hash(?)", None) is None)
try:
    q("SELECT fuzzy_compare(?, ?)", "3:abc:def", "5:abc:def")
    check("malformed hash raises", False)
except sqlite3.OperationalError as e:
    check("malformed hash raises", "argument 2 is not a valid ssdeep hash" in str(e))
check("version", q("SELECT antidote_version()") == open("antidote.control").read().split("default_version = '")[1].split("'")[0])

print("python sqlite3: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
