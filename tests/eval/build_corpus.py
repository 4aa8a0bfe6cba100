#!/usr/bin/python3
"""Build the clean real-text corpus of the suspicion evaluation from text
installed on a Debian machine (see data/README.md for the sources).

Each row: genre, source, split, id, lang, text.  The split (tune / heldout)
is a hash of the source (a package, a mail file, a language), so that no
source has texts on both sides.

Usage: build_corpus.py OUT.tsv [PER_GENRE]
"""
import email
import email.policy
import glob
import gzip
import hashlib
import os
import random
import re
import subprocess
import sys

ROOT = sys.path[0] + "/../.."
MAXCHARS = 1400
rng = random.Random(20261203)


def split_of(source):
    return "heldout" if hashlib.sha256(source.encode()).digest()[0] & 1 else "tune"


def clean_ws(t):
    return t.replace("\t", " ").replace("\r", "").strip("\n")


def chunks(text, maxchars=MAXCHARS):
    """Cut text at paragraph breaks into pieces of at most maxchars (lines kept)."""
    out, cur = [], ""
    for para in re.split(r"\n\s*\n", text):
        if len(cur) + len(para) + 2 > maxchars and cur:
            out.append(cur)
            cur = ""
        cur = (cur + "\n\n" + para) if cur else para
        while len(cur) > maxchars:
            cut = cur.rfind("\n", 0, maxchars)
            cut = cut if cut > maxchars // 3 else maxchars
            out.append(cur[:cut])
            cur = cur[cut:].lstrip("\n")
    if cur.strip():
        out.append(cur)
    return [c for c in out if len(c.split()) >= 5]


def read(path):
    op = gzip.open if path.endswith(".gz") else open
    try:
        with op(path, "rt", encoding="utf-8") as f:
            return f.read()
    except (UnicodeDecodeError, OSError):
        return None


def pkg_of(path):
    return path.split("/")[4] if path.startswith("/usr/share/doc/") else path


# ---- genres ----

def mail():
    rows = []
    bodies = []
    for p in sorted(glob.glob("/usr/lib/python3*/test/test_email/data/msg_*.txt")):
        raw = open(p, "rb").read()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        part = msg.get_body(("plain", "html")) if msg.is_multipart() else msg
        try:
            body = part.get_content() if part is not None else ""
        except (LookupError, KeyError, ValueError, AttributeError):
            continue
        if not isinstance(body, str):
            continue
        head = "".join(f"{k}: {v}\n" for k, v in msg.items() if k.lower() in ("from", "to", "subject", "date"))
        text = clean_ws(head + "\n" + body)
        src = "python-test-email/" + os.path.basename(p)
        if len(text.split()) >= 5:
            rows.append(("mail", src, os.path.basename(p), "en", text[:MAXCHARS * 2]))
            bodies.append((src, clean_ws(body)))
    # Debian changelog and NEWS entries: announcements signed with name, address and date.
    for p in sorted(glob.glob("/usr/share/doc/*/changelog.Debian.gz") + glob.glob("/usr/share/doc/*/NEWS.Debian.gz")):
        t = read(p)
        if not t:
            continue
        ents = re.split(r"\n(?=\S+ \([^)]*\) [^;]*; urgency=)", t)
        pkg = pkg_of(p)
        for k, e in enumerate(ents[:3]):
            if len(e.split()) >= 8:
                rows.append(("mail", "deb/" + pkg, f"{pkg}/{os.path.basename(p)}/{k}", "en", clean_ws(e)[:MAXCHARS]))
                bodies.append(("deb/" + pkg, clean_ws(e)[:MAXCHARS]))
    # Replies quoting a real message: "> " quote of one text, an answer from another, a signature.
    by_src = {}
    for src, b in bodies:
        by_src.setdefault(src, []).append(b)
    srcs = sorted(by_src)
    for i, src in enumerate(srcs):
        if rng.random() > 0.6:
            continue
        q = rng.choice(by_src[src])
        a = rng.choice(by_src[srcs[(i + 1) % len(srcs)]])  # same split not guaranteed: use src's split
        quoted = "\n".join("> " + ln for ln in q.splitlines()[:25])
        text = f"On Mon, 3 Mar 2025, someone wrote:\n{quoted}\n\n{a[:900]}\n\n-- \n{src.split('/')[-1]} maintainers\nhttps://www.debian.org/\n"
        rows.append(("mail", src, f"reply/{src}", "en", text))
    return rows


def web():
    rows = []
    files = sorted(glob.glob("/usr/share/doc/**/*.md", recursive=True) + glob.glob("/usr/share/doc/**/*.md.gz", recursive=True)
                   + glob.glob("/usr/share/doc/**/README*", recursive=True))
    files += sorted(glob.glob("/usr/share/doc/**/*.html", recursive=True))
    seen = set()
    for p in files:
        if os.path.isdir(p) or p in seen:
            continue
        seen.add(p)
        t = read(p)
        if not t:
            continue
        pkg = pkg_of(p)
        for k, c in enumerate(chunks(t)[:6]):
            rows.append(("web", pkg, f"{pkg}/{os.path.basename(p)}/{k}", "en", clean_ws(c)))
    return rows


