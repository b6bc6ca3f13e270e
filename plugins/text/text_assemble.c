/* text_assemble.c - classified lines into blocks: paragraphs, list items, headings, tables of
 * contents, figures, metadata and boilerplate.
 *
 * Why one open block and one line of look-ahead: a paragraph is known to end only when the
 * next line does not continue it, and a short strong line is a heading only when it stands
 * alone (a blank line or a page edge before and after it). Holding one open block and one
 * line keeps memory flat.
 *
 * Page rejoin: when a paragraph (or list item, or table of contents) is open and a page break
 * comes, the break and the page furniture around it (running header, footer, page number) are
 * held back. If the first line of the next page continues the block (a lower-case start, a
 * hyphenated cut, or the block did not end a sentence) it is appended and the held items follow
 * the finished block; otherwise they are sent first. Nothing is dropped either way.
 */
#include "text_internal.h"

#include <string.h>

enum { OPEN_NONE = 0 };
#define OPEN(kind) ((int)(kind) + 1)

typedef struct deferred_item {
    int is_break;
    const char *boiler;
    char *text;
    size_t len;
    long page, line;
} deferred_item;

int text_assemble_init(tx_assembler *a, tx_emit *e, tx_vocab *v)
{
    memset(a, 0, sizeof *a);
    a->emit = e;
    a->vocab = v;
    a->prev_blank = 1;
    a->defer_pool = dbr_pool_new();
    return a->defer_pool ? 0 : -1;
}

void text_assemble_free(tx_assembler *a)
{
    dbr_buf_free(&a->held_text);
    dbr_buf_free(&a->open_text);
    dbr_buf_free(&a->open_marker);
    dbr_pool_free(a->defer_pool);
    a->defer_pool = NULL;
}

static dbr_status oom(tx_assembler *a)
{
    return dbr_error_set(a->emit->job->err, DBR_FAILED, "out of memory");
}

static int is_furniture(const tx_line *l)
{
    return l->kind == TX_BOILER && l->boiler &&
           (strcmp(l->boiler, "running-header") == 0 ||
            strcmp(l->boiler, "running-footer") == 0 || strcmp(l->boiler, "page-number") == 0);
}

/* ---------- sending blocks ---------- */

static dbr_status send(tx_assembler *a, dbr_block_kind kind, int level, const char *text,
                       size_t len, long page, long line, const char *k1, const char *v1,
                       const char *k2, const char *v2)
{
    tx_emit *e = a->emit;
    dbr_block *b = text_emit_new(e, kind, level, page, line);
    if (!b || text_emit_set_text(e, b, text, len) || (k1 && v1 && text_emit_prop(e, b, k1, v1)) ||
        (k2 && v2 && text_emit_prop(e, b, k2, v2)))
        return oom(a);
    return text_emit_push(e, b);
}

static dbr_status flush_deferred(tx_assembler *a)
{
    dbr_status st = DBR_OK;
    for (size_t i = 0; i < a->ndeferred && st == DBR_OK; i++) {
        const deferred_item *d = (const deferred_item *)a->deferred[i];
        if (d->is_break)
            st = send(a, DBR_BLOCK_PAGE_BREAK, 0, "", 0, d->page, d->line, NULL, NULL, NULL,
                      NULL);
        else
            st = send(a, DBR_BLOCK_BOILERPLATE, 0, d->text, d->len, d->page, d->line,
                      "boilerplate", d->boiler, NULL, NULL);
    }
    a->ndeferred = 0;
    a->deferred_break = 0;
    a->rejoined = 0;
    dbr_pool_reset(a->defer_pool);
    return st;
}

static dbr_status defer(tx_assembler *a, const tx_line *l)
{
    deferred_item *d = dbr_pool_alloc(a->defer_pool, sizeof *d);
    if (!d || !(d->text = dbr_pool_strndup(a->defer_pool, l->text, l->len)))
        return oom(a);
    d->is_break = l->kind == TX_PAGE_BREAK;
    d->boiler = l->boiler;
    d->len = l->len;
    d->page = l->page;
    d->line = l->lineno;
    a->deferred[a->ndeferred++] = d;
    a->deferred_break |= d->is_break;
    if (d->is_break)
        a->rejoined = 0; /* a new page: the next line must prove it continues again */
    return DBR_OK;
}

