#!/usr/bin/env bash
# text_json_schema.sh - the text fixtures converted to JSON validate against the dataset schema
# and keep every word (needs the json plugin and formats/dataset.schema.json from main).
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
PYTHON=${PYTHON:-python3}
schema="$SRC/formats/dataset.schema.json"
if ! "$DOCBRIDGE" formats | grep -c '^json '; then
    echo "skipped: json plugin not built"; exit 77
fi
[ -f "$schema" ] || { echo "skipped: formats/dataset.schema.json absent"; exit 77; }
"$PYTHON" -c 'import jsonschema' 2>/dev/null || { echo "skipped: python3-jsonschema absent"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in report press-release; do
    "$DOCBRIDGE" convert -t json -o "$tmp/$f.json" "$SRC/fixtures/text/$f.txt"
    "$PYTHON" - "$schema" "$tmp/$f.json" "$SRC/fixtures/text/$f.txt" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
data = json.load(open(sys.argv[2]))
jsonschema.validate(data, schema)
def strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)
corpus = "\n".join(strings(data))
lost = []
for tok in open(sys.argv[3], encoding="utf-8").read().split():
    if set(tok) <= set("-#*_=>|") or tok in corpus:
        continue
    t = tok.rstrip("*#!_-").lstrip("*#!_[")
    if t and t in corpus:
        continue
    lost.append(tok)
if lost:
    sys.exit("lost tokens: %r" % lost)
PY
done
echo "ok"
