/**
 * @file carestat/stats.h
 * @brief Statistics: intervals, comparisons, trend tests, SPC, bands, rounding, disclosure control.
 *
 * Pure functions (no dataset needed, no global state, thread-safe), following the methods English
 * official statistics use:
 * - **PHE**: PHEindicatormethods v2.1.0 (ukhsa-collaboration/PHEindicatormethods @093fd288, R/utils.R,
 *   Proportions.R, Rates.R, Means.R, DSR.R, ISRatio.R, ISRate.R, Funnels.R, Quantiles.R);
 * - **PHE-TM**: the unreleased trend markers (dhsc-govuk/PHEindicatormethods, branch add_trend_markers);
 * - **Fingertips**: fingertips-open TrendMarkerCalculator.cs, comparers and significance labels;
 * - **MDC**: NHS "Making Data Count" XmR charts as implemented by NHSRplotthedots v0.2.2.
 *
 * Conventions: every function returns #CARESTAT_OK or a negative status code, writes its results
 * through the leading out-parameters, and never returns a silent NaN: a NULL required pointer, a
 * NaN or infinite input, a negative count or a numerator above its denominator gives
 * #CARESTAT_EINVAL; a confidence level outside [0.9, 1) gives #CARESTAT_ERANGE. On failure the
 * outputs are left unchanged. Optional out-parameters are marked "may be NULL".
 * Confidence levels are fractions (0.95, 0.998), never percentages.
 * The reference page is docs/stats.md.
 */
#ifndef CARESTAT_STATS_H
#define CARESTAT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "carestat/common.h"

/** @defgroup stats Statistics
 *  @{ */

/** Which direction of an indicator is good. */
typedef enum carestat_polarity {
    CARESTAT_POLARITY_NONE = 0,          /**< Neither direction is better. */
    CARESTAT_POLARITY_HIGHER_BETTER = 1, /**< Higher values are better. */
    CARESTAT_POLARITY_LOWER_BETTER = 2   /**< Lower values are better. */
} carestat_polarity;

/** The interval method a function used (reported so a table can say how a CI was made). */
typedef enum carestat_ci_method {
    CARESTAT_CI_NONE = 0,                  /**< No interval. Text "". */
    CARESTAT_CI_WILSON = 1,                /**< Wilson score interval (proportions). Text "Wilson". */
    CARESTAT_CI_EXACT = 2,                 /**< Exact Poisson via chi-square quantiles. Text "Exact". */
    CARESTAT_CI_BYARS = 3,                 /**< Byar's approximation to exact Poisson. Text "Byars". */
    CARESTAT_CI_STUDENT_T = 4,             /**< Student's t. Text "Student's t-distribution". */
    CARESTAT_CI_DOBSON = 5,                /**< Dobson et al. (1991) for DSRs. Text "Dobson". */
    CARESTAT_CI_DOBSON_NONINDEPENDENT = 6  /**< Dobson with variance for repeated events.
                                                Text "Dobson, with confidence adjusted for non-independent events". */
} carestat_ci_method;

/** Position of a value relative to a comparator (before polarity is applied). */
typedef enum carestat_relation {
    CARESTAT_RELATION_NOT_COMPARED = 0, /**< No comparison made. Text "Not compared". */
    CARESTAT_RELATION_LOWER = 1,        /**< Significantly lower. Text "Lower". */
    CARESTAT_RELATION_SIMILAR = 2,      /**< Not significantly different. Text "Similar". */
    CARESTAT_RELATION_HIGHER = 3        /**< Significantly higher. Text "Higher". */
} carestat_relation;

/** A relation judged through a polarity (Fingertips RAG: Better/Similar/Worse). */
typedef enum carestat_judgement {
    CARESTAT_JUDGEMENT_NOT_COMPARED = 0, /**< Not compared. Text "Not compared". */
    CARESTAT_JUDGEMENT_WORSE = 1,        /**< Significantly worse. Text "Worse". */
    CARESTAT_JUDGEMENT_SIMILAR = 2,      /**< Similar. Text "Similar". */
    CARESTAT_JUDGEMENT_BETTER = 3,       /**< Significantly better. Text "Better". */
    CARESTAT_JUDGEMENT_LOWER = 4,        /**< Lower, no polarity. Text "Lower". */
    CARESTAT_JUDGEMENT_HIGHER = 5,       /**< Higher, no polarity. Text "Higher". */
    CARESTAT_JUDGEMENT_WORST = 6,        /**< Worse beyond the 99.8% limits (two-level comparison). Text "Worst". */
    CARESTAT_JUDGEMENT_BEST = 7          /**< Better beyond the 99.8% limits (two-level comparison). Text "Best". */
} carestat_judgement;

/** Funnel plot significance (PHE assign_funnel_significance labels). */
typedef enum carestat_funnel_sig {
    CARESTAT_FUNNEL_NOT_SIGNIFICANT = 0, /**< Text "Not significant". */
    CARESTAT_FUNNEL_HIGH_0001 = 1,       /**< Above the 99.8% limit. Text "High (0.001)". */
    CARESTAT_FUNNEL_HIGH_0025 = 2,       /**< Above the 95% limit only. Text "High (0.025)". */
    CARESTAT_FUNNEL_LOW_0001 = 3,        /**< Below the 99.8% limit. Text "Low (0.001)". */
    CARESTAT_FUNNEL_LOW_0025 = 4,        /**< Below the 95% limit only. Text "Low (0.025)". */
    CARESTAT_FUNNEL_NOT_APPLICABLE = 5   /**< DSR with fewer than 10 events.
                                              Text "Not applicable for events less than 10 for dsrs". */
} carestat_funnel_sig;

/** What a funnel plot is drawn for (selects the axis rule and the limit formula). */
typedef enum carestat_funnel_statistic {
    CARESTAT_FUNNEL_PROPORTION = 0, /**< Proportions: Wilson-inverted limits around the baseline. */
    CARESTAT_FUNNEL_RATIO = 1,      /**< Ratios observed/expected: exact Poisson limits. */
    CARESTAT_FUNNEL_RATE = 2        /**< Rates (crude or DSR): exact Poisson limits on events. */
} carestat_funnel_statistic;

/** Side of an exact Poisson limit found by bisection (carestat_poisson_limit_bisect()). */
typedef enum carestat_poisson_side {
    CARESTAT_POISSON_LOW = 0, /**< The mean lambda with P(X >= obs | lambda) = p. */
    CARESTAT_POISSON_HIGH = 1 /**< The mean lambda with P(X <= obs | lambda) = p. */
} carestat_poisson_side;

/** Kind of series for the recent-trend test. */
typedef enum carestat_trend_kind {
    CARESTAT_TREND_PROPORTION = 0, /**< Cochran-Armitage chi-square on counts/denominators; slope from logit OLS. */
    CARESTAT_TREND_WEIGHTED = 1    /**< Inverse-variance weighted regression on values with 95% CIs. */
} carestat_trend_kind;

