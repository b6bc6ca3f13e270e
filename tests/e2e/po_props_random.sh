#!/usr/bin/env bash
# po_props_random.sh - properties PO has no field for travel as "#. docbridge-prop K=V" lines
# (%XX for '%', '=', controls): random keys and values of every length up to 70, full of bytes
# that need escapes at every offset of the writer's 16-byte lanes, go JSONL -> PO -> JSONL and
# come back exactly, unit by unit, prop by prop.
set -euo pipefail
: "${DOCBRIDGE:?}"
PYTHON=${PYTHON:-python3}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
if ! "$DOCBRIDGE" formats | awk '$1 == "jsonl" {f=1} END {exit !f}'; then
  echo "skipped: jsonl plugin not built"; exit 0
fi
"$PYTHON" - "$t/in.jsonl" <<'PY'
import json, random, sys
rnd = random.Random(20261129)
pieces = ["a", "Z", " ", "%", "=", "%3D", "\x7f", "\t", "\u00e9", "\u4e2d", "#", ".", "-", "\\", "\""]
def rand_str(n):
    s = ""
    while len(s.encode()) < n:
        s += rnd.choice(pieces)
    return s
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(json.dumps({"type": "document", "id": "d", "lang": "en", "langs": ["en", "de"]}) + "\n")
    for i in range(400):
        props = [["k" + rand_str(i % 37), rand_str(i % 71)], ["x-" + str(i), rand_str((i * 7) % 70)]]
        f.write(json.dumps({"type": "unit", "doc": "d", "id": "u%d" % i,
                            "variants": [{"lang": "en", "text": "source %d" % i},
                                         {"lang": "de", "text": "Ziel %d" % i}],
                            "props": props}) + "\n")
PY
"$DOCBRIDGE" convert -q "$t/in.jsonl" -t po -o "$t/mid.po"
"$DOCBRIDGE" convert -q "$t/mid.po" -t jsonl -o "$t/back.jsonl"
"$PYTHON" - "$t/in.jsonl" "$t/back.jsonl" <<'PY'
import json, sys
def props(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if r.get("type") == "unit":
            out[r["id"]] = [p for p in r.get("props", []) if not p[0].startswith("po:")]
    return out
a, b = props(sys.argv[1]), props(sys.argv[2])
bad = [k for k in a if a[k] != b.get(k)]
for k in bad[:3]:
    print("unit", k, "sent", a[k], "got", b.get(k))
if bad or len(a) != 400:
    sys.exit("FAIL: %d of %d units lost or changed a property" % (len(bad), len(a)))
print("ok: %d units, every property back exactly" % len(a))
PY
