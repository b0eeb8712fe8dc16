/* Allocation failure across a whole job: load an SSDA903 return, a population file, workforce
 * records, a published table and an Ofsted history, compute every indicator, analyse a series and
 * write CSV and JSON, with the Nth allocation failing, for every N up to the number the job makes.
 * Each run must end with CARESTAT_ENOMEM, or succeed with the diagnostic it could not store counted
 * by carestat_dataset_diagnostics_dropped() (or succeed when N is past the end), with no crash and no
 * leak (the sanitizer and valgrind runs check leaks). CARESTAT_ALLOCFAIL_STRIDE=k tries every k-th N
 * only (used under valgrind, where the full sweep is slow). */
#include "testutil.h"

#include "carestat.h"

static char g_dir[4096];
static uint64_t g_dropped; /* diagnostics the job could not store (counted by the dataset) */

/* The job; returns the first failing status or CARESTAT_OK. */
static int job(void)
{
    char p[4300], pop[4300], wf[4300];
    snprintf(p, sizeof p, "%s/SYN001", g_dir);
    snprintf(pop, sizeof pop, "%s/population.csv", g_dir);
    snprintf(wf, sizeof wf, "%s/workforce.csv", g_dir);
    const char *paths[1] = {p};
    carestat_dataset *ds = NULL;
    carestat_table *t = NULL;
    char *csv = NULL, *json = NULL, *trend = NULL;
    int rc = carestat_dataset_new(&ds, NULL);
    if (!rc) rc = carestat_dataset_load_903(ds, paths, 1, NULL);
    if (!rc) rc = carestat_dataset_load_population(ds, pop);
    if (!rc) rc = carestat_dataset_load_workforce(ds, wf);
    const char *insp = getenv("CARESTAT_ALLOCFAIL_OFSTED");
    if (!rc && insp) rc = carestat_dataset_load_inspections(ds, insp);
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION);
    rq.disclosure = CARESTAT_DISCLOSURE_DFE;
    if (!rc) rc = carestat_compute(&t, ds, &rq);
    if (!rc) rc = carestat_table_to_csv(&csv, NULL, t);
    if (!rc) rc = carestat_table_to_json(&json, NULL, t);
    const char *orgs[1] = {"SYN001"};
    const char *ids[2] = {"cla.looked_after.rate", "wf.turnover"};
    if (!rc) rc = carestat_trend_csv(&trend, NULL, t, ds, orgs, 1, ids, 2, NULL);
    carestat_free(csv);
    carestat_free(json);
    carestat_free(trend);
    carestat_table_free(t);
    g_dropped = carestat_dataset_diagnostics_dropped(ds);
    carestat_dataset_free(ds);
    return rc;
}

static void test_sweep(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "%s", cs_test_tmpdir());
    carestat_synth_options so;
    carestat_synth_options_init(&so, CARESTAT_SYNTH_OPTIONS_VERSION);
    so.n_orgs = 1;
    so.year_from = 2023;
    so.year_to = 2025;
    so.children_per_org = 12;
    so.seed = 5;
    assert_int_equal(carestat_synth_write(g_dir, &so), CARESTAT_OK);

    /* count the allocations of a successful run */
    cs_test_failing count = {0, 0, 0};
    carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &count};
    assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
    int rc = job();
    carestat_set_allocator(NULL);
    assert_int_equal(rc, CARESTAT_OK);
    long total = count.n;
    assert_true(total > 100);

    long stride = 1;
    const char *s = getenv("CARESTAT_ALLOCFAIL_STRIDE");
    if (s && atol(s) > 1) stride = atol(s);
    long runs = 0, enomem = 0, dropped_ok = 0;
    for (long n = 1; n <= total; n += stride) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator fa = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        carestat_set_allocator(&fa);
        rc = job();
        carestat_set_allocator(NULL);
        runs++;
        if (f.failed == 0) {
            /* the job took another path this time and finished before the Nth allocation */
            assert_int_equal(rc, CARESTAT_OK);
            continue;
        }
        if (rc == CARESTAT_OK && g_dropped > 0) {
            /* the failed allocation was a diagnostic's: the job carried on and reports it as dropped */
            dropped_ok++;
            continue;
        }
        if (rc != CARESTAT_ENOMEM) {
            print_error("allocation %ld of %ld failed: the job returned %s, not CARESTAT_ENOMEM\n", n, total,
                        carestat_status_name(rc));
            fail();
        }
        enomem++;
    }
    print_message("allocfail: %ld allocations in the job, %ld failure points tried, %ld gave CARESTAT_ENOMEM, "
                  "%ld lost only a diagnostic (counted as dropped)\n",
                  total, runs, enomem, dropped_ok);
    assert_true(enomem > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
