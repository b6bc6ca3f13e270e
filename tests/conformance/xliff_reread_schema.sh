#!/bin/bash
# An XLIFF file written in one version and read back keeps the other version's attributes as
# properties (1.2 prop-group, 2.x metadata); writing it again in the same version must not turn
# them into attributes that version lacks (<file id> or translate in 1.2; datatype, tool-id or
# approved on a 2.x <file>/<unit>). Both re-written files validate against the OASIS schemas.
set -u
: "${SHARED:?}" "${DOCBRIDGE:?}" "${SRC:?}"
S="$SHARED/schemas"
if [ ! -f "$S/xliff12/xliff-core-1.2-transitional.xsd" ] || [ ! -f "$S/xliff20/xliff_core_2.0.xsd" ]; then
  echo "skipped: official schemas not found under $S"; exit 77
fi
command -v xmllint >/dev/null || { echo "skipped: xmllint not installed"; exit 77; }
export XML_CATALOG_FILES="$S/catalog.xml"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
check() { # in version schema
  "$DOCBRIDGE" convert -q "$1" -t xliff --xliff-version "$2" -o "$T/mid.xlf" &&
    "$DOCBRIDGE" convert -q "$T/mid.xlf" -t xliff -o "$T/again.xlf" ||
    { echo "FAIL: convert $1 via $2"; fail=1; return; }
  if ! out=$(xmllint --nonet --noout --schema "$3" "$T/again.xlf" 2>&1); then
    echo "FAIL: $(basename "$1") via $2, written again:"; echo "$out" | head -5; fail=1
  fi
}
check "$SRC/fixtures/xliff/sample20.xlf" 1.2 "$S/xliff12/xliff-core-1.2-transitional.xsd"
check "$SRC/fixtures/xliff/sample12.xlf" 2.1 "$S/xliff20/xliff_core_2.0.xsd"
check "$SRC/fixtures/xliff/sample12.xlf" 2.0 "$S/xliff20/xliff_core_2.0.xsd"
# nothing is lost on the way: the prop-group / metadata still hold the values
grep -q 'datatype' "$T/again.xlf" || { echo "FAIL: the 1.2 datatype was dropped"; fail=1; }
[ $fail = 0 ] && echo "ok"
exit $fail
