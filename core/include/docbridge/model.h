/* model.h - the unified document model every reader produces and every writer consumes.
 *
 * A dataset is a stream of documents; a document is metadata plus a stream of blocks
 * (monolingual structure) and/or translation units (aligned text). Text is "rich": UTF-8 runs
 * with inline codes between them, so TMX, XLIFF 1.2 and XLIFF 2 markup survive a round trip.
 *
 * Ownership: these structs are plain views. The producer of an event (a reader, a transform)
 * owns every pointer in it, usually in a dbr_pool it resets after the event; a consumer that
 * keeps anything past the callback copies it (dbr_unit_clone / dbr_block_clone).
 * All strings are UTF-8, NUL-terminated; NULL means "absent" (different from "").
 */
#ifndef DOCBRIDGE_MODEL_H
#define DOCBRIDGE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "docbridge/alloc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- properties: an ordered multimap of strings ----
 * Whatever a format carries that the model does not name goes here, so it can come back out.
 * Convention for keys (see formats/README.md): a format's own attribute is "fmt:attr"
 * ("tmx:changedate", "xliff:resname"); a format's free-form property element keeps its own type
 * as the key ("x-domain"). Order is kept; a key may repeat. */
typedef struct dbr_prop {
    const char *key;
    const char *value;
} dbr_prop;

typedef struct dbr_props {
    dbr_prop *items;
    size_t count;
    size_t cap;
} dbr_props;

/* Appends (strings are copied into the pool). 0 ok, -1 out of memory. */
int dbr_props_add(dbr_pool *pool, dbr_props *props, const char *key, const char *value);
/* First value for key, or NULL. */
const char *dbr_props_get(const dbr_props *props, const char *key);

/* ---- rich text ----
 * A sequence of spans. TEXT spans hold text; the others are inline codes or annotations that
 * sit between text runs. Paired codes share an id (OPEN ... CLOSE). */
typedef enum dbr_span_kind {
    DBR_SPAN_TEXT = 0,
    DBR_SPAN_OPEN,       /* opening code: TMX bpt, XLIFF1 bx / g-start, XLIFF2 sc / pc-start */
    DBR_SPAN_CLOSE,      /* closing code: TMX ept, XLIFF1 ex / g-end, XLIFF2 ec / pc-end */
    DBR_SPAN_PLACEHOLDER,/* standalone code: TMX ph/ut, XLIFF1 x/ph, XLIFF2 ph */
    DBR_SPAN_MARK_OPEN,  /* annotation start, not a code: TMX hi, XLIFF mrk, XLIFF2 mrk/sm */
    DBR_SPAN_MARK_CLOSE  /* annotation end: XLIFF2 em, end of hi / mrk */
} dbr_span_kind;

/* Span flags. */
#define DBR_SPAN_ISOLATED 0x1u  /* OPEN/CLOSE whose partner is outside this segment (TMX it) */
#define DBR_SPAN_WELLFORMED 0x2u /* pair was one element in the source (g, pc, hi, mrk) */

typedef struct dbr_span {
    dbr_span_kind kind;
    unsigned flags;
    const char *text;   /* TEXT: the text. Codes: the original native data ("<b>"), or NULL */
    const char *id;     /* code id; OPEN and CLOSE of one pair share it. NULL for TEXT */
    const char *type;   /* semantic type ("fmt", "link", "x-bold"), or NULL */
    const char *origin; /* element it came from ("bpt", "g", "pc", "sc"...), for same-format
                           round trips; NULL when made by docbridge */
    dbr_props attrs;    /* every other attribute of the code, "name" -> value */
} dbr_span;

typedef struct dbr_rich {
    dbr_span *spans;
    size_t count;
    size_t cap;
} dbr_rich;

/* Appends spans (strings copied into pool). Adjacent TEXT spans are merged. 0 ok, -1 OOM. */
int dbr_rich_add_text(dbr_pool *pool, dbr_rich *r, const char *text, size_t len);
/* Appends a code or mark span; returns it so the caller can add attrs, or NULL on OOM. */
dbr_span *dbr_rich_add_code(dbr_pool *pool, dbr_rich *r, dbr_span_kind kind, const char *id,
                            const char *data);
/* Sets r to one TEXT span. */
int dbr_rich_set_plain(dbr_pool *pool, dbr_rich *r, const char *text);
/* Appends the text of all TEXT spans (codes left out) to out. 0 ok, -1 OOM. */
int dbr_rich_plain(const dbr_rich *r, dbr_buf *out);
/* 1 when r has no code spans. */
int dbr_rich_is_plain(const dbr_rich *r);
/* Plain text as a pool string (codes left out). */
const char *dbr_rich_plain_dup(dbr_pool *pool, const dbr_rich *r);

/* ---- notes ---- */
typedef struct dbr_note {
    const char *text;
    const char *lang;  /* NULL = unspecified */
    dbr_props props;   /* from, priority, annotates, category... */
} dbr_note;

typedef struct dbr_notes {
    dbr_note *items;
    size_t count;
    size_t cap;
} dbr_notes;

dbr_note *dbr_notes_add(dbr_pool *pool, dbr_notes *notes, const char *text, const char *lang);

