/* pdfgen.c - writes the PDFs the pdf reader's tests read, with cairo's PDF surface.
 *
 * The tests must know exactly what a PDF holds, so they make their own: headings in larger
 * and bold fonts, wrapped paragraphs (one hyphenated across lines), bullet lists with a nested
 * level, a paragraph running over a page break, running headers and page numbers on every page,
 * a two-column page and Chinese text (Noto Sans CJK). Lines are placed by hand, so the
 * expected block sequence in the tests follows from this file alone.
 *
 *   pdfgen report OUT.pdf      two pages: headings, paragraphs, lists, running header, numbers
 *   pdfgen twocol OUT.pdf      one page: a full-width title over two columns
 *   pdfgen cjk OUT.pdf         Chinese title and paragraph beside an English one
 *   pdfgen bench OUT.pdf N     N pages of report-like text (benchmark input)
 *   pdfgen scan OUT.pdf        two pages of drawing only, no text layer (as a scan)
 *   pdfgen compare OUT.pdf OUT.txt
 *                              one document defined once (compare_doc) rendered twice: as a PDF
 *                              and as the text a PDF extractor writes for it (blank lines between
 *                              blocks, nested bullets indented, page numbers, form feeds), so a
 *                              test can check that the pdf and text readers agree on it
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 72.0
#define BODY 11.0
#define LEADING 1.35   /* line pitch as a multiple of the font size */
#define PARA_GAP 9.0   /* extra space between paragraphs */

static const char *const SANS = "DejaVu Sans";
static const char *const CJK = "Noto Sans CJK SC";

typedef struct pen {
    cairo_t *cr;
    double y;
    int page;
    const char *header; /* running header, or NULL */
} pen;

