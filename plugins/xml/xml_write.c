/* xml_write.c - the `xml` writer: docbridge's dataset XML through libxml2's streaming
 * xmlTextWriter (formats/xml.md). Memory stays flat: each event is written and flushed.
 *
 * Indentation is written by hand, only between elements of element-only content, so the
 * whitespace inside text-bearing elements (text, prop, cell...) is exactly the model's.
 * Characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return;
 * U+FFFE, U+FFFF) become <char u="XXXX"/> in text; in an attribute they are an error. */
#include "xml_dataset.h"

#include "docbridge/convert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct xmlds_writer {
    dbr_job *job;
    xmlTextWriterPtr w;
    int started;     /* root written */
    int failed;      /* an xmlTextWriter call failed (2: and job->err is filled) */
    dbr_buf scratch; /* a slice of text being written */
    uint64_t uid_seed;   /* dbr_unit_id_seed(the current document's id) */
    unsigned long units; /* units so far in this document */
    size_t langs_written; /* <language> elements the document's metadata had */
} xmlds_writer;

const char *const xmlds_span_names[6] = {"text", "open", "close", "placeholder", "mark_open",
                                         "mark_close"};

void xmlds_format_double(double v, char *buf, size_t cap)
{
    if (isnan(v)) {
        snprintf(buf, cap, "NaN");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, cap, "%sINF", v < 0 ? "-" : "");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, cap, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

static void check(xmlds_writer *x, int rc)
{
    if (rc < 0)
        x->failed = 1;
}

static void indent(xmlds_writer *x, int depth)
{
    static const char spaces[] = "\n                                ";
    int n = 1 + 2 * depth;
    if (n > (int)sizeof spaces - 1)
        n = (int)sizeof spaces - 1;
    check(x, xmlTextWriterWriteRawLen(x->w, BAD_CAST spaces, n));
}

static void start(xmlds_writer *x, int depth, const char *name)
{
    indent(x, depth);
    check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void end_indented(xmlds_writer *x, int depth)
{
    indent(x, depth);
    check(x, xmlTextWriterFullEndElement(x->w));
}

static void end(xmlds_writer *x) { check(x, xmlTextWriterEndElement(x->w)); }

/* Length of the XML-illegal character at s, or 0 when s starts a legal one. */
static size_t illegal_at(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x20 && s[0] != '\t' && s[0] != '\n' && s[0] != '\r') {
        *cp = s[0];
        return 1;
    }
    if (s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF)) {
        *cp = s[2] == 0xBE ? 0xFFFE : 0xFFFF;
        return 3;
    }
    return 0;
}

static void attr(xmlds_writer *x, const char *name, const char *value)
{
    if (!value || x->failed)
        return;
    unsigned cp = 0;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++)
        if (illegal_at(p, &cp)) {
            dbr_job_fail(x->job, DBR_FAILED, 0, 0, -1,
                         "attribute %s=\"...\" holds U+%04X, which XML 1.0 cannot carry", name,
                         cp);
            x->failed = 2;
            return;
        }
    check(x, dbr_xml_write_attribute(x->w, name, value)); /* DEL, C1 as &#x85; (xml.h) */
}

static void attr_long(xmlds_writer *x, const char *name, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    attr(x, name, buf);
}

/* Text content, with XML-illegal characters as <char u="XXXX"/> and DEL and the C1 controls
 * as character references (xml.h: raw, a reader's input layer would remove them). */
static void text(xmlds_writer *x, const char *s)
{
    const unsigned char *run = (const unsigned char *)s, *p = run;
    unsigned cp = 0;
    for (;;) {
        size_t ref = *p ? dbr_xml_del_or_c1((const char *)p) : 0;
        size_t n = *p && !ref ? illegal_at(p, &cp) : 0;
        if (*p && !n && !ref) {
            p++;
            continue;
        }
        if (p > run) {
            dbr_buf_clear(&x->scratch);
            if (dbr_buf_append(&x->scratch, run, (size_t)(p - run)) != 0)
                x->failed = 1;
            else
                check(x, xmlTextWriterWriteString(x->w, BAD_CAST x->scratch.data));
        }
        if (!*p)
            return;
        if (ref) {
            check(x, dbr_xml_write_charref(x->w, (const char *)p, ref));
            run = p += ref;
            continue;
        }
        char hex[8];
        snprintf(hex, sizeof hex, "%04X", cp);
        check(x, xmlTextWriterStartElement(x->w, BAD_CAST "char"));
        check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST "u", BAD_CAST hex));
        end(x);
        run = p += n;
    }
}

