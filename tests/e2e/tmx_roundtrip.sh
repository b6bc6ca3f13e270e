#!/usr/bin/env bash
# tmx_roundtrip.sh - TMX -> TMX through the CLI keeps every byte of the fixtures (which are
# written in the writer's canonical layout), and a TMX in another layout (old `lang`,
# attributes in another order, no indentation) keeps every unit, language, code, note and prop:
# reading the original and the rewritten file gives the same TMX again.
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F="$SRC/fixtures/tmx"

for f in full.tmx multilingual.tmx no_tuid.tmx expected/from_model.tmx; do
    "$DOCBRIDGE" convert "$F/$f" -t tmx -o "$T/out.tmx"
    cmp "$F/$f" "$T/out.tmx" || { echo "FAIL: $f changed on TMX -> TMX"; diff "$F/$f" "$T/out.tmx" | head; exit 1; }
done

# Standard input and standard output give the same bytes.
"$DOCBRIDGE" convert -f tmx -t tmx - < "$F/full.tmx" > "$T/stdout.tmx"
cmp "$F/full.tmx" "$T/stdout.tmx"

# A compact, differently ordered TMX 1.1-style file: the first pass normalises the layout, the
# second pass must then be an exact fixed point, and nothing may be lost in the first.
"$DOCBRIDGE" convert "$F/compact.tmx" -t tmx -o "$T/c1.tmx"
"$DOCBRIDGE" convert "$T/c1.tmx" -t tmx -o "$T/c2.tmx"
cmp "$T/c1.tmx" "$T/c2.tmx"
for needle in 'tuid="c1"' 'xml:lang="pt-BR" lang="pt-BR"' '<bpt i="1" x="7" type="bold">&lt;b&gt;</bpt>' \
              '<note lang="en">old-style note</note>' '<prop type="x-Context">ctx</prop>' \
              '<hi type="x-kw">kw</hi>' 'usagecount="3"' 'srclang="en-US"' \
              '<it pos="end" x="2">&lt;/a&gt;</it>'; do
    grep -qF "$needle" "$T/c1.tmx" || { echo "FAIL: lost '$needle'"; cat "$T/c1.tmx"; exit 1; }
done
test "$(grep -c '<tu ' "$T/c1.tmx")" = "$(grep -o '<tu ' "$F/compact.tmx" | wc -l)"
# Several inputs make one TMX: the first document's header, every document's units, and a
# warning for a later header that cannot be written.
"$DOCBRIDGE" convert "$F/multilingual.tmx" "$F/full.tmx" -t tmx -o "$T/two.tmx" 2> "$T/err"
[ "$(grep -c '<tu ' "$T/two.tmx")" = 6 ]
grep -qF 'srclang="*all*"' "$T/two.tmx"
grep -qF "full.tmx: document 2: its header notes and properties are not written" "$T/err"

# The same TMX in UTF-16 (with BOM) and in ISO-8859-1 (declared) reads the same: the input layer
# transcodes, Expat sees UTF-8 whatever the declaration says; output is UTF-8.
"$PYTHON" - "$F/full.tmx" "$T" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2] + "/u16.tmx", "wb").write(src.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
latin = re.sub(r'\s*<tu tuid="000[1-3]"[^>]*>.*?</tu>', "", src, flags=re.S)  # drop the CJK units
latin = latin.replace("空", "vide")
open(sys.argv[2] + "/l1.tmx", "wb").write(latin.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"))
open(sys.argv[2] + "/l1-utf8.tmx", "w", encoding="utf-8").write(latin)
PY
"$DOCBRIDGE" convert "$T/u16.tmx" -t tmx -o "$T/u16-out.tmx"
cmp "$F/full.tmx" "$T/u16-out.tmx"
"$DOCBRIDGE" convert "$T/l1.tmx" -t tmx -o "$T/l1-out.tmx"
"$DOCBRIDGE" convert "$T/l1-utf8.tmx" -t tmx -o "$T/l1-utf8-out.tmx"
cmp "$T/l1-out.tmx" "$T/l1-utf8-out.tmx"
grep -qF 'Pægasus' "$T/l1-out.tmx"
echo "ok"
