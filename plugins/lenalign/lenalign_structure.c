/* lenalign_structure.c - structure first: numbered headings anchor the two documents
 * (section 5.3 with 5.3), paragraphs are aligned inside each stretch between anchors, then
 * sentences inside each aligned group of paragraphs. */
#include "lenalign.h"

#include <stdlib.h>
#include <string.h>

/* ---------- section anchors: longest common subsequence of section numbers ---------- */

typedef struct anchor_pair {
    size_t s, t;
} anchor_pair;

static size_t collect_sections(const la_item *it, size_t n, size_t *idx, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < cap; i++)
        if (it[i].heading && it[i].section)
            idx[k++] = i;
    return k;
}

#define LA_MAX_SECTIONS 2000

/* Fills pairs of headings with equal section numbers, in order on both sides. */
static size_t match_sections(const la_item *src, size_t ns, const la_item *tgt, size_t nt,
                             anchor_pair *out)
{
    size_t *a = dbr_malloc(LA_MAX_SECTIONS * sizeof *a);
    size_t *b = dbr_malloc(LA_MAX_SECTIONS * sizeof *b);
    size_t na = a ? collect_sections(src, ns, a, LA_MAX_SECTIONS) : 0;
    size_t nb = b ? collect_sections(tgt, nt, b, LA_MAX_SECTIONS) : 0;
    unsigned short *L = na && nb ? dbr_calloc((na + 1) * (nb + 1), sizeof *L) : NULL;
    size_t k = 0;
    if (L) {
        for (size_t i = na; i-- > 0;)
            for (size_t j = nb; j-- > 0;) {
                unsigned short *c = &L[i * (nb + 1) + j];
                if (!strcmp(src[a[i]].section, tgt[b[j]].section))
                    *c = (unsigned short)(L[(i + 1) * (nb + 1) + j + 1] + 1);
                else {
                    unsigned short r = L[(i + 1) * (nb + 1) + j], d = L[i * (nb + 1) + j + 1];
                    *c = r > d ? r : d;
                }
            }
        size_t i = 0, j = 0;
        while (i < na && j < nb) {
            if (!strcmp(src[a[i]].section, tgt[b[j]].section)) {
                out[k++] = (anchor_pair){a[i], b[j]};
                i++, j++;
            } else if (L[(i + 1) * (nb + 1) + j] >= L[i * (nb + 1) + j + 1])
                i++;
            else
                j++;
        }
    }
    dbr_free(L);
    dbr_free(a);
    dbr_free(b);
    return k;
}

/* ---------- paragraphs ---------- */

typedef struct para_set {
    la_item *items;   /* one per paragraph */
    size_t *first;    /* first sentence of paragraph p (relative to the stretch) */
    size_t n;
} para_set;

static int merge_keys(dbr_pool *pool, const la_item *s, size_t n, int hard, uint64_t **out,
                      size_t *nout)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += hard ? s[i].nhard : s[i].nkeys;
    *nout = 0;
    *out = NULL;
    if (!total)
        return 0;
    uint64_t *v = dbr_pool_alloc(pool, total * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < n; i++) {
        memcpy(v + *nout, hard ? s[i].hard : s[i].keys,
               (hard ? s[i].nhard : s[i].nkeys) * sizeof *v);
        *nout += hard ? s[i].nhard : s[i].nkeys;
    }
    qsort(v, *nout, sizeof *v, la_cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < *nout; i++)
        if (w == 0 || v[w - 1] != v[i])
            v[w++] = v[i];
    *nout = w;
    *out = v;
    return 0;
}

/* Groups sentences s[0..n) into paragraphs (a heading is always a paragraph of its own). */
static int build_paras(dbr_pool *pool, const la_item *s, size_t n, para_set *ps)
{
    ps->items = dbr_pool_alloc(pool, (n + 1) * sizeof *ps->items);
    ps->first = dbr_pool_alloc(pool, (n + 2) * sizeof *ps->first);
    ps->n = 0;
    if (!ps->items || !ps->first)
        return -1;
    for (size_t i = 0; i < n;) {
        size_t e = i + 1;
        while (e < n && !s[e].heading && !s[i].heading && s[e].para == s[i].para)
            e++;
        la_item *p = &ps->items[ps->n];
        memset(p, 0, sizeof *p);
        for (size_t k = i; k < e; k++)
            p->len += s[k].len;
        p->heading = s[i].heading;
        p->para = s[i].para;
        if (merge_keys(pool, s + i, e - i, 0, &p->keys, &p->nkeys) ||
            merge_keys(pool, s + i, e - i, 1, &p->hard, &p->nhard))
            return -1;
        ps->first[ps->n++] = i;
        i = e;
    }
    ps->first[ps->n] = n;
    return 0;
}

/* Paragraph alignment pays off only when both sides have comparable paragraphing. */
static int paras_comparable(size_t a, size_t b)
{
    if (a < 2 || b < 2)
        return 0;
    return a * 3 >= b * 2 && b * 3 >= a * 2;
}

static int align_stretch(la_run *r, size_t s0, size_t s1, size_t t0, size_t t1)
{
    const la_item *src = r->src + s0, *tgt = r->tgt + t0;
    size_t ns = s1 - s0, nt = t1 - t0;
    para_set ps, pt;
    if (ns && nt && build_paras(r->pool, src, ns, &ps) == 0 &&
        build_paras(r->pool, tgt, nt, &pt) == 0 && paras_comparable(ps.n, pt.n)) {
        la_beads pb = {0};
        if (la_dp_align(&r->para_params, ps.items, ps.n, pt.items, pt.n, 0, 0, &pb)) {
            la_beads_free(&pb);
            return -1;
        }
        for (size_t k = 0; k < pb.n; k++) {
            const la_bead *b = &pb.v[k];
            size_t a0 = ps.first[b->s], a1 = ps.first[b->s + (size_t)b->ns];
            size_t b0 = pt.first[b->t], b1 = pt.first[b->t + (size_t)b->nt];
            if (la_dp_align(&r->params, src + a0, a1 - a0, tgt + b0, b1 - b0, s0 + a0,
                            t0 + b0, &r->beads)) {
                la_beads_free(&pb);
                return -1;
            }
        }
        la_beads_free(&pb);
        return 0;
    }
    return la_dp_align(&r->params, src, ns, tgt, nt, s0, t0, &r->beads);
}

int la_align_structure(la_run *r)
{
    anchor_pair *anchors = dbr_malloc((LA_MAX_SECTIONS + 1) * sizeof *anchors);
    if (!anchors)
        return -1;
    size_t na = r->use_structure ? match_sections(r->src, r->ns, r->tgt, r->nt, anchors) : 0;
    size_t s = 0, t = 0;
    int rc = 0;
    for (size_t k = 0; k <= na && rc == 0; k++) {
        size_t s1 = k < na ? anchors[k].s : r->ns, t1 = k < na ? anchors[k].t : r->nt;
        rc = align_stretch(r, s, s1, t, t1);
        if (rc == 0 && k < na) {
            la_bead b = {.s = s1, .t = t1, .ns = 1, .nt = 1, .type = LA_B11};
            la_bead_cost(&r->params, &r->src[s1], 1, &r->tgt[t1], 1, LA_B11, &b.score);
            b.score = b.score < 0.9 ? 0.9 : b.score; /* matching section numbers */
            rc = la_beads_push(&r->beads, b);
        }
        s = s1 + 1;
        t = t1 + 1;
    }
    dbr_free(anchors);
    return rc;
}
