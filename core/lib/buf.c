/* buf.c - growable, NUL-terminated byte buffer. */
#include "docbridge/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int dbr_buf_reserve(dbr_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *d = dbr_realloc(b->data, cap);
    if (!d)
        return -1;
    d[b->len] = '\0'; /* a fresh buffer must read as "" too, as alloc.h promises */
    b->data = d;
    b->cap = cap;
    return 0;
}

/* Appends are the commonest call in the writers and usually fit: only a short buffer pays for
 * the call to grow it (room for n bytes and the NUL means n < cap - len). */
int dbr_buf_append(dbr_buf *b, const void *data, size_t n)
{
    if (n >= b->cap - b->len && dbr_buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int dbr_buf_puts(dbr_buf *b, const char *s) { return dbr_buf_append(b, s, strlen(s)); }

int dbr_buf_putc(dbr_buf *b, char c)
{
    if (b->cap - b->len < 2 && dbr_buf_reserve(b, 1) != 0)
        return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

int dbr_buf_printf(dbr_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || dbr_buf_reserve(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void dbr_buf_clear(dbr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void dbr_buf_free(dbr_buf *b)
{
    dbr_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

const char *dbr_buf_cstr(const dbr_buf *b) { return b->data ? b->data : ""; }
