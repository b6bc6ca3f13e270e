/* html_sax.c - libxml2's HTML push parser driven chunk by chunk, and its SAX callbacks.
 *
 * Why the push parser with SAX and not htmlReadMemory: no tree is built, the input is never
 * held whole, and blocks go out while the page is still being read. libxml2 repairs bad markup
 * (implied and auto-closed elements) and reports each repair through the structured error
 * callback; those reports become warnings with line and column. The page's own charset
 * declaration is ignored by libxml2 (HTML_PARSE_IGNORE_ENC) because the input layer has already
 * decoded the bytes to UTF-8 with it (the reader's sniff hook is the core's
 * dbr_sniff_html_charset).
 */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_CHUNK 65536
#define HTML_DISCARD_MIN 4096 /* parsed bytes worth cutting off the parser's buffer */
#define HTML_KEEP_BEHIND 80   /* kept before cur, as libxml2 itself keeps (LINE_LEN) */

long html_line(const html_reader *r)
{
    htmlParserCtxtPtr ctxt = r->parser;
    return ctxt && ctxt->input ? (long)ctxt->input->line : 0;
}

static void html_stop(html_reader *r, dbr_status st)
{
    if (r->status == DBR_OK)
        r->status = st;
    if (r->parser)
        xmlStopParser(r->parser);
}

static int html_is_block_role(html_role role)
{
    return role != HTML_ROLE_INLINE && role != HTML_ROLE_BREAK && role != HTML_ROLE_IMAGE &&
           role != HTML_ROLE_TITLE && role != HTML_ROLE_SKIP;
}

static const html_elem *html_nearest(const html_reader *r, html_role role)
{
    for (size_t i = r->depth; i-- > 0;)
        if (r->stack[i].role == role)
            return &r->stack[i];
    return NULL;
}

/* Fills a new stack entry from its parent and its own attributes. */
static void html_init_elem(html_reader *r, html_elem *e, const char *name, html_role role,
                           int level, const char *const *atts)
{
    const html_elem *parent = r->depth ? &r->stack[r->depth - 1] : NULL;
    memset(e, 0, sizeof *e);
    e->role = role;
    e->level = level;
    e->sectioning = parent ? parent->sectioning : 0;
    if (strcasecmp(name, "article") == 0 || strcasecmp(name, "main") == 0 ||
        strcasecmp(name, "section") == 0)
        e->sectioning = 1;
    const char *lang = html_attr(atts, "lang");
    if (!lang)
        lang = html_attr(atts, "xml:lang");
    if (lang && *lang)
        snprintf(e->lang, sizeof e->lang, "%s", lang);
    else if (parent)
        memcpy(e->lang, parent->lang, sizeof e->lang);
    e->boiler = html_boiler_kind(name, atts, parent ? parent->sectioning : 0);
    e->breadcrumb = e->boiler && strcmp(e->boiler, "breadcrumb") == 0;
}

static void html_start_list(html_reader *r, html_elem *e, const char *name,
                            const char *const *atts)
{
    const html_elem *outer = html_nearest(r, HTML_ROLE_LIST);
    e->level = outer ? outer->level + 1 : 1;
    e->ordered = strcasecmp(name, "ol") == 0;
    const char *type = html_attr(atts, "type");
    e->list_type = e->ordered ? (type && strchr("aAiI1", type[0]) && type[0] ? type[0] : '1') : 0;
    const char *start = html_attr(atts, "start");
    e->counter = start ? strtol(start, NULL, 10) : 1;
}

static void html_start_item(html_reader *r, html_elem *e, const char *const *atts)
{
    html_elem *list = NULL;
    for (size_t i = r->depth; i-- > 0;)
        if (r->stack[i].role == HTML_ROLE_LIST) {
            list = &r->stack[i];
            break;
        }
    e->level = list ? list->level : 1;
    long n = list ? list->counter : 1;
    const char *value = html_attr(atts, "value");
    if (value)
        n = strtol(value, NULL, 10);
    html_list_marker(list, n, e->marker, sizeof e->marker);
    if (list)
        list->counter = n + 1;
    if (r->breadcrumb_depth > 0 && r->text.len > 0) {
        /* Breadcrumb items are one trail; join them as a browser's text dump shows them,
         * unless the page already put a separator between them. */
        char last = r->text.data[r->text.len - 1];
        if (!strchr(">/|\xBB\xBA", last))
            dbr_buf_puts(&r->text, " >");
        r->pending_space = 1;
    }
}

