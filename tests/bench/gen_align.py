#!/usr/bin/env python3
"""gen_align.py N OUT_PREFIX [SEED] - writes OUT_PREFIX.en and OUT_PREFIX.zh, N English
sentences and about N Chinese ones (one a line), a synthetic parallel text for the aligner
benchmark: Chinese length follows English length at about one character for three, numbers
appear on both sides, and about 10% of the beads are 1-2, 2-1, 1-0 or 0-1."""
import random
import sys

n, prefix = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
WORDS = ("the of and report growth region market policy water energy city budget staff plan "
         "survey target health school trade road farm data price rate level public local "
         "council review result figure increase decrease support project fund service").split()
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 2000)]


def pair():
    k = rnd.randint(4, 30)
    words = [rnd.choice(WORDS) for _ in range(k)]
    zh = [rnd.choice(HAN) for _ in range(max(2, int(len(" ".join(words)) / 3 * rnd.uniform(0.8, 1.2))))]
    if rnd.random() < 0.3:
        num = str(rnd.randint(10, 99999))
        words.insert(rnd.randrange(len(words)), num)
        zh.insert(rnd.randrange(len(zh)), num)
    return " ".join(words).capitalize() + ".", "".join(zh) + "。"


with open(prefix + ".en", "w", encoding="utf-8") as en, open(prefix + ".zh", "w", encoding="utf-8") as zh:
    i = 0
    while i < n:
        r = rnd.random()
        e, z = pair()
        if r < 0.03:       # 1-2
            z2 = pair()[1]
            en.write(e + "\n"); zh.write(z + "\n" + z2 + "\n")
        elif r < 0.06:     # 2-1
            e2 = pair()[0]
            en.write(e + "\n" + e2 + "\n"); zh.write(z + "\n"); i += 1
        elif r < 0.08:     # 1-0
            en.write(e + "\n")
        elif r < 0.10:     # 0-1
            zh.write(z + "\n"); i -= 1
        else:
            en.write(e + "\n"); zh.write(z + "\n")
        i += 1
