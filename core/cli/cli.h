/* cli.h - what the docbridge subcommands share: exit codes, the plugin registry set-up,
 * warning and error printing. One file per subcommand (cmd_*.c). */
#ifndef DOCBRIDGE_CLI_H
#define DOCBRIDGE_CLI_H

#include "docbridge/convert.h"

#include <stdio.h>

/* Exit codes, documented in README and `docbridge --help`. */
enum {
    EXIT_OK = 0,
    EXIT_FAILED = 1,  /* bad input, unknown format, I/O error: nothing was written */
    EXIT_USAGE = 2,   /* wrong command line */
    EXIT_INVALID = 3, /* validate: a file is not valid */
};

/* Options every subcommand accepts, parsed before its own. */
typedef struct cli_common {
    const char *plugin_dirs[16];
    size_t nplugin_dirs;
    int quiet;
    long warnings;
} cli_common;

/* 1 when argv[*i] was a common option (consumed, *i advanced past any argument), 0 when not,
 * -1 on a usage error (printed). */
int cli_common_option(cli_common *c, int argc, char **argv, int *i);

/* --plugin-dir must be known before the registry (and so plugin options) exists: a first pass
 * over argv takes the common options, up to "--". */
void cli_prescan_common(cli_common *c, int argc, char **argv);

/* What a command does with its arguments, for cli_parse_args. Each returns 0 to go on, or an
 * exit code that stops the parse. flag gets argv[*i] (an option that is neither common nor
 * help) and advances *i past any value it takes. */
typedef struct cli_arg_handlers {
    int (*positional)(void *ud, const char *arg);
    int (*flag)(void *ud, int argc, char **argv, int *i);
    void *ud;
} cli_arg_handlers;

/* The argument loop of the commands that take plugin options (convert, align): words, "-" and
 * everything after "--" are positional; -h/--help sets *help; then the common options; then
 * the command's own. */
int cli_parse_args(int argc, char **argv, cli_common *c, int *help, const cli_arg_handlers *h);

/* Loads plugins from the standard search path; warnings go to stderr. Never NULL unless OOM. */
dbr_registry *cli_load_registry(cli_common *c);

/* Warning callback printing "docbridge: warning: FILE:LINE: message". ud is a cli_common. */
void cli_print_warning(void *ud, const dbr_error *w);
/* Prints "docbridge: FILE:LINE:COL: message". */
void cli_print_error(const dbr_error *e);
/* Prints "docbridge: message" for usage errors, plus a hint to --help. Returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a "--name=value" or "--name value" long option for plugin options: fills key/value.
 * Returns 1 when consumed, 0 when argv[*i] is not a registered plugin option. */
int cli_plugin_option(const dbr_registry *reg, dbr_options *opts, int argc, char **argv, int *i);

int cmd_convert(int argc, char **argv);
int cmd_formats(int argc, char **argv);
int cmd_detect(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_align(int argc, char **argv);

#endif
