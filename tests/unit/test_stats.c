/* lib/stats: hand-worked cases (the arithmetic is in the comments), argument validation and
 * property tests. The upstream test vectors are checked in test_stats_conformance.c. */
#include "testutil.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "carestat/stats.h"
#include "carestat/table.h"

#define Z95 1.959963984540054   /* qnorm(0.975) */
#define Z998 3.090232306167813  /* qnorm(0.999) */

/* ------------------------------------------------------------------------------------------------
 * Distributions
 * ---------------------------------------------------------------------------------------------- */

static void test_critical_values(void **state)
{
    (void)state;
    double z;
    assert_int_equal(carestat_z_for_level(&z, 0.95), CARESTAT_OK);
    assert_near(z, Z95, 2e-15);
    assert_int_equal(carestat_z_for_level(&z, 0.998), CARESTAT_OK);
    assert_near(z, Z998, 2e-15);
    /* symmetry and the median */
    double a, b;
    assert_int_equal(carestat_normal_quantile(&a, 0.5), CARESTAT_OK);
    assert_true(a == 0.0);
    assert_int_equal(carestat_normal_quantile(&a, 0.25), CARESTAT_OK); /* 0.25 and 0.75 are exact in binary */
    assert_int_equal(carestat_normal_quantile(&b, 0.75), CARESTAT_OK);
    assert_true(a == -b);
    assert_near(b, 0.6744897501960817, 1e-15); /* qnorm(0.75), R */
    assert_int_equal(carestat_normal_quantile(&a, 1e-10), CARESTAT_OK);
    assert_near(a, -6.361340902404056, 1e-13); /* qnorm(1e-10), R */
    /* round trip through the CDF */
    for (double p = 0.001; p < 1; p += 0.0137) {
        double x, q;
        assert_int_equal(carestat_normal_quantile(&x, p), CARESTAT_OK);
        assert_int_equal(carestat_normal_cdf(&q, x), CARESTAT_OK);
        assert_near(q, p, 1e-15);
    }
    /* chi-square with 2 df is exponential with mean 2: qchisq(p, 2) = -2 ln(1 - p) */
    assert_int_equal(carestat_chisq_quantile(&a, 0.975, 2), CARESTAT_OK);
    assert_near(a, -2 * log(0.025), 1e-13);
    /* qchisq(0.998, 1) = qnorm(0.999)^2 = 9.54953570608324 (the Fingertips trend threshold) */
    assert_int_equal(carestat_chisq_critical(&a, 0.998), CARESTAT_OK);
    assert_near(a, Z998 * Z998, 1e-12);
    assert_near(a, 9.54953570608324, 1e-12);
    assert_int_equal(carestat_chisq_cdf(&b, a, 1), CARESTAT_OK);
    assert_near(b, 0.998, 1e-14);
    assert_int_equal(carestat_chisq_quantile(&a, 0.3, 0), CARESTAT_OK); /* R: qchisq(p, 0) = 0 */
    assert_true(a == 0.0);
    /* t with 1 df is Cauchy: qt(0.975, 1) = tan(0.475 pi) = 12.7062047361747;
     * with 2 df: qt(p, 2) = (2p - 1)/sqrt(2p(1 - p)) = 0.95/sqrt(0.04875) = 4.30265272974946 */
    assert_int_equal(carestat_t_quantile(&a, 0.975, 1), CARESTAT_OK);
    assert_near(a, 12.706204736174696, 1e-11);
    assert_int_equal(carestat_t_quantile(&a, 0.025, 2), CARESTAT_OK);
    assert_near(a, -4.302652729749464, 1e-12);
    assert_int_equal(carestat_t_quantile(&a, 0.975, 4), CARESTAT_OK);
    assert_near(a, 2.7764451051977987, 1e-12);

    /* validation: never a NaN, always a code */
    assert_int_equal(carestat_normal_quantile(&a, 0.0), CARESTAT_ERANGE);
    assert_int_equal(carestat_normal_quantile(&a, 1.0), CARESTAT_ERANGE);
    assert_int_equal(carestat_normal_quantile(&a, NAN), CARESTAT_EINVAL);
    assert_int_equal(carestat_normal_quantile(NULL, 0.5), CARESTAT_EINVAL);
    assert_int_equal(carestat_z_for_level(&a, 1.0), CARESTAT_ERANGE);
    assert_int_equal(carestat_chisq_quantile(&a, 0.5, -1), CARESTAT_EINVAL);
    assert_int_equal(carestat_chisq_quantile(&a, 1.0, 3), CARESTAT_ERANGE);
    assert_int_equal(carestat_t_quantile(&a, 0.5, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_chisq_cdf(&a, -1, 3), CARESTAT_EINVAL);
}

/* ------------------------------------------------------------------------------------------------
 * Intervals
 * ---------------------------------------------------------------------------------------------- */

static void test_proportion_hand(void **state)
{
    (void)state;
    double v, lo, hi;
    /* 0 of 10 at 95%: lower = (0 + z^2 - z sqrt(z^2))/(2(10 + z^2)) = 0 exactly;
     * upper = 2 z^2 / (2 (10 + z^2)) = 3.841458821/13.841458821 = 0.2775327998628892 */
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 0, 10, 1, 0.95), CARESTAT_OK);
    assert_true(v == 0.0);
    assert_true(lo == 0.0);
    assert_near(hi, 0.2775327998628892, 1e-15);
    /* 10 of 10: the mirror image, lower = 10/(10 + z^2) = 0.7224672001371107, upper 1 within an ulp */
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 10, 10, 100, 0.95), CARESTAT_OK);
    assert_near(v, 100, 0);
    assert_near(lo, 72.24672001371107, 1e-12);
    assert_near(hi, 100, 1e-12);
    /* 46 of 80 as a percentage: value 57.5 */
    assert_int_equal(carestat_proportion_ci(&v, NULL, NULL, 46, 80, 100, 0.95), CARESTAT_OK);
    assert_near(v, 57.5, 1e-12);

    /* validation */
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 11, 10, 1, 0.95), CARESTAT_EINVAL); /* x > n */
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, -1, 10, 1, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, 0, 1, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, NAN, 10, 1, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, INFINITY, 1, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, 10, 0, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, 10, 1, 0.85), CARESTAT_ERANGE);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, 10, 1, 1.0), CARESTAT_ERANGE);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, 10, 1, 95), CARESTAT_ERANGE);
    assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, 1, 10, 1, NAN), CARESTAT_EINVAL);
    /* outputs untouched on failure */
    v = -7;
    assert_int_equal(carestat_proportion_ci(&v, NULL, NULL, 3, 2, 1, 0.95), CARESTAT_EINVAL);
    assert_true(v == -7);
}

