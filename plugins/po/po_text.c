/* po_text.c - PO string literals: C escapes in and out, and the multi-line layout gettext
 * writes (split after "\n", wrapped at spaces), so our files diff cleanly against msgcat's. */
#include "po.h"

#include "docbridge/convert.h"

#include <string.h>

static int po_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* One escape after a backslash at s[i]; appends the byte, advances *i past it. */
static int po_unescape_one(const char *s, size_t len, size_t *i, dbr_buf *out)
{
    static const char from[] = "ntrabfv\\\"'?";
    static const char to[] = "\n\t\r\a\b\f\v\\\"'?";
    size_t j = *i + 1;
    if (j >= len)
        return -1;
    const char *k = strchr(from, s[j]);
    if (k && s[j]) {
        *i = j + 1;
        return dbr_buf_putc(out, to[k - from]);
    }
    unsigned v = 0;
    if (s[j] >= '0' && s[j] <= '7') {
        size_t n = 0;
        while (n < 3 && j < len && s[j] >= '0' && s[j] <= '7')
            v = v * 8 + (unsigned)(s[j++] - '0'), n++;
    } else if (s[j] == 'x' && j + 1 < len && po_hex(s[j + 1]) >= 0) {
        j++;
        while (j < len && po_hex(s[j]) >= 0 && v < 0x100)
            v = v * 16 + (unsigned)po_hex(s[j++]);
    } else
        return -1;
    if (v == 0 || v > 0xFF)
        return -1; /* NUL cannot live in a C string; >0xFF is not a byte */
    *i = j;
    return dbr_buf_putc(out, (char)v);
}

int po_unquote(const char *s, size_t len, size_t *col, dbr_buf *out, const char **why)
{
    size_t i = *col + 1;
    while (i < len && s[i] != '"') {
        if (s[i] == '\\') {
            size_t at = i;
            if (po_unescape_one(s, len, &i, out) != 0) {
                *col = at;
                *why = i + 1 >= len ? "backslash at the end of the line"
                                    : "invalid escape sequence";
                return -1;
            }
            continue;
        }
        size_t j = i;
        while (j < len && s[j] != '"' && s[j] != '\\')
            j++;
        if (dbr_buf_append(out, s + i, j - i))
            return -1;
        i = j;
    }
    if (i >= len) {
        *why = "unterminated string (no closing quote)";
        return -1;
    }
    *col = i + 1;
    if (!out->data && dbr_buf_reserve(out, 1))
        return -1;
    return 0;
}

static int po_plain_byte(unsigned char c) { return c >= 0x20 && c != 0x7F && c != '\\' && c != '"'; }

int po_escape(dbr_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j < n && po_plain_byte((unsigned char)s[j]))
            j++;
        if (j > i) { /* a run that needs no escape goes in whole */
            if (dbr_buf_append(out, s + i, j - i))
                return -1;
            if (j == n)
                break;
            i = j;
        }
        unsigned char c = (unsigned char)s[i];
        const char *e = NULL;
        switch (c) {
        case '\n': e = "\\n"; break;
        case '\t': e = "\\t"; break;
        case '\r': e = "\\r"; break;
        case '\a': e = "\\a"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\v': e = "\\v"; break;
        case '\\': e = "\\\\"; break;
        case '"': e = "\\\""; break;
        default: break;
        }
        int rc = e ? dbr_buf_puts(out, e)
                   : (c < 0x20 || c == 0x7F) ? dbr_buf_printf(out, "\\%03o", c)
                                             : dbr_buf_putc(out, (char)c);
        if (rc)
            return -1;
    }
    return 0;
}

/* Cuts s into pieces: after each "\n", and (width > 0) at the last space that keeps a piece's
 * escaped form within width. */
static size_t po_next_piece(const char *s, size_t n, int width)
{
    const char *nl = memchr(s, '\n', n);
    size_t end = nl ? (size_t)(nl - s) + 1 : n;
    if (width <= 0)
        return end;
    size_t room = (size_t)width, cut = 0, w = 0;
    for (size_t i = 0; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        w += (c < 0x20 || c == '"' || c == '\\') ? 2 : ((c & 0xC0) == 0x80 ? 0 : 1);
        if (c == ' ')
            cut = i + 1;
        if (w > room && cut)
            return cut;
    }
    return end;
}

int po_put_string(dbr_buf *out, const char *prefix, const char *keyword, const char *s,
                  int width)
{
    size_t n = strlen(s);
    size_t head = strlen(prefix) + strlen(keyword) + 3; /* keyword + space + 2 quotes */
    const char *nl = memchr(s, '\n', n);
    int one_line = (!nl || nl == s + n - 1) &&
                   (width <= 0 || po_next_piece(s, n, width - (int)head) == n);
    if (dbr_buf_printf(out, "%s%s \"", prefix, keyword))
        return -1;
    if (one_line)
        return po_escape(out, s, n) || dbr_buf_puts(out, "\"\n") ? -1 : 0;
    if (dbr_buf_puts(out, "\"\n"))
        return -1;
    while (n > 0) {
        size_t k = po_next_piece(s, n, width > 0 ? width - 2 - (int)strlen(prefix) : 0);
        if (dbr_buf_printf(out, "%s\"", prefix) || po_escape(out, s, k) ||
            dbr_buf_puts(out, "\"\n"))
            return -1;
        s += k;
        n -= k;
    }
    return 0;
}

int po_prop_escape(dbr_buf *out, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int rc = (c < 0x20 || c == '%' || c == '=' || c == 0x7F) ? dbr_buf_printf(out, "%%%02X", c)
                                                                 : dbr_buf_putc(out, (char)c);
        if (rc)
            return -1;
    }
    return 0;
}

char *po_prop_unescape(dbr_pool *pool, const char *s, size_t n)
{
    char *d = dbr_pool_alloc(pool, n + 1);
    if (!d)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        if (s[i] == '%' && i + 2 < n && (hi = po_hex(s[i + 1])) >= 0 &&
            (lo = po_hex(s[i + 2])) >= 0 && (hi || lo)) {
            d[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            d[k++] = s[i];
        }
    }
    d[k] = '\0';
    return d;
}

const char *po_entry_id(dbr_pool *pool, const dbr_rich *source)
{
    dbr_buf plain = DBR_BUF_INIT;
    const char *id = NULL;
    if (dbr_rich_plain(source, &plain) == 0) {
        char buf[40];
        dbr_make_id("po", dbr_buf_cstr(&plain), plain.len, buf);
        id = dbr_pool_strdup(pool, buf);
    }
    dbr_buf_free(&plain);
    return id;
}
