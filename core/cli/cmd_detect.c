/* cmd_detect.c - `docbridge detect`: per file, the best probe, the encoding and how sure we are,
 * the BOM, line endings, and whether the text is already NFC. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct detect_result {
    const char *format;
    int score;
    const dbr_input_info *info;
} detect_result;

static void print_text(const char *path, const detect_result *r)
{
    const dbr_input_info *i = r->info;
    printf("%s: format=%s score=%d encoding=%s confidence=%.2f source=%s bom=%s "
           "line-endings=%s nfc=%s invalid-bytes=%lld controls-removed=%lld\n",
           path, r->format ? r->format : "unknown", r->score, i->encoding ? i->encoding : "?",
           i->confidence, i->encoding_source ? i->encoding_source : "?", i->bom ? i->bom : "none",
           i->line_endings ? i->line_endings : "none", i->was_nfc ? "yes" : "no",
           i->invalid_bytes, i->removed_controls);
}

static void print_json(const char *path, const detect_result *r, int first)
{
    const dbr_input_info *i = r->info;
    printf("%s{\"file\": \"", first ? "" : ",\n");
    for (const char *p = path; *p; p++)
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if ((unsigned char)*p < 0x20)
            printf("\\u%04x", (unsigned char)*p);
        else
            putchar(*p);
    printf("\", \"format\": %s%s%s, \"score\": %d, \"encoding\": \"%s\", \"confidence\": %.2f, "
           "\"encoding_source\": \"%s\", \"bom\": %s%s%s, \"line_endings\": \"%s\", "
           "\"nfc\": %s, \"invalid_bytes\": %lld, \"first_invalid_offset\": %lld, "
           "\"removed_controls\": %lld, "
           "\"byte_size\": %lld, \"sha256\": \"%s\"}",
           r->format ? "\"" : "", r->format ? r->format : "null", r->format ? "\"" : "", r->score,
           i->encoding ? i->encoding : "", i->confidence,
           i->encoding_source ? i->encoding_source : "", i->bom ? "\"" : "",
           i->bom ? i->bom : "null", i->bom ? "\"" : "", i->line_endings ? i->line_endings : "none",
           i->was_nfc ? "true" : "false", i->invalid_bytes, i->first_invalid_offset,
           i->removed_controls, i->byte_size,
           i->sha256);
}

/* all/nall: every file named on the command line, given to probes as convert gives its inputs
 * (so a Moses pair, corpus.en corpus.zh, detects as moses when named together). */
static int detect_one(const dbr_registry *reg, cli_common *common, const char *path,
                      const dbr_input_config *cfg, int json, int first, const char *const *all,
                      size_t nall)
{
    dbr_error err;
    dbr_error_clear(&err);
    dbr_input *in = dbr_input_open_file(path, cfg, &err);
    if (!in) {
        cli_print_error(&err);
        return EXIT_FAILED;
    }
    detect_result r = {0};
    dbr_probe_input pi = {0};
    pi.head = dbr_input_head(in, &pi.head_len);
    pi.text = dbr_input_head_text(in, &pi.text_len);
    pi.encoding = dbr_input_info_get(in)->encoding;
    const char *slash = strrchr(path, '/');
    pi.name = slash ? slash + 1 : path;
    pi.all_names = all;
    pi.ninputs = nall;
    const dbr_plugin_entry *best = NULL;
    dbr_error perr;
    dbr_error_clear(&perr);
    if (pi.head_len && dbr_registry_probe(reg, &pi, &best, &r.score, &perr) == DBR_OK)
        r.format = best->plugin->name;
    if (best && best->plugin->reader->sniff_encoding) {
        char enc[64];
        if (best->plugin->reader->sniff_encoding(pi.head, pi.head_len, enc, sizeof enc))
            dbr_input_set_declared_encoding(in, enc);
    }
    /* Decode everything so line endings, NFC status and counts cover the whole file. */
    char buf[65536];
    size_t got;
    int rc = EXIT_OK;
    if (!best || !(best->plugin->reader->flags & DBR_READER_BINARY)) {
        do {
            if (dbr_input_read(in, buf, sizeof buf, &got, &err) != DBR_OK) {
                cli_print_error(&err);
                rc = EXIT_FAILED;
                break;
            }
        } while (got);
    } else if (dbr_input_drain(in, &err) != DBR_OK) {
        cli_print_error(&err);
        rc = EXIT_FAILED;
    }
    r.info = dbr_input_info_get(in);
    const char *w = dbr_input_warning(in);
    if (rc == EXIT_OK && w) {
        dbr_error warning;
        dbr_error_clear(&warning);
        dbr_error_set(&warning, DBR_WARN, "%s", w);
        dbr_error_set_file(&warning, path, NULL);
        cli_print_warning(common, &warning);
    }
    if (rc == EXIT_OK)
        json ? print_json(path, &r, first) : print_text(path, &r);
    dbr_input_free(in);
    return rc;
}

