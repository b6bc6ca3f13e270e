#!/bin/bash
# unit_uid_agree.sh - the derived unit "uid" is the same in json, jsonl and xml output, follows
# the rule published in formats/json.md (checked against an independent Python implementation),
# and is distinct for every unit of a document.
. "$SRC/tests/e2e/lib.bash"
: "${DOCBRIDGE:?}" "${PYTHON:?}"
need_plugin json
need_plugin jsonl
need_plugin xml
need_plugin tmx

for f in "$SRC"/fixtures/tmx/full.tmx "$SRC"/fixtures/tmx/multilingual.tmx "$SRC"/fixtures/json/everything.json; do
    name=$(basename "$f")
    "$DOCBRIDGE" convert -q "$f" -t json -o "$SCRATCH/a.json" &&
    "$DOCBRIDGE" convert -q "$f" -t jsonl -o "$SCRATCH/a.jsonl" &&
    "$DOCBRIDGE" convert -q "$f" -t xml -o "$SCRATCH/a.xml" || { fail "$name: convert failed"; continue; }
    out=$("$PYTHON" - "$SCRATCH/a.json" "$SCRATCH/a.jsonl" "$SCRATCH/a.xml" <<'PY'
import json, sys, xml.etree.ElementTree as ET
M = (1 << 64) - 1
G = 0x9e3779b97f4a7c15
def mix(x):
    x ^= x >> 30; x = (x * 0xbf58476d1ce4e5b9) & M
    x ^= x >> 27; x = (x * 0x94d049bb133111eb) & M
    return x ^ (x >> 31)
def seed(doc_id):
    b = doc_id.encode()
    h, i = mix(G ^ len(b)), 0
    while len(b) - i >= 8:
        h, i = mix(h ^ int.from_bytes(b[i:i + 8], "little")), i + 8
    return mix(h ^ int.from_bytes(b[i:], "little"))
def expected(doc_id, n):
    return "u-%016x" % mix((seed(doc_id) + n * G) & M)

def from_json(path):
    out = []
    for d in json.load(open(path))["documents"]:
        out += [(d["id"], c["uid"]) for c in d["content"] if c.get("type") == "unit"]
    return out
def from_jsonl(path):
    return [(r["doc"], r["uid"]) for r in map(json.loads, open(path)) if r["type"] == "unit"]
def from_xml(path):
    out = []
    for d in ET.parse(path).getroot().iter():
        if d.tag.rsplit("}", 1)[-1] == "document":
            out += [(d.get("id"), u.get("uid")) for u in d if u.tag.rsplit("}", 1)[-1] == "unit"]
    return out

j, l, x = from_json(sys.argv[1]), from_jsonl(sys.argv[2]), from_xml(sys.argv[3])
if not j:
    print("no units"); sys.exit(1)
if j != l or j != x:
    print("json/jsonl/xml uids differ:", j[:3], l[:3], x[:3]); sys.exit(1)
counts = {}
for doc, uid in j:
    counts[doc] = counts.get(doc, 0) + 1
    want = expected(doc, counts[doc])
    if uid != want:
        print("unit %d of %s: uid %s, rule gives %s" % (counts[doc], doc, uid, want)); sys.exit(1)
if len(set(j)) != len(j):
    print("repeated uid"); sys.exit(1)
print(len(j))
PY
    ) && pass || fail "$name: $out"
done
finish
