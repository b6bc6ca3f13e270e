/* lenalign_text.c - what the aligner knows about a sentence: its length measured the same way
 * in any script, and its lexical anchors (numbers, dates, years, percentages, amounts, URLs,
 * names, dictionary words).
 *
 * Names across scripts: a Latin-script name in English ("Chen Qingyang") is matched with the
 * Chinese characters it transliterates (陈清扬) through their pinyin, computed with ICU's
 * Han-Latin transliterator one character at a time (cached), so no dictionary is needed for it.
 */
#include "lenalign.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define LA_PINYIN_SLOTS 8192

typedef struct pinyin_slot {
    UChar32 cp;          /* 0 = empty */
    char syl[12];        /* ASCII, lower case; "" when ICU gives none */
} pinyin_slot;

struct la_text {
    const la_dict *dict;
    UTransliterator *han;  /* NULL when ICU lacks the rule: names across scripts then unused */
    pinyin_slot *slots;
    size_t nused;
    /* keys collected for the sentence in progress */
    uint64_t *keys, *hard;
    size_t nkeys, nhard, capkeys, caphard;
};

uint64_t la_hash(char ns, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    h = (h ^ (unsigned char)ns) * 1099511628211ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

la_text *la_text_new(const la_dict *dict)
{
    la_text *t = dbr_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->dict = dict;
    t->slots = dbr_calloc(LA_PINYIN_SLOTS, sizeof *t->slots);
    if (!t->slots) {
        dbr_free(t);
        return NULL;
    }
    UErrorCode ec = U_ZERO_ERROR;
    UChar id[64];
    u_uastrcpy(id, "Han-Latin; Latin-ASCII; Lower");
    t->han = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &ec);
    if (U_FAILURE(ec))
        t->han = NULL;
    return t;
}

void la_text_free(la_text *t)
{
    if (!t)
        return;
    if (t->han)
        utrans_close(t->han);
    dbr_free(t->slots);
    dbr_free(t->keys);
    dbr_free(t->hard);
    dbr_free(t);
}

static int is_han(UChar32 c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

static int is_kana(UChar32 c) { return (c >= 0x3040 && c <= 0x30FF); }

int la_text_is_cjk(const char *text)
{
    int32_t i = 0, len = (int32_t)strlen(text);
    long cjk = 0, letters = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(text, i, len, c);
        if (c < 0)
            continue;
        if (is_han(c) || is_kana(c))
            cjk++, letters++;
        else if (u_isalpha(c))
            letters++;
    }
    return letters > 0 && cjk * 10 >= letters * 3;
}

/* Pinyin of one Han character (cached); "" when unknown. */
static const char *pinyin_of(la_text *t, UChar32 c)
{
    size_t h = ((size_t)c * 2654435761u) % LA_PINYIN_SLOTS;
    for (size_t probe = 0; probe < LA_PINYIN_SLOTS; probe++) {
        pinyin_slot *s = &t->slots[(h + probe) % LA_PINYIN_SLOTS];
        if (s->cp == c)
            return s->syl;
        if (s->cp != 0)
            continue;
        if (t->nused * 4 >= LA_PINYIN_SLOTS * 3)
            return ""; /* cache full: rare characters go without */
        s->cp = c;
        t->nused++;
        if (!t->han)
            return s->syl;
        UChar buf[32];
        int32_t len = 0, limit;
        UErrorCode ec = U_ZERO_ERROR;
        U16_APPEND_UNSAFE(buf, len, c);
        limit = len;
        utrans_transUChars(t->han, buf, &len, 32, 0, &limit, &ec);
        size_t k = 0;
        for (int32_t i = 0; U_SUCCESS(ec) && i < len && k + 1 < sizeof s->syl; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z')
                s->syl[k++] = (char)buf[i];
        s->syl[k] = '\0';
        return s->syl;
    }
    return "";
}

/* ---------- key collection ---------- */

static int push_key(uint64_t **v, size_t *n, size_t *cap, uint64_t k)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        uint64_t *nv = dbr_realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = k;
    return 0;
}

