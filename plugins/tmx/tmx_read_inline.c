/* tmx_read_inline.c - the content of <seg>: text runs and the inline elements bpt, ept, it, ph,
 * ut (codes), hi (an annotation that may nest) and sub (a sub-flow inside a code), mapped to
 * rich-text spans as formats/tmx.md describes.
 *
 * A code's character data is its native data (span.text). When a code holds <sub>, the code's
 * exact inner markup is kept as well (span attr "tmx:xml"), so the sub-flow and any codes in
 * it come back out unchanged; span.text then holds all of the code's character data, which is
 * what a format without sub-flows should see.
 */
#include "tmx_read.h"

#include <stdlib.h>
#include <string.h>

/* A code's origin: the element's name, as a literal (no copy per span). */
static const char *tmx_code_name(tmx_elem e)
{
    switch (e) {
    case TMX_E_BPT: return "bpt";
    case TMX_E_EPT: return "ept";
    case TMX_E_IT: return "it";
    case TMX_E_PH: return "ph";
    default: return "ut";
    }
}

static int tmx_escape_into(dbr_buf *b, const char *s, size_t len, int attr)
{
    const char *run = s, *end = s + len;
    for (const char *p = s; p < end; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = attr ? "&quot;" : NULL; break;
        case '\r': rep = "&#13;"; break;
        default: break;
        }
        if (!rep)
            continue;
        if (dbr_buf_append(b, run, (size_t)(p - run)) || dbr_buf_puts(b, rep))
            return -1;
        run = p + 1;
    }
    return dbr_buf_append(b, run, (size_t)(end - run));
}

static void tmx_flush_text(tmx_reader *r)
{
    if (!r->text.len)
        return;
    if (dbr_rich_add_text(r->pool, r->rich, r->text.data, r->text.len))
        tmx_oom(r);
    tmx_buf_reset(&r->text);
}

void tmx_seg_begin(tmx_reader *r)
{
    r->rich = &r->var->text;
    r->code_depth = 0;
    r->nhi = 0;
    tmx_buf_reset(&r->text);
}

void tmx_seg_end(tmx_reader *r)
{
    tmx_flush_text(r);
    r->rich = NULL;
}

/* Fills a span from the element's attributes: the id attribute (i for bpt/ept, x for the
 * others), type, it's pos; every other attribute goes into span.attrs as is. */
static int tmx_span_attrs(tmx_reader *r, dbr_span *sp, tmx_elem e, const char **attrs)
{
    char id_attr = (e == TMX_E_BPT || e == TMX_E_EPT) ? 'i' : 'x';
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *n = attrs[i], *v = attrs[i + 1];
        const char **field = n[0] == id_attr && !n[1] ? &sp->id
                             : TMX_IS(n, "type")      ? &sp->type
                                                      : NULL;
        if (e == TMX_E_IT && TMX_IS(n, "pos"))
            continue;
        if (field) {
            if (!(*field = dbr_pool_strdup(r->pool, v)))
                return -1;
        } else if (dbr_props_add(r->pool, &sp->attrs, n, v)) {
            return -1;
        }
    }
    return 0;
}

static dbr_span_kind tmx_code_kind(tmx_reader *r, tmx_elem e, const char **attrs,
                                   unsigned *flags)
{
    *flags = 0;
    if (e == TMX_E_BPT)
        return DBR_SPAN_OPEN;
    if (e == TMX_E_EPT)
        return DBR_SPAN_CLOSE;
    if (e == TMX_E_IT) {
        const char *pos = dbr_xml_attr(attrs, "pos");
        *flags = DBR_SPAN_ISOLATED;
        if (pos && !strcmp(pos, "begin"))
            return DBR_SPAN_OPEN;
        if (pos && !strcmp(pos, "end"))
            return DBR_SPAN_CLOSE;
        tmx_unit_error(r, "<it> needs pos=\"begin\" or pos=\"end\"%s%s%s", pos ? " (got \"" : "",
                       pos ? pos : "", pos ? "\")" : "");
        return DBR_SPAN_TEXT;
    }
    return DBR_SPAN_PLACEHOLDER; /* ph, ut */
}

