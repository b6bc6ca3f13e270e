/* test_alloc_fail.c - SQLite's discipline: make the Nth allocation fail, for every N, during a
 * whole conversion (input layer, probing, reader, writer, atomic output) and during XML
 * parsing. Each run must either succeed or fail with a message; never crash, never leak (the
 * sanitizer build checks leaks), never leave an output file behind on failure. */
#define _GNU_SOURCE
#include "testutil.h"
#include "docbridge/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_conversion_survives_every_failure(void **state)
{
    (void)state;
    char dir[] = "/tmp/dbrallocXXXXXX";
    assert_non_null(mkdtemp(dir));
    char in[300], out[300];
    snprintf(in, sizeof in, "%s/in.good", dir);
    snprintf(out, sizeof out, "%s/out.txt", dir);
    FILE *f = fopen(in, "w");
    for (int i = 0; i < 50; i++)
        fprintf(f, "line %d with caf\xc3\xa9 and \xe4\xb8\xad\xe6\x96\x87\r\n", i);
    fclose(f);
    dbr_registry *reg = dbr_registry_new();
    dbr_registry_load_dir(reg, TEST_BUILD_DIR "/test-plugins");
    const char *inputs[] = {in};
    dbr_convert_request q = {.inputs = inputs, .ninputs = 1, .output = out, .to_format = "testgood"};
    int succeeded = 0, failures = 0;
    for (uint64_t n = 1; n < 5000 && !succeeded; n++) {
        dbr_error err;
        dbr_alloc_fail_after(n);
        dbr_status st = dbr_convert(reg, &q, &err);
        dbr_alloc_fail_after(0);
        if (st == DBR_OK) {
            succeeded = 1;
        } else {
            failures++;
            assert_true(err.message[0] != '\0');
            assert_int_equal(access(out, F_OK), -1); /* nothing left behind */
        }
    }
    assert_true(succeeded);
    assert_true(failures > 10); /* the loop really reached into the conversion */
    char *data = test_slurp(out, NULL);
    assert_non_null(strstr(data, "paragraph: line 49 with café and 中文\n"));
    free(data);
    dbr_registry_free(reg);
    unlink(out);
    unlink(in);
    rmdir(dir);
}

static void count_start(void *ud, const char *name, const char **attrs)
{
    (void)name;
    (void)attrs;
    ++*(int *)ud;
}

static void test_xml_parse_survives_every_failure(void **state)
{
    (void)state;
    const char *doc = "<?xml version=\"1.0\"?><tmx><body><tu><tuv xml:lang=\"en\"><seg>a</seg>"
                      "</tuv></tu><tu><tuv xml:lang=\"zh\"><seg>b</seg></tuv></tu></body></tmx>";
    dbr_xml_handlers h = {.start = count_start};
    int ok = 0;
    for (uint64_t n = 1; n < 2000 && !ok; n++) {
        dbr_error err;
        dbr_error_clear(&err);
        dbr_job job = {.err = &err, .source_name = "t.tmx"};
        int starts = 0;
        dbr_alloc_fail_after(n);
        dbr_input *in = dbr_input_open_memory(doc, strlen(doc), "t.tmx", NULL, &err);
        dbr_xml *x = in ? dbr_xml_new(&job, &h, &starts, 1) : NULL;
        dbr_status st = x ? dbr_xml_parse(x, in) : DBR_FAILED;
        dbr_alloc_fail_after(0);
        dbr_xml_free(x);
        dbr_input_free(in);
        if (st == DBR_OK) {
            ok = 1;
            assert_int_equal(starts, 8);
        } else {
            assert_true(err.message[0] != '\0');
        }
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conversion_survives_every_failure),
        cmocka_unit_test(test_xml_parse_survives_every_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
