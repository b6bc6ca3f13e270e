#!/usr/bin/env bash
# encoding_bench.sh - issue 3 benchmark: normalise 100 MB of GB18030 and of UTF-16LE text to
# UTF-8 NFC, beside `iconv -f ENC -t UTF-8 | uconv -x any-nfc` on the same file in the same run.
#
# docbridge is measured two ways:
#   detect  `docbridge detect FILE`: detection, iconv, sanitising, NFC and SHA-256 over the
#           whole file (what every conversion pays), text discarded;
#   decode  tests/bench/encoding_bench_decode.c, a bench-only driver that writes the decoded
#           text to stdout (no checksum); its output is compared byte for byte with the
#           pipeline's.
# Prints seconds, MB/s (wall and CPU) and peak RSS (/usr/bin/time -f '%e %U %S %M'). Not a ctest.
# Usage: tests/bench/encoding_bench.sh [BUILD_DIR] [MB]   (default build dir: build-bench, Release)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build-bench}
MB=${2:-100}
PYTHON3=${PYTHON:-python3}
for tool in iconv uconv /usr/bin/time cc; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not found"; exit 77; }
done
if [ ! -x "$BUILD/docbridge" ]; then
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DDOCBRIDGE_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j2 >/dev/null
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cc -O2 -std=c11 -I"$SRC/core/include" "$SRC/tests/bench/encoding_bench_decode.c" \
  -L"$BUILD/core" -ldocbridge -Wl,-rpath,"$BUILD/core" -o "$WORK/decode"

# ~100 MB of UTF-8 source: English, simplified and traditional Chinese, some accented Latin
# (one line in ten decomposed: e + U+0301), built by doubling a paragraph.
"$PYTHON3" - "$WORK/src.txt" "$MB" <<'PY'
import sys, unicodedata
path, mb = sys.argv[1], int(sys.argv[2])
lines = [
    "The committee met in London on Tuesday to review the archive of the society.",
    "委员会星期二在伦敦开会，审查了档案馆的全部文件，并决定长期保存这些资料。",
    "這份報告說明了檔案館如何保存歷史文獻與珍貴的手稿，供後人研究使用。",
    "Members agreed that every document must be kept in its original form, café or not.",
    "我们希望这些文件能够长期保存，供后人研究使用；图书馆的读者可以查阅。",
    "圖書館的讀者可以在閱覽室裡查閱這些資料，也可以申請複印。",
    "Le comité a examiné la crème de la crème des archives à Zürich.",
    "電子郵件與傳真都被保存下來，總共有三千多份文件。",
    "The naïve reviewer noted the façade of the old building.",
    unicodedata.normalize("NFD", "Décomposé: résumé, élève, café, naïve, señor, Ångström."),
]
block = ("\n".join(lines) + "\n").encode("utf-8")
target = mb * 1000 * 1000
with open(path, "wb") as f:
    n = 0
    while n < target:
        f.write(block)
        n += len(block)
PY
iconv -f UTF-8 -t GB18030 "$WORK/src.txt" > "$WORK/in.gb18030"
iconv -f UTF-8 -t UTF-16LE "$WORK/src.txt" > "$WORK/in.utf16le"

DBR="$BUILD/docbridge"
# Wall time, CPU time (user + system, of every process in the pipeline) and peak RSS. On a
# shared machine the CPU-time rate is the steadier figure.
measure() { # label bytes command...
  local label=$1 bytes=$2; shift 2
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@"
  read -r secs user sys kb < "$WORK/time"
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v u="$user" -v y="$sys" -v k="$kb" \
    'BEGIN { c = u + y; printf "%-44s %6.2f s %7.1f MB/s | cpu %6.2f s %7.1f MB/s | %7.1f MB peak RSS\n",
             l, s, (s > 0 ? b / 1e6 / s : 0), c, (c > 0 ? b / 1e6 / c : 0), k / 1024 }'
}
echo "input: $MB MB of UTF-8 text (English/Chinese, 10% decomposed Latin lines), $(nproc) cores, $(date -u +%FT%TZ)"
for enc in GB18030 UTF-16LE; do
  f="$WORK/in.$(echo "$enc" | tr 'A-Z' 'a-z' | tr -d -)"
  bytes=$(stat -c %s "$f")
  echo "== $enc: $bytes bytes"
  measure "docbridge detect" "$bytes" sh -c "'$DBR' detect '$f' > '$WORK/detect.out'"
  sed 's/^/   /' "$WORK/detect.out"
  measure "docbridge decode driver > file" "$bytes" sh -c "'$WORK/decode' '$f' > '$WORK/dbr.out' 2>/dev/null"
  measure "iconv -f $enc -t UTF-8 | uconv -x any-nfc" "$bytes" \
    sh -c "iconv -f $enc -t UTF-8 '$f' | uconv -x any-nfc > '$WORK/peer.out'"
  if cmp -s "$WORK/dbr.out" "$WORK/peer.out"; then
    echo "   outputs identical ($(stat -c %s "$WORK/dbr.out") bytes)"
  else
    echo "   OUTPUTS DIFFER"; cmp "$WORK/dbr.out" "$WORK/peer.out" | head -1
  fi
done
# For scale: UTF-8 that is already NFC (the fast path: bytes copied, no transcoding).
"$PYTHON3" - "$WORK/src.txt" "$WORK/nfc.txt" <<'PY'
import sys, unicodedata
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as g:
    for line in f:
        g.write(unicodedata.normalize("NFC", line))
PY
f="$WORK/nfc.txt"; bytes=$(stat -c %s "$f")
echo "== UTF-8, already NFC: $bytes bytes"
measure "docbridge decode driver > file" "$bytes" sh -c "'$WORK/decode' '$f' > '$WORK/dbr.out' 2>/dev/null"
measure "uconv -x any-nfc" "$bytes" sh -c "uconv -x any-nfc < '$f' > '$WORK/peer.out'"
cmp -s "$WORK/dbr.out" "$WORK/peer.out" && echo "   outputs identical" || echo "   OUTPUTS DIFFER"
