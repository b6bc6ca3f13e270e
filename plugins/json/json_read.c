/* json_read.c - the `json` reader: walks the dataset envelope with json_scan and emits one
 * document event per document object and one block/unit event per content item, holding only
 * the current record (and the current document's metadata) in memory. */
#include "json_read.h"
#include "json_model.h"
#include "json_scan.h"

#include <string.h>

typedef struct json_reader {
    json_scan scan;
    dbr_sink *sink;
    dbr_pool *doc_pool;   /* the current document's metadata */
    dbr_pool *item_pool;  /* the current block or unit; reset after each */
} json_reader;

/* Turns one parsed content item into a block or unit event. */
static dbr_status json_emit_item(json_reader *r, const cJSON *item)
{
    json_err e = {{0}};
    if (!cJSON_IsObject(item))
        return json_scan_fail_value(&r->scan, "each content item must be an object");
    const char *type = json_item_type(item, &e);
    dbr_status st;
    dbr_pool_reset(r->item_pool);
    if (type && strcmp(type, "block") == 0) {
        dbr_block b;
        if (json_read_block(r->item_pool, item, &b, &e) != 0)
            return json_scan_fail_value(&r->scan, "block: %s", e.msg);
        st = dbr_sink_block(r->sink, &b);
    } else if (type) {
        dbr_unit u;
        if (json_read_unit(r->item_pool, item, &u, &e) != 0)
            return json_scan_fail_value(&r->scan, "unit: %s", e.msg);
        st = dbr_sink_unit(r->sink, &u);
    } else {
        return json_scan_fail_value(&r->scan, "%s", e.msg);
    }
    return st;
}

static dbr_status json_read_content(json_reader *r)
{
    json_scan *s = &r->scan;
    dbr_status st = json_scan_expect(s, '[', "'[' to open \"content\"");
    if (st != DBR_OK)
        return st;
    if (json_scan_peek(s) == ']') {
        json_scan_skip(s);
        return DBR_OK;
    }
    for (;;) {
        cJSON *item = NULL;
        st = json_scan_value(s, &item);
        if (st == DBR_OK)
            st = json_emit_item(r, item);
        cJSON_Delete(item);
        if (st != DBR_OK)
            return st;
        int more = json_scan_next(s, ']', "after a content item");
        if (more <= 0)
            return more < 0 ? s->st : DBR_OK;
    }
}

/* A metadata member: "type" must say "document"; the rest go into doc. */
static dbr_status json_read_meta(json_reader *r, const char *key, dbr_doc *doc)
{
    cJSON *v = NULL;
    dbr_status st = json_scan_value(&r->scan, &v);
    if (st != DBR_OK)
        return st;
    json_err e = {{0}};
    if (strcmp(key, "type") == 0) {
        if (!cJSON_IsString(v) || strcmp(v->valuestring, "document") != 0)
            st = json_scan_fail_value(&r->scan, "a document's \"type\" must be \"document\"");
    } else if (json_read_doc_member(r->doc_pool, key, v, doc, &e) != 0) {
        st = json_scan_fail_value(&r->scan, "document: %s", e.msg);
    }
    cJSON_Delete(v);
    return st;
}

