/* carestat command: loading inputs into a dataset. */
#include "load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char CLI_INPUTS_HELP[] =
    "Inputs:\n"
    "  --903 [ORG=]DIR        an SSDA903 return: a folder of CSV tables (or one file); ORG is the council's\n"
    "                         code, by default the folder's name. Codes not in the built-in registry are\n"
    "                         accepted as user-defined organisations. Repeat for several councils.\n"
    "  --workforce FILE       worker-level workforce census records (docs/workforce.md)\n"
    "  --workforce-la FILE    LA-level workforce figures (vacancies, agency)\n"
    "  --population FILE      0-17 population: DfE's ONS file or a CSV org,year,population\n"
    "  --published FILE       a DfE published table, read into observations (repeatable)\n"
    "  --orgs FILE            organisations to define: CSV code,name,kind,delivered_by (as 'carestat synth' writes)\n"
    "  --neighbours FILE      DfE statistical neighbour groupings\n"
    "  --inspections FILE     Ofsted outcomes (ILACS inspection history layout)\n"
    "  --errors keep|drop|stop  rows with errors: keep them (default), drop them, or stop loading\n"
    "  --collection-year YEAR collection year of every SSDA903 file (2025 = 2024-25), overriding YEAR columns;\n"
    "                         default: a YEAR column, else inferred from the dates and file names\n"
    "\n";

static int add(const char *cmd, const char **arr, size_t *n, size_t cap, const char *val, const char *opt)
{
    if (*n >= cap) cli_usage_error(cmd, "too many %s options (at most %zu)", opt, cap);
    if (!*val) cli_usage_error(cmd, "empty value for %s", opt);
    arr[(*n)++] = val;
    return 1;
}

int cli_inputs_opt(const char *cmd, cli_inputs *in, int id, const char *val)
{
    switch (id) {
    case OPT_903: return add(cmd, in->d903, &in->n903, CLI_MAX_INPUTS, val, "--903");
    case OPT_WORKFORCE: return add(cmd, in->workforce, &in->nworkforce, 16, val, "--workforce");
    case OPT_WORKFORCE_LA: return add(cmd, in->workforce_la, &in->nworkforce_la, 16, val, "--workforce-la");
    case OPT_POPULATION: return add(cmd, in->population, &in->npopulation, 16, val, "--population");
    case OPT_PUBLISHED_IN: return add(cmd, in->published, &in->npublished, 16, val, "--published");
    case OPT_ORGS: return add(cmd, in->orgs, &in->norgs, 8, val, "--orgs");
    case OPT_NEIGHBOURS: in->neighbours = val; return 1;
    case OPT_COLLECTION_YEAR: in->collection_year = cli_int(cmd, "--collection-year", val, 1990, 2100); return 1;
    case OPT_INSPECTIONS_IN: in->inspections = val; return 1;
    case OPT_ERRORS:
        if (strcmp(val, "keep") == 0) in->error_mode = CARESTAT_ROWS_KEEP;
        else if (strcmp(val, "drop") == 0) in->error_mode = CARESTAT_ROWS_DROP;
        else if (strcmp(val, "stop") == 0) in->error_mode = CARESTAT_ROWS_STOP;
        else cli_usage_error(cmd, "bad value '%s' for --errors: expected keep, drop or stop", val);
        return 1;
    default: return 0;
    }
}

void cli_print_org_notes(const char *cmd, const carestat_dataset *ds)
{
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    size_t n = l ? carestat_diag_list_count(l) : 0;
    const char *seen[64];
    size_t nseen = 0;
    int more = 0;
    for (size_t i = 0; i < n; i++) {
        const carestat_diag *d = carestat_diag_list_get(l, i);
        size_t lc = strlen(d->code);
        if (lc < 17 || strcmp(d->code + lc - 17, "_ORG_USER_DEFINED") != 0) continue;
        int dup = 0;
        for (size_t k = 0; k < nseen && !dup; k++) dup = strcmp(seen[k], d->message) == 0;
        if (dup) continue;
        if (nseen == 64) { /* nseen never exceeds the array */
            if (!more) fprintf(stderr, "carestat %s: note: more user-defined organisations not listed\n", cmd);
            more = 1;
            continue;
        }
        seen[nseen++] = d->message;
        fprintf(stderr, "carestat %s: note: %s\n", cmd, d->message);
    }
}

