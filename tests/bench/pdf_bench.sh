#!/usr/bin/env bash
# pdf_bench.sh - speed and peak memory of the pdf and html readers (not a ctest).
#
# PDF: a generated 200-page report (tests/tools/pdfgen), read by docbridge (pdf -> markdown)
# and by pdftotext on the same file in the same run: pages/s and peak RSS of each.
# HTML: a generated page of about HTML_MB megabytes (paragraphs, lists, tables, nav), read by
# docbridge (html -> markdown) and parsed by xmllint --html --stream (libxml2 alone, no output)
# as the floor: MB/s and peak RSS.
#
# Usage: tests/bench/pdf_bench.sh [BUILD_DIR]   (default: build)
#        PAGES=200 HTML_MB=50 tests/bench/pdf_bench.sh build
set -euo pipefail

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$SRC/build}
DOCBRIDGE=$BUILD/docbridge
PDFGEN=$BUILD/test-tools/pdfgen
PAGES=${PAGES:-200}
HTML_MB=${HTML_MB:-50}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

[ -x "$DOCBRIDGE" ] || { echo "no docbridge binary in $BUILD: build first" >&2; exit 1; }

# Runs a command, prints "label: wall seconds, CPU seconds, peak RSS, rate by wall time and by
# CPU time" (on a shared machine the wall clock includes waiting for a core).
measure() {
    local label=$1 unit=$2 amount=$3
    shift 3
    /usr/bin/time -f '%e %M %U %S' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || {
        echo "$label: failed"; cat "$TMP/err" >&2; return 1; }
    read -r secs kb user sys <"$TMP/time"
    awk -v l="$label" -v s="$secs" -v k="$kb" -v a="$amount" -v u="$unit" -v c="$user+$sys" 'BEGIN {
        split(c, p, "+"); cpu = p[1] + p[2]
        r = s > 0 ? a / s : 0; rc = cpu > 0 ? a / cpu : 0
        printf "%-32s %6.2f s wall %6.2f s cpu %7.1f MB RSS %8.1f %s (%.1f by cpu)\n",
               l, s, cpu, k / 1024, r, u, rc }'
}

echo "== pdf: $PAGES generated pages"
if [ -x "$PDFGEN" ] && "$DOCBRIDGE" formats 2>/dev/null | grep -q '^pdf '; then
    "$PDFGEN" bench "$TMP/bench.pdf" "$PAGES"
    echo "input: $(du -k "$TMP/bench.pdf" | cut -f1) KiB"
    measure "docbridge pdf -> markdown" pages/s "$PAGES" \
        "$DOCBRIDGE" convert -q -f pdf -t markdown -o "$TMP/out.md" "$TMP/bench.pdf"
    if command -v pdftotext >/dev/null; then
        measure "pdftotext (poppler-utils)" pages/s "$PAGES" \
            pdftotext -enc UTF-8 "$TMP/bench.pdf" "$TMP/out.txt"
        measure "pdftotext -layout" pages/s "$PAGES" \
            pdftotext -layout -enc UTF-8 "$TMP/bench.pdf" "$TMP/out-layout.txt"
    else
        echo "pdftotext not installed: no peer figure"
    fi
    echo "blocks: $(grep -c '' "$TMP/out.md") markdown lines;" \
         "running headers marked: $(grep -c 'boilerplate (running-header)' "$TMP/out.md")"
else
    echo "skipped: pdf plugin or pdfgen not built"
fi

echo "== html: about $HTML_MB MB generated page"
"${PYTHON:-python3}" - "$TMP/big.html" "$HTML_MB" <<'EOF'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
para = ("<p>The survey covered <em>twelve</em> rivers in three regions; samples were "
        "taken at dawn and dusk at every site, and each bottle was sealed on site.</p>\n")
section = ("<h2>Section {n}</h2>\n" + para * 6 +
           "<ul><li>Water temperature</li><li>Dissolved oxygen<ul><li>Surface</li>"
           "<li>Bottom</li></ul></li></ul>\n"
           "<table><tr><th>River</th><th>Oxygen</th></tr><tr><td>Alder</td><td>9.1</td></tr>"
           "</table>\n<p lang=\"zh\">河流调查覆盖了三个地区的十二条河流。</p>\n")
with open(path, "w", encoding="utf-8") as f:
    f.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Bench</title></head><body><nav><ul><li><a href=\"/\">Home</a></li>"
            "</ul></nav><main><article><h1>Benchmark page</h1>\n")
    n, size = 0, 0
    while size < mb * 1024 * 1024:
        s = section.format(n=n)
        f.write(s)
        size += len(s.encode("utf-8"))
        n += 1
    f.write("</article></main><footer><p>Footer</p></footer></body></html>\n")
EOF
SIZE_MB=$(awk -v b="$(stat -c %s "$TMP/big.html")" 'BEGIN { printf "%.2f", b / 1048576 }')
echo "input: $SIZE_MB MB"
measure "docbridge html -> markdown" MB/s "$SIZE_MB" \
    "$DOCBRIDGE" convert -q -f html -t markdown -o "$TMP/big.md" "$TMP/big.html"
if command -v xmllint >/dev/null; then
    measure "xmllint --html --noout (tree)" MB/s "$SIZE_MB" \
        xmllint --html --noout "$TMP/big.html"
fi
