/* cmd_validate.c - `docbridge validate FILE...`: checks dataset JSON/JSONL against
 * formats/dataset.schema.json (in C, no Python needed), dataset XML against formats/dataset.rng,
 * and TMX / XLIFF against the official schemas when a schema directory holds them.
 * Exit 0 only when every file was checked and is valid; 3 when one is invalid; 1 when one
 * could not be checked (unreadable, unknown kind, schema missing). */
#include "validate.h"

#include "jsonschema.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef DOCBRIDGE_FORMATS_INSTALL_DIR
#define DOCBRIDGE_FORMATS_INSTALL_DIR "/usr/local/share/docbridge/formats"
#endif
#ifndef DOCBRIDGE_FORMATS_SOURCE_DIR
#define DOCBRIDGE_FORMATS_SOURCE_DIR DOCBRIDGE_FORMATS_INSTALL_DIR
#endif

#ifndef DOCBRIDGE_FORMATS_FROM_BIN
#define DOCBRIDGE_FORMATS_FROM_BIN "../share/docbridge/formats"
#endif

/* <the binary's directory>/DOCBRIDGE_FORMATS_FROM_BIN into out when it exists: 1, else 0. */
static int formats_beside_binary(char *out, size_t cap)
{
    char exe[PATH_MAX];
    if (!dbr_exe_dir(exe, sizeof exe))
        return 0;
    snprintf(out, cap, "%s/%s", exe, DOCBRIDGE_FORMATS_FROM_BIN);
    return access(out, F_OK) == 0;
}

void vreport_error(vreport *r, long line, long col, const char *rule, const char *fmt, ...)
{
    if (++r->errors > VALIDATE_MAX_SHOWN)
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (col > 0)
        printf("%s:%ld:%ld: [%s] %s\n", r->file, line, col, rule, msg);
    else
        printf("%s:%ld: [%s] %s\n", r->file, line, rule, msg);
}

