/* test_segment.c - the "segment" transform: the English and Chinese segmentation table, SRX
 * parsing (a custom rule changes the outcome, bad files are refused with a location), blocks
 * that are never split or merged, and inline codes staying with their sentence. */
#include "testutil.h"
#include "segment_cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct seg_run {
    dbr_registry *reg;
    rec_sink rec;
    void *state;
    const dbr_transform_ops *ops;
    dbr_options *opts;
    dbr_error err;
    dbr_job job;
    dbr_sink sink;
} seg_run;

static int seg_open(seg_run *r, const char *lang, const char *srx)
{
    memset(r, 0, sizeof *r);
    r->reg = test_registry(NULL);
    const dbr_plugin_entry *e = dbr_registry_find(r->reg, "segment");
    assert_non_null(e);
    r->ops = e->plugin->transform;
    assert_non_null(r->ops);
    r->opts = dbr_options_new();
    if (lang)
        dbr_options_set(r->opts, "lang", lang);
    if (srx)
        dbr_options_set(r->opts, "srx", srx);
    rec_sink_init(&r->rec);
    r->state = calloc(1, r->ops->state_size);
    r->job = (dbr_job){.err = &r->err, .opts = r->opts};
    dbr_status st = r->ops->open(r->state, &r->job, &r->rec.sink);
    r->sink = (dbr_sink){r->ops->sink, r->state};
    return st == DBR_OK ? 0 : -1;
}

static void seg_close(seg_run *r)
{
    r->ops->cleanup(r->state);
    free(r->state);
    rec_sink_free(&r->rec);
    dbr_options_free(r->opts);
    dbr_registry_free(r->reg);
}

static void send_block(seg_run *r, dbr_pool *pool, dbr_block_kind kind, const char *text)
{
    dbr_block b;
    memset(&b, 0, sizeof b);
    b.kind = kind;
    assert_int_equal(dbr_rich_set_plain(pool, &b.text, text), 0);
    assert_int_equal(dbr_sink_block(&r->sink, &b), DBR_OK);
}

static void begin_doc(seg_run *r)
{
    dbr_doc d;
    dbr_doc_init(&d);
    assert_int_equal(dbr_sink_begin_document(&r->sink, &d), DBR_OK);
}

/* The recorded blocks from index `from`, texts joined with "|". */
static char *joined(seg_run *r, size_t from)
{
    dbr_buf b = DBR_BUF_INIT;
    for (size_t i = from; i < r->rec.nblocks; i++) {
        if (i > from)
            dbr_buf_puts(&b, "|");
        dbr_rich_plain(&r->rec.blocks[i]->text, &b);
    }
    char *s = strdup(dbr_buf_cstr(&b));
    dbr_buf_free(&b);
    return s;
}

static int run_table(const seg_case *cases, const char *lang, const char *name)
{
    seg_run r;
    assert_int_equal(seg_open(&r, lang, NULL), 0);
    dbr_pool *pool = dbr_pool_new();
    begin_doc(&r);
    int failures = 0, n = 0;
    for (const seg_case *c = cases; c->text; c++, n++) {
        size_t from = r.rec.nblocks;
        send_block(&r, pool, DBR_BLOCK_PARAGRAPH, c->text);
        char *got = joined(&r, from);
        if (strcmp(got, c->expect) != 0) {
            fprintf(stderr, "%s case %d: %s\n  expected: %s\n  got:      %s\n", name, n,
                    c->text, c->expect, got);
            failures++;
        }
        free(got);
    }
    dbr_pool_free(pool);
    seg_close(&r);
    assert_true(n >= 60);
    return failures;
}

static void test_english_table(void **st)
{
    (void)st;
    assert_int_equal(run_table(EN_CASES, "en", "en"), 0);
}

/* No language given: the Chinese and Japanese cases are recognised by their script. */
static void test_chinese_table(void **st)
{
    (void)st;
    assert_int_equal(run_table(ZH_CASES, NULL, "zh"), 0);
}

static const char CUSTOM_SRX[] =
    "<?xml version='1.0'?>\n"
    "<srx xmlns='http://www.lisa.org/srx20' version='2.0'>\n"
    " <header cascade='yes'/>\n"
    " <body><languagerules>\n"
    "  <languagerule languagerulename='Commas'>\n"
    "   <rule break='yes'><beforebreak>,</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
    "   <rule break='yes'><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n"
    "  </languagerule>\n"
    " </languagerules><maprules>\n"
    "  <languagemap languagepattern='.*' languagerulename='Commas'/>\n"
    " </maprules></body></srx>\n";

static void test_custom_srx_changes_outcome(void **st)
{
    (void)st;
    const char *text = "Hello, world. Dr. Who came.";
    char *path = test_write_temp(CUSTOM_SRX, strlen(CUSTOM_SRX), ".srx");
    dbr_pool *pool = dbr_pool_new();
    seg_run r;
    assert_int_equal(seg_open(&r, "en", NULL), 0);
    begin_doc(&r);
    send_block(&r, pool, DBR_BLOCK_PARAGRAPH, text);
    char *dflt = joined(&r, 0);
    assert_string_equal(dflt, "Hello, world.|Dr. Who came.");
    seg_close(&r);
    assert_int_equal(seg_open(&r, "en", path), 0);
    begin_doc(&r);
    send_block(&r, pool, DBR_BLOCK_PARAGRAPH, text);
    char *custom = joined(&r, 0);
    assert_string_equal(custom, "Hello,|world.|Dr.|Who came.");
    seg_close(&r);
    free(dflt);
    free(custom);
    dbr_pool_free(pool);
    remove(path);
    free(path);
}

