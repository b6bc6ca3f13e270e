/* tmx_read.h - the TMX reader's state, shared by the structural part (tmx_read.c: tmx, header,
 * body, tu, tuv, note, prop, ude) and the segment part (tmx_read_inline.c: seg content). */
#ifndef DOCBRIDGE_TMX_READ_H
#define DOCBRIDGE_TMX_READ_H

#include "tmx.h"

#include <stdint.h>
#include <string.h>

/* Where the parser is in the TMX structure. */
typedef enum tmx_ctx {
    TMX_CTX_TOP = 0, TMX_CTX_TMX, TMX_CTX_HEADER, TMX_CTX_UDE, TMX_CTX_MAP, TMX_CTX_BODY,
    TMX_CTX_TU, TMX_CTX_TUV, TMX_CTX_SEG, TMX_CTX_NOTE, TMX_CTX_PROP, TMX_CTX_END
} tmx_ctx;

/* The element names the reader knows, told apart once per element (tmx_elem_of) instead of by
 * a strcmp chain in every handler. */
typedef enum tmx_elem {
    TMX_E_OTHER = 0, TMX_E_TMX, TMX_E_HEADER, TMX_E_BODY, TMX_E_UDE, TMX_E_MAP, TMX_E_TU,
    TMX_E_TUV, TMX_E_SEG, TMX_E_NOTE, TMX_E_PROP, TMX_E_BPT, TMX_E_EPT, TMX_E_IT, TMX_E_PH,
    TMX_E_UT, TMX_E_HI, TMX_E_SUB
} tmx_elem;

/* 1 when s equals lit (a literal): byte by byte, stopping at the first difference (never
 * reading past s's NUL), which the compiler unrolls for a literal. */
static inline int tmx_is(const char *s, const char *lit)
{
    for (; *lit; s++, lit++)
        if (*s != *lit)
            return 0;
    return *s == '\0';
}
#define TMX_IS(s, lit) tmx_is((s), lit)

/* Up to 7 bytes of a name packed into a word (first byte lowest), the rest zero: a switch on
 * it tells the element names apart in a few compares. */
#define TMX_W(a, b, c, d, e, f) \
    ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16 | (uint64_t)(d) << 24 | \
     (uint64_t)(e) << 32 | (uint64_t)(f) << 40)

static inline tmx_elem tmx_elem_of(const char *n)
{
    uint64_t w = 0;
    for (int i = 0; n[i]; i++) {
        if (i == 7)
            return TMX_E_OTHER; /* longer than any TMX element */
        w |= (uint64_t)(unsigned char)n[i] << (8 * i);
    }
    switch (w) {
    case TMX_W('t', 'u', 0, 0, 0, 0): return TMX_E_TU;
    case TMX_W('t', 'u', 'v', 0, 0, 0): return TMX_E_TUV;
    case TMX_W('s', 'e', 'g', 0, 0, 0): return TMX_E_SEG;
    case TMX_W('p', 'h', 0, 0, 0, 0): return TMX_E_PH;
    case TMX_W('b', 'p', 't', 0, 0, 0): return TMX_E_BPT;
    case TMX_W('e', 'p', 't', 0, 0, 0): return TMX_E_EPT;
    case TMX_W('i', 't', 0, 0, 0, 0): return TMX_E_IT;
    case TMX_W('u', 't', 0, 0, 0, 0): return TMX_E_UT;
    case TMX_W('h', 'i', 0, 0, 0, 0): return TMX_E_HI;
    case TMX_W('s', 'u', 'b', 0, 0, 0): return TMX_E_SUB;
    case TMX_W('n', 'o', 't', 'e', 0, 0): return TMX_E_NOTE;
    case TMX_W('p', 'r', 'o', 'p', 0, 0): return TMX_E_PROP;
    case TMX_W('t', 'm', 'x', 0, 0, 0): return TMX_E_TMX;
    case TMX_W('h', 'e', 'a', 'd', 'e', 'r'): return TMX_E_HEADER;
    case TMX_W('b', 'o', 'd', 'y', 0, 0): return TMX_E_BODY;
    case TMX_W('u', 'd', 'e', 0, 0, 0): return TMX_E_UDE;
    case TMX_W('m', 'a', 'p', 0, 0, 0): return TMX_E_MAP;
    default: return TMX_E_OTHER;
    }
}

/* The codes: bpt, ept, it, ph, ut. */
static inline int tmx_elem_is_code(tmx_elem e) { return e >= TMX_E_BPT && e <= TMX_E_UT; }

/* dbr_buf_append for the text handlers, which run for every piece of character data: the usual
 * case (it fits) needs no call. Same result (NUL-terminated) as dbr_buf_append. */
static inline int tmx_buf_add(dbr_buf *b, const char *s, size_t n)
{
    if (n >= b->cap - b->len)
        return dbr_buf_append(b, s, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* dbr_buf_clear without the call (run for every segment and code). */
static inline void tmx_buf_reset(dbr_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* 1 when s starts with lit: stops at the first difference, usually the first bytes. */
static inline int tmx_prefixed(const char *s, const char *lit)
{
    for (; *lit; s++, lit++)
        if (*s != *lit)
            return 0;
    return 1;
}

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
void tmx_inline_start(tmx_reader *r, tmx_elem e, const char *name, const char **attrs);
void tmx_inline_end(tmx_reader *r, tmx_elem e, const char *name);
void tmx_inline_text(tmx_reader *r, const char *s, int len);

#endif
