"""The dataset: everything loaded for a computation, its diagnostics and its load counts."""

import ctypes
import os
from collections import namedtuple

from . import _lib
from ._handle import Handle
from ._dates import from_days
from ._lib import (C903Options, CDatasetOptions, CDiag, CLoadSummary, CWorker, CWorkforceLA, DatasetP, Error,
                   lib)
from ._util import as_bytes, as_int, as_path, text

#: Kinds of SSDA903 records counted by :meth:`Dataset.count_903` (ssda903.h order).
COUNT_903_KINDS = ("orgs", "children", "episodes", "headers", "oc3", "uasc", "ad1", "placed_adoption",
                   "sw_episodes", "merged_duplicates", "superseded")

Diagnostic = namedtuple("Diagnostic", ("file", "line", "column", "severity", "code", "message"))
Diagnostic.__doc__ = """One problem a reader found: file, 1-based line and column (0 when not about a
line or field), severity ("note", "warning", "error", "fatal"), stable code and message."""
Diagnostic.__str__ = lambda d: _format_diag(d)

LoadSummary = namedtuple("LoadSummary", ("source", "table", "rows_read", "rows_accepted", "rows_rejected"))
LoadSummary.__doc__ = """Row counts of one table of one file: rows_read = rows_accepted + rows_rejected."""

SEVERITIES = ("note", "warning", "error", "fatal")
_ERROR_MODES = {"keep": 0, "drop": 1, "stop": 2}


def severity_name(sev):
    """Name of a severity level (0..3) as the library spells it."""
    return text(lib.carestat_severity_name(as_int(sev, "severity")))


def _format_diag(d):
    """``file:line:column: severity: code: message`` via the library's own formatter."""
    c = CDiag()
    keep = [d.file.encode(), d.code.encode(), d.message.encode()]
    c.severity = SEVERITIES.index(d.severity) if d.severity in SEVERITIES else 0
    c.source, c.code, c.message = keep
    c.line, c.column = d.line, d.column
    n = lib.carestat_diag_format(None, 0, ctypes.byref(c))
    buf = ctypes.create_string_buffer(n + 1)
    lib.carestat_diag_format(buf, n + 1, ctypes.byref(c))
    return buf.value.decode("utf-8", "replace")


def _read_diags(p, start=0):
    lst = lib.carestat_dataset_diagnostics(p)
    out = []
    if not lst:
        return out
    n = int(lib.carestat_diag_list_count(lst))
    for i in range(start, n):
        d = lib.carestat_diag_list_get(lst, i)
        if not d:
            break
        d = d.contents
        out.append(Diagnostic(text(d.source), int(d.line), int(d.column), severity_name(d.severity),
                              text(d.code), text(d.message)))
    return out


def _error_details(p):
    """Hook for _lib's errcheck: the dataset's message (diagnostics are attached by Dataset._call,
    which knows which of them the failed call produced)."""
    return text(lib.carestat_dataset_errmsg(p)), []


_lib._dataset_error_details = _error_details


