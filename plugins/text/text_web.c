/* text_web.c - web-page furniture in text dumps: breadcrumbs, download banners, format and
 * file-size tables, cookie and reuse notices, "skip to content" navigation.
 *
 * Why keyword shapes and not a classifier: a saved web page's furniture is formulaic (site
 * templates), and being wrong is cheap because boilerplate is marked, never dropped: a
 * consumer that disagrees can take the block back. Short lines are judged alone (breadcrumbs,
 * banners, table rows); notices are judged as whole paragraphs, because they wrap.
 */
#define _GNU_SOURCE /* strncasecmp */
#include "text_internal.h"

#include <string.h>
#include <strings.h>

static int is_sp(char c) { return c == ' ' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* The text lower-cased once, so each keyword test is one search (the reader runs these tests
 * on every line: a per-keyword case-insensitive scan was the reader's hottest path). */
#define WEB_MAX 2048
typedef struct web_text {
    char low[WEB_MAX];
    size_t len;
    size_t words;
} web_text;

/* Lower-cases and counts words in one pass. */
static int web_prepare(web_text *w, const char *s, size_t len)
{
    if (len >= WEB_MAX)
        return 0;
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int sp = c == ' ' || c == '\t';
        words += !sp && !in_word;
        in_word = !sp;
        w->low[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    w->len = len;
    w->words = words;
    w->low[len] = '\0';
    return 1;
}

/* Whether s holds word (n >= 1 bytes). memchr to each candidate first byte and a memcmp:
 * glibc's memmem sets up a shift table on every call, which on lines this short cost more
 * than the search (13 % of text -> JSONL). */
static int web_find(const char *s, size_t len, const char *word, size_t n)
{
    const char *p = s, *end = s + len;
    while ((size_t)(end - p) >= n) {
        p = memchr(p, word[0], (size_t)(end - p) - n + 1);
        if (!p)
            return 0;
        if (memcmp(p + 1, word + 1, n - 1) == 0)
            return 1;
        p++;
    }
    return 0;
}

/* word is a string literal: its length is known at compile time */
#define has(w, word) web_find((w)->low, (w)->len, (word), sizeof(word) - 1)

static int ieq(const char *s, size_t len, const char *lit)
{
    return strlen(lit) == len && strncasecmp(s, lit, len) == 0;
}

static size_t words_of(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!is_sp(s[i]) && (i == 0 || is_sp(s[i - 1])) && ++n > 120)
            break; /* no test here cares beyond 120 words */
    return n;
}

/* "Home > News > Announcement Board": separators " > ", " › ", " » ", each part short. */
static int is_breadcrumb(const char *s, size_t len)
{
    static const char *const seps[] = {" > ", " \xe2\x80\xba ", " \xc2\xbb ", " / ", NULL};
    for (const char *const *sep = seps; *sep; sep++) {
        size_t sl = strlen(*sep), parts = 1, start = 0, longest = 0;
        for (size_t i = 0; i + sl <= len; i++)
            if (memcmp(s + i, *sep, sl) == 0) {
                size_t w = words_of(s + start, i - start);
                longest = w > longest ? w : longest;
                parts++;
                start = i + sl;
                i += sl - 1;
            }
        size_t w = words_of(s + start, len - start);
        longest = w > longest ? w : longest;
        if (parts < 2 || longest > 6 || text_ends_sentence(s, len))
            continue;
        /* " / " is common in prose ("and / or"): only with a "Home" first part. */
        int home = ieq(s, 4 < len ? 4 : len, "home") ||
                   (len >= 6 && memcmp(s, "\xe9\xa6\x96\xe9\xa1\xb5", 6) == 0); /* 首页 */
        if (home || (sep != seps + 3 && parts >= 2))
            return 1;
    }
    return 0;
}

/* "245 KB", "1.2MB", "88 kB", "3 pages": a file size or page count. */
static int has_file_size(const char *s, size_t len)
{
    static const char *const units[] = {"kb", "mb", "gb", "kib", "mib", "bytes", "k", NULL};
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(s[i]) || (i && (is_digit(s[i - 1]) || s[i - 1] == '.')))
            continue;
        size_t j = i;
        while (j < len && (is_digit(s[j]) || s[j] == '.' || s[j] == ','))
            j++;
        while (j < len && is_sp(s[j]))
            j++;
        for (const char *const *u = units; *u; u++) {
            size_t n = strlen(*u);
            if (j + n <= len && strncasecmp(s + j, *u, n) == 0 &&
                (j + n == len || !((s[j + n] | 0x20) >= 'a' && (s[j + n] | 0x20) <= 'z')))
                return 1;
        }
    }
    return 0;
}

