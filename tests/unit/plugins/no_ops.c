/* no_ops.c - a broken test plugin: a descriptor that neither reads, writes, transforms nor
 * aligns. */
#include "docbridge/plugin.h"

static const dbr_plugin plugin = {DBR_PLUGIN_HEADER, .name = "noops"};

DBR_EXPORT const dbr_plugin *DBR_PLUGIN_ENTRY(void) { return &plugin; }
