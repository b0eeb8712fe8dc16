/* Ofsted inspections: enum texts, the readers for Ofsted's outcome tables (real files and
 * hand-made fixtures for the error paths), and the history queries.
 * Expected values come from the files themselves, counted independently with pandas, and from
 * domain.md section 4 (national distribution) and 5.8 (Northamptonshire). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "carestat/inspection.h"

static carestat_date D(int y, int m, int d)
{
    carestat_date out = 0;
    assert_int_equal(carestat_date_from_ymd(&out, y, m, d), CARESTAT_OK);
    return out;
}

static carestat_dataset *new_ds(carestat_error_mode mode)
{
    carestat_dataset_options o;
    assert_int_equal(carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION), CARESTAT_OK);
    o.error_mode = mode;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, &o), CARESTAT_OK);
    return ds;
}

/* Paths of files under ../shared/data/derived, resolved before anything is allocated (a missing
 * shared folder skips the test with a longjmp). */
typedef struct shared_paths {
    char p[5][1024];
} shared_paths;

static const char *const OFSTED_FILES[5] = {
    "ofsted_2025_ILACS_inspection_history.csv",
    "ofsted_2025_In-year_inspections.csv",
    "ofsted_2023_LA_inspections_2009-2023_current_LAs.csv",
    "ofsted_2023_LA_inspections_2009-2023_former_LAs.csv",
    "ofsted_2025_Inspections_as_at_31_March.csv",
};

static int resolve(shared_paths *sp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "data/derived/%s", OFSTED_FILES[i]);
        const char *p = cs_test_shared(rel);
        if (!p) return 0;
        snprintf(sp->p[i], sizeof sp->p[i], "%s", p);
    }
    return 1;
}

static void load(carestat_dataset *ds, const char *path)
{
    int rc = carestat_dataset_load_inspections(ds, path);
    if (rc) fail_msg("load %s: %s", path, carestat_dataset_errmsg(ds));
}

