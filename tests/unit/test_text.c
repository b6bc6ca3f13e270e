/* test_text.c - the text reader: the exact block sequence of each fixture (written by hand
 * from the fixture, not copied from output), one test per recovery rule, no word lost, probing
 * of bad input, and bounded blocks on input without any structure. */
#define _GNU_SOURCE
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct exp_block {
    const char *kind;
    int level;
    const char *text;
    const char *lang; /* NULL = none */
} exp_block;

typedef struct read_result {
    rec_sink rec;
    dbr_status status;
    dbr_error err;
    int warnings;
} read_result;

static void count_warn(void *ud, const dbr_error *w)
{
    (void)w;
    ++*(int *)ud;
}

static void read_path(read_result *res, const char *path, const char *from)
{
    dbr_registry *reg = test_registry(NULL);
    rec_sink_init(&res->rec);
    dbr_error_clear(&res->err);
    res->warnings = 0;
    res->status = dbr_read_into(reg, path, from, NULL, count_warn, &res->warnings, &res->rec.sink,
                                &res->err);
    dbr_registry_free(reg);
}

static void read_string(read_result *res, const char *text)
{
    char *path = test_write_temp(text, strlen(text), ".txt");
    assert_non_null(path);
    read_path(res, path, "text");
    unlink(path);
    free(path);
    assert_int_equal(res->status, DBR_OK);
}

static const char *block_text(rec_sink *r, size_t i)
{
    return dbr_rich_plain_dup(r->pool, &r->blocks[i]->text);
}

static void print_blocks(rec_sink *r)
{
    for (size_t i = 0; i < r->nblocks; i++)
        fprintf(stderr, "  [%zu] %s %d \"%s\" %s\n", i, dbr_block_kind_name(r->blocks[i]->kind),
                r->blocks[i]->level, block_text(r, i),
                r->blocks[i]->lang ? r->blocks[i]->lang : "-");
}

static void expect_blocks(rec_sink *r, const exp_block *exp, size_t n)
{
    if (r->nblocks != n)
        print_blocks(r);
    assert_int_equal(r->nblocks, n);
    for (size_t i = 0; i < n; i++) {
        const dbr_block *b = r->blocks[i];
        if (strcmp(dbr_block_kind_name(b->kind), exp[i].kind) != 0 || b->level != exp[i].level ||
            strcmp(block_text(r, i), exp[i].text) != 0 ||
            (exp[i].lang ? !b->lang || strcmp(b->lang, exp[i].lang) != 0 : b->lang != NULL)) {
            fprintf(stderr, "block %zu differs: expected %s %d \"%s\" %s\n", i, exp[i].kind,
                    exp[i].level, exp[i].text, exp[i].lang ? exp[i].lang : "-");
            print_blocks(r);
            fail();
        }
    }
}

static const char *prop(rec_sink *r, size_t i, const char *key)
{
    return dbr_props_get(&r->blocks[i]->props, key);
}

/* ---------- the fixtures, block by block ---------- */

#define HEADER "UK-China Climate Collaboration Review 2022"

static void test_report_fixture(void **state)
{
    (void)state;
    read_result res;
    read_path(&res, TEST_SRC_DIR "/fixtures/text/report.txt", NULL);
    assert_int_equal(res.status, DBR_OK);
    static const exp_block exp[] = {
        {"boilerplate", 0, HEADER, "en"},
        {"title", 0, "UK-CHINA CLIMATE COLLABORATION REVIEW", "en"},
        {"heading", 1, "中英气候合作评估报告", "zh"},
        {"meta", 0, "Published Jun 21, 2022", "en"},
        {"meta", 0, "by Alice Smith, Wei Zhang, Tom Brown and Li Na", "en"},
        {"figure", 0, "[Image: Logo of the Joint Climate Office]", "en"},
        {"boilerplate", 0, "1", NULL},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, HEADER, "en"},
        {"toc", 0,
         "Contents\n"
         "1. Introduction .......................................... 3\n"
         "2. Findings .............................................. 3\n"
         "2.1 Joint research .................................... 3\n"
         "2.2 Policy exchange ................................... 4\n"
         "3. Next steps ............................................ 5",
         "en"},
        {"boilerplate", 0, "2", NULL},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, HEADER, "en"},
        {"heading", 1, "1. Introduction", "en"},
        {"paragraph", 0,
         "This review looks at five years of collaboration between UK and Chinese research "
         "institutes. It was commissioned by the joint steering group and covers well-known "
         "programmes as well as smaller UK-China exchanges.",
         "en"},
        {"heading", 1, "2. Findings", "en"},
        {"heading", 2, "2.1 Joint research", "en"},
        {"paragraph", 0, "The main findings are:", "en"},
        {"list_item", 1, "Joint publications doubled between 2017 and 2021.", "en"},
        {"list_item", 1, "Funding came from three sources:", "en"},
        {"list_item", 2, "national research councils;", "en"},
        {"list_item", 2, "city governments;", "en"},
        {"list_item", 2, "private foundations.", "en"},
        {"list_item", 1,
         "Most projects were led from Beijing or Edinburgh, and many involved early-career "
         "researchers.",
         "en"},
        {"figure", 0, "Figure 1: Joint publications per year, 2017-2021", "en"},
        {"paragraph", 0,
         "The number of joint projects grew steadily, and the partners agreed that the "
         "programme should continue into the next funding period without a break.",
         "en"},
        {"boilerplate", 0, "3", NULL},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, HEADER, "en"},
        {"heading", 2, "2.2 Policy exchange", "en"},
        {"paragraph", 0,
         "Officials met twice a year. The meetings were described as \"frank and useful\" by "
         "both sides.",
         "en"},
        {"heading", 2, "Recommendations", "en"},
        {"list_item", 1, "Keep the joint fund open for new partners.", "en"},
        {"list_item", 1, "Publish data in both languages.", "en"},
        {"boilerplate", 0, "4", NULL},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, HEADER, "en"},
        {"heading", 1, "3. Next steps", "en"},
        {"paragraph", 0, "The steering group will report again in 2023.", "en"},
        {"figure", 0, "[Signature]", "en"},
        {"boilerplate", 0, "5", NULL},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    rec_sink *r = &res.rec;
    /* boilerplate kinds, page numbers, list markers, numbering */
    assert_string_equal(prop(r, 0, "boilerplate"), "running-header");
    assert_string_equal(prop(r, 6, "boilerplate"), "page-number");
    assert_string_equal(prop(r, 8, "boilerplate"), "running-header");
    assert_int_equal(r->blocks[7]->page, 2);
    assert_int_equal(r->blocks[11]->page, 3);
    assert_int_equal(r->blocks[27]->page, 4);
    assert_int_equal(r->blocks[35]->page, 5); /* the "---" break */
    assert_int_equal(r->blocks[25]->page, 3); /* the rejoined paragraph starts on page 3 */
    assert_string_equal(prop(r, 18, "marker"), "•");
    assert_string_equal(prop(r, 20, "marker"), "–");
    assert_string_equal(prop(r, 32, "marker"), "(a)");
    assert_string_equal(prop(r, 16, "numbering"), "2.1");
    assert_string_equal(prop(r, 3, "date"), "2022-06-21");
    assert_string_equal(prop(r, 5, "figure"), "bracket");
    assert_int_equal(r->blocks[13]->line, 26); /* "1. Introduction" */
    assert_int_equal(r->blocks[14]->line, 28); /* its paragraph: the first of five lines */
    /* document metadata: at begin (look-ahead) and at end */
    assert_int_equal(r->ndocs, 1);
    const dbr_doc *d = r->docs[0];
    assert_string_equal(d->title, "UK-CHINA CLIMATE COLLABORATION REVIEW");
    assert_string_equal(d->date, "2022-06-21");
    assert_string_equal(d->lang, "en");
    assert_int_equal(d->nauthors, 4);
    assert_string_equal(d->authors[0], "Alice Smith");
    assert_string_equal(d->authors[3], "Li Na");
    assert_int_equal(d->nlangs, 2);
    assert_string_equal(d->langs[1], "zh");
    rec_sink_free(r);
}

