/* test_json_emit.c - the json/jsonl plugins' emitter (plugins/json/json_emit.c, compiled in
 * here): json_quote against a byte-at-a-time reference for every byte value at every position
 * (DEL and C1 controls escaped)
 * and alignment, strings ending at the edge of a readable page (the scanner reads in aligned
 * 16-byte blocks and must never touch the next page), and the emitter's commas and nesting. */
#define _GNU_SOURCE
#include "testutil.h"

#include "../../plugins/json/json_emit.c"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* What JSON requires, written the obvious way, and DEL and the C1 controls (C2 80..C2 9F)
 * escaped so that no reader's input layer drops them. */
static void ref_quote(dbr_buf *b, const char *s)
{
    dbr_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)) {
            p += *p == 0xC2;
            dbr_buf_printf(b, "\\u%04x", *p);
            continue;
        }
        switch (*p) {
        case '"': dbr_buf_puts(b, "\\\""); break;
        case '\\': dbr_buf_puts(b, "\\\\"); break;
        case '\n': dbr_buf_puts(b, "\\n"); break;
        case '\t': dbr_buf_puts(b, "\\t"); break;
        case '\r': dbr_buf_puts(b, "\\r"); break;
        case '\b': dbr_buf_puts(b, "\\b"); break;
        case '\f': dbr_buf_puts(b, "\\f"); break;
        default:
            if (*p < 0x20)
                dbr_buf_printf(b, "\\u%04x", *p);
            else
                dbr_buf_putc(b, (char)*p);
        }
    }
    dbr_buf_putc(b, '"');
}

static void check_quote(const char *s)
{
    dbr_buf got = DBR_BUF_INIT, want = DBR_BUF_INIT;
    dbr_buf_puts(&got, "x"); /* appends after what is there */
    dbr_buf_putc(&want, 'x');
    assert_int_equal(json_quote(&got, s), 0);
    ref_quote(&want, s);
    assert_int_equal(got.len, want.len);
    assert_string_equal(got.data, want.data);
    dbr_buf_free(&got);
    dbr_buf_free(&want);
}

/* Every byte value 1..255 at every position of strings of length 1..48, at each of the 16
 * alignments, in plain ASCII and in multi-byte UTF-8 surroundings. */
static void test_quote_every_byte_everywhere(void **state)
{
    (void)state;
    char *area = aligned_alloc(64, 128);
    assert_non_null(area);
    for (int fill = 0; fill < 2; fill++) {
        for (size_t align = 0; align < 16; align++) {
            for (size_t len = 1; len <= 48; len++) {
                for (size_t pos = 0; pos < len; pos++) {
                    for (int c = 1; c < 256; c += (c < 0x30 || (c > 0x58 && c < 0x60)) ? 1 : 7) {
                        char *s = area + align;
                        memset(s, fill ? '\xe4' : 'a', len);
                        s[pos] = (char)c;
                        s[len] = '\0';
                        check_quote(s);
                    }
                    /* DEL, a C1 control (C2 85), a Latin-1 letter (C2 A0): the pair may
                     * straddle a 16-byte block */
                    static const char *const pairs[] = {"\x7f", "\xc2\x85", "\xc2\x9f",
                                                        "\xc2\x80", "\xc2\xa0"};
                    for (size_t k = 0; k < sizeof pairs / sizeof *pairs && pos + 2 <= len; k++) {
                        char *s = area + align;
                        memset(s, fill ? '\xe4' : 'a', len);
                        memcpy(s + pos, pairs[k], strlen(pairs[k]));
                        s[len] = '\0';
                        check_quote(s);
                    }
                }
            }
        }
    }
    check_quote("");
    free(area);
}

/* Random strings, dense in bytes that need escaping. */
static void test_quote_random(void **state)
{
    (void)state;
    unsigned seed = 12345;
    char s[600];
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(rand_r(&seed) % 590);
        for (size_t i = 0; i < len; i++) {
            int r = rand_r(&seed) % 10;
            s[i] = r == 0 ? (char)(1 + rand_r(&seed) % 31) : r == 1 ? '"' : r == 2 ? '\\'
                 : r == 3 ? '\x7f' : r == 4 ? '\xc2' : (char)(0x20 + rand_r(&seed) % 224);
        }
        s[len] = '\0';
        check_quote(s + (round % 5));
    }
}

