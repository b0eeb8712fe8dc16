"""Loading the carestat shared library and declaring every C function it exports.

One table (:data:`_SIGS`) gives each C function its argument types, result type and error check,
so no call can go through ctypes' defaults (``int`` result, unchecked arguments).  Handles are
typed pointers (``POINTER(_Dataset)``, ``POINTER(_Table)``), so passing the wrong handle is a
``ctypes.ArgumentError`` rather than a crash.

Library lookup order:

1. ``CARESTAT_LIBRARY`` (a path).  When it is set it is the only candidate: an explicit choice is
   never silently replaced by another library.
2. A library next to this package (``libcarestat.so.N``, ``libcarestat.so``, ``libcarestat.dylib``,
   ``carestat.dll``), as a wheel or a copied build would have it.
3. The system: ``ctypes.util.find_library("carestat")``.

Every failure is collected into one :class:`ImportError` that lists what was tried.
"""

import ctypes
import ctypes.util
import os
from ctypes import (POINTER, Structure, byref, c_char_p, c_double, c_int, c_int32, c_int64,
                    c_size_t, c_uint, c_uint32, c_uint64, c_void_p)
from pathlib import Path

# The binding's own version; the library must have the same major version and at least this
# minor version (functions are only added within a major version).
from ._version import __version__ as _binding_version  # noqa: E402

BINDING_VERSION = tuple(int(x) for x in _binding_version.split("."))
ENV_VAR = "CARESTAT_LIBRARY"

# ---- opaque handles and public structs ---------------------------------------------------------


class _Dataset(Structure):
    """Opaque ``carestat_dataset``."""


class _Table(Structure):
    """Opaque ``carestat_table``."""


class _DiagList(Structure):
    """Opaque ``carestat_diag_list``."""


DatasetP = POINTER(_Dataset)
TableP = POINTER(_Table)
DiagListP = POINTER(_DiagList)

c_date = c_int32  # carestat_date: days since 1970-01-01


class CObservation(Structure):
    """``carestat_observation`` (strings borrowed from the table)."""
    _fields_ = [
        ("org_code", c_char_p),
        ("org_name", c_char_p),
        ("period_start", c_date),
        ("period_end", c_date),
        ("indicator", c_char_p),
        ("numerator", c_double),
        ("denominator", c_double),
        ("value", c_double),
        ("lower", c_double),
        ("upper", c_double),
        ("flags", c_uint32),
        ("source", c_char_p),
    ]


class CDiag(Structure):
    """``carestat_diag`` (strings owned by the list)."""
    _fields_ = [
        ("severity", c_int),
        ("source", c_char_p),
        ("line", c_uint64),
        ("column", c_uint32),
        ("code", c_char_p),
        ("message", c_char_p),
    ]


class CLoadSummary(Structure):
    """``carestat_load_summary`` (strings borrowed from the dataset)."""
    _fields_ = [
        ("source", c_char_p),
        ("table", c_char_p),
        ("rows_read", c_uint64),
        ("rows_accepted", c_uint64),
        ("rows_rejected", c_uint64),
    ]


class CDatasetOptions(Structure):
    """``carestat_dataset_options``."""
    _fields_ = [
        ("version", c_uint),
        ("error_mode", c_int),
        ("max_field_bytes", c_size_t),
        ("max_columns", c_size_t),
        ("max_rows", c_uint64),
        ("max_diagnostics", c_size_t),
    ]


DATASET_OPTIONS_VERSION = 1

# ---- errors ------------------------------------------------------------------------------------


class Error(Exception):
    """An error reported by the carestat library.

    Attributes:
        code: the negative ``CARESTAT_E*`` status code.
        name: its symbolic name, e.g. ``"CARESTAT_EIO"``.
        message: the library's detailed message (the dataset's message naming file, line and
            column where there is one, else the static text of the code).
        diagnostics: diagnostics attached to the failure (a list of :class:`Diagnostic`; empty
            when the failure is not about input data).
        function: the C function that failed.
    """

    def __init__(self, code, message, function=None, diagnostics=None):
        self.code = int(code)
        self.name = status_name(self.code)
        self.message = message
        self.function = function
        self.diagnostics = list(diagnostics or [])
        text = f"{message} [{self.name}]"
        if function:
            text = f"{function}: {text}"
        super().__init__(text)


def status_name(code):
    """Symbolic name of a status code (``"CARESTAT_EIO"``); static text from the library."""
    return _decode(lib.carestat_status_name(int(code)))


def strerror(code):
    """English text of a status code; static text from the library."""
    return _decode(lib.carestat_strerror(int(code)))


def _decode(b):
    if b is None:
        return ""
    return b.decode("utf-8", "replace")


# Hook set by _dataset.py: given a dataset pointer, returns (message, diagnostics) for an error.
_dataset_error_details = None


