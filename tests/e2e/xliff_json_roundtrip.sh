#!/bin/bash
# XLIFF 1.2 -> json -> XLIFF 1.2 and XLIFF 2 -> json -> XLIFF 2 keep every unit, language,
# code, note and property: the XLIFF written back through JSON is byte for byte the XLIFF
# written directly from the source (same events, same writer).
set -u
: "${DOCBRIDGE:?}" "${SRC:?}"
if ! "$DOCBRIDGE" formats 2>/dev/null | grep -q '^json '; then
  echo "skipped: json plugin not built"; exit 77
fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
for f in "$SRC"/fixtures/xliff/*.xlf; do
  b=$(basename "$f" .xlf)
  for fmt in json jsonl; do
    "$DOCBRIDGE" formats | grep -q "^$fmt " || continue
    "$DOCBRIDGE" convert -q "$f" -t xliff -o "$T/$b.direct.xlf" &&
    "$DOCBRIDGE" convert -q "$f" -t "$fmt" -o "$T/$b.$fmt" &&
    "$DOCBRIDGE" convert -q "$T/$b.$fmt" -f "$fmt" -t xliff -o "$T/$b.via.xlf" ||
      { echo "FAIL: $b through $fmt: conversion failed"; fail=1; continue; }
    if ! diff -u "$T/$b.direct.xlf" "$T/$b.via.xlf" > "$T/diff"; then
      echo "FAIL: $b through $fmt differs:"; head -20 "$T/diff"; fail=1
    else
      echo "ok: $b through $fmt: $(grep -c -E '<(trans-unit|unit) ' "$T/$b.via.xlf") units kept"
    fi
  done
done
exit $fail
