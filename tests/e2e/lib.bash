# lib.bash - helpers for the end-to-end shell tests (sourced, not a test itself).
# Each test runs with: DOCBRIDGE (the CLI), SRC, BUILD, SHARED, PYTHON in the environment.
set -u
FAILS=0
CHECKS=0
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { CHECKS=$((CHECKS + 1)); }
skip() { echo "skipped: $*"; exit 77; }

# expect_fail NAME EXPECTED_SUBSTRING -- command...   : non-zero exit, one-line message
expect_fail() {
    local name=$1 want=$2
    shift 3
    local err rc
    err=$("$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -eq 0 ]; then fail "$name: exit 0, expected failure"; return; fi
    if [ "$(printf '%s\n' "$err" | grep -c .)" -ne 1 ]; then
        fail "$name: expected one line of error, got:"; printf '%s\n' "$err"; return
    fi
    case "$err" in
        *"$want"*) pass ;;
        *) fail "$name: message lacks '$want': $err" ;;
    esac
}

need_plugin() {
    "$DOCBRIDGE" formats 2>/dev/null | awk '{print $1}' | grep -qx "$1" ||
        skip "the $1 plugin is not built"
}

finish() {
    if [ "$FAILS" -gt 0 ]; then
        echo "$FAILS failed, $CHECKS passed"
        exit 1
    fi
    echo "all $CHECKS checks passed"
    exit 0
}
