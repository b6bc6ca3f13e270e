/* tmx_plugin.c - the tmx plugin's descriptor: TMX 1.4b (Translation Memory eXchange) reader
 * and writer, and its probe. The work is in tmx_read*.c and tmx_write*.c. */
#include "tmx_read.h"

/* The root element <tmx> identifies the format (a signature); the extension alone is a hint. */
static int tmx_probe(const dbr_probe_input *in)
{
    if (in->text && dbr_xml_root_is(in->text, in->text_len, "tmx"))
        return DBR_PROBE_SIGNATURE;
    if (in->name && dbr_name_has_ext(in->name, "tmx"))
        return DBR_PROBE_EXTENSION;
    return DBR_PROBE_NONE;
}

static const dbr_reader_ops tmx_reader_ops = {
    .state_size = sizeof(tmx_reader),
    .read = tmx_read,
    .sniff_encoding = dbr_xml_sniff_encoding,
    .cleanup = tmx_read_cleanup,
};

static const dbr_writer_ops tmx_writer_ops = {
    .state_size = sizeof(tmx_writer),
    .open = tmx_write_open,
    .sink = &tmx_write_sink_ops,
    .finish = tmx_write_finish,
    .cleanup = tmx_write_cleanup,
};

static const char *const tmx_exts[] = {"tmx", NULL};
static const char *const tmx_media[] = {"application/x-tmx+xml", NULL};

static const dbr_plugin tmx_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "tmx",
    .version = "1.0",
    .description = "TMX 1.4b translation memories (read and write)",
    .extensions = tmx_exts,
    .media_types = tmx_media,
    .probe = tmx_probe,
    .reader = &tmx_reader_ops,
    .writer = &tmx_writer_ops,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &tmx_plugin; }
