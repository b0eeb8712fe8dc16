/* Internal pseudo-random generator for the synthetic data: xoshiro256** (Blackman and Vigna's
 * published algorithm) seeded through splitmix64, plus the few distributions the generator draws from.
 * Deterministic on every platform: only integer arithmetic and libm's exp/log/sqrt/cos. */
#ifndef CS_SYNTH_RNG_H
#define CS_SYNTH_RNG_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cs_rng {
    uint64_t s[4];
} cs_rng;

static inline uint64_t cs_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Seed from a seed and a stream number (e.g. the council index), so streams are independent. */
static inline void cs_rng_seed(cs_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull);
    for (int i = 0; i < 4; i++) r->s[i] = cs_splitmix64(&x);
}

static inline uint64_t cs_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t cs_rng_next(cs_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = cs_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = cs_rotl(s[3], 45);
    return result;
}

/* Uniform in [0, 1). */
static inline double cs_rng_unif(cs_rng *r) { return (double)(cs_rng_next(r) >> 11) * 0x1.0p-53; }

/* Uniform integer in [0, n) (n > 0), by multiply-shift (bias below 2^-32 for the sizes used). */
static inline uint32_t cs_rng_below(cs_rng *r, uint32_t n)
{
    return (uint32_t)(((cs_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform integer in [lo, hi]. */
static inline int cs_rng_range(cs_rng *r, int lo, int hi)
{
    return lo + (int)cs_rng_below(r, (uint32_t)(hi - lo + 1));
}

static inline int cs_rng_bern(cs_rng *r, double p) { return cs_rng_unif(r) < p; }

/* Exponential with the given mean. */
static inline double cs_rng_exp(cs_rng *r, double mean) { return -mean * log(1.0 - cs_rng_unif(r)); }

/* Standard normal (Box-Muller, one value per call). */
static inline double cs_rng_norm(cs_rng *r)
{
    double u1 = 1.0 - cs_rng_unif(r), u2 = cs_rng_unif(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

/* Log-normal with the given median and log-sd. */
static inline double cs_rng_lognorm(cs_rng *r, double median, double sd)
{
    return median * exp(sd * cs_rng_norm(r));
}

/* Poisson (Knuth's product method below 30, rounded normal approximation above). */
static inline int cs_rng_poisson(cs_rng *r, double mean)
{
    if (mean <= 0) return 0;
    if (mean < 30) {
        double l = exp(-mean), p = 1.0;
        int k = 0;
        do {
            k++;
            p *= cs_rng_unif(r);
        } while (p > l);
        return k - 1;
    }
    double v = floor(mean + sqrt(mean) * cs_rng_norm(r) + 0.5);
    return v < 0 ? 0 : (int)v;
}

/* Index drawn with probability proportional to w[i] (n > 0, weights >= 0, not all zero). */
static inline int cs_rng_pick(cs_rng *r, const double *w, int n)
{
    double tot = 0;
    for (int i = 0; i < n; i++) tot += w[i];
    double u = cs_rng_unif(r) * tot;
    for (int i = 0; i < n; i++) {
        if (u < w[i]) return i;
        u -= w[i];
    }
    for (int i = n - 1; i >= 0; i--)
        if (w[i] > 0) return i;
    return 0;
}

#endif
