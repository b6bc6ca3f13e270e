/* plugin.h - the plugin ABI: what a shared object exports and what the core gives it.
 *
 * A plugin exports exactly one symbol, DBR_PLUGIN_ENTRY_NAME, a function returning a constant
 * descriptor. The descriptor only ever grows at its end; `size` tells the core which fields
 * exist. ABI major must match; a newer minor than the core knows is refused.
 *
 * The core allocates each operation's private state (`state_size` bytes, zeroed) and frees it,
 * so plugins keep no globals and many conversions can run at once in one process.
 *
 * To write a plugin: copy plugins/moses or plugins/markdown, rename, and add it with
 * docbridge_add_plugin() in its CMakeLists.txt.
 */
#ifndef DOCBRIDGE_PLUGIN_H
#define DOCBRIDGE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "docbridge/error.h"
#include "docbridge/io.h"
#include "docbridge/model.h"
#include "docbridge/sink.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DBR_ABI_MAJOR 1
#define DBR_ABI_MINOR 1

#define DBR_PLUGIN_ENTRY_NAME "docbridge_plugin_entry"
#define DBR_PLUGIN_ENTRY docbridge_plugin_entry

/* ---- options: key=value strings from the command line (-O key=value, --name[=value]) ---- */
typedef struct dbr_options dbr_options;

const char *dbr_options_get(const dbr_options *o, const char *key); /* NULL when unset */
/* "1", "yes", "true", "on" and a bare flag are true; unset gives dflt. */
int dbr_options_get_bool(const dbr_options *o, const char *key, int dflt);
long dbr_options_get_long(const dbr_options *o, const char *key, long dflt);

/* An option a plugin understands; the CLI accepts --name[=value] for it and lists it in help. */
typedef struct dbr_option_spec {
    const char *name;    /* "records" */
    const char *arg;     /* "documents|blocks|units", or NULL for a flag */
    const char *help;    /* one line */
} dbr_option_spec;

/* ---- the job: what every operation gets from the core ---- */
typedef void (*dbr_warn_fn)(void *ud, const dbr_error *warning);

struct dbr_job {
    dbr_error *err;             /* fill on failure (dbr_error_set + dbr_error_locate) */
    const dbr_options *opts;
    dbr_warn_fn warn;           /* may be NULL */
    void *warn_ud;
    const char *source_name;    /* current input path ("-" for stdin), or NULL */
    const char *converter;      /* "docbridge 0.1.0" */
};

