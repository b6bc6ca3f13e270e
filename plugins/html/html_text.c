/* html_text.c - collecting a block's text with HTML's whitespace rules.
 *
 * Outside <pre>, any run of spaces, tabs and line breaks shows as one space, and none at the
 * start or end of a block. A line break in the source between two Chinese or Japanese
 * characters shows as nothing (CSS Text's segment-break rule for those scripts), so wrapped
 * CJK source lines join without a stray space. Inside <pre> text is kept as written.
 */
#include "html.h"

#include <string.h>

/* 1 for scripts written without spaces between words. */
static int html_is_cjk(unsigned cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) ||  /* radicals, punctuation, kana, CJK ideographs */
           (cp >= 0xF900 && cp <= 0xFAFF) ||  /* compatibility ideographs */
           (cp >= 0xFF00 && cp <= 0xFFEF) ||  /* full-width forms */
           (cp >= 0x20000 && cp <= 0x3FFFF);  /* supplementary ideographs */
}

/* Decodes the UTF-8 sequence at s (input is valid UTF-8: the input layer guarantees it). */
static unsigned html_decode(const unsigned char *s, size_t n, size_t *used)
{
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > n)
        len = n;
    unsigned cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *used = len;
    return cp;
}

static int html_is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void html_text_reset(html_reader *r)
{
    r->pending_space = 0;
    r->pending_newline = 0;
    r->last_cp = 0;
}

int html_text_append(html_reader *r, dbr_buf *dst, const char *s, size_t len, int pre)
{
    if (pre) {
        if (dbr_buf_append(dst, s, len) != 0)
            return -1;
        r->last_cp = len ? (unsigned char)s[len - 1] : r->last_cp;
        return 0;
    }
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        if (html_is_ws(*p)) {
            r->pending_space = 1;
            if (*p == '\n')
                r->pending_newline = 1;
            p++;
            continue;
        }
        size_t used;
        unsigned cp = html_decode(p, (size_t)(end - p), &used);
        if (r->pending_space && dst->len > 0) {
            int drop = r->pending_newline && html_is_cjk(r->last_cp) && html_is_cjk(cp);
            /* A <br> leaves "\n" at the end: no space after it. */
            int after_break = dst->data[dst->len - 1] == '\n';
            if (!drop && !after_break && dbr_buf_putc(dst, ' ') != 0)
                return -1;
        }
        r->pending_space = 0;
        r->pending_newline = 0;
        if (dbr_buf_append(dst, p, used) != 0)
            return -1;
        r->last_cp = cp;
        p += used;
    }
    return 0;
}
