/* test_po.c - the po reader against expected events (fixtures/po/full.po), its errors with
 * exact locations, --lenient skipping, and the charset sniff hook. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct read_result {
    dbr_status st;
    dbr_error err;
    int warnings;
    char last_warning[DBR_ERR_MSG_MAX];
} read_result;

static void on_warn(void *ud, const dbr_error *w)
{
    read_result *r = ud;
    r->warnings++;
    snprintf(r->last_warning, sizeof r->last_warning, "%s", w->message);
}

static read_result read_path(dbr_registry *reg, const char *path, rec_sink *rec,
                             const char *opt)
{
    read_result r;
    memset(&r, 0, sizeof r);
    dbr_options *o = dbr_options_new();
    if (opt)
        dbr_options_parse(o, opt);
    r.st = dbr_read_into(reg, path, "po", o, on_warn, &r, &rec->sink, &r.err);
    dbr_options_free(o);
    return r;
}

static read_result read_text(const char *text, const char *opt, rec_sink *rec)
{
    dbr_registry *reg = test_registry(NULL);
    char *path = test_write_temp(text, strlen(text), ".po");
    read_result r = read_path(reg, path, rec, opt);
    unlink(path);
    free(path);
    dbr_registry_free(reg);
    return r;
}

static const char *plain(rec_sink *rec, const dbr_rich *r)
{
    return dbr_rich_plain_dup(rec->pool, r);
}

static void test_reads_full_fixture(void **state)
{
    (void)state;
    dbr_registry *reg = test_registry(NULL);
    rec_sink rec;
    rec_sink_init(&rec);
    read_result r = read_path(reg, TEST_SRC_DIR "/fixtures/po/full.po", &rec, NULL);
    assert_int_equal(r.st, DBR_OK);
    assert_int_equal(rec.ndocs, 1);
    dbr_doc *d = rec.docs[0];
    assert_string_equal(d->lang, "en");
    assert_int_equal(d->nlangs, 2);
    assert_string_equal(d->langs[1], "de");
    assert_string_equal(dbr_props_get(&d->props, "po:header:Language"), "de");
    assert_string_equal(dbr_props_get(&d->props, "po:header:Plural-Forms"),
                        "nplurals=2; plural=(n != 1);");
    assert_int_equal(d->notes.count, 1);
    assert_string_equal(d->notes.items[0].text,
                        "German translation of the docbridge test catalogue.\n"
                        "Copyright (C) 2026 The docbridge authors\n");
    assert_int_equal(rec.nunits, 8);

    dbr_unit *u = rec.units[0];
    /* No msgctxt: the id is derived from the source text, the same on every run. */
    char want[40];
    dbr_make_id("po", "Hello, %s!", 10, want);
    assert_string_equal(u->id, want);
    assert_string_equal(plain(&rec, &u->variants[0].text), "Hello, %s!");
    assert_string_equal(u->variants[1].lang, "de");
    assert_string_equal(plain(&rec, &u->variants[1].text), "Hallo, %s!");
    assert_string_equal(u->variants[1].state, "translated");
    assert_int_equal(u->notes.count, 2);
    assert_string_equal(u->notes.items[0].text, "A translator's note\non two lines.");
    assert_string_equal(dbr_props_get(&u->notes.items[0].props, "from"), "translator");
    assert_string_equal(dbr_props_get(&u->notes.items[1].props, "from"), "developer");
    assert_string_equal(dbr_props_get(&u->props, "po:references"),
                        "src/main.c:10 src/main.c:22\nsrc/other.c:5");
    assert_string_equal(dbr_props_get(&u->props, "po:flags"), "c-format");

    u = rec.units[1];
    assert_string_equal(u->id, "menu");

    u = rec.units[2]; /* fuzzy plural with a previous msgid */
    assert_int_equal(u->variants[0].nplurals, 1);
    assert_string_equal(plain(&rec, &u->variants[0].plurals[0]), "%d files");
    assert_int_equal(u->variants[1].nplurals, 1);
    assert_string_equal(plain(&rec, &u->variants[1].text), "%d Datei");
    assert_string_equal(plain(&rec, &u->variants[1].plurals[0]), "%d Dateien");
    assert_string_equal(u->variants[1].state, "needs-review");
    assert_string_equal(dbr_props_get(&u->props, "po:flags"), "c-format");
    assert_string_equal(dbr_props_get(&u->props, "po:previous-msgid"), "%d old file");

    u = rec.units[3]; /* multi-line with escapes */
    assert_string_equal(plain(&rec, &u->variants[0].text),
                        "A long text that goes over several lines in the file, with an escaped "
                        "quote \" a tab\t and a backslash \\ and a newline\nsecond line");

    u = rec.units[4]; /* untranslated: no target variant */
    assert_int_equal(u->nvariants, 1);

    u = rec.units[5]; /* placeholders */
    const dbr_rich *t = &u->variants[0].text;
    assert_int_equal(t->count, 7);
    assert_int_equal(t->spans[1].kind, DBR_SPAN_OPEN);
    assert_string_equal(t->spans[1].id, "1");
    assert_int_equal(t->spans[3].kind, DBR_SPAN_CLOSE);
    assert_int_equal(t->spans[5].kind, DBR_SPAN_PLACEHOLDER);
    assert_string_equal(t->spans[6].text, " break, literal ⟦ bracket");

    u = rec.units[6];
    assert_string_equal(dbr_props_get(&u->props, "po:obsolete"), "yes");
    u = rec.units[7];
    assert_string_equal(dbr_props_get(&u->props, "po:obsolete"), "yes");
    assert_string_equal(u->id, "ctx");
    assert_string_equal(dbr_props_get(&u->props, "po:previous-msgid"), "Older");
    assert_string_equal(u->variants[1].state, "needs-review");
    rec_sink_free(&rec);
    dbr_registry_free(reg);
}

