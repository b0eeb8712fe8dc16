"""Statistics from Python against independent implementations (statsmodels, scipy) on many
random inputs. Skipped when scipy or statsmodels is absent."""

import random

import pytest

scipy_stats = pytest.importorskip("scipy.stats")
proportion = pytest.importorskip("statsmodels.stats.proportion")
import carestat  # noqa: E402

N_CASES = 2000


def rng():
    return random.Random(20240331)


@pytest.mark.parametrize("level", [0.9, 0.95, 0.99, 0.998])
def test_wilson_matches_statsmodels(level):
    r = rng()
    for _ in range(N_CASES // 4):
        n = r.randint(1, 100000)
        x = r.randint(0, n)
        v, lo, hi = carestat.proportion_ci(x, n, level=level)
        elo, ehi = proportion.proportion_confint(x, n, alpha=1 - level, method="wilson")
        assert v == pytest.approx(x / n, rel=1e-15)
        assert lo == pytest.approx(elo, rel=1e-9, abs=1e-12), (x, n, level)
        assert hi == pytest.approx(ehi, rel=1e-9, abs=1e-12), (x, n, level)


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_exact_poisson_matches_scipy_chi2(level):
    r = rng()
    a = 1 - level
    for _ in range(N_CASES // 2):
        x = r.choice([r.randint(0, 9), r.randint(0, 200), r.randint(0, 100000)])
        _, lo, hi = carestat.exact_poisson_ci(x, level)
        elo = 0.0 if x == 0 else scipy_stats.chi2.ppf(a / 2, 2 * x) / 2
        ehi = scipy_stats.chi2.ppf(1 - a / 2, 2 * x + 2) / 2
        assert lo == pytest.approx(elo, rel=1e-9, abs=1e-12), (x, level)
        assert hi == pytest.approx(ehi, rel=1e-9), (x, level)


def test_rate_ci_uses_exact_below_10_byars_from_10():
    r = rng()
    for _ in range(N_CASES // 2):
        x = r.randint(0, 40)
        den = r.randint(max(x, 1), 500000)
        res = carestat.rate_ci(x, den, multiplier=10000, level=0.95)
        if x < 10:
            elo = 0.0 if x == 0 else scipy_stats.chi2.ppf(0.025, 2 * x) / 2
            ehi = scipy_stats.chi2.ppf(0.975, 2 * x + 2) / 2
            assert res.method == "Exact"
        else:
            z = scipy_stats.norm.ppf(0.975)
            elo = x * (1 - 1 / (9 * x) - z / (3 * x ** 0.5)) ** 3
            ehi = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * (x + 1) ** 0.5)) ** 3
            assert res.method == "Byars"
        assert res.value == pytest.approx(x / den * 10000, rel=1e-14)
        assert res.lower == pytest.approx(elo / den * 10000, rel=1e-9, abs=1e-12)
        assert res.upper == pytest.approx(ehi / den * 10000, rel=1e-9)


def test_quantiles_match_scipy():
    r = rng()
    for _ in range(N_CASES // 4):
        p = r.uniform(1e-6, 1 - 1e-6)
        df = r.uniform(0.5, 200)
        assert carestat.normal_quantile(p) == pytest.approx(scipy_stats.norm.ppf(p), rel=1e-12, abs=1e-14)
        assert carestat.chisq_quantile(p, df) == pytest.approx(scipy_stats.chi2.ppf(p, df), rel=1e-10)
        # scipy's t.ppf is itself only good to about 5e-9 relative for non-integer df (checked
        # against mpmath at 40 digits in test_t_quantile_matches_mpmath), hence the looser tolerance.
        assert carestat.t_quantile(p, df) == pytest.approx(scipy_stats.t.ppf(p, df), rel=2e-8, abs=1e-12)
        x = r.uniform(0, 300)
        assert carestat.chisq_cdf(x, df) == pytest.approx(scipy_stats.chi2.cdf(x, df), rel=1e-10, abs=1e-15)


def test_mean_ci_matches_scipy_t():
    r = rng()
    for _ in range(200):
        vals = [r.gauss(50, 15) for _ in range(r.randint(2, 60))]
        m = carestat.mean_ci(vals, 0.95)
        n = len(vals)
        mean = sum(vals) / n
        sd = (sum((v - mean) ** 2 for v in vals) / (n - 1)) ** 0.5
        half = scipy_stats.t.ppf(0.975, n - 1) * sd / n ** 0.5
        assert m.value == pytest.approx(mean, rel=1e-12)
        assert m.sd == pytest.approx(sd, rel=1e-10)
        assert (m.lower, m.upper) == pytest.approx((mean - half, mean + half), rel=1e-9)


def test_two_proportion_change_matches_statsmodels():
    ztest = pytest.importorskip("statsmodels.stats.proportion").proportions_ztest
    r = rng()
    for _ in range(300):
        n1, n2 = r.randint(20, 5000), r.randint(20, 5000)
        x1, x2 = r.randint(1, n1 - 1), r.randint(1, n2 - 1)
        c = carestat.change_test(x1, n1, x2, n2)
        z, p = ztest([x2, x1], [n2, n1])
        assert c.statistic == pytest.approx(z, rel=1e-9, abs=1e-12)
        assert c.p_value == pytest.approx(p, rel=1e-7, abs=1e-14)


def test_conditional_poisson_change_matches_scipy_binomtest():
    r = rng()
    for _ in range(300):
        n1, n2 = r.randint(1000, 100000), r.randint(1000, 100000)
        x1, x2 = r.randint(0, 80), r.randint(0, 80)
        if x1 + x2 == 0:
            continue
        c = carestat.change_test(x1, n1, x2, n2, kind="rate")
        p = scipy_stats.binomtest(x2, x1 + x2, n2 / (n1 + n2)).pvalue
        assert c.p_value == pytest.approx(p, rel=1e-6, abs=1e-12), (x1, n1, x2, n2)


def test_t_quantile_matches_mpmath():
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 40
    r = rng()
    for _ in range(40):
        p = r.uniform(0.001, 0.999)
        df = r.uniform(0.5, 200)
        got = carestat.t_quantile(p, df)

        def cdf(x):
            tail = mp.betainc(df / 2, mp.mpf(1) / 2, 0, df / (df + x * x), regularized=True) / 2
            return 1 - tail if x > 0 else tail

        exact = mp.findroot(lambda x: cdf(x) - p, got)
        assert got == pytest.approx(float(exact), rel=1e-12, abs=1e-14), (p, df)
