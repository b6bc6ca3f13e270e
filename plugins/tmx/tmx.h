/* tmx.h - what the tmx plugin's files share: the reader and writer entry points, the property
 * key conventions of formats/tmx.md, and small helpers for dates and attribute names.
 * Nothing here is public: the plugin exports only its entry symbol. */
#ifndef DOCBRIDGE_TMX_H
#define DOCBRIDGE_TMX_H

#include "docbridge/xml.h"

#include <stddef.h>

/* ---- keys (see formats/tmx.md) ---- */
#define TMX_KEY_PREFIX "tmx:"           /* "tmx:ATTR" = an attribute of the element */
#define TMX_KEY_SUBXML "tmx:xml"        /* span attr: the code's inner markup when it has <sub> */
#define TMX_KEY_PROPTYPE "tmx:proptype:" /* prop whose type itself starts with "tmx:" */
#define TMX_KEY_PROP_QUAL "tmx:prop."   /* "tmx:prop.ATTR": attribute of the preceding prop */
#define TMX_KEY_UDE "tmx:ude"           /* value = ude name; "tmx:ude.base" follows */
#define TMX_KEY_MAP "tmx:map"           /* value = map unicode; "tmx:map.code" ... follow */
#define TMX_KEY_VERSION "tmx:version"   /* the tmx element's version when it is not 1.4 */

/* Prop types that carry model fields TMX has no attribute for. */
#define TMX_X_TITLE "x-docbridge-title"
#define TMX_X_AUTHOR "x-docbridge-author"
#define TMX_X_PUBLISHER "x-docbridge-publisher"
#define TMX_X_URL "x-docbridge-url"
#define TMX_X_DESCRIPTION "x-docbridge-description"
#define TMX_X_DATE "x-docbridge-date"
#define TMX_X_SCORE "x-docbridge-score"
#define TMX_X_BEAD "x-docbridge-bead"
#define TMX_X_ORIGIN "x-docbridge-origin"
#define TMX_X_STATE "x-docbridge-state"
#define TMX_X_PLURAL "x-docbridge-plural"
/* "x-docbridge-note.N.KEY": property KEY of the element's note N (0-based), e.g. PO's
 * from=developer; TMX notes have no attributes for them */
#define TMX_X_NOTE_PROP "x-docbridge-note."
/* <ph type="x-docbridge-cp">HEX</ph>: a character XML 1.0 cannot hold, in a segment */
#define TMX_CP_TYPE "x-docbridge-cp"

/* ---- tmx_keys.c ---- */

/* 1 when s starts with prefix. */
int tmx_starts(const char *s, const char *prefix);
/* TMX basic date "YYYYMMDDThhmmssZ" -> ISO 8601 extended "YYYY-MM-DDThh:mm:ssZ" in out
 * (cap >= 21). 0 when in is not exactly a TMX date. */
int tmx_date_to_iso(const char *in, char *out, size_t cap);
/* The reverse; also accepts "YYYY-MM-DD" (midnight UTC). 0 when not convertible. */
int tmx_date_from_iso(const char *in, char *out, size_t cap);
/* gettext's "YYYY-MM-DD HH:MM+ZZZZ" (POT-Creation-Date) -> TMX date in UTC. 0 when not. */
int tmx_date_from_po(const char *in, char *out, size_t cap);
/* Shortest "%g" form of d that reads back as d. */
void tmx_format_double(double d, char *out, size_t cap);
/* 1 when key is a "tmx:ATTR" key naming an attribute (not a qualifier or a reserved key). */
int tmx_key_is_attr(const char *key);
/* The prop type a property key is written as, or NULL when the key is not a prop (tmx: keys,
 * qualifiers). */
const char *tmx_key_prop_type(const char *key);
/* The property key a prop of this type is read into (pool copy when escaped). */
const char *tmx_prop_key(dbr_pool *pool, const char *type);

/* ---- reader (tmx_read.c, tmx_read_inline.c) ---- */
dbr_status tmx_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);
void tmx_read_cleanup(void *state);

/* ---- writer (tmx_write.c, tmx_write_inline.c) ---- */
typedef struct tmx_writer {
    dbr_job *job;
    xmlTextWriterPtr w;
    dbr_pool *scratch;
    int lenient;
    int header_done;
    unsigned ndocs;
    long long skipped;
    long long nunits;
    long long written; /* units written as <tu> */
    long long replaced_chars; /* not allowed in XML 1.0, written as U+FFFD */
    char *src_lang; /* the header's srclang, for variants without a language */
} tmx_writer;

extern const dbr_sink_ops tmx_write_sink_ops;
dbr_status tmx_write_open(void *state, dbr_job *job, dbr_output *out);
dbr_status tmx_write_finish(void *state);
void tmx_write_cleanup(void *state);

/* tmx_write_meta.c: newline and indentation (never inside seg, note or prop); every "tmx:ATTR"
 * property as attribute ATTR except those in skip; <elem type=...>text</elem>; notes; props;
 * ude/map. All return -1 on a write error. */
int tmx_indent(tmx_writer *wr, int level);
int tmx_attr_props(tmx_writer *wr, const dbr_props *props, const char *const *skip);
int tmx_text_element(tmx_writer *wr, int level, const char *elem, const char *type,
                     const char *text);
int tmx_notes(tmx_writer *wr, int level, const dbr_notes *notes);
int tmx_props(tmx_writer *wr, int level, const dbr_props *props);
int tmx_udes(tmx_writer *wr, const dbr_props *props);
/* tmx_write_xml.c: text content, escaping only what XML requires, and attributes; characters
 * XML 1.0 cannot carry become U+FFFD (counted in wr->replaced_chars). -1 on a write error. */
int tmx_write_text(tmx_writer *wr, const char *s, int in_seg);
int tmx_write_attr(tmx_writer *wr, const char *name, const char *value); /* NULL value: none */
/* tmx_write_inline.c: a rich text as the content of <seg>. FAILED with job->err filled. */
dbr_status tmx_write_rich(tmx_writer *wr, const dbr_rich *r);

/* ---- tmx_subxml.c: codes whose native data holds <sub> ---- */

/* Checks that xml is the inner markup of a TMX code (text, <sub> and inline elements, no
 * other markup) and that its character data equals flat. 1 when it may be written as is. */
int tmx_subxml_matches(const char *xml, const char *flat);

#endif
