/* csv_plugin.c - the `csv` plugin: RFC 4180 records (quoted fields, doubled quotes, line
 * breaks inside quotes, CRLF row ends on output) over the table mapping shared with tsv. */
#include "table.h"

#include <string.h>

/* One record: fields may continue over several input lines while a quote is open. */
typedef struct csv_rec {
    dbr_buf field;
    char **cells;
    size_t n, cap;
} csv_rec;

static int csv_push(dbr_pool *pool, csv_rec *r)
{
    if (r->n == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 16;
        char **v = dbr_pool_alloc(pool, ncap * sizeof *v);
        if (!v)
            return -1;
        if (r->n)
            memcpy(v, r->cells, r->n * sizeof *v);
        r->cells = v;
        r->cap = ncap;
    }
    r->cells[r->n] = dbr_pool_strndup(pool, r->field.data ? r->field.data : "", r->field.len);
    dbr_buf_clear(&r->field);
    return r->cells[r->n++] ? 0 : -1;
}

static dbr_status csv_oom(dbr_job *job) { return dbr_error_set(job->err, DBR_FAILED, "out of memory"); }

/* Parses lines into r until the record ends. */
static dbr_status csv_parse(dbr_job *job, dbr_input *in, dbr_pool *pool, csv_rec *r,
                            const char *line, size_t len, long first)
{
    int quoted = 0, in_quotes = 0;
    size_t i = 0;
    for (;;) {
        if (i == len) {
            if (!in_quotes)
                return csv_push(pool, r) ? csv_oom(job) : DBR_OK;
            dbr_status st = dbr_input_getline(in, &line, &len, job->err);
            if (st != DBR_OK)
                return st;
            if (!line)
                return dbr_job_fail(job, DBR_FAILED, first, 0, -1,
                                    "unterminated quoted field (the quote opened on this line "
                                    "is never closed)");
            if (dbr_buf_putc(&r->field, '\n'))
                return csv_oom(job);
            i = 0;
            continue;
        }
        char c = line[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < len && line[i + 1] == '"') {
                if (dbr_buf_putc(&r->field, '"'))
                    return csv_oom(job);
                i += 2;
            } else if (c == '"') {
                in_quotes = 0;
                i++;
                if (i < len && line[i] != ',')
                    return dbr_job_fail(job, DBR_FAILED, dbr_input_lineno(in), (long)i + 1, -1,
                                        "text after a closing quote (expected ',' or the end of "
                                        "the row)");
            } else {
                if (dbr_buf_putc(&r->field, c))
                    return csv_oom(job);
                i++;
            }
        } else if (c == ',') {
            if (csv_push(pool, r))
                return csv_oom(job);
            quoted = 0;
            i++;
        } else if (c == '"' && r->field.len == 0 && !quoted) {
            in_quotes = quoted = 1;
            i++;
        } else {
            if (dbr_buf_putc(&r->field, c)) /* a stray quote inside a bare field is text */
                return csv_oom(job);
            i++;
        }
    }
}

static dbr_status csv_next(void *ud, dbr_job *job, dbr_input *in, dbr_pool *pool,
                           char ***cells, size_t *ncells, long *line_no)
{
    csv_rec *r = ud;
    const char *line;
    size_t len;
    *cells = NULL;
    *ncells = 0;
    for (;;) {
        dbr_status st = dbr_input_getline(in, &line, &len, job->err);
        if (st != DBR_OK || !line)
            return st;
        if (len > 0)
            break;
    }
    *line_no = dbr_input_lineno(in);
    r->n = r->cap = 0;
    r->cells = NULL;
    dbr_buf_clear(&r->field);
    dbr_status st = csv_parse(job, in, pool, r, line, len, *line_no);
    if (st == DBR_OK) {
        *cells = r->cells;
        *ncells = r->n;
    }
    return st;
}

static int csv_needs_quotes(const char *s)
{
    return strpbrk(s, ",\"\r\n") != NULL || (*s == ' ' || (*s && s[strlen(s) - 1] == ' '));
}

static int csv_put_row(dbr_buf *out, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i];
        if (i && dbr_buf_putc(out, ','))
            return -1;
        if (!csv_needs_quotes(s)) {
            if (dbr_buf_puts(out, s))
                return -1;
            continue;
        }
        if (dbr_buf_putc(out, '"'))
            return -1;
        while (*s) {
            const char *q = strchr(s, '"');
            size_t run = q ? (size_t)(q - s) + 1 : strlen(s); /* up to and with a quote */
            if (dbr_buf_append(out, s, run) || (q && dbr_buf_putc(out, '"')))
                return -1;
            s += run;
        }
        if (dbr_buf_putc(out, '"'))
            return -1;
    }
    return dbr_buf_puts(out, "\r\n");
}

static const tab_dialect csv_dialect = {"csv", csv_next, csv_put_row};

static dbr_status csv_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    csv_rec *r = state;
    dbr_status st = tab_read(&csv_dialect, r, job, in, sink);
    dbr_buf_free(&r->field);
    return st;
}

static dbr_status csv_open(void *state, dbr_job *job, dbr_output *out)
{
    return tab_writer_open(state, &csv_dialect, job, out);
}

/* .csv alone: 25; a comma-separated header naming a language (or source/target): 80 with the
 * extension, 50 without when two languages are named. */
static int csv_probe(const dbr_probe_input *in)
{
    int ext = in->name && dbr_name_has_ext(in->name, "csv");
    const char *nl = in->text ? memchr(in->text, '\n', in->text_len) : NULL;
    size_t first = nl ? (size_t)(nl - in->text) : in->text_len;
    int commas = in->text && memchr(in->text, ',', first) != NULL;
    int langs = commas ? tab_header_langs(in->text, in->text_len, ',') : 0;
    if (langs >= 1)
        return ext ? DBR_PROBE_SIGNATURE : (langs >= 2 ? DBR_PROBE_LIKELY : DBR_PROBE_NONE);
    return ext ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static const dbr_reader_ops csv_reader = {.state_size = sizeof(csv_rec), .read = csv_read};
static const dbr_writer_ops csv_writer = {
    .state_size = sizeof(tab_writer),
    .open = csv_open,
    .sink = &tab_writer_sink,
    .finish = tab_writer_finish,
    .cleanup = tab_writer_cleanup,
};

static const char *const csv_exts[] = {"csv", NULL};
static const char *const csv_types[] = {"text/csv", NULL};

static const dbr_plugin csv_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "csv",
    .version = "1.0",
    .description = "RFC 4180 CSV bilingual/multilingual tables (header row names languages)",
    .extensions = csv_exts,
    .media_types = csv_types,
    .probe = csv_probe,
    .reader = &csv_reader,
    .writer = &csv_writer,
    .options = tab_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &csv_plugin; }
