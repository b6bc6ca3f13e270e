#!/usr/bin/env bash
# align_devsets.sh - alignment quality on public human-aligned development sets: runs
# `docbridge align --presplit` on MAC-Dev (6 zh-en novel chapters) and the Text+Berg dev set
# (de-fr), scores the beads with the sets' own score.py and asserts the strict F1 reached.
# The data lives outside the project ($SHARED/align-dev); the test skips when it is absent.
source "$SRC/tests/e2e/lib.bash"
D="${SHARED:-}/align-dev"
[ -n "${SHARED:-}" ] && [ -f "$D/score.py" ] || skip "\$SHARED/align-dev (MAC-Dev, Text+Berg dev, score.py) not found"

# strict_f1 GOLD PRED -> the pooled strict F1 printed by score.py --json
strict_f1() {
    "$PYTHON" "$D/score.py" --json "$1" "$2" | "$PYTHON" -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["f1_strict"])'
}

# at_least NAME VALUE MIN
at_least() {
    if "$PYTHON" -c "import sys; sys.exit(0 if $2 >= $3 else 1)"; then
        echo "$1 strict F1 $2 (>= $3)"; pass
    else
        fail "$1 strict F1 $2 is below $3"
    fi
}

mkdir -p "$SCRATCH/mac"
for f in "$D"/mac-dev-zh-en/zh/[0-9][0-9][0-9]; do
    n=$(basename "$f")
    "$DOCBRIDGE" align --presplit -t none --src-lang zh --tgt-lang en \
        --beads "$SCRATCH/mac/$n.align" "$f" "$D/mac-dev-zh-en/en/$n" ||
        fail "align MAC-Dev $n"
done
at_least "MAC-Dev zh-en" "$(strict_f1 "$D/mac-dev-zh-en/gold" "$SCRATCH/mac")" 0.70

"$DOCBRIDGE" align --presplit -t none --src-lang de --tgt-lang fr --beads "$SCRATCH/tb.align" \
    "$D/text+berg-dev-de-fr/dev.de" "$D/text+berg-dev-de-fr/dev.fr" || fail "align Text+Berg"
at_least "Text+Berg dev de-fr" "$(strict_f1 "$D/text+berg-dev-de-fr/dev.defr" "$SCRATCH/tb.align")" 0.80

# Each bead covers every sentence exactly once, in order (a monotone, complete alignment).
"$PYTHON" - "$SCRATCH/tb.align" "$D/text+berg-dev-de-fr/dev.de" "$D/text+berg-dev-de-fr/dev.fr" <<'PY' || fail "Text+Berg beads are not a complete monotone alignment"
import re, sys
beads = [re.match(r"\[(.*)\]:\[(.*)\]", l).groups() for l in open(sys.argv[1])]
ids = lambda s: [int(x) for x in s.split(",") if x.strip()]
src = [i for a, _ in beads for i in ids(a)]
tgt = [j for _, b in beads for j in ids(b)]
ns = sum(1 for _ in open(sys.argv[2], encoding="utf-8"))
nt = sum(1 for _ in open(sys.argv[3], encoding="utf-8"))
sys.exit(0 if src == list(range(ns)) and tgt == list(range(nt)) else 1)
PY
pass
finish
