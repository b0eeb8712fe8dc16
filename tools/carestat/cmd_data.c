/* carestat command: compute, validate, trend, published, inspections, indicators. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load.h"

enum {
    OPT_ORG = 1, OPT_TRUST, OPT_YEARS, OPT_INDICATORS, OPT_LEVEL, OPT_DISCLOSURE, OPT_FORMAT, OPT_OUTPUT,
    OPT_RULES, OPT_INDICATOR, OPT_EDITION, OPT_MAPPING, OPT_YEAR, OPT_MARKDOWN, OPT_AT, OPT_QUIET, OPT_MAXDIAG
};

/* ---- compute ---------------------------------------------------------------------------------- */

static const char COMPUTE_HELP[] =
    "Usage: carestat compute --903 [ORG=]DIR... [options]\n"
    "\n"
    "Compute indicators from SSDA903 returns (and workforce records) per organisation and year:\n"
    "the observation table (organisation, period, indicator, numerator, denominator, value, 95%%\n"
    "interval, flags). CSV output has exactly the columns of carestat_table_write_csv().\n"
    "\n"
    "%s"
    "Selection and output:\n"
    "  --org CODE[,CODE...]   organisations to report (GSS, 3-digit or user code, or name); default all\n"
    "  --trust NAME           a trust: its councils combined (repeatable; same as --org)\n"
    "  --years FROM:TO        reporting years (year ending 31 March), e.g. 2019:2025; default all with data\n"
    "  --indicators ID,...    indicator ids (see 'carestat indicators'); default all\n"
    "  --level L              confidence level of the intervals, 0.9 <= L < 1 (default 0.95)\n"
    "  --disclosure none|dfe  disclosure control: none (default) or DfE's (small counts suppressed as c)\n"
    "  --rules NAME,...       counting-rule variants (e.g. placements_spb_only); default DfE's\n"
    "  --format table|csv|json  output format (default table)\n"
    "  --output FILE          write to FILE instead of standard output\n"
    "\n"
    "Exit status: 0 success, 1 a file could not be loaded or computed, 2 bad usage.\n";

typedef struct sel {
    char **orgs_alloc[32];
    size_t norgs_alloc;
    const char *orgs[256];
    size_t norgs;
    char **ind_alloc;
    size_t nind;
    int year_from, year_to;
} sel;

static void sel_add_orgs(const char *cmd, sel *s, const char *val)
{
    size_t n = 0;
    char **arr = cli_split(val, &n);
    if (!arr) cli_usage_error(cmd, "out of memory");
    if (n == 0) cli_usage_error(cmd, "empty organisation list");
    if (s->norgs_alloc >= 32 || s->norgs + n > 256) cli_usage_error(cmd, "too many organisations");
    s->orgs_alloc[s->norgs_alloc++] = arr;
    for (size_t i = 0; i < n; i++) s->orgs[s->norgs++] = arr[i];
}

static void sel_free(sel *s)
{
    for (size_t i = 0; i < s->norgs_alloc; i++) free(s->orgs_alloc[i]);
    free(s->ind_alloc);
}

static void print_load_notice(const char *cmd, const carestat_dataset *ds)
{
    size_t err = cli_diag_count(ds, CARESTAT_SEV_ERROR), warn = cli_diag_count(ds, CARESTAT_SEV_WARNING) - err;
    if (err || warn)
        fprintf(stderr,
                "carestat %s: note: the inputs gave %zu error%s and %zu warning%s (list them with 'carestat validate')\n",
                cmd, err, err == 1 ? "" : "s", warn, warn == 1 ? "" : "s");
}

