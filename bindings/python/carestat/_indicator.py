"""The indicator catalogue (indicator.h) and carestat_compute()."""

import ctypes
from collections import namedtuple
from ctypes import byref, c_char_p, c_size_t, c_uint

from ._lib import CRequest, TableP, lib
from ._util import as_bytes, as_int, as_real, as_str_list, text

Indicator = namedtuple("Indicator", ("id", "title", "unit", "polarity", "population", "definition", "source",
                                     "period"))
Indicator.__doc__ = """One indicator of the catalogue: stable id, title, unit ("count", "percent",
"rate per 10,000", ...), polarity ("none", "higher is better", "lower is better"), the population it
covers, its definition, its source, and its period ("year to 31 March" or "census year to 30 September")."""

_PERIODS = ("year to 31 March", "census year to 30 September")
_DISCLOSURE = {"none": 0, "dfe": 1}
REQUEST_VERSION = 1


def _indicator_at(i):
    pk = lib.carestat_indicator_period_kind(i)
    return Indicator(text(lib.carestat_indicator_id(i)), text(lib.carestat_indicator_title(i)),
                     text(lib.carestat_unit_text(lib.carestat_indicator_unit(i))),
                     text(lib.carestat_polarity_text(lib.carestat_indicator_polarity(i))),
                     text(lib.carestat_indicator_population(i)), text(lib.carestat_indicator_definition(i)),
                     text(lib.carestat_indicator_source(i)), _PERIODS[pk] if pk in (0, 1) else "")


def indicators(as_frame=False):
    """The indicator catalogue: a list of :class:`Indicator` records, or a pandas DataFrame."""
    recs = [_indicator_at(i) for i in range(int(lib.carestat_indicator_count()))]
    if as_frame:
        import pandas as pd
        return pd.DataFrame(recs, columns=Indicator._fields)
    return recs


def indicator(id):
    """One indicator by id; Error(CARESTAT_ENOTFOUND) for an unknown id."""
    i = c_size_t()
    lib.carestat_indicator_find(byref(i), as_bytes(id, "id"))
    return _indicator_at(i.value)


def indicators_markdown():
    """The catalogue as Markdown (the text of docs/indicators.md)."""
    p = ctypes.c_void_p()
    lib.carestat_indicators_markdown(byref(p))
    try:
        return ctypes.string_at(p.value).decode("utf-8", "replace") if p.value else ""
    finally:
        lib.carestat_free(p)


def disclosure_threshold():
    """The smallest count DfE publishes under disclosure="dfe" (6)."""
    return lib.carestat_disclosure_threshold()


def rule_bit(name):
    """Bit of a counting-rule variant by name (e.g. "placements_spb_only")."""
    b = c_uint()
    lib.carestat_rule_from_name(byref(b), as_bytes(name, "rule"))
    return b.value


def rule_names():
    """Names of every counting-rule variant."""
    out = []
    for i in range(32):
        t = lib.carestat_rule_name(1 << i)
        if t:
            out.append(text(t))
    return out


def _years(years):
    if years is None:
        return 0, 0
    if isinstance(years, range):
        if len(years) == 0:
            raise ValueError("years is an empty range")
        return years[0], years[-1]
    if isinstance(years, (tuple, list)):
        if len(years) != 2:
            raise ValueError("years must be a year, (first, last) or a range")
        a = 0 if years[0] is None else as_int(years[0], "years")
        b = 0 if years[1] is None else as_int(years[1], "years")
        return a, b
    y = as_int(years, "years")
    return y, y


def _cstrings(items):
    if not items:
        return None, 0, None
    bs = [as_bytes(s, "item") for s in items]
    arr = (c_char_p * len(bs))(*bs)
    return arr, len(bs), (arr, bs)


def compute(dataset, indicators=None, orgs=None, years=None, level=0.95, disclosure="none", rules=()):
    """Compute indicators from a loaded dataset (see :meth:`Dataset.compute`)."""
    from ._table import Table

    req = CRequest()
    lib.carestat_request_init(byref(req), REQUEST_VERSION)
    ind, nind, keep1 = _cstrings(as_str_list(indicators, "indicators"))
    org, norg, keep2 = _cstrings(as_str_list(orgs, "orgs"))
    req.indicators, req.n_indicators = ind, nind
    req.orgs, req.n_orgs = org, norg
    req.year_from, req.year_to = _years(years)
    req.level = as_real(level, "level")
    if disclosure not in _DISCLOSURE:
        raise ValueError('disclosure must be "none" or "dfe"')
    req.disclosure = _DISCLOSURE[disclosure]
    bits = 0
    for r in as_str_list(rules, "rules") or []:
        bits |= rule_bit(r)
    req.rules = bits
    out = TableP()
    dataset._call(lib.carestat_compute, byref(out), dataset._ptr, byref(req))
    del keep1, keep2
    return Table._from_ptr(out)


__all__ = ["Indicator", "indicators", "indicator", "indicators_markdown", "disclosure_threshold",
           "rule_names"]
