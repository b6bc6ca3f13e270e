/* xmlwrite.c - an xmlTextWriter whose bytes go into atomic output (see xml.h), and DEL and C1
 * controls written as character references. */
#include "docbridge/xml.h"
#include "docbridge/alloc.h"

#include <stdio.h>
#include <string.h>

typedef struct sink_ctx {
    dbr_output *out;
    dbr_error *err;
} sink_ctx;

static int write_cb(void *ctx, const char *buf, int len)
{
    sink_ctx *c = ctx;
    return dbr_output_write(c->out, buf, (size_t)len, c->err) == DBR_OK ? len : -1;
}

static int close_cb(void *ctx)
{
    dbr_free(ctx);
    return 0;
}

xmlTextWriterPtr dbr_xml_writer_new(dbr_output *out, dbr_error *err, int indent)
{
    xmlInitParser();
    sink_ctx *c = dbr_malloc(sizeof *c);
    if (!c) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    c->out = out;
    c->err = err;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_cb, close_cb, c, NULL);
    if (!ob) {
        dbr_free(c);
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    xmlTextWriterPtr w = xmlNewTextWriter(ob); /* takes ownership of ob */
    if (!w) {
        xmlOutputBufferClose(ob);
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    if (indent) {
        xmlTextWriterSetIndent(w, 1);
        xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    }
    return w;
}

dbr_status dbr_xml_writer_finish(xmlTextWriterPtr w, dbr_error *err)
{
    if (xmlTextWriterFlush(w) < 0) {
        if (err && !err->message[0])
            dbr_error_set(err, DBR_FAILED, "cannot write XML output");
        return DBR_FAILED;
    }
    return DBR_OK;
}

void dbr_xml_writer_free(xmlTextWriterPtr w)
{
    if (w)
        xmlFreeTextWriter(w);
}

size_t dbr_xml_del_or_c1(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] == 0x7F)
        return 1;
    return p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F ? 2 : 0;
}

int dbr_xml_write_charref(xmlTextWriterPtr w, const char *s, size_t len)
{
    char ref[12];
    snprintf(ref, sizeof ref, "&#x%02X;", (unsigned)(unsigned char)s[len - 1]);
    return xmlTextWriterWriteRaw(w, BAD_CAST ref);
}

int dbr_xml_write_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
    const char *p = value;
    while (*p && !dbr_xml_del_or_c1(p))
        p++;
    if (!*p) /* the usual case: nothing to refer to */
        return xmlTextWriterWriteAttribute(w, BAD_CAST name, BAD_CAST value);
    if (xmlTextWriterStartAttribute(w, BAD_CAST name) < 0)
        return -1;
    const char *run = value;
    for (p = value; *p;) {
        size_t l = dbr_xml_del_or_c1(p);
        if (!l) {
            p++;
            continue;
        }
        /* the run is escaped for an attribute by the writer; the reference goes raw */
        if ((p > run && xmlTextWriterWriteFormatString(w, "%.*s", (int)(p - run), run) < 0) ||
            dbr_xml_write_charref(w, p, l) < 0)
            return -1;
        run = p += l;
    }
    if (*run && xmlTextWriterWriteString(w, BAD_CAST run) < 0)
        return -1;
    return xmlTextWriterEndAttribute(w);
}
