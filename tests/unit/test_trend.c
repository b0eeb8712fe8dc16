/* Series continuity, trend and benchmark over published (and computed) observations. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/dataset.h"
#include "carestat/indicator.h"
#include "carestat/org.h"
#include "carestat/published.h"
#include "carestat/ssda903.h"
#include "carestat/stats.h"
#include "carestat/table.h"
#include "carestat/trend.h"

static int load(carestat_dataset *ds, const char *rel, const char *edition)
{
    const char *p = cs_test_shared(rel);
    if (!p) return 0;
    carestat_published_options o;
    carestat_published_options_init(&o, CARESTAT_PUBLISHED_OPTIONS_VERSION);
    o.edition = edition;
    assert_int_equal(carestat_dataset_load_published(ds, p, &o), CARESTAT_OK);
    return 1;
}

static carestat_observation row_for(const carestat_table *s, int year)
{
    for (size_t i = 0; i < carestat_table_count(s); i++) {
        carestat_observation o;
        carestat_table_get(&o, s, i);
        int y, m, d;
        carestat_date_to_ymd(o.period_end, &y, &m, &d);
        if (y == year) return o;
    }
    fail_msg("no row for %d", year);
    carestat_observation none;
    memset(&none, 0, sizeof none);
    return none;
}

static int series_has(const carestat_table *s, int year)
{
    for (size_t i = 0; i < carestat_table_count(s); i++) {
        carestat_observation o;
        carestat_table_get(&o, s, i);
        int y, m, d;
        carestat_date_to_ymd(o.period_end, &y, &m, &d);
        if (y == year) return 1;
    }
    return 0;
}

/* Northamptonshire 2010-2021 continued by North + West Northamptonshire from 2022. */
static void test_continued_northamptonshire(void **state)
{
    (void)state;
    static const char *sfr[] = {
        "data/dfe_sfr_2010_2017/2010_SFR27_2010_March.csv", "data/dfe_sfr_2010_2017/2011_SFR21_CLA.csv",
        "data/dfe_sfr_2010_2017/2012_SFR20_CLA2012.csv",    "data/dfe_sfr_2010_2017/2013_SFR36_CLA2013.csv",
        "data/dfe_sfr_2010_2017/2014_SFR36_CLA2014.csv",    "data/dfe_sfr_2010_2017/2015_SFR34_CLA2015.csv",
        "data/dfe_sfr_2010_2017/2016_SFR41_CLA2016.csv",    "data/dfe_sfr_2010_2017/2017_SFR50_CLA2017.csv",
    };
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    for (size_t i = 0; i < 8; i++)
        if (!load(ds, sfr[i], NULL)) goto out;
    /* older edition first: for a year in both, the later edition is kept */
    load(ds, "data/dfe_ees_prev_editions/cla_number_and_rate_per_10k_children__ed2023_2019-2023.csv", "2023");
    load(ds, "data/dfe_ees/cla_number_and_rate_per_10k_children.csv", "2025");
    const carestat_table *t = carestat_dataset_published(ds);

    carestat_table *s;
    assert_int_equal(carestat_series_continued(&s, t, ds, "Northamptonshire", "cla.looked_after"), CARESTAT_OK);
    /* 2010-2017 SFR, 2019-2021 own rows, 2022-2025 combined; 2018 is in no loaded file */
    assert_int_equal(carestat_table_count(s), 15);
    static const double sfrv[] = {701, 736, 794, 729, 834, 936, 993, 1004};
    for (int y = 2010; y <= 2017; y++) {
        carestat_observation o = row_for(s, y);
        assert_true(o.value == sfrv[y - 2010]);
        assert_int_equal(o.flags, 0);
        assert_string_equal(o.org_code, "E10000021");
    }
    assert_false(series_has(s, 2018));
    carestat_observation o = row_for(s, 2021);
    assert_true(o.value == 1144);
    assert_string_equal(o.source, "2025");
    assert_int_equal(o.flags, 0);
    /* 2022: 525 + 658; 2023: 547 + 688 (2025 edition, not 545 from 2023); 2025: 568 + 602 */
    o = row_for(s, 2022);
    assert_true(o.value == 525 + 658);
    assert_true(o.flags == CARESTAT_FLAG_COMBINED);
    assert_string_equal(o.org_code, "E10000021");
    assert_string_equal(o.org_name, "Northamptonshire");
    assert_true(row_for(s, 2023).value == 547 + 688);
    o = row_for(s, 2025);
    assert_true(o.value == 1170);
    assert_true(o.flags & CARESTAT_FLAG_COMBINED);
    assert_true(isnan(o.denominator));
    assert_string_equal(o.source, "2025");
    carestat_table_free(s);

    /* the rate from combined counts and denominators: 1,170 / (83,113 + 96,295) x 10,000 = 65.214...,
     * not the mean of 68 and 63 (65.5) */
    assert_int_equal(carestat_series_continued(&s, t, ds, "E10000021", "cla.looked_after.rate"), CARESTAT_OK);
    o = row_for(s, 2025);
    assert_true(o.numerator == 1170);
    assert_true(o.denominator == 83113 + 96295);
    assert_near(o.value, 1170.0 / 179408.0 * 10000.0, 1e-9);
    assert_near(o.value, 65.2145, 1e-4);
    assert_true(o.flags & CARESTAT_FLAG_COMBINED);
    o = row_for(s, 2021);
    assert_true(o.value == 67 && o.denominator == 170287);
    carestat_table_free(s);

    /* North Northamptonshire is not back-filled from the wider county: 2021 stays z */
    assert_int_equal(carestat_series_continued(&s, t, ds, "E06000061", "cla.looked_after"), CARESTAT_OK);
    o = row_for(s, 2021);
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_NOT_APPLICABLE));
    assert_false(o.flags & CARESTAT_FLAG_COMBINED);
    assert_true(row_for(s, 2025).value == 568);
    assert_false(series_has(s, 2015));
    carestat_table_free(s);

    /* a combined code (as the workforce tables give) over the children-in-care table: NN + WN added up */
    assert_int_equal(carestat_series_continued(&s, t, ds, "E06000061+E06000062", "cla.looked_after.rate"),
                     CARESTAT_OK);
    o = row_for(s, 2025);
    assert_true(o.numerator == 1170 && o.denominator == 179408 && (o.flags & CARESTAT_FLAG_COMBINED));
    assert_string_equal(o.org_code, "E06000061+E06000062");
    o = row_for(s, 2021); /* both z before the split: no value, flags kept */
    assert_true(isnan(o.value) && (o.flags & CARESTAT_FLAG_NOT_APPLICABLE));
    carestat_table_free(s);

    /* the trust stands for its councils: NN + WN in 2025 */
    assert_int_equal(carestat_series_continued(&s, t, ds, "TRUST-NCT", "cla.looked_after"), CARESTAT_OK);
    o = row_for(s, 2025);
    assert_true(o.value == 1170 && (o.flags & CARESTAT_FLAG_COMBINED));
    carestat_table_free(s);
