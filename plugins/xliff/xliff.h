/* xliff.h - what the files of the xliff plugin share: namespaces, property keys, the reader
 * and writer states, and the small helpers (raw XML fragments, code and state mapping).
 *
 * One plugin reads and writes XLIFF 1.2 and XLIFF 2.0/2.1; formats/xliff.md documents the
 * mapping of every element and attribute to the model and back.
 */
#ifndef DOCBRIDGE_XLIFF_H
#define DOCBRIDGE_XLIFF_H

#include "docbridge/xml.h"

#include <stddef.h>

#define XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XLIFF11_NS "urn:oasis:names:tc:xliff:document:1.1"
#define XLIFF2_NS "urn:oasis:names:tc:xliff:document:2.0"
#define XLIFF_MDA_NS "urn:oasis:names:tc:xliff:metadata:2.0"

/* Property keys that are not attributes of an element (see formats/xliff.md). */
#define XLIFF_P_VERSION "xliff:version"     /* doc: "1.2", "2.0", "2.1" */
#define XLIFF_P_GROUP "xliff:group"         /* unit: one per enclosing group, outermost first */
#define XLIFF_P_XML "xliff:xml"             /* unmodelled core element, as XML */
#define XLIFF_P_EXT "xliff:ext"             /* extension or module element, as XML */
#define XLIFF_P_ROLE "xliff:role"           /* variant: "seg-source", "alt-source", "alt-target" */
#define XLIFF_P_ALT "xliff:alt-trans"       /* variant: ordinal of its alt-trans in the unit */
#define XLIFF_P_ALT_ATTR "xliff:alt-trans:" /* variant: prefix for the alt-trans attributes */
#define XLIFF_P_SEG "xliff:segment:"        /* unit: prefix for the single segment's attributes */
#define XLIFF_P_INNER "xliff:inner"         /* code attr: inner XML of a 1.2 code holding <sub> */
#define XLIFF_META_CATEGORY "docbridge"     /* 1.2 prop-group name / 2.x metaGroup category */

/* ---------------- raw XML fragments ----------------
 * Elements the model does not name are serialised to a self-contained XML string (namespaces
 * declared on the fragment) and kept in a property, so a writer can put them back. */
typedef struct xliff_raw {
    dbr_buf out;
    int depth;           /* 0 = not capturing */
    int omit_root_ns;    /* the root's namespace is the writer's default: no xmlns on it */
    int just_started;    /* last thing written is a start tag (for <a/>) */
    const char *ns[64];  /* default namespace at each depth (pointers into nsbuf) */
    dbr_buf nsbuf;
} xliff_raw;

void xliff_raw_begin(xliff_raw *r, int omit_root_ns);
int xliff_raw_start(xliff_raw *r, const char *name, const char **attrs);
int xliff_raw_end(xliff_raw *r, const char *name); /* 1 when the fragment's root closed */
int xliff_raw_text(xliff_raw *r, const char *s, size_t len);
void xliff_raw_free(xliff_raw *r);
/* Escapes text (or an attribute value when attr is 1) into b; characters XML cannot carry
 * become U+FFFD, counted in *replaced (may be NULL). */
int xliff_escape(dbr_buf *b, const char *s, size_t len, int attr, long *replaced);

/* A unit id 2.x had to change into an NMTOKEN: the original, in the unit's metadata. */
#define XLIFF_P_ORIGINAL_ID "docbridge:id"

/* ---------------- reader ---------------- */

typedef struct xliff_reader xliff_reader;

/* What the text handler does with character data. */
typedef enum xliff_text_mode { XLIFF_TEXT_SKIP = 0, XLIFF_TEXT_RICH, XLIFF_TEXT_BUF } xliff_text_mode;

typedef struct xliff_group {
    long ordinal;
    size_t desc_off;  /* into reader->groups: "N <group ...>children" */
} xliff_group;

typedef struct xliff_code_line {
    size_t span;      /* index in the target's rich text */
    long line, col;
} xliff_code_line;