/* <name>text</name> at depth, skipped when s is NULL. */
static void text_element(xmlds_writer *x, int depth, const char *name, const char *s)
{
    if (!s)
        return;
    start(x, depth, name);
    text(x, s);
    check(x, xmlTextWriterFullEndElement(x->w));
}

static void props(xmlds_writer *x, int depth, const dbr_props *p)
{
    for (size_t i = 0; i < p->count; i++) {
        start(x, depth, "prop");
        attr(x, "key", p->items[i].key);
        text(x, p->items[i].value);
        check(x, xmlTextWriterFullEndElement(x->w));
    }
}

static void notes(xmlds_writer *x, int depth, const dbr_notes *n)
{
    for (size_t i = 0; i < n->count; i++) {
        const dbr_note *note = &n->items[i];
        start(x, depth, "note");
        attr(x, "lang", note->lang);
        text_element(x, depth + 1, "text", note->text ? note->text : "");
        props(x, depth + 1, &note->props);
        end_indented(x, depth);
    }
}

/* A code inside rich text: an element named after its kind; its attrs as <prop> children
 * (kept on the same line: inside mixed content any whitespace would become text). */
static void code(xmlds_writer *x, const dbr_span *s)
{
    unsigned k = (unsigned)s->kind;
    check(x, xmlTextWriterStartElement(x->w, BAD_CAST(k < 6 ? xmlds_span_names[k] : "placeholder")));
    attr(x, "id", s->id);
    attr(x, "data", s->text);
    attr(x, "type", s->type);
    attr(x, "origin", s->origin);
    if (s->flags & (DBR_SPAN_ISOLATED | DBR_SPAN_WELLFORMED))
        attr(x, "flags", (s->flags & DBR_SPAN_ISOLATED) && (s->flags & DBR_SPAN_WELLFORMED)
                             ? "isolated wellformed"
                         : (s->flags & DBR_SPAN_ISOLATED) ? "isolated" : "wellformed");
    for (size_t i = 0; i < s->attrs.count; i++) {
        check(x, xmlTextWriterStartElement(x->w, BAD_CAST "prop"));
        attr(x, "key", s->attrs.items[i].key);
        text(x, s->attrs.items[i].value);
        check(x, xmlTextWriterFullEndElement(x->w));
    }
    end(x);
}

static void rich(xmlds_writer *x, int depth, const char *name, const dbr_rich *r)
{
    start(x, depth, name);
    for (size_t i = 0; i < r->count; i++) {
        if (r->spans[i].kind == DBR_SPAN_TEXT)
            text(x, r->spans[i].text);
        else
            code(x, &r->spans[i]);
    }
    end(x);
}

static dbr_status status(xmlds_writer *x)
{
    if (x->failed == 1)
        return dbr_job_fail(x->job, DBR_FAILED, 0, 0, -1, "cannot write XML output");
    return x->failed ? DBR_FAILED : DBR_OK;
}

dbr_status xmlds_writer_open(void *state, dbr_job *job, dbr_output *out)
{
    xmlds_writer *x = dbr_calloc(1, sizeof *x);
    if (!x)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    *(xmlds_writer **)state = x;
    x->job = job;
    x->w = dbr_xml_writer_new(out, job->err, 0);
    return x->w ? DBR_OK : DBR_FAILED;
}

static void root(xmlds_writer *x)
{
    if (x->started)
        return;
    x->started = 1;
    check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
    check(x, xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "dataset", BAD_CAST XMLDS_NS));
    attr(x, "version", XMLDS_VERSION);
}

static dbr_status xmlds_begin_dataset(void *self)
{
    xmlds_writer *x = *(xmlds_writer **)self;
    root(x);
    return status(x);
}

static dbr_status xmlds_begin_document(void *self, const dbr_doc *d)
{
    xmlds_writer *x = *(xmlds_writer **)self;
    root(x);
    x->uid_seed = dbr_unit_id_seed(d->id);
    x->units = 0;
    x->langs_written = d->nlangs;
    start(x, 1, "document");
    attr(x, "id", d->id);
    attr(x, "lang", d->lang);
    text_element(x, 2, "title", d->title);
    for (size_t i = 0; i < d->nlangs; i++)
        text_element(x, 2, "language", d->langs[i]);
    for (size_t i = 0; i < d->nauthors; i++)
        text_element(x, 2, "author", d->authors[i]);
    text_element(x, 2, "date", d->date);
    text_element(x, 2, "publisher", d->publisher);
    text_element(x, 2, "url", d->url);
    text_element(x, 2, "description", d->description);
    notes(x, 2, &d->notes);
    props(x, 2, &d->props);
    return status(x);
}

