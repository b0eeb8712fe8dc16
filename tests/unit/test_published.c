/* Published DfE files read into observations: real files in ../shared/data and hand-made fixtures. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/published.h"
#include "carestat/table.h"

/* Last observation of (org, indicator, year of period end); fails the test if absent. */
static carestat_observation find_obs(const carestat_table *t, const char *org, const char *ind, int year)
{
    carestat_observation found;
    int n = 0;
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_observation o;
        assert_int_equal(carestat_table_get(&o, t, i), CARESTAT_OK);
        int y, m, d;
        assert_int_equal(carestat_date_to_ymd(o.period_end, &y, &m, &d), CARESTAT_OK);
        if (y == year && strcmp(o.org_code, org) == 0 && strcmp(o.indicator, ind) == 0) {
            found = o;
            n++;
        }
    }
    if (n == 0) fail_msg("no observation %s %s %d", org, ind, year);
    return found;
}

static int has_obs(const carestat_table *t, const char *org, const char *ind, int year)
{
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_observation o;
        carestat_table_get(&o, t, i);
        int y, m, d;
        carestat_date_to_ymd(o.period_end, &y, &m, &d);
        if (y == year && strcmp(o.org_code, org) == 0 && strcmp(o.indicator, ind) == 0) return 1;
    }
    return 0;
}

static carestat_table *read_file(const char *rel, const char *edition)
{
    const char *p = cs_test_shared(rel);
    if (!p) return NULL;
    carestat_published_options o;
    assert_int_equal(carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION), CARESTAT_OK);
    o.edition = edition;
    carestat_table *t = NULL;
    assert_int_equal(carestat_published_read(&t, p, &o, NULL), CARESTAT_OK);
    assert_non_null(t);
    return t;
}

/* The 2010-2017 SFR wide files: Northamptonshire (928 -> E10000021) at 31 March. The 2010 files have
 * no GSS column (geog_c 928 is resolved through the registry), the year comes from the file name. */
static void test_sfr_northamptonshire(void **state)
{
    (void)state;
    static const char *files[] = {
        "data/dfe_sfr_2010_2017/2010_SFR27_2010_March.csv", "data/dfe_sfr_2010_2017/2011_SFR21_CLA.csv",
        "data/dfe_sfr_2010_2017/2012_SFR20_CLA2012.csv",    "data/dfe_sfr_2010_2017/2013_SFR36_CLA2013.csv",
        "data/dfe_sfr_2010_2017/2014_SFR36_CLA2014.csv",    "data/dfe_sfr_2010_2017/2015_SFR34_CLA2015.csv",
        "data/dfe_sfr_2010_2017/2016_SFR41_CLA2016.csv",    "data/dfe_sfr_2010_2017/2017_SFR50_CLA2017.csv",
    };
    static const double want[] = {701, 736, 794, 729, 834, 936, 993, 1004}; /* data/README.md */
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    for (size_t i = 0; i < 8; i++) {
        const char *p = cs_test_shared(files[i]);
        if (!p) {
            carestat_dataset_free(ds);
            return;
        }
        assert_int_equal(carestat_dataset_load_published(ds, p, NULL), CARESTAT_OK);
    }
    const carestat_table *t = carestat_dataset_published(ds);
    assert_non_null(t);
    carestat_table *s;
    assert_int_equal(carestat_table_series(&s, t, "E10000021", "cla.looked_after"), CARESTAT_OK);
    assert_int_equal(carestat_table_count(s), 8);
    for (size_t i = 0; i < 8; i++) {
        carestat_observation o;
        assert_int_equal(carestat_table_get(&o, s, i), CARESTAT_OK);
        int y, m, d;
        carestat_date_to_ymd(o.period_end, &y, &m, &d);
        assert_int_equal(y, 2010 + (int)i);
        assert_int_equal(m, 3);
        assert_int_equal(d, 31);
        assert_true(o.value == want[i]);
        assert_true(o.numerator == want[i]);
        assert_true(isnan(o.denominator));
        assert_int_equal(o.flags, 0);
        char ed[8];
        snprintf(ed, sizeof ed, "%d", 2010 + (int)i); /* default edition = the file's year */
        assert_string_equal(o.source, ed);
    }
    carestat_table_free(s);
    /* 2011-2014 files also give CLA_3Pla (3 or more placements in the year): Northamptonshire 2011
     * 83 of 736; no percentage column, so the value is worked out: 83 / 736 x 100 = 11.277 */
    carestat_observation st = find_obs(t, "E10000021", "cla.stability.placements3plus", 2011);
    assert_true(st.numerator == 83 && st.denominator == 736);
    assert_near(st.value, 8300.0 / 736.0, 1e-9);
    assert_false(has_obs(t, "E10000021", "cla.stability.placements3plus", 2010)); /* no column in 2010 */
    /* England 2015: 69,540 (SFR 34/2015, reference domain.md 5.1) */
    assert_true(find_obs(t, "E92000001", "cla.looked_after", 2015).value == 69540);
    /* 2010 regions have letter codes and names only: resolved by name */
    assert_true(find_obs(t, "E12000004", "cla.looked_after", 2010).value == 4220);
    /* rows read = accepted + rejected; Inner/Outer London (E12000007 repeated in 2011+) are rejected with a note */
    size_t ns = carestat_dataset_load_summary_count(ds);
    assert_int_equal(ns, 8);
    for (size_t i = 0; i < ns; i++) {
        carestat_load_summary sm;
        assert_int_equal(carestat_dataset_load_summary(&sm, ds, i), CARESTAT_OK);
        assert_string_equal(sm.table, "published");
        assert_true(sm.rows_read == sm.rows_accepted + sm.rows_rejected);
        assert_true(sm.rows_read > 150);
    }
    carestat_dataset_free(ds);
}

