/* test_pots_alloc.c - the po, tsv, csv and moses readers and writers under SQLite's discipline:
 * allocation N fails, for every N, through a whole conversion. Each run succeeds or fails with
 * a message, never crashes, never leaks (ASan build), and leaves no output behind. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void survive(const char *const *inputs, size_t n, const char *to, const char *out,
                    const char *const *outs_to_check)
{
    dbr_registry *reg = test_registry(NULL);
    dbr_options *opts = dbr_options_new();
    dbr_options_set(opts, "quiet", NULL);
    dbr_convert_request q = {.inputs = inputs, .ninputs = n, .output = out, .to_format = to,
                             .opts = opts};
    int succeeded = 0, failures = 0;
    for (uint64_t k = 1; k < 20000 && !succeeded; k++) {
        dbr_error err;
        dbr_alloc_fail_after(k);
        dbr_status st = dbr_convert(reg, &q, &err);
        dbr_alloc_fail_after(0);
        if (st == DBR_OK) {
            succeeded = 1;
            continue;
        }
        failures++;
        if (!err.message[0])
            fail_msg("allocation %llu: failed without a message", (unsigned long long)k);
        for (const char *const *o = outs_to_check; *o; o++)
            if (access(*o, F_OK) == 0)
                fail_msg("allocation %llu: %s left behind", (unsigned long long)k, *o);
    }
    print_message("%s: %d failing runs before success\n", out, failures);
    assert_true(succeeded);
    assert_true(failures > 20);
    for (const char *const *o = outs_to_check; *o; o++) {
        assert_int_equal(access(*o, F_OK), 0);
        unlink(*o);
    }
    dbr_options_free(opts);
    dbr_registry_free(reg);
}

static void test_po_to_po(void **state)
{
    (void)state;
    const char *in[] = {TEST_SRC_DIR "/fixtures/po/full.po"};
    const char *outs[] = {"/tmp/dbr-pots-alloc.po", NULL};
    survive(in, 1, "po", outs[0], outs);
}

static void test_po_to_tsv_and_csv(void **state)
{
    (void)state;
    const char *in[] = {TEST_SRC_DIR "/fixtures/po/full.po"};
    const char *tsv[] = {"/tmp/dbr-pots-alloc.tsv", NULL};
    survive(in, 1, "tsv", tsv[0], tsv);
    const char *in2[] = {TEST_SRC_DIR "/fixtures/csv/basic.csv"};
    const char *csv[] = {"/tmp/dbr-pots-alloc.csv", NULL};
    survive(in2, 1, "csv", csv[0], csv);
    const char *in3[] = {TEST_SRC_DIR "/fixtures/tsv/basic.tsv"};
    survive(in3, 1, "po", "/tmp/dbr-pots-alloc.po", (const char *[]){"/tmp/dbr-pots-alloc.po", NULL});
}

static void test_moses_pair(void **state)
{
    (void)state;
    const char *in[] = {TEST_SRC_DIR "/fixtures/moses/corpus.en",
                        TEST_SRC_DIR "/fixtures/moses/corpus.zh"};
    const char *outs[] = {"/tmp/dbr-pots-alloc-m.en", "/tmp/dbr-pots-alloc-m.zh", NULL};
    survive(in, 2, "moses", "/tmp/dbr-pots-alloc-m", outs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_po_to_po),
        cmocka_unit_test(test_po_to_tsv_and_csv),
        cmocka_unit_test(test_moses_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
