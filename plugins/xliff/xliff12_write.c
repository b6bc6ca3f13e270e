/* xliff12_write.c - the model into XLIFF 1.2: a document is a <file> (with <header> and
 * <body>), a unit a <trans-unit>, codes become g/x/bx/ex/ph/bpt/ept/it/mrk by kind, flags and
 * pairing (formats/xliff.md has the table). Properties with no 1.2 attribute go into a
 * <prop-group>, so nothing read from another format or XLIFF 2 is dropped.
 */
#include "xliff.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define W(call) do { if ((call) < 0) return -1; } while (0)

int xliff_is_seg_mark(const dbr_span *s)
{
    if (s->kind != DBR_SPAN_MARK_OPEN && s->kind != DBR_SPAN_MARK_CLOSE)
        return 0;
    return s->type && (!strcmp(s->type, "seg") || !strcmp(s->type, "ignorable")) &&
           (!s->origin || !strcmp(s->origin, "mrk") || !strcmp(s->origin, "segment") ||
            !strcmp(s->origin, "ignorable"));
}

static int start(xliff_writer *wr, const char *name)
{
    return xmlTextWriterStartElement(wr->w, BAD_CAST name) < 0 ? -1 : 0;
}

static int end(xliff_writer *wr)
{
    return xmlTextWriterEndElement(wr->w) < 0 ? -1 : 0;
}

/* An attribute met in a document read from XLIFF 2 (or kept there in metadata): its 1.2 name
 * on this element, or NULL when 1.2 has none (it then goes into the prop-group). */
static const char *attr_from_2(const char *el, const char *a)
{
    static const char *const FILE_ATTRS[] = {"tool-id", "date", "product-name",
        "product-version", "build-num", "category", "ts", "xml:space", NULL};
    static const char *const TU_ATTRS[] = {"translate", "approved", "restype", "resname",
        "datatype", "ts", "phase-name", "extradata", "help-id", "menu", "menu-option",
        "menu-name", "coord", "font", "css-style", "style", "exstyle", "extype", "maxbytes",
        "minbytes", "size-unit", "maxheight", "minheight", "maxwidth", "minwidth", "charclass",
        "reformat", "xml:space", NULL};
    if (!strcmp(a, "name") && el[0] == 't')
        return "resname";
    if (a[0] == '{')
        return a;
    const char *const *list = el[0] == 'f' ? FILE_ATTRS : TU_ATTRS;
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(list[i], a))
            return a;
    return NULL;
}

/* A 2.x attribute kept in a 1.2 prop-group (file id, translate) comes back as an "xliff:"
 * property of a 1.2 document: only 1.2's own <file> and <trans-unit> attributes may be
 * written as such. */
static int own_attr_12(const char *el, const char *a)
{
    if (!strcmp(el, "trans-unit"))
        return !strcmp(a, "id") || attr_from_2(el, a) == a;
    static const char *const OWN[] = {"original", "source-language", "target-language",
                                      "datatype", NULL};
    for (size_t i = 0; OWN[i]; i++)
        if (!strcmp(OWN[i], a))
            return 1;
    return attr_from_2("file", a) != NULL;
}

/* Which name a kept attribute is written under on a 1.2 element, or NULL when it belongs in
 * the prop-group (a 2.x attribute with no 1.2 equivalent, or one 1.2 does not allow here). */
static const char *map_attr_12(const xliff_writer *wr, const char *el, const char *a)
{
    if (!wr->same_family)
        return attr_from_2(el, a);
    if ((!strcmp(el, "file") || !strcmp(el, "trans-unit")) && !own_attr_12(el, a))
        return NULL;
    return a;
}

static int write_prop_group(xliff_writer *wr, const dbr_props *rest, int depth)
{
    if (!rest->count)
        return 0;
    W(xliff_w_nl(wr, depth));
    W(start(wr, "prop-group"));
    for (size_t i = 0; i < rest->count; i++) {
        W(xliff_w_nl(wr, depth + 1));
        W(start(wr, "prop"));
        W(xliff_w_attr(wr, "prop-type", rest->items[i].key));
        W(xliff_w_text(wr, rest->items[i].value));
        W(end(wr));
    }
    W(xliff_w_nl(wr, depth));
    return end(wr);
}

