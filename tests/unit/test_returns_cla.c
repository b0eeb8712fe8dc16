/* Children looked after across consecutive annual returns. The 2022-23 return has two children in
 * care at 31 March 2023 (A and B, both open). The 2023-24 return mentions B (still open) and a new
 * child C, but not A: every return lists all children looked after during its year, so A left care
 * at the end of 2022-23 (day unknown) and must not be counted at 31 March 2024.
 *   at 31 March 2023: A, B   = 2
 *   at 31 March 2024: B, C   = 2   (3 if A's open episode were believed) */
#include "testutil.h"

#include "carestat.h"

#define EP_HEADER "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
#define HDR_HEADER "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"

static void write(const char *dir, const char *name, const char *text)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void test_child_missing_from_next_return(void **state)
{
    (void)state;
    const char *y23 = cs_test_tmpdir(), *y24 = cs_test_tmpdir();
    write(y23, "episodes.csv", EP_HEADER "A,01/05/2022,S,C2,N1,U4,PR1,,,,,,\nB,01/06/2022,S,C2,N1,U4,PR1,,,,,,\n");
    write(y23, "header.csv", HDR_HEADER "A,1,01/01/2010,WBRI,,,\nB,2,01/01/2012,WBRI,,,\n");
    write(y24, "episodes.csv", EP_HEADER "B,01/06/2022,S,C2,N1,U4,PR1,,,,,,\nC,01/09/2023,S,C2,N1,U1,PR1,,,,,,\n");
    write(y24, "header.csv", HDR_HEADER "B,2,01/01/2012,WBRI,,,\nC,1,01/01/2015,WBRI,,,\n");
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    carestat_903_options o;
    carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION);
    o.org_code = "E06000061";
    o.collection_year = 2023;
    const char *p23[1] = {y23}, *p24[1] = {y24};
    assert_int_equal(carestat_dataset_load_903(ds, p23, 1, &o), CARESTAT_OK);
    o.collection_year = 2024;
    assert_int_equal(carestat_dataset_load_903(ds, p24, 1, &o), CARESTAT_OK);

    /* the reader says what it assumed */
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    int noted = 0;
    for (size_t i = 0; i < carestat_diag_list_count(l); i++)
        noted |= strcmp(carestat_diag_list_get(l, i)->code, "903_EP_OPEN_NOT_CONTINUED") == 0;
    assert_true(noted);

    const char *ids[2] = {"cla.looked_after", "cla.starts"};
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION);
    rq.indicators = ids;
    rq.n_indicators = 2;
    carestat_table *t;
    assert_int_equal(carestat_compute(&t, ds, &rq), CARESTAT_OK);
    double at[2] = {NAN, NAN}, starts[2] = {NAN, NAN};
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_observation ob;
        carestat_table_get(&ob, t, i);
        int y = carestat_reporting_year_of(ob.period_end);
        if (y < 2023 || y > 2024) continue;
        if (strcmp(ob.indicator, "cla.looked_after") == 0) at[y - 2023] = ob.value;
        else starts[y - 2023] = ob.value;
    }
    assert_near(at[0], 2, 0);     /* A and B at 31 March 2023 */
    assert_near(at[1], 2, 0);     /* B and C at 31 March 2024, not A */
    assert_near(starts[0], 2, 0); /* A (May 2022) and B (June 2022) */
    assert_near(starts[1], 1, 0); /* C */
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_child_missing_from_next_return),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
