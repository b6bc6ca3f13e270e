/* po_read.c - PO entries -> the model: the header entry becomes the document (props, notes,
 * languages), every other entry one translation unit (see formats/po.md for the mapping). */
#include "po.h"

#include <string.h>
#include <strings.h>

typedef struct po_reader {
    dbr_job *job;
    dbr_sink *sink;
    dbr_pool *doc_pool;  /* the document, alive for the whole input */
    dbr_pool *pool;      /* one unit, reset after each */
    dbr_doc doc;
    int doc_begun;
    int nentries;
    int header_nplurals;
    unsigned ph_flags;
    const char *src_lang, *tgt_lang;
    const char *file_lang; /* from the file name ("de.po") */
} po_reader;

static const char *po_cstr(const dbr_buf *b) { return dbr_buf_cstr(b); }

static dbr_status po_oom(po_reader *r)
{
    return dbr_error_set(r->job->err, DBR_FAILED, "out of memory");
}

/* The header's "Key: Value" lines become "po:header:Key" props, in order. */
static int po_header_props(po_reader *r, const char *h)
{
    while (*h) {
        const char *nl = strchr(h, '\n');
        size_t n = nl ? (size_t)(nl - h) : strlen(h);
        const char *colon = memchr(h, ':', n);
        int rc;
        if (colon && colon > h) {
            char *key = dbr_pool_printf(r->doc_pool, "po:header:%.*s", (int)(colon - h), h);
            const char *v = colon + 1;
            if (v < h + n && *v == ' ')
                v++;
            char *val = dbr_pool_strndup(r->doc_pool, v, (size_t)(h + n - v));
            rc = !key || !val || dbr_props_add(r->doc_pool, &r->doc.props, key, val);
        } else {
            char *val = dbr_pool_strndup(r->doc_pool, h, n);
            rc = !val || dbr_props_add(r->doc_pool, &r->doc.props, "po:header-line", val);
        }
        if (rc)
            return -1;
        h += n + (nl ? 1 : 0);
    }
    return 0;
}

static int po_add_note(dbr_pool *pool, dbr_notes *notes, const char *text, const char *from)
{
    dbr_note *n = dbr_notes_add(pool, notes, text, NULL);
    return !n || dbr_props_add(pool, &n->props, "from", from);
}

/* One "TAG KEY=VALUE" line into props. */
static int po_prop_line(dbr_pool *pool, const char *kv, size_t n, dbr_props *props)
{
    const char *eq = memchr(kv, '=', n);
    char *key = eq ? po_prop_unescape(pool, kv, (size_t)(eq - kv)) : NULL;
    char *val = eq ? po_prop_unescape(pool, eq + 1, (size_t)(kv + n - eq - 1)) : NULL;
    return key && val ? dbr_props_add(pool, props, key, val) : -1;
}

/* Extracted comments: "docbridge-prop K=V" lines (and "docbridge-source-prop",
 * "docbridge-target-prop" for the variants) are properties PO has no place for, written by our
 * writer (formats/po.md); the other lines are one developer note. vprops may be NULL (the
 * header), and its entries too (no target): such lines then go to props. */
static int po_dev_comments(dbr_pool *pool, const char *text, dbr_notes *notes, dbr_props *props,
                           dbr_props *const *vprops)
{
    static const char *const tags[] = {PO_PROP_TAG, PO_SRC_PROP_TAG, PO_TGT_PROP_TAG};
    dbr_buf note = DBR_BUF_INIT;
    int rc = 0, any_note = 0;
    while (!rc) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        int kind = -1;
        for (int k = 0; k < 3 && kind < 0; k++)
            if (n > strlen(tags[k]) && !memcmp(text, tags[k], strlen(tags[k])))
                kind = k;
        if (kind >= 0) {
            dbr_props *dst = kind && vprops && vprops[kind - 1] ? vprops[kind - 1] : props;
            size_t tl = strlen(tags[kind]);
            rc = po_prop_line(pool, text + tl, n - tl, dst);
        } else {
            rc = (any_note++ && dbr_buf_putc(&note, '\n')) || dbr_buf_append(&note, text, n);
        }
        if (!nl)
            break;
        text = nl + 1;
    }
    if (!rc && any_note)
        rc = po_add_note(pool, notes, dbr_buf_cstr(&note), "developer");
    dbr_buf_free(&note);
    return rc;
}

