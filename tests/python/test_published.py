"""Published DfE statistics, series across the Northamptonshire split, revisions, trend and
inspections, on the real files in ../shared/data (skipped when absent)."""

import datetime
import math

import pytest

import carestat
from conftest import shared_path

D = datetime.date
EES = "data/dfe_ees/"


@pytest.fixture(scope="module")
def published():
    ds = carestat.Dataset()
    ds.load_published(shared_path(EES + "cla_number_and_rate_per_10k_children.csv"))
    sfr = [f"data/dfe_sfr_2010_2017/{n}" for n in (
        "2010_SFR27_2010_March.csv", "2011_SFR21_CLA.csv", "2012_SFR20_CLA2012.csv", "2013_SFR36_CLA2013.csv",
        "2014_SFR36_CLA2014.csv", "2015_SFR34_CLA2015.csv", "2016_SFR41_CLA2016.csv", "2017_SFR50_CLA2017.csv")]
    for f in sfr:
        ds.load_published(shared_path(f))
    yield ds
    ds.close()


def test_published_counts_and_rates(published):
    t = published.published()
    nn = {o.indicator: o for o in t.filter(org="E06000061") if o.period_end.year == 2025}
    assert nn["cla.looked_after"].value == 568 and nn["cla.looked_after.rate"].value == 68
    wn = {o.indicator: o for o in t.filter(org="E06000062") if o.period_end.year == 2025}
    assert wn["cla.looked_after"].value == 602 and wn["cla.looked_after.rate"].value == 63
    old = {o.period_end.year: o for o in t.series("E10000021", "cla.looked_after")}
    assert [old[y].value for y in range(2010, 2018)] == [701, 736, 794, 729, 834, 936, 993, 1004]
    assert old[2021].value == 1144
    rate = {o.period_end.year: o for o in t.series("E10000021", "cla.looked_after.rate")}
    assert rate[2021].value == 67
    # suppressed cells are flags, never zero
    sup = [o for o in t if "c" in o.flags.split(";") or "x" in o.flags.split(";")]
    assert all(math.isnan(o.value) for o in sup)


def test_continued_series_across_the_split(published):
    t = published.published()
    cont = {o.period_end.year: o for o in t.continued("E10000021", "cla.looked_after")}
    assert cont[2017].value == 1004 and "combined" not in cont[2017].flags
    assert cont[2025].value == 568 + 602 == 1170 and "combined" in cont[2025].flags
    r = {o.period_end.year: o for o in t.continued("E10000021", "cla.looked_after.rate")}
    # the combined rate comes from the combined counts and denominators, never averaged
    assert r[2025].value == pytest.approx(1170 / r[2025].denominator * 10000)
    assert r[2025].denominator == pytest.approx(nn_den(t) + wn_den(t))


def nn_den(t):
    return next(o.denominator for o in t.series("E06000061", "cla.looked_after.rate") if o.period_end.year == 2025)


def wn_den(t):
    return next(o.denominator for o in t.series("E06000062", "cla.looked_after.rate") if o.period_end.year == 2025)


def test_trend_report(published):
    t = published.published()
    rep = t.trend("E10000021", "cla.looked_after.rate")
    assert rep.year == 2025 and rep.value == pytest.approx(1170 / rep.denominator * 10000)
    assert rep.england_value == pytest.approx(67, abs=0.5) or rep.england_value > 0
    assert rep.vs_england in ("Similar", "Higher", "Lower", "Better", "Worse")
    assert rep.region_code == "E12000004"
    assert rep.trend in ("Increasing", "Decreasing", "No significant change", "Cannot be calculated")
    assert rep.points >= 5 and rep.quartile_of > 100
    b = t.benchmarks("E06000061", "cla.looked_after.rate", neighbours=["E06000062", "E10000021"])
    orgs = set(b.orgs())
    assert {"E06000061", "E92000001", "E12000004", "neighbours:E06000061"} <= orgs
    nb = {o.period_end.year: o for o in b.series("neighbours:E06000061", "cla.looked_after.rate")}
    own = {o.period_end.year: o.value for o in t.series("E06000062", "cla.looked_after.rate")}
    assert nb[2025].value == pytest.approx(own[2025]) and nb[2025].source == "mean"   # one neighbour with 2025 data
    csv_text = t.trend_csv(["E06000061", "E06000062"], indicators=["cla.looked_after.rate"])
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("org_code,indicator,period_end") and len(lines) == 3
    with pytest.raises(carestat.Error) as ei:
        t.trend("E06000061", "cla.no_such_indicator")
    assert ei.value.code == carestat.ENOTFOUND


