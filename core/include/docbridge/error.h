/* error.h - status codes and the error object every docbridge call reports through.
 *
 * The library never prints and never exits: a failing call returns a status and fills a
 * dbr_error owned by the caller. The CLI turns it into one line, "FILE:LINE:COL: message".
 * Locations are optional (0 / -1 means unknown) because not every failure has one.
 */
#ifndef DOCBRIDGE_ERROR_H
#define DOCBRIDGE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Graded status: OK and WARN let the work go on; FAILED stops this item; FATAL is sticky. */
typedef enum dbr_status {
    DBR_OK = 0,
    DBR_WARN = 1,
    DBR_FAILED = 2,
    DBR_FATAL = 3
} dbr_status;

#define DBR_ERR_PATH_MAX 1024
#define DBR_ERR_MSG_MAX 1024

/* One failure, with where it happened. Plain data: copy it freely; no dbr_error_free. */
typedef struct dbr_error {
    dbr_status status;
    char file[DBR_ERR_PATH_MAX];   /* input or output path, "" when not about a file */
    char member[DBR_ERR_PATH_MAX]; /* archive member, "" when none */
    long line;                     /* 1-based; 0 = unknown */
    long column;                   /* 1-based; 0 = unknown */
    long long offset;              /* byte offset in the file; -1 = unknown */
    char message[DBR_ERR_MSG_MAX]; /* lower-case, names the thing involved */
} dbr_error;

/* Resets to "no error, no location". */
void dbr_error_clear(dbr_error *err);

/* Sets status and message (printf-style). Keeps any location already set. Returns status so a
 * caller can write `return dbr_error_set(err, DBR_FAILED, "...")`. err may be NULL. */
dbr_status dbr_error_set(dbr_error *err, dbr_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
dbr_status dbr_error_setv(dbr_error *err, dbr_status status, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Sets the location; pass 0 / -1 for parts that are unknown. */
void dbr_error_locate(dbr_error *err, long line, long column, long long offset);

/* Sets the file (and the archive member, or NULL) only when none is set yet, so the innermost
 * layer that knows the file wins. */
void dbr_error_set_file(dbr_error *err, const char *file, const char *member);

/* Formats "FILE[:MEMBER]:LINE:COL: message" (parts that are unknown are left out; the byte
 * offset is shown as "byte N" when there is no line). Returns the length written, truncated to
 * cap-1. */
size_t dbr_error_format(const dbr_error *err, char *buf, size_t cap);

/* A readable name for a status ("ok", "warning", "failed", "fatal"). */
const char *dbr_status_name(dbr_status status);

#ifdef __cplusplus
}
#endif
#endif
