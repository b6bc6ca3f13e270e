/* model.c - builders and deep copies for the unified model (see model.h for ownership). */
#include "docbridge/model.h"
#include "pool_internal.h"

#include <string.h>

/* Pool copy of s (NULL stays NULL), inlined: the builders below copy every string a reader
 * keeps. */
static inline char *dup_or_null(dbr_pool *pool, const char *s)
{
    return s ? pool_dup(pool, s, strlen(s)) : NULL;
}

/* Grows a pool-held array to hold one more item. The old array stays in the pool until reset:
 * events are short-lived, so this costs little and keeps every builder allocation in one pool.
 * The new room is not cleared: every builder fills the item it appends. */
static __attribute__((noinline)) void *grow_slow(dbr_pool *pool, void *items, size_t count,
                                                 size_t *cap, size_t item_size)
{
    size_t ncap = *cap ? *cap * 2 : 4;
    if (ncap > SIZE_MAX / item_size)
        return NULL;
    void *n = pool_take(pool, ncap * item_size);
    if (!n)
        return NULL;
    if (count)
        memcpy(n, items, count * item_size);
    *cap = ncap;
    return n;
}

static inline void *grow(dbr_pool *pool, void *items, size_t count, size_t *cap,
                         size_t item_size)
{
    return count < *cap ? items : grow_slow(pool, items, count, cap, item_size);
}

int dbr_props_add(dbr_pool *pool, dbr_props *props, const char *key, const char *value)
{
    dbr_prop *items = grow(pool, props->items, props->count, &props->cap, sizeof *items);
    if (!items)
        return -1;
    props->items = items;
    dbr_prop *p = &items[props->count];
    p->key = dup_or_null(pool, key ? key : "");
    p->value = dup_or_null(pool, value ? value : "");
    if (!p->key || !p->value)
        return -1;
    props->count++;
    return 0;
}

const char *dbr_props_get(const dbr_props *props, const char *key)
{
    for (size_t i = 0; props && i < props->count; i++)
        if (strcmp(props->items[i].key, key) == 0)
            return props->items[i].value;
    return NULL;
}

static dbr_span *rich_push(dbr_pool *pool, dbr_rich *r)
{
    dbr_span *spans = grow(pool, r->spans, r->count, &r->cap, sizeof *spans);
    if (!spans)
        return NULL;
    r->spans = spans;
    dbr_span *s = &spans[r->count++];
    *s = (dbr_span){0};
    return s;
}

int dbr_rich_add_text(dbr_pool *pool, dbr_rich *r, const char *text, size_t len)
{
    if (len == 0)
        return 0;
    if (r->count && r->spans[r->count - 1].kind == DBR_SPAN_TEXT) {
        dbr_span *last = &r->spans[r->count - 1];
        size_t old = strlen(last->text);
        char *joined = old + len + 1 > len ? pool_take(pool, old + len + 1) : NULL;
        if (!joined)
            return -1;
        memcpy(joined, last->text, old);
        memcpy(joined + old, text, len);
        joined[old + len] = '\0';
        last->text = joined;
        return 0;
    }
    dbr_span *s = rich_push(pool, r);
    if (!s)
        return -1;
    s->kind = DBR_SPAN_TEXT;
    s->text = text ? pool_dup(pool, text, len) : NULL;
    return s->text ? 0 : -1;
}

dbr_span *dbr_rich_add_code(dbr_pool *pool, dbr_rich *r, dbr_span_kind kind, const char *id,
                            const char *data)
{
    dbr_span *s = rich_push(pool, r);
    if (!s)
        return NULL;
    s->kind = kind;
    s->id = dup_or_null(pool, id);
    s->text = dup_or_null(pool, data);
    if ((id && !s->id) || (data && !s->text))
        return NULL;
    return s;
}

int dbr_rich_set_plain(dbr_pool *pool, dbr_rich *r, const char *text)
{
    memset(r, 0, sizeof *r);
    return text ? dbr_rich_add_text(pool, r, text, strlen(text)) : 0;
}

int dbr_rich_plain(const dbr_rich *r, dbr_buf *out)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->spans[i].kind == DBR_SPAN_TEXT && dbr_buf_puts(out, r->spans[i].text) != 0)
            return -1;
    return 0;
}

int dbr_rich_is_plain(const dbr_rich *r)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->spans[i].kind != DBR_SPAN_TEXT)
            return 0;
    return 1;
}

const char *dbr_rich_plain_dup(dbr_pool *pool, const dbr_rich *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        if (r->spans[i].kind == DBR_SPAN_TEXT)
            n += strlen(r->spans[i].text);
    char *d = dbr_pool_alloc(pool, n + 1);
    if (!d)
        return NULL;
    char *p = d;
    for (size_t i = 0; i < r->count; i++)
        if (r->spans[i].kind == DBR_SPAN_TEXT) {
            size_t l = strlen(r->spans[i].text);
            memcpy(p, r->spans[i].text, l);
            p += l;
        }
    *p = '\0';
    return d;
}