/* Each malformed input: the exact line, column and message. */
static void expect_error(const char *text, long line, long col, const char *msg)
{
    rec_sink rec;
    rec_sink_init(&rec);
    read_result r = read_text(text, NULL, &rec);
    if (r.st != DBR_FAILED || r.err.line != line || r.err.column != col ||
        !strstr(r.err.message, msg))
        fail_msg("got status %d at %ld:%ld '%s', expected %ld:%ld '%s'", r.st, r.err.line,
                 r.err.column, r.err.message, line, col, msg);
    rec_sink_free(&rec);
}

static void test_errors_have_locations(void **state)
{
    (void)state;
    expect_error("msgid \"a\"\nmsgstr \"b\\q\"\n", 2, 10, "invalid escape");
    expect_error("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n", 3, 1, "missing msgstr for the msgid at line 1");
    expect_error("msgid \"a\"\n", 2, 1, "missing msgstr");
    expect_error("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"x\"\nmsgstr[2] \"y\"\n", 4, 8,
                 "msgstr[2] out of order: expected msgstr[1]");
    expect_error("msgid \"a\"\nmsgstr \"unterminated\n", 2, 8, "unterminated string");
    expect_error("msgid \"a\"\nmsgstr \"b\" junk\n", 2, 12, "unexpected text after the string");
    expect_error("msgid \"a\"\nmsgstr[0] \"b\"\n", 2, 1, "msgstr[N] without msgid_plural");
    expect_error("msgid \"a\"\nmsgid_plural \"b\"\nmsgstr \"c\"\n", 3, 1, "needs an index");
    expect_error("msgid \"a\"\nmsgstr \"b\"\nbogus\n", 3, 1, "expected msgctxt, msgid");
    expect_error("\"orphan\"\n", 1, 1, "string without a keyword");
    expect_error("msgid \"a\\\"\nmsgstr \"\"\n", 1, 7, "unterminated string");
    expect_error("msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"\"\nmsgstr \"x\"\n", 4, 1,
                 "empty msgid without msgctxt after the first entry");
}

