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

#define XLF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XLF11_NS "urn:oasis:names:tc:xliff:document:1.1"
#define XLF2_NS "urn:oasis:names:tc:xliff:document:2.0"
#define XLF_MDA_NS "urn:oasis:names:tc:xliff:metadata:2.0"

/* Property keys that are not attributes of an element (see formats/xliff.md). */
#define XLF_P_VERSION "xliff:version"     /* doc: "1.2", "2.0", "2.1" */
#define XLF_P_GROUP "xliff:group"         /* unit: one per enclosing group, outermost first */
#define XLF_P_XML "xliff:xml"             /* unmodelled core element, as XML */
#define XLF_P_EXT "xliff:ext"             /* extension or module element, as XML */
#define XLF_P_ROLE "xliff:role"           /* variant: "seg-source", "alt-source", "alt-target" */
#define XLF_P_ALT "xliff:alt-trans"       /* variant: ordinal of its alt-trans in the unit */
#define XLF_P_ALT_ATTR "xliff:alt-trans:" /* variant: prefix for the alt-trans attributes */
#define XLF_P_SEG "xliff:segment:"        /* unit: prefix for the single segment's attributes */
#define XLF_P_INNER "xliff:inner"         /* code attr: inner XML of a 1.2 code holding <sub> */
#define XLF_META_CATEGORY "docbridge"     /* 1.2 prop-group name / 2.x metaGroup category */

/* ---------------- raw XML fragments ----------------
 * Elements the model does not name are serialised to a self-contained XML string (namespaces
 * declared on the fragment) and kept in a property, so a writer can put them back. */
typedef struct xlf_raw {
    dbr_buf out;
    int depth;           /* 0 = not capturing */
    int omit_root_ns;    /* the root's namespace is the writer's default: no xmlns on it */
    int just_started;    /* last thing written is a start tag (for <a/>) */
    const char *ns[64];  /* default namespace at each depth (pointers into nsbuf) */
    dbr_buf nsbuf;
} xlf_raw;

void xlf_raw_begin(xlf_raw *r, int omit_root_ns);
int xlf_raw_start(xlf_raw *r, const char *name, const char **attrs);
int xlf_raw_end(xlf_raw *r, const char *name); /* 1 when the fragment's root closed */
int xlf_raw_text(xlf_raw *r, const char *s, size_t len);
void xlf_raw_free(xlf_raw *r);
/* Escapes text (or an attribute value when attr is 1) into b. */
int xlf_escape(dbr_buf *b, const char *s, size_t len, int attr);

/* ---------------- reader ---------------- */

typedef struct xlf_reader xlf_reader;

/* What the text handler does with character data. */
typedef enum xlf_text_mode { XLF_TEXT_SKIP = 0, XLF_TEXT_RICH, XLF_TEXT_BUF } xlf_text_mode;

typedef struct xlf_group {
    long ordinal;
    size_t desc_off;  /* into reader->groups: "N <group ...>children" */
} xlf_group;

typedef struct xlf_code_line {
    size_t span;      /* index in the target's rich text */
    long line, col;
} xlf_code_line;

struct xlf_reader {
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
    xlf_text_mode mode;
    dbr_buf tbuf;            /* note, data, prop text */
    /* open well-formed inline elements (g, mrk, pc): their id for the close span */
    struct { const char *id; const char *origin; const char *type; unsigned kind; } open[256];
    int nopen;
    int inline_depth;        /* >0 inside source/target */
    /* 1.2 code with data (bpt/ept/ph/it/sub): element and data being collected */
    dbr_span *data_span;
    int data_depth;
    xlf_raw inner;           /* inner XML of a code holding <sub> */
    int inner_has_elem;
    /* note being read */
    dbr_notes *note_dest;
    const char *note_lang;
    dbr_props note_props;
    /* raw capture */
    xlf_raw raw;
    dbr_props *raw_dest;
    const char *raw_key;
    /* groups (live across units, so not in a pool) */
    xlf_group gstack[64];
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
    xlf_code_line *tlines;   /* 1.2/2.x: location of each code in the target (for checks) */
    size_t ntlines, captlines;
};

/* The reader operations (xliff_read.c) and the writer (xliff_write.c). */
dbr_status xlf_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);
void xlf_read_cleanup(void *state);
extern const dbr_writer_ops xlf_writer_ops;

