/* test_registry.c - the plugin loader and probing: every broken plugin is skipped with one
 * warning naming the file and the reason; probes pick the best score; unknown and ambiguous
 * inputs are clear errors listing what was tried. */
#define _GNU_SOURCE
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct warn_log {
    int count;
    char text[8192];
} warn_log;

static void log_warning(void *ud, const dbr_error *w)
{
    warn_log *l = ud;
    char line[2048];
    dbr_error_format(w, line, sizeof line);
    size_t n = strlen(l->text);
    snprintf(l->text + n, sizeof l->text - n, "%s\n", line);
    l->count++;
}

static const char *line_for(const warn_log *l, const char *file)
{
    return strstr(l->text, file);
}

static void test_broken_plugins_are_skipped(void **state)
{
    (void)state;
    warn_log l = {0};
    dbr_registry *r = dbr_registry_new();
    dbr_registry_on_warning(r, log_warning, &l);
    int added = dbr_registry_load_dir(r, TEST_BUILD_DIR "/test-plugins");
    assert_int_equal(added, 1);
    assert_int_equal(dbr_registry_count(r), 1);
    assert_non_null(dbr_registry_find(r, "testgood"));
    assert_non_null(strstr(dbr_registry_find(r, "testgood")->path, "/good.so"));
    struct {
        const char *file, *reason;
    } cases[] = {
        {"wrong_abi.so", "ABI major differs"},
        {"newer_minor.so", "ABI minor is newer"},
        {"no_entry.so", "no entry symbol 'docbridge_plugin_entry'"},
        {"zz_dup_name.so", "duplicate name 'testgood'"},
        {"bad_name.so", "name must be lower-case"},
        {"no_ops.so", "neither reads, writes"},
        {"unresolved.so", "docbridge_symbol_that_does_not_exist"},
        {"not_elf.so", "not a loadable shared object"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *at = line_for(&l, cases[i].file);
        if (!at)
            fail_msg("no warning names %s; got:\n%s", cases[i].file, l.text);
        const char *eol = strchr(at, '\n');
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)(eol - at), at);
        if (!strstr(line, cases[i].reason))
            fail_msg("warning for %s lacks '%s': %s", cases[i].file, cases[i].reason, line);
    }
    assert_int_equal(l.count, (int)(sizeof cases / sizeof cases[0]));
    dbr_registry_free(r);
}

static void test_missing_dir_is_not_an_error(void **state)
{
    (void)state;
    warn_log l = {0};
    dbr_registry *r = dbr_registry_new();
    dbr_registry_on_warning(r, log_warning, &l);
    assert_int_equal(dbr_registry_load_dir(r, "/nonexistent/docbridge/plugins"), 0);
    assert_int_equal(l.count, 0);
    dbr_registry_free(r);
}

/* ---- static plugins for probing ---- */

static dbr_status noop_read(void *s, dbr_job *j, dbr_input *in, dbr_sink *k)
{
    (void)s; (void)j; (void)in; (void)k;
    return DBR_OK;
}
static const dbr_reader_ops noop_reader = {.read = noop_read};
static const dbr_writer_ops noop_writer = {0};

