/* carestat command: synth (the synthetic data generator) and demo (the main job on an embedded default). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "trend_util.h"

enum { S_ORGS = 1, S_YEARS, S_SEED, S_OUT, S_CPO, S_DIRTY, S_STORY, S_QUIET, S_KEEP };

/* ---- synth -------------------------------------------------------------------------------------- */

static const char SYNTH_HELP[] =
    "Usage: carestat synth --out DIR [--orgs N] [--years A:B] [--seed S] [--children-per-org N]\n"
    "                      [--dirty] [--story] [--quiet]\n"
    "\n"
    "Write realistic synthetic data for N fictional councils (codes SYN001, SYN002, ...: three letters\n"
    "and three digits, which no real GSS or DfE code has): per council a folder of SSDA903 tables\n"
    "(header, episodes, OC3, social worker episodes, UASC, AD1, placed for adoption) in DfE's CSV\n"
    "layouts, plus worker-level workforce records, LA-level workforce figures, a population file\n"
    "(org,year,population) and orgs.csv. Calibrated to the published England figures (starts and\n"
    "children looked after per 10,000, placement mix, 3+ placements, care leavers, social worker\n"
    "turnover and agency rates). The same options and seed always give the same files.\n"
    "\n"
    "  --out DIR              output folder (created if needed; files in it are overwritten)\n"
    "  --orgs N               number of councils, 1-999 (default 3)\n"
    "  --years A:B            reporting years, years ending 31 March (default 2021:2025)\n"
    "  --seed S               seed (default 1)\n"
    "  --children-per-org N   about N children looked after per council (default: realistic sizes)\n"
    "  --dirty                add faults (bad codes, overlapping episodes, bad dates) for validation tests\n"
    "  --story                the demo's improving trust of two councils (needs --orgs 2 or more)\n"
    "  --quiet                no summary on standard output\n";

int cmd_synth(int argc, char **argv)
{
    const char *cmd = "synth";
    static const cli_opt opts[] = {{"--orgs", 1, S_ORGS},   {"--years", 1, S_YEARS}, {"--seed", 1, S_SEED},
                                   {"--out", 1, S_OUT},     {"--children-per-org", 1, S_CPO},
                                   {"--dirty", 0, S_DIRTY}, {"--story", 0, S_STORY}, {"--quiet", 0, S_QUIET},
                                   {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    carestat_synth_options o;
    carestat_synth_options_init(&o, CARESTAT_SYNTH_OPTIONS_VERSION);
    const char *out = NULL, *val;
    int quiet = 0, orgs_given = 0, id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        switch (id) {
        case -2: fputs(SYNTH_HELP, stdout); return CLI_OK;
        case 0: cli_usage_error(cmd, "unexpected argument '%s'", val);
        case S_ORGS:
            o.n_orgs = cli_int(cmd, "--orgs", val, 1, 999);
            orgs_given = 1;
            break;
        case S_YEARS:
            cli_years(cmd, "--years", val, &o.year_from, &o.year_to);
            if (o.year_from < 2000 || o.year_to > 2040 || o.year_to - o.year_from > 30)
                cli_usage_error(cmd, "bad value '%s' for --years: years 2000-2040, at most 31 of them", val);
            break;
        case S_SEED: o.seed = cli_u64(cmd, "--seed", val); break;
        case S_OUT: out = val; break;
        case S_CPO: o.children_per_org = cli_int(cmd, "--children-per-org", val, 10, 100000); break;
        case S_DIRTY: o.dirty = 1; break;
        case S_STORY: o.story = 1; break;
        case S_QUIET: quiet = 1; break;
        default: break;
        }
    }
    if (!out || !*out) cli_usage_error(cmd, "no output folder: give --out DIR");
    if (o.story && !orgs_given) o.n_orgs = 2;
    if (o.story && o.n_orgs < 2) cli_usage_error(cmd, "--story needs --orgs 2 or more");
    cli_progress("writing synthetic returns for %d council%s to %s", o.n_orgs, o.n_orgs == 1 ? "" : "s", out);
    carestat_synth_summary s;
    clock_t c0 = clock();
    int rc = carestat_synth_write_summary(&s, out, &o);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    cli_progress_done();
    if (rc) return cli_error(cmd, "cannot write to '%s': %s", out, carestat_strerror(rc));
    if (!quiet) {
        char code1[16], code2[16];
        carestat_synth_org_code(code1, sizeof code1, 0);
        carestat_synth_org_code(code2, sizeof code2, o.n_orgs - 1);
        printf("Wrote synthetic data for %d fictional council%s (%s%s%s), years %d-%02d to %d-%02d, seed %llu, to %s\n",
               o.n_orgs, o.n_orgs == 1 ? "" : "s", code1, o.n_orgs > 1 ? " to " : "", o.n_orgs > 1 ? code2 : "",
               o.year_from - 1, o.year_from % 100, o.year_to - 1, o.year_to % 100, (unsigned long long)o.seed, out);
        cli_table *t = cli_table_new(2);
        cli_table_cell(t, "table");
        cli_table_cell(t, "rows");
        cli_table_right(t, 1);
        const struct {
            const char *n;
            uint64_t v;
        } rows[] = {{"header (children)", s.children},   {"episodes", s.episodes},
                    {"OC3 (care leavers)", s.oc3},       {"social worker episodes", s.sw_episodes},
                    {"UASC", s.uasc},                    {"AD1", s.ad1},
                    {"placed for adoption", s.placed_adoption}, {"workforce records", s.workers}};
        for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
            char num[32];
            cli_fmt_number(num, sizeof num, (double)rows[i].v);
            cli_table_cell(t, rows[i].n);
            cli_table_cell(t, num);
        }
        cli_table_print(t, stdout, 2);
        cli_table_free(t);
        if (o.dirty) printf("Faults added (dirty mode): %llu\n", (unsigned long long)s.faults);
        printf("Took %.2f s. Next: carestat compute --orgs %s/orgs.csv --903 %s/%s --population %s/population.csv\n", secs,
               out, out, code1, out);
    }
    return CLI_OK;
}

