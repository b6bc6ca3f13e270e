/* xliff_write.c - the part of the XLIFF writer both versions share: the sink callbacks, the
 * choice of version (--xliff-version, else the version the source was read from, else 1.2),
 * groups, raw fragments, picking the source and target variants, and escaping.
 *
 * The writer streams: each unit is written as it arrives; only the open groups are kept.
 */
#include "xliff.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

dbr_status xliff_w_status(xliff_writer *wr, int rc)
{
    if (rc >= 0)
        return DBR_OK;
    if (!wr->job->err->message[0])
        dbr_error_set(wr->job->err, DBR_FAILED, "cannot write XLIFF output to '%s'",
                      dbr_output_path(wr->out));
    return DBR_FAILED;
}

int xliff_w_nl(xliff_writer *wr, int depth)
{
    static const char spaces[] = "\n                                                        ";
    int n = 1 + 2 * (depth < 0 ? 0 : depth);
    if (n > (int)sizeof spaces - 1)
        n = (int)sizeof spaces - 1;
    return xmlTextWriterWriteRawLen(wr->w, BAD_CAST spaces, n) < 0 ? -1 : 0;
}

/* Length of the character XML 1.0 cannot carry at s (0 when the character is fine). */
static size_t bad_xml_char(const unsigned char *s)
{
    if (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r')
        return 1;
    if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))
        return 3;
    return 0;
}

static unsigned special_cp(const unsigned char *p, size_t len)
{
    if (len < 3)
        return p[len - 1]; /* C2 80..9F is U+0080..U+009F */
    return p[2] == 0xBE ? 0xFFFE : 0xFFFF;
}

/* Escaped text through one reused buffer and a raw write: xmlTextWriterWriteString would
 * allocate a new escaped copy for every run of text. */
static int write_escaped(xliff_writer *wr, const char *s, size_t len, int attr)
{
    dbr_buf_clear(&wr->esc);
    if (xliff_escape(&wr->esc, s, len, attr, &wr->replaced_chars) != 0)
        return -1;
    if (!wr->esc.len)
        return 0;
    return xmlTextWriterWriteRawLen(wr->w, BAD_CAST wr->esc.data, (int)wr->esc.len) < 0 ? -1 : 0;
}

/* Text where 2.x allows <cp> (inline content, <data>) when cp is set; elsewhere (notes,
 * metadata, all of 1.2) DEL and C1 controls go as character references (xliff_escape) and
 * characters XML cannot carry as U+FFFD. */
static int xliff_w_text_cp(xliff_writer *wr, const char *s, int cp_ok)
{
    const char *start = s;
    int use_cp = cp_ok && wr->ver == 20;
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        size_t bad = c >= 0x20 && c != 0xEF && c != 0x7F && c != 0xC2
                         ? 0 : bad_xml_char((const unsigned char *)p);
        /* DEL and C1 controls: XML allows them, but the input layer removes them on reading,
         * so where XLIFF 2 allows <cp> they go as <cp> too; elsewhere as character references
         * (xliff_escape) */
        if (!bad && use_cp)
            bad = dbr_xml_del_or_c1(p);
        if (!bad) {
            p++;
            continue;
        }
        if (p > start && write_escaped(wr, start, (size_t)(p - start), 0) != 0)
            return -1;
        unsigned cp = special_cp((const unsigned char *)p, bad);
        if (use_cp) {
            char hex[8];
            snprintf(hex, sizeof hex, "%04X", cp);
            if (xmlTextWriterStartElement(wr->w, BAD_CAST "cp") < 0 ||
                xliff_w_attr(wr, "hex", hex) < 0 || xmlTextWriterEndElement(wr->w) < 0)
                return -1;
        } else if (xmlTextWriterWriteRaw(wr->w, BAD_CAST "\xEF\xBF\xBD") < 0) {
            return -1; /* no escape for it here: U+FFFD stands in */
        } else {
            wr->replaced_chars++;
        }
        p += bad;
        start = p;
    }
    return *start ? write_escaped(wr, start, strlen(start), 0) : 0;
}

int xliff_w_text(xliff_writer *wr, const char *s) { return xliff_w_text_cp(wr, s, 1); }

int xliff_w_plain_text(xliff_writer *wr, const char *s) { return xliff_w_text_cp(wr, s, 0); }