static int write_note(xliff_writer *wr, const dbr_note *n, const char *annotates, int depth)
{
    W(xliff_w_nl(wr, depth));
    W(start(wr, "note"));
    W(xliff_w_attr(wr, "xml:lang", n->lang));
    const char *from = dbr_props_get(&n->props, "from");
    if (!from && !wr->same_family)
        from = dbr_props_get(&n->props, "category");
    W(xliff_w_attr(wr, "from", from));
    W(xliff_w_attr(wr, "priority", dbr_props_get(&n->props, "priority")));
    const char *ann = dbr_props_get(&n->props, "annotates");
    if (!ann)
        ann = dbr_props_get(&n->props, "appliesTo");
    W(xliff_w_attr(wr, "annotates", ann ? ann : annotates));
    for (size_t i = 0; i < n->props.count; i++)
        if (n->props.items[i].key[0] == 'x' && !strncmp(n->props.items[i].key, "xliff:{", 7))
            W(xliff_w_attr(wr, n->props.items[i].key + 6, n->props.items[i].value));
    W(xliff_w_text(wr, n->text));
    return end(wr);
}

static int write_notes(xliff_writer *wr, const dbr_notes *notes, const char *annotates, int depth)
{
    for (size_t i = 0; i < notes->count; i++)
        W(write_note(wr, &notes->items[i], annotates, depth));
    return 0;
}

/* ---------------- document ---------------- */

static int write_root(xliff_writer *wr)
{
    W(xmlTextWriterStartDocument(wr->w, "1.0", "UTF-8", NULL));
    W(start(wr, "xliff"));
    W(xliff_w_attr(wr, "version", "1.2"));
    W(xliff_w_attr(wr, "xmlns", XLIFF12_NS));
    wr->root_open = 1;
    return 0;
}

static const char *doc_target_lang(const dbr_doc *d, const char *src)
{
    for (size_t i = 0; i < d->nlangs; i++)
        if (!src || strcasecmp(d->langs[i], src) != 0)
            return d->langs[i];
    return NULL;
}

int xliff12_w_begin_doc(xliff_writer *wr, const dbr_doc *d)
{
    if (!wr->root_open)
        W(write_root(wr));
    wr->src_lang = d->lang ? d->lang : (d->nlangs ? d->langs[0] : NULL);
    wr->trg_lang = doc_target_lang(d, wr->src_lang);
    W(xliff_w_nl(wr, 1));
    W(start(wr, "file"));
    const char *original = dbr_props_get(&d->props, "xliff:original");
    if (!original)
        original = d->prov.source_path ? d->prov.source_path : (d->title ? d->title : "docbridge");
    const char *datatype = dbr_props_get(&d->props, "xliff:datatype");
    W(xliff_w_attr(wr, "original", original));
    W(xliff_w_attr(wr, "source-language", wr->src_lang ? wr->src_lang : "und"));
    W(xliff_w_attr(wr, "target-language", wr->trg_lang));
    W(xliff_w_attr(wr, "datatype", datatype ? datatype : "plaintext"));
    static const char *const SKIP[] = {"original", "datatype", "source-language",
                                       "target-language", NULL};
    dbr_props rest;
    memset(&rest, 0, sizeof rest);
    W(xliff_w_attr_props(wr, "file", &d->props, SKIP, &rest, map_attr_12));
    /* the model's date is the file's date unless the file kept its own */
    int has_date = dbr_props_get(&d->props, "xliff:date") != NULL;
    if (!has_date && d->date) {
        /* 1.2's date is an xs:dateTime; the model's date may be a plain ISO day. */
        const char *date = strchr(d->date, 'T') ? d->date
                                                : dbr_pool_printf(wr->pool, "%sT00:00:00Z", d->date);
        W(xliff_w_attr(wr, "date", date));
    }
    W(xliff_doc_fields_to_props(wr, d, 1, &rest));
    int has_header = rest.count || d->notes.count || dbr_props_get(&d->props, XLIFF_P_XML) ||
                     dbr_props_get(&d->props, XLIFF_P_EXT) || dbr_props_get(&d->props, "xliff:mda");
    if (has_header) {
        W(xliff_w_nl(wr, 2));
        W(start(wr, "header"));
        W(xliff_w_fragments(wr, &d->props, 1, 3));
        W(write_notes(wr, &d->notes, NULL, 3));
        W(write_prop_group(wr, &rest, 3));
        W(xliff_w_fragments(wr, &d->props, 0, 3));
        W(xliff_w_nl(wr, 2));
        W(end(wr));
    }
    W(xliff_w_nl(wr, 2));
    return start(wr, "body");
}

