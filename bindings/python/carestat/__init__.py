"""carestat: English children's social care indicators, from Python.

A thin ctypes binding over the carestat C library (``libcarestat.so``).  The core needs only the
standard library; numpy, pandas and matplotlib are used when present (``Table.to_numpy``,
``Table.to_pandas``, ``Table.plot``).

The library is found through ``CARESTAT_LIBRARY`` (a path; when set, nothing else is tried), then
a library next to this package, then the system (``ctypes.util.find_library``).

Quick start::

    import carestat
    carestat.proportion_ci(46, 80)            # (0.575, 0.4657, 0.6774): Wilson 95% interval
    carestat.rate_ci(30, 60000)               # (5.0, 3.37, 7.14) per 10,000, Byar's method
    with carestat.Dataset() as ds:
        ds.load_903(["return_2024/", "return_2025/"], org="E06000061")
        ds.load_population("population.csv")
        table = ds.compute(indicators=["cla.starts.rate"], years=(2019, 2025))
        df = table.to_pandas()
"""

from ._lib import Error, status_name, strerror, library_version
from ._lib import path as library_path
from ._handle import (OK, ENOMEM, EINVAL, EIO, EPARSE, ENOTFOUND, ERANGE, EUNSUPPORTED, ELIMIT,
                      ESTATE, EBUFFER)
from ._dates import (to_days, from_days, parse_date, format_date, make_date, is_leap_year,
                     days_in_month, age_years, add_years, period_year_to_march,
                     period_year_to_september, reporting_year_of)
from ._table import Table, Observation, FIELDS, format_flags, parse_flags
from ._table import (FLAG_SUPPRESSED, FLAG_NOT_AVAILABLE, FLAG_NOT_APPLICABLE, FLAG_ROUNDS_TO_ZERO,
                     FLAG_UNRELIABLE, FLAG_LOW, FLAG_COMBINED, FLAG_NO_INTERVAL, FLAG_REVISED)
from ._dataset import Dataset, Diagnostic, LoadSummary, severity_name
from . import _lib
from ._org import (Org, LineageLink, Neighbour, org, orgs, region, predecessors, successors,
                   trust_councils, delivered_by, expand)
from ._indicator import (Indicator, indicators, indicator, indicators_markdown, disclosure_threshold,
                         rule_names)
from ._synth import SynthSummary, synth, synth_org_code, synth_org_name
from ._series import SeriesReport, Revision, read_published, combined_members, revisions, revisions_csv
from ._misc import (code_valid_903, population_midyear_for, workforce_working_days, workforce_turnover_rate,
                    workforce_agency_rate, workforce_vacancy_rate, workforce_absence_rate, workforce_caseload)
from ._dataset import COUNT_903_KINDS
from ._inspection import Inspection, GradeChange, judgement_areas, grade_names, parse_grade, inspections
from ._stats import *  # noqa: F401,F403  (proportion_ci, rate_ci, ... ; see _stats.__all__)
from ._stats import __all__ as _stats_all

from ._version import __version__  # noqa: E402


def version():
    """Version of the loaded C library, ``"MAJOR.MINOR.PATCH"`` (checked for compatibility at import)."""
    return _lib.lib.carestat_version_string().decode("ascii")


__all__ = [
    "__version__", "version", "library_version", "library_path", "Error", "status_name", "strerror",
    "OK", "ENOMEM", "EINVAL", "EIO", "EPARSE", "ENOTFOUND", "ERANGE", "EUNSUPPORTED", "ELIMIT",
    "ESTATE", "EBUFFER",
    "to_days", "from_days", "parse_date", "format_date", "make_date", "is_leap_year", "days_in_month",
    "age_years", "add_years", "period_year_to_march", "period_year_to_september", "reporting_year_of",
    "Table", "Observation", "FIELDS", "format_flags", "parse_flags",
    "FLAG_SUPPRESSED", "FLAG_NOT_AVAILABLE", "FLAG_NOT_APPLICABLE", "FLAG_ROUNDS_TO_ZERO",
    "FLAG_UNRELIABLE", "FLAG_LOW", "FLAG_COMBINED", "FLAG_NO_INTERVAL", "FLAG_REVISED",
    "Dataset", "Diagnostic", "LoadSummary", "severity_name",
    "Org", "LineageLink", "Neighbour", "org", "orgs", "region", "predecessors", "successors",
    "trust_councils", "delivered_by", "expand",
    "Indicator", "indicators", "indicator", "indicators_markdown", "disclosure_threshold", "rule_names",
    "SynthSummary", "synth", "synth_org_code", "synth_org_name",
    "SeriesReport", "Revision", "read_published", "combined_members", "revisions", "revisions_csv",
    "code_valid_903", "population_midyear_for", "workforce_working_days", "workforce_turnover_rate",
    "workforce_agency_rate", "workforce_vacancy_rate", "workforce_absence_rate", "workforce_caseload",
    "COUNT_903_KINDS",
    "Inspection", "GradeChange", "judgement_areas", "grade_names", "parse_grade", "inspections",
] + list(_stats_all)
