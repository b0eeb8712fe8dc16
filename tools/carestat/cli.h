/* The carestat command: shared helpers (argument parsing, errors, output). A client of the public
 * API only: it includes <carestat.h> and links the library; no lib/ headers. */
#ifndef CARESTAT_CLI_H
#define CARESTAT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include <carestat.h>

/* Exit statuses: 0 success, 1 failure (bad file, validation errors), 2 usage (bad option or value). */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

/* One option of a subcommand. */
typedef struct cli_opt {
    const char *name; /* "--903" */
    int has_arg;      /* 1 if it takes a value */
    int id;           /* caller's id */
} cli_opt;

/* Argument cursor. */
typedef struct cli_args {
    const char *cmd; /* subcommand name for messages */
    int argc;
    char **argv;
    int i;
    int only_positional; /* after "--" */
} cli_args;

/* Next option or positional argument: returns the option id, 0 for a positional (in *val), -1 at the
 * end, or exits 2 with a one-line error for an unknown option or a missing value. "--help"/"-h" give
 * id -2. */
int cli_next(cli_args *a, const cli_opt *opts, const char **val);

/* One-line usage error ("carestat CMD: message (see 'carestat CMD --help')") and exit 2. */
void cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3), noreturn))
#endif
    ;
/* One-line error on stderr ("carestat CMD: message"). Returns CLI_FAIL. */
int cli_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Value parsers: exit 2 with a one-line error on a bad value. */
int cli_int(const char *cmd, const char *opt, const char *val, long lo, long hi);
double cli_double(const char *cmd, const char *opt, const char *val, double lo, double hi);
unsigned long long cli_u64(const char *cmd, const char *opt, const char *val);
void cli_years(const char *cmd, const char *opt, const char *val, int *from, int *to);

/* Output formats. */
enum { FMT_TABLE = 0, FMT_CSV = 1, FMT_JSON = 2 };
int cli_format(const char *cmd, const char *val);

/* Split a comma list into a NULL-terminated array of strings (in one allocation); *n gets the count.
 * Free with free(). Returns NULL on allocation failure. */
char **cli_split(const char *text, size_t *n);

/* Progress on stderr, only when stderr is a terminal; cli_progress_done() clears the line. */
void cli_progress(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
void cli_progress_done(void);

/* A simple aligned text table: add cells row by row, then print. */
typedef struct cli_table cli_table;
cli_table *cli_table_new(size_t ncols);
void cli_table_free(cli_table *t);
/* Right-align column c (numbers). */
void cli_table_right(cli_table *t, size_t c);
/* Add a cell to the current row (copies text); a row is complete after ncols cells. */
int cli_table_cell(cli_table *t, const char *text);
int cli_table_cellf(cli_table *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Print with a header separator line after row 0; indent each line by `indent` spaces. */
void cli_table_print(const cli_table *t, FILE *f, int indent);

/* Value of an observation formatted for a person, with its unit ("68.3 per 10,000", "12.5%"). */
void cli_fmt_value(char *buf, size_t cap, double v, int unit);
/* Interval "(60.1 to 75.2)" or "" when there is none. */
void cli_fmt_interval(char *buf, size_t cap, double lo, double hi, int unit);
/* Number with thousands separators (counts) or one decimal (FTE). */
void cli_fmt_number(char *buf, size_t cap, double v);
/* Unit of an indicator id from the catalogue (-1 if unknown). */
int cli_indicator_unit(const char *id);
/* Short unit label ("%", "per 10,000", "children", "days", "cases per FTE", "FTE"). */
const char *cli_unit_label(int unit);

/* Write a table in a format to a file (NULL or "-" = stdout). Returns 0 or CLI_FAIL (after a message). */
/* Write s as a JSON string literal (quotes, backslashes and control characters escaped). */
void cli_json_string(FILE *f, const char *s);
/* Write s as a CSV field, quoted when it holds a comma, quote or line break (NULL as ""). */
void cli_csv_field(FILE *f, const char *s);

int cli_write_table(const char *cmd, const carestat_table *t, int fmt, const char *path);

/* Subcommands. */
int cmd_compute(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_published(int argc, char **argv);
int cmd_inspections(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_demo(int argc, char **argv);

#endif