def _raise(rc, func, args):
    # The dataset's detailed message belongs to calls that take the dataset as their first
    # argument (loaders and other mutating calls: the only ones that can set it).  Reading calls
    # take a const dataset after their outputs; its message would be a stale one from an earlier
    # failure, so they report the code's own text.  Diagnostics are attached by Dataset._call.
    msg = ""
    diags = []
    a = args[0] if args else None
    p = getattr(a, "_carestat_dataset_ptr", None)
    if p is None and isinstance(a, DatasetP):
        p = a
    if p is not None and _dataset_error_details is not None:
        msg, diags = _dataset_error_details(p)
    if not msg:
        msg = strerror(rc)
    raise Error(rc, msg, func.__name__, diags)


def _check_status(rc, func, args):
    """errcheck for functions returning a status: raise on negative values."""
    if rc < 0:
        _raise(rc, func, args)
    return rc


# ---- lookup ------------------------------------------------------------------------------------

_LOCAL_NAMES = ("libcarestat.so.0", "libcarestat.so", "libcarestat.0.dylib", "libcarestat.dylib",
                "carestat.dll", "libcarestat.dll")


def _candidates():
    env = os.environ.get(ENV_VAR)
    if env:
        yield env, f"${ENV_VAR}"
        return
    here = Path(__file__).resolve().parent
    for n in _LOCAL_NAMES:
        p = here / n
        if p.exists():
            yield str(p), "next to the package"
    found = ctypes.util.find_library("carestat")
    if found:
        yield found, "ctypes.util.find_library"


def _has(handle, name):
    try:
        getattr(handle, name)
    except AttributeError:
        return False
    return True


def _version_tuple(n):
    return (n // 10000, (n // 100) % 100, n % 100)


def _load():
    tried = []
    for path, how in _candidates():
        try:
            handle = ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"  {path} ({how}): {e}")
            continue
        try:
            fn = handle.carestat_version
        except AttributeError:
            tried.append(f"  {path} ({how}): not a carestat library (no carestat_version)")
            continue
        fn.argtypes = []
        fn.restype = c_int
        have = _version_tuple(fn())
        want = BINDING_VERSION
        if have[0] != want[0] or have[1] < want[1]:
            tried.append(f"  {path} ({how}): library version {'.'.join(map(str, have))} is not "
                         f"compatible with the binding {'.'.join(map(str, want))} (need {want[0]}.x, "
                         f"x >= {want[1]})")
            continue
        missing = [name for name in _SIGS if not _has(handle, name)]
        if missing:
            tried.append(f"  {path} ({how}): missing functions: {', '.join(missing)}")
            continue
        return handle, path
    if not tried:
        tried.append(f"  ${ENV_VAR} is not set, no library next to {Path(__file__).resolve().parent}, "
                     f"and ctypes.util.find_library('carestat') found nothing")
    raise ImportError("carestat: cannot load the carestat C library; set "
                      f"{ENV_VAR}=/path/to/libcarestat.so. Tried:\n" + "\n".join(tried))


# ---- the function table -----------------------------------------------------------------------
# name: (argtypes, restype, errcheck).  errcheck None = cannot fail (or failure is a NULL/NaN the
# wrapper handles).  Strings passed in are bytes (the wrappers encode), strings returned as
# c_char_p are static or borrowed; library-allocated memory comes back through c_void_p and is
# released with carestat_free.

P = POINTER
_S = _check_status

