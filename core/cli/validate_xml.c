/* validate_xml.c - XML files against their schemas with libxml2: the dataset XML against
 * formats/dataset.rng (RELAX NG, streamed through xmlTextReader), XLIFF 1.2 / 2.0 against the
 * OASIS XSDs (streamed), TMX against the TMX 1.4b DTD (libxml2 validates DTDs on a tree only,
 * so a TMX file is loaded whole).
 *
 * Safety as everywhere in docbridge: no network, external DTDs and entities never loaded, and
 * a DOCTYPE that declares entities is refused before any content is read. */
#include "validate.h"

#include <libxml/catalog.h>
#include <libxml/relaxng.h>
#include <libxml/valid.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <string.h>
#include <unistd.h>

#define VXML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

typedef struct vxml_ctx {
    vreport *r;
    const char *rule;
} vxml_ctx;

/* libxml2's structured errors, as findings: FILE:LINE:COL: rule: message. */
static void on_error(void *ud, xmlErrorPtr e)
{
    vxml_ctx *c = ud;
    if (!e || e->level == XML_ERR_WARNING)
        return;
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    long line = e->line;
    if (line <= 0 && e->node)
        line = xmlGetLineNo((xmlNodePtr)e->node);
    const char *elem = e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE
                           ? (const char *)((xmlNodePtr)e->node)->name : NULL;
    if (elem)
        vreport_error(c->r, line, e->int2, c->rule, "element <%s>: %s", elem, msg);
    else
        vreport_error(c->r, line, e->int2, c->rule, "%s", msg);
}

/* A DOCTYPE that declares entities: refused (billion laughs, external entities). Looked up
 * on the DOCTYPE node itself: xmlTextReaderCurrentDoc would hand the tree's ownership over. */
static int declares_entities(xmlTextReaderPtr rd)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(rd);
    return n && n->type == XML_DTD_NODE && ((xmlDtdPtr)n)->entities;
}

vxml_kind validate_xml_kind(const char *path)
{
    xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, VXML_OPTIONS);
    vxml_kind k = VXML_OTHER;
    xmlSetStructuredErrorFunc(NULL, NULL);
    while (rd && xmlTextReaderRead(rd) == 1) {
        if (xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
            continue;
        const char *local = (const char *)xmlTextReaderConstLocalName(rd);
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(rd);
        if (!strcmp(local, "dataset") && ns && !strncmp(ns, "urn:docbridge:dataset:", 22))
            k = VXML_DATASET;
        else if (!strcmp(local, "tmx"))
            k = VXML_TMX;
        else if (!strcmp(local, "xliff") && ns && strstr(ns, "xliff:document:1.2"))
            k = VXML_XLIFF12;
        else if (!strcmp(local, "xliff") && ns && strstr(ns, "xliff:document:2.0"))
            k = VXML_XLIFF20;
        break;
    }
    xmlFreeTextReader(rd);
    return k;
}

const char *validate_find(const char *const *dirs, const char *const *names, char *buf,
                          size_t cap)
{
    for (const char *const *d = dirs; *d; d++)
        for (const char *const *n = names; *n; n++) {
            snprintf(buf, cap, "%s/%s", *d, *n);
            if (access(buf, R_OK) == 0)
                return buf;
        }
    return NULL;
}

/* Streams the file through a reader with a RELAX NG or XSD schema attached. */
static void stream_validate(const char *path, xmlRelaxNGPtr rng, xmlSchemaPtr xsd,
                            vxml_ctx *c)
{
    xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, VXML_OPTIONS);
    if (!rd) {
        vreport_broken(c->r, "%s: cannot open", path);
        return;
    }
    xmlTextReaderSetStructuredErrorHandler(rd, on_error, c);
    int ok = rng ? xmlTextReaderRelaxNGSetSchema(rd, rng) : xmlTextReaderSetSchema(rd, xsd);
    if (ok != 0) {
        vreport_broken(c->r, "%s: cannot attach the schema", path);
        xmlFreeTextReader(rd);
        return;
    }
    int ret;
    /* The first validity error is the one worth reading: a streaming validator's later
     * errors are mostly consequences of it. */
    while ((ret = xmlTextReaderRead(rd)) == 1 && c->r->errors == 0) {
        if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_DOCUMENT_TYPE && declares_entities(rd)) {
            vreport_error(c->r, xmlTextReaderGetParserLineNumber(rd), 0, "safety",
                          "DOCTYPE declares entities: refused");
            break;
        }
    }
    if (ret == 0 && xmlTextReaderIsValid(rd) != 1 && c->r->errors == 0)
        vreport_error(c->r, 0, 0, c->rule, "not valid");
    xmlFreeTextReader(rd);
}

