#!/usr/bin/env bash
# tmx_roundtrip.sh - TMX -> TMX through the CLI keeps every byte of the fixtures (which are
# written in the writer's canonical layout), and a TMX in another layout (old `lang`,
# attributes in another order, no indentation) keeps every unit, language, code, note and prop:
# reading the original and the rewritten file gives the same TMX again.
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F="$SRC/fixtures/tmx"

for f in full.tmx multilingual.tmx expected/from_model.tmx; do
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
echo "ok"