_SIGS = {
    # common.h / version.h
    "carestat_strerror": ([c_int], c_char_p, None),
    "carestat_status_name": ([c_int], c_char_p, None),
    "carestat_free": ([c_void_p], None, None),
    "carestat_version": ([], c_int, None),
    "carestat_version_string": ([], c_char_p, None),
    # date.h
    "carestat_date_none": ([], c_date, None),
    "carestat_date_is_leap_year": ([c_int], c_int, None),
    "carestat_date_days_in_month": ([c_int, c_int], c_int, None),
    "carestat_date_from_ymd": ([P(c_date), c_int, c_int, c_int], c_int, _S),
    "carestat_date_parse": ([P(c_date), c_char_p, c_size_t], c_int, _S),
    "carestat_date_format": ([P(ctypes.c_char), c_size_t, c_date], c_int, _S),
    "carestat_age_years": ([c_date, c_date], c_int, None),
    "carestat_date_add_years": ([c_date, c_int], c_date, None),
    "carestat_period_year_to_march": ([P(c_date), P(c_date), c_int], c_int, _S),
    "carestat_period_year_to_september": ([P(c_date), P(c_date), c_int], c_int, _S),
    "carestat_reporting_year_of": ([c_date], c_int, None),
    # diag.h
    "carestat_diag_list_new": ([P(DiagListP)], c_int, _S),
    "carestat_diag_list_free": ([DiagListP], None, None),
    "carestat_diag_list_count": ([DiagListP], c_size_t, None),
    "carestat_diag_list_get": ([DiagListP, c_size_t], P(CDiag), None),
    "carestat_severity_name": ([c_int], c_char_p, None),
    "carestat_diag_format": ([P(ctypes.c_char), c_size_t, P(CDiag)], c_int, _S),
    # dataset.h
    "carestat_dataset_options_init": ([P(CDatasetOptions), c_uint], c_int, _S),
    "carestat_dataset_new": ([P(DatasetP), P(CDatasetOptions)], c_int, _S),
    "carestat_dataset_free": ([DatasetP], None, None),
    "carestat_dataset_errmsg": ([DatasetP], c_char_p, None),
    "carestat_dataset_diagnostics": ([DatasetP], DiagListP, None),
    "carestat_dataset_diagnostics_dropped": ([DatasetP], c_uint64, None),
    "carestat_dataset_load_summary_count": ([DatasetP], c_size_t, None),
    "carestat_dataset_load_summary": ([P(CLoadSummary), DatasetP, c_size_t], c_int, _S),
    # table.h
    "carestat_table_new": ([P(TableP)], c_int, _S),
    "carestat_table_free": ([TableP], None, None),
    "carestat_table_append": ([TableP, P(CObservation)], c_int, _S),
    "carestat_table_append_table": ([TableP, TableP], c_int, _S),
    "carestat_table_count": ([TableP], c_size_t, None),
    "carestat_table_get": ([P(CObservation), TableP, c_size_t], c_int, _S),
    "carestat_table_column_double": ([P(c_double), c_size_t, TableP, c_int], c_int64, _S),
    "carestat_table_column_date": ([P(c_date), c_size_t, TableP, c_int], c_int64, _S),
    "carestat_table_column_flags": ([P(c_uint32), c_size_t, TableP], c_int64, _S),
    "carestat_table_filter": ([P(TableP), TableP, c_char_p, c_char_p], c_int, _S),
    "carestat_table_series": ([P(TableP), TableP, c_char_p, c_char_p], c_int, _S),
    "carestat_table_sort": ([TableP], c_int, _S),
    "carestat_flags_format": ([P(ctypes.c_char), c_size_t, c_uint32], c_int, _S),
    "carestat_flag_parse": ([P(c_uint32), c_char_p], c_int, _S),
    "carestat_table_write_csv": ([TableP, c_char_p], c_int, _S),
    "carestat_table_to_csv": ([P(c_void_p), P(c_size_t), TableP], c_int, _S),
    "carestat_table_write_json": ([TableP, c_char_p], c_int, _S),
    "carestat_table_to_json": ([P(c_void_p), P(c_size_t), TableP], c_int, _S),
}


# Functions of modules that are added to the library over time.  They are bound when the loaded
# library has them; otherwise calling them raises Error(CARESTAT_EUNSUPPORTED) naming the function
# (PySDL2's approach), so an older library still serves everything else.
_EXTRA_SIGS = {}
missing_functions = []


def _missing_stub(name):
    def stub(*args, **kwargs):
        raise Error(-7, f"{name} is not in the loaded carestat library ({path}); rebuild or update it",
                    name)
    stub.__name__ = name
    return stub


def _bind(handle, sigs, optional=False):
    for name, (argtypes, restype, errcheck) in sigs.items():
        if optional and not _has(handle, name):
            missing_functions.append(name)
            setattr(handle, name, _missing_stub(name))
            continue
        fn = getattr(handle, name)
        fn.argtypes = argtypes
        fn.restype = restype
        if errcheck is not None:
            fn.errcheck = errcheck



# ---- org.h ------------------------------------------------------------------------------------


class COrg(Structure):
    """``carestat_org`` (strings owned by the registry or the dataset)."""
    _fields_ = [("code", c_char_p), ("la_code", c_char_p), ("name", c_char_p), ("kind", c_int),
                ("region_code", c_char_p), ("start", c_date), ("end", c_date), ("user_defined", c_int)]


class CLineageLink(Structure):
    """``carestat_lineage_link``."""
    _fields_ = [("from_code", c_char_p), ("to_code", c_char_p), ("date", c_date), ("kind", c_int)]


class CTrustDelivery(Structure):
    """``carestat_trust_delivery``."""
    _fields_ = [("trust_code", c_char_p), ("council_code", c_char_p), ("start", c_date), ("end", c_date)]


class CNeighbour(Structure):
    """``carestat_neighbour``."""
    _fields_ = [("org", P(COrg)), ("rank", c_int), ("closeness", c_char_p)]


