/* tmx_read_meta.c - the TMX reader's metadata: attributes of tmx, header, tu and tuv into the
 * model's fields and "tmx:" properties, and note, prop, ude and map elements into notes and
 * properties (formats/tmx.md), including the x-docbridge-* props that carry model fields. */
#include "tmx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- attributes into properties ---------- */

/* n equals the literal lit, n's length being len: a fixed-size compare the compiler inlines. */
#define TMX_EQ(n, len, lit) ((len) == sizeof lit - 1 && memcmp((n), lit, sizeof lit - 1) == 0)

/* The property key of a TMX 1.4b attribute the tu, tuv and header elements carry, as a
 * literal: the usual attributes then cost one value copy each. NULL for any other name. */
static const char *tmx_known_attr_key(const char *n)
{
    size_t len = 0;
    while (len < 20 && n[len]) /* the longest known name has 19 bytes */
        len++;
#define TMX_KNOWN(lit) \
    if (TMX_EQ(n, len, lit)) \
        return TMX_KEY_PREFIX lit;
    switch (n[0]) {
    case 'c':
        TMX_KNOWN("creationdate")
        TMX_KNOWN("creationid")
        TMX_KNOWN("changedate")
        TMX_KNOWN("changeid")
        TMX_KNOWN("creationtool")
        TMX_KNOWN("creationtoolversion")
        break;
    case 'u': TMX_KNOWN("usagecount") break;
    case 'l': TMX_KNOWN("lastusagedate") break;
    case 'd': TMX_KNOWN("datatype") break;
    case 's':
        TMX_KNOWN("segtype")
        TMX_KNOWN("srclang")
        break;
    case 'o':
        TMX_KNOWN("o-encoding")
        TMX_KNOWN("o-tmf")
        break;
    case 'a': TMX_KNOWN("adminlang") break;
    default: break;
    }
#undef TMX_KNOWN
    return NULL;
}

/* Appends key -> value without copying either: both must live as long as the pool (a pool
 * string or a literal). The model's structs are plain views (model.h), so a reader may fill
 * them itself; dbr_props_add would copy both strings again. */
static int tmx_props_push(dbr_pool *pool, dbr_props *props, const char *key, const char *value)
{
    if (!value)
        return -1;
    if (props->count == props->cap) {
        size_t ncap = props->cap ? props->cap * 2 : 4;
        dbr_prop *items = dbr_pool_alloc(pool, ncap * sizeof *items);
        if (!items)
            return -1;
        if (props->count)
            memcpy(items, props->items, props->count * sizeof *items);
        props->items = items;
        props->cap = ncap;
    }
    props->items[props->count++] = (dbr_prop){key, value};
    return 0;
}

static int tmx_add_attr_prop(dbr_pool *pool, dbr_props *props, const char *name,
                             const char *value)
{
    const char *known = tmx_known_attr_key(name);
    if (known)
        return tmx_props_push(pool, props, known, dbr_pool_strdup(pool, value));
    /* Any other attribute: "tmx:" + its name, cut at 255 bytes like the snprintf this
     * replaced. */
    char key[256];
    size_t pre = sizeof TMX_KEY_PREFIX - 1, len = strlen(name);
    if (len > sizeof key - 1 - pre)
        len = sizeof key - 1 - pre;
    memcpy(key, TMX_KEY_PREFIX, pre);
    memcpy(key + pre, name, len);
    key[pre + len] = '\0';
    return dbr_props_add(pool, props, key, value);
}

void tmx_read_tmx_attrs(tmx_reader *r, const char **attrs)
{
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *n = attrs[i], *v = attrs[i + 1];
        if (strcmp(n, "version") == 0 && strcmp(v, "1.4") == 0)
            continue;
        const char *key = strcmp(n, "version") == 0 ? TMX_KEY_VERSION : NULL;
        if (key ? dbr_props_add(r->doc_pool, &r->doc.props, key, v)
                : tmx_add_attr_prop(r->doc_pool, &r->doc.props, n, v))
            return tmx_oom(r);
    }
}

void tmx_read_header_attrs(tmx_reader *r, const char **attrs)
{
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *n = attrs[i], *v = attrs[i + 1];
        char iso[32];
        if (strcmp(n, "srclang") == 0 && strcmp(v, "*all*") != 0) {
            if (!(r->doc.lang = dbr_pool_strdup(r->doc_pool, v)))
                return tmx_oom(r);
        } else if (strcmp(n, "creationdate") == 0 && tmx_date_to_iso(v, iso, sizeof iso)) {
            if (!(r->doc.date = dbr_pool_strdup(r->doc_pool, iso)))
                return tmx_oom(r);
        } else if (tmx_add_attr_prop(r->doc_pool, &r->doc.props, n, v)) {
            return tmx_oom(r);
        }
    }
}

