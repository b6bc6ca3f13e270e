#!/usr/bin/env bash
# markdown_plurals.sh - a unit's plural forms (PO msgid_plural / msgstr[n]) appear in its
# table cell after the first form, so a markdown review copy shows every form.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin markdown; need_plugin po
"$DOCBRIDGE" convert -q -t markdown "$SRC/fixtures/po/full.po" -o "$SCRATCH/p.md" || fail "convert"
grep -q '%d file<br>%d files' "$SCRATCH/p.md" && pass || fail "source plural missing: $(grep -n file "$SCRATCH/p.md")"
grep -q 'Datei<br>.*Dateien' "$SCRATCH/p.md" && pass || fail "target plurals missing: $(grep -n Datei "$SCRATCH/p.md")"
grep -q 'Veraltete' "$SCRATCH/p.md" && pass || fail "obsolete plural form missing"
finish
