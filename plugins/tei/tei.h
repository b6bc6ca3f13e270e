/* tei.h - what the `tei` writer's files share (formats/tei.md).
 *
 * Why spools: TEI wants the teiHeader (with the source checksum) before the text, but a
 * streamed input's checksum is only known when its document ends, and aligned units go into
 * one parallel <div> per language. So each document's body, each language's segments and the
 * links are written to anonymous temporary files ("spools") and assembled at end_document:
 * memory stays flat, disk holds one document at a time. */
#ifndef DOCBRIDGE_TEI_H
#define DOCBRIDGE_TEI_H

#include <stdio.h>

#include "docbridge/xml.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define TEI_MAX_LANGS 64
#define TEI_MAX_NEST 32

/* An xmlTextWriter writing into an anonymous temporary file. */
typedef struct tei_spool {
    FILE *f;
    xmlTextWriterPtr w;
} tei_spool;

int tei_spool_open(tei_spool *s);
/* Flushes s and copies its bytes raw into w; then empties s for the next document. */
int tei_spool_drain(tei_spool *s, xmlTextWriterPtr w);
void tei_spool_close(tei_spool *s);

typedef struct tei_lang_spool {
    char lang[64];
    tei_spool spool;
} tei_lang_spool;

typedef struct tei_writer {
    dbr_job *job;
    xmlTextWriterPtr out;        /* the real output */
    int started;
    int failed;                  /* 1: a write failed; 2: job->err already says why */
    unsigned long ndocs;
    /* per document */
    char *doc_lang;              /* the document's language (xml:lang is written where a
                                    block's differs) */
    tei_spool body, links;
    tei_lang_spool langs[TEI_MAX_LANGS];
    size_t nlangs;
    unsigned long nunits;
    int divs[TEI_MAX_NEST];      /* heading levels of the open <div>s */
    int ndivs;
    int lists;                   /* open <list> depth; each has an open <item> */
    int table;                   /* a <table> is open */
    /* what TEI cannot carry, reported once at the end */
    unsigned long dropped_codes, dropped_meta;
} tei_writer;

/* tei_body.c: one block into the body spool; closing open lists/tables/divs. */
void tei_body_block(tei_writer *t, const dbr_block *b);
void tei_body_close_groups(tei_writer *t);
void tei_body_close_all(tei_writer *t);
/* Rich text as text with <anchor/>s where the codes were. */
void tei_rich(tei_writer *t, xmlTextWriterPtr w, const dbr_rich *r);
void tei_check(tei_writer *t, int rc);

/* tei_units.c: one unit into the language spools and the links spool. */
void tei_unit(tei_writer *t, const dbr_unit *u);
/* Writes the parallel <div>s and the <linkGrp> into t->out. */
void tei_units_flush(tei_writer *t);

/* tei_header.c: the <teiHeader> of a document. */
void tei_header(tei_writer *t, const dbr_doc *d);

#endif
