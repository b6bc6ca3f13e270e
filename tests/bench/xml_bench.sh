#!/bin/bash
# xml_bench.sh - dataset JSONL -> XML and XML -> JSONL with docbridge, beside
# `xmllint --stream --noout` (on the XML) and `jq -c . >/dev/null` (on the JSONL), the same
# files in the same run. Prints MB/s and peak RSS for each, for two input sizes to show that
# memory stays flat. Not a ctest.
#   SIZE_MB=1024 SMALL_MB=100 tests/bench/xml_bench.sh [build-dir]
set -eu
BUILD=${1:-${BUILD:-build}}
DOCBRIDGE=${DOCBRIDGE:-$BUILD/docbridge}
SIZE_MB=${SIZE_MB:-1024}
SMALL_MB=${SMALL_MB:-100}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xmlbench.XXXXXX"); trap 'rm -rf "$tmp"' EXIT

# One 1 MiB chunk of varied records (blocks with codes and props, units with notes), repeated.
gen_chunk() {
  python3 - "$tmp/chunk" <<'PY'
import json, sys
out = []
size = 0
i = 0
while size < 1 << 20:
    i += 1
    if i % 3:
        r = {"type": "block", "doc": "bench", "kind": "paragraph", "line": i,
             "text": f"Paragraph {i}: the quick brown fox jumps over the lazy dog – 中文 {i}."}
        if i % 5 == 0:
            r["text"] = f"Click here {i} now"
            r["spans"] = ["Click ", {"kind": "open", "id": "1", "data": "<b>"}, f"here {i}",
                          {"kind": "close", "id": "1", "data": "</b>"}, " now"]
            r["props"] = [["marker", "•"], ["x-note", "a & b < c"]]
    else:
        r = {"type": "unit", "doc": "bench", "id": f"u{i}",
             "variants": [{"lang": "en", "text": f"Segment number {i} in English."},
                          {"lang": "de", "text": f"Segment Nummer {i} auf Deutsch."}],
             "notes": [{"text": "note"}], "score": 0.5}
    line = json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
    out.append(line)
    size += len(line.encode())
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
}

make_jsonl() { # make_jsonl MB FILE
  {
    echo '{"type":"document","id":"bench","title":"benchmark","lang":"en"}'
    for _ in $(seq "$1"); do cat "$tmp/chunk"; done
    echo '{"type":"document_end","doc":"bench","provenance":{"source_path":"bench","format":"jsonl","encoding_confidence":1,"byte_size":-1,"invalid_bytes":0,"removed_controls":0}}'
  } > "$2"
}

measure() { # measure LABEL FILE-FOR-SIZE CMD...
  local label=$1 file=$2; shift 2
  local bytes; bytes=$(stat -c %s "$file")
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
    { echo "$label: FAILED: $(head -c 300 "$tmp/err")"; return; }
  read -r secs rss usr sys < "$tmp/time"
  # MB/s by wall clock, and by CPU time (user + system), which a loaded machine distorts less.
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v r="$rss" -v c="$usr" -v k="$sys" 'BEGIN {
    mb = b / 1048576; cpu = c + k
    printf "%-32s %7.1f MB %7.2f s %7.1f MB/s  cpu %6.2f s %7.1f MB/s  peak RSS %6.1f MB\n",
      l, mb, s, (s > 0 ? mb / s : 0), cpu, (cpu > 0 ? mb / cpu : 0), r / 1024 }'
}

gen_chunk
for mb in "$SMALL_MB" "$SIZE_MB"; do
  j="$tmp/in-$mb.jsonl" x="$tmp/out-$mb.xml"
  make_jsonl "$mb" "$j"
  echo "== input ${mb} MiB of dataset JSONL"
  measure "docbridge jsonl -> xml" "$j" "$DOCBRIDGE" convert -q "$j" -t xml -o "$x"
  measure "docbridge xml -> jsonl" "$x" "$DOCBRIDGE" convert -q "$x" -t jsonl -o "$tmp/back.jsonl"
  measure "xmllint --stream --noout (xml)" "$x" xmllint --stream --noout "$x"
  measure "jq -c . >/dev/null (jsonl)" "$j" jq -c . "$j"
  if [ "$mb" = "$SMALL_MB" ]; then # canonical form first: the generator orders keys its own way
    "$DOCBRIDGE" convert -q "$j" -t jsonl -o "$tmp/canon.jsonl"
    cmp -s "$tmp/canon.jsonl" "$tmp/back.jsonl" && echo "round trip jsonl -> xml -> jsonl: identical" ||
      echo "round trip jsonl -> xml -> jsonl: DIFFERS"
    rm -f "$tmp/canon.jsonl"
  fi
  rm -f "$x" "$tmp/back.jsonl" "$j"
done
