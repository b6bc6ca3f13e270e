/* po_write.c - the model -> PO: the document becomes the header entry, each unit one entry
 * (gettext's comment order, msgcat's line layout), always UTF-8, checked by msgfmt in tests. */
#include "po.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <strings.h>

typedef struct po_writer {
    dbr_job *job;
    dbr_output *out;
    dbr_buf buf;          /* one entry at a time */
    dbr_buf idtext;       /* the msgid's placeholder form, alive while the entry is written */
    dbr_buf text;         /* any other string's, written as soon as it is made */
    dbr_pool *pool;
    unsigned ph_flags;
    int width;
    int ndocs;
    int nplurals;         /* from the header written */
    char *src_lang, *tgt_lang;
    int warned_langs;
    long nunits;
    long nentries;
    int header_pending;   /* header waits for the first unit to learn the target language */
    dbr_pool *doc_pool;   /* holds the pending document */
    dbr_doc *doc;
    uint64_t *seen;       /* fingerprints of written keys (open addressing) */
    size_t nseen, cap_seen;
    int dup_mode;         /* 0 msgctxt, 1 skip, 2 keep */
    int seen_full;
    int pool_failed;
    long ndups;
    long nnewline_fuzzy;  /* entries made fuzzy for msgfmt's newline check (po_w_flags) */
    int keep_props;       /* --po-props=keep: foreign props as "#. docbridge-prop" lines */
    long replaced;        /* control characters in comments and msgctxt written as U+FFFD */
} po_writer;

/* ---- duplicate keys ----
 * msgfmt rejects two entries with the same msgctxt and msgid. Streaming cannot merge them, so
 * the writer remembers an 8-byte fingerprint of every key it wrote (in a table at most half
 * full, capped at 16 MB: a million keys) and gives a repeated key a msgctxt naming the unit
 * (--po-duplicates=msgctxt, the default), leaves it out with a warning (skip), or writes it as
 * it is with flat memory (keep). */
/* Eight bytes at a time (FNV-1a a byte at a time was a tenth of the writer): each word is
 * mixed in by steps that are each one-to-one (xor, odd multiply, xor-shift), the length closes
 * each part so the parts cannot run into each other, and a final avalanche (MurmurHash3's)
 * spreads every input bit over the table index. */
static uint64_t po_mix(uint64_t h, uint64_t x)
{
    h = (h ^ x) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 32);
}

static uint64_t po_hash_part(uint64_t h, const char *s, size_t n)
{
    size_t i = 0;
    for (uint64_t x; i + 8 <= n; i += 8) {
        memcpy(&x, s + i, sizeof x);
        h = po_mix(h, x);
    }
    uint64_t t = 0;
    memcpy(&t, s + i, n - i);
    return po_mix(po_mix(h, t), (uint64_t)n);
}

static uint64_t po_key_hash(const char *ctxt, const char *id, size_t idlen)
{
    uint64_t h = ctxt ? po_hash_part(0x243F6A8885A308D3ull, ctxt, strlen(ctxt)) : 0x13198A2E03707344ull;
    h = po_hash_part(h, id, idlen);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return h ? h : 1;
}

/* The table stops growing at 2^21 slots (16 MB, a million keys): memory stays bounded however
 * long the input; past that, repeats are no longer caught (said once). */
#define PO_SEEN_MAX_SLOTS ((size_t)1 << 21)

