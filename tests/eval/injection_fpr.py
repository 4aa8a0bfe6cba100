#!/usr/bin/python3
"""How often the injection signal fires on plain text nobody aimed at an AI:
every Debian 12 package description this machine's apt lists hold (every
published language, one row per description), README files under
/usr/share/doc, and Debian changelog entries.  Prints the count and share
per source and the first --show N reasons.  Part of `make eval`.

Usage: injection_fpr.py build/antidote [--show N]
"""
import collections
import glob
import gzip
import json
import sqlite3
import subprocess
import sys


def translations():
    for p in sorted(glob.glob("/var/lib/apt/lists/*_main_i18n_Translation-*.lz4")):
        lang = p.rsplit("-", 1)[1].split(".")[0]
        data = subprocess.run(["lz4cat", p], capture_output=True, check=True).stdout.decode("utf-8", "replace")
        for rec in data.split("\n\n"):
            d = []
            for ln in rec.split("\n"):
                if ln.startswith("Description-") and not ln.startswith("Description-md5"):
                    d.append(ln.split(":", 1)[1].strip())
                elif ln.startswith(" ") and d:
                    d.append(ln[1:] if ln.strip() != "." else "")
            if d:
                yield "desc-" + lang, "\n".join(d)


def docs():
    for p in sorted(glob.glob("/usr/share/doc/*/README*")):
        try:
            b = gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
        except OSError:
            continue
        yield "readme", b[:200000].decode("utf-8", "replace")
    for p in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz")):
        try:
            t = gzip.open(p).read()[:100000].decode("utf-8", "replace")
        except OSError:
            continue
        for e in t.split("\n\n\n"):
            yield "changelog", e


def main():
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(sys.argv[1])
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    n, hit, seen, ex = collections.Counter(), collections.Counter(), set(), []
    for g, t in list(translations()) + list(docs()):
        if t in seen:
            continue
        seen.add(t)
        n[g] += 1
        s = json.loads(db.execute("SELECT suspicion_signals(?)", (t,)).fetchone()[0])["injection"]
        if s["fired"]:
            hit[g] += 1
            ex.append((g, s["reason"], t[:200].replace("\n", " ")))
    for g in sorted(n):
        print(f"{g:14} {hit[g]:5} / {n[g]:7}  {hit[g] / n[g] * 100:.3f}%")
    print(f"injection fired on {sum(hit.values())} of {sum(n.values())} texts")
    for e in ex[:show]:
        print(e)


if __name__ == "__main__":
    main()
