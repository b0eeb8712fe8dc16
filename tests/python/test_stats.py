"""Statistics from Python: every wrapped stats.h function, against PHE's published test vectors
(../shared/conformance/phe) and hand-worked cases; argument errors."""

import csv
import math

import pytest

import carestat
from conftest import shared_path


def rows(name):
    with open(shared_path(f"conformance/phe/{name}"), newline="") as f:
        return list(csv.DictReader(f))


def num(s):
    return math.nan if s in ("", "NA") else float(s)


def close(a, b, rel=1e-9, abs_=1e-12):
    if math.isnan(b):
        return math.isnan(a)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# ---- critical values and distributions ----------------------------------------------------------

def test_critical_values():
    assert carestat.z_for_level(0.95) == pytest.approx(1.959963984540054, rel=1e-15)
    assert carestat.z_for_level(0.998) == pytest.approx(3.090232306167813, rel=1e-15)
    assert carestat.chisq_critical(0.998) == pytest.approx(9.54953570608324, rel=1e-12)
    assert carestat.normal_quantile(0.975) == pytest.approx(1.959963984540054, rel=1e-15)
    assert carestat.normal_cdf(0.0) == 0.5
    assert carestat.chisq_cdf(3.841458820694124, 1) == pytest.approx(0.95, rel=1e-12)
    assert carestat.chisq_quantile(0.95, 1) == pytest.approx(3.841458820694124, rel=1e-12)
    assert carestat.chisq_quantile(0.0, 0) == 0.0
    # qt(0.975, 10) = 2.228138851986273 (R)
    assert carestat.t_quantile(0.975, 10) == pytest.approx(2.228138851986273, rel=1e-12)


# ---- intervals: PHE vectors ---------------------------------------------------------------------

def test_proportion_ci_phe_vectors():
    checked = 0
    for r in rows("proportion.csv"):
        x, n, mult = num(r["x"]), num(r["n"]), num(r["multiplier"])
        if math.isnan(x) or math.isnan(n):
            continue
        for level, lo, hi in ((0.95, "exp_lower95_0", "exp_upper95_0"), (0.998, "exp_lower99_8", "exp_upper99_8")):
            v, lower, upper = carestat.proportion_ci(x, n, level=level, multiplier=mult)
            assert close(v, num(r["exp_value"])), r
            assert close(lower, num(r[lo])), r
            assert close(upper, num(r[hi])), r
            checked += 1
    assert checked >= 16


def test_rate_ci_phe_vectors():
    checked = 0
    for r in rows("rate.csv"):
        x, n, mult = num(r["x"]), num(r["n"]), num(r["multiplier"])
        if math.isnan(x) or math.isnan(n):
            continue
        for level, lo, hi in ((0.95, "exp_lower95_0", "exp_upper95_0"), (0.998, "exp_lower99_8", "exp_upper99_8")):
            res = carestat.rate_ci(x, n, multiplier=mult, level=level)
            assert close(res.value, num(r["exp_value"])), r
            assert close(res.lower, num(r[lo])), r
            assert close(res.upper, num(r[hi])), r
            assert res.method == r["exp_method"]
            checked += 1
    assert checked >= 16


def test_byars_and_wilson_vectors():
    checked = 0
    for r in rows("byars_wilson.csv"):
        if r["used_in_package_tests"] != "yes":
            continue
        x, level = num(r["x"]), num(r["confidence"])
        if r["method"] == "byars":
            _, lo, hi = carestat.byars_ci(x, level)
        else:
            _, lo, hi = carestat.proportion_ci(x, num(r["n"]), level)
        assert close(lo, num(r["expected_lower"])), r
        assert close(hi, num(r["expected_upper"])), r
        checked += 1
    assert checked == 12


