/* Recent trend (Fingertips TrendMarkerCalculator / PHE-TM assign_trend_markers) and the change between
 * two periods (two-proportion z-test, exact conditional test for two Poisson rates). See stats.h. */
#include <math.h>

#include "carestat/stats.h"
#include "stats/stats_internal.h"

#define TREND_POINTS 5

int carestat_trend_label_for(int marker, int polarity)
{
    if (polarity != CARESTAT_POLARITY_NONE && polarity != CARESTAT_POLARITY_HIGHER_BETTER &&
        polarity != CARESTAT_POLARITY_LOWER_BETTER)
        return CARESTAT_EINVAL;
    switch (marker) {
    case CARESTAT_TREND_CANNOT_BE_CALCULATED: return CARESTAT_TREND_LABEL_CANNOT_BE_CALCULATED;
    case CARESTAT_TREND_NO_CHANGE: return CARESTAT_TREND_LABEL_NO_SIGNIFICANT_CHANGE;
    case CARESTAT_TREND_INCREASING:
        return polarity == CARESTAT_POLARITY_NONE            ? CARESTAT_TREND_LABEL_INCREASING
               : polarity == CARESTAT_POLARITY_HIGHER_BETTER ? CARESTAT_TREND_LABEL_INCREASING_BETTER
                                                             : CARESTAT_TREND_LABEL_INCREASING_WORSE;
    case CARESTAT_TREND_DECREASING:
        return polarity == CARESTAT_POLARITY_NONE            ? CARESTAT_TREND_LABEL_DECREASING
               : polarity == CARESTAT_POLARITY_HIGHER_BETTER ? CARESTAT_TREND_LABEL_DECREASING_WORSE
                                                             : CARESTAT_TREND_LABEL_DECREASING_BETTER;
    default: return CARESTAT_EINVAL;
    }
}

/* Weighted least-squares slope of y on t with weights w, leaving out index skip (-1: none).
 * S1 = sum w, S2 = sum w y t, S3 = sum w t, S4 = sum w y, S5 = sum w t^2 (Fingertips). */
static void wls(const double *t, const double *y, const double *w, int skip, double *slope, double *se)
{
    double s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0;
    for (int i = 0; i < TREND_POINTS; i++) {
        if (i == skip) continue;
        s1 += w[i];
        s2 += w[i] * y[i] * t[i];
        s3 += w[i] * t[i];
        s4 += w[i] * y[i];
        s5 += w[i] * t[i] * t[i];
    }
    double den = s1 * s5 - s3 * s3;
    *slope = (s1 * s2 - s3 * s4) / den;
    if (se) *se = sqrt(s1 / den);
}

/* centred OLS slope (unit weights), leaving out skip */
static double ols(const double *t, const double *y, int skip)
{
    double mt = 0, my = 0, k = 0;
    for (int i = 0; i < TREND_POINTS; i++) {
        if (i == skip) continue;
        mt += t[i];
        my += y[i];
        k += 1;
    }
    mt /= k;
    my /= k;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < TREND_POINTS; i++) {
        if (i == skip) continue;
        sxy += (t[i] - mt) * (y[i] - my);
        sxx += (t[i] - mt) * (t[i] - mt);
    }
    return sxy / sxx;
}

static void finish(carestat_trend_result *out, int marker, int reason, int polarity)
{
    out->marker = marker;
    out->reason = reason;
    out->label = carestat_trend_label_for(marker, polarity);
}

int carestat_recent_trend(carestat_trend_result *out, int kind, const double *t, const double *count,
                          const double *denominator, const double *value, const double *lower,
                          const double *upper, size_t n, int polarity, double level)
{
    int rc = cs_check_level(level);
    if (rc) return rc;
    return carestat_recent_trend_z(out, kind, t, count, denominator, value, lower, upper, n, polarity,
                                   cs_qnorm(level + (1.0 - level) / 2.0));
}

