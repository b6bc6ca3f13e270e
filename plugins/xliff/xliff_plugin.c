/* xliff_plugin.c - the xliff plugin's descriptor: probe, options, reader and writer. */
#include "xliff.h"

#include <string.h>

/* Finds the root start tag in the probe text and returns it (up to its '>'), or NULL. */
static const char *root_tag(const char *text, size_t len, size_t *tag_len)
{
    const char *end = text + len;
    for (const char *p = text; p + 6 < end; p++) {
        if (*p != '<' || p[1] == '?' || p[1] == '!' || p[1] == '/')
            continue;
        const char *gt = memchr(p, '>', (size_t)(end - p));
        if (!gt)
            return NULL;
        *tag_len = (size_t)(gt - p);
        return p;
    }
    return NULL;
}

static int has_in(const char *s, size_t n, const char *what)
{
    size_t w = strlen(what);
    for (size_t i = 0; i + w <= n; i++)
        if (!memcmp(s + i, what, w))
            return 1;
    return 0;
}

/* Root <xliff> is the signature; its version attribute (1.x or 2.x) or namespace confirms. */
static int xliff_probe(const dbr_probe_input *in)
{
    int ext = in->name && (dbr_name_has_ext(in->name, "xlf") || dbr_name_has_ext(in->name, "xliff"));
    if (!in->text || !dbr_xml_root_is(in->text, in->text_len, "xliff"))
        return ext ? DBR_PROBE_EXTENSION : DBR_PROBE_NONE;
    size_t n = 0;
    const char *tag = root_tag(in->text, in->text_len, &n);
    if (tag && (has_in(tag, n, "version=\"1.") || has_in(tag, n, "version='1.") ||
                has_in(tag, n, "version=\"2.") || has_in(tag, n, "version='2.") ||
                has_in(tag, n, "urn:oasis:names:tc:xliff:document:")))
        return DBR_PROBE_CERTAIN;
    return DBR_PROBE_SIGNATURE;
}

static const dbr_reader_ops XLIFF_READER = {
    .state_size = sizeof(xliff_reader),
    .read = xliff_read,
    .sniff_encoding = dbr_xml_sniff_encoding,
    .cleanup = xliff_read_cleanup,
};

static const char *const XLIFF_EXTS[] = {"xlf", "xliff", NULL};
static const char *const XLIFF_TYPES[] = {"application/xliff+xml", "application/x-xliff+xml", NULL};

static const dbr_option_spec XLIFF_OPTIONS[] = {
    {"xliff-version", "1.2|2.0|2.1",
     "XLIFF version to write (default: the source's, else 1.2)"},
    {NULL, NULL, NULL},
};

static const dbr_plugin XLIFF_PLUGIN = {
    DBR_PLUGIN_HEADER,
    .name = "xliff",
    .version = "1.0",
    .description = "XLIFF 1.2 and 2.0/2.1 bilingual files (units, segments, inline codes, notes)",
    .extensions = XLIFF_EXTS,
    .media_types = XLIFF_TYPES,
    .probe = xliff_probe,
    .reader = &XLIFF_READER,
    .writer = &xliff_writer_ops,
    .options = XLIFF_OPTIONS,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &XLIFF_PLUGIN; }
