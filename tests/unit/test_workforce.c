/* Workforce (CSWW) worker-level reader and the wf.* indicator family, on hand-made fixtures.
 *
 * The fixture is one council ("940", North Northamptonshire, E06000061) over census years 2023 and
 * 2024. Census 2024 runs from 1/10/2023 to 30/9/2024 (contains 29/2/2024: 254 working days); census
 * 2023 from 1/10/2022 to 30/9/2023 (253 days). The workers and what each one tests:
 *
 *   A  employed, full time, in post both years (the plain case)
 *   B  employed, part time (FTE 0.5), in post both years
 *   C  in post 2023; left 31/3/2024 (a leaver of 2024)
 *   D  left 15/12/2023 and rejoined 1/5/2024 at 0.6 FTE: one leaver and one starter in 2024, in post at
 *      30/9/2024, service counted from the rejoin
 *   E  agency in 2023 (from 1/11/2022); agency row ends 31/1/2024; employed from 1/2/2024: a conversion
 *   F  agency worker in post at 30/9/2024 (agency rate and caseload, never FTE in post)
 *   G  in post 2023; 2024 row has a reason for leaving but no leaving date: a leaver, with a warning
 *   H  role change 30/6/2024 -> 1/7/2024 (case holder to first line manager, no cases): neither leaver
 *      nor starter; service from 2016
 *   I  FTE 1.2: rejected value (diagnostic), kept as unknown FTE
 *   J  FTE -0.5: likewise
 *   K  start date 31/02/2024 (impossible): diagnostic, start unknown
 *   L  in post 2023, absent from the 2024 return (not retained)
 *   plus one row without a worker id (rejected).
 */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/indicator.h"
#include "carestat/synth.h"
#include "carestat/table.h"
#include "carestat/workforce.h"
#include "measures/family.h"
#include "workforce/wf_internal.h"

static const char k_fixture[] =
    "worker_id,la_code,census_year,agency,fte,role,start_date,end_date,reason_leave,days_absent,cases\n"
    /* census 2023 */
    "A,940,2023,0,1.0,5,01/04/2015,,,2,18\n"
    "B,940,2023,0,0.5,5,01/06/2019,,,0,9\n"
    "C,940,2023,0,0.8,5,06/01/2020,,,3,12\n"
    "D,940,2023,0,1.0,5,01/09/2018,,,4,13\n"
    "E,940,2023,1,1.0,5,2022-11-01,,,,15\n"
    "G,940,2023,0,1.0,5,04/01/2021,,,6,14\n"
    "H,940,2023,0,1.0,5,01/02/2016,,,0,17\n"
    "L,940,2023,0,1.0,5,01/09/2020,,,0,11\n"
    /* census 2024 */
    "A,940,2024,0,1.0,5,01/04/2015,,,5,20\n"              /* line 10 */
    "B,940,2024,N,0.5,5,01/06/2019,,,10,10\n"
    "C,940,2024,0,0.8,5,06/01/2020,31/03/2024,1,4,\n"
    "D,940,2024,0,1.0,5,01/09/2018,15/12/2023,1,,\n"
    "D,940,2024,0,0.6,5,01/05/2024,,,1,8\n"
    "E,940,2024,agency,1.0,5,01/11/2022,31/01/2024,,,\n" /* line 15 */
    "E,940,2024,employed,1.0,5,01/02/2024,,,0,16\n"
    "F,940,2024,1,0.5,5,01/03/2024,,,,6\n"
    "G,940,2024,0,1.0,5,04/01/2021,,1,,\n"                /* line 18: reason, no date */
    "H,940,2024,0,1.0,5,01/02/2016,30/06/2024,,,\n"
    "H,940,2024,0,1.0,3,01/07/2024,,,2,0\n"               /* line 20 */
    "I,940,2024,0,1.2,5,10/01/2022,,,0,5\n"               /* line 21: FTE > 1 */
    "J,940,2024,0,-0.5,5,01/11/2023,,,0,\n"               /* line 22: FTE < 0 */
    "K,940,2024,0,0.4,5,31/02/2024,,,1,4\n"               /* line 23: impossible date */
    ",940,2024,0,1.0,5,01/01/2020,,,0,1\n";               /* line 24: no worker id */

static carestat_dataset *load_fixture(carestat_error_mode mode, int expect_rc)
{
    carestat_dataset_options o;
    assert_int_equal(carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION), CARESTAT_OK);
    o.error_mode = mode;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, &o), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce_memory(ds, "fixture.csv", k_fixture, strlen(k_fixture)),
                     expect_rc);
    return ds;
}

