/* jsonl_read.c - the `jsonl` reader: one record a line, memory bounded by the longest line.
 *
 * How records become documents (formats/json.md, "Reading JSONL back"):
 *  - a "document" record opens a document (closing any open one); when it has "content" the
 *    whole document is on that line and it is closed there;
 *  - a "document_end" record completes the open document's provenance and closes it;
 *  - a block or unit record ("type" may be left out: "variants" makes a unit) goes into the
 *    open document when its "doc" is absent or equal to that document's id; otherwise the open
 *    document is closed and a new one with that id is opened;
 *  - at the end of input an open document is closed.
 * A line that is not a valid record fails the conversion naming the line, or with
 * --skip-bad-records is skipped and counted in a warning. */
#include "jsonl.h"
#include "json_model.h"

#include <stdio.h>
#include <string.h>

typedef struct jsonl_reader {
    dbr_job *job;
    dbr_input *in;
    dbr_sink *sink;
    dbr_pool *doc_pool, *item_pool;
    dbr_doc doc;
    int open;              /* a document has begun and not ended */
    long line;
    json_err err;          /* why the current record is bad */
    long err_col;
} jsonl_reader;

/* Outcome of one record: OK, BAD (the record is at fault: may be skipped) or the sink's or
 * the input's failure status. */
#define JSONL_BAD ((dbr_status)100)

static dbr_status bad(jsonl_reader *r, long col, const char *msg)
{
    snprintf(r->err.msg, sizeof r->err.msg, "%s", msg);
    r->err_col = col;
    return JSONL_BAD;
}

static dbr_status jsonl_close(jsonl_reader *r)
{
    if (!r->open)
        return DBR_OK;
    r->open = 0;
    return dbr_sink_end_document(r->sink, &r->doc);
}

static dbr_status jsonl_open(jsonl_reader *r, const char *id)
{
    dbr_pool_reset(r->doc_pool);
    dbr_doc_init(&r->doc);
    r->doc.id = dbr_pool_strdup(r->doc_pool, id);
    r->open = 1;
    return dbr_sink_begin_document(r->sink, &r->doc);
}

/* Emits a block or unit object (from a line or a document's "content"). */
static dbr_status jsonl_item(jsonl_reader *r, const cJSON *o, const char *type)
{
    dbr_pool_reset(r->item_pool);
    if (strcmp(type, "block") == 0) {
        dbr_block b;
        if (json_read_block(r->item_pool, o, &b, &r->err) != 0)
            return JSONL_BAD;
        return dbr_sink_block(r->sink, &b);
    }
    dbr_unit u;
    if (json_read_unit(r->item_pool, o, &u, &r->err) != 0)
        return JSONL_BAD;
    return dbr_sink_unit(r->sink, &u);
}

static const char *jsonl_doc_ref(const cJSON *o, jsonl_reader *r, int *ok)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(o, "doc");
    *ok = !d || cJSON_IsString(d);
    if (!*ok)
        bad(r, 0, "field 'doc' must be a string");
    return d && cJSON_IsString(d) ? d->valuestring : NULL;
}

static dbr_status jsonl_content_item(jsonl_reader *r, const cJSON *o)
{
    int ok;
    const char *ref = jsonl_doc_ref(o, r, &ok);
    const char *type = ok ? json_item_type(o, &r->err) : NULL;
    if (!type)
        return JSONL_BAD;
    dbr_status st = DBR_OK;
    if (!r->open || (ref && (!r->doc.id || strcmp(ref, r->doc.id) != 0))) {
        st = jsonl_close(r);
        if (st == DBR_OK)
            st = jsonl_open(r, ref);
    }
    return st == DBR_OK ? jsonl_item(r, o, type) : st;
}

/* Checks a whole "document" record before any event, so a bad line emits nothing. */
static dbr_status jsonl_document_meta(jsonl_reader *r, const cJSON *o, dbr_doc *d)
{
    for (const cJSON *m = o->child; m; m = m->next) {
        if (!strcmp(m->string, "type") || !strcmp(m->string, "content"))
            continue;
        if (json_read_doc_member(r->doc_pool, m->string, m, d, &r->err) != 0)
            return JSONL_BAD;
    }
    const cJSON *content = cJSON_GetObjectItemCaseSensitive(o, "content");
    if (content && !cJSON_IsArray(content))
        return bad(r, 0, "field 'content' of document must be an array");
    for (const cJSON *it = content ? content->child : NULL; it; it = it->next) {
        json_err e = {{0}};
        if (!cJSON_IsObject(it) || !json_item_type(it, &e))
            return bad(r, 0, "each content item must be a block or unit object");
    }
    return DBR_OK;
}

static dbr_status jsonl_document(jsonl_reader *r, const cJSON *o)
{
    dbr_status st = jsonl_close(r);
    if (st != DBR_OK)
        return st;
    dbr_pool_reset(r->doc_pool);
    dbr_doc_init(&r->doc);
    if ((st = jsonl_document_meta(r, o, &r->doc)) != DBR_OK)
        return st;
    r->open = 1;
    if ((st = dbr_sink_begin_document(r->sink, &r->doc)) != DBR_OK)
        return st;
    const cJSON *content = cJSON_GetObjectItemCaseSensitive(o, "content");
    if (!content)
        return DBR_OK;
    json_err e = {{0}};
    for (const cJSON *it = content->child; it && st == DBR_OK; it = it->next)
        st = jsonl_item(r, it, json_item_type(it, &e));
    /* A bad item after events were sent cannot be skipped cleanly: it fails the line. */
    if (st == JSONL_BAD)
        return dbr_job_fail(r->job, DBR_FAILED, r->line, 0, -1, "bad record: %s", r->err.msg);
    return st == DBR_OK ? jsonl_close(r) : st;
}

