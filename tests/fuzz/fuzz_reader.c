/* fuzz_reader.c - one fuzz harness for every reader plugin.
 *
 * Built two ways: with clang's libFuzzer (-DDOCBRIDGE_FUZZ=ON, CC=clang) it is a coverage-guided
 * fuzzer; otherwise it is a plain driver that runs each file named on the command line once, so
 * the suite can replay the fixtures and any crash found by fuzzing (tests/fuzz/corpus) on every
 * build. The reader is named by the environment variable FUZZ_FORMAT (default: probe), plugins
 * come from FUZZ_PLUGIN_DIR (default: the build tree). Events go to a sink that touches every
 * field, so a reader that emits dangling pointers is caught by the sanitizers.
 */
#define _GNU_SOURCE
#include "docbridge/convert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_DEFAULT_PLUGIN_DIR
#define FUZZ_DEFAULT_PLUGIN_DIR "plugins"
#endif

static size_t touch_rich(const dbr_rich *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *s = &r->spans[i];
        n += s->text ? strlen(s->text) : 0;
        n += s->id ? strlen(s->id) : 0;
        for (size_t k = 0; k < s->attrs.count; k++)
            n += strlen(s->attrs.items[k].key) + strlen(s->attrs.items[k].value);
    }
    return n;
}

static volatile size_t g_sink_bytes;

static dbr_status fz_block(void *self, const dbr_block *b)
{
    (void)self;
    g_sink_bytes += touch_rich(&b->text) + (b->lang ? strlen(b->lang) : 0);
    for (size_t i = 0; i < b->ncells; i++)
        g_sink_bytes += strlen(b->cells[i]);
    return DBR_OK;
}

static dbr_status fz_unit(void *self, const dbr_unit *u)
{
    (void)self;
    for (size_t i = 0; i < u->nvariants; i++) {
        g_sink_bytes += touch_rich(&u->variants[i].text);
        for (size_t k = 0; k < u->variants[i].nplurals; k++)
            g_sink_bytes += touch_rich(&u->variants[i].plurals[k]);
        for (size_t k = 0; k < u->variants[i].notes.count; k++)
            g_sink_bytes += strlen(u->variants[i].notes.items[k].text);
    }
    for (size_t k = 0; k < u->notes.count; k++)
        g_sink_bytes += strlen(u->notes.items[k].text);
    return DBR_OK;
}

static dbr_status fz_doc(void *self, const dbr_doc *d)
{
    (void)self;
    g_sink_bytes += d->title ? strlen(d->title) : 0;
    return DBR_OK;
}

static const dbr_sink_ops FZ_OPS = {.begin_document = fz_doc, .block = fz_block,
                                    .unit = fz_unit, .end_document = fz_doc};

static dbr_registry *fuzz_registry(void)
{
    static dbr_registry *reg; /* loaded once per process: the fuzzer calls us millions of times */
    if (!reg) {
        reg = dbr_registry_new();
        const char *dir = getenv("FUZZ_PLUGIN_DIR");
        dbr_registry_load_dir(reg, dir && *dir ? dir : FUZZ_DEFAULT_PLUGIN_DIR);
    }
    return reg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *fmt = getenv("FUZZ_FORMAT");
    dbr_error err;
    dbr_input *in = dbr_input_open_memory(data, size, "fuzz-input", NULL, &err);
    if (!in)
        return 0;
    dbr_sink sink = {&FZ_OPS, NULL};
    dbr_read_input(fuzz_registry(), in, NULL, fmt && *fmt ? fmt : NULL, NULL, NULL, NULL, &sink,
                   &err);
    dbr_input_free(in);
    return 0;
}

#ifndef DOCBRIDGE_LIBFUZZER
int main(int argc, char **argv)
{
    int ran = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "fuzz_reader: cannot open %s\n", argv[i]);
            return 2;
        }
        char *buf = NULL;
        size_t len = 0, cap = 0, n;
        char chunk[65536];
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
            if (len + n > cap) {
                cap = (len + n) * 2;
                buf = realloc(buf, cap);
            }
            memcpy(buf + len, chunk, n);
            len += n;
        }
        fclose(f);
        LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
        free(buf);
        ran++;
    }
    printf("fuzz_reader: replayed %d inputs\n", ran);
    dbr_registry_free(fuzz_registry());
    return 0;
}
#endif
