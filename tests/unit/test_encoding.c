/* test_encoding.c - the input layer (issue 3): detection order, chunked transcoding, NFC,
 * line endings, controls, strict and lenient errors, declaration sniffers, and the warning and
 * provenance the core passes on. Fixtures are generated here from UTF-8 source text with
 * iconv(3), read back through dbr_input with chunk sizes 1, 2, 3, 7 and the default, and
 * compared byte for byte with the NFC source. */
#define _GNU_SOURCE
#include "testutil.h"

#include "docbridge/plugin.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------- source texts (UTF-8, NFC) ---------- */

static const char ZH[] =
    "The committee met in London on Tuesday to review the archive.\n"
    "委员会星期二在伦敦开会，审查了档案馆的全部文件。\n"
    "這份報告說明了檔案館如何保存歷史文獻與珍貴的手稿。\n"
    "Members agreed that every document must be kept in its original form.\n"
    "我们希望这些文件能够长期保存，供后人研究使用。\n"
    "圖書館的讀者可以在閱覽室裡查閱這些資料。\n";

static const char TW[] =
    "The committee met in London on Tuesday to review the archive.\n"
    "這份報告說明了檔案館如何保存歷史文獻與珍貴的手稿。\n"
    "圖書館的讀者可以在閱覽室裡查閱這些資料。\n"
    "委員會星期二在倫敦開會，審查了檔案館的全部文件。\n";

static const char JA[] =
    "The committee met in London on Tuesday to review the archive.\n"
    "委員会は火曜日にロンドンで会合を開き、資料館の文書を確認しました。\n"
    "図書館の利用者は閲覧室でこれらの資料を読むことができます。\n";

static const char CP1252[] =
    "The committee’s “final” report cost €250 — a café in Zürich hosted it.\n"
    "Members agreed that every document must be kept in its original form.\n";

static const char LATIN1[] =
    "The café in Zürich charged £5 for a crème brûlée; the naïve señor paid.\n"
    "Members agreed that every document must be kept in its original form.\n";

/* Beyond the BMP: emoji (UTF-16 surrogate pairs, GB18030 four-byte) and CJK extension B. */
static const char WIDE[] =
    "Emoji 😀🎉 and 𠀀 beyond the BMP; © is four bytes in GB18030.\n"
    "委员会星期二在伦敦开会。這份報告說明了檔案館。\n";

/* ---------- helpers ---------- */

/* Transcodes UTF-8 to enc with iconv(3); malloc'd, length in *len. */
static char *transcode_to(const char *enc, const char *src, size_t *len)
{
    iconv_t cd = iconv_open(enc, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = strlen(src) * 4 + 16, left = strlen(src), room = cap;
    char *out = malloc(cap), *dst = out, *in = (char *)src;
    assert_non_null(out);
    assert_true(iconv(cd, &in, &left, &dst, &room) != (size_t)-1);
    iconv_close(cd);
    *len = cap - room;
    return out;
}

static char *with_prefix(const void *pre, size_t plen, const char *data, size_t len)
{
    char *out = malloc(plen + len + 1);
    assert_non_null(out);
    memcpy(out, pre, plen);
    memcpy(out + plen, data, len);
    return out;
}

/* Reads all decoded text through dbr_input_read with a small, odd buffer. */
static dbr_status read_all(dbr_input *in, dbr_buf *out, dbr_error *err)
{
    char buf[5];
    size_t got;
    dbr_status st;
    do {
        st = dbr_input_read(in, buf, sizeof buf, &got, err);
        if (st == DBR_OK)
            assert_int_equal(dbr_buf_append(out, buf, got), 0);
    } while (st == DBR_OK && got);
    return st;
}

typedef struct decoded {
    dbr_buf text;
    dbr_input_info info;
    char encoding[64], source[32], bom[16];
    dbr_status st;
    dbr_error err;
    char warning[512];
} decoded;

static void decode(const void *data, size_t len, const dbr_input_config *cfg, decoded *d)
{
    memset(d, 0, sizeof *d);
    dbr_error_clear(&d->err);
    dbr_input *in = dbr_input_open_memory(data, len, "fixture", cfg, &d->err);
    assert_non_null(in);
    d->st = read_all(in, &d->text, &d->err);
    d->info = *dbr_input_info_get(in);
    snprintf(d->encoding, sizeof d->encoding, "%s", d->info.encoding ? d->info.encoding : "");
    snprintf(d->source, sizeof d->source, "%s",
             d->info.encoding_source ? d->info.encoding_source : "");
    snprintf(d->bom, sizeof d->bom, "%s", d->info.bom ? d->info.bom : "");
    const char *w = dbr_input_warning(in);
    snprintf(d->warning, sizeof d->warning, "%s", w ? w : "");
    dbr_input_free(in);
}

static void decoded_free(decoded *d) { dbr_buf_free(&d->text); }

static const size_t CHUNKS[] = {1, 2, 3, 7, 0};

/* Decodes data with every chunk size, detected and forced, and checks the text is want. */
static void check_roundtrip(const char *label, const void *data, size_t len, const char *want,
                            const char *enc, const char *bom, const char *source)
{
    for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
        for (int forced = 0; forced < 2; forced++) {
            dbr_input_config cfg = {.chunk_size = CHUNKS[c], .strict = 1};
            if (forced)
                cfg.from_encoding = enc;
            decoded d;
            decode(data, len, &cfg, &d);
            if (d.st != DBR_OK || d.text.len != strlen(want) ||
                memcmp(dbr_buf_cstr(&d.text), want, d.text.len) != 0 ||
                strcmp(d.encoding, enc) != 0 || strcmp(d.bom, bom ? bom : "") != 0 ||
                (!forced && source && strcmp(d.source, source) != 0) ||
                (forced && strcmp(d.source, "option") != 0)) {
                print_error("%s chunk=%zu forced=%d: st=%d enc=%s (want %s) source=%s bom=%s "
                            "len=%zu (want %zu) err=%s\n",
                            label, CHUNKS[c], forced, d.st, d.encoding, enc, d.source, d.bom,
                            d.text.len, strlen(want), d.err.message);
                fail();
            }
            assert_int_equal(d.info.invalid_bytes, 0);
            assert_int_equal(d.info.removed_controls, 0);
            assert_true(d.info.was_nfc);
            assert_string_equal(d.info.line_endings, "LF");
            decoded_free(&d);
        }
    }
}

