/* Disclosure control on every output path of a computation: with the dfe preset no small count is
 * shown, none can be recovered by subtraction from a total (secondary suppression), and no output
 * carries a child's identifier, date of birth or postcode.
 *
 * Fixture (collection year 2024, year ending 31 March 2024): Northamptonshire Children's Trust
 * (TRUST-NCT) delivers for North Northamptonshire (E06000061) and West Northamptonshire (E06000062).
 *   North: 3 children start on 1 June 2023, all with relatives (U1), all still looked after.
 *   West:  20 children start on 1 June 2023, 10 with relatives (U1) and 10 in other foster care (U4).
 * So starts: North 3, West 20, trust 23; kinship at 31 March: North 3/3, West 10/20, trust 13/23.
 * North's 3 is below DfE's threshold of 6 and is suppressed; the trust's 23 and 13 stay shown, so
 * West (the only other member) must be withheld too, or North = trust - West. */
#include "testutil.h"

#include "carestat.h"

static char *fixture(const char *prefix, int n, int u1)
{
    static char buf[2][8192];
    static int which;
    char *b = buf[which++ % 2];
    size_t used = 0;
    used += (size_t)snprintf(b + used, 8192 - used,
                             "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n");
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(b + used, 8192 - used, "%sQX%02d,01/06/2023,S,C2,N1,%s,PR1,,,,ZZ9 9ZZ,YY8 8YY,SC1\n",
                                 prefix, i, i < u1 ? "U1" : "U4");
    return b;
}

static char *header(const char *prefix, int n)
{
    static char buf[2][8192];
    static int which;
    char *b = buf[which++ % 2];
    size_t used = (size_t)snprintf(b, 8192, "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n");
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(b + used, 8192 - used, "%sQX%02d,1,17/03/2011,WBRI,A123456789012,,\n", prefix, i);
    return b;
}

static void load_council(carestat_dataset *ds, const char *code, const char *prefix, int n, int u1)
{
    const char *dir = cs_test_tmpdir();
    char p[4200];
    snprintf(p, sizeof p, "%s/episodes.csv", dir);
    FILE *fp = fopen(p, "wb");
    fputs(fixture(prefix, n, u1), fp);
    fclose(fp);
    snprintf(p, sizeof p, "%s/header.csv", dir);
    fp = fopen(p, "wb");
    fputs(header(prefix, n), fp);
    fclose(fp);
    carestat_903_options o;
    carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION);
    o.org_code = code;
    o.collection_year = 2024;
    const char *paths[1] = {dir};
    assert_int_equal(carestat_dataset_load_903(ds, paths, 1, &o), CARESTAT_OK);
}

static carestat_table *compute(carestat_dataset *ds, carestat_disclosure disclosure)
{
    static const char *const orgs[] = {"TRUST-NCT", "E06000061", "E06000062"};
    static const char *const ids[] = {"cla.starts", "cla.looked_after", "cla.kinship"};
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION);
    rq.orgs = orgs;
    rq.n_orgs = 3;
    rq.indicators = ids;
    rq.n_indicators = 3;
    rq.year_from = rq.year_to = 2024;
    rq.disclosure = disclosure;
    carestat_table *t = NULL;
    assert_int_equal(carestat_compute(&t, ds, &rq), CARESTAT_OK);
    return t;
}

static carestat_observation row(const carestat_table *t, const char *org, const char *ind)
{
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        if (strcmp(o.org_code, org) == 0 && strcmp(o.indicator, ind) == 0) return o;
    }
    fail_msg("no row %s %s", org, ind);
    carestat_observation none;
    memset(&none, 0, sizeof none);
    return none;
}

static carestat_dataset *make(void)
{
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    load_council(ds, "E06000061", "N", 3, 3);
    load_council(ds, "E06000062", "W", 20, 10);
    return ds;
}

