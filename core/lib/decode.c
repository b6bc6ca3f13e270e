/* decode.c - choosing the encoding and turning raw bytes into sanitised UTF-8.
 *
 * Order of evidence (issue 3): explicit option, byte-order mark, the format's declaration,
 * valid UTF-8, then a fallback. Transcoding is iconv, chunk by chunk; an incomplete multibyte
 * sequence at a chunk's end (EINVAL) is carried into the next chunk.
 */
#include "input_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct bom_sig {
    const char *name;
    const uint8_t bytes[4];
    size_t len;
} bom_sig;

/* UTF-32LE before UTF-16LE: FF FE 00 00 starts with FF FE. */
static const bom_sig BOMS[] = {
    {"UTF-8", {0xEF, 0xBB, 0xBF}, 3},           {"UTF-32LE", {0xFF, 0xFE, 0x00, 0x00}, 4},
    {"UTF-32BE", {0x00, 0x00, 0xFE, 0xFF}, 4},  {"UTF-16LE", {0xFF, 0xFE}, 2},
    {"UTF-16BE", {0xFE, 0xFF}, 2},
};

static const bom_sig *find_bom(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < sizeof BOMS / sizeof BOMS[0]; i++)
        if (n >= BOMS[i].len && memcmp(p, BOMS[i].bytes, BOMS[i].len) == 0)
            return &BOMS[i];
    return NULL;
}

