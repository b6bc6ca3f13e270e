/* table_write.c - translation units -> rows. The columns are fixed when the first document
 * begins (streaming: no second pass): --columns, else the "tsv:columns" the reader recorded,
 * else id, every language of the document, note. What has no column is reported once. */
#include "table.h"

#include <string.h>
#include <strings.h>

static dbr_status tab_w_oom(tab_writer *w)
{
    return dbr_error_set(w->job->err, DBR_FAILED, "out of memory");
}

dbr_status tab_writer_open(void *state, const tab_dialect *d, dbr_job *job, dbr_output *out)
{
    tab_writer *w = state;
    w->d = d;
    w->job = job;
    w->out = out;
    w->pool = dbr_pool_new();
    w->row_pool = dbr_pool_new();
    if (!w->pool || !w->row_pool)
        return tab_w_oom(w);
    if (dbr_ph_write_flags(job->opts, &w->ph_flags, job->err))
        return DBR_FAILED;
    /* raw, a reader's input layer would drop them (and turn a CR into LF: CSV fields hold
     * line breaks as they are, TSV escapes CR itself) */
    w->ph_flags |= DBR_PH_CTRL_SAFE | DBR_PH_C1_SAFE;
    if (!strcmp(d->name, "csv"))
        w->ph_flags |= DBR_PH_CR_SAFE;
    return DBR_OK;
}

/* Splits "a,b" (or tab-separated) into pool strings. */
static size_t tab_w_split(dbr_pool *pool, const char *s, char sep, char ***out)
{
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == sep;
    char **v = dbr_pool_alloc(pool, n * sizeof *v);
    if (!v)
        return 0;
    size_t i = 0;
    for (const char *p = s;; i++) {
        const char *q = strchr(p, sep);
        v[i] = dbr_pool_strndup(pool, p, q ? (size_t)(q - p) : strlen(p));
        if (!v[i])
            return 0;
        if (!q)
            break;
        p = q + 1;
    }
    *out = v;
    return n;
}

/* id, the languages, note: the default columns. */
static size_t tab_w_generated(tab_writer *w, const char *const *langs, size_t nlangs, char ***out)
{
    char **v = dbr_pool_alloc(w->pool, (nlangs + 2) * sizeof *v);
    if (!v)
        return 0;
    size_t n = 0;
    v[n++] = "id";
    for (size_t i = 0; i < nlangs; i++)
        v[n++] = (char *)langs[i];
    v[n++] = "note";
    *out = v;
    return n;
}

/* Fixes the columns from names and writes the header row. Languages are copied: the document
 * they come from is borrowed only for its event. */
static dbr_status tab_w_set_columns(tab_writer *w, char **names, size_t n, const char *src,
                                    const char *tgt)
{
    const char *os = dbr_options_get(w->job->opts, "source-lang");
    const char *ot = dbr_options_get(w->job->opts, "target-lang");
    w->src_lang = dbr_pool_strdup(w->pool, os ? os : src ? src : "en");
    w->tgt_lang = dbr_pool_strdup(w->pool, ot ? ot : tgt ? tgt : "und");
    w->cols = dbr_pool_alloc(w->pool, n * sizeof *w->cols);
    if (!w->src_lang || !w->tgt_lang || !w->cols ||
        tab_classify(w->pool, (const char *const *)names, n, w->src_lang, w->tgt_lang, w->cols))
        return tab_w_oom(w);
    w->ncols = n;
    if (w->d->put_row(&w->buf, (const char *const *)names, n))
        return tab_w_oom(w);
    w->header_done = 1;
    w->pending = 0;
    return DBR_OK;
}

static const char *tab_w_other_lang(const char *const *langs, size_t n, const char *src)
{
    for (size_t i = 0; i < n; i++)
        if (!src || strcasecmp(langs[i], src))
            return langs[i];
    return NULL;
}

static dbr_status tab_w_columns(tab_writer *w, const dbr_doc *d)
{
    const char *opt = dbr_options_get(w->job->opts, "columns");
    const char *rec = dbr_props_get(&d->props, "tsv:columns");
    const char *src = d->lang ? d->lang : (d->nlangs ? d->langs[0] : NULL);
    if (!opt && !rec && !d->nlangs) {
        /* A document that names no languages (a TMX header has only srclang): the first
         * unit's variants complete the list. */
        w->pending = 1;
        w->doc_lang = src ? dbr_pool_strdup(w->pool, src) : NULL;
        return src && !w->doc_lang ? tab_w_oom(w) : DBR_OK;
    }
    char **names = NULL;
    size_t n = opt ? tab_w_split(w->pool, opt, ',', &names)
             : rec ? tab_w_split(w->pool, rec, '\t', &names)
                   : tab_w_generated(w, d->langs, d->nlangs, &names);
    if (!n)
        return tab_w_oom(w);
    return tab_w_set_columns(w, names, n, src, tab_w_other_lang(d->langs, d->nlangs, src));
}

