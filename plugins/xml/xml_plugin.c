/* xml_plugin.c - the `xml` plugin: docbridge's own namespaced, versioned dataset XML
 * (formats/xml.md, formats/dataset.rng). Read with Expat, written with xmlTextWriter, both
 * streaming. */
#include "xml_dataset.h"

#include <string.h>

/* CERTAIN: the root is <dataset> and our namespace (any version: the reader then names the
 * version it does not know) is in the head. EXTENSION: a .xml name only. */
static int xmlds_probe(const dbr_probe_input *in)
{
    if (dbr_xml_root_is(in->text, in->text_len, "dataset") &&
        memmem(in->text, in->text_len, XMLDS_NS_PREFIX, strlen(XMLDS_NS_PREFIX)))
        return DBR_PROBE_CERTAIN;
    return in->name && dbr_name_has_ext(in->name, "xml") ? DBR_PROBE_EXTENSION - 5
                                                          : DBR_PROBE_NONE;
}

static const dbr_reader_ops xmlds_reader_ops = {
    .flags = DBR_READER_DATASET,
    .read = xmlds_read,
    .sniff_encoding = dbr_xml_sniff_encoding,
};

static const dbr_writer_ops xmlds_writer_ops = {
    .state_size = sizeof(void *),
    .open = xmlds_writer_open,
    .sink = &xmlds_sink_ops,
    .finish = xmlds_writer_finish,
    .cleanup = xmlds_writer_cleanup,
    .flags = DBR_WRITER_SOURCE_DIGEST, /* provenance.sha256 */
};

static const char *const xmlds_exts[] = {"xml", NULL};
static const char *const xmlds_media[] = {"application/xml", NULL};

static const dbr_plugin xmlds_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "xml",
    .version = "1.0",
    .description = "docbridge dataset XML, namespace " XMLDS_NS " (formats/xml.md)",
    .extensions = xmlds_exts,
    .media_types = xmlds_media,
    .probe = xmlds_probe,
    .reader = &xmlds_reader_ops,
    .writer = &xmlds_writer_ops,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &xmlds_plugin; }
