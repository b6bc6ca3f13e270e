#!/usr/bin/env bash
# install_relocatable.sh - an installed docbridge still works after its tree is moved (a
# package, `cmake --install --prefix P`, a copy): the binary finds libdocbridge through a
# relative run path, libdocbridge finds the plugins beside itself, and `validate` finds the
# schemas beside the binary. Installs the build under test into a scratch prefix, moves it, and
# converts a fixture with the moved binary: the same plugins load and the output is the same
# as the build tree's.
source "$(dirname "$0")/lib.bash"
: "${DOCBRIDGE:?}" "${BUILD:?}" "${SRC:?}"
command -v cmake >/dev/null || skip "cmake is not installed"
cd "$SCRATCH"
cmake --install "$BUILD" --prefix "$SCRATCH/first" > install.log 2>&1 && pass ||
  { fail "cmake --install: $(tail -3 install.log)"; finish; }
mv "$SCRATCH/first" "$SCRATCH/moved"
moved="$SCRATCH/moved/bin/docbridge"
[ -x "$moved" ] && pass || { fail "no installed binary"; finish; }
"$DOCBRIDGE" formats | awk 'NR > 1 {print $1}' | sort > built.names
"$moved" formats > moved.out 2> moved.err && pass || fail "moved binary: $(head -2 moved.err)"
awk 'NR > 1 {print $1}' moved.out | sort > moved.names
cmp -s built.names moved.names && pass ||
  fail "moved binary loads other plugins: $(diff built.names moved.names | head -5)"
grep -c "$SCRATCH/moved/lib" moved.out > /dev/null && pass ||
  fail "plugins not loaded from the moved tree: $(sed -n 2p moved.out)"
"$DOCBRIDGE" convert -q "$SRC/fixtures/tmx/full.tmx" -t jsonl -o built.jsonl
"$moved" convert -q "$SRC/fixtures/tmx/full.tmx" -t jsonl -o moved.jsonl && pass || fail "moved convert"
# the converter name and paths agree; only the provenance's source path could differ, and it does not
cmp -s built.jsonl moved.jsonl && pass || fail "outputs differ: $(diff built.jsonl moved.jsonl | head -4)"
[ -f "$SCRATCH/moved/share/docbridge/formats/dataset.schema.json" ] && pass || fail "schemas not installed"
"$moved" validate moved.jsonl > val.out 2>&1 && pass || fail "validate: $(head -2 val.out)"
finish
