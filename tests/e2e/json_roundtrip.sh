#!/bin/bash
# json_roundtrip.sh - json -> jsonl (each --records that keeps everything) -> json is
# byte-identical, json -> json is a fixed point, and output is the same on every run.
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
if ! "$DOCBRIDGE" formats | grep -q '^jsonl '; then
  echo "skipped: json/jsonl plugins not built"; exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
for f in "$SRC"/fixtures/json/*.json "$SRC"/fixtures/jsonl/*.jsonl; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  "$DOCBRIDGE" convert -q "$f" -t json -o "$tmp/a.json" || { echo "FAIL: $name -> json"; fail=1; continue; }
  "$DOCBRIDGE" convert -q "$f" -t json -o "$tmp/a2.json"
  cmp -s "$tmp/a.json" "$tmp/a2.json" || { echo "FAIL: $name: output differs between runs"; fail=1; }
  "$DOCBRIDGE" convert -q "$tmp/a.json" -t json -o "$tmp/b.json"
  cmp -s "$tmp/a.json" "$tmp/b.json" || { echo "FAIL: $name: json -> json not a fixed point"; fail=1; }
  for r in documents blocks; do
    "$DOCBRIDGE" convert -q "$tmp/a.json" -t jsonl --records $r -o "$tmp/c.jsonl" &&
    "$DOCBRIDGE" convert -q "$tmp/c.jsonl" -t json -o "$tmp/d.json" &&
    cmp "$tmp/a.json" "$tmp/d.json" || { echo "FAIL: $name: json -> jsonl ($r) -> json differs"; fail=1; }
    "$DOCBRIDGE" convert -q "$tmp/c.jsonl" -t jsonl --records $r -o "$tmp/e.jsonl" &&
    cmp "$tmp/c.jsonl" "$tmp/e.jsonl" || { echo "FAIL: $name: jsonl ($r) -> jsonl differs"; fail=1; }
  done
  echo "ok: $name"
done
exit $fail
