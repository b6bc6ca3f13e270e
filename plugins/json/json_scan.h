/* json_scan.h - a streaming scanner for the pretty dataset JSON.
 *
 * Why: a dataset file may be 1 GB; cJSON parses whole trees. The scanner walks the envelope
 * ({"documents": [{..., "content": [ ... ]}]}) character by character with bounded state, and
 * hands cJSON only one member value or one content item at a time, so memory is bounded by
 * the largest record. It tracks line, column (in characters) and byte offset for errors, and
 * refuses nesting deeper than JSON_MAX_DEPTH without recursion. */
#ifndef DOCBRIDGE_JSON_SCAN_H
#define DOCBRIDGE_JSON_SCAN_H

#include <cjson/cJSON.h>

#include "docbridge/plugin.h"

typedef struct json_scan {
    dbr_input *in;
    dbr_job *job;
    char chunk[65536];
    size_t len, pos;
    int eof;
    dbr_status st;         /* first failure; sticky */
    long line, col;        /* of the next character, 1-based */
    long long offset;      /* byte offset of the next character */
    dbr_buf raw;           /* the value being captured */
    long raw_line, raw_col;
    long long raw_offset;
} json_scan;

void json_scan_init(json_scan *s, dbr_input *in, dbr_job *job);
void json_scan_free(json_scan *s);

/* Next non-space character without consuming it; -1 at end of input (or after a failure). */
int json_scan_peek(json_scan *s);
void json_scan_skip(json_scan *s);
/* Skips space, then consumes c or fails with "expected <what>". */
dbr_status json_scan_expect(json_scan *s, char c, const char *what);
/* Fails at the current position: "<msg>" (end of input is reported as truncation). */
dbr_status json_scan_fail(json_scan *s, const char *expected);

/* Captures the next value (after space) and parses it. *out is owned by the caller
 * (cJSON_Delete). FAILED with a located error on bad JSON or excessive nesting. */
dbr_status json_scan_value(json_scan *s, cJSON **out);
/* Reads an object key and its ':' into key (cap bytes). */
dbr_status json_scan_key(json_scan *s, char *key, size_t cap);
/* After a member or item: consumes ',' (returns 1) or `close` (returns 0); -1 on failure. */
int json_scan_next(json_scan *s, char close, const char *where);

/* Fails at the start of the last captured value (for semantic errors in a record). */
dbr_status json_scan_fail_value(json_scan *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