static void validate_rng(const char *path, const char *schema, vxml_ctx *c)
{
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema);
    xmlRelaxNGPtr rng = pc ? xmlRelaxNGParse(pc) : NULL;
    xmlRelaxNGFreeParserCtxt(pc);
    if (!rng) {
        vreport_broken(c->r, "%s: cannot load the RELAX NG schema", schema);
        return;
    }
    stream_validate(path, rng, NULL, c);
    xmlRelaxNGFree(rng);
}

static void validate_xsd(const char *path, const char *schema, vxml_ctx *c)
{
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema);
    xmlSchemaPtr xsd = pc ? xmlSchemaParse(pc) : NULL;
    xmlSchemaFreeParserCtxt(pc);
    if (!xsd) {
        vreport_broken(c->r, "%s: cannot load the XML schema (is its catalog.xml beside it?)",
                       schema);
        return;
    }
    stream_validate(path, NULL, xsd, c);
    xmlSchemaFree(xsd);
}

/* DTD validation needs a tree; the safety check runs first, streamed. */
static void validate_dtd(const char *path, const char *schema, vxml_ctx *c)
{
    xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, VXML_OPTIONS);
    int refused = 0;
    while (rd && xmlTextReaderRead(rd) == 1)
        if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_DOCUMENT_TYPE && declares_entities(rd)) {
            vreport_error(c->r, xmlTextReaderGetParserLineNumber(rd), 0, "safety",
                          "DOCTYPE declares entities: refused");
            refused = 1;
            break;
        } else if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT) {
            break;
        }
    xmlFreeTextReader(rd);
    if (refused)
        return;
    xmlDtdPtr dtd = xmlParseDTD(NULL, BAD_CAST schema);
    if (!dtd) {
        vreport_broken(c->r, "%s: cannot load the DTD", schema);
        return;
    }
    xmlSetStructuredErrorFunc(c, on_error);
    xmlDocPtr doc = xmlReadFile(path, NULL, VXML_OPTIONS);
    xmlValidCtxtPtr vc = xmlNewValidCtxt();
    if (doc && vc && !xmlValidateDtd(vc, doc, dtd) && c->r->errors == 0)
        vreport_error(c->r, 0, 0, c->rule, "not valid");
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeValidCtxt(vc);
    xmlFreeDoc(doc);
    xmlFreeDtd(dtd);
}

void validate_xml(const char *path, vxml_kind kind, const char *const *dirs, vreport *r)
{
    static const char *const rng_names[] = {"dataset.rng", NULL};
    static const char *const tmx_names[] = {"tmx14.dtd", "tmx/tmx14.dtd", NULL};
    static const char *const x12_names[] = {"xliff-core-1.2-transitional.xsd",
                                            "xliff12/xliff-core-1.2-transitional.xsd", NULL};
    static const char *const x20_names[] = {"xliff_core_2.0.xsd", "xliff20/xliff_core_2.0.xsd",
                                            NULL};
    const char *const *names = kind == VXML_DATASET ? rng_names
                               : kind == VXML_TMX   ? tmx_names
                               : kind == VXML_XLIFF12 ? x12_names
                                                      : x20_names;
    const char *what = kind == VXML_DATASET ? "dataset.rng"
                       : kind == VXML_TMX   ? "TMX 1.4b DTD"
                       : kind == VXML_XLIFF12 ? "XLIFF 1.2 XSD" : "XLIFF 2.0 XSD";
    char buf[4096], cat[4096];
    const char *schema = validate_find(dirs, names, buf, sizeof buf);
    if (!schema) {
        vreport_broken(r, "%s: not validated: no %s (%s) in the schema directories (give one "
                          "with --schema-dir)", path, what, names[0]);
        return;
    }
    /* The XLIFF XSDs import xml.xsd by URL: a catalog.xml in a schema directory maps it to a
     * local copy (never the network). */
    static const char *const cat_names[] = {"catalog.xml", NULL};
    if (kind != VXML_DATASET && validate_find(dirs, cat_names, cat, sizeof cat))
        xmlLoadCatalog(cat);
    vxml_ctx c = {.r = r, .rule = what};
    if (kind == VXML_DATASET)
        validate_rng(path, schema, &c);
    else if (kind == VXML_TMX)
        validate_dtd(path, schema, &c);
    else
        validate_xsd(path, schema, &c);
}
