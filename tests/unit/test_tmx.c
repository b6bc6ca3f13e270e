/* test_tmx.c - the tmx plugin: read tests against expected event dumps, explicit checks of the
 * mapping (formats/tmx.md), bad input with exact locations, --lenient, the writer from model
 * events (codes from other formats, blocks refused) against expected files, and the probe. */
#define _GNU_SOURCE
#include "testutil.h"

#include "docbridge/io.h"
#include "docbridge/plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX TEST_SRC_DIR "/fixtures/tmx/"

/* ---------- event dumps ---------- */

static void dump_props(dbr_buf *b, const char *indent, const dbr_props *p)
{
    for (size_t i = 0; i < p->count; i++)
        dbr_buf_printf(b, "%sprop %s = [%s]\n", indent, p->items[i].key, p->items[i].value);
}

static void dump_notes(dbr_buf *b, const char *indent, const dbr_notes *n)
{
    for (size_t i = 0; i < n->count; i++) {
        dbr_buf_printf(b, "%snote lang=%s [%s]\n", indent, n->items[i].lang ? n->items[i].lang
                                                                           : "-",
                       n->items[i].text);
        char deeper[32];
        snprintf(deeper, sizeof deeper, "%s  ", indent);
        dump_props(b, deeper, &n->items[i].props);
    }
}

static void dump_rich(dbr_buf *b, const dbr_rich *r)
{
    static const char *const kinds[] = {"text", "open", "close", "ph", "mark_open", "mark_close"};
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *s = &r->spans[i];
        if (s->kind == DBR_SPAN_TEXT) {
            dbr_buf_printf(b, "      text [%s]\n", s->text);
            continue;
        }
        dbr_buf_printf(b, "      %s id=%s type=%s origin=%s flags=%u data=[%s]\n", kinds[s->kind],
                       s->id ? s->id : "-", s->type ? s->type : "-",
                       s->origin ? s->origin : "-", s->flags, s->text ? s->text : "(null)");
        dump_props(b, "        ", &s->attrs);
    }
}

static void dump_unit(dbr_buf *b, const dbr_unit *u)
{
    dbr_buf_printf(b, "unit id=%s\n", u->id ? u->id : "-");
    if (u->has_score)
        dbr_buf_printf(b, "  score %g\n", u->score);
    if (u->bead || u->origin)
        dbr_buf_printf(b, "  bead=%s origin=%s\n", u->bead ? u->bead : "-",
                       u->origin ? u->origin : "-");
    dump_notes(b, "  ", &u->notes);
    dump_props(b, "  ", &u->props);
    for (size_t v = 0; v < u->nvariants; v++) {
        const dbr_variant *var = &u->variants[v];
        dbr_buf_printf(b, "  variant %s state=%s\n", var->lang, var->state ? var->state : "-");
        dump_notes(b, "    ", &var->notes);
        dump_props(b, "    ", &var->props);
        for (size_t p = 0; p < var->nplurals; p++) {
            dbr_buf_printf(b, "    plural %zu\n", p + 1);
            dump_rich(b, &var->plurals[p]);
        }
        dump_rich(b, &var->text);
    }
}

static void dump_doc(dbr_buf *b, const dbr_doc *d)
{
    dbr_buf_printf(b, "doc lang=%s date=%s title=%s\n", d->lang ? d->lang : "-",
                   d->date ? d->date : "-", d->title ? d->title : "-");
    for (size_t i = 0; i < d->nlangs; i++)
        dbr_buf_printf(b, "  lang %s\n", d->langs[i]);
    dump_notes(b, "  ", &d->notes);
    dump_props(b, "  ", &d->props);
}

static char *dump_events(const rec_sink *r)
{
    dbr_buf b = DBR_BUF_INIT;
    for (size_t i = 0; i < r->ndocs; i++)
        dump_doc(&b, r->docs[i]);
    for (size_t i = 0; i < r->nunits; i++)
        dump_unit(&b, r->units[i]);
    char *s = strdup(dbr_buf_cstr(&b));
    dbr_buf_free(&b);
    return s;
}

/* ---------- helpers ---------- */

typedef struct warn_log {
    int count;
    char last[1024];
    long last_line;
} warn_log;

