/* registry.c - loading plugin shared objects, checking their descriptors, and choosing the
 * reader by probe score. A bad plugin is skipped with one warning; loading never aborts. */
#define _GNU_SOURCE /* dladdr (where this library is, for a moved installation) */
#include "docbridge/registry.h"
#include "docbridge/alloc.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DOCBRIDGE_INSTALL_PLUGIN_DIR
#define DOCBRIDGE_INSTALL_PLUGIN_DIR "/usr/local/lib/docbridge/plugins"
#endif

typedef struct loaded {
    dbr_plugin_entry entry;
    void *handle; /* NULL for built-ins */
} loaded;

struct dbr_registry {
    loaded *items;
    size_t count, cap;
    dbr_warn_fn warn;
    void *warn_ud;
};

dbr_registry *dbr_registry_new(void) { return dbr_calloc(1, sizeof(dbr_registry)); }

void dbr_registry_free(dbr_registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++) {
        dbr_free((char *)r->items[i].entry.path);
        if (r->items[i].handle)
            dlclose(r->items[i].handle);
    }
    dbr_free(r->items);
    dbr_free(r);
}

void dbr_registry_on_warning(dbr_registry *r, dbr_warn_fn fn, void *ud)
{
    r->warn = fn;
    r->warn_ud = ud;
}

