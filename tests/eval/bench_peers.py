#!/usr/bin/python3
"""Injection detection beside two npm checkers on the same held-out rows.

The held-out clean texts and injection rows of eval_real.py (same seed, same
rows); antidote's fused score against the scores of @andersmyrmel/vard and
llm_guardrail (tests/eval/peers.mjs).  Prints ROC-AUC and recall at the
false-positive rate antidote has at 0.5 (each peer at the threshold that gives
it no higher a rate), per genre and overall.

Usage: bench_peers.py build/antidote NODE_MODULES_DIR
"""
import json
import os
import random
import sqlite3
import subprocess
import sys

sys.path.insert(0, sys.path[0])
import poisons as P  # noqa: E402
from eval_real import SEED, auc, load  # noqa: E402


def recall_at(pos, neg, fpr):
    """Recall at the lowest threshold whose false-positive rate is at most fpr."""
    for t in sorted(set(neg + pos)):
        if sum(v >= t for v in neg) / len(neg) <= fpr:
            return sum(v >= t for v in pos) / len(pos), t
    return 0.0, None


def main():
    lib, modules = sys.argv[1], sys.argv[2]
    rng = random.Random(SEED)
    clean = load("heldout")
    vocab = sorted({w for r in clean for w in r[4].split() if w.isalpha()})
    rows = [("clean", g, r[4]) for r in clean for g in [r[0]]]
    for g, src, tid, lang, text in clean:   # as eval_real.py draws them
        fam = rng.choice(P.FAMILIES)
        sent, slang = P.injection_sentence(rng, fam, lang if g == "multilingual" else
                                           (rng.choice(list(P.INJECTIONS["override"])) if rng.random() < 0.3 else "en"),
                                           "heldout")
        rows.append(("injection", g, P.insert_piece(rng, text, sent)))
        P.backdoor(rng, text, vocab, "heldout")
        P.hidden(rng, text)
    db = sqlite3.connect(":memory:")
    db.enable_load_extension(True)
    db.load_extension(lib)
    ours = [db.execute("SELECT suspicion_score(?1)", (t,)).fetchone()[0] for _, _, t in rows]
    out = subprocess.run(["node", os.path.join(sys.path[0], "peers.mjs"), modules], capture_output=True, check=True,
                         input="".join(json.dumps({"text": t}) + "\n" for _, _, t in rows).encode())
    peers = [json.loads(line) for line in out.stdout.decode().splitlines()]
    print(f"held-out injection rows beside clean rows; recall at antidote's FPR at 0.5")
    print(f"{'genre':13} {'n_inj':>5} {'fpr':>6}  {'antidote auc/rec':>16}  {'vard auc/rec':>13}  {'llm_guardrail auc/rec':>21}")
    for g in sorted(set(r[1] for r in rows)) + ["all"]:
        idx = [i for i, r in enumerate(rows) if g == "all" or r[1] == g]
        pos = [i for i in idx if rows[i][0] == "injection"]
        neg = [i for i in idx if rows[i][0] == "clean"]
        fpr = sum(ours[i] >= 0.5 for i in neg) / len(neg)
        cells = []
        for name in ("ours", "vard", "guardrail"):
            s = ours if name == "ours" else [p[name] for p in peers]
            a = auc([s[i] for i in pos], [s[i] for i in neg])
            r = sum(s[i] >= 0.5 for i in pos) / len(pos) if name == "ours" else recall_at([s[i] for i in pos], [s[i] for i in neg], fpr)[0]
            cells.append(f"{a:.3f}/{r:.3f}")
        print(f"{g:13} {len(pos):5d} {fpr:6.4f}  {cells[0]:>16}  {cells[1]:>13}  {cells[2]:>21}")


main()
