/* text_classify.c - what one line of PDF-extracted text looks like on its own.
 *
 * Why per line and context-free: extractors (pdftotext, layout and vision tools) lose the fonts
 * but keep typographic conventions on the line itself: markdown '#' and '**', bullets, section
 * numbers, leader dots in a table of contents, ALL CAPS titles. Everything that needs context
 * (does a short line stand alone? is "1." a heading or a list item? is this line repeated on
 * every page?) is decided later, by the page window and the assembler, from these shapes.
 */
#define _GNU_SOURCE /* memmem */
#include "text_internal.h"

#include <string.h>

static int is_sp(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_alpha(char c) { return is_lower(c) || is_upper(c); }
static char lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }

static int ieq(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (n != len)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != lit[i])
            return 0;
    return 1;
}

static int iprefix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (n > len)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != lit[i])
            return 0;
    return 1;
}

static size_t count_words(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_sp(s[i]) && (i == 0 || is_sp(s[i - 1])))
            n++;
    return n;
}

/* ---------- shared predicates ---------- */

int text_ends_sentence(const char *s, size_t len)
{
    /* Skip closing quotes and brackets: 'said "yes."' ends a sentence. */
    while (len) {
        uint32_t c = text_utf8_last(s, len);
        if (c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
            c == 0x300D || c == 0xFF09) {
            len -= c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
               c == 0x2026;
    }
    return 0;
}

int text_is_title_like(const char *s, size_t len)
{
    if (!len || len > 120 || count_words(s, len) > 14)
        return 0;
    uint32_t last = text_utf8_last(s, len);
    /* A heading does not end like a sentence or a clause, nor with a hyphen cut. */
    return !(last == '.' || last == ',' || last == ';' || last == ':' || last == '-' ||
             last == 0x3002 || last == 0xFF0C || last == 0xFF1B || last == 0xFF1A);
}

int text_is_all_caps(const char *s, size_t len)
{
    size_t upper = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_lower(s[i]))
            return 0;
        upper += is_upper(s[i]);
    }
    return upper >= 2;
}

static int is_small_word(const char *w, size_t n)
{
    static const char *const small[] = {"a", "an", "the", "and", "or", "of", "in", "on",
                                        "for", "to", "at", "by", "with", "from", "vs", "via",
                                        "nor", "but", "per", "as", "into", "de", "la", "du",
                                        "und", "et", NULL};
    for (const char *const *p = small; *p; p++)
        if (ieq(w, n, *p))
            return 1;
    return 0;
}

int text_is_title_case(const char *s, size_t len)
{
    size_t i = 0, capital = 0, words = 0;
    while (i < len) {
        while (i < len && is_sp(s[i]))
            i++;
        size_t start = i;
        while (i < len && !is_sp(s[i]))
            i++;
        if (start == i)
            break;
        size_t w = start;
        while (w < i && !is_alpha(s[w]) && !is_digit(s[w]) && (unsigned char)s[w] < 0x80)
            w++; /* leading "(" or quote */
        words++;
        if (w < i && is_lower(s[w]) && (words == 1 || !is_small_word(s + w, i - w)))
            return 0;
        capital += w < i && is_upper(s[w]);
    }
    return capital >= 1;
}

int text_is_cjk_line(const char *s, size_t len)
{
    size_t cjk = 0, latin = 0;
    const char *p = s, *end = s + len;
    while (p < end) {
        uint32_t c = text_utf8_next(&p, end);
        if (text_is_cjk(c) && !(c >= 0x3000 && c <= 0x303F))
            cjk++;
        else if (c < 0x80 && is_alpha((char)c))
            latin++;
    }
    return cjk >= 2 && cjk >= latin;
}

