/* Children-in-care indicators on a hand-made SSDA903 history (loaded through the real reader), for the
 * reporting year ending 31 March 2024 (1 April 2023 to 31 March 2024). Every expected figure is derived
 * by hand in the comments beside the fixture rows; the counting rules are those of cla_defs.c.
 *
 * Edge cases covered: a child who starts twice in a year (C2), episodes open on 1 April and 31 March
 * (C1, C17, C18), short breaks V3 excluded (C9), placement change vs legal-status-only change (C3, C4),
 * a temporary placement and the return from it (C5), T/U into adoption with the same carer (C6, C7),
 * 29 February birthdays at 16 (C17) and at 18 and 20 (care leavers L3, L5), care leavers who died (L3)
 * or returned home (L5), a child with no episodes in the year (C15), an episode ending on 31 March (C16). */
#include "testutil.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/indicator.h"
#include "carestat/population.h"
#include "carestat/ssda903.h"

/* Header: C17 born 29/02/2008 is 16 on 31/03/2024 (excluded from long-term stability); C18 born
 * 01/04/2008 is still 15 (included). Care leavers L1..L8 (see the OC3 rows). */
static const char *k_header =
    "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "C1,1,01/06/2012,WBRI,,,\n"
    "C2,2,01/06/2010,WBRI,,,\n"
    "C3,1,01/06/2011,WBRI,,,\n"
    "C4,2,01/06/2013,WBRI,,,\n"
    "C5,1,01/06/2009,WBRI,,,\n"
    "C6,2,01/06/2015,WBRI,,,\n"
    "C7,1,01/06/2019,WBRI,,,\n"
    "C8,2,01/06/2020,WBRI,,,\n"
    "C9,1,01/06/2012,WBRI,,,\n"
    "C10,2,01/06/2014,WBRI,,,\n"
    "C11,1,01/06/2016,WBRI,,,\n"
    "C12,2,01/06/2007,WBRI,,,\n"
    "C13,1,01/06/2012,WBRI,,,\n"
    "C14,2,01/06/2010,WBRI,,,\n"
    "C15,1,01/06/2012,WBRI,,,\n"
    "C16,2,01/06/2011,WBRI,,,\n"
    "C17,1,29/02/2008,WBRI,,,\n"
    "C18,2,01/04/2008,WBRI,,,\n"
    "C20,1,01/06/2012,WBRI,,,\n"
    "C21,2,01/06/2016,WBRI,,,\n"
    "L1,1,15/06/2005,WBRI,,,\n"
    "L2,2,10/10/2006,WBRI,,,\n"
    "L3,1,29/02/2006,WBRI,,,\n"
    "L4,2,01/05/2003,WBRI,,,\n"
    "L5,1,29/02/2004,WBRI,,,\n"
    "L6,2,01/12/2002,WBRI,,,\n"
    "L7,1,01/01/2004,WBRI,,,\n"
    "L8,2,01/07/2001,WBRI,,,\n";