def test_mean_ci_phe_vectors():
    data = {}
    for r in rows("mean_input.csv"):
        data.setdefault(r["area"], []).append(float(r["value"]))
    data["ALL"] = [v for k in list(data) for v in data[k]]
    for r in rows("mean_expected.csv"):
        vals = data[r["group"]]
        m = carestat.mean_ci(vals, 0.95)
        assert close(m.value, num(r["exp_value"])) and close(m.sd, num(r["exp_stdev"]))
        assert close(m.lower, num(r["exp_lower95_0"])) and close(m.upper, num(r["exp_upper95_0"]))
        m = carestat.mean_ci(vals, level=0.998)
        assert close(m.lower, num(r["exp_lower99_8"])) and close(m.upper, num(r["exp_upper99_8"]))
        assert m.method == "Student's t-distribution"


# ---- intervals: hand-worked -------------------------------------------------------------------

def test_proportion_ci_by_hand():
    # 46 of 80 at 95%: z = 1.959963984540054, z^2 = 3.841458820694124;
    # centre 2x + z^2 = 95.84145882; root z*sqrt(z^2 + 4*46*(1 - 46/80)) = z*sqrt(82.04145882) = 17.7525...
    # lower = (95.84146 - 17.75254)/(2*(80 + 3.84146)) = 0.465693..., upper = 0.677434...
    r = carestat.proportion_ci(46, 80)
    assert r == pytest.approx((0.575, 0.465693, 0.677434), abs=1e-6)
    assert r.method == "Wilson" and isinstance(r, tuple) and len(r) == 3
    v, lo, hi = carestat.proportion_ci(46, 80, multiplier=100)
    assert v == pytest.approx(57.5, rel=1e-15) and (round(lo, 3), round(hi, 3)) == (46.569, 67.743)
    assert carestat.proportion_ci(0, 10).lower == 0.0


def test_rate_ci_by_hand():
    # 30 starts among 60,000 children per 10,000 = 5.0. Byar's (x >= 10):
    # lower = 30 (1 - 1/270 - z/(3 sqrt 30))^3 = 30 * 0.877017^3 = 20.23694, per 10,000 of 60,000: 3.372823
    r = carestat.rate_ci(30, 60000)
    assert r.value == 5.0 and r.method == "Byars"
    assert r.lower == pytest.approx(3.372823, abs=1e-6)
    # 0 events: lower limit 0, upper = qchisq(0.975, 2)/2 = 3.6889 events -> per 10,000 of 1000 = 36.889
    r0 = carestat.rate_ci(0, 1000)
    assert r0.method == "Exact" and r0.lower == 0.0 and r0.upper == pytest.approx(36.8888, abs=1e-3)


def test_poisson_count_limits():
    lo, hi = carestat.exact_poisson_ci(0)[1:]
    assert lo == 0 and hi == pytest.approx(3.688879454113936, rel=1e-10)   # -log(0.025)
    p = carestat.poisson_ci(5)
    assert p.method == "Exact" and p.value == 5
    assert carestat.poisson_ci(10).method == "Byars"
    assert carestat.byars_ci(65)[1:] == pytest.approx((50.163187710459454, 82.849138545939837), rel=1e-12)


def test_dsr_and_isr():
    # two bands, 10 events each per 1000, standard populations equal: DSR = 10 per 1000 = 1000 per 100,000
    d = carestat.dsr([10, 10], [1000, 1000], [1, 1])
    assert d.value == pytest.approx(1000.0) and d.lower < 1000 < d.upper and d.method == "Dobson"
    with pytest.raises(carestat.Error) as ei:
        carestat.dsr([3, 3], [1000, 1000], [1, 1])     # fewer than 10 events: no DSR
    assert ei.value.code == carestat.EUNSUPPORTED
    # every person has exactly 1 event: same as the independent DSR
    dn = carestat.dsr_nonindependent([0, 1], [1, 1], [10, 10], [1000, 1000], [1, 1])
    assert dn.value == pytest.approx(1000.0)
    assert dn.lower == pytest.approx(d.lower, rel=1e-9) and dn.upper == pytest.approx(d.upper, rel=1e-9)
    # E = 10/100*50 + 20/200*50 = 5 + 5 = 10
    assert carestat.isr_expected([50, 50], [10, 20], [100, 200]) == pytest.approx(10.0)
    assert carestat.isr_reference_rate([10, 20], [100, 200], 100) == pytest.approx(10.0)
    i = carestat.isr(12, 10, 1)
    assert i.value == pytest.approx(1.2) and i.method == "Byars"
    assert i.lower == pytest.approx(carestat.poisson_ci(12).lower / 10)
    with pytest.raises(ValueError):
        carestat.dsr([10, 10], [1000], [1, 1])


