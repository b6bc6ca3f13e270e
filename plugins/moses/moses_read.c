/* moses_read.c - N parallel files read in lockstep, line i of every file making unit i. Only
 * one line per file is held at a time. Files of different lengths are an error naming both
 * files and their line counts (--lenient: the unmatched tail is skipped with a warning). */
#include "moses.h"

#include <stdio.h>
#include <string.h>

#define MOSES_MAX_FILES 64

typedef struct moses_reader {
    dbr_job *job;
    dbr_pool *pool, *doc_pool;
    dbr_doc doc;
    const char *langs[MOSES_MAX_FILES];
    unsigned ph_flags;
} moses_reader;

static dbr_status moses_oom(dbr_job *job) { return dbr_error_set(job->err, DBR_FAILED, "out of memory"); }

/* Languages: --langs=en,zh, else the file extensions. */
static dbr_status moses_langs(moses_reader *r, dbr_input **in, size_t n)
{
    const char *opt = dbr_options_get(r->job->opts, "langs");
    const char *p = opt;
    for (size_t i = 0; i < n; i++) {
        char tag[64];
        if (p && *p) {
            size_t k = strcspn(p, ",");
            snprintf(tag, sizeof tag, "%.*s", (int)k, p);
            p += k + (p[k] == ',');
        } else if (!moses_ext_lang(dbr_input_name(in[i]), tag, sizeof tag)) {
            r->job->source_name = dbr_input_name(in[i]);
            return dbr_job_fail(r->job, DBR_FAILED, 0, 0, -1,
                                "cannot tell the language from the file name (expected "
                                "STEM.LANG such as corpus.en): name the languages with "
                                "--langs=en,zh");
        }
        r->langs[i] = dbr_pool_strdup(r->doc_pool, tag);
        if (!r->langs[i] || dbr_doc_add_lang(r->doc_pool, &r->doc, r->langs[i]))
            return moses_oom(r->job);
    }
    r->doc.lang = r->langs[0];
    return DBR_OK;
}

/* Counts the lines left in in (after `seen`), for the length-mismatch message. */
static dbr_status moses_count_rest(dbr_job *job, dbr_input *in, long *count)
{
    const char *line;
    size_t len;
    dbr_status st;
    while ((st = dbr_input_getline(in, &line, &len, job->err)) == DBR_OK && line)
        ++*count;
    return st;
}

static dbr_status moses_mismatch(moses_reader *r, dbr_input **in, size_t n, const int *done,
                                 long line)
{
    long counts[MOSES_MAX_FILES];
    for (size_t i = 0; i < n; i++) {
        counts[i] = done[i] ? line - 1 : line;
        if (!done[i] && moses_count_rest(r->job, in[i], &counts[i]) != DBR_OK)
            return DBR_FAILED;
    }
    size_t s = 0, l = 0;
    for (size_t i = 0; i < n; i++) {
        if (counts[i] < counts[s])
            s = i;
        if (counts[i] > counts[l])
            l = i;
    }
    if (dbr_options_get_bool(r->job->opts, "lenient", 0)) {
        dbr_job_warn(r->job, line, 0, "%s has %ld lines but %s has %ld: %ld unmatched line%s "
                     "skipped", dbr_input_name(in[s]), counts[s], dbr_input_name(in[l]),
                     counts[l], counts[l] - counts[s], counts[l] - counts[s] == 1 ? "" : "s");
        return DBR_OK;
    }
    r->job->source_name = dbr_input_name(in[l]);
    return dbr_job_fail(r->job, DBR_FAILED, counts[s] + 1, 0, -1,
                        "parallel files differ in length: %s has %ld lines, %s has %ld",
                        dbr_input_name(in[s]), counts[s], dbr_input_name(in[l]), counts[l]);
}

static dbr_status moses_unit(moses_reader *r, const char **lines, const size_t *lens, size_t n,
                             long line, dbr_sink *sink)
{
    dbr_unit u;
    memset(&u, 0, sizeof u);
    for (size_t i = 0; i < n; i++) {
        dbr_variant *v = dbr_unit_add_variant(r->pool, &u, r->langs[i]);
        if (!v)
            return moses_oom(r->job);
        dbr_ph_error pe;
        int rc = dbr_ph_decode(r->pool, lines[i], lens[i], r->ph_flags, &v->text, &pe);
        if (rc < 0)
            return moses_oom(r->job);
        if (rc > 0)
            return dbr_job_fail(r->job, DBR_FAILED, line, (long)pe.offset + 1, -1,
                                "%s (in %s)", pe.message, r->langs[i]);
    }
    dbr_status st = dbr_sink_unit(sink, &u);
    dbr_pool_reset(r->pool);
    return st;
}

/* Line i of every file; lines are borrowed from each input until its next read, so they are
 * copied into the pool before reading the next file. */
static dbr_status moses_loop(moses_reader *r, dbr_input **in, size_t n, dbr_sink *sink)
{
    const char *lines[MOSES_MAX_FILES];
    size_t lens[MOSES_MAX_FILES];
    int done[MOSES_MAX_FILES];
    for (long line = 1;; line++) {
        size_t ndone = 0;
        for (size_t i = 0; i < n; i++) {
            const char *l;
            dbr_status st = dbr_input_getline(in[i], &l, &lens[i], r->job->err);
            if (st != DBR_OK) {
                dbr_error_set_file(r->job->err, dbr_input_name(in[i]), NULL);
                return st;
            }
            done[i] = l == NULL;
            ndone += done[i];
            lines[i] = l ? dbr_pool_strndup(r->pool, l, lens[i]) : NULL;
            if (l && !lines[i])
                return moses_oom(r->job);
        }
        if (ndone == n)
            return DBR_OK;
        if (ndone)
            return moses_mismatch(r, in, n, done, line);
        dbr_status st = moses_unit(r, lines, lens, n, line, sink);
        if (st != DBR_OK)
            return st;
    }
}

static dbr_status moses_read_multi(void *state, dbr_job *job, dbr_input **in, size_t n,
                                   dbr_sink *sink)
{
    moses_reader *r = state;
    r->job = job;
    if (n > MOSES_MAX_FILES)
        return dbr_error_set(job->err, DBR_FAILED, "at most %d parallel files", MOSES_MAX_FILES);
    r->pool = dbr_pool_new();
    r->doc_pool = dbr_pool_new();
    if (!r->pool || !r->doc_pool)
        return moses_oom(job);
    if (dbr_ph_read_flags(job->opts, &r->ph_flags, job->err))
        return DBR_FAILED;
    dbr_doc_init(&r->doc);
    dbr_status st = moses_langs(r, in, n);
    if (st == DBR_OK)
        st = dbr_sink_begin_document(sink, &r->doc);
    if (st == DBR_OK)
        st = moses_loop(r, in, n, sink);
    if (st == DBR_OK)
        st = dbr_sink_end_document(sink, &r->doc);
    return st;
}

static dbr_status moses_read_one(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    return moses_read_multi(state, job, &in, 1, sink);
}

static void moses_read_cleanup(void *state)
{
    moses_reader *r = state;
    dbr_pool_free(r->pool);
    dbr_pool_free(r->doc_pool);
}

const dbr_reader_ops moses_reader_ops = {
    .state_size = sizeof(moses_reader),
    .flags = DBR_READER_MULTI,
    .read = moses_read_one,
    .read_multi = moses_read_multi,
    .cleanup = moses_read_cleanup,
};
