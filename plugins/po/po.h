/* po.h - what the PO plugin's files share: the parsed entry, string escapes, the parser and
 * the language helpers. Internal to the plugin. */
#ifndef DOCBRIDGE_PO_H
#define DOCBRIDGE_PO_H

#include "docbridge/placeholder.h"
#include "docbridge/plugin.h"

#define PO_MAX_FORMS 32 /* msgstr[0..31]; no language has more than 6 */

/* One PO entry as written, strings unescaped. Comment kinds are joined with "\n" in order. */
typedef struct po_entry {
    long line;               /* first line of the entry */
    int obsolete;            /* "#~" */
    dbr_buf tcomments;       /* "# " translator comments */
    dbr_buf xcomments;       /* "#." extracted comments */
    dbr_buf refs;            /* "#:" references, one line each */
    dbr_buf flags;           /* "#," flags, joined ", " */
    int has_tc, has_xc, has_refs, has_flags;
    int has_prev_ctxt, has_prev_id, has_prev_plural;
    dbr_buf prev_ctxt, prev_id, prev_plural; /* "#|" previous strings */
    int has_ctxt, has_id, has_plural;
    dbr_buf ctxt, id, plural;
    long id_line;
    dbr_buf str[PO_MAX_FORMS];
    int nstr;                /* msgstr lines seen */
    int indexed;             /* msgstr[n] form */
} po_entry;

void po_entry_init(po_entry *e);
void po_entry_reset(po_entry *e);
void po_entry_free(po_entry *e);

/* ---- po_text.c: C escapes ---- */
/* Parses one "..." string at s[*col] (0-based, at the quote), unescaping into out. Returns 0,
 * or -1 with *col at the bad byte and *why set. */
int po_unquote(const char *s, size_t len, size_t *col, dbr_buf *out, const char **why);

/* ---- po_layout.c: strings as the writer lays them out ---- */
/* Appends `keyword "..."` for s[0..n), split after "\n" and wrapped at width (0 = never), each
 * line prefixed by prefix ("" or "#~ " or "#| "). 0 ok, -1 OOM. */
int po_put_stringn(dbr_buf *out, const char *prefix, const char *keyword, const char *s, size_t n,
                   int width);
int po_put_string(dbr_buf *out, const char *prefix, const char *keyword, const char *s,
                  int width); /* s NUL-terminated */

/* Extracted-comment lines that carry a property PO has no field for: "#. docbridge-prop K=V". */
#define PO_PROP_TAG "docbridge-prop "
#define PO_SRC_PROP_TAG "docbridge-source-prop " /* a property of the source variant */
#define PO_TGT_PROP_TAG "docbridge-target-prop " /* a property of the target variant */
/* Appends "#. " TAG "K=V\n", K and V escaped: '%', '=', newlines and other controls as %XX.
 * 0 ok, -1 OOM. */
int po_put_prop_line(dbr_buf *out, const char *tag, const char *key, const char *value);
char *po_prop_unescape(dbr_pool *pool, const char *s, size_t n);

/* The id of an entry without msgctxt: "po-" + 16 hex digits of SHA-256 over the source's
 * plain text (codes left out, so the placeholder mode does not change it). Every unit then
 * has an id (no writer has to invent one), and the writer recognises it and writes no
 * msgctxt for it. Pool string, NULL on OOM. */
const char *po_entry_id(dbr_pool *pool, const dbr_rich *source);

/* ---- po_parse.c: lines -> entries ---- */
typedef struct po_parser po_parser;
typedef dbr_status (*po_entry_fn)(void *ud, po_entry *e);

/* Parses the whole input, calling fn for each complete entry. Errors go to job (line, column);
 * with lenient, a bad entry is skipped with a warning and counted in *skipped. */
dbr_status po_parse(dbr_job *job, dbr_input *in, int lenient, po_entry_fn fn, void *ud,
                    long *skipped);

/* ---- po_lang.c ---- */
/* "pt_BR" / "sr@latin" -> BCP 47 ("pt-BR", "sr-Latn") into a pool string. */
const char *po_locale_to_bcp47(dbr_pool *pool, const char *locale);
/* BCP 47 -> gettext locale ("pt-BR" -> "pt_BR"). */
const char *po_bcp47_to_locale(dbr_pool *pool, const char *tag);
/* Plural-Forms for a language (by its primary subtag); a generic two-form rule when unknown. */
const char *po_plural_forms_for(const char *tag);
/* nplurals=N from a Plural-Forms value, or 0. */
int po_nplurals(const char *plural_forms);

/* ---- po_read.c / po_write.c ---- */
dbr_status po_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);
void po_read_cleanup(void *state);
extern const dbr_reader_ops po_reader_ops;
extern const dbr_writer_ops po_writer_ops;

#endif