static void test_load_keep(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture(CARESTAT_ROWS_KEEP, CARESTAT_OK);
    /* 23 data rows: 22 kept (I, J, K keep their row with the bad value unknown), 1 rejected (no id) */
    assert_int_equal(carestat_dataset_workforce_count(ds), 22);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary_count(ds), 1);
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_string_equal(s.table, "workforce");
    assert_string_equal(s.source, "fixture.csv");
    assert_int_equal(s.rows_read, 23);
    assert_int_equal(s.rows_accepted, 22);
    assert_int_equal(s.rows_rejected, 1);
    assert_int_equal(s.rows_read, s.rows_accepted + s.rows_rejected);

    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_FTE", NULL, 21, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_FTE", NULL, 22, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_FTE", NULL, -1, -1), 2);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_DATE", NULL, 23, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_LEAVER_NO_DATE", NULL, 18, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_MISSING_VALUE", NULL, 24, -1), 1);
    /* the FTE diagnostic points at the fte column (5th) */
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    for (size_t i = 0; i < carestat_diag_list_count(l); i++) {
        const carestat_diag *d = carestat_diag_list_get(l, i);
        if (strcmp(d->code, "WF_BAD_FTE") == 0) {
            assert_int_equal(d->column, 5);
            assert_int_equal(d->severity, CARESTAT_SEV_ERROR);
            assert_string_equal(d->source, "fixture.csv");
        }
        if (strcmp(d->code, "WF_LEAVER_NO_DATE") == 0) assert_int_equal(d->severity, CARESTAT_SEV_WARNING);
    }

    /* records as read */
    carestat_worker w;
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 0), CARESTAT_OK);
    assert_string_equal(w.worker_id, "A");
    assert_string_equal(w.org_code, "940");
    assert_int_equal(w.census_year, 2023);
    assert_int_equal(w.agency, 0);
    assert_near(w.fte, 1.0, 0);
    assert_int_equal(w.cases, 18);
    carestat_date want;
    assert_int_equal(carestat_date_from_ymd(&want, 2015, 4, 1), CARESTAT_OK);
    assert_int_equal(w.start, want);
    assert_int_equal(w.end, CARESTAT_DATE_NONE);
    assert_int_equal(w.line, 2);
    /* E's 2023 row: ISO date, agency, days absent missing */
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 4), CARESTAT_OK);
    assert_string_equal(w.worker_id, "E");
    assert_int_equal(w.agency, 1);
    assert_int_equal(carestat_date_from_ymd(&want, 2022, 11, 1), CARESTAT_OK);
    assert_int_equal(w.start, want);
    assert_true(isnan(w.days_absent));
    /* I (index 19): FTE 1.2 kept as unknown; cases still read */
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 19), CARESTAT_OK);
    assert_string_equal(w.worker_id, "I");
    assert_true(isnan(w.fte));
    assert_int_equal(w.cases, 5);
    /* J: negative FTE unknown, cases missing */
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 20), CARESTAT_OK);
    assert_true(isnan(w.fte));
    assert_int_equal(w.cases, -1);
    /* K: impossible date -> unknown start */
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 21), CARESTAT_OK);
    assert_string_equal(w.worker_id, "K");
    assert_int_equal(w.start, CARESTAT_DATE_NONE);
    assert_near(w.fte, 0.4, 1e-12);
    /* G's 2024 row: reason 1, no date */
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 16), CARESTAT_OK);
    assert_string_equal(w.worker_id, "G");
    assert_int_equal(w.reason_leave, 1);
    assert_int_equal(w.end, CARESTAT_DATE_NONE);
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 22), CARESTAT_ERANGE);
    assert_int_equal(carestat_dataset_workforce_get(NULL, ds, 0), CARESTAT_EINVAL);
    carestat_dataset_free(ds);
}

static void test_load_drop_and_stop(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture(CARESTAT_ROWS_DROP, CARESTAT_OK);
    /* I, J, K and the row without an id are rejected */
    assert_int_equal(carestat_dataset_workforce_count(ds), 19);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 23);
    assert_int_equal(s.rows_accepted, 19);
    assert_int_equal(s.rows_rejected, 4);
    carestat_dataset_free(ds);

    ds = load_fixture(CARESTAT_ROWS_STOP, CARESTAT_EPARSE);
    assert_int_equal(carestat_dataset_workforce_count(ds), 0); /* nothing of a failed load is kept */
    assert_int_equal(carestat_dataset_load_summary_count(ds), 0);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "fixture.csv:21"));
    carestat_dataset_free(ds);
}