static void test_rate_hand(void **state)
{
    (void)state;
    double v, lo, hi;
    int m;
    /* 0 events in 1000 per 10,000: exact; lower 0; upper = qchisq(0.975, 2)/2 = -ln(0.025) = 3.68887945411394
     * events -> per 10,000: 3.68887945411394 / 1000 * 10000 = 36.8887945411394 */
    assert_int_equal(carestat_rate_ci(&v, &lo, &hi, &m, 0, 1000, 10000, 0.95), CARESTAT_OK);
    assert_true(v == 0.0 && lo == 0.0);
    assert_near(hi, 36.8887945411394, 1e-11);
    assert_int_equal(m, CARESTAT_CI_EXACT);
    assert_string_equal(carestat_ci_method_text(m), "Exact");
    /* 1 event: lower = qchisq(0.025, 2)/2 = -ln(0.975) = 0.0253178079842899 */
    assert_int_equal(carestat_exact_poisson_ci(&lo, NULL, 1, 0.95), CARESTAT_OK);
    assert_near(lo, 0.025317807984289897, 1e-15);
    /* 9 events is still exact, 10 is Byar's */
    assert_int_equal(carestat_poisson_ci(NULL, NULL, &m, 9, 0.95), CARESTAT_OK);
    assert_int_equal(m, CARESTAT_CI_EXACT);
    assert_int_equal(carestat_poisson_ci(NULL, NULL, &m, 10, 0.95), CARESTAT_OK);
    assert_int_equal(m, CARESTAT_CI_BYARS);
    /* Byar's for 65: 65 (1 - 1/585 - 1.959964/(3 sqrt 65))^3 = 65 (1 - 0.0017094 - 0.0810302)^3
     * = 65 x 0.9172604^3 = 50.1631877;
     * upper 66 (1 - 1/594 + 1.959964/(3 sqrt 66))^3 = 66 x 1.0787337^3 = 82.8491385 */
    assert_int_equal(carestat_byars_ci(&lo, &hi, 65, 0.95), CARESTAT_OK);
    assert_near(lo, 50.163187710459454, 1e-9);
    assert_near(hi, 82.849138545939837, 1e-9);
    /* more events than the denominator is allowed for rates */
    assert_int_equal(carestat_rate_ci(&v, NULL, NULL, NULL, 250, 220, 100, 0.95), CARESTAT_OK);
    assert_near(v, 250.0 / 220 * 100, 1e-12);

    assert_int_equal(carestat_rate_ci(&v, &lo, &hi, &m, -1, 1000, 10000, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_rate_ci(&v, &lo, &hi, &m, 1, 0, 10000, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_rate_ci(&v, &lo, &hi, &m, 1, NAN, 10000, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_rate_ci(&v, &lo, &hi, &m, 1, 10, 10000, 0.5), CARESTAT_ERANGE);
    assert_int_equal(carestat_byars_ci(&lo, &hi, 0, 0.95), CARESTAT_EINVAL);
}

static void test_mean_hand(void **state)
{
    (void)state;
    /* 1..5: mean 3, sd = sqrt(10/4) = 1.58113883; qt(0.975, 4) = 2.776445105;
     * half width = 2.776445105 x 1.58113883 / sqrt 5 = 1.963243161 -> (1.036756839, 4.963243161) */
    const double x[5] = {1, 2, 3, 4, 5};
    double v, lo, hi, sd;
    assert_int_equal(carestat_mean_ci(&v, &lo, &hi, &sd, x, 5, 0.95), CARESTAT_OK);
    assert_near(v, 3, 1e-15);
    assert_near(sd, sqrt(2.5), 1e-15);
    assert_near(lo, 1.0367568385224393, 1e-12);
    assert_near(hi, 4.9632431614775605, 1e-12);
    const double bad[3] = {1, NAN, 2};
    assert_int_equal(carestat_mean_ci(&v, &lo, &hi, &sd, bad, 3, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_mean_ci(&v, &lo, &hi, &sd, x, 1, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_mean_ci(&v, &lo, &hi, &sd, NULL, 5, 0.95), CARESTAT_EINVAL);
}

static void test_dsr_isr_hand(void **state)
{
    (void)state;
    /* two bands, x = (10, 20), n = (1000, 2000), standard population (1, 1):
     * DSR = (10/1000 + 20/2000)/2 = 0.01 -> 1000 per 100,000;
     * var = (10 (1/1000)^2 + 20 (1/2000)^2)/2^2 = (1e-5 + 5e-6)/4 = 3.75e-6; O = 30;
     * limits = 0.01 + sqrt(3.75e-6/30) (Byars(30) - 30) = (654.82367, 1453.55144) per 100,000 */
    const double x[2] = {10, 20}, n[2] = {1000, 2000}, w[2] = {1, 1};
    double v, lo, hi;
    assert_int_equal(carestat_dsr(&v, &lo, &hi, x, n, w, 2, 1e5, 0.95), CARESTAT_OK);
    assert_near(v, 1000, 1e-9);
    assert_near(lo, 654.823671385569, 1e-8);
    assert_near(hi, 1453.5514395885261, 1e-8);
    /* the same with every event in a separate person (frequency 1) gives the same DSR */
    const size_t band[2] = {0, 1};
    const double f[2] = {1, 1};
    double v2, lo2, hi2;
    assert_int_equal(carestat_dsr_nonindependent(&v2, &lo2, &hi2, band, f, x, 2, n, w, 2, 1e5, 0.95), CARESTAT_OK);
    assert_near(v2, v, 1e-9);
    assert_near(lo2, lo, 1e-9);
    assert_near(hi2, hi, 1e-9);
    /* pairs of events (10 persons with 2 events = 20 events): same DSR, variance x2 -> wider */
    const size_t band2[1] = {0};
    const double f2[1] = {2}, p2[1] = {10};
    const double n1[1] = {1000}, w1[1] = {1};
    const double x20[1] = {20};
    double vi, loi, hii;
    assert_int_equal(carestat_dsr(&vi, &loi, &hii, x20, n1, w1, 1, 1e5, 0.95), CARESTAT_OK);
    assert_int_equal(carestat_dsr_nonindependent(&v2, &lo2, &hi2, band2, f2, p2, 1, n1, w1, 1, 1e5, 0.95), CARESTAT_OK);
    assert_near(v2, vi, 1e-9);
    assert_true(lo2 < loi && hi2 > hii);
    /* fewer than 10 events: no DSR */
    const double x9[2] = {4, 5};
    v = -1;
    assert_int_equal(carestat_dsr(&v, &lo, &hi, x9, n, w, 2, 1e5, 0.95), CARESTAT_EUNSUPPORTED);
    assert_true(v == -1);
    const double nz[2] = {1000, 0};
    assert_int_equal(carestat_dsr(&v, &lo, &hi, x, nz, w, 2, 1e5, 0.95), CARESTAT_EINVAL);

    /* ISR: local n = (100, 200), reference rates 10/1000 and 40/2000:
     * E = 0.01 x 100 + 0.02 x 200 = 5; O = 10 -> ratio 2, limits Byars(10)/5 = (0.95749, 3.67829) */
    const double ln[2] = {100, 200}, xr[2] = {10, 40}, nr[2] = {1000, 2000};
    double e, rr;
    int m;
    assert_int_equal(carestat_isr_expected(&e, ln, xr, nr, 2), CARESTAT_OK);
    assert_near(e, 5, 1e-12);
    assert_int_equal(carestat_isr(&v, &lo, &hi, &m, 10, e, 1, 0.95), CARESTAT_OK);
    assert_near(v, 2, 1e-12);
    assert_near(lo, 0.9574899827935125, 1e-12);
    assert_near(hi, 3.6782917211512944, 1e-12);
    assert_int_equal(m, CARESTAT_CI_BYARS);
    /* reference rate = 50/3000 per 100,000 = 1666.67; ISRate = 2 x 1666.67 = 3333.33 */
    assert_int_equal(carestat_isr_reference_rate(&rr, xr, nr, 2, 1e5), CARESTAT_OK);
    assert_near(rr, 5e6 / 3000, 1e-9);
    assert_int_equal(carestat_isr(&v, NULL, NULL, NULL, 10, e, rr, 0.95), CARESTAT_OK);
    assert_near(v, 1e7 / 3000, 1e-8);
    const double nr0[2] = {0, 2000};
    assert_int_equal(carestat_isr_expected(&e, ln, xr, nr0, 2), CARESTAT_EINVAL); /* events with no population */
    assert_int_equal(carestat_isr(&v, &lo, &hi, &m, 10, 0, 1, 0.95), CARESTAT_EINVAL);
}

/* ------------------------------------------------------------------------------------------------
 * Comparisons, funnels, bands
 * ---------------------------------------------------------------------------------------------- */

static void test_compare_hand(void **state)
{
    (void)state;
    int rel, j;
    /* area 10 (8 to 12): England 7 is below the interval -> Higher; with lower-is-better: Worse */
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, 7, CARESTAT_POLARITY_LOWER_BETTER), CARESTAT_OK);
    assert_int_equal(rel, CARESTAT_RELATION_HIGHER);
    assert_int_equal(j, CARESTAT_JUDGEMENT_WORSE);
    assert_string_equal(carestat_judgement_text(j), "Worse");
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, 7, CARESTAT_POLARITY_HIGHER_BETTER), CARESTAT_OK);
    assert_int_equal(j, CARESTAT_JUDGEMENT_BETTER);
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, 7, CARESTAT_POLARITY_NONE), CARESTAT_OK);
    assert_string_equal(carestat_judgement_text(j), "Higher");
    /* bounds are inclusive: comparator 12 on the upper limit is Similar */
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, 12, CARESTAT_POLARITY_LOWER_BETTER), CARESTAT_OK);
    assert_int_equal(rel, CARESTAT_RELATION_SIMILAR);
    assert_string_equal(carestat_relation_text(rel), "Similar");
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, 12.5, CARESTAT_POLARITY_LOWER_BETTER), CARESTAT_OK);
    assert_int_equal(j, CARESTAT_JUDGEMENT_BETTER);
    assert_int_equal(carestat_compare(&rel, &j, 10, 12, 8, 7, 0), CARESTAT_EINVAL); /* lower > upper */
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, NAN, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_compare(&rel, &j, 10, 8, 12, 7, 9), CARESTAT_EINVAL);

    /* two levels: area 10 with 95% (8, 12) and 99.8% (7, 13): comparator 7.5 is below the 95% but
     * inside the 99.8% interval -> Higher -> Worse (lower is better); 6 is beyond the 99.8% -> Worst;
     * 12.5 -> Lower -> Better; 14 -> Best; 9 -> Similar */
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 7, 13, 7.5, CARESTAT_POLARITY_LOWER_BETTER), 0);
    assert_int_equal(j, CARESTAT_JUDGEMENT_WORSE);
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 7, 13, 6, CARESTAT_POLARITY_LOWER_BETTER), 0);
    assert_string_equal(carestat_judgement_text(j), "Worst");
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 7, 13, 12.5, CARESTAT_POLARITY_LOWER_BETTER), 0);
    assert_int_equal(j, CARESTAT_JUDGEMENT_BETTER);
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 7, 13, 14, CARESTAT_POLARITY_LOWER_BETTER), 0);
    assert_string_equal(carestat_judgement_text(j), "Best");
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 7, 13, 9, CARESTAT_POLARITY_LOWER_BETTER), 0);
    assert_int_equal(j, CARESTAT_JUDGEMENT_SIMILAR);
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 7, 13, 6, CARESTAT_POLARITY_NONE), 0);
    assert_int_equal(j, CARESTAT_JUDGEMENT_HIGHER);
    assert_int_equal(carestat_compare_two_levels(&j, 10, 8, 12, 9, 13, 6, 0), CARESTAT_EINVAL); /* 99.8% inside 95% */

    /* two intervals: (10; 8-12) vs (15; 12.5-17.5) do not overlap -> Lower; vs (14; 12-16) overlap */
    assert_int_equal(carestat_compare_intervals(&rel, 10, 8, 12, 15, 12.5, 17.5), CARESTAT_OK);
    assert_int_equal(rel, CARESTAT_RELATION_LOWER);
    assert_int_equal(carestat_compare_intervals(&rel, 10, 8, 12, 14, 12, 16), CARESTAT_OK);
    assert_int_equal(rel, CARESTAT_RELATION_SIMILAR);
}

