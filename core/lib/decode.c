/* decode.c - choosing the encoding and turning raw bytes into clean, normalised UTF-8.
 *
 * Order of evidence (issue 3): explicit option, byte-order mark, the format's declaration (the
 * reader's sniff hook; the XML declaration for any format), the zero-byte pattern of BOM-less
 * UTF-16/32, valid UTF-8 (or UTF-8 with a few stray bytes among many valid multibyte
 * sequences), then statistical detection (detect.c).
 * Transcoding is iconv, chunk by chunk; an incomplete multibyte sequence at a chunk's end
 * (EINVAL) is carried into the next chunk. Then sanitise (validate, U+FFFD or strict error,
 * CR/CRLF -> LF, drop NUL/C0/C1 but tab, LF and FF, optional folds), then normalise.
 */
#include "input_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---------- choosing ---------- */

static void set_choice(dbr_input *in, const char *enc, const char *source, double conf)
{
    snprintf(in->encoding, sizeof in->encoding, "%s", enc);
    snprintf(in->decode_as, sizeof in->decode_as, "%s", input_decode_name(in->encoding));
    in->info.encoding = in->encoding;
    in->info.encoding_source = source;
    in->info.confidence = conf;
    in->choice_made = 1;
}

/* The declaration: what the reader's hook found, else an XML declaration (unambiguous
 * whatever the format). A name iconv does not know is set aside and warned about. */
static int declared_encoding(dbr_input *in, char *out, size_t cap)
{
    char found[INPUT_ENC_MAX] = "";
    if (in->declared[0])
        input_canonical_encoding(in->declared, found, sizeof found);
    else
        dbr_sniff_xml_encoding(in->head, in->head_len, found, sizeof found);
    if (!found[0])
        return 0;
    if (!input_encoding_known(found)) {
        snprintf(in->bad_declared, sizeof in->bad_declared, "%s", found);
        in->bad_declared_why = "is unknown";
        return 0;
    }
    /* A UTF-16/32 declaration that was readable as ASCII cannot be true (XML 1.0 4.3.3). */
    char wide[INPUT_ENC_MAX];
    double conf;
    if ((!strncmp(found, "UTF-16", 6) || !strncmp(found, "UTF-32", 6)) &&
        !input_guess_wide(in->head, in->head_len, in->head_complete, wide, sizeof wide, &conf)) {
        snprintf(in->bad_declared, sizeof in->bad_declared, "%s", found);
        in->bad_declared_why = "does not fit the bytes";
        return 0;
    }
    snprintf(out, cap, "%s", found);
    return 1;
}

/* Statistics over the head; valid UTF-8 with an ESC may be ISO-2022, so it is asked too.
 * Cached: the head never changes. */
static void choose_by_statistics(dbr_input *in)
{
    const uint8_t *h = in->head;
    size_t n = in->head_len;
    if (!in->stat_done) {
        input_guess_statistical(h, n, in->head_complete, in->stat_name, sizeof in->stat_name,
                                &in->stat_conf);
        in->stat_done = 1;
    }
    if (input_valid_utf8(h, n, in->head_complete) && strncmp(in->stat_name, "ISO-2022", 8) != 0)
        set_choice(in, "UTF-8", "utf8", 1.0);
    else
        set_choice(in, in->stat_name, "detector", in->stat_conf);
}

void input_choose_encoding(dbr_input *in)
{
    if (in->forced)
        return;
    const uint8_t *h = in->head;
    size_t n = in->head_len;
    const input_bom *bom = input_find_bom(h, n);
    in->info.bom = bom ? bom->name : NULL;
    char enc[INPUT_ENC_MAX];
    double conf;
    int complete = in->head_complete;
    in->bad_declared[0] = '\0';
    if (in->cfg.from_encoding && *in->cfg.from_encoding) {
        input_canonical_encoding(in->cfg.from_encoding, enc, sizeof enc);
        /* "UTF-16" with a BOM: the BOM says which end comes first. */
        if (bom && (!strcmp(enc, "UTF-16") || !strcmp(enc, "UTF-32")) &&
            !strncmp(bom->name, enc, strlen(enc)))
            snprintf(enc, sizeof enc, "%s", bom->name);
        set_choice(in, enc[0] ? enc : in->cfg.from_encoding, "option", 1.0);
    } else if (bom) {
        set_choice(in, bom->name, "bom", 1.0);
    } else if (declared_encoding(in, enc, sizeof enc)) {
        set_choice(in, enc, "declaration", 1.0);
    } else if (input_guess_wide(h, n, complete, enc, sizeof enc, &conf)) {
        set_choice(in, enc, "detector", conf);
    } else if (input_valid_utf8(h, n, complete) && !memchr(h, 0x1B, n)) {
        set_choice(in, "UTF-8", "utf8", 1.0);
    } else if (input_mostly_utf8(h, n, complete, &conf)) {
        set_choice(in, "UTF-8", "utf8", conf);
    } else {
        choose_by_statistics(in);
    }
}

