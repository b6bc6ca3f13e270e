/* xliff2_write.c - the model into XLIFF 2.0/2.1: a document is a <file>, a unit a <unit> with
 * one <segment> (or several, and <ignorable>s, when its source carries segment marks or it
 * came from a 1.2 <seg-source>), codes become pc/ph/sc/ec/mrk/sm/em with their native data in
 * <originalData>. Properties with no 2.x attribute go into the metadata module
 * (<mda:metaGroup category="docbridge">), so they come back out.
 */
#include "xliff.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define W(call) do { if ((call) < 0) return -1; } while (0)

static int start(xliff_writer *wr, const char *name)
{
    return xmlTextWriterStartElement(wr->w, BAD_CAST name) < 0 ? -1 : 0;
}

static int end(xliff_writer *wr)
{
    return xmlTextWriterEndElement(wr->w) < 0 ? -1 : 0;
}

/* An attribute met in a document read from XLIFF 1.2 (or kept there in a prop-group): its 2.x
 * name on this element, or NULL when 2.x has none (it then goes into metadata). */
static const char *attr_from_12(const char *el, const char *a)
{
    static const char *const FILE_ATTRS[] = {"id", "canResegment", "translate", "srcDir",
                                             "trgDir", "xml:space", NULL};
    static const char *const UNIT_ATTRS[] = {"name", "canResegment", "translate", "srcDir",
                                             "trgDir", "type", "xml:space", NULL};
    if (!strcmp(a, "resname") && el[0] == 'u')
        return "name";
    if (a[0] == '{')
        return a;
    const char *const *list = el[0] == 'f' ? FILE_ATTRS : UNIT_ATTRS;
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(list[i], a))
            return a;
    return NULL;
}

/* A 1.2 attribute kept in 2.x metadata (datatype, tool-id, approved) comes back as an
 * "xliff:" property of a 2.x document: only 2.x's own <file> and <unit> attributes may be
 * written as such. */
static int own_attr_2(const char *el, const char *a)
{
    if (!strcmp(el, "unit"))
        return !strcmp(a, "id") || attr_from_12(el, a) == a;
    return !strcmp(a, "original") || attr_from_12(el, a) != NULL;
}

/* Which name a kept attribute is written under on a 2.x element, or NULL when it goes to the
 * metadata (a 1.2 attribute with no 2.x equivalent, or one 2.x does not allow here). */
static const char *map_attr_2(const xliff_writer *wr, const char *el, const char *a)
{
    if (!wr->same_family)
        return attr_from_12(el, a);
    if ((!strcmp(el, "file") || !strcmp(el, "unit")) && !own_attr_2(el, a))
        return NULL;
    return a;
}

/* <mda:metadata>: our metaGroup for properties without a 2.x attribute, then metaGroups
 * read from an XLIFF 2 source. */
static int write_metadata(xliff_writer *wr, const dbr_props *rest, const dbr_props *all, int depth)
{
    int others = dbr_props_get(all, "xliff:mda") != NULL;
    if (!rest->count && !others)
        return 0;
    W(xliff_w_nl(wr, depth));
    W(xmlTextWriterStartElementNS(wr->w, BAD_CAST "mda", BAD_CAST "metadata",
                                  BAD_CAST XLIFF_MDA_NS));
    if (rest->count) {
        W(xliff_w_nl(wr, depth + 1));
        W(xmlTextWriterStartElementNS(wr->w, BAD_CAST "mda", BAD_CAST "metaGroup", NULL));
        W(xliff_w_attr(wr, "category", XLIFF_META_CATEGORY));
        for (size_t i = 0; i < rest->count; i++) {
            W(xliff_w_nl(wr, depth + 2));
            W(xmlTextWriterStartElementNS(wr->w, BAD_CAST "mda", BAD_CAST "meta", NULL));
            W(xliff_w_attr(wr, "type", rest->items[i].key));
            W(xliff_w_plain_text(wr, rest->items[i].value));
            W(end(wr));
        }
        W(xliff_w_nl(wr, depth + 1));
        W(end(wr));
    }
    W(xliff_w_raw_props(wr, all, "xliff:mda", depth + 1));
    W(xliff_w_nl(wr, depth));
    return end(wr);
}

