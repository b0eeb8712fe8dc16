"""The synthetic data generator from Python."""

import csv
import os

import pytest

import carestat


def test_codes_and_names():
    assert carestat.synth_org_code(0) == "SYN001"
    assert carestat.synth_org_code(998) == "SYN999"
    assert carestat.synth_org_code(-1) == "SYNT01"
    assert "(fictional)" in carestat.synth_org_name(0)
    assert "(fictional)" in carestat.synth_org_name(-1, story=True)
    with pytest.raises(carestat.Error) as ei:
        carestat.synth_org_code(999)
    assert ei.value.code == carestat.ERANGE


def test_writes_the_documented_files(tmp_path):
    s = carestat.synth(tmp_path / "out", n_orgs=2, years=(2023, 2025), seed=3)
    assert isinstance(s, carestat.SynthSummary)
    names = set(os.listdir(tmp_path / "out"))
    assert {"population.csv", "workforce.csv", "orgs.csv", "SYN001", "SYN002"} <= names
    assert "SYN003" not in names and "inspections.csv" not in names        # no story
    council = set(os.listdir(tmp_path / "out" / "SYN001"))
    assert {"header.csv", "episodes.csv", "sw_episodes.csv", "oc3.csv"} <= council
    # the summary counts what was written: header rows of both councils = children
    rows = 0
    for c in ("SYN001", "SYN002"):
        with open(tmp_path / "out" / c / "header.csv", newline="") as f:
            rows += sum(1 for _ in csv.DictReader(f))
    assert rows == s.children > 0
    with open(tmp_path / "out" / "workforce.csv", newline="") as f:
        assert sum(1 for _ in csv.DictReader(f)) == s.workers
    assert s.faults == 0 and s.episodes >= s.children


def test_deterministic_for_a_seed(tmp_path):
    a = carestat.synth(tmp_path / "a", n_orgs=1, years=2025, seed=11, children_per_org=50)
    b = carestat.synth(tmp_path / "b", n_orgs=1, years=2025, seed=11, children_per_org=50)
    carestat.synth(tmp_path / "c", n_orgs=1, years=2025, seed=12, children_per_org=50)
    assert a == b
    ea = (tmp_path / "a" / "SYN001" / "episodes.csv").read_bytes()
    assert ea == (tmp_path / "b" / "SYN001" / "episodes.csv").read_bytes()
    assert ea != (tmp_path / "c" / "SYN001" / "episodes.csv").read_bytes()


def test_story_and_dirty_modes(tmp_path):
    carestat.synth(tmp_path / "story", story=True, years=(2020, 2025))
    assert (tmp_path / "story" / "inspections.csv").exists()
    orgs = (tmp_path / "story" / "orgs.csv").read_text()
    assert "SYNT01" in orgs and "trust" in orgs
    d = carestat.synth(tmp_path / "dirty", n_orgs=1, years=2025, dirty=True, children_per_org=300)
    assert d.faults > 0


@pytest.mark.parametrize("kwargs,exc", [
    (dict(n_orgs=0), carestat.Error),
    (dict(years=(2025, 2020)), carestat.Error),
    (dict(n_orgs="3"), TypeError),
    (dict(seed=-1), ValueError),
    (dict(seed=1.5), TypeError),
])
def test_bad_options(tmp_path, kwargs, exc):
    with pytest.raises(exc):
        carestat.synth(tmp_path / "x", **kwargs)


def test_unwritable_folder(tmp_path):
    with pytest.raises(carestat.Error) as ei:
        carestat.synth(tmp_path / "no" / "such" / "parent")
    assert ei.value.code == carestat.EIO