/** Direction of a recent trend (Fingertips TrendMarker codes). */
typedef enum carestat_trend_marker {
    CARESTAT_TREND_CANNOT_BE_CALCULATED = 0, /**< Not enough or unusable data. */
    CARESTAT_TREND_INCREASING = 1,           /**< Significant increase. */
    CARESTAT_TREND_DECREASING = 2,           /**< Significant decrease. */
    CARESTAT_TREND_NO_CHANGE = 3             /**< No significant change. */
} carestat_trend_marker;

/** Label of a recent trend with polarity applied (Fingertips trendmarker-label-provider). */
typedef enum carestat_trend_label {
    CARESTAT_TREND_LABEL_CANNOT_BE_CALCULATED = 0,  /**< "Cannot be calculated". */
    CARESTAT_TREND_LABEL_NO_SIGNIFICANT_CHANGE = 1, /**< "No significant change". */
    CARESTAT_TREND_LABEL_INCREASING = 2,            /**< "Increasing" (no polarity). */
    CARESTAT_TREND_LABEL_DECREASING = 3,            /**< "Decreasing" (no polarity). */
    CARESTAT_TREND_LABEL_INCREASING_BETTER = 4,     /**< "Increasing and getting better". */
    CARESTAT_TREND_LABEL_INCREASING_WORSE = 5,      /**< "Increasing and getting worse". */
    CARESTAT_TREND_LABEL_DECREASING_BETTER = 6,     /**< "Decreasing and getting better". */
    CARESTAT_TREND_LABEL_DECREASING_WORSE = 7       /**< "Decreasing and getting worse". */
} carestat_trend_label;

/** Why a trend was (or was not) called (PHE-TM recent_trend_reason texts). */
typedef enum carestat_trend_reason {
    CARESTAT_TREND_REASON_SIGNIFICANT = 0,     /**< "No outliers and significant trend". */
    CARESTAT_TREND_REASON_NOT_SIGNIFICANT = 1, /**< "No significant trend". */
    CARESTAT_TREND_REASON_OUTLIER = 2,         /**< "Outlier found" (a drop-one slope changed sign). */
    CARESTAT_TREND_REASON_TOO_FEW_POINTS = 3,  /**< "Not enough data points" (fewer than 5). */
    CARESTAT_TREND_REASON_MISSING_VALUES = 4,  /**< "Missing values" (NaN value, count or denominator). */
    CARESTAT_TREND_REASON_MISSING_CI = 5,      /**< "Missing at least one confidence interval value". */
    CARESTAT_TREND_REASON_DUPLICATE_TIMES = 6, /**< "Duplicate years in group". */
    CARESTAT_TREND_REASON_DEGENERATE = 7       /**< "Zero variance or count equal to 0 or denominator"
                                                    (carestat's own: the test statistic is undefined). */
} carestat_trend_reason;

/** Result of carestat_recent_trend(). */
typedef struct carestat_trend_result {
    int marker;    /**< #carestat_trend_marker. */
    int label;     /**< #carestat_trend_label (marker with polarity applied). */
    int reason;    /**< #carestat_trend_reason. */
    double chi2;   /**< Chi-square statistic for trend (1 df); NaN when not calculated. */
    double slope;  /**< Gradient per unit of t (weighted: value units; proportion: logit OLS); NaN when not calculated. */
    size_t points; /**< Points used (5 when calculated, otherwise the number available). */
} carestat_trend_result;

/** Method of a two-period change test. */
typedef enum carestat_change_method {
    CARESTAT_CHANGE_TWO_PROPORTION_Z = 0,   /**< Pooled two-proportion z-test. Text "Two-proportion z-test". */
    CARESTAT_CHANGE_CONDITIONAL_POISSON = 1 /**< Exact conditional binomial test of two Poisson rates.
                                                 Text "Exact conditional test for two Poisson rates". */
} carestat_change_method;

/** Kind of the two values compared by carestat_change_test(). */
typedef enum carestat_change_kind {
    CARESTAT_CHANGE_PROPORTION = 0, /**< x of n (x <= n). */
    CARESTAT_CHANGE_RATE = 1        /**< events per person-time or population (x may exceed n). */
} carestat_change_kind;

/** Result of carestat_change_test() (period 1 = earlier, period 2 = later). */
typedef struct carestat_change_result {
    double value1;     /**< x1/n1 * multiplier. */
    double value2;     /**< x2/n2 * multiplier. */
    double difference; /**< value2 - value1. */
    double ratio;      /**< value2 / value1; NaN when value1 is 0 (the only NaN the API hands out). */
    double statistic;  /**< z statistic (z-test); the observed x2 (conditional test). */
    double p_value;    /**< Two-sided p-value. */
    int significant;   /**< 1 when p_value < 1 - level, else 0. */
    int relation;      /**< #carestat_relation of period 2 against period 1 (SIMILAR unless significant). */
    int method;        /**< #carestat_change_method. */
} carestat_change_result;

/** Special-cause rule that classified an SPC point (NHSRplotthedots precedence order). */
typedef enum carestat_spc_rule {
    CARESTAT_SPC_COMMON_CAUSE = 0,       /**< "Common Cause". */
    CARESTAT_SPC_ABOVE_UCL = 1,          /**< "Above UCL" (outside the upper process limit). */
    CARESTAT_SPC_BELOW_LCL = 2,          /**< "Below LCL". */
    CARESTAT_SPC_TREND_INCREASING = 3,   /**< "7 Point Trend (Increasing)". */
    CARESTAT_SPC_TREND_DECREASING = 4,   /**< "7 Point Trend (Decreasing)". */
    CARESTAT_SPC_TWO_IN_THREE_ABOVE = 5, /**< "2 in 3 Above CL" (2 of 3 beyond 2 sigma, same side). */
    CARESTAT_SPC_TWO_IN_THREE_BELOW = 6, /**< "2 in 3 Below CL". */
    CARESTAT_SPC_SHIFT_ABOVE = 7,        /**< "7 Points Above CL" (run of 7+ above the mean). */
    CARESTAT_SPC_SHIFT_BELOW = 8         /**< "7 Points Below CL". */
} carestat_spc_rule;

/** Variation type of an SPC point (Making Data Count icons). */
typedef enum carestat_spc_point_type {
    CARESTAT_SPC_POINT_COMMON_CAUSE = 0,  /**< "common_cause". */
    CARESTAT_SPC_POINT_IMPROVEMENT = 1,   /**< "special_cause_improvement". */
    CARESTAT_SPC_POINT_CONCERN = 2,       /**< "special_cause_concern". */
    CARESTAT_SPC_POINT_NEUTRAL_HIGH = 3,  /**< "special_cause_neutral_high" (no polarity). */
    CARESTAT_SPC_POINT_NEUTRAL_LOW = 4    /**< "special_cause_neutral_low" (no polarity). */
} carestat_spc_point_type;