static void log_warning(void *ud, const dbr_error *w)
{
    warn_log *l = ud;
    l->count++;
    snprintf(l->last, sizeof l->last, "%s", w->message);
    l->last_line = w->line;
}

static dbr_status read_file(const char *path, dbr_options *opts, rec_sink *rec, dbr_error *err,
                            warn_log *wl)
{
    dbr_registry *reg = test_registry(NULL);
    assert_non_null(dbr_registry_find(reg, "tmx"));
    rec_sink_init(rec);
    dbr_error_clear(err);
    dbr_status st = dbr_read_into(reg, path, "tmx", opts, log_warning, wl, &rec->sink, err);
    dbr_registry_free(reg);
    return st;
}

static void compare_with_file(const char *got, const char *expected_path)
{
    char *want = test_slurp(expected_path, NULL);
    if (!want || strcmp(got, want) != 0) {
        char *tmp = test_write_temp(got, strlen(got), ".got");
        fprintf(stderr, "mismatch with %s; got output in %s\n", expected_path, tmp ? tmp : "?");
        free(tmp);
    }
    assert_non_null(want);
    assert_string_equal(got, want);
    free(want);
}

static void check_dump(const char *fixture, const char *expected)
{
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(fixture, NULL, &rec, &err, &wl), DBR_OK);
    assert_int_equal(wl.count, 0);
    char *got = dump_events(&rec);
    compare_with_file(got, expected);
    free(got);
    rec_sink_free(&rec);
}

/* ---------- read tests ---------- */

static void test_read_full_dump(void **state)
{
    (void)state;
    check_dump(FIX "full.tmx", TEST_SRC_DIR "/tests/unit/expected/tmx/full.events");
}

static void test_read_multilingual_dump(void **state)
{
    (void)state;
    check_dump(FIX "multilingual.tmx", TEST_SRC_DIR "/tests/unit/expected/tmx/multilingual.events");
}

static void test_read_full_mapping(void **state)
{
    (void)state;
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(FIX "full.tmx", NULL, &rec, &err, &wl), DBR_OK);
    assert_int_equal(rec.ndocs, 1);
    assert_int_equal(rec.ended_docs, 1);
    const dbr_doc *d = rec.docs[0];
    assert_string_equal(d->lang, "en-GB");
    assert_string_equal(d->date, "2024-01-02T03:04:05Z");
    assert_string_equal(dbr_props_get(&d->props, "tmx:creationtool"), "Fixture & Co");
    assert_string_equal(dbr_props_get(&d->props, "x-client"), "Pægasus <Ltd>");
    assert_string_equal(dbr_props_get(&d->props, "tmx:prop.xml:lang"), "en");
    assert_string_equal(dbr_props_get(&d->props, "tmx:ude"), "MacRoman");
    assert_int_equal(d->nlangs, 2);
    assert_int_equal(rec.nunits, 4);

    const dbr_unit *u = rec.units[0];
    assert_string_equal(u->id, "0001");
    assert_string_equal(dbr_props_get(&u->props, "tmx:usagecount"), "2");
    assert_string_equal(u->notes.items[0].text, "Unit note.");
    const dbr_variant *en = &u->variants[0];
    assert_string_equal(en->lang, "en-GB");
    assert_string_equal(en->notes.items[0].lang, "en");
    assert_string_equal(dbr_props_get(&en->notes.items[0].props, "tmx:o-encoding"), "utf-8");
    const dbr_span *bpt = &en->text.spans[1];
    assert_int_equal(bpt->kind, DBR_SPAN_OPEN);
    assert_string_equal(bpt->id, "1");
    assert_string_equal(bpt->type, "bold");
    assert_string_equal(bpt->origin, "bpt");
    assert_string_equal(bpt->text, "<b>");
    assert_string_equal(dbr_props_get(&bpt->attrs, "x"), "1");
    const dbr_span *ph = &en->text.spans[5];
    assert_int_equal(ph->kind, DBR_SPAN_PLACEHOLDER);
    assert_string_equal(ph->id, "2");
    assert_string_equal(dbr_props_get(&ph->attrs, "assoc"), "p");

    /* it, hi and ut */
    const dbr_rich *r2 = &rec.units[1]->variants[0].text;
    assert_int_equal(r2->spans[0].kind, DBR_SPAN_OPEN);
    assert_int_equal(r2->spans[0].flags, DBR_SPAN_ISOLATED);
    assert_int_equal(r2->spans[2].kind, DBR_SPAN_MARK_OPEN);
    assert_string_equal(r2->spans[2].id, "3");
    assert_int_equal(r2->spans[5].kind, DBR_SPAN_MARK_CLOSE);
    assert_string_equal(r2->spans[5].id, "3");
    assert_string_equal(r2->spans[7].origin, "ut");

    /* sub inside a code: flat native data plus the exact inner markup */
    const dbr_span *sub = &rec.units[2]->variants[0].text.spans[1];
    assert_string_equal(sub->text, "<a title=\"Home & <b>away</b>\">");
    assert_string_equal(dbr_props_get(&sub->attrs, "tmx:xml"),
                        "&lt;a title=\"<sub type=\"x-title\">Home &amp; <bpt i=\"1\">&lt;b&gt;"
                        "</bpt>away<ept i=\"1\">&lt;/b&gt;</ept></sub>\"&gt;");
    /* empty seg */
    assert_int_equal(rec.units[3]->variants[0].text.count, 0);
    rec_sink_free(&rec);
}