static void test_funnel_hand(void **state)
{
    (void)state;
    double lo, hi;
    /* The proportion funnel limit is the observed proportion whose Wilson interval just reaches the
     * baseline: check that property at n = 200, baseline 0.3. */
    assert_int_equal(carestat_funnel_proportion_limits(&lo, &hi, 0.3, 200, 0.95, 1), CARESTAT_OK);
    double v, wl, wh;
    assert_int_equal(carestat_proportion_ci(&v, &wl, &wh, lo * 200, 200, 1, 0.95), CARESTAT_OK);
    assert_near(wh, 0.3, 1e-12);
    assert_int_equal(carestat_proportion_ci(&v, &wl, &wh, hi * 200, 200, 1, 0.95), CARESTAT_OK);
    assert_near(wl, 0.3, 1e-12);
    int sig;
    assert_int_equal(carestat_funnel_significance_proportion(&sig, 90, 200, 0.3), CARESTAT_OK); /* 45% */
    assert_int_equal(sig, CARESTAT_FUNNEL_HIGH_0001);
    assert_string_equal(carestat_funnel_sig_text(sig), "High (0.001)");
    assert_int_equal(carestat_funnel_significance_proportion(&sig, 60, 200, 0.3), CARESTAT_OK);
    assert_int_equal(sig, CARESTAT_FUNNEL_NOT_SIGNIFICANT);
    /* the bisection limits agree with exact chi-square limits to ~4e-6 (stats-methods.md 1.6) */
    double bis, ex;
    assert_int_equal(carestat_poisson_limit_bisect(&bis, 5, 0.025, CARESTAT_POISSON_HIGH), CARESTAT_OK);
    assert_int_equal(carestat_exact_poisson_ci(NULL, &ex, 5, 0.95), CARESTAT_OK);
    assert_near(bis / ex, 1, 4e-6);
    assert_int_equal(carestat_poisson_limit_bisect(&bis, 5, 0.025, CARESTAT_POISSON_LOW), CARESTAT_OK);
    assert_int_equal(carestat_exact_poisson_ci(&ex, NULL, 5, 0.95), CARESTAT_OK);
    assert_near(bis / ex, 1, 4e-6);
    /* ratio: 30 observed for 10 expected is far above 1 */
    assert_int_equal(carestat_funnel_significance_ratio(&sig, 30, 10, 1), CARESTAT_OK);
    assert_int_equal(sig, CARESTAT_FUNNEL_HIGH_0001);
    /* DSR with 9 events: not applicable */
    assert_int_equal(carestat_funnel_significance_rate(&sig, 9, 50, NAN, 40, 1e5, 1), CARESTAT_OK);
    assert_int_equal(sig, CARESTAT_FUNNEL_NOT_APPLICABLE);
    double axis[100];
    assert_int_equal(carestat_funnel_axis(axis, 99, CARESTAT_FUNNEL_PROPORTION, 10, 1000, 0, 0), CARESTAT_EBUFFER);
    assert_int_equal(carestat_funnel_axis(axis, 100, CARESTAT_FUNNEL_PROPORTION, 10, 1000, 0, 0), 100);
    for (int i = 1; i < 100; i++) assert_true(axis[i] > axis[i - 1]);
    assert_int_equal(carestat_funnel_proportion_limits(&lo, &hi, 1.2, 200, 0.95, 1), CARESTAT_EINVAL);
}

