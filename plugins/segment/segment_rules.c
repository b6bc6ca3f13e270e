/* segment_rules.c - applies SRX rules to a text with ICU regular expressions.
 *
 * SRX semantics: at each position between two characters, the rules of the language (in
 * cascade order) are tried in turn; the first whose "before" pattern matches text ending there
 * and whose "after" pattern matches text starting there decides: break, or no break. No rule,
 * no break. Each "before" pattern is searched once over the whole text (from every match start
 * + 1, so overlapping matches are seen), which keeps segmentation linear in practice.
 */
#include "segment.h"

#include <ctype.h>
#include <string.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

typedef struct seg_crule {
    int brk;
    URegularExpression *before, *after; /* NULL = empty pattern */
} seg_crule;

struct seg_lang {
    seg_crule *rules;
    size_t n;
};

void seg_lang_free(seg_lang *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        if (l->rules[i].before)
            uregex_close(l->rules[i].before);
        if (l->rules[i].after)
            uregex_close(l->rules[i].after);
    }
    dbr_free(l->rules);
    dbr_free(l);
}

static URegularExpression *compile(const char *pat, const char *srx_name, long line,
                                   dbr_error *err, int *failed)
{
    if (!pat || !*pat)
        return NULL;
    UErrorCode ec = U_ZERO_ERROR;
    UParseError pe;
    URegularExpression *re = uregex_openC(pat, 0, &pe, &ec);
    if (U_FAILURE(ec)) {
        dbr_error_set(err, DBR_FAILED, "bad rule pattern /%s/: %s (at pattern offset %d)", pat,
                      u_errorName(ec), pe.offset);
        dbr_error_locate(err, line, 0, -1);
        dbr_error_set_file(err, srx_name, NULL);
        *failed = 1;
        return NULL;
    }
    return re;
}

/* 1 when the map's pattern matches the whole language tag. */
static int map_matches(const seg_map *m, const char *lang, int *bad)
{
    UErrorCode ec = U_ZERO_ERROR;
    URegularExpression *re = uregex_openC(m->pattern, UREGEX_CASE_INSENSITIVE, NULL, &ec);
    if (U_FAILURE(ec)) {
        *bad = 1;
        return 0;
    }
    UChar buf[128];
    u_uastrncpy(buf, lang, 127);
    buf[127] = 0;
    uregex_setText(re, buf, -1, &ec);
    int ok = uregex_matches(re, 0, &ec) && U_SUCCESS(ec);
    uregex_close(re);
    return ok;
}

static const seg_langrule *find_langrule(const seg_srx *s, const char *name)
{
    for (size_t i = 0; i < s->nlangs; i++)
        if (!strcmp(s->langs[i].name, name))
            return &s->langs[i];
    return NULL;
}

static int add_rules(seg_lang *l, const seg_langrule *lr, const char *srx_name, dbr_error *err)
{
    seg_crule *v = dbr_realloc(l->rules, (l->n + lr->n + 1) * sizeof *v);
    if (!v) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return -1;
    }
    l->rules = v;
    for (size_t k = 0; k < lr->n; k++) {
        int failed = 0;
        seg_crule *c = &l->rules[l->n];
        c->brk = lr->rules[k].brk;
        c->before = compile(lr->rules[k].before, srx_name, lr->rules[k].line, err, &failed);
        c->after = failed ? NULL
                          : compile(lr->rules[k].after, srx_name, lr->rules[k].line, err, &failed);
        if (failed) {
            if (c->before)
                uregex_close(c->before);
            return -1;
        }
        l->n++;
    }
    return 0;
}

seg_lang *seg_lang_compile(const seg_srx *srx, const char *lang, const char *srx_name,
                           dbr_error *err)
{
    seg_lang *l = dbr_calloc(1, sizeof *l);
    if (!l) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    const char *tag = lang && *lang ? lang : "und";
    for (size_t i = 0; i < srx->nmaps; i++) {
        int bad = 0;
        if (!map_matches(&srx->maps[i], tag, &bad)) {
            if (bad) {
                dbr_error_set(err, DBR_FAILED, "bad languagepattern /%s/",
                              srx->maps[i].pattern);
                dbr_error_set_file(err, srx_name, NULL);
                seg_lang_free(l);
                return NULL;
            }
            continue;
        }
        const seg_langrule *lr = find_langrule(srx, srx->maps[i].rulename);
        if (!lr) {
            dbr_error_set(err, DBR_FAILED, "languagemap names an unknown languagerule '%s'",
                          srx->maps[i].rulename);
            dbr_error_set_file(err, srx_name, NULL);
            seg_lang_free(l);
            return NULL;
        }
        if (add_rules(l, lr, srx_name, err)) {
            seg_lang_free(l);
            return NULL;
        }
        if (!srx->cascade)
            break;
    }
    return l;
}

