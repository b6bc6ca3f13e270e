/* cmd_convert.c - `docbridge convert`: parse the command line into a dbr_convert_request. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static void convert_help(const dbr_registry *reg)
{
    printf("Usage: docbridge convert [OPTIONS] INPUT...\n"
           "\n"
           "Converts INPUT files ('-' = standard input) into one output. The input format is\n"
           "probed from content and name unless -f names it; the output format comes from -t or\n"
           "the output file's extension. Output is written to a temporary file and renamed into\n"
           "place only on success.\n"
           "\n"
           "  -f, --from FMT          input format (see 'docbridge formats')\n"
           "  -t, --to FMT            output format\n"
           "  -o, --output PATH       output file ('-' = standard output, the default)\n"
           "  -d, --output-dir DIR    one output per input in DIR, made if missing (needs -t)\n"
           "  --bag ARCHIVE           one output per input, packaged as a BagIt bag in ARCHIVE\n"
           "                          (.tar, .tar.gz, .tgz, .tar.xz, .tar.zst, .zip; needs -t)\n"
           "  --fail-fast             with -d or --bag, stop at the first input that fails\n"
           "                          (default: report it, go on, fail at the end)\n"
           "  -O KEY=VALUE            pass an option to the plugins\n"
           "  --transform NAME        apply a transform plugin (repeatable, in order)\n"
           "  --segment               split text into sentences (the 'segment' transform)\n"
           "  --from-encoding ENC     input encoding, skipping detection\n"
           "  --strict                an undecodable byte is an error (default: U+FFFD + warning)\n"
           "  --normalize nfc|nfkc    Unicode normalisation form (default nfc)\n"
           "  --fold-width            full-width ASCII forms to half-width\n"
           "  --fold-quotes           typographic quotes to ASCII quotes\n"
           "  --lenient               skip bad records/units with a warning instead of failing\n"
           "  --provenance-time       record the conversion time in provenance\n"
           "  --plugin-dir DIR        load plugins from DIR first (repeatable)\n"
           "  -q, --quiet             no warnings on standard error\n");
    int any = 0;
    for (size_t i = 0; reg && i < dbr_registry_count(reg); i++) {
        const dbr_plugin *p = dbr_registry_at(reg, i)->plugin;
        if (p->size < sizeof(dbr_plugin))
            continue;
        for (const dbr_option_spec *o = p->options; o && o->name; o++) {
            if (!any++)
                printf("\nPlugin options:\n");
            char left[96];
            snprintf(left, sizeof left, "--%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
            printf("  %-30s %s (%s)\n", left, o->help ? o->help : "", p->name);
        }
    }
}

/* Core options that map to option keys the input layer and plugins read. */
static const struct {
    const char *flag;
    const char *key;
    int takes_arg;
} CORE_KEYS[] = {
    {"--from-encoding", "from-encoding", 1}, {"--normalize", "normalize", 1},
    {"--strict", "strict", 0},               {"--fold-width", "fold-width", 0},
    {"--fold-quotes", "fold-quotes", 0},     {"--lenient", "lenient", 0},
    {"--provenance-time", "provenance-time", 0},
};

typedef struct convert_args {
    dbr_convert_request req;
    const char **inputs;
    const char *transforms[16];
    int help;
    int fail_fast; /* --fail-fast: one output per input stops at the first failure */
} convert_args;

/* With one output per input, a failed input is reported and the batch goes on. */
static void report_failure(void *ud, const dbr_error *e)
{
    (void)ud;
    cli_print_error(e);
}

static const char *take_arg(int argc, char **argv, int *i, const char *flag)
{
    const char *a = argv[*i];
    size_t fl = strlen(flag);
    if (strncmp(a, flag, fl) == 0 && a[fl] == '=')
        return a + fl + 1;
    return *i + 1 < argc ? argv[++*i] : NULL;
}

static int matches(const char *a, const char *flag)
{
    size_t fl = strlen(flag);
    return strncmp(a, flag, fl) == 0 && (a[fl] == '\0' || a[fl] == '=');
}

static int add_transform(convert_args *ca, const char *name)
{
    if (ca->req.ntransforms == sizeof ca->transforms / sizeof ca->transforms[0])
        return cli_usage_error("convert", "too many transforms");
    ca->transforms[ca->req.ntransforms++] = name;
    return 0;
}