out:
    carestat_dataset_free(ds);
}

/* Workforce: from 2021 the published row is already combined (E06000061+E06000062): it is used as is. */
static void test_continued_workforce(void **state)
{
    (void)state;
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    if (!load(ds, "data/dfe_ees/csww_indicators_2017_to_2025.csv", "2025")) goto out;
    const carestat_table *t = carestat_dataset_published(ds);
    carestat_table *s;
    assert_int_equal(carestat_series_continued(&s, t, ds, "E10000021", "wf.turnover"), CARESTAT_OK);
    /* 2017-2020 Northamptonshire (17.9, 16.7, 19.6, 13.6), 2021-2025 the combined return (domain.md 5.8) */
    static const double want[] = {17.9, 16.7, 19.6, 13.6, 16.2, 13.5, 21.9, 11.2, 10.4};
    assert_int_equal(carestat_table_count(s), 9);
    for (int y = 2017; y <= 2025; y++) {
        carestat_observation o = row_for(s, y);
        assert_true(o.value == want[y - 2017]);
        assert_int_equal(!!(o.flags & CARESTAT_FLAG_COMBINED), y >= 2021);
        int yy, m, d;
        carestat_date_to_ymd(o.period_end, &yy, &m, &d);
        assert_int_equal(m, 9);
    }
    carestat_table_free(s);
out:
    carestat_dataset_free(ds);
}

