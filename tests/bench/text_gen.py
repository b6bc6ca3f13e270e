#!/usr/bin/env python3
"""text_gen.py - writes a large PDF-extracted-style text (as pdftotext writes reports) to stdout.

Usage: text_gen.py MEGABYTES [SEED]

Pages end with a form feed and carry a running header and a page number; each page has
numbered section headings, paragraphs wrapped at 72 columns with end-of-line hyphenation,
bullet lists with a nested level, now and then a figure line, a table of contents page, a date
line, a Chinese line. Deterministic for a seed, so runs compare.
"""
import random
import sys

WORDS = ("the of and to in a is that for on with as by partnership research climate policy "
         "collaboration programme institutes university funding joint emissions energy "
         "transition agreement ministry report findings evidence analysis network exchange "
         "development innovation investment coordination implementation sustainable regional "
         "international cooperation framework assessment").split()
CJK = "中英气候合作评估报告研究能源转型政策资金大学网络交流创新投资"


def sentence(rng):
    n = rng.randint(8, 24)
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def wrap(text, rng, width=72):
    """Wraps like a PDF extractor: long words at a line end are cut with a hyphen."""
    out, line = [], ""
    for word in text.split(" "):
        if len(line) + 1 + len(word) <= width:
            line = (line + " " + word) if line else word
            continue
        room = width - len(line) - 2
        if len(word) >= 9 and room >= 4 and rng.random() < 0.5:
            cut = min(room, len(word) - 3)
            out.append(line + " " + word[:cut] + "-")
            line = word[cut:]
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    return out


def page(rng, number, section):
    lines = ["Joint Climate Research Review 2026", ""]
    if number == 2:
        lines += ["Contents", ""]
        lines += ["%d. Section title %d %s %d" % (i, i, "." * 30, i + 2) for i in range(1, 9)]
    else:
        lines += ["%d.%d Findings on %s" % (section, number % 7 + 1, rng.choice(WORDS)), ""]
        if number % 5 == 0:
            lines += [CJK[rng.randint(0, 8):][:10], ""]
        for _ in range(rng.randint(2, 4)):
            lines += wrap(" ".join(sentence(rng) for _ in range(rng.randint(2, 6))), rng)
            lines.append("")
        lines += ["• " + sentence(rng), "    – " + sentence(rng), "• " + sentence(rng), ""]
        if number % 3 == 0:
            lines += ["Figure %d: %s" % (number, sentence(rng)), ""]
        if number % 11 == 0:
            lines += ["Published Jun 21, 2022", ""]
    lines += ["", "                                   %d" % number]
    return "\n".join(lines) + "\n\f"


def main():
    target = int(float(sys.argv[1]) * 1024 * 1024)
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    out = sys.stdout
    out.write("JOINT CLIMATE RESEARCH REVIEW\n中英气候研究评估\n\nby Alice Smith and Wei Zhang\n\n\f")
    written, number = 0, 1
    while written < target:
        number += 1
        text = page(rng, number, number // 10 + 1)
        out.write(text)
        written += len(text.encode("utf-8"))


if __name__ == "__main__":
    main()
