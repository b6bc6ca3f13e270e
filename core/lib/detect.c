/* detect.c - evidence about the encoding of a head of bytes: byte-order marks, encoding names,
 * UTF-8 validity, the zero-byte pattern of BOM-less UTF-16/32, and statistical detection.
 *
 * Statistical detection uses ICU's charset detector (ucsdet) first, because it reports a
 * confidence, recognises BOM-less UTF-16/32 and tells windows-1252 from its neighbours, and
 * uchardet as a second opinion, because it is better on short CJK texts (one line of GB18030 or
 * Shift_JIS) where ICU's n-gram scores stay low. Every candidate must decode the head without an
 * invalid sequence before it is taken. See formats/encodings.md.
 */
#include "input_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <uchardet/uchardet.h>
#include <unicode/ucsdet.h>

/* UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE. */
static const input_bom BOMS[] = {
    {"UTF-8", {0xEF, 0xBB, 0xBF}, 3},          {"UTF-32LE", {0xFF, 0xFE, 0x00, 0x00}, 4},
    {"UTF-32BE", {0x00, 0x00, 0xFE, 0xFF}, 4}, {"UTF-16LE", {0xFF, 0xFE}, 2},
    {"UTF-16BE", {0xFE, 0xFF}, 2},             {"GB18030", {0x84, 0x31, 0x95, 0x33}, 4},
};

const input_bom *input_find_bom(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < sizeof BOMS / sizeof BOMS[0]; i++)
        if (n >= BOMS[i].len && memcmp(p, BOMS[i].bytes, BOMS[i].len) == 0)
            return &BOMS[i];
    return NULL;
}

/* ---------- names ---------- */

typedef struct alias {
    const char *from, *to;
} alias;

/* Upper-cased spellings seen in declarations and detector output -> one canonical name. */
static const alias ALIASES[] = {
    {"UTF8", "UTF-8"},           {"UTF-16-LE", "UTF-16LE"},  {"UTF-16-BE", "UTF-16BE"},
    {"UTF16LE", "UTF-16LE"},     {"UTF16BE", "UTF-16BE"},    {"UTF16", "UTF-16"},
    {"UTF32", "UTF-32"},         {"UTF32LE", "UTF-32LE"},    {"UTF32BE", "UTF-32BE"},
    {"UCS-2", "UTF-16"},         {"ISO-10646-UCS-2", "UTF-16"}, {"UCS-4", "UTF-32"},
    {"ISO-10646-UCS-4", "UTF-32"}, {"SJIS", "SHIFT_JIS"},    {"SHIFT-JIS", "SHIFT_JIS"},
    {"MS_KANJI", "SHIFT_JIS"},   {"CSSHIFTJIS", "SHIFT_JIS"}, {"X-SJIS", "SHIFT_JIS"},
    {"WINDOWS-31J", "CP932"},    {"MS932", "CP932"},         {"CP1252", "WINDOWS-1252"},
    {"X-CP1252", "WINDOWS-1252"}, {"MS-ANSI", "WINDOWS-1252"}, {"LATIN1", "ISO-8859-1"},
    {"L1", "ISO-8859-1"},        {"ISO8859-1", "ISO-8859-1"}, {"ISO_8859-1", "ISO-8859-1"},
    {"ISO_8859-1:1987", "ISO-8859-1"}, {"ISO-IR-100", "ISO-8859-1"}, {"CP819", "ISO-8859-1"},
    {"IBM819", "ISO-8859-1"},    {"CSISOLATIN1", "ISO-8859-1"}, {"ASCII", "US-ASCII"},
    {"ANSI_X3.4-1968", "US-ASCII"}, {"BIG-5", "BIG5"},       {"CN-BIG5", "BIG5"},
    {"CSBIG5", "BIG5"},          {"X-X-BIG5", "BIG5"},       {"EUC-CN", "GB2312"},
    {"CSGB2312", "GB2312"},      {"X-GBK", "GBK"},           {"CP936", "GBK"},
    {"CHINESE", "GBK"},          {"GB_2312-80", "GB2312"},   {"EUCJP", "EUC-JP"},
    {"EUCKR", "EUC-KR"},         {"KS_C_5601-1987", "EUC-KR"},
};

