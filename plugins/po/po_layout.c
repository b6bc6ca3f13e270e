/* po_layout.c - a string as the writer lays it out: `keyword "..."`, C escapes, split after
 * "\n" and wrapped at spaces as msgcat does, so our files diff cleanly against gettext's.
 * The writer runs this over every byte it writes, so the common case is one pass that escapes,
 * measures and cuts lines together; the simple two-pass form is kept for the rare layouts
 * (no wrapping, a line too narrow for the keyword, a huge string). Both give the same bytes. */
#include "po.h"

#include <stdint.h>
#include <string.h>

/* ---- eight bytes at a time ---- */
#define PO_ONES 0x0101010101010101ull
#define PO_HIGHS 0x8080808080808080ull
#define PO_LOWS 0x7F7F7F7F7F7F7F7Full

/* nonzero when a byte of x is below n (n <= 128), or equals b. Exact for "any byte", not for
 * which one (a borrow may mark a byte above the one that matches). */
static uint64_t po_has_below(uint64_t x, unsigned n) { return (x - PO_ONES * n) & ~x & PO_HIGHS; }
static uint64_t po_has_byte(uint64_t x, unsigned char b) { return po_has_below(x ^ (PO_ONES * b), 1); }

static uint64_t po_load(const char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* nonzero when one of the 8 bytes of x is not plain (a control, DEL, '\\' or '"') */
static uint64_t po_word_special(uint64_t x)
{
    return po_has_below(x, 0x20) | po_has_byte(x, 0x7F) | po_has_byte(x, '\\') |
           po_has_byte(x, '"');
}

/* Columns of 8 plain bytes: 8 less the UTF-8 continuation bytes (10xxxxxx) among them. */
static size_t po_word_cols(uint64_t x)
{
    uint64_t cont = x & ~(x << 1) & PO_HIGHS;
    return 8 - (size_t)((((cont >> 7) * PO_ONES) >> 56) & 0xFF);
}

/* 1 + the index of the last space among the 8 bytes of x, 0 when there is none (exact: each
 * byte is tested on its own, no borrow crosses into the next). */
static size_t po_word_last_space(uint64_t x, const char *p)
{
    uint64_t y = x ^ (PO_ONES * ' ');
    uint64_t zero = ~(((y & PO_LOWS) + PO_LOWS) | y) & PO_HIGHS;
    if (!zero)
        return 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    (void)p;
    return (size_t)((63 - __builtin_clzll(zero)) >> 3) + 1;
#else
    for (size_t k = 8; k > 0; k--)
        if (p[k - 1] == ' ')
            return k;
    return 0;
#endif
}

/* ---- escapes ---- */
static int po_plain_byte(unsigned char c) { return c >= 0x20 && c != 0x7F && c != '\\' && c != '"'; }

/* Writes the escape of a byte that is not plain at d: two characters, or a three-digit octal
 * escape. Returns the end. */
static char *po_put_escape(char *d, unsigned char c)
{
    static const char from[] = "\n\t\r\a\b\f\v\\\"";
    static const char to[] = "ntrabfv\\\"";
    const char *k = c ? memchr(from, c, sizeof from - 1) : NULL;
    d[0] = '\\';
    if (k) {
        d[1] = to[k - from];
        return d + 2;
    }
    d[1] = (char)('0' + (c >> 6));
    d[2] = (char)('0' + ((c >> 3) & 7));
    d[3] = (char)('0' + (c & 7));
    return d + 4;
}

/* Writes the escaped form of s[0..n) at d (room for 4n bytes); returns the end. */
static char *po_put_escaped(char *d, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        for (; i + 8 <= n && !po_word_special(po_load(s + i)); i += 8, d += 8)
            memcpy(d, s + i, 8);
        size_t stop = i + 8 < n ? i + 8 : n;
        for (; i < stop; i++) {
            unsigned char c = (unsigned char)s[i];
            if (po_plain_byte(c))
                *d++ = (char)c;
            else
                d = po_put_escape(d, c);
        }
    }
    return d;
}