static void test_press_release_fixture(void **state)
{
    (void)state;
    read_result res;
    read_path(&res, TEST_SRC_DIR "/fixtures/text/press-release.txt", NULL);
    assert_int_equal(res.status, DBR_OK);
    static const exp_block exp[] = {
        {"boilerplate", 0, "Home > News > Press releases > Climate partnership", "en"},
        {"boilerplate", 0, "Skip to main content", "en"},
        {"title", 0, "UK and China agree new climate research partnership", "en"},
        {"meta", 0, "Published 21 June 2022", "en"},
        {"paragraph", 0, "From: Department for Science and Climate", "en"},
        {"paragraph", 0,
         "The UK and China have agreed a new partnership to fund joint climate research. The "
         "agreement was signed in London on Tuesday.",
         "en"},
        {"paragraph", 0, "Minister Jane Doe said:", "en"},
        {"paragraph", 0, "\"This partnership builds on a well-established relationship.\"", "en"},
        {"boilerplate", 0, "Download the full press release", "en"},
        {"boilerplate", 0, "Format   Size\nPDF      245 KB\nDOCX     88 KB", "en"},
        {"paragraph", 0, "Notes to editors", "en"},
        {"list_item", 1, "The partnership runs for five years.", "en"},
        {"list_item", 1, "Funding is shared equally.", "en"},
        {"boilerplate", 0,
         "We use cookies to improve this website. You can accept all cookies or change your "
         "cookie settings at any time.",
         "en"},
        {"boilerplate", 0, "Accept all cookies", "en"},
        {"boilerplate", 0,
         "All content is available under the Open Government Licence v3.0. You may reuse it "
         "free of charge, except where otherwise stated.",
         "en"},
        {"boilerplate", 0, "© Crown copyright", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    rec_sink *r = &res.rec;
    static const char *const types[] = {"breadcrumb", "navigation", NULL, NULL, NULL, NULL, NULL,
                                        NULL, "download", "file-table", NULL, NULL, NULL,
                                        "cookie-notice", "cookie-notice", "reuse-notice",
                                        "copyright"};
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (types[i])
            assert_string_equal(prop(r, i, "boilerplate"), types[i]);
    assert_string_equal(prop(r, 11, "marker"), "1.");
    assert_string_equal(r->docs[0]->date, "2022-06-21");
    assert_string_equal(r->docs[0]->title, "UK and China agree new climate research partnership");
    rec_sink_free(r);
}

/* ---------- no word lost ---------- */

static int is_markup_only(const char *t)
{
    for (; *t; t++)
        if (!strchr("-#*_=>|:", *t))
            return 0;
    return 1;
}

/* How many whitespace-separated tokens of `input` appear in no block (text or property).
 * The one documented change to a token is hyphenation repair ("collabo-" + "ration"), so a
 * token is also found when it is found without its trailing hyphen (or soft hyphen); markdown markers around a
 * token ("**Title**", "![alt](src)") are structure, so the token is also found without them. */
static size_t count_lost(const char *input, rec_sink *r, int verbose)
{
    dbr_buf corpus = DBR_BUF_INIT;
    for (size_t i = 0; i < r->nblocks; i++) {
        dbr_rich_plain(&r->blocks[i]->text, &corpus);
        dbr_buf_putc(&corpus, '\n');
        for (size_t k = 0; k < r->blocks[i]->props.count; k++) {
            dbr_buf_puts(&corpus, r->blocks[i]->props.items[k].value);
            dbr_buf_putc(&corpus, '\n');
        }
    }
    const char *text = dbr_buf_cstr(&corpus);
    size_t lost = 0;
    char *copy = strdup(input), *save = NULL;
    for (char *t = strtok_r(copy, " \t\n\f\r", &save); t; t = strtok_r(NULL, " \t\n\f\r", &save)) {
        if (is_markup_only(t) || strstr(text, t))
            continue;
        char tok[512];
        snprintf(tok, sizeof tok, "%s", t);
        size_t n = strlen(tok);
        for (;;) { /* trailing markup, a cut hyphen, a soft hyphen (U+00AD) */
            if (n && strchr("*#!_-", tok[n - 1]))
                tok[--n] = '\0';
            else if (n >= 2 && (unsigned char)tok[n - 2] == 0xC2 &&
                     (unsigned char)tok[n - 1] == 0xAD)
                tok[n -= 2] = '\0';
            else
                break;
        }
        char *s = tok;
        while (*s && strchr("*#!_[", *s))
            s++;
        char *link = strstr(s, "](");
        if (link) { /* ![alt](src): both halves */
            *link = '\0';
            char *src = link + 2;
            size_t sl = strlen(src);
            if (sl && src[sl - 1] == ')')
                src[sl - 1] = '\0';
            if ((!*s || strstr(text, s)) && strstr(text, src))
                continue;
        } else if (*s && strstr(text, s)) {
            continue;
        }
        if (verbose)
            fprintf(stderr, "lost token: '%s'\n", t);
        lost++;
    }
    free(copy);
    dbr_buf_free(&corpus);
    return lost;
}

static void check_no_word_lost(const char *path)
{
    read_result res;
    read_path(&res, path, NULL);
    assert_int_equal(res.status, DBR_OK);
    char *input = test_slurp(path, NULL);
    assert_non_null(input);
    assert_int_equal(count_lost(input, &res.rec, 1), 0);
    /* The check can fail: words that are not in the input are reported. */
    size_t extra = strlen(input) + 64;
    char *more = malloc(extra);
    snprintf(more, extra, "%s zebra quokka", input);
    assert_int_equal(count_lost(more, &res.rec, 0), 2);
    free(more);
    free(input);
    rec_sink_free(&res.rec);
}

static void test_no_word_lost_report(void **state)
{
    (void)state;
    check_no_word_lost(TEST_SRC_DIR "/fixtures/text/report.txt");
}

static void test_no_word_lost_press_release(void **state)
{
    (void)state;
    check_no_word_lost(TEST_SRC_DIR "/fixtures/text/press-release.txt");
}

static void test_no_word_lost_markdownish(void **state)
{
    (void)state;
    const char *text = "# Annual **Report**\n\n### **5.1 Scope of work**\n\n"
                       "![Bar chart of emissions](img/fig1.png)\n\n"
                       "* star item\n+ plus item\n\n1) first\n2) second\n\n---\n\n"
                       "Some text with a trailing hyphen-\nated word and R&D.\n";
    char *path = test_write_temp(text, strlen(text), ".md");
    read_result res;
    read_path(&res, path, NULL);
    assert_int_equal(res.status, DBR_OK);
    assert_int_equal(count_lost(text, &res.rec, 1), 0);
    rec_sink_free(&res.rec);
    unlink(path);
    free(path);
}

/* Random documents built from every line shape the reader knows (and some it does not), with
 * a fixed seed: whatever the mix, no token may be lost, and ASan sees every path, including
 * pages long enough to be streamed in parts. */
static const char *const SHAPES[] = {
    "# Heading %w", "## **%W %w**", "### **%n.%n %W**", "%n. %W %w", "%n.%n %W", "%n.%n.%n %W",
    "• %s", "    – %s", "  ◦ %s", "(a) %s", "1) %s", "* %s", "%s", "%s", "%s", "%s %w-", "%W-",
    "\f", "---", "%n", "- %n -", "Page %n of %n", "Running Header %n", "Home > %W > %W",
    "Download PDF (%n KB)", "PDF  %n KB", "Format | Size", "[Image: %s]", "![%w](img/%w.png)",
    "Figure %n: %s", "Contents", "%W ........ %n", "中英气候合作%w", "这是中文句子，", "没有空格。",
    "Published Jun %n, 2022", "2026-11-22", "by %W %W and %W %W", "", "", "", "**%W**",
    "We use cookies to improve %w. Accept all cookies?", "© Crown copyright", "   indented %s",
    "\t%s\t", "%W\f%w", "ALL CAPS %W", "Chapter %n: %W", "\xc2\xad%w\xc2\xad", "%w&%w <%w>",
    "| %W | %n |", "|---|:--:|", "> %s", "<!-- image -->", "|%w|",
};
static const char *const WORDS[] = {"collabo", "ration", "policy", "makers", "well", "known",
                                    "UK", "China", "research", "funding", "the", "of", "net",
                                    "work", "state", "art", "co", "operation", "x"};

static void random_fill(dbr_buf *b, const char *shape, unsigned *seed)
{
    for (const char *p = shape; *p; p++) {
        if (*p != '%') {
            dbr_buf_putc(b, *p);
            continue;
        }
        char c = *++p;
        const char *w = WORDS[rand_r(seed) % (sizeof WORDS / sizeof *WORDS)];
        if (c == 'w') {
            dbr_buf_puts(b, w);
        } else if (c == 'W') {
            dbr_buf_putc(b, (char)(w[0] >= 'a' ? w[0] - 32 : w[0]));
            dbr_buf_puts(b, w + 1);
        } else if (c == 'n') {
            dbr_buf_printf(b, "%d", rand_r(seed) % 40 + 1);
        } else { /* a sentence */
            int n = rand_r(seed) % 12 + 2;
            for (int i = 0; i < n; i++) {
                dbr_buf_puts(b, WORDS[rand_r(seed) % (sizeof WORDS / sizeof *WORDS)]);
                dbr_buf_puts(b, i + 1 < n ? (rand_r(seed) % 7 ? " " : "-") : ".");
            }
        }
    }
}

static void check_random_document(unsigned seed, size_t lines, int breaks)
{
    unsigned first_seed = seed;
    dbr_buf in = DBR_BUF_INIT;
    size_t nshapes = sizeof SHAPES / sizeof *SHAPES;
    for (size_t i = 0; i < lines; i++) {
        const char *shape = SHAPES[rand_r(&seed) % nshapes];
        if (!breaks && (strchr(shape, '\f') || strcmp(shape, "---") == 0))
            shape = "%s";
        random_fill(&in, shape, &seed);
        dbr_buf_putc(&in, '\n');
    }
    char *path = test_write_temp(in.data, in.len, ".txt");
    read_result res;
    read_path(&res, path, "text");
    assert_int_equal(res.status, DBR_OK);
    size_t lost = count_lost(in.data, &res.rec, 1);
    if (lost)
        fprintf(stderr, "seed %u: %zu tokens lost\n", first_seed, lost);
    assert_int_equal(lost, 0);
    rec_sink_free(&res.rec);
    unlink(path);
    free(path);
    dbr_buf_free(&in);
}

static void test_random_documents_lose_nothing(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 100; seed++)
        check_random_document(seed, seed % 120 + 1, 1);
    /* pages longer than the page window's limit (2048 lines): streamed in parts */
    check_random_document(7, 4500, 0);
    check_random_document(8, 3000, 1);
}

/* ---------- rules, one by one ---------- */

static const char *only_paragraph(read_result *res)
{
    if (res->rec.nblocks != 1)
        print_blocks(&res->rec);
    assert_int_equal(res->rec.nblocks, 1);
    return block_text(&res->rec, 0);
}

static void expect_paragraph(const char *input, const char *expected)
{
    read_result res;
    read_string(&res, input);
    assert_string_equal(only_paragraph(&res), expected);
    rec_sink_free(&res.rec);
}

static void test_hyphenation(void **state)
{
    (void)state;
    /* repaired: a lower-case continuation of a cut word */
    expect_paragraph("The collabo-\nration works well.\n", "The collaboration works well.");
    expect_paragraph("It was com-\nmissioned in May.\n", "It was commissioned in May.");
    /* kept: compounds */
    expect_paragraph("A well-\nknown fact here.\n", "A well-known fact here.");
    expect_paragraph("Talks on UK-\nChina trade.\n", "Talks on UK-China trade.");
    expect_paragraph("New COVID-\n19 cases today.\n", "New COVID-19 cases today.");
    expect_paragraph("A state-of-the-\nart method.\n", "A state-of-the-art method.");
    expect_paragraph("She is self-\nemployed now.\n", "She is self-employed now.");
    /* evidence from the document wins over the defaults, both ways */
    expect_paragraph("Many policy-makers came. Some policy-\nmakers left.\n",
                     "Many policy-makers came. Some policy-makers left.");
    expect_paragraph("A nonstop flight. Another non-\nstop flight.\n",
                     "A nonstop flight. Another nonstop flight.");
    /* a soft hyphen is always a cut; a dash after a space is punctuation */
    expect_paragraph("The hyphen\xc2\xad\nation rule.\n", "The hyphenation rule.");
    expect_paragraph("Two parts -\nthen more.\n", "Two parts - then more.");
}

static void test_cjk_joining(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "这是一个很长的中文\n句子，没有空格。\n");
    assert_string_equal(only_paragraph(&res), "这是一个很长的中文句子，没有空格。");
    assert_string_equal(res.rec.blocks[0]->lang, "zh");
    assert_string_equal(res.rec.docs[0]->lang, "zh");
    rec_sink_free(&res.rec);
    /* a Latin line after a CJK one still gets its space; Kana makes it Japanese */
    expect_paragraph("中文\nEnglish words.\n", "中文 English words.");
    read_string(&res, "これは日本語の文です。\n");
    assert_string_equal(res.rec.blocks[0]->lang, "ja");
    rec_sink_free(&res.rec);
}

