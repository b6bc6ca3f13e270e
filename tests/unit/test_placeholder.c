/* test_placeholder.c - the placeholder form: exact round trips of every span kind and field,
 * escapes of text that looks like a token, line-safe mode, and malformed tokens (literal text
 * by default, an error with an offset when strict). */
#include "testutil.h"

#include "docbridge/placeholder.h"

#include <string.h>

static int spans_equal(const dbr_span *a, const dbr_span *b)
{
#define SEQ(x, y) ((x) == (y) || ((x) && (y) && !strcmp((x), (y))))
    if (a->kind != b->kind || a->flags != b->flags || !SEQ(a->text, b->text) ||
        !SEQ(a->id, b->id) || !SEQ(a->type, b->type) || !SEQ(a->origin, b->origin) ||
        a->attrs.count != b->attrs.count)
        return 0;
    for (size_t i = 0; i < a->attrs.count; i++)
        if (strcmp(a->attrs.items[i].key, b->attrs.items[i].key) ||
            strcmp(a->attrs.items[i].value, b->attrs.items[i].value))
            return 0;
    return 1;
#undef SEQ
}

static void assert_rich_equal(const dbr_rich *a, const dbr_rich *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++)
        assert_true(spans_equal(&a->spans[i], &b->spans[i]));
}

/* Encodes r with flags, checks the string when `expect` is given, decodes, compares. */
static void round_trip(const dbr_rich *r, unsigned flags, const char *expect)
{
    dbr_buf b = DBR_BUF_INIT;
    assert_int_equal(dbr_ph_encode(r, flags, &b), 0);
    if (expect)
        assert_string_equal(dbr_buf_cstr(&b), expect);
    dbr_pool *p = dbr_pool_new();
    dbr_rich back = {0};
    dbr_ph_error e;
    assert_int_equal(dbr_ph_decode(p, b.data, b.len, DBR_PH_STRICT, &back, &e), 0);
    assert_rich_equal(r, &back);
    dbr_pool_free(p);
    dbr_buf_free(&b);
}

static void test_every_kind_compact(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    dbr_rich_add_text(p, &r, "a ", 2);
    dbr_rich_add_code(p, &r, DBR_SPAN_OPEN, "1", NULL);
    dbr_rich_add_text(p, &r, "b", 1);
    dbr_rich_add_code(p, &r, DBR_SPAN_CLOSE, "1", NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_PLACEHOLDER, "2", NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_MARK_OPEN, "m1", NULL);
    dbr_rich_add_text(p, &r, "c", 1);
    dbr_rich_add_code(p, &r, DBR_SPAN_MARK_CLOSE, "m1", NULL);
    dbr_span *iso = dbr_rich_add_code(p, &r, DBR_SPAN_OPEN, "3", NULL);
    iso->flags = DBR_SPAN_ISOLATED;
    dbr_span *wf = dbr_rich_add_code(p, &r, DBR_SPAN_CLOSE, "4", NULL);
    wf->flags = DBR_SPAN_WELLFORMED | 0x40u;
    round_trip(&r, 0,
               "a ⟦1⟧b⟦/1⟧⟦2/⟧⟦@m1⟧c⟦/@m1⟧⟦3|iso⟧⟦/4|wf|f=64⟧");
    dbr_pool_free(p);
}

static void test_full_fields(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    dbr_span *s = dbr_rich_add_code(p, &r, DBR_SPAN_OPEN, "1", "<b class=\"x|y\">");
    s->type = "fmt";
    s->origin = "bpt";
    dbr_props_add(p, &s->attrs, "x", "1");
    dbr_props_add(p, &s->attrs, "ctype", "x-bold");
    dbr_props_add(p, &s->attrs, "", "empty key");
    dbr_rich_add_text(p, &r, "bold", 4);
    s = dbr_rich_add_code(p, &r, DBR_SPAN_CLOSE, "1", "");
    s->origin = "ept";
    round_trip(&r, DBR_PH_FULL,
               "⟦1|t=fmt|o=bpt|d=<b%20class%3D\"x%7Cy\">|a.x=1|a.ctype=x-bold|a.%00=empty%20key⟧"
               "bold⟦/1|o=ept|d=⟧");
    /* Without FULL the same text keeps kind, id and pairing only. */
    dbr_buf b = DBR_BUF_INIT;
    assert_int_equal(dbr_ph_encode(&r, 0, &b), 0);
    assert_string_equal(dbr_buf_cstr(&b), "⟦1⟧bold⟦/1⟧");
    dbr_buf_free(&b);
    dbr_pool_free(p);
}

