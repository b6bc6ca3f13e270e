# cli_basics.sh - --version, --help of every subcommand, the formats table, stdin/stdout.
. "$(dirname "$0")/lib.bash"
"$DOCBRIDGE" --version | grep -Eq '^docbridge [0-9]+\.[0-9]+\.[0-9]+$' && pass || fail "--version"
for c in convert formats detect; do
    "$DOCBRIDGE" $c --help | grep -q "Usage: docbridge $c" && pass || fail "$c --help"
done
"$DOCBRIDGE" --help | grep -q "Exit codes" && pass || fail "--help lists exit codes"
table=$("$DOCBRIDGE" formats)
for f in text json jsonl markdown; do
    printf '%s\n' "$table" | awk '{print $1}' | grep -qx "$f" && pass || fail "formats lacks $f"
done
printf '%s\n' "$table" | grep -E '^text ' | grep -q "/plugins/text.so" && pass || fail "formats shows no file for text"
"$DOCBRIDGE" formats --json | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); assert any(p["name"]=="json" for p in d)' && pass || fail "formats --json"
# The current directory is never searched for plugins.
mkdir -p "$SCRATCH/cwd" && cp "$BUILD/plugins/text.so" "$SCRATCH/cwd/evil.so"
(cd "$SCRATCH/cwd" && "$DOCBRIDGE" formats 2>&1) | grep -q evil && fail "loaded a plugin from the current directory" || pass
# DOCBRIDGE_PLUGIN_PATH and --plugin-dir add plugins; a broken one is a one-line warning.
DOCBRIDGE_PLUGIN_PATH=$BUILD/test-plugins "$DOCBRIDGE" formats 2>"$SCRATCH/w" | grep -q '^testgood ' && pass || fail "DOCBRIDGE_PLUGIN_PATH"
grep -q 'wrong_abi.so: plugin skipped: plugin ABI major differs' "$SCRATCH/w" && pass || fail "broken plugin warning"
"$DOCBRIDGE" formats --plugin-dir "$BUILD/test-plugins" 2>/dev/null | grep -q '^testgood ' && pass || fail "--plugin-dir"
# stdin to stdout.
printf '# Title\n\nHello world.\n' | "$DOCBRIDGE" convert -f text -t json - | grep -q '"Hello world."' && pass || fail "stdin to stdout"
# A unit-only writer gets a document's blocks as one-variant units (the core's block adapter):
# every paragraph of the report is a PO entry, none is dropped.
n=$("$DOCBRIDGE" convert -q "$SRC/fixtures/text/report.txt" -t po | grep -c '^msgid "[^"]')
[ "$n" -gt 20 ] && pass || fail "text -> po gave $n entries"
"$DOCBRIDGE" convert -q "$SRC/fixtures/text/report.txt" -t po | grep -q "Officials met twice a year" && pass || fail "text -> po lost a paragraph"
# A BOM-less UTF-16 text file is text: the text probe trusts the input layer's detection.
printf 'Title\n\nHello from UTF-16.\n' | iconv -t UTF-16LE > "$SCRATCH/u16.txt"
"$DOCBRIDGE" convert -q "$SCRATCH/u16.txt" -t markdown | grep -c "Hello from UTF-16." >/dev/null && pass || fail "BOM-less UTF-16 text"
# Provenance carries the input's real size and SHA-256, whatever reader (the core completes the
# last document after the reader is done, even when it ended at </tmx>).
for f in tmx/full.tmx xliff/codes12.xlf po/full.po text/report.txt html/page.html tsv/basic.tsv; do
    want=$(sha256sum < "$SRC/fixtures/$f" | cut -d' ' -f1)
    size=$(stat -c %s "$SRC/fixtures/$f")
    got=$("$DOCBRIDGE" convert -q "$SRC/fixtures/$f" -t jsonl --records documents |
          "$PYTHON" -c 'import json,sys; p=[json.loads(l) for l in sys.stdin][-1]["provenance"]; print(p.get("sha256"), p.get("byte_size"))')
    [ "$got" = "$want $size" ] && pass || fail "$f provenance: $got, expected $want $size"
done
finish
