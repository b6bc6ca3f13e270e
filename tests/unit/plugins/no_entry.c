/* no_entry.c - a broken test plugin: a shared object without the entry symbol. */
#include "docbridge/plugin.h"

DBR_EXPORT int not_the_entry(void);
DBR_EXPORT int not_the_entry(void) { return 42; }
