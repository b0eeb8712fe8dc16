/* Rounding on exact integer arithmetic, disclosure control, and the texts of the stats enumerations. */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "carestat/stats.h"
#include "carestat/table.h"
#include "stats/stats_internal.h"

static const int64_t pow10_tab[10] = {1,      10,      100,      1000,      10000,
                                      100000, 1000000, 10000000, 100000000, 1000000000};

/* floor(a/den + 1/2) for a >= 0, den > 0, without overflow */
static int64_t div_half_up(int64_t a, int64_t den)
{
    int64_t q = a / den, r = a % den;
    if (r >= den - r) q++;
    return q;
}

int carestat_round_half_up_ratio(int64_t *out, int64_t num, int64_t den, int64_t scale)
{
    if (!out || num < 0 || den <= 0 || scale < 1) return CARESTAT_EINVAL;
    if (num > 0 && scale > INT64_MAX / num) return CARESTAT_ERANGE;
    *out = div_half_up(num * scale, den);
    return CARESTAT_OK;
}

int carestat_round_half_up_rate(double *out, int64_t num, int64_t den, int64_t per, int decimals)
{
    if (!out || num < 0 || den <= 0 || per < 1 || decimals < 0 || decimals > 6) return CARESTAT_EINVAL;
    int64_t p10 = pow10_tab[decimals];
    if (per > INT64_MAX / p10) return CARESTAT_ERANGE;
    int64_t q;
    int rc = carestat_round_half_up_ratio(&q, num, den, per * p10);
    if (rc) return rc;
    if (q > ((int64_t)1 << 53)) return CARESTAT_ERANGE; /* not exactly representable */
    *out = (double)q / (double)p10;
    return CARESTAT_OK;
}

int carestat_round_half_up_percent(double *out, int64_t num, int64_t den, int decimals)
{
    return carestat_round_half_up_rate(out, num, den, 100, decimals);
}

int carestat_round_half_up(double *out, double value, int decimals)
{
    if (!out || !cs_finite(value) || decimals < 0 || decimals > 9) return CARESTAT_EINVAL;
    double a = fabs(value) * (double)pow10_tab[decimals];
    if (a >= 4503599627370496.0) return CARESTAT_ERANGE; /* 2^52: no fractional part left to round */
    double f = floor(a);
    double frac = a - f;
    double tol = 8.0 * DBL_EPSILON * (a > 1.0 ? a : 1.0);
    double r = frac >= 0.5 - tol ? f + 1.0 : f;
    r /= (double)pow10_tab[decimals];
    *out = value < 0 ? -r : r;
    return CARESTAT_OK;
}

int carestat_round_to_nearest(int64_t *out, int64_t count, int64_t base)
{
    if (!out || count < 0 || base < 1) return CARESTAT_EINVAL;
    int64_t q = div_half_up(count, base);
    if (q > INT64_MAX / base) return CARESTAT_ERANGE;
    *out = q * base;
    return CARESTAT_OK;
}

static int suppressed(double count, double threshold, int suppress_zero)
{
    return count < threshold && (count > 0.0 || suppress_zero);
}

int carestat_suppress(uint32_t *flags, double count, double threshold, int suppress_zero)
{
    if (!flags || !cs_finite(count) || count < 0.0 || !cs_finite(threshold) || threshold < 0.0) return CARESTAT_EINVAL;
    if (suppress_zero != 0 && suppress_zero != 1) return CARESTAT_EINVAL;
    *flags = suppressed(count, threshold, suppress_zero) ? (uint32_t)CARESTAT_FLAG_SUPPRESSED : 0u;
    return CARESTAT_OK;
}