PPOrg = P(P(COrg))
_EXTRA_SIGS.update({
    "carestat_dataset_org_find": ([PPOrg, DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_org_add": ([DatasetP, P(COrg)], c_int, _S),
    "carestat_org_kind_name": ([c_int], c_char_p, None),
    "carestat_lineage_kind_name": ([c_int], c_char_p, None),
    "carestat_expand_flag_name": ([c_uint], c_char_p, None),
    "carestat_dataset_org_find_at": ([PPOrg, DatasetP, c_char_p, c_date], c_int, _S),
    "carestat_dataset_org_count": ([DatasetP], c_size_t, None),
    "carestat_dataset_org_at": ([PPOrg, DatasetP, c_size_t], c_int, _S),
    "carestat_dataset_org_region": ([PPOrg, DatasetP, c_char_p], c_int, _S),
    "carestat_org_exists_at": ([P(COrg), c_date], c_int, None),
    "carestat_dataset_org_predecessors": ([P(CLineageLink), c_size_t, P(c_size_t), DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_org_successors": ([P(CLineageLink), c_size_t, P(c_size_t), DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_lineage_add": ([DatasetP, P(CLineageLink)], c_int, _S),
    "carestat_dataset_trust_add_council": ([DatasetP, P(CTrustDelivery)], c_int, _S),
    "carestat_dataset_trust_councils": ([P(P(COrg)), c_size_t, P(c_size_t), DatasetP, c_char_p, c_date],
                                        c_int, _S),
    "carestat_dataset_org_delivered_by": ([PPOrg, DatasetP, c_char_p, c_date], c_int, _S),
    "carestat_dataset_org_expand": ([P(P(COrg)), c_size_t, P(c_size_t), P(c_uint), DatasetP, c_char_p, c_date],
                                    c_int, _S),
    "carestat_dataset_org_expand_year": ([P(P(COrg)), c_size_t, P(c_size_t), P(c_uint), DatasetP, c_char_p,
                                          c_int], c_int, _S),
    "carestat_dataset_load_neighbours": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_neighbours": ([P(CNeighbour), c_size_t, P(c_size_t), DatasetP, c_char_p], c_int, _S),
})

# ---- stats.h --------------------------------------------------------------------------------


class CTrendResult(Structure):
    """``carestat_trend_result``."""
    _fields_ = [("marker", c_int), ("label", c_int), ("reason", c_int), ("chi2", c_double),
                ("slope", c_double), ("points", c_size_t)]


class CChangeResult(Structure):
    """``carestat_change_result``."""
    _fields_ = [("value1", c_double), ("value2", c_double), ("difference", c_double),
                ("ratio", c_double), ("statistic", c_double), ("p_value", c_double),
                ("significant", c_int), ("relation", c_int), ("method", c_int)]


class CSpcOptions(Structure):
    """``carestat_spc_options``."""
    _fields_ = [("version", c_int), ("improvement", c_int), ("screen_outliers", c_int),
                ("target", c_double), ("fix_after_n_points", c_size_t)]


class CSpcSummary(Structure):
    """``carestat_spc_summary``."""
    _fields_ = [("mean", c_double), ("amr", c_double), ("lpl", c_double), ("upl", c_double),
                ("near_lpl", c_double), ("near_upl", c_double), ("variation", c_int),
                ("assurance", c_int), ("trial_limits", c_int), ("points", c_size_t)]


PD = P(c_double)
PI = P(c_int)
_d = c_double
_EXTRA_SIGS.update({
    "carestat_normal_quantile": ([PD, _d], c_int, _S),
    "carestat_normal_cdf": ([PD, _d], c_int, _S),
    "carestat_z_for_level": ([PD, _d], c_int, _S),
    "carestat_chisq_cdf": ([PD, _d, _d], c_int, _S),
    "carestat_chisq_quantile": ([PD, _d, _d], c_int, _S),
    "carestat_t_quantile": ([PD, _d, _d], c_int, _S),
    "carestat_chisq_critical": ([PD, _d], c_int, _S),
    "carestat_proportion_ci": ([PD, PD, PD, _d, _d, _d, _d], c_int, _S),
    "carestat_poisson_ci": ([PD, PD, PI, _d, _d], c_int, _S),
    "carestat_exact_poisson_ci": ([PD, PD, _d, _d], c_int, _S),
    "carestat_byars_ci": ([PD, PD, _d, _d], c_int, _S),
    "carestat_rate_ci": ([PD, PD, PD, PI, _d, _d, _d, _d], c_int, _S),
    "carestat_mean_ci": ([PD, PD, PD, PD, PD, c_size_t, _d], c_int, _S),
    "carestat_dsr": ([PD, PD, PD, PD, PD, PD, c_size_t, _d, _d], c_int, _S),
    "carestat_dsr_nonindependent": ([PD, PD, PD, P(c_size_t), PD, PD, c_size_t, PD, PD, c_size_t, _d, _d],
                                    c_int, _S),
    "carestat_isr_expected": ([PD, PD, PD, PD, c_size_t], c_int, _S),
    "carestat_isr_reference_rate": ([PD, PD, PD, c_size_t, _d], c_int, _S),
    "carestat_isr": ([PD, PD, PD, PI, _d, _d, _d, _d], c_int, _S),
    "carestat_compare": ([PI, PI, _d, _d, _d, _d, c_int], c_int, _S),
    "carestat_compare_two_levels": ([PI, _d, _d, _d, _d, _d, _d, c_int], c_int, _S),
    "carestat_compare_intervals": ([PI, _d, _d, _d, _d, _d, _d], c_int, _S),
    "carestat_compare_spc_proportion": ([PI, _d, _d, _d, _d, _d], c_int, _S),
    "carestat_compare_spc_dsr": ([PI, _d, _d, _d, _d, _d], c_int, _S),
    "carestat_judge": ([PI, c_int, c_int], c_int, _S),
    "carestat_poisson_limit_bisect": ([PD, _d, _d, c_int], c_int, _S),
    "carestat_funnel_proportion_limits": ([PD, PD, _d, _d, _d, _d], c_int, _S),
    "carestat_funnel_ratio_limits": ([PD, PD, PD, PD, _d, _d], c_int, _S),
    "carestat_funnel_rate_limits": ([PD, PD, PD, PD, _d, _d, _d, _d, _d], c_int, _S),
    "carestat_funnel_axis": ([PD, c_size_t, c_int, _d, _d, _d, _d], c_int, _S),
    "carestat_funnel_significance_proportion": ([PI, _d, _d, _d], c_int, _S),
    "carestat_funnel_significance_ratio": ([PI, _d, _d, _d], c_int, _S),
    "carestat_funnel_rate_denominator": ([PD, _d, _d, _d, _d, _d, c_int], c_int, _S),
    "carestat_funnel_significance_rate": ([PI, _d, _d, _d, _d, _d, c_int], c_int, _S),
    "carestat_quantile_bands": ([PI, PD, c_size_t, c_int, c_int], c_int, _S),
    "carestat_recent_trend": ([P(CTrendResult), c_int, PD, PD, PD, PD, PD, PD, c_size_t, c_int, _d],
                              c_int, _S),
    "carestat_recent_trend_z": ([P(CTrendResult), c_int, PD, PD, PD, PD, PD, PD, c_size_t, c_int, _d],
                                c_int, _S),
    "carestat_trend_label_for": ([c_int, c_int], c_int, _S),
    "carestat_change_test": ([P(CChangeResult), c_int, _d, _d, _d, _d, _d, _d], c_int, _S),
    "carestat_spc_options_init": ([P(CSpcOptions)], c_int, _S),
    "carestat_spc_xmr": ([P(CSpcSummary), PI, PI, c_size_t, PD, c_size_t, P(CSpcOptions)], c_int, _S),
    "carestat_round_half_up_ratio": ([P(c_int64), c_int64, c_int64, c_int64], c_int, _S),
    "carestat_round_half_up_percent": ([PD, c_int64, c_int64, c_int], c_int, _S),
    "carestat_round_half_up_rate": ([PD, c_int64, c_int64, c_int64, c_int], c_int, _S),
    "carestat_round_half_up": ([PD, _d, c_int], c_int, _S),
    "carestat_round_to_nearest": ([P(c_int64), c_int64, c_int64], c_int, _S),
    "carestat_suppress": ([P(c_uint32), _d, _d, c_int], c_int, _S),
    "carestat_suppress_derived": ([P(c_uint32), _d, _d, _d, c_int, c_int], c_int, _S),
})
# ---- ssda903.h, population.h, workforce.h ---------------------------------------------------------


class C903Options(Structure):
    """``carestat_903_options``."""
    _fields_ = [("version", c_uint), ("org_code", c_char_p), ("collection_year", c_int)]


class CWorker(Structure):
    """``carestat_worker`` (strings borrowed from the dataset)."""
    _fields_ = [("worker_id", c_char_p), ("org_code", c_char_p), ("census_year", c_int), ("agency", c_int),
                ("fte", c_double), ("role", c_int), ("start", c_date), ("end", c_date),
                ("reason_leave", c_int), ("start_origin", c_int), ("leaver_destination", c_int),
                ("days_absent", c_double), ("cases", c_int), ("gender", c_int), ("ethnicity", c_char_p),
                ("birth_date", c_date), ("age_band", c_char_p), ("qual_level", c_int), ("cfkss", c_int),
                ("line", c_uint64)]


class CWorkforceLA(Structure):
    """``carestat_workforce_la``."""
    _fields_ = [("org_code", c_char_p), ("census_year", c_int), ("vacancy_fte", c_double),
                ("agency_fte", c_double), ("agency_headcount", c_double), ("agency_cover_fte", c_double),
                ("line", c_uint64)]


_EXTRA_SIGS.update({
    "carestat_903_options_init": ([P(C903Options), c_uint], c_int, _S),
    "carestat_dataset_load_903": ([DatasetP, P(c_char_p), c_size_t, P(C903Options)], c_int, _S),
    "carestat_dataset_903_count": ([DatasetP, c_int], c_uint64, None),
    "carestat_dataset_903_org": ([P(c_char_p), DatasetP, c_size_t], c_int, _S),
    "carestat_dataset_903_org_count": ([P(c_uint64), DatasetP, c_size_t, c_int], c_int, _S),
    "carestat_dataset_903_org_years": ([PI, PI, DatasetP, c_size_t], c_int, _S),
    "carestat_903_code_valid": ([c_char_p, c_char_p, c_int], c_int, _S),
    "carestat_dataset_903_write_episodes": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_load_population": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_population": ([PD, DatasetP, c_char_p, c_int], c_int, _S),
    "carestat_population_midyear_for": ([c_int], c_int, None),
    "carestat_dataset_population_count": ([DatasetP], c_size_t, None),
    "carestat_dataset_load_workforce": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_load_workforce_memory": ([DatasetP, c_char_p, c_char_p, c_size_t], c_int, _S),
    "carestat_dataset_load_workforce_xml": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_load_workforce_xml_memory": ([DatasetP, c_char_p, c_char_p, c_size_t], c_int, _S),
    "carestat_dataset_load_workforce_la": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_load_workforce_la_memory": ([DatasetP, c_char_p, c_char_p, c_size_t], c_int, _S),
    "carestat_dataset_workforce_count": ([DatasetP], c_size_t, None),
    "carestat_dataset_workforce_get": ([P(CWorker), DatasetP, c_size_t], c_int, _S),
    "carestat_dataset_workforce_la_count": ([DatasetP], c_size_t, None),
    "carestat_dataset_workforce_la_get": ([P(CWorkforceLA), DatasetP, c_size_t], c_int, _S),
    "carestat_workforce_working_days": ([c_int], c_int, None),
    "carestat_workforce_turnover_rate": ([PD, _d, _d], c_int, _S),
    "carestat_workforce_agency_rate": ([PD, _d, _d], c_int, _S),
    "carestat_workforce_vacancy_rate": ([PD, _d, _d], c_int, _S),
    "carestat_workforce_absence_rate": ([PD, _d, _d, c_int], c_int, _S),
    "carestat_workforce_caseload": ([PD, _d, _d], c_int, _S),
})

# ---- synth.h -----------------------------------------------------------------------------------


class CSynthOptions(Structure):
    """``carestat_synth_options``."""
    _fields_ = [("version", c_uint), ("n_orgs", c_int), ("year_from", c_int), ("year_to", c_int),
                ("seed", c_uint64), ("children_per_org", c_int), ("dirty", c_int), ("story", c_int)]


class CSynthSummary(Structure):
    """``carestat_synth_summary``."""
    _fields_ = [(n, c_uint64) for n in ("children", "episodes", "oc3", "sw_episodes", "uasc", "ad1",
                                        "placed_adoption", "workers", "faults")]


_EXTRA_SIGS.update({
    "carestat_synth_options_init": ([P(CSynthOptions), c_uint], c_int, _S),
    "carestat_synth_write_summary": ([P(CSynthSummary), c_char_p, P(CSynthOptions)], c_int, _S),
    "carestat_synth_org_code": ([P(ctypes.c_char), c_size_t, c_int], c_int, _S),
    "carestat_synth_org_name": ([P(ctypes.c_char), c_size_t, c_int, c_int], c_int, _S),
})

# ---- indicator.h ----------------------------------------------------------------------------------


class CRequest(Structure):
    """``carestat_request``."""
    _fields_ = [("version", c_uint), ("indicators", P(c_char_p)), ("n_indicators", c_size_t),
                ("orgs", P(c_char_p)), ("n_orgs", c_size_t), ("year_from", c_int), ("year_to", c_int),
                ("level", c_double), ("disclosure", c_int), ("rules", c_uint)]


_EXTRA_SIGS.update({
    "carestat_request_init": ([P(CRequest), c_uint], c_int, _S),
    "carestat_compute": ([P(TableP), DatasetP, P(CRequest)], c_int, _S),
    "carestat_disclosure_threshold": ([], c_int, None),
    "carestat_indicator_count": ([], c_size_t, None),
    "carestat_indicator_find": ([P(c_size_t), c_char_p], c_int, _S),
    "carestat_indicator_id": ([c_size_t], c_char_p, None),
    "carestat_indicator_title": ([c_size_t], c_char_p, None),
    "carestat_indicator_unit": ([c_size_t], c_int, None),
    "carestat_indicator_polarity": ([c_size_t], c_int, None),
    "carestat_indicator_population": ([c_size_t], c_char_p, None),
    "carestat_indicator_definition": ([c_size_t], c_char_p, None),
    "carestat_indicator_source": ([c_size_t], c_char_p, None),
    "carestat_indicator_period_kind": ([c_size_t], c_int, None),
    "carestat_unit_text": ([c_int], c_char_p, None),
    "carestat_rule_from_name": ([P(c_uint), c_char_p], c_int, _S),
    "carestat_rule_name": ([c_uint], c_char_p, None),
    "carestat_indicators_markdown": ([P(c_void_p)], c_int, _S),
})

# ---- trend.h ------------------------------------------------------------------------------------


class CTrendOptions(Structure):
    """``carestat_trend_options``."""
    _fields_ = [("version", c_uint), ("level", c_double), ("polarity", c_int), ("year", c_int),
                ("continued", c_int), ("england_code", c_char_p), ("region_code", c_char_p),
                ("neighbours", P(c_char_p)), ("n_neighbours", c_size_t)]


class CSeriesReport(Structure):
    """``carestat_series_report``."""
    _fields_ = [("version", c_uint), ("org_code", ctypes.c_char * 64), ("indicator", ctypes.c_char * 64),
                ("year", c_int), ("period_end", c_date), ("unit", c_int), ("polarity", c_int),
                ("multiplier", c_double), ("value", c_double), ("numerator", c_double),
                ("denominator", c_double), ("lower", c_double), ("upper", c_double), ("flags", c_uint32),
                ("points", c_size_t), ("has_previous", c_int), ("previous_value", c_double),
                ("change", c_double), ("change_tested", c_int), ("change_p_value", c_double),
                ("change_relation", c_int), ("change_judgement", c_int), ("trend", CTrendResult),
                ("spc_done", c_int), ("spc", CSpcSummary), ("spc_rule", c_int), ("england_value", c_double),
                ("vs_england", c_int), ("region_code", ctypes.c_char * 16), ("region_value", c_double),
                ("vs_region", c_int), ("neighbours_value", c_double), ("neighbours_used", c_size_t),
                ("vs_neighbours", c_int), ("quartile", c_int), ("quartile_of", c_size_t)]


_EXTRA_SIGS.update({
    "carestat_trend_options_init": ([P(CTrendOptions), c_uint], c_int, _S),
    "carestat_series_continued": ([P(TableP), TableP, DatasetP, c_char_p, c_char_p], c_int, _S),
    "carestat_series_analyse": ([P(CSeriesReport), TableP, DatasetP, c_char_p, c_char_p, P(CTrendOptions)],
                                c_int, _S),
    "carestat_series_benchmarks": ([P(TableP), TableP, DatasetP, c_char_p, c_char_p, P(CTrendOptions)],
                                   c_int, _S),
    "carestat_series_report_text": ([P(CSeriesReport), c_char_p], c_char_p, None),
    "carestat_trend_csv": ([P(c_void_p), P(c_size_t), TableP, DatasetP, P(c_char_p), c_size_t, P(c_char_p),
                            c_size_t, P(CTrendOptions)], c_int, _S),
})

# ---- published.h ------------------------------------------------------------------------------


class _Revisions(Structure):
    """Opaque ``carestat_revisions``."""


RevisionsP = P(_Revisions)


class CPublishedOptions(Structure):
    """``carestat_published_options`` (the caller's measures are not used by the binding)."""
    _fields_ = [("version", c_uint), ("edition", c_char_p), ("year", c_int), ("measures", c_void_p),
                ("n_measures", c_size_t), ("mapping_path", c_char_p)]


class CRevision(Structure):
    """``carestat_revision``."""
    _fields_ = [("org_code", c_char_p), ("org_name", c_char_p), ("indicator", c_char_p), ("period_end", c_date),
                ("old_value", c_double), ("new_value", c_double), ("change", c_double),
                ("old_denominator", c_double), ("new_denominator", c_double), ("old_flags", c_uint32),
                ("new_flags", c_uint32), ("old_source", c_char_p), ("new_source", c_char_p), ("changed", c_int)]


_EXTRA_SIGS.update({
    "carestat_published_options_init": ([P(CPublishedOptions), c_uint], c_int, _S),
    "carestat_published_read": ([P(TableP), c_char_p, P(CPublishedOptions), DiagListP], c_int, _S),
    "carestat_dataset_load_published": ([DatasetP, c_char_p, P(CPublishedOptions)], c_int, _S),
    "carestat_dataset_published_copy": ([P(TableP), DatasetP], c_int, _S),
    "carestat_published_combined_members": ([P(c_char_p), c_size_t, P(ctypes.c_char), c_size_t, c_char_p],
                                            c_int, _S),
    "carestat_published_revisions": ([P(RevisionsP), TableP, TableP], c_int, _S),
    "carestat_revisions_count": ([RevisionsP], c_size_t, None),
    "carestat_revisions_get": ([P(CRevision), RevisionsP, c_size_t], c_int, _S),
    "carestat_revisions_to_csv": ([P(c_void_p), P(c_size_t), RevisionsP, c_int], c_int, _S),
    "carestat_revisions_free": ([RevisionsP], None, None),
})

for _n in ("ci_method", "relation", "judgement", "funnel_sig", "trend_marker", "trend_label",
           "trend_reason", "change_method", "spc_rule", "spc_point_type", "spc_assurance", "polarity"):
    _EXTRA_SIGS[f"carestat_{_n}_text"] = ([c_int], c_char_p, None)

lib, path = _load()
_bind(lib, _SIGS)
_bind(lib, _EXTRA_SIGS, optional=True)

# ---- inspection.h (the struct's grades array is sized by carestat_judgement_area_count()) ----------

_INSPECTION_ENUM_SIGS = {
    "carestat_judgement_area_count": ([], c_int, None),
    "carestat_grade_count": ([], c_int, None),
}
_bind(lib, _INSPECTION_ENUM_SIGS, optional=True)
try:
    JUDGEMENT_AREA_COUNT = lib.carestat_judgement_area_count()
except Error:
    JUDGEMENT_AREA_COUNT = 14


class CInspection(Structure):
    """``carestat_inspection`` (owned by the dataset)."""
    _fields_ = [("org", P(COrg)), ("type", c_int), ("start", c_date), ("published", c_date),
                ("grades", c_int * JUDGEMENT_AREA_COUNT), ("theme", c_char_p), ("source", c_char_p),
                ("line", c_uint64)]


class CGradeChange(Structure):
    """``carestat_grade_change``."""
    _fields_ = [("from_", P(CInspection)), ("to", P(CInspection)), ("from_grade", c_int), ("to_grade", c_int),
                ("steps", c_int), ("direction", c_int)]


PPInsp = P(P(CInspection))
_INSPECTION_SIGS = {
    "carestat_grade_name": ([c_int], c_char_p, None),
    "carestat_grade_parse": ([PI, c_char_p], c_int, _S),
    "carestat_judgement_area_name": ([c_int], c_char_p, None),
    "carestat_judgement_area_key": ([c_int], c_char_p, None),
    "carestat_inspection_type_name": ([c_int], c_char_p, None),
    "carestat_grade_direction_name": ([c_int], c_char_p, None),
    "carestat_history_flag_name": ([c_uint], c_char_p, None),
    "carestat_inspection_type_is_graded": ([c_int], c_int, None),
    "carestat_inspection_grade": ([P(CInspection), c_int], c_int, None),
    "carestat_inspection_date": ([P(CInspection)], c_date, None),
    "carestat_dataset_load_inspections": ([DatasetP, c_char_p], c_int, _S),
    "carestat_dataset_inspection_count": ([DatasetP], c_size_t, None),
    "carestat_dataset_inspection_at": ([PPInsp, DatasetP, c_size_t], c_int, _S),
    "carestat_dataset_org_inspections": ([PPInsp, c_size_t, P(c_size_t), DatasetP, c_char_p, c_uint], c_int, _S),
    "carestat_dataset_latest_grade": ([PI, PPInsp, DatasetP, c_char_p, c_int, c_date, c_uint], c_int, _S),
    "carestat_dataset_grade_changes": ([P(CGradeChange), c_size_t, P(c_size_t), DatasetP, c_char_p, c_int, c_uint],
                                       c_int, _S),
    "carestat_dataset_days_since_graded": ([P(c_int32), PPInsp, DatasetP, c_char_p, c_date, c_uint], c_int, _S),
    "carestat_dataset_grade_distribution": ([P(c_uint64), c_size_t, DatasetP, c_int, c_date, c_uint], c_int, _S),
}
_bind(lib, _INSPECTION_SIGS, optional=True)

DATE_NONE = lib.carestat_date_none()


def library_version():
    """Version of the loaded C library as a (major, minor, patch) tuple."""
    return _version_tuple(lib.carestat_version())


def take_string(p, n):
    """Copy a library-allocated string (``c_void_p`` + length) to ``str`` and free it."""
    try:
        if not p.value:
            return ""
        return ctypes.string_at(p.value, n.value).decode("utf-8", "replace")
    finally:
        lib.carestat_free(p)


__all__ = ["lib", "path", "Error", "status_name", "strerror", "DatasetP", "TableP", "CObservation",
           "CDiag", "CLoadSummary", "CDatasetOptions", "byref", "take_string"]