/* 1 when the key was seen, 0 when added now (or the table is full), -1 out of memory. */
static int po_seen_add(po_writer *w, uint64_t h)
{
    if (w->nseen * 2 >= w->cap_seen && w->cap_seen >= PO_SEEN_MAX_SLOTS) {
        for (size_t j = h & (w->cap_seen - 1);; j = (j + 1) & (w->cap_seen - 1)) {
            if (w->seen[j] == h)
                return 1;
            if (!w->seen[j])
                break;
        }
        if (!w->seen_full++)
            dbr_job_warn(w->job, 0, 0, "more than %zu entries: repeated msgctxt+msgid past this "
                         "point are not checked", PO_SEEN_MAX_SLOTS / 2);
        return 0;
    }
    if (w->nseen * 2 >= w->cap_seen) {
        size_t ncap = w->cap_seen ? w->cap_seen * 2 : 1024;
        uint64_t *n = dbr_calloc(ncap, sizeof *n);
        if (!n)
            return -1;
        for (size_t i = 0; i < w->cap_seen; i++)
            if (w->seen[i])
                for (size_t j = w->seen[i] & (ncap - 1);; j = (j + 1) & (ncap - 1))
                    if (!n[j]) {
                        n[j] = w->seen[i];
                        break;
                    }
        dbr_free(w->seen);
        w->seen = n;
        w->cap_seen = ncap;
    }
    for (size_t j = h & (w->cap_seen - 1);; j = (j + 1) & (w->cap_seen - 1)) {
        if (w->seen[j] == h)
            return 1;
        if (!w->seen[j]) {
            w->seen[j] = h;
            w->nseen++;
            return 0;
        }
    }
}

static dbr_status po_w_oom(po_writer *w)
{
    return dbr_error_set(w->job->err, DBR_FAILED, "out of memory");
}

static dbr_status po_w_flush(po_writer *w)
{
    dbr_status st = dbr_output_write(w->out, w->buf.data ? w->buf.data : "", w->buf.len, w->job->err);
    dbr_buf_clear(&w->buf);
    return st;
}

/* Entries gather in buf and go to the output a batch at a time: one write of 256 KiB, which
 * the output takes as it is, instead of a copy into its own buffer per entry. */
#define PO_BATCH 262144

static dbr_status po_w_flush_batch(po_writer *w)
{
    return w->buf.len >= PO_BATCH ? po_w_flush(w) : DBR_OK;
}

static dbr_status po_w_open(void *state, dbr_job *job, dbr_output *out)
{
    po_writer *w = state;
    w->job = job;
    w->out = out;
    w->pool = dbr_pool_new();
    if (!w->pool)
        return po_w_oom(w);
    if (dbr_ph_write_flags(job->opts, &w->ph_flags, job->err))
        return DBR_FAILED;
    w->ph_flags |= DBR_PH_C1_SAFE; /* DEL has an escape of its own, \177 */
    w->width = (int)dbr_options_get_long(job->opts, "po-width", 79);
    const char *pp = dbr_options_get(job->opts, "po-props");
    if (pp && strcmp(pp, "keep") && strcmp(pp, "drop"))
        return dbr_error_set(job->err, DBR_FAILED, "unknown --po-props value '%s' (expected keep or drop)", pp);
    w->keep_props = !pp || !strcmp(pp, "keep");
    const char *dm = dbr_options_get(job->opts, "po-duplicates");
    if (dm && strcmp(dm, "msgctxt") && strcmp(dm, "skip") && strcmp(dm, "keep"))
        return dbr_error_set(job->err, DBR_FAILED,
                             "unknown --po-duplicates value '%s' (expected msgctxt, skip or keep)", dm);
    w->dup_mode = !dm || !strcmp(dm, "msgctxt") ? 0 : !strcmp(dm, "skip") ? 1 : 2;
    return DBR_OK;
}

/* Each line of a multi-line comment gets the marker ("# ", "#. ", "#: "). */
static int po_w_comment(dbr_buf *b, const char *marker, const char *text)
{
    while (1) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) : strlen(text);
        int bare = n == 0 && marker[0] == '#' && marker[1] == ' ';
        if (dbr_buf_puts(b, bare ? "#" : marker) || dbr_buf_append(b, text, n) ||
            dbr_buf_putc(b, '\n'))
            return -1;
        if (!nl)
            return 0;
        text = nl + 1;
    }
}