static void test_read_multilingual(void **state)
{
    (void)state;
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(FIX "multilingual.tmx", NULL, &rec, &err, &wl), DBR_OK);
    const dbr_doc *d = rec.docs[0];
    assert_null(d->lang);
    assert_string_equal(dbr_props_get(&d->props, "tmx:srclang"), "*all*");
    assert_int_equal(d->nlangs, 4);
    assert_int_equal(rec.units[0]->nvariants, 4);
    assert_string_equal(rec.units[0]->variants[3].lang, "ja");
    const dbr_variant *en = &rec.units[1]->variants[1];
    assert_string_equal(en->lang, "en");
    assert_string_equal(dbr_props_get(&en->props, "tmx:lang"), "en");
    const dbr_note *n = &rec.units[1]->variants[0].notes.items[0];
    assert_null(n->lang);
    assert_string_equal(dbr_props_get(&n->props, "tmx:lang"), "de");
    rec_sink_free(&rec);
}

/* A TMX 1.1 file (lang instead of xml:lang, version 1.1) reads fully; the version is kept. */
static void test_read_tmx11(void **state)
{
    (void)state;
    const char *doc = "<?xml version=\"1.0\"?>\n<tmx version=\"1.1\"><header srclang=\"EN-US\" "
                      "creationdate=\"2001-01-01\"/><body><tu><tuv lang=\"EN-US\"><seg>a</seg>"
                      "</tuv><tuv lang=\"FR-FR\"><seg>b</seg></tuv></tu></body></tmx>\n";
    char *path = test_write_temp(doc, strlen(doc), ".tmx");
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(path, NULL, &rec, &err, &wl), DBR_OK);
    const dbr_doc *d = rec.docs[0];
    assert_string_equal(dbr_props_get(&d->props, "tmx:version"), "1.1");
    assert_null(d->date); /* not a TMX date: kept as written */
    assert_string_equal(dbr_props_get(&d->props, "tmx:creationdate"), "2001-01-01");
    assert_string_equal(rec.units[0]->variants[1].lang, "FR-FR");
    assert_string_equal(dbr_props_get(&rec.units[0]->variants[1].props, "tmx:lang"), "FR-FR");
    rec_sink_free(&rec);
    unlink(path);
    free(path);
}

/* ---------- bad input ---------- */

typedef struct bad_case {
    const char *file;
    int strict;
    long line, column;
    const char *message; /* substring */
} bad_case;

