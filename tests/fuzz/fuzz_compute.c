/* Fuzz target: carestat_compute over fuzzed SSDA903 returns, population and workforce together.
 * Input: byte 0 picks the options (error mode, request: disclosure, counting rules, years,
 * organisations); the rest is up to four files separated by lines "#--": two SSDA903 CSV files (each
 * with its own header), a population CSV and a worker-level workforce CSV. Checks: every interval
 * contains its value, and a second compute on the same (immutable) dataset gives the same table. */
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one_input(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    carestat_dataset *ds = fz_dataset(opt);
    if (!ds) return 0;
    fz_part parts[4];
    size_t np = fz_split(parts, 4, data + 1, size - 1);
    char p903[2][256];
    size_t n903 = 0;
    for (size_t i = 0; i < np && i < 2; i++) {
        const char *p = fz_write(i ? "b.csv" : "a.csv", parts[i].data, parts[i].size);
        if (!p) break;
        snprintf(p903[n903++], sizeof p903[0], "%s", p);
    }
    if (n903) {
        const char *paths[2] = {p903[0], p903[1]};
        carestat_903_options o;
        if (carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION) != CARESTAT_OK) abort();
        if (opt & 4) o.org_code = "E06000061";
        int rc = carestat_dataset_load_903(ds, paths, n903, &o);
        (void)rc;
        fz_check(ds);
    }
    if (np > 2) {
        const char *p = fz_write("population.csv", parts[2].data, parts[2].size);
        if (p) (void)carestat_dataset_load_population(ds, p);
        fz_check(ds);
    }
    if (np > 3) {
        (void)carestat_dataset_load_workforce_memory(ds, "workers.csv", (const char *)parts[3].data, parts[3].size);
        fz_check(ds);
    }

    carestat_request req;
    if (carestat_request_init(&req, CARESTAT_REQUEST_VERSION) != CARESTAT_OK) abort();
    if (opt & 8) req.disclosure = CARESTAT_DISCLOSURE_DFE;
    req.rules = (opt >> 4) & 3; /* SPB only, count temporary */
    static const char *const ORGS[] = {"E06000061", "940", "E12000004", "England"};
    if (opt & 0x40) {
        req.orgs = ORGS;
        req.n_orgs = 4;
    }
    if (opt & 0x80) {
        req.year_from = 2019;
        req.year_to = 2021;
        req.level = 0.99;
    }
    carestat_table *t = NULL;
    int rc = carestat_compute(&t, ds, &req);
    if (rc != CARESTAT_OK && t) abort();
    if (t) {
        size_t n = carestat_table_count(t);
        for (size_t i = 0; i < n; i++) {
            carestat_observation ob;
            if (carestat_table_get(&ob, t, i) != CARESTAT_OK || !ob.org_code || !ob.indicator) abort();
            /* an interval, where there is one, contains its value */
            if (ob.lower == ob.lower && ob.upper == ob.upper && ob.value == ob.value &&
                (ob.lower > ob.value + 1e-9 || ob.upper < ob.value - 1e-9)) {
                fprintf(stderr, "fuzz: %s %s value %g outside [%g, %g]\n", ob.org_code, ob.indicator, ob.value,
                        ob.lower, ob.upper);
                abort();
            }
        }
        if (req.disclosure == CARESTAT_DISCLOSURE_DFE) fz_check_disclosure(t);
        /* the dataset is only read: computing again gives the same table, byte for byte */
        char *csv = NULL, *csv2 = NULL;
        size_t len = 0, len2 = 0;
        carestat_table *t2 = NULL;
        if (carestat_compute(&t2, ds, &req) != CARESTAT_OK && !fz_failing()) abort();
        if (carestat_table_to_csv(&csv, &len, t) == CARESTAT_OK &&
            carestat_table_to_csv(&csv2, &len2, t2) == CARESTAT_OK && (len != len2 || memcmp(csv, csv2, len) != 0)) {
            fprintf(stderr, "fuzz: a second carestat_compute on the same dataset differs\n");
            abort();
        }
        carestat_free(csv);
        carestat_free(csv2);
        carestat_table_free(t2);
    }
    carestat_table_free(t);
    carestat_dataset_free(ds);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_begin(data, size);
    int r = one_input(data, size);
    fz_end();
    return r;
}