/* Properties PO has no field for (not "po:..."): "#. docbridge-prop KEY=VALUE" lines, read
 * back into properties, so TMX/XLIFF metadata survives a trip through PO. */
static int po_w_foreign_props(dbr_buf *b, const dbr_props *props, const char *tag)
{
    for (size_t i = 0; i < props->count; i++) {
        const dbr_prop *p = &props->items[i];
        if (!strncmp(p->key, "po:", 3))
            continue;
        if (po_put_prop_line(b, tag, p->key, p->value))
            return -1;
    }
    return 0;
}

static int po_note_is_developer(const dbr_note *n)
{
    const char *from = dbr_props_get(&n->props, "from");
    return from && !strcmp(from, "developer");
}

/* Notes: developer notes as "#." lines, all others as "# " lines, translator ones first.
 * A comment has no escapes: control characters the reader's input layer would drop become
 * U+FFFD, counted for one warning. */
static int po_w_notes(po_writer *w, const dbr_notes *notes, int developer)
{
    for (size_t i = 0; i < notes->count; i++) {
        if (po_note_is_developer(&notes->items[i]) != developer)
            continue;
        const char *t = dbr_input_keepable(w->pool, notes->items[i].text ? notes->items[i].text : "",
                                           DBR_KEEP_C0_DEL | DBR_KEEP_C1, &w->replaced);
        if (!t || po_w_comment(&w->buf, developer ? "#. " : "# ", t))
            return -1;
    }
    return 0;
}

/* Content-Type must name the charset we write: UTF-8 (a template's "CHARSET" stays). */
static int po_w_header_field(dbr_buf *h, const char *key, const char *value)
{
    if (!strcasecmp(key, "Content-Type") && strstr(value, "charset=") &&
        !strstr(value, "charset=CHARSET"))
        value = "text/plain; charset=UTF-8";
    return dbr_buf_printf(h, "%s: %s\n", key, value);
}

/* Fields msgfmt needs that a header read from elsewhere may lack: added at its end, so a
 * complete header round-trips unchanged and an incomplete one comes out valid. */
static int po_w_complete_header(po_writer *w, const dbr_doc *d, dbr_buf *h)
{
    const char *pf = NULL;
    if (!dbr_props_get(&d->props, "po:header:MIME-Version") && dbr_buf_puts(h, "MIME-Version: 1.0\n"))
        return -1;
    if (!dbr_props_get(&d->props, "po:header:Content-Type") &&
        dbr_buf_puts(h, "Content-Type: text/plain; charset=UTF-8\n"))
        return -1;
    if (!dbr_props_get(&d->props, "po:header:Content-Transfer-Encoding") &&
        dbr_buf_puts(h, "Content-Transfer-Encoding: 8bit\n"))
        return -1;
    if (!w->nplurals && !dbr_props_get(&d->props, "po:header:Plural-Forms")) {
        pf = po_plural_forms_for(w->tgt_lang);
        w->nplurals = po_nplurals(pf);
        if (dbr_buf_printf(h, "Plural-Forms: %s\n", pf))
            return -1;
    }
    return 0;
}

static int po_w_header_from_props(po_writer *w, const dbr_doc *d, dbr_buf *h)
{
    int any = 0;
    for (size_t i = 0; i < d->props.count; i++) {
        const dbr_prop *p = &d->props.items[i];
        int rc = 0;
        if (!strncmp(p->key, "po:header:", 10)) {
            rc = po_w_header_field(h, p->key + 10, p->value);
            if (!strcasecmp(p->key + 10, "Plural-Forms"))
                w->nplurals = po_nplurals(p->value);
            any = 1;
        } else if (!strcmp(p->key, "po:header-line")) {
            rc = dbr_buf_printf(h, "%s\n", p->value);
            any = 1;
        }
        if (rc)
            return -1;
    }
    return any && po_w_complete_header(w, d, h) ? -1 : any;
}

