/* testutil.c - see testutil.h. */
#define _GNU_SOURCE
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int push(dbr_pool *pool, void ***arr, size_t *n, void *item)
{
    void **a = dbr_pool_alloc(pool, (*n + 1) * sizeof *a);
    if (!a || !item)
        return -1;
    if (*n)
        memcpy(a, *arr, *n * sizeof *a);
    a[(*n)++] = item;
    *arr = a;
    return 0;
}

static dbr_status rec_begin_dataset(void *self)
{
    ((rec_sink *)self)->begun_datasets++;
    return DBR_OK;
}

static dbr_status rec_end_dataset(void *self)
{
    ((rec_sink *)self)->ended_datasets++;
    return DBR_OK;
}

static dbr_status rec_begin_document(void *self, const dbr_doc *d)
{
    rec_sink *r = self;
    return push(r->pool, (void ***)&r->docs, &r->ndocs, dbr_doc_clone(r->pool, d)) ? DBR_FAILED
                                                                                    : DBR_OK;
}

static dbr_status rec_end_document(void *self, const dbr_doc *d)
{
    rec_sink *r = self;
    r->ended_docs++;
    /* Keep the completed provenance (end_document carries the checksum). */
    dbr_doc *c = dbr_doc_clone(r->pool, d);
    if (!c || !r->ndocs)
        return DBR_FAILED;
    r->docs[r->ndocs - 1] = c;
    return DBR_OK;
}

static dbr_status rec_block(void *self, const dbr_block *b)
{
    rec_sink *r = self;
    return push(r->pool, (void ***)&r->blocks, &r->nblocks, dbr_block_clone(r->pool, b))
               ? DBR_FAILED : DBR_OK;
}

static dbr_status rec_unit(void *self, const dbr_unit *u)
{
    rec_sink *r = self;
    return push(r->pool, (void ***)&r->units, &r->nunits, dbr_unit_clone(r->pool, u))
               ? DBR_FAILED : DBR_OK;
}

static const dbr_sink_ops rec_ops = {rec_begin_dataset, rec_begin_document, rec_block,
                                     rec_unit,          rec_end_document,   rec_end_dataset};

void rec_sink_init(rec_sink *r)
{
    memset(r, 0, sizeof *r);
    r->pool = dbr_pool_new();
    r->sink.ops = &rec_ops;
    r->sink.self = r;
}

void rec_sink_free(rec_sink *r) { dbr_pool_free(r->pool); }

static void count_warning(void *ud, const dbr_error *w)
{
    (void)w;
    if (ud)
        ++*(int *)ud;
}

dbr_registry *test_registry(int *warnings)
{
    dbr_registry *r = dbr_registry_new();
    dbr_registry_on_warning(r, count_warning, warnings);
    dbr_registry_load_dir(r, TEST_BUILD_DIR "/plugins");
    return r;
}

char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc((size_t)n + 1);
    if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
        free(d);
        d = NULL;
    }
    fclose(f);
    if (d) {
        d[n] = '\0';
        if (len)
            *len = (size_t)n;
    }
    return d;
}

char *test_write_temp(const void *data, size_t len, const char *suffix)
{
    char tmpl[256];
    snprintf(tmpl, sizeof tmpl, "/tmp/dbrtestXXXXXX%s", suffix ? suffix : "");
    int fd = mkstemps(tmpl, suffix ? (int)strlen(suffix) : 0);
    if (fd < 0)
        return NULL;
    if (write(fd, data, len) != (ssize_t)len) {
        close(fd);
        return NULL;
    }
    close(fd);
    return strdup(tmpl);
}
