"""Series across reorganisations, trend and benchmark (trend.h), and published statistics (published.h)."""

import ctypes
import math
from collections import namedtuple
from ctypes import byref, c_char_p

from ._dates import from_days
from ._lib import (CPublishedOptions, CRevision, CSeriesReport, CTrendOptions, DiagListP, RevisionsP,
                   TableP, lib, take_string)
from ._stats import polarity_code
from ._util import as_bytes, as_int, as_path, as_real, as_str_list, text

TREND_OPTIONS_VERSION = 1
PUBLISHED_OPTIONS_VERSION = 1

SeriesReport = namedtuple("SeriesReport", (
    "org_code", "indicator", "year", "period_end", "unit", "polarity", "multiplier", "value", "numerator",
    "denominator", "lower", "upper", "flags", "points", "previous_value", "change", "change_p_value",
    "change_relation", "change_judgement", "trend", "trend_reason", "trend_chi2", "trend_slope", "spc",
    "spc_rule", "spc_assurance", "spc_mean", "spc_lpl", "spc_upl", "england_value", "vs_england",
    "region_code", "region_value", "vs_region", "neighbours_value", "neighbours_used", "vs_neighbours",
    "quartile", "quartile_of"))
SeriesReport.__doc__ = """Trend and benchmark of one organisation's series at one period:
change from the previous year (with its test), recent trend, SPC, comparison with England, the
region and the statistical neighbours, and the quartile band among councils.  Classifications are
the library's texts ("Similar", "Decreasing and getting better", "special_cause_improvement")."""

Revision = namedtuple("Revision", ("org_code", "org_name", "indicator", "period_end", "old_value", "new_value",
                                   "change", "old_denominator", "new_denominator", "old_flags", "new_flags",
                                   "old_source", "new_source", "changed"))


def _ds(dataset):
    return None if dataset is None else dataset._ptr


def _check_table(t):
    from ._table import Table
    if not isinstance(t, Table):
        raise TypeError(f"expected a carestat.Table, not {type(t).__name__}")
    return t


def continued(table, org, indicator, dataset=None):
    """The series of ``org`` continued through predecessors, successors or a trust's councils."""
    from ._table import Table
    out = TableP()
    lib.carestat_series_continued(byref(out), _check_table(table)._ptr, _ds(dataset), as_bytes(org, "org"),
                                  as_bytes(indicator, "indicator"))
    return Table._from_ptr(out)


def _trend_options(level, polarity, year, continued_, england, region, neighbours):
    o = CTrendOptions()
    lib.carestat_trend_options_init(byref(o), TREND_OPTIONS_VERSION)
    o.level = as_real(level, "level")
    o.polarity = -1 if polarity is None else polarity_code(polarity)
    o.year = 0 if year is None else as_int(year, "year")
    o.continued = int(bool(continued_))
    keep = []
    if england is not None:
        keep.append(as_bytes(england, "england"))
        o.england_code = keep[-1]
    if region is not None:
        keep.append(as_bytes(region, "region"))
        o.region_code = keep[-1]
    ns = as_str_list(neighbours, "neighbours")
    if ns:
        bs = [as_bytes(n, "neighbours") for n in ns]
        arr = (c_char_p * len(bs))(*bs)
        keep.extend([arr, bs])
        o.neighbours, o.n_neighbours = arr, len(bs)
    return o, keep


def _report(r):
    def t(part):
        return text(lib.carestat_series_report_text(byref(r), part.encode()))
    nan = math.nan
    return SeriesReport(
        r.org_code.decode("utf-8", "replace"), r.indicator.decode("utf-8", "replace"), r.year,
        from_days(r.period_end), text(lib.carestat_unit_text(r.unit)), t("polarity"), r.multiplier, r.value,
        r.numerator, r.denominator, r.lower, r.upper, _flags(r.flags), int(r.points),
        r.previous_value if r.has_previous else nan, r.change if r.has_previous else nan,
        r.change_p_value if r.change_tested else nan, t("change"), t("change_judgement"), t("trend"),
        t("trend_reason"), r.trend.chi2, r.trend.slope, t("spc"), t("spc_rule"), t("spc_assurance"),
        r.spc.mean if r.spc_done else nan, r.spc.lpl if r.spc_done else nan, r.spc.upl if r.spc_done else nan,
        r.england_value, t("vs_england"), r.region_code.decode("utf-8", "replace"), r.region_value,
        t("vs_region"), r.neighbours_value, int(r.neighbours_used), t("vs_neighbours"), int(r.quartile),
        int(r.quartile_of))


