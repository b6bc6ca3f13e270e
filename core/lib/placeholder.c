/* placeholder.c - rich text <-> the placeholder form (see placeholder.h and
 * formats/placeholders.md). Encoding never fails except for memory; decoding keeps anything it
 * cannot read as a token as literal text unless the caller asks for strictness, because PO and
 * TSV files from other tools are plain text that may contain a stray bracket. */
#include "docbridge/placeholder.h"

#include "docbridge/plugin.h"
#include "input_internal.h" /* input_utf8_seq */

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define PH_SSE2 1
#endif

#define OPEN_BR "\xE2\x9F\xA6"  /* U+27E6 ⟦ */
#define CLOSE_BR "\xE2\x9F\xA7" /* U+27E7 ⟧ */
#define BR_LEN 3

static int is_open_br(const char *s, size_t left) { return left >= BR_LEN && !memcmp(s, OPEN_BR, BR_LEN); }
static int is_close_br(const char *s, size_t left) { return left >= BR_LEN && !memcmp(s, CLOSE_BR, BR_LEN); }

/* ---------- encoding ----------
 * Every string a PO or TSV writer writes goes through here, so the pieces are written into
 * the buffer directly (one room check per piece, no library call per byte or per literal). */

static int needs_pct(unsigned char c)
{
    return c <= 0x20 || c == 0x7F || c == '%' || c == '|' || c == '/' || c == '@' || c == '=';
}

/* Bytes that end a plain run of a value: those written %XX, and 0xE2 (a bracket may start). */
#define PH_V1(c) ((c) <= 0x20 || (c) == 0x7F || (c) == '%' || (c) == '|' || (c) == '/' || \
                  (c) == '@' || (c) == '=' || (c) == 0xE2)
#define PH_V4(c) PH_V1(c), PH_V1((c) + 1), PH_V1((c) + 2), PH_V1((c) + 3)
#define PH_V16(c) PH_V4(c), PH_V4((c) + 4), PH_V4((c) + 8), PH_V4((c) + 12)
#define PH_V64(c) PH_V16(c), PH_V16((c) + 16), PH_V16((c) + 32), PH_V16((c) + 48)
static const unsigned char value_stop[256] = {PH_V64(0), PH_V64(64), PH_V64(128), PH_V64(192)};

/* Appends n bytes. */
static int put_bytes(dbr_buf *out, const char *s, size_t n)
{
    if (n >= out->cap - out->len && dbr_buf_reserve(out, n) != 0)
        return -1;
    memcpy(out->data + out->len, s, n);
    out->len += n;
    out->data[out->len] = '\0';
    return 0;
}

#define PUT_LIT(out, lit) put_bytes((out), (lit), sizeof(lit) - 1)

static int put_pct(dbr_buf *out, unsigned char c)
{
    char e[3];
    dbr_pct_byte(e, c);
    return put_bytes(out, e, 3);
}

/* Percent-encodes a value so it cannot end or split a token: written in place after one room
 * check for the worst case (3 bytes a byte). */
static int put_value(dbr_buf *out, const char *v)
{
    size_t n = strlen(v);
    if (n > (SIZE_MAX - out->len - 1) / 3 || dbr_buf_reserve(out, 3 * n) != 0)
        return -1;
    char *d = out->data + out->len;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)v[i];
        if (!value_stop[c]) {
            *d++ = (char)c;
            i++;
        } else if (is_open_br(v + i, n - i) || is_close_br(v + i, n - i)) {
            for (int k = 0; k < BR_LEN; k++)
                d = dbr_pct_byte(d, (unsigned char)v[i + (size_t)k]);
            i += BR_LEN;
        } else {
            if (needs_pct(c))
                d = dbr_pct_byte(d, c);
            else
                *d++ = (char)c;
            i++;
        }
    }
    out->len = (size_t)(d - out->data);
    *d = '\0';
    return 0;
}

/* NULL id is "-", "" is "%00", a literal "-" is "%2D": every id has a non-empty, distinct form. */
static int put_id(dbr_buf *out, const char *id)
{
    if (!id)
        return PUT_LIT(out, "-");
    if (!*id)
        return PUT_LIT(out, "%00");
    if (!strcmp(id, "-"))
        return PUT_LIT(out, "%2D");
    return put_value(out, id);
}

