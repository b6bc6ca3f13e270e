/* tmx_write_inline.c - a rich text as <seg> content: text, and each span as the TMX element
 * that fits it (formats/tmx.md, "Writing codes from other formats").
 *
 * A span keeps its TMX element when it came from TMX (span.origin) and the element still fits;
 * otherwise the kind decides: a paired OPEN/CLOSE (same id, both in this segment) becomes
 * bpt/ept, an unpaired or isolated one it, a placeholder ph, a well-nested mark hi. This is
 * what makes XLIFF 1.2 g/bx/ex/x and XLIFF 2 pc/sc/ec/ph valid TMX.
 */
#include "tmx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tmx_seg_plan {
    const dbr_rich *r;
    long *partner;   /* OPEN <-> CLOSE index in this segment, -1 when unpaired */
    char *mark_ok;   /* MARK_OPEN/CLOSE that nest well (written as hi) */
    long next_auto;  /* next generated i for pairs without an id */
    const char **auto_id;
} tmx_seg_plan;

static int tmx_same_id(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int tmx_is_isolated(const dbr_span *s) { return (s->flags & DBR_SPAN_ISOLATED) != 0; }

static void tmx_pair_codes(tmx_seg_plan *pl)
{
    const dbr_rich *r = pl->r;
    for (size_t k = 0; k < r->count; k++) {
        const dbr_span *o = &r->spans[k];
        if (o->kind != DBR_SPAN_OPEN || tmx_is_isolated(o))
            continue;
        for (size_t j = k + 1; j < r->count; j++) {
            const dbr_span *c = &r->spans[j];
            if (c->kind == DBR_SPAN_CLOSE && !tmx_is_isolated(c) && pl->partner[j] < 0 &&
                tmx_same_id(o->id, c->id)) {
                pl->partner[k] = (long)j;
                pl->partner[j] = (long)k;
                break;
            }
        }
    }
}

/* Marks become <hi> only when they nest; a crossing or unclosed mark is written as <it>. */
static int tmx_nest_marks(tmx_seg_plan *pl, dbr_pool *pool)
{
    const dbr_rich *r = pl->r;
    size_t *stack = dbr_pool_alloc(pool, (r->count + 1) * sizeof *stack);
    size_t depth = 0;
    if (!stack)
        return -1;
    for (size_t k = 0; k < r->count; k++) {
        const dbr_span *s = &r->spans[k];
        if (s->kind == DBR_SPAN_MARK_OPEN)
            stack[depth++] = k;
        else if (s->kind == DBR_SPAN_MARK_CLOSE && depth &&
                 tmx_same_id(r->spans[stack[depth - 1]].id, s->id)) {
            pl->mark_ok[stack[--depth]] = 1;
            pl->mark_ok[k] = 1;
        }
    }
    return 0;
}

static long tmx_max_numeric_id(const dbr_rich *r)
{
    long max = 0;
    for (size_t k = 0; k < r->count; k++) {
        const char *id = r->spans[k].id;
        char *end;
        long v = id ? strtol(id, &end, 10) : 0;
        if (id && *id && !*end && v > max)
            max = v;
    }
    return max;
}

static int tmx_plan(tmx_seg_plan *pl, const dbr_rich *r, dbr_pool *pool)
{
    pl->r = r;
    pl->partner = dbr_pool_alloc(pool, (r->count + 1) * sizeof *pl->partner);
    pl->mark_ok = dbr_pool_alloc(pool, r->count + 1);
    pl->auto_id = dbr_pool_alloc(pool, (r->count + 1) * sizeof *pl->auto_id);
    if (!pl->partner || !pl->mark_ok || !pl->auto_id)
        return -1;
    for (size_t k = 0; k < r->count; k++)
        pl->partner[k] = -1;
    pl->next_auto = tmx_max_numeric_id(r) + 1;
    tmx_pair_codes(pl);
    return tmx_nest_marks(pl, pool);
}

/* The i of a bpt/ept pair: its id, or a number made up once for both ends. */
static const char *tmx_pair_id(tmx_seg_plan *pl, size_t k, dbr_pool *pool)
{
    const dbr_span *s = &pl->r->spans[k];
    if (s->id)
        return s->id;
    size_t first = pl->partner[k] >= 0 && (size_t)pl->partner[k] < k ? (size_t)pl->partner[k] : k;
    if (!pl->auto_id[first])
        pl->auto_id[first] = dbr_pool_printf(pool, "%ld", pl->next_auto++);
    return pl->auto_id[first];
}

static const char *tmx_element_for(const tmx_seg_plan *pl, size_t k)
{
    const dbr_span *s = &pl->r->spans[k];
    switch (s->kind) {
    case DBR_SPAN_OPEN: return pl->partner[k] >= 0 ? "bpt" : "it";
    case DBR_SPAN_CLOSE: return pl->partner[k] >= 0 ? "ept" : "it";
    case DBR_SPAN_PLACEHOLDER: return s->origin && !strcmp(s->origin, "ut") ? "ut" : "ph";
    case DBR_SPAN_MARK_OPEN:
    case DBR_SPAN_MARK_CLOSE: return pl->mark_ok[k] ? "hi" : "it";
    default: return NULL;
    }
}

/* The attributes the DTD gives the element beyond id, pos and type: x on bpt, assoc on ph.
 * Only these: XLIFF 1.2 and 2 name codes bpt/ept/it/ph too, with attributes (rid, dataRef,
 * equiv...) TMX has no place for, and the output must stay valid. */
static int tmx_span_extra_attrs(tmx_writer *wr, const dbr_span *s, const char *elem)
{
    const char *name = !strcmp(elem, "bpt") ? "x" : !strcmp(elem, "ph") ? "assoc" : NULL;
    return name ? tmx_write_attr(wr, name, dbr_props_get(&s->attrs, name)) : 0;
}

static int tmx_code_attrs(tmx_writer *wr, tmx_seg_plan *pl, size_t k, const char *elem)
{
    const dbr_span *s = &pl->r->spans[k];
    int same_origin = s->origin && !strcmp(s->origin, elem);
    int is_pair = !strcmp(elem, "bpt") || !strcmp(elem, "ept");
    if (!strcmp(elem, "it")) {
        int begin = s->kind == DBR_SPAN_OPEN || s->kind == DBR_SPAN_MARK_OPEN;
        if (tmx_write_attr(wr, "pos", begin ? "begin" : "end"))
            return -1;
    }
    if (tmx_write_attr(wr, is_pair ? "i" : "x", is_pair ? tmx_pair_id(pl, k, wr->scratch) : s->id))
        return -1;
    if (same_origin && tmx_span_extra_attrs(wr, s, elem))
        return -1;
    int typed = strcmp(elem, "ept") != 0 && strcmp(elem, "ut") != 0; /* as in the DTD */
    return typed ? tmx_write_attr(wr, "type", s->type) : 0;
}

static int tmx_code_content(tmx_writer *wr, const dbr_span *s, const char *elem)
{
    const char *xml = s->origin && !strcmp(s->origin, elem)
                          ? dbr_props_get(&s->attrs, TMX_KEY_SUBXML) : NULL;
    if (xml && tmx_subxml_matches(xml, s->text))
        return xmlTextWriterWriteRaw(wr->w, BAD_CAST xml) < 0 ? -1 : 0;
    if (s->text && *s->text)
        return tmx_write_text(wr, s->text, 0);
    return 0;
}

static int tmx_write_span(tmx_writer *wr, tmx_seg_plan *pl, size_t k)
{
    const dbr_span *s = &pl->r->spans[k];
    if (s->kind == DBR_SPAN_TEXT)
        return s->text ? tmx_write_text(wr, s->text, 1) : 0;
    const char *elem = tmx_element_for(pl, k);
    if (!elem)
        return 0;
    if (!strcmp(elem, "hi") && s->kind == DBR_SPAN_MARK_CLOSE)
        return xmlTextWriterEndElement(wr->w) < 0 ? -1 : 0;
    if (xmlTextWriterStartElement(wr->w, BAD_CAST elem) < 0 || tmx_code_attrs(wr, pl, k, elem))
        return -1;
    if (!strcmp(elem, "hi"))
        return 0; /* stays open until its MARK_CLOSE */
    if (tmx_code_content(wr, s, elem))
        return -1;
    return xmlTextWriterEndElement(wr->w) < 0 ? -1 : 0;
}

dbr_status tmx_write_rich(tmx_writer *wr, const dbr_rich *r)
{
    tmx_seg_plan pl;
    if (tmx_plan(&pl, r, wr->scratch))
        return dbr_job_fail(wr->job, DBR_FAILED, 0, 0, -1, "out of memory");
    for (size_t k = 0; k < r->count; k++)
        if (tmx_write_span(wr, &pl, k))
            return DBR_FAILED;
    return DBR_OK;
}