int xliff_w_attr(xliff_writer *wr, const char *name, const char *value)
{
    if (!value)
        return 0;
    if (!strncmp(name, "xml:", 4))
        return xmlTextWriterWriteAttributeNS(wr->w, BAD_CAST "xml", BAD_CAST name + 4, NULL,
                                             BAD_CAST value) < 0 ? -1 : 0;
    if (name[0] == '{') {
        /* "{uri}local": an attribute of another namespace; declared on the element */
        const char *close = strchr(name, '}');
        if (!close)
            return 0;
        char uri[512];
        snprintf(uri, sizeof uri, "%.*s", (int)(close - name - 1), name + 1);
        unsigned long h = 5381;
        for (const char *c = uri; *c; c++)
            h = h * 33 + (unsigned char)*c;
        char pfx[16];
        snprintf(pfx, sizeof pfx, "n%lu", h % 100000);
        return xmlTextWriterWriteAttributeNS(wr->w, BAD_CAST pfx, BAD_CAST close + 1,
                                             BAD_CAST uri, BAD_CAST value) < 0 ? -1 : 0;
    }
    if (xmlTextWriterStartAttribute(wr->w, BAD_CAST name) < 0 ||
        write_escaped(wr, value, strlen(value), 1) != 0 || xmlTextWriterEndAttribute(wr->w) < 0)
        return -1;
    return 0;
}

int xliff_is_special_key(const char *key)
{
    static const char *const EXACT[] = {XLIFF_P_VERSION, XLIFF_P_GROUP, XLIFF_P_XML, XLIFF_P_EXT,
                                        XLIFF_P_ROLE, XLIFF_P_ALT, "xliff:mda", "xliff:subState",
                                        NULL};
    for (size_t i = 0; EXACT[i]; i++)
        if (!strcmp(key, EXACT[i]))
            return 1;
    return !strncmp(key, XLIFF_P_ALT_ATTR, strlen(XLIFF_P_ALT_ATTR)) ||
           !strncmp(key, XLIFF_P_SEG, strlen(XLIFF_P_SEG));
}

const char *xliff_key_attr(const char *key)
{
    if (strncmp(key, "xliff:", 6) != 0 || xliff_is_special_key(key))
        return NULL;
    return key + 6;
}

static int lang_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcasecmp(a, b) == 0;
}

void xliff_pick_variants(const xliff_writer *wr, const dbr_unit *u, const dbr_variant **src,
                       const dbr_variant **tgt)
{
    *src = u->nvariants ? &u->variants[0] : NULL;
    *tgt = NULL;
    const dbr_variant *fallback = NULL;
    int plain = 0;
    for (size_t i = 1; i < u->nvariants; i++) {
        const dbr_variant *v = &u->variants[i];
        if (dbr_props_get(&v->props, XLIFF_P_ROLE))
            continue;
        plain++;
        if (!fallback)
            fallback = v;
        if (lang_eq(v->lang, wr->trg_lang)) {
            *tgt = v;
            return;
        }
    }
    /* one target whose language is unknown, or a file without a target language */
    if (fallback && (plain == 1 || !wr->trg_lang) && (!fallback->lang || !wr->trg_lang))
        *tgt = fallback;
}

/* ---------------- groups ---------------- */

/* The value of attribute `name` in a serialised start tag (escaped as written), or NULL. */
static const char *tag_attr(dbr_pool *pool, const char *tag, size_t tag_len, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = tag; p + n + 3 < tag + tag_len; p++)
        if (p[0] == ' ' && !strncmp(p + 1, name, n) && p[n + 1] == '=' && p[n + 2] == '"') {
            const char *v = p + n + 3;
            const char *q = memchr(v, '"', (size_t)(tag + tag_len - v));
            return q ? dbr_pool_strndup(pool, v, (size_t)(q - v)) : NULL;
        }
    return NULL;
}

/* Same version: the group's start tag and leading children as read. Other version: a new
 * start tag keeping the id (and resname <-> name); the children go along as extension
 * elements, which both versions allow at the head of a group. */