/* Sends the open block, then whatever was held back behind it. */
static dbr_status close_open(tx_assembler *a)
{
    dbr_status st = DBR_OK;
    const char *text = dbr_buf_cstr(&a->open_text);
    size_t len = a->open_text.len;
    int open = a->open;
    a->open = OPEN_NONE;
    if (open == OPEN(DBR_BLOCK_PARAGRAPH)) {
        const char *web = text_web_paragraph(text, len);
        st = web ? send(a, DBR_BLOCK_BOILERPLATE, 0, text, len, a->open_page, a->open_line,
                        "boilerplate", web, NULL, NULL)
                 : send(a, DBR_BLOCK_PARAGRAPH, 0, text, len, a->open_page, a->open_line, NULL,
                        NULL, NULL, NULL);
    } else if (open == OPEN(DBR_BLOCK_LIST_ITEM)) {
        st = send(a, DBR_BLOCK_LIST_ITEM, a->open_level, text, len, a->open_page, a->open_line,
                  "marker", dbr_buf_cstr(&a->open_marker), NULL, NULL);
    } else if (open == OPEN(DBR_BLOCK_TOC)) {
        if (a->toc_entries == 0) /* a "Contents" line with no entries is a heading */
            st = send(a, DBR_BLOCK_HEADING, 1, text, len, a->open_page, a->open_line, NULL, NULL,
                      NULL, NULL);
        else
            st = send(a, DBR_BLOCK_TOC, 0, text, len, a->open_page, a->open_line, NULL, NULL,
                      NULL, NULL);
    } else if (open == OPEN(DBR_BLOCK_QUOTE)) {
        st = send(a, DBR_BLOCK_QUOTE, 0, text, len, a->open_page, a->open_line, NULL, NULL, NULL,
                  NULL);
    } else if (open == OPEN(DBR_BLOCK_BOILERPLATE)) {
        st = send(a, DBR_BLOCK_BOILERPLATE, 0, text, len, a->open_page, a->open_line,
                  "boilerplate", a->open_boiler, NULL, NULL);
    }
    dbr_buf_clear(&a->open_text);
    a->blank_seen = 0;
    if (st == DBR_OK)
        st = flush_deferred(a);
    return st;
}

static dbr_status open_block(tx_assembler *a, dbr_block_kind kind, const tx_line *l,
                             const char *text, size_t len)
{
    dbr_status st = a->open ? close_open(a) : flush_deferred(a);
    if (st != DBR_OK)
        return st;
    a->open = OPEN(kind);
    a->open_page = l->page;
    a->open_line = l->lineno;
    a->open_indent = l->indent;
    a->blank_seen = 0;
    a->toc_entries = 0;
    dbr_buf_clear(&a->open_text);
    return dbr_buf_append(&a->open_text, text, len) ? oom(a) : DBR_OK;
}

/* ---------- joining lines ---------- */

static int starts_lower_or_cjk(const char *s, size_t len)
{
    const char *p = s;
    uint32_t c = text_utf8_next(&p, s + len);
    return (c >= 'a' && c <= 'z') || text_is_cjk(c);
}

/* Appends a wrapped line: hyphenation repaired or kept, CJK joined without a space. */
static dbr_status join_line(tx_assembler *a, const char *s, size_t len)
{
    dbr_buf *b = &a->open_text;
    int r = 0;
    if (!b->len) {
        r = dbr_buf_append(b, s, len);
    } else if (b->len >= 2 && (unsigned char)b->data[b->len - 2] == 0xC2 &&
               (unsigned char)b->data[b->len - 1] == 0xAD) {
        b->len -= 2; /* a soft hyphen is always a cut */
        r = dbr_buf_append(b, s, len);
    } else if (b->data[b->len - 1] == '-' && b->len >= 2 && b->data[b->len - 2] != ' ') {
        if (text_hyphen_repair(a->vocab, b->data, b->len, s, len))
            b->len--;
        r = dbr_buf_append(b, s, len);
    } else {
        const char *p = s;
        uint32_t first = text_utf8_next(&p, s + len);
        uint32_t last = text_utf8_last(b->data, b->len);
        if (!(text_is_cjk(last) && text_is_cjk(first)))
            r = dbr_buf_putc(b, ' ');
        if (!r)
            r = dbr_buf_append(b, s, len);
    }
    if (b->data)
        b->data[b->len] = '\0';
    return r ? oom(a) : DBR_OK;
}

