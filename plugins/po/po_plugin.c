/* po_plugin.c - the `po` plugin's descriptor: probe and options. The charset sniff hook is the
 * input layer's dbr_sniff_po_charset (the header's Content-Type charset). */
#include "po.h"

#include <string.h>

static int po_line_starts(const char *text, size_t len, const char *word)
{
    size_t wl = strlen(word);
    for (const char *p = text; p && p + wl <= text + len;) {
        if (!memcmp(p, word, wl))
            return 1;
        p = memchr(p, '\n', (size_t)(text + len - p));
        p = p ? p + 1 : NULL;
    }
    return 0;
}

/* Extension alone is a hint (25); msgid and msgstr lines are a signature (80 with the
 * extension, 50 without, as a stdin PO). */
static int po_probe(const dbr_probe_input *in)
{
    int ext = in->name && (dbr_name_has_ext(in->name, "po") || dbr_name_has_ext(in->name, "pot"));
    int content = in->text && po_line_starts(in->text, in->text_len, "msgid \"") &&
                  po_line_starts(in->text, in->text_len, "msgstr");
    if (content)
        return ext ? DBR_PROBE_SIGNATURE : DBR_PROBE_LIKELY;
    return ext ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
}

static const dbr_option_spec po_options[] = {
    {"source-lang", "TAG", "source language (PO: default the header's X-Source-Language, else en; tsv/csv: of a 'source' column)"},
    {"target-lang", "TAG", "target language (PO: default the header's Language; tsv/csv: of a 'target' column)"},
    {"po-width", "N", "wrap PO strings at N columns (0 = only after \\n; default 79)"},
    {"po-duplicates", "msgctxt|skip|keep", "an entry repeating an earlier msgctxt+msgid: add a msgctxt (default), leave out, or write as is"},
    {"po-props", "keep|drop", "properties PO has no field for: as '#. docbridge-prop K=V' lines (default keep)"},
    {"placeholders", "full|ids|strip", "po/tsv/csv/moses: inline codes as placeholder tokens: all data, ids only, or none"},
    {"placeholders-read", "tokens|strict|literal", "po/tsv/csv/moses: a malformed token is text, an error, or no tokens at all"},
    {NULL, NULL, NULL},
};

static const char *const po_exts[] = {"po", "pot", NULL};
static const char *const po_types[] = {"text/x-gettext-translation", "text/x-po", NULL};

static const dbr_plugin po_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "po",
    .version = "1.0",
    .description = "gettext PO/POT catalogues (msgctxt, plurals, comments, flags, obsolete)",
    .extensions = po_exts,
    .media_types = po_types,
    .probe = po_probe,
    .reader = &po_reader_ops,
    .writer = &po_writer_ops,
    .options = po_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &po_plugin; }
