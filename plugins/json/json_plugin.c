/* json_plugin.c - the `json` plugin: docbridge's dataset as one pretty JSON document per file
 * (formats/json.md, formats/dataset.schema.json). Reads and writes, streaming both ways. */
#include "json_read.h"
#include "json_write.h"

#include <string.h>

/* CERTAIN: our envelope's "format" member near the start. LIKELY: a JSON object in a .json
 * file. EXTENSION: a .json name with other content (the reader will say what is wrong). */
static int json_probe(const dbr_probe_input *in)
{
    const char *t = dbr_skip_space(in->text, in->text + in->text_len);
    int object = t < in->text + in->text_len && *t == '{';
    size_t window = in->text_len < 512 ? in->text_len : 512;
    int signed_ = object && memmem(in->text, window, "\"docbridge-dataset\"", 19) != NULL &&
                  memmem(in->text, window, "\"format\"", 8) != NULL;
    if (signed_)
        return DBR_PROBE_CERTAIN;
    int ext = in->name && dbr_name_has_ext(in->name, "json");
    if (ext && object)
        return DBR_PROBE_LIKELY;
    return ext ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static const dbr_reader_ops json_reader_ops = {
    .flags = DBR_READER_DATASET,
    .read = json_read,
};

static const dbr_writer_ops json_writer_ops = {
    .state_size = sizeof(void *),
    .open = json_writer_open,
    .sink = &json_sink_ops,
    .cleanup = json_writer_cleanup,
    .flags = DBR_WRITER_SOURCE_DIGEST, /* provenance.sha256 */
};

static const char *const json_exts[] = {"json", NULL};
static const char *const json_media[] = {"application/json", NULL};

static const dbr_plugin json_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "json",
    .version = "1.0",
    .description = "docbridge dataset as one pretty JSON document (formats/json.md)",
    .extensions = json_exts,
    .media_types = json_media,
    .probe = json_probe,
    .reader = &json_reader_ops,
    .writer = &json_writer_ops,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &json_plugin; }
