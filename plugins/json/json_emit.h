/* json_emit.h - a tiny streaming JSON emitter into a dbr_buf, shared by the json and jsonl
 * writers. It only tracks commas and indentation; the caller flushes the buffer to the output
 * after every event, so nothing larger than one record is ever held.
 *
 * Output is deterministic: keys in the order written, UTF-8 passed through unescaped (only '"',
 * '\\' and control characters are escaped, as JSON requires), doubles in the shortest form that
 * reads back to the same value. */
#ifndef DOCBRIDGE_JSON_EMIT_H
#define DOCBRIDGE_JSON_EMIT_H

#include <stddef.h>

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
void json_emit_begin_object(json_emit *je);
void json_emit_end_object(json_emit *je);
void json_emit_begin_array(json_emit *je);
/* An array whose members stay on one line even in pretty mode (["key", "value"]). */
void json_emit_begin_flat_array(json_emit *je);
void json_emit_end_array(json_emit *je);
void json_emit_key(json_emit *je, const char *key);
void json_emit_string(json_emit *je, const char *s);
void json_emit_long(json_emit *je, long long v);
void json_emit_double(json_emit *je, double v);
void json_emit_bool(json_emit *je, int v);

/* Shorthands that write "key": value, skipping a NULL string. */
void json_emit_kv_string(json_emit *je, const char *key, const char *s);
void json_emit_kv_long(json_emit *je, const char *key, long long v);

/* Appends s as a quoted JSON string literal to b. 0 ok, -1 OOM. */
int json_quote(dbr_buf *b, const char *s);

#endif