/* ---- demo ---------------------------------------------------------------------------------------- */

static const char DEMO_HELP[] =
    "Usage: carestat demo [--seed S] [--years A:B] [--keep DIR]\n"
    "\n"
    "The main job on an embedded default: generate a fictional children's services trust delivering\n"
    "for two fictional councils (synthetic SSDA903 returns, workforce records, populations and a\n"
    "fictional Ofsted history), load it, compute the indicators by year with 95% intervals, assess\n"
    "the trend of each and benchmark it against England's published figures, and print a report.\n"
    "Nothing here is about real children or real councils.\n"
    "\n"
    "  --seed S       seed of the generator (default 2025)\n"
    "  --years A:B    reporting years (default 2020:2025, six years)\n"
    "  --keep DIR     write the generated data to DIR and keep it (default: a temporary folder, removed)\n";

/* England's published figures (DfE "Children looked after in England" 2025 release, revised series;
 * stability measures; CSWW 2025; see reference/domain.md section 5), used as the benchmark. */
typedef struct eng_row {
    const char *indicator;
    int year;
    double num, den, value;
} eng_row;

static const eng_row ENGLAND[] = {
    {"cla.starts.rate", 2021, 28470, 11787794, 24},  {"cla.starts.rate", 2022, 31100, 11762878, 26},
    {"cla.starts.rate", 2023, 33090, 11901267, 28},  {"cla.starts.rate", 2024, 33130, 12059476, 27},
    {"cla.starts.rate", 2025, 32270, 12183016, 26},  {"cla.looked_after.rate", 2021, 80780, 11787794, 69},
    {"cla.looked_after.rate", 2022, 82090, 11762878, 70}, {"cla.looked_after.rate", 2023, 83750, 11901267, 70},
    {"cla.looked_after.rate", 2024, 83530, 12059476, 69}, {"cla.looked_after.rate", 2025, 81770, 12183016, 67},
    {"cla.stability.placements3plus", 2021, 7400, 80780, 9},
    {"cla.stability.placements3plus", 2022, 8210, 82090, 10},
    {"cla.stability.placements3plus", 2023, 8850, 83750, 11},
    {"cla.stability.placements3plus", 2024, 8860, 83530, 11},
    {"cla.stability.placements3plus", 2025, 8500, 81770, 10},
    {"cla.kinship", 2024, 13660, 83530, NAN},
    {"cla.other_placements", 2021, 600, 80780, NAN},  {"cla.other_placements", 2022, 710, 82090, NAN},
    {"cla.other_placements", 2023, 1180, 83750, NAN}, {"cla.other_placements", 2024, 4020, 83530, NAN},
    {"cla.other_placements", 2025, 2050, 81770, NAN}, {"sw.changes3plus", 2024, 22140, 83300, 27},
    {"sw.changes3plus", 2025, 19900, 81770, 24},
    {"leavers.suitable_accommodation.19to21", 2025, 33810, 38190, 89},
    {"leavers.suitable_accommodation.17to18", 2025, 13380, 14750, 91},
    {"wf.turnover", 2021, NAN, NAN, 15.4}, {"wf.turnover", 2022, NAN, NAN, 17.2},
    {"wf.turnover", 2023, NAN, NAN, 15.9}, {"wf.turnover", 2024, NAN, NAN, 13.9},
    {"wf.turnover", 2025, 4276.3, 36186.3, 11.8}, {"wf.agency", 2021, NAN, NAN, 15.5},
    {"wf.agency", 2022, NAN, NAN, 17.6}, {"wf.agency", 2023, NAN, NAN, 17.9},
    {"wf.agency", 2024, NAN, NAN, 16.2}, {"wf.agency", 2025, 5415.9, 41602.2, 13.0},
};

