/* jsonschema.c - see jsonschema.h. Validation stops at the first failure, which it reports
 * with the instance path and the schema keyword (the "rule"). For oneOf/anyOf it reports the
 * failure of the branch whose "type" const matches the instance's "type" member, which is what
 * a reader of formats/dataset.schema.json wants to see ("block: unknown member 'colour'"), not
 * "matches none of 4 alternatives". */
#include "jsonschema.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define JS_MAX_DEPTH 128

typedef struct js_ctx {
    const cJSON *root;
    js_error *err;
    int depth;
} js_ctx;

static const char *const KNOWN[] = {
    "$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "items",
    "minItems", "maxItems", "minimum", "maximum", "oneOf", "anyOf", "allOf",
    "$schema", "$id", "$defs", "title", "description", "$comment", NULL};

static int fail(js_ctx *c, const char *path, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(js_ctx *c, const char *path, const char *rule, const char *fmt, ...)
{
    snprintf(c->err->path, sizeof c->err->path, "%s", *path ? path : "/");
    snprintf(c->err->rule, sizeof c->err->rule, "%s", rule);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
    va_end(ap);
    return -1;
}

/* Resolves "#/a/b" within root (no ~ escapes are needed by our schema, but are handled). */
static const cJSON *resolve(const cJSON *root, const char *ptr)
{
    if (!ptr || ptr[0] != '#')
        return NULL;
    const cJSON *cur = root;
    const char *p = ptr + 1;
    while (*p == '/' && cur) {
        p++;
        char tok[128];
        size_t n = 0;
        while (*p && *p != '/' && n + 1 < sizeof tok) {
            if (p[0] == '~' && (p[1] == '0' || p[1] == '1')) {
                tok[n++] = p[1] == '0' ? '~' : '/';
                p += 2;
            } else {
                tok[n++] = *p++;
            }
        }
        tok[n] = '\0';
        cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
    }
    return *p ? NULL : cur;
}

static int check_node(const cJSON *s, char *where, size_t cap, js_error *err, int depth)
{
    if (depth > JS_MAX_DEPTH)
        return snprintf(err->message, sizeof err->message, "schema nests too deep"), -1;
    if (cJSON_IsBool(s))
        return 0;
    if (!cJSON_IsObject(s)) {
        snprintf(err->rule, sizeof err->rule, "%s", where);
        snprintf(err->message, sizeof err->message, "a schema must be an object or a boolean");
        return -1;
    }
    size_t len = strlen(where);
    for (const cJSON *k = s->child; k; k = k->next) {
        int ok = 0;
        for (const char *const *n = KNOWN; *n && !ok; n++)
            ok = strcmp(*n, k->string) == 0;
        if (!ok) {
            snprintf(err->rule, sizeof err->rule, "%s/%s", where, k->string);
            snprintf(err->message, sizeof err->message,
                     "schema keyword '%s' is not implemented by docbridge validate", k->string);
            return -1;
        }
        int sub_map = !strcmp(k->string, "properties") || !strcmp(k->string, "$defs");
        int sub_list = !strcmp(k->string, "oneOf") || !strcmp(k->string, "anyOf") ||
                       !strcmp(k->string, "allOf");
        int sub_one = !strcmp(k->string, "items") || !strcmp(k->string, "additionalProperties");
        int i = 0;
        for (const cJSON *c = (sub_map || sub_list) ? k->child : NULL; c; c = c->next, i++) {
            if (sub_map)
                snprintf(where + len, cap - len, "/%s/%s", k->string, c->string);
            else
                snprintf(where + len, cap - len, "/%s/%d", k->string, i);
            if (check_node(c, where, cap, err, depth + 1) != 0)
                return -1;
        }
        if (sub_one) {
            snprintf(where + len, cap - len, "/%s", k->string);
            if (check_node(k, where, cap, err, depth + 1) != 0)
                return -1;
        }
        where[len] = '\0';
    }
    return 0;
}

int js_check_schema(const cJSON *schema, js_error *err)
{
    char where[512] = "#";
    memset(err, 0, sizeof *err);
    return check_node(schema, where, sizeof where, err, 0);
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return "boolean";
    if (cJSON_IsNumber(v))
        return v->valuedouble == floor(v->valuedouble) ? "integer" : "number";
    if (cJSON_IsString(v))
        return "string";
    return cJSON_IsArray(v) ? "array" : "object";
}

static int type_is(const cJSON *v, const char *t)
{
    const char *actual = type_name(v);
    return !strcmp(actual, t) || (!strcmp(t, "number") && !strcmp(actual, "integer"));
}

static int equal(const cJSON *a, const cJSON *b) { return cJSON_Compare(a, b, 1); }

static int validate(js_ctx *c, const cJSON *s, const char *rule, const cJSON *v,
                    const char *path);

static int check_type(js_ctx *c, const cJSON *t, const char *rule, const cJSON *v,
                      const char *path)
{
    if (cJSON_IsString(t)) {
        if (!type_is(v, t->valuestring))
            return fail(c, path, rule, "expected %s, found %s", t->valuestring, type_name(v));
        return 0;
    }
    for (const cJSON *e = t->child; e; e = e->next)
        if (cJSON_IsString(e) && type_is(v, e->valuestring))
            return 0;
    return fail(c, path, rule, "%s is not one of the allowed types", type_name(v));
}

static int check_enum(js_ctx *c, const cJSON *e, const char *rule, const cJSON *v,
                      const char *path)
{
    for (const cJSON *x = e->child; x; x = x->next)
        if (equal(x, v))
            return 0;
    char *shown = cJSON_PrintUnformatted(v);
    int r = fail(c, path, rule, "%.80s is not one of the allowed values", shown ? shown : "value");
    cJSON_free(shown);
    return r;
}

static int check_object(js_ctx *c, const cJSON *s, const char *rule, const cJSON *v,
                        const char *path)
{
    char sub[512], subrule[512];
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
    const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
    const cJSON *addl = cJSON_GetObjectItemCaseSensitive(s, "additionalProperties");
    for (const cJSON *r = req ? req->child : NULL; r; r = r->next)
        if (cJSON_IsString(r) && !cJSON_GetObjectItemCaseSensitive(v, r->valuestring)) {
            snprintf(subrule, sizeof subrule, "%s/required", rule);
            return fail(c, path, subrule, "required member '%s' is missing", r->valuestring);
        }
    for (const cJSON *m = v->child; m; m = m->next) {
        snprintf(sub, sizeof sub, "%s/%s", path, m->string);
        const cJSON *ps = props ? cJSON_GetObjectItemCaseSensitive(props, m->string) : NULL;
        if (ps) {
            snprintf(subrule, sizeof subrule, "%s/properties/%s", rule, m->string);
            if (validate(c, ps, subrule, m, sub) != 0)
                return -1;
        } else if (addl) {
            snprintf(subrule, sizeof subrule, "%s/additionalProperties", rule);
            if (cJSON_IsFalse(addl))
                return fail(c, path, subrule, "member '%s' is not allowed here", m->string);
            if (validate(c, addl, subrule, m, sub) != 0)
                return -1;
        }
    }
    return 0;
}

static int check_array(js_ctx *c, const cJSON *s, const char *rule, const cJSON *v,
                       const char *path)
{
    char sub[512], subrule[512];
    int n = cJSON_GetArraySize(v);
    const cJSON *min = cJSON_GetObjectItemCaseSensitive(s, "minItems");
    const cJSON *max = cJSON_GetObjectItemCaseSensitive(s, "maxItems");
    if (min && n < min->valuedouble) {
        snprintf(subrule, sizeof subrule, "%s/minItems", rule);
        return fail(c, path, subrule, "%d item(s), at least %g expected", n, min->valuedouble);
    }
    if (max && n > max->valuedouble) {
        snprintf(subrule, sizeof subrule, "%s/maxItems", rule);
        return fail(c, path, subrule, "%d item(s), at most %g allowed", n, max->valuedouble);
    }
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(s, "items");
    int i = 0;
    for (const cJSON *e = items ? v->child : NULL; e; e = e->next, i++) {
        snprintf(sub, sizeof sub, "%s/%d", path, i);
        snprintf(subrule, sizeof subrule, "%s/items", rule);
        if (validate(c, items, subrule, e, sub) != 0)
            return -1;
    }
    return 0;
}

/* The const of a branch's "type" property, following one $ref (the discriminator). */
static const char *branch_tag(js_ctx *c, const cJSON *b)
{
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(b, "$ref");
    if (ref && cJSON_IsString(ref))
        b = resolve(c->root, ref->valuestring);
    const cJSON *props = b ? cJSON_GetObjectItemCaseSensitive(b, "properties") : NULL;
    const cJSON *t = props ? cJSON_GetObjectItemCaseSensitive(props, "type") : NULL;
    const cJSON *k = t ? cJSON_GetObjectItemCaseSensitive(t, "const") : NULL;
    return k && cJSON_IsString(k) ? k->valuestring : NULL;
}

/* 1 when the branch (following one $ref) declares a single type the instance has. */
static int branch_typed_for(js_ctx *c, const cJSON *b, const cJSON *v)
{
    const cJSON *ref = cJSON_GetObjectItemCaseSensitive(b, "$ref");
    if (ref && cJSON_IsString(ref))
        b = resolve(c->root, ref->valuestring);
    const cJSON *t = b ? cJSON_GetObjectItemCaseSensitive(b, "type") : NULL;
    return t && cJSON_IsString(t) && type_is(v, t->valuestring);
}

static int check_combinator(js_ctx *c, const cJSON *list, const char *kw, const char *rule,
                            const cJSON *v, const char *path)
{
    char subrule[512];
    js_error first, tagged, typed;
    memset(&first, 0, sizeof first);
    memset(&tagged, 0, sizeof tagged);
    memset(&typed, 0, sizeof typed);
    int matches = 0, have_tagged = 0, n_typed = 0, i = 0;
    const cJSON *tag = cJSON_IsObject(v) ? cJSON_GetObjectItemCaseSensitive(v, "type") : NULL;
    js_error *saved = c->err;
    for (const cJSON *b = list->child; b; b = b->next, i++) {
        js_error e;
        c->err = &e;
        snprintf(subrule, sizeof subrule, "%s/%s/%d", rule, kw, i);
        int ok = validate(c, b, subrule, v, path) == 0;
        c->err = saved;
        if (ok) {
            matches++;
            continue;
        }
        if (!strcmp(kw, "allOf")) {
            *c->err = e;
            return -1;
        }
        if (i == 0)
            first = e;
        if (branch_typed_for(c, b, v) && n_typed++ == 0)
            typed = e;
        const char *bt = branch_tag(c, b);
        if (tag && cJSON_IsString(tag) && bt && !strcmp(bt, tag->valuestring)) {
            tagged = e;
            have_tagged = 1;
        }
    }
    if (!strcmp(kw, "allOf") || (!strcmp(kw, "anyOf") && matches) ||
        (!strcmp(kw, "oneOf") && matches == 1))
        return 0;
    if (matches > 1) {
        snprintf(subrule, sizeof subrule, "%s/oneOf", rule);
        return fail(c, path, subrule, "matches %d alternatives, exactly one expected", matches);
    }
    if (have_tagged || n_typed == 1) {
        *c->err = have_tagged ? tagged : typed;
        return -1;
    }
    if (i == 1) {
        *c->err = first;
        return -1;
    }
    snprintf(subrule, sizeof subrule, "%s/%s", rule, kw);
    return fail(c, path, subrule, "matches none of the %d alternatives", i);
}

static int validate(js_ctx *c, const cJSON *s, const char *rule, const cJSON *v,
                    const char *path)
{
    char subrule[512];
    if (cJSON_IsTrue(s))
        return 0;
    if (cJSON_IsFalse(s))
        return fail(c, path, rule, "no value is allowed here");
    if (++c->depth > JS_MAX_DEPTH) {
        c->depth--;
        return fail(c, path, rule, "schema recursion too deep");
    }
    int r = 0;
    for (const cJSON *k = s->child; k && r == 0; k = k->next) {
        const char *kw = k->string;
        snprintf(subrule, sizeof subrule, "%s/%s", rule, kw);
        if (!strcmp(kw, "$ref")) {
            const cJSON *t = cJSON_IsString(k) ? resolve(c->root, k->valuestring) : NULL;
            r = t ? validate(c, t, k->valuestring, v, path)
                  : fail(c, path, subrule, "unresolvable $ref");
        } else if (!strcmp(kw, "type")) {
            r = check_type(c, k, subrule, v, path);
        } else if (!strcmp(kw, "const")) {
            r = equal(k, v) ? 0 : fail(c, path, subrule, "value differs from the constant");
        } else if (!strcmp(kw, "enum")) {
            r = check_enum(c, k, subrule, v, path);
        } else if ((!strcmp(kw, "minimum") || !strcmp(kw, "maximum")) && cJSON_IsNumber(v)) {
            int low = kw[1] == 'i';
            if (low ? v->valuedouble < k->valuedouble : v->valuedouble > k->valuedouble)
                r = fail(c, path, subrule, "%g is %s than %g", v->valuedouble,
                         low ? "less" : "greater", k->valuedouble);
        } else if (!strcmp(kw, "oneOf") || !strcmp(kw, "anyOf") || !strcmp(kw, "allOf")) {
            r = check_combinator(c, k, kw, rule, v, path);
        }
    }
    if (r == 0 && cJSON_IsObject(v))
        r = check_object(c, s, rule, v, path);
    if (r == 0 && cJSON_IsArray(v))
        r = check_array(c, s, rule, v, path);
    c->depth--;
    return r;
}

int js_validate(const cJSON *root, const char *pointer, const cJSON *instance,
                const char *base_path, js_error *err)
{
    memset(err, 0, sizeof *err);
    js_ctx c = {.root = root, .err = err};
    const cJSON *s = resolve(root, pointer);
    if (!s)
        return fail(&c, base_path, pointer, "schema has no definition at %s", pointer);
    return validate(&c, s, pointer, instance, base_path);
}
