/* bag.c - packaging converted outputs as a BagIt bag (RFC 8493) inside one archive file, for
 * archivists: `docbridge convert --bag dataset.tar.gz -t jsonl INPUT...`.
 *
 * Each input is converted into a temporary file first (a tar header needs the size before the
 * data), then streamed into the archive with libarchive while its SHA-256 is computed, so
 * memory stays flat. The archive itself goes through atomic output: it appears only when every
 * input converted and the bag is complete. Entries get a fixed time (the epoch) unless
 * --provenance-time is given, so the same inputs make the same bytes.
 */
#include "bag_internal.h"
#include "docbridge/alloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct bag {
    struct archive *a;
    dbr_output *out;
    dbr_error *err;
    const char *root;      /* top folder inside the archive */
    time_t mtime;
    dbr_buf manifest;      /* "sha256  data/name\n" lines */
    dbr_buf tagmanifest;
    long long payload_bytes;
    long payload_files;
} bag;

static la_ssize_t bag_write_cb(struct archive *a, void *ud, const void *buf, size_t n)
{
    (void)a;
    bag *b = ud;
    return dbr_output_write(b->out, buf, n, b->err) == DBR_OK ? (la_ssize_t)n : -1;
}

static int bag_set_format(struct archive *a, const char *path)
{
    if (dbr_name_has_ext(path, "zip"))
        return archive_write_set_format_zip(a);
    int r = archive_write_set_format_pax_restricted(a);
    if (dbr_name_has_ext(path, "gz") || dbr_name_has_ext(path, "tgz")) {
        r = r ? r : archive_write_add_filter_gzip(a);
        /* gzip stores the compression time in its header unless told not to. */
        r = r ? r : archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
    }
    else if (dbr_name_has_ext(path, "xz"))
        r = r ? r : archive_write_add_filter_xz(a);
    else if (dbr_name_has_ext(path, "zst"))
        r = r ? r : archive_write_add_filter_zstd(a);
    else if (!dbr_name_has_ext(path, "tar"))
        return -1;
    return r;
}

static dbr_status bag_fail(bag *b, const char *what)
{
    if (!b->err->message[0] || b->err->status == DBR_OK)
        dbr_error_set(b->err, DBR_FAILED, "cannot write bag: %s: %s", what,
                      archive_error_string(b->a) ? archive_error_string(b->a) : "error");
    return DBR_FAILED;
}

/* Streams one entry from fd (or from data when fd < 0), hashing it. */
static dbr_status bag_add(bag *b, const char *name, int fd, const char *data, long long size,
                          char hex[65])
{
    struct archive_entry *e = archive_entry_new();
    if (!e)
        return dbr_error_set(b->err, DBR_FAILED, "out of memory");
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", b->root, name);
    archive_entry_set_pathname(e, full);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, size);
    archive_entry_set_mtime(e, b->mtime, 0);
    int r = archive_write_header(b->a, e);
    archive_entry_free(e);
    if (r != ARCHIVE_OK)
        return bag_fail(b, name);
    dbr_sha256 sha;
    dbr_sha256_init(&sha);
    if (fd < 0) {
        dbr_sha256_update(&sha, data, (size_t)size);
        if (archive_write_data(b->a, data, (size_t)size) < 0)
            return bag_fail(b, name);
    } else {
        char buf[65536];
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            dbr_sha256_update(&sha, buf, (size_t)n);
            if (archive_write_data(b->a, buf, (size_t)n) < 0)
                return bag_fail(b, name);
        }
        if (n < 0)
            return dbr_error_set(b->err, DBR_FAILED, "cannot read converted file for %s", name);
    }
    uint8_t d[32];
    dbr_sha256_final(&sha, d);
    dbr_sha256_hex(d, hex);
    return DBR_OK;
}

static dbr_status bag_add_tag(bag *b, const char *name, const dbr_buf *text)
{
    char hex[65];
    if (bag_add(b, name, -1, dbr_buf_cstr(text), (long long)text->len, hex) != DBR_OK)
        return DBR_FAILED;
    return dbr_buf_printf(&b->tagmanifest, "%s  %s\n", hex, name) == 0
               ? DBR_OK : dbr_error_set(b->err, DBR_FAILED, "out of memory");
}

static dbr_status bag_add_payload(bag *b, const char *tmpdir, const char *file)
{
    char path[4096], name[4096];
    snprintf(path, sizeof path, "%s/%s", tmpdir, file);
    snprintf(name, sizeof name, "data/%s", file);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        if (fd >= 0)
            close(fd);
        return dbr_error_set(b->err, DBR_FAILED, "cannot read converted file %s", path);
    }
    char hex[65];
    dbr_status s = bag_add(b, name, fd, NULL, (long long)st.st_size, hex);
    close(fd);
    if (s != DBR_OK)
        return s;
    b->payload_bytes += (long long)st.st_size;
    b->payload_files++;
    return dbr_buf_printf(&b->manifest, "%s  %s\n", hex, name) == 0
               ? DBR_OK : dbr_error_set(b->err, DBR_FAILED, "out of memory");
}

