#!/usr/bin/python3
"""antidote's suspicion_score beside two npm prompt-injection detectors on the same rows.

Input: JSON lines {"label": 0 or 1, "group": "...", "text": "..."} (1 = poisoned).
For each detector: ROC AUC over all rows and per group of poisoned rows against all clean
rows, and recall at matched false-positive rates (the cut that lets at most that share of
clean rows through as positive).  Never fails on the figures; prints them.

Usage: bench_peers.py ROWS.jsonl BUILD_DIR_WITH_antidote.so PEERS_DIR
"""
import json
import sqlite3
import subprocess
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
db = sqlite3.connect(":memory:")
db.enable_load_extension(True)
db.load_extension(sys.argv[2].rstrip("/") + "/antidote")
scores = {"antidote": [db.execute("SELECT suspicion_score(?)", (r["text"],)).fetchone()[0] for r in rows]}
out = subprocess.run(["node", "score.mjs"], cwd=sys.argv[3],
                     input="".join(json.dumps({"text": r["text"]}) + "\n" for r in rows),
                     capture_output=True, text=True, check=True).stdout.split("\n")
peer = [line.split("\t") for line in out if line]
assert len(peer) == len(rows), "peer scorer returned %d lines for %d rows" % (len(peer), len(rows))
scores["vard 1.2.0"] = [float(p[0]) for p in peer]
scores["llm_guardrail 2.1.2"] = [float(p[1]) for p in peer]


def auc(pos, neg):
    """Probability that a poisoned row outscores a clean one (ties count half)."""
    if not pos or not neg:
        return float("nan")
    ranked = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0
        rank_sum += mid * sum(1 for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def recall_at(pos, neg, fpr):
    """Recall with the lowest cut whose share of clean rows above it is at most fpr."""
    neg_sorted = sorted(neg, reverse=True)
    allowed = int(fpr * len(neg))
    cut = neg_sorted[allowed] if allowed < len(neg_sorted) else float("-inf")
    return sum(1 for s in pos if s > cut) / len(pos) if pos else float("nan")


groups = sorted({r["group"] for r in rows if r["label"] == 1})
neg_idx = [i for i, r in enumerate(rows) if r["label"] == 0]
print("rows: %d clean, %d poisoned (%s)" % (len(neg_idx), len(rows) - len(neg_idx), ", ".join(groups)))
print("%-22s %8s %14s %14s %14s" % ("detector", "AUC", "recall@0.5%FPR", "recall@1%FPR", "recall@5%FPR"))
for name, s in scores.items():
    neg = [s[i] for i in neg_idx]
    pos = [s[i] for i, r in enumerate(rows) if r["label"] == 1]
    print("%-22s %8.3f %14.3f %14.3f %14.3f" % (name, auc(pos, neg), recall_at(pos, neg, 0.005),
                                                recall_at(pos, neg, 0.01), recall_at(pos, neg, 0.05)))
    for g in groups:
        gp = [s[i] for i, r in enumerate(rows) if r["label"] == 1 and r["group"] == g]
        print("  %-20s %8.3f %14.3f %14.3f %14.3f" % (g, auc(gp, neg), recall_at(gp, neg, 0.005),
                                                    recall_at(gp, neg, 0.01), recall_at(gp, neg, 0.05)))
