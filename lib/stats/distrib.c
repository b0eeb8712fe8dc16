/* Distributions for the statistics module: normal quantile (Wichura AS 241), log-gamma, regularised
 * incomplete gamma and beta, chi-square and Student t quantiles, PHE's Poisson bisection.
 * Only libm is used. Written from the published formulae (references beside each function). */
#include <float.h>
#include <math.h>

#include "carestat/stats.h"
#include "stats/stats_internal.h"

int cs_finite(double v)
{
    return isfinite(v) ? 1 : 0;
}

int cs_check_level(double level)
{
    if (isnan(level)) return CARESTAT_EINVAL;
    if (!(level >= 0.9 && level < 1.0)) return CARESTAT_ERANGE;
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Normal distribution
 * ------------------------------------------------------------------------------------------- */

/* Rational function num(r)/den(r) with 8 coefficients each, highest power last (Horner). */
static double ratio8(const double *num, const double *den, double r)
{
    double n = num[7], d = den[7];
    for (int i = 6; i >= 0; i--) {
        n = n * r + num[i];
        d = d * r + den[i];
    }
    return n / d;
}

/* Wichura, M. J. (1988) Algorithm AS 241: The percentage points of the normal distribution.
 * Applied Statistics 37(3), 477-484. PPND16 coefficients (accurate to about 1 part in 10^16). */
double cs_qnorm(double p)
{
    static const double a[8] = {3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
                                1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                3.3430575583588128105e+4, 2.5090809287301226727e+3};
    static const double b[8] = {1.0,
                                4.2313330701600911252e+1,
                                6.8718700749205790830e+2,
                                5.3941960214247511077e+3,
                                2.1213794301586595867e+4,
                                3.9307895800092710610e+4,
                                2.8729085735721942674e+4,
                                5.2264952788528545610e+3};
    static const double c[8] = {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
                                3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
                                2.27238449892691845833e-2, 7.74545014278341407640e-4};
    static const double d[8] = {1.0,
                                2.05319162663775882187e0,
                                1.67638483018380384940e0,
                                6.89767334985100004550e-1,
                                1.48103976427480074590e-1,
                                1.51986665636164571966e-2,
                                5.47593808499534494600e-4,
                                1.05075007164441684324e-9};
    static const double e[8] = {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
                                2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                2.71155556874348757815e-5, 2.01033439929228813265e-7};
    static const double f[8] = {1.0,
                                5.99832206555887937690e-1,
                                1.36929880922735805310e-1,
                                1.48753612908506148525e-2,
                                7.86869131145613259100e-4,
                                1.84631831751005468180e-5,
                                1.42151175831644588870e-7,
                                2.04426310338993978564e-15};
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * ratio8(a, b, r);
    }
    double r = q < 0 ? p : 1.0 - p;
    r = sqrt(-log(r));
    double val;
    if (r <= 5.0) {
        val = ratio8(c, d, r - 1.6);
    } else {
        val = ratio8(e, f, r - 5.0);
    }
    return q < 0 ? -val : val;
}

double cs_pnorm_upper(double x)
{
    return 0.5 * erfc(x / sqrt(2.0));
}

int carestat_normal_quantile(double *out, double p)
{
    if (!out || isnan(p)) return CARESTAT_EINVAL;
    if (!(p > 0.0 && p < 1.0)) return CARESTAT_ERANGE;
    *out = cs_qnorm(p);
    return CARESTAT_OK;
}

int carestat_normal_cdf(double *out, double x)
{
    if (!out || !isfinite(x)) return CARESTAT_EINVAL;
    *out = 0.5 * erfc(-x / sqrt(2.0));
    return CARESTAT_OK;
}

