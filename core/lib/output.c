/* output.c - atomic output: write to a temporary file beside the target, fsync, rename.
 *
 * Why beside the target: rename(2) is only atomic within one file system. The temporary name
 * starts with "." and ends in ".tmp-XXXXXX" so a crash leaves an obvious, hidden leftover rather
 * than a truncated file under the real name. Siblings (Moses' second file) commit together.
 */
#define _DEFAULT_SOURCE /* realpath */
#include "docbridge/io.h"
#include "docbridge/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OUT_BUF 262144 /* fewer write calls; writers that batch more skip it */

struct dbr_output {
    char *path;       /* target */
    char *tmp;        /* temporary path, NULL for stdout */
    int fd;
    int poisoned;
    int unwanted;     /* dbr_output_discard: drop at commit */
    int device;       /* an existing device or FIFO (/dev/null): written in place, closed */
    char *buf;
    size_t len;
    dbr_output *next_sibling;
};

static dbr_status fail_errno(dbr_error *err, const char *path, const char *what)
{
    dbr_error_set(err, DBR_FAILED, "%s: %s", what, strerror(errno));
    dbr_error_set_file(err, path, NULL);
    return DBR_FAILED;
}

static char *temp_path_for(const char *path)
{
    char *copy = dbr_strdup(path);
    char *copy2 = dbr_strdup(path);
    char *res = NULL;
    if (copy && copy2) {
        const char *dir = dirname(copy);
        const char *base = basename(copy2);
        size_t n = strlen(dir) + strlen(base) + 32;
        res = dbr_malloc(n);
        if (res)
            snprintf(res, n, "%s/.%s.tmp-XXXXXX", dir, base);
    }
    dbr_free(copy);
    dbr_free(copy2);
    return res;
}

static dbr_output *output_new(const char *path)
{
    dbr_output *o = dbr_calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->fd = -1;
    o->path = dbr_strdup(path);
    o->buf = dbr_malloc(OUT_BUF);
    if (!o->path || !o->buf) {
        dbr_free(o->path);
        dbr_free(o->buf);
        dbr_free(o);
        return NULL;
    }
    return o;
}

static void output_free(dbr_output *o)
{
    dbr_free(o->path);
    dbr_free(o->tmp);
    dbr_free(o->buf);
    dbr_free(o);
}

/* A device or FIFO (-o /dev/null, a named pipe) is written directly: renaming a temporary
 * over it would replace the device node with a regular file. */
static dbr_output *open_device(const char *path, dbr_error *err)
{
    dbr_output *o = output_new(path);
    if (!o) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    o->fd = open(path, O_WRONLY | O_CLOEXEC);
    if (o->fd < 0) {
        fail_errno(err, path, "cannot open output");
        output_free(o);
        return NULL;
    }
    o->device = 1;
    return o;
}