static void tmx_code_open(tmx_reader *r, tmx_elem e, const char **attrs)
{
    unsigned flags;
    dbr_span_kind kind = tmx_code_kind(r, e, attrs, &flags);
    if (kind == DBR_SPAN_TEXT)
        return;
    tmx_flush_text(r);
    dbr_span *sp = dbr_rich_add_code(r->pool, r->rich, kind, NULL, NULL);
    if (!sp)
        return tmx_oom(r);
    sp->origin = tmx_code_name(e);
    if (tmx_span_attrs(r, sp, e, attrs))
        return tmx_oom(r);
    sp->flags = flags;
    r->code_span = r->rich->count - 1;
    r->code_depth = 1;
    r->code_has_sub = 0;
    tmx_buf_reset(&r->code_text);
    tmx_buf_reset(&r->code_xml);
}

static void tmx_hi_open(tmx_reader *r, const char **attrs)
{
    tmx_flush_text(r);
    dbr_span *sp = dbr_rich_add_code(r->pool, r->rich, DBR_SPAN_MARK_OPEN, NULL, NULL);
    if (!sp || tmx_span_attrs(r, sp, TMX_E_HI, attrs))
        return tmx_oom(r);
    sp->origin = "hi";
    sp->flags = DBR_SPAN_WELLFORMED;
    if (r->nhi == r->cap_hi) {
        size_t ncap = r->cap_hi ? r->cap_hi * 2 : 8;
        size_t *n = dbr_realloc(r->hi_open, ncap * sizeof *n);
        if (!n)
            return tmx_oom(r);
        r->hi_open = n;
        r->cap_hi = ncap;
    }
    r->hi_open[r->nhi++] = r->rich->count - 1;
}

static void tmx_hi_close(tmx_reader *r)
{
    tmx_flush_text(r);
    size_t open = r->nhi ? r->hi_open[--r->nhi] : (size_t)-1;
    dbr_span *sp = dbr_rich_add_code(r->pool, r->rich, DBR_SPAN_MARK_CLOSE, NULL, NULL);
    if (!sp)
        return tmx_oom(r);
    if (open != (size_t)-1) {
        /* Both ends come from one <hi>: the close shares its id and type (pool strings). */
        sp->id = r->rich->spans[open].id;
        sp->type = r->rich->spans[open].type;
    }
    sp->origin = "hi";
    sp->flags = DBR_SPAN_WELLFORMED;
}

/* Inside a code: only <sub>, and inside <sub> the inline elements, are allowed. From the first
 * <sub> on, the code's inner markup is recorded exactly. */
static void tmx_code_child_open(tmx_reader *r, tmx_elem e, const char *name, const char **attrs)
{
    if (e != TMX_E_SUB && !tmx_elem_is_code(e) && e != TMX_E_HI)
        return tmx_unit_error(r, "unknown inline element <%s> in a code (TMX 1.4b allows "
                                 "<sub> in codes, and bpt, ept, it, ph, hi, ut in <sub>)", name);
    if (!r->code_has_sub) {
        r->code_has_sub = 1;
        if (tmx_escape_into(&r->code_xml, r->code_text.data ? r->code_text.data : "",
                            r->code_text.len, 0))
            return tmx_oom(r);
    }
    dbr_buf *b = &r->code_xml;
    if (dbr_buf_putc(b, '<') || dbr_buf_puts(b, name))
        return tmx_oom(r);
    for (size_t i = 0; attrs[i]; i += 2)
        if (dbr_buf_putc(b, ' ') || dbr_buf_puts(b, attrs[i]) || dbr_buf_puts(b, "=\"") ||
            tmx_escape_into(b, attrs[i + 1], strlen(attrs[i + 1]), 1) || dbr_buf_putc(b, '"'))
            return tmx_oom(r);
    if (dbr_buf_putc(b, '>'))
        return tmx_oom(r);
    r->code_depth++;
}

