/* main.c - the docbridge command: dispatches to one subcommand per file. */
#include "cli.h"

#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: docbridge COMMAND [OPTIONS] ...\n"
            "\n"
            "Converts documents and translation data between formats through one model.\n"
            "\n"
            "Commands:\n"
            "  convert   convert inputs to another format\n"
            "  formats   list the formats the loaded plugins read and write\n"
            "  detect    report format, encoding, BOM and line endings of files\n"
            "  validate  check dataset JSON/JSONL/XML, TMX and XLIFF files against schemas\n"
            "  align     align two editions of a document into translation units\n"
            "\n"
            "Options:\n"
            "  --help     this text; 'docbridge COMMAND --help' for a command\n"
            "  --version  print the version\n"
            "\n"
            "Exit codes: 0 success, 1 failed (bad input, unknown format, I/O error; no output\n"
            "is left behind), 2 usage error, 3 invalid (validate).\n");
}

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command COMMANDS[] = {
    {"convert", cmd_convert},
    {"formats", cmd_formats},
    {"detect", cmd_detect},
    {"validate", cmd_validate},
    {"align", cmd_align},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("docbridge %s\n", dbr_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 1, argv + 1);
    return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
