#!/usr/bin/env bash
# po_empty_input.sh - an input without any document (an empty JSONL file) still gives a PO file
# msgfmt accepts: the header entry alone, not an empty file.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin po; need_plugin jsonl
: > "$SCRATCH/empty.jsonl"
"$DOCBRIDGE" convert -q -f jsonl -t po "$SCRATCH/empty.jsonl" -o "$SCRATCH/e.po" || fail "convert"
grep -q '^msgid ""' "$SCRATCH/e.po" && grep -q 'charset=UTF-8' "$SCRATCH/e.po" && pass ||
  fail "no header: $(cat "$SCRATCH/e.po")"
if command -v msgfmt >/dev/null; then
  msgfmt --check -o /dev/null "$SCRATCH/e.po" 2>/dev/null && pass || fail "msgfmt refuses it"
fi
finish