int cmd_detect(int argc, char **argv)
{
    cli_common c = {0};
    int json = 0, rc = EXIT_OK, nfiles = 0;
    dbr_options *opts = dbr_options_new();
    const char **files = calloc((size_t)argc, sizeof *files);
    if (!opts || !files) {
        free(files);
        dbr_options_free(opts);
        return EXIT_FAILED;
    }
    for (int i = 1; i < argc && rc == EXIT_OK; i++) {
        const char *a = argv[i];
        int r = cli_common_option(&c, argc, argv, &i);
        if (r < 0)
            rc = EXIT_USAGE;
        else if (r > 0)
            continue;
        else if (!strcmp(a, "--json"))
            json = 1;
        else if (!strcmp(a, "--strict"))
            dbr_options_set(opts, "strict", NULL);
        else if (!strcmp(a, "--from-encoding") && i + 1 < argc)
            dbr_options_set(opts, "from-encoding", argv[++i]);
        else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            printf("Usage: docbridge detect [--json] [--strict] [--from-encoding ENC] FILE...\n\n"
                   "Prints, per file: the best-probing format and its score, the encoding and\n"
                   "its confidence and source (option, bom, declaration, utf8, detector), the\n"
                   "BOM, the line-ending style, whether the text is already NFC, and counts of\n"
                   "replaced bytes and removed control characters. Every file is decoded to\n"
                   "its end, so the counts and NFC status cover all of it.\n\n"
                   "  --json               one JSON array, an object per file\n"
                   "  --strict             an undecodable byte is an error (file:line:col)\n"
                   "  --from-encoding ENC  skip detection, decode as ENC\n");
            free(files);
            dbr_options_free(opts);
            return EXIT_OK;
        } else if (a[0] == '-' && strcmp(a, "-") != 0)
            rc = cli_usage_error("detect", "unknown option '%s'", a);
        else
            files[nfiles++] = a;
    }
    if (rc == EXIT_OK && nfiles == 0)
        rc = cli_usage_error("detect", "no file given");
    dbr_registry *reg = rc == EXIT_OK ? cli_load_registry(&c) : NULL;
    dbr_input_config cfg;
    dbr_error err;
    if (reg && dbr_input_config_from_options(opts, &cfg, &err) != DBR_OK) {
        cli_print_error(&err);
        rc = EXIT_USAGE;
    }
    if (reg && rc == EXIT_OK) {
        if (json)
            printf("[");
        int printed = 0; /* a file that fails prints nothing: the next is then still first */
        for (int i = 0; i < nfiles; i++) {
            if (detect_one(reg, &c, files[i], &cfg, json, printed == 0, files, (size_t)nfiles) !=
                EXIT_OK)
                rc = EXIT_FAILED;
            else
                printed++;
        }
        if (json)
            printf("]\n");
    }
    dbr_registry_free(reg);
    free(files);
    dbr_options_free(opts);
    return rc;
}
