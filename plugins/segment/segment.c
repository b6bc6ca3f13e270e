/* segment.c - the "segment" transform: splits paragraphs, list items and quotes into
 * sentences with SRX rules.
 *
 * Output model (what `convert --segment` writes and what the aligner reads): each sentence
 * becomes a block of the same kind, level and language as the block it came from, in order.
 * Every block that passes through gets the property "segment:para" (the ordinal of the source
 * block in its document, so a consumer can regroup sentences into paragraphs) and split blocks
 * also "segment:sentence" (0-based position in that paragraph). Headings, titles, table rows,
 * code and the rest are never split, and a sentence never spans two source blocks, so a
 * heading or a list item is never merged with the paragraph that follows. Inline codes stay
 * with their sentence: a code at a boundary goes with the text it opens or closes.
 */
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEG_MAX_LANGS 16

typedef struct seg_cached {
    char lang[32];
    seg_lang *rules;
} seg_cached;

typedef struct seg_state {
    dbr_job *job;
    dbr_sink *next;
    seg_srx *srx;
    char srx_path[4096];
    const char *opt_lang;
    char doc_lang[32];
    seg_cached cache[SEG_MAX_LANGS];
    size_t ncache;
    long para;
    dbr_pool *pool;
} seg_state;

/* The default rules: formats/segment.srx from the source tree (a build-tree run), else the
 * installed copy. */
static int find_default_srx(char *out, size_t cap)
{
    const char *env = getenv("DOCBRIDGE_FORMATS_DIR");
    const char *cands[] = {env, SEGMENT_SOURCE_FORMATS, SEGMENT_INSTALL_FORMATS};
    for (size_t i = 0; i < sizeof cands / sizeof cands[0]; i++) {
        if (!cands[i] || !*cands[i])
            continue;
        snprintf(out, cap, "%s/segment.srx", cands[i]);
        if (access(out, R_OK) == 0)
            return 0;
    }
    return -1;
}

static dbr_status seg_open(void *state, dbr_job *job, dbr_sink *next)
{
    seg_state *s = state;
    s->job = job;
    s->next = next;
    s->opt_lang = dbr_options_get(job->opts, "lang");
    const char *user = dbr_options_get(job->opts, "srx");
    if (user)
        snprintf(s->srx_path, sizeof s->srx_path, "%s", user);
    else if (find_default_srx(s->srx_path, sizeof s->srx_path))
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1,
                            "segment: no default rules (formats/segment.srx) found; set "
                            "DOCBRIDGE_FORMATS_DIR or give --srx FILE");
    s->srx = seg_srx_load(s->srx_path, job->err);
    if (!s->srx)
        return DBR_FAILED;
    s->pool = dbr_pool_new();
    return s->pool ? DBR_OK : dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
}

static void seg_cleanup(void *state)
{
    seg_state *s = state;
    for (size_t i = 0; i < s->ncache; i++)
        seg_lang_free(s->cache[i].rules);
    seg_srx_free(s->srx);
    dbr_pool_free(s->pool);
}

static seg_lang *rules_for(seg_state *s, const char *lang)
{
    for (size_t i = 0; i < s->ncache; i++)
        if (!strcmp(s->cache[i].lang, lang))
            return s->cache[i].rules;
    seg_lang *l = seg_lang_compile(s->srx, lang, s->srx_path, s->job->err);
    if (!l)
        return NULL;
    if (s->ncache == SEG_MAX_LANGS) { /* many languages: forget the oldest */
        seg_lang_free(s->cache[0].rules);
        memmove(s->cache, s->cache + 1, (SEG_MAX_LANGS - 1) * sizeof s->cache[0]);
        s->ncache--;
    }
    seg_cached *c = &s->cache[s->ncache++];
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    c->rules = l;
    return l;
}

static dbr_status seg_begin_document(void *self, const dbr_doc *doc)
{
    seg_state *s = self;
    s->para = 0;
    snprintf(s->doc_lang, sizeof s->doc_lang, "%s", doc->lang ? doc->lang : "");
    return dbr_sink_begin_document(s->next, doc);
}

static int splittable(dbr_block_kind k)
{
    return k == DBR_BLOCK_PARAGRAPH || k == DBR_BLOCK_LIST_ITEM || k == DBR_BLOCK_QUOTE;
}

