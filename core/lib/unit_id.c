/* unit_id.c - derived unit ids ("u-" + 16 hex digits), made once per unit by every writer that
 * publishes them (json, jsonl, xml), so they must be cheap: SHA-256 per unit cost about 5% of a
 * TMX -> JSONL conversion for an id that only has to be deterministic and distinct, not
 * cryptographic. The document id is hashed once per document (dbr_unit_id_seed); each unit id
 * is then one splitmix64 step from that seed (dbr_make_unit_id).
 *
 * The value is defined byte by byte (little-endian words assembled from bytes), so the same
 * document gives the same ids on any machine. */
#include "docbridge/convert.h"

#include <string.h>

#define GOLDEN 0x9e3779b97f4a7c15ull /* 2^64 / phi, odd: the splitmix64 increment */

/* The splitmix64 finaliser: a bijection on 64 bits in which every input bit affects every
 * output bit. */
static uint64_t unit_id_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

/* Up to 8 bytes of p as a little-endian word, whatever the host's byte order. */
static uint64_t unit_id_word(const unsigned char *p, size_t n)
{
    uint64_t w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)p[i] << (8 * i);
    return w;
}

uint64_t dbr_unit_id_seed(const char *doc_id)
{
    const unsigned char *p = (const unsigned char *)(doc_id ? doc_id : "");
    size_t n = strlen((const char *)p);
    /* The length goes in first, so ids differing only in trailing NUL padding of the last word
     * still hash apart. */
    uint64_t h = unit_id_mix(GOLDEN ^ (uint64_t)n);
    for (; n >= 8; n -= 8, p += 8)
        h = unit_id_mix(h ^ unit_id_word(p, 8));
    return unit_id_mix(h ^ unit_id_word(p, n));
}

void dbr_make_unit_id(uint64_t seed, unsigned long long ordinal, char out[40])
{
    static const char digits[] = "0123456789abcdef";
    /* seed + ordinal * GOLDEN is one-to-one in the ordinal (GOLDEN is odd) and the mix is a
     * bijection, so two units of one document never share an id. */
    uint64_t v = unit_id_mix(seed + (uint64_t)ordinal * GOLDEN);
    out[0] = 'u';
    out[1] = '-';
    for (int i = 0; i < 16; i++)
        out[2 + i] = digits[(v >> (60 - 4 * i)) & 15];
    out[18] = '\0';
}
