#!/usr/bin/env bash
# tmx_bad_input.sh - through the CLI, bad TMX gives one line "docbridge: FILE:LINE:COL: message",
# a non-zero exit and no output file; --lenient skips bad units with one warning each and a
# count at the end; entity declarations are refused before anything is expanded or fetched.
set -euo pipefail
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
B="$SRC/fixtures/tmx/bad"

expect_error() { # file expected-line-suffix [options...]
    local f=$1 want=$2
    shift 2
    if "$DOCBRIDGE" convert "$@" "$B/$f" -t tmx -o "$T/out.tmx" 2> "$T/err"; then
        echo "FAIL: $f converted"; exit 1
    fi
    [ ! -e "$T/out.tmx" ] || { echo "FAIL: $f left an output file"; exit 1; }
    [ "$(wc -l < "$T/err")" = 1 ] || { echo "FAIL: $f: more than one line:"; cat "$T/err"; exit 1; }
    grep -qF "docbridge: $B/$f:$want" "$T/err" || { echo "FAIL: $f: got"; cat "$T/err"; echo "want :$want"; exit 1; }
}

expect_error malformed.tmx "7:28: malformed XML: mismatched tag: expected </seg> (opened at line 7)"
expect_error one_tuv.tmx "9:3: <tu> has only one <tuv>"
expect_error unknown_inline.tmx "6:27: unknown inline element <b> in <seg>"
expect_error billion_laughs.tmx "3:15: DOCTYPE declares an entity 'lol': entity declarations are refused"
expect_error external_entity.tmx "3:42: DOCTYPE declares an external entity 'xxe'"
expect_error truncated.tmx "12:1: malformed XML: unexpected end of input"
expect_error invalid_bytes.tmx "6:28: invalid UTF-8" --strict
# --lenient does not make malformed XML or refused entities acceptable
expect_error malformed.tmx "7:28:" --lenient
expect_error billion_laughs.tmx "3:15:" --lenient

"$DOCBRIDGE" convert --lenient "$B/one_tuv.tmx" -t tmx -o "$T/ok.tmx" 2> "$T/err"
grep -qF "warning: $B/one_tuv.tmx:9:3: <tu> has only one <tuv>" "$T/err"
grep -qF "1 unit skipped (--lenient)" "$T/err"
[ "$(grep -c '<tu ' "$T/ok.tmx")" = 2 ]
grep -q 'tuid="1"' "$T/ok.tmx" && grep -q 'tuid="3"' "$T/ok.tmx" && ! grep -q 'tuid="2"' "$T/ok.tmx"

"$DOCBRIDGE" convert --lenient "$B/unknown_inline.tmx" -t tmx -o "$T/ok2.tmx" 2> "$T/err"
[ "$(grep -c 'warning' "$T/err")" = 2 ]
[ "$(grep -c '<tu ' "$T/ok2.tmx")" = 1 ]
echo "ok"
