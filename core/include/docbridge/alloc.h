/* alloc.h - the one allocator every docbridge allocation goes through, and small owned
 * helpers built on it (growable buffer, bump pool).
 *
 * Why one hook: a test can make the Nth allocation fail (SQLite's discipline) and prove that
 * every path frees what it holds and reports an error instead of crashing. The hook is set once
 * at start-up, before any other thread runs; it is the only process-wide setting.
 */
#ifndef DOCBRIDGE_ALLOC_H
#define DOCBRIDGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dbr_allocator {
    void *(*realloc_fn)(void *ud, void *ptr, size_t size); /* size 0 = free; NULL on failure */
    void *ud;
} dbr_allocator;

/* Installs an allocator (NULL restores the C library's). Not thread-safe: call at start-up. */
void dbr_set_allocator(const dbr_allocator *a);

void *dbr_malloc(size_t size);            /* NULL on failure (or size 0) */
void *dbr_calloc(size_t n, size_t size);  /* zeroed; NULL on failure or overflow */
void *dbr_realloc(void *ptr, size_t size);/* NULL on failure, ptr untouched */
void dbr_free(void *ptr);                 /* NULL is a no-op */
char *dbr_strdup(const char *s);          /* NULL in, NULL out */
char *dbr_strndup(const char *s, size_t n);

/* Test seam: make allocation number n (1-based, counted from this call) and every later one
 * fail; 0 switches it off. Returns how many allocations were made since the last call. */
uint64_t dbr_alloc_fail_after(uint64_t n);

/* ---- growable byte buffer (always NUL-terminated when data != NULL) ---- */
typedef struct dbr_buf {
    char *data;
    size_t len;
    size_t cap;
} dbr_buf;

#define DBR_BUF_INIT {NULL, 0, 0}

/* memcpy for the short strings writers and readers copy by the million (ids, language tags,
 * attribute values): under 16 bytes, two overlapping loads and stores instead of a library
 * call (profiles: the call cost more than the copy). Reads and writes only [0, n). */
static inline void dbr_copy_small(void *dst, const void *src, size_t n)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    if (n >= 16) {
        memcpy(d, s, n);
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    }
}

int dbr_buf_reserve(dbr_buf *b, size_t extra);            /* 0 ok, -1 out of memory */
int dbr_buf_append(dbr_buf *b, const void *data, size_t n);
int dbr_buf_puts(dbr_buf *b, const char *s);
int dbr_buf_putc(dbr_buf *b, char c);
int dbr_buf_printf(dbr_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dbr_buf_clear(dbr_buf *b);                           /* len = 0, keeps memory */
void dbr_buf_free(dbr_buf *b);
/* Returns data ("" when empty) and leaves the buffer usable. */
const char *dbr_buf_cstr(const dbr_buf *b);

/* ---- bump pool: many small allocations freed at once ----
 * Readers build one event (a unit, a block) in a pool and reset it after the event is sent:
 * that is what keeps memory flat however long the input. */
typedef struct dbr_pool dbr_pool;

dbr_pool *dbr_pool_new(void);
void dbr_pool_free(dbr_pool *p);
void dbr_pool_reset(dbr_pool *p);            /* frees all but the first chunk */
void *dbr_pool_alloc(dbr_pool *p, size_t n); /* 16-byte aligned, zeroed; NULL on failure */
char *dbr_pool_strdup(dbr_pool *p, const char *s);           /* NULL in, NULL out */
char *dbr_pool_strndup(dbr_pool *p, const char *s, size_t n);
char *dbr_pool_printf(dbr_pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t dbr_pool_bytes(const dbr_pool *p);    /* bytes held, for memory tests */

#ifdef __cplusplus
}
#endif
#endif