static void test_load_errors(void **state)
{
    (void)state;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    /* missing required column */
    const char *t1 = "worker_id,census_year\nA,2024\n";
    assert_int_equal(carestat_dataset_load_workforce_memory(ds, "t1.csv", t1, strlen(t1)), CARESTAT_EPARSE);
    assert_int_equal(cs_test_count_diags(ds, "CSV_MISSING_COLUMN", NULL, -1, -1), 1);
    /* aliases (SWENo, LEA, year, AgencyWorker, FTE, RoleStartDate, RoleEndDate, ReasonLeave, WorkingDaysLost,
     * Cases30) and bad codes */
    const char *t2 = "SWENo,LEA,Year,AgencyWorker,FTE,OrgRole,RoleStartDate,RoleEndDate,ReasonLeave,"
                     "WorkingDaysLost,Cases30,GenderCurrent,Ethnicity\n"
                     "Ab1234567890,940,2024,maybe,1,7,2020-01-01,,11,400,2.5,3,XXXX\n"
                     "Ab1234567891,940,20x4,0,1,5,2020-01-01,,,,,1,wbri\n"
                     "Ab1234567892,940,2024,0,abc,5,2020-01-01,01/01/2019,,,,,\n";
    assert_int_equal(carestat_dataset_load_workforce_memory(ds, "t2.csv", t2, strlen(t2)), CARESTAT_OK);
    /* row 2: agency, role, reason, days, cases, gender, ethnicity are bad (7 diagnostics), row kept */
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_CODE", NULL, 2, -1), 5);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_NUMBER", NULL, 2, -1), 2);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_YEAR", NULL, 3, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_FTE", NULL, 4, -1), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_END_BEFORE_START", NULL, 4, -1), 1);
    assert_int_equal(carestat_dataset_workforce_count(ds), 2);
    carestat_worker w;
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 0), CARESTAT_OK);
    assert_int_equal(w.role, 0);
    assert_int_equal(w.gender, -1);
    assert_string_equal(w.ethnicity, "");
    assert_true(isnan(w.days_absent));
    assert_int_equal(w.cases, -1);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary_count(ds), 1); /* the failed load left no summary */
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 3);
    assert_int_equal(s.rows_accepted, 2);
    assert_int_equal(s.rows_rejected, 1);
    assert_int_equal(carestat_dataset_load_workforce(ds, "/nonexistent/x.csv"), CARESTAT_EIO);
    assert_int_equal(carestat_dataset_load_workforce(NULL, "x.csv"), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_load_workforce(ds, NULL), CARESTAT_EINVAL);
    carestat_dataset_free(ds);
}

/* ---------------------------------------------------------------------------------------------- */
/* indicators */

static const char *const k_all_ids[] = {"wf.fte", "wf.headcount", "wf.starters", "wf.leavers", "wf.turnover",
                                        "wf.agency", "wf.vacancy", "wf.absence", "wf.caseload", "wf.retention",
                                        "wf.service_median", "wf.service_under2", "wf.conversions"};
#define N_IDS (sizeof k_all_ids / sizeof *k_all_ids)

static carestat_table *compute(const carestat_dataset *ds, const char *const *orgs, size_t norgs, int expect_rc)
{
    carestat_request req;
    memset(&req, 0, sizeof req);
    req.version = CARESTAT_REQUEST_VERSION;
    req.level = 0.95;
    req.orgs = orgs;
    req.n_orgs = norgs;
    carestat_table *t = NULL;
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    assert_int_equal(cs_family_workforce.compute(t, ds, &req, k_all_ids, N_IDS), expect_rc);
    return t;
}

static carestat_observation get(const carestat_table *t, const char *org, const char *id, int year)
{
    carestat_observation o;
    carestat_date s, e;
    assert_int_equal(carestat_period_year_to_september(&s, &e, year), CARESTAT_OK);
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        assert_int_equal(carestat_table_get(&o, t, i), CARESTAT_OK);
        if (strcmp(o.org_code, org) == 0 && strcmp(o.indicator, id) == 0 && o.period_end == e) {
            assert_int_equal(o.period_start, s);
            return o;
        }
    }
    fail_msg("no observation %s %s %d", org, id, year);
    return o;
}

static void test_family_defs(void **state)
{
    (void)state;
    assert_string_equal(cs_family_workforce.name, "workforce");
    assert_int_equal(cs_family_workforce.ndefs, N_IDS);
    for (size_t i = 0; i < N_IDS; i++) {
        const cs_indicator_def *d = &cs_family_workforce.defs[i];
        assert_string_equal(d->id, k_all_ids[i]);
        assert_int_equal(d->period_kind, 1);
        assert_true(strlen(d->title) > 0 && strlen(d->definition) > 20 && strlen(d->source) > 5);
        assert_true(strlen(d->population) > 0);
    }
    /* rates are percentages, caseload a ratio */
    assert_int_equal(cs_family_workforce.defs[4].unit, CARESTAT_UNIT_PERCENT);
    assert_int_equal(cs_family_workforce.defs[8].unit, CARESTAT_UNIT_RATIO);
    assert_int_equal(cs_family_workforce.defs[0].unit, CARESTAT_UNIT_FTE);
}

