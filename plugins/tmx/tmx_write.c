/* tmx_write.c - the TMX writer: a streaming xmlTextWriter that turns document and unit events
 * into TMX 1.4b valid against the LISA DTD (formats/tmx.md).
 *
 * The header is written at the first begin_document (required attributes filled with
 * defaults when the source has none), each unit as one <tu> as soon as it arrives, and the
 * closing tags in finish(). Nothing is kept between units but a scratch pool reset per unit.
 * Blocks (monolingual documents) are refused: TMX holds translation units.
 */
#include "tmx.h"

#include "docbridge/convert.h"

#include <stdio.h>
#include <string.h>


static dbr_status tmx_wfail(tmx_writer *wr)
{
    if (!wr->job->err->message[0])
        dbr_job_fail(wr->job, DBR_FAILED, 0, 0, -1, "cannot write TMX output");
    return DBR_FAILED;
}

#define TMX_TRY(expr)                                                                        \
    do {                                                                                     \
        if ((expr) < 0)                                                                      \
            return tmx_wfail(wr);                                                            \
    } while (0)

/* ---------- header ---------- */

static const char *tmx_doc_attr(const dbr_doc *d, const char *name, const char *dflt)
{
    char key[64];
    snprintf(key, sizeof key, "%s%s", TMX_KEY_PREFIX, name);
    const char *v = dbr_props_get(&d->props, key);
    return v ? v : dflt;
}

static const char *const TMX_HEADER_ATTRS[] = {
    "creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang",
    "datatype", "o-encoding", "creationdate", "creationid", "changedate", "changeid", NULL};

static int tmx_header_attrs(tmx_writer *wr, const dbr_doc *d, const char *creationdate,
                            const char *changedate)
{
    const char *dflt[] = {"docbridge", dbr_version(), "sentence",
                          d->prov.format ? d->prov.format : "docbridge", "en",
                          d->lang ? d->lang : "*all*", "unknown", NULL, creationdate,
                          NULL, changedate, NULL};
    for (size_t i = 0; TMX_HEADER_ATTRS[i]; i++) {
        const char *name = TMX_HEADER_ATTRS[i];
        const char *v = !strcmp(name, "srclang") && d->lang ? d->lang
                                                            : tmx_doc_attr(d, name, dflt[i]);
        if (tmx_write_attr(wr, name, v) < 0)
            return -1;
    }
    return tmx_attr_props(wr, &d->props, TMX_HEADER_ATTRS);
}

/* Model fields TMX has no attribute for travel as x-docbridge-* props. */
static int tmx_doc_fields(tmx_writer *wr, const dbr_doc *d, int date_done)
{
    const char *types[] = {TMX_X_TITLE, TMX_X_PUBLISHER, TMX_X_URL, TMX_X_DESCRIPTION,
                           TMX_X_DATE};
    const char *values[] = {d->title, d->publisher, d->url, d->description,
                            date_done ? NULL : d->date};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (values[i] && tmx_text_element(wr, 2, "prop", types[i], values[i]) < 0)
            return -1;
    for (size_t i = 0; i < d->nauthors; i++)
        if (tmx_text_element(wr, 2, "prop", TMX_X_AUTHOR, d->authors[i]) < 0)
            return -1;
    return 0;
}

static int tmx_header_has_children(const dbr_doc *d, int date_done)
{
    if (d->notes.count || !date_done || d->title || d->publisher || d->url || d->description ||
        d->nauthors)
        return 1;
    for (size_t i = 0; i < d->props.count; i++)
        if (tmx_key_prop_type(d->props.items[i].key) || !strcmp(d->props.items[i].key, TMX_KEY_UDE))
            return 1;
    return 0;
}

/* The header dates other formats carry, in TMX form: the document date or XLIFF 1.2's file
 * date or PO's POT-Creation-Date for creationdate, PO's PO-Revision-Date for changedate. The
 * source properties are written as props as well, so nothing depends on this guess. */