static dbr_status xmlds_block(void *self, const dbr_block *b)
{
    xmlds_writer *x = *(xmlds_writer **)self;
    start(x, 2, "block");
    attr(x, "kind", dbr_block_kind_name(b->kind));
    if (b->level)
        attr_long(x, "level", b->level);
    attr(x, "id", b->id);
    attr(x, "lang", b->lang);
    if (b->page)
        attr_long(x, "page", b->page);
    if (b->line)
        attr_long(x, "line", b->line);
    rich(x, 3, "text", &b->text);
    for (size_t i = 0; i < b->ncells; i++)
        text_element(x, 3, "cell", b->cells[i]);
    props(x, 3, &b->props);
    end_indented(x, 2);
    return status(x);
}

static void variant(xmlds_writer *x, const dbr_variant *v)
{
    start(x, 3, "variant");
    attr(x, "lang", v->lang);
    attr(x, "state", v->state);
    rich(x, 4, "text", &v->text);
    for (size_t i = 0; i < v->nplurals; i++)
        rich(x, 4, "plural", &v->plurals[i]);
    notes(x, 4, &v->notes);
    props(x, 4, &v->props);
    end_indented(x, 3);
}

static dbr_status xmlds_unit(void *self, const dbr_unit *u)
{
    xmlds_writer *x = *(xmlds_writer **)self;
    start(x, 2, "unit");
    /* The derived uid, by the json writers' rule (formats/json.md), so both give the same. */
    char uid[40];
    dbr_make_unit_id(x->uid_seed, ++x->units, uid);
    attr(x, "uid", uid);
    attr(x, "id", u->id);
    if (u->has_score) {
        char buf[40];
        xmlds_format_double(u->score, buf, sizeof buf);
        attr(x, "score", buf);
    }
    attr(x, "bead", u->bead);
    attr(x, "origin", u->origin);
    for (size_t i = 0; i < u->nvariants; i++)
        variant(x, &u->variants[i]);
    notes(x, 3, &u->notes);
    props(x, 3, &u->props);
    if (u->nvariants || u->notes.count || u->props.count)
        end_indented(x, 2);
    else
        end(x);
    return status(x);
}

static dbr_status xmlds_end_document(void *self, const dbr_doc *d)
{
    xmlds_writer *x = *(xmlds_writer **)self;
    const dbr_provenance *p = &d->prov;
    char conf[40];
    xmlds_format_double(p->encoding_confidence, conf, sizeof conf);
    /* Languages first met after the metadata was written (a TMX unit's third, a PDF's second):
     * listed before the provenance, so the document is whole when it ends. */
    for (size_t i = x->langs_written; i < d->nlangs; i++)
        text_element(x, 2, "language", d->langs[i]);
    start(x, 2, "provenance");
    attr(x, "source_path", p->source_path);
    attr(x, "member", p->member);
    attr(x, "format", p->format);
    attr(x, "encoding", p->encoding);
    attr(x, "encoding_confidence", conf);
    attr_long(x, "byte_size", p->byte_size);
    attr(x, "sha256", p->sha256);
    attr_long(x, "invalid_bytes", p->invalid_bytes);
    attr_long(x, "removed_controls", p->removed_controls);
    attr(x, "converter", p->converter);
    attr(x, "created", p->created);
    end(x);
    end_indented(x, 1);
    return status(x);
}

static dbr_status xmlds_end_dataset(void *self)
{
    xmlds_writer *x = *(xmlds_writer **)self;
    root(x);
    indent(x, 0);
    check(x, xmlTextWriterFullEndElement(x->w));
    check(x, xmlTextWriterEndDocument(x->w));
    return status(x);
}

dbr_status xmlds_writer_finish(void *state)
{
    xmlds_writer *x = *(xmlds_writer **)state;
    dbr_status st = status(x);
    return st == DBR_OK ? dbr_xml_writer_finish(x->w, x->job->err) : st;
}

void xmlds_writer_cleanup(void *state)
{
    xmlds_writer *x = *(xmlds_writer **)state;
    if (!x)
        return;
    dbr_xml_writer_free(x->w);
    dbr_buf_free(&x->scratch);
    dbr_free(x);
}

const dbr_sink_ops xmlds_sink_ops = {
    .begin_dataset = xmlds_begin_dataset,
    .begin_document = xmlds_begin_document,
    .block = xmlds_block,
    .unit = xmlds_unit,
    .end_document = xmlds_end_document,
    .end_dataset = xmlds_end_dataset,
};
