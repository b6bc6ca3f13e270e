#!/usr/bin/env bash
# tmx_lenient_warnings.sh - a document of blocks written to TMX with --lenient: the first skips
# are warned in detail, the rest only counted (no line per block), and the TMX is still well
# formed (an empty body).
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin tmx; need_plugin text
for i in $(seq 1 200); do printf 'Paragraph number %d of a long report.\n\n' "$i"; done > "$SCRATCH/long.txt"
"$DOCBRIDGE" convert --lenient -f text -t tmx "$SCRATCH/long.txt" -o "$SCRATCH/o.tmx" 2> "$SCRATCH/err" ||
  fail "lenient conversion failed: $(cat "$SCRATCH/err")"
n=$(grep -c . "$SCRATCH/err")
[ "$n" -le 6 ] && pass || fail "$n warning lines for one document"
grep -q "^docbridge: warning: [0-9]* units or blocks skipped (--lenient)$" "$SCRATCH/err" && pass ||
  fail "no total: $(tail -1 "$SCRATCH/err")"
grep -q "skipped (--lenient)$" "$SCRATCH/err" && pass || fail "no detailed warning"
if command -v xmllint >/dev/null; then
  xmllint --noout "$SCRATCH/o.tmx" && pass || fail "not well formed"
fi
finish