int carestat_recent_trend_z(carestat_trend_result *out, int kind, const double *t, const double *count,
                            const double *denominator, const double *value, const double *lower,
                            const double *upper, size_t n, int polarity, double z)
{
    if (!out || (!t && n > 0)) return CARESTAT_EINVAL;
    if (kind == CARESTAT_TREND_PROPORTION) {
        if (n > 0 && (!count || !denominator)) return CARESTAT_EINVAL;
    } else if (kind == CARESTAT_TREND_WEIGHTED) {
        if (n > 0 && (!value || !lower || !upper)) return CARESTAT_EINVAL;
    } else {
        return CARESTAT_EINVAL;
    }
    if (polarity != CARESTAT_POLARITY_NONE && polarity != CARESTAT_POLARITY_HIGHER_BETTER &&
        polarity != CARESTAT_POLARITY_LOWER_BETTER)
        return CARESTAT_EINVAL;
    if (!cs_finite(z) || !(z > 0.0)) return CARESTAT_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!cs_finite(t[i])) return CARESTAT_EINVAL;

    carestat_trend_result r;
    r.chi2 = NAN;
    r.slope = NAN;
    r.points = n;
    if (n < TREND_POINTS) {
        finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_TOO_FEW_POINTS, polarity);
        *out = r;
        return CARESTAT_OK;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (t[i] == t[j]) {
                finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_DUPLICATE_TIMES, polarity);
                *out = r;
                return CARESTAT_OK;
            }
    /* the 5 points with the largest t, in ascending order of t */
    size_t idx[TREND_POINTS];
    double bound = INFINITY;
    for (int k = TREND_POINTS - 1; k >= 0; k--) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (t[i] < bound && (best == n || t[i] > t[best])) best = i;
        idx[k] = best;
        bound = t[best];
    }
    r.points = TREND_POINTS;
    double tt[TREND_POINTS], y[TREND_POINTS], w[TREND_POINTS];
    for (int k = 0; k < TREND_POINTS; k++) tt[k] = t[idx[k]];

    if (kind == CARESTAT_TREND_PROPORTION) {
        for (int k = 0; k < TREND_POINTS; k++)
            if (isnan(count[idx[k]]) || isnan(denominator[idx[k]])) {
                finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_MISSING_VALUES, polarity);
                *out = r;
                return CARESTAT_OK;
            }
        double xs[TREND_POINTS], ns[TREND_POINTS];
        int degenerate = 0;
        for (int k = 0; k < TREND_POINTS; k++) {
            xs[k] = count[idx[k]];
            ns[k] = denominator[idx[k]];
            if (!cs_finite(xs[k]) || !cs_finite(ns[k]) || xs[k] < 0.0 || !(ns[k] > 0.0) || xs[k] > ns[k])
                return CARESTAT_EINVAL;
            if (xs[k] == 0.0 || xs[k] == ns[k]) degenerate = 1;
        }
        if (degenerate) {
            finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_DEGENERATE, polarity);
            *out = r;
            return CARESTAT_OK;
        }
        /* Cochran-Armitage: chi2 = N (N sum x t - X sum n t)^2 / (X (N - X) (N sum n t^2 - (sum n t)^2)) */
        double N = 0, X = 0, sxt = 0, snt = 0, snt2 = 0;
        for (int k = 0; k < TREND_POINTS; k++) {
            N += ns[k];
            X += xs[k];
            sxt += xs[k] * tt[k];
            snt += ns[k] * tt[k];
            snt2 += ns[k] * tt[k] * tt[k];
        }
        double num = N * sxt - X * snt;
        double den = X * (N - X) * (N * snt2 - snt * snt);
        if (!(den > 0.0)) {
            finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_DEGENERATE, polarity);
            *out = r;
            return CARESTAT_OK;
        }
        r.chi2 = N * num * num / den;
        for (int k = 0; k < TREND_POINTS; k++) y[k] = log(xs[k] / (ns[k] - xs[k]));
        r.slope = ols(tt, y, -1);
    } else {
        for (int k = 0; k < TREND_POINTS; k++)
            if (isnan(value[idx[k]])) {
                finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_MISSING_VALUES, polarity);
                *out = r;
                return CARESTAT_OK;
            }
        for (int k = 0; k < TREND_POINTS; k++)
            if (isnan(lower[idx[k]]) || isnan(upper[idx[k]])) {
                finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_MISSING_CI, polarity);
                *out = r;
                return CARESTAT_OK;
            }
        for (int k = 0; k < TREND_POINTS; k++) {
            double v = value[idx[k]], lo = lower[idx[k]], hi = upper[idx[k]];
            if (!cs_finite(v) || !cs_finite(lo) || !cs_finite(hi)) return CARESTAT_EINVAL;
            if (!(hi > lo)) {
                finish(&r, CARESTAT_TREND_CANNOT_BE_CALCULATED, CARESTAT_TREND_REASON_DEGENERATE, polarity);
                *out = r;
                return CARESTAT_OK;
            }
            double se = (hi - lo) / (2.0 * z);
            y[k] = v;
            w[k] = 1.0 / (se * se);
        }
        double se_b;
        wls(tt, y, w, -1, &r.slope, &se_b);
        r.chi2 = (r.slope / se_b) * (r.slope / se_b);
    }
    double crit = 2.0 * cs_gamma_quantile(0.5, 0.998, 0); /* qchisq(0.998, 1) = 9.5495... */
    if (!(r.chi2 > crit)) {
        finish(&r, CARESTAT_TREND_NO_CHANGE, CARESTAT_TREND_REASON_NOT_SIGNIFICANT, polarity);
        *out = r;
        return CARESTAT_OK;
    }
    /* drop-one robustness: all six slopes share a sign (0 counts as positive) */
    int positive = r.slope >= 0.0;
    for (int skip = 0; skip < TREND_POINTS; skip++) {
        double b;
        if (kind == CARESTAT_TREND_PROPORTION) {
            b = ols(tt, y, skip);
        } else {
            wls(tt, y, w, skip, &b, NULL);
        }
        if ((b >= 0.0) != positive) {
            finish(&r, CARESTAT_TREND_NO_CHANGE, CARESTAT_TREND_REASON_OUTLIER, polarity);
            *out = r;
            return CARESTAT_OK;
        }
    }
    int marker = r.slope > 0.0   ? CARESTAT_TREND_INCREASING
                 : r.slope < 0.0 ? CARESTAT_TREND_DECREASING
                                 : CARESTAT_TREND_NO_CHANGE;
    finish(&r, marker,
           marker == CARESTAT_TREND_NO_CHANGE ? CARESTAT_TREND_REASON_NOT_SIGNIFICANT
                                              : CARESTAT_TREND_REASON_SIGNIFICANT,
           polarity);
    *out = r;
    return CARESTAT_OK;
}