static int write_note(xliff_writer *wr, const dbr_note *n, const char *applies, int depth)
{
    W(xliff_w_nl(wr, depth));
    W(start(wr, "note"));
    const char *id = dbr_props_get(&n->props, "id");
    W(xliff_w_attr(wr, "id", id && xliff_is_nmtoken(id) ? id : NULL));
    const char *ap = dbr_props_get(&n->props, "appliesTo");
    const char *ann = dbr_props_get(&n->props, "annotates");
    if (!ap && ann && (!strcmp(ann, "source") || !strcmp(ann, "target")))
        ap = ann;
    W(xliff_w_attr(wr, "appliesTo", ap ? ap : applies));
    const char *cat = dbr_props_get(&n->props, "category");
    W(xliff_w_attr(wr, "category", cat ? cat : dbr_props_get(&n->props, "from")));
    W(xliff_w_attr(wr, "priority", dbr_props_get(&n->props, "priority")));
    for (size_t i = 0; i < n->props.count; i++)
        if (!strncmp(n->props.items[i].key, "xliff:{", 7))
            W(xliff_w_attr(wr, n->props.items[i].key + 6, n->props.items[i].value));
    W(xliff_w_plain_text(wr, n->text));
    return end(wr);
}

static int write_notes(xliff_writer *wr, const dbr_notes *const *lists, const char *const *applies,
                       size_t nlists, int depth)
{
    size_t total = 0;
    for (size_t k = 0; k < nlists; k++)
        total += lists[k] ? lists[k]->count : 0;
    if (!total)
        return 0;
    W(xliff_w_nl(wr, depth));
    W(start(wr, "notes"));
    for (size_t k = 0; k < nlists; k++)
        for (size_t i = 0; lists[k] && i < lists[k]->count; i++)
            W(write_note(wr, &lists[k]->items[i], applies[k], depth + 1));
    W(xliff_w_nl(wr, depth));
    return end(wr);
}

/* ---------------- document ---------------- */

static const char *doc_target_lang(const dbr_doc *d, const char *src)
{
    for (size_t i = 0; i < d->nlangs; i++)
        if (!src || strcasecmp(d->langs[i], src) != 0)
            return d->langs[i];
    return NULL;
}

static int write_root(xliff_writer *wr, const dbr_doc *d)
{
    const char *src = d->lang ? d->lang : (d->nlangs ? d->langs[0] : NULL);
    const char *tgt = doc_target_lang(d, src);
    wr->root_src = dbr_strdup(src ? src : "und");
    wr->root_trg = tgt ? dbr_strdup(tgt) : NULL;
    if (!wr->root_src || (tgt && !wr->root_trg))
        return -1;
    wr->src_lang = wr->root_src;
    wr->trg_lang = wr->root_trg;
    W(xmlTextWriterStartDocument(wr->w, "1.0", "UTF-8", NULL));
    W(start(wr, "xliff"));
    W(xliff_w_attr(wr, "xmlns", XLIFF2_NS));
    W(xliff_w_attr(wr, "version", wr->version));
    W(xliff_w_attr(wr, "srcLang", wr->src_lang));
    W(xliff_w_attr(wr, "trgLang", wr->trg_lang));
    wr->root_open = 1;
    return 0;
}