struct xliff_reader {
    dbr_job *job;
    dbr_xml *x;
    dbr_sink *sink;
    int ver;                 /* 0 before the root, 12 or 20 */
    char version[16];
    char core_ns[64];
    int lenient;
    long skipped;
    dbr_status st;
    dbr_pool *rpool;         /* lives for the whole input (root languages) */
    int unit_depth;
    int in_inline;           /* inside source/target/seg-source content */
    int in_alt;
    int tgt_var;             /* index of the unit's main target variant, -1 = none */
    const char **alt_attrs;
    dbr_pool *note_pool, *raw_pool;
    int in_meta;             /* 2.x: inside <mda:metadata> */
    /* document */
    dbr_pool *dpool;
    dbr_doc doc;
    int in_file, in_header, doc_sent;
    const char *src_lang, *trg_lang;
    long file_units;
    /* unit */
    dbr_pool *upool;
    dbr_unit unit;
    int in_unit;
    int skip_unit;           /* lenient: the rest of this unit is ignored */
    long unit_line;
    /* where rich text goes: variant index and which segment mark state */
    int cur_var;             /* -1 = none */
    dbr_rich *rich;
    dbr_buf pending;         /* text not yet added to rich (joined, added at boundaries) */
    xliff_text_mode mode;
    dbr_buf tbuf;            /* note, data, prop text */
    /* open well-formed inline elements (g, mrk, pc): their id for the close span */
    struct { const char *id; const char *origin; const char *type; unsigned kind; } open[256];
    int nopen;
    int inline_depth;        /* >0 inside source/target */
    /* 1.2 code with data (bpt/ept/ph/it/sub): element and data being collected */
    dbr_span *data_span;
    int data_depth;
    xliff_raw inner;           /* inner XML of a code holding <sub> */
    int inner_has_elem;
    /* note being read */
    dbr_notes *note_dest;
    const char *note_lang;
    dbr_props note_props;
    /* raw capture */
    xliff_raw raw;
    dbr_props *raw_dest;
    const char *raw_key;
    /* groups (live across units, so not in a pool) */
    xliff_group gstack[64];
    int ngroups;
    dbr_buf groups;
    long group_count;
    int group_open_children; /* the innermost group has not yet seen a unit or group */
    /* per-version scratch */
    int alt_index;           /* 1.2: alt-trans ordinal in the unit; 0 = not inside */
    int alt_src_var, alt_tgt_var;
    int seg_count;           /* 2.x: segments and ignorables in the unit */
    int seg_marked;          /* 2.x: unit uses segment marks */
    const char **seg_attrs;  /* 2.x: attributes of the current segment (pool copy) */
    const char *seg_kind;    /* "segment" or "ignorable" */
    const char *seg_id;
    int seg_has_target;
    int in_target;
    dbr_props data_map;      /* 2.x originalData: id -> text */
    const char *data_id;
    int meta_docbridge;      /* 2.x: inside <mda:metaGroup category="docbridge"> */
    const char *meta_type;
    dbr_props *meta_dest;
    int meta_depth;
    int prop_group;          /* 1.2: inside a prop-group we read into props */
    const char *prop_type;
    dbr_props *prop_dest;
    xliff_code_line *tlines;   /* 1.2/2.x: location of each code in the target (for checks) */
    size_t ntlines, captlines;
};

/* The reader operations (xliff_read.c) and the writer (xliff_write.c). */
dbr_status xliff_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);
void xliff_read_cleanup(void *state);
extern const dbr_writer_ops xliff_writer_ops;

