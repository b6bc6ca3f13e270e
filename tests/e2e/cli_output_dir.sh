#!/usr/bin/env bash
# cli_output_dir.sh - "convert -d DIR": a missing DIR is made (as the README's "-d out/" reads),
# a missing parent is a one-line error, and a DIR made for a run that fails is not left behind.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin tmx; need_plugin jsonl
"$DOCBRIDGE" convert -q -t jsonl -d "$SCRATCH/out" "$SRC/fixtures/tmx/full.tmx" &&
  [ -s "$SCRATCH/out/full.jsonl" ] && pass || fail "-d into a missing directory"
"$DOCBRIDGE" convert -q -t jsonl -d "$SCRATCH/out" "$SRC/fixtures/tmx/compact.tmx" &&
  [ -s "$SCRATCH/out/compact.jsonl" ] && pass || fail "-d into an existing directory"
expect_fail parent "cannot create output directory" -- \
  "$DOCBRIDGE" convert -q -t jsonl -d "$SCRATCH/no/such" "$SRC/fixtures/tmx/full.tmx"
printf 'not xml' > "$SCRATCH/bad.tmx"
expect_fail bad-input "bad.tmx" -- "$DOCBRIDGE" convert -q --fail-fast -f tmx -t jsonl -d "$SCRATCH/made" "$SCRATCH/bad.tmx"
[ ! -e "$SCRATCH/made" ] && pass || fail "a directory made for a failed run was left behind"
# A batch goes on past a bad input: the good ones are converted, each bad one is named with
# its position, and the exit status says the batch failed.
cp "$SRC/fixtures/tmx/full.tmx" "$SCRATCH/a.tmx"
cp "$SRC/fixtures/tmx/compact.tmx" "$SCRATCH/c.tmx"
printf '<tmx version="1.4"><header/><body><tu>' > "$SCRATCH/cut.tmx"
err=$("$DOCBRIDGE" convert -q -f tmx -t jsonl -d "$SCRATCH/batch" "$SCRATCH/a.tmx" \
      "$SCRATCH/bad.tmx" "$SCRATCH/c.tmx" "$SCRATCH/cut.tmx" 2>&1) && fail "batch with bad inputs exited 0" || pass
[ -s "$SCRATCH/batch/a.jsonl" ] && [ -s "$SCRATCH/batch/c.jsonl" ] && pass ||
  fail "good inputs after a bad one were not converted: $(ls "$SCRATCH/batch")"
[ ! -e "$SCRATCH/batch/bad.jsonl" ] && [ ! -e "$SCRATCH/batch/cut.jsonl" ] && pass ||
  fail "output left for a failed input"
printf '%s\n' "$err" | grep -c 'bad.tmx:1:1: malformed XML' >/dev/null && pass || fail "bad.tmx not reported: $err"
printf '%s\n' "$err" | grep -c 'cut.tmx:1:.*expected </tu>' >/dev/null && pass || fail "cut.tmx not reported: $err"
printf '%s\n' "$err" | grep -c '2 of 4 inputs failed' >/dev/null && pass || fail "no summary: $err"
# --fail-fast stops at the first.
"$DOCBRIDGE" convert -q --fail-fast -f tmx -t jsonl -d "$SCRATCH/ff" "$SCRATCH/bad.tmx" "$SCRATCH/a.tmx" 2>/dev/null &&
  fail "--fail-fast batch exited 0" || pass
[ ! -e "$SCRATCH/ff/a.jsonl" ] && pass || fail "--fail-fast went on after a failure"
finish