# ---- comparisons ----------------------------------------------------------------------------------

def test_compare_and_judge():
    assert carestat.compare(10, 8, 12, 11) == ("Similar", "Similar")
    assert carestat.compare(10, 8, 12, 13) == ("Lower", "Lower")
    assert carestat.compare(10, 8, 12, 13, polarity="lower") == ("Lower", "Better")
    assert carestat.compare(10, 8, 12, 7, polarity="lower") == ("Higher", "Worse")
    assert carestat.compare(10, 8, 12, 7, polarity="higher") == ("Higher", "Better")
    assert carestat.compare(10, 8, 12, 12) == ("Similar", "Similar")          # inclusive
    assert carestat.judge("Higher", "lower is better") == "Worse"
    assert carestat.judge("Lower", None) == "Lower"
    # 95% [9, 11], 99.8% [8, 12]: comparator 11.5 is outside the 95% but inside the 99.8% interval
    assert carestat.compare_two_levels(10, 9, 11, 8, 12, 11.5) == "Lower"
    assert carestat.compare_two_levels(10, 9, 11, 8, 12, 11.5, polarity="lower") == "Better"
    assert carestat.compare_two_levels(10, 9, 11, 8, 12, 13, polarity="lower") == "Best"
    assert carestat.compare_two_levels(10, 9, 11, 8, 12, 7, polarity="lower") == "Worst"
    assert carestat.compare_two_levels(10, 9, 11, 8, 12, 10.5) == "Similar"
    with pytest.raises(carestat.Error):
        carestat.compare_two_levels(10, 9, 11, 9.5, 12, 10)           # 99.8% inside 95%
    assert carestat.compare_intervals((10, 8, 12), (15, 12.5, 17)) == "Lower"
    assert carestat.compare_intervals((10, 8, 12), (15, 12, 17)) == "Similar"
    with pytest.raises(carestat.Error) as ei:
        carestat.compare(10, 12, 8, 11)                                       # lower > upper
    assert ei.value.code == carestat.EINVAL
    with pytest.raises(ValueError):
        carestat.compare(10, 8, 12, 11, polarity="sideways")


def test_fingertips_comparator_cases():
    words = {"Better": ("Lower", "Higher"), "Worse": ("Higher", "Lower")}
    checked = 0
    for r in rows("fingertips_comparator_cases.csv"):
        if r["method"] != "spc_for_proportions":
            continue
        pol = {"RagLowIsGood": "lower", "RagHighIsGood": "higher"}.get(r["polarity"])
        for level, col in ((0.95, "exp_significance_95"), (0.998, "exp_significance_99_8")):
            z = 1.96 if level == 0.95 else 3.0902
            rel = carestat.compare_spc_proportion(num(r["value"]), num(r["denominator"]),
                                                  num(r["comparator_value"]), num(r["unit"]), z=z)
            exp = r[col]
            if exp == "Same":
                assert rel == "Similar", r
            elif pol and exp in words:
                assert carestat.judge(rel, pol) == exp, r
            checked += 1
    assert checked > 0


# ---- funnels -------------------------------------------------------------------------------------