/* Columns: CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN */
static const char *k_episodes =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    /* C1: looked after since 2020, open on 1 April and 31 March; a T move (same carer, new address) in
     * January 2023. Placements in the year: 1 (the T placement; the first ended before 1 April 2023).
     * Long-term: L/T/U keep the carer, so the carer spell starts 01/01/2020 -> counted; with
     * longterm_same_placement the spell starts 01/01/2023 -> not counted. */
    "C1,01/01/2020,S,C2,N1,U4,PR1,01/01/2023,X1,CARPL,AB1 1AA,AB2 2BB,SC000001\n"
    "C1,01/01/2023,T,C2,N1,U4,PR1,,,,AB1 1AA,AB3 3CC,SC000001\n"
    /* C2: starts twice in the year (counted once), ceases twice (the last reason, E13, counts). */
    "C2,10/05/2023,S,V2,N4,U6,PR1,20/06/2023,E4A,,AB1 1AA,AB2 2BB,SC000002\n"
    "C2,01/09/2023,S,V2,N4,U6,PR1,15/01/2024,E13,,AB1 1AA,AB2 2BB,SC000002\n"
    /* C3: L (legal status only) does not start a placement; P does: placements in the year
     * [01/02/2023-01/07/2023], [01/07/2023-01/12/2023], [01/12/2023-] = 3 -> 3 or more. */
    "C3,01/02/2023,S,C1,N1,U6,PR1,01/05/2023,X1,,AB1 1AA,AB2 2BB,SC000003\n"
    "C3,01/05/2023,L,C2,N1,U6,PR1,01/07/2023,X1,,AB1 1AA,AB2 2BB,SC000003\n"
    "C3,01/07/2023,P,C2,N1,U4,PR1,01/10/2023,X1,CARPL,AB1 1AA,AB3 3CC,SC000004\n"
    "C3,01/10/2023,L,E1,N1,U4,PR1,01/12/2023,X1,,AB1 1AA,AB3 3CC,SC000004\n"
    "C3,01/12/2023,P,E1,N1,K2,PR1,,,,AB1 1AA,AB4 4DD,SC000005\n"
    /* C4: three episodes, all legal-status changes: 1 placement. */
    "C4,01/01/2023,S,C1,N1,U4,PR1,01/06/2023,X1,,AB1 1AA,AB2 2BB,SC000006\n"
    "C4,01/06/2023,L,C2,N1,U4,PR1,01/08/2023,X1,,AB1 1AA,AB2 2BB,SC000006\n"
    "C4,01/08/2023,L,E1,N1,U4,PR1,,,,AB1 1AA,AB2 2BB,SC000006\n"
    /* C5: a temporary placement (T3) and the return to the same PLACE and PL_POST: 1 placement by
     * default; 3 with placements_count_temporary. Looked after since 01/01/2022 (2-year cohort). */
    "C5,01/01/2022,S,C2,N1,U4,PR1,01/07/2023,X1,OTHER,AB1 1AA,AB5 5EE,SC000007\n"
    "C5,01/07/2023,P,C2,N1,T3,,10/07/2023,X1,,AB1 1AA,AB6 6FF,\n"
    "C5,10/07/2023,P,C2,N1,U4,PR1,,,,AB1 1AA,AB5 5EE,SC000007\n"
    /* C6: three placements in two years, then placed for adoption with the same carer (U into A5):
     * in-year placements [01/06/2022-01/06/2023], [01/06/2023- incl. A5] = 2 (3 with
     * placements_count_adoption_same_carer); in 2 years 3 -> 3 or more (2-year variant). Long-term:
     * aged 8, looked after since 01/03/2020, but with this carer only since 01/06/2023 -> not counted. */
    "C6,01/03/2020,S,C2,N1,U6,PR1,01/06/2022,X1,CARPL,AB1 1AA,AB2 2BB,SC000008\n"
    "C6,01/06/2022,P,C2,N1,U6,PR1,01/06/2023,X1,CARPL,AB1 1AA,AB3 3CC,SC000009\n"
    "C6,01/06/2023,P,C2,N1,U4,PR1,01/09/2023,X1,,AB1 1AA,AB4 4DD,SC000010\n"
    "C6,01/09/2023,U,E1,N1,A5,PR1,,,,AB1 1AA,AB4 4DD,SC000010\n"
    /* C7: adopted (E11) on 01/12/2023 by the foster carers with whom the child moved in on 01/10/2021;
     * period of care from 01/04/2021. Placement order (E1) 01/03/2022. A1 days = 01/04/2021 ->
     * 01/06/2023 = 791; A10 days = 01/04/2021 -> 01/10/2021 = 183. Match (AD1) 01/04/2023: A2 =
     * 01/03/2022 -> 01/04/2023 = 396 days. Decision 01/08/2022, placed 01/06/2023: within 12 months. */
    "C7,01/04/2021,S,C1,N1,U6,PR1,01/10/2021,X1,CARPL,AB1 1AA,AB2 2BB,SC000011\n"
    "C7,01/10/2021,P,C2,N1,U4,PR1,01/03/2022,X1,,AB1 1AA,AB3 3CC,SC000012\n"
    "C7,01/03/2022,L,E1,N1,U4,PR1,01/06/2023,X1,,AB1 1AA,AB3 3CC,SC000012\n"
    "C7,01/06/2023,U,E1,N1,A5,PR1,01/12/2023,E11,,AB1 1AA,AB3 3CC,SC000012\n"
    /* C8: adopted (E12) on 01/02/2024 by a new family (P into A6 on 01/08/2023); period from
     * 01/01/2022: A1 = A10 = 577 days. Placement order 01/03/2023, match 01/07/2023: 122 days.
     * Decision 01/06/2022, placed 01/08/2023: not within 12 months. */
    "C8,01/01/2022,S,C2,N1,U6,PR1,01/03/2023,X1,,AB1 1AA,AB2 2BB,SC000013\n"
    "C8,01/03/2023,L,E1,N1,U6,PR1,01/08/2023,X1,,AB1 1AA,AB2 2BB,SC000013\n"
    "C8,01/08/2023,P,E1,N1,A6,PR1,01/02/2024,E12,CARPL,AB1 1AA,AB7 7GG,\n"
    /* C9: short breaks only (V3): excluded from every figure, including a break open on 31 March. */
    "C9,05/05/2023,S,V3,N2,R1,PR1,08/05/2023,E8,,AB1 1AA,AB8 8HH,\n"
    "C9,30/03/2024,S,V3,N2,R1,PR1,,,,AB1 1AA,AB8 8HH,\n"
    /* C10: special guardianship order to a former foster carer who is a relative (E45). */
    "C10,01/06/2022,S,C2,N1,U1,PR1,01/11/2023,E45,,AB1 1AA,AB2 2BB,\n"
    /* C11: starts 01/01/2024 in kinship foster care (U2). */
    "C11,01/01/2024,S,V2,N4,U2,PR1,,,,AB1 1AA,AB2 2BB,\n"
    /* C12: starts 01/02/2024 in an 'other' placement (Z1). */
    "C12,01/02/2024,S,V2,N6,Z1,,,,,AB1 1AA,AB9 9JJ,\n"
    /* C13: child arrangements order (E41). */
    "C13,01/01/2023,S,C1,N1,U6,PR1,01/06/2023,E41,,AB1 1AA,AB2 2BB,SC000014\n"
    /* C14: starts 01/10/2023, returned home not under the care plan (E4B). */
    "C14,01/10/2023,S,V2,N4,R1,PR1,01/12/2023,E4B,,AB1 1AA,AB2 2BB,\n"
    /* C15: no episode in the year (ceased in 2020). */
    "C15,01/01/2019,S,V2,N4,U6,PR1,01/01/2020,E4A,,AB1 1AA,AB2 2BB,\n"
    /* C16: starts 01/01/2024 and ceases on 31 March: not looked after on 31 March, ceased in the year. */
    "C16,01/01/2024,S,V2,N4,U6,PR1,31/03/2024,E4A,,AB1 1AA,AB2 2BB,\n"
    /* C17, C18: long-standing placements; C17 is 16 on 31/03/2024, C18 is 15. */
    "C17,01/01/2019,S,C2,N1,U4,PR1,,,,AB1 1AA,AB2 2BB,SC000015\n"
    "C18,01/01/2019,S,C2,N1,U4,PR1,,,,AB1 1AA,AB2 2BB,SC000016\n"
    /* C20: S, T (same carer, new address), P: 3 placements by default; 2 with placements_spb_only. */
    "C20,01/01/2023,S,C2,N1,U4,PR1,01/06/2023,X1,,AB1 1AA,AB2 2BB,SC000017\n"
    "C20,01/06/2023,T,C2,N1,U4,PR1,01/09/2023,X1,PLACE,AB1 1AA,AB3 3CC,SC000017\n"
    "C20,01/09/2023,P,C2,N1,U6,PR1,,,,AB1 1AA,AB4 4DD,SC000018\n"
    /* C21: with a foster carer since 01/01/2020, placed for adoption with a new family (P into A6) on
     * 01/01/2024: the adoptive placement with the previous one lasts 2+ years -> long-term counted. */
    "C21,01/01/2020,S,C2,N1,U4,PR1,01/01/2024,X1,CARPL,AB1 1AA,AB2 2BB,SC000019\n"
    "C21,01/01/2024,P,E1,N1,A6,PR1,,,,AB1 1AA,AB7 7GG,\n";

