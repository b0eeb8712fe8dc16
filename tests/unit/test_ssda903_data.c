/* SSDA903 reading on the three synthetic data sets in ../shared/data/synthetic_903 (three tools,
 * different date formats and columns). Expected numbers were worked out independently of carestat:
 * row counts with awk/wc, distinct children and the five-year merge with a separate Python script
 * applying the documented rule (a later return replaces every earlier-return episode of a child from
 * its own first DECOM on), diagnostics by reading the rows named in the comments. */
#include "testutil.h"

#include <string.h>

#include "carestat.h"
#include "ssda903/store.h"

#define FIXES_INPUT "SSDA903_episodes_for_testing_fixes_INPUT.csv"

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static carestat_date D(int y, int m, int d)
{
    carestat_date x;
    assert_int_equal(carestat_date_from_ymd(&x, y, m, d), CARESTAT_OK);
    return x;
}

static carestat_dataset *load_shared(const char *rel, carestat_error_mode mode)
{
    const char *p = cs_test_shared(rel);
    if (!p) return NULL;
    carestat_dataset_options o;
    assert_int_equal(carestat_dataset_options_init(&o, CARESTAT_DATASET_OPTIONS_VERSION), CARESTAT_OK);
    o.error_mode = mode;
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, &o), CARESTAT_OK);
    const char *paths[] = {p};
    assert_int_equal(carestat_dataset_load_903(ds, paths, 1, NULL), CARESTAT_OK);
    return ds;
}

static void summary(const carestat_dataset *ds, size_t i, const char *file, const char *table, uint64_t read,
                    uint64_t rejected)
{
    carestat_load_summary s;
    assert_int_equal(carestat_dataset_load_summary(&s, ds, i), CARESTAT_OK);
    if (!ends_with(s.source, file)) fail_msg("summary %zu is %s, expected %s", i, s.source, file);
    assert_string_equal(s.table, table);
    assert_int_equal(s.rows_read, read);
    assert_int_equal(s.rows_rejected, rejected);
    assert_int_equal(s.rows_accepted + s.rows_rejected, s.rows_read);
}

/* ---- the DfE validator's fake return (deliberate errors) ---- */

