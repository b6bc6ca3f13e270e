/* test_dataset.c - the dataset plugins (json, jsonl, xml): every model field written and read
 * back, nesting bombs, bad JSONL lines with their line numbers, --skip-bad-records,
 * truncated/malformed JSON and XML with file:line:col, unknown namespace versions and
 * elements, refused entities. */
#include "testutil.h"

#include "docbridge/plugin.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---------- a document using every field ---------- */

static void build_doc(dbr_pool *p, dbr_doc *d)
{
    dbr_doc_init(d);
    d->id = "doc-1";
    d->title = "Title \"quoted\"";
    d->lang = "en";
    dbr_doc_add_lang(p, d, "en");
    dbr_doc_add_lang(p, d, "zh-CN");
    dbr_doc_add_author(p, d, "Ann");
    dbr_doc_add_author(p, d, "Bo");
    d->date = "2024-01-02";
    d->publisher = "Pub";
    d->url = "https://x.example/";
    d->description = "every field";
    dbr_note *n = dbr_notes_add(p, &d->notes, "doc note", "en");
    dbr_props_add(p, &n->props, "from", "me");
    dbr_props_add(p, &d->props, "k", "v1");
    dbr_props_add(p, &d->props, "k", "v2");
    dbr_props_add(p, &d->props, "", "");
}

static void complete_prov(dbr_doc *d)
{
    d->prov.source_path = "in.txt";
    d->prov.member = "a/b.txt";
    d->prov.format = "text";
    d->prov.encoding = "GB18030";
    d->prov.encoding_confidence = 0.875;
    d->prov.byte_size = 123456789012LL;
    d->prov.sha256 = "ab";
    d->prov.invalid_bytes = 3;
    d->prov.removed_controls = 4;
    d->prov.converter = "docbridge test";
    d->prov.created = "2024-01-02T03:04:05Z";
}

static void build_rich(dbr_pool *p, dbr_rich *r)
{
    dbr_rich_add_text(p, r, "Press ", 6);
    dbr_span *s = dbr_rich_add_code(p, r, DBR_SPAN_OPEN, "1", "<b>");
    s->type = "fmt";
    s->origin = "bpt";
    dbr_props_add(p, &s->attrs, "i", "1");
    dbr_props_add(p, &s->attrs, "i", "2");
    dbr_rich_add_text(p, r, "\xe6\x8c\x89\xe9\x92\xae\t\"\\\x01", 11);
    s = dbr_rich_add_code(p, r, DBR_SPAN_CLOSE, "1", "</b>");
    s->flags = DBR_SPAN_ISOLATED | DBR_SPAN_WELLFORMED;
    dbr_rich_add_code(p, r, DBR_SPAN_PLACEHOLDER, NULL, NULL);
    dbr_rich_add_code(p, r, DBR_SPAN_MARK_OPEN, "m", NULL)->type = "term";
    dbr_rich_add_text(p, r, "x", 1);
    dbr_rich_add_code(p, r, DBR_SPAN_MARK_CLOSE, "m", NULL);
}

static void build_block(dbr_pool *p, dbr_block *b)
{
    memset(b, 0, sizeof *b);
    b->kind = DBR_BLOCK_TABLE_ROW;
    b->level = 3;
    b->id = "b1";
    b->lang = "fr";
    build_rich(p, &b->text);
    static const char *cells[] = {"c1", "", "c\"3"};
    b->cells = cells;
    b->ncells = 3;
    b->page = 7;
    b->line = 42;
    dbr_props_add(p, &b->props, "marker", "\xe2\x80\xa2");
}

