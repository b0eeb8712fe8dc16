/* Test driver: load SSDA903 files as one return of organisation SYN for a collection year and print
 * the computed children-in-care indicators for that year as CSV (stdout).
 *   indicators_synth_driver YEAR FILE...                                                      */
#include <stdio.h>
#include <stdlib.h>

#include "carestat.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s YEAR FILE...\n", argv[0]);
        return 2;
    }
    int year = atoi(argv[1]);
    carestat_dataset *ds = NULL;
    if (carestat_dataset_new(&ds, NULL)) return 1;
    carestat_903_options o;
    carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION);
    o.org_code = "SYN";
    o.collection_year = year;
    int rc = carestat_dataset_load_903(ds, (const char *const *)(argv + 2), (size_t)(argc - 2), &o);
    if (rc) {
        fprintf(stderr, "load: %s\n", carestat_dataset_errmsg(ds));
        carestat_dataset_free(ds);
        return 1;
    }
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.year_from = req.year_to = year;
    carestat_table *t = NULL;
    rc = carestat_compute(&t, ds, &req);
    if (rc) {
        fprintf(stderr, "compute: %s\n", carestat_strerror(rc));
        carestat_dataset_free(ds);
        return 1;
    }
    char *csv = NULL;
    if (carestat_table_to_csv(&csv, NULL, t) == CARESTAT_OK) fputs(csv, stdout);
    carestat_free(csv);
    carestat_table_free(t);
    carestat_dataset_free(ds);
    return 0;
}
