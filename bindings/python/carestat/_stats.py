"""Statistics (stats.h): intervals, comparisons, funnels, bands, trends, change, SPC, rounding.

Pure functions with the C library's names without the ``carestat_`` prefix.  Enumerations come
back as the library's own text ("Wilson", "Similar", "Increasing and getting better", ...), so
results read the same in Python, the command and the documentation.  Arguments are checked for
type here (TypeError); values the library refuses raise :class:`carestat.Error` with
``CARESTAT_EINVAL`` (bad value) or ``CARESTAT_ERANGE`` (level outside [0.9, 1)).
"""

import ctypes
import math
from collections import namedtuple
from ctypes import byref, c_double, c_int, c_int64, c_size_t, c_uint32

from ._lib import CChangeResult, CSpcOptions, CSpcSummary, CTrendResult, lib
from ._util import as_int, as_real, text

# ---- enumerations -------------------------------------------------------------------------------

POLARITY_NONE, POLARITY_HIGHER_BETTER, POLARITY_LOWER_BETTER = 0, 1, 2
_POLARITY_WORDS = {
    None: 0, "none": 0, "": 0, "neither": 0,
    "higher": 1, "higher_better": 1, "higher is better": 1, "high": 1, "up": 1,
    "lower": 2, "lower_better": 2, "lower is better": 2, "low": 2, "down": 2,
}


def polarity_code(polarity):
    """``None``/"none", "higher" ("higher is better") or "lower" ("lower is better"), or 0/1/2 -> code."""
    if isinstance(polarity, int) and not isinstance(polarity, bool):
        if polarity not in (0, 1, 2):
            raise ValueError(f"polarity must be 0, 1 or 2, not {polarity}")
        return polarity
    if polarity is None or isinstance(polarity, str):
        key = polarity.strip().lower() if isinstance(polarity, str) else None
        if key in _POLARITY_WORDS:
            return _POLARITY_WORDS[key]
        raise ValueError(f"unknown polarity {polarity!r}: use 'none', 'higher' or 'lower'")
    raise TypeError(f"polarity must be a str, an int or None, not {type(polarity).__name__}")


def _texts(kind, n):
    fn = getattr(lib, f"carestat_{kind}_text")
    return [text(fn(i)) for i in range(n)]


def _text_of(kind, code):
    return text(getattr(lib, f"carestat_{kind}_text")(code))