static int add_england(carestat_table *t)
{
    for (size_t i = 0; i < sizeof ENGLAND / sizeof ENGLAND[0]; i++) {
        const eng_row *e = &ENGLAND[i];
        int unit = cli_indicator_unit(e->indicator);
        if (unit < 0) continue;
        carestat_observation o;
        memset(&o, 0, sizeof o);
        o.org_code = "E92000001";
        o.org_name = "England";
        o.indicator = e->indicator;
        int workforce = strncmp(e->indicator, "wf.", 3) == 0;
        if (workforce) carestat_period_year_to_september(&o.period_start, &o.period_end, e->year);
        else carestat_period_year_to_march(&o.period_start, &o.period_end, e->year);
        o.numerator = e->num;
        o.denominator = e->den;
        double mult = unit == CARESTAT_UNIT_RATE ? 1e4 : 100.0;
        o.value = !isnan(e->value) ? e->value : e->num / e->den * mult;
        /* the published value is rounded; keep the exact one where the counts are given */
        if (!isnan(e->num) && !isnan(e->den) && e->den > 0) o.value = e->num / e->den * mult;
        o.lower = o.upper = NAN;
        o.flags = 0;
        o.source = "DfE published (England)";
        if (carestat_table_append(t, &o)) return -1;
    }
    return 0;
}

/* Remove a folder the generator wrote (two levels: files and council folders of files). */
static void remove_tree(const char *path, int depth)
{
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *e;
    char p[4096];
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth < 3) remove_tree(p, depth + 1);
        } else unlink(p);
    }
    closedir(d);
    rmdir(path);
}

static const char *const DEMO_INDICATORS[] = {
    "cla.starts.rate",           "cla.looked_after.rate", "cla.stability.placements3plus",
    "cla.kinship",               "cla.other_placements",  "sw.changes3plus",
    "leavers.suitable_accommodation.19to21", "leavers.eet.19to21", "perm.adoption_days",
    "wf.turnover",               "wf.agency",             "wf.caseload"};

static void year_label(char *buf, size_t cap, carestat_date end)
{
    int y = 0, m = 0;
    carestat_date_to_ymd(end, &y, &m, NULL);
    if (m == 9) snprintf(buf, cap, "Sep %d", y);
    else snprintf(buf, cap, "%d-%02d", y - 1, y % 100);
}

/* "special_cause_improvement" -> "special cause improvement" (static buffer). */
static const char *human(const char *text)
{
    static char buf[128];
    size_t i = 0;
    for (; text[i] && i + 1 < sizeof buf; i++) buf[i] = text[i] == '_' ? ' ' : text[i];
    buf[i] = '\0';
    return buf;
}