static void test_bands_hand(void **state)
{
    (void)state;
    /* 1..8 into quartiles, lowest first: band = floor(5 - ceil((9 - rank)/2)):
     * ranks 1..8 -> ceil(4, 3.5, 3, 2.5, 2, 1.5, 1, 0.5) = 4,4,3,3,2,2,1,1 -> bands 1,1,2,2,3,3,4,4 */
    const double v[8] = {3, 1, 2, 4, 8, 7, 6, 5};
    int b[8];
    assert_int_equal(carestat_quantile_bands(b, v, 8, 4, 0), CARESTAT_OK);
    const int expect_low[8] = {2, 1, 1, 2, 4, 4, 3, 3};
    for (int i = 0; i < 8; i++) assert_int_equal(b[i], expect_low[i]);
    /* highest first (PHE's default): mirrored */
    assert_int_equal(carestat_quantile_bands(b, v, 8, 4, 1), CARESTAT_OK);
    const int expect_high[8] = {3, 4, 4, 3, 1, 1, 2, 2};
    for (int i = 0; i < 8; i++) assert_int_equal(b[i], expect_high[i]);
    /* ties take the minimum rank: 5,5,5,1 lowest first -> ranks 2,2,2,1 (N = 4, nq = 2):
     * floor(3 - ceil((5 - r)/2)): r = 2 -> ceil(1.5) = 2 -> 1; r = 1 -> ceil(2) = 2 -> 1 */
    const double t[4] = {5, 5, 5, 1};
    assert_int_equal(carestat_quantile_bands(b, t, 4, 2, 0), CARESTAT_OK);
    for (int i = 0; i < 4; i++) assert_int_equal(b[i], 1);
    /* NaN is missing (band 0); fewer values than bands -> ERANGE with every band 0 */
    const double m[5] = {1, NAN, 3, 4, 5};
    assert_int_equal(carestat_quantile_bands(b, m, 5, 4, 0), CARESTAT_OK);
    assert_int_equal(b[1], 0);
    assert_int_equal(carestat_quantile_bands(b, m, 5, 5, 0), CARESTAT_ERANGE);
    for (int i = 0; i < 5; i++) assert_int_equal(b[i], 0);
    assert_int_equal(carestat_quantile_bands(b, m, 5, 1, 0), CARESTAT_EINVAL);
}

/* ------------------------------------------------------------------------------------------------
 * Trend and change
 * ---------------------------------------------------------------------------------------------- */

