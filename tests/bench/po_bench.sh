#!/usr/bin/env bash
# po_bench.sh - PO reading speed: docbridge PO -> JSONL (and -> TSV, -> PO) beside Translate
# Toolkit's po2csv on the same generated catalogue, in one run. Prints MB/s and peak RSS.
# Not a ctest. Usage: tests/bench/po_bench.sh [ENTRIES]   (default 100000, ~25 MB)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
DOCBRIDGE=${DOCBRIDGE:-$here/build/docbridge}
PY=${PYTHON:-/usr/bin/python3}
n=${1:-100000}
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT

# A realistic catalogue: header, comments, references, flags, contexts, plurals, multi-line
# strings with escapes, a few fuzzy and obsolete entries, non-ASCII targets.
"$PY" - "$n" > "$t/bench.po" <<'PY'
import sys
n = int(sys.argv[1])
w = sys.stdout.write
w('msgid ""\nmsgstr ""\n"Project-Id-Version: bench 1.0\\n"\n"Language: de\\n"\n'
  '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
  '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
for i in range(n):
    w("\n# Translator note %d\n#. Extracted comment for string %d\n#: src/file%d.c:%d src/other.c:%d\n"
      % (i, i, i % 97, i % 1000, i % 333))
    k = i % 10
    if k == 0:
        w('#, c-format\nmsgid "%%d item in folder %d"\nmsgid_plural "%%d items in folder %d"\n'
          'msgstr[0] "%%d Element im Ordner %d"\nmsgstr[1] "%%d Elemente im Ordner %d"\n' % (i, i, i, i))
    elif k == 1:
        w('msgctxt "menu %d"\nmsgid "Open file number %d"\nmsgstr "Datei Nummer %d öffnen"\n' % (i, i, i))
    elif k == 2:
        w('#, fuzzy\nmsgid ""\n"A longer message %d that spans several lines, with a \\"quote\\" and a "\n'
          '"tab\\t and a newline\\n"\n"second line of the message"\nmsgstr ""\n'
          '"Eine längere Nachricht %d über mehrere Zeilen, mit \\"Anführung\\" und "\n'
          '"Tab\\t und Zeilenumbruch\\n"\n"zweite Zeile der Nachricht"\n' % (i, i))
    else:
        w('msgid "Message number %d: the quick brown fox jumps over the lazy dog."\n'
          'msgstr "Nachricht Nummer %d: Der schnelle braune Fuchs springt über den faulen Hund."\n'
          % (i, i))
PY
mb=$(awk -v b="$(stat -c %s "$t/bench.po")" 'BEGIN{printf "%.1f", b/1048576}')
echo "input: $n entries, $mb MB (generated PO)"
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$t/time" "$@" >/dev/null 2>"$t/err" || { cat "$t/err"; return 1; }
  read -r secs kb < "$t/time"
  awk -v l="$label" -v s="$secs" -v k="$kb" -v m="$mb" \
    'BEGIN{printf "%-36s %7.2f s %8.1f MB/s %8.1f MB peak RSS\n", l, s, (s>0?m/s:0), k/1024}'
}
run "docbridge po -> jsonl" "$DOCBRIDGE" convert "$t/bench.po" -t jsonl -o "$t/out.jsonl"
run "docbridge po -> tsv" "$DOCBRIDGE" convert "$t/bench.po" -t tsv -q -o "$t/out.tsv"
run "docbridge po -> po" "$DOCBRIDGE" convert "$t/bench.po" -t po -o "$t/out.po"
if command -v msgcat >/dev/null; then run "gettext msgcat (po -> po)" msgcat -o "$t/mc.po" "$t/bench.po"; fi
if command -v po2csv >/dev/null; then
  run "translate-toolkit po2csv" po2csv --progress=none "$t/bench.po" "$t/tt.csv"
else
  echo "translate-toolkit po2csv: not installed"
fi