/** Assurance of meeting a target (Making Data Count). */
typedef enum carestat_spc_assurance {
    CARESTAT_SPC_ASSURANCE_NONE = 0,            /**< No target or no polarity. Text "". */
    CARESTAT_SPC_ASSURANCE_CONSISTENT_PASS = 1, /**< "consistent_pass": the process always meets the target. */
    CARESTAT_SPC_ASSURANCE_CONSISTENT_FAIL = 2, /**< "consistent_fail": the process never meets it. */
    CARESTAT_SPC_ASSURANCE_INCONSISTENT = 3     /**< "inconsistent": the target lies within the limits. */
} carestat_spc_assurance;

/** Version of #carestat_spc_options this header describes. */
#define CARESTAT_SPC_OPTIONS_VERSION 1

/** Options of carestat_spc_xmr(); initialise with carestat_spc_options_init(). */
typedef struct carestat_spc_options {
    int version;               /**< Must be #CARESTAT_SPC_OPTIONS_VERSION (set by _init). */
    int improvement;           /**< #carestat_polarity: which direction is improvement (default NONE). */
    int screen_outliers;       /**< 1 (default, as NHSRplotthedots): drop moving ranges >= 3.267 x mean
                                    moving range before the limits; 0 reproduces the MDC Excel tool. */
    double target;             /**< Target for the assurance call; NaN (default) for none. */
    size_t fix_after_n_points; /**< Compute mean and limits from the first N points only (0 = all, default);
                                    when set it must be >= 12. */
} carestat_spc_options;

/** Summary of an XmR chart. */
typedef struct carestat_spc_summary {
    double mean;        /**< Centre line. */
    double amr;         /**< Mean moving range used for the limits (after screening). */
    double lpl;         /**< Lower process limit: mean - 2.66 x amr. */
    double upl;         /**< Upper process limit: mean + 2.66 x amr. */
    double near_lpl;    /**< Lower 2-sigma line: mean - (2/3)(2.66) x amr. */
    double near_upl;    /**< Upper 2-sigma line. */
    int variation;      /**< #carestat_spc_point_type of the last point (the variation icon). */
    int assurance;      /**< #carestat_spc_assurance. */
    int trial_limits;   /**< 1 when fewer than 13 points were used for the limits (trial limits). */
    size_t points;      /**< Number of points. */
} carestat_spc_summary;

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Distributions and critical values
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Standard normal quantile (inverse CDF), full double precision.
 *
 * Method: Wichura (1988) algorithm AS 241 (PPND16), relative accuracy about 1e-16.
 * @param[out] out the x with Phi(x) = p.
 * @param p probability, strictly inside (0, 1).
 * @return #CARESTAT_OK; #CARESTAT_EINVAL if @p out is NULL or p is NaN; #CARESTAT_ERANGE if p is not in (0, 1).
 */
CARESTAT_API int carestat_normal_quantile(double *out, double p);

/**
 * @brief Standard normal CDF Phi(x) = erfc(-x/sqrt 2)/2.
 * @param[out] out the probability.
 * @param x any finite value.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL (NULL out, NaN or infinite x).
 */
CARESTAT_API int carestat_normal_cdf(double *out, double x);

/**
 * @brief Two-sided critical value for a confidence level: z = qnorm(level + (1 - level)/2) (PHE R/utils.R).
 *
 * 0.95 gives 1.959963984540054, 0.998 gives 3.090232306167813.
 * @param[out] out the critical value.
 * @param level confidence level strictly inside (0, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL, NaN) or #CARESTAT_ERANGE (level outside (0, 1)).
 */
CARESTAT_API int carestat_z_for_level(double *out, double level);

/**
 * @brief Chi-square CDF P(X <= x) via the regularised lower incomplete gamma P(df/2, x/2).
 * @param[out] out the probability.
 * @param x value, >= 0.
 * @param df degrees of freedom, > 0.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL, NaN, x < 0, df <= 0).
 */
CARESTAT_API int carestat_chisq_cdf(double *out, double x, double df);

/**
 * @brief Chi-square quantile (R qchisq), to about 1e-14 relative.
 *
 * Method: Wilson-Hilferty start, then Newton/bisection on the regularised incomplete gamma.
 * df = 0 is accepted and gives 0 (R's convention, used by the exact Poisson limit at x = 0).
 * @param[out] out the quantile.
 * @param p probability in [0, 1) (p = 0 gives 0).
 * @param df degrees of freedom, >= 0.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL, NaN, df < 0) or #CARESTAT_ERANGE (p outside [0, 1)).
 */
CARESTAT_API int carestat_chisq_quantile(double *out, double p, double df);

/**
 * @brief Student's t quantile (R qt), to about 1e-14 relative for df up to 1000 (about 1e-11 for df near 1e5).
 *
 * Method: bisection/Newton on the t CDF, computed from the regularised incomplete beta function
 * (continued fraction, Numerical Recipes form re-derived from Abramowitz & Stegun 26.5.8).
 * @param[out] out the quantile.
 * @param p probability strictly inside (0, 1).
 * @param df degrees of freedom, > 0.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (NULL, NaN, df <= 0) or #CARESTAT_ERANGE (p outside (0, 1)).
 */
CARESTAT_API int carestat_t_quantile(double *out, double p, double df);

/**
 * @brief Chi-square critical value of the Fingertips trend test: qchisq(level, 1) (9.54953570608324 at 0.998).
 * @param[out] out the critical value.
 * @param level in (0, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_chisq_critical(double *out, double level);

/* ---------------------------------------------------------------------------------------------
 * Intervals
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Proportion with a Wilson score interval (PHE phe_proportion / wilson_lower, wilson_upper).
 *
 * value = x/n * multiplier; lower, upper = (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)) * multiplier.
 * As PHE, x = 0 and x = n are not special-cased (lower is exactly 0 at x = 0; upper at x = n may be
 * 1 +/- 1 ulp). Non-integer x is accepted.
 * @param[out] value the proportion times @p multiplier (may be NULL).
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param x numerator, 0 <= x <= n.
 * @param n denominator, > 0.
 * @param multiplier 1 for a proportion, 100 for a percentage (> 0).
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK; #CARESTAT_EINVAL (NaN/infinite input, x < 0, n <= 0, x > n, multiplier <= 0);
 *         #CARESTAT_ERANGE (level outside [0.9, 1)).
 */
CARESTAT_API int carestat_proportion_ci(double *value, double *lower, double *upper, double x, double n,
                                        double multiplier, double level);

