/* xliff_read.c - the part of the XLIFF reader both versions share: the Expat callbacks, root
 * detection (1.2 or 2.x), the document and unit life cycle, rich-text building, notes, groups,
 * raw capture of unmodelled elements, --lenient skipping and the target-code check.
 *
 * Memory stays flat: a unit is built in a pool that is reset after it is sent, a document's
 * metadata in a pool reset per <file>; only the open-group descriptors live longer.
 */
#include "xliff.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *xliff_attr(const char **attrs, const char *local)
{
    return dbr_xml_attr(attrs, local);
}

const char *xliff_xml_lang(const char **attrs)
{
    return dbr_xml_attr(attrs, DBR_XML_NS "|lang");
}

int xliff_is_core(const xliff_reader *r, const char *name)
{
    return dbr_xml_in_ns(name, r->core_ns[0] ? r->core_ns : NULL);
}

void xliff_oom(xliff_reader *r)
{
    dbr_xml_fail(r->x, "out of memory");
}

void xliff_fail(xliff_reader *r, const char *fmt, ...)
{
    char msg[DBR_ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dbr_xml_fail(r->x, "%s", msg);
}

/* Leaves the unit being read: everything up to its end tag is ignored. */
static void skip_rest_of_unit(xliff_reader *r)
{
    r->skip_unit = 1;
    r->in_inline = 0;
    r->mode = XLIFF_TEXT_SKIP;
    r->data_span = NULL;
    r->raw.depth = 0;
    r->nopen = 0;
    r->prop_group = 0;
    r->in_meta = 0;
    r->meta_docbridge = 0;
    r->meta_type = NULL;
    r->data_id = NULL;
    r->note_dest = NULL;
}

void xliff_unit_error(xliff_reader *r, const char *fmt, ...)
{
    char msg[DBR_ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!r->in_unit || !r->lenient) {
        dbr_xml_fail(r->x, "%s", msg);
        return;
    }
    dbr_xml_warn(r->x, "%s: unit skipped (--lenient)", msg);
    skip_rest_of_unit(r);
}

const char *xliff_attr_key(dbr_pool *pool, const char *name)
{
    const char *bar = strchr(name, '|');
    if (!bar)
        return dbr_pool_printf(pool, "xliff:%s", name);
    if (dbr_xml_in_ns(name, DBR_XML_NS))
        return dbr_pool_printf(pool, "xliff:xml:%s", bar + 1);
    return dbr_pool_printf(pool, "xliff:{%.*s}%s", (int)(bar - name), name, bar + 1);
}

static int in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

int xliff_attrs_to_props(xliff_reader *r, dbr_pool *pool, dbr_props *props, const char **attrs,
                       const char *const *skip)
{
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        if (in_list(attrs[i], skip))
            continue;
        const char *key = xliff_attr_key(pool, attrs[i]);
        if (!key || dbr_props_add(pool, props, key, attrs[i + 1]) != 0) {
            xliff_oom(r);
            return -1;
        }
    }
    return 0;
}

int xliff_begin_raw(xliff_reader *r, const char *name, const char **attrs, dbr_props *dest,
                  const char *key)
{
    xliff_raw_begin(&r->raw, 0);
    r->raw_dest = dest;
    r->raw_key = key;
    if (xliff_raw_start(&r->raw, name, attrs) != 0) {
        xliff_oom(r);
        return -1;
    }
    return 0;
}

/* The captured fragment is complete: keep it in its property (or its group descriptor). */
static void finish_raw(xliff_reader *r)
{
    if (!r->raw_dest) {
        /* a leading child of the innermost group: appended to its descriptor */
        if (r->groups.len)
            r->groups.len--; /* drop the NUL */
        if (dbr_buf_append(&r->groups, r->raw.out.data, r->raw.out.len) != 0 ||
            dbr_buf_putc(&r->groups, '\0') != 0)
            xliff_oom(r);
        return;
    }
    if (dbr_props_add(r->raw_pool, r->raw_dest, r->raw_key, dbr_buf_cstr(&r->raw.out)) != 0)
        xliff_oom(r);
}