/* One line per indicator: first and last year, trend, England. */
static void print_glance(const carestat_table *all, const carestat_dataset *ds, const char *org,
                         const char *const *inds, size_t ninds, const carestat_trend_options *to, int with_org)
{
    cli_table *t = cli_table_new(with_org ? 7 : 6);
    if (with_org) cli_table_cell(t, "organisation");
    const char *hdr[] = {"indicator", "first year", "latest year", "change", "recent trend", "vs England"};
    for (int i = 0; i < 6; i++) cli_table_cell(t, hdr[i]);
    cli_table_right(t, with_org ? 2 : 1);
    cli_table_right(t, with_org ? 3 : 2);
    for (size_t i = 0; i < ninds; i++) {
        carestat_table *s = NULL;
        if (carestat_table_series(&s, all, org, inds[i]) != CARESTAT_OK) continue;
        size_t n = carestat_table_count(s);
        carestat_series_report r;
        if (!n || carestat_series_analyse(&r, all, ds, org, inds[i], to) != CARESTAT_OK) {
            carestat_table_free(s);
            continue;
        }
        carestat_observation a, b;
        carestat_table_get(&a, s, 0);
        carestat_table_get(&b, s, n - 1);
        char va[48], vb[48], ya[16], yb[16], eng[96];
        cli_fmt_value(va, sizeof va, a.value, r.unit);
        cli_fmt_value(vb, sizeof vb, b.value, r.unit);
        year_label(ya, sizeof ya, a.period_end);
        year_label(yb, sizeof yb, b.period_end);
        if (!isnan(r.england_value)) {
            char ev[48];
            cli_fmt_value(ev, sizeof ev, r.england_value, r.unit);
            snprintf(eng, sizeof eng, "%s (%s)", carestat_series_report_text(&r, "vs_england"), ev);
        } else snprintf(eng, sizeof eng, "-");
        if (with_org) cli_table_cell(t, org);
        cli_table_cell(t, inds[i]);
        cli_table_cellf(t, "%s %s", va, ya);
        cli_table_cellf(t, "%s %s", vb, yb);
        if (!isnan(a.value) && !isnan(b.value)) cli_table_cellf(t, "%+.1f", b.value - a.value);
        else cli_table_cell(t, "-");
        cli_table_cell(t, carestat_series_report_text(&r, "trend"));
        cli_table_cell(t, eng);
        carestat_table_free(s);
    }
    cli_table_print(t, stdout, 2);
    cli_table_free(t);
}

static void print_block(const carestat_table *all, const carestat_dataset *ds, const char *org, const char *ind,
                        const carestat_trend_options *to)
{
    size_t idx;
    if (carestat_indicator_find(&idx, ind) != CARESTAT_OK) return;
    int unit = carestat_indicator_unit(idx);
    int pol = carestat_indicator_polarity(idx);
    carestat_table *s = NULL;
    if (carestat_table_series(&s, all, org, ind) != CARESTAT_OK) return;
    size_t n = carestat_table_count(s);
    if (!n) {
        carestat_table_free(s);
        return;
    }
    printf("%s (%s)\n", carestat_indicator_title(idx), ind);
    printf("  unit: %s%s\n", carestat_unit_text(unit),
           pol == CARESTAT_POLARITY_LOWER_BETTER ? "; lower is better"
                                                 : (pol == CARESTAT_POLARITY_HIGHER_BETTER ? "; higher is better" : ""));
    cli_table *t = cli_table_new(5);
    cli_table_cell(t, "year");
    cli_table_cell(t, "value");
    cli_table_cell(t, "95% interval");
    cli_table_cell(t, "numerator");
    cli_table_cell(t, "denominator");
    cli_table_right(t, 1);
    cli_table_right(t, 3);
    cli_table_right(t, 4);
    for (size_t i = 0; i < n; i++) {
        carestat_observation o;
        carestat_table_get(&o, s, i);
        char y[16], v[48], iv[48], nu[32], de[32];
        year_label(y, sizeof y, o.period_end);
        cli_fmt_value(v, sizeof v, o.value, unit);
        cli_fmt_interval(iv, sizeof iv, o.lower, o.upper, unit);
        cli_fmt_number(nu, sizeof nu, o.numerator);
        cli_fmt_number(de, sizeof de, o.denominator);
        cli_table_cell(t, y);
        cli_table_cell(t, v);
        cli_table_cell(t, iv);
        cli_table_cell(t, nu);
        cli_table_cell(t, de);
    }
    cli_table_print(t, stdout, 4);
    cli_table_free(t);
    carestat_table_free(s);
    carestat_series_report r;
    if (carestat_series_analyse(&r, all, ds, org, ind, to) == CARESTAT_OK) {
        const char *tr = carestat_series_report_text(&r, "trend");
        const char *ch = carestat_series_report_text(&r, "change");
        const char *spc = carestat_series_report_text(&r, "spc");
        printf("    Trend over the last %zu years: %s", r.points < 5 ? r.points : 5, *tr ? tr : "not assessed");
        if (r.has_previous) printf("; change from the year before: %+.1f (%s)", r.change, *ch ? ch : "not tested");
        printf("\n");
        if (*spc) printf("    SPC (XmR chart): %s\n", human(spc));
        if (!isnan(r.england_value)) {
            char ev[48];
            cli_fmt_value(ev, sizeof ev, r.england_value, unit);
            printf("    Against England (%s, published): %s\n", ev, carestat_series_report_text(&r, "vs_england"));
        } else printf("    Against England: no published figure for that year\n");
    }
    printf("\n");
}

