/* pdf_blocks.c - a page's lines, in reading order, become blocks.
 *
 * - Headings: lines clearly larger than the body text (the most common font size so far), or
 *   short bold lines standing alone at body size. The level comes from section numbering when
 *   there is one ("2.1 Sampling" is level 2, as the text reader reads it), else from the size
 *   relative to the body: >= 1.6x level 1, >= 1.3x level 2, larger level 3, bold body size 4.
 * - List items: a line opening with a bullet glyph or an enumerator; nesting from how far the
 *   bullet is indented compared with the open list levels.
 * - Paragraphs: lines of the same size whose vertical gap is small; a larger gap, a change of
 *   size or of column starts a new one. Wrapped lines are joined (pdf_join_lines).
 * - A paragraph cut by the end of a page goes on with the first paragraph of the next page
 *   when it does not end a sentence; the whole paragraph comes before the page break.
 */
#include "pdf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PDF_HEADING_RATIO 1.15
#define PDF_PARA_GAP 0.45      /* a vertical gap above this many font sizes starts a paragraph */

void pdf_count_sizes(pdf_reader *r, const pdf_page *page)
{
    for (size_t i = 0; i < page->nlines; i++) {
        const pdf_line *l = &page->lines[i];
        long bin = lround(l->size * 2);
        if (bin > 0 && bin < PDF_SIZE_BINS)
            r->sizes[bin] += l->len;
    }
}

double pdf_body_size(const pdf_reader *r)
{
    size_t best = 0;
    for (size_t i = 1; i < PDF_SIZE_BINS; i++)
        if (r->sizes[i] > r->sizes[best])
            best = i;
    return best ? best / 2.0 : 10.0;
}

static pdf_pblock *pdf_new_block(pdf_reader *r, dbr_block_kind kind, const pdf_line *l)
{
    if (r->nblocks == r->cap_blocks) {
        size_t cap = r->cap_blocks ? r->cap_blocks * 2 : 32;
        pdf_pblock *n = dbr_realloc(r->blocks, cap * sizeof *n);
        if (!n)
            return NULL;
        memset(n + r->cap_blocks, 0, (cap - r->cap_blocks) * sizeof *n);
        r->blocks = n;
        r->cap_blocks = cap;
    }
    pdf_pblock *b = &r->blocks[r->nblocks++];
    dbr_buf keep = b->text;
    memset(b, 0, sizeof *b);
    b->text = keep;
    dbr_buf_clear(&b->text);
    b->kind = kind;
    b->size = l->size;
    b->bold = l->bold;
    b->x0 = l->x0;
    b->last = l;
    return b;
}

/* Same text size: within 0.6 pt or 12% (a line mostly in a code font is set a point smaller
 * than the running text around it; headings differ by 15% or more). */
static int pdf_same_size(double a, double b)
{
    double big = a > b ? a : b;
    return fabs(a - b) <= (big * 0.12 > 0.6 ? big * 0.12 : 0.6);
}

/* The gap above which a new paragraph starts: the page's usual gap between lines of running
 * text plus a third of a line. Without enough lines to tell, a fixed share of the font size. */
static double pdf_break_gap(const pdf_page *page, const pdf_line *l)
{
    return page->line_gap >= 0 ? page->line_gap + 0.35 * l->size : PDF_PARA_GAP * l->size;
}

/* The most common vertical gap between consecutive lines of the same column and size: the
 * leading of the running text (0.5 pt bins up to 40 pt). */
static void pdf_measure_line_gap(pdf_page *page)
{
    unsigned counts[80] = {0};
    unsigned best = 0;
    page->line_gap = -1;
    for (size_t i = 1; i < page->nlines; i++) {
        const pdf_line *a = &page->lines[i - 1], *b = &page->lines[i];
        if (a->band != PDF_BAND_BODY || b->band != PDF_BAND_BODY || a->section != b->section ||
            a->column != b->column || fabs(a->size - b->size) > 0.6)
            continue;
        double gap = b->y0 - a->y1;
        long bin = lround(gap * 2);
        if (gap < -1 || bin < 0 || bin >= 80)
            continue;
        if (++counts[bin] > best) {
            best = counts[bin];
            page->line_gap = bin / 2.0;
        }
    }
    if (best < 3)
        page->line_gap = -1; /* too few lines to know the leading */
}

