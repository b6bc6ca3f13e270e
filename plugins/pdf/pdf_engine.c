/* pdf_engine.c - the pdf reader's engine (loaded by pdf.so on the first PDF read, see
 * pdf_engine.h): opening the file with Poppler, document metadata, the page loop, and the one
 * exported function that hands the reader to pdf.so.
 *
 * Poppler needs random access to the whole file. A named file is opened by Poppler directly
 * (it reads what it needs, nothing is copied); standard input is read into memory first. Either
 * way the input is also read through once so its size and checksum are recorded, and so a file
 * without a final %%EOF can be reported as truncated.
 */
#include "pdf.h"
#include "pdf_engine.h"

#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define PDF_TAIL 1024

/* Reads the input to its end (size and checksum), keeping the last bytes and, when `all` is
 * given, everything (standard input, which Poppler cannot open by name). */
static dbr_status pdf_read_through(pdf_reader *r, dbr_input *in, uint8_t *tail, size_t *ntail,
                                   dbr_buf *all)
{
    uint8_t buf[65536];
    size_t got;
    *ntail = 0;
    for (;;) {
        if (dbr_input_read_raw(in, buf, sizeof buf, &got, r->job->err) != DBR_OK)
            return DBR_FAILED;
        if (got == 0)
            return DBR_OK;
        if (all && dbr_buf_append(all, buf, got) != 0)
            return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
        if (got >= PDF_TAIL) {
            memcpy(tail, buf + got - PDF_TAIL, PDF_TAIL);
            *ntail = PDF_TAIL;
        } else {
            size_t keep = *ntail + got > PDF_TAIL ? PDF_TAIL - got : *ntail;
            memmove(tail, tail + *ntail - keep, keep);
            memcpy(tail + keep, buf, got);
            *ntail = keep + got;
        }
    }
}

static dbr_status pdf_open_error(pdf_reader *r, GError *e, int truncated, long long size)
{
    dbr_status st;
    if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED)
        st = dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1,
                          "encrypted PDF: a password is needed to read it "
                          "(give it with -O pdf-password=...)");
    else if (truncated)
        st = dbr_job_fail(r->job, DBR_FAILED, 0, 0, size,
                          "truncated PDF: no %%%%EOF at the end and Poppler cannot recover "
                          "it (%s)", e ? e->message : "unknown error");
    else
        st = dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "damaged PDF: %s",
                          e ? e->message : "Poppler cannot open it");
    if (e)
        g_error_free(e);
    return st;
}

/* Opens the document; *truncated tells whether the file lacks its final %%EOF. */
static dbr_status pdf_open(pdf_reader *r, dbr_input *in, int *truncated)
{
    size_t hl;
    const uint8_t *head = dbr_input_head(in, &hl);
    if (pdf_find(head, hl < 1024 ? hl : 1024, "%PDF-") < 0)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, 0,
                            "not a PDF file: no %%PDF- header in the first 1024 bytes");
    const char *name = dbr_input_name(in);
    struct stat sb;
    int by_name = strcmp(name, "-") != 0 && stat(name, &sb) == 0 && S_ISREG(sb.st_mode);
    dbr_buf all = DBR_BUF_INIT;
    uint8_t tail[PDF_TAIL];
    size_t ntail;
    dbr_status st = pdf_read_through(r, in, tail, &ntail, by_name ? NULL : &all);
    if (st != DBR_OK) {
        dbr_buf_free(&all);
        return st;
    }
    *truncated = pdf_find(tail, ntail, "%%EOF") < 0;
    const char *password = dbr_options_get(r->job->opts, "pdf-password");
    GError *e = NULL;
    if (by_name) {
        char *abs = realpath(name, NULL);
        char *uri = abs ? g_filename_to_uri(abs, NULL, NULL) : NULL;
        r->document = uri ? poppler_document_new_from_file(uri, password, &e) : NULL;
        g_free(uri);
        free(abs);
    } else if (all.len > 0) {
        /* Poppler keeps a reference to the bytes for as long as the document lives. */
        GBytes *bytes = g_bytes_new_with_free_func(all.data, all.len, dbr_free, all.data);
        all = (dbr_buf)DBR_BUF_INIT; /* owned by the GBytes now */
        r->document = poppler_document_new_from_bytes(bytes, password, &e);
        g_bytes_unref(bytes);
    }
    dbr_buf_free(&all);
    if (!r->document)
        return pdf_open_error(r, e, *truncated, dbr_input_info_get(in)->byte_size);
    return DBR_OK;
}