/* XLIFF 2 names one language pair for the whole file. */
static int check_langs(xliff_writer *wr, const dbr_doc *d)
{
    const char *src = d->lang ? d->lang : (d->nlangs ? d->langs[0] : NULL);
    const char *tgt = doc_target_lang(d, src);
    if ((src && strcasecmp(src, wr->src_lang) != 0) ||
        (tgt && wr->trg_lang && strcasecmp(tgt, wr->trg_lang) != 0)) {
        dbr_error_set(wr->job->err, DBR_FAILED,
                      "document %ld is %s -> %s but this XLIFF 2 file is %s -> %s: XLIFF 2 "
                      "holds one language pair per file (write one output per input with -d)",
                      wr->ndocs, src ? src : "?", tgt ? tgt : "?", wr->src_lang,
                      wr->trg_lang ? wr->trg_lang : "?");
        return -1;
    }
    return 0;
}

int xliff2_w_begin_doc(xliff_writer *wr, const dbr_doc *d)
{
    if (!wr->root_open)
        W(write_root(wr, d));
    else
        W(check_langs(wr, d));
    W(xliff_w_nl(wr, 1));
    W(start(wr, "file"));
    const char *id = wr->same_family ? dbr_props_get(&d->props, "xliff:id") : NULL;
    W(xliff_w_attr(wr, "id", id ? id : dbr_pool_printf(wr->dpool, "f%ld", wr->ndocs)));
    const char *orig = dbr_props_get(&d->props, "xliff:original");
    W(xliff_w_attr(wr, "original", orig ? orig : d->prov.source_path));
    static const char *const SKIP[] = {"id", "original", NULL};
    dbr_props rest;
    memset(&rest, 0, sizeof rest);
    dbr_pool_reset(wr->pool);
    W(xliff_w_attr_props(wr, "file", &d->props, SKIP, &rest, map_attr_2));
    W(xliff_doc_fields_to_props(wr, d, dbr_props_get(&d->props, "xliff:date") != NULL, &rest));
    W(xliff_w_fragments(wr, &d->props, 1, 2));
    W(xliff_w_fragments(wr, &d->props, 0, 2));
    W(write_metadata(wr, &rest, &d->props, 2));
    const dbr_notes *lists[1] = {&d->notes};
    const char *applies[1] = {NULL};
    return write_notes(wr, lists, applies, 1, 2);
}

int xliff2_w_end_doc(xliff_writer *wr)
{
    W(xliff_w_nl(wr, 1));
    return end(wr);
}

/* ---------------- original data ---------------- */

typedef struct data_table {
    const char **ids;  /* per span of the text: the data id it references, or NULL */
    const char **end_ids; /* per span: dataRefEnd of a pc (on its opening span) */
} data_table;

typedef struct unit_data {
    dbr_props map;     /* id -> data, in order */
    data_table src, tgt;
    long next;
} unit_data;

static const char *data_id_for(xliff_writer *wr, unit_data *ud, const char *want, const char *text)
{
    /* the same data under the same id once; another text never reuses an id */
    if (want && xliff_is_nmtoken(want)) {
        const char *have = dbr_props_get(&ud->map, want);
        if (have && !strcmp(have, text))
            return want;
        if (!have)
            return dbr_props_add(wr->pool, &ud->map, want, text) == 0
                       ? ud->map.items[ud->map.count - 1].key : NULL;
    }
    for (size_t i = 0; i < ud->map.count; i++)
        if (!strcmp(ud->map.items[i].value, text) && !strncmp(ud->map.items[i].key, "d", 1))
            return ud->map.items[i].key;
    for (;;) {
        const char *id = dbr_pool_printf(wr->pool, "d%ld", ++ud->next);
        if (!dbr_props_get(&ud->map, id))
            return dbr_props_add(wr->pool, &ud->map, id, text) == 0
                       ? ud->map.items[ud->map.count - 1].key : NULL;
    }
}