int xliff12_w_end_doc(xliff_writer *wr)
{
    W(xliff_w_nl(wr, 2));
    W(end(wr)); /* body */
    W(xliff_w_nl(wr, 1));
    return end(wr); /* file */
}

/* ---------------- inline codes ---------------- */

typedef enum seg_mode { SEG_KEEP = 0, SEG_DROP } seg_mode;

static const char *ctype_of(xliff_writer *wr, const dbr_span *s)
{
    if (wr->same_family)
        return s->type;
    return xliff_ctype_fit(wr->pool,
                         xliff_type_to_ctype(wr->pool, s->type, dbr_props_get(&s->attrs, "subType")),
                         s->kind == DBR_SPAN_PLACEHOLDER);
}

static const char *mtype_of(xliff_writer *wr, const dbr_span *s)
{
    const char *t = s->type;
    if (!t)
        return s->origin && !strcmp(s->origin, "hi") ? "x-hi" : "x-docbridge";
    if (wr->same_family || !strcmp(t, "seg") || !strcmp(t, "term") || !strncmp(t, "x-", 2))
        return t;
    if (!strncmp(t, "xlf12:", 6))
        return t + 6;
    return dbr_pool_printf(wr->pool, "x-%s", t);
}

/* Span attributes, written as is when they came from XLIFF 1.2. */
static int code_attrs(xliff_writer *wr, const dbr_span *s, const char *const *skip)
{
    if (!wr->same_family) {
        const char *eq = dbr_props_get(&s->attrs, "equiv");
        if (eq && s->kind == DBR_SPAN_PLACEHOLDER)
            W(xliff_w_attr(wr, "equiv-text", eq));
        return 0;
    }
    for (size_t i = 0; i < s->attrs.count; i++) {
        const char *k = s->attrs.items[i].key;
        int skipped = !strcmp(k, XLIFF_P_INNER);
        for (size_t j = 0; skip && skip[j]; j++)
            if (!strcmp(skip[j], k))
                skipped = 1;
        if (!skipped)
            W(xliff_w_attr(wr, k, s->attrs.items[i].value));
    }
    return 0;
}

/* id/rid: a pair read with rid keeps its own id in attrs "id". */
static int code_ids(xliff_writer *wr, const dbr_span *s, const char *id)
{
    const char *own = wr->same_family ? dbr_props_get(&s->attrs, "id") : NULL;
    if (own) {
        W(xliff_w_attr(wr, "id", own));
        return xliff_w_attr(wr, "rid", id);
    }
    return xliff_w_attr(wr, "id", id);
}

static int code_data(xliff_writer *wr, const dbr_span *s)
{
    const char *inner = wr->same_family ? dbr_props_get(&s->attrs, XLIFF_P_INNER) : NULL;
    if (inner)
        return xmlTextWriterWriteRaw(wr->w, BAD_CAST inner) < 0 ? -1 : 0;
    return s->text ? xliff_w_text(wr, s->text) : 0;
}

static int has_data(const dbr_span *s)
{
    return s->text && s->text[0];
}

static int origin_is(const dbr_span *s, const char *o)
{
    return s->origin && !strcmp(s->origin, o);
}

static const char *const SKIP_ID[] = {"id", "ctype", NULL};

