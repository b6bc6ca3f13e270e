/* xml.h - the XML plumbing XML-based plugins share: a hardened streaming reader (Expat) fed
 * from the input layer, and a streaming writer (libxml2's xmlTextWriter) that writes into
 * atomic output.
 *
 * Why in the core: TMX, XLIFF 1.2/2.x, the dataset XML and TEI all need the same safety rules,
 * and they must be the same everywhere: the input layer has already transcoded to UTF-8, so the
 * parser is told "UTF-8" whatever the declaration says; external entities are never resolved;
 * a DOCTYPE that declares entities is refused (no billion laughs, no XXE); nesting is bounded.
 * Errors carry the file, line and column.
 */
#ifndef DOCBRIDGE_XML_H
#define DOCBRIDGE_XML_H

#include "docbridge/plugin.h"

#include <libxml/xmlwriter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------- reading ---------------- */

typedef struct dbr_xml dbr_xml;

/* Callbacks; any may be NULL. Names are "URI|local" when the parser was made with namespaces,
 * else the raw qualified name. attrs is a NULL-terminated name/value array. Text may arrive in
 * several pieces: accumulate until the next start/end. A handler that finds a problem calls
 * dbr_xml_fail (which fills job->err with the current location) and returns. */
typedef struct dbr_xml_handlers {
    void (*start)(void *ud, const char *name, const char **attrs);
    void (*end)(void *ud, const char *name);
    void (*text)(void *ud, const char *s, int len);
    void (*comment)(void *ud, const char *s);
    void (*pi)(void *ud, const char *target, const char *data);
} dbr_xml_handlers;

#define DBR_XML_MAX_DEPTH 2048

/* namespaces: 1 to get "URI|local" names (xml:lang becomes
 * "http://www.w3.org/XML/1998/namespace|lang"). NULL on OOM (err filled). */
dbr_xml *dbr_xml_new(dbr_job *job, const dbr_xml_handlers *h, void *ud, int namespaces);
void dbr_xml_free(dbr_xml *x);

/* Parses the whole input, calling the handlers. FAILED with job->err filled (file:line:col and
 * what was expected) on malformed XML, a refused construct, or a handler's dbr_xml_fail. */
dbr_status dbr_xml_parse(dbr_xml *x, dbr_input *in);

/* Stops parsing with an error at the current location. Returns DBR_FAILED. */
dbr_status dbr_xml_fail(dbr_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports a warning at the current location (for --lenient skips). */
void dbr_xml_warn(dbr_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Stops parsing without an error (the reader has what it needs). */
void dbr_xml_stop(dbr_xml *x);

long dbr_xml_line(const dbr_xml *x);
long dbr_xml_column(const dbr_xml *x);
int dbr_xml_depth(const dbr_xml *x);

/* Value of attribute name in attrs, or NULL. */
const char *dbr_xml_attr(const char **attrs, const char *name);
/* A copy of an Expat attribute array (names and values, NULL-terminated) in pool, for a reader
 * that must keep an element's attributes past its handler; NULL when out of memory. */
const char **dbr_xml_copy_attrs(dbr_pool *pool, const char **attrs);
/* The part after '|' (namespaced) or ':' (prefixed), else the name itself. */
const char *dbr_xml_local(const char *name);
/* 1 when name's namespace URI (before '|') equals uri; uri NULL matches "no namespace". */
int dbr_xml_in_ns(const char *name, const char *uri);

#define DBR_XML_NS "http://www.w3.org/XML/1998/namespace"

/* Sniff hook for XML readers: the encoding named in the XML declaration (ASCII-compatible or
 * UTF-16 without BOM). Matches dbr_reader_ops.sniff_encoding. */
int dbr_xml_sniff_encoding(const uint8_t *head, size_t len, char *out, size_t cap);

/* ---------------- writing ---------------- */

/* An xmlTextWriter writing UTF-8 into out (buffered, streaming). indent: 1 to pretty-print.
 * Free with dbr_xml_writer_free; after the last element call dbr_xml_writer_finish, which
 * flushes and reports any write error into err. */
xmlTextWriterPtr dbr_xml_writer_new(dbr_output *out, dbr_error *err, int indent);
dbr_status dbr_xml_writer_finish(xmlTextWriterPtr w, dbr_error *err);

/* DEL and the C1 controls (U+007F..U+009F) are legal XML 1.0, but every reader's input layer
 * (ours too) removes them from raw text, nearly always rightly: they are noise. Writers that
 * must keep them put them out as character references (&#x7F;), which the parser turns back
 * into the character after the input layer has run. */
/* The length of DEL (1) or a C1 control (2) at s, else 0. */
size_t dbr_xml_del_or_c1(const char *s);
/* Writes "&#xHH;" for the DEL or C1 control at s (as dbr_xml_del_or_c1 measured, len bytes)
 * into text or an open attribute. Returns what xmlTextWriterWriteRaw returns. */
int dbr_xml_write_charref(xmlTextWriterPtr w, const char *s, size_t len);
/* xmlTextWriterWriteAttribute, with DEL and C1 controls as character references. */
int dbr_xml_write_attribute(xmlTextWriterPtr w, const char *name, const char *value);
void dbr_xml_writer_free(xmlTextWriterPtr w);

#ifdef __cplusplus
}
#endif
#endif
