/* util.c - small helpers shared by plugins: job warnings/failures, name and probe helpers. */
#include "docbridge/plugin.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void dbr_job_warn(dbr_job *job, long line, long column, const char *fmt, ...)
{
    if (!job || !job->warn)
        return;
    dbr_error w;
    dbr_error_clear(&w);
    va_list ap;
    va_start(ap, fmt);
    dbr_error_setv(&w, DBR_WARN, fmt, ap);
    va_end(ap);
    dbr_error_set_file(&w, job->source_name, NULL);
    dbr_error_locate(&w, line, column, -1);
    job->warn(job->warn_ud, &w);
}

dbr_status dbr_job_fail(dbr_job *job, dbr_status status, long line, long column,
                        long long offset, const char *fmt, ...)
{
    if (!job || !job->err)
        return status;
    va_list ap;
    va_start(ap, fmt);
    dbr_error_setv(job->err, status, fmt, ap);
    va_end(ap);
    dbr_error_set_file(job->err, job->source_name, NULL);
    dbr_error_locate(job->err, line, column, offset);
    return status;
}

int dbr_name_has_ext(const char *name, const char *ext)
{
    if (!name || !ext)
        return 0;
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot && dot != base && strcasecmp(dot + 1, ext) == 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const char *dbr_skip_space(const char *s, const char *end)
{
    while (s < end && is_space(*s))
        s++;
    return s;
}

/* Skips one "<?...?>", "<!--...-->" or "<!...>" (DOCTYPE with an internal subset counts its
 * brackets). Returns NULL when the construct is not closed within the text. */
static const char *skip_prolog_item(const char *s, const char *end)
{
    const char *close;
    size_t n = (size_t)(end - s);
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        for (close = s + 4; close + 3 <= end; close++)
            if (memcmp(close, "-->", 3) == 0)
                return close + 3;
        return NULL;
    }
    if (n >= 2 && s[1] == '?') {
        for (close = s + 2; close + 2 <= end; close++)
            if (close[0] == '?' && close[1] == '>')
                return close + 2;
        return NULL;
    }
    int depth = 0;
    for (close = s + 2; close < end; close++) {
        if (*close == '[')
            depth++;
        else if (*close == ']')
            depth--;
        else if (*close == '>' && depth <= 0)
            return close + 1;
    }
    return NULL;
}

int dbr_xml_root_is(const char *text, size_t len, const char *root)
{
    const char *s = text, *end = text + len;
    for (;;) {
        s = dbr_skip_space(s, end);
        if (s >= end || *s != '<')
            return 0;
        if (s + 1 < end && (s[1] == '?' || s[1] == '!')) {
            s = skip_prolog_item(s, end);
            if (!s)
                return 0;
            continue;
        }
        s++;
        const char *name = s;
        while (s < end && !is_space(*s) && *s != '>' && *s != '/')
            s++;
        const char *colon = memchr(name, ':', (size_t)(s - name));
        if (colon)
            name = colon + 1;
        size_t rl = strlen(root);
        return (size_t)(s - name) == rl && memcmp(name, root, rl) == 0;
    }
}
