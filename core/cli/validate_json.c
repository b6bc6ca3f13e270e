/* validate_json.c - JSON and JSONL against formats/dataset.schema.json, in flat memory.
 *
 * A JSONL file is checked line by line against $defs/record. A json dataset is streamed with
 * the json plugin's scanner (plugins/json/json_scan.c, compiled in): the envelope is checked
 * against $defs/dataset, each document's members against $defs/document (with its content
 * left empty) and each content item on its own against $defs/item, so a 1 GB dataset never
 * becomes one tree. Findings carry the line and column of the record they are in. */
#include "validate.h"

#include "json_model.h"
#include "json_scan.h"
#include "jsonschema.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void report_js(vreport *r, long line, long col, const js_error *e)
{
    vreport_error(r, line, col, e->rule, "%s: %s", e->path, e->message);
}

static void check_piece(vreport *r, const cJSON *schema, const char *def, const cJSON *v,
                        const char *path, long line, long col)
{
    js_error e;
    if (js_validate(schema, def, v, path, &e) != 0)
        report_js(r, line, col, &e);
}

typedef struct vjson {
    json_scan scan;
    const cJSON *schema;
    vreport *r;
} vjson;

static int check_content(vjson *v, const char *doc_path)
{
    json_scan *s = &v->scan;
    if (json_scan_expect(s, '[', "'[' to open \"content\"") != DBR_OK)
        return -1;
    if (json_scan_peek(s) == ']') {
        json_scan_skip(s);
        return 0;
    }
    for (int i = 0;; i++) {
        cJSON *item = NULL;
        if (json_scan_value(s, &item) != DBR_OK)
            return -1;
        char path[128];
        snprintf(path, sizeof path, "%s/content/%d", doc_path, i);
        check_piece(v->r, v->schema, "#/$defs/item", item, path, s->raw_line, s->raw_col);
        cJSON_Delete(item);
        int more = json_scan_next(s, ']', "after a content item");
        if (more <= 0)
            return more;
    }
}

static int check_document(vjson *v, int index)
{
    json_scan *s = &v->scan;
    long line = s->line, col = s->col;
    if (json_scan_expect(s, '{', "'{' to open a document") != DBR_OK)
        return -1;
    char path[64];
    snprintf(path, sizeof path, "/documents/%d", index);
    cJSON *doc = cJSON_CreateObject();
    int rc = doc ? 0 : -1, more = 1;
    if (rc == 0 && json_scan_peek(s) == '}') {
        json_scan_skip(s);
        more = 0;
    }
    while (rc == 0 && more > 0) {
        char key[64];
        if (json_scan_key(s, key, sizeof key) != DBR_OK) {
            rc = -1;
            break;
        }
        cJSON *val = NULL;
        if (strcmp(key, "content") == 0) {
            rc = check_content(v, path);
            val = cJSON_CreateArray(); /* the items were checked one by one */
        } else if (json_scan_value(s, &val) != DBR_OK) {
            rc = -1;
        }
        if (val)
            cJSON_AddItemToObject(doc, key, val);
        if (rc == 0 && (more = json_scan_next(s, '}', "after a document member")) < 0)
            rc = -1;
    }
    if (rc == 0)
        check_piece(v->r, v->schema, "#/$defs/document", doc, path, line, col);
    cJSON_Delete(doc);
    return rc;
}

static int check_documents(vjson *v)
{
    json_scan *s = &v->scan;
    if (json_scan_expect(s, '[', "'[' to open \"documents\"") != DBR_OK)
        return -1;
    if (json_scan_peek(s) == ']') {
        json_scan_skip(s);
        return 0;
    }
    for (int i = 0;; i++) {
        if (check_document(v, i) != 0)
            return -1;
        int more = json_scan_next(s, ']', "after a document");
        if (more <= 0)
            return more;
    }
}

static int check_envelope(vjson *v)
{
    json_scan *s = &v->scan;
    if (json_scan_expect(s, '{', "'{' to open the dataset") != DBR_OK)
        return -1;
    cJSON *env = cJSON_CreateObject();
    int rc = env ? 0 : -1, more = 1;
    if (rc == 0 && json_scan_peek(s) == '}') {
        json_scan_skip(s);
        more = 0;
    }
    while (rc == 0 && more > 0) {
        char key[64];
        cJSON *val = NULL;
        if (json_scan_key(s, key, sizeof key) != DBR_OK) {
            rc = -1;
            break;
        }
        if (strcmp(key, "documents") == 0) {
            rc = check_documents(v);
            val = cJSON_CreateArray();
        } else if (json_scan_value(s, &val) != DBR_OK) {
            rc = -1;
        }
        if (val)
            cJSON_AddItemToObject(env, key, val);
        if (rc == 0 && (more = json_scan_next(s, '}', "after a dataset member")) < 0)
            rc = -1;
    }
    if (rc == 0 && json_scan_peek(s) >= 0) {
        json_scan_fail(s, "end of input after the dataset");
        rc = -1;
    }
    if (rc == 0)
        check_piece(v->r, v->schema, "#/$defs/dataset", env, "", 1, 1);
    cJSON_Delete(env);
    return rc;
}

static dbr_input *open_input(const char *path, dbr_error *err, vreport *r)
{
    dbr_input_config cfg = {0};
    dbr_input *in = dbr_input_open_file(path, &cfg, err);
    if (!in) {
        char line[2048];
        dbr_error_format(err, line, sizeof line);
        vreport_broken(r, "%s", line);
    }
    return in;
}

void validate_json_dataset(const char *path, const cJSON *schema, vreport *r)
{
    dbr_error err;
    dbr_error_clear(&err);
    dbr_input *in = open_input(path, &err, r);
    if (!in)
        return;
    dbr_job job = {.err = &err, .source_name = path};
    vjson *v = calloc(1, sizeof *v);
    if (!v) {
        vreport_broken(r, "out of memory");
        dbr_input_free(in);
        return;
    }
    json_scan_init(&v->scan, in, &job);
    v->schema = schema;
    v->r = r;
    if (check_envelope(v) != 0)
        vreport_error(r, err.line, err.column, "JSON syntax", "%s", err.message);
    json_scan_free(&v->scan);
    free(v);
    dbr_input_free(in);
}

void validate_jsonl(const char *path, const cJSON *schema, vreport *r)
{
    dbr_error err;
    dbr_error_clear(&err);
    dbr_input *in = open_input(path, &err, r);
    if (!in)
        return;
    const char *line;
    size_t len;
    while (dbr_input_getline(in, &line, &len, &err) == DBR_OK && line) {
        long n = dbr_input_lineno(in);
        if (len == strspn(line, " \t\r"))
            continue;
        size_t off;
        if (json_depth_check(line, len, JSON_MAX_DEPTH, &off) != 0) {
            vreport_error(r, n, (long)off + 1, "JSON syntax", "nests deeper than %d levels",
                          JSON_MAX_DEPTH);
            continue;
        }
        const char *end = NULL;
        cJSON *v = cJSON_ParseWithLengthOpts(line, len, &end, 0);
        if (!v) {
            long l, c;
            json_locate(line, end && end >= line ? (size_t)(end - line) : 0, &l, &c);
            vreport_error(r, n, c, "JSON syntax", "invalid JSON");
            continue;
        }
        check_piece(r, schema, "#/$defs/record", v, "", n, 1);
        cJSON_Delete(v);
    }
    if (err.message[0]) {
        char msg[2048];
        dbr_error_format(&err, msg, sizeof msg);
        vreport_broken(r, "%s", msg);
    }
    dbr_input_free(in);
}