static void test_odd_ids(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    dbr_rich_add_code(p, &r, DBR_SPAN_PLACEHOLDER, NULL, NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_PLACEHOLDER, "", NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_PLACEHOLDER, "-", NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_OPEN, "a/b|c@d=e f%", NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_CLOSE, "x⟧y⟦z", NULL);
    dbr_rich_add_code(p, &r, DBR_SPAN_OPEN, "中文-1", NULL);
    round_trip(&r, 0,
               "⟦-/⟧⟦%00/⟧⟦%2D/⟧⟦a%2Fb%7Cc%40d%3De%20f%25⟧⟦/x%E2%9F%A7y%E2%9F%A6z⟧⟦中文-1⟧");
    dbr_pool_free(p);
}

static void test_text_that_looks_like_tokens(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    const char *t = "literal ⟦1⟧ and ⟦/2⟧, ⟦⟦ and ⟧ alone, {0} %s <b>";
    dbr_rich_add_text(p, &r, t, strlen(t));
    round_trip(&r, 0, "literal ⟦⟦1⟧ and ⟦⟦/2⟧, ⟦⟦⟦⟦ and ⟧ alone, {0} %s <b>");
    dbr_pool_free(p);
}

static void test_line_safe(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    dbr_rich_add_text(p, &r, "one\ntwo\r\n\tthree", 15);
    round_trip(&r, DBR_PH_LINE_SAFE, "one⟦=%0A⟧two⟦=%0D%0A%09⟧three");
    round_trip(&r, 0, "one\ntwo\r\n\tthree");
    dbr_pool_free(p);
}

static void test_strip_and_literal(void **state)
{
    (void)state;
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    dbr_rich_add_text(p, &r, "a", 1);
    dbr_rich_add_code(p, &r, DBR_SPAN_PLACEHOLDER, "1", "<br/>");
    dbr_rich_add_text(p, &r, "b", 1);
    dbr_buf b = DBR_BUF_INIT;
    assert_int_equal(dbr_ph_encode(&r, DBR_PH_STRIP, &b), 0);
    assert_string_equal(dbr_buf_cstr(&b), "ab");
    dbr_buf_free(&b);
    dbr_rich lit = {0};
    assert_int_equal(dbr_ph_decode(p, "x⟦1/⟧y", strlen("x⟦1/⟧y"), DBR_PH_LITERAL, &lit, NULL), 0);
    assert_int_equal(lit.count, 1);
    assert_string_equal(lit.spans[0].text, "x⟦1/⟧y");
    assert_int_equal(dbr_ph_has_marker("x⟦", strlen("x⟦")), 1);
    assert_int_equal(dbr_ph_has_marker("x⟧ é", strlen("x⟧ é")), 0);
    dbr_pool_free(p);
}

/* Malformed tokens: text by default, an error at the right offset when strict. */
static void check_malformed(const char *s, size_t offset)
{
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    dbr_ph_error e = {0};
    assert_int_equal(dbr_ph_decode(p, s, strlen(s), DBR_PH_STRICT, &r, &e), 1);
    assert_int_equal(e.offset, offset);
    assert_non_null(e.message);
    dbr_rich lenient = {0};
    assert_int_equal(dbr_ph_decode(p, s, strlen(s), 0, &lenient, NULL), 0);
    dbr_buf b = DBR_BUF_INIT;
    dbr_rich_plain(&lenient, &b);
    assert_true(strstr(dbr_buf_cstr(&b), "⟦") != NULL);
    dbr_buf_free(&b);
    dbr_pool_free(p);
}

static void test_malformed(void **state)
{
    (void)state;
    check_malformed("ab⟦1", 2);              /* unterminated */
    check_malformed("⟦⟧", 0);                 /* empty id */
    check_malformed("x ⟦1 2⟧", 2);            /* raw space */
    check_malformed("⟦/1/⟧", 0);              /* close and standalone at once */
    check_malformed("⟦1|zz=3⟧", 0);           /* unknown field */
    check_malformed("⟦1|d=%G1⟧", 0);          /* bad escape */
    check_malformed("⟦1|d=%4⟧", 0);           /* short escape */
    check_malformed("ok ⟦1⟧ ⟦a⟦2⟧", 11);       /* token opened inside a token */
    check_malformed("⟦=⟧", 0);                /* empty literal */
    check_malformed("⟦1|f=x⟧", 0);            /* bad flags */
    check_malformed("a⟦=%FF⟧", 1);             /* literal text that is no UTF-8 */
    check_malformed("a⟦=%C2⟧", 1);             /* literal text cut inside a character */
    /* A malformed token next to a good one: the good one still decodes. */
    dbr_pool *p = dbr_pool_new();
    dbr_rich r = {0};
    const char *s = "⟦ x ⟦1/⟧";
    assert_int_equal(dbr_ph_decode(p, s, strlen(s), 0, &r, NULL), 0);
    assert_int_equal(r.count, 2);
    assert_string_equal(r.spans[0].text, "⟦ x ");
    assert_int_equal(r.spans[1].kind, DBR_SPAN_PLACEHOLDER);
    dbr_pool_free(p);
}

