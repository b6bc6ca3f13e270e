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

/* Most writes are a few bytes into a buffer with room: copy them straight in, and only call
 * into the core to grow it (profiles showed the per-call growth check as a hot spot). */
static void put(json_emit *je, const char *s, size_t n)
{
    dbr_buf *b = je->b;
    if (b->len + n < b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else if (dbr_buf_append(b, s, n) != 0) {
        je->oom = 1;
    }
}

static void newline(json_emit *je, int depth)
{
    put(je, "\n", 1);
    for (int i = 0; i < depth; i++)
        put(je, "  ", 2);
}

/* Writes what goes before a value or a key: nothing after a key, else a comma after an earlier
 * member and, in pretty mode, a line break. */
static void separate(json_emit *je)
{
    if (je->after_key) {
        je->after_key = 0;
        return;
    }
    if (je->depth <= 0)
        return;
    int d = je->depth < JSON_EMIT_MAX_DEPTH ? je->depth : JSON_EMIT_MAX_DEPTH - 1;
    if (!je->first[d])
        put(je, je->flat && je->pretty ? ", " : ",", je->flat && je->pretty ? 2 : 1);
    je->first[d] = 0;
    if (je->pretty && !je->flat)
        newline(je, je->depth);
}

static void open_level(json_emit *je, const char *c)
{
    separate(je);
    put(je, c, 1);
    je->depth++;
    if (je->depth < JSON_EMIT_MAX_DEPTH)
        je->first[je->depth] = 1;
}

static void close_level(json_emit *je, const char *c)
{
    int had = je->depth < JSON_EMIT_MAX_DEPTH ? !je->first[je->depth] : 1;
    je->depth--;
    if (had && je->pretty && !je->flat)
        newline(je, je->depth);
    put(je, c, 1);
}

void json_emit_begin_object(json_emit *je) { open_level(je, "{"); }
void json_emit_end_object(json_emit *je) { close_level(je, "}"); }
void json_emit_begin_array(json_emit *je) { open_level(je, "["); }

void json_emit_begin_flat_array(json_emit *je)
{
    open_level(je, "[");
    je->flat++;
}

void json_emit_end_array(json_emit *je)
{
    if (je->flat) {
        je->flat--;
        je->depth--;
        put(je, "]", 1);
        return;
    }
    close_level(je, "]");
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

/* Whether any of the 8 bytes in w is below 0x20, a quote or a backslash (the classic
 * "has a zero byte" bit trick, exact for whether one exists): lets plain text be skipped a
 * word at a time. */
static int json_word_needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    uint64_t below_space = (w - ones * 0x20) & ~w;
    uint64_t zero_quote = (quote - ones) & ~quote;
    uint64_t zero_backslash = (backslash - ones) & ~backslash;
    return ((below_space | zero_quote | zero_backslash) & highs) != 0;
}

/* Reserves the worst case once (every byte a \u00XX escape) and writes into the buffer
 * directly, copying runs that need no escape with one memcpy each. */
int json_quote(dbr_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (n > (SIZE_MAX - 8) / 6)
        return -1;
    if (b->cap - b->len <= n * 6 + 2 && dbr_buf_reserve(b, n * 6 + 2) != 0)
        return -1; /* only grown when short: most calls find room */
    char *o = b->data + b->len;
    *o++ = '"';
    size_t i = 0, run = 0;
    while (i < n) {
        /* A short tail is padded with 'a' (needs no escape) rather than read past the end. */
        uint64_t w = 0x6161616161616161ull;
        size_t take = 8;
        if (n - i >= 8)
            memcpy(&w, s + i, 8); /* the common case, a fixed-size load */
        else
            memcpy(&w, s + i, take = n - i);
        if (!json_word_needs_escape(w)) {
            i += take;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        memcpy(o, s + run, i - run);
        o += i - run;
        o += json_escape_char(c, o);
        run = ++i;
    }
    memcpy(o, s + run, n - run);
    o += n - run;
    *o++ = '"';
    *o = '\0';
    b->len = (size_t)(o - b->data);
    return 0;
}

void json_emit_key(json_emit *je, const char *key)
{
    separate(je);
    if (json_quote(je->b, key) != 0)
        je->oom = 1;
    put(je, je->pretty ? ": " : ":", je->pretty ? 2 : 1);
    je->after_key = 1;
}

void json_emit_string(json_emit *je, const char *s)
{
    separate(je);
    if (json_quote(je->b, s ? s : "") != 0)
        je->oom = 1;
}

void json_emit_long(json_emit *je, long long v)
{
    separate(je);
    if (dbr_buf_printf(je->b, "%lld", v) != 0)
        je->oom = 1;
}

/* The shortest of %.15g..%.17g that strtod reads back exactly, so output is both short and
 * lossless. JSON has no NaN or infinity: those are written as null. */
void json_emit_double(json_emit *je, double v)
{
    separate(je);
    if (!isfinite(v)) {
        put(je, "null", 4);
        return;
    }
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    /* A bare integer-looking double stays a number either way; keep it as printed. */
    put(je, tmp, strlen(tmp));
}

void json_emit_bool(json_emit *je, int v)
{
    separate(je);
    put(je, v ? "true" : "false", v ? 4 : 5);
}

void json_emit_kv_string(json_emit *je, const char *key, const char *s)
{
    if (!s)
        return;
    json_emit_key(je, key);
    json_emit_string(je, s);
}

void json_emit_kv_long(json_emit *je, const char *key, long long v)
{
    json_emit_key(je, key);
    json_emit_long(je, v);
}
