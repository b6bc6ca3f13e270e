/* tei_plugin.c - the `tei` writer: TEI P5 (a TEI Lite subset) for archivists; see
 * formats/tei.md for the mapping and formats/tei-subset.rng for the structure it keeps to. */
#include "tei.h"

dbr_status tei_writer_open(void *state, dbr_job *job, dbr_output *out);
dbr_status tei_writer_finish(void *state);
void tei_writer_cleanup(void *state);
extern const dbr_sink_ops tei_sink_ops;

static const dbr_writer_ops tei_writer_ops = {
    .state_size = sizeof(void *),
    .open = tei_writer_open,
    .sink = &tei_sink_ops,
    .finish = tei_writer_finish,
    .cleanup = tei_writer_cleanup,
    .flags = DBR_WRITER_SOURCE_DIGEST, /* provenance.sha256 */
};

static const char *const tei_exts[] = {"tei", "tei.xml", NULL};
static const char *const tei_media[] = {"application/tei+xml", NULL};

static const dbr_plugin tei_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "tei",
    .version = "1.0",
    .description = "TEI P5 (TEI Lite subset) with provenance in the header (formats/tei.md)",
    .extensions = tei_exts,
    .media_types = tei_media,
    .writer = &tei_writer_ops,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &tei_plugin; }