static void test_texts(void **state)
{
    (void)state;
    assert_string_equal(carestat_grade_name(CARESTAT_GRADE_REQUIRES_IMPROVEMENT), "Requires improvement to be good");
    assert_string_equal(carestat_grade_name(CARESTAT_GRADE_NONE), "Not graded");
    assert_string_equal(carestat_grade_key(CARESTAT_GRADE_INADEQUATE), "inadequate");
    assert_string_equal(carestat_grade_name((carestat_grade)9), "unknown");
    assert_string_equal(carestat_judgement_area_key(CARESTAT_AREA_CIC_AND_CARE_LEAVERS),
                        "children_in_care_and_care_leavers");
    assert_string_equal(carestat_judgement_area_name(CARESTAT_AREA_OVERALL), "Overall effectiveness");
    assert_string_equal(carestat_inspection_type_name(CARESTAT_INSP_MONITORING_VISIT), "LA Monitoring visit");
    assert_string_equal(carestat_grade_direction_name(CARESTAT_GRADE_DECLINED), "declined");
    /* every enum value has a text */
    for (int a = 0; a < carestat_judgement_area_count(); a++) {
        assert_string_not_equal(carestat_judgement_area_name((carestat_judgement_area)a), "unknown");
        assert_string_not_equal(carestat_judgement_area_key((carestat_judgement_area)a), "unknown");
    }
    for (int t = 0; t < carestat_inspection_type_count(); t++)
        assert_string_not_equal(carestat_inspection_type_name((carestat_inspection_type)t), "unknown");
    assert_int_equal(carestat_grade_count(), 5);
    assert_string_equal(carestat_history_flag_name(CARESTAT_HISTORY_LINEAGE), "lineage");
    assert_string_equal(carestat_history_flag_name((carestat_history_flag)8), "unknown");
    assert_int_equal(carestat_inspection_type_is_graded(CARESTAT_INSP_FOCUSED_VISIT), 0);
    assert_int_equal(carestat_inspection_type_is_graded(CARESTAT_INSP_SIF), 1);
    carestat_grade g = CARESTAT_GRADE_NONE;
    assert_int_equal(carestat_grade_parse(&g, " requires improvement to be good "), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(carestat_grade_parse(&g, "RI"), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(carestat_grade_parse(&g, "outstanding"), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_OUTSTANDING);
    assert_int_equal(carestat_grade_parse(&g, "4"), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(carestat_grade_parse(&g, "-"), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_NONE);
    assert_int_equal(carestat_grade_parse(&g, "inspection_pre_dates_judgement"), CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_NONE);
    assert_int_equal(carestat_grade_parse(&g, "Adequate"), CARESTAT_EPARSE);
    assert_int_equal(carestat_grade_parse(&g, "Goodish"), CARESTAT_EPARSE);
    assert_int_equal(carestat_grade_parse(NULL, "Good"), CARESTAT_EINVAL);
    assert_int_equal(carestat_inspection_grade(NULL, CARESTAT_AREA_OVERALL), CARESTAT_GRADE_NONE);
    assert_int_equal(carestat_inspection_date(NULL), CARESTAT_DATE_NONE);
}

static void check_nn_wn_2022(const carestat_dataset *ds, const char *code, const char *gss)
{
    const carestat_inspection *h[8];
    size_t n = 0;
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, code, 0), CARESTAT_OK);
    assert_true(n >= 1);
    const carestat_inspection *in = h[0];
    assert_string_equal(in->org->code, gss);
    assert_int_equal(in->type, CARESTAT_INSP_ILACS_STANDARD);
    assert_int_equal(in->start, D(2022, 10, 3));
    assert_int_equal(in->published, D(2022, 11, 25));
    assert_int_equal(in->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(in->grades[CARESTAT_AREA_LEADERS], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(in->grades[CARESTAT_AREA_HELP_PROTECTION], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    /* before 1 January 2023: one judgement for children in care and care leavers */
    assert_int_equal(in->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(in->grades[CARESTAT_AREA_CARE_LEAVERS], CARESTAT_GRADE_NONE);
    assert_int_equal(in->grades[CARESTAT_AREA_CHILDREN_IN_CARE], CARESTAT_GRADE_NONE);
    /* still the latest at 31 March 2025, in every area it judged */
    static const carestat_judgement_area areas[] = {CARESTAT_AREA_OVERALL, CARESTAT_AREA_LEADERS,
                                                    CARESTAT_AREA_HELP_PROTECTION, CARESTAT_AREA_CHILDREN_IN_CARE};
    for (size_t i = 0; i < 4; i++) {
        carestat_grade g;
        const carestat_inspection *from = NULL;
        assert_int_equal(carestat_dataset_latest_grade(&g, &from, ds, code, areas[i], D(2025, 3, 31), 0), CARESTAT_OK);
        assert_int_equal(g, CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
        assert_ptr_equal(from, in);
    }
    carestat_grade g;
    assert_int_equal(carestat_dataset_latest_grade(&g, NULL, ds, code, CARESTAT_AREA_CARE_LEAVERS, D(2025, 3, 31), 0),
                     CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_NONE);
}

static void test_ilacs_history(void **state)
{
    (void)state;
    shared_paths sp;
    if (!resolve(&sp, 1)) return;
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    load(ds, sp.p[0]);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_string_equal(s.table, "inspections");
    assert_int_equal(s.rows_read, 271);
    assert_int_equal(s.rows_accepted, 271);
    assert_int_equal(s.rows_rejected, 0);
    assert_int_equal(carestat_diag_list_count(carestat_dataset_diagnostics(ds)), 0);
    /* per type (pandas value_counts on "Inspection type"): 171 standard, 100 short */
    size_t n = carestat_dataset_inspection_count(ds), per[CARESTAT_INSPECTION_TYPE_COUNT] = {0};
    assert_int_equal(n, 271);
    for (size_t i = 0; i < n; i++) {
        const carestat_inspection *in = NULL;
        assert_int_equal(carestat_dataset_inspection_at(&in, ds, i), CARESTAT_OK);
        per[in->type]++;
    }
    assert_int_equal(per[CARESTAT_INSP_ILACS_STANDARD], 171);
    assert_int_equal(per[CARESTAT_INSP_ILACS_SHORT], 100);
    /* Northamptonshire, inspected 17/06/2019, published 29/07/2019: Inadequate overall, leaders RI,
     * help and protection Inadequate, children in care and care leavers Inadequate */
    const carestat_inspection *h[8];
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "Northamptonshire", 0), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_string_equal(h[0]->org->code, "E10000021");
    assert_int_equal(h[0]->start, D(2019, 6, 17));
    assert_int_equal(h[0]->published, D(2019, 7, 29));
    assert_int_equal(h[0]->type, CARESTAT_INSP_ILACS_STANDARD);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_LEADERS], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_HELP_PROTECTION], CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS], CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(carestat_inspection_date(h[0]), D(2019, 6, 17));
    check_nn_wn_2022(ds, "E06000061", "E06000061");
    check_nn_wn_2022(ds, "E06000062", "E06000062");
    /* 31 March 2025: Ofsted published 36 Outstanding, 67 Good, 31 RI, 19 Inadequate (153 LAs) */
    uint64_t c[CARESTAT_GRADE_COUNT];
    assert_int_equal(carestat_dataset_grade_distribution(c, 5, ds, CARESTAT_AREA_OVERALL, D(2025, 3, 31), 0),
                     CARESTAT_OK);
    assert_int_equal(c[CARESTAT_GRADE_OUTSTANDING], 36);
    assert_int_equal(c[CARESTAT_GRADE_GOOD], 67);
    assert_int_equal(c[CARESTAT_GRADE_REQUIRES_IMPROVEMENT], 31);
    assert_int_equal(c[CARESTAT_GRADE_INADEQUATE], 19);
    assert_int_equal(c[CARESTAT_GRADE_NONE], 0);
    assert_int_equal(carestat_dataset_grade_distribution(c, 4, ds, CARESTAT_AREA_OVERALL, D(2025, 3, 31), 0),
                     CARESTAT_EBUFFER);
    assert_int_equal(carestat_dataset_grade_distribution(c, 5, ds, CARESTAT_AREA_OVERALL, CARESTAT_DATE_NONE, 0),
                     CARESTAT_EINVAL);
    /* the trust: Northamptonshire 2019, then North and West Northamptonshire 2022 */
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "TRUST-NCT", 0), CARESTAT_OK);
    assert_int_equal(n, 3);
    assert_string_equal(h[0]->org->code, "E10000021");
    assert_int_equal(carestat_dataset_org_inspections(h, 1, &n, ds, "TRUST-NCT", 0), CARESTAT_EBUFFER);
    assert_int_equal(n, 3);
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "Narnia", 0), CARESTAT_ENOTFOUND);
    carestat_dataset_free(ds);
}

