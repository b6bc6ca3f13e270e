/* text_internal.h - the types shared by the text reader's stages.
 *
 * The reader is a chain of small streaming stages, each in its own file because each answers a
 * different question about PDF-extracted text:
 *
 *   text_plugin.c     descriptor, probe, the read loop (raw lines in, form feeds split out)
 *   text_classify.c   what shape is this one line (heading? list item? figure? toc entry?)
 *   text_web.c        is this line/paragraph web-page boilerplate (breadcrumbs, banners...)
 *   text_meta.c       date and author lines, ISO 8601 dates
 *   text_pages.c      the page window: running headers/footers and page numbers
 *   text_hyphen.c     end-of-line hyphenation: repair or keep, with document evidence
 *   text_lists.c      list nesting from indentation and marker shape
 *   text_assemble.c   lines into blocks: paragraphs, list items, tocs, headings; page rejoin
 *   text_lang.c       script of a block (Latin, Han, Kana, Hangul) to a language tag
 *   text_emit.c       blocks out: language, document metadata, begin_document look-ahead
 *
 * Memory is bounded everywhere: the page window holds at most two pages (each capped), the
 * assembler one open block (capped), the emitter a fixed number of look-ahead blocks, and the
 * hyphenation vocabulary a fixed-size hash table.
 */
#ifndef DOCBRIDGE_TEXT_INTERNAL_H
#define DOCBRIDGE_TEXT_INTERNAL_H

#include "docbridge/plugin.h"

#include <stddef.h>
#include <stdint.h>

/* ---- limits (why: memory must not grow with input size) ---- */
#define TX_PAGE_MAX_LINES 2048      /* a "page" longer than this is streamed in parts */
#define TX_PAGE_MAX_BYTES (1u << 20)
#define TX_BLOCK_MAX_BYTES (1u << 20) /* a longer paragraph is cut at a line boundary */
#define TX_LOOKAHEAD_BLOCKS 64      /* blocks held before begin_document to find metadata */
#define TX_LOOKAHEAD_BYTES (256u << 10) /* ... and at most this much of their text */
#define TX_DEFER_MAX 32             /* page-edge items held while deciding a rejoin */
#define TX_LIST_DEPTH 8
#define TX_VOCAB_SLOTS 16384        /* per generation; two generations */
#define TX_MAX_AUTHORS 32

/* ---- one classified line ---- */
typedef enum tx_kind {
    TX_BLANK = 0,
    TX_TEXT,        /* ordinary text: part of a paragraph */
    TX_PAGE_BREAK,  /* form feed or a line of --- */
    TX_MD_HEADING,  /* # .. ###### */
    TX_NUM_HEADING, /* 3.2 Methods (multi-level numbering, title-like) */
    TX_NUMBERED,    /* "1. Something": heading or list item, decided in context */
    TX_BOLD,        /* **Title** alone on its line */
    TX_STRONG,      /* short ALL-CAPS / Title Case / CJK line: heading when it stands alone */
    TX_LIST,        /* bullet or enumerated list item */
    TX_FIGURE,      /* image / signature description, figure caption */
    TX_TOC_TITLE,   /* "Contents", "Table of Contents", "目录" */
    TX_TOC_ENTRY,   /* a title followed by a leader and a page number */
    TX_META,        /* a date line or an author line */
    TX_BOILER,      /* boilerplate: web furniture, or (set by the page window) page furniture */
    TX_TABLE,       /* | cell | cell |  (markdown / vision-extractor tables) */
    TX_TABLE_SEP,   /* |---|:---:|      the header separator of such a table */
    TX_QUOTE        /* > quoted text */
} tx_kind;

typedef struct tx_line {
    char *text;         /* the line without surrounding white space; owned by whoever holds it */
    size_t len;
    size_t body;        /* offset and length of the content after markers ('#', '**', '•') */
    size_t body_len;
    size_t marker;      /* offset and length of a list marker, or a heading's numbering */
    size_t marker_len;
    int indent;         /* leading columns (a tab counts 4) */
    long lineno;
    long page;
    tx_kind kind;
    int level;          /* heading level from '#' or from the numbering */
    int shape;          /* list marker shape (text_lists.c) */
    const char *boiler; /* boilerplate type (static string) when kind == TX_BOILER */
    const char *meta;   /* "date" or "authors" when kind == TX_META */
    const char *figure; /* "markdown-image", "bracket", "caption" when kind == TX_FIGURE */
} tx_line;