/* Does line l continue the open block across the held page break? */
static int continues_across_page(const tx_assembler *a, const tx_line *l)
{
    const char *t = dbr_buf_cstr(&a->open_text);
    size_t n = a->open_text.len;
    if (a->open == OPEN(DBR_BLOCK_TOC))
        return l->kind == TX_TOC_ENTRY;
    if (l->kind != TX_TEXT || !n)
        return 0;
    if (t[n - 1] == '-' || starts_lower_or_cjk(l->text, l->len))
        return 1;
    return !text_ends_sentence(t, n) && t[n - 1] != ':';
}

/* A line that belongs in an open table of contents even without a leader. */
static int loose_toc_entry(const tx_line *l)
{
    if (l->kind == TX_TOC_ENTRY || l->kind == TX_NUM_HEADING || l->kind == TX_NUMBERED)
        return 1;
    if (l->kind != TX_TEXT && l->kind != TX_STRONG)
        return 0;
    size_t i = l->len;
    while (i > 0 && l->text[i - 1] >= '0' && l->text[i - 1] <= '9')
        i--;
    return i < l->len && l->len - i <= 4 && i > 0 && l->text[i - 1] == ' ' &&
           text_is_title_like(l->text, i - 1);
}

/* ---------- the line kinds ---------- */

static int standalone_after(const tx_line *next)
{
    return !next || next->kind == TX_BLANK || next->kind == TX_PAGE_BREAK || is_furniture(next);
}

static dbr_status heading(tx_assembler *a, const tx_line *l, int level, const char *text,
                          size_t len, int may_be_title)
{
    dbr_status st = a->open ? close_open(a) : flush_deferred(a);
    if (st != DBR_OK)
        return st;
    text_lists_reset(&a->lists);
    a->after_list = 0;
    char numbering[32] = "";
    if (l->marker_len && l->marker_len < sizeof numbering && l->kind != TX_LIST &&
        l->kind != TX_NUMBERED) {
        memcpy(numbering, l->text + l->marker, l->marker_len);
        numbering[l->marker_len] = '\0';
    } else if (l->kind == TX_NUMBERED && l->marker_len < sizeof numbering) {
        memcpy(numbering, l->text, l->marker_len - 1); /* "1." -> "1" */
        numbering[l->marker_len - 1] = '\0';
    }
    if (may_be_title && text_emit_wants_title(a->emit))
        return send(a, DBR_BLOCK_TITLE, 0, text, len, l->page, l->lineno, NULL, NULL, NULL,
                    NULL);
    if (level < 1)
        level = 1;
    if (level > 6)
        level = 6;
    return send(a, DBR_BLOCK_HEADING, level, text, len, l->page, l->lineno,
                numbering[0] ? "numbering" : NULL, numbering, NULL, NULL);
}

/* Before any content, a short line standing alone is the document's title ("first strong
 * line"), even in sentence case: press releases put their headline there. */
static int first_strong_line(const tx_assembler *a, const tx_line *l, const tx_line *next)
{
    if (!text_emit_wants_title(a->emit) || !a->prev_blank || !standalone_after(next) ||
        a->open == OPEN(DBR_BLOCK_PARAGRAPH) || a->open == OPEN(DBR_BLOCK_LIST_ITEM))
        return 0;
    const char *p = l->text;
    uint32_t c = text_utf8_next(&p, l->text + l->len);
    return text_is_title_like(l->text, l->len) && ((c >= 'A' && c <= 'Z') || text_is_cjk(c));
}