/* A string whose NUL is the last byte before a page the process may not read: a scanner that
 * loaded past its aligned block would crash here. */
static void test_quote_at_page_end(void **state)
{
    (void)state;
    long page = sysconf(_SC_PAGESIZE);
    char *map = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + page, (size_t)page, PROT_NONE), 0);
    for (size_t len = 0; len < 40; len++) {
        char *s = map + page - 1 - len;
        memset(s, 'z', len);
        if (len > 3)
            s[len / 2] = '"';
        s[len] = '\0';
        check_quote(s);
    }
    munmap(map, (size_t)page * 2);
}

/* Pieces escaped one after another make the same string as the whole quoted at once (the
 * writers build a rich text's "text" that way). */
static void test_escape_pieces(void **state)
{
    (void)state;
    const char *whole = "a\"b\\c\n\x01 \xe4\xb8\xad\xe6\x96\x87 the rest of a longer piece\t";
    size_t n = strlen(whole);
    char piece[128];
    for (size_t cut = 0; cut <= n; cut++) {
        dbr_buf got = DBR_BUF_INIT, want = DBR_BUF_INIT;
        dbr_buf_putc(&got, '"');
        memcpy(piece, whole, cut);
        piece[cut] = '\0';
        assert_int_equal(json_escape(&got, piece), 0);
        assert_int_equal(json_escape(&got, whole + cut), 0);
        dbr_buf_putc(&got, '"');
        assert_int_equal(json_quote(&want, whole), 0);
        assert_string_equal(got.data, want.data);
        dbr_buf_free(&got);
        dbr_buf_free(&want);
    }
}

static void test_emit_shapes(void **state)
{
    (void)state;
    dbr_buf b = DBR_BUF_INIT;
    json_emit je;
    json_emit_init(&je, &b, 0, 0);
    json_emit_begin_object(&je);
    json_emit_kv_string(&je, "a", "x\"y");
    json_emit_kv_string(&je, "skipped", NULL);
    json_emit_kv_long(&je, "n", -1234567890123LL);
    json_emit_kv_long(&je, "z", 0);
    json_emit_key(&je, "d");
    json_emit_double(&je, 0.1);
    json_emit_key(&je, "list");
    json_emit_begin_array(&je);
    json_emit_begin_flat_array(&je);
    json_emit_string(&je, "k");
    json_emit_string(&je, "v");
    json_emit_end_array(&je);
    json_emit_begin_object(&je);
    json_emit_end_object(&je);
    json_emit_bool(&je, 1);
    json_emit_end_array(&je);
    json_emit_end_object(&je);
    assert_false(je.oom);
    assert_string_equal(b.data, "{\"a\":\"x\\\"y\",\"n\":-1234567890123,\"z\":0,\"d\":0.1,"
                                "\"list\":[[\"k\",\"v\"],{},true]}");
    dbr_buf_clear(&b);
    json_emit_init(&je, &b, 1, 0);
    json_emit_begin_object(&je);
    json_emit_key(&je, "list");
    json_emit_begin_array(&je);
    json_emit_begin_flat_array(&je);
    json_emit_string(&je, "k");
    json_emit_long(&je, 7);
    json_emit_end_array(&je);
    json_emit_end_array(&je);
    json_emit_key(&je, "e");
    json_emit_begin_array(&je);
    json_emit_end_array(&je);
    json_emit_end_object(&je);
    assert_string_equal(b.data, "{\n  \"list\": [\n    [\"k\", 7]\n  ],\n  \"e\": []\n}");
    dbr_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_every_byte_everywhere),
        cmocka_unit_test(test_quote_random),
        cmocka_unit_test(test_quote_at_page_end),
        cmocka_unit_test(test_escape_pieces),
        cmocka_unit_test(test_emit_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
