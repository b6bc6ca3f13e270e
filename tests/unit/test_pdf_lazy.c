/* test_pdf_lazy.c - the pdf plugin loads Poppler only when a PDF is read: loading every plugin
 * leaves libpoppler out of the process (/proc/self/maps), reading a PDF brings it in (so the
 * check can see it), and a pdf.so whose engine is missing, not a shared object, has an
 * unresolved symbol or no entry fails the read with one clear error naming the engine's path. */
#include "testutil.h"

#include "docbridge/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MINIMAL_PDF TEST_SRC_DIR "/fixtures/pdf/minimal.pdf"

/* 1 when a mapping of this process has needle in its path, 0 when none, -1 without /proc. */
static int lazy_mapped(const char *needle)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return -1;
    char line[4096];
    int found = 0;
    while (!found && fgets(line, sizeof line, f))
        found = strstr(line, needle) != NULL;
    fclose(f);
    return found;
}

static int lazy_have_pdf(void)
{
    dbr_registry *reg = test_registry(NULL);
    int have = dbr_registry_find(reg, "pdf") != NULL;
    dbr_registry_free(reg);
    return have;
}

#define SKIP_WITHOUT_PDF()                                                     \
    do {                                                                       \
        if (!lazy_have_pdf() || lazy_mapped("/") < 0) {                        \
            print_message("skipped: pdf plugin not built or no /proc\n");      \
            skip();                                                            \
        }                                                                      \
    } while (0)

static dbr_status lazy_read(const dbr_registry *reg, const char *format, rec_sink *rec,
                            dbr_error *err)
{
    rec_sink_init(rec);
    dbr_error_clear(err);
    return dbr_read_into(reg, MINIMAL_PDF, format, NULL, NULL, NULL, &rec->sink, err);
}

/* One test, in this order: nothing in this process may have read a PDF before the first check
 * (the engine stays loaded once it has been). */
static void test_poppler_loaded_only_by_a_pdf_read(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    dbr_registry *reg = test_registry(NULL);
    assert_true(dbr_registry_count(reg) > 1);
    assert_int_equal(lazy_mapped("/plugins/pdf.so"), 1); /* the check sees the plugins */
    assert_int_equal(lazy_mapped("libpoppler"), 0);
    assert_int_equal(lazy_mapped("pdf-engine.so"), 0);

    rec_sink rec;
    dbr_error err;
    assert_int_equal(lazy_read(reg, NULL, &rec, &err), DBR_OK);
    assert_true(rec.nblocks > 0);
    rec_sink_free(&rec);
    assert_int_equal(lazy_mapped("libpoppler"), 1);
    assert_int_equal(lazy_mapped("/plugins/pdf-engine/pdf-engine.so"), 1);

    /* a second read in the same process uses the engine already loaded */
    assert_int_equal(lazy_read(reg, NULL, &rec, &err), DBR_OK);
    assert_true(rec.nblocks > 0);
    rec_sink_free(&rec);
    dbr_registry_free(reg);
}

static void lazy_copy(const char *from, const char *to)
{
    size_t len;
    char *data = test_slurp(from, &len);
    assert_non_null(data);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(data);
}

/* Reads the fixture with a registry holding only dir's pdf.so; the read must fail with the
 * engine's path and why in its message. */
static void lazy_expect_engine_error(const char *dir, const char *why)
{
    dbr_registry *reg = dbr_registry_new();
    assert_int_equal(dbr_registry_load_dir(reg, dir), 1);
    rec_sink rec;
    dbr_error err;
    assert_int_equal(lazy_read(reg, "pdf", &rec, &err), DBR_FAILED);
    char engine[512];
    snprintf(engine, sizeof engine, "cannot load the PDF engine %s/pdf-engine/pdf-engine.so: ",
             dir);
    if (!strstr(err.message, engine) || !strstr(err.message, why))
        fail_msg("expected '%s...%s', got: %s", engine, why, err.message);
    assert_int_equal(rec.nblocks, 0);
    rec_sink_free(&rec);
    dbr_registry_free(reg);
}

static void test_engine_missing_or_broken(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char dir[] = "/tmp/dbrpdflazyXXXXXX";
    assert_non_null(mkdtemp(dir));
    char so[600], sub[600], engine[700];
    snprintf(so, sizeof so, "%s/pdf.so", dir);
    snprintf(sub, sizeof sub, "%s/pdf-engine", dir);
    snprintf(engine, sizeof engine, "%s/pdf-engine.so", sub);
    lazy_copy(TEST_BUILD_DIR "/plugins/pdf.so", so);

    lazy_expect_engine_error(dir, "No such file or directory");
    assert_int_equal(mkdir(sub, 0755), 0);
    FILE *f = fopen(engine, "w");
    assert_non_null(f);
    fputs("not a shared object\n", f);
    fclose(f);
    lazy_expect_engine_error(dir, "too short");
    lazy_copy(TEST_BUILD_DIR "/test-plugins/unresolved.so", engine);
    lazy_expect_engine_error(dir, "undefined symbol");
    /* last: a shared object that loads stays loaded (RTLD_NODELETE) under this path */
    lazy_copy(TEST_BUILD_DIR "/test-plugins/good.so", engine);
    lazy_expect_engine_error(dir, "no entry symbol 'docbridge_pdf_engine'");

    unlink(engine);
    rmdir(sub);
    unlink(so);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poppler_loaded_only_by_a_pdf_read),
        cmocka_unit_test(test_engine_missing_or_broken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
