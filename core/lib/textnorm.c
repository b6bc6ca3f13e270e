/* textnorm.c - the optional folds (--normalize nfkc, --fold-width, --fold-quotes) applied to
 * the text of events, after the reader has parsed its syntax.
 *
 * Why not in the input layer with NFC: these folds turn non-ASCII characters into ASCII ones
 * that are syntax in markup and data formats. A full-width quote U+FF02 becomes '"' and ends a
 * JSON string; U+FF1C becomes '<' and opens an XML tag; U+FF06 becomes '&'; a curly quote
 * inside an attribute becomes its delimiter. Applied to bytes before parsing they corrupt the
 * input; applied here they only touch text. NFC stays in the input layer: it never turns a
 * non-ASCII character into ASCII syntax.
 *
 * What is folded: TEXT spans of blocks (and table cells), and of every variant of a unit (and
 * its plural forms). Inline codes' native data, notes, properties and metadata are left as
 * read. An event is copied only when a fold changes something.
 */
#include "input_internal.h"
#include "textnorm.h"

#include <string.h>

struct dbr_textnorm {
    dbr_sink next;
    dbr_sink self_sink;
    int width, quotes;
    input_norm *norm;   /* NFC or NFKC after folding */
    dbr_pool *pool;     /* copies of changed events, reset per event */
    dbr_buf folded, out;
    dbr_error *err;
};

int input_fold_char(const uint8_t *p, int width, int quotes, char *out)
{
    /* Typographic quotes U+2018-U+201B -> ', U+201C-U+201F -> ". */
    if (quotes && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9F) {
        *out = p[2] <= 0x9B ? '\'' : '"';
        return 1;
    }
    if (!width)
        return 0;
    /* The ideographic space U+3000 -> space; full-width forms U+FF01-U+FF5E -> U+0021-U+007E. */
    if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
        *out = ' ';
        return 1;
    }
    if (p[0] != 0xEF || (p[1] != 0xBC && p[1] != 0xBD))
        return 0;
    unsigned cp = 0xF000u | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3Fu);
    if (cp < 0xFF01 || cp > 0xFF5E)
        return 0;
    *out = (char)(cp - 0xFF01 + 0x21);
    return 1;
}

/* Folds then normalises s (UTF-8, NFC) into t->out. Returns 1 when it changed, 0 when not,
 * -1 on failure (t->err filled). */
static int fold_string(dbr_textnorm *t, const char *s)
{
    size_t n = strlen(s);
    dbr_buf_clear(&t->folded);
    dbr_buf_clear(&t->out);
    if (dbr_buf_reserve(&t->folded, n + 1) != 0)
        return dbr_error_set(t->err, DBR_FAILED, "out of memory"), -1;
    const uint8_t *p = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        char c;
        if (i + 3 <= n && p[i] >= 0xE0 && p[i] < 0xF0 && input_fold_char(p + i, t->width,
                                                                         t->quotes, &c)) {
            t->folded.data[t->folded.len++] = c;
            i += 3;
        } else {
            t->folded.data[t->folded.len++] = (char)p[i++];
        }
    }
    t->folded.data[t->folded.len] = '\0';
    int not_nfc = 0;
    if (input_norm_run(t->norm, t->folded.data, t->folded.len, 1, &t->out, &not_nfc, t->err))
        return -1;
    return t->out.len != n || memcmp(dbr_buf_cstr(&t->out), s, n) != 0;
}

/* Folds the TEXT spans of r in place (r lives in t->pool). */
static int fold_rich(dbr_textnorm *t, dbr_rich *r, int *changed)
{
    for (size_t i = 0; i < r->count; i++) {
        dbr_span *sp = &r->spans[i];
        if (sp->kind != DBR_SPAN_TEXT || !sp->text)
            continue;
        int c = fold_string(t, sp->text);
        if (c < 0)
            return -1;
        if (c) {
            sp->text = dbr_pool_strndup(t->pool, dbr_buf_cstr(&t->out), t->out.len);
            if (!sp->text)
                return dbr_error_set(t->err, DBR_FAILED, "out of memory"), -1;
            *changed = 1;
        }
    }
    return 0;
}