static int is_utf8_name(const char *e) { return !strcasecmp(e, "UTF-8"); }

static size_t unit_size(const char *e)
{
    if (!strncasecmp(e, "UTF-16", 6) || !strncasecmp(e, "UCS-2", 5))
        return 2;
    if (!strncasecmp(e, "UTF-32", 6) || !strncasecmp(e, "UCS-4", 5))
        return 4;
    return 1;
}

static dbr_status init_decoder(dbr_input *in, dbr_error *err)
{
    in->decoder_ready = 1;
    in->cd = (iconv_t)-1;
    in->at_text_start = 1;
    input_choose_encoding(in);
    in->is_utf8 = is_utf8_name(in->decode_as);
    in->unit = unit_size(in->decode_as);
    /* Skip the BOM bytes when it matches the encoding in use. */
    const input_bom *bom = input_find_bom(in->head, in->head_len);
    if (bom && strcasecmp(bom->name, in->decode_as) == 0 && in->head_pos == 0)
        in->head_pos = bom->len;
    if (!in->is_utf8) {
        in->cd = iconv_open("UTF-8", in->decode_as);
        if (in->cd == (iconv_t)-1) {
            dbr_error_set(err, DBR_FAILED, "unknown encoding '%s' (from %s)", in->encoding,
                          in->info.encoding_source);
            dbr_error_set_file(err, in->name, NULL);
            return DBR_FAILED;
        }
    }
    in->norm = input_norm_new(in->cfg.nfkc, err);
    if (!in->norm)
        return DBR_FAILED;
    in->raw = dbr_malloc(in->chunk + 8);
    if (!in->raw)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    /* The BOM, when skipped, was consumed from the raw stream too. */
    if (in->head_pos) {
        if (!in->cfg.skip_digest)
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
    input_norm_free(in->norm);
    in->norm = NULL;
    dbr_buf_free(&in->utf8);
    dbr_buf_free(&in->clean);
}

/* ---------- errors and counts ---------- */

static dbr_status strict_error(dbr_input *in, const uint8_t *bad, size_t n, long long off,
                               dbr_error *err)
{
    char seen[32] = "";
    for (size_t i = 0; i < n && i < 4; i++)
        snprintf(seen + 3 * i, sizeof seen - 3 * i, "%s%02X", i ? " " : "", bad[i]);
    dbr_error_set(err, DBR_FAILED,
                  "invalid %s byte sequence at byte %lld (bytes seen: %s%s); "
                  "without --strict it would be replaced with U+FFFD",
                  in->encoding, off, seen, n > 4 ? " ..." : "");
    dbr_error_set_file(err, in->name, NULL);
    dbr_error_locate(err, (long)in->src_line, (long)in->src_col, off);
    return DBR_FAILED;
}

static void note_invalid(dbr_input *in, long long off, size_t nbytes)
{
    if (in->info.invalid_bytes == 0)
        in->info.first_invalid_offset = off;
    in->info.invalid_bytes += (long long)nbytes;
}

/* ---------- sanitising ---------- */

/* One control or line-ending byte (not printable ASCII). Writes to *o, returns bytes. */
static size_t sanitise_ascii_control(dbr_input *in, uint8_t c, char *o)
{
    if (c == '\n') {
        if (in->last_cr) {
            in->last_cr = 0;
            in->seen_crlf = 1;
            in->seen_cr--;
            return 0; /* the CR already gave the "\n" and counted the line */
        }
        in->src_line++;
        in->src_col = 1;
        in->seen_lf = 1;
        *o = '\n';
        return 1;
    }
    in->last_cr = 0;
    if (c == '\r') {
        in->last_cr = 1;
        in->seen_cr++;
        in->src_line++;
        in->src_col = 1;
        *o = '\n';
        return 1;
    }
    in->src_col++;
    if (c == '\t' || c == '\f') { /* \f is the text format's page break: kept */
        *o = (char)c;
        return 1;
    }
    in->info.removed_controls++; /* NUL, other C0, DEL */
    return 0;
}

/* One valid multibyte character of length l. Returns bytes written to o. */
static size_t sanitise_multibyte(dbr_input *in, const uint8_t *p, int l, char *o)
{
    in->last_cr = 0;
    in->src_col++;
    if (l == 2 && p[0] == 0xC2 && p[1] <= 0x9F) { /* C1 control */
        in->info.removed_controls++;
        return 0;
    }
    if (l == 3) {
        if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF && in->at_text_start)
            return 0; /* a BOM the decoder passed through (GB18030, "UTF-16" forced...) */
        if ((in->cfg.fold_width || in->cfg.fold_quotes) &&
            input_fold_char(p, in->cfg.fold_width, in->cfg.fold_quotes, o))
            return 1;
    }
    memcpy(o, p, (size_t)l);
    return (size_t)l;
}