static int collect_data(xliff_writer *wr, unit_data *ud, const dbr_rich *r, data_table *t,
                        const xliff_pairs *p)
{
    size_t n = r->count ? r->count : 1;
    t->ids = dbr_pool_alloc(wr->pool, n * sizeof *t->ids);
    t->end_ids = dbr_pool_alloc(wr->pool, n * sizeof *t->end_ids);
    if (!t->ids || !t->end_ids)
        return -1;
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *s = &r->spans[i];
        if (s->kind == DBR_SPAN_TEXT || s->kind == DBR_SPAN_MARK_OPEN ||
            s->kind == DBR_SPAN_MARK_CLOSE || !s->text)
            continue;
        const char *want = NULL;
        if (wr->same_family) {
            want = dbr_props_get(&s->attrs, "dataRef");
            if (!want)
                want = dbr_props_get(&s->attrs, s->kind == DBR_SPAN_CLOSE ? "dataRefEnd"
                                                                          : "dataRefStart");
        }
        t->ids[i] = data_id_for(wr, ud, want, s->text);
        if (!t->ids[i])
            return -1;
        if (s->kind == DBR_SPAN_CLOSE && p->partner[i] >= 0)
            t->end_ids[p->partner[i]] = t->ids[i];
    }
    return 0;
}

static int write_original_data(xliff_writer *wr, const unit_data *ud, int depth)
{
    if (!ud->map.count)
        return 0;
    W(xliff_w_nl(wr, depth));
    W(start(wr, "originalData"));
    for (size_t i = 0; i < ud->map.count; i++) {
        W(xliff_w_nl(wr, depth + 1));
        W(start(wr, "data"));
        W(xliff_w_attr(wr, "id", ud->map.items[i].key));
        W(xliff_w_text(wr, ud->map.items[i].value));
        W(end(wr));
    }
    W(xliff_w_nl(wr, depth));
    return end(wr);
}

/* ---------------- inline codes ---------------- */

static const char *const DATA_ATTRS[] = {"dataRef", "dataRefStart", "dataRefEnd", "isolated",
                                         "startRef", "id", "subType", "type", NULL};

static int code_attrs(xliff_writer *wr, const dbr_span *s)
{
    if (!wr->same_family)
        return 0;
    for (size_t i = 0; i < s->attrs.count; i++) {
        const char *k = s->attrs.items[i].key;
        int skipped = 0;
        for (size_t j = 0; DATA_ATTRS[j]; j++)
            if (!strcmp(DATA_ATTRS[j], k))
                skipped = 1;
        if (!skipped)
            W(xliff_w_attr(wr, k, s->attrs.items[i].value));
    }
    return 0;
}

static int code_type(xliff_writer *wr, const dbr_span *s)
{
    const char *type, *sub;
    if (wr->same_family) {
        type = s->type;
        sub = dbr_props_get(&s->attrs, "subType");
    } else
        xliff_ctype_to_2(wr->pool, s->type, &type, &sub);
    W(xliff_w_attr(wr, "type", type));
    return xliff_w_attr(wr, "subType", type ? sub : NULL);
}

static const char *mrk_type(xliff_writer *wr, const dbr_span *s)
{
    const char *t = s->type;
    if (!t || wr->same_family)
        return t;
    if (!strcmp(t, "generic") || !strcmp(t, "comment") || !strcmp(t, "term"))
        return t;
    if (!strcmp(t, "x-generic") || !strcmp(t, "x-comment")) /* as the 1.2 writer puts them */
        return t + 2;
    if (strchr(t, ':'))
        return t;
    return dbr_pool_printf(wr->pool, "xlf12:%s", xliff_nmtoken(wr->pool, t));
}

static int origin_is(const dbr_span *s, const char *o)
{
    return s->origin && !strcmp(s->origin, o);
}