static dbr_status json_read_document(json_reader *r)
{
    json_scan *s = &r->scan;
    dbr_pool_reset(r->doc_pool);
    dbr_doc doc;
    dbr_doc_init(&doc);
    int begun = 0;
    dbr_status st = json_scan_expect(s, '{', "'{' to open a document");
    if (st == DBR_OK && json_scan_peek(s) == '}') {
        json_scan_skip(s);
        st = dbr_sink_begin_document(r->sink, &doc);
        return st == DBR_OK ? dbr_sink_end_document(r->sink, &doc) : st;
    }
    while (st == DBR_OK) {
        char key[64];
        if ((st = json_scan_key(s, key, sizeof key)) != DBR_OK)
            break;
        if (strcmp(key, "content") == 0) {
            /* Metadata written before the content is known now; provenance may follow. */
            if (!begun && (st = dbr_sink_begin_document(r->sink, &doc)) != DBR_OK)
                break;
            begun = 1;
            st = json_read_content(r);
        } else {
            st = json_read_meta(r, key, &doc);
        }
        if (st != DBR_OK)
            break;
        int more = json_scan_next(s, '}', "after a document member");
        if (more < 0)
            return s->st;
        if (more == 0) {
            if (!begun && (st = dbr_sink_begin_document(r->sink, &doc)) != DBR_OK)
                break;
            return dbr_sink_end_document(r->sink, &doc);
        }
    }
    return st;
}

static dbr_status json_read_documents(json_reader *r)
{
    json_scan *s = &r->scan;
    dbr_status st = json_scan_expect(s, '[', "'[' to open \"documents\"");
    if (st != DBR_OK)
        return st;
    if (json_scan_peek(s) == ']') {
        json_scan_skip(s);
        return DBR_OK;
    }
    for (;;) {
        if ((st = json_read_document(r)) != DBR_OK)
            return st;
        int more = json_scan_next(s, ']', "after a document");
        if (more <= 0)
            return more < 0 ? s->st : DBR_OK;
    }
}

/* "format" and "version" of the envelope: ours, major version 1. */
static dbr_status json_check_envelope(json_reader *r, const char *key)
{
    cJSON *v = NULL;
    dbr_status st = json_scan_value(&r->scan, &v);
    if (st != DBR_OK)
        return st;
    if (strcmp(key, "format") == 0 &&
        (!cJSON_IsString(v) || strcmp(v->valuestring, JSON_DATASET_FORMAT) != 0))
        st = json_scan_fail_value(&r->scan, "\"format\" must be \"%s\"", JSON_DATASET_FORMAT);
    else if (strcmp(key, "version") == 0 &&
             (!cJSON_IsString(v) || strncmp(v->valuestring, "1.", 2) != 0))
        st = json_scan_fail_value(&r->scan,
                                  "unsupported dataset version (this reader knows 1.x)");
    cJSON_Delete(v);
    return st;
}

static dbr_status json_read_envelope(json_reader *r)
{
    json_scan *s = &r->scan;
    if (json_scan_peek(s) < 0)
        return s->st != DBR_OK ? s->st : json_scan_fail(s, "a dataset object");
    dbr_status st = json_scan_expect(s, '{', "'{' to open the dataset");
    while (st == DBR_OK) {
        char key[64];
        if ((st = json_scan_key(s, key, sizeof key)) != DBR_OK)
            break;
        if (strcmp(key, "documents") == 0)
            st = json_read_documents(r);
        else if (strcmp(key, "format") == 0 || strcmp(key, "version") == 0)
            st = json_check_envelope(r, key);
        else
            st = json_scan_fail_value(s, "unknown field '%s' in the dataset", key);
        if (st != DBR_OK)
            break;
        int more = json_scan_next(s, '}', "after a dataset member");
        if (more < 0)
            return s->st;
        if (more == 0)
            break;
    }
    if (st == DBR_OK && json_scan_peek(s) >= 0)
        return json_scan_fail(s, "end of input after the dataset");
    return st == DBR_OK ? s->st : st;
}

dbr_status json_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state;
    json_reader *r = dbr_calloc(1, sizeof *r);
    if (!r)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    json_scan_init(&r->scan, in, job);
    r->sink = sink;
    r->doc_pool = dbr_pool_new();
    r->item_pool = dbr_pool_new();
    dbr_status st = r->doc_pool && r->item_pool
                        ? json_read_envelope(r)
                        : dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    json_scan_free(&r->scan);
    dbr_pool_free(r->doc_pool);
    dbr_pool_free(r->item_pool);
    dbr_free(r);
    return st;
}