static int probe_sig(const dbr_probe_input *in)
{
    return in->text_len >= 5 && memcmp(in->text, "<tmx>", 5) == 0 ? DBR_PROBE_SIGNATURE
                                                                  : DBR_PROBE_NONE;
}
static int probe_fallback(const dbr_probe_input *in)
{
    (void)in;
    return DBR_PROBE_FALLBACK;
}
static int probe_ext(const dbr_probe_input *in)
{
    return dbr_name_has_ext(in->name, "foo") ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static const char *const sig_exts[] = {"sig", NULL};
static const dbr_option_spec sig_opts[] = {{"sig-level", "N", "a test option"}, {NULL, NULL, NULL}};
static const dbr_plugin P_SIG = {DBR_PLUGIN_HEADER, .name = "sig", .extensions = sig_exts,
                                 .probe = probe_sig, .reader = &noop_reader,
                                 .writer = &noop_writer, .options = sig_opts};
static const dbr_plugin P_FALLBACK = {DBR_PLUGIN_HEADER, .name = "plain",
                                      .probe = probe_fallback, .reader = &noop_reader};
static const dbr_plugin P_EXT1 = {DBR_PLUGIN_HEADER, .name = "foo-a", .probe = probe_ext,
                                  .reader = &noop_reader};
static const dbr_plugin P_EXT2 = {DBR_PLUGIN_HEADER, .name = "foo-b", .probe = probe_ext,
                                  .reader = &noop_reader};

static dbr_status probe(dbr_registry *r, const char *text, const char *name,
                        const dbr_plugin_entry **best, dbr_error *err)
{
    dbr_probe_input pi = {.head = (const uint8_t *)text, .head_len = strlen(text), .text = text,
                          .text_len = strlen(text), .name = name, .complete = 1};
    int score;
    dbr_error_clear(err);
    return dbr_registry_probe(r, &pi, best, &score, err);
}

static void test_probe_scores(void **state)
{
    (void)state;
    dbr_registry *r = dbr_registry_new();
    assert_int_equal(dbr_registry_add_static(r, &P_SIG, NULL), 1);
    assert_int_equal(dbr_registry_add_static(r, &P_FALLBACK, NULL), 1);
    const dbr_plugin_entry *best;
    dbr_error err;
    assert_int_equal(probe(r, "<tmx>...", "x.txt", &best, &err), DBR_OK);
    assert_string_equal(best->plugin->name, "sig");
    assert_int_equal(probe(r, "hello", "x.txt", &best, &err), DBR_OK);
    assert_string_equal(best->plugin->name, "plain");
    /* Writers by extension, options by name. */
    assert_string_equal(dbr_registry_writer_for(r, "/a/b/out.SIG")->plugin->name, "sig");
    assert_null(dbr_registry_writer_for(r, "out.unknown"));
    assert_non_null(dbr_registry_find_option(r, "sig-level"));
    assert_null(dbr_registry_find_option(r, "nope"));
    dbr_registry_free(r);
}

static void test_probe_unknown_and_ambiguous(void **state)
{
    (void)state;
    dbr_registry *r = dbr_registry_new();
    dbr_registry_add_static(r, &P_SIG, NULL);
    dbr_registry_add_static(r, &P_EXT1, NULL);
    dbr_registry_add_static(r, &P_EXT2, NULL);
    const dbr_plugin_entry *best;
    dbr_error err;
    assert_int_equal(probe(r, "hello", "x.bin", &best, &err), DBR_FAILED);
    assert_null(best);
    assert_non_null(strstr(err.message, "unknown input format"));
    assert_non_null(strstr(err.message, "sig=0, foo-a=0, foo-b=0"));
    assert_int_equal(probe(r, "hello", "x.foo", &best, &err), DBR_FAILED);
    assert_non_null(strstr(err.message, "ambiguous input format: 2 readers scored 25"));
    assert_non_null(strstr(err.message, "-f"));
    /* A signature still beats the tie. */
    assert_int_equal(probe(r, "<tmx>", "x.foo", &best, &err), DBR_OK);
    assert_string_equal(best->plugin->name, "sig");
    dbr_registry_free(r);
}

static void test_static_duplicate_refused(void **state)
{
    (void)state;
    warn_log l = {0};
    dbr_registry *r = dbr_registry_new();
    dbr_registry_on_warning(r, log_warning, &l);
    assert_int_equal(dbr_registry_add_static(r, &P_SIG, "one"), 1);
    assert_int_equal(dbr_registry_add_static(r, &P_SIG, "two"), 0);
    assert_non_null(strstr(l.text, "two: plugin skipped: duplicate name 'sig' (already loaded from one)"));
    dbr_registry_free(r);
}

/* ---- the input's SHA-256 is computed only for a writer that shows it ---- */

static int g_digest_seen = -1; /* the last end_document's provenance: 1 sha256 set, 0 not */

static dbr_status dg_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state; (void)job; (void)in;
    dbr_doc d;
    dbr_doc_init(&d);
    dbr_status st = dbr_sink_begin_document(sink, &d);
    return st == DBR_OK ? dbr_sink_end_document(sink, &d) : st;
}

static dbr_status dg_end(void *self, const dbr_doc *doc)
{
    (void)self;
    g_digest_seen = doc->prov.sha256 != NULL;
    return DBR_OK;
}

static const dbr_reader_ops DG_READER = {.read = dg_read};
static const dbr_sink_ops DG_SINK = {.end_document = dg_end};
static const dbr_writer_ops DG_SHOWS = {.sink = &DG_SINK, .flags = DBR_WRITER_SOURCE_DIGEST};
static const dbr_writer_ops DG_HIDES = {.sink = &DG_SINK};
static const dbr_plugin P_DGREAD = {DBR_PLUGIN_HEADER, .name = "dgread", .reader = &DG_READER};
static const dbr_plugin P_SHOWS = {DBR_PLUGIN_HEADER, .name = "dgshows", .writer = &DG_SHOWS};
static const dbr_plugin P_HIDES = {DBR_PLUGIN_HEADER, .name = "dghides", .writer = &DG_HIDES};
/* built for ABI minor 0, before writers had flags: taken to show the digest */
static const dbr_plugin P_OLD = {.abi_major = DBR_ABI_MAJOR, .abi_minor = 0,
                                 .size = sizeof(dbr_plugin), .name = "dgold",
                                 .writer = &DG_HIDES};

static void test_digest_only_for_writers_that_show_it(void **state)
{
    (void)state;
    dbr_registry *r = dbr_registry_new();
    const dbr_plugin *const ps[] = {&P_DGREAD, &P_SHOWS, &P_HIDES, &P_OLD};
    for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
        assert_int_equal(dbr_registry_add_static(r, ps[i], NULL), 1);
    char *in = test_write_temp("some input\n", 11, ".txt");
    char *out = test_write_temp("", 0, ".out");
    static const struct {
        const char *writer;
        int digest;
    } cases[] = {{"dgshows", 1}, {"dghides", 0}, {"dgold", 1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const inputs[] = {in};
        dbr_convert_request q = {.inputs = inputs, .ninputs = 1, .from_format = "dgread",
                                 .to_format = cases[i].writer, .output = out};
        dbr_error err;
        g_digest_seen = -1;
        assert_int_equal(dbr_convert(r, &q, &err), DBR_OK);
        if (g_digest_seen != cases[i].digest)
            fail_msg("%s: sha256 %s", cases[i].writer, g_digest_seen ? "computed" : "missing");
    }
    unlink(in);
    unlink(out);
    free(in);
    free(out);
    dbr_registry_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_plugins_are_skipped),
        cmocka_unit_test(test_missing_dir_is_not_an_error),
        cmocka_unit_test(test_probe_scores),
        cmocka_unit_test(test_probe_unknown_and_ambiguous),
        cmocka_unit_test(test_static_duplicate_refused),
        cmocka_unit_test(test_digest_only_for_writers_that_show_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