/* "|" KEY "=" value: key is one of the one-letter field names. */
static int put_attr(dbr_buf *out, char key, const char *value)
{
    if (!value)
        return 0;
    char f[3] = {'|', key, '='};
    return put_bytes(out, f, 3) || put_value(out, value);
}

static int put_full_fields(dbr_buf *out, const dbr_span *sp)
{
    if (put_attr(out, 't', sp->type) || put_attr(out, 'o', sp->origin) ||
        put_attr(out, 'd', sp->text))
        return -1;
    for (size_t i = 0; i < sp->attrs.count; i++) {
        const dbr_prop *p = &sp->attrs.items[i];
        if (PUT_LIT(out, "|a.") || (*p->key ? put_value(out, p->key) : PUT_LIT(out, "%00")) ||
            PUT_LIT(out, "=") || put_value(out, p->value))
            return -1;
    }
    return 0;
}

static int put_flags(dbr_buf *out, unsigned flags)
{
    if ((flags & DBR_SPAN_ISOLATED) && PUT_LIT(out, "|iso"))
        return -1;
    if ((flags & DBR_SPAN_WELLFORMED) && PUT_LIT(out, "|wf"))
        return -1;
    unsigned rest = flags & ~(DBR_SPAN_ISOLATED | DBR_SPAN_WELLFORMED);
    return rest ? dbr_buf_printf(out, "|f=%u", rest) : 0;
}

static int put_token(dbr_buf *out, const dbr_span *sp, unsigned flags)
{
    int close = sp->kind == DBR_SPAN_CLOSE || sp->kind == DBR_SPAN_MARK_CLOSE;
    int mark = sp->kind == DBR_SPAN_MARK_OPEN || sp->kind == DBR_SPAN_MARK_CLOSE;
    if (PUT_LIT(out, OPEN_BR) || (close && PUT_LIT(out, "/")) || (mark && PUT_LIT(out, "@")) ||
        put_id(out, sp->id) || (sp->kind == DBR_SPAN_PLACEHOLDER && PUT_LIT(out, "/")) ||
        put_flags(out, sp->flags) || ((flags & DBR_PH_FULL) && put_full_fields(out, sp)))
        return -1;
    return PUT_LIT(out, CLOSE_BR);
}

static int is_line_break(char c) { return c == '\n' || c == '\r' || c == '\t'; }

/* Bytes of a character at t that the flags have written as a ⟦=...⟧ token (a line break, DEL,
 * a C1 control), or 0. */
static size_t literal_token_char(const char *t, size_t left, unsigned flags)
{
    unsigned char c = (unsigned char)t[0];
    if ((flags & DBR_PH_LINE_SAFE) && is_line_break(t[0]))
        return 1;
    if ((flags & DBR_PH_CTRL_SAFE) &&
        (c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')))
        return 1;
    if ((flags & DBR_PH_CR_SAFE) && c == '\r')
        return 1;
    if ((flags & DBR_PH_C1_SAFE) && c == 0xC2 && left >= 2 && (unsigned char)t[1] >= 0x80 &&
        (unsigned char)t[1] <= 0x9F)
        return 2;
    return 0;
}

#define PH_TOKEN_FLAGS (DBR_PH_LINE_SAFE | DBR_PH_CTRL_SAFE | DBR_PH_C1_SAFE | DBR_PH_CR_SAFE)

/* A byte that may end a plain run under these flags: 0xE2 (a bracket), a control byte (for
 * the line, control and CR flags), DEL, or 0xC2 (a C1 control's lead). */
static int may_stop(unsigned char c, unsigned flags)
{
    return c == 0xE2 ||
           (c < 0x20 && (flags & (DBR_PH_LINE_SAFE | DBR_PH_CTRL_SAFE | DBR_PH_CR_SAFE))) ||
           (c == 0x7F && (flags & DBR_PH_CTRL_SAFE)) || (c == 0xC2 && (flags & DBR_PH_C1_SAFE));
}

/* The first byte from i on that may_stop, 16 at a time where SSE2 is (n when none). Bytes the
 * flags do not ask about are matched against 0xE2 again, which changes nothing. */
static size_t next_candidate(const char *t, size_t i, size_t n, unsigned flags)
{
#ifdef PH_SSE2
    const __m128i bracket = _mm_set1_epi8((char)0xE2);
    const __m128i ctl = (flags & (DBR_PH_LINE_SAFE | DBR_PH_CTRL_SAFE | DBR_PH_CR_SAFE))
                            ? _mm_set1_epi8(0x1F) : _mm_setzero_si128();
    const __m128i del = (flags & DBR_PH_CTRL_SAFE) ? _mm_set1_epi8(0x7F) : bracket;
    const __m128i c1 = (flags & DBR_PH_C1_SAFE) ? _mm_set1_epi8((char)0xC2) : bracket;
    while (i < n && n >= 16) {
        /* the last block overlaps the one before, its first bytes already looked at */
        size_t at = n - i >= 16 ? i : n - 16;
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + at));
        /* min(x, 0) == x only for NUL, which a C string holds only at its end */
        __m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(x, ctl), x);
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, bracket));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, del));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(x, c1));
        unsigned m = (unsigned)_mm_movemask_epi8(stop) >> (i - at);
        if (m)
            return i + (size_t)__builtin_ctz(m);
        i = at + 16;
    }
