/* json_emit.c - see json_emit.h. */
#include "json_emit.h"

#include <math.h>
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

static void put(json_emit *je, const char *s, size_t n)
{
    if (dbr_buf_append(je->b, s, n) != 0)
        je->oom = 1;
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

int json_quote(dbr_buf *b, const char *s)
{
    if (dbr_buf_putc(b, '"') != 0)
        return -1;
    const char *run = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        if (dbr_buf_append(b, run, (size_t)(p - run)) != 0)
            return -1;
        run = p + 1;
        int r;
        switch (c) {
        case '"': r = dbr_buf_puts(b, "\\\""); break;
        case '\\': r = dbr_buf_puts(b, "\\\\"); break;
        case '\n': r = dbr_buf_puts(b, "\\n"); break;
        case '\t': r = dbr_buf_puts(b, "\\t"); break;
        case '\r': r = dbr_buf_puts(b, "\\r"); break;
        case '\b': r = dbr_buf_puts(b, "\\b"); break;
        case '\f': r = dbr_buf_puts(b, "\\f"); break;
        default: r = dbr_buf_printf(b, "\\u%04x", c); break;
        }
        if (r != 0)
            return -1;
    }
    if (dbr_buf_puts(b, run) != 0 || dbr_buf_putc(b, '"') != 0)
        return -1;
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
