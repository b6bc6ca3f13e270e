#!/usr/bin/env bash
# align_cli.sh - `docbridge align` on the command line: vecalign-format beads with --presplit,
# --min-score dropping units (counted in --report), --dict read as anchors, the outputs, and
# bad command lines and inputs failing with one line and no output left behind.
source "$SRC/tests/e2e/lib.bash"
need_plugin lenalign
S=$SCRATCH
printf 'The report was published in 2021.\nIt covers 12 regions.\nGrowth reached 4.5%% last year, and exports doubled.\nSee www.example.org for more.\n' > "$S/en.txt"
printf '报告于2021年发布。\n报告涵盖12个地区。\n去年增长率达到4.5%%。\n出口翻了一番。\n详情请见www.example.org。\n' > "$S/zh.txt"

# Beads: one a line (a 1-2 bead included), [i, j]:[k] with 0-based indices, every sentence once, in order.
"$DOCBRIDGE" align --presplit -t none --beads "$S/b.txt" --report "$S/en.txt" "$S/zh.txt" 2> "$S/rep.txt" ||
    fail "align --presplit"
grep -Eqv '^\[[0-9, ]*\]:\[[0-9, ]*\]$' "$S/b.txt" && fail "beads not in vecalign format: $(cat "$S/b.txt")" || pass
"$PYTHON" - "$S/b.txt" <<'PY' && pass || fail "beads do not cover 4 and 5 sentences in order: $(cat "$S/b.txt")"
import re, sys
b = [re.match(r"\[(.*)\]:\[(.*)\]", l).groups() for l in open(sys.argv[1])]
ids = lambda s: [int(x) for x in s.split(",") if x.strip()]
sys.exit(0 if [i for a, _ in b for i in ids(a)] == list(range(4)) and [j for _, c in b for j in ids(c)] == list(range(5)) else 1)
PY
[ "$(tr '\n' ' ' < "$S/b.txt")" = "[0]:[0] [1]:[1] [2]:[2, 3] [3]:[4] " ] && pass ||
    fail "number and URL anchors not aligned: $(tr '\n' ' ' < "$S/b.txt")"
grep -q 'source sentences: 4 (en)' "$S/rep.txt" && grep -q 'target sentences: 5 (zh)' "$S/rep.txt" && pass ||
    fail "report lacks sentence counts or detected languages: $(cat "$S/rep.txt")"
grep -q 'mean score: 0\.[0-9]' "$S/rep.txt" && grep -q '1-1 ' "$S/rep.txt" && pass || fail "report lacks beads or mean score"

# Output formats and --min-score.
if "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx jsonl; then
    "$DOCBRIDGE" align --presplit -t jsonl -o "$S/all.jsonl" "$S/en.txt" "$S/zh.txt" || fail "align -t jsonl"
    n_all=$(grep -c '"type":"unit"' "$S/all.jsonl")
    grep -q '"bead":"1-1"' "$S/all.jsonl" && grep -q '"origin":"aligner:lenalign"' "$S/all.jsonl" &&
        grep -q '"score":' "$S/all.jsonl" && pass || fail "units lack bead, origin or score: $(head -3 "$S/all.jsonl")"
    grep -q 'align:src' "$S/all.jsonl" && fail "sentence indices leaked into the units" || pass
    "$DOCBRIDGE" align --presplit -t jsonl -o "$S/some.jsonl" --min-score 0.9 --report "$S/en.txt" "$S/zh.txt" 2> "$S/rep2.txt" ||
        fail "align --min-score"
    n_some=$(grep -c '"type":"unit"' "$S/some.jsonl")
    dropped=$(sed -n 's/.*dropped by --min-score: //p' "$S/rep2.txt")
    [ "$dropped" -gt 0 ] && [ $((n_some + dropped)) -eq "$n_all" ] && pass ||
        fail "--min-score 0.9: $n_some kept + $dropped dropped != $n_all"
    "$DOCBRIDGE" align --presplit -t jsonl -o "$S/none.jsonl" --min-score 1.01 "$S/en.txt" "$S/zh.txt"
    [ "$(grep -c '"type":"unit"' "$S/none.jsonl")" -eq 0 ] && pass || fail "--min-score 1.01 kept units"
else
    echo "skipped (part): the jsonl plugin is not built"
fi
if "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx tsv; then
    "$DOCBRIDGE" align --presplit -o "$S/out.tsv" "$S/en.txt" "$S/zh.txt" || fail "align -o out.tsv"
    grep -q '2021' "$S/out.tsv" && pass || fail "tsv output lacks the text"
fi