static const char *k_ad1 = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n"
                           "C7,01/06/2019,01/08/2022,01/04/2023,1,2,MF,L11\n"
                           "C8,01/06/2020,01/06/2022,01/07/2023,0,1,F1,L0\n";

/* Social workers: C1 has SW01, SW02, SW01 (2 distinct); C3 has 3 -> 3 or more; C18 has one episode
 * long before, 2 in the year (SW93, SW92) and 3 in the two years (SW91 ended 01/06/2022) -> 3 or more
 * in 2 years (2-year cohort: C1, C5, C6, C17, C18, C21). */
static const char *k_sw = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n"
                          "C1,01/06/2012,SW01,01/01/2023,01/05/2023,MANAGE\n"
                          "C1,01/06/2012,SW02,01/05/2023,01/08/2023,ABSENC\n"
                          "C1,01/06/2012,SW01,01/08/2023,,ABSENC\n"
                          "C3,01/06/2011,SW11,01/02/2023,01/06/2023,MANAGE\n"
                          "C3,01/06/2011,SW12,01/06/2023,01/09/2023,LEFTRL\n"
                          "C3,01/06/2011,SW13,01/09/2023,,LEFTRL\n"
                          "C18,01/04/2008,SW90,01/01/2020,01/01/2021,MANAGE\n"
                          "C18,01/04/2008,SW91,01/01/2021,01/06/2022,LEFTRL\n"
                          "C18,01/04/2008,SW93,01/06/2022,01/06/2023,LEFTRL\n"
                          "C18,01/04/2008,SW92,01/06/2023,,LEFTRL\n";