static void test_bad_inputs(void **state)
{
    (void)state;
    static const bad_case cases[] = {
        {"malformed.tmx", 0, 7, 28, "mismatched tag: expected </seg> (opened at line 7)"},
        {"one_tuv.tmx", 0, 9, 3, "<tu> has only one <tuv>"},
        {"unknown_inline.tmx", 0, 6, 27, "unknown inline element <b> in <seg>"},
        {"billion_laughs.tmx", 0, 3, 15, "DOCTYPE declares an entity 'lol'"},
        {"external_entity.tmx", 0, 3, 42, "DOCTYPE declares an external entity 'xxe'"},
        {"truncated.tmx", 0, 12, 1, "unexpected end of input"},
        {"truncated.tmx", 0, 12, 1, "expected </tu> (opened at line 9)"},
        {"invalid_bytes.tmx", 1, 6, 28, "invalid UTF-8"},
        {"no_lang.tmx", 0, 6, 1, "<tuv> without xml:lang"},
        {"bad_it.tmx", 0, 6, 26, "<it> needs pos=\"begin\" or pos=\"end\" (got \"middle\")"},
        {"not_tmx.tmx", 0, 2, 1, "root element is <xliff>, expected <tmx>"},
        {"text_in_tu.tmx", 0, 5, 14, "text outside <seg>, <note> and <prop> (in <tu>)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const bad_case *c = &cases[i];
        char path[512];
        snprintf(path, sizeof path, FIX "bad/%s", c->file);
        dbr_options *opts = dbr_options_new();
        if (c->strict)
            dbr_options_set(opts, "strict", NULL);
        rec_sink rec;
        dbr_error err;
        warn_log wl = {0};
        dbr_status st = read_file(path, opts, &rec, &err, &wl);
        if (st != DBR_FAILED || err.line != c->line || err.column != c->column ||
            !strstr(err.message, c->message))
            fprintf(stderr, "case %s: status %d at %ld:%ld: %s\n", c->file, st, err.line,
                    err.column, err.message);
        assert_int_equal(st, DBR_FAILED);
        assert_int_equal(err.line, c->line);
        assert_int_equal(err.column, c->column);
        assert_non_null(strstr(err.message, c->message));
        assert_non_null(strstr(err.file, c->file));
        rec_sink_free(&rec);
        dbr_options_free(opts);
    }
}

static void test_invalid_bytes_replaced_by_default(void **state)
{
    (void)state;
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(FIX "bad/invalid_bytes.tmx", NULL, &rec, &err, &wl), DBR_OK);
    assert_string_equal(rec.units[0]->variants[0].text.spans[0].text, "caf\xef\xbf\xbd");
    assert_int_equal(rec.docs[0]->prov.invalid_bytes, 1);
    rec_sink_free(&rec);
}

static void test_lenient_skips_with_warnings(void **state)
{
    (void)state;
    struct { const char *file; int units; long warn_line; } cases[] = {
        {"one_tuv.tmx", 2, 0}, {"unknown_inline.tmx", 1, 0}, {"no_lang.tmx", 1, 0},
        {"bad_it.tmx", 1, 0}, {"text_in_tu.tmx", 1, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, FIX "bad/%s", cases[i].file);
        dbr_options *opts = dbr_options_new();
        dbr_options_set(opts, "lenient", NULL);
        rec_sink rec;
        dbr_error err;
        warn_log wl = {0};
        assert_int_equal(read_file(path, opts, &rec, &err, &wl), DBR_OK);
        assert_int_equal(rec.nunits, cases[i].units);
        /* one warning for the skipped unit, one with the count at the end */
        assert_int_equal(wl.count, 2);
        assert_string_equal(wl.last, "1 unit skipped (--lenient)");
        rec_sink_free(&rec);
        dbr_options_free(opts);
    }
}

static void test_lenient_does_not_cover_malformed_xml(void **state)
{
    (void)state;
    dbr_options *opts = dbr_options_new();
    dbr_options_set(opts, "lenient", NULL);
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(FIX "bad/malformed.tmx", opts, &rec, &err, &wl), DBR_FAILED);
    assert_int_equal(err.line, 7);
    rec_sink_free(&rec);
    dbr_options_free(opts);
}

/* ---------- writer ---------- */

typedef struct writer_run {
    dbr_registry *reg;
    const dbr_plugin *p;
    void *state;
    dbr_output *out;
    dbr_job job;
    dbr_error err;
    warn_log wl;
    char path[256];
} writer_run;

static void writer_start(writer_run *w, dbr_options *opts)
{
    memset(w, 0, sizeof *w);
    w->reg = test_registry(NULL);
    w->p = dbr_registry_find(w->reg, "tmx")->plugin;
    w->state = calloc(1, w->p->writer->state_size);
    snprintf(w->path, sizeof w->path, "/tmp/dbr-tmx-write-%d.tmx", (int)getpid());
    dbr_error_clear(&w->err);
    w->out = dbr_output_open(w->path, &w->err);
    assert_non_null(w->out);
    w->job = (dbr_job){.err = &w->err, .opts = opts, .warn = log_warning, .warn_ud = &w->wl,
                       .converter = "docbridge"};
    assert_int_equal(w->p->writer->open(w->state, &w->job, w->out), DBR_OK);
}

