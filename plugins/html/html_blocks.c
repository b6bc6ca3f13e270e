/* html_blocks.c - turning collected text into blocks and sending them on.
 *
 * A block's kind is decided when its first character arrives (html_capture_context), from the
 * innermost structural element around it: heading, list item, quote, pre, figure caption or
 * table caption; otherwise it is a paragraph. Inside a boilerplate region (nav, page header and
 * footer, aside, breadcrumbs) every block is kind `boilerplate` with prop "boilerplate" naming
 * the region, so navigation is marked and never dropped.
 */
#include "html.h"

#include <string.h>
#include <strings.h>

dbr_status html_begin_document(html_reader *r)
{
    if (r->doc_begun)
        return DBR_OK;
    r->doc_begun = 1;
    if (r->title.len > 0)
        r->doc.title = dbr_pool_strdup(r->doc_pool, dbr_buf_cstr(&r->title));
    if (r->doc_lang[0]) {
        r->doc.lang = dbr_pool_strdup(r->doc_pool, r->doc_lang);
        dbr_doc_add_lang(r->doc_pool, &r->doc, r->doc.lang);
    }
    return dbr_sink_begin_document(r->sink, &r->doc);
}

/* The innermost element that gives text its kind, walking out from the current element. */
void html_capture_context(html_reader *r)
{
    html_pending *c = &r->cur;
    memset(c, 0, sizeof *c);
    c->active = 1;
    c->kind = DBR_BLOCK_PARAGRAPH;
    c->line = html_line(r);
    int settled = 0;
    for (size_t i = r->depth; i-- > 0;) {
        html_elem *e = &r->stack[i];
        if (!c->boiler && e->boiler)
            c->boiler = e->boiler;
        if (!c->lang[0] && e->lang[0])
            memcpy(c->lang, e->lang, sizeof c->lang);
        if (settled)
            continue;
        settled = 1;
        switch (e->role) {
        case HTML_ROLE_HEADING:
            c->kind = DBR_BLOCK_HEADING;
            c->level = e->level;
            break;
        case HTML_ROLE_ITEM:
            c->kind = DBR_BLOCK_LIST_ITEM;
            c->level = e->level;
            /* Only an item's first block shows the marker; later ones continue the item. */
            c->marker = e->item_blocks++ == 0 ? e->marker : NULL;
            break;
        case HTML_ROLE_QUOTE:
            c->kind = DBR_BLOCK_QUOTE;
            break;
        case HTML_ROLE_PRE:
            c->kind = DBR_BLOCK_CODE;
            break;
        case HTML_ROLE_FIGCAPTION:
            c->kind = DBR_BLOCK_FIGURE;
            break;
        case HTML_ROLE_CAPTION:
            c->caption = "table";
            break;
        case HTML_ROLE_LIST:
        case HTML_ROLE_TABLE:
        case HTML_ROLE_BODY:
            break;
        default:
            settled = 0; /* p, div, inline: the kind comes from further out */
        }
    }
}

static void html_trim(dbr_buf *b, int code)
{
    while (b->len > 0 && (b->data[b->len - 1] == '\n' || (!code && b->data[b->len - 1] == ' ')))
        b->data[--b->len] = '\0';
}

/* Language for a block: only when it differs from the document's. */
static const char *html_block_lang(html_reader *r, const char *lang)
{
    if (!lang || !lang[0])
        return NULL;
    if (!r->doc_lang[0] || strcasecmp(lang, r->doc_lang) != 0) {
        if (r->doc.nlangs < HTML_LANGS_MAX) /* copies, and skips a language already listed */
            dbr_doc_add_lang(r->doc_pool, &r->doc, lang);
        return dbr_pool_strdup(r->block_pool, lang);
    }
    return NULL;
}

static dbr_status html_send(html_reader *r, dbr_block *b)
{
    dbr_status st = html_begin_document(r);
    if (st == DBR_OK)
        st = dbr_sink_block(r->sink, b);
    dbr_pool_reset(r->block_pool);
    return st;
}

static dbr_status html_emit_text_block(html_reader *r)
{
    html_pending *c = &r->cur;
    const char *text = dbr_buf_cstr(&r->text);
    if (c->kind == DBR_BLOCK_CODE && text[0] == '\n')
        text++;
    dbr_block b;
    memset(&b, 0, sizeof b);
    b.kind = c->boiler ? DBR_BLOCK_BOILERPLATE : c->kind;
    b.level = c->boiler ? 0 : c->level;
    b.line = c->line;
    b.lang = html_block_lang(r, c->lang);
    if (dbr_rich_add_text(r->block_pool, &b.text, text, strlen(text)) != 0)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    if (c->boiler)
        dbr_props_add(r->block_pool, &b.props, "boilerplate", c->boiler);
    if (c->marker && !c->boiler)
        dbr_props_add(r->block_pool, &b.props, "marker", c->marker);
    if (c->caption)
        dbr_props_add(r->block_pool, &b.props, "caption", c->caption);
    if (c->continued)
        dbr_props_add(r->block_pool, &b.props, "continued", "1");
    /* The first heading names the document when the page has no <title>. */
    if (!r->doc_begun && !r->doc.title && r->title.len == 0 && b.kind == DBR_BLOCK_HEADING)
        r->doc.title = dbr_pool_strdup(r->doc_pool, text);
    return html_send(r, &b);
}

/* A block longer than HTML_BLOCK_MAX goes out in parts of the same kind, the later ones with
 * prop "continued", so one endless paragraph or <pre> cannot make the reader hold the page. */