/* The value encoding byte by byte, as formats/placeholders.md states it: the reference the
 * encoder's 16-byte lanes are checked against. */
static void reference_value(const char *v, size_t n, dbr_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        int bracket = i + 2 < n && c == 0xE2 && (unsigned char)v[i + 1] == 0x9F &&
                      ((unsigned char)v[i + 2] == 0xA6 || (unsigned char)v[i + 2] == 0xA7);
        size_t take = bracket ? 3 : 1;
        for (size_t k = 0; k < take; k++) {
            c = (unsigned char)v[i + k];
            if (bracket || c <= 0x20 || c == 0x7F || strchr("%|/@=", c))
                dbr_buf_printf(out, "%%%02X", c);
            else
                dbr_buf_putc(out, (char)c);
        }
        i += take - 1;
    }
}

/* A NUL-terminated string of at least `want` bytes (and at most want + the longest piece) made
 * of pieces drawn by an LCG; with `plain` set, 10 draws in 16 take it instead, so plain runs
 * reach past a 16-byte block. Returns the length. */
static size_t random_pieces(char *out, size_t want, const char *const *pieces, size_t npieces,
                            const char *plain, uint64_t *seed)
{
    size_t n = 0;
    while (n < want) {
        *seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
        const char *pc = plain && (*seed >> 60) < 10 ? plain : pieces[(*seed >> 33) % npieces];
        size_t l = strlen(pc);
        memcpy(out + n, pc, l);
        n += l;
    }
    out[n] = '\0';
    return n;
}

/* Ids and data of every length up to 80 from pieces that need escapes, at every offset of a
 * 16-byte lane: the encoding equals the byte-by-byte reference and decodes back. */
static void test_values_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a", "Z", " ", "%", "|", "/", "@", "=", "\x7F",
                                         "\x01", "\t", "\xE2\x9F\xA6", "\xE2\x9F\xA7",
                                         "\xE2\x82\xAC", "中", "<b>", "\"", "-"};
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (int round = 0; round < 3000; round++) {
        char v[256];
        size_t n = random_pieces(v, (size_t)(round % 81), pieces,
                                 sizeof pieces / sizeof pieces[0], NULL, &seed);
        dbr_pool *p = dbr_pool_new();
        dbr_rich r = {0};
        dbr_rich_add_code(p, &r, DBR_SPAN_PLACEHOLDER, n ? v : "x", v);
        dbr_buf got = DBR_BUF_INIT, want_b = DBR_BUF_INIT;
        assert_int_equal(dbr_ph_encode(&r, DBR_PH_FULL, &got), 0);
        dbr_buf_puts(&want_b, "\xE2\x9F\xA6");
        if (!strcmp(v, "-")) /* the one id with a form of its own (test_odd_ids) */
            dbr_buf_puts(&want_b, "%2D");
        else if (n)
            reference_value(v, n, &want_b);
        else
            dbr_buf_putc(&want_b, 'x');
        dbr_buf_puts(&want_b, "/|d=");
        reference_value(v, n, &want_b);
        dbr_buf_puts(&want_b, "\xE2\x9F\xA7");
        if (strcmp(dbr_buf_cstr(&got), dbr_buf_cstr(&want_b)) != 0)
            fail_msg("value %d (%zu bytes): got %s want %s", round, n, dbr_buf_cstr(&got),
                     dbr_buf_cstr(&want_b));
        round_trip(&r, DBR_PH_FULL, NULL);
        dbr_buf_free(&got);
        dbr_buf_free(&want_b);
        dbr_pool_free(p);
    }
}

/* Text encoding by the rules, a character at a time: "⟦" doubled, and each run of characters
 * the flags name written as one ⟦=...⟧ token of %XX bytes. The reference for put_text's scans. */
static size_t ref_token_char(const unsigned char *p, size_t left, unsigned flags)
{
    if ((flags & DBR_PH_LINE_SAFE) && (*p == '\n' || *p == '\r' || *p == '\t'))
        return 1;
    if ((flags & DBR_PH_CTRL_SAFE) && (*p == 0x7F || (*p < 0x20 && *p != '\t' && *p != '\n' &&
                                                      *p != '\r' && *p != '\f')))
        return 1;
    if ((flags & DBR_PH_CR_SAFE) && *p == '\r')
        return 1;
    if ((flags & DBR_PH_C1_SAFE) && left >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    return 0;
}

static void ref_text(const char *s, unsigned flags, dbr_buf *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t l = ref_token_char(p + i, n - i, flags);
        if (l) {
            dbr_buf_puts(out, "\xE2\x9F\xA6=");
            while (i < n && (l = ref_token_char(p + i, n - i, flags)) != 0)
                for (size_t k = 0; k < l; k++)
                    dbr_buf_printf(out, "%%%02X", p[i++]);
            dbr_buf_puts(out, "\xE2\x9F\xA7");
        } else if (n - i >= 3 && !memcmp(p + i, "\xE2\x9F\xA6", 3)) {
            dbr_buf_puts(out, "\xE2\x9F\xA6\xE2\x9F\xA6");
            i += 3;
        } else {
            dbr_buf_putc(out, (char)p[i++]);
        }
    }
}

