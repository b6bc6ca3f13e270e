/* po_text.c - PO string literals read back (C escapes), the escaped property lines, and the
 * id of an entry without msgctxt. The write side of strings is po_layout.c. */
#include "po.h"

#include "docbridge/convert.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__) && !defined(PO_NO_SIMD)
#include <emmintrin.h>
#define PO_PROP_SSE2 1
#endif

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

/* Bytes a property line keeps as they are (a table: four of these lines go out per TMX unit). */
#define PO_P1(c) ((c) >= 0x20 && (c) != '%' && (c) != '=' && (c) != 0x7F)
#define PO_P4(c) PO_P1(c), PO_P1((c) + 1), PO_P1((c) + 2), PO_P1((c) + 3)
#define PO_P16(c) PO_P4(c), PO_P4((c) + 4), PO_P4((c) + 8), PO_P4((c) + 12)
#define PO_P64(c) PO_P16(c), PO_P16((c) + 16), PO_P16((c) + 32), PO_P16((c) + 48)
static const unsigned char po_prop_plain[256] = {PO_P64(0), PO_P64(64), PO_P64(128), PO_P64(192)};

#ifdef PO_PROP_SSE2
/* Bit j set when byte j of x is not plain: below 0x20 (unsigned min with 0x1F is itself),
 * '%', '=', DEL, or C2 (which leads the C1 controls). */
static inline unsigned po_prop_stop_mask(__m128i x)
{
    __m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, _mm_set1_epi8('%')));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, _mm_set1_epi8('=')));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2)));
    return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* Writes the byte at s[i] that is not plain (a C1 control's two bytes both as %XX, since raw
 * the reader's input layer would remove it; other C2 letters as they are); returns the end. */
static char *po_prop_stop(char *d, const char *s, size_t *i, size_t n)
{
    unsigned char c = (unsigned char)s[*i];
    if (c != 0xC2) {
        *i += 1;
        return dbr_pct_byte(d, c);
    }
    unsigned char next = *i + 1 < n ? (unsigned char)s[*i + 1] : 0;
    if (next >= 0x80 && next <= 0x9F) {
        *i += 2;
        return dbr_pct_byte(dbr_pct_byte(d, c), next);
    }
    *i += 1;
    *d = (char)c;
    return d + 1;
}

/* Writes s[0..n) with '%', '=' and controls as %XX at d (room for 3n bytes); returns the end.
 * Plain bytes go 16 at a time where SSE2 is: a store of 16 fits, since d is at most 3i into
 * the room and n - i >= 16. */
static char *po_prop_put(char *d, const char *s, size_t n)
{
    size_t i = 0;
#ifdef PO_PROP_SSE2
    while (n - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        _mm_storeu_si128((__m128i *)(void *)d, x);
        unsigned m = po_prop_stop_mask(x);
        if (!m) {
            d += 16;
            i += 16;
            continue;
        }
        unsigned k = (unsigned)__builtin_ctz(m);
        i += k;
        d = po_prop_stop(d + k, s, &i, n);
    }
#endif
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (po_prop_plain[c] && c != 0xC2) {
            *d++ = (char)c;
            i++;
        } else {
            d = po_prop_stop(d, s, &i, n);
        }
    }
    return d;
}

int po_put_prop_line(dbr_buf *out, const char *tag, const char *key, const char *value)
{
    size_t tn = strlen(tag), kn = strlen(key), vn = strlen(value);
    if (kn > SIZE_MAX / 8 || vn > SIZE_MAX / 8 || dbr_buf_reserve(out, tn + 3 * (kn + vn) + 5))
        return -1;
    char *d = out->data + out->len;
    memcpy(d, "#. ", 3);
    memcpy(d + 3, tag, tn);
    d = po_prop_put(d + 3 + tn, key, kn);
    *d++ = '=';
    d = po_prop_put(d, value, vn);
    *d++ = '\n';
    out->len = (size_t)(d - out->data);
    out->data[out->len] = '\0';
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