static int group_open(xliff_writer *wr, const char *desc, int depth)
{
    const char *sp = strchr(desc, ' ');
    if (xliff_w_nl(wr, depth) != 0)
        return -1;
    if (wr->same_family && sp)
        return xmlTextWriterWriteRaw(wr->w, BAD_CAST sp + 1) < 0 ? -1 : 0;
    const char *tag = sp ? sp + 1 : "";
    const char *gt = strchr(tag, '>');
    size_t tlen = gt ? (size_t)(gt - tag) : strlen(tag);
    const char *id = tag_attr(wr->dpool, tag, tlen, "id");
    const char *name = tag_attr(wr->dpool, tag, tlen, wr->ver == 12 ? "name" : "resname");
    dbr_buf b = DBR_BUF_INIT;
    int rc = 0;
    if (id && (wr->ver == 12 || xliff_is_nmtoken(id)))
        rc |= dbr_buf_printf(&b, "<group id=\"%s\"", id);
    else
        rc |= dbr_buf_printf(&b, "<group id=\"g%.*s\"", (int)(sp ? sp - desc : 0), desc);
    if (name)
        rc |= dbr_buf_printf(&b, " %s=\"%s\"", wr->ver == 12 ? "resname" : "name", name);
    rc |= dbr_buf_puts(&b, ">");
    if (gt && gt[-1] != '/')
        rc |= dbr_buf_puts(&b, gt + 1);
    if (rc == 0 && xmlTextWriterWriteRaw(wr->w, BAD_CAST dbr_buf_cstr(&b)) < 0)
        rc = -1;
    dbr_buf_free(&b);
    return rc ? -1 : 0;
}

int xliff_w_close_groups(xliff_writer *wr, int keep)
{
    while (wr->ngroups > keep) {
        wr->ngroups--;
        int base = wr->ver == 12 ? 3 : 2;
        if (xliff_w_nl(wr, base + wr->ngroups) != 0 ||
            xmlTextWriterWriteRaw(wr->w, BAD_CAST "</group>") < 0)
            return -1;
        dbr_free(wr->groups[wr->ngroups].desc);
        wr->groups[wr->ngroups].desc = NULL;
    }
    return 0;
}

/* Closes the groups this unit is not in and opens the ones it is in. */
int xliff_w_groups(xliff_writer *wr, const dbr_unit *u, int body_depth)
{
    const char *want[64];
    int n = 0;
    for (size_t i = 0; i < u->props.count && n < 64; i++)
        if (!strcmp(u->props.items[i].key, XLIFF_P_GROUP))
            want[n++] = u->props.items[i].value;
    int common = 0;
    while (common < n && common < wr->ngroups && !strcmp(wr->groups[common].desc, want[common]))
        common++;
    if (xliff_w_close_groups(wr, common) != 0)
        return -1;
    for (int k = common; k < n; k++) {
        if (group_open(wr, want[k], body_depth + k) != 0)
            return -1;
        wr->groups[wr->ngroups].desc = dbr_strdup(want[k]);
        if (!wr->groups[wr->ngroups].desc)
            return -1;
        wr->ngroups++;
    }
    return 0;
}

int xliff_w_raw_props(xliff_writer *wr, const dbr_props *p, const char *key, int depth)
{
    for (size_t i = 0; i < p->count; i++)
        if (!strcmp(p->items[i].key, key) &&
            (xliff_w_nl(wr, depth) != 0 ||
             xmlTextWriterWriteRaw(wr->w, BAD_CAST p->items[i].value) < 0))
            return -1;
    return 0;
}

/* 1 when a kept fragment's root element is in namespace ns (its root declares it first). */
static int frag_in_ns(const char *frag, const char *ns)
{
    const char *gt = strchr(frag, '>');
    const char *x = strstr(frag, " xmlns=\"");
    if (!x || (gt && x > gt))
        return 0;
    size_t n = strlen(ns);
    return !strncmp(x + 8, ns, n) && x[8 + n] == '"';
}

int xliff_w_fragments(xliff_writer *wr, const dbr_props *p, int core, int depth)
{
    const char *ns = wr->ver == 12 ? XLIFF12_NS : XLIFF2_NS;
    for (size_t i = 0; i < p->count; i++) {
        const char *k = p->items[i].key, *v = p->items[i].value;
        if (strcmp(k, XLIFF_P_XML) && strcmp(k, XLIFF_P_EXT) &&
            (wr->ver == 20 || strcmp(k, "xliff:mda")))
            continue;
        /* a 1.2 file without a namespace keeps core fragments without one */
        int is_core = frag_in_ns(v, ns) || (wr->same_family && !strcmp(k, XLIFF_P_XML));
        if (is_core != core)
            continue;
        if (xliff_w_nl(wr, depth) != 0 || xmlTextWriterWriteRaw(wr->w, BAD_CAST v) < 0)
            return -1;
    }
    return 0;
}

