/* segment_srx.c - reads SRX 2.0 segmentation rules with Expat.
 *
 * Only what segmentation needs is kept: the cascade flag, each languagerule's rules (break or
 * exception, before and after patterns) and the maprules. DOCTYPEs declaring entities are
 * refused; external entities are never read.
 */
#include "segment.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <string.h>

typedef enum { IN_NONE, IN_BEFORE, IN_AFTER } text_slot;

typedef struct srx_parse {
    XML_Parser xp;
    seg_srx *srx;
    seg_langrule *cur_lang;
    seg_rule *cur_rule;
    text_slot slot;
    dbr_buf text;
    int failed;
    char why[256];
    int seen_root;
} srx_parse;

static const char *local_name(const char *name)
{
    const char *sep = strrchr(name, '|'); /* namespace separator */
    return sep ? sep + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(local_name(atts[i]), name))
            return atts[i + 1];
    return NULL;
}

static void fail(srx_parse *p, const char *why)
{
    if (p->failed)
        return;
    p->failed = 1;
    snprintf(p->why, sizeof p->why, "%s", why);
    XML_StopParser(p->xp, XML_FALSE);
}

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    size_t nc = *cap ? *cap * 2 : 8;
    void *nv = dbr_realloc(v, nc * size);
    if (nv)
        *cap = nc;
    return nv;
}

static void start_languagerule(srx_parse *p, const char **atts)
{
    const char *name = attr(atts, "languagerulename");
    if (!name)
        return fail(p, "languagerule without languagerulename");
    seg_srx *s = p->srx;
    seg_langrule *v = grow(s->langs, &s->caplangs, s->nlangs, sizeof *v);
    if (!v)
        return fail(p, "out of memory");
    s->langs = v;
    p->cur_lang = &s->langs[s->nlangs++];
    memset(p->cur_lang, 0, sizeof *p->cur_lang);
    if (!(p->cur_lang->name = dbr_strdup(name)))
        fail(p, "out of memory");
}

static void start_rule(srx_parse *p, const char **atts)
{
    seg_langrule *l = p->cur_lang;
    if (!l)
        return fail(p, "rule outside a languagerule");
    seg_rule *v = grow(l->rules, &l->cap, l->n, sizeof *v);
    if (!v)
        return fail(p, "out of memory");
    l->rules = v;
    p->cur_rule = &l->rules[l->n++];
    memset(p->cur_rule, 0, sizeof *p->cur_rule);
    const char *b = attr(atts, "break");
    p->cur_rule->brk = !b || strcmp(b, "no") != 0;
    p->cur_rule->line = (long)XML_GetCurrentLineNumber(p->xp);
}

static void start_languagemap(srx_parse *p, const char **atts)
{
    const char *pat = attr(atts, "languagepattern"), *name = attr(atts, "languagerulename");
    if (!pat || !name)
        return fail(p, "languagemap needs languagepattern and languagerulename");
    seg_srx *s = p->srx;
    seg_map *v = grow(s->maps, &s->capmaps, s->nmaps, sizeof *v);
    if (!v)
        return fail(p, "out of memory");
    s->maps = v;
    seg_map *m = &s->maps[s->nmaps++];
    m->pattern = dbr_strdup(pat);
    m->rulename = dbr_strdup(name);
    if (!m->pattern || !m->rulename)
        fail(p, "out of memory");
}

static void XMLCALL on_start(void *ud, const char *name, const char **atts)
{
    srx_parse *p = ud;
    const char *n = local_name(name);
    if (!p->seen_root) {
        p->seen_root = 1;
        if (strcmp(n, "srx"))
            return fail(p, "expected the root element <srx>");
        const char *v = attr(atts, "version");
        if (v && strcmp(v, "2.0") && strcmp(v, "1.0"))
            return fail(p, "unsupported SRX version (expected 2.0)");
        return;
    }
    if (!strcmp(n, "header")) {
        const char *c = attr(atts, "cascade");
        p->srx->cascade = c && !strcmp(c, "yes");
    } else if (!strcmp(n, "languagerule"))
        start_languagerule(p, atts);
    else if (!strcmp(n, "rule"))
        start_rule(p, atts);
    else if (!strcmp(n, "beforebreak") || !strcmp(n, "afterbreak")) {
        if (!p->cur_rule)
            return fail(p, "beforebreak/afterbreak outside a rule");
        p->slot = n[0] == 'b' ? IN_BEFORE : IN_AFTER;
        dbr_buf_clear(&p->text);
    } else if (!strcmp(n, "languagemap"))
        start_languagemap(p, atts);
}

