/* xliff_codes.c - the tables that carry meaning between XLIFF 1.2 and 2.x where the two
 * versions name the same thing differently: 1.2 ctype <-> 2.x type/subType, the state values,
 * and 2.x's NMTOKEN ids. The element mapping itself (g <-> pc, bx/ex <-> sc/ec ...) is decided
 * by span kind and flags in the writers; formats/xliff.md has the full table.
 */
#include "xliff.h"

#include <string.h>

/* 1.2 ctype values that XLIFF 2.0 (section 4.7.2) maps to type + an xlf: subType. */
static const struct {
    const char *ctype, *type, *subtype;
} CTYPES[] = {
    {"bold", "fmt", "xlf:b"},      {"italic", "fmt", "xlf:i"},
    {"underlined", "fmt", "xlf:u"}, {"lb", "fmt", "xlf:lb"},
    {"pb", "fmt", "xlf:pb"},       {"link", "link", NULL},
    {"image", "image", NULL},
};

static int is_type2(const char *t)
{
    static const char *const T[] = {"fmt", "ui", "quote", "link", "image", "other"};
    for (size_t i = 0; t && i < sizeof T / sizeof T[0]; i++)
        if (!strcmp(T[i], t))
            return 1;
    return 0;
}

/* A 1.2 ctype with no 2.x equivalent travels as type "other", subType "xlf12:<ctype>". */
void xliff_ctype_to_2(dbr_pool *pool, const char *ctype, const char **type, const char **subtype)
{
    *type = NULL;
    *subtype = NULL;
    if (!ctype)
        return;
    if (is_type2(ctype)) {
        *type = ctype;
        return;
    }
    if (!strncmp(ctype, "x-", 2) && is_type2(ctype + 2) && strcmp(ctype, "x-link") != 0 &&
        strcmp(ctype, "x-image") != 0) { /* written so by the 1.2 writer */
        *type = ctype + 2;
        return;
    }
    for (size_t i = 0; i < sizeof CTYPES / sizeof CTYPES[0]; i++)
        if (!strcmp(CTYPES[i].ctype, ctype)) {
            *type = CTYPES[i].type;
            *subtype = CTYPES[i].subtype;
            return;
        }
    *type = "other";
    *subtype = xliff_is_nmtoken(ctype) && !strchr(ctype, ':')
                   ? dbr_pool_printf(pool, "xlf12:%s", ctype) : NULL;
}

/* ctype values XLIFF 1.2 allows on a paired code (g, bx, bpt, it) and on a placeholder (x, ph);
 * anything else must be an x- extension. */
const char *xliff_ctype_fit(dbr_pool *pool, const char *ctype, int placeholder)
{
    static const char *const DELIM[] = {"bold", "italic", "underlined", "link", NULL};
    static const char *const PH[] = {"image", "pb", "lb", NULL};
    if (!ctype || !strncmp(ctype, "x-", 2))
        return ctype;
    for (const char *const *v = placeholder ? PH : DELIM; *v; v++)
        if (!strcmp(*v, ctype))
            return ctype;
    return dbr_pool_printf(pool, "x-%s", ctype);
}

const char *xliff_type_to_ctype(dbr_pool *pool, const char *type, const char *subtype)
{
    if (subtype && !strncmp(subtype, "xlf12:", 6))
        return subtype + 6;
    for (size_t i = 0; subtype && i < sizeof CTYPES / sizeof CTYPES[0]; i++)
        if (CTYPES[i].subtype && !strcmp(CTYPES[i].subtype, subtype))
            return CTYPES[i].ctype;
    if (!type)
        return NULL;
    if (!strcmp(type, "link") || !strcmp(type, "image"))
        return type;
    if (is_type2(type))
        return dbr_pool_printf(pool, "x-%s", type);
    return type; /* not a 2.x type: a 1.2 ctype or another format's type, as is */
}

/* 1.2 states (and x- extensions) to 2.x, keeping the 1.2 value in subState "xlf12:..." when
 * the two differ so 1.2 -> 2 -> 1.2 gives the same state back. */
static const struct {
    const char *s12, *s2;
} STATES[] = {
    {"new", "initial"},           {"needs-translation", "initial"},
    {"needs-adaptation", "translated"}, {"needs-l10n", "translated"},
    {"needs-review-adaptation", "translated"}, {"needs-review-l10n", "translated"},
    {"needs-review-translation", "translated"}, {"translated", "translated"},
    {"signed-off", "reviewed"},   {"final", "final"},
};

int xliff_is_state2(const char *s)
{
    return s && (!strcmp(s, "initial") || !strcmp(s, "translated") || !strcmp(s, "reviewed") ||
                 !strcmp(s, "final"));
}

const char *xliff_state_to_2(const char *state12, const char **substate)
{
    *substate = NULL;
    if (!state12)
        return NULL;
    if (xliff_is_state2(state12))
        return state12;
    for (size_t i = 0; i < sizeof STATES / sizeof STATES[0]; i++)
        if (!strcmp(STATES[i].s12, state12)) {
            *substate = state12; /* caller prefixes "xlf12:" */
            return STATES[i].s2;
        }
    *substate = state12;
    return "initial";
}

const char *xliff_state_to_12(const char *state2, const char *substate)
{
    if (substate && !strncmp(substate, "xlf12:", 6))
        return substate + 6;
    if (!state2)
        return NULL;
    if (!strcmp(state2, "initial"))
        return "new";
    if (!strcmp(state2, "reviewed"))
        return "signed-off";
    if (!strcmp(state2, "translated") || !strcmp(state2, "final"))
        return state2;
    /* another format's state: a 1.2 value or x- extension, as is when it looks like one */
    for (size_t i = 0; i < sizeof STATES / sizeof STATES[0]; i++)
        if (!strcmp(STATES[i].s12, state2))
            return state2;
    return strncmp(state2, "x-", 2) == 0 ? state2 : NULL;
}

static int name_char(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == ':';
}

int xliff_is_nmtoken(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++)
        if (!name_char((unsigned char)*s))
            return 0;
    return 1;
}

const char *xliff_nmtoken(dbr_pool *pool, const char *s)
{
    if (xliff_is_nmtoken(s))
        return s;
    if (!s || !*s)
        return "_";
    char *d = dbr_pool_strdup(pool, s);
    for (char *p = d; p && *p; p++)
        if (!name_char((unsigned char)*p))
            *p = '_';
    return d;
}
