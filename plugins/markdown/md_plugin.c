/* md_plugin.c - the `markdown` writer: documents as CommonMark.
 *
 * Each document opens with its metadata in an HTML comment (id, title, language, date,
 * authors, source): CommonMark has no front matter, and a YAML block would render as a rule
 * and a heading in a strict CommonMark viewer, while a comment renders as nothing. Metadata the
 * reader only learned after the first blocks arrives with end_document; when it differs from
 * what was written at the top, a second comment at the end records the completed values.
 * Blocks and units are rendered by md_blocks.c and md_units.c.
 */
#include "md_internal.h"

#include <string.h>

dbr_status md_oom(md_state *m) { return dbr_error_set(m->job->err, DBR_FAILED, "out of memory"); }

dbr_status md_write(md_state *m, const dbr_buf *b)
{
    return b->len ? dbr_output_write(m->out, b->data, b->len, m->job->err) : DBR_OK;
}

static dbr_status md_open(void *state, dbr_job *job, dbr_output *out)
{
    md_state *m = state;
    m->job = job;
    m->out = out;
    m->last_kind = -1;
    m->pool = dbr_pool_new();
    m->bpool = dbr_pool_new();
    return m->pool && m->bpool ? DBR_OK : md_oom(m);
}

static int md_field(dbr_buf *b, const char *key, const char *value)
{
    if (!value || !*value)
        return 0;
    return dbr_buf_puts(b, key) || dbr_buf_puts(b, ": ") || md_comment_text(b, value) ||
           dbr_buf_putc(b, '\n');
}

static int md_authors(dbr_buf *b, const dbr_doc *d)
{
    if (!d->nauthors)
        return 0;
    if (dbr_buf_puts(b, "authors: "))
        return -1;
    for (size_t i = 0; i < d->nauthors; i++)
        if ((i && dbr_buf_puts(b, "; ")) || md_comment_text(b, d->authors[i]))
            return -1;
    return dbr_buf_putc(b, '\n');
}

static int md_metadata(dbr_buf *b, const dbr_doc *d, const char *heading, int with_source)
{
    return dbr_buf_puts(b, "<!-- ") || dbr_buf_puts(b, heading) || dbr_buf_putc(b, '\n') ||
           md_field(b, "id", with_source ? d->id : NULL) || md_field(b, "title", d->title) ||
           md_field(b, "lang", d->lang) || md_field(b, "date", d->date) || md_authors(b, d) ||
           md_field(b, "publisher", d->publisher) || md_field(b, "url", d->url) ||
           md_field(b, "description", d->description) ||
           md_field(b, "source", with_source ? d->prov.source_path : NULL) ||
           md_field(b, "format", with_source ? d->prov.format : NULL) || dbr_buf_puts(b, "-->\n");
}

static dbr_status md_begin_document(void *self, const dbr_doc *doc)
{
    md_state *m = self;
    dbr_pool_reset(m->pool);
    m->begin_doc = dbr_doc_clone(m->pool, doc);
    if (!m->begin_doc)
        return md_oom(m);
    dbr_buf *b = &m->scratch;
    dbr_buf_clear(b);
    if (m->ndocs++ && dbr_buf_putc(b, '\n'))
        return md_oom(m);
    if (md_metadata(b, doc, "docbridge document", 1))
        return md_oom(m);
    m->any = 1;
    m->last_kind = -1;
    m->list_depth = 0;
    m->table_cols = 0;
    md_units_reset(m);
    return md_write(m, b);
}

static int md_differs(const char *a, const char *b)
{
    return (a || b) && (!a || !b || strcmp(a, b) != 0);
}

static int md_doc_changed(const dbr_doc *a, const dbr_doc *b)
{
    if (md_differs(a->title, b->title) || md_differs(a->lang, b->lang) ||
        md_differs(a->date, b->date) || a->nauthors != b->nauthors ||
        md_differs(a->publisher, b->publisher) || md_differs(a->url, b->url) ||
        md_differs(a->description, b->description))
        return 1;
    for (size_t i = 0; i < a->nauthors; i++)
        if (md_differs(a->authors[i], b->authors[i]))
            return 1;
    return 0;
}

static dbr_status md_end_document(void *self, const dbr_doc *doc)
{
    md_state *m = self;
    md_units_reset(m);
    if (!m->begin_doc || !md_doc_changed(m->begin_doc, doc))
        return DBR_OK;
    dbr_buf *b = &m->scratch;
    dbr_buf_clear(b);
    if (dbr_buf_putc(b, '\n') ||
        md_metadata(b, doc, "docbridge document metadata, completed at its end", 0))
        return md_oom(m);
    return md_write(m, b);
}

static dbr_status md_block_cb(void *self, const dbr_block *b) { return md_block(self, b); }
static dbr_status md_unit_cb(void *self, const dbr_unit *u) { return md_unit(self, u); }

static void md_cleanup(void *state)
{
    md_state *m = state;
    md_units_reset(m);
    dbr_buf_free(&m->scratch);
    dbr_buf_free(&m->tmp);
    dbr_pool_free(m->pool);
    dbr_pool_free(m->bpool);
    m->pool = m->bpool = NULL;
}

static const dbr_sink_ops md_sink = {
    .begin_document = md_begin_document,
    .block = md_block_cb,
    .unit = md_unit_cb,
    .end_document = md_end_document,
};

static const dbr_writer_ops md_writer = {
    .state_size = sizeof(md_state),
    .open = md_open,
    .sink = &md_sink,
    .cleanup = md_cleanup,
};

static const char *const md_exts[] = {"md", "markdown", NULL};
static const char *const md_types[] = {"text/markdown", NULL};

static const dbr_plugin md_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "markdown",
    .version = "1.0",
    .description = "CommonMark: headings, nested lists, tables, figures; boilerplate as comments",
    .extensions = md_exts,
    .media_types = md_types,
    .writer = &md_writer,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &md_plugin; }