static void XMLCALL on_end(void *ud, const char *name)
{
    srx_parse *p = ud;
    const char *n = local_name(name);
    if (p->slot != IN_NONE && (!strcmp(n, "beforebreak") || !strcmp(n, "afterbreak"))) {
        char *s = dbr_strdup(dbr_buf_cstr(&p->text));
        if (!s)
            return fail(p, "out of memory");
        char **slot = p->slot == IN_BEFORE ? &p->cur_rule->before : &p->cur_rule->after;
        dbr_free(*slot);
        *slot = s;
        p->slot = IN_NONE;
    } else if (!strcmp(n, "rule"))
        p->cur_rule = NULL;
    else if (!strcmp(n, "languagerule"))
        p->cur_lang = NULL;
}

static void XMLCALL on_text(void *ud, const char *s, int len)
{
    srx_parse *p = ud;
    if (p->slot != IN_NONE && dbr_buf_append(&p->text, s, (size_t)len))
        fail(p, "out of memory");
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
                                   const XML_Char *value, int value_len, const XML_Char *base,
                                   const XML_Char *system_id, const XML_Char *public_id,
                                   const XML_Char *notation)
{
    (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)system_id,
        (void)public_id, (void)notation;
    fail(ud, "DOCTYPE declares entities, which SRX files never need (refused)");
}

void seg_srx_free(seg_srx *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nlangs; i++) {
        for (size_t k = 0; k < s->langs[i].n; k++) {
            dbr_free(s->langs[i].rules[k].before);
            dbr_free(s->langs[i].rules[k].after);
        }
        dbr_free(s->langs[i].rules);
        dbr_free(s->langs[i].name);
    }
    for (size_t i = 0; i < s->nmaps; i++) {
        dbr_free(s->maps[i].pattern);
        dbr_free(s->maps[i].rulename);
    }
    dbr_free(s->langs);
    dbr_free(s->maps);
    dbr_free(s);
}

seg_srx *seg_srx_parse(const char *data, size_t len, const char *name, dbr_error *err)
{
    srx_parse p = {0};
    p.srx = dbr_calloc(1, sizeof *p.srx);
    p.xp = XML_ParserCreateNS("UTF-8", '|');
    if (!p.srx || !p.xp) {
        dbr_free(p.srx);
        if (p.xp)
            XML_ParserFree(p.xp);
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    XML_SetUserData(p.xp, &p);
    XML_SetElementHandler(p.xp, on_start, on_end);
    XML_SetCharacterDataHandler(p.xp, on_text);
    XML_SetEntityDeclHandler(p.xp, on_entity_decl);
    XML_SetParamEntityParsing(p.xp, XML_PARAM_ENTITY_PARSING_NEVER);
    int ok = XML_Parse(p.xp, data, (int)len, XML_TRUE) == XML_STATUS_OK && !p.failed;
    if (ok && !p.seen_root) {
        ok = 0;
        p.failed = 1;
        snprintf(p.why, sizeof p.why, "no <srx> element");
    }
    if (!ok) {
        dbr_error_set(err, DBR_FAILED, "bad SRX: %s",
                      p.failed ? p.why : XML_ErrorString(XML_GetErrorCode(p.xp)));
        dbr_error_locate(err, (long)XML_GetCurrentLineNumber(p.xp),
                         (long)XML_GetCurrentColumnNumber(p.xp) + 1,
                         (long long)XML_GetCurrentByteIndex(p.xp));
        dbr_error_set_file(err, name, NULL);
        seg_srx_free(p.srx);
        p.srx = NULL;
    }
    XML_ParserFree(p.xp);
    dbr_buf_free(&p.text);
    return p.srx;
}

seg_srx *seg_srx_load(const char *path, dbr_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        dbr_error_set(err, DBR_FAILED, "cannot open SRX rules: %s", strerror(errno));
        dbr_error_set_file(err, path, NULL);
        return NULL;
    }
    dbr_buf b = DBR_BUF_INIT;
    char chunk[65536];
    size_t got;
    int oom = 0;
    while (!oom && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        oom = dbr_buf_append(&b, chunk, got) != 0;
    fclose(f);
    seg_srx *s = NULL;
    if (oom)
        dbr_error_set(err, DBR_FAILED, "out of memory");
    else
        s = seg_srx_parse(b.len ? dbr_buf_cstr(&b) : "", b.len, path, err);
    dbr_buf_free(&b);
    return s;
}