void tmx_read_tu_attrs(tmx_reader *r, const char **attrs)
{
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *n = attrs[i], *v = attrs[i + 1];
        if (TMX_IS(n, "tuid")) {
            if (!(r->unit.id = dbr_pool_strdup(r->pool, v)))
                return tmx_oom(r);
        } else if (tmx_add_attr_prop(r->pool, &r->unit.props, n, v)) {
            return tmx_oom(r);
        }
    }
}

/* The document's copy of lang (doc.langs, which lives as long as the document), adding it
 * when it is new. NULL on OOM. */
static const char *tmx_doc_lang(tmx_reader *r, const char *lang)
{
    /* Units usually list their languages in the same order: the k-th tuv's language is tried
     * first as the document's k-th. */
    size_t k = r->unit.nvariants;
    if (k < r->doc.nlangs && strcmp(r->doc.langs[k], lang) == 0)
        return r->doc.langs[k];
    for (size_t i = 0; i < r->doc.nlangs; i++)
        if (strcmp(r->doc.langs[i], lang) == 0)
            return r->doc.langs[i];
    if (dbr_doc_add_lang(r->doc_pool, &r->doc, lang) != 0)
        return NULL;
    return r->doc.langs[r->doc.nlangs - 1];
}

void tmx_read_tuv_start(tmx_reader *r, const char **attrs)
{
    const char *lang = dbr_xml_attr(attrs, "xml:lang");
    if (!lang)
        lang = dbr_xml_attr(attrs, "lang"); /* TMX 1.1-1.2, deprecated in 1.3 */
    if (!lang || !*lang)
        return tmx_unit_error(r, "<tuv> without xml:lang");
    /* The variant shares the document's copy of its language: no copy per tuv. */
    const char *doc_lang = tmx_doc_lang(r, lang);
    dbr_variant *v = doc_lang ? dbr_unit_add_variant(r->pool, &r->unit, NULL) : NULL;
    if (!v)
        return tmx_oom(r);
    v->lang = doc_lang;
    for (size_t i = 0; attrs[i]; i += 2)
        if (!TMX_IS(attrs[i], "xml:lang") &&
            tmx_add_attr_prop(r->pool, &v->props, attrs[i], attrs[i + 1]))
            return tmx_oom(r);
    r->var = v;
    r->seg_seen = 0;
}

/* ---------- notes and props ---------- */

static dbr_pool *tmx_owner_pool(tmx_reader *r)
{
    return r->owner == TMX_CTX_HEADER ? r->doc_pool : r->pool;
}

static dbr_notes *tmx_owner_notes(tmx_reader *r)
{
    return r->owner == TMX_CTX_HEADER ? &r->doc.notes
           : r->owner == TMX_CTX_TU   ? &r->unit.notes
                                      : &r->var->notes;
}

void tmx_pending_start(tmx_reader *r, tmx_ctx kind, const char **attrs)
{
    r->owner = r->ctx;
    r->ctx = kind;
    tmx_buf_reset(&r->text);
    if (!(r->pend_attrs = dbr_xml_copy_attrs(tmx_owner_pool(r), attrs)))
        tmx_oom(r);
}

void tmx_note_end(tmx_reader *r)
{
    dbr_pool *pool = tmx_owner_pool(r);
    dbr_note *n = dbr_notes_add(pool, tmx_owner_notes(r), dbr_buf_cstr(&r->text),
                                dbr_xml_attr(r->pend_attrs, "xml:lang"));
    if (!n)
        return tmx_oom(r);
    for (size_t i = 0; r->pend_attrs[i]; i += 2)
        if (strcmp(r->pend_attrs[i], "xml:lang") != 0 &&
            tmx_add_attr_prop(pool, &n->props, r->pend_attrs[i], r->pend_attrs[i + 1]))
            return tmx_oom(r);
}

static int tmx_add_plural(tmx_reader *r, const char *text)
{
    dbr_variant *v = r->var;
    dbr_rich *p = dbr_pool_alloc(r->pool, (v->nplurals + 1) * sizeof *p);
    if (!p)
        return -1;
    if (v->nplurals)
        memcpy(p, v->plurals, v->nplurals * sizeof *p);
    memset(&p[v->nplurals], 0, sizeof *p);
    if (dbr_rich_set_plain(r->pool, &p[v->nplurals], text) != 0)
        return -1;
    v->plurals = p;
    v->nplurals++;
    return 0;
}

/* "x-docbridge-note.N.KEY" -> property KEY of note N of the same element, when that note has
 * been read (docbridge writes notes first). 1 when taken, 0 when not, -1 on OOM. */
static int tmx_prop_to_note(tmx_reader *r, const char *type, const char *text)
{
    const char *p = type + strlen(TMX_X_NOTE_PROP);
    char *end;
    unsigned long n = strtoul(p, &end, 10);
    dbr_notes *notes = tmx_owner_notes(r);
    if (end == p || *end != '.' || !end[1] || n >= notes->count)
        return 0;
    return dbr_props_add(tmx_owner_pool(r), &notes->items[n].props, end + 1, text) ? -1 : 1;
}

