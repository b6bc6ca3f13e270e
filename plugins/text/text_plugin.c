/* text_plugin.c - the `text` reader: PDF-extracted plain text into structured blocks.
 *
 * This file holds the descriptor, the probe and the read loop: it splits the decoded input into
 * lines (a form feed anywhere in a line is a page break of its own), measures indentation,
 * classifies each line (text_classify.c), records its words for hyphenation evidence
 * (text_hyphen.c) and feeds the page window (text_pages.c), which feeds the assembler
 * (text_assemble.c), which feeds the emitter (text_emit.c). See text_internal.h for the map
 * and README.md for the rules.
 */
#include "text_internal.h"

#include <string.h>

typedef struct text_state {
    tx_emit emit;
    tx_vocab vocab;
    tx_assembler assembler;
    tx_pages pages;
    int ready;
} text_state;

/* ---------- probe ---------- */

/* Why these tiers: plain text is what every other text format also is, so a valid text scores
 * only FALLBACK (5) and a .txt/.md name EXTENSION (25): any reader that recognises a signature
 * or a structure (50 and up) wins. Binary data is refused outright: NUL bytes (outside UTF-16/32,
 * which the input layer decodes), more than 1% other control bytes, or more than 2% bytes that
 * do not decode. */
static int text_probe(const dbr_probe_input *in)
{
    if (!in->head_len)
        return DBR_PROBE_NONE;
    const uint8_t *h = in->head;
    /* UTF-16/32 text is full of NUL bytes: trust the input layer's detection (BOM or the
     * zero-byte pattern of BOM-less files) and judge the decoded text instead. */
    int wide_bom = (in->head_len >= 2 && ((h[0] == 0xFF && h[1] == 0xFE) ||
                                          (h[0] == 0xFE && h[1] == 0xFF))) ||
                   (in->encoding && (!strncmp(in->encoding, "UTF-16", 6) ||
                                     !strncmp(in->encoding, "UTF-32", 6)));
    if (!wide_bom) {
        size_t controls = 0;
        for (size_t i = 0; i < in->head_len; i++) {
            uint8_t c = h[i];
            if (c == 0)
                return DBR_PROBE_NONE;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F)
                controls++;
        }
        if (controls * 100 > in->head_len)
            return DBR_PROBE_NONE;
    }
    size_t bad = 0, chars = 0;
    for (size_t i = 0; in->text && i < in->text_len; i++) {
        chars += ((uint8_t)in->text[i] & 0xC0) != 0x80;
        if (i + 2 < in->text_len && memcmp(in->text + i, "\xef\xbf\xbd", 3) == 0)
            bad++;
        if (wide_bom && in->text[i] == '\0')
            return DBR_PROBE_NONE;
    }
    if (!chars || bad * 50 > chars)
        return DBR_PROBE_NONE;
    if (in->name && (dbr_name_has_ext(in->name, "txt") || dbr_name_has_ext(in->name, "text") ||
                     dbr_name_has_ext(in->name, "md") || dbr_name_has_ext(in->name, "markdown")))
        return DBR_PROBE_EXTENSION;
    return DBR_PROBE_FALLBACK;
}

/* ---------- read ---------- */