/* text_classify.c: fills kind, level, body, marker, shape... from text/indent. */
void text_classify_line(tx_line *l);
/* Helpers other stages share. */
int text_is_title_like(const char *s, size_t len);   /* short, no sentence punctuation */
int text_is_all_caps(const char *s, size_t len);
int text_is_title_case(const char *s, size_t len);
int text_is_cjk_line(const char *s, size_t len);
int text_ends_sentence(const char *s, size_t len);   /* . ! ? 。 ！ ？ ... at the end */
int text_is_page_number(const char *s, size_t len);

/* text_web.c: web boilerplate. Returns a type ("breadcrumb", "download", "file-table",
 * "cookie-notice", "reuse-notice", "navigation", "copyright") or NULL. */
const char *text_web_line(const char *s, size_t len);
const char *text_web_paragraph(const char *s, size_t len);

/* text_meta.c: date and author lines. */
int text_parse_date(const char *s, size_t len, char iso[11]);  /* 1 when the line is a date */
int text_date_line(const char *s, size_t len, char iso[11]);   /* with "Published" etc. */
/* Splits an author line into names; calls add(ud, name, len) for each. 1 when it is one. */
int text_author_line(const char *s, size_t len,
                     void (*add)(void *ud, const char *name, size_t n), void *ud);

/* text_lang.c: language tag of a text by script, or NULL when it has no letters. latin is the
 * tag for Latin script. counts[] gets letters per script when not NULL (TX_SCRIPT_*). */
enum { TX_SCRIPT_LATIN, TX_SCRIPT_HAN, TX_SCRIPT_KANA, TX_SCRIPT_HANGUL, TX_SCRIPT_COUNT };
const char *text_lang_of(const char *s, size_t len, const char *latin,
                         size_t counts[TX_SCRIPT_COUNT]);
const char *text_lang_of_script(int script, const char *latin);

/* UTF-8 helpers (text_lang.c). */
uint32_t text_utf8_next(const char **p, const char *end);   /* U+FFFD on a bad sequence */
uint32_t text_utf8_last(const char *s, size_t len);         /* last code point, 0 if empty */
int text_is_cjk(uint32_t c);                                /* Han, Kana, Hangul, CJK punct */

/* text_hyphen.c: a bounded vocabulary of recent words and the repair decision. */
typedef struct tx_vocab {
    uint64_t *gen[2];   /* two open-addressing hash sets; the older is dropped when full */
    size_t used[2];
    int cur;
} tx_vocab;
int text_vocab_init(tx_vocab *v);
void text_vocab_free(tx_vocab *v);
void text_vocab_add_text(tx_vocab *v, const char *s, size_t len);
int text_vocab_has(const tx_vocab *v, const char *w, size_t len);
/* prev: the paragraph so far ending in '-'; next: the continuation line. 1 = remove the hyphen
 * (soft hyphenation), 0 = keep it (a real hyphen). */
int text_hyphen_repair(const tx_vocab *v, const char *prev, size_t plen, const char *next,
                       size_t nlen);

/* text_lists.c: nesting from indentation. */
typedef struct tx_lists {
    int indent[TX_LIST_DEPTH];
    int shape[TX_LIST_DEPTH];
    int depth;
} tx_lists;
void text_lists_reset(tx_lists *ls);
int text_lists_level(tx_lists *ls, int indent, int shape); /* 1-based level */
int text_marker_shape(const char *m, size_t len);
int text_shape_is_numeric(int shape);

/* ---- the reader's state (text_plugin.c owns it; every stage gets a pointer) ---- */
typedef struct tx_reader tx_reader;

