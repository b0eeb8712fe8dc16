"""Dates: carestat dates are days since 1970-01-01 in C and :class:`datetime.date` in Python."""

import ctypes
import datetime

from . import _lib
from ._lib import lib, c_date
from ._util import as_int, as_bytes

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


def to_days(d):
    """A date (``datetime.date``, ``datetime.datetime``, ISO/DfE text, or days as int) -> days since 1970-01-01.

    ``None`` gives the library's missing-date value.
    """
    if d is None:
        return _lib.DATE_NONE
    if isinstance(d, datetime.datetime):
        d = d.date()
    if isinstance(d, datetime.date):
        return d.toordinal() - _EPOCH_ORDINAL
    if isinstance(d, str):
        return _parse_days(d)
    if hasattr(d, "to_pydatetime"):  # pandas.Timestamp
        return d.to_pydatetime().date().toordinal() - _EPOCH_ORDINAL
    return as_int(d, "date")


def from_days(n):
    """Days since 1970-01-01 -> ``datetime.date`` (None for the missing-date value)."""
    n = int(n)
    if n == _lib.DATE_NONE:
        return None
    return datetime.date.fromordinal(n + _EPOCH_ORDINAL)


def _parse_days(text):
    b = as_bytes(text, "text")
    out = c_date()
    lib.carestat_date_parse(ctypes.byref(out), b, len(b))
    return out.value


def parse_date(text):
    """Parse ``dd/mm/yyyy``, ``yyyy-mm-dd`` or an ISO date-time the way the library does.

    Raises :class:`carestat.Error` (``CARESTAT_EPARSE`` or ``CARESTAT_ERANGE``) for anything else,
    including impossible dates such as 31/02/2020.
    """
    return from_days(_parse_days(text))


def format_date(d):
    """ISO ``yyyy-mm-dd`` text of a date, as the library writes it ("" for a missing date)."""
    buf = ctypes.create_string_buffer(16)
    lib.carestat_date_format(buf, len(buf), to_days(d))
    return buf.value.decode("ascii")


def make_date(year, month, day):
    """A ``datetime.date``, checked by the library (Error ``CARESTAT_ERANGE`` for impossible dates)."""
    out = c_date()
    lib.carestat_date_from_ymd(ctypes.byref(out), as_int(year, "year"), as_int(month, "month"),
                               as_int(day, "day"))
    return from_days(out.value)


def is_leap_year(year):
    """Whether ``year`` is a Gregorian leap year."""
    return bool(lib.carestat_date_is_leap_year(as_int(year, "year")))


def days_in_month(year, month):
    """Days in a month (0 for a month outside 1..12)."""
    return lib.carestat_date_days_in_month(as_int(year, "year"), as_int(month, "month"))


def age_years(dob, at):
    """Age in whole years on ``at`` (DfE's rule for 29 February births); None if a date is missing."""
    if dob is None or at is None:
        return None
    return lib.carestat_age_years(to_days(dob), to_days(at))


def add_years(d, years):
    """Add whole years (29 February -> 28 February in a common year); None when out of range."""
    return from_days(lib.carestat_date_add_years(to_days(d), as_int(years, "years")))


def period_year_to_march(year):
    """The reporting year ending 31 March ``year``: ``(1 April year-1, 31 March year)``."""
    s, e = c_date(), c_date()
    lib.carestat_period_year_to_march(ctypes.byref(s), ctypes.byref(e), as_int(year, "year"))
    return from_days(s.value), from_days(e.value)


def period_year_to_september(year):
    """The workforce census year to 30 September ``year``: ``(1 October year-1, 30 September year)``."""
    s, e = c_date(), c_date()
    lib.carestat_period_year_to_september(ctypes.byref(s), ctypes.byref(e), as_int(year, "year"))
    return from_days(s.value), from_days(e.value)


def reporting_year_of(d):
    """The year in which the reporting year (to 31 March) containing ``d`` ends; None if missing."""
    y = lib.carestat_reporting_year_of(to_days(d))
    return y or None