/* Members summed by hand-made rows: a missing member makes the combined value missing, not partial. */
static void test_continued_fixture(void **state)
{
    (void)state;
    carestat_table *t;
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    carestat_observation o;
    memset(&o, 0, sizeof o);
    o.indicator = "cla.stability.placements3plus";
    o.lower = o.upper = NAN;
    o.source = "x1";
    struct {
        const char *org;
        int year;
        double num, den, val;
        uint32_t flags;
    } rows[] = {
        {"E10000021", 2021, 108, 1144, 9, 0},
        {"E06000061", 2022, 69, 525, 13, 0},
        {"E06000062", 2022, 87, 658, 13, 0},
        {"E06000061", 2023, NAN, NAN, NAN, CARESTAT_FLAG_SUPPRESSED},
        {"E06000062", 2023, 74, 688, 11, 0},
        {"E06000062", 2024, 79, 648, 12, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        carestat_period_year_to_march(&o.period_start, &o.period_end, rows[i].year);
        o.org_code = rows[i].org;
        o.numerator = rows[i].num;
        o.denominator = rows[i].den;
        o.value = rows[i].val;
        o.flags = rows[i].flags;
        assert_int_equal(carestat_table_append(t, &o), CARESTAT_OK);
    }
    carestat_table *s;
    assert_int_equal(carestat_series_continued(&s, t, NULL, "E10000021", "cla.stability.placements3plus"),
                     CARESTAT_OK);
    assert_int_equal(carestat_table_count(s), 4);
    /* 2022: (69 + 87) / (525 + 658) x 100 = 13.187 % */
    carestat_observation r = row_for(s, 2022);
    assert_true(r.numerator == 156 && r.denominator == 1183);
    assert_near(r.value, 15600.0 / 1183.0, 1e-9);
    /* 2023: NN suppressed -> no value, flags c + combined */
    r = row_for(s, 2023);
    assert_true(isnan(r.value));
    assert_true(r.flags == (CARESTAT_FLAG_SUPPRESSED | CARESTAT_FLAG_COMBINED));
    /* 2024: NN has no row at all -> not available */
    r = row_for(s, 2024);
    assert_true(isnan(r.value) && (r.flags & CARESTAT_FLAG_NOT_AVAILABLE) && (r.flags & CARESTAT_FLAG_COMBINED));
    carestat_table_free(s);
    /* a merge that is not exact (Christchurch came from Dorset County): Bournemouth + Poole do not
     * stand for BCP before April 2019; a rename continues (Buckinghamshire, April 2020) */
    o.indicator = "cla.stability.placements3plus";
    struct {
        const char *org;
        int year;
        double num, den;
    } more[] = {{"E06000028", 2019, 10, 100}, {"E06000029", 2019, 20, 100}, {"E06000058", 2020, 31, 210},
                {"E10000002", 2019, 50, 500}, {"E06000060", 2021, 44, 400}};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        carestat_period_year_to_march(&o.period_start, &o.period_end, more[i].year);
        o.org_code = more[i].org;
        o.numerator = more[i].num;
        o.denominator = more[i].den;
        o.value = more[i].num / more[i].den * 100;
        o.flags = 0;
        assert_int_equal(carestat_table_append(t, &o), CARESTAT_OK);
    }
    assert_int_equal(carestat_series_continued(&s, t, NULL, "E06000058", "cla.stability.placements3plus"),
                     CARESTAT_OK);
    assert_false(series_has(s, 2019));
    assert_true(row_for(s, 2020).numerator == 31);
    carestat_table_free(s);
    assert_int_equal(carestat_series_continued(&s, t, NULL, "E06000060", "cla.stability.placements3plus"),
                     CARESTAT_OK);
    r = row_for(s, 2019);
    assert_true(r.numerator == 50 && r.denominator == 500 && r.value == 10);
    assert_string_equal(r.org_code, "E06000060");
    assert_true(r.flags & CARESTAT_FLAG_COMBINED);
    assert_true(row_for(s, 2021).numerator == 44);
    carestat_table_free(s);
    /* an unknown organisation: its own rows only */
    assert_int_equal(carestat_series_continued(&s, t, NULL, "ZZ999", "cla.stability.placements3plus"), CARESTAT_OK);
    assert_int_equal(carestat_table_count(s), 0);
    carestat_table_free(s);
    assert_int_equal(carestat_series_continued(NULL, t, NULL, "E10000021", "x"), CARESTAT_EINVAL);
    assert_int_equal(carestat_series_continued(&s, NULL, NULL, "E10000021", "x"), CARESTAT_EINVAL);
    carestat_table_free(t);
}

/* Cochran-Armitage chi-square for trend, by hand (stats.h formula). */
static double ca_chi2(const double *t, const double *x, const double *n, size_t k)
{
    double N = 0, X = 0, sxt = 0, snt = 0, snt2 = 0;
    for (size_t i = 0; i < k; i++) {
        N += n[i];
        X += x[i];
        sxt += x[i] * t[i];
        snt += n[i] * t[i];
        snt2 += n[i] * t[i] * t[i];
    }
    double a = N * sxt - X * snt;
    return N * a * a / (X * (N - X) * (N * snt2 - snt * snt));
}

/* OLS slope of logit(x/n) on t, skipping point `skip` (-1 for none). */
static double logit_slope(const double *t, const double *x, const double *n, size_t k, long skip)
{
    double st = 0, sy = 0, m = 0;
    for (size_t i = 0; i < k; i++)
        if ((long)i != skip) st += t[i], sy += log(x[i] / (n[i] - x[i])), m++;
    double mt = st / m, my = sy / m, sxy = 0, sxx = 0;
    for (size_t i = 0; i < k; i++) {
        if ((long)i == skip) continue;
        double y = log(x[i] / (n[i] - x[i]));
        sxy += (t[i] - mt) * (y - my);
        sxx += (t[i] - mt) * (t[i] - mt);
    }
    return sxy / sxx;
}

