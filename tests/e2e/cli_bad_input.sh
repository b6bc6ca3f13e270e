# cli_bad_input.sh - issue 2's bad inputs: each gets a one-line error, a non-zero exit, and no
# output file is left behind (not under the target name, not as a temporary).
. "$(dirname "$0")/lib.bash"
D=$SCRATCH
OUT=$D/out/result.json
mkdir -p "$D/out"
no_output() { # no file at all in the output directory, temporaries included
    if [ -n "$(ls -A "$D/out")" ]; then fail "$1: output left behind: $(ls -A "$D/out")"; else pass; fi
}

expect_fail nonexistent "cannot open: No such file" -- "$DOCBRIDGE" convert "$D/missing.txt" -o "$OUT"
no_output nonexistent
mkdir "$D/adir"
expect_fail directory "is a directory" -- "$DOCBRIDGE" convert "$D/adir" -o "$OUT"
no_output directory
: > "$D/empty.txt"
expect_fail empty "empty input" -- "$DOCBRIDGE" convert "$D/empty.txt" -o "$OUT"
no_output empty
head -c 4096 /dev/urandom > "$D/garbage.bin"
printf '\0\0\0\1\2\3' >> "$D/garbage.bin"
expect_fail garbage "unknown input format" -- "$DOCBRIDGE" convert "$D/garbage.bin" -o "$OUT"
no_output garbage
printf 'Title\n\nSome text.\n' > "$D/ok.txt"
expect_fail unknown-from "no reader named 'nosuch'" -- "$DOCBRIDGE" convert -f nosuch "$D/ok.txt" -o "$OUT"
expect_fail unknown-to "no writer named 'nosuch'" -- "$DOCBRIDGE" convert -t nosuch "$D/ok.txt" -o "$OUT"
expect_fail unknown-ext "cannot tell the output format" -- "$DOCBRIDGE" convert "$D/ok.txt" -o "$D/out/x.unknown"
no_output unknown-format
expect_fail unwritable "cannot create output" -- "$DOCBRIDGE" convert "$D/ok.txt" -o /nonexistent-dir/x.json
if [ "$(id -u)" -ne 0 ]; then
    mkdir "$D/ro" && chmod 555 "$D/ro"
    expect_fail readonly "cannot create output" -- "$DOCBRIDGE" convert "$D/ok.txt" -o "$D/ro/x.json"
fi
expect_fail output-dir "output is a directory" -- "$DOCBRIDGE" convert -t json "$D/ok.txt" -o "$D/out"
cp "$D/ok.txt" "$D/same.txt"
before=$(sha256sum < "$D/same.txt")
expect_fail same-file "output is the same file as input" -- "$DOCBRIDGE" convert -t markdown "$D/same.txt" -o "$D/same.txt"
ln -s "$D/same.txt" "$D/link.txt"
expect_fail same-file-link "output is the same file as input" -- "$DOCBRIDGE" convert -t markdown "$D/same.txt" -o "$D/link.txt"
[ "$(sha256sum < "$D/same.txt")" = "$before" ] && pass || fail "same-file: input was changed"
# A failure after output has started (a strict decoding error late in the input) leaves nothing.
{ for i in $(seq 1 5000); do echo "Paragraph $i has some words in it."; echo; done; printf 'bad \377 byte\n'; } > "$D/late.txt"
expect_fail late-error "invalid" -- "$DOCBRIDGE" convert --strict "$D/late.txt" -o "$OUT"
no_output late-error
# A symbolic link as output is followed: the link stays, its target gets the output.
: > "$D/target.json"; ln -s target.json "$D/link.json"
"$DOCBRIDGE" convert "$D/ok.txt" -o "$D/link.json" && [ -L "$D/link.json" ] && [ -s "$D/target.json" ] && pass || fail "symlink output replaced"
ln -s /nonexistent-dir/x "$D/dangling.json"
expect_fail dangling-link "symbolic link whose target is missing" -- "$DOCBRIDGE" convert "$D/ok.txt" -o "$D/dangling.json"
# A pipe or device as output is written in place, never replaced.
"$DOCBRIDGE" convert -t json "$D/ok.txt" -o /dev/stdout | grep -c '"Some text."' >/dev/null && pass || fail "/dev/stdout output"
[ -L /dev/stdout ] && pass || fail "/dev/stdout was replaced"
# Usage errors exit 2.
"$DOCBRIDGE" convert >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "no input: expected exit 2"
"$DOCBRIDGE" frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "unknown command: expected exit 2"
"$DOCBRIDGE" convert --no-such-option x >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "unknown option: expected exit 2"
# A common option without its value is said once (the first pass over argv stays quiet), by
# convert and align alike; align takes two inputs.
for cmd in convert align; do
  err=$("$DOCBRIDGE" $cmd x --plugin-dir 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq 2 ] && [ "$err" = "docbridge: --plugin-dir needs a directory" ] && pass ||
    fail "$cmd --plugin-dir without a value: exit $rc, '$err'"
done
err=$("$DOCBRIDGE" align a b c 2>&1 >/dev/null); rc=$?
[ "$rc" -eq 2 ] && [ "$(printf '%s\n' "$err" | head -1)" = "docbridge: more than two inputs: 'c'" ] && pass ||
  fail "align with three inputs: exit $rc, '$err'"
# And a good conversion still works, writing exactly the target.
"$DOCBRIDGE" convert "$D/ok.txt" -o "$OUT" && [ -s "$OUT" ] && pass || fail "good conversion"
[ "$(ls -A "$D/out")" = "result.json" ] && pass || fail "stray files: $(ls -A "$D/out")"
finish
