/* pdf_text.c - text rules shared by the pdf reader's stages: joining wrapped lines (with
 * end-of-line hyphenation repaired and CJK joined without spaces), list markers, numbered
 * heading levels, page numbers, signatures for repeated lines, and the script of a block.
 *
 * These follow the conventions of the text reader, so a PDF and its pdftotext dump give the
 * same blocks.
 */
#include "pdf.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int pdf_is_cjk(unsigned cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static unsigned pdf_decode(const unsigned char *s, size_t *used)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            len = i;
            break;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *used = len;
    return cp;
}

unsigned pdf_first_cp(const char *s)
{
    size_t used;
    return *s ? pdf_decode((const unsigned char *)s, &used) : 0;
}

unsigned pdf_last_cp(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    size_t used;
    return pdf_decode((const unsigned char *)s + i, &used);
}

static int pdf_is_lower_ascii(unsigned cp) { return cp >= 'a' && cp <= 'z'; }

/* Appends a wrapped line to a paragraph: "collabo-" + "ration" is one word again, but
 * "UK-" + "China" keeps its hyphen (an upper-case or digit on either side means a real
 * compound); CJK lines join without a space. 0 ok, -1 out of memory. */
int pdf_join_lines(dbr_buf *out, const char *next)
{
    if (out->len == 0)
        return dbr_buf_puts(out, next);
    unsigned last = pdf_last_cp(out->data, out->len), first = pdf_first_cp(next);
    if (last == '-' && out->len >= 2) {
        unsigned before = pdf_last_cp(out->data, out->len - 1);
        if (before == ' ')
            return dbr_buf_putc(out, ' ') == 0 && dbr_buf_puts(out, next) == 0 ? 0 : -1;
        if (pdf_is_lower_ascii(before) && pdf_is_lower_ascii(first)) {
            out->data[--out->len] = '\0';
            return dbr_buf_puts(out, next);
        }
        return dbr_buf_puts(out, next); /* a compound broken at its hyphen: no space */
    }
    if (pdf_is_cjk(last) || pdf_is_cjk(first))
        return dbr_buf_puts(out, next);
    return dbr_buf_putc(out, ' ') == 0 && dbr_buf_puts(out, next) == 0 ? 0 : -1;
}

/* Bullet glyphs, as UTF-8. */
static const char *const PDF_BULLETS[] = {
    "\xE2\x80\xA2", /* • */ "\xE2\x97\xA6", /* ◦ */ "\xE2\x96\xAA", /* ▪ */
    "\xE2\x80\xA3", /* ‣ */ "\xE2\x97\x8F", /* ● */ "\xE2\x97\x8B", /* ○ */
    "\xE2\x96\xA0", /* ■ */ "\xE2\x96\xA1", /* □ */ "\xE2\x80\x93", /* – */
    "\xC2\xB7",     /* · */ "\xEF\x82\xB7", /* Symbol-font bullet in the private area */
    "-", "*", NULL};

/* If s opens with a list marker followed by a space, copies the marker and returns how many
 * bytes (marker and spaces) to skip; else 0. Markers: bullets, "1.", "1)", "(a)", "a)", "(iv)". */
size_t pdf_list_marker(const char *s, char *marker, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; PDF_BULLETS[i] && !n; i++) {
        size_t l = strlen(PDF_BULLETS[i]);
        if (strncmp(s, PDF_BULLETS[i], l) == 0)
            n = l;
    }
    if (!n) {
        const char *p = s;
        int paren = *p == '(';
        p += paren;
        const char *start = p;
        while (isdigit((unsigned char)*p) && p - start < 3)
            p++;
        if (p == start && *p >= 'a' && *p <= 'z' && (p[1] == '.' || p[1] == ')'))
            p++; /* one letter: "a.", "(b)" */
        else if (p == start) /* a short roman numeral: "iv." */
            while (p - start < 4 && *p && strchr("ivx", *p))
                p++;
        if (p > start && ((paren && *p == ')') || (!paren && (*p == '.' || *p == ')'))))
            n = (size_t)(p + 1 - s);
        /* "1.5 Background" or "1. Introduction" with a letter after are checked as headings
         * first by the caller; a number with a further dot ("1.5") is not a list marker. */
        if (n && isdigit((unsigned char)s[n]))
            n = 0;
    }
    /* TeX and others set a bullet glyph and move to the text without a space character. */
    int glyph = n && (unsigned char)s[0] >= 0x80;
    if (!n || (s[n] != ' ' && s[n] != '\t' && !(glyph && s[n])))
        return 0;
    snprintf(marker, cap, "%.*s", (int)n, s);
    while (s[n] == ' ' || s[n] == '\t')
        n++;
    return s[n] ? n : 0;
}

