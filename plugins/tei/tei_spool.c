/* tei_spool.c - xmlTextWriters over anonymous temporary files (see tei.h for why). */
#include "tei.h"

#include <unistd.h>

static int spool_write(void *ctx, const char *buf, int len)
{
    return fwrite(buf, 1, (size_t)len, ctx) == (size_t)len ? len : -1;
}

static int spool_noclose(void *ctx)
{
    (void)ctx;
    return 0;
}

int tei_spool_open(tei_spool *s)
{
    s->f = tmpfile();
    if (!s->f)
        return -1;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(spool_write, spool_noclose, s->f, NULL);
    s->w = ob ? xmlNewTextWriter(ob) : NULL;
    if (!s->w) {
        if (ob)
            xmlOutputBufferClose(ob);
        fclose(s->f);
        s->f = NULL;
        return -1;
    }
    return 0;
}

int tei_spool_drain(tei_spool *s, xmlTextWriterPtr w)
{
    if (!s->w)
        return 0;
    if (xmlTextWriterFlush(s->w) < 0 || fflush(s->f) != 0)
        return -1;
    rewind(s->f);
    char buf[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, s->f)) > 0)
        if (xmlTextWriterWriteRawLen(w, BAD_CAST buf, (int)n) < 0)
            rc = -1;
    rewind(s->f);
    if (ftruncate(fileno(s->f), 0) != 0)
        rc = -1;
    return rc;
}

void tei_spool_close(tei_spool *s)
{
    if (s->w)
        xmlFreeTextWriter(s->w);
    if (s->f)
        fclose(s->f);
    s->w = NULL;
    s->f = NULL;
}
