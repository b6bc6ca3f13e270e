#!/usr/bin/env bash
# tmx_dtd.sh - every TMX docbridge writes validates against the TMX 1.4b DTD (LISA), from TMX
# fixtures, from model events with codes of other formats (expected/from_model.tmx is what the
# writer makes of them in test_tmx), from a generated multilingual TM, and from JSON when the
# json plugin is built.
set -euo pipefail
DTD="${SHARED:-}/schemas/tmx/tmx14.dtd"
if [ -z "${SHARED:-}" ] || [ ! -f "$DTD" ]; then
    echo "skipped: official schemas not found (\$SHARED/schemas/tmx/tmx14.dtd)"
    exit 77
fi
command -v xmllint >/dev/null || { echo "skipped: xmllint not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F="$SRC/fixtures/tmx"

validate() {
    xmllint --nonet --noout --dtdvalid "$DTD" "$1" 2> "$T/err" ||
        { echo "FAIL: $2 is not valid TMX 1.4b:"; head -5 "$T/err"; exit 1; }
}

for f in full multilingual compact; do
    "$DOCBRIDGE" convert "$F/$f.tmx" -t tmx -o "$T/$f.tmx"
    validate "$T/$f.tmx" "$f.tmx -> tmx"
done
validate "$F/expected/from_model.tmx" "the writer's output from model events"

"$PYTHON" "$SRC/tests/bench/gen_tmx.py" 0.3 en-GB,zh-CN,fr-FR > "$T/gen.tmx"
"$DOCBRIDGE" convert "$T/gen.tmx" -t tmx -o "$T/gen-out.tmx"
validate "$T/gen-out.tmx" "a generated three-language TM"

# An empty dataset still makes a valid TMX (header with defaults, empty body).
printf '<?xml version="1.0"?><tmx version="1.4"><header/><body/></tmx>' > "$T/empty.tmx"
"$DOCBRIDGE" convert "$T/empty.tmx" -t tmx -o "$T/empty-out.tmx"
validate "$T/empty-out.tmx" "an empty TMX rewritten"

if "$DOCBRIDGE" formats | awk '$1 == "json" {f=1} END {exit !f}'; then
    "$DOCBRIDGE" convert "$F/full.tmx" -t json -o "$T/full.json"
    "$DOCBRIDGE" convert "$T/full.json" -t tmx -o "$T/from-json.tmx"
    validate "$T/from-json.tmx" "json -> tmx"
else
    echo "note: json plugin not built; json -> tmx not validated"
fi
# From XLIFF 1.2 and 2 (their inline codes, cp, notes, states), when the xliff reader is built.
if "$DOCBRIDGE" formats | awk '$1 == "xliff" && $2 ~ /^r/ {f=1} END {exit !f}'; then
    for f in "$SRC"/fixtures/xliff/*.xlf; do
        [ -f "$f" ] || continue
        "$DOCBRIDGE" convert -q --lenient "$f" -t tmx -o "$T/from-xliff.tmx"
        validate "$T/from-xliff.tmx" "$(basename "$f") -> tmx"
    done
else
    echo "note: xliff plugin not built; xliff -> tmx not validated"
fi
echo "ok"
