/* jsonl.h - what the `jsonl` plugin's files share (reader, writer, descriptor). */
#ifndef DOCBRIDGE_JSONL_H
#define DOCBRIDGE_JSONL_H

#include "docbridge/plugin.h"

typedef enum jsonl_records {
    JSONL_RECORDS_BLOCKS = 0,
    JSONL_RECORDS_DOCUMENTS,
    JSONL_RECORDS_UNITS
} jsonl_records;

/* --records: documents | blocks (default) | units. */
dbr_status jsonl_parse_records(dbr_job *job, jsonl_records *out);

dbr_status jsonl_writer_open(void *state, dbr_job *job, dbr_output *out);
dbr_status jsonl_writer_finish(void *state);
void jsonl_writer_cleanup(void *state);
extern const dbr_sink_ops jsonl_sink_ops;

dbr_status jsonl_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);

#endif
