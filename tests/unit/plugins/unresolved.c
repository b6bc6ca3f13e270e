/* unresolved.c - a broken test plugin: needs a symbol nothing provides, so dlopen(RTLD_NOW)
 * fails. */
#include "docbridge/plugin.h"

extern int docbridge_symbol_that_does_not_exist(void);

static int unresolved_probe(const dbr_probe_input *in)
{
    (void)in;
    return docbridge_symbol_that_does_not_exist();
}

static dbr_status noop_read(void *s, dbr_job *j, dbr_input *in, dbr_sink *k)
{
    (void)s; (void)j; (void)in; (void)k;
    return DBR_OK;
}

static const dbr_reader_ops noop_reader = {.read = noop_read};
static const dbr_plugin plugin = {DBR_PLUGIN_HEADER, .name = "unresolved",
                                  .probe = unresolved_probe, .reader = &noop_reader};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &plugin; }
