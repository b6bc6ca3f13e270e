/* json_emit.h - a tiny streaming JSON emitter into a dbr_buf, shared by the json and jsonl
 * writers. It only tracks commas and indentation; the caller flushes the buffer to the output
 * after every event, so nothing larger than one record is ever held.
 *
 * Output is deterministic: keys in the order written, UTF-8 passed through unescaped (only '"',
 * '\\' and control characters are escaped, as JSON requires), doubles in the shortest form that
 * reads back to the same value.
 *
 * The calls a record makes dozens of times (separators, brackets, keys, strings) are inline
 * here: a TMX -> JSONL conversion makes about 60 of them a unit, and as out-of-line calls their
 * bookkeeping cost more than the bytes they wrote. */
#ifndef DOCBRIDGE_JSON_EMIT_H
#define DOCBRIDGE_JSON_EMIT_H

#include <stddef.h>
#include <string.h>

#include "docbridge/alloc.h"

#define JSON_EMIT_MAX_DEPTH 32

typedef struct json_emit {
    dbr_buf *b;
    int pretty;                        /* newline + two spaces a level */
    int depth;
    int flat;                          /* >0: inside an array written on one line */
    int after_key;                     /* the next value follows "key": */
    unsigned char first[JSON_EMIT_MAX_DEPTH]; /* no member written yet at this depth */
    int oom;                           /* sticky: an append failed */
} json_emit;

void json_emit_init(json_emit *je, dbr_buf *b, int pretty, int depth);

/* Appends s as a quoted JSON string literal to b. 0 ok, -1 OOM. */
int json_quote(dbr_buf *b, const char *s);
/* Appends s escaped for inside a JSON string, without quotes (so pieces can make up one
 * string). 0 ok, -1 OOM. */
int json_escape(dbr_buf *b, const char *s);

/* Out of line: the slow paths of the inline calls below. */
void json_emit_grow_put(json_emit *je, const char *s, size_t n);
void json_emit_newline(json_emit *je, int depth);

/* Appends n raw bytes. Most writes are a few bytes into a buffer with room: they are copied
 * straight in, and only a full buffer calls into the core to grow it. */
static inline void json_emit_put(json_emit *je, const char *s, size_t n)
{
    dbr_buf *b = je->b;
    if (b->len + n < b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        json_emit_grow_put(je, s, n);
    }
}

/* Writes what goes before a value or a key: nothing after a key, else a comma after an earlier
 * member and, in pretty mode, a line break. */
static inline void json_emit_separate(json_emit *je)
{
    if (je->after_key) {
        je->after_key = 0;
        return;
    }
    if (je->depth <= 0)
        return;
    int d = je->depth < JSON_EMIT_MAX_DEPTH ? je->depth : JSON_EMIT_MAX_DEPTH - 1;
    if (!je->first[d]) {
        if (je->flat && je->pretty)
            json_emit_put(je, ", ", 2);
        else
            json_emit_put(je, ",", 1);
    }
    je->first[d] = 0;
    if (je->pretty && !je->flat)
        json_emit_newline(je, je->depth);
}

static inline void json_emit_open_level(json_emit *je, const char *c)
{
    json_emit_separate(je);
    json_emit_put(je, c, 1);
    je->depth++;
    if (je->depth < JSON_EMIT_MAX_DEPTH)
        je->first[je->depth] = 1;
}

static inline void json_emit_close_level(json_emit *je, const char *c)
{
    int had = je->depth < JSON_EMIT_MAX_DEPTH ? !je->first[je->depth] : 1;
    je->depth--;
    if (had && je->pretty && !je->flat)
        json_emit_newline(je, je->depth);
    json_emit_put(je, c, 1);
}

static inline void json_emit_begin_object(json_emit *je) { json_emit_open_level(je, "{"); }
static inline void json_emit_end_object(json_emit *je) { json_emit_close_level(je, "}"); }
static inline void json_emit_begin_array(json_emit *je) { json_emit_open_level(je, "["); }

/* An array whose members stay on one line even in pretty mode (["key", "value"]). */
static inline void json_emit_begin_flat_array(json_emit *je)
{
    json_emit_open_level(je, "[");
    je->flat++;
}

static inline void json_emit_end_array(json_emit *je)
{
    if (je->flat) {
        je->flat--;
        je->depth--;
        json_emit_put(je, "]", 1);
        return;
    }
    json_emit_close_level(je, "]");
}

/* The quoted string without a separator (after a key, or after json_emit_separate). */
static inline void json_emit_quoted(json_emit *je, const char *s)
{
    if (json_quote(je->b, s) != 0)
        je->oom = 1;
}

static inline void json_emit_string(json_emit *je, const char *s)
{
    json_emit_separate(je);
    json_emit_quoted(je, s ? s : "");
}

static inline void json_emit_key(json_emit *je, const char *key)
{
    json_emit_separate(je);
    json_emit_quoted(je, key);
    json_emit_put(je, je->pretty ? ": " : ":", je->pretty ? 2 : 1);
    je->after_key = 1;
}

void json_emit_long(json_emit *je, long long v);
void json_emit_double(json_emit *je, double v);
void json_emit_bool(json_emit *je, int v);

/* Shorthands that write "key": value, skipping a NULL string. */
static inline void json_emit_kv_string(json_emit *je, const char *key, const char *s)
{
    if (!s)
        return;
    json_emit_key(je, key);
    json_emit_string(je, s);
}

static inline void json_emit_kv_long(json_emit *je, const char *key, long long v)
{
    json_emit_key(je, key);
    json_emit_long(je, v);
}

/* The same for a key that is a string literal needing no escape (all of the record mapping's
 * are): the key is pasted into a quoted literal at compile time ("\"type\":"), so writing it is
 * one copy rather than a scan. */
static inline void json_emit_raw_key(json_emit *je, const char *quoted, size_t n)
{
    json_emit_separate(je);
    json_emit_put(je, quoted, n);
    if (je->pretty)
        json_emit_put(je, " ", 1);
    je->after_key = 1;
}

static inline void json_emit_raw_kv_string(json_emit *je, const char *quoted, size_t n,
                                           const char *s)
{
    if (!s)
        return;
    json_emit_separate(je);
    json_emit_put(je, quoted, n);
    if (je->pretty)
        json_emit_put(je, " ", 1);
    json_emit_quoted(je, s);
}

#define JSON_QUOTED_KEY(lit) "\"" lit "\":", sizeof(lit) + 2
#define json_emit_key_lit(je, lit) json_emit_raw_key((je), JSON_QUOTED_KEY(lit))
#define json_emit_kv_string_lit(je, lit, s) json_emit_raw_kv_string((je), JSON_QUOTED_KEY(lit), (s))
#define json_emit_kv_long_lit(je, lit, v) \
    (json_emit_raw_key((je), JSON_QUOTED_KEY(lit)), json_emit_long((je), (v)))

#endif