static int po_doc_from_header(po_reader *r, po_entry *e)
{
    if (po_header_props(r, po_cstr(&e->str[0])))
        return -1;
    if ((e->has_tc && po_add_note(r->doc_pool, &r->doc.notes, po_cstr(&e->tcomments), "translator")) ||
        (e->has_xc && po_dev_comments(r->doc_pool, po_cstr(&e->xcomments), &r->doc.notes, &r->doc.props, NULL)) ||
        (e->has_flags && dbr_props_add(r->doc_pool, &r->doc.props, "po:header-flags", po_cstr(&e->flags))) ||
        (e->has_refs && dbr_props_add(r->doc_pool, &r->doc.props, "po:header-references", po_cstr(&e->refs))))
        return -1;
    r->header_nplurals = po_nplurals(dbr_props_get(&r->doc.props, "po:header:Plural-Forms"));
    return 0;
}

/* Languages: an option wins, then the header, then the file name, then "en" / none. */
static void po_pick_langs(po_reader *r)
{
    const dbr_options *o = r->job->opts;
    const char *hl = dbr_props_get(&r->doc.props, "po:header:Language");
    const char *hs = dbr_props_get(&r->doc.props, "po:header:X-Source-Language");
    r->tgt_lang = dbr_options_get(o, "target-lang");
    if (!r->tgt_lang && hl && *hl)
        r->tgt_lang = po_locale_to_bcp47(r->doc_pool, hl);
    if (!r->tgt_lang)
        r->tgt_lang = r->file_lang;
    r->src_lang = dbr_options_get(o, "source-lang");
    if (!r->src_lang && hs && *hs)
        r->src_lang = po_locale_to_bcp47(r->doc_pool, hs);
    if (!r->src_lang)
        r->src_lang = "en";
    if (!r->tgt_lang)
        r->tgt_lang = "und";
}

static dbr_status po_begin_doc(po_reader *r)
{
    po_pick_langs(r);
    r->doc.lang = r->src_lang;
    if (dbr_doc_add_lang(r->doc_pool, &r->doc, r->src_lang) ||
        dbr_doc_add_lang(r->doc_pool, &r->doc, r->tgt_lang))
        return po_oom(r);
    r->doc_begun = 1;
    return dbr_sink_begin_document(r->sink, &r->doc);
}

/* Decodes placeholders of one string into rich text; a strict-mode error names the line. */
static dbr_status po_rich(po_reader *r, const dbr_buf *b, long line, dbr_rich *out)
{
    dbr_ph_error pe;
    const char *s = po_cstr(b);
    int rc = dbr_ph_decode(r->pool, s, b->len, r->ph_flags, out, &pe);
    if (rc < 0)
        return po_oom(r);
    if (rc > 0)
        return dbr_job_fail(r->job, DBR_FAILED, line, 0, -1, "%s at byte %zu of the string",
                            pe.message, pe.offset);
    return DBR_OK;
}

/* Removes "fuzzy" from a flag list; returns 1 when it was there. */
static int po_take_fuzzy(po_reader *r, const char *flags, const char **rest)
{
    dbr_buf out = DBR_BUF_INIT;
    int found = 0;
    const char *p = flags;
    while (*p) {
        size_t n = strcspn(p, ",");
        const char *w = p;
        size_t wl = n;
        while (wl && (*w == ' ' || *w == '\t'))
            w++, wl--;
        while (wl && (w[wl - 1] == ' ' || w[wl - 1] == '\t'))
            wl--;
        if (wl == 5 && !memcmp(w, "fuzzy", 5))
            found = 1;
        else if (wl) {
            if (out.len)
                dbr_buf_puts(&out, ", ");
            dbr_buf_append(&out, w, wl);
        }
        p += n + (p[n] == ',');
    }
    *rest = dbr_pool_strdup(r->pool, dbr_buf_cstr(&out));
    dbr_buf_free(&out);
    return found;
}

