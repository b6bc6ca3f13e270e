/* xliff2_read.c - XLIFF 2.0/2.1 elements into the model: <file> is a document, <unit> a unit
 * whose source and target variants hold all its segments and ignorables (wrapped in "seg" /
 * "ignorable" marks when there is more than one segment or any ignorable), inline pc/ph/sc/ec/
 * mrk/sm/em as code spans carrying their <data> as span text. Module and extension elements are
 * kept as XML in properties; the docbridge metaGroup of the metadata module becomes properties.
 */
#include "xliff.h"

#include <stdio.h>
#include <string.h>

static const char *const SKIP_NONE[] = {NULL};
static const char *const SKIP_ID[] = {"id", NULL};
static const char *const SKIP_LANG[] = {DBR_XML_NS "|lang", NULL};

static void file_start(xliff_reader *r, const char **attrs)
{
    dbr_pool_reset(r->dpool);
    dbr_doc_init(&r->doc);
    r->in_file = 1;
    r->doc_sent = 0;
    r->file_units = 0;
    r->group_count = 0;
    r->raw_pool = r->dpool;
    r->note_pool = r->dpool;
    r->doc.lang = dbr_pool_strdup(r->dpool, r->src_lang);
    if (dbr_doc_add_lang(r->dpool, &r->doc, r->src_lang) != 0 ||
        dbr_doc_add_lang(r->dpool, &r->doc, r->trg_lang) != 0 ||
        dbr_props_add(r->dpool, &r->doc.props, XLIFF_P_VERSION, r->version) != 0) {
        xliff_oom(r);
        return;
    }
    xliff_attrs_to_props(r, r->dpool, &r->doc.props, attrs, SKIP_NONE);
}

/* <mda:metadata>: a metaGroup of category "docbridge" holds properties that have no XLIFF 2
 * attribute (written by our writer); any other metaGroup is kept whole as XML. */
static int meta_start(xliff_reader *r, const char *local, const char *name, const char **attrs,
                      dbr_props *dest, dbr_pool *pool)
{
    if (!dbr_xml_in_ns(name, XLIFF_MDA_NS))
        return 0;
    if (!strcmp(local, "metadata") && !r->in_meta) {
        r->in_meta = 1;
        r->meta_dest = dest;
        r->raw_pool = pool;
        return 1;
    }
    if (!r->in_meta)
        return 0;
    if (!strcmp(local, "metaGroup") && !r->meta_docbridge) {
        const char *cat = xliff_attr(attrs, "category");
        if (cat && !strcmp(cat, XLIFF_META_CATEGORY)) {
            r->meta_docbridge = 1;
            return 1;
        }
        xliff_begin_raw(r, name, attrs, dest, "xliff:mda");
        r->raw_pool = pool;
        return 1;
    }
    if (!strcmp(local, "meta") && r->meta_docbridge) {
        r->meta_type = dbr_pool_strdup(pool, xliff_attr(attrs, "type"));
        dbr_buf_clear(&r->tbuf);
        r->mode = XLIFF_TEXT_BUF;
        return 1;
    }
    return 1;
}

static int meta_end(xliff_reader *r, const char *local)
{
    if (!r->in_meta)
        return 0;
    if (!strcmp(local, "meta") && r->meta_type) {
        if (dbr_props_add(r->raw_pool, r->meta_dest, r->meta_type, dbr_buf_cstr(&r->tbuf)) != 0)
            xliff_oom(r);
        r->meta_type = NULL;
        r->mode = XLIFF_TEXT_SKIP;
    } else if (!strcmp(local, "metaGroup"))
        r->meta_docbridge = 0;
    else if (!strcmp(local, "metadata"))
        r->in_meta = 0;
    return 1;
}

static void unit_start(xliff_reader *r, const char **attrs)
{
    xliff_begin_unit(r);
    r->unit.id = dbr_pool_strdup(r->upool, xliff_attr(attrs, "id"));
    xliff_attrs_to_props(r, r->upool, &r->unit.props, attrs, SKIP_ID);
}

