#!/usr/bin/env bash
# pots_cross_format.sh - TMX and XLIFF through PO, TSV and Moses and back (when those plugins
# are built): every unit, id, language, segment text and inline code (kind, id, pairing, data,
# attributes, via placeholders) comes back; through PO the unit and variant properties too.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
PY=${PYTHON:-/usr/bin/python3}
fmts=$("$DOCBRIDGE" formats | awk '{print $1}')
for need in json tmx; do
  grep -qx "$need" <<<"$fmts" || { echo "skipped: $need plugin not built"; exit 77; }
done
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

compare() { # a.json b.json what-to-compare
  "$PY" - "$1" "$2" "$3" <<'PY'
import json, sys
a, b, what = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
def units(d):
    return [c for doc in d["documents"] for c in doc.get("content", []) if c["type"] == "unit"]
def view(u):
    vs = []
    for v in u.get("variants", []):
        item = [v.get("lang"), v.get("text", ""), v.get("spans")]
        if what == "props":
            item.append(v.get("props"))
        vs.append(item)
    out = [u.get("id"), vs]
    if what == "props":
        out.append([p for p in u.get("props", []) if not p[0].startswith("po:")])
    return out
ua, ub = units(a), units(b)
assert len(ua) == len(ub), ("unit count", len(ua), len(ub))
for x, y in zip(ua, ub):
    assert view(x) == view(y), (view(x), view(y))
print(len(ua), "units agree (%s)" % what)
PY
}

for tmx in full compact; do
  src=$SRC/fixtures/tmx/$tmx.tmx
  "$DOCBRIDGE" convert -q "$src" -t json -o "$t/a.json"
  # TMX -> PO -> TMX: texts, codes, ids, unit and variant props.
  "$DOCBRIDGE" convert -q "$src" -t po -o "$t/x.po"
  msgfmt --check -o /dev/null "$t/x.po" 2>/dev/null
  "$DOCBRIDGE" convert -q "$t/x.po" -t tmx -o "$t/x.tmx"
  "$DOCBRIDGE" convert -q "$t/x.tmx" -t json -o "$t/b.json"
  compare "$t/a.json" "$t/b.json" props
  # TMX -> TSV -> TMX: texts, codes, ids.
  "$DOCBRIDGE" convert -q "$src" -t tsv -o "$t/x.tsv"
  "$DOCBRIDGE" convert -q "$t/x.tsv" -t tmx -o "$t/y.tmx"
  "$DOCBRIDGE" convert -q "$t/y.tmx" -t json -o "$t/c.json"
  compare "$t/a.json" "$t/c.json" texts
done
# Moses keeps texts and codes (no ids): compare line by line through TSV views.
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/full.tmx" -t moses -o "$t/m"
"$DOCBRIDGE" convert -q "$t"/m.* -t tmx -o "$t/m.tmx"
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/full.tmx" -t tsv --columns=en-GB,zh-CN -o "$t/m1.tsv"
"$DOCBRIDGE" convert -q "$t/m.tmx" -t tsv --columns=en-GB,zh-CN -o "$t/m2.tsv"
cmp "$t/m1.tsv" "$t/m2.tsv"
if grep -qx xliff <<<"$fmts"; then
  for x in codes12 sample20; do
    src=$SRC/fixtures/xliff/$x.xlf
    "$DOCBRIDGE" convert -q "$src" -t json -o "$t/a.json"
    "$DOCBRIDGE" convert -q "$src" -t po -o "$t/x.po"
    "$DOCBRIDGE" convert -q "$t/x.po" -t json -o "$t/b.json"
    compare "$t/a.json" "$t/b.json" texts
  done
fi
echo ok
