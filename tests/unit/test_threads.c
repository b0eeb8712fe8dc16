/* Thread safety: once loaded, a dataset is only read. Several threads computing every indicator
 * and analysing series from one dataset at once must get results identical to a single-threaded
 * run. CI runs this under ThreadSanitizer (tools/dev.sh tsan). */
#include "testutil.h"

#include <pthread.h>

#include "carestat.h"

#define NTHREADS 4

typedef struct job {
    const carestat_dataset *ds;
    char *csv;          /* the computed table as CSV */
    char *trend;        /* series reports for every org x a few indicators */
    int rc;
} job;

static const char *const TREND_IDS[] = {"cla.looked_after.rate", "cla.starts.rate", "cla.stability.placements3plus",
                                        "wf.turnover"};

static void *run(void *arg)
{
    job *j = arg;
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION);
    carestat_table *t = NULL;
    j->rc = carestat_compute(&t, j->ds, &rq);
    if (j->rc) return NULL;
    j->rc = carestat_table_to_csv(&j->csv, NULL, t);
    if (!j->rc) {
        const char *orgs[2] = {"SYN001", "SYN002"};
        j->rc = carestat_trend_csv(&j->trend, NULL, t, j->ds, orgs, 2, TREND_IDS, 4, NULL);
    }
    carestat_table_free(t);
    return NULL;
}

static void test_concurrent_compute(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    carestat_synth_options so;
    carestat_synth_options_init(&so, CARESTAT_SYNTH_OPTIONS_VERSION);
    so.n_orgs = 2;
    so.year_from = 2020;
    so.year_to = 2025;
    so.seed = 42;
    so.children_per_org = 150;
    assert_int_equal(carestat_synth_write(dir, &so), CARESTAT_OK);

    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    char p1[4200], p2[4200], pop[4200], wf[4200];
    snprintf(p1, sizeof p1, "%s/SYN001", dir);
    snprintf(p2, sizeof p2, "%s/SYN002", dir);
    snprintf(pop, sizeof pop, "%s/population.csv", dir);
    snprintf(wf, sizeof wf, "%s/workforce.csv", dir);
    const char *paths[2] = {p1, p2};
    assert_int_equal(carestat_dataset_load_903(ds, paths, 2, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_population(ds, pop), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce(ds, wf), CARESTAT_OK);

    job ref = {ds, NULL, NULL, 0};
    run(&ref);
    assert_int_equal(ref.rc, CARESTAT_OK);
    assert_true(strlen(ref.csv) > 1000);
    assert_non_null(strstr(ref.csv, "SYN002,"));

    job jobs[NTHREADS];
    pthread_t th[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        jobs[i] = (job){ds, NULL, NULL, 0};
        assert_int_equal(pthread_create(&th[i], NULL, run, &jobs[i]), 0);
    }
    for (int i = 0; i < NTHREADS; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < NTHREADS; i++) {
        assert_int_equal(jobs[i].rc, CARESTAT_OK);
        assert_string_equal(jobs[i].csv, ref.csv);
        assert_string_equal(jobs[i].trend, ref.trend);
        carestat_free(jobs[i].csv);
        carestat_free(jobs[i].trend);
    }
    print_message("threads: %d threads computed %zu bytes of identical CSV\n", NTHREADS, strlen(ref.csv));
    carestat_free(ref.csv);
    carestat_free(ref.trend);
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_concurrent_compute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