static void test_indicators_2024(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture(CARESTAT_ROWS_KEEP, CARESTAT_OK);
    carestat_table *t = compute(ds, NULL, 0, CARESTAT_OK);
    const char *nn = "E06000061"; /* "940" resolves to North Northamptonshire's GSS code */
    carestat_observation o;
    /* 2 years x 13 indicators */
    assert_int_equal(carestat_table_count(t), 26);

    /* In post at 30/9/2024, employed: A 1.0, B 0.5, D 0.6 (rejoined), E 1.0 (converted), H 1.0 (new role),
     * I (FTE rejected), J (FTE rejected), K 0.4. FTE = 1.0+0.5+0.6+1.0+1.0+0.4 = 4.5; headcount 8. */
    o = get(t, nn, "wf.fte", 2024);
    assert_near(o.value, 4.5, 1e-9);
    assert_near(o.numerator, 4.5, 1e-9);
    assert_true(isnan(o.denominator));
    assert_string_equal(o.source, "computed");
    assert_string_equal(o.org_name, "North Northamptonshire");
    assert_near(get(t, nn, "wf.headcount", 2024).value, 8, 0);

    /* Leavers 2024: C 0.8 (31/3/2024), D 1.0 (15/12/2023, rejoined later), G 1.0 (reason without a date).
     * H's first role ends 30/6/2024 but continues the next day: not a leaver. 2.8 FTE. */
    o = get(t, nn, "wf.leavers", 2024);
    assert_near(o.value, 2.8, 1e-9);
    /* Turnover = 2.8 / 4.5 x 100 = 62.222...% */
    o = get(t, nn, "wf.turnover", 2024);
    assert_near(o.numerator, 2.8, 1e-9);
    assert_near(o.denominator, 4.5, 1e-9);
    assert_near(o.value, 280.0 / 4.5, 1e-9);
    assert_true(isnan(o.lower));

    /* Starters 2024: D 0.6 (rejoin 1/5/2024), E 1.0 (employed from 1/2/2024), J (1/11/2023, FTE unknown).
     * H's new role chains to the old one: not a starter. 1.6 FTE. */
    assert_near(get(t, nn, "wf.starters", 2024).value, 1.6, 1e-9);

    /* Agency at 30/9/2024 from the records: F 0.5 (E's agency row ended 31/1/2024).
     * 0.5 / (0.5 + 4.5) = 10% */
    o = get(t, nn, "wf.agency", 2024);
    assert_near(o.numerator, 0.5, 1e-9);
    assert_near(o.denominator, 5.0, 1e-9);
    assert_near(o.value, 10.0, 1e-9);

    /* Vacancies need LA-level figures: not available */
    o = get(t, nn, "wf.vacancy", 2024);
    assert_true(isnan(o.value));
    assert_true(o.flags & CARESTAT_FLAG_NOT_AVAILABLE);

    /* Absence 2024: in-post employed with known days and FTE: A 5/1.0, B 10/0.5, D 1/0.6, E 0/1.0, H 2/1.0,
     * K 1/0.4 (I and J left out: FTE unknown). Days 19; FTE 4.5; 2024 has 254 working days.
     * 19 / (4.5 x 254 = 1143) x 100 = 1.66229...% */
    o = get(t, nn, "wf.absence", 2024);
    assert_near(o.numerator, 19, 1e-9);
    assert_near(o.denominator, 1143, 1e-9);
    assert_near(o.value, 1900.0 / 1143.0, 1e-9);

    /* Caseload 2024: in post, >= 1 case, FTE > 0, agency included: A 20/1.0, B 10/0.5, D 8/0.6, E 16/1.0,
     * F 6/0.5 (agency), K 4/0.4. H (0 cases) and I (FTE unknown) out. 64 / 4.0 = 16.0 */
    o = get(t, nn, "wf.caseload", 2024);
    assert_near(o.numerator, 64, 1e-9);
    assert_near(o.denominator, 4.0, 1e-9);
    assert_near(o.value, 16.0, 1e-9);

    /* Retention 2024: employed in post at 30/9/2023: A B C D G H L (7); of them in post at 30/9/2024:
     * A B D H (4). 4/7 = 57.142857% with a Wilson interval:
     * z = 1.959964; (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)) with x = 4, n = 7
     * worked in Python from that formula: 25.045836%, 84.178014% */
    o = get(t, nn, "wf.retention", 2024);
    assert_near(o.numerator, 4, 0);
    assert_near(o.denominator, 7, 0);
    assert_near(o.value, 400.0 / 7.0, 1e-9);
    assert_near(o.lower, 25.045836, 1e-5);
    assert_near(o.upper, 84.178014, 1e-5);

    /* Length of service at 30/9/2024 (days since the spell began): D 152, E 242, J 334, I 994, B 1948,
     * H 3164 (from 1/2/2016, through the role change), A 3470; K unknown. Median of 7 = 994. */
    o = get(t, nn, "wf.service_median", 2024);
    assert_near(o.value, 994, 0);
    assert_near(o.denominator, 7, 0);
    /* Under 2 years: D, E, J (I started 10/1/2022: 2 years on 10/1/2024, before 30/9/2024) -> 3/7 */
    o = get(t, nn, "wf.service_under2", 2024);
    assert_near(o.numerator, 3, 0);
    assert_near(o.denominator, 7, 0);
    assert_near(o.value, 300.0 / 7.0, 1e-9);
    assert_true(o.lower < o.value && o.upper > o.value);

    /* Conversions 2024: E */
    assert_near(get(t, nn, "wf.conversions", 2024).value, 1, 0);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_indicators_2023(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture(CARESTAT_ROWS_KEEP, CARESTAT_OK);
    carestat_table *t = compute(ds, NULL, 0, CARESTAT_OK);
    const char *nn = "E06000061";
    carestat_observation o;
    /* employed in post 30/9/2023: A 1.0 B 0.5 C 0.8 D 1.0 G 1.0 H 1.0 L 1.0 = 6.3 FTE, 7 workers */
    assert_near(get(t, nn, "wf.fte", 2023).value, 6.3, 1e-9);
    assert_near(get(t, nn, "wf.headcount", 2023).value, 7, 0);
    /* nobody left or started during 2023 */
    o = get(t, nn, "wf.turnover", 2023);
    assert_near(o.value, 0, 0);
    assert_near(get(t, nn, "wf.starters", 2023).value, 0, 0);
    /* agency: E 1.0 -> 1.0 / 7.3 = 13.69863% */
    assert_near(get(t, nn, "wf.agency", 2023).value, 100.0 / 7.3, 1e-9);
    /* caseload: 18+9+12+13+15(E, agency)+14+17+11 = 109 over 7.3 FTE = 14.931507 */
    o = get(t, nn, "wf.caseload", 2023);
    assert_near(o.numerator, 109, 0);
    assert_near(o.value, 109 / 7.3, 1e-9);
    /* absence: 2+0+3+4+6+0+0 = 15 days over 6.3 FTE x 253 (2023 not a leap year) = 1593.9 */
    o = get(t, nn, "wf.absence", 2023);
    assert_near(o.numerator, 15, 1e-9);
    assert_near(o.denominator, 6.3 * 253, 1e-9);
    /* no census 2022: retention not available */
    o = get(t, nn, "wf.retention", 2023);
    assert_true(isnan(o.value));
    assert_true(isnan(o.numerator) && isnan(o.denominator));
    assert_true(o.flags & CARESTAT_FLAG_NOT_AVAILABLE);
    /* service at 30/9/2023: G 999, L 1124, C 1363, B 1582, D 1855, H 2798, A 3104 -> median 1582;
     * none under 2 years */
    assert_near(get(t, nn, "wf.service_median", 2023).value, 1582, 0);
    o = get(t, nn, "wf.service_under2", 2023);
    assert_near(o.value, 0, 0);
    assert_near(o.denominator, 7, 0);
    assert_near(get(t, nn, "wf.conversions", 2023).value, 0, 0);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_la_level_and_orgs(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture(CARESTAT_ROWS_KEEP, CARESTAT_OK);
    const char *la = "la_code,census_year,vacancy_fte,agency_fte,agency_headcount\n"
                     "E06000061,2024,1.5,0.8,1\n"
                     "940,2024,9,9,9\n" /* same council (3-digit code) and year in the same file: rejected */
                     "940,2023,-1,,\n"; /* negative vacancies: diagnostic, value unknown */
    assert_int_equal(carestat_dataset_load_workforce_la_memory(ds, "la.csv", la, strlen(la)), CARESTAT_OK);
    assert_int_equal(carestat_dataset_workforce_la_count(ds), 2);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_NUMBER", NULL, 4, -1), 1);
    carestat_workforce_la l;
    assert_int_equal(carestat_dataset_workforce_la_get(&l, ds, 0), CARESTAT_OK);
    assert_near(l.vacancy_fte, 1.5, 0);
    assert_near(l.agency_fte, 0.8, 0);
    assert_true(isnan(l.agency_cover_fte));

    const char *orgs[] = {"North Northamptonshire"};
    carestat_table *t = compute(ds, orgs, 1, CARESTAT_OK);
    const char *nn = "E06000061";
    /* vacancy 2024 = 1.5 / (1.5 + 4.5) = 25% */
    carestat_observation o = get(t, nn, "wf.vacancy", 2024);
    assert_near(o.numerator, 1.5, 1e-12);
    assert_near(o.denominator, 6.0, 1e-12);
    assert_near(o.value, 25.0, 1e-9);
    /* agency 2024 now from the LA-level figure: 0.8 / (0.8 + 4.5) = 15.0943% */
    assert_near(get(t, nn, "wf.agency", 2024).value, 80.0 / 5.3, 1e-9);
    /* 2023: the LA-level vacancy value was rejected: not available; agency from records */
    assert_true(get(t, nn, "wf.vacancy", 2023).flags & CARESTAT_FLAG_NOT_AVAILABLE);
    assert_near(get(t, nn, "wf.agency", 2023).value, 100.0 / 7.3, 1e-9);
    assert_int_equal(get(t, nn, "wf.fte", 2024).flags & CARESTAT_FLAG_COMBINED, 0);
    carestat_table_free(t);

    /* the trust delivering for North and West Northamptonshire: the councils combined (only NN has data) */
    const char *trust[] = {"TRUST-NCT"};
    t = compute(ds, trust, 1, CARESTAT_OK);
    o = get(t, "TRUST-NCT", "wf.fte", 2024);
    assert_near(o.value, 4.5, 1e-9);
    assert_true(o.flags & CARESTAT_FLAG_COMBINED);
    carestat_table_free(t);

    /* an organisation with no workforce records: nothing */
    const char *other[] = {"E06000062"};
    t = compute(ds, other, 1, CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 0);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_compute_edges(void **state)
{
    (void)state;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    /* no workforce data at all: no observations, no error */
    carestat_table *t = compute(ds, NULL, 0, CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 0);
    carestat_table_free(t);
    /* an unknown organisation code is kept as given; a worker with two part-time posts counts once in the
     * headcount and twice in FTE (0.5 + 0.3); a post with no FTE is left out of the FTE */
    const char *csv = "worker_id,la_code,census_year,fte,start_date\n"
                      "P,ZZ1,2025,0.5,01/01/2020\n"
                      "P,ZZ1,2025,0.3,01/01/2021\n"
                      "Q,ZZ1,2025,,01/01/2022\n";
    assert_int_equal(carestat_dataset_load_workforce_memory(ds, NULL, csv, strlen(csv)), CARESTAT_OK);
    t = compute(ds, NULL, 0, CARESTAT_OK);
    carestat_observation o = get(t, "ZZ1", "wf.fte", 2025);
    assert_near(o.value, 0.8, 1e-12);
    assert_string_equal(o.org_name, "");
    assert_near(get(t, "ZZ1", "wf.headcount", 2025).value, 2, 0);
    /* no cases anywhere: caseload not available rather than 0/0 */
    assert_true(get(t, "ZZ1", "wf.caseload", 2025).flags & CARESTAT_FLAG_NOT_AVAILABLE);
    carestat_table_free(t);
    /* an unknown indicator id */
    carestat_request req;
    memset(&req, 0, sizeof req);
    req.version = CARESTAT_REQUEST_VERSION;
    req.level = 0.95;
    const char *bad[] = {"wf.nope"};
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    assert_int_equal(cs_family_workforce.compute(t, ds, &req, bad, 1), CARESTAT_ENOTFOUND);
    /* year range outside the data: nothing */
    req.year_from = 2030;
    const char *one[] = {"wf.fte"};
    assert_int_equal(cs_family_workforce.compute(t, ds, &req, one, 1), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 0);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

/* Through the public catalogue and carestat_compute(), with the children-in-care family beside it. */
static void test_public_compute(void **state)
{
    (void)state;
    size_t k;
    for (size_t i = 0; i < N_IDS; i++) {
        assert_int_equal(carestat_indicator_find(&k, k_all_ids[i]), CARESTAT_OK);
        assert_int_equal(carestat_indicator_period_kind(k), 1);
    }
    assert_int_equal(carestat_indicator_find(&k, "wf.caseload"), CARESTAT_OK);
    assert_int_equal(carestat_indicator_unit(k), CARESTAT_UNIT_RATIO);
    assert_int_equal(carestat_indicator_polarity(k), CARESTAT_POLARITY_LOWER_BETTER);

    carestat_dataset *ds = load_fixture(CARESTAT_ROWS_KEEP, CARESTAT_OK);
    carestat_request req;
    assert_int_equal(carestat_request_init(&req, CARESTAT_REQUEST_VERSION), CARESTAT_OK);
    const char *ids[] = {"wf.turnover", "wf.retention"};
    const char *orgs[] = {"940"};
    req.indicators = ids;
    req.n_indicators = 2;
    req.orgs = orgs;
    req.n_orgs = 1;
    req.year_from = 2024;
    carestat_table *t = NULL;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 2); /* 2024 only */
    assert_near(get(t, "E06000061", "wf.turnover", 2024).value, 280.0 / 4.5, 1e-9);
    assert_near(get(t, "E06000061", "wf.retention", 2024).value, 400.0 / 7.0, 1e-9);
    carestat_table_free(t);
    /* level 0.99 widens the retention interval */
    req.level = 0.99;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_true(get(t, "E06000061", "wf.retention", 2024).lower < 25.045836);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

/* The example file in examples/ loads without a single diagnostic. */
static void test_example_file(void **state)
{
    (void)state;
    const char *src = getenv("CARESTAT_SOURCE_DIR");
    if (!src) skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/workforce_records.csv", src);
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce(ds, path), CARESTAT_OK);
    assert_int_equal(carestat_diag_list_count(carestat_dataset_diagnostics(ds)), 0);
    assert_true(carestat_dataset_workforce_count(ds) >= 20);
    carestat_table *t = compute(ds, NULL, 0, CARESTAT_OK);
    assert_true(carestat_table_count(t) > 0);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

/* The synthetic generator's workforce.csv (synth.h) is read without a diagnostic, every row accepted,
 * and gives plausible rates (the generator aims at England's 2021-2025 turnover, 12-17%). */
static void test_synthetic_file(void **state)
{
    (void)state;
    const char *dir = cs_test_tmpdir();
    carestat_synth_summary sum;
    assert_int_equal(carestat_synth_write_summary(&sum, dir, NULL), CARESTAT_OK);
    char path[4096];
    snprintf(path, sizeof path, "%s/workforce.csv", dir);
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce(ds, path), CARESTAT_OK);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_ERROR), 0);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_true(sum.workers > 0);
    assert_int_equal(s.rows_read, sum.workers);
    assert_int_equal(s.rows_accepted, sum.workers);
    carestat_table *t = compute(ds, NULL, 0, CARESTAT_OK);
    size_t nturn = 0;
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_observation o;
        assert_int_equal(carestat_table_get(&o, t, i), CARESTAT_OK);
        if (strcmp(o.indicator, "wf.turnover") == 0) {
            nturn++;
            assert_true(o.value > 2 && o.value < 40);
        }
        if (strcmp(o.indicator, "wf.fte") == 0) assert_true(o.value > 5);
    }
    assert_true(nturn >= 3); /* 3 councils x 5 census years by default */
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

/* ---------------------------------------------------------------------------------------------- */
/* XML returns */

static const char k_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     /* 1 */
    "<!-- hand-made CSWW return -->\n"                                  /* 2 */
    "<Message xmlns:xs=\"x\">\n"                                        /* 3 */
    "  <Header><CollectionDetails><Collection>CSWW</Collection>\n"     /* 4 */
    "    <Year>2024</Year><ReferenceDate>2024-09-30</ReferenceDate>\n" /* 5 */
    "  </CollectionDetails><Source><LEA>940</LEA></Source></Header>\n" /* 6 */
    "  <LALevelVacancies><NumberOfVacancies>1.50</NumberOfVacancies>\n" /* 7 */
    "    <NoAgencyFTE>0.50</NoAgencyFTE><NoAgencyHeadcount>1</NoAgencyHeadcount></LALevelVacancies>\n" /* 8 */
    "  <CSWWWorker>\n"                                                  /* 9 */
    "    <AgencyWorker>0</AgencyWorker><SWENo>AB&amp;0000000001</SWENo>\n" /* 10 */
    "    <FTE>1.000000</FTE><OrgRole>5</OrgRole><RoleStartDate>2015-04-01</RoleStartDate>\n" /* 11 */
    "    <ReasonLeave/><Cases30>20</Cases30><WorkingDaysLost>5.00</WorkingDaysLost>\n" /* 12 */
    "  </CSWWWorker>\n"                                                 /* 13 */
    "  <CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo><![CDATA[AB0000000002]]></SWENo>\n" /* 14 */
    "    <FTE30>0.500000</FTE30><RoleStartDate>2019-06-01</RoleStartDate><Cases30>10</Cases30>\n" /* 15 */
    "  </CSWWWorker>\n"                                                 /* 16 */
    "  <CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>AB0000000003</SWENo>\n" /* 17 */
    "    <FTE>1.500000</FTE><RoleStartDate>2020-01-01</RoleStartDate>\n" /* 18: FTE > 1 */
    "  </CSWWWorker>\n"                                                 /* 19 */
    "</Message>\n";

static void test_xml_fixture(void **state)
{
    (void)state;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce_xml_memory(ds, "r.xml", k_xml, strlen(k_xml)), CARESTAT_OK);
    assert_int_equal(carestat_dataset_workforce_count(ds), 3);
    assert_int_equal(carestat_dataset_workforce_la_count(ds), 1);
    assert_int_equal(cs_test_count_diags(ds, "WF_BAD_FTE", NULL, 18, -1), 1);
    assert_int_equal(carestat_diag_list_count(carestat_dataset_diagnostics(ds)), 1);
    carestat_worker w;
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 0), CARESTAT_OK);
    assert_string_equal(w.worker_id, "AB&0000000001"); /* &amp; decoded */
    assert_string_equal(w.org_code, "940");
    assert_int_equal(w.census_year, 2024);
    assert_int_equal(w.line, 9);
    assert_int_equal(w.reason_leave, 0); /* <ReasonLeave/> is empty */
    assert_int_equal(w.cases, 20);
    assert_near(w.days_absent, 5, 0);
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 1), CARESTAT_OK);
    assert_string_equal(w.worker_id, "AB0000000002"); /* CDATA */
    assert_near(w.fte, 0.5, 0);                      /* FTE30 used when FTE is absent */
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 2), CARESTAT_OK);
    assert_true(isnan(w.fte));
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary_count(ds), 2);
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_string_equal(s.table, "workforce");
    assert_int_equal(s.rows_read, 3);
    assert_int_equal(s.rows_accepted, 3);
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 1), CARESTAT_OK);
    assert_string_equal(s.table, "workforce_la");
    assert_int_equal(s.rows_accepted, 1);
    /* In post at 30/9/2024: 1.0 + 0.5 (+ the worker with the rejected FTE) = 1.5 FTE.
     * vacancy = 1.5 / (1.5 + 1.5) = 50%; agency (LA-level 0.5) = 0.5 / 2.0 = 25% */
    carestat_table *t = compute(ds, NULL, 0, CARESTAT_OK);
    assert_near(get(t, "E06000061", "wf.fte", 2024).value, 1.5, 1e-12);
    assert_near(get(t, "E06000061", "wf.vacancy", 2024).value, 50.0, 1e-9);
    assert_near(get(t, "E06000061", "wf.agency", 2024).value, 25.0, 1e-9);
    /* caseload: 20 + 10 over 1.5 FTE = 20 */
    assert_near(get(t, "E06000061", "wf.caseload", 2024).value, 20.0, 1e-9);
    carestat_table_free(t);

    /* malformed: mismatched end tag. The load fails and keeps nothing of this file. */
    const char *bad = "<Message><Header><Source><LEA>940</LEA></Header></Message>";
    assert_int_equal(carestat_dataset_load_workforce_xml_memory(ds, "bad.xml", bad, strlen(bad)), CARESTAT_EPARSE);
    assert_int_equal(cs_test_count_diags(ds, "XML_MISMATCH", NULL, 1, -1), 1);
    assert_int_equal(carestat_dataset_workforce_count(ds), 3);
    const char *ent = "<Message><CSWWWorker><SWENo>a&bogus;</SWENo></CSWWWorker></Message>";
    assert_int_equal(carestat_dataset_load_workforce_xml_memory(ds, "ent.xml", ent, strlen(ent)), CARESTAT_EPARSE);
    assert_int_equal(cs_test_count_diags(ds, "XML_BAD_ENTITY", NULL, -1, -1), 1);
    const char *trunc = "<Message><CSWWWorker><SWENo>abc";
    assert_int_equal(carestat_dataset_load_workforce_xml_memory(ds, "t.xml", trunc, strlen(trunc)), CARESTAT_EPARSE);
    /* a worker without a header: no organisation or year, rejected */
    const char *nohdr = "<Message><CSWWWorker><SWENo>X</SWENo></CSWWWorker></Message>";
    assert_int_equal(carestat_dataset_load_workforce_xml_memory(ds, "n.xml", nohdr, strlen(nohdr)), CARESTAT_OK);
    assert_int_equal(carestat_dataset_workforce_count(ds), 3);
    assert_int_equal(cs_test_count_diags(ds, "WF_MISSING_VALUE", NULL, 1, -1), 2);
    carestat_dataset_free(ds);
}

