/* The workforce formulae (workforce.h) against DfE's published LA-level CSWW files: from the
 * published counts, each rate rounded half-up to 1 dp must be within 0.1 of the published rate for at
 * least 95% of council rows. Prints the match count per rate and lists every miss.
 *
 * Three files with two column layouts: csww_indicators_2017_to_2025.csv (current edition, the file the
 * issue names), the 2024 edition (same columns), and csww_headline_measures_2017_to_2022.csv (older
 * names: social_worker_fte, leaver_fte, turnover_rate_fte_%, ...). */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "carestat/workforce.h"
#include "io/csv.h"
#include "workforce/wf_internal.h"

enum { P_YEAR, P_LEVEL, P_NAME, P_INPOST, P_LEAVERS, P_TURN, P_AGENCY, P_AGRATE, P_VAC, P_VACRATE, P_CASEHOLD,
       P_CASES, P_CASELOAD, P_DAYS, P_ABSRATE, P_NCOLS };

static const cs_csv_col k_cols[P_NCOLS] = {
    {"time_period", 1},
    {"geographic_level", 1},
    {"la_name", 1},
    {"inpost_fte|social_worker_fte", 1},
    {"leavers_fte|leaver_fte", 1},
    {"turnover_rate_fte|turnover_rate_fte_%", 1},
    {"agency_fte", 1},
    {"agency_rate_fte|agency_worker_rate_fte_%", 1},
    {"vacancy_fte", 1},
    {"vacancy_rate_fte|vacancy_rate_fte_%", 1},
    {"case_holders_fte", 1},
    {"cases", 1},
    {"caseload_fte", 1},
    {"working_days_lost_fte", 1},
    {"absence_rate_fte|absence_rate_fte_%", 1},
};

enum { R_TURN, R_AGENCY, R_VAC, R_CASELOAD, R_ABS, R_N };
static const char *const k_rate_names[R_N] = {"turnover", "agency", "vacancy", "caseload", "absence"};

typedef struct tally {
    unsigned rows, compared[R_N], matched[R_N], exact[R_N];
    unsigned abs_exact_253; /* absence rows matching exactly with 253 days in every year */
} tally;

static int num(cs_csv *r, const int *idx, int col, double *out)
{
    size_t len;
    const char *s = cs_csv_field(r, (size_t)idx[col], &len);
    return cs_wf_parse_number(s, len, out) == 1; /* symbols c, x, z, u, low are not numbers */
}

static void check_one(tally *t, int rate, int rc, const double *computed_p, double published, const char *file, long line,
                      const char *name, int year)
{
    if (rc != CARESTAT_OK) return; /* zero denominator: DfE publishes nothing comparable */
    double computed = *computed_p;
    t->compared[rate]++;
    double rounded = cs_wf_round(computed, 1);
    if (fabs(rounded - published) <= 1e-9) t->exact[rate]++;
    if (fabs(rounded - published) <= 0.1 + 1e-9) {
        t->matched[rate]++;
    } else {
        printf("  miss %s: %s line %ld %s %d: computed %.4f (%.1f), published %.1f\n", k_rate_names[rate], file, line,
               name, year, computed, rounded, published);
    }
}