/* ---------------- segments ---------------- */

static void segment_start(xliff_reader *r, const char *local, const char **attrs)
{
    r->seg_count++;
    r->seg_kind = !strcmp(local, "segment") ? "segment" : "ignorable";
    if (r->seg_kind[0] == 'i')
        r->seg_marked = 1;
    if (!(r->seg_attrs = dbr_xml_copy_attrs(r->upool, attrs)))
        xliff_oom(r);
    r->seg_id = dbr_pool_strdup(r->upool, xliff_attr(attrs, "id"));
    if (r->seg_count > 1)
        r->seg_marked = 1;
}

static void add_span_attrs(xliff_reader *r, dbr_span *s, const char **attrs,
                           const char *const *skip)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        int skipped = 0;
        for (size_t k = 0; skip && skip[k]; k++)
            if (!strcmp(skip[k], attrs[i]))
                skipped = 1;
        if (skipped)
            continue;
        const char *key = strchr(attrs[i], '|') ? xliff_attr_key(r->upool, attrs[i]) + 6 : attrs[i];
        if (dbr_props_add(r->upool, &s->attrs, key, attrs[i + 1]) != 0) {
            xliff_oom(r);
            return;
        }
    }
}

/* source or target of a segment/ignorable: the unit's variant 0 or its target variant. */
static void variant_start(xliff_reader *r, const char *local, const char **attrs)
{
    int is_target = !strcmp(local, "target");
    int v = is_target ? r->tgt_var : (r->unit.nvariants ? 0 : -1);
    if (v < 0) {
        const char *lang = xliff_xml_lang(attrs);
        v = xliff_start_variant(r, lang ? lang : (is_target ? r->trg_lang : r->src_lang));
        if (v < 0)
            return;
        if (is_target)
            r->tgt_var = v;
    }
    r->cur_var = v;
    r->rich = &r->unit.variants[v].text;
    r->in_inline = 1;
    r->in_target = is_target;
    r->mode = XLIFF_TEXT_RICH;
    r->nopen = 0;
    dbr_buf_clear(&r->pending);
    /* the segment mark: on the source it carries the segment's attributes, on the target the
     * target's own (order, xml:space) */
    const char *kind = r->seg_kind ? r->seg_kind : "segment";
    dbr_span *s = xliff_add_code(r, DBR_SPAN_MARK_OPEN, r->seg_id, NULL, kind,
                               kind[0] == 's' ? "seg" : "ignorable");
    if (!s)
        return;
    static const char *const SKIP_SEG[] = {"id", NULL};
    add_span_attrs(r, s, is_target ? attrs : r->seg_attrs, is_target ? SKIP_LANG : SKIP_SEG);
    if (is_target)
        r->seg_has_target = 1;
}

static void variant_end(xliff_reader *r)
{
    const char *kind = r->seg_kind ? r->seg_kind : "segment";
    xliff_add_code(r, DBR_SPAN_MARK_CLOSE, r->seg_id, NULL, kind,
                 kind[0] == 's' ? "seg" : "ignorable");
    r->in_inline = 0;
    r->mode = XLIFF_TEXT_SKIP;
    r->rich = NULL;
    r->cur_var = -1;
}

/* Drops the first and last span (the segment marks) of a rich text. */
static void strip_marks(dbr_rich *t)
{
    if (t->count < 2)
        return;
    t->spans++;
    t->count -= 2;
    t->cap = t->count; /* the array no longer starts at its allocation: never grow it */
}

static void add_seg_prop(xliff_reader *r, dbr_props *p, const char *k, const char *v)
{
    if (dbr_props_add(r->upool, p, dbr_pool_printf(r->upool, "%s%s", XLIFF_P_SEG, k), v) != 0)
        xliff_oom(r);
}

/* One segment and no ignorable: the common case reads without marks; the segment's state goes
 * to the target (or the source when there is no target), its other attributes to the unit. */
