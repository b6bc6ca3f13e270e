/* test_pdf.c - the pdf reader on PDFs the test makes itself (tests/tools/pdfgen.c, cairo):
 * exact block sequences for a two-page report (headings by size, numbered levels, nested
 * bullets, hyphenation, a paragraph over a page break, running header, page numbers), a
 * two-column page and Chinese text; no word lost against pdftotext; and bad inputs (not a PDF,
 * truncated, encrypted) failing with clear messages. */
#include "blockdump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PDFGEN TEST_BUILD_DIR "/test-tools/pdfgen"

typedef struct pdf_run {
    rec_sink rec;
    dbr_registry *reg;
    int warnings;
    char last_warning[DBR_ERR_MSG_MAX];
    dbr_error err;
    dbr_status st;
} pdf_run;

static void pdf_on_warning(void *ud, const dbr_error *w)
{
    pdf_run *p = ud;
    p->warnings++;
    snprintf(p->last_warning, sizeof p->last_warning, "%s", w->message);
}

static int pdf_unavailable(void)
{
    dbr_registry *reg = test_registry(NULL);
    int missing = dbr_registry_find(reg, "pdf") == NULL;
    dbr_registry_free(reg);
    return missing || access(PDFGEN, X_OK) != 0;
}

#define SKIP_WITHOUT_PDF()                                                           \
    do {                                                                             \
        if (pdf_unavailable()) {                                                     \
            print_message("skipped: pdf plugin or pdfgen (cairo) not built\n");     \
            skip();                                                                  \
        }                                                                            \
    } while (0)

/* Runs pdfgen KIND into a fresh temporary directory; returns the malloc'd PDF path. */
static char *pdf_generate(const char *kind)
{
    char dir[] = "/tmp/dbrpdfXXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t cap = strlen(dir) + strlen(kind) + 8;
    char *path = malloc(cap);
    snprintf(path, cap, "%s/%s.pdf", dir, kind);
    char cmd[1024];
    /* fontconfig keeps its caches to exit: not this test's leak to report */
    snprintf(cmd, sizeof cmd, "ASAN_OPTIONS=detect_leaks=0 '%s' %s '%s' '%s.txt'", PDFGEN, kind,
             path, path);
    int rc = system(cmd);
    assert_int_equal(rc, 0);
    return path;
}

static void pdf_remove(char *path)
{
    unlink(path);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    rmdir(path);
    free(path);
}

static void pdf_read(pdf_run *p, const char *path, const char *format)
{
    memset(p, 0, sizeof *p);
    rec_sink_init(&p->rec);
    p->reg = test_registry(NULL);
    p->st = dbr_read_into(p->reg, path, format, NULL, pdf_on_warning, p, &p->rec.sink, &p->err);
}

static void pdf_done(pdf_run *p)
{
    rec_sink_free(&p->rec);
    dbr_registry_free(p->reg);
}

static const char *const REPORT_BLOCKS[] = {
    "boilerplate/0 bp=running-header: River Survey 2025 \xE2\x80\x94 Northern Waters Trust",
    "title/0: River Survey Annual Report",
    "paragraph/0: This report describes the river survey carried out in the spring.",
    "heading/1: 1. Introduction",
    ("paragraph/0: The survey was a collaboration between UK-China research teams and "
     "volunteers from twelve villages."),
    "list_item/1 marker=\xE2\x80\xA2: Water temperature",
    "list_item/1 marker=\xE2\x80\xA2: Dissolved oxygen",
    "list_item/2 marker=\xE2\x80\x93: Surface readings",
    "list_item/2 marker=\xE2\x80\x93: Bottom readings",
    "list_item/1 marker=\xE2\x80\xA2: Flow rate",
    "heading/1: 2. Methods",
    "paragraph/0: Samples were taken at dawn at every site and again at dusk on the same day.",
    "boilerplate/0 bp=page-number: 1",
    "page_break/0: ",
    "boilerplate/0 bp=running-header: River Survey 2025 \xE2\x80\x94 Northern Waters Trust",
    "heading/2: 2.1 Sampling",
    "paragraph/0: Each bottle was sealed and labelled on site.",
    "heading/4: Key findings",
    "list_item/1 marker=(a): Oxygen was low below the weirs.",
    "list_item/1 marker=(b): Temperatures rose in June.",
    "boilerplate/0 bp=page-number: 2",
};