static void test_trend_hand(void **state)
{
    (void)state;
    /* 10, 20, 30, 40, 50 of 100 at t = 1..5: N = 500, X = 150, sum x t = 550, sum n t = 1500,
     * sum n t^2 = 5500; chi2 = 500 (500 x 550 - 150 x 1500)^2 / (150 x 350 x (500 x 5500 - 1500^2))
     * = 500 x 50000^2 / (52500 x 500000) = 47.6190476 > 9.5495 -> Increasing */
    const double t[5] = {2019, 2020, 2021, 2022, 2023}; /* any equally spaced times give the same answer */
    const double x[5] = {10, 20, 30, 40, 50}, n[5] = {100, 100, 100, 100, 100};
    carestat_trend_result r;
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, t, x, n, NULL, NULL, NULL, 5,
                                           CARESTAT_POLARITY_LOWER_BETTER, 0.95),
                     CARESTAT_OK);
    assert_near(r.chi2, 47.61904761904762, 1e-9);
    assert_int_equal(r.marker, CARESTAT_TREND_INCREASING);
    assert_string_equal(carestat_trend_label_text(r.label), "Increasing and getting worse");
    assert_string_equal(carestat_trend_reason_text(r.reason), "No outliers and significant trend");
    assert_true(r.slope > 0);
    assert_int_equal(carestat_trend_label_for(CARESTAT_TREND_DECREASING, CARESTAT_POLARITY_HIGHER_BETTER),
                     CARESTAT_TREND_LABEL_DECREASING_WORSE);
    assert_int_equal(carestat_trend_label_for(CARESTAT_TREND_DECREASING, CARESTAT_POLARITY_LOWER_BETTER),
                     CARESTAT_TREND_LABEL_DECREASING_BETTER);
    /* weighted: values 10, 11, 12, 13, 14 with equal SE 0.5 (CI width 2 x 1.96 x 0.5):
     * slope 1, SE(slope) = sqrt(S1/(S1 S5 - S3^2)) with w = 4: S1 = 20, S3 = 60, S5 = 220
     * -> sqrt(20/(4400 - 3600)) = sqrt(1/40); chi2 = 1/(1/40) = 40 */
    double val[5], lo[5], hi[5];
    for (int i = 0; i < 5; i++) {
        val[i] = 10 + i;
        lo[i] = val[i] - 0.98;
        hi[i] = val[i] + 0.98;
    }
    const double t15[5] = {1, 2, 3, 4, 5};
    assert_int_equal(carestat_recent_trend_z(&r, CARESTAT_TREND_WEIGHTED, t15, NULL, NULL, val, lo, hi, 5,
                                             CARESTAT_POLARITY_HIGHER_BETTER, 1.96),
                     CARESTAT_OK);
    assert_near(r.slope, 1, 1e-12);
    assert_near(r.chi2, 40, 1e-9);
    assert_string_equal(carestat_trend_label_text(r.label), "Increasing and getting better");
    /* an outlier: a large last value makes the slope significant but dropping it flips the sign */
    const double vo[5] = {14, 13, 12, 11, 30};
    for (int i = 0; i < 5; i++) {
        lo[i] = vo[i] - 0.98;
        hi[i] = vo[i] + 0.98;
    }
    assert_int_equal(carestat_recent_trend_z(&r, CARESTAT_TREND_WEIGHTED, t15, NULL, NULL, vo, lo, hi, 5, 0, 1.96),
                     CARESTAT_OK);
    assert_true(r.chi2 > 9.5495);
    assert_int_equal(r.marker, CARESTAT_TREND_NO_CHANGE);
    assert_string_equal(carestat_trend_reason_text(r.reason), "Outlier found");
    /* too few points, duplicate times, missing values: Cannot be calculated, with the reason */
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, t, x, n, NULL, NULL, NULL, 4, 0, 0.95),
                     CARESTAT_OK);
    assert_string_equal(carestat_trend_label_text(r.label), "Cannot be calculated");
    assert_int_equal(r.reason, CARESTAT_TREND_REASON_TOO_FEW_POINTS);
    const double td[5] = {1, 2, 3, 3, 5};
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, td, x, n, NULL, NULL, NULL, 5, 0, 0.95),
                     CARESTAT_OK);
    assert_int_equal(r.reason, CARESTAT_TREND_REASON_DUPLICATE_TIMES);
    const double xm[5] = {10, NAN, 30, 40, 50};
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, t, xm, n, NULL, NULL, NULL, 5, 0, 0.95),
                     CARESTAT_OK);
    assert_int_equal(r.reason, CARESTAT_TREND_REASON_MISSING_VALUES);
    assert_true(isnan(r.chi2));
    /* only the last 5 by time are used: an early wild point does not matter */
    const double t6[6] = {2018, 2019, 2020, 2021, 2022, 2023};
    const double x6[6] = {99, 10, 20, 30, 40, 50}, n6[6] = {100, 100, 100, 100, 100, 100};
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, t6, x6, n6, NULL, NULL, NULL, 6, 0, 0.95),
                     CARESTAT_OK);
    assert_near(r.chi2, 47.61904761904762, 1e-9);
    assert_int_equal(r.points, 5);
    /* invalid */
    const double xbad[5] = {10, 200, 30, 40, 50};
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, t, xbad, n, NULL, NULL, NULL, 5, 0, 0.95),
                     CARESTAT_EINVAL);
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_WEIGHTED, t, x, n, NULL, NULL, NULL, 5, 0, 0.95),
                     CARESTAT_EINVAL);
    assert_int_equal(carestat_recent_trend(&r, 7, t, x, n, NULL, NULL, NULL, 5, 0, 0.95), CARESTAT_EINVAL);
    assert_int_equal(carestat_recent_trend(&r, CARESTAT_TREND_PROPORTION, t, x, n, NULL, NULL, NULL, 5, 0, 0.5),
                     CARESTAT_ERANGE);
}

static void test_change_hand(void **state)
{
    (void)state;
    carestat_change_result c;
    /* 40/100 -> 60/100: pooled p = 0.5, var = 0.25 x (1/100 + 1/100) = 0.005, z = 0.2/0.0707107 = 2.828427,
     * two-sided p = erfc(2.828427/sqrt 2) = erfc(2) = 0.00467773 < 0.05 -> Higher */
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_PROPORTION, 40, 100, 60, 100, 100, 0.95), CARESTAT_OK);
    assert_near(c.value1, 40, 1e-12);
    assert_near(c.value2, 60, 1e-12);
    assert_near(c.difference, 20, 1e-12);
    assert_near(c.ratio, 1.5, 1e-12);
    assert_near(c.statistic, 2.8284271247461903, 1e-12);
    assert_near(c.p_value, 0.004677734981047265, 1e-15);
    assert_int_equal(c.significant, 1);
    assert_int_equal(c.relation, CARESTAT_RELATION_HIGHER);
    assert_string_equal(carestat_change_method_text(c.method), "Two-proportion z-test");
    /* not significant at 99.8% (p > 0.002) */
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_PROPORTION, 40, 100, 60, 100, 100, 0.998), CARESTAT_OK);
    assert_int_equal(c.significant, 0);
    assert_int_equal(c.relation, CARESTAT_RELATION_SIMILAR);
    /* rates 10 then 30 events in equal populations: given 40 events, 30 ~ Binomial(40, 1/2);
     * two-sided p = 2 P(X >= 30) = 2 x 0.00111072 = 0.00222143 */
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_RATE, 10, 1000, 30, 1000, 10000, 0.95), CARESTAT_OK);
    assert_near(c.p_value, 0.0022214337732293643, 1e-12);
    assert_near(c.value2, 300, 1e-12);
    assert_int_equal(c.relation, CARESTAT_RELATION_HIGHER);
    assert_int_equal(c.method, CARESTAT_CHANGE_CONDITIONAL_POISSON);
    /* equal counts: p = 1 */
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_RATE, 20, 1000, 20, 1000, 10000, 0.95), CARESTAT_OK);
    assert_near(c.p_value, 1, 1e-9);
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_PROPORTION, 0, 100, 0, 100, 100, 0.95),
                     CARESTAT_EUNSUPPORTED);
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_PROPORTION, 101, 100, 0, 100, 100, 0.95),
                     CARESTAT_EINVAL);
    assert_int_equal(carestat_change_test(&c, CARESTAT_CHANGE_RATE, 1.5, 100, 0, 100, 100, 0.95), CARESTAT_EINVAL);
}