/**
 * @brief Confidence limits for a Poisson count: exact below 10 events, Byar's from 10 (PHE phe_rate rule).
 *
 * Exact: lower = qchisq((1-level)/2, 2x)/2 (0 at x = 0), upper = qchisq(level + (1-level)/2, 2x+2)/2.
 * Byar's: lower = x(1 - 1/(9x) - z/(3 sqrt x))^3, upper = (x+1)(1 - 1/(9(x+1)) + z/(3 sqrt(x+1)))^3.
 * @param[out] lower lower limit for the count (may be NULL).
 * @param[out] upper upper limit for the count (may be NULL).
 * @param[out] method #CARESTAT_CI_EXACT or #CARESTAT_CI_BYARS (may be NULL).
 * @param x observed count, >= 0 (non-integer accepted).
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_poisson_ci(double *lower, double *upper, int *method, double x, double level);

/**
 * @brief Exact Poisson (chi-square) limits for a count, whatever its size.
 * @param[out] lower qchisq((1-level)/2, 2x)/2, 0 at x = 0 (may be NULL).
 * @param[out] upper qchisq(level + (1-level)/2, 2x+2)/2 (may be NULL).
 * @param x observed count, >= 0.
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_exact_poisson_ci(double *lower, double *upper, double x, double level);

/**
 * @brief Byar's approximate Poisson limits for a count (PHE byars_lower/byars_upper).
 *
 * A negative lower limit (small x at high levels) is reported as 0; PHE reports NA there.
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param x observed count, > 0.
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (x <= 0, NaN) or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_byars_ci(double *lower, double *upper, double x, double level);

/**
 * @brief Crude rate per multiplier with exact Poisson (x < 10) or Byar's (x >= 10) limits (PHE phe_rate).
 *
 * value = x/denominator * multiplier; the limits are carestat_poisson_ci() divided by the
 * denominator and multiplied by the multiplier. x above the denominator is allowed.
 * @param[out] value the rate (may be NULL).
 * @param[out] lower lower limit; 0 when x = 0 (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param[out] method #CARESTAT_CI_EXACT or #CARESTAT_CI_BYARS (may be NULL).
 * @param x number of events, >= 0.
 * @param denominator population or person-time, > 0.
 * @param multiplier e.g. 10000 for "per 10,000 children" (> 0).
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_rate_ci(double *value, double *lower, double *upper, int *method, double x,
                                  double denominator, double multiplier, double level);

/**
 * @brief Mean with a Student's t interval (PHE phe_mean).
 *
 * value = sum/n, sd = sample standard deviation (n - 1), limits = value -/+ |qt((1-level)/2, n-1)| sd/sqrt(n).
 * @param[out] value the mean (may be NULL).
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param[out] sd sample standard deviation (may be NULL).
 * @param values the observations (borrowed, not kept).
 * @param count number of observations, >= 2.
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK; #CARESTAT_EINVAL (NULL values, a NaN value, count < 2); #CARESTAT_ERANGE (level).
 */
CARESTAT_API int carestat_mean_ci(double *value, double *lower, double *upper, double *sd, const double *values,
                                  size_t count, double level);

/**
 * @brief Directly standardised rate with Dobson limits (PHE calculate_dsr, independent events).
 *
 * DSR = sum(x_i w_i / n_i) / sum(w_i) * multiplier; var = sum(x_i (w_i/n_i)^2) / (sum w_i)^2;
 * with O = sum x_i, limits = DSR + sqrt(var/O) (ByarsL/U(O) - O) * multiplier (Dobson et al. 1991).
 * As PHE, no DSR is given for fewer than 10 events.
 * @param[out] value the DSR (may be NULL).
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param x events per age band (>= 0; PHE treats a missing count as 0: pass 0).
 * @param n population per age band (> 0).
 * @param stdpop standard population per age band (>= 0, sum > 0), e.g. ESP2013.
 * @param count number of age bands, >= 1.
 * @param multiplier e.g. 100000 (> 0).
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK; #CARESTAT_EUNSUPPORTED when the total count is below 10 (outputs untouched);
 *         #CARESTAT_EINVAL or #CARESTAT_ERANGE for bad arguments.
 */
CARESTAT_API int carestat_dsr(double *value, double *lower, double *upper, const double *x, const double *n,
                              const double *stdpop, size_t count, double multiplier, double level);

/**
 * @brief Directly standardised rate for non-independent events (PHE calculate_dsr, independent_events = FALSE).
 *
 * Input is one record per (age band, event frequency f): the number of persons with f events.
 * Events x_i = sum_f f persons_{i,f}; the DSR is as carestat_dsr(); the variance is
 * sum_f f^2 var_f where var_f is the Dobson variance of the persons with frequency f.
 * @param[out] value the DSR (may be NULL).
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param band age band index of each record (< @p nbands).
 * @param freq event frequency f of each record (>= 0).
 * @param persons persons with that frequency (>= 0).
 * @param nrecords number of records.
 * @param n population per age band (> 0).
 * @param stdpop standard population per age band (>= 0).
 * @param nbands number of age bands, >= 1.
 * @param multiplier e.g. 100000 (> 0).
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK; #CARESTAT_EUNSUPPORTED when total events are below 10; #CARESTAT_EINVAL, #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_dsr_nonindependent(double *value, double *lower, double *upper, const size_t *band,
                                             const double *freq, const double *persons, size_t nrecords,
                                             const double *n, const double *stdpop, size_t nbands,
                                             double multiplier, double level);

/**
 * @brief Expected events for indirect standardisation: E = sum_i x_ref,i / n_ref,i * n_i (PHE calculate_ISRatio).
 *
 * A band with n_ref = 0 contributes nothing only if x_ref is 0 too; otherwise it is an error.
 * @param[out] expected E.
 * @param n local population per band (>= 0; PHE treats missing as 0: pass 0).
 * @param xref reference events per band (>= 0).
 * @param nref reference population per band (>= 0).
 * @param count number of bands, >= 1.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_isr_expected(double *expected, const double *n, const double *xref, const double *nref,
                                       size_t count);

/**
 * @brief Reference rate for an indirectly standardised rate: sum x_ref / sum n_ref * multiplier.
 * @param[out] out the reference rate.
 * @param xref reference events per band (>= 0).
 * @param nref reference population per band (>= 0, sum > 0).
 * @param count number of bands.
 * @param multiplier e.g. 100000 (> 0).
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_isr_reference_rate(double *out, const double *xref, const double *nref, size_t count,
                                             double multiplier);

/**
 * @brief Indirectly standardised ratio or rate: value = O/E * scale, limits = carestat_poisson_ci(O)/E * scale.
 *
 * For a ratio (PHE calculate_ISRatio) scale is the reference value (1, or 100 for an SMR);
 * for a rate (PHE calculate_ISRate) scale is carestat_isr_reference_rate().
 * @param[out] value the ratio or rate (may be NULL).
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param[out] method #CARESTAT_CI_EXACT (O < 10) or #CARESTAT_CI_BYARS (may be NULL).
 * @param observed observed events O (>= 0).
 * @param expected expected events E (> 0).
 * @param scale reference value or reference rate (> 0).
 * @param level confidence level in [0.9, 1).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_isr(double *value, double *lower, double *upper, int *method, double observed,
                              double expected, double scale, double level);

/* ---------------------------------------------------------------------------------------------
 * Comparisons with a comparator
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Compare an area with a comparator by its confidence interval (Fingertips method 1,
 * "CI overlapping reference value"), then judge through a polarity.
 *
 * Comparator within [lower, upper] (inclusive) gives Similar; otherwise value below the comparator
 * gives Lower and above gives Higher. Use the 95% or the 99.8% interval of the area.
 * @param[out] relation #carestat_relation (may be NULL).
 * @param[out] judgement #carestat_judgement through @p polarity: Better/Similar/Worse, or
 *             Higher/Similar/Lower when the polarity is NONE (may be NULL).
 * @param value the area's value.
 * @param lower the area's lower limit.
 * @param upper the area's upper limit (>= lower).
 * @param comparator the comparator's value (England, region, neighbours).
 * @param polarity #carestat_polarity.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL (NaN input, lower > upper, bad polarity).
 */
