#!/usr/bin/env python3
"""po_layout_random.py - the PO writer's string layout against a model of it written here.

Generates a catalogue of random strings (seeded: the same every run) made of what the layout
has to get right: escapes and control bytes (named and octal) at any position, "\\n" at the
start, inside and at the end, runs of spaces, words wider than the line, UTF-8 and CJK (one
column a character), in msgctxt / msgid / msgid_plural / msgstr[n], obsolete entries (their
"#~ " prefix narrows the line). docbridge converts it PO -> PO at several widths; every entry
must come out byte for byte as the model below lays it out (msgcat's rules as the writer
documents them: po_layout.c). Usage: po_layout_random.py DOCBRIDGE SCRATCH_DIR
"""
import random
import subprocess
import sys

ATOMS = ["a", "bb", "word", "longerword", "x" * 30, "y" * 90, " ", " ", "  ", "\n", "\t", '"',
         "\\", "\x01", "\x7f", "\x1b", "\r", "文件", "无法保存", "é", "ü", "€", "%", "=", "|",
         ". ", ", ", "\n\n", " \n", "\n ", "supercalifragilisticexpialidocious"]
WIDTHS = [79, 40, 20, 9, 1, 0]


def cols(b):
    return 2 if b < 0x20 or b in (0x22, 0x5C) else 0 if (b & 0xC0) == 0x80 else 1


def esc(s):
    named = {0x0A: "\\n", 0x09: "\\t", 0x0D: "\\r", 0x07: "\\a", 0x08: "\\b", 0x0C: "\\f",
             0x0B: "\\v", 0x5C: "\\\\", 0x22: '\\"'}
    out = bytearray()
    for b in s:
        if b in named:
            out += named[b].encode()
        elif b < 0x20 or b == 0x7F:
            out += ("\\%03o" % b).encode()
        else:
            out.append(b)
    return bytes(out)


def next_piece(s, width):
    """Where the piece starting s ends: after a newline, or at the last space that keeps the
    escaped piece within width columns (a word wider than that runs on to the next space)."""
    if width <= 0:
        nl = s.find(b"\n")
        return nl + 1 if nl >= 0 else len(s)
    w = 0
    for i, b in enumerate(s):
        w += cols(b)
        if w > width:
            k = s.rfind(b" ", 0, i + 1)
            if k >= 0:
                return k + 1
            for j in range(i, len(s)):
                if s[j] in b" \n":
                    return j + 1
            return len(s)
        if b == 0x0A:
            return i + 1
    return len(s)


def layout(prefix, keyword, s, width):
    head = len(prefix) + len(keyword) + 3
    nl = s.find(b"\n")
    one_line = (nl < 0 or nl == len(s) - 1) and (width <= 0 or next_piece(s, width - head) == len(s))
    if one_line:
        return prefix + keyword + b' "' + esc(s) + b'"\n'
    out = prefix + keyword + b' ""\n'
    while s:
        k = next_piece(s, width - 2 - len(prefix) if width > 0 else 0)
        out += prefix + b'"' + esc(s[:k]) + b'"\n'
        s = s[k:]
    return out


def text(rng, maxlen):
    words = [rng.choice(ATOMS) for _ in range(rng.randint(0, maxlen))]
    if rng.random() < 0.5:  # mostly plain words, as real strings are
        words = [w if rng.random() < 0.3 else rng.choice(["a", "bb", "word", " ", " ", "文件"])
                 for w in words]
    return "".join(words).encode()


def conform(t, ref):
    """msgfmt wants a translation to begin and end with "\\n" as its msgid does (never empty
    inside, or "\\n" alone would both begin and end with one; the writer marks entries that do
    not conform fuzzy, which this model does not write)."""
    t = t.strip(b"\n") or b"x"
    return (b"\n" if ref.startswith(b"\n") else b"") + t + (b"\n" if ref.endswith(b"\n") else b"")


def entries(rng, n):
    seen = set()
    while len(seen) < n:
        e = {"obsolete": rng.random() < 0.15,
             "ctxt": text(rng, 10) if rng.random() < 0.3 else None,
             "id": text(rng, 40)}
        if not e["id"] or (e["ctxt"], e["id"]) in seen:
            continue
        seen.add((e["ctxt"], e["id"]))
        if rng.random() < 0.2:
            e["plural"] = conform(text(rng, 30), e["id"])
            e["strs"] = [conform(text(rng, 40), e["id"]) for _ in range(2)]
        else:
            e["strs"] = [conform(text(rng, 60), e["id"])]
        yield e


def write_entry(e, width):
    """The entry as the writer lays it out (width None: as the input gives it, unwrapped)."""
    w = 0 if width is None else width
    p = b"#~ " if e["obsolete"] else b""
    out = b""
    if e["ctxt"] is not None:
        out += layout(p, b"msgctxt", e["ctxt"], w)
    out += layout(p, b"msgid", e["id"], w)
    if "plural" in e:
        out += layout(p, b"msgid_plural", e["plural"], w)
        for i, s in enumerate(e["strs"]):
            out += layout(p, b"msgstr[%d]" % i, s, w)
    else:
        out += layout(p, b"msgstr", e["strs"][0], w)
    return out


def main():
    docbridge, scratch = sys.argv[1], sys.argv[2]
    rng = random.Random(20261129)
    es = list(entries(rng, 300))
    header = (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              b'"Language: de\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
    src = scratch + "/in.po"
    with open(src, "wb") as f:
        f.write(header + b"".join(b"\n" + write_entry(e, None) for e in es))
    for width in WIDTHS:
        out = subprocess.run([docbridge, "convert", "-q", src, "-t", "po", "--po-width", str(width),
                              "-o", "-"], check=True, capture_output=True).stdout
        got = out.split(b"\n\n")[1:]  # the header, then one entry a block
        want = [write_entry(e, width).rstrip(b"\n") for e in es]
        got[-1] = got[-1].rstrip(b"\n")
        assert len(got) == len(want), f"width {width}: {len(got)} entries, expected {len(want)}"
        for g, w in zip(got, want):
            if g != w:
                sys.exit(f"width {width}: entry laid out differently\n--- expected\n"
                         f"{w.decode(errors='replace')}\n--- written\n{g.decode(errors='replace')}")
    print(f"po layout: {len(es)} random entries as the model lays them out at widths {WIDTHS}")


if __name__ == "__main__":
    main()