static void test_heading_levels(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Intro text before the sections.\n\n1. Introduction\n\n3.2 Methods\n\n"
                      "5.7.1 Sampling Frame\n\n### **5.1 Scope**\n\n**Summary**\n\n## Plain\n\n"
                      "ANNUAL FIGURES\n\nChapter 4: Results\n\nBudget And Staffing\n\nBody.\n");
    static const exp_block exp[] = {
        {"paragraph", 0, "Intro text before the sections.", "en"},
        {"heading", 1, "1. Introduction", "en"},
        {"heading", 2, "3.2 Methods", "en"},
        {"heading", 3, "5.7.1 Sampling Frame", "en"},
        {"heading", 3, "5.1 Scope", "en"},
        {"heading", 2, "Summary", "en"},
        {"heading", 2, "Plain", "en"},
        {"heading", 1, "ANNUAL FIGURES", "en"},
        {"heading", 1, "Chapter 4: Results", "en"},
        {"heading", 2, "Budget And Staffing", "en"},
        {"paragraph", 0, "Body.", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    assert_string_equal(prop(&res.rec, 3, "numbering"), "5.7.1");
    assert_string_equal(prop(&res.rec, 4, "numbering"), "5.1");
    assert_string_equal(res.rec.docs[0]->title, "1. Introduction");
    rec_sink_free(&res.rec);
    /* "1." items in a run, or ending like sentences, are list items, not headings */
    read_string(&res, "Steps:\n\n1. Collect data from partners.\n2. Check it.\n\n"
                      "1. Apples\n2. Pears\n");
    static const exp_block exp2[] = {
        {"paragraph", 0, "Steps:", "en"},
        {"list_item", 1, "Collect data from partners.", "en"},
        {"list_item", 1, "Check it.", "en"},
        {"list_item", 1, "Apples", "en"},
        {"list_item", 1, "Pears", "en"},
    };
    expect_blocks(&res.rec, exp2, sizeof exp2 / sizeof *exp2);
    rec_sink_free(&res.rec);
    /* no blank line between paragraphs: a short line that ends a sentence ends one */
    read_string(&res, "Intro.\n\nThis is a long line of a paragraph that wraps at the width of\n"
                      "the page and ends here.\nA new paragraph starts on the next line without\n"
                      "a blank line. It wraps at the same width as the one above.\n"
                      "And this line is short, but it is the last one.\n");
    static const exp_block exp3[] = {
        {"paragraph", 0, "Intro.", "en"},
        {"paragraph", 0, "This is a long line of a paragraph that wraps at the width of the page "
                         "and ends here.", "en"},
        {"paragraph", 0, "A new paragraph starts on the next line without a blank line. It wraps "
                         "at the same width as the one above. And this line is short, but it is "
                         "the last one.", "en"},
    };
    expect_blocks(&res.rec, exp3, sizeof exp3 / sizeof *exp3);
    rec_sink_free(&res.rec);
    /* a title-case line inside a paragraph is not a heading */
    expect_paragraph("The meeting was held in\nNew York City\nlast week.\n",
                     "The meeting was held in New York City last week.");
}

static void test_list_nesting(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Intro.\n\n"
                      "• one\n"
                      "  ◦ two\n"
                      "      ▪ three\n"
                      "        continued here\n"
                      "  ◦ four\n"
                      "• five\n"
                      "◦ six by shape\n"
                      "• seven\n"
                      "- dash\n"
                      "* star\n"
                      "(a) letter\n"
                      "(b) letter two\n"
                      "   (i) roman\n"
                      "1) paren number\n");
    static const exp_block exp[] = {
        {"paragraph", 0, "Intro.", "en"},
        {"list_item", 1, "one", "en"},
        {"list_item", 2, "two", "en"},
        {"list_item", 3, "three continued here", "en"},
        {"list_item", 2, "four", "en"},
        {"list_item", 1, "five", "en"},
        {"list_item", 2, "six by shape", "en"},
        {"list_item", 1, "seven", "en"},
        {"list_item", 2, "dash", "en"},
        {"list_item", 3, "star", "en"},
        {"list_item", 4, "letter", "en"},
        {"list_item", 4, "letter two", "en"},
        {"list_item", 5, "roman", "en"},
        {"list_item", 5, "paren number", "en"}, /* a shape not on the stack: deeper */
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    assert_string_equal(prop(&res.rec, 2, "marker"), "◦");
    assert_string_equal(prop(&res.rec, 12, "marker"), "(i)");
    rec_sink_free(&res.rec);
}

static void expect_date(const char *line, const char *iso)
{
    char input[256];
    snprintf(input, sizeof input, "Some Report\n\n%s\n\nText.\n", line);
    read_result res;
    read_string(&res, input);
    assert_int_equal(res.rec.nblocks, 3);
    if (iso) {
        assert_string_equal(dbr_block_kind_name(res.rec.blocks[1]->kind), "meta");
        assert_string_equal(block_text(&res.rec, 1), line);
        assert_string_equal(prop(&res.rec, 1, "date"), iso);
        assert_non_null(res.rec.docs[0]->date);
        assert_string_equal(res.rec.docs[0]->date, iso);
    } else {
        assert_string_not_equal(dbr_block_kind_name(res.rec.blocks[1]->kind), "meta");
        assert_null(res.rec.docs[0]->date);
    }
    rec_sink_free(&res.rec);
}

static void test_dates(void **state)
{
    (void)state;
    expect_date("Published Jun 21, 2022", "2022-06-21");
    expect_date("December 6, 2017", "2017-12-06");
    expect_date("2026-11-22", "2026-11-22");
    expect_date("6 December 2017", "2017-12-06");
    expect_date("Updated: Tuesday, 6 Dec 2017", "2017-12-06");
    expect_date("Published on 1st March 2020", "2020-03-01");
    expect_date("June 2022", "2022-06");
    expect_date("2017年12月6日", "2017-12-06");
    expect_date("发布日期：2024年2月29日", "2024-02-29");
    expect_date("June 31, 2022", NULL);      /* no such day */
    expect_date("2023-02-29", NULL);         /* not a leap year */
    expect_date("Published in 2022 by us", NULL);
}

static void test_authors(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "A Report\n\nBy Ana de la Cruz, J. R. Okafor & Wei Zhang\n\n"
                      "By 2030, emissions will fall.\n");
    assert_string_equal(dbr_block_kind_name(res.rec.blocks[1]->kind), "meta");
    assert_string_equal(prop(&res.rec, 1, "meta"), "authors");
    assert_string_equal(dbr_block_kind_name(res.rec.blocks[2]->kind), "paragraph");
    const dbr_doc *d = res.rec.docs[0];
    assert_int_equal(d->nauthors, 3);
    assert_string_equal(d->authors[0], "Ana de la Cruz");
    assert_string_equal(d->authors[1], "J. R. Okafor");
    assert_string_equal(d->authors[2], "Wei Zhang");
    rec_sink_free(&res.rec);
}

