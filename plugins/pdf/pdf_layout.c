/* pdf_layout.c - the reading order of a page's lines.
 *
 * Lines in the top and bottom bands (PDF_BAND of the page height) go first and last: that is
 * where running headers, footers and page numbers sit. The body is checked for two columns: a
 * vertical gutter near the middle that no line crosses, with at least three lines wholly on each
 * side. Lines that cross it (a title over both columns) cut the body into sections; within a
 * section the left column is read before the right, each top to bottom.
 */
#include "pdf.h"

#include <stdlib.h>

#define PDF_MIN_COLUMN_LINES 3

static int pdf_crosses(const pdf_line *l, double x) { return l->x0 < x - 1 && l->x1 > x + 1; }

/* The x of a gutter between two columns, or -1 when the body is one column. Among the
 * positions crossed by the fewest lines, the middle of the first such run is taken, so the
 * gutter sits in the middle of the white space. */
static double pdf_find_gutter(const pdf_page *page)
{
    double run_start = -1, run_end = -1;
    size_t best_cross = (size_t)-1;
    int in_run = 0;
    for (double x = page->width * 0.3; x <= page->width * 0.7; x += 1.0) {
        size_t cross = 0, left = 0, right = 0;
        for (size_t i = 0; i < page->nlines; i++) {
            const pdf_line *l = &page->lines[i];
            if (l->band != PDF_BAND_BODY)
                continue;
            if (pdf_crosses(l, x))
                cross++;
            else if (l->x1 <= x)
                left++;
            else
                right++;
        }
        int ok = left >= PDF_MIN_COLUMN_LINES && right >= PDF_MIN_COLUMN_LINES;
        if (ok && cross < best_cross) {
            best_cross = cross;
            run_start = run_end = x;
            in_run = 1;
        } else if (ok && cross == best_cross && in_run) {
            run_end = x;
        } else {
            in_run = 0;
        }
    }
    return run_start < 0 ? -1 : (run_start + run_end) / 2;
}

static int pdf_cmp_y(const void *a, const void *b)
{
    const pdf_line *x = a, *y = b;
    if (x->band != y->band)
        return x->band == PDF_BAND_TOP || y->band == PDF_BAND_BOTTOM ? -1 : 1;
    if (x->y0 != y->y0)
        return x->y0 < y->y0 ? -1 : 1;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

static int pdf_cmp_reading(const void *a, const void *b)
{
    const pdf_line *x = a, *y = b;
    int bx = x->band == PDF_BAND_TOP ? 0 : x->band == PDF_BAND_BODY ? 1 : 2;
    int by = y->band == PDF_BAND_TOP ? 0 : y->band == PDF_BAND_BODY ? 1 : 2;
    if (bx != by)
        return bx - by;
    if (x->section != y->section)
        return x->section - y->section;
    if (x->column != y->column)
        return x->column - y->column;
    if (x->y0 != y->y0)
        return x->y0 < y->y0 ? -1 : 1;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* Pieces of one visual row (split at wide gaps) read left to right even when their tops differ
 * by a point because of mixed fonts. */
static void pdf_fix_rows(pdf_page *page)
{
    for (size_t i = 1; i < page->nlines; i++)
        for (size_t j = i; j > 0; j--) {
            pdf_line *p = &page->lines[j - 1], *c = &page->lines[j];
            double overlap = (p->y1 < c->y1 ? p->y1 : c->y1) - (p->y0 > c->y0 ? p->y0 : c->y0);
            double h = c->y1 - c->y0;
            if (p->band != c->band || p->section != c->section || p->column != c->column ||
                overlap < h * 0.5 || c->x0 >= p->x0)
                break;
            pdf_line t = *p;
            *p = *c;
            *c = t;
        }
}

void pdf_layout(pdf_page *page)
{
    if (page->nlines == 0)
        return; /* qsort must not see a NULL array, even empty */
    double top = page->height * PDF_BAND, bottom = page->height * (1.0 - PDF_BAND);
    for (size_t i = 0; i < page->nlines; i++) {
        pdf_line *l = &page->lines[i];
        l->band = l->y1 <= top ? PDF_BAND_TOP : l->y0 >= bottom ? PDF_BAND_BOTTOM : PDF_BAND_BODY;
    }
    qsort(page->lines, page->nlines, sizeof *page->lines, pdf_cmp_y);
    double gutter = pdf_find_gutter(page);
    int section = 0, in_columns = 0;
    for (size_t i = 0; i < page->nlines && gutter >= 0; i++) {
        pdf_line *l = &page->lines[i];
        if (l->band != PDF_BAND_BODY)
            continue;
        if (pdf_crosses(l, gutter)) {
            l->section = ++section; /* a full-width line is a section of its own */
            l->column = 0;
            in_columns = 0;
            continue;
        }
        if (!in_columns) {
            section++;
            in_columns = 1;
        }
        l->section = section;
        l->column = l->x0 >= gutter ? 1 : 0;
    }
    qsort(page->lines, page->nlines, sizeof *page->lines, pdf_cmp_reading);
    pdf_fix_rows(page);
}