static void test_all_files(void **state)
{
    (void)state;
    shared_paths sp;
    if (!resolve(&sp, 4)) return;
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    for (size_t i = 0; i < 4; i++) load(ds, sp.p[i]);
    static const uint64_t rows[] = {271, 112, 152, 4};
    for (size_t i = 0; i < 4; i++) {
        carestat_load_summary s;
        assert_int_equal(carestat_dataset_load_summary(&s, ds, i), CARESTAT_OK);
        assert_int_equal(s.rows_read, rows[i]);
        assert_int_equal(s.rows_accepted, rows[i]);
    }
    /* Inspections per type, counted with pandas (non-empty publication dates per column group of
     * the 2009-2023 tables; value_counts of the type columns of the 2025 tables):
     * - ILACS standard 171 / short 100: the 2025 history; the in-year sheet's 22 + 30 and the 2009-2023
     *   ILACS columns (127 + 50) are the same inspections;
     * - focused visits 36, monitoring visits 24 (in-year sheet);
     * - SIF 152, SIF re-inspections 21, SLAC 152, CPI 50, CPRI 1, TLAC 5;
     * - SLAC re-inspections 9: 9 of safeguarding + 2 of looked after children, the 2 (Cornwall and
     *   Warrington) published on the same day as their safeguarding re-inspection = one each. */
    size_t per[CARESTAT_INSPECTION_TYPE_COUNT] = {0}, n = carestat_dataset_inspection_count(ds);
    for (size_t i = 0; i < n; i++) {
        const carestat_inspection *in = NULL;
        assert_int_equal(carestat_dataset_inspection_at(&in, ds, i), CARESTAT_OK);
        per[in->type]++;
    }
    assert_int_equal(per[CARESTAT_INSP_UNKNOWN], 0);
    assert_int_equal(per[CARESTAT_INSP_ILACS_STANDARD], 171);
    assert_int_equal(per[CARESTAT_INSP_ILACS_SHORT], 100);
    assert_int_equal(per[CARESTAT_INSP_FOCUSED_VISIT], 36);
    assert_int_equal(per[CARESTAT_INSP_MONITORING_VISIT], 24);
    assert_int_equal(per[CARESTAT_INSP_SIF], 152);
    assert_int_equal(per[CARESTAT_INSP_SIF_REINSPECTION], 21);
    assert_int_equal(per[CARESTAT_INSP_SLAC], 152);
    assert_int_equal(per[CARESTAT_INSP_SLAC_REINSPECTION], 9);
    assert_int_equal(per[CARESTAT_INSP_CPI], 50);
    assert_int_equal(per[CARESTAT_INSP_CPRI], 1);
    assert_int_equal(per[CARESTAT_INSP_TLAC], 5);
    assert_int_equal(per[CARESTAT_INSP_JTAI], 0);
    assert_int_equal(n, 721);
    /* Ofsted's two tables disagree twice (Merton 2022 standard vs short; Nottingham 2022 published
     * 05/09 vs 05/11): warnings, the first-loaded value kept */
    const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
    assert_int_equal(carestat_diag_list_count(dl), 2);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(carestat_diag_list_get(dl, i)->code, "INSPECTION_CONFLICT");
        assert_int_equal(carestat_diag_list_get(dl, i)->severity, CARESTAT_SEV_WARNING);
    }
    /* the distribution is unchanged by the extra files */
    uint64_t c[5];
    assert_int_equal(carestat_dataset_grade_distribution(c, 5, ds, CARESTAT_AREA_OVERALL, D(2025, 3, 31), 0),
                     CARESTAT_OK);
    assert_int_equal(c[1], 36);
    assert_int_equal(c[2], 67);
    assert_int_equal(c[3], 31);
    assert_int_equal(c[4], 19);
    check_nn_wn_2022(ds, "North Northamptonshire", "E06000061");
    check_nn_wn_2022(ds, "West Northamptonshire", "E06000062");

    /* North Northamptonshire with its predecessor: SLAC 06/05/2011, CPI 20/03/2013 Inadequate, TLAC
     * 23/08/2013 Inadequate, SIF 27/04/2016 RI, ILACS 2019 Inadequate, ILACS 2022 RI, focused visit
     * 01/10/2024 (theme care leavers, published 31/10/2024) */
    const carestat_inspection *h[16];
    assert_int_equal(carestat_dataset_org_inspections(h, 16, &n, ds, "940", CARESTAT_HISTORY_LINEAGE), CARESTAT_OK);
    assert_int_equal(n, 7);
    static const carestat_inspection_type types[] = {CARESTAT_INSP_SLAC, CARESTAT_INSP_CPI, CARESTAT_INSP_TLAC,
                                                     CARESTAT_INSP_SIF, CARESTAT_INSP_ILACS_STANDARD,
                                                     CARESTAT_INSP_ILACS_STANDARD, CARESTAT_INSP_FOCUSED_VISIT};
    for (size_t i = 0; i < 7; i++) assert_int_equal(h[i]->type, types[i]);
    assert_string_equal(h[0]->org->code, "E10000021");
    assert_int_equal(h[0]->published, D(2011, 5, 6));
    assert_int_equal(h[0]->start, CARESTAT_DATE_NONE);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_SLAC_SAFEGUARDING], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(h[3]->published, D(2016, 4, 27));
    assert_int_equal(h[3]->grades[CARESTAT_AREA_SIF_LEADERSHIP], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(h[3]->grades[CARESTAT_AREA_LSCB], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(h[4]->start, D(2019, 6, 17)); /* merged: start from the 2025 table */
    assert_int_equal(h[6]->published, D(2024, 10, 31));
    assert_string_equal(h[6]->theme, "Care leavers");
    assert_int_equal(h[6]->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_NONE);
    assert_int_equal(carestat_dataset_org_inspections(h, 16, &n, ds, "940", 0), CARESTAT_OK);
    assert_int_equal(n, 2);

    /* trajectory of overall effectiveness: CPI 4 -> TLAC 4 unchanged -> SIF 3 improved by 1 ->
     * ILACS 2019 4 declined by 1 -> ILACS 2022 3 improved by 1 */
    carestat_grade_change ch[8];
    assert_int_equal(carestat_dataset_grade_changes(ch, 8, &n, ds, "940", CARESTAT_AREA_OVERALL,
                                                    CARESTAT_HISTORY_LINEAGE),
                     CARESTAT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(ch[0].direction, CARESTAT_GRADE_UNCHANGED);
    assert_int_equal(ch[0].steps, 0);
    assert_int_equal(ch[1].direction, CARESTAT_GRADE_IMPROVED);
    assert_int_equal(ch[1].steps, 1);
    assert_int_equal(ch[2].direction, CARESTAT_GRADE_DECLINED);
    assert_int_equal(ch[2].steps, -1);
    assert_int_equal(ch[2].from_grade, CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(ch[2].to_grade, CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(ch[3].direction, CARESTAT_GRADE_IMPROVED);
    assert_string_equal(ch[3].to->org->code, "E06000061");
    assert_int_equal(carestat_dataset_grade_changes(ch, 8, &n, ds, "940", CARESTAT_AREA_OVERALL, 0), CARESTAT_OK);
    assert_int_equal(n, 0);
    /* the 2019 -> 2022 change in children in care (combined judgement both times): Inadequate -> RI */
    assert_int_equal(carestat_dataset_grade_changes(ch, 8, &n, ds, "941", CARESTAT_AREA_CHILDREN_IN_CARE,
                                                    CARESTAT_HISTORY_LINEAGE),
                     CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ch[0].steps, 1);

    /* time since the last graded inspection, as at 31 March 2025: from 3 October 2022 =
     * 731 days to 3 October 2024 (29 February 2024 included) + 28 (rest of October) + 30 + 31 + 31
     * + 28 + 31 = 910 days; the focused visit of 2024 is not graded */
    int32_t days = 0;
    const carestat_inspection *last = NULL;
    assert_int_equal(carestat_dataset_days_since_graded(&days, &last, ds, "940", D(2025, 3, 31), 0), CARESTAT_OK);
    assert_int_equal(days, 910);
    assert_int_equal(last->start, D(2022, 10, 3));
    /* as at 1 January 2022 NN had none of its own; with lineage: Northamptonshire's from 17/06/2019
     * = 198 days to 1 January 2020 + 366 (2020) + 365 (2021) = 929 */
    assert_int_equal(carestat_dataset_days_since_graded(&days, &last, ds, "940", D(2022, 1, 1), 0), CARESTAT_OK);
    assert_int_equal(days, -1);
    assert_null(last);
    assert_int_equal(carestat_dataset_days_since_graded(&days, &last, ds, "940", D(2022, 1, 1),
                                                        CARESTAT_HISTORY_LINEAGE),
                     CARESTAT_OK);
    assert_int_equal(days, 929);

    /* inspections of councils that no longer exist attach to the former organisation: Buckinghamshire's
     * SLAC (24/01/2011), SIF (08/08/2014) and SIF re-inspection (29/01/2018) belong to the county
     * council E10000002, its ILACS (11/02/2022) to Buckinghamshire Council E06000060; all are in
     * E06000060's history through the 2020 code change */
    assert_int_equal(carestat_dataset_org_inspections(h, 16, &n, ds, "E06000060", 0), CARESTAT_OK);
    assert_true(n >= 4);
    static const carestat_inspection_type btypes[] = {CARESTAT_INSP_SLAC, CARESTAT_INSP_SIF,
                                                      CARESTAT_INSP_SIF_REINSPECTION};
    static const int bdates[][3] = {{2011, 1, 24}, {2014, 8, 8}, {2018, 1, 29}};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(h[i]->type, btypes[i]);
        assert_string_equal(h[i]->org->code, "E10000002");
        assert_int_equal(h[i]->published, D(bdates[i][0], bdates[i][1], bdates[i][2]));
    }
    assert_string_equal(h[3]->org->code, "E06000060");
    assert_int_equal(h[3]->published, D(2022, 2, 11));
    /* Dorset County Council (former table) vs Dorset Council (current table) */
    assert_int_equal(carestat_dataset_org_inspections(h, 16, &n, ds, "E10000009", 0), CARESTAT_OK);
    assert_int_equal(n, 2); /* SLAC 2011, SIF 2016 */
    assert_int_equal(h[1]->published, D(2016, 5, 23));
    carestat_dataset_free(ds);
}

/* Ofsted's own "Inspections as at 31 March 2025" sheet (no type column): alone it gives the same
 * distribution; loaded after the ILACS history, each of its 153 rows is an inspection already known. */
static void test_as_at_sheet(void **state)
{
    (void)state;
    shared_paths sp;
    if (!resolve(&sp, 5)) return;
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    load(ds, sp.p[4]);
    assert_int_equal(carestat_dataset_inspection_count(ds), 153);
    const carestat_inspection *in = NULL;
    assert_int_equal(carestat_dataset_inspection_at(&in, ds, 0), CARESTAT_OK);
    assert_int_equal(in->type, CARESTAT_INSP_UNKNOWN);
    uint64_t c[5];
    assert_int_equal(carestat_dataset_grade_distribution(c, 5, ds, CARESTAT_AREA_OVERALL, D(2025, 3, 31), 0),
                     CARESTAT_OK);
    assert_int_equal(c[1], 36);
    assert_int_equal(c[2], 67);
    assert_int_equal(c[3], 31);
    assert_int_equal(c[4], 19);
    carestat_dataset_free(ds);
    ds = new_ds(CARESTAT_ROWS_KEEP);
    load(ds, sp.p[0]);
    load(ds, sp.p[4]);
    assert_int_equal(carestat_dataset_inspection_count(ds), 271);
    for (size_t i = 0; i < 271; i++) {
        assert_int_equal(carestat_dataset_inspection_at(&in, ds, i), CARESTAT_OK);
        assert_int_not_equal(in->type, CARESTAT_INSP_UNKNOWN);
    }
    assert_int_equal(carestat_diag_list_count(carestat_dataset_diagnostics(ds)), 0);
    carestat_dataset_free(ds);
}

/* The 2009-2023 former-LAs table alone: 4 councils, 3 + 2 + 2 + 5 inspections (non-empty
 * publication dates per row), each attached to the former council. */
static void test_former_las(void **state)
{
    (void)state;
    shared_paths sp;
    if (!resolve(&sp, 4)) return;
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    load(ds, sp.p[3]);
    assert_int_equal(carestat_dataset_inspection_count(ds), 12);
    static const struct {
        const char *code;
        size_t n;
    } want[] = {{"E06000028", 3}, {"E10000009", 2}, {"E06000029", 2}, {"E10000021", 5}};
    const carestat_inspection *h[8];
    size_t n = 0;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, want[i].code, 0), CARESTAT_OK);
        assert_int_equal(n, want[i].n);
        for (size_t k = 0; k < n; k++) assert_string_equal(h[k]->org->code, want[i].code);
    }
    /* Northamptonshire's ILACS from this table: published 29/07/2019, no start date */
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "E10000021", 0), CARESTAT_OK);
    const carestat_inspection *il = h[4];
    assert_int_equal(il->type, CARESTAT_INSP_ILACS_STANDARD);
    assert_int_equal(il->start, CARESTAT_DATE_NONE);
    assert_int_equal(il->published, D(2019, 7, 29));
    assert_int_equal(il->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(il->grades[CARESTAT_AREA_LEADERS], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(il->grades[CARESTAT_AREA_HELP_PROTECTION], CARESTAT_GRADE_INADEQUATE);
    assert_int_equal(il->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS], CARESTAT_GRADE_INADEQUATE);
    /* SIF 27/04/2016: RI overall and on all sub-judgements (domain.md 5.8) */
    const carestat_inspection *sif = h[3];
    assert_int_equal(sif->type, CARESTAT_INSP_SIF);
    static const carestat_judgement_area sif_areas[] = {
        CARESTAT_AREA_OVERALL,        CARESTAT_AREA_SIF_HELP_PROTECTION, CARESTAT_AREA_SIF_LOOKED_AFTER,
        CARESTAT_AREA_SIF_ADOPTION,   CARESTAT_AREA_SIF_CARE_LEAVERS,    CARESTAT_AREA_SIF_LEADERSHIP,
        CARESTAT_AREA_LSCB};
    for (size_t i = 0; i < sizeof sif_areas / sizeof sif_areas[0]; i++)
        assert_int_equal(carestat_inspection_grade(sif, sif_areas[i]), CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    /* as at 31 March 2025, BCP's history with lineage reaches Bournemouth's and Poole's, not Dorset
     * County Council's (Christchurch was only a part) */
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "E06000058", CARESTAT_HISTORY_LINEAGE),
                     CARESTAT_OK);
    assert_int_equal(n, 5);
    carestat_dataset_free(ds);
}

