"""`pip install bindings/python` works offline (Debian's setuptools, no build isolation), into a
virtual environment that sees the system packages; with the library copied into the package folder
first, the installed package finds it next to itself."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import SOURCE_DIR


def make_venv(path):
    r = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(path)], capture_output=True,
                       text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot create a venv: {r.stderr.strip()[:200]}")
    py = path / "bin" / "python"
    if subprocess.run([str(py), "-m", "pip", "--version"], capture_output=True).returncode != 0:
        pytest.skip("pip is not available in the venv")
    return py


def pip_install(py, src):
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    r = subprocess.run([str(py), "-m", "pip", "install", "--no-index", str(src)], capture_output=True, text=True,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def run(py, code, **env):
    e = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CARESTAT_LIBRARY")}
    e.update(env)
    return subprocess.run([str(py), "-c", code], capture_output=True, text=True, env=e, cwd="/", timeout=120)


@pytest.fixture
def source(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SOURCE_DIR / "bindings" / "python", src,
                    ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "*.so*"))
    return src


def test_pip_install_offline_with_library_from_the_environment(tmp_path, source):
    lib = os.environ.get("CARESTAT_LIBRARY")
    if not lib:
        pytest.skip("CARESTAT_LIBRARY not set")
    lib = os.path.abspath(lib)
    py = make_venv(tmp_path / "venv")
    pip_install(py, source)
    r = run(py, "import carestat; print(carestat.__file__); print(carestat.proportion_ci(46, 80).method)",
            CARESTAT_LIBRARY=lib)
    assert r.returncode == 0, r.stderr
    where, method = r.stdout.split()
    assert where.startswith(str(tmp_path / "venv")) and method == "Wilson"
    # without a library anywhere: one clear ImportError
    r = run(py, "import carestat", CARESTAT_LIBRARY=str(tmp_path / "none.so"))
    assert r.returncode != 0 and "cannot load the carestat C library" in r.stderr


def test_pip_install_with_the_library_inside_the_package(tmp_path, source):
    lib = os.environ.get("CARESTAT_LIBRARY")
    if not lib:
        pytest.skip("CARESTAT_LIBRARY not set")
    shutil.copy(os.path.realpath(lib), source / "carestat" / "libcarestat.so.0")
    py = make_venv(tmp_path / "venv")
    pip_install(py, source)
    extra = {"LD_PRELOAD": os.environ["LD_PRELOAD"]} if "LD_PRELOAD" in os.environ else {}
    r = run(py, "import carestat; print(carestat.library_path)", **extra)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().startswith(str(tmp_path / "venv")) and r.stdout.strip().endswith("libcarestat.so.0")
