/* tmx_read.h - the TMX reader's state, shared by the structural part (tmx_read.c: tmx, header,
 * body, tu, tuv, note, prop, ude) and the segment part (tmx_read_inline.c: seg content). */
#ifndef DOCBRIDGE_TMX_READ_H
#define DOCBRIDGE_TMX_READ_H

#include "tmx.h"

/* Where the parser is in the TMX structure. */
typedef enum tmx_ctx {
    TMX_CTX_TOP = 0, TMX_CTX_TMX, TMX_CTX_HEADER, TMX_CTX_UDE, TMX_CTX_MAP, TMX_CTX_BODY,
    TMX_CTX_TU, TMX_CTX_TUV, TMX_CTX_SEG, TMX_CTX_NOTE, TMX_CTX_PROP, TMX_CTX_END
} tmx_ctx;

typedef struct tmx_reader {
    dbr_job *job;
    dbr_sink *sink;
    dbr_xml *x;
    int lenient;
    dbr_status sink_status;   /* first non-OK status of a sink call */
    tmx_ctx ctx;
    tmx_ctx owner;            /* for note/prop: the element that holds it */

    /* the document: lives from <tmx> to </tmx> */
    dbr_pool *doc_pool;
    dbr_doc doc;
    int seen_header, doc_begun;

    /* the current tu: everything in `pool`, reset after each unit (flat memory) */
    dbr_pool *pool;
    dbr_unit unit;
    dbr_variant *var;
    int in_tu, skip_tu, seg_seen;
    int tu_depth;
    long tu_line, tu_col;
    long long skipped;

    /* a pending note or prop, filled at its end tag */
    dbr_buf text;
    const char **pend_attrs;  /* pool copy of the element's attributes */

    /* seg content */
    dbr_rich *rich;
    size_t code_span;         /* index of the open code's span in rich */
    int code_depth;           /* 0 outside codes; nesting inside the outermost code */
    int code_has_sub;
    dbr_buf code_text;        /* character data of the open code (its native data) */
    dbr_buf code_xml;         /* its exact inner markup, kept once a <sub> appears */
    size_t *hi_open;          /* rich indexes of the open <hi> elements' MARK_OPEN spans */
    size_t nhi, cap_hi;
} tmx_reader;

/* A problem inside a tu: with --lenient the unit is skipped with a warning, otherwise the
 * parse stops with the error at the current location. */
void tmx_unit_error(tmx_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Pool copy of a NULL-terminated name/value array. NULL on OOM. */
const char **tmx_copy_attrs(dbr_pool *pool, const char **attrs);
void tmx_oom(tmx_reader *r);

/* tmx_read_meta.c */
void tmx_read_tmx_attrs(tmx_reader *r, const char **attrs);
void tmx_read_header_attrs(tmx_reader *r, const char **attrs);
void tmx_read_tu_attrs(tmx_reader *r, const char **attrs);
void tmx_read_tuv_start(tmx_reader *r, const char **attrs);
/* A note or prop starts: remembers its attributes; the text follows. */
void tmx_pending_start(tmx_reader *r, tmx_ctx kind, const char **attrs);
void tmx_note_end(tmx_reader *r);
void tmx_prop_end(tmx_reader *r);
/* <ude> (main attribute name) or <map> (unicode) as ordered header properties. */
void tmx_ude_or_map(tmx_reader *r, const char *elem, const char *main_attr, const char **attrs);

/* tmx_read_inline.c */
void tmx_seg_begin(tmx_reader *r);
void tmx_seg_end(tmx_reader *r);
void tmx_inline_start(tmx_reader *r, const char *name, const char **attrs);
void tmx_inline_end(tmx_reader *r, const char *name);
void tmx_inline_text(tmx_reader *r, const char *s, int len);

#endif
