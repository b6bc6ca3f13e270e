#!/bin/bash
# tei_structure.sh - the tei writer's output for every fixture is well-formed, follows the TEI
# structure rules of formats/tei-subset.rng (xmllint --relaxng), is deterministic, and maps a
# structured document as formats/tei.md says (nested divs, lists, tables, milestones,
# xml:lang where a block's language differs, parallel translation divs with a linkGrp).
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
"$DOCBRIDGE" formats | grep -q '^tei ' || { echo "skipped: tei plugin not built"; exit 77; }
command -v xmllint >/dev/null || { echo "skipped: xmllint not installed"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
rng="$SRC/formats/tei-subset.rng"
fail=0 n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  "$DOCBRIDGE" convert -q "$f" -t tei -o "$tmp/$n.tei" 2>/dev/null || continue
  "$DOCBRIDGE" convert -q "$f" -t tei -o "$tmp/$n.again.tei"
  cmp -s "$tmp/$n.tei" "$tmp/$n.again.tei" || { echo "FAIL: ${f#$SRC/}: tei differs between runs"; fail=1; }
  xmllint --noout --relaxng "$rng" "$tmp/$n.tei" 2>"$tmp/err" ||
    { echo "FAIL: ${f#$SRC/}:"; head -5 "$tmp/err"; fail=1; }
done < <(find "$SRC/fixtures" -type f -print0 | sort -z)

t="$tmp/structure.tei"
"$DOCBRIDGE" convert -q "$SRC/fixtures/jsonl/structure.jsonl" -t tei -o "$t" || exit 1
check() { # check XPATH EXPECTED-COUNT WHAT
  local got
  got=$(xmllint --xpath "count($1)" "$t" 2>/dev/null)
  [ "$got" = "$2" ] || { echo "FAIL: $3: $1 counted $got, expected $2"; fail=1; }
}
check '//*[local-name()="body"]/*[local-name()="div" and @type="section"]' 2 "top-level sections"
check '//*[local-name()="div"]/*[local-name()="div" and @type="section"]' 1 "nested section"
check '//*[local-name()="head" and @xml:lang="de"]' 1 "xml:lang on a German heading"
check '//*[@xml:lang="en" and local-name()!="TEI" and local-name()!="div"]' 0 "no redundant xml:lang"
check '//*[local-name()="item"]/*[local-name()="list"]' 3 "nested lists (one for a skipped level)"
check '//*[local-name()="row"]' 2 "table rows"
check '//*[local-name()="pb" and @n="2"]' 1 "page break"
check '//*[local-name()="fw" and @type="boilerplate"]' 1 "boilerplate as fw"
check '//*[local-name()="div" and @type="translation"]' 2 "parallel language divs"
check '//*[local-name()="link" and @target="#d1.u1.v1 #d1.u1.v2"]' 1 "linkGrp link"
check '//*[local-name()="sourceDesc"]//*[local-name()="idno" and @type="sha256"]' 1 "checksum in sourceDesc"
# The structure check itself can fail: a paragraph after a nested div is refused.
sed 's#</div><div type="section"><head>Two#</div><p>late</p><div type="section"><head>Two#' "$t" > "$tmp/bad.tei"
if xmllint --noout --relaxng "$rng" "$tmp/bad.tei" 2>/dev/null; then
  echo "FAIL: tei-subset.rng accepted a paragraph after a nested div"; fail=1
fi
echo "checked $n fixtures"
exit $fail