dbr_note *dbr_notes_add(dbr_pool *pool, dbr_notes *notes, const char *text, const char *lang)
{
    dbr_note *items = grow(pool, notes->items, notes->count, &notes->cap, sizeof *items);
    if (!items)
        return NULL;
    notes->items = items;
    dbr_note *n = &items[notes->count];
    memset(n, 0, sizeof *n);
    n->text = dup_or_null(pool, text ? text : "");
    n->lang = dup_or_null(pool, lang);
    if (!n->text || (lang && !n->lang))
        return NULL;
    notes->count++;
    return n;
}

static const char *const block_kind_names[DBR_BLOCK_KIND_COUNT] = {
    [DBR_BLOCK_PARAGRAPH] = "paragraph",   [DBR_BLOCK_HEADING] = "heading",
    [DBR_BLOCK_LIST_ITEM] = "list_item",   [DBR_BLOCK_QUOTE] = "quote",
    [DBR_BLOCK_TABLE_ROW] = "table_row",   [DBR_BLOCK_FIGURE] = "figure",
    [DBR_BLOCK_PAGE_BREAK] = "page_break", [DBR_BLOCK_BOILERPLATE] = "boilerplate",
    [DBR_BLOCK_CODE] = "code",             [DBR_BLOCK_TOC] = "toc",
    [DBR_BLOCK_TITLE] = "title",           [DBR_BLOCK_META] = "meta",
};

const char *dbr_block_kind_name(dbr_block_kind kind)
{
    if ((unsigned)kind >= DBR_BLOCK_KIND_COUNT)
        return "paragraph";
    return block_kind_names[kind];
}

int dbr_block_kind_from_name(const char *name)
{
    for (int i = 0; name && i < DBR_BLOCK_KIND_COUNT; i++)
        if (strcmp(block_kind_names[i], name) == 0)
            return i;
    return -1;
}

dbr_variant *dbr_unit_add_variant(dbr_pool *pool, dbr_unit *u, const char *lang)
{
    dbr_variant *v = grow(pool, u->variants, u->nvariants, &u->cap_variants, sizeof *v);
    if (!v)
        return NULL;
    u->variants = v;
    dbr_variant *n = &v[u->nvariants];
    memset(n, 0, sizeof *n);
    n->lang = dup_or_null(pool, lang);
    if (lang && !n->lang)
        return NULL;
    u->nvariants++;
    return n;
}

const dbr_variant *dbr_unit_variant(const dbr_unit *u, const char *lang)
{
    for (size_t i = 0; i < u->nvariants; i++)
        if (u->variants[i].lang && lang && strcmp(u->variants[i].lang, lang) == 0)
            return &u->variants[i];
    return NULL;
}

void dbr_doc_init(dbr_doc *d)
{
    memset(d, 0, sizeof *d);
    d->prov.byte_size = -1;
}

static int add_string(dbr_pool *pool, const char ***arr, size_t *n, const char *s)
{
    const char **a = dbr_pool_alloc(pool, (*n + 1) * sizeof *a);
    char *copy = dbr_pool_strdup(pool, s);
    if (!a || !copy)
        return -1;
    if (*n)
        memcpy(a, *arr, *n * sizeof *a);
    a[(*n)++] = copy;
    *arr = a;
    return 0;
}

int dbr_doc_add_lang(dbr_pool *pool, dbr_doc *d, const char *lang)
{
    if (!lang || !*lang)
        return 0;
    for (size_t i = 0; i < d->nlangs; i++)
        if (strcmp(d->langs[i], lang) == 0)
            return 0;
    return add_string(pool, &d->langs, &d->nlangs, lang);
}

int dbr_doc_add_author(dbr_pool *pool, dbr_doc *d, const char *author)
{
    return add_string(pool, &d->authors, &d->nauthors, author);
}

/* ---- deep copies ---- */

#define DUP(field) \
    do { if (src->field && !(dst->field = dbr_pool_strdup(pool, src->field))) return -1; } while (0)

int dbr_props_clone(dbr_pool *pool, dbr_props *dst, const dbr_props *src)
{
    memset(dst, 0, sizeof *dst);
    for (size_t i = 0; i < src->count; i++)
        if (dbr_props_add(pool, dst, src->items[i].key, src->items[i].value) != 0)
            return -1;
    return 0;
}

static int span_clone(dbr_pool *pool, dbr_span *dst, const dbr_span *src)
{
    *dst = *src;
    dst->text = dst->id = dst->type = dst->origin = NULL;
    DUP(text);
    DUP(id);
    DUP(type);
    DUP(origin);
    return dbr_props_clone(pool, &dst->attrs, &src->attrs);
}

int dbr_rich_clone(dbr_pool *pool, dbr_rich *dst, const dbr_rich *src)
{
    memset(dst, 0, sizeof *dst);
    if (!src->count)
        return 0;
    dst->spans = dbr_pool_alloc(pool, src->count * sizeof *dst->spans);
    if (!dst->spans)
        return -1;
    dst->count = dst->cap = src->count;
    for (size_t i = 0; i < src->count; i++)
        if (span_clone(pool, &dst->spans[i], &src->spans[i]) != 0)
            return -1;
    return 0;
}