int cmd_compute(int argc, char **argv)
{
    const char *cmd = "compute";
    static const cli_opt opts[] = {CLI_INPUT_OPTS,
                                   {"--org", 1, OPT_ORG},
                                   {"--trust", 1, OPT_TRUST},
                                   {"--years", 1, OPT_YEARS},
                                   {"--indicators", 1, OPT_INDICATORS},
                                   {"--level", 1, OPT_LEVEL},
                                   {"--disclosure", 1, OPT_DISCLOSURE},
                                   {"--rules", 1, OPT_RULES},
                                   {"--format", 1, OPT_FORMAT},
                                   {"--output", 1, OPT_OUTPUT},
                                   {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    cli_inputs in;
    memset(&in, 0, sizeof in);
    sel s;
    memset(&s, 0, sizeof s);
    double level = 0.95;
    int disclosure = CARESTAT_DISCLOSURE_NONE, fmt = FMT_TABLE;
    unsigned rules = 0;
    const char *output = NULL;
    const char *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        if (id == -2) {
            printf(COMPUTE_HELP, CLI_INPUTS_HELP);
            return CLI_OK;
        }
        if (cli_inputs_opt(cmd, &in, id, val)) continue;
        switch (id) {
        case 0: cli_usage_error(cmd, "unexpected argument '%s'", val);
        case OPT_ORG:
        case OPT_TRUST: sel_add_orgs(cmd, &s, val); break;
        case OPT_YEARS: cli_years(cmd, "--years", val, &s.year_from, &s.year_to); break;
        case OPT_INDICATORS:
            free(s.ind_alloc);
            s.ind_alloc = cli_split(val, &s.nind);
            if (!s.ind_alloc || !s.nind) cli_usage_error(cmd, "empty indicator list");
            for (size_t i = 0; i < s.nind; i++) {
                size_t idx;
                if (carestat_indicator_find(&idx, s.ind_alloc[i]) != CARESTAT_OK)
                    cli_usage_error(cmd, "unknown indicator '%s' (list them with 'carestat indicators')", s.ind_alloc[i]);
            }
            break;
        case OPT_LEVEL:
            level = cli_double(cmd, "--level", val, 0.9, 0.9999);
            break;
        case OPT_DISCLOSURE:
            if (strcmp(val, "none") == 0) disclosure = CARESTAT_DISCLOSURE_NONE;
            else if (strcmp(val, "dfe") == 0) disclosure = CARESTAT_DISCLOSURE_DFE;
            else cli_usage_error(cmd, "bad value '%s' for --disclosure: expected none or dfe", val);
            break;
        case OPT_RULES: {
            size_t n = 0;
            char **r = cli_split(val, &n);
            if (!r) cli_usage_error(cmd, "out of memory");
            for (size_t i = 0; i < n; i++) {
                unsigned bit;
                if (carestat_rule_from_name(&bit, r[i]) != CARESTAT_OK) {
                    char name[128];
                    snprintf(name, sizeof name, "%s", r[i]);
                    free(r);
                    cli_usage_error(cmd, "unknown counting rule '%s'", name);
                }
                rules |= bit;
            }
            free(r);
            break;
        }
        case OPT_FORMAT: fmt = cli_format(cmd, val); break;
        case OPT_OUTPUT: output = val; break;
        default: cli_usage_error(cmd, "unexpected option");
        }
    }
    if (in.n903 == 0 && in.nworkforce == 0) cli_usage_error(cmd, "no input: give --903 DIR (or --workforce FILE)");

    carestat_dataset *ds = NULL;
    if (cli_load(&ds, cmd, &in) != CLI_OK) {
        sel_free(&s);
        return CLI_FAIL;
    }
    cli_print_org_notes(cmd, ds);
    print_load_notice(cmd, ds);
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.indicators = (const char *const *)s.ind_alloc;
    req.n_indicators = s.nind;
    req.orgs = s.norgs ? s.orgs : NULL;
    req.n_orgs = s.norgs;
    req.year_from = s.year_from;
    req.year_to = s.year_to;
    req.level = level;
    req.disclosure = (carestat_disclosure)disclosure;
    req.rules = rules;
    carestat_table *t = NULL;
    int rc = carestat_compute(&t, ds, &req);
    int ret = CLI_OK;
    if (rc) {
        const char *msg = carestat_dataset_errmsg(ds);
        ret = cli_error(cmd, "cannot compute: %s", msg && *msg ? msg : carestat_strerror(rc));
    } else ret = cli_write_table(cmd, t, fmt, output);
    carestat_table_free(t);
    carestat_dataset_free(ds);
    sel_free(&s);
    return ret;
}

/* ---- validate ----------------------------------------------------------------------------------- */

static const char VALIDATE_HELP[] =
    "Usage: carestat validate --903 [ORG=]DIR... [other inputs]\n"
    "\n"
    "Load the inputs and report every problem found, one per line:\n"
    "  file:line:column: severity: code: message\n"
    "then a summary of rows read, accepted and rejected per table.\n"
    "\n"
    "%s"
    "  --quiet                only the summary\n"
    "  --max N                show at most N diagnostics (default all)\n"
    "\n"
    "Exit status: 0 no errors (notes and warnings allowed), 1 errors found or a file could not be\n"
    "read, 2 bad usage.\n";

int cmd_validate(int argc, char **argv)
{
    const char *cmd = "validate";
    static const cli_opt opts[] = {CLI_INPUT_OPTS, {"--quiet", 0, OPT_QUIET}, {"--max", 1, OPT_MAXDIAG}, {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    cli_inputs in;
    memset(&in, 0, sizeof in);
    int quiet = 0;
    long maxd = -1;
    const char *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        if (id == -2) {
            printf(VALIDATE_HELP, CLI_INPUTS_HELP);
            return CLI_OK;
        }
        if (cli_inputs_opt(cmd, &in, id, val)) continue;
        if (id == OPT_QUIET) quiet = 1;
        else if (id == OPT_MAXDIAG) maxd = cli_int(cmd, "--max", val, 0, 1000000000);
        else if (id == 0) cli_usage_error(cmd, "unexpected argument '%s'", val);
    }
    if (!in.n903 && !in.nworkforce && !in.nworkforce_la && !in.npopulation && !in.npublished && !in.inspections)
        cli_usage_error(cmd, "no input: give --903 DIR (or another input)");
    carestat_dataset *ds = NULL;
    if (in.error_mode == CARESTAT_ROWS_STOP) in.error_mode = CARESTAT_ROWS_KEEP;
    if (cli_load(&ds, cmd, &in) != CLI_OK) return CLI_FAIL;
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    size_t n = carestat_diag_list_count(l);
    if (!quiet) {
        char buf[2048];
        for (size_t i = 0; i < n && (maxd < 0 || (long)i < maxd); i++) {
            carestat_diag_format(buf, sizeof buf, carestat_diag_list_get(l, i));
            puts(buf);
        }
        if (maxd >= 0 && (size_t)maxd < n) printf("... %zu more diagnostics not shown\n", n - (size_t)maxd);
    }
    uint64_t dropped = carestat_dataset_diagnostics_dropped(ds);
    size_t errors = cli_diag_count(ds, CARESTAT_SEV_ERROR);
    size_t warnings = cli_diag_count(ds, CARESTAT_SEV_WARNING) - errors;
    size_t notes = n - errors - warnings;
    cli_table *t = cli_table_new(5);
    cli_table_cell(t, "file");
    cli_table_cell(t, "table");
    cli_table_cell(t, "rows read");
    cli_table_cell(t, "accepted");
    cli_table_cell(t, "rejected");
    for (size_t c = 2; c < 5; c++) cli_table_right(t, c);
    size_t ns = carestat_dataset_load_summary_count(ds);
    uint64_t tr = 0, ta = 0, tj = 0;
    for (size_t i = 0; i < ns; i++) {
        carestat_load_summary s;
        if (carestat_dataset_load_summary(&s, ds, i)) continue;
        cli_table_cell(t, s.source);
        cli_table_cell(t, s.table);
        cli_table_cellf(t, "%llu", (unsigned long long)s.rows_read);
        cli_table_cellf(t, "%llu", (unsigned long long)s.rows_accepted);
        cli_table_cellf(t, "%llu", (unsigned long long)s.rows_rejected);
        tr += s.rows_read;
        ta += s.rows_accepted;
        tj += s.rows_rejected;
    }
    cli_table_cell(t, "total");
    cli_table_cell(t, "");
    cli_table_cellf(t, "%llu", (unsigned long long)tr);
    cli_table_cellf(t, "%llu", (unsigned long long)ta);
    cli_table_cellf(t, "%llu", (unsigned long long)tj);
    printf("\nSummary: %zu error%s, %zu warning%s, %zu note%s", errors, errors == 1 ? "" : "s", warnings,
           warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s");
    if (dropped) printf(" (and %llu more not kept)", (unsigned long long)dropped);
    printf("\n\n");
    cli_table_print(t, stdout, 0);
    cli_table_free(t);
    carestat_dataset_free(ds);
    return errors || dropped ? CLI_FAIL : CLI_OK;
}

/* ---- indicators --------------------------------------------------------------------------------- */

static const char INDICATORS_HELP[] =
    "Usage: carestat indicators [--markdown] [--format table|csv|json]\n"
    "\n"
    "List the indicator catalogue: id, unit, polarity, period and title. --markdown prints the full\n"
    "reference (definitions and sources), the text of docs/indicators.md.\n";

int cmd_indicators(int argc, char **argv)
{
    const char *cmd = "indicators";
    static const cli_opt opts[] = {{"--markdown", 0, OPT_MARKDOWN}, {"--format", 1, OPT_FORMAT}, {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    int md = 0, fmt = FMT_TABLE;
    const char *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        if (id == -2) {
            fputs(INDICATORS_HELP, stdout);
            return CLI_OK;
        }
        if (id == OPT_MARKDOWN) md = 1;
        else if (id == OPT_FORMAT) fmt = cli_format(cmd, val);
        else cli_usage_error(cmd, "unexpected argument '%s'", val);
    }
    if (md) {
        char *text = NULL;
        int rc = carestat_indicators_markdown(&text);
        if (rc) return cli_error(cmd, "%s", carestat_strerror(rc));
        fputs(text, stdout);
        carestat_free(text);
        return CLI_OK;
    }
    size_t n = carestat_indicator_count();
    static const char *const pol[] = {"none", "higher is better", "lower is better"};
    if (fmt == FMT_CSV) {
        puts("id,title,unit,polarity,period,population,definition,source");
        for (size_t i = 0; i < n; i++) {
            int p = carestat_indicator_polarity(i);
            cli_csv_field(stdout, carestat_indicator_id(i));
            putchar(',');
            cli_csv_field(stdout, carestat_indicator_title(i));
            putchar(',');
            cli_csv_field(stdout, carestat_unit_text(carestat_indicator_unit(i)));
            putchar(',');
            cli_csv_field(stdout, p >= 0 && p <= 2 ? pol[p] : "");
            putchar(',');
            cli_csv_field(stdout, carestat_indicator_period_kind(i) == 1 ? "year to 30 September" : "year to 31 March");
            putchar(',');
            cli_csv_field(stdout, carestat_indicator_population(i));
            putchar(',');
            cli_csv_field(stdout, carestat_indicator_definition(i));
            putchar(',');
            cli_csv_field(stdout, carestat_indicator_source(i));
            putchar('\n');
        }
        return CLI_OK;
    }
    if (fmt == FMT_JSON) {
        puts("[");
        for (size_t i = 0; i < n; i++) {
            int p = carestat_indicator_polarity(i);
            printf("  {\"id\": ");
            cli_json_string(stdout, carestat_indicator_id(i));
            printf(", \"title\": ");
            cli_json_string(stdout, carestat_indicator_title(i));
            printf(", \"unit\": ");
            cli_json_string(stdout, carestat_unit_text(carestat_indicator_unit(i)));
            printf(", \"polarity\": ");
            cli_json_string(stdout, p >= 0 && p <= 2 ? pol[p] : "");
            printf(", \"period\": ");
            cli_json_string(stdout, carestat_indicator_period_kind(i) == 1 ? "year to 30 September" : "year to 31 March");
            printf(", \"population\": ");
            cli_json_string(stdout, carestat_indicator_population(i));
            printf(", \"definition\": ");
            cli_json_string(stdout, carestat_indicator_definition(i));
            printf(", \"source\": ");
            cli_json_string(stdout, carestat_indicator_source(i));
            printf("}%s\n", i + 1 < n ? "," : "");
        }
        puts("]");
        return CLI_OK;
    }
    cli_table *t = cli_table_new(5);
    cli_table_cell(t, "id");
    cli_table_cell(t, "unit");
    cli_table_cell(t, "polarity");
    cli_table_cell(t, "period");
    cli_table_cell(t, "title");
    for (size_t i = 0; i < n; i++) {
        int p = carestat_indicator_polarity(i);
        cli_table_cell(t, carestat_indicator_id(i));
        cli_table_cell(t, carestat_unit_text(carestat_indicator_unit(i)));
        cli_table_cell(t, p >= 0 && p <= 2 ? pol[p] : "");
        cli_table_cell(t, carestat_indicator_period_kind(i) == 1 ? "to 30 Sep" : "to 31 Mar");
        cli_table_cell(t, carestat_indicator_title(i));
    }
    cli_table_print(t, stdout, 0);
    cli_table_free(t);
    printf("\n%zu indicators. Definitions and sources: carestat indicators --markdown\n", n);
    return CLI_OK;
}

/* ---- published ---------------------------------------------------------------------------------- */

static const char PUBLISHED_HELP[] =
    "Usage: carestat published FILE.csv [--org CODE] [--indicator ID] [--edition E] [--mapping FILE]\n"
    "                           [--years FROM:TO] [--format table|csv|json] [--output FILE]\n"
    "\n"
    "Read a DfE published table (explore-education-statistics CSV) into observations. DfE's symbols\n"
    "(c, x, z, k, u, low) become flags, never zeros. Known files are mapped automatically; describe\n"
    "another file with --mapping (docs/published.md).\n"
    "\n"
    "  --org CODE[,CODE]      keep only these organisations (GSS, 3-digit code or name)\n"
    "  --indicator ID[,ID]    keep only these indicators\n"
    "  --edition E            edition label stored as each value's source (default: from the file)\n"
    "  --mapping FILE         a mapping file for a file the library does not know\n"
    "  --years FROM:TO        keep only these years (period end)\n";

static int keep_obs(const carestat_observation *o, char **orgs, size_t norgs, char **inds, size_t ninds,
                    int yfrom, int yto, const carestat_dataset *ds)
{
    if (norgs) {
        int ok = 0;
        for (size_t i = 0; i < norgs && !ok; i++) {
            if (strcmp(orgs[i], o->org_code) == 0) ok = 1;
            else {
                const carestat_org *org = NULL;
                if (carestat_dataset_org_find(&org, ds, orgs[i]) == CARESTAT_OK && org && strcmp(org->code, o->org_code) == 0)
                    ok = 1;
            }
        }
        if (!ok) return 0;
    }
    if (ninds) {
        int ok = 0;
        for (size_t i = 0; i < ninds && !ok; i++) ok = strcmp(inds[i], o->indicator) == 0;
        if (!ok) return 0;
    }
    if (yfrom) {
        int y = 0;
        carestat_date_to_ymd(o->period_end, &y, NULL, NULL);
        if (y < yfrom || y > yto) return 0;
    }
    return 1;
}

int cmd_published(int argc, char **argv)
{
    const char *cmd = "published";
    static const cli_opt opts[] = {{"--org", 1, OPT_ORG},         {"--indicator", 1, OPT_INDICATOR},
                                   {"--indicators", 1, OPT_INDICATOR}, {"--edition", 1, OPT_EDITION},
                                   {"--mapping", 1, OPT_MAPPING}, {"--years", 1, OPT_YEARS},
                                   {"--format", 1, OPT_FORMAT},   {"--output", 1, OPT_OUTPUT},
                                   {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    const char *file = NULL, *edition = NULL, *mapping = NULL, *output = NULL, *orgv = NULL, *indv = NULL;
    int fmt = FMT_TABLE, yfrom = 0, yto = 0;
    const char *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        switch (id) {
        case -2: fputs(PUBLISHED_HELP, stdout); return CLI_OK;
        case 0:
            if (file) cli_usage_error(cmd, "unexpected argument '%s' (one file at a time)", val);
            file = val;
            break;
        case OPT_ORG: orgv = val; break;
        case OPT_INDICATOR: indv = val; break;
        case OPT_EDITION: edition = val; break;
        case OPT_MAPPING: mapping = val; break;
        case OPT_YEARS: cli_years(cmd, "--years", val, &yfrom, &yto); break;
        case OPT_FORMAT: fmt = cli_format(cmd, val); break;
        case OPT_OUTPUT: output = val; break;
        default: break;
        }
    }
    if (!file) cli_usage_error(cmd, "no file: give a DfE published CSV file");
    carestat_published_options po;
    carestat_published_options_init(&po, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    po.edition = edition;
    po.mapping_path = mapping;
    carestat_diag_list *diags = NULL;
    if (carestat_diag_list_new(&diags)) return cli_error(cmd, "out of memory");
    carestat_table *t = NULL;
    int rc = carestat_published_read(&t, file, &po, diags);
    if (rc) {
        const carestat_diag *d = carestat_diag_list_count(diags) ? carestat_diag_list_get(diags, carestat_diag_list_count(diags) - 1) : NULL;
        char buf[1024] = "";
        if (d) carestat_diag_format(buf, sizeof buf, d);
        cli_error(cmd, "cannot read '%s': %s%s%s", file, carestat_strerror(rc), *buf ? ": " : "", buf);
        carestat_diag_list_free(diags);
        return CLI_FAIL;
    }
    size_t nd = carestat_diag_list_count_at_least(diags, CARESTAT_SEV_ERROR);
    if (nd) fprintf(stderr, "carestat published: note: %zu problem%s in '%s' (rows kept as unknown or skipped)\n", nd,
                    nd == 1 ? "" : "s", file);
    carestat_diag_list_free(diags);
    size_t norgs = 0, ninds = 0;
    char **orgs = orgv ? cli_split(orgv, &norgs) : NULL;
    char **inds = indv ? cli_split(indv, &ninds) : NULL;
    int ret = CLI_OK;
    if (norgs || ninds || yfrom) {
        carestat_table *f = NULL;
        if (carestat_table_new(&f)) ret = cli_error(cmd, "out of memory");
        size_t n = carestat_table_count(t);
        for (size_t i = 0; i < n && ret == CLI_OK; i++) {
            carestat_observation o;
            carestat_table_get(&o, t, i);
            if (keep_obs(&o, orgs, norgs, inds, ninds, yfrom, yto, NULL) && carestat_table_append(f, &o))
                ret = cli_error(cmd, "out of memory");
        }
        carestat_table_free(t);
        t = f;
        if (ret == CLI_OK && carestat_table_count(t) == 0)
            fprintf(stderr, "carestat published: note: no observation matches the selection\n");
    }
    if (ret == CLI_OK) ret = cli_write_table(cmd, t, fmt, output);
    carestat_table_free(t);
    free(orgs);
    free(inds);
    return ret;
}

/* ---- inspections --------------------------------------------------------------------------------- */

static const char INSPECTIONS_HELP[] =
    "Usage: carestat inspections FILE.csv [--org CODE] [--at YYYY-MM-DD] [--orgs FILE] [--format table|csv|json]\n"
    "\n"
    "Read Ofsted's published outcomes (the ILACS inspection history layout, or the 2009-2023 history)\n"
    "and show, for an organisation, its inspections in date order, its latest grades and the\n"
    "trajectory of its overall effectiveness; without --org, the national distribution of the latest\n"
    "overall effectiveness grades as at a date (default: the latest inspection in the file).\n"
    "\n"
    "  --org CODE             council (GSS, 3-digit code or name); includes predecessors' inspections\n"
    "  --at DATE              as-at date for latest grades and the distribution\n"
    "  --orgs FILE            organisations to define first (CSV code,name,kind,delivered_by)\n";

static const char *grade_short(carestat_grade g)
{
    switch (g) {
    case CARESTAT_GRADE_OUTSTANDING: return "Outstanding";
    case CARESTAT_GRADE_GOOD: return "Good";
    case CARESTAT_GRADE_REQUIRES_IMPROVEMENT: return "Requires improvement";
    case CARESTAT_GRADE_INADEQUATE: return "Inadequate";
    default: return "-";
    }
}

static void iso(char *buf, size_t cap, carestat_date d)
{
    if (d == CARESTAT_DATE_NONE) snprintf(buf, cap, "-");
    else carestat_date_format(buf, cap, d);
}

/* Print the inspection history of one organisation (shared with the demo). Returns 0, or a status. */
int cli_print_inspections(FILE *f, const carestat_dataset *ds, const char *code, int fmt, int indent);
int cli_print_inspections(FILE *f, const carestat_dataset *ds, const char *code, int fmt, int indent)
{
    const carestat_inspection *list[512];
    size_t count = 0;
    int rc = carestat_dataset_org_inspections(list, 512, &count, ds, code, CARESTAT_HISTORY_LINEAGE);
    if (rc) return rc;
    static const carestat_judgement_area areas[] = {CARESTAT_AREA_OVERALL, CARESTAT_AREA_LEADERS,
                                                    CARESTAT_AREA_HELP_PROTECTION, CARESTAT_AREA_CHILDREN_IN_CARE,
                                                    CARESTAT_AREA_CARE_LEAVERS, CARESTAT_AREA_CIC_AND_CARE_LEAVERS};
    static const char *const akey[] = {"overall", "leaders", "help_protection", "children_in_care", "care_leavers",
                                       "children_in_care_and_care_leavers"};
    if (fmt == FMT_CSV) {
        fprintf(f, "org_code,org_name,start,published,type,theme");
        for (size_t k = 0; k < 6; k++) fprintf(f, ",%s", akey[k]);
        fputc('\n', f);
    } else if (fmt == FMT_JSON) fputs("[\n", f);
    cli_table *t = cli_table_new(8);
    const char *hdr[] = {"inspected", "published", "type", "overall", "leaders", "help & protection", "in care", "care leavers"};
    for (int i = 0; i < 8; i++) cli_table_cell(t, hdr[i]);
    for (size_t i = 0; i < count; i++) {
        const carestat_inspection *in = list[i];
        char s[16], p[16];
        iso(s, sizeof s, in->start);
        iso(p, sizeof p, in->published);
        if (fmt == FMT_CSV) {
            cli_csv_field(f, in->org ? in->org->code : "");
            fputc(',', f);
            cli_csv_field(f, in->org ? in->org->name : "");
            fprintf(f, ",%s,%s,", in->start == CARESTAT_DATE_NONE ? "" : s, in->published == CARESTAT_DATE_NONE ? "" : p);
            cli_csv_field(f, carestat_inspection_type_name(in->type));
            fputc(',', f);
            cli_csv_field(f, in->theme);
            for (size_t k = 0; k < 6; k++) {
                fputc(',', f);
                if (in->grades[areas[k]] != CARESTAT_GRADE_NONE) cli_csv_field(f, carestat_grade_name(in->grades[areas[k]]));
            }
            fputc('\n', f);
            continue;
        }
        if (fmt == FMT_JSON) {
            fprintf(f, "  {\"org_code\": ");
            cli_json_string(f, in->org ? in->org->code : "");
            fprintf(f, ", \"org_name\": ");
            cli_json_string(f, in->org ? in->org->name : "");
            fprintf(f, ", \"start\": ");
            if (in->start == CARESTAT_DATE_NONE) fputs("null", f);
            else cli_json_string(f, s);
            fprintf(f, ", \"published\": ");
            if (in->published == CARESTAT_DATE_NONE) fputs("null", f);
            else cli_json_string(f, p);
            fprintf(f, ", \"type\": ");
            cli_json_string(f, carestat_inspection_type_name(in->type));
            fprintf(f, ", \"grades\": {");
            int first = 1;
            for (size_t k = 0; k < 6; k++) {
                if (in->grades[areas[k]] == CARESTAT_GRADE_NONE) continue;
                fprintf(f, "%s\"%s\": ", first ? "" : ", ", akey[k]);
                cli_json_string(f, carestat_grade_name(in->grades[areas[k]]));
                first = 0;
            }
            fprintf(f, "}}%s\n", i + 1 < count ? "," : "");
            continue;
        }
        cli_table_cell(t, s);
        cli_table_cell(t, p);
        cli_table_cell(t, carestat_inspection_type_name(in->type));
        cli_table_cell(t, grade_short(in->grades[CARESTAT_AREA_OVERALL]));
        cli_table_cell(t, grade_short(in->grades[CARESTAT_AREA_LEADERS]));
        cli_table_cell(t, grade_short(in->grades[CARESTAT_AREA_HELP_PROTECTION]));
        carestat_grade cic = in->grades[CARESTAT_AREA_CHILDREN_IN_CARE];
        carestat_grade cl = in->grades[CARESTAT_AREA_CARE_LEAVERS];
        if (cic == CARESTAT_GRADE_NONE && in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS] != CARESTAT_GRADE_NONE) {
            cic = cl = in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS];
            cli_table_cellf(t, "%s", grade_short(cic));
            cli_table_cell(t, "(one judgement)");
        } else {
            cli_table_cell(t, grade_short(cic));
            cli_table_cell(t, grade_short(cl));
        }
    }
    if (fmt == FMT_JSON) fputs("]\n", f);
    if (fmt == FMT_TABLE) {
        if (count) cli_table_print(t, f, indent);
        else fprintf(f, "%*sno inspections recorded\n", indent, "");
        carestat_grade_change ch[64];
        size_t nch = 0;
        if (carestat_dataset_grade_changes(ch, 64, &nch, ds, code, CARESTAT_AREA_OVERALL, CARESTAT_HISTORY_LINEAGE) ==
                CARESTAT_OK &&
            nch) {
            int steps = 0;
            for (size_t i = 0; i < nch; i++) steps += ch[i].steps;
            char d0[16];
            iso(d0, sizeof d0, carestat_inspection_date(ch[0].from));
            fprintf(f, "%*sTrajectory of overall effectiveness: %s (%s)", indent, "", grade_short(ch[0].from_grade), d0);
            for (size_t i = 0; i < nch; i++) {
                char d1[16];
                iso(d1, sizeof d1, carestat_inspection_date(ch[i].to));
                fprintf(f, " -> %s (%s)", grade_short(ch[i].to_grade), d1);
            }
            fprintf(f, ": %s", steps > 0 ? "improved" : (steps < 0 ? "declined" : (nch > 1 ? "no net change" : "unchanged")));
            if (steps) fprintf(f, " by %d grade%s", abs(steps), abs(steps) == 1 ? "" : "s");
            fputc('\n', f);
        }
    }
    cli_table_free(t);
    return CARESTAT_OK;
}

int cmd_inspections(int argc, char **argv)
{
    const char *cmd = "inspections";
    static const cli_opt opts[] = {{"--org", 1, OPT_ORG}, {"--at", 1, OPT_AT}, {"--orgs", 1, OPT_ORGS},
                                   {"--format", 1, OPT_FORMAT}, {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    const char *file = NULL, *org = NULL, *orgsfile = NULL;
    carestat_date at = CARESTAT_DATE_NONE;
    int fmt = FMT_TABLE;
    const char *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        switch (id) {
        case -2: fputs(INSPECTIONS_HELP, stdout); return CLI_OK;
        case 0:
            if (file) cli_usage_error(cmd, "unexpected argument '%s' (one file)", val);
            file = val;
            break;
        case OPT_ORG: org = val; break;
        case OPT_ORGS: orgsfile = val; break;
        case OPT_AT:
            if (carestat_date_parse(&at, val, strlen(val)) != CARESTAT_OK)
                cli_usage_error(cmd, "bad value '%s' for --at: expected a date (YYYY-MM-DD or DD/MM/YYYY)", val);
            break;
        case OPT_FORMAT: fmt = cli_format(cmd, val); break;
        default: break;
        }
    }
    if (!file) cli_usage_error(cmd, "no file: give Ofsted's inspection outcomes CSV");
    cli_inputs in;
    memset(&in, 0, sizeof in);
    in.inspections = file;
    if (orgsfile) {
        in.orgs[0] = orgsfile;
        in.norgs = 1;
    }
    carestat_dataset *ds = NULL;
    if (cli_load(&ds, cmd, &in) != CLI_OK) return CLI_FAIL;
    size_t nerr = cli_diag_count(ds, CARESTAT_SEV_ERROR);
    if (nerr) fprintf(stderr, "carestat inspections: note: %zu problem%s in '%s' (see 'carestat validate --inspections')\n",
                      nerr, nerr == 1 ? "" : "s", file);
    int ret = CLI_OK;
    if (org) {
        const carestat_org *o = NULL;
        if (carestat_dataset_org_find(&o, ds, org) != CARESTAT_OK || !o) {
            ret = cli_error(cmd, "unknown organisation '%s'", org);
        } else {
            if (fmt == FMT_TABLE) printf("%s (%s): Ofsted inspections\n\n", o->name, o->code);
            int rc = cli_print_inspections(stdout, ds, o->code, fmt, 0);
            if (rc) ret = cli_error(cmd, "cannot list inspections of '%s': %s", org, carestat_strerror(rc));
            else if (fmt == FMT_TABLE) {
                carestat_date when = at;
                if (when == CARESTAT_DATE_NONE) (void)carestat_date_from_ymd(&when, 2100, 1, 1); /* latest of all */
                printf("\nLatest grades%s:\n", at == CARESTAT_DATE_NONE ? "" : " as at the date given");
                static const carestat_judgement_area areas[] = {CARESTAT_AREA_OVERALL, CARESTAT_AREA_LEADERS,
                                                                CARESTAT_AREA_HELP_PROTECTION,
                                                                CARESTAT_AREA_CHILDREN_IN_CARE, CARESTAT_AREA_CARE_LEAVERS};
                for (size_t k = 0; k < 5; k++) {
                    carestat_grade g = CARESTAT_GRADE_NONE;
                    const carestat_inspection *li = NULL;
                    if (carestat_dataset_latest_grade(&g, &li, ds, o->code, areas[k], when, CARESTAT_HISTORY_LINEAGE))
                        continue;
                    char d[16] = "-";
                    if (li) iso(d, sizeof d, carestat_inspection_date(li));
                    printf("  %-78s %-32s %s\n", carestat_judgement_area_name(areas[k]), carestat_grade_name(g),
                           li ? d : "");
                }
            }
        }
    } else {
        /* national distribution of latest overall grades */
        carestat_date when = at;
        if (when == CARESTAT_DATE_NONE) {
            size_t n = carestat_dataset_inspection_count(ds);
            for (size_t i = 0; i < n; i++) {
                const carestat_inspection *in2 = NULL;
                if (carestat_dataset_inspection_at(&in2, ds, i) == CARESTAT_OK && in2) {
                    carestat_date d = carestat_inspection_date(in2);
                    if (d != CARESTAT_DATE_NONE && (when == CARESTAT_DATE_NONE || d > when)) when = d;
                }
            }
        }
        uint64_t counts[CARESTAT_GRADE_COUNT] = {0};
        int rc = carestat_dataset_grade_distribution(counts, CARESTAT_GRADE_COUNT, ds, CARESTAT_AREA_OVERALL, when, 0);
        if (rc) ret = cli_error(cmd, "cannot compute the distribution of grades: %s", carestat_strerror(rc));
        else {
            char d[16];
            iso(d, sizeof d, when);
            uint64_t tot = 0;
            for (int g = 1; g < CARESTAT_GRADE_COUNT; g++) tot += counts[g];
            if (fmt == FMT_CSV) {
                printf("as_at,grade,councils\n");
                for (int g = 1; g < CARESTAT_GRADE_COUNT; g++)
                    printf("%s,%s,%llu\n", d, carestat_grade_name((carestat_grade)g), (unsigned long long)counts[g]);
            } else if (fmt == FMT_JSON) {
                printf("{\"as_at\": \"%s\", \"overall_effectiveness\": {", d);
                for (int g = 1; g < CARESTAT_GRADE_COUNT; g++)
                    printf("%s\"%s\": %llu", g > 1 ? ", " : "", carestat_grade_name((carestat_grade)g),
                           (unsigned long long)counts[g]);
                printf("}, \"inspections\": %zu}\n", carestat_dataset_inspection_count(ds));
            } else {
                printf("Latest overall effectiveness of councils as at %s (%llu councils graded)\n\n", d,
                       (unsigned long long)tot);
                cli_table *t = cli_table_new(3);
                cli_table_cell(t, "grade");
                cli_table_cell(t, "councils");
                cli_table_cell(t, "share");
                cli_table_right(t, 1);
                cli_table_right(t, 2);
                for (int g = 1; g < CARESTAT_GRADE_COUNT; g++) {
                    cli_table_cell(t, carestat_grade_name((carestat_grade)g));
                    cli_table_cellf(t, "%llu", (unsigned long long)counts[g]);
                    cli_table_cellf(t, "%.0f%%", tot ? 100.0 * (double)counts[g] / (double)tot : 0.0);
                }
                cli_table_print(t, stdout, 2);
                cli_table_free(t);
                printf("\n%zu inspections and visits read. Use --org CODE for one council's history.\n",
                       carestat_dataset_inspection_count(ds));
            }
        }
    }
    carestat_dataset_free(ds);
    return ret;
}