static void html_image(html_reader *r, const char *const *atts)
{
    const char *alt = html_attr(atts, "alt");
    const char *src = html_attr(atts, "src");
    if (!alt)
        return;
    while (*alt == ' ')
        alt++;
    if (!*alt)
        return; /* decorative image: no text */
    if (r->figure_depth > 0) {
        if (r->fig_alt.len)
            dbr_buf_putc(&r->fig_alt, ' ');
        dbr_buf_puts(&r->fig_alt, alt);
        if (src && r->fig_src.len == 0)
            dbr_buf_puts(&r->fig_src, src);
        return;
    }
    dbr_buf_append(&r->img_queue, alt, strlen(alt) + 1);
    r->img_count++;
    if (r->text.len == 0 && !r->cell_open && r->breadcrumb_depth == 0)
        html_flush_images(r);
}

static void html_cell_finish(html_reader *r)
{
    if (!r->cell_open)
        return;
    r->cell_open = 0;
    while (r->cell.len && r->cell.data[r->cell.len - 1] == ' ')
        r->cell.data[--r->cell.len] = '\0';
    if (r->ncells == r->cap_cells) {
        size_t cap = r->cap_cells ? r->cap_cells * 2 : 8;
        const char **cells = dbr_pool_alloc(r->row_pool, cap * sizeof *cells);
        if (!cells) {
            html_stop(r, dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory"));
            return;
        }
        if (r->ncells)
            memcpy(cells, r->cells, r->ncells * sizeof *cells);
        r->cells = cells;
        r->cap_cells = cap;
    }
    r->cells[r->ncells++] = dbr_pool_strdup(r->row_pool, dbr_buf_cstr(&r->cell));
    r->row_all_th &= r->cell_is_th;
    dbr_buf_clear(&r->cell);
    html_text_reset(r);
}

/* Role-specific work when an element opens (after the boundary flush, before the push). */
static void html_open_role(html_reader *r, html_elem *e, const char *name,
                           const char *const *atts)
{
    switch (e->role) {
    case HTML_ROLE_LIST:
        html_start_list(r, e, name, atts);
        break;
    case HTML_ROLE_ITEM:
        html_start_item(r, e, atts);
        break;
    case HTML_ROLE_TABLE:
        r->table_depth++;
        break;
    case HTML_ROLE_ROW:
        if (r->table_depth == 1 && !r->cell_open) {
            if (r->ncells)
                html_emit_row(r);
            r->row_all_th = 1;
            r->row_line = html_line(r);
        }
        break;
    case HTML_ROLE_CELL:
        if (r->table_depth == 1) {
            html_cell_finish(r);
            r->cell_open = 1;
            r->cell_is_th = strcasecmp(name, "th") == 0;
            if (r->ncells == 0)
                r->row_line = html_line(r);
        }
        break;
    case HTML_ROLE_FIGURE:
        if (r->figure_depth++ == 0) {
            dbr_buf_clear(&r->fig_caption);
            dbr_buf_clear(&r->fig_alt);
            dbr_buf_clear(&r->fig_src);
        }
        break;
    case HTML_ROLE_IMAGE:
        html_image(r, atts);
        break;
    case HTML_ROLE_BREAK:
        if (r->cell_open)
            r->pending_space = 1;
        else if (r->text.len)
            dbr_buf_putc(&r->text, '\n');
        break;
    case HTML_ROLE_SKIP:
        r->skip_depth++;
        break;
    case HTML_ROLE_BODY:
        r->in_body = 1;
        break;
    case HTML_ROLE_TITLE:
        if (!r->in_body)
            r->in_title = 1;
        break;
    default:
        break;
    }
    if (strcasecmp(name, "meta") == 0)
        html_meta_element(r, atts);
    else if (strcasecmp(name, "link") == 0)
        html_meta_link(r, atts);
    else if (strcasecmp(name, "html") == 0 && e->lang[0])
        memcpy(r->doc_lang, e->lang, sizeof r->doc_lang);
}

static void html_on_start(void *ud, const xmlChar *xname, const xmlChar **xatts)
{
    html_reader *r = ud;
    const char *name = (const char *)xname;
    const char *const *atts = (const char *const *)xatts;
    if (r->status != DBR_OK)
        return;
    if (r->depth >= HTML_STACK_MAX) {
        r->overflow++; /* too deep to track: its text joins the enclosing block */
        return;
    }
    int level;
    html_role role = html_role_of(name, &level);
    html_elem e;
    html_init_elem(r, &e, name, role, level, atts);
    if (r->skip_depth > 0) {
        e.role = HTML_ROLE_INLINE;
        e.boiler = NULL;
        if (role == HTML_ROLE_SKIP)
            r->skip_depth++, e.role = HTML_ROLE_SKIP;
        r->stack[r->depth++] = e;
        return;
    }
    if (html_is_block_role(role) || e.boiler) {
        if (r->cell_open && role != HTML_ROLE_CELL)
            r->pending_space = 1;
        else
            html_flush(r);
    }
    if (e.breadcrumb)
        r->breadcrumb_depth++;
    html_open_role(r, &e, name, atts);
    r->stack[r->depth++] = e;
    if (r->status != DBR_OK)
        html_stop(r, r->status);
}

static void html_close_role(html_reader *r, const html_elem *e)
{
    switch (e->role) {
    case HTML_ROLE_CELL:
        if (r->table_depth == 1)
            html_cell_finish(r);
        break;
    case HTML_ROLE_ROW:
        if (r->table_depth == 1) {
            html_cell_finish(r);
            html_emit_row(r);
        }
        break;
    case HTML_ROLE_TABLE:
        if (r->table_depth == 1) {
            html_cell_finish(r);
            if (r->ncells)
                html_emit_row(r);
        }
        r->table_depth--;
        break;
    case HTML_ROLE_FIGURE:
        if (--r->figure_depth == 0)
            html_emit_figure(r);
        break;
    case HTML_ROLE_SKIP:
        r->skip_depth--;
        break;
    case HTML_ROLE_TITLE:
        r->in_title = 0;
        html_text_reset(r);
        break;
    default:
        break;
    }
}

static void html_on_end(void *ud, const xmlChar *xname)
{
    html_reader *r = ud;
    (void)xname;
    if (r->status != DBR_OK)
        return;
    if (r->overflow > 0) {
        r->overflow--;
        return;
    }
    if (r->depth == 0)
        return;
    html_elem *e = &r->stack[r->depth - 1];
    if (r->skip_depth > 0 && e->role != HTML_ROLE_SKIP) {
        r->depth--;
        return;
    }
    if (html_is_block_role(e->role) || e->boiler) {
        if (r->cell_open && e->role != HTML_ROLE_CELL && e->role != HTML_ROLE_ROW &&
            e->role != HTML_ROLE_TABLE)
            r->pending_space = 1;
        else if (!(e->breadcrumb && r->breadcrumb_depth == 1))
            html_flush(r);
    }
    if (e->breadcrumb && --r->breadcrumb_depth == 0)
        html_flush(r);
    html_close_role(r, e);
    r->depth--;
    if (r->status != DBR_OK)
        html_stop(r, r->status);
}

static int html_has_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\n\r\f", s[i]))
            return 1;
    return 0;
}

