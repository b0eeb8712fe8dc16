"""Shared fixtures for the Python binding tests.

Run through CTest (which sets CARESTAT_LIBRARY to the library of the build and PYTHONPATH to
bindings/python), or by hand:
    CARESTAT_LIBRARY=build/libcarestat.so PYTHONPATH=bindings/python /usr/bin/python3 -m pytest tests/python
"""

import os
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("CARESTAT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
if str(SOURCE_DIR / "bindings" / "python") not in sys.path:
    sys.path.insert(0, str(SOURCE_DIR / "bindings" / "python"))


def shared_dir():
    """The ../shared folder (real data), or None."""
    p = Path(os.environ.get("CARESTAT_SHARED", SOURCE_DIR.parent / "shared"))
    return p if p.is_dir() else None


def shared_path(rel):
    """Path under ../shared; skips the test when absent (fails if CARESTAT_REQUIRE_SHARED=1)."""
    d = shared_dir()
    p = d / rel if d else None
    if p is None or not p.exists():
        if os.environ.get("CARESTAT_REQUIRE_SHARED") == "1":
            pytest.fail(f"shared file {rel} is missing and CARESTAT_REQUIRE_SHARED=1")
        pytest.skip(f"shared file {rel} not available")
    return p


@pytest.fixture
def shared():
    return shared_path


def child_env(**overrides):
    """Environment for a subprocess running the binding (None values remove a variable)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SOURCE_DIR / "bindings" / "python")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    for k, v in overrides.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env