static int po_escape(dbr_buf *out, const char *s, size_t n)
{
    if (n > (SIZE_MAX - out->len - 2) / 4 || dbr_buf_reserve(out, 4 * n))
        return -1;
    char *d = po_put_escaped(out->data + out->len, s, n);
    out->len = (size_t)(d - out->data);
    out->data[out->len] = '\0';
    return 0;
}

/* Columns a byte takes in the escaped string: 2 for one written as an escape, 0 for a UTF-8
 * continuation byte, else 1 (as a table: this runs over every byte written). */
#define PO_W1(c) ((c) < 0x20 || (c) == '"' || (c) == '\\' ? 2 : ((c) & 0xC0) == 0x80 ? 0 : 1)
#define PO_W4(c) PO_W1(c), PO_W1((c) + 1), PO_W1((c) + 2), PO_W1((c) + 3)
#define PO_W16(c) PO_W4(c), PO_W4((c) + 4), PO_W4((c) + 8), PO_W4((c) + 12)
#define PO_W64(c) PO_W16(c), PO_W16((c) + 16), PO_W16((c) + 32), PO_W16((c) + 48)
static const unsigned char po_cols[256] = {PO_W64(0), PO_W64(64), PO_W64(128), PO_W64(192)};

/* ---- the two-pass form: measure a piece, then escape it ---- */

/* Where the columns of s first pass room: that byte's index, or n when they never do. A
 * newline before that ends the piece: *nl_end is then just after it (else 0). */