static const char *A_HEADER =
    "Local authority area code,Local authority name,Inspection date,Publication date,Inspection type,"
    "Overall effectiveness,The impact of leaders on social work practice with children and families\n";

static const char *a_fixture(void)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s%s", A_HEADER,
             "E06000061,North Northamptonshire,2022-10-03,2022-11-25,ILACS Standard Inspection,Requires improvement to be good,Great\n"
             "E99999999,Atlantis,2022-10-03,2022-11-25,ILACS Standard Inspection,Good,Good\n"
             "E06000062,West Northamptonshire,2022-13-03,2022-11-25,ILACS Standard Inspection,Good,Good\n"
             "E06000062,West Northamptonshire,,,ILACS Short Inspection,Good,Good\n"
             "E06000061,North Northamptonshire,2023-05-01,2023-06-01,Inspection of the moon,Good,Good\n"
             "\"E06000061\",\"North Northamptonshire\",\"01/10/2024\",\"31/10/2024\",\"ILACS Focused Visit\",\"\",\"\"\n");
    return buf;
}

static void check_diag(const carestat_diag *d, uint64_t line, uint32_t col, const char *code)
{
    assert_non_null(d);
    assert_int_equal(d->line, line);
    assert_int_equal(d->column, col);
    assert_string_equal(d->code, code);
    assert_int_equal(d->severity, CARESTAT_SEV_ERROR);
}

