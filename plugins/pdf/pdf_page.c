/* pdf_page.c - one page's characters from Poppler, grouped into lines with box and font.
 *
 * Poppler's page text (poppler_page_get_text) comes with one box per character
 * (poppler_page_get_text_layout) and font runs (poppler_page_get_text_attributes) indexed the
 * same way. Poppler's own line breaks are not enough: it joins the last line of one column and
 * the first of the next without a break, so a line also ends where the next character jumps
 * vertically or far to the side.
 */
#include "pdf.h"

#include <poppler.h>
#include <string.h>

/* The line being built. */
typedef struct pdf_builder {
    pdf_line line;
    int open;
    double last_x1, last_cy, last_h;
    size_t chars, bold_chars;
    double sizes[8];          /* distinct font sizes on the line ... */
    size_t size_count[8];     /* ... and how many characters each */
    size_t nsizes;
} pdf_builder;

const char *pdf_line_text(const pdf_page *page, const pdf_line *line)
{
    return page->text.data + line->off;
}

void pdf_page_clear(pdf_page *page)
{
    dbr_buf_clear(&page->text);
    page->nlines = 0;
    page->number = 0;
}

void pdf_page_free(pdf_page *page)
{
    dbr_buf_free(&page->text);
    dbr_free(page->lines);
    memset(page, 0, sizeof *page);
}

static int pdf_push_line(pdf_page *page, const pdf_line *l)
{
    if (page->nlines == page->cap) {
        size_t cap = page->cap ? page->cap * 2 : 64;
        pdf_line *n = dbr_realloc(page->lines, cap * sizeof *n);
        if (!n)
            return -1;
        page->lines = n;
        page->cap = cap;
    }
    page->lines[page->nlines++] = *l;
    return 0;
}

static double pdf_dominant_size(const pdf_builder *b)
{
    double best = 0;
    size_t most = 0;
    for (size_t i = 0; i < b->nsizes; i++)
        if (b->size_count[i] > most) {
            most = b->size_count[i];
            best = b->sizes[i];
        }
    return best;
}

/* Ends the current line: trims trailing spaces, NUL-terminates, stores it. */
static int pdf_end_line(pdf_page *page, pdf_builder *b)
{
    if (!b->open)
        return 0;
    b->open = 0;
    while (page->text.len > b->line.off && page->text.data[page->text.len - 1] == ' ')
        page->text.len--;
    b->line.len = page->text.len - b->line.off;
    if (dbr_buf_putc(&page->text, '\0') != 0)
        return -1;
    if (b->line.len == 0 || b->chars == 0)
        return 0;
    b->line.size = pdf_dominant_size(b);
    b->line.bold = b->bold_chars * 2 > b->chars;
    return pdf_push_line(page, &b->line);
}

static void pdf_count_font(pdf_builder *b, double size, int bold)
{
    b->chars++;
    b->bold_chars += bold != 0;
    for (size_t i = 0; i < b->nsizes; i++)
        if (b->sizes[i] == size) {
            b->size_count[i]++;
            return;
        }
    if (b->nsizes < 8) {
        b->sizes[b->nsizes] = size;
        b->size_count[b->nsizes++] = 1;
    }
}

/* 1 when a character at box r cannot continue the line being built. */
static int pdf_breaks_line(const pdf_builder *b, const PopplerRectangle *r, double size)
{
    if (!b->open || b->chars == 0)
        return 0;
    double cy = (r->y1 + r->y2) / 2, h = r->y2 - r->y1;
    double tol = (h > b->last_h ? h : b->last_h) * 0.5;
    if (cy - b->last_cy > tol || b->last_cy - cy > tol)
        return 1;                              /* another line (or column) */
    if (r->x1 < b->last_x1 - size)
        return 1;                              /* jumps back left */
    return r->x1 - b->last_x1 > size * 3.0;    /* a gap wider than any word space */
}

static int pdf_is_bold_font(const char *name)
{
    return name && (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "Black") ||
                    strstr(name, "Heavy") || strstr(name, "Semibold") || strstr(name, ",B"));
}

/* Walks the page text, one character and box at a time, into lines. */
static int pdf_split_lines(pdf_page *page, const char *text, const PopplerRectangle *rects,
                           guint nrects, GList *attrs)
{
    pdf_builder b;
    memset(&b, 0, sizeof b);
    GList *a = attrs;
    const PopplerTextAttributes *at = a ? a->data : NULL;
    int bold = at ? pdf_is_bold_font(at->font_name) : 0; /* once per font run, not per char */
    guint k = 0;
    for (const char *s = text; *s; s = g_utf8_next_char(s), k++) {
        gunichar c = g_utf8_get_char(s);
        if (a && ((PopplerTextAttributes *)a->data)->end_index < (int)k) {
            while (a && ((PopplerTextAttributes *)a->data)->end_index < (int)k)
                a = a->next;
            at = a ? a->data : NULL;
            bold = at ? pdf_is_bold_font(at->font_name) : 0;
        }
        double size = at ? at->font_size : 10.0;
        if (c == '\n' || k >= nrects) {
            if (pdf_end_line(page, &b) != 0)
                return -1;
            continue;
        }
        const PopplerRectangle *r = &rects[k];
        if (c != ' ' && pdf_breaks_line(&b, r, size) && pdf_end_line(page, &b) != 0)
            return -1;
        if (!b.open) {
            if (c == ' ')
                continue; /* no leading spaces */
            memset(&b, 0, sizeof b);
            b.open = 1;
            b.line.off = page->text.len;
            b.line.x0 = r->x1;
            b.line.y0 = r->y1;
            b.line.x1 = r->x2;
            b.line.y1 = r->y2;
        }
        char utf8[8];
        int n = g_unichar_to_utf8(c, utf8);
        if (dbr_buf_append(&page->text, utf8, (size_t)n) != 0)
            return -1;
        if (c == ' ')
            continue; /* spaces carry no box worth trusting */
        if (r->x1 < b.line.x0) b.line.x0 = r->x1;
        if (r->y1 < b.line.y0) b.line.y0 = r->y1;
        if (r->x2 > b.line.x1) b.line.x1 = r->x2;
        if (r->y2 > b.line.y1) b.line.y1 = r->y2;
        b.last_x1 = r->x2;
        b.last_cy = (r->y1 + r->y2) / 2;
        b.last_h = r->y2 - r->y1;
        pdf_count_font(&b, size, bold);
    }
    return pdf_end_line(page, &b);
}

dbr_status pdf_page_load(pdf_reader *r, int index, pdf_page *page)
{
    pdf_page_clear(page);
    PopplerPage *pp = poppler_document_get_page(r->document, index);
    if (!pp)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "page %d cannot be read", index + 1);
    page->number = index + 1;
    poppler_page_get_size(pp, &page->width, &page->height);
    char *text = poppler_page_get_text(pp);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    int ok = 1;
    if (text && *text && poppler_page_get_text_layout(pp, &rects, &nrects)) {
        GList *attrs = poppler_page_get_text_attributes(pp);
        ok = pdf_split_lines(page, text, rects, nrects, attrs) == 0;
        poppler_page_free_text_attributes(attrs);
    }
    g_free(rects);
    g_free(text);
    g_object_unref(pp);
    if (!ok)
        return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1, "page %d: out of memory", index + 1);
    return DBR_OK;
}