static void test_report_blocks(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("report");
    pdf_run p;
    pdf_read(&p, path, NULL);
    assert_int_equal(p.st, DBR_OK);
    blockdump_expect(&p.rec, REPORT_BLOCKS, sizeof REPORT_BLOCKS / sizeof REPORT_BLOCKS[0]);
    /* pages: the joined paragraph starts on page 1; the break opens page 2 */
    assert_int_equal(p.rec.blocks[11]->page, 1);
    assert_int_equal(p.rec.blocks[13]->page, 2);
    assert_int_equal(p.rec.blocks[15]->page, 2);
    const dbr_doc *d = p.rec.docs[0];
    assert_string_equal(d->title, "River Survey Annual Report");
    assert_int_equal(d->nauthors, 1);
    assert_string_equal(d->authors[0], "Mara Lindqvist");
    assert_string_equal(dbr_props_get(&d->props, "pdf:pages"), "2");
    assert_string_equal(d->prov.format, "pdf");
    assert_non_null(d->prov.sha256);
    assert_int_equal(strlen(d->prov.sha256), 64);
    assert_int_equal(p.warnings, 0);
    pdf_done(&p);
    pdf_remove(path);
}

static void test_two_columns_read_in_order(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("twocol");
    pdf_run p;
    pdf_read(&p, path, NULL);
    assert_int_equal(p.st, DBR_OK);
    static const char *const expected[] = {
        "title/0: Two Column Page",
        "paragraph/0: Left column opens here and wraps onto a second line of text.",
        ("paragraph/0: A second paragraph runs to the bottom of the left column and ends at the "
         "top of the right one."),
        "paragraph/0: The right column ends.",
        "boilerplate/0 bp=page-number: 1",
    };
    blockdump_expect(&p.rec, expected, sizeof expected / sizeof expected[0]);
    /* the Info title is a word processor's file name: the title block names the document */
    assert_string_equal(p.rec.docs[0]->title, "Two Column Page");
    pdf_done(&p);
    pdf_remove(path);
}

static void test_chinese_text(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("cjk");
    pdf_run p;
    pdf_read(&p, path, NULL);
    assert_int_equal(p.st, DBR_OK);
    static const char *const expected[] = {
        /* 河流调查报告 */
        "title/0 lang=zh: \xE6\xB2\xB3\xE6\xB5\x81\xE8\xB0\x83\xE6\x9F\xA5\xE6\x8A\xA5\xE5\x91"
        "\x8A",
        /* 本次调查覆盖了三个地区的十二条河流。 joined without a space */
        "paragraph/0 lang=zh: \xE6\x9C\xAC\xE6\xAC\xA1\xE8\xB0\x83\xE6\x9F\xA5\xE8\xA6\x86\xE7"
        "\x9B\x96\xE4\xBA\x86\xE4\xB8\x89\xE4\xB8\xAA\xE5\x9C\xB0\xE5\x8C\xBA\xE7\x9A\x84\xE5"
        "\x8D\x81\xE4\xBA\x8C\xE6\x9D\xA1\xE6\xB2\xB3\xE6\xB5\x81\xE3\x80\x82",
        "paragraph/0: The survey covered twelve rivers.",
        "boilerplate/0 bp=page-number: 1",
    };
    blockdump_expect(&p.rec, expected, sizeof expected / sizeof expected[0]);
    /* a real Info title wins over the title block */
    assert_string_equal(p.rec.docs[0]->title, "\xE6\xB2\xB3\xE6\xB5\x81\xE8\xB0\x83\xE6\x9F\xA5 2025");
    /* the page is mostly Latin letters: an English document with Chinese blocks */
    assert_string_equal(p.rec.docs[0]->lang, "en");
    assert_int_equal(p.rec.docs[0]->nlangs, 2);
    assert_string_equal(p.rec.docs[0]->langs[1], "zh");
    pdf_done(&p);
    pdf_remove(path);
}

/* Every word pdftotext finds is in some block (boilerplate included). */
static void test_no_word_lost_against_pdftotext(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    if (system("command -v pdftotext >/dev/null 2>&1") != 0) {
        print_message("skipped: pdftotext not installed\n");
        skip();
    }
    static const char *const kinds[] = {"report", "twocol", "cjk"};
    for (size_t k = 0; k < 3; k++) {
        char *path = pdf_generate(kinds[k]);
        char cmd[1400], txt[600];
        snprintf(txt, sizeof txt, "%s.txt", path);
        snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' '%s'", path, txt);
        assert_int_equal(system(cmd), 0);
        char *words = test_slurp(txt, NULL);
        assert_non_null(words);
        for (char *c = words; *c; c++)
            if (*c == '\f')
                *c = ' ';
        pdf_run p;
        pdf_read(&p, path, NULL);
        assert_int_equal(p.st, DBR_OK);
        blockdump_no_word_lost(&p.rec, words);
        free(words);
        unlink(txt);
        pdf_done(&p);
        pdf_remove(path);
    }
}