def _code_of(kind, value, n):
    """Text (case-insensitive) or code of an enumeration -> code."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{kind} must be a str or an int, not {type(value).__name__}")
    names = [t.lower() for t in _texts(kind, n)]
    if value.lower() in names:
        return names.index(value.lower())
    raise ValueError(f"unknown {kind} {value!r}; one of {_texts(kind, n)}")


# ---- results -----------------------------------------------------------------------------------

_IntervalBase = namedtuple("Interval", ("value", "lower", "upper"))


class Interval(_IntervalBase):
    """``(value, lower, upper)``; ``.method`` names the interval method ("Wilson", "Exact", ...)."""

    def __new__(cls, value, lower, upper, method=""):
        self = super().__new__(cls, value, lower, upper)
        self.method = method
        return self

    def __repr__(self):
        return (f"Interval(value={self.value!r}, lower={self.lower!r}, upper={self.upper!r}, "
                f"method={self.method!r})")


Limits = namedtuple("Limits", ("lower", "upper"))
Comparison = namedtuple("Comparison", ("relation", "judgement"))
RatioFunnelLimits = namedtuple("RatioFunnelLimits", ("lower_ratio", "upper_ratio", "lower_expected",
                                                     "upper_expected"))
RateFunnelLimits = namedtuple("RateFunnelLimits", ("lower_rate", "upper_rate", "lower_population_1yr",
                                                   "upper_population_1yr"))
TrendResult = namedtuple("TrendResult", ("marker", "label", "reason", "chi2", "slope", "points"))
ChangeResult = namedtuple("ChangeResult", ("value1", "value2", "difference", "ratio", "statistic",
                                           "p_value", "significant", "relation", "method"))
SpcResult = namedtuple("SpcResult", ("mean", "amr", "lpl", "upl", "near_lpl", "near_upl", "variation",
                                     "assurance", "trial_limits", "points", "rules", "point_types"))

# ---- arrays ------------------------------------------------------------------------------------


def _doubles(values, name, optional=False):
    """A sequence or numpy array of numbers -> (pointer argument, length, keep-alive).

    A C-contiguous float64 numpy array is passed as it is (no copy); anything else is converted once.
    """
    if values is None:
        if optional:
            return None, 0, None
        raise TypeError(f"{name} is required")
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a sequence of numbers, not {type(values).__name__}")
    mod = type(values).__module__
    if mod.startswith("numpy") or mod.startswith("pandas"):
        import numpy as np
        arr = np.ascontiguousarray(values, dtype=np.float64)
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional")
        return arr.ctypes.data_as(ctypes.POINTER(c_double)), arr.size, arr
    try:
        items = [as_real(v, name) for v in values]
    except TypeError:
        if not hasattr(values, "__iter__"):
            raise TypeError(f"{name} must be a sequence of numbers, not {type(values).__name__}") from None
        raise
    buf = (c_double * len(items))(*items)
    return buf, len(items), buf


def _level(level):
    return as_real(level, "level")


# ---- distributions -----------------------------------------------------------------------------


def _out1(fn, *args):
    out = c_double()
    fn(byref(out), *args)
    return out.value


def normal_quantile(p):
    """Standard normal quantile (AS 241, full double precision)."""
    return _out1(lib.carestat_normal_quantile, as_real(p, "p"))


def normal_cdf(x):
    """Standard normal CDF."""
    return _out1(lib.carestat_normal_cdf, as_real(x, "x"))


def z_for_level(level=0.95):
    """Two-sided critical value: 1.959963984540054 for 0.95, 3.090232306167813 for 0.998."""
    return _out1(lib.carestat_z_for_level, _level(level))


def chisq_cdf(x, df):
    """Chi-square CDF P(X <= x)."""
    return _out1(lib.carestat_chisq_cdf, as_real(x, "x"), as_real(df, "df"))


def chisq_quantile(p, df):
    """Chi-square quantile (R qchisq)."""
    return _out1(lib.carestat_chisq_quantile, as_real(p, "p"), as_real(df, "df"))


def t_quantile(p, df):
    """Student's t quantile (R qt)."""
    return _out1(lib.carestat_t_quantile, as_real(p, "p"), as_real(df, "df"))


def chisq_critical(level=0.998):
    """qchisq(level, 1): the critical value of the trend test (9.5495 at 0.998)."""
    return _out1(lib.carestat_chisq_critical, _level(level))


# ---- intervals ---------------------------------------------------------------------------------


def proportion_ci(x, n, level=0.95, multiplier=1):
    """Proportion x/n with its Wilson score interval: ``(value, lower, upper)`` times ``multiplier``.

    ``multiplier=100`` gives percentages (as in observation tables).  ``.method`` is "Wilson".
    """
    v, lo, hi = c_double(), c_double(), c_double()
    lib.carestat_proportion_ci(byref(v), byref(lo), byref(hi), as_real(x, "x"), as_real(n, "n"),
                               as_real(multiplier, "multiplier"), _level(level))
    return Interval(v.value, lo.value, hi.value, _text_of("ci_method", 1))


def rate_ci(x, denominator, multiplier=10000, level=0.95):
    """Crude rate per ``multiplier`` with exact Poisson (x < 10) or Byar's (x >= 10) limits.

    Returns ``(value, lower, upper)``; ``.method`` is "Exact" or "Byars".
    """
    v, lo, hi, m = c_double(), c_double(), c_double(), c_int()
    lib.carestat_rate_ci(byref(v), byref(lo), byref(hi), byref(m), as_real(x, "x"),
                         as_real(denominator, "denominator"), as_real(multiplier, "multiplier"), _level(level))
    return Interval(v.value, lo.value, hi.value, _text_of("ci_method", m.value))