/* Starts and ceased from the wide files (2017: starts 504, ceased 511; 2010: starts 332, ceased 289). */
static void test_sfr_starts_ceased(void **state)
{
    (void)state;
    carestat_table *a = read_file("data/dfe_sfr_2010_2017/2017_SFR50_ADM2017.csv", NULL);
    if (!a) return;
    carestat_table *c = read_file("data/dfe_sfr_2010_2017/2017_SFR50_CEA2017.csv", NULL);
    carestat_table *a10 = read_file("data/dfe_sfr_2010_2017/2010_SFR27_2010_Started.csv", NULL);
    carestat_table *c10 = read_file("data/dfe_sfr_2010_2017/2010_SFR27_2010_Ceased.csv", NULL);
    assert_true(find_obs(a, "E10000021", "cla.starts", 2017).value == 504);
    assert_true(find_obs(c, "E10000021", "cla.ceased", 2017).value == 511);
    assert_true(find_obs(a10, "E10000021", "cla.starts", 2010).value == 332);
    assert_true(find_obs(c10, "E10000021", "cla.ceased", 2010).value == 289);
    /* a file whose header says 2014 (2015_SFR34_ADM2015.csv: CLA_started2014) is still 2015 by its name */
    carestat_table *a15 = read_file("data/dfe_sfr_2010_2017/2015_SFR34_ADM2015.csv", NULL);
    assert_true(find_obs(a15, "E10000021", "cla.starts", 2015).value == 504);
    assert_false(has_obs(a15, "E10000021", "cla.starts", 2014));
    carestat_table_free(a);
    carestat_table_free(c);
    carestat_table_free(a10);
    carestat_table_free(c10);
    carestat_table_free(a15);
}

/* The 2025 edition of cla_number_and_rate_per_10k_children.csv (UTF-8 BOM, children_count/population_type). */
static void test_cla_2025_edition(void **state)
{
    (void)state;
    carestat_table *t = read_file("data/dfe_ees/cla_number_and_rate_per_10k_children.csv", "2025");
    if (!t) return;
    /* Northamptonshire 2021: 1,144 looked after, rate 67 on 170,287 children (domain.md 5.8) */
    carestat_observation o = find_obs(t, "E10000021", "cla.looked_after", 2021);
    assert_true(o.value == 1144);
    assert_string_equal(o.source, "2025");
    assert_string_equal(o.org_name, "Northamptonshire");
    o = find_obs(t, "E10000021", "cla.looked_after.rate", 2021);
    assert_true(o.value == 67);
    assert_true(o.numerator == 1144);
    assert_true(o.denominator == 170287);
    /* NN 2025: 568, rate 68 (568 / 83,113 x 10^4 = 68.3); WN 2025: 602, rate 63 (602 / 96,295 = 62.5) */
    o = find_obs(t, "E06000061", "cla.looked_after.rate", 2025);
    assert_true(o.value == 68 && o.numerator == 568 && o.denominator == 83113);
    o = find_obs(t, "E06000062", "cla.looked_after.rate", 2025);
    assert_true(o.value == 63 && o.numerator == 602 && o.denominator == 96295);
    assert_true(find_obs(t, "E06000062", "cla.looked_after", 2025).value == 602);
    /* starts and ceased (NN 2025: 229 (28), 199 (24)) */
    assert_true(find_obs(t, "E06000061", "cla.starts", 2025).value == 229);
    assert_true(find_obs(t, "E06000061", "cla.starts.rate", 2025).value == 28);
    assert_true(find_obs(t, "E06000061", "cla.ceased.rate", 2025).value == 24);
    /* after the split Northamptonshire's cells are z: flagged, never 0 */
    o = find_obs(t, "E10000021", "cla.looked_after", 2025);
    assert_true(isnan(o.value));
    assert_true(o.flags & CARESTAT_FLAG_NOT_APPLICABLE);
    /* the new councils before the split: z */
    o = find_obs(t, "E06000061", "cla.looked_after", 2021);
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_NOT_APPLICABLE));
    /* national and regional rows */
    o = find_obs(t, "E92000001", "cla.looked_after.rate", 2025);
    assert_true(o.value == 67 && o.numerator == 81770 && o.denominator == 12183016);
    assert_string_equal(o.org_name, "England");
    assert_true(find_obs(t, "E12000004", "cla.looked_after", 2025).value == 6410); /* East Midlands */
    /* Inner London has its own code in EES files */
    assert_true(find_obs(t, "E13000001", "cla.looked_after", 2025).value == 3790);
    /* 5 years x 3 populations x 2 (count, rate) x 167 geographies */
    assert_int_equal(carestat_table_count(t), 5010);
    carestat_table_free(t);
}

