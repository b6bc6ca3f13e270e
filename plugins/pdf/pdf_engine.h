/* pdf_engine.h - the contract between the pdf plugin's two halves (not a public header).
 *
 * Every docbridge process loads every plugin, and Poppler's GLib API brings GLib, cairo,
 * fontconfig, NSS and the X11 client libraries with it: about 10 ms of CPU per process that a
 * TMX conversion never needs. So the plugin is split:
 *   pdf.so (pdf_plugin.c, pdf_engine_load.c): descriptor, probe, options and a read entry;
 *     links nothing but libdocbridge, so loading it costs what any small plugin costs;
 *   the engine (PDF_ENGINE_RELPATH beside pdf.so; pdf_engine.c and the files it uses): all
 *     that calls Poppler or GLib. pdf.so dlopens it on the first PDF read and calls the one
 *     function it exports, which returns the reader below.
 * The engine lives in a subdirectory, where the registry's scan (plugin files are the *.so
 * directly in a plugin directory) never sees it.
 */
#ifndef DOCBRIDGE_PDF_ENGINE_H
#define DOCBRIDGE_PDF_ENGINE_H

#include "docbridge/plugin.h"

#include <stddef.h>
#include <stdint.h>

#define PDF_ENGINE_ENTRY_NAME "docbridge_pdf_engine"
#define PDF_ENGINE_ENTRY docbridge_pdf_engine
/* Raised whenever pdf_engine changes: a pdf.so and an engine from different builds refuse each
 * other with a clear message instead of calling through a mismatched table. */
#define PDF_ENGINE_VERSION 1u

typedef struct pdf_engine {
    unsigned version;         /* PDF_ENGINE_VERSION of the engine's build */
    size_t state_size;        /* bytes of (zeroed) reader state read() and cleanup() take */
    dbr_status (*read)(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);
    void (*cleanup)(void *state); /* frees what the state holds, even after a failed read */
} pdf_engine;

typedef const pdf_engine *(*pdf_engine_entry_fn)(void);

/* pdf_engine.c (in the engine): the engine's one exported symbol. */
DBR_EXPORT const pdf_engine *PDF_ENGINE_ENTRY(void);

/* pdf_engine_load.c (in pdf.so): loads the engine; on failure fills job's error (naming the
 * engine's path and why) and returns DBR_FAILED. *handle goes to pdf_engine_unload. */
dbr_status pdf_engine_load(dbr_job *job, void **handle, const pdf_engine **engine);
void pdf_engine_unload(void *handle);

/* pdf_find.c (in both halves): offset of needle in the n bytes at p, or -1. */
int pdf_find(const uint8_t *p, size_t n, const char *needle);

#endif
