/* test_html.c - the html reader: the fixture page block by block, metadata, charsets,
 * malformed markup, deep nesting, and that no visible word is lost. */
#include "blockdump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct html_run {
    rec_sink rec;
    dbr_registry *reg;
    int warnings;
    dbr_error err;
    dbr_status st;
} html_run;

static void html_count_warning(void *ud, const dbr_error *w)
{
    (void)w;
    ++*(int *)ud;
}

static int html_plugin_missing(void)
{
    dbr_registry *reg = test_registry(NULL);
    int missing = dbr_registry_find(reg, "html") == NULL;
    dbr_registry_free(reg);
    return missing;
}

#define SKIP_WITHOUT_HTML()                                         \
    do {                                                            \
        if (html_plugin_missing()) {                                \
            print_message("skipped: html plugin not built\n");     \
            skip();                                                 \
        }                                                           \
    } while (0)

static void html_read_path(html_run *h, const char *path, const char *format)
{
    memset(h, 0, sizeof *h);
    rec_sink_init(&h->rec);
    h->reg = test_registry(NULL);
    h->st = dbr_read_into(h->reg, path, format, NULL, html_count_warning, &h->warnings,
                          &h->rec.sink, &h->err);
}

static void html_read_string(html_run *h, const char *data, size_t len, const char *suffix)
{
    char *path = test_write_temp(data, len, suffix);
    assert_non_null(path);
    html_read_path(h, path, NULL);
    unlink(path);
    free(path);
}

static void html_done(html_run *h)
{
    rec_sink_free(&h->rec);
    dbr_registry_free(h->reg);
}

static const char *const PAGE_BLOCKS[] = {
    "boilerplate/0 bp=header: Northern Waters Trust",
    "boilerplate/0 bp=breadcrumb: Home > Reports > River Survey",
    "boilerplate/0 bp=navigation: About us",
    "boilerplate/0 bp=navigation: Contact",
    "heading/1: River Survey Annual Report",
    "paragraph/0: The survey covered twelve rivers in three regions during the spring.",
    "heading/2: Methods",
    "paragraph/0: Samples were taken at dawn.\\nEach site was visited twice.",
    "list_item/1 marker=\xE2\x80\xA2: Water temperature",
    "list_item/1 marker=\xE2\x80\xA2: Dissolved oxygen",
    "list_item/2 marker=\xE2\x80\xA2: Surface readings",
    "list_item/2 marker=\xE2\x80\xA2: Bottom readings",
    "list_item/1 marker=\xE2\x80\xA2: Flow rate",
    "heading/3: Sites and results",
    "table_row/0: River | Oxygen (mg/L)",
    "table_row/0: Alder | 9.1",
    "table_row/0: Birch | 8.4",
    "list_item/1 marker=a.: Repeat in autumn",
    "list_item/1 marker=b.: Add two sites",
    "quote/0: Clean rivers are everyone's work.",
    "figure/0: Figure 1: Survey sites",
    "paragraph/0 lang=zh: \xE6\xB2\xB3\xE6\xB5\x81\xE8\xB0\x83\xE6\x9F\xA5\xE8\xA6\x86\xE7\x9B\x96"
    "\xE4\xBA\x86\xE4\xB8\x89\xE4\xB8\xAA\xE5\x9C\xB0\xE5\x8C\xBA\xE7\x9A\x84\xE5\x8D\x81\xE4\xBA"
    "\x8C\xE6\x9D\xA1\xE6\xB2\xB3\xE6\xB5\x81\xE3\x80\x82",
    "code/0: rate = flow / area\\n  total += rate",
    "boilerplate/0 bp=aside: Related: Lake Survey 2024",
    "boilerplate/0 bp=footer: \xC2\xA9 2025 Northern Waters Trust. All rights reserved.",
};

static void test_page_blocks(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    html_run h;
    html_read_path(&h, TEST_SRC_DIR "/fixtures/html/page.html", NULL);
    assert_int_equal(h.st, DBR_OK);
    blockdump_expect(&h.rec, PAGE_BLOCKS, sizeof PAGE_BLOCKS / sizeof PAGE_BLOCKS[0]);
    /* the header row is marked, the figure keeps its image's alt text and source */
    assert_string_equal(dbr_props_get(&h.rec.blocks[14]->props, "header"), "1");
    assert_null(dbr_props_get(&h.rec.blocks[15]->props, "header"));
    assert_string_equal(dbr_props_get(&h.rec.blocks[20]->props, "html:alt"),
                        "Map of the survey sites");
    assert_string_equal(dbr_props_get(&h.rec.blocks[20]->props, "html:src"), "map.png");
    assert_int_equal(h.warnings, 0);
    html_done(&h);
}

