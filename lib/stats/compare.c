/* Comparisons with a comparator (Fingertips), funnel plots (PHE Funnels.R) and quantile bands
 * (PHE phe_quantile). Formulae and sources are documented in stats.h. */
#include <math.h>
#include <stdlib.h>

#include "carestat/stats.h"
#include "core/alloc.h"
#include "stats/stats_internal.h"

static int valid_polarity(int polarity)
{
    return polarity == CARESTAT_POLARITY_NONE || polarity == CARESTAT_POLARITY_HIGHER_BETTER ||
           polarity == CARESTAT_POLARITY_LOWER_BETTER;
}

int carestat_judge(int *judgement, int relation, int polarity)
{
    if (!judgement || !valid_polarity(polarity)) return CARESTAT_EINVAL;
    switch (relation) {
    case CARESTAT_RELATION_NOT_COMPARED: *judgement = CARESTAT_JUDGEMENT_NOT_COMPARED; return CARESTAT_OK;
    case CARESTAT_RELATION_SIMILAR: *judgement = CARESTAT_JUDGEMENT_SIMILAR; return CARESTAT_OK;
    case CARESTAT_RELATION_HIGHER:
        *judgement = polarity == CARESTAT_POLARITY_NONE            ? CARESTAT_JUDGEMENT_HIGHER
                     : polarity == CARESTAT_POLARITY_HIGHER_BETTER ? CARESTAT_JUDGEMENT_BETTER
                                                                   : CARESTAT_JUDGEMENT_WORSE;
        return CARESTAT_OK;
    case CARESTAT_RELATION_LOWER:
        *judgement = polarity == CARESTAT_POLARITY_NONE            ? CARESTAT_JUDGEMENT_LOWER
                     : polarity == CARESTAT_POLARITY_HIGHER_BETTER ? CARESTAT_JUDGEMENT_WORSE
                                                                   : CARESTAT_JUDGEMENT_BETTER;
        return CARESTAT_OK;
    default: return CARESTAT_EINVAL;
    }
}

int carestat_compare(int *relation, int *judgement, double value, double lower, double upper, double comparator,
                     int polarity)
{
    if (!cs_finite(value) || !cs_finite(lower) || !cs_finite(upper) || !cs_finite(comparator)) return CARESTAT_EINVAL;
    if (lower > upper || !valid_polarity(polarity)) return CARESTAT_EINVAL;
    int rel;
    if (comparator >= lower && comparator <= upper) {
        rel = CARESTAT_RELATION_SIMILAR;
    } else if (value < comparator) {
        rel = CARESTAT_RELATION_LOWER;
    } else if (value > comparator) {
        rel = CARESTAT_RELATION_HIGHER;
    } else {
        rel = CARESTAT_RELATION_SIMILAR; /* value equal to the comparator but outside its own interval */
    }
    if (judgement) {
        int rc = carestat_judge(judgement, rel, polarity);
        if (rc) return rc;
    }
    if (relation) *relation = rel;
    return CARESTAT_OK;
}

int carestat_compare_two_levels(int *judgement, double value, double lower95, double upper95, double lower998,
                                double upper998, double comparator, int polarity)
{
    if (!judgement || !valid_polarity(polarity)) return CARESTAT_EINVAL;
    if (!cs_finite(value) || !cs_finite(lower95) || !cs_finite(upper95) || !cs_finite(lower998) ||
        !cs_finite(upper998) || !cs_finite(comparator))
        return CARESTAT_EINVAL;
    if (lower95 > upper95 || lower998 > lower95 || upper998 < upper95) return CARESTAT_EINVAL;
    int rel, beyond = 0;
    if (comparator >= lower95 && comparator <= upper95) {
        *judgement = CARESTAT_JUDGEMENT_SIMILAR;
        return CARESTAT_OK;
    }
    if (comparator < lower95) {
        rel = CARESTAT_RELATION_HIGHER; /* the area is above the comparator */
        beyond = comparator < lower998;
    } else {
        rel = CARESTAT_RELATION_LOWER;
        beyond = comparator > upper998;
    }
    (void)value;
    int j;
    int rc = carestat_judge(&j, rel, polarity);
    if (rc) return rc;
    if (beyond && j == CARESTAT_JUDGEMENT_BETTER) j = CARESTAT_JUDGEMENT_BEST;
    if (beyond && j == CARESTAT_JUDGEMENT_WORSE) j = CARESTAT_JUDGEMENT_WORST;
    *judgement = j;
    return CARESTAT_OK;
}

