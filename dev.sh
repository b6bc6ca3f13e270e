#!/usr/bin/env bash
# dev.sh - the one entry point for setting up, building, testing and demonstrating docbridge on
# a Debian 12 machine. Every command installs what it needs first (apt-get, as root), so each
# works on a fresh machine.
#
#   ./dev.sh demo        build, then convert the bundled fixtures into out/
#   ./dev.sh test        build, then run the whole test suite (ctest)
#   ./dev.sh test-asan   the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   ./dev.sh bench       build, then run the benchmarks in tests/bench (slow; prints figures)
#   ./dev.sh deps        only install the Debian packages
set -euo pipefail
cd "$(dirname "$0")"
JOBS=$(nproc 2>/dev/null || echo 2)

deps() {
    local pkgs missing=()
    mapfile -t pkgs < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' cmake/debian-packages.txt)
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

build() { # build DIR [cmake args...]
    local dir=$1
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j"$JOBS" >/dev/null
}

run_tests() { # run_tests DIR
    (cd "$1" && ctest --output-on-failure -j"$JOBS")
}

demo() {
    build build
    mkdir -p out
    # Every bundled fixture whose format is recognised goes to JSON Lines and back out.
    ./build/docbridge convert fixtures/text/report.txt -t json -o out/report.json
    ./build/docbridge convert fixtures/text/report.txt -t markdown -o out/report.md
    ./build/docbridge convert -d out -t jsonl fixtures/text/*.txt
    ls -l out
}

cmd=${1:-}
case "$cmd" in
    deps) deps ;;
    demo) deps && demo ;;
    test) deps && build build && run_tests build ;;
    test-asan) deps && build build-asan -DDOCBRIDGE_SANITIZE=ON && run_tests build-asan ;;
    bench) deps && build build &&
        for b in tests/bench/*_bench.sh; do # each prints its own figures beside its peer tool
            echo "== $b"
            DOCBRIDGE=$PWD/build/docbridge BUILD=$PWD/build bash "$b"
        done ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
