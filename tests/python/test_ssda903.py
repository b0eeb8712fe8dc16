"""SSDA903 returns, population and compute from Python, on a hand-made return and on synthetic data.

Hand-made return for council X1 (collection year 2025 = 1 April 2024 to 31 March 2025):
  child 1: starts 01/05/2024 (RNE S, LS C2), still looked after  -> a start in 2025, in care at 31 March
  child 2: starts 10/01/2024, still looked after                 -> in care at 31 March 2025, start in 2024
  child 3: short breaks (LS V3) from 01/06/2024                  -> excluded from every figure
  child 4: starts 01/07/2024, ceases 01/09/2024 (REC E1, adopted) -> a start and a ceased in 2025
Population of X1 for mid-2024 (used for 2025): 20,000 children.
So for 2025: cla.starts = 2 (children 1 and 4), rate 2/20000*10000 = 1.0 per 10,000;
cla.looked_after = 2 (children 1 and 2), rate 1.0; cla.ceased = 1.
"""

import math

import pytest

import carestat

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n" \
         "1,M,01/01/2010,WBRI,A1,,\n2,F,01/01/2012,WBRI,A2,,\n3,M,01/01/2015,WBRI,A3,,\n4,F,01/01/2020,WBRI,A4,,\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n" \
           "1,01/05/2024,S,C2,N1,U1,PR1,,,,,,\n" \
           "2,10/01/2024,S,C2,N1,U4,PR1,,,,,,\n" \
           "3,01/06/2024,S,V3,N1,U4,PR1,,,,,,\n" \
           "4,01/07/2024,S,C2,N1,U4,PR1,01/09/2024,E11,,,,\n"


@pytest.fixture
def council(tmp_path):
    d = tmp_path / "X1"
    d.mkdir()
    (d / "header.csv").write_text(HEADER)
    (d / "episodes.csv").write_text(EPISODES)
    pop = tmp_path / "population.csv"
    pop.write_text("org,year,population\nX1,2024,20000\n")
    return d, pop


def test_hand_made_return(council):
    d, pop = council
    with carestat.Dataset() as ds:
        ds.load_903(d, collection_year=2025)
        assert ds.count_903("children") == 4 and ds.count_903("episodes") == 4 and ds.count_903("orgs") == 1
        (o,) = ds.orgs_903()
        assert o["code"] == "X1" and o["headers"] == 4 and o["last_year"] == 2025
        notes = {d.code for d in ds.diagnostics()}
        assert "903_ORG_USER_DEFINED" in notes                          # X1 is not a real council
        assert all(d.severity in ("note", "warning") for d in ds.diagnostics())
        for s in ds.load_summaries():
            assert s.rows_read == s.rows_accepted + s.rows_rejected
        ds.load_population(pop)
        assert ds.population("X1", year=2025) == 20000 and ds.population("X1", midyear=2024) == 20000
        assert ds.population_count == 1
        t = ds.compute(indicators=["cla.starts", "cla.starts.rate", "cla.looked_after", "cla.looked_after.rate",
                                   "cla.ceased"], years=2025)
        got = {o.indicator: o for o in t}
        assert got["cla.starts"].value == 2 and math.isnan(got["cla.starts"].denominator)
        assert got["cla.starts.rate"].value == pytest.approx(1.0)
        assert (got["cla.starts.rate"].numerator, got["cla.starts.rate"].denominator) == (2, 20000)
        assert got["cla.looked_after"].value == 2 and got["cla.ceased"].value == 1
        assert got["cla.looked_after.rate"].value == pytest.approx(1.0)
        assert all(o.source == "computed" and o.org_code == "X1" for o in t)
        assert str(got["cla.starts"].period_start) == "2024-04-01" and str(got["cla.starts"].period_end) == "2025-03-31"
        # exact Poisson limits of 2 events (fewer than 10), per 10,000 of 20,000
        assert (got["cla.starts.rate"].lower, got["cla.starts.rate"].upper) == pytest.approx(
            carestat.rate_ci(2, 20000)[1:], rel=1e-12)