class Dataset(Handle):
    """Everything loaded for a computation (``carestat_dataset``): returns, workforce records,
    populations, inspections, published tables and user-defined organisations.

    Use it as a context manager (``with carestat.Dataset() as ds: ...``) or call :meth:`close`.

    Args:
        error_mode: what a loader does with a row that has an error: ``"keep"`` (default: keep
            the row, bad values as unknown), ``"drop"`` (reject it) or ``"stop"`` (stop the load).
        max_field_bytes, max_columns, max_rows, max_diagnostics: limits (None = library default).

    Errors from loads raise :class:`carestat.Error` whose message names file, line and column
    and whose ``diagnostics`` are the error diagnostics that load produced.  Loading mutates the
    dataset; once loaded it is only read, and reads may run on several threads.
    """

    _kind = "Dataset"

    def __init__(self, error_mode="keep", max_field_bytes=None, max_columns=None, max_rows=None,
                 max_diagnostics=None):
        if error_mode not in _ERROR_MODES:
            raise ValueError(f"error_mode must be one of {', '.join(_ERROR_MODES)}, not {error_mode!r}")
        opts = CDatasetOptions()
        lib.carestat_dataset_options_init(ctypes.byref(opts), _lib.DATASET_OPTIONS_VERSION)
        opts.error_mode = _ERROR_MODES[error_mode]
        for name, v in (("max_field_bytes", max_field_bytes), ("max_columns", max_columns),
                        ("max_rows", max_rows), ("max_diagnostics", max_diagnostics)):
            if v is not None:
                v = as_int(v, name)
                if v < 0:
                    raise ValueError(f"{name} must be >= 0")
                setattr(opts, name, v)
        p = DatasetP()
        lib.carestat_dataset_new(ctypes.byref(p), ctypes.byref(opts))
        self._adopt(p, lib.carestat_dataset_free)

    @property
    def _carestat_dataset_ptr(self):
        return self._ptr

    def __repr__(self):
        if self.closed:
            return "<carestat.Dataset (closed)>"
        return (f"<carestat.Dataset: {len(self.load_summaries())} tables loaded, "
                f"{len(self.diagnostics())} diagnostics>")

    # ---- reporting ------------------------------------------------------------------------------

    @property
    def errmsg(self):
        """The detailed message of the last failed call on this dataset ("" if none)."""
        return text(lib.carestat_dataset_errmsg(self._ptr))

    def diagnostics(self, min_severity=None):
        """Every diagnostic of every load so far, as :class:`Diagnostic` records.

        ``min_severity`` ("note", "warning", "error", "fatal") keeps only those at or above it.
        """
        ds = _read_diags(self._ptr)
        if min_severity is None:
            return ds
        if min_severity not in SEVERITIES:
            raise ValueError(f"min_severity must be one of {', '.join(SEVERITIES)}")
        lo = SEVERITIES.index(min_severity)
        return [d for d in ds if SEVERITIES.index(d.severity) >= lo]

    @property
    def diagnostics_dropped(self):
        """How many diagnostics were only counted because max_diagnostics was reached."""
        return int(lib.carestat_dataset_diagnostics_dropped(self._ptr))

    def load_summaries(self):
        """Row counts per table per file loaded, as :class:`LoadSummary` records."""
        p = self._ptr
        out = []
        s = CLoadSummary()
        for i in range(int(lib.carestat_dataset_load_summary_count(p))):
            lib.carestat_dataset_load_summary(ctypes.byref(s), p, i)
            out.append(LoadSummary(text(s.source), text(s.table), int(s.rows_read),
                                   int(s.rows_accepted), int(s.rows_rejected)))
        return out

    # ---- loading -------------------------------------------------------------------------------

    def load_903(self, paths, org=None, collection_year=None):
        """Read SSDA903 return files or folders (one CSV per table), validate and merge them.

        ``paths`` is one path or a list of paths (a folder means every .csv in it).  ``org`` gives
        the organisation of every row (else an LA column, else the folder name); ``collection_year``
        the collection year (else a YEAR column, else inferred).  Problems become
        :meth:`diagnostics`; a failed load raises :class:`carestat.Error` and keeps nothing.
        """
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        bs = [as_path(x, "paths") for x in paths]
        if not bs:
            raise ValueError("paths must name at least one file or folder")
        arr = (ctypes.c_char_p * len(bs))(*bs)
        o = C903Options()
        lib.carestat_903_options_init(ctypes.byref(o), 1)
        keep = None
        if org is not None:
            keep = as_bytes(org, "org")
            o.org_code = keep
        if collection_year is not None:
            o.collection_year = as_int(collection_year, "collection_year")
        self._call(lib.carestat_dataset_load_903, self._ptr, arr, len(bs), ctypes.byref(o))
        del keep
        return self

    def count_903(self, kind="episodes"):
        """Number of SSDA903 records of a kind after merging (see :data:`COUNT_903_KINDS`)."""
        if kind not in COUNT_903_KINDS:
            raise ValueError(f"kind must be one of {', '.join(COUNT_903_KINDS)}")
        return int(lib.carestat_dataset_903_count(self._ptr, COUNT_903_KINDS.index(kind)))

    def orgs_903(self):
        """Per organisation with SSDA903 records: a dict with code, first_year, last_year and the
        record counts (children, episodes, headers, oc3, uasc, ad1, placed_adoption, sw_episodes)."""
        p = self._ptr
        out = []
        code = ctypes.c_char_p()
        first, last = ctypes.c_int(), ctypes.c_int()
        cnt = ctypes.c_uint64()
        for i in range(int(lib.carestat_dataset_903_count(p, 0))):
            lib.carestat_dataset_903_org(ctypes.byref(code), p, i)
            lib.carestat_dataset_903_org_years(ctypes.byref(first), ctypes.byref(last), p, i)
            rec = {"code": text(code.value), "first_year": first.value or None, "last_year": last.value or None}
            for k, name in enumerate(COUNT_903_KINDS):
                if name in ("orgs", "merged_duplicates", "superseded"):   # dataset-wide counts only
                    continue
                lib.carestat_dataset_903_org_count(ctypes.byref(cnt), p, i, k)
                rec[name] = int(cnt.value)
            out.append(rec)
        return out

    def write_episodes(self, path):
        """Write the merged episode histories as one longitudinal episodes CSV."""
        self._call(lib.carestat_dataset_903_write_episodes, self._ptr, as_path(path))

    def load_population(self, path):
        """Load ONS 0-17 mid-year population estimates (the DfE EES file or org,year,population)."""
        self._call(lib.carestat_dataset_load_population, self._ptr, as_path(path))
        return self

    def population(self, org, midyear=None, year=None):
        """The 0-17 estimate for ``midyear``, or the one DfE uses for reporting ``year`` (mid-year year-1)."""
        if (midyear is None) == (year is None):
            raise TypeError("give exactly one of midyear= or year=")
        if year is not None:
            midyear = lib.carestat_population_midyear_for(as_int(year, "year"))
        out = ctypes.c_double()
        self._call(lib.carestat_dataset_population, ctypes.byref(out), self._ptr, as_bytes(org, "org"),
                   as_int(midyear, "midyear"))
        return out.value

    @property
    def population_count(self):
        """Number of (organisation, mid-year) population estimates loaded."""
        return int(lib.carestat_dataset_population_count(self._ptr))

    def load_workforce(self, path):
        """Read worker-level social work workforce records: a CSV file (one row per worker per census
        year) or, for a path ending in .xml, DfE's CSWW XML return."""
        b = as_path(path)
        fn = lib.carestat_dataset_load_workforce_xml if b.lower().endswith(b".xml") else lib.carestat_dataset_load_workforce
        self._call(fn, self._ptr, b)
        return self

    def load_workforce_text(self, data, name=None, xml=False):
        """Read worker-level workforce records from CSV text (or CSWW XML text with ``xml=True``)."""
        if not isinstance(data, (str, bytes)):
            raise TypeError(f"data must be str or bytes, not {type(data).__name__}")
        b = data.encode("utf-8") if isinstance(data, str) else data
        fn = lib.carestat_dataset_load_workforce_xml_memory if xml else lib.carestat_dataset_load_workforce_memory
        self._call(fn, self._ptr, as_bytes(name, "name", True), b, len(b))
        return self

    def load_workforce_la(self, path):
        """Read LA-level census figures (vacancies, agency workers) from a CSV file."""
        self._call(lib.carestat_dataset_load_workforce_la, self._ptr, as_path(path))
        return self

    def load_workforce_la_text(self, data, name=None):
        """Read LA-level census figures from CSV text."""
        if not isinstance(data, (str, bytes)):
            raise TypeError(f"data must be str or bytes, not {type(data).__name__}")
        b = data.encode("utf-8") if isinstance(data, str) else data
        self._call(lib.carestat_dataset_load_workforce_la_memory, self._ptr, as_bytes(name, "name", True), b, len(b))
        return self

    def workers(self):
        """Every worker record loaded, as dicts (field names of ``carestat_worker``)."""
        p = self._ptr
        w = CWorker()
        out = []
        for i in range(int(lib.carestat_dataset_workforce_count(p))):
            lib.carestat_dataset_workforce_get(ctypes.byref(w), p, i)
            rec = {}
            for name, _t in CWorker._fields_:
                v = getattr(w, name)
                if isinstance(v, bytes) or v is None and name in ("worker_id", "org_code", "ethnicity", "age_band"):
                    v = text(v)
                elif name in ("start", "end", "birth_date"):
                    v = from_days(v)
                rec[name] = v
            out.append(rec)
        return out

    def workforce_la(self):
        """Every LA-level figure row loaded, as dicts."""
        p = self._ptr
        r = CWorkforceLA()
        out = []
        for i in range(int(lib.carestat_dataset_workforce_la_count(p))):
            lib.carestat_dataset_workforce_la_get(ctypes.byref(r), p, i)
            out.append({name: (text(getattr(r, name)) if name == "org_code" else getattr(r, name))
                        for name, _t in CWorkforceLA._fields_})
        return out

    def load_published(self, path, edition=None, year=None, mapping=None):
        """Read a DfE published (EES) CSV into the dataset's published observations.

        ``edition`` labels the rows' source (default: the latest year in the file).  Load older
        editions first: in a series the last row appended for a period wins.
        """
        from ._series import load_published
        load_published(self, path, edition=edition, year=year, mapping=mapping)
        return self

    def published(self):
        """A copy of the published observations loaded so far, as a :class:`Table`."""
        from ._series import published_copy
        return published_copy(self)

    def load_inspections(self, path):
        """Load an Ofsted outcomes table (ILACS history, in-year, as-at-31-March, or the 2009-2023 history)."""
        from ._inspection import load_inspections
        load_inspections(self, path)
        return self

    def inspections(self, org=None, lineage=False):
        """Inspections loaded: all (by organisation, then date), or one organisation's in date order
        (with predecessors through code changes, and through merges/splits with ``lineage=True``)."""
        from ._inspection import dataset_inspections
        return dataset_inspections(self, org=org, lineage=lineage)

    def latest_grade(self, org, area="overall", at=None, lineage=False):
        """``(grade, inspection)``: the latest grade for an area as at a date ("" if never graded)."""
        from ._inspection import latest_grade
        return latest_grade(self, org, area=area, at=at, lineage=lineage)

    def grade_changes(self, org, area="overall", lineage=False):
        """Changes between consecutive inspections that graded an area (:class:`GradeChange`)."""
        from ._inspection import grade_changes
        return grade_changes(self, org, area=area, lineage=lineage)

    def days_since_graded(self, org, at, lineage=False):
        """``(days, inspection)`` since the last graded inspection up to ``at`` (None if none)."""
        from ._inspection import days_since_graded
        return days_since_graded(self, org, at, lineage=lineage)

    def grade_distribution(self, area="overall", at=None, lineage=False):
        """National distribution of latest grades as at a date: {grade: councils}."""
        from ._inspection import grade_distribution
        return grade_distribution(self, area=area, at=at, lineage=lineage)

    def compute(self, indicators=None, orgs=None, years=None, level=0.95, disclosure="none", rules=()):
        """Compute indicators from what is loaded; returns a :class:`Table`.

        Args:
            indicators: an id, a list of ids, or None for the whole catalogue.
            orgs: codes or names (a trust means its councils combined), or None for every
                organisation in the dataset.
            years: a reporting year, ``(first, last)``, a ``range``, or None for every year with data.
            level: confidence level of the intervals, in [0.9, 1).
            disclosure: "none" or "dfe" (DfE's suppression of small counts as "c").
            rules: names of counting-rule variants (``carestat.rule_names()``).
        """
        from ._indicator import compute
        return compute(self, indicators=indicators, orgs=orgs, years=years, level=level,
                       disclosure=disclosure, rules=rules)

    # ---- organisations (org.h) -------------------------------------------------------------

    def org(self, code_or_name, at=None):
        """Find an organisation among this dataset's own, then the built-in registry."""
        from . import _org
        return _org.org(code_or_name, at=at, dataset=self)

    def orgs(self, kind=None, at=None):
        """Every organisation known to this dataset (built-in plus user-defined)."""
        from . import _org
        return _org.orgs(kind=kind, at=at, dataset=self)

    def add_org(self, code, name, kind="council", la_code="", region_code="", start=None, end=None):
        """Add (or override) an organisation: a user's own trust, a fictional council."""
        from . import _org
        _org.add_org(self, code, name, kind=kind, la_code=la_code, region_code=region_code, start=start, end=end)
        return self

    def add_lineage(self, from_code, to_code, date, kind="split"):
        """Add a predecessor -> successor link ("rename", "merge", "split", "part")."""
        from . import _org
        _org.add_lineage(self, from_code, to_code, date, kind=kind)
        return self

    def add_trust_council(self, trust, council, start=None, end=None):
        """Record that a trust delivers for a council over a period."""
        from . import _org
        _org.add_trust_council(self, trust, council, start=start, end=end)
        return self

    def predecessors(self, code):
        """Lineage links into an organisation (this dataset's links first)."""
        from . import _org
        return _org.predecessors(code, dataset=self)

    def successors(self, code):
        """Lineage links out of an organisation."""
        from . import _org
        return _org.successors(code, dataset=self)

    def trust_councils(self, trust, at):
        """The councils a trust delivers for on a date."""
        from . import _org
        return _org.trust_councils(trust, at, dataset=self)

    def delivered_by(self, council, at):
        """The trust delivering for a council on a date, or the council itself."""
        from . import _org
        return _org.delivered_by(council, at, dataset=self)

    def expand(self, code, at=None, year=None):
        """Councils combined for an organisation's figure: ``(councils, flags)``."""
        from . import _org
        return _org.expand(code, at=at, year=year, dataset=self)

    def region(self, code):
        """The region of an organisation."""
        from . import _org
        return _org.region(code, dataset=self)

    def load_neighbours(self, path):
        """Load DfE statistical neighbour groupings (2021 groupings or the 2025 model layout)."""
        self._call(lib.carestat_dataset_load_neighbours, self._ptr, as_path(path))
        return self

    def neighbours(self, code):
        """Statistical neighbours of an organisation, closest first."""
        from . import _org
        return _org.neighbours(code, self)

    # ---- calls --------------------------------------------------------------------------------

    def _call(self, fn, *args):
        """Call a loader; on failure attach only the diagnostics this call produced."""
        p = self._ptr
        lst = lib.carestat_dataset_diagnostics(p)
        mark = int(lib.carestat_diag_list_count(lst)) if lst else 0
        try:
            return fn(*args)
        except Error as e:
            e.diagnostics = [d for d in _read_diags(p, mark) if d.severity in ("error", "fatal")]
            raise


__all__ = ["Dataset", "Diagnostic", "LoadSummary", "severity_name"]
