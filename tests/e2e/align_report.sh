#!/usr/bin/env bash
# align_report.sh - end to end from text: the English and Chinese editions of the fixture
# report (fixtures/align, 12 numbered sections, deliberate 1-2, 2-1 and 1-0 beads) are read by
# the text reader, segmented with the default SRX rules, aligned, and scored against the gold
# beads; the TMX written validates (TMX 1.4b DTD when $SHARED has it, else it is checked for
# well-formedness) and reads back with every unit.
source "$SRC/tests/e2e/lib.bash"
need_plugin text
need_plugin segment
need_plugin lenalign
F="$SRC/fixtures/align"

"$DOCBRIDGE" align "$F/report.en.txt" "$F/report.zh.txt" -t none --beads "$SCRATCH/report.beads" \
    --report 2> "$SCRATCH/report.txt" || fail "align the fixture report"
grep -q "source sentences: 246 (en)" "$SCRATCH/report.txt" || fail "English segmentation: $(grep source "$SCRATCH/report.txt")"
grep -q "target sentences: 228 (zh)" "$SCRATCH/report.txt" || fail "Chinese segmentation: $(grep target "$SCRATCH/report.txt")"
f1=$("$PYTHON" "$SRC/tests/e2e/align_f1.py" "$F/report.gold" "$SCRATCH/report.beads")
if "$PYTHON" -c "import sys; sys.exit(0 if $f1 >= 0.90 else 1)"; then
    echo "fixture report strict F1 $f1 (>= 0.90)"; pass
else
    fail "fixture report strict F1 $f1 is below 0.90"
fi

# The section headings anchor each other: "5.2 Health results" is one unit with "5.2 卫生成果".
if "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx jsonl; then
    "$DOCBRIDGE" align "$F/report.en.txt" "$F/report.zh.txt" -t jsonl -o "$SCRATCH/report.jsonl" ||
        fail "align to jsonl"
    "$PYTHON" - "$SCRATCH/report.jsonl" <<'PY' && pass || fail "numbered sections are not aligned with each other"
import json, re, sys
pairs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    if r.get("type") != "unit":
        continue
    v = {x["lang"]: x["text"] for x in r["variants"]}
    m = re.match(r"(\d+(?:\.\d+)?)\.? ", v.get("en", ""))
    if m:
        pairs[m.group(1)] = v.get("zh", "")
want = ["%d" % k for k in range(1, 13)] + ["%d.%d" % (k, s) for k in range(1, 13) for s in (1, 2)]
bad = [n for n in want if not pairs.get(n, "").startswith(n)]
if bad:
    print("sections not paired:", bad)
sys.exit(1 if bad else 0)
PY
else
    echo "skipped (part): the jsonl plugin is not built, no section check"
fi

if ! "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx tmx; then
    echo "skipped (part): the tmx plugin is not built, no TMX check"
    finish
fi
"$DOCBRIDGE" align "$F/report.en.txt" "$F/report.zh.txt" -o "$SCRATCH/report.tmx" --report \
    2> "$SCRATCH/tmx-report.txt" || fail "align to TMX"
written=$(sed -n 's/.*units written: //p' "$SCRATCH/tmx-report.txt")
DTD="${SHARED:-}/schemas/tmx/tmx14.dtd"
if [ -n "${SHARED:-}" ] && [ -f "$DTD" ] && command -v xmllint >/dev/null; then
    xmllint --nonet --noout --dtdvalid "$DTD" "$SCRATCH/report.tmx" && pass ||
        fail "the TMX does not validate against the TMX 1.4b DTD"
else
    echo "skipped (part): no TMX 1.4b DTD under \$SHARED/schemas; checking well-formedness only"
    xmllint --nonet --noout "$SCRATCH/report.tmx" && pass || fail "the TMX is not well-formed"
fi
need_plugin jsonl
"$DOCBRIDGE" convert "$SCRATCH/report.tmx" -t jsonl -o "$SCRATCH/back.jsonl" || fail "read the TMX back"
units=$(grep -c '"type":"unit"' "$SCRATCH/back.jsonl")
[ "$units" = "$written" ] && pass || fail "TMX read back with $units units, $written written"
grep -q '"lang":"zh"' "$SCRATCH/back.jsonl" && grep -q '"lang":"en"' "$SCRATCH/back.jsonl" && pass ||
    fail "read-back units lack the en/zh variants"
grep -q 'x-docbridge-bead\|"bead":"1-1"' "$SCRATCH/report.tmx" "$SCRATCH/back.jsonl" && pass ||
    fail "bead types lost in TMX"
finish
