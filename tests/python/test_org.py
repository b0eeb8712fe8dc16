"""Organisations from Python: registry, lineage, trusts, expansion, user organisations, neighbours."""

import datetime

import pytest

import carestat
from conftest import shared_path

D = datetime.date


def test_find_by_code_la_code_and_name():
    nn = carestat.org("E06000061")
    assert nn == carestat.org("940") == carestat.org("north northamptonshire")
    assert nn.name == "North Northamptonshire" and nn.la_code == "940" and nn.kind == "council"
    assert nn.start == D(2021, 4, 1) and nn.end is None and not nn.user_defined
    old = carestat.org("928")
    assert old.code == "E10000021" and old.name == "Northamptonshire" and old.end == D(2021, 3, 31)
    with pytest.raises(carestat.Error) as ei:
        carestat.org("Narnia")
    assert ei.value.code == carestat.ENOTFOUND and ei.value.function == "carestat_dataset_org_find"
    with pytest.raises(TypeError):
        carestat.org(940)


def test_find_at_a_date():
    # 825: Buckinghamshire County Council (E10000002) until 31 March 2020, then E06000060
    assert carestat.org("825", at=D(2019, 6, 1)).code == "E10000002"
    assert carestat.org("825", at="2021-06-01").code == "E06000060"


def test_registry_listing():
    councils_2025 = carestat.orgs("council", at=D(2025, 3, 31))
    assert len(councils_2025) == 153                      # the councils with children's services
    everything = carestat.orgs()
    assert len(everything) > 153
    assert {o.kind for o in everything} == {"council", "trust", "region", "country"}
    assert [o.code for o in carestat.orgs("country")] == ["E92000001"]
    with pytest.raises(ValueError):
        carestat.orgs("county")


def test_lineage_of_northamptonshire():
    succ = carestat.successors("E10000021")
    assert sorted(l.to_code for l in succ) == ["E06000061", "E06000062"]
    assert all(l.kind == "split" and l.date == D(2021, 4, 1) for l in succ)
    pred = carestat.predecessors("West Northamptonshire")
    assert [(l.from_code, l.kind) for l in pred] == [("E10000021", "split")]
    assert carestat.region("940").name == "East Midlands"


def test_trust_and_expansion():
    nct = carestat.trust_councils("TRUST-NCT", D(2022, 1, 1))
    assert [o.code for o in nct] == ["E06000061", "E06000062"]
    assert [o.code for o in carestat.trust_councils("TRUST-NCT", D(2021, 1, 1))] == ["E10000021"]
    assert carestat.trust_councils("TRUST-NCT", D(2020, 10, 31)) == []      # before 1 November 2020
    assert carestat.delivered_by("940", D(2023, 1, 1)).code == "TRUST-NCT"
    councils, flags = carestat.expand("TRUST-NCT", year=2023)
    assert [o.code for o in councils] == ["E06000061", "E06000062"] and flags == {"trust"}
    # North Northamptonshire before it existed: its predecessor, which covered a wider area
    councils, flags = carestat.expand("E06000061", year=2019)
    assert [o.code for o in councils] == ["E10000021"] and {"lineage", "wider"} <= flags
    # Northamptonshire after it ended: both successors
    councils, flags = carestat.expand("E10000021", at=D(2024, 3, 31))
    assert sorted(o.code for o in councils) == ["E06000061", "E06000062"] and "lineage" in flags
    councils, flags = carestat.expand("E92000001", year=2025)
    assert len(councils) == 153 and flags == {"aggregate"}
    with pytest.raises(TypeError):
        carestat.expand("940")


def test_user_defined_organisations_in_a_dataset():
    with carestat.Dataset() as ds:
        ds.add_org("X001", "Fictional Borough", region_code="E12000004")
        ds.add_org("X-TRUST", "Fictional Trust", kind="trust")
        ds.add_trust_council("X-TRUST", "X001", start=D(2020, 4, 1))
        ds.add_org("X002", "Fictional Successor", start=D(2024, 4, 1))
        ds.add_lineage("X001", "X002", D(2024, 4, 1), kind="rename")
        x = ds.org("X001")
        assert x.user_defined and x.name == "Fictional Borough"
        assert ds.region("X001").name == "East Midlands"
        assert [o.code for o in ds.trust_councils("X-TRUST", D(2021, 1, 1))] == ["X001"]
        assert ds.delivered_by("X001", D(2021, 1, 1)).code == "X-TRUST"
        assert [l.to_code for l in ds.successors("X001")] == ["X002"]
        assert {o.code for o in ds.orgs()} >= {"X001", "X002", "X-TRUST", "E06000061"}
        assert len(ds.orgs()) == len(carestat.orgs()) + 3
        with pytest.raises(carestat.Error):
            carestat.org("X001")                          # not in the built-in registry
        with pytest.raises(carestat.Error) as ei:
            ds.add_org("", "No code")
        assert ei.value.code == carestat.EINVAL
        with pytest.raises(carestat.Error) as ei:
            ds.add_lineage("X001", "NOWHERE", D(2024, 4, 1))
        assert ei.value.code == carestat.ENOTFOUND
        with pytest.raises(ValueError):
            ds.add_org("X3", "Bad", kind="parish")


def test_statistical_neighbours_from_the_dfe_file():
    path = shared_path("data/dfe_ees/New_Statistical_Neighbour_Groupings_April_2021.csv")
    with carestat.Dataset() as ds:
        ds.load_neighbours(path)
        ns = ds.neighbours("940")
        # file row: 940 North Northamptonshire: SN1 941 Very Close, SN2 891, SN3 860, ...
        assert len(ns) == 10
        assert (ns[0].org.code, ns[0].rank, ns[0].closeness) == ("E06000062", 1, "Very Close")
        assert ns[1].org.la_code == "891" and ns[2].org.la_code == "860"
        summ = ds.load_summaries()
        assert summ and summ[-1].rows_read == summ[-1].rows_accepted + summ[-1].rows_rejected


def test_neighbours_bad_file(tmp_path):
    p = tmp_path / "sn.csv"
    p.write_text("colour,shape\nred,round\n")
    with carestat.Dataset() as ds:
        with pytest.raises(carestat.Error) as ei:
            ds.load_neighbours(p)
        assert ei.value.code == carestat.EUNSUPPORTED
        assert str(p) in ei.value.message or "sn.csv" in ei.value.message
        with pytest.raises(carestat.Error) as ei:
            ds.load_neighbours(tmp_path / "missing.csv")
        assert ei.value.code == carestat.EIO