int text_is_page_number(const char *s, size_t len)
{
    /* "12", "- 12 -", "Page 12", "Page 12 of 40", "12 / 40", "xii", "第 3 页" */
    size_t i = 0;
    while (i < len && (is_sp(s[i]) || s[i] == '-' || s[i] == '|'))
        i++;
    if (iprefix(s + i, len - i, "page "))
        i += 5;
    else if (len - i >= 3 && memcmp(s + i, "\xe7\xac\xac", 3) == 0) /* 第 */
        i += 3;
    while (i < len && is_sp(s[i]))
        i++;
    size_t d = i;
    while (i < len && is_digit(s[i]))
        i++;
    if (i == d) {
        /* lower-case roman numerals, as front matter is numbered */
        while (i < len && strchr("ivxlc", s[i]))
            i++;
        if (i == d || i - d > 6)
            return 0;
    } else if (i - d > 4) {
        return 0;
    }
    while (i < len && is_sp(s[i]))
        i++;
    if (i + 3 <= len && ieq(s + i, 2, "of") && is_sp(s[i + 2]))
        i += 3;
    else if (i < len && s[i] == '/')
        i++;
    else
        goto tail;
    while (i < len && is_sp(s[i]))
        i++;
    d = i;
    while (i < len && is_digit(s[i]))
        i++;
    if (i == d)
        return 0;
tail:
    while (i < len && is_sp(s[i]))
        i++;
    if (len - i >= 3 && memcmp(s + i, "\xe9\xa1\xb5", 3) == 0) /* 页 */
        i += 3;
    while (i < len && (is_sp(s[i]) || s[i] == '-' || s[i] == '|'))
        i++;
    return i == len;
}

/* ---------- line shapes ---------- */

static void set_body(tx_line *l, size_t off, size_t len)
{
    while (len && is_sp(l->text[off])) {
        off++;
        len--;
    }
    while (len && is_sp(l->text[off + len - 1]))
        len--;
    l->body = off;
    l->body_len = len;
}

/* "---" (three or more), alone: a page-break marker as extractors write them. */
static int classify_rule(tx_line *l)
{
    if (l->len < 3)
        return 0;
    for (size_t i = 0; i < l->len; i++)
        if (l->text[i] != '-')
            return 0;
    l->kind = TX_PAGE_BREAK;
    return 1;
}

/* Leading "1.", "3.2", "5.7.1." numbering: returns its length (0 when none), its depth. */
static size_t numbering(const char *s, size_t len, int *depth, int *trailing_dot)
{
    size_t i = 0;
    int parts = 0;
    *trailing_dot = 0;
    for (;;) {
        size_t d = i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == d || i - d > 3)
            return 0;
        parts++;
        if (i < len && s[i] == '.' && i + 1 < len && is_digit(s[i + 1])) {
            i++;
            continue;
        }
        break;
    }
    if (i < len && s[i] == '.') {
        *trailing_dot = 1;
        i++;
    }
    if (i >= len || !is_sp(s[i]) || parts > 6)
        return 0;
    *depth = parts;
    return i;
}

/* A body that can be a heading: title-like and starting with a capital or a CJK character. */
static int heading_body(const char *s, size_t len)
{
    if (!len || !text_is_title_like(s, len))
        return 0;
    const char *p = s;
    uint32_t c = text_utf8_next(&p, s + len);
    return (c < 0x80 && is_upper((char)c)) || text_is_cjk(c);
}

static void strip_bold(tx_line *l)
{
    const char *b = l->text + l->body;
    size_t n = l->body_len;
    if (n > 4 && ((b[0] == '*' && b[1] == '*' && b[n - 1] == '*' && b[n - 2] == '*') ||
                  (b[0] == '_' && b[1] == '_' && b[n - 1] == '_' && b[n - 2] == '_')))
        set_body(l, l->body + 2, n - 4);
}

/* The numbering inside a heading body ("5.1 Scope") becomes the marker; the text keeps it. */
static void heading_numbering(tx_line *l, int set_level)
{
    int depth, dot;
    size_t n = numbering(l->text + l->body, l->body_len, &depth, &dot);
    if (!n)
        return;
    l->marker = l->body;
    l->marker_len = dot ? n - 1 : n;
    if (set_level)
        l->level = depth;
}

static int classify_md_heading(tx_line *l)
{
    size_t n = 0;
    while (n < l->len && l->text[n] == '#')
        n++;
    if (n < 1 || n > 6 || n >= l->len || !is_sp(l->text[n]))
        return 0;
    size_t end = l->len;
    while (end > n && (l->text[end - 1] == '#' || is_sp(l->text[end - 1])))
        end--; /* closing "##" of the ATX form */
    if (end <= n)
        return 0;
    set_body(l, n, end - n);
    strip_bold(l);
    heading_numbering(l, 0);
    l->kind = TX_MD_HEADING;
    l->level = (int)n;
    return 1;
}

