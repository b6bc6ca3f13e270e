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
    rm -rf out && mkdir -p out
    local d=./build/docbridge
    set -x
    # Monolingual documents (PDF-extracted text, HTML, PDF) into the dataset, markdown and TEI.
    $d convert fixtures/text/report.txt -o out/report.json
    $d convert fixtures/text/report.txt -o out/report.md
    $d convert fixtures/text/report.txt -t tei -o out/report.tei.xml
    $d convert fixtures/html/page.html -o out/page.md
    if $d formats | grep -c '^pdf ' >/dev/null; then $d convert fixtures/pdf/minimal.pdf -o out/minimal.jsonl; fi
    # Translation data between formats; untranslated PO entries cannot be TMX units (--lenient
    # skips them with a count).
    $d convert fixtures/tmx/full.tmx -o out/full.xlf
    $d convert fixtures/tmx/multilingual.tmx -t jsonl --records units -o out/multilingual.jsonl
    $d convert --lenient fixtures/po/full.po -o out/full.tmx
    $d convert fixtures/moses/corpus.en fixtures/moses/corpus.zh -o out/corpus.tmx
    # The English and Chinese editions of one report become an aligned translation memory.
    $d align --report fixtures/align/report.en.txt fixtures/align/report.zh.txt -o out/report.en-zh.tmx
    # Every text fixture as JSON Lines, packaged as a BagIt bag for archiving.
    $d convert --bag out/reports-bag.tar.gz -t jsonl fixtures/text/*.txt
    # Check what was made against the schemas (TMX/XLIFF when the official schemas are around).
    local schemas=()
    [ -d ../shared/schemas ] && schemas=(--schema-dir ../shared/schemas)
    $d validate "${schemas[@]}" out/report.json out/multilingual.jsonl out/full.xlf out/full.tmx \
        out/corpus.tmx out/report.en-zh.tmx || true
    set +x
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