int carestat_compare_intervals(int *relation, double value_a, double lower_a, double upper_a, double value_b,
                               double lower_b, double upper_b)
{
    if (!relation) return CARESTAT_EINVAL;
    if (!cs_finite(value_a) || !cs_finite(lower_a) || !cs_finite(upper_a) || !cs_finite(value_b) ||
        !cs_finite(lower_b) || !cs_finite(upper_b))
        return CARESTAT_EINVAL;
    if (lower_a > upper_a || lower_b > upper_b) return CARESTAT_EINVAL;
    if (value_a == value_b) {
        *relation = CARESTAT_RELATION_SIMILAR;
    } else if (value_a > value_b) {
        *relation = lower_a <= upper_b ? CARESTAT_RELATION_SIMILAR : CARESTAT_RELATION_HIGHER;
    } else {
        *relation = lower_b <= upper_a ? CARESTAT_RELATION_SIMILAR : CARESTAT_RELATION_LOWER;
    }
    return CARESTAT_OK;
}

int carestat_compare_spc_proportion(int *relation, double value, double denominator, double comparator, double unit,
                                    double z)
{
    if (!relation || !cs_finite(value) || !cs_finite(denominator) || !cs_finite(comparator) || !cs_finite(unit) ||
        !cs_finite(z))
        return CARESTAT_EINVAL;
    if (!(denominator > 0.0) || !(unit > 0.0) || !(z > 0.0) || comparator < 0.0 || comparator > unit)
        return CARESTAT_EINVAL;
    double p0 = comparator / unit;
    double e = denominator * p0;
    double z2 = z * z;
    double root = z * sqrt(z2 + 4.0 * e * (1.0 - e / denominator));
    double den = 2.0 * (denominator + z2);
    double lo = (2.0 * e + z2 - root) / den;
    double hi = (2.0 * e + z2 + root) / den;
    double p1 = value / unit;
    *relation = p1 > hi ? CARESTAT_RELATION_HIGHER : p1 < lo ? CARESTAT_RELATION_LOWER : CARESTAT_RELATION_SIMILAR;
    return CARESTAT_OK;
}

