/* carestat command: loading inputs into a dataset (shared by compute, validate, trend, demo). */
#ifndef CARESTAT_CLI_LOAD_H
#define CARESTAT_CLI_LOAD_H

#include "cli.h"

#define CLI_MAX_INPUTS 256

typedef struct cli_inputs {
    const char *d903[CLI_MAX_INPUTS];
    size_t n903;
    const char *workforce[16];
    size_t nworkforce;
    const char *workforce_la[16];
    size_t nworkforce_la;
    const char *population[16];
    size_t npopulation;
    const char *published[16];
    size_t npublished;
    const char *orgs[8];
    size_t norgs;
    const char *neighbours;
    const char *inspections;
    int error_mode; /* carestat_error_mode */
    int collection_year; /* 0: inferred by the loader */
} cli_inputs;

/* Option ids 100..119 are the input options; cli_inputs_opt() handles them (returns 1 if it did). */
enum {
    OPT_903 = 100, OPT_WORKFORCE, OPT_WORKFORCE_LA, OPT_POPULATION, OPT_PUBLISHED_IN, OPT_ORGS,
    OPT_NEIGHBOURS, OPT_INSPECTIONS_IN, OPT_ERRORS, OPT_COLLECTION_YEAR
};
#define CLI_INPUT_OPTS                                                                              \
    {"--903", 1, OPT_903}, {"--workforce", 1, OPT_WORKFORCE}, {"--workforce-la", 1, OPT_WORKFORCE_LA}, \
        {"--population", 1, OPT_POPULATION}, {"--published", 1, OPT_PUBLISHED_IN},                  \
        {"--orgs", 1, OPT_ORGS}, {"--neighbours", 1, OPT_NEIGHBOURS},                                \
        {"--inspections", 1, OPT_INSPECTIONS_IN}, {"--errors", 1, OPT_ERRORS},                      \
        {"--collection-year", 1, OPT_COLLECTION_YEAR}

int cli_inputs_opt(const char *cmd, cli_inputs *in, int id, const char *val);

/* Help text of the input options. */
extern const char CLI_INPUTS_HELP[];

/* Create a dataset and load everything; on failure prints a one-line error and returns CLI_FAIL
 * (*out is then freed and NULL). Diagnostics stay in the dataset. */
int cli_load(carestat_dataset **out, const char *cmd, const cli_inputs *in);

/* Register organisations from a simple CSV "code,name,kind,delivered_by" (kind council or trust;
 * delivered_by: a trust code). */
int cli_load_orgs(carestat_dataset *ds, const char *cmd, const char *path);

/* Print once per organisation the notes that a code was accepted as a user-defined organisation. */
void cli_print_org_notes(const char *cmd, const carestat_dataset *ds);

/* Count diagnostics at least of a severity. */
size_t cli_diag_count(const carestat_dataset *ds, int severity);

#endif
