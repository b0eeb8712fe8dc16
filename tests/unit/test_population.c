/* Population denominators: the DfE EES file, the plain org,year,population layout, bad rows,
 * the mid-year rule, and the denominators of the published CLA rates. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/diag.h"
#include "carestat/population.h"
#include "io/csv.h"

static carestat_dataset *new_ds(void)
{
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    return ds;
}

static void test_midyear_rule(void **state)
{
    (void)state;
    /* DfE: the rate for the year ending 31 March 2025 uses mid-2024 */
    assert_int_equal(carestat_population_midyear_for(2025), 2024);
    assert_int_equal(carestat_population_midyear_for(2022), 2021);
}

static void test_plain_layout(void **state)
{
    (void)state;
    carestat_dataset *ds = new_ds();
    const char *p = cs_test_write_file("pop.csv", "org,year,population\n"
                                                  "E06000061,2024,83113\n"
                                                  "XYZ,2023,\"1,250\"\n"
                                                  "XYZ,2024,1300.5\n"
                                                  "XYZ,20x4,1\n"
                                                  "XYZ,2022,-5\n"
                                                  ",2022,10\n"
                                                  "ABC,2022,x\n");
    assert_int_equal(carestat_dataset_load_population(ds, p), CARESTAT_OK);
    double v = 0;
    assert_int_equal(carestat_dataset_population(&v, ds, "E06000061", 2024), CARESTAT_OK);
    assert_near(v, 83113, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "xyz", 2023), CARESTAT_OK); /* case-insensitive */
    assert_near(v, 1250, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "XYZ", 2024), CARESTAT_OK);
    assert_near(v, 1300.5, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "XYZ", 2021), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_dataset_population(&v, ds, "ABC", 2022), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_dataset_population(NULL, ds, "XYZ", 2024), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_population(&v, ds, NULL, 2024), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_population_count(ds), 3);
    /* 7 rows read = 3 accepted + 4 rejected (bad year, negative, no org, 'x'), each with a diagnostic */
    carestat_load_summary sum;
    assert_int_equal(carestat_dataset_load_summary_count(ds), 1);
    assert_int_equal(carestat_dataset_load_summary(&sum, ds, 0), CARESTAT_OK);
    assert_string_equal(sum.table, "population");
    assert_int_equal(sum.rows_read, 7);
    assert_int_equal(sum.rows_accepted, 3);
    assert_int_equal(sum.rows_rejected, 4);
    assert_true(cs_test_count_diags(ds, "POP_BAD_YEAR", NULL, -1, -1));
    assert_true(cs_test_count_diags(ds, "POP_BAD_NUMBER", NULL, -1, -1));
    assert_true(cs_test_count_diags(ds, "POP_NO_ORG", NULL, -1, -1));
    assert_true(cs_test_count_diags(ds, "POP_NOT_AVAILABLE", NULL, -1, -1));

    /* a later load replaces the earlier value for the same org and mid-year */
    const char *p2 = cs_test_write_file("pop2.csv", "ORG,Year,Population\r\nXYZ,2023,1251\r\n");
    assert_int_equal(carestat_dataset_load_population(ds, p2), CARESTAT_OK);
    assert_int_equal(carestat_dataset_population(&v, ds, "XYZ", 2023), CARESTAT_OK);
    assert_near(v, 1251, 0);
    carestat_dataset_free(ds);
}

static void test_bad_files(void **state)
{
    (void)state;
    carestat_dataset *ds = new_ds();
    const char *p = cs_test_write_file("notpop.csv", "a,b,c\n1,2,3\n");
    assert_int_equal(carestat_dataset_load_population(ds, p), CARESTAT_EPARSE);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "not a population file"));
    assert_int_equal(carestat_dataset_load_population(ds, "/nonexistent/pop.csv"), CARESTAT_EIO);
    const char *e = cs_test_write_file("empty.csv", "");
    assert_int_equal(carestat_dataset_load_population(ds, e), CARESTAT_EPARSE);
    assert_int_equal(carestat_dataset_load_population(NULL, p), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_load_population(ds, NULL), CARESTAT_EINVAL);
    carestat_dataset_free(ds);

    /* stop mode: the first bad row stops the load */
    carestat_dataset_options o;
    carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION);
    o.error_mode = CARESTAT_ROWS_STOP;
    assert_int_equal(carestat_dataset_new(&ds, &o), CARESTAT_OK);
    const char *b = cs_test_write_file("bad.csv", "org,year,population\nA,2020,1\nA,2021,abc\nA,2022,3\n");
    assert_int_equal(carestat_dataset_load_population(ds, b), CARESTAT_EPARSE);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), ":3:3"));
    carestat_dataset_free(ds);
}

