/* test_input_lanes.c - the input layer's two lanes agree.
 *
 * Clean UTF-8 takes a fast lane (decode_fast.c) that checks a chunk in one pass and hands it
 * on uncopied; anything else takes the general path (sanitise, then NFC). Which lane a chunk
 * takes depends on where the chunk boundaries fall, so the same bytes read with many chunk
 * sizes must give the same text, counts and errors as one read of the whole input in a single
 * chunk (which the general path handles alone). The inputs are generated from a palette of
 * troublesome pieces: combining marks that compose with the character before them (the
 * reason the fast lane holds a chunk's last character back), Hangul jamo, kana voicing marks,
 * singletons, CR and CRLF, C0 and C1 controls, invalid and truncated sequences, a mid-text
 * U+FEFF, and plenty of plain ASCII and CJK text for the fast lane to take.
 */
#include "testutil.h"

#include "docbridge/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const PIECES[] = {
    "The committee met in London. ", "plain ascii text without anything special ",
    "\n", "\n", "\t", "\f",
    "委员会星期二在伦敦开会。",
    /* runs past 48 bytes (16 ideographs a step), one with U+F900, a compatibility ideograph
     * NFC replaces (U+8C48), where a step would look at it */
    "档案馆保存了委员会会议记录和相关文件资料数据库索引",
    "档案馆委员记录和相关文档资料数据库索引检查\xEF\xA4\x80档案馆委员记录和相关文档资料",
    "一个选项\xE4\x80\x80\xE4\xB7\x80不中了也主为事于人什今从他以们任会位低住体作你使", /* E4 */
    "檔案館", "e\xCC\x81",                                   /* e + U+0301: composes to U+00E9 */
    "\xCC\x81",                                               /* a combining mark on its own */
    "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",                   /* Hangul L V T jamo: one syllable */
    "\xEA\xB0\x80\xE1\x86\xA8",                               /* U+AC00 + T jamo: composes */
    "\xE3\x81\x8B\xE3\x82\x99",                               /* ka + voicing mark: composes */
    "\xE2\x84\xAB",                                           /* U+212B ANGSTROM: singleton */
    "\xC3\x85", "\xCE\xB1\xCE\xB2\xCE\xB3", "\xD0\xB4\xD0\xB0", /* Å, Greek, Cyrillic */
    "\r\n", "\r",                                             /* CRLF and CR */
    "\x01", "\x7F", "\xC2\x85",                               /* C0, DEL, C1 */
    "\xEF\xBB\xBF",                                           /* U+FEFF, not at the start */
    "\xF0\x9F\x98\x80",                                       /* beyond the BMP */
    "\xFF", "\xE4\xB8", "\xED\xA0\x80",                       /* invalid, cut, surrogate */
};
#define NPIECES (sizeof PIECES / sizeof *PIECES)
/* Pieces from this index on are invalid UTF-8. */
#define FIRST_INVALID (NPIECES - 3)

typedef struct read_result {
    dbr_status st;
    dbr_buf text;
    dbr_input_info info;
    dbr_error err;
} read_result;