/* The liia-tools sample return (30 fake workers, LA 301, 2022): read completely; its random dates give
 * warnings only. */
static void test_xml_sample(void **state)
{
    (void)state;
    const char *path = cs_test_shared("data/synthetic_csww/social_work_workforce_2022.xml");
    if (!path) return;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_workforce_xml(ds, path), CARESTAT_OK);
    assert_int_equal(carestat_dataset_workforce_count(ds), 30);
    assert_int_equal(carestat_diag_list_count_at_least(carestat_dataset_diagnostics(ds), CARESTAT_SEV_ERROR), 0);
    carestat_worker w;
    assert_int_equal(carestat_dataset_workforce_get(&w, ds, 0), CARESTAT_OK);
    assert_string_equal(w.worker_id, "Oz2054309383");
    assert_string_equal(w.org_code, "301");
    assert_int_equal(w.census_year, 2022);
    assert_int_equal(w.agency, 1);
    assert_near(w.fte, 0.521371, 1e-12);
    assert_int_equal(w.gender, 1);
    assert_string_equal(w.ethnicity, "REFU");
    assert_int_equal(w.cases, 72);
    assert_near(w.days_absent, 15.31, 1e-12);
    assert_int_equal(w.cfkss, 1);
    carestat_workforce_la l;
    assert_int_equal(carestat_dataset_workforce_la_get(&l, ds, 0), CARESTAT_OK);
    assert_near(l.vacancy_fte, 79.68, 1e-12);
    assert_near(l.agency_fte, 59.82, 1e-12);
    assert_near(l.agency_headcount, 71, 0);
    assert_int_equal(l.census_year, 2022);
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_keep),
        cmocka_unit_test(test_load_drop_and_stop),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_family_defs),
        cmocka_unit_test(test_indicators_2024),
        cmocka_unit_test(test_indicators_2023),
        cmocka_unit_test(test_la_level_and_orgs),
        cmocka_unit_test(test_compute_edges),
        cmocka_unit_test(test_public_compute),
        cmocka_unit_test(test_example_file),
        cmocka_unit_test(test_synthetic_file),
        cmocka_unit_test(test_xml_fixture),
        cmocka_unit_test(test_xml_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