/* Vertical space between a block's last line and line l; negative across columns. */
static double pdf_gap(const pdf_line *prev, const pdf_line *l)
{
    if (prev->section != l->section || prev->column != l->column)
        return -1;
    return l->y0 - prev->y1;
}

/* 1 when line l (text t) carries on block b as more of the same paragraph or item. */
static int pdf_continues(const pdf_page *page, const pdf_pblock *b, const pdf_line *l,
                         const char *t)
{
    if (!pdf_same_size(b->size, l->size) || b->kind == DBR_BLOCK_BOILERPLATE)
        return 0;
    double gap = pdf_gap(b->last, l);
    if (gap < 0) { /* a column or section change: only an unfinished sentence goes on */
        const char *prev = pdf_line_text(page, b->last);
        unsigned first = pdf_first_cp(t);
        return b->kind == DBR_BLOCK_PARAGRAPH && !pdf_ends_sentence(prev, b->last->len) &&
               ((first >= 'a' && first <= 'z') || pdf_is_cjk(first));
    }
    if (gap > pdf_break_gap(page, l))
        return 0;
    if (b->kind == DBR_BLOCK_LIST_ITEM)
        return l->x0 > b->x0 + 2; /* item text wraps indented past its bullet */
    if (b->kind == DBR_BLOCK_HEADING || b->kind == DBR_BLOCK_TITLE)
        return l->bold == b->bold;
    return b->kind == DBR_BLOCK_PARAGRAPH;
}

static int pdf_heading_level(const pdf_page *page, const pdf_line *l, const char *t,
                             const pdf_pblock *prev, double body)
{
    double ratio = l->size / body;
    int numbered = pdf_heading_number_level(t);
    if (ratio >= PDF_HEADING_RATIO)
        return numbered ? numbered : ratio >= 1.6 ? 1 : ratio >= 1.3 ? 2 : 3;
    /* Bold at body size: a heading only when short, standing alone, and not a sentence. */
    if (!l->bold || l->len > 90 || pdf_ends_sentence(t, l->len) ||
        t[l->len - 1] == ',' || t[l->len - 1] == ';')
        return 0;
    if (prev && prev->last && prev->kind == DBR_BLOCK_PARAGRAPH && !prev->bold) {
        double gap = pdf_gap(prev->last, l);
        if (gap >= 0 && gap <= pdf_break_gap(page, l))
            return 0; /* a bold line inside running text */
    }
    return numbered ? numbered : 4;
}

/* List nesting: the bullet's x against the x of each open level. */
static int pdf_list_level(pdf_reader *r, double x, const pdf_pblock *prev)
{
    if (!prev || prev->kind != DBR_BLOCK_LIST_ITEM)
        r->list_depth = 0;
    while (r->list_depth > 0 && x < r->list_x[r->list_depth - 1] - 2)
        r->list_depth--;
    if (r->list_depth == 0 || (x > r->list_x[r->list_depth - 1] + 2 && r->list_depth < 8))
        r->list_x[r->list_depth++] = x;
    return r->list_depth;
}

static const char *pdf_furniture_name(pdf_furniture f)
{
    return f == PDF_FURN_HEADER ? "running-header"
         : f == PDF_FURN_FOOTER ? "running-footer" : "page-number";
}

static int pdf_has_content(const pdf_reader *r)
{
    for (size_t i = 0; i < r->nblocks; i++)
        if (r->blocks[i].kind != DBR_BLOCK_BOILERPLATE)
            return 1;
    return 0;
}

/* "2.1 Sampling" -> "2.1"; "1. Introduction" -> "1" (the text reader's "numbering" prop). */
static void pdf_numbering(const char *t, char *out, size_t cap)
{
    size_t n = strspn(t, "0123456789.");
    while (n > 0 && t[n - 1] == '.')
        n--;
    snprintf(out, cap, "%.*s", (int)n, t);
}

static int pdf_same_row(const pdf_line *a, const pdf_line *b)
{
    double overlap = (a->y1 < b->y1 ? a->y1 : b->y1) - (a->y0 > b->y0 ? a->y0 : b->y0);
    return overlap > 0.5 * (b->y1 - b->y0);
}

