/* xliff12_read.c - XLIFF 1.2 elements into the model: <file> is a document, <trans-unit> a
 * unit (source, target, seg-source and alt-trans as variants), inline g/x/bx/ex/ph/bpt/ept/it/
 * mrk as code spans. What the model does not name is kept in properties (formats/xliff.md).
 */
#include "xliff.h"

#include <string.h>

static const char *const SKIP_FILE[] = {"source-language", "target-language", NULL};
static const char *const SKIP_ID[] = {"id", NULL};
static const char *const SKIP_LANG[] = {DBR_XML_NS "|lang", NULL};
static const char *const SKIP_TARGET[] = {DBR_XML_NS "|lang", "state", NULL};

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
    const char *src = xliff_attr(attrs, "source-language");
    const char *tgt = xliff_attr(attrs, "target-language");
    r->src_lang = dbr_pool_strdup(r->dpool, src);
    r->trg_lang = dbr_pool_strdup(r->dpool, tgt);
    r->doc.lang = r->src_lang;
    if (dbr_doc_add_lang(r->dpool, &r->doc, src) != 0 ||
        dbr_doc_add_lang(r->dpool, &r->doc, tgt) != 0 ||
        dbr_props_add(r->dpool, &r->doc.props, XLIFF_P_VERSION, r->version) != 0) {
        xliff_oom(r);
        return;
    }
    xliff_attrs_to_props(r, r->dpool, &r->doc.props, attrs, SKIP_FILE);
    r->doc.date = dbr_pool_strdup(r->dpool, xliff_attr(attrs, "date"));
}

/* <prop-group> without a name: each <prop prop-type="T">v</prop> becomes property T = v. */
static int prop_group_start(xliff_reader *r, const char **attrs, dbr_props *dest, dbr_pool *pool)
{
    if (xliff_attr(attrs, "name"))
        return 0;
    r->prop_group = 1;
    r->prop_dest = dest;
    r->raw_pool = pool;
    return 1;
}

static void header_child(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    if (strcmp(local, "note") == 0 && xliff_is_core(r, name))
        xliff_begin_note(r, &r->doc.notes, attrs, SKIP_LANG);
    else if (strcmp(local, "prop-group") == 0 && xliff_is_core(r, name) &&
             prop_group_start(r, attrs, &r->doc.props, r->dpool))
        return;
    else
        xliff_begin_raw(r, name, attrs, &r->doc.props,
                      xliff_is_core(r, name) ? XLIFF_P_XML : XLIFF_P_EXT);
}

static void unit_start(xliff_reader *r, const char **attrs)
{
    xliff_begin_unit(r);
    const char *id = xliff_attr(attrs, "id");
    r->unit.id = dbr_pool_strdup(r->upool, id);
    xliff_attrs_to_props(r, r->upool, &r->unit.props, attrs, SKIP_ID);
}

/* source, seg-source, target, and those of an alt-trans. */
static void variant_start(xliff_reader *r, const char *local, const char **attrs)
{
    int is_target = strcmp(local, "target") == 0;
    const char *lang = xliff_xml_lang(attrs);
    if (!lang)
        lang = is_target ? r->trg_lang : r->src_lang;
    int v = xliff_start_variant(r, lang);
    if (v < 0)
        return;
    dbr_variant *var = &r->unit.variants[v];
    const char *role = NULL;
    if (r->in_alt)
        role = is_target ? "alt-target" : (strcmp(local, "source") == 0 ? "alt-source"
                                                                          : "alt-seg-source");
    else if (strcmp(local, "seg-source") == 0)
        role = "seg-source";
    else if (is_target)
        r->tgt_var = v;
    if (role && (dbr_props_add(r->upool, &var->props, XLIFF_P_ROLE, role) != 0 ||
                 (r->in_alt && dbr_props_add(r->upool, &var->props, XLIFF_P_ALT,
                                             dbr_pool_printf(r->upool, "%d", r->alt_index)) != 0))) {
        xliff_oom(r);
        return;
    }
    if (r->in_alt && is_target) {
        r->alt_tgt_var = v;
        for (size_t i = 0; r->alt_attrs && r->alt_attrs[i]; i += 2) {
            const char *k = dbr_pool_printf(r->upool, "%s%s", XLIFF_P_ALT_ATTR,
                                            xliff_attr_key(r->upool, r->alt_attrs[i]) + 6);
            if (dbr_props_add(r->upool, &var->props, k, r->alt_attrs[i + 1]) != 0)
                xliff_oom(r);
        }
    }
    if (is_target) {
        const char *state = xliff_attr(attrs, "state");
        var->state = dbr_pool_strdup(r->upool, state);
    }
    xliff_attrs_to_props(r, r->upool, &var->props, attrs, is_target ? SKIP_TARGET : SKIP_LANG);
    r->rich = &var->text;
    r->in_inline = 1;
    r->mode = XLIFF_TEXT_RICH;
    dbr_buf_clear(&r->pending);
}