static int write_open(xliff_writer *wr, const dbr_rich *r, const xliff_pairs *p, size_t i)
{
    const dbr_span *s = &r->spans[i];
    int partner = p->partner[i];
    const char *ctype = ctype_of(wr, s);
    if ((s->flags & DBR_SPAN_ISOLATED) || partner < 0) {
        W(start(wr, "it"));
        W(xliff_w_attr(wr, "id", p->ids[i]));
        W(xliff_w_attr(wr, "pos", "open"));
        W(xliff_w_attr(wr, "ctype", ctype));
        W(code_attrs(wr, s, SKIP_ID));
        W(code_data(wr, s));
        return end(wr);
    }
    const dbr_span *c = &r->spans[partner];
    int as_g = p->nested[i] && !has_data(s) && !has_data(c) && xliff_wellformed(s);
    const char *el = as_g ? "g" : (has_data(s) || has_data(c) || origin_is(s, "bpt")) ? "bpt"
                                                                                     : "bx";
    W(start(wr, el));
    W(code_ids(wr, s, p->ids[i]));
    W(xliff_w_attr(wr, "ctype", ctype));
    W(code_attrs(wr, s, SKIP_ID));
    if (el[1] == 'p')
        W(code_data(wr, s));
    return as_g ? 0 : end(wr); /* a <g> stays open until its close */
}

static int write_close(xliff_writer *wr, const dbr_rich *r, const xliff_pairs *p, size_t i)
{
    const dbr_span *s = &r->spans[i];
    int partner = p->partner[i];
    if ((s->flags & DBR_SPAN_ISOLATED) || partner < 0) {
        W(start(wr, "it"));
        W(xliff_w_attr(wr, "id", p->ids[i]));
        W(xliff_w_attr(wr, "pos", "close"));
        W(xliff_w_attr(wr, "ctype", ctype_of(wr, s)));
        W(code_attrs(wr, s, SKIP_ID));
        W(code_data(wr, s));
        return end(wr);
    }
    const dbr_span *o = &r->spans[partner];
    int as_g = p->nested[i] && !has_data(s) && !has_data(o) && xliff_wellformed(o);
    if (as_g)
        return end(wr);
    const char *el = (has_data(s) || has_data(o) || origin_is(o, "bpt")) ? "ept" : "ex";
    W(start(wr, el));
    W(code_ids(wr, s, p->ids[i]));
    W(code_attrs(wr, s, SKIP_ID));
    if (el[1] == 'p')
        W(code_data(wr, s));
    return end(wr);
}

static int write_placeholder(xliff_writer *wr, const dbr_span *s, const char *id)
{
    int as_x = origin_is(s, "x") ||
               (!has_data(s) && (!wr->same_family || !origin_is(s, "ph")) &&
                !dbr_props_get(&s->attrs, XLIFF_P_INNER));
    W(start(wr, as_x ? "x" : "ph"));
    W(xliff_w_attr(wr, "id", id));
    W(xliff_w_attr(wr, "ctype", ctype_of(wr, s)));
    W(code_attrs(wr, s, SKIP_ID));
    if (!as_x)
        W(code_data(wr, s));
    return end(wr);
}

static int write_mark(xliff_writer *wr, const dbr_rich *r, const xliff_pairs *p, size_t i,
                      seg_mode mode)
{
    static const char *const SKIP_MRK[] = {"mid", "mtype", NULL};
    const dbr_span *s = &r->spans[i];
    if (!p->nested[i] || (mode == SEG_DROP && xliff_is_seg_mark(s)) ||
        (s->type && !strcmp(s->type, "ignorable")))
        return 0; /* 1.2 has no split marks; an ignorable is text between segments */
    if (s->kind == DBR_SPAN_MARK_CLOSE)
        return end(wr);
    W(start(wr, "mrk"));
    W(xliff_w_attr(wr, "mtype", mtype_of(wr, s)));
    /* XLIFF 1.2 ties a mid in a target to a seg-source mrk: an id another version required
     * (2.x mrk ids) is left out of a target there */
    const char *mid = xliff_is_seg_mark(s) ? p->ids[i] : s->id;
    if (!wr->same_family && !xliff_is_seg_mark(s) && wr->in_target)
        mid = NULL;
    W(xliff_w_attr(wr, "mid", mid));
    return code_attrs(wr, s, SKIP_MRK);
}