def poisson_ci(x, level=0.95):
    """Limits of a Poisson count (exact below 10, Byar's from 10): ``(x, lower, upper)``."""
    lo, hi, m = c_double(), c_double(), c_int()
    lib.carestat_poisson_ci(byref(lo), byref(hi), byref(m), as_real(x, "x"), _level(level))
    return Interval(float(x), lo.value, hi.value, _text_of("ci_method", m.value))


def exact_poisson_ci(x, level=0.95):
    """Exact (chi-square) Poisson limits of a count: ``(x, lower, upper)``."""
    lo, hi = c_double(), c_double()
    lib.carestat_exact_poisson_ci(byref(lo), byref(hi), as_real(x, "x"), _level(level))
    return Interval(float(x), lo.value, hi.value, _text_of("ci_method", 2))


def byars_ci(x, level=0.95):
    """Byar's approximate Poisson limits of a count: ``(x, lower, upper)``."""
    lo, hi = c_double(), c_double()
    lib.carestat_byars_ci(byref(lo), byref(hi), as_real(x, "x"), _level(level))
    return Interval(float(x), lo.value, hi.value, _text_of("ci_method", 3))


def mean_ci(values, level=0.95):
    """Mean with a Student's t interval: ``(mean, lower, upper)``; ``.sd`` is the sample SD."""
    ptr, n, keep = _doubles(values, "values")
    v, lo, hi, sd = c_double(), c_double(), c_double(), c_double()
    lib.carestat_mean_ci(byref(v), byref(lo), byref(hi), byref(sd), ptr, n, _level(level))
    del keep
    r = Interval(v.value, lo.value, hi.value, _text_of("ci_method", 4))
    r.sd = sd.value
    return r


def _same_length(name_arrays):
    lengths = {name: n for name, (_, n, _) in name_arrays}
    if len(set(lengths.values())) > 1:
        raise ValueError("arrays must have the same length: " +
                         ", ".join(f"{k}={v}" for k, v in lengths.items()))
    return next(iter(lengths.values()))


def dsr(x, n, stdpop, multiplier=100000, level=0.95):
    """Directly standardised rate with Dobson limits from per-band events, populations and standard
    population.  Fewer than 10 events raise Error(CARESTAT_EUNSUPPORTED), as PHE gives no DSR."""
    arrays = [("x", _doubles(x, "x")), ("n", _doubles(n, "n")), ("stdpop", _doubles(stdpop, "stdpop"))]
    count = _same_length(arrays)
    v, lo, hi = c_double(), c_double(), c_double()
    lib.carestat_dsr(byref(v), byref(lo), byref(hi), arrays[0][1][0], arrays[1][1][0], arrays[2][1][0],
                     count, as_real(multiplier, "multiplier"), _level(level))
    return Interval(v.value, lo.value, hi.value, _text_of("ci_method", 5))


def dsr_nonindependent(band, freq, persons, n, stdpop, multiplier=100000, level=0.95):
    """DSR for repeated events: records (band index, event frequency, persons) plus per-band
    populations and standard population."""
    bands = [as_int(b, "band") for b in band]
    if any(b < 0 for b in bands):
        raise ValueError("band indices must be >= 0")
    cb = (c_size_t * len(bands))(*bands)
    rec = [("band", (cb, len(bands), cb)), ("freq", _doubles(freq, "freq")),
           ("persons", _doubles(persons, "persons"))]
    nrec = _same_length(rec)
    per_band = [("n", _doubles(n, "n")), ("stdpop", _doubles(stdpop, "stdpop"))]
    nb = _same_length(per_band)
    v, lo, hi = c_double(), c_double(), c_double()
    lib.carestat_dsr_nonindependent(byref(v), byref(lo), byref(hi), cb, rec[1][1][0], rec[2][1][0], nrec,
                                    per_band[0][1][0], per_band[1][1][0], nb,
                                    as_real(multiplier, "multiplier"), _level(level))
    return Interval(v.value, lo.value, hi.value, _text_of("ci_method", 6))


def isr_expected(n, xref, nref):
    """Expected events for indirect standardisation: sum(xref/nref * n) over bands."""
    arrays = [("n", _doubles(n, "n")), ("xref", _doubles(xref, "xref")), ("nref", _doubles(nref, "nref"))]
    count = _same_length(arrays)
    return _out1(lib.carestat_isr_expected, arrays[0][1][0], arrays[1][1][0], arrays[2][1][0], count)