static int po_w_header_generated(po_writer *w, const dbr_doc *d, dbr_buf *h)
{
    const char *loc = po_bcp47_to_locale(w->pool, w->tgt_lang);
    const char *pf = po_plural_forms_for(w->tgt_lang);
    w->nplurals = po_nplurals(pf);
    return dbr_buf_printf(h, "Project-Id-Version: %s\n", d->title ? d->title : "docbridge") ||
           dbr_buf_printf(h, "Language: %s\n", loc ? loc : "") ||
           dbr_buf_puts(h, "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
                           "Content-Transfer-Encoding: 8bit\n") ||
           dbr_buf_printf(h, "Plural-Forms: %s\n", pf) ||
           (w->src_lang && dbr_buf_printf(h, "X-Source-Language: %s\n", w->src_lang)) ||
           dbr_buf_printf(h, "X-Generator: %s\n", w->job->converter ? w->job->converter : "docbridge");
}

/* Source: the document's language; target: --target-lang, the header, or the other one. */
static void po_w_pick_langs(po_writer *w, const dbr_doc *d)
{
    const char *src = dbr_options_get(w->job->opts, "source-lang");
    const char *tgt = dbr_options_get(w->job->opts, "target-lang");
    if (!src)
        src = d->lang ? d->lang : (d->nlangs ? d->langs[0] : NULL);
    const char *hl = dbr_props_get(&d->props, "po:header:Language");
    if (!tgt && hl && *hl)
        tgt = po_locale_to_bcp47(w->pool, hl);
    for (size_t i = 0; !tgt && i < d->nlangs; i++)
        if (!src || strcasecmp(d->langs[i], src))
            tgt = d->langs[i];
    dbr_free(w->src_lang);
    dbr_free(w->tgt_lang);
    w->src_lang = dbr_strdup(src);
    w->tgt_lang = dbr_strdup(tgt);
}

/* Writes the header entry for d. */
static dbr_status po_w_header(po_writer *w, const dbr_doc *d)
{
    dbr_buf h = DBR_BUF_INIT;
    int from_props = po_w_header_from_props(w, d, &h);
    int rc = from_props < 0 || (!from_props && po_w_header_generated(w, d, &h));
    const char *hflags = dbr_props_get(&d->props, "po:header-flags");
    const char *hrefs = dbr_props_get(&d->props, "po:header-references");
    rc = rc || po_w_notes(w, &d->notes, 0) || po_w_notes(w, &d->notes, 1) ||
         (w->keep_props && po_w_foreign_props(&w->buf, &d->props, PO_PROP_TAG)) ||
         (hrefs && po_w_comment(&w->buf, "#: ", hrefs)) ||
         (hflags && *hflags && dbr_buf_printf(&w->buf, "#, %s\n", hflags)) ||
         po_put_string(&w->buf, "", "msgid", "", 0) ||
         po_put_string(&w->buf, "", "msgstr", dbr_buf_cstr(&h), w->width);
    w->nentries++;
    w->header_pending = 0;
    dbr_buf_free(&h);
    dbr_pool_reset(w->pool);
    return rc ? po_w_oom(w) : po_w_flush_batch(w);
}

/* The header waits for the first unit when the document does not name the target language
 * (a TMX header has only srclang): the unit's other variant then names it. */
static dbr_status po_w_begin_document(void *state, const dbr_doc *d)
{
    po_writer *w = state;
    if (w->ndocs++ > 0)
        return DBR_OK; /* one PO file has one header: later documents only add entries */
    po_w_pick_langs(w, d);
    if (w->tgt_lang)
        return po_w_header(w, d);
    w->doc_pool = dbr_pool_new();
    if (!w->doc_pool || !(w->doc = dbr_doc_clone(w->doc_pool, d)))
        return po_w_oom(w);
    w->header_pending = 1;
    return DBR_OK;
}