int dbr_notes_clone(dbr_pool *pool, dbr_notes *dst, const dbr_notes *src)
{
    memset(dst, 0, sizeof *dst);
    for (size_t i = 0; i < src->count; i++) {
        dbr_note *n = dbr_notes_add(pool, dst, src->items[i].text, src->items[i].lang);
        if (!n || dbr_props_clone(pool, &n->props, &src->items[i].props) != 0)
            return -1;
    }
    return 0;
}

dbr_block *dbr_block_clone(dbr_pool *pool, const dbr_block *src)
{
    dbr_block *dst = dbr_pool_alloc(pool, sizeof *dst);
    if (!dst)
        return NULL;
    *dst = *src;
    dst->id = dbr_pool_strdup(pool, src->id);
    dst->lang = dbr_pool_strdup(pool, src->lang);
    dst->cells = NULL;
    dst->ncells = 0;
    for (size_t i = 0; i < src->ncells; i++)
        if (add_string(pool, &dst->cells, &dst->ncells, src->cells[i]) != 0)
            return NULL;
    if (dbr_rich_clone(pool, &dst->text, &src->text) != 0 ||
        dbr_props_clone(pool, &dst->props, &src->props) != 0)
        return NULL;
    return dst;
}

static int variant_clone(dbr_pool *pool, dbr_variant *dst, const dbr_variant *src)
{
    *dst = *src;
    dst->lang = dst->state = NULL;
    DUP(lang);
    DUP(state);
    if (dbr_rich_clone(pool, &dst->text, &src->text) != 0 ||
        dbr_notes_clone(pool, &dst->notes, &src->notes) != 0 ||
        dbr_props_clone(pool, &dst->props, &src->props) != 0)
        return -1;
    dst->plurals = NULL;
    if (src->nplurals) {
        dst->plurals = dbr_pool_alloc(pool, src->nplurals * sizeof *dst->plurals);
        if (!dst->plurals)
            return -1;
        for (size_t i = 0; i < src->nplurals; i++)
            if (dbr_rich_clone(pool, &dst->plurals[i], &src->plurals[i]) != 0)
                return -1;
    }
    return 0;
}

dbr_unit *dbr_unit_clone(dbr_pool *pool, const dbr_unit *src)
{
    dbr_unit *dst = dbr_pool_alloc(pool, sizeof *dst);
    if (!dst)
        return NULL;
    *dst = *src;
    dst->id = dbr_pool_strdup(pool, src->id);
    dst->bead = dbr_pool_strdup(pool, src->bead);
    dst->origin = dbr_pool_strdup(pool, src->origin);
    dst->variants = NULL;
    dst->cap_variants = dst->nvariants = src->nvariants;
    if (src->nvariants) {
        dst->variants = dbr_pool_alloc(pool, src->nvariants * sizeof *dst->variants);
        if (!dst->variants)
            return NULL;
        for (size_t i = 0; i < src->nvariants; i++)
            if (variant_clone(pool, &dst->variants[i], &src->variants[i]) != 0)
                return NULL;
    }
    if (dbr_notes_clone(pool, &dst->notes, &src->notes) != 0 ||
        dbr_props_clone(pool, &dst->props, &src->props) != 0)
        return NULL;
    return dst;
}

static int prov_clone(dbr_pool *pool, dbr_provenance *dst, const dbr_provenance *src)
{
    *dst = *src;
    dst->source_path = dst->member = dst->format = dst->encoding = NULL;
    dst->sha256 = dst->converter = dst->created = NULL;
    DUP(source_path);
    DUP(member);
    DUP(format);
    DUP(encoding);
    DUP(sha256);
    DUP(converter);
    DUP(created);
    return 0;
}

static int doc_fields_clone(dbr_pool *pool, dbr_doc *dst, const dbr_doc *src)
{
    DUP(id);
    DUP(title);
    DUP(lang);
    DUP(date);
    DUP(publisher);
    DUP(url);
    DUP(description);
    for (size_t i = 0; i < src->nlangs; i++)
        if (dbr_doc_add_lang(pool, dst, src->langs[i]) != 0)
            return -1;
    for (size_t i = 0; i < src->nauthors; i++)
        if (dbr_doc_add_author(pool, dst, src->authors[i]) != 0)
            return -1;
    if (prov_clone(pool, &dst->prov, &src->prov) != 0 ||
        dbr_notes_clone(pool, &dst->notes, &src->notes) != 0 ||
        dbr_props_clone(pool, &dst->props, &src->props) != 0)
        return -1;
    return 0;
}

dbr_doc *dbr_doc_clone(dbr_pool *pool, const dbr_doc *src)
{
    dbr_doc *dst = dbr_pool_alloc(pool, sizeof *dst);
    if (!dst)
        return NULL;
    dbr_doc_init(dst);
    return doc_fields_clone(pool, dst, src) == 0 ? dst : NULL;
}
#undef DUP
