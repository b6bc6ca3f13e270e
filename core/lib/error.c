/* error.c - filling and formatting dbr_error; the one place error text is assembled. */
#include "docbridge/error.h"

#include <stdio.h>
#include <string.h>

void dbr_error_clear(dbr_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

dbr_status dbr_error_setv(dbr_error *err, dbr_status status, const char *fmt, va_list ap)
{
    if (!err)
        return status;
    err->status = status;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return status;
}

dbr_status dbr_error_set(dbr_error *err, dbr_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dbr_error_setv(err, status, fmt, ap);
    va_end(ap);
    return status;
}

void dbr_error_locate(dbr_error *err, long line, long column, long long offset)
{
    if (!err)
        return;
    err->line = line;
    err->column = column;
    err->offset = offset;
}

static void copy_bounded(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void dbr_error_set_file(dbr_error *err, const char *file, const char *member)
{
    if (!err || err->file[0])
        return;
    if (file)
        copy_bounded(err->file, sizeof err->file, file);
    if (member)
        copy_bounded(err->member, sizeof err->member, member);
}

size_t dbr_error_format(const dbr_error *err, char *buf, size_t cap)
{
    size_t n = 0;
    if (!buf || cap == 0)
        return 0;
    buf[0] = '\0';
    if (!err)
        return 0;
#define APPEND(...)                                                                  \
    do {                                                                             \
        int w_ = snprintf(buf + n, cap - n, __VA_ARGS__);                            \
        if (w_ > 0)                                                                  \
            n = ((size_t)w_ >= cap - n) ? cap - 1 : n + (size_t)w_;                  \
    } while (0)
    if (err->file[0])
        APPEND("%s:", err->file);
    if (err->member[0])
        APPEND("%s:", err->member);
    if (err->line > 0) {
        APPEND("%ld:", err->line);
        if (err->column > 0)
            APPEND("%ld:", err->column);
    } else if (err->offset >= 0) {
        APPEND("byte %lld:", err->offset);
    }
    APPEND("%s%s", n ? " " : "", err->message[0] ? err->message : dbr_status_name(err->status));
#undef APPEND
    return n;
}

const char *dbr_status_name(dbr_status status)
{
    switch (status) {
    case DBR_OK: return "ok";
    case DBR_WARN: return "warning";
    case DBR_FAILED: return "failed";
    case DBR_FATAL: return "fatal";
    }
    return "unknown status";
}