def test_903_errors(council, tmp_path):
    d, _ = council
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "episodes.csv").write_text(EPISODES.replace("01/05/2024,S", "31/02/2024,S"))
    with carestat.Dataset() as ds:
        ds.load_903(bad, org="X2", collection_year=2025)
        dd = [x for x in ds.diagnostics() if x.code == "903_DATE_INVALID"]
        assert len(dd) == 1 and dd[0].line == 2 and dd[0].column == 2 and dd[0].file.endswith("episodes.csv")
    with carestat.Dataset(error_mode="stop") as ds:
        with pytest.raises(carestat.Error) as ei:
            ds.load_903([bad], org="X2", collection_year=2025)
        assert ei.value.code == carestat.EPARSE
        assert any(x.code == "903_DATE_INVALID" for x in ei.value.diagnostics)
        assert ds.count_903("episodes") == 0                                    # nothing kept
    with carestat.Dataset() as ds:
        with pytest.raises(carestat.Error) as ei:
            ds.load_903(tmp_path / "nowhere")
        assert ei.value.code == carestat.EIO and "nowhere" in ei.value.message
        with pytest.raises(carestat.Error) as ei:
            ds.load_903(d, collection_year=1800)
        assert ei.value.code == carestat.EINVAL
        with pytest.raises(ValueError):
            ds.load_903([])
        with pytest.raises(TypeError):
            ds.load_903(d, collection_year="2025")
        with pytest.raises(ValueError):
            ds.count_903("cats")


def test_code_lists():
    assert carestat.code_valid_903("PLACE", "K3", 2025)
    assert not carestat.code_valid_903("PLACE", "Z11", 2025)
    assert carestat.code_valid_903("PLACE", "Z11", 2026)
    assert not carestat.code_valid_903("PLACE", "QQ", 0)
    with pytest.raises(carestat.Error):
        carestat.code_valid_903("COLOUR", "K3", 2025)
    assert carestat.population_midyear_for(2025) == 2024


def test_write_episodes_round_trip(council, tmp_path):
    d, _ = council
    out = tmp_path / "all_episodes.csv"
    with carestat.Dataset() as ds:
        ds.load_903(d, collection_year=2025)
        ds.write_episodes(out)
    with carestat.Dataset() as ds2:
        ds2.load_903(out, org="X1")
        assert ds2.count_903("episodes") == 4


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    d = tmp_path_factory.mktemp("syn")
    carestat.synth(d, story=True, n_orgs=2, years=(2020, 2025), seed=5)
    ds = carestat.Dataset()
    ds.load_903([d / "SYN001", d / "SYN002"])
    ds.load_population(d / "population.csv")
    ds.load_workforce(d / "workforce.csv")
    yield ds
    ds.close()


def test_synthetic_loads_clean_and_computes(synthetic):
    ds = synthetic
    assert not ds.diagnostics(min_severity="error")
    t = ds.compute(years=(2021, 2025))
    assert set(t.orgs()) == {"SYN001", "SYN002"}
    assert {"cla.starts.rate", "cla.stability.placements3plus", "wf.turnover"} <= set(t.indicators())
    # agreement with the statistics functions: every rate and percentage carries the interval the
    # stats module gives for its numerator and denominator
    checked = 0
    for o in t:
        if o.flags or math.isnan(o.denominator) or math.isnan(o.numerator) or o.denominator <= 0:
            continue
        ind = carestat.indicator(o.indicator)
        if ind.unit == "rate per 10,000":
            exp = carestat.rate_ci(o.numerator, o.denominator, 10000)
        elif ind.unit == "percent":
            exp = carestat.proportion_ci(o.numerator, o.denominator, multiplier=100)
        else:
            continue
        assert o.value == pytest.approx(exp.value, rel=1e-12), o
        if not math.isnan(o.lower):
            assert (o.lower, o.upper) == pytest.approx((exp.lower, exp.upper), rel=1e-9, abs=1e-12), o
        checked += 1
    assert checked > 50