/* Random texts dense in what the scans stop at (controls, CR, tab, LF, DEL, C1 and other C2
 * characters, brackets, other E2 characters), every flag combination, lengths around the
 * 16-byte blocks: the encoding equals the reference and decodes back to the text. */
static void test_text_flags_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a", "bc", "de f", "\x01", "\x1f", "\x7f", "\t", "\n",
                                         "\r", "\f", "\xC2\x85", "\xC2\x9F", "\xC2\xA0",
                                         "\xE2\x9F\xA6", "\xE2\x9F\xA7", "\xE2\x82\xAC",
                                         "\xE4\xB8\xAD", "long plain run of ascii "};
    static const unsigned flag_sets[] = {0, DBR_PH_LINE_SAFE, DBR_PH_C1_SAFE,
                                         DBR_PH_CTRL_SAFE | DBR_PH_C1_SAFE,
                                         DBR_PH_CTRL_SAFE | DBR_PH_C1_SAFE | DBR_PH_CR_SAFE,
                                         DBR_PH_LINE_SAFE | DBR_PH_CTRL_SAFE | DBR_PH_C1_SAFE};
    uint64_t seed = 0x2545F4914F6CDD1Dull;
    for (int round = 0; round < 4000; round++) {
        char s[400];
        size_t n = random_pieces(s, (size_t)(round % 70), pieces, sizeof pieces / sizeof *pieces,
                                 "x", &seed);
        if (!n)
            continue;
        unsigned flags = flag_sets[round % (sizeof flag_sets / sizeof *flag_sets)];
        dbr_pool *p = dbr_pool_new();
        dbr_rich r = {0};
        dbr_rich_add_text(p, &r, s, n);
        dbr_buf got = DBR_BUF_INIT, want_b = DBR_BUF_INIT;
        assert_int_equal(dbr_ph_encode(&r, flags, &got), 0);
        ref_text(s, flags, &want_b);
        if (strcmp(dbr_buf_cstr(&got), dbr_buf_cstr(&want_b)) != 0)
            fail_msg("text %d (%zu bytes, flags %#x): encodings differ", round, n, flags);
        dbr_rich back = {0};
        dbr_ph_error e;
        assert_int_equal(dbr_ph_decode(p, got.data, got.len, DBR_PH_STRICT, &back, &e), 0);
        dbr_buf plain = DBR_BUF_INIT;
        assert_int_equal(dbr_rich_plain(&back, &plain), 0);
        if (plain.len != n || memcmp(plain.data, s, n) != 0)
            fail_msg("text %d (flags %#x) did not decode back", round, flags);
        dbr_buf_free(&plain);
        dbr_buf_free(&got);
        dbr_buf_free(&want_b);
        dbr_pool_free(p);
    }
}

static void test_out_of_memory_is_reported(void **state)
{
    (void)state;
    /* Every allocation failing in turn: encode/decode return -1, never crash. */
    for (uint64_t n = 1; n < 40; n++) {
        dbr_pool *p = dbr_pool_new();
        if (!p)
            continue;
        dbr_rich r = {0};
        dbr_alloc_fail_after(n);
        const char *s = "a⟦1|t=x|a.k=v⟧b⟦/1⟧";
        int rc = dbr_ph_decode(p, s, strlen(s), DBR_PH_STRICT, &r, NULL);
        dbr_buf b = DBR_BUF_INIT;
        int rc2 = rc == 0 ? dbr_ph_encode(&r, DBR_PH_FULL, &b) : -1;
        dbr_alloc_fail_after(0);
        assert_true(rc == 0 || rc == -1);
        assert_true(rc2 == 0 || rc2 == -1);
        dbr_buf_free(&b);
        dbr_pool_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind_compact),
        cmocka_unit_test(test_full_fields),
        cmocka_unit_test(test_odd_ids),
        cmocka_unit_test(test_text_that_looks_like_tokens),
        cmocka_unit_test(test_line_safe),
        cmocka_unit_test(test_strip_and_literal),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_values_random),
        cmocka_unit_test(test_text_flags_random),
        cmocka_unit_test(test_out_of_memory_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
