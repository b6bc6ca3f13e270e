/* xml_read.c - the `xml` reader: docbridge's dataset XML through the core's hardened Expat
 * wrapper (docbridge/xml.h), streaming. One block or unit is built at a time in a pool that is
 * reset after its event, so memory is bounded by the largest record.
 *
 * The reader is strict: an element or attribute the format does not define, text where only
 * elements belong, or a root in another version's namespace is an error with line and column
 * (never a silent skip), because the dataset is meant to be archived and trusted. */
#include "xml_dataset.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What an open element is; decides what may appear inside it. */
typedef enum xctx {
    X_ROOT, X_DATASET, X_DOCUMENT, X_META,   /* title, language, author... (plain text) */
    X_NOTE, X_NOTE_TEXT, X_PROP, X_BLOCK, X_RICH, X_CODE, X_CELL, X_UNIT, X_VARIANT,
    X_PROVENANCE, X_CHAR
} xctx;

#define XMLDS_MAX_DEPTH 16

typedef struct frame {
    xctx ctx;
    const char *name;   /* local name, for messages */
} frame;

typedef struct xmlds_reader {
    dbr_job *job;
    dbr_xml *x;
    dbr_sink *sink;
    dbr_pool *doc_pool, *item_pool;
    frame stack[XMLDS_MAX_DEPTH];
    int depth;
    dbr_doc doc;
    int begun;          /* begin_document sent */
    dbr_block block;
    dbr_unit unit;
    dbr_variant *variant;
    dbr_rich *rich;     /* the rich text being filled */
    dbr_span *code;     /* the code whose <prop> children are being read */
    dbr_note *note;
    dbr_buf text;       /* character data of the current text-bearing element */
    const char *prop_key;
    const char **slot;  /* where X_META text goes */
    int in_block;       /* the item being built is a block (else a unit) */
    int saw_root;
    int saw_provenance; /* of the current document: nothing may follow it */
    dbr_status st;
} xmlds_reader;

/* ---------- helpers ---------- */

static int failed(xmlds_reader *r) { return r->st != DBR_OK; }

