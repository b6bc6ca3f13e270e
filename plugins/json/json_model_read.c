/* json_model_read.c - cJSON records -> model (formats/json.md). Every member is type-checked
 * and unknown members are refused, naming the field, so a typo never loses data silently. */
#include "json_model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int fail(json_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(json_err *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

static int oom(json_err *err) { return fail(err, "out of memory"); }

/* Refuses members of obj not in the NULL-terminated list `known`. */
static int check_members(const cJSON *obj, const char *what, const char *const *known,
                         json_err *err)
{
    for (const cJSON *c = obj->child; c; c = c->next) {
        int ok = 0;
        for (const char *const *k = known; *k && !ok; k++)
            ok = strcmp(c->string, *k) == 0;
        if (!ok)
            return fail(err, "unknown field '%s' in %s", c->string, what);
    }
    return 0;
}

/* Optional string member: *out = pool copy, or untouched when absent. */
static int get_string(dbr_pool *pool, const cJSON *obj, const char *key, const char *what,
                      const char **out, json_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (!cJSON_IsString(v))
        return fail(err, "field '%s' of %s must be a string", key, what);
    *out = dbr_pool_strdup(pool, v->valuestring);
    return *out ? 0 : oom(err);
}

/* Optional integer member. */
static int get_long(const cJSON *obj, const char *key, const char *what, long long *out,
                    json_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        fabs(v->valuedouble) > 9007199254740992.0)
        return fail(err, "field '%s' of %s must be an integer", key, what);
    *out = (long long)v->valuedouble;
    return 0;
}

static int read_props(dbr_pool *pool, const cJSON *obj, const char *key, const char *what,
                      dbr_props *props, json_err *err)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return fail(err, "field '%s' of %s must be an array of [key, value] pairs", key, what);
    size_t i = 0;
    for (const cJSON *p = arr->child; p; p = p->next, i++) {
        const cJSON *k = p->child;
        const cJSON *v = k ? k->next : NULL;
        if (!cJSON_IsArray(p) || !cJSON_IsString(k) || !cJSON_IsString(v) || v->next)
            return fail(err, "%s.%s[%zu] must be a [key, value] pair of strings", what, key, i);
        if (dbr_props_add(pool, props, k->valuestring, v->valuestring) != 0)
            return oom(err);
    }
    return 0;
}

static int read_strings(dbr_pool *pool, const cJSON *obj, const char *key, const char *what,
                        const char ***out, size_t *n, json_err *err)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return fail(err, "field '%s' of %s must be an array of strings", key, what);
    size_t count = (size_t)cJSON_GetArraySize(arr);
    const char **a = dbr_pool_alloc(pool, (count ? count : 1) * sizeof *a);
    if (!a)
        return oom(err);
    size_t i = 0;
    for (const cJSON *s = arr->child; s; s = s->next, i++) {
        if (!cJSON_IsString(s))
            return fail(err, "%s.%s[%zu] must be a string", what, key, i);
        if (!(a[i] = dbr_pool_strdup(pool, s->valuestring)))
            return oom(err);
    }
    *out = a;
    *n = count;
    return 0;
}

static const char *const NOTE_MEMBERS[] = {"text", "lang", "props", NULL};

static int read_notes(dbr_pool *pool, const cJSON *obj, const char *what, dbr_notes *notes,
                      json_err *err)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, "notes");
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return fail(err, "field 'notes' of %s must be an array", what);
    for (const cJSON *n = arr->child; n; n = n->next) {
        const char *text = NULL, *lang = NULL;
        if (!cJSON_IsObject(n))
            return fail(err, "each note of %s must be an object", what);
        if (check_members(n, "note", NOTE_MEMBERS, err) ||
            get_string(pool, n, "text", "note", &text, err) ||
            get_string(pool, n, "lang", "note", &lang, err))
            return -1;
        if (!text)
            return fail(err, "a note of %s has no 'text'", what);
        dbr_note *note = dbr_notes_add(pool, notes, text, lang);
        if (!note)
            return oom(err);
        if (read_props(pool, n, "props", "note", &note->props, err))
            return -1;
    }
    return 0;
}

static int span_kind_from_name(const char *name)
{
    static const char *const names[] = {"open", "close", "placeholder", "mark_open",
                                        "mark_close"};
    for (int i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0)
            return i + 1;
    return -1;
}

static const char *const CODE_MEMBERS[] = {"kind", "id", "data", "type", "origin", "flags",
                                           "attrs", NULL};

static int read_flags(const cJSON *code, unsigned *flags, json_err *err)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(code, "flags");
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return fail(err, "field 'flags' of a code must be an array");
    for (const cJSON *f = arr->child; f; f = f->next) {
        if (cJSON_IsString(f) && strcmp(f->valuestring, "isolated") == 0)
            *flags |= DBR_SPAN_ISOLATED;
        else if (cJSON_IsString(f) && strcmp(f->valuestring, "wellformed") == 0)
            *flags |= DBR_SPAN_WELLFORMED;
        else
            return fail(err, "unknown code flag (expected \"isolated\" or \"wellformed\")");
    }
    return 0;
}