/* The x-docbridge-* prop types carry model fields TMX has no attribute for (formats/tmx.md).
 * Returns 1 when the prop was taken into a field, -1 on OOM. */
static int tmx_prop_to_field(tmx_reader *r, const char *type, const char *text)
{
    dbr_pool *pool = tmx_owner_pool(r);
    const char **field = NULL;
    if (tmx_starts(type, TMX_X_NOTE_PROP))
        return tmx_prop_to_note(r, type, text);
    if (r->owner == TMX_CTX_HEADER) {
        if (strcmp(type, TMX_X_AUTHOR) == 0)
            return dbr_doc_add_author(pool, &r->doc, text) ? -1 : 1;
        field = strcmp(type, TMX_X_TITLE) == 0         ? &r->doc.title
                : strcmp(type, TMX_X_PUBLISHER) == 0   ? &r->doc.publisher
                : strcmp(type, TMX_X_URL) == 0         ? &r->doc.url
                : strcmp(type, TMX_X_DESCRIPTION) == 0 ? &r->doc.description
                : strcmp(type, TMX_X_DATE) == 0 && !r->doc.date ? &r->doc.date
                                                                : NULL;
    } else if (r->owner == TMX_CTX_TU) {
        if (strcmp(type, TMX_X_SCORE) == 0) {
            char *end;
            double d = strtod(text, &end);
            if (!*text || *end)
                return 0;
            r->unit.score = d;
            r->unit.has_score = 1;
            return 1;
        }
        field = strcmp(type, TMX_X_BEAD) == 0     ? &r->unit.bead
                : strcmp(type, TMX_X_ORIGIN) == 0 ? &r->unit.origin
                                                  : NULL;
    } else {
        if (strcmp(type, TMX_X_PLURAL) == 0)
            return tmx_add_plural(r, text) ? -1 : 1;
        field = strcmp(type, TMX_X_STATE) == 0 ? &r->var->state : NULL;
    }
    if (!field || *field)
        return 0;
    return (*field = dbr_pool_strdup(pool, text)) ? 1 : -1;
}

void tmx_prop_end(tmx_reader *r)
{
    dbr_pool *pool = tmx_owner_pool(r);
    dbr_props *props = r->owner == TMX_CTX_HEADER ? &r->doc.props
                       : r->owner == TMX_CTX_TU   ? &r->unit.props
                                                  : &r->var->props;
    const char *type = dbr_xml_attr(r->pend_attrs, "type");
    if (!type)
        return tmx_unit_error(r, "<prop> without type");
    const char *text = dbr_buf_cstr(&r->text);
    int has_qualifiers = r->pend_attrs[2] != NULL; /* more than type */
    if (!has_qualifiers && tmx_prefixed(type, "x-docbridge-")) {
        int took = tmx_prop_to_field(r, type, text);
        if (took < 0)
            return tmx_oom(r);
        if (took)
            return;
    }
    /* type is already a copy in this pool (tmx_pending_start): the key is not copied again. */
    const char *key = tmx_prefixed(type, TMX_KEY_PREFIX) ? tmx_prop_key(pool, type) : type;
    if (!key || tmx_props_push(pool, props, key, dbr_pool_strndup(pool, text, r->text.len)))
        return tmx_oom(r);
    for (size_t i = 0; r->pend_attrs[i]; i += 2) {
        if (strcmp(r->pend_attrs[i], "type") == 0)
            continue;
        char qkey[256];
        snprintf(qkey, sizeof qkey, "%s%s", TMX_KEY_PROP_QUAL, r->pend_attrs[i]);
        if (dbr_props_add(pool, props, qkey, r->pend_attrs[i + 1]))
            return tmx_oom(r);
    }
}

/* <ude name base><map unicode code ent subst/>...</ude> as ordered header properties. */
void tmx_ude_or_map(tmx_reader *r, const char *elem, const char *main_attr,
                           const char **attrs)
{
    const char *v = dbr_xml_attr(attrs, main_attr);
    if (!v)
        return (void)dbr_xml_fail(r->x, "<%s> without %s", elem, main_attr);
    char key[256];
    snprintf(key, sizeof key, "%s%s", TMX_KEY_PREFIX, elem);
    if (dbr_props_add(r->doc_pool, &r->doc.props, key, v))
        return tmx_oom(r);
    for (size_t i = 0; attrs[i]; i += 2) {
        if (strcmp(attrs[i], main_attr) == 0)
            continue;
        snprintf(key, sizeof key, "%s%s.%s", TMX_KEY_PREFIX, elem, attrs[i]);
        if (dbr_props_add(r->doc_pool, &r->doc.props, key, attrs[i + 1]))
            return tmx_oom(r);
    }
}

