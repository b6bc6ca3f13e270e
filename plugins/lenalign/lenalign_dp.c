/* lenalign_dp.c - the banded Gale-Church dynamic programme.
 *
 * Cost of a bead = -log prior(type) - log P(length difference) - anchors shared + hard anchors
 * left without a partner. The search runs in a band around a guide path (first the diagonal,
 * then the path found), widening the band when the best path touches its edge, so time and
 * memory stay proportional to n * band rather than n * m. Only backpointers (one byte a cell)
 * are kept for the whole band; costs live in a ring of four rows.
 */
#include "lenalign.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const int LA_BEAD_DI[LA_NBEADS] = {1, 1, 0, 2, 1, 2, 1, 3};
const int LA_BEAD_DJ[LA_NBEADS] = {1, 0, 1, 1, 2, 2, 3, 1};
const char *const LA_BEAD_NAME[LA_NBEADS] = {"1-1", "1-0", "0-1", "2-1",
                                             "1-2", "2-2", "1-3", "3-1"};

int la_beads_push(la_beads *b, la_bead bead)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        la_bead *v = dbr_realloc(b->v, cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = bead;
    return 0;
}

void la_beads_free(la_beads *b)
{
    dbr_free(b->v);
    b->v = NULL;
    b->n = b->cap = 0;
}

/* ---------- anchors of a bead ---------- */

#define LA_KEYCAP 512

/* Sorted union of the keys of up to three items into buf; returns the count. */
static size_t union_keys(const la_item *it, int n, int hard, uint64_t *buf)
{
    size_t k = 0;
    for (int a = 0; a < n; a++) {
        const uint64_t *v = hard ? it[a].hard : it[a].keys;
        size_t nv = hard ? it[a].nhard : it[a].nkeys;
        for (size_t i = 0; i < nv && k < LA_KEYCAP; i++)
            buf[k++] = v[i];
    }
    if (n > 1) {
        /* insertion sort: the lists are short and mostly sorted already */
        for (size_t i = 1; i < k; i++) {
            uint64_t x = buf[i];
            size_t j = i;
            while (j > 0 && buf[j - 1] > x) {
                buf[j] = buf[j - 1];
                j--;
            }
            buf[j] = x;
        }
        size_t w = 0;
        for (size_t i = 0; i < k; i++)
            if (w == 0 || buf[w - 1] != buf[i])
                buf[w++] = buf[i];
        k = w;
    }
    return k;
}

static size_t count_common(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            c++;
            i++;
            j++;
        }
    }
    return c;
}

static void anchor_counts(const la_item *src, int ns, const la_item *tgt, int nt, size_t *hits,
                          size_t *misses)
{
    uint64_t ks[LA_KEYCAP], kt[LA_KEYCAP], hs[LA_KEYCAP], ht[LA_KEYCAP];
    size_t nks = union_keys(src, ns, 0, ks), nkt = union_keys(tgt, nt, 0, kt);
    *hits = nks && nkt ? count_common(ks, nks, kt, nkt) : 0;
    size_t nhs = union_keys(src, ns, 1, hs), nht = union_keys(tgt, nt, 1, ht);
    *misses = (nhs - count_common(hs, nhs, kt, nkt)) + (nht - count_common(ht, nht, ks, nks));
}

/* ---------- cost of a bead ---------- */

double la_bead_cost(const la_params *p, const la_item *src, int ns, const la_item *tgt, int nt,
                    int type, double *score)
{
    double ls = 0, lt = 0;
    int hs = 0, ht = 0;
    for (int a = 0; a < ns; a++) {
        ls += src[a].len;
        hs += src[a].heading;
    }
    for (int b = 0; b < nt; b++) {
        lt += tgt[b].len;
        ht += tgt[b].heading;
    }
    /* Headings and titles are never merged with anything. */
    if ((hs && ns > 1) || (ht && nt > 1))
        return DBL_MAX;
    double t = lt / p->ratio;
    double mean = (ls + t) / 2;
    double delta = (t - ls) / sqrt(p->var * (mean > 1 ? mean : 1));
    double plen = erfc(fabs(delta) * 0.70710678118654752);
    if (plen < 1e-12)
        plen = 1e-12;
    double cost = -log(p->prior[type]) - log(plen);
    size_t hits = 0, misses = 0;
    if (ns && nt) {
        anchor_counts(src, ns, tgt, nt, &hits, &misses);
        cost += p->anchor_miss * (double)misses - p->anchor_hit * (double)hits;
        if (hs != ht)
            cost += p->heading_mix;
    }
    if (score) {
        double s = ns && nt ? plen + 0.15 * (double)hits - 0.25 * (double)misses : 0.0;
        *score = s < 0 ? 0 : (s > 1 ? 1 : s);
    }
    return cost;
}

