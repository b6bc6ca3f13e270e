#!/usr/bin/env bash
# text_report_markdown.sh - the bundled PDF-extracted report converts to markdown with -t
# markdown (and by the .md extension, and through stdin/stdout), with its structure: title,
# Chinese title, numbered headings, nested bullets, page breaks, boilerplate kept as comments.
set -euo pipefail
: "${DOCBRIDGE:?}" "${SRC:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
in="$SRC/fixtures/text/report.txt"

"$DOCBRIDGE" convert -t markdown -o "$tmp/report.out" "$in"
"$DOCBRIDGE" convert -o "$tmp/report.md" "$in"
cmp "$tmp/report.out" "$tmp/report.md"
"$DOCBRIDGE" convert -f text -t markdown - < "$in" > "$tmp/stdin.md"

fail() { echo "FAIL: $*" >&2; exit 1; }
has() { grep -qxF -- "$1" "$tmp/report.md" || fail "missing line: $1"; }
has "# UK-CHINA CLIMATE COLLABORATION REVIEW"
has "# 中英气候合作评估报告"
has "# 1. Introduction"
has "## 2.1 Joint research"
has "- Funding came from three sources:"
has "  - national research councils;"
has "- (a) Keep the joint fund open for new partners."
has "*Figure 1: Joint publications per year, 2017-2021*"
has "<!-- boilerplate (running-header): UK-China Climate Collaboration Review 2022 -->"
has "<!-- boilerplate (page-number): 3 -->"
has "date: 2022-06-21"
has "authors: Alice Smith; Wei Zhang; Tom Brown; Li Na"
grep -q "collaboration between UK and Chinese" "$tmp/report.md" || fail "hyphenation not repaired"
grep -q "well-known programmes as well as smaller UK-China exchanges" "$tmp/report.md" ||
    fail "real hyphens not kept"
grep -q "next funding period without a break" "$tmp/report.md" || fail "page rejoin"
[ "$(grep -cx -- '---' "$tmp/report.md")" -eq 4 ] || fail "expected 4 page breaks"
# Standard input has no name, so only the source line differs.
diff <(grep -v '^source:' "$tmp/report.md") <(grep -v '^source:' "$tmp/stdin.md") ||
    fail "stdin output differs"
echo "ok"