static void test_errors_keep(void **state)
{
    (void)state;
    const char *p = cs_test_write_file("insp_a.csv", a_fixture());
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_OK);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    /* 6 rows: line 3 (unknown council) and line 5 (no date) rejected; the others kept */
    assert_int_equal(s.rows_read, 6);
    assert_int_equal(s.rows_accepted, 4);
    assert_int_equal(s.rows_rejected, 2);
    const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
    assert_int_equal(carestat_diag_list_count(dl), 5);
    check_diag(carestat_diag_list_get(dl, 0), 2, 7, "INSPECTION_UNKNOWN_GRADE");
    check_diag(carestat_diag_list_get(dl, 1), 3, 1, "INSPECTION_UNKNOWN_ORG");
    check_diag(carestat_diag_list_get(dl, 2), 4, 3, "INSPECTION_BAD_DATE");
    check_diag(carestat_diag_list_get(dl, 3), 5, 3, "INSPECTION_NO_DATE");
    check_diag(carestat_diag_list_get(dl, 4), 6, 5, "INSPECTION_UNKNOWN_TYPE");
    assert_non_null(strstr(carestat_diag_list_get(dl, 0)->message, "Great"));
    assert_int_equal(carestat_dataset_inspection_count(ds), 4);
    const carestat_inspection *h[8];
    size_t n = 0;
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "E06000061", 0), CARESTAT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_REQUIRES_IMPROVEMENT);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_LEADERS], CARESTAT_GRADE_NONE); /* "Great" kept as unknown */
    assert_int_equal(h[1]->type, CARESTAT_INSP_UNKNOWN);
    assert_int_equal(h[2]->type, CARESTAT_INSP_FOCUSED_VISIT);
    assert_int_equal(h[2]->start, D(2024, 10, 1)); /* dd/mm/yyyy accepted */
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "E06000062", 0), CARESTAT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(h[0]->start, CARESTAT_DATE_NONE);
    assert_int_equal(h[0]->published, D(2022, 11, 25));
    /* an inspection dated before the council existed is kept, with a warning */
    const char *q = cs_test_write_file("insp_early.csv", "Local authority area code,Inspection date,Publication date,"
                                                         "Overall effectiveness\n"
                                                         "E06000062,2019-06-17,2019-07-29,Inadequate\n");
    assert_int_equal(carestat_dataset_load_inspections(ds, q), CARESTAT_OK);
    assert_int_equal(carestat_diag_list_count(dl), 6);
    const carestat_diag *w = carestat_diag_list_get(dl, 5);
    assert_string_equal(w->code, "INSPECTION_ORG_NOT_EXISTING");
    assert_int_equal(w->severity, CARESTAT_SEV_WARNING);
    assert_int_equal(w->line, 2);
    assert_int_equal(w->column, 1);
    assert_int_equal(carestat_dataset_inspection_count(ds), 5);
    /* loading the same file again adds nothing new (same inspections), but reports again */
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_OK);
    assert_int_equal(carestat_dataset_inspection_count(ds), 5);
    carestat_dataset_free(ds);
}

