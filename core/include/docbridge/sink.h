/* sink.h - the event stream between readers, transforms and writers.
 *
 * A reader pushes events into a sink; a writer is a sink; a transform is a sink that forwards
 * (changed) events to the next sink, so transforms chain. Event payloads are borrowed: they live
 * until the callback returns. This is what keeps memory flat on a 1 GB input.
 *
 * Order: begin_dataset, then for each document: begin_document, any mix of block and unit,
 * end_document; then end_dataset. The core emits the dataset events; readers emit documents.
 * end_document receives the same document again with provenance completed (sha256, sizes,
 * replacement counts), which is only known once the input has been read to its end.
 */
#ifndef DOCBRIDGE_SINK_H
#define DOCBRIDGE_SINK_H

#include "docbridge/error.h"
#include "docbridge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dbr_job dbr_job;

/* Any callback may be NULL (the event is then ignored). A non-OK status other than WARN stops
 * the conversion; the callee has filled job->err. */
typedef struct dbr_sink_ops {
    dbr_status (*begin_dataset)(void *self);
    dbr_status (*begin_document)(void *self, const dbr_doc *doc);
    dbr_status (*block)(void *self, const dbr_block *block);
    dbr_status (*unit)(void *self, const dbr_unit *unit);
    dbr_status (*end_document)(void *self, const dbr_doc *doc);
    dbr_status (*end_dataset)(void *self);
} dbr_sink_ops;

typedef struct dbr_sink {
    const dbr_sink_ops *ops;
    void *self;
} dbr_sink;

/* Null-safe dispatch; WARN is folded into OK. */
dbr_status dbr_sink_begin_dataset(dbr_sink *s);
dbr_status dbr_sink_begin_document(dbr_sink *s, const dbr_doc *doc);
dbr_status dbr_sink_block(dbr_sink *s, const dbr_block *block);
dbr_status dbr_sink_unit(dbr_sink *s, const dbr_unit *unit);
dbr_status dbr_sink_end_document(dbr_sink *s, const dbr_doc *doc);
dbr_status dbr_sink_end_dataset(dbr_sink *s);

#ifdef __cplusplus
}
#endif
#endif
