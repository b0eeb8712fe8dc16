"""The observation table: the one shape everything computed or read by carestat ends up in."""

import ctypes
import math
from collections import namedtuple

from . import _lib
from ._dates import from_days, to_days
from ._handle import Handle
from ._lib import (CObservation, Error, TableP, c_date, lib, take_string)
from ._util import as_bytes, as_int, as_path, text

FIELDS = ("org_code", "org_name", "period_start", "period_end", "indicator", "numerator",
          "denominator", "value", "lower", "upper", "flags", "source")

Observation = namedtuple("Observation", FIELDS)
Observation.__doc__ = """One observation of an indicator for an organisation and a period.

``period_start``/``period_end`` are :class:`datetime.date` (None if missing), the numbers are
floats (NaN when missing), ``flags`` is the DfE symbols joined by ';' (e.g. ``"c"``, ``""`` for
none) and ``source`` is ``"computed"`` or the publication edition."""

# Numeric columns: name -> carestat_column value (table.h).
_DOUBLE_COLUMNS = {"numerator": 0, "denominator": 1, "value": 2, "lower": 3, "upper": 4}
_DATE_COLUMNS = {"period_start": 0, "period_end": 1}
_TEXT_COLUMNS = ("org_code", "org_name", "indicator", "source")

# Flag bits (table.h); names are the symbols carestat_flags_format() writes.
FLAG_SUPPRESSED = 1 << 0
FLAG_NOT_AVAILABLE = 1 << 1
FLAG_NOT_APPLICABLE = 1 << 2
FLAG_ROUNDS_TO_ZERO = 1 << 3
FLAG_UNRELIABLE = 1 << 4
FLAG_LOW = 1 << 5
FLAG_COMBINED = 1 << 6
FLAG_NO_INTERVAL = 1 << 7
FLAG_REVISED = 1 << 8


def format_flags(bits):
    """Flag bits -> the DfE symbols joined by ';' (``"c;combined"``), as the library writes them."""
    bits = as_int(bits, "flags")
    if bits < 0 or bits > 0xFFFFFFFF:
        raise ValueError("flags must fit in 32 bits")
    buf = ctypes.create_string_buffer(128)
    n = lib.carestat_flags_format(buf, len(buf), bits)
    if n >= len(buf):  # cannot happen with 128 bytes (64 is documented as enough)
        buf = ctypes.create_string_buffer(n + 1)
        lib.carestat_flags_format(buf, len(buf), bits)
    return buf.value.decode("ascii")


def parse_flags(value):
    """``"c;combined"`` (or an iterable of symbols, or int bits) -> flag bits."""
    if value is None or value == "":
        return 0
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    parts = value.split(";") if isinstance(value, str) else list(value)
    bits = 0
    out = ctypes.c_uint32()
    for p in parts:
        if not isinstance(p, str):
            raise TypeError(f"flag symbols must be str, not {type(p).__name__}")
        if not p.strip():
            continue
        lib.carestat_flag_parse(ctypes.byref(out), as_bytes(p, "flag"))
        bits |= out.value
    return bits


def _obs_from_c(o):
    return Observation(text(o.org_code), text(o.org_name), from_days(o.period_start),
                       from_days(o.period_end), text(o.indicator), o.numerator, o.denominator,
                       o.value, o.lower, o.upper, format_flags(o.flags), text(o.source))


def _num(v, name):
    if v is None:
        return math.nan
    if isinstance(v, bool) or not isinstance(v, (int, float)) and not hasattr(v, "__float__"):
        raise TypeError(f"{name} must be a number or None, not {type(v).__name__}")
    return float(v)


def _obs_to_c(rec):
    """Mapping / Observation / namedtuple -> (CObservation, keepalive list)."""
    if hasattr(rec, "_asdict"):
        rec = rec._asdict()
    if not hasattr(rec, "get"):
        raise TypeError(f"an observation must be a mapping or an Observation, not {type(rec).__name__}")
    unknown = set(rec) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown observation fields: {', '.join(sorted(unknown))}")
    keep = []

    def s(name):
        b = as_bytes(rec.get(name) or "", name)
        keep.append(b)
        return b

    o = CObservation()
    o.org_code = s("org_code")
    o.org_name = s("org_name")
    o.period_start = to_days(rec.get("period_start"))
    o.period_end = to_days(rec.get("period_end"))
    o.indicator = s("indicator")
    for f in ("numerator", "denominator", "value", "lower", "upper"):
        setattr(o, f, _num(rec.get(f), f))
    o.flags = parse_flags(rec.get("flags"))
    o.source = s("source")
    return o, keep