static void tmx_foreign_dates(const dbr_doc *d, char *created, char *changed, size_t cap)
{
    const char *xd = dbr_props_get(&d->props, "xliff:date");
    const char *pc = dbr_props_get(&d->props, "po:header:POT-Creation-Date");
    const char *pr = dbr_props_get(&d->props, "po:header:PO-Revision-Date");
    created[0] = changed[0] = '\0';
    if (!(d->date && tmx_date_from_iso(d->date, created, cap)) &&
        !(xd && tmx_date_from_iso(xd, created, cap)) && !(pc && tmx_date_from_po(pc, created, cap)))
        created[0] = '\0';
    if (!(pr && tmx_date_from_po(pr, changed, cap)))
        changed[0] = '\0';
}

static dbr_status tmx_write_header(tmx_writer *wr, const dbr_doc *d)
{
    char created[32], changed[32];
    tmx_foreign_dates(d, created, changed, sizeof created);
    const char *creationdate = created[0] ? created : NULL;
    /* doc.date goes into creationdate unless a tmx:creationdate wins or it has no TMX form;
     * then it travels as an x-docbridge-date prop */
    char iso[32];
    int date_done = !d->date || (!dbr_props_get(&d->props, TMX_KEY_PREFIX "creationdate") &&
                                 tmx_date_from_iso(d->date, iso, sizeof iso));
    TMX_TRY(xmlTextWriterStartDocument(wr->w, "1.0", "UTF-8", NULL));
    TMX_TRY(xmlTextWriterStartElement(wr->w, BAD_CAST "tmx"));
    TMX_TRY(tmx_write_attr(wr, "version", "1.4"));
    TMX_TRY(tmx_indent(wr, 1));
    TMX_TRY(xmlTextWriterStartElement(wr->w, BAD_CAST "header"));
    TMX_TRY(tmx_header_attrs(wr, d, creationdate, changed[0] ? changed : NULL));
    TMX_TRY(tmx_notes(wr, 2, &d->notes));
    TMX_TRY(tmx_doc_fields(wr, d, date_done));
    TMX_TRY(tmx_props(wr, 2, &d->props));
    TMX_TRY(tmx_udes(wr, &d->props));
    if (tmx_header_has_children(d, date_done))
        TMX_TRY(tmx_indent(wr, 1));
    TMX_TRY(xmlTextWriterEndElement(wr->w));
    TMX_TRY(tmx_indent(wr, 1));
    TMX_TRY(xmlTextWriterStartElement(wr->w, BAD_CAST "body"));
    wr->header_done = 1;
    dbr_free(wr->src_lang);
    wr->src_lang = dbr_strdup(d->lang);
    return DBR_OK;
}

/* ---------- sink callbacks ---------- */

static dbr_status tmx_begin_document(void *self, const dbr_doc *d)
{
    tmx_writer *wr = self;
    wr->ndocs++;
    if (!wr->header_done)
        return tmx_write_header(wr, d);
    if (d->notes.count || d->props.count)
        dbr_job_warn(wr->job, 0, 0,
                     "document %u: its header notes and properties are not written (a TMX "
                     "file has one header, the first document's); its units are", wr->ndocs);
    return DBR_OK;
}

enum { TMX_SKIPS_DETAILED = 3 };

static dbr_status tmx_refuse(tmx_writer *wr, const char *what)
{
    if (wr->lenient) {
        /* The first few in detail, the rest only in the count at the end: a long document's
         * blocks would otherwise flood standard error with a line each. */
        if (wr->skipped < TMX_SKIPS_DETAILED)
            dbr_job_warn(wr->job, 0, 0, "%s; skipped (--lenient)", what);
        else if (wr->skipped == TMX_SKIPS_DETAILED)
            dbr_job_warn(wr->job, 0, 0, "further skipped units and blocks are only counted");
        wr->skipped++;
        return DBR_OK;
    }
    return dbr_job_fail(wr->job, DBR_FAILED, 0, 0, -1, "%s (use --lenient to skip it)", what);
}

