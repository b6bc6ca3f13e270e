/* po_parse.c - the PO grammar, line by line: comments, keywords, string continuations and
 * obsolete "#~" lines become po_entry records. Every error names the line and column; with
 * --lenient the broken entry is skipped (up to the next entry) and counted. */
#include "po.h"

#include <stdio.h>
#include <stdlib.h>

#include <stdlib.h>
#include <string.h>

typedef enum po_section { SEC_NONE, SEC_CTXT, SEC_ID, SEC_PLURAL, SEC_STR } po_section;

typedef struct po_parser_state {
    dbr_job *job;
    po_entry e;
    po_section sec;
    dbr_buf *cur;        /* where a continuation "..." goes */
    int cur_prev;        /* cur is a "#|" previous string */
    int skipping;        /* lenient: dropping lines of a broken entry */
    long line;
    int lenient;
    long *skipped;
    po_entry_fn fn;
    void *ud;
} po_parser_state;

void po_entry_init(po_entry *e) { memset(e, 0, sizeof *e); }

void po_entry_reset(po_entry *e)
{
    dbr_buf *all[] = {&e->tcomments, &e->xcomments, &e->refs, &e->flags, &e->prev_ctxt,
                      &e->prev_id, &e->prev_plural, &e->ctxt, &e->id, &e->plural};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        dbr_buf_clear(all[i]);
    for (int i = 0; i < PO_MAX_FORMS; i++)
        dbr_buf_clear(&e->str[i]);
    po_entry keep = *e;
    memset(e, 0, sizeof *e);
    /* Keep the buffers' memory: entries are many, allocations few. */
    e->tcomments = keep.tcomments, e->xcomments = keep.xcomments, e->refs = keep.refs;
    e->flags = keep.flags, e->prev_ctxt = keep.prev_ctxt, e->prev_id = keep.prev_id;
    e->prev_plural = keep.prev_plural, e->ctxt = keep.ctxt, e->id = keep.id;
    e->plural = keep.plural;
    memcpy(e->str, keep.str, sizeof e->str);
}

void po_entry_free(po_entry *e)
{
    dbr_buf *all[] = {&e->tcomments, &e->xcomments, &e->refs, &e->flags, &e->prev_ctxt,
                      &e->prev_id, &e->prev_plural, &e->ctxt, &e->id, &e->plural};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        dbr_buf_free(all[i]);
    for (int i = 0; i < PO_MAX_FORMS; i++)
        dbr_buf_free(&e->str[i]);
}

/* Reports a problem in the current entry: an error, or (lenient) a warning and skip mode. */
static dbr_status po_bad(po_parser_state *p, size_t col, const char *what)
{
    if (!p->lenient)
        return dbr_job_fail(p->job, DBR_FAILED, p->line, (long)col + 1, -1, "%s", what);
    dbr_job_warn(p->job, p->line, (long)col + 1, "skipped entry: %s", what);
    ++*p->skipped;
    p->skipping = 1;
    po_entry_reset(&p->e);
    p->sec = SEC_NONE;
    p->cur = NULL;
    return DBR_OK;
}

static dbr_status po_finish(po_parser_state *p)
{
    dbr_status st = DBR_OK;
    if (p->sec == SEC_STR)
        st = p->fn(p->ud, &p->e);
    po_entry_reset(&p->e);
    p->sec = SEC_NONE;
    p->cur = NULL;
    return st;
}