dbr_output *dbr_output_open(const char *path, dbr_error *err)
{
    if (!path || strcmp(path, "-") == 0) {
        dbr_output *o = output_new("-");
        if (!o) {
            dbr_error_set(err, DBR_FAILED, "out of memory");
            return NULL;
        }
        o->fd = STDOUT_FILENO;
        return o;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        dbr_error_set(err, DBR_FAILED, "output is a directory, expected a file path");
        dbr_error_set_file(err, path, NULL);
        return NULL;
    }
    if (stat(path, &st) == 0 &&
        (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISBLK(st.st_mode)))
        return open_device(path, err);
    /* A symbolic link is followed: the temporary file and the rename go to its target, so the
     * link stays a link (renaming over it would replace it, /dev/stdout included). */
    char resolved[PATH_MAX];
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        if (!realpath(path, resolved)) {
            dbr_error_set(err, DBR_FAILED, "output is a symbolic link whose target is missing");
            dbr_error_set_file(err, path, NULL);
            return NULL;
        }
        if (strncmp(resolved, "/proc/", 6) == 0)
            return open_device(path, err);
        path = resolved;
    }
    dbr_output *o = output_new(path);
    if (o)
        o->tmp = temp_path_for(path);
    if (!o || !o->tmp) {
        if (o)
            output_free(o);
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    o->fd = mkstemp(o->tmp);
    if (o->fd < 0) {
        fail_errno(err, path, "cannot create output");
        output_free(o);
        return NULL;
    }
    /* mkstemp makes 0600; a converted file should get the usual umask-based mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(o->fd, 0666 & ~mask);
    return o;
}

dbr_output *dbr_output_open_sibling(dbr_output *primary, const char *path, dbr_error *err)
{
    if (strcmp(primary->path, "-") == 0) {
        dbr_error_set(err, DBR_FAILED, "this format writes several files: give -o PATH");
        return NULL;
    }
    dbr_output *s = dbr_output_open(path, err);
    if (!s)
        return NULL;
    s->next_sibling = primary->next_sibling;
    primary->next_sibling = s;
    return s;
}

void dbr_output_discard(dbr_output *out) { out->unwanted = 1; }

const char *dbr_output_path(const dbr_output *out) { return out->path; }

static dbr_status write_all(dbr_output *o, const char *p, size_t n, dbr_error *err)
{
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(o->fd, p + off, n - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            o->poisoned = 1;
            return fail_errno(err, o->path, "cannot write");
        }
        off += (size_t)w;
    }
    return DBR_OK;
}

static dbr_status flush_buf(dbr_output *o, dbr_error *err)
{
    dbr_status st = write_all(o, o->buf, o->len, err);
    o->len = 0;
    return st;
}

dbr_status dbr_output_write(dbr_output *o, const void *data, size_t len, dbr_error *err)
{
    if (o->poisoned)
        return dbr_error_set(err, DBR_FAILED, "output already failed");
    const char *p = data;
    if (len >= OUT_BUF) { /* a writer's own big batch: written as it is, not copied first */
        if (o->len && flush_buf(o, err) != DBR_OK)
            return DBR_FAILED;
        return write_all(o, p, len, err);
    }
    while (len > 0) {
        if (o->len == OUT_BUF && flush_buf(o, err) != DBR_OK)
            return DBR_FAILED;
        size_t room = OUT_BUF - o->len;
        size_t n = len < room ? len : room;
        memcpy(o->buf + o->len, p, n);
        o->len += n;
        p += n;
        len -= n;
    }
    return DBR_OK;
}

dbr_status dbr_output_puts(dbr_output *o, const char *s, dbr_error *err)
{
    return dbr_output_write(o, s, strlen(s), err);
}

dbr_status dbr_output_printf(dbr_output *o, dbr_error *err, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return dbr_error_set(err, DBR_FAILED, "format error");
    if ((size_t)n < sizeof small)
        return dbr_output_write(o, small, (size_t)n, err);
    char *big = dbr_malloc((size_t)n + 1);
    if (!big)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dbr_status s = dbr_output_write(o, big, (size_t)n, err);
    dbr_free(big);
    return s;
}

/* Flushes and fsyncs one file (not yet renamed). */
static dbr_status settle(dbr_output *o, dbr_error *err)
{
    if (o->poisoned)
        return dbr_error_set(err, DBR_FAILED, "output failed earlier; not committed");
    if (flush_buf(o, err) != DBR_OK)
        return DBR_FAILED;
    if (o->device) {
        int rc = close(o->fd);
        o->fd = -1;
        return rc == 0 ? DBR_OK : fail_errno(err, o->path, "cannot close output");
    }
    if (!o->tmp)
        return DBR_OK;
    if (fsync(o->fd) != 0)
        return fail_errno(err, o->path, "cannot sync output");
    if (close(o->fd) != 0) {
        o->fd = -1;
        return fail_errno(err, o->path, "cannot close output");
    }
    o->fd = -1;
    return DBR_OK;
}

static void discard(dbr_output *o)
{
    if (o->device && o->fd >= 0) {
        close(o->fd);
        o->fd = -1;
    }
    if (o->tmp) {
        if (o->fd >= 0)
            close(o->fd);
        unlink(o->tmp);
    }
}

dbr_status dbr_output_commit(dbr_output *out, dbr_error *err)
{
    /* Settle every file first, so a late failure renames none of them. */
    for (dbr_output *o = out; o; o = o->next_sibling)
        if (settle(o, err) != DBR_OK) {
            dbr_output_abort(out);
            return DBR_FAILED;
        }
    dbr_status st = DBR_OK;
    for (dbr_output *o = out; o; o = o->next_sibling)
        if (o->tmp && o->unwanted)
            unlink(o->tmp);
        else if (o->tmp && rename(o->tmp, o->path) != 0 && st == DBR_OK) {
            st = fail_errno(err, o->path, "cannot rename output into place");
            unlink(o->tmp);
        }
    while (out) {
        dbr_output *next = out->next_sibling;
        output_free(out);
        out = next;
    }
    return st;
}

void dbr_output_abort(dbr_output *out)
{
    while (out) {
        dbr_output *next = out->next_sibling;
        discard(out);
        output_free(out);
        out = next;
    }
}

int dbr_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b || strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}
