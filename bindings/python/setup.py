"""Installs the pure-Python carestat binding (`pip install bindings/python`).

The metadata is in setup.cfg. There is deliberately no pyproject.toml: with one, pip builds in an
isolated environment and downloads setuptools, which fails offline; without one, pip uses the
setuptools already installed (Debian's python3-setuptools), so the install needs no network.

The binding needs the C library at run time: set CARESTAT_LIBRARY, install libcarestat.so where the
system loader finds it, or copy it into the package folder (bindings/python/carestat/) before
installing, and it is installed with the package.
"""
from setuptools import setup

setup()