int carestat_z_for_level(double *out, double level)
{
    if (!out || isnan(level)) return CARESTAT_EINVAL;
    if (!(level > 0.0 && level < 1.0)) return CARESTAT_ERANGE;
    *out = cs_qnorm(level + (1.0 - level) / 2.0);
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Gamma function and incomplete gamma
 * ------------------------------------------------------------------------------------------- */

/* log Gamma(x), x > 0: Stirling's series (Abramowitz & Stegun 6.1.40) for x >= 15, with the
 * recurrence Gamma(x) = Gamma(x + k)/(x (x+1) ... (x+k-1)) below. Absolute error ~1e-15 relative to
 * the size of the result; thread-safe (libm lgamma writes the global signgam). */
double cs_lgamma(double x)
{
    double shift = 0.0;
    if (x < 15.0) {
        double prod = 1.0;
        while (x < 15.0) {
            prod *= x;
            x += 1.0;
        }
        shift = log(prod);
    }
    double x2 = 1.0 / (x * x);
    /* Bernoulli terms B_2k / (2k (2k-1) x^(2k-1)) */
    double series =
        (1.0 / 12.0 +
         x2 * (-1.0 / 360.0 +
               x2 * (1.0 / 1260.0 + x2 * (-1.0 / 1680.0 + x2 * (1.0 / 1188.0 + x2 * (-691.0 / 360360.0 +
                                                                                      x2 * (1.0 / 156.0)))))));
    series /= x;
    return (x - 0.5) * log(x) - x + 0.91893853320467274178 /* ln sqrt(2 pi) */ + series - shift;
}

/* t - log1p(t) for |t| <= 0.3 by its power series t^2/2 - t^3/3 + ... */
static double log1pmx(double t)
{
    double term = t, sum = 0.0;
    for (int k = 2; k < 200; k++) {
        term *= -t;
        double add = term / k;
        sum += add;
        if (fabs(add) <= 1e-18 * fabs(sum)) break;
    }
    return -sum;
}

/* log(x^a e^-x / Gamma(a)). For large a the terms are arranged so that nothing large cancels:
 * a ln x - x - lgamma(a) = (1/2) ln a - ln sqrt(2 pi) - S(a) - a (y - 1 - ln y), y = x/a. */
static double gamma_log_prefactor(double a, double x)
{
    if (a < 15.0) return a * log(x) - x - cs_lgamma(a);
    double x2 = 1.0 / (a * a);
    double s = (1.0 / 12.0 +
                x2 * (-1.0 / 360.0 +
                      x2 * (1.0 / 1260.0 + x2 * (-1.0 / 1680.0 + x2 * (1.0 / 1188.0 + x2 * (-691.0 / 360360.0 +
                                                                                          x2 * (1.0 / 156.0))))))) /
               a;
    double y = x / a, t = (x - a) / a;
    double dev = fabs(t) <= 0.3 ? log1pmx(t) : y - 1.0 - log(y); /* y - 1 - ln y */
    return 0.5 * log(a) - 0.91893853320467274178 - s - a * dev;
}

/* P(a, x) by its power series (A&S 6.5.29); good for x < a + 1. */
static double gamma_p_series(double a, double x)
{
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < 100000; n++) {
        term *= x / (a + n);
        sum += term;
        if (fabs(term) < fabs(sum) * 1e-17) break;
    }
    return sum * exp(gamma_log_prefactor(a, x));
}

/* Q(a, x) by its continued fraction (A&S 6.5.31), evaluated with the modified Lentz method;
 * good for x >= a + 1. */
static double gamma_q_cf(double a, double x)
{
    const double tiny = 1e-300;
    double b = x + 1.0 - a;
    double c = 1.0 / tiny;
    double d = 1.0 / b;
    double h = d;
    for (int i = 1; i < 100000; i++) {
        double an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if (fabs(d) < tiny) d = tiny;
        c = b + an / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < 1e-17) break;
    }
    return exp(gamma_log_prefactor(a, x)) * h;
}

void cs_gamma_pq(double a, double x, double *p, double *q)
{
    if (x <= 0.0) {
        *p = 0.0;
        *q = 1.0;
        return;
    }
    if (x < a + 1.0) {
        double pv = gamma_p_series(a, x);
        *p = pv;
        *q = 1.0 - pv;
    } else {
        double qv = gamma_q_cf(a, x);
        *q = qv;
        *p = 1.0 - qv;
    }
}

double cs_gamma_quantile(double a, double p, int upper)
{
    /* Work with the smaller tail for precision. */
    if (!upper && p > 0.5) {
        upper = 1;
        p = 1.0 - p;
    } else if (upper && p > 0.5) {
        upper = 0;
        p = 1.0 - p;
    }
    /* Start: Wilson-Hilferty for chi-square with 2a df (A&S 26.4.17), halved. */
    double df = 2.0 * a;
    double z = cs_qnorm(upper ? 1.0 - p : p);
    double h = 2.0 / (9.0 * df);
    double w = 1.0 - h + z * sqrt(h);
    double y = 0.5 * df * w * w * w;
    if (!(y > 0.0) || a < 1.0) {
        /* small a or far lower tail: P(a, y) ~ y^a / Gamma(a + 1) */
        double lp = upper ? log1p(-p) : log(p);
        double y0 = exp((lp + cs_lgamma(a + 1.0)) / a);
        if (!(y > 0.0) || y0 < y) y = y0;
        if (!(y > 0.0)) y = DBL_MIN;
    }
    double lo = 0.0, hi = INFINITY;
    for (int it = 0; it < 500; it++) {
        double pv, qv;
        cs_gamma_pq(a, y, &pv, &qv);
        /* diff > 0 means y is above the root */
        double diff = upper ? p - qv : pv - p;
        if (diff == 0.0) return y;
        if (diff > 0.0) {
            hi = y;
        } else {
            lo = y;
        }
        double dens = exp(gamma_log_prefactor(a, y)) / y;
        double ynew = y - diff / dens;
        if (!(ynew > lo && ynew < hi) || !isfinite(ynew)) {
            ynew = isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * y;
        }
        if (fabs(ynew - y) <= 4.0 * DBL_EPSILON * y) return ynew;
        if (isfinite(hi) && hi - lo <= 2.0 * DBL_EPSILON * hi) return ynew;
        y = ynew;
    }
    return y;
}