static void test_errors_drop_stop(void **state)
{
    (void)state;
    const char *p = cs_test_write_file("insp_b.csv", a_fixture());
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_DROP);
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_OK);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 6);
    assert_int_equal(s.rows_accepted, 1); /* only the focused visit has no error */
    assert_int_equal(s.rows_rejected, 5);
    assert_int_equal(carestat_dataset_inspection_count(ds), 1);
    carestat_dataset_free(ds);
    /* a CSV-level error (text after a closing quote, line 3 column 2) counts as an error of the row */
    const char *q = cs_test_write_file("insp_csv.csv", "Local authority area code,Local authority name,Inspection date,"
                                                       "Publication date,Overall effectiveness\n"
                                                       "E06000061,North Northamptonshire,2022-10-03,2022-11-25,Good\n"
                                                       "E06000062,\"West\" Northants,2022-10-03,2022-11-25,Good\n");
    ds = new_ds(CARESTAT_ROWS_DROP);
    assert_int_equal(carestat_dataset_load_inspections(ds, q), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 2);
    assert_int_equal(s.rows_accepted, 1);
    assert_int_equal(s.rows_rejected, 1);
    assert_string_equal(carestat_diag_list_get(carestat_dataset_diagnostics(ds), 0)->code, "CSV_BAD_QUOTE");
    carestat_dataset_free(ds);
    ds = new_ds(CARESTAT_ROWS_STOP);
    assert_int_equal(carestat_dataset_load_inspections(ds, q), CARESTAT_EPARSE);
    assert_int_equal(carestat_dataset_inspection_count(ds), 1);
    carestat_dataset_free(ds);
    ds = new_ds(CARESTAT_ROWS_STOP);
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_EPARSE);
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 1);
    assert_int_equal(s.rows_rejected, 1);
    assert_int_equal(carestat_dataset_inspection_count(ds), 0);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "insp_b.csv"));
    carestat_dataset_free(ds);
}

