/* pdf_plugin.c - the pdf reader's descriptor: probe, options, and a read entry that hands the
 * work to the engine (pdf_engine.h says why the engine is loaded only when a PDF is read).
 * Nothing here may call Poppler or GLib: this file is what every docbridge process loads. */
#include "pdf_engine.h"

/* The reader state the core allocates: the engine, once loaded, and the engine's own state. */
typedef struct pdf_lazy {
    void *handle;
    const pdf_engine *engine;
    void *state;              /* engine->state_size bytes */
} pdf_lazy;

static int pdf_probe(const dbr_probe_input *in)
{
    size_t lim = in->head_len < 1024 ? in->head_len : 1024;
    int at = in->head ? pdf_find(in->head, lim, "%PDF-") : -1;
    /* "%PDF-1.x" / "%PDF-2.0" at byte 0: signature and version. */
    if (at == 0 && in->head_len >= 7 && (in->head[5] == '1' || in->head[5] == '2') &&
        in->head[6] == '.')
        return DBR_PROBE_CERTAIN;
    if (at >= 0) /* readers accept junk before the header */
        return DBR_PROBE_SIGNATURE;
    return in->name && dbr_name_has_ext(in->name, "pdf") ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static dbr_status pdf_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    pdf_lazy *l = state;
    if (pdf_engine_load(job, &l->handle, &l->engine) != DBR_OK)
        return DBR_FAILED;
    l->state = dbr_calloc(1, l->engine->state_size);
    if (!l->state)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    return l->engine->read(l->state, job, in, sink);
}

static void pdf_cleanup(void *state)
{
    pdf_lazy *l = state;
    if (l->state) {
        l->engine->cleanup(l->state);
        dbr_free(l->state);
    }
    pdf_engine_unload(l->handle);
}

static const dbr_reader_ops pdf_reader_ops = {
    .state_size = sizeof(pdf_lazy),
    .flags = DBR_READER_BINARY,
    .read = pdf_read,
    .cleanup = pdf_cleanup,
};

static const dbr_option_spec pdf_options[] = {
    {"pdf-password", "PASSWORD", "password of an encrypted PDF"},
    {"pdf-lang", "LANG", "language of Latin-script text (default en); Han text is zh"},
    {NULL, NULL, NULL},
};

static const char *const pdf_exts[] = {"pdf", NULL};
static const char *const pdf_types[] = {"application/pdf", NULL};

static const dbr_plugin pdf_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "pdf",
    .version = "1.0",
    .description = "PDF (Poppler): headings by font, lists, paragraphs, two columns; running "
                   "headers, footers and page numbers marked as boilerplate",
    .extensions = pdf_exts,
    .media_types = pdf_types,
    .probe = pdf_probe,
    .reader = &pdf_reader_ops,
    .options = pdf_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &pdf_plugin; }