/* ---------- every encoding, generated and read back ---------- */

static void test_generated_fixtures_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *iconv_name, *text, *want_enc, *source;
    } CASES[] = {
        {"UTF-8", ZH, "UTF-8", "utf8"},
        {"UTF-16LE", ZH, "UTF-16LE", "detector"},
        {"UTF-16BE", ZH, "UTF-16BE", "detector"},
        {"UTF-32LE", ZH, "UTF-32LE", "detector"},
        {"UTF-32BE", ZH, "UTF-32BE", "detector"},
        {"GB18030", ZH, "GB18030", "detector"},
        {"BIG5", TW, "BIG5", "detector"},
        {"SHIFT_JIS", JA, "SHIFT_JIS", "detector"},
        {"EUC-JP", JA, "EUC-JP", "detector"},
        {"ISO-2022-JP", JA, "ISO-2022-JP", "detector"}, /* 7-bit with ESC: not taken as UTF-8 */
        {"WINDOWS-1252", CP1252, "WINDOWS-1252", "detector"},
        {"ISO-8859-1", LATIN1, "ISO-8859-1", "detector"},
        {"UTF-16LE", WIDE, "UTF-16LE", "detector"},
        {"UTF-16BE", WIDE, "UTF-16BE", "detector"},
        {"GB18030", WIDE, "GB18030", NULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t len;
        char *data = transcode_to(CASES[i].iconv_name, CASES[i].text, &len);
        check_roundtrip(CASES[i].iconv_name, data, len, CASES[i].text, CASES[i].want_enc, NULL,
                        CASES[i].source);
        free(data);
    }
}

/* The GB18030 fixture really holds four-byte sequences (U+00A9 is 81 30 84 38, U+1F600 is
 * 94 39 FC 36) and comes back through every chunk size. */
static void test_gb18030_four_byte_sequences(void **state)
{
    (void)state;
    size_t len;
    char *data = transcode_to("GB18030", WIDE, &len);
    assert_non_null(memmem(data, len, "\x81\x30\x84\x38", 4));
    assert_non_null(memmem(data, len, "\x94\x39\xFC\x36", 4));
    check_roundtrip("GB18030 four-byte", data, len, WIDE, "GB18030", NULL, NULL);
    free(data);
}