static int fold_strings(dbr_textnorm *t, const char **v, size_t n, int *changed)
{
    for (size_t i = 0; i < n; i++) {
        int c = v[i] ? fold_string(t, v[i]) : 0;
        if (c < 0)
            return -1;
        if (c) {
            v[i] = dbr_pool_strndup(t->pool, dbr_buf_cstr(&t->out), t->out.len);
            if (!v[i])
                return dbr_error_set(t->err, DBR_FAILED, "out of memory"), -1;
            *changed = 1;
        }
    }
    return 0;
}

static dbr_status tn_block(void *self, const dbr_block *b)
{
    dbr_textnorm *t = self;
    dbr_pool_reset(t->pool);
    dbr_block *copy = dbr_block_clone(t->pool, b);
    if (!copy)
        return dbr_error_set(t->err, DBR_FAILED, "out of memory");
    int changed = 0;
    if (fold_rich(t, &copy->text, &changed) != 0 ||
        fold_strings(t, copy->cells, copy->ncells, &changed) != 0)
        return DBR_FAILED;
    return dbr_sink_block(&t->next, changed ? copy : b);
}

static dbr_status tn_unit(void *self, const dbr_unit *u)
{
    dbr_textnorm *t = self;
    dbr_pool_reset(t->pool);
    dbr_unit *copy = dbr_unit_clone(t->pool, u);
    if (!copy)
        return dbr_error_set(t->err, DBR_FAILED, "out of memory");
    int changed = 0;
    for (size_t v = 0; v < copy->nvariants; v++) {
        dbr_variant *var = &copy->variants[v];
        if (fold_rich(t, &var->text, &changed) != 0)
            return DBR_FAILED;
        for (size_t k = 0; k < var->nplurals; k++)
            if (fold_rich(t, &var->plurals[k], &changed) != 0)
                return DBR_FAILED;
    }
    return dbr_sink_unit(&t->next, changed ? copy : u);
}

static dbr_status tn_begin_dataset(void *self)
{
    return dbr_sink_begin_dataset(&((dbr_textnorm *)self)->next);
}

static dbr_status tn_end_dataset(void *self)
{
    return dbr_sink_end_dataset(&((dbr_textnorm *)self)->next);
}

static dbr_status tn_begin_document(void *self, const dbr_doc *d)
{
    return dbr_sink_begin_document(&((dbr_textnorm *)self)->next, d);
}

static dbr_status tn_end_document(void *self, const dbr_doc *d)
{
    return dbr_sink_end_document(&((dbr_textnorm *)self)->next, d);
}

static const dbr_sink_ops TN_OPS = {tn_begin_dataset, tn_begin_document, tn_block,
                                    tn_unit,          tn_end_document,   tn_end_dataset};

int dbr_textnorm_wanted(const dbr_input_config *cfg)
{
    return cfg && (cfg->nfkc || cfg->fold_width || cfg->fold_quotes);
}

dbr_status dbr_textnorm_new(const dbr_input_config *cfg, dbr_sink *next, dbr_error *err,
                            dbr_textnorm **out)
{
    *out = NULL;
    dbr_textnorm *t = dbr_calloc(1, sizeof *t);
    if (!t)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    t->next = *next;
    t->width = cfg->fold_width;
    t->quotes = cfg->fold_quotes;
    t->err = err;
    t->pool = dbr_pool_new();
    t->norm = input_norm_new(cfg->nfkc, err);
    if (!t->pool || !t->norm) {
        dbr_textnorm_free(t);
        return err && err->message[0] ? DBR_FAILED
                                      : dbr_error_set(err, DBR_FAILED, "out of memory");
    }
    t->self_sink = (dbr_sink){&TN_OPS, t};
    *out = t;
    return DBR_OK;
}

dbr_sink *dbr_textnorm_sink(dbr_textnorm *t) { return &t->self_sink; }

void dbr_textnorm_free(dbr_textnorm *t)
{
    if (!t)
        return;
    input_norm_free(t->norm);
    dbr_pool_free(t->pool);
    dbr_buf_free(&t->folded);
    dbr_buf_free(&t->out);
    dbr_free(t);
}
