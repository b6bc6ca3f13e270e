#!/usr/bin/env bash
# plugin_load_bench.sh - what each plugin costs a docbridge process just by being loaded (not a
# ctest). Every run loads every plugin in its plugin directory, so a plugin that links a heavy
# library makes every conversion pay for it, whatever the formats involved.
#
# Figures are CPU time (perf stat task-clock) of `docbridge formats`, the median of RUNS runs
# (on a shared machine a few runs are slowed by other jobs). For each plugin P, four set-ups
# are run in turn, round after round, so a change in the machine's load hits them alike:
# every plugin, every plugin but P, P alone, no plugin. P's load cost is estimated twice:
# (A) every plugin minus every plugin but P, (B) P alone minus no plugin. Also shown: a tiny
# TMX -> JSONL conversion with every plugin, and which libraries each plugin brings that the
# core does not already load. Each set-up is a copy of the binary beside a private plugin
# directory (marked as a build tree, so the binary loads that directory and nothing else).
#
# Usage: tests/bench/plugin_load_bench.sh [BUILD_DIR]     (default: $BUILD, else build-rel)
#        RUNS=21 tests/bench/plugin_load_bench.sh build-rel
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-${BUILD:-$SRC/build-rel}}
RUNS=${RUNS:-21}
if ! command -v perf >/dev/null || ! perf stat -e task-clock true >/dev/null 2>&1; then
    echo "skipped: perf not found or not allowed (apt-get install linux-perf)"
    exit 0
fi
[ -x "$BUILD/docbridge" ] || { echo "no docbridge binary in $BUILD: build first" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

all_names=$(for so in "$BUILD"/plugins/*.so; do basename "$so" .so; done)

# setup NAME PLUGIN...: $TMP/NAME/docbridge loading exactly the plugins named.
setup() {
    local dir=$TMP/$1 name
    shift
    rm -rf "$dir"
    mkdir -p "$dir/plugins"
    cp "$BUILD/docbridge" "$dir/"
    : >"$dir/plugins/.docbridge-build-tree"
    for name in "$@"; do
        cp "$BUILD/plugins/$name.so" "$dir/plugins/"
        # a plugin's own helper objects live in a subdirectory named after it (pdf-engine/)
        [ ! -d "$BUILD/plugins/$name-engine" ] || cp -r "$BUILD/plugins/$name-engine" "$dir/plugins/"
    done
}

# One run's task-clock in ms.
cpu_once() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}'; }
median() { sort -n "$1" | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# rounds SETUP...: RUNS rounds of `formats` over the set-ups; medians in $TMP/SETUP.ms.
rounds() {
    local i s
    for s in "$@"; do : >"$TMP/$s.runs"; done
    for ((i = 0; i < RUNS; i++)); do
        for s in "$@"; do cpu_once "$TMP/$s/docbridge" formats >>"$TMP/$s.runs"; done
    done
    for s in "$@"; do median "$TMP/$s.runs" >"$TMP/$s.ms"; done
}
ms() { cat "$TMP/$1.ms"; }

# shellcheck disable=SC2086
setup all $all_names
setup none
rounds all none
: >"$TMP/tmx.runs"
for ((i = 0; i < RUNS; i++)); do
    cpu_once "$TMP/all/docbridge" convert -q -t jsonl -o "$TMP/out.jsonl" \
        "$SRC/fixtures/tmx/compact.tmx" >>"$TMP/tmx.runs"
done
printf '%-28s %6.2f ms\n' "formats, every plugin" "$(ms all)" "formats, no plugin" "$(ms none)" \
    "tmx -> jsonl, every plugin" "$(median "$TMP/tmx.runs")"

ldd "$BUILD/docbridge" | awk '{print $1}' | sort >"$TMP/core.libs"
echo "load cost of each plugin, ms: (A) every plugin minus every plugin but it;"
echo "  (B) it alone minus no plugin; and the libraries it brings that the core does not load"
for name in $all_names; do
    # shellcheck disable=SC2046
    setup minus $(echo "$all_names" | grep -vx "$name")
    setup alone "$name"
    rounds all minus alone none
    extra=$(ldd "$BUILD/plugins/$name.so" | awk '{print $1}' | sort | comm -23 - "$TMP/core.libs")
    printf '  %-12s A %6.2f   B %6.2f   %s\n' "$name" "$(echo "$(ms all) - $(ms minus)" | bc -l)" \
        "$(echo "$(ms alone) - $(ms none)" | bc -l)" \
        "$(echo "$extra" | wc -w) libs: $(echo "$extra" | head -4 | tr '\n' ' ')"
done
