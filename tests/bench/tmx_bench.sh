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
echo "each row: the run with the least CPU time of $REPEAT (REPEAT=N), the same for every row;"
echo "the rows take turns (round-robin), so every row, and both sides of each ratio, sample the"
echo "same stretch of the machine's time"

# Rows are registered first and run round-robin REPEAT times: on a shared machine a noisy
# stretch then hits every row alike, instead of all the runs of a one-second row at once while
# a twenty-second row gets to pick its best from minutes.
LABELS=() SIZES=() CMDS=() BEST=() WALL=() RSS=() FAILED=()
add_row() { # label size_mb command...
    local label=$1 size=$2
    shift 2
    LABELS+=("$label") SIZES+=("$size") CMDS+=("$(printf '%q ' "$@")")
    BEST+=("") WALL+=("") RSS+=("") FAILED+=("")
}
run_rows() {
    local k i w u s m c
    for ((k = 0; k < REPEAT; k++)); do
        for ((i = 0; i < ${#LABELS[@]}; i++)); do
            [ -n "${FAILED[i]}" ] && continue
            if ! eval "/usr/bin/time -f '%e %U %S %M' -o \"\$T/time\" ${CMDS[i]}" > /dev/null 2> "$T/stderr"; then
                FAILED[i]=$(tail -1 "$T/stderr"); continue
            fi
            read -r w u s m < "$T/time"
            c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')
            if [ -z "${BEST[i]}" ] || awk -v a="$c" -v b="${BEST[i]}" 'BEGIN{exit !(a < b)}'; then
                BEST[i]=$c WALL[i]=$w RSS[i]=$m
            fi
        done
    done
}
print_rows() {
    local i
    printf '%-44s %8s %8s %9s %12s\n' "what" "wall s" "CPU s" "MB/s" "peak RSS KB"
    for ((i = 0; i < ${#LABELS[@]}; i++)); do
        if [ -n "${FAILED[i]}" ]; then echo "${LABELS[i]}: failed: ${FAILED[i]}"; continue; fi
        printf '%-44s %8s %8s %9s %12s\n' "${LABELS[i]}" "${WALL[i]}" "${BEST[i]}" \
            "$(awk -v s="${BEST[i]}" -v m="${SIZES[i]}" 'BEGIN{ if (s > 0) printf "%.1f", m/s; else print "inf" }')" "${RSS[i]}"
    done
}
cpu_of() { # label -> its best CPU seconds ("" when absent or failed)
    local i
    for ((i = 0; i < ${#LABELS[@]}; i++)); do
        if [ "${LABELS[i]}" = "$1" ] && [ -z "${FAILED[i]}" ]; then
            echo "${BEST[i]}"
            return
        fi
    done
    echo ""
}

has_writer() { "$DOCBRIDGE" formats | awk -v n="$1" '$1 == n && $2 ~ /w/ {f=1} END {exit !f}'; }

add_row "xmlwf (parse only, the floor)" "$MB" xmlwf "$T/in.tmx"
add_row "xmllint --stream --noout (parse only)" "$MB" xmllint --stream --noout "$T/in.tmx"
for to in jsonl xliff tsv po tmx; do
    if has_writer "$to"; then
        extra=()
        [ "$to" = xliff ] && extra=(--xliff-version 2.0)
        add_row "docbridge TMX -> ${to^^}${extra:+ 2}" "$MB" "$DOCBRIDGE" convert -q "$T/in.tmx" -t "$to" "${extra[@]}" -o "$T/out.$to"
    else
        echo "docbridge TMX -> ${to^^}: skipped (no $to writer built)"
    fi
done
OURS_ROW="docbridge TMX -> PO"
if [ "$SAME" = 0 ] && has_writer po; then
    OURS_ROW="docbridge TMX -> PO ($TTMB MB slice)"
    add_row "$OURS_ROW" "$TTMB" "$DOCBRIDGE" convert -q "$T/tt.tmx" -t po -o "$T/slice.po"
fi
SLICE=""
[ "$SAME" = 0 ] && SLICE=" ($TTMB MB slice)"
PEER_ROW="Translate Toolkit TMX -> PO$SLICE"
TEXTS_ROW="Translate Toolkit TMX -> PO, texts only$SLICE"
HAVE_TT=0
if "$PYTHON" -c 'import translate.storage.tmx' 2>/dev/null; then
    HAVE_TT=1
    add_row "$PEER_ROW" "$TTMB" "$PYTHON" "$HERE/tt_convert.py" "$T/tt.tmx" "$T/tt.po"
    add_row "$TEXTS_ROW" "$TTMB" "$PYTHON" "$HERE/tt_convert.py" --texts "$T/tt.tmx" "$T/tt.po"
fi
run_rows
print_rows

OURS=$(cpu_of "$OURS_ROW")
if [ -z "$OURS" ]; then
    echo "docbridge vs Translate Toolkit: skipped (no po writer built: no like-for-like row)"
elif [ "$HAVE_TT" = 1 ]; then
    TT=$(cpu_of "$PEER_ROW") TTT=$(cpu_of "$TEXTS_ROW")
    awk -v o="$OURS" -v t="$TT" -v tt="$TTT" -v a="$OURS_ROW" -v b="$PEER_ROW" -v c="$TEXTS_ROW" -v m="$TTMB" 'BEGIN{
        if (o > 0 && t > 0)
            printf "ratio: \"%s\" vs \"%s\" (same %s MB input, same content, CPU time): %.1fx faster\n", a, b, m, t/o
        if (o > 0 && tt > 0)
            printf "ratio: \"%s\" vs \"%s\" (the peer writing less): %.1fx faster\n", a, c, tt/o
    }'
else
    echo "Translate Toolkit: skipped (not installed for $PYTHON)"
fi
FLOOR=$(cpu_of "xmlwf (parse only, the floor)")
JSONL=$(cpu_of "docbridge TMX -> JSONL")
TMXT=$(cpu_of "docbridge TMX -> TMX")
MAIN=${JSONL:-${TMXT:-}}
[ -n "$MAIN" ] && [ -n "$FLOOR" ] && awk -v d="$MAIN" -v f="$FLOOR" -v w="${JSONL:+TMX -> JSONL}" 'BEGIN{ printf "%s vs xmlwf: %.2fx the floor CPU time\n", (w != "" ? w : "TMX -> TMX"), d/f }'