static void test_wide_fixture(void **state)
{
    (void)state;
    /* The 2009-2023 layout: names, publication dates, a header with a newline inside quotes (so the
     * header takes lines 1-2 and the data rows are lines 3-6):
     * line 3: Rutland, SLAC + SIF + ILACS short (care leavers blank -> the combined judgement);
     * line 4: unknown council (rejected);
     * line 5: Dorset in 2011/2016 = the county council E10000009; SIF grade "Adequate" unknown (col 6);
     * line 6: Poole, impossible SLAC date 30 February (col 2): that inspection is skipped, SIF kept. */
    const char *p = cs_test_write_file(
        "wide.csv",
        "Local authority name,Safeguarding & Looked After Children (SLAC) Inspection publication date,"
        "SLAC Safeguarding Overall effectiveness (OE),SLAC Looked After Children Overall Effectiveness (OE),"
        "Single Inspection of LA Children's Services (SIF) First SIF publication date,\"First SIF Overall Judgement\n(OE)\","
        "First ILACS framework inspection type,First ILACS framework publication date,"
        "First ILACS framework overall effectiveness,First ILACS framework experiences and progress of children in care,"
        "First ILACS framework experiences and progress of care leavers\n"
        "Rutland,2011-03-01T00:00:00,Good,Outstanding,2016-01-01T00:00:00,Good,ILACS Short Inspection,2019-05-01T00:00:00,Good,Good,\n"
        "Atlantis,2011-03-01T00:00:00,Good,Good,,,,,,,\n"
        "Dorset,2011-10-28T00:00:00,Good,Good,2016-05-23T00:00:00,Adequate,,,,,\n"
        "Poole,2011-02-30T00:00:00,Good,Good,2016-06-01T00:00:00,Inadequate,,,,,\n");
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_OK);
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, 0), CARESTAT_OK);
    assert_int_equal(s.rows_read, 4);
    assert_int_equal(s.rows_accepted, 3);
    assert_int_equal(s.rows_rejected, 1);
    const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
    assert_int_equal(carestat_diag_list_count(dl), 3);
    /* the header spans lines 1-2, so data starts on line 3 */
    check_diag(carestat_diag_list_get(dl, 0), 4, 1, "INSPECTION_UNKNOWN_ORG");
    check_diag(carestat_diag_list_get(dl, 1), 5, 6, "INSPECTION_UNKNOWN_GRADE");
    check_diag(carestat_diag_list_get(dl, 2), 6, 2, "INSPECTION_BAD_DATE");
    /* Rutland 3, Dorset CC 2 (SIF with its grade unknown), Poole 1 (the SLAC had no usable date) */
    assert_int_equal(carestat_dataset_inspection_count(ds), 6);
    const carestat_inspection *h[8];
    size_t n = 0;
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "Rutland", 0), CARESTAT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(h[0]->type, CARESTAT_INSP_SLAC);
    assert_int_equal(h[0]->grades[CARESTAT_AREA_SLAC_LOOKED_AFTER], CARESTAT_GRADE_OUTSTANDING);
    assert_int_equal(h[1]->type, CARESTAT_INSP_SIF);
    assert_int_equal(h[1]->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_GOOD);
    assert_int_equal(h[2]->type, CARESTAT_INSP_ILACS_SHORT);
    assert_int_equal(h[2]->grades[CARESTAT_AREA_CIC_AND_CARE_LEAVERS], CARESTAT_GRADE_GOOD);
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "E10000009", 0), CARESTAT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(h[1]->grades[CARESTAT_AREA_OVERALL], CARESTAT_GRADE_NONE);
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "E06000059", 0), CARESTAT_OK);
    assert_int_equal(n, 0);
    assert_int_equal(carestat_dataset_org_inspections(h, 8, &n, ds, "Poole", 0), CARESTAT_OK);
    assert_int_equal(n, 1);
    /* latest overall grade of Rutland at dates */
    carestat_grade g;
    assert_int_equal(carestat_dataset_latest_grade(&g, NULL, ds, "Rutland", CARESTAT_AREA_OVERALL, D(2015, 1, 1), 0),
                     CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_NONE);
    assert_int_equal(carestat_dataset_latest_grade(&g, NULL, ds, "Rutland", CARESTAT_AREA_OVERALL, D(2016, 1, 1), 0),
                     CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_GOOD);
    assert_int_equal(carestat_dataset_latest_grade(&g, NULL, ds, "Rutland", (carestat_judgement_area)99,
                                                   D(2016, 1, 1), 0),
                     CARESTAT_EINVAL);
    carestat_dataset_free(ds);
}