/* Care leavers (OC3, 2023-24). 17-18: L1 (18th birthday 15/06/2023; in touch, EET F2, suitable D1),
 * L2 (17th 10/10/2023; not in touch), L3 (18th on 29/02/2024; died: excluded).
 * 19-21: L4 (20th 01/05/2023; in touch, NEET G5, suitable U1; former UASC), L5 (20th on 29/02/2024;
 * returned home: excluded), L6 (21st 01/12/2023; in touch, EET P5, residence not known R2: out of the
 * accommodation denominator), L7 (20th 01/01/2024; refused contact). L8 (22nd birthday) is outside.
 * 17-18: in touch 1/2, EET 1/2, suitable 1/2. 19-21: in touch 2/3, EET 1/3, suitable 1/2.
 * Former UASC 19-21: in touch 1/1, EET 0/1, suitable 1/1. */
static const char *k_oc3 = "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n"
                           "L1,15/06/2005,YES,F2,D1\n"
                           "L2,10/10/2006,NO,0,0\n"
                           "L3,29/02/2006,DIED,0,0\n"
                           "L4,01/05/2003,YES,G5,U1\n"
                           "L5,29/02/2004,RHOM,0,0\n"
                           "L6,01/12/2002,YES,P5,R2\n"
                           "L7,01/01/2004,REFU,0,0\n"
                           "L8,01/07/2001,YES,F1,U1\n";

static const char *k_uasc = "CHILD,SEX,DOB,DUC\n"
                            "L4,2,01/05/2003,01/05/2021\n";

static void load_into(carestat_dataset *ds, const char *org, const char *episodes, const char *header)
{
    const char *dir = cs_test_tmpdir();
    char path[4200];
    snprintf(path, sizeof path, "%s/episodes.csv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(episodes, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/header.csv", dir);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(header, f);
    fclose(f);
    carestat_903_options o;
    assert_int_equal(carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION), CARESTAT_OK);
    o.org_code = org;
    o.collection_year = 2024;
    const char *paths[] = {dir};
    if (carestat_dataset_load_903(ds, paths, 1, &o)) fail_msg("load_903: %s", carestat_dataset_errmsg(ds));
}

static carestat_dataset *load_fixture(void)
{
    const char *dir = cs_test_tmpdir();
    char path[4200];
    const struct {
        const char *name, *text;
    } files[] = {{"header.csv", k_header}, {"episodes.csv", k_episodes}, {"ad1.csv", k_ad1},
                 {"sw_episodes.csv", k_sw},  {"oc3.csv", k_oc3},          {"uasc.csv", k_uasc}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(files[i].text, f);
        fclose(f);
    }
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    carestat_903_options o;
    assert_int_equal(carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION), CARESTAT_OK);
    o.org_code = "TST";
    o.collection_year = 2024;
    const char *paths[] = {dir};
    int rc = carestat_dataset_load_903(ds, paths, 1, &o);
    if (rc) fail_msg("load_903: %s", carestat_dataset_errmsg(ds));
    /* population: TST mid-2023 = 20,000 children */
    const char *pop = cs_test_write_file("pop.csv", "org,year,population\nTST,2023,20000\nTST,2022,19000\n");
    assert_int_equal(carestat_dataset_load_population(ds, pop), CARESTAT_OK);
    return ds;
}

