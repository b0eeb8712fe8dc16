/* carestat command: helpers shared by trend and demo. */
#ifndef CARESTAT_CLI_TREND_UTIL_H
#define CARESTAT_CLI_TREND_UTIL_H

#include "cli.h"
#include "load.h"

/* Computed observations (when the inputs include returns or workforce records) and the dataset's
 * published ones, in one table. */
int cli_trend_build_table(carestat_table **out, const char *cmd, const carestat_dataset *ds, const cli_inputs *in,
                          double level);
/* One line per report. */
void cli_trend_print_reports(FILE *f, const carestat_series_report *r, size_t n, int with_org);
/* An organisation's inspection history (cmd_data.c). */
int cli_print_inspections(FILE *f, const carestat_dataset *ds, const char *code, int fmt, int indent);

#endif
