#!/usr/bin/env bash
# controls_roundtrip.sh - DEL and C1 controls are allowed in XML but removed by the input layer
# on reading, so the TMX and XLIFF 2 writers keep them in segments as placeholders
# (<ph type="x-docbridge-cp">007F</ph>, <cp hex="007F"/>): PO -> TMX -> PO and
# PO -> XLIFF 2 -> PO keep a DEL written "\x7f" in the PO file.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}"
need_plugin po; need_plugin tmx; need_plugin xliff
cd "$SCRATCH"
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\nmsgid "a\\x7f b\\xc2\\x85 c\\xc2\\xa9"\nmsgstr "x\\x7fy"\n' > del.po
"$DOCBRIDGE" convert -q del.po -t tmx -o del.tmx && pass || fail "po -> tmx"
grep -c '<seg>a<ph type="x-docbridge-cp">007F</ph> b<ph type="x-docbridge-cp">0085</ph> c©</seg>' del.tmx >/dev/null &&
  pass || fail "tmx segment: $(grep '<seg>' del.tmx | head -1)"
"$DOCBRIDGE" convert -q del.tmx -t po -o back.po && pass || fail "tmx -> po"
grep -c '^msgid "a\\177 b' back.po >/dev/null && grep -c '^msgstr "x\\177y"' back.po >/dev/null &&
  pass || fail "DEL lost through TMX: $(grep -a '^msg' back.po | tail -2)"
"$DOCBRIDGE" convert -q del.po -t xliff --xliff-version 2.0 -o del.xlf && pass || fail "po -> xliff 2"
grep -c '<source>a<cp hex="007F"/> b<cp hex="0085"/> c©</source>' del.xlf >/dev/null &&
  pass || fail "xliff 2 source: $(grep '<source>' del.xlf | head -1)"
"$DOCBRIDGE" convert -q del.xlf -t po -o back2.po && pass || fail "xliff -> po"
grep -c '^msgstr "x\\177y"' back2.po >/dev/null && pass || fail "DEL lost through XLIFF 2"
finish
