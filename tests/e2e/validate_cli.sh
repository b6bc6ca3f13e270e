#!/bin/bash
# validate_cli.sh - `docbridge validate`: every dataset output (json, jsonl in each --records,
# xml) of every fixture is valid (exit 0); broken files exit 3 naming file, line and rule; an
# unreadable file exits 1; and the C JSON Schema checker agrees with Python's jsonschema
# (Draft202012Validator) on which records of a file of mutated records are invalid.
set -u
: "${DOCBRIDGE:?}" "${SRC:?}" "${PYTHON:=python3}"
for p in json jsonl xml; do
  "$DOCBRIDGE" formats | grep -q "^$p " || { echo "skipped: $p plugin not built"; exit 77; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # expect CODE DESCRIPTION CMD...
  local want=$1 what=$2; shift 2
  "$@" >"$tmp/out" 2>&1; local got=$?
  [ "$got" = "$want" ] || { echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/out"; fail=1; }
}

outs=()
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  "$DOCBRIDGE" convert -q "$f" -t json -o "$tmp/$n.json" 2>/dev/null || continue
  "$DOCBRIDGE" convert -q "$f" -t xml -o "$tmp/$n.xml"
  outs+=("$tmp/$n.json" "$tmp/$n.xml")
  for r in documents blocks units; do
    "$DOCBRIDGE" convert -q "$f" -t jsonl --records $r -o "$tmp/$n.$r.jsonl"
    outs+=("$tmp/$n.$r.jsonl")
  done
done < <(find "$SRC/fixtures" -type f -print0 | sort -z)
expect 0 "outputs of every fixture validate" "$DOCBRIDGE" validate -q "${outs[@]}"

# Invalid files: exit 3, the finding names file:line and the rule.
sed 's/"kind": "heading"/"kind": "headline"/' "$SRC/fixtures/json/everything.json" > "$tmp/bad.json"
expect 3 "json with a bad block kind" "$DOCBRIDGE" validate "$tmp/bad.json"
grep -q "bad.json:19:9: \[#/\$defs/block/properties/kind/enum\]" "$tmp/out" ||
  { echo "FAIL: bad.json finding lacks line/rule:"; cat "$tmp/out"; fail=1; }
"$DOCBRIDGE" convert -q "$SRC/fixtures/json/everything.json" -t xml -o "$tmp/ok.xml"
sed '0,/<cell>/s/<cell>\(.*\)<\/cell>/<cel>\1<\/cel>/' "$tmp/ok.xml" > "$tmp/bad.xml"
expect 3 "xml with an unknown element" "$DOCBRIDGE" validate "$tmp/bad.xml"
grep -q "bad.xml:[0-9]*: \[dataset.rng\] element <cel>" "$tmp/out" ||
  { echo "FAIL: bad.xml finding lacks line/rule:"; cat "$tmp/out"; fail=1; }
head -c 700 "$tmp/ok.xml" > "$tmp/cut.xml"
expect 3 "truncated xml" "$DOCBRIDGE" validate "$tmp/cut.xml"
head -c 500 "$SRC/fixtures/json/everything.json" > "$tmp/cut.json"
expect 3 "truncated json" "$DOCBRIDGE" validate "$tmp/cut.json"
grep -q "cut.json:[0-9]*:[0-9]*: \[JSON syntax\] truncated" "$tmp/out" ||
  { echo "FAIL: cut.json finding:"; cat "$tmp/out"; fail=1; }
printf '<?xml version="1.0"?>\n<!DOCTYPE dataset [<!ENTITY a "b">]>\n<dataset xmlns="urn:docbridge:dataset:1.0" version="1.0"/>\n' > "$tmp/ent.xml"
expect 3 "DOCTYPE with entities" "$DOCBRIDGE" validate "$tmp/ent.xml"
expect 1 "missing file" "$DOCBRIDGE" validate "$tmp/nonexistent.json"
expect 2 "no file" "$DOCBRIDGE" validate
expect 3 "one bad among good" "$DOCBRIDGE" validate "$tmp/ok.xml" "$tmp/bad.json"

# Differential check against Python's jsonschema on mutated records.
if "$PYTHON" -c 'import jsonschema' 2>/dev/null; then
  "$DOCBRIDGE" convert -q "$SRC/fixtures/json/everything.json" -t jsonl -o "$tmp/base.jsonl"
  "$PYTHON" - "$tmp/base.jsonl" "$tmp/mut.jsonl" "$SRC/formats/dataset.schema.json" \
    "$tmp/expected" <<'PY'
import json, sys, copy, jsonschema
base = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
schema = json.load(open(sys.argv[3], encoding="utf-8"))
v = jsonschema.Draft202012Validator(schema)
def walk(x, path=()):
    yield path, x
    if isinstance(x, dict):
        for k, y in x.items(): yield from walk(y, path + (k,))
    elif isinstance(x, list):
        for i, y in enumerate(x): yield from walk(y, path + (i,))
def setp(x, path, val, delete=False):
    for p in path[:-1]: x = x[p]
    if delete: del x[path[-1]]
    else: x[path[-1]] = val
muts = []
for rec in base:
    muts.append(rec)
    for path, val in list(walk(rec))[1:]:
        for kind in ("delete", "int", "str", "null", "list", "extra"):
            m = copy.deepcopy(rec)
            try:
                if kind == "delete": setp(m, path, None, True)
                elif kind == "int": setp(m, path, 7)
                elif kind == "str": setp(m, path, "zz")
                elif kind == "null": setp(m, path, None)
                elif kind == "list": setp(m, path, [])
                elif kind == "extra":
                    if not isinstance(val, dict): continue
                    val2 = dict(val); val2["zz_extra"] = 1; setp(m, path, val2)
            except (KeyError, IndexError, TypeError):
                continue
            muts.append(m)
with open(sys.argv[2], "w", encoding="utf-8") as out, open(sys.argv[4], "w") as exp:
    for i, m in enumerate(muts, 1):
        out.write(json.dumps(m, ensure_ascii=False) + "\n")
        if not v.is_valid(m): exp.write(f"{i}\n")
print(f"{len(muts)} mutated records")
PY
  "$DOCBRIDGE" validate "$tmp/mut.jsonl" | sed -n 's/^.*mut\.jsonl:\([0-9]*\):.*$/\1/p' | sort -n -u \
    > "$tmp/got"
  sort -n -u "$tmp/expected" > "$tmp/want"
  if ! cmp -s "$tmp/got" "$tmp/want"; then
    echo "FAIL: docbridge validate and jsonschema disagree on these record lines:"
    diff "$tmp/want" "$tmp/got" | head -20; fail=1
  else
    echo "ok: docbridge validate agrees with jsonschema on $(wc -l < "$tmp/want") invalid records"
  fi
else
  echo "note: no jsonschema module: differential check left out"
fi
# What the jsonl reader accepts, validate accepts: hand-made records without type or doc.
if "$DOCBRIDGE" validate "$SRC/fixtures/jsonl/handmade.jsonl" >/dev/null &&
   "$DOCBRIDGE" convert -q "$SRC/fixtures/jsonl/handmade.jsonl" -t json -o "$tmp/hm.json"; then
  echo "ok: hand-made JSONL validates and reads"
else
  echo "FAIL: hand-made JSONL: validate and the reader disagree"; fail=1
fi
exit $fail
