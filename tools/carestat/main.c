/* carestat: the command-line tool. A client of the public API only (<carestat.h>). */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char MAIN_HELP[] =
    "Usage: carestat COMMAND [options]   (carestat COMMAND --help for each)\n"
    "\n"
    "Children's social care indicators for English councils and trusts: from a council's own\n"
    "SSDA903 return and workforce census, or DfE's published tables; with intervals, trends and\n"
    "benchmarks done the way English official statistics do them.\n"
    "\n"
    "Commands:\n"
    "  demo          the main job on an embedded default: a fictional trust's report\n"
    "  compute       indicators from SSDA903 returns and workforce records\n"
    "  trend         change, recent trend, SPC and benchmarks of computed or published series\n"
    "  published     read a DfE published table into observations\n"
    "  inspections   Ofsted inspection history, latest grades and trajectory\n"
    "  validate      check SSDA903 returns (and other inputs): diagnostics and row counts\n"
    "  indicators    the indicator catalogue (--markdown for the reference)\n"
    "  synth         write realistic synthetic returns for fictional councils\n"
    "\n"
    "Options: --help, --version.\n"
    "Exit status: 0 success, 1 failure (a file, a computation, validation errors), 2 bad usage.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return CLI_USAGE;
    }
    const char *c = argv[1];
    if (strcmp(c, "--help") == 0 || strcmp(c, "-h") == 0 || strcmp(c, "help") == 0) {
        fputs(MAIN_HELP, stdout);
        return CLI_OK;
    }
    if (strcmp(c, "--version") == 0) {
        printf("carestat %s\n", carestat_version_string());
        return CLI_OK;
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"compute", cmd_compute},   {"trend", cmd_trend},         {"published", cmd_published},
                {"inspections", cmd_inspections}, {"validate", cmd_validate}, {"indicators", cmd_indicators},
                {"synth", cmd_synth},       {"demo", cmd_demo}};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(c, cmds[i].name) == 0) return cmds[i].fn(argc - 2, argv + 2);
    fprintf(stderr, "carestat: unknown command '%s' (see 'carestat --help')\n", c);
    return CLI_USAGE;
}