static dbr_status tmx_block(void *self, const dbr_block *b)
{
    tmx_writer *wr = self;
    char what[256], where[64] = "";
    if (b->line)
        snprintf(where, sizeof where, " (block from line %ld)", b->line);
    snprintf(what, sizeof what,
             "tmx holds translation units, not %s blocks%s: align the monolingual documents "
             "first (docbridge align)", dbr_block_kind_name(b->kind), where);
    return tmx_refuse(wr, what);
}

static const char *tmx_variant_lang(tmx_writer *wr, const dbr_unit *u, size_t i)
{
    if (u->variants[i].lang)
        return u->variants[i].lang;
    return i == 0 ? wr->src_lang : NULL;
}

static dbr_status tmx_check_unit(tmx_writer *wr, const dbr_unit *u)
{
    char what[512];
    const char *id = u->id ? u->id : "(no id)";
    if (u->nvariants < 2) {
        snprintf(what, sizeof what,
                 "unit %lld '%s' has %zu variant%s: a TMX <tu> needs two or more languages",
                 wr->nunits, id, u->nvariants, u->nvariants == 1 ? "" : "s");
        return tmx_refuse(wr, what) == DBR_OK ? DBR_WARN : DBR_FAILED;
    }
    for (size_t i = 0; i < u->nvariants; i++)
        if (!tmx_variant_lang(wr, u, i)) {
            snprintf(what, sizeof what, "unit %lld '%s': variant %zu has no language "
                                        "(tmx needs xml:lang on every tuv)",
                     wr->nunits, id, i + 1);
            return tmx_refuse(wr, what) == DBR_OK ? DBR_WARN : DBR_FAILED;
        }
    return DBR_OK;
}

static int tmx_unit_fields(tmx_writer *wr, const dbr_unit *u)
{
    char score[40];
    if (u->has_score) {
        tmx_format_double(u->score, score, sizeof score);
        if (tmx_text_element(wr, 3, "prop", TMX_X_SCORE, score) < 0)
            return -1;
    }
    if ((u->bead && tmx_text_element(wr, 3, "prop", TMX_X_BEAD, u->bead) < 0) ||
        (u->origin && tmx_text_element(wr, 3, "prop", TMX_X_ORIGIN, u->origin) < 0))
        return -1;
    return 0;
}

static int tmx_variant_fields(tmx_writer *wr, const dbr_variant *v)
{
    if (v->state && tmx_text_element(wr, 4, "prop", TMX_X_STATE, v->state) < 0)
        return -1;
    for (size_t p = 0; p < v->nplurals; p++) {
        const char *text = dbr_rich_plain_dup(wr->scratch, &v->plurals[p]);
        if (!text || tmx_text_element(wr, 4, "prop", TMX_X_PLURAL, text) < 0)
            return -1;
    }
    return 0;
}

static dbr_status tmx_write_variant(tmx_writer *wr, const dbr_unit *u, size_t i)
{
    static const char *const skip[] = {"xml:lang", NULL};
    const dbr_variant *v = &u->variants[i];
    TMX_TRY(tmx_indent(wr, 3));
    TMX_TRY(xmlTextWriterStartElement(wr->w, BAD_CAST "tuv"));
    TMX_TRY(tmx_write_attr(wr, "xml:lang", tmx_variant_lang(wr, u, i)));
    TMX_TRY(tmx_attr_props(wr, &v->props, skip));
    TMX_TRY(tmx_notes(wr, 4, &v->notes));
    TMX_TRY(tmx_variant_fields(wr, v));
    TMX_TRY(tmx_props(wr, 4, &v->props));
    TMX_TRY(tmx_indent(wr, 4));
    TMX_TRY(xmlTextWriterStartElement(wr->w, BAD_CAST "seg"));
    if (tmx_write_rich(wr, &v->text) != DBR_OK)
        return tmx_wfail(wr);
    TMX_TRY(xmlTextWriterEndElement(wr->w));
    TMX_TRY(tmx_indent(wr, 3));
    TMX_TRY(xmlTextWriterEndElement(wr->w));
    return DBR_OK;
}