static int classify_bold(tx_line *l)
{
    set_body(l, 0, l->len);
    strip_bold(l);
    if (l->body == 0 || !l->body_len || memmem(l->text + l->body, l->body_len, "**", 2))
        return 0;
    l->kind = TX_BOLD;
    l->level = 2;
    heading_numbering(l, 1);
    return 1;
}

static int bracket_word(const char *s, size_t len)
{
    static const char *const words[] = {"image", "figure", "fig", "photo", "picture", "chart",
                                        "graph", "diagram", "illustration", "signature", "logo",
                                        "map", "infographic", "stamp", "seal", "photograph",
                                        NULL};
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w);
        if (iprefix(s, len, *w) && (n == len || !is_alpha(s[n])))
            return 1;
    }
    /* 图 (figure), 图片 (picture), 签名 (signature) */
    return (len >= 3 && (memcmp(s, "\xe5\x9b\xbe", 3) == 0)) ||
           (len >= 6 && memcmp(s, "\xe7\xad\xbe\xe5\x90\x8d", 6) == 0);
}

static int classify_figure(tx_line *l)
{
    const char *s = l->text;
    size_t len = l->len;
    if (len > 4 && s[0] == '!' && s[1] == '[' && s[len - 1] == ')') {
        const char *close = memmem(s, len, "](", 2);
        if (close) {
            set_body(l, 2, (size_t)(close - s) - 2);
            l->marker = (size_t)(close - s) + 2; /* the image source */
            l->marker_len = len - 1 - l->marker;
            l->kind = TX_FIGURE;
            l->figure = "markdown-image";
            return 1;
        }
    }
    /* "<!-- image -->": how docling marks a picture it did not describe */
    if (len > 9 && memcmp(s, "<!--", 4) == 0 && memcmp(s + len - 3, "-->", 3) == 0) {
        size_t i = 4;
        while (i < len && is_sp(s[i]))
            i++;
        if (bracket_word(s + i, len - 3 - i)) {
            set_body(l, 0, len);
            l->kind = TX_FIGURE;
            l->figure = "comment";
            return 1;
        }
    }
    if (len > 2 && s[0] == '[' && s[len - 1] == ']' && bracket_word(s + 1, len - 2)) {
        set_body(l, 0, len);
        l->kind = TX_FIGURE;
        l->figure = "bracket";
        return 1;
    }
    static const char *const captions[] = {"figure ", "fig. ", "fig ", "chart ", "graph ",
                                           "diagram ", "map ", "exhibit ", "photo ", NULL};
    for (const char *const *c = captions; *c; c++) {
        size_t n = strlen(*c);
        if (iprefix(s, len, *c) && n < len && (is_digit(s[n]) || is_upper(s[n]))) {
            size_t i = n;
            while (i < len && (is_digit(s[i]) || s[i] == '.' || s[i] == '-' || is_upper(s[i])))
                i++;
            if (i < len && s[i] != ':' && s[i] != '.' && !is_sp(s[i]))
                continue;
            set_body(l, 0, len);
            l->kind = TX_FIGURE;
            l->figure = "caption";
            return 1;
        }
    }
    if (len > 3 && memcmp(s, "\xe5\x9b\xbe", 3) == 0 && (is_digit(s[3]) || is_sp(s[3]))) {
        set_body(l, 0, len);
        l->kind = TX_FIGURE;
        l->figure = "caption";
        return 1;
    }
    return 0;
}

static int classify_toc_title(tx_line *l)
{
    const char *s = l->text;
    size_t len = l->len;
    if (ieq(s, len, "contents") || ieq(s, len, "table of contents") ||
        ieq(s, len, "content") || (len == 6 && memcmp(s, "\xe7\x9b\xae\xe5\xbd\x95", 6) == 0) ||
        (len == 7 && memcmp(s, "\xe7\x9b\xae \xe5\xbd\x95", 7) == 0)) {
        set_body(l, 0, len);
        l->kind = TX_TOC_TITLE;
        return 1;
    }
    return 0;
}

