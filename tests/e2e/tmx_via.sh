#!/usr/bin/env bash
# tmx_via.sh - units from other formats survive a trip through TMX: FMT -> tmx -> jsonl keeps,
# for every unit with two or more languages, its id, languages, segment texts, inline codes (id,
# kind, native data, type), states, plural forms, notes (text, language, properties) and
# properties, compared with FMT -> jsonl directly. Formats: PO and XLIFF 1.2/2 fixtures (each
# when its plugin is built). What TMX cannot say is left out of the comparison and listed in
# formats/tmx.md: code attributes and origins, the well-formed flag of g/pc pairs, the type of
# a pair's closing code.
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
has() { "$DOCBRIDGE" formats | awk -v n="$1" '$1 == n && $2 ~ /^r/ {f=1} END {exit !f}'; }
files=()
has po && files+=("$SRC"/fixtures/po/*.po)
has xliff && files+=("$SRC"/fixtures/xliff/*.xlf)
[ ${#files[@]} -gt 0 ] || { echo "skipped: no po or xliff reader built"; exit 77; }
for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    "$DOCBRIDGE" convert -q "$f" -t jsonl -o "$T/direct.jsonl"
    "$DOCBRIDGE" convert -q --lenient "$f" -t tmx -o "$T/via.tmx"
    "$DOCBRIDGE" convert -q "$T/via.tmx" -t jsonl -o "$T/via.jsonl"
    "$PYTHON" - "$T/direct.jsonl" "$T/via.jsonl" "$(basename "$f")" <<'PY'
import json, re, sys

def spans(v):
    out = []
    for s in v.get("spans", [v.get("text", "")]):
        if isinstance(s, str):
            if out and isinstance(out[-1], str):
                out[-1] += s
            elif s:
                out.append(s)
        else:
            # ept and the end of hi have no type of their own: a pair's type is its opening's
            closing = s["kind"] == "mark_close" or (s["kind"] == "close" and "isolated" not in s.get("flags", []))
            typ = None if closing else s.get("type")
            out.append((s["kind"], s.get("id"), s.get("data"), typ,
                        "isolated" in s.get("flags", [])))
    return out

def notes(ns):
    return [(n["text"], n.get("lang"), n.get("props", [])) for n in ns or []]

def props(ps):
    return [p for p in ps or [] if not p[0].startswith("tmx:")]

def unit_id(r):
    # the dataset writers make "u-" + 16 hex digits for units without an id; not the source's
    i = r.get("id")
    return None if i and re.fullmatch(r"u-[0-9a-f]{16}", i) else i

def units(path):
    out = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if r.get("type") != "unit" or len(r["variants"]) < 2:
            continue
        out.append((unit_id(r), notes(r.get("notes")), props(r.get("props")),
                    [(v["lang"], spans(v), v.get("state"), [spans(p) for p in v.get("plurals", [])],
                      notes(v.get("notes")), props(v.get("props"))) for v in r["variants"]]))
    return out

a, b = units(sys.argv[1]), units(sys.argv[2])
assert a, f"{sys.argv[3]}: no bilingual units to compare"
assert len(a) == len(b), f"{sys.argv[3]}: {len(a)} units directly, {len(b)} through TMX"
for x, y in zip(a, b):
    assert x == y, f"{sys.argv[3]}: unit changed through TMX:\n direct: {x}\n    via: {y}"
print(f"{sys.argv[3]}: {len(a)} units kept through TMX")
PY
done
echo "ok"