static dbr_status tmx_unit(void *self, const dbr_unit *u)
{
    static const char *const skip[] = {"tuid", NULL};
    tmx_writer *wr = self;
    wr->nunits++;
    dbr_status st = tmx_check_unit(wr, u);
    if (st != DBR_OK)
        return st == DBR_WARN ? DBR_OK : st;
    dbr_pool_reset(wr->scratch);
    TMX_TRY(tmx_indent(wr, 2));
    TMX_TRY(xmlTextWriterStartElement(wr->w, BAD_CAST "tu"));
    TMX_TRY(tmx_write_attr(wr, "tuid", u->id));
    TMX_TRY(tmx_attr_props(wr, &u->props, skip));
    TMX_TRY(tmx_notes(wr, 3, &u->notes));
    TMX_TRY(tmx_unit_fields(wr, u));
    TMX_TRY(tmx_props(wr, 3, &u->props));
    for (size_t i = 0; i < u->nvariants; i++)
        if ((st = tmx_write_variant(wr, u, i)) != DBR_OK)
            return st;
    TMX_TRY(tmx_indent(wr, 2));
    TMX_TRY(xmlTextWriterEndElement(wr->w));
    wr->written++;
    return DBR_OK;
}

const dbr_sink_ops tmx_write_sink_ops = {
    .begin_document = tmx_begin_document,
    .block = tmx_block,
    .unit = tmx_unit,
};

dbr_status tmx_write_open(void *state, dbr_job *job, dbr_output *out)
{
    tmx_writer *wr = state;
    wr->job = job;
    wr->lenient = dbr_options_get_bool(job->opts, "lenient", 0);
    wr->scratch = dbr_pool_new();
    if (!wr->scratch)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    wr->w = dbr_xml_writer_new(out, job->err, 0);
    return wr->w ? DBR_OK : DBR_FAILED;
}

dbr_status tmx_write_finish(void *state)
{
    tmx_writer *wr = state;
    if (!wr->header_done) {
        dbr_doc empty;
        dbr_doc_init(&empty);
        dbr_status st = tmx_write_header(wr, &empty);
        if (st != DBR_OK)
            return st;
    }
    if (wr->written)
        TMX_TRY(tmx_indent(wr, 1));
    TMX_TRY(xmlTextWriterEndElement(wr->w)); /* body */
    TMX_TRY(xmlTextWriterWriteRawLen(wr->w, BAD_CAST "\n", 1));
    TMX_TRY(xmlTextWriterEndElement(wr->w)); /* tmx */
    TMX_TRY(xmlTextWriterEndDocument(wr->w));
    if (wr->replaced_chars)
        dbr_job_warn(wr->job, 0, 0,
                     "%lld character%s not allowed in XML 1.0 (control characters, U+FFFE, "
                     "U+FFFF) written as U+FFFD", wr->replaced_chars,
                     wr->replaced_chars == 1 ? "" : "s");
    if (wr->skipped)
        dbr_job_warn(wr->job, 0, 0, "%lld unit%s or block%s skipped (--lenient)", wr->skipped,
                     wr->skipped == 1 ? "" : "s", wr->skipped == 1 ? "" : "s");
    return dbr_xml_writer_finish(wr->w, wr->job->err);
}

void tmx_write_cleanup(void *state)
{
    tmx_writer *wr = state;
    dbr_xml_writer_free(wr->w);
    dbr_pool_free(wr->scratch);
    dbr_free(wr->src_lang);
}
