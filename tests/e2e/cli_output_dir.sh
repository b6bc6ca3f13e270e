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
expect_fail bad-input "bad.tmx" -- "$DOCBRIDGE" convert -q -f tmx -t jsonl -d "$SCRATCH/made" "$SCRATCH/bad.tmx"
[ ! -e "$SCRATCH/made" ] && pass || fail "a directory made for a failed run was left behind"
finish