static dbr_status list_item(tx_assembler *a, const tx_line *l)
{
    int level = text_lists_level(&a->lists, l->indent, l->shape);
    dbr_status st = open_block(a, DBR_BLOCK_LIST_ITEM, l, l->text + l->body, l->body_len);
    if (st != DBR_OK)
        return st;
    a->open_level = level;
    a->after_list = 1;
    a->last_list_numeric = text_shape_is_numeric(l->shape);
    dbr_buf_clear(&a->open_marker);
    return dbr_buf_append(&a->open_marker, l->text + l->marker, l->marker_len) ? oom(a) : DBR_OK;
}

/* Extractors often leave no blank line between paragraphs; the last line of a paragraph is
 * then the tell: it ends a sentence and falls well short of the paragraph's width, and the
 * next line starts a new sentence. */
static int starts_new_paragraph(const tx_assembler *a, const tx_line *l)
{
    if (a->max_len < 40 || a->last_len * 4 >= a->max_len * 3 ||
        !text_ends_sentence(a->open_text.data, a->open_text.len))
        return 0;
    const char *p = l->text;
    uint32_t c = text_utf8_next(&p, l->text + l->len);
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == 0x201C ||
           text_is_cjk(c);
}

static void measure_line(tx_assembler *a, size_t len, int first)
{
    a->last_len = len;
    a->max_len = first || len > a->max_len ? len : a->max_len;
}

static dbr_status paragraph_line(tx_assembler *a, const tx_line *l)
{
    if (a->open == OPEN(DBR_BLOCK_PARAGRAPH) && !a->blank_seen &&
        a->open_text.len < TX_BLOCK_MAX_BYTES && !starts_new_paragraph(a, l)) {
        measure_line(a, l->len, 0);
        return join_line(a, l->text, l->len);
    }
    if (a->open == OPEN(DBR_BLOCK_LIST_ITEM) &&
        (!a->blank_seen || l->indent > a->open_indent) && a->open_text.len < TX_BLOCK_MAX_BYTES) {
        a->blank_seen = 0;
        return join_line(a, l->text, l->len);
    }
    if (a->open != OPEN(DBR_BLOCK_LIST_ITEM))
        text_lists_reset(&a->lists);
    a->after_list = 0;
    measure_line(a, l->len, 1);
    return open_block(a, DBR_BLOCK_PARAGRAPH, l, l->text, l->len);
}

static dbr_status numbered(tx_assembler *a, const tx_line *l, const tx_line *next)
{
    const char *body = l->text + l->body;
    int in_numbered_list = a->after_list && a->last_list_numeric;
    int next_is_item = next && (next->kind == TX_NUMBERED || next->kind == TX_LIST);
    int title = text_is_title_like(body, l->body_len) &&
                (text_is_title_case(body, l->body_len) || text_is_all_caps(body, l->body_len) ||
                 text_is_cjk_line(body, l->body_len) ||
                 (a->prev_blank && standalone_after(next)));
    if (!in_numbered_list && !next_is_item && title)
        return heading(a, l, 1, l->text, l->len, 0);
    return list_item(a, l);
}

static dbr_status strong(tx_assembler *a, const tx_line *l, const tx_line *next)
{
    /* ALL CAPS is strong enough with a block edge before it (extractors often put the
     * paragraph right under it); Title Case and CJK lines must stand alone. */
    int caps = text_is_all_caps(l->text, l->len);
    if (a->prev_blank && (caps || standalone_after(next)) &&
        !(a->open == OPEN(DBR_BLOCK_PARAGRAPH) && !a->blank_seen))
        return heading(a, l, l->level, l->text, l->len, 1);
    return paragraph_line(a, l);
}

static dbr_status web_boiler(tx_assembler *a, const tx_line *l)
{
    if (a->open == OPEN(DBR_BLOCK_BOILERPLATE) && !a->blank_seen &&
        strcmp(a->open_boiler, l->boiler) == 0 && a->open_text.len < TX_BLOCK_MAX_BYTES) {
        if (dbr_buf_putc(&a->open_text, '\n') ||
            dbr_buf_append(&a->open_text, l->text, l->len))
            return oom(a);
        return DBR_OK;
    }
    dbr_status st = open_block(a, DBR_BLOCK_BOILERPLATE, l, l->text, l->len);
    a->open_boiler = l->boiler;
    return st;
}

