/* text_lang.c - the language of a block from its script, and the UTF-8 helpers the other
 * stages use.
 *
 * Why script counting and not a language model: the reports this reader sees are mostly one
 * Latin-script language with Chinese (or Japanese/Korean) titles, names and quotations mixed
 * in. Telling Han from Latin is certain from code points alone and needs no data; which Latin
 * language it is comes from the `text-lang` option (default "en"). Kana marks Japanese even
 * among Han characters; Hangul marks Korean.
 */
#include "text_internal.h"

uint32_t text_utf8_next(const char **p, const char *end)
{
    const unsigned char *s = (const unsigned char *)*p;
    if (s >= (const unsigned char *)end)
        return 0;
    unsigned c = s[0];
    int n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (n <= 0 || end - (const char *)s < n + 1) {
        (*p)++;
        return n == 0 ? c : 0xFFFD;
    }
    uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (int i = 1; i <= n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            (*p)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *p += n + 1;
    return cp;
}

uint32_t text_utf8_last(const char *s, size_t len)
{
    if (!len)
        return 0;
    size_t i = len - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && len - i < 4)
        i--;
    const char *p = s + i;
    return text_utf8_next(&p, s + len);
}

static int is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

static int is_kana(uint32_t c) { return c >= 0x3040 && c <= 0x30FF; }

static int is_hangul(uint32_t c)
{
    return (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
           (c >= 0x3130 && c <= 0x318F);
}

static int is_latin(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F &&
                                                                 c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF);
}

int text_is_cjk(uint32_t c)
{
    /* CJK punctuation and full-width forms count: a line ending in "，" continues without a
     * space just as one ending in a Han character does. */
    return is_han(c) || is_kana(c) || is_hangul(c) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFF00 && c <= 0xFFEF);
}

const char *text_lang_of_script(int script, const char *latin)
{
    switch (script) {
    case TX_SCRIPT_LATIN: return latin;
    case TX_SCRIPT_HAN: return "zh";
    case TX_SCRIPT_KANA: return "ja";
    case TX_SCRIPT_HANGUL: return "ko";
    default: return NULL;
    }
}

const char *text_lang_of(const char *s, size_t len, const char *latin,
                         size_t counts[TX_SCRIPT_COUNT])
{
    size_t n[TX_SCRIPT_COUNT] = {0};
    const char *p = s, *end = s + len;
    while (p < end) {
        unsigned char b = (unsigned char)*p;
        if (b < 0x80) { /* ASCII fast path: most text of most documents */
            n[TX_SCRIPT_LATIN] += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
            p++;
            continue;
        }
        uint32_t c = text_utf8_next(&p, end);
        if (is_latin(c))
            n[TX_SCRIPT_LATIN]++;
        else if (is_han(c))
            n[TX_SCRIPT_HAN]++;
        else if (is_kana(c))
            n[TX_SCRIPT_KANA]++;
        else if (is_hangul(c))
            n[TX_SCRIPT_HANGUL]++;
    }
    /* Japanese is written with Han and Kana together: any real share of Kana decides it. */
    if (n[TX_SCRIPT_KANA] && n[TX_SCRIPT_KANA] * 5 >= n[TX_SCRIPT_HAN]) {
        n[TX_SCRIPT_KANA] += n[TX_SCRIPT_HAN];
        n[TX_SCRIPT_HAN] = 0;
    }
    int best = -1;
    size_t most = 0;
    for (int i = 0; i < TX_SCRIPT_COUNT; i++) {
        if (counts)
            counts[i] += n[i];
        if (n[i] > most) {
            most = n[i];
            best = i;
        }
    }
    return best < 0 ? NULL : text_lang_of_script(best, latin);
}
