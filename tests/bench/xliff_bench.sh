#!/bin/bash
# Benchmark (not a ctest): generated XLIFF 1.2 and 2.0 files of about XLIFF_BENCH_MB MB (100 by
# default; same content, en-GB -> zh-CN, paired/placeholder codes, entities, notes), and for
# each: docbridge XLIFF -> JSONL (or -> XLIFF of the other version while jsonl is not built),
# beside xmlwf and `xmllint --stream --noout` parsing the same file (the floor), and Translate
# Toolkit's xliff2po converting the same content (it reads XLIFF 1.2 only). MB/s and peak RSS
# from /usr/bin/time. Usage: tests/bench/xliff_bench.sh   (DOCBRIDGE= to pick a binary; by
# default a Release build is made in build-release)
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
MB=${XLIFF_BENCH_MB:-100}
if [ -z "${DOCBRIDGE:-}" ]; then
  DOCBRIDGE=$SRC/build-release/docbridge
  if [ ! -x "$DOCBRIDGE" ]; then
    cmake -S "$SRC" -B "$SRC/build-release" -DCMAKE_BUILD_TYPE=Release -DDOCBRIDGE_TESTS=OFF >/dev/null
    cmake --build "$SRC/build-release" -j2 >/dev/null
  fi
fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
# one generated unit is about 545 bytes in 1.2
units=$(( MB * 1024 * 1024 / 545 ))
bash "$SRC/tests/bench/xliff_gen.sh" 1.2 "$units" > "$T/bench12.xlf"
bash "$SRC/tests/bench/xliff_gen.sh" 2.0 "$units" > "$T/bench20.xlf"
jsonl=0
"$DOCBRIDGE" formats 2>/dev/null | grep -q '^jsonl ' && jsonl=1

run() { # label file command...
  local label=$1 file=$2; shift 2
  local size; size=$(stat -c %s "$file")
  /usr/bin/time -o "$T/time" -f '%e %M' "$@" >/dev/null 2>&1 || { echo "$label: FAILED"; return; }
  local out; out=$(tail -1 "$T/time")
  local secs=${out% *} kb=${out#* }
  awk -v l="$label" -v s="$secs" -v k="$kb" -v b="$size" \
    'BEGIN { printf "%-44s %8.1f MB %7.2f s %8.1f MB/s %8.1f MB peak RSS\n", l, b/1048576, s, (s > 0 ? b/1048576/s : 0), k/1024 }'
}
echo "units per file: $units"
for v in 12 20; do
  f="$T/bench$v.xlf"
  other=$([ $v = 12 ] && echo 2.0 || echo 1.2)
  name=$([ $v = 12 ] && echo "XLIFF 1.2" || echo "XLIFF 2.0")
  if [ $jsonl = 1 ]; then
    run "docbridge $name -> JSONL" "$f" "$DOCBRIDGE" convert -q "$f" -t jsonl -o "$T/out.jsonl"
  fi
  run "docbridge $name -> XLIFF $other" "$f" "$DOCBRIDGE" convert -q "$f" -t xliff --xliff-version "$other" -o "$T/out.xlf"
  run "docbridge $name -> XLIFF (same version)" "$f" "$DOCBRIDGE" convert -q "$f" -t xliff -o "$T/out.xlf"
  run "xmlwf $name (parse only)" "$f" xmlwf "$f"
  run "xmllint --stream --noout $name" "$f" xmllint --stream --noout "$f"
done
# memory does not grow with the input: the same conversion on a file a tenth the size
bash "$SRC/tests/bench/xliff_gen.sh" 1.2 $(( units / 10 )) > "$T/small12.xlf"
if [ $jsonl = 1 ]; then
  run "docbridge XLIFF 1.2 (1/10 size) -> JSONL" "$T/small12.xlf" "$DOCBRIDGE" convert -q "$T/small12.xlf" -t jsonl -o "$T/out.jsonl"
else
  run "docbridge XLIFF 1.2 (1/10 size) -> XLIFF 2.0" "$T/small12.xlf" "$DOCBRIDGE" convert -q "$T/small12.xlf" -t xliff --xliff-version 2.0 -o "$T/out.xlf"
fi
run "docbridge (no conversion: plugins loaded)" "$T/small12.xlf" "$DOCBRIDGE" formats
if command -v xliff2po >/dev/null; then
  run "Translate Toolkit xliff2po XLIFF 1.2" "$T/bench12.xlf" xliff2po -i "$T/bench12.xlf" -o "$T/out.po"
else
  echo "Translate Toolkit: skipped (xliff2po not installed)"
fi
