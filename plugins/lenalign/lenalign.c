/* lenalign.c - the "lenalign" aligner plugin: length-based (Gale-Church family) sentence
 * alignment with lexical anchors, structure first. Builds the items, estimates the length
 * ratio and variance from the document pair itself, aligns twice (the second time with the
 * bead-type priors and the variance re-estimated from the first alignment) and emits one
 * translation unit per bead. */
#include "lenalign.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double DEFAULT_PRIOR[LA_NBEADS] = {0.89, 0.01, 0.01, 0.045, 0.045,
                                                0.011, 0.005, 0.005};

typedef struct lenalign_state {
    la_dict *dict;
    la_text *text;
    dbr_pool *pool;
} lenalign_state;

static int lang_is_cjk(const char *lang)
{
    return lang && (!strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2) ||
                    !strncmp(lang, "yue", 3) || !strncmp(lang, "cmn", 3));
}

/* A side is CJK by its language tag, or by its script when the tag says nothing. */
static int side_is_cjk(const dbr_align_side *side, la_item *items, size_t n)
{
    if (side->lang && *side->lang && strcmp(side->lang, "und") != 0)
        return lang_is_cjk(side->lang);
    size_t cjk = 0, seen = 0;
    for (size_t i = 0; i < n && seen < 200; i += 1 + n / 200, seen++)
        cjk += (size_t)la_text_is_cjk(items[i].text);
    return seen && cjk * 2 >= seen;
}

static long para_of(const dbr_block *b, size_t index)
{
    const char *p = dbr_props_get(&b->props, "segment:para");
    return p ? strtol(p, NULL, 10) : (long)index;
}

static int build_items(lenalign_state *st, const dbr_align_side *side, la_item **out,
                       int *cjk)
{
    la_item *it = dbr_pool_alloc(st->pool, (side->nblocks + 1) * sizeof *it);
    if (!it)
        return -1;
    for (size_t i = 0; i < side->nblocks; i++) {
        const dbr_block *b = side->blocks[i];
        it[i].text = dbr_rich_plain_dup(st->pool, &b->text);
        if (!it[i].text)
            return -1;
    }
    *cjk = side_is_cjk(side, it, side->nblocks);
    *out = it;
    return 0;
}

static int fill_features(lenalign_state *st, const dbr_align_side *side, la_item *it, int cjk,
                         int same_script, int which)
{
    for (size_t i = 0; i < side->nblocks; i++) {
        const dbr_block *b = side->blocks[i];
        const char *text = it[i].text;
        if (la_text_features(st->text, st->pool, text, cjk, same_script, which, &it[i]))
            return -1;
        it[i].heading = b->kind == DBR_BLOCK_HEADING || b->kind == DBR_BLOCK_TITLE;
        it[i].para = para_of(b, i);
        it[i].section = it[i].heading ? la_section_number(st->pool, text) : NULL;
    }
    return 0;
}

static double total_len(const la_item *it, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += it[i].len;
    return s;
}

static void default_params(la_params *p, const dbr_options *o, double ratio)
{
    memcpy(p->prior, DEFAULT_PRIOR, sizeof p->prior);
    p->ratio = ratio;
    p->var = 6.8;
    p->anchor_hit = 1.5;
    p->anchor_miss = 1.0;
    p->heading_mix = 4.0;
    p->band = dbr_options_get_long(o, "band", 40);
    const char *v;
    if ((v = dbr_options_get(o, "anchor-weight")))
        p->anchor_hit = strtod(v, NULL);
    if ((v = dbr_options_get(o, "variance")))
        p->var = strtod(v, NULL);
}

/* Re-estimates bead priors (smoothed towards the defaults) and the length variance from a
 * first alignment of this very document pair. */
static void reestimate(la_params *p, const la_run *r)
{
    double count[LA_NBEADS] = {0}, n = 0, sq = 0, n11 = 0;
    for (size_t k = 0; k < r->beads.n; k++) {
        const la_bead *b = &r->beads.v[k];
        count[b->type] += 1;
        n += 1;
        if (b->type == LA_B11) {
            double ls = r->src[b->s].len, t = r->tgt[b->t].len / p->ratio;
            double mean = (ls + t) / 2;
            if (mean >= 1) {
                sq += (t - ls) * (t - ls) / mean;
                n11 += 1;
            }
        }
    }
    const double strength = 50;
    for (int k = 0; k < LA_NBEADS; k++)
        p->prior[k] = (count[k] + strength * DEFAULT_PRIOR[k]) / (n + strength);
    if (n11 >= 20) {
        double v = sq / n11;
        p->var = v < 1 ? 1 : (v > 60 ? 60 : v);
    }
}

static const char *index_list(dbr_pool *pool, size_t first, int n)
{
    dbr_buf b = DBR_BUF_INIT;
    for (int k = 0; k < n; k++)
        dbr_buf_printf(&b, "%s%zu", k ? "," : "", first + (size_t)k);
    const char *s = dbr_pool_strdup(pool, n ? dbr_buf_cstr(&b) : "");
    dbr_buf_free(&b);
    return s;
}

/* Appends the rich text of a block to a variant, a space between sentences unless CJK. */
static int append_rich(dbr_pool *pool, dbr_rich *dst, const dbr_rich *src, int cjk)
{
    if (dst->count && !cjk && dbr_rich_add_text(pool, dst, " ", 1))
        return -1;
    for (size_t i = 0; i < src->count; i++) {
        const dbr_span *sp = &src->spans[i];
        if (sp->kind == DBR_SPAN_TEXT) {
            if (dbr_rich_add_text(pool, dst, sp->text, strlen(sp->text)))
                return -1;
            continue;
        }
        dbr_span *c = dbr_rich_add_code(pool, dst, sp->kind, sp->id, sp->text);
        if (!c)
            return -1;
        c->flags = sp->flags;
        c->type = sp->type ? dbr_pool_strdup(pool, sp->type) : NULL;
        c->origin = sp->origin ? dbr_pool_strdup(pool, sp->origin) : NULL;
        if (dbr_props_clone(pool, &c->attrs, &sp->attrs))
            return -1;
    }
    return 0;
}

