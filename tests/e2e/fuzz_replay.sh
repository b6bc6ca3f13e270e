# fuzz_replay.sh - replays every fixture and every saved fuzz finding through every reader
# (probed, then forced with FUZZ_FORMAT for each reader), so a reader that crashes on another
# format's input, or on a past crash, fails the suite. Under the sanitizer build this is where
# memory errors on odd inputs show up.
. "$(dirname "$0")/lib.bash"
H=$BUILD/tests/fuzz/fuzz_reader
[ -x "$H" ] || skip "fuzz harness not built"
mapfile -t inputs < <(find "$SRC/fixtures" "$SRC/tests/fuzz/corpus" -type f 2>/dev/null | sort)
[ ${#inputs[@]} -gt 0 ] || skip "no fixtures"
readers=$("$DOCBRIDGE" formats --json | "$PYTHON" -c 'import json,sys; print(" ".join(p["name"] for p in json.load(sys.stdin) if p["capabilities"][0]=="r"))')
FUZZ_FORMAT= "$H" "${inputs[@]}" >/dev/null && pass || fail "probed replay crashed"
for r in $readers; do
    FUZZ_FORMAT=$r "$H" "${inputs[@]}" >/dev/null && pass || fail "reader $r crashed on a fixture"
done
finish
