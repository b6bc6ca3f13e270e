/* table_read.c - rows -> translation units: the header row names the columns, every later
 * row is one unit. A row with the wrong number of cells is an error naming its line (or,
 * with --lenient, skipped with a warning and counted). */
#include "table.h"

#include <string.h>
#include <strings.h>

typedef struct tab_reader {
    const tab_dialect *d;
    void *ud;
    dbr_job *job;
    dbr_input *in;
    dbr_sink *sink;
    dbr_pool *doc_pool, *row_pool;
    dbr_doc doc;
    tab_col *cols;
    size_t ncols;
    long header_line;
    unsigned ph_flags;
} tab_reader;

static dbr_status tab_oom(dbr_job *job) { return dbr_error_set(job->err, DBR_FAILED, "out of memory"); }

/* Header: columns, document languages, and the "tsv:columns" prop that lets a writer give the
 * same table back. */
static dbr_status tab_header(tab_reader *r, char **cells, size_t n)
{
    const dbr_options *o = r->job->opts;
    const char *src = dbr_options_get(o, "source-lang");
    const char *tgt = dbr_options_get(o, "target-lang");
    r->cols = dbr_pool_alloc(r->doc_pool, (n ? n : 1) * sizeof *r->cols);
    if (!r->cols ||
        tab_classify(r->doc_pool, (const char *const *)cells, n, src ? src : "en",
                     tgt ? tgt : "und", r->cols))
        return tab_oom(r->job);
    r->ncols = n;
    dbr_buf joined = DBR_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        rc |= (i && dbr_buf_putc(&joined, '\t')) || dbr_buf_puts(&joined, cells[i]);
        if (r->cols[i].kind == TAB_COL_LANG || r->cols[i].kind == TAB_COL_SOURCE ||
            r->cols[i].kind == TAB_COL_TARGET) {
            if (!r->doc.lang)
                r->doc.lang = r->cols[i].key;
            rc |= dbr_doc_add_lang(r->doc_pool, &r->doc, r->cols[i].key);
        }
    }
    rc |= dbr_props_add(r->doc_pool, &r->doc.props, "tsv:columns", dbr_buf_cstr(&joined));
    dbr_buf_free(&joined);
    if (rc)
        return tab_oom(r->job);
    if (!r->doc.nlangs)
        return dbr_job_fail(r->job, DBR_FAILED, r->header_line, 1, -1,
                            "the header row names no language column (expected names like "
                            "en, zh-CN, source, target)");
    return dbr_sink_begin_document(r->sink, &r->doc);
}

static int tab_truthy(const char *v)
{
    return !strcasecmp(v, "true") || !strcasecmp(v, "yes") || !strcmp(v, "1") ||
           !strcasecmp(v, "fuzzy");
}

static dbr_status tab_cell_text(tab_reader *r, const char *cell, long line, size_t col,
                                dbr_rich *out)
{
    dbr_ph_error pe;
    int rc = dbr_ph_decode(r->row_pool, cell, strlen(cell), r->ph_flags, out, &pe);
    if (rc < 0)
        return tab_oom(r->job);
    if (rc > 0)
        return dbr_job_fail(r->job, DBR_FAILED, line, 0, -1, "column %zu: %s at byte %zu",
                            col + 1, pe.message, pe.offset);
    return DBR_OK;
}

static int tab_note(dbr_pool *pool, dbr_notes *notes, const char *text, const char *from)
{
    dbr_note *n = dbr_notes_add(pool, notes, text, NULL);
    return !n || (from && dbr_props_add(pool, &n->props, "from", from));
}

static int tab_row_empty(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (*cells[i])
            return 0;
    return 1;
}