static void build_unit(dbr_pool *p, dbr_unit *u)
{
    memset(u, 0, sizeof *u);
    u->id = "u1";
    dbr_variant *v = dbr_unit_add_variant(p, u, "en");
    dbr_rich_set_plain(p, &v->text, "file");
    v->plurals = dbr_pool_alloc(p, 2 * sizeof *v->plurals);
    v->nplurals = 2;
    dbr_rich_set_plain(p, &v->plurals[0], "files");
    build_rich(p, &v->plurals[1]);
    v->state = "final";
    dbr_notes_add(p, &v->notes, "variant note", NULL);
    dbr_props_add(p, &v->props, "po:flags", "fuzzy");
    v = dbr_unit_add_variant(p, u, NULL);
    build_rich(p, &v->text);
    dbr_note *n = dbr_notes_add(p, &u->notes, "unit note", "de");
    dbr_props_add(p, &n->props, "priority", "2");
    dbr_props_add(p, &u->props, "tmx:tuid", "7");
    u->score = 0.1 + 0.2; /* not exactly 0.3: the shortest exact form must survive */
    u->has_score = 1;
    u->bead = "2-1";
    u->origin = "aligner:length";
}

/* Drives a writer plugin directly with the hand-built events. */
static void write_with(dbr_registry *reg, const char *fmt, const char *records, const char *path)
{
    const dbr_plugin_entry *e = dbr_registry_find(reg, fmt);
    assert_non_null(e);
    const dbr_writer_ops *w = e->plugin->writer;
    dbr_error err;
    dbr_error_clear(&err);
    dbr_options *o = dbr_options_new();
    if (records)
        dbr_options_set(o, "records", records);
    dbr_job job = {.err = &err, .opts = o, .converter = "t"};
    dbr_output *out = dbr_output_open(path, &err);
    assert_non_null(out);
    void *state = calloc(1, w->state_size);
    assert_int_equal(w->open(state, &job, out), DBR_OK);
    dbr_sink s = {w->sink, state};
    dbr_pool *p = dbr_pool_new();
    dbr_doc d;
    build_doc(p, &d);
    dbr_block b;
    build_block(p, &b);
    dbr_unit u;
    build_unit(p, &u);
    dbr_block pb = {.kind = DBR_BLOCK_PAGE_BREAK, .page = 2};
    assert_int_equal(dbr_sink_begin_dataset(&s), DBR_OK);
    assert_int_equal(dbr_sink_begin_document(&s, &d), DBR_OK);
    assert_int_equal(dbr_sink_block(&s, &b), DBR_OK);
    assert_int_equal(dbr_sink_unit(&s, &u), DBR_OK);
    assert_int_equal(dbr_sink_block(&s, &pb), DBR_OK);
    complete_prov(&d);
    assert_int_equal(dbr_sink_end_document(&s, &d), DBR_OK);
    assert_int_equal(dbr_sink_end_dataset(&s), DBR_OK);
    if (w->finish)
        assert_int_equal(w->finish(state), DBR_OK);
    w->cleanup(state);
    free(state);
    assert_int_equal(dbr_output_commit(out, &err), DBR_OK);
    dbr_pool_free(p);
    dbr_options_free(o);
}

/* ---------- deep comparison ---------- */

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_ptr_equal(a, b);
    else
        assert_string_equal(a, b);
}

static void same_props(const dbr_props *a, const dbr_props *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        same_str(a->items[i].key, b->items[i].key);
        same_str(a->items[i].value, b->items[i].value);
    }
}

static void same_notes(const dbr_notes *a, const dbr_notes *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        same_str(a->items[i].text, b->items[i].text);
        same_str(a->items[i].lang, b->items[i].lang);
        same_props(&a->items[i].props, &b->items[i].props);
    }
}

static void same_rich(const dbr_rich *a, const dbr_rich *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        const dbr_span *x = &a->spans[i], *y = &b->spans[i];
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->flags, y->flags);
        same_str(x->text, y->text);
        same_str(x->id, y->id);
        same_str(x->type, y->type);
        same_str(x->origin, y->origin);
        same_props(&x->attrs, &y->attrs);
    }
}

static void same_block(const dbr_block *a, const dbr_block *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->level, b->level);
    same_str(a->id, b->id);
    same_str(a->lang, b->lang);
    same_rich(&a->text, &b->text);
    assert_int_equal(a->ncells, b->ncells);
    for (size_t i = 0; i < a->ncells; i++)
        same_str(a->cells[i], b->cells[i]);
    assert_int_equal(a->page, b->page);
    assert_int_equal(a->line, b->line);
    same_props(&a->props, &b->props);
}

