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

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long tmx_days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void tmx_civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

int tmx_date_from_po(const char *in, char *out, size_t cap)
{
    /* "YYYY-MM-DD HH:MM+ZZZZ" (gettext's form), converted to UTC */
    int y, mo, d, h, mi, oh, om;
    char sign, end;
    if (strlen(in) != 21 || (in[16] != '+' && in[16] != '-') ||
        sscanf(in, "%4d-%2d-%2d %2d:%2d%c%2d%2d%c", &y, &mo, &d, &h, &mi, &sign, &oh, &om,
               &end) != 8 ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || oh > 14 || om > 59 ||
        !all_digits(in + 17, 4))
        return 0;
    long offset = (sign == '-' ? -1 : 1) * (oh * 60L + om);
    long minutes = tmx_days_from_civil(y, (unsigned)mo, (unsigned)d) * 1440L + h * 60L + mi -
                   offset;
    long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
    long rest = minutes - days * 1440;
    long uy;
    unsigned um, ud;
    tmx_civil_from_days(days, &uy, &um, &ud);
    if (uy < 0 || uy > 9999)
        return 0;
    snprintf(out, cap, "%04ld%02u%02uT%02ld%02ld00Z", uy, um, ud, rest / 60, rest % 60);
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