static void trans_unit_child(xliff_reader *r, const char *local, const char *name,
                             const char **attrs)
{
    int core = xliff_is_core(r, name);
    dbr_props *props = &r->unit.props;
    dbr_notes *notes = &r->unit.notes;
    if (r->in_alt && r->alt_tgt_var >= 0) {
        props = &r->unit.variants[r->alt_tgt_var].props;
        notes = &r->unit.variants[r->alt_tgt_var].notes;
    }
    r->raw_pool = r->upool;
    r->note_pool = r->upool;
    if (core && (!strcmp(local, "source") || !strcmp(local, "target") ||
                 !strcmp(local, "seg-source")))
        variant_start(r, local, attrs);
    else if (core && !strcmp(local, "alt-trans") && !r->in_alt) {
        r->in_alt = 1;
        r->alt_index++;
        r->alt_tgt_var = -1;
        if (!(r->alt_attrs = dbr_xml_copy_attrs(r->upool, attrs)))
            xliff_oom(r);
    } else if (core && !strcmp(local, "note"))
        xliff_begin_note(r, notes, attrs, SKIP_LANG);
    else if (core && !strcmp(local, "prop-group") && prop_group_start(r, attrs, props, r->upool))
        return;
    else
        xliff_begin_raw(r, name, attrs, props, core ? XLIFF_P_XML : XLIFF_P_EXT);
}

/* ---------------- inline content ---------------- */

static int in_skip(const char *name, const char *const *skip)
{
    for (size_t i = 0; skip && skip[i]; i++)
        if (strcmp(skip[i], name) == 0)
            return 1;
    return 0;
}

static void attrs_into_span(xliff_reader *r, dbr_span *s, const char **attrs,
                            const char *const *skip)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        if (in_skip(attrs[i], skip))
            continue;
        const char *k = strchr(attrs[i], '|') ? xliff_attr_key(r->upool, attrs[i]) + 6 : attrs[i];
        if (dbr_props_add(r->upool, &s->attrs, k, attrs[i + 1]) != 0) {
            xliff_oom(r);
            return;
        }
    }
}

/* The id that pairs bx/ex and bpt/ept: rid when given, else id. */
static const char *pair_id(const char **attrs, const char *const **skip)
{
    static const char *const SKIP_RID[] = {"rid", "ctype", NULL};
    static const char *const SKIP_ID_CTYPE[] = {"id", "ctype", NULL};
    const char *rid = xliff_attr(attrs, "rid");
    *skip = rid ? SKIP_RID : SKIP_ID_CTYPE;
    return rid ? rid : xliff_attr(attrs, "id");
}