static void same_unit(const dbr_unit *a, const dbr_unit *b)
{
    same_str(a->id, b->id);
    assert_int_equal(a->nvariants, b->nvariants);
    for (size_t i = 0; i < a->nvariants; i++) {
        const dbr_variant *x = &a->variants[i], *y = &b->variants[i];
        same_str(x->lang, y->lang);
        same_rich(&x->text, &y->text);
        assert_int_equal(x->nplurals, y->nplurals);
        for (size_t k = 0; k < x->nplurals; k++)
            same_rich(&x->plurals[k], &y->plurals[k]);
        same_str(x->state, y->state);
        same_notes(&x->notes, &y->notes);
        same_props(&x->props, &y->props);
    }
    same_notes(&a->notes, &b->notes);
    same_props(&a->props, &b->props);
    assert_int_equal(a->has_score, b->has_score);
    assert_true(a->score == b->score);
    same_str(a->bead, b->bead);
    same_str(a->origin, b->origin);
}

static void same_doc(const dbr_doc *a, const dbr_doc *b)
{
    same_str(a->id, b->id);
    same_str(a->title, b->title);
    same_str(a->lang, b->lang);
    assert_int_equal(a->nlangs, b->nlangs);
    for (size_t i = 0; i < a->nlangs; i++)
        same_str(a->langs[i], b->langs[i]);
    assert_int_equal(a->nauthors, b->nauthors);
    for (size_t i = 0; i < a->nauthors; i++)
        same_str(a->authors[i], b->authors[i]);
    same_str(a->date, b->date);
    same_str(a->publisher, b->publisher);
    same_str(a->url, b->url);
    same_str(a->description, b->description);
    same_notes(&a->notes, &b->notes);
    same_props(&a->props, &b->props);
    const dbr_provenance *p = &a->prov, *q = &b->prov;
    same_str(p->source_path, q->source_path);
    same_str(p->member, q->member);
    same_str(p->format, q->format);
    same_str(p->encoding, q->encoding);
    assert_true(p->encoding_confidence == q->encoding_confidence);
    assert_int_equal(p->byte_size, q->byte_size);
    same_str(p->sha256, q->sha256);
    assert_int_equal(p->invalid_bytes, q->invalid_bytes);
    assert_int_equal(p->removed_controls, q->removed_controls);
    same_str(p->converter, q->converter);
    same_str(p->created, q->created);
}

/* ---------- helpers ---------- */

typedef struct warn_log {
    int count;
    char last[1024];
} warn_log;

static void log_warning(void *ud, const dbr_error *w)
{
    warn_log *l = ud;
    l->count++;
    snprintf(l->last, sizeof l->last, "%s", w->message);
}

static dbr_status read_file(dbr_registry *reg, const char *path, const char *fmt,
                            dbr_options *o, rec_sink *rec, dbr_error *err, warn_log *wl)
{
    return dbr_read_into(reg, path, fmt, o, log_warning, wl, &rec->sink, err);
}

static void check_round_trip(const char *fmt, const char *records, int expect_blocks)
{
    dbr_registry *reg = test_registry(NULL);
    char path[] = "/tmp/dbrjsonXXXXXX";
    int fd = mkstemp(path);
    close(fd);
    write_with(reg, fmt, records, path);
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    warn_log wl = {0};
    dbr_status st = read_file(reg, path, fmt, NULL, &rec, &err, &wl);
    if (st != DBR_OK)
        fail_msg("%s", err.message);
    dbr_pool *p = dbr_pool_new();
    dbr_doc d;
    build_doc(p, &d);
    complete_prov(&d);
    dbr_block b;
    build_block(p, &b);
    dbr_unit u;
    build_unit(p, &u);
    assert_int_equal(rec.ndocs, 1);
    assert_int_equal(rec.ended_docs, 1);
    same_doc(&d, rec.docs[0]);
    assert_int_equal(rec.nunits, 1);
    same_unit(&u, rec.units[0]);
    if (expect_blocks) {
        assert_int_equal(rec.nblocks, 2);
        same_block(&b, rec.blocks[0]);
        assert_int_equal(rec.blocks[1]->kind, DBR_BLOCK_PAGE_BREAK);
        assert_int_equal(rec.blocks[1]->page, 2);
        assert_int_equal(rec.blocks[1]->text.count, 0);
    } else {
        assert_int_equal(rec.nblocks, 0);
    }
    dbr_pool_free(p);
    rec_sink_free(&rec);
    unlink(path);
    dbr_registry_free(reg);
}

