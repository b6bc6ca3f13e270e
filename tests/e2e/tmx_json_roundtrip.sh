#!/usr/bin/env bash
# tmx_json_roundtrip.sh - TMX -> json -> TMX and TMX -> jsonl -> TMX keep every unit, language,
# code, note and prop: the TMX that comes back is byte-identical to the fixture.
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
for src in "$F/full.tmx" "$F/multilingual.tmx" "$F/no_tuid.tmx" "$F/expected/from_model.tmx" "$T/compact.tmx"; do
    for via in json jsonl; do
        "$DOCBRIDGE" convert "$src" -t "$via" -o "$T/mid.$via"
        "$DOCBRIDGE" convert "$T/mid.$via" -f "$via" -t tmx -o "$T/back.tmx"
        cmp "$src" "$T/back.tmx" ||
            { echo "FAIL: $(basename "$src") -> $via -> tmx differs"; diff "$src" "$T/back.tmx" | head -20; exit 1; }
    done
done
echo "ok"