static void test_running_headers_and_page_numbers(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Annual Report | Page 1\nFirst page text.\n- 1 -\n"
                      "\fAnnual Report | Page 2\nSecond page text.\n- 2 -\n"
                      "\fAnnual Report | Page 3\nThird page text.\nPage 3 of 3\n");
    static const exp_block exp[] = {
        {"boilerplate", 0, "Annual Report | Page 1", "en"},
        {"paragraph", 0, "First page text.", "en"},
        {"boilerplate", 0, "- 1 -", NULL},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, "Annual Report | Page 2", "en"},
        {"paragraph", 0, "Second page text.", "en"},
        {"boilerplate", 0, "- 2 -", NULL},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, "Annual Report | Page 3", "en"},
        {"paragraph", 0, "Third page text.", "en"},
        {"boilerplate", 0, "Page 3 of 3", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    assert_string_equal(prop(&res.rec, 0, "boilerplate"), "running-header");
    assert_string_equal(prop(&res.rec, 2, "boilerplate"), "page-number");
    assert_string_equal(prop(&res.rec, 10, "boilerplate"), "page-number");
    rec_sink_free(&res.rec);
    /* a single page: a lone number is content, nothing repeats */
    read_string(&res, "Total\n\n42\n");
    assert_int_equal(res.rec.nblocks, 2);
    assert_string_not_equal(dbr_block_kind_name(res.rec.blocks[1]->kind), "boilerplate");
    rec_sink_free(&res.rec);
}

