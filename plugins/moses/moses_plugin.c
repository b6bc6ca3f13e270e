/* moses_plugin.c - the `moses` plugin's descriptor and probe. The probe claims an input only
 * when it belongs to a set of >= 2 inputs sharing one stem with language-code extensions
 * (corpus.en corpus.zh); a lone file is left to the text reader (use -f moses for it). */
#include "moses.h"

#include <string.h>

static int moses_probe(const dbr_probe_input *in)
{
    if (!in->name || !moses_is_set(in->all_names, in->ninputs))
        return DBR_PROBE_NONE;
    /* The set must include this input. */
    for (size_t i = 0; i < in->ninputs; i++) {
        const char *slash = strrchr(in->all_names[i], '/');
        if (!strcmp(slash ? slash + 1 : in->all_names[i], in->name))
            return DBR_PROBE_SIGNATURE;
    }
    return DBR_PROBE_NONE;
}

static const dbr_option_spec moses_options[] = {
    {"langs", "TAG,TAG...", "moses: languages of the files in order (default: the extensions)"},
    {NULL, NULL, NULL},
};

static const dbr_plugin moses_plugin = {
    DBR_PLUGIN_HEADER,
    .name = "moses",
    .version = "1.0",
    .description = "parallel plain-text corpus, one segment a line, one file per language",
    .extensions = NULL,
    .probe = moses_probe,
    .reader = &moses_reader_ops,
    .writer = &moses_writer_ops,
    .options = moses_options,
};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &moses_plugin; }
