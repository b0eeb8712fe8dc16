"""Synthetic returns for fictional councils (synth.h)."""

import ctypes
from collections import namedtuple
from ctypes import byref

from ._lib import CSynthOptions, CSynthSummary, lib
from ._util import as_int, as_path

SynthSummary = namedtuple("SynthSummary", ("children", "episodes", "oc3", "sw_episodes", "uasc", "ad1",
                                           "placed_adoption", "workers", "faults"))
SYNTH_OPTIONS_VERSION = 1


def synth(out_dir, n_orgs=3, years=(2021, 2025), seed=1, children_per_org=0, dirty=False, story=False):
    """Write realistic synthetic SSDA903 returns, workforce records and populations for fictional
    councils into ``out_dir`` (created if needed), deterministically for a seed.

    ``story=True`` writes the demo's improving trust of two councils (with an inspection history).
    Returns a :class:`SynthSummary` of the rows written.  Council ``i`` has code ``synth_org_code(i)``
    ("SYN001", ...); the story's trust is ``synth_org_code(-1)`` ("SYNT01").
    """
    o = CSynthOptions()
    lib.carestat_synth_options_init(byref(o), SYNTH_OPTIONS_VERSION)
    o.n_orgs = as_int(n_orgs, "n_orgs")
    if isinstance(years, int):
        years = (years, years)
    if isinstance(years, range):
        years = (years[0], years[-1])
    o.year_from, o.year_to = (as_int(y, "years") for y in years)
    s = as_int(seed, "seed")
    if s < 0 or s >= 1 << 64:
        raise ValueError("seed must be in [0, 2**64)")
    o.seed = s
    o.children_per_org = as_int(children_per_org, "children_per_org")
    o.dirty = int(bool(dirty))
    o.story = int(bool(story))
    summ = CSynthSummary()
    lib.carestat_synth_write_summary(byref(summ), as_path(out_dir, "out_dir"), byref(o))
    return SynthSummary(*(int(getattr(summ, f)) for f in SynthSummary._fields))


def synth_org_code(index):
    """Code of the index-th fictional council ("SYN001" for 0), or the story's trust for -1."""
    buf = ctypes.create_string_buffer(16)
    lib.carestat_synth_org_code(buf, len(buf), as_int(index, "index"))
    return buf.value.decode("ascii")


def synth_org_name(index, story=False):
    """Name of the index-th fictional council (or the story's trust for -1), as in orgs.csv."""
    buf = ctypes.create_string_buffer(128)
    lib.carestat_synth_org_name(buf, len(buf), as_int(index, "index"), int(bool(story)))
    return buf.value.decode("utf-8", "replace")


__all__ = ["SynthSummary", "synth", "synth_org_code", "synth_org_name"]