static int write_rich(xliff_writer *wr, const dbr_rich *r, seg_mode mode)
{
    xliff_pairs p;
    if (xliff_pairs_compute(wr->pool, r, &p) != 0)
        return -1;
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *s = &r->spans[i];
        switch (s->kind) {
        case DBR_SPAN_TEXT: W(xliff_w_text(wr, s->text)); break;
        case DBR_SPAN_OPEN: W(write_open(wr, r, &p, i)); break;
        case DBR_SPAN_CLOSE: W(write_close(wr, r, &p, i)); break;
        case DBR_SPAN_PLACEHOLDER: W(write_placeholder(wr, s, p.ids[i])); break;
        default: W(write_mark(wr, r, &p, i, mode)); break;
        }
    }
    return 0;
}

static int has_seg_marks(const dbr_rich *r)
{
    for (size_t i = 0; i < r->count; i++)
        if (xliff_is_seg_mark(&r->spans[i]))
            return 1;
    return 0;
}

/* ---------------- units ---------------- */


/* A 1.2 attribute of <source>/<target> met in a document from another version or format. */
static int var_attr_12(const char *el, const char *a)
{
    static const char *const TARGET[] = {"state-qualifier", "phase-name", "resname", "coord",
                                         "font", "css-style", "style", "exstyle", "equiv-trans",
                                         "ts", NULL};
    if (strcmp(el, "target") != 0)
        return !strcmp(a, "ts");
    for (size_t i = 0; TARGET[i]; i++)
        if (!strcmp(TARGET[i], a))
            return 1;
    return 0;
}

/* Variant properties: attributes where 1.2 has one; the others (TMX tuv properties, 2.x
 * target attributes) go to the unit's prop-group as "source:KEY" / "target:KEY", which the
 * reader moves back onto the variant. side is NULL for variants that keep only attributes. */
static int variant_props(xliff_writer *wr, const char *el, const dbr_variant *v,
                         const char *side, dbr_props *rest)
{
    for (size_t i = 0; i < v->props.count; i++) {
        const char *key = v->props.items[i].key, *val = v->props.items[i].value;
        if (xliff_is_special_key(key))
            continue;
        const char *a = xliff_key_attr(key);
        if (a && (!strcmp(a, "xml:lang") || !strcmp(a, "state")))
            continue;
        if (a && (wr->same_family || var_attr_12(el, a)))
            W(xliff_w_attr(wr, a, val));
        else if (side && rest &&
                 dbr_props_add(wr->pool, rest, dbr_pool_printf(wr->pool, "%s:%s", side, key),
                               val) != 0)
            return -1;
    }
    return 0;
}

static int write_variant(xliff_writer *wr, const char *el, const dbr_variant *v,
                         const char *file_lang, seg_mode mode, int depth, dbr_props *rest)
{
    W(xliff_w_nl(wr, depth));
    W(start(wr, el));
    if (v->lang && (!file_lang || strcasecmp(v->lang, file_lang) != 0))
        W(xliff_w_attr(wr, "xml:lang", v->lang));
    if (!strcmp(el, "target")) {
        const char *state = v->state;
        if (!wr->same_family)
            state = xliff_state_to_12(v->state, dbr_props_get(&v->props, "xliff:subState"));
        W(xliff_w_attr(wr, "state", state));
    }
    const char *side = !strcmp(el, "target") ? "target" : !strcmp(el, "source") ? "source" : NULL;
    W(variant_props(wr, el, v, side, rest));
    wr->in_target = !strcmp(el, "target");
    W(write_rich(wr, &v->text, mode));
    wr->in_target = 0;
    return end(wr);
}

static const dbr_variant *find_role(const dbr_unit *u, const char *role, const char *alt)
{
    for (size_t i = 0; i < u->nvariants; i++) {
        const char *r = dbr_props_get(&u->variants[i].props, XLIFF_P_ROLE);
        const char *a = dbr_props_get(&u->variants[i].props, XLIFF_P_ALT);
        if (r && !strcmp(r, role) && (!alt || (a && !strcmp(a, alt))))
            return &u->variants[i];
    }
    return NULL;
}

