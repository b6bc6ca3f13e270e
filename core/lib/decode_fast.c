/* decode_fast.c - the fast lane of the input layer: UTF-8 that sanitising and normalising
 * would leave unchanged goes straight to the text buffer, checked in one pass and not copied.
 *
 * The general path (decode.c, normalize.c) makes three passes over every chunk and copies it
 * twice: sanitise into in->clean, normalise into in->text. Almost all real input (TMX, XLIFF,
 * JSON, text) is valid UTF-8, has LF line ends, no stray controls and is already NFC, so the
 * general path does nothing to it but copy. Here one pass checks that a chunk is made only of
 * characters both stages keep as they are (printable ASCII, LF, tab, form feed, and valid
 * multibyte characters that are not C1 controls and are a normalisation segment of their own);
 * if so the chunk's buffer becomes the text buffer, and only the line and column counters the
 * general path keeps are moved on. Anything else, anywhere in the chunk, and the chunk takes
 * the general path as a whole, so the two paths never disagree about a character.
 *
 * Transcoded input (iconv's UTF-8 output) takes the same lane.
 *
 * The last character of a chunk is held back for the next one (a combining mark there may
 * compose with it), unless it is a line feed, which composes with nothing.
 */
#include "input_internal.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct fast_scan {
    size_t end;        /* bytes of whole characters that need no change */
    long long lines;   /* line feeds in [0, end) */
    size_t line_start; /* offset just after the last of them (0 when none) */
    int clean_to_end;  /* nothing but an incomplete sequence after end */
} fast_scan;

static int byte_is_plain(uint8_t b) { return (b >= 0x20 && b < 0x7F) || b == '\n' || b == '\t'; }

static void count_newline(fast_scan *st, size_t at)
{
    st->lines++;
    st->line_start = at + 1;
}

/* Bits set in a 16-bit mask, without the library call __builtin_popcount becomes when the
 * target CPU is not known to have POPCNT. */
static unsigned popcount16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
}

/* Skips bytes that are plain (printable ASCII, LF, tab) from i, counting line feeds; returns
 * the first other byte's offset (n when none). */
static size_t skip_plain(const uint8_t *p, size_t i, size_t n, fast_scan *st)
{
#ifdef __SSE2__
    const __m128i below = _mm_set1_epi8(0x1F), above = _mm_set1_epi8(0x7F);
    const __m128i lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        /* Signed compares: bytes >= 0x80 are negative, so they fail "> 0x1F". */
        __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, above));
        __m128i is_lf = _mm_cmpeq_epi8(v, lf);
        __m128i ok = _mm_or_si128(printable, _mm_or_si128(is_lf, _mm_cmpeq_epi8(v, tab)));
        unsigned okmask = (unsigned)_mm_movemask_epi8(ok);
        unsigned lfmask = (unsigned)_mm_movemask_epi8(is_lf);
        size_t take = okmask == 0xFFFF ? 16 : (size_t)__builtin_ctz(~okmask);
        lfmask &= take == 16 ? 0xFFFFu : (1u << take) - 1;
        if (lfmask) {
            st->lines += popcount16(lfmask);
            st->line_start = i + (size_t)(31 - __builtin_clz(lfmask)) + 1;
        }
        i += take;
        if (take < 16)
            return i;
    }
#endif
    for (; i < n && byte_is_plain(p[i]); i++)
        if (p[i] == '\n')
            count_newline(st, i);
    return i;
}

