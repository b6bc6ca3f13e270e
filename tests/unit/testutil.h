/* testutil.h - helpers shared by the cmocka unit tests: a registry loaded from the build tree,
 * a recording sink that clones every event, and temp-file helpers. */
#ifndef DOCBRIDGE_TESTUTIL_H
#define DOCBRIDGE_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "docbridge/convert.h"

/* A sink that records events (deep copies) so a test can look at them afterwards. */
typedef struct rec_sink {
    dbr_pool *pool;
    dbr_doc **docs;
    size_t ndocs;
    dbr_block **blocks;
    size_t nblocks;
    dbr_unit **units;
    size_t nunits;
    int begun_datasets, ended_datasets, ended_docs;
    dbr_sink sink;
} rec_sink;

void rec_sink_init(rec_sink *r);
void rec_sink_free(rec_sink *r);

/* Registry with the build tree's plugins; warnings counted in *warnings when not NULL. */
dbr_registry *test_registry(int *warnings);

/* Reads a whole file into a malloc'd NUL-terminated string (NULL when missing). */
char *test_slurp(const char *path, size_t *len);
/* Writes data to a new temporary file; returns its malloc'd path. */
char *test_write_temp(const void *data, size_t len, const char *suffix);

#endif