/* GBK bytes are GB18030 bytes; the detector names the superset. */
static void test_gbk_reads_as_gb18030(void **state)
{
    (void)state;
    size_t len;
    char *data = transcode_to("GBK", ZH, &len);
    check_roundtrip("GBK", data, len, ZH, "GB18030", NULL, "detector");
    dbr_input_config cfg = {.from_encoding = "gbk", .chunk_size = 3};
    decoded d;
    decode(data, len, &cfg, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_string_equal(d.encoding, "GBK");
    assert_string_equal(dbr_buf_cstr(&d.text), ZH);
    decoded_free(&d);
    free(data);
}

static void test_boms(void **state)
{
    (void)state;
    static const struct {
        const char *iconv_name, *bom;
        const char *bytes;
        size_t blen;
    } CASES[] = {
        {"UTF-8", "UTF-8", "\xEF\xBB\xBF", 3},
        {"UTF-16LE", "UTF-16LE", "\xFF\xFE", 2},
        {"UTF-16BE", "UTF-16BE", "\xFE\xFF", 2},
        {"UTF-32LE", "UTF-32LE", "\xFF\xFE\x00\x00", 4},
        {"UTF-32BE", "UTF-32BE", "\x00\x00\xFE\xFF", 4},
        {"GB18030", "GB18030", "\x84\x31\x95\x33", 4},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        size_t len;
        char *body = transcode_to(CASES[i].iconv_name, WIDE, &len);
        char *data = with_prefix(CASES[i].bytes, CASES[i].blen, body, len);
        check_roundtrip(CASES[i].bom, data, len + CASES[i].blen, WIDE, CASES[i].bom,
                        CASES[i].bom, "bom");
        /* A file that is only a BOM: no text at all. */
        decoded d;
        decode(CASES[i].bytes, CASES[i].blen, NULL, &d);
        assert_int_equal(d.st, DBR_OK);
        assert_int_equal(d.text.len, 0);
        assert_string_equal(d.bom, CASES[i].bom);
        assert_string_equal(d.encoding, CASES[i].bom);
        assert_int_equal(d.info.byte_size, (long long)CASES[i].blen);
        assert_string_equal(d.info.line_endings, "none");
        decoded_free(&d);
        free(body);
        free(data);
    }
}

static void test_unknown_forced_encoding_fails(void **state)
{
    (void)state;
    dbr_input_config cfg = {.from_encoding = "no-such-charset"};
    decoded d;
    decode("abc", 3, &cfg, &d);
    assert_int_equal(d.st, DBR_FAILED);
    assert_string_equal(d.err.message, "unknown encoding 'NO-SUCH-CHARSET' (from option)");
    assert_string_equal(d.err.file, "fixture");
    decoded_free(&d);
}

static void test_empty_input(void **state)
{
    (void)state;
    decoded d;
    decode("", 0, NULL, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_int_equal(d.text.len, 0);
    assert_string_equal(d.encoding, "UTF-8");
    assert_string_equal(d.bom, "");
    assert_true(d.info.at_eof);
    assert_int_equal(d.info.byte_size, 0);
    assert_true(d.info.was_nfc);
    assert_string_equal(d.warning, "");
    /* sha256 of nothing */
    assert_string_equal(d.info.sha256,
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    decoded_free(&d);
}

/* The digest is computed over every raw byte (a BOM too), and not at all when skipped. */
static void test_digest_and_skip_digest(void **state)
{
    (void)state;
    static const char bom_abc[] = "\xEF\xBB\xBF" "abc";
    decoded d;
    decode(bom_abc, 6, NULL, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_string_equal(dbr_buf_cstr(&d.text), "abc");
    assert_string_equal(d.info.sha256, /* sha256 of EF BB BF 61 62 63 */
                        "1c28dc3f1f804a1ad9c9b4b4cf5e2658d16ad4ed08e3020d04a8d2865018947c");
    decoded_free(&d);
    dbr_input_config skip = {.skip_digest = 1};
    decode(bom_abc, 6, &skip, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_string_equal(dbr_buf_cstr(&d.text), "abc");
    assert_true(d.info.at_eof);
    assert_int_equal(d.info.byte_size, 6);
    assert_string_equal(d.info.sha256, "");
    decoded_free(&d);
}

/* What a writer with no escape gives a value: the input layer's removable characters of the
 * kinds asked for as U+FFFD, counted; tab, LF, CR, FF and Latin-1 letters untouched; no copy
 * when there is nothing to replace. */
static void test_keepable(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    long n = 0;
    const char *clean = "a\tb\nc\rd\fe \xC2\xA0 \xC3\xA9";
    assert_ptr_equal(dbr_input_keepable(p, clean, DBR_KEEP_C0_DEL | DBR_KEEP_C1, &n), clean);
    assert_int_equal(n, 0);
    const char *s = "x\x01y\x7Fz\xC2\x85w\xC2\xA0";
    assert_string_equal(dbr_input_keepable(p, s, DBR_KEEP_C0_DEL | DBR_KEEP_C1, &n),
                        "x\xEF\xBF\xBDy\xEF\xBF\xBDz\xEF\xBF\xBDw\xC2\xA0");
    assert_int_equal(n, 3);
    assert_string_equal(dbr_input_keepable(p, s, DBR_KEEP_C1, &n),
                        "x\x01y\x7Fz\xEF\xBF\xBDw\xC2\xA0");
    assert_int_equal(n, 4);
    dbr_pool_free(p);
}

/* ---------- normalisation ---------- */

static void test_decomposed_becomes_composed(void **state)
{
    (void)state;
    /* e + U+0301, A + U+030A, Hangul jamo, U+212B (Angstrom sign, a singleton). */
    const char *src = "cafe\xCC\x81 A\xCC\x8A \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB "
                      "\xE2\x84\xAB 委员会\n";
    const char *want = "caf\xC3\xA9 \xC3\x85 \xED\x95\x9C \xC3\x85 委员会\n";
    for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
        dbr_input_config cfg = {.chunk_size = CHUNKS[c]};
        decoded d;
        decode(src, strlen(src), &cfg, &d);
        assert_int_equal(d.st, DBR_OK);
        assert_string_equal(dbr_buf_cstr(&d.text), want);
        assert_false(d.info.was_nfc);
        decoded_free(&d);
    }
    /* The same in UTF-16 (the combining mark split from its base by small chunks). */
    size_t len;
    char *u16 = transcode_to("UTF-16LE", src, &len);
    dbr_input_config cfg = {.chunk_size = 3, .from_encoding = "UTF-16LE"};
    decoded d;
    decode(u16, len, &cfg, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), want);
    assert_false(d.info.was_nfc);
    decoded_free(&d);
    free(u16);
    /* Already composed text says so. */
    decode(want, strlen(want), NULL, &d);
    assert_true(d.info.was_nfc);
    assert_string_equal(dbr_buf_cstr(&d.text), want);
    decoded_free(&d);
}

/* Random mixes of starters, combining marks (in and out of canonical order), Hangul jamo,
 * singletons and CR LF give the same text whatever the chunk size: the held-back segment
 * logic is exercised at every possible cut. */
static void test_normalisation_independent_of_chunks(void **state)
{
    (void)state;
    static const char *const PIECES[] = {
        "a", "e", "\xCC\x81", "\xCC\xA7", "\xCC\xA3", "\xE1\x84\x80", "\xE1\x85\xA1",
        "\xE1\x86\xA8", "\xEA\xB0\x80", "\xE5\xA7\x94", "\xE2\x84\xAB", "\xF0\x9F\x98\x80",
        "\xC3\xB1", "\xCD\x84", "\r", "\n", " ", "\xE3\x81\x8B", "\xE3\x82\x99", "\xEF\xAC\x81",
    };
    unsigned seed = 12345;
    for (int iter = 0; iter < 60; iter++) {
        char src[2048];
        size_t n = 0;
        for (int k = 0; k < 200; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *piece = PIECES[(seed >> 16) % (sizeof PIECES / sizeof PIECES[0])];
            size_t l = strlen(piece);
            memcpy(src + n, piece, l);
            n += l;
        }
        decoded whole;
        dbr_input_config big = {.from_encoding = "UTF-8"};
        decode(src, n, &big, &whole);
        for (size_t c = 0; c < 4; c++) {
            for (int nfkc = 0; nfkc < 2; nfkc++) {
                dbr_input_config cfg = {.from_encoding = "UTF-8", .chunk_size = CHUNKS[c],
                                        .nfkc = nfkc};
                decoded d, ref;
                decode(src, n, &cfg, &d);
                dbr_input_config refcfg = {.from_encoding = "UTF-8", .nfkc = nfkc};
                decode(src, n, &refcfg, &ref);
                assert_int_equal(d.text.len, ref.text.len);
                assert_memory_equal(dbr_buf_cstr(&d.text), dbr_buf_cstr(&ref.text), d.text.len);
                assert_int_equal(d.info.was_nfc, whole.info.was_nfc);
                decoded_free(&d);
                decoded_free(&ref);
            }
        }
        /* Normalising the output again changes nothing: it is NFC. */
        decoded again;
        decode(dbr_buf_cstr(&whole.text), whole.text.len, &big, &again);
        assert_true(again.info.was_nfc);
        assert_string_equal(dbr_buf_cstr(&again.text), dbr_buf_cstr(&whole.text));
        decoded_free(&again);
        decoded_free(&whole);
    }
}

static void test_nfkc_and_folds(void **state)
{
    (void)state;
    const char *src = "\xEF\xAC\x81le \xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3\xEF\xBC\x91"
                      "\xE3\x80\x80\xEF\xBC\x81 \xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99";
    decoded d;
    /* Defaults keep everything as written (it is all NFC). */
    decode(src, strlen(src), NULL, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), src);
    assert_true(d.info.was_nfc);
    decoded_free(&d);
    dbr_input_config nfkc = {.nfkc = 1, .chunk_size = 2};
    decode(src, strlen(src), &nfkc, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), "file ABC1 ! \xE2\x80\x9CHi\xE2\x80\x9D "
                                               "\xE2\x80\x98x\xE2\x80\x99");
    assert_true(d.info.was_nfc); /* the input was NFC; NFKC changed it */
    decoded_free(&d);
    dbr_input_config folds = {.fold_width = 1, .fold_quotes = 1, .chunk_size = 1};
    decode(src, strlen(src), &folds, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), "\xEF\xAC\x81le ABC1 ! \"Hi\" 'x'");
    decoded_free(&d);
    /* Folding comes before NFC: a full-width a + U+0301 becomes a composed a-acute. */
    const char *fa = "\xEF\xBD\x81\xCC\x81";
    decode(fa, strlen(fa), &folds, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), "\xC3\xA1");
    decoded_free(&d);
}