static void test_validator_fake(void **state)
{
    (void)state;
    carestat_dataset *ds = load_shared("data/synthetic_903/csc_validator_be_903_fake", CARESTAT_ROWS_KEEP);
    if (!ds) return;
    /* rows per file: wc -l minus the header (DoLo, missing, oc2, previous_permanence, reviews are not used) */
    assert_int_equal(carestat_dataset_load_summary_count(ds), 7);
    summary(ds, 0, "ad1.csv", "ad1", 29, 0);
    summary(ds, 1, "episodes.csv", "episodes", 5050, 0);
    summary(ds, 2, "header.csv", "header", 2675, 0);
    summary(ds, 3, "oc3.csv", "oc3", 53, 0);
    summary(ds, 4, "placed_for_adoption.csv", "placed_for_adoption", 29, 0);
    summary(ds, 5, "sw_episodes.csv", "sw_episodes", 1, 0); /* UTF-8 BOM before CHILD */
    summary(ds, 6, "uasc.csv", "uasc", 132, 0);
    assert_int_equal(cs_test_count_diags(ds, "903_TABLE_NOT_USED", NULL, -1, -1), 5);
    assert_int_equal(cs_test_count_diags(ds, "903_FILE_SKIPPED", "fake_903.xml", 0, 0), 1);
    /* one return, no (CHILD, DECOM) twice; 2676 distinct children over all tables (CHILD10 is only in
     * sw_episodes) */
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_EPISODES), 5050);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN), 2676);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_HEADERS), 2675);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_OC3), 53);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_UASC), 132);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_AD1), 29);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_PLACED_ADOPTION), 29);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_SW_EPISODES), 1);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_MERGED_DUPLICATES), 0);

    /* the latest DECOM is 31/03/2018: the 2017-18 return */
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_INFERRED", "episodes.csv", 0, 0), 1);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->org_year_first[0], 2018);
    assert_int_equal(st->ep_year[0], 2018);

    /* codes, checked by hand:
     *   oc3.csv line 2   197474,30/03/2001,DIED,F1,01   ACCOM 01 is not a code (col 5)
     *   oc3.csv line 3   864948,16/01/2001,DIED,P3,T2   ACTIV P3 is the pre-split code, invalid in 2017-18 (col 4)
     *   oc3.csv line 54  147980,16/03/2001,YES,F3,S1    F3 likewise (col 4); S1 (homeless, "suitable") invalid (col 5)
     *   placed_for_adoption.csv line 2   REASON_PLACED_CEASED XXX (col 5)
     *   sw_episodes.csv line 2           SW_REASON SWLAZY (col 6) */
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", "oc3.csv", 2, 5), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "oc3.csv", 3, 4), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", "oc3.csv", 54, 4), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", "oc3.csv", 54, 5), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", "placed_for_adoption.csv", 2, 5), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", "sw_episodes.csv", 2, 6), 1);
    /* totals by awk: ACTIV F3/P3 in 12 OC3 rows; ACCOM 01, 02, S1 (3) + XXX in all 29 placed-for-adoption
     * rows + SWLAZY (1) = 33 unknown codes */
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_YEAR", NULL, -1, -1), 12);
    assert_int_equal(cs_test_count_diags(ds, "903_CODE_UNKNOWN", NULL, -1, -1), 33);

    /* episodes, checked by hand:
     *   2686 227690,26/07/2017,...,09/01/2018,E41   2687 227690,08/01/2018,S,...  starts before 2686 ends
     *   666  139805,09/09/2017,S,...,09/11/2017,E3 overlaps 664 (10/01/2017 to 07/01/2018); then
     *   665  139805,07/01/2018,P,... follows 666, which ended with E3: a P with no X1 before it
     *   4416 777256,19/02/2018,S,...,DEC blank,REC E47: no DEC for a ceased episode; it starts before
     *        4414 (13/12/2017 to 07/03/2018) ends, and it is open while 4415 starts 07/03/2018 */
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", "episodes.csv", 2687, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", "episodes.csv", 666, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CONTINUATION_GAP", "episodes.csv", 665, 3), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_DEC_MISSING", "episodes.csv", 4416, 8), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", "episodes.csv", 4416, 2), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_LAST", "episodes.csv", 4416, 8), 1);
    /* totals from an independent Python pass over episodes.csv with the same rules: 353 rows with an
     * E-code REC and no DEC (the 1060 other open rows carry X1, read as open), 62 overlaps, 10 open
     * episodes followed by another, 3 continuations without an X1 before them, no S after an X1 */
    assert_int_equal(cs_test_count_diags(ds, "903_EP_DEC_MISSING", NULL, -1, -1), 353);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", NULL, -1, -1), 62);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_LAST", NULL, -1, -1), 10);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CONTINUATION_GAP", NULL, -1, -1), 3);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_S_NOT_PERIOD_START", NULL, -1, -1), 0);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_CHILD_NOT_IN_HEADER", NULL, -1, -1), 0);

    /* one child end to end: 566910 (header line 2: SEX 2, DOB 27/03/2008, WROM) */
    long o = cs903_org_index(st, "csc_validator_be_903_fake");
    assert_true(o >= 0);
    long c = cs903_child_index(st, (size_t)o, "566910");
    assert_true(c >= 0);
    assert_int_equal(st->child_sex[c], CS903_SEX_FEMALE);
    assert_int_equal(st->child_dob[c], D(2008, 3, 27));
    assert_int_equal(st->child_ethnic[c], CS903_ETH_WROM);
    assert_string_equal(cs903_str(st, st->child_upn[c]), "D051910639385");
    assert_int_equal(st->child_ep_count[c], 2);
    uint32_t e = st->child_ep_first[c];
    /* 566910,15/02/2016,L,C2,N3,T2,PR0,14/08/2017,X1,CLOSE,,,4244474 */
    assert_int_equal(st->ep_decom[e], D(2016, 2, 15));
    assert_int_equal(st->ep_dec[e], D(2017, 8, 14));
    assert_int_equal(st->ep_rne[e], CS903_RNE_L);
    assert_int_equal(st->ep_place[e], CS903_PLACE_T2);
    assert_int_equal(st->ep_rpc[e], CS903_RPC_CLOSE);
    assert_string_equal(cs903_str(st, st->ep_urn[e]), "4244474");
    /* 566910,14/08/2017,T,C2,N3,A3,PR3,,X1,,EG19 7TT,WV27 9FW,8969628 (open: X1 read as blank) */
    assert_int_equal(st->ep_decom[e + 1], D(2017, 8, 14));
    assert_int_equal(st->ep_dec[e + 1], CARESTAT_DATE_NONE);
    assert_int_equal(st->ep_rec[e + 1], CS903_NONE);
    assert_int_equal(st->ep_place[e + 1], CS903_PLACE_A3);
    assert_string_equal(cs903_str(st, st->ep_home_post[e + 1]), "EG19 7TT");
    carestat_dataset_free(ds);

    /* DROP: every summary still reconciles; rows with errors are gone */
    ds = load_shared("data/synthetic_903/csc_validator_be_903_fake", CARESTAT_ROWS_DROP);
    uint64_t rejected = 0;
    for (size_t i = 0; i < carestat_dataset_load_summary_count(ds); i++) {
        carestat_load_summary s;
        assert_int_equal(carestat_dataset_load_summary(&s, ds, i), CARESTAT_OK);
        assert_int_equal(s.rows_accepted + s.rows_rejected, s.rows_read);
        rejected += s.rows_rejected;
    }
    assert_true(rejected >= 353 + 33 + 12);
    st = cs903_get(ds);
    for (size_t k = 0; k < st->nepisodes; k++) assert_int_equal(st->ep_flags[k] & CS903_EPF_HAD_ERROR, 0);
    carestat_dataset_free(ds);
}

