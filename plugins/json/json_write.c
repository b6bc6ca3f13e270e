/* json_write.c - the `json` writer: one pretty dataset per output, streamed. The envelope is
 * opened at the first event, each document's metadata is written at begin_document, each
 * block/unit as it comes, and the provenance (complete only at end_document) last. */
#include "json_write.h"
#include "json_model.h"

#include "docbridge/convert.h"

typedef struct json_writer {
    dbr_job *job;
    dbr_output *out;
    dbr_buf buf;
    json_emit je;
    int opened;      /* envelope written */
    uint64_t uid_seed;   /* dbr_unit_id_seed(the current document's id) */
    unsigned long units; /* units so far in this document, for generated unit ids */
    size_t langs_written; /* languages the document's metadata listed */
} json_writer;

static dbr_status json_flush(json_writer *w)
{
    if (w->je.oom)
        return dbr_job_fail(w->job, DBR_FAILED, 0, 0, -1, "out of memory writing JSON");
    dbr_status st = dbr_output_write(w->out, w->buf.data, w->buf.len, w->job->err);
    dbr_buf_clear(&w->buf);
    return st;
}

/* Records are gathered into batches of this size before they go to the output: one copy and
 * one write call for many records instead of one a record. */
#define JSON_BATCH 262144

static dbr_status json_flush_batch(json_writer *w)
{
    return w->buf.len >= JSON_BATCH ? json_flush(w) : DBR_OK;
}

static void json_open_envelope(json_writer *w)
{
    if (w->opened)
        return;
    w->opened = 1;
    json_emit_begin_object(&w->je);
    json_emit_kv_string_lit(&w->je, "format", JSON_DATASET_FORMAT);
    json_emit_kv_string_lit(&w->je, "version", JSON_DATASET_VERSION);
    json_emit_key_lit(&w->je, "documents");
    json_emit_begin_array(&w->je);
}

dbr_status json_writer_open(void *state, dbr_job *job, dbr_output *out)
{
    json_writer *w = dbr_calloc(1, sizeof *w);
    if (!w)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    *(json_writer **)state = w;
    w->job = job;
    w->out = out;
    json_emit_init(&w->je, &w->buf, 1, 0);
    return DBR_OK;
}

static dbr_status json_begin_dataset(void *self)
{
    json_writer *w = *(json_writer **)self;
    json_open_envelope(w);
    return json_flush(w);
}

static dbr_status json_begin_document(void *self, const dbr_doc *doc)
{
    json_writer *w = *(json_writer **)self;
    json_open_envelope(w);
    w->uid_seed = dbr_unit_id_seed(doc->id);
    w->units = 0;
    json_emit_begin_object(&w->je);
    w->langs_written = doc->nlangs;
    json_write_doc_meta(&w->je, doc);
    json_emit_key_lit(&w->je, "content");
    json_emit_begin_array(&w->je);
    return json_flush(w);
}

static dbr_status json_block(void *self, const dbr_block *b)
{
    json_writer *w = *(json_writer **)self;
    json_write_block(&w->je, b, NULL);
    return json_flush_batch(w);
}

static dbr_status json_unit(void *self, const dbr_unit *u)
{
    json_writer *w = *(json_writer **)self;
    char uid[40];
    dbr_make_unit_id(w->uid_seed, ++w->units, uid);
    json_write_unit(&w->je, u, NULL, uid);
    return json_flush_batch(w);
}

static dbr_status json_end_document(void *self, const dbr_doc *doc)
{
    json_writer *w = *(json_writer **)self;
    json_emit_end_array(&w->je);
    json_write_more_langs(&w->je, doc, w->langs_written);
    json_write_provenance(&w->je, &doc->prov);
    json_emit_end_object(&w->je);
    return json_flush(w);
}

static dbr_status json_end_dataset(void *self)
{
    json_writer *w = *(json_writer **)self;
    json_open_envelope(w);
    json_emit_end_array(&w->je);
    json_emit_end_object(&w->je);
    if (dbr_buf_putc(&w->buf, '\n') != 0)
        w->je.oom = 1;
    return json_flush(w);
}

void json_writer_cleanup(void *state)
{
    json_writer *w = *(json_writer **)state;
    if (!w)
        return;
    dbr_buf_free(&w->buf);
    dbr_free(w);
}

const dbr_sink_ops json_sink_ops = {
    .begin_dataset = json_begin_dataset,
    .begin_document = json_begin_document,
    .block = json_block,
    .unit = json_unit,
    .end_document = json_end_document,
    .end_dataset = json_end_dataset,
};
