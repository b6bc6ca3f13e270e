/* wrong_abi.c - a broken test plugin: the loader must skip it with a warning naming the file. */
#include "docbridge/plugin.h"

static dbr_status noop_read(void *s, dbr_job *j, dbr_input *in, dbr_sink *k)
{
    (void)s; (void)j; (void)in; (void)k;
    return DBR_OK;
}

static const dbr_reader_ops noop_reader = {.read = noop_read};
static const dbr_plugin plugin = {.abi_major = 99, .abi_minor = 0, .size = sizeof(dbr_plugin), .name = "wrongabi", .reader = &noop_reader};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &plugin; }