static int write_alt_trans(xliff_writer *wr, const dbr_unit *u, int depth)
{
    for (long n = 1;; n++) {
        char num[24];
        snprintf(num, sizeof num, "%ld", n);
        const dbr_variant *t = find_role(u, "alt-target", num);
        if (!t)
            return 0;
        W(xliff_w_nl(wr, depth));
        W(start(wr, "alt-trans"));
        size_t plen = strlen(XLIFF_P_ALT_ATTR);
        for (size_t i = 0; i < t->props.count; i++)
            if (!strncmp(t->props.items[i].key, XLIFF_P_ALT_ATTR, plen))
                W(xliff_w_attr(wr, t->props.items[i].key + plen, t->props.items[i].value));
        const dbr_variant *s = find_role(u, "alt-source", num);
        const dbr_variant *ss = find_role(u, "alt-seg-source", num);
        if (s)
            W(write_variant(wr, "source", s, wr->src_lang, SEG_KEEP, depth + 1, NULL));
        if (ss)
            W(write_variant(wr, "seg-source", ss, wr->src_lang, SEG_KEEP, depth + 1, NULL));
        W(write_variant(wr, "target", t, wr->trg_lang, SEG_KEEP, depth + 1, NULL));
        W(write_notes(wr, &t->notes, NULL, depth + 1));
        W(xliff_w_fragments(wr, &t->props, 1, depth + 1));
        W(xliff_w_fragments(wr, &t->props, 0, depth + 1));
        W(xliff_w_nl(wr, depth));
        W(end(wr));
    }
}

static int write_unit_attrs(xliff_writer *wr, const dbr_unit *u, dbr_props *rest)
{
    const char *id = u->id;
    if (!id)
        id = dbr_pool_printf(wr->pool, "%ld", wr->nunits);
    W(xliff_w_attr(wr, "id", id));
    static const char *const SKIP[] = {"id", NULL};
    return xliff_w_attr_props(wr, "trans-unit", &u->props, SKIP, rest, map_attr_12);
}

int xliff12_w_unit(xliff_writer *wr, const dbr_unit *u)
{
    int depth = 3 + 0;
    W(xliff_w_groups(wr, u, 3));
    depth = 3 + wr->ngroups;
    const dbr_variant *src, *tgt;
    xliff_pick_variants(wr, u, &src, &tgt);
    W(xliff_w_nl(wr, depth));
    W(start(wr, "trans-unit"));
    dbr_props rest;
    memset(&rest, 0, sizeof rest);
    W(write_unit_attrs(wr, u, &rest));
    dbr_variant empty;
    memset(&empty, 0, sizeof empty);
    if (!src)
        src = &empty;
    int segmented = has_seg_marks(&src->text);
    W(write_variant(wr, "source", src, wr->src_lang, segmented ? SEG_DROP : SEG_KEEP, depth + 1,
                      &rest));
    const dbr_variant *seg = find_role(u, "seg-source", NULL);
    if (segmented)
        W(write_variant(wr, "seg-source", src, wr->src_lang, SEG_KEEP, depth + 1, NULL));
    else if (seg)
        W(write_variant(wr, "seg-source", seg, wr->src_lang, SEG_KEEP, depth + 1, NULL));
    if (tgt)
        W(write_variant(wr, "target", tgt, wr->trg_lang, SEG_KEEP, depth + 1, &rest));
    W(xliff_w_fragments(wr, &u->props, 1, depth + 1));
    W(write_prop_group(wr, &rest, depth + 1));
    W(write_notes(wr, &u->notes, NULL, depth + 1));
    if (src != &empty)
        W(write_notes(wr, &src->notes, "source", depth + 1));
    if (tgt)
        W(write_notes(wr, &tgt->notes, "target", depth + 1));
    W(write_alt_trans(wr, u, depth + 1));
    W(xliff_w_fragments(wr, &u->props, 0, depth + 1));
    W(xliff_w_nl(wr, depth));
    return end(wr);
}