/* Finishes; returns the written file's content (malloc'd), or NULL when it failed. */
static char *writer_end(writer_run *w, dbr_status st)
{
    if (st == DBR_OK)
        st = w->p->writer->finish(w->state);
    w->p->writer->cleanup(w->state);
    free(w->state);
    char *got = NULL;
    if (st == DBR_OK && dbr_output_commit(w->out, &w->err) == DBR_OK) {
        got = test_slurp(w->path, NULL);
        unlink(w->path);
    } else if (st != DBR_OK) {
        dbr_output_abort(w->out);
    }
    dbr_registry_free(w->reg);
    return got;
}

static dbr_span *code(dbr_pool *p, dbr_rich *r, dbr_span_kind k, const char *id,
                      const char *data, const char *origin)
{
    dbr_span *s = dbr_rich_add_code(p, r, k, id, data);
    s->origin = origin;
    return s;
}

/* Units as an XLIFF or PO reader would send them: XLIFF 1.2 g/x/bx/ex, XLIFF 2 pc/sc/ec/sm/em,
 * a span without id, plurals, states, scores, notes from elsewhere. */
static dbr_status send_model_units(writer_run *w, dbr_pool *p)
{
    dbr_sink sink = {w->p->writer->sink, w->state};
    dbr_doc d;
    dbr_doc_init(&d);
    d.lang = "en-GB";
    d.title = "Manual";
    d.date = "2024-05-06T07:08:09Z";
    d.prov.format = "xliff";
    dbr_doc_add_author(p, &d, "Ann");
    dbr_props_add(p, &d.props, "xliff:original", "manual.docx");
    dbr_status st = dbr_sink_begin_document(&sink, &d);

    dbr_unit u;
    memset(&u, 0, sizeof u);
    u.id = "u1";
    u.has_score = 1;
    u.score = 0.9;
    u.bead = "1-1";
    dbr_notes_add(p, &u.notes, "from xliff", NULL);
    dbr_props_add(p, &u.props, "xliff:resname", "greeting");
    dbr_variant *src = dbr_unit_add_variant(p, &u, "en-GB");
    dbr_variant *tgt = dbr_unit_add_variant(p, &u, "zh-CN");
    tgt->state = "translated";
    dbr_rich_add_text(p, &src->text, "Press ", 6);
    code(p, &src->text, DBR_SPAN_OPEN, "1", NULL, "g")->flags = DBR_SPAN_WELLFORMED;
    dbr_rich_add_text(p, &src->text, "OK", 2);
    code(p, &src->text, DBR_SPAN_CLOSE, "1", NULL, "g")->flags = DBR_SPAN_WELLFORMED;
    code(p, &src->text, DBR_SPAN_PLACEHOLDER, "2", NULL, "x");
    code(p, &src->text, DBR_SPAN_OPEN, "3", "<i>", "bx");
    dbr_rich_add_text(p, &src->text, " & <go>", 7);
    code(p, &tgt->text, DBR_SPAN_OPEN, "1", "<b>", "pc")->type = "fmt";
    dbr_rich_add_text(p, &tgt->text, "确定", strlen("确定"));
    code(p, &tgt->text, DBR_SPAN_CLOSE, "1", "</b>", "pc");
    code(p, &tgt->text, DBR_SPAN_CLOSE, "9", "</u>", "ec")->flags = DBR_SPAN_ISOLATED;
    code(p, &tgt->text, DBR_SPAN_MARK_OPEN, "m1", NULL, "mrk")->type = "term";
    dbr_rich_add_text(p, &tgt->text, "按", strlen("按"));
    code(p, &tgt->text, DBR_SPAN_MARK_CLOSE, "m1", NULL, "mrk");
    code(p, &tgt->text, DBR_SPAN_OPEN, NULL, "{", NULL);
    code(p, &tgt->text, DBR_SPAN_CLOSE, NULL, "}", NULL);
    code(p, &tgt->text, DBR_SPAN_MARK_OPEN, "a", NULL, "sm");
    code(p, &tgt->text, DBR_SPAN_MARK_OPEN, "b", NULL, "sm");
    code(p, &tgt->text, DBR_SPAN_MARK_CLOSE, "a", NULL, "em");
    code(p, &tgt->text, DBR_SPAN_MARK_CLOSE, "b", NULL, "em");
    if (st == DBR_OK)
        st = dbr_sink_unit(&sink, &u);

    dbr_unit po;
    memset(&po, 0, sizeof po);
    po.id = "files";
    dbr_variant *ms = dbr_unit_add_variant(p, &po, NULL); /* takes the document's language */
    dbr_rich_set_plain(p, &ms->text, "%d file");
    ms->plurals = dbr_pool_alloc(p, sizeof *ms->plurals);
    ms->nplurals = 1;
    dbr_rich_set_plain(p, &ms->plurals[0], "%d files");
    dbr_variant *mt = dbr_unit_add_variant(p, &po, "fr");
    dbr_rich_set_plain(p, &mt->text, "%d fichier");
    dbr_note *tc = dbr_notes_add(p, &mt->notes, "translator comment", "en");
    dbr_props_add(p, &tc->props, "from", "developer");
    if (st == DBR_OK)
        st = dbr_sink_unit(&sink, &po);
    if (st == DBR_OK)
        st = dbr_sink_end_document(&sink, &d);
    return st;
}