/* ---------- the band ---------- */

typedef struct band {
    size_t n, m;
    size_t *lo, *hi;      /* row i spans columns lo[i]..hi[i] */
    size_t *off;          /* first cell of row i in bp */
    unsigned char *bp;    /* bead type of the best path into each cell, 255 = none */
    size_t width;         /* widest row */
} band;

static void band_free(band *b)
{
    dbr_free(b->lo);
    dbr_free(b->hi);
    dbr_free(b->off);
    dbr_free(b->bp);
    memset(b, 0, sizeof *b);
}

/* Rows around guide[i] +- w, made monotone and connected. */
static int band_build(band *b, size_t n, size_t m, const size_t *guide, size_t w)
{
    b->n = n;
    b->m = m;
    b->lo = dbr_calloc(n + 1, sizeof *b->lo);
    b->hi = dbr_calloc(n + 1, sizeof *b->hi);
    b->off = dbr_calloc(n + 2, sizeof *b->off);
    if (!b->lo || !b->hi || !b->off)
        return -1;
    for (size_t i = 0; i <= n; i++) {
        size_t g = guide[i];
        b->lo[i] = g > w ? g - w : 0;
        b->hi[i] = g + w < m ? g + w : m;
    }
    b->lo[0] = 0;
    b->hi[n] = m;
    for (size_t i = 1; i <= n; i++) {
        if (b->lo[i] < b->lo[i - 1])
            b->lo[i] = b->lo[i - 1];
        if (b->lo[i] > b->hi[i - 1])
            b->lo[i] = b->hi[i - 1];
    }
    for (size_t i = n; i-- > 0;)
        if (b->hi[i] > b->hi[i + 1])
            b->hi[i] = b->hi[i + 1];
    b->width = 0;
    for (size_t i = 0; i <= n; i++) {
        if (b->hi[i] < b->lo[i])
            b->hi[i] = b->lo[i];
        size_t wd = b->hi[i] - b->lo[i] + 1;
        if (wd > b->width)
            b->width = wd;
        b->off[i + 1] = b->off[i] + wd;
    }
    b->bp = dbr_malloc(b->off[n + 1]);
    return b->bp ? 0 : -1;
}

static int in_band(const band *b, size_t i, size_t j) { return j >= b->lo[i] && j <= b->hi[i]; }

/* Fills bp over the band. 0 ok, -1 OOM. */
static int band_fill(band *b, const la_params *p, const la_item *src, const la_item *tgt)
{
    double *ring = dbr_malloc(4 * b->width * sizeof *ring);
    if (!ring)
        return -1;
    for (size_t i = 0; i <= b->n; i++) {
        double *row = ring + (i % 4) * b->width;
        for (size_t j = b->lo[i]; j <= b->hi[i]; j++) {
            double best = (i == 0 && j == 0) ? 0 : DBL_MAX;
            unsigned char arg = 255;
            for (int k = 0; k < LA_NBEADS; k++) {
                size_t di = (size_t)LA_BEAD_DI[k], dj = (size_t)LA_BEAD_DJ[k];
                if (di > i || dj > j || !in_band(b, i - di, j - dj))
                    continue;
                double prev = ring[((i - di) % 4) * b->width + (j - dj - b->lo[i - di])];
                if (prev == DBL_MAX)
                    continue;
                double c = la_bead_cost(p, src + (i - di), (int)di, tgt + (j - dj), (int)dj, k,
                                        NULL);
                if (c == DBL_MAX)
                    continue;
                if (prev + c < best) {
                    best = prev + c;
                    arg = (unsigned char)k;
                }
            }
            row[j - b->lo[i]] = best;
            b->bp[b->off[i] + (j - b->lo[i])] = arg;
        }
    }
    dbr_free(ring);
    return 0;
}