/* ---------- applying ---------- */

static int after_matches(URegularExpression *after, int32_t at)
{
    if (!after)
        return 1;
    UErrorCode ec = U_ZERO_ERROR;
    int32_t len = 0;
    uregex_getText(after, &len, &ec);
    uregex_setRegion(after, at, len, &ec);
    uregex_useTransparentBounds(after, 1, &ec);
    uregex_useAnchoringBounds(after, 0, &ec);
    return uregex_lookingAt(after, -1, &ec) && U_SUCCESS(ec);
}

/* decided[p]: 0 = undecided, 1 = break, 2 = no break (UTF-16 positions). */
static void apply_rule(seg_crule *r, const UChar *u, int32_t ulen, unsigned char *decided)
{
    UErrorCode ec = U_ZERO_ERROR;
    if (r->after)
        uregex_setText(r->after, u, ulen, &ec);
    if (!r->before) { /* empty before: every position */
        for (int32_t p = 1; p < ulen; p++)
            if (!decided[p] && after_matches(r->after, p))
                decided[p] = r->brk ? 1 : 2;
        return;
    }
    uregex_setText(r->before, u, ulen, &ec);
    int32_t from = 0;
    while (U_SUCCESS(ec) && from < ulen && uregex_find(r->before, from, &ec)) {
        int32_t s = uregex_start(r->before, 0, &ec), e = uregex_end(r->before, 0, &ec);
        if (U_FAILURE(ec))
            break;
        if (e > 0 && e < ulen && !decided[e] && after_matches(r->after, e))
            decided[e] = r->brk ? 1 : 2;
        from = s + 1;
    }
}

static int only_space(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (!isspace((unsigned char)s[i]) && !((unsigned char)s[i] == 0xE3 && i + 2 < b &&
                                               (unsigned char)s[i + 1] == 0x80 &&
                                               (unsigned char)s[i + 2] == 0x80))
            return 0;
    return 1;
}

int seg_lang_breaks(seg_lang *l, const char *text, size_t len, size_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!l->n || len == 0)
        return 0;
    /* UTF-16 copy, with the UTF-8 offset of each UTF-16 position */
    UChar *u = dbr_malloc((len + 1) * sizeof *u);
    size_t *u8off = dbr_malloc((len + 2) * sizeof *u8off);
    unsigned char *decided = dbr_calloc(len + 2, 1);
    size_t *brk = dbr_malloc((len + 1) * sizeof *brk);
    if (!u || !u8off || !decided || !brk) {
        dbr_free(u), dbr_free(u8off), dbr_free(decided), dbr_free(brk);
        return -1;
    }
    int32_t ulen = 0, i = 0;
    while ((size_t)i < len) {
        UChar32 c;
        int32_t at = i;
        U8_NEXT(text, i, (int32_t)len, c);
        if (c < 0)
            c = 0xFFFD;
        u8off[ulen] = (size_t)at;
        if (c > 0xFFFF)
            u8off[ulen + 1] = (size_t)at;
        U16_APPEND_UNSAFE(u, ulen, c);
    }
    u8off[ulen] = len;
    for (size_t r = 0; r < l->n; r++)
        apply_rule(&l->rules[r], u, ulen, decided);
    size_t nb = 0, last = 0;
    for (int32_t p = 1; p < ulen; p++) {
        if (decided[p] != 1)
            continue;
        size_t off = u8off[p];
        /* no empty or whitespace-only sentences */
        if (only_space(text, last, off) || only_space(text, off, len))
            continue;
        brk[nb++] = off;
        last = off;
    }
    dbr_free(u);
    dbr_free(u8off);
    dbr_free(decided);
    *out = brk;
    *n = nb;
    return 0;
}

/* ---------- language guess ---------- */

const char *seg_guess_lang(const char *text)
{
    int32_t i = 0, len = (int32_t)strlen(text);
    long han = 0, kana = 0, latin = 0;
    while (i < len && i < 20000) {
        UChar32 c;
        U8_NEXT(text, i, len, c);
        if (c >= 0x3040 && c <= 0x30FF)
            kana++;
        else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
            han++;
        else if (c < 128 && isalpha(c))
            latin++;
    }
    if (kana && kana * 10 >= han)
        return "ja";
    if (han * 3 >= latin && han)
        return "zh";
    static const char *const en[] = {" the ", " and ", " of ", " is ", " to ", " was ", NULL};
    for (int k = 0; en[k]; k++)
        if (strstr(text, en[k]))
            return "en";
    return NULL;
}
