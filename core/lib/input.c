/* input.c - the input layer: raw bytes -> detected encoding -> UTF-8 -> clean text.
 *
 * Stages, each one pass over a chunk:
 *   raw read (sha256 + size counted here)  ->  transcode (iconv, when not UTF-8)
 *   ->  sanitise (validate UTF-8, U+FFFD or strict error, CR/CRLF -> LF, drop NUL/C0/C1)
 *   ->  normalise (NFC, see normalize.c)  ->  text buffer the reader drains.
 * The encoding is chosen in decode.c from evidence gathered in detect.c and sniff.c.
 * Every stage carries an incomplete tail over to the next chunk, so a sequence split across a
 * chunk boundary comes out right whatever the chunk size.
 */
#include "input_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAD_MAX 65536
#define DEFAULT_CHUNK 262144 /* as XML_CHUNK in xmlread.c: one read feeds one parse */

static dbr_input *input_new(const char *name, const dbr_input_config *cfg)
{
    dbr_input *in = dbr_calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->fd = -1;
    in->name = dbr_strdup(name);
    if (cfg)
        in->cfg = *cfg;
    in->chunk = in->cfg.chunk_size ? in->cfg.chunk_size : DEFAULT_CHUNK;
    in->info.first_invalid_offset = -1;
    in->info.byte_size = 0;
    in->info.was_nfc = 1;
    in->info.line_endings = "none";
    in->line_no = 0;
    in->src_line = 1;
    in->src_col = 1;
    dbr_sha256_init(&in->sha);
    if (!in->name) {
        dbr_free(in);
        return NULL;
    }
    return in;
}

/* Reads up to cap raw bytes from the source (fd or memory), without the head logic. */
static dbr_status source_read(dbr_input *in, uint8_t *buf, size_t cap, size_t *got,
                              dbr_error *err)
{
    *got = 0;
    if (in->read_cb) {
        long long n = in->read_cb(in->read_ud, buf, cap, err);
        if (n < 0) {
            if (err && !err->message[0])
                dbr_error_set(err, DBR_FAILED, "cannot read input");
            dbr_error_set_file(err, in->name, NULL);
            return DBR_FAILED;
        }
        *got = (size_t)n;
        return DBR_OK;
    }
    if (in->mem) {
        size_t left = in->mem_len - in->mem_pos;
        size_t n = left < cap ? left : cap;
        memcpy(buf, in->mem + in->mem_pos, n);
        in->mem_pos += n;
        *got = n;
        return DBR_OK;
    }
    for (;;) {
        ssize_t n = read(in->fd, buf, cap);
        if (n >= 0) {
            *got = (size_t)n;
            return DBR_OK;
        }
        if (errno == EINTR)
            continue;
        dbr_error_set(err, DBR_FAILED, "cannot read: %s", strerror(errno));
        dbr_error_set_file(err, in->name, NULL);
        return DBR_FAILED;
    }
}

/* Fills the head buffer once, so probes can look without consuming. */
static dbr_status load_head(dbr_input *in, dbr_error *err)
{
    in->head = dbr_malloc(HEAD_MAX);
    if (!in->head)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    while (in->head_len < HEAD_MAX) {
        size_t got;
        if (source_read(in, in->head + in->head_len, HEAD_MAX - in->head_len, &got, err) != DBR_OK)
            return DBR_FAILED;
        if (got == 0) {
            in->head_complete = 1;
            break;
        }
        in->head_len += got;
    }
    return DBR_OK;
}

static dbr_input *finish_open(dbr_input *in, dbr_error *err)
{
    if (load_head(in, err) != DBR_OK) {
        dbr_input_free(in);
        return NULL;
    }
    return in;
}

dbr_input *dbr_input_open_file(const char *path, const dbr_input_config *cfg, dbr_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        dbr_error_set(err, DBR_FAILED, "cannot open: %s", strerror(errno));
        dbr_error_set_file(err, path, NULL);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin)
            close(fd);
        dbr_error_set(err, DBR_FAILED, "is a directory, expected a file");
        dbr_error_set_file(err, path, NULL);
        return NULL;
    }
    dbr_input *in = input_new(path, cfg);
    if (!in) {
        if (!is_stdin)
            close(fd);
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    in->fd = fd;
    in->owns_fd = !is_stdin;
    return finish_open(in, err);
}

dbr_input *dbr_input_open_memory(const void *data, size_t len, const char *name,
                                 const dbr_input_config *cfg, dbr_error *err)
{
    dbr_input *in = input_new(name ? name : "(memory)", cfg);
    if (!in) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    in->mem = data;
    in->mem_len = len;
    return finish_open(in, err);
}

dbr_input *dbr_input_open_callback(dbr_input_read_fn fn, void *ud, const char *name,
                                   const dbr_input_config *cfg, dbr_error *err)
{
    dbr_input *in = input_new(name ? name : "(stream)", cfg);
    if (!in) {
        dbr_error_set(err, DBR_FAILED, "out of memory");
        return NULL;
    }
    in->read_cb = fn;
    in->read_ud = ud;
    return finish_open(in, err);
}