def test_funnels():
    lo, hi = carestat.funnel_proportion_limits(0.5, 100, 0.95)
    assert 0 < lo < 50 < hi < 100 and lo == pytest.approx(100 - hi, rel=1e-9)   # symmetric at 0.5
    lim = carestat.funnel_ratio_limits(20, 0.95)
    assert lim.lower_ratio < 1 < lim.upper_ratio
    assert lim.lower_ratio == pytest.approx(20 / lim.lower_expected)
    rl = carestat.funnel_rate_limits(20, 0.001, years=1, multiplier=100000)
    assert rl.lower_rate < 100 < rl.upper_rate
    axis = carestat.funnel_axis("proportion", 50, 5000)
    assert len(axis) == 100 and axis == sorted(axis)
    assert carestat.funnel_significance_proportion(50, 100, 0.5) == "Not significant"
    assert carestat.funnel_significance_proportion(90, 100, 0.5) == "High (0.001)"
    assert carestat.funnel_significance_ratio(10, 10, 1) == "Not significant"
    assert carestat.funnel_rate_denominator(20, 10, multiplier=100000) == pytest.approx(200000)
    assert carestat.funnel_rate_denominator(20, 10, multiplier=100000, years=2) == pytest.approx(100000)
    assert carestat.funnel_significance_rate(5, 5, 5, multiplier=100000, is_dsr=True).startswith("Not applicable")
    assert carestat.poisson_limit_bisect(0, 0.025, "high") == pytest.approx(3.688879, rel=1e-5)
    with pytest.raises(ValueError):
        carestat.funnel_axis("odds", 1, 2)


# ---- bands, trend, change, SPC --------------------------------------------------------------------

def test_quantile_bands_phe_vectors():
    groups = {}
    for r in rows("quantiles.csv"):
        # group_by names the grouping columns ("IndSexRef+ParentCode", "IndSexRef", or none)
        cols = [c for c in r["group_by"].split("+") if c in r]
        key = (r["case"], r["invert"]) + tuple(r[c] for c in cols)
        groups.setdefault(key, []).append(r)
    checked = 0
    for key, rs in groups.items():
        vals = [num(r["value"]) for r in rs]
        nq = int(rs[0]["nquantiles"])
        inv = rs[0]["invert"] == "TRUE"
        try:
            bands = carestat.quantile_bands(vals, nq, highest_first=inv)
        except carestat.Error as e:
            assert e.code == carestat.ERANGE
            assert all(r["exp_quantile"] in ("", "NA") for r in rs)
            continue
        for b, r in zip(bands, rs):
            exp = r["exp_quantile"]
            assert b == (0 if exp in ("", "NA") else int(exp)), (key, r)
            checked += 1
    assert checked > 50


def test_quantile_bands_by_hand():
    # 8 values, quartiles, highest first: the two highest in band 1, ...; NaN gets 0
    assert carestat.quantile_bands([1, 2, 3, 4, 5, 6, 7, 8, math.nan], 4) == [4, 4, 3, 3, 2, 2, 1, 1, 0]
    assert carestat.quantile_bands([1, 2, 3, 4, 5, 6, 7, 8], 4, highest_first=False) == [1, 1, 2, 2, 3, 3, 4, 4]


def test_recent_trend_fingertips_vectors():
    rs = rows("trend_markers_prop_trends.csv")
    t = [float(r["Year"]) for r in rs]
    cnt = [num(r["Count"]) for r in rs]
    den = [num(r["denominator"]) for r in rs]
    res = carestat.recent_trend(t, count=cnt, denominator=den, polarity="none")
    last = rs[-1]
    assert res.marker in ("Increasing", "Decreasing", "No significant change", "Cannot be calculated")
    if last["recent_trend"]:
        assert res.marker == last["recent_trend"] or res.label == last["recent_trend"]
    if last["recent_trend_reason"]:
        assert res.reason == last["recent_trend_reason"]


