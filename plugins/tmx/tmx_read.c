/* tmx_read.c - the TMX reader's structure: a SAX state machine over tmx, header, body, tu, tuv,
 * note, prop, ude and map, emitting one document per file and one unit event per <tu>.
 *
 * Memory stays flat: every tu is built in a pool that is reset once the unit has been sent,
 * and only the header (and the set of languages seen) lives for the whole document. The seg
 * content is handled in tmx_read_inline.c, attributes, notes and props in tmx_read_meta.c.
 * Mapping: formats/tmx.md.
 */
#include "tmx_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tmx_oom(tmx_reader *r) { dbr_xml_fail(r->x, "out of memory"); }

void tmx_unit_error(tmx_reader *r, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->lenient && r->in_tu) {
        if (!r->skip_tu) {
            dbr_xml_warn(r->x, "%s; skipping the <tu> opened at line %ld (--lenient)", msg,
                         r->tu_line);
            r->skip_tu = 1;
            r->skipped++;
        }
        return;
    }
    dbr_xml_fail(r->x, "%s", msg);
}

static void tmx_sink_result(tmx_reader *r, dbr_status st)
{
    if (st == DBR_OK || st == DBR_WARN)
        return;
    r->sink_status = st;
    /* The sink filled job->err; stop without overwriting it. */
    dbr_xml_stop(r->x);
}

