/* test_table.c - the tsv and csv readers against expected events, wrong column counts with
 * their line numbers, --lenient skipping, and unterminated CSV quotes. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct res {
    dbr_status st;
    dbr_error err;
    int warnings;
} res;

static void on_warn(void *ud, const dbr_error *w)
{
    (void)w;
    ((res *)ud)->warnings++;
}

static res read_file(const char *path, const char *fmt, const char *opt, rec_sink *rec)
{
    res r;
    memset(&r, 0, sizeof r);
    dbr_registry *reg = test_registry(NULL);
    dbr_options *o = dbr_options_new();
    if (opt)
        dbr_options_parse(o, opt);
    r.st = dbr_read_into(reg, path, fmt, o, on_warn, &r, &rec->sink, &r.err);
    dbr_options_free(o);
    dbr_registry_free(reg);
    return r;
}

static res read_text(const char *text, const char *fmt, const char *opt, rec_sink *rec)
{
    char suffix[8];
    snprintf(suffix, sizeof suffix, ".%s", fmt);
    char *path = test_write_temp(text, strlen(text), suffix);
    res r = read_file(path, fmt, opt, rec);
    unlink(path);
    free(path);
    return r;
}

static const char *txt(rec_sink *rec, const dbr_unit *u, size_t i)
{
    return dbr_rich_plain_dup(rec->pool, &u->variants[i].text);
}

static void test_tsv_fixture(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    res r = read_file(TEST_SRC_DIR "/fixtures/tsv/basic.tsv", "tsv", NULL, &rec);
    assert_int_equal(r.st, DBR_OK);
    dbr_doc *d = rec.docs[0];
    assert_int_equal(d->nlangs, 2);
    assert_string_equal(d->langs[0], "en");
    assert_string_equal(d->langs[1], "zh-CN");
    assert_string_equal(dbr_props_get(&d->props, "tsv:columns"), "id\ten\tzh-CN\tnote\tx-domain");
    assert_int_equal(rec.nunits, 3);
    dbr_unit *u = rec.units[0];
    assert_string_equal(u->id, "1");
    assert_string_equal(txt(&rec, u, 1), "打开文件");
    assert_string_equal(u->notes.items[0].text, "menu item");
    assert_string_equal(dbr_props_get(&u->props, "x-domain"), "ui");
    u = rec.units[1];
    assert_string_equal(txt(&rec, u, 0), "Tab\there, line\nbreak, back\\slash");
    assert_int_equal(u->notes.count, 0);
    u = rec.units[2];
    assert_int_equal(u->variants[1].text.count, 3);
    assert_int_equal(u->variants[1].text.spans[0].kind, DBR_SPAN_OPEN);
    rec_sink_free(&rec);
}

static void test_csv_fixture(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    res r = read_file(TEST_SRC_DIR "/fixtures/csv/basic.csv", "csv", NULL, &rec);
    assert_int_equal(r.st, DBR_OK);
    assert_int_equal(rec.nunits, 3);
    assert_string_equal(txt(&rec, rec.units[0], 0), "Hello, \"world\"");
    assert_string_equal(txt(&rec, rec.units[1], 1), "Deux\nlignes");
    assert_string_equal(rec.units[1]->notes.items[0].text, "a note");
    assert_string_equal(rec.units[2]->id, "3");
    rec_sink_free(&rec);
}

static void test_wrong_column_count(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    res r = read_text("en\tde\na\tb\nonly one\nc\td\n", "tsv", NULL, &rec);
    assert_int_equal(r.st, DBR_FAILED);
    assert_int_equal(r.err.line, 3);
    assert_non_null(strstr(r.err.message, "row has 1 cells, the header at line 1 has 2"));
    rec_sink_free(&rec);

    rec_sink_init(&rec);
    r = read_text("en\tde\na\tb\nonly one\nc\td\nx\ty\tz\n", "tsv", "lenient", &rec);
    assert_int_equal(r.st, DBR_OK);
    assert_int_equal(rec.nunits, 2);
    assert_int_equal(r.warnings, 3);
    rec_sink_free(&rec);

    rec_sink_init(&rec);
    r = read_text("en,de\n\"a\nb\",c\nd,e,f\n", "csv", NULL, &rec);
    assert_int_equal(r.st, DBR_FAILED);
    assert_int_equal(r.err.line, 4); /* the quoted line break moves the row to line 4 */
    rec_sink_free(&rec);
}

static void test_csv_quote_errors(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    res r = read_text("en,de\na,\"never closed\nmore\n", "csv", NULL, &rec);
    assert_int_equal(r.st, DBR_FAILED);
    assert_int_equal(r.err.line, 2);
    assert_non_null(strstr(r.err.message, "unterminated quoted field"));
    rec_sink_free(&rec);
    rec_sink_init(&rec);
    r = read_text("en,de\n\"a\"x,b\n", "csv", NULL, &rec);
    assert_int_equal(r.st, DBR_FAILED);
    assert_int_equal(r.err.line, 2);
    assert_int_equal(r.err.column, 4);
    rec_sink_free(&rec);
}

static void test_header_without_language(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    res r = read_text("name\tvalue\na\tb\n", "tsv", NULL, &rec);
    assert_int_equal(r.st, DBR_FAILED);
    assert_int_equal(r.err.line, 1);
    assert_non_null(strstr(r.err.message, "no language column"));
    rec_sink_free(&rec);
}

static void test_translate_toolkit_columns(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    res r = read_text("\"location\",\"source\",\"target\"\r\n\"a.c:1\",\"Hi\",\"Hallo\"\r\n", "csv",
                      "target-lang=de", &rec);
    assert_int_equal(r.st, DBR_OK);
    dbr_unit *u = rec.units[0];
    assert_string_equal(u->variants[0].lang, "en");
    assert_string_equal(u->variants[1].lang, "de");
    assert_string_equal(dbr_props_get(&u->props, "po:references"), "a.c:1");
    rec_sink_free(&rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tsv_fixture),
        cmocka_unit_test(test_csv_fixture),
        cmocka_unit_test(test_wrong_column_count),
        cmocka_unit_test(test_csv_quote_errors),
        cmocka_unit_test(test_header_without_language),
        cmocka_unit_test(test_translate_toolkit_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