static void test_dfe_file(void **state)
{
    (void)state;
    const char *p = cs_test_shared("data/dfe_ees/ons_mid-year_population_estimates_2012_to_2024.csv");
    if (!p) return;
    carestat_dataset *ds = new_ds();
    assert_int_equal(carestat_dataset_load_population(ds, p), CARESTAT_OK);
    carestat_load_summary sum;
    assert_int_equal(carestat_dataset_load_summary(&sum, ds, 0), CARESTAT_OK);
    /* 2132 data rows; the rejected ones are 'x' (not available) and carry a diagnostic */
    assert_int_equal(sum.rows_read, 2132);
    assert_int_equal(sum.rows_read, sum.rows_accepted + sum.rows_rejected);
    assert_true(sum.rows_rejected > 0);
    assert_true(cs_test_count_diags(ds, "POP_NOT_AVAILABLE", NULL, -1, -1));
    double v;
    /* values from the file (domain.md 5.8): NN mid-2024 83113, WN 96295, England 12183016 */
    assert_int_equal(carestat_dataset_population(&v, ds, "E06000061", 2024), CARESTAT_OK);
    assert_near(v, 83113, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "941", 2024), CARESTAT_OK); /* 3-digit code */
    assert_near(v, 96295, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "West Northamptonshire", 2021), CARESTAT_OK);
    assert_near(v, 92050, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "E92000001", 2024), CARESTAT_OK);
    assert_near(v, 12183016, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "England", 2024), CARESTAT_OK);
    assert_near(v, 12183016, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "E10000021", 2020), CARESTAT_OK); /* Northamptonshire */
    assert_near(v, 170287, 0);
    assert_int_equal(carestat_dataset_population(&v, ds, "E06000061", 2019), CARESTAT_ENOTFOUND);
    carestat_dataset_free(ds);
}

/* Every local authority row of the published CLA rates file uses, as its population_estimate, the
 * estimate of the previous mid-year from the ONS file: checks the loader and the mid-year rule. */
static void test_published_denominators(void **state)
{
    (void)state;
    const char *pp = cs_test_shared("data/dfe_ees/ons_mid-year_population_estimates_2012_to_2024.csv");
    if (!pp) return;
    carestat_dataset *ds = new_ds();
    assert_int_equal(carestat_dataset_load_population(ds, pp), CARESTAT_OK);
    const char *cp = cs_test_shared("data/dfe_ees/cla_number_and_rate_per_10k_children.csv");
    cs_csv *r = NULL;
    assert_int_equal(cs_csv_open(&r, cp, NULL, NULL), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    static const cs_csv_col cols[] = {{"time_period", 1}, {"geographic_level", 1}, {"new_la_code", 1},
                                      {"region_code", 1}, {"population_estimate", 1}};
    int idx[5];
    assert_int_equal(cs_csv_map_header(r, cols, 5, idx, 0, NULL), CARESTAT_OK);
    int la = 0, la_match = 0, la_na = 0, other = 0, other_match = 0;
    while (cs_csv_next(r) == 1) {
        size_t l;
        int year = atoi(cs_csv_field(r, (size_t)idx[0], &l));
        const char *lvl = cs_csv_field(r, (size_t)idx[1], &l);
        const char *code = strcmp(lvl, "Local authority") == 0 ? cs_csv_field(r, (size_t)idx[2], &l)
                         : strcmp(lvl, "Regional") == 0        ? cs_csv_field(r, (size_t)idx[3], &l)
                                                               : "E92000001";
        const char *pe = cs_csv_field(r, (size_t)idx[4], &l);
        double v;
        int found = carestat_dataset_population(&v, ds, code, carestat_population_midyear_for(year)) == CARESTAT_OK;
        if (strcmp(lvl, "Local authority") == 0) {
            if (pe[0] == 'x' || pe[0] == 'z') {
                la_na++;
                continue;
            }
            la++;
            if (found && v == atof(pe)) la_match++;
            else fprintf(stderr, "LA mismatch %d %s %s\n", year, code, pe);
        } else {
            other++;
            if (found && v == atof(pe)) other_match++;
        }
    }
    cs_csv_close(r);
    /* 835 LA rows x ... : every LA row with a population matches */
    assert_true(la > 2000);
    assert_int_equal(la_match, la);
    assert_int_equal(other_match, other);
    fprintf(stderr, "population denominators: %d/%d LA rows, %d/%d national+regional rows match (%d LA rows z/x)\n",
            la_match, la, other_match, other, la_na);
    carestat_dataset_free(ds);
}

/* Fail each allocation of a load in turn: ENOMEM, never a crash or a leak (ASan). */
static void test_allocation_failures(void **state)
{
    (void)state;
    const char *p = cs_test_write_file("popf.csv", "org,year,population\nA,2020,1\nB,2020,2\nC,2021,3\n");
    for (long n = 1;; n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_dataset *ds = NULL;
        int rc = carestat_dataset_new(&ds, NULL);
        if (rc == CARESTAT_OK) rc = carestat_dataset_load_population(ds, p);
        double v = 0;
        if (rc == CARESTAT_OK) rc = carestat_dataset_population(&v, ds, "C", 2021);
        carestat_dataset_free(ds);
        carestat_set_allocator(NULL);
        if (rc == CARESTAT_OK) {
            assert_near(v, 3, 0);
            break;
        }
        assert_int_equal(rc, CARESTAT_ENOMEM);
        assert_true(n < 10000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_midyear_rule),
        cmocka_unit_test(test_plain_layout),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_dfe_file),
        cmocka_unit_test(test_published_denominators),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