void tmx_inline_start(tmx_reader *r, tmx_elem e, const char *name, const char **attrs)
{
    if (r->code_depth)
        return tmx_code_child_open(r, e, name, attrs);
    if (tmx_elem_is_code(e))
        return tmx_code_open(r, e, attrs);
    if (e == TMX_E_HI)
        return tmx_hi_open(r, attrs);
    if (e == TMX_E_SUB)
        return tmx_unit_error(r, "<sub> outside a code (it belongs in bpt, ept, it, ph or ut)");
    tmx_unit_error(r, "unknown inline element <%s> in <seg> (TMX 1.4b allows bpt, ept, it, ph, "
                      "hi, ut)", name);
}

/* <ph type="x-docbridge-cp">HEX</ph> is how the writer keeps a character XML 1.0 cannot hold
 * (or DEL or a C1 control, which the input layer would remove); it reads back as that
 * character. Returns 1 when the span was one. */
static int tmx_cp_placeholder(tmx_reader *r, dbr_span *sp)
{
    if (sp->kind != DBR_SPAN_PLACEHOLDER || !sp->type || strcmp(sp->type, TMX_CP_TYPE) != 0 ||
        sp->id || sp->attrs.count || r->code_has_sub || r->code_text.len < 1 ||
        r->code_text.len > 6 || r->code_span + 1 != r->rich->count)
        return 0;
    char *end;
    unsigned long cp = strtoul(r->code_text.data, &end, 16);
    if (*end || !(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF))
        return 0;
    char utf8[4] = {(char)cp, 0};
    size_t len = 1;
    if (cp > 0xFF) {
        utf8[0] = (char)0xEF;
        utf8[1] = (char)0xBF;
        utf8[2] = (char)(cp == 0xFFFE ? 0xBE : 0xBF);
        len = 3;
    } else if (cp >= 0x80) { /* a C1 control */
        utf8[0] = (char)0xC2;
        utf8[1] = (char)cp;
        len = 2;
    }
    r->rich->count--; /* the span becomes the character it stands for */
    if (dbr_rich_add_text(r->pool, r->rich, utf8, len))
        tmx_oom(r);
    r->code_depth = 0;
    return 1;
}

static void tmx_code_close(tmx_reader *r)
{
    dbr_span *sp = &r->rich->spans[r->code_span];
    if (tmx_cp_placeholder(r, sp))
        return;
    if (r->code_text.len && !(sp->text = dbr_pool_strndup(r->pool, r->code_text.data,
                                                           r->code_text.len)))
        return tmx_oom(r);
    if (r->code_has_sub && dbr_props_add(r->pool, &sp->attrs, TMX_KEY_SUBXML,
                                         dbr_buf_cstr(&r->code_xml)))
        return tmx_oom(r);
    r->code_depth = 0;
}

void tmx_inline_end(tmx_reader *r, tmx_elem e, const char *name)
{
    if (r->code_depth > 1) {
        r->code_depth--;
        if (dbr_buf_puts(&r->code_xml, "</") || dbr_buf_puts(&r->code_xml, name) ||
            dbr_buf_putc(&r->code_xml, '>'))
            tmx_oom(r);
        return;
    }
    if (r->code_depth == 1)
        return tmx_code_close(r);
    if (e == TMX_E_HI)
        tmx_hi_close(r);
}

void tmx_inline_text(tmx_reader *r, const char *s, int len)
{
    if (!r->code_depth) {
        if (tmx_buf_add(&r->text, s, (size_t)len))
            tmx_oom(r);
        return;
    }
    if (tmx_buf_add(&r->code_text, s, (size_t)len) ||
        (r->code_has_sub && tmx_escape_into(&r->code_xml, s, (size_t)len, 0)))
        tmx_oom(r);
}