static void pen_font(pen *p, const char *face, double size, int bold)
{
    cairo_select_font_face(p->cr, face, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(p->cr, size);
}

static void pen_text_at(pen *p, double x, double y, const char *face, double size, int bold,
                        const char *text)
{
    pen_font(p, face, size, bold);
    cairo_move_to(p->cr, x, y);
    cairo_show_text(p->cr, text);
}

/* Running header at the top, page number centred at the bottom. */
static void pen_furniture(pen *p)
{
    if (p->header)
        pen_text_at(p, MARGIN, 40, SANS, 8, 0, p->header);
    char num[16];
    snprintf(num, sizeof num, "%d", p->page);
    pen_font(p, SANS, 9, 0);
    cairo_text_extents_t ext;
    cairo_text_extents(p->cr, num, &ext);
    cairo_move_to(p->cr, (PAGE_W - ext.x_advance) / 2, PAGE_H - 36);
    cairo_show_text(p->cr, num);
}

static void pen_new_page(pen *p)
{
    pen_furniture(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN + 20;
}

static void pen_line(pen *p, double x, const char *face, double size, int bold,
                     const char *text)
{
    p->y += size * LEADING;
    pen_text_at(p, x, p->y, face, size, bold, text);
}

static void pen_heading(pen *p, double size, const char *text)
{
    p->y += PARA_GAP + size * 0.4;
    pen_line(p, MARGIN, SANS, size, 1, text);
    p->y += 2;
}

static void pen_para(pen *p, const char *const *lines)
{
    p->y += PARA_GAP;
    for (size_t i = 0; lines[i]; i++)
        pen_line(p, MARGIN, SANS, BODY, 0, lines[i]);
}

static void pen_bullet(pen *p, int level, const char *marker, const char *text)
{
    double x = MARGIN + 14.0 + 18.0 * (level - 1);
    p->y += 3;
    p->y += BODY * LEADING;
    pen_text_at(p, x, p->y, SANS, BODY, 0, marker);
    cairo_text_extents_t ext;
    cairo_text_extents(p->cr, marker, &ext);
    double gap = ext.x_advance + 6.0 > 14.0 ? ext.x_advance + 6.0 : 14.0;
    pen_text_at(p, x + gap, p->y, SANS, BODY, 0, text);
}

static cairo_t *open_pdf(const char *path, cairo_surface_t **surface)
{
    *surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(*surface) != CAIRO_STATUS_SUCCESS)
        return NULL;
    cairo_pdf_surface_set_metadata(*surface, CAIRO_PDF_METADATA_AUTHOR, "Mara Lindqvist");
    cairo_t *cr = cairo_create(*surface);
    cairo_set_source_rgb(cr, 0, 0, 0);
    return cr;
}

static int close_pdf(cairo_t *cr, cairo_surface_t *surface)
{
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    int ok = cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(surface);
    return ok ? 0 : 1;
}

static void write_report(pen *p)
{
    static const char *const intro[] = {
        "This report describes the river survey carried out in the spring.", NULL};
    static const char *const para1[] = {
        "The survey was a collabo-",
        "ration between UK-China research teams and",
        "volunteers from twelve villages.", NULL};
    static const char *const para2[] = {
        "Samples were taken at dawn at every site", NULL};
    static const char *const para2b[] = {
        "and again at dusk on the same day.", NULL};
    static const char *const para3[] = {
        "Each bottle was sealed and labelled on site.", NULL};
    p->header = "River Survey 2025 \xE2\x80\x94 Northern Waters Trust";
    p->y = MARGIN + 20;
    pen_heading(p, 22, "River Survey Annual Report");
    pen_para(p, intro);
    pen_heading(p, 16, "1. Introduction");
    pen_para(p, para1);
    p->y += PARA_GAP;
    pen_bullet(p, 1, "\xE2\x80\xA2", "Water temperature");
    pen_bullet(p, 1, "\xE2\x80\xA2", "Dissolved oxygen");
    pen_bullet(p, 2, "\xE2\x80\x93", "Surface readings");
    pen_bullet(p, 2, "\xE2\x80\x93", "Bottom readings");
    pen_bullet(p, 1, "\xE2\x80\xA2", "Flow rate");
    pen_heading(p, 16, "2. Methods");
    /* The paragraph runs to the bottom of page 1 and goes on at the top of page 2. */
    p->y = PAGE_H - 110 - BODY * LEADING - PARA_GAP;
    pen_para(p, para2);
    pen_new_page(p);
    p->y -= BODY * LEADING;
    for (size_t i = 0; para2b[i]; i++)
        pen_line(p, MARGIN, SANS, BODY, 0, para2b[i]);
    pen_heading(p, 13, "2.1 Sampling");
    pen_para(p, para3);
    /* A bold line at body size standing alone, then an enumerated list. */
    p->y += PARA_GAP;
    pen_line(p, MARGIN, SANS, BODY, 1, "Key findings");
    p->y += 4;
    pen_bullet(p, 1, "(a)", "Oxygen was low below the weirs.");
    pen_bullet(p, 1, "(b)", "Temperatures rose in June.");
    pen_furniture(p);
    cairo_show_page(p->cr);
}

static void write_twocol(pen *p)
{
    static const char *const left[] = {"Left column opens here", "and wraps onto a second",
                                       "line of text.", NULL};
    /* The second left paragraph goes on at the top of the right column. */
    static const char *const left2[] = {"A second paragraph runs to", "the bottom of the left",
                                        NULL};
    static const char *const right[] = {"column and ends at the top", "of the right one.", NULL};
    static const char *const right2[] = {"The right column ends.", NULL};
    p->header = NULL;
    /* Word processors leave titles like this in the Info dictionary: not a real title. */
    cairo_pdf_surface_set_metadata(cairo_get_target(p->cr), CAIRO_PDF_METADATA_TITLE,
                                   "Microsoft Word - twocol.docx");
    pen_text_at(p, MARGIN, 110, SANS, 18, 1, "Two Column Page");
    double colx[2] = {MARGIN, PAGE_W / 2 + 12};
    const char *const *cols[2][2] = {{left, left2}, {right, right2}};
    for (int c = 0; c < 2; c++) {
        double y = 150;
        for (int k = 0; k < 2; k++) {
            for (size_t i = 0; cols[c][k][i]; i++) {
                pen_text_at(p, colx[c], y, SANS, BODY, 0, cols[c][k][i]);
                y += BODY * LEADING;
            }
            y += PARA_GAP + 4;
        }
    }
    pen_furniture(p);
    cairo_show_page(p->cr);
}

static void write_cjk(pen *p)
{
    p->header = NULL;
    cairo_pdf_surface_set_metadata(cairo_get_target(p->cr), CAIRO_PDF_METADATA_TITLE,
                                   "\xE6\xB2\xB3\xE6\xB5\x81\xE8\xB0\x83\xE6\x9F\xA5 2025");
    p->y = MARGIN + 20;
    p->y += 24;
    pen_text_at(p, MARGIN, p->y, CJK, 20, 1, "\xE6\xB2\xB3\xE6\xB5\x81\xE8\xB0\x83\xE6\x9F\xA5"
                                            "\xE6\x8A\xA5\xE5\x91\x8A"); /* 河流调查报告 */
    p->y += PARA_GAP;
    /* 本次调查覆盖了三个地区 / 的十二条河流。 */
    pen_line(p, MARGIN, CJK, BODY, 0, "\xE6\x9C\xAC\xE6\xAC\xA1\xE8\xB0\x83\xE6\x9F\xA5\xE8\xA6"
                                      "\x86\xE7\x9B\x96\xE4\xBA\x86\xE4\xB8\x89\xE4\xB8\xAA\xE5"
                                      "\x9C\xB0\xE5\x8C\xBA");
    pen_line(p, MARGIN, CJK, BODY, 0, "\xE7\x9A\x84\xE5\x8D\x81\xE4\xBA\x8C\xE6\x9D\xA1\xE6\xB2"
                                      "\xB3\xE6\xB5\x81\xE3\x80\x82");
    static const char *const en[] = {"The survey covered twelve rivers.", NULL};
    pen_para(p, en);
    pen_furniture(p);
    cairo_show_page(p->cr);
}

static void write_scan(pen *p)
{
    for (int i = 0; i < 2; i++) {
        cairo_rectangle(p->cr, MARGIN, MARGIN, PAGE_W - 2 * MARGIN, 200);
        cairo_fill(p->cr);
        cairo_show_page(p->cr);
    }
}

static void write_bench(pen *p, int pages)
{
    static const char *const lines[] = {
        "Water quality in the northern rivers was measured at forty sites during",
        "the spring and again in the autumn, with samples taken at dawn and dusk",
        "so that daily changes in temperature and dissolved oxygen could be seen.", NULL};
    p->header = "Benchmark Report \xE2\x80\x94 generated";
    for (int i = 0; i < pages; i++) {
        p->y = MARGIN + 20;
        char h[64];
        snprintf(h, sizeof h, "%d. Section %d", i + 1, i + 1);
        pen_heading(p, 16, h);
        for (int k = 0; k < 11; k++)
            pen_para(p, lines);
        if (i + 1 < pages)
            pen_new_page(p);
    }
    pen_furniture(p);
    cairo_show_page(p->cr);
}

/* ---- one document, two renderings ---- */

typedef enum item_kind { IT_HEADING, IT_PARA, IT_BULLET, IT_PAGE, IT_TOC } item_kind;

typedef struct item {
    item_kind kind;
    double size;               /* heading font size */
    int level;                 /* bullet nesting */
    const char *marker;
    const char *lines[6];      /* NULL-terminated; a NULL-free "" entry splits a paragraph
                                  over a page break: lines before it end the page */
} item;

#define PAGE_SPLIT ""

static const item compare_doc[] = {
    {IT_HEADING, 22, 0, NULL, {"Survey of the Northern Rivers", NULL}},
    {IT_PARA, 0, 0, NULL, {"This report describes the river survey carried out", "in the spring of 2025.", NULL}},
    {IT_TOC, 16, 0, NULL, {"Contents", "1. Background .......... 2", "2. Methods .......... 2",
                           "2.1 Sampling .......... 3", "3. Results .......... 3", NULL}},
    {IT_PAGE, 0, 0, NULL, {NULL}},
    {IT_HEADING, 16, 0, NULL, {"1. Background", NULL}},
    {IT_PARA, 0, 0, NULL, {"The survey was a collabo-", "ration between research teams and", "volunteers from twelve villages.", NULL}},
    {IT_BULLET, 0, 1, "\xE2\x80\xA2", {"Water temperature", NULL}},
    {IT_BULLET, 0, 1, "\xE2\x80\xA2", {"Dissolved oxygen", NULL}},
    {IT_BULLET, 0, 2, "\xE2\x80\x93", {"Surface readings", NULL}},
    {IT_BULLET, 0, 2, "\xE2\x80\x93", {"Bottom readings", NULL}},
    {IT_BULLET, 0, 1, "\xE2\x80\xA2", {"Flow rate", NULL}},
    {IT_HEADING, 16, 0, NULL, {"2. Methods", NULL}},
    {IT_PARA, 0, 0, NULL, {"Samples were taken at dawn at every", "site on the river", PAGE_SPLIT,
                           "and again at dusk on the same day.", NULL}},
    {IT_HEADING, 13, 0, NULL, {"2.1 Sampling", NULL}},
    {IT_PARA, 0, 0, NULL, {"Each bottle was sealed and labelled on site.", NULL}},
    {IT_HEADING, 16, 0, NULL, {"3. Results", NULL}},
    {IT_PARA, 0, 0, NULL, {"Oxygen levels were lower than in the previous", "year at most sites.", NULL}},
    {IT_PAGE, 0, 0, NULL, {NULL}},
    {IT_HEADING, 13, 0, NULL, {"3.1 Oxygen", NULL}},
    {IT_PARA, 0, 0, NULL, {"The lowest readings came from the slow reaches", "below the weirs.", NULL}},
    {IT_PARA, 0, 0, NULL, {"Further work is planned for the autumn.", NULL}},
};

#define COMPARE_HEADER "Northern Rivers Survey 2025"

/* The title page has no running header, as in most reports. */
static void compare_pdf_page(pen *p)
{
    pen_new_page(p);
    p->header = COMPARE_HEADER;
}

static void compare_pdf(pen *p)
{
    p->header = NULL;
    p->y = MARGIN + 20;
    for (size_t i = 0; i < sizeof compare_doc / sizeof compare_doc[0]; i++) {
        const item *it = &compare_doc[i];
        if (it->kind == IT_HEADING) {
            pen_heading(p, it->size, it->lines[0]);
        } else if (it->kind == IT_TOC) {
            pen_heading(p, it->size, it->lines[0]);
            for (size_t k = 1; it->lines[k]; k++)
                pen_line(p, MARGIN, SANS, BODY, 0, it->lines[k]);
        } else if (it->kind == IT_BULLET) {
            pen_bullet(p, it->level, it->marker, it->lines[0]);
        } else if (it->kind == IT_PAGE) {
            compare_pdf_page(p);
        } else {
            p->y += PARA_GAP;
            for (size_t k = 0; it->lines[k]; k++) {
                if (it->lines[k][0] == '\0') {
                    compare_pdf_page(p);
                    p->y -= BODY * LEADING;
                    continue;
                }
                pen_line(p, MARGIN, SANS, BODY, 0, it->lines[k]);
            }
        }
        if (i + 1 < sizeof compare_doc / sizeof compare_doc[0] && it->kind == IT_BULLET &&
            compare_doc[i + 1].kind != IT_BULLET)
            p->y += PARA_GAP;
    }
    pen_furniture(p);
    cairo_show_page(p->cr);
}

static void compare_txt_page_end(FILE *f, int *page)
{
    fprintf(f, "%d\n\f", *page);
    ++*page;
    fprintf(f, "%s\n\n", COMPARE_HEADER);
}

static int compare_txt(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    int page = 1;
    for (size_t i = 0; i < sizeof compare_doc / sizeof compare_doc[0]; i++) {
        const item *it = &compare_doc[i];
        int last_bullet = it->kind == IT_BULLET &&
                          (i + 1 == sizeof compare_doc / sizeof compare_doc[0] ||
                           compare_doc[i + 1].kind != IT_BULLET);
        if (it->kind == IT_HEADING) {
            fprintf(f, "%s\n\n", it->lines[0]);
        } else if (it->kind == IT_TOC) {
            fprintf(f, "%s\n\n", it->lines[0]);
            for (size_t k = 1; it->lines[k]; k++)
                fprintf(f, "%s\n", it->lines[k]);
            fprintf(f, "\n");
        } else if (it->kind == IT_BULLET) {
            fprintf(f, "%*s%s %s\n%s", 2 * (it->level - 1), "", it->marker, it->lines[0],
                    last_bullet ? "\n" : "");
        } else if (it->kind == IT_PAGE) {
            compare_txt_page_end(f, &page);
        } else {
            for (size_t k = 0; it->lines[k]; k++) {
                if (it->lines[k][0] == '\0') {
                    fprintf(f, "\n");
                    compare_txt_page_end(f, &page);
                    continue;
                }
                fprintf(f, "%s\n", it->lines[k]);
            }
            fprintf(f, "\n");
        }
    }
    fprintf(f, "%d\n\f", page);
    return fclose(f) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: pdfgen report|twocol|cjk|bench OUT.pdf [PAGES]\n");
        return 2;
    }
    cairo_surface_t *surface;
    cairo_t *cr = open_pdf(argv[2], &surface);
    if (!cr) {
        fprintf(stderr, "pdfgen: cannot create %s\n", argv[2]);
        return 1;
    }
    pen p = {.cr = cr, .y = MARGIN, .page = 1};
    if (strcmp(argv[1], "report") == 0)
        write_report(&p);
    else if (strcmp(argv[1], "twocol") == 0)
        write_twocol(&p);
    else if (strcmp(argv[1], "cjk") == 0)
        write_cjk(&p);
    else if (strcmp(argv[1], "scan") == 0)
        write_scan(&p);
    else if (strcmp(argv[1], "compare") == 0) {
        compare_pdf(&p);
        if (argc < 4 || compare_txt(argv[3]) != 0) {
            fprintf(stderr, "pdfgen: compare needs a writable OUT.txt\n");
            close_pdf(cr, surface);
            return 1;
        }
    } else if (strcmp(argv[1], "bench") == 0)
        write_bench(&p, argc > 3 ? (int)strtol(argv[3], NULL, 10) : 200);
    else {
        fprintf(stderr, "pdfgen: unknown kind '%s'\n", argv[1]);
        close_pdf(cr, surface);
        return 2;
    }
    return close_pdf(cr, surface);
}