static dbr_status po_w_flush_header(po_writer *w, const dbr_unit *u)
{
    for (size_t i = 0; u && !w->tgt_lang && i < u->nvariants; i++)
        if (u->variants[i].lang && (!w->src_lang || strcasecmp(u->variants[i].lang, w->src_lang)))
            w->tgt_lang = dbr_strdup(u->variants[i].lang);
    dbr_status st = po_w_header(w, w->doc);
    dbr_pool_free(w->doc_pool);
    w->doc_pool = NULL;
    w->doc = NULL;
    return st;
}

static int po_w_is_fuzzy_state(const char *state)
{
    return state && (!strncmp(state, "needs-", 6) || !strcmp(state, "fuzzy") ||
                     !strcmp(state, "initial"));
}

static const dbr_variant *po_w_source(const po_writer *w, const dbr_unit *u)
{
    for (size_t i = 0; w->src_lang && i < u->nvariants; i++)
        if (u->variants[i].lang && !strcasecmp(u->variants[i].lang, w->src_lang))
            return &u->variants[i];
    return u->nvariants ? &u->variants[0] : NULL;
}

static const dbr_variant *po_w_target(po_writer *w, const dbr_unit *u, const dbr_variant *src)
{
    const dbr_variant *t = NULL;
    for (size_t i = 0; w->tgt_lang && i < u->nvariants && !t; i++)
        if (&u->variants[i] != src && u->variants[i].lang &&
            !strcasecmp(u->variants[i].lang, w->tgt_lang))
            t = &u->variants[i];
    for (size_t i = 0; !t && !w->tgt_lang && i < u->nvariants; i++)
        if (&u->variants[i] != src)
            t = &u->variants[i];
    if (u->nvariants > 2 || (u->nvariants == 2 && !t)) {
        if (!w->warned_langs++)
            dbr_job_warn(w->job, 0, 0,
                         "PO holds one source and one target language: other languages are left "
                         "out (choose with --source-lang / --target-lang)");
    }
    if (t && !w->tgt_lang)
        w->tgt_lang = dbr_strdup(t->lang);
    return t;
}

/* Placeholder form of a rich text, in into (reused: no allocation per string; its length is
 * into->len). NULL on OOM. */
static const char *po_w_text(po_writer *w, dbr_buf *into, const dbr_rich *r)
{
    dbr_buf_clear(into);
    return dbr_ph_encode(r, w->ph_flags, into) == 0 ? dbr_buf_cstr(into) : NULL;
}

/* The unit's "po:" property, NULL when it has none: a unit from another format has no "po:"
 * key at all, and then the half-dozen lookups per entry are skipped. */
static const char *po_w_prop(const dbr_unit *u, int has_po, const char *key)
{
    return has_po ? dbr_props_get(&u->props, key) : NULL;
}

static int po_w_has_po_props(const dbr_props *props)
{
    for (size_t i = 0; i < props->count; i++)
        if (!strncmp(props->items[i].key, "po:", 3))
            return 1;
    return 0;
}

/* Whether the text a rich text is written as starts (end = 0) or ends (end = 1) with a
 * newline; -1 when it is empty. A code at either end is written as a placeholder, never a
 * newline. */
static int po_rich_newline_at(const dbr_rich *r, int end)
{
    if (!r->count)
        return -1;
    const dbr_span *sp = &r->spans[end ? r->count - 1 : 0];
    if (sp->kind != DBR_SPAN_TEXT)
        return 0;
    size_t n = sp->text ? strlen(sp->text) : 0;
    if (!n)
        return r->count == 1 ? -1 : 0;
    return sp->text[end ? n - 1 : 0] == '\n';
}

/* 1 when the form r, if translated, does not begin and end with a newline as msgid does. */
static int po_newline_differs(const dbr_rich *r, int id_starts, int id_ends)
{
    int starts = po_rich_newline_at(r, 0);
    return starts >= 0 && (starts != id_starts || po_rich_newline_at(r, 1) != id_ends);
}