static void test_lenient_skips_and_counts(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    read_result r = read_text("msgid \"ok1\"\nmsgstr \"x\"\n\n"
                              "msgid \"bad\"\nmsgstr \"b\\q\"\n\"more\"\n\n"
                              "msgid \"no str\"\n\n"
                              "msgid \"ok2\"\nmsgstr \"y\"\n",
                              "lenient", &rec);
    assert_int_equal(r.st, DBR_OK);
    assert_int_equal(rec.nunits, 2);
    assert_string_equal(plain(&rec, &rec.units[1]->variants[0].text), "ok2");
    assert_int_equal(r.warnings, 3); /* two skipped entries and the count */
    assert_string_equal(r.last_warning, "2 broken entries skipped");
    rec_sink_free(&rec);
}

static void test_language_sources(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    const char *po = "msgid \"\"\nmsgstr \"Language: pt_BR\\n\"\n\nmsgid \"a\"\nmsgstr \"b\"\n";
    read_result r = read_text(po, NULL, &rec);
    assert_int_equal(r.st, DBR_OK);
    assert_string_equal(rec.units[0]->variants[1].lang, "pt-BR");
    rec_sink_free(&rec);
    rec_sink_init(&rec);
    r = read_text(po, "target-lang=fr", &rec);
    assert_string_equal(rec.units[0]->variants[1].lang, "fr");
    rec_sink_free(&rec);
}

static void test_strict_placeholders(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    read_result r = read_text("msgid \"a\"\nmsgstr \"x ⟦1\"\n", "placeholders-read=strict", &rec);
    assert_int_equal(r.st, DBR_FAILED);
    assert_int_equal(r.err.line, 1);
    assert_non_null(strstr(r.err.message, "unterminated token"));
    rec_sink_free(&rec);
    rec_sink_init(&rec);
    r = read_text("msgid \"a\"\nmsgstr \"x ⟦1\"\n", NULL, &rec);
    assert_int_equal(r.st, DBR_OK);
    assert_string_equal(plain(&rec, &rec.units[0]->variants[1].text), "x ⟦1");
    rec_sink_free(&rec);
}

/* The Content-Type charset reaches the input layer: a Latin-1 PO decodes right. */
static void test_charset_from_header(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    read_result r = read_text("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
                              "msgid \"caf\xe9\"\nmsgstr \"\xe0 la carte\"\n", NULL, &rec);
    assert_int_equal(r.st, DBR_OK);
    assert_string_equal(plain(&rec, &rec.units[0]->variants[0].text), "café");
    assert_string_equal(plain(&rec, &rec.units[0]->variants[1].text), "à la carte");
    rec_sink_free(&rec);
}

/* "#. docbridge-prop K=V" lines are properties; other "#." lines stay the developer note. */
static void test_foreign_props(void **state)
{
    (void)state;
    rec_sink rec;
    rec_sink_init(&rec);
    read_result r = read_text("#. first line\n#. docbridge-prop a%3Db=x%0Ay%25\n#. last line\n"
                              "msgid \"a\"\nmsgstr \"b\"\n", NULL, &rec);
    assert_int_equal(r.st, DBR_OK);
    dbr_unit *u = rec.units[0];
    assert_string_equal(dbr_props_get(&u->props, "a=b"), "x\ny%");
    assert_int_equal(u->notes.count, 1);
    assert_string_equal(u->notes.items[0].text, "first line\nlast line");
    rec_sink_free(&rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_full_fixture),
        cmocka_unit_test(test_errors_have_locations),
        cmocka_unit_test(test_lenient_skips_and_counts),
        cmocka_unit_test(test_language_sources),
        cmocka_unit_test(test_strict_placeholders),
        cmocka_unit_test(test_charset_from_header),
        cmocka_unit_test(test_foreign_props),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