/* A table row is one block (text = the row as written, cells split); the separator under a
 * header row has no words and only marks the row above it as the header. */
static dbr_status table_row(tx_assembler *a, const tx_line *l, const tx_line *next)
{
    dbr_status st = a->open ? close_open(a) : flush_deferred(a);
    if (st != DBR_OK)
        return st;
    tx_emit *e = a->emit;
    dbr_block *b = text_emit_new(e, DBR_BLOCK_TABLE_ROW, 0, l->page, l->lineno);
    if (!b || text_emit_set_text(e, b, l->text, l->len) ||
        text_emit_cells(e, b, l->text, l->len) ||
        (next && next->kind == TX_TABLE_SEP && text_emit_prop(e, b, "header", "yes")))
        return oom(a);
    a->after_table = 1;
    return text_emit_push(e, b);
}

static dbr_status quote_line(tx_assembler *a, const tx_line *l)
{
    if (a->open == OPEN(DBR_BLOCK_QUOTE) && !a->blank_seen &&
        a->open_text.len < TX_BLOCK_MAX_BYTES)
        return join_line(a, l->text + l->body, l->body_len);
    return open_block(a, DBR_BLOCK_QUOTE, l, l->text + l->body, l->body_len);
}

static dbr_status toc_line(tx_assembler *a, const tx_line *l)
{
    if (a->open == OPEN(DBR_BLOCK_TOC) && l->kind != TX_TOC_TITLE &&
        a->open_text.len < TX_BLOCK_MAX_BYTES) {
        a->toc_entries++;
        a->blank_seen = 0;
        return dbr_buf_putc(&a->open_text, '\n') || dbr_buf_append(&a->open_text, l->text, l->len)
                   ? oom(a) : DBR_OK;
    }
    dbr_status st = open_block(a, DBR_BLOCK_TOC, l, l->text, l->len);
    a->toc_entries = l->kind == TX_TOC_TITLE ? 0 : 1;
    return st;
}

static dbr_status standalone_block(tx_assembler *a, const tx_line *l)
{
    dbr_status st = a->open ? close_open(a) : flush_deferred(a);
    if (st != DBR_OK)
        return st;
    if (l->kind == TX_FIGURE) {
        char src[512] = "";
        if (l->figure && strcmp(l->figure, "markdown-image") == 0 && l->marker_len < sizeof src) {
            memcpy(src, l->text + l->marker, l->marker_len);
            src[l->marker_len] = '\0';
        }
        /* A markdown image keeps its alt text as the text and its source as a property. */
        int md = src[0] != '\0' || (l->figure && strcmp(l->figure, "markdown-image") == 0);
        return send(a, DBR_BLOCK_FIGURE, 0, md ? l->text + l->body : l->text,
                    md ? l->body_len : l->len, l->page, l->lineno, "figure", l->figure,
                    src[0] ? "src" : NULL, src);
    }
    if (l->kind == TX_META)
        return send(a, DBR_BLOCK_META, 0, l->text, l->len, l->page, l->lineno, "meta", l->meta,
                    NULL, NULL);
    /* page furniture with nothing open */
    return send(a, DBR_BLOCK_BOILERPLATE, 0, l->text, l->len, l->page, l->lineno, "boilerplate",
                l->boiler, NULL, NULL);
}

/* Holds page breaks and page furniture while a block might continue on the next page. */
static int should_defer(const tx_assembler *a, const tx_line *l)
{
    int open_kind = a->open == OPEN(DBR_BLOCK_PARAGRAPH) ||
                    a->open == OPEN(DBR_BLOCK_LIST_ITEM) || a->open == OPEN(DBR_BLOCK_TOC);
    return open_kind && (l->kind == TX_PAGE_BREAK || is_furniture(l)) &&
           a->ndeferred < TX_DEFER_MAX;
}