CARESTAT_API int carestat_compare(int *relation, int *judgement, double value, double lower, double upper,
                                  double comparator, int polarity);

/**
 * @brief Compare an area with a comparator at two levels at once (Fingertips method 17,
 * SingleOverlappingCIsForTwoCILevelsComparer).
 *
 * Comparator inside the 95% interval: Similar; outside the 95% but inside the 99.8% interval:
 * Higher/Lower (Better/Worse through the polarity); outside the 99.8% interval: Best/Worst with a
 * polarity, Higher/Lower without one.
 * @param[out] judgement #carestat_judgement.
 * @param value the area's value.
 * @param lower95 lower 95% limit.
 * @param upper95 upper 95% limit (>= lower95).
 * @param lower998 lower 99.8% limit (<= lower95).
 * @param upper998 upper 99.8% limit (>= upper95).
 * @param comparator the comparator's value.
 * @param polarity #carestat_polarity.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL (NaN, unordered limits, bad polarity).
 */
CARESTAT_API int carestat_compare_two_levels(int *judgement, double value, double lower95, double upper95,
                                             double lower998, double upper998, double comparator, int polarity);

/**
 * @brief Compare two values by their confidence intervals (Fingertips method 12, "double overlapping CIs").
 *
 * Similar if the intervals overlap (the lower limit of the higher value <= the upper limit of the
 * lower value), otherwise Higher or Lower by value (value of A relative to B).
 * @param[out] relation #carestat_relation of A against B.
 * @param value_a value A.
 * @param lower_a lower limit of A.
 * @param upper_a upper limit of A.
 * @param value_b value B.
 * @param lower_b lower limit of B.
 * @param upper_b upper limit of B.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_compare_intervals(int *relation, double value_a, double lower_a, double upper_a,
                                            double value_b, double lower_b, double upper_b);

/**
 * @brief Fingertips "SPC for proportions" comparison (SpcForProportionsComparer, method 5).
 *
 * P0 = comparator/unit, E = N P0; limits = (2E + z^2 -/+ z sqrt(z^2 + 4E(1 - E/N))) / (2(N + z^2));
 * P1 = value/unit above the upper limit is Higher, below the lower limit is Lower.
 * Fingertips passes z = 1.96 (95%) or 3.0902 (99.8%); carestat_z_for_level() gives full precision.
 * @param[out] relation #carestat_relation.
 * @param value the area's value in units of @p unit (e.g. a percentage).
 * @param denominator the area's denominator N (> 0).
 * @param comparator the comparator's value in the same units.
 * @param unit 1 for proportions, 100 for percentages (> 0).
 * @param z critical value (> 0).
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_compare_spc_proportion(int *relation, double value, double denominator, double comparator,
                                                 double unit, double z);

/**
 * @brief Fingertips "SPC for DSR" comparison (SpcForDsrComparer, method 6).
 *
 * E = comparator denominator/unit; limits = PoisLow(E, p), PoisHigh(E, p) (carestat_poisson_limit_bisect())
 * divided by the denominator and multiplied by unit; the value above the upper limit is Higher, below the lower Lower.
 * @param[out] relation #carestat_relation.
 * @param value the area's rate per @p unit.
 * @param denominator the area's population (> 0).
 * @param comparator the comparator's rate per @p unit.
 * @param unit e.g. 100000 (> 0).
 * @param tail one-sided tail probability: 0.025 (95%) or 0.001 (99.8%), in (0, 0.5).
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_compare_spc_dsr(int *relation, double value, double denominator, double comparator,
                                          double unit, double tail);

/**
 * @brief Apply a polarity to a relation: Higher becomes Better (higher is better) or Worse (lower is better).
 * @param[out] judgement #carestat_judgement (Higher/Lower kept when the polarity is NONE).
 * @param relation #carestat_relation.
 * @param polarity #carestat_polarity.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL (unknown codes).
 */
CARESTAT_API int carestat_judge(int *judgement, int relation, int polarity);