/* ---- five consecutive annual returns, merged ---- */

static void test_demand_model_five_years(void **state)
{
    (void)state;
    carestat_dataset *ds = load_shared("data/synthetic_903/cs_demand_model_samples", CARESTAT_ROWS_KEEP);
    if (!ds) return;
    /* per year: episodes, header, oc3, uasc (wc -l minus 1); missing, oc2, previous_permanence, reviews unused */
    static const uint64_t rows[5][4] = {
        {1460, 819, 126, 31}, {974, 572, 96, 23}, {648, 362, 56, 16}, {402, 226, 40, 8}, {253, 144, 39, 4}};
    static const char *const tables[4] = {"episodes", "header", "oc3", "uasc"};
    assert_int_equal(carestat_dataset_load_summary_count(ds), 20);
    for (int y = 0; y < 5; y++)
        for (int t = 0; t < 4; t++) {
            char f[64];
            snprintf(f, sizeof f, "%d-%s.csv", 2017 + y, tables[t]);
            summary(ds, (size_t)(4 * y + t), f, tables[t], rows[y][t], 0);
        }
    /* files named 2017..2021 hold the 2017-18..2021-22 returns (latest DECOM 31/03/2018 in "2017") */
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_MISMATCH", NULL, 0, 0), 5);
    assert_int_equal(cs_test_count_diags(ds, "903_YEAR_MISMATCH", "2017-episodes.csv", 0, 0), 1);
    const cs903_store *st = cs903_get(ds);
    assert_int_equal(st->norgs, 1);
    assert_int_equal(st->org_year_first[0], 2018);
    assert_int_equal(st->org_year_last[0], 2022);

    /* the merge (independent Python computation): 820 children, 2808 episodes after 909 repeated
     * episodes were merged and 20 earlier-return episodes were superseded by rewritten histories */
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN), 820);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_HEADERS), 820);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_EPISODES), 2808);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_MERGED_DUPLICATES), 909);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_SUPERSEDED), 20);
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_SUPERSEDED", NULL, -1, -1), 20);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_OC3), 357);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_UASC), 82);
    /* children whose last episode is open at the end of a return but who are not in a later return
     * (Python, same merge): 3 from the 2019-20 return, 21 from 2020-21 */
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_CONTINUED", NULL, -1, -1), 24);
    size_t stale = 0;
    for (size_t e = 0; e < st->nepisodes; e++) stale += (st->ep_flags[e] & CS903_EPF_OPEN_NOT_CONTINUED) != 0;
    assert_int_equal(stale, 24);
    assert_true(cs903_child_index(st, 0, "106241") >= 0);
    uint32_t last = st->child_ep_first[cs903_child_index(st, 0, "106241")] +
                    st->child_ep_count[cs903_child_index(st, 0, "106241")] - 1;
    assert_int_equal(st->ep_flags[last] & CS903_EPF_OPEN_NOT_CONTINUED, CS903_EPF_OPEN_NOT_CONTINUED);
    assert_int_equal(st->ep_year[last], 2021);
    /* no duplicated episodes: within each child, DECOM strictly increases */
    for (size_t c = 0; c < st->nchildren; c++)
        for (uint32_t k = 1; k < st->child_ep_count[c]; k++) {
            uint32_t e = st->child_ep_first[c] + k;
            assert_int_equal(st->ep_child[e], c);
            assert_true(st->ep_decom[e] > st->ep_decom[e - 1]);
        }

    /* one child end to end: 101362 appears in the 2017, 2019 and 2020 files */
    long c = cs903_child_index(st, 0, "101362");
    assert_true(c >= 0);
    assert_int_equal(st->child_sex[c], CS903_SEX_MALE);
    assert_int_equal(st->child_dob[c], D(2008, 2, 12));
    assert_int_equal(st->child_ethnic[c], CS903_ETH_MWBA);
    assert_int_equal(st->child_header_year[c], 2021); /* last in 2020-header.csv (the 2020-21 return) */
    static const struct {
        int y, m, d;
        int dy, dm, dd; /* DEC, 0 = open */
        int rne, place, rec, year;
    } want[7] = {
        /* 2017 file: 09/08/2016 P U3 to 04/04/2017 E4B; 12/06/2017 S U4 to 10/12/2017 X1 */
        {2016, 8, 9, 2017, 4, 4, CS903_RNE_P, CS903_PLACE_U3, CS903_REC_E4B, 2018},
        {2017, 6, 12, 2017, 12, 10, CS903_RNE_S, CS903_PLACE_U4, CS903_REC_X1, 2018},
        /* 10/12/2017 T: open in the 2017 file, closed 27/05/2019 by the 2019 file (its version wins) */
        {2017, 12, 10, 2019, 5, 27, CS903_RNE_T, CS903_PLACE_U4, CS903_REC_X1, 2020},
        {2019, 5, 27, 2019, 10, 11, CS903_RNE_P, CS903_PLACE_K2, CS903_REC_X1, 2020},
        {2019, 10, 11, 2019, 12, 2, CS903_RNE_L, CS903_PLACE_K2, CS903_REC_X1, 2020},
        {2019, 12, 2, 2020, 1, 6, CS903_RNE_P, CS903_PLACE_U5, CS903_REC_X1, 2020},
        /* 06/01/2020 P U5 E2: DEC blank in the 2019 file (an error there), 18/06/2020 in the 2020 file */
        {2020, 1, 6, 2020, 6, 18, CS903_RNE_P, CS903_PLACE_U5, CS903_REC_E2, 2021},
    };
    assert_int_equal(st->child_ep_count[c], 7);
    for (int k = 0; k < 7; k++) {
        uint32_t e = st->child_ep_first[c] + (uint32_t)k;
        assert_int_equal(st->ep_decom[e], D(want[k].y, want[k].m, want[k].d));
        assert_int_equal(st->ep_dec[e], D(want[k].dy, want[k].dm, want[k].dd));
        assert_int_equal(st->ep_rne[e], want[k].rne);
        assert_int_equal(st->ep_place[e], want[k].place);
        assert_int_equal(st->ep_rec[e], want[k].rec);
        assert_int_equal(st->ep_year[e], want[k].year);
        assert_int_equal(st->ep_flags[e] & CS903_EPF_REPLACED, (k == 2 || k == 6) ? CS903_EPF_REPLACED : 0);
    }
    /* its 2019-episodes.csv line 482 (E2 without DEC) was reported */
    assert_int_equal(cs_test_count_diags(ds, "903_EP_DEC_MISSING", "2019-episodes.csv", 482, 8), 1);
    carestat_dataset_free(ds);
}