/* A table of contents is one block, its entries the lines of its text (as the text reader
 * makes it): it opens at a "Contents" title or at an entry line, and takes entry lines,
 * numbered titles, short pieces ("2.1", "Appendix A") and pieces of the same row. */
static int pdf_place_toc(pdf_reader *r, pdf_pblock *prev, const pdf_line *l, const char *t)
{
    int open = prev && prev->kind == DBR_BLOCK_TOC;
    if (!pdf_toc_title(t) && !pdf_toc_entry(t) &&
        !(open && (pdf_same_row(prev->last, l) ||
                   (pdf_same_size(l->size, prev->last->size) &&
                    (l->len <= 12 || pdf_heading_number_level(t) > 0)))))
        return 0;
    if (open && !pdf_toc_title(t)) {
        int row = pdf_same_row(prev->last, l);
        prev->last = l;
        return dbr_buf_putc(&prev->text, row ? ' ' : '\n') == 0 &&
               dbr_buf_puts(&prev->text, t) == 0 ? 1 : -1;
    }
    pdf_pblock *b = pdf_new_block(r, DBR_BLOCK_TOC, l);
    return b && dbr_buf_puts(&b->text, t) == 0 ? 1 : -1;
}

/* Adds one line to the page's blocks. */
static int pdf_place_line(pdf_reader *r, const pdf_page *page, const pdf_line *l, double body)
{
    const char *t = pdf_line_text(page, l);
    pdf_pblock *prev = r->nblocks ? &r->blocks[r->nblocks - 1] : NULL;
    if (l->furniture != PDF_FURN_NONE) {
        pdf_pblock *b = pdf_new_block(r, DBR_BLOCK_BOILERPLATE, l);
        if (!b)
            return -1;
        b->boiler = pdf_furniture_name(l->furniture);
        return dbr_buf_puts(&b->text, t);
    }
    int toc = pdf_place_toc(r, prev, l, t);
    if (toc != 0)
        return toc < 0 ? -1 : 0;
    int level = pdf_heading_level(page, l, t, prev, body);
    if (level) {
        if (prev && (prev->kind == DBR_BLOCK_HEADING || prev->kind == DBR_BLOCK_TITLE) &&
            pdf_continues(page, prev, l, t)) {
            prev->last = l; /* a heading wrapped over two lines */
            return pdf_join_lines(&prev->text, t);
        }
        /* As the text reader does: an unnumbered heading before any content on the first
         * page is the document's title. */
        int numbered = pdf_heading_number_level(t) > 0;
        int title = !r->title_seen && !numbered && page->number == 1 && !pdf_has_content(r);
        pdf_pblock *b = pdf_new_block(r, title ? DBR_BLOCK_TITLE : DBR_BLOCK_HEADING, l);
        if (!b)
            return -1;
        r->title_seen |= title;
        b->level = title ? 0 : level;
        if (numbered)
            pdf_numbering(t, b->numbering, sizeof b->numbering);
        return dbr_buf_puts(&b->text, t);
    }
    char marker[16];
    size_t skip = pdf_list_marker(t, marker, sizeof marker);
    if (skip) {
        pdf_pblock *b = pdf_new_block(r, DBR_BLOCK_LIST_ITEM, l);
        if (!b)
            return -1;
        b->level = pdf_list_level(r, l->x0, prev);
        memcpy(b->marker, marker, sizeof marker);
        return dbr_buf_puts(&b->text, t + skip);
    }
    if (prev && pdf_continues(page, prev, l, t)) {
        prev->last = l;
        return pdf_join_lines(&prev->text, t);
    }
    pdf_pblock *b = pdf_new_block(r, DBR_BLOCK_PARAGRAPH, l);
    return b ? dbr_buf_puts(&b->text, t) : -1;
}