/* text_emit.c */
typedef struct tx_emit {
    dbr_sink *sink;
    dbr_job *job;
    const char *latin;      /* tag for Latin script */
    dbr_pool *block_pool;   /* the block being built; reset after it is sent */
    dbr_pool *queue_pool;   /* look-ahead blocks before begin_document */
    dbr_block **queue;
    size_t nqueue;
    size_t queue_bytes;
    int begun;
    dbr_pool *meta_pool;    /* title, date, authors: small and bounded */
    dbr_doc doc;
    size_t letters[TX_SCRIPT_COUNT];
    int title_taken;        /* a title or first heading was seen */
    int content_seen;       /* a block other than meta/boilerplate/page break/figure */
    long nblocks;
} tx_emit;

dbr_status text_emit_init(tx_emit *e, dbr_job *job, dbr_sink *sink, const char *latin);
void text_emit_free(tx_emit *e);
/* A new block in the block pool, zeroed. */
dbr_block *text_emit_new(tx_emit *e, dbr_block_kind kind, int level, long page, long line);
int text_emit_set_text(tx_emit *e, dbr_block *b, const char *s, size_t len);
int text_emit_prop(tx_emit *e, dbr_block *b, const char *key, const char *value);
/* Splits a "| a | b |" row into the block's cells (copied into the block pool). */
int text_emit_cells(tx_emit *e, dbr_block *b, const char *row, size_t len);
/* Takes the block: language, metadata, then queue or send. */
dbr_status text_emit_push(tx_emit *e, dbr_block *b);
/* At the end: begin_document if still pending, the queue, end_document. */
dbr_status text_emit_finish(tx_emit *e);
/* Whether a strong line would be the document's title (nothing but furniture before it). */
int text_emit_wants_title(const tx_emit *e);

/* text_assemble.c */
typedef struct tx_assembler {
    tx_emit *emit;
    tx_vocab *vocab;
    tx_lists lists;
    /* the one line of look-ahead: a strong line is a heading only when it stands alone */
    tx_line held;
    dbr_buf held_text;
    int has_held;
    int prev_blank;         /* the line before `held` was blank (or a page start) */
    /* the open block */
    int open;               /* 0 none, else a dbr_block_kind + 1 */
    int open_level;
    long open_page, open_line;
    int open_indent;        /* list item: indent of its marker */
    dbr_buf open_text;
    dbr_buf open_marker;
    int toc_entries;
    size_t last_len;        /* paragraph: length of its last line, and of its longest */
    size_t max_len;
    int blank_seen;         /* a blank line since the open block's last line */
    const char *open_boiler; /* web boilerplate group type */
    /* page-edge items held while a block might continue on the next page */
    void *deferred[TX_DEFER_MAX];   /* deferred_item, see text_assemble.c */
    size_t ndeferred;
    int deferred_break;
    int rejoined;           /* the open block already continued after the held items */
    dbr_pool *defer_pool;
    int last_list_numeric;  /* the last closed/open list item had a numeric marker */
    int after_list;         /* the previous block was a list item */
    int after_table;        /* the previous block was a table row */
} tx_assembler;

int text_assemble_init(tx_assembler *a, tx_emit *e, tx_vocab *v);
void text_assemble_free(tx_assembler *a);
dbr_status text_assemble_line(tx_assembler *a, const tx_line *l);
dbr_status text_assemble_finish(tx_assembler *a);

/* text_pages.c */
typedef struct tx_page {
    dbr_pool *pool;
    tx_line *lines;
    size_t n, cap;
    size_t bytes;
    long number;
    int head_done;          /* head already judged (the page was streamed in parts) */
    char keys[2][2][96];    /* [head/tail][0..1] normalised edge lines, "" when none */
} tx_page;

typedef struct tx_pages {
    tx_page page[2];
    int cur;                /* index of the page being collected */
    int has_pending;        /* page[!cur] waits for its successor */
    char prev_keys[2][2][96]; /* edge keys of the last page sent */
    int have_prev;
    char learned[16][96];   /* keys confirmed as running headers/footers */
    int nlearned;
    long page_no;
    tx_assembler *out;
} tx_pages;

int text_pages_init(tx_pages *p, tx_assembler *out);
void text_pages_free(tx_pages *p);
/* Copies the line in. */
dbr_status text_pages_line(tx_pages *p, const tx_line *l);
/* A page break: the break line starts the next page. */
dbr_status text_pages_break(tx_pages *p, const tx_line *l);
dbr_status text_pages_finish(tx_pages *p);

#endif
