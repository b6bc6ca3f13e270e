/* archive.c - archive and compressed inputs through libarchive.
 *
 * An archive (zip, tar, 7z, cpio, ar, ...) is read member by member without extracting
 * anything to disk; each regular member is converted as its own input, and provenance and
 * errors name the member. A compressed single file (report.tmx.gz, .xz, .bz2, .zst) is read as
 * that file. Hostile archives are normal input: nothing is written from member names, links
 * and devices are skipped with a warning, and expansion is bounded (a member may not expand
 * past 16 MiB plus max-expansion times the archive's size, default 1000, so a zip bomb ends in an error
 * rather than hours of work).
 */
#include "archive_internal.h"
#include "docbridge/alloc.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define ARCHIVE_BLOCK 65536

struct dbr_archive {
    struct archive *a;
    char *path;
    int single;              /* a compressed single file, not a container */
    long long archive_size;
    long long max_member;    /* bytes a member may expand to */
    long long member_bytes;  /* expanded so far, current member */
    char member[1024];
    dbr_error *err;          /* where a read-callback failure is described */
};

static struct archive *new_reader(int raw)
{
    struct archive *a = archive_read_new();
    if (!a)
        return NULL;
    archive_read_support_filter_all(a);
    if (raw)
        archive_read_support_format_raw(a);
    else
        archive_read_support_format_all(a);
    return a;
}

/* 1 = container, 2 = compressed single file, 0 = neither. */
static int classify(const char *path)
{
    struct archive_entry *e;
    struct archive *a = new_reader(0);
    int kind = 0;
    if (a && archive_read_open_filename(a, path, ARCHIVE_BLOCK) == ARCHIVE_OK &&
        archive_read_next_header(a, &e) == ARCHIVE_OK &&
        archive_format(a) != ARCHIVE_FORMAT_EMPTY)
        kind = 1;
    archive_read_free(a);
    if (kind)
        return kind;
    a = new_reader(1);
    /* Raw format accepts anything; only a real compression filter makes it ours. */
    if (a && archive_read_open_filename(a, path, ARCHIVE_BLOCK) == ARCHIVE_OK &&
        archive_read_next_header(a, &e) == ARCHIVE_OK && archive_filter_count(a) > 1 &&
        archive_filter_code(a, 0) != ARCHIVE_FILTER_NONE)
        kind = 2;
    archive_read_free(a);
    return kind;
}

/* Signatures of containers and compressors. A file that starts with one but that libarchive
 * cannot open is a corrupt archive, to be reported as such, not probed as text. */
static int has_archive_magic(const char *path)
{
    static const struct { const char *magic; size_t len; } SIGS[] = {
        {"\x1f\x8b", 2}, {"BZh", 3}, {"\xfd" "7zXZ\0", 6}, {"\x28\xb5\x2f\xfd", 4},
        {"PK\x03\x04", 4}, {"7z\xbc\xaf\x27\x1c", 6}, {"Rar!", 4},
    };
    unsigned char head[8] = {0};
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    for (size_t i = 0; i < sizeof SIGS / sizeof SIGS[0]; i++)
        if (n >= SIGS[i].len && memcmp(head, SIGS[i].magic, SIGS[i].len) == 0)
            return 1;
    return 0;
}

int dbr_archive_detect(const char *path)
{
    struct stat st;
    if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size == 0)
        return 0;
    return classify(path) != 0 || has_archive_magic(path);
}

dbr_archive *dbr_archive_open(const char *path, long ratio, dbr_error *err)
{
    struct stat st;
    int kind = classify(path);
    dbr_archive *ar = dbr_calloc(1, sizeof *ar);
    if (!ar || stat(path, &st) != 0 || !(ar->path = dbr_strdup(path))) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        dbr_error_set_file(err, path, NULL);
        if (ar)
            dbr_free(ar->path);
        dbr_free(ar);
        return NULL;
    }
    ar->single = kind == 2;
    ar->archive_size = (long long)st.st_size;
    ar->max_member = ar->archive_size * (ratio > 0 ? ratio : 1000) + (16LL << 20);
    ar->a = new_reader(ar->single);
    if (!ar->a || archive_read_open_filename(ar->a, path, ARCHIVE_BLOCK) != ARCHIVE_OK) {
        dbr_error_set(err, DBR_FAILED, "corrupt or truncated archive: %s",
                      ar->a ? archive_error_string(ar->a) : "out of memory");
        dbr_error_set_file(err, path, NULL);
        dbr_archive_close(ar);
        return NULL;
    }
    return ar;
}

void dbr_archive_close(dbr_archive *ar)
{
    if (!ar)
        return;
    if (ar->a)
        archive_read_free(ar->a);
    dbr_free(ar->path);
    dbr_free(ar);
}

/* The member name of a compressed single file: its own name without the compression suffix. */
static void single_name(dbr_archive *ar)
{
    const char *slash = strrchr(ar->path, '/');
    const char *base = slash ? slash + 1 : ar->path;
    const char *dot = strrchr(base, '.');
    int n = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    snprintf(ar->member, sizeof ar->member, "%.*s", n, base);
}

int dbr_archive_next(dbr_archive *ar, const char **member, dbr_job *job)
{
    struct archive_entry *e;
    for (;;) {
        int r = archive_read_next_header(ar->a, &e);
        if (r == ARCHIVE_EOF)
            return 0;
        if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
            dbr_error_set(job->err, DBR_FAILED, "corrupt archive: %s",
                          archive_error_string(ar->a));
            dbr_error_set_file(job->err, ar->path, NULL);
            return -1;
        }
        ar->member_bytes = 0;
        if (ar->single) {
            single_name(ar);
        } else {
            const char *name = archive_entry_pathname_utf8(e);
            if (!name)
                name = archive_entry_pathname(e);
            snprintf(ar->member, sizeof ar->member, "%s", name ? name : "(unnamed)");
            mode_t type = archive_entry_filetype(e);
            if (type == AE_IFDIR)
                continue;
            if (type != AE_IFREG) {
                dbr_job_warn(job, 0, 0, "archive member '%s' skipped: not a regular file",
                             ar->member);
                continue;
            }
        }
        *member = ar->member;
        return 1;
    }
}

static long long member_read(void *ud, void *buf, size_t cap, dbr_error *err)
{
    dbr_archive *ar = ud;
    ar->err = err;
    la_ssize_t n = archive_read_data(ar->a, buf, cap);
    if (n < 0) {
        dbr_error_set(ar->err, DBR_FAILED, "cannot read archive member '%s': %s", ar->member,
                      archive_error_string(ar->a));
        return -1;
    }
    ar->member_bytes += n;
    if (ar->member_bytes > ar->max_member) {
        dbr_error_set(ar->err, DBR_FAILED,
                      "archive member '%s' expands past %lld bytes (over the max-expansion "
                      "ratio): refused as a likely archive bomb", ar->member, ar->max_member);
        return -1;
    }
    return n;
}

dbr_input *dbr_archive_member_input(dbr_archive *ar, const dbr_input_config *cfg,
                                    dbr_error *err)
{
    ar->err = err;
    return dbr_input_open_callback(member_read, ar, ar->path, cfg, err);
}
