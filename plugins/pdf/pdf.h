/* pdf.h - the pdf reader engine's insides, shared by its files (not a public header; pdf.so
 * itself sees only pdf_engine.h).
 *
 * Pipeline for each page: Poppler gives characters with boxes and fonts (pdf_page.c) ->
 * characters become lines -> lines get a reading order, with two columns told apart
 * (pdf_layout.c) -> lines in the top and bottom bands that repeat on the neighbouring page, and
 * bare page numbers, are marked as running headers/footers (pdf_furniture.c) -> lines become
 * blocks: headings by font size and weight, list items by bullet glyphs, paragraphs by line
 * spacing (pdf_blocks.c).
 *
 * Memory: Poppler needs the whole file; of the text, the reader holds two pages at a time (the
 * page being emitted and the next one, whose bands and first paragraph are looked at).
 */
#ifndef DOCBRIDGE_PDF_H
#define DOCBRIDGE_PDF_H

#include "docbridge/plugin.h"

#include <stddef.h>

#define PDF_BAND 0.09          /* top and bottom 9% of the page hold running headers/footers */
#define PDF_SIZE_BINS 400      /* font size histogram: 0.5 pt bins up to 200 pt */
#define PDF_HISTORY 32         /* running header/footer signatures remembered from past pages */

typedef enum pdf_band {
    PDF_BAND_BODY = 0,
    PDF_BAND_TOP,
    PDF_BAND_BOTTOM
} pdf_band;

/* What a line turned out to be once the neighbouring pages are known. */
typedef enum pdf_furniture {
    PDF_FURN_NONE = 0,
    PDF_FURN_HEADER,       /* running header */
    PDF_FURN_FOOTER,       /* running footer */
    PDF_FURN_PAGE_NUMBER   /* bare page number */
} pdf_furniture;

typedef struct pdf_line {
    double x0, y0, x1, y1;    /* box, PDF points, origin top-left */
    double size;              /* dominant font size */
    int bold;                 /* most characters in a bold font */
    size_t off, len;          /* text in the page's text buffer */
    pdf_band band;
    pdf_furniture furniture;
    int section;              /* reading-order section (full-width run or column block) */
    int column;               /* 0 = left or full width, 1 = right column */
    int consumed;             /* already emitted as the end of the previous page's paragraph */
} pdf_line;

typedef struct pdf_page {
    int number;               /* 1-based; 0 = slot empty */
    double width, height;
    double line_gap;          /* usual gap between lines of running text, -1 = unknown */
    dbr_buf text;             /* every line's text, each NUL-terminated */
    pdf_line *lines;          /* in reading order once laid out */
    size_t nlines, cap;
} pdf_page;

/* A block being assembled from lines. */
typedef struct pdf_pblock {
    dbr_block_kind kind;
    int level;
    char marker[16];
    char numbering[16];       /* "2.1" of a numbered heading, or "" */
    const char *boiler;       /* boilerplate kind, or NULL */
    dbr_buf text;
    double size;              /* font size of its lines */
    int bold;
    double x0;                /* left edge of its first line (list items: of the bullet) */
    const pdf_line *last;     /* its last line, for spacing and column checks */
} pdf_pblock;

typedef struct pdf_reader {
    dbr_job *job;
    dbr_sink *sink;
    void *document;           /* PopplerDocument */
    int npages;
    pdf_page pages[2];        /* current and next */
    unsigned long sizes[PDF_SIZE_BINS]; /* characters per font size, pages read so far */
    /* signatures (digits folded) of running header/footer lines seen on earlier pages */
    char history[PDF_HISTORY][96];
    pdf_band history_band[PDF_HISTORY];
    size_t nhistory;
    /* list nesting: x positions of the bullets of open list levels */
    double list_x[8];
    int list_depth;
    pdf_pblock *blocks;       /* the page's blocks (text buffers reused page to page) */
    size_t nblocks, cap_blocks;
    dbr_pool *doc_pool;
    dbr_pool *block_pool;
    dbr_doc doc;
    int doc_begun;
    int title_seen;           /* a title block has been made */
    const char *latin_lang;   /* language of Latin-script text (option pdf-lang, "en") */
} pdf_reader;

/* pdf_page.c */
dbr_status pdf_page_load(pdf_reader *r, int index, pdf_page *page);
void pdf_page_clear(pdf_page *page);
void pdf_page_free(pdf_page *page);
const char *pdf_line_text(const pdf_page *page, const pdf_line *line);

/* pdf_layout.c: bands and reading order (top band, body by columns, bottom band). */
void pdf_layout(pdf_page *page);

/* pdf_furniture.c */
void pdf_mark_furniture(pdf_reader *r, pdf_page *page, const pdf_page *next);
void pdf_remember_furniture(pdf_reader *r, const pdf_page *page);

/* pdf_blocks.c */
dbr_status pdf_emit_page(pdf_reader *r, pdf_page *page, pdf_page *next);
double pdf_body_size(const pdf_reader *r);
void pdf_count_sizes(pdf_reader *r, const pdf_page *page);

/* pdf_text.c */
int pdf_is_cjk(unsigned cp);
unsigned pdf_first_cp(const char *s);
unsigned pdf_last_cp(const char *s, size_t len);
int pdf_join_lines(dbr_buf *out, const char *next);
size_t pdf_list_marker(const char *s, char *marker, size_t cap);
int pdf_heading_number_level(const char *s);
int pdf_is_page_number(const char *s);
void pdf_signature(const char *s, char *out, size_t cap);
const char *pdf_script_lang(const char *s);
int pdf_ends_sentence(const char *s, size_t len);
int pdf_toc_title(const char *s);
int pdf_toc_entry(const char *s);

#endif
