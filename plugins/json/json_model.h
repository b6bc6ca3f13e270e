/* json_model.h - the dataset JSON mapping (formats/json.md), shared by the json and jsonl
 * plugins: model -> JSON (through json_emit) and cJSON -> model.
 *
 * One record is one object: a document's metadata, a block, a unit, or the closing provenance.
 * The same object shapes appear inside the pretty `json` dataset and on JSONL lines, so the
 * schema has one definition of each. */
#ifndef DOCBRIDGE_JSON_MODEL_H
#define DOCBRIDGE_JSON_MODEL_H

#include <cjson/cJSON.h>

#include "docbridge/model.h"
#include "json_emit.h"

#define JSON_DATASET_FORMAT "docbridge-dataset"
#define JSON_DATASET_VERSION "1.0"
/* Deepest nesting a valid record can have is about 8; anything past this is refused before
 * cJSON (which recurses) ever sees it. */
#define JSON_MAX_DEPTH 64

/* ---- writing (into an open object unless said otherwise) ---- */

/* Document metadata members ("id" .. "props"), without provenance and content. */
void json_write_doc_meta(json_emit *je, const dbr_doc *doc);
/* "provenance": {...} member. */
void json_write_provenance(json_emit *je, const dbr_provenance *p);
/* "langs": [...] member (nothing when there are none). */
void json_write_langs(json_emit *je, const dbr_doc *d);
/* "more_langs": the document's languages from index `from` on, first met after its metadata
 * was written (nothing when there are none): the member a document object ends with, before
 * "provenance", so a streamed document is whole. */
void json_write_more_langs(json_emit *je, const dbr_doc *d, size_t from);
/* A whole block / unit object; doc_id adds the "doc" member (JSONL records). */
void json_write_block(json_emit *je, const dbr_block *b, const char *doc_id);
void json_write_unit(json_emit *je, const dbr_unit *u, const char *doc_id, const char *uid);

/* A unit's "uid" is made by the core (dbr_make_unit_id, from the document id and the unit's
 * ordinal): deterministic, derived and never read back (the format's own id stays in "id", so
 * no other format ever sees an invented id). */

/* ---- reading ----
 * Each returns 0, or -1 with a message in err (cap bytes) naming the field. Strings are copied
 * into pool. Unknown members are refused: the format is closed so nothing is silently lost. */
typedef struct json_err {
    char msg[512];
} json_err;

/* A document's "langs" from the array val (a JSONL document_end record repeats it, complete,
 * when languages came after the document record). */
int json_read_langs(dbr_pool *pool, const cJSON *val, dbr_doc *d, json_err *err);

int json_read_block(dbr_pool *pool, const cJSON *obj, dbr_block *out, json_err *err);
int json_read_unit(dbr_pool *pool, const cJSON *obj, dbr_unit *out, json_err *err);
/* Applies one document member (key, value) to doc; known keys other than metadata ("type",
 * "content", "doc") must be handled by the caller first. */
int json_read_doc_member(dbr_pool *pool, const char *key, const cJSON *val, dbr_doc *doc,
                         json_err *err);
int json_read_provenance(dbr_pool *pool, const cJSON *obj, dbr_provenance *p, json_err *err);
/* 1 when key is a document metadata member json_read_doc_member understands. */
int json_is_doc_member(const char *key);

/* "block" or "unit" from a content object: its "type" member, else "unit" when it has
 * "variants", else "block". NULL (with err) when "type" is something else. */
const char *json_item_type(const cJSON *obj, json_err *err);

/* Checks that text[0..len) nests no deeper than max (strings respected). 0 ok; -1 with
 * *offset = byte offset of the bracket that went too deep. */
int json_depth_check(const char *text, size_t len, int max, size_t *offset);

/* 1-based line and column (in characters) of byte offset off within text. */
void json_locate(const char *text, size_t off, long *line, long *col);

#endif