#endif
    while (i < n && !may_stop((unsigned char)t[i], flags))
        i++;
    return i;
}

/* Where the next run of plain text ends: at a 0xE2 byte (a bracket may start there) or at a
 * character the flags write as a token. memchr, or a 16-byte scan, for the common case
 * (profiles: the byte loop was hot). */
static size_t text_run_end(const char *t, size_t i, size_t n, unsigned flags)
{
    if (!(flags & PH_TOKEN_FLAGS)) {
        const char *e = memchr(t + i, 0xE2, n - i);
        return e ? (size_t)(e - t) : n;
    }
    for (;; i++) {
        i = next_candidate(t, i, n, flags);
        if (i >= n || (unsigned char)t[i] == 0xE2 || literal_token_char(t + i, n - i, flags))
            return i < n ? i : n;
    }
}

/* Text with "⟦" doubled and, as the flags say, each run of line breaks, DEL and C1 controls
 * as one ⟦=...⟧ token. */
static int put_text(dbr_buf *out, const char *t, unsigned flags)
{
    size_t n = strlen(t);
    size_t i = 0;
    while (i < n) {
        size_t l;
        if (is_open_br(t + i, n - i)) {
            if (PUT_LIT(out, OPEN_BR OPEN_BR))
                return -1;
            i += BR_LEN;
        } else if ((flags & PH_TOKEN_FLAGS) && (l = literal_token_char(t + i, n - i, flags))) {
            if (PUT_LIT(out, OPEN_BR "="))
                return -1;
            for (; i < n && (l = literal_token_char(t + i, n - i, flags)) != 0; i += l)
                for (size_t k = 0; k < l; k++)
                    if (put_pct(out, (unsigned char)t[i + k]))
                        return -1;
            if (PUT_LIT(out, CLOSE_BR))
                return -1;
        } else {
            size_t j = text_run_end(t, i + 1, n, flags);
            if (put_bytes(out, t + i, j - i))
                return -1;
            i = j;
        }
    }
    return 0;
}

int dbr_ph_encode(const dbr_rich *r, unsigned flags, dbr_buf *out)
{
    if (dbr_buf_reserve(out, 1))
        return -1;
    for (size_t i = 0; r && i < r->count; i++) {
        const dbr_span *sp = &r->spans[i];
        int rc;
        if (sp->kind == DBR_SPAN_TEXT)
            rc = put_text(out, sp->text ? sp->text : "", flags);
        else
            rc = (flags & DBR_PH_STRIP) ? 0 : put_token(out, sp, flags);
        if (rc)
            return -1;
    }
    return 0;
}

int dbr_ph_has_marker(const char *s, size_t len)
{
    for (const char *p = s; (p = memchr(p, 0xE2, len - (size_t)(p - s))) != NULL; p++)
        if (is_open_br(p, len - (size_t)(p - s)))
            return 1;
    return 0;
}

/* ---------- decoding ---------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Percent-decodes s[0..n) into a pool string; NULL on a bad escape, a raw byte that should
 * have been escaped, or OOM (*oom set). */