static char *pdf_meta_dup(pdf_reader *r, gchar *s)
{
    char *out = NULL;
    if (s) {
        g_strstrip(s);
        if (*s)
            out = dbr_pool_strdup(r->doc_pool, s);
        g_free(s);
    }
    return out;
}

static void pdf_add_prop(pdf_reader *r, const char *key, gchar *value)
{
    char *v = pdf_meta_dup(r, value);
    if (v)
        dbr_props_add(r->doc_pool, &r->doc.props, key, v);
}

/* Info titles that name a file or a template rather than the document ("Microsoft Word -
 * report.docx", "untitled", "Slide 1"): the title block is better. */
static int pdf_junk_title(const char *t)
{
    static const char *const prefixes[] = {"Microsoft Word - ", "Microsoft PowerPoint - ",
                                           "untitled", "Untitled", "Document", NULL};
    static const char *const exts[] = {".doc", ".docx", ".pdf", ".indd", ".ppt", ".pptx",
                                       ".odt", ".rtf", ".tex", ".dvi", ".ps", NULL};
    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(t, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    size_t n = strlen(t);
    for (size_t i = 0; exts[i]; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(t + n - e, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static void pdf_read_metadata(pdf_reader *r)
{
    PopplerDocument *d = r->document;
    r->doc.title = pdf_meta_dup(r, poppler_document_get_title(d));
    if (r->doc.title && pdf_junk_title(r->doc.title)) {
        dbr_props_add(r->doc_pool, &r->doc.props, "pdf:title", r->doc.title);
        r->doc.title = NULL; /* kept as a property, the title block names the document */
    }
    char *authors = pdf_meta_dup(r, poppler_document_get_author(d));
    for (char *save = NULL, *a = authors ? strtok_r(authors, ";", &save) : NULL; a;
         a = strtok_r(NULL, ";", &save)) {
        while (*a == ' ')
            a++;
        if (*a)
            dbr_doc_add_author(r->doc_pool, &r->doc, a);
    }
    r->doc.description = pdf_meta_dup(r, poppler_document_get_subject(d));
    pdf_add_prop(r, "pdf:keywords", poppler_document_get_keywords(d));
    pdf_add_prop(r, "pdf:creator", poppler_document_get_creator(d));
    pdf_add_prop(r, "pdf:producer", poppler_document_get_producer(d));
    pdf_add_prop(r, "pdf:version", poppler_document_get_pdf_version_string(d));
    GDateTime *created = poppler_document_get_creation_date_time(d);
    if (created) {
        r->doc.date = pdf_meta_dup(r, g_date_time_format(created, "%Y-%m-%d"));
        pdf_add_prop(r, "pdf:creationdate", g_date_time_format_iso8601(created));
        g_date_time_unref(created);
    }
    dbr_props_add(r->doc_pool, &r->doc.props, "pdf:pages",
                  dbr_pool_printf(r->doc_pool, "%d", r->npages));
}

/* The document's language from the script of its first page: a mostly Chinese PDF is "zh";
 * Latin script is the language named by -O pdf-lang (default "en", as the text reader). */
static void pdf_document_script(pdf_reader *r, const pdf_page *first)
{
    dbr_buf all = DBR_BUF_INIT;
    for (size_t i = 0; i < first->nlines; i++)
        if (dbr_buf_puts(&all, pdf_line_text(first, &first->lines[i])) != 0)
            break;
    const char *script = all.len ? pdf_script_lang(all.data) : NULL;
    dbr_buf_free(&all);
    r->doc.lang = script ? script : r->latin_lang;
    dbr_doc_add_lang(r->doc_pool, &r->doc, r->doc.lang);
}

static dbr_status pdf_load(pdf_reader *r, int index, pdf_page *page)
{
    dbr_status st = pdf_page_load(r, index, page);
    if (st == DBR_OK) {
        pdf_layout(page);
        pdf_count_sizes(r, page);
    }
    return st;
}

/* Two page slots: the page being emitted and the next, loaded ahead. */
static dbr_status pdf_pages(pdf_reader *r)
{
    int empty = 0;
    dbr_status st = r->npages > 0 ? pdf_load(r, 0, &r->pages[0]) : DBR_OK;
    if (st == DBR_OK && r->npages > 1)
        st = pdf_load(r, 1, &r->pages[1]);
    if (st == DBR_OK && r->npages > 0)
        pdf_document_script(r, &r->pages[0]);
    for (int i = 0; i < r->npages && st == DBR_OK; i++) {
        pdf_page *cur = &r->pages[i % 2];
        pdf_page *next = i + 1 < r->npages ? &r->pages[(i + 1) % 2] : NULL;
        empty += cur->nlines == 0;
        pdf_mark_furniture(r, cur, next);
        st = pdf_emit_page(r, cur, next);
        pdf_remember_furniture(r, cur);
        if (st == DBR_OK && i + 2 < r->npages)
            st = pdf_load(r, i + 2, cur);
    }
    if (st == DBR_OK && empty > 0)
        dbr_job_warn(r->job, 0, 0,
                     "%d of %d pages have no text layer (scanned images?): run OCR first to "
                     "read them", empty, r->npages);
    return st;
}

static dbr_status pdf_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    pdf_reader *r = state;
    r->job = job;
    r->sink = sink;
    r->doc_pool = dbr_pool_new();
    r->block_pool = dbr_pool_new();
    if (!r->doc_pool || !r->block_pool)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    dbr_doc_init(&r->doc);
    r->latin_lang = dbr_options_get(job->opts, "pdf-lang");
    if (!r->latin_lang || !*r->latin_lang)
        r->latin_lang = "en";
    int truncated = 0;
    dbr_status st = pdf_open(r, in, &truncated);
    if (st != DBR_OK)
        return st;
    if (truncated)
        dbr_job_warn(job, 0, 0, "no %%%%EOF at the end: the file looks truncated; reading the "
                     "pages Poppler could recover");
    r->npages = poppler_document_get_n_pages(r->document);
    pdf_read_metadata(r);
    st = pdf_pages(r);
    if (st == DBR_OK && !r->doc_begun) {
        r->doc_begun = 1;
        st = dbr_sink_begin_document(sink, &r->doc);
    }
    return st == DBR_OK ? dbr_sink_end_document(sink, &r->doc) : st;
}

static void pdf_cleanup(void *state)
{
    pdf_reader *r = state;
    if (r->document)
        g_object_unref(r->document);
    pdf_page_free(&r->pages[0]);
    pdf_page_free(&r->pages[1]);
    for (size_t i = 0; i < r->cap_blocks; i++)
        dbr_buf_free(&r->blocks[i].text);
    dbr_free(r->blocks);
    dbr_pool_free(r->doc_pool);
    dbr_pool_free(r->block_pool);
}

static const pdf_engine pdf_engine_ops = {
    .version = PDF_ENGINE_VERSION,
    .state_size = sizeof(pdf_reader),
    .read = pdf_read,
    .cleanup = pdf_cleanup,
};

DBR_EXPORT const pdf_engine *PDF_ENGINE_ENTRY(void) { return &pdf_engine_ops; }
