#!/usr/bin/env bash
# tmx_json_roundtrip.sh - TMX -> json -> TMX and TMX -> jsonl -> TMX keep every unit, language,
# code, note and prop: the TMX that comes back is byte-identical to the fixture. A language first
# met in a later unit (late_language.tmx) is in the JSONL document_end's complete "langs".
set -euo pipefail
for p in json jsonl; do
    if ! "$DOCBRIDGE" formats | awk -v n="$p" '$1 == n {f=1} END {exit !f}'; then
        echo "skipped: $p plugin not built"
        exit 77
    fi
done
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F="$SRC/fixtures/tmx"
"$DOCBRIDGE" convert "$F/compact.tmx" -t tmx -o "$T/compact.tmx"
for src in "$F/full.tmx" "$F/multilingual.tmx" "$F/no_tuid.tmx" "$F/late_language.tmx" \
           "$F/expected/from_model.tmx" "$T/compact.tmx"; do
    for via in json jsonl; do
        "$DOCBRIDGE" convert "$src" -t "$via" -o "$T/mid.$via"
        "$DOCBRIDGE" convert "$T/mid.$via" -f "$via" -t tmx -o "$T/back.tmx"
        cmp "$src" "$T/back.tmx" ||
            { echo "FAIL: $(basename "$src") -> $via -> tmx differs"; diff "$src" "$T/back.tmx" | head -20; exit 1; }
    done
done
"$DOCBRIDGE" convert -q "$F/late_language.tmx" -t jsonl -o "$T/late.jsonl"
grep -c '^{"type":"document","id":"[^"]*","lang":"en","langs":\["en","de"\]' "$T/late.jsonl" >/dev/null &&
  grep -c '^{"type":"document_end","doc":"[^"]*","langs":\["en","de","fr"\]' "$T/late.jsonl" >/dev/null ||
  { echo "FAIL: late language not in document_end: $(sed -n '1p;$p' "$T/late.jsonl" | cut -c1-160)"; exit 1; }
"$DOCBRIDGE" convert -q "$T/late.jsonl" -t jsonl -o "$T/late2.jsonl"
cmp "$T/late.jsonl" "$T/late2.jsonl" || { echo "FAIL: jsonl -> jsonl lost the late language"; exit 1; }
echo "ok"
