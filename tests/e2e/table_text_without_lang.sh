#!/usr/bin/env bash
# table_text_without_lang.sh - text that states no language (JSONL records of an unnamed
# document, plain text) goes into the source-language column of a TSV/CSV table (--source-lang,
# else en, as PO does) instead of a table without language columns and every word lost; an
# input without documents gives a header with that column.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin tsv; need_plugin csv; need_plugin jsonl
printf '%s\n' '{"text": "Only text here."}' '{"kind": "heading", "level": 1, "text": "A heading"}' \
  > "$SCRATCH/nolang.jsonl"
"$DOCBRIDGE" convert -q -t tsv "$SCRATCH/nolang.jsonl" -o "$SCRATCH/a.tsv" || fail "to tsv"
[ "$(head -1 "$SCRATCH/a.tsv" | cut -f2)" = en ] && pass || fail "no en column: $(head -1 "$SCRATCH/a.tsv")"
grep -q "Only text here." "$SCRATCH/a.tsv" && grep -q "A heading" "$SCRATCH/a.tsv" && pass ||
  fail "text lost: $(cat "$SCRATCH/a.tsv")"
"$DOCBRIDGE" convert -q -t csv --source-lang fr "$SCRATCH/nolang.jsonl" -o "$SCRATCH/b.csv" || fail "to csv"
head -1 "$SCRATCH/b.csv" | grep -q "^id,fr" && grep -q "Only text here." "$SCRATCH/b.csv" && pass ||
  fail "--source-lang not used: $(cat "$SCRATCH/b.csv")"
# no 'left out' warning: nothing is
err=$("$DOCBRIDGE" convert -t tsv "$SCRATCH/nolang.jsonl" -o "$SCRATCH/c.tsv" 2>&1)
case "$err" in *"language"*) fail "warned about a language: $err" ;; *) pass ;; esac
# no document at all (an empty JSONL): a header that reads back, not an empty file
: > "$SCRATCH/empty.jsonl"
for t in tsv csv; do
  "$DOCBRIDGE" convert -q -f jsonl -t $t "$SCRATCH/empty.jsonl" -o "$SCRATCH/e.$t" &&
    "$DOCBRIDGE" convert -q -t json "$SCRATCH/e.$t" -o "$SCRATCH/e.$t.json" && pass ||
    fail "empty input to $t does not read back: $(cat "$SCRATCH/e.$t")"
done
finish