def test_recent_trend_fingertips_weighted_case():
    # Fingertips TrendMarkerCalculator divides the CI width by 3.92 (z = 1.96): chi2 46.77, significant
    rs = [r for r in rows("fingertips_trend_cases.csv") if r["method"] == "ci_weighted" and r["set"] == "set1"]
    res = carestat.recent_trend([float(r["year"]) for r in rs], value=[num(r["value"]) for r in rs],
                                lower=[num(r["lower_ci95"]) for r in rs], upper=[num(r["upper_ci95"]) for r in rs],
                                z=1.96)
    assert round(res.chi2, 2) == float(rs[0]["exp_chi2_rounded_2dp"])
    assert res.marker == "Increasing" and res.reason == "No outliers and significant trend"
    with pytest.raises(carestat.Error):
        carestat.recent_trend([1, 2, 3, 4, 5], value=[1] * 5, lower=[0] * 5, upper=[2] * 5, z=0)


def test_recent_trend_by_hand():
    # a steady fall from 40% to 20% of 1000 each year: significant decrease
    t = [2021, 2022, 2023, 2024, 2025]
    res = carestat.recent_trend(t, count=[400, 350, 300, 250, 200], denominator=[1000] * 5, polarity="lower")
    assert res.marker == "Decreasing" and res.label == "Decreasing and getting better"
    assert res.reason == "No outliers and significant trend" and res.points == 5 and res.slope < 0
    few = carestat.recent_trend(t[:3], count=[1, 2, 3], denominator=[10] * 3)
    assert few.marker == "Cannot be calculated" and few.reason == "Not enough data points"
    w = carestat.recent_trend(t, value=[10, 10, 10, 10, 10], lower=[9] * 5, upper=[11] * 5)
    assert w.marker == "No significant change"
    assert carestat.trend_label_for("Increasing", "lower") == "Increasing and getting worse"
    with pytest.raises(ValueError):
        carestat.recent_trend(t, count=[1, 2, 3, 4, 5], denominator=[10] * 4)


def test_change_test():
    # 46/80 vs 30/80: pooled p = 76/160 = 0.475; z = (0.375 - 0.575)/sqrt(0.475*0.525*(2/80)) = -2.53299;
    # two-sided p = 2 Phi(-2.53299) = 0.011309
    c = carestat.change_test(46, 80, 30, 80)
    assert (c.value1, c.value2, c.difference) == pytest.approx((57.5, 37.5, -20.0), rel=1e-14)
    assert c.statistic == pytest.approx(-2.53299, abs=1e-5)
    assert c.p_value == pytest.approx(0.011309, abs=1e-6) and c.significant and c.relation == "Lower"
    assert c.method == "Two-proportion z-test"
    r = carestat.change_test(30, 60000, 31, 60000, kind="rate")
    assert not r.significant and r.relation == "Similar" and r.value1 == pytest.approx(5.0, rel=1e-14)
    assert r.method == "Exact conditional test for two Poisson rates"
    with pytest.raises(carestat.Error) as ei:
        carestat.change_test(0, 10, 0, 10)
    assert ei.value.code == carestat.EUNSUPPORTED


def test_spc_vectors():
    cases = {}
    for r in rows("spc_xmr_cases.csv"):
        cases.setdefault(r["case"], []).append(r)
    for case, rs in cases.items():
        y = [float(r["y"]) for r in rs]
        dp = 2 if rs[0]["precision"] == "2dp" else 6
        for screened in (True, False):
            suffix = "screened" if screened else "unscreened"
            if rs[0][f"exp_mean_{suffix}"] in ("", "NA"):
                continue
            s = carestat.spc_xmr(y, screen_outliers=screened)
            assert round(s.mean, dp) == pytest.approx(float(rs[0][f"exp_mean_{suffix}"]), abs=10 ** -dp), case
            assert round(s.lpl, dp) == pytest.approx(float(rs[0][f"exp_lpl_{suffix}"]), abs=10 ** -dp), case
            assert round(s.upl, dp) == pytest.approx(float(rs[0][f"exp_upl_{suffix}"]), abs=10 ** -dp), case