dbr_status html_split_block(html_reader *r)
{
    if (r->cur.kind == DBR_BLOCK_FIGURE && r->figure_depth > 0)
        return DBR_OK; /* a caption collects into the figure; captions are short */
    if (!r->split_warned++)
        dbr_job_warn(r->job, r->cur.line, 0, "a block longer than %d bytes is split into parts "
                     "(prop \"continued\")", HTML_BLOCK_MAX);
    html_pending keep = r->cur;
    dbr_status st = html_emit_text_block(r);
    dbr_buf_clear(&r->text);
    r->cur = keep;
    r->cur.marker = NULL;
    r->cur.continued = 1;
    if (st != DBR_OK)
        r->status = st;
    return st;
}

dbr_status html_flush(html_reader *r)
{
    if (r->status != DBR_OK)
        return r->status;
    if (r->breadcrumb_depth > 0 || r->cell_open)
        return DBR_OK; /* these collect until their element ends */
    dbr_status st = DBR_OK;
    html_trim(&r->text, r->cur.kind == DBR_BLOCK_CODE);
    if (r->text.len > 0 && r->cur.active) {
        if (r->cur.kind == DBR_BLOCK_FIGURE && r->figure_depth > 0 && !r->cur.boiler) {
            /* A figure's caption waits for the figure's end, where its images are known. */
            if (r->fig_caption.len)
                dbr_buf_putc(&r->fig_caption, ' ');
            dbr_buf_append(&r->fig_caption, r->text.data, r->text.len);
        } else {
            st = html_emit_text_block(r);
        }
    }
    dbr_buf_clear(&r->text);
    html_text_reset(r);
    r->cur.active = 0;
    if (st == DBR_OK)
        st = html_flush_images(r);
    if (st != DBR_OK)
        r->status = st;
    return st;
}

static dbr_status html_emit_figure_text(html_reader *r, const char *text, const char *alt,
                                        const char *src)
{
    dbr_block b;
    memset(&b, 0, sizeof b);
    html_capture_context(r); /* for the boilerplate region and language around the image */
    r->cur.active = 0;
    b.kind = r->cur.boiler ? DBR_BLOCK_BOILERPLATE : DBR_BLOCK_FIGURE;
    b.lang = html_block_lang(r, r->cur.lang);
    if (dbr_rich_add_text(r->block_pool, &b.text, text, strlen(text)) != 0)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    if (r->cur.boiler)
        dbr_props_add(r->block_pool, &b.props, "boilerplate", r->cur.boiler);
    if (alt && *alt)
        dbr_props_add(r->block_pool, &b.props, "html:alt", alt);
    if (src && *src)
        dbr_props_add(r->block_pool, &b.props, "html:src", src);
    return html_send(r, &b);
}

/* Images met inside running text come out as figure blocks right after that text. */
dbr_status html_flush_images(html_reader *r)
{
    dbr_status st = DBR_OK;
    const char *p = r->img_queue.data;
    for (size_t i = 0; i < r->img_count && st == DBR_OK; i++) {
        st = html_emit_figure_text(r, p, p, NULL);
        p += strlen(p) + 1;
    }
    dbr_buf_clear(&r->img_queue);
    r->img_count = 0;
    return st;
}

dbr_status html_emit_figure(html_reader *r)
{
    dbr_status st = DBR_OK;
    const char *cap = dbr_buf_cstr(&r->fig_caption), *alt = dbr_buf_cstr(&r->fig_alt);
    if (*cap || *alt)
        st = html_emit_figure_text(r, *cap ? cap : alt, alt, dbr_buf_cstr(&r->fig_src));
    dbr_buf_clear(&r->fig_caption);
    dbr_buf_clear(&r->fig_alt);
    dbr_buf_clear(&r->fig_src);
    return st;
}

dbr_status html_emit_row(html_reader *r)
{
    dbr_status st = DBR_OK;
    int any = 0;
    dbr_buf joined = DBR_BUF_INIT;
    for (size_t i = 0; i < r->ncells; i++) {
        any |= r->cells[i][0] != '\0';
        if ((i > 0 && dbr_buf_putc(&joined, '\t') != 0) || dbr_buf_puts(&joined, r->cells[i]) != 0)
            st = dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    }
    if (any && st == DBR_OK) {
        html_capture_context(r);
        r->cur.active = 0;
        dbr_block b;
        memset(&b, 0, sizeof b);
        b.kind = r->cur.boiler ? DBR_BLOCK_BOILERPLATE : DBR_BLOCK_TABLE_ROW;
        b.cells = r->cells;
        b.ncells = r->ncells;
        b.line = r->row_line;
        b.lang = html_block_lang(r, r->cur.lang);
        if (dbr_rich_add_text(r->block_pool, &b.text, dbr_buf_cstr(&joined), joined.len) != 0)
            st = dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
        if (r->cur.boiler)
            dbr_props_add(r->block_pool, &b.props, "boilerplate", r->cur.boiler);
        if (r->row_all_th)
            dbr_props_add(r->block_pool, &b.props, "header", "1");
        if (st == DBR_OK)
            st = html_send(r, &b);
    }
    dbr_buf_free(&joined);
    dbr_pool_reset(r->row_pool);
    r->cells = NULL;
    r->ncells = r->cap_cells = 0;
    if (st == DBR_OK)
        st = html_flush_images(r);
    if (st != DBR_OK)
        r->status = st;
    return st;
}