/* Whether all 8 bytes of w are printable ASCII (0x20..0x7E): no high bit, none below 0x20
 * (the "has a byte less than n" bit trick) and no DEL. */
static int word_is_printable_ascii(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t del = w ^ (ones * 0x7F);
    uint64_t below_space = (w - ones * 0x20) & ~w;
    uint64_t zero_del = (del - ones) & ~del;
    return ((w | below_space | zero_del) & highs) == 0;
}

/* Length of the run at p that sanitising copies unchanged: printable ASCII and valid
 * multibyte characters that are not C1 controls, not EF xx xx (a possible BOM, a possible
 * fold) and not 3-byte when folding is on. *chars gets its character count, for the column.
 * Copying such runs with one memcpy replaced a per-character loop (profiles: sanitise was the
 * hottest input-layer step after NFC). */
static size_t clean_run(const dbr_input *in, const uint8_t *p, size_t n, long long *chars)
{
    int folding = in->cfg.fold_width || in->cfg.fold_quotes;
    size_t i = 0;
    long long c = 0;
    while (i < n) {
        uint64_t w;
        if (n - i >= 8 && (memcpy(&w, p + i, 8), word_is_printable_ascii(w))) {
            i += 8;
            c += 8;
            continue;
        }
        uint8_t b = p[i];
        if (b >= 0x20 && b < 0x7F) {
            i++;
            c++;
            continue;
        }
        if (b < 0x80)
            break;
        /* U+1000..U+CFFF (CJK, Hangul, most scripts): leads E1..EC take any continuation. */
        if (b >= 0xE1 && b <= 0xEC && !folding && n - i >= 3 && (p[i + 1] & 0xC0) == 0x80 &&
            (p[i + 2] & 0xC0) == 0x80) {
            i += 3;
            c++;
            continue;
        }
        int l = input_utf8_seq(p + i, n - i);
        if (l <= 0 || (l == 2 && b == 0xC2 && p[i + 1] <= 0x9F) ||
            (l == 3 && (folding || b == 0xEF)))
            break;
        i += (size_t)l;
        c++;
    }
    *chars = c;
    return i;
}

