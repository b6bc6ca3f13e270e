/* json_emit.c - see json_emit.h. */
#include "json_emit.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_emit_init(json_emit *je, dbr_buf *b, int pretty, int depth)
{
    memset(je, 0, sizeof *je);
    je->b = b;
    je->pretty = pretty;
    je->depth = depth;
    for (int i = 0; i < JSON_EMIT_MAX_DEPTH; i++)
        je->first[i] = 1;
}

void json_emit_grow_put(json_emit *je, const char *s, size_t n)
{
    if (dbr_buf_append(je->b, s, n) != 0)
        je->oom = 1;
}

/* A line break and the indent, one copy for any depth the emitter tracks. */
void json_emit_newline(json_emit *je, int depth)
{
    static const char indent[] = "\n"
                                 "                                "
                                 "                                ";
    _Static_assert(sizeof indent == 2 + 2 * JSON_EMIT_MAX_DEPTH, "one indent per depth");
    if (depth < 0)
        depth = 0;
    int fits = depth <= JSON_EMIT_MAX_DEPTH ? depth : JSON_EMIT_MAX_DEPTH;
    json_emit_put(je, indent, 1 + 2 * (size_t)fits);
    for (int i = fits; i < depth; i++)
        json_emit_put(je, "  ", 2);
}

/* The escape for c (a quote, backslash or control character) into o; returns its length. */
static size_t json_escape_char(unsigned char c, char *o)
{
    const char *short_form = NULL;
    switch (c) {
    case '"': short_form = "\\\""; break;
    case '\\': short_form = "\\\\"; break;
    case '\n': short_form = "\\n"; break;
    case '\t': short_form = "\\t"; break;
    case '\r': short_form = "\\r"; break;
    case '\b': short_form = "\\b"; break;
    case '\f': short_form = "\\f"; break;
    default: break;
    }
    if (short_form) {
        memcpy(o, short_form, 2);
        return 2;
    }
    static const char hex[] = "0123456789abcdef";
    memcpy(o, "\\u00", 4);
    o[4] = hex[c >> 4];
    o[5] = hex[c & 15];
    return 6;
}

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>

#ifdef __clang__
#define JSON_SCAN_UNINSTRUMENTED __attribute__((no_sanitize("address", "memory")))
#else
#define JSON_SCAN_UNINSTRUMENTED __attribute__((no_sanitize_address))
#endif

/* Bit i set when byte i of v must stop a plain run: a control character (the terminating NUL
 * is one), '"', '\\', DEL or C2 (which leads the C1 controls). Unsigned min(v, 0x1f) == v
 * exactly when v <= 0x1f. */
static inline unsigned json_stop_mask(__m128i v)
{
    const __m128i ctl = _mm_set1_epi8(0x1f), quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    __m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v);
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, quote));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, backslash));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    stop = _mm_or_si128(stop, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)));
    return (unsigned)_mm_movemask_epi8(stop);
}

/* The length of the run at s that needs no escape, 16 bytes a step. Finding the terminating NUL
 * in the same pass saves a strlen over every string written. The loads are 16-byte aligned, so
 * none crosses into a page the string does not reach; the last may read up to 15 bytes past
 * the NUL inside its own aligned block (as glibc's strlen does), which is why the sanitizers
 * are told not to instrument this one function. */
JSON_SCAN_UNINSTRUMENTED static size_t json_plain_run(const char *s)
{
    uintptr_t at = (uintptr_t)s, block = at & ~(uintptr_t)15;
    unsigned m = json_stop_mask(_mm_load_si128((const __m128i *)block)) >> (at - block);
    while (!m) {
        block += 16;
        m = json_stop_mask(_mm_load_si128((const __m128i *)block));
        if (m)
            return (size_t)(block - at) + (size_t)__builtin_ctz(m);
    }
    return (size_t)__builtin_ctz(m);
}
#else
/* Portable: a byte at a time. */
static size_t json_plain_run(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7F && *p != 0xC2)
        p++;
    return (size_t)(p - (const unsigned char *)s);
}
#endif

/* Copies each plain run with one memcpy and escapes the byte that ended it. Room is reserved
 * run by run (the run, one escape and a closing quote), so a long string never asks for six
 * times its length. DEL and the C1 controls (C2 80..C2 9F) are written \u007f, \u0085...:
 * JSON allows them raw, but every reader's input layer (ours too) removes them from raw text,
 * so raw they would be lost on the way back; escaped they survive. */
int json_escape(dbr_buf *b, const char *s)
{
    for (;;) {
        size_t run = json_plain_run(s);
        if (b->cap - b->len <= run + 8 && dbr_buf_reserve(b, run + 8) != 0)
            return -1;
        dbr_copy_small(b->data + b->len, s, run);
        b->len += run;
        s += run;
        unsigned char c = (unsigned char)*s;
        if (c == '\0')
            break;
        if (c == 0xC2) { /* Latin-1 letters go as they are; only C1 controls are escaped */
            unsigned char next = (unsigned char)s[1];
            if (next < 0x80 || next > 0x9F) {
                b->data[b->len++] = (char)c;
                s++;
                continue;
            }
            c = next;
            s++;
        }
        b->len += json_escape_char(c, b->data + b->len);
        s++;
    }
    b->data[b->len] = '\0';
    return 0;
}

int json_quote(dbr_buf *b, const char *s)
{
    if (b->cap - b->len <= 2 && dbr_buf_reserve(b, 2) != 0)
        return -1;
    b->data[b->len++] = '"';
    if (json_escape(b, s) != 0)
        return -1;
    /* json_escape left room for the quote and the NUL */
    b->data[b->len++] = '"';
    b->data[b->len] = '\0';
    return 0;
}

/* Digits by hand: printf's format parsing cost more than the number. */
void json_emit_long(json_emit *je, long long v)
{
    char tmp[24];
    char *p = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    json_emit_separate(je);
    json_emit_put(je, p, (size_t)(tmp + sizeof tmp - p));
}

/* The shortest of %.15g..%.17g that strtod reads back exactly, so output is both short and
 * lossless. JSON has no NaN or infinity: those are written as null. */
void json_emit_double(json_emit *je, double v)
{
    json_emit_separate(je);
    if (!isfinite(v)) {
        json_emit_put(je, "null", 4);
        return;
    }
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* A bare integer-looking double stays a number either way; keep it as printed. */
    json_emit_put(je, tmp, strlen(tmp));
}

void json_emit_bool(json_emit *je, int v)
{
    json_emit_separate(je);
    json_emit_put(je, v ? "true" : "false", v ? 4 : 5);
}