def test_compute_options(synthetic):
    ds = synthetic
    one = ds.compute(indicators="cla.starts.rate", orgs=["SYN001"], years=range(2023, 2026))
    assert [o.period_end.year for o in one] == [2023, 2024, 2025] and set(one.orgs()) == {"SYN001"}
    wide = ds.compute(indicators="cla.starts.rate", orgs="SYN001", years=2025, level=0.998)
    narrow = ds.compute(indicators="cla.starts.rate", orgs="SYN001", years=2025, level=0.95)
    assert wide[0].lower < narrow[0].lower and wide[0].upper > narrow[0].upper
    dfe = ds.compute(indicators=["cla.starts"], years=2025, disclosure="dfe")
    assert len(dfe) == 2
    assert carestat.disclosure_threshold() == 6
    assert "placements_spb_only" in carestat.rule_names()
    ds.compute(indicators="cla.stability.placements3plus", years=2025, rules=["placements_spb_only"])
    with pytest.raises(carestat.Error) as ei:
        ds.compute(indicators="cla.nonsense")
    assert ei.value.code == carestat.ENOTFOUND
    with pytest.raises(carestat.Error) as ei:
        ds.compute(level=0.5)
    assert ei.value.code in (carestat.EINVAL, carestat.ERANGE)
    with pytest.raises(ValueError):
        ds.compute(disclosure="ons")
    with pytest.raises(carestat.Error):
        ds.compute(rules=["no_such_rule"])
    with pytest.raises(TypeError):
        ds.compute(indicators=[1, 2])


def test_catalogue():
    cat = carestat.indicators()
    ids = [i.id for i in cat]
    for required in ("cla.looked_after", "cla.starts.rate", "cla.stability.placements3plus", "wf.turnover"):
        assert required in ids
    i = carestat.indicator("cla.starts.rate")
    assert i.unit == "rate per 10,000" and i.period == "year to 31 March" and i.definition
    assert carestat.indicator("wf.turnover").period == "census year to 30 September"
    assert "cla.starts.rate" in carestat.indicators_markdown()
    with pytest.raises(carestat.Error) as ei:
        carestat.indicator("nope")
    assert ei.value.code == carestat.ENOTFOUND


def test_catalogue_as_dataframe():
    pytest.importorskip("pandas")
    df = carestat.indicators(as_frame=True)
    assert list(df.columns) == list(carestat.Indicator._fields) and len(df) == len(carestat.indicators())


def test_closed_dataset_compute(council):
    d, _ = council
    ds = carestat.Dataset()
    ds.load_903(d, collection_year=2025)
    ds.close()
    with pytest.raises(carestat.Error) as ei:
        ds.compute()
    assert ei.value.code == carestat.ESTATE


def test_trust_is_its_councils_combined(synthetic):
    ds = synthetic
    ds.add_org("TRUSTX", "Test trust", kind="trust")
    ds.add_trust_council("TRUSTX", "SYN001")
    ds.add_trust_council("TRUSTX", "SYN002")
    t = ds.compute(indicators=["cla.starts", "cla.starts.rate"], orgs=["TRUSTX", "SYN001", "SYN002"], years=2025)
    by = {(o.org_code, o.indicator): o for o in t}
    trust = by[("TRUSTX", "cla.starts.rate")]
    assert "combined" in trust.flags
    # counts and denominators add up; the rate is recomputed from them, never averaged
    assert trust.numerator == by[("SYN001", "cla.starts.rate")].numerator + by[("SYN002", "cla.starts.rate")].numerator
    assert trust.denominator == (by[("SYN001", "cla.starts.rate")].denominator
                                 + by[("SYN002", "cla.starts.rate")].denominator)
    assert trust.value == pytest.approx(trust.numerator / trust.denominator * 10000)
    assert by[("TRUSTX", "cla.starts")].value == by[("SYN001", "cla.starts")].value + by[("SYN002", "cla.starts")].value