size_t cli_diag_count(const carestat_dataset *ds, int severity)
{
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    return l ? carestat_diag_list_count_at_least(l, (carestat_severity)severity) : 0;
}

static int fail_ds(carestat_dataset **ds, const char *cmd, const char *what, const char *path, int rc)
{
    const char *msg = carestat_dataset_errmsg(*ds);
    cli_error(cmd, "cannot load %s '%s': %s", what, path, msg && *msg ? msg : carestat_strerror(rc));
    carestat_dataset_free(*ds);
    *ds = NULL;
    return CLI_FAIL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ')) s[--n] = '\0';
    return s;
}

int cli_load_orgs(carestat_dataset *ds, const char *cmd, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return cli_error(cmd, "cannot read '%s': %s", path, strerror(errno));
    char line[1024];
    int lineno = 0, rc = CLI_OK;
    struct {
        char council[64], trust[64];
    } links[1024];
    size_t nlinks = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            rc = cli_error(cmd, "%s:%d: line too long (more than %zu bytes)", path, lineno, sizeof line - 2);
            break;
        }
        if (lineno == 1) { /* header */
            char *h = trim(line);
            if (strncmp(h, "\xEF\xBB\xBF", 3) == 0) h += 3;
            if (strncmp(h, "code,name", 9) != 0) {
                rc = cli_error(cmd, "'%s' is not an organisations file (expected the header code,name,kind,delivered_by)",
                               path);
                break;
            }
            continue;
        }
        char *fields[4] = {NULL, NULL, NULL, NULL};
        char *p = trim(line);
        if (!*p) continue;
        for (int k = 0; k < 4; k++) {
            fields[k] = p;
            char *c = strchr(p, ',');
            if (!c) {
                p = p + strlen(p);
                for (int j = k + 1; j < 4; j++) fields[j] = p;
                break;
            }
            *c = '\0';
            p = c + 1;
        }
        carestat_org o;
        memset(&o, 0, sizeof o);
        o.code = trim(fields[0]);
        o.name = trim(fields[1]);
        o.la_code = "";
        o.region_code = "";
        o.start = CARESTAT_DATE_NONE;
        o.end = CARESTAT_DATE_NONE;
        o.user_defined = 1;
        const char *kind = trim(fields[2]);
        o.kind = strcmp(kind, "trust") == 0 ? CARESTAT_ORG_TRUST : CARESTAT_ORG_COUNCIL;
        int r = carestat_dataset_org_add(ds, &o);
        if (r) {
            rc = cli_error(cmd, "%s:%d: cannot add organisation '%s': %s", path, lineno, o.code, carestat_strerror(r));
            break;
        }
        const char *by = trim(fields[3]);
        if (*by && nlinks < sizeof links / sizeof links[0]) {
            snprintf(links[nlinks].council, sizeof links[nlinks].council, "%s", o.code);
            snprintf(links[nlinks].trust, sizeof links[nlinks].trust, "%s", by);
            nlinks++;
        }
    }
    fclose(f);
    for (size_t i = 0; i < nlinks && rc == CLI_OK; i++) {
        carestat_trust_delivery d;
        d.trust_code = links[i].trust;
        d.council_code = links[i].council;
        d.start = CARESTAT_DATE_NONE;
        d.end = CARESTAT_DATE_NONE;
        int r = carestat_dataset_trust_add_council(ds, &d);
        if (r) rc = cli_error(cmd, "%s: cannot record that %s delivers for %s: %s", path, d.trust_code,
                              d.council_code, carestat_strerror(r));
    }
    return rc;
}

