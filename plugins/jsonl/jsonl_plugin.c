/* jsonl_plugin.c - the `jsonl` plugin: docbridge's dataset as JSON Lines, one record a line
 * (formats/json.md). --records picks the granularity of what is written. */
#include "jsonl.h"

#include <string.h>

/* SIGNATURE: the first line is a compact object whose first member is our record "type".
 * EXTENSION: a .jsonl / .ndjson name. Both: CERTAIN. */
static int jsonl_probe(const dbr_probe_input *in)
{
    const char *t = in->text;
    int sig = in->text_len > 10 &&
              (strncmp(t, "{\"type\":\"document\"", 18) == 0 ||
               strncmp(t, "{\"type\":\"block\"", 15) == 0 ||
               strncmp(t, "{\"type\":\"unit\"", 14) == 0);
    int ext = in->name && (dbr_name_has_ext(in->name, "jsonl") ||
                           dbr_name_has_ext(in->name, "ndjson"));
    if (sig && ext)
        return DBR_PROBE_CERTAIN;
    if (sig)
        return DBR_PROBE_SIGNATURE;
    return ext ? DBR_PROBE_EXTENSION + 10 : DBR_PROBE_NONE;
}

static const dbr_reader_ops jsonl_reader_ops = {
    .flags = DBR_READER_DATASET,
    .read = jsonl_read,
};

static const dbr_writer_ops jsonl_writer_ops = {
    .state_size = sizeof(void *),
    .open = jsonl_writer_open,
    .sink = &jsonl_sink_ops,
    .finish = jsonl_writer_finish,
    .cleanup = jsonl_writer_cleanup,
    .flags = DBR_WRITER_SOURCE_DIGEST, /* provenance.sha256 */
};

static const dbr_option_spec jsonl_options[] = {
    {"records", "documents|blocks|units",
     "JSONL granularity: a line per document, per block/unit (default), or per unit only"},
    {"skip-bad-records", NULL, "skip JSONL lines that are not valid records (counted in a warning)"},
    {NULL, NULL, NULL},
};

static const char *const jsonl_exts[] = {"jsonl", "ndjson", NULL};
static const char *const jsonl_media[] = {"application/jsonl", "application/x-ndjson", NULL};

static const dbr_plugin jsonl_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "jsonl",
    .version = "1.0",
    .description = "docbridge dataset as JSON Lines, one record a line (formats/json.md)",
    .extensions = jsonl_exts,
    .media_types = jsonl_media,
    .probe = jsonl_probe,
    .reader = &jsonl_reader_ops,
    .writer = &jsonl_writer_ops,
    .options = jsonl_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &jsonl_plugin; }