int carestat_chisq_cdf(double *out, double x, double df)
{
    if (!out || isnan(x) || isnan(df) || x < 0.0 || !(df > 0.0) || isinf(df)) return CARESTAT_EINVAL;
    if (isinf(x)) {
        *out = 1.0;
        return CARESTAT_OK;
    }
    double p, q;
    cs_gamma_pq(df / 2.0, x / 2.0, &p, &q);
    *out = p;
    return CARESTAT_OK;
}

int carestat_chisq_quantile(double *out, double p, double df)
{
    if (!out || isnan(p) || isnan(df) || df < 0.0 || isinf(df)) return CARESTAT_EINVAL;
    if (!(p >= 0.0 && p < 1.0)) return CARESTAT_ERANGE;
    if (df == 0.0 || p == 0.0) {
        *out = 0.0;
        return CARESTAT_OK;
    }
    *out = 2.0 * cs_gamma_quantile(df / 2.0, p, 0);
    return CARESTAT_OK;
}

int carestat_chisq_critical(double *out, double level)
{
    if (!out || isnan(level)) return CARESTAT_EINVAL;
    if (!(level > 0.0 && level < 1.0)) return CARESTAT_ERANGE;
    *out = 2.0 * cs_gamma_quantile(0.5, level, 0);
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Incomplete beta and Student's t
 * ------------------------------------------------------------------------------------------- */

/* Continued fraction of I_x(a, b) (A&S 26.5.8), modified Lentz. */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0, d = 1.0 - qab * x / qap;
    if (fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < 100000; m++) {
        int m2 = 2 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1.0) < 1e-16) break;
    }
    return h;
}

/* Stirling correction series S(x) of cs_lgamma, x >= 15. */
static double stirling_series(double x)
{
    double x2 = 1.0 / (x * x);
    return (1.0 / 12.0 +
            x2 * (-1.0 / 360.0 +
                  x2 * (1.0 / 1260.0 +
                        x2 * (-1.0 / 1680.0 + x2 * (1.0 / 1188.0 + x2 * (-691.0 / 360360.0 + x2 * (1.0 / 156.0))))))) /
           x;
}

/* log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b). When the larger argument is big, the difference
 * lgamma(big) - lgamma(big + small) is taken from Stirling's series directly
 * (-s ln a - (a + s - 1/2) log1p(s/a) + s + S(a) - S(a + s)), so that no large terms cancel. */
static double lbeta(double a, double b)
{
    double big = a > b ? a : b, small = a > b ? b : a;
    if (big < 15.0) return cs_lgamma(a) + cs_lgamma(b) - cs_lgamma(a + b);
    double diff = -small * log(big) - (big + small - 0.5) * log1p(small / big) + small + stirling_series(big) -
                  stirling_series(big + small);
    return cs_lgamma(small) + diff;
}

/* I_x(a, b) given x, y = 1 - x and their logarithms separately (so that none loses precision). */
static double beta_inc_log(double a, double b, double x, double y, double lx, double ly)
{
    if (x <= 0.0) return 0.0;
    if (y <= 0.0) return 1.0;
    double lfront = a * lx + b * ly - lbeta(a, b);
    if (x < (a + 1.0) / (a + b + 2.0)) return exp(lfront) * beta_cf(a, b, x) / a;
    return 1.0 - exp(lfront) * beta_cf(b, a, y) / b;
}

static double beta_inc2(double a, double b, double x, double y)
{
    if (x <= 0.0) return 0.0;
    if (y <= 0.0) return 1.0;
    return beta_inc_log(a, b, x, y, log(x), log(y));
}

double cs_beta_inc(double a, double b, double x)
{
    return beta_inc2(a, b, x, 1.0 - x);
}