static void expect_srx_error(const char *srx, const char *needle, long line)
{
    char *path = test_write_temp(srx, strlen(srx), ".srx");
    seg_run r;
    if (seg_open(&r, "en", path) == 0) {
        /* patterns are compiled when a language first needs them */
        dbr_pool *pool = dbr_pool_new();
        dbr_block b;
        memset(&b, 0, sizeof b);
        dbr_rich_set_plain(pool, &b.text, "Some text. More.");
        begin_doc(&r);
        assert_int_not_equal(dbr_sink_block(&r.sink, &b), DBR_OK);
        dbr_pool_free(pool);
    }
    char msg[1024];
    dbr_error_format(&r.err, msg, sizeof msg);
    if (!strstr(msg, needle))
        fail_msg("error '%s' lacks '%s'", msg, needle);
    assert_non_null(strstr(msg, path));
    if (line)
        assert_int_equal(r.err.line, line);
    seg_close(&r);
    remove(path);
    free(path);
}

static void test_bad_srx_refused(void **st)
{
    (void)st;
    expect_srx_error("<srx version='2.0'>\n<body>\n<languagerules>\n</body></srx>", "bad SRX",
                     4);
    expect_srx_error("<notsrx/>", "expected the root element", 0);
    expect_srx_error("<?xml version='1.0'?>\n<!DOCTYPE srx [<!ENTITY a 'aaaa'>]>\n<srx/>",
                     "entities", 2);
    expect_srx_error("<srx version='2.0'><body><languagerules><languagerule "
                     "languagerulename='X'>\n<rule><beforebreak>([a-</beforebreak></rule>"
                     "</languagerule></languagerules><maprules><languagemap "
                     "languagepattern='.*' languagerulename='X'/></maprules></body></srx>",
                     "bad rule pattern", 2);
}

static void test_headings_and_lists_stay_apart(void **st)
{
    (void)st;
    seg_run r;
    dbr_pool *pool = dbr_pool_new();
    assert_int_equal(seg_open(&r, "en", NULL), 0);
    begin_doc(&r);
    send_block(&r, pool, DBR_BLOCK_HEADING, "2. Methods. And more");
    send_block(&r, pool, DBR_BLOCK_LIST_ITEM, "First item. It has two sentences.");
    send_block(&r, pool, DBR_BLOCK_LIST_ITEM, "second item");
    send_block(&r, pool, DBR_BLOCK_PARAGRAPH, "Body text. More text.");
    char *all = joined(&r, 0);
    assert_string_equal(all, "2. Methods. And more|First item.|It has two sentences.|"
                             "second item|Body text.|More text.");
    assert_int_equal(r.rec.blocks[0]->kind, DBR_BLOCK_HEADING);
    assert_int_equal(r.rec.blocks[1]->kind, DBR_BLOCK_LIST_ITEM);
    assert_int_equal(r.rec.blocks[2]->kind, DBR_BLOCK_LIST_ITEM);
    assert_int_equal(r.rec.blocks[4]->kind, DBR_BLOCK_PARAGRAPH);
    assert_string_equal(dbr_props_get(&r.rec.blocks[1]->props, "segment:para"), "1");
    assert_string_equal(dbr_props_get(&r.rec.blocks[2]->props, "segment:para"), "1");
    assert_string_equal(dbr_props_get(&r.rec.blocks[2]->props, "segment:sentence"), "1");
    assert_string_equal(dbr_props_get(&r.rec.blocks[3]->props, "segment:para"), "2");
    free(all);
    seg_close(&r);
    dbr_pool_free(pool);
}

static void test_inline_codes_follow_their_sentence(void **st)
{
    (void)st;
    seg_run r;
    dbr_pool *pool = dbr_pool_new();
    assert_int_equal(seg_open(&r, "en", NULL), 0);
    begin_doc(&r);
    dbr_block b;
    memset(&b, 0, sizeof b);
    dbr_rich_add_text(pool, &b.text, "Hello ", 6);
    dbr_rich_add_code(pool, &b.text, DBR_SPAN_OPEN, "1", "<b>");
    dbr_rich_add_text(pool, &b.text, "world.", 6);
    dbr_rich_add_code(pool, &b.text, DBR_SPAN_CLOSE, "1", "</b>");
    dbr_rich_add_text(pool, &b.text, " ", 1);
    dbr_rich_add_code(pool, &b.text, DBR_SPAN_PLACEHOLDER, "2", "<br/>");
    dbr_rich_add_text(pool, &b.text, "Next one.", 9);
    assert_int_equal(dbr_sink_block(&r.sink, &b), DBR_OK);
    assert_int_equal(r.rec.nblocks, 2);
    const dbr_rich *a = &r.rec.blocks[0]->text, *c = &r.rec.blocks[1]->text;
    assert_int_equal(a->count, 4); /* Hello, <b>, world., </b> */
    assert_int_equal(a->spans[3].kind, DBR_SPAN_CLOSE);
    assert_int_equal(c->spans[0].kind, DBR_SPAN_PLACEHOLDER);
    assert_string_equal(c->spans[1].text, "Next one.");
    seg_close(&r);
    dbr_pool_free(pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_table),
        cmocka_unit_test(test_chinese_table),
        cmocka_unit_test(test_custom_srx_changes_outcome),
        cmocka_unit_test(test_bad_srx_refused),
        cmocka_unit_test(test_headings_and_lists_stay_apart),
        cmocka_unit_test(test_inline_codes_follow_their_sentence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