static int po_any_translation(const po_entry *e)
{
    for (int i = 0; i < e->nstr; i++)
        if (e->str[i].len)
            return 1;
    return 0;
}

static dbr_status po_variants(po_reader *r, po_entry *e, dbr_unit *u, int fuzzy)
{
    dbr_variant *src = dbr_unit_add_variant(r->pool, u, r->src_lang);
    if (!src)
        return po_oom(r);
    dbr_status st = po_rich(r, &e->id, e->id_line, &src->text);
    if (st == DBR_OK && e->has_plural) {
        src->plurals = dbr_pool_alloc(r->pool, sizeof *src->plurals);
        if (!src->plurals)
            return po_oom(r);
        src->nplurals = 1;
        st = po_rich(r, &e->plural, e->id_line, &src->plurals[0]);
    }
    if (st != DBR_OK || !po_any_translation(e))
        return st;
    dbr_variant *tgt = dbr_unit_add_variant(r->pool, u, r->tgt_lang);
    if (!tgt)
        return po_oom(r);
    tgt->state = fuzzy ? "needs-review" : "translated";
    st = po_rich(r, &e->str[0], e->id_line, &tgt->text);
    if (st == DBR_OK && e->indexed && e->nstr > 1) {
        tgt->plurals = dbr_pool_alloc(r->pool, (size_t)(e->nstr - 1) * sizeof *tgt->plurals);
        if (!tgt->plurals)
            return po_oom(r);
        tgt->nplurals = (size_t)(e->nstr - 1);
        for (int i = 1; st == DBR_OK && i < e->nstr; i++)
            st = po_rich(r, &e->str[i], e->id_line, &tgt->plurals[i - 1]);
    }
    return st;
}

static int po_unit_props(po_reader *r, po_entry *e, dbr_unit *u, const char *flags)
{
    dbr_pool *p = r->pool;
    dbr_props *vprops[2] = {&u->variants[0].props, u->nvariants > 1 ? &u->variants[1].props : NULL};
    return (e->has_tc && po_add_note(p, &u->notes, po_cstr(&e->tcomments), "translator")) ||
           (e->has_xc && po_dev_comments(p, po_cstr(&e->xcomments), &u->notes, &u->props, vprops)) ||
           (e->has_refs && dbr_props_add(p, &u->props, "po:references", po_cstr(&e->refs))) ||
           (flags && *flags && dbr_props_add(p, &u->props, "po:flags", flags)) ||
           (e->has_prev_ctxt && dbr_props_add(p, &u->props, "po:previous-msgctxt", po_cstr(&e->prev_ctxt))) ||
           (e->has_prev_id && dbr_props_add(p, &u->props, "po:previous-msgid", po_cstr(&e->prev_id))) ||
           (e->has_prev_plural && dbr_props_add(p, &u->props, "po:previous-msgid_plural", po_cstr(&e->prev_plural))) ||
           (e->obsolete && dbr_props_add(p, &u->props, "po:obsolete", "yes")) ||
           (e->indexed && !po_any_translation(e) && e->nstr != r->header_nplurals &&
            dbr_props_add(p, &u->props, "po:msgstr-count", dbr_pool_printf(p, "%d", e->nstr)));
}