/* "3.2 Methods" -> 2, "1. Introduction" -> 1, "5.7.1 Notes" -> 3; 0 when not numbered. */
int pdf_heading_number_level(const char *s)
{
    int level = 0;
    const char *p = s;
    for (;;) {
        const char *d = p;
        while (isdigit((unsigned char)*p) && p - d < 3)
            p++;
        if (p == d)
            return 0;
        level++;
        if (*p == '.' && isdigit((unsigned char)p[1])) {
            p++;
            continue;
        }
        if (*p == '.')
            p++;
        break;
    }
    if (*p != ' ' || level > 6)
        return 0;
    while (*p == ' ')
        p++;
    return isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80 ? level : 0;
}

/* "7", "- 7 -", "Page 7", "7 / 12", "vii": a bare page number. */
int pdf_is_page_number(const char *s)
{
    while (*s == ' ' || *s == '-')
        s++;
    if (strncmp(s, "Page ", 5) == 0 || strncmp(s, "page ", 5) == 0)
        s += 5;
    const char *d = s;
    while (isdigit((unsigned char)*s))
        s++;
    if (s == d) {
        while (*s && strchr("ivx", *s))
            s++;
        if (s == d || s - d > 5)
            return 0;
    }
    if (*s == ' ' && (s[1] == '/' || strncmp(s + 1, "of ", 3) == 0)) {
        s += s[1] == '/' ? 2 : 4;
        while (*s == ' ')
            s++;
        while (isdigit((unsigned char)*s))
            s++;
    }
    while (*s == ' ' || *s == '-')
        s++;
    return *s == '\0';
}

/* A line's identity across pages: digits folded to '#', spaces dropped, so "Report 2025 - 3"
 * and "Report 2025 - 4" are the same running footer. */
void pdf_signature(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        if (*s == ' ')
            continue;
        out[n++] = isdigit((unsigned char)*s) ? '#' : *s;
    }
    out[n] = '\0';
}

/* "zh", "ja" or "ko" when most letters of s are in that script, else NULL (Latin and others
 * are left to the document's language). */
const char *pdf_script_lang(const char *s)
{
    size_t han = 0, kana = 0, hangul = 0, other = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t used;
        unsigned cp = pdf_decode(p, &used);
        p += used;
        if (cp >= 0x3040 && cp <= 0x30FF)
            kana++;
        else if (cp >= 0xAC00 && cp <= 0xD7AF)
            hangul++;
        else if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                 (cp >= 0x20000 && cp <= 0x2FFFF))
            han++;
        else if (cp < 0x80 ? isalpha((int)cp) : (cp >= 0xC0 && cp < 0x2000))
            other++;
    }
    if (hangul > other && hangul >= han)
        return "ko";
    if (kana > 0 && kana + han > other)
        return "ja";
    if (han > other)
        return "zh";
    return NULL;
}

/* 1 when the text ends a sentence (so a paragraph cut there by a page end is complete). */
int pdf_ends_sentence(const char *s, size_t len)
{
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '"' || s[len - 1] == ')' ||
                       s[len - 1] == '\''))
        len--;
    if (len == 0)
        return 1;
    unsigned cp = pdf_last_cp(s, len);
    return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == 0x3002 /* 。 */ ||
           cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A;
}

/* "Contents", "Table of Contents", "目录": the title of a table of contents. */
int pdf_toc_title(const char *s)
{
    static const char *const titles[] = {"contents", "table of contents", "content",
                                         "\xE7\x9B\xAE\xE5\xBD\x95", "\xE7\x9B\xAE \xE5\xBD\x95", NULL};
    for (size_t i = 0; titles[i]; i++)
        if (strcasecmp(s, titles[i]) == 0)
            return 1;
    return 0;
}

/* "3.2 Methods ........ 14", "Annex A   22", "Introduction . . . 3": a title of at most 15
 * words, a leader (dots, an ellipsis or a run of spaces) and a page number. */
int pdf_toc_entry(const char *s)
{
    size_t len = strlen(s), i = len;
    while (i > 0 && isdigit((unsigned char)s[i - 1]))
        i--;
    if (i == len || len - i > 4 || i == 0)
        return 0;
    int dots = 0, spaces = 0;
    while (i > 0) {
        char c = s[i - 1];
        if (c == '.')
            dots++;
        else if (c == ' ')
            spaces++;
        else if (i >= 3 && memcmp(s + i - 3, "\xE2\x80\xA6", 3) == 0) {
            dots += 2; /* … */
            i -= 2;
        } else
            break;
        i--;
    }
    if (!(dots >= 2 || spaces >= 2) || i == 0)
        return 0;
    size_t words = 0;
    for (size_t k = 0; k < i; k++)
        words += s[k] != ' ' && (k == 0 || s[k - 1] == ' ');
    return words <= 15;
}
