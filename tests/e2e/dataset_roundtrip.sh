#!/bin/bash
# dataset_roundtrip.sh - table-driven lossless round trips through the dataset formats, for
# every reader docbridge has loaded and every fixture under fixtures/<reader name>/ (so a new
# reader or fixture is picked up without editing this file):
#   X -> json -> xml -> json    equals X -> json     (byte for byte)
#   X -> xml -> json -> xml     equals X -> xml
#   X -> jsonl -> xml -> jsonl  equals X -> jsonl
#   X -> xml -> json            equals X -> json
# A fixture its reader refuses (a deliberately bad input) is listed and left out; a reader
# whose fixtures are all refused fails the test.
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
for p in json jsonl xml; do
  "$DOCBRIDGE" formats | grep -q "^$p " || { echo "skipped: $p plugin not built"; exit 77; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
readers=$("$DOCBRIDGE" formats | awk 'NR > 1 && substr($2, 1, 1) == "r" { print $1 }')
fail=0 pairs=0
conv() { "$DOCBRIDGE" convert -q "$@" 2>>"$tmp/err"; }
for reader in $readers; do
  dir="$SRC/fixtures/$reader"
  [ -d "$dir" ] || { echo "note: reader $reader has no fixtures/$reader/"; continue; }
  ok=0
  while IFS= read -r -d '' f; do
    rel=${f#$SRC/}
    : >"$tmp/err"
    if ! conv -f "$reader" "$f" -t json -o "$tmp/x.json"; then
      echo "left out (refused by $reader): $rel: $(head -c 160 "$tmp/err")"
      continue
    fi
    ok=$((ok + 1)) pairs=$((pairs + 1))
    conv -f "$reader" "$f" -t xml -o "$tmp/x.xml" &&
    conv -f "$reader" "$f" -t jsonl -o "$tmp/x.jsonl" &&
    conv "$tmp/x.json" -t xml -o "$tmp/x.json.xml" &&
    conv "$tmp/x.json.xml" -t json -o "$tmp/x.json.xml.json" &&
    conv "$tmp/x.xml" -t json -o "$tmp/x.xml.json" &&
    conv "$tmp/x.xml.json" -t xml -o "$tmp/x.xml.json.xml" &&
    conv "$tmp/x.jsonl" -t xml -o "$tmp/x.jsonl.xml" &&
    conv "$tmp/x.jsonl.xml" -t jsonl -o "$tmp/x.jsonl.xml.jsonl" || {
      echo "FAIL: $rel: a dataset conversion failed: $(head -c 300 "$tmp/err")"; fail=1; continue; }
    for pair in "x.json x.json.xml.json" "x.xml x.xml.json.xml" "x.jsonl x.jsonl.xml.jsonl" \
                "x.json x.xml.json"; do
      set -- $pair
      cmp -s "$tmp/$1" "$tmp/$2" || {
        echo "FAIL: $rel: $2 differs from $1:"; diff "$tmp/$1" "$tmp/$2" | head -10; fail=1; }
    done
  done < <(find "$dir" -type f -print0 | sort -z)
  echo "reader $reader: $ok fixture(s) round-tripped"
  [ "$ok" -gt 0 ] || { echo "FAIL: reader $reader: no fixture converted"; fail=1; }
done
[ "$pairs" -gt 0 ] || { echo "FAIL: nothing was tested"; exit 1; }
exit $fail
