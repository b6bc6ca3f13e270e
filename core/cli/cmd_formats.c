/* cmd_formats.c - `docbridge formats`: what the loaded plugins can do, and where each came from. */
#include "cli.h"

#include <string.h>

static void join_exts(const dbr_plugin *p, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (const char *const *e = p->extensions; e && *e; e++) {
        int w = snprintf(buf + n, cap - n, "%s%s", n ? "," : "", *e);
        if (w < 0 || (size_t)w >= cap - n)
            break;
        n += (size_t)w;
    }
    if (!n)
        snprintf(buf, cap, "-");
}

static void caps(const dbr_plugin *p, char out[5])
{
    out[0] = p->reader ? 'r' : '-';
    out[1] = p->writer ? 'w' : '-';
    out[2] = p->transform ? 't' : '-';
    out[3] = p->aligner ? 'a' : '-';
    out[4] = '\0';
}

static void print_json_string(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            printf("\\%c", ch);
        else if (ch < 0x20)
            printf("\\u%04x", ch);
        else
            putchar(ch);
    }
    putchar('"');
}

static void print_json(const dbr_registry *reg)
{
    printf("[");
    for (size_t i = 0; i < dbr_registry_count(reg); i++) {
        const dbr_plugin_entry *e = dbr_registry_at(reg, i);
        char exts[256], cap[5];
        join_exts(e->plugin, exts, sizeof exts);
        caps(e->plugin, cap);
        printf("%s\n  {\"name\": ", i ? "," : "");
        print_json_string(e->plugin->name);
        printf(", \"capabilities\": \"%s\", \"extensions\": ", cap);
        print_json_string(exts);
        printf(", \"version\": ");
        print_json_string(e->plugin->version);
        printf(", \"description\": ");
        print_json_string(e->plugin->description);
        printf(", \"path\": ");
        print_json_string(e->path);
        printf("}");
    }
    printf("\n]\n");
}

int cmd_formats(int argc, char **argv)
{
    cli_common c = {0};
    int json = 0;
    for (int i = 1; i < argc; i++) {
        int r = cli_common_option(&c, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r > 0)
            continue;
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: docbridge formats [--json] [--plugin-dir DIR]\n\n"
                   "Lists every loaded plugin: name, capabilities (r = reads, w = writes,\n"
                   "t = transform, a = aligner), file extensions, description, and the file it\n"
                   "was loaded from.\n");
            return EXIT_OK;
        } else
            return cli_usage_error("formats", "unknown option '%s'", argv[i]);
    }
    dbr_registry *reg = cli_load_registry(&c);
    if (!reg)
        return EXIT_FAILED;
    if (json) {
        print_json(reg);
    } else {
        printf("%-10s %-4s %-22s %-50s %s\n", "NAME", "CAPS", "EXTENSIONS", "DESCRIPTION", "FILE");
        for (size_t i = 0; i < dbr_registry_count(reg); i++) {
            const dbr_plugin_entry *e = dbr_registry_at(reg, i);
            char exts[256], cap[5];
            join_exts(e->plugin, exts, sizeof exts);
            caps(e->plugin, cap);
            printf("%-10s %-4s %-22s %-50s %s\n", e->plugin->name, cap, exts,
                   e->plugin->description ? e->plugin->description : "", e->path);
        }
    }
    dbr_registry_free(reg);
    return EXIT_OK;
}