/* ---------------------------------------------------------------------------------------------
 * Funnel plots
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Exact Poisson limit by bisection, exactly as PHE poisson_funnel / Fingertips PoisLow/PoisHigh.
 *
 * Bisection on v in (0,1) with lambda = (1 + obs) v/(1 - v), halving dv from 0.5 while dv > 1e-7;
 * agrees with chi-square quantiles to about 4e-6 relative and with the PHE funnel vectors to 1e-9.
 * @param[out] out lambda.
 * @param observed observed count (>= 0, may be non-integer for Fingertips SPC-for-DSR).
 * @param p tail probability in (0, 1) (0.025, 0.001).
 * @param side #carestat_poisson_side.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_poisson_limit_bisect(double *out, double observed, double p, int side);

/**
 * @brief Control limits of a proportion funnel at one population (PHE sigma_adjustment).
 *
 * The limits are the observed proportions whose Wilson interval at this level just reaches the
 * baseline; both are multiplied by @p multiplier and clamped to [0, 100].
 * @param[out] lower lower limit (may be NULL).
 * @param[out] upper upper limit (may be NULL).
 * @param baseline baseline proportion sum(num)/sum(den), in [0, 1].
 * @param population the denominator at this point (> 0).
 * @param level 0.95 (two-sided, p = 0.975) or 0.998 (p = 0.999); any level in (0, 1).
 * @param multiplier 100 for percentages (> 0).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_funnel_proportion_limits(double *lower, double *upper, double baseline, double population,
                                                   double level, double multiplier);

/**
 * @brief Ratio funnel limits at an observed count (PHE calculate_funnel_limits, statistic "ratio").
 *
 * lower_expected = lambda_high(O, tail), upper_expected = lambda_low(O, tail) (carestat_poisson_limit_bisect(),
 * tail = (1-level)/2); the ratio limits are O/lower_expected and O/upper_expected.
 * @param[out] lower_ratio lower ratio limit (may be NULL).
 * @param[out] upper_ratio upper ratio limit (may be NULL).
 * @param[out] lower_expected expected events at the lower line (may be NULL).
 * @param[out] upper_expected expected events at the upper line (may be NULL).
 * @param observed observed events (> 0).
 * @param level 0.95 or 0.998 (any level in (0, 1)).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_funnel_ratio_limits(double *lower_ratio, double *upper_ratio, double *lower_expected,
                                              double *upper_expected, double observed, double level);

/**
 * @brief Rate funnel limits at a number of events (PHE calculate_funnel_limits, statistic "rate").
 *
 * With lambda from carestat_funnel_ratio_limits(): limit = O/(lambda/average) * multiplier and
 * population_1_year = lambda/average/years.
 * @param[out] lower_rate lower limit (may be NULL).
 * @param[out] upper_rate upper limit (may be NULL).
 * @param[out] lower_population_1yr one-year population at the lower line (may be NULL).
 * @param[out] upper_population_1yr one-year population at the upper line (may be NULL).
 * @param events events O (> 0).
 * @param average average rate per person (events / person; the baseline divided by the multiplier) (> 0).
 * @param years years of data pooled (> 0).
 * @param multiplier e.g. 100000 (> 0).
 * @param level 0.95 or 0.998 (any level in (0, 1)).
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_funnel_rate_limits(double *lower_rate, double *upper_rate, double *lower_population_1yr,
                                             double *upper_population_1yr, double events, double average,
                                             double years, double multiplier, double level);

/**
 * @brief The 100-point x axis of a PHE funnel plot (population, observed events or events).
 *
 * Reproduces PHE's axis exactly (signif floor/ceiling, geometric steps with R half-even rounding).
 * For rates, @p min_value and @p max_value are denominators over all years (multiplier O/rate) and
 * the axis is in events: limits signif-rounded per year, times years, times @p average.
 * @param[out] out receives the axis points.
 * @param cap capacity of @p out; at least 100.
 * @param statistic #carestat_funnel_statistic.
 * @param min_value smallest denominator (proportion, rate) or expected count (ratio), >= 0.
 * @param max_value largest one (> 0, >= min_value).
 * @param average rate only: average events per unit denominator (ignored otherwise).
 * @param years rate only: years of data (ignored otherwise; > 0 for rates).
 * @return the number of points written (100), or #CARESTAT_EINVAL / #CARESTAT_EBUFFER.
 */
CARESTAT_API int carestat_funnel_axis(double *out, size_t cap, int statistic, double min_value, double max_value,
                                      double average, double years);

/**
 * @brief Funnel significance of a proportion (PHE assign_funnel_significance, statistic "proportion").
 *
 * x/n below the 99.8% lower limit is Low (0.001), below the 95% Low (0.025), above the 99.8% upper
 * High (0.001), above the 95% High (0.025), all strict.
 * @param[out] sig #carestat_funnel_sig.
 * @param x numerator (>= 0, may be non-integer).
 * @param n denominator (> 0, >= x).
 * @param baseline baseline proportion in [0, 1] (sum of numerators / sum of denominators).
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_funnel_significance_proportion(int *sig, double x, double n, double baseline);

/**
 * @brief Funnel significance of a ratio O/E against a comparator ratio (PHE, statistic "ratio").
 *
 * Exact limits of O below 10 events, Byar's from 10, divided by E: High when comparator < lower,
 * Low when comparator > upper, at 99.8% then 95%.
 * @param[out] sig #carestat_funnel_sig.
 * @param observed O (>= 0).
 * @param expected E (> 0).
 * @param comparator the comparator ratio (1 for O/E).
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_funnel_significance_ratio(int *sig, double observed, double expected, double comparator);

/**
 * @brief Derived one-year denominator of a rate for funnels: multiplier O/rate/years (PHE calculate_funnel_points,
 * denominator_derived).
 *
 * With O = 0 a crude rate uses @p denominator / years; a DSR has none (#CARESTAT_EUNSUPPORTED).
 * @param[out] out the derived denominator.
 * @param observed events O (>= 0).
 * @param rate the rate per multiplier (> 0 when O > 0).
 * @param denominator the supplied denominator over all years (used only when O = 0 and not a DSR).
 * @param multiplier e.g. 100000 (> 0).
 * @param years years of data pooled (> 0; 1 for a single year).
 * @param is_dsr 1 for a directly standardised rate, 0 for a crude rate.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_EUNSUPPORTED.
 */
CARESTAT_API int carestat_funnel_rate_denominator(double *out, double observed, double rate, double denominator,
                                                  double multiplier, double years, int is_dsr);