# --dict (hunalign's "A @ B" lines): dictionary words become anchors, which raises the scores.
printf '报告 @ report\n地区 @ regions\n出口 @ exports\n' > "$S/d.dic"
"$DOCBRIDGE" align --presplit -t none --report "$S/en.txt" "$S/zh.txt" 2> "$S/r0.txt"
"$DOCBRIDGE" align --presplit -t none --report --dict "$S/d.dic" "$S/en.txt" "$S/zh.txt" 2> "$S/r1.txt" ||
    fail "align --dict"
m0=$(sed -n 's/.*mean score: //p' "$S/r0.txt"); m1=$(sed -n 's/.*mean score: //p' "$S/r1.txt")
"$PYTHON" -c "import sys; sys.exit(0 if $m1 > $m0 else 1)" && pass || fail "--dict did not change the scores ($m0 -> $m1)"

# Bad command lines and inputs: one line, exit code, nothing written.
expect_fail "missing input" "nothing-here.txt" -- "$DOCBRIDGE" align --presplit -o "$S/x.tsv" "$S/nothing-here.txt" "$S/zh.txt"
expect_fail "unknown aligner" "no aligner named 'nosuch'" -- "$DOCBRIDGE" align --presplit --aligner nosuch -o "$S/x.tsv" "$S/en.txt" "$S/zh.txt"
expect_fail "missing dictionary" "missing.dic" -- "$DOCBRIDGE" align --presplit --dict "$S/missing.dic" -t none "$S/en.txt" "$S/zh.txt"
expect_fail "unknown writer" "no writer named 'nosuch'" -- "$DOCBRIDGE" align --presplit -t nosuch --beads "$S/x.beads" "$S/en.txt" "$S/zh.txt"
[ -e "$S/x.tsv" ] || [ -e "$S/x.beads" ] && fail "output left behind after a failure" || pass
"$DOCBRIDGE" align --presplit "$S/en.txt" 2>/dev/null; [ $? -eq 2 ] && pass || fail "one input is not a usage error"
"$DOCBRIDGE" align --presplit --min-score abc "$S/en.txt" "$S/zh.txt" 2>/dev/null; [ $? -eq 2 ] && pass || fail "--min-score abc is not a usage error"
ln -s "$S/target" "$S/link"
expect_fail "symlink output" "not a regular file" -- "$DOCBRIDGE" align --presplit -t none --beads "$S/link" "$S/en.txt" "$S/zh.txt"
# Structure first, from text: "二、结果" anchors "2. Results" although section 1 differs.
if "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx text; then
    printf '1. Introduction\n\nThis report covers 2023. Dr. Smith wrote it. It has three parts.\n\n2. Results\n\nSales rose. Costs fell. Profit was stable.\n\n3. Outlook\n\nWe expect growth.\n' > "$S/en2.txt"
    printf '一、引言\n\n本报告涵盖2023年。\n\n二、结果\n\n销售额增长。成本下降。利润稳定。\n\n三、展望\n\n我们预计会增长。\n' > "$S/zh2.txt"
    "$DOCBRIDGE" align "$S/en2.txt" "$S/zh2.txt" -t none --beads "$S/s.beads" || fail "align sections"
    grep -qx '\[4\]:\[2\]' "$S/s.beads" && grep -qx '\[8\]:\[6\]' "$S/s.beads" && pass ||
        fail "numbered sections (二、 with 2.) not anchored: $(tr '\n' ' ' < "$S/s.beads")"
    # convert --segment on its own: one block a sentence, headings untouched, paragraphs kept
    if "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx jsonl; then
        "$DOCBRIDGE" convert --segment -t jsonl -o "$S/seg.jsonl" "$S/en2.txt" || fail "convert --segment"
        "$PYTHON" - "$S/seg.jsonl" <<'PY' && pass || fail "convert --segment output: $(cat "$S/seg.jsonl")"
import json, sys
b = [r for r in map(json.loads, open(sys.argv[1], encoding="utf-8")) if r["type"] == "block"]
texts = [x["text"] for x in b]
assert texts == ["1. Introduction", "This report covers 2023.", "Dr. Smith wrote it.",
                 "It has three parts.", "2. Results", "Sales rose.", "Costs fell.",
                 "Profit was stable.", "3. Outlook", "We expect growth."], texts
paras = [dict(x["props"])["segment:para"] for x in b]
assert paras == ["0", "1", "1", "1", "2", "3", "3", "3", "4", "5"], paras
assert b[0]["kind"] == "heading" and b[1]["kind"] == "paragraph"
PY
    fi
fi
"$DOCBRIDGE" align --help | grep -q -- '--presplit' && pass || fail "align --help lacks --presplit"
finish
