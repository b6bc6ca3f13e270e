/* test_moses.c - the moses reader on a file pair (events, languages, placeholders), files of
 * different lengths, the probe's claim on sets of files, and the writer's all-or-nothing
 * sibling files (dbr_output_discard), and output to a FIFO / device written in place. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static char *make_dir(void)
{
    char tmpl[] = "/tmp/dbrmosesXXXXXX";
    char *d = mkdtemp(tmpl);
    return d ? strdup(d) : NULL;
}

static char *write_in(const char *dir, const char *name, const char *text)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    fputs(text, f);
    fclose(f);
    return p;
}

static dbr_status convert(const char *const *in, size_t n, const char *to, const char *out,
                          const char *opt, dbr_error *err)
{
    dbr_registry *reg = test_registry(NULL);
    dbr_options *o = dbr_options_new();
    if (opt)
        dbr_options_parse(o, opt);
    dbr_convert_request q = {.inputs = in, .ninputs = n, .to_format = to, .output = out, .opts = o};
    dbr_status st = dbr_convert(reg, &q, err);
    dbr_options_free(o);
    dbr_registry_free(reg);
    return st;
}

static void test_pair_round_trip(void **state)
{
    (void)state;
    char *dir = make_dir();
    const char *in[2] = {TEST_SRC_DIR "/fixtures/moses/corpus.en",
                         TEST_SRC_DIR "/fixtures/moses/corpus.zh"};
    char out[512];
    snprintf(out, sizeof out, "%s/copy", dir);
    dbr_error err;
    assert_int_equal(convert(in, 2, "moses", out, NULL, &err), DBR_OK);
    char en[600], zh[600];
    snprintf(en, sizeof en, "%s.en", out);
    snprintf(zh, sizeof zh, "%s.zh", out);
    char *a = test_slurp(in[0], NULL), *b = test_slurp(en, NULL);
    assert_non_null(b);
    assert_string_equal(a, b);
    free(a), free(b);
    a = test_slurp(in[1], NULL), b = test_slurp(zh, NULL);
    assert_string_equal(a, b);
    free(a), free(b);
    struct stat st;
    assert_int_not_equal(stat(out, &st), 0); /* the stem itself is not written */
    unlink(en), unlink(zh), rmdir(dir);
    free(dir);
}

static void test_events(void **state)
{
    (void)state;
    dbr_registry *reg = test_registry(NULL);
    const char *in[2] = {TEST_SRC_DIR "/fixtures/moses/corpus.en",
                         TEST_SRC_DIR "/fixtures/moses/corpus.zh"};
    dbr_input *ins[2];
    dbr_error err;
    dbr_input_config cfg = {0};
    for (int i = 0; i < 2; i++)
        ins[i] = dbr_input_open_file(in[i], &cfg, &err);
    const dbr_plugin *p = dbr_registry_find(reg, "moses")->plugin;
    void *state_mem = calloc(1, p->reader->state_size);
    rec_sink rec;
    rec_sink_init(&rec);
    dbr_job job = {.err = &err};
    assert_int_equal(p->reader->read_multi(state_mem, &job, ins, 2, &rec.sink), DBR_OK);
    p->reader->cleanup(state_mem);
    free(state_mem);
    assert_int_equal(rec.nunits, 3);
    assert_string_equal(rec.docs[0]->langs[1], "zh");
    dbr_unit *u = rec.units[1];
    assert_string_equal(u->variants[1].lang, "zh");
    assert_int_equal(u->variants[0].text.count, 4);
    assert_int_equal(u->variants[0].text.spans[1].kind, DBR_SPAN_OPEN);
    assert_string_equal(dbr_rich_plain_dup(rec.pool, &rec.units[2]->variants[0].text),
                        "A line\nwith a break");
    rec_sink_free(&rec);
    for (int i = 0; i < 2; i++)
        dbr_input_free(ins[i]);
    dbr_registry_free(reg);
}