/**
 * @brief Funnel significance of a rate against a comparator rate (PHE, statistic "rate").
 *
 * E = carestat_funnel_rate_denominator() with years = 1; the test is the ratio test of O against
 * E comparator/multiplier. A DSR with fewer than 10 events is Not applicable.
 * @param[out] sig #carestat_funnel_sig.
 * @param observed events O (>= 0).
 * @param rate the rate per multiplier (>= 0).
 * @param denominator supplied denominator (used for a crude rate with O = 0; otherwise ignored, may be NaN).
 * @param comparator comparator rate per multiplier (>= 0): sum O / sum E * multiplier over the areas, with E
 *        from carestat_funnel_rate_denominator() (areas without one left out).
 * @param multiplier e.g. 100000 (> 0).
 * @param is_dsr 1 for a DSR, 0 for a crude rate.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_funnel_significance_rate(int *sig, double observed, double rate, double denominator,
                                                   double comparator, double multiplier, int is_dsr);

/* ---------------------------------------------------------------------------------------------
 * Quantile bands
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Quantile bands (quartiles, quintiles, deciles) with PHE's rank and tie rule (phe_quantile).
 *
 * N = number of non-NaN values; rank = rank(-value) when @p highest_first (highest value in band 1)
 * else rank(value), ties taking the minimum rank; band = floor((nq+1) - ceil(((N+1) - rank)/(N/nq))),
 * 0 becoming 1. For a polarity, put the best values in band 1 with highest_first = (polarity == HIGHER_BETTER).
 * @param[out] bands receives a band 1..nq per value, 0 for a NaN value (capacity @p count).
 * @param values the values (NaN = missing; borrowed).
 * @param count number of values.
 * @param nquantiles number of bands, >= 2 (4 quartiles, 5 quintiles, 10 deciles).
 * @param highest_first 1: highest value in band 1 (PHE invert = TRUE, its default); 0: lowest in band 1.
 * @return #CARESTAT_OK; #CARESTAT_ERANGE when fewer than @p nquantiles values are present (every band
 *         is then set to 0, as PHE gives NA); #CARESTAT_EINVAL; #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_quantile_bands(int *bands, const double *values, size_t count, int nquantiles,
                                         int highest_first);

/* ---------------------------------------------------------------------------------------------
 * Trends and change
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Recent trend over the last 5 points (Fingertips TrendMarkerCalculator; PHE-TM assign_trend_markers).
 *
 * The 5 points with the largest @p t are used (t need not be consecutive; t = 1..n or years give the same answer).
 * - PROPORTION: Cochran-Armitage chi-square
 *   N(N sum x_t t - X sum n_t t)^2 / (X(N - X)(N sum n_t t^2 - (sum n_t t)^2)); slope = OLS slope of logit(x/n) on t.
 * - WEIGHTED: SE = (upper - lower)/(2 z(level)), w = 1/SE^2; slope = weighted least-squares slope of value on t;
 *   chi2 = (slope/SE(slope))^2.
 * Significant when chi2 > qchisq(0.998, 1) = 9.5495 **and** the slope keeps its sign when each
 * point is dropped in turn (a zero slope counts as positive), otherwise "Outlier found".
 * Unusable data (fewer than 5 points, duplicate t, NaN inputs) give Cannot be calculated with a reason, and return OK.
 * @param[out] out the result.
 * @param kind #carestat_trend_kind.
 * @param t time of each point (years or 1..n); finite.
 * @param count numerators (PROPORTION; may be NULL for WEIGHTED).
 * @param denominator denominators (PROPORTION; may be NULL for WEIGHTED).
 * @param value values (WEIGHTED; may be NULL for PROPORTION).
 * @param lower lower limits at @p level (WEIGHTED; may be NULL for PROPORTION).
 * @param upper upper limits at @p level (WEIGHTED; may be NULL for PROPORTION).
 * @param n number of points.
 * @param polarity #carestat_polarity for the label.
 * @param level confidence level of @p lower / @p upper (0.95 usually), in [0.9, 1).
 * @return #CARESTAT_OK; #CARESTAT_EINVAL (NULL out or t, missing arrays for the kind, bad kind or polarity,
 *         non-finite t); #CARESTAT_ERANGE (level).
 */
CARESTAT_API int carestat_recent_trend(carestat_trend_result *out, int kind, const double *t, const double *count,
                                       const double *denominator, const double *value, const double *lower,
                                       const double *upper, size_t n, int polarity, double level);

/**
 * @brief carestat_recent_trend() with the critical value of the intervals given directly.
 *
 * SE = (upper - lower)/(2 z). Fingertips (TrendMarkerCalculator.cs) divides by 3.92, i.e. z = 1.96;
 * PHE-TM uses the full-precision z of the level (what carestat_recent_trend() does).
 * @param[out] out the result.
 * @param kind #carestat_trend_kind.
 * @param t time of each point.
 * @param count numerators (PROPORTION; may be NULL for WEIGHTED).
 * @param denominator denominators (PROPORTION; may be NULL for WEIGHTED).
 * @param value values (WEIGHTED; may be NULL for PROPORTION).
 * @param lower lower limits (WEIGHTED; may be NULL for PROPORTION).
 * @param upper upper limits (WEIGHTED; may be NULL for PROPORTION).
 * @param n number of points.
 * @param polarity #carestat_polarity for the label.
 * @param z critical value of the intervals (> 0; ignored by PROPORTION).
 * @return as carestat_recent_trend(), with #CARESTAT_EINVAL for a bad @p z.
 */
CARESTAT_API int carestat_recent_trend_z(carestat_trend_result *out, int kind, const double *t, const double *count,
                                         const double *denominator, const double *value, const double *lower,
                                         const double *upper, size_t n, int polarity, double z);

/**
 * @brief Label of a marker with polarity applied (e.g. Increasing + LOWER_BETTER = "Increasing and getting worse").
 * @param marker #carestat_trend_marker.
 * @param polarity #carestat_polarity.
 * @return a #carestat_trend_label code, or #CARESTAT_EINVAL for unknown codes.
 */
CARESTAT_API int carestat_trend_label_for(int marker, int polarity);

/**
 * @brief Change between two periods: difference, ratio and a significance test.
 *
 * PROPORTION: pooled two-proportion z-test, z = (p2 - p1)/sqrt(p(1-p)(1/n1 + 1/n2)), p = (x1+x2)/(n1+n2).
 * RATE: exact conditional test; given x1 + x2 events, x2 ~ Binomial(x1 + x2, n2/(n1 + n2)) under
 * equal rates; two-sided p = sum of outcome probabilities not above that of x2 (as R binom.test / poisson.test).
 * Counts must be whole numbers for the rate test, with x1 + x2 <= 1e9.
 * @param[out] out the result.
 * @param kind #carestat_change_kind.
 * @param x1 numerator in the earlier period (>= 0).
 * @param n1 denominator in the earlier period (> 0; >= x1 for a proportion).
 * @param x2 numerator in the later period (>= 0).
 * @param n2 denominator in the later period (> 0; >= x2 for a proportion).
 * @param multiplier scale of value1/value2 (100 for percentages, 10000 for rates per 10,000) (> 0).
 * @param level confidence level in [0.9, 1): significant when p < 1 - level.
 * @return #CARESTAT_OK; #CARESTAT_EINVAL; #CARESTAT_ERANGE (level); #CARESTAT_EUNSUPPORTED (proportion with
 *         x1 + x2 = 0 or n1 + n2 = x1 + x2, where the test is undefined: nothing changed).
 */
CARESTAT_API int carestat_change_test(carestat_change_result *out, int kind, double x1, double n1, double x2,
                                      double n2, double multiplier, double level);

/* ---------------------------------------------------------------------------------------------
 * Statistical process control (Making Data Count XmR)
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Set options to their defaults (no polarity, outlier screening on, no target, all points).
 * @param[out] opts the options.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL (NULL).
 */
CARESTAT_API int carestat_spc_options_init(carestat_spc_options *opts);

/**
 * @brief XmR chart: limits, per-point special-cause rule and variation type, and the overall calls.
 *
 * mean of y; moving ranges MR_i = |y_i - y_(i-1)|, AMR their mean (moving ranges >= 3.267 AMR dropped
 * first when screening); limits mean -/+ 2.66 AMR; 2-sigma lines mean -/+ (2/3)(2.66) AMR. Rules in
 * precedence order: outside the limits; 7-point trend (strict; ties break it); 2 of 3 beyond 2 sigma
 * on the same side; 7 or more on one side of the mean (a point on the mean breaks the run).
 * @param[out] summary limits and overall calls.
 * @param[out] rule per-point #carestat_spc_rule (capacity @p cap; may be NULL).
 * @param[out] point_type per-point #carestat_spc_point_type (capacity @p cap; may be NULL).
 * @param cap capacity of @p rule and @p point_type (>= n when either is given).
 * @param y the series (finite; borrowed).
 * @param n number of points, >= 2.
 * @param opts options (NULL = defaults).
 * @return #CARESTAT_OK; #CARESTAT_EINVAL (NULL, non-finite y, n < 2, bad option or version);
 *         #CARESTAT_EBUFFER (cap < n); #CARESTAT_ENOMEM.
 */