def _flags(bits):
    from ._table import format_flags
    return format_flags(bits)


def analyse(table, org, indicator, dataset=None, level=0.95, polarity=None, year=None, continued=True,
            england="E92000001", region=None, neighbours=None):
    """Trend and benchmark of one organisation and indicator (see :meth:`Table.trend`)."""
    o, keep = _trend_options(level, polarity, year, continued, england, region, neighbours)
    r = CSeriesReport()
    args = (byref(r), _check_table(table)._ptr, _ds(dataset), as_bytes(org, "org"),
            as_bytes(indicator, "indicator"), byref(o))
    if dataset is not None:
        dataset._call(lib.carestat_series_analyse, *args)
    else:
        lib.carestat_series_analyse(*args)
    del keep
    return _report(r)


def benchmarks(table, org, indicator, dataset=None, continued=True, england="E92000001", region=None,
               neighbours=None):
    """The organisation's series with England's, the region's and the statistical neighbours' mean
    (org_code "neighbours:<org>") for the same periods, as one :class:`Table`."""
    from ._table import Table
    o, keep = _trend_options(0.95, None, None, continued, england, region, neighbours)
    out = TableP()
    args = (byref(out), _check_table(table)._ptr, _ds(dataset), as_bytes(org, "org"),
            as_bytes(indicator, "indicator"), byref(o))
    if dataset is not None:
        dataset._call(lib.carestat_series_benchmarks, *args)
    else:
        lib.carestat_series_benchmarks(*args)
    del keep
    return Table._from_ptr(out)


def trend_csv(table, orgs, indicators=None, dataset=None, level=0.95, polarity=None, year=None,
              continued=True, england="E92000001", region=None, neighbours=None):
    """Trend reports for every (organisation, indicator) pair as CSV text (the CLI's ``carestat trend``)."""
    o, keep = _trend_options(level, polarity, year, continued, england, region, neighbours)
    ob = [as_bytes(x, "orgs") for x in as_str_list(orgs, "orgs") or []]
    if not ob:
        raise ValueError("orgs must name at least one organisation")
    oa = (c_char_p * len(ob))(*ob)
    ib = [as_bytes(x, "indicators") for x in as_str_list(indicators, "indicators") or []]
    ia = (c_char_p * len(ib))(*ib) if ib else None
    p, n = ctypes.c_void_p(), ctypes.c_size_t()
    lib.carestat_trend_csv(byref(p), byref(n), _check_table(table)._ptr, _ds(dataset), oa, len(ob), ia, len(ib),
                           byref(o))
    del keep
    return take_string(p, n)


# ---- published statistics ------------------------------------------------------------------------


def _published_options(edition, year, mapping):
    o = CPublishedOptions()
    lib.carestat_published_options_init(byref(o), PUBLISHED_OPTIONS_VERSION)
    keep = []
    if edition is not None:
        keep.append(as_bytes(str(edition) if isinstance(edition, int) else edition, "edition"))
        o.edition = keep[-1]
    if year is not None:
        o.year = as_int(year, "year")
    if mapping is not None:
        keep.append(as_path(mapping, "mapping"))
        o.mapping_path = keep[-1]
    return o, keep


