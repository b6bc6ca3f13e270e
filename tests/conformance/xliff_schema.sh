#!/bin/bash
# XLIFF output validates against the OASIS schemas: XLIFF 1.2 (transitional, the schema for
# documents with the deprecated prop-group and extension attributes; a plain file also against
# strict) and the XLIFF 2.0 core schema (our 2.1 output too: same namespace and core).
# Inputs: every fixture, written in each version, and a generated file with many code shapes.
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
validate() { # file schema
  if ! out=$(xmllint --nonet --noout --schema "$2" "$1" 2>&1); then
    echo "FAIL: $1 against $(basename "$2"):"; echo "$out" | head -5; fail=1
  fi
}
bash "$SRC/tests/bench/xliff_gen.sh" 1.2 40 > "$T/gen12.xlf"
bash "$SRC/tests/bench/xliff_gen.sh" 2.0 40 > "$T/gen20.xlf"
n=0
inputs=("$SRC"/fixtures/xliff/*.xlf "$T/gen12.xlf" "$T/gen20.xlf")
# codes and properties from TMX (bpt/ept/it/ph/hi/ut, props, notes) when the tmx plugin is built
if "$DOCBRIDGE" formats 2>/dev/null | grep -q '^tmx '; then inputs+=("$SRC"/fixtures/tmx/*.tmx); fi
for in in "${inputs[@]}"; do
  b=$(basename "$in"); b=${b%.*}
  for v in 1.2 2.0 2.1; do
    out="$T/$b.$v.xlf"
    "$DOCBRIDGE" convert -q "$in" -t xliff --xliff-version "$v" -o "$out" || { echo "FAIL: convert $in to $v"; fail=1; continue; }
    if [ "$v" = 1.2 ]; then validate "$out" "$S/xliff12/xliff-core-1.2-transitional.xsd"
    else validate "$out" "$S/xliff20/xliff_core_2.0.xsd"; fi
    n=$((n+1))
  done
done
# a file with only core constructs is valid against the strict 1.2 schema as well
"$DOCBRIDGE" convert -q "$SRC/fixtures/xliff/codes12.xlf" -t xliff -o "$T/strict.xlf" &&
  validate "$T/strict.xlf" "$S/xliff12/xliff-core-1.2-strict.xsd"
# the check can fail: an invalid file must be refused
printf '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><file/></xliff>\n' > "$T/bad.xlf"
if xmllint --nonet --noout --schema "$S/xliff20/xliff_core_2.0.xsd" "$T/bad.xlf" 2>/dev/null; then
  echo "FAIL: the schema check accepted an invalid file"; fail=1
fi
[ $fail = 0 ] && echo "ok: $n outputs validate"
exit $fail
