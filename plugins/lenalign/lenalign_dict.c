/* lenalign_dict.c - an optional bilingual dictionary as anchors.
 *
 * Accepts hunalign's format (one "PHRASE @ PHRASE" a line) and tab-separated pairs. Which side
 * of the "@" is which language does not matter: both phrases of an entry give the same key, so
 * a sentence pair holding the two halves of an entry shares an anchor. Latin-script phrases are
 * matched as whole lower-case words; CJK phrases as substrings (no spaces to rely on).
 */
#include "lenalign.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

typedef struct dict_slot {
    uint64_t phrase;   /* hash of the phrase, 0 = empty */
    uint32_t entry;
} dict_slot;

struct la_dict {
    dict_slot *slots;
    size_t cap, used;
    int max_words, max_chars;
};

static size_t dict_find(const la_dict *d, uint64_t h)
{
    size_t i = (size_t)(h % d->cap);
    while (d->slots[i].phrase && d->slots[i].phrase != h)
        i = (i + 1) % d->cap;
    return i;
}

static int dict_grow(la_dict *d)
{
    la_dict bigger = *d;
    bigger.cap = d->cap ? d->cap * 2 : 1024;
    bigger.used = 0;
    bigger.slots = dbr_calloc(bigger.cap, sizeof *bigger.slots);
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < d->cap; i++)
        if (d->slots[i].phrase) {
            size_t j = dict_find(&bigger, d->slots[i].phrase);
            bigger.slots[j] = d->slots[i];
            bigger.used++;
        }
    dbr_free(d->slots);
    *d = bigger;
    return 0;
}

/* Several entries may share a phrase: they are stored under hash, hash+1, ... probed as a
 * sequence of distinct keys ("phrase#k"). */
static uint64_t nth_key(uint64_t h, uint32_t k) { return h + (uint64_t)k * 0x9E3779B97F4A7C15ull; }

static int dict_add(la_dict *d, uint64_t h, uint32_t entry)
{
    for (uint32_t k = 0; k < 64; k++) {
        if ((d->used + 1) * 2 > d->cap && dict_grow(d))
            return -1;
        uint64_t key = nth_key(h, k);
        if (!key)
            key = 1;
        size_t i = dict_find(d, key);
        if (!d->slots[i].phrase) {
            d->slots[i] = (dict_slot){.phrase = key, .entry = entry};
            d->used++;
            return 0;
        }
        if (d->slots[i].entry == entry)
            return 0;
    }
    return 0; /* a phrase with more than 64 translations: the rest add nothing */
}

/* Normalises a phrase: trimmed, lower case, single spaces. Returns words and characters. */
static size_t norm_phrase(const char *s, size_t n, char *out, size_t cap, int *words,
                          int *chars)
{
    size_t k = 0;
    int in_space = 1;
    *words = 0;
    *chars = 0;
    for (size_t i = 0; i < n && k + 2 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) {
            in_space = 1;
            continue;
        }
        if (in_space && k) {
            out[k++] = ' ';
        }
        if (in_space)
            (*words)++;
        in_space = 0;
        out[k++] = (char)(c < 128 ? tolower(c) : c);
        if ((c & 0xC0) != 0x80)
            (*chars)++;
    }
    out[k] = '\0';
    return k;
}

static int dict_add_phrase(la_dict *d, const char *s, size_t n, uint32_t entry)
{
    char buf[512];
    int words, chars;
    size_t len = norm_phrase(s, n, buf, sizeof buf, &words, &chars);
    if (!len)
        return 0;
    if (words > d->max_words)
        d->max_words = words > 4 ? 4 : words;
    if (chars > d->max_chars)
        d->max_chars = chars > 8 ? 8 : chars;
    return dict_add(d, la_hash('P', buf, len), entry);
}

la_dict *la_dict_load(const char *path, dbr_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        dbr_error_set(err, DBR_FAILED, "cannot open dictionary: %s", strerror(errno));
        dbr_error_set_file(err, path, NULL);
        return NULL;
    }
    la_dict *d = dbr_calloc(1, sizeof *d);
    char line[2048];
    uint32_t entry = 0;
    long lineno = 0;
    int oom = !d;
    while (!oom && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        char *sep = strstr(line, " @ ");
        size_t seplen = 3;
        if (!sep && (sep = strchr(line, '\t')))
            seplen = 1;
        if (!sep)
            continue; /* blank or comment lines */
        if (dict_add_phrase(d, line, (size_t)(sep - line), entry) ||
            dict_add_phrase(d, sep + seplen, strlen(sep + seplen), entry))
            oom = 1;
        entry++;
    }
    fclose(f);
    if (oom) {
        la_dict_free(d);
        dbr_error_set(err, DBR_FAILED, "out of memory reading the dictionary");
        return NULL;
    }
    if (!d->cap && dict_grow(d)) {
        la_dict_free(d);
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    return d;
}

void la_dict_free(la_dict *d)
{
    if (!d)
        return;
    dbr_free(d->slots);
    dbr_free(d);
}

static void report_phrase(const la_dict *d, const char *s, size_t n,
                          void (*fn)(void *, uint64_t), void *ud)
{
    uint64_t h = la_hash('P', s, n);
    for (uint32_t k = 0; k < 64; k++) {
        uint64_t key = nth_key(h, k);
        if (!key)
            key = 1;
        size_t i = dict_find(d, key);
        if (!d->slots[i].phrase)
            return;
        uint32_t e = d->slots[i].entry;
        fn(ud, la_hash('D', (const char *)&e, sizeof e));
    }
}

static void match_words(const la_dict *d, const char *text, void (*fn)(void *, uint64_t),
                        void *ud)
{
    char lower[4096];
    size_t starts[512], nw = 0, k = 0;
    int in_word = 0;
    for (const char *p = text; *p && k + 2 < sizeof lower; p++) {
        unsigned char c = (unsigned char)*p;
        int wordc = c >= 128 || isalnum(c) || c == '-' || c == '\'';
        if (wordc && !in_word && nw < 512) {
            if (k)
                lower[k++] = ' ';
            starts[nw++] = k;
        }
        in_word = wordc;
        if (wordc)
            lower[k++] = (char)(c < 128 ? tolower(c) : c);
    }
    lower[k] = '\0';
    for (size_t a = 0; a < nw; a++)
        for (size_t b = a; b < nw && (int)(b - a) < d->max_words; b++) {
            size_t end = b + 1 < nw ? starts[b + 1] - 1 : k;
            report_phrase(d, lower + starts[a], end - starts[a], fn, ud);
        }
}

static void match_chars(const la_dict *d, const char *text, void (*fn)(void *, uint64_t),
                        void *ud)
{
    int32_t len = (int32_t)strlen(text);
    for (int32_t i = 0; i < len;) {
        int32_t j = i;
        for (int n = 0; n < d->max_chars && j < len; n++) {
            UChar32 c;
            U8_NEXT(text, j, len, c);
            if (c < 0 || u_isWhitespace(c))
                break;
            report_phrase(d, text + i, (size_t)(j - i), fn, ud);
        }
        UChar32 c;
        U8_NEXT(text, i, len, c);
    }
}

void la_dict_match(const la_dict *d, const char *text, int cjk,
                   void (*fn)(void *ud, uint64_t key), void *ud)
{
    if (!d || !d->used)
        return;
    if (cjk)
        match_chars(d, text, fn, ud);
    match_words(d, text, fn, ud);
}
