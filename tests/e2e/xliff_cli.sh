#!/bin/bash
# The xliff plugin through the CLI: probing by content and extension, --xliff-version, the
# default version, one-line errors with file:line:col, --lenient warnings and their count,
# no output file left behind on failure, and XLIFF -> XLIFF identity for every fixture.
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
F="$SRC/fixtures/xliff"
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; fi; }

# probe: the content says XLIFF even with another extension
cp "$F/sample20.xlf" "$T/noext.dat"
"$DOCBRIDGE" detect "$T/noext.dat" > "$T/detect.txt" 2>&1
check "detect names xliff" 'grep -q xliff "$T/detect.txt"'

# default output version: the source's; --xliff-version overrides
"$DOCBRIDGE" convert -q "$F/sample20.xlf" -o "$T/a.xlf"
check "2.0 stays 2.0" 'grep -q "version=\"2.0\"" "$T/a.xlf"'
"$DOCBRIDGE" convert -q "$F/sample12.xlf" -o "$T/b.xliff"
check "1.2 stays 1.2" 'grep -q "version=\"1.2\"" "$T/b.xliff"'
"$DOCBRIDGE" convert -q "$F/sample12.xlf" --xliff-version 2.1 -o "$T/c.xlf"
check "--xliff-version 2.1" 'grep -q "version=\"2.1\" srcLang=\"en-GB\" trgLang=\"zh-CN\"" "$T/c.xlf"'
"$DOCBRIDGE" convert -q "$F/sample12.xlf" -O xliff-version=2.0 -o "$T/d.xlf"
check "-O xliff-version=2.0" 'grep -q "version=\"2.0\"" "$T/d.xlf"'

# identity: writing what was read gives the same file again (second generation)
for f in "$F"/*.xlf; do
  b=$(basename "$f")
  "$DOCBRIDGE" convert -q "$f" -t xliff -o "$T/g1.$b" && "$DOCBRIDGE" convert -q "$T/g1.$b" -t xliff -o "$T/g2.$b"
  check "$b: second generation identical" 'cmp -s "$T/g1.$b" "$T/g2.$b"'
done

# errors: one line, file:line:col, exit status, no output left
printf '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="en" datatype="plaintext" original="x"><body>\n<trans-unit id="u1"><source>a <x id="1"/></source>\n<target>b <g id="7">c</g></target></trans-unit>\n</body></file></xliff>\n' > "$T/bad.xlf"
"$DOCBRIDGE" convert "$T/bad.xlf" -t xliff -o "$T/out.xlf" 2> "$T/err.txt"; rc=$?
check "bad target code fails" '[ $rc -ne 0 ]'
check "bad target code message" 'grep -qx "docbridge: $T/bad.xlf:5:11: target of unit '"'"'u1'"'"' has code id '"'"'7'"'"' (<g>) that does not exist in its source" "$T/err.txt"'
check "no output left" '[ ! -e "$T/out.xlf" ]'

# --lenient: a warning per skipped unit and the count at the end
printf '<xliff version="1.2"><file source-language="en"><body>\n<trans-unit id="1"><source>a<b/></source></trans-unit>\n<trans-unit id="2"><source>ok</source></trans-unit>\n<trans-unit id="3"><source>x <foo>y</foo></source></trans-unit>\n</body></file></xliff>\n' > "$T/len.xlf"
"$DOCBRIDGE" convert --lenient "$T/len.xlf" -t xliff -o "$T/len.out.xlf" 2> "$T/len.err"; rc=$?
check "lenient succeeds" '[ $rc -eq 0 ]'
check "lenient keeps the good unit only" '[ "$(grep -c "<trans-unit" "$T/len.out.xlf")" = 1 ] && grep -q "id=\"2\"" "$T/len.out.xlf"'
check "lenient warnings" '[ "$(grep -c "unit skipped (--lenient)" "$T/len.err")" = 2 ] && grep -q "len.xlf:2:29: unknown inline element <b> in unit .1." "$T/len.err" && grep -q "len.xlf:4:30: unknown inline element <foo> in unit .3." "$T/len.err"'
check "lenient count" 'grep -q "2 units skipped (--lenient)" "$T/len.err"'

# billion laughs: refused before any expansion
printf '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<xliff version="1.2">&lol2;</xliff>\n' > "$T/lol.xlf"
"$DOCBRIDGE" convert "$T/lol.xlf" -f xliff -t xliff -o "$T/lol.out" 2> "$T/lol.err"
check "billion laughs refused" 'grep -q "2:.*DOCTYPE declares an entity .lol.: entity declarations are refused" "$T/lol.err"'

[ $fail = 0 ] && echo "ok"
exit $fail