/* England, 3 or more placements, 2021-2025 (domain.md 5.2): the trend category by hand. */
static void test_trend_england_by_hand(void **state)
{
    (void)state;
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    if (!load(ds, "data/dfe_ees/la_cla_placement_stability.csv", "2025")) goto out;
    const carestat_table *t = carestat_dataset_published(ds);
    carestat_series_report r;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E92000001", "cla.stability.placements3plus", NULL),
                     CARESTAT_OK);
    assert_int_equal(r.version, CARESTAT_SERIES_REPORT_VERSION);
    assert_int_equal(r.year, 2025);
    assert_true(r.value == 10 && r.numerator == 8500 && r.denominator == 81770);
    assert_int_equal(r.polarity, CARESTAT_POLARITY_LOWER_BETTER); /* from the catalogue */
    assert_int_equal(r.unit, 1);                                 /* percent */

    /* recent trend: chi2 = 84.18 > 9.5495 (qchisq(0.998, 1)) and every drop-one logit slope is positive
     * (smallest 0.0133, dropping 2021), so: increasing; with lower-is-better: getting worse */
    double yrs[] = {2021, 2022, 2023, 2024, 2025};
    double x[] = {7400, 8210, 8850, 8860, 8500};
    double n[] = {80780, 82090, 83750, 83530, 81770};
    double chi2 = ca_chi2(yrs, x, n, 5);
    assert_near(chi2, 84.1765, 1e-3);
    assert_near(r.trend.chi2, chi2, 1e-6 * chi2);
    int all_positive = 1;
    for (long k = -1; k < 5; k++)
        if (!(logit_slope(yrs, x, n, 5, k) > 0)) all_positive = 0;
    assert_true(all_positive);
    assert_near(r.trend.slope, logit_slope(yrs, x, n, 5, -1), 1e-9);
    assert_int_equal(r.trend.marker, chi2 > 9.5495 && all_positive ? CARESTAT_TREND_INCREASING : -1);
    assert_int_equal(r.trend.label, CARESTAT_TREND_LABEL_INCREASING_WORSE);
    assert_string_equal(carestat_series_report_text(&r, "trend"), "Increasing and getting worse");

    /* change 2024 -> 2025: pooled z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)) = -1.405, p = 0.160: similar */
    double p1 = 8860.0 / 83530, p2 = 8500.0 / 81770, pp = (8860.0 + 8500) / (83530.0 + 81770);
    double z = (p2 - p1) / sqrt(pp * (1 - pp) * (1.0 / 83530 + 1.0 / 81770));
    double pv = erfc(fabs(z) / sqrt(2.0));
    assert_near(pv, 0.1599, 1e-4);
    assert_true(r.has_previous && r.change_tested);
    assert_near(r.change_p_value, pv, 1e-9);
    assert_true(r.previous_value == 11 && r.change == -1);
    assert_int_equal(r.change_relation, CARESTAT_RELATION_SIMILAR);

    /* SPC on the published values 9, 10, 11, 11, 10: mean 10.2, moving ranges 1, 1, 0, 1 -> AMR 0.75,
     * limits 10.2 -/+ 2.66 x 0.75 = 8.205 / 12.195 */
    assert_true(r.spc_done);
    assert_near(r.spc.mean, 10.2, 1e-12);
    assert_near(r.spc.amr, 0.75, 1e-12);
    assert_near(r.spc.lpl, 10.2 - 2.66 * 0.75, 1e-9);
    assert_near(r.spc.upl, 10.2 + 2.66 * 0.75, 1e-9);
    assert_int_equal(r.spc_rule, CARESTAT_SPC_COMMON_CAUSE);
    /* England against itself */
    assert_int_equal(r.vs_england, CARESTAT_JUDGEMENT_SIMILAR);
out:
    carestat_dataset_free(ds);
}