static carestat_table *compute(const carestat_dataset *ds, unsigned rules, carestat_disclosure disc)
{
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    req.year_from = req.year_to = 2024;
    req.rules = rules;
    req.disclosure = disc;
    carestat_table *t = NULL;
    int rc = carestat_compute(&t, ds, &req);
    if (rc) fail_msg("compute: %s", carestat_strerror(rc));
    return t;
}

static carestat_observation get(const carestat_table *t, const char *id)
{
    carestat_observation o;
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        assert_int_equal(carestat_table_get(&o, t, i), CARESTAT_OK);
        if (strcmp(o.indicator, id) == 0) return o;
    }
    fail_msg("no observation for %s", id);
    memset(&o, 0, sizeof o);
    return o;
}

#define CHECK_PCT(t, id, num, den)                                                                             \
    do {                                                                                                       \
        carestat_observation o_ = get((t), (id));                                                              \
        if (o_.numerator != (num) || o_.denominator != (den))                                                  \
            fail_msg("%s: %g/%g, expected %g/%g", (id), o_.numerator, o_.denominator, (double)(num),           \
                     (double)(den));                                                                           \
        assert_near(o_.value, 100.0 * (num) / (den), 1e-9);                                                   \
        assert_true(o_.lower <= o_.value && o_.value <= o_.upper);                                             \
    } while (0)

#define CHECK_COUNT(t, id, n)                                                                                  \
    do {                                                                                                       \
        carestat_observation o_ = get((t), (id));                                                              \
        if (o_.value != (n)) fail_msg("%s: %g, expected %g", (id), o_.value, (double)(n));                     \
        assert_true(o_.numerator == (n) && isnan(o_.denominator));                                             \
    } while (0)