/* log of the Binomial(N, pi) probability of k */
static double binom_logpmf(double k, double N, double lpi, double l1pi)
{
    return cs_lgamma(N + 1.0) - cs_lgamma(k + 1.0) - cs_lgamma(N - k + 1.0) + k * lpi + (N - k) * l1pi;
}

int carestat_change_test(carestat_change_result *out, int kind, double x1, double n1, double x2, double n2,
                         double multiplier, double level)
{
    if (!out) return CARESTAT_EINVAL;
    if (!cs_finite(x1) || !cs_finite(n1) || !cs_finite(x2) || !cs_finite(n2) || !cs_finite(multiplier))
        return CARESTAT_EINVAL;
    if (x1 < 0.0 || x2 < 0.0 || !(n1 > 0.0) || !(n2 > 0.0) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    if (kind != CARESTAT_CHANGE_PROPORTION && kind != CARESTAT_CHANGE_RATE) return CARESTAT_EINVAL;
    if (kind == CARESTAT_CHANGE_PROPORTION && (x1 > n1 || x2 > n2)) return CARESTAT_EINVAL;
    if (kind == CARESTAT_CHANGE_RATE && (x1 != floor(x1) || x2 != floor(x2) || x1 + x2 > 1e9))
        return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;

    carestat_change_result r;
    r.value1 = x1 / n1 * multiplier;
    r.value2 = x2 / n2 * multiplier;
    r.difference = r.value2 - r.value1;
    r.ratio = r.value1 == 0.0 ? NAN : r.value2 / r.value1;
    if (kind == CARESTAT_CHANGE_PROPORTION) {
        double p = (x1 + x2) / (n1 + n2);
        double var = p * (1.0 - p) * (1.0 / n1 + 1.0 / n2);
        if (!(var > 0.0)) return CARESTAT_EUNSUPPORTED;
        double z = (x2 / n2 - x1 / n1) / sqrt(var);
        r.statistic = z;
        r.p_value = erfc(fabs(z) / sqrt(2.0));
        r.method = CARESTAT_CHANGE_TWO_PROPORTION_Z;
    } else {
        double N = x1 + x2;
        r.statistic = x2;
        r.method = CARESTAT_CHANGE_CONDITIONAL_POISSON;
        if (N == 0.0) {
            r.p_value = 1.0;
        } else {
            double pi = n2 / (n1 + n2);
            double lpi = log(pi), l1pi = log1p(-pi);
            double dobs = binom_logpmf(x2, N, lpi, l1pi);
            double mean = N * pi, sd = sqrt(N * pi * (1.0 - pi));
            double lo = floor(fmin(x2, mean - 40.0 * sd - 1.0));
            double hi = ceil(fmax(x2, mean + 40.0 * sd + 1.0));
            if (lo < 0.0) lo = 0.0;
            if (hi > N) hi = N;
            /* R binom.test: sum the probabilities not above d(x2) (1 + 1e-7) */
            double lim = dobs + log1p(1e-7);
            double pv = 0.0;
            for (double k = lo; k <= hi; k += 1.0) {
                double lp = binom_logpmf(k, N, lpi, l1pi);
                if (lp <= lim) pv += exp(lp);
            }
            r.p_value = pv > 1.0 ? 1.0 : pv;
        }
    }
    r.significant = r.p_value < 1.0 - level ? 1 : 0;
    r.relation = !r.significant ? CARESTAT_RELATION_SIMILAR
                 : r.value2 > r.value1 ? CARESTAT_RELATION_HIGHER
                                       : CARESTAT_RELATION_LOWER;
    *out = r;
    return CARESTAT_OK;
}