/* ---------------- documents ---------------- */

/* Document fields the model names but XLIFF does not (title, authors...) travel as
 * "docbridge:FIELD" properties (prop-group / metadata); here they become fields again. */
static void doc_fields_from_props(xliff_reader *r)
{
    dbr_doc *d = &r->doc;
    dbr_props keep;
    memset(&keep, 0, sizeof keep);
    for (size_t i = 0; i < d->props.count; i++) {
        const char *k = d->props.items[i].key, *v = d->props.items[i].value;
        int rc = 0;
        if (!strcmp(k, "docbridge:title"))
            d->title = v;
        else if (!strcmp(k, "docbridge:date"))
            d->date = v;
        else if (!strcmp(k, "docbridge:publisher"))
            d->publisher = v;
        else if (!strcmp(k, "docbridge:url"))
            d->url = v;
        else if (!strcmp(k, "docbridge:description"))
            d->description = v;
        else if (!strcmp(k, "docbridge:author"))
            rc = dbr_doc_add_author(r->dpool, d, v);
        else
            rc = dbr_props_add(r->dpool, &keep, k, v);
        if (rc != 0) {
            xliff_oom(r);
            return;
        }
    }
    d->props = keep;
}

void xliff_send_doc(xliff_reader *r)
{
    if (r->doc_sent || !r->in_file)
        return;
    r->doc_sent = 1;
    doc_fields_from_props(r);
    dbr_status st = dbr_sink_begin_document(r->sink, &r->doc);
    if (st != DBR_OK && st != DBR_WARN) {
        r->st = st;
        dbr_xml_stop(r->x);
    }
}

void xliff_end_file(xliff_reader *r)
{
    xliff_send_doc(r);
    if (r->st != DBR_OK)
        return;
    dbr_status st = dbr_sink_end_document(r->sink, &r->doc);
    if (st != DBR_OK && st != DBR_WARN) {
        r->st = st;
        dbr_xml_stop(r->x);
    }
    r->in_file = 0;
    r->doc_sent = 0;
    r->ngroups = 0;
    dbr_buf_clear(&r->groups);
}

/* ---------------- units ---------------- */

void xliff_begin_unit(xliff_reader *r)
{
    xliff_send_doc(r);
    r->group_open_children = 0;
    dbr_pool_reset(r->upool);
    /* Segment state points into upool: a <source> outside any <segment> of this unit must not
     * see the previous unit's (found by fuzzing). */
    r->seg_attrs = NULL;
    r->seg_id = NULL;
    r->seg_kind = NULL;
    memset(&r->unit, 0, sizeof r->unit);
    memset(&r->data_map, 0, sizeof r->data_map);
    r->in_unit = 1;
    r->skip_unit = 0;
    r->unit_depth = dbr_xml_depth(r->x);
    r->unit_line = dbr_xml_line(r->x);
    r->cur_var = -1;
    r->tgt_var = -1;
    r->rich = NULL;
    r->nopen = 0;
    r->ntlines = 0;
    r->alt_index = 0;
    r->in_alt = 0;
    r->seg_count = 0;
    r->seg_marked = 0;
    r->seg_has_target = 0;
    r->raw_pool = r->upool;
    r->note_pool = r->upool;
    if (xliff_add_group_props(r) != 0)
        xliff_oom(r);
}

/* Unit properties "source:KEY" / "target:KEY" (from a prop-group or metadata our writer made
 * for variant properties XLIFF has no attribute for) go back onto their variant. */
