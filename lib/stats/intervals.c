/* Confidence intervals: Wilson proportions, exact/Byar's Poisson rates, Student t means, Dobson DSRs,
 * indirectly standardised ratios and rates (PHEindicatormethods v2.1.0 formulae, see stats.h). */
#include <math.h>

#include "carestat/stats.h"
#include "stats/stats_internal.h"

static double z_of(double level)
{
    return cs_qnorm(level + (1.0 - level) / 2.0);
}

int carestat_proportion_ci(double *value, double *lower, double *upper, double x, double n, double multiplier,
                           double level)
{
    if (!cs_finite(x) || !cs_finite(n) || !cs_finite(multiplier)) return CARESTAT_EINVAL;
    if (x < 0.0 || !(n > 0.0) || x > n || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;
    double z = z_of(level);
    double z2 = z * z;
    double root = z * sqrt(z2 + 4.0 * x * (1.0 - x / n));
    double den = 2.0 * (n + z2);
    if (value) *value = x / n * multiplier;
    if (lower) *lower = (2.0 * x + z2 - root) / den * multiplier;
    if (upper) *upper = (2.0 * x + z2 + root) / den * multiplier;
    return CARESTAT_OK;
}

int carestat_exact_poisson_ci(double *lower, double *upper, double x, double level)
{
    if (!cs_finite(x) || x < 0.0) return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;
    double alpha = 1.0 - level;
    if (lower) *lower = x == 0.0 ? 0.0 : cs_gamma_quantile(x, alpha / 2.0, 0);
    if (upper) *upper = cs_gamma_quantile(x + 1.0, level + alpha / 2.0, 0);
    return CARESTAT_OK;
}

int carestat_byars_ci(double *lower, double *upper, double x, double level)
{
    if (!cs_finite(x) || !(x > 0.0)) return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;
    double z = z_of(level);
    if (lower) {
        double l = cs_byars_lower(x, z);
        *lower = l < 0.0 ? 0.0 : l;
    }
    if (upper) *upper = cs_byars_upper(x, z);
    return CARESTAT_OK;
}

int carestat_poisson_ci(double *lower, double *upper, int *method, double x, double level)
{
    if (!cs_finite(x) || x < 0.0) return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;
    if (x < 10.0) {
        rc = carestat_exact_poisson_ci(lower, upper, x, level);
        if (rc == 0 && method) *method = CARESTAT_CI_EXACT;
    } else {
        rc = carestat_byars_ci(lower, upper, x, level);
        if (rc == 0 && method) *method = CARESTAT_CI_BYARS;
    }
    return rc;
}

int carestat_rate_ci(double *value, double *lower, double *upper, int *method, double x, double denominator,
                     double multiplier, double level)
{
    if (!cs_finite(x) || !cs_finite(denominator) || !cs_finite(multiplier)) return CARESTAT_EINVAL;
    if (x < 0.0 || !(denominator > 0.0) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    double lo, hi;
    int m;
    int rc = carestat_poisson_ci(&lo, &hi, &m, x, level);
    if (rc) return rc;
    if (value) *value = x / denominator * multiplier;
    if (lower) *lower = lo / denominator * multiplier;
    if (upper) *upper = hi / denominator * multiplier;
    if (method) *method = m;
    return CARESTAT_OK;
}

int carestat_mean_ci(double *value, double *lower, double *upper, double *sd, const double *values, size_t count,
                     double level)
{
    if (!values || count < 2) return CARESTAT_EINVAL;
    for (size_t i = 0; i < count; i++)
        if (!cs_finite(values[i])) return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;
    /* two-pass mean and variance */
    double sum = 0.0;
    for (size_t i = 0; i < count; i++) sum += values[i];
    double mean = sum / (double)count;
    double ss = 0.0;
    for (size_t i = 0; i < count; i++) {
        double d = values[i] - mean;
        ss += d * d;
    }
    double s = sqrt(ss / (double)(count - 1));
    double t;
    rc = carestat_t_quantile(&t, (1.0 - level) / 2.0, (double)(count - 1));
    if (rc) return rc;
    double half = fabs(t) * s / sqrt((double)count);
    if (value) *value = mean;
    if (lower) *lower = mean - half;
    if (upper) *upper = mean + half;
    if (sd) *sd = s;
    return CARESTAT_OK;
}

/* Dobson limits: DSR + sqrt(var/O) (Byars(O) - O) * multiplier; value and var are unscaled. */
static void dobson(double *lower, double *upper, double dsr, double var, double obs, double multiplier,
                   double level)
{
    double z = z_of(level);
    double f = sqrt(var / obs);
    if (lower) *lower = (dsr + f * (cs_byars_lower(obs, z) - obs)) * multiplier;
    if (upper) *upper = (dsr + f * (cs_byars_upper(obs, z) - obs)) * multiplier;
}

int carestat_dsr(double *value, double *lower, double *upper, const double *x, const double *n,
                 const double *stdpop, size_t count, double multiplier, double level)
{
    if (!x || !n || !stdpop || count == 0 || !cs_finite(multiplier) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    double obs = 0.0, wsum = 0.0, num = 0.0, var = 0.0;
    for (size_t i = 0; i < count; i++) {
        if (!cs_finite(x[i]) || !cs_finite(n[i]) || !cs_finite(stdpop[i])) return CARESTAT_EINVAL;
        if (x[i] < 0.0 || !(n[i] > 0.0) || stdpop[i] < 0.0) return CARESTAT_EINVAL;
        double r = stdpop[i] / n[i];
        obs += x[i];
        wsum += stdpop[i];
        num += x[i] * r;
        var += x[i] * r * r;
    }
    if (!(wsum > 0.0)) return CARESTAT_EINVAL;
    int rc = cs_check_level(level);
    if (rc) return rc;
    if (obs < 10.0) return CARESTAT_EUNSUPPORTED;
    double dsr = num / wsum;
    var /= wsum * wsum;
    if (value) *value = dsr * multiplier;
    dobson(lower, upper, dsr, var, obs, multiplier, level);
    return CARESTAT_OK;
}

int carestat_dsr_nonindependent(double *value, double *lower, double *upper, const size_t *band, const double *freq,
                                const double *persons, size_t nrecords, const double *n, const double *stdpop,
                                size_t nbands, double multiplier, double level)
{
    if (!band || !freq || !persons || !n || !stdpop || nbands == 0 || nrecords == 0) return CARESTAT_EINVAL;
    if (!cs_finite(multiplier) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    double wsum = 0.0;
    for (size_t b = 0; b < nbands; b++) {
        if (!cs_finite(n[b]) || !cs_finite(stdpop[b]) || !(n[b] > 0.0) || stdpop[b] < 0.0) return CARESTAT_EINVAL;
        wsum += stdpop[b];
    }
    if (!(wsum > 0.0)) return CARESTAT_EINVAL;
    for (size_t i = 0; i < nrecords; i++) {
        if (band[i] >= nbands || !cs_finite(freq[i]) || !cs_finite(persons[i]) || freq[i] < 0.0 || persons[i] < 0.0)
            return CARESTAT_EINVAL;
    }
    int rc = cs_check_level(level);
    if (rc) return rc;
    /* events and the DSR numerator: x_i = sum_f f persons_{i,f} */
    double obs = 0.0, num = 0.0, var = 0.0;
    for (size_t i = 0; i < nrecords; i++) {
        double r = stdpop[band[i]] / n[band[i]];
        double ev = freq[i] * persons[i];
        obs += ev;
        num += ev * r;
        /* var = sum_f f^2 var_f, var_f = sum_i persons_{i,f} r_i^2 / wsum^2: summing per record is the same */
        var += freq[i] * freq[i] * persons[i] * r * r;
    }
    if (obs < 10.0) return CARESTAT_EUNSUPPORTED;
    double dsr = num / wsum;
    var /= wsum * wsum;
    if (value) *value = dsr * multiplier;
    dobson(lower, upper, dsr, var, obs, multiplier, level);
    return CARESTAT_OK;
}

int carestat_isr_expected(double *expected, const double *n, const double *xref, const double *nref, size_t count)
{
    if (!expected || !n || !xref || !nref || count == 0) return CARESTAT_EINVAL;
    double e = 0.0;
    for (size_t i = 0; i < count; i++) {
        if (!cs_finite(n[i]) || !cs_finite(xref[i]) || !cs_finite(nref[i])) return CARESTAT_EINVAL;
        if (n[i] < 0.0 || xref[i] < 0.0 || nref[i] < 0.0) return CARESTAT_EINVAL;
        if (nref[i] == 0.0) {
            if (xref[i] != 0.0) return CARESTAT_EINVAL;
            continue;
        }
        e += xref[i] / nref[i] * n[i];
    }
    *expected = e;
    return CARESTAT_OK;
}

int carestat_isr_reference_rate(double *out, const double *xref, const double *nref, size_t count, double multiplier)
{
    if (!out || !xref || !nref || count == 0 || !cs_finite(multiplier) || !(multiplier > 0.0)) return CARESTAT_EINVAL;
    double xs = 0.0, ns = 0.0;
    for (size_t i = 0; i < count; i++) {
        if (!cs_finite(xref[i]) || !cs_finite(nref[i]) || xref[i] < 0.0 || nref[i] < 0.0) return CARESTAT_EINVAL;
        xs += xref[i];
        ns += nref[i];
    }
    if (!(ns > 0.0)) return CARESTAT_EINVAL;
    *out = xs / ns * multiplier;
    return CARESTAT_OK;
}

int carestat_isr(double *value, double *lower, double *upper, int *method, double observed, double expected,
                 double scale, double level)
{
    if (!cs_finite(observed) || !cs_finite(expected) || !cs_finite(scale)) return CARESTAT_EINVAL;
    if (observed < 0.0 || !(expected > 0.0) || !(scale > 0.0)) return CARESTAT_EINVAL;
    double lo, hi;
    int m;
    int rc = carestat_poisson_ci(&lo, &hi, &m, observed, level);
    if (rc) return rc;
    if (value) *value = observed / expected * scale;
    if (lower) *lower = lo / expected * scale;
    if (upper) *upper = hi / expected * scale;
    if (method) *method = m;
    return CARESTAT_OK;
}