static dbr_status po_emit_unit(po_reader *r, po_entry *e)
{
    dbr_unit u;
    memset(&u, 0, sizeof u);
    if (e->has_ctxt && !(u.id = dbr_pool_strdup(r->pool, po_cstr(&e->ctxt))))
        return po_oom(r);
    const char *flags = e->has_flags ? po_cstr(&e->flags) : NULL;
    int fuzzy = 0;
    if (flags && po_any_translation(e))
        fuzzy = po_take_fuzzy(r, flags, &flags);
    if (!flags && e->has_flags)
        return po_oom(r);
    dbr_status st = po_variants(r, e, &u, fuzzy);
    if (st != DBR_OK)
        return st;
    if (!e->has_ctxt && !(u.id = po_entry_id(r->pool, &u.variants[0].text)))
        return po_oom(r);
    if (po_unit_props(r, e, &u, flags))
        return po_oom(r);
    return dbr_sink_unit(r->sink, &u);
}

static int po_is_header(const po_entry *e)
{
    return e->has_id && e->id.len == 0 && !e->has_ctxt && !e->obsolete;
}

static dbr_status po_on_entry(void *ud, po_entry *e)
{
    po_reader *r = ud;
    dbr_status st = DBR_OK;
    if (r->nentries++ == 0 && po_is_header(e)) {
        if (po_doc_from_header(r, e))
            return po_oom(r);
        return po_begin_doc(r);
    }
    if (!r->doc_begun && (st = po_begin_doc(r)) != DBR_OK)
        return st;
    if (po_is_header(e)) {
        if (!dbr_options_get_bool(r->job->opts, "lenient", 0))
            return dbr_job_fail(r->job, DBR_FAILED, e->id_line, 1, -1,
                                "empty msgid without msgctxt after the first entry (only "
                                "the header, first, may have one)");
        dbr_job_warn(r->job, e->id_line, 1, "skipped entry: empty msgid without msgctxt after "
                     "the first entry");
        return DBR_OK;
    }
    st = po_emit_unit(r, e);
    dbr_pool_reset(r->pool);
    return st;
}

/* "de.po", "pt_BR.po": a file named after a locale says its language. */
static const char *po_lang_from_name(dbr_pool *pool, const char *path)
{
    if (!path)
        return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot ? (size_t)(dot - base) : strlen(base);
    if (n < 2 || n > 10 || !dot || strcasecmp(dot, ".po"))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = base[i];
        int ok = (c >= 'a' && c <= 'z') || (i >= 2 && (c == '_' || c == '@' ||
                 (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')));
        if (!ok)
            return NULL;
    }
    if (base[2] != '_' && base[2] != '@' && n > 3)
        return NULL;
    char *loc = dbr_pool_strndup(pool, base, n);
    return loc ? po_locale_to_bcp47(pool, loc) : NULL;
}

dbr_status po_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    po_reader *r = state;
    r->job = job;
    r->sink = sink;
    r->doc_pool = dbr_pool_new();
    r->pool = dbr_pool_new();
    if (!r->doc_pool || !r->pool)
        return po_oom(r);
    if (dbr_ph_read_flags(job->opts, &r->ph_flags, job->err))
        return DBR_FAILED;
    dbr_doc_init(&r->doc);
    r->file_lang = po_lang_from_name(r->doc_pool, dbr_input_name(in));
    long skipped = 0;
    int lenient = dbr_options_get_bool(job->opts, "lenient", 0);
    dbr_status st = po_parse(job, in, lenient, po_on_entry, r, &skipped);
    if (st == DBR_OK && !r->doc_begun)
        st = po_begin_doc(r);
    if (st == DBR_OK && skipped)
        dbr_job_warn(job, 0, 0, "%ld broken entr%s skipped", skipped, skipped == 1 ? "y" : "ies");
    if (st == DBR_OK)
        st = dbr_sink_end_document(sink, &r->doc);
    return st;
}

void po_read_cleanup(void *state)
{
    po_reader *r = state;
    dbr_pool_free(r->doc_pool);
    dbr_pool_free(r->pool);
}

const dbr_reader_ops po_reader_ops = {
    .state_size = sizeof(po_reader),
    .read = po_read,
    .sniff_encoding = dbr_sniff_po_charset,
    .cleanup = po_read_cleanup,
};