def isr_reference_rate(xref, nref, multiplier=100000):
    """Reference rate sum(xref)/sum(nref) * multiplier."""
    arrays = [("xref", _doubles(xref, "xref")), ("nref", _doubles(nref, "nref"))]
    count = _same_length(arrays)
    return _out1(lib.carestat_isr_reference_rate, arrays[0][1][0], arrays[1][1][0], count,
                 as_real(multiplier, "multiplier"))


def isr(observed, expected, scale=1, level=0.95):
    """Indirectly standardised ratio (scale = reference value) or rate (scale = reference rate)."""
    v, lo, hi, m = c_double(), c_double(), c_double(), c_int()
    lib.carestat_isr(byref(v), byref(lo), byref(hi), byref(m), as_real(observed, "observed"),
                     as_real(expected, "expected"), as_real(scale, "scale"), _level(level))
    return Interval(v.value, lo.value, hi.value, _text_of("ci_method", m.value))


# ---- comparisons ---------------------------------------------------------------------------------


def compare(value, lower, upper, comparator, polarity=None):
    """Compare an area's interval with a comparator value (Fingertips method 1).

    Returns ``(relation, judgement)``: relation "Lower"/"Similar"/"Higher"; judgement
    "Better"/"Similar"/"Worse" through the polarity ("Lower"/"Higher" without one).
    """
    r, j = c_int(), c_int()
    lib.carestat_compare(byref(r), byref(j), as_real(value, "value"), as_real(lower, "lower"),
                         as_real(upper, "upper"), as_real(comparator, "comparator"), polarity_code(polarity))
    return Comparison(_text_of("relation", r.value), _text_of("judgement", j.value))


def compare_two_levels(value, lower95, upper95, lower998, upper998, comparator, polarity=None):
    """Compare with a comparator at 95% and 99.8% at once (Fingertips method 17): "Similar" inside the
    95% interval, "Better"/"Worse" (or "Higher"/"Lower") between the two, "Best"/"Worst" beyond 99.8%
    with a polarity."""
    j = c_int()
    lib.carestat_compare_two_levels(byref(j), as_real(value, "value"), as_real(lower95, "lower95"),
                                    as_real(upper95, "upper95"), as_real(lower998, "lower998"),
                                    as_real(upper998, "upper998"), as_real(comparator, "comparator"),
                                    polarity_code(polarity))
    return _text_of("judgement", j.value)


def compare_intervals(a, b):
    """Relation of A to B by overlapping intervals (Fingertips method 12); a and b are (value, lower, upper)."""
    a = [as_real(v, "a") for v in a]
    b = [as_real(v, "b") for v in b]
    if len(a) != 3 or len(b) != 3:
        raise ValueError("a and b must be (value, lower, upper)")
    r = c_int()
    lib.carestat_compare_intervals(byref(r), *a, *b)
    return _text_of("relation", r.value)


def compare_spc_proportion(value, denominator, comparator, unit=100, level=0.95, z=None):
    """Fingertips SPC-for-proportions comparison; ``z`` overrides the critical value of ``level``."""
    zz = z_for_level(level) if z is None else as_real(z, "z")
    r = c_int()
    lib.carestat_compare_spc_proportion(byref(r), as_real(value, "value"), as_real(denominator, "denominator"),
                                        as_real(comparator, "comparator"), as_real(unit, "unit"), zz)
    return _text_of("relation", r.value)


def compare_spc_dsr(value, denominator, comparator, unit=100000, tail=0.025):
    """Fingertips SPC-for-DSR comparison (tail 0.025 for 95%, 0.001 for 99.8%)."""
    r = c_int()
    lib.carestat_compare_spc_dsr(byref(r), as_real(value, "value"), as_real(denominator, "denominator"),
                                 as_real(comparator, "comparator"), as_real(unit, "unit"), as_real(tail, "tail"))
    return _text_of("relation", r.value)