void input_canonical_encoding(const char *name, char *out, size_t cap)
{
    char up[INPUT_ENC_MAX];
    size_t n = 0;
    out[0] = '\0';
    if (!name)
        return;
    while (*name == ' ' || *name == '"' || *name == '\'')
        name++;
    for (; *name && n + 1 < sizeof up; name++) {
        unsigned char c = (unsigned char)*name;
        if (c == '"' || c == '\'' || c == ' ' || c == ';' || c == '/' || c == '>')
            break; /* end of a quoted or unquoted value ("<meta charset=utf-8/>") */
        /* Encoding names are ASCII letters, digits and a little punctuation (XML's EncName). */
        if (!isalnum(c) && c != '-' && c != '_' && c != '.' && c != ':')
            return;
        up[n++] = (char)toupper(c);
    }
    up[n] = '\0';
    if (n == 0)
        return;
    const char *res = up;
    for (size_t i = 0; i < sizeof ALIASES / sizeof ALIASES[0]; i++)
        if (strcmp(up, ALIASES[i].from) == 0) {
            res = ALIASES[i].to;
            break;
        }
    snprintf(out, cap, "%s", res);
}

const char *input_decode_name(const char *canonical)
{
    /* Labels that lie in practice, decoded with their superset (as WHATWG does). */
    if (!strcmp(canonical, "GB2312"))
        return "GBK";
    if (!strcmp(canonical, "US-ASCII"))
        return "WINDOWS-1252";
    return canonical;
}

int input_encoding_known(const char *canonical)
{
    if (!canonical || !*canonical)
        return 0;
    iconv_t cd = iconv_open("UTF-8", input_decode_name(canonical));
    if (cd == (iconv_t)-1)
        return 0;
    iconv_close(cd);
    return 1;
}

/* ---------- UTF-8 ---------- */

size_t input_utf8_bad_len(const uint8_t *p, size_t n)
{
    /* The maximal subpart: the lead byte and the continuation bytes that still fit a
     * well-formed sequence; one U+FFFD stands for all of them. */
    uint8_t lo, hi;
    size_t len = input_utf8_shape(p[0], &lo, &hi);
    size_t k = 1;
    while (k < len && k < n) {
        uint8_t b = p[k];
        if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
            break;
        k++;
    }
    return k;
}

int input_valid_utf8(const uint8_t *p, size_t n, int complete)
{
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int l = input_utf8_seq(p + i, n - i);
        if (l == 0 || (l < 0 && complete))
            return 0;
        if (l < 0)
            return 1;
        i += (size_t)l;
    }
    return 1;
}

int input_mostly_utf8(const uint8_t *p, size_t n, int complete, double *conf)
{
    size_t i = 0, good = 0, bad = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int l = input_utf8_seq(p + i, n - i);
        if (l < 0 && !complete)
            break;
        if (l <= 0) {
            bad++;
            i += input_utf8_bad_len(p + i, n - i);
        } else {
            good++;
            i += (size_t)l;
        }
    }
    /* Text in another encoding seldom forms even one valid multibyte sequence; UTF-8 text
     * with a stray byte has many valid ones for each bad one. */
    if (bad == 0 || good < 4 || good < 4 * bad)
        return 0;
    *conf = (double)good / (double)(good + bad);
    return 1;
}

/* ---------- BOM-less UTF-16 / UTF-32 ---------- */

int input_guess_wide(const uint8_t *p, size_t n, int complete, char *name, size_t cap,
                     double *conf)
{
    if (n < 4)
        return 0;
    size_t units4 = n / 4, le32 = 0, be32 = 0;
    for (size_t i = 0; i < units4; i++) {
        const uint8_t *u = p + 4 * i;
        le32 += u[3] == 0 && u[2] <= 0x10 && (u[0] | u[1]);
        be32 += u[0] == 0 && u[1] <= 0x10 && (u[2] | u[3]);
    }
    /* Text in UTF-32 has a zero top byte in every unit; other data almost never does. */
    if (!complete || n % 4 == 0) {
        if (le32 * 20 >= units4 * 19) {
            snprintf(name, cap, "UTF-32LE");
            *conf = (double)le32 / (double)units4;
            return 1;
        }
        if (be32 * 20 >= units4 * 19) {
            snprintf(name, cap, "UTF-32BE");
            *conf = (double)be32 / (double)units4;
            return 1;
        }
    }
    size_t units2 = n / 2, zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < units2; i++) {
        zero_even += p[2 * i] == 0;
        zero_odd += p[2 * i + 1] == 0;
    }
    /* Latin script in UTF-16 puts a zero in the high byte of most units; a UTF-8 or 8-bit
     * file with a stray NUL has a handful. A fifth of the units on one side, almost none on
     * the other, is the pattern. */
    if (zero_odd * 5 >= units2 && zero_even * 50 <= units2 && (!complete || n % 2 == 0)) {
        snprintf(name, cap, "UTF-16LE");
        *conf = 0.5 + 0.5 * (double)zero_odd / (double)units2;
        return input_decodes_cleanly("UTF-16LE", p, n, complete);
    }
    if (zero_even * 5 >= units2 && zero_odd * 50 <= units2 && (!complete || n % 2 == 0)) {
        snprintf(name, cap, "UTF-16BE");
        *conf = 0.5 + 0.5 * (double)zero_even / (double)units2;
        return input_decodes_cleanly("UTF-16BE", p, n, complete);
    }
    return 0;
}