static void fail(xmlds_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(xmlds_reader *r, const char *fmt, ...)
{
    if (failed(r))
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->st = dbr_xml_fail(r->x, "%s", msg);
}

static void oom(xmlds_reader *r) { fail(r, "out of memory"); }

static frame *top(xmlds_reader *r) { return &r->stack[r->depth - 1]; }

/* Checks every attribute is one of `known` (NULL-terminated). */
static int attrs_known(xmlds_reader *r, const char *elem, const char **attrs,
                       const char *const *known)
{
    for (size_t i = 0; attrs[i]; i += 2) {
        int ok = 0;
        for (const char *const *k = known; *k && !ok; k++)
            ok = strcmp(attrs[i], *k) == 0;
        if (!ok) {
            fail(r, "unknown attribute '%s' on <%s>", dbr_xml_local(attrs[i]), elem);
            return 0;
        }
    }
    return 1;
}

static const char *dup_attr(xmlds_reader *r, dbr_pool *pool, const char **attrs,
                            const char *name)
{
    const char *v = dbr_xml_attr(attrs, name);
    if (!v)
        return NULL;
    char *c = dbr_pool_strdup(pool, v);
    if (!c)
        oom(r);
    return c;
}

static long long int_attr(xmlds_reader *r, const char **attrs, const char *name, long long min,
                          long long dflt)
{
    const char *v = dbr_xml_attr(attrs, name);
    if (!v)
        return dflt;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (errno || !*v || *end || n < min) {
        fail(r, "attribute %s=\"%s\" must be an integer >= %lld", name, v, min);
        return dflt;
    }
    return n;
}

static double double_attr(xmlds_reader *r, const char **attrs, const char *name)
{
    const char *v = dbr_xml_attr(attrs, name);
    if (!strcmp(v, "NaN"))
        return NAN;
    if (!strcmp(v, "INF"))
        return INFINITY;
    if (!strcmp(v, "-INF"))
        return -INFINITY;
    char *end;
    double d = strtod(v, &end);
    if (!*v || *end)
        fail(r, "attribute %s=\"%s\" must be a number", name, v);
    return d;
}

/* Grows a pool array by one element (the old one stays in the pool until reset). */
static void *grow(xmlds_reader *r, void *arr, size_t n, size_t size)
{
    void *a = dbr_pool_alloc(r->item_pool, (n + 1) * size);
    if (!a) {
        oom(r);
        return NULL;
    }
    if (n)
        memcpy(a, arr, n * size);
    return a;
}

static void flush_text_span(xmlds_reader *r)
{
    if (r->text.len && dbr_rich_add_text(r->item_pool, r->rich, r->text.data, r->text.len) != 0)
        oom(r);
    dbr_buf_clear(&r->text);
}

static void begin_doc_once(xmlds_reader *r)
{
    if (r->begun || failed(r))
        return;
    r->begun = 1;
    dbr_status st = dbr_sink_begin_document(r->sink, &r->doc);
    if (st != DBR_OK) {
        r->st = st;
        dbr_xml_stop(r->x);
    }
}

static void emit(xmlds_reader *r, dbr_status st)
{
    if (st != DBR_OK && !failed(r)) {
        r->st = st;
        dbr_xml_stop(r->x);
    }
}

/* The pool and the notes/props lists of the element that owns the current <note>/<prop>. */
static dbr_pool *owner_pool(xmlds_reader *r, xctx owner)
{
    return owner == X_DOCUMENT ? r->doc_pool : r->item_pool;
}

static dbr_props *owner_props(xmlds_reader *r, xctx owner)
{
    switch (owner) {
    case X_DOCUMENT: return &r->doc.props;
    case X_NOTE: return &r->note->props;
    case X_BLOCK: return &r->block.props;
    case X_UNIT: return &r->unit.props;
    case X_VARIANT: return &r->variant->props;
    case X_CODE: return &r->code->attrs;
    default: return NULL;
    }
}

static dbr_notes *owner_notes(xmlds_reader *r, xctx owner)
{
    return owner == X_DOCUMENT ? &r->doc.notes
           : owner == X_UNIT   ? &r->unit.notes
           : owner == X_VARIANT ? &r->variant->notes
                                : NULL;
}

/* ---------- element starts ---------- */

/* Expat's name strings live only during its callback; the stack keeps a name that lives as
 * long as the reader (found by fuzzing: a later error message printed a freed name). */
static const char *lasting_name(const char *local)
{
    static const char *const NAMES[] = {
        "author", "block", "cell", "char", "dataset", "date", "document", "language", "note",
        "plural", "prop", "provenance", "publisher", "text", "title", "unit", "url", "variant",
        "description", "id", "lang", NULL};
    for (size_t i = 0; NAMES[i]; i++)
        if (strcmp(local, NAMES[i]) == 0)
            return NAMES[i];
    for (int k = DBR_SPAN_OPEN; k <= DBR_SPAN_MARK_CLOSE; k++)
        if (strcmp(local, xmlds_span_names[k]) == 0)
            return xmlds_span_names[k];
    return "element";
}

static void push(xmlds_reader *r, xctx ctx, const char *local)
{
    r->stack[r->depth].ctx = ctx;
    r->stack[r->depth].name = lasting_name(local);
    r->depth++;
}

static void start_root(xmlds_reader *r, const char *name, const char **attrs)
{
    const char *local = dbr_xml_local(name);
    const char *bar = strchr(name, '|');
    size_t plen = strlen(XMLDS_NS_PREFIX);
    if (bar && strcmp(local, "dataset") == 0 && strncmp(name, XMLDS_NS_PREFIX, plen) == 0 &&
        !dbr_xml_in_ns(name, XMLDS_NS)) {
        fail(r, "unknown namespace version '%.*s' (this reader knows %s)", (int)(bar - name),
             name, XMLDS_NS);
        return;
    }
    if (!dbr_xml_in_ns(name, XMLDS_NS) || strcmp(local, "dataset") != 0) {
        fail(r, "not a docbridge dataset: the root is <%s>%s%.*s%s (expected <dataset "
                "xmlns=\"%s\">)", local, bar ? " in namespace '" : " in no namespace",
             bar ? (int)(bar - name) : 0, name, bar ? "'" : "", XMLDS_NS);
        return;
    }
    static const char *const known[] = {"version", NULL};
    const char *v = dbr_xml_attr(attrs, "version");
    if (attrs_known(r, "dataset", attrs, known) && v && strcmp(v, XMLDS_VERSION) != 0)
        fail(r, "unknown dataset version=\"%s\" (this reader knows %s)", v, XMLDS_VERSION);
    r->saw_root = 1;
    push(r, X_DATASET, "dataset");
}

static void start_document(xmlds_reader *r, const char **attrs)
{
    static const char *const known[] = {"id", "lang", NULL};
    dbr_pool_reset(r->doc_pool);
    dbr_doc_init(&r->doc);
    r->begun = 0;
    r->saw_provenance = 0;
    if (!attrs_known(r, "document", attrs, known))
        return;
    r->doc.id = dup_attr(r, r->doc_pool, attrs, "id");
    r->doc.lang = dup_attr(r, r->doc_pool, attrs, "lang");
    push(r, X_DOCUMENT, "document");
}

static const char *const META_NAMES[] = {"title", "language", "author", "date", "publisher",
                                         "url", "description", NULL};

static int is_meta(const char *local)
{
    for (const char *const *m = META_NAMES; *m; m++)
        if (strcmp(*m, local) == 0)
            return 1;
    return 0;
}

static void start_note(xmlds_reader *r, xctx owner, const char **attrs)
{
    static const char *const known[] = {"lang", NULL};
    if (!attrs_known(r, "note", attrs, known))
        return;
    r->note = dbr_notes_add(owner_pool(r, owner), owner_notes(r, owner), "",
                            dbr_xml_attr(attrs, "lang"));
    if (!r->note)
        oom(r);
    push(r, X_NOTE, "note");
}

static void start_prop(xmlds_reader *r, xctx owner, const char **attrs)
{
    static const char *const known[] = {"key", NULL};
    if (!attrs_known(r, "prop", attrs, known))
        return;
    const char *key = dbr_xml_attr(attrs, "key");
    if (!key) {
        fail(r, "<prop> needs a key attribute");
        return;
    }
    r->prop_key = dbr_pool_strdup(owner_pool(r, owner), key);
    dbr_buf_clear(&r->text);
    push(r, X_PROP, "prop");
}

static void start_rich(xmlds_reader *r, dbr_rich *rich, const char *local, const char **attrs)
{
    static const char *const known[] = {NULL};
    if (!attrs_known(r, local, attrs, known))
        return;
    memset(rich, 0, sizeof *rich);
    r->rich = rich;
    dbr_buf_clear(&r->text);
    push(r, X_RICH, local);
}

static void start_block(xmlds_reader *r, const char **attrs)
{
    static const char *const known[] = {"kind", "level", "id", "lang", "page", "line", NULL};
    begin_doc_once(r);
    if (failed(r) || !attrs_known(r, "block", attrs, known))
        return;
    dbr_pool_reset(r->item_pool);
    memset(&r->block, 0, sizeof r->block);
    const char *kind = dbr_xml_attr(attrs, "kind");
    if (!kind) {
        fail(r, "<block> needs a kind attribute");
        return;
    }
    int k = dbr_block_kind_from_name(kind);
    if (k < 0) {
        fail(r, "unknown block kind=\"%s\"", kind);
        return;
    }
    r->block.kind = (dbr_block_kind)k;
    r->block.level = (int)int_attr(r, attrs, "level", 0, 0);
    r->block.id = dup_attr(r, r->item_pool, attrs, "id");
    r->block.lang = dup_attr(r, r->item_pool, attrs, "lang");
    r->block.page = (long)int_attr(r, attrs, "page", 0, 0);
    r->block.line = (long)int_attr(r, attrs, "line", 0, 0);
    r->in_block = 1;
    push(r, X_BLOCK, "block");
}

static void start_unit(xmlds_reader *r, const char **attrs)
{
    /* uid is derived and recomputed on write (formats/xml.md): accepted, not kept. */
    static const char *const known[] = {"uid", "id", "score", "bead", "origin", NULL};
    begin_doc_once(r);
    if (failed(r) || !attrs_known(r, "unit", attrs, known))
        return;
    dbr_pool_reset(r->item_pool);
    memset(&r->unit, 0, sizeof r->unit);
    r->unit.id = dup_attr(r, r->item_pool, attrs, "id");
    if (dbr_xml_attr(attrs, "score")) {
        r->unit.score = double_attr(r, attrs, "score");
        r->unit.has_score = 1;
    }
    r->unit.bead = dup_attr(r, r->item_pool, attrs, "bead");
    r->unit.origin = dup_attr(r, r->item_pool, attrs, "origin");
    r->in_block = 0;
    push(r, X_UNIT, "unit");
}

static void start_variant(xmlds_reader *r, const char **attrs)
{
    static const char *const known[] = {"lang", "state", NULL};
    if (!attrs_known(r, "variant", attrs, known))
        return;
    r->variant = dbr_unit_add_variant(r->item_pool, &r->unit, dbr_xml_attr(attrs, "lang"));
    if (!r->variant) {
        oom(r);
        return;
    }
    r->variant->state = dup_attr(r, r->item_pool, attrs, "state");
    push(r, X_VARIANT, "variant");
}

static void start_plural(xmlds_reader *r, const char **attrs)
{
    dbr_variant *v = r->variant;
    dbr_rich *p = grow(r, v->plurals, v->nplurals, sizeof *p);
    if (!p)
        return;
    v->plurals = p;
    start_rich(r, &p[v->nplurals++], "plural", attrs);
}

static int span_kind(const char *local)
{
    for (int k = DBR_SPAN_OPEN; k <= DBR_SPAN_MARK_CLOSE; k++)
        if (strcmp(local, xmlds_span_names[k]) == 0)
            return k;
    return -1;
}

static unsigned parse_flags(xmlds_reader *r, const char *v)
{
    unsigned flags = 0;
    while (v && *v) {
        size_t n = strcspn(v, " ");
        if (n == 8 && strncmp(v, "isolated", 8) == 0)
            flags |= DBR_SPAN_ISOLATED;
        else if (n == 10 && strncmp(v, "wellformed", 10) == 0)
            flags |= DBR_SPAN_WELLFORMED;
        else if (n)
            fail(r, "unknown code flag '%.*s' (expected isolated or wellformed)", (int)n, v);
        v += n;
        v += strspn(v, " ");
    }
    return flags;
}

static void start_code(xmlds_reader *r, int kind, const char *local, const char **attrs)
{
    static const char *const known[] = {"id", "data", "type", "origin", "flags", NULL};
    if (!attrs_known(r, local, attrs, known))
        return;
    flush_text_span(r);
    dbr_span *s = dbr_rich_add_code(r->item_pool, r->rich, (dbr_span_kind)kind,
                                    dbr_xml_attr(attrs, "id"), dbr_xml_attr(attrs, "data"));
    if (!s) {
        oom(r);
        return;
    }
    s->type = dup_attr(r, r->item_pool, attrs, "type");
    s->origin = dup_attr(r, r->item_pool, attrs, "origin");
    s->flags = parse_flags(r, dbr_xml_attr(attrs, "flags"));
    r->code = s;
    push(r, X_CODE, local);
}

/* <char u="XXXX"/>: a character XML 1.0 cannot carry, appended to the current text. */
static void start_char(xmlds_reader *r, const char **attrs)
{
    static const char *const known[] = {"u", NULL};
    if (!attrs_known(r, "char", attrs, known))
        return;
    const char *u = dbr_xml_attr(attrs, "u");
    char *end = NULL;
    unsigned long cp = u ? strtoul(u, &end, 16) : 0;
    if (!u || !*u || *end || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        fail(r, "<char> needs u=\"XXXX\", a hexadecimal code point other than 0");
        return;
    }
    char utf8[4];
    size_t n;
    if (cp < 0x80) {
        utf8[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        utf8[0] = (char)(0xC0 | (cp >> 6));
        utf8[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        utf8[0] = (char)(0xE0 | (cp >> 12));
        utf8[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        utf8[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        utf8[0] = (char)(0xF0 | (cp >> 18));
        utf8[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        utf8[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        utf8[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (dbr_buf_append(&r->text, utf8, n) != 0)
        oom(r);
    push(r, X_CHAR, "char");
}

static void start_provenance(xmlds_reader *r, const char **attrs)
{
    static const char *const known[] = {"source_path", "member", "format", "encoding",
                                        "encoding_confidence", "byte_size", "sha256",
                                        "invalid_bytes", "removed_controls", "converter",
                                        "created", NULL};
    begin_doc_once(r);
    if (failed(r) || !attrs_known(r, "provenance", attrs, known))
        return;
    r->saw_provenance = 1;
    dbr_provenance *p = &r->doc.prov;
    p->source_path = dup_attr(r, r->doc_pool, attrs, "source_path");
    p->member = dup_attr(r, r->doc_pool, attrs, "member");
    p->format = dup_attr(r, r->doc_pool, attrs, "format");
    p->encoding = dup_attr(r, r->doc_pool, attrs, "encoding");
    if (dbr_xml_attr(attrs, "encoding_confidence"))
        p->encoding_confidence = double_attr(r, attrs, "encoding_confidence");
    p->byte_size = int_attr(r, attrs, "byte_size", -1, -1);
    p->sha256 = dup_attr(r, r->doc_pool, attrs, "sha256");
    p->invalid_bytes = int_attr(r, attrs, "invalid_bytes", 0, 0);
    p->removed_controls = int_attr(r, attrs, "removed_controls", 0, 0);
    p->converter = dup_attr(r, r->doc_pool, attrs, "converter");
    p->created = dup_attr(r, r->doc_pool, attrs, "created");
    push(r, X_PROVENANCE, "provenance");
}

static void start_plain(xmlds_reader *r, xctx ctx, const char *local, const char **attrs)
{
    static const char *const known[] = {NULL};
    if (!attrs_known(r, local, attrs, known))
        return;
    dbr_buf_clear(&r->text);
    push(r, ctx, local);
}

/* The order dataset.rng prescribes inside <document>: metadata, then content, then the
 * provenance last. Checked here so a reordered file is an error, not silently re-sequenced. */
static int document_order_ok(xmlds_reader *r, const char *local)
{
    if (r->saw_provenance) {
        fail(r, "<%s> after <provenance>: the provenance is the document's last element", local);
        return 0;
    }
    int meta = is_meta(local) || !strcmp(local, "note") || !strcmp(local, "prop");
    /* <language> may also follow the content: a language first met after the metadata */
    if (meta && r->begun && strcmp(local, "language") != 0) {
        fail(r, "<%s> must come before the document's blocks and units", local);
        return 0;
    }
    return 1;
}

/* Dispatches on the parent's kind and the element's local name. */
static void start_child(xmlds_reader *r, xctx parent, const char *local, const char **attrs)
{
    if (parent == X_DOCUMENT && !document_order_ok(r, local))
        return;
    int text_parent = parent == X_META || parent == X_NOTE_TEXT || parent == X_PROP ||
                      parent == X_CELL || parent == X_RICH;
    if (text_parent && strcmp(local, "char") == 0)
        start_char(r, attrs);
    else if (parent == X_DATASET && !strcmp(local, "document"))
        start_document(r, attrs);
    else if (parent == X_DOCUMENT && is_meta(local))
        start_plain(r, X_META, local, attrs);
    else if (parent == X_DOCUMENT && !strcmp(local, "block"))
        start_block(r, attrs);
    else if (parent == X_DOCUMENT && !strcmp(local, "unit"))
        start_unit(r, attrs);
    else if (parent == X_DOCUMENT && !strcmp(local, "provenance"))
        start_provenance(r, attrs);
    else if ((parent == X_DOCUMENT || parent == X_UNIT || parent == X_VARIANT) &&
             !strcmp(local, "note"))
        start_note(r, parent, attrs);
    else if ((parent == X_DOCUMENT || parent == X_UNIT || parent == X_VARIANT ||
              parent == X_BLOCK || parent == X_NOTE || parent == X_CODE) &&
             !strcmp(local, "prop"))
        start_prop(r, parent, attrs);
    else if (parent == X_NOTE && !strcmp(local, "text"))
        start_plain(r, X_NOTE_TEXT, local, attrs);
    else if (parent == X_BLOCK && !strcmp(local, "text"))
        start_rich(r, &r->block.text, local, attrs);
    else if (parent == X_BLOCK && !strcmp(local, "cell"))
        start_plain(r, X_CELL, local, attrs);
    else if (parent == X_UNIT && !strcmp(local, "variant"))
        start_variant(r, attrs);
    else if (parent == X_VARIANT && !strcmp(local, "text"))
        start_rich(r, &r->variant->text, local, attrs);
    else if (parent == X_VARIANT && !strcmp(local, "plural"))
        start_plural(r, attrs);
    else if (parent == X_RICH && span_kind(local) > 0)
        start_code(r, span_kind(local), local, attrs);
    else
        fail(r, "unknown element <%s> in <%s>", local, top(r)->name);
}

static void on_start(void *ud, const char *name, const char **attrs)
{
    xmlds_reader *r = ud;
    if (failed(r))
        return;
    if (r->depth == 0) {
        start_root(r, name, attrs);
        return;
    }
    if (!dbr_xml_in_ns(name, XMLDS_NS)) {
        fail(r, "element <%s> in <%s> is not in the dataset namespace %s",
             dbr_xml_local(name), top(r)->name, XMLDS_NS);
        return;
    }
    if (r->depth == XMLDS_MAX_DEPTH) {
        fail(r, "elements nested deeper than the dataset allows");
        return;
    }
    start_child(r, top(r)->ctx, dbr_xml_local(name), attrs);
}

/* ---------- element ends and text ---------- */

static const char *text_dup(xmlds_reader *r, dbr_pool *pool)
{
    const char *s = dbr_pool_strndup(pool, r->text.data ? r->text.data : "", r->text.len);
    if (!s)
        oom(r);
    dbr_buf_clear(&r->text);
    return s;
}

static void add_string(xmlds_reader *r, const char ***arr, size_t *n, const char *s,
                       dbr_pool *pool)
{
    const char **a = dbr_pool_alloc(pool, (*n + 1) * sizeof *a);
    if (!a || !s) {
        oom(r);
        return;
    }
    if (*n)
        memcpy(a, *arr, *n * sizeof *a);
    a[(*n)++] = s;
    *arr = a;
}

static void end_meta(xmlds_reader *r, const char *local)
{
    const char *s = text_dup(r, r->doc_pool);
    dbr_doc *d = &r->doc;
    if (!strcmp(local, "language")) {
        for (size_t i = 0; s && i < d->nlangs; i++)
            if (!strcmp(d->langs[i], s))
                return; /* listed already */
        add_string(r, &d->langs, &d->nlangs, s, r->doc_pool);
    }
    else if (!strcmp(local, "author"))
        add_string(r, &d->authors, &d->nauthors, s, r->doc_pool);
    else
        *(!strcmp(local, "title")       ? &d->title
          : !strcmp(local, "date")      ? &d->date
          : !strcmp(local, "publisher") ? &d->publisher
          : !strcmp(local, "url")       ? &d->url
                                        : &d->description) = s;
}

static void on_end(void *ud, const char *name)
{
    (void)name;
    xmlds_reader *r = ud;
    if (failed(r) || r->depth == 0)
        return;
    frame *f = top(r);
    xctx parent = r->depth > 1 ? r->stack[r->depth - 2].ctx : X_ROOT;
    switch (f->ctx) {
    case X_META:
        end_meta(r, f->name);
        break;
    case X_NOTE_TEXT:
        r->note->text = text_dup(r, parent == X_NOTE && r->depth > 2 &&
                                            r->stack[r->depth - 3].ctx == X_DOCUMENT
                                        ? r->doc_pool : r->item_pool);
        break;
    case X_PROP: {
        dbr_pool *pool = owner_pool(r, parent == X_NOTE && r->depth > 2
                                           ? r->stack[r->depth - 3].ctx : parent);
        const char *v = text_dup(r, pool);
        if (v && dbr_props_add(pool, owner_props(r, parent), r->prop_key, v) != 0)
            oom(r);
        break;
    }
    case X_CELL:
        add_string(r, &r->block.cells, &r->block.ncells, text_dup(r, r->item_pool),
                   r->item_pool);
        break;
    case X_RICH:
        flush_text_span(r);
        break;
    case X_BLOCK:
        emit(r, dbr_sink_block(r->sink, &r->block));
        break;
    case X_UNIT:
        emit(r, dbr_sink_unit(r->sink, &r->unit));
        break;
    case X_DOCUMENT:
        begin_doc_once(r);
        if (!failed(r))
            emit(r, dbr_sink_end_document(r->sink, &r->doc));
        break;
    default:
        break;
    }
    r->depth--;
}

static int blank(const char *s, int len)
{
    for (int i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

static void on_text(void *ud, const char *s, int len)
{
    xmlds_reader *r = ud;
    if (failed(r) || r->depth == 0)
        return;
    xctx c = top(r)->ctx;
    if (c == X_META || c == X_NOTE_TEXT || c == X_PROP || c == X_CELL || c == X_RICH) {
        if (dbr_buf_append(&r->text, s, (size_t)len) != 0)
            oom(r);
    } else if (!blank(s, len)) {
        fail(r, "unexpected text in <%s> (only elements belong there)", top(r)->name);
    }
}

dbr_status xmlds_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    (void)state;
    xmlds_reader *r = dbr_calloc(1, sizeof *r);
    if (!r)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    r->job = job;
    r->sink = sink;
    r->doc_pool = dbr_pool_new();
    r->item_pool = dbr_pool_new();
    static const dbr_xml_handlers handlers = {.start = on_start, .end = on_end,
                                              .text = on_text};
    dbr_status st = DBR_FAILED;
    if (!r->doc_pool || !r->item_pool)
        dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    else if ((r->x = dbr_xml_new(job, &handlers, r, 1)) != NULL)
        st = dbr_xml_parse(r->x, in);
    if (st == DBR_OK && r->st != DBR_OK)
        st = r->st;
    if (st == DBR_OK && !r->saw_root)
        st = dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "no dataset element found");
    dbr_xml_free(r->x);
    dbr_pool_free(r->doc_pool);
    dbr_pool_free(r->item_pool);
    dbr_buf_free(&r->text);
    dbr_free(r);
    return st;
}
