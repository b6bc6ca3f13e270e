#!/usr/bin/env bash
# align_bench.sh - aligner speed and memory: generated parallel texts of 5,000, 10,000 and
# 20,000 sentences a side, aligned with `docbridge align --presplit`; prints seconds, peak RSS
# and input MB/s for each size, so linear growth of time and memory can be seen.
# The peer tool named in the issue, hunalign, is not packaged in Debian 12 and cannot be
# fetched in this environment; it is run on the same input only when it is on PATH.
# Usage: tests/bench/align_bench.sh [BUILD_DIR]   (not a ctest)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-${BUILD:-$HERE/../../build}}
DOCBRIDGE=${DOCBRIDGE:-$BUILD/docbridge}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

printf '%-8s %-10s %-10s %-10s %-12s %-8s %s\n' sents tool seconds cpu_s peak_RSS_MB MB/s beads
for n in 5000 10000 20000; do
    python3 "$HERE/gen_align.py" "$n" "$T/in$n" 7
    mb=$(cat "$T/in$n.en" "$T/in$n.zh" | wc -c | awk '{printf "%.2f", $1 / 1048576}')
    /usr/bin/time -f '%e %M %U' -o "$T/time" "$DOCBRIDGE" align --presplit -t none \
        --beads "$T/out$n.beads" --src-lang en --tgt-lang zh "$T/in$n.en" "$T/in$n.zh"
    read -r secs kb cpu < "$T/time"
    printf '%-8s %-10s %-10s %-10s %-12s %-8s %s\n' "$n" docbridge "$secs" "$cpu" "$(awk -v k="$kb" 'BEGIN {printf "%.1f", k / 1024}')" \
        "$(awk -v m="$mb" -v s="$secs" 'BEGIN {printf "%.2f", (s > 0) ? m / s : 0}')" "$(wc -l < "$T/out$n.beads")"
    if command -v hunalign >/dev/null; then
        : > "$T/empty.dic"
        /usr/bin/time -f '%e %M %U' -o "$T/time" hunalign "$T/empty.dic" "$T/in$n.en" "$T/in$n.zh" > "$T/h$n.out"
        read -r secs kb cpu < "$T/time"
        printf '%-8s %-10s %-10s %-10s %-12s %-8s %s\n' "$n" hunalign "$secs" "$cpu" "$(awk -v k="$kb" 'BEGIN {printf "%.1f", k / 1024}')" \
            "$(awk -v m="$mb" -v s="$secs" 'BEGIN {printf "%.2f", (s > 0) ? m / s : 0}')" "$(wc -l < "$T/h$n.out")"
    fi
done
command -v hunalign >/dev/null ||
    echo "hunalign: not run (not packaged in Debian 12, and it cannot be fetched or built here)"
