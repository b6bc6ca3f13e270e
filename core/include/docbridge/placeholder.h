/* placeholder.h - the reversible placeholder form for inline codes in formats that have none
 * (PO, TSV/CSV, Moses): rich text <-> one plain string with each code written as a token.
 *
 * Tokens sit between U+27E6 and U+27E7 ("⟦" "⟧"), brackets that real text almost never uses, so
 * ordinary strings (printf formats, {0}, <b>, %s) pass through untouched:
 *
 *   ⟦ID⟧ open    ⟦/ID⟧ close    ⟦ID/⟧ standalone    ⟦@ID⟧ mark open    ⟦/@ID⟧ mark close
 *   |iso  |wf           flags (isolated, well-formed), always written
 *   |t=TYPE |o=ORIGIN |d=DATA |a.NAME=VALUE   written with DBR_PH_FULL
 *   ⟦⟦                  a literal "⟦" in the text
 *   ⟦=TEXT⟧             literal text, percent-encoded (DBR_PH_LINE_SAFE uses it for \n \r \t,
 *                       DBR_PH_CTRL_SAFE, DBR_PH_C1_SAFE and DBR_PH_CR_SAFE for control
 *                       characters the reader's input layer would remove or change)
 *
 * IDs and values are percent-encoded (%XX) for '%', '|', '/', '@', '=', space, controls and
 * the two brackets, so a token never contains a line break or a tab. formats/placeholders.md
 * is the full description. Stateless and thread-safe.
 */
#ifndef DOCBRIDGE_PLACEHOLDER_H
#define DOCBRIDGE_PLACEHOLDER_H

#include <stddef.h>

#include "docbridge/alloc.h"
#include "docbridge/error.h"
#include "docbridge/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Encoding flags. */
#define DBR_PH_FULL 0x1u      /* also write type, origin, original data and attributes */
#define DBR_PH_LINE_SAFE 0x2u /* escape "\n", "\r", "\t" in text, so the result is one line */
#define DBR_PH_STRIP 0x4u     /* leave codes out entirely (lossy: plain text for MT training) */
/* Control characters in text as ⟦=%01⟧, ⟦=%7F⟧, ⟦=%C2%85⟧: written raw, they would be removed
 * by the input layer of whoever reads the file (ours too), so the text would not come back.
 * For formats with no escape of their own for them (TSV, CSV, Moses; PO escapes C0 and DEL).
 *   CTRL_SAFE: C0 controls but tab, LF, CR and FF, and DEL
 *   C1_SAFE:   the C1 controls U+0080..U+009F
 *   CR_SAFE:   CR, which the input layer turns into LF (CSV, whose fields hold line breaks) */
#define DBR_PH_CTRL_SAFE 0x20u
#define DBR_PH_C1_SAFE 0x40u
#define DBR_PH_CR_SAFE 0x80u
/* Decoding flags. */
#define DBR_PH_STRICT 0x8u    /* a "⟦" that starts no valid token is an error (default: text) */
#define DBR_PH_LITERAL 0x10u  /* decode nothing: the string is plain text as it is */

/* Writes byte c as "%XX" (upper-case hex) at d; returns the end. The escape of ids and values
 * here, and of docbridge's other percent-encoded text (PO's docbridge-prop lines). */
static inline char *dbr_pct_byte(char *d, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    d[0] = '%';
    d[1] = hex[c >> 4];
    d[2] = hex[c & 15];
    return d + 3;
}

/* Appends the placeholder form of r to out. 0 ok, -1 out of memory. */
int dbr_ph_encode(const dbr_rich *r, unsigned flags, dbr_buf *out);

/* Where and why decoding failed (DBR_PH_STRICT only). */
typedef struct dbr_ph_error {
    size_t offset;       /* byte offset of the bad "⟦" in the decoded string */
    const char *message; /* static text: "unterminated token", ... */
} dbr_ph_error;

/* Parses s (len bytes, UTF-8) and appends its spans to out, strings copied into pool.
 * Returns 0 ok, -1 out of memory, 1 malformed token (DBR_PH_STRICT; *perr filled, may be NULL).
 * Without DBR_PH_STRICT a malformed token is kept as literal text. */
int dbr_ph_decode(dbr_pool *pool, const char *s, size_t len, unsigned flags, dbr_rich *out,
                  dbr_ph_error *perr);

/* Reads the shared plugin options into encode/decode flags:
 *   placeholders=full|ids|strip          (writing; default full)
 *   placeholders-read=tokens|strict|literal (reading; default tokens)
 * Returns 0, or -1 with a message naming the bad value in err (may be NULL). */
typedef struct dbr_options dbr_options;
int dbr_ph_write_flags(const dbr_options *opts, unsigned *flags, dbr_error *err);
int dbr_ph_read_flags(const dbr_options *opts, unsigned *flags, dbr_error *err);

/* 1 when s contains "⟦" (so decoding could change it); a fast pre-check. */
int dbr_ph_has_marker(const char *s, size_t len);

#ifdef __cplusplus
}
#endif
#endif