/* ---- liia-tools samples: ISO dates, LA and YEAR columns, three councils in one file ---- */

static void test_liia_samples(void **state)
{
    (void)state;
    carestat_dataset *ds = load_shared("data/synthetic_903/liia_tools", CARESTAT_ROWS_KEEP);
    if (!ds) return;
    assert_int_equal(carestat_dataset_load_summary_count(ds), 2);
    summary(ds, 0, "SSDA903_2020_episodes.csv", "episodes", 5, 0);
    summary(ds, 1, "SSDA903_episodes_for_testing_fixes_INPUT.csv", "episodes", 23, 0);
    assert_int_equal(cs_test_count_diags(ds, "903_FILE_SKIPPED", "SSDA903_schema_2024.yml", 0, 0), 1);
    const cs903_store *st = cs903_get(ds);
    /* Barking and Dagenham, Newham and Sutton by name in the LA column; the folder for the other file */
    assert_int_equal(st->norgs, 4);
    assert_string_equal(st->org_code[0], "E09000002");
    assert_string_equal(st->org_code[1], "E09000025");
    assert_string_equal(st->org_code[2], "E09000029");
    assert_string_equal(st->org_code[3], "liia_tools");
    assert_int_equal(st->org_child_count[0], 8); /* NORULE_BAD RULE1_BAD RULE1A_BAD RULE2_BAD RULE3_BAD ... */
    assert_int_equal(st->org_child_count[1], 1);
    assert_int_equal(st->org_child_count[2], 1);
    assert_int_equal(st->org_child_count[3], 2);
    assert_int_equal(cs_test_count_diags(ds, "903_NO_HEADER", NULL, -1, -1), 4);
    /* 28 rows, 3 superseded by a later YEAR's version of the child's history:
     *   RULE3_BAD  27/09/2016 (YEAR 2017) replaced by the YEAR 2018 history starting 23/09/2016
     *   RULE3A_BAD 22/03/2018 (YEAR 2018) replaced by the YEAR 2019 history starting 25/01/2018
     *   RULE4_BAD  24/12/2018 (YEAR 2019) replaced by the YEAR 2020 history starting 20/12/2018 */
    assert_int_equal(st->nepisodes, 25);
    assert_int_equal(st->merged_superseded, 3);
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_SUPERSEDED", FIXES_INPUT, 15, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_SUPERSEDED", FIXES_INPUT, 18, 0), 1);
    assert_int_equal(cs_test_count_diags(ds, "903_MERGE_SUPERSEDED", FIXES_INPUT, 21, 0), 1);
    /* RULE1_BAD 13/01/2016 (line 7) is open while 20/08/2017 starts */
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OPEN_NOT_LAST", FIXES_INPUT, 7, 8), 1);
    /* ISO dates and per-row years */
    long c = cs903_child_index(st, 0, "RULE5_BAD");
    assert_true(c >= 0);
    uint32_t e = st->child_ep_first[c];
    assert_int_equal(st->child_ep_count[c], 2);
    assert_int_equal(st->ep_decom[e], D(2019, 11, 6));
    assert_int_equal(st->ep_dec[e], D(2020, 3, 29));
    assert_int_equal(st->ep_year[e], 2020);
    assert_int_equal(st->ep_decom[e + 1], D(2020, 4, 2));
    assert_int_equal(st->ep_year[e + 1], 2022);
    /* SSDA903_2020_episodes.csv: the 2019-20 return of the folder's organisation; 689661's S episode
     * (02/12/2018 to 16/05/2019, line 3) overlaps the P episode of line 2 that starts 11/12/2018 */
    c = cs903_child_index(st, 3, "689661");
    assert_true(c >= 0);
    assert_int_equal(st->ep_year[st->child_ep_first[c]], 2020);
    assert_int_equal(cs_test_count_diags(ds, "903_EP_OVERLAP", "SSDA903_2020_episodes.csv", 2, 2), 1);
    carestat_dataset_free(ds);
}