/* msgfmt --check refuses a translated entry whose msgid and msgid_plural or a msgstr do not
 * both begin, and both end, with a newline (text from TMX or XLIFF often differs so). Such an
 * entry is written fuzzy, which msgfmt leaves alone, and counted in one warning at the end:
 * the file stays valid and no text is changed. */
static int po_w_newline_mismatch(const char *id, size_t idlen, const dbr_variant *src,
                                 const dbr_variant *tgt)
{
    if (!tgt || !idlen)
        return 0;
    int starts = id[0] == '\n', ends = id[idlen - 1] == '\n';
    if (src->nplurals && po_newline_differs(&src->plurals[0], starts, ends))
        return 1;
    if (po_newline_differs(&tgt->text, starts, ends))
        return 1;
    for (size_t i = 0; i < tgt->nplurals; i++)
        if (po_newline_differs(&tgt->plurals[i], starts, ends))
            return 1;
    return 0;
}

static int po_w_flags(po_writer *w, const dbr_unit *u, int has_po, const dbr_variant *src,
                      const dbr_variant *tgt)
{
    const char *flags = po_w_prop(u, has_po, "po:flags");
    int fuzzy = tgt && po_w_is_fuzzy_state(tgt->state);
    if (!fuzzy && !(flags && strstr(flags, "fuzzy")) &&
        po_w_newline_mismatch(dbr_buf_cstr(&w->idtext), w->idtext.len, src, tgt)) {
        fuzzy = 1;
        w->nnewline_fuzzy++;
    }
    if (fuzzy && flags && strstr(flags, "fuzzy"))
        fuzzy = 0;
    if (!fuzzy && !(flags && *flags))
        return 0;
    return dbr_buf_printf(&w->buf, "#, %s%s%s\n", fuzzy ? "fuzzy" : "",
                          fuzzy && flags && *flags ? ", " : "", flags ? flags : "");
}

static int po_w_previous(po_writer *w, const dbr_unit *u, int has_po, const char *prefix)
{
    if (!has_po)
        return 0;
    static const char *const keys[][2] = {{"po:previous-msgctxt", "msgctxt"},
                                          {"po:previous-msgid", "msgid"},
                                          {"po:previous-msgid_plural", "msgid_plural"}};
    for (size_t i = 0; i < 3; i++) {
        const char *v = dbr_props_get(&u->props, keys[i][0]);
        if (v && po_put_string(&w->buf, prefix, keys[i][1], v, w->width))
            return -1;
    }
    return 0;
}

static int po_w_msgstrs(po_writer *w, const dbr_unit *u, const dbr_variant *src,
                        const dbr_variant *tgt, const char *kp)
{
    if (!src->nplurals) {
        const char *t = tgt ? po_w_text(w, &w->text, &tgt->text) : "";
        return !t || po_put_stringn(&w->buf, kp, "msgstr", t, tgt ? w->text.len : 0, w->width);
    }
    size_t forms = tgt ? 1 + tgt->nplurals : 0;
    const char *mc = dbr_props_get(&u->props, "po:msgstr-count");
    size_t want = mc ? (size_t)atoi(mc) : (size_t)(w->nplurals > 0 ? w->nplurals : 2);
    size_t n = forms > want ? forms : want;
    for (size_t i = 0; i < n; i++) {
        const char *t = i < forms ? po_w_text(w, &w->text, i ? &tgt->plurals[i - 1] : &tgt->text) : "";
        char kw[32];
        snprintf(kw, sizeof kw, "msgstr[%zu]", i);
        if (!t || po_put_stringn(&w->buf, kp, kw, t, i < forms ? w->text.len : 0, w->width))
            return -1;
    }
    return 0;
}

/* The unit's id is its msgctxt, unless it is the id our reader gives an entry without one
 * ("po-" + hash of the source text). */