/* ---------------- sink ---------------- */

static int parse_version(const char *v, int *ver, const char **name)
{
    if (!v)
        return -1;
    if (!strcmp(v, "1.2")) {
        *ver = 12;
        *name = "1.2";
    } else if (!strcmp(v, "2.0") || !strcmp(v, "2")) {
        *ver = 20;
        *name = "2.0";
    } else if (!strcmp(v, "2.1")) {
        *ver = 20;
        *name = "2.1";
    } else
        return -1;
    return 0;
}

static dbr_status w_open(void *state, dbr_job *job, dbr_output *out)
{
    xliff_writer *wr = state;
    wr->job = job;
    wr->out = out;
    const char *v = dbr_options_get(job->opts, "xliff-version");
    if (v) {
        if (parse_version(v, &wr->ver, &wr->version) != 0)
            return dbr_error_set(job->err, DBR_FAILED,
                                 "--xliff-version must be 1.2, 2.0 or 2.1, not '%s'", v);
        wr->forced = 1;
    }
    wr->pool = dbr_pool_new();
    wr->dpool = dbr_pool_new();
    wr->w = dbr_xml_writer_new(out, job->err, 0);
    if (!wr->pool || !wr->dpool || !wr->w)
        return dbr_error_set(job->err, DBR_FAILED, "out of memory");
    return DBR_OK;
}

static const char *doc_version(const dbr_doc *d)
{
    return d ? dbr_props_get(&d->props, XLIFF_P_VERSION) : NULL;
}

/* The version is settled by the first document: forced, else the source's, else 1.2 (the
 * version most tools read, Translate Toolkit among them). */
static void settle_version(xliff_writer *wr, const dbr_doc *d)
{
    if (wr->ver)
        return;
    if (parse_version(doc_version(d), &wr->ver, &wr->version) != 0) {
        wr->ver = 12;
        wr->version = "1.2";
    }
}

static dbr_status w_begin_document(void *self, const dbr_doc *d)
{
    xliff_writer *wr = self;
    settle_version(wr, d);
    dbr_pool_reset(wr->dpool);
    wr->doc = d;
    const char *dv = doc_version(d);
    wr->same_family = dv && ((dv[0] == '2') == (wr->ver == 20));
    wr->ndocs++;
    int rc = wr->ver == 12 ? xliff12_w_begin_doc(wr, d) : xliff2_w_begin_doc(wr, d);
    return xliff_w_status(wr, rc);
}

/* XLIFF holds a source and one target, without plural forms: what else a unit has is left
 * out, and said so once (a third language of a TMX, PO plural forms). */
static void w_report_loss(xliff_writer *wr, const dbr_unit *u)
{
    const dbr_variant *src, *tgt;
    xliff_pick_variants(wr, u, &src, &tgt);
    for (size_t i = 0; i < u->nvariants; i++) {
        const dbr_variant *v = &u->variants[i];
        if (v->nplurals && !wr->warned_plurals++)
            dbr_job_warn(wr->job, 0, 0, "XLIFF has no plural forms: plural forms left out");
        if (v != src && v != tgt && !dbr_props_get(&v->props, XLIFF_P_ROLE) && !wr->warned_langs++)
            dbr_job_warn(wr->job, 0, 0,
                         "XLIFF holds one source and one target language: '%s' left out",
                         v->lang ? v->lang : "?");
    }
}

static dbr_status w_unit(void *self, const dbr_unit *u)
{
    xliff_writer *wr = self;
    w_report_loss(wr, u);
    dbr_pool_reset(wr->pool);
    wr->nunits++;
    int rc = wr->ver == 12 ? xliff12_w_unit(wr, u) : xliff2_w_unit(wr, u);
    return xliff_w_status(wr, rc);
}

