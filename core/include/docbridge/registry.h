/* registry.h - loading plugins and choosing among them.
 *
 * The registry is an object the caller owns, filled by loading shared objects from directories
 * and read-only afterwards (so threads may share it). A plugin that cannot be used (not a shared
 * object, no entry symbol, wrong ABI, duplicate name, malformed descriptor) is skipped with one
 * warning naming the file and the reason; loading never takes the process down.
 */
#ifndef DOCBRIDGE_REGISTRY_H
#define DOCBRIDGE_REGISTRY_H

#include "docbridge/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dbr_registry dbr_registry;

typedef struct dbr_plugin_entry {
    const dbr_plugin *plugin;
    const char *path; /* file it was loaded from, or "(built-in)" */
} dbr_plugin_entry;

dbr_registry *dbr_registry_new(void);
void dbr_registry_free(dbr_registry *r); /* dlcloses every plugin */

/* Where skip warnings go (file = plugin path). NULL = dropped. */
void dbr_registry_on_warning(dbr_registry *r, dbr_warn_fn fn, void *ud);

/* Loads every "*.so" in dir (sorted by name, so the outcome does not depend on readdir order).
 * A missing dir is not an error. Returns the number of plugins added. */
int dbr_registry_load_dir(dbr_registry *r, const char *dir);
/* Loads one shared object; 1 added, 0 skipped (warning sent). */
int dbr_registry_load_file(dbr_registry *r, const char *path);
/* Adds a descriptor linked into the program (tests); same checks as a loaded one. */
int dbr_registry_add_static(dbr_registry *r, const dbr_plugin *p, const char *origin);

/* The directory of the running executable into out (cap bytes): 1, or 0 when it cannot be
 * told. For files installed or built beside the binary (plugins, schemas). */
int dbr_exe_dir(char *out, size_t cap);

/* Loads the standard search path, in order: each of extra_dirs (--plugin-dir, may be NULL),
 * the colon-separated DOCBRIDGE_PLUGIN_PATH, the build tree when the program runs from it,
 * the installed plugin directory. Never the current directory. */
void dbr_registry_load_default(dbr_registry *r, const char *const *extra_dirs, size_t n);

size_t dbr_registry_count(const dbr_registry *r);
const dbr_plugin_entry *dbr_registry_at(const dbr_registry *r, size_t i);
const dbr_plugin_entry *dbr_registry_find(const dbr_registry *r, const char *name);

/* Picks the reader with the best probe score. Ties at the top and "no reader scored" are
 * FAILED with a message listing every candidate and its score. */
dbr_status dbr_registry_probe(const dbr_registry *r, const dbr_probe_input *in,
                              const dbr_plugin_entry **best, int *score, dbr_error *err);
/* Writer by the output path's extension (NULL when none claims it). */
const dbr_plugin_entry *dbr_registry_writer_for(const dbr_registry *r, const char *path);

/* Finds a plugin's option spec by name across all plugins (NULL when none). */
const dbr_option_spec *dbr_registry_find_option(const dbr_registry *r, const char *name);

#ifdef __cplusplus
}
#endif
#endif