static char *pdf_write_temp_named(const void *data, size_t len)
{
    return test_write_temp(data, len, ".pdf");
}

static void test_not_a_pdf(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    const char text[] = "Quarterly figures\nThis is plain text saved with a .pdf name.\n";
    char *path = pdf_write_temp_named(text, sizeof text - 1);
    pdf_run p;
    pdf_read(&p, path, "pdf");
    assert_int_equal(p.st, DBR_FAILED);
    assert_non_null(strstr(p.err.message, "not a PDF file"));
    assert_non_null(strstr(p.err.file, path));
    assert_int_equal(p.rec.nblocks, 0);
    pdf_done(&p);
    unlink(path);
    free(path);
}

static void test_truncated_pdf(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("report");
    size_t len;
    char *data = test_slurp(path, &len);
    assert_non_null(data);
    /* Cut in the middle of the first page's content: Poppler may recover some of it or none;
     * either way the reader must say "truncated", never crash or pass silently. */
    size_t cuts[] = {len / 2, len - 200, 600};
    for (size_t i = 0; i < 3; i++) {
        char *cut = pdf_write_temp_named(data, cuts[i]);
        pdf_run p;
        pdf_read(&p, cut, NULL);
        if (p.st == DBR_OK) {
            assert_true(p.warnings > 0);
            assert_non_null(strstr(p.last_warning, "truncated"));
        } else {
            assert_int_equal(p.st, DBR_FAILED);
            assert_non_null(strstr(p.err.message, "truncated PDF"));
        }
        pdf_done(&p);
        unlink(cut);
        free(cut);
    }
    /* Cut just before the final %%EOF: Poppler reads it all, the reader warns. */
    assert_memory_equal(data + len - 6, "%%EOF\n", 6);
    char *cut = pdf_write_temp_named(data, len - 6);
    pdf_run p;
    pdf_read(&p, cut, NULL);
    assert_int_equal(p.st, DBR_OK);
    assert_int_equal(p.warnings, 1);
    assert_non_null(strstr(p.last_warning, "the file looks truncated"));
    blockdump_expect(&p.rec, REPORT_BLOCKS, sizeof REPORT_BLOCKS / sizeof REPORT_BLOCKS[0]);
    pdf_done(&p);
    unlink(cut);
    free(cut);
    free(data);
    pdf_remove(path);
}

/* A one-page PDF whose Standard security handler has a user password: /O and /U are not what
 * an empty password gives, so it cannot be opened without one. */