static void test_page_metadata(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    html_run h;
    html_read_path(&h, TEST_SRC_DIR "/fixtures/html/page.html", NULL);
    assert_int_equal(h.st, DBR_OK);
    assert_int_equal(h.rec.ndocs, 1);
    const dbr_doc *d = h.rec.docs[0];
    assert_string_equal(d->title, "River Survey Annual Report 2025");
    assert_int_equal(d->nauthors, 2);
    assert_string_equal(d->authors[0], "Mara Lindqvist");
    assert_string_equal(d->authors[1], "Tomas Okafor");
    assert_string_equal(d->date, "2025-03-04");
    assert_string_equal(d->description, "Results of the annual survey of the northern rivers.");
    assert_string_equal(d->url, "https://example.org/reports/river-2025");
    assert_string_equal(d->publisher, "Northern Waters Trust");
    assert_string_equal(d->lang, "en");
    assert_int_equal(d->nlangs, 2);
    assert_string_equal(d->langs[1], "zh");
    assert_string_equal(dbr_props_get(&d->props, "html:meta:og:type"), "article");
    assert_string_equal(dbr_props_get(&d->props, "html:meta:og:title"), "River Survey 2025");
    assert_string_equal(d->prov.format, "html");
    html_done(&h);
}

/* The visible words of an HTML file: tags, comments, head, script and style removed. */
static char *html_visible_words(const char *html)
{
    size_t n = strlen(html);
    char *out = calloc(1, n + 1);
    const char *p = html;
    size_t o = 0;
    static const char *const hidden[] = {"<head", "</head>", "<script", "</script>",
                                         "<style", "</style>"};
    while (*p) {
        int skipped = 0;
        for (size_t i = 0; i < 6; i += 2)
            if (strncmp(p, hidden[i], strlen(hidden[i])) == 0) {
                const char *e = strstr(p, hidden[i + 1]);
                p = e ? e + strlen(hidden[i + 1]) : p + strlen(p);
                skipped = 1;
            }
        if (skipped)
            continue;
        if (*p == '<') {
            const char *e = strchr(p, '>');
            p = e ? e + 1 : p + strlen(p);
            out[o++] = ' ';
        } else if (*p == '&') { /* entities: checked separately */
            while (*p && *p != ';')
                p++;
            if (*p)
                p++;
        } else {
            out[o++] = *p++;
        }
    }
    return out;
}

static void test_page_no_word_lost(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    html_run h;
    html_read_path(&h, TEST_SRC_DIR "/fixtures/html/page.html", NULL);
    assert_int_equal(h.st, DBR_OK);
    char *html = test_slurp(TEST_SRC_DIR "/fixtures/html/page.html", NULL);
    assert_non_null(html);
    char *words = html_visible_words(html);
    blockdump_no_word_lost(&h.rec, words);
    /* and nothing from scripts or styles came in */
    for (size_t i = 0; i < h.rec.nblocks; i++) {
        const char *t = dbr_rich_plain_dup(h.rec.pool, &h.rec.blocks[i]->text);
        assert_null(strstr(t, "tracker"));
        assert_null(strstr(t, "nor this"));
        assert_null(strstr(t, "font-family"));
    }
    free(words);
    free(html);
    html_done(&h);
}

static void test_windows_1252_meta_charset(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    /* "Café" with é = 0xE9, typographic quotes 0x93/0x94: windows-1252, declared as latin1,
     * which browsers (and we) read as windows-1252. */
    const char page[] = "<!DOCTYPE html><html><head><meta charset=\"iso-8859-1\"><title>Caf\xE9"
                        "</title></head><body><p>\x93" "Caf\xE9 cr\xE8me\x94</p></body></html>";
    html_run h;
    html_read_string(&h, page, sizeof page - 1, ".html");
    assert_int_equal(h.st, DBR_OK);
    assert_int_equal(h.rec.nblocks, 1);
    const char *t = dbr_rich_plain_dup(h.rec.pool, &h.rec.blocks[0]->text);
    assert_string_equal(t, "\xE2\x80\x9C" "Caf\xC3\xA9 cr\xC3\xA8me\xE2\x80\x9D");
    assert_string_equal(h.rec.docs[0]->title, "Caf\xC3\xA9");
    assert_string_equal(h.rec.docs[0]->prov.encoding, "WINDOWS-1252");
    html_done(&h);
}