class Table(Handle):
    """A table of observations (``carestat_table``).

    ``Table()`` is empty; ``Table(records)`` appends each record (an :class:`Observation` or a
    mapping with its field names).  Tables also come from :meth:`Dataset.compute`,
    :meth:`Dataset.published`, :meth:`filter` and :meth:`series`.  Iteration yields
    :class:`Observation` records.  A table owns its C memory: :meth:`close` (or ``with``) frees it
    early, otherwise it is freed when garbage-collected.
    """

    _kind = "Table"

    def __init__(self, records=None):
        p = TableP()
        lib.carestat_table_new(ctypes.byref(p))
        self._adopt(p, lib.carestat_table_free)
        if records is not None:
            for r in records:
                self.append(r)

    @classmethod
    def _from_ptr(cls, p):
        t = cls.__new__(cls)
        t._adopt(p, lib.carestat_table_free)
        return t

    # ---- size and rows ------------------------------------------------------------------------

    def __len__(self):
        return int(lib.carestat_table_count(self._ptr))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = as_int(index, "index")
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("Table index out of range")
        o = CObservation()
        lib.carestat_table_get(ctypes.byref(o), self._ptr, i)
        return _obs_from_c(o)

    def __iter__(self):
        p = self._ptr
        o = CObservation()
        for i in range(int(lib.carestat_table_count(p))):
            lib.carestat_table_get(ctypes.byref(o), p, i)
            yield _obs_from_c(o)

    def __repr__(self):
        if self.closed:
            return "<carestat.Table (closed)>"
        return f"<carestat.Table with {len(self)} observations>"

    def _repr_html_(self):
        """Notebook display: the first 50 rows as an HTML table (needs pandas; else the plain repr)."""
        if self.closed:
            return None
        try:
            import pandas  # noqa: F401
        except ImportError:
            return None
        n = len(self)
        head = Table(self[:50]) if n > 50 else self
        html = head.to_pandas().to_html(index=False, na_rep="")
        word = "observation" if n == 1 else "observations"
        return html + (f"<p>{n} {word} (first 50 shown)</p>" if n > 50 else f"<p>{n} {word}</p>")

    def to_records(self):
        """Every observation as a dict (field name -> value), in table order."""
        return [o._asdict() for o in self]

    # ---- building -----------------------------------------------------------------------------

    def append(self, record=None, **fields):
        """Append one observation (a mapping, an :class:`Observation`, or keyword fields)."""
        if record is None:
            record = fields
        elif fields:
            raise TypeError("give a record or keyword fields, not both")
        o, keep = _obs_to_c(record)
        lib.carestat_table_append(self._ptr, ctypes.byref(o))
        del keep
        return self

    def extend(self, other):
        """Append every observation of another :class:`Table` (or an iterable of records)."""
        if isinstance(other, Table):
            lib.carestat_table_append_table(self._ptr, other._ptr)
        else:
            for r in other:
                self.append(r)
        return self

    def sort(self):
        """Sort in place by organisation, indicator, period end, then source (stable); returns self."""
        lib.carestat_table_sort(self._ptr)
        return self

    # ---- selections -----------------------------------------------------------------------------

    def filter(self, org=None, indicator=None):
        """New table with the rows of one organisation and/or one indicator (None = any)."""
        out = TableP()
        lib.carestat_table_filter(ctypes.byref(out), self._ptr, as_bytes(org, "org", True),
                                  as_bytes(indicator, "indicator", True))
        return Table._from_ptr(out)

    def series(self, org, indicator):
        """The time series of one indicator for one organisation, sorted by period end.

        Where several rows share a period end (two editions of a published value), the last one
        appended wins.
        """
        out = TableP()
        lib.carestat_table_series(ctypes.byref(out), self._ptr, as_bytes(org, "org"),
                                  as_bytes(indicator, "indicator"))
        return Table._from_ptr(out)

    def orgs(self):
        """Distinct organisation codes, in first-seen order."""
        return list(dict.fromkeys(o.org_code for o in self))

    def indicators(self):
        """Distinct indicator ids, in first-seen order."""
        return list(dict.fromkeys(o.indicator for o in self))

    # ---- columns (numpy: numpy allocates, C fills) ------------------------------------------

    def to_numpy(self, column, dates="datetime64"):
        """One column as a numpy array.

        Numeric columns (numerator, denominator, value, lower, upper) are float64 arrays that
        the library writes straight into (no copy).  ``flags`` gives the uint32 bit sets.  Date
        columns (period_start, period_end) give ``datetime64[D]`` (missing dates as NaT; one
        conversion from the library's int32 days) or, with ``dates="days"``, the int32 days since
        1970-01-01 exactly as the library holds them.  Text columns (org_code, org_name,
        indicator, source) give object arrays of str.
        """
        import numpy as np

        p = self._ptr
        n = int(lib.carestat_table_count(p))
        if column in _DOUBLE_COLUMNS:
            out = np.empty(n, dtype=np.float64)
            got = lib.carestat_table_column_double(out.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
                                                   n, p, _DOUBLE_COLUMNS[column])
            assert got == n
            return out
        if column in _DATE_COLUMNS:
            days = np.empty(n, dtype=np.int32)
            got = lib.carestat_table_column_date(days.ctypes.data_as(ctypes.POINTER(c_date)), n, p,
                                                 _DATE_COLUMNS[column])
            assert got == n
            if dates == "days":
                return days
            if dates != "datetime64":
                raise ValueError('dates must be "datetime64" or "days"')
            out = days.astype("datetime64[D]")
            out[days == _lib.DATE_NONE] = np.datetime64("NaT")
            return out
        if column == "flags":
            out = np.empty(n, dtype=np.uint32)
            got = lib.carestat_table_column_flags(out.ctypes.data_as(ctypes.POINTER(ctypes.c_uint32)), n, p)
            assert got == n
            return out
        if column in _TEXT_COLUMNS:
            return np.array([getattr(o, column) for o in self], dtype=object)
        if column == "flags_text":
            return np.array([o.flags for o in self], dtype=object)
        raise ValueError(f"unknown column {column!r}; columns are {', '.join(FIELDS)}")

    def column(self, name):
        """One column as a Python list (no numpy needed): floats, dates, str."""
        if name not in FIELDS:
            raise ValueError(f"unknown column {name!r}; columns are {', '.join(FIELDS)}")
        return [getattr(o, name) for o in self]

    def to_pandas(self):
        """A pandas DataFrame: one row per observation, dates as datetime64[ns], flags as str."""
        import pandas as pd

        data = {}
        texts = {c: [] for c in _TEXT_COLUMNS}
        flags = []
        for o in self:
            for c in _TEXT_COLUMNS:
                texts[c].append(getattr(o, c))
            flags.append(o.flags)
        for c in FIELDS:
            if c in _TEXT_COLUMNS:
                data[c] = pd.Series(texts[c], dtype=object)
            elif c == "flags":
                data[c] = pd.Series(flags, dtype=object)
            elif c in _DATE_COLUMNS:
                data[c] = pd.to_datetime(self.to_numpy(c))
            else:
                data[c] = self.to_numpy(c)
        return pd.DataFrame(data, columns=list(FIELDS))

    # ---- writers --------------------------------------------------------------------------------

    def to_csv(self, path=None):
        """Write CSV to ``path`` (the library's format); with no path, return the CSV text."""
        if path is not None:
            lib.carestat_table_write_csv(self._ptr, as_path(path))
            return None
        p, n = ctypes.c_void_p(), ctypes.c_size_t()
        lib.carestat_table_to_csv(ctypes.byref(p), ctypes.byref(n), self._ptr)
        return take_string(p, n)

    def to_json(self, path=None):
        """Write JSON to ``path`` (an array of objects); with no path, return the JSON text."""
        if path is not None:
            lib.carestat_table_write_json(self._ptr, as_path(path))
            return None
        p, n = ctypes.c_void_p(), ctypes.c_size_t()
        lib.carestat_table_to_json(ctypes.byref(p), ctypes.byref(n), self._ptr)
        return take_string(p, n)

    def with_intervals(self, level=0.95, replace=False):
        """A copy in which rows without an interval get one from their numerator and denominator.

        Percentages get a Wilson interval and rates per 10,000 an exact Poisson (fewer than 10
        events) or Byar's interval (the statistics module's functions), as computed rows have;
        the unit comes from the indicator catalogue, else from value / (numerator / denominator).
        The published value itself is kept as it is (published rates are rounded).  Rows that
        already have an interval keep it unless ``replace``; counts and rows without both counts
        are copied unchanged.  Useful for published tables, which carry no intervals.
        """
        from ._indicator import indicator as lookup
        from ._stats import proportion_ci, rate_ci
        units = {}
        out = Table()
        for o in self:
            rec = o._asdict()
            has_ci = not (math.isnan(o.lower) or math.isnan(o.upper))
            usable = (not math.isnan(o.numerator) and not math.isnan(o.denominator) and o.denominator > 0
                      and o.numerator >= 0)
            if usable and (replace or not has_ci):
                unit = units.get(o.indicator)
                if unit is None:
                    try:
                        unit = lookup(o.indicator).unit
                    except Error:
                        unit = ""
                    units[o.indicator] = unit
                mult = {"percent": 100.0, "rate per 10,000": 10000.0}.get(unit)
                if mult is None and not math.isnan(o.value) and o.numerator > 0:
                    ratio = o.value / (o.numerator / o.denominator)
                    mult = next((m for m in (100.0, 10000.0) if abs(ratio / m - 1) < 0.02), None)
                try:
                    if mult == 100.0 and o.numerator <= o.denominator:
                        ci = proportion_ci(o.numerator, o.denominator, level=level, multiplier=100)
                    elif mult == 10000.0:
                        ci = rate_ci(o.numerator, o.denominator, multiplier=10000, level=level)
                    else:
                        ci = None
                except Error:
                    ci = None
                if ci is not None:
                    rec["lower"], rec["upper"] = ci.lower, ci.upper
            out.append(rec)
        return out

    # ---- series analysis (trend.h) --------------------------------------------------------------

    def continued(self, org, indicator, dataset=None):
        """The series of ``org`` continued across reorganisations (predecessors, successors, a
        trust's councils), combining counts and denominators (never averaging rates); combined
        years carry the "combined" flag."""
        from ._series import continued
        return continued(self, org, indicator, dataset=dataset)

    def trend(self, org, indicator, dataset=None, level=0.95, polarity=None, year=None, continued=True,
              england="E92000001", region=None, neighbours=None):
        """Trend and benchmark of one series at one period, in one call (a :class:`SeriesReport`):
        change from the previous year with its test, recent trend (5 points), SPC, comparison with
        England, the region and statistical neighbours, quartile band among councils.

        Comparator rows come from this table (published tables carry England and regional rows).
        ``polarity`` None uses the catalogue's; ``year`` None the latest with a value.
        """
        from ._series import analyse
        return analyse(self, org, indicator, dataset=dataset, level=level, polarity=polarity, year=year,
                       continued=continued, england=england, region=region, neighbours=neighbours)

    def benchmarks(self, org, indicator, dataset=None, continued=True, england="E92000001", region=None,
                   neighbours=None):
        """The series of ``org`` with its comparators for the same periods: England, the region and
        the statistical neighbours' mean (org_code ``"neighbours:<org>"``), in one table."""
        from ._series import benchmarks
        return benchmarks(self, org, indicator, dataset=dataset, continued=continued, england=england,
                          region=region, neighbours=neighbours)

    def trend_csv(self, orgs, indicators=None, dataset=None, **options):
        """Trend reports for every (organisation, indicator) pair as CSV text."""
        from ._series import trend_csv
        return trend_csv(self, orgs, indicators=indicators, dataset=dataset, **options)

    # ---- plotting -------------------------------------------------------------------------------

    def plot(self, org, indicator, ax=None, comparator="E92000001", label=None, **kwargs):
        """Draw one series with its interval band and a comparator line (matplotlib).

        See :func:`carestat.plot.plot_series` for the arguments; returns the Axes.
        """
        from .plot import plot_series
        return plot_series(self, org, indicator, ax=ax, comparator=comparator, label=label, **kwargs)


__all__ = ["Table", "Observation", "FIELDS", "format_flags", "parse_flags"]
