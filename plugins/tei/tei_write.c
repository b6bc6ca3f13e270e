/* tei_write.c - the `tei` writer's events: a <teiCorpus> (a dataset may hold many documents
 * and the writer cannot know how many in advance) with one <TEI> per document, assembled at
 * end_document from the spools (tei.h). Output is indented by xmlTextWriter except inside
 * mixed content, and deterministic. */
#include "tei.h"

#include <string.h>

static tei_writer *self_of(void *state) { return *(tei_writer **)state; }

static dbr_status tei_status(tei_writer *t)
{
    if (t->failed == 1)
        return dbr_job_fail(t->job, DBR_FAILED, 0, 0, -1, "cannot write TEI output");
    return t->failed ? DBR_FAILED : DBR_OK;
}

dbr_status tei_writer_open(void *state, dbr_job *job, dbr_output *out);
dbr_status tei_writer_open(void *state, dbr_job *job, dbr_output *out)
{
    tei_writer *t = dbr_calloc(1, sizeof *t);
    if (!t)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    *(tei_writer **)state = t;
    t->job = job;
    t->out = dbr_xml_writer_new(out, job->err, 1);
    if (!t->out)
        return DBR_FAILED;
    if (tei_spool_open(&t->body) != 0 || tei_spool_open(&t->links) != 0)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "tei: cannot create a temporary file");
    return DBR_OK;
}

static void tei_root(tei_writer *t)
{
    if (t->started)
        return;
    t->started = 1;
    tei_check(t, xmlTextWriterStartDocument(t->out, "1.0", "UTF-8", NULL));
    tei_check(t, xmlTextWriterStartElementNS(t->out, NULL, BAD_CAST "teiCorpus",
                                             BAD_CAST TEI_NS));
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "teiHeader"));
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "fileDesc"));
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "titleStmt"));
    tei_check(t, xmlTextWriterWriteElement(t->out, BAD_CAST "title",
                                           BAD_CAST "docbridge dataset"));
    tei_check(t, xmlTextWriterEndElement(t->out));
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "publicationStmt"));
    tei_check(t, xmlTextWriterWriteElement(t->out, BAD_CAST "p",
                                           BAD_CAST "Converted by docbridge."));
    tei_check(t, xmlTextWriterEndElement(t->out));
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "sourceDesc"));
    tei_check(t, xmlTextWriterWriteElement(t->out, BAD_CAST "p",
                                           BAD_CAST "See the header of each TEI document."));
    tei_check(t, xmlTextWriterEndElement(t->out));
    tei_check(t, xmlTextWriterEndElement(t->out));
    tei_check(t, xmlTextWriterEndElement(t->out));
}

static dbr_status tei_begin_dataset(void *self)
{
    tei_writer *t = self_of(self);
    tei_root(t);
    return tei_status(t);
}

static dbr_status tei_begin_document(void *self, const dbr_doc *d)
{
    tei_writer *t = self_of(self);
    tei_root(t);
    t->ndocs++;
    t->nunits = 0;
    t->ndivs = t->lists = t->table = 0;
    dbr_free(t->doc_lang);
    t->doc_lang = dbr_strdup(d->lang);
    return tei_status(t);
}

static dbr_status tei_block(void *self, const dbr_block *b)
{
    tei_writer *t = self_of(self);
    tei_body_block(t, b);
    return tei_status(t);
}

static dbr_status tei_unit_event(void *self, const dbr_unit *u)
{
    tei_writer *t = self_of(self);
    tei_unit(t, u);
    return tei_status(t);
}

static dbr_status tei_end_document(void *self, const dbr_doc *d)
{
    tei_writer *t = self_of(self);
    tei_body_close_all(t);
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "TEI"));
    if (d->lang)
        tei_check(t, xmlTextWriterWriteAttribute(t->out, BAD_CAST "xml:lang", BAD_CAST d->lang));
    tei_header(t, d);
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "text"));
    tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "body"));
    xmlTextWriterFlush(t->body.w);
    fflush(t->body.f);
    int empty = ftell(t->body.f) == 0 && t->nlangs == 0;
    tei_check(t, tei_spool_drain(&t->body, t->out));
    tei_units_flush(t);
    if (empty) /* TEI wants something in a body */
        tei_check(t, xmlTextWriterWriteElement(t->out, BAD_CAST "p", BAD_CAST ""));
    tei_check(t, xmlTextWriterFullEndElement(t->out)); /* body */
    tei_check(t, xmlTextWriterEndElement(t->out));     /* text */
    tei_check(t, xmlTextWriterEndElement(t->out));     /* TEI */
    return tei_status(t);
}

static dbr_status tei_end_dataset(void *self)
{
    tei_writer *t = self_of(self);
    tei_root(t);
    tei_check(t, xmlTextWriterEndDocument(t->out));
    return tei_status(t);
}

dbr_status tei_writer_finish(void *state);
dbr_status tei_writer_finish(void *state)
{
    tei_writer *t = self_of(state);
    if (t->dropped_codes)
        dbr_job_warn(t->job, 0, 0,
                     "tei: %lu inline code(s) kept only as <anchor/>; the json and xml datasets "
                     "keep them", t->dropped_codes);
    if (t->dropped_meta)
        dbr_job_warn(t->job, 0, 0,
                     "tei: %lu note(s), property(ies), plural form(s) or unwritable character(s) "
                     "not carried; the json and xml datasets keep them", t->dropped_meta);
    dbr_status st = tei_status(t);
    return st == DBR_OK ? dbr_xml_writer_finish(t->out, t->job->err) : st;
}

void tei_writer_cleanup(void *state);
void tei_writer_cleanup(void *state)
{
    tei_writer *t = self_of(state);
    if (!t)
        return;
    dbr_xml_writer_free(t->out);
    tei_spool_close(&t->body);
    tei_spool_close(&t->links);
    for (size_t i = 0; i < TEI_MAX_LANGS; i++)
        tei_spool_close(&t->langs[i].spool);
    dbr_free(t->doc_lang);
    dbr_free(t);
}

const dbr_sink_ops tei_sink_ops = {
    .begin_dataset = tei_begin_dataset,
    .begin_document = tei_begin_document,
    .block = tei_block,
    .unit = tei_unit_event,
    .end_document = tei_end_document,
    .end_dataset = tei_end_dataset,
};