/* ---------- splitting rich text at plain-text offsets ---------- */

typedef struct splitter {
    dbr_pool *pool;
    dbr_rich *out;        /* one rich per sentence */
    size_t nout;
    const size_t *brk;
    size_t nbrk;
    size_t cur;           /* sentence being filled */
    int at_boundary;      /* the text so far ends exactly at brk[cur] */
} splitter;

static int opens_next(dbr_span_kind k)
{
    return k == DBR_SPAN_OPEN || k == DBR_SPAN_MARK_OPEN || k == DBR_SPAN_PLACEHOLDER;
}

static int copy_code(dbr_pool *pool, dbr_rich *dst, const dbr_span *sp)
{
    dbr_span *c = dbr_rich_add_code(pool, dst, sp->kind, sp->id, sp->text);
    if (!c)
        return -1;
    c->flags = sp->flags;
    c->type = sp->type;
    c->origin = sp->origin;
    c->attrs = sp->attrs;
    return 0;
}

static int split_text_span(splitter *sp, const char *t, size_t off)
{
    size_t len = strlen(t), pos = 0;
    while (pos < len) {
        if (sp->at_boundary) {
            sp->cur++;
            sp->at_boundary = 0;
        }
        size_t end = len;
        if (sp->cur < sp->nbrk && sp->brk[sp->cur] < off + len)
            end = sp->brk[sp->cur] - off;
        if (dbr_rich_add_text(sp->pool, &sp->out[sp->cur], t + pos, end - pos))
            return -1;
        pos = end;
        if (sp->cur < sp->nbrk && off + pos == sp->brk[sp->cur])
            sp->at_boundary = 1;
    }
    return 0;
}

static int split_rich(splitter *sp, const dbr_rich *r)
{
    size_t off = 0;
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *s = &r->spans[i];
        if (s->kind == DBR_SPAN_TEXT) {
            if (split_text_span(sp, s->text, off))
                return -1;
            off += strlen(s->text);
            continue;
        }
        if (sp->at_boundary && opens_next(s->kind)) {
            sp->cur++;
            sp->at_boundary = 0;
        }
        if (copy_code(sp->pool, &sp->out[sp->cur], s))
            return -1;
    }
    return 0;
}

static void trim_edges(dbr_rich *r)
{
    if (r->count && r->spans[0].kind == DBR_SPAN_TEXT) {
        const char *t = r->spans[0].text;
        while (*t == ' ' || *t == '\t' || *t == '\n')
            t++;
        if (!strncmp(t, "\xe3\x80\x80", 3)) /* ideographic space */
            t += 3;
        r->spans[0].text = t;
    }
    if (r->count && r->spans[r->count - 1].kind == DBR_SPAN_TEXT) {
        char *t = (char *)r->spans[r->count - 1].text;
        size_t n = strlen(t);
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\n'))
            t[--n] = '\0';
    }
}

/* Leading and trailing white space of a sentence belongs to the gap between sentences;
 * a text span left empty by that is removed. */
static void trim_rich(dbr_rich *r)
{
    trim_edges(r);
    if (r->count && r->spans[0].kind == DBR_SPAN_TEXT && !r->spans[0].text[0]) {
        memmove(r->spans, r->spans + 1, (r->count - 1) * sizeof *r->spans);
        r->count--;
    }
    if (r->count && r->spans[r->count - 1].kind == DBR_SPAN_TEXT &&
        !r->spans[r->count - 1].text[0])
        r->count--;
}

/* ---------- emitting ---------- */

static dbr_status emit(seg_state *s, const dbr_block *b, const dbr_rich *text, long sentence)
{
    dbr_block c = *b;
    c.text = *text;
    memset(&c.props, 0, sizeof c.props);
    int oom = dbr_props_clone(s->pool, &c.props, &b->props);
    oom |= dbr_props_add(s->pool, &c.props, "segment:para",
                         dbr_pool_printf(s->pool, "%ld", s->para));
    if (sentence >= 0) {
        oom |= dbr_props_add(s->pool, &c.props, "segment:sentence",
                             dbr_pool_printf(s->pool, "%ld", sentence));
        if (b->id)
            c.id = dbr_pool_printf(s->pool, "%s-s%ld", b->id, sentence);
    }
    if (oom)
        return dbr_job_fail(s->job, DBR_FAILED, b->line, 0, -1, "out of memory");
    return dbr_sink_block(s->next, &c);
}