def read_published(path, edition=None, year=None, mapping=None):
    """Read a DfE published (EES) CSV into a new :class:`Table` without a dataset.

    ``edition`` labels each row's source (default: the latest year in the file); ``year`` is the
    reporting year of old SFR files without ``time_period``; ``mapping`` is a mapping file for a
    file the library does not know.  The table's ``diagnostics`` attribute lists what the reader
    reported.
    """
    from ._dataset import Diagnostic, severity_name
    from ._table import Table
    o, keep = _published_options(edition, year, mapping)
    dl = DiagListP()
    lib.carestat_diag_list_new(byref(dl))
    try:
        out = TableP()
        try:
            lib.carestat_published_read(byref(out), as_path(path), byref(o), dl)
            diags = _diags(dl, Diagnostic, severity_name)
        except Exception as e:
            if hasattr(e, "diagnostics"):
                e.diagnostics = _diags(dl, Diagnostic, severity_name)
                if e.diagnostics and e.message == lib.carestat_strerror(e.code).decode():
                    e.message = str(e.diagnostics[0])
                    e.args = (f"{e.function}: {e.message} [{e.name}]",)
            raise
    finally:
        lib.carestat_diag_list_free(dl)
    del keep
    t = Table._from_ptr(out)
    t.diagnostics = diags
    return t


def _diags(dl, Diagnostic, severity_name):
    out = []
    for i in range(int(lib.carestat_diag_list_count(dl))):
        d = lib.carestat_diag_list_get(dl, i).contents
        out.append(Diagnostic(text(d.source), int(d.line), int(d.column), severity_name(d.severity),
                              text(d.code), text(d.message)))
    return out


def load_published(dataset, path, edition=None, year=None, mapping=None):
    o, keep = _published_options(edition, year, mapping)
    dataset._call(lib.carestat_dataset_load_published, dataset._ptr, as_path(path), byref(o))
    del keep


def published_copy(dataset):
    from ._table import Table
    out = TableP()
    lib.carestat_dataset_published_copy(byref(out), dataset._ptr)
    return Table._from_ptr(out)


def combined_members(code):
    """Member codes of a combined organisation code ("E06000061+E06000062" -> two codes)."""
    b = as_bytes(code, "code")
    cap = 64
    codes = (c_char_p * cap)()
    buf = ctypes.create_string_buffer(len(b) + 1)
    n = lib.carestat_published_combined_members(codes, cap, buf, len(buf), b)
    if n > cap:
        raise ValueError("too many members")
    return [text(codes[i]) for i in range(n)]


def revisions(older, newer, changed_only=False):
    """Revisions between two editions: one :class:`Revision` per (organisation, indicator, period)
    present in both tables (only those that changed with ``changed_only``)."""
    p = RevisionsP()
    lib.carestat_published_revisions(byref(p), _check_table(older)._ptr, _check_table(newer)._ptr)
    try:
        out = []
        r = CRevision()
        for i in range(int(lib.carestat_revisions_count(p))):
            lib.carestat_revisions_get(byref(r), p, i)
            if changed_only and not r.changed:
                continue
            out.append(Revision(text(r.org_code), text(r.org_name), text(r.indicator), from_days(r.period_end),
                                r.old_value, r.new_value, r.change, r.old_denominator, r.new_denominator,
                                _flags(r.old_flags), _flags(r.new_flags), text(r.old_source),
                                text(r.new_source), bool(r.changed)))
        return out
    finally:
        lib.carestat_revisions_free(p)


def revisions_csv(older, newer, changed_only=False):
    """The revisions between two editions as CSV text (the library's format: org_code, org_name,
    indicator, period_end, old/new source, value, denominator and flags, change)."""
    p = RevisionsP()
    lib.carestat_published_revisions(byref(p), _check_table(older)._ptr, _check_table(newer)._ptr)
    try:
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        lib.carestat_revisions_to_csv(byref(out), byref(n), p, int(bool(changed_only)))
        return take_string(out, n)
    finally:
        lib.carestat_revisions_free(p)


__all__ = ["SeriesReport", "Revision", "read_published", "combined_members", "revisions", "revisions_csv"]