/* ------------------------------------------------------------------------------------------------
 * SPC
 * ---------------------------------------------------------------------------------------------- */

static void test_spc_hand(void **state)
{
    (void)state;
    /* 1..7: mean 4, every moving range 1 -> AMR 1, limits 4 -/+ 2.66 = (1.34, 6.66):
     * 1 is below the LCL, 7 above the UCL, 2..6 belong to a 7-point increasing trend */
    const double y[7] = {1, 2, 3, 4, 5, 6, 7};
    carestat_spc_summary s;
    int rule[7], type[7];
    carestat_spc_options o;
    assert_int_equal(carestat_spc_options_init(&o), CARESTAT_OK);
    o.improvement = CARESTAT_POLARITY_HIGHER_BETTER;
    assert_int_equal(carestat_spc_xmr(&s, rule, type, 7, y, 7, &o), CARESTAT_OK);
    assert_near(s.mean, 4, 1e-15);
    assert_near(s.amr, 1, 1e-15);
    assert_near(s.upl, 6.66, 1e-12);
    assert_near(s.lpl, 1.34, 1e-12);
    assert_near(s.near_upl, 4 + 2.66 * 2 / 3, 1e-12);
    assert_int_equal(rule[0], CARESTAT_SPC_BELOW_LCL);
    assert_int_equal(type[0], CARESTAT_SPC_POINT_CONCERN);
    for (int i = 1; i < 6; i++) {
        assert_int_equal(rule[i], CARESTAT_SPC_TREND_INCREASING);
        assert_int_equal(type[i], CARESTAT_SPC_POINT_IMPROVEMENT);
    }
    assert_int_equal(rule[6], CARESTAT_SPC_ABOVE_UCL);
    assert_string_equal(carestat_spc_rule_text(rule[6]), "Above UCL");
    assert_int_equal(s.variation, CARESTAT_SPC_POINT_IMPROVEMENT);
    assert_int_equal(s.trial_limits, 1);
    assert_int_equal(s.assurance, CARESTAT_SPC_ASSURANCE_NONE);

    /* shift: 3,4,3,4,3,4,3 then 1,2,1,2,1,2,1: mean 34/14 = 2.428571; MR twelve 1s and one 2 -> AMR 14/13 =
     * 1.076923; 2-sigma lines 2.428571 -/+ 1.909744 = (0.518828, 4.338315): no point beyond them; limits
     * (-0.435983, 5.293126). Points 1-7 are above the mean (a run of 7), points 8-14 below. */
    const double z[14] = {3, 4, 3, 4, 3, 4, 3, 1, 2, 1, 2, 1, 2, 1};
    int r14[14], t14[14];
    o.improvement = CARESTAT_POLARITY_LOWER_BETTER;
    o.target = 6; /* above the UPL with lower-is-better: always met */
    assert_int_equal(carestat_spc_xmr(&s, r14, t14, 14, z, 14, &o), CARESTAT_OK);
    assert_near(s.mean, 34.0 / 14, 1e-14);
    assert_near(s.amr, 14.0 / 13, 1e-14);
    for (int i = 0; i < 7; i++) {
        assert_int_equal(r14[i], CARESTAT_SPC_SHIFT_ABOVE);
        assert_int_equal(t14[i], CARESTAT_SPC_POINT_CONCERN);
    }
    for (int i = 7; i < 14; i++) {
        assert_int_equal(r14[i], CARESTAT_SPC_SHIFT_BELOW);
        assert_int_equal(t14[i], CARESTAT_SPC_POINT_IMPROVEMENT);
    }
    assert_string_equal(carestat_spc_rule_text(r14[0]), "7 Points Above CL");
    assert_int_equal(s.assurance, CARESTAT_SPC_ASSURANCE_CONSISTENT_PASS);
    assert_string_equal(carestat_spc_assurance_text(s.assurance), "consistent_pass");
    o.improvement = CARESTAT_POLARITY_HIGHER_BETTER;
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, z, 14, &o), CARESTAT_OK);
    assert_int_equal(s.assurance, CARESTAT_SPC_ASSURANCE_CONSISTENT_FAIL);
    o.target = 3;
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, z, 14, &o), CARESTAT_OK);
    assert_int_equal(s.assurance, CARESTAT_SPC_ASSURANCE_INCONSISTENT);
    assert_int_equal(s.trial_limits, 0);

    /* no polarity: neutral types */
    assert_int_equal(carestat_spc_xmr(&s, rule, type, 7, y, 7, NULL), CARESTAT_OK);
    assert_int_equal(type[6], CARESTAT_SPC_POINT_NEUTRAL_HIGH);
    assert_int_equal(type[0], CARESTAT_SPC_POINT_NEUTRAL_LOW);

    /* validation */
    assert_int_equal(carestat_spc_xmr(&s, rule, type, 6, y, 7, NULL), CARESTAT_EBUFFER);
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, y, 1, NULL), CARESTAT_EINVAL);
    const double yn[3] = {1, NAN, 2};
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, yn, 3, NULL), CARESTAT_EINVAL);
    assert_int_equal(carestat_spc_options_init(&o), CARESTAT_OK);
    o.version = 99;
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, y, 7, &o), CARESTAT_EINVAL);
    assert_int_equal(carestat_spc_options_init(&o), CARESTAT_OK);
    o.fix_after_n_points = 5; /* must be >= 12 */
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, z, 14, &o), CARESTAT_EINVAL);
    o.fix_after_n_points = 12;
    assert_int_equal(carestat_spc_xmr(&s, NULL, NULL, 0, z, 14, &o), CARESTAT_OK);
    /* limits from the first 12 points only: mean (3+4+3+4+3+4+3+1+2+1+2+1)/12 = 31/12 */
    assert_near(s.mean, 31.0 / 12, 1e-14);
}

/* ------------------------------------------------------------------------------------------------
 * Rounding and suppression
 * ---------------------------------------------------------------------------------------------- */

