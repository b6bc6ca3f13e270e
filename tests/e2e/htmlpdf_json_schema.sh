#!/usr/bin/env bash
# htmlpdf_json_schema.sh - the html fixture and the generated PDFs converted to JSON validate
# against the dataset schema, and keep every word (HTML: every visible word of the page; PDF:
# every word pdftotext finds). Needs the json plugin; the PDF part needs the pdf plugin and
# the pdfgen test tool.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}" "${BUILD:?}"
PYTHON=${PYTHON:-python3}
schema="$SRC/formats/dataset.schema.json"
"$DOCBRIDGE" formats | grep -q '^json ' || { echo "skipped: json plugin not built"; exit 77; }
"$DOCBRIDGE" formats | grep -q '^html ' || { echo "skipped: html plugin not built"; exit 77; }
[ -f "$schema" ] || { echo "skipped: formats/dataset.schema.json absent"; exit 77; }
"$PYTHON" -c 'import jsonschema' 2>/dev/null || { echo "skipped: python3-jsonschema absent"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # JSON WORDS-FILE
    "$PYTHON" - "$schema" "$1" "$2" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
data = json.load(open(sys.argv[2]))
jsonschema.validate(data, schema)
def strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)
corpus = "\n".join(strings(data))
lost = [t for t in open(sys.argv[3], encoding="utf-8").read().split() if t not in corpus]
if lost:
    sys.exit("%s: lost tokens: %r" % (sys.argv[2], lost))
PY
}

# HTML: the visible words of the fixture (head, script, style and tags removed).
"$DOCBRIDGE" convert -q -t json -o "$tmp/page.json" "$SRC/fixtures/html/page.html"
"$PYTHON" - "$SRC/fixtures/html/page.html" >"$tmp/page.words" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", " ", s)
s = re.sub(r"(?s)<[^>]*>", " ", s)
print(html.unescape(s))
PY
check "$tmp/page.json" "$tmp/page.words"
echo "html: ok"

if ! "$DOCBRIDGE" formats | grep -q '^pdf ' || [ ! -x "$BUILD/test-tools/pdfgen" ]; then
    echo "pdf part skipped: pdf plugin or pdfgen not built"; exit 0
fi
command -v pdftotext >/dev/null || { echo "pdf part skipped: pdftotext absent"; exit 0; }
for kind in report twocol cjk compare; do
    ASAN_OPTIONS=detect_leaks=0 "$BUILD/test-tools/pdfgen" "$kind" "$tmp/$kind.pdf" "$tmp/$kind.gen.txt"
    "$DOCBRIDGE" convert -q -t json -o "$tmp/$kind.json" "$tmp/$kind.pdf"
    pdftotext -enc UTF-8 "$tmp/$kind.pdf" "$tmp/$kind.words"
    check "$tmp/$kind.json" "$tmp/$kind.words"
done
echo "pdf: ok"