static void skip_warning(dbr_registry *r, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void skip_warning(dbr_registry *r, const char *path, const char *fmt, ...)
{
    if (!r->warn)
        return;
    dbr_error w;
    dbr_error_clear(&w);
    va_list ap;
    va_start(ap, fmt);
    dbr_error_setv(&w, DBR_WARN, fmt, ap);
    va_end(ap);
    dbr_error_set_file(&w, path, NULL);
    r->warn(r->warn_ud, &w);
}

/* Checks what the core relies on before it touches anything else in the descriptor. */
static const char *descriptor_problem(const dbr_plugin *p)
{
    static const char *const problems[] = {
        "entry returned no descriptor", "plugin ABI major differs from the core's",
        "plugin ABI minor is newer than the core's", "descriptor is too small",
        "descriptor has no name", "plugin name must be lower-case letters, digits, '-' or '_'",
        "plugin neither reads, writes, transforms nor aligns"};
    if (!p)
        return problems[0];
    if (p->abi_major != DBR_ABI_MAJOR)
        return problems[1];
    if (p->abi_minor > DBR_ABI_MINOR)
        return problems[2];
    if (p->size < offsetof(dbr_plugin, options))
        return problems[3];
    if (!p->name || !*p->name)
        return problems[4];
    for (const char *c = p->name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
            return problems[5];
    if (!p->reader && !p->writer && !p->transform && !p->aligner)
        return problems[6];
    return NULL;
}

static int add(dbr_registry *r, const dbr_plugin *p, const char *path, void *handle)
{
    const char *problem = descriptor_problem(p);
    if (problem) {
        skip_warning(r, path, "plugin skipped: %s (ABI %u.%u, core %d.%d)", problem,
                     p ? p->abi_major : 0, p ? p->abi_minor : 0, DBR_ABI_MAJOR, DBR_ABI_MINOR);
        return 0;
    }
    const dbr_plugin_entry *dup = dbr_registry_find(r, p->name);
    if (dup) {
        skip_warning(r, path, "plugin skipped: duplicate name '%s' (already loaded from %s)",
                     p->name, dup->path);
        return 0;
    }
    if (r->count == r->cap) {
        size_t ncap = r->cap ? r->cap * 2 : 16;
        loaded *n = dbr_realloc(r->items, ncap * sizeof *n);
        if (!n) {
            skip_warning(r, path, "plugin skipped: out of memory");
            return 0;
        }
        r->items = n;
        r->cap = ncap;
    }
    char *copy = dbr_strdup(path);
    if (!copy) {
        skip_warning(r, path, "plugin skipped: out of memory");
        return 0;
    }
    r->items[r->count++] = (loaded){{p, copy}, handle};
    return 1;
}

int dbr_registry_add_static(dbr_registry *r, const dbr_plugin *p, const char *origin)
{
    return add(r, p, origin ? origin : "(built-in)", NULL);
}

int dbr_registry_load_file(dbr_registry *r, const char *path)
{
    /* RTLD_LOCAL: plugins must not see each other's symbols; RTLD_NOW: a plugin with an
     * unresolved symbol fails here, not halfway through a conversion. */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        skip_warning(r, path, "plugin skipped: not a loadable shared object (%s)",
                     why ? why : "unknown reason");
        return 0;
    }
    dlerror();
    void *sym = dlsym(h, DBR_PLUGIN_ENTRY_NAME);
    if (!sym) {
        skip_warning(r, path, "plugin skipped: no entry symbol '%s'", DBR_PLUGIN_ENTRY_NAME);
        dlclose(h);
        return 0;
    }
    dbr_plugin_entry_fn entry;
    memcpy(&entry, &sym, sizeof entry); /* object-to-function pointer, as POSIX allows */
    if (!add(r, entry(), path, h)) {
        dlclose(h);
        return 0;
    }
    return 1;
}

static int ends_with_so(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".so") == 0 && name[0] != '.';
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int dbr_registry_load_dir(dbr_registry *r, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!ends_with_so(e->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = dbr_realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        if (!(names[n] = dbr_strdup(e->d_name)))
            break;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    int added = 0;
    for (size_t i = 0; i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        added += dbr_registry_load_file(r, path);
        dbr_free(names[i]);
    }
    dbr_free(names);
    return added;
}

/* The build tree is recognised by a marker file CMake writes next to the built plugins, found
 * relative to the running executable (so an installed binary never loads a build tree). */
int dbr_exe_dir(char *out, size_t cap)
{
    if (cap < 2)
        return 0;
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0 || (size_t)n >= cap - 1)
        return 0;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return 1;
}

static void load_build_tree(dbr_registry *r)
{
    char exe[PATH_MAX];
    if (!dbr_exe_dir(exe, sizeof exe))
        return;
    char dir[PATH_MAX + 32], marker[PATH_MAX + 64];
    snprintf(dir, sizeof dir, "%s/plugins", exe);
    snprintf(marker, sizeof marker, "%s/.docbridge-build-tree", dir);
    if (access(marker, F_OK) == 0)
        dbr_registry_load_dir(r, dir);
}

/* An installed tree may have been moved: the plugins beside this library (its directory +
 * docbridge/plugins) come first; the configured prefix's directory only when there are none
 * there (both would name the same plugins twice). */
static void load_installed(dbr_registry *r)
{
    Dl_info info;
    char dir[PATH_MAX + 32];
    dir[0] = '\0';
    if (dladdr((void *)load_installed, &info) && info.dli_fname) {
        const char *slash = strrchr(info.dli_fname, '/');
        if (slash)
            snprintf(dir, sizeof dir, "%.*s/docbridge/plugins", (int)(slash - info.dli_fname),
                     info.dli_fname);
    }
    char here[PATH_MAX];
    if (dir[0] && realpath(dir, here)) {
        dbr_registry_load_dir(r, here);
        return;
    }
    dbr_registry_load_dir(r, DOCBRIDGE_INSTALL_PLUGIN_DIR);
}

void dbr_registry_load_default(dbr_registry *r, const char *const *extra_dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dbr_registry_load_dir(r, extra_dirs[i]);
    const char *env = getenv("DOCBRIDGE_PLUGIN_PATH");
    if (env && *env) {
        char *copy = dbr_strdup(env);
        char *save = NULL;
        for (char *tok = copy ? strtok_r(copy, ":", &save) : NULL; tok;
             tok = strtok_r(NULL, ":", &save))
            if (*tok && strcmp(tok, ".") != 0) /* never the current directory */
                dbr_registry_load_dir(r, tok);
        dbr_free(copy);
    }
    load_build_tree(r);
    load_installed(r);
}

size_t dbr_registry_count(const dbr_registry *r) { return r->count; }

const dbr_plugin_entry *dbr_registry_at(const dbr_registry *r, size_t i)
{
    return i < r->count ? &r->items[i].entry : NULL;
}

const dbr_plugin_entry *dbr_registry_find(const dbr_registry *r, const char *name)
{
    for (size_t i = 0; name && i < r->count; i++)
        if (strcmp(r->items[i].entry.plugin->name, name) == 0)
            return &r->items[i].entry;
    return NULL;
}

static int clamp_score(int s) { return s < 0 ? 0 : s > 100 ? 100 : s; }

dbr_status dbr_registry_probe(const dbr_registry *r, const dbr_probe_input *in,
                              const dbr_plugin_entry **best, int *score, dbr_error *err)
{
    int top = 0, ties = 0;
    const dbr_plugin_entry *winner = NULL;
    int scores[256];
    size_t n = r->count < 256 ? r->count : 256;
    for (size_t i = 0; i < n; i++) {
        const dbr_plugin *p = r->items[i].entry.plugin;
        scores[i] = (p->reader && p->probe) ? clamp_score(p->probe(in)) : -1;
        if (scores[i] > top) {
            top = scores[i];
            winner = &r->items[i].entry;
            ties = 1;
        } else if (scores[i] == top && top > 0) {
            ties++;
        }
    }
    *best = NULL;
    *score = top;
    if (winner && ties == 1) {
        *best = winner;
        return DBR_OK;
    }
    char list[DBR_ERR_MSG_MAX / 2] = "";
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (scores[i] < 0)
            continue;
        int w = snprintf(list + len, sizeof list - len, "%s%s=%d", len ? ", " : "",
                         r->items[i].entry.plugin->name, scores[i]);
        if (w < 0 || (size_t)w >= sizeof list - len)
            break;
        len += (size_t)w;
    }
    if (!winner)
        return dbr_error_set(err, DBR_FAILED,
                             "unknown input format: no reader recognised it (tried: %s); "
                             "name one with -f", len ? list : "no readers loaded");
    return dbr_error_set(err, DBR_FAILED,
                         "ambiguous input format: %d readers scored %d (scores: %s); "
                         "name one with -f", ties, top, list);
}

const dbr_plugin_entry *dbr_registry_writer_for(const dbr_registry *r, const char *path)
{
    for (size_t i = 0; path && i < r->count; i++) {
        const dbr_plugin *p = r->items[i].entry.plugin;
        for (const char *const *e = p->extensions; p->writer && e && *e; e++)
            if (dbr_name_has_ext(path, *e))
                return &r->items[i].entry;
    }
    return NULL;
}

const dbr_option_spec *dbr_registry_find_option(const dbr_registry *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++) {
        const dbr_plugin *p = r->items[i].entry.plugin;
        if (p->size < sizeof(dbr_plugin))
            continue;
        for (const dbr_option_spec *o = p->options; o && o->name; o++)
            if (strcmp(o->name, name) == 0)
                return o;
    }
    return NULL;
}
