#!/usr/bin/env bash
# text_bad_input.sh - bad input for the text reader: binary garbage is not taken as text, an
# empty file is a clear one-line error naming it, and no output file is left behind.
set -uo pipefail
: "${DOCBRIDGE:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Binary garbage named .txt: deterministic bytes with NULs and controls.
"${PYTHON:-python3}" -c 'import sys; sys.stdout.buffer.write(bytes((i * 7919 >> 3) & 255 for i in range(8192)))' \
    > "$tmp/garbage.txt"
if "$DOCBRIDGE" convert -t markdown -o "$tmp/out.md" "$tmp/garbage.txt" 2> "$tmp/err"; then
    fail "binary garbage was converted"
fi
[ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "expected a one-line error, got: $(cat "$tmp/err")"
grep -q "garbage.txt" "$tmp/err" || fail "error does not name the file"
grep -q "text=0" "$tmp/err" || fail "error does not list the text reader's score"
[ ! -e "$tmp/out.md" ] || fail "output left behind"

# Empty file: probing fails with a clear message naming the file.
: > "$tmp/empty.txt"
if "$DOCBRIDGE" convert -t markdown -o "$tmp/out.md" "$tmp/empty.txt" 2> "$tmp/err"; then
    fail "empty input was converted without -f"
fi
[ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "expected a one-line error"
grep -q "empty.txt: empty input" "$tmp/err" || fail "unclear error: $(cat "$tmp/err")"
[ ! -e "$tmp/out.md" ] || fail "output left behind"

# Naming the format converts it to an empty document, with a warning.
"$DOCBRIDGE" convert -f text -t markdown -o "$tmp/out.md" "$tmp/empty.txt" 2> "$tmp/err" ||
    fail "-f text on an empty file failed"
grep -q "warning: .*empty input" "$tmp/err" || fail "no warning for the empty input"
grep -q "^<!-- docbridge document" "$tmp/out.md" || fail "no document written"
echo "ok"
