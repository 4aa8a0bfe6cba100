#!/usr/bin/python3
"""Suspicion scoring on real text (data/real.tsv, see data/README.md).

Clean texts of seven genres; poisons injected into them: injection sentences
of seven families (templates in nine languages), backdoor runs (a rare
trigger and a long run of random words or strings), hidden Unicode.  The
split is by source; figures are printed for one split (default: heldout),
per genre, and the floors of the issue are checked on it.

Usage: eval_real.py build/antidote [--split tune|heldout] [--no-check] [--dump FILE]
"""
import json
import os
import random
import sqlite3
import sys

sys.path.insert(0, sys.path[0])
import poisons as P  # noqa: E402

ROOT = sys.path[0] + "/../.."
SEED = 20261203
CUT = 0.5
WEAK = ("contact", "promotional", "repetition")

# Floors (README "Suspicion evaluation"), on the split evaluated.
MAX_CLEAN_RATE = 0.01          # clean texts >= 0.5, every genre
MAX_SIGNAL_FPR = 0.005         # injection / backdoor signal on clean text, every genre
MIN_INJ_RECALL = 0.9           # every family
MIN_BACKDOOR_RECALL = 0.95
MAX_HIDDEN_FPR = 0.001
MIN_AUC = 0.95


def load(split):
    rows = []
    with open(os.environ.get("EVAL_CORPUS", f"{ROOT}/tests/eval/data/real.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            g, src, sp, tid, lang, text = line.rstrip("\n").split("\t")
            if sp != split:
                continue
            text = text.replace("\\n", "\n").replace("\\\\", "\\")
            rows.append((g, src, tid, lang, text))
    return rows


def auc(pos, neg):
    if not pos or not neg:
        return float("nan")
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    rank_sum, i = 0.0, 0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2.0 * sum(1 for k in range(i, j) if allv[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def main():
    args = sys.argv[1:]
    lib = args[0]
    split = args[args.index("--split") + 1] if "--split" in args else "heldout"
    check = "--no-check" not in args
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(lib)
    rng = random.Random(SEED)
    clean = load(split)
    vocab = sorted({w for r in clean for w in r[4].split() if w.isalpha()})

    pois = []   # (kind, family, genre, lang, tid, text)
    pieces = {}
    for g, src, tid, lang, text in clean:
        fam = rng.choice(P.FAMILIES)
        sent, slang = P.injection_sentence(rng, fam, lang if g == "multilingual" else
                                           (rng.choice(list(P.INJECTIONS["override"])) if rng.random() < 0.3 else "en"), split)
        pois.append(("injection", fam, g, slang, tid, P.insert_piece(rng, text, sent)))
        pieces[len(pois) - 1] = sent
        pois.append(("backdoor", "backdoor", g, lang, tid, P.backdoor(rng, text, vocab, split)))
        h = P.hidden(rng, text)
        if h is not None:
            pois.append(("hidden", "hidden", g, lang, tid, h))

    def measure(text):
        sig, score = db.execute("SELECT suspicion_signals(?1), suspicion_score(?1)", (text,)).fetchone()
        return json.loads(sig), score

    cm = [(r[0], r[2], *measure(r[4])) for r in clean]
    pm = [(p[0], p[1], p[2], p[3], p[4], *measure(p[5])) for p in pois]
    if "--dump" in args:
        with open(args[args.index("--dump") + 1], "w", encoding="utf-8") as f:
            for (g, tid, sig, sc), r in zip(cm, clean):
                f.write(json.dumps({"clean": 1, "genre": g, "id": tid, "score": sc,
                                    "fired": [k for k, v in sig.items() if v["fired"]],
                                    "reasons": {k: v["reason"] for k, v in sig.items() if v["fired"]},
                                    "text": r[4][:400]}, ensure_ascii=False) + "\n")
            for k, ((kind, fam, g, lang, tid, sig, sc), p) in enumerate(zip(pm, pois)):
                f.write(json.dumps({"clean": 0, "kind": kind, "family": fam, "genre": g, "lang": lang, "id": tid,
                                    "piece": pieces.get(k),
                                    "score": sc, "fired": [k for k, v in sig.items() if v["fired"]],
                                    "text": p[5][:600]}, ensure_ascii=False) + "\n")
    fails = []
    genres = sorted(set(c[0] for c in cm))
    print(f"split {split}: {len(cm)} clean texts, {len(pm)} poisoned")
    print(f"{'genre':13} {'n':>5} {'clean>=.5':>9} {'inj_fpr':>7} {'bd_fpr':>7} {'hid_fpr':>7} "
          f"{'inj_rec':>7} {'inj_auc':>7} {'bd_rec':>7} {'bd_auc':>7} {'hid_rec':>7}")

    def fired(sig, name):
        return sig[name]["fired"]

    def row(name, cs, ps):
        n = len(cs)
        cr = sum(c[3] >= CUT for c in cs) / n
        inj_f = sum(fired(c[2], "injection") for c in cs) / n
        bd_f = sum(fired(c[2], "gibberish") for c in cs) / n
        hid_f = sum(fired(c[2], "hidden_unicode") for c in cs) / n
        inj = [p for p in ps if p[0] == "injection"]
        bd = [p for p in ps if p[0] == "backdoor"]
        hid = [p for p in ps if p[0] == "hidden"]
        inj_r = sum(p[6] >= CUT for p in inj) / max(1, len(inj))
        bd_r = sum(p[6] >= CUT for p in bd) / max(1, len(bd))
        hid_r = sum(fired(p[5], "hidden_unicode") for p in hid) / max(1, len(hid))
        ia = auc([p[6] for p in inj], [c[3] for c in cs])
        ba = auc([p[6] for p in bd], [c[3] for c in cs])
        print(f"{name:13} {n:5d} {cr:9.4f} {inj_f:7.4f} {bd_f:7.4f} {hid_f:7.4f} "
              f"{inj_r:7.3f} {ia:7.3f} {bd_r:7.3f} {ba:7.3f} {hid_r:7.3f}")
        return cr, inj_f, bd_f, hid_f, inj_r, ia, bd_r, ba, hid_r

    for g in genres:
        cr, inj_f, bd_f, hid_f, inj_r, ia, bd_r, ba, hid_r = row(g, [c for c in cm if c[0] == g],
                                                                [p for p in pm if p[2] == g])
        if cr > MAX_CLEAN_RATE:
            fails.append(f"{g}: clean texts >= {CUT}: {cr:.4f}")
        if inj_f > MAX_SIGNAL_FPR:
            fails.append(f"{g}: injection fired on clean {inj_f:.4f}")
        if bd_f > MAX_SIGNAL_FPR:
            fails.append(f"{g}: gibberish fired on clean {bd_f:.4f}")
        if hid_f > MAX_HIDDEN_FPR:
            fails.append(f"{g}: hidden_unicode fired on clean {hid_f:.4f}")
    tot = row("all", cm, pm)
    if tot[5] < MIN_AUC:
        fails.append(f"injection AUC {tot[5]:.3f}")
    if tot[6] < MIN_BACKDOOR_RECALL:
        fails.append(f"backdoor recall {tot[6]:.3f}")
    if tot[7] < MIN_AUC:
        fails.append(f"backdoor AUC {tot[7]:.3f}")
    if tot[8] < 1.0:
        fails.append(f"hidden_unicode recall {tot[8]:.3f}")

    print(f"\ninjection per family (score >= {CUT}; signal fired)")
    for fam in P.FAMILIES:
        ps = [p for p in pm if p[0] == "injection" and p[1] == fam]
        r = sum(p[6] >= CUT for p in ps) / max(1, len(ps))
        s = sum(fired(p[5], "injection") for p in ps) / max(1, len(ps))
        langs = sorted(set(p[3] for p in ps))
        print(f"  {fam:16} n={len(ps):4d} recall {r:.3f} signal {s:.3f}  ({' '.join(langs)})")
        if r < MIN_INJ_RECALL:
            fails.append(f"injection family {fam} recall {r:.3f}")
    print("injection per language (score >= 0.5)")
    for lang in sorted(set(p[3] for p in pm if p[0] == "injection")):
        ps = [p for p in pm if p[0] == "injection" and p[3] == lang]
        print(f"  {lang:4} n={len(ps):4d} recall {sum(p[6] >= CUT for p in ps) / len(ps):.3f}")

    # Right-to-left texts marking a Latin fragment with balanced embeddings or
    # isolates (as translated software strings do): clean, not hidden text.
    rtl = [r for r in clean if r[3] in ("ar", "fa", "he", "ur")]
    frags = ["GNOME", "Linux 6.1", "https://example.org", "GPL-3+", "Firefox"]
    bidi_fp = 0
    for k, r in enumerate(rtl):
        a, b = [("\u202a", "\u202c"), ("\u202b", "\u202c"), ("\u2066", "\u2069"), ("\u2068", "\u2069")][k % 4]
        t = P.insert_piece(rng, r[4], a + frags[k % len(frags)] + b)
        bidi_fp += json.loads(db.execute("SELECT suspicion_signals(?1)", (t,)).fetchone()[0])["hidden_unicode"]["fired"]
    print(f"hidden_unicode on {len(rtl)} RTL texts with a balanced LRE/RLE/LRI/FSI fragment: {bidi_fp} fired")
    if rtl and bidi_fp / len(rtl) > MAX_HIDDEN_FPR:
        fails.append(f"hidden_unicode fired on {bidi_fp} RTL texts with balanced embeddings")

    # The calibration rules hold on every row, clean or poisoned.
    weak_alone = no_signal = 0
    for sig, sc in [(c[2], c[3]) for c in cm] + [(p[5], p[6]) for p in pm]:
        f = [k for k, v in sig.items() if v["fired"]]
        if sc >= CUT and not f:
            no_signal += 1
        if sc >= CUT and len(f) == 1 and f[0] in WEAK:
            weak_alone += 1
    print(f"rows >= {CUT} with no signal fired: {no_signal}; with one weak signal alone: {weak_alone}")
    if no_signal or weak_alone:
        fails.append("calibration rule broken")
    # which signals fire on clean text
    print("signals fired on clean text:", {s: sum(c[2][s]["fired"] for c in cm) for s in cm[0][2]})
    for f in fails:
        print("FLOOR MISSED:", f)
    print("real-text eval:", "floors met" if not fails else f"{len(fails)} floors missed")
    return 1 if (fails and check) else 0


if __name__ == "__main__":
    sys.exit(main())
