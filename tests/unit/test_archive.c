/* test_archive.c - archive inputs: each regular member becomes a document with the member in
 * its provenance; links and directories are skipped; compressed single files read through;
 * corrupt archives and archive bombs are clear errors. Archives are made here with libarchive. */
#define _GNU_SOURCE
#include "testutil.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct member {
    const char *name;
    const char *data; /* NULL = directory; "->x" = symlink to x */
    size_t len;       /* 0 = strlen(data) */
} member;

static void make_archive(const char *path, int zip, int gz, const member *m, size_t n)
{
    struct archive *a = archive_write_new();
    if (zip)
        archive_write_set_format_zip(a);
    else
        archive_write_set_format_pax_restricted(a);
    if (gz)
        archive_write_add_filter_gzip(a);
    assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
    for (size_t i = 0; i < n; i++) {
        struct archive_entry *e = archive_entry_new();
        archive_entry_set_pathname(e, m[i].name);
        archive_entry_set_perm(e, 0644);
        if (!m[i].data) {
            archive_entry_set_filetype(e, AE_IFDIR);
            archive_write_header(a, e);
        } else if (strncmp(m[i].data, "->", 2) == 0) {
            archive_entry_set_filetype(e, AE_IFLNK);
            archive_entry_set_symlink(e, m[i].data + 2);
            archive_write_header(a, e);
        } else {
            size_t len = m[i].len ? m[i].len : strlen(m[i].data);
            archive_entry_set_filetype(e, AE_IFREG);
            archive_entry_set_size(e, (la_int64_t)len);
            archive_write_header(a, e);
            archive_write_data(a, m[i].data, len);
        }
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
}

static int g_warnings;
static void on_warn(void *ud, const dbr_error *w)
{
    (void)ud;
    (void)w;
    g_warnings++;
}

static dbr_status read_path(const char *path, rec_sink *rec, dbr_options *o, dbr_error *err)
{
    dbr_registry *r = dbr_registry_new();
    dbr_registry_load_dir(r, TEST_BUILD_DIR "/test-plugins");
    rec_sink_init(rec);
    dbr_error_clear(err);
    dbr_status st = dbr_read_into(r, path, NULL, o, on_warn, NULL, &rec->sink, err);
    dbr_registry_free(r);
    return st;
}

static void test_tar_members_become_documents(void **state)
{
    (void)state;
    const member m[] = {{"docs/", NULL, 0},
                        {"docs/a.good", "alpha\nbeta\n", 0},
                        {"docs/link.good", "->a.good", 0},
                        {"docs/b.good", "gamma\n", 0}};
    char path[] = "/tmp/dbrarXXXXXX.tar";
    close(mkstemps(path, 4));
    make_archive(path, 0, 0, m, 4);
    rec_sink rec;
    dbr_error err;
    g_warnings = 0;
    assert_int_equal(read_path(path, &rec, NULL, &err), DBR_OK);
    assert_int_equal(rec.ndocs, 2);
    assert_string_equal(rec.docs[0]->prov.member, "docs/a.good");
    assert_string_equal(rec.docs[1]->prov.member, "docs/b.good");
    assert_string_equal(rec.docs[0]->prov.source_path, path);
    assert_string_not_equal(rec.docs[0]->id, rec.docs[1]->id);
    assert_int_equal(rec.nblocks, 3);
    assert_string_equal(rec.blocks[2]->text.spans[0].text, "gamma");
    assert_int_equal(g_warnings, 1); /* the symlink */
    rec_sink_free(&rec);
    unlink(path);
}

static void test_zip_and_gzip_single(void **state)
{
    (void)state;
    const member m[] = {{"x.good", "one\ntwo\n", 0}};
    char zpath[] = "/tmp/dbrarXXXXXX.zip";
    close(mkstemps(zpath, 4));
    make_archive(zpath, 1, 0, m, 1);
    rec_sink rec;
    dbr_error err;
    assert_int_equal(read_path(zpath, &rec, NULL, &err), DBR_OK);
    assert_int_equal(rec.nblocks, 2);
    rec_sink_free(&rec);
    unlink(zpath);
    /* A gzip-compressed single file is read as the file inside. */
    char dir[] = "/tmp/dbrgzXXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[512], gz[300];
    snprintf(cmd, sizeof cmd, "printf 'l1\\nl2\\nl3\\n' > %s/notes.good && gzip %s/notes.good", dir, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(gz, sizeof gz, "%s/notes.good.gz", dir);
    assert_int_equal(read_path(gz, &rec, NULL, &err), DBR_OK);
    assert_int_equal(rec.nblocks, 3);
    assert_string_equal(rec.docs[0]->prov.member, "notes.good");
    rec_sink_free(&rec);
    unlink(gz);
    rmdir(dir);
}

static void test_corrupt_archive(void **state)
{
    (void)state;
    static char big[200000];
    unsigned seed = 12345; /* incompressible enough that truncation cuts into the member */
    for (size_t i = 0; i < sizeof big; i++) {
        seed = seed * 1103515245u + 12345u;
        big[i] = (char)('a' + (seed >> 16) % 26);
    }
    const member m[] = {{"a.good", big, sizeof big}};
    char path[] = "/tmp/dbrarXXXXXX.tgz";
    close(mkstemps(path, 4));
    make_archive(path, 0, 1, m, 1);
    assert_int_equal(truncate(path, 2000), 0);
    rec_sink rec;
    dbr_error err;
    assert_int_equal(read_path(path, &rec, NULL, &err), DBR_FAILED);
    char line[2048];
    dbr_error_format(&err, line, sizeof line);
    assert_non_null(strstr(line, path));
    assert_non_null(strstr(err.message, "truncated"));
    rec_sink_free(&rec);
    unlink(path);
}

static void test_archive_bomb_is_refused(void **state)
{
    (void)state;
    /* 40 MiB of one repeated line compresses to a few KiB: far past a ratio of 10. */
    size_t n = 40u << 20;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (i % 1000 == 999) ? '\n' : 'x';
    const member m[] = {{"bomb.good", data, n}};
    char path[] = "/tmp/dbrarXXXXXX.zip";
    close(mkstemps(path, 4));
    make_archive(path, 1, 0, m, 1);
    free(data);
    dbr_options *o = dbr_options_new();
    dbr_options_set(o, "max-expansion", "10");
    rec_sink rec;
    dbr_error err;
    assert_int_equal(read_path(path, &rec, o, &err), DBR_FAILED);
    assert_non_null(strstr(err.message, "archive bomb"));
    assert_string_equal(err.member, "bomb.good");
    /* Fewer blocks than the member holds were read before the refusal. */
    assert_true(rec.nblocks < n / 1000);
    rec_sink_free(&rec);
    dbr_options_free(o);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tar_members_become_documents),
        cmocka_unit_test(test_zip_and_gzip_single),
        cmocka_unit_test(test_corrupt_archive),
        cmocka_unit_test(test_archive_bomb_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