/* Older column names (number, population_count, "at 31 March"): the 2023 edition. */
static void test_cla_2023_edition_and_revision(void **state)
{
    (void)state;
    carestat_table *old = read_file("data/dfe_ees_prev_editions/cla_number_and_rate_per_10k_children__ed2023_2019-2023.csv",
                                    "2023");
    if (!old) return;
    carestat_table *cur = read_file("data/dfe_ees/cla_number_and_rate_per_10k_children.csv", "2025");
    carestat_observation o = find_obs(old, "E06000061", "cla.looked_after", 2023);
    assert_true(o.value == 545);
    assert_string_equal(o.source, "2023");
    carestat_revisions *rv;
    assert_int_equal(carestat_published_revisions(&rv, old, cur), CARESTAT_OK);
    /* overlapping years 2021-2023, every geography and indicator */
    assert_true(carestat_revisions_count(rv) > 1000);
    carestat_revision r;
    assert_int_equal(carestat_revisions_find(&r, rv, "E06000061", "cla.looked_after", 2023), CARESTAT_OK);
    assert_true(r.old_value == 545);
    assert_true(r.new_value == 547);
    assert_true(r.change == 2);
    assert_true(r.changed);
    assert_string_equal(r.old_source, "2023");
    assert_string_equal(r.new_source, "2025");
    /* the rate's denominator changed too (ONS revised: 80,112 -> 79,966), the rate stayed 68 */
    assert_int_equal(carestat_revisions_find(&r, rv, "E06000061", "cla.looked_after.rate", 2023), CARESTAT_OK);
    assert_true(r.old_denominator == 80112 && r.new_denominator == 79966);
    assert_true(r.old_value == 68 && r.new_value == 68 && r.changed);
    /* England 2023: 83,840 in the 2023 release, 83,750 in 2025 (domain.md 2) */
    assert_int_equal(carestat_revisions_find(&r, rv, "E92000001", "cla.looked_after", 2023), CARESTAT_OK);
    assert_true(r.old_value == 83840 && r.new_value == 83750 && r.change == -90);
    /* 2019 and 2020 exist only in the older edition, 2024 and 2025 only in the newer */
    assert_int_equal(carestat_revisions_find(&r, rv, "E06000061", "cla.looked_after", 2024), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_revisions_find(&r, rv, "E10000021", "cla.looked_after", 2020), CARESTAT_ENOTFOUND);
    assert_true(carestat_revisions_changed_count(rv) > 0);
    assert_true(carestat_revisions_changed_count(rv) < carestat_revisions_count(rv));
    char *csv;
    size_t len;
    assert_int_equal(carestat_revisions_to_csv(&csv, &len, rv, 1), CARESTAT_OK);
    assert_non_null(strstr(csv, "E06000061,North Northamptonshire,cla.looked_after,2023-03-31,2023,545,,,2025,547,,,2\n"));
    assert_int_equal(strlen(csv), len);
    carestat_free(csv);
    carestat_revisions_free(rv);
    carestat_revisions_free(NULL);
    carestat_table_free(old);
    carestat_table_free(cur);
}

/* Placement stability: numerator row + "Total children" row; suppressed cells. */
static void test_stability_and_suppression(void **state)
{
    (void)state;
    carestat_table *t = read_file("data/dfe_ees/la_cla_placement_stability.csv", "2025");
    if (!t) return;
    /* NN 2025: 74/568 = 13%; 97/394 = 25%; long-term 121/205 = 59% (domain.md 5.8) */
    carestat_observation o = find_obs(t, "E06000061", "cla.stability.placements3plus", 2025);
    assert_true(o.numerator == 74 && o.denominator == 568 && o.value == 13);
    o = find_obs(t, "E06000061", "cla.stability.placements3plus_2yr", 2025);
    assert_true(o.numerator == 97 && o.denominator == 394 && o.value == 25);
    o = find_obs(t, "E06000061", "cla.stability.longterm", 2025);
    assert_true(o.numerator == 121 && o.denominator == 205 && o.value == 59);
    /* Northamptonshire 2021: 108/1,144 = 9% */
    o = find_obs(t, "E10000021", "cla.stability.placements3plus", 2021);
    assert_true(o.numerator == 108 && o.denominator == 1144 && o.value == 9);
    /* Rutland 2025, 3+ placements: "c,c" -> flagged c, NaN, never 0 */
    o = find_obs(t, "E06000017", "cla.stability.placements3plus", 2025);
    assert_true(o.flags & CARESTAT_FLAG_SUPPRESSED);
    assert_true(isnan(o.value));
    assert_true(isnan(o.numerator));
    /* no suppressed observation anywhere carries a number */
    size_t nsup = 0;
    for (size_t i = 0; i < carestat_table_count(t); i++) {
        carestat_table_get(&o, t, i);
        if (o.flags & CARESTAT_FLAG_SUPPRESSED) {
            nsup++;
            assert_true(isnan(o.value));
        }
    }
    assert_true(nsup > 0);
    carestat_table_free(t);

    /* revisions across a label change: the 2023 edition says "at 31 March" and "Living with the same carer
     * ..., or are placed for adoption ...", the 2025 edition "on 31 March" and "Living with the same carer
     * for at least 2 years". England 2023 long-term: 20,350/29,630 = 69 -> 20,190/29,590 = 68; 3+
     * placements: 8,630/83,840 = 10 -> 8,850/83,750 = 11 */
    carestat_table *s23 = read_file("data/dfe_ees_prev_editions/la_cla_placement_stability__ed2023_2019-2023.csv",
                                    "2023");
    t = read_file("data/dfe_ees/la_cla_placement_stability.csv", "2025");
    carestat_revisions *rv;
    assert_int_equal(carestat_published_revisions(&rv, s23, t), CARESTAT_OK);
    carestat_revision r;
    assert_int_equal(carestat_revisions_find(&r, rv, "E92000001", "cla.stability.longterm", 2023), CARESTAT_OK);
    assert_true(r.old_value == 69 && r.new_value == 68 && r.old_denominator == 29630 && r.new_denominator == 29590);
    assert_int_equal(carestat_revisions_find(&r, rv, "E92000001", "cla.stability.placements3plus", 2023),
                     CARESTAT_OK);
    assert_true(r.old_value == 10 && r.new_value == 11 && r.change == 1);
    carestat_revisions_free(rv);
    carestat_table_free(s23);
    carestat_table_free(t);

    /* 2022 edition: "characteristic" column, "Children looked after at 31 March", "Living in the same placement" */
    t = read_file("data/dfe_ees_prev_editions/la_cla_at_31_march_placement_stability_indicator__ed2022_2018-2022.csv",
                  "2022");
    o = find_obs(t, "E92000001", "cla.stability.longterm", 2022);
    assert_true(o.numerator == 20980 && o.denominator == 29550 && o.value == 71);
    assert_true(has_obs(t, "E10000021", "cla.stability.placements3plus", 2018));
    carestat_table_free(t);
}

