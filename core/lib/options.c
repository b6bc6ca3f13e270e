/* options.c - the key=value option set passed from the CLI to every plugin. */
#include "docbridge/convert.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct opt {
    char *key;
    char *value;
} opt;

struct dbr_options {
    opt *items;
    size_t count;
    size_t cap;
};

dbr_options *dbr_options_new(void) { return dbr_calloc(1, sizeof(dbr_options)); }

void dbr_options_free(dbr_options *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->count; i++) {
        dbr_free(o->items[i].key);
        dbr_free(o->items[i].value);
    }
    dbr_free(o->items);
    dbr_free(o);
}

static opt *find(const dbr_options *o, const char *key)
{
    for (size_t i = 0; o && i < o->count; i++)
        if (strcmp(o->items[i].key, key) == 0)
            return &o->items[i];
    return NULL;
}

int dbr_options_set(dbr_options *o, const char *key, const char *value)
{
    char *v = dbr_strdup(value ? value : "1");
    if (!v)
        return -1;
    opt *e = find(o, key);
    if (e) {
        dbr_free(e->value);
        e->value = v;
        return 0;
    }
    if (o->count == o->cap) {
        size_t ncap = o->cap ? o->cap * 2 : 8;
        opt *n = dbr_realloc(o->items, ncap * sizeof *n);
        if (!n) {
            dbr_free(v);
            return -1;
        }
        o->items = n;
        o->cap = ncap;
    }
    char *k = dbr_strdup(key);
    if (!k) {
        dbr_free(v);
        return -1;
    }
    o->items[o->count++] = (opt){k, v};
    return 0;
}

int dbr_options_parse(dbr_options *o, const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (eq == kv || !*kv)
        return -1;
    if (!eq)
        return dbr_options_set(o, kv, NULL);
    char *key = dbr_strndup(kv, (size_t)(eq - kv));
    if (!key)
        return -1;
    int r = dbr_options_set(o, key, eq + 1);
    dbr_free(key);
    return r;
}

size_t dbr_options_count(const dbr_options *o) { return o ? o->count : 0; }

void dbr_options_at(const dbr_options *o, size_t i, const char **key, const char **value)
{
    *key = o->items[i].key;
    *value = o->items[i].value;
}

const char *dbr_options_get(const dbr_options *o, const char *key)
{
    opt *e = find(o, key);
    return e ? e->value : NULL;
}

int dbr_options_get_bool(const dbr_options *o, const char *key, int dflt)
{
    const char *v = dbr_options_get(o, key);
    if (!v)
        return dflt;
    return !strcasecmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
           !strcasecmp(v, "on");
}

long dbr_options_get_long(const dbr_options *o, const char *key, long dflt)
{
    const char *v = dbr_options_get(o, key);
    if (!v || !*v)
        return dflt;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    return (errno || *end) ? dflt : n;
}

dbr_status dbr_input_config_from_options(const dbr_options *o, dbr_input_config *cfg,
                                         dbr_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->from_encoding = dbr_options_get(o, "from-encoding");
    cfg->strict = dbr_options_get_bool(o, "strict", 0);
    cfg->fold_width = dbr_options_get_bool(o, "fold-width", 0);
    cfg->fold_quotes = dbr_options_get_bool(o, "fold-quotes", 0);
    const char *norm = dbr_options_get(o, "normalize");
    if (norm && strcasecmp(norm, "nfc") != 0 && strcasecmp(norm, "nfkc") != 0)
        return dbr_error_set(err, DBR_FAILED,
                             "unknown --normalize value '%s' (expected nfc or nfkc)", norm);
    cfg->nfkc = norm && strcasecmp(norm, "nfkc") == 0;
    long chunk = dbr_options_get_long(o, "chunk-size", 0);
    cfg->chunk_size = chunk > 0 ? (size_t)chunk : 0;
    return DBR_OK;
}
