#!/usr/bin/env bash
# encoding_convert.sh - the input layer through whole conversions (issue 3): a UTF-8 NFC JSONL
# dataset holding English and Chinese (simplified, traditional) text is transcoded with iconv
# into each encoding, converted back to JSONL by docbridge, and compared byte for byte with the
# source (provenance lines aside, which must name the original encoding). Also: decomposed input
# comes out composed; lenient mode warns once; strict mode fails with file:line:col and writes
# nothing.
set -euo pipefail
: "${DOCBRIDGE:?}" "${PYTHON:=python3}"
command -v iconv >/dev/null || { echo "skipped: iconv not found"; exit 77; }
"$DOCBRIDGE" formats 2>/dev/null | grep -c '^jsonl ' || { echo "skipped: jsonl plugin not built"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

cat > src.jsonl <<'TXT'
{"type":"document","id":"d1","lang":"zh"}
{"type":"block","doc":"d1","kind":"paragraph","text":"The committee met in London on Tuesday to review the archive."}
{"type":"block","doc":"d1","kind":"paragraph","text":"委员会星期二在伦敦开会，审查了档案馆的全部文件。"}
{"type":"block","doc":"d1","kind":"paragraph","text":"這份報告說明了檔案館如何保存歷史文獻與珍貴的手稿。"}
{"type":"block","doc":"d1","kind":"paragraph","text":"我们希望这些文件能够长期保存，供后人研究使用。圖書館的讀者可以查閱這些資料。"}
TXT
body() { grep -v '"document_end"' "$1"; }
prov_encoding() { grep '"document_end"' "$1" | "$PYTHON" -c 'import json,sys; print(json.loads(sys.stdin.readline())["provenance"]["encoding"])'; }

check() { # file expected-encoding
  "$DOCBRIDGE" convert "$1" -f jsonl -t jsonl -o "$1.out" 2> "$1.err"
  if [ -s "$1.err" ]; then cat "$1.err"; echo "$1: unexpected warnings"; exit 1; fi
  body "$1.out" | cmp - src.jsonl || { echo "$1: text differs from the source"; exit 1; }
  got=$(prov_encoding "$1.out")
  [ "$got" = "$2" ] || { echo "$1: provenance encoding $got, expected $2"; exit 1; }
}
for enc in UTF-16LE UTF-16BE UTF-32LE GB18030; do
  iconv -f UTF-8 -t "$enc" src.jsonl > "in-$enc.jsonl"
  check "in-$enc.jsonl" "$enc"
done
printf '\377\376' > in-bom16.jsonl; iconv -f UTF-8 -t UTF-16LE src.jsonl >> in-bom16.jsonl
check in-bom16.jsonl UTF-16LE
printf '\357\273\277' > in-bom8.jsonl; cat src.jsonl >> in-bom8.jsonl
check in-bom8.jsonl UTF-8
sed 's/$/\r/' src.jsonl > in-crlf.jsonl
check in-crlf.jsonl UTF-8
# Decomposed (NFD) input comes out composed (NFC), equal to the source.
"$PYTHON" -c 'import sys, unicodedata; sys.stdout.write(unicodedata.normalize("NFD", open("src.jsonl", encoding="utf-8").read().replace("London", "Lóndön")))' > in-nfd.jsonl
"$PYTHON" -c 'import sys; sys.stdout.write(open("src.jsonl", encoding="utf-8").read().replace("London", "Lóndön"))' > src-nfc.jsonl
"$DOCBRIDGE" convert in-nfd.jsonl -f jsonl -t jsonl -o nfd.out
body nfd.out | cmp - src-nfc.jsonl

# Random mixes of marks, jamo, singletons and starters agree with Python's unicodedata NFC.
"$PYTHON" - <<'PY'
import json, random
r = random.Random(7)
pieces = ["a", "e", "\u0301", "\u0327", "\u0323", "\u1100", "\u1161", "\u11a8", "\uac00", "委",
          "\u212b", "\U0001f600", "ñ", "\u0344", " ", "か", "\u3099", "\u0958", "\u0f73"]
with open("rand.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"type": "document", "id": "r"}) + "\n")
    for i in range(300):
        text = "x" + "".join(r.choice(pieces) for _ in range(r.randint(1, 40)))
        f.write(json.dumps({"type": "block", "doc": "r", "kind": "paragraph", "text": text},
                           ensure_ascii=False) + "\n")
PY
"$DOCBRIDGE" convert rand.jsonl -f jsonl -t jsonl -o rand.out -O chunk-size=3
"$PYTHON" - <<'PY'
import json, sys, unicodedata
src = [json.loads(l) for l in open("rand.jsonl", encoding="utf-8")][1:]
out = [json.loads(l) for l in open("rand.out", encoding="utf-8") if '"block"' in l]
assert len(src) == len(out), (len(src), len(out))
bad = [(a["text"], b["text"]) for a, b in zip(src, out) if unicodedata.normalize("NFC", a["text"]) != b["text"]]
if bad:
    print("NFC mismatch:", ascii(bad[0])); sys.exit(1)
PY

# Folds act on text after parsing: full-width quote, backslash, <, & and curly quotes become
# ASCII inside strings and are escaped by the writer, never breaking the JSON they came in.
cat > folds.jsonl <<'TXT'
{"type":"document","id":"f"}
{"type":"block","doc":"f","kind":"paragraph","text":"a＂b＼c ＜x＞ ＆ “Hi” ‘x’ ﬁle　ＡＢＣ１ 委员会"}
{"type":"unit","doc":"f","variants":[{"lang":"zh","text":"“文件”＂","plurals":[{"text":"％ｄ 个"}]}]}
TXT
"$DOCBRIDGE" convert folds.jsonl -f jsonl -t jsonl -o fw.out --fold-width --fold-quotes
"$DOCBRIDGE" convert folds.jsonl -f jsonl -t jsonl -o nfkc.out --normalize nfkc
"$DOCBRIDGE" convert folds.jsonl -f jsonl -t jsonl -o none.out
"$PYTHON" - <<'PY'
import json, sys
def texts(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    b = [r["text"] for r in rows if r["type"] == "block"][0]
    u = [r for r in rows if r["type"] == "unit"][0]["variants"][0]
    return b, u["text"], u["plurals"][0]["text"]
want = {
    "fw.out": ('a"b\\c <x> & "Hi" \'x\' ﬁle ABC1 委员会', '"文件""', "%d 个"),
    "nfkc.out": ('a"b\\c <x> & “Hi” ‘x’ file ABC1 委员会', '“文件”"', "%d 个"),
    "none.out": ("a＂b＼c ＜x＞ ＆ “Hi” ‘x’ ﬁle　ＡＢＣ１ 委员会", "“文件”＂", "％ｄ 个"),
}
for f, w in want.items():
    if texts(f) != w:
        print(f, ascii(texts(f)), "expected", ascii(w)); sys.exit(1)
PY

# One invalid byte on line 3: lenient warns once with the count and offset; strict fails.
"$PYTHON" -c 'import sys; d = open("src.jsonl", "rb").read().replace("开会".encode(), "开".encode() + b"\xff" + "会".encode(), 1); sys.stdout.buffer.write(d)' > bad.jsonl
off=$("$PYTHON" -c 'print(open("bad.jsonl","rb").read().index(b"\xff"))')
# column in characters: the bad byte is the next one after line 3's text up to and with 开
col=$("$PYTHON" -c 'l = open("src.jsonl", encoding="utf-8").read().split("\n")[2]; print(l.index("开") + 2)')
"$DOCBRIDGE" convert bad.jsonl -f jsonl -t jsonl -o bad.out 2> bad.err
test "$(grep -c warning bad.err)" = 1 || { cat bad.err; exit 1; }
grep -q "bad.jsonl: 1 invalid UTF-8 byte replaced with U+FFFD, the first at byte $off" bad.err || { cat bad.err; exit 1; }
grep -q '开�会' bad.out
grep -q '"invalid_bytes":1' bad.out
# Inside an archive the warning names the member.
if command -v tar >/dev/null; then
  tar cf bad.tar bad.jsonl
  "$DOCBRIDGE" convert bad.tar -t jsonl -o bad-tar.out 2> tar.err
  grep -q "bad.tar:bad.jsonl: 1 invalid UTF-8 byte replaced with U+FFFD, the first at byte $off" tar.err \
    || { cat tar.err; echo "archive member warning wrong"; exit 1; }
fi
if "$DOCBRIDGE" convert --strict bad.jsonl -f jsonl -t jsonl -o strict.out 2> strict.err; then
  echo "strict conversion should fail"; exit 1
fi
grep -q "bad.jsonl:3:$col: invalid UTF-8 byte sequence at byte $off (bytes seen: FF" strict.err || { cat strict.err; exit 1; }
test ! -e strict.out
echo ok