/* CSWW: september periods, combined NN/WN row, 'low' and 'u', the 2024 edition with the same names. */
static void test_csww(void **state)
{
    (void)state;
    carestat_table *t = read_file("data/dfe_ees/csww_indicators_2017_to_2025.csv", "2025");
    if (!t) return;
    carestat_observation o = find_obs(t, "E06000061+E06000062", "wf.fte", 2025);
    assert_true(o.value == 421.5);
    assert_true(o.flags & CARESTAT_FLAG_COMBINED);
    assert_string_equal(o.org_name, "North Northamptonshire / West Northamptonshire");
    int y, m, d;
    carestat_date_to_ymd(o.period_end, &y, &m, &d);
    assert_int_equal(m, 9);
    assert_int_equal(d, 30);
    /* 2025: agency 101.8 FTE, 19.5%; vacancies 147, 25.9% (domain.md 5.8) */
    o = find_obs(t, "E06000061+E06000062", "wf.agency", 2025);
    assert_true(o.value == 19.5 && o.numerator == 101.8);
    assert_near(o.denominator, 101.8 + 421.5, 1e-9);
    o = find_obs(t, "E06000061+E06000062", "wf.vacancy", 2025);
    assert_true(o.value == 25.9 && o.numerator == 147);
    /* absence: days lost / (FTE x working days): 2019 is 253 days, 2024 (29 Feb 2024) 254 */
    o = find_obs(t, "E10000021", "wf.absence", 2019);
    assert_near(o.denominator, 316.0 * 253, 1e-6);
    o = find_obs(t, "E06000061+E06000062", "wf.absence", 2024);
    assert_near(o.denominator, 379.5 * 254, 1e-6);
    /* Northamptonshire up to 2020: 2017 FTE 237.6, turnover 17.9 */
    assert_true(find_obs(t, "E10000021", "wf.turnover", 2017).value == 17.9);
    /* Sunderland 2025 agency "low", 2024 leavers "u" */
    o = find_obs(t, "E08000024", "wf.agency", 2025);
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_LOW));
    o = find_obs(t, "E08000024", "wf.turnover", 2024);
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_UNRELIABLE));
    /* England 2025 caseload 15.2 */
    assert_true(find_obs(t, "E92000001", "wf.caseload", 2025).value == 15.2);

    const char *codes[4];
    char buf[64];
    assert_int_equal(carestat_published_combined_members(codes, 4, buf, sizeof buf, "E06000061+E06000062"), 2);
    assert_string_equal(codes[0], "E06000061");
    assert_string_equal(codes[1], "E06000062");
    assert_int_equal(carestat_published_combined_members(codes, 4, buf, sizeof buf, "E10000021"), 1);
    assert_int_equal(carestat_published_combined_members(codes, 4, buf, 3, "E10000021"), CARESTAT_EBUFFER);
    carestat_table_free(t);

    /* 2023-style names (turnover_rate_fte_%, social_worker_fte, leaver_fte) in the headline file */
    t = read_file("data/dfe_ees/csww_headline_measures_2017_to_2022.csv", "2022");
    o = find_obs(t, "E92000001", "wf.turnover", 2022);
    assert_true(o.value == 17.1 && o.numerator == 5422 && o.denominator == 31634.1);
    carestat_table_free(t);
}

/* Care leavers and social worker changes. */
static void test_leavers_and_sw(void **state)
{
    (void)state;
    carestat_table *t = read_file("data/dfe_ees/la_care_leavers_accommodation_suitability.csv", "2025");
    if (!t) return;
    /* England 2025: 13,380 / 14,750 = 91%, 19-21: 33,810 / 38,190 = 89% (domain.md 5.6) */
    carestat_observation o = find_obs(t, "E92000001", "leavers.suitable_accommodation.17to18", 2025);
    assert_true(o.numerator == 13380 && o.denominator == 14750 && o.value == 91);
    o = find_obs(t, "E92000001", "leavers.suitable_accommodation.19to21", 2025);
    assert_true(o.numerator == 33810 && o.denominator == 38190 && o.value == 89);
    /* Northamptonshire 2021: 138/155 = 89% */
    o = find_obs(t, "E10000021", "leavers.suitable_accommodation.17to18", 2021);
    assert_true(o.numerator == 138 && o.denominator == 155 && o.value == 89);
    carestat_table_free(t);

    t = read_file("data/dfe_ees/la_cla_swcount.csv", "2025");
    /* 2024: NN 153/533 = 29%, WN 177/648 = 27%; England 22,140 / 83,300 = 27% */
    o = find_obs(t, "E06000061", "sw.changes3plus", 2024);
    assert_true(o.numerator == 153 && o.denominator == 533 && o.value == 29);
    o = find_obs(t, "E92000001", "sw.changes3plus", 2024);
    assert_true(o.numerator == 22140 && o.denominator == 83300 && o.value == 27);
    carestat_table_free(t);
}