static void test_counts_and_rates(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_table *t = compute(ds, 0, CARESTAT_DISCLOSURE_NONE);
    carestat_observation o = get(t, "cla.looked_after");
    assert_string_equal(o.org_code, "TST");
    assert_string_equal(o.source, "computed");
    carestat_date s, e;
    carestat_period_year_to_march(&s, &e, 2024);
    assert_int_equal(o.period_start, s);
    assert_int_equal(o.period_end, e);
    /* looked after on 31/03/2024: C1, C3, C4, C5, C6, C11, C12, C17, C18, C20, C21 = 11
     * (not C9: short breaks; not C16: ceased on 31 March) */
    CHECK_COUNT(t, "cla.looked_after", 11);
    /* starts: C2 (twice, once), C11, C12, C14, C16 = 5 (not C9) */
    CHECK_COUNT(t, "cla.starts", 5);
    /* ceased: C2, C7, C8, C10, C13, C14, C16 = 7 (not C9's short break) */
    CHECK_COUNT(t, "cla.ceased", 7);
    /* rates per 10,000 with mid-2023 = 20,000: 11 -> 5.5, 5 -> 2.5, 7 -> 3.5 */
    o = get(t, "cla.looked_after.rate");
    assert_near(o.value, 5.5, 1e-12);
    assert_near(o.numerator, 11, 0);
    assert_near(o.denominator, 20000, 0);
    assert_true(o.lower < 5.5 && o.upper > 5.5);
    assert_near(get(t, "cla.starts.rate").value, 2.5, 1e-12);
    assert_near(get(t, "cla.ceased.rate").value, 3.5, 1e-12);
    /* ceased by reason (last occasion): adopted C7, C8; SGO C10; CAO C13; home C14 (E4B), C16 (E4A);
     * C2's last exit is E13 (not 'returned home' although its first was E4A) */
    CHECK_PCT(t, "cla.ceased.adopted", 2, 7);
    CHECK_PCT(t, "cla.ceased.sgo", 1, 7);
    CHECK_PCT(t, "cla.ceased.cao", 1, 7);
    CHECK_PCT(t, "cla.ceased.returned_home", 2, 7);
    CHECK_COUNT(t, "cla.kinship.sgo_exits", 1);
    /* at 31 March: kinship C11 (U2); other placements C12 (Z1) */
    CHECK_PCT(t, "cla.kinship", 1, 11);
    /* in foster care on 31 March: C1, C4, C5, C11, C17, C18 (U4/U2), C20 (U6) = 7; kinship C11 */
    CHECK_PCT(t, "cla.kinship.of_foster", 1, 7);
    CHECK_PCT(t, "cla.other_placements", 1, 11);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_stability(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_table *t = compute(ds, 0, CARESTAT_DISCLOSURE_NONE);
    /* 3+ placements in the year: C3, C20 */
    CHECK_PCT(t, "cla.stability.placements3plus", 2, 11);
    /* 2-year cohort (looked after since 01/04/2022 or earlier): C1, C5, C6, C17, C18, C21; 3+: C6 */
    CHECK_PCT(t, "cla.stability.placements3plus_2yr", 1, 6);
    /* long-term: under 16 and looked after since 01/10/2020 or earlier: C1, C6, C18, C21 (not C17, 16);
     * same carer 2+ years: C1, C18, C21 (adoption rule) */
    CHECK_PCT(t, "cla.stability.longterm", 3, 4);
    /* only the 2023-24 return is loaded: the multi-year measures are flagged u, the in-year one is not */
    assert_true(get(t, "cla.stability.longterm").flags & CARESTAT_FLAG_UNRELIABLE);
    assert_true(get(t, "cla.stability.placements3plus_2yr").flags & CARESTAT_FLAG_UNRELIABLE);
    assert_false(get(t, "cla.stability.placements3plus").flags & CARESTAT_FLAG_UNRELIABLE);
    carestat_table_free(t);

    t = compute(ds, CARESTAT_RULE_PLACEMENTS_COUNT_TEMPORARY, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "cla.stability.placements3plus", 3, 11); /* + C5 */
    carestat_table_free(t);
    t = compute(ds, CARESTAT_RULE_PLACEMENTS_COUNT_ADOPTION_SAME_CARER, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "cla.stability.placements3plus", 3, 11); /* + C6 */
    carestat_table_free(t);
    t = compute(ds, CARESTAT_RULE_PLACEMENTS_SPB_ONLY, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "cla.stability.placements3plus", 1, 11); /* - C20 */
    carestat_table_free(t);
    t = compute(ds, CARESTAT_RULE_LONGTERM_SAME_PLACEMENT, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "cla.stability.longterm", 2, 4); /* - C1 (T move) */
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_social_workers_and_leavers(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_table *t = compute(ds, 0, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "sw.changes3plus", 1, 11); /* C3 */
    CHECK_PCT(t, "sw.changes3plus_2yr", 1, 6); /* C18 */
    CHECK_PCT(t, "leavers.in_touch.17to18", 1, 2);
    CHECK_PCT(t, "leavers.eet.17to18", 1, 2);
    CHECK_PCT(t, "leavers.suitable_accommodation.17to18", 1, 2);
    CHECK_PCT(t, "leavers.in_touch.19to21", 2, 3);
    CHECK_PCT(t, "leavers.eet.19to21", 1, 3);
    CHECK_PCT(t, "leavers.suitable_accommodation.19to21", 1, 2);
    CHECK_PCT(t, "leavers.in_touch.19to21.uasc", 1, 1);
    CHECK_PCT(t, "leavers.suitable_accommodation.19to21.uasc", 1, 1);
    carestat_observation o = get(t, "leavers.eet.19to21.uasc");
    assert_near(o.value, 0, 0);
    assert_near(o.denominator, 1, 0);
    /* no former UASC aged 17-18: not available */
    o = get(t, "leavers.in_touch.17to18.uasc");
    assert_true(isnan(o.value));
    assert_true(o.flags & CARESTAT_FLAG_NOT_AVAILABLE);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_permanence(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_table *t = compute(ds, 0, CARESTAT_DISCLOSURE_NONE);
    /* A10: (183 + 577) / 2 = 380 days */
    carestat_observation o = get(t, "perm.adoption_days");
    assert_near(o.numerator, 760, 0);
    assert_near(o.denominator, 2, 0);
    assert_near(o.value, 380, 1e-12);
    /* Student's t: sd = sqrt(2 * 197^2 / 1) = 278.60; half width = t(0.975, 1) * sd / sqrt(2)
     * = 12.7062047 * 197 = 2503.12 */
    assert_near(o.lower, 380 - 12.7062047361747 * 197, 1e-4);
    assert_near(o.upper, 380 + 12.7062047361747 * 197, 1e-4);
    /* A2: (396 + 122) / 2 = 259 days */
    o = get(t, "perm.match_days");
    assert_near(o.value, 259, 1e-12);
    assert_near(o.denominator, 2, 0);
    CHECK_PCT(t, "perm.adopted_within_12m", 1, 2);
    carestat_table_free(t);
    /* A1 (no foster-carer adjustment): (791 + 577) / 2 = 684 */
    t = compute(ds, CARESTAT_RULE_ADOPTION_NO_FOSTER_ADJUST, CARESTAT_DISCLOSURE_NONE);
    assert_near(get(t, "perm.adoption_days").value, 684, 1e-12);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_disclosure_dfe(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_table *t = compute(ds, 0, CARESTAT_DISCLOSURE_DFE);
    /* 11 looked after is shown; 5 starts are suppressed, and so is the rate derived from them */
    CHECK_COUNT(t, "cla.looked_after", 11);
    carestat_observation o = get(t, "cla.starts");
    assert_true(isnan(o.value));
    assert_true(o.flags & CARESTAT_FLAG_SUPPRESSED);
    o = get(t, "cla.starts.rate");
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_SUPPRESSED));
    /* 2 of 11 with 3+ placements: suppressed (small numerator) */
    o = get(t, "cla.stability.placements3plus");
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_SUPPRESSED));
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

static void test_selection(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    const char *ids[] = {"cla.looked_after", "cla.starts.rate"};
    req.indicators = ids;
    req.n_indicators = 2;
    carestat_table *t = NULL;
    /* default years: the collection year of the return (2024) */
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 2);
    carestat_table_free(t);
    /* a year outside the loaded returns gives nothing */
    req.year_from = req.year_to = 2020;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 0);
    carestat_table_free(t);
    /* an organisation: known, and one without data (no rows, no error) */
    req.year_from = req.year_to = 0;
    const char *orgs[] = {"TST", "E06000061"};
    req.orgs = orgs;
    req.n_orgs = 2;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 2);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

