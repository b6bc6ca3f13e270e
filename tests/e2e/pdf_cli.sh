#!/usr/bin/env bash
# pdf_cli.sh - the pdf reader through the CLI: standard input gives the same blocks as the file
# (Poppler reads the file by name, stdin from memory), and bad PDFs fail with one clear line,
# exit 1, and no output file left behind.
set -euo pipefail
: "${DOCBRIDGE:?}" "${BUILD:?}" "${SRC:?}"
PYTHON=${PYTHON:-python3}
"$DOCBRIDGE" formats | grep -q '^pdf ' || { echo "skipped: pdf plugin not built"; exit 77; }
"$DOCBRIDGE" formats | grep -q '^json ' || { echo "skipped: json plugin not built"; exit 77; }
[ -x "$BUILD/test-tools/pdfgen" ] || { echo "skipped: pdfgen (cairo) not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

ASAN_OPTIONS=detect_leaks=0 "$BUILD/test-tools/pdfgen" report "$tmp/report.pdf"
"$DOCBRIDGE" convert -q -t json -o "$tmp/file.json" "$tmp/report.pdf"
"$DOCBRIDGE" convert -q -f pdf -t json -o "$tmp/stdin.json" - <"$tmp/report.pdf"
"$PYTHON" - "$tmp/file.json" "$tmp/stdin.json" <<'PY' || fail "stdin and file differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
da, db = a["documents"][0], b["documents"][0]
assert da["content"] == db["content"], "blocks differ"
assert len(da["content"]) == 21, len(da["content"])
pa, pb = da["provenance"], db["provenance"]
assert pa["sha256"] == pb["sha256"] and pa["byte_size"] == pb["byte_size"], (pa, pb)
PY

expect_fail() { # NAME MESSAGE INPUT
    local out="$tmp/$1.json"
    if "$DOCBRIDGE" convert -t json -o "$out" "$3" 2>"$tmp/err"; then
        fail "$1: exit 0"
    fi
    grep -q -- "$2" "$tmp/err" || fail "$1: message lacks '$2': $(cat "$tmp/err")"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$1: not one line: $(cat "$tmp/err")"
    [ ! -e "$out" ] || fail "$1: output left behind"
}
printf 'Quarterly figures\n' >"$tmp/notes.pdf"
expect_fail not-pdf "notes.pdf:byte 0: not a PDF file" "$tmp/notes.pdf"
head -c 3000 "$tmp/report.pdf" >"$tmp/cut.pdf"
expect_fail truncated "cut.pdf:byte 3000: truncated PDF" "$tmp/cut.pdf"
expect_fail encrypted "encrypted PDF: a password is needed" "$SRC/fixtures/pdf/bad/encrypted.pdf"
expect_fail half "truncated.pdf:byte 492: truncated PDF" "$SRC/fixtures/pdf/bad/truncated.pdf"
[ "$fails" -eq 0 ] && echo ok || exit 1