/* The page's last paragraph goes on at the top of the next page: take those lines now. */
static int pdf_take_continuation(pdf_reader *r, pdf_page *next)
{
    pdf_pblock *b = NULL;
    for (size_t i = r->nblocks; i-- > 0;)
        if (r->blocks[i].kind != DBR_BLOCK_BOILERPLATE) {
            b = &r->blocks[i];
            break;
        }
    if (!b || b->kind != DBR_BLOCK_PARAGRAPH || !next || !next->number ||
        pdf_ends_sentence(b->text.data, b->text.len))
        return 0;
    const pdf_line *prev = NULL;
    for (size_t i = 0; i < next->nlines; i++) {
        pdf_line *l = &next->lines[i];
        if (l->band != PDF_BAND_BODY)
            continue;
        const char *t = pdf_line_text(next, l);
        char marker[16];
        if (!pdf_same_size(l->size, b->size) || l->bold != b->bold ||
            pdf_list_marker(t, marker, sizeof marker) ||
            (prev && (pdf_gap(prev, l) < 0 || pdf_gap(prev, l) > pdf_break_gap(next, l))))
            break;
        if (pdf_join_lines(&b->text, t) != 0)
            return -1;
        l->consumed = 1;
        prev = l;
    }
    return 0;
}

static int pdf_caption_like(const char *t)
{
    return strncmp(t, "Figure ", 7) == 0 || strncmp(t, "Fig. ", 5) == 0 ||
           strncmp(t, "Chart ", 6) == 0 || strncmp(t, "\xE5\x9B\xBE", 3) == 0; /* 图 */
}

static int pdf_has_letters(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (unsigned char)*s >= 0xC0)
            return 1;
    return 0;
}

static dbr_status pdf_send_block(pdf_reader *r, const pdf_pblock *pb, int page)
{
    dbr_block b;
    memset(&b, 0, sizeof b);
    const char *text = dbr_buf_cstr(&pb->text);
    b.kind = pb->kind;
    if (b.kind == DBR_BLOCK_PARAGRAPH && pdf_caption_like(text))
        b.kind = DBR_BLOCK_FIGURE;
    b.level = pb->kind == DBR_BLOCK_HEADING || pb->kind == DBR_BLOCK_LIST_ITEM ? pb->level : 0;
    b.page = page;
    const char *lang = pdf_script_lang(text);
    if (!lang && pdf_has_letters(text))
        lang = r->latin_lang;
    if (lang && (!r->doc.lang || strcmp(lang, r->doc.lang) != 0)) {
        b.lang = lang;
        dbr_doc_add_lang(r->doc_pool, &r->doc, lang);
    }
    if (dbr_rich_add_text(r->block_pool, &b.text, text, pb->text.len) != 0 ||
        (pb->marker[0] && dbr_props_add(r->block_pool, &b.props, "marker", pb->marker) != 0) ||
        (pb->boiler && dbr_props_add(r->block_pool, &b.props, "boilerplate", pb->boiler) != 0) ||
        (pb->numbering[0] &&
         dbr_props_add(r->block_pool, &b.props, "numbering", pb->numbering) != 0))
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    dbr_status st = dbr_sink_block(r->sink, &b);
    dbr_pool_reset(r->block_pool);
    return st;
}

static dbr_status pdf_begin_document(pdf_reader *r)
{
    if (r->doc_begun)
        return DBR_OK;
    r->doc_begun = 1;
    for (size_t i = 0; !r->doc.title && i < r->nblocks; i++)
        if (r->blocks[i].kind == DBR_BLOCK_TITLE || r->blocks[i].kind == DBR_BLOCK_HEADING)
            r->doc.title = dbr_pool_strdup(r->doc_pool, dbr_buf_cstr(&r->blocks[i].text));
    return dbr_sink_begin_document(r->sink, &r->doc);
}

dbr_status pdf_emit_page(pdf_reader *r, pdf_page *page, pdf_page *next)
{
    double body = pdf_body_size(r);
    r->nblocks = 0;
    pdf_measure_line_gap(page);
    if (next && next->number)
        pdf_measure_line_gap(next);
    for (size_t i = 0; i < page->nlines; i++)
        if (!page->lines[i].consumed && pdf_place_line(r, page, &page->lines[i], body) != 0)
            return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    if (pdf_take_continuation(r, next) != 0)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "out of memory");
    dbr_status st = pdf_begin_document(r);
    if (st == DBR_OK && page->number > 1) {
        dbr_block pb;
        memset(&pb, 0, sizeof pb);
        pb.kind = DBR_BLOCK_PAGE_BREAK;
        pb.page = page->number;
        st = dbr_sink_block(r->sink, &pb);
    }
    for (size_t i = 0; i < r->nblocks && st == DBR_OK; i++)
        st = pdf_send_block(r, &r->blocks[i], page->number);
    return st;
}
