/* good.c - a minimal valid test plugin: reads any input as one paragraph a line. */
#include "docbridge/plugin.h"

#include <string.h>

static int good_probe(const dbr_probe_input *in)
{
    return in->name && dbr_name_has_ext(in->name, "good") ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static dbr_status good_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state;
    dbr_doc doc;
    dbr_doc_init(&doc);
    dbr_status st = dbr_sink_begin_document(sink, &doc);
    dbr_pool *pool = dbr_pool_new();
    const char *line;
    size_t len;
    while (st == DBR_OK && (st = dbr_input_getline(in, &line, &len, job->err)) == DBR_OK && line) {
        dbr_block b;
        memset(&b, 0, sizeof b);
        b.kind = DBR_BLOCK_PARAGRAPH;
        b.line = dbr_input_lineno(in);
        if (!pool || dbr_rich_add_text(pool, &b.text, line, len) != 0)
            st = dbr_job_fail(job, DBR_FAILED, b.line, 0, -1, "out of memory");
        else
            st = dbr_sink_block(sink, &b);
        dbr_pool_reset(pool);
    }
    dbr_pool_free(pool);
    return st == DBR_OK ? dbr_sink_end_document(sink, &doc) : st;
}

static const dbr_reader_ops good_reader = {.read = good_read};

/* Writer: one line per block, "kind: text", so core tests can run whole conversions. */
typedef struct good_writer {
    dbr_job *job;
    dbr_output *out;
} good_writer;

static dbr_status good_open(void *state, dbr_job *job, dbr_output *out)
{
    good_writer *w = state;
    w->job = job;
    w->out = out;
    return DBR_OK;
}

static dbr_status good_block(void *self, const dbr_block *b)
{
    good_writer *w = self;
    dbr_buf text = DBR_BUF_INIT;
    if (dbr_rich_plain(&b->text, &text) != 0)
        return dbr_error_set(w->job->err, DBR_FAILED, "out of memory");
    dbr_status st = dbr_output_printf(w->out, w->job->err, "%s: %s\n", dbr_block_kind_name(b->kind),
                                      dbr_buf_cstr(&text));
    dbr_buf_free(&text);
    return st;
}

static const dbr_sink_ops good_sink = {.block = good_block};
static const dbr_writer_ops good_writer_ops = {.state_size = sizeof(good_writer),
                                               .open = good_open, .sink = &good_sink};
static const char *const good_exts[] = {"good", NULL};

static const dbr_plugin good_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "testgood",
    .version = "1",
    .description = "test plugin",
    .extensions = good_exts,
    .probe = good_probe,
    .reader = &good_reader,
    .writer = &good_writer_ops,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &good_plugin; }
