/* input_internal.h - the input object's insides, shared by input.c (buffering, lines),
 * decode.c (encoding choice, transcoding, sanitising), detect.c (evidence about an encoding),
 * sniff.c (format declarations) and normalize.c (NFC/NFKC). Not a public header. */
#ifndef DOCBRIDGE_INPUT_INTERNAL_H
#define DOCBRIDGE_INPUT_INTERNAL_H

#include "docbridge/alloc.h"
#include "docbridge/convert.h"
#include "docbridge/io.h"

#include <iconv.h>

#define INPUT_ENC_MAX 64

typedef struct input_norm input_norm;

struct dbr_input {
    char *name;
    dbr_input_config cfg;
    size_t chunk;

    /* raw source */
    int fd;
    int owns_fd;
    const uint8_t *mem;
    size_t mem_len, mem_pos;
    dbr_input_read_fn read_cb; /* callback source (archive members), or NULL */
    void *read_ud;
    uint8_t *head;          /* first HEAD_MAX bytes, kept for probing */
    size_t head_len, head_pos;
    int head_complete;      /* the head is the whole input */
    int head_partial;       /* private head decoder: drop a sequence cut at the head's end */
    char *head_text;        /* head decoded, for probes */
    size_t head_text_len;
    dbr_sha256 sha;

    /* encoding choice (decode.c); settled for good when the decoder starts */
    int decoder_ready;
    int choice_made;        /* encoding[] and info describe the current choice */
    int forced;             /* choice copied from another input (head decoding) */
    char declared[INPUT_ENC_MAX]; /* named by the format, via the reader's sniff hook */
    char bad_declared[INPUT_ENC_MAX]; /* a declaration set aside (warned about) */
    const char *bad_declared_why;
    char encoding[INPUT_ENC_MAX]; /* chosen encoding, canonical name (reported) */
    char decode_as[INPUT_ENC_MAX]; /* the iconv name used to decode it (a superset maybe) */
    int stat_done;          /* statistical guess below is cached */
    char stat_name[INPUT_ENC_MAX];
    double stat_conf;

    /* decoding */
    int is_utf8;
    iconv_t cd;             /* (iconv_t)-1 when not transcoding */
    size_t unit;            /* code unit size of the source encoding (1, 2 or 4) */
    uint8_t *raw;           /* raw chunk buffer (+ carried tail) */
    size_t raw_len;
    dbr_buf utf8;           /* transcoded, not yet sanitised (+ carried tail) */
    dbr_buf clean;          /* sanitised, not yet normalised */
    long long raw_consumed; /* raw bytes consumed by the decoder, for offsets */
    long long src_line, src_col; /* position in the source text, for strict errors */
    int last_cr;            /* previous character was CR (CRLF split across chunks) */
    int at_text_start;      /* nothing decoded yet: a leading U+FEFF is a BOM */
    int seen_lf, seen_crlf;
    long long seen_cr;
    input_norm *norm;       /* normaliser (normalize.c) */
    char warning[512];      /* the one warning for this input, built at the end */

    /* decoded text */
    dbr_buf text;
    size_t text_pos;
    int text_eof;

    /* lines */
    dbr_buf line;
    int line_pending;
    long line_no;

    dbr_input_info info;
};

/* Internal to libdocbridge: hidden, so calls stay direct (no PLT) and nothing leaks into the
 * ABI. */
#pragma GCC visibility push(hidden)

/* decode.c */
dbr_status input_decode_more(dbr_input *in, dbr_error *err); /* appends to in->text */
void input_decoder_free(dbr_input *in);
void input_choose_encoding(dbr_input *in);
/* input.c */
dbr_status input_raw_next(dbr_input *in, uint8_t *buf, size_t cap, size_t *got, dbr_error *err);

/* detect.c */
typedef struct input_bom {
    const char *name;
    uint8_t bytes[4];
    size_t len;
} input_bom;

/* The byte-order mark p starts with, or NULL. */
const input_bom *input_find_bom(const uint8_t *p, size_t n);
/* Canonical spelling of an encoding name ("utf8" -> "UTF-8", "Shift-JIS" -> "SHIFT_JIS");
 * out is "" when name is not a plausible encoding name. */