static const char *const END_MEMBERS[] = {"type", "doc", "langs", "provenance", NULL};

static dbr_status jsonl_document_end(jsonl_reader *r, const cJSON *o)
{
    for (const cJSON *m = o->child; m; m = m->next) {
        int known = 0;
        for (const char *const *k = END_MEMBERS; *k; k++)
            known |= strcmp(*k, m->string) == 0;
        if (!known) {
            snprintf(r->err.msg, sizeof r->err.msg, "unknown field '%s' in document_end",
                     m->string);
            return JSONL_BAD;
        }
    }
    int ok;
    const char *ref = jsonl_doc_ref(o, r, &ok);
    if (!ok)
        return JSONL_BAD;
    if (!r->open)
        return bad(r, 0, "document_end without an open document");
    if (ref && (!r->doc.id || strcmp(ref, r->doc.id) != 0))
        return bad(r, 0, "document_end names a document other than the open one");
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "provenance");
    dbr_provenance prov = r->doc.prov;
    if (p && json_read_provenance(r->doc_pool, p, &prov, &r->err) != 0)
        return JSONL_BAD;
    const cJSON *langs = cJSON_GetObjectItemCaseSensitive(o, "langs");
    if (langs && json_read_langs(r->doc_pool, langs, &r->doc, &r->err) != 0)
        return JSONL_BAD;
    r->doc.prov = prov;
    return jsonl_close(r);
}

static dbr_status jsonl_record(jsonl_reader *r, const cJSON *o)
{
    if (!cJSON_IsObject(o))
        return bad(r, 1, "a record must be a JSON object");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "type");
    if (t && !cJSON_IsString(t))
        return bad(r, 0, "field 'type' must be a string");
    const char *type = t ? t->valuestring : NULL;
    if (type && strcmp(type, "document") == 0)
        return jsonl_document(r, o);
    if (type && strcmp(type, "document_end") == 0)
        return jsonl_document_end(r, o);
    if (type && strcmp(type, "block") != 0 && strcmp(type, "unit") != 0)
        return bad(r, 0, "unknown record type (expected document, block, unit or "
                         "document_end)");
    return jsonl_content_item(r, o);
}

static int jsonl_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            return 0;
    return 1;
}

static dbr_status jsonl_line(jsonl_reader *r, const char *line, size_t len)
{
    size_t off;
    if (json_depth_check(line, len, JSON_MAX_DEPTH, &off) != 0) {
        long l, c;
        json_locate(line, off, &l, &c);
        snprintf(r->err.msg, sizeof r->err.msg, "record nests deeper than %d levels",
                 JSON_MAX_DEPTH);
        r->err_col = c;
        return JSONL_BAD;
    }
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    if (!o || (end && end < line + len && !jsonl_blank(end, (size_t)(line + len - end)))) {
        long l, c;
        size_t at = end && end >= line && end <= line + len ? (size_t)(end - line) : 0;
        json_locate(line, at, &l, &c);
        cJSON_Delete(o);
        return bad(r, c, o || at + 1 < len ? "invalid JSON"
                                           : "invalid JSON: the line ends before the record does");
    }
    r->err_col = 0;
    dbr_status st = jsonl_record(r, o);
    cJSON_Delete(o);
    return st;
}

static dbr_status jsonl_loop(jsonl_reader *r, int skip_bad)
{
    long long skipped = 0;
    dbr_status st = DBR_OK;
    for (;;) {
        const char *line;
        size_t len;
        if ((st = dbr_input_getline(r->in, &line, &len, r->job->err)) != DBR_OK || !line)
            break;
        r->line = dbr_input_lineno(r->in);
        if (jsonl_blank(line, len))
            continue;
        st = jsonl_line(r, line, len);
        if (st != JSONL_BAD)
            if (st != DBR_OK)
                break;
        if (st == JSONL_BAD && !skip_bad)
            return dbr_job_fail(r->job, DBR_FAILED, r->line, r->err_col, -1,
                                "bad record on line %ld: %s (--skip-bad-records skips such "
                                "lines)", r->line, r->err.msg);
        if (st == JSONL_BAD) {
            if (++skipped <= 10)
                dbr_job_warn(r->job, r->line, r->err_col, "skipped bad record on line %ld: %s",
                             r->line, r->err.msg);
            st = DBR_OK;
        }
    }
    if (st == DBR_OK)
        st = jsonl_close(r);
    if (st == DBR_OK && skipped)
        dbr_job_warn(r->job, 0, 0, "skipped %lld bad record line(s)", skipped);
    return st;
}

dbr_status jsonl_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state;
    jsonl_reader r = {.job = job, .in = in, .sink = sink};
    r.doc_pool = dbr_pool_new();
    r.item_pool = dbr_pool_new();
    int skip_bad = dbr_options_get_bool(job->opts, "skip-bad-records", 0) ||
                   dbr_options_get_bool(job->opts, "lenient", 0);
    dbr_status st = r.doc_pool && r.item_pool
                        ? jsonl_loop(&r, skip_bad)
                        : dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    dbr_pool_free(r.doc_pool);
    dbr_pool_free(r.item_pool);
    return st;
}