static void add_key(la_text *t, char ns, const char *s, size_t n, int hard)
{
    uint64_t k = la_hash(ns, s, n);
    push_key(&t->keys, &t->nkeys, &t->capkeys, k);
    if (hard)
        push_key(&t->hard, &t->nhard, &t->caphard, k);
}

static void dict_key_cb(void *ud, uint64_t key)
{
    la_text *t = ud;
    push_key(&t->keys, &t->nkeys, &t->capkeys, key);
}

/* ---------- numbers ---------- */

static int digit_value(UChar32 c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 0xFF10 && c <= 0xFF19)
        return c - 0xFF10;
    return -1;
}

/* A run of digits with "." or "," between digits ("1,234.5", "3,5") becomes its digit string,
 * so the same amount matches whatever separators each language uses. */
static int32_t scan_number(la_text *t, const char *s, int32_t i, int32_t len)
{
    char digits[64];
    size_t nd = 0;
    while (i < len) {
        int32_t j = i;
        UChar32 c;
        U8_NEXT(s, j, len, c);
        int d = digit_value(c);
        if (d >= 0) {
            if (nd + 1 < sizeof digits)
                digits[nd++] = (char)('0' + d);
            i = j;
            continue;
        }
        if ((c == '.' || c == ',') && j < len && digit_value((unsigned char)s[j]) >= 0) {
            i = j;
            continue;
        }
        break;
    }
    add_key(t, 'N', digits, nd, nd >= 2);
    return i;
}

static int han_digit(UChar32 c)
{
    static const UChar32 d[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                0x516D, 0x4E03, 0x516B, 0x4E5D};
    for (int k = 0; k < 10; k++)
        if (d[k] == c)
            return k;
    if (c == 0x96F6)
        return 0; /* 零 */
    if (c == 0x4E24)
        return 2; /* 两 */
    return -1;
}

static long han_unit(UChar32 c)
{
    switch (c) {
    case 0x5341: return 10;     /* 十 */
    case 0x767E: return 100;    /* 百 */
    case 0x5343: return 1000;   /* 千 */
    case 0x4E07: return 10000;  /* 万 */
    case 0x4EBF: return 100000000; /* 亿 */
    default: return 0;
    }
}

/* Chinese numerals ("二十一", "一九九〇", "三千") as a number key; a lone 一 ("a", "one") is
 * too common to tell anything and is skipped. */
static int32_t scan_han_number(la_text *t, const char *s, int32_t i, int32_t len)
{
    long total = 0, section = 0, cur = 0;
    int n = 0, units = 0;
    char seq[32];
    size_t nseq = 0;
    while (i < len) {
        int32_t j = i;
        UChar32 c;
        U8_NEXT(s, j, len, c);
        int d = han_digit(c);
        long u = han_unit(c);
        if (d >= 0) {
            cur = d;
            if (nseq + 1 < sizeof seq)
                seq[nseq++] = (char)('0' + d);
        } else if (u >= 10000) {
            total += (section + cur) * u;
            section = cur = 0;
            units++;
        } else if (u) {
            section += (cur ? cur : 1) * u;
            cur = 0;
            units++;
        } else
            break;
        n++;
        i = j;
    }
    if (n < 2 && !units)
        return i;
    char num[32];
    int w;
    if (!units) /* digit by digit: a year like 一九九〇 */
        w = snprintf(num, sizeof num, "%.*s", (int)nseq, seq);
    else
        w = snprintf(num, sizeof num, "%ld", total + section + cur);
    if (w > 0)
        add_key(t, 'N', num, (size_t)w, 0);
    return i;
}

/* ---------- words ---------- */

static const char *const STOP_CAPS[] = {
    "i", "a", "an", "the", "he", "she", "it", "we", "you", "they", "me", "him", "her", "us",
    "them", "my", "his", "its", "our", "your", "their", "this", "that", "these", "those",
    "in", "on", "at", "of", "to", "for", "from", "by", "with", "as", "and", "but", "or",
    "so", "if", "when", "then", "there", "here", "what", "who", "why", "how", "where",
    "all", "one", "no", "not", "yes", "oh", "after", "before", "now", "later", "well",
    "do", "did", "does", "is", "was", "are", "were", "be", "have", "had", "has", "can",
    "could", "would", "should", "will", "let", "just", "only", "some", "any", "once",
    "der", "die", "das", "ein", "eine", "und", "le", "la", "les", "un", "une", "et", "il",
    "elle", "on", "nous", "vous", "ils", "es", "er", "sie", "wir", "ich", "je", NULL};