static int write_span(xliff_writer *wr, const dbr_rich *r, const xliff_pairs *p,
                      const data_table *t, size_t i)
{
    const dbr_span *s = &r->spans[i];
    const char *id = xliff_nmtoken(wr->pool, p->ids[i]);
    int partner = p->partner[i];
    int iso = (s->flags & DBR_SPAN_ISOLATED) || partner < 0;
    switch (s->kind) {
    case DBR_SPAN_TEXT:
        return xliff_w_text(wr, s->text);
    case DBR_SPAN_PLACEHOLDER:
        W(start(wr, "ph"));
        W(xliff_w_attr(wr, "id", id));
        W(xliff_w_attr(wr, "dataRef", t->ids[i]));
        W(code_type(wr, s));
        W(code_attrs(wr, s));
        return end(wr);
    case DBR_SPAN_OPEN:
        if (!iso && p->nested[i] && xliff_wellformed(s)) {
            W(start(wr, "pc"));
            W(xliff_w_attr(wr, "id", id));
            W(xliff_w_attr(wr, "dataRefStart", t->ids[i]));
            W(xliff_w_attr(wr, "dataRefEnd", t->end_ids[i]));
            W(code_type(wr, s));
            return code_attrs(wr, s);
        }
        W(start(wr, "sc"));
        W(xliff_w_attr(wr, "id", id));
        W(xliff_w_attr(wr, "dataRef", t->ids[i]));
        W(xliff_w_attr(wr, "isolated", iso ? "yes" : NULL));
        W(code_type(wr, s));
        W(code_attrs(wr, s));
        return end(wr);
    case DBR_SPAN_CLOSE:
        if (!iso && p->nested[i] && xliff_wellformed(&r->spans[partner]))
            return end(wr);
        W(start(wr, "ec"));
        if (iso) {
            W(xliff_w_attr(wr, "id", id));
            W(xliff_w_attr(wr, "isolated", "yes"));
        } else
            W(xliff_w_attr(wr, "startRef", id));
        W(xliff_w_attr(wr, "dataRef", t->ids[i]));
        if (iso)
            W(code_type(wr, s));
        W(code_attrs(wr, s));
        return end(wr);
    case DBR_SPAN_MARK_OPEN:
        if (partner < 0 && !p->nested[i]) {
            W(start(wr, "sm"));
            W(xliff_w_attr(wr, "id", id));
            W(xliff_w_attr(wr, "type", mrk_type(wr, s)));
            W(code_attrs(wr, s));
            return end(wr);
        }
        if (p->nested[i] && !origin_is(s, "sm")) {
            W(start(wr, "mrk"));
            W(xliff_w_attr(wr, "id", id));
            W(xliff_w_attr(wr, "type", mrk_type(wr, s)));
            return code_attrs(wr, s);
        }
        W(start(wr, "sm"));
        W(xliff_w_attr(wr, "id", id));
        W(xliff_w_attr(wr, "type", mrk_type(wr, s)));
        W(code_attrs(wr, s));
        return end(wr);
    case DBR_SPAN_MARK_CLOSE:
        if (partner >= 0 && p->nested[i] && !origin_is(&r->spans[partner], "sm"))
            return end(wr);
        if (partner < 0)
            return 0; /* an end without a start: nothing to refer to */
        W(start(wr, "em"));
        W(xliff_w_attr(wr, "startRef", xliff_nmtoken(wr->pool, p->ids[partner])));
        return end(wr);
    }
    return 0;
}

static int write_range(xliff_writer *wr, const dbr_rich *r, const xliff_pairs *p,
                       const data_table *t, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        W(write_span(wr, r, p, t, i));
    return 0;
}

/* ---------------- segments ---------------- */

/* A piece of a segmented text: a segment or ignorable mark's content, or text between marks
 * (an ignorable). */
typedef struct piece {
    size_t from, to;     /* content spans [from, to) */
    int mark;            /* index of the opening mark, -1 for text between marks */
    int ignorable;
} piece;