static void test_length_mismatch(void **state)
{
    (void)state;
    char *dir = make_dir();
    char *en = write_in(dir, "c.en", "a\nb\nc\n");
    char *de = write_in(dir, "c.de", "x\ny\n");
    const char *in[2] = {en, de};
    char out[512];
    snprintf(out, sizeof out, "%s/o.tsv", dir);
    dbr_error err;
    assert_int_equal(convert(in, 2, "tsv", out, NULL, &err), DBR_FAILED);
    assert_non_null(strstr(err.message, "c.de has 2 lines"));
    assert_non_null(strstr(err.message, "c.en has 3"));
    assert_int_equal(err.line, 3);
    struct stat st;
    assert_int_not_equal(stat(out, &st), 0);
    assert_int_equal(convert(in, 2, "tsv", out, "lenient", &err), DBR_OK);
    char *t = test_slurp(out, NULL);
    assert_string_equal(t, "id\ten\tde\tnote\n\ta\tx\t\n\tb\ty\t\n");
    free(t);
    unlink(out), unlink(en), unlink(de), rmdir(dir);
    free(en), free(de), free(dir);
}

static int probe(const dbr_plugin *p, const char *name, const char *const *all, size_t n)
{
    dbr_probe_input pi = {.head = (const uint8_t *)"hello\n", .head_len = 6, .text = "hello\n",
                          .text_len = 6, .name = name, .complete = 1, .all_names = all,
                          .ninputs = n};
    return p->probe(&pi);
}

static void test_probe_claims_sets_only(void **state)
{
    (void)state;
    dbr_registry *reg = test_registry(NULL);
    const dbr_plugin *m = dbr_registry_find(reg, "moses")->plugin;
    const char *pair[] = {"d/corpus.en", "d/corpus.zh"};
    assert_true(probe(m, "corpus.en", pair, 2) >= DBR_PROBE_LIKELY);
    const char *one[] = {"corpus.en"};
    assert_int_equal(probe(m, "corpus.en", one, 1), 0);
    const char *txt[] = {"a.txt", "b.txt"};
    assert_int_equal(probe(m, "a.txt", txt, 2), 0);
    const char *md[] = {"x.md", "x.py"};
    assert_int_equal(probe(m, "x.md", md, 2), 0);
    const char *mixed[] = {"corpus.en", "other.zh"};
    assert_int_equal(probe(m, "corpus.en", mixed, 2), 0);
    const char *dup[] = {"c.en", "c.EN"};
    assert_int_equal(probe(m, "c.en", dup, 2), 0);
    const char *region[] = {"c.en_GB", "c.zh-CN", "c.fr"};
    assert_true(probe(m, "c.fr", region, 3) > 0);
    dbr_registry_free(reg);
}

/* dbr_output_discard: the primary is dropped, its siblings commit. */
static void test_output_discard(void **state)
{
    (void)state;
    char *dir = make_dir();
    char p[512], s[512];
    snprintf(p, sizeof p, "%s/stem", dir);
    snprintf(s, sizeof s, "%s/stem.en", dir);
    dbr_error err;
    dbr_output *o = dbr_output_open(p, &err);
    dbr_output *sib = dbr_output_open_sibling(o, s, &err);
    assert_int_equal(dbr_output_puts(sib, "x\n", &err), DBR_OK);
    dbr_output_discard(o);
    assert_int_equal(dbr_output_commit(o, &err), DBR_OK);
    struct stat st;
    assert_int_not_equal(stat(p, &st), 0);
    assert_int_equal(stat(s, &st), 0);
    unlink(s);
    rmdir(dir);
    free(dir);
}

/* A FIFO (like /dev/null) is written in place, never replaced by a renamed regular file. */
static void test_output_to_fifo(void **state)
{
    (void)state;
    char *dir = make_dir();
    char p[512];
    snprintf(p, sizeof p, "%s/fifo", dir);
    assert_int_equal(mkfifo(p, 0600), 0);
    int rd = open(p, O_RDONLY | O_NONBLOCK);
    assert_true(rd >= 0);
    dbr_error err;
    dbr_output *o = dbr_output_open(p, &err);
    assert_non_null(o);
    assert_int_equal(dbr_output_puts(o, "through\n", &err), DBR_OK);
    assert_int_equal(dbr_output_commit(o, &err), DBR_OK);
    char buf[32] = {0};
    assert_int_equal(read(rd, buf, sizeof buf - 1), 8);
    assert_string_equal(buf, "through\n");
    close(rd);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    unlink(p);
    rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_round_trip),
        cmocka_unit_test(test_events),
        cmocka_unit_test(test_length_mismatch),
        cmocka_unit_test(test_probe_claims_sets_only),
        cmocka_unit_test(test_output_discard),
        cmocka_unit_test(test_output_to_fifo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
