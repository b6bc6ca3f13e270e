#!/usr/bin/env bash
# pots_crossprobe.sh - the po, tsv, csv and moses probes claim their own inputs and nothing
# else: each fixture detects as its format, a plain .txt (even a pair sharing a stem) is never
# moses/tsv/csv, a .csv with a language header is csv, a corpus pair is moses.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
fmt() { "$DOCBRIDGE" detect "$1" | sed -n 's/.* format=\([^ ]*\) .*/\1/p'; }

[ "$(fmt "$SRC/fixtures/po/full.po")" = po ]
[ "$(fmt "$SRC/fixtures/po/full.expected.po")" = po ]
[ "$(fmt "$SRC/fixtures/tsv/basic.tsv")" = tsv ]
[ "$(fmt "$SRC/fixtures/csv/basic.csv")" = csv ]
# Content alone: a PO on a neutral name, a language-headed CSV named .txt stay recognised.
cp "$SRC/fixtures/po/full.po" "$t/catalogue.data"; [ "$(fmt "$t/catalogue.data")" = po ]
printf 'en,de\nHello,Hallo\n' > "$t/x.csv"; [ "$(fmt "$t/x.csv")" = csv ]
# Plain text is none of ours.
printf 'Just a line of text, with a comma.\nAnd\ta tab.\n' > "$t/plain.txt"
case "$(fmt "$t/plain.txt")" in po|tsv|csv|moses) echo "plain text claimed"; exit 1;; esac
# A first line that merely looks like short words separated by commas or tabs is not a header.
printf 'Yes,No\nmaybe\n' > "$t/answers.txt"; printf 'OK\tGo\nnext\n' > "$t/words.txt"
for f in "$t/answers.txt" "$t/words.txt"; do
  case "$(fmt "$f")" in tsv|csv) echo "$f claimed as a table"; exit 1;; esac
done
printf 'a\nb\n' > "$t/notes.txt"; cp "$t/notes.txt" "$t/notes.md"
for f in "$t/notes.txt" "$t/notes.md"; do
  case "$(fmt "$f")" in po|tsv|csv|moses) echo "$f claimed"; exit 1;; esac
done
# Two .txt files sharing a stem are not a corpus; a .md/.py pair neither.
printf 'a\nb\n' > "$t/c.txt"; printf 'x\ny\n' > "$t/d.txt"
[ "$("$DOCBRIDGE" detect "$t/c.txt" "$t/d.txt" | sed -n 's/.* format=\([^ ]*\) .*/\1/p' | sort -u)" = text ] ||
  { echo "txt pair read as a corpus"; exit 1; }
# A corpus pair is moses (converts to a two-language table).
"$DOCBRIDGE" convert "$SRC/fixtures/moses/corpus.en" "$SRC/fixtures/moses/corpus.zh" -t tsv \
  | head -1 | grep -cx "$(printf 'id\ten\tzh\tnote')"
# A .po and a .tsv given together are each read by their own reader.
"$DOCBRIDGE" convert "$SRC/fixtures/po/full.po" "$SRC/fixtures/tsv/basic.tsv" -t tsv -q \
  --columns=en,de,zh-CN -o "$t/both.tsv"
[ "$(wc -l < "$t/both.tsv")" -eq 12 ]
echo ok