static char *take_value(dbr_pool *pool, const char *s, size_t n, int *oom)
{
    char *d = dbr_pool_alloc(pool, n + 1);
    if (!d) {
        *oom = 1;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n)
                return NULL;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0)
                return NULL;
            if (hi || lo)
                d[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else if (needs_pct(c)) {
            return NULL;
        } else {
            d[k++] = (char)c;
        }
    }
    d[k] = '\0';
    return d;
}

typedef struct token {
    dbr_span_kind kind;
    unsigned flags;
    const char *id, *type, *origin, *data;
    dbr_props attrs;
    const char *text; /* ⟦=...⟧: literal text */
} token;

/* One "|field" of a token. 0 ok, 1 malformed, -1 OOM. */
static int parse_field(dbr_pool *pool, const char *f, size_t n, token *tk)
{
    int oom = 0;
    if (n == 3 && !memcmp(f, "iso", 3)) {
        tk->flags |= DBR_SPAN_ISOLATED;
        return 0;
    }
    if (n == 2 && !memcmp(f, "wf", 2)) {
        tk->flags |= DBR_SPAN_WELLFORMED;
        return 0;
    }
    const char *eq = memchr(f, '=', n);
    if (!eq)
        return 1;
    size_t kl = (size_t)(eq - f);
    const char *v = take_value(pool, eq + 1, n - kl - 1, &oom);
    if (!v)
        return oom ? -1 : 1;
    if (kl == 1 && f[0] == 't')
        tk->type = v;
    else if (kl == 1 && f[0] == 'o')
        tk->origin = v;
    else if (kl == 1 && f[0] == 'd')
        tk->data = v;
    else if (kl == 1 && f[0] == 'f') {
        unsigned x = 0;
        for (const char *p = v; *p; p++) {
            if (*p < '0' || *p > '9' || x > 0xFFFFFFu)
                return 1;
            x = x * 10 + (unsigned)(*p - '0');
        }
        tk->flags |= x;
    } else if (kl > 2 && f[0] == 'a' && f[1] == '.') {
        const char *k = take_value(pool, f + 2, kl - 2, &oom);
        if (!k)
            return oom ? -1 : 1;
        return dbr_props_add(pool, &tk->attrs, k, v) ? -1 : 0;
    } else
        return 1;
    return 0;
}

static int parse_id(dbr_pool *pool, const char *s, size_t n, const char **id)
{
    int oom = 0;
    if (n == 0)
        return 1;
    if (n == 1 && s[0] == '-') {
        *id = NULL;
        return 0;
    }
    *id = take_value(pool, s, n, &oom);
    return *id ? 0 : (oom ? -1 : 1);
}

/* Parses the body between the brackets. 0 ok, 1 malformed, -1 OOM. */
static int parse_body(dbr_pool *pool, const char *b, size_t n, token *tk)
{
    memset(tk, 0, sizeof *tk);
    int oom = 0;
    if (n && b[0] == '=') {
        tk->text = take_value(pool, b + 1, n - 1, &oom);
        if (!tk->text)
            return oom ? -1 : 1;
        /* literal text must be whole UTF-8 characters: "⟦=%FF⟧" in a hand-made file stays
         * the text it is, rather than a raw byte in the model */
        const uint8_t *t = (const uint8_t *)tk->text;
        size_t len = strlen(tk->text);
        for (size_t k = 0; k < len;) {
            int l = input_utf8_seq(t + k, len - k);
            if (l <= 0)
                return 1;
            k += (size_t)l;
        }
        return len ? 0 : 1;
    }
    size_t i = 0;
    int close = 0, mark = 0;
    if (i < n && b[i] == '/')
        close = 1, i++;
    if (i < n && b[i] == '@')
        mark = 1, i++;
    size_t id_start = i;
    while (i < n && b[i] != '/' && b[i] != '|')
        i++;
    int rc = parse_id(pool, b + id_start, i - id_start, &tk->id);
    if (rc)
        return rc;
    int standalone = i < n && b[i] == '/';
    if (standalone && (close || mark))
        return 1;
    i += (size_t)standalone;
    tk->kind = standalone ? DBR_SPAN_PLACEHOLDER
               : mark     ? (close ? DBR_SPAN_MARK_CLOSE : DBR_SPAN_MARK_OPEN)
                          : (close ? DBR_SPAN_CLOSE : DBR_SPAN_OPEN);
    while (i < n) {
        if (b[i] != '|')
            return 1;
        size_t f = ++i;
        while (i < n && b[i] != '|')
            i++;
        if ((rc = parse_field(pool, b + f, i - f, tk)) != 0)
            return rc;
    }
    return 0;
}