static void test_json_every_field(void **s) { (void)s; check_round_trip("json", NULL, 1); }
static void test_jsonl_blocks_every_field(void **s) { (void)s; check_round_trip("jsonl", "blocks", 1); }
static void test_jsonl_documents_every_field(void **s) { (void)s; check_round_trip("jsonl", "documents", 1); }
static void test_jsonl_units_every_field(void **s) { (void)s; check_round_trip("jsonl", "units", 0); }
static void test_xml_every_field(void **s) { (void)s; check_round_trip("xml", NULL, 1); }

/* Reads text as fmt; returns the status and fills err. */
static dbr_status read_text(const char *text, const char *suffix, const char *fmt,
                            dbr_options *o, dbr_error *err, rec_sink *rec, warn_log *wl)
{
    dbr_registry *reg = test_registry(NULL);
    char *path = test_write_temp(text, strlen(text), suffix);
    dbr_status st = read_file(reg, path, fmt, o, rec, err, wl);
    unlink(path);
    free(path);
    dbr_registry_free(reg);
    return st;
}

static char *nesting_bomb(const char *prefix, const char *suffix, int depth)
{
    size_t pl = strlen(prefix), sl = strlen(suffix);
    char *s = malloc(pl + 2 * (size_t)depth + sl + 1);
    memcpy(s, prefix, pl);
    memset(s + pl, '[', (size_t)depth);
    memset(s + pl + depth, ']', (size_t)depth);
    memcpy(s + pl + 2 * (size_t)depth, suffix, sl + 1);
    return s;
}

static void test_json_nesting_bomb(void **s)
{
    (void)s;
    char *bomb = nesting_bomb("{\"format\":\"docbridge-dataset\",\"version\":\"1.0\",\n"
                              "\"documents\":[{\"id\":\"x\",\"content\":[", "]}]}", 10000);
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    assert_int_equal(read_text(bomb, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "deeper than"));
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 35 + 64); /* the 65th '[' */
    rec_sink_free(&rec);
    free(bomb);
    /* A bomb at the top level is not a dataset at all. */
    bomb = nesting_bomb("", "", 10000);
    rec_sink_init(&rec);
    assert_int_equal(read_text(bomb, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "expected '{'"));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    rec_sink_free(&rec);
    free(bomb);
}

static void test_jsonl_nesting_bomb(void **s)
{
    (void)s;
    char *bomb = nesting_bomb("{\"text\":\"ok\"}\n{\"text\":\"a\",\"props\":", "}\n", 10000);
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    assert_int_equal(read_text(bomb, ".jsonl", "jsonl", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "deeper than"));
    assert_non_null(strstr(err.message, "line 2"));
    assert_int_equal(err.line, 2);
    rec_sink_free(&rec);
    free(bomb);
}

static const char BAD_LINES[] =
    "{\"type\":\"document\",\"id\":\"d\"}\n"
    "{\"type\":\"block\",\"doc\":\"d\",\"kind\":\"paragraph\",\"text\":\"one\"}\n"
    "{\"type\":\"block\",\"doc\":\"d\",\"kind\":\"paragraph\",\"text\":\"two\"\n"   /* line 3 */
    "{\"type\":\"block\",\"doc\":\"d\",\"kind\":\"paragraph\",\"text\":\"three\"}\n"
    "{\"type\":\"block\",\"doc\":\"d\",\"kind\":\"nonsense\",\"text\":\"four\"}\n" /* line 5 */
    "[1,2]\n"                                                                        /* line 6 */
    "{\"type\":\"block\",\"doc\":\"d\",\"kind\":\"paragraph\",\"text\":\"five\"}\n";

