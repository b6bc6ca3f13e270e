/* moses_write.c - units -> one file per language, line i of each holding unit i. `-o corpus`
 * writes corpus.<lang> for every language; `-o corpus.en` writes English there and the other
 * languages beside it. All files commit together or not at all (output siblings). Line breaks
 * inside a segment become placeholder escapes so each segment stays one line. */
#include "moses.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MOSES_MAX_LANGS 64

typedef struct moses_writer {
    dbr_job *job;
    dbr_output *primary;
    dbr_output *outs[MOSES_MAX_LANGS];
    char *langs[MOSES_MAX_LANGS];
    size_t nlangs;
    int ready;
    unsigned ph_flags;
    dbr_buf buf;
    int warned_missing, warned_extra, warned_plurals;
} moses_writer;

static dbr_status moses_w_open(void *state, dbr_job *job, dbr_output *out)
{
    moses_writer *w = state;
    w->job = job;
    w->primary = out;
    if (dbr_ph_write_flags(job->opts, &w->ph_flags, job->err))
        return DBR_FAILED;
    w->ph_flags |= DBR_PH_LINE_SAFE | DBR_PH_CTRL_SAFE | DBR_PH_C1_SAFE;
    if (!strcmp(dbr_output_path(out), "-"))
        return dbr_error_set(job->err, DBR_FAILED,
                             "moses writes one file per language: give -o STEM (corpus -> "
                             "corpus.en, corpus.zh)");
    return DBR_OK;
}

static int moses_w_add_lang(moses_writer *w, const char *lang)
{
    for (size_t i = 0; i < w->nlangs; i++)
        if (!strcasecmp(w->langs[i], lang))
            return 0;
    if (w->nlangs == MOSES_MAX_LANGS)
        return -1;
    w->langs[w->nlangs] = dbr_strdup(lang);
    return w->langs[w->nlangs++] ? 0 : -1;
}

/* Opens the files: the primary keeps its name when its extension is one of the languages,
 * otherwise it is only the stem and is discarded at commit. */
static dbr_status moses_w_files(moses_writer *w)
{
    const char *path = dbr_output_path(w->primary);
    char ext[64];
    size_t stem = strlen(path);
    long primary_lang = -1;
    if (moses_ext_lang(path, ext, sizeof ext))
        for (size_t i = 0; i < w->nlangs; i++)
            if (!strcasecmp(w->langs[i], ext)) {
                primary_lang = (long)i;
                stem = moses_stem_len(path);
            }
    if (primary_lang < 0)
        dbr_output_discard(w->primary);
    for (size_t i = 0; i < w->nlangs; i++) {
        if ((long)i == primary_lang) {
            w->outs[i] = w->primary;
            continue;
        }
        char sib[4096];
        int k = snprintf(sib, sizeof sib, "%.*s.%s", (int)stem, path, w->langs[i]);
        if (k < 0 || (size_t)k >= sizeof sib)
            return dbr_error_set(w->job->err, DBR_FAILED, "output path too long");
        if (!(w->outs[i] = dbr_output_open_sibling(w->primary, sib, w->job->err)))
            return DBR_FAILED;
    }
    w->ready = 1;
    return DBR_OK;
}

/* Languages: --langs, else the first document's, else the first unit's variants. */
static dbr_status moses_w_begin_document(void *state, const dbr_doc *d)
{
    moses_writer *w = state;
    if (w->ready)
        return DBR_OK;
    const char *opt = dbr_options_get(w->job->opts, "langs");
    int rc = 0;
    if (opt) {
        for (const char *p = opt; *p && !rc;) {
            size_t k = strcspn(p, ",");
            char tag[64];
            snprintf(tag, sizeof tag, "%.*s", (int)k, p);
            rc = moses_w_add_lang(w, tag);
            p += k + (p[k] == ',');
        }
    } else {
        if (d->lang)
            rc = moses_w_add_lang(w, d->lang);
        for (size_t i = 0; i < d->nlangs && !rc; i++)
            rc = moses_w_add_lang(w, d->langs[i]);
    }
    if (rc)
        return dbr_error_set(w->job->err, DBR_FAILED, "too many languages (at most %d)",
                             MOSES_MAX_LANGS);
    /* With fewer than two languages named (a TMX header has only srclang), the first unit's
     * variants complete the list before the files are opened. */
    return w->nlangs >= 2 || opt ? moses_w_files(w) : DBR_OK;
}