/* North Northamptonshire 2025, 3+ placements: England, region, neighbours, quartile, change, short series. */
static void test_benchmark_nn(void **state)
{
    (void)state;
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    if (!load(ds, "data/dfe_ees/la_cla_placement_stability.csv", "2025")) goto out;
    const char *sn = cs_test_shared("data/dfe_ees/sn_model_2025_wide.csv");
    assert_int_equal(carestat_dataset_load_neighbours(ds, sn), CARESTAT_OK);
    const carestat_table *t = carestat_dataset_published(ds);
    carestat_series_report r;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "North Northamptonshire", "cla.stability.placements3plus",
                                             NULL),
                     CARESTAT_OK);
    assert_string_equal(r.org_code, "E06000061");
    assert_true(r.value == 13 && r.numerator == 74 && r.denominator == 568);
    /* Wilson 95%: (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)) x 100 = 10.506 .. 16.047 */
    double zc = 1.959963984540054, xx = 74, nn = 568;
    double lo = (2 * xx + zc * zc - zc * sqrt(zc * zc + 4 * xx * (1 - xx / nn))) / (2 * (nn + zc * zc)) * 100;
    double hi = (2 * xx + zc * zc + zc * sqrt(zc * zc + 4 * xx * (1 - xx / nn))) / (2 * (nn + zc * zc)) * 100;
    assert_near(r.lower, lo, 1e-9);
    assert_near(r.upper, hi, 1e-9);
    assert_near(lo, 10.5064, 1e-4);
    /* England 8,500 / 81,770 = 10.395% lies below the interval: higher, and lower is better: worse */
    assert_near(r.england_value, 850000.0 / 81770, 1e-9);
    assert_int_equal(r.vs_england, CARESTAT_JUDGEMENT_WORSE);
    /* East Midlands 610 / 6,410 = 9.516%: worse */
    assert_string_equal(r.region_code, "E12000004");
    assert_near(r.region_value, 61000.0 / 6410, 1e-9);
    assert_int_equal(r.vs_region, CARESTAT_JUDGEMENT_WORSE);
    /* the 2025 model's 10 neighbours of 940 (Swindon 11, West Northamptonshire 12, Suffolk 9,
     * Lincolnshire 11, Somerset 18, Thurrock 7, Nottinghamshire 5, North Lincolnshire 10, Medway 14,
     * Wakefield 10): mean 10.7, inside 10.5-16.0: similar */
    assert_int_equal(r.neighbours_used, 10);
    assert_near(r.neighbours_value, 10.7, 1e-9);
    assert_int_equal(r.vs_neighbours, CARESTAT_JUDGEMENT_SIMILAR);
    /* 151 councils with a value in 2025; NN's 13% ranks 123rd from the lowest (ties at the minimum):
     * band = floor(5 - ceil((152 - 123) / (151 / 4))) = 4, the worst quarter */
    assert_int_equal(r.quartile_of, 151);
    assert_int_equal(r.quartile, 4);
    /* change 2024 (74/534) -> 2025 (74/568): z = -0.404, p = 0.687: similar */
    double p1 = 74.0 / 534, p2 = 74.0 / 568, pp = 148.0 / 1102;
    double z = (p2 - p1) / sqrt(pp * (1 - pp) * (1.0 / 534 + 1.0 / 568));
    assert_near(r.change_p_value, erfc(fabs(z) / sqrt(2.0)), 1e-9);
    assert_int_equal(r.change_relation, CARESTAT_RELATION_SIMILAR);
    /* only 2022-2025 (2021 is z and the county is wider): 4 points, no trend */
    assert_int_equal(r.points, 4);
    assert_int_equal(r.trend.marker, CARESTAT_TREND_CANNOT_BE_CALCULATED);
    assert_int_equal(r.trend.reason, CARESTAT_TREND_REASON_TOO_FEW_POINTS);
    assert_string_equal(carestat_series_report_text(&r, "vs_england"), "Worse");
    assert_string_equal(carestat_series_report_text(&r, "nonsense"), "");

    /* the same comparators as observations, every year: NN, England, East Midlands, neighbours' mean */
    carestat_table *b;
    assert_int_equal(carestat_series_benchmarks(&b, t, ds, "E06000061", "cla.stability.placements3plus", NULL),
                     CARESTAT_OK);
    assert_int_equal(carestat_table_count(b), 4 * 5); /* 2021-2025 each */
    carestat_table *bf;
    assert_int_equal(carestat_table_filter(&bf, b, "neighbours:E06000061", NULL), CARESTAT_OK);
    carestat_observation nbo = row_for(bf, 2025);
    assert_near(nbo.value, 10.7, 1e-9);
    assert_string_equal(nbo.org_name, "Statistical neighbours (mean of 10)");
    assert_string_equal(nbo.source, "mean");
    carestat_table_free(bf);
    assert_int_equal(carestat_table_filter(&bf, b, "E92000001", NULL), CARESTAT_OK);
    assert_true(row_for(bf, 2025).value == 10 && row_for(bf, 2021).value == 9);
    carestat_table_free(bf);
    assert_int_equal(carestat_table_filter(&bf, b, "E12000004", NULL), CARESTAT_OK);
    assert_true(row_for(bf, 2025).numerator == 610);
    carestat_table_free(bf);
    carestat_table_free(b);

    /* a given year and explicit neighbours */
    carestat_trend_options o;
    assert_int_equal(carestat_trend_options_init(&o, CARESTAT_TREND_OPTIONS_VERSION), CARESTAT_OK);
    o.year = 2023;
    const char *nb[] = {"E06000062", "Thurrock"};
    o.neighbours = nb;
    o.n_neighbours = 2;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E06000061", "cla.stability.placements3plus", &o),
                     CARESTAT_OK);
    assert_true(r.value == 12 && r.numerator == 63);
    assert_int_equal(r.neighbours_used, 2);
    o.year = 2019;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E06000061", "cla.stability.placements3plus", &o),
                     CARESTAT_ENOTFOUND);
    o.year = 0;
    o.level = 0.5;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E06000061", "cla.stability.placements3plus", &o),
                     CARESTAT_ERANGE);
    o.level = 0.95;
    o.version = 9;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E06000061", "cla.stability.placements3plus", &o),
                     CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E06000061", "no.such.indicator", NULL), CARESTAT_ENOTFOUND);
    assert_int_equal(carestat_trend_options_init(&o, 2), CARESTAT_EUNSUPPORTED);
out:
    carestat_dataset_free(ds);
}

/* A computed series and a published one side by side in one table. The computed rows are made by
 * hand here, as carestat_compute() would give them: rate = count / population x 10,000 unrounded,
 * source "computed", with an interval. */