static const char *po_w_context(po_writer *w, const dbr_unit *u, const dbr_variant *src)
{
    w->pool_failed = 0;
    if (!u->id || strncmp(u->id, "po-", 3))
        return u->id;
    const char *derived = po_entry_id(w->pool, &src->text);
    if (!derived) {
        w->pool_failed = 1;
        return NULL;
    }
    return strcmp(derived, u->id) ? u->id : NULL;
}

/* The comment lines before the keywords, and the blank line that separates entries (none
 * after the last, as msgcat writes). */
static int po_w_comments(po_writer *w, const dbr_unit *u, const dbr_variant *src,
                         const dbr_variant *tgt, int has_po, int obsolete)
{
    dbr_buf *b = &w->buf;
    const char *refs = po_w_prop(u, has_po, "po:references");
    return (w->nentries++ > 0 && dbr_buf_putc(b, '\n')) || po_w_notes(w, &u->notes, 0) ||
           (tgt && po_w_notes(w, &tgt->notes, 0)) || po_w_notes(w, &u->notes, 1) ||
           po_w_notes(w, &src->notes, 1) ||
           (w->keep_props && (po_w_foreign_props(b, &u->props, PO_PROP_TAG) ||
                              po_w_foreign_props(b, &src->props, PO_SRC_PROP_TAG) ||
                              (tgt && po_w_foreign_props(b, &tgt->props, PO_TGT_PROP_TAG)))) ||
           (refs && po_w_comment(b, "#: ", refs)) || po_w_flags(w, u, has_po, src, tgt) ||
           po_w_previous(w, u, has_po, obsolete ? "#~| " : "#| ");
}

/* A repeated key (fingerprint h): 0 write the entry (*ctxt changed when it repeats), 1 leave
 * it out (--po-duplicates=skip), -1 out of memory. */
static int po_w_dedupe(po_writer *w, uint64_t h, const char **ctxt)
{
    int seen = po_seen_add(w, h);
    if (seen <= 0)
        return seen;
    if (w->dup_mode == 1) {
        dbr_job_warn(w->job, 0, 0, "unit %ld repeats the msgctxt and msgid of an earlier "
                     "entry: left out (--po-duplicates=skip)", w->nunits);
        return 1;
    }
    /* The unit's ordinal is unique in this output, so the key becomes unique. */
    const char *c = *ctxt;
    *ctxt = dbr_pool_printf(w->pool, "%s%sdocbridge-unit-%ld", c ? c : "", c ? " " : "", w->nunits);
    if (!*ctxt || po_seen_add(w, po_key_hash(*ctxt, dbr_buf_cstr(&w->idtext), w->idtext.len)) < 0)
        return -1;
    w->ndups++;
    return 0;
}