static void finish_segments(xliff_reader *r)
{
    if (r->seg_marked || r->seg_count != 1 || r->unit.nvariants == 0)
        return;
    dbr_variant *src = &r->unit.variants[0];
    const dbr_span *open = &src->text.spans[0];
    dbr_variant *state_var = r->tgt_var >= 0 ? &r->unit.variants[r->tgt_var] : src;
    if (open->id)
        add_seg_prop(r, &r->unit.props, "id", open->id);
    for (size_t i = 0; i < open->attrs.count; i++) {
        const dbr_prop *p = &open->attrs.items[i];
        if (!strcmp(p->key, "state"))
            state_var->state = p->value;
        else if (!strcmp(p->key, "subState")) {
            if (dbr_props_add(r->upool, &state_var->props, "xliff:subState", p->value) != 0)
                xliff_oom(r);
        } else
            add_seg_prop(r, &r->unit.props, p->key, p->value);
    }
    if (r->tgt_var >= 0) {
        dbr_variant *t = &r->unit.variants[r->tgt_var];
        const dbr_span *topen = &t->text.spans[0];
        for (size_t i = 0; i < topen->attrs.count; i++)
            if (dbr_props_add(r->upool, &t->props, xliff_attr_key(r->upool, topen->attrs.items[i].key),
                              topen->attrs.items[i].value) != 0)
                xliff_oom(r);
        strip_marks(&t->text);
    }
    strip_marks(&src->text);
    /* the code-line records pointed past the opening mark */
    for (size_t k = 0; k < r->ntlines; k++)
        r->tlines[k].span--;
}

/* ---------------- inline content ---------------- */

static const char *data_for(xliff_reader *r, const char *ref)
{
    if (!ref)
        return NULL;
    const char *d = dbr_props_get(&r->data_map, ref);
    if (!d)
        xliff_unit_error(r, "dataRef '%s' names no <data> in the <originalData> of unit '%s'", ref,
                       r->unit.id ? r->unit.id : "");
    return d;
}

/* <cp hex="..."/>: a character XML cannot carry, back into the text. */
static void code_point(xliff_reader *r, const char **attrs, dbr_buf *dest)
{
    const char *hex = xliff_attr(attrs, "hex");
    unsigned long c = 0;
    int n = 0;
    for (const char *p = hex; p && *p && n < 7; p++, n++) {
        int d = (*p >= '0' && *p <= '9') ? *p - '0'
                : ((*p | 32) >= 'a' && (*p | 32) <= 'f') ? (*p | 32) - 'a' + 10 : -1;
        if (d < 0) {
            n = 99;
            break;
        }
        c = c * 16 + (unsigned long)d;
    }
    if (!hex || n == 0 || n > 6 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        xliff_unit_error(r, "<cp hex='%s'> is not a valid code point", hex ? hex : "");
        return;
    }
    char u[4];
    size_t len;
    if (c < 0x80) { u[0] = (char)c; len = 1; }
    else if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); len = 2; }
    else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F)); len = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F)); len = 4;
    }
    if (dbr_buf_append(dest, u, len) != 0)
        xliff_oom(r);
}