def judge(relation, polarity=None):
    """Apply a polarity to a relation ("Higher" + "lower" -> "Worse")."""
    j = c_int()
    lib.carestat_judge(byref(j), _code_of("relation", relation, 4), polarity_code(polarity))
    return _text_of("judgement", j.value)


# ---- funnels -------------------------------------------------------------------------------------


def poisson_limit_bisect(observed, p, side):
    """Exact Poisson limit by bisection as PHE/Fingertips (side "low" or "high")."""
    if side not in ("low", "high"):
        raise ValueError('side must be "low" or "high"')
    return _out1(lib.carestat_poisson_limit_bisect, as_real(observed, "observed"), as_real(p, "p"),
                 0 if side == "low" else 1)


def funnel_proportion_limits(baseline, population, level=0.95, multiplier=100):
    """Proportion funnel control limits at one population: ``(lower, upper)``."""
    lo, hi = c_double(), c_double()
    lib.carestat_funnel_proportion_limits(byref(lo), byref(hi), as_real(baseline, "baseline"),
                                          as_real(population, "population"), _level(level),
                                          as_real(multiplier, "multiplier"))
    return Limits(lo.value, hi.value)


def funnel_ratio_limits(observed, level=0.95):
    """Ratio funnel limits at an observed count."""
    out = [c_double() for _ in range(4)]
    lib.carestat_funnel_ratio_limits(*map(byref, out), as_real(observed, "observed"), _level(level))
    return RatioFunnelLimits(*(o.value for o in out))


def funnel_rate_limits(events, average, years=1, multiplier=100000, level=0.95):
    """Rate funnel limits at a number of events."""
    out = [c_double() for _ in range(4)]
    lib.carestat_funnel_rate_limits(*map(byref, out), as_real(events, "events"), as_real(average, "average"),
                                    as_real(years, "years"), as_real(multiplier, "multiplier"), _level(level))
    return RateFunnelLimits(*(o.value for o in out))


_FUNNEL_STATS = {"proportion": 0, "ratio": 1, "rate": 2}


def funnel_axis(statistic, min_value, max_value, average=math.nan, years=1):
    """The 100-point x axis of a PHE funnel plot for "proportion", "ratio" or "rate"."""
    if statistic not in _FUNNEL_STATS:
        raise ValueError('statistic must be "proportion", "ratio" or "rate"')
    buf = (c_double * 100)()
    n = lib.carestat_funnel_axis(buf, 100, _FUNNEL_STATS[statistic], as_real(min_value, "min_value"),
                                 as_real(max_value, "max_value"), as_real(average, "average"),
                                 as_real(years, "years"))
    return list(buf[:n])


def funnel_significance_proportion(x, n, baseline):
    """Funnel significance of x/n against a baseline proportion ("High (0.001)", "Not significant", ...)."""
    s = c_int()
    lib.carestat_funnel_significance_proportion(byref(s), as_real(x, "x"), as_real(n, "n"),
                                                as_real(baseline, "baseline"))
    return _text_of("funnel_sig", s.value)


def funnel_significance_ratio(observed, expected, comparator=1):
    """Funnel significance of O/E against a comparator ratio."""
    s = c_int()
    lib.carestat_funnel_significance_ratio(byref(s), as_real(observed, "observed"),
                                           as_real(expected, "expected"), as_real(comparator, "comparator"))
    return _text_of("funnel_sig", s.value)


def funnel_rate_denominator(observed, rate, denominator=math.nan, multiplier=100000, years=1, is_dsr=False):
    """Derived one-year denominator of a rate for funnels: multiplier * O / rate / years."""
    return _out1(lib.carestat_funnel_rate_denominator, as_real(observed, "observed"), as_real(rate, "rate"),
                 as_real(denominator, "denominator"), as_real(multiplier, "multiplier"), as_real(years, "years"),
                 int(bool(is_dsr)))


def funnel_significance_rate(observed, rate, comparator, denominator=math.nan, multiplier=100000, is_dsr=False):
    """Funnel significance of a rate against a comparator rate."""
    s = c_int()
    lib.carestat_funnel_significance_rate(byref(s), as_real(observed, "observed"), as_real(rate, "rate"),
                                          as_real(denominator, "denominator"), as_real(comparator, "comparator"),
                                          as_real(multiplier, "multiplier"), int(bool(is_dsr)))
    return _text_of("funnel_sig", s.value)