static void test_computed_and_published_side_by_side(void **state)
{
    (void)state;
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    if (!load(ds, "data/dfe_ees/cla_number_and_rate_per_10k_children.csv", "2025")) goto out;
    carestat_table *both;
    assert_int_equal(carestat_dataset_published_copy(&both, ds), CARESTAT_OK);
    static const double cnt[] = {525, 547, 534, 568}, pop[] = {79186, 79966, 81494, 83113};
    for (int i = 0; i < 4; i++) {
        carestat_observation o;
        memset(&o, 0, sizeof o);
        carestat_period_year_to_march(&o.period_start, &o.period_end, 2022 + i);
        o.org_code = "E06000061";
        o.org_name = "North Northamptonshire";
        o.indicator = "cla.looked_after.rate";
        o.numerator = cnt[i];
        o.denominator = pop[i];
        int method;
        assert_int_equal(carestat_rate_ci(&o.value, &o.lower, &o.upper, &method, cnt[i], pop[i], 10000, 0.95),
                         CARESTAT_OK);
        o.source = "computed";
        assert_int_equal(carestat_table_append(both, &o), CARESTAT_OK);
    }
    carestat_table *f;
    assert_int_equal(carestat_table_filter(&f, both, "E06000061", "cla.looked_after.rate"), CARESTAT_OK);
    assert_int_equal(carestat_table_sort(f), CARESTAT_OK);
    /* 2021 (published z) + 2022-2025 published and computed */
    assert_int_equal(carestat_table_count(f), 9);
    size_t ncomp = 0, npub = 0;
    for (size_t i = 0; i < carestat_table_count(f); i++) {
        carestat_observation o;
        carestat_table_get(&o, f, i);
        if (!strcmp(o.source, "computed")) {
            ncomp++;
        } else {
            assert_string_equal(o.source, "2025");
            npub++;
        }
    }
    assert_int_equal(ncomp, 4);
    assert_int_equal(npub, 5);
    for (size_t i = 0; i + 1 < carestat_table_count(f); i++) {
        carestat_observation a, b;
        carestat_table_get(&a, f, i);
        carestat_table_get(&b, f, i + 1);
        if (a.period_end != b.period_end) continue;
        /* the published rate is the computed one rounded half-up; sorted by source: "2025" before "computed" */
        assert_string_equal(a.source, "2025");
        assert_string_equal(b.source, "computed");
        assert_true(a.numerator == b.numerator && a.denominator == b.denominator);
        double rounded;
        assert_int_equal(carestat_round_half_up_rate(&rounded, (int64_t)b.numerator, (int64_t)b.denominator, 10000, 0),
                         CARESTAT_OK);
        assert_true(rounded == a.value);
        assert_true(isnan(a.lower) && !isnan(b.lower));
    }
    carestat_table_free(f);
    /* the analysis runs on the computed series (the last appended per year) with England from the
     * published rows: 568 / 83,113 x 10^4 = 68.34 against England 81,770 / 12,183,016 = 67.12 */
    carestat_series_report r;
    assert_int_equal(carestat_series_analyse(&r, both, ds, "E06000061", "cla.looked_after.rate", NULL), CARESTAT_OK);
    assert_near(r.value, 5680000.0 / 83113, 1e-9);
    assert_near(r.england_value, 817700000.0 / 12183016, 1e-9);
    assert_near(r.previous_value, 5340000.0 / 81494, 1e-9);
    carestat_table_free(both);
out:
    carestat_dataset_free(ds);
}

/* The CLI form: one CSV line per (organisation, indicator). */
static void test_trend_csv(void **state)
{
    (void)state;
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    if (!load(ds, "data/dfe_ees/cla_number_and_rate_per_10k_children.csv", "2025")) goto out;
    const carestat_table *t = carestat_dataset_published(ds);
    const char *orgs[] = {"E10000021", "E06000062", "ZZ000"};
    const char *inds[] = {"cla.looked_after", "cla.looked_after.rate"};
    char *csv;
    size_t len;
    assert_int_equal(carestat_trend_csv(&csv, &len, t, ds, orgs, 3, inds, 2, NULL), CARESTAT_OK);
    assert_int_equal(strlen(csv), len);
    assert_true(strncmp(csv, "org_code,indicator,period_end,value,", 36) == 0);
    /* 4 lines: 2 orgs x 2 indicators (ZZ000 has no data) */
    size_t lines = 0;
    for (const char *p = csv; *p; p++) lines += *p == '\n';
    assert_int_equal(lines, 5);
    assert_non_null(strstr(csv, "\nE10000021,cla.looked_after,2025-03-31,1170,1170,,"));
    assert_non_null(strstr(csv, "\nE06000062,cla.looked_after.rate,2025-03-31,63,602,96295,"));
    carestat_free(csv);
    /* every indicator in the table */
    assert_int_equal(carestat_trend_csv(&csv, &len, t, ds, orgs, 1, NULL, 0, NULL), CARESTAT_OK);
    assert_non_null(strstr(csv, "\nE10000021,cla.starts.rate,"));
    carestat_free(csv);
    assert_int_equal(carestat_trend_csv(NULL, &len, t, ds, orgs, 1, NULL, 0, NULL), CARESTAT_EINVAL);
    carestat_series_report r;
    assert_int_equal(carestat_series_analyse(&r, t, ds, "E06000062", "cla.looked_after", NULL), CARESTAT_OK);
    /* a count is not benchmarked (a council's count against England's says nothing) */
    assert_int_equal(r.vs_england, CARESTAT_JUDGEMENT_NOT_COMPARED);
    assert_true(isnan(r.england_value));
    assert_int_equal(r.quartile, 0);
    /* the change of a count: exact conditional test, 648 (2024) -> 602 (2025): p = P(X <= 602 or as extreme)
     * for X ~ Bin(1250, 1/2): scipy.stats.binomtest(602, 1250, 0.5).pvalue = 0.203073 -> similar */
    assert_true(r.change_tested && r.previous_value == 648 && r.change == -46);
    assert_near(r.change_p_value, 0.203073, 1e-5);
    assert_int_equal(r.change_relation, CARESTAT_RELATION_SIMILAR);
    assert_int_equal(carestat_series_reports_to_csv(&csv, NULL, &r, 1), CARESTAT_OK);
    assert_non_null(strstr(csv, "\nE06000062,cla.looked_after,2025-03-31,602,602,,"));
    carestat_free(csv);
out:
    carestat_dataset_free(ds);
}

