/* normalize.c - Unicode NFC (or NFKC) over a stream of UTF-8, with ICU's unorm2.
 *
 * Text is cut into segments at normalisation boundaries (a character that never interacts
 * with what precedes it). A segment that is one character which is already normalised (quick
 * check YES) is copied as bytes: that is all of ASCII, CJK and most text, so text that is
 * already NFC costs one classifying pass. Runs of other segments go through ICU in UTF-16.
 * The segment after the last boundary of a chunk is held back, because the next chunk may
 * start with a combining mark that belongs to it.
 */
#include "input_internal.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* A held-back segment longer than this (only combining marks, an attack rather than text) is
 * normalised without waiting for its end. */
#define NORM_HOLD_MAX 65536

struct input_norm {
    const UNormalizer2 *n2;  /* NFC or NFKC */
    const UNormalizer2 *nfc; /* to tell whether the input was NFC when n2 is NFKC */
    int nfkc;
    UChar32 fast_below;      /* every code point below this is a one-character YES segment */
    dbr_buf tail;            /* held-back segment */
    dbr_buf work;            /* the held-back segment, completed */
    UChar *u16, *u16n;       /* region in UTF-16, and normalised */
    int32_t u16_cap, u16n_cap;
    /* input_norm_simple's answers for the BMP, filled a 256-code-point block at a time */
    uint8_t block_known[256];
    uint64_t simple_bits[256][4];
};

input_norm *input_norm_new(int nfkc, dbr_error *err)
{
    input_norm *n = dbr_calloc(1, sizeof *n);
    if (!n) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    UErrorCode ec = U_ZERO_ERROR;
    n->nfc = unorm2_getNFCInstance(&ec);
    n->n2 = nfkc ? unorm2_getNFKCInstance(&ec) : n->nfc;
    if (U_FAILURE(ec)) {
        dbr_free(n);
        dbr_error_set(err, DBR_FAILED, "cannot load ICU normalisation data: %s",
                      u_errorName(ec));
        return NULL;
    }
    n->nfkc = nfkc;
    /* U+0300 is the first character that is not NFC_QC=YES; U+00A0 the first for NFKC. */
    n->fast_below = nfkc ? 0xA0 : 0x300;
    return n;
}

void input_norm_free(input_norm *n)
{
    if (!n)
        return;
    dbr_buf_free(&n->tail);
    dbr_buf_free(&n->work);
    dbr_free(n->u16);
    dbr_free(n->u16n);
    dbr_free(n);
}

enum { SEG_SIMPLE, SEG_BOUNDARY, SEG_INNER };

/* SIMPLE: a boundary before it and unchanged by normalisation on its own.
 * BOUNDARY: a boundary before it, but it changes (a singleton like U+212B).
 * INNER: may combine with what precedes it (combining marks, Hangul vowels...). */
static int classify(const input_norm *n, UChar32 c)
{
    if (c < n->fast_below)
        return SEG_SIMPLE;
    /* CJK Unified Ideographs (and extension A): no decompositions, never combine. */
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
        return SEG_SIMPLE;
    if (!unorm2_hasBoundaryBefore(n->n2, c))
        return SEG_INNER;
    UProperty qc = n->nfkc ? UCHAR_NFKC_QUICK_CHECK : UCHAR_NFC_QUICK_CHECK;
    return u_getIntPropertyValue(c, qc) == UNORM_YES ? SEG_SIMPLE : SEG_BOUNDARY;
}

/* Fills the cache block for code points b*256 .. b*256+255. */
static void fill_block(input_norm *n, unsigned b)
{
    memset(n->simple_bits[b], 0, sizeof n->simple_bits[b]);
    for (unsigned i = 0; i < 256; i++)
        if (classify(n, (UChar32)(b * 256 + i)) == SEG_SIMPLE)
            n->simple_bits[b][i >> 6] |= 1ull << (i & 63);
    n->block_known[b] = 1;
}