# ---- bands, trend, change, SPC ------------------------------------------------------------------


def quantile_bands(values, nquantiles=4, highest_first=True):
    """Quantile band (1..nquantiles) of each value with PHE's rank and tie rule; 0 for NaN.

    Band 1 holds the highest values when ``highest_first`` (PHE's default); for a polarity pass
    ``highest_first=(polarity == "higher")`` to put the best values in band 1.
    """
    ptr, n, keep = _doubles(values, "values")
    out = (c_int * max(n, 1))()
    lib.carestat_quantile_bands(out, ptr, n, as_int(nquantiles, "nquantiles"), int(bool(highest_first)))
    del keep
    return list(out[:n])


def recent_trend(t, count=None, denominator=None, value=None, lower=None, upper=None, polarity=None,
                 level=0.95, kind=None, z=None):
    """Recent trend over the last 5 points (Fingertips): proportions from ``count``/``denominator``
    (Cochran-Armitage) or other values from ``value``/``lower``/``upper`` (weighted regression).

    ``kind`` ("proportion" or "weighted") is inferred from the arguments given.  ``z`` gives the
    critical value of the intervals directly (Fingertips divides by 3.92, i.e. z = 1.96) instead of
    the full-precision z of ``level``.  Returns a
    :class:`TrendResult` whose marker, label and reason are the library's texts.
    """
    if kind is None:
        kind = "proportion" if count is not None else "weighted"
    if kind not in ("proportion", "weighted"):
        raise ValueError('kind must be "proportion" or "weighted"')
    arrays = [("t", _doubles(t, "t"))]
    need = ("count", "denominator") if kind == "proportion" else ("value", "lower", "upper")
    given = {"count": count, "denominator": denominator, "value": value, "lower": lower, "upper": upper}
    for name in need:
        arrays.append((name, _doubles(given[name], name)))
    n = _same_length(arrays)
    ptrs = {name: a[0] for name, a in arrays}
    r = CTrendResult()
    fn, last = (lib.carestat_recent_trend, _level(level)) if z is None else (lib.carestat_recent_trend_z,
                                                                            as_real(z, "z"))
    fn(byref(r), 0 if kind == "proportion" else 1, ptrs["t"], ptrs.get("count"), ptrs.get("denominator"),
       ptrs.get("value"), ptrs.get("lower"), ptrs.get("upper"), n, polarity_code(polarity), last)
    del arrays
    return TrendResult(_text_of("trend_marker", r.marker), _text_of("trend_label", r.label),
                       _text_of("trend_reason", r.reason), r.chi2, r.slope, int(r.points))


def trend_label_for(marker, polarity=None):
    """Label of a trend marker through a polarity ("Increasing" + "lower" -> "Increasing and getting worse")."""
    code = lib.carestat_trend_label_for(_code_of("trend_marker", marker, 4), polarity_code(polarity))
    return _text_of("trend_label", code)


def change_test(x1, n1, x2, n2, kind="proportion", multiplier=None, level=0.95):
    """Change between two periods with a significance test (period 1 earlier, period 2 later).

    ``kind="proportion"`` (two-proportion z-test, multiplier 100 by default) or ``"rate"``
    (exact conditional Poisson test, multiplier 10000 by default).
    """
    if kind not in ("proportion", "rate"):
        raise ValueError('kind must be "proportion" or "rate"')
    if multiplier is None:
        multiplier = 100 if kind == "proportion" else 10000
    r = CChangeResult()
    lib.carestat_change_test(byref(r), 0 if kind == "proportion" else 1, as_real(x1, "x1"), as_real(n1, "n1"),
                             as_real(x2, "x2"), as_real(n2, "n2"), as_real(multiplier, "multiplier"),
                             _level(level))
    return ChangeResult(r.value1, r.value2, r.difference, r.ratio, r.statistic, r.p_value, bool(r.significant),
                        _text_of("relation", r.relation), _text_of("change_method", r.method))


