"""Core of the binding: library lookup, version check, errors, status codes, dates."""

import datetime
import os
import shutil
import subprocess
import sys

import pytest

import carestat
from carestat import _lib
from conftest import SOURCE_DIR, child_env


# ---- library lookup and version ------------------------------------------------------------

def test_version_matches_library():
    major, minor, patch = carestat.library_version()
    assert carestat.version() == f"{major}.{minor}.{patch}"
    # Binding and library share the major version (the import-time check).
    assert carestat.__version__.split(".")[0] == str(major)
    assert int(carestat.__version__.split(".")[1]) <= minor


def test_loaded_the_library_ctest_points_at():
    want = os.environ.get("CARESTAT_LIBRARY")
    if not want:
        pytest.skip("CARESTAT_LIBRARY not set")
    assert carestat.library_path == want


def run_import(env, cwd=None):
    return subprocess.run([sys.executable, "-c", "import carestat; print(carestat.library_path)"],
                          env=env, cwd=cwd, capture_output=True, text=True, timeout=60)


def test_missing_library_is_one_clear_import_error(tmp_path):
    missing = str(tmp_path / "no" / "libcarestat.so")
    r = run_import(child_env(CARESTAT_LIBRARY=missing))
    assert r.returncode != 0
    assert "ImportError" in r.stderr
    assert "cannot load the carestat C library" in r.stderr
    assert missing in r.stderr                  # lists what was tried
    assert "CARESTAT_LIBRARY" in r.stderr       # says how to fix it


def test_not_a_library_is_rejected(tmp_path):
    fake = tmp_path / "libcarestat.so"
    fake.write_text("not an ELF file\n")
    r = run_import(child_env(CARESTAT_LIBRARY=str(fake)))
    assert r.returncode != 0 and "ImportError" in r.stderr
    assert str(fake) in r.stderr


def test_library_without_carestat_symbols_is_rejected():
    libm = "libm.so.6"
    r = run_import(child_env(CARESTAT_LIBRARY=libm))
    assert r.returncode != 0 and "not a carestat library" in r.stderr


