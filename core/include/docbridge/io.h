/* io.h - the input layer (bytes in, clean UTF-8 out) and atomic output.
 *
 * Input: every reader gets its text through dbr_input, which detects the encoding (explicit
 * option, byte-order mark, the format's own declaration, valid UTF-8, statistics), transcodes
 * with iconv in chunks, and normalises (NFC, "\n" line ends, no BOM, no stray controls).
 * Readers of binary formats (PDF) ask for raw bytes instead.
 *
 * Output: a writer writes through dbr_output, a buffered stream to a temporary file beside the
 * target; the core renames it into place only when the whole conversion succeeded, and removes
 * it otherwise. No half-written file is ever left under the target's name.
 *
 * Neither object is thread-safe; each conversion has its own.
 */
#ifndef DOCBRIDGE_IO_H
#define DOCBRIDGE_IO_H

#include <stddef.h>
#include <stdint.h>

#include "docbridge/alloc.h"
#include "docbridge/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ======================= input ======================= */

typedef struct dbr_input dbr_input;

/* How the input layer treats text. Filled by the core from options. */
typedef struct dbr_input_config {
    const char *from_encoding; /* force this encoding (iconv name), or NULL to detect */
    int strict;                /* undecodable byte = error (default: U+FFFD + one warning) */
    /* The three below turn non-ASCII characters into ASCII ones, which can be syntax (U+FF1C
     * becomes '<', U+FF02 '"'). In a conversion the core applies them to the reader's text
     * events instead and clears them here; set directly, they act on the bytes, which is only
     * safe for plain text. */
    int nfkc;                  /* NFKC instead of NFC */
    int fold_width;            /* full-width ASCII-range forms (and U+3000) to half-width */
    int fold_quotes;           /* typographic quotes U+2018-U+201F to ASCII */
    size_t chunk_size;         /* transcoding chunk, 0 = default (256 KiB); tests use 1, 2, 3, 7 */
    int skip_digest;           /* no SHA-256: info.sha256 stays "" (nothing downstream shows it) */
} dbr_input_config;

/* What was found about an input; filled progressively (sizes, sha256 complete at EOF). */
typedef struct dbr_input_info {
    const char *encoding;         /* canonical name: "UTF-8", "UTF-16LE", "GB18030"... */
    double confidence;            /* 0..1 */
    const char *encoding_source;  /* "option", "bom", "declaration", "utf8", "detector" */
    const char *bom;              /* "UTF-8", "UTF-16LE"..., or NULL */
    const char *line_endings;     /* "LF", "CRLF", "CR", "mixed", "none" */
    int was_nfc;                  /* 1 when no normalisation change was needed so far */
    long long byte_size;          /* raw bytes read so far (total at EOF) */
    long long invalid_bytes;      /* bytes replaced with U+FFFD (one U+FFFD per maximal bad
                                     sequence, Unicode's "maximal subpart" practice) */
    long long first_invalid_offset; /* -1 when none */
    long long removed_controls;   /* NUL, C0 but tab/LF/CR/FF, DEL, C1 */
    char sha256[65];              /* hex, "" until EOF (and with skip_digest) */
    int at_eof;
} dbr_input_info;

/* Opens a file ("-" = standard input). On failure returns NULL and fills err. */
dbr_input *dbr_input_open_file(const char *path, const dbr_input_config *cfg, dbr_error *err);
/* Reads from memory (not copied: data must outlive the input). name is used in errors. */
dbr_input *dbr_input_open_memory(const void *data, size_t len, const char *name,
                                 const dbr_input_config *cfg, dbr_error *err);
/* Reads through a callback (archive members): fn returns bytes read, 0 at end, or -1 with err
 * filled. ud must outlive the input. */
typedef long long (*dbr_input_read_fn)(void *ud, void *buf, size_t cap, dbr_error *err);
dbr_input *dbr_input_open_callback(dbr_input_read_fn fn, void *ud, const char *name,
                                   const dbr_input_config *cfg, dbr_error *err);
void dbr_input_free(dbr_input *in);

/* The name given at open (for messages). */
const char *dbr_input_name(const dbr_input *in);

/* The first raw bytes (up to 64 KiB, fewer for a short input), for probing. Never consumes. */
const uint8_t *dbr_input_head(dbr_input *in, size_t *len);
/* The first bytes decoded to UTF-8 (best effort, never fails: invalid bytes become U+FFFD). */
const char *dbr_input_head_text(dbr_input *in, size_t *len);

/* Lets a reader name the encoding its format declares (XML encoding=, HTML meta charset, PO
 * Content-Type). The core calls the reader's sniff hook with the head first, so readers rarely
 * need this. Must be called before the first read. */
void dbr_input_set_declared_encoding(dbr_input *in, const char *encoding);

/* Reads decoded, normalised UTF-8. *got = 0 at end of input. Never splits a UTF-8 sequence.
 * FAILED with err filled (file, line, column, offset, bytes seen) on a strict decoding error or
 * an I/O error. */
dbr_status dbr_input_read(dbr_input *in, char *buf, size_t cap, size_t *got, dbr_error *err);

/* Next line of decoded text without its "\n". *line is borrowed until the next call; NULL at
 * end of input. Lines of any length are returned whole. */
