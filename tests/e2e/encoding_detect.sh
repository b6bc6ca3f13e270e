#!/usr/bin/env bash
# encoding_detect.sh - `docbridge detect` (issue 3) on fixtures generated here with iconv from
# UTF-8 source text (English, simplified and traditional Chinese, Japanese for Shift_JIS):
# encoding, its source, BOM, line endings, NFC status and counts, in text and --json output;
# strict and lenient behaviour on a file invalid in one byte; XML declared GB18030 / UTF-16.
set -euo pipefail
: "${DOCBRIDGE:?}" "${PYTHON:=python3}"
command -v iconv >/dev/null || { echo "skipped: iconv not found"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

cat > zh.txt <<'TXT'
The committee met in London on Tuesday to review the archive.
委员会星期二在伦敦开会，审查了档案馆的全部文件。
這份報告說明了檔案館如何保存歷史文獻與珍貴的手稿。
Members agreed that every document must be kept in its original form.
我们希望这些文件能够长期保存，供后人研究使用。
圖書館的讀者可以在閱覽室裡查閱這些資料。
TXT
cat > tw.txt <<'TXT'
The committee met in London on Tuesday to review the archive.
這份報告說明了檔案館如何保存歷史文獻與珍貴的手稿。
圖書館的讀者可以在閱覽室裡查閱這些資料。
委員會星期二在倫敦開會，審查了檔案館的全部文件。
TXT
cat > ja.txt <<'TXT'
The committee met in London on Tuesday to review the archive.
委員会は火曜日にロンドンで会合を開き、資料館の文書を確認しました。
図書館の利用者は閲覧室でこれらの資料を読むことができます。
TXT
cat > cp1252.txt <<'TXT'
The committee’s “final” report cost €250 — a café in Zürich hosted it.
Members agreed that every document must be kept in its original form.
TXT
cat > latin1.txt <<'TXT'
The café in Zürich charged £5 for a crème brûlée; the naïve señor paid.
Members agreed that every document must be kept in its original form.
TXT
printf 'Emoji \360\237\230\200\360\237\216\211 and \360\240\200\200 beyond the BMP.\n委员会在伦敦开会。\n' > wide.txt

conv() { iconv -f UTF-8 -t "$2" "$1"; }
bom() { printf "$1"; cat; }
cp zh.txt f-utf8.txt
conv zh.txt UTF-8 | bom '\357\273\277' > f-utf8-bom.txt
conv zh.txt UTF-16LE > f-utf16le.txt
conv zh.txt UTF-16LE | bom '\377\376' > f-utf16le-bom.txt
conv zh.txt UTF-16BE > f-utf16be.txt
conv zh.txt UTF-16BE | bom '\376\377' > f-utf16be-bom.txt
conv zh.txt UTF-32LE > f-utf32le.txt
conv zh.txt UTF-32BE | bom '\000\000\376\377' > f-utf32be-bom.txt
conv zh.txt GB18030 > f-gb18030.txt
conv zh.txt GBK > f-gbk.txt
conv tw.txt BIG5 > f-big5.txt
conv ja.txt SHIFT_JIS > f-sjis.txt
conv cp1252.txt WINDOWS-1252 > f-cp1252.txt
conv latin1.txt ISO-8859-1 > f-latin1.txt
conv wide.txt UTF-16LE | bom '\377\376' > f-emoji-utf16le.txt
conv wide.txt GB18030 > f-gb18030-4byte.txt
sed 's/$/\r/' zh.txt > f-crlf.txt
tr '\n' '\r' < zh.txt > f-cr.txt
printf 'cafe\314\201 re\314\201sume\314\201 A\314\212ngstro\314\210m\n' > f-nfd.txt
printf 'a\000b\001c\td\fe\033f\177g\302\205h\n' > f-controls.txt
: > f-empty.txt
printf '\357\273\277' > f-bom-only.txt
printf 'first line\nsecond\n委员会在伦敦开会，审查了档案馆 \377 tail\nlast\n' > f-invalid.txt
"$PYTHON" -c 'import sys; s = ("委员会 committee " * 52428).encode(); sys.stdout.buffer.write(s + b"x" * (1048576 - len(s)))' > f-1mb-line.txt
printf '<?xml version="1.0" encoding="GB18030"?>\n<doc>委员会 ©</doc>\n' | conv /dev/stdin GB18030 > f-decl-gb18030.xml
printf '<?xml version="1.0" encoding="UTF-16"?>\n<doc>檔案館</doc>\n' | conv /dev/stdin UTF-16LE > f-decl-utf16le.xml
printf '<?xml version="1.0" encoding="UTF-16"?>\n<doc>檔案館</doc>\n' | conv /dev/stdin UTF-16BE > f-decl-utf16be.xml

# file encoding source bom line-endings nfc invalid removed
cat > expect.tsv <<'TSV'
f-utf8.txt	UTF-8	utf8	null	LF	true	0	0
f-utf8-bom.txt	UTF-8	bom	UTF-8	LF	true	0	0
f-utf16le.txt	UTF-16LE	detector	null	LF	true	0	0
f-utf16le-bom.txt	UTF-16LE	bom	UTF-16LE	LF	true	0	0
f-utf16be.txt	UTF-16BE	detector	null	LF	true	0	0
f-utf16be-bom.txt	UTF-16BE	bom	UTF-16BE	LF	true	0	0
f-utf32le.txt	UTF-32LE	detector	null	LF	true	0	0
f-utf32be-bom.txt	UTF-32BE	bom	UTF-32BE	LF	true	0	0
f-gb18030.txt	GB18030	detector	null	LF	true	0	0
f-gbk.txt	GB18030	detector	null	LF	true	0	0
f-big5.txt	BIG5	detector	null	LF	true	0	0
f-sjis.txt	SHIFT_JIS	detector	null	LF	true	0	0
f-cp1252.txt	WINDOWS-1252	detector	null	LF	true	0	0
f-latin1.txt	ISO-8859-1	detector	null	LF	true	0	0
f-emoji-utf16le.txt	UTF-16LE	bom	UTF-16LE	LF	true	0	0
f-gb18030-4byte.txt	GB18030	detector	null	LF	true	0	0
f-crlf.txt	UTF-8	utf8	null	CRLF	true	0	0
f-cr.txt	UTF-8	utf8	null	CR	true	0	0
f-nfd.txt	UTF-8	utf8	null	LF	false	0	0
f-controls.txt	UTF-8	utf8	null	LF	true	0	5
f-empty.txt	UTF-8	utf8	null	none	true	0	0
f-bom-only.txt	UTF-8	bom	UTF-8	none	true	0	0
f-invalid.txt	UTF-8	utf8	null	LF	true	1	0
f-1mb-line.txt	UTF-8	utf8	null	none	true	0	0
f-decl-gb18030.xml	GB18030	declaration	null	LF	true	0	0
f-decl-utf16le.xml	UTF-16LE	declaration	null	LF	true	0	0
f-decl-utf16be.xml	UTF-16BE	declaration	null	LF	true	0	0
TSV
files=$(cut -f1 expect.tsv)

# --json: every field checked against the table.
"$DOCBRIDGE" detect --json $files > out.json 2> json.err
"$PYTHON" - expect.tsv out.json <<'PY'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
got = {r["file"]: r for r in json.load(open(sys.argv[2], encoding="utf-8"))}
bad = 0
for f, enc, src, bom, le, nfc, inv, rem in rows:
    r = got.get(f)
    want = {"encoding": enc, "encoding_source": src, "bom": None if bom == "null" else bom,
            "line_endings": le, "nfc": nfc == "true", "invalid_bytes": int(inv),
            "removed_controls": int(rem)}
    if r is None:
        print(f"{f}: missing from --json output"); bad += 1; continue
    for k, v in want.items():
        if r.get(k) != v:
            print(f"{f}: {k} = {r.get(k)!r}, expected {v!r}"); bad += 1
    if not (0 < r["confidence"] <= 1):
        print(f"{f}: confidence {r['confidence']}"); bad += 1
    if "format" not in r or len(r["sha256"]) != 64:
        print(f"{f}: format/sha256 missing"); bad += 1
inv = got["f-invalid.txt"]
if inv["first_invalid_offset"] != len("first line\nsecond\n委员会在伦敦开会，审查了档案馆 ".encode()):
    print("f-invalid.txt: first_invalid_offset", inv["first_invalid_offset"]); bad += 1
if got["f-1mb-line.txt"]["byte_size"] != 1048576:
    print("f-1mb-line.txt: byte_size", got["f-1mb-line.txt"]["byte_size"]); bad += 1
sys.exit(1 if bad else 0)
PY

# The lenient warning: once, for the one bad file, with the count and the first offset; and one
# for the file whose control characters were removed, with their count.
test "$(grep -c 'warning' json.err)" = 2 || { cat json.err; echo "expected exactly two warnings"; exit 1; }
grep -c 'f-controls.txt: 5 control characters removed' json.err >/dev/null ||
  { cat json.err; echo "expected the controls warning"; exit 1; }
grep -q 'f-invalid.txt: 1 invalid UTF-8 byte replaced with U+FFFD, the first at byte 64' json.err \
  || { cat json.err; echo "warning text wrong"; exit 1; }

# Text output agrees with the JSON.
"$DOCBRIDGE" detect f-gb18030.txt f-utf16be-bom.txt f-crlf.txt f-nfd.txt > out.txt 2>/dev/null
grep -q '^f-gb18030.txt: .*encoding=GB18030 .*source=detector .*bom=none line-endings=LF nfc=yes' out.txt
grep -q '^f-utf16be-bom.txt: .*encoding=UTF-16BE .*source=bom bom=UTF-16BE' out.txt
grep -q '^f-crlf.txt: .*line-endings=CRLF' out.txt
grep -q '^f-nfd.txt: .*nfc=no' out.txt

# Strict: an error naming file, line, column, byte offset and the bytes seen; exit 1.
if "$DOCBRIDGE" detect --strict f-invalid.txt > strict.out 2> strict.err; then
  echo "strict detect should fail"; exit 1
fi
grep -q 'f-invalid.txt:3:17: invalid UTF-8 byte sequence at byte 64 (bytes seen: FF' strict.err \
  || { cat strict.err; exit 1; }
test ! -s strict.out
# A failing file among others: the rest are still reported, as valid JSON, and the exit is 1.
if "$DOCBRIDGE" detect --json --strict f-invalid.txt f-utf8.txt > mixed.json 2>/dev/null; then
  echo "strict detect with a bad file should exit 1"; exit 1
fi
"$PYTHON" -c 'import json,sys; r=json.load(open("mixed.json")); sys.exit(0 if [x["file"] for x in r] == ["f-utf8.txt"] else 1)'

# --from-encoding beats everything, even a BOM.
"$DOCBRIDGE" detect --json --from-encoding gbk f-gbk.txt > forced.json
"$PYTHON" -c 'import json,sys; r=json.load(open("forced.json"))[0]; sys.exit(0 if (r["encoding"], r["encoding_source"]) == ("GBK", "option") else 1)'
# Declarations through the plugins' sniff hooks, when those plugins are built: the format is
# probed from decoded text and the declared encoding wins over statistics.
has() { "$DOCBRIDGE" formats 2>/dev/null | grep -q "^$1 "; }
declared() { # file format encoding-regex
  "$DOCBRIDGE" detect --json "$1" > d.json
  "$PYTHON" - "$@" <<'PY'
import json, re, sys
f, fmt, enc = sys.argv[1:4]
r = json.load(open("d.json"))[0]
got = (r["format"], r["encoding"], r["encoding_source"])
if got[0] != fmt or not re.fullmatch(enc, got[1]) or got[2] != "declaration":
    print(f"{f}: {got}, expected {(fmt, enc, 'declaration')}"); sys.exit(1)
PY
}
TMX='<?xml version="1.0" encoding="ENC"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
<body><tu><tuv xml:lang="en"><seg>The committee met.</seg></tuv><tuv xml:lang="zh-CN"><seg>委员会开会了。</seg></tuv></tu></body></tmx>'
if has tmx; then
  printf '%s\n' "${TMX/ENC/GB18030}" | conv /dev/stdin GB18030 > t-gb18030.tmx
  printf '%s\n' "${TMX/ENC/UTF-16}" | conv /dev/stdin UTF-16BE > t-utf16be.tmx
  declared t-gb18030.tmx tmx GB18030
  declared t-utf16be.tmx tmx UTF-16BE
fi
if has po; then
  printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GBK\\n"\n\nmsgid "file"\nmsgstr "文件"\n' | conv /dev/stdin GBK > p-gbk.po
  declared p-gbk.po po GBK
fi
if has html; then
  printf '<html><head><meta charset="big5"><title>檔案</title></head><body><p>這份報告</p></body></html>\n' | conv /dev/stdin BIG5 > h-big5.html
  declared h-big5.html html 'BIG5(-HKSCS)?' # the html reader maps the label as WHATWG does
fi
echo "ok: $(echo $files | wc -w) fixtures"
