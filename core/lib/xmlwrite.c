/* xmlwrite.c - an xmlTextWriter whose bytes go into atomic output (see xml.h). */
#include "docbridge/xml.h"
#include "docbridge/alloc.h"

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