static void inline_start(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    static const char *const SKIP_CODE[] = {"id", "type", NULL};
    static const char *const SKIP_SC[] = {"id", "type", "isolated", NULL};
    static const char *const SKIP_EC[] = {"startRef", "id", "type", "isolated", NULL};
    static const char *const SKIP_EM[] = {"startRef", NULL};
    if (!xliff_is_core(r, name))
        goto unknown;
    const char *id = xliff_attr(attrs, "id");
    const char *type = xliff_attr(attrs, "type");
    const char *iso = xliff_attr(attrs, "isolated");
    int isolated = iso && !strcmp(iso, "yes");
    dbr_span *s = NULL;
    const char *const *skip = SKIP_CODE;
    if (!strcmp(local, "cp")) {
        code_point(r, attrs, &r->pending);
        return;
    } else if (!strcmp(local, "pc")) {
        const char *ds = data_for(r, xliff_attr(attrs, "dataRefStart"));
        if (r->skip_unit)
            return;
        s = xliff_add_code(r, DBR_SPAN_OPEN, id, ds, "pc", type);
        if (s) {
            s->flags |= DBR_SPAN_WELLFORMED;
            xliff_push_open(r, DBR_SPAN_CLOSE, s->id, "pc",
                          dbr_pool_strdup(r->upool, xliff_attr(attrs, "dataRefEnd")));
        }
    } else if (!strcmp(local, "ph") || !strcmp(local, "sc") || !strcmp(local, "ec")) {
        const char *d = data_for(r, xliff_attr(attrs, "dataRef"));
        if (r->skip_unit)
            return;
        dbr_span_kind k = local[0] == 'p' ? DBR_SPAN_PLACEHOLDER
                          : local[0] == 's' ? DBR_SPAN_OPEN : DBR_SPAN_CLOSE;
        const char *sid = id;
        if (k == DBR_SPAN_CLOSE) {
            sid = xliff_attr(attrs, "startRef") ? xliff_attr(attrs, "startRef") : id;
            skip = SKIP_EC;
        } else if (k == DBR_SPAN_OPEN)
            skip = SKIP_SC;
        s = xliff_add_code(r, k, sid, d, local[0] == 'p' ? "ph" : local[0] == 's' ? "sc" : "ec",
                         type);
        if (s && isolated)
            s->flags |= DBR_SPAN_ISOLATED;
        /* an <ec> with both startRef and its own id keeps the id as an attribute */
        if (s && k == DBR_SPAN_CLOSE && id && xliff_attr(attrs, "startRef") &&
            dbr_props_add(r->upool, &s->attrs, "id", id) != 0)
            xliff_oom(r);
    } else if (!strcmp(local, "mrk")) {
        s = xliff_add_code(r, DBR_SPAN_MARK_OPEN, id, NULL, "mrk", type);
        if (s) {
            s->flags |= DBR_SPAN_WELLFORMED;
            xliff_push_open(r, DBR_SPAN_MARK_CLOSE, s->id, "mrk", NULL);
        }
    } else if (!strcmp(local, "sm")) {
        s = xliff_add_code(r, DBR_SPAN_MARK_OPEN, id, NULL, "sm", type);
    } else if (!strcmp(local, "em")) {
        skip = SKIP_EM;
        s = xliff_add_code(r, DBR_SPAN_MARK_CLOSE, xliff_attr(attrs, "startRef"), NULL, "em", NULL);
    } else
        goto unknown;
    if (s)
        add_span_attrs(r, s, attrs, skip);
    return;
unknown:
    xliff_unit_error(r, "unknown inline element <%s> in unit '%s'", local,
                   r->unit.id ? r->unit.id : "");
}

static void inline_end(xliff_reader *r, const char *local)
{
    if ((strcmp(local, "pc") && strcmp(local, "mrk")) || r->nopen <= 0)
        return;
    int k = r->nopen - 1;
    const char *data = NULL;
    if (!strcmp(local, "pc")) {
        data = data_for(r, r->open[k].type);
        if (r->skip_unit)
            return;
    }
    dbr_span *s = xliff_add_code(r, (dbr_span_kind)r->open[k].kind, r->open[k].id, data,
                               r->open[k].origin, NULL);
    if (s) {
        s->flags |= DBR_SPAN_WELLFORMED;
        if (data && dbr_props_add(r->upool, &s->attrs, "dataRefEnd", r->open[k].type) != 0)
            xliff_oom(r);
    }
    xliff_pop_open(r);
}

/* ---------------- structure ---------------- */