/* A page longer than the window's limit is streamed in parts: its head is judged against
 * the previous page, its tail still against the next one, and the order is kept. */
static void test_long_page_streamed_in_parts(void **state)
{
    (void)state;
    dbr_buf in = DBR_BUF_INIT;
    dbr_buf_puts(&in, "Report Header\nIntro.\n\fReport Header\n");
    for (int i = 0; i < 2500; i++)
        dbr_buf_printf(&in, "Para %d.\n\n", i);
    dbr_buf_puts(&in, "Footer Line\n\fReport Header\nText.\nFooter Line\n");
    read_result res;
    read_string(&res, in.data);
    rec_sink *r = &res.rec;
    assert_int_equal(r->nblocks, 2 + 2 + 2500 + 5); /* + footer, break, header, text, footer */
    assert_string_equal(prop(r, 0, "boilerplate"), "running-header");
    assert_string_equal(block_text(r, 1), "Intro.");
    assert_string_equal(dbr_block_kind_name(r->blocks[2]->kind), "page_break");
    assert_string_equal(prop(r, 3, "boilerplate"), "running-header");
    for (int i = 0; i < 2500; i++) {
        char want[32];
        snprintf(want, sizeof want, "Para %d.", i);
        assert_string_equal(block_text(r, 4 + (size_t)i), want);
    }
    size_t k = 4 + 2500;
    assert_string_equal(prop(r, k, "boilerplate"), "running-footer");
    assert_string_equal(dbr_block_kind_name(r->blocks[k + 1]->kind), "page_break");
    assert_string_equal(prop(r, k + 2, "boilerplate"), "running-header");
    assert_string_equal(block_text(r, k + 3), "Text.");
    assert_string_equal(prop(r, k + 4, "boilerplate"), "running-footer");
    rec_sink_free(r);
    dbr_buf_free(&in);
}