/* The language a variant without one is written as: --source-lang, else en (as in PO). */
static const char *tab_w_source_lang(const tab_writer *w)
{
    const char *os = dbr_options_get(w->job->opts, "source-lang");
    return os ? os : "en";
}

/* Pending columns: the document's language, then each new language of unit u (or none). */
static dbr_status tab_w_columns_from_unit(tab_writer *w, const dbr_unit *u)
{
    size_t cap = 1 + (u ? u->nvariants : 0), n = 0;
    const char **langs = dbr_pool_alloc(w->pool, cap * sizeof *langs);
    if (!langs)
        return tab_w_oom(w);
    if (w->doc_lang)
        langs[n++] = w->doc_lang;
    for (size_t i = 0; u && i < u->nvariants; i++) {
        const char *l = u->variants[i].lang;
        if (!l && !n) /* text of no stated language goes in the source column */
            l = tab_w_source_lang(w);
        int dup = !l;
        for (size_t k = 0; k < n && !dup; k++)
            dup = !strcasecmp(langs[k], l);
        if (!dup && !(langs[n++] = dbr_pool_strdup(w->pool, l)))
            return tab_w_oom(w);
    }
    if (!n) /* a header without a language column would not read back */
        langs[n++] = tab_w_source_lang(w);
    char **names = NULL;
    size_t nn = tab_w_generated(w, langs, n, &names);
    if (!nn)
        return tab_w_oom(w);
    return tab_w_set_columns(w, names, nn, n ? langs[0] : NULL,
                             n ? tab_w_other_lang(langs, n, langs[0]) : NULL);
}

static dbr_status tab_w_flush(tab_writer *w)
{
    dbr_status st = dbr_output_write(w->out, w->buf.data ? w->buf.data : "", w->buf.len,
                                     w->job->err);
    dbr_buf_clear(&w->buf);
    return st;
}

static dbr_status tab_w_begin_document(void *state, const dbr_doc *d)
{
    tab_writer *w = state;
    if (w->header_done || w->pending)
        return DBR_OK;
    dbr_status st = tab_w_columns(w, d);
    return st == DBR_OK ? tab_w_flush(w) : st;
}

/* The variant in lang; a variant without a language belongs to the source column. */
static const dbr_variant *tab_w_variant(const tab_writer *w, const dbr_unit *u, const char *lang)
{
    for (size_t i = 0; lang && i < u->nvariants; i++)
        if (u->variants[i].lang && !strcasecmp(u->variants[i].lang, lang))
            return &u->variants[i];
    for (size_t i = 0; lang && i < u->nvariants; i++)
        if (!u->variants[i].lang && !strcasecmp(w->src_lang, lang))
            return &u->variants[i];
    return NULL;
}

static const char *tab_w_notes(tab_writer *w, const dbr_unit *u, int dev, int all)
{
    dbr_buf b = DBR_BUF_INIT;
    for (size_t i = 0; i < u->notes.count; i++) {
        const char *from = dbr_props_get(&u->notes.items[i].props, "from");
        int is_dev = from && !strcmp(from, "developer");
        if (!all && is_dev != dev)
            continue;
        if ((b.len && dbr_buf_putc(&b, '\n')) || dbr_buf_puts(&b, u->notes.items[i].text ? u->notes.items[i].text : ""))
            break;
    }
    const char *s = dbr_pool_strdup(w->row_pool, dbr_buf_cstr(&b));
    dbr_buf_free(&b);
    return s;
}

static const char *tab_w_text(tab_writer *w, const dbr_variant *v)
{
    if (!v)
        return "";
    dbr_buf b = DBR_BUF_INIT;
    const char *s = NULL;
    if (dbr_ph_encode(&v->text, w->ph_flags, &b) == 0)
        s = dbr_pool_strdup(w->row_pool, dbr_buf_cstr(&b));
    dbr_buf_free(&b);
    return s;
}

static int tab_w_has(const tab_writer *w, tab_col_kind k)
{
    for (size_t i = 0; i < w->ncols; i++)
        if (w->cols[i].kind == k)
            return 1;
    return 0;
}

static int tab_w_prop_has_column(const tab_writer *w, const char *key)
{
    for (size_t i = 0; i < w->ncols; i++)
        if ((w->cols[i].kind == TAB_COL_PROP || w->cols[i].kind == TAB_COL_LOCATION) &&
            !strcmp(w->cols[i].key, key))
            return 1;
    return 0;
}

