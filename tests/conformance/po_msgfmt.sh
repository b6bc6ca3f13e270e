#!/usr/bin/env bash
# po_msgfmt.sh - every PO we write passes `msgfmt --check` (GNU gettext): from PO, from TSV,
# from CSV, from a Moses pair, a generated header with plurals, and a template (no target).
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
command -v msgfmt >/dev/null || { echo "skipped: msgfmt (gettext) not installed"; exit 77; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
check() { msgfmt --check -o /dev/null "$1" || { echo "msgfmt rejects $1 (from $2)"; exit 1; }; }

"$DOCBRIDGE" convert "$SRC/fixtures/po/full.po" -t po -o "$t/a.po"; check "$t/a.po" po
"$DOCBRIDGE" convert "$SRC/fixtures/tsv/basic.tsv" -t po -q -o "$t/b.po"; check "$t/b.po" tsv
"$DOCBRIDGE" convert "$SRC/fixtures/csv/basic.csv" -t po -q -o "$t/c.po"; check "$t/c.po" csv
"$DOCBRIDGE" convert "$SRC/fixtures/moses/corpus.en" "$SRC/fixtures/moses/corpus.zh" -t po \
  -o "$t/d.po"; check "$t/d.po" moses
grep -q '^"Plural-Forms: nplurals=1; plural=0;\\n"$' "$t/d.po"   # zh rule, generated
grep -q '^"Language: zh\\n"$' "$t/d.po"
# Plurals in a generated header (Russian: 3 forms) are padded to nplurals.
cat > "$t/ru.po" <<'PO'
msgid ""
msgstr "Language: ru\n"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "%d файлов"
PO
"$DOCBRIDGE" convert "$t/ru.po" -t tsv -q --columns=en,ru -o "$t/ru.tsv"
"$DOCBRIDGE" convert "$t/ru.po" -t po -o "$t/ru2.po"; check "$t/ru2.po" "po (ru)"
# A template (untranslated) and a fuzzy header: msgfmt accepts a POT-style output.
printf 'msgid "One"\nmsgstr ""\n\nmsgid "Two"\nmsgstr ""\n' > "$t/t.pot"
"$DOCBRIDGE" convert "$t/t.pot" -t po -o "$t/t.po"; check "$t/t.po" pot
# Repeated sources without ids (a TM, a text with a repeated paragraph): msgfmt accepts the
# output by default (a msgctxt is added), skip leaves repeats out, keep writes them as they are.
printf 'en\tde\nSave\tSpeichern\nOpen\tÖffnen\nSave\tSichern\nSave\tSpeichern\n' > "$t/dup.tsv"
"$DOCBRIDGE" convert "$t/dup.tsv" -t po -q -o "$t/dup.po"; check "$t/dup.po" "tsv with repeats"
[ "$(grep -c '^msgid "Save"$' "$t/dup.po")" -eq 3 ]
grep -q '^msgctxt "docbridge-unit-3"$' "$t/dup.po"
"$DOCBRIDGE" convert "$t/dup.tsv" -t po -q --po-duplicates=skip -o "$t/skip.po"; check "$t/skip.po" skip
[ "$(grep -c '^msgid "Save"$' "$t/skip.po")" -eq 1 ]
"$DOCBRIDGE" convert "$t/dup.tsv" -t po -q --po-duplicates=keep -o "$t/keep.po"
! msgfmt --check -o /dev/null "$t/keep.po" 2>/dev/null
# TMX, XLIFF and text fixtures (when those readers are built) become valid catalogues too.
for f in "$SRC"/fixtures/tmx/*.tmx "$SRC"/fixtures/xliff/*.xlf "$SRC"/fixtures/text/*.txt; do
  [ -f "$f" ] || continue
  if "$DOCBRIDGE" convert -q "$f" -t po -o "$t/f.po" 2>/dev/null; then check "$t/f.po" "$f"; fi
done
# Source and translation that differ in a leading or trailing newline (common in TMX and
# XLIFF): msgfmt --check refuses such a translated entry, so it is written fuzzy, with one
# warning, and its text is kept as it was.
printf 'en\tde\n\\nLeading\tF\xc3\xbchrend\nTrailing\\n\tHinten\nBoth\\n\tBeide\\n\n' > "$t/nl.tsv"
"$DOCBRIDGE" convert "$t/nl.tsv" -t po -o "$t/nl.po" 2> "$t/nl.err"; check "$t/nl.po" "newline mismatch"
grep -c '2 entries marked fuzzy' "$t/nl.err" >/dev/null
[ "$(grep -c '^#, fuzzy$' "$t/nl.po")" -eq 2 ]
grep -A3 '^#, fuzzy$' "$t/nl.po" | grep -c '^"Leading"$' >/dev/null
grep -B1 '^msgstr "Beide\\n"$' "$t/nl.po" | grep -c '^msgid "Both\\n"$' >/dev/null
# A broken catalogue is not silently "fixed": msgfmt itself agrees ours is the same.
msgfmt --check -o /dev/null "$SRC/fixtures/po/full.po"
echo ok