static const dbr_variant *moses_w_variant(const dbr_unit *u, const char *lang)
{
    for (size_t i = 0; i < u->nvariants; i++)
        if (u->variants[i].lang && !strcasecmp(u->variants[i].lang, lang))
            return &u->variants[i];
    return NULL;
}

static void moses_w_check_loss(moses_writer *w, const dbr_unit *u)
{
    for (size_t i = 0; i < u->nvariants; i++) {
        const dbr_variant *v = &u->variants[i];
        int known = 0;
        for (size_t k = 0; k < w->nlangs; k++)
            known |= v->lang && !strcasecmp(v->lang, w->langs[k]);
        if (!known && !w->warned_extra++)
            dbr_job_warn(w->job, 0, 0, "language '%s' is not one of the corpus files: left out",
                         v->lang ? v->lang : "?");
        if (v->nplurals && !w->warned_plurals++)
            dbr_job_warn(w->job, 0, 0, "moses holds one segment per line: plural forms left out");
    }
}

static dbr_status moses_w_unit(void *state, const dbr_unit *u)
{
    moses_writer *w = state;
    if (!w->ready) {
        for (size_t i = 0; i < u->nvariants; i++)
            if (u->variants[i].lang && moses_w_add_lang(w, u->variants[i].lang))
                return dbr_error_set(w->job->err, DBR_FAILED, "out of memory");
        if (!w->nlangs)
            return dbr_error_set(w->job->err, DBR_FAILED,
                                 "the first unit or block states no language, and moses names "
                                 "each file by its language: give the input one (e.g. 'lang' "
                                 "in JSON, --text-lang for text)");
        dbr_status st = moses_w_files(w);
        if (st != DBR_OK)
            return st;
    }
    moses_w_check_loss(w, u);
    for (size_t i = 0; i < w->nlangs; i++) {
        const dbr_variant *v = moses_w_variant(u, w->langs[i]);
        if (!v && !w->warned_missing++)
            dbr_job_warn(w->job, 0, 0, "a unit has no '%s' text: written as an empty line",
                         w->langs[i]);
        dbr_buf_clear(&w->buf);
        if ((v && dbr_ph_encode(&v->text, w->ph_flags, &w->buf)) || dbr_buf_putc(&w->buf, '\n'))
            return dbr_error_set(w->job->err, DBR_FAILED, "out of memory");
        dbr_status st = dbr_output_write(w->outs[i], w->buf.data, w->buf.len, w->job->err);
        if (st != DBR_OK)
            return st;
    }
    return DBR_OK;
}

/* No unit came: the files of the languages known (maybe none) are written empty. */
static dbr_status moses_w_finish(void *state)
{
    moses_writer *w = state;
    if (w->ready)
        return DBR_OK;
    if (!w->nlangs) {
        dbr_output_discard(w->primary);
        dbr_job_warn(w->job, 0, 0, "no units and no languages: no corpus file written");
        return DBR_OK;
    }
    return moses_w_files(w);
}

static void moses_w_cleanup(void *state)
{
    moses_writer *w = state;
    for (size_t i = 0; i < w->nlangs; i++)
        dbr_free(w->langs[i]);
    dbr_buf_free(&w->buf);
}

static const dbr_sink_ops moses_w_sink = {
    .begin_document = moses_w_begin_document,
    .unit = moses_w_unit,
};

const dbr_writer_ops moses_writer_ops = {
    .state_size = sizeof(moses_writer),
    .open = moses_w_open,
    .sink = &moses_w_sink,
    .finish = moses_w_finish,
    .cleanup = moses_w_cleanup,
};