/* Upper tail P(T > t) for t >= 0: I_{df/(df+t^2)}(df/2, 1/2) / 2 (A&S 26.7.1). */
static double t_upper(double t, double df)
{
    double t2 = t * t;
    if (t2 == 0.0) return 0.5;
    double r = t2 / df;
    /* x = 1/(1 + r), y = r/(1 + r); ln x = -log1p(r), ln y = ln r - log1p(r) */
    return 0.5 * beta_inc_log(df / 2.0, 0.5, 1.0 / (1.0 + r), r / (1.0 + r), -log1p(r), log(r) - log1p(r));
}

double cs_t_cdf(double t, double df)
{
    if (t >= 0) return 1.0 - t_upper(t, df);
    return t_upper(-t, df);
}

static double t_density(double t, double df)
{
    /* Gamma((df+1)/2) / Gamma(df/2) / sqrt(pi) = 1 / B(df/2, 1/2) */
    return exp(-lbeta(df / 2.0, 0.5) - 0.5 * log(df) -
               (df + 1.0) / 2.0 * log1p(t * t / df));
}

int carestat_t_quantile(double *out, double p, double df)
{
    if (!out || isnan(p) || isnan(df) || !(df > 0.0)) return CARESTAT_EINVAL;
    if (!(p > 0.0 && p < 1.0)) return CARESTAT_ERANGE;
    if (p == 0.5) {
        *out = 0.0;
        return CARESTAT_OK;
    }
    double tail = p < 0.5 ? p : 1.0 - p; /* find t > 0 with P(T > t) = tail */
    double t = -cs_qnorm(tail);
    double lo = 0.0, hi = INFINITY;
    for (int it = 0; it < 500; it++) {
        double u = t_upper(t, df);
        double diff = tail - u; /* > 0 means t is above the root (upper tail too small) */
        if (diff == 0.0) break;
        if (diff > 0.0) {
            hi = t;
        } else {
            lo = t;
        }
        double tnew = t - diff / t_density(t, df);
        if (!(tnew > lo && tnew < hi) || !isfinite(tnew)) tnew = isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * t + 1.0;
        if (fabs(tnew - t) <= 4.0 * DBL_EPSILON * t) {
            t = tnew;
            break;
        }
        if (isfinite(hi) && hi - lo <= 2.0 * DBL_EPSILON * hi) {
            t = tnew;
            break;
        }
        t = tnew;
    }
    *out = p < 0.5 ? -t : t;
    return CARESTAT_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Poisson limits
 * ------------------------------------------------------------------------------------------- */

double cs_byars_lower(double x, double z)
{
    double c = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * sqrt(x));
    return x * c * c * c;
}

double cs_byars_upper(double x, double z)
{
    double x1 = x + 1.0;
    double c = 1.0 - 1.0 / (9.0 * x1) + z / (3.0 * sqrt(x1));
    return x1 * c * c * c;
}

/* Proportion of Poisson(z) probability on k in [a, b]: the terms z^k/k! relative to k = 0 are summed by
 * recurrence, rescaled by 1e30 when large, until k >= z and the term is below 1e-10 of the total
 * (the PHE poisson_cis / Fingertips PoisP algorithm). */
static double poisson_share(double z, double a, double b)
{
    double q = 1.0, tot = 0.0, s = 0.0, k = 0.0;
    while (k < z || q > tot * 1e-10) {
        tot += q;
        if (k >= a && k <= b) s += q;
        if (tot > 1e30) {
            s /= 1e30;
            tot /= 1e30;
            q /= 1e30;
        }
        k += 1.0;
        q = q * z / k;
    }
    return s / tot;
}

double cs_poisson_bisect(double obs, double p, int side)
{
    double v = 0.5, dv = 0.5;
    while (dv > 1e-7) {
        dv /= 2.0;
        double lambda = (1.0 + obs) * v / (1.0 - v);
        if (side == CARESTAT_POISSON_LOW) {
            if (poisson_share(lambda, obs, 1e10) > p) {
                v -= dv;
            } else {
                v += dv;
            }
        } else {
            if (poisson_share(lambda, 0.0, obs) < p) {
                v -= dv;
            } else {
                v += dv;
            }
        }
    }
    return (1.0 + obs) * v / (1.0 - v);
}

int carestat_poisson_limit_bisect(double *out, double observed, double p, int side)
{
    if (!out || !isfinite(observed) || observed < 0.0 || isnan(p) || !(p > 0.0 && p < 1.0)) return CARESTAT_EINVAL;
    if (side != CARESTAT_POISSON_LOW && side != CARESTAT_POISSON_HIGH) return CARESTAT_EINVAL;
    if (observed > 1e9) return CARESTAT_EINVAL; /* the term-by-term sum would not finish in reasonable time */
    *out = cs_poisson_bisect(observed, p, side);
    return CARESTAT_OK;
}
