/* tei_units.c - aligned translation units as parallel <div>s, one per language, whose <ab>
 * segments a <linkGrp type="translation"> ties together (formats/tei.md). Segments go into
 * one spool per language and the links into another, so units stream in any order and
 * number; tei_units_flush assembles them at the end of the document. */
#include "tei.h"

#include <string.h>
#include <strings.h>

static tei_spool *lang_spool(tei_writer *t, const char *lang)
{
    const char *l = lang && *lang ? lang : "und";
    for (size_t i = 0; i < t->nlangs; i++)
        if (strcasecmp(t->langs[i].lang, l) == 0)
            return &t->langs[i].spool;
    if (t->nlangs == TEI_MAX_LANGS) {
        dbr_job_fail(t->job, DBR_FAILED, 0, 0, -1,
                     "tei: more than %d languages in one document", TEI_MAX_LANGS);
        t->failed = 2;
        return NULL;
    }
    tei_lang_spool *ls = &t->langs[t->nlangs];
    snprintf(ls->lang, sizeof ls->lang, "%s", l);
    if (!ls->spool.w && tei_spool_open(&ls->spool) != 0) {
        t->failed = 1;
        return NULL;
    }
    t->nlangs++;
    return &ls->spool;
}

void tei_unit(tei_writer *t, const dbr_unit *u)
{
    char ids[TEI_MAX_LANGS * 48 + 64] = "";
    size_t used = 0;
    t->nunits++;
    t->dropped_meta += u->notes.count + u->props.count;
    for (size_t i = 0; i < u->nvariants && !t->failed; i++) {
        const dbr_variant *v = &u->variants[i];
        tei_spool *s = lang_spool(t, v->lang);
        if (!s)
            return;
        /* Unique across the corpus and a valid NCName whatever the unit's own id is. */
        char id[64];
        snprintf(id, sizeof id, "d%lu.u%lu.v%zu", t->ndocs, t->nunits, i + 1);
        tei_check(t, xmlTextWriterStartElement(s->w, BAD_CAST "ab"));
        tei_check(t, xmlTextWriterWriteAttribute(s->w, BAD_CAST "xml:id", BAD_CAST id));
        if (u->id)
            tei_check(t, xmlTextWriterWriteAttribute(s->w, BAD_CAST "n", BAD_CAST u->id));
        tei_rich(t, s->w, &v->text);
        tei_check(t, xmlTextWriterEndElement(s->w));
        t->dropped_meta += v->notes.count + v->props.count + v->nplurals;
        if (used + strlen(id) + 3 < sizeof ids)
            used += (size_t)snprintf(ids + used, sizeof ids - used, "%s#%s", used ? " " : "", id);
    }
    if (u->nvariants < 2)
        return;
    tei_check(t, xmlTextWriterStartElement(t->links.w, BAD_CAST "link"));
    tei_check(t, xmlTextWriterWriteAttribute(t->links.w, BAD_CAST "target", BAD_CAST ids));
    tei_check(t, xmlTextWriterEndElement(t->links.w));
}

void tei_units_flush(tei_writer *t)
{
    int any_link = 0;
    for (size_t i = 0; i < t->nlangs; i++) {
        tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "div"));
        tei_check(t, xmlTextWriterWriteAttribute(t->out, BAD_CAST "type", BAD_CAST "translation"));
        tei_check(t, xmlTextWriterWriteAttribute(t->out, BAD_CAST "xml:lang",
                                                 BAD_CAST t->langs[i].lang));
        tei_check(t, tei_spool_drain(&t->langs[i].spool, t->out));
        tei_check(t, xmlTextWriterFullEndElement(t->out));
    }
    if (t->links.f) {
        xmlTextWriterFlush(t->links.w);
        fflush(t->links.f);
        any_link = ftell(t->links.f) > 0;
    }
    if (any_link) {
        tei_check(t, xmlTextWriterStartElement(t->out, BAD_CAST "linkGrp"));
        tei_check(t, xmlTextWriterWriteAttribute(t->out, BAD_CAST "type", BAD_CAST "translation"));
        tei_check(t, tei_spool_drain(&t->links, t->out));
        tei_check(t, xmlTextWriterFullEndElement(t->out));
    }
    t->nlangs = 0; /* the spools stay open, emptied, for the next document */
}
