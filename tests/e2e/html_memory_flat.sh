#!/usr/bin/env bash
# html_memory_flat.sh - the html reader's memory does not grow with the page: a 17 MB page
# must not take much more peak memory than a 3 MB one (libxml2's push parser buffered whole
# pages before the reader worked around it; see plugins/html/html_sax.c).
set -euo pipefail
: "${DOCBRIDGE:?}" "${PYTHON:=python3}"
if ! "$DOCBRIDGE" formats 2>/dev/null | grep -c '^html '; then
    echo "skipped: html plugin not built"; exit 77
fi
if ! "$DOCBRIDGE" formats 2>/dev/null | grep -c '^markdown '; then
    echo "skipped: markdown writer not built"; exit 77
fi
[ -x /usr/bin/time ] || { echo "skipped: /usr/bin/time not installed"; exit 77; }
if ldd "$DOCBRIDGE" 2>/dev/null | grep -c libasan; then
    echo "skipped: peak memory means nothing under AddressSanitizer (quarantine)"; exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

make_page() { # FILE SECTIONS
    "$PYTHON" - "$1" "$2" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as f:
    f.write('<!DOCTYPE html><html lang="en"><body><main><article>\n')
    for i in range(n):
        f.write('<h2 id="s%d">Section %d</h2><p class="x" title="a > b">Text of section %d '
                'with <em>inline</em> markup.</p><p lang="fr">Les rivi\u00e8res %d.</p>'
                '<!-- note %d --><ul><li>one</li><li>two</li></ul>\n' % (i, i, i, i, i))
    f.write('</article></main></body></html>\n')
PY
}

peak_kb() { # FILE -> peak RSS in KiB of converting it
    /usr/bin/time -f '%M' -o "$TMP/rss" "$DOCBRIDGE" convert -q -f html -t markdown \
        -o "$TMP/out.md" "$1"
    cat "$TMP/rss"
}

make_page "$TMP/small.html" 15000
make_page "$TMP/large.html" 80000
small=$(peak_kb "$TMP/small.html")
large=$(peak_kb "$TMP/large.html")
size_large=$(stat -c %s "$TMP/large.html")
echo "peak RSS: $((small / 1024)) MiB for 3 MB, $((large / 1024)) MiB for $((size_large / 1048576)) MB"
# The last section must have come through (the parse reached the end).
grep -q 'Section 79999' "$TMP/out.md" || { echo "FAIL: last section missing"; exit 1; }
if [ $((large - small)) -gt 8192 ]; then
    echo "FAIL: memory grew by $(((large - small) / 1024)) MiB with the page size"
    exit 1
fi
echo "ok"