/* A monolingual block becomes a unit with a source only, so a document converts too. */
static dbr_status w_block(void *self, const dbr_block *b)
{
    xliff_writer *wr = self;
    dbr_pool_reset(wr->pool);
    dbr_unit u;
    memset(&u, 0, sizeof u);
    u.id = b->id;
    dbr_variant *v = dbr_unit_add_variant(wr->pool, &u, b->lang ? b->lang : wr->src_lang);
    if (!v)
        return dbr_error_set(wr->job->err, DBR_FAILED, "out of memory");
    v->text = b->text;
    /* a table row without text: its cells, tab-separated, as the block adapter does */
    for (size_t i = 0; !b->text.count && i < b->ncells; i++)
        if ((i && dbr_rich_add_text(wr->pool, &v->text, "\t", 1) != 0) ||
            dbr_rich_add_text(wr->pool, &v->text, b->cells[i], strlen(b->cells[i])) != 0)
            return dbr_error_set(wr->job->err, DBR_FAILED, "out of memory");
    u.props = b->props;
    wr->nunits++;
    int rc = wr->ver == 12 ? xliff12_w_unit(wr, &u) : xliff2_w_unit(wr, &u);
    return xliff_w_status(wr, rc);
}

static dbr_status w_end_document(void *self, const dbr_doc *d)
{
    xliff_writer *wr = self;
    (void)d;
    int rc = xliff_w_close_groups(wr, 0);
    if (rc == 0)
        rc = wr->ver == 12 ? xliff12_w_end_doc(wr) : xliff2_w_end_doc(wr);
    wr->doc = NULL;
    return xliff_w_status(wr, rc);
}

static dbr_status w_finish(void *state)
{
    xliff_writer *wr = state;
    if (!wr->root_open) {
        /* no document came: still a valid XLIFF file, with one empty <file> */
        dbr_doc d;
        dbr_doc_init(&d);
        if (w_begin_document(wr, &d) != DBR_OK || w_end_document(wr, &d) != DBR_OK)
            return DBR_FAILED;
    }
    if (xliff_w_nl(wr, -1) != 0 || xmlTextWriterEndDocument(wr->w) < 0 ||
        xmlTextWriterWriteRaw(wr->w, BAD_CAST "") < 0)
        return xliff_w_status(wr, -1);
    if (wr->replaced_chars)
        dbr_job_warn(wr->job, 0, 0, "%ld character%s not allowed in XML 1.0 (control characters, "
                     "U+FFFE, U+FFFF) written as U+FFFD%s", wr->replaced_chars,
                     wr->replaced_chars == 1 ? "" : "s",
                     wr->ver == 20 ? "" : " (XLIFF 2 keeps them in text as <cp>)");
    return dbr_xml_writer_finish(wr->w, wr->job->err);
}

static void w_cleanup(void *state)
{
    xliff_writer *wr = state;
    for (int i = 0; i < wr->ngroups; i++)
        dbr_free(wr->groups[i].desc);
    wr->ngroups = 0;
    dbr_xml_writer_free(wr->w);
    wr->w = NULL;
    dbr_pool_free(wr->pool);
    dbr_pool_free(wr->dpool);
    dbr_buf_free(&wr->esc);
    dbr_free(wr->root_src);
    dbr_free(wr->root_trg);
}

static const dbr_sink_ops XLIFF_SINK = {
    .begin_document = w_begin_document,
    .block = w_block,
    .unit = w_unit,
    .end_document = w_end_document,
};

const dbr_writer_ops xliff_writer_ops = {
    .state_size = sizeof(xliff_writer),
    .open = w_open,
    .sink = &XLIFF_SINK,
    .finish = w_finish,
    .cleanup = w_cleanup,
};

/* ---------------- pairing of inline codes ---------------- */

int xliff_wellformed(const dbr_span *open)
{
    return (open->flags & DBR_SPAN_WELLFORMED) ||
           (open->origin && (!strcmp(open->origin, "g") || !strcmp(open->origin, "pc")));
}

static int opens(const dbr_span *s)
{
    return s->kind == DBR_SPAN_OPEN || s->kind == DBR_SPAN_MARK_OPEN;
}