/* A hand-made file: BOM, financial-year period, every symbol, a combined old-code row, quoted empties,
 * a bad number, an unknown level. */
static void test_fixture_symbols(void **state)
{
    (void)state;
    const char *p = cs_test_write_file(
        "pub.csv",
        "\xEF\xBB\xBFtime_period,time_identifier,geographic_level,country_code,region_code,old_la_code,new_la_code,"
        "la_name,population_type,population_estimate,number,rate_per_10000\n"
        "202425,Financial year,National,E92000001,\"\",\"\",\"\",\"\",Children looked after at 31 March each year,100000,"
        "1000,100\n"
        "202425,Financial year,Local authority,E92000001,E12000004,940 / 941,,North and West,Children looked after at 31 "
        "March each year,200,20,1000\n"
        "202425,Financial year,Local authority,E92000001,E12000004,928,E10000021,Northamptonshire,Children looked after "
        "at 31 March each year,x,z,z\n"
        "202425,Financial year,Local authority,E92000001,E12000004,856,E06000016,Leicester,Children looked after at 31 "
        "March each year,1000,c,c\n"
        "202425,Financial year,Local authority,E92000001,E12000004,855,E10000018,Leicestershire,Children looked after "
        "at 31 March each year,1000,k,k\n"
        "202425,Financial year,Local authority,E92000001,E12000004,857,E06000017,Rutland,Children looked after at 31 "
        "March each year,1000,low,u\n"
        "202425,Financial year,Local authority,E92000001,E12000004,891,E06000018,Nottingham,Children looked after at "
        "31 March each year,1000,#VALUE!,\n"
        "202425,Financial year,Ward,E92000001,E12000004,,E05000001,Somewhere,Children looked after at 31 March each "
        "year,10,1,1000\n"
        "2025,Reporting year,Local authority,E92000001,E12000004,998,,Nowhere,Children looked after at 31 March each "
        "year,10,1,1000\n"
        "2025x,Reporting year,Local authority,E92000001,E12000004,892,E06000018,Nottingham,Children looked after at 31 "
        "March each year,10,1,1000\n"
        "202425,Financial year,Local authority,E92000001,E12000004,892,E06000018,Nottingham,Children starting to be "
        "looked after each year,1000,1,\n");
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.edition = "test";
    assert_int_equal(carestat_dataset_load_published(ds, p, &o), CARESTAT_OK);
    const carestat_table *t = carestat_dataset_published(ds);
    /* 202425 = year ending 31 March 2025 */
    carestat_observation ob = find_obs(t, "E92000001", "cla.looked_after", 2025);
    assert_true(ob.value == 1000);
    assert_string_equal(ob.source, "test");
    assert_true(find_obs(t, "E92000001", "cla.looked_after.rate", 2025).value == 100);
    /* "940 / 941" with no GSS code: resolved through the registry and combined */
    ob = find_obs(t, "E06000061+E06000062", "cla.looked_after", 2025);
    assert_true(ob.value == 20 && (ob.flags & CARESTAT_FLAG_COMBINED));
    ob = find_obs(t, "E10000021", "cla.looked_after.rate", 2025);
    assert_true(isnan(ob.value) && (ob.flags & CARESTAT_FLAG_NOT_APPLICABLE) && isnan(ob.denominator));
    ob = find_obs(t, "E06000016", "cla.looked_after", 2025);
    assert_true(isnan(ob.value) && ob.flags == CARESTAT_FLAG_SUPPRESSED);
    ob = find_obs(t, "E10000018", "cla.looked_after", 2025);
    assert_true(isnan(ob.value) && ob.flags == CARESTAT_FLAG_ROUNDS_TO_ZERO);
    ob = find_obs(t, "E06000017", "cla.looked_after", 2025);
    assert_true(isnan(ob.value) && ob.flags == CARESTAT_FLAG_LOW);
    ob = find_obs(t, "E06000017", "cla.looked_after.rate", 2025); /* rate "u", count "low" */
    assert_true(isnan(ob.value) && ob.flags == (CARESTAT_FLAG_UNRELIABLE | CARESTAT_FLAG_LOW));
    ob = find_obs(t, "E06000018", "cla.looked_after", 2025); /* "#VALUE!": a diagnostic, kept as x */
    assert_true(isnan(ob.value) && ob.flags == CARESTAT_FLAG_NOT_AVAILABLE);
    ob = find_obs(t, "E06000018", "cla.starts.rate", 2025); /* empty rate: not available, not 0 */
    assert_true(isnan(ob.value) && (ob.flags & CARESTAT_FLAG_NOT_AVAILABLE));
    assert_true(find_obs(t, "E06000018", "cla.starts", 2025).value == 1);

    const carestat_diag_list *dl = carestat_dataset_diagnostics(ds);
    int bad_number = 0, level = 0, unknown = 0, period = 0;
    for (size_t i = 0; i < carestat_diag_list_count(dl); i++) {
        const carestat_diag *dg = carestat_diag_list_get(dl, i);
        if (!strcmp(dg->code, "PUB_BAD_NUMBER")) {
            bad_number++;
            assert_int_equal(dg->line, 8);
            assert_int_equal(dg->column, 11);
        }
        if (!strcmp(dg->code, "PUB_LEVEL")) level++, assert_int_equal(dg->line, 9);
        if (!strcmp(dg->code, "PUB_UNKNOWN_ORG")) unknown++, assert_int_equal(dg->line, 10);
        if (!strcmp(dg->code, "PUB_BAD_PERIOD")) period++, assert_int_equal(dg->line, 11);
    }
    assert_int_equal(bad_number, 1);
    assert_int_equal(level, 1);
    assert_int_equal(unknown, 1);
    assert_int_equal(period, 1);
    carestat_load_summary sm;
    assert_int_equal(carestat_dataset_load_summary(&sm, ds, 0), CARESTAT_OK);
    assert_int_equal(sm.rows_read, 11);
    assert_int_equal(sm.rows_rejected, 3);
    assert_int_equal(sm.rows_accepted, 8);

    /* the copy getter */
    carestat_table *copy;
    assert_int_equal(carestat_dataset_published_copy(&copy, ds), CARESTAT_OK);
    assert_int_equal(carestat_table_count(copy), carestat_table_count(t));
    carestat_table_free(copy);
    carestat_dataset_free(ds);

    /* DROP: the row with "#VALUE!" (line 8) is rejected with what it gave */
    carestat_dataset_options dopt;
    carestat_dataset_options_init(&dopt, CARESTAT_DATASET_OPTIONS_VERSION);
    dopt.error_mode = CARESTAT_ROWS_DROP;
    assert_int_equal(carestat_dataset_new(&ds, &dopt), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_published(ds, p, &o), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_summary(&sm, ds, 0), CARESTAT_OK);
    assert_int_equal(sm.rows_read, 11);
    assert_int_equal(sm.rows_rejected, 4);
    assert_int_equal(sm.rows_accepted, 7);
    assert_false(has_obs(carestat_dataset_published(ds), "E06000018", "cla.looked_after", 2025));
    assert_true(has_obs(carestat_dataset_published(ds), "E06000018", "cla.starts", 2025));
    carestat_dataset_free(ds);
    /* STOP: the load fails at line 8 and keeps nothing */
    dopt.error_mode = CARESTAT_ROWS_STOP;
    assert_int_equal(carestat_dataset_new(&ds, &dopt), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_published(ds, p, &o), CARESTAT_EPARSE);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "line 8"));
    assert_null(carestat_dataset_published(ds));
    assert_int_equal(carestat_dataset_load_summary_count(ds), 0);
    carestat_dataset_free(ds);
}