static int split(xliff_writer *wr, const dbr_rich *r, const xliff_pairs *p, piece **out,
                 size_t *n)
{
    piece *ps = dbr_pool_alloc(wr->pool, (r->count * 2 + 2) * sizeof *ps);
    if (!ps)
        return -1;
    size_t k = 0, gap = 0, i = 0;
    while (i < r->count) {
        const dbr_span *s = &r->spans[i];
        if (s->kind == DBR_SPAN_MARK_OPEN && xliff_is_seg_mark(s) && p->nested[i] &&
            p->partner[i] > (int)i) {
            if (i > gap)
                ps[k++] = (piece){gap, i, -1, 1};
            size_t close = (size_t)p->partner[i];
            ps[k++] = (piece){i + 1, close, (int)i, !strcmp(s->type, "ignorable")};
            i = close + 1;
            gap = i;
            continue;
        }
        i++;
    }
    if (r->count > gap || k == 0) {
        int between = k > 0;
        ps[k++] = (piece){gap, r->count, -1, between};
    }
    *out = ps;
    *n = k;
    return 0;
}

static int is_segmented(const dbr_rich *r)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->spans[i].kind == DBR_SPAN_MARK_OPEN && xliff_is_seg_mark(&r->spans[i]))
            return 1;
    return 0;
}

typedef struct side {
    const dbr_rich *text;
    xliff_pairs p;
    piece *pieces;
    size_t n;
    data_table *t;
} side;

/* The target piece for source piece k: same mark id, else the same ordinal among pieces of the
 * same kind. */
static const piece *match_piece(const side *src, size_t k, const side *tgt)
{
    const piece *sp = &src->pieces[k];
    const char *id = sp->mark >= 0 ? src->text->spans[sp->mark].id : NULL;
    if (id)
        for (size_t j = 0; j < tgt->n; j++) {
            const piece *tp = &tgt->pieces[j];
            if (tp->mark >= 0 && tgt->text->spans[tp->mark].id &&
                !strcmp(tgt->text->spans[tp->mark].id, id))
                return tp;
        }
    size_t ord = 0;
    for (size_t j = 0; j < k; j++)
        if (src->pieces[j].ignorable == sp->ignorable)
            ord++;
    for (size_t j = 0; j < tgt->n; j++)
        if (tgt->pieces[j].ignorable == sp->ignorable && ord-- == 0) {
            const piece *tp = &tgt->pieces[j];
            if (tp->mark >= 0 && id && tgt->text->spans[tp->mark].id)
                return NULL; /* it has an id of its own: not this one */
            return tp;
        }
    return NULL;
}

static int segment_attrs(xliff_writer *wr, const dbr_unit *u, const dbr_variant *state_var,
                         const dbr_span *mark, const char *mark_id)
{
    if (mark && wr->same_family) {
        W(xliff_w_attr(wr, "id", mark_id));
        for (size_t i = 0; i < mark->attrs.count; i++)
            W(xliff_w_attr(wr, mark->attrs.items[i].key, mark->attrs.items[i].value));
        return 0;
    }
    if (mark)
        W(xliff_w_attr(wr, "id", mark_id ? xliff_nmtoken(wr->pool, mark_id) : NULL));
    else {
        const char *sid = dbr_props_get(&u->props, XLIFF_P_SEG "id");
        W(xliff_w_attr(wr, "id", sid));
        size_t plen = strlen(XLIFF_P_SEG);
        for (size_t i = 0; i < u->props.count; i++)
            if (!strncmp(u->props.items[i].key, XLIFF_P_SEG, plen) &&
                strcmp(u->props.items[i].key + plen, "id") != 0)
                W(xliff_w_attr(wr, u->props.items[i].key + plen, u->props.items[i].value));
    }
    if (!state_var || !state_var->state)
        return 0;
    const char *sub = dbr_props_get(&state_var->props, "xliff:subState");
    const char *state = state_var->state;
    if (!wr->same_family || !xliff_is_state2(state)) {
        const char *s12;
        state = xliff_state_to_2(state_var->state, &s12);
        if (s12 && !sub)
            sub = dbr_pool_printf(wr->pool, "xlf12:%s", xliff_nmtoken(wr->pool, s12));
    }
    W(xliff_w_attr(wr, "state", state));
    return xliff_w_attr(wr, "subState", sub);
}

