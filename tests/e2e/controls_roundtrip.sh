#!/usr/bin/env bash
# controls_roundtrip.sh - DEL and C1 controls are allowed in XML but removed by the input layer
# on reading, so every writer keeps them in a form that survives it: TMX and XLIFF 2 segments
# as placeholders (<ph type="x-docbridge-cp">007F</ph>, <cp hex="007F"/>), XML elsewhere as
# character references (&#x7F;), JSON as \u007f, PO as \177 and ⟦=%C2%85⟧, TSV, CSV and Moses
# as ⟦=...⟧ tokens. PO -> TMX -> PO and PO -> XLIFF 2 -> PO keep a DEL written "\x7f" in the PO
# file; a TMX with DEL and C1 controls in a segment, a note, a prop and an attribute goes
# through every format and back: the segment always comes back, and through the dataset
# formats (json, jsonl, xml) the whole file does.
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

cat > c1.tmx <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu tuid="1" creationid="q&#x85;r"><note>n&#x7F;o&#x9F;</note><prop type="p">v&#x85;w</prop><tuv xml:lang="en"><seg>a&#x7F;b&#x85;c</seg></tuv><tuv xml:lang="de"><seg>x&#x80;</seg></tuv></tu></body></tmx>
EOF
"$DOCBRIDGE" convert -q c1.tmx -t tmx -o direct.tmx && pass || fail "tmx -> tmx"
grep -c '<note>n&#x7F;o&#x9F;</note>' direct.tmx >/dev/null && grep -c 'creationid="q&#x85;r"' direct.tmx >/dev/null &&
  pass || fail "tmx note/attribute: $(grep -E '<note>|<tu ' direct.tmx | tr '\n' ' ')"
want_seg='<seg>a<ph type="x-docbridge-cp">007F</ph>b<ph type="x-docbridge-cp">0085</ph>c</seg>'
has_writer() { "$DOCBRIDGE" formats 2>/dev/null | awk -v n="$1" '$1 == n && $2 ~ /w/ {f=1} END {exit !f}'; }
for fmt in json jsonl xml xliff xliff2 po tsv csv moses; do
  to=$fmt extra=()
  [ "$fmt" = xliff2 ] && to=xliff extra=(--xliff-version 2.0)
  has_writer "$to" || { echo "skipped: $fmt (no writer)"; continue; }
  out=mid.$fmt ins=(mid.$fmt)
  [ "$fmt" = moses ] && out=mid ins=(mid.en mid.de)
  if ! "$DOCBRIDGE" convert -q c1.tmx -t "$to" "${extra[@]}" -o "$out" ||
     ! "$DOCBRIDGE" convert -q "${ins[@]}" -t tmx -o "back.$fmt.tmx"; then
    fail "$fmt: conversion failed"; continue
  fi
  grep -cF "$want_seg" "back.$fmt.tmx" >/dev/null && pass ||
    fail "$fmt: the segment lost a control: $(grep -m1 '<seg>' "back.$fmt.tmx")"
  case $fmt in json | jsonl | xml)
    cmp -s direct.tmx "back.$fmt.tmx" && pass ||
      fail "$fmt: the round trip differs: $(diff direct.tmx "back.$fmt.tmx" | head -5)" ;;
  esac
done
# The forms chosen are valid where the official schemas say (<cp> only in inline content).
if [ -n "${SHARED:-}" ] && [ -d "$SHARED/schemas" ]; then
  for f in direct.tmx mid.xliff mid.xliff2; do
    [ -f "$f" ] || continue
    "$DOCBRIDGE" validate --schema-dir "$SHARED/schemas" "$f" > val.out 2>&1 && pass ||
      fail "$f is not valid: $(head -3 val.out)"
  done
else
  echo "skipped (part): ../shared/schemas absent, outputs not validated"
fi
finish