/* The layout between elements: runs of spaces are checked four bytes at a time. */
static int tmx_is_space(const char *s, int len)
{
    int i = 0;
    for (; i + 4 <= len; i += 4) {
        uint32_t w;
        memcpy(&w, s + i, 4);
        if (w != 0x20202020u)
            break;
    }
    for (; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

static const char *tmx_ctx_name(tmx_ctx c)
{
    static const char *const names[] = {"(document start)", "tmx", "header", "ude", "map",
                                        "body", "tu", "tuv", "seg", "note", "prop", "(end)"};
    return names[c];
}

/* ---------- document and unit events ---------- */

/* Sent with the first unit rather than at <body>, so doc.langs already names that unit's
 * languages: writers that need the languages up front (XLIFF trgLang, a TSV header row) get
 * them without the reader holding more than one unit. end_document has the complete list. */
static void tmx_begin_doc(tmx_reader *r)
{
    if (r->doc_begun)
        return;
    r->doc_begun = 1;
    tmx_sink_result(r, dbr_sink_begin_document(r->sink, &r->doc));
}

static void tmx_reset_unit(tmx_reader *r)
{
    dbr_pool_reset(r->pool);
    memset(&r->unit, 0, sizeof r->unit);
    r->var = NULL;
    r->in_tu = r->skip_tu = 0;
}

static void tmx_tu_start(tmx_reader *r, const char **attrs)
{
    tmx_reset_unit(r);
    r->in_tu = 1;
    r->tu_depth = dbr_xml_depth(r->x);
    r->tu_line = dbr_xml_line(r->x);
    r->tu_col = dbr_xml_column(r->x);
    tmx_read_tu_attrs(r, attrs);
}

static void tmx_tu_end(tmx_reader *r)
{
    if (!r->skip_tu && r->unit.nvariants < 2) {
        const char *what = r->unit.nvariants ? "only one <tuv>" : "no <tuv>";
        if (r->lenient) {
            dbr_job_warn(r->job, r->tu_line, r->tu_col,
                         "<tu> has %s (a translation unit needs two languages); skipped "
                         "(--lenient)", what);
            r->skipped++;
        } else {
            dbr_xml_fail(r->x, "<tu> has %s: a translation unit needs two or more "
                               "languages (use --lenient to skip such units)", what);
            dbr_error_locate(r->job->err, r->tu_line, r->tu_col, -1);
        }
    } else if (!r->skip_tu) {
        tmx_begin_doc(r);
        if (r->sink_status == DBR_OK)
            tmx_sink_result(r, dbr_sink_unit(r->sink, &r->unit));
    }
    tmx_reset_unit(r);
}

/* ---------- SAX handlers ---------- */

static void tmx_unexpected(tmx_reader *r, const char *name)
{
    if (r->ctx == TMX_CTX_TOP)
        return (void)dbr_xml_fail(r->x, "root element is <%s>, expected <tmx>", name);
    tmx_unit_error(r, "unexpected element <%s> in <%s>", name, tmx_ctx_name(r->ctx));
}

static void tmx_start_in_header(tmx_reader *r, tmx_elem e, const char *name, const char **attrs)
{
    if (e == TMX_E_NOTE)
        tmx_pending_start(r, TMX_CTX_NOTE, attrs);
    else if (e == TMX_E_PROP)
        tmx_pending_start(r, TMX_CTX_PROP, attrs);
    else if (e == TMX_E_UDE) {
        r->ctx = TMX_CTX_UDE;
        tmx_ude_or_map(r, "ude", "name", attrs);
    } else
        tmx_unexpected(r, name);
}

static void tmx_start_in_tmx(tmx_reader *r, tmx_elem e, const char *name, const char **attrs)
{
    if (e == TMX_E_HEADER && !r->seen_header) {
        r->seen_header = 1;
        r->ctx = TMX_CTX_HEADER;
        tmx_read_header_attrs(r, attrs);
    } else if (e == TMX_E_BODY) {
        if (!r->seen_header)
            return (void)dbr_xml_fail(r->x, "<body> before <header>: expected <header>");
        r->ctx = TMX_CTX_BODY;
    } else {
        tmx_unexpected(r, name);
    }
}

static void tmx_start_in_unit(tmx_reader *r, tmx_elem e, const char *name, const char **attrs)
{
    if (e == TMX_E_NOTE)
        tmx_pending_start(r, TMX_CTX_NOTE, attrs);
    else if (e == TMX_E_PROP)
        tmx_pending_start(r, TMX_CTX_PROP, attrs);
    else if (r->ctx == TMX_CTX_TU && e == TMX_E_TUV) {
        r->ctx = TMX_CTX_TUV;
        tmx_read_tuv_start(r, attrs);
    } else if (r->ctx == TMX_CTX_TUV && e == TMX_E_SEG && r->var) {
        if (r->seg_seen++)
            return tmx_unit_error(r, "<tuv> has more than one <seg>");
        r->ctx = TMX_CTX_SEG;
        tmx_seg_begin(r);
    } else
        tmx_unexpected(r, name);
}

static void XMLCALL tmx_on_start(void *ud, const char *name, const char **attrs)
{
    tmx_reader *r = ud;
    if (r->skip_tu)
        return;
    tmx_elem e = tmx_elem_of(name);
    switch (r->ctx) {
    case TMX_CTX_TOP:
        if (e != TMX_E_TMX)
            return tmx_unexpected(r, name);
        r->ctx = TMX_CTX_TMX;
        return tmx_read_tmx_attrs(r, attrs);
    case TMX_CTX_TMX: return tmx_start_in_tmx(r, e, name, attrs);
    case TMX_CTX_HEADER: return tmx_start_in_header(r, e, name, attrs);
    case TMX_CTX_UDE:
        if (e != TMX_E_MAP)
            return tmx_unexpected(r, name);
        r->ctx = TMX_CTX_MAP;
        return tmx_ude_or_map(r, "map", "unicode", attrs);
    case TMX_CTX_BODY:
        if (e != TMX_E_TU)
            return tmx_unexpected(r, name);
        r->ctx = TMX_CTX_TU;
        return tmx_tu_start(r, attrs);
    case TMX_CTX_TU:
    case TMX_CTX_TUV: return tmx_start_in_unit(r, e, name, attrs);
    case TMX_CTX_SEG: return tmx_inline_start(r, e, name, attrs);
    default: return tmx_unexpected(r, name);
    }
}

static void tmx_end_document(tmx_reader *r)
{
    tmx_begin_doc(r);
    if (r->skipped)
        dbr_xml_warn(r->x, "%lld unit%s skipped (--lenient)", r->skipped,
                     r->skipped == 1 ? "" : "s");
    if (r->sink_status == DBR_OK)
        tmx_sink_result(r, dbr_sink_end_document(r->sink, &r->doc));
    r->ctx = TMX_CTX_END;
}

static void XMLCALL tmx_on_end(void *ud, const char *name)
{
    tmx_reader *r = ud;
    if (r->skip_tu) {
        /* --lenient: ignore the rest of a bad unit, up to its own </tu>. */
        if (dbr_xml_depth(r->x) == r->tu_depth) {
            tmx_reset_unit(r);
            r->ctx = TMX_CTX_BODY;
        }
        return;
    }
    switch (r->ctx) {
    case TMX_CTX_NOTE:
    case TMX_CTX_PROP:
        if (r->ctx == TMX_CTX_NOTE)
            tmx_note_end(r);
        else
            tmx_prop_end(r);
        if (!r->skip_tu)
            r->ctx = r->owner;
        return;
    case TMX_CTX_SEG: {
        tmx_elem e = tmx_elem_of(name);
        if (r->code_depth || r->nhi || e != TMX_E_SEG)
            return tmx_inline_end(r, e, name);
        tmx_seg_end(r);
        r->ctx = TMX_CTX_TUV;
        return;
    }
    case TMX_CTX_TUV:
        if (!r->seg_seen)
            return tmx_unit_error(r, "<tuv> without <seg>");
        r->ctx = TMX_CTX_TU;
        r->var = NULL;
        return;
    case TMX_CTX_TU:
        r->ctx = TMX_CTX_BODY;
        return tmx_tu_end(r);
    case TMX_CTX_MAP: r->ctx = TMX_CTX_UDE; return;
    case TMX_CTX_UDE: r->ctx = TMX_CTX_HEADER; return;
    case TMX_CTX_HEADER:
    case TMX_CTX_BODY: r->ctx = TMX_CTX_TMX; return;
    case TMX_CTX_TMX: return tmx_end_document(r);
    default: return;
    }
}

/* Text where only layout may be: reported, or the unit skipped with --lenient. */
static __attribute__((noinline, cold)) void tmx_text_outside(tmx_reader *r)
{
    tmx_unit_error(r, "text outside <seg>, <note> and <prop> (in <%s>)", tmx_ctx_name(r->ctx));
}

/* Text of a seg, note or prop, kept in r->text (or the open code's buffers). */
static __attribute__((noinline)) void tmx_text_keep(tmx_reader *r, const char *s, int len)
{
    if (r->ctx == TMX_CTX_SEG && r->code_depth)
        return tmx_inline_text(r, s, len);
    if (tmx_buf_add(&r->text, s, (size_t)len))
        tmx_oom(r);
}

/* Called for every piece of character data, the layout between elements included (Expat
 * hands over a line break and the indentation after it as two pieces, about half of all
 * calls): that case stays a leaf function that saves no registers. */
static void XMLCALL tmx_on_text(void *ud, const char *s, int len)
{
    tmx_reader *r = ud;
    if (r->skip_tu)
        return;
    tmx_ctx c = r->ctx;
    if (c == TMX_CTX_SEG || c == TMX_CTX_NOTE || c == TMX_CTX_PROP)
        return tmx_text_keep(r, s, len);
    if (!tmx_is_space(s, len))
        tmx_text_outside(r);
}

static dbr_status tmx_read_run(tmx_reader *r, dbr_input *in)
{
    static const dbr_xml_handlers handlers = {.start = tmx_on_start, .end = tmx_on_end,
                                              .text = tmx_on_text};
    r->x = dbr_xml_new(r->job, &handlers, r, 0);
    if (!r->x)
        return DBR_FAILED;
    dbr_status st = dbr_xml_parse(r->x, in);
    if (r->sink_status != DBR_OK)
        return r->sink_status;
    if (st != DBR_OK)
        return st;
    if (r->ctx != TMX_CTX_END)
        return dbr_job_fail(r->job, DBR_FAILED, dbr_xml_line(r->x), dbr_xml_column(r->x), -1,
                            "unexpected end of input: expected </tmx>");
    return DBR_OK;
}

dbr_status tmx_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    tmx_reader *r = state;
    r->job = job;
    r->sink = sink;
    r->lenient = dbr_options_get_bool(job->opts, "lenient", 0);
    dbr_doc_init(&r->doc);
    r->doc_pool = dbr_pool_new();
    r->pool = dbr_pool_new();
    if (!r->doc_pool || !r->pool)
        return dbr_job_fail(job, DBR_FAILED, 0, 0, -1, "out of memory");
    return tmx_read_run(r, in);
}

void tmx_read_cleanup(void *state)
{
    tmx_reader *r = state;
    dbr_xml_free(r->x);
    dbr_pool_free(r->doc_pool);
    dbr_pool_free(r->pool);
    dbr_buf_free(&r->text);
    dbr_buf_free(&r->code_text);
    dbr_buf_free(&r->code_xml);
    dbr_free(r->hi_open);
}
