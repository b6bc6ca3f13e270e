#!/usr/bin/env bash
# moses_no_lang.sh - text that states no language cannot name a Moses file: one line saying
# so and how to give one, and no output file left behind.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin moses; need_plugin jsonl
printf '%s\n' '{"text": "No language here."}' > "$SCRATCH/n.jsonl"
expect_fail nolang "states no language" -- "$DOCBRIDGE" convert -t moses "$SCRATCH/n.jsonl" -o "$SCRATCH/out"
[ -z "$(ls "$SCRATCH" | grep '^out')" ] && pass || fail "output left behind: $(ls "$SCRATCH")"
printf '%s\n' '{"text": "Language here.", "lang": "en"}' > "$SCRATCH/l.jsonl"
"$DOCBRIDGE" convert -q -t moses "$SCRATCH/l.jsonl" -o "$SCRATCH/ok" && grep -q "Language here." "$SCRATCH/ok.en" &&
  pass || fail "with a language"
finish
