#!/usr/bin/python3
"""Write the texts two builds must score alike, each ending in a NUL byte:
the suspicion benchmark texts (tests/bench/suspicion_texts.py), the clean and
poisoned texts of tests/eval/eval_suspicion.py and every row of the real-text
corpus (tests/eval/data/real.tsv).  Usage: exact_texts.py N > file
"""
import os
import random
import subprocess
import sys

HERE = sys.path[0]
sys.path.insert(0, HERE + "/../eval")
import eval_suspicion  # noqa: E402

out = sys.stdout.buffer


def put(text):
    out.write(text.encode("utf-8") + b"\0")


bench = subprocess.run([sys.executable, HERE + "/suspicion_texts.py", sys.argv[1]],
                       check=True, capture_output=True).stdout.decode("utf-8")
for line in bench.split("\n")[:-1]:
    put(line)
clean = eval_suspicion.load_clean()
for _, _, text in clean:
    put(text)
for _, _, _, text in eval_suspicion.build_poisoned(clean, random.Random(eval_suspicion.SEED)):
    put(text)
with open(os.path.join(HERE, "../eval/data/real.tsv"), encoding="utf-8") as f:
    next(f)
    for line in f:
        text = line.rstrip("\n").split("\t")[5]
        put(text.replace("\\n", "\n").replace("\\\\", "\\"))