/* A trust stands for its councils combined: the full fixture as North Northamptonshire (E06000061:
 * 11 looked after on 31 March 2024) and two children as West Northamptonshire (E06000062: W1 looked
 * after, W2 ceased), both delivered by Northamptonshire Children's Trust in 2023-24. Populations
 * mid-2023: NN 83,113 + WN 96,295 (the real figures) = 179,408. */
static void test_trust_combined(void **state)
{
    (void)state;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    load_into(ds, "E06000061", k_episodes, k_header);
    load_into(ds, "E06000062",
              "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
              "W1,01/05/2023,S,C1,N1,U6,PR1,,,,AB1 1AA,AB2 2BB,SC000099\n"
              "W2,01/05/2023,S,V2,N4,U6,PR1,01/08/2023,E4A,,AB1 1AA,AB2 2BB,SC000099\n",
              "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nW1,1,01/06/2012,WBRI,,,\nW2,2,01/06/2013,WBRI,,,\n");
    const char *pop = cs_test_write_file("pop.csv", "org,year,population\nE06000061,2023,83113\nE06000062,2023,96295\n");
    assert_int_equal(carestat_dataset_load_population(ds, pop), CARESTAT_OK);
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    const char *ids[] = {"cla.looked_after", "cla.looked_after.rate", "cla.starts"};
    /* the trust, one council, the former county (its successors) and the region (its councils with data) */
    const char *orgs[] = {"TRUST-NCT", "E06000062", "Northamptonshire", "East Midlands"};
    req.indicators = ids;
    req.n_indicators = 3;
    req.orgs = orgs;
    req.n_orgs = 4;
    carestat_table *t = NULL;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 12);
    int seen = 0;
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_observation o;
        assert_int_equal(carestat_table_get(&o, t, i), CARESTAT_OK);
        int combined = strcmp(o.org_code, "E06000062") != 0;
        assert_int_equal((o.flags & CARESTAT_FLAG_COMBINED) != 0, combined);
        if (strcmp(o.indicator, "cla.looked_after") == 0) {
            assert_near(o.value, combined ? 12 : 1, 0);
            seen++;
        } else if (strcmp(o.indicator, "cla.starts") == 0) {
            assert_near(o.value, combined ? 7 : 2, 0);
        } else {
            /* 12 / 179,408 * 10,000 = 0.66887; WN alone 1 / 96,295 * 10,000 = 0.10385 */
            assert_near(o.denominator, combined ? 179408 : 96295, 0);
            assert_near(o.value, combined ? 120000.0 / 179408 : 10000.0 / 96295, 1e-12);
        }
        if (strcmp(o.org_code, "TRUST-NCT") == 0) assert_string_equal(o.org_name, "Northamptonshire Children's Trust");
    }
    assert_int_equal(seen, 4);
    carestat_table_free(t);
    /* West Northamptonshire's return has no social worker episodes: not available, not 0% */
    const char *sw[] = {"sw.changes3plus"};
    const char *wn[] = {"E06000062"};
    req.indicators = sw;
    req.n_indicators = 1;
    req.orgs = wn;
    req.n_orgs = 1;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 1);
    carestat_observation so;
    assert_int_equal(carestat_table_get(&so, t, 0), CARESTAT_OK);
    assert_true(isnan(so.value));
    assert_true(so.flags & CARESTAT_FLAG_NOT_AVAILABLE);
    carestat_table_free(t);
    /* an organisation nobody knows */
    const char *bad[] = {"NOWHERE"};
    req.orgs = bad;
    req.n_orgs = 1;
    assert_int_equal(carestat_compute(&t, ds, &req), CARESTAT_ENOTFOUND);
    carestat_dataset_free(ds);
}