static int cmp_names(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The converted files, sorted so the bag's order does not depend on the file system. */
static char **list_files(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    *n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char **nn = dbr_realloc(names, (*n + 1) * sizeof *nn);
        if (!nn)
            break;
        names = nn;
        if (!(names[*n] = dbr_strdup(e->d_name)))
            break;
        (*n)++;
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

static dbr_status bag_write_all(bag *b, const char *tmpdir, const char *converter)
{
    dbr_buf t = DBR_BUF_INIT;
    dbr_status s = DBR_OK;
    dbr_buf_puts(&t, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
    s = bag_add_tag(b, "bagit.txt", &t);
    size_t n = 0;
    char **files = list_files(tmpdir, &n);
    for (size_t i = 0; i < n; i++) {
        if (s == DBR_OK)
            s = bag_add_payload(b, tmpdir, files[i]);
        dbr_free(files[i]);
    }
    dbr_free(files);
    if (s == DBR_OK)
        s = bag_add_tag(b, "manifest-sha256.txt", &b->manifest);
    dbr_buf_clear(&t);
    dbr_buf_printf(&t, "Bag-Software-Agent: %s\nPayload-Oxum: %lld.%ld\n", converter,
                   b->payload_bytes, b->payload_files);
    if (b->mtime) {
        struct tm tm;
        char date[16];
        gmtime_r(&b->mtime, &tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        dbr_buf_printf(&t, "Bagging-Date: %s\n", date);
    }
    if (s == DBR_OK)
        s = bag_add_tag(b, "bag-info.txt", &t);
    dbr_buf_free(&t);
    if (s == DBR_OK) {
        /* tagmanifest lists the tag files written so far; it does not list itself. */
        char hex[65];
        s = bag_add(b, "tagmanifest-sha256.txt", -1, dbr_buf_cstr(&b->tagmanifest),
                    (long long)b->tagmanifest.len, hex);
    }
    return s;
}

static void remove_tree(const char *dir)
{
    size_t n = 0;
    char **files = list_files(dir, &n);
    for (size_t i = 0; i < n; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
        dbr_free(files[i]);
    }
    dbr_free(files);
    /* Temporaries of failed conversions start with '.'; list_files skips them. */
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* "dataset.tar.gz" -> "dataset". */
static void bag_root(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    snprintf(out, cap, "%s", slash ? slash + 1 : path);
    static const char *const SUFFIXES[] = {".tar.gz", ".tar.xz", ".tar.zst", ".tgz", ".tar",
                                           ".zip"};
    size_t len = strlen(out);
    for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
        size_t sl = strlen(SUFFIXES[i]);
        if (len > sl && strcasecmp(out + len - sl, SUFFIXES[i]) == 0) {
            out[len - sl] = '\0';
            return;
        }
    }
}

dbr_status dbr_bag_package(const char *bag_path, const char *tmpdir, time_t mtime,
                           const char *converter, dbr_error *err)
{
    char root[1024];
    bag_root(bag_path, root, sizeof root);
    bag b = {.err = err, .root = root, .mtime = mtime};
    b.a = archive_write_new();
    if (!b.a || bag_set_format(b.a, bag_path) != 0) {
        if (b.a)
            archive_write_free(b.a);
        return dbr_error_set(err, DBR_FAILED,
                             "bag '%s': name it .tar, .tar.gz, .tgz, .tar.xz, .tar.zst or .zip",
                             bag_path);
    }
    b.out = dbr_output_open(bag_path, err);
    dbr_status s = b.out ? DBR_OK : DBR_FAILED;
    if (s == DBR_OK && archive_write_open2(b.a, &b, NULL, bag_write_cb, NULL, NULL) != ARCHIVE_OK)
        s = bag_fail(&b, "open");
    if (s == DBR_OK)
        s = bag_write_all(&b, tmpdir, converter);
    if (s == DBR_OK && archive_write_close(b.a) != ARCHIVE_OK)
        s = bag_fail(&b, "close");
    archive_write_free(b.a);
    if (s == DBR_OK)
        s = dbr_output_commit(b.out, err);
    else
        dbr_output_abort(b.out);
    dbr_buf_free(&b.manifest);
    dbr_buf_free(&b.tagmanifest);
    return s;
}

char *dbr_bag_tmpdir(const char *bag_path, dbr_error *err)
{
    char *copy = dbr_strdup(bag_path);
    if (!copy) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    char *slash = strrchr(copy, '/');
    const char *dir = slash ? (*slash = '\0', copy[0] ? copy : "/") : ".";
    size_t n = strlen(dir) + 32;
    char *tmpl = dbr_malloc(n);
    if (tmpl)
        snprintf(tmpl, n, "%s/.docbridge-bag-XXXXXX", dir);
    dbr_free(copy);
    if (!tmpl || !mkdtemp(tmpl)) {
        dbr_error_set(err, DBR_FAILED, "cannot create a working folder beside the bag");
        dbr_error_set_file(err, bag_path, NULL);
        dbr_free(tmpl);
        return NULL;
    }
    return tmpl;
}

void dbr_bag_cleanup(char *tmpdir)
{
    if (!tmpdir)
        return;
    remove_tree(tmpdir);
    dbr_free(tmpdir);
}
