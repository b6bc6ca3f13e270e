/* tei_header.c - a document's <teiHeader>: titleStmt (title, authors), publicationStmt
 * (publisher or a note that it was converted, date, our id and URL as <idno>), notesStmt
 * (description and document notes), sourceDesc with our provenance (source file, archive
 * member, checksum, size, format, original encoding, converter, time), and profileDesc/langUsage
 * with every language. Written at end_document, when the provenance is complete. */
#include "tei.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static void el(tei_writer *t, const char *name, const char *a, const char *v, const char *text)
{
    xmlTextWriterPtr w = t->out;
    tei_check(t, xmlTextWriterStartElement(w, BAD_CAST name));
    if (a && v)
        tei_check(t, xmlTextWriterWriteAttribute(w, BAD_CAST a, BAD_CAST v));
    if (text) {
        dbr_rich r = {0};
        dbr_span s = {.kind = DBR_SPAN_TEXT, .text = text};
        r.spans = &s;
        r.count = 1;
        tei_rich(t, w, &r);
    }
    tei_check(t, xmlTextWriterEndElement(w));
}

static void open_el(tei_writer *t, const char *name)
{
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST name));
}

static void close_el(tei_writer *t) { tei_check(t, xmlTextWriterEndElement(t->out)); }

static void source_desc(tei_writer *t, const dbr_provenance *p)
{
    char buf[128];
    open_el(t, "sourceDesc");
    open_el(t, "bibl");
    el(t, "idno", "type", "path", p->source_path ? p->source_path : "-");
    if (p->member)
        el(t, "idno", "type", "member", p->member);
    if (p->sha256)
        el(t, "idno", "type", "sha256", p->sha256);
    if (p->byte_size >= 0) {
        /* <extent><measure> keeps the size machine-readable. */
        char text[64];
        snprintf(buf, sizeof buf, "%lld", p->byte_size);
        snprintf(text, sizeof text, "%lld bytes", p->byte_size);
        open_el(t, "extent");
        open_el(t, "measure");
        tei_check(t, xmlTextWriterWriteAttribute(t->out, BAD_CAST "unit", BAD_CAST "byte"));
        tei_check(t, xmlTextWriterWriteAttribute(t->out, BAD_CAST "quantity", BAD_CAST buf));
        tei_check(t, xmlTextWriterWriteString(t->out, BAD_CAST text));
        close_el(t);
        close_el(t);
    }
    if (p->format)
        el(t, "note", "type", "format", p->format);
    if (p->encoding) {
        snprintf(buf, sizeof buf, "%s (confidence %.2f)", p->encoding, p->encoding_confidence);
        el(t, "note", "type", "encoding", buf);
    }
    if (p->invalid_bytes || p->removed_controls) {
        snprintf(buf, sizeof buf, "%lld invalid byte(s) replaced, %lld control character(s) "
                 "removed", p->invalid_bytes, p->removed_controls);
        el(t, "note", "type", "repairs", buf);
    }
    if (p->converter)
        el(t, "note", "type", "converter", p->converter);
    if (p->created)
        el(t, "date", "when", p->created, p->created);
    close_el(t);
    close_el(t);
}

void tei_header(tei_writer *t, const dbr_doc *d)
{
    open_el(t, "teiHeader");
    open_el(t, "fileDesc");
    open_el(t, "titleStmt");
    el(t, "title", NULL, NULL, d->title ? d->title : d->id ? d->id : "untitled");
    for (size_t i = 0; i < d->nauthors; i++)
        el(t, "author", NULL, NULL, d->authors[i]);
    close_el(t);
    open_el(t, "publicationStmt");
    if (d->publisher)
        el(t, "publisher", NULL, NULL, d->publisher);
    else
        el(t, "authority", NULL, NULL, "converted by docbridge (not published)");
    if (d->id)
        el(t, "idno", "type", "docbridge", d->id);
    if (d->url)
        el(t, "idno", "type", "URI", d->url);
    if (d->date)
        el(t, "date", NULL, NULL, d->date);
    close_el(t);
    if (d->description || d->notes.count) {
        open_el(t, "notesStmt");
        if (d->description)
            el(t, "note", "type", "description", d->description);
        for (size_t i = 0; i < d->notes.count; i++)
            el(t, "note", d->notes.items[i].lang ? "xml:lang" : NULL, d->notes.items[i].lang,
               d->notes.items[i].text);
        close_el(t);
    }
    source_desc(t, &d->prov);
    close_el(t); /* fileDesc */
    if (d->nlangs || d->lang) {
        open_el(t, "profileDesc");
        open_el(t, "langUsage");
        if (d->lang)
            el(t, "language", "ident", d->lang, d->lang);
        for (size_t i = 0; i < d->nlangs; i++)
            if (!d->lang || strcasecmp(d->langs[i], d->lang) != 0)
                el(t, "language", "ident", d->langs[i], d->langs[i]);
        close_el(t);
        close_el(t);
    }
    close_el(t); /* teiHeader */
    t->dropped_meta += d->props.count;
}
