#!/usr/bin/env python3
"""align_f1.py GOLD PRED - prints the strict F1 of predicted beads against gold beads (both
in vecalign's "[0]:[1, 2]" format). Strict precision: predicted beads identical to a gold
bead; strict recall: gold beads with both sides non-empty found among the predictions."""
import re
import sys


def beads(path):
    out = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]", line)
        if m:
            out.append(tuple(tuple(int(x) for x in g.split(",") if x.strip()) for g in m.groups()))
    return out


gold, pred = set(beads(sys.argv[1])), set(beads(sys.argv[2]))
p = len(gold & pred) / len(pred) if pred else 0.0
g2 = {b for b in gold if b[0] and b[1]}
p2 = {b for b in pred if b[0] and b[1]}
r = len(g2 & p2) / len(g2) if g2 else 0.0
print("%.3f" % (2 * p * r / (p + r) if p + r else 0.0))