static unsigned long long lcg(unsigned long long *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* A text of about len bytes; invalid pieces only when allow_invalid. */
static void make_text(unsigned long long seed, size_t len, int allow_invalid, dbr_buf *out)
{
    dbr_buf_clear(out);
    size_t limit = allow_invalid ? NPIECES : FIRST_INVALID;
    while (out->len < len) {
        /* Mostly plain pieces, so that long clean stretches reach the fast lane. */
        size_t pick = lcg(&seed) % 4 ? lcg(&seed) % 10 : lcg(&seed) % limit;
        assert_int_equal(dbr_buf_puts(out, PIECES[pick]), 0);
    }
}

static void read_all(const char *data, size_t len, const dbr_input_config *cfg, size_t cap,
                     read_result *r)
{
    memset(r, 0, sizeof *r);
    r->text = (dbr_buf)DBR_BUF_INIT;
    dbr_input *in = dbr_input_open_memory(data, len, "lanes.txt", cfg, &r->err);
    assert_non_null(in);
    char buf[4096];
    size_t got = 0;
    do {
        r->st = dbr_input_read(in, buf, cap, &got, &r->err);
        if (r->st != DBR_OK)
            break;
        assert_int_equal(dbr_buf_append(&r->text, buf, got), 0);
    } while (got);
    r->info = *dbr_input_info_get(in);
    r->info.encoding = NULL; /* points into the input */
    r->info.encoding_source = NULL;
    r->info.bom = NULL;
    r->info.line_endings = NULL;
    char endings[16];
    snprintf(endings, sizeof endings, "%s", dbr_input_info_get(in)->line_endings);
    dbr_input_free(in);
    assert_int_equal(dbr_buf_append(&r->text, "\n", 1), 0); /* keeps the endings with it */
    assert_int_equal(dbr_buf_puts(&r->text, endings), 0);
}

static void assert_same(const read_result *want, const read_result *got, size_t chunk)
{
    /* After a strict error, how much text came out first depends on the chunking. */
    if (want->st != got->st ||
        (want->st == DBR_OK && (want->text.len != got->text.len ||
                                memcmp(want->text.data, got->text.data, want->text.len) != 0)))
        fail_msg("chunk %zu: text differs (%zu vs %zu bytes, status %d vs %d)", chunk,
                 want->text.len, got->text.len, want->st, got->st);
    if (want->st != DBR_OK) { /* counts then depend on how far each read got too */
        /* "bytes seen" shows what the chunk held, so only the part before it must agree. */
        const char *cut = strstr(want->err.message, " (bytes seen");
        size_t n = cut ? (size_t)(cut - want->err.message) : strlen(want->err.message);
        assert_int_equal(strncmp(want->err.message, got->err.message, n), 0);
        assert_int_equal(want->err.line, got->err.line);
        assert_int_equal(want->err.column, got->err.column);
        assert_int_equal(want->err.offset, got->err.offset);
        return;
    }
    assert_int_equal(want->info.was_nfc, got->info.was_nfc);
    assert_int_equal(want->info.invalid_bytes, got->info.invalid_bytes);
    assert_int_equal(want->info.first_invalid_offset, got->info.first_invalid_offset);
    assert_int_equal(want->info.removed_controls, got->info.removed_controls);
    assert_int_equal(want->info.byte_size, got->info.byte_size);
}

static const size_t CHUNKS[] = {1, 2, 3, 4, 5, 7, 16, 17, 31, 64, 257, 1000};

static void compare_lanes(const dbr_buf *text, dbr_input_config cfg)
{
    read_result want, got;
    cfg.chunk_size = text->len + 1; /* one chunk: the general path alone */
    read_all(text->data, text->len, &cfg, 4096, &want);
    for (size_t c = 0; c < sizeof CHUNKS / sizeof *CHUNKS; c++) {
        cfg.chunk_size = CHUNKS[c];
        read_all(text->data, text->len, &cfg, CHUNKS[c] % 2 ? 4096 : 5, &got);
        assert_same(&want, &got, CHUNKS[c]);
        dbr_buf_free(&got.text);
    }
    dbr_buf_free(&want.text);
}

static void test_lanes_agree_lenient(void **state)
{
    (void)state;
    dbr_buf text = DBR_BUF_INIT;
    dbr_input_config cfg = {.from_encoding = "UTF-8"};
    for (unsigned long long seed = 1; seed <= 60; seed++) {
        make_text(seed, 1500 + seed * 37, 1, &text);
        compare_lanes(&text, cfg);
    }
    dbr_buf_free(&text);
}

/* Strict mode stops at the first bad byte: the message, line, column and offset must not
 * depend on which lane read the text before it. */
static void test_lanes_agree_strict(void **state)
{
    (void)state;
    dbr_buf text = DBR_BUF_INIT;
    dbr_input_config cfg = {.from_encoding = "UTF-8", .strict = 1};
    for (unsigned long long seed = 100; seed <= 140; seed++) {
        make_text(seed, 2000, 0, &text);
        assert_int_equal(dbr_buf_puts(&text, seed % 2 ? "\xFF tail" : "\xE4\xB8"), 0);
        compare_lanes(&text, cfg);
    }
    dbr_buf_free(&text);
}

/* NFKC and transcoded input (iconv's UTF-8 output takes the fast lane too). */
static void test_lanes_agree_nfkc_and_transcoded(void **state)
{
    (void)state;
    dbr_buf text = DBR_BUF_INIT;
    dbr_input_config nfkc = {.from_encoding = "UTF-8", .nfkc = 1};
    dbr_input_config gb = {.from_encoding = "GB18030"};
    for (unsigned long long seed = 200; seed <= 220; seed++) {
        make_text(seed, 1800, 0, &text);
        compare_lanes(&text, nfkc);
        /* Read as GB18030: any byte sequence decodes to something, invalid ones included. */
        compare_lanes(&text, gb);
    }
    dbr_buf_free(&text);
}

/* The fast lane really is taken, and composes across a chunk boundary correctly: a plain text
 * whose chunk ends just before a combining mark. */
static void test_mark_after_boundary_composes(void **state)
{
    (void)state;
    dbr_buf text = DBR_BUF_INIT;
    for (int i = 0; i < 40; i++)
        dbr_buf_puts(&text, "abcdefgh");
    dbr_buf_puts(&text, "e\xCC\x81 done\n");
    for (size_t chunk = 300; chunk <= 330; chunk++) {
        dbr_input_config cfg = {.from_encoding = "UTF-8", .chunk_size = chunk};
        read_result r;
        read_all(text.data, text.len, &cfg, 4096, &r);
        assert_int_equal(r.st, DBR_OK);
        const char *e = strstr(r.text.data, "\xC3\xA9 done\n");
        assert_non_null(e);
        assert_int_equal(r.info.was_nfc, 0);
        dbr_buf_free(&r.text);
    }
    dbr_buf_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lanes_agree_lenient),
        cmocka_unit_test(test_lanes_agree_strict),
        cmocka_unit_test(test_lanes_agree_nfkc_and_transcoded),
        cmocka_unit_test(test_mark_after_boundary_composes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