/* A user mapping file (examples/published_mapping_cin.txt) for files with no built-in mapping. */
static void test_mapping_file(void **state)
{
    (void)state;
    const char *b1 = cs_test_shared("data/dfe_ees/b1_children_in_need_2013_to_2025.csv");
    if (!b1) return;
    char b1path[4096];
    snprintf(b1path, sizeof b1path, "%s", b1);
    const char *src = getenv("CARESTAT_SOURCE_DIR");
    assert_non_null(src);
    char map[4096];
    snprintf(map, sizeof map, "%s/examples/published_mapping_cin.txt", src);

    carestat_table *t = NULL;
    /* without a mapping the file is not known */
    assert_int_equal(carestat_published_read(&t, b1path, NULL, NULL), CARESTAT_EUNSUPPORTED);
    assert_null(t);
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.mapping_path = map;
    assert_int_equal(carestat_published_read(&t, b1path, &o, NULL), CARESTAT_OK);
    /* b1 2025: England 402,400 at 31 March; NN 2,406 at 31 March, 2,065 children started */
    assert_true(find_obs(t, "E92000001", "cin.at31", 2025).value == 402400);
    assert_true(find_obs(t, "E06000061", "cin.at31", 2025).value == 2406);
    assert_true(find_obs(t, "E06000061", "cin.starts", 2025).value == 2065);
    assert_false(has_obs(t, "E06000061", "cin.rereferrals", 2025)); /* c1's columns are not in b1 */
    carestat_table_free(t);
    const char *c1 = cs_test_shared("data/dfe_ees/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv");
    assert_int_equal(carestat_published_read(&t, c1, &o, NULL), CARESTAT_OK);
    /* NN 2025: 1,121 re-referrals of 4,682 referrals = 23.9% */
    carestat_observation ob = find_obs(t, "E06000061", "cin.rereferrals", 2025);
    assert_true(ob.value == 23.9 && ob.numerator == 1121 && ob.denominator == 4682);
    carestat_table_free(t);

    /* a mapping given as a struct: the same measure */
    carestat_published_measure m = {"cin.at31", CARESTAT_UNIT_COUNT, 0, "category", "Children in Need", NULL, NULL,
                                    "At31_episodes", NULL, NULL, NULL, 0};
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.measures = &m;
    o.n_measures = 1;
    assert_int_equal(carestat_published_read(&t, b1path, &o, NULL), CARESTAT_OK);
    assert_true(find_obs(t, "E06000061", "cin.at31", 2025).value == 2406);
    carestat_table_free(t);

    /* a broken mapping file: diagnostics with lines, then no valid measure */
    const char *bad = cs_test_write_file("bad_map.txt", "indicator = x\n[measure]\nunit = furlongs\nperiod = may\n"
                                                        "denominator_scale = -3\nnonsense\ncolour = blue\n[other]\n");
    carestat_diag_list *dl;
    assert_int_equal(carestat_diag_list_new(&dl), CARESTAT_OK);
    o.measures = NULL;
    o.n_measures = 0;
    o.mapping_path = bad;
    assert_int_equal(carestat_published_read(&t, b1path, &o, dl), CARESTAT_EPARSE);
    int lines[16] = {0};
    size_t nd = carestat_diag_list_count(dl);
    for (size_t i = 0; i < nd && i < 16; i++) lines[i] = (int)carestat_diag_list_get(dl, i)->line;
    /* line 1 outside a section, 3 unit, 4 period, 5 scale, 6 syntax, 7 unknown key, 2 incomplete, 8 section */
    int want[] = {1, 3, 4, 5, 6, 7, 2, 8};
    assert_true(nd >= 8);
    for (size_t i = 0; i < 8; i++) assert_int_equal(lines[i], want[i]);
    carestat_diag_list_free(dl);
}