/* Common reader helpers (xliff_read.c). */
const char *xlf_attr(const char **attrs, const char *local);   /* no-namespace attribute */
const char *xlf_xml_lang(const char **attrs);
int xlf_is_core(const xlf_reader *r, const char *name);
void xlf_fail(xlf_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error inside a unit: fails, or with --lenient skips the unit with a warning. */
void xlf_unit_error(xlf_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xlf_oom(xlf_reader *r);
int xlf_begin_raw(xlf_reader *r, const char *name, const char **attrs, dbr_props *dest,
                  const char *key);
/* Attribute key for props: "xliff:local", "xliff:xml:space", "xliff:{uri}local". */
const char *xlf_attr_key(dbr_pool *pool, const char *name);
int xlf_attrs_to_props(xlf_reader *r, dbr_pool *pool, dbr_props *props, const char **attrs,
                       const char *const *skip);
void xlf_send_doc(xlf_reader *r);
void xlf_begin_unit(xlf_reader *r);
void xlf_end_unit(xlf_reader *r);
void xlf_end_file(xlf_reader *r);
int xlf_start_variant(xlf_reader *r, const char *lang);
void xlf_flush_text(xlf_reader *r);
void xlf_begin_note(xlf_reader *r, dbr_notes *dest, const char **attrs,
                    const char *const *skip);
void xlf_end_note(xlf_reader *r);
dbr_span *xlf_add_code(xlf_reader *r, dbr_span_kind kind, const char *id, const char *data,
                       const char *origin, const char *type);
void xlf_push_open(xlf_reader *r, dbr_span_kind kind, const char *id, const char *origin,
                   const char *type);
void xlf_pop_open(xlf_reader *r);
void xlf_check_target_codes(xlf_reader *r, size_t src_var, size_t tgt_var);
void xlf_group_start(xlf_reader *r, const char *name, const char **attrs);
void xlf_group_end(xlf_reader *r);
int xlf_group_child(xlf_reader *r, const char *name, const char **attrs);
int xlf_add_group_props(xlf_reader *r);

/* Version-specific element handlers (xliff12_read.c, xliff2_read.c). */
void xlf12_start(xlf_reader *r, const char *local, const char *name, const char **attrs);
void xlf12_end(xlf_reader *r, const char *local);
void xlf2_start(xlf_reader *r, const char *local, const char *name, const char **attrs);
void xlf2_end(xlf_reader *r, const char *local);

/* ---------------- shared mapping (xliff_codes.c) ---------------- */

/* 1.2 ctype <-> 2.x type/subType. Returned strings are static or from pool. */
void xlf_ctype_to_2(dbr_pool *pool, const char *ctype, const char **type, const char **subtype);
const char *xlf_type_to_ctype(dbr_pool *pool, const char *type, const char *subtype);
const char *xlf_ctype_fit(dbr_pool *pool, const char *ctype, int placeholder);
/* States: 2.x state from a 1.2 state (and the subState that keeps the 1.2 value), and back. */
const char *xlf_state_to_2(const char *state12, const char **substate);
const char *xlf_state_to_12(const char *state2, const char *substate);
int xlf_is_state2(const char *s);
/* 1 when s is a valid NMTOKEN (2.x ids). */
int xlf_is_nmtoken(const char *s);
/* An NMTOKEN made from s ("_" for invalid characters). */
const char *xlf_nmtoken(dbr_pool *pool, const char *s);

/* ---------------- writer ---------------- */

typedef struct xlf_wgroup {
    char *desc; /* the xliff:group value that opened it (owned) */
} xlf_wgroup;

typedef struct xlf_writer {
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
    xlf_wgroup groups[64];
    int ngroups;
    int header_written;
    int in_target;           /* writing a <target> (1.2 mid rule) */
    long auto_id;
    int warned_langs, warned_plurals; /* what XLIFF cannot hold is reported once */
} xlf_writer;

dbr_status xlf_w_status(xlf_writer *wr, int rc);
int xlf_w_text(xlf_writer *wr, const char *s);  /* escapes; invalid XML chars handled */
int xlf_w_attr(xlf_writer *wr, const char *name, const char *value);
int xlf_w_nl(xlf_writer *wr, int depth);
/* Picks source and target variants of a unit for a bilingual file. */
void xlf_pick_variants(const xlf_writer *wr, const dbr_unit *u, const dbr_variant **src,
                       const dbr_variant **tgt);
int xlf_w_groups(xlf_writer *wr, const dbr_unit *u, int body_depth);
int xlf_w_close_groups(xlf_writer *wr, int keep);
int xlf_w_raw_props(xlf_writer *wr, const dbr_props *p, const char *key, int depth);
/* Writes the kept fragments (xliff:xml, xliff:ext; 1.2 also xliff:mda) whose root is in the
 * output's own namespace (core = 1) or not (core = 0): the two go in different places. */
int xlf_w_fragments(xlf_writer *wr, const dbr_props *p, int core, int depth);
/* 1 when the prop key is one of ours that is not an element attribute. */
int xlf_is_special_key(const char *key);
/* The attribute name an "xliff:" key stands for, or NULL for other keys / specials. */
const char *xlf_key_attr(const char *key);

/* How the inline codes of one rich text pair up, for the writers. */
typedef struct xlf_pairs {
    int *partner;          /* index of the matching open/close, -1 when none */
    unsigned char *nested; /* 1 when the pair nests like an element (g, pc, mrk) */
    const char **ids;      /* id to write (generated "dbrN" when the span has none) */
} xlf_pairs;
int xlf_pairs_compute(dbr_pool *pool, const dbr_rich *r, xlf_pairs *p);
/* 1 when an opening code may be written as one element (g, pc): it was one in its source. */
int xlf_wellformed(const dbr_span *open);
/* 1 for the marks that stand for a segment or an ignorable (2.x) / mrk mtype="seg" (1.2). */
int xlf_is_seg_mark(const dbr_span *s);

int xlf12_w_begin_doc(xlf_writer *wr, const dbr_doc *d);
int xlf12_w_unit(xlf_writer *wr, const dbr_unit *u);
int xlf12_w_block(xlf_writer *wr, const dbr_block *b);
int xlf12_w_end_doc(xlf_writer *wr);
int xlf2_w_begin_doc(xlf_writer *wr, const dbr_doc *d);
int xlf2_w_unit(xlf_writer *wr, const dbr_unit *u);
int xlf2_w_block(xlf_writer *wr, const dbr_block *b);
int xlf2_w_end_doc(xlf_writer *wr);

#endif
