/* Compute children-in-care indicators from SSDA903 returns.
 *
 *   compute_cla [RETURN_FOLDER... ]
 *
 * With no arguments it writes synthetic returns for two fictional councils into a temporary folder
 * first (carestat_synth_write), so it runs anywhere. It loads the returns and the population
 * denominators, then asks for a few indicators for every council and year, with 95% intervals and
 * DfE's disclosure control, and prints the observation table as CSV. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carestat.h"

static int fail(carestat_dataset *ds, const char *what, int rc)
{
    fprintf(stderr, "%s: %s (%s)\n", what, carestat_strerror(rc), ds ? carestat_dataset_errmsg(ds) : "");
    carestat_dataset_free(ds);
    return 1;
}

int main(int argc, char **argv)
{
    char tmp[] = "/tmp/carestat-example-XXXXXX";
    char folders[2][128], pop[160];
    const char *paths[64];
    size_t npaths = 0;
    pop[0] = '\0';
    if (argc > 1) {
        for (int i = 1; i < argc && npaths < 64; i++) paths[npaths++] = argv[i];
    } else {
        /* synthetic returns: DIR/SYN001/, DIR/SYN002/ and DIR/population.csv */
        if (!mkdtemp(tmp)) return 1;
        carestat_synth_options so;
        carestat_synth_options_init(&so, CARESTAT_SYNTH_OPTIONS_VERSION);
        so.n_orgs = 2;
        if (carestat_synth_write(tmp, &so) != CARESTAT_OK) return 1;
        for (int i = 0; i < 2; i++) {
            char code[16];
            carestat_synth_org_code(code, sizeof code, i);
            snprintf(folders[i], sizeof folders[i], "%s/%s", tmp, code);
            paths[npaths++] = folders[i];
        }
        snprintf(pop, sizeof pop, "%s/population.csv", tmp);
    }

    carestat_dataset *ds = NULL;
    int rc = carestat_dataset_new(&ds, NULL);
    if (rc) return fail(NULL, "dataset", rc);
    rc = carestat_dataset_load_903(ds, paths, npaths, NULL); /* organisation: the folder name */
    if (rc) return fail(ds, "load_903", rc);
    if (pop[0] && (rc = carestat_dataset_load_population(ds, pop)) != CARESTAT_OK) return fail(ds, "population", rc);

    const char *ids[] = {"cla.looked_after", "cla.looked_after.rate", "cla.starts.rate",
                         "cla.stability.placements3plus", "cla.kinship", "sw.changes3plus"};
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.indicators = ids;
    req.n_indicators = sizeof ids / sizeof ids[0];
    req.disclosure = CARESTAT_DISCLOSURE_DFE; /* counts of 1-5 become "c" */
    carestat_table *t = NULL;
    rc = carestat_compute(&t, ds, &req);
    if (rc) return fail(ds, "compute", rc);

    char *csv = NULL;
    if (carestat_table_to_csv(&csv, NULL, t) == CARESTAT_OK) fputs(csv, stdout);
    carestat_free(csv);
    carestat_table_free(t);
    carestat_dataset_free(ds);
    if (argc <= 1) {
        char cmd[200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmp);
    }
    return 0;
}
