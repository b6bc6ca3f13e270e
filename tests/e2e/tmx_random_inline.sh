#!/usr/bin/env bash
# tmx_random_inline.sh - property test over random (seeded) but valid nestings of every TMX
# inline element: TMX -> TMX keeps every segment's markup (compared element by element, with
# attributes and text, by an independent XML parser), the output is a fixed point, TMX -> jsonl
# -> TMX gives the same bytes (when the jsonl plugin is built), and the output is valid against
# the TMX 1.4b DTD (when the official schemas are present).
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for seed in 1 2 3; do
    "$PYTHON" "$SRC/tests/e2e/tmx_random_inline.py" "$seed" 300 > "$T/in.tmx"
    "$DOCBRIDGE" convert "$T/in.tmx" -t tmx -o "$T/out.tmx"
    "$DOCBRIDGE" convert "$T/out.tmx" -t tmx -o "$T/again.tmx"
    cmp "$T/out.tmx" "$T/again.tmx"
    "$PYTHON" - "$T/in.tmx" "$T/out.tmx" <<'PY'
import sys
import xml.etree.ElementTree as ET
def segs(path):
    out = []
    for s in ET.parse(path).getroot().iter("seg"):
        s.tail = None  # the layout after </seg> is not part of the segment
        out.append(ET.tostring(s, encoding="unicode"))
    return out
a, b = segs(sys.argv[1]), segs(sys.argv[2])
assert len(a) == len(b) == 600, (len(a), len(b))
for x, y in zip(a, b):
    assert x == y, f"segment changed:\n in: {x}\nout: {y}"
PY
    if "$DOCBRIDGE" formats | awk '$1 == "jsonl" {f=1} END {exit !f}'; then
        "$DOCBRIDGE" convert "$T/in.tmx" -t jsonl -o "$T/mid.jsonl"
        "$DOCBRIDGE" convert "$T/mid.jsonl" -t tmx -o "$T/back.tmx"
        cmp "$T/out.tmx" "$T/back.tmx"
    fi
    if [ -n "${SHARED:-}" ] && [ -f "$SHARED/schemas/tmx/tmx14.dtd" ]; then
        xmllint --nonet --noout --dtdvalid "$SHARED/schemas/tmx/tmx14.dtd" "$T/out.tmx"
    fi
done
echo "ok"