/* Reports a warning at a location (line/col 0 = unknown). Never stops the work. */
void dbr_job_warn(dbr_job *job, long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Fills job->err with file = job->source_name and the location; returns status. */
dbr_status dbr_job_fail(dbr_job *job, dbr_status status, long line, long column,
                        long long offset, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- probing ---- */
typedef struct dbr_probe_input {
    const uint8_t *head;   /* first raw bytes (up to 64 KiB) */
    size_t head_len;
    const char *text;      /* the same, decoded to UTF-8 (BOM removed), NUL-terminated */
    size_t text_len;
    const char *name;      /* file name (basename) or NULL for stdin */
    int complete;          /* 1 when head holds the whole input */
    const char *const *all_names; /* every input of this conversion (Moses pairs files) */
    size_t ninputs;
    const char *encoding;  /* what the input layer detected for text ("UTF-16LE"...), or NULL */
} dbr_probe_input;

/* Probe score tiers (0-100), as libarchive bids and FFmpeg probe scores. */
#define DBR_PROBE_NONE 0        /* not this format */
#define DBR_PROBE_FALLBACK 5    /* could read it, as a last resort (plain text) */
#define DBR_PROBE_EXTENSION 25  /* the file name's extension matches, content says nothing */
#define DBR_PROBE_LIKELY 50     /* content looks like it (loose pattern) */
#define DBR_PROBE_SIGNATURE 80  /* a signature or root element that identifies the format */
#define DBR_PROBE_CERTAIN 100   /* signature and version confirmed */

/* ---- reader ---- */
#define DBR_READER_BINARY 0x1u  /* reads raw bytes (no transcoding): PDF */
#define DBR_READER_MULTI 0x2u   /* takes several inputs at once (Moses: one file a language) */
/* Reads docbridge's own dataset (json, jsonl, xml): a document that carries provenance
 * (source_path, format, converter or sha256 set) keeps it untouched, so round trips are exact;
 * one that carries none (hand-made records) gets the dataset file's own, as any input does. */
#define DBR_READER_DATASET 0x4u

typedef struct dbr_reader_ops {
    size_t state_size;
    unsigned flags;
    /* Reads one input, emitting documents (begin_document..end_document) into sink. */
    dbr_status (*read)(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink);
    /* DBR_READER_MULTI only: reads n inputs together as one dataset part. */
    dbr_status (*read_multi)(void *state, dbr_job *job, dbr_input **in, size_t n,
                             dbr_sink *sink);
    /* Optional: finds the encoding the format declares in the raw head; writes its name into
     * out (cap bytes) and returns 1, or returns 0 when there is none. */
    int (*sniff_encoding)(const uint8_t *head, size_t len, char *out, size_t cap);
    /* Optional: frees what the state holds (called even after a failure). */
    void (*cleanup)(void *state);
} dbr_reader_ops;

/* ---- writer ----
 * open() is called once with the primary output; the sink callbacks then receive the events;
 * finish() flushes trailing output on success; cleanup() is always called last. */

/* The writer shows the input's SHA-256 (provenance.sha256). The core hashes an input only for
 * a writer that says so: the hash is about 6% of a TMX -> PO conversion that never shows it.
 * A plugin built for ABI minor 0 has no flags and is taken to want it. */
#define DBR_WRITER_SOURCE_DIGEST 0x1u

typedef struct dbr_writer_ops {
    size_t state_size;
    dbr_status (*open)(void *state, dbr_job *job, dbr_output *out);
    const dbr_sink_ops *sink;
    dbr_status (*finish)(void *state);
    void (*cleanup)(void *state);
    unsigned flags;             /* DBR_WRITER_*; since ABI minor 1 */
} dbr_writer_ops;

/* ---- transform: a sink that wraps the next sink ---- */
typedef struct dbr_transform_ops {
    size_t state_size;
    dbr_status (*open)(void *state, dbr_job *job, dbr_sink *next);
    const dbr_sink_ops *sink;
    void (*cleanup)(void *state);
} dbr_transform_ops;

/* ---- aligner: the one operation that holds whole documents ----
 * Given the blocks of a source and a target document (cloned, in order), emits translation
 * units into sink (between the begin/end_document the core sends). */
typedef struct dbr_align_side {
    const dbr_doc *doc;
    const dbr_block *const *blocks;
    size_t nblocks;
    const char *lang;
} dbr_align_side;

typedef struct dbr_aligner_ops {
    size_t state_size;
    dbr_status (*align)(void *state, dbr_job *job, const dbr_align_side *src,
                        const dbr_align_side *tgt, dbr_sink *sink);
    void (*cleanup)(void *state);
} dbr_aligner_ops;

/* ---- the descriptor ---- */
typedef struct dbr_plugin {
    uint16_t abi_major;             /* DBR_ABI_MAJOR */
    uint16_t abi_minor;             /* DBR_ABI_MINOR */
    uint32_t size;                  /* sizeof(dbr_plugin) as the plugin was built */
    const char *name;               /* unique, lower-case: "tmx" */
    const char *version;
    const char *description;        /* one line */
    const char *const *extensions;  /* NULL-terminated, without dots: {"tmx", NULL} */
    const char *const *media_types; /* NULL-terminated, or NULL */
    int (*probe)(const dbr_probe_input *in); /* 0-100; NULL = never probed */
    const dbr_reader_ops *reader;   /* NULL when it does not read */
    const dbr_writer_ops *writer;   /* NULL when it does not write */
    const dbr_transform_ops *transform;
    const dbr_aligner_ops *aligner;
    const dbr_option_spec *options; /* terminated by {NULL}, or NULL */
} dbr_plugin;

#define DBR_PLUGIN_HEADER \
    .abi_major = DBR_ABI_MAJOR, .abi_minor = DBR_ABI_MINOR, .size = sizeof(dbr_plugin)

typedef const dbr_plugin *(*dbr_plugin_entry_fn)(void);

#if defined(__GNUC__)
#define DBR_EXPORT __attribute__((visibility("default")))
#else
#define DBR_EXPORT
#endif

/* Declares the entry point; a plugin's source defines it:
 *   DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &my_plugin; } */
DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void);

/* ---- small helpers plugins share (in libdocbridge) ---- */

/* Case-insensitive ASCII compare of a file name's extension ("a.TMX" has "tmx"). */
int dbr_name_has_ext(const char *name, const char *ext);
/* Skips leading ASCII space / BOM-free whitespace in text; returns the first other byte. */
const char *dbr_skip_space(const char *s, const char *end);
/* 1 when text (after leading whitespace and an optional XML declaration, comments and
 * DOCTYPE) opens an element whose local name is `root`. For probes. */
int dbr_xml_root_is(const char *text, size_t len, const char *root);

#ifdef __cplusplus
}
#endif
#endif