/* ---------- line endings and controls ---------- */

static void test_line_endings(void **state)
{
    (void)state;
    static const struct {
        const char *src, *want, *style;
    } CASES[] = {
        {"a\r\nb\r\n\r\nc", "a\nb\n\nc", "CRLF"},
        {"a\rb\r\rc\r", "a\nb\n\nc\n", "CR"},
        {"a\nb\n", "a\nb\n", "LF"},
        {"a\r\nb\nc\rd", "a\nb\nc\nd", "mixed"},
        {"no newline", "no newline", "none"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
        for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
            dbr_input_config cfg = {.chunk_size = CHUNKS[c]};
            decoded d;
            decode(CASES[i].src, strlen(CASES[i].src), &cfg, &d);
            assert_string_equal(dbr_buf_cstr(&d.text), CASES[i].want);
            assert_string_equal(d.info.line_endings, CASES[i].style);
            decoded_free(&d);
        }
    /* CRLF in UTF-16BE, split by chunks of one byte. */
    size_t len;
    char *u16 = transcode_to("UTF-16BE", "委员会\r\n伦敦\r\n", &len);
    dbr_input_config cfg = {.chunk_size = 1, .from_encoding = "UTF-16BE"};
    decoded d;
    decode(u16, len, &cfg, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), "委员会\n伦敦\n");
    assert_string_equal(d.info.line_endings, "CRLF");
    decoded_free(&d);
    free(u16);
}

static void test_controls_removed_and_counted(void **state)
{
    (void)state;
    /* NUL, SOH, ESC, DEL, U+0085 and U+009F go; tab, LF and form feed (page break) stay. */
    const char src[] = "a\0b\x01" "c\td\fe\x1B" "f\x7Fg\xC2\x85h\xC2\x9Fi\n";
    decoded d;
    dbr_input_config cfg = {.chunk_size = 2};
    decode(src, sizeof src - 1, &cfg, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_string_equal(dbr_buf_cstr(&d.text), "abc\td\fefghi\n");
    assert_int_equal(d.info.removed_controls, 6);
    assert_int_equal(d.info.invalid_bytes, 0);
    /* removed on purpose, but said: no text goes without a word */
    assert_string_equal(d.warning, "6 control characters removed (NUL, C0 but tab, LF, CR and "
                                   "FF, DEL, C1)");
    decoded_free(&d);
}

/* ---------- strict and lenient ---------- */

static void test_invalid_utf8_one_byte(void **state)
{
    (void)state;
    /* Line 3, column 17 (characters): a lone 0xFF in UTF-8 text. */
    const char src[] = "first line\nsecond\n委员会在伦敦开会，审查了档案馆 \xFF tail\nlast\n";
    const long long off = (long long)(strchr(src, '\xFF') - src);
    for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
        dbr_input_config strict = {.strict = 1, .chunk_size = CHUNKS[c]};
        decoded d;
        decode(src, sizeof src - 1, &strict, &d);
        assert_int_equal(d.st, DBR_FAILED);
        assert_int_equal(d.err.offset, off);
        assert_int_equal(d.err.line, 3);
        assert_int_equal(d.err.column, 17);
        assert_string_equal(d.err.file, "fixture");
        assert_non_null(strstr(d.err.message, "FF"));
        decoded_free(&d);

        dbr_input_config lenient = {.chunk_size = CHUNKS[c]};
        decode(src, sizeof src - 1, &lenient, &d);
        assert_int_equal(d.st, DBR_OK);
        assert_int_equal(d.info.invalid_bytes, 1);
        assert_int_equal(d.info.first_invalid_offset, off);
        assert_string_equal(dbr_buf_cstr(&d.text),
                            "first line\nsecond\n委员会在伦敦开会，审查了档案馆 \xEF\xBF\xBD tail\nlast\n");
        char want[128];
        snprintf(want, sizeof want, "1 invalid UTF-8 byte replaced with U+FFFD, the first at "
                                    "byte %lld", off);
        assert_string_equal(d.warning, want);
        decoded_free(&d);
    }
    /* Lines are counted the same with CR LF and CR line ends. */
    static const char *const ENDS[] = {"\r\n", "\r", "\n"};
    for (size_t e = 0; e < 3; e++)
        for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
            char text[128];
            snprintf(text, sizeof text, "one%stwo%s%sab\xFF", ENDS[e], ENDS[e], ENDS[e]);
            dbr_input_config cfg = {.strict = 1, .from_encoding = "UTF-8",
                                    .chunk_size = CHUNKS[c]};
            decoded d;
            decode(text, strlen(text), &cfg, &d);
            assert_int_equal(d.st, DBR_FAILED);
            assert_int_equal(d.err.line, 4);
            assert_int_equal(d.err.column, 3);
            assert_int_equal(d.err.offset, (long long)strlen(text) - 1);
            decoded_free(&d);
        }
    /* A truncated three-byte sequence is one U+FFFD standing for its two bytes. */
    const char cut[] = "ab\xE5\xA7" "cd";
    decoded d;
    dbr_input_config utf8 = {.from_encoding = "UTF-8"};
    decode(cut, sizeof cut - 1, &utf8, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), "ab\xEF\xBF\xBD" "cd");
    assert_int_equal(d.info.invalid_bytes, 2);
    decoded_free(&d);
}

