/* carestat command: argument parsing, errors, progress, text tables, value formatting, writers. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "carestat%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'carestat%s%s --help')\n", cmd ? " " : "", cmd ? cmd : "");
    exit(CLI_USAGE);
}

int cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "carestat%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return CLI_FAIL;
}

int cli_next(cli_args *a, const cli_opt *opts, const char **val)
{
    *val = NULL;
    if (a->i >= a->argc) return -1;
    const char *arg = a->argv[a->i++];
    if (a->only_positional || arg[0] != '-' || arg[1] == '\0') {
        *val = arg;
        return 0;
    }
    if (strcmp(arg, "--") == 0) {
        a->only_positional = 1;
        return cli_next(a, opts, val);
    }
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) return -2;
    const char *eq = strchr(arg, '=');
    size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
    for (const cli_opt *o = opts; o && o->name; o++) {
        if (strlen(o->name) != nlen || strncmp(o->name, arg, nlen) != 0) continue;
        if (!o->has_arg) {
            if (eq) cli_usage_error(a->cmd, "option '%s' takes no value", o->name);
            return o->id;
        }
        if (eq) *val = eq + 1;
        else {
            if (a->i >= a->argc) cli_usage_error(a->cmd, "option '%s' needs a value", o->name);
            *val = a->argv[a->i++];
        }
        return o->id;
    }
    cli_usage_error(a->cmd, "unknown option '%.*s'", (int)nlen, arg);
}

int cli_int(const char *cmd, const char *opt, const char *val, long lo, long hi)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(val, &end, 10);
    if (errno || !end || end == val || *end != '\0' || v < lo || v > hi)
        cli_usage_error(cmd, "bad value '%s' for %s: expected a whole number from %ld to %ld", val, opt, lo, hi);
    return (int)v;
}

double cli_double(const char *cmd, const char *opt, const char *val, double lo, double hi)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(val, &end);
    if (errno || !end || end == val || *end != '\0' || !(v >= lo && v <= hi))
        cli_usage_error(cmd, "bad value '%s' for %s: expected a number from %g to %g", val, opt, lo, hi);
    return v;
}

unsigned long long cli_u64(const char *cmd, const char *opt, const char *val)
{
    char *end = NULL;
    errno = 0;
    if (val[0] == '-') cli_usage_error(cmd, "bad value '%s' for %s: expected a whole number >= 0", val, opt);
    unsigned long long v = strtoull(val, &end, 10);
    if (errno || !end || end == val || *end != '\0')
        cli_usage_error(cmd, "bad value '%s' for %s: expected a whole number >= 0", val, opt);
    return v;
}

void cli_years(const char *cmd, const char *opt, const char *val, int *from, int *to)
{
    const char *colon = strchr(val, ':');
    char a[16], b[16];
    if (!colon) {
        *from = *to = cli_int(cmd, opt, val, 1990, 2100);
        return;
    }
    size_t la = (size_t)(colon - val), lb = strlen(colon + 1);
    if (la == 0 || la >= sizeof a || lb == 0 || lb >= sizeof b)
        cli_usage_error(cmd, "bad value '%s' for %s: expected YEAR or FROM:TO, e.g. 2019:2025", val, opt);
    memcpy(a, val, la);
    a[la] = '\0';
    memcpy(b, colon + 1, lb + 1);
    *from = cli_int(cmd, opt, a, 1990, 2100);
    *to = cli_int(cmd, opt, b, 1990, 2100);
    if (*from > *to) cli_usage_error(cmd, "bad value '%s' for %s: the first year is after the last", val, opt);
}

int cli_format(const char *cmd, const char *val)
{
    if (strcmp(val, "table") == 0) return FMT_TABLE;
    if (strcmp(val, "csv") == 0) return FMT_CSV;
    if (strcmp(val, "json") == 0) return FMT_JSON;
    cli_usage_error(cmd, "bad value '%s' for --format: expected table, csv or json", val);
}

char **cli_split(const char *text, size_t *n)
{
    size_t parts = 1, len = strlen(text);
    for (const char *p = text; *p; p++)
        if (*p == ',') parts++;
    char **arr = malloc((parts + 1) * sizeof *arr + len + 1);
    if (!arr) return NULL;
    char *s = (char *)(arr + parts + 1);
    memcpy(s, text, len + 1);
    size_t k = 0;
    char *start = s;
    for (char *p = s;; p++) {
        if (*p == ',' || *p == '\0') {
            int end = *p == '\0';
            *p = '\0';
            while (*start == ' ') start++;
            if (*start) arr[k++] = start;
            if (end) break;
            start = p + 1;
        }
    }
    arr[k] = NULL;
    *n = k;
    return arr;
}

static int g_progress_shown;

void cli_progress(const char *fmt, ...)
{
    if (!isatty(2)) return;
    va_list ap;
    va_start(ap, fmt);
    fputs("\r\033[K", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
    g_progress_shown = 1;
}

void cli_progress_done(void)
{
    if (g_progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        g_progress_shown = 0;
    }
}

/* ---- text tables -------------------------------------------------------------------------------- */