/* Follows backpointers from (n, m); fills the path's beads (in order) and whether it touched
 * the band's edge. Returns the number of beads, or -1 when (n, m) is unreachable. */
static long band_trace(const band *b, la_bead *beads, size_t *guide, int *touched)
{
    size_t i = b->n, j = b->m;
    long k = 0;
    *touched = 0;
    for (size_t r = 0; r <= b->n; r++)
        guide[r] = (size_t)-1;
    while (i > 0 || j > 0) {
        unsigned char t = b->bp[b->off[i] + (j - b->lo[i])];
        if (t == 255)
            return -1;
        if ((j == b->lo[i] && b->lo[i] > 0 && i > 0) || (j == b->hi[i] && b->hi[i] < b->m))
            *touched = 1;
        if (guide[i] == (size_t)-1 || j < guide[i])
            guide[i] = j;
        size_t di = (size_t)LA_BEAD_DI[t], dj = (size_t)LA_BEAD_DJ[t];
        beads[k++] = (la_bead){.s = i - di, .t = j - dj, .ns = (int)di, .nt = (int)dj,
                               .type = t};
        i -= di;
        j -= dj;
    }
    guide[0] = 0;
    for (size_t r = 1; r <= b->n; r++)
        if (guide[r] == (size_t)-1)
            guide[r] = guide[r - 1];
    for (long a = 0, z = k - 1; a < z; a++, z--) {
        la_bead tmp = beads[a];
        beads[a] = beads[z];
        beads[z] = tmp;
    }
    return k;
}

int la_dp_align(const la_params *p, const la_item *src, size_t ns, const la_item *tgt,
                size_t nt, size_t s_off, size_t t_off, la_beads *out)
{
    if (ns == 0 || nt == 0) {
        for (size_t i = 0; i < ns; i++)
            if (la_beads_push(out, (la_bead){.s = s_off + i, .ns = 1, .t = t_off,
                                             .type = LA_B10}))
                return -1;
        for (size_t j = 0; j < nt; j++)
            if (la_beads_push(out, (la_bead){.s = s_off, .t = t_off + j, .nt = 1,
                                             .type = LA_B01}))
                return -1;
        return 0;
    }
    size_t *guide = dbr_malloc((ns + 1) * sizeof *guide);
    la_bead *path = dbr_malloc((ns + nt + 1) * sizeof *path);
    if (!guide || !path) {
        dbr_free(guide);
        dbr_free(path);
        return -1;
    }
    for (size_t i = 0; i <= ns; i++)
        guide[i] = (size_t)((double)i * (double)nt / (double)ns + 0.5);
    size_t diff = ns > nt ? ns - nt : nt - ns;
    size_t w = (size_t)(p->band > 4 ? p->band : 4) + diff / 4;
    long nb = -1;
    int rc = 0;
    for (;;) {
        band b = {0};
        int touched = 0;
        if (band_build(&b, ns, nt, guide, w) || band_fill(&b, p, src, tgt)) {
            band_free(&b);
            rc = -1;
            break;
        }
        nb = band_trace(&b, path, guide, &touched);
        band_free(&b);
        /* A path along the band's edge may be cut off by it: search again around that path
         * with a wider band, until the band covers everything. */
        if (nb >= 0 && !touched)
            break;
        if (w >= ns + nt)
            break;
        w *= 2;
    }
    for (long k = 0; rc == 0 && k < nb; k++) {
        la_bead bd = path[k];
        la_bead_cost(p, src + bd.s, bd.ns, tgt + bd.t, bd.nt, bd.type, &bd.score);
        bd.s += s_off;
        bd.t += t_off;
        if (la_beads_push(out, bd))
            rc = -1;
    }
    dbr_free(guide);
    dbr_free(path);
    return nb < 0 ? -1 : rc;
}
