/* pdf_furniture.c - running headers, running footers and page numbers.
 *
 * A line in the top or bottom band is a running header or footer when the same text (digits
 * folded, so "Page 3" matches "Page 4") sits in the same band of the next page or of an
 * earlier one; a line that is only a number (or "Page 7", "- 7 -", "vii") is a page number.
 * Such lines become boilerplate blocks, marked and never dropped. A title that happens to sit
 * high on the first page repeats nowhere and stays body text.
 */
#include "pdf.h"

#include <string.h>

static int pdf_in_history(const pdf_reader *r, pdf_band band, const char *sig)
{
    for (size_t i = 0; i < r->nhistory && i < PDF_HISTORY; i++)
        if (r->history_band[i] == band && strcmp(r->history[i], sig) == 0)
            return 1;
    return 0;
}

static int pdf_on_page(const pdf_page *page, pdf_band band, const char *sig)
{
    char other[96];
    for (size_t i = 0; page && page->number && i < page->nlines; i++) {
        const pdf_line *l = &page->lines[i];
        if (l->band != band)
            continue;
        pdf_signature(pdf_line_text(page, l), other, sizeof other);
        if (strcmp(other, sig) == 0)
            return 1;
    }
    return 0;
}

void pdf_mark_furniture(pdf_reader *r, pdf_page *page, const pdf_page *next)
{
    char sig[96];
    for (size_t i = 0; i < page->nlines; i++) {
        pdf_line *l = &page->lines[i];
        l->furniture = PDF_FURN_NONE;
        if (l->band == PDF_BAND_BODY)
            continue;
        const char *text = pdf_line_text(page, l);
        if (pdf_is_page_number(text)) {
            l->furniture = PDF_FURN_PAGE_NUMBER;
            continue;
        }
        pdf_signature(text, sig, sizeof sig);
        if (sig[0] && (pdf_in_history(r, l->band, sig) || pdf_on_page(next, l->band, sig)))
            l->furniture = l->band == PDF_BAND_TOP ? PDF_FURN_HEADER : PDF_FURN_FOOTER;
    }
}

/* Keeps the band lines of a finished page, so the next page can match against them. */
void pdf_remember_furniture(pdf_reader *r, const pdf_page *page)
{
    for (size_t i = 0; i < page->nlines; i++) {
        const pdf_line *l = &page->lines[i];
        if (l->band == PDF_BAND_BODY || l->furniture == PDF_FURN_PAGE_NUMBER)
            continue;
        char sig[96];
        pdf_signature(pdf_line_text(page, l), sig, sizeof sig);
        if (!sig[0] || pdf_in_history(r, l->band, sig))
            continue;
        size_t slot = r->nhistory % PDF_HISTORY;
        memcpy(r->history[slot], sig, sizeof sig);
        r->history_band[slot] = l->band;
        r->nhistory++;
    }
}
