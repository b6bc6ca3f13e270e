#!/usr/bin/env bash
# tmx_bench.sh - TMX throughput and peak memory, docbridge beside its floor and its peer, on one
# generated input in one run (not a ctest; slow).
#
#   tests/bench/tmx_bench.sh [SIZE_MB [TT_SIZE_MB]]   (defaults: 100; the peer: see below)
#
# Input: tests/bench/gen_tmx.py, a realistic en-GB/zh-CN TM with tuids, dates, props, notes,
# inline codes (bpt/ept, ph, it, hi) and escaped characters (&amp; &lt; &gt;).
# Rows: xmlwf and `xmllint --stream --noout` parsing the file (the floor), docbridge TMX -> JSONL
# / XLIFF 2 / TSV / PO (each when that writer is built) and TMX -> TMX, and Translate Toolkit
# converting the same content (translate.storage.tmx -> PO, tt_convert.py). The ratio to the
# peer compares like with like: docbridge TMX -> PO against Translate Toolkit TMX -> PO, both on
# the same file (it says which row it used), the peer carrying what docbridge's PO carries
# (tuid as msgctxt, notes, tu attributes and props as comments). A second peer row, texts only
# (source and target, the least Translate Toolkit can do), gets a ratio line of its own. Translate Toolkit builds a DOM (about 16x the file
# in memory): by default it gets the full input when MemAvailable holds 20x the file, else the
# largest slice that fits; TT_SIZE_MB (or the second argument) sets the slice. On a slice,
# docbridge converts that slice too and the slice rows are compared. Figures: wall seconds, CPU
# seconds (user+sys: the machine may be shared, so ratios use CPU time), MB/s of CPU time and
# peak RSS (/usr/bin/time -f '%e %U %S %M'). Each row is run REPEAT times (default 5) and the run
# with the least CPU time is shown: other jobs on a shared machine only ever add time.
set -euo pipefail
SIZE=${1:-100}
TT_SIZE=${2:-${TT_SIZE_MB:-}}
if [ -z "$TT_SIZE" ]; then # the full input when memory allows (the peer's DOM is ~16x the file)
    AVAIL_MB=$(awk '/^MemAvailable:/ {print int($2 / 1024)}' /proc/meminfo)
    TT_SIZE=$SIZE
    [ $((SIZE * 20)) -gt "$AVAIL_MB" ] && TT_SIZE=$((AVAIL_MB / 20))
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DOCBRIDGE=${DOCBRIDGE:-$ROOT/build-rel/docbridge}
PYTHON=${PYTHON:-/usr/bin/python3}
[ -x "$DOCBRIDGE" ] || { echo "build first: cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release && cmake --build build-rel (or set DOCBRIDGE)"; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$PYTHON" "$HERE/gen_tmx.py" "$SIZE" > "$T/in.tmx"
SAME=0
if [ "$TT_SIZE" = "$SIZE" ]; then
    SAME=1
    ln -s "$T/in.tmx" "$T/tt.tmx"
else
    "$PYTHON" "$HERE/gen_tmx.py" "$TT_SIZE" > "$T/tt.tmx"
fi
MB=$(awk -v b="$(stat -c %s "$T/in.tmx")" 'BEGIN{printf "%.1f", b/1048576}')
TTMB=$(awk -v b="$(stat -L -c %s "$T/tt.tmx")" 'BEGIN{printf "%.1f", b/1048576}')
echo "input: $MB MB generated TMX ($(grep -c '<tu ' "$T/in.tmx") units); peer input: $TTMB MB$([ "$SAME" = 1 ] && echo " (the same file)")"
REPEAT=${REPEAT:-5} # 3 let one noisy stretch of a shared machine decide a 1-second row
echo "each row: the run with the least CPU time of $REPEAT (REPEAT=N), the same for every row"
printf '%-44s %8s %8s %9s %12s\n' "what" "wall s" "CPU s" "MB/s" "peak RSS KB"

row() { # label size_mb command...
    local label=$1 size=$2 wall='' cpu='' rss='' k
    shift 2
    for ((k = 0; k < REPEAT; k++)); do
        if ! /usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" > /dev/null 2> "$T/stderr"; then
            echo "$label: failed: $(tail -1 "$T/stderr")"; return
        fi
        local w u s m c
        read -r w u s m < "$T/time"
        c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')
        if [ -z "$cpu" ] || awk -v a="$c" -v b="$cpu" 'BEGIN{exit !(a < b)}'; then
            wall=$w cpu=$c rss=$m
        fi
    done
    printf '%-44s %8s %8s %9s %12s\n' "$label" "$wall" "$cpu" \
        "$(awk -v s="$cpu" -v m="$size" 'BEGIN{ if (s > 0) printf "%.1f", m/s; else print "inf" }')" "$rss"
    echo "$cpu" > "$T/last"
}

has_writer() { "$DOCBRIDGE" formats | awk -v n="$1" '$1 == n && $2 ~ /w/ {f=1} END {exit !f}'; }

row "xmlwf (parse only, the floor)" "$MB" xmlwf "$T/in.tmx"
FLOOR=$(cat "$T/last")
row "xmllint --stream --noout (parse only)" "$MB" xmllint --stream --noout "$T/in.tmx"
for to in jsonl xliff tsv po tmx; do
    if has_writer "$to"; then
        extra=()
        [ "$to" = xliff ] && extra=(--xliff-version 2.0)
        row "docbridge TMX -> ${to^^}${extra:+ 2}" "$MB" "$DOCBRIDGE" convert -q "$T/in.tmx" -t "$to" "${extra[@]}" -o "$T/out.$to"
        [ "$to" = jsonl ] && JSONL=$(cat "$T/last")
        [ "$to" = tmx ] && TMXT=$(cat "$T/last")
        [ "$to" = po ] && PO=$(cat "$T/last")
    else
        echo "docbridge TMX -> ${to^^}: skipped (no $to writer built)"
    fi
done
OURS=${PO:-}
OURS_ROW="docbridge TMX -> PO"
if [ "$SAME" = 0 ] && has_writer po; then
    OURS_ROW="docbridge TMX -> PO ($TTMB MB slice)"
    row "$OURS_ROW" "$TTMB" "$DOCBRIDGE" convert -q "$T/tt.tmx" -t po -o "$T/slice.po"
    OURS=$(cat "$T/last")
fi
if [ -z "$OURS" ]; then
    echo "docbridge vs Translate Toolkit: skipped (no po writer built: no like-for-like row)"
elif "$PYTHON" -c 'import translate.storage.tmx' 2>/dev/null; then
    SLICE=""
    [ "$SAME" = 0 ] && SLICE=" ($TTMB MB slice)"
    PEER_ROW="Translate Toolkit TMX -> PO$SLICE"
    row "$PEER_ROW" "$TTMB" "$PYTHON" "$HERE/tt_convert.py" "$T/tt.tmx" "$T/tt.po"
    TT=$(cat "$T/last")
    TEXTS_ROW="Translate Toolkit TMX -> PO, texts only$SLICE"
    row "$TEXTS_ROW" "$TTMB" "$PYTHON" "$HERE/tt_convert.py" --texts "$T/tt.tmx" "$T/tt.po"
    TTT=$(cat "$T/last")
    awk -v o="$OURS" -v t="$TT" -v tt="$TTT" -v a="$OURS_ROW" -v b="$PEER_ROW" -v c="$TEXTS_ROW" -v m="$TTMB" 'BEGIN{
        if (o > 0) {
            printf "ratio: \"%s\" vs \"%s\" (same %s MB input, same content, CPU time): %.1fx faster\n", a, b, m, t/o
            printf "ratio: \"%s\" vs \"%s\" (the peer writing less): %.1fx faster\n", a, c, tt/o
        } }'
else
    echo "Translate Toolkit: skipped (not installed for $PYTHON)"
fi
MAIN=${JSONL:-${TMXT:-}}
[ -n "$MAIN" ] && awk -v d="$MAIN" -v f="$FLOOR" -v w="${JSONL:+TMX -> JSONL}" 'BEGIN{ printf "%s vs xmlwf: %.2fx the floor CPU time\n", (w != "" ? w : "TMX -> TMX"), d/f }'
