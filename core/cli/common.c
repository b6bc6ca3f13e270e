/* common.c - registry set-up, option helpers and message printing for every subcommand. */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

/* cli_common_option; report = 0 keeps errors quiet (the prescan: the real parse reports them,
 * so each is said once). */
static int common_option(cli_common *c, int argc, char **argv, int *i, int report)
{
    const char *a = argv[*i];
    if (strcmp(a, "--plugin-dir") == 0 || strncmp(a, "--plugin-dir=", 13) == 0) {
        const char *v = a[12] == '=' ? a + 13 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v || !*v) {
            if (report)
                fprintf(stderr, "docbridge: --plugin-dir needs a directory\n");
            return -1;
        }
        if (c->nplugin_dirs == sizeof c->plugin_dirs / sizeof c->plugin_dirs[0]) {
            if (report)
                fprintf(stderr, "docbridge: too many --plugin-dir options\n");
            return -1;
        }
        c->plugin_dirs[c->nplugin_dirs++] = v;
        return 1;
    }
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
        c->quiet = 1;
        return 1;
    }
    return 0;
}

int cli_common_option(cli_common *c, int argc, char **argv, int *i)
{
    return common_option(c, argc, argv, i, 1);
}

void cli_prescan_common(cli_common *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--") || common_option(c, argc, argv, &i, 0) < 0)
            break;
}

int cli_parse_args(int argc, char **argv, cli_common *c, int *help, const cli_arg_handlers *h)
{
    int no_more_opts = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = 0;
        if (no_more_opts || a[0] != '-' || !strcmp(a, "-"))
            r = h->positional(h->ud, a);
        else if (!strcmp(a, "--"))
            no_more_opts = 1;
        else if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            *help = 1;
        else if ((r = cli_common_option(c, argc, argv, &i)) != 0)
            r = r < 0 ? EXIT_USAGE : 0;
        else
            r = h->flag(h->ud, argc, argv, &i);
        if (r)
            return r;
    }
    return 0;
}

void cli_print_warning(void *ud, const dbr_error *w)
{
    cli_common *c = ud;
    if (c)
        c->warnings++;
    if (c && c->quiet)
        return;
    char line[4096];
    dbr_error_format(w, line, sizeof line);
    fprintf(stderr, "docbridge: warning: %s\n", line);
}

void cli_print_error(const dbr_error *e)
{
    char line[4096];
    dbr_error_format(e, line, sizeof line);
    fprintf(stderr, "docbridge: %s\n", line);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs("docbridge: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'docbridge %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return EXIT_USAGE;
}

dbr_registry *cli_load_registry(cli_common *c)
{
    dbr_registry *r = dbr_registry_new();
    if (!r)
        return NULL;
    dbr_registry_on_warning(r, cli_print_warning, c);
    dbr_registry_load_default(r, c->plugin_dirs, c->nplugin_dirs);
    return r;
}

int cli_plugin_option(const dbr_registry *reg, dbr_options *opts, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strncmp(a, "--", 2) != 0 || !a[2])
        return 0;
    char name[128];
    const char *eq = strchr(a + 2, '=');
    size_t n = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
    if (n >= sizeof name)
        return 0;
    memcpy(name, a + 2, n);
    name[n] = '\0';
    const dbr_option_spec *spec = dbr_registry_find_option(reg, name);
    if (!spec)
        return 0;
    const char *value = NULL;
    if (eq)
        value = eq + 1;
    else if (spec->arg && *i + 1 < argc)
        value = argv[++*i];
    else if (spec->arg)
        return -1;
    return dbr_options_set(opts, name, value) == 0 ? 1 : -1;
}