static size_t po_measure(const char *s, size_t n, size_t room, size_t *nl_end)
{
    size_t w = 0, i = 0;
    *nl_end = 0;
    while (i < n) {
        for (; i + 8 <= n && !po_word_special(po_load(s + i)); i += 8) {
            size_t ww = w + po_word_cols(po_load(s + i));
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
 * escaped form within width (or, when a word alone is wider, at the first space after it). */
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

static int po_put_string_2pass(dbr_buf *out, const char *prefix, size_t plen, const char *keyword,
                               size_t head, const char *s, size_t n, int width)
{
    const char *nl = memchr(s, '\n', n);
    /* po_next_piece counts a byte as 2 columns at most: a string that short needs no measuring */
    int fits = width <= 0 || (n <= (size_t)width / 2 && head + 2 * n <= (size_t)width);
    int one_line = (!nl || nl == s + n - 1) &&
                   (fits || po_next_piece(s, n, width - (int)head) == n);
    if (dbr_buf_append(out, prefix, plen) || dbr_buf_puts(out, keyword) ||
        dbr_buf_append(out, " \"", 2))
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

/* ---- the one-pass form ---- */

/* Ends the line at p (within the written text, which ends at *d) and starts the next one:
 * the bytes after p move down to the new line. Returns where the new line's text starts. */
static char *po_break_at(char *p, char **d, const char *prefix, size_t plen)
{
    memmove(p + plen + 3, p, (size_t)(*d - p));
    p[0] = '"';
    p[1] = '\n';
    memcpy(p + 2, prefix, plen);
    p[plen + 2] = '"';
    *d += plen + 3;
    return p + plen + 3;
}

/* One line's state as the string is written: the columns so far, and the last space on it
 * (where a line too long is cut), as an index into the string and a place in the output. */
typedef struct po_line {
    char *start;  /* the line's first text byte (after its quote) */
    char *sp_out; /* just after the line's last space, NULL when it has none */
    size_t sp_src;
    size_t col;
} po_line;

/* Where the piece that passes room at byte i ends (as po_next_piece): just after the space at
 * i, after the line's last space, or after the first space or newline from i on (n: none). */
static size_t po_cut_point(const char *s, size_t n, size_t i, const po_line *ln)
{
    if (s[i] == ' ')
        return i + 1;
    if (ln->sp_out)
        return ln->sp_src;
    for (; i < n; i++)
        if (s[i] == ' ' || s[i] == '\n')
            return i + 1;
    return n;
}

/* Writes s escaped, measuring as it goes; at a cut, the line ends at the cut point and the
 * bytes written after it (at most a line's worth) move to the next line. The string starts
 * on the keyword's line (room1 columns) and moves under it (`msgid ""`, then room2 columns a
 * line) at the first cut short of its end, as po_put_string_2pass decides. d has room enough
 * for every byte escaped and a line break after each. Returns the end. */
static char *po_put_wrapped(char *d, const char *s, size_t n, size_t room1, size_t room2,
                            const char *prefix, size_t plen)
{
    char *body = d;
    po_line ln = {d, NULL, 0, 0};
    size_t room = room1, i = 0;
    int multi = 0;
    while (i < n) {
        if (i + 8 <= n) { /* a plain word within the line: copied whole */
            uint64_t x = po_load(s + i);
            size_t nc;
            if (!po_word_special(x) && (nc = ln.col + po_word_cols(x)) <= room) {
                memcpy(d, s + i, 8);
                size_t sp = po_word_last_space(x, s + i);
                if (sp) {
                    ln.sp_src = i + sp;
                    ln.sp_out = d + sp;
                }
                d += 8;
                i += 8;
                ln.col = nc;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i];
        size_t nc = ln.col + po_cols[c];
        if (nc <= room && c != '\n') {
            d = po_plain_byte(c) ? (*d = (char)c, d + 1) : po_put_escape(d, c);
            ln.col = nc;
            if (c == ' ') {
                ln.sp_src = ++i;
                ln.sp_out = d;
            } else
                i++;
            continue;
        }
        size_t cut = nc > room ? po_cut_point(s, n, i, &ln) : i + 1; /* else after the newline */
        if (!multi) {
            if (cut == n) /* the whole string is one piece: it stays on the keyword's line */
                return po_put_escaped(d, s + i, n - i);
            ln.start = po_break_at(body, &d, prefix, plen);
            if (ln.sp_out)
                ln.sp_out += plen + 3;
            multi = 1;
            room = room2; /* byte i again, on the wider line */
            continue;
        }
        if (cut > i) { /* the piece runs on to cut: written whole, the line ends there */
            d = po_put_escaped(d, s + i, cut - i);
            ln.start = po_break_at(d, &d, prefix, plen);
            ln.col = 0;
            i = cut;
        } else { /* cut at the line's last space: what follows it starts the next line */
            ln.start = po_break_at(ln.sp_out, &d, prefix, plen);
            ln.col = 0;
            for (size_t k = cut; k < i; k++)
                ln.col += po_cols[(unsigned char)s[k]];
        }
        ln.sp_out = NULL;
    }
    if (multi && d == ln.start) /* the last cut was at the end: no empty line after it */
        d -= plen + 3;
    return d;
}

/* Above this, a string goes the two-pass way, which grows the buffer as it goes rather than
 * reserving the worst case up front. */
#define PO_ONE_PASS_MAX ((size_t)1 << 16)

int po_put_stringn(dbr_buf *out, const char *prefix, const char *keyword, const char *s, size_t n,
                   int width)
{
    size_t plen = strlen(prefix), klen = strlen(keyword);
    size_t head = plen + klen + 3; /* keyword + space + 2 quotes */
    if (width <= 0 || head >= (size_t)width || n > PO_ONE_PASS_MAX)
        return po_put_string_2pass(out, prefix, plen, keyword, head, s, n, width);
    /* each byte escaped in 4 at most, and a line break ("\n + prefix + ") after each */
    if (dbr_buf_reserve(out, head + n * (plen + 7) + plen + 8))
        return -1;
    char *d = out->data + out->len;
    memcpy(d, prefix, plen);
    memcpy(d + plen, keyword, klen);
    d += plen + klen;
    *d++ = ' ';
    *d++ = '"';
    const char *nl = memchr(s, '\n', n);
    int fits = n <= (size_t)width / 2 && head + 2 * n <= (size_t)width; /* 2 columns a byte at most */
    if (fits && (!nl || nl == s + n - 1))
        d = po_put_escaped(d, s, n);
    else
        d = po_put_wrapped(d, s, n, (size_t)width - head, (size_t)width - 2 - plen, prefix, plen);
    *d++ = '"';
    *d++ = '\n';
    out->len = (size_t)(d - out->data);
    out->data[out->len] = '\0';
    return 0;
}

int po_put_string(dbr_buf *out, const char *prefix, const char *keyword, const char *s, int width)
{
    return po_put_stringn(out, prefix, keyword, s, strlen(s), width);
}