static void side_props_to_variants(xliff_reader *r)
{
    int any = 0;
    for (size_t i = 0; i < r->unit.props.count && !any; i++)
        any = !strncmp(r->unit.props.items[i].key, "source:", 7) ||
              !strncmp(r->unit.props.items[i].key, "target:", 7);
    if (!any)
        return;
    dbr_props keep;
    memset(&keep, 0, sizeof keep);
    for (size_t i = 0; i < r->unit.props.count; i++) {
        const dbr_prop *p = &r->unit.props.items[i];
        int src = !strncmp(p->key, "source:", 7), tgt = !strncmp(p->key, "target:", 7);
        dbr_props *dest = &keep;
        const char *key = p->key;
        if (src && r->unit.nvariants > 0) {
            dest = &r->unit.variants[0].props;
            key += 7;
        } else if (tgt && r->tgt_var >= 0) {
            dest = &r->unit.variants[r->tgt_var].props;
            key += 7;
        }
        if (dbr_props_add(r->upool, dest, key, p->value) != 0) {
            xliff_oom(r);
            return;
        }
    }
    r->unit.props = keep;
}

/* The unit's own id when the writer had to make it an NMTOKEN (XLIFF_P_ORIGINAL_ID). */
static void original_id_from_props(xliff_reader *r)
{
    dbr_props *p = &r->unit.props;
    for (size_t i = 0; i < p->count; i++) {
        if (strcmp(p->items[i].key, XLIFF_P_ORIGINAL_ID) != 0)
            continue;
        r->unit.id = p->items[i].value;
        memmove(&p->items[i], &p->items[i + 1], (p->count - i - 1) * sizeof p->items[0]);
        p->count--;
        return;
    }
}

void xliff_end_unit(xliff_reader *r)
{
    r->in_unit = 0;
    r->in_inline = 0;
    r->mode = XLIFF_TEXT_SKIP;
    if (r->skip_unit) {
        r->skip_unit = 0;
        r->skipped++;
        return;
    }
    r->file_units++;
    side_props_to_variants(r);
    original_id_from_props(r);
    dbr_status st = dbr_sink_unit(r->sink, &r->unit);
    if (st != DBR_OK && st != DBR_WARN) {
        r->st = st;
        dbr_xml_stop(r->x);
    }
}

int xliff_start_variant(xliff_reader *r, const char *lang)
{
    if (!dbr_unit_add_variant(r->upool, &r->unit, lang)) {
        xliff_oom(r);
        return -1;
    }
    r->cur_var = (int)r->unit.nvariants - 1;
    return r->cur_var;
}

void xliff_flush_text(xliff_reader *r)
{
    if (!r->pending.len || !r->rich)
        return;
    if (dbr_rich_add_text(r->upool, r->rich, r->pending.data, r->pending.len) != 0)
        xliff_oom(r);
    dbr_buf_clear(&r->pending);
}

dbr_span *xliff_add_code(xliff_reader *r, dbr_span_kind kind, const char *id, const char *data,
                       const char *origin, const char *type)
{
    xliff_flush_text(r);
    dbr_span *s = dbr_rich_add_code(r->upool, r->rich, kind, id, data);
    if (!s) {
        xliff_oom(r);
        return NULL;
    }
    s->origin = origin; /* static strings */
    s->type = dbr_pool_strdup(r->upool, type);
    if (r->cur_var == r->tgt_var && r->tgt_var >= 0 && kind != DBR_SPAN_TEXT) {
        if (r->ntlines == r->captlines) {
            size_t ncap = r->captlines ? r->captlines * 2 : 16;
            xliff_code_line *n = dbr_realloc(r->tlines, ncap * sizeof *n);
            if (!n) {
                xliff_oom(r);
                return NULL;
            }
            r->tlines = n;
            r->captlines = ncap;
        }
        r->tlines[r->ntlines++] =
            (xliff_code_line){r->rich->count - 1, dbr_xml_line(r->x), dbr_xml_column(r->x)};
    }
    return s;
}

void xliff_push_open(xliff_reader *r, dbr_span_kind kind, const char *id, const char *origin,
                   const char *type)
{
    if (r->nopen >= (int)(sizeof r->open / sizeof r->open[0])) {
        xliff_fail(r, "inline elements nested too deeply in unit '%s'",
                 r->unit.id ? r->unit.id : "");
        return;
    }
    r->open[r->nopen].id = id;
    r->open[r->nopen].origin = origin;
    r->open[r->nopen].type = type;
    r->open[r->nopen].kind = (unsigned)kind;
    r->nopen++;
}