static int has_format_name(const char *s, size_t len)
{
    static const char *const fmts[] = {"pdf", "docx", "doc", "xlsx", "xls", "csv", "odt", "ods",
                                       "html", "zip", "epub", "pptx", "rtf", "txt", NULL};
    for (size_t i = 0; i < len; i++) {
        if (i && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))
            continue;
        for (const char *const *f = fmts; *f; f++) {
            size_t n = strlen(*f);
            if (i + n <= len && strncasecmp(s + i, *f, n) == 0 &&
                (i + n == len || !((s[i + n] | 0x20) >= 'a' && (s[i + n] | 0x20) <= 'z')))
                return 1;
        }
    }
    return 0;
}

/* A header row of a download table: only words like Format, Size, File, Type, Language. */
static int is_table_header(const char *s, size_t len)
{
    static const char *const words[] = {"format", "file", "size", "type", "language",
                                        "pages", "name", "download", "version", NULL};
    size_t i = 0, seen = 0, sized = 0;
    while (i < len) {
        while (i < len && (is_sp(s[i]) || s[i] == '|'))
            i++;
        size_t st = i;
        while (i < len && !is_sp(s[i]) && s[i] != '|')
            i++;
        if (i == st)
            break;
        int ok = 0;
        for (const char *const *w = words; *w && !ok; w++)
            ok = ieq(s + st, i - st, *w);
        if (!ok)
            return 0;
        sized |= ieq(s + st, i - st, "size") || ieq(s + st, i - st, "format");
        seen++;
    }
    return seen >= 2 && sized;
}

static int is_download(const web_text *w, const char *s, size_t len, size_t words)
{
    if (words > 16 || !has(w, "download"))
        return 0;
    return words <= 8 || has_format_name(s, len) || has_file_size(s, len) || has(w, "report") ||
           has(w, "file") || has(w, "here") || has(w, "attachment") || has(w, "document") ||
           has(w, "version");
}

static int is_navigation(const char *s, size_t len)
{
    static const char *const phrases[] = {
        "skip to main content", "skip to content", "back to top", "print this page",
        "share this page", "print", "share", "menu", "search", "was this page useful?",
        "is this page useful?", "report a problem with this page", "return to top",
        "related content", "related links", "follow us", "sign up for emails", NULL};
    while (len && (s[len - 1] == ' '))
        len--;
    for (const char *const *p = phrases; *p; p++)
        if (ieq(s, len, *p))
            return 1;
    return 0;
}

static int is_copyright(const web_text *w, size_t words)
{
    return words <= 20 && ((w->len >= 9 && memcmp(w->low, "copyright", 9) == 0) ||
                           (w->len >= 2 && memcmp(w->low, "\xc2\xa9", 2) == 0) ||
                           has(w, "all rights reserved"));
}

/* Could the line hold a breadcrumb separator at all? Most lines cannot: skip the scans. */
static int maybe_breadcrumb(const char *s, size_t len)
{
    return memchr(s, '>', len) || memchr(s, '/', len) || web_find(s, len, "\xe2\x80\xba", 3) ||
           web_find(s, len, "\xc2\xbb", 2);
}

const char *text_web_line(const char *s, size_t len)
{
    web_text w;
    if (!len || len > 400 || !web_prepare(&w, s, len) || w.words > 30)
        return NULL;
    size_t words = w.words;
    if (maybe_breadcrumb(s, len) && is_breadcrumb(s, len))
        return "breadcrumb";
    if (is_download(&w, s, len, words))
        return "download";
    if (is_table_header(s, len) || (words <= 8 && has_file_size(s, len) && has_format_name(s, len)))
        return "file-table";
    if (len <= 40 && is_navigation(s, len))
        return "navigation";
    if (words <= 20 && is_copyright(&w, words))
        return "copyright";
    /* Cookie buttons ("Accept all cookies", "Cookie settings"): short, capitalised, not a
     * sentence; "cookie policy." at a line start is the tail of a wrapped notice. */
    if (words <= 6 && has(&w, "cookie") && s[0] >= 'A' && s[0] <= 'Z' &&
        !text_ends_sentence(s, len))
        return "cookie-notice";
    return NULL;
}

const char *text_web_paragraph(const char *s, size_t len)
{
    web_text w;
    if (!len || !web_prepare(&w, s, len) || w.words > 120)
        return NULL;
    if (has(&w, "cookie") && (has(&w, "accept") || has(&w, "we use") || has(&w, "consent") ||
                              has(&w, "settings") || has(&w, "policy") || has(&w, "improve")))
        return "cookie-notice";
    if ((has(&w, "reuse") || has(&w, "re-use") || has(&w, "reproduce")) &&
        (has(&w, "licen") || has(&w, "copyright") || has(&w, "permission") ||
         has(&w, "free of charge")))
        return "reuse-notice";
    return NULL;
}