def test_read_without_dataset_and_revisions():
    older = carestat.read_published(shared_path("data/dfe_ees_prev_editions/"
                                                "cla_number_and_rate_per_10k_children__ed2023_2019-2023.csv"),
                                    edition="2023")
    newer = carestat.read_published(shared_path(EES + "cla_number_and_rate_per_10k_children.csv"), edition="2025")
    assert isinstance(older.diagnostics, list)
    assert {o.source for o in older} == {"2023"}
    revs = carestat.revisions(older, newer, changed_only=True)
    nn = [r for r in revs if r.org_code == "E06000061" and r.indicator == "cla.looked_after"
          and r.period_end.year == 2023]
    assert len(nn) == 1 and (nn[0].old_value, nn[0].new_value, nn[0].change) == (545, 547, 2)
    assert (nn[0].old_source, nn[0].new_source) == ("2023", "2025") and nn[0].changed
    text = carestat.revisions_csv(older, newer, changed_only=True)
    lines = text.strip().splitlines()
    assert lines[0].startswith("org_code,org_name,indicator,period_end,old_source,old_value")
    assert len(lines) == len(revs) + 1
    assert any(l.startswith("E06000061,") and ",cla.looked_after,2023-03-31," in l and ",545," in l and ",547," in l
               for l in lines)
    assert carestat.combined_members("E06000061+E06000062") == ["E06000061", "E06000062"]
    assert carestat.combined_members("E06000061") == ["E06000061"]


def test_published_errors(tmp_path):
    p = tmp_path / "unknown.csv"
    p.write_text("colour,shape\nred,round\n")
    with pytest.raises(carestat.Error) as ei:
        carestat.read_published(p)
    assert ei.value.code in (carestat.EPARSE, carestat.EUNSUPPORTED)
    with pytest.raises(carestat.Error) as ei:
        carestat.read_published(tmp_path / "missing.csv")
    assert ei.value.code == carestat.EIO
    with carestat.Dataset() as ds:
        with pytest.raises(carestat.Error) as ei:
            ds.load_published(p)
        assert "unknown.csv" in ei.value.message or ei.value.diagnostics


def test_ofsted_history():
    ds = carestat.Dataset()
    for f in ("ofsted_2025_ILACS_inspection_history.csv", "ofsted_2023_LA_inspections_2009-2023_current_LAs.csv",
              "ofsted_2023_LA_inspections_2009-2023_former_LAs.csv"):
        ds.load_inspections(shared_path("data/derived/" + f))
    northants = ds.inspections("E10000021")
    ilacs = [i for i in northants if i.type == "ILACS Standard Inspection"]
    assert len(ilacs) == 1 and ilacs[0].date.year == 2019
    assert ilacs[0].overall == "Inadequate" and ilacs[0].grades["help_protection"] == "Inadequate"
    assert ilacs[0].grades["leaders"] == "Requires improvement to be good"
    for code in ("E06000061", "E06000062"):
        (i,) = [x for x in ds.inspections(code) if x.graded]
        assert (i.start, i.published) == (D(2022, 10, 3), D(2022, 11, 25))
        assert set(i.grades.values()) == {"Requires improvement to be good"}
    assert ds.grade_distribution(at=D(2025, 3, 31)) == {
        "Not graded": 0, "Outstanding": 36, "Good": 67, "Requires improvement to be good": 31, "Inadequate": 19}
    grade, insp = ds.latest_grade("E06000061", at=D(2025, 3, 31))
    assert grade == "Requires improvement to be good" and insp.published == D(2022, 11, 25)
    with_lineage = ds.inspections("E06000061", lineage=True)
    assert any(i.org_code == "E10000021" for i in with_lineage)
    ch = ds.grade_changes("E10000021")
    assert ch and ch[-1].to_grade == "Inadequate" and ch[-1].direction in ("declined", "unchanged", "improved")
    days, last = ds.days_since_graded("E06000061", D(2023, 10, 3))
    assert days == 365 and last.start == D(2022, 10, 3)
    from carestat._inspection import history_flag_names
    assert history_flag_names() == ["lineage"]
    assert [k for k, _ in carestat.judgement_areas()][:3] == ["overall", "leaders", "help_protection"]
    assert carestat.grade_names() == ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]
    assert carestat.parse_grade("RI") == "Requires improvement to be good" and carestat.parse_grade(2) == "Good"
    with pytest.raises(carestat.Error):
        carestat.parse_grade("Brilliant")
    with pytest.raises(ValueError):
        ds.latest_grade("E06000061", area="food")
    allrecs = carestat.inspections(shared_path("data/derived/ofsted_2025_ILACS_inspection_history.csv"),
                                   org="West Northamptonshire")
    assert [i.published for i in allrecs if i.graded] == [D(2022, 11, 25)]
    ds.close()


def test_inspection_bad_file(tmp_path):
    p = tmp_path / "x.csv"
    p.write_text("a,b\n1,2\n")
    with carestat.Dataset() as ds:
        with pytest.raises(carestat.Error) as ei:
            ds.load_inspections(p)
        assert ei.value.code == carestat.EUNSUPPORTED