static void test_without_disclosure(void **state)
{
    (void)state;
    carestat_dataset *ds = make();
    carestat_table *t = compute(ds, CARESTAT_DISCLOSURE_NONE);
    assert_near(row(t, "E06000061", "cla.starts").value, 3, 0);
    assert_near(row(t, "E06000062", "cla.starts").value, 20, 0);
    carestat_observation trust = row(t, "TRUST-NCT", "cla.starts");
    assert_near(trust.value, 23, 0);
    assert_true(trust.flags & CARESTAT_FLAG_COMBINED);
    carestat_observation k = row(t, "TRUST-NCT", "cla.kinship");
    assert_near(k.numerator, 13, 0);
    assert_near(k.denominator, 23, 0);
    assert_near(row(t, "E06000061", "cla.kinship").value, 100, 1e-9);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_primary_and_secondary(void **state)
{
    (void)state;
    carestat_dataset *ds = make();
    carestat_table *t = compute(ds, CARESTAT_DISCLOSURE_DFE);
    const char *ids[3] = {"cla.starts", "cla.looked_after", "cla.kinship"};
    for (int i = 0; i < 3; i++) {
        carestat_observation north = row(t, "E06000061", ids[i]);
        carestat_observation west = row(t, "E06000062", ids[i]);
        carestat_observation trust = row(t, "TRUST-NCT", ids[i]);
        /* primary: North's 3 */
        assert_true(north.flags & CARESTAT_FLAG_SUPPRESSED);
        assert_true(isnan(north.value) && isnan(north.numerator));
        /* secondary: West, or North = trust - West */
        assert_true(west.flags & CARESTAT_FLAG_SUPPRESSED);
        assert_true(isnan(west.value) && isnan(west.numerator) && isnan(west.denominator));
        /* the trust is large enough to show */
        assert_false(trust.flags & CARESTAT_FLAG_SUPPRESSED);
        assert_near(trust.numerator, i == 2 ? 13 : 23, 0);
    }
    /* every writer shows the same: no 3, no 20 for the councils */
    char *csv, *json;
    assert_int_equal(carestat_table_to_csv(&csv, NULL, t), CARESTAT_OK);
    assert_int_equal(carestat_table_to_json(&json, NULL, t), CARESTAT_OK);
    assert_null(strstr(csv, "cla.starts,3,"));
    assert_null(strstr(csv, "cla.starts,20,"));
    assert_non_null(strstr(csv, "E06000061,North Northamptonshire,2023-04-01,2024-03-31,cla.starts,,,,,,c\n"));
    assert_non_null(strstr(csv, "E06000062,West Northamptonshire,2023-04-01,2024-03-31,cla.starts,,,,,,c\n"));
    assert_null(strstr(json, "\"numerator\": 3,"));
    carestat_free(csv);
    carestat_free(json);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_no_identifiers(void **state)
{
    (void)state;
    carestat_dataset *ds = make();
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION); /* every indicator, every organisation */
    carestat_table *t = NULL;
    assert_int_equal(carestat_compute(&t, ds, &rq), CARESTAT_OK);
    assert_true(carestat_table_count(t) > 20);
    char *csv, *json;
    assert_int_equal(carestat_table_to_csv(&csv, NULL, t), CARESTAT_OK);
    assert_int_equal(carestat_table_to_json(&json, NULL, t), CARESTAT_OK);
    const char *secrets[] = {"NQX", "WQX", "17/03/2011", "2011-03-17", "ZZ9", "YY8", "A123456789012"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
        assert_null(strstr(csv, secrets[i]));
        assert_null(strstr(json, secrets[i]));
    }
    /* diagnostics name files and lines, never a child's details: the fixture's loads raise none with them */
    const carestat_diag_list *l = carestat_dataset_diagnostics(ds);
    for (size_t i = 0; i < carestat_diag_list_count(l); i++)
        for (size_t k = 2; k < sizeof secrets / sizeof secrets[0]; k++)
            assert_null(strstr(carestat_diag_list_get(l, i)->message, secrets[k]));
    carestat_free(csv);
    carestat_free(json);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_disclosure),
        cmocka_unit_test(test_primary_and_secondary),
        cmocka_unit_test(test_no_identifiers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