void xliff_pop_open(xliff_reader *r)
{
    if (r->nopen > 0)
        r->nopen--;
}

static int is_code(const dbr_span *s)
{
    return s->kind == DBR_SPAN_OPEN || s->kind == DBR_SPAN_CLOSE ||
           s->kind == DBR_SPAN_PLACEHOLDER;
}

static int source_has_code(const dbr_rich *src, const char *id)
{
    for (size_t i = 0; i < src->count; i++)
        if (is_code(&src->spans[i]) && src->spans[i].id && strcmp(src->spans[i].id, id) == 0)
            return 1;
    return 0;
}

/* A target may only use codes its source has (same id): anything else could not be placed
 * back into the original document. */
void xliff_check_target_codes(xliff_reader *r, size_t src_var, size_t tgt_var)
{
    if (src_var >= r->unit.nvariants || tgt_var >= r->unit.nvariants || r->skip_unit)
        return;
    const dbr_rich *src = &r->unit.variants[src_var].text;
    const dbr_rich *tgt = &r->unit.variants[tgt_var].text;
    for (size_t k = 0; k < r->ntlines; k++) {
        const dbr_span *s = &tgt->spans[r->tlines[k].span];
        if (!is_code(s) || !s->id || source_has_code(src, s->id))
            continue;
        const char *uid = r->unit.id ? r->unit.id : "";
        if (!r->lenient) {
            r->st = dbr_job_fail(r->job, DBR_FAILED, r->tlines[k].line, r->tlines[k].col, -1,
                                 "target of unit '%s' has code id '%s' (<%s>) that does not "
                                 "exist in its source", uid, s->id, s->origin ? s->origin : "?");
            dbr_xml_stop(r->x);
            return;
        }
        dbr_job_warn(r->job, r->tlines[k].line, r->tlines[k].col,
                     "target of unit '%s' has code id '%s' (<%s>) that does not exist in its "
                     "source: unit skipped (--lenient)", uid, s->id, s->origin ? s->origin : "?");
        r->skip_unit = 1;
        return;
    }
}

/* ---------------- notes ---------------- */

void xliff_begin_note(xliff_reader *r, dbr_notes *dest, const char **attrs,
                    const char *const *skip)
{
    r->note_dest = dest;
    r->note_lang = NULL;
    const char *lang = xliff_xml_lang(attrs);
    if (lang)
        r->note_lang = dbr_pool_strdup(r->note_pool, lang);
    memset(&r->note_props, 0, sizeof r->note_props);
    for (size_t i = 0; attrs && attrs[i]; i += 2) {
        if (in_list(attrs[i], skip))
            continue;
        const char *key = strchr(attrs[i], '|') ? xliff_attr_key(r->note_pool, attrs[i])
                                                 : attrs[i];
        if (!key || dbr_props_add(r->note_pool, &r->note_props, key, attrs[i + 1]) != 0) {
            xliff_oom(r);
            return;
        }
    }
    dbr_buf_clear(&r->tbuf);
    r->mode = XLIFF_TEXT_BUF;
}

void xliff_end_note(xliff_reader *r)
{
    r->mode = XLIFF_TEXT_SKIP;
    if (!r->note_dest)
        return;
    dbr_note *n = dbr_notes_add(r->note_pool, r->note_dest, dbr_buf_cstr(&r->tbuf), r->note_lang);
    if (!n) {
        xliff_oom(r);
        return;
    }
    n->props = r->note_props;
    r->note_dest = NULL;
}

/* ---------------- groups ----------------
 * A group becomes one "xliff:group" property on every unit inside it: "N <group ...>" plus
 * its leading children (notes, metadata), N numbering the groups of the file so two adjacent
 * groups with the same attributes stay apart. The writer reopens groups from these. */