/* ---- blocks: monolingual structure ---- */
typedef enum dbr_block_kind {
    DBR_BLOCK_PARAGRAPH = 0,
    DBR_BLOCK_HEADING,     /* level 1..6 */
    DBR_BLOCK_LIST_ITEM,   /* level 1.. = nesting depth; props "marker" = "•", "1.", "(a)" */
    DBR_BLOCK_QUOTE,
    DBR_BLOCK_TABLE_ROW,   /* cells in `cells` */
    DBR_BLOCK_FIGURE,      /* caption or description of an image */
    DBR_BLOCK_PAGE_BREAK,  /* text empty; page = number of the page that starts */
    DBR_BLOCK_BOILERPLATE, /* navigation, running header/footer, banners: marked, never dropped */
    DBR_BLOCK_CODE,
    DBR_BLOCK_TOC,         /* a table of contents, one block; entries are lines of the text */
    DBR_BLOCK_TITLE,       /* the document title when it stands apart from headings */
    DBR_BLOCK_META,        /* a metadata line kept as text (date line, author line) */
    DBR_BLOCK_KIND_COUNT
} dbr_block_kind;

/* "paragraph", "heading", ... and back (-1 when unknown). */
const char *dbr_block_kind_name(dbr_block_kind kind);
int dbr_block_kind_from_name(const char *name);

typedef struct dbr_block {
    dbr_block_kind kind;
    int level;           /* heading level or list depth; 0 when not applicable */
    const char *id;      /* stable id within the document, or NULL */
    const char *lang;    /* BCP 47, or NULL = the document's */
    dbr_rich text;
    const char **cells;  /* TABLE_ROW only: cell texts */
    size_t ncells;
    long page;           /* 1-based source page, 0 = unknown */
    long line;           /* 1-based first source line, 0 = unknown */
    dbr_props props;
} dbr_block;

/* ---- translation units ---- */
typedef struct dbr_variant {
    const char *lang;    /* BCP 47 ("en-GB", "zh-CN") */
    dbr_rich text;       /* the segment (PO: msgid / msgstr[0]) */
    dbr_rich *plurals;   /* further plural forms (PO msgid_plural / msgstr[1..]); may be NULL */
    size_t nplurals;
    const char *state;   /* translation state ("translated", "final", "needs-review"...), NULL */
    dbr_notes notes;
    dbr_props props;
} dbr_variant;

typedef struct dbr_unit {
    const char *id;      /* format's id (tuid, trans-unit id, msgctxt+msgid hash...) or NULL */
    dbr_variant *variants; /* the first is the source when the format has one */
    size_t nvariants;
    size_t cap_variants;
    dbr_notes notes;
    dbr_props props;
    double score;        /* alignment or match score */
    int has_score;
    const char *bead;    /* alignment bead type ("1-1", "2-1"), or NULL */
    const char *origin;  /* how the unit was made ("aligner:length", "tm"), or NULL */
} dbr_unit;

/* Appends an empty variant; NULL on OOM. */
dbr_variant *dbr_unit_add_variant(dbr_pool *pool, dbr_unit *u, const char *lang);
/* Finds a variant by exact language tag, NULL when absent. */
const dbr_variant *dbr_unit_variant(const dbr_unit *u, const char *lang);

/* ---- documents ---- */
typedef struct dbr_provenance {
    const char *source_path;  /* as given on the command line */
    const char *member;       /* archive member, or NULL */
    const char *format;       /* reader plugin name */
    const char *encoding;     /* original encoding ("UTF-8", "GB18030") */
    double encoding_confidence; /* 0..1; 1 when declared or certain */
    long long byte_size;      /* -1 until known */
    const char *sha256;       /* hex of the input bytes; NULL until the input is read */
    long long invalid_bytes;  /* bytes replaced with U+FFFD */
    long long removed_controls; /* NUL/C0/C1 removed */
    const char *converter;    /* "docbridge 0.1.0" */
    const char *created;      /* ISO 8601, only with --provenance-time */
} dbr_provenance;

typedef struct dbr_doc {
    const char *id;           /* deterministic: same input, same id */
    const char *title;
    const char *lang;         /* main (or source) language */
    const char **langs;       /* every language present, NULL-free array */
    size_t nlangs;
    const char **authors;
    size_t nauthors;
    const char *date;         /* ISO 8601 */
    const char *publisher;
    const char *url;
    const char *description;
    dbr_provenance prov;
    dbr_notes notes;
    dbr_props props;
} dbr_doc;

/* Sets prov fields to "unknown" (-1 sizes). */
void dbr_doc_init(dbr_doc *d);
int dbr_doc_add_lang(dbr_pool *pool, dbr_doc *d, const char *lang); /* skips duplicates */
int dbr_doc_add_author(dbr_pool *pool, dbr_doc *d, const char *author);

/* ---- deep copies, for consumers that keep events (alignment, tests) ---- */
int dbr_rich_clone(dbr_pool *pool, dbr_rich *dst, const dbr_rich *src);
int dbr_props_clone(dbr_pool *pool, dbr_props *dst, const dbr_props *src);
int dbr_notes_clone(dbr_pool *pool, dbr_notes *dst, const dbr_notes *src);
dbr_block *dbr_block_clone(dbr_pool *pool, const dbr_block *src);
dbr_unit *dbr_unit_clone(dbr_pool *pool, const dbr_unit *src);
dbr_doc *dbr_doc_clone(dbr_pool *pool, const dbr_doc *src);

#ifdef __cplusplus
}
#endif
#endif