/* Handles one argument; returns 0 to go on, or an exit code. */
static int parse_one(convert_args *ca, const dbr_registry *reg, dbr_options *opts, int argc,
                     char **argv, int *i)
{
    const char *a = argv[*i];
    const char **slot = NULL;
    if (!strcmp(a, "-f") || matches(a, "--from"))
        slot = &ca->req.from_format;
    else if (!strcmp(a, "-t") || matches(a, "--to"))
        slot = &ca->req.to_format;
    else if (!strcmp(a, "-o") || matches(a, "--output"))
        slot = &ca->req.output;
    else if (!strcmp(a, "-d") || matches(a, "--output-dir"))
        slot = &ca->req.out_dir;
    else if (matches(a, "--bag"))
        slot = &ca->req.bag;
    if (slot) {
        const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
        const char *v = eq ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v || !*v)
            return cli_usage_error("convert", "%s needs a value", a);
        *slot = v;
        return 0;
    }
    if (!strcmp(a, "-O")) {
        const char *v = *i + 1 < argc ? argv[++*i] : NULL;
        if (!v || dbr_options_parse(opts, v) != 0)
            return cli_usage_error("convert", "-O needs KEY=VALUE");
        return 0;
    }
    if (matches(a, "--transform")) {
        const char *v = take_arg(argc, argv, i, "--transform");
        return v ? add_transform(ca, v) : cli_usage_error("convert", "--transform needs a name");
    }
    if (!strcmp(a, "--segment"))
        return add_transform(ca, "segment");
    if (!strcmp(a, "--fail-fast")) {
        ca->fail_fast = 1;
        return 0;
    }
    for (size_t k = 0; k < sizeof CORE_KEYS / sizeof CORE_KEYS[0]; k++) {
        if (!matches(a, CORE_KEYS[k].flag))
            continue;
        const char *v = CORE_KEYS[k].takes_arg ? take_arg(argc, argv, i, CORE_KEYS[k].flag)
                                               : NULL;
        if (CORE_KEYS[k].takes_arg && !v)
            return cli_usage_error("convert", "%s needs a value", CORE_KEYS[k].flag);
        dbr_options_set(opts, CORE_KEYS[k].key, v);
        return 0;
    }
    int r = cli_plugin_option(reg, opts, argc, argv, i);
    if (r < 0)
        return cli_usage_error("convert", "option %s needs a value", a);
    if (r == 0)
        return cli_usage_error("convert", "unknown option '%s'", a);
    return 0;
}

/* The parse state cli_parse_args hands back to the two functions below. */
typedef struct convert_parse {
    convert_args *ca;
    const dbr_registry *reg;
    dbr_options *opts;
} convert_parse;

static int convert_positional(void *ud, const char *arg)
{
    convert_args *ca = ((convert_parse *)ud)->ca;
    ca->inputs[ca->req.ninputs++] = arg;
    return 0;
}

static int convert_flag(void *ud, int argc, char **argv, int *i)
{
    convert_parse *p = ud;
    return parse_one(p->ca, p->reg, p->opts, argc, argv, i);
}

int cmd_convert(int argc, char **argv)
{
    cli_common c = {0};
    cli_prescan_common(&c, argc, argv);
    dbr_registry *reg = cli_load_registry(&c);
    dbr_options *opts = dbr_options_new();
    convert_args ca = {0};
    ca.inputs = calloc((size_t)argc, sizeof *ca.inputs);
    int rc = (!reg || !opts || !ca.inputs) ? EXIT_FAILED : 0;
    c.nplugin_dirs = 0;
    convert_parse p = {&ca, reg, opts};
    const cli_arg_handlers h = {convert_positional, convert_flag, &p};
    if (!rc)
        rc = cli_parse_args(argc, argv, &c, &ca.help, &h);
    if (!rc && ca.help)
        convert_help(reg);
    else if (!rc && ca.req.ninputs == 0)
        rc = cli_usage_error("convert", "no input given");
    else if (!rc) {
        ca.req.inputs = ca.inputs;
        ca.req.transforms = ca.transforms;
        ca.req.opts = opts;
        ca.req.warn = cli_print_warning;
        ca.req.warn_ud = &c;
        if (!ca.fail_fast)
            ca.req.report_failure = report_failure;
        dbr_error err;
        if (dbr_convert(reg, &ca.req, &err) != DBR_OK) {
            cli_print_error(&err);
            rc = EXIT_FAILED;
        }
    }
    free(ca.inputs);
    dbr_options_free(opts);
    dbr_registry_free(reg);
    return rc;
}