/* Two stores hold the same records (strings compared as text: the pools may differ). */
static void same_store(const cs903_store *a, const cs903_store *b)
{
    assert_int_equal(a->norgs, b->norgs);
    assert_int_equal(a->nchildren, b->nchildren);
    assert_int_equal(a->nepisodes, b->nepisodes);
    assert_int_equal(a->noc3, b->noc3);
    assert_int_equal(a->nuasc, b->nuasc);
    assert_int_equal(a->nad1, b->nad1);
    assert_int_equal(a->npfa, b->npfa);
    assert_int_equal(a->nsw, b->nsw);
    assert_int_equal(a->merged_duplicates, b->merged_duplicates);
    assert_int_equal(a->merged_superseded, b->merged_superseded);
    for (size_t o = 0; o < a->norgs; o++) {
        assert_string_equal(a->org_code[o], b->org_code[o]);
        assert_int_equal(a->org_child_first[o], b->org_child_first[o]);
        assert_int_equal(a->org_child_count[o], b->org_child_count[o]);
        assert_int_equal(a->org_year_first[o], b->org_year_first[o]);
        assert_int_equal(a->org_year_last[o], b->org_year_last[o]);
        assert_int_equal(a->org_data_end[o], b->org_data_end[o]);
        assert_int_equal(a->org_merged_duplicates[o], b->org_merged_duplicates[o]);
    }
#define EQ(f) assert_int_equal(a->f[i], b->f[i])
#define EQS(f) assert_string_equal(cs903_str(a, a->f[i]), cs903_str(b, b->f[i]))
    for (size_t i = 0; i < a->nchildren; i++) {
        EQ(child_org); EQS(child_id); EQ(child_in_header); EQ(child_sex); EQ(child_dob); EQ(child_ethnic);
        EQS(child_upn); EQ(child_mother); EQ(child_mc_dob); EQ(child_header_year);
        EQ(child_ep_first); EQ(child_ep_count); EQ(child_oc3_first); EQ(child_oc3_count);
        EQ(child_uasc_first); EQ(child_uasc_count); EQ(child_ad1_first); EQ(child_ad1_count);
        EQ(child_pfa_first); EQ(child_pfa_count); EQ(child_sw_first); EQ(child_sw_count);
    }
    for (size_t i = 0; i < a->nepisodes; i++) {
        EQ(ep_child); EQ(ep_decom); EQ(ep_dec); EQ(ep_rne); EQ(ep_ls); EQ(ep_cin); EQ(ep_place);
        EQ(ep_provider); EQ(ep_rec); EQ(ep_rpc); EQS(ep_home_post); EQS(ep_pl_post); EQS(ep_urn);
        EQ(ep_year); EQ(ep_flags); EQ(ep_line);
        assert_string_equal(a->src_name[a->ep_src[i]], b->src_name[b->ep_src[i]]);
    }
    for (size_t i = 0; i < a->noc3; i++) {
        EQ(oc3_child); EQ(oc3_year); EQ(oc3_dob); EQ(oc3_in_touch); EQ(oc3_activ); EQ(oc3_accom);
    }
    for (size_t i = 0; i < a->nuasc; i++) {
        EQ(uasc_child); EQ(uasc_year); EQ(uasc_sex); EQ(uasc_dob); EQ(uasc_duc);
    }
    for (size_t i = 0; i < a->nad1; i++) {
        EQ(ad1_child); EQ(ad1_year); EQ(ad1_date_int); EQ(ad1_date_match); EQ(ad1_foster_care);
        EQ(ad1_nb_adoptr); EQ(ad1_sex_adoptr); EQ(ad1_ls_adoptr);
    }
    for (size_t i = 0; i < a->npfa; i++) {
        EQ(pfa_child); EQ(pfa_year); EQ(pfa_date_placed); EQ(pfa_date_placed_ceased); EQ(pfa_reason_ceased);
    }
    for (size_t i = 0; i < a->nsw; i++) {
        EQ(sw_child); EQ(sw_year); EQS(sw_id); EQ(sw_decom); EQ(sw_dec); EQ(sw_reason);
    }
#undef EQ
#undef EQS
}