static int read_code(dbr_pool *pool, const cJSON *c, dbr_rich *r, json_err *err)
{
    const char *kind = NULL, *id = NULL, *data = NULL, *type = NULL, *origin = NULL;
    if (check_members(c, "code", CODE_MEMBERS, err) ||
        get_string(pool, c, "kind", "code", &kind, err) ||
        get_string(pool, c, "id", "code", &id, err) ||
        get_string(pool, c, "data", "code", &data, err) ||
        get_string(pool, c, "type", "code", &type, err) ||
        get_string(pool, c, "origin", "code", &origin, err))
        return -1;
    int k = kind ? span_kind_from_name(kind) : -1;
    if (k < 0)
        return fail(err, "code 'kind' must be open, close, placeholder, mark_open or mark_close");
    dbr_span *s = dbr_rich_add_code(pool, r, (dbr_span_kind)k, id, data);
    if (!s)
        return oom(err);
    s->type = type;
    s->origin = origin;
    return read_flags(c, &s->flags, err) || read_props(pool, c, "attrs", "code", &s->attrs, err)
               ? -1 : 0;
}

/* Reads "text" and "spans" of obj into r. With spans, "text" must equal their text, so an
 * edit to one of the two is never silently dropped. */
static int read_rich(dbr_pool *pool, const cJSON *obj, const char *what, dbr_rich *r,
                     json_err *err)
{
    memset(r, 0, sizeof *r);
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
    const cJSON *spans = cJSON_GetObjectItemCaseSensitive(obj, "spans");
    if (text && !cJSON_IsString(text))
        return fail(err, "field 'text' of %s must be a string", what);
    if (!spans)
        return text && dbr_rich_set_plain(pool, r, text->valuestring) != 0 ? oom(err) : 0;
    if (!cJSON_IsArray(spans))
        return fail(err, "field 'spans' of %s must be an array", what);
    size_t i = 0;
    for (const cJSON *s = spans->child; s; s = s->next, i++) {
        if (cJSON_IsString(s)) {
            if (dbr_rich_add_text(pool, r, s->valuestring, strlen(s->valuestring)) != 0)
                return oom(err);
        } else if (cJSON_IsObject(s)) {
            if (read_code(pool, s, r, err) != 0)
                return -1;
        } else {
            return fail(err, "%s.spans[%zu] must be a string or a code object", what, i);
        }
    }
    if (text) {
        const char *plain = dbr_rich_plain_dup(pool, r);
        if (!plain)
            return oom(err);
        if (strcmp(plain, text->valuestring) != 0)
            return fail(err, "field 'text' of %s differs from the text of its 'spans'", what);
    }
    return 0;
}

static const char *const BLOCK_MEMBERS[] = {"type", "doc", "id", "kind", "level", "lang",
                                            "text", "spans", "cells", "page", "line", "props",
                                            NULL};

int json_read_block(dbr_pool *pool, const cJSON *o, dbr_block *b, json_err *err)
{
    memset(b, 0, sizeof *b);
    const char *kind = NULL;
    long long level = 0, page = 0, line = 0;
    if (check_members(o, "block", BLOCK_MEMBERS, err) ||
        get_string(pool, o, "id", "block", &b->id, err) ||
        get_string(pool, o, "kind", "block", &kind, err) ||
        get_string(pool, o, "lang", "block", &b->lang, err) ||
        get_long(o, "level", "block", &level, err) || get_long(o, "page", "block", &page, err) ||
        get_long(o, "line", "block", &line, err) || read_rich(pool, o, "block", &b->text, err) ||
        read_strings(pool, o, "cells", "block", &b->cells, &b->ncells, err) ||
        read_props(pool, o, "props", "block", &b->props, err))
        return -1;
    int k = kind ? dbr_block_kind_from_name(kind) : DBR_BLOCK_PARAGRAPH;
    if (k < 0)
        return fail(err, "unknown block kind '%s'", kind);
    if (level < 0 || level > 1000000 || page < 0 || line < 0)
        return fail(err, "block 'level', 'page' and 'line' must not be negative");
    b->kind = (dbr_block_kind)k;
    b->level = (int)level;
    b->page = (long)page;
    b->line = (long)line;
    return 0;
}

static const char *const VARIANT_MEMBERS[] = {"lang", "text", "spans", "plurals", "state",
                                              "notes", "props", NULL};
static const char *const PLURAL_MEMBERS[] = {"text", "spans", NULL};

