/* jsonl_write.c - the `jsonl` writer: one compact JSON record a line, streamed.
 *
 * --records documents: one line a document ({"type":"document", metadata, "content": [...],
 *   "provenance": {...}}), written piece by piece as events arrive.
 * --records blocks (default): a "document" line with the metadata, one line a block or unit
 *   (each carrying "doc"), and a "document_end" line with the completed provenance.
 * --records units: as blocks, but block records are left out (a warning counts them). */
#include "jsonl.h"
#include "json_model.h"

#include "docbridge/convert.h"

#include <string.h>

typedef struct jsonl_writer {
    dbr_job *job;
    dbr_output *out;
    dbr_buf buf;
    json_emit je;
    jsonl_records records;
    dbr_pool *pool;          /* the current document's id */
    const char *doc_id;
    long long skipped_blocks;
    uint64_t uid_seed;       /* dbr_unit_id_seed(doc_id), hashed once per document */
    unsigned long units;     /* units so far in this document, for generated unit ids */
    size_t langs_written;    /* languages the document record listed */
} jsonl_writer;

dbr_status jsonl_parse_records(dbr_job *job, jsonl_records *out)
{
    const char *v = dbr_options_get(job->opts, "records");
    if (!v || strcmp(v, "blocks") == 0)
        *out = JSONL_RECORDS_BLOCKS;
    else if (strcmp(v, "documents") == 0)
        *out = JSONL_RECORDS_DOCUMENTS;
    else if (strcmp(v, "units") == 0)
        *out = JSONL_RECORDS_UNITS;
    else
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1,
                            "unknown --records value '%s' (expected documents, blocks or units)",
                            v);
    return DBR_OK;
}

static dbr_status jsonl_flush(jsonl_writer *w)
{
    if (w->je.oom)
        return dbr_job_fail(w->job, DBR_FAILED, 0, 0, -1, "out of memory writing JSONL");
    dbr_status st = dbr_output_write(w->out, w->buf.data, w->buf.len, w->job->err);
    dbr_buf_clear(&w->buf);
    return st;
}

/* Records are gathered into batches of this size before they go to the output: one copy and
 * one write call for many records instead of one a record. */
#define JSONL_BATCH 262144

static dbr_status jsonl_flush_batch(jsonl_writer *w)
{
    return w->buf.len >= JSONL_BATCH ? jsonl_flush(w) : DBR_OK;
}

static void jsonl_newline(jsonl_writer *w)
{
    if (dbr_buf_putc(&w->buf, '\n') != 0)
        w->je.oom = 1;
}

dbr_status jsonl_writer_open(void *state, dbr_job *job, dbr_output *out)
{
    jsonl_writer *w = dbr_calloc(1, sizeof *w);
    if (!w)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    *(jsonl_writer **)state = w;
    w->job = job;
    w->out = out;
    w->pool = dbr_pool_new();
    if (!w->pool)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    json_emit_init(&w->je, &w->buf, 0, 0);
    return jsonl_parse_records(job, &w->records);
}

static dbr_status jsonl_begin_document(void *self, const dbr_doc *doc)
{
    jsonl_writer *w = *(jsonl_writer **)self;
    dbr_pool_reset(w->pool);
    w->doc_id = dbr_pool_strdup(w->pool, doc->id);
    w->uid_seed = dbr_unit_id_seed(w->doc_id);
    w->units = 0;
    w->langs_written = doc->nlangs;
    json_emit_begin_object(&w->je);
    json_emit_kv_string_lit(&w->je, "type", "document");
    json_write_doc_meta(&w->je, doc);
    if (w->records == JSONL_RECORDS_DOCUMENTS) {
        json_emit_key_lit(&w->je, "content");
        json_emit_begin_array(&w->je);
    } else {
        json_emit_end_object(&w->je);
        jsonl_newline(w);
    }
    return jsonl_flush(w);
}

/* In documents mode items go inside the open line; otherwise each is its own line. */
static const char *jsonl_item_doc(jsonl_writer *w)
{
    return w->records == JSONL_RECORDS_DOCUMENTS ? NULL : w->doc_id;
}

static void jsonl_end_item(jsonl_writer *w)
{
    if (w->records != JSONL_RECORDS_DOCUMENTS)
        jsonl_newline(w);
}

static dbr_status jsonl_block(void *self, const dbr_block *b)
{
    jsonl_writer *w = *(jsonl_writer **)self;
    if (w->records == JSONL_RECORDS_UNITS) {
        w->skipped_blocks++;
        return DBR_OK;
    }
    json_write_block(&w->je, b, jsonl_item_doc(w));
    jsonl_end_item(w);
    return jsonl_flush_batch(w);
}

static dbr_status jsonl_unit(void *self, const dbr_unit *u)
{
    jsonl_writer *w = *(jsonl_writer **)self;
    char uid[40];
    dbr_make_unit_id(w->uid_seed, ++w->units, uid);
    json_write_unit(&w->je, u, jsonl_item_doc(w), uid);
    jsonl_end_item(w);
    return jsonl_flush_batch(w);
}

static dbr_status jsonl_end_document(void *self, const dbr_doc *doc)
{
    jsonl_writer *w = *(jsonl_writer **)self;
    if (w->records == JSONL_RECORDS_DOCUMENTS) {
        json_emit_end_array(&w->je);
        json_write_more_langs(&w->je, doc, w->langs_written); /* as the json writer does */
    } else {
        json_emit_begin_object(&w->je);
        json_emit_kv_string_lit(&w->je, "type", "document_end");
        json_emit_kv_string_lit(&w->je, "doc", w->doc_id);
        /* Languages first met after the document record (a PDF's second language, a TMX
         * unit's third): the complete list, so the document is whole when it ends. Readers
         * only add languages, so a longer list is the sign. */
        if (doc->nlangs > w->langs_written)
            json_write_langs(&w->je, doc);
    }
    json_write_provenance(&w->je, &doc->prov);
    json_emit_end_object(&w->je);
    jsonl_newline(w);
    return jsonl_flush(w);
}

dbr_status jsonl_writer_finish(void *state)
{
    jsonl_writer *w = *(jsonl_writer **)state;
    if (w->skipped_blocks)
        dbr_job_warn(w->job, 0, 0,
                     "--records units: %lld block(s) not written (use --records blocks to keep "
                     "them)", w->skipped_blocks);
    return DBR_OK;
}

void jsonl_writer_cleanup(void *state)
{
    jsonl_writer *w = *(jsonl_writer **)state;
    if (!w)
        return;
    dbr_buf_free(&w->buf);
    dbr_pool_free(w->pool);
    dbr_free(w);
}

const dbr_sink_ops jsonl_sink_ops = {
    .begin_document = jsonl_begin_document,
    .block = jsonl_block,
    .unit = jsonl_unit,
    .end_document = jsonl_end_document,
};
