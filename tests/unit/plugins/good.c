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
        dbr_rich_add_text(pool, &b.text, line, len);
        st = dbr_sink_block(sink, &b);
        dbr_pool_reset(pool);
    }
    dbr_pool_free(pool);
    return st == DBR_OK ? dbr_sink_end_document(sink, &doc) : st;
}

static const dbr_reader_ops good_reader = {.read = good_read};
static const char *const good_exts[] = {"good", NULL};

static const dbr_plugin good_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "testgood",
    .version = "1",
    .description = "test plugin",
    .extensions = good_exts,
    .probe = good_probe,
    .reader = &good_reader,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &good_plugin; }