static dbr_status emit_bead(dbr_pool *pool, dbr_job *job, const la_bead *b, size_t ordinal,
                            const dbr_align_side *src, const dbr_align_side *tgt, int cjk_s,
                            int cjk_t, dbr_sink *sink)
{
    dbr_unit u;
    memset(&u, 0, sizeof u);
    u.id = dbr_pool_printf(pool, "%zu", ordinal);
    dbr_variant *vs = dbr_unit_add_variant(pool, &u, src->lang);
    dbr_variant *vt = vs ? dbr_unit_add_variant(pool, &u, tgt->lang) : NULL;
    if (!vt)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    vs = &u.variants[0];
    int oom = 0;
    for (int k = 0; k < b->ns; k++)
        oom |= append_rich(pool, &vs->text, &src->blocks[b->s + (size_t)k]->text, cjk_s);
    for (int k = 0; k < b->nt; k++)
        oom |= append_rich(pool, &vt->text, &tgt->blocks[b->t + (size_t)k]->text, cjk_t);
    oom |= dbr_props_add(pool, &u.props, "align:src", index_list(pool, b->s, b->ns));
    oom |= dbr_props_add(pool, &u.props, "align:tgt", index_list(pool, b->t, b->nt));
    if (oom)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    u.score = b->score;
    u.has_score = 1;
    u.bead = dbr_pool_printf(pool, "%d-%d", b->ns, b->nt);
    u.origin = "aligner:lenalign";
    return dbr_sink_unit(sink, &u);
}

static dbr_status lenalign_emit(dbr_job *job, const la_run *r, const dbr_align_side *src,
                                const dbr_align_side *tgt, int cjk_s, int cjk_t,
                                dbr_sink *sink)
{
    dbr_pool *pool = dbr_pool_new();
    if (!pool)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    dbr_status st = DBR_OK;
    for (size_t k = 0; k < r->beads.n && st == DBR_OK; k++) {
        dbr_pool_reset(pool);
        st = emit_bead(pool, job, &r->beads.v[k], k + 1, src, tgt, cjk_s, cjk_t, sink);
    }
    dbr_pool_free(pool);
    return st;
}

static dbr_status lenalign_setup(lenalign_state *st, dbr_job *job)
{
    st->pool = dbr_pool_new();
    if (!st->pool)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    const char *dict = dbr_options_get(job->opts, "dict");
    if (dict && !(st->dict = la_dict_load(dict, job->err)))
        return DBR_FAILED;
    st->text = la_text_new(st->dict);
    if (!st->text)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    return DBR_OK;
}

static dbr_status lenalign_align(void *state, dbr_job *job, const dbr_align_side *src,
                                 const dbr_align_side *tgt, dbr_sink *sink)
{
    lenalign_state *st = state;
    dbr_status s = lenalign_setup(st, job);
    if (s != DBR_OK)
        return s;
    la_run r;
    memset(&r, 0, sizeof r);
    r.pool = st->pool;
    r.ns = src->nblocks;
    r.nt = tgt->nblocks;
    int cjk_s, cjk_t;
    if (build_items(st, src, &r.src, &cjk_s) || build_items(st, tgt, &r.tgt, &cjk_t) ||
        fill_features(st, src, r.src, cjk_s, !cjk_s && !cjk_t, 0) ||
        fill_features(st, tgt, r.tgt, cjk_t, !cjk_s && !cjk_t, 1))
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    double ls = total_len(r.src, r.ns), lt = total_len(r.tgt, r.nt);
    default_params(&r.params, job->opts, ls > 0 && lt > 0 ? lt / ls : 1.0);
    r.para_params = r.params;
    r.use_structure = !dbr_options_get_bool(job->opts, "no-structure", 0);
    int rc = la_align_structure(&r);
    if (rc == 0 && !dbr_options_get_bool(job->opts, "single-pass", 0)) {
        reestimate(&r.params, &r);
        la_beads_free(&r.beads);
        rc = la_align_structure(&r);
    }
    if (rc != 0) {
        la_beads_free(&r.beads);
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory while aligning");
    }
    s = lenalign_emit(job, &r, src, tgt, cjk_s, cjk_t, sink);
    la_beads_free(&r.beads);
    return s;
}

static void lenalign_cleanup(void *state)
{
    lenalign_state *st = state;
    la_text_free(st->text);
    la_dict_free(st->dict);
    dbr_pool_free(st->pool);
}

static const dbr_aligner_ops LENALIGN_OPS = {
    .state_size = sizeof(lenalign_state),
    .align = lenalign_align,
    .cleanup = lenalign_cleanup,
};

static const dbr_option_spec LENALIGN_OPTIONS[] = {
    {"band", "N", "initial half-width of the alignment search band (default 40)"},
    {"anchor-weight", "X", "cost taken off per shared anchor (default 1.5)"},
    {"no-structure", NULL, "align sentences only, without section and paragraph anchors"},
    {"single-pass", NULL, "skip the second pass with re-estimated priors"},
    {NULL, NULL, NULL},
};

static const dbr_plugin LENALIGN_PLUGIN = {
    DBR_PLUGIN_HEADER,
    .name = "lenalign",
    .version = "1.0",
    .description = "sentence aligner: length (Gale-Church) plus lexical anchors, structure first",
    .aligner = &LENALIGN_OPS,
    .options = LENALIGN_OPTIONS,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &LENALIGN_PLUGIN; }