def translation(lang):
    fs = glob.glob(f"/var/lib/apt/lists/*bookworm_main_i18n_Translation-{lang.replace('_', '%5f')}.lz4")
    if not fs:
        return []
    try:
        out = subprocess.run(["lz4cat", fs[0]], capture_output=True, check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        print(f"lz4cat cannot read {fs[0]}: Translation-{lang} skipped", file=sys.stderr)
        return []
    rows = []
    for ent in out.split("\n\n"):
        m = re.search(r"^Package: (\S+)", ent, re.M)
        d = re.search(r"^Description-(?!md5)[^:]+: (.*(?:\n .*)*)", ent, re.M)
        if not m or not d:
            continue
        lines = d.group(1).split("\n")
        text = lines[0] + "\n" + "\n".join(" ." if ln == " ." else ln[1:] for ln in lines[1:])
        text = text.replace("\n.\n", "\n\n").replace("\n .\n", "\n\n")
        rows.append((m.group(1), clean_ws(text)))
    return rows


def descriptions():
    return [("desc", p, p, "en", t) for p, t in translation("en")]


def encyclopedic():
    rows = []
    with open(f"{ROOT}/data/sample/factbook_background.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            tid, name, text = line.rstrip("\n").split("\t")
            rows.append(("encyclopedic", "factbook/" + tid, "factbook/" + tid, "en", text))
    return rows


def techdoc():
    rows = []
    # man pages rendered as text
    pages = sorted(glob.glob("/usr/share/man/man1/*.gz") + glob.glob("/usr/share/man/man3/*.gz")
                   + glob.glob("/usr/share/man/man5/*.gz") + glob.glob("/usr/share/man/man8/*.gz"))
    rng.shuffle(pages)
    for p in pages[:500]:
        r = subprocess.run(["man", "-l", p], capture_output=True, env={**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8"})
        t = re.sub(r".\x08", "", r.stdout.decode("utf-8", "replace"))
        name = os.path.basename(p)
        for k, c in enumerate(chunks(t)[:3]):
            rows.append(("techdoc", "man/" + name.split(".")[0], f"man/{name}/{k}", "en", clean_ws(c)))
    # Python and Perl modules: docstrings with code
    mods = sorted(glob.glob("/usr/lib/python3.11/*.py") + glob.glob("/usr/share/perl/5*/*.pm"))
    for p in mods:
        t = read(p)
        if not t:
            continue
        for k, c in enumerate(chunks(t)[:4]):
            rows.append(("code", "src/" + os.path.basename(p), f"src/{os.path.basename(p)}/{k}", "en", clean_ws(c)))
    return rows


def logs_tables():
    rows = []
    for p in sorted(glob.glob("/var/log/apt/*.log") + ["/var/log/dpkg.log", "/var/log/alternatives.log"]
                    + glob.glob("/usr/share/distro-info/*.csv") + glob.glob("/usr/share/i18n/SUPPORTED")
                    + glob.glob("/usr/share/misc/*.txt") + ["/etc/services", "/etc/protocols", "/usr/share/dict/words"]):
        t = read(p) if os.path.exists(p) else None
        if not t:
            continue
        lines = t.splitlines()
        for k in range(0, min(len(lines), 2400), 30):
            rows.append(("logs_tables", f"file/{os.path.basename(p)}/{k // 300}", f"file/{os.path.basename(p)}/{k}", "en", "\n".join(lines[k:k + 30])))
    return rows


def multilingual():
    rows = []
    for lang in ["ja", "ko", "zh_CN", "ru", "uk", "de", "fr", "es", "it", "pt_BR", "vi"]:
        for p, t in translation(lang):
            rows.append(("multilingual", f"{lang}/{p}", f"{lang}/{p}", lang.split("_")[0], t))
    with open(f"{ROOT}/tests/eval/data/udhr.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            lang, n, text = line.rstrip("\n").split("\t")
            rows.append(("multilingual", f"udhr/{lang}/{int(n) % 2}", f"udhr/{lang}/{n}", lang, text))
    return rows


def main():
    out = sys.argv[1]
    per = int(sys.argv[2]) if len(sys.argv) > 2 else 700
    allrows = []
    for fn in (mail, web, descriptions, encyclopedic, techdoc, logs_tables, multilingual):
        rows = [r for r in fn() if r[4].strip()]
        genres = sorted(set(r[0] for r in rows))
        for g in genres:
            rs = [r for r in rows if r[0] == g]
            if g == "multilingual":
                # every language of UDHR, the rest sampled
                keep = [r for r in rs if r[1].startswith("udhr/")]
                rest = [r for r in rs if not r[1].startswith("udhr/")]
                rs = keep + rng.sample(rest, min(len(rest), per))
            elif g != "encyclopedic" and len(rs) > per:
                rs = rng.sample(rs, per)
            allrows += rs
    allrows.sort(key=lambda r: (r[0], r[2]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("genre\tsource\tsplit\tid\tlang\ttext\n")
        for g, src, tid, lang, text in allrows:
            text = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", " ")
            f.write(f"{g}\t{src}\t{split_of(src)}\t{tid}\t{lang}\t{text}\n")
    print(len(allrows), "rows")


if __name__ == "__main__":
    main()