static void test_write_from_model(void **state)
{
    (void)state;
    writer_run w;
    writer_start(&w, NULL);
    dbr_pool *p = dbr_pool_new();
    dbr_status st = send_model_units(&w, p);
    char *got = writer_end(&w, st);
    assert_non_null(got);
    compare_with_file(got, FIX "expected/from_model.tmx");
    free(got);
    dbr_pool_free(p);
}

/* What the writer made reads back into the same model fields. */
static void test_write_then_read_keeps_model_fields(void **state)
{
    (void)state;
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(FIX "expected/from_model.tmx", NULL, &rec, &err, &wl), DBR_OK);
    const dbr_doc *d = rec.docs[0];
    assert_string_equal(d->title, "Manual");
    assert_string_equal(d->date, "2024-05-06T07:08:09Z");
    assert_int_equal(d->nauthors, 1);
    assert_string_equal(dbr_props_get(&d->props, "xliff:original"), "manual.docx");
    const dbr_unit *u = rec.units[0];
    assert_true(u->has_score);
    assert_true(u->score == 0.9);
    assert_string_equal(u->bead, "1-1");
    assert_string_equal(dbr_props_get(&u->props, "xliff:resname"), "greeting");
    assert_string_equal(u->variants[1].state, "translated");
    const dbr_unit *po = rec.units[1];
    assert_string_equal(po->variants[0].lang, "en-GB");
    assert_int_equal(po->variants[0].nplurals, 1);
    assert_string_equal(po->variants[0].plurals[0].spans[0].text, "%d files");
    const dbr_note *tc = &po->variants[1].notes.items[0];
    assert_string_equal(tc->lang, "en");
    assert_string_equal(dbr_props_get(&tc->props, "from"), "developer");
    assert_int_equal(po->variants[1].props.count, 0);
    rec_sink_free(&rec);
}

static void test_write_refuses_blocks(void **state)
{
    (void)state;
    writer_run w;
    writer_start(&w, NULL);
    dbr_doc d;
    dbr_doc_init(&d);
    dbr_block b;
    memset(&b, 0, sizeof b);
    b.kind = DBR_BLOCK_PARAGRAPH;
    b.line = 3;
    dbr_status st = w.p->writer->sink->begin_document(w.state, &d);
    assert_int_equal(st, DBR_OK);
    st = w.p->writer->sink->block(w.state, &b);
    assert_int_equal(st, DBR_FAILED);
    assert_non_null(strstr(w.err.message, "tmx holds translation units, not paragraph blocks "
                                          "(block from line 3): align"));
    assert_null(writer_end(&w, st));
    assert_int_not_equal(access(w.path, F_OK), 0);
}