void dbr_input_free(dbr_input *in)
{
    if (!in)
        return;
    if (in->owns_fd && in->fd >= 0)
        close(in->fd);
    input_decoder_free(in);
    dbr_free(in->head);
    dbr_free(in->raw);
    dbr_free(in->name);
    dbr_free(in->head_text);
    dbr_buf_free(&in->text);
    dbr_buf_free(&in->line);
    dbr_free(in);
}

const char *dbr_input_name(const dbr_input *in) { return in->name; }

const uint8_t *dbr_input_head(dbr_input *in, size_t *len)
{
    *len = in->head_len;
    return in->head;
}

void dbr_input_set_declared_encoding(dbr_input *in, const char *encoding)
{
    if (in->decoder_ready || !encoding)
        return;
    snprintf(in->declared, sizeof in->declared, "%s", encoding);
    if (in->choice_made)
        input_choose_encoding(in);
}

/* The encoding is settled from the head alone, so it is known before the first read (a
 * writer may put it in a header at begin_document). */
const dbr_input_info *dbr_input_info_get(dbr_input *in)
{
    if (!in->choice_made && !in->decoder_ready)
        input_choose_encoding(in);
    return &in->info;
}

/* Raw bytes: first what is left of the head, then the source. Counts size and checksum. */
dbr_status input_raw_next(dbr_input *in, uint8_t *buf, size_t cap, size_t *got, dbr_error *err)
{
    *got = 0;
    if (in->info.at_eof)
        return DBR_OK;
    if (in->head_pos < in->head_len) {
        size_t n = in->head_len - in->head_pos;
        if (n > cap)
            n = cap;
        memcpy(buf, in->head + in->head_pos, n);
        in->head_pos += n;
        *got = n;
    } else if (!in->head_complete) {
        if (source_read(in, buf, cap, got, err) != DBR_OK)
            return DBR_FAILED;
    }
    if (*got == 0) {
        if (!in->cfg.skip_digest) {
            uint8_t d[32];
            dbr_sha256_final(&in->sha, d);
            dbr_sha256_hex(d, in->info.sha256);
        }
        in->info.at_eof = 1;
        return DBR_OK;
    }
    if (!in->cfg.skip_digest)
        dbr_sha256_update(&in->sha, buf, *got);
    in->info.byte_size += (long long)*got;
    return DBR_OK;
}

dbr_status dbr_input_read_raw(dbr_input *in, void *buf, size_t cap, size_t *got, dbr_error *err)
{
    return input_raw_next(in, buf, cap, got, err);
}

dbr_status dbr_input_drain(dbr_input *in, dbr_error *err)
{
    uint8_t tmp[65536];
    size_t got;
    do {
        if (input_raw_next(in, tmp, sizeof tmp, &got, err) != DBR_OK)
            return DBR_FAILED;
    } while (got);
    return DBR_OK;
}

dbr_status dbr_input_read(dbr_input *in, char *buf, size_t cap, size_t *got, dbr_error *err)
{
    *got = 0;
    if (cap == 0)
        return DBR_OK;
    while (in->text_pos >= in->text.len && !in->text_eof) {
        dbr_buf_clear(&in->text);
        in->text_pos = 0;
        if (input_decode_more(in, err) != DBR_OK)
            return DBR_FAILED;
    }
    size_t left = in->text.len - in->text_pos;
    size_t n = left < cap ? left : cap;
    /* Never split a UTF-8 sequence: back off to a lead byte. */
    if (n < left)
        while (n > 0 && ((unsigned char)in->text.data[in->text_pos + n] & 0xC0) == 0x80)
            n--;
    if (n == 0 && left > 0) /* cap smaller than one character: give what fits, byte-wise */
        n = cap;
    if (n) /* an empty input has no buffer at all: memcpy from NULL is undefined */
        memcpy(buf, in->text.data + in->text_pos, n);
    in->text_pos += n;
    *got = n;
    return DBR_OK;
}

dbr_status dbr_input_getline(dbr_input *in, const char **line, size_t *len, dbr_error *err)
{
    dbr_buf_clear(&in->line);
    *line = NULL;
    *len = 0;
    for (;;) {
        if (in->text_pos >= in->text.len) {
            if (in->text_eof) {
                if (in->line.len == 0 && !in->line_pending)
                    return DBR_OK;
                break;
            }
            dbr_buf_clear(&in->text);
            in->text_pos = 0;
            if (input_decode_more(in, err) != DBR_OK)
                return DBR_FAILED;
            continue;
        }
        in->line_pending = 1;
        const char *start = in->text.data + in->text_pos;
        const char *nl = memchr(start, '\n', in->text.len - in->text_pos);
        size_t take = nl ? (size_t)(nl - start) : in->text.len - in->text_pos;
        if (dbr_buf_append(&in->line, start, take) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory");
        in->text_pos += take;
        if (nl) {
            in->text_pos++;
            break;
        }
    }
    in->line_pending = 0;
    in->line_no++;
    *line = dbr_buf_cstr(&in->line);
    *len = in->line.len;
    return DBR_OK;
}

long dbr_input_lineno(const dbr_input *in) { return in->line_no; }