static void test_errors(void **state)
{
    (void)state;
    carestat_table *t = (carestat_table *)1;
    assert_int_equal(carestat_published_read(&t, "/no/such/file.csv", NULL, NULL), CARESTAT_EIO);
    assert_null(t);
    assert_int_equal(carestat_published_read(NULL, "x", NULL, NULL), CARESTAT_EINVAL);
    carestat_published_options o;
    assert_int_equal(carestat_published_options_init(&o, 99), CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_published_options_init(NULL, 1), CARESTAT_EINVAL);
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.version = 7;
    assert_int_equal(carestat_published_read(&t, "x", &o, NULL), CARESTAT_EUNSUPPORTED);
    /* not a published table */
    const char *p = cs_test_write_file("plain.csv", "a,b\n1,2\n");
    assert_int_equal(carestat_published_read(&t, p, NULL, NULL), CARESTAT_EPARSE);
    /* a wide file with no year anywhere */
    p = cs_test_write_file("wide.csv", "geog_l,geog_c,geog_n,CLA_Mar\nLA,928,Northamptonshire,5\n");
    assert_int_equal(carestat_published_read(&t, p, NULL, NULL), CARESTAT_EPARSE);
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.year = 2012;
    assert_int_equal(carestat_published_read(&t, p, &o, NULL), CARESTAT_OK);
    assert_true(find_obs(t, "E10000021", "cla.looked_after", 2012).value == 5);
    carestat_table_free(t);
    /* dataset: a failed load leaves it unchanged and explains why */
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    assert_int_equal(carestat_dataset_load_published(ds, "/no/such/file.csv", NULL), CARESTAT_EIO);
    assert_non_null(strstr(carestat_dataset_errmsg(ds), "/no/such/file.csv"));
    assert_null(carestat_dataset_published(ds));
    assert_int_equal(carestat_dataset_load_published(NULL, "x", NULL), CARESTAT_EINVAL);
    carestat_dataset_free(ds);
    /* the built-in mapping is listed */
    assert_true(carestat_published_builtin_count() > 20);
    assert_non_null(carestat_published_builtin(0));
    assert_null(carestat_published_builtin(carestat_published_builtin_count()));
    assert_string_equal(carestat_published_builtin_family(0), "cla_number_and_rate");
    assert_string_equal(carestat_published_builtin(0)->indicator, "cla.looked_after");
}

/* Two rows for one observation: the first is kept and a warning names both lines; a measure that
 * cannot work (a denominator row without a breakdown column) does not fit any file. */
static void test_duplicates_and_bad_measure(void **state)
{
    (void)state;
    const char *p = cs_test_write_file("dup.csv", "time_period,geographic_level,new_la_code,la_name,population_type,"
                                                  "children_count\n"
                                                  "2025,Local authority,E06000061,NN,Children looked after on 31 March "
                                                  "each year,568\n"
                                                  "2025,Local authority,E06000061,NN,Children looked after on 31 March "
                                                  "each year,999\n");
    carestat_diag_list *dl;
    assert_int_equal(carestat_diag_list_new(&dl), CARESTAT_OK);
    carestat_table *t;
    assert_int_equal(carestat_published_read(&t, p, NULL, dl), CARESTAT_OK);
    assert_int_equal(carestat_table_count(t), 1);
    assert_true(find_obs(t, "E06000061", "cla.looked_after", 2025).value == 568);
    int dup = 0;
    for (size_t i = 0; i < carestat_diag_list_count(dl); i++) {
        const carestat_diag *d = carestat_diag_list_get(dl, i);
        if (!strcmp(d->code, "PUB_DUPLICATE_ROW")) {
            dup++;
            assert_int_equal(d->line, 3);
            assert_non_null(strstr(d->message, "line 2"));
        }
    }
    assert_int_equal(dup, 1);
    carestat_table_free(t);
    carestat_diag_list_free(dl);

    carestat_published_measure m = {"x.y", CARESTAT_UNIT_PERCENT, 0, NULL, NULL, NULL, NULL, "children_count", NULL,
                                    NULL, "Total", 0};
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.measures = &m;
    o.n_measures = 1;
    assert_int_equal(carestat_published_read(&t, p, &o, NULL), CARESTAT_EUNSUPPORTED);
    o.n_measures = 0;
    assert_int_equal(carestat_published_read(&t, p, &o, NULL), CARESTAT_EINVAL);
}