int carestat_suppress_derived(uint32_t *flags, double numerator, double denominator, double threshold,
                              int suppress_zero, int check_complement)
{
    if (!flags || !cs_finite(numerator) || !cs_finite(denominator) || !cs_finite(threshold)) return CARESTAT_EINVAL;
    if (numerator < 0.0 || denominator < 0.0 || threshold < 0.0) return CARESTAT_EINVAL;
    if ((suppress_zero != 0 && suppress_zero != 1) || (check_complement != 0 && check_complement != 1))
        return CARESTAT_EINVAL;
    if (check_complement && numerator > denominator) return CARESTAT_EINVAL;
    int s = suppressed(numerator, threshold, suppress_zero) || suppressed(denominator, threshold, suppress_zero);
    if (check_complement && suppressed(denominator - numerator, threshold, suppress_zero)) s = 1;
    *flags = s ? (uint32_t)CARESTAT_FLAG_SUPPRESSED : 0u;
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Texts
 * ------------------------------------------------------------------------------------------- */

#define TEXT_OF(table, code) \
    ((code) >= 0 && (size_t)(code) < sizeof(table) / sizeof((table)[0]) ? (table)[(code)] : "")

const char *carestat_ci_method_text(int code)
{
    static const char *const t[] = {"",
                                    "Wilson",
                                    "Exact",
                                    "Byars",
                                    "Student's t-distribution",
                                    "Dobson",
                                    "Dobson, with confidence adjusted for non-independent events"};
    return TEXT_OF(t, code);
}

const char *carestat_relation_text(int code)
{
    static const char *const t[] = {"Not compared", "Lower", "Similar", "Higher"};
    return TEXT_OF(t, code);
}

const char *carestat_judgement_text(int code)
{
    static const char *const t[] = {"Not compared", "Worse", "Similar", "Better", "Lower", "Higher", "Worst", "Best"};
    return TEXT_OF(t, code);
}

const char *carestat_funnel_sig_text(int code)
{
    static const char *const t[] = {"Not significant", "High (0.001)", "High (0.025)", "Low (0.001)",
                                    "Low (0.025)",     "Not applicable for events less than 10 for dsrs"};
    return TEXT_OF(t, code);
}

const char *carestat_trend_marker_text(int code)
{
    static const char *const t[] = {"Cannot be calculated", "Increasing", "Decreasing", "No significant change"};
    return TEXT_OF(t, code);
}

const char *carestat_trend_label_text(int code)
{
    static const char *const t[] = {"Cannot be calculated",
                                    "No significant change",
                                    "Increasing",
                                    "Decreasing",
                                    "Increasing and getting better",
                                    "Increasing and getting worse",
                                    "Decreasing and getting better",
                                    "Decreasing and getting worse"};
    return TEXT_OF(t, code);
}

const char *carestat_trend_reason_text(int code)
{
    static const char *const t[] = {"No outliers and significant trend",
                                    "No significant trend",
                                    "Outlier found",
                                    "Not enough data points",
                                    "Missing values",
                                    "Missing at least one confidence interval value",
                                    "Duplicate years in group",
                                    "Zero variance or count equal to 0 or denominator"};
    return TEXT_OF(t, code);
}

const char *carestat_change_method_text(int code)
{
    static const char *const t[] = {"Two-proportion z-test", "Exact conditional test for two Poisson rates"};
    return TEXT_OF(t, code);
}

const char *carestat_spc_rule_text(int code)
{
    static const char *const t[] = {"Common Cause",
                                    "Above UCL",
                                    "Below LCL",
                                    "7 Point Trend (Increasing)",
                                    "7 Point Trend (Decreasing)",
                                    "2 in 3 Above CL",
                                    "2 in 3 Below CL",
                                    "7 Points Above CL",
                                    "7 Points Below CL"};
    return TEXT_OF(t, code);
}

const char *carestat_spc_point_type_text(int code)
{
    static const char *const t[] = {"common_cause", "special_cause_improvement", "special_cause_concern",
                                    "special_cause_neutral_high", "special_cause_neutral_low"};
    return TEXT_OF(t, code);
}

const char *carestat_spc_assurance_text(int code)
{
    static const char *const t[] = {"", "consistent_pass", "consistent_fail", "inconsistent"};
    return TEXT_OF(t, code);
}

const char *carestat_polarity_text(int code)
{
    static const char *const t[] = {"none", "higher is better", "lower is better"};
    return TEXT_OF(t, code);
}
