#!/usr/bin/env bash
# pdf_lazy_cli.sh - the pdf plugin's engine (Poppler) through the CLI: `docbridge formats` and a
# TMX conversion load no libpoppler (the dynamic loader's own account, LD_DEBUG=files), a PDF
# conversion does; a pdf.so copied without its engine fails a PDF read with one clear line
# naming the engine's path, exit 1, no output; and an installed tree (cmake --install) has the
# engine where the installed pdf.so looks for it.
set -euo pipefail
: "${DOCBRIDGE:?}" "${BUILD:?}" "${SRC:?}"
"$DOCBRIDGE" formats | grep -q '^pdf ' || { echo "skipped: pdf plugin not built"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Runs docbridge with LD_DEBUG=files; the loader's log goes to $tmp/ld.
loaded() { LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/ld" "$DOCBRIDGE" "$@" >/dev/null; cat "$tmp"/ld.*; rm -f "$tmp"/ld.*; }

loaded formats >"$tmp/formats.log"
grep -q 'file=.*/pdf\.so' "$tmp/formats.log" || fail "LD_DEBUG shows no pdf.so: the check is blind"
! grep -q 'libpoppler' "$tmp/formats.log" || fail "docbridge formats loads Poppler"
if "$DOCBRIDGE" formats | grep -q '^tmx '; then
    loaded convert -q -t jsonl -o "$tmp/tm.jsonl" "$SRC/fixtures/tmx/compact.tmx" >"$tmp/tmx.log"
    ! grep -q 'libpoppler' "$tmp/tmx.log" || fail "a TMX conversion loads Poppler"
fi
loaded convert -q -t markdown -o "$tmp/min.md" "$SRC/fixtures/pdf/minimal.pdf" >"$tmp/pdf.log"
grep -q 'libpoppler' "$tmp/pdf.log" || fail "a PDF conversion does not load Poppler?"
grep -q 'Minimal Report' "$tmp/min.md" || fail "PDF conversion output: $(head -3 "$tmp/min.md")"

# pdf.so alone: the plugin path is searched before the build tree, so this copy is the pdf plugin.
mkdir "$tmp/alone"
cp "$BUILD/plugins/pdf.so" "$tmp/alone/"
rc=0
DOCBRIDGE_PLUGIN_PATH="$tmp/alone" "$DOCBRIDGE" convert -t json -o "$tmp/out.json" \
    "$SRC/fixtures/pdf/minimal.pdf" 2>"$tmp/err" || rc=$?
[ "$rc" -eq 1 ] || fail "missing engine: exit $rc, not 1"
grep -v 'plugin skipped: duplicate name' "$tmp/err" >"$tmp/err1" || true
want="minimal.pdf: cannot load the PDF engine $tmp/alone/pdf-engine/pdf-engine.so: cannot open shared object file"
grep -qF -- "$want" "$tmp/err1" || fail "missing engine: message lacks '$want': $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err1")" -eq 1 ] || fail "missing engine: not one line: $(cat "$tmp/err1")"
[ ! -e "$tmp/out.json" ] || fail "missing engine: output left behind"

# The installed layout: lib/docbridge/plugins/pdf.so and its pdf-engine/ beside it. DESTDIR
# keeps every file under $tmp even if an install destination were absolute.
if command -v cmake >/dev/null && [ -f "$BUILD/cmake_install.cmake" ]; then
    prefix=/opt/docbridge-test
    DESTDIR="$tmp/dest" cmake --install "$BUILD" --prefix "$prefix" >/dev/null
    inst="$tmp/dest$prefix"
    so=$(find "$tmp/dest" -name pdf.so | head -1)
    plugins=$(dirname "$so")
    case "$plugins" in "$inst"/lib*/docbridge/plugins) ;; *) fail "pdf.so installed in $plugins" ;; esac
    [ -f "$plugins/pdf-engine/pdf-engine.so" ] || fail "no pdf-engine/pdf-engine.so beside pdf.so"
    ! ls "$plugins"/*.so | grep -q engine || fail "the engine is installed as a plugin"
    lib=$(dirname "$(find "$inst" -name 'libdocbridge.so*' | head -1)")
    LD_LIBRARY_PATH="$lib" DOCBRIDGE_PLUGIN_PATH="$plugins" "$inst/bin/docbridge" convert -q \
        -t markdown -o "$tmp/inst.md" "$SRC/fixtures/pdf/minimal.pdf" ||
        fail "installed binary cannot read a PDF"
    cmp -s "$tmp/min.md" "$tmp/inst.md" || fail "installed binary reads the PDF differently"
else
    echo "install part skipped: no cmake or no cmake_install.cmake"
fi
[ "$fails" -eq 0 ] && echo ok || exit 1
