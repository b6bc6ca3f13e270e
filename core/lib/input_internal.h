/* input_internal.h - the input object's insides, shared by input.c (buffering, lines) and
 * decode.c (encoding choice, transcoding, sanitising). Not a public header. */
#ifndef DOCBRIDGE_INPUT_INTERNAL_H
#define DOCBRIDGE_INPUT_INTERNAL_H

#include "docbridge/alloc.h"
#include "docbridge/convert.h"
#include "docbridge/io.h"

#include <iconv.h>

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
    char *head_text;        /* head decoded, for probes */
    size_t head_text_len;
    dbr_sha256 sha;

    /* decoding */
    int decoder_ready;
    char declared[64];      /* encoding named by the format, via the reader's sniff hook */
    char encoding[64];      /* chosen encoding, canonical name */
    int is_utf8;
    iconv_t cd;             /* (iconv_t)-1 when not transcoding */
    uint8_t *raw;           /* raw chunk buffer (+ carried tail) */
    size_t raw_len;
    dbr_buf utf8;           /* transcoded, not yet sanitised (+ carried tail) */
    long long raw_consumed; /* raw bytes consumed by the decoder, for offsets */
    long long src_line, src_col; /* position in the source text, for strict errors */
    int last_cr;            /* previous chunk ended in CR (CRLF split across chunks) */
    int seen_lf, seen_crlf, seen_cr;
    int bom_checked;
    void *norm;             /* normaliser state (normalize.c) */
    dbr_buf norm_tail;      /* text held back until a normalisation boundary */

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

/* decode.c */
dbr_status input_decode_more(dbr_input *in, dbr_error *err); /* appends to in->text */
void input_decoder_free(dbr_input *in);
/* input.c */
dbr_status input_raw_next(dbr_input *in, uint8_t *buf, size_t cap, size_t *got, dbr_error *err);

#endif