def spc_xmr(y, improvement=None, screen_outliers=True, target=None, fix_after_n_points=0):
    """Making Data Count XmR chart: limits, per-point rules and variation types, overall calls.

    Returns an :class:`SpcResult`; ``rules`` and ``point_types`` are lists of the library's texts
    ("Above UCL", "special_cause_improvement", ...).
    """
    ptr, n, keep = _doubles(y, "y")
    o = CSpcOptions()
    lib.carestat_spc_options_init(byref(o))
    o.improvement = polarity_code(improvement)
    o.screen_outliers = 1 if screen_outliers else 0
    o.target = math.nan if target is None else as_real(target, "target")
    o.fix_after_n_points = as_int(fix_after_n_points, "fix_after_n_points")
    s = CSpcSummary()
    cap = max(n, 1)
    rules, types = (c_int * cap)(), (c_int * cap)()
    lib.carestat_spc_xmr(byref(s), rules, types, cap, ptr, n, byref(o))
    del keep
    return SpcResult(s.mean, s.amr, s.lpl, s.upl, s.near_lpl, s.near_upl,
                     _text_of("spc_point_type", s.variation), _text_of("spc_assurance", s.assurance),
                     bool(s.trial_limits), int(s.points),
                     [_text_of("spc_rule", r) for r in rules[:n]],
                     [_text_of("spc_point_type", t) for t in types[:n]])


# ---- rounding and disclosure control ----------------------------------------------------------


def round_half_up_ratio(num, den, scale=1):
    """Exact half-up rounding of num * scale / den on integers (46 * 100 / 80 = 57.5 -> 58)."""
    out = c_int64()
    lib.carestat_round_half_up_ratio(byref(out), as_int(num, "num"), as_int(den, "den"), as_int(scale, "scale"))
    return out.value


def round_half_up_percent(num, den, decimals=0):
    """Percentage from integer counts, exactly rounded half-up (46 of 80 -> 58)."""
    return _out1(lib.carestat_round_half_up_percent, as_int(num, "num"), as_int(den, "den"),
                 as_int(decimals, "decimals"))


def round_half_up_rate(num, den, per=10000, decimals=0):
    """Rate per ``per`` from integer counts, exactly rounded half-up."""
    return _out1(lib.carestat_round_half_up_rate, as_int(num, "num"), as_int(den, "den"), as_int(per, "per"),
                 as_int(decimals, "decimals"))


def round_half_up(value, decimals=0):
    """Half-up rounding of a float (2.675 -> 2.68; halves away from zero)."""
    return _out1(lib.carestat_round_half_up, as_real(value, "value"), as_int(decimals, "decimals"))


def round_to_nearest(count, base=10):
    """Round a count to the nearest multiple of ``base``, halves up (83,845 -> 83,850)."""
    out = c_int64()
    lib.carestat_round_to_nearest(byref(out), as_int(count, "count"), as_int(base, "base"))
    return out.value


def suppress(count, threshold=6, suppress_zero=False):
    """True when a count must be shown as "c" (below the threshold; zero only if suppress_zero)."""
    f = c_uint32()
    lib.carestat_suppress(byref(f), as_real(count, "count"), as_real(threshold, "threshold"),
                          int(bool(suppress_zero)))
    return bool(f.value)


def suppress_derived(numerator, denominator, threshold=6, suppress_zero=False, check_complement=True):
    """True when a value derived from two counts must be shown as "c"."""
    f = c_uint32()
    lib.carestat_suppress_derived(byref(f), as_real(numerator, "numerator"), as_real(denominator, "denominator"),
                                  as_real(threshold, "threshold"), int(bool(suppress_zero)),
                                  int(bool(check_complement)))
    return bool(f.value)


def polarity_text(polarity):
    """The library's text of a polarity ("none", "higher is better", "lower is better")."""
    return _text_of("polarity", polarity_code(polarity))


__all__ = [n for n in dir() if not n.startswith("_") and n not in (
    "ctypes", "math", "namedtuple", "byref", "c_double", "c_int", "c_int64", "c_size_t", "c_uint32",
    "CChangeResult", "CSpcOptions", "CSpcSummary", "CTrendResult", "lib", "as_int", "as_real", "text")]