/* A placement shorter than 24 hours (a period of care that starts and ends on 10/04/2023; the reader
 * keeps one episode per start date, so within a period a same-day placement cannot be recorded) is
 * not counted by default: 2 placements; 3 with placements_count_short. */
static void test_short_placement(void **state)
{
    (void)state;
    carestat_dataset *ds = NULL;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    load_into(ds, "TS2",
              "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
              "K1,10/04/2023,S,V2,N4,U6,PR1,10/04/2023,E13,,AB1 1AA,AB2 2BB,SC000001\n"
              "K1,01/05/2023,S,C1,N1,U6,PR1,01/06/2023,X1,CARPL,AB1 1AA,AB2 2BB,SC000001\n"
              "K1,01/06/2023,P,C1,N1,U4,PR1,,,,AB1 1AA,AB3 3CC,SC000002\n",
              "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nK1,1,01/06/2012,WBRI,,,\n");
    carestat_table *t = compute(ds, 0, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "cla.stability.placements3plus", 0, 1);
    carestat_table_free(t);
    t = compute(ds, CARESTAT_RULE_PLACEMENTS_COUNT_SHORT, CARESTAT_DISCLOSURE_NONE);
    CHECK_PCT(t, "cla.stability.placements3plus", 1, 1);
    carestat_table_free(t);
    carestat_dataset_free(ds);
}

/* Fail each allocation of carestat_compute in turn: ENOMEM and no table, never a crash or a leak. */
static void test_allocation_failures(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    carestat_request req;
    carestat_request_init(&req, CARESTAT_REQUEST_VERSION);
    const char *orgs[] = {"TST"};
    req.orgs = orgs;
    req.n_orgs = 1;
    req.disclosure = CARESTAT_DISCLOSURE_DFE;
    for (long n = 1;; n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_table *t = (carestat_table *)&t;
        int rc = carestat_compute(&t, ds, &req);
        carestat_set_allocator(NULL);
        if (rc == CARESTAT_OK) {
            assert_true(carestat_table_count(t) > 30);
            carestat_table_free(t);
            assert_true(f.n < n);
            break;
        }
        assert_int_equal(rc, CARESTAT_ENOMEM);
        assert_null(t);
        assert_true(n < 100000);
    }
    carestat_dataset_free(ds);
}

typedef struct job {
    const carestat_dataset *ds;
    char *csv;
    int rc;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    carestat_table *t = NULL;
    j->rc = carestat_compute(&t, j->ds, NULL);
    if (!j->rc) j->rc = carestat_table_to_csv(&j->csv, NULL, t);
    carestat_table_free(t);
    return NULL;
}

/* A loaded dataset is only read: several threads computing at once get identical tables. */
static void test_threads(void **state)
{
    (void)state;
    carestat_dataset *ds = load_fixture();
    job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].ds = ds;
        jobs[i].csv = NULL;
        jobs[i].rc = -100;
        assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_join(th[i], NULL), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(jobs[i].rc, CARESTAT_OK);
        assert_non_null(strstr(jobs[i].csv, "cla.stability.longterm"));
        assert_string_equal(jobs[i].csv, jobs[0].csv);
    }
    for (int i = 0; i < 4; i++) carestat_free(jobs[i].csv);
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_rates), cmocka_unit_test(test_stability),
        cmocka_unit_test(test_social_workers_and_leavers), cmocka_unit_test(test_permanence),
        cmocka_unit_test(test_disclosure_dfe), cmocka_unit_test(test_selection),
        cmocka_unit_test(test_trust_combined), cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_threads), cmocka_unit_test(test_short_placement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