struct cli_table {
    size_t ncols;
    char **cells;
    size_t n, cap;
    unsigned char *right;
};

cli_table *cli_table_new(size_t ncols)
{
    cli_table *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->ncols = ncols;
    t->right = calloc(ncols, 1);
    if (!t->right) {
        free(t);
        return NULL;
    }
    return t;
}

void cli_table_free(cli_table *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->n; i++) free(t->cells[i]);
    free(t->cells);
    free(t->right);
    free(t);
}

void cli_table_right(cli_table *t, size_t c)
{
    if (t && c < t->ncols) t->right[c] = 1;
}

int cli_table_cell(cli_table *t, const char *text)
{
    if (!t) return -1;
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 64;
        char **p = realloc(t->cells, nc * sizeof *p);
        if (!p) return -1;
        t->cells = p;
        t->cap = nc;
    }
    size_t len = strlen(text ? text : "");
    char *c = malloc(len + 1);
    if (!c) return -1;
    memcpy(c, text ? text : "", len + 1);
    t->cells[t->n++] = c;
    return 0;
}

int cli_table_cellf(cli_table *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return cli_table_cell(t, buf);
}

void cli_table_print(const cli_table *t, FILE *f, int indent)
{
    if (!t || !t->ncols) return;
    size_t rows = (t->n + t->ncols - 1) / t->ncols;
    size_t w[32] = {0};
    size_t nc = t->ncols < 32 ? t->ncols : 32;
    for (size_t i = 0; i < t->n; i++) {
        size_t c = i % t->ncols;
        if (c < nc && strlen(t->cells[i]) > w[c]) w[c] = strlen(t->cells[i]);
    }
    for (size_t r = 0; r < rows; r++) {
        fprintf(f, "%*s", indent, "");
        for (size_t c = 0; c < nc; c++) {
            size_t i = r * t->ncols + c;
            const char *s = i < t->n ? t->cells[i] : "";
            int last = c + 1 == nc;
            if (t->right[c]) fprintf(f, "%*s", (int)w[c], s);
            else if (last) fputs(s, f);
            else fprintf(f, "%-*s", (int)w[c], s);
            if (!last) fputs("  ", f);
        }
        fputc('\n', f);
        if (r == 0 && rows > 1) {
            fprintf(f, "%*s", indent, "");
            for (size_t c = 0; c < nc; c++) {
                for (size_t k = 0; k < w[c]; k++) fputc('-', f);
                if (c + 1 < nc) fputs("  ", f);
            }
            fputc('\n', f);
        }
    }
}

/* ---- values ------------------------------------------------------------------------------------- */

const char *cli_unit_label(int unit)
{
    switch (unit) {
    case CARESTAT_UNIT_COUNT: return "count";
    case CARESTAT_UNIT_PERCENT: return "%";
    case CARESTAT_UNIT_RATE: return "per 10,000";
    case CARESTAT_UNIT_DAYS: return "days";
    case CARESTAT_UNIT_RATIO: return "cases per FTE";
    case CARESTAT_UNIT_FTE: return "FTE";
    default: return "";
    }
}

int cli_indicator_unit(const char *id)
{
    size_t idx;
    if (!id || carestat_indicator_find(&idx, id) != CARESTAT_OK) return -1;
    return carestat_indicator_unit(idx);
}

void cli_fmt_number(char *buf, size_t cap, double v)
{
    if (isnan(v)) {
        snprintf(buf, cap, "-");
        return;
    }
    if (fabs(v - floor(v)) > 1e-9 || fabs(v) >= 1e15) {
        snprintf(buf, cap, "%.1f", v);
        return;
    }
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%.0f", fabs(v));
    size_t len = strlen(tmp), k = 0;
    char out[48];
    if (v < 0) out[k++] = '-';
    for (size_t i = 0; i < len; i++) {
        out[k++] = tmp[i];
        size_t left = len - i - 1;
        if (left && left % 3 == 0) out[k++] = ',';
    }
    out[k] = '\0';
    snprintf(buf, cap, "%s", out);
}

void cli_fmt_value(char *buf, size_t cap, double v, int unit)
{
    if (isnan(v)) {
        snprintf(buf, cap, "-");
        return;
    }
    switch (unit) {
    case CARESTAT_UNIT_PERCENT: snprintf(buf, cap, "%.1f%%", v); break;
    case CARESTAT_UNIT_RATE: snprintf(buf, cap, "%.1f per 10,000", v); break;
    case CARESTAT_UNIT_COUNT: cli_fmt_number(buf, cap, v); break;
    case CARESTAT_UNIT_DAYS: snprintf(buf, cap, "%.0f days", v); break;
    case CARESTAT_UNIT_RATIO: snprintf(buf, cap, "%.1f", v); break;
    case CARESTAT_UNIT_FTE: snprintf(buf, cap, "%.1f FTE", v); break;
    default: snprintf(buf, cap, "%.4g", v); break;
    }
}