static void test_write_lenient_skips_one_variant_units(void **state)
{
    (void)state;
    dbr_options *opts = dbr_options_new();
    dbr_options_set(opts, "lenient", NULL);
    writer_run w;
    writer_start(&w, opts);
    dbr_pool *p = dbr_pool_new();
    dbr_doc d;
    dbr_doc_init(&d);
    d.lang = "en";
    dbr_unit u;
    memset(&u, 0, sizeof u);
    u.id = "lonely";
    dbr_rich_set_plain(p, &dbr_unit_add_variant(p, &u, "en")->text, "alone");
    const dbr_sink_ops *ops = w.p->writer->sink;
    assert_int_equal(ops->begin_document(w.state, &d), DBR_OK);
    assert_int_equal(ops->unit(w.state, &u), DBR_OK);
    char *got = writer_end(&w, DBR_OK);
    assert_non_null(got);
    assert_null(strstr(got, "<tu"));
    assert_int_equal(w.wl.count, 2);
    assert_string_equal(w.wl.last, "1 unit or block skipped (--lenient)");
    free(got);
    dbr_pool_free(p);
    dbr_options_free(opts);
}

/* A form feed (kept by the input layer, e.g. in PO text), U+0001 (XLIFF 2 <cp hex="0001"/>) and
 * U+FFFF cannot be written in XML 1.0 at all; DEL and C1 controls can, but the input layer
 * removes them on reading (U+00A9, also led by C2, is an ordinary character). In a segment they become
 * <ph type="x-docbridge-cp">HEX</ph>, which reads back as the character; in a prop, U+FFFD,
 * counted in one warning. The file stays well-formed either way. */
static void test_write_characters_xml_forbids(void **state)
{
    (void)state;
    writer_run w;
    writer_start(&w, NULL);
    dbr_pool *p = dbr_pool_new();
    dbr_doc d;
    dbr_doc_init(&d);
    d.lang = "en";
    dbr_unit u;
    memset(&u, 0, sizeof u);
    const char *text = "page\fbreak\xEF\xBF\xBF & <x>\r\x01\x7F\xC2\x85 \xC2\xA9";
    dbr_props_add(p, &u.props, "x-note", "a\fb");
    dbr_rich_set_plain(p, &dbr_unit_add_variant(p, &u, "en")->text, text);
    dbr_rich_set_plain(p, &dbr_unit_add_variant(p, &u, "fr")->text, "ok");
    dbr_sink sink = {w.p->writer->sink, w.state};
    assert_int_equal(dbr_sink_begin_document(&sink, &d), DBR_OK);
    assert_int_equal(dbr_sink_unit(&sink, &u), DBR_OK);
    char *got = writer_end(&w, DBR_OK);
    assert_non_null(got);
    assert_non_null(strstr(got, "<seg>page<ph type=\"x-docbridge-cp\">000C</ph>break"
                                "<ph type=\"x-docbridge-cp\">FFFF</ph> &amp; &lt;x&gt;&#13;"
                                "<ph type=\"x-docbridge-cp\">0001</ph>"
                                "<ph type=\"x-docbridge-cp\">007F</ph>"
                                "<ph type=\"x-docbridge-cp\">0085</ph> \xC2\xA9</seg>"));
    assert_non_null(strstr(got, "<prop type=\"x-note\">a\xEF\xBF\xBD" "b</prop>"));
    assert_int_equal(w.wl.count, 1);
    assert_non_null(strstr(w.wl.last, "1 character not allowed in XML 1.0"));

    char *path = test_write_temp(got, strlen(got), ".tmx");
    rec_sink rec;
    dbr_error err;
    warn_log wl = {0};
    assert_int_equal(read_file(path, NULL, &rec, &err, &wl), DBR_OK);
    const dbr_rich *r = &rec.units[0]->variants[0].text;
    assert_int_equal(r->count, 1);
    assert_string_equal(r->spans[0].text, text);
    rec_sink_free(&rec);
    unlink(path);
    free(path);
    free(got);
    dbr_pool_free(p);
}

/* PO's header dates become the TMX header's creationdate and changedate, in UTC (across a
 * leap day and a year end); the PO properties are written as props as well. */
