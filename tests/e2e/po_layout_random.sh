#!/usr/bin/env bash
# po_layout_random.sh - the PO writer's escaping and line cutting on 300 random (seeded)
# entries at widths 79, 40, 20, 9, 1 and 0, each compared byte for byte with a model of the
# layout written in Python (po_layout_random.py): escapes at any position, newlines, wide
# words, CJK, plurals, obsolete entries, keyword lines too narrow to hold anything.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
PYTHON=${PYTHON:-python3}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
"$PYTHON" "$SRC/tests/e2e/po_layout_random.py" "$DOCBRIDGE" "$t"
