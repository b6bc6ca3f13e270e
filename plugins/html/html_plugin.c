/* html_plugin.c - the html reader's descriptor: probe, encoding sniff, and read().
 *
 * Reads a saved web page into one document: title and <meta> become document metadata, the
 * body becomes blocks (see html_blocks.c for which element gives which kind).
 */
#include "html.h"

#include <string.h>
#include <strings.h>

/* Skips whitespace and comments at the start of a page. */
static const char *html_skip_prolog(const char *p, const char *end)
{
    for (;;) {
        p = dbr_skip_space(p, end);
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *q = p + 4;
            while (q + 3 <= end && memcmp(q, "-->", 3) != 0)
                q++;
            p = q + 3 <= end ? q + 3 : end;
            continue;
        }
        return p;
    }
}

static int html_mentions(const char *text, size_t len, const char *tag)
{
    size_t n = strlen(tag), lim = len < 4096 ? len : 4096;
    for (size_t i = 0; i + n <= lim; i++)
        if (strncasecmp(text + i, tag, n) == 0)
            return 1;
    return 0;
}

static int html_probe(const dbr_probe_input *in)
{
    int score = DBR_PROBE_NONE;
    if (in->name && (dbr_name_has_ext(in->name, "html") || dbr_name_has_ext(in->name, "htm") ||
                     dbr_name_has_ext(in->name, "xhtml") || dbr_name_has_ext(in->name, "shtml")))
        score = DBR_PROBE_EXTENSION;
    if (!in->text)
        return score;
    const char *end = in->text + in->text_len;
    const char *p = html_skip_prolog(in->text, end);
    size_t left = (size_t)(end - p);
    /* "<!DOCTYPE html" names the format and its version: nothing else starts that way. */
    if (left >= 14 && strncasecmp(p, "<!doctype html", 14) == 0)
        return DBR_PROBE_CERTAIN;
    if (left >= 5 && strncasecmp(p, "<html", 5) == 0 &&
        (left == 5 || strchr(" \t\r\n>", p[5])))
        return DBR_PROBE_SIGNATURE;
    if (dbr_xml_root_is(in->text, in->text_len, "html"))
        return DBR_PROBE_SIGNATURE;
    /* A fragment that opens with head/body/meta markup: likely, but text could quote it. An
     * XML document with another root (TMX and XLIFF have a <body> too) is not HTML. */
    if (left > 0 && *p == '<' && !(left >= 5 && strncmp(p, "<?xml", 5) == 0) &&
        (html_mentions(p, left, "<head") || html_mentions(p, left, "<body") ||
         html_mentions(p, left, "<meta ")))
        return score > DBR_PROBE_LIKELY ? score : DBR_PROBE_LIKELY;
    return score;
}

static dbr_status html_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    html_reader *r = state;
    r->job = job;
    r->sink = sink;
    r->doc_pool = dbr_pool_new();
    r->block_pool = dbr_pool_new();
    r->row_pool = dbr_pool_new();
    if (!r->doc_pool || !r->block_pool || !r->row_pool)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    dbr_doc_init(&r->doc);
    return html_parse(r, in);
}

static void html_cleanup(void *state)
{
    html_reader *r = state;
    dbr_pool_free(r->doc_pool);
    dbr_pool_free(r->block_pool);
    dbr_pool_free(r->row_pool);
    dbr_buf_free(&r->text);
    dbr_buf_free(&r->cell);
    dbr_buf_free(&r->title);
    dbr_buf_free(&r->fig_caption);
    dbr_buf_free(&r->fig_alt);
    dbr_buf_free(&r->fig_src);
    dbr_buf_free(&r->img_queue);
}

static const dbr_reader_ops html_reader_ops = {
    .state_size = sizeof(html_reader),
    .read = html_read,
    .sniff_encoding = dbr_sniff_html_charset, /* core: <meta charset>, WHATWG labels */
    .cleanup = html_cleanup,
};

static const char *const html_exts[] = {"html", "htm", "xhtml", "shtml", NULL};
static const char *const html_types[] = {"text/html", "application/xhtml+xml", NULL};

static const dbr_plugin html_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "html",
    .version = "1.0",
    .description = "HTML pages (libxml2): headings, paragraphs, lists, tables, figures, "
                   "metadata; navigation marked as boilerplate",
    .extensions = html_exts,
    .media_types = html_types,
    .probe = html_probe,
    .reader = &html_reader_ops,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &html_plugin; }
