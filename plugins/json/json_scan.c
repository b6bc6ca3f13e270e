/* json_scan.c - see json_scan.h. */
#include "json_scan.h"
#include "json_model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void json_scan_init(json_scan *s, dbr_input *in, dbr_job *job)
{
    memset(s, 0, sizeof *s);
    s->in = in;
    s->job = job;
    s->line = s->col = 1;
}

void json_scan_free(json_scan *s) { dbr_buf_free(&s->raw); }

/* Next raw character (space included), refilling the chunk; -1 at end or after a failure. */
static int raw_peek(json_scan *s)
{
    if (s->st != DBR_OK)
        return -1;
    if (s->pos == s->len && !s->eof) {
        size_t got = 0;
        s->st = dbr_input_read(s->in, s->chunk, sizeof s->chunk, &got, s->job->err);
        if (s->st != DBR_OK)
            return -1;
        s->len = got;
        s->pos = 0;
        s->eof = got == 0;
    }
    return s->pos < s->len ? (unsigned char)s->chunk[s->pos] : -1;
}

void json_scan_skip(json_scan *s)
{
    if (s->pos >= s->len)
        return;
    unsigned char c = (unsigned char)s->chunk[s->pos++];
    s->offset++;
    if (c == '\n') {
        s->line++;
        s->col = 1;
    } else if ((c & 0xC0) != 0x80) {
        s->col++;
    }
}

int json_scan_peek(json_scan *s)
{
    int c;
    while ((c = raw_peek(s)) == ' ' || c == '\t' || c == '\n' || c == '\r')
        json_scan_skip(s);
    return c;
}

static void describe(int c, char *buf, size_t cap)
{
    if (c < 0)
        snprintf(buf, cap, "end of input");
    else if (c >= 0x20 && c < 0x7f)
        snprintf(buf, cap, "'%c'", c);
    else
        snprintf(buf, cap, "byte 0x%02x", (unsigned)c);
}

dbr_status json_scan_fail(json_scan *s, const char *expected)
{
    if (s->st != DBR_OK)
        return s->st;
    int c = raw_peek(s);
    char found[32];
    describe(c, found, sizeof found);
    s->st = dbr_job_fail(s->job, DBR_FAILED, s->line, s->col, s->offset,
                         "%s%s, found %s", c < 0 ? "truncated dataset JSON: expected " :
                         "malformed dataset JSON: expected ", expected, found);
    return s->st;
}

dbr_status json_scan_expect(json_scan *s, char c, const char *what)
{
    if (json_scan_peek(s) != (unsigned char)c)
        return json_scan_fail(s, what);
    json_scan_skip(s);
    return DBR_OK;
}

/* Takes one character into the capture buffer. */
static int take(json_scan *s)
{
    int c = raw_peek(s);
    if (c < 0)
        return -1;
    if (dbr_buf_putc(&s->raw, (char)c) != 0) {
        s->st = dbr_job_fail(s->job, DBR_FAILED, s->line, s->col, s->offset, "out of memory");
        return -1;
    }
    json_scan_skip(s);
    return c;
}

static int capture_string(json_scan *s)
{
    take(s); /* the opening quote */
    for (;;) {
        int c = take(s);
        if (c < 0)
            return -1;
        if (c == '"')
            return 0;
        if (c == '\\' && take(s) < 0)
            return -1;
    }
}

/* Captures an object or array iteratively; a stack of expected closers bounds nesting. */
static int capture_nested(json_scan *s)
{
    char closers[JSON_MAX_DEPTH];
    int depth = 0;
    for (;;) {
        int c = raw_peek(s);
        if (c < 0)
            return -1;
        if (c == '"') {
            if (capture_string(s) != 0)
                return -1;
            continue;
        }
        if (c == '[' || c == '{') {
            if (depth == JSON_MAX_DEPTH) {
                s->st = dbr_job_fail(s->job, DBR_FAILED, s->line, s->col, s->offset,
                                     "dataset JSON nests deeper than %d levels", JSON_MAX_DEPTH);
                return -1;
            }
            closers[depth++] = c == '[' ? ']' : '}';
        } else if (c == ']' || c == '}') {
            if (depth == 0 || closers[depth - 1] != c) {
                char what[16];
                snprintf(what, sizeof what, depth ? "'%c'" : "a value", depth ? closers[depth - 1] : ' ');
                json_scan_fail(s, what);
                return -1;
            }
            depth--;
        }
        take(s);
        if (depth == 0)
            return 0;
    }
}

static int is_scalar_char(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '+' || c == '.';
}

/* Points the error at the character cJSON stopped at, inside the captured value. */
static dbr_status parse_failure(json_scan *s, const char *end)
{
    size_t off = end && end >= s->raw.data && end <= s->raw.data + s->raw.len
                     ? (size_t)(end - s->raw.data) : 0;
    long l, c;
    json_locate(s->raw.data, off, &l, &c);
    long line = s->raw_line + l - 1;
    long col = l == 1 ? s->raw_col + c - 1 : c;
    s->st = dbr_job_fail(s->job, DBR_FAILED, line, col, s->raw_offset + (long long)off,
                         "malformed dataset JSON: invalid value");
    return s->st;
}

dbr_status json_scan_value(json_scan *s, cJSON **out)
{
    *out = NULL;
    int c = json_scan_peek(s);
    dbr_buf_clear(&s->raw);
    s->raw_line = s->line;
    s->raw_col = s->col;
    s->raw_offset = s->offset;
    int r;
    if (c == '"')
        r = capture_string(s);
    else if (c == '[' || c == '{')
        r = capture_nested(s);
    else if (c >= 0 && is_scalar_char(c)) {
        while (is_scalar_char(raw_peek(s)))
            take(s);
        r = 0;
    } else
        return json_scan_fail(s, "a value");
    if (r != 0)
        return s->st != DBR_OK ? s->st : json_scan_fail(s, "the rest of the value");
    const char *end = NULL;
    *out = cJSON_ParseWithLengthOpts(s->raw.data, s->raw.len, &end, 0);
    if (!*out)
        return parse_failure(s, end);
    if (end != s->raw.data + s->raw.len) {
        cJSON_Delete(*out);
        *out = NULL;
        return parse_failure(s, end);
    }
    return DBR_OK;
}

dbr_status json_scan_key(json_scan *s, char *key, size_t cap)
{
    if (json_scan_peek(s) != '"')
        return json_scan_fail(s, "a member name in double quotes");
    cJSON *v = NULL;
    dbr_status st = json_scan_value(s, &v);
    if (st != DBR_OK)
        return st;
    if (strlen(v->valuestring) >= cap) {
        cJSON_Delete(v);
        return json_scan_fail_value(s, "member name too long");
    }
    snprintf(key, cap, "%s", v->valuestring);
    cJSON_Delete(v);
    return json_scan_expect(s, ':', "':' after a member name");
}

int json_scan_next(json_scan *s, char close, const char *where)
{
    int c = json_scan_peek(s);
    if (c == ',') {
        json_scan_skip(s);
        return 1;
    }
    if (c == close) {
        json_scan_skip(s);
        return 0;
    }
    char what[96];
    snprintf(what, sizeof what, "',' or '%c' %s", close, where);
    json_scan_fail(s, what);
    return -1;
}

dbr_status json_scan_fail_value(json_scan *s, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    s->st = dbr_job_fail(s->job, DBR_FAILED, s->raw_line, s->raw_col, s->raw_offset, "%s", msg);
    return s->st;
}