static void test_rounding_hand(void **state)
{
    (void)state;
    double d;
    int64_t i;
    /* 46 of 80 = 57.5% exactly -> 58 half-up (a binary 0.575 x 100 might give 57) */
    assert_int_equal(carestat_round_half_up_percent(&d, 46, 80, 0), CARESTAT_OK);
    assert_true(d == 58);
    /* 1 of 16 = 6.25% -> 6.3 at one decimal (half-even would give 6.2) */
    assert_int_equal(carestat_round_half_up_percent(&d, 1, 16, 1), CARESTAT_OK);
    assert_true(d == 6.3);
    /* 45 of 80 = 56.25 -> 56 */
    assert_int_equal(carestat_round_half_up_percent(&d, 45, 80, 0), CARESTAT_OK);
    assert_true(d == 56);
    /* 568 per 83,500 children per 10,000 = 68.0239 -> 68; 1 in 20,000 per 10,000 = 0.5 -> 1 */
    assert_int_equal(carestat_round_half_up_rate(&d, 568, 83500, 10000, 0), CARESTAT_OK);
    assert_true(d == 68);
    assert_int_equal(carestat_round_half_up_rate(&d, 1, 20000, 10000, 0), CARESTAT_OK);
    assert_true(d == 1);
    assert_int_equal(carestat_round_half_up_ratio(&i, 46, 80, 1000), CARESTAT_OK); /* 575 */
    assert_int_equal(i, 575);
    assert_int_equal(carestat_round_half_up_ratio(&i, INT64_MAX / 2, 3, 100), CARESTAT_ERANGE);
    assert_int_equal(carestat_round_half_up_percent(&d, 1, 0, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_round_half_up_percent(&d, -1, 10, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_round_half_up_percent(&d, 1, 10, 7), CARESTAT_EINVAL);
    /* counts to the nearest 10: 83,845 -> 83,850 (half up), 83,844 -> 83,840; to 5: 12 -> 10, 13 -> 15 */
    assert_int_equal(carestat_round_to_nearest(&i, 83845, 10), CARESTAT_OK);
    assert_int_equal(i, 83850);
    assert_int_equal(carestat_round_to_nearest(&i, 83844, 10), CARESTAT_OK);
    assert_int_equal(i, 83840);
    assert_int_equal(carestat_round_to_nearest(&i, 12, 5), CARESTAT_OK);
    assert_int_equal(i, 10);
    assert_int_equal(carestat_round_to_nearest(&i, 13, 5), CARESTAT_OK);
    assert_int_equal(i, 15);
    assert_int_equal(carestat_round_to_nearest(&i, 13, 0), CARESTAT_EINVAL);
    /* doubles: 2.675 is stored as 2.67499999999999982236431605997495353221893310546875 but rounds to 2.68 */
    assert_int_equal(carestat_round_half_up(&d, 2.675, 2), CARESTAT_OK);
    assert_true(d == 2.68);
    assert_int_equal(carestat_round_half_up(&d, -2.5, 0), CARESTAT_OK);
    assert_true(d == -3);
    assert_int_equal(carestat_round_half_up(&d, 0.1249, 2), CARESTAT_OK);
    assert_true(d == 0.12);
    assert_int_equal(carestat_round_half_up(&d, NAN, 2), CARESTAT_EINVAL);
    assert_int_equal(carestat_round_half_up(&d, 1e300, 2), CARESTAT_ERANGE);
}

static void test_suppression(void **state)
{
    (void)state;
    uint32_t f = 99;
    /* threshold 6 (show 6 and above): 3 -> c, 6 -> shown, 0 -> shown unless zeros are suppressed */
    assert_int_equal(carestat_suppress(&f, 3, 6, 0), CARESTAT_OK);
    assert_int_equal(f, CARESTAT_FLAG_SUPPRESSED);
    char buf[32];
    assert_int_equal(carestat_flags_format(buf, sizeof buf, f) >= 0, 1);
    assert_string_equal(buf, "c");
    assert_int_equal(carestat_suppress(&f, 6, 6, 0), CARESTAT_OK);
    assert_int_equal(f, 0);
    assert_int_equal(carestat_suppress(&f, 0, 6, 0), CARESTAT_OK);
    assert_int_equal(f, 0);
    assert_int_equal(carestat_suppress(&f, 0, 6, 1), CARESTAT_OK);
    assert_int_equal(f, CARESTAT_FLAG_SUPPRESSED);
    /* a derived percentage: 10 of 12 is shown by the counts but the complement 2 would disclose */
    assert_int_equal(carestat_suppress_derived(&f, 10, 12, 6, 0, 0), CARESTAT_OK);
    assert_int_equal(f, 0);
    assert_int_equal(carestat_suppress_derived(&f, 10, 12, 6, 0, 1), CARESTAT_OK);
    assert_int_equal(f, CARESTAT_FLAG_SUPPRESSED);
    assert_int_equal(carestat_suppress_derived(&f, 4, 120, 6, 0, 1), CARESTAT_OK);
    assert_int_equal(f, CARESTAT_FLAG_SUPPRESSED);
    assert_int_equal(carestat_suppress(&f, -1, 6, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_suppress(&f, NAN, 6, 0), CARESTAT_EINVAL);
    assert_int_equal(carestat_suppress_derived(&f, 13, 12, 6, 0, 1), CARESTAT_EINVAL);
    /* the DfE symbols are flags */
    uint32_t bit;
    assert_int_equal(carestat_flag_parse(&bit, "z"), CARESTAT_OK);
    assert_int_equal(bit, CARESTAT_FLAG_NOT_APPLICABLE);
}

static void test_texts(void **state)
{
    (void)state;
    assert_string_equal(carestat_trend_marker_text(CARESTAT_TREND_NO_CHANGE), "No significant change");
    assert_string_equal(carestat_trend_label_text(CARESTAT_TREND_LABEL_DECREASING_BETTER),
                        "Decreasing and getting better");
    assert_string_equal(carestat_ci_method_text(CARESTAT_CI_STUDENT_T), "Student's t-distribution");
    assert_string_equal(carestat_spc_point_type_text(CARESTAT_SPC_POINT_NEUTRAL_LOW), "special_cause_neutral_low");
    assert_string_equal(carestat_polarity_text(CARESTAT_POLARITY_LOWER_BETTER), "lower is better");
    assert_string_equal(carestat_relation_text(-1), "");
    assert_string_equal(carestat_trend_label_text(100), "");
    assert_string_equal(carestat_funnel_sig_text(CARESTAT_FUNNEL_LOW_0025), "Low (0.025)");
}

/* ------------------------------------------------------------------------------------------------
 * Properties
 * ---------------------------------------------------------------------------------------------- */

static void test_interval_properties(void **state)
{
    (void)state;
    static const double levels[5] = {0.9, 0.95, 0.99, 0.998, 0.9999};
    /* proportions: contains the estimate, widens with the level, shrinks with n at a fixed proportion */
    for (double n = 1; n <= 5000; n = n * 3 + 1) {
        for (double x = 0; x <= n; x += n > 20 ? floor(n / 7) : 1) {
            double plo = INFINITY, phi = -INFINITY;
            for (int l = 0; l < 5; l++) {
                double v, lo, hi;
                assert_int_equal(carestat_proportion_ci(&v, &lo, &hi, x, n, 1, levels[l]), CARESTAT_OK);
                assert_true(lo <= v + 1e-15 && v <= hi + 1e-15);
                assert_true(lo >= 0 && hi <= 1 + 1e-15);
                if (l > 0) assert_true(lo <= plo + 1e-15 && hi >= phi - 1e-15);
                plo = lo;
                phi = hi;
            }
        }
    }
    double pw = INFINITY;
    for (double n = 10; n < 1e6; n *= 2) {
        double lo, hi;
        assert_int_equal(carestat_proportion_ci(NULL, &lo, &hi, 0.3 * n, n, 1, 0.95), CARESTAT_OK);
        assert_true(hi - lo < pw);
        pw = hi - lo;
    }
    /* rates: the same, through the exact/Byar's switch at 10 */
    for (double x = 0; x <= 200; x += 1) {
        double plo = INFINITY, phi = -INFINITY;
        for (int l = 0; l < 5; l++) {
            double v, lo, hi;
            assert_int_equal(carestat_rate_ci(&v, &lo, &hi, NULL, x, 1000, 10000, levels[l]), CARESTAT_OK);
            assert_true(lo <= v && v <= hi);
            assert_true(lo >= 0);
            if (l > 0) assert_true(lo <= plo && hi >= phi);
            plo = lo;
            phi = hi;
        }
    }
    /* the relative width of a rate interval shrinks as the count grows (per 10,000, fixed rate 50) */
    double prw = INFINITY;
    for (double x = 1; x < 1e6; x *= 3) {
        double v, lo, hi;
        assert_int_equal(carestat_rate_ci(&v, &lo, &hi, NULL, x, x * 200, 10000, 0.95), CARESTAT_OK);
        assert_true((hi - lo) / v < prw);
        prw = (hi - lo) / v;
    }
    /* the exact chi-square limits inverted: P(X >= x | lower) = alpha/2 and P(X <= x | upper) = alpha/2 */
    for (double x = 1; x < 10; x++) {
        double lo, hi, pl, pu;
        assert_int_equal(carestat_exact_poisson_ci(&lo, &hi, x, 0.95), CARESTAT_OK);
        assert_int_equal(carestat_chisq_cdf(&pl, 2 * lo, 2 * x), CARESTAT_OK);
        assert_int_equal(carestat_chisq_cdf(&pu, 2 * hi, 2 * x + 2), CARESTAT_OK);
        assert_near(pl, 0.025, 1e-13);
        assert_near(pu, 0.975, 1e-13);
    }
}

static void test_band_properties(void **state)
{
    (void)state;
    /* bands are monotone in the value: higher value -> same or lower band when highest_first */
    srand(12345);
    double v[151];
    int b[151], c[151];
    for (int trial = 0; trial < 50; trial++) {
        for (int i = 0; i < 151; i++) v[i] = (double)(rand() % 60); /* many ties */
        for (int nq = 2; nq <= 10; nq++) {
            assert_int_equal(carestat_quantile_bands(b, v, 151, nq, 1), CARESTAT_OK);
            assert_int_equal(carestat_quantile_bands(c, v, 151, nq, 0), CARESTAT_OK);
            for (int i = 0; i < 151; i++) {
                assert_true(b[i] >= 1 && b[i] <= nq && c[i] >= 1 && c[i] <= nq);
                for (int j = 0; j < 151; j++) {
                    if (v[i] > v[j]) {
                        assert_true(b[i] <= b[j]);
                        assert_true(c[i] >= c[j]);
                    }
                    if (v[i] == v[j]) assert_true(b[i] == b[j] && c[i] == c[j]);
                }
            }
        }
    }
}

/* an allocator that always fails: the functions that need memory report it, the others do not care */
static void *fail_malloc(void *ctx, size_t size)
{
    (void)ctx;
    (void)size;
    return NULL;
}
static void *fail_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    (void)ptr;
    (void)size;
    return NULL;
}
static void plain_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

static void test_allocation_failure(void **state)
{
    (void)state;
    carestat_allocator a = {fail_malloc, fail_realloc, plain_free, NULL};
    assert_int_equal(carestat_set_allocator(&a), CARESTAT_OK);
    const double v[6] = {1, 2, 3, 4, 5, 6};
    int b[6];
    carestat_spc_summary s;
    int rc_bands = carestat_quantile_bands(b, v, 6, 3, 1);
    int rc_spc = carestat_spc_xmr(&s, NULL, NULL, 0, v, 6, NULL);
    double lo, hi;
    int rc_ci = carestat_proportion_ci(NULL, &lo, &hi, 3, 6, 1, 0.95);
    assert_int_equal(carestat_set_allocator(NULL), CARESTAT_OK);
    assert_int_equal(rc_bands, CARESTAT_ENOMEM);
    assert_int_equal(rc_spc, CARESTAT_ENOMEM);
    assert_int_equal(rc_ci, CARESTAT_OK);
    assert_int_equal(carestat_quantile_bands(b, v, 6, 3, 1), CARESTAT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_critical_values), cmocka_unit_test(test_proportion_hand),
        cmocka_unit_test(test_rate_hand),       cmocka_unit_test(test_mean_hand),
        cmocka_unit_test(test_dsr_isr_hand),    cmocka_unit_test(test_compare_hand),
        cmocka_unit_test(test_funnel_hand),     cmocka_unit_test(test_bands_hand),
        cmocka_unit_test(test_trend_hand),      cmocka_unit_test(test_change_hand),
        cmocka_unit_test(test_spc_hand),        cmocka_unit_test(test_rounding_hand),
        cmocka_unit_test(test_suppression),     cmocka_unit_test(test_texts),
        cmocka_unit_test(test_interval_properties), cmocka_unit_test(test_band_properties),
        cmocka_unit_test(test_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