static void test_invalid_transcoded(void **state)
{
    (void)state;
    /* GB18030 with a 0xFF on line 2 after two characters. */
    size_t l1, l2;
    char *a = transcode_to("GB18030", "委员会在伦敦开会，审查了档案馆的文件。\n伦敦", &l1);
    char *b = transcode_to("GB18030", "开会。\n", &l2);
    size_t len = l1 + 1 + l2;
    char *data = malloc(len);
    memcpy(data, a, l1);
    data[l1] = '\xFF';
    memcpy(data + l1 + 1, b, l2);
    for (size_t c = 0; c < sizeof CHUNKS / sizeof CHUNKS[0]; c++) {
        dbr_input_config strict = {.strict = 1, .chunk_size = CHUNKS[c],
                                   .from_encoding = "GB18030"};
        decoded d;
        decode(data, len, &strict, &d);
        assert_int_equal(d.st, DBR_FAILED);
        assert_int_equal(d.err.offset, (long long)l1);
        assert_int_equal(d.err.line, 2);
        assert_int_equal(d.err.column, 3);
        assert_non_null(strstr(d.err.message, "GB18030"));
        decoded_free(&d);
        dbr_input_config lenient = {.chunk_size = CHUNKS[c], .from_encoding = "GB18030"};
        decode(data, len, &lenient, &d);
        assert_int_equal(d.st, DBR_OK);
        assert_int_equal(d.info.invalid_bytes, 1);
        assert_int_equal(d.info.first_invalid_offset, (long long)l1);
        assert_string_equal(dbr_buf_cstr(&d.text),
                            "委员会在伦敦开会，审查了档案馆的文件。\n伦敦\xEF\xBF\xBD开会。\n");
        decoded_free(&d);
    }
    free(a);
    free(b);
    free(data);
    /* A lone high surrogate in UTF-16LE: one U+FFFD for the unit, alignment kept. */
    const char u16[] = "A\0\x00\xD8" "B\0";
    dbr_input_config cfg = {.from_encoding = "UTF-16LE", .chunk_size = 1};
    decoded d;
    decode(u16, sizeof u16 - 1, &cfg, &d);
    assert_string_equal(dbr_buf_cstr(&d.text), "A\xEF\xBF\xBD" "B");
    assert_int_equal(d.info.invalid_bytes, 2);
    assert_int_equal(d.info.first_invalid_offset, 2);
    decoded_free(&d);
}

/* ---------- big inputs and lines ---------- */

/* 1 when s is valid UTF-8 with no control character but tab, LF and FF. */
static int clean_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || c == 0x7F)
                return 0;
            i++;
            continue;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (!len || len > 4 || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        if (c == 0xC2 && s[i + 1] < 0xA0)
            return 0; /* C1 control */
        i += len;
    }
    return 1;
}

/* Random bytes, read as every encoding with every chunk size: never a failure in lenient mode,
 * always clean UTF-8 out, the same text whatever the chunk size. */
static void test_random_bytes_always_clean(void **state)
{
    (void)state;
    static const char *const ENCS[] = {NULL,       "UTF-8",    "UTF-16LE", "UTF-32BE",
                                       "GB18030",  "SHIFT_JIS", "BIG5",    "WINDOWS-1252"};
    unsigned seed = 99;
    for (int iter = 0; iter < 40; iter++) {
        unsigned char data[600];
        for (size_t i = 0; i < sizeof data; i++) {
            seed = seed * 1103515245u + 12345u;
            data[i] = (unsigned char)(seed >> 16);
        }
        for (size_t e = 0; e < sizeof ENCS / sizeof ENCS[0]; e++) {
            decoded ref;
            dbr_input_config rc = {.from_encoding = ENCS[e]};
            decode(data, sizeof data, &rc, &ref);
            assert_int_equal(ref.st, DBR_OK);
            assert_true(clean_utf8((const unsigned char *)dbr_buf_cstr(&ref.text), ref.text.len));
            for (size_t c = 0; c < 4; c++) {
                dbr_input_config cfg = {.from_encoding = ENCS[e], .chunk_size = CHUNKS[c]};
                decoded d;
                decode(data, sizeof data, &cfg, &d);
                assert_int_equal(d.st, DBR_OK);
                assert_int_equal(d.text.len, ref.text.len);
                assert_memory_equal(dbr_buf_cstr(&d.text), dbr_buf_cstr(&ref.text), d.text.len);
                assert_int_equal(d.info.invalid_bytes, ref.info.invalid_bytes);
                assert_int_equal(d.info.removed_controls, ref.info.removed_controls);
                decoded_free(&d);
            }
            decoded_free(&ref);
        }
    }
}

