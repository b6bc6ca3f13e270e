/* md_internal.h - shared state of the markdown writer's files.
 *
 *   md_plugin.c   descriptor and the sink callbacks (documents, metadata comments)
 *   md_escape.c   CommonMark escaping and inline codes in a readable form
 *   md_blocks.c   one block to markdown (headings, lists with nesting, tables, figures...)
 *   md_units.c    translation units as a table with one column per language
 */
#ifndef DOCBRIDGE_MD_INTERNAL_H
#define DOCBRIDGE_MD_INTERNAL_H

#include "docbridge/plugin.h"

#define MD_LIST_DEPTH 16
#define MD_MAX_COLS 16

typedef struct md_state {
    dbr_job *job;
    dbr_output *out;
    dbr_buf scratch;        /* one rendered block */
    dbr_buf tmp;
    int ndocs;
    int any;                /* something written in this document (blank line before next) */
    int last_kind;          /* kind of the last block, -1 none; -2 a unit table row */
    int list_width[MD_LIST_DEPTH + 1]; /* content indent added by the item at each level */
    int list_depth;
    int table_cols;         /* open block table: columns of its header, 0 none */
    char *unit_langs[MD_MAX_COLS]; /* open unit table: its language columns */
    int unit_cols;
    dbr_pool *pool;         /* the begin_document metadata, to compare at end_document */
    dbr_pool *bpool;        /* scratch for one block; reset before each */
    const dbr_doc *begin_doc;
} md_state;

/* md_escape.c */
/* Appends text escaped for CommonMark inline content; line_start: escape block markers too. */
int md_escape(dbr_buf *b, const char *s, size_t len, int line_start);
/* Appends rich text: text escaped, codes as `native` or `{id}` / `{/id}` / `{id/}`. Newlines
 * become nl (" " in a heading, "<br>" in a table cell, "\n" in a paragraph). line_start: the
 * text opens a line, so block markers at its start are escaped (not after "# "). */
int md_rich(dbr_buf *b, dbr_buf *tmp, const dbr_rich *r, const char *nl, int line_start);
/* Appends s with "--" broken up so it can sit in an HTML comment. */
int md_comment_text(dbr_buf *b, const char *s);
/* Appends a code span holding s, with a fence longer than any backtick run inside. */
int md_code_span(dbr_buf *b, const char *s);

/* md_blocks.c */
dbr_status md_block(md_state *m, const dbr_block *b);

/* md_units.c */
dbr_status md_unit(md_state *m, const dbr_unit *u);
void md_units_reset(md_state *m);

/* md_plugin.c */
dbr_status md_write(md_state *m, const dbr_buf *b);
dbr_status md_oom(md_state *m);

#endif