static dbr_status content(tx_assembler *a, const tx_line *l, const tx_line *next)
{
    if (a->open == OPEN(DBR_BLOCK_TOC) && loose_toc_entry(l))
        return toc_line(a, l);
    switch (l->kind) {
    case TX_TEXT:
        if (first_strong_line(a, l, next))
            return heading(a, l, 1, l->text, l->len, 1);
        return paragraph_line(a, l);
    case TX_LIST: return list_item(a, l);
    case TX_NUMBERED: return numbered(a, l, next);
    case TX_MD_HEADING:
    case TX_BOLD:
        return heading(a, l, l->level, l->text + l->body, l->body_len, l->kind == TX_BOLD &&
                                                                         !l->marker_len);
    case TX_NUM_HEADING: return heading(a, l, l->level, l->text, l->len, 0);
    case TX_STRONG: return strong(a, l, next);
    case TX_TOC_TITLE:
    case TX_TOC_ENTRY: return toc_line(a, l);
    case TX_BOILER: return web_boiler(a, l);
    case TX_TABLE: return table_row(a, l, next);
    case TX_TABLE_SEP:
        if (a->after_table && !a->open)
            return DBR_OK; /* structure only: no words */
        return paragraph_line(a, l);
    case TX_QUOTE: return quote_line(a, l);
    default: return standalone_block(a, l);
    }
}

static dbr_status process(tx_assembler *a, const tx_line *l, const tx_line *next)
{
    dbr_status st = DBR_OK;
    if (l->kind != TX_TABLE && l->kind != TX_TABLE_SEP)
        a->after_table = 0;
    if (l->kind == TX_BLANK) {
        if (a->open)
            a->blank_seen = 1;
        a->prev_blank = 1;
        return DBR_OK;
    }
    if (should_defer(a, l))
        return defer(a, l);
    if (l->kind == TX_PAGE_BREAK || is_furniture(l)) {
        if (a->open && (st = close_open(a)) != DBR_OK)
            return st;
        a->prev_blank = 1;
        if (l->kind == TX_PAGE_BREAK)
            return send(a, DBR_BLOCK_PAGE_BREAK, 0, "", 0, l->page, l->lineno, NULL, NULL, NULL,
                        NULL);
        return standalone_block(a, l);
    }
    if (a->open && a->ndeferred && !a->rejoined) {
        if (a->deferred_break && continues_across_page(a, l)) {
            a->blank_seen = 0;
            a->prev_blank = 0;
            a->rejoined = 1;
            if (a->open == OPEN(DBR_BLOCK_TOC))
                return toc_line(a, l);
            return join_line(a, l->text, l->len);
        }
        if ((st = close_open(a)) != DBR_OK)
            return st;
        a->prev_blank = 1;
    }
    st = content(a, l, next);
    /* Lines that end a block on their own count as a block edge for the next line. */
    a->prev_blank = !(a->open == OPEN(DBR_BLOCK_PARAGRAPH) || a->open == OPEN(DBR_BLOCK_LIST_ITEM));
    return st;
}

static dbr_status hold(tx_assembler *a, const tx_line *l)
{
    dbr_buf_clear(&a->held_text);
    if (dbr_buf_append(&a->held_text, l->text, l->len) && l->len)
        return oom(a);
    a->held = *l;
    a->held.text = a->held_text.data ? a->held_text.data : (char *)"";
    a->has_held = 1;
    return DBR_OK;
}

dbr_status text_assemble_line(tx_assembler *a, const tx_line *l)
{
    if (a->has_held) {
        dbr_status st = process(a, &a->held, l);
        if (st != DBR_OK)
            return st;
    }
    return hold(a, l);
}

dbr_status text_assemble_finish(tx_assembler *a)
{
    dbr_status st = DBR_OK;
    if (a->has_held) {
        st = process(a, &a->held, NULL);
        a->has_held = 0;
    }
    if (st == DBR_OK && a->open)
        st = close_open(a);
    if (st == DBR_OK)
        st = flush_deferred(a);
    return st;
}