static void run_file(const char *rel, const char *label, tally *t)
{
    const char *path = cs_test_shared(rel);
    if (!path) return;
    carestat_diag_list *list = NULL;
    assert_int_equal(carestat_diag_list_new(&list), CARESTAT_OK);
    cs_diags diags = {list, 0, 0, 0};
    cs_csv_limits lim;
    cs_csv_limits_default(&lim);
    cs_csv *r = NULL;
    assert_int_equal(cs_csv_open(&r, path, &lim, &diags), CARESTAT_OK);
    assert_int_equal(cs_csv_next(r), 1);
    int idx[P_NCOLS];
    assert_int_equal(cs_csv_map_header(r, k_cols, P_NCOLS, idx, 0, NULL), CARESTAT_OK);
    memset(t, 0, sizeof *t);
    printf("%s\n", label);
    while (cs_csv_next(r) == 1) {
        size_t len;
        const char *lvl = cs_csv_field(r, (size_t)idx[P_LEVEL], &len);
        if (!cs_csv_field_equals(lvl, len, "Local authority")) continue;
        t->rows++;
        double year, inpost, leavers, turn, agency, agrate, vac, vacrate, ch, cases, caseload, days, absrate, v;
        const char *name = cs_csv_field(r, (size_t)idx[P_NAME], NULL);
        long line = (long)cs_csv_line(r);
        assert_true(num(r, idx, P_YEAR, &year));
        int y = (int)year;
        int have_inpost = num(r, idx, P_INPOST, &inpost);
        if (have_inpost && num(r, idx, P_LEAVERS, &leavers) && num(r, idx, P_TURN, &turn))
            check_one(t, R_TURN, carestat_workforce_turnover_rate(&v, leavers, inpost), &v, turn, rel, line, name, y);
        if (have_inpost && num(r, idx, P_AGENCY, &agency) && num(r, idx, P_AGRATE, &agrate))
            check_one(t, R_AGENCY, carestat_workforce_agency_rate(&v, agency, inpost), &v, agrate, rel, line, name, y);
        if (have_inpost && num(r, idx, P_VAC, &vac) && num(r, idx, P_VACRATE, &vacrate))
            check_one(t, R_VAC, carestat_workforce_vacancy_rate(&v, vac, inpost), &v, vacrate, rel, line, name, y);
        if (num(r, idx, P_CASEHOLD, &ch) && num(r, idx, P_CASES, &cases) && num(r, idx, P_CASELOAD, &caseload))
            check_one(t, R_CASELOAD, carestat_workforce_caseload(&v, cases, ch), &v, caseload, rel, line, name, y);
        if (have_inpost && num(r, idx, P_DAYS, &days) && num(r, idx, P_ABSRATE, &absrate))
        {
            check_one(t, R_ABS, carestat_workforce_absence_rate(&v, days, inpost, y), &v, absrate, rel, line, name, y);
            if (inpost > 0 && fabs(cs_wf_round(100.0 * days / (inpost * 253.0), 1) - absrate) <= 1e-9) t->abs_exact_253++;
        }
    }
    cs_csv_close(r);
    assert_int_equal(carestat_diag_list_count_at_least(list, CARESTAT_SEV_ERROR), 0);
    carestat_diag_list_free(list);
    printf("  %u council rows\n", t->rows);
    for (int k = 0; k < R_N; k++) {
        printf("  %-9s %u of %u match to 0.1 (%.1f%%), %u exactly\n", k_rate_names[k], t->matched[k], t->compared[k],
               t->compared[k] ? 100.0 * t->matched[k] / t->compared[k] : 0.0, t->exact[k]);
        assert_true(t->compared[k] > 0);
        /* at least 95% of the council rows with the figures published */
        assert_true(100.0 * t->matched[k] >= 95.0 * t->compared[k]);
    }
    printf("  absence with 253 days in every year: %u exactly (254 in leap years: %u)\n", t->abs_exact_253,
           t->exact[R_ABS]);
    /* 254 working days in leap census years (2020, 2024) matches more rows exactly than 253 always */
    if (t->compared[R_ABS]) assert_true(t->exact[R_ABS] > t->abs_exact_253);
}

static void test_current_edition(void **state)
{
    (void)state;
    tally t;
    run_file("data/dfe_ees/csww_indicators_2017_to_2025.csv", "csww_indicators_2017_to_2025.csv (2025 edition)", &t);
    if (t.rows == 0) return;
    /* The file has 1355 council rows (2017-2025); a few have suppressed figures. */
    assert_int_equal(t.rows, 1355);
    for (int k = 0; k < R_N; k++) assert_true(t.compared[k] >= 1300);
}

static void test_2024_edition(void **state)
{
    (void)state;
    tally t;
    run_file("data/dfe_ees_prev_editions/csww_indicators_2017_to_2024.csv", "csww_indicators_2017_to_2024.csv (2024 edition)",
             &t);
}

static void test_headline_2022(void **state)
{
    (void)state;
    tally t;
    run_file("data/dfe_ees/csww_headline_measures_2017_to_2022.csv",
             "csww_headline_measures_2017_to_2022.csv (2022 edition, older column names)", &t);
}

