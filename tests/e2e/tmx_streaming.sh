#!/usr/bin/env bash
# tmx_streaming.sh - memory stays flat: peak RSS converting a 16 MB TMX is not more than 2 MB
# above that for a 2 MB one, and under 32 MB (checked without sanitizers, which add their own
# shadow memory). TMX -> JSONL when the jsonl writer is built, else TMX -> TMX.
# tests/bench/tmx_bench.sh and the README give the 100 MB / 1 GB figures.
set -euo pipefail
[ -x /usr/bin/time ] || { echo "skipped: /usr/bin/time not installed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
to=tmx
# Under AddressSanitizer freed memory sits in quarantine and would look like growth.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"
"$DOCBRIDGE" formats | awk '$1 == "jsonl" && $2 ~ /w/ {f=1} END {exit !f}' && to=jsonl
peak() {
    "$PYTHON" "$SRC/tests/bench/gen_tmx.py" "$1" > "$T/in.tmx"
    /usr/bin/time -f '%M' -o "$T/rss" "$DOCBRIDGE" convert -q "$T/in.tmx" -t "$to" -o "$T/out.$to"
    cat "$T/rss"
}
small=$(peak 2)
big=$(peak 16)
echo "TMX -> $to: peak RSS ${small} KB for 2 MB, ${big} KB for 16 MB"
[ "$big" -le $((small + 2048)) ] || { echo "FAIL: memory grows with input size"; exit 1; }
if ! ldd "$DOCBRIDGE" | awk '/libasan/ {f=1} END {exit !f}'; then
    [ "$big" -lt 32768 ] || { echo "FAIL: peak RSS ${big} KB is not under 32 MB"; exit 1; }
fi
echo "ok"
