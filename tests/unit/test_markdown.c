/* test_markdown.c - the markdown writer, driven event by event, against expected files written
 * by hand: every block kind, list nesting, escaping, boilerplate comments, late metadata, and
 * translation units as tables with inline codes in a readable form. */
#define _GNU_SOURCE
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct md_events {
    const dbr_doc *begin, *end;
    const dbr_block *blocks;
    size_t nblocks;
    const dbr_unit *units;
    size_t nunits;
} md_events;

static char *render(const md_events *ev)
{
    dbr_registry *reg = test_registry(NULL);
    const dbr_plugin_entry *e = dbr_registry_find(reg, "markdown");
    assert_non_null(e);
    const dbr_plugin *p = e->plugin;
    assert_non_null(p->writer);
    char *path = test_write_temp("", 0, ".md");
    dbr_error err;
    dbr_error_clear(&err);
    dbr_job job = {.err = &err};
    dbr_output *out = dbr_output_open(path, &err);
    assert_non_null(out);
    void *st = calloc(1, p->writer->state_size);
    assert_int_equal(p->writer->open(st, &job, out), DBR_OK);
    dbr_sink sink = {p->writer->sink, st};
    assert_int_equal(dbr_sink_begin_document(&sink, ev->begin), DBR_OK);
    for (size_t i = 0; i < ev->nblocks; i++)
        assert_int_equal(dbr_sink_block(&sink, &ev->blocks[i]), DBR_OK);
    for (size_t i = 0; i < ev->nunits; i++)
        assert_int_equal(dbr_sink_unit(&sink, &ev->units[i]), DBR_OK);
    assert_int_equal(dbr_sink_end_document(&sink, ev->end), DBR_OK);
    p->writer->cleanup(st);
    free(st);
    assert_int_equal(dbr_output_commit(out, &err), DBR_OK);
    char *text = test_slurp(path, NULL);
    unlink(path);
    free(path);
    dbr_registry_free(reg);
    return text;
}

static dbr_block blk(dbr_pool *pool, dbr_block_kind kind, int level, const char *text)
{
    dbr_block b;
    memset(&b, 0, sizeof b);
    b.kind = kind;
    b.level = level;
    if (text && *text)
        dbr_rich_add_text(pool, &b.text, text, strlen(text));
    return b;
}

static void test_blocks(void **state)
{
    (void)state;
    dbr_pool *pool = dbr_pool_new();
    dbr_doc begin, end;
    dbr_doc_init(&begin);
    begin.id = "d-1";
    begin.title = "T -- x";
    begin.lang = "en";
    begin.prov.source_path = "in.txt";
    begin.prov.format = "text";
    end = begin;
    end.date = "2022-01-01";
    dbr_block b[24];
    size_t n = 0;
    b[n++] = blk(pool, DBR_BLOCK_TITLE, 0, "Title here");
    b[n++] = blk(pool, DBR_BLOCK_HEADING, 2, "1. Intro");
    b[n++] = blk(pool, DBR_BLOCK_PARAGRAPH, 0, "*stars* and [brackets] <tag> & R&amp;");
    b[n++] = blk(pool, DBR_BLOCK_PARAGRAPH, 0, "- not a list");
    b[n++] = blk(pool, DBR_BLOCK_PARAGRAPH, 0, "1. not a list, but 2.1 stays");
    b[n++] = blk(pool, DBR_BLOCK_PARAGRAPH, 0, "# not heading, #tag stays");
    static const char *const items[][3] = {
        {"1", "•", "a"}, {"2", "–", "b"}, {"3", "1.", "c"}, {"1", "(a)", "d"}};
    for (size_t i = 0; i < 4; i++) {
        b[n] = blk(pool, DBR_BLOCK_LIST_ITEM, atoi(items[i][0]), items[i][2]);
        dbr_props_add(pool, &b[n++].props, "marker", items[i][1]);
    }
    b[n++] = blk(pool, DBR_BLOCK_PAGE_BREAK, 0, "");
    b[n] = blk(pool, DBR_BLOCK_BOILERPLATE, 0, "x -- y");
    dbr_props_add(pool, &b[n++].props, "boilerplate", "running-header");
    b[n] = blk(pool, DBR_BLOCK_FIGURE, 0, "Chart");
    dbr_props_add(pool, &b[n++].props, "src", "img/a b.png");
    b[n++] = blk(pool, DBR_BLOCK_FIGURE, 0, "Figure 2: caption");
    b[n++] = blk(pool, DBR_BLOCK_TOC, 0, "Contents\n1. A 3");
    static const char *row1[] = {"h1", "h2"}, *row2[] = {"a|b", "c"};
    b[n] = blk(pool, DBR_BLOCK_TABLE_ROW, 0, "");
    b[n].cells = row1;
    b[n++].ncells = 2;
    b[n] = blk(pool, DBR_BLOCK_TABLE_ROW, 0, "");
    b[n].cells = row2;
    b[n++].ncells = 2;
    b[n++] = blk(pool, DBR_BLOCK_QUOTE, 0, "quoted\ntwo");
    b[n++] = blk(pool, DBR_BLOCK_CODE, 0, "code ``` here");
    b[n++] = blk(pool, DBR_BLOCK_META, 0, "Published 2022");
    md_events ev = {.begin = &begin, .end = &end, .blocks = b, .nblocks = n};
    char *got = render(&ev);
    const char *expected =
        "<!-- docbridge document\n"
        "id: d-1\n"
        "title: T - - x\n"
        "lang: en\n"
        "source: in.txt\n"
        "format: text\n"
        "-->\n"
        "\n"
        "# Title here\n"
        "\n"
        "## 1. Intro\n"
        "\n"
        "\\*stars\\* and \\[brackets\\] \\<tag\\> & R\\&amp;\n"
        "\n"
        "\\- not a list\n"
        "\n"
        "1\\. not a list, but 2.1 stays\n"
        "\n"
        "\\# not heading, #tag stays\n"
        "\n"
        "- a\n"
        "  - b\n"
        "    1. c\n"
        "- (a) d\n"
        "\n"
        "---\n"
        "\n"
        "<!-- boilerplate (running-header): x - - y -->\n"
        "\n"
        "![Chart](<img/a b.png>)\n"
        "\n"
        "*Figure 2: caption*\n"
        "\n"
        "<!-- toc -->\n"
        "Contents\\\n"
        "1\\. A 3\n"
        "\n"
        "| h1 | h2 |\n"
        "| --- | --- |\n"
        "| a\\|b | c |\n"
        "\n"
        "> quoted\n"
        "> two\n"
        "\n"
        "````\n"
        "code ``` here\n"
        "````\n"
        "\n"
        "Published 2022\n"
        "\n"
        "<!-- docbridge document metadata, completed at its end\n"
        "title: T - - x\n"
        "lang: en\n"
        "date: 2022-01-01\n"
        "-->\n";
    if (strcmp(got, expected) != 0)
        fprintf(stderr, "got:\n%s\n", got);
    assert_string_equal(got, expected);
    free(got);
    dbr_pool_free(pool);
}