/* National figures quoted in domain.md 5.7, each worked by hand from the published counts. */
static void test_national_checks(void **state)
{
    (void)state;
    double v;
    /* 2025: 4,276.3 / 36,186.3 = 0.118174... -> 11.8% */
    assert_int_equal(carestat_workforce_turnover_rate(&v, 4276.3, 36186.3), CARESTAT_OK);
    assert_near(v, 11.8174, 1e-4);
    /* 2025: 5,415.9 / (5,415.9 + 36,186.3 = 41,602.2) = 13.0% */
    assert_int_equal(carestat_workforce_agency_rate(&v, 5415.9, 36186.3), CARESTAT_OK);
    assert_near(v, 100.0 * 5415.9 / 41602.2, 1e-9);
    assert_near(cs_wf_round(v, 1), 13.0, 1e-9);
    /* 2025: 5,965.4 / (5,965.4 + 36,186.3 = 42,151.7) = 14.15...% -> 14.2 */
    assert_int_equal(carestat_workforce_vacancy_rate(&v, 5965.4, 36186.3), CARESTAT_OK);
    assert_near(cs_wf_round(v, 1), 14.2, 1e-9);
    /* 2025: 321,661 / 21,105.4 = 15.24 -> 15.2 */
    assert_int_equal(carestat_workforce_caseload(&v, 321661, 21105.4), CARESTAT_OK);
    assert_near(cs_wf_round(v, 1), 15.2, 1e-9);
    /* 2025 (not leap): 322,786.3 / (36,186.3 x 253 = 9,155,133.9) = 3.526% -> 3.5 */
    assert_int_equal(carestat_workforce_absence_rate(&v, 322786.3, 36186.3, 2025), CARESTAT_OK);
    assert_near(v, 100.0 * 322786.3 / 9155133.9, 1e-9);
    /* 2024 is a leap year: 254 days. 287,194.9 / (34,328.2 x 254) = 3.294% -> 3.3 (2024 edition). */
    assert_int_equal(carestat_workforce_absence_rate(&v, 287194.9, 34328.2, 2024), CARESTAT_OK);
    assert_near(v, 100.0 * 287194.9 / (34328.2 * 254.0), 1e-9);
    assert_int_equal(carestat_workforce_working_days(2024), 254);
    assert_int_equal(carestat_workforce_working_days(2023), 253);
    assert_int_equal(carestat_workforce_working_days(2100), 253); /* not a leap year */
    assert_int_equal(carestat_workforce_working_days(2000), 254);
}

static void test_formula_errors(void **state)
{
    (void)state;
    double v = 42;
    assert_int_equal(carestat_workforce_turnover_rate(NULL, 1, 2), CARESTAT_EINVAL);
    assert_int_equal(carestat_workforce_turnover_rate(&v, 1, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_workforce_turnover_rate(&v, -1, 10), CARESTAT_EINVAL);
    assert_int_equal(carestat_workforce_turnover_rate(&v, NAN, 10), CARESTAT_EINVAL);
    assert_int_equal(carestat_workforce_agency_rate(&v, 0, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_workforce_agency_rate(&v, INFINITY, 1), CARESTAT_EINVAL);
    assert_int_equal(carestat_workforce_vacancy_rate(&v, 0, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_workforce_absence_rate(&v, 10, 0, 2024), CARESTAT_ERANGE);
    assert_int_equal(carestat_workforce_caseload(&v, 10, 0), CARESTAT_ERANGE);
    assert_int_equal(carestat_workforce_caseload(&v, -10, 1), CARESTAT_EINVAL);
    assert_near(v, 42, 0); /* untouched on failure */
    /* turnover can exceed 100% (leavers are not a subset of those in post) */
    assert_int_equal(carestat_workforce_turnover_rate(&v, 15, 10), CARESTAT_OK);
    assert_near(v, 150, 1e-12);
    /* half-up on the decimal value: 11.85 -> 11.9, 0.05 -> 0.1, 2.25 -> 2.3, -1.25 -> -1.3 */
    assert_near(cs_wf_round(11.85, 1), 11.9, 1e-12);
    assert_near(cs_wf_round(0.05, 1), 0.1, 1e-12);
    assert_near(cs_wf_round(2.25, 1), 2.3, 1e-12);
    assert_near(cs_wf_round(-1.25, 1), -1.3, 1e-12);
    assert_near(cs_wf_round(11.84999, 1), 11.8, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_checks),
        cmocka_unit_test(test_formula_errors),
        cmocka_unit_test(test_current_edition),
        cmocka_unit_test(test_2024_edition),
        cmocka_unit_test(test_headline_2022),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