static void test_write_maps_po_dates(void **state)
{
    (void)state;
    writer_run w;
    writer_start(&w, NULL);
    dbr_pool *p = dbr_pool_new();
    dbr_doc d;
    dbr_doc_init(&d);
    d.lang = "en";
    dbr_props_add(p, &d.props, "po:header:POT-Creation-Date", "2024-03-01 00:30+0100");
    dbr_props_add(p, &d.props, "po:header:PO-Revision-Date", "2023-12-31 23:30-0100");
    dbr_sink sink = {w.p->writer->sink, w.state};
    assert_int_equal(dbr_sink_begin_document(&sink, &d), DBR_OK);
    char *got = writer_end(&w, DBR_OK);
    assert_non_null(got);
    assert_non_null(strstr(got, "creationdate=\"20240229T233000Z\" changedate=\"20240101T003000Z\""));
    assert_non_null(strstr(got, "<prop type=\"po:header:POT-Creation-Date\">2024-03-01 00:30+0100</prop>"));
    free(got);
    dbr_pool_free(p);
}

static void test_write_empty_dataset_is_valid_tmx(void **state)
{
    (void)state;
    writer_run w;
    writer_start(&w, NULL);
    char *got = writer_end(&w, DBR_OK);
    assert_non_null(got);
    assert_non_null(strstr(got, "srclang=\"*all*\""));
    assert_non_null(strstr(got, "<body/>"));
    free(got);
}

/* Every allocation of a read may fail: the reader reports it and frees what it holds (the
 * sanitizer build checks the freeing). */
static void test_read_survives_allocation_failures(void **state)
{
    (void)state;
    dbr_registry *reg = test_registry(NULL);
    int failures = 0;
    for (uint64_t n = 1; n < 100000; n++) {
        rec_sink rec;
        rec_sink_init(&rec);
        dbr_error err;
        dbr_error_clear(&err);
        dbr_alloc_fail_after(n);
        dbr_status st = dbr_read_into(reg, FIX "full.tmx", "tmx", NULL, NULL, NULL, &rec.sink,
                                      &err);
        dbr_alloc_fail_after(0);
        rec_sink_free(&rec);
        if (st == DBR_OK)
            break;
        assert_int_equal(st, DBR_FAILED);
        assert_true(err.message[0] != '\0');
        failures++;
    }
    assert_true(failures > 10);
    dbr_registry_free(reg);
}

/* ---------- probe ---------- */

static void test_probe(void **state)
{
    (void)state;
    dbr_registry *reg = test_registry(NULL);
    const dbr_plugin *p = dbr_registry_find(reg, "tmx")->plugin;
    const char *doc = "<?xml version=\"1.0\"?>\n<!-- c -->\n<tmx version=\"1.4\"><header/>";
    dbr_probe_input in = {.text = doc, .text_len = strlen(doc), .name = "a.xml"};
    assert_int_equal(p->probe(&in), DBR_PROBE_SIGNATURE);
    const char *other = "<?xml version=\"1.0\"?><xliff version=\"1.2\">";
    dbr_probe_input in2 = {.text = other, .text_len = strlen(other), .name = "a.xml"};
    assert_int_equal(p->probe(&in2), DBR_PROBE_NONE);
    dbr_probe_input in3 = {.text = "", .text_len = 0, .name = "memory.TMX"};
    assert_int_equal(p->probe(&in3), DBR_PROBE_EXTENSION);
    dbr_registry_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_full_dump),
        cmocka_unit_test(test_read_multilingual_dump),
        cmocka_unit_test(test_read_full_mapping),
        cmocka_unit_test(test_read_multilingual),
        cmocka_unit_test(test_read_tmx11),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_invalid_bytes_replaced_by_default),
        cmocka_unit_test(test_lenient_skips_with_warnings),
        cmocka_unit_test(test_lenient_does_not_cover_malformed_xml),
        cmocka_unit_test(test_write_from_model),
        cmocka_unit_test(test_write_then_read_keeps_model_fields),
        cmocka_unit_test(test_write_refuses_blocks),
        cmocka_unit_test(test_write_lenient_skips_one_variant_units),
        cmocka_unit_test(test_write_characters_xml_forbids),
        cmocka_unit_test(test_write_maps_po_dates),
        cmocka_unit_test(test_write_empty_dataset_is_valid_tmx),
        cmocka_unit_test(test_read_survives_allocation_failures),
        cmocka_unit_test(test_probe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
