#!/bin/bash
# Translate Toolkit interoperability: its xliff storage class and xliff2po read our XLIFF 1.2
# (written from 1.2, from 2.x and from generated input) with the same unit count and texts as
# the source file; and we read what po2xliff writes, with the same units and texts again.
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
PY=${PYTHON:-/usr/bin/python3}
if ! "$PY" -c 'import translate.storage.xliff' 2>/dev/null || ! command -v xliff2po >/dev/null ||
   ! command -v po2xliff >/dev/null; then
  echo "skipped: translate-toolkit (python3 module, xliff2po, po2xliff) not installed"; exit 77
fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
# texts.py FILE: one line per unit, "source<TAB>target", as the XLIFF says (codes' native data
# inline, the way Translate Toolkit flattens them), read with ElementTree.
cat > "$T/texts.py" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
N12 = "{urn:oasis:names:tc:xliff:document:1.2}"
N2 = "{urn:oasis:names:tc:xliff:document:2.0}"
def text2(el, data):
    out = [el.text or ""]
    for c in el:
        tag = c.tag.split("}")[-1]
        if tag == "cp": out.append(chr(int(c.get("hex"), 16)))
        elif tag in ("ph", "sc", "ec"): out.append(data.get(c.get("dataRef"), ""))
        elif tag == "pc":
            out.append(data.get(c.get("dataRefStart"), "")); out.append(text2(c, data))
            out.append(data.get(c.get("dataRefEnd"), ""))
        else: out.append(text2(c, data))
        out.append(c.tail or "")
    return "".join(out)
root = ET.parse(sys.argv[1]).getroot()
for tu in root.iter(N12 + "trans-unit"):
    if tu.get("restype") == "x-gettext-domain-header": continue  # a PO header, not a unit
    s, t = tu.find(N12 + "source"), tu.find(N12 + "target")
    print("".join(s.itertext()) + "\t" + ("".join(t.itertext()) if t is not None else ""))
MDA = "{urn:oasis:names:tc:xliff:metadata:2.0}"
for u in root.iter(N2 + "unit"):
    if any(m.get("type") == "xliff:restype" and m.text == "x-gettext-domain-header"
           for m in u.iter(MDA + "meta")): continue  # the PO header, kept as metadata
    data = {d.get("id"): "".join(d.itertext()) for d in u.iter(N2 + "data")}
    src, tgt = [], []
    for seg in u:
        if seg.tag not in (N2 + "segment", N2 + "ignorable"): continue
        s, t = seg.find(N2 + "source"), seg.find(N2 + "target")
        src.append(text2(s, data)); tgt.append(text2(t, data) if t is not None else "")
    print("".join(src) + "\t" + "".join(tgt))
PYEOF
# tt.py FILE: the same, as Translate Toolkit's xliff class reads it. (Outside xml:space=
# "preserve" it folds runs of spaces; the comparisons fold them on both sides.)
cat > "$T/tt.py" <<'PYEOF'
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(open(sys.argv[1], "rb"))
for u in store.units:
    if u.isheader(): continue
    print(str(u.source) + "\t" + (str(u.target) if u.target is not None else ""))
PYEOF
bash "$SRC/tests/bench/xliff_gen.sh" 1.2 25 > "$T/gen12.xlf"
bash "$SRC/tests/bench/xliff_gen.sh" 2.0 25 > "$T/gen20.xlf"
for in in "$SRC/fixtures/xliff/sample12.xlf" "$SRC/fixtures/xliff/codes12.xlf" \
          "$SRC/fixtures/xliff/sample20.xlf" "$T/gen12.xlf" "$T/gen20.xlf"; do
  b=$(basename "$in" .xlf)
  "$DOCBRIDGE" convert -q "$in" -t xliff --xliff-version 1.2 -o "$T/$b.out.xlf" || { echo "FAIL: convert $in"; fail=1; continue; }
  # XLIFF 1.2 cannot carry U+0001 (2.x <cp/>): we write U+FFFD, so expect that
  "$PY" "$T/texts.py" "$in" | sed 's/\x01/\xef\xbf\xbd/g; s/  */ /g' > "$T/$b.want"
  "$PY" "$T/tt.py" "$T/$b.out.xlf" | sed 's/  */ /g' > "$T/$b.tt" || { echo "FAIL: translate toolkit cannot read $b"; fail=1; continue; }
  if ! diff -u "$T/$b.want" "$T/$b.tt" > "$T/$b.diff"; then
    echo "FAIL: Translate Toolkit reads other texts from our $b:"; head -20 "$T/$b.diff"; fail=1
  fi
  # xliff2po: one PO entry per unit (plus the header), with the same source texts
  xliff2po -i "$T/$b.out.xlf" -o "$T/$b.po" >/dev/null 2>&1 || { echo "FAIL: xliff2po $b"; fail=1; continue; }
  "$PY" -c '
import sys
from translate.storage import po
units = [u for u in po.pofile.parsefile(open(sys.argv[1], "rb")).units if not u.isheader()]
for u in units: print(u.source)' "$T/$b.po" | sed 's/  */ /g' > "$T/$b.po.src"
  cut -f1 "$T/$b.want" > "$T/$b.want.src"
  if ! diff -q "$T/$b.want.src" "$T/$b.po.src" >/dev/null; then
    echo "FAIL: xliff2po of $b: entries differ"; diff -u "$T/$b.want.src" "$T/$b.po.src" | head; fail=1
  fi
  echo "ok: $b: $(wc -l < "$T/$b.tt") units read by Translate Toolkit and xliff2po"
done
# the other way: po2xliff writes XLIFF 1.2, we read it (and write XLIFF 2)
cat > "$T/in.po" <<'POEOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#: main.c:10
msgid "Open file"
msgstr "Datei öffnen"

#. translator comment
msgctxt "menu"
msgid "Save <b>all</b> & quit"
msgstr "Alles <b>speichern</b> & beenden"

#, fuzzy
msgid "Line one\nline two"
msgstr "Zeile eins\nZeile zwei"

msgid "Untranslated"
msgstr ""
POEOF
po2xliff -i "$T/in.po" -o "$T/tt.xlf" >/dev/null 2>&1 || { echo "FAIL: po2xliff"; exit 1; }
"$PY" "$T/tt.py" "$T/tt.xlf" > "$T/tt.want"
for v in 1.2 2.0; do
  "$DOCBRIDGE" convert -q "$T/tt.xlf" -t xliff --xliff-version "$v" -o "$T/back.$v.xlf" || { echo "FAIL: we cannot read po2xliff output"; fail=1; continue; }
  "$PY" "$T/texts.py" "$T/back.$v.xlf" > "$T/back.$v.got"
  if ! diff -u "$T/tt.want" "$T/back.$v.got"; then echo "FAIL: po2xliff output read back as $v differs"; fail=1; fi
done
n=$("$PY" -c '
import sys
from translate.storage import xliff
print(sum(1 for u in xliff.xlifffile.parsefile(open(sys.argv[1], "rb")).units if not u.isheader()))' "$T/tt.xlf")
[ "$n" = 4 ] || { echo "FAIL: po2xliff gave $n units, the PO has 4"; fail=1; }
[ $fail = 0 ] && echo "ok: po2xliff output ($n units) read and rewritten as XLIFF 1.2 and 2.0"
exit $fail