/* ---- all three at once: a regional pool ---- */

static void test_pool(void **state)
{
    (void)state;
    const char *a = cs_test_shared("data/synthetic_903/csc_validator_be_903_fake");
    if (!a) return;
    char pa[4096], pb[4096], pc[4096];
    snprintf(pa, sizeof pa, "%s", a);
    snprintf(pb, sizeof pb, "%s", cs_test_shared("data/synthetic_903/cs_demand_model_samples"));
    snprintf(pc, sizeof pc, "%s", cs_test_shared("data/synthetic_903/liia_tools"));
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    const char *paths[] = {pa, pb, pc};
    assert_int_equal(carestat_dataset_load_903(ds, paths, 3, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_ORGS), 6);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_EPISODES), 5050 + 2808 + 25);
    assert_int_equal(carestat_dataset_903_count(ds, CARESTAT_903_CHILDREN), 2676 + 820 + 12);
    assert_int_equal(carestat_dataset_load_summary_count(ds), 7 + 20 + 2);

    /* the same pool loaded one folder per call, in another order (each call rebuilds only the
     * organisations it touches and splices the others): the same store */
    carestat_dataset *ds2;
    assert_int_equal(carestat_dataset_new(&ds2, NULL), CARESTAT_OK);
    const char *one[1];
    one[0] = pc;
    assert_int_equal(carestat_dataset_load_903(ds2, one, 1, NULL), CARESTAT_OK);
    one[0] = pb;
    assert_int_equal(carestat_dataset_load_903(ds2, one, 1, NULL), CARESTAT_OK);
    one[0] = pa;
    assert_int_equal(carestat_dataset_load_903(ds2, one, 1, NULL), CARESTAT_OK);
    same_store(cs903_get(ds), cs903_get(ds2));
    carestat_dataset_free(ds2);

    /* the five annual returns one file set per call, latest first: the same as one call */
    assert_int_equal(carestat_dataset_new(&ds2, NULL), CARESTAT_OK);
    carestat_dataset *ds3;
    assert_int_equal(carestat_dataset_new(&ds3, NULL), CARESTAT_OK);
    carestat_903_options o;
    assert_int_equal(carestat_903_options_init(&o, CARESTAT_903_OPTIONS_VERSION), CARESTAT_OK);
    o.org_code = "cs_demand_model_samples";
    const char *all[20];
    char files[20][4200];
    static const char *const tables[4] = {"episodes", "header", "oc3", "uasc"};
    for (int y = 0; y < 5; y++)
        for (int t = 0; t < 4; t++) {
            snprintf(files[4 * y + t], sizeof files[0], "%s/%d-%s.csv", pb, 2017 + y, tables[t]);
            all[4 * y + t] = files[4 * y + t];
        }
    for (int y = 4; y >= 0; y--) assert_int_equal(carestat_dataset_load_903(ds2, all + 4 * y, 4, &o), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_903(ds3, all, 20, &o), CARESTAT_OK);
    same_store(cs903_get(ds3), cs903_get(ds2));
    assert_int_equal(carestat_dataset_903_count(ds2, CARESTAT_903_EPISODES), 2808);
    carestat_dataset_free(ds3);
    carestat_dataset_free(ds2);
    carestat_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validator_fake),
        cmocka_unit_test(test_demand_model_five_years),
        cmocka_unit_test(test_liia_samples),
        cmocka_unit_test(test_pool),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
