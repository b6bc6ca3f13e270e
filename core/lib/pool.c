/* pool.c - bump allocator in chunks; reset keeps the first chunk so a reader that builds one
 * event at a time reuses the same memory for every event. */
#include "pool_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static chunk *chunk_new(size_t size)
{
    chunk *c = dbr_malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

dbr_pool *dbr_pool_new(void)
{
    dbr_pool *p = dbr_calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->first = p->head = chunk_new(POOL_CHUNK);
    if (!p->first) {
        dbr_free(p);
        return NULL;
    }
    p->bytes = POOL_CHUNK;
    return p;
}

static void free_chain(chunk *c, chunk *stop)
{
    while (c && c != stop) {
        chunk *next = c->next;
        dbr_free(c);
        c = next;
    }
}

void dbr_pool_free(dbr_pool *p)
{
    if (!p)
        return;
    free_chain(p->head, NULL);
    dbr_free(p);
}

void dbr_pool_reset(dbr_pool *p)
{
    /* Chunks link newest -> oldest; free all newer than the first. */
    free_chain(p->head, p->first);
    p->head = p->first;
    p->first->used = 0;
    p->bytes = p->first->size;
}

/* A new chunk for an allocation of `need` bytes that does not fit the current one. Out of line:
 * the common case (it fits) is a compare and an add, inlined into every caller. */
void *dbr_pool_take_slow(dbr_pool *p, size_t need)
{
    size_t size = need > POOL_CHUNK ? need : POOL_CHUNK;
    chunk *c = chunk_new(size);
    if (!c)
        return NULL;
    c->next = p->head;
    p->head = c;
    p->bytes += size;
    c->used = need;
    return c->data;
}

void *dbr_pool_alloc(dbr_pool *p, size_t n)
{
    void *r = pool_take(p, n);
    if (r)
        memset(r, 0, n);
    return r;
}

char *dbr_pool_strndup(dbr_pool *p, const char *s, size_t n)
{
    return s ? pool_dup(p, s, n) : NULL;
}

char *dbr_pool_strdup(dbr_pool *p, const char *s)
{
    return s ? pool_dup(p, s, strlen(s)) : NULL;
}

char *dbr_pool_printf(dbr_pool *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *d = dbr_pool_alloc(p, (size_t)n + 1);
    if (!d)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

size_t dbr_pool_bytes(const dbr_pool *p) { return p ? p->bytes : 0; }