static int indent_of(const char *s, size_t len, size_t *skip)
{
    int cols = 0;
    size_t i = 0;
    for (; i < len; i++) {
        if (s[i] == ' ')
            cols++;
        else if (s[i] == '\t')
            cols += 4;
        else if ((unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            cols++; /* no-break space, as extractors write indentation */
            i++;
        } else
            break;
    }
    *skip = i;
    return cols;
}

/* One physical line segment (no form feed inside). */
static dbr_status text_feed(text_state *s, const char *line, size_t len, long no)
{
    size_t skip;
    int indent = indent_of(line, len, &skip);
    while (len > skip && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
        len--;
    tx_line l;
    memset(&l, 0, sizeof l);
    l.text = (char *)line + skip;
    l.len = len - skip;
    l.indent = indent;
    l.lineno = no;
    text_classify_line(&l);
    text_vocab_add_text(&s->vocab, l.text, l.len);
    if (l.kind == TX_PAGE_BREAK)
        return text_pages_break(&s->pages, &l);
    return text_pages_line(&s->pages, &l);
}

static dbr_status text_form_feed(text_state *s, long no)
{
    tx_line l;
    memset(&l, 0, sizeof l);
    l.text = (char *)"";
    l.kind = TX_PAGE_BREAK;
    l.lineno = no;
    return text_pages_break(&s->pages, &l);
}

/* Splits a line at form feeds: "end of page\fStart of next" is two lines and a break. */
static dbr_status text_line(text_state *s, const char *line, size_t len, long no)
{
    const char *ff = memchr(line, '\f', len);
    if (!ff)
        return text_feed(s, line, len, no);
    dbr_status st = DBR_OK;
    const char *p = line, *end = line + len;
    while (st == DBR_OK && ff) {
        if (ff > p)
            st = text_feed(s, p, (size_t)(ff - p), no);
        if (st == DBR_OK)
            st = text_form_feed(s, no);
        p = ff + 1;
        ff = memchr(p, '\f', (size_t)(end - p));
    }
    if (st == DBR_OK && p < end)
        st = text_feed(s, p, (size_t)(end - p), no);
    return st;
}

static dbr_status text_setup(text_state *s, dbr_job *job, dbr_sink *sink)
{
    const char *latin = job->opts ? dbr_options_get(job->opts, "text-lang") : NULL;
    dbr_status st = text_emit_init(&s->emit, job, sink, latin && *latin ? latin : "en");
    s->ready = 1;
    if (st != DBR_OK)
        return st;
    if (text_vocab_init(&s->vocab) || text_assemble_init(&s->assembler, &s->emit, &s->vocab) ||
        text_pages_init(&s->pages, &s->assembler))
        return dbr_error_set(job->err, DBR_FAILED, "out of memory");
    return DBR_OK;
}

static dbr_status text_read(void *state, dbr_job *job, dbr_input *in, dbr_sink *sink)
{
    text_state *s = state;
    dbr_status st = text_setup(s, job, sink);
    size_t head_len = 0;
    dbr_input_head(in, &head_len);
    if (st == DBR_OK && head_len == 0) {
        /* Nothing to read: an empty document (the user named the format), with a warning.
         * drain() completes the size and checksum without going through the text path. */
        dbr_job_warn(job, 0, 0, "empty input: no text, the document has no blocks");
        st = dbr_input_drain(in, job->err);
        return st == DBR_OK ? text_emit_finish(&s->emit) : st;
    }
    const char *line;
    size_t len;
    long lines = 0;
    int any_text = 0;
    while (st == DBR_OK && (st = dbr_input_getline(in, &line, &len, job->err)) == DBR_OK && line) {
        lines++;
        any_text |= len > 0;
        st = text_line(s, line, len, dbr_input_lineno(in));
    }
    if (st != DBR_OK)
        return st;
    if (!any_text)
        dbr_job_warn(job, 0, 0, "blank input: only white space, the document has no blocks");
    st = text_pages_finish(&s->pages);
    if (st == DBR_OK)
        st = text_assemble_finish(&s->assembler);
    if (st == DBR_OK)
        st = text_emit_finish(&s->emit);
    return st;
}

static void text_cleanup(void *state)
{
    text_state *s = state;
    if (!s->ready)
        return;
    text_pages_free(&s->pages);
    text_assemble_free(&s->assembler);
    text_vocab_free(&s->vocab);
    text_emit_free(&s->emit);
    s->ready = 0;
}

static const dbr_reader_ops text_reader = {
    .state_size = sizeof(text_state),
    .read = text_read,
    .cleanup = text_cleanup,
};

static const char *const text_exts[] = {"txt", "text", "md", "markdown", NULL};
static const char *const text_types[] = {"text/plain", "text/markdown", NULL};

static const dbr_option_spec text_options[] = {
    {"text-lang", "TAG", "language tag for Latin-script blocks of plain text (default en)"},
    {NULL, NULL, NULL},
};

static const dbr_plugin text_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "text",
    .version = "1.0",
    .description = "PDF-extracted plain text: headings, lists, pages, boilerplate, metadata",
    .extensions = text_exts,
    .media_types = text_types,
    .probe = text_probe,
    .reader = &text_reader,
    .options = text_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &text_plugin; }