CARESTAT_API int carestat_spc_xmr(carestat_spc_summary *summary, int *rule, int *point_type, size_t cap,
                                  const double *y, size_t n, const carestat_spc_options *opts);

/* ---------------------------------------------------------------------------------------------
 * Rounding and disclosure control
 * ------------------------------------------------------------------------------------------- */

/**
 * @brief Exact half-up rounding of num * scale / den on integers (46 * 100 / 80 = 57.5 -> 58).
 * @param[out] out the rounded integer.
 * @param num numerator (>= 0).
 * @param den denominator (> 0).
 * @param scale multiplier (>= 1), e.g. 100 for a whole percentage, 1000 for one decimal.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL (negative, zero denominator) or #CARESTAT_ERANGE (overflow).
 */
CARESTAT_API int carestat_round_half_up_ratio(int64_t *out, int64_t num, int64_t den, int64_t scale);

/**
 * @brief A percentage from integer counts rounded half-up exactly (46 of 80 = 58; 1 decimal: 57.5).
 * @param[out] out the percentage (the nearest double to the exactly rounded decimal).
 * @param num numerator (>= 0).
 * @param den denominator (> 0).
 * @param decimals decimal places, 0..6.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE.
 */
CARESTAT_API int carestat_round_half_up_percent(double *out, int64_t num, int64_t den, int decimals);

/**
 * @brief A rate per @p per from integer counts rounded half-up exactly (e.g. 71 per 10,000).
 * @param[out] out the rate.
 * @param num events (>= 0).
 * @param den population (> 0).
 * @param per multiplier (>= 1), e.g. 10000.
 * @param decimals decimal places, 0..6.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE (overflow).
 */
CARESTAT_API int carestat_round_half_up_rate(double *out, int64_t num, int64_t den, int64_t per, int decimals);

/**
 * @brief Half-up rounding of a double to decimals (halves away from zero).
 *
 * A scaled value within 8 machine epsilons (relative) of a half is treated as the half, so 2.675 -> 2.68
 * although 2.675 is stored as 2.67499999....
 * @param[out] out the rounded value.
 * @param value finite value.
 * @param decimals decimal places, 0..9.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE (|value| x 10^decimals >= 2^52).
 */
CARESTAT_API int carestat_round_half_up(double *out, double value, int decimals);

/**
 * @brief Round a count to the nearest multiple of @p base, halves up (DfE: national figures to the nearest 10).
 * @param[out] out the rounded count (83,845 to 10 = 83,850).
 * @param count the count (>= 0).
 * @param base the base (>= 1), e.g. 5 or 10.
 * @return #CARESTAT_OK, #CARESTAT_EINVAL or #CARESTAT_ERANGE (overflow).
 */
CARESTAT_API int carestat_round_to_nearest(int64_t *out, int64_t count, int64_t base);

/**
 * @brief Disclosure control for a count: flags "c" (CARESTAT_FLAG_SUPPRESSED of table.h) when it is below a threshold.
 *
 * A count is suppressed when count < threshold and (count > 0 or @p suppress_zero).
 * @param[out] flags receives #CARESTAT_FLAG_SUPPRESSED (value 1) or 0.
 * @param count the count (>= 0).
 * @param threshold smallest count that can be shown (e.g. 6 to suppress 1 to 5).
 * @param suppress_zero 1 to suppress zero counts too, 0 to show zeros.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_suppress(uint32_t *flags, double count, double threshold, int suppress_zero);

/**
 * @brief Disclosure control for a value derived from two counts (a percentage or rate): suppressed
 * when either count would be (carestat_suppress()), or when the complement n - x would be (secondary
 * disclosure of a proportion) if @p check_complement is set.
 * @param[out] flags receives #CARESTAT_FLAG_SUPPRESSED or 0.
 * @param numerator numerator count (>= 0).
 * @param denominator denominator count (>= 0).
 * @param threshold smallest count that can be shown.
 * @param suppress_zero as carestat_suppress().
 * @param check_complement 1 to also test denominator - numerator (proportions), 0 not to.
 * @return #CARESTAT_OK or #CARESTAT_EINVAL.
 */
CARESTAT_API int carestat_suppress_derived(uint32_t *flags, double numerator, double denominator, double threshold,
                                           int suppress_zero, int check_complement);

/* ---------------------------------------------------------------------------------------------
 * Texts of the enumerations (static strings, never NULL; "" for an unknown code)
 * ------------------------------------------------------------------------------------------- */

/** @brief Text of a #carestat_ci_method ("Wilson", "Exact", "Byars", ...). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_ci_method_text(int code);
/** @brief Text of a #carestat_relation ("Lower", "Similar", "Higher", "Not compared"). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_relation_text(int code);
/** @brief Text of a #carestat_judgement ("Better", "Similar", "Worse", ...). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_judgement_text(int code);
/** @brief Text of a #carestat_funnel_sig ("High (0.001)", ...). @param code the code. @return static text. */
CARESTAT_API const char *carestat_funnel_sig_text(int code);
/** @brief Text of a #carestat_trend_marker ("Increasing", "Decreasing", "No significant change",
 *  "Cannot be calculated"). @param code the code. @return static text. */
CARESTAT_API const char *carestat_trend_marker_text(int code);
/** @brief Text of a #carestat_trend_label ("Increasing and getting better", ...). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_trend_label_text(int code);
/** @brief Text of a #carestat_trend_reason ("No outliers and significant trend", ...). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_trend_reason_text(int code);
/** @brief Text of a #carestat_change_method. @param code the code. @return static text. */
CARESTAT_API const char *carestat_change_method_text(int code);
/** @brief Text of a #carestat_spc_rule ("Above UCL", "7 Point Trend (Increasing)", ...). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_spc_rule_text(int code);
/** @brief Text of a #carestat_spc_point_type ("special_cause_improvement", ...). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_spc_point_type_text(int code);
/** @brief Text of a #carestat_spc_assurance ("consistent_pass", ...). @param code the code. @return static text. */
CARESTAT_API const char *carestat_spc_assurance_text(int code);
/** @brief Text of a #carestat_polarity ("none", "higher is better", "lower is better"). @param code the code.
 *  @return static text. */
CARESTAT_API const char *carestat_polarity_text(int code);

#ifdef __cplusplus
}
#endif

/** @} */
#endif