static void code_with_data(xliff_reader *r, const char *local, const char **attrs)
{
    static const char *const SKIP_IT[] = {"id", "ctype", "pos", NULL};
    static const char *const SKIP_PH[] = {"id", "ctype", NULL};
    const char *const *skip = SKIP_PH;
    dbr_span_kind kind = DBR_SPAN_PLACEHOLDER;
    unsigned flags = 0;
    const char *id = xliff_attr(attrs, "id");
    const char *origin = "ph";
    if (!strcmp(local, "bpt") || !strcmp(local, "ept")) {
        origin = local[0] == 'b' ? "bpt" : "ept";
        kind = local[0] == 'b' ? DBR_SPAN_OPEN : DBR_SPAN_CLOSE;
        id = pair_id(attrs, &skip);
    } else if (!strcmp(local, "it")) {
        origin = "it";
        const char *pos = xliff_attr(attrs, "pos");
        kind = pos && !strcmp(pos, "close") ? DBR_SPAN_CLOSE : DBR_SPAN_OPEN;
        flags = DBR_SPAN_ISOLATED;
        skip = SKIP_IT;
    }
    dbr_span *s = xliff_add_code(r, kind, id, NULL, origin, xliff_attr(attrs, "ctype"));
    if (!s)
        return;
    s->flags |= flags;
    attrs_into_span(r, s, attrs, skip);
    r->data_span = s;
    r->data_depth = dbr_xml_depth(r->x);
    r->mode = XLIFF_TEXT_BUF;
    dbr_buf_clear(&r->tbuf);
    r->inner_has_elem = 0;
    /* Inner XML is recorded too, under a stand-in root in the core namespace, in case the
     * code holds <sub> elements: then it is kept whole (XLIFF_P_INNER). */
    xliff_raw_begin(&r->inner, 1);
    const char *root = r->core_ns[0] ? dbr_pool_printf(r->upool, "%s|d", r->core_ns) : "d";
    if (!root || xliff_raw_start(&r->inner, root, NULL) != 0)
        xliff_oom(r);
    dbr_buf_clear(&r->inner.out);
    r->inner.just_started = 0;
}

static void code_data_end(xliff_reader *r)
{
    dbr_span *s = r->data_span;
    /* an empty code (<it .../>) has no native data: NULL, as codes without data elsewhere */
    if (r->tbuf.len) {
        s->text = dbr_pool_strndup(r->upool, r->tbuf.data, r->tbuf.len);
        if (!s->text)
            xliff_oom(r);
    }
    if (r->inner_has_elem &&
        dbr_props_add(r->upool, &s->attrs, XLIFF_P_INNER, dbr_buf_cstr(&r->inner.out)) != 0)
        xliff_oom(r);
    r->data_span = NULL;
    r->inner.depth = 0;
    r->mode = XLIFF_TEXT_RICH;
}

static void inline_start(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    static const char *const SKIP_G[] = {"id", "ctype", NULL};
    static const char *const SKIP_MRK[] = {"mid", "mtype", NULL};
    if (r->data_span) { /* <sub> (and what it holds) inside a code's data */
        r->inner_has_elem = 1;
        if (xliff_raw_start(&r->inner, name, attrs) != 0)
            xliff_oom(r);
        return;
    }
    if (!xliff_is_core(r, name))
        goto unknown;
    const char *ctype = xliff_attr(attrs, "ctype");
    dbr_span *s = NULL;
    const char *const *skip = SKIP_G;
    if (!strcmp(local, "g")) {
        s = xliff_add_code(r, DBR_SPAN_OPEN, xliff_attr(attrs, "id"), NULL, "g", ctype);
        if (s) {
            s->flags |= DBR_SPAN_WELLFORMED;
            xliff_push_open(r, DBR_SPAN_CLOSE, s->id, "g", s->type);
        }
    } else if (!strcmp(local, "x")) {
        s = xliff_add_code(r, DBR_SPAN_PLACEHOLDER, xliff_attr(attrs, "id"), NULL, "x", ctype);
    } else if (!strcmp(local, "bx") || !strcmp(local, "ex")) {
        const char *id = pair_id(attrs, &skip);
        s = xliff_add_code(r, local[0] == 'b' ? DBR_SPAN_OPEN : DBR_SPAN_CLOSE, id, NULL,
                         local[0] == 'b' ? "bx" : "ex", ctype);
    } else if (!strcmp(local, "ph") || !strcmp(local, "bpt") || !strcmp(local, "ept") ||
               !strcmp(local, "it")) {
        code_with_data(r, local, attrs);
        return;
    } else if (!strcmp(local, "mrk")) {
        skip = SKIP_MRK;
        s = xliff_add_code(r, DBR_SPAN_MARK_OPEN, xliff_attr(attrs, "mid"), NULL, "mrk",
                         xliff_attr(attrs, "mtype"));
        if (s) {
            s->flags |= DBR_SPAN_WELLFORMED;
            xliff_push_open(r, DBR_SPAN_MARK_CLOSE, s->id, "mrk", s->type);
        }
    } else
        goto unknown;
    if (s)
        attrs_into_span(r, s, attrs, skip);
    return;
unknown:
    xliff_unit_error(r, "unknown inline element <%s> in unit '%s'", local,
                   r->unit.id ? r->unit.id : "");
}

