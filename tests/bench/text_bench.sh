#!/usr/bin/env bash
# text_bench.sh - text reader throughput and peak memory on generated PDF-extracted text.
#
# Generates 10 MB and 100 MB inputs (tests/bench/text_gen.py), converts each with the text
# reader to JSONL (to markdown while the jsonl writer is not built, and says so), and prints
# seconds (wall and CPU), MB/s and peak RSS beside `cat` and `wc -l` on the same file as the floor. Peak RSS
# must not grow from 10 MB to 100 MB (the reader streams). Not a ctest: run it by hand or with
# ./dev.sh bench.
#
#   DOCBRIDGE=path/to/docbridge tests/bench/text_bench.sh [SIZES_MB...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
DOCBRIDGE=${DOCBRIDGE:-$src/build/docbridge}
PYTHON=${PYTHON:-python3}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100)
[ -x "$DOCBRIDGE" ] || { echo "text_bench: build first ($DOCBRIDGE missing)" >&2; exit 1; }

if "$DOCBRIDGE" formats | grep -q '^jsonl '; then
    to=jsonl
else
    to=markdown
    echo "note: the jsonl writer is not built here; converting to markdown instead"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

measure() { # measure LABEL FILE CMD... -> label, wall seconds, CPU seconds, MB/s (wall, CPU), RSS
    local label=$1 file=$2
    shift 2
    local mb
    mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" > /dev/null
    read -r secs user sys kb < "$tmp/time"
    # The machine is shared: wall time depends on load, CPU time (user + sys) much less.
    awk -v l="$label" -v mb="$mb" -v s="$secs" -v u="$user" -v y="$sys" -v kb="$kb" 'BEGIN {
        c = u + y
        w = s > 0 ? sprintf("%9.1f", mb / s) : "     (<10ms)"
        r = c > 0 ? sprintf("%9.1f", mb / c) : "     (<10ms)"
        printf "  %-28s %7.2f s wall %7.2f s cpu %s MB/s wall %s MB/s cpu %8.1f MB peak RSS\n",
               l, s, c, w, r, kb / 1024 }'
}

for size in "${sizes[@]}"; do
    in="$tmp/report-${size}mb.txt"
    "$PYTHON" "$here/text_gen.py" "$size" > "$in"
    echo "input: ${size} MB of PDF-extracted-style text ($(wc -l < "$in") lines)"
    measure "cat" "$in" cat "$in"
    measure "wc -l" "$in" wc -l "$in"
    measure "docbridge text -> $to" "$in" \
        "$DOCBRIDGE" convert -q -f text -t "$to" -o "$tmp/out.$to" "$in"
    rm -f "$in" "$tmp/out.$to"
done
