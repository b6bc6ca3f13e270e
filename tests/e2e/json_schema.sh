#!/bin/bash
# json_schema.sh - every json/jsonl output docbridge can produce from every fixture validates
# against formats/dataset.schema.json (jsonschema, Draft 2020-12); a broken output must fail.
# Fixtures that no reader accepts (deliberately bad inputs) are listed and left out.
set -u
: "${DOCBRIDGE:?}" "${SRC:?}" "${PYTHON:=python3}"
if ! "$PYTHON" -c 'import jsonschema' 2>/dev/null; then
  echo "skipped: $PYTHON has no jsonschema module"; exit 77
fi
if ! "$DOCBRIDGE" formats | grep -q '^jsonl '; then
  echo "skipped: json/jsonl plugins not built"; exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
schema="$SRC/formats/dataset.schema.json"
check="$SRC/tests/tools/validate_dataset.py"
outs=() n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  base="$tmp/$n"
  if ! "$DOCBRIDGE" convert -q "$f" -t json -o "$base.json" 2>"$base.err"; then
    echo "not convertible (left out): ${f#$SRC/}: $(head -c 200 "$base.err")"
    continue
  fi
  outs+=("$base.json")
  for r in documents blocks units; do
    "$DOCBRIDGE" convert -q "$f" -t jsonl --records "$r" -o "$base.$r.jsonl" || {
      echo "FAIL: $f converts to json but not to jsonl --records $r"; exit 1; }
    outs+=("$base.$r.jsonl")
  done
done < <(find "$SRC/fixtures" -type f -print0 | sort -z)
[ ${#outs[@]} -gt 0 ] || { echo "FAIL: no fixture converted"; exit 1; }
"$PYTHON" "$check" "$schema" "${outs[@]}" || exit 1

# The check itself must be able to fail: an unknown field and a bad code kind are caught.
sed 's/"kind": "title"/"kind": "title", "bogus": 1/' "$SRC/fixtures/json/everything.json" \
  > "$tmp/bad1.json"
if "$PYTHON" "$check" "$schema" "$tmp/bad1.json" >/dev/null; then
  echo "FAIL: schema accepted an unknown block field"; exit 1
fi
echo '{"type":"unit","doc":"d","variants":[{"text":"x","spans":[{"kind":"bold"}]}]}' \
  > "$tmp/bad2.jsonl"
if "$PYTHON" "$check" "$schema" "$tmp/bad2.jsonl" >/dev/null; then
  echo "FAIL: schema accepted an unknown code kind"; exit 1
fi
echo "ok: ${#outs[@]} outputs from $n fixtures validate"