/* Common reader helpers (xliff_read.c). */
const char *xliff_attr(const char **attrs, const char *local);   /* no-namespace attribute */
const char *xliff_xml_lang(const char **attrs);
int xliff_is_core(const xliff_reader *r, const char *name);
void xliff_fail(xliff_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error inside a unit: fails, or with --lenient skips the unit with a warning. */
void xliff_unit_error(xliff_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xliff_oom(xliff_reader *r);
int xliff_begin_raw(xliff_reader *r, const char *name, const char **attrs, dbr_props *dest,
                  const char *key);
/* Attribute key for props: "xliff:local", "xliff:xml:space", "xliff:{uri}local". */
const char *xliff_attr_key(dbr_pool *pool, const char *name);
int xliff_attrs_to_props(xliff_reader *r, dbr_pool *pool, dbr_props *props, const char **attrs,
                       const char *const *skip);
void xliff_send_doc(xliff_reader *r);
void xliff_begin_unit(xliff_reader *r);
void xliff_end_unit(xliff_reader *r);
void xliff_end_file(xliff_reader *r);
int xliff_start_variant(xliff_reader *r, const char *lang);
void xliff_flush_text(xliff_reader *r);
void xliff_begin_note(xliff_reader *r, dbr_notes *dest, const char **attrs,
                    const char *const *skip);
void xliff_end_note(xliff_reader *r);
dbr_span *xliff_add_code(xliff_reader *r, dbr_span_kind kind, const char *id, const char *data,
                       const char *origin, const char *type);
void xliff_push_open(xliff_reader *r, dbr_span_kind kind, const char *id, const char *origin,
                   const char *type);
void xliff_pop_open(xliff_reader *r);
void xliff_check_target_codes(xliff_reader *r, size_t src_var, size_t tgt_var);
void xliff_group_start(xliff_reader *r, const char *name, const char **attrs);
void xliff_group_end(xliff_reader *r);
int xliff_group_child(xliff_reader *r, const char *name, const char **attrs);
int xliff_add_group_props(xliff_reader *r);

/* Version-specific element handlers (xliff12_read.c, xliff2_read.c). */
void xliff12_start(xliff_reader *r, const char *local, const char *name, const char **attrs);
void xliff12_end(xliff_reader *r, const char *local);
void xliff2_start(xliff_reader *r, const char *local, const char *name, const char **attrs);
void xliff2_end(xliff_reader *r, const char *local);

/* ---------------- shared mapping (xliff_codes.c) ---------------- */

/* 1.2 ctype <-> 2.x type/subType. Returned strings are static or from pool. */
void xliff_ctype_to_2(dbr_pool *pool, const char *ctype, const char **type, const char **subtype);
const char *xliff_type_to_ctype(dbr_pool *pool, const char *type, const char *subtype);
const char *xliff_ctype_fit(dbr_pool *pool, const char *ctype, int placeholder);
/* States: 2.x state from a 1.2 state (and the subState that keeps the 1.2 value), and back. */
const char *xliff_state_to_2(const char *state12, const char **substate);
const char *xliff_state_to_12(const char *state2, const char *substate);
int xliff_is_state2(const char *s);
/* 1 when s is a valid NMTOKEN (2.x ids). */
int xliff_is_nmtoken(const char *s);
/* An NMTOKEN made from s ("_" for invalid characters). */
const char *xliff_nmtoken(dbr_pool *pool, const char *s);

/* ---------------- writer ---------------- */

typedef struct xliff_wgroup {
    char *desc; /* the xliff:group value that opened it (owned) */
} xliff_wgroup;

typedef struct xliff_writer {
    dbr_job *job;
    dbr_output *out;
    xmlTextWriterPtr w;
    int ver;                 /* 12 or 20 */
    const char *version;     /* "1.2", "2.0", "2.1" */
    int forced;              /* --xliff-version given */
    int root_open;
    int same_family;         /* the current document was read from this XLIFF version */
    const char *src_lang, *trg_lang;
    char *root_src, *root_trg;  /* XLIFF 2: the pair on <xliff>, for every file */
    long ndocs, nunits;
    dbr_pool *pool;          /* per event scratch */
    dbr_pool *dpool;         /* per document */
    const dbr_doc *doc;
    xliff_wgroup groups[64];
    int ngroups;
    int header_written;
    int in_target;           /* writing a <target> (1.2 mid rule) */
    long auto_id;
    dbr_buf esc;             /* scratch for escaped text */
    int warned_langs, warned_plurals; /* what XLIFF cannot hold is reported once */
    long replaced_chars;     /* characters XML cannot carry, written as U+FFFD */
} xliff_writer;
dbr_status xliff_w_status(xliff_writer *wr, int rc);
int xliff_w_text(xliff_writer *wr, const char *s);  /* escapes; invalid XML chars handled */
/* The same for text-only elements (notes, metadata): no <cp> in 2.x. */
int xliff_w_plain_text(xliff_writer *wr, const char *s);
int xliff_w_attr(xliff_writer *wr, const char *name, const char *value);
int xliff_w_nl(xliff_writer *wr, int depth);
/* Writes the "xliff:" properties of p that are attributes of element el (named by map, which
 * returns NULL for those the version cannot hold there); the others go to `rest` (when not NULL)
 * for the prop-group or metadata. skip: attributes already written. */
typedef const char *(*xliff_attr_map)(const xliff_writer *wr, const char *el, const char *a);
int xliff_w_attr_props(xliff_writer *wr, const char *el, const dbr_props *p,
                       const char *const *skip, dbr_props *rest, xliff_attr_map map);
/* Picks source and target variants of a unit for a bilingual file. */
void xliff_pick_variants(const xliff_writer *wr, const dbr_unit *u, const dbr_variant **src,
                       const dbr_variant **tgt);
int xliff_w_groups(xliff_writer *wr, const dbr_unit *u, int body_depth);
int xliff_w_close_groups(xliff_writer *wr, int keep);
int xliff_w_raw_props(xliff_writer *wr, const dbr_props *p, const char *key, int depth);
/* Writes the kept fragments (xliff:xml, xliff:ext; 1.2 also xliff:mda) whose root is in the
 * output's own namespace (core = 1) or not (core = 0): the two go in different places. */
int xliff_w_fragments(xliff_writer *wr, const dbr_props *p, int core, int depth);
/* 1 when the prop key is one of ours that is not an element attribute. */
int xliff_is_special_key(const char *key);
/* The attribute name an "xliff:" key stands for, or NULL for other keys / specials. */
const char *xliff_key_attr(const char *key);

/* How the inline codes of one rich text pair up, for the writers. */
typedef struct xliff_pairs {
    int *partner;          /* index of the matching open/close, -1 when none */
    unsigned char *nested; /* 1 when the pair nests like an element (g, pc, mrk) */
    const char **ids;      /* id to write (generated "dbrN" when the span has none) */
} xliff_pairs;
int xliff_pairs_compute(dbr_pool *pool, const dbr_rich *r, xliff_pairs *p);
/* 1 when an opening code may be written as one element (g, pc): it was one in its source. */
int xliff_wellformed(const dbr_span *open);
/* 1 for the marks that stand for a segment or an ignorable (2.x) / mrk mtype="seg" (1.2). */
int xliff_is_seg_mark(const dbr_span *s);

/* The model's document fields XLIFF has no place for, as "docbridge:FIELD" props into rest
 * (date left out when date_written: 1.2 has file@date). */
int xliff_doc_fields_to_props(xliff_writer *wr, const dbr_doc *d, int date_written,
                              dbr_props *rest);

int xliff12_w_begin_doc(xliff_writer *wr, const dbr_doc *d);
int xliff12_w_unit(xliff_writer *wr, const dbr_unit *u);
int xliff12_w_block(xliff_writer *wr, const dbr_block *b);
int xliff12_w_end_doc(xliff_writer *wr);
int xliff2_w_begin_doc(xliff_writer *wr, const dbr_doc *d);
int xliff2_w_unit(xliff_writer *wr, const dbr_unit *u);
int xliff2_w_block(xliff_writer *wr, const dbr_block *b);
int xliff2_w_end_doc(xliff_writer *wr);

#endif
