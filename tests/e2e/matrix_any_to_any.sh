#!/usr/bin/env bash
# matrix_any_to_any.sh - every fixture of every reader into every writer: success that keeps
# every word and validates, or one sensible error line with no output left; never a crash.
# The work is in matrix_any_to_any.py (one process drives all conversions).
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
PYTHON=${PYTHON:-python3}
exec "$PYTHON" "$SRC/tests/e2e/matrix_any_to_any.py"