static dbr_status tab_row(tab_reader *r, char **cells, long line)
{
    dbr_unit u;
    memset(&u, 0, sizeof u);
    const char *fuzzy = NULL;
    for (size_t i = 0; i < r->ncols; i++) {
        const tab_col *c = &r->cols[i];
        const char *v = cells[i];
        int rc = 0;
        switch (c->kind) {
        case TAB_COL_LANG:
        case TAB_COL_SOURCE:
        case TAB_COL_TARGET: {
            /* An empty cell is an empty segment, so alignment (and a TMX <seg/>) survives. */
            dbr_variant *var = dbr_unit_add_variant(r->row_pool, &u, c->key);
            if (!var)
                return tab_oom(r->job);
            dbr_status st = tab_cell_text(r, v, line, i, &var->text);
            if (st != DBR_OK)
                return st;
            break;
        }
        case TAB_COL_ID: u.id = *v ? v : u.id; break;
        case TAB_COL_NOTE: rc = *v && tab_note(r->row_pool, &u.notes, v, NULL); break;
        case TAB_COL_DEV_NOTE: rc = *v && tab_note(r->row_pool, &u.notes, v, "developer"); break;
        case TAB_COL_FUZZY: fuzzy = v; break;
        case TAB_COL_LOCATION:
        case TAB_COL_PROP: rc = *v && dbr_props_add(r->row_pool, &u.props, c->key, v); break;
        }
        if (rc)
            return tab_oom(r->job);
    }
    if (fuzzy && u.nvariants > 1)
        u.variants[u.nvariants - 1].state = tab_truthy(fuzzy) ? "needs-review" : "translated";
    if (tab_row_empty(cells, r->ncols))
        return DBR_OK; /* an all-empty row carries nothing */
    return dbr_sink_unit(r->sink, &u);
}

static dbr_status tab_loop(tab_reader *r)
{
    int lenient = dbr_options_get_bool(r->job->opts, "lenient", 0);
    long skipped = 0;
    dbr_status st = DBR_OK;
    for (;;) {
        char **cells;
        size_t n;
        long line;
        dbr_pool_reset(r->row_pool);
        st = r->d->next(r->ud, r->job, r->in, r->row_pool, &cells, &n, &line);
        if (st != DBR_OK || !cells)
            break;
        if (!r->cols) {
            r->header_line = line;
            if ((st = tab_header(r, cells, n)) != DBR_OK)
                return st;
            continue;
        }
        if (n != r->ncols) {
            if (!lenient)
                return dbr_job_fail(r->job, DBR_FAILED, line, 1, -1,
                                    "row has %zu cells, the header at line %ld has %zu", n,
                                    r->header_line, r->ncols);
            dbr_job_warn(r->job, line, 1, "skipped row: %zu cells, the header has %zu", n, r->ncols);
            skipped++;
            continue;
        }
        if ((st = tab_row(r, cells, line)) != DBR_OK)
            return st;
    }
    if (st == DBR_OK && skipped)
        dbr_job_warn(r->job, 0, 0, "%ld bad row%s skipped", skipped, skipped == 1 ? "" : "s");
    return st;
}

dbr_status tab_read(const tab_dialect *d, void *ud, dbr_job *job, dbr_input *in,
                    dbr_sink *sink)
{
    tab_reader r = {.d = d, .ud = ud, .job = job, .in = in, .sink = sink};
    r.doc_pool = dbr_pool_new();
    r.row_pool = dbr_pool_new();
    dbr_status st = DBR_OK;
    if (!r.doc_pool || !r.row_pool)
        st = tab_oom(job);
    else if (dbr_ph_read_flags(job->opts, &r.ph_flags, job->err))
        st = DBR_FAILED;
    dbr_doc_init(&r.doc);
    if (st == DBR_OK)
        st = tab_loop(&r);
    if (st == DBR_OK && !r.cols)
        st = dbr_job_fail(job, DBR_FAILED, 1, 1, -1, "no header row: the first line must name "
                          "the columns (languages, id, note...)");
    if (st == DBR_OK)
        st = dbr_sink_end_document(sink, &r.doc);
    dbr_pool_free(r.doc_pool);
    dbr_pool_free(r.row_pool);
    return st;
}