static void test_one_megabyte_line(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *src = malloc(n + 1);
    const char *unit = "委员会 committee ";
    size_t ul = strlen(unit), k = 0;
    while (k + ul <= n) {
        memcpy(src + k, unit, ul);
        k += ul;
    }
    memset(src + k, 'x', n - k);
    src[n] = '\0';
    char *path = test_write_temp(src, n, ".txt");
    dbr_error err;
    dbr_input *in = dbr_input_open_file(path, NULL, &err);
    assert_non_null(in);
    const char *line;
    size_t len;
    assert_int_equal(dbr_input_getline(in, &line, &len, &err), DBR_OK);
    assert_int_equal(len, n);
    assert_memory_equal(line, src, n);
    assert_int_equal(dbr_input_lineno(in), 1);
    assert_int_equal(dbr_input_getline(in, &line, &len, &err), DBR_OK);
    assert_null(line);
    const dbr_input_info *info = dbr_input_info_get(in);
    assert_int_equal(info->byte_size, (long long)n);
    assert_string_equal(info->encoding, "UTF-8");
    dbr_input_free(in);
    unlink(path);
    free(path);
    free(src);
}

/* ---------- declarations ---------- */

static void test_sniff_xml(void **state)
{
    (void)state;
    char out[64];
    const char *decl = "<?xml version=\"1.0\" encoding='gb18030'?><a/>";
    assert_int_equal(dbr_sniff_xml_encoding((const uint8_t *)decl, strlen(decl), out, 64), 1);
    assert_string_equal(out, "GB18030");
    const char *none = "<?xml version=\"1.0\"?><a/>";
    assert_int_equal(dbr_sniff_xml_encoding((const uint8_t *)none, strlen(none), out, 64), 0);
    const char *lie = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>";
    assert_int_equal(dbr_sniff_xml_encoding((const uint8_t *)lie, strlen(lie), out, 64), 0);
    const char *notxml = "<a encoding=\"GB18030\"/>";
    assert_int_equal(dbr_sniff_xml_encoding((const uint8_t *)notxml, strlen(notxml), out, 64), 0);
    static const char *const WIDE_FORMS[] = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
    for (size_t i = 0; i < 4; i++) {
        size_t len;
        char *w = transcode_to(WIDE_FORMS[i], "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>",
                               &len);
        assert_int_equal(dbr_sniff_xml_encoding((const uint8_t *)w, len, out, 64), 1);
        assert_string_equal(out, WIDE_FORMS[i]);
        free(w);
    }
    const char *bom = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>";
    assert_int_equal(dbr_sniff_xml_encoding((const uint8_t *)bom, strlen(bom), out, 64), 1);
    assert_string_equal(out, "SHIFT_JIS");
}

static void test_sniff_html_and_po(void **state)
{
    (void)state;
    char out[64];
    static const struct {
        const char *src, *want;
    } HTML[] = {
        {"<html><head><meta charset=\"gb18030\"><title>x</title>", "GB18030"},
        {"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Big5\">",
         "BIG5"},
        {"<meta content='text/html;charset=iso-8859-1' http-equiv='content-type'>",
         "WINDOWS-1252"},
        {"<!-- <meta charset=\"koi8-r\"> --><meta charset=gb2312>", "GBK"},
        {"<meta charset=\"utf-16\">", "UTF-8"},
        {"<head><meta charset=shift_jis/><title>", "SHIFT_JIS"},
        {"<html><meta name=\"description\" content=\"charset=big5\"><p>", NULL},
        {"<p>charset=big5</p>", NULL},
    };
    for (size_t i = 0; i < sizeof HTML / sizeof HTML[0]; i++) {
        int r = dbr_sniff_html_charset((const uint8_t *)HTML[i].src, strlen(HTML[i].src), out, 64);
        assert_int_equal(r, HTML[i].want != NULL);
        if (HTML[i].want)
            assert_string_equal(out, HTML[i].want);
    }
    const char *po = "# comment\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x\\n\"\n"
                     "\"Content-Type: text/plain; charset=GBK\\n\"\n\nmsgid \"a\"\nmsgstr \"b\"\n";
    assert_int_equal(dbr_sniff_po_charset((const uint8_t *)po, strlen(po), out, 64), 1);
    assert_string_equal(out, "GBK");
    const char *pot = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=CHARSET\\n\"\n";
    assert_int_equal(dbr_sniff_po_charset((const uint8_t *)pot, strlen(pot), out, 64), 0);
}