void xliff_group_start(xliff_reader *r, const char *name, const char **attrs)
{
    xliff_send_doc(r);
    if (r->ngroups >= (int)(sizeof r->gstack / sizeof r->gstack[0])) {
        xliff_fail(r, "groups nested deeper than %d levels", (int)(sizeof r->gstack /
                                                                 sizeof r->gstack[0]));
        return;
    }
    xliff_raw tag;
    memset(&tag, 0, sizeof tag);
    xliff_raw_begin(&tag, 1);
    xliff_group *g = &r->gstack[r->ngroups++];
    g->ordinal = ++r->group_count;
    g->desc_off = r->groups.len;
    if (xliff_raw_start(&tag, name, attrs) != 0 ||
        dbr_buf_printf(&r->groups, "%ld ", g->ordinal) != 0 ||
        dbr_buf_append(&r->groups, tag.out.data, tag.out.len) != 0 ||
        dbr_buf_putc(&r->groups, '\0') != 0)
        xliff_oom(r);
    xliff_raw_free(&tag);
    r->group_open_children = 1;
}

void xliff_group_end(xliff_reader *r)
{
    if (r->ngroups <= 0)
        return;
    r->ngroups--;
    r->groups.len = r->gstack[r->ngroups].desc_off;
    r->group_open_children = 0;
}

/* A child of a group before its first unit: kept in the group's descriptor. */
int xliff_group_child(xliff_reader *r, const char *name, const char **attrs)
{
    if (!r->group_open_children || r->ngroups == 0)
        return 0;
    xliff_raw_begin(&r->raw, 0);
    r->raw_dest = NULL;
    if (xliff_raw_start(&r->raw, name, attrs) != 0)
        xliff_oom(r);
    return 1;
}

int xliff_add_group_props(xliff_reader *r)
{
    for (int i = 0; i < r->ngroups; i++)
        if (dbr_props_add(r->upool, &r->unit.props, XLIFF_P_GROUP,
                          r->groups.data + r->gstack[i].desc_off) != 0)
            return -1;
    return 0;
}

/* ---------------- Expat callbacks ---------------- */

static void set_version(xliff_reader *r, const char *name, const char **attrs)
{
    if (strcmp(dbr_xml_local(name), "xliff") != 0) {
        xliff_fail(r, "expected root element <xliff>, found <%s>", dbr_xml_local(name));
        return;
    }
    const char *bar = strchr(name, '|');
    size_t ulen = bar ? (size_t)(bar - name) : 0;
    snprintf(r->core_ns, sizeof r->core_ns, "%.*s", (int)ulen, name);
    const char *v = xliff_attr(attrs, "version");
    snprintf(r->version, sizeof r->version, "%s", v ? v : "");
    if (strcmp(r->core_ns, XLIFF2_NS) == 0 || (v && v[0] == '2'))
        r->ver = 20;
    else if (!r->core_ns[0] || strcmp(r->core_ns, XLIFF12_NS) == 0 ||
             strcmp(r->core_ns, XLIFF11_NS) == 0)
        r->ver = 12;
    else {
        xliff_fail(r, "unsupported XLIFF namespace '%s' (version '%s')", r->core_ns,
                 v ? v : "");
        return;
    }
    if (!v)
        snprintf(r->version, sizeof r->version, "%s", r->ver == 20 ? "2.0" : "1.2");
    if (r->ver == 20) {
        const char *s = xliff_attr(attrs, "srcLang"), *t = xliff_attr(attrs, "trgLang");
        r->src_lang = dbr_pool_strdup(r->rpool, s);
        r->trg_lang = dbr_pool_strdup(r->rpool, t);
        if (!s)
            xliff_fail(r, "<xliff> has no srcLang attribute (required in XLIFF %s)", r->version);
    }
}

