/* tsv_plugin.c - the `tsv` plugin: one row a line, cells split on tabs; a tab, line break or
 * backslash inside a cell is written \t, \n, \r, \\ so every cell round-trips exactly. */
#include "table.h"

#include <string.h>

/* Unescapes one cell into the pool. Unknown "\x" sequences stay as they are (files from other
 * tools use backslashes freely). */
static char *tsv_cell(dbr_pool *pool, const char *s, size_t n)
{
    char *d = dbr_pool_alloc(pool, n + 1);
    if (!d)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            char e = s[i + 1];
            char r = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == '\\' ? '\\' : 0;
            if (r) {
                d[k++] = r;
                i++;
                continue;
            }
        }
        d[k++] = c;
    }
    d[k] = '\0';
    return d;
}

static dbr_status tsv_next(void *ud, dbr_job *job, dbr_input *in, dbr_pool *pool,
                           char ***cells, size_t *ncells, long *line_no)
{
    (void)ud;
    const char *line;
    size_t len;
    *cells = NULL;
    *ncells = 0;
    for (;;) {
        dbr_status st = dbr_input_getline(in, &line, &len, job->err);
        if (st != DBR_OK || !line)
            return st;
        if (len > 0)
            break; /* empty lines carry nothing */
    }
    *line_no = dbr_input_lineno(in);
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += line[i] == '\t';
    char **v = dbr_pool_alloc(pool, n * sizeof *v);
    if (!v)
        return dbr_error_set(job->err, DBR_FAILED, "out of memory");
    size_t start = 0, k = 0;
    for (size_t i = 0; i <= len; i++)
        if (i == len || line[i] == '\t') {
            if (!(v[k++] = tsv_cell(pool, line + start, i - start)))
                return dbr_error_set(job->err, DBR_FAILED, "out of memory");
            start = i + 1;
        }
    *cells = v;
    *ncells = n;
    return DBR_OK;
}

static int tsv_put_row(dbr_buf *out, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i && dbr_buf_putc(out, '\t'))
            return -1;
        const char *p = cells[i];
        while (*p) {
            size_t run = strcspn(p, "\t\n\r\\"); /* copy plain runs whole */
            if (run && dbr_buf_append(out, p, run))
                return -1;
            p += run;
            if (!*p)
                break;
            const char *e = *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : "\\\\";
            if (dbr_buf_puts(out, e))
                return -1;
            p++;
        }
    }
    return dbr_buf_putc(out, '\n');
}

static const tab_dialect tsv_dialect = {"tsv", tsv_next, tsv_put_row};

static dbr_status tsv_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state;
    return tab_read(&tsv_dialect, NULL, job, in, sink);
}

static dbr_status tsv_open(void *state, dbr_job *job, dbr_output *out)
{
    return tab_writer_open(state, &tsv_dialect, job, out);
}

/* .tsv/.tab alone: 25. A tab-separated first line naming languages: 80 with the extension,
 * 50 without (never for a plain file without tabs, which stays the text reader's). */
static int tsv_probe(const dbr_probe_input *in)
{
    int ext = in->name && (dbr_name_has_ext(in->name, "tsv") || dbr_name_has_ext(in->name, "tab"));
    const char *nl = in->text ? memchr(in->text, '\n', in->text_len) : NULL;
    size_t first = nl ? (size_t)(nl - in->text) : in->text_len;
    int tabbed = in->text && memchr(in->text, '\t', first) != NULL;
    int langs = tabbed ? tab_header_langs(in->text, in->text_len, '\t') : 0;
    if (langs >= 1)
        return ext ? DBR_PROBE_SIGNATURE : (langs >= 2 ? DBR_PROBE_LIKELY : DBR_PROBE_NONE);
    return ext ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static const dbr_reader_ops tsv_reader = {.read = tsv_read};
static const dbr_writer_ops tsv_writer = {
    .state_size = sizeof(tab_writer),
    .open = tsv_open,
    .sink = &tab_writer_sink,
    .finish = tab_writer_finish,
    .cleanup = tab_writer_cleanup,
};

static const char *const tsv_exts[] = {"tsv", "tab", NULL};
static const char *const tsv_types[] = {"text/tab-separated-values", NULL};

static const dbr_plugin tsv_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "tsv",
    .version = "1.0",
    .description = "tab-separated bilingual/multilingual tables (header row names languages)",
    .extensions = tsv_exts,
    .media_types = tsv_types,
    .probe = tsv_probe,
    .reader = &tsv_reader,
    .writer = &tsv_writer,
    .options = tab_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &tsv_plugin; }