/* Appends running text, sending the block out in parts whenever it reaches HTML_BLOCK_MAX
 * (parts joined back together give the text exactly). The input is cut on a character
 * boundary; collapsing whitespace only shrinks it, so a part stays within the limit. */
static int html_append_capped(html_reader *r, const char *s, size_t n)
{
    int pre = r->cur.active && r->cur.kind == DBR_BLOCK_CODE;
    int can_split = r->cur.active && !r->breadcrumb_depth;
    while (n > 0) {
        if (can_split && r->text.len >= HTML_BLOCK_MAX && html_split_block(r) != DBR_OK)
            return 0; /* the sink failed: r->status stops the parse */
        size_t take = n;
        if (can_split && HTML_BLOCK_MAX - r->text.len < n) {
            take = HTML_BLOCK_MAX - r->text.len;
            while (take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80)
                take--;
            if (take == 0)
                take = n; /* no boundary in reach: never stall */
        }
        if (html_text_append(r, &r->text, s, take, pre) != 0)
            return -1;
        s += take;
        n -= take;
    }
    return 0;
}

static void html_on_text(void *ud, const xmlChar *xs, int len)
{
    html_reader *r = ud;
    const char *s = (const char *)xs;
    size_t n = len > 0 ? (size_t)len : 0;
    if (r->status != DBR_OK || r->skip_depth > 0 || n == 0)
        return;
    int rc;
    if (r->in_title) {
        rc = 0;
        if (r->title.len < HTML_META_MAX)
            rc = html_text_append(r, &r->title, s, n, 0);
        else if (!r->title_cut++)
            dbr_job_warn(r->job, html_line(r), 0, "<title> longer than %d bytes: the rest is "
                         "not kept", HTML_META_MAX);
    } else if (r->cell_open) {
        rc = html_text_append(r, &r->cell, s, n, 0);
    } else {
        if (!r->cur.active && html_has_text(s, n)) {
            html_capture_context(r);
            html_text_reset(r);
        }
        rc = html_append_capped(r, s, n);
    }
    if (rc != 0)
        html_stop(r, dbr_job_fail(r->job, DBR_FAILED, html_line(r), 0, -1, "out of memory"));
}

/* Elements of current HTML that libxml2 2.9's HTML 4 tables do not know; "Tag X invalid" for
 * them (or for custom elements, which contain '-') is not a problem of the page. */
