#!/usr/bin/env python3
"""tmx_random_inline.py - writes a TMX whose segments are random but valid nestings of every
TMX 1.4b inline element (bpt/ept pairs, it, ph, ut, hi inside hi, sub inside codes with codes
inside sub), with attributes and escaped text, for tmx_random_inline.sh. Deterministic (seed).
Usage: tmx_random_inline.py SEED UNITS > out.tmx"""
import random
import sys

rng = random.Random(int(sys.argv[1]))
ids = iter(range(1, 10**9))
TEXTS = ['', 'a', 'Hello ', ' & ', '<x>', '"q"', "it's", '中文', '\t', ' ', 'b\nc', '{0}', '%s']


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def text():
    return esc(rng.choice(TEXTS))


def attrs(*choices):
    return rng.choice(('',) + choices)


def code_content(depth):
    out = [text()]
    if depth < 3 and rng.random() < 0.3:
        sub_attrs = attrs(' type="x-alt"', ' datatype="html" type="t"')
        out.append('<sub%s>%s</sub>%s' % (sub_attrs, inline(depth + 1), text()))
    return ''.join(out)


def inline(depth):
    out = []
    for _ in range(rng.randint(0, 5)):
        out.append(text())
        r = rng.random()
        if r < 0.15:
            i = next(ids)
            a = attrs(' x="%d"' % i, ' type="bold"', ' x="%d" type="italic"' % i)
            out.append('<bpt i="%d"%s>%s</bpt>%s<ept i="%d">%s</ept>'
                       % (i, a, code_content(depth), text(), i, code_content(depth)))
        elif r < 0.3:
            pos = rng.choice(['begin', 'end'])
            out.append('<it pos="%s"%s>%s</it>' % (pos, attrs(' x="3"', ' type="link"'),
                                                   code_content(depth)))
        elif r < 0.45:
            a = attrs(' x="4"', ' assoc="b"', ' x="5" assoc="p" type="image"')
            out.append('<ph%s>%s</ph>' % (a, code_content(depth)))
        elif r < 0.5:
            out.append('<ut%s>%s</ut>' % (attrs(' x="6"'), code_content(depth)))
        elif r < 0.65 and depth < 4:
            out.append('<hi%s>%s</hi>' % (attrs(' x="7"', ' type="x-t"', ' x="8" type="u"'),
                                          inline(depth + 1)))
    return ''.join(out)


w = sys.stdout.write
w('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
  'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" '
  'datatype="plaintext"/><body>')
for n in range(int(sys.argv[2])):
    w('<tu tuid="%d"><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="de"><seg>%s</seg>'
      '</tuv></tu>\n' % (n, inline(0), inline(0)))
w('</body></tmx>\n')