/* The attributes XLIFF 2 allows on <target>; any other kept attribute (a 1.2 state-qualifier
 * read back from metadata) goes to the unit's metadata again, or the file would not validate. */
static int target_attr_2(const char *a)
{
    return a && (!strcmp(a, "xml:space") || !strcmp(a, "xml:lang") || !strcmp(a, "order"));
}

static int target_attrs(xliff_writer *wr, const dbr_variant *tgt, const dbr_span *mark)
{
    if (tgt->lang && wr->trg_lang && strcasecmp(tgt->lang, wr->trg_lang) != 0)
        W(xliff_w_attr(wr, "xml:lang", tgt->lang));
    if (!wr->same_family)
        return 0;
    if (mark) {
        for (size_t i = 0; i < mark->attrs.count; i++)
            W(xliff_w_attr(wr, mark->attrs.items[i].key, mark->attrs.items[i].value));
        return 0;
    }
    for (size_t i = 0; i < tgt->props.count; i++) {
        const char *a = xliff_key_attr(tgt->props.items[i].key);
        if (target_attr_2(a))
            W(xliff_w_attr(wr, a, tgt->props.items[i].value));
    }
    return 0;
}

static int write_piece(xliff_writer *wr, const dbr_unit *u, const side *src, size_t k,
                       const side *tgt, const dbr_variant *tv, int depth)
{
    const piece *sp = &src->pieces[k];
    const dbr_span *mark = sp->mark >= 0 ? &src->text->spans[sp->mark] : NULL;
    const piece *tp = tgt ? match_piece(src, k, tgt) : NULL;
    W(xliff_w_nl(wr, depth));
    W(start(wr, sp->ignorable ? "ignorable" : "segment"));
    if (sp->ignorable) {
        if (mark && mark->id)
            W(xliff_w_attr(wr, "id", xliff_nmtoken(wr->pool, mark->id)));
    } else
        W(segment_attrs(wr, u, tv ? tv : &u->variants[0], mark,
                        mark ? mark->id : NULL));
    W(xliff_w_nl(wr, depth + 1));
    W(start(wr, "source"));
    const dbr_variant *sv = &u->variants[0];
    if (sv->lang && strcasecmp(sv->lang, wr->src_lang) != 0)
        W(xliff_w_attr(wr, "xml:lang", sv->lang));
    W(write_range(wr, src->text, &src->p, src->t, sp->from, sp->to));
    W(end(wr));
    if (tp) {
        W(xliff_w_nl(wr, depth + 1));
        W(start(wr, "target"));
        W(target_attrs(wr, tv, tp->mark >= 0 ? &tgt->text->spans[tp->mark] : NULL));
        W(write_range(wr, tgt->text, &tgt->p, tgt->t, tp->from, tp->to));
        W(end(wr));
    }
    W(xliff_w_nl(wr, depth));
    return end(wr);
}

/* Variant properties XLIFF 2 has no attribute for (TMX tuv properties, 1.2 target attributes
 * such as state-qualifier) go to the unit's metadata as "source:KEY" / "target:KEY"; the
 * reader moves them back onto the variant. A same-version target's attributes are written on
 * <target> (target_attrs). */
static int side_props(xliff_writer *wr, const dbr_variant *v, const char *which, int is_target,
                      dbr_props *rest)
{
    for (size_t i = 0; i < v->props.count; i++) {
        const char *key = v->props.items[i].key;
        if (xliff_is_special_key(key) ||
            (is_target && wr->same_family && target_attr_2(xliff_key_attr(key))))
            continue;
        if (dbr_props_add(wr->pool, rest, dbr_pool_printf(wr->pool, "%s:%s", which, key),
                          v->props.items[i].value) != 0)
            return -1;
    }
    return 0;
}