void vreport_broken(vreport *r, const char *fmt, ...)
{
    r->broken = 1;
    va_list ap;
    va_start(ap, fmt);
    fputs("docbridge: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void validate_help(void)
{
    printf("Usage: docbridge validate [OPTIONS] FILE...\n"
           "\n"
           "Checks each FILE against its schema: dataset JSON (.json) and JSON Lines (.jsonl)\n"
           "against dataset.schema.json, dataset XML against dataset.rng (RELAX NG), TMX\n"
           "against tmx14.dtd and XLIFF 1.2 / 2.0 against the OASIS XSDs. The kind comes from\n"
           "the extension, else from the content. Findings are printed one a line as\n"
           "FILE:LINE:COL: [RULE] message.\n"
           "\n"
           "  --schema-dir DIR   look for schemas in DIR first (repeatable); the installed\n"
           "                     formats directory is always searched last\n"
           "  -q, --quiet        print findings only, not one 'valid' line per file\n"
           "\n"
           "Exit codes: 0 every file valid, 3 a file is invalid, 1 a file could not be\n"
           "checked (unreadable, unknown kind, schema not found), 2 usage error.\n");
}

typedef enum vkind { VK_JSON, VK_JSONL, VK_XML, VK_UNKNOWN } vkind;

/* By extension; else the first non-space byte, and for '{' whether the first line is a
 * whole object (JSON Lines) or not (a pretty dataset). */
static vkind kind_of(const char *path)
{
    if (dbr_name_has_ext(path, "jsonl") || dbr_name_has_ext(path, "ndjson"))
        return VK_JSONL;
    if (dbr_name_has_ext(path, "json"))
        return VK_JSON;
    static const char *const xml_exts[] = {"xml", "tmx", "xlf", "xliff", "xlf2", NULL};
    for (const char *const *e = xml_exts; *e; e++)
        if (dbr_name_has_ext(path, *e))
            return VK_XML;
    FILE *f = fopen(path, "rb");
    if (!f)
        return VK_UNKNOWN;
    char head[4096];
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = '\0';
    const char *p = head + strspn(head, " \t\r\n");
    if (*p == '<')
        return VK_XML;
    if (*p != '{')
        return VK_UNKNOWN;
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    cJSON *line = cJSON_ParseWithLength(p, len);
    vkind k = line ? VK_JSONL : VK_JSON;
    cJSON_Delete(line);
    return k;
}

static cJSON *load_json_schema(const char *const *dirs)
{
    static const char *const names[] = {"dataset.schema.json", NULL};
    char path[4096];
    if (!validate_find(dirs, names, path, sizeof path)) {
        fprintf(stderr, "docbridge: dataset.schema.json not found in the schema directories\n");
        return NULL;
    }
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        text = n >= 0 ? malloc((size_t)n + 1) : NULL;
        len = text ? fread(text, 1, (size_t)n, f) : 0;
        fclose(f);
    }
    cJSON *schema = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    js_error e;
    if (!schema || js_check_schema(schema, &e) != 0) {
        fprintf(stderr, "docbridge: %s: %s%s%s\n", path, schema ? e.rule : "not valid JSON",
                schema ? ": " : "", schema ? e.message : "");
        cJSON_Delete(schema);
        return NULL;
    }
    return schema;
}

static void validate_one(const char *path, const char *const *dirs, cJSON **schema,
                         vreport *r)
{
    vkind k = kind_of(path);
    if ((k == VK_JSON || k == VK_JSONL) && !*schema && !(*schema = load_json_schema(dirs))) {
        r->broken = 1;
        return;
    }
    if (k == VK_JSON) {
        validate_json_dataset(path, *schema, r);
    } else if (k == VK_JSONL) {
        validate_jsonl(path, *schema, r);
    } else if (k == VK_XML) {
        vxml_kind xk = validate_xml_kind(path);
        if (xk == VXML_OTHER)
            vreport_broken(r, "%s: not a dataset, TMX or XLIFF document (or not well-formed)",
                           path);
        else
            validate_xml(path, xk, dirs, r);
    } else {
        vreport_broken(r, "%s: cannot tell what kind of file this is (expected .json, .jsonl "
                          "or XML)", path);
    }
}

int cmd_validate(int argc, char **argv)
{
    const char **dirs = calloc((size_t)argc + 4, sizeof *dirs);
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    size_t nd = 0, nf = 0;
    int quiet = 0, rc = (dirs && files) ? EXIT_OK : EXIT_FAILED;
    for (int i = 1; i < argc && rc == EXIT_OK; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            validate_help();
            free(dirs);
            free(files);
            return EXIT_OK;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = 1;
        } else if (!strcmp(a, "--schema-dir") || !strncmp(a, "--schema-dir=", 13)) {
            const char *v = a[12] == '=' ? a + 13 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v)
                rc = cli_usage_error("validate", "--schema-dir needs a directory");
            else
                dirs[nd++] = v;
        } else if (a[0] == '-' && a[1]) {
            rc = cli_usage_error("validate", "unknown option '%s'", a);
        } else {
            files[nf++] = a;
        }
    }
    if (rc == EXIT_OK && nf == 0)
        rc = cli_usage_error("validate", "no file given");
    const char *env = getenv("DOCBRIDGE_SCHEMA_DIR");
    if (env && *env)
        dirs[nd++] = env;
    char beside_bin[PATH_MAX + 64];
    if (formats_beside_binary(beside_bin, sizeof beside_bin))
        dirs[nd++] = beside_bin; /* a moved installation's own schemas */
    dirs[nd++] = DOCBRIDGE_FORMATS_INSTALL_DIR;
    dirs[nd++] = DOCBRIDGE_FORMATS_SOURCE_DIR;
    int invalid = 0, broken = 0;
    cJSON *schema = NULL;
    for (size_t i = 0; rc == EXIT_OK && i < nf; i++) {
        vreport r = {.file = files[i]};
        validate_one(files[i], dirs, &schema, &r);
        if (r.errors > VALIDATE_MAX_SHOWN)
            printf("%s: %ld more finding(s) not shown\n", r.file, r.errors - VALIDATE_MAX_SHOWN);
        if (r.errors)
            printf("%s: invalid (%ld finding(s))\n", r.file, r.errors);
        else if (!r.broken && !quiet)
            printf("%s: valid\n", r.file);
        invalid |= r.errors > 0;
        broken |= r.broken;
    }
    cJSON_Delete(schema);
    free(dirs);
    free(files);
    if (rc != EXIT_OK)
        return rc;
    return invalid ? EXIT_INVALID : broken ? EXIT_FAILED : EXIT_OK;
}