static int same_id(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

int xliff_pairs_compute(dbr_pool *pool, const dbr_rich *r, xliff_pairs *p)
{
    size_t n = r->count ? r->count : 1;
    p->partner = dbr_pool_alloc(pool, n * sizeof *p->partner);
    p->nested = dbr_pool_alloc(pool, n);
    p->ids = dbr_pool_alloc(pool, n * sizeof *p->ids);
    int *stack = dbr_pool_alloc(pool, n * sizeof *stack);
    if (!p->partner || !p->nested || !p->ids || !stack)
        return -1;
    for (size_t i = 0; i < r->count; i++) {
        p->partner[i] = -1;
        p->ids[i] = r->spans[i].id;
    }
    /* partners: a close takes the nearest earlier unmatched open of its kind and id */
    for (size_t i = 0; i < r->count; i++) {
        const dbr_span *c = &r->spans[i];
        if ((c->kind != DBR_SPAN_CLOSE && c->kind != DBR_SPAN_MARK_CLOSE) ||
            (c->flags & DBR_SPAN_ISOLATED))
            continue;
        dbr_span_kind want = c->kind == DBR_SPAN_CLOSE ? DBR_SPAN_OPEN : DBR_SPAN_MARK_OPEN;
        for (size_t j = i; j-- > 0;) {
            const dbr_span *o = &r->spans[j];
            if (o->kind == want && p->partner[j] < 0 && !(o->flags & DBR_SPAN_ISOLATED) &&
                same_id(o->id, c->id)) {
                p->partner[j] = (int)i;
                p->partner[i] = (int)j;
                if (!o->id) {
                    const char *gen = dbr_pool_printf(pool, "dbr%zu", j + 1);
                    p->ids[j] = p->ids[i] = gen;
                }
                break;
            }
        }
    }
    /* nesting: pairs that open and close like elements can be written as one element */
    int depth = 0;
    for (size_t i = 0; i < r->count; i++) {
        if (p->partner[i] < 0)
            continue;
        if (opens(&r->spans[i])) {
            stack[depth++] = (int)i;
            continue;
        }
        int o = p->partner[i];
        if (depth && stack[depth - 1] == o) {
            p->nested[o] = p->nested[i] = 1;
            depth--;
            continue;
        }
        for (int k = depth; k-- > 0;)
            if (stack[k] == o) {
                if (xliff_is_seg_mark(&r->spans[i])) {
                    /* segment boundaries win: the pairs that cross one are split codes */
                    p->nested[o] = p->nested[i] = 1;
                    depth = k;
                    break;
                }
                memmove(&stack[k], &stack[k + 1], (size_t)(depth - k - 1) * sizeof *stack);
                depth--;
                break;
            }
    }
    for (size_t i = 0; i < r->count; i++)
        if (!p->ids[i] && r->spans[i].kind != DBR_SPAN_TEXT)
            p->ids[i] = dbr_pool_printf(pool, "dbr%zu", i + 1);
    return 0;
}

int xliff_doc_fields_to_props(xliff_writer *wr, const dbr_doc *d, int date_written,
                              dbr_props *rest)
{
    const struct {
        const char *key, *value;
    } F[] = {{"docbridge:title", d->title},
             {"docbridge:date", date_written ? NULL : d->date},
             {"docbridge:publisher", d->publisher},
             {"docbridge:url", d->url},
             {"docbridge:description", d->description}};
    for (size_t i = 0; i < sizeof F / sizeof F[0]; i++)
        if (F[i].value && dbr_props_add(wr->pool, rest, F[i].key, F[i].value) != 0)
            return -1;
    for (size_t i = 0; i < d->nauthors; i++)
        if (dbr_props_add(wr->pool, rest, "docbridge:author", d->authors[i]) != 0)
            return -1;
    return 0;
}

int xliff_w_attr_props(xliff_writer *wr, const char *el, const dbr_props *p,
                       const char *const *skip, dbr_props *rest, xliff_attr_map map)
{
    for (size_t i = 0; i < p->count; i++) {
        const char *key = p->items[i].key, *val = p->items[i].value;
        const char *a = xliff_key_attr(key);
        int skipped = 0;
        for (size_t k = 0; a && skip && skip[k]; k++)
            if (!strcmp(skip[k], a))
                skipped = 1;
        if (skipped)
            continue;
        a = a ? map(wr, el, a) : NULL;
        if (a) {
            if (xliff_w_attr(wr, a, val) < 0)
                return -1;
        } else if (rest && !xliff_is_special_key(key) &&
                   dbr_props_add(wr->pool, rest, key, val) != 0)
            return -1;
    }
    return 0;
}
