/* alloc.c - the allocator hook, with a fail-the-Nth-allocation seam for tests. */
#include "docbridge/alloc.h"

#include <stdlib.h>
#include <string.h>

static void *libc_realloc(void *ud, void *ptr, size_t size)
{
    (void)ud;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

/* Process-wide by design (see alloc.h): set once at start-up, read everywhere. */
static dbr_allocator g_alloc = {libc_realloc, NULL};
static uint64_t g_fail_at;  /* 0 = never */
static uint64_t g_count;

void dbr_set_allocator(const dbr_allocator *a)
{
    if (a && a->realloc_fn)
        g_alloc = *a;
    else
        g_alloc = (dbr_allocator){libc_realloc, NULL};
}

uint64_t dbr_alloc_fail_after(uint64_t n)
{
    uint64_t made = g_count;
    g_count = 0;
    g_fail_at = n;
    return made;
}

static int should_fail(void)
{
    g_count++;
    return g_fail_at != 0 && g_count >= g_fail_at;
}

void *dbr_realloc(void *ptr, size_t size)
{
    if (size == 0 || should_fail())
        return NULL;
    return g_alloc.realloc_fn(g_alloc.ud, ptr, size);
}

void *dbr_malloc(size_t size) { return dbr_realloc(NULL, size); }

void *dbr_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = dbr_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void dbr_free(void *ptr)
{
    if (ptr)
        g_alloc.realloc_fn(g_alloc.ud, ptr, 0);
}

char *dbr_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = dbr_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *dbr_strdup(const char *s) { return s ? dbr_strndup(s, strlen(s)) : NULL; }