static void test_jsonl_bad_line_named(void **s)
{
    (void)s;
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    assert_int_equal(read_text(BAD_LINES, ".jsonl", "jsonl", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 57); /* cJSON stops at the last character */
    assert_non_null(strstr(err.message, "line 3"));
    assert_non_null(strstr(err.message, "invalid JSON"));
    assert_int_equal(rec.nblocks, 1);
    rec_sink_free(&rec);
}

static void test_jsonl_skip_bad_records(void **s)
{
    (void)s;
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    warn_log wl = {0};
    dbr_options *o = dbr_options_new();
    dbr_options_set(o, "skip-bad-records", NULL);
    assert_int_equal(read_text(BAD_LINES, ".jsonl", "jsonl", o, &err, &rec, &wl), DBR_OK);
    assert_int_equal(rec.nblocks, 3);
    assert_string_equal(rec.blocks[2]->text.spans[0].text, "five");
    assert_int_equal(rec.ndocs, 1);
    assert_int_equal(rec.ended_docs, 1);
    /* One warning per skipped line and the summary with the count. */
    assert_int_equal(wl.count, 4);
    assert_string_equal(wl.last, "skipped 3 bad record line(s)");
    dbr_options_free(o);
    rec_sink_free(&rec);
}

static void test_json_truncated_and_malformed(void **s)
{
    (void)s;
    size_t len;
    char *full = test_slurp(TEST_SRC_DIR "/fixtures/json/everything.json", &len);
    assert_non_null(full);
    rec_sink rec;
    dbr_error err;
    /* Cut in the middle of line 20: the error is at the end of the input. */
    char *cut = strdup(full);
    char *p = cut;
    for (int l = 1; l < 20; l++)
        p = strchr(p, '\n') + 1;
    p[10] = '\0';
    rec_sink_init(&rec);
    assert_int_equal(read_text(cut, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "truncated"));
    assert_int_equal(err.line, 20);
    assert_int_equal(err.column, 11);
    rec_sink_free(&rec);
    free(cut);
    /* A missing comma between two members of the first document (line 8 -> 9). */
    char *bad = strdup(full);
    char *lang = strstr(bad, "\"lang\": \"en\",");
    lang[12] = ' ';
    rec_sink_init(&rec);
    assert_int_equal(read_text(bad, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "malformed"));
    assert_int_equal(err.line, 9);
    assert_int_equal(err.column, 7);
    assert_non_null(strstr(err.file, ".json"));
    rec_sink_free(&rec);
    free(bad);
    /* Bad JSON inside a content item is located inside the item. */
    bad = strdup(full);
    char *kind = strstr(bad, "\"kind\": \"heading\"");
    kind[7] = '!';
    rec_sink_init(&rec);
    assert_int_equal(read_text(bad, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_int_equal(err.line, 19);
    assert_int_equal(err.column, 46);
    rec_sink_free(&rec);
    free(bad);
    free(full);
}

static void test_json_unknown_field_refused(void **s)
{
    (void)s;
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    const char *t = "{\"format\":\"docbridge-dataset\",\"version\":\"1.0\",\"documents\":[\n"
                    "{\"id\":\"x\",\"content\":[\n  {\"type\":\"block\",\"kind\":\"paragraph\","
                    "\"text\":\"a\",\"colour\":\"red\"}]}]}";
    assert_int_equal(read_text(t, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "unknown field 'colour'"));
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 3);
    rec_sink_free(&rec);
    const char *v2 = "{\"format\":\"docbridge-dataset\",\"version\":\"2.0\",\"documents\":[]}";
    rec_sink_init(&rec);
    assert_int_equal(read_text(v2, ".json", "json", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_non_null(strstr(err.message, "version"));
    rec_sink_free(&rec);
}

/* Reads XML text; expects failure at line:col with msg in the message. */
static void xml_fails(const char *text, long line, long col, const char *msg)
{
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    assert_int_equal(read_text(text, ".xml", "xml", NULL, &err, &rec, NULL), DBR_FAILED);
    if (!strstr(err.message, msg))
        fail_msg("'%s' not in '%s'", msg, err.message);
    if (err.line != line || err.column != col)
        fail_msg("%s: at %ld:%ld, expected %ld:%ld", msg, err.line, err.column, line, col);
    rec_sink_free(&rec);
}

#define XML_HEAD "<?xml version=\"1.0\"?>\n"
#define DS_OPEN "<dataset xmlns=\"urn:docbridge:dataset:1.0\" version=\"1.0\">\n"

static void test_xml_bad_inputs(void **s)
{
    (void)s;
    xml_fails(XML_HEAD "<dataset xmlns=\"urn:docbridge:dataset:2.0\" version=\"2.0\"/>\n", 2, 1,
              "unknown namespace version 'urn:docbridge:dataset:2.0'");
    xml_fails(XML_HEAD "<dataset xmlns=\"urn:other\"/>\n", 2, 1, "not a docbridge dataset");
    xml_fails(XML_HEAD DS_OPEN "<document id=\"a\">\n  <block kind=\"paragraph\"><text>x</text>"
              "<colour/></block>", 4, 41, "unknown element <colour> in <block>");
    xml_fails(XML_HEAD DS_OPEN "<document>\n<block kind=\"paragraph\" size=\"3\"><text/></block>",
              4, 1, "unknown attribute 'size' on <block>");
    xml_fails(XML_HEAD DS_OPEN "<document>\n<unit>stray</unit>", 4, 7, "unexpected text in <unit>");
    xml_fails(XML_HEAD DS_OPEN "<document>\n<block><text/></block>", 4, 1, "needs a kind");
    xml_fails(XML_HEAD DS_OPEN "<document>\n<unit/>\n<title>late</title>", 5, 1,
              "<title> must come before");
    xml_fails(XML_HEAD DS_OPEN "<document>\n<provenance encoding_confidence=\"1\" byte_size=\"1\" "
              "invalid_bytes=\"0\" removed_controls=\"0\"/><unit/>", 4, 91, "after <provenance>");
    xml_fails(XML_HEAD DS_OPEN "<document>\n<block kind=\"paragraph\">\n<text>cut sh", 5, 13,
              "unexpected end of input");
    xml_fails(XML_HEAD "<!DOCTYPE dataset [<!ENTITY lol \"lol\">]>\n" DS_OPEN "</dataset>", 2, 33,
              "entity declarations are refused");
    xml_fails(XML_HEAD "<!DOCTYPE dataset SYSTEM \"file:///etc/passwd\">\n" DS_OPEN
              "<document><title>&xxe;</title></document></dataset>", 4, 18,
              "undeclared entity 'xxe'");
    /* 10,000 nested elements: an error, not a stack overflow. */
    char *bomb = malloc(10000 * 10 + 200);
    strcpy(bomb, XML_HEAD DS_OPEN "<document><block kind=\"paragraph\"><text>");
    for (int i = 0; i < 10000; i++)
        strcat(bomb, "<open>");
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_error err;
    assert_int_equal(read_text(bomb, ".xml", "xml", NULL, &err, &rec, NULL), DBR_FAILED);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "unknown element <open> in <open>"));
    rec_sink_free(&rec);
    free(bomb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_every_field),
        cmocka_unit_test(test_jsonl_blocks_every_field),
        cmocka_unit_test(test_jsonl_documents_every_field),
        cmocka_unit_test(test_jsonl_units_every_field),
        cmocka_unit_test(test_xml_every_field),
        cmocka_unit_test(test_xml_bad_inputs),
        cmocka_unit_test(test_json_nesting_bomb),
        cmocka_unit_test(test_jsonl_nesting_bomb),
        cmocka_unit_test(test_jsonl_bad_line_named),
        cmocka_unit_test(test_jsonl_skip_bad_records),
        cmocka_unit_test(test_json_truncated_and_malformed),
        cmocka_unit_test(test_json_unknown_field_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