void input_canonical_encoding(const char *name, char *out, size_t cap);
/* The iconv name to decode a canonical encoding with (a superset where labels lie:
 * GB2312 -> GBK, US-ASCII -> WINDOWS-1252). */
const char *input_decode_name(const char *canonical);
/* 1 when iconv knows the (canonical) encoding. */
int input_encoding_known(const char *canonical);
/* Length of the valid UTF-8 sequence at p (1-4), 0 if invalid, -1 if truncated at p+n.
 * Inline: it runs once per non-ASCII character. */
/* Second-byte range of a lead byte: the table of well-formed sequences (Unicode 3.9). */
static inline size_t input_utf8_shape(uint8_t c, uint8_t *lo, uint8_t *hi)
{
    *lo = 0x80;
    *hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0)
            *lo = 0xA0; /* no overlong forms */
        if (c == 0xED)
            *hi = 0x9F; /* no surrogates */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0)
            *lo = 0x90;
        if (c == 0xF4)
            *hi = 0x8F; /* nothing above U+10FFFF */
        return 4;
    }
    return 0;
}

static inline int input_utf8_seq(const uint8_t *p, size_t n)
{
    if (p[0] < 0x80)
        return 1;
    uint8_t lo, hi;
    size_t len = input_utf8_shape(p[0], &lo, &hi);
    if (!len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (i >= n)
            return -1;
        uint8_t b = p[i];
        if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
            return 0;
    }
    return (int)len;
}

/* Length of the longest prefix of p that could start a valid sequence (>= 1): how many bytes
 * one U+FFFD replaces (Unicode's "maximal subpart"). */
size_t input_utf8_bad_len(const uint8_t *p, size_t n);
/* 1 when p is valid UTF-8 (a sequence cut at the end is allowed unless complete). */
int input_valid_utf8(const uint8_t *p, size_t n, int complete);
/* UTF-8 with a few invalid sequences among many valid multibyte ones; 1 and a confidence. */
int input_mostly_utf8(const uint8_t *p, size_t n, int complete, double *conf);
/* UTF-16/32 without a BOM, from the pattern of zero bytes; 1 and name + confidence if so. */
int input_guess_wide(const uint8_t *p, size_t n, int complete, char *name, size_t cap,
                     double *conf);
/* Statistical guess (ICU ucsdet with uchardet as a second opinion), checked by decoding. */
void input_guess_statistical(const uint8_t *p, size_t n, int complete, char *name, size_t cap,
                             double *conf);
/* 1 when the encoding decodes p without an invalid sequence. */
int input_decodes_cleanly(const char *canonical, const uint8_t *p, size_t n, int complete);

/* sniff.c: the XML declaration, if the head opens with one (any of the XML autodetection
 * forms); what dbr_sniff_xml_encoding returns. */

/* textnorm.c: the fold of the three-byte character at p (full-width ASCII forms and U+3000
 * when width, U+2018-U+201F when quotes) into one ASCII byte; 1 when folded. */
int input_fold_char(const uint8_t *p, int width, int quotes, char *out);

/* normalize.c */
input_norm *input_norm_new(int nfkc, dbr_error *err);
void input_norm_free(input_norm *n);
/* Normalises UTF-8 text made of whole code points, appending to out. Holds back the text
 * after the last normalisation boundary unless final. *not_nfc is set to 1 when the text was
 * not in NFC. 0 ok, -1 out of memory or ICU failure (err filled). */
int input_norm_run(input_norm *n, const char *src, size_t len, int final, dbr_buf *out,
                   int *not_nfc, dbr_error *err);
/* 1 when the code point c (a scalar value) is a segment of its own that normalisation leaves
 * unchanged whatever surrounds it: text made only of such characters is already normalised.
 * Answers for the BMP are cached per normaliser. */
int input_norm_simple(input_norm *n, int32_t c);
/* 1 when the normaliser holds back a segment (waiting for what follows it). */
int input_norm_holding(const input_norm *n);

/* decode_fast.c: the fast lane for UTF-8 that needs no change (see there). Returns 1 when it
 * handled the chunk in in->utf8 (in->text filled, counters moved on), 0 when the general path
 * must run, -1 on error (err filled). */
int input_decode_fast(dbr_input *in, int at_end, dbr_error *err);

#pragma GCC visibility pop

#endif
