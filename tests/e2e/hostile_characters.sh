#!/usr/bin/env bash
# hostile_characters.sh - fixtures/jsonl/hostile_characters.jsonl (C0, DEL and C1 controls,
# U+FFFE/U+FFFF, brackets, quotes, markup, CR, tab in texts, ids, notes and props) goes through
# every bilingual writer and back to JSONL. Unit texts come back exactly wherever the format
# has a way to hold them (everywhere but XLIFF 1.2, which cannot hold C0 controls or U+FFFE/
# U+FFFF: U+FFFD and a warning). Anything else that changes is either something the format has
# no place for (a Moses id, TSV props without a column) or U+FFFD with a warning: never a
# silent change.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
PYTHON=${PYTHON:-python3}
need_plugin jsonl
F="$SRC/fixtures/jsonl/hostile_characters.jsonl"
cd "$SCRATCH"
has_writer() { "$DOCBRIDGE" formats 2>/dev/null | awk -v n="$1" '$1 == n && $2 ~ /w/ {f=1} END {exit !f}'; }
for fmt in tmx xliff xliff2 po tsv csv moses; do
  to=$fmt extra=()
  [ "$fmt" = xliff2 ] && to=xliff extra=(--xliff-version 2.0)
  has_writer "$to" || { echo "skipped: $fmt (no writer)"; continue; }
  out=mid.$fmt ins=(mid.$fmt)
  [ "$fmt" = moses ] && out=mid ins=(mid.en mid.de)
  if ! "$DOCBRIDGE" convert "$F" -t "$to" "${extra[@]}" -o "$out" 2> "warn.$fmt" ||
     ! "$DOCBRIDGE" convert -q "${ins[@]}" -t jsonl -o "back.$fmt.jsonl"; then
    fail "$fmt: conversion failed: $(head -2 "warn.$fmt")"; continue
  fi
  if "$PYTHON" - "$F" "back.$fmt.jsonl" "$fmt" "warn.$fmt" <<'PY'; then pass; else fail "$fmt: see above"; fi
import json, sys
src, back, fmt, warn = sys.argv[1:5]
warned = open(warn, encoding="utf-8", errors="replace").read()
def units(p):
    out = []
    for line in open(p, encoding="utf-8"):
        r = json.loads(line)
        if r.get("type") == "unit":
            props = [q for q in r.get("props", []) if not q[0].startswith(("tmx:", "xliff:", "po:"))]
            out.append({"id": r.get("id"), "texts": [v.get("text") for v in r["variants"]],
                        "notes": [n["text"] for n in r.get("notes", [])], "props": props})
    return out
a, b = units(src), units(back)
bad = []
if len(a) != len(b):
    bad.append("%d units, %d back" % (len(a), len(b)))
for x, y in zip(a, b):
    if x["texts"] != y["texts"]:
        if fmt != "xliff" or "XLIFF 2 keeps them" not in warned:
            bad.append("texts %r -> %r" % (x["texts"], y["texts"]))
    for field in ("id", "notes", "props"):
        if x[field] == y[field]:
            continue
        if fmt == "moses" and field in ("id", "notes", "props"):
            continue  # Moses holds texts only
        if fmt in ("tsv", "csv") and field == "props" and not y[field]:
            continue  # no column asked for: said in its own warning
        if "\ufffd" in json.dumps(y[field], ensure_ascii=False) and "U+FFFD" in warned:
            continue  # replaced, and said
        bad.append("%s %r -> %r" % (field, x[field], y[field]))
for m in bad:
    print(fmt + ": " + m)
sys.exit(1 if bad else 0)
PY
done
finish
