/* text_hyphen.c - end-of-line hyphenation: repair "collabo-\nration", keep "UK-\nChina".
 *
 * A hyphen at the end of a line is either typesetting (the word was cut) or part of the word
 * (a compound that happened to break there). Nothing on the line alone tells them apart, so the
 * rule weighs evidence, strongest first:
 *
 *   1. the document itself: if the hyphenated compound ("policy-makers") occurs elsewhere in the
 *      recent text, keep the hyphen; if the joined word ("collaboration") does, repair;
 *   2. the continuation starts with a capital or a digit ("UK-\nChina", "COVID-\n19"), or the
 *      fragment is an acronym or already holds a hyphen ("state-of-the-\nart"): keep;
 *   3. the fragment is a prefix that forms hyphenated compounds and is almost never a syllable
 *      break in running text (well, self, non, cross, half, all, co): keep;
 *   4. otherwise (a lower-case continuation): repair, because in extracted PDF text a cut word
 *      is far more common than a compound broken exactly at its hyphen.
 *
 * "The recent text" is a bounded vocabulary: word hashes in two fixed-size generations; when the
 * current one is half full the older is dropped. It covers the page window (the reader adds each
 * page's words before the assembler sees the page), so evidence a few pages ahead counts too.
 */
#include "text_internal.h"

#include <string.h>

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'';
}

static char fold(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

/* FNV-1a over the lower-cased word; 0 is reserved for "empty slot". */
static uint64_t word_hash(const char *w, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)fold(w[i]);
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

int text_vocab_init(tx_vocab *v)
{
    memset(v, 0, sizeof *v);
    v->gen[0] = dbr_calloc(TX_VOCAB_SLOTS, sizeof(uint64_t));
    v->gen[1] = dbr_calloc(TX_VOCAB_SLOTS, sizeof(uint64_t));
    return v->gen[0] && v->gen[1] ? 0 : -1;
}

void text_vocab_free(tx_vocab *v)
{
    dbr_free(v->gen[0]);
    dbr_free(v->gen[1]);
    v->gen[0] = v->gen[1] = NULL;
}

static int set_has(const uint64_t *set, uint64_t h)
{
    for (size_t i = h % TX_VOCAB_SLOTS, probes = 0; probes < TX_VOCAB_SLOTS;
         i = (i + 1) % TX_VOCAB_SLOTS, probes++) {
        if (set[i] == h)
            return 1;
        if (set[i] == 0)
            return 0;
    }
    return 0;
}

static void vocab_add(tx_vocab *v, const char *w, size_t n)
{
    if (n < 2)
        return;
    uint64_t h = word_hash(w, n);
    if (set_has(v->gen[0], h) || set_has(v->gen[1], h))
        return;
    if (v->used[v->cur] >= TX_VOCAB_SLOTS / 2) {
        v->cur = !v->cur; /* drop the older generation */
        memset(v->gen[v->cur], 0, TX_VOCAB_SLOTS * sizeof(uint64_t));
        v->used[v->cur] = 0;
    }
    uint64_t *set = v->gen[v->cur];
    size_t i = h % TX_VOCAB_SLOTS;
    while (set[i])
        i = (i + 1) % TX_VOCAB_SLOTS;
    set[i] = h;
    v->used[v->cur]++;
}

int text_vocab_has(const tx_vocab *v, const char *w, size_t n)
{
    uint64_t h = word_hash(w, n);
    return set_has(v->gen[0], h) || set_has(v->gen[1], h);
}

/* Adds every word, and every hyphenated compound as a whole ("well-known"). A hyphen at the
 * end of the text is a cut, not a compound, so it is not part of the word. */
void text_vocab_add_text(tx_vocab *v, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && !is_word_byte((unsigned char)s[i]))
            i++;
        size_t start = i;
        while (i < len && (is_word_byte((unsigned char)s[i]) ||
                           (s[i] == '-' && i + 1 < len && is_word_byte((unsigned char)s[i + 1]) &&
                            i > start)))
            i++;
        if (i > start)
            vocab_add(v, s + start, i - start);
    }
}

static int in_prefix_list(const char *w, size_t n)
{
    static const char *const prefixes[] = {"well", "self", "non", "cross", "half", "all", "co",
                                           NULL};
    for (const char *const *p = prefixes; *p; p++)
        if (strlen(*p) == n) {
            size_t i = 0;
            while (i < n && fold(w[i]) == (*p)[i])
                i++;
            if (i == n)
                return 1;
        }
    return 0;
}

int text_hyphen_repair(const tx_vocab *v, const char *prev, size_t plen, const char *next,
                       size_t nlen)
{
    if (plen < 2 || prev[plen - 1] != '-' || !nlen)
        return 0;
    /* The fragment before the hyphen, the whole compound run before it, and the next word. */
    size_t fe = plen - 1, fs = fe;
    while (fs > 0 && is_word_byte((unsigned char)prev[fs - 1]))
        fs--;
    size_t cs = fs;
    while (cs > 0 && (is_word_byte((unsigned char)prev[cs - 1]) || prev[cs - 1] == '-'))
        cs--;
    size_t ne = 0;
    while (ne < nlen && (is_word_byte((unsigned char)next[ne]) || next[ne] == '-'))
        ne++;
    if (fs == fe)
        return 0; /* "- " or "2-": not a cut word */
    if (!ne)
        return 0;
    char joined[128], hyph[130];
    size_t fl = fe - fs;
    if (fl + ne < sizeof joined) {
        memcpy(joined, prev + fs, fl);
        memcpy(joined + fl, next, ne);
        memcpy(hyph, prev + fs, fl);
        hyph[fl] = '-';
        memcpy(hyph + fl + 1, next, ne);
        if (v && text_vocab_has(v, hyph, fl + 1 + ne))
            return 0;
        if (v && text_vocab_has(v, joined, fl + ne))
            return 1;
    }
    unsigned char first = (unsigned char)next[0];
    if ((first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9'))
        return 0;
    if (cs < fs)
        return 0; /* "state-of-the-": already a compound */
    int upper = 0, lowerc = 0;
    for (size_t i = fs; i < fe; i++) {
        upper += prev[i] >= 'A' && prev[i] <= 'Z';
        lowerc += prev[i] >= 'a' && prev[i] <= 'z';
    }
    if (upper >= 2 && !lowerc)
        return 0; /* an acronym: "G20-\nled" */
    if (in_prefix_list(prev + fs, fl))
        return 0;
    return 1;
}