static void test_units_table(void **state)
{
    (void)state;
    dbr_pool *pool = dbr_pool_new();
    dbr_doc doc;
    dbr_doc_init(&doc);
    doc.id = "d-2";
    dbr_unit u[3];
    memset(u, 0, sizeof u);
    dbr_variant *en = dbr_unit_add_variant(pool, &u[0], "en");
    dbr_rich_add_text(pool, &en->text, "Press ", 6);
    dbr_rich_add_code(pool, &en->text, DBR_SPAN_OPEN, "1", "<b>");
    dbr_rich_add_text(pool, &en->text, "Enter", 5);
    dbr_rich_add_code(pool, &en->text, DBR_SPAN_CLOSE, "1", "</b>");
    dbr_rich_add_text(pool, &en->text, " now|", 5);
    dbr_variant *zh = dbr_unit_add_variant(pool, &u[0], "zh");
    dbr_rich_add_text(pool, &zh->text, "按 ", strlen("按 "));
    dbr_rich_add_code(pool, &zh->text, DBR_SPAN_PLACEHOLDER, "2", NULL);
    dbr_rich_add_text(pool, &zh->text, " 键", strlen(" 键"));
    dbr_rich_set_plain(pool, &dbr_unit_add_variant(pool, &u[1], "en")->text, "Two\nlines");
    dbr_rich_set_plain(pool, &dbr_unit_add_variant(pool, &u[1], "zh")->text, "两行");
    dbr_rich_set_plain(pool, &dbr_unit_add_variant(pool, &u[2], "en")->text, "Bye");
    dbr_rich_set_plain(pool, &dbr_unit_add_variant(pool, &u[2], "fr")->text, "Au revoir");
    md_events ev = {.begin = &doc, .end = &doc, .units = u, .nunits = 3};
    char *got = render(&ev);
    const char *expected = "<!-- docbridge document\n"
                           "id: d-2\n"
                           "-->\n"
                           "\n"
                           "| en | zh |\n"
                           "| --- | --- |\n"
                           "| Press `<b>`Enter`</b>` now\\| | 按 `{2/}` 键 |\n"
                           "| Two<br>lines | 两行 |\n"
                           "\n"
                           "| en | fr |\n"
                           "| --- | --- |\n"
                           "| Bye | Au revoir |\n";
    if (strcmp(got, expected) != 0)
        fprintf(stderr, "got:\n%s\n", got);
    assert_string_equal(got, expected);
    free(got);
    dbr_pool_free(pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_units_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
