/* pdf_engine_load.c - finds and loads the pdf reader's engine (pdf_engine.h): the path is
 * PDF_ENGINE_RELPATH from the directory pdf.so itself was loaded from, so a build tree, an
 * installed tree and a copied plugin directory each use their own engine.
 *
 * RTLD_NOW: an engine with an unresolved symbol fails here, with dlerror's reason, not in the
 * middle of a page. RTLD_LOCAL: Poppler's and GLib's symbols stay out of the global scope,
 * as a plugin's do. RTLD_NODELETE: the engine stays mapped when the last reader releases it,
 * so a batch of PDFs in one process loads Poppler once (the next dlopen finds it loaded), and
 * GLib, which does not support being unloaded, never is.
 */
#define _GNU_SOURCE
#include "pdf_engine.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#ifndef PDF_ENGINE_RELPATH
#error "PDF_ENGINE_RELPATH (the engine's path from pdf.so's directory) comes from CMake"
#endif

static const char pdf_engine_relpath[] = PDF_ENGINE_RELPATH;

/* The engine's path from this shared object's own (dladdr on one of its own objects). */
static int pdf_engine_path(char *out, size_t cap)
{
    Dl_info info;
    if (!dladdr(pdf_engine_relpath, &info) || !info.dli_fname || !*info.dli_fname)
        return 0;
    const char *slash = strrchr(info.dli_fname, '/');
    int n = slash ? snprintf(out, cap, "%.*s/%s", (int)(slash - info.dli_fname),
                             info.dli_fname, pdf_engine_relpath)
                  : snprintf(out, cap, "%s", pdf_engine_relpath);
    return n > 0 && (size_t)n < cap;
}

/* dlerror() usually starts with the path; the message names it once. */
static const char *pdf_dl_reason(const char *path)
{
    const char *why = dlerror();
    size_t n = strlen(path);
    if (!why)
        return "unknown reason";
    if (strncmp(why, path, n) == 0 && strncmp(why + n, ": ", 2) == 0)
        return why + n + 2;
    return why;
}

static dbr_status pdf_engine_fail(dbr_job *job, void *handle, const char *path, const char *why)
{
    if (handle)
        dlclose(handle);
    return dbr_job_fail(job, DBR_FAILED, 0, 0, -1,
                        "cannot load the PDF engine %s: %s (pdf.so reads PDFs through it; "
                        "reinstall the pdf plugin)", path, why);
}

dbr_status pdf_engine_load(dbr_job *job, void **handle, const pdf_engine **engine)
{
    char path[PATH_MAX];
    if (!pdf_engine_path(path, sizeof path))
        return pdf_engine_fail(job, NULL, pdf_engine_relpath,
                               "cannot tell which directory pdf.so was loaded from");
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!h)
        return pdf_engine_fail(job, NULL, path, pdf_dl_reason(path));
    dlerror();
    void *sym = dlsym(h, PDF_ENGINE_ENTRY_NAME);
    if (!sym)
        return pdf_engine_fail(job, h, path, "no entry symbol '" PDF_ENGINE_ENTRY_NAME "'");
    pdf_engine_entry_fn entry;
    memcpy(&entry, &sym, sizeof entry); /* object-to-function pointer, as POSIX allows */
    const pdf_engine *e = entry();
    if (!e || e->version != PDF_ENGINE_VERSION || !e->read || !e->cleanup) {
        char why[96];
        snprintf(why, sizeof why, "engine version %u, this pdf.so needs %u",
                 e ? e->version : 0u, PDF_ENGINE_VERSION);
        return pdf_engine_fail(job, h, path, why);
    }
    *handle = h;
    *engine = e;
    return DBR_OK;
}

void pdf_engine_unload(void *handle)
{
    if (handle)
        dlclose(handle);
}