def test_spc_by_hand():
    # y = 10 points at 5 then one at 50: mean 9.09; the jump is above the upper limit
    y = [5.0, 6.0] * 5 + [50.0]
    s = carestat.spc_xmr(y, improvement="lower")
    assert s.points == 11 and s.trial_limits
    assert s.rules[-1] == "Above UCL" and s.point_types[-1] == "special_cause_concern"
    assert s.variation == "special_cause_concern"
    assert s.mean == pytest.approx(sum(y) / len(y))
    assert len(s.rules) == len(y)
    with pytest.raises(carestat.Error):
        carestat.spc_xmr([1.0])


# ---- rounding and suppression ---------------------------------------------------------------------

def test_rounding():
    assert carestat.round_half_up_percent(46, 80) == 58.0          # not 57 (banker's) nor 57.49999
    assert carestat.round_half_up_percent(46, 80, 1) == 57.5
    assert carestat.round_half_up_ratio(46, 80, 100) == 58
    assert carestat.round_half_up_rate(1144, 170880, 10000) == 67.0  # 66.947... -> 67
    assert carestat.round_half_up(2.675, 2) == 2.68
    assert carestat.round_half_up(-2.5) == -3.0
    assert carestat.round_to_nearest(83845, 10) == 83850
    with pytest.raises(carestat.Error) as ei:
        carestat.round_half_up_percent(1, 0)
    assert ei.value.code == carestat.EINVAL


def test_suppression():
    assert carestat.suppress(5, 6) and not carestat.suppress(6, 6)
    assert not carestat.suppress(0, 6) and carestat.suppress(0, 6, suppress_zero=True)
    assert carestat.suppress_derived(3, 100, 6)                     # numerator small
    assert carestat.suppress_derived(97, 100, 6)                    # complement 3 is small
    assert not carestat.suppress_derived(97, 100, 6, check_complement=False)
    assert not carestat.suppress_derived(50, 100, 6)


# ---- argument errors -------------------------------------------------------------------------------

@pytest.mark.parametrize("call,code", [
    (lambda: carestat.proportion_ci(11, 10), carestat.EINVAL),       # x > n
    (lambda: carestat.proportion_ci(-1, 10), carestat.EINVAL),
    (lambda: carestat.proportion_ci(1, 0), carestat.EINVAL),
    (lambda: carestat.proportion_ci(math.nan, 10), carestat.EINVAL),
    (lambda: carestat.proportion_ci(1, 10, level=0.5), carestat.ERANGE),
    (lambda: carestat.proportion_ci(1, 10, level=95), carestat.ERANGE),   # percentages are not levels
    (lambda: carestat.rate_ci(-1, 10), carestat.EINVAL),
    (lambda: carestat.rate_ci(1, 0), carestat.EINVAL),
    (lambda: carestat.mean_ci([1.0]), carestat.EINVAL),
    (lambda: carestat.z_for_level(1.0), carestat.ERANGE),
])
def test_invalid_values_raise_library_errors(call, code):
    with pytest.raises(carestat.Error) as ei:
        call()
    assert ei.value.code == code


@pytest.mark.parametrize("call", [
    lambda: carestat.proportion_ci("46", 80),
    lambda: carestat.proportion_ci(46, None),
    lambda: carestat.proportion_ci(True, 80),
    lambda: carestat.rate_ci(30, 60000, multiplier="10000"),
    lambda: carestat.mean_ci("12345"),
    lambda: carestat.mean_ci([1, "2", 3]),
    lambda: carestat.mean_ci(42),
    lambda: carestat.quantile_bands([1, 2, 3, 4], nquantiles=2.0),
    lambda: carestat.round_half_up_percent(46.0, 80),
    lambda: carestat.compare(1, 0, 2, 1, polarity=1.5),
])
def test_bad_argument_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()