/* Damaged input never crashes: a valid header followed by random fields and bytes (seeded, repeatable). */
static void test_random_damage(void **state)
{
    (void)state;
    static const char *header =
        "time_period,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,cla_group,"
        "placement_stability,children_count,children_percent\n";
    static const char *atoms[] = {"2025", "202425", "National", "Local authority", "Regional", "E06000061", "940 / 941",
                                  "940", "c", "x", "z", "k", "u", "low", "", "\"\"", "CLA on 31 March",
                                  "Total children", "With 3 or more placements during the year", "12", "-3", "1e308",
                                  "nan", "0x10", "\"a,b\"", "/", " / ", "E92000001", "\xEF\xBB\xBF", "\"", "99999999999"};
    const size_t natoms = sizeof atoms / sizeof atoms[0];
    unsigned long seed = 12345;
    char *text = malloc(1 << 16);
    assert_non_null(text);
    for (int round = 0; round < 200; round++) {
        size_t w = (size_t)snprintf(text, 1 << 16, "%s", header);
        int rows = 1 + round % 20;
        for (int r = 0; r < rows; r++) {
            int nf = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 14;
            for (int f = 0; f < nf; f++) {
                seed = seed * 1103515245u + 12345u;
                const char *a = atoms[(seed >> 16) % natoms];
                w += (size_t)snprintf(text + w, (1 << 16) - w, "%s%s", f ? "," : "", a);
            }
            if (round % 7 == 0) text[w++] = (char)((seed >> 8) & 0xff); /* a raw byte */
            text[w++] = '\n';
        }
        text[w] = '\0';
        const char *p = cs_test_write_file("damaged.csv", text);
        carestat_diag_list *dl;
        assert_int_equal(carestat_diag_list_new(&dl), CARESTAT_OK);
        carestat_table *t = NULL;
        int rc = carestat_published_read(&t, p, NULL, dl);
        assert_true(rc == CARESTAT_OK || rc == CARESTAT_EPARSE);
        if (rc == CARESTAT_OK) {
            for (size_t i = 0; i < carestat_table_count(t); i++) {
                carestat_observation o;
                assert_int_equal(carestat_table_get(&o, t, i), CARESTAT_OK);
                /* a value is a number or flagged, never an unexplained NaN */
                if (isnan(o.value)) assert_true(o.flags & ~(uint32_t)CARESTAT_FLAG_COMBINED);
            }
            carestat_table_free(t);
        }
        carestat_diag_list_free(dl);
    }
    free(text);
}

/* Allocation failures: every allocation failing in turn gives ENOMEM (never a crash or a leak; ASan
 * checks leaks), and a failed dataset load leaves nothing behind. */

static void test_allocation_failures(void **state)
{
    (void)state;
    const char *p = cs_test_write_file(
        "alloc.csv", "time_period,geographic_level,country_code,region_code,old_la_code,new_la_code,la_name,"
                     "cla_group,placement_stability,children_count,children_percent\n"
                     "2025,National,E92000001,,,,,CLA on 31 March,Total children,81770,100\n"
                     "2025,National,E92000001,,,,,CLA on 31 March,With 3 or more placements during the year,8500,10\n"
                     "2025,Local authority,E92000001,E12000004,940 / 941,,NN and WN,CLA on 31 March,Total children,"
                     "1170,100\n"
                     "2025,Local authority,E92000001,E12000004,940 / 941,,NN and WN,CLA on 31 March,With 3 or more "
                     "placements during the year,147,13\n"
                     "2025,Local authority,E92000001,E12000004,941,E06000062,WN,CLA on 31 March,With 3 or more "
                     "placements during the year,c,c\n");
    char path[4096];
    snprintf(path, sizeof path, "%s", p);
    const char *m = cs_test_write_file("alloc_map.txt", "[measure]\nindicator = a.b\nunit = percent\n"
                                                        "filter2_column = placement_stability\n"
                                                        "filter2_value = With 3*\ncount_column = children_count\n"
                                                        "value_column = children_percent\n"
                                                        "denominator_row = Total children\n");
    char map[4096];
    snprintf(map, sizeof map, "%s", m);
    int done_read = 0, done_ds = 0;
    for (long n = 1; n < 5000 && !(done_read && done_ds); n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_table *t = NULL;
        carestat_published_options o;
        carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
        o.mapping_path = (n % 2) ? map : NULL;
        int rc = carestat_published_read(&t, path, &o, NULL);
        if (rc == CARESTAT_OK) {
            /* England, the combined 940/941 row and WN (c), with either mapping */
            assert_int_equal(carestat_table_count(t), 3);
            done_read = 1;
            carestat_table_free(t);
        } else {
            assert_int_equal(rc, CARESTAT_ENOMEM);
            assert_null(t);
        }
        f.n = 0;
        carestat_dataset *ds = NULL;
        rc = carestat_dataset_new(&ds, NULL);
        if (rc == CARESTAT_OK) {
            rc = carestat_dataset_load_published(ds, path, NULL);
            if (rc == CARESTAT_OK) {
                assert_int_equal(carestat_table_count(carestat_dataset_published(ds)), 3);
                done_ds = 1;
            } else {
                assert_int_equal(rc, CARESTAT_ENOMEM);
            }
            carestat_dataset_free(ds);
        } else {
            assert_int_equal(rc, CARESTAT_ENOMEM);
        }
        assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
    }
    assert_true(done_read && done_ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sfr_northamptonshire),
        cmocka_unit_test(test_sfr_starts_ceased),
        cmocka_unit_test(test_cla_2025_edition),
        cmocka_unit_test(test_cla_2023_edition_and_revision),
        cmocka_unit_test(test_stability_and_suppression),
        cmocka_unit_test(test_csww),
        cmocka_unit_test(test_leavers_and_sw),
        cmocka_unit_test(test_fixture_symbols),
        cmocka_unit_test(test_mapping_file),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_duplicates_and_bad_measure),
        cmocka_unit_test(test_random_damage),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