int cli_load(carestat_dataset **out, const char *cmd, const cli_inputs *in)
{
    *out = NULL;
    carestat_dataset_options o;
    carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION);
    o.error_mode = (carestat_error_mode)in->error_mode;
    carestat_dataset *ds = NULL;
    int rc = carestat_dataset_new(&ds, &o);
    if (rc) return cli_error(cmd, "cannot create a dataset: %s", carestat_strerror(rc));
    *out = ds;
    for (size_t i = 0; i < in->norgs; i++)
        if (cli_load_orgs(ds, cmd, in->orgs[i]) != CLI_OK) {
            carestat_dataset_free(ds);
            *out = NULL;
            return CLI_FAIL;
        }
    /* consecutive paths without ORG= are loaded in one call (each folder's name is its council) */
    for (size_t i = 0; i < in->n903;) {
        char org[128] = "";
        const char *paths[CLI_MAX_INPUTS];
        size_t np = 0;
        for (; i < in->n903; i++) {
            const char *spec = in->d903[i], *path = spec;
            const char *eq = strchr(spec, '=');
            char oc[128] = "";
            /* ORG=DIR, unless the '=' is part of a path (a '/' before it) */
            if (eq && (size_t)(eq - spec) < sizeof oc && !memchr(spec, '/', (size_t)(eq - spec))) {
                memcpy(oc, spec, (size_t)(eq - spec));
                oc[eq - spec] = '\0';
                path = eq + 1;
                if (!*oc || !*path) cli_usage_error(cmd, "bad value '%s' for --903: expected [ORG=]DIR", spec);
            }
            if (*oc) {
                if (np) break; /* load the group so far first */
                memcpy(org, oc, sizeof org);
                paths[np++] = path;
                i++;
                break;
            }
            paths[np++] = path;
        }
        carestat_903_options po;
        carestat_903_options_init(&po, CARESTAT_903_OPTIONS_VERSION);
        po.org_code = *org ? org : NULL;
        po.collection_year = in->collection_year;
        cli_progress("loading %zu SSDA903 source%s (%zu of %zu)", np, np == 1 ? "" : "s", i, in->n903);
        rc = carestat_dataset_load_903(ds, paths, np, &po);
        if (rc) {
            cli_progress_done();
            return fail_ds(out, cmd, np == 1 ? "SSDA903 return" : "SSDA903 returns", np == 1 ? paths[0] : paths[0], rc);
        }
    }
    cli_progress_done();
    for (size_t i = 0; i < in->nworkforce; i++)
        if ((rc = carestat_dataset_load_workforce(ds, in->workforce[i])))
            return fail_ds(out, cmd, "workforce records", in->workforce[i], rc);
    for (size_t i = 0; i < in->nworkforce_la; i++)
        if ((rc = carestat_dataset_load_workforce_la(ds, in->workforce_la[i])))
            return fail_ds(out, cmd, "LA-level workforce figures", in->workforce_la[i], rc);
    for (size_t i = 0; i < in->npopulation; i++)
        if ((rc = carestat_dataset_load_population(ds, in->population[i])))
            return fail_ds(out, cmd, "population file", in->population[i], rc);
    for (size_t i = 0; i < in->npublished; i++)
        if ((rc = carestat_dataset_load_published(ds, in->published[i], NULL)))
            return fail_ds(out, cmd, "published file", in->published[i], rc);
    if (in->neighbours && (rc = carestat_dataset_load_neighbours(ds, in->neighbours)))
        return fail_ds(out, cmd, "statistical neighbours", in->neighbours, rc);
    if (in->inspections && (rc = carestat_dataset_load_inspections(ds, in->inspections)))
        return fail_ds(out, cmd, "inspections file", in->inspections, rc);
    return CLI_OK;
}