static void test_unsupported(void **state)
{
    (void)state;
    carestat_dataset *ds = new_ds(CARESTAT_ROWS_KEEP);
    const char *p = cs_test_write_file("other.csv", "a,b,c\n1,2,3\n");
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_EUNSUPPORTED);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "other.csv"));
    assert_int_equal(carestat_dataset_load_inspections(ds, "/nonexistent/ofsted.csv"), CARESTAT_EIO);
    p = cs_test_write_file("empty.csv", "");
    assert_int_equal(carestat_dataset_load_inspections(ds, p), CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_dataset_load_inspections(NULL, p), CARESTAT_EINVAL);
    assert_int_equal(carestat_dataset_inspection_count(ds), 0);
    const carestat_inspection *in = NULL;
    assert_int_equal(carestat_dataset_inspection_at(&in, ds, 0), CARESTAT_ERANGE);
    /* queries with nothing loaded */
    carestat_grade g;
    assert_int_equal(carestat_dataset_latest_grade(&g, NULL, ds, "940", CARESTAT_AREA_OVERALL, D(2025, 1, 1), 0),
                     CARESTAT_OK);
    assert_int_equal(g, CARESTAT_GRADE_NONE);
    uint64_t c[5];
    assert_int_equal(carestat_dataset_grade_distribution(c, 5, ds, CARESTAT_AREA_OVERALL, D(2025, 3, 31), 0),
                     CARESTAT_OK);
    assert_int_equal(c[0], 153);
    carestat_dataset_free(ds);
}

/* Allocation failure at every allocation in turn: the load and the queries return CARESTAT_ENOMEM
 * (or succeed), never crash or leak (ASan checks the leaks). */
static void test_alloc_failures(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s", cs_test_write_file("alloc_a.csv", a_fixture()));
    int done = 0;
    for (long n = 1; n < 20000 && !done; n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_dataset *ds = NULL;
        int rc = carestat_dataset_new(&ds, NULL);
        if (rc == CARESTAT_OK) {
            rc = carestat_dataset_load_inspections(ds, path);
            if (rc == CARESTAT_OK) rc = carestat_dataset_load_inspections(ds, path);
            uint64_t c[5];
            if (rc == CARESTAT_OK)
                rc = carestat_dataset_grade_distribution(c, 5, ds, CARESTAT_AREA_OVERALL, D(2025, 3, 31), 0);
            const carestat_inspection *h[8];
            size_t k = 0;
            if (rc == CARESTAT_OK) rc = carestat_dataset_org_inspections(h, 8, &k, ds, "940", 0);
            carestat_grade_change ch[4];
            if (rc == CARESTAT_OK) rc = carestat_dataset_grade_changes(ch, 4, &k, ds, "940", CARESTAT_AREA_OVERALL, 0);
            if (rc == CARESTAT_OK) {
                /* as in test_errors_keep: NN RI in 2022 then Good in 2023 (one change); WN Good */
                assert_int_equal(c[CARESTAT_GRADE_REQUIRES_IMPROVEMENT], 0);
                assert_int_equal(c[CARESTAT_GRADE_GOOD], 2); /* NN 2023 (type unknown) and WN 2022 */
                assert_int_equal(k, 1);
                done = 1;
            } else {
                assert_int_equal(rc, CARESTAT_ENOMEM);
            }
            carestat_dataset_free(ds);
        } else {
            assert_int_equal(rc, CARESTAT_ENOMEM);
        }
        assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
    }
    assert_true(done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_texts),        cmocka_unit_test(test_ilacs_history),
        cmocka_unit_test(test_all_files),     cmocka_unit_test(test_as_at_sheet),     cmocka_unit_test(test_former_las),    cmocka_unit_test(test_errors_keep),
        cmocka_unit_test(test_errors_drop_stop), cmocka_unit_test(test_wide_fixture),
        cmocka_unit_test(test_unsupported),      cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
