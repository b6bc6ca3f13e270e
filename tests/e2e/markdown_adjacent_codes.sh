#!/usr/bin/env bash
# markdown_adjacent_codes.sh - inline codes side by side share one code span: `{/3}{/2}`, not
# `{/3}``{/2}`, which CommonMark reads as one span holding two backticks.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${SRC:?}"
need_plugin markdown; need_plugin xliff
"$DOCBRIDGE" convert -q -t markdown "$SRC/fixtures/xliff/codes12.xlf" -o "$SCRATCH/c.md" || fail "convert"
grep -qF '`{3}`deep`{/3}{/2}` one`{/1}`' "$SCRATCH/c.md" && pass || fail "codes not joined: $(grep -n deep "$SCRATCH/c.md")"
grep -qF '``{' "$SCRATCH/c.md" && fail "adjacent code spans: $(grep -nF '``{' "$SCRATCH/c.md")" || pass
finish