static int emit_token(dbr_pool *pool, dbr_rich *out, const token *tk)
{
    if (tk->text)
        return dbr_rich_add_text(pool, out, tk->text, strlen(tk->text));
    dbr_span *sp = dbr_rich_add_code(pool, out, tk->kind, tk->id, tk->data);
    if (!sp)
        return -1;
    sp->flags = tk->flags;
    sp->type = tk->type;
    sp->origin = tk->origin;
    sp->attrs = tk->attrs;
    return 0;
}

/* Tries a token at s (which starts with "⟦"). Sets *used to the bytes it covers.
 * 0 ok (spans appended), 1 not a token, -1 OOM. */
static int take_token(dbr_pool *pool, const char *s, size_t left, dbr_rich *out, size_t *used,
                      const char **why)
{
    if (is_open_br(s + BR_LEN, left - BR_LEN)) {
        *used = 2 * BR_LEN;
        return dbr_rich_add_text(pool, out, OPEN_BR, BR_LEN);
    }
    size_t i = BR_LEN;
    while (i < left && !is_close_br(s + i, left - i)) {
        if (is_open_br(s + i, left - i)) {
            *why = "token opened inside a token";
            return 1;
        }
        i++;
    }
    if (i >= left) {
        *why = "unterminated token (no closing U+27E7)";
        return 1;
    }
    token tk;
    int rc = parse_body(pool, s + BR_LEN, i - BR_LEN, &tk);
    if (rc) {
        *why = "malformed token";
        return rc;
    }
    *used = i + BR_LEN;
    return emit_token(pool, out, &tk);
}

int dbr_ph_decode(dbr_pool *pool, const char *s, size_t len, unsigned flags, dbr_rich *out,
                  dbr_ph_error *perr)
{
    if (flags & DBR_PH_LITERAL)
        return dbr_rich_add_text(pool, out, s, len);
    size_t i = 0, run = 0; /* run: start of the pending literal text */
    while (i < len) {
        const char *p = memchr(s + i, 0xE2, len - i);
        if (!p)
            break;
        i = (size_t)(p - s);
        if (!is_open_br(p, len - i)) {
            i++;
            continue;
        }
        if (dbr_rich_add_text(pool, out, s + run, i - run))
            return -1;
        size_t used = 0;
        const char *why = NULL;
        int rc = take_token(pool, p, len - i, out, &used, &why);
        if (rc < 0)
            return -1;
        if (rc > 0) {
            if (flags & DBR_PH_STRICT) {
                if (perr)
                    *perr = (dbr_ph_error){i, why};
                return 1;
            }
            used = BR_LEN; /* the bracket is text; go on after it */
            run = i;
            i += used;
            continue;
        }
        i += used;
        run = i;
    }
    return dbr_rich_add_text(pool, out, s + run, len - run);
}

/* ---------- options ---------- */

int dbr_ph_write_flags(const dbr_options *opts, unsigned *flags, dbr_error *err)
{
    const char *v = dbr_options_get(opts, "placeholders");
    if (!v || !strcmp(v, "full"))
        *flags = DBR_PH_FULL;
    else if (!strcmp(v, "ids"))
        *flags = 0;
    else if (!strcmp(v, "strip"))
        *flags = DBR_PH_STRIP;
    else {
        dbr_error_set(err, DBR_FAILED, "unknown --placeholders value '%s' (expected full, ids or strip)", v);
        return -1;
    }
    return 0;
}

int dbr_ph_read_flags(const dbr_options *opts, unsigned *flags, dbr_error *err)
{
    const char *v = dbr_options_get(opts, "placeholders-read");
    if (!v || !strcmp(v, "tokens"))
        *flags = 0;
    else if (!strcmp(v, "strict"))
        *flags = DBR_PH_STRICT;
    else if (!strcmp(v, "literal"))
        *flags = DBR_PH_LITERAL;
    else {
        dbr_error_set(err, DBR_FAILED,
                      "unknown --placeholders-read value '%s' (expected tokens, strict or literal)", v);
        return -1;
    }
    return 0;
}