static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october", "november",
                                     "december", NULL};

static const char *const NUMBER_WORDS[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", NULL};
static const char *const TENS_WORDS[] = {"twenty", "thirty", "forty", "fifty", "sixty",
                                         "seventy", "eighty", "ninety", NULL};

static int word_index(const char *const *list, const char *w)
{
    for (int k = 0; list[k]; k++)
        if (!strcmp(list[k], w))
            return k;
    return -1;
}

/* English number words ("twenty-one", "three") as number keys, so they meet Chinese digits. */
static void number_word_key(la_text *t, const char *w, const char *next)
{
    int v = word_index(NUMBER_WORDS, w);
    if (v < 0) {
        int tens = word_index(TENS_WORDS, w);
        if (tens < 0)
            return;
        v = (tens + 2) * 10;
        int unit = next ? word_index(NUMBER_WORDS, next) : -1;
        if (unit > 0 && unit < 10)
            v += unit;
    }
    if (v <= 1)
        return; /* "one" is mostly a pronoun */
    char num[8];
    int n = snprintf(num, sizeof num, "%d", v);
    add_key(t, 'N', num, (size_t)n, 0);
}

/* A word in the Latin script: lower-cased ASCII form in w (accents dropped). */
static int32_t scan_word(const char *s, int32_t i, int32_t len, char *w, size_t cap,
                         size_t *wl, int *capital)
{
    size_t n = 0;
    *capital = -1;
    while (i < len) {
        int32_t j = i;
        UChar32 c;
        U8_NEXT(s, j, len, c);
        if (c < 0 || !(u_isalpha(c) || c == '\'' || c == 0x2019) || is_han(c) || is_kana(c))
            break;
        if (*capital < 0)
            *capital = u_isupper(c) ? 1 : 0;
        if (c < 128 && isalpha(c) && n + 1 < cap)
            w[n++] = (char)tolower(c);
        else if (c >= 0xC0 && c <= 0x17F && n + 1 < cap) {
            /* Latin-1 and Latin Extended-A: keep the base letter for cognates */
            static const char base[] = "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
            UChar32 l = u_tolower(c);
            if (l >= 0xE0 && l <= 0xFF && base[l - 0xE0] != '/')
                w[n++] = base[l - 0xE0];
        }
        i = j;
    }
    w[n] = '\0';
    *wl = n;
    return i;
}

static int32_t scan_url(la_text *t, const char *s, int32_t i, int32_t len)
{
    int32_t start = i;
    while (i < len && !isspace((unsigned char)s[i]) && (unsigned char)s[i] < 0x80)
        i++;
    int32_t end = i;
    while (end > start && strchr(".,;:)!?\"'", s[end - 1]))
        end--;
    char buf[256];
    size_t n = 0;
    for (int32_t k = start; k < end && n + 1 < sizeof buf; k++)
        buf[n++] = (char)tolower((unsigned char)s[k]);
    add_key(t, 'U', buf, n, 1);
    return i;
}

static int starts_url(const char *s, int32_t i, int32_t len)
{
    const char *p = s + i;
    size_t left = (size_t)(len - i);
    return (left > 7 && !strncmp(p, "http://", 7)) || (left > 8 && !strncmp(p, "https://", 8)) ||
           (left > 4 && !strncmp(p, "www.", 4));
}

/* Pinyin of runs of up to three Han characters, as word keys, to meet romanised names. */
static void han_run_keys(la_text *t, const UChar32 *run, size_t n)
{
    for (size_t a = 0; a < n; a++) {
        char buf[48];
        size_t bl = 0;
        for (size_t k = a; k < n && k < a + 3; k++) {
            const char *py = pinyin_of(t, run[k]);
            size_t pl = strlen(py);
            if (!pl || bl + pl >= sizeof buf)
                break;
            memcpy(buf + bl, py, pl);
            bl += pl;
            if (bl >= 2)
                add_key(t, 'W', buf, bl, 0);
        }
    }
}

int la_cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t *sorted_unique(dbr_pool *pool, uint64_t *v, size_t n, size_t *out_n)
{
    *out_n = 0;
    if (n == 0)
        return NULL;
    qsort(v, n, sizeof *v, la_cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (w == 0 || v[w - 1] != v[i])
            v[w++] = v[i];
    *out_n = w;
    uint64_t *r = w ? dbr_pool_alloc(pool, w * sizeof *r) : NULL;
    if (r)
        memcpy(r, v, w * sizeof *r);
    return r;
}

typedef struct scan_state {
    int word_index;       /* words seen so far in the sentence */
    char prev[64];        /* previous word, lower case */
} scan_state;

static void latin_word_keys(la_text *t, scan_state *ss, const char *w, size_t wl, int capital,
                            int cjk, int same_script)
{
    if (wl == 0)
        return;
    if (cjk) {
        /* Latin words inside Chinese or Japanese text are names, terms, codes */
        add_key(t, 'W', w, wl, 0);
    } else {
        if (capital == 1 && wl >= 2 && word_index(STOP_CAPS, w) < 0)
            add_key(t, 'W', w, wl, 0);
        int month = word_index(MONTHS, w);
        if (month >= 0 && (capital == 1)) {
            char num[4];
            int n = snprintf(num, sizeof num, "%d", month + 1);
            add_key(t, 'N', num, (size_t)n, 0);
        }
        if (ss->word_index > 0)
            number_word_key(t, ss->prev, w);
        if (same_script && wl >= 5)
            add_key(t, 'C', w, 5, 0); /* cognate: same first five letters */
    }
    snprintf(ss->prev, sizeof ss->prev, "%s", w);
    ss->word_index++;
}

/* ---------- punctuation ---------- */

/* The class of a punctuation mark; an ASCII apostrophe counts as a quote only where it opens
 * a quotation (at the start or after a space), not inside "don't". */
static unsigned punct_class(UChar32 c, const char *text, int32_t i)
{
    switch (c) {
    case 0x201C: case 0x201D: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
    case 0x2018: case '"': case 0xAB: case 0xBB:
        return LA_P_QUOTE;
    case '\'':
        return (i == 0 || text[i - 1] == ' ') ? LA_P_QUOTE : 0;
    case '?': case 0xFF1F:
        return LA_P_QUESTION;
    case '!': case 0xFF01:
        return LA_P_EXCLAIM;
    case ':': case 0xFF1A:
        return LA_P_COLON;
    case 0x2026:
        return LA_P_ELLIPSIS;
    case '(': case 0xFF08:
        return LA_P_PAREN;
    default:
        return 0;
    }
}

int la_text_features(la_text *t, dbr_pool *pool, const char *text, int cjk, int same_script,
                     int side, la_item *out)
{
    (void)side;
    int32_t len = (int32_t)strlen(text), i = 0;
    double length = 0;
    UChar32 run[256];
    size_t nrun = 0;
    scan_state ss = {0};
    int32_t han_number_end = 0;
    unsigned out_punct = 0;
    t->nkeys = t->nhard = 0;
    while (i < len) {
        int32_t j = i;
        UChar32 c;
        U8_NEXT(text, j, len, c);
        if (c < 0) {
            i = j;
            continue;
        }
        if (is_han(c) && nrun < sizeof run / sizeof run[0]) {
            run[nrun++] = c;
        } else if (nrun) {
            han_run_keys(t, run, nrun);
            nrun = 0;
        }
        out_punct |= punct_class(c, text, i);
        if (u_isWhitespace(c) || c == 0xA0 || c == 0x3000) {
            i = j;
            continue;
        }
        if (digit_value(c) >= 0) {
            int32_t e = scan_number(t, text, i, len);
            for (int32_t k = i; k < e; k++)
                length += ((unsigned char)text[k] & 0xC0) != 0x80;
            i = e;
            continue;
        }
        if (i >= han_number_end && (han_digit(c) >= 0 || han_unit(c)))
            han_number_end = scan_han_number(t, text, i, len);
        if (c < 128 && isalpha(c) && starts_url(text, i, len)) {
            int32_t e = scan_url(t, text, i, len);
            length += (double)(e - i);
            i = e;
            continue;
        }
        if (u_isalpha(c) && !is_han(c) && !is_kana(c)) {
            char w[64];
            size_t wl;
            int capital;
            int32_t e = scan_word(text, i, len, w, sizeof w, &wl, &capital);
            latin_word_keys(t, &ss, w, wl, capital, cjk, same_script);
            for (int32_t k = i; k < e; k++)
                length += ((unsigned char)text[k] & 0xC0) != 0x80;
            if (e > i) {
                i = e;
                continue;
            }
        }
        length += 1;
        i = j;
    }
    if (nrun)
        han_run_keys(t, run, nrun);
    if (t->dict)
        la_dict_match(t->dict, text, cjk, dict_key_cb, t);
    memset(out, 0, sizeof *out);
    out->len = length;
    out->punct = out_punct;
    out->text = text;
    out->keys = sorted_unique(pool, t->keys, t->nkeys, &out->nkeys);
    out->hard = sorted_unique(pool, t->hard, t->nhard, &out->nhard);
    if ((out->nkeys && !out->keys) || (out->nhard && !out->hard))
        return -1;
    return 0;
}

/* ---------- section numbers ---------- */

/* A Chinese numeral (一 .. 九十九) at p: its value, and *len its length in bytes; 0 when none. */
static long han_numeral(const char *p, size_t *len)
{
    int32_t i = 0, n = 0;
    while (n < 32 && p[n])
        n++;
    long value = 0, cur = 0;
    int any = 0;
    while (i < n) {
        int32_t j = i;
        UChar32 c;
        U8_NEXT(p, j, n, c);
        int d = han_digit(c);
        if (d >= 0)
            cur = d;
        else if (c == 0x5341) { /* 十 */
            value += (cur ? cur : 1) * 10;
            cur = 0;
        } else
            break;
        any = 1;
        i = j;
    }
    *len = (size_t)i;
    return any ? value + cur : 0;
}

/* The number a heading starts with: "5.3 Scope", "Section 5", "第5章", "第三章", "三、",
 * "（三）". Chinese numerals are turned into digits so 三、 meets "3." on the other side. */
const char *la_section_number(dbr_pool *pool, const char *text)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    static const char *const prefixes[] = {"Section ", "Chapter ", "Article ", "Part ",
                                           "Annex ", "Appendix ", "\xc2\xa7", NULL};
    for (int k = 0; prefixes[k]; k++)
        if (!strncmp(p, prefixes[k], strlen(prefixes[k]))) {
            p += strlen(prefixes[k]);
            break;
        }
    if (!strncmp(p, "\xe7\xac\xac", 3)) /* 第 */
        p += 3;
    else if (!strncmp(p, "\xef\xbc\x88", 3)) /* （ */
        p += 3;
    const char *q = p;
    while (isdigit((unsigned char)*q) || (*q == '.' && isdigit((unsigned char)q[1])))
        q++;
    if (q != p)
        return dbr_pool_strndup(pool, p, (size_t)(q - p));
    size_t len;
    long v = han_numeral(p, &len);
    /* a numeral followed by 、 章 节 条 部 or ） numbers a heading; 一些 does not */
    static const char *const after[] = {"\xe3\x80\x81", "\xe7\xab\xa0", "\xe8\x8a\x82",
                                        "\xe6\x9d\xa1", "\xe9\x83\xa8", "\xef\xbc\x89",
                                        NULL};
    for (int k = 0; v > 0 && after[k]; k++)
        if (!strncmp(p + len, after[k], strlen(after[k])))
            return dbr_pool_printf(pool, "%ld", v);
    return NULL;
}
