#!/bin/bash
# validate_official.sh - `docbridge validate --schema-dir ../shared/schemas` checks TMX against
# the TMX 1.4b DTD and XLIFF 1.2 / 2.0 against the OASIS XSDs, offline: valid files exit 0,
# invalid ones exit 3 with file, line and the schema named; without the schemas, exit 1.
set -u
: "${DOCBRIDGE:?}"
S="${SHARED:-}/schemas"
[ -f "$S/tmx/tmx14.dtd" ] || { echo "skipped: official schemas not found"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
cat > "$tmp/ok.tmx" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="en"><seg>Hi</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>
  </body>
</tmx>
X
sed 's/<seg>Hallo<\/seg>/<seq>Hallo<\/seq>/' "$tmp/ok.tmx" > "$tmp/bad.tmx"
cat > "$tmp/ok20.xlf" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
  <file id="f1"><unit id="u1"><segment><source>Hi</source><target>Hallo</target></segment></unit></file>
</xliff>
X
sed 's/<target>/<targt>/; s/<\/target>/<\/targt>/' "$tmp/ok20.xlf" > "$tmp/bad20.xlf"
cat > "$tmp/ok12.xlf" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="a" source-language="en" datatype="plaintext"><body>
    <trans-unit id="1"><source>Hi</source></trans-unit></body></file>
</xliff>
X
sed 's/<trans-unit id="1">/<trans-unit>/' "$tmp/ok12.xlf" > "$tmp/bad12.xlf"
"$DOCBRIDGE" validate --schema-dir "$S" "$tmp/ok.tmx" "$tmp/ok20.xlf" "$tmp/ok12.xlf" ||
  { echo "FAIL: valid TMX/XLIFF rejected"; fail=1; }
for f in bad.tmx:"TMX 1.4b DTD" bad20.xlf:"XLIFF 2.0 XSD" bad12.xlf:"XLIFF 1.2 XSD"; do
  file=${f%%:*} rule=${f#*:}
  out=$("$DOCBRIDGE" validate --schema-dir "$S" "$tmp/$file"); rc=$?
  [ $rc = 3 ] || { echo "FAIL: $file: exit $rc, expected 3"; fail=1; }
  echo "$out" | grep -q "$file:[0-9]*: \[$rule\]" || { echo "FAIL: $file: $out"; fail=1; }
done
"$DOCBRIDGE" validate "$tmp/ok.tmx" 2>/dev/null; rc=$?
[ $rc = 1 ] || { echo "FAIL: TMX without a schema directory: exit $rc, expected 1"; fail=1; }
exit $fail
