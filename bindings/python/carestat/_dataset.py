"""The dataset: everything loaded for a computation, its diagnostics and its load counts."""

import ctypes
from collections import namedtuple

from . import _lib
from ._handle import Handle, EINVAL
from ._lib import (CDatasetOptions, CDiag, CLoadSummary, DatasetP, Error, lib)
from ._util import as_int, as_path, text

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
    """Hook for _lib's errcheck: the dataset's message and its error diagnostics."""
    msg = text(lib.carestat_dataset_errmsg(p))
    diags = [d for d in _read_diags(p) if d.severity in ("error", "fatal")]
    return msg, diags


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


__all__ = ["Dataset", "Diagnostic", "LoadSummary", "severity_name", "EINVAL"]