/* The real compute path: a (synthetic) council's own returns computed with carestat_compute() and
 * DfE's published England figures in one table, then analysed together. */
static void test_compute_path_with_published(void **state)
{
    (void)state;
    const char *dir = cs_test_shared("data/synthetic_903/cs_demand_model_samples");
    if (!dir) return;
    char p[8][4096];
    const char *paths[8];
    size_t k = 0;
    for (int y = 2018; y <= 2021; y++) {
        snprintf(p[k], sizeof p[k], "%s/%d-episodes.csv", dir, y);
        paths[k] = p[k];
        k++;
        snprintf(p[k], sizeof p[k], "%s/%d-header.csv", dir, y);
        paths[k] = p[k];
        k++;
    }
    carestat_dataset *ds;
    assert_int_equal(carestat_dataset_new(&ds, NULL), CARESTAT_OK);
    carestat_903_options o9;
    carestat_903_options_init(&o9, CARESTAT_903_OPTIONS_VERSION);
    o9.org_code = "SYN01";
    assert_int_equal(carestat_dataset_load_903(ds, paths, 8, &o9), CARESTAT_OK);
    load(ds, "data/dfe_ees_prev_editions/la_cla_placement_stability__ed2023_2019-2023.csv", "2023");
    carestat_request rq;
    carestat_request_init(&rq, CARESTAT_REQUEST_VERSION);
    const char *ids[] = {"cla.stability.placements3plus"};
    rq.indicators = ids;
    rq.n_indicators = 1;
    carestat_table *both;
    assert_int_equal(carestat_compute(&both, ds, &rq), CARESTAT_OK);
    size_t ncomputed = carestat_table_count(both);
    assert_true(ncomputed >= 3);
    assert_int_equal(carestat_table_append_table(both, carestat_dataset_published(ds)), CARESTAT_OK);

    /* one shape: computed rows and published rows of the same indicator and period */
    carestat_observation eng, own;
    memset(&eng, 0, sizeof eng);
    memset(&own, 0, sizeof own);
    int have_eng = 0, have_own = 0;
    for (size_t i = 0; i < carestat_table_count(both); i++) {
        carestat_observation o;
        carestat_table_get(&o, both, i);
        int y, m, d;
        carestat_date_to_ymd(o.period_end, &y, &m, &d);
        if (y != 2021 || strcmp(o.indicator, "cla.stability.placements3plus") != 0) continue;
        int ys, ms, ds_;
        carestat_date_to_ymd(o.period_start, &ys, &ms, &ds_);
        assert_true(ys == 2020 && ms == 4 && ds_ == 1 && m == 3 && d == 31);
        if (!strcmp(o.org_code, "E92000001")) eng = o, have_eng = 1;
        if (!strcmp(o.org_code, "SYN01")) own = o, have_own = 1;
    }
    assert_true(have_eng && have_own);
    assert_string_equal(own.source, "computed");
    assert_string_equal(eng.source, "2023");
    assert_near(own.value, own.numerator / own.denominator * 100, 1e-9);
    assert_true(!isnan(own.lower)); /* computed rows carry their interval, published ones do not */
    assert_true(isnan(eng.lower));

    carestat_series_report r;
    carestat_trend_options to;
    carestat_trend_options_init(&to, CARESTAT_TREND_OPTIONS_VERSION);
    to.year = 2021;
    assert_int_equal(carestat_series_analyse(&r, both, ds, "SYN01", "cla.stability.placements3plus", &to),
                     CARESTAT_OK);
    assert_true(r.value == own.value);
    assert_near(r.lower, own.lower, 1e-12); /* the row's own interval is used */
    /* England from the published counts */
    assert_near(r.england_value, eng.numerator / eng.denominator * 100, 1e-9);
    int rel, judg;
    assert_int_equal(carestat_compare(&rel, &judg, own.value, own.lower, own.upper, r.england_value,
                                      CARESTAT_POLARITY_LOWER_BETTER),
                     CARESTAT_OK);
    assert_int_equal(r.vs_england, judg);
    /* England's 2021 value (about 9%) lies below the synthetic council's interval: worse (lower is better) */
    assert_true(r.england_value < own.lower);
    assert_int_equal(r.vs_england, CARESTAT_JUDGEMENT_WORSE);
    /* 2019-2021 computed: 3 points, no trend; the change from 2020 is a two-proportion z-test */
    assert_int_equal(r.points, 3);
    assert_int_equal(r.trend.reason, CARESTAT_TREND_REASON_TOO_FEW_POINTS);
    assert_true(r.has_previous && r.change_tested);
    carestat_observation prev;
    memset(&prev, 0, sizeof prev);
    for (size_t i = 0; i < carestat_table_count(both); i++) {
        carestat_observation o;
        carestat_table_get(&o, both, i);
        int y, m, d;
        carestat_date_to_ymd(o.period_end, &y, &m, &d);
        if (y == 2020 && !strcmp(o.org_code, "SYN01")) prev = o;
    }
    double p1 = prev.numerator / prev.denominator, p2 = own.numerator / own.denominator;
    double pp = (prev.numerator + own.numerator) / (prev.denominator + own.denominator);
    double z = (p2 - p1) / sqrt(pp * (1 - pp) * (1 / prev.denominator + 1 / own.denominator));
    assert_near(r.change_p_value, erfc(fabs(z) / sqrt(2.0)), 1e-9);
    carestat_table_free(both);
    carestat_dataset_free(ds);
}