static void on_start(void *ud, const char *name, const char **attrs)
{
    xliff_reader *r = ud;
    if (r->skip_unit)
        return;
    if (r->raw.depth > 0) {
        if (xliff_raw_start(&r->raw, name, attrs) != 0)
            xliff_fail(r, "element <%s> nested too deeply to keep", dbr_xml_local(name));
        return;
    }
    if (r->ver == 0) {
        set_version(r, name, attrs);
        return;
    }
    const char *local = dbr_xml_local(name);
    /* Both versions: everything but <file> belongs inside a <file> (the document's pools exist
     * only there). */
    if (!r->in_file && !(xliff_is_core(r, name) && !strcmp(local, "file"))) {
        xliff_fail(r, "<%s> outside a <file>: expected <file>", local);
        return;
    }
    if (r->ver == 12)
        xliff12_start(r, local, name, attrs);
    else
        xliff2_start(r, local, name, attrs);
}

static void on_end(void *ud, const char *name)
{
    xliff_reader *r = ud;
    if (r->skip_unit) {
        if (dbr_xml_depth(r->x) == r->unit_depth)
            xliff_end_unit(r);
        return;
    }
    if (r->raw.depth > 0) {
        int done = xliff_raw_end(&r->raw, name);
        if (done < 0)
            xliff_oom(r);
        else if (done)
            finish_raw(r);
        return;
    }
    if (dbr_xml_depth(r->x) == 1)
        return;
    const char *local = dbr_xml_local(name);
    if (r->ver == 12)
        xliff12_end(r, local);
    else
        xliff2_end(r, local);
}

static void on_text(void *ud, const char *s, int len)
{
    xliff_reader *r = ud;
    if (r->skip_unit)
        return;
    if (r->raw.depth > 0) {
        if (xliff_raw_text(&r->raw, s, (size_t)len) != 0)
            xliff_oom(r);
        return;
    }
    int rc = 0;
    if (r->data_span && r->inner.depth > 0)
        rc |= xliff_raw_text(&r->inner, s, (size_t)len);
    if (r->mode == XLIFF_TEXT_RICH)
        rc |= dbr_buf_append(&r->pending, s, (size_t)len);
    else if (r->mode == XLIFF_TEXT_BUF)
        rc |= dbr_buf_append(&r->tbuf, s, (size_t)len);
    if (rc)
        xliff_oom(r);
}

static void reader_free(xliff_reader *r)
{
    dbr_xml_free(r->x);
    dbr_pool_free(r->dpool);
    dbr_pool_free(r->upool);
    dbr_pool_free(r->rpool);
    dbr_buf_free(&r->pending);
    dbr_buf_free(&r->tbuf);
    dbr_buf_free(&r->groups);
    xliff_raw_free(&r->raw);
    xliff_raw_free(&r->inner);
    dbr_free(r->tlines);
    memset(r, 0, sizeof *r);
}

dbr_status xliff_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    xliff_reader *r = state;
    memset(r, 0, sizeof *r);
    r->job = job;
    r->sink = sink;
    r->lenient = dbr_options_get_bool(job->opts, "lenient", 0);
    r->dpool = dbr_pool_new();
    r->upool = dbr_pool_new();
    r->rpool = dbr_pool_new();
    static const dbr_xml_handlers h = {on_start, on_end, on_text, NULL, NULL};
    if (r->dpool && r->upool && r->rpool)
        r->x = dbr_xml_new(job, &h, r, 1);
    if (!r->x) {
        reader_free(r);
        return dbr_error_set(job->err, DBR_FAILED, "out of memory");
    }
    dbr_status st = dbr_xml_parse(r->x, in);
    if (st == DBR_OK && r->st != DBR_OK)
        st = r->st;
    if (st == DBR_OK && r->ver == 0)
        st = dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "no <xliff> root element");
    if (st == DBR_OK && r->skipped)
        dbr_job_warn(job, 0, 0, "%ld unit%s skipped (--lenient)", r->skipped,
                     r->skipped == 1 ? "" : "s");
    reader_free(r);
    return st;
}

void xliff_read_cleanup(void *state)
{
    reader_free(state);
}