/* Length of the valid UTF-8 sequence at p (1-4), 0 if invalid, -1 if truncated at end. */
static int utf8_seq(const uint8_t *p, size_t n)
{
    uint8_t c = p[0];
    if (c < 0x80)
        return 1;
    int len;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    uint32_t cp = c & (0x3F >> (len - 1));
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return -1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* 1 when the bytes are valid UTF-8 (a sequence truncated at the very end counts as valid when
 * the buffer is not the whole input). */
static int valid_utf8(const uint8_t *p, size_t n, int complete)
{
    size_t i = 0;
    while (i < n) {
        int l = utf8_seq(p + i, n - i);
        if (l == 0 || (l < 0 && complete))
            return 0;
        if (l < 0)
            return 1;
        i += (size_t)l;
    }
    return 1;
}

static void set_encoding(dbr_input *in, const char *enc, const char *source, double conf)
{
    snprintf(in->encoding, sizeof in->encoding, "%s", enc);
    in->info.encoding = in->encoding;
    in->info.encoding_source = source;
    in->info.confidence = conf;
}

static void choose_encoding(dbr_input *in)
{
    const bom_sig *bom = find_bom(in->head, in->head_len);
    if (bom)
        in->info.bom = bom->name;
    if (in->cfg.from_encoding && *in->cfg.from_encoding)
        set_encoding(in, in->cfg.from_encoding, "option", 1.0);
    else if (bom)
        set_encoding(in, bom->name, "bom", 1.0);
    else if (in->declared[0])
        set_encoding(in, in->declared, "declaration", 1.0);
    else if (valid_utf8(in->head, in->head_len, in->head_complete))
        set_encoding(in, "UTF-8", "utf8", 1.0);
    else
        set_encoding(in, "WINDOWS-1252", "default", 0.1);
}

static int is_utf8_name(const char *e)
{
    return !strcasecmp(e, "UTF-8") || !strcasecmp(e, "UTF8");
}

static dbr_status init_decoder(dbr_input *in, dbr_error *err)
{
    in->decoder_ready = 1;
    in->cd = (iconv_t)-1;
    choose_encoding(in);
    in->is_utf8 = is_utf8_name(in->encoding);
    /* Skip the BOM bytes when it matches the encoding in use. */
    if (in->info.bom && strcasecmp(in->info.bom, in->encoding) == 0)
        in->head_pos = (size_t)find_bom(in->head, in->head_len)->len;
    if (!in->is_utf8) {
        in->cd = iconv_open("UTF-8", in->encoding);
        if (in->cd == (iconv_t)-1) {
            dbr_error_set(err, DBR_FAILED, "unknown encoding '%s' (from %s)", in->encoding,
                          in->info.encoding_source);
            dbr_error_set_file(err, in->name, NULL);
            return DBR_FAILED;
        }
    }
    in->raw = dbr_malloc(in->chunk + 8);
    if (!in->raw)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    /* The BOM, when skipped, was consumed from the raw stream too. */
    if (in->head_pos) {
        dbr_sha256_update(&in->sha, in->head, in->head_pos);
        in->info.byte_size += (long long)in->head_pos;
        in->raw_consumed = (long long)in->head_pos;
    }
    return DBR_OK;
}

void input_decoder_free(dbr_input *in)
{
    if (in->decoder_ready && in->cd != (iconv_t)-1)
        iconv_close(in->cd);
    in->decoder_ready = 0;
    dbr_buf_free(&in->utf8);
    dbr_buf_free(&in->norm_tail);
}

static dbr_status strict_error(dbr_input *in, const uint8_t *bad, size_t n, long long off,
                               dbr_error *err)
{
    char seen[32] = "";
    for (size_t i = 0; i < n && i < 4; i++)
        snprintf(seen + 3 * i, sizeof seen - 3 * i, "%s%02X", i ? " " : "", bad[i]);
    dbr_error_set(err, DBR_FAILED, "invalid %s byte sequence (bytes %s)", in->encoding, seen);
    dbr_error_set_file(err, in->name, NULL);
    dbr_error_locate(err, (long)in->src_line, (long)in->src_col, off);
    return DBR_FAILED;
}

static void note_invalid(dbr_input *in, long long off)
{
    if (in->info.invalid_bytes++ == 0)
        in->info.first_invalid_offset = off;
}

/* Appends one code point's bytes after the control and line-ending rules. */
static int emit_char(dbr_input *in, const uint8_t *p, int len)
{
    uint8_t c = p[0];
    if (len == 1) {
        if (in->last_cr) {
            in->last_cr = 0;
            if (c == '\n') { in->seen_crlf = 1; in->seen_cr--; return 0; }
        }
        if (c == '\r') {
            in->last_cr = 1;
            in->seen_cr++;
            return dbr_buf_putc(&in->text, '\n');
        }
        if (c == '\n')
            in->seen_lf = 1;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\f') {
            in->info.removed_controls++;
            return 0;
        }
        if (c == 0x7F) {
            in->info.removed_controls++;
            return 0;
        }
        return dbr_buf_putc(&in->text, (char)c);
    }
    in->last_cr = 0;
    if (len == 2 && c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { /* C1 control */
        in->info.removed_controls++;
        return 0;
    }
    return dbr_buf_append(&in->text, p, (size_t)len);
}

static void advance_pos(dbr_input *in, const uint8_t *p)
{
    if (*p == '\n') {
        in->src_line++;
        in->src_col = 1;
    } else {
        in->src_col++;
    }
}

/* Validates/sanitises utf8 bytes into in->text; keeps an incomplete tail unless at_end.
 * raw_base is the raw offset of utf8[0] when the input is UTF-8 (for error offsets). */
static dbr_status sanitise(dbr_input *in, int at_end, dbr_error *err)
{
    const uint8_t *p = (const uint8_t *)in->utf8.data;
    size_t n = in->utf8.len, i = 0;
    while (i < n) {
        int l = utf8_seq(p + i, n - i);
        if (l < 0 && !at_end)
            break;
        long long off = in->is_utf8 ? in->raw_consumed + (long long)i : -1;
        if (l <= 0) {
            if (in->cfg.strict)
                return strict_error(in, p + i, n - i, off, err);
            note_invalid(in, off);
            if (dbr_buf_append(&in->text, "\xEF\xBF\xBD", 3) != 0)
                return dbr_error_set(err, DBR_FAILED, "out of memory");
            in->src_col++;
            i++;
            continue;
        }
        if (emit_char(in, p + i, l) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory");
        advance_pos(in, p + i);
        i += (size_t)l;
    }
    if (in->is_utf8)
        in->raw_consumed += (long long)i;
    memmove(in->utf8.data, in->utf8.data + i, n - i);
    in->utf8.len = n - i;
    return DBR_OK;
}

/* Runs iconv over raw, appending UTF-8 to in->utf8; keeps an incomplete tail in raw. */
static dbr_status transcode(dbr_input *in, int at_end, dbr_error *err)
{
    char *src = (char *)in->raw;
    size_t left = in->raw_len;
    while (left > 0) {
        if (dbr_buf_reserve(&in->utf8, left * 4 + 16) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory");
        char *dst = in->utf8.data + in->utf8.len;
        size_t room = in->utf8.cap - in->utf8.len - 1;
        size_t before = room;
        size_t r = iconv(in->cd, &src, &left, &dst, &room);
        in->utf8.len += before - room;
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        if (errno == EINVAL && !at_end)
            break;
        long long off = in->raw_consumed + (long long)(src - (char *)in->raw);
        if (in->cfg.strict)
            return strict_error(in, (const uint8_t *)src, left, off, err);
        /* Invalid (or truncated at the end): one U+FFFD per bad byte, then go on. */
        note_invalid(in, off);
        if (dbr_buf_append(&in->utf8, "\xEF\xBF\xBD", 3) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory");
        src++;
        left--;
    }
    size_t used = in->raw_len - left;
    in->raw_consumed += (long long)used;
    memmove(in->raw, in->raw + used, left);
    in->raw_len = left;
    return DBR_OK;
}

static void finish_info(dbr_input *in)
{
    int kinds = (in->seen_lf ? 1 : 0) + (in->seen_crlf ? 1 : 0) + (in->seen_cr > 0 ? 1 : 0);
    if (kinds > 1)
        in->info.line_endings = "mixed";
    else if (in->seen_crlf)
        in->info.line_endings = "CRLF";
    else if (in->seen_cr > 0)
        in->info.line_endings = "CR";
    else if (in->seen_lf)
        in->info.line_endings = "LF";
}

dbr_status input_decode_more(dbr_input *in, dbr_error *err)
{
    if (!in->decoder_ready && init_decoder(in, err) != DBR_OK)
        return DBR_FAILED;
    size_t got;
    if (in->is_utf8) {
        if (dbr_buf_reserve(&in->utf8, in->chunk) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory");
        if (input_raw_next(in, (uint8_t *)in->utf8.data + in->utf8.len, in->chunk, &got, err))
            return DBR_FAILED;
        in->utf8.len += got;
    } else {
        if (input_raw_next(in, in->raw + in->raw_len, in->chunk, &got, err) != DBR_OK)
            return DBR_FAILED;
        in->raw_len += got;
        if (transcode(in, got == 0, err) != DBR_OK)
            return DBR_FAILED;
    }
    if (sanitise(in, got == 0, err) != DBR_OK)
        return DBR_FAILED;
    if (got == 0) {
        in->text_eof = 1;
        finish_info(in);
    }
    return DBR_OK;
}

const char *dbr_input_head_text(dbr_input *in, size_t *len)
{
    if (!in->head_text) {
        /* Decode a private copy of the head with the same rules, leniently. */
        dbr_error e;
        dbr_input_config cfg = in->cfg;
        cfg.strict = 0;
        dbr_input *tmp = dbr_input_open_memory(in->head, in->head_len, in->name, &cfg, &e);
        dbr_buf all = DBR_BUF_INIT;
        if (tmp) {
            snprintf(tmp->declared, sizeof tmp->declared, "%s", in->declared);
            tmp->head_complete = 1;
            char buf[8192];
            size_t got;
            while (dbr_input_read(tmp, buf, sizeof buf, &got, &e) == DBR_OK && got)
                if (dbr_buf_append(&all, buf, got) != 0)
                    break;
            dbr_input_free(tmp);
        }
        in->head_text_len = all.len;
        in->head_text = all.data ? all.data : dbr_strdup("");
    }
    *len = in->head_text ? in->head_text_len : 0;
    return in->head_text ? in->head_text : "";
}