int input_norm_simple(input_norm *n, UChar32 c)
{
    if (c < n->fast_below)
        return 1;
    if (c > 0xFFFF)
        return classify(n, c) == SEG_SIMPLE;
    unsigned b = (unsigned)c >> 8, i = (unsigned)c & 255;
    if (!n->block_known[b])
        fill_block(n, b);
    return (int)((n->simple_bits[b][i >> 6] >> (i & 63)) & 1);
}

/* Decodes the (valid) UTF-8 sequence at p; *len gets its length. */
static UChar32 next_cp(const uint8_t *p, size_t *len)
{
    uint8_t c = p[0];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if (c < 0xE0) {
        *len = 2;
        return ((UChar32)(c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *len = 3;
        return ((UChar32)(c & 0x0F) << 12) | ((UChar32)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *len = 4;
    return ((UChar32)(c & 0x07) << 18) | ((UChar32)(p[1] & 0x3F) << 12) |
           ((UChar32)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

static int grow_u16(UChar **buf, int32_t *cap, int32_t need)
{
    if (need <= *cap)
        return 0;
    int32_t ncap = need + need / 2 + 64;
    UChar *nb = dbr_realloc(*buf, (size_t)ncap * sizeof(UChar));
    if (!nb)
        return -1;
    *buf = nb;
    *cap = ncap;
    return 0;
}

/* Normalises one region (starts and ends at boundaries) through ICU, appending to out. */
static int norm_region(input_norm *n, const char *s, size_t len, dbr_buf *out, int *not_nfc,
                       dbr_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t n16 = 0;
    if (len > (size_t)INT32_MAX / 2 || grow_u16(&n->u16, &n->u16_cap, (int32_t)len + 1) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    u_strFromUTF8(n->u16, n->u16_cap, &n16, s, (int32_t)len, &ec);
    if (U_FAILURE(ec))
        return dbr_error_set(err, DBR_FAILED, "normalisation: %s", u_errorName(ec)), -1;
    /* NFKC can expand a character many times (U+FDFA becomes 18); retry with the size ICU
     * asks for. */
    int32_t nn = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        ec = U_ZERO_ERROR;
        if (grow_u16(&n->u16n, &n->u16n_cap, attempt ? nn + 1 : n16 * 3 + 16) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
        nn = unorm2_normalize(n->n2, n->u16, n16, n->u16n, n->u16n_cap, &ec);
        if (ec != U_BUFFER_OVERFLOW_ERROR)
            break;
    }
    if (U_FAILURE(ec))
        return dbr_error_set(err, DBR_FAILED, "normalisation: %s", u_errorName(ec)), -1;
    if (!*not_nfc) {
        if (n->nfkc) {
            ec = U_ZERO_ERROR;
            *not_nfc = !unorm2_isNormalized(n->nfc, n->u16, n16, &ec);
        } else {
            *not_nfc = nn != n16 || memcmp(n->u16, n->u16n, (size_t)nn * sizeof(UChar)) != 0;
        }
    }
    int32_t n8 = 0;
    if (dbr_buf_reserve(out, (size_t)nn * 3 + 4) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    ec = U_ZERO_ERROR;
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len - 1), &n8, n->u16n, nn, &ec);
    if (U_FAILURE(ec))
        return dbr_error_set(err, DBR_FAILED, "normalisation: %s", u_errorName(ec)), -1;
    out->len += (size_t)n8;
    out->data[out->len] = '\0';
    return 0;
}

/* After a simple segment with no ICU region open, each following ASCII character is a simple
 * one-character segment that only moves the segment start: jump over the whole run at once
 * (most text is ASCII; this was the hottest loop of TMX -> JSONL). Returns the new position;
 * *seg becomes the start of the run's last character. */
static size_t skip_ascii(const uint8_t *p, size_t i, size_t len, size_t *seg)
{
    size_t j = i;
    while (j + 8 <= len) {
        uint64_t w;
        memcpy(&w, p + j, 8);
        if (w & 0x8080808080808080ull)
            break;
        j += 8;
    }
    while (j < len && p[j] < 0x80)
        j++;
    if (j > i)
        *seg = j - 1;
    return j;
}

/* Walks s[0..len) segment by segment; returns where the held-back part starts (len when
 * final). Copies simple text as bytes and sends runs of other segments through ICU. */
static int norm_walk(input_norm *n, const char *s, size_t len, int final, dbr_buf *out,
                     int *not_nfc, size_t *hold_from, dbr_error *err)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t i = 0, copied = 0, seg = 0;
    long long region = -1; /* start of a run of segments that need ICU */
    int seg_complex = 0;
    while (i <= len) {
        int cls;
        size_t l = 0;
        if (i == len) {
            if (!final && len - seg <= NORM_HOLD_MAX)
                break;
            cls = SEG_SIMPLE; /* the end of the text is a boundary */
        } else {
            cls = classify(n, next_cp(p + i, &l));
        }
        if (cls == SEG_INNER) {
            seg_complex = 1;
            i += l;
            continue;
        }
        /* A boundary at i: the segment [seg, i) is complete. */
        if (seg_complex && region < 0)
            region = (long long)seg;
        if (!seg_complex && region >= 0) {
            if (dbr_buf_append(out, s + copied, (size_t)region - copied) != 0)
                return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
            if (norm_region(n, s + region, seg - (size_t)region, out, not_nfc, err) != 0)
                return -1;
            copied = seg;
            region = -1;
        }
        seg = i;
        seg_complex = cls == SEG_BOUNDARY;
        if (i == len)
            break;
        i += l;
        if (cls == SEG_SIMPLE && region < 0)
            i = skip_ascii(p, i, len, &seg);
    }
    /* Whatever precedes the held-back segment goes out now. */
    size_t stop = i == len && (final || len - seg > NORM_HOLD_MAX) ? len : seg;
    if (region >= 0) {
        if (dbr_buf_append(out, s + copied, (size_t)region - copied) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
        if (norm_region(n, s + region, stop - (size_t)region, out, not_nfc, err) != 0)
            return -1;
        copied = stop;
    }
    if (dbr_buf_append(out, s + copied, stop - copied) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    *hold_from = stop;
    return 0;
}

/* Offset of the first code point in s that has a boundary before it (len when none). */
static size_t first_boundary(const input_norm *n, const char *s, size_t len)
{
    size_t i = 0, l;
    while (i < len && classify(n, next_cp((const uint8_t *)s + i, &l)) == SEG_INNER)
        i += l;
    return i;
}

/* Finishes the held-back segment with the start of the new text up to its first boundary
 * (usually nothing: the next character starts a new segment). Returns how much of src was
 * used; src is then walked in place, so a chunk is never copied as a whole. */
static int norm_finish_tail(input_norm *n, const char *src, size_t len, int final,
                            dbr_buf *out, int *not_nfc, size_t *used, dbr_error *err)
{
    size_t b = first_boundary(n, src, len);
    *used = b;
    if (dbr_buf_append(&n->tail, src, b) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    if (b == len && !final && n->tail.len <= NORM_HOLD_MAX)
        return 0; /* still inside the segment: keep holding */
    dbr_buf_clear(&n->work);
    if (dbr_buf_append(&n->work, n->tail.data, n->tail.len) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    dbr_buf_clear(&n->tail);
    size_t hold;
    return norm_walk(n, n->work.data, n->work.len, 1, out, not_nfc, &hold, err);
}

int input_norm_run(input_norm *n, const char *src, size_t len, int final, dbr_buf *out,
                   int *not_nfc, dbr_error *err)
{
    if (n->tail.len) {
        size_t used;
        if (norm_finish_tail(n, src, len, final, out, not_nfc, &used, err) != 0)
            return -1;
        src += used;
        len -= used;
        if (n->tail.len) /* still held (src was all combining marks) */
            return 0;
    }
    size_t hold = len;
    if (norm_walk(n, src, len, final, out, not_nfc, &hold, err) != 0)
        return -1;
    if (hold < len && dbr_buf_append(&n->tail, src + hold, len - hold) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    return 0;
}

int input_norm_holding(const input_norm *n) { return n->tail.len > 0; }