static const char *po_skip_ws(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

/* Reads every "..." on the rest of the line into dst. */
static dbr_status po_strings(po_parser_state *p, const char *line, size_t len, size_t at,
                             dbr_buf *dst)
{
    const char *end = line + len;
    const char *s = po_skip_ws(line + at, end);
    if (s == end || *s != '"')
        return po_bad(p, (size_t)(s - line), "expected a string in double quotes");
    while (s < end && *s == '"') {
        size_t col = (size_t)(s - line);
        const char *why = "out of memory";
        if (po_unquote(line, len, &col, dst, &why) != 0)
            return po_bad(p, col, why);
        s = po_skip_ws(line + col, end);
    }
    if (s < end && *s != '#')
        return po_bad(p, (size_t)(s - line), "unexpected text after the string");
    return DBR_OK;
}

static int po_word(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(end - s) >= n && !memcmp(s, w, n) &&
           ((size_t)(end - s) == n || s[n] == ' ' || s[n] == '\t' || s[n] == '"' ||
            (s[n] == '[' && !strcmp(w, "msgstr")));
}

/* Starts a new entry if the current one is complete; errors if it lacks its msgstr. */
static dbr_status po_need_new(po_parser_state *p, const char *line)
{
    if (p->sec == SEC_STR)
        return po_finish(p);
    (void)line;
    if (p->sec == SEC_NONE)
        return DBR_OK;
    char msg[160];
    if (p->sec == SEC_CTXT)
        snprintf(msg, sizeof msg, "msgctxt without a msgid after it");
    else
        snprintf(msg, sizeof msg, "missing msgstr for the msgid at line %ld", p->e.id_line);
    dbr_status st = po_bad(p, 0, msg);
    p->skipping = 0; /* lenient: the broken entry is dropped; this line starts the next one */
    return st;
}

static dbr_status po_msgstr(po_parser_state *p, const char *line, const char *s,
                            const char *end)
{
    size_t col = (size_t)(s - line);
    const char *t = s + 6;
    if (p->sec != SEC_ID && p->sec != SEC_PLURAL && p->sec != SEC_STR)
        return po_bad(p, col, "msgstr without a msgid");
    if (t < end && *t == '[') {
        char *close = memchr(t, ']', (size_t)(end - t));
        char *num_end;
        long n = close ? strtol(t + 1, &num_end, 10) : -1;
        if (!close || num_end != close || n < 0)
            return po_bad(p, col + 6, "malformed msgstr[N] index");
        if (!p->e.has_plural)
            return po_bad(p, col, "msgstr[N] without msgid_plural");
        if (n != p->e.nstr) {
            char msg[96];
            snprintf(msg, sizeof msg, "msgstr[%ld] out of order: expected msgstr[%d]", n,
                     p->e.nstr);
            return po_bad(p, col + 7, msg);
        }
        if (n >= PO_MAX_FORMS)
            return po_bad(p, col + 7, "too many plural forms");
        p->e.indexed = 1;
        t = close + 1;
    } else {
        if (p->e.has_plural)
            return po_bad(p, col, "msgstr after msgid_plural needs an index: msgstr[0]");
        if (p->sec == SEC_STR)
            return po_bad(p, col, "second msgstr in one entry");
    }
    dbr_buf *dst = &p->e.str[p->e.nstr++];
    p->sec = SEC_STR;
    p->cur = dst;
    p->cur_prev = 0;
    return po_strings(p, line, (size_t)(end - line), (size_t)(t - line), dst);
}

/* A keyword line (possibly from "#~"): msgctxt, msgid, msgid_plural, msgstr[...]. */
static dbr_status po_keyword(po_parser_state *p, const char *line, const char *s,
                             const char *end)
{
    size_t len = (size_t)(end - line);
    size_t col = (size_t)(s - line);
    dbr_status st;
    if (po_word(s, end, "msgctxt")) {
        if ((st = po_need_new(p, line)) != DBR_OK || p->skipping)
            return st;
        p->sec = SEC_CTXT;
        p->e.has_ctxt = 1;
        p->cur = &p->e.ctxt;
        p->cur_prev = 0;
        return po_strings(p, line, len, col + 7, &p->e.ctxt);
    }
    if (po_word(s, end, "msgid_plural")) {
        if (p->sec != SEC_ID)
            return po_bad(p, col, "msgid_plural without a msgid before it");
        p->sec = SEC_PLURAL;
        p->e.has_plural = 1;
        p->cur = &p->e.plural;
        p->cur_prev = 0;
        return po_strings(p, line, len, col + 12, &p->e.plural);
    }
    if (po_word(s, end, "msgid")) {
        if (p->sec != SEC_CTXT && (st = po_need_new(p, line)) != DBR_OK)
            return st;
        if (p->skipping)
            return DBR_OK;
        p->sec = SEC_ID;
        p->e.has_id = 1;
        p->e.id_line = p->line;
        if (!p->e.line)
            p->e.line = p->line;
        p->cur = &p->e.id;
        p->cur_prev = 0;
        return po_strings(p, line, len, col + 5, &p->e.id);
    }
    if (po_word(s, end, "msgstr"))
        return po_msgstr(p, line, s, end);
    return po_bad(p, col, "expected msgctxt, msgid, msgid_plural, msgstr, a string or a comment");
}

/* "#|" previous-string lines. */
static dbr_status po_previous(po_parser_state *p, const char *line, const char *s,
                              const char *end)
{
    size_t len = (size_t)(end - line), col = (size_t)(s - line);
    dbr_buf *dst = NULL;
    size_t kw = 0;
    if (po_word(s, end, "msgctxt"))
        dst = &p->e.prev_ctxt, p->e.has_prev_ctxt = 1, kw = 7;
    else if (po_word(s, end, "msgid_plural"))
        dst = &p->e.prev_plural, p->e.has_prev_plural = 1, kw = 12;
    else if (po_word(s, end, "msgid"))
        dst = &p->e.prev_id, p->e.has_prev_id = 1, kw = 5;
    else if (s < end && *s == '"' && p->cur && p->cur_prev)
        return po_strings(p, line, len, col, p->cur);
    else
        return po_bad(p, col, "expected msgctxt, msgid or msgid_plural after #|");
    p->cur = dst;
    p->cur_prev = 1;
    return po_strings(p, line, len, col + kw, dst);
}

static dbr_status po_join(dbr_buf *b, int *has, const char *sep, const char *s, size_t n)
{
    if (*has && dbr_buf_puts(b, sep))
        return DBR_FAILED;
    *has = 1;
    return dbr_buf_append(b, s, n) || dbr_buf_reserve(b, 1) ? DBR_FAILED : DBR_OK;
}

/* Any "#" line. Comments come before the keywords, so one after msgstr starts a new entry. */
static dbr_status po_comment(po_parser_state *p, const char *line, size_t len)
{
    const char *end = line + len;
    char kind = len > 1 ? line[1] : ' ';
    if (kind == '~') {
        const char *s = line + 2;
        if (s < end && *s == '|') {
            if (p->sec == SEC_STR && po_finish(p) != DBR_OK)
                return DBR_FAILED;
            p->e.obsolete = 1;
            if (!p->e.line)
                p->e.line = p->line;
            return po_previous(p, line, po_skip_ws(s + 1, end), end);
        }
        s = po_skip_ws(s, end);
        dbr_status st;
        if (s < end && *s == '"')
            st = p->cur ? po_strings(p, line, len, (size_t)(s - line), p->cur)
                        : po_bad(p, (size_t)(s - line), "string without a keyword before it");
        else
            st = po_keyword(p, line, s, end);
        if (!p->skipping)
            p->e.obsolete = 1;
        return st;
    }
    if (p->sec == SEC_STR && po_finish(p) != DBR_OK)
        return DBR_FAILED;
    if (p->sec != SEC_NONE) {
        dbr_status st = po_need_new(p, line);
        if (st != DBR_OK)
            return st;
    }
    if (!p->e.line)
        p->e.line = p->line;
    po_entry *e = &p->e;
    const char *body = line + 2 < end ? line + 2 : end;
    if (kind == '|')
        return po_previous(p, line, po_skip_ws(line + 2, end), end);
    if (kind == '.')
        return po_join(&e->xcomments, &e->has_xc, "\n", body + (body < end && *body == ' '),
                       (size_t)(end - body) - (body < end && *body == ' '));
    if (kind == ':')
        return po_join(&e->refs, &e->has_refs, "\n", body + (body < end && *body == ' '),
                       (size_t)(end - body) - (body < end && *body == ' '));
    if (kind == ',') {
        const char *f = po_skip_ws(body, end);
        return po_join(&e->flags, &e->has_flags, ", ", f, (size_t)(end - f));
    }
    /* "# text", "#" alone, or "#text": a translator comment. */
    const char *t = line + 1;
    if (t < end && *t == ' ')
        t++;
    return po_join(&e->tcomments, &e->has_tc, "\n", t, (size_t)(end - t));
}

/* A line that can only begin an entry: where lenient skipping stops. */
static int po_starts_entry(const char *s, const char *end)
{
    if (s < end && *s == '#') {
        if (end - s < 2 || s[1] != '~')
            return 1;
        s = po_skip_ws(s + 2, end);
        if (s < end && *s == '|')
            return 1;
    }
    return po_word(s, end, "msgctxt") ||
           (po_word(s, end, "msgid") && !po_word(s, end, "msgid_plural"));
}

static dbr_status po_line(po_parser_state *p, const char *line, size_t len)
{
    const char *end = line + len;
    const char *s = po_skip_ws(line, end);
    int starts_entry = po_starts_entry(s, end);
    if (p->skipping) {
        if (s == end || starts_entry)
            p->skipping = 0;
        if (s == end || !starts_entry)
            return DBR_OK;
    }
    if (s == end)
        return p->sec == SEC_STR ? po_finish(p) : DBR_OK;
    if (*s == '#')
        return po_comment(p, s, (size_t)(end - s));
    if (*s == '"') {
        if (!p->cur || p->cur_prev)
            return po_bad(p, (size_t)(s - line), "string without a keyword before it");
        return po_strings(p, line, len, (size_t)(s - line), p->cur);
    }
    return po_keyword(p, line, s, end);
}

dbr_status po_parse(dbr_job *job, dbr_input *in, int lenient, po_entry_fn fn, void *ud,
                    long *skipped)
{
    po_parser_state p = {.job = job, .lenient = lenient, .skipped = skipped, .fn = fn, .ud = ud};
    po_entry_init(&p.e);
    dbr_status st = DBR_OK;
    const char *line;
    size_t len;
    while (st == DBR_OK && (st = dbr_input_getline(in, &line, &len, job->err)) == DBR_OK && line) {
        p.line = dbr_input_lineno(in);
        st = po_line(&p, line, len);
    }
    if (st == DBR_OK && p.sec != SEC_STR && p.sec != SEC_NONE) {
        char msg[160];
        snprintf(msg, sizeof msg, "missing msgstr for the msgid at line %ld (end of input)",
                 p.e.id_line);
        p.line++;
        st = po_bad(&p, 0, msg);
    }
    if (st == DBR_OK)
        st = po_finish(&p);
    po_entry_free(&p.e);
    return st;
}
