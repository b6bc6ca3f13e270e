/* po_layout.c - a string as the writer lays it out: `keyword "..."`, C escapes, split after
 * "\n" and wrapped at spaces as msgcat does, so our files diff cleanly against gettext's.
 * The writer runs this over every byte it writes, so the common case is one pass that escapes,
 * measures and cuts lines together; the simple two-pass form is kept for the rare layouts
 * (no wrapping, a line too narrow for the keyword, a huge string). Both give the same bytes. */
#include "po.h"

#include <stdint.h>
#include <string.h>

/* ---- a block of bytes at a time ----
 * po_scan marks, in one block, the bytes that need an escape, the spaces and the UTF-8
 * continuation bytes (bit j for byte j): 16 bytes with SSE2 (every x86-64), else 8 with a
 * byte loop, which is plain C and gives the same marks. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(PO_NO_SIMD)
#include <emmintrin.h>
#define PO_BLOCK 16
#else
#define PO_BLOCK 8
#endif

typedef struct po_marks {
    unsigned special; /* a control, DEL, '\\' or '"': written as an escape */
    unsigned space;
    unsigned cont;    /* 10xxxxxx: no column of its own */
} po_marks;

static po_marks po_scan(const char *p)
{
    po_marks m;
#if PO_BLOCK == 16
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i ge20 = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x20)), v);
    __m128i esc = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
                                            _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    m.special = ((unsigned)_mm_movemask_epi8(esc) | ~(unsigned)_mm_movemask_epi8(ge20)) & 0xFFFFu;
    m.space = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    m.cont = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
#else
    m.special = m.space = m.cont = 0;
    for (unsigned j = 0; j < PO_BLOCK; j++) {
        unsigned char c = (unsigned char)p[j];
        m.special |= (unsigned)(c < 0x20 || c == 0x7F || c == '\\' || c == '"') << j;
        m.space |= (unsigned)(c == ' ') << j;
        m.cont |= (unsigned)((c & 0xC0) == 0x80) << j;
    }
#endif
    return m;
}

/* The block at s[i]; the string's last few bytes are copied into tail (PO_BLOCK bytes) with
 * NULs after them, which the scan marks as escapes, so a plain run never passes n (and the
 * last few need not go a byte at a time). Writers reserve PO_BLOCK bytes more than the
 * escaped string needs, as a block is copied whole before its length is known. */
static const char *po_block_at(const char *s, size_t i, size_t n, char *tail)
{
    if (n - i >= PO_BLOCK)
        return s + i;
    memset(tail, 0, PO_BLOCK);
    memcpy(tail, s + i, n - i);
    return tail;
}

static unsigned po_popcount(unsigned x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24;
}

/* the lowest / highest marked byte of a nonzero mask */
static unsigned po_first(unsigned m) { return (unsigned)__builtin_ctz(m); }
static unsigned po_last(unsigned m) { return 31u - (unsigned)__builtin_clz(m); }

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

/* Writes the escaped form of s[0..n) at d (room for 4n + PO_BLOCK bytes); returns the end. Plain bytes
 * go a block at a time, up to the first one that needs an escape. */
static char *po_put_escaped(char *d, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char tail[PO_BLOCK];
        const char *p = po_block_at(s, i, n, tail);
        unsigned special = po_scan(p).special;
        memcpy(d, p, PO_BLOCK); /* any bytes past the plain ones are written over next */
        if (!special) {
            d += PO_BLOCK;
            i += PO_BLOCK;
            continue;
        }
        d += po_first(special);
        i += po_first(special);
        if (i == n)
            break;
        unsigned char c = (unsigned char)s[i++];
        if (po_plain_byte(c))
            *d++ = (char)c;
        else
            d = po_put_escape(d, c);
    }
    return d;
}

static int po_escape(dbr_buf *out, const char *s, size_t n)
{
    if (n > (SIZE_MAX - out->len - 2 - PO_BLOCK) / 4 || dbr_buf_reserve(out, 4 * n + PO_BLOCK))
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
        for (; i + PO_BLOCK <= n; i += PO_BLOCK) {
            po_marks m = po_scan(s + i);
            size_t ww = w + PO_BLOCK - po_popcount(m.cont);
            if (m.special || ww > room)
                break;
            w = ww;
        }
        size_t stop = i + PO_BLOCK < n ? i + PO_BLOCK : n;
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
 * for every byte escaped, a line break after each, and PO_BLOCK more. Returns the end.
 * Plain bytes that fit on the line go a block at a time; a byte at a time go only those that
 * need an escape and the word where a line passes its room. */
static char *po_put_wrapped(char *d, const char *s, size_t n, size_t room1, size_t room2,
                            const char *prefix, size_t plen)
{
    char *body = d;
    po_line ln = {d, NULL, 0, 0};
    size_t room = room1, i = 0;
    int multi = 0;
    while (i < n) {
        size_t stop; /* how far to go a byte at a time */
        char tail[PO_BLOCK];
        const char *p = po_block_at(s, i, n, tail);
        po_marks m = po_scan(p);
        unsigned plain = m.special ? po_first(m.special) : PO_BLOCK; /* plain bytes first */
        unsigned keep = plain < PO_BLOCK ? (1u << plain) - 1 : (1u << PO_BLOCK) - 1;
        size_t wc = ln.col + plain - po_popcount(m.cont & keep);
        if (plain && wc <= room) {
            memcpy(d, p, PO_BLOCK); /* any bytes past the plain ones are written over next */
            unsigned sp = m.space & keep;
            if (sp) {
                ln.sp_src = i + po_last(sp) + 1;
                ln.sp_out = d + po_last(sp) + 1;
            }
            ln.col = wc;
            if (!m.special) {
                d += PO_BLOCK;
                i += PO_BLOCK;
                continue;
            }
            d += plain;
            i += plain;
            if (i == n)
                continue;
            stop = i + 1; /* the byte that needs an escape */
        } else {
            stop = i + (plain ? plain : 1); /* the line passes its room within these */
        }
        size_t nc = 0;
        unsigned char c = 0;
        while (i < stop) {
            c = (unsigned char)s[i];
            nc = ln.col + po_cols[c];
            if (nc > room || c == '\n')
                break;
            d = po_plain_byte(c) ? (*d = (char)c, d + 1) : po_put_escape(d, c);
            ln.col = nc;
            if (c == ' ') {
                ln.sp_src = ++i;
                ln.sp_out = d;
            } else
                i++;
        }
        if (i == stop)
            continue;
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
    /* each byte escaped in 4 at most, a line break ("\n + prefix + ") after each, and a block
     * copied whole past the end */
    if (dbr_buf_reserve(out, head + n * (plen + 7) + plen + 8 + PO_BLOCK))
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
