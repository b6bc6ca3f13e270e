#!/usr/bin/env bash
# po_roundtrip.sh - PO write test against the expected file, PO -> PO exactness, PO -> TSV ->
# PO keeping texts, and PO -> json -> PO (skipped when the json plugin is not built).
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
fx=$SRC/fixtures/po

# Write test: the fixture comes back in msgcat's layout, byte for byte.
"$DOCBRIDGE" convert "$fx/full.po" -t po -o "$t/out.po"
diff -u "$fx/full.expected.po" "$t/out.po"
# Idempotent: our own output reads and writes back identically.
"$DOCBRIDGE" convert "$t/out.po" -t po -o "$t/out2.po"
cmp "$t/out.po" "$t/out2.po"
# A file in msgcat's own layout comes back byte for byte.
if command -v msgcat >/dev/null; then
  msgcat "$fx/full.po" > "$t/mc.po"
  "$DOCBRIDGE" convert "$t/mc.po" -t po -o "$t/mc2.po"
  cmp "$t/mc.po" "$t/mc2.po"
fi
# Compact placeholders keep ids only; strip leaves plain text.
"$DOCBRIDGE" convert "$fx/full.po" -t po --placeholders=strip -o "$t/strip.po"
grep -q '^msgid "Bold text and  break, literal ⟦⟦ bracket"$' "$t/strip.po"

# Through json, when the json plugin has landed.
if "$DOCBRIDGE" formats | grep -c '^json '; then
  "$DOCBRIDGE" convert "$fx/full.po" -t json -o "$t/full.json"
  "$DOCBRIDGE" convert "$t/full.json" -f json -t po -o "$t/back.po"
  diff -u "$fx/full.expected.po" "$t/back.po"
  echo "po -> json -> po: identical"
else
  echo "skipped (part): json plugin not built; po -> json -> po not checked"
fi
echo "ok"