/* ---------- decoding check ---------- */

int input_decodes_cleanly(const char *canonical, const uint8_t *p, size_t n, int complete)
{
    iconv_t cd = iconv_open("UTF-8", input_decode_name(canonical));
    if (cd == (iconv_t)-1)
        return 0;
    char out[4096];
    char *src = (char *)p;
    size_t left = n;
    int ok = 1;
    while (left > 0) {
        char *dst = out;
        size_t room = sizeof out;
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        ok = errno == EINVAL && !complete; /* cut at the end of a partial head: fine */
        break;
    }
    iconv_close(cd);
    return ok;
}

/* ---------- statistical ---------- */

typedef struct candidate {
    char name[INPUT_ENC_MAX];
    int confidence; /* 0-100 (ICU's scale) */
} candidate;

/* ICU's ranked matches, canonical names, best first. Returns how many. */
static size_t icu_candidates(const uint8_t *p, size_t n, candidate *out, size_t cap)
{
    UErrorCode ec = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&ec);
    if (U_FAILURE(ec))
        return 0;
    size_t k = 0;
    int32_t len = n > (size_t)INT32_MAX ? INT32_MAX : (int32_t)n;
    ucsdet_setText(d, (const char *)p, len, &ec);
    int32_t found = 0;
    const UCharsetMatch **m = U_SUCCESS(ec) ? ucsdet_detectAll(d, &found, &ec) : NULL;
    for (int32_t i = 0; m && U_SUCCESS(ec) && i < found && k < cap; i++) {
        const char *nm = ucsdet_getName(m[i], &ec);
        int32_t c = ucsdet_getConfidence(m[i], &ec);
        if (U_FAILURE(ec) || !nm)
            break;
        input_canonical_encoding(nm, out[k].name, sizeof out[k].name);
        out[k].confidence = c;
        if (out[k].name[0])
            k++;
    }
    ucsdet_close(d);
    return k;
}

static void uchardet_guess(const uint8_t *p, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    uchardet_t u = uchardet_new();
    if (!u)
        return;
    if (uchardet_handle_data(u, (const char *)p, n) == 0) {
        uchardet_data_end(u);
        input_canonical_encoding(uchardet_get_charset(u), out, cap);
    }
    uchardet_delete(u);
    if (!strcmp(out, "US-ASCII"))
        out[0] = '\0'; /* "ASCII" says nothing about the non-ASCII bytes that brought us here */
}

static int icu_confidence_of(const candidate *c, size_t nc, const char *name)
{
    for (size_t i = 0; i < nc; i++)
        if (!strcmp(c[i].name, name))
            return c[i].confidence;
    return 0;
}

void input_guess_statistical(const uint8_t *p, size_t n, int complete, char *name, size_t cap,
                             double *conf)
{
    candidate icu[16];
    size_t nicu = icu_candidates(p, n, icu, 16);
    char uch[INPUT_ENC_MAX];
    uchardet_guess(p, n, uch, sizeof uch);
    int uch_ok = uch[0] && input_decodes_cleanly(uch, p, n, complete);

    /* ICU sure of itself (>= 50) and the bytes decode: take it. Agreement with uchardet
     * halves the remaining doubt. */
    if (nicu && icu[0].confidence >= 50 && input_decodes_cleanly(icu[0].name, p, n, complete)) {
        snprintf(name, cap, "%s", icu[0].name);
        *conf = icu[0].confidence / 100.0;
        if (uch_ok && !strcmp(uch, icu[0].name))
            *conf = 1.0 - (1.0 - *conf) / 2.0;
        return;
    }
    /* Otherwise uchardet's answer when it decodes: at least an even chance. */
    if (uch_ok) {
        snprintf(name, cap, "%s", uch);
        int c = icu_confidence_of(icu, nicu, uch);
        *conf = c > 50 ? c / 100.0 : 0.5;
        return;
    }
    for (size_t i = 0; i < nicu; i++)
        if (input_decodes_cleanly(icu[i].name, p, n, complete)) {
            snprintf(name, cap, "%s", icu[i].name);
            *conf = icu[i].confidence / 100.0;
            return;
        }
    /* Nothing decodes cleanly: windows-1252 maps all but five bytes, so the least is lost. */
    snprintf(name, cap, "WINDOWS-1252");
    *conf = 0.1;
}