int carestat_compare_spc_dsr(int *relation, double value, double denominator, double comparator, double unit,
                             double tail)
{
    if (!relation || !cs_finite(value) || !cs_finite(denominator) || !cs_finite(comparator) || !cs_finite(unit) ||
        !cs_finite(tail))
        return CARESTAT_EINVAL;
    if (!(denominator > 0.0) || !(unit > 0.0) || !(tail > 0.0 && tail < 0.5) || comparator < 0.0)
        return CARESTAT_EINVAL;
    double e = comparator * denominator / unit;
    if (e > 1e9) return CARESTAT_EINVAL;
    double lo = cs_poisson_bisect(e, tail, CARESTAT_POISSON_LOW) / denominator * unit;
    double hi = cs_poisson_bisect(e, tail, CARESTAT_POISSON_HIGH) / denominator * unit;
    *relation = value > hi ? CARESTAT_RELATION_HIGHER
                : value < lo ? CARESTAT_RELATION_LOWER
                             : CARESTAT_RELATION_SIMILAR;
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Funnels
 * ------------------------------------------------------------------------------------------- */

/* PHE sigma_adjustment: the proportion at which the Wilson interval of an observation at population n
 * just reaches the baseline pbar (lower: -1, upper: +1), unscaled and unclamped. */
static double funnel_prop_limit(double pbar, double n, double z, int side)
{
    double z2 = z * z;
    double first = pbar * (n / z2 + 1.0);
    double t = -8.0 * pbar * (n / z2 + 1.0);
    double arg = t * t - 64.0 * (1.0 / z2 + 1.0 / n) * pbar * (n * (pbar * (n / z2 + 2.0) - 1.0) + z2 * (pbar - 1.0));
    if (arg < 0.0) arg = 0.0;
    double adj = sqrt(arg);
    double last = 1.0 / z2 + 1.0 / n;
    return ((first + side * adj / 8.0) / last) / n;
}

int carestat_funnel_proportion_limits(double *lower, double *upper, double baseline, double population, double level,
                                      double multiplier)
{
    if (!cs_finite(baseline) || !cs_finite(population) || !cs_finite(multiplier) || isnan(level))
        return CARESTAT_EINVAL;
    if (baseline < 0.0 || baseline > 1.0 || !(population > 0.0) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    if (!(level > 0.0 && level < 1.0)) return CARESTAT_ERANGE;
    double z = cs_qnorm(level + (1.0 - level) / 2.0);
    if (lower) {
        double l = funnel_prop_limit(baseline, population, z, -1) * multiplier;
        *lower = fmin(fmax(0.0, l), 100.0);
    }
    if (upper) {
        double u = funnel_prop_limit(baseline, population, z, +1) * multiplier;
        *upper = fmin(fmax(0.0, u), 100.0);
    }
    return CARESTAT_OK;
}

int carestat_funnel_ratio_limits(double *lower_ratio, double *upper_ratio, double *lower_expected,
                                 double *upper_expected, double observed, double level)
{
    if (!cs_finite(observed) || !(observed > 0.0) || observed > 1e9 || isnan(level)) return CARESTAT_EINVAL;
    if (!(level > 0.0 && level < 1.0)) return CARESTAT_ERANGE;
    double tail = (1.0 - level) / 2.0;
    double le = cs_poisson_bisect(observed, tail, CARESTAT_POISSON_HIGH);
    double ue = cs_poisson_bisect(observed, tail, CARESTAT_POISSON_LOW);
    if (lower_expected) *lower_expected = le;
    if (upper_expected) *upper_expected = ue;
    if (lower_ratio) *lower_ratio = observed / le;
    if (upper_ratio) *upper_ratio = observed / ue;
    return CARESTAT_OK;
}

int carestat_funnel_rate_limits(double *lower_rate, double *upper_rate, double *lower_population_1yr,
                                double *upper_population_1yr, double events, double average, double years,
                                double multiplier, double level)
{
    if (!cs_finite(average) || !(average > 0.0) || !cs_finite(years) || !(years > 0.0) || !cs_finite(multiplier) ||
        !(multiplier > 0.0))
        return CARESTAT_EINVAL;
    double le, ue;
    int rc = carestat_funnel_ratio_limits(NULL, NULL, &le, &ue, events, level);
    if (rc) return rc;
    if (lower_rate) *lower_rate = events / (le / average) * multiplier;
    if (upper_rate) *upper_rate = events / (ue / average) * multiplier;
    if (lower_population_1yr) *lower_population_1yr = le / average / years;
    if (upper_population_1yr) *upper_population_1yr = ue / average / years;
    return CARESTAT_OK;
}

/* R's nchar() of a whole number as as.character() prints it: fixed notation unless the scientific
 * form ("1e+05") is shorter (R's default scipen = 0; up to 15 significant digits). */
static int r_nchar_whole(double x)
{
    if (x < 1.0) return 1;
    int digits = (int)floor(log10(x)) + 1;
    /* correct log10 rounding at powers of ten */
    if (pow(10.0, digits - 1) > x) digits--;
    if (pow(10.0, digits) <= x) digits++;
    /* significant digits: strip trailing zeros */
    double m = x;
    int sig = digits;
    while (sig > 1 && fmod(m, 10.0) == 0.0) {
        m /= 10.0;
        sig--;
    }
    int exp_len = (digits - 1) >= 100 ? 3 : 2;
    int sci = sig + (sig > 1 ? 1 : 0) + 2 + exp_len; /* mantissa [. digits] e+XX */
    return digits <= sci ? digits : sci;
}

static double signif_floor(double x)
{
    double f = floor(0.95 * x);
    int k = r_nchar_whole(f) - 1;
    double p = pow(10.0, k);
    return floor(0.95 * x / p) * p;
}

static double signif_ceiling(double x)
{
    double c = ceil(1.05 * x);
    int k = r_nchar_whole(c) - 2;
    double p = pow(10.0, k);
    return ceil(1.05 * x / p) * p;
}

int carestat_funnel_axis(double *out, size_t cap, int statistic, double min_value, double max_value, double average,
                         double years)
{
    if (!out) return CARESTAT_EINVAL;
    if (statistic != CARESTAT_FUNNEL_PROPORTION && statistic != CARESTAT_FUNNEL_RATIO &&
        statistic != CARESTAT_FUNNEL_RATE)
        return CARESTAT_EINVAL;
    if (!cs_finite(min_value) || !cs_finite(max_value) || min_value < 0.0 || !(max_value > 0.0) || max_value < min_value)
        return CARESTAT_EINVAL;
    if (statistic == CARESTAT_FUNNEL_RATE &&
        (!cs_finite(average) || !(average > 0.0) || !cs_finite(years) || !(years > 0.0)))
        return CARESTAT_EINVAL;
    if (max_value > 1e15) return CARESTAT_EINVAL;
    if (cap < 100) return CARESTAT_EBUFFER;
    double amin, amax;
    if (max_value > 2.0 * min_value) {
        amin = 0.0;
    } else if (statistic == CARESTAT_FUNNEL_RATE) {
        amin = signif_floor(min_value / years) * years;
    } else {
        amin = signif_floor(min_value);
    }
    amax = statistic == CARESTAT_FUNNEL_RATE ? signif_ceiling(max_value / years) * years : signif_ceiling(max_value);
    if (statistic == CARESTAT_FUNNEL_RATE) {
        amin = floor(amin * average);
        amax = ceil(amax * average);
    }
    out[0] = fmax(1.0, amin);
    for (int j = 2; j <= 100; j++) {
        int off = statistic == CARESTAT_FUNNEL_RATIO ? j - 1 : j;
        double prev = out[j - 2];
        double step = nearbyint(pow(amax / prev, 1.0 / (double)(101 - off)) * prev);
        out[j - 1] = fmax(step, prev + 1.0);
    }
    return 100;
}

int carestat_funnel_significance_proportion(int *sig, double x, double n, double baseline)
{
    if (!sig || !cs_finite(x) || !cs_finite(n) || !cs_finite(baseline)) return CARESTAT_EINVAL;
    if (x < 0.0 || !(n > 0.0) || x > n || baseline < 0.0 || baseline > 1.0) return CARESTAT_EINVAL;
    double z95 = cs_qnorm(0.975), z998 = cs_qnorm(0.999);
    double p = x / n;
    double l998 = fmax(0.0, funnel_prop_limit(baseline, n, z998, -1));
    double l95 = fmax(0.0, funnel_prop_limit(baseline, n, z95, -1));
    double u998 = fmin(100.0, funnel_prop_limit(baseline, n, z998, +1));
    double u95 = fmin(100.0, funnel_prop_limit(baseline, n, z95, +1));
    if (p < l998) {
        *sig = CARESTAT_FUNNEL_LOW_0001;
    } else if (p < l95) {
        *sig = CARESTAT_FUNNEL_LOW_0025;
    } else if (p > u998) {
        *sig = CARESTAT_FUNNEL_HIGH_0001;
    } else if (p > u95) {
        *sig = CARESTAT_FUNNEL_HIGH_0025;
    } else {
        *sig = CARESTAT_FUNNEL_NOT_SIGNIFICANT;
    }
    return CARESTAT_OK;
}

/* Ratio test: the exact (O < 10) or Byar's limits of O at 99.8% then 95%, divided by E, against comparator. */
static int ratio_sig(double observed, double expected, double comparator)
{
    static const double levels[2] = {0.998, 0.95};
    static const int high[2] = {CARESTAT_FUNNEL_HIGH_0001, CARESTAT_FUNNEL_HIGH_0025};
    static const int low[2] = {CARESTAT_FUNNEL_LOW_0001, CARESTAT_FUNNEL_LOW_0025};
    for (int i = 0; i < 2; i++) {
        double lo, hi;
        if (carestat_poisson_ci(&lo, &hi, NULL, observed, levels[i]) != 0) return CARESTAT_FUNNEL_NOT_SIGNIFICANT;
        if (observed == 0.0) lo = 0.0;
        if (comparator < lo / expected) return high[i];
        if (comparator > hi / expected) return low[i];
    }
    return CARESTAT_FUNNEL_NOT_SIGNIFICANT;
}

int carestat_funnel_significance_ratio(int *sig, double observed, double expected, double comparator)
{
    if (!sig || !cs_finite(observed) || !cs_finite(expected) || !cs_finite(comparator)) return CARESTAT_EINVAL;
    if (observed < 0.0 || !(expected > 0.0) || comparator < 0.0) return CARESTAT_EINVAL;
    *sig = ratio_sig(observed, expected, comparator);
    return CARESTAT_OK;
}

int carestat_funnel_rate_denominator(double *out, double observed, double rate, double denominator,
                                     double multiplier, double years, int is_dsr)
{
    if (!out || !cs_finite(observed) || observed < 0.0 || !cs_finite(multiplier) || !(multiplier > 0.0))
        return CARESTAT_EINVAL;
    if (!cs_finite(years) || !(years > 0.0) || (is_dsr != 0 && is_dsr != 1)) return CARESTAT_EINVAL;
    if (observed == 0.0) {
        if (is_dsr) return CARESTAT_EUNSUPPORTED;
        if (!cs_finite(denominator) || !(denominator > 0.0)) return CARESTAT_EINVAL;
        *out = denominator / years;
        return CARESTAT_OK;
    }
    if (!cs_finite(rate) || !(rate > 0.0)) return CARESTAT_EINVAL;
    *out = multiplier * observed / rate / years;
    return CARESTAT_OK;
}

int carestat_funnel_significance_rate(int *sig, double observed, double rate, double denominator, double comparator,
                                      double multiplier, int is_dsr)
{
    if (!sig || !cs_finite(comparator) || comparator < 0.0) return CARESTAT_EINVAL;
    if (!cs_finite(observed) || observed < 0.0 || (is_dsr != 0 && is_dsr != 1)) return CARESTAT_EINVAL;
    if (is_dsr && observed < 10.0) {
        if (!cs_finite(multiplier) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
        *sig = CARESTAT_FUNNEL_NOT_APPLICABLE;
        return CARESTAT_OK;
    }
    double e;
    int rc = carestat_funnel_rate_denominator(&e, observed, rate, denominator, multiplier, 1.0, is_dsr);
    if (rc) return rc;
    *sig = ratio_sig(observed, e, comparator / multiplier);
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Quantile bands
 * ------------------------------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* number of elements of sorted s[0..n) strictly below v */
static size_t count_below(const double *s, size_t n, double v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid] < v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* number of elements of sorted s[0..n) at or below v */
static size_t count_at_or_below(const double *s, size_t n, double v)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid] <= v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int carestat_quantile_bands(int *bands, const double *values, size_t count, int nquantiles, int highest_first)
{
    if (!bands || (!values && count > 0) || nquantiles < 2 || (highest_first != 0 && highest_first != 1))
        return CARESTAT_EINVAL;
    for (size_t i = 0; i < count; i++)
        if (isinf(values[i])) return CARESTAT_EINVAL;
    size_t nn = 0;
    for (size_t i = 0; i < count; i++)
        if (!isnan(values[i])) nn++;
    for (size_t i = 0; i < count; i++) bands[i] = 0;
    if (nn < (size_t)nquantiles) return CARESTAT_ERANGE;
    double *s = cs_malloc(nn * sizeof *s);
    if (!s) return CARESTAT_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < count; i++)
        if (!isnan(values[i])) s[k++] = values[i];
    qsort(s, nn, sizeof *s, cmp_double);
    double N = (double)nn, nq = (double)nquantiles;
    for (size_t i = 0; i < count; i++) {
        if (isnan(values[i])) continue;
        double rank = highest_first ? (double)(nn - count_at_or_below(s, nn, values[i])) + 1.0
                                    : (double)count_below(s, nn, values[i]) + 1.0;
        double q = floor((nq + 1.0) - ceil(((N + 1.0) - rank) / (N / nq)));
        bands[i] = q < 1.0 ? 1 : (int)q;
    }
    cs_free(s);
    return CARESTAT_OK;
}