static void test_page_rejoin(void **state)
{
    (void)state;
    read_result res;
    /* continues: no sentence end, lower-case start, running footer and header between */
    read_string(&res, "Report 2022\nThe partners agreed that the\nprogramme should\n\nFooter A\n"
                      "\fReport 2022\n\ncontinue next year.\nA second paragraph.\n\nFooter A\n"
                      "\fReport 2022\nThis ends a sentence.\n");
    static const exp_block exp[] = {
        {"boilerplate", 0, "Report 2022", "en"},
        {"paragraph", 0,
         "The partners agreed that the programme should continue next year. A second "
         "paragraph.",
         "en"},
        {"boilerplate", 0, "Footer A", "en"},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, "Report 2022", "en"},
        {"boilerplate", 0, "Footer A", "en"},
        {"page_break", 0, "", NULL},
        {"boilerplate", 0, "Report 2022", "en"},
        {"paragraph", 0, "This ends a sentence.", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    assert_string_equal(prop(&res.rec, 2, "boilerplate"), "running-footer");
    rec_sink_free(&res.rec);
    /* does not continue: the sentence ended and the next page starts a new one */
    read_string(&res, "Intro text.\n\nIt ended here.\n\fNew start of page two.\n");
    static const exp_block exp2[] = {
        {"paragraph", 0, "Intro text.", "en"},
        {"paragraph", 0, "It ended here.", "en"},
        {"page_break", 0, "", NULL},
        {"paragraph", 0, "New start of page two.", "en"},
    };
    expect_blocks(&res.rec, exp2, sizeof exp2 / sizeof *exp2);
    rec_sink_free(&res.rec);
    /* a hyphenated cut across a page break */
    read_string(&res, "Body text.\n\nWe value collabo-\n\f\nration a lot.\n");
    assert_string_equal(block_text(&res.rec, 1), "We value collaboration a lot.");
    rec_sink_free(&res.rec);
}

static void test_toc(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Table of Contents\n\nIntroduction\t3\nMethods ..... 7\n"
                      "Annex A   12\n\nIntroduction\n\nText.\n");
    static const exp_block exp[] = {
        {"toc", 0, "Table of Contents\nIntroduction\t3\nMethods ..... 7\nAnnex A   12", "en"},
        {"heading", 2, "Introduction", "en"}, /* after a toc: not the title */
        {"paragraph", 0, "Text.", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    rec_sink_free(&res.rec);
    /* a run of leader entries without a title is a toc too; "Contents" alone is a heading */
    read_string(&res, "Start.\n\n1 Scope ........ 2\n2 Terms ........ 5\n\nContents\n\nBody.\n");
    static const exp_block exp2[] = {
        {"paragraph", 0, "Start.", "en"},
        {"toc", 0, "1 Scope ........ 2\n2 Terms ........ 5", "en"},
        {"heading", 1, "Contents", "en"},
        {"paragraph", 0, "Body.", "en"},
    };
    expect_blocks(&res.rec, exp2, sizeof exp2 / sizeof *exp2);
    rec_sink_free(&res.rec);
}

static void test_figures(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Intro.\n\n![Bar chart of emissions](img/fig1.png)\n\n[Photo: the signing]\n"
                      "\n[Signature]\n\nFigure 3: Growth by region\n\nFig. 2. Map of sites\n\n"
                      "图1 合作项目分布\n\nFigures show growth.\n");
    static const exp_block exp[] = {
        {"paragraph", 0, "Intro.", "en"},
        {"figure", 0, "Bar chart of emissions", "en"},
        {"figure", 0, "[Photo: the signing]", "en"},
        {"figure", 0, "[Signature]", "en"},
        {"figure", 0, "Figure 3: Growth by region", "en"},
        {"figure", 0, "Fig. 2. Map of sites", "en"},
        {"figure", 0, "图1 合作项目分布", "zh"},
        {"paragraph", 0, "Figures show growth.", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    assert_string_equal(prop(&res.rec, 1, "src"), "img/fig1.png");
    assert_string_equal(prop(&res.rec, 1, "figure"), "markdown-image");
    assert_string_equal(prop(&res.rec, 4, "figure"), "caption");
    rec_sink_free(&res.rec);
}

static void test_tables_and_quotes(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Intro.\n\n| Year | Budget |\n|------|:------:|\n| 2022 | 10 \\| 12 |\n\n"
                      "> Quoted line one\n> and two.\n\n|---|\n\nAfter.\n");
    static const exp_block exp[] = {
        {"paragraph", 0, "Intro.", "en"},
        {"table_row", 0, "| Year | Budget |", "en"},
        {"table_row", 0, "| 2022 | 10 \\| 12 |", NULL},
        {"quote", 0, "Quoted line one and two.", "en"},
        {"paragraph", 0, "|---|", NULL}, /* a separator with no table above is text */
        {"paragraph", 0, "After.", "en"},
    };
    expect_blocks(&res.rec, exp, sizeof exp / sizeof *exp);
    const dbr_block *h = res.rec.blocks[1], *row = res.rec.blocks[2];
    assert_int_equal(h->ncells, 2);
    assert_string_equal(h->cells[0], "Year");
    assert_string_equal(h->cells[1], "Budget");
    assert_string_equal(prop(&res.rec, 1, "header"), "yes");
    assert_null(prop(&res.rec, 2, "header"));
    assert_int_equal(row->ncells, 2);
    assert_string_equal(row->cells[1], "10 \\| 12");
    rec_sink_free(&res.rec);
}

static void test_web_boilerplate(void **state)
{
    (void)state;
    read_result res;
    read_string(&res, "Home › Announcement Board\n\nNotice Title Here\n\nBody of the notice.\n\n"
                      "Download PDF (1.2 MB)\n\nFile format | File size\nODT | 30 KB\n\n"
                      "Back to top\n\nThis website uses cookies. By continuing you accept our\n"
                      "cookie policy.\n\nYou may re-use this information free of charge under "
                      "the terms of the licence.\n");
    static const char *const kinds[] = {"breadcrumb", NULL, NULL, "download", "file-table",
                                        "navigation", "cookie-notice", "reuse-notice"};
    if (res.rec.nblocks != 8)
        print_blocks(&res.rec);
    assert_int_equal(res.rec.nblocks, 8);
    for (size_t i = 0; i < 8; i++) {
        const char *k = dbr_block_kind_name(res.rec.blocks[i]->kind);
        if (kinds[i]) {
            assert_string_equal(k, "boilerplate");
            assert_string_equal(prop(&res.rec, i, "boilerplate"), kinds[i]);
        } else {
            assert_string_not_equal(k, "boilerplate");
        }
    }
    assert_string_equal(block_text(&res.rec, 4), "File format | File size\nODT | 30 KB");
    rec_sink_free(&res.rec);
    /* prose that mentions downloads or cookies in passing stays prose */
    expect_paragraph("Researchers counted how many people download papers and eat cookies, "
                     "and found the figures grew each year across all of the regions.\n",
                     "Researchers counted how many people download papers and eat cookies, and "
                     "found the figures grew each year across all of the regions.");
}

/* ---------- probing and bad input ---------- */

static int probe_text(const void *head, size_t len, const char *text, const char *name)
{
    dbr_registry *reg = test_registry(NULL);
    const dbr_plugin_entry *e = dbr_registry_find(reg, "text");
    assert_non_null(e);
    dbr_probe_input pi = {.head = head, .head_len = len, .text = text,
                          .text_len = text ? strlen(text) : 0, .name = name, .complete = 1};
    int score = e->plugin->probe(&pi);
    dbr_registry_free(reg);
    return score;
}

static void test_probe(void **state)
{
    (void)state;
    const char *ok = "A plain report.\nWith lines.\n";
    assert_int_equal(probe_text(ok, strlen(ok), ok, NULL), DBR_PROBE_FALLBACK);
    assert_int_equal(probe_text(ok, strlen(ok), ok, "a.txt"), DBR_PROBE_EXTENSION);
    assert_int_equal(probe_text(ok, strlen(ok), ok, "notes.md"), DBR_PROBE_EXTENSION);
    assert_true(probe_text(ok, strlen(ok), ok, "a.txt") < DBR_PROBE_LIKELY);
    const char ff[] = "page one\fpage two\n";
    assert_int_equal(probe_text(ff, sizeof ff - 1, ff, NULL), DBR_PROBE_FALLBACK);
    /* binary: NUL bytes, control bytes, undecodable bytes */
    unsigned char bin[256];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)(i * 37 + 11);
    assert_int_equal(probe_text(bin, sizeof bin, "x", "a.txt"), DBR_PROBE_NONE);
    char ctl[200];
    memset(ctl, 'a', sizeof ctl);
    ctl[10] = 0x01;
    ctl[50] = 0x02;
    ctl[90] = 0x1b;
    assert_int_equal(probe_text(ctl, sizeof ctl, "aaa", "a.txt"), DBR_PROBE_NONE);
    char bad[64];
    snprintf(bad, sizeof bad, "ab\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "cd");
    assert_int_equal(probe_text("abcd", 4, bad, NULL), DBR_PROBE_NONE);
    /* UTF-16 with a BOM has NUL bytes but is text once decoded */
    const unsigned char u16[] = {0xFF, 0xFE, 'H', 0, 'i', 0, '\n', 0};
    assert_int_equal(probe_text(u16, sizeof u16, "Hi\n", NULL), DBR_PROBE_FALLBACK);
}

static void test_binary_and_empty_input(void **state)
{
    (void)state;
    dbr_registry *reg = test_registry(NULL);
    unsigned char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (unsigned char)((i * 7919u) >> 3);
    char *path = test_write_temp(bin, sizeof bin, ".txt");
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    dbr_error_clear(&err);
    assert_int_not_equal(dbr_read_into(reg, path, NULL, NULL, NULL, NULL, &rec.sink, &err),
                         DBR_OK);
    assert_non_null(strstr(err.message, "text")); /* the candidates tried are listed */
    unlink(path);
    free(path);
    /* empty: probing fails clearly; naming the format gives an empty document + a warning */
    path = test_write_temp("", 0, ".txt");
    dbr_error_clear(&err);
    assert_int_not_equal(dbr_read_into(reg, path, NULL, NULL, NULL, NULL, &rec.sink, &err),
                         DBR_OK);
    assert_non_null(strstr(err.message, "empty"));
    int warnings = 0;
    dbr_error_clear(&err);
    assert_int_equal(dbr_read_into(reg, path, "text", NULL, count_warn, &warnings, &rec.sink,
                                   &err), DBR_OK);
    assert_int_equal(warnings, 1);
    assert_int_equal(rec.nblocks, 0);
    assert_int_equal(rec.ndocs, 1);
    unlink(path);
    free(path);
    rec_sink_free(&rec);
    dbr_registry_free(reg);
}

/* A text with no structure at all (no blank line, no page break) still comes out in bounded
 * blocks: the paragraph is cut at a line boundary when it passes the block limit. */
static void test_unstructured_input_is_bounded(void **state)
{
    (void)state;
    size_t lines = 40000;
    dbr_buf big = DBR_BUF_INIT;
    for (size_t i = 0; i < lines; i++)
        dbr_buf_printf(&big, "line %zu of a very long paragraph without any break at all\n", i);
    char *path = test_write_temp(big.data, big.len, ".txt");
    read_result res;
    read_path(&res, path, "text");
    assert_int_equal(res.status, DBR_OK);
    assert_true(res.rec.nblocks >= 2);
    size_t total = 0;
    for (size_t i = 0; i < res.rec.nblocks; i++) {
        size_t n = strlen(block_text(&res.rec, i));
        assert_true(n <= (1u << 20) + 256);
        total += n + 1;
    }
    assert_int_equal(total, big.len); /* every byte is somewhere: newlines became spaces */
    rec_sink_free(&res.rec);
    dbr_buf_free(&big);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_fixture),
        cmocka_unit_test(test_press_release_fixture),
        cmocka_unit_test(test_no_word_lost_report),
        cmocka_unit_test(test_no_word_lost_press_release),
        cmocka_unit_test(test_no_word_lost_markdownish),
        cmocka_unit_test(test_random_documents_lose_nothing),
        cmocka_unit_test(test_hyphenation),
        cmocka_unit_test(test_cjk_joining),
        cmocka_unit_test(test_heading_levels),
        cmocka_unit_test(test_list_nesting),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_authors),
        cmocka_unit_test(test_running_headers_and_page_numbers),
        cmocka_unit_test(test_page_rejoin),
        cmocka_unit_test(test_long_page_streamed_in_parts),
        cmocka_unit_test(test_toc),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_web_boilerplate),
        cmocka_unit_test(test_tables_and_quotes),
        cmocka_unit_test(test_probe),
        cmocka_unit_test(test_binary_and_empty_input),
        cmocka_unit_test(test_unstructured_input_is_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
