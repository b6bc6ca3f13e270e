/* html.h - the html reader's insides, shared by its files (not a public header).
 *
 * The reader feeds libxml2's HTML push parser chunk by chunk and turns its SAX events into
 * blocks as soon as each block ends, so memory stays bounded by the largest single block and
 * the element nesting depth, not by the page size.
 */
#ifndef DOCBRIDGE_HTML_H
#define DOCBRIDGE_HTML_H

#include "docbridge/plugin.h"

#include <stddef.h>

/* What an element means for block building. */
typedef enum html_role {
    HTML_ROLE_INLINE = 0, /* text continues through it: a, b, span, em, code... */
    HTML_ROLE_CONTAINER,  /* a block boundary without a kind of its own: div, section... */
    HTML_ROLE_LIST,       /* ul, ol, menu: raises list depth */
    HTML_ROLE_ITEM,       /* li */
    HTML_ROLE_HEADING,    /* h1..h6 */
    HTML_ROLE_PARAGRAPH,  /* p, dt, dd, address, summary, legend */
    HTML_ROLE_QUOTE,      /* blockquote */
    HTML_ROLE_PRE,        /* pre */
    HTML_ROLE_TABLE,
    HTML_ROLE_ROW,        /* tr */
    HTML_ROLE_CELL,       /* td, th */
    HTML_ROLE_CAPTION,    /* table caption */
    HTML_ROLE_FIGURE,
    HTML_ROLE_FIGCAPTION,
    HTML_ROLE_BREAK,      /* br */
    HTML_ROLE_IMAGE,      /* img */
    HTML_ROLE_SKIP,       /* script, style, template: not text */
    HTML_ROLE_HEAD,       /* head: metadata only */
    HTML_ROLE_TITLE,
    HTML_ROLE_BODY
} html_role;

#define HTML_LANG_MAX 36
#define HTML_STACK_MAX 256
#define HTML_META_MAX 4096  /* longest metadata value kept (bounded memory) */
#define HTML_PROPS_MAX 64   /* most document properties kept from meta tags */
#define HTML_BLOCK_MAX (1 << 20) /* a longer block goes out in parts (bounded memory) */
#define HTML_LANGS_MAX 32   /* most distinct languages listed on the document */
#define HTML_WARN_MAX 20    /* parser warnings reported one by one; then counted */

typedef struct html_elem {
    html_role role;
    int level;               /* heading level; list depth for LIST and ITEM */
    const char *boiler;      /* boilerplate kind this element starts ("navigation"...), or NULL */
    int breadcrumb;          /* this element is a breadcrumb trail */
    int sectioning;          /* article, main, section: header/footer inside are not banners */
    int ordered;             /* ol */
    char list_type;          /* ol type: '1', 'a', 'A', 'i', 'I'; ul: 0 */
    long counter;            /* next number of an ol */
    int item_blocks;         /* blocks emitted so far inside this li (marker on the first) */
    char marker[24];         /* li: its marker */
    char lang[HTML_LANG_MAX];/* effective language ("" = none known) */
} html_elem;

/* The block being collected: its kind is settled when its first character arrives. */
typedef struct html_pending {
    int active;              /* a context has been captured */
    dbr_block_kind kind;
    int level;
    const char *marker;      /* list marker, or NULL */
    const char *boiler;
    const char *caption;     /* "table" for a table caption */
    int continued;           /* a later part of a block split at HTML_BLOCK_MAX */
    char lang[HTML_LANG_MAX];
    long line;
} html_pending;

typedef struct html_reader {
    dbr_job *job;
    dbr_sink *sink;
    void *parser;            /* htmlParserCtxtPtr */
    dbr_status status;       /* first failure from the sink; stops the parse */

    html_elem stack[HTML_STACK_MAX];
    size_t depth;            /* entries used in stack */
    size_t overflow;         /* elements deeper than HTML_STACK_MAX (tracked, not stored) */
    int skip_depth;          /* > 0 inside script/style/template */
    int in_title;
    int in_body;
    int table_depth;
    int cell_open;
    int breadcrumb_depth;    /* > 0 inside a breadcrumb: one block, items joined by " > " */
    int figure_depth;

    /* text of the current block, whitespace collapsed */
    dbr_buf text;
    int pending_space;       /* whitespace seen since the last character */
    int pending_newline;     /* the whitespace held a line break (CJK joining) */
    unsigned last_cp;        /* last code point appended */
    html_pending cur;

    /* table row being collected */
    dbr_buf cell;
    dbr_pool *row_pool;
    const char **cells;
    size_t ncells, cap_cells;
    int row_all_th, cell_is_th;
    long row_line;

    /* figure being collected */
    dbr_buf fig_caption;
    dbr_buf fig_alt;
    dbr_buf fig_src;
    /* images met inside running text, emitted after the block they sit in */
    dbr_buf img_queue;       /* alt texts separated by NUL */
    size_t img_count;

    /* document */
    dbr_pool *doc_pool;      /* lives for the document: metadata */
    dbr_pool *block_pool;    /* reset after every block */
    dbr_doc doc;
    int doc_begun;
    dbr_buf title;
    char doc_lang[HTML_LANG_MAX];
    size_t nprops;
    long warnings;
    int split_warned;        /* the block-split warning was given */
    int title_cut;           /* the <title> was longer than HTML_META_MAX */
} html_reader;

/* html_elements.c: role and attributes of an element. */
html_role html_role_of(const char *name, int *level);
const char *html_boiler_kind(const char *name, const char *const *atts, int in_sectioning);
int html_is_breadcrumb(const char *const *atts);
const char *html_attr(const char *const *atts, const char *name);
void html_list_marker(const html_elem *list, long n, char *out, size_t cap);

/* html_text.c: whitespace-collapsed text accumulation. */
int html_text_append(html_reader *r, dbr_buf *dst, const char *s, size_t len, int pre);
void html_text_reset(html_reader *r);

/* html_meta.c: <title> and <meta> into the document. */
void html_meta_element(html_reader *r, const char *const *atts);
void html_meta_link(html_reader *r, const char *const *atts);
int html_normalise_date(const char *in, char *out, size_t cap);

/* html_blocks.c: emitting blocks. */
dbr_status html_begin_document(html_reader *r);
dbr_status html_flush(html_reader *r);
dbr_status html_split_block(html_reader *r);
dbr_status html_flush_images(html_reader *r);
void html_capture_context(html_reader *r);
dbr_status html_emit_row(html_reader *r);
dbr_status html_emit_figure(html_reader *r);

/* html_sax.c: the SAX callbacks and the parse loop. */
dbr_status html_parse(html_reader *r, dbr_input *in);
long html_line(const html_reader *r);

#endif