static void unit_child(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    if (!xliff_is_core(r, name)) {
        if (!meta_start(r, local, name, attrs, &r->unit.props, r->upool))
            xliff_begin_raw(r, name, attrs, &r->unit.props, XLIFF_P_EXT);
        return;
    }
    r->raw_pool = r->upool;
    r->note_pool = r->upool;
    if (!strcmp(local, "note"))
        xliff_begin_note(r, &r->unit.notes, attrs, SKIP_NONE);
    else if (!strcmp(local, "data")) {
        r->data_id = dbr_pool_strdup(r->upool, xliff_attr(attrs, "id"));
        dbr_buf_clear(&r->tbuf);
        r->mode = XLIFF_TEXT_BUF;
    } else if (!strcmp(local, "cp") && r->data_id)
        code_point(r, attrs, &r->tbuf);
    else if (!strcmp(local, "segment") || !strcmp(local, "ignorable"))
        segment_start(r, local, attrs);
    else if ((!strcmp(local, "source") || !strcmp(local, "target")) && !r->seg_kind)
        xliff_unit_error(r, "<%s> outside a <segment> or <ignorable> in unit '%s'", local,
                       r->unit.id ? r->unit.id : "");
    else if (!strcmp(local, "source") || !strcmp(local, "target"))
        variant_start(r, local, attrs);
    else if (strcmp(local, "notes") && strcmp(local, "originalData"))
        xliff_begin_raw(r, name, attrs, &r->unit.props, XLIFF_P_XML);
}

static void file_child(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    r->raw_pool = r->dpool;
    r->note_pool = r->dpool;
    if (!xliff_is_core(r, name)) {
        if (!meta_start(r, local, name, attrs, &r->doc.props, r->dpool))
            xliff_begin_raw(r, name, attrs, &r->doc.props, XLIFF_P_EXT);
    } else if (!strcmp(local, "note"))
        xliff_begin_note(r, &r->doc.notes, attrs, SKIP_NONE);
    else if (strcmp(local, "notes"))
        xliff_begin_raw(r, name, attrs, &r->doc.props, XLIFF_P_XML);
}

void xliff2_start(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    if (r->in_inline) {
        inline_start(r, local, name, attrs);
        return;
    }
    if (r->in_meta) {
        meta_start(r, local, name, attrs, r->meta_dest, r->raw_pool);
        return;
    }
    int core = xliff_is_core(r, name);
    if (r->in_unit) {
        unit_child(r, local, name, attrs);
        return;
    }
    if (core && !strcmp(local, "unit")) {
        unit_start(r, attrs);
        return;
    }
    if (core && !strcmp(local, "group")) {
        xliff_group_start(r, name, attrs);
        return;
    }
    if (xliff_group_child(r, name, attrs))
        return;
    if (core && !strcmp(local, "file"))
        file_start(r, attrs);
    else if (r->in_file)
        file_child(r, local, name, attrs);
}

void xliff2_end(xliff_reader *r, const char *local)
{
    if (r->in_inline) {
        if (r->nopen == 0 && (!strcmp(local, "source") || !strcmp(local, "target")))
            variant_end(r);
        else
            inline_end(r, local);
        return;
    }
    if (meta_end(r, local))
        return;
    if (!strcmp(local, "note")) {
        xliff_end_note(r);
        return;
    }
    if (r->in_unit) {
        if (!strcmp(local, "data") && r->data_id) {
            if (dbr_props_add(r->upool, &r->data_map, r->data_id, dbr_buf_cstr(&r->tbuf)) != 0)
                xliff_oom(r);
            r->data_id = NULL;
            r->mode = XLIFF_TEXT_SKIP;
        } else if (!strcmp(local, "segment") || !strcmp(local, "ignorable")) {
            r->seg_kind = NULL;
            r->seg_id = NULL;
            r->seg_attrs = NULL;
        } else if (!strcmp(local, "unit") && dbr_xml_depth(r->x) == r->unit_depth) {
            if (r->tgt_var >= 0)
                xliff_check_target_codes(r, 0, (size_t)r->tgt_var);
            if (!r->skip_unit)
                finish_segments(r);
            xliff_end_unit(r);
        }
        return;
    }
    if (!strcmp(local, "group"))
        xliff_group_end(r);
    else if (!strcmp(local, "file"))
        xliff_end_file(r);
}