/* The code point of the valid sequence of length l at p. */
static int32_t decode_cp(const uint8_t *p, int l)
{
    if (l == 2)
        return ((int32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    if (l == 3)
        return ((int32_t)(p[0] & 0x0F) << 12) | ((int32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    return ((int32_t)(p[0] & 0x07) << 18) | ((int32_t)(p[1] & 0x3F) << 12) |
           ((int32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Whether the multibyte character of length l at p passes both stages unchanged. */
static int multibyte_unchanged(dbr_input *in, const uint8_t *p, int l)
{
    if (l == 2 && p[0] == 0xC2 && p[1] <= 0x9F)
        return 0; /* a C1 control: sanitising removes it */
    int32_t c = decode_cp(p, l);
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
        return 1; /* CJK ideographs, the common case after ASCII: no call */
    return input_norm_simple(in->norm, c);
}

#ifdef __SSE2__
/* Bit j set when byte j of x is what a run of 3-byte characters with leads E4..E9 has there:
 * a lead where `lead` has 0xFF, a continuation byte elsewhere. (x - E4, unsigned, is at most 5
 * exactly for the leads; min with 5 leaves it unchanged just then.) */
static unsigned cjk_lane_ok(__m128i x, __m128i lead)
{
    __m128i off = _mm_sub_epi8(x, _mm_set1_epi8((char)0xE4));
    __m128i is_lead = _mm_cmpeq_epi8(_mm_min_epu8(off, _mm_set1_epi8(5)), off);
    __m128i is_cont = _mm_cmpeq_epi8(_mm_and_si128(x, _mm_set1_epi8((char)0xC0)),
                                     _mm_set1_epi8((char)0x80));
    __m128i ok = _mm_or_si128(_mm_and_si128(lead, is_lead), _mm_andnot_si128(lead, is_cont));
    return (unsigned)_mm_movemask_epi8(ok);
}

/* Sixteen characters U+4000..U+9FFF (48 bytes) a step, while whole steps match. */
static size_t skip_cjk_blocks(const uint8_t *p, size_t i, size_t n)
{
    /* where the leads fall in each 16-byte third of a 48-byte step */
#define L 0xFF
    static const uint8_t leads[3][16] __attribute__((aligned(16))) = {
        {L, 0, 0, L, 0, 0, L, 0, 0, L, 0, 0, L, 0, 0, L},
        {0, 0, L, 0, 0, L, 0, 0, L, 0, 0, L, 0, 0, L, 0},
        {0, L, 0, 0, L, 0, 0, L, 0, 0, L, 0, 0, L, 0, 0}};
#undef L
    while (n - i >= 48) {
        for (int k = 0; k < 3; k++) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i + 16 * (size_t)k));
            if (cjk_lane_ok(x, _mm_load_si128((const __m128i *)(const void *)leads[k])) != 0xFFFF)
                return i;
        }
        i += 48;
    }
    return i;
}
#endif

/* Skips a run of characters U+4000..U+9FFF (leads E4..E9, any two continuation bytes): the
 * bulk of Chinese text, checked without decoding. Every one of them is a normalisation segment
 * of its own (CJK Extension A, the Yijing hexagrams, the unified ideographs: no decomposition,
 * combining class 0, never part of a composition), so the general path keeps them too. */
static size_t skip_cjk(const uint8_t *p, size_t i, size_t n)
{
    for (;;) {
#ifdef __SSE2__
        i = skip_cjk_blocks(p, i, n);
#endif
        /* Where a step did not match (the run ends in it): up to 16 characters one at a time,
         * then steps again. Each round returns or moves 48 bytes on. */
        for (int k = 0; k < 16; k++) {
            if (n - i < 3)
                return i;
            uint8_t a = p[i], b = p[i + 1], c = p[i + 2];
            if (a < 0xE4 || a > 0xE9 || (b & 0xC0) != 0x80 || (c & 0xC0) != 0x80)
                return i;
            i += 3;
        }
    }
}

static void scan(dbr_input *in, const uint8_t *p, size_t n, fast_scan *st)
{
    memset(st, 0, sizeof *st);
    size_t i = 0;
    while (i < n) {
        size_t j = p[i] < 0x80 ? skip_plain(p, i, n, st) : skip_cjk(p, i, n);
        if (j > i) {
            i = j;
            continue;
        }
        if (p[i] == '\f') { /* kept by sanitising: the text format's page break */
            i++;
            continue;
        }
        if (p[i] < 0x80)
            break; /* CR or a control: the general path deals with it */
        int l = input_utf8_seq(p + i, n - i);
        if (l < 0) {
            st->clean_to_end = 1; /* cut at the chunk's end: completed by the next read */
            break;
        }
        if (l == 0 || !multibyte_unchanged(in, p + i, l))
            break;
        i += (size_t)l;
    }
    st->end = i;
    if (i == n)
        st->clean_to_end = 1;
}

/* Characters (not continuation bytes) in p[0..n). */
static long long count_chars(const uint8_t *p, size_t n)
{
    long long c = 0;
    for (size_t i = 0; i < n; i++)
        c += (p[i] & 0xC0) != 0x80;
    return c;
}

/* Where the last character of p[0..end) starts, or end when it is a line feed (nothing
 * composes with it, so it need not wait). */
static size_t hold_from(const uint8_t *p, size_t end)
{
    if (end == 0 || p[end - 1] == '\n')
        return end;
    size_t k = end - 1;
    while (k > 0 && (p[k] & 0xC0) == 0x80)
        k--;
    return k;
}

static void move_counters(dbr_input *in, const uint8_t *p, size_t take, const fast_scan *st)
{
    if (st->lines) {
        in->src_line += st->lines;
        in->src_col = 1 + count_chars(p + st->line_start, take - st->line_start);
        in->seen_lf = 1;
    } else {
        in->src_col += count_chars(p, take);
    }
    if (in->is_utf8) /* offsets count source bytes: only UTF-8 maps one to one */
        in->raw_consumed += (long long)take;
}

/* Hands p[0..take) of in->utf8 to in->text and keeps the rest in in->utf8. When the text
 * buffer is empty the two buffers trade places, so the chunk is not copied. */
static int hand_over(dbr_input *in, size_t take)
{
    dbr_buf *u = &in->utf8, *t = &in->text;
    size_t rest = u->len - take;
    if (t->len == 0) {
        dbr_buf tmp = *t;
        *t = *u;
        *u = tmp;
        u->len = 0;
        if (rest && dbr_buf_append(u, t->data + take, rest) != 0)
            return -1;
        t->len = take;
        t->data[take] = '\0';
        return 0;
    }
    if (dbr_buf_append(t, u->data, take) != 0)
        return -1;
    memmove(u->data, u->data + take, rest);
    u->len = rest;
    return 0;
}

int input_decode_fast(dbr_input *in, int at_end, dbr_error *err)
{
    if (in->cfg.fold_width || in->cfg.fold_quotes || in->at_text_start ||
        in->last_cr || in->head_partial)
        return 0;
    const uint8_t *p = (const uint8_t *)in->utf8.data;
    fast_scan st;
    scan(in, p, in->utf8.len, &st);
    if (!st.clean_to_end || (at_end && st.end < in->utf8.len))
        return 0;
    size_t take = at_end ? st.end : hold_from(p, st.end);
    if (take == 0 && !at_end)
        return 1; /* one character so far: wait for more */
    /* What the general path held back ends here: the chunk starts with a character that
     * has a normalisation boundary before it (or the input ends). */
    int not_nfc = 0;
    if (input_norm_holding(in->norm) &&
        input_norm_run(in->norm, "", 0, 1, &in->text, &not_nfc, err) != 0)
        return -1;
    if (not_nfc)
        in->info.was_nfc = 0;
    move_counters(in, p, take, &st);
    if (take && hand_over(in, take) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory"), -1;
    return 1;
}