static int read_plurals(dbr_pool *pool, const cJSON *o, dbr_variant *v, json_err *err)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(o, "plurals");
    if (!arr)
        return 0;
    if (!cJSON_IsArray(arr))
        return fail(err, "field 'plurals' of a variant must be an array");
    size_t n = (size_t)cJSON_GetArraySize(arr);
    if (!n)
        return 0;
    v->plurals = dbr_pool_alloc(pool, n * sizeof *v->plurals);
    if (!v->plurals)
        return oom(err);
    for (const cJSON *p = arr->child; p; p = p->next) {
        if (!cJSON_IsObject(p))
            return fail(err, "each plural form must be an object with 'text'");
        if (check_members(p, "plural form", PLURAL_MEMBERS, err) ||
            read_rich(pool, p, "plural form", &v->plurals[v->nplurals++], err))
            return -1;
    }
    return 0;
}

static int read_variant(dbr_pool *pool, const cJSON *o, dbr_unit *u, json_err *err)
{
    if (!cJSON_IsObject(o))
        return fail(err, "each variant must be an object");
    const char *lang = NULL;
    if (check_members(o, "variant", VARIANT_MEMBERS, err) ||
        get_string(pool, o, "lang", "variant", &lang, err))
        return -1;
    dbr_variant *v = dbr_unit_add_variant(pool, u, lang);
    if (!v)
        return oom(err);
    return read_rich(pool, o, "variant", &v->text, err) || read_plurals(pool, o, v, err) ||
                   get_string(pool, o, "state", "variant", &v->state, err) ||
                   read_notes(pool, o, "variant", &v->notes, err) ||
                   read_props(pool, o, "props", "variant", &v->props, err)
               ? -1 : 0;
}

/* "uid" is derived (dbr_make_unit_id) and recomputed on every write: accepted, not kept. */
static const char *const UNIT_MEMBERS[] = {"type", "doc", "uid", "id", "variants", "notes",
                                           "props", "score", "bead", "origin", NULL};

static int read_score(const cJSON *o, dbr_unit *u, json_err *err)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "score");
    if (!s)
        return 0;
    if (cJSON_IsNull(s))
        u->score = NAN; /* the writer's form of a non-finite score */
    else if (cJSON_IsNumber(s))
        u->score = s->valuedouble;
    else
        return fail(err, "field 'score' of unit must be a number");
    u->has_score = 1;
    return 0;
}

int json_read_unit(dbr_pool *pool, const cJSON *o, dbr_unit *u, json_err *err)
{
    memset(u, 0, sizeof *u);
    if (check_members(o, "unit", UNIT_MEMBERS, err) ||
        get_string(pool, o, "id", "unit", &u->id, err))
        return -1;
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(o, "variants");
    if (vars && !cJSON_IsArray(vars))
        return fail(err, "field 'variants' of unit must be an array");
    for (const cJSON *v = vars ? vars->child : NULL; v; v = v->next)
        if (read_variant(pool, v, u, err) != 0)
            return -1;
    return read_notes(pool, o, "unit", &u->notes, err) ||
                   read_props(pool, o, "props", "unit", &u->props, err) ||
                   read_score(o, u, err) || get_string(pool, o, "bead", "unit", &u->bead, err) ||
                   get_string(pool, o, "origin", "unit", &u->origin, err)
               ? -1 : 0;
}

static const char *const PROV_MEMBERS[] = {"source_path", "member", "format", "encoding",
                                           "encoding_confidence", "byte_size", "sha256",
                                           "invalid_bytes", "removed_controls", "converter",
                                           "created", NULL};

int json_read_provenance(dbr_pool *pool, const cJSON *o, dbr_provenance *p, json_err *err)
{
    if (!cJSON_IsObject(o))
        return fail(err, "field 'provenance' must be an object");
    const cJSON *conf = cJSON_GetObjectItemCaseSensitive(o, "encoding_confidence");
    if (conf && !cJSON_IsNumber(conf))
        return fail(err, "field 'encoding_confidence' of provenance must be a number");
    if (conf)
        p->encoding_confidence = conf->valuedouble;
    return check_members(o, "provenance", PROV_MEMBERS, err) ||
                   get_string(pool, o, "source_path", "provenance", &p->source_path, err) ||
                   get_string(pool, o, "member", "provenance", &p->member, err) ||
                   get_string(pool, o, "format", "provenance", &p->format, err) ||
                   get_string(pool, o, "encoding", "provenance", &p->encoding, err) ||
                   get_long(o, "byte_size", "provenance", &p->byte_size, err) ||
                   get_string(pool, o, "sha256", "provenance", &p->sha256, err) ||
                   get_long(o, "invalid_bytes", "provenance", &p->invalid_bytes, err) ||
                   get_long(o, "removed_controls", "provenance", &p->removed_controls, err) ||
                   get_string(pool, o, "converter", "provenance", &p->converter, err) ||
                   get_string(pool, o, "created", "provenance", &p->created, err)
               ? -1 : 0;
}

