/* pool_internal.h - the bump pool's layout and its allocation fast path, shared by pool.c and
 * the model builders (model.c), which allocate for every attribute, span and text run a reader
 * keeps: inlined there, the common case (the chunk has room) is a compare and an add, without a
 * call through the shared library's PLT. Not a public header: plugins use alloc.h. */
#ifndef DOCBRIDGE_POOL_INTERNAL_H
#define DOCBRIDGE_POOL_INTERNAL_H

#include "docbridge/alloc.h"

#include <string.h>

#define POOL_CHUNK 16384
#define POOL_ALIGN 16

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
} chunk;

struct dbr_pool {
    chunk *head;   /* current chunk (newest) */
    chunk *first;  /* the oldest, kept on reset */
    size_t bytes;
};

/* Out of line in pool.c: a new chunk for `need` bytes (already aligned). */
void *dbr_pool_take_slow(dbr_pool *p, size_t need) __attribute__((visibility("hidden")));

/* n bytes, aligned, not cleared. */
static inline void *pool_take(dbr_pool *p, size_t n)
{
    size_t need = (n + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
    if (need < n)
        return NULL;
    chunk *h = p->head;
    if (__builtin_expect(h->size - h->used < need, 0))
        return dbr_pool_take_slow(p, need);
    void *r = h->data + h->used;
    h->used += need;
    return r;
}

/* The copy behind both strdup forms: called for every attribute and text run the readers keep,
 * so it is one inlined path (no call from strdup to strndup through the PLT). */
static inline char *pool_dup(dbr_pool *p, const char *s, size_t n)
{
    char *d = n + 1 ? pool_take(p, n + 1) : NULL; /* every byte is written below */
    if (!d)
        return NULL;
    dbr_copy_small(d, s, n);
    d[n] = '\0';
    return d;
}

#endif