/* The declaration outranks UTF-8 validity and statistics, and probes see decoded text. */
static void test_declared_xml_decodes(void **state)
{
    (void)state;
    const char *xml = "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<doc>委员会 ©</doc>\n";
    size_t len;
    char *gb = transcode_to("GB18030", xml, &len);
    decoded d;
    dbr_input_config cfg = {.chunk_size = 7, .strict = 1};
    decode(gb, len, &cfg, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_string_equal(d.encoding, "GB18030");
    assert_string_equal(d.source, "declaration");
    assert_string_equal(dbr_buf_cstr(&d.text), xml);
    decoded_free(&d);
    /* The head text for probes is decoded the same way. */
    dbr_error err;
    dbr_input *in = dbr_input_open_memory(gb, len, "x.xml", NULL, &err);
    size_t tl;
    const char *t = dbr_input_head_text(in, &tl);
    assert_string_equal(t, xml);
    dbr_input_free(in);
    free(gb);

    /* UTF-16 without a BOM, declared UTF-16: the bytes say which end first. */
    const char *x16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<doc>檔案館 😀</doc>\n";
    static const char *const FORMS[] = {"UTF-16LE", "UTF-16BE"};
    for (size_t i = 0; i < 2; i++) {
        char *w = transcode_to(FORMS[i], x16, &len);
        decode(w, len, &cfg, &d);
        assert_int_equal(d.st, DBR_OK);
        assert_string_equal(d.encoding, FORMS[i]);
        assert_string_equal(d.source, "declaration");
        assert_string_equal(dbr_buf_cstr(&d.text), x16);
        decoded_free(&d);
        in = dbr_input_open_memory(w, len, "x.xml", NULL, &err);
        assert_string_equal(dbr_input_head_text(in, &tl), x16);
        dbr_input_free(in);
        free(w);
    }
    /* A reader's declaration wins over statistics; an explicit option over both. */
    const char *plain = "caf\xE9 na\xEFve\n"; /* Latin-1 bytes */
    in = dbr_input_open_memory(plain, strlen(plain), "x", NULL, &err);
    dbr_input_set_declared_encoding(in, "windows-1252");
    assert_string_equal(dbr_input_info_get(in)->encoding, "WINDOWS-1252");
    assert_string_equal(dbr_input_info_get(in)->encoding_source, "declaration");
    dbr_input_free(in);
    /* An unknown declared encoding is set aside with a warning. */
    const char *bogus = "<?xml version=\"1.0\" encoding=\"x-no-such\"?><a>b</a>";
    decode(bogus, strlen(bogus), NULL, &d);
    assert_int_equal(d.st, DBR_OK);
    assert_string_equal(d.encoding, "UTF-8");
    assert_non_null(strstr(d.warning, "X-NO-SUCH"));
    decoded_free(&d);
    /* A reader's hook naming UTF-16 for bytes that are plainly ASCII-compatible: set aside. */
    const char *ascii = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>b</a>";
    in = dbr_input_open_memory(ascii, strlen(ascii), "x", NULL, &err);
    dbr_input_set_declared_encoding(in, "utf-16");
    dbr_buf text = DBR_BUF_INIT;
    assert_int_equal(read_all(in, &text, &err), DBR_OK);
    assert_string_equal(dbr_buf_cstr(&text), ascii);
    assert_string_equal(dbr_input_info_get(in)->encoding, "UTF-8");
    assert_string_equal(dbr_input_warning(in),
                        "declared encoding 'UTF-16' does not fit the bytes, used UTF-8 (utf8)");
    dbr_buf_free(&text);
    dbr_input_free(in);
}

/* ---------- through the pipeline: the warning and provenance ---------- */

typedef struct enc_writer {
    dbr_output *out;
} enc_writer;

/* What the writer saw, kept past the conversion (the core frees the writer's state). */
static struct {
    char encoding[64];
    long long invalid, controls;
} seen;

static dbr_status ew_open(void *state, dbr_job *job, dbr_output *out)
{
    (void)job;
    enc_writer *w = state;
    w->out = out;
    memset(&seen, 0, sizeof seen);
    return DBR_OK;
}

static dbr_status ew_begin(void *self, const dbr_doc *d)
{
    (void)self;
    /* The encoding is known when the document begins, before any text is read. */
    snprintf(seen.encoding, sizeof seen.encoding, "%s", d->prov.encoding ? d->prov.encoding : "");
    return DBR_OK;
}

static dbr_status ew_block(void *self, const dbr_block *b)
{
    enc_writer *w = self;
    dbr_buf t = DBR_BUF_INIT;
    dbr_rich_plain(&b->text, &t);
    dbr_error e;
    dbr_status st = dbr_output_printf(w->out, &e, "%s\n", dbr_buf_cstr(&t));
    dbr_buf_free(&t);
    return st;
}

static dbr_status ew_end(void *self, const dbr_doc *d)
{
    (void)self;
    seen.invalid = d->prov.invalid_bytes;
    seen.controls = d->prov.removed_controls;
    return DBR_OK;
}

static const dbr_sink_ops ew_sink = {.begin_document = ew_begin, .block = ew_block,
                                     .end_document = ew_end};
static const dbr_writer_ops ew_ops = {.state_size = sizeof(enc_writer), .open = ew_open,
                                      .sink = &ew_sink};

static dbr_status er_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state;
    dbr_doc doc;
    dbr_doc_init(&doc);
    dbr_status st = dbr_sink_begin_document(sink, &doc);
    dbr_pool *pool = dbr_pool_new();
    const char *line;
    size_t len;
    while (st == DBR_OK && (st = dbr_input_getline(in, &line, &len, job->err)) == DBR_OK && line) {
        dbr_block b;
        memset(&b, 0, sizeof b);
        dbr_rich_add_text(pool, &b.text, line, len);
        st = dbr_sink_block(sink, &b);
        dbr_pool_reset(pool);
    }
    dbr_pool_free(pool);
    return st == DBR_OK ? dbr_sink_end_document(sink, &doc) : st;
}

static const dbr_reader_ops er_ops = {.read = er_read, .sniff_encoding = dbr_sniff_xml_encoding};
static const char *const er_exts[] = {"enctest", NULL};
static const dbr_plugin enc_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "enctest",
    .version = "1",
    .description = "reads lines, writes lines",
    .extensions = er_exts,
    .reader = &er_ops,
    .writer = &ew_ops,
};

typedef struct warnings {
    int count;
    dbr_error last;
} warnings;

static void collect_warning(void *ud, const dbr_error *w)
{
    warnings *ws = ud;
    ws->count++;
    ws->last = *w;
}