static const char *const DOC_MEMBERS[] = {"id", "title", "lang", "langs", "authors", "date",
                                          "publisher", "url", "description", "notes", "props",
                                          "more_langs", "provenance", NULL};

/* "more_langs": appended to "langs", each language once. */
static int read_more_langs(dbr_pool *pool, const cJSON *obj, dbr_doc *d, json_err *err)
{
    const char **more = NULL;
    size_t n = 0;
    if (read_strings(pool, obj, "more_langs", "document", &more, &n, err) != 0)
        return -1;
    const char **all = dbr_pool_alloc(pool, (d->nlangs + n + 1) * sizeof *all);
    if (!all)
        return oom(err);
    size_t k = d->nlangs;
    if (k)
        memcpy(all, d->langs, k * sizeof *all);
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < k && strcmp(all[j], more[i]) != 0)
            j++;
        if (j == k)
            all[k++] = more[i];
    }
    d->langs = all;
    d->nlangs = k;
    return 0;
}

int json_is_doc_member(const char *key)
{
    for (const char *const *k = DOC_MEMBERS; *k; k++)
        if (strcmp(*k, key) == 0)
            return 1;
    return 0;
}

int json_read_langs(dbr_pool *pool, const cJSON *val, dbr_doc *d, json_err *err)
{
    return json_read_doc_member(pool, "langs", val, d, err);
}

/* Applies one member by wrapping it in a one-member object, so the field helpers above serve
 * both whole-record and member-at-a-time (streaming) reading. */
int json_read_doc_member(dbr_pool *pool, const char *key, const cJSON *val, dbr_doc *d,
                         json_err *err)
{
    if (!json_is_doc_member(key))
        return fail(err, "unknown field '%s' in document", key);
    if (strcmp(key, "provenance") == 0)
        return json_read_provenance(pool, val, &d->prov, err);
    cJSON wrap, item = *val;
    memset(&wrap, 0, sizeof wrap);
    wrap.type = cJSON_Object;
    item.string = (char *)key;
    item.next = item.prev = NULL;
    wrap.child = &item;
    if (strcmp(key, "langs") == 0)
        return read_strings(pool, &wrap, key, "document", &d->langs, &d->nlangs, err);
    if (strcmp(key, "more_langs") == 0)
        return read_more_langs(pool, &wrap, d, err);
    if (strcmp(key, "authors") == 0)
        return read_strings(pool, &wrap, key, "document", &d->authors, &d->nauthors, err);
    if (strcmp(key, "notes") == 0)
        return read_notes(pool, &wrap, "document", &d->notes, err);
    if (strcmp(key, "props") == 0)
        return read_props(pool, &wrap, key, "document", &d->props, err);
    const char **slot = !strcmp(key, "id")          ? &d->id
                        : !strcmp(key, "title")     ? &d->title
                        : !strcmp(key, "lang")      ? &d->lang
                        : !strcmp(key, "date")      ? &d->date
                        : !strcmp(key, "publisher") ? &d->publisher
                        : !strcmp(key, "url")       ? &d->url
                                                    : &d->description;
    return get_string(pool, &wrap, key, "document", slot, err);
}

const char *json_item_type(const cJSON *obj, json_err *err)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, "type");
    if (!t)
        return cJSON_GetObjectItemCaseSensitive(obj, "variants") ? "unit" : "block";
    if (cJSON_IsString(t) && (!strcmp(t->valuestring, "block") || !strcmp(t->valuestring, "unit")))
        return t->valuestring;
    fail(err, "content 'type' must be \"block\" or \"unit\"");
    return NULL;
}

/* Index just past the closing quote of the string whose body starts at i (len when it never
 * closes). memchr jumps from quote to quote instead of stepping byte by byte (this check was
 * 4% of JSONL -> XML); a quote after an odd run of backslashes is escaped. */
static size_t json_string_end(const char *t, size_t i, size_t len)
{
    for (;;) {
        const char *q = memchr(t + i, '"', len - i);
        if (!q)
            return len;
        size_t k = (size_t)(q - t), backslashes = 0;
        while (k - backslashes > i && t[k - backslashes - 1] == '\\')
            backslashes++;
        if (backslashes % 2 == 0)
            return k + 1;
        i = k + 1;
    }
}

int json_depth_check(const char *text, size_t len, int max, size_t *offset)
{
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"') {
            i = json_string_end(text, i + 1, len) - 1;
        } else if (c == '[' || c == '{') {
            if (++depth > max) {
                *offset = i;
                return -1;
            }
        } else if (c == ']' || c == '}') {
            depth--;
        }
    }
    return 0;
}

void json_locate(const char *text, size_t off, long *line, long *col)
{
    long l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
