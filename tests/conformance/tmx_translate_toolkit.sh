#!/usr/bin/env bash
# tmx_translate_toolkit.sh - interoperability with Translate Toolkit (Debian translate-toolkit):
#  1. its translate.storage.tmx reads the TMX docbridge writes, and sees the same units, ids and
#     segment texts (every tuv of a multilingual unit too) as in the original file;
#  2. docbridge reads the TMX its po2tmx writes, and the texts and counts agree with the PO file
#     as Translate Toolkit's own PO class reads it.
set -euo pipefail
if ! "$PYTHON" -c 'import translate.storage.tmx' 2>/dev/null || ! command -v po2tmx >/dev/null; then
    echo "skipped: translate-toolkit not installed for $PYTHON"
    exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
F="$SRC/fixtures/tmx"

"$PYTHON" "$SRC/tests/bench/gen_tmx.py" 0.2 en-GB,zh-CN,de-DE > "$T/gen.tmx"
for f in "$F/full.tmx" "$F/multilingual.tmx" "$F/compact.tmx" "$T/gen.tmx"; do
    "$DOCBRIDGE" convert "$f" -t tmx -o "$T/ours.tmx"
    "$PYTHON" - "$f" "$T/ours.tmx" <<'PY'
import sys
from translate.storage import tmx

def view(path):
    store = tmx.tmxfile.parsefile(path)
    units = []
    for u in store.units:
        tuvs = [("".join(n.iter("seg").__next__().itertext()), n.get("{http://www.w3.org/XML/1998/namespace}lang") or n.get("lang"))
                for n in u.getlanguageNodes()]
        units.append((u.getid(), u.source, u.target, tuvs))
    return units

orig, ours = view(sys.argv[1]), view(sys.argv[2])
assert len(orig) == len(ours) and len(ours) > 0, (sys.argv[1], len(orig), len(ours))
for a, b in zip(orig, ours):
    assert a == b, f"{sys.argv[1]}: Translate Toolkit sees {a!r} in the original, {b!r} in ours"
print(f"{sys.argv[1].split('/')[-1]}: {len(ours)} units agree")
PY
done

# po2tmx -> docbridge: our reading keeps every unit po2tmx wrote, with the PO texts.
cat > "$T/interop.po" <<'PO'
# A small PO file for the Translate Toolkit interop test (po2tmx -> docbridge).
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: zh_CN\n"

#. extracted comment
#: src/main.c:12
msgid "Hello <b>world</b> & co"
msgstr "你好 <b>世界</b> & co"

msgctxt "menu"
msgid "Open"
msgstr "打开"

msgid ""
"Line one\n"
"line two \"quoted\""
msgstr ""
"第一行\n"
"第二行 “引用”"

msgid "Tab\there"
msgstr "制表符\t这里"

msgid "untranslated"
msgstr ""

#, fuzzy
msgid "fuzzy one"
msgstr "模糊"
PO
po2tmx --progress=none -l zh-CN -i "$T/interop.po" -o "$T/tt.tmx" >/dev/null
"$DOCBRIDGE" convert "$T/tt.tmx" -t tmx -o "$T/read-by-us.tmx"
"$PYTHON" - "$T/interop.po" "$T/read-by-us.tmx" <<'PY'
import sys
import xml.etree.ElementTree as ET
from translate.storage import po

want = [(u.source, u.target) for u in po.pofile.parsefile(sys.argv[1]).units
        if not u.isheader() and u.istranslated()]
tus = ET.parse(sys.argv[2]).getroot().iter("tu")
got = []
for tu in tus:
    segs = ["".join(t.find("seg").itertext()) for t in tu.iter("tuv")]
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in tu.iter("tuv")]
    assert langs == ["en", "zh-CN"], langs
    got.append(tuple(segs))
assert len(want) == 4, want
assert got == want, f"PO says {want!r}, docbridge read {got!r}"
print(f"po2tmx: {len(got)} units agree with the PO file")
PY
echo "ok"
