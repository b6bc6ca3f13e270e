#!/usr/bin/env bash
# xliff_loss_warnings.sh - what XLIFF cannot hold is said, not silently dropped: a third
# language (TMX with three), plural forms (PO); a table row's cells are written as its text.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin xliff; need_plugin tmx; need_plugin po; need_plugin json

err=$("$DOCBRIDGE" convert -t xliff "$SRC/fixtures/tmx/multilingual.tmx" -o "$SCRATCH/m.xlf" 2>&1)
case "$err" in
  *"XLIFF holds one source and one target language"*"left out"*) pass ;;
  *) fail "no warning for a third language: $err" ;;
esac
err=$("$DOCBRIDGE" convert -t xliff "$SRC/fixtures/po/full.po" -o "$SCRATCH/p.xlf" 2>&1)
case "$err" in
  *"plural forms left out"*) pass ;;
  *) fail "no warning for plural forms: $err" ;;
esac
# a bilingual file gives no such warning
err=$("$DOCBRIDGE" convert -t xliff "$SRC/fixtures/xliff/sample12.xlf" -o "$SCRATCH/s.xlf" 2>&1)
[ -z "$err" ] && pass || fail "warning for a bilingual file: $err"

cat > "$SCRATCH/table.jsonl" <<'JSON'
{"kind": "table_row", "lang": "en", "text": "", "cells": ["Year", "Revenue"]}
JSON
"$DOCBRIDGE" convert -q -t xliff "$SCRATCH/table.jsonl" -o "$SCRATCH/t.xlf" &&
  grep -q "Year.Revenue" "$SCRATCH/t.xlf" && pass || fail "table cells not written: $(cat "$SCRATCH/t.xlf")"
# A control character XML cannot carry, in an attribute (a PO msgctxt becomes the unit id):
# U+FFFD and a warning, and the file still parses; an id 2.x must make an NMTOKEN comes back.
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\nmsgctxt "c\\001d"\nmsgid "a"\nmsgstr "x"\n\nmsgctxt "hello world"\nmsgid "b"\nmsgstr "y"\n' > "$SCRATCH/ids.po"
err=$("$DOCBRIDGE" convert -t xliff "$SCRATCH/ids.po" -o "$SCRATCH/ids12.xlf" 2>&1)
case "$err" in
  *"1 character not allowed in XML 1.0"*"written as U+FFFD"*) pass ;;
  *) fail "no warning for a control character in an id: $err" ;;
esac
xmllint --noout "$SCRATCH/ids12.xlf" 2>/dev/null && pass || fail "XLIFF 1.2 with a control in an id does not parse"
"$DOCBRIDGE" convert -q -t xliff --xliff-version 2.0 "$SCRATCH/ids.po" -o "$SCRATCH/ids2.xlf" && pass || fail "po -> xliff 2"
grep -c '<unit id="hello_world">' "$SCRATCH/ids2.xlf" >/dev/null && pass || fail "2.x id not an NMTOKEN"
"$DOCBRIDGE" convert -q "$SCRATCH/ids2.xlf" -t po -o "$SCRATCH/ids-back.po" && pass || fail "xliff 2 -> po"
grep -c '^msgctxt "hello world"$' "$SCRATCH/ids-back.po" >/dev/null && pass ||
  fail "the original id did not come back: $(grep msgctxt "$SCRATCH/ids-back.po" | tr '\n' ' ')"
finish
