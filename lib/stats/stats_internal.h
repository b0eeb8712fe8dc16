/* Private helpers of the statistics module (lib/stats). Not part of the public API. */
#ifndef CARESTAT_STATS_INTERNAL_H
#define CARESTAT_STATS_INTERNAL_H

#include <stddef.h>

/* ---- distributions (distrib.c) ---- */

/* log Gamma(x) for x > 0 (Stirling series with upward shift; no global state, unlike lgamma). */
double cs_lgamma(double x);
/* Regularised incomplete gamma: *p = P(a, x), *q = Q(a, x) = 1 - P; a > 0, x >= 0. */
void cs_gamma_pq(double a, double x, double *p, double *q);
/* Gamma(a, 1) quantile: the y with P(a, y) = p when !upper, Q(a, y) = p when upper. a > 0, p in (0, 1). */
double cs_gamma_quantile(double a, double p, int upper);
/* Regularised incomplete beta I_x(a, b); a, b > 0, x in [0, 1]. */
double cs_beta_inc(double a, double b, double x);
/* Student t CDF P(T <= t) with df > 0. */
double cs_t_cdf(double t, double df);
/* Standard normal quantile (AS 241) without argument checks; p in (0, 1). */
double cs_qnorm(double p);
/* Standard normal upper tail Q(x) = 1 - Phi(x) without cancellation. */
double cs_pnorm_upper(double x);
/* Exact Poisson limit by the PHE/Fingertips bisection (side 0 = low, 1 = high). */
double cs_poisson_bisect(double obs, double p, int side);
/* Byar's limits for a count x > 0 at critical value z. */
double cs_byars_lower(double x, double z);
double cs_byars_upper(double x, double z);

/* Check a confidence level: returns 0, CARESTAT_EINVAL (NaN) or CARESTAT_ERANGE (outside [0.9, 1)). */
int cs_check_level(double level);
/* 1 when v is finite. */
int cs_finite(double v);

/* ---- SPC rule helpers (spc.c), exposed for the unit tests of the NHSRplotthedots rule cases ---- */

/* v: +1 above the mean, -1 below, 0 on it. out[i] = 1 when point i is the 7th or later point of a run of
 * equal nonzero v, else 0 (PTD seven_point_one_side_mean). */
void cs_spc_seven_point_one_side(int *out, const int *v, size_t n);
/* out[i] = 1 when one of marks[i..i+6] is nonzero: every point of the 7 ending at a marked point
 * (PTD part_of_seven_trend). */
void cs_spc_part_of_seven(int *out, const int *marks, size_t n);
/* out[i] = +1/-1 when point i ends 7 consecutive strictly increasing/decreasing points (6 successive
 * differences of one sign; a tie breaks the run), else 0 (PTD seven_point_trend). */
void cs_spc_seven_point_trend(int *out, const double *y, size_t n);
/* close: 1 when a point is close to the limits; side: +1/-1/0 relative to the mean. out[j] = 1 for every j
 * of a window of 3 consecutive points holding >= 2 close points and all on the same nonzero side (PTD two_in_three). */
void cs_spc_two_in_three(int *out, const int *close, const int *side, size_t n);
/* out[i] = two[i] && close[i] (PTD part_of_two_in_three). */
void cs_spc_part_of_two_in_three(int *out, const int *two, const int *close, size_t n);

#endif