static int html_is_modern_element(const char *name)
{
    static const char *const modern[] = {
        "article", "aside", "audio", "bdi", "canvas", "data", "datalist", "details", "dialog",
        "figcaption", "figure", "footer", "header", "hgroup", "main", "mark", "menuitem",
        "meter", "nav", "output", "picture", "progress", "rp", "rt", "ruby", "search",
        "section", "slot", "source", "summary", "svg", "math", "template", "time", "track",
        "video", "wbr", "path", "g", "use", "symbol", "defs", "circle", "rect", "line",
        "polygon", "polyline", "ellipse", "text", "tspan", NULL};
    if (!name)
        return 0;
    if (strchr(name, '-'))
        return 1;
    for (size_t i = 0; modern[i]; i++)
        if (strcasecmp(name, modern[i]) == 0)
            return 1;
    return 0;
}

static void html_on_error(void *ud, xmlErrorPtr e)
{
    html_reader *r = ud;
    if (!e || (e->code == XML_HTML_UNKNOWN_TAG && html_is_modern_element(e->str1)))
        return;
    if (++r->warnings > HTML_WARN_MAX)
        return;
    char msg[256];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "malformed html");
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    dbr_job_warn(r->job, e->line, e->int2, "html repaired: %s", msg);
}

static void html_setup_sax(htmlSAXHandler *sax)
{
    memset(sax, 0, sizeof *sax);
    sax->startElement = html_on_start;
    sax->endElement = html_on_end;
    sax->characters = html_on_text;
    sax->ignorableWhitespace = html_on_text;
    sax->cdataBlock = html_on_text;
    sax->serror = html_on_error;
    sax->initialized = XML_SAX2_MAGIC; /* so libxml2 uses serror, which carries line/column */
}

static dbr_status html_finish(html_reader *r)
{
    if (r->status != DBR_OK)
        return r->status;
    /* Close whatever the page left open, so nothing collected is lost. */
    while (r->depth > 0 && r->status == DBR_OK)
        html_on_end(r, NULL);
    html_flush(r);
    if (r->status != DBR_OK)
        return r->status;
    if (r->warnings > HTML_WARN_MAX)
        dbr_job_warn(r->job, 0, 0, "html repaired: %ld further problems not listed",
                     r->warnings - HTML_WARN_MAX);
    dbr_status st = html_begin_document(r);
    return st == DBR_OK ? dbr_sink_end_document(r->sink, &r->doc) : st;
}

/* Two fixes for libxml2 2.9's HTML push parser, applied between chunks:
 * - it resumes a look-ahead (for the '>' closing a start tag, the end of a comment) at the
 *   offset checkIndex without the "inside a quoted attribute" state it had there, so when a
 *   chunk ends inside an attribute value it stops finding the tag's end and buffers the rest
 *   of the page until the last chunk. Resetting checkIndex makes it rescan the construct from
 *   its start, which is correct and costs only that construct's length;
 * - it never drops input it has parsed, so a 1 GB page would sit in memory whole. Between
 *   chunks nothing points into the buffer but the input's base, cur and end, so the parsed part
 *   is cut off here and those pointers moved with it. */
static void html_between_chunks(htmlParserCtxtPtr ctxt)
{
    ctxt->checkIndex = 0;
    xmlParserInputPtr in = ctxt->input;
    if (!in || !in->buf || !in->buf->buffer || !in->base || !in->cur ||
        in->base != xmlBufContent(in->buf->buffer))
        return;
    size_t used = (size_t)(in->cur - in->base);
    if (used < HTML_DISCARD_MIN)
        return;
    size_t cut = xmlBufShrink(in->buf->buffer, used - HTML_KEEP_BEHIND);
    in->consumed += cut;
    in->base = xmlBufContent(in->buf->buffer);
    in->cur = in->base + (used - cut);
    in->end = xmlBufEnd(in->buf->buffer);
}

dbr_status html_parse(html_reader *r, dbr_input *in)
{
    xmlInitParser();
    htmlSAXHandler sax;
    html_setup_sax(&sax);
    htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(&sax, r, NULL, 0, dbr_input_name(in),
                                                      XML_CHAR_ENCODING_UTF8);
    if (!ctxt)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "cannot create the html parser");
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    r->parser = ctxt;
    char *buf = dbr_malloc(HTML_CHUNK);
    dbr_status st = buf ? DBR_OK : dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    size_t got = 1;
    while (st == DBR_OK && got > 0 && r->status == DBR_OK) {
        st = dbr_input_read(in, buf, HTML_CHUNK, &got, r->job->err);
        if (st == DBR_OK)
            htmlParseChunk(ctxt, buf, (int)got, got == 0);
        if (st == DBR_OK && got > 0)
            html_between_chunks(ctxt);
    }
    dbr_free(buf);
    if (st == DBR_OK)
        st = html_finish(r);
    r->parser = NULL;
    htmlFreeParserCtxt(ctxt);
    return st != DBR_OK ? st : r->status;
}