static dbr_status convert_file(const char *in, const char *out, int strict, warnings *ws,
                               dbr_error *err)
{
    dbr_registry *reg = dbr_registry_new();
    assert_int_equal(dbr_registry_add_static(reg, &enc_plugin, "(test)"), 1);
    dbr_options *opts = dbr_options_new();
    if (strict)
        dbr_options_set(opts, "strict", NULL);
    const char *inputs[1] = {in};
    dbr_convert_request q = {.inputs = inputs, .ninputs = 1, .from_format = "enctest",
                             .to_format = "enctest", .output = out, .opts = opts,
                             .warn = collect_warning, .warn_ud = ws};
    dbr_status st = dbr_convert(reg, &q, err);
    dbr_options_free(opts);
    dbr_registry_free(reg);
    return st;
}

static void test_pipeline_warns_once_and_strict_writes_nothing(void **state)
{
    (void)state;
    const char src[] = "委员会在伦敦开会\nbad \xFF here \xFE and \x01 there\nend\n";
    char *in = test_write_temp(src, sizeof src - 1, ".enctest");
    char out[4096];
    snprintf(out, sizeof out, "%s.out.enctest", in);
    warnings ws = {0};
    dbr_error err;
    assert_int_equal(convert_file(in, out, 0, &ws, &err), DBR_OK);
    assert_int_equal(ws.count, 1);
    assert_string_equal(ws.last.file, in);
    assert_non_null(strstr(ws.last.message, "2 invalid UTF-8 bytes"));
    assert_non_null(strstr(ws.last.message, "byte 29"));
    assert_string_equal(seen.encoding, "UTF-8");
    assert_int_equal(seen.invalid, 2);
    assert_int_equal(seen.controls, 1);
    size_t len;
    char *got = test_slurp(out, &len);
    assert_non_null(got);
    assert_string_equal(got, "委员会在伦敦开会\nbad \xEF\xBF\xBD here \xEF\xBF\xBD and  there\nend\n");
    free(got);
    unlink(out);

    ws.count = 0;
    assert_int_equal(convert_file(in, out, 1, &ws, &err), DBR_FAILED);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 5);
    assert_int_equal(err.offset, 29);
    assert_string_equal(err.file, in);
    struct stat st;
    assert_int_equal(stat(out, &st), -1); /* no output written */
    unlink(in);
    free(in);

    /* A GB18030-declared XML file through a reader whose hook is dbr_sniff_xml_encoding. */
    const char *xml = "<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<p>委员会</p>\n";
    char *gb = transcode_to("GB18030", xml, &len);
    in = test_write_temp(gb, len, ".enctest");
    snprintf(out, sizeof out, "%s.out.enctest", in);
    ws.count = 0;
    assert_int_equal(convert_file(in, out, 1, &ws, &err), DBR_OK);
    assert_int_equal(ws.count, 0);
    assert_string_equal(seen.encoding, "GB18030");
    got = test_slurp(out, &len);
    assert_string_equal(got, xml);
    free(got);
    unlink(out);
    unlink(in);
    free(in);
    free(gb);
}

/* The folds act on the reader's text (the fold stage), the same as on bytes for lines. */
static void test_pipeline_folds_event_text(void **state)
{
    (void)state;
    const char *src = "\xE2\x80\x9CHi\xE2\x80\x9D \xEF\xBC\xA1\xEF\xBD\x81\xCC\x81 \xEF\xAC\x81\n";
    char *path = test_write_temp(src, strlen(src), ".enctest");
    dbr_registry *reg = dbr_registry_new();
    assert_int_equal(dbr_registry_add_static(reg, &enc_plugin, "(test)"), 1);
    static const struct {
        const char *opt, *value, *want;
    } CASES[] = {
        {"fold-quotes", NULL, "\"Hi\" \xEF\xBC\xA1\xEF\xBD\x81\xCC\x81 \xEF\xAC\x81"},
        {"fold-width", NULL, "\xE2\x80\x9CHi\xE2\x80\x9D A\xC3\xA1 \xEF\xAC\x81"},
        {"normalize", "nfkc", "\xE2\x80\x9CHi\xE2\x80\x9D A\xC3\xA1 fi"},
        {"normalize", "nfc", "\xE2\x80\x9CHi\xE2\x80\x9D \xEF\xBC\xA1\xEF\xBD\x81\xCC\x81 \xEF\xAC\x81"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        dbr_options *o = dbr_options_new();
        dbr_options_set(o, CASES[i].opt, CASES[i].value);
        rec_sink rec;
        rec_sink_init(&rec);
        dbr_error err;
        assert_int_equal(dbr_read_into(reg, path, "enctest", o, NULL, NULL, &rec.sink, &err),
                         DBR_OK);
        assert_int_equal(rec.nblocks, 1);
        assert_string_equal(rec.blocks[0]->text.spans[0].text, CASES[i].want);
        rec_sink_free(&rec);
        dbr_options_free(o);
    }
    dbr_registry_free(reg);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated_fixtures_round_trip),
        cmocka_unit_test(test_gb18030_four_byte_sequences),
        cmocka_unit_test(test_gbk_reads_as_gb18030),
        cmocka_unit_test(test_boms),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_digest_and_skip_digest),
        cmocka_unit_test(test_keepable),
        cmocka_unit_test(test_unknown_forced_encoding_fails),
        cmocka_unit_test(test_decomposed_becomes_composed),
        cmocka_unit_test(test_normalisation_independent_of_chunks),
        cmocka_unit_test(test_nfkc_and_folds),
        cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_controls_removed_and_counted),
        cmocka_unit_test(test_invalid_utf8_one_byte),
        cmocka_unit_test(test_invalid_transcoded),
        cmocka_unit_test(test_random_bytes_always_clean),
        cmocka_unit_test(test_one_megabyte_line),
        cmocka_unit_test(test_sniff_xml),
        cmocka_unit_test(test_sniff_html_and_po),
        cmocka_unit_test(test_declared_xml_decodes),
        cmocka_unit_test(test_pipeline_warns_once_and_strict_writes_nothing),
        cmocka_unit_test(test_pipeline_folds_event_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