static void inline_end(xliff_reader *r, const char *local, const char *name)
{
    if (r->data_span) {
        if (dbr_xml_depth(r->x) == r->data_depth)
            code_data_end(r);
        else if (xliff_raw_end(&r->inner, name) < 0)
            xliff_oom(r);
        return;
    }
    if (!strcmp(local, "g") || !strcmp(local, "mrk")) {
        if (r->nopen <= 0)
            return;
        int k = r->nopen - 1;
        dbr_span *s = xliff_add_code(r, (dbr_span_kind)r->open[k].kind, r->open[k].id, NULL,
                                   r->open[k].origin, r->open[k].type);
        if (s)
            s->flags |= DBR_SPAN_WELLFORMED;
        xliff_pop_open(r);
    }
}

static void variant_end(xliff_reader *r)
{
    xliff_flush_text(r);
    r->in_inline = 0;
    r->mode = XLIFF_TEXT_SKIP;
    r->rich = NULL;
    r->cur_var = -1;
    r->nopen = 0;
}

static int is_variant(const char *local)
{
    return !strcmp(local, "source") || !strcmp(local, "target") || !strcmp(local, "seg-source");
}

void xliff12_start(xliff_reader *r, const char *local, const char *name, const char **attrs)
{
    if (r->in_inline) {
        inline_start(r, local, name, attrs);
        return;
    }
    if (r->prop_group) {
        if (!strcmp(local, "prop")) {
            r->prop_type = dbr_pool_strdup(r->raw_pool, xliff_attr(attrs, "prop-type"));
            dbr_buf_clear(&r->tbuf);
            r->mode = XLIFF_TEXT_BUF;
        }
        return;
    }
    int core = xliff_is_core(r, name);
    if (r->in_unit) {
        trans_unit_child(r, local, name, attrs);
        return;
    }
    if (core && !strcmp(local, "trans-unit")) {
        unit_start(r, attrs);
        return;
    }
    if (core && (!strcmp(local, "group"))) {
        xliff_group_start(r, name, attrs);
        return;
    }
    if (xliff_group_child(r, name, attrs))
        return;
    if (r->in_header) {
        header_child(r, local, name, attrs);
        return;
    }
    if (core && !strcmp(local, "file"))
        file_start(r, attrs);
    else if (core && !strcmp(local, "header"))
        r->in_header = 1;
    else if (core && !strcmp(local, "body"))
        xliff_send_doc(r);
    else if (core && !strcmp(local, "bin-unit")) {
        dbr_xml_warn(r->x, "<bin-unit> (binary data) is not converted: kept out of the output");
        xliff_begin_raw(r, name, attrs, NULL, NULL);
        r->raw_dest = &r->note_props; /* scratch, dropped */
        r->raw_pool = r->upool;
    } else if (r->in_file)
        xliff_begin_raw(r, name, attrs, &r->doc.props, core ? XLIFF_P_XML : XLIFF_P_EXT);
}

void xliff12_end(xliff_reader *r, const char *local)
{
    if (r->in_inline) {
        if (!r->data_span && r->nopen == 0 && is_variant(local)) {
            variant_end(r);
            return;
        }
        inline_end(r, local, local);
        return;
    }
    if (r->prop_group) {
        if (!strcmp(local, "prop")) {
            r->mode = XLIFF_TEXT_SKIP;
            if (r->prop_type && dbr_props_add(r->raw_pool, r->prop_dest, r->prop_type,
                                              dbr_buf_cstr(&r->tbuf)) != 0)
                xliff_oom(r);
        } else if (!strcmp(local, "prop-group"))
            r->prop_group = 0;
        return;
    }
    if (!strcmp(local, "note")) {
        xliff_end_note(r);
        return;
    }
    if (r->in_unit) {
        if (!strcmp(local, "alt-trans") && r->in_alt)
            r->in_alt = 0;
        else if (!strcmp(local, "trans-unit") && dbr_xml_depth(r->x) == r->unit_depth) {
            if (r->tgt_var >= 0)
                xliff_check_target_codes(r, 0, (size_t)r->tgt_var);
            xliff_end_unit(r);
        }
        return;
    }
    if (!strcmp(local, "group"))
        xliff_group_end(r);
    else if (!strcmp(local, "header"))
        r->in_header = 0;
    else if (!strcmp(local, "file"))
        xliff_end_file(r);
}
