#!/usr/bin/env bash
# po_wrap_layout.sh - the PO writer's line layout, byte for byte, on strings that exercise
# every branch of the line cutting (fixtures/tmx/po_wrap.tmx): wrapping at the last space
# that fits, a word wider than the line, "\n" inside and at the end, quotes and backslashes
# counted as two columns, UTF-8 characters as one, at the default width, at 20 and at 0 (no
# wrapping). The expected files were written by the writer before its line cutting was
# rewritten for speed; the header (which names the docbridge version) is left out.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
fx=$SRC/fixtures/po

body() { sed -n '/^msgctxt/,$p'; }
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/po_wrap.tmx" -t po -o - | body > "$t/w79.po"
diff -u "$fx/wrap.expected.po" "$t/w79.po"
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/po_wrap.tmx" -t po --po-width 20 -o - | body > "$t/w20.po"
diff -u "$fx/wrap_w20.expected.po" "$t/w20.po"
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/po_wrap.tmx" -t po --po-width 0 -o - | body > "$t/w0.po"
diff -u "$fx/wrap_w0.expected.po" "$t/w0.po"
# and the texts read back unchanged (the cut never drops or repeats a byte)
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/po_wrap.tmx" -t po --po-width 20 -o "$t/w20full.po"
"$DOCBRIDGE" convert -q "$t/w20full.po" -t tsv -o "$t/a.tsv"
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/po_wrap.tmx" -t tsv -o "$t/b.tsv"
cmp "$t/a.tsv" "$t/b.tsv"
echo "po line layout: as expected at widths 79, 20 and 0"