dbr_status dbr_input_getline(dbr_input *in, const char **line, size_t *len, dbr_error *err);
/* 1-based number of the line last returned by dbr_input_getline. */
long dbr_input_lineno(const dbr_input *in);

/* Raw bytes, for binary formats. Do not mix with dbr_input_read on one input. */
dbr_status dbr_input_read_raw(dbr_input *in, void *buf, size_t cap, size_t *got, dbr_error *err);

/* What has been learned so far; the pointer lives as long as the input. */
const dbr_input_info *dbr_input_info_get(dbr_input *in);

/* Reads whatever is left (raw), so the size and checksum are complete. */
dbr_status dbr_input_drain(dbr_input *in, dbr_error *err);

/* The one warning this input deserves so far, or NULL: how many bytes were replaced with
 * U+FFFD and where the first was, how many control characters were removed, and a declared
 * encoding nobody knows. The core sends it to
 * the job's warn callback once, after the reader is done; readers need not. The string lives
 * until the next call or dbr_input_free. */
const char *dbr_input_warning(dbr_input *in);

/* For writers: characters the input layer removes from raw text (C0 controls but tab, LF, CR
 * and FF; DEL; the C1 controls) would be lost when the file is read back. A writer that has
 * no escape for them in some field (a TSV id or note column, a PO comment) passes the value
 * through this: it returns s itself when there are none of the kinds asked for, else a copy in
 * pool with each replaced by U+FFFD, adding their count to *replaced, for the writer's one
 * warning. NULL when out of memory. */
#define DBR_KEEP_C0_DEL 0x1u /* C0 controls but tab, LF, CR and FF, and DEL */
#define DBR_KEEP_C1 0x2u     /* U+0080..U+009F */
const char *dbr_input_keepable(dbr_pool *pool, const char *s, unsigned kinds, long *replaced);

/* ---- declaration sniffers ----
 * Point a reader's sniff_encoding hook at one of these (they have its signature): each looks
 * at the raw head and writes the declared encoding's canonical name ("GB18030", "UTF-16LE",
 * "SHIFT_JIS", "WINDOWS-1252") into out, returning 1, or returns 0 when nothing is declared.
 *
 * XML: the encoding pseudo-attribute of the XML declaration, in ASCII-compatible files and in
 * BOM-less UTF-16/32 (XML 1.0 Appendix F: "<?xml" as 3C 00 3F 00 says UTF-16LE whatever the
 * declaration says). A UTF-16/32 name in an ASCII-compatible file is ignored. The core applies
 * this one to every input anyway, since "<?xml" at byte 0 is unambiguous. The text an XML
 * reader then gets is UTF-8 with the declaration left in place: create the Expat parser with
 * XML_ParserCreate("UTF-8") (libxml2: XML_PARSE_IGNORE_ENC) so it does not decode twice. */
int dbr_sniff_xml_encoding(const uint8_t *head, size_t len, char *out, size_t cap);
/* HTML: <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">
 * in the first 8 KiB, outside comments; labels mapped as WHATWG does (iso-8859-1 and
 * us-ascii -> WINDOWS-1252, gb2312 -> GBK, utf-16 -> UTF-8). */
int dbr_sniff_html_charset(const uint8_t *head, size_t len, char *out, size_t cap);
/* PO/POT: the header entry's "Content-Type: text/plain; charset=..." (the template's literal
 * "CHARSET" counts as nothing declared). */
int dbr_sniff_po_charset(const uint8_t *head, size_t len, char *out, size_t cap);

/* ======================= output ======================= */

typedef struct dbr_output dbr_output;

/* Opens path for writing through a temporary file in the same directory ("-" = standard
 * output, written directly). Refuses a directory and a path equal to any of `inputs`. */
dbr_output *dbr_output_open(const char *path, dbr_error *err);

/* A further file that commits or aborts together with `primary` (Moses writes corpus.en and
 * corpus.zh). path is used as given. NULL + err on failure. Owned by primary. */
dbr_output *dbr_output_open_sibling(dbr_output *primary, const char *path, dbr_error *err);

/* Marks out as unwanted: commit removes its temporary instead of renaming it into place, and
 * its siblings commit as usual (Moses given `-o corpus` writes only corpus.en, corpus.zh). */
void dbr_output_discard(dbr_output *out);

/* The path being written ("-" for stdout). */
const char *dbr_output_path(const dbr_output *out);

/* Buffered writes. On an I/O error they return FAILED, fill err, and the output is poisoned
 * (later writes fail too; commit refuses). */
dbr_status dbr_output_write(dbr_output *out, const void *data, size_t len, dbr_error *err);
dbr_status dbr_output_puts(dbr_output *out, const char *s, dbr_error *err);
dbr_status dbr_output_printf(dbr_output *out, dbr_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Flush, fsync, rename temporaries into place (siblings too), free. FAILED leaves no file. */
dbr_status dbr_output_commit(dbr_output *out, dbr_error *err);
/* Remove temporaries (siblings too), free. NULL is a no-op. */
void dbr_output_abort(dbr_output *out);

/* 1 when the two paths name the same existing file (device and inode). */
int dbr_same_file(const char *a, const char *b);

#ifdef __cplusplus
}
#endif
#endif
