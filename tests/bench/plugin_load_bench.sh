#!/usr/bin/env bash
# plugin_load_bench.sh - what each plugin costs a docbridge process just by being loaded (not a
# ctest). Every run loads every plugin in its plugin directory, so a plugin that links a heavy
# library makes every conversion pay for it, whatever the formats involved.
#
# For each plugin P: CPU time (perf stat task-clock, mean of RUNS runs) of `docbridge formats`
# with every plugin and with every plugin but P, and with P alone and with no plugin; each
# difference is P's load cost (two estimates, as each is a difference of noisy means). Also shown:
# no plugin at all, and a tiny TMX -> JSONL conversion with every plugin. The runs use a copy of
# the binary beside a private plugin directory (marked as a build tree, so the binary loads it
# and nothing else).
#
# Usage: tests/bench/plugin_load_bench.sh [BUILD_DIR]     (default: $BUILD, else build-rel)
#        RUNS=20 tests/bench/plugin_load_bench.sh build-rel
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-${BUILD:-$SRC/build-rel}}
RUNS=${RUNS:-20}
if ! command -v perf >/dev/null || ! perf stat -e task-clock true >/dev/null 2>&1; then
    echo "skipped: perf not found or not allowed (apt-get install linux-perf)"
    exit 0
fi
[ -x "$BUILD/docbridge" ] || { echo "no docbridge binary in $BUILD: build first" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/bin/plugins"
cp "$BUILD/docbridge" "$TMP/bin/"
: >"$TMP/bin/plugins/.docbridge-build-tree"

# Fills the private plugin directory with every built plugin except those named.
use_plugins() {
    rm -rf "$TMP/bin/plugins"/*
    local so name
    for so in "$BUILD"/plugins/*.so; do
        name=$(basename "$so" .so)
        case " $* " in *" $name "*) continue ;; esac
        cp "$so" "$TMP/bin/plugins/"
        # a plugin's own helper objects live in a subdirectory named after it (pdf-engine/)
        [ ! -d "$BUILD/plugins/$name-engine" ] || cp -r "$BUILD/plugins/$name-engine" "$TMP/bin/plugins/"
    done
}

# Prints the mean task-clock in ms of RUNS runs of the command.
cpu_ms() {
    perf stat -x, -e task-clock -r "$RUNS" "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}'
}

all_names=$(for so in "$BUILD"/plugins/*.so; do basename "$so" .so; done)
use_plugins
all=$(cpu_ms "$TMP/bin/docbridge" formats)
tmx=$(cpu_ms "$TMP/bin/docbridge" convert -q -t jsonl -o "$TMP/out.jsonl" "$SRC/fixtures/tmx/compact.tmx")
# shellcheck disable=SC2086
use_plugins $all_names
none=$(cpu_ms "$TMP/bin/docbridge" formats)
printf '%-28s %8.2f ms\n' "formats, every plugin" "$all" "formats, no plugin" "$none" \
    "tmx -> jsonl, every plugin" "$tmx"
echo "load cost of each plugin, ms: (A) every plugin minus every plugin but it;"
echo "                                (B) it alone minus no plugin"
for name in $all_names; do
    use_plugins "$name"
    without=$(cpu_ms "$TMP/bin/docbridge" formats)
    # shellcheck disable=SC2046
    use_plugins $(echo "$all_names" | grep -vx "$name")
    alone=$(cpu_ms "$TMP/bin/docbridge" formats)
    printf '  %-12s A %6.2f   B %6.2f\n' "$name" "$(echo "$all - $without" | bc -l)" \
        "$(echo "$alone - $none" | bc -l)"
done
