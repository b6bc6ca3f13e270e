/* convert.h - the pipeline: inputs -> reader -> transforms -> writer -> atomic output.
 *
 * One call converts a list of inputs into one output (a dataset), or, with out_dir, each input
 * into its own output. Everything a caller can set is in dbr_convert_request; the library never
 * prints: warnings go to the callback, the failure to err.
 */
#ifndef DOCBRIDGE_CONVERT_H
#define DOCBRIDGE_CONVERT_H

#include "docbridge/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- options object ---- */
dbr_options *dbr_options_new(void);
void dbr_options_free(dbr_options *o);
/* Sets (replaces) key. value NULL = a bare flag ("1"). 0 ok, -1 OOM. */
int dbr_options_set(dbr_options *o, const char *key, const char *value);
/* Parses "key=value" (or "key" = flag). 0 ok, -1 malformed or OOM. */
int dbr_options_parse(dbr_options *o, const char *kv);
size_t dbr_options_count(const dbr_options *o);
/* i-th key and value, for listing. */
void dbr_options_at(const dbr_options *o, size_t i, const char **key, const char **value);

/* Fills an input config from options (from-encoding, strict, normalize=nfc|nfkc, fold-width,
 * fold-quotes). FAILED on a bad value. */
dbr_status dbr_input_config_from_options(const dbr_options *o, dbr_input_config *cfg,
                                         dbr_error *err);

typedef struct dbr_convert_request {
    const char *const *inputs;   /* paths, "-" = stdin */
    size_t ninputs;
    const char *from_format;     /* -f, NULL = probe each input */
    const char *to_format;       /* -t, NULL = by output extension */
    const char *output;          /* -o, NULL or "-" = stdout */
    const char *out_dir;         /* -d: one output per input in this directory, or NULL */
    const char *const *transforms; /* transform plugin names, applied in order */
    size_t ntransforms;
    const dbr_options *opts;
    dbr_warn_fn warn;
    void *warn_ud;
    const char *bag;             /* --bag: package one output per input as a BagIt bag in this
                                    archive (.tar, .tar.gz, .zip...), or NULL */
    /* One output per input (-d, --bag): when set, an input that fails is reported here and
     * the run goes on with the next one (a batch is not stopped by one bad file); the result
     * is then a failure naming how many failed, and a bag is not written. NULL: stop at the
     * first failure. */
    dbr_warn_fn report_failure;
    void *report_ud;
} dbr_convert_request;

/* Converts. On failure no output file is left behind. */
dbr_status dbr_convert(const dbr_registry *reg, const dbr_convert_request *req, dbr_error *err);

/* Converts one already-open input into sink, choosing the reader as dbr_convert does (used by
 * align and by tests). Emits only document events. */
dbr_status dbr_read_into(const dbr_registry *reg, const char *path, const char *from_format,
                         const dbr_options *opts, dbr_warn_fn warn, void *warn_ud,
                         dbr_sink *sink, dbr_error *err);

/* The same for an input already open (memory, archive member): the reader is chosen by probe
 * (name_hint gives the file name for extension scores) unless from_format names it. */
dbr_status dbr_read_input(const dbr_registry *reg, dbr_input *in, const char *name_hint,
                          const char *from_format, const dbr_options *opts, dbr_warn_fn warn,
                          void *warn_ud, dbr_sink *sink, dbr_error *err);
/* A writer on an atomic output, for callers that make the events themselves (align): opens
 * the writer named to_format (or chosen by the output's extension) on output (NULL or "-" =
 * stdout). The caller sends begin_dataset .. end_dataset into *sink, then closes the session:
 * with st == DBR_OK the writer finishes and the output is committed, otherwise nothing is
 * left behind. */
typedef struct dbr_write_session dbr_write_session;
dbr_status dbr_write_session_open(const dbr_registry *reg, const char *to_format,
                                  const char *output, const dbr_options *opts, dbr_warn_fn warn,
                                  void *warn_ud, dbr_write_session **ws, dbr_sink **sink,
                                  dbr_error *err);
dbr_status dbr_write_session_close(dbr_write_session *ws, dbr_status st, dbr_error *err);

/* Deterministic id: "d-" + 16 hex digits of SHA-256 over data. */
void dbr_make_id(const char *prefix, const void *data, size_t len, char out[40]);

/* SHA-256, streaming. */
typedef struct dbr_sha256 {
    uint32_t h[8];
    uint64_t total;
    uint8_t block[64];
    size_t fill;
} dbr_sha256;
void dbr_sha256_init(dbr_sha256 *s);
void dbr_sha256_update(dbr_sha256 *s, const void *data, size_t len);
void dbr_sha256_final(dbr_sha256 *s, uint8_t digest[32]);
void dbr_sha256_hex(const uint8_t digest[32], char hex[65]);

/* The library's version string ("0.1.0"). */
const char *dbr_version(void);

#ifdef __cplusplus
}
#endif
#endif