int cmd_demo(int argc, char **argv)
{
    const char *cmd = "demo";
    static const cli_opt opts[] = {{"--seed", 1, S_SEED}, {"--years", 1, S_YEARS}, {"--keep", 1, S_KEEP}, {NULL, 0, 0}};
    cli_args a = {cmd, argc, argv, 0, 0};
    carestat_synth_options so;
    carestat_synth_options_init(&so, CARESTAT_SYNTH_OPTIONS_VERSION);
    so.n_orgs = 2;
    so.story = 1;
    so.seed = 2025;
    so.year_from = 2020;
    so.year_to = 2025;
    const char *keep = NULL, *val;
    int id;
    while ((id = cli_next(&a, opts, &val)) != -1) {
        switch (id) {
        case -2: fputs(DEMO_HELP, stdout); return CLI_OK;
        case 0: cli_usage_error(cmd, "unexpected argument '%s'", val);
        case S_SEED: so.seed = cli_u64(cmd, "--seed", val); break;
        case S_YEARS:
            cli_years(cmd, "--years", val, &so.year_from, &so.year_to);
            if (so.year_to - so.year_from < 1 || so.year_to - so.year_from > 30 || so.year_from < 2000 || so.year_to > 2040)
                cli_usage_error(cmd, "bad value '%s' for --years: 2 to 31 years within 2000-2040", val);
            break;
        case S_KEEP: keep = val; break;
        default: break;
        }
    }
    char dir[4096];
    if (keep) snprintf(dir, sizeof dir, "%s", keep);
    else {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/carestat-demo-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) return cli_error(cmd, "cannot create a temporary folder: %s", strerror(errno));
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cli_progress("generating the fictional trust's data");
    int rc = carestat_synth_write(dir, &so);
    if (rc) {
        cli_progress_done();
        if (!keep) remove_tree(dir, 0);
        return cli_error(cmd, "cannot generate the demo data in '%s': %s", dir, carestat_strerror(rc));
    }
    char p_orgs[4200], p_a[4200], p_b[4200], p_wf[4200], p_wfla[4200], p_pop[4200], p_insp[4200];
    snprintf(p_orgs, sizeof p_orgs, "%s/orgs.csv", dir);
    snprintf(p_a, sizeof p_a, "%s/SYN001", dir);
    snprintf(p_b, sizeof p_b, "%s/SYN002", dir);
    snprintf(p_wf, sizeof p_wf, "%s/workforce.csv", dir);
    snprintf(p_wfla, sizeof p_wfla, "%s/workforce_la.csv", dir);
    snprintf(p_pop, sizeof p_pop, "%s/population.csv", dir);
    snprintf(p_insp, sizeof p_insp, "%s/inspections.csv", dir);
    cli_inputs in;
    memset(&in, 0, sizeof in);
    in.orgs[in.norgs++] = p_orgs;
    in.d903[in.n903++] = p_a;
    in.d903[in.n903++] = p_b;
    in.workforce[in.nworkforce++] = p_wf;
    in.workforce_la[in.nworkforce_la++] = p_wfla;
    in.population[in.npopulation++] = p_pop;
    in.inspections = p_insp;
    cli_progress("loading");
    carestat_dataset *ds = NULL;
    int ret = cli_load(&ds, cmd, &in);
    cli_progress_done();
    if (ret != CLI_OK) {
        if (!keep) remove_tree(dir, 0);
        return ret;
    }
    const char *inds[sizeof DEMO_INDICATORS / sizeof DEMO_INDICATORS[0]];
    size_t ninds = 0;
    for (size_t i = 0; i < sizeof DEMO_INDICATORS / sizeof DEMO_INDICATORS[0]; i++) {
        size_t idx;
        if (carestat_indicator_find(&idx, DEMO_INDICATORS[i]) == CARESTAT_OK) inds[ninds++] = DEMO_INDICATORS[i];
    }
    const char *orgs[] = {"SYNT01", "SYN001", "SYN002"};
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.indicators = inds;
    req.n_indicators = ninds;
    req.orgs = orgs;
    req.n_orgs = 3;
    req.year_from = so.year_from;
    req.year_to = so.year_to;
    carestat_table *all = NULL, *computed = NULL;
    cli_progress("computing");
    rc = carestat_compute(&computed, ds, &req);
    cli_progress_done();
    if (rc) {
        const char *msg = carestat_dataset_errmsg(ds);
        ret = cli_error(cmd, "cannot compute: %s", msg && *msg ? msg : carestat_strerror(rc));
    } else if (carestat_table_new(&all) || carestat_table_append_table(all, computed) || add_england(all)) {
        ret = cli_error(cmd, "out of memory");
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    if (ret == CLI_OK) {
        uint64_t children = carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN);
        uint64_t episodes = carestat_dataset_903_count(ds, CARESTAT_903_EPISODES);
        size_t nerr = cli_diag_count(ds, CARESTAT_SEV_ERROR);
        char trust[96], c1[96], c2[96];
        carestat_synth_org_name(trust, sizeof trust, -1, 1);
        carestat_synth_org_name(c1, sizeof c1, 0, 1);
        carestat_synth_org_name(c2, sizeof c2, 1, 1);
        printf("carestat demo: a fictional children's services trust\n");
        printf("=====================================================\n\n");
        printf("Everything below is synthetic: fictional councils, children and inspections made by carestat's\n"
               "generator (seed %llu), calibrated to published England figures. England's figures are real\n"
               "(DfE, published).\n\n",
               (unsigned long long)so.seed);
        printf("%s (SYNT01) delivers children's services for %s (SYN001) and\n%s (SYN002).\n", trust, c1, c2);
        printf("Data: SSDA903 returns %d-%02d to %d-%02d (%llu children, %llu episodes), social work workforce\n"
               "census %d to %d, population estimates; loaded with %zu error%s; generated, loaded and computed in %.2f s.\n\n",
               so.year_from - 1, so.year_from % 100, so.year_to - 1, so.year_to % 100, (unsigned long long)children,
               (unsigned long long)episodes, so.year_from, so.year_to, nerr, nerr == 1 ? "" : "s", secs);
        printf("At a glance: the trust (both councils combined)\n");
        printf("-----------------------------------------------\n\n");
        carestat_trend_options tg;
        carestat_trend_options_init(&tg, CARESTAT_TREND_OPTIONS_VERSION);
        tg.continued = 0;
        print_glance(all, ds, "SYNT01", inds, ninds, &tg, 0);
        printf("\n");
        printf("Indicators for the trust (both councils combined), by year, with 95%% confidence intervals\n");
        printf("-------------------------------------------------------------------------------------------\n\n");
        carestat_trend_options to;
        carestat_trend_options_init(&to, CARESTAT_TREND_OPTIONS_VERSION);
        to.continued = 0;
        for (size_t i = 0; i < ninds; i++) print_block(all, ds, "SYNT01", inds[i], &to);

        for (size_t o = 1; o < 3; o++) {
            printf("At a glance: %s (%s)\n", o == 1 ? c1 : c2, orgs[o]);
            printf("------------------------------------------\n\n");
            print_glance(all, ds, orgs[o], inds, ninds, &to, 0);
            printf("\n");
        }

        printf("Ofsted inspections (fictional history)\n");
        printf("--------------------------------------\n\n");
        for (size_t o = 1; o < 3; o++) {
            printf("  %s (%s)\n", o == 1 ? c1 : c2, orgs[o]);
            if (cli_print_inspections(stdout, ds, orgs[o], FMT_TABLE, 4) != CARESTAT_OK)
                printf("    inspection history not available\n");
            printf("\n");
        }
        printf("Next: 'carestat synth --help' to make your own synthetic data, 'carestat compute --help' to\n"
               "run this on a real return, 'carestat published --help' for DfE's published tables.\n");
    }
    carestat_table_free(computed);
    carestat_table_free(all);
    carestat_dataset_free(ds);
    if (!keep) remove_tree(dir, 0);
    return ret;
}
