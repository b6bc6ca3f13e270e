/* po_text.c - PO string literals: C escapes in and out, and the multi-line layout gettext
 * writes (split after "\n", wrapped at spaces), so our files diff cleanly against msgcat's. */
#include "po.h"

#include "docbridge/convert.h"

#include <stdint.h>
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

/* Eight bytes at a time (the writer runs over every byte it writes two or three times):
 * nonzero when a byte of x is below n (n <= 128), or equals b. Exact for "any byte". */
#define PO_ONES 0x0101010101010101ull
#define PO_HIGHS 0x8080808080808080ull
static uint64_t po_has_below(uint64_t x, unsigned n) { return (x - PO_ONES * n) & ~x & PO_HIGHS; }
static uint64_t po_has_byte(uint64_t x, unsigned char b) { return po_has_below(x ^ (PO_ONES * b), 1); }

/* nonzero when one of the 8 bytes at p is not plain (a control, DEL, '\\' or '"') */
static uint64_t po_word_special(const char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    return po_has_below(x, 0x20) | po_has_byte(x, 0x7F) | po_has_byte(x, '\\') |
           po_has_byte(x, '"');
}

/* Columns of 8 plain bytes: 8 less the UTF-8 continuation bytes (10xxxxxx) among them. */
static size_t po_word_cols(const char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    uint64_t cont = x & ~(x << 1) & PO_HIGHS;
    return 8 - (size_t)((((cont >> 7) * PO_ONES) >> 56) & 0xFF);
}

/* The escape of a byte that is not plain: two characters, or a three-digit octal escape. */
static int po_escape_byte(dbr_buf *out, unsigned char c)
{
    static const char from[] = "\n\t\r\a\b\f\v\\\"";
    static const char to[] = "ntrabfv\\\"";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        char e[2] = {'\\', to[k - from]};
        return dbr_buf_append(out, e, 2);
    }
    char e[4] = {'\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)), (char)('0' + (c & 7))};
    return dbr_buf_append(out, e, 4);
}

int po_escape(dbr_buf *out, const char *s, size_t n)
{
    if (dbr_buf_reserve(out, n + 2)) /* most strings need no escape: one growth at most */
        return -1;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 8 <= n && !po_word_special(s + j))
            j += 8;
        while (j < n && po_plain_byte((unsigned char)s[j]))
            j++;
        if (j > i && dbr_buf_append(out, s + i, j - i)) /* a run that needs no escape, whole */
            return -1;
        if (j == n)
            break;
        if (po_escape_byte(out, (unsigned char)s[j]))
            return -1;
        i = j + 1;
    }
    return 0;
}

/* Columns a byte takes in the escaped string: 2 for one written as an escape, 0 for a UTF-8
 * continuation byte, else 1 (as a table: this loop runs over every byte written). */
#define PO_W1(c) ((c) < 0x20 || (c) == '"' || (c) == '\\' ? 2 : ((c) & 0xC0) == 0x80 ? 0 : 1)
#define PO_W4(c) PO_W1(c), PO_W1((c) + 1), PO_W1((c) + 2), PO_W1((c) + 3)
#define PO_W16(c) PO_W4(c), PO_W4((c) + 4), PO_W4((c) + 8), PO_W4((c) + 12)
#define PO_W64(c) PO_W16(c), PO_W16((c) + 16), PO_W16((c) + 32), PO_W16((c) + 48)
static const unsigned char po_cols[256] = {PO_W64(0), PO_W64(64), PO_W64(128), PO_W64(192)};

/* Where the columns of s first pass room: that byte's index, or n when they never do. A
 * newline before that ends the piece: *nl_end is then just after it (else 0). Plain words of
 * 8 bytes are measured whole, the rest byte by byte with the table. */
static size_t po_measure(const char *s, size_t n, size_t room, size_t *nl_end)
{
    size_t w = 0, i = 0;
    *nl_end = 0;
    while (i < n) {
        for (; i + 8 <= n && !po_word_special(s + i); i += 8) {
            size_t ww = w + po_word_cols(s + i);
            if (ww > room)
                break;
            w = ww;
        }
        size_t stop = i + 8 < n ? i + 8 : n;
        for (; i < stop; i++) {
            unsigned char c = (unsigned char)s[i];
            w += po_cols[c];
            if (w > room)
                return i;
            if (c == '\n') {
                *nl_end = i + 1;
                return n;
            }
        }
    }
    return n;
}

/* Cuts s into pieces: after each "\n", and (width > 0) at the last space that keeps a piece's
 * escaped form within width (or, when a word alone is wider, at the first space after it).
 * Measures only up to the first column past width, then looks back for the space: the
 * byte-by-byte loop with space and newline tests was the writer's largest cost in profiles. */
static size_t po_next_piece(const char *s, size_t n, int width)
{
    if (width <= 0) {
        const char *nl = memchr(s, '\n', n);
        return nl ? (size_t)(nl - s) + 1 : n;
    }
    size_t nl_end;
    size_t i = po_measure(s, n, (size_t)width, &nl_end);
    if (nl_end)
        return nl_end;
    if (i == n)
        return n;
    for (size_t k = i + 1; k > 0; k--) /* the last space up to the one column too many */
        if (s[k - 1] == ' ')
            return k;
    for (; i < n; i++) /* none: the word runs on to the first space or newline */
        if (s[i] == ' ' || s[i] == '\n')
            return i + 1;
    return n;
}

/* prefix + keyword + " \"": appends, not printf (this runs two or three times per entry). */
static int po_put_head(dbr_buf *out, const char *prefix, const char *keyword)
{
    return dbr_buf_puts(out, prefix) || dbr_buf_puts(out, keyword) || dbr_buf_append(out, " \"", 2);
}

int po_put_string(dbr_buf *out, const char *prefix, const char *keyword, const char *s,
                  int width)
{
    size_t n = strlen(s);
    size_t plen = strlen(prefix);
    size_t head = plen + strlen(keyword) + 3; /* keyword + space + 2 quotes */
    const char *nl = memchr(s, '\n', n);
    /* po_next_piece counts a byte as 2 columns at most: a string that short needs no measuring */
    int fits = width <= 0 || (n <= (size_t)width / 2 && head + 2 * n <= (size_t)width);
    int one_line = (!nl || nl == s + n - 1) &&
                   (fits || po_next_piece(s, n, width - (int)head) == n);
    if (po_put_head(out, prefix, keyword))
        return -1;
    if (one_line)
        return po_escape(out, s, n) || dbr_buf_append(out, "\"\n", 2) ? -1 : 0;
    if (dbr_buf_append(out, "\"\n", 2))
        return -1;
    while (n > 0) {
        size_t k = po_next_piece(s, n, width > 0 ? width - 2 - (int)plen : 0);
        if (dbr_buf_append(out, prefix, plen) || dbr_buf_putc(out, '"') || po_escape(out, s, k) ||
            dbr_buf_append(out, "\"\n", 2))
            return -1;
        s += k;
        n -= k;
    }
    return 0;
}

static int po_prop_plain(unsigned char c) { return c >= 0x20 && c != '%' && c != '=' && c != 0x7F; }

int po_prop_escape(dbr_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    while (*s) {
        const char *run = s;
        while (*s && po_prop_plain((unsigned char)*s))
            s++;
        if (s > run && dbr_buf_append(out, run, (size_t)(s - run)))
            return -1;
        if (!*s)
            return 0;
        unsigned char c = (unsigned char)*s++;
        char e[3] = {'%', hex[c >> 4], hex[c & 15]};
        if (dbr_buf_append(out, e, 3))
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