/* Reports, once each, what this table cannot hold. */
static void tab_w_check_loss(tab_writer *w, const dbr_unit *u)
{
    for (size_t i = 0; i < u->nvariants; i++) {
        const dbr_variant *v = &u->variants[i];
        int has_col = 0;
        const char *lang = v->lang ? v->lang : w->src_lang;
        for (size_t c = 0; c < w->ncols; c++)
            if (w->cols[c].kind <= TAB_COL_TARGET && !strcasecmp(w->cols[c].key, lang))
                has_col = 1;
        if (!has_col && !w->warned_langs++)
            dbr_job_warn(w->job, 0, 0, "no column for language '%s': left out (see --columns)",
                         v->lang ? v->lang : "?");
        if (v->nplurals && !w->warned_plurals++)
            dbr_job_warn(w->job, 0, 0, "a table holds one form per language: plural forms left out");
    }
    for (size_t i = 0; i < u->props.count; i++)
        if (!tab_w_prop_has_column(w, u->props.items[i].key) && !w->warned_props++)
            dbr_job_warn(w->job, 0, 0, "no column for property '%s': left out (add %s%s to "
                         "--columns)", u->props.items[i].key,
                         strcmp(u->props.items[i].key, "po:references") ? "prop:" : "",
                         strcmp(u->props.items[i].key, "po:references") ? u->props.items[i].key
                                                                       : "location");
}

static int tab_w_fuzzy(const dbr_unit *u)
{
    for (size_t i = 1; i < u->nvariants; i++)
        if (u->variants[i].state && !strncmp(u->variants[i].state, "needs-", 6))
            return 1;
    return 0;
}

static const char *tab_w_cell(tab_writer *w, const dbr_unit *u, const tab_col *c)
{
    const char *v = NULL;
    switch (c->kind) {
    case TAB_COL_LANG:
    case TAB_COL_SOURCE:
    case TAB_COL_TARGET: return tab_w_text(w, tab_w_variant(w, u, c->key));
    case TAB_COL_ID: v = u->id; break;
    case TAB_COL_NOTE: v = tab_w_notes(w, u, 0, !tab_w_has(w, TAB_COL_DEV_NOTE)); break;
    case TAB_COL_DEV_NOTE: v = tab_w_notes(w, u, 1, 0); break;
    case TAB_COL_FUZZY: return tab_w_fuzzy(u) ? "True" : "";
    case TAB_COL_LOCATION:
    case TAB_COL_PROP: v = dbr_props_get(&u->props, c->key); break;
    }
    /* texts have placeholder tokens for control characters; other cells have no escape for
     * them, and raw the reader's input layer would drop them: U+FFFD, counted */
    return v ? dbr_input_keepable(w->row_pool, v, DBR_KEEP_C0_DEL | DBR_KEEP_C1, &w->replaced)
             : "";
}

static dbr_status tab_w_unit(void *state, const dbr_unit *u)
{
    tab_writer *w = state;
    if (w->pending) {
        dbr_status st = tab_w_columns_from_unit(w, u);
        if (st != DBR_OK)
            return st;
    }
    if (!w->header_done)
        return dbr_error_set(w->job->err, DBR_FAILED, "unit before any document");
    tab_w_check_loss(w, u);
    const char **cells = dbr_pool_alloc(w->row_pool, w->ncols * sizeof *cells);
    if (!cells)
        return tab_w_oom(w);
    for (size_t i = 0; i < w->ncols; i++)
        if (!(cells[i] = tab_w_cell(w, u, &w->cols[i])))
            return tab_w_oom(w);
    int rc = w->d->put_row(&w->buf, cells, w->ncols);
    dbr_pool_reset(w->row_pool);
    return rc ? tab_w_oom(w) : tab_w_flush(w);
}

dbr_status tab_writer_finish(void *state)
{
    tab_writer *w = state;
    if (w->replaced)
        dbr_job_warn(w->job, 0, 0, "%ld control character%s in ids, notes or properties written "
                     "as U+FFFD (%s has no escape for them there)", w->replaced,
                     w->replaced == 1 ? "" : "s", w->d->name);
    if (!w->pending && w->header_done)
        return DBR_OK;
    /* No document came either (an empty JSONL): the header alone, so the file reads back. */
    dbr_status st = tab_w_columns_from_unit(w, NULL); /* no unit came: the header alone */
    return st == DBR_OK ? tab_w_flush(w) : st;
}

void tab_writer_cleanup(void *state)
{
    tab_writer *w = state;
    dbr_buf_free(&w->buf);
    dbr_pool_free(w->pool);
    dbr_pool_free(w->row_pool);
}

const dbr_sink_ops tab_writer_sink = {
    .begin_document = tab_w_begin_document,
    .unit = tab_w_unit,
};