/* "3.2 Methods ........ 14", "Introduction\t3", "Annex A   22": a title, a leader, a page. */
static int classify_toc_entry(tx_line *l)
{
    const char *s = l->text;
    size_t len = l->len, i = len;
    while (i > 0 && is_digit(s[i - 1]))
        i--;
    if (i == len || len - i > 4 || i == 0)
        return 0;
    int dots = 0, spaces = 0, tab = 0;
    while (i > 0) {
        char c = s[i - 1];
        if (c == '.')
            dots++;
        else if (c == ' ')
            spaces++;
        else if (c == '\t')
            tab++;
        else if ((unsigned char)c == 0xA6 && i >= 3 && memcmp(s + i - 3, "\xe2\x80\xa6", 3) == 0)
        {
            dots += 2; /* … */
            i -= 2;
        } else
            break;
        i--;
    }
    if (!(dots >= 2 || tab || spaces >= 2) || i == 0 || count_words(s, i) > 15)
        return 0;
    set_body(l, 0, len);
    l->kind = TX_TOC_ENTRY;
    return 1;
}

/* Bullet markers as UTF-8 strings; each is followed by white space in a list item. */
static const char *const BULLETS[] = {
    "\xe2\x80\xa2", /* • */ "\xe2\x97\xa6", /* ◦ */ "\xe2\x96\xaa", /* ▪ */
    "\xe2\x80\xa3", /* ‣ */ "\xc2\xb7",     /* · */ "\xe2\x97\x8f", /* ● */
    "\xe2\x97\x8b", /* ○ */ "\xe2\x96\xa0", /* ■ */ "\xe2\x96\xa1", /* □ */
    "\xe2\x9e\xa2", /* ➢ */ "\xe2\x96\xba", /* ► */ "\xe2\x80\x93", /* – */
    "\xe2\x80\x94", /* — */ "\xef\x82\xb7", /* Symbol-font bullet in the private use area */
    "-", "*", "+", NULL};

static size_t bullet_marker(const char *s, size_t len)
{
    for (const char *const *b = BULLETS; *b; b++) {
        size_t n = strlen(*b);
        if (n < len && memcmp(s, *b, n) == 0 && is_sp(s[n]))
            return n;
    }
    return 0;
}

/* "(a)", "(iv)", "(1)", "a)", "b.", "1)": enumerations that are never headings. */
static size_t enum_marker(const char *s, size_t len)
{
    size_t i = 0;
    if (len > 2 && s[0] == '(') {
        i = 1;
        while (i < len && i <= 5 && (is_alpha(s[i]) || is_digit(s[i])))
            i++;
        if (i > 1 && i < len && s[i] == ')' && i + 1 < len && is_sp(s[i + 1]))
            return i + 1;
        return 0;
    }
    if (len > 2 && is_lower(s[0]) && (s[1] == ')' || s[1] == '.') && is_sp(s[2]))
        return 2;
    if (len > 2 && is_upper(s[0]) && s[1] == ')' && is_sp(s[2]))
        return 2;
    while (i < len && i < 3 && is_digit(s[i]))
        i++;
    if (i && i + 1 < len && s[i] == ')' && is_sp(s[i + 1]))
        return i + 1;
    return 0;
}

static int classify_list(tx_line *l)
{
    size_t m = bullet_marker(l->text, l->len);
    if (!m)
        m = enum_marker(l->text, l->len);
    if (!m)
        return 0;
    set_body(l, m, l->len - m);
    if (!l->body_len)
        return 0;
    l->marker = 0;
    l->marker_len = m;
    l->shape = text_marker_shape(l->text, m);
    l->kind = TX_LIST;
    return 1;
}

/* "1. Introduction" (heading or list item: the assembler decides), "3.2 Methods" (heading). */
static int classify_numbered(tx_line *l)
{
    int depth, dot;
    size_t n = numbering(l->text, l->len, &depth, &dot);
    if (!n)
        return 0;
    set_body(l, n, l->len - n);
    if (!l->body_len)
        return 0;
    l->marker = 0;
    l->marker_len = dot ? n - 1 : n;
    l->level = depth;
    if (depth == 1 && dot) {
        l->kind = TX_NUMBERED;
        l->marker_len = n; /* "1." as a list marker */
        l->shape = text_marker_shape(l->text, n);
        return 1;
    }
    if (depth >= 2 && heading_body(l->text + l->body, l->body_len)) {
        set_body(l, 0, l->len); /* the heading keeps its number */
        l->kind = TX_NUM_HEADING;
        return 1;
    }
    return 0;
}