void cli_fmt_interval(char *buf, size_t cap, double lo, double hi, int unit)
{
    if (isnan(lo) || isnan(hi)) {
        snprintf(buf, cap, "%s", "");
        return;
    }
    if (unit == CARESTAT_UNIT_COUNT) {
        char a[32], b[32];
        cli_fmt_number(a, sizeof a, floor(lo + 0.5));
        cli_fmt_number(b, sizeof b, floor(hi + 0.5));
        snprintf(buf, cap, "%s to %s", a, b);
    } else if (unit == CARESTAT_UNIT_DAYS) snprintf(buf, cap, "%.0f to %.0f", lo, hi);
    else snprintf(buf, cap, "%.1f to %.1f", lo, hi);
}

static int write_text(const char *cmd, const char *text, size_t len, const char *path)
{
    FILE *f = stdout;
    if (path && strcmp(path, "-") != 0) {
        f = fopen(path, "wb");
        if (!f) return cli_error(cmd, "cannot write '%s': %s", path, strerror(errno));
    }
    int bad = fwrite(text, 1, len, f) != len;
    if (f != stdout) bad |= fclose(f) != 0;
    else bad |= fflush(f) != 0;
    if (bad) return cli_error(cmd, "cannot write '%s'", path ? path : "standard output");
    return CLI_OK;
}

static void print_obs_table(const carestat_table *t, FILE *f)
{
    cli_table *tt = cli_table_new(8);
    if (!tt) return;
    const char *hdr[] = {"organisation", "year", "indicator", "value", "95% interval", "numerator", "denominator", "flags"};
    for (int i = 0; i < 8; i++) cli_table_cell(tt, hdr[i]);
    cli_table_right(tt, 3);
    cli_table_right(tt, 5);
    cli_table_right(tt, 6);
    size_t n = carestat_table_count(t);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        if (carestat_table_get(&o, t, i) != CARESTAT_OK) continue;
        int unit = cli_indicator_unit(o.indicator);
        int y = 0, m = 0;
        (void)carestat_date_to_ymd(o.period_end, &y, &m, NULL);
        char v[64], iv[64], num[32], den[32], fl[64];
        cli_fmt_value(v, sizeof v, o.value, unit);
        cli_fmt_interval(iv, sizeof iv, o.lower, o.upper, unit);
        cli_fmt_number(num, sizeof num, o.numerator);
        cli_fmt_number(den, sizeof den, o.denominator);
        carestat_flags_format(fl, sizeof fl, o.flags);
        cli_table_cell(tt, o.org_code);
        if (m == 9) cli_table_cellf(tt, "%d (Sep)", y);
        else cli_table_cellf(tt, "%d", y);
        cli_table_cell(tt, o.indicator);
        cli_table_cell(tt, v);
        cli_table_cell(tt, iv);
        cli_table_cell(tt, num);
        cli_table_cell(tt, den);
        cli_table_cell(tt, fl);
    }
    cli_table_print(tt, f, 0);
    cli_table_free(tt);
}

int cli_write_table(const char *cmd, const carestat_table *t, int fmt, const char *path)
{
    int to_file = path && strcmp(path, "-") != 0;
    if (fmt == FMT_CSV && to_file) {
        int rc = carestat_table_write_csv(t, path);
        if (rc) return cli_error(cmd, "cannot write '%s': %s", path, carestat_strerror(rc));
        return CLI_OK;
    }
    if (fmt == FMT_JSON && to_file) {
        int rc = carestat_table_write_json(t, path);
        if (rc) return cli_error(cmd, "cannot write '%s': %s", path, carestat_strerror(rc));
        return CLI_OK;
    }
    if (fmt == FMT_CSV || fmt == FMT_JSON) {
        char *text = NULL;
        size_t len = 0;
        int rc = fmt == FMT_CSV ? carestat_table_to_csv(&text, &len, t) : carestat_table_to_json(&text, &len, t);
        if (rc) return cli_error(cmd, "cannot format the output: %s", carestat_strerror(rc));
        int r = write_text(cmd, text, len, path);
        carestat_free(text);
        return r;
    }
    FILE *f = stdout;
    if (to_file) {
        f = fopen(path, "w");
        if (!f) return cli_error(cmd, "cannot write '%s': %s", path, strerror(errno));
    }
    print_obs_table(t, f);
    if (f != stdout && fclose(f) != 0) return cli_error(cmd, "cannot write '%s'", path);
    return CLI_OK;
}

void cli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

void cli_csv_field(FILE *f, const char *s)
{
    if (!s) s = "";
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