static dbr_status po_w_unit(void *state, const dbr_unit *u)
{
    po_writer *w = state;
    if (w->header_pending) {
        dbr_status hs = po_w_flush_header(w, u);
        if (hs != DBR_OK)
            return hs;
    }
    w->nunits++;
    const dbr_variant *src = po_w_source(w, u);
    if (!src)
        return DBR_OK;
    const dbr_variant *tgt = po_w_target(w, u, src);
    const char *id = po_w_text(w, &w->idtext, &src->text);
    if (!id)
        return po_w_oom(w);
    if (!*id && !u->id) {
        dbr_job_warn(w->job, 0, 0, "unit %ld has an empty source text and no id: PO cannot hold "
                     "it (an empty msgid is the header); left out", w->nunits);
        return DBR_OK;
    }
    const char *ctxt = po_w_context(w, u, src);
    if (u->id && !ctxt && w->pool_failed)
        return po_w_oom(w);
    /* The key's slot in the table is far off in memory (a cache miss per entry in profiles):
     * fetched now, looked at after the comment lines are written. */
    uint64_t h = w->dup_mode != 2 ? po_key_hash(ctxt, id, w->idtext.len) : 0;
    if (w->seen && w->dup_mode != 2)
        __builtin_prefetch(&w->seen[h & (w->cap_seen - 1)]);
    size_t start = w->buf.len;
    long nentries = w->nentries;
    int has_po = po_w_has_po_props(&u->props);
    int obsolete = po_w_prop(u, has_po, "po:obsolete") != NULL;
    const char *kp = obsolete ? "#~ " : "";
    int rc = po_w_comments(w, u, src, tgt, has_po, obsolete);
    int dup = rc || w->dup_mode == 2 ? 0 : po_w_dedupe(w, h, &ctxt);
    if (dup > 0) { /* left out: the comment lines written for it go too */
        w->buf.len = start;
        if (w->buf.data)
            w->buf.data[start] = '\0';
        w->nentries = nentries;
        dbr_pool_reset(w->pool);
        return DBR_OK;
    }
    /* msgctxt escapes C0 and DEL in octal; a C1 control has no escape there: U+FFFD */
    if (!rc && ctxt && !(ctxt = dbr_input_keepable(w->pool, ctxt, DBR_KEEP_C1, &w->replaced)))
        rc = -1;
    rc = rc || dup < 0 || (ctxt && po_put_string(&w->buf, kp, "msgctxt", ctxt, w->width)) ||
         po_put_stringn(&w->buf, kp, "msgid", id, w->idtext.len, w->width);
    if (!rc && src->nplurals) {
        const char *pl = po_w_text(w, &w->text, &src->plurals[0]);
        rc = !pl || po_put_stringn(&w->buf, kp, "msgid_plural", pl, w->text.len, w->width);
    }
    rc = rc || po_w_msgstrs(w, u, src, tgt, kp);
    dbr_pool_reset(w->pool);
    return rc ? po_w_oom(w) : po_w_flush_batch(w);
}

/* Says once, at the end, how many repeated keys got a msgctxt. */
static dbr_status po_w_finish(void *state)
{
    po_writer *w = state;
    if (!w->ndocs) {
        /* no document came (an empty JSONL): still a catalogue msgfmt accepts, the header */
        dbr_doc d;
        dbr_doc_init(&d);
        dbr_status ds = po_w_begin_document(w, &d);
        if (ds != DBR_OK)
            return ds;
    }
    if (w->header_pending) {
        dbr_status hs = po_w_flush_header(w, NULL);
        if (hs != DBR_OK)
            return hs;
    }
    if (w->nnewline_fuzzy)
        dbr_job_warn(w->job, 0, 0, "%ld entr%s marked fuzzy: source and translation do not "
                     "both begin and end with a newline, which msgfmt --check refuses",
                     w->nnewline_fuzzy, w->nnewline_fuzzy == 1 ? "y" : "ies");
    if (w->replaced)
        dbr_job_warn(w->job, 0, 0, "%ld control character%s in comments or msgctxt written as "
                     "U+FFFD (PO has no escape for them there)", w->replaced,
                     w->replaced == 1 ? "" : "s");
    if (w->ndups)
        dbr_job_warn(w->job, 0, 0, "%ld entr%s repeated an earlier msgctxt and msgid: given a "
                     "msgctxt \"docbridge-unit-N\" so msgfmt accepts the file", w->ndups,
                     w->ndups == 1 ? "y" : "ies");
    return po_w_flush(w);
}

static void po_w_cleanup(void *state)
{
    po_writer *w = state;
    dbr_free(w->seen);
    dbr_pool_free(w->doc_pool);
    dbr_buf_free(&w->buf);
    dbr_buf_free(&w->idtext);
    dbr_buf_free(&w->text);
    dbr_pool_free(w->pool);
    dbr_free(w->src_lang);
    dbr_free(w->tgt_lang);
}

static const dbr_sink_ops po_w_sink = {
    .begin_document = po_w_begin_document,
    .unit = po_w_unit,
};

const dbr_writer_ops po_writer_ops = {
    .state_size = sizeof(po_writer),
    .open = po_w_open,
    .sink = &po_w_sink,
    .finish = po_w_finish,
    .cleanup = po_w_cleanup,
};