/* "Chapter 3", "Annex A: Data", "Appendix 2 - Methods", "Part II": level-1 headings. */
static int classify_chapter(tx_line *l)
{
    static const char *const words[] = {"chapter ", "annex ", "appendix ", "part ", "section ",
                                        NULL};
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w);
        if (!iprefix(l->text, l->len, *w) || !is_upper(l->text[0]) || n >= l->len)
            continue;
        char c = l->text[n];
        if (!(is_digit(c) || is_upper(c)) || !text_is_title_like(l->text, l->len) ||
            count_words(l->text, l->len) > 10)
            continue;
        set_body(l, 0, l->len);
        l->kind = TX_NUM_HEADING;
        l->level = 1;
        return 1;
    }
    return 0;
}

static int classify_strong(tx_line *l)
{
    const char *s = l->text;
    size_t len = l->len;
    if (len > 120)
        return 0;
    /* The shape tests first: they fail on the first lower-case word of ordinary prose, which
     * is most lines, so the costlier tests below rarely run (this is a hot path). */
    int caps = text_is_all_caps(s, len);
    int cjk = !caps && (unsigned char)s[0] >= 0x80 && len <= 90 && text_is_cjk_line(s, len);
    int title = !caps && !cjk && text_is_title_case(s, len);
    if (!caps && !cjk && !title)
        return 0;
    if (!text_is_title_like(s, len) || count_words(s, len) > 10)
        return 0;
    /* "From: Department for Science" is a labelled field, not a heading */
    const char *colon = memchr(s, ':', len);
    int label = colon && (size_t)(colon - s) + 1 < len && count_words(s, (size_t)(colon - s)) <= 1;
    if (title && (label || !heading_body(s, len)))
        return 0;
    set_body(l, 0, len);
    l->kind = TX_STRONG;
    l->level = caps || cjk ? 1 : 2;
    return 1;
}

static int has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_digit(s[i]))
            return 1;
    return 0;
}

static int classify_meta(tx_line *l)
{
    char iso[11];
    /* cheap gates first: every date has a digit; author lines are short */
    if (l->len > 300 || (!has_digit(l->text, l->len) && l->len > 0 &&
                         !strchr("bBaAwW\xe4", l->text[0])))
        return 0;
    if (text_date_line(l->text, l->len, iso)) {
        l->kind = TX_META;
        l->meta = "date";
    } else if (text_author_line(l->text, l->len, NULL, NULL)) {
        l->kind = TX_META;
        l->meta = "authors";
    } else {
        return 0;
    }
    set_body(l, 0, l->len);
    return 1;
}

/* "| a | b |": a table row; "|---|:--:|": its header separator. */
static int classify_table(tx_line *l)
{
    const char *s = l->text;
    size_t len = l->len;
    if (len < 3 || s[0] != '|' || s[len - 1] != '|')
        return 0;
    size_t bars = 0, dashes = 0, other = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '|')
            bars++;
        else if (s[i] == '-')
            dashes++;
        else if (s[i] != ':' && !is_sp(s[i]))
            other++;
    }
    if (bars < 2)
        return 0;
    set_body(l, 0, len);
    l->kind = other == 0 && dashes ? TX_TABLE_SEP : TX_TABLE;
    return 1;
}

/* "> quoted": a block quote as markdown writes it. */
static int classify_quote(tx_line *l)
{
    if (l->len < 2 || l->text[0] != '>' || !(is_sp(l->text[1])))
        return 0;
    set_body(l, 1, l->len - 1);
    if (!l->body_len)
        return 0;
    l->kind = TX_QUOTE;
    return 1;
}

static int classify_web(tx_line *l)
{
    const char *type = text_web_line(l->text, l->len);
    if (!type)
        return 0;
    set_body(l, 0, l->len);
    l->kind = TX_BOILER;
    l->boiler = type;
    return 1;
}

void text_classify_line(tx_line *l)
{
    l->kind = TX_TEXT;
    l->level = 0;
    l->shape = 0;
    l->marker = l->marker_len = 0;
    l->boiler = l->meta = l->figure = NULL;
    set_body(l, 0, l->len);
    if (!l->len) {
        l->kind = TX_BLANK;
        return;
    }
    if (classify_rule(l) || classify_md_heading(l) || classify_figure(l) || classify_table(l) ||
        classify_quote(l) || classify_web(l) ||
        classify_meta(l) || classify_bold(l) || classify_toc_title(l) ||
        classify_toc_entry(l) || classify_list(l) || classify_numbered(l) ||
        classify_chapter(l) || classify_strong(l))
        return;
    l->kind = TX_TEXT;
    l->level = 0;
    l->marker = l->marker_len = 0;
    set_body(l, 0, l->len);
}