static const char *block_lang(seg_state *s, const dbr_block *b, const char *plain)
{
    if (b->lang && *b->lang)
        return b->lang;
    if (s->opt_lang && *s->opt_lang)
        return s->opt_lang;
    if (s->doc_lang[0] && strcmp(s->doc_lang, "und"))
        return s->doc_lang;
    const char *g = seg_guess_lang(plain);
    return g ? g : "und";
}

static dbr_status split_block(seg_state *s, const dbr_block *b)
{
    const char *plain = dbr_rich_plain_dup(s->pool, &b->text);
    if (!plain)
        return dbr_job_fail(s->job, DBR_FAILED, b->line, 0, -1, "out of memory");
    seg_lang *rules = rules_for(s, block_lang(s, b, plain));
    if (!rules)
        return DBR_FAILED;
    size_t *brk, nbrk;
    if (seg_lang_breaks(rules, plain, strlen(plain), &brk, &nbrk))
        return dbr_job_fail(s->job, DBR_FAILED, b->line, 0, -1, "out of memory");
    if (nbrk == 0) {
        dbr_free(brk);
        dbr_rich one;
        memset(&one, 0, sizeof one);
        if (dbr_rich_clone(s->pool, &one, &b->text))
            return dbr_job_fail(s->job, DBR_FAILED, b->line, 0, -1, "out of memory");
        trim_rich(&one);
        return emit(s, b, &one, -1);
    }
    splitter sp = {.pool = s->pool, .brk = brk, .nbrk = nbrk, .nout = nbrk + 1};
    sp.out = dbr_pool_alloc(s->pool, sp.nout * sizeof *sp.out);
    dbr_status st = (!sp.out || split_rich(&sp, &b->text))
                        ? dbr_job_fail(s->job, DBR_FAILED, b->line, 0, -1, "out of memory")
                        : DBR_OK;
    for (size_t k = 0; k < sp.nout && st == DBR_OK; k++) {
        trim_rich(&sp.out[k]);
        st = emit(s, b, &sp.out[k], (long)k);
    }
    dbr_free(brk);
    return st;
}

static dbr_status seg_block(void *self, const dbr_block *b)
{
    seg_state *s = self;
    dbr_pool_reset(s->pool);
    dbr_status st = splittable(b->kind) ? split_block(s, b) : emit(s, b, &b->text, -1);
    s->para++;
    return st;
}

static dbr_status seg_begin_dataset(void *self)
{
    return dbr_sink_begin_dataset(((seg_state *)self)->next);
}

static dbr_status seg_unit(void *self, const dbr_unit *u)
{
    return dbr_sink_unit(((seg_state *)self)->next, u);
}

static dbr_status seg_end_document(void *self, const dbr_doc *d)
{
    return dbr_sink_end_document(((seg_state *)self)->next, d);
}

static dbr_status seg_end_dataset(void *self)
{
    return dbr_sink_end_dataset(((seg_state *)self)->next);
}

static const dbr_sink_ops SEG_SINK = {
    .begin_dataset = seg_begin_dataset,
    .begin_document = seg_begin_document,
    .block = seg_block,
    .unit = seg_unit,
    .end_document = seg_end_document,
    .end_dataset = seg_end_dataset,
};

static const dbr_transform_ops SEG_OPS = {
    .state_size = sizeof(seg_state),
    .open = seg_open,
    .sink = &SEG_SINK,
    .cleanup = seg_cleanup,
};

static const dbr_option_spec SEG_OPTIONS[] = {
    {"srx", "FILE", "segmentation rules (SRX 2.0); default formats/segment.srx"},
    {"lang", "TAG", "language of text without a language of its own (default: detected)"},
    {NULL, NULL, NULL},
};

static const dbr_plugin SEG_PLUGIN = {
    DBR_PLUGIN_HEADER,
    .name = "segment",
    .version = "1.0",
    .description = "splits paragraphs into sentences with SRX 2.0 rules (ICU regex)",
    .transform = &SEG_OPS,
    .options = SEG_OPTIONS,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &SEG_PLUGIN; }
