/* po_lang.c - gettext locales ("pt_BR", "sr@latin") <-> BCP 47 tags, and the Plural-Forms
 * rule a new PO file gets for its language (msgfmt refuses plural entries without one). */
#include "po.h"

#include <stdio.h>
#include <stdlib.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *po_locale_to_bcp47(dbr_pool *pool, const char *locale)
{
    if (!locale || !*locale)
        return NULL;
    char *t = dbr_pool_strdup(pool, locale);
    if (!t)
        return NULL;
    char *dot = strchr(t, '.'); /* "de_DE.UTF-8": the codeset is not part of the language */
    char *at = strchr(t, '@');
    const char *script = NULL;
    if (at) {
        *at = '\0';
        script = !strcmp(at + 1, "latin") ? "Latn" : !strcmp(at + 1, "cyrillic") ? "Cyrl" : NULL;
    }
    if (dot)
        *dot = '\0';
    for (char *p = t; *p; p++)
        if (*p == '_')
            *p = '-';
    if (!script)
        return t;
    char *dash = strchr(t, '-');
    if (dash) {
        *dash = '\0';
        return dbr_pool_printf(pool, "%s-%s-%s", t, script, dash + 1);
    }
    return dbr_pool_printf(pool, "%s-%s", t, script);
}

const char *po_bcp47_to_locale(dbr_pool *pool, const char *tag)
{
    if (!tag)
        return NULL;
    char *t = dbr_pool_strdup(pool, tag);
    if (!t)
        return NULL;
    /* Only the simple ll-CC form maps to ll_CC; anything richer is kept as given. */
    char *dash = strchr(t, '-');
    if (dash && strlen(dash + 1) == 2 && !strchr(dash + 1, '-'))
        *dash = '_';
    return t;
}

typedef struct po_rule {
    const char *langs; /* space-separated primary subtags, with spaces around */
    const char *forms;
} po_rule;

/* From the gettext manual's "Plural forms" section. */
static const po_rule PO_RULES[] = {
    {" ja ko zh vi th id ms lo my ", "nplurals=1; plural=0;"},
    {" fr pt-BR ", "nplurals=2; plural=(n > 1);"},
    {" ru uk be sr hr bs ",
     "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
     "n%100>=20) ? 1 : 2);"},
    {" pl ", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
    {" cs sk ", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
    {" ar ", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
             ": n%100>=11 ? 4 : 5);"},
};

const char *po_plural_forms_for(const char *tag)
{
    char key[24];
    if (tag) {
        size_t n = strcspn(tag, "-_");
        if (n > 0 && n < 8) {
            /* "pt-BR" has its own rule; look it up whole first. */
            snprintf(key, sizeof key, " %.8s ", tag);
            for (char *p = key; *p; p++)
                if (*p == '_')
                    *p = '-';
            for (size_t i = 0; i < sizeof PO_RULES / sizeof PO_RULES[0]; i++)
                if (strlen(tag) <= 8 && strstr(PO_RULES[i].langs, key))
                    return PO_RULES[i].forms;
            snprintf(key, sizeof key, " %.*s ", (int)n, tag);
            for (char *p = key; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            for (size_t i = 0; i < sizeof PO_RULES / sizeof PO_RULES[0]; i++)
                if (strstr(PO_RULES[i].langs, key))
                    return PO_RULES[i].forms;
        }
    }
    return "nplurals=2; plural=(n != 1);";
}

int po_nplurals(const char *pf)
{
    const char *p = pf ? strstr(pf, "nplurals") : NULL;
    if (!p)
        return 0;
    p += 8;
    while (*p == ' ')
        p++;
    if (*p != '=')
        return 0;
    long n = strtol(p + 1, NULL, 10);
    return n > 0 && n <= PO_MAX_FORMS ? (int)n : 0;
}
