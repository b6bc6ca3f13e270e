#!/usr/bin/env bash
# pots_translate_toolkit.sh - interoperability with Translate Toolkit (Debian translate-toolkit
# for /usr/bin/python3): its PO and CSV classes read what we write, we read what it writes,
# and the unit counts and segment texts agree; po2csv/po2tmx accept our PO.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
PY=${PYTHON:-/usr/bin/python3}
"$PY" -c 'import translate.storage.po' 2>/dev/null ||
  { echo "skipped: translate-toolkit not importable by $PY"; exit 77; }
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

# 1. Our PO, read by translate.storage.po: same units, same texts as our own TSV view.
"$DOCBRIDGE" convert "$SRC/fixtures/po/full.po" -t po -o "$t/ours.po"
"$DOCBRIDGE" convert "$t/ours.po" -t tsv -q --columns=en,de -o "$t/ours.tsv"
"$PY" - "$t/ours.po" "$t/ours.tsv" <<'PY'
import sys
from translate.storage import po
store = po.pofile.parsefile(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
def unesc(c):
    out, i = [], 0
    while i < len(c):
        if c[i] == "\\" and i + 1 < len(c):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(c[i + 1], c[i:i + 2])); i += 2
        else:
            out.append(c[i]); i += 1
    return "".join(out)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
assert len(units) == len(rows), (len(units), len(rows))
for u, (en, de) in zip(units, rows):
    src = u.source if not u.hasplural() else u.source.strings[0]
    tgt = u.target if not u.hasplural() else u.target.strings[0]
    assert str(src) == unesc(en), (src, en)
    assert str(tgt or "") == unesc(de), (tgt, de)
print("translate.storage.po reads our PO:", len(units), "units agree")
PY

# 2. A PO written by Translate Toolkit, read by us: counts and texts agree.
"$PY" - "$t/tt.po" <<'PY'
import sys
from translate.storage import po
store = po.pofile()
store.updateheader(add=True, Language="fr", Content_Type="text/plain; charset=UTF-8",
                   Plural_Forms="nplurals=2; plural=(n > 1);")
for i, (s, t) in enumerate([("Open", "Ouvrir"), ("Save \"as\"", "Enregistrer «sous»"),
                            ("Two\nlines", "Deux\nlignes"), ("Tab\there", "Tab\tici")]):
    u = store.addsourceunit(s); u.target = t
    u.addnote("note %d" % i, origin="translator"); u.addlocation("f.c:%d" % (i + 1))
store.units[-1].markfuzzy(True)
open(sys.argv[1], "wb").write(bytes(store))
PY
"$DOCBRIDGE" convert "$t/tt.po" -t tsv -q --columns=id,en,fr,note,location,fuzzy -o "$t/tt.tsv"
[ "$(wc -l < "$t/tt.tsv")" -eq 5 ]
grep -qF "$(printf '\tSave "as"\tEnregistrer «sous»\tnote 1\tf.c:2\t')" "$t/tt.tsv"
grep -qF "$(printf '\tTwo\\nlines\tDeux\\nlignes\t')" "$t/tt.tsv"
grep -qF "$(printf 'Tab\\there\tTab\\tici\tnote 3\tf.c:4\tTrue')" "$t/tt.tsv"
"$DOCBRIDGE" convert "$t/tt.po" -t po -o "$t/tt2.po"
"$PY" - "$t/tt.po" "$t/tt2.po" <<'PY'
import sys
from translate.storage import po
a, b = (po.pofile.parsefile(p) for p in sys.argv[1:])
ua = [(str(u.source), str(u.target), u.isfuzzy(), u.getlocations()) for u in a.units if not u.isheader()]
ub = [(str(u.source), str(u.target), u.isfuzzy(), u.getlocations()) for u in b.units if not u.isheader()]
assert ua == ub, (ua, ub)
print("TT PO -> docbridge PO -> TT:", len(ua), "units agree (fuzzy and locations too)")
PY

# 3. po2csv on our PO, read by our csv reader; our CSV read by translate.storage.csvl10n.
command -v po2csv >/dev/null || { echo "skipped (part): po2csv not installed"; echo ok; exit 0; }
po2csv --progress=none "$t/ours.po" "$t/tt.csv" >/dev/null
"$DOCBRIDGE" convert "$t/tt.csv" --target-lang=de -t tsv -q --columns=en,de -o "$t/fromtt.tsv"
# po2csv writes one row per plural form: our unit count is theirs minus the extra plural rows.
n_tt=$(($(wc -l < "$t/fromtt.tsv") - 1))
[ "$n_tt" -ge 8 ] || { echo "read $n_tt rows from po2csv output"; exit 1; }
grep -qF "$(printf 'Hello, %%s!\tHallo, %%s!')" "$t/fromtt.tsv"
"$DOCBRIDGE" convert "$SRC/fixtures/po/full.po" -t csv -q --columns=location,source,target \
  --target-lang=de -o "$t/ours.csv"
"$PY" - "$t/ours.csv" "$t/ours.tsv" <<'PY'
import sys
from translate.storage import csvl10n
store = csvl10n.csvfile.parsefile(sys.argv[1])
units = [u for u in store.units if u.source]
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
assert len(units) == len(rows), (len(units), len(rows))
assert units[0].source == "Hello, %s!" and units[0].target == "Hallo, %s!"
assert units[0].getlocations() == ["src/main.c:10", "src/main.c:22", "src/other.c:5"] or \
       "src/main.c:10" in " ".join(units[0].getlocations())
print("translate.storage.csvl10n reads our CSV:", len(units), "units agree")
PY
# 4. po2tmx accepts our PO (TT's own TMX writer).
if command -v po2tmx >/dev/null; then
  po2tmx --progress=none -l de "$t/ours.po" "$t/ours.tmx" >/dev/null
  n=$(grep -c '<tu' "$t/ours.tmx")
  [ "$n" -ge 5 ] || { echo "po2tmx produced $n units"; exit 1; }
  echo "po2tmx reads our PO: $n translated units"
fi
echo ok