/* Allocation failures in the series functions: ENOMEM, never a crash or a leak (ASan). */

static void test_allocation_failures(void **state)
{
    (void)state;
    carestat_table *t;
    assert_int_equal(carestat_table_new(&t), CARESTAT_OK);
    /* Northamptonshire 2019-2021, NN and WN 2022-2025, England: counts of children looked after */
    static const struct {
        const char *org;
        int year;
        double v;
    } rows[] = {{"E10000021", 2019, 1000}, {"E10000021", 2020, 1100}, {"E10000021", 2021, 1144},
                {"E06000061", 2022, 525},  {"E06000062", 2022, 658},  {"E06000061", 2023, 547},
                {"E06000062", 2023, 688},  {"E06000061", 2024, 534},  {"E06000062", 2024, 648},
                {"E06000061", 2025, 568},  {"E06000062", 2025, 602},  {"E92000001", 2025, 81770},
                {"E06000016", 2025, 700},  {"E10000018", 2025, 800},  {"E06000017", 2025, 40}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        carestat_observation o;
        memset(&o, 0, sizeof o);
        carestat_period_year_to_march(&o.period_start, &o.period_end, rows[i].year);
        o.org_code = rows[i].org;
        o.indicator = "cla.looked_after";
        o.numerator = o.value = rows[i].v;
        o.denominator = o.lower = o.upper = NAN;
        o.source = "fixture";
        assert_int_equal(carestat_table_append(t, &o), CARESTAT_OK);
    }
    int done = 0;
    for (long n = 1; n < 5000 && !done; n++) {
        cs_test_failing f = {0, n, 0};
        carestat_allocator a = {cs_test_failing_malloc, cs_test_failing_realloc, cs_test_failing_free, &f};
        assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
        carestat_table *s = NULL;
        int rc = carestat_series_continued(&s, t, NULL, "E10000021", "cla.looked_after");
        if (rc == CARESTAT_OK) {
            carestat_free(NULL);
            f.n = 0;
            carestat_series_report r;
            rc = carestat_series_analyse(&r, t, NULL, "E10000021", "cla.looked_after", NULL);
            char *csv = NULL;
            if (rc == CARESTAT_OK) {
                /* 2025: 568 + 602 = 1170 combined; 2024: 1182 */
                assert_true(r.value == 1170 && r.previous_value == 1182);
                assert_int_equal(r.points, 7);
                const char *orgs[] = {"E10000021"};
                f.n = 0;
                rc = carestat_trend_csv(&csv, NULL, t, NULL, orgs, 1, NULL, 0, NULL);
                if (rc == CARESTAT_OK) {
                    carestat_table *b = NULL;
                    f.n = 0;
                    rc = carestat_series_benchmarks(&b, t, NULL, "E10000021", "cla.looked_after", NULL);
                    if (rc == CARESTAT_OK) {
                        assert_int_equal(carestat_table_count(b), 8); /* 7 years + England 2025 */
                        done = 1;
                    } else {
                        assert_null(b);
                    }
                    carestat_table_free(b);
                }
            }
            carestat_free(csv);
            assert_int_equal(carestat_table_count(s), 7);
            carestat_table_free(s);
        }
        if (rc != CARESTAT_OK) assert_int_equal(rc, CARESTAT_ENOMEM);
        assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
    }
    assert_true(done);
    carestat_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_continued_northamptonshire),
        cmocka_unit_test(test_continued_workforce),
        cmocka_unit_test(test_continued_fixture),
        cmocka_unit_test(test_trend_england_by_hand),
        cmocka_unit_test(test_benchmark_nn),
        cmocka_unit_test(test_computed_and_published_side_by_side),
        cmocka_unit_test(test_trend_csv),
        cmocka_unit_test(test_compute_path_with_published),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