/* Validates/sanitises in->utf8 into in->clean; keeps an incomplete tail unless at_end. */
static dbr_status sanitise(dbr_input *in, int at_end, dbr_error *err)
{
    const uint8_t *p = (const uint8_t *)in->utf8.data;
    size_t n = in->utf8.len, i = 0;
    /* At most 3 bytes out per byte in (a lone bad byte becomes U+FFFD). */
    if (dbr_buf_reserve(&in->clean, n * 3 + 4) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    char *o = in->clean.data + in->clean.len;
    while (i < n) {
        long long chars;
        size_t run = clean_run(in, p + i, n - i, &chars);
        if (run) {
            memcpy(o, p + i, run);
            o += run;
            in->src_col += chars;
            in->last_cr = 0;
            in->at_text_start = 0;
            i += run;
            continue;
        }
        uint8_t c = p[i];
        if (c < 0x80) {
            o += sanitise_ascii_control(in, c, o);
            in->at_text_start = 0;
            i++;
            continue;
        }
        int l = input_utf8_seq(p + i, n - i);
        if (l < 0 && !at_end)
            break;
        if (l < 0 && in->head_partial)
            break; /* the head's cut, not an error */
        if (l <= 0) {
            long long off = in->is_utf8 ? in->raw_consumed + (long long)i : -1;
            size_t bad = input_utf8_bad_len(p + i, n - i);
            if (in->cfg.strict) {
                in->clean.len = (size_t)(o - in->clean.data);
                return strict_error(in, p + i, n - i, off, err);
            }
            note_invalid(in, off, bad);
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            in->src_col++;
            in->last_cr = 0;
            in->at_text_start = 0;
            i += bad;
            continue;
        }
        o += sanitise_multibyte(in, p + i, l, o);
        in->at_text_start = 0;
        i += (size_t)l;
    }
    in->clean.len = (size_t)(o - in->clean.data);
    in->clean.data[in->clean.len] = '\0';
    if (in->is_utf8)
        in->raw_consumed += (long long)i;
    if (at_end && in->head_partial)
        i = n;
    if (i < n)
        memmove(in->utf8.data, in->utf8.data + i, n - i);
    in->utf8.len = n - i;
    return DBR_OK;
}

/* ---------- transcoding ---------- */

/* An undecodable sequence at src: strict error, or one U+FFFD for one code unit. */
static dbr_status transcode_bad(dbr_input *in, char **src, size_t *left, dbr_error *err)
{
    long long off = in->raw_consumed + (long long)(*src - (char *)in->raw);
    size_t skip = in->unit < *left ? in->unit : *left;
    if (in->cfg.strict) {
        /* Bring the line and column up to the bad bytes first. */
        if (sanitise(in, 0, err) != DBR_OK)
            return DBR_FAILED;
        return strict_error(in, (const uint8_t *)*src, *left, off, err);
    }
    note_invalid(in, off, skip);
    if (dbr_buf_append(&in->utf8, "\xEF\xBF\xBD", 3) != 0)
        return dbr_error_set(err, DBR_FAILED, "out of memory");
    *src += skip;
    *left -= skip;
    return DBR_OK;
}

/* Runs iconv over raw, appending UTF-8 to in->utf8; keeps an incomplete tail in raw. */
static dbr_status transcode(dbr_input *in, int at_end, dbr_error *err)
{
    char *src = (char *)in->raw;
    size_t left = in->raw_len;
    while (left > 0) {
        /* UTF-8 needs at most 3 bytes per input byte from any iconv source charset. */
        if (dbr_buf_reserve(&in->utf8, left * 3 + 16) != 0)
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
        if (errno == EINVAL && in->head_partial) {
            left = 0; /* the head's cut, not an error */
            break;
        }
        if (transcode_bad(in, &src, &left, err) != DBR_OK)
            return DBR_FAILED;
    }
    size_t used = in->raw_len - left;
    in->raw_consumed += (long long)used;
    if (left && used)
        memmove(in->raw, in->raw + used, left);
    in->raw_len = left;
    return DBR_OK;
}

/* ---------- the pipeline ---------- */

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

/* Reads the next raw chunk into in->utf8, through iconv unless it is UTF-8 already. */
static dbr_status read_utf8(dbr_input *in, size_t *got, dbr_error *err)
{
    if (in->is_utf8) {
        if (dbr_buf_reserve(&in->utf8, in->chunk) != 0)
            return dbr_error_set(err, DBR_FAILED, "out of memory");
        if (input_raw_next(in, (uint8_t *)in->utf8.data + in->utf8.len, in->chunk, got, err))
            return DBR_FAILED;
        in->utf8.len += *got;
        return DBR_OK;
    }
    if (input_raw_next(in, in->raw + in->raw_len, in->chunk, got, err) != DBR_OK)
        return DBR_FAILED;
    in->raw_len += *got;
    return transcode(in, *got == 0, err);
}

/* The general path: sanitise into in->clean, normalise into in->text. */
static dbr_status sanitise_and_normalise(dbr_input *in, int at_end, dbr_error *err)
{
    if (sanitise(in, at_end, err) != DBR_OK)
        return DBR_FAILED;
    int not_nfc = 0;
    if (input_norm_run(in->norm, in->clean.data ? in->clean.data : "", in->clean.len, at_end,
                       &in->text, &not_nfc, err) != 0)
        return DBR_FAILED;
    dbr_buf_clear(&in->clean);
    if (not_nfc)
        in->info.was_nfc = 0;
    return DBR_OK;
}

dbr_status input_decode_more(dbr_input *in, dbr_error *err)
{
    if (!in->decoder_ready && init_decoder(in, err) != DBR_OK)
        return DBR_FAILED;
    size_t got;
    if (read_utf8(in, &got, err) != DBR_OK)
        return DBR_FAILED;
    int fast = input_decode_fast(in, got == 0, err); /* decode_fast.c */
    if (fast < 0 || (!fast && sanitise_and_normalise(in, got == 0, err) != DBR_OK))
        return DBR_FAILED;
    if (got == 0) {
        in->text_eof = 1;
        finish_info(in);
    }
    return DBR_OK;
}

const char *dbr_input_warning(dbr_input *in)
{
    const dbr_input_info *i = &in->info;
    char *w = in->warning;
    size_t cap = sizeof in->warning;
    w[0] = '\0';
    if (in->bad_declared[0])
        snprintf(w, cap, "declared encoding '%s' %s, used %s (%s)", in->bad_declared,
                 in->bad_declared_why, i->encoding ? i->encoding : "?",
                 i->encoding_source ? i->encoding_source : "?");
    if (i->invalid_bytes > 0) {
        size_t l = strlen(w);
        char first[48] = "";
        if (i->first_invalid_offset >= 0)
            snprintf(first, sizeof first, ", the first at byte %lld", i->first_invalid_offset);
        snprintf(w + l, cap - l, "%s%lld invalid %s byte%s replaced with U+FFFD%s", l ? "; " : "",
                 i->invalid_bytes, i->encoding ? i->encoding : "", i->invalid_bytes == 1 ? "" : "s",
                 first);
    }
    if (i->removed_controls > 0) { /* removed on purpose, but never without a word */
        size_t l = strlen(w);
        snprintf(w + l, cap - l, "%s%lld control character%s removed (NUL, C0 but tab, LF, CR "
                 "and FF, DEL, C1)", l ? "; " : "", i->removed_controls,
                 i->removed_controls == 1 ? "" : "s");
    }
    return w[0] ? w : NULL;
}

const char *dbr_input_head_text(dbr_input *in, size_t *len)
{
    if (!in->head_text) {
        /* Decode a private copy of the head with the same encoding, leniently. */
        dbr_error e;
        dbr_input_config cfg = in->cfg;
        cfg.strict = 0;
        if (!in->decoder_ready)
            input_choose_encoding(in);
        dbr_input *tmp = dbr_input_open_memory(in->head, in->head_len, in->name, &cfg, &e);
        dbr_buf all = DBR_BUF_INIT;
        if (tmp) {
            snprintf(tmp->encoding, sizeof tmp->encoding, "%s", in->encoding);
            snprintf(tmp->decode_as, sizeof tmp->decode_as, "%s", in->decode_as);
            tmp->info = in->info;
            tmp->info.encoding = tmp->encoding;
            tmp->info.invalid_bytes = 0;
            tmp->info.removed_controls = 0;
            tmp->info.byte_size = 0;
            tmp->forced = 1;
            tmp->head_partial = !in->head_complete;
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

/* Length of a character at p the input layer would remove, of the kinds asked for, or 0. */
static size_t removable_at(const unsigned char *p, unsigned kinds)
{
    if ((kinds & DBR_KEEP_C0_DEL) &&
        (p[0] == 0x7F || (p[0] < 0x20 && p[0] && p[0] != '\t' && p[0] != '\n' && p[0] != '\r' &&
                          p[0] != '\f')))
        return 1;
    if ((kinds & DBR_KEEP_C1) && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    return 0;
}

const char *dbr_input_keepable(dbr_pool *pool, const char *s, unsigned kinds, long *replaced)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && !removable_at(p, kinds))
        p++;
    if (!*p)
        return s; /* the usual case: nothing to replace, no copy */
    dbr_buf b = DBR_BUF_INIT;
    int bad = dbr_buf_append(&b, s, (size_t)((const char *)p - s));
    while (*p && !bad) {
        size_t n = removable_at(p, kinds);
        if (n) {
            bad = dbr_buf_puts(&b, "\xEF\xBF\xBD");
            ++*replaced;
            p += n;
        } else {
            bad = dbr_buf_putc(&b, (char)*p++);
        }
    }
    const char *copy = bad ? NULL : dbr_pool_strdup(pool, dbr_buf_cstr(&b));
    dbr_buf_free(&b);
    return copy;
}