def test_library_next_to_the_package_is_found(tmp_path):
    lib = os.environ.get("CARESTAT_LIBRARY")
    if not lib:
        pytest.skip("CARESTAT_LIBRARY not set")
    pkg = tmp_path / "carestat"
    shutil.copytree(SOURCE_DIR / "bindings" / "python" / "carestat", pkg,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
    shutil.copy(os.path.realpath(lib), pkg / "libcarestat.so.0")
    env = child_env(CARESTAT_LIBRARY=None)
    env["PYTHONPATH"] = str(tmp_path)
    if "LD_PRELOAD" in os.environ:
        env["LD_PRELOAD"] = os.environ["LD_PRELOAD"]
    r = run_import(env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str((pkg / "libcarestat.so.0").resolve())


def test_every_declared_function_has_types():
    for name, (argtypes, restype, _err) in _lib._SIGS.items():
        fn = getattr(_lib.lib, name)
        assert fn.argtypes == argtypes, name
        assert fn.restype is restype, name


# ---- status codes and errors -----------------------------------------------------------------

CODES = {"OK": 0, "ENOMEM": -1, "EINVAL": -2, "EIO": -3, "EPARSE": -4, "ENOTFOUND": -5, "ERANGE": -6,
         "EUNSUPPORTED": -7, "ELIMIT": -8, "ESTATE": -9, "EBUFFER": -10}


@pytest.mark.parametrize("name,value", sorted(CODES.items()))
def test_status_constants_agree_with_the_library(name, value):
    assert getattr(carestat, name) == value
    assert carestat.status_name(value) == "CARESTAT_" + name
    assert carestat.strerror(value) not in ("", "unknown error")


def test_unknown_status():
    assert carestat.status_name(-999) == "CARESTAT_UNKNOWN"
    assert carestat.strerror(-999) == "unknown error"


def test_error_carries_code_name_and_message():
    with pytest.raises(carestat.Error) as ei:
        carestat.parse_date("not a date")
    e = ei.value
    assert e.code == carestat.EPARSE
    assert e.name == "CARESTAT_EPARSE"
    assert e.message == carestat.strerror(carestat.EPARSE)
    assert e.function == "carestat_date_parse"
    assert e.diagnostics == []
    assert "CARESTAT_EPARSE" in str(e)


# ---- dates -----------------------------------------------------------------------------------

def test_days_round_trip():
    assert carestat.to_days(datetime.date(1970, 1, 1)) == 0
    assert carestat.to_days(datetime.date(1970, 1, 2)) == 1
    # 2025-03-31: 55 years from 1970 with 14 leap days (1972, 1976, ..., 2024) = 55*365 + 14 =
    # 20089 to 1 January 2025, plus Jan (31) + Feb (28) + 30 days of March = 89 -> 20178.
    assert carestat.to_days("31/03/2025") == 20178
    assert carestat.from_days(20178) == datetime.date(2025, 3, 31)
    assert carestat.from_days(carestat.to_days(None)) is None
    assert carestat.to_days(datetime.datetime(2025, 3, 31, 13, 5)) == 20178


@pytest.mark.parametrize("text,expected", [
    ("29/02/2024", datetime.date(2024, 2, 29)),
    ("1/4/2024", datetime.date(2024, 4, 1)),
    ("2024-04-01", datetime.date(2024, 4, 1)),
    ("2024-04-01T10:00:00", datetime.date(2024, 4, 1)),
    ("  2024-04-01 ", datetime.date(2024, 4, 1)),
])
def test_parse_date(text, expected):
    assert carestat.parse_date(text) == expected


@pytest.mark.parametrize("text,code", [
    ("31/02/2020", carestat.ERANGE),   # impossible date: an error, never normalised
    ("29/02/2023", carestat.ERANGE),
    ("00/01/2020", carestat.ERANGE),
    ("2020/01/01x", carestat.EPARSE),
    ("", carestat.EPARSE),
])
def test_parse_date_errors(text, code):
    with pytest.raises(carestat.Error) as ei:
        carestat.parse_date(text)
    assert ei.value.code == code


def test_date_helpers():
    assert carestat.format_date(datetime.date(2025, 3, 31)) == "2025-03-31"
    assert carestat.format_date(None) == ""
    assert carestat.make_date(2024, 2, 29) == datetime.date(2024, 2, 29)
    with pytest.raises(carestat.Error) as ei:
        carestat.make_date(2023, 2, 29)
    assert ei.value.code == carestat.ERANGE
    assert carestat.is_leap_year(2000) and not carestat.is_leap_year(1900) and carestat.is_leap_year(2024)
    assert carestat.days_in_month(2024, 2) == 29 and carestat.days_in_month(2023, 2) == 28
    assert carestat.days_in_month(2023, 13) == 0
    # DfE ages a 29 February child on 28 February in common years.
    assert carestat.age_years("29/02/2008", "28/02/2026") == 18
    assert carestat.age_years("29/02/2008", "27/02/2026") == 17
    assert carestat.age_years(None, "27/02/2026") is None
    assert carestat.add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert carestat.period_year_to_march(2025) == (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    assert carestat.period_year_to_september(2024) == (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    assert carestat.reporting_year_of(datetime.date(2024, 4, 1)) == 2025
    assert carestat.reporting_year_of(datetime.date(2025, 3, 31)) == 2025
    assert carestat.reporting_year_of(None) is None
    with pytest.raises(carestat.Error) as ei:
        carestat.period_year_to_march(0)
    assert ei.value.code == carestat.ERANGE


@pytest.mark.parametrize("call", [
    lambda: carestat.parse_date(20240101),
    lambda: carestat.make_date("2024", 1, 1),
    lambda: carestat.make_date(2024.0, 1, 1),
    lambda: carestat.period_year_to_march(True),
    lambda: carestat.to_days(3.5),
    lambda: carestat.is_leap_year(None),
])
def test_bad_argument_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_nul_in_text_is_refused():
    with pytest.raises(ValueError):
        carestat.parse_date("2024-01-01\0junk")