static char *pdf_encrypted_file(void)
{
    dbr_buf b = DBR_BUF_INIT;
    long off[6];
    dbr_buf_puts(&b, "%PDF-1.4\n");
    static const char *const objs[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 5 0 R >>",
        "<< /Filter /Standard /V 1 /R 2 /P -44 "
        "/O <6a8b2f11c0d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3> "
        "/U <0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0> >>",
        "<< /Length 10 >>\nstream\nxxxxxxxxxx\nendstream",
    };
    for (int i = 0; i < 5; i++) {
        off[i] = (long)b.len;
        dbr_buf_printf(&b, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
    long xref = (long)b.len;
    dbr_buf_puts(&b, "xref\n0 6\n0000000000 65535 f \n");
    for (int i = 0; i < 5; i++)
        dbr_buf_printf(&b, "%010ld 00000 n \n", off[i]);
    dbr_buf_printf(&b, "trailer\n<< /Size 6 /Root 1 0 R /Encrypt 4 0 R /ID "
                       "[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] "
                       ">>\nstartxref\n%ld\n%%%%EOF\n", xref);
    char *path = pdf_write_temp_named(b.data, b.len);
    dbr_buf_free(&b);
    return path;
}

static void test_encrypted_pdf(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_encrypted_file();
    pdf_run p;
    pdf_read(&p, path, NULL);
    assert_int_equal(p.st, DBR_FAILED);
    assert_non_null(strstr(p.err.message, "encrypted PDF"));
    assert_int_equal(p.rec.nblocks, 0);
    pdf_done(&p);
    unlink(path);
    free(path);
}

static const char *const COMPARE_BLOCKS[] = {
    "title/0: Survey of the Northern Rivers",
    "paragraph/0: This report describes the river survey carried out in the spring of 2025.",
    "toc/0: Contents\\n1. Background .......... 2\\n2. Methods .......... 2\\n"
    "2.1 Sampling .......... 3\\n3. Results .......... 3",
    "boilerplate/0 bp=page-number: 1",
    "page_break/0: ",
    "boilerplate/0 bp=running-header: Northern Rivers Survey 2025",
    "heading/1: 1. Background",
    "paragraph/0: The survey was a collaboration between research teams and volunteers from "
    "twelve villages.",
    "list_item/1 marker=\xE2\x80\xA2: Water temperature",
    "list_item/1 marker=\xE2\x80\xA2: Dissolved oxygen",
    "list_item/2 marker=\xE2\x80\x93: Surface readings",
    "list_item/2 marker=\xE2\x80\x93: Bottom readings",
    "list_item/1 marker=\xE2\x80\xA2: Flow rate",
    "heading/1: 2. Methods",
    "paragraph/0: Samples were taken at dawn at every site on the river and again at dusk on "
    "the same day.",
    "boilerplate/0 bp=page-number: 2",
    "page_break/0: ",
    "boilerplate/0 bp=running-header: Northern Rivers Survey 2025",
    "heading/2: 2.1 Sampling",
    "paragraph/0: Each bottle was sealed and labelled on site.",
    "heading/1: 3. Results",
    "paragraph/0: Oxygen levels were lower than in the previous year at most sites.",
    "boilerplate/0 bp=page-number: 3",
    "page_break/0: ",
    "boilerplate/0 bp=running-header: Northern Rivers Survey 2025",
    "heading/2: 3.1 Oxygen",
    "paragraph/0: The lowest readings came from the slow reaches below the weirs.",
    "paragraph/0: Further work is planned for the autumn.",
    "boilerplate/0 bp=page-number: 4",
};

/* A block's kind, level, marker, boilerplate kind, language (its own or the document's) and
 * text, for comparing two readers. */
static char *pdf_compare_line(const dbr_block *b, const dbr_doc *d)
{
    dbr_block plain = *b;
    plain.lang = NULL; /* shown below as the effective language */
    char *l = blockdump_line(&plain);
    const char *lang = b->lang ? b->lang : d->lang;
    size_t cap = strlen(l) + 64;
    char *out = malloc(cap);
    snprintf(out, cap, "[%s] %s", b->kind == DBR_BLOCK_PAGE_BREAK ? "-" : lang ? lang : "?", l);
    free(l);
    return out;
}

/* The same document rendered as a PDF and as the text a PDF extractor writes for it: the pdf
 * reader gives the expected blocks, and, when the text reader is built, exactly what the text
 * reader gives for the text. */
static void test_pdf_matches_text_reader(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("compare"); /* also writes path.txt */
    char txt[600];
    snprintf(txt, sizeof txt, "%s.txt", path);
    pdf_run p;
    pdf_read(&p, path, NULL);
    assert_int_equal(p.st, DBR_OK);
    blockdump_expect(&p.rec, COMPARE_BLOCKS, sizeof COMPARE_BLOCKS / sizeof COMPARE_BLOCKS[0]);
    dbr_registry *reg = test_registry(NULL);
    int have_text = dbr_registry_find(reg, "text") != NULL;
    dbr_registry_free(reg);
    if (!have_text) {
        print_message("text plugin not built: compared with the expected sequence only\n");
    } else {
        pdf_run t;
        pdf_read(&t, txt, "text");
        assert_int_equal(t.st, DBR_OK);
        size_t nt = t.rec.nblocks;
        /* pdftotext ends every page, the last too, with a form feed; a page break after the
         * last page (no page starts there) is not content, so it is not compared. */
        if (nt > 0 && t.rec.blocks[nt - 1]->kind == DBR_BLOCK_PAGE_BREAK)
            nt--;
        for (size_t i = 0; i < nt && i < p.rec.nblocks; i++) {
            char *a = pdf_compare_line(p.rec.blocks[i], p.rec.docs[0]);
            char *b = pdf_compare_line(t.rec.blocks[i], t.rec.docs[0]);
            if (strcmp(a, b) != 0)
                fail_msg("block %zu differs:\n  pdf  %s\n  text %s", i, a, b);
            free(a);
            free(b);
        }
        assert_int_equal(nt, p.rec.nblocks);
        assert_string_equal(t.rec.docs[0]->title, p.rec.docs[0]->title);
        pdf_done(&t);
    }
    pdf_done(&p);
    unlink(txt);
    pdf_remove(path);
}

static void test_pages_without_text_layer(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("scan");
    pdf_run p;
    pdf_read(&p, path, NULL);
    assert_int_equal(p.st, DBR_OK);
    static const char *const expected[] = {"page_break/0: "};
    blockdump_expect(&p.rec, expected, 1);
    assert_int_equal(p.rec.blocks[0]->page, 2);
    assert_int_equal(p.warnings, 1);
    assert_non_null(strstr(p.last_warning, "2 of 2 pages have no text layer"));
    pdf_done(&p);
    pdf_remove(path);
}

/* The Nth allocation fails, for every N, while a generated report is read: each run fails
 * with a message or succeeds with every block; the sanitizer build checks for leaks (Poppler's
 * own allocations are not ours to fail). */
static void test_survives_every_allocation_failure(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    char *path = pdf_generate("report");
    dbr_registry *reg = test_registry(NULL);
    int ok = 0, failures = 0;
    for (uint64_t n = 1; n < 20000 && !ok; n++) {
        rec_sink rec;
        dbr_error err;
        dbr_alloc_fail_after(n);
        rec_sink_init(&rec);
        dbr_status st = rec.pool ? dbr_read_into(reg, path, NULL, NULL, NULL, NULL, &rec.sink,
                                                 &err)
                                 : DBR_FAILED;
        dbr_alloc_fail_after(0);
        if (st == DBR_OK) {
            ok = 1;
            blockdump_expect(&rec, REPORT_BLOCKS, sizeof REPORT_BLOCKS / sizeof REPORT_BLOCKS[0]);
        } else if (rec.pool) {
            failures++;
            assert_true(err.message[0] != '\0');
        }
        rec_sink_free(&rec);
    }
    print_message("%d failing runs before success\n", failures);
    assert_true(ok);
    assert_true(failures > 20);
    dbr_registry_free(reg);
    pdf_remove(path);
}

static int pdf_plugin_missing(void)
{
    dbr_registry *reg = test_registry(NULL);
    int missing = dbr_registry_find(reg, "pdf") == NULL;
    dbr_registry_free(reg);
    return missing;
}

/* A PDF written by hand (standard 14 fonts, Info dictionary), committed as a fixture. */
static void test_minimal_fixture(void **state)
{
    (void)state;
    if (pdf_plugin_missing()) {
        print_message("skipped: pdf plugin not built\n");
        skip();
    }
    pdf_run p;
    pdf_read(&p, TEST_SRC_DIR "/fixtures/pdf/minimal.pdf", NULL);
    assert_int_equal(p.st, DBR_OK);
    static const char *const expected[] = {
        "title/0: Minimal Report",
        ("paragraph/0: A small PDF written by hand for the docbridge tests. It has a title and "
         "one paragraph."),
        "boilerplate/0 bp=page-number: 1",
    };
    blockdump_expect(&p.rec, expected, sizeof expected / sizeof expected[0]);
    assert_string_equal(p.rec.docs[0]->title, "Minimal Report");
    assert_string_equal(p.rec.docs[0]->authors[0], "Docbridge Tests");
    pdf_done(&p);
    pdf_read(&p, TEST_SRC_DIR "/fixtures/pdf/bad/encrypted.pdf", NULL);
    assert_int_equal(p.st, DBR_FAILED);
    assert_non_null(strstr(p.err.message, "encrypted PDF"));
    pdf_done(&p);
}

static void test_probe(void **state)
{
    (void)state;
    SKIP_WITHOUT_PDF();
    dbr_registry *reg = test_registry(NULL);
    const dbr_plugin *pl = dbr_registry_find(reg, "pdf")->plugin;
    dbr_probe_input in = {0};
    in.head = (const uint8_t *)"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
    in.head_len = 15;
    assert_int_equal(pl->probe(&in), DBR_PROBE_CERTAIN);
    in.head = (const uint8_t *)"junk\n%PDF-1.4\n";
    in.head_len = 14;
    assert_int_equal(pl->probe(&in), DBR_PROBE_SIGNATURE);
    in.head = (const uint8_t *)"hello";
    in.head_len = 5;
    assert_int_equal(pl->probe(&in), DBR_PROBE_NONE);
    in.name = "x.PDF";
    assert_int_equal(pl->probe(&in), DBR_PROBE_EXTENSION);
    dbr_registry_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_blocks),
        cmocka_unit_test(test_two_columns_read_in_order),
        cmocka_unit_test(test_chinese_text),
        cmocka_unit_test(test_no_word_lost_against_pdftotext),
        cmocka_unit_test(test_not_a_pdf),
        cmocka_unit_test(test_truncated_pdf),
        cmocka_unit_test(test_encrypted_pdf),
        cmocka_unit_test(test_pdf_matches_text_reader),
        cmocka_unit_test(test_pages_without_text_layer),
        cmocka_unit_test(test_survives_every_allocation_failure),
        cmocka_unit_test(test_minimal_fixture),
        cmocka_unit_test(test_probe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
