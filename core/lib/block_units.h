/* block_units.h - the block adapter (block_units.c), inserted by the pipeline in front of a
 * writer that takes units but not blocks. */
#ifndef DOCBRIDGE_BLOCK_UNITS_H
#define DOCBRIDGE_BLOCK_UNITS_H

#include "docbridge/sink.h"

typedef struct block_units {
    dbr_sink sink;   /* give this to the producer */
    dbr_sink *next;  /* the writer */
    dbr_error *err;
    dbr_pool *pool;
    char doc_lang[64];
} block_units;

/* 1 when the writer's sink takes units and has no block callback. */
int block_units_needed(const dbr_sink_ops *writer);
int block_units_init(block_units *bu, dbr_sink *next, dbr_error *err); /* -1 on OOM */
void block_units_free(block_units *bu);

#endif
