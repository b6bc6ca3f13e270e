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
finish
