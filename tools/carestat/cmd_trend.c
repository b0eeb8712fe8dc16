/* carestat command: trend (change, recent trend, SPC, benchmarks) over computed or published series. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "load.h"
#include "trend_util.h"

enum { T_ORG = 1, T_INDICATORS, T_YEAR, T_LEVEL, T_FORMAT, T_OUTPUT, T_OWN };

static const char TREND_HELP[] =
    "Usage: carestat trend --org CODE[,CODE...] (--903 DIR... | --published FILE...) [options]\n"
    "\n"
    "For each organisation and indicator: the value of the latest year (or --year), the change from\n"
    "the year before with its significance, the recent trend (last 5 points), the SPC (XmR)\n"
    "classification, and the comparison with England, the region and the statistical neighbours at\n"
    "95%%, with the quartile band among councils. Benchmarks need comparator rows: published tables\n"
    "carry England, regional and council rows; --neighbours loads DfE's groupings.\n"
    "Table output has one line per indicator; csv and json give every detail.\n"
    "\n"
    "%s"
    "Selection and output:\n"
    "  --org CODE[,CODE...]   organisations to assess (required)\n"
    "  --indicators ID,...    indicators (default: every indicator with data for the organisation)\n"
    "  --year YEAR            year of the period end to assess (default: the latest with a value)\n"
    "  --level L              confidence level (default 0.95)\n"
    "  --own                  the organisation's own rows only (no continuation across reorganisations)\n"
    "  --format table|csv|json, --output FILE\n";

static void json_num(FILE *f, double v)
{
    if (isnan(v) || isinf(v)) fputs("null", f);
    else fprintf(f, "%.10g", v);
}

int cli_trend_build_table(carestat_table **out, const char *cmd, const carestat_dataset *ds, const cli_inputs *in,
                          double level)
{
    carestat_table *t = NULL;
    if (carestat_table_new(&t)) return cli_error(cmd, "out of memory");
    if (in->n903 || in->nworkforce) {
        carestat_request req;
        carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
        req.level = level;
        carestat_table *c = NULL;
        int rc = carestat_compute(&c, ds, &req);
        if (rc) {
            carestat_table_free(t);
            const char *msg = carestat_dataset_errmsg(ds);
            return cli_error(cmd, "cannot compute: %s", msg && *msg ? msg : carestat_strerror(rc));
        }
        rc = carestat_table_append_table(t, c);
        carestat_table_free(c);
        if (rc) {
            carestat_table_free(t);
            return cli_error(cmd, "out of memory");
        }
    }
    const carestat_table *p = carestat_dataset_published(ds);
    if (p && carestat_table_append_table(t, p)) {
        carestat_table_free(t);
        return cli_error(cmd, "out of memory");
    }
    *out = t;
    return CLI_OK;
}

void cli_trend_print_reports(FILE *f, const carestat_series_report *r, size_t n, int with_org)
{
    cli_table *t = cli_table_new(with_org ? 9 : 8);
    if (with_org) cli_table_cell(t, "organisation");
    const char *hdr[] = {"indicator", "year", "value", "change", "recent trend", "SPC", "vs England", "quartile"};
    for (int i = 0; i < 8; i++) cli_table_cell(t, hdr[i]);
    cli_table_right(t, with_org ? 3 : 2);
    for (size_t i = 0; i < n; i++) {
        const carestat_series_report *x = &r[i];
        char v[64], ch[96], q[32], eng[96];
        cli_fmt_value(v, sizeof v, x->value, x->unit);
        if (x->has_previous && !isnan(x->change)) {
            const char *sig = carestat_series_report_text(x, "change");
            snprintf(ch, sizeof ch, "%+.1f (%s)", x->change, sig && *sig ? sig : "not tested");
        } else snprintf(ch, sizeof ch, "-");
        if (x->quartile > 0) snprintf(q, sizeof q, "Q%d of %zu", x->quartile, x->quartile_of);
        else snprintf(q, sizeof q, "-");
        if (!isnan(x->england_value)) {
            char ev[48];
            cli_fmt_value(ev, sizeof ev, x->england_value, x->unit);
            snprintf(eng, sizeof eng, "%s (England %s)", carestat_series_report_text(x, "vs_england"), ev);
        } else snprintf(eng, sizeof eng, "-");
        if (with_org) cli_table_cell(t, x->org_code);
        cli_table_cell(t, x->indicator);
        cli_table_cellf(t, "%d", x->year);
        cli_table_cell(t, v);
        cli_table_cell(t, ch);
        cli_table_cell(t, carestat_series_report_text(x, "trend"));
        cli_table_cell(t, carestat_series_report_text(x, "spc"));
        cli_table_cell(t, eng);
        cli_table_cell(t, q);
    }
    cli_table_print(t, f, 0);
    cli_table_free(t);
}

static void print_reports_json(FILE *f, const carestat_series_report *r, size_t n)
{
    fputs("[\n", f);
    for (size_t i = 0; i < n; i++) {
        const carestat_series_report *x = &r[i];
        char pe[16] = "";
        carestat_date_format(pe, sizeof pe, x->period_end);
        fprintf(f, "  {\"org_code\": ");
        cli_json_string(f, x->org_code);
        fprintf(f, ", \"indicator\": ");
        cli_json_string(f, x->indicator);
        fprintf(f, ", \"year\": %d, \"period_end\": ", x->year);
        cli_json_string(f, pe);
        fprintf(f, ", \"unit\": ");
        cli_json_string(f, carestat_unit_text(x->unit));
        fprintf(f, ", \"polarity\": ");
        cli_json_string(f, carestat_series_report_text(x, "polarity"));
        const struct {
            const char *k;
            double v;
        } nums[] = {{"value", x->value},           {"numerator", x->numerator},
                    {"denominator", x->denominator}, {"lower", x->lower},
                    {"upper", x->upper},           {"previous_value", x->previous_value},
                    {"change", x->change},         {"change_p_value", x->change_p_value},
                    {"england_value", x->england_value}, {"region_value", x->region_value},
                    {"neighbours_value", x->neighbours_value}};
        for (size_t k = 0; k < sizeof nums / sizeof nums[0]; k++) {
            fprintf(f, ", \"%s\": ", nums[k].k);
            json_num(f, nums[k].v);
        }
        static const char *const parts[] = {"change", "change_judgement", "trend", "trend_reason", "spc",
                                            "spc_rule", "spc_assurance", "vs_england", "vs_region", "vs_neighbours"};
        for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
            fprintf(f, ", \"%s%s\": ", parts[k], k == 0 ? "_relation" : "");
            cli_json_string(f, carestat_series_report_text(x, parts[k]));
        }
        fprintf(f, ", \"points\": %zu, \"region_code\": ", x->points);
        cli_json_string(f, x->region_code);
        fprintf(f, ", \"neighbours_used\": %zu, \"quartile\": %d, \"quartile_of\": %zu}%s\n", x->neighbours_used,
                x->quartile, x->quartile_of, i + 1 < n ? "," : "");
    }
    fputs("]\n", f);
}

int cmd_trend(int argc, char **argv)
{
    const char *cmd = "trend";
    static const cli_opt opts[] = {CLI_INPUT_OPTS,        {"--org", 1, T_ORG},         {"--indicators", 1, T_INDICATORS},
                                   {"--year", 1, T_YEAR}, {"--level", 1, T_LEVEL},     {"--format", 1, T_FORMAT},
                                   {"--output", 1, T_OUTPUT}, {"--own", 0, T_OWN},   {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    cli_inputs in;
    memset(&in, 0, sizeof in);
    char **orgs = NULL, **inds = NULL;
    size_t norgs = 0, ninds = 0;
    int year = 0, fmt = FMT_TABLE, own = 0;
    double level = 0.95;
    const char *output = NULL, *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        if (id == -2) {
            printf(TREND_HELP, CLI_INPUTS_HELP);
            return CLI_OK;
        }
        if (cli_inputs_opt(cmd, &in, id, val)) continue;
        switch (id) {
        case 0: cli_usage_error(cmd, "unexpected argument '%s'", val);
        case T_ORG:
            free(orgs);
            orgs = cli_split(val, &norgs);
            if (!orgs || !norgs) cli_usage_error(cmd, "empty organisation list");
            break;
        case T_INDICATORS:
            free(inds);
            inds = cli_split(val, &ninds);
            if (!inds || !ninds) cli_usage_error(cmd, "empty indicator list");
            break;
        case T_YEAR: year = cli_int(cmd, "--year", val, 1990, 2100); break;
        case T_LEVEL:
            level = cli_double(cmd, "--level", val, 0.9, 0.9999);
            break;
        case T_FORMAT: fmt = cli_format(cmd, val); break;
        case T_OUTPUT: output = val; break;
        case T_OWN: own = 1; break;
        default: break;
        }
    }
    if (!norgs) cli_usage_error(cmd, "no organisation: give --org CODE");
    if (!in.n903 && !in.nworkforce && !in.npublished)
        cli_usage_error(cmd, "no input: give --903 DIR or --published FILE");
    carestat_dataset *ds = NULL;
    if (cli_load(&ds, cmd, &in) != CLI_OK) {
        free(orgs);
        free(inds);
        return CLI_FAIL;
    }
    cli_print_org_notes(cmd, ds);
    carestat_table *t = NULL;
    int ret = cli_trend_build_table(&t, cmd, ds, &in, level);
    carestat_series_report *reps = NULL;
    size_t nrep = 0, cap = 0;
    carestat_trend_options to;
    carestat_trend_options_init(&to, CARESTAT_TREND_OPTIONS_VERSION);
    to.level = level;
    to.year = year;
    to.continued = !own;
    for (size_t o = 0; o < norgs && ret == CLI_OK; o++) {
        /* indicators: those asked for, else every indicator with rows (catalogue order, then others) */
        const char *list[512];
        size_t nl = 0;
        if (ninds) {
            for (size_t i = 0; i < ninds && nl < 512; i++) list[nl++] = inds[i];
        } else {
            size_t n = carestat_table_count(t);
            for (size_t i = 0; i < n && nl < 512; i++) {
                carestat_observation ob;
                carestat_table_get(&ob, t, i);
                int seen = 0;
                for (size_t k = 0; k < nl && !seen; k++) seen = strcmp(list[k], ob.indicator) == 0;
                if (!seen) list[nl++] = ob.indicator;
            }
        }
        size_t found_for_org = 0;
        for (size_t i = 0; i < nl && ret == CLI_OK; i++) {
            if (nrep == cap) {
                cap = cap ? cap * 2 : 32;
                carestat_series_report *p = realloc(reps, cap * sizeof *p);
                if (!p) {
                    ret = cli_error(cmd, "out of memory");
                    break;
                }
                reps = p;
            }
            int rc = carestat_series_analyse(&reps[nrep], t, ds, orgs[o], list[i], &to);
            if (rc == CARESTAT_ENOTFOUND) continue;
            if (rc) {
                ret = cli_error(cmd, "cannot analyse %s for %s: %s", list[i], orgs[o], carestat_strerror(rc));
                break;
            }
            nrep++;
            found_for_org++;
        }
        if (ret == CLI_OK && !found_for_org)
            fprintf(stderr, "carestat trend: note: no data for organisation '%s'%s\n", orgs[o],
                    year ? " in that year" : "");
    }
    if (ret == CLI_OK && nrep == 0)
        ret = cli_error(cmd, "nothing to analyse: no values for the organisations and indicators asked for%s",
                        year ? " in that year" : "");
    if (ret == CLI_OK) {
        FILE *f = stdout;
        if (output && strcmp(output, "-") != 0 && !(f = fopen(output, "wb"))) ret = cli_error(cmd, "cannot write '%s'", output);
        if (f) {
            if (fmt == FMT_CSV) {
                char *csv = NULL;
                size_t len = 0;
                int rc = carestat_series_reports_to_csv(&csv, &len, reps, nrep);
                if (rc) ret = cli_error(cmd, "cannot format: %s", carestat_strerror(rc));
                else fwrite(csv, 1, len, f);
                carestat_free(csv);
            } else if (fmt == FMT_JSON) print_reports_json(f, reps, nrep);
            else cli_trend_print_reports(f, reps, nrep, norgs > 1);
            if (f != stdout && fclose(f) != 0) ret = cli_error(cmd, "cannot write '%s'", output);
        }
    }
    free(reps);
    carestat_table_free(t);
    carestat_dataset_free(ds);
    free(orgs);
    free(inds);
    return ret;
}