static void test_gbk_http_equiv(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    /* 中文网页 in GBK, declared the old way through http-equiv. */
    const char page[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                        "charset=gb2312\"></head><body><h1>\xD6\xD0\xCE\xC4\xCD\xF8\xD2\xB3"
                        "</h1></body></html>";
    html_run h;
    html_read_string(&h, page, sizeof page - 1, ".htm");
    assert_int_equal(h.st, DBR_OK);
    assert_int_equal(h.rec.nblocks, 1);
    char *l = blockdump_line(h.rec.blocks[0]);
    assert_string_equal(l, "heading/1: \xE4\xB8\xAD\xE6\x96\x87\xE7\xBD\x91\xE9\xA1\xB5");
    free(l);
    assert_string_equal(h.rec.docs[0]->prov.encoding, "GBK");
    /* no <title>: the first heading names the document */
    assert_string_equal(h.rec.docs[0]->title, "\xE4\xB8\xAD\xE6\x96\x87\xE7\xBD\x91\xE9\xA1\xB5");
    html_done(&h);
}

static void test_malformed_is_recovered_with_warnings(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    const char page[] = "<html><body>\n<p>one<p>two\n<div><b><i>bold</b> italic</i></div>\n"
                        "</span><h2>Head</h3><ul><li>a<li>b</ul>\n<table><td>lone cell"
                        "<p>tail &bogus; &amp; end";
    html_run h;
    html_read_string(&h, page, sizeof page - 1, ".html");
    assert_int_equal(h.st, DBR_OK);
    static const char *const expected[] = {
        "paragraph/0: one",
        "paragraph/0: two",
        "paragraph/0: bold italic",
        "heading/2: Head",
        "list_item/1 marker=\xE2\x80\xA2: a",
        "list_item/1 marker=\xE2\x80\xA2: b",
        "table_row/0: lone cell tail &bogus; & end",
    };
    blockdump_expect(&h.rec, expected, sizeof expected / sizeof expected[0]);
    assert_true(h.warnings > 0);
    html_done(&h);
}

static void test_boilerplate_variants(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    const char page[] =
        "<!DOCTYPE html><html><body>"
        "<ol class=\"breadcrumb\"><li class=\"breadcrumb-item\"><a href=\"/\">Home</a></li>"
        "<li class=\"breadcrumb-item active\">Data</li></ol>"
        "<div class=\"crumbs\"><a>Home</a> &rsaquo; <a>News</a></div>"
        "<div role=\"navigation\"><a>Skip to content</a></div>"
        "<article><header><h1>Story</h1></header><p>Body text.</p>"
        "<footer>Filed under rivers</footer></article>"
        "<footer><p>Site footer</p></footer><noscript>Enable JavaScript</noscript>"
        "</body></html>";
    html_run h;
    html_read_string(&h, page, sizeof page - 1, ".html");
    assert_int_equal(h.st, DBR_OK);
    static const char *const expected[] = {
        "boilerplate/0 bp=breadcrumb: Home > Data",
        "boilerplate/0 bp=breadcrumb: Home \xE2\x80\xBA News",
        "boilerplate/0 bp=navigation: Skip to content",
        /* header and footer of an article are part of it, not page furniture */
        "heading/1: Story",
        "paragraph/0: Body text.",
        "paragraph/0: Filed under rivers",
        "boilerplate/0 bp=footer: Site footer",
        "boilerplate/0 bp=noscript: Enable JavaScript",
    };
    blockdump_expect(&h.rec, expected, sizeof expected / sizeof expected[0]);
    html_done(&h);
}

/* One paragraph of 3 MB: out in parts of at most 1 MiB, nothing lost, one warning. */
static void test_endless_paragraph_is_split(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    dbr_buf b = DBR_BUF_INIT;
    dbr_buf_puts(&b, "<!DOCTYPE html><html><body><p>");
    for (int i = 0; i < 300000; i++)
        dbr_buf_printf(&b, "w%05d ", i % 100000);
    dbr_buf_puts(&b, "</p></body></html>");
    html_run h;
    html_read_string(&h, b.data, b.len, ".html");
    dbr_buf_free(&b);
    assert_int_equal(h.st, DBR_OK);
    assert_true(h.rec.nblocks >= 2 && h.rec.nblocks <= 3);
    size_t total = 0;
    for (size_t i = 0; i < h.rec.nblocks; i++) {
        const dbr_block *blk = h.rec.blocks[i];
        assert_int_equal(blk->kind, DBR_BLOCK_PARAGRAPH);
        const char *t = dbr_rich_plain_dup(h.rec.pool, &blk->text);
        assert_true(strlen(t) <= (1u << 20) + 8);
        total += strlen(t);
        if (i > 0)
            assert_string_equal(dbr_props_get(&blk->props, "continued"), "1");
    }
    /* 300000 words of 6 bytes with single spaces between them: the parts join back exactly */
    assert_int_equal(total, 300000 * 7 - 1);
    assert_int_equal(h.warnings, 1);
    html_done(&h);
}

static void test_deep_nesting_keeps_text(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    dbr_buf b = DBR_BUF_INIT;
    dbr_buf_puts(&b, "<!DOCTYPE html><html><body>");
    for (int i = 0; i < 2000; i++)
        dbr_buf_puts(&b, "<div><span>");
    dbr_buf_puts(&b, "deep words here");
    for (int i = 0; i < 2000; i++)
        dbr_buf_puts(&b, "</span></div>");
    dbr_buf_puts(&b, "<p>after</p></body></html>");
    html_run h;
    html_read_string(&h, b.data, b.len, ".html");
    dbr_buf_free(&b);
    assert_int_equal(h.st, DBR_OK);
    blockdump_no_word_lost(&h.rec, "deep words here after");
    html_done(&h);
}

/* A page far larger than one read chunk, with comments, scripts and attributes that hold
 * markup characters, so constructs straddle chunk boundaries where the reader cuts the parsed
 * input off libxml2's buffer: every block must still come out exactly. */
static void test_large_page_across_chunks(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    enum { SECTIONS = 4000 };
    dbr_buf b = DBR_BUF_INIT;
    dbr_buf_puts(&b, "<!DOCTYPE html><html><body>");
    for (int i = 0; i < SECTIONS; i++)
        dbr_buf_printf(&b, "<!-- comment %d with <p>markup</p> inside -->\n<h2>Head %d</h2>"
                           "<script>if (a < b) { x = \"<b>\"; }</script>\n"
                           "<p title=\"a > b %d\">Paragraph %d &amp; more\n text</p>\n",
                       i, i, i, i);
    dbr_buf_puts(&b, "</body></html>");
    assert_true(b.len > 4 * 65536);
    html_run h;
    html_read_string(&h, b.data, b.len, ".html");
    dbr_buf_free(&b);
    assert_int_equal(h.st, DBR_OK);
    assert_int_equal(h.rec.nblocks, 2 * SECTIONS);
    for (int i = 0; i < SECTIONS; i++) {
        char want[64];
        char *l = blockdump_line(h.rec.blocks[2 * i]);
        snprintf(want, sizeof want, "heading/2: Head %d", i);
        assert_string_equal(l, want);
        free(l);
        l = blockdump_line(h.rec.blocks[2 * i + 1]);
        snprintf(want, sizeof want, "paragraph/0: Paragraph %d & more text", i);
        assert_string_equal(l, want);
        free(l);
    }
    assert_int_equal(h.warnings, 0);
    html_done(&h);
}

/* SQLite's discipline: the Nth allocation fails, for every N, while the fixture is read. Each
 * run fails with a message or succeeds with every block (a swallowed failure would lose text),
 * and the sanitizer build checks nothing leaks. */
static void test_survives_every_allocation_failure(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    dbr_registry *reg = test_registry(NULL);
    int ok = 0, failures = 0;
    for (uint64_t n = 1; n < 20000 && !ok; n++) {
        rec_sink rec;
        dbr_error err;
        dbr_alloc_fail_after(n);
        rec_sink_init(&rec);
        dbr_status st = rec.pool ? dbr_read_into(reg, TEST_SRC_DIR "/fixtures/html/page.html",
                                                 NULL, NULL, NULL, NULL, &rec.sink, &err)
                                 : DBR_FAILED;
        dbr_alloc_fail_after(0);
        if (st == DBR_OK) {
            ok = 1;
            blockdump_expect(&rec, PAGE_BLOCKS, sizeof PAGE_BLOCKS / sizeof PAGE_BLOCKS[0]);
        } else if (rec.pool) {
            failures++;
            assert_true(err.message[0] != '\0');
        }
        rec_sink_free(&rec);
    }
    assert_true(ok);
    assert_true(failures > 20);
    dbr_registry_free(reg);
}

static void test_probe_and_sniff(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    dbr_registry *reg = test_registry(NULL);
    const dbr_plugin *p = dbr_registry_find(reg, "html")->plugin;
    dbr_probe_input in = {0};
    in.text = "  <!-- c -->\n<!doctype HTML><p>x";
    in.text_len = strlen(in.text);
    assert_int_equal(p->probe(&in), DBR_PROBE_CERTAIN);
    in.text = "<html lang=en><body>";
    in.text_len = strlen(in.text);
    assert_int_equal(p->probe(&in), DBR_PROBE_SIGNATURE);
    in.text = "hello <html> world";
    in.text_len = strlen(in.text);
    assert_int_equal(p->probe(&in), DBR_PROBE_NONE);
    in.text = "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header/><body></body></tmx>";
    in.text_len = strlen(in.text);
    assert_int_equal(p->probe(&in), DBR_PROBE_NONE);
    in.text = "<head><meta charset=utf-8><title>x</title></head>";
    in.text_len = strlen(in.text);
    assert_int_equal(p->probe(&in), DBR_PROBE_LIKELY);
    in.text = "hello <html> world";
    in.text_len = strlen(in.text);
    in.name = "page.HTM";
    assert_int_equal(p->probe(&in), DBR_PROBE_EXTENSION);
    char enc[64];
    const char *head = "<meta name=x content=y><META CHARSET='Shift_JIS'>";
    assert_int_equal(p->reader->sniff_encoding((const uint8_t *)head, strlen(head), enc,
                                               sizeof enc), 1);
    assert_string_equal(enc, "SHIFT_JIS");
    head = "<!-- <meta charset=gbk> --><body><p>no declaration</p>";
    assert_int_equal(p->reader->sniff_encoding((const uint8_t *)head, strlen(head), enc,
                                               sizeof enc), 0);
    dbr_registry_free(reg);
}

static void test_dates(void **state)
{
    (void)state;
    SKIP_WITHOUT_HTML();
    static const char *const cases[][2] = {
        {"2026-11-22", "2026-11-22"},
        {"2022-06-21T10:30:00Z", "2022-06-21T10:30:00Z"},
        {"Published Jun 21, 2022", "2022-06-21"},
        {"December 6, 2017", "2017-12-06"},
        {"Tue, 21 Jun 2022 10:00:00 GMT", "2022-06-21"},
        {"2022/6/1", "2022-06-01"},
        {"2024\xE5\xB9\xB4" "3\xE6\x9C\x88" "9\xE6\x97\xA5", "2024-03-09"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char page[512];
        snprintf(page, sizeof page,
                 "<html><head><meta name=\"date\" content=\"%s\"></head><body><p>x</p></body>"
                 "</html>", cases[i][0]);
        html_run h;
        html_read_string(&h, page, strlen(page), ".html");
        assert_int_equal(h.st, DBR_OK);
        assert_non_null(h.rec.docs[0]->date);
        assert_string_equal(h.rec.docs[0]->date, cases[i][1]);
        html_done(&h);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_blocks),
        cmocka_unit_test(test_page_metadata),
        cmocka_unit_test(test_page_no_word_lost),
        cmocka_unit_test(test_windows_1252_meta_charset),
        cmocka_unit_test(test_gbk_http_equiv),
        cmocka_unit_test(test_malformed_is_recovered_with_warnings),
        cmocka_unit_test(test_boilerplate_variants),
        cmocka_unit_test(test_endless_paragraph_is_split),
        cmocka_unit_test(test_deep_nesting_keeps_text),
        cmocka_unit_test(test_large_page_across_chunks),
        cmocka_unit_test(test_survives_every_allocation_failure),
        cmocka_unit_test(test_probe_and_sniff),
        cmocka_unit_test(test_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
