/* table_columns.c - what a header name means (language, id, note, property...), shared by
 * the reader and the writer so both sides agree (see formats/tsv.md). */
#include "table.h"

#include <string.h>
#include <strings.h>

static int tab_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int tab_alnum(char c) { return tab_alpha(c) || (c >= '0' && c <= '9'); }

int tab_is_lang(const char *s)
{
    size_t n = 0;
    while (tab_alpha(s[n]))
        n++;
    if (n < 2 || n > 3)
        return 0;
    while (s[n] == '-' || s[n] == '_') {
        size_t k = 0;
        n++;
        while (tab_alnum(s[n + k]))
            k++;
        if (k < 2 || k > 8)
            return 0;
        n += k;
    }
    return s[n] == '\0';
}

static const struct {
    const char *name;
    tab_col_kind kind;
} TAB_NAMES[] = {
    {"id", TAB_COL_ID},           {"context", TAB_COL_ID},
    {"source", TAB_COL_SOURCE},   {"target", TAB_COL_TARGET},
    {"note", TAB_COL_NOTE},       {"notes", TAB_COL_NOTE},
    {"comment", TAB_COL_NOTE},    {"translator_comments", TAB_COL_NOTE},
    {"developer_comments", TAB_COL_DEV_NOTE},
    {"location", TAB_COL_LOCATION}, {"fuzzy", TAB_COL_FUZZY},
};

/* A reserved column name or "prop:..." (a header cell that is no language). */
static int tab_known_name(const char *name)
{
    for (size_t k = 0; k < sizeof TAB_NAMES / sizeof TAB_NAMES[0]; k++)
        if (!strcasecmp(name, TAB_NAMES[k].name))
            return 1;
    return !strncmp(name, "prop:", 5) || !strncmp(name, "x-", 2);
}

int tab_classify(dbr_pool *pool, const char *const *names, size_t n, const char *src_lang,
                 const char *tgt_lang, tab_col *cols)
{
    for (size_t i = 0; i < n; i++) {
        tab_col *c = &cols[i];
        c->name = dbr_pool_strdup(pool, names[i]);
        c->kind = TAB_COL_PROP;
        c->key = c->name;
        if (!c->name)
            return -1;
        for (size_t k = 0; k < sizeof TAB_NAMES / sizeof TAB_NAMES[0]; k++)
            if (!strcasecmp(names[i], TAB_NAMES[k].name))
                c->kind = TAB_NAMES[k].kind;
        if (c->kind == TAB_COL_SOURCE)
            c->key = src_lang;
        else if (c->kind == TAB_COL_TARGET)
            c->key = tgt_lang;
        else if (c->kind == TAB_COL_LOCATION)
            c->key = "po:references";
        else if (c->kind == TAB_COL_PROP && !strncmp(names[i], "prop:", 5))
            c->key = c->name + 5;
        else if (c->kind == TAB_COL_PROP && tab_is_lang(names[i])) {
            c->kind = TAB_COL_LANG;
            char *t = dbr_pool_strdup(pool, names[i]);
            if (!t)
                return -1;
            for (char *p = t; *p; p++)
                if (*p == '_')
                    *p = '-';
            c->key = t;
        }
    }
    return 0;
}

/* ISO 639-1 codes: a probe without the file extension trusts only these (so a first line
 * "Yes,No" is not a table header). */
static const char TAB_ISO639_1[] =
    " aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu "
    "cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho "
    "hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv "
    "kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr "
    "nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq "
    "sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh "
    "yi yo za zh zu ";

static int tab_is_iso_lang(const char *name)
{
    if (!tab_is_lang(name) || (name[2] && name[2] != '-' && name[2] != '_'))
        return 0;
    char key[5] = {' ', (char)(name[0] | 0x20), (char)(name[1] | 0x20), ' ', '\0'};
    return strstr(TAB_ISO639_1, key) != NULL;
}

int tab_header_langs(const char *text, size_t len, char sep)
{
    const char *end = memchr(text, '\n', len);
    if (!end)
        end = text + len;
    int langs = 0, cells = 0;
    const char *p = text;
    while (p <= end && cells < 64) {
        const char *q = memchr(p, sep, (size_t)(end - p));
        if (!q)
            q = end;
        char name[40];
        size_t n = (size_t)(q - p);
        if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
            p++, n -= 2;
        if (n > 0 && n < sizeof name) {
            memcpy(name, p, n);
            name[n] = '\0';
            if (n && name[n - 1] == '\r')
                name[n - 1] = '\0';
            if (tab_is_iso_lang(name) || !strcasecmp(name, "source") || !strcasecmp(name, "target"))
                langs++;
            else if (!tab_known_name(name))
                return 0; /* a header is made of column names only */
        }
        cells++;
        p = q + 1;
    }
    return langs;
}

/* --source-lang, --target-lang and the --placeholders options are shared with the po plugin,
 * which declares them once for all (the CLI accepts an option any loaded plugin declares). */
const dbr_option_spec tab_options[] = {
    {"columns", "NAME,NAME...", "tsv/csv: columns to write (languages, id, note, location, prop:KEY)"},
    {NULL, NULL, NULL},
};
