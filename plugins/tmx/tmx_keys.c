/* tmx_keys.c - the property-key conventions of formats/tmx.md (which keys are attributes, which
 * are props, how prop types are escaped) and the TMX date and number forms, shared by the
 * reader and the writer so the two cannot drift apart. */
#include "tmx.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tmx_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int tmx_date_to_iso(const char *in, char *out, size_t cap)
{
    /* YYYYMMDDThhmmssZ: 16 characters, the only form TMX 1.4b allows. */
    if (strlen(in) != 16 || in[8] != 'T' || in[15] != 'Z' || !all_digits(in, 8) ||
        !all_digits(in + 9, 6) || cap < 21)
        return 0;
    snprintf(out, cap, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", in, in + 4, in + 6, in + 9, in + 11,
             in + 13);
    return 1;
}

int tmx_date_from_iso(const char *in, char *out, size_t cap)
{
    size_t n = strlen(in);
    if (cap < 17 || n < 10 || in[4] != '-' || in[7] != '-' || !all_digits(in, 4) ||
        !all_digits(in + 5, 2) || !all_digits(in + 8, 2))
        return 0;
    if (n == 10) {
        snprintf(out, cap, "%.4s%.2s%.2sT000000Z", in, in + 5, in + 8);
        return 1;
    }
    if (n != 20 || in[10] != 'T' || in[13] != ':' || in[16] != ':' || in[19] != 'Z' ||
        !all_digits(in + 11, 2) || !all_digits(in + 14, 2) || !all_digits(in + 17, 2))
        return 0;
    snprintf(out, cap, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", in, in + 5, in + 8, in + 11, in + 14,
             in + 17);
    return 1;
}

void tmx_format_double(double d, char *out, size_t cap)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(out, cap, "%.*g", prec, d);
        if (strtod(out, NULL) == d)
            return;
    }
}

/* "tmx:" keys that are not attributes: qualifiers ("tmx:prop.xml:lang", "tmx:ude.base"),
 * escaped prop types, ude/map entries and the version note. */
int tmx_key_is_attr(const char *key)
{
    if (!tmx_starts(key, TMX_KEY_PREFIX))
        return 0;
    const char *name = key + strlen(TMX_KEY_PREFIX);
    if (!*name || strchr(name, '.') || tmx_starts(key, TMX_KEY_PROPTYPE))
        return 0;
    return strcmp(key, TMX_KEY_UDE) != 0 && strcmp(key, TMX_KEY_MAP) != 0 &&
           strcmp(key, TMX_KEY_VERSION) != 0 && strcmp(key, TMX_KEY_SUBXML) != 0;
}

const char *tmx_key_prop_type(const char *key)
{
    if (tmx_starts(key, TMX_KEY_PROPTYPE))
        return key + strlen(TMX_KEY_PROPTYPE);
    if (tmx_starts(key, TMX_KEY_PREFIX))
        return NULL;
    return key;
}

const char *tmx_prop_key(dbr_pool *pool, const char *type)
{
    /* A prop type starting with "tmx:" would read back as an attribute: escape it. */
    if (tmx_starts(type, TMX_KEY_PREFIX))
        return dbr_pool_printf(pool, "%s%s", TMX_KEY_PROPTYPE, type);
    return type;
}