static const dbr_variant *seg_source(const dbr_unit *u)
{
    for (size_t i = 0; i < u->nvariants; i++) {
        const char *r = dbr_props_get(&u->variants[i].props, XLIFF_P_ROLE);
        if (r && !strcmp(r, "seg-source"))
            return &u->variants[i];
    }
    return NULL;
}

static int prepare_side(xliff_writer *wr, side *sd, const dbr_rich *text, data_table *t,
                        unit_data *ud)
{
    sd->text = text;
    sd->t = t;
    if (xliff_pairs_compute(wr->pool, text, &sd->p) != 0 ||
        collect_data(wr, ud, text, t, &sd->p) != 0)
        return -1;
    if (is_segmented(text))
        return split(wr, text, &sd->p, &sd->pieces, &sd->n);
    sd->pieces = dbr_pool_alloc(wr->pool, sizeof *sd->pieces);
    if (!sd->pieces)
        return -1;
    sd->pieces[0] = (piece){0, text->count, -1, 0};
    sd->n = 1;
    return 0;
}

int xliff2_w_unit(xliff_writer *wr, const dbr_unit *u)
{
    W(xliff_w_groups(wr, u, 2));
    int depth = 2 + wr->ngroups;
    const dbr_variant *src, *tgt;
    xliff_pick_variants(wr, u, &src, &tgt);
    dbr_variant empty;
    memset(&empty, 0, sizeof empty);
    dbr_unit one = *u;
    if (!src) {
        one.variants = &empty;
        one.nvariants = 1;
        src = &empty;
    }
    W(xliff_w_nl(wr, depth));
    W(start(wr, "unit"));
    const char *id = xliff_nmtoken(wr->pool, u->id ? u->id
                                                   : dbr_pool_printf(wr->pool, "u%ld", wr->nunits));
    W(xliff_w_attr(wr, "id", id));
    static const char *const SKIP[] = {"id", NULL};
    dbr_props rest;
    memset(&rest, 0, sizeof rest);
    /* 2.x ids are NMTOKENs: an id that had to change (a PO msgctxt with a space) keeps its
     * original in the metadata, and the reader restores it */
    if (u->id && id && strcmp(id, u->id) != 0)
        W(dbr_props_add(wr->pool, &rest, XLIFF_P_ORIGINAL_ID, u->id));
    W(xliff_w_attr_props(wr, "unit", &u->props, SKIP, &rest, map_attr_2));
    W(side_props(wr, src, "source", 0, &rest));
    if (tgt)
        W(side_props(wr, tgt, "target", 1, &rest));
    W(xliff_w_fragments(wr, &u->props, 1, depth + 1));
    W(xliff_w_fragments(wr, &u->props, 0, depth + 1));
    W(write_metadata(wr, &rest, &u->props, depth + 1));
    const dbr_notes *lists[3] = {&u->notes, &src->notes, tgt ? &tgt->notes : NULL};
    const char *applies[3] = {NULL, "source", "target"};
    W(write_notes(wr, lists, applies, 3, depth + 1));
    /* a 1.2 seg-source holds the segmentation when the source itself has none */
    const dbr_rich *stext = &src->text;
    const dbr_variant *ss = seg_source(u);
    if (ss && !is_segmented(stext))
        stext = &ss->text;
    unit_data ud;
    memset(&ud, 0, sizeof ud);
    side s, t;
    memset(&s, 0, sizeof s);
    memset(&t, 0, sizeof t);
    W(prepare_side(wr, &s, stext, &ud.src, &ud));
    if (tgt)
        W(prepare_side(wr, &t, &tgt->text, &ud.tgt, &ud));
    W(write_original_data(wr, &ud, depth + 1));
    for (size_t k = 0; k < s.n; k++)
        W(write_piece(wr, &one, &s, k, tgt ? &t : NULL, tgt, depth + 1));
    W(xliff_w_nl(wr, depth));
    return end(wr);
}
