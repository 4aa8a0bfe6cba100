#!/usr/bin/python3
"""How often the injection signal fires on plain text nobody aimed at an AI:
every package description of the bookworm main Translation list of each
published language apt holds (build_corpus.translation), README files under
/usr/share/doc, and Debian changelog entries.  Prints the count and share
per source and the first --show N reasons.  Part of `make eval`.

Usage: injection_fpr.py build/antidote [--show N]
"""
import collections
import glob
import gzip
import json
import sqlite3
import sys

sys.path.insert(0, sys.path[0])
from build_corpus import translation  # noqa: E402


def translations():
    """Every description of every Translation list apt holds (build_corpus.translation)."""
    for p in sorted(glob.glob("/var/lib/apt/lists/*_main_i18n_Translation-*.lz4")):
        lang = p.rsplit("-", 1)[1].split(".")[0].replace("%5f", "_")
        for _, text in translation(lang):
            yield "desc-" + lang, text


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
