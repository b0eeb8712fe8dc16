"""The observation table from Python (standard library only)."""

import csv
import datetime
import gc
import io
import json
import math
import weakref

import pytest

import carestat

D = datetime.date


def obs(org, year, indicator, num, den, value, flags="", source="computed", lower=None, upper=None):
    return dict(org_code=org, org_name=f"Council {org}", period_start=D(year - 1, 4, 1),
                period_end=D(year, 3, 31), indicator=indicator, numerator=num, denominator=den,
                value=value, lower=lower, upper=upper, flags=flags, source=source)


@pytest.fixture
def table():
    # 46 of 80 = 57.5% (rounds half-up to 58 when published); a suppressed value; a count.
    return carestat.Table([
        obs("E2", 2025, "cla.kinship", 46, 80, 57.5, lower=46.6, upper=67.8),
        obs("E1", 2024, "cla.starts", 30, None, 30),
        obs("E1", 2023, "cla.starts", 25, None, 25),
        obs("E1", 2025, "cla.starts", None, None, None, flags="c"),
        obs("E1", 2024, "cla.starts", 31, None, 31, source="2025"),  # a later edition of 2024
    ])


def test_len_iteration_and_indexing(table):
    assert len(table) == 5
    rows = list(table)
    assert all(isinstance(r, carestat.Observation) for r in rows)
    first = rows[0]
    assert first.org_code == "E2" and first.org_name == "Council E2"
    assert first.period_start == D(2024, 4, 1) and first.period_end == D(2025, 3, 31)
    assert (first.numerator, first.denominator, first.value) == (46.0, 80.0, 57.5)
    assert (first.lower, first.upper) == (46.6, 67.8)
    assert first.flags == "" and first.source == "computed"
    assert math.isnan(rows[1].denominator) and math.isnan(rows[1].lower)
    assert rows[3].flags == "c" and math.isnan(rows[3].value)
    assert repr(table[-1]) == repr(rows[4]) and repr(table[1:3]) == repr(rows[1:3])  # NaN != NaN
    with pytest.raises(IndexError):
        table[5]
    with pytest.raises(TypeError):
        table["0"]


def test_to_records(table):
    recs = table.to_records()
    assert len(recs) == 5 and list(recs[0]) == list(carestat.FIELDS)
    assert recs[1]["value"] == 30.0 and recs[1]["indicator"] == "cla.starts"


def test_filter_series_sort(table):
    e1 = table.filter(org="E1")
    assert len(e1) == 4 and set(e1.orgs()) == {"E1"}
    assert len(table.filter(indicator="cla.kinship")) == 1
    assert len(table.filter()) == 5
    assert len(table.filter(org="nobody")) == 0
    s = table.series("E1", "cla.starts")
    # sorted by period end; for 2024 the row appended last (edition 2025, value 31) is kept
    assert [o.period_end.year for o in s] == [2023, 2024, 2025]
    assert [o.value for o in s][:2] == [25.0, 31.0]
    assert s[1].source == "2025"
    table.sort()
    assert [(o.org_code, o.period_end.year, o.source) for o in table] == [
        ("E1", 2023, "computed"), ("E1", 2024, "computed"), ("E1", 2024, "2025"),
        ("E1", 2025, "computed"), ("E2", 2025, "computed")]


def test_append_forms_and_extend(table):
    t = carestat.Table()
    assert len(t) == 0
    t.append(table[0])
    t.append(org_code="E9", indicator="x", value=1.5, period_end="2025-03-31")
    t.extend(table)
    t.extend([table[1]])
    assert len(t) == 2 + 5 + 1
    assert t[1].org_code == "E9" and t[1].period_start is None and t[1].period_end == D(2025, 3, 31)
    assert t[1].org_name == "" and math.isnan(t[1].numerator)


@pytest.mark.parametrize("bad,exc", [
    (dict(org_code=5), TypeError),
    (dict(value="high"), TypeError),
    (dict(value=True), TypeError),
    (dict(period_end=3.5), TypeError),
    (dict(colour="red"), ValueError),
    (dict(flags="nonsense"), carestat.Error),
])
def test_append_rejects_bad_fields(bad, exc):
    t = carestat.Table()
    with pytest.raises(exc):
        t.append(bad)
    assert len(t) == 0


def test_append_rejects_non_records():
    with pytest.raises(TypeError):
        carestat.Table([42])


def test_flags_round_trip():
    assert carestat.format_flags(0) == ""
    assert carestat.format_flags(carestat.FLAG_SUPPRESSED | carestat.FLAG_COMBINED) == "c;combined"
    assert carestat.parse_flags("c;combined") == carestat.FLAG_SUPPRESSED | carestat.FLAG_COMBINED
    symbols = ["c", "x", "z", "k", "u", "low", "combined", "noci", "revised"]
    for i, sym in enumerate(symbols):
        assert carestat.parse_flags(sym) == 1 << i
        assert carestat.format_flags(1 << i) == sym
    assert carestat.format_flags((1 << 9) - 1) == ";".join(symbols)
    with pytest.raises(carestat.Error) as ei:
        carestat.parse_flags("C")   # symbols are case-sensitive
    assert ei.value.code == carestat.ENOTFOUND


def test_csv_text_and_file(table, tmp_path):
    text = table.to_csv()
    lines = text.splitlines()
    assert lines[0] == ("org_code,org_name,period_start,period_end,indicator,numerator,denominator,"
                        "value,lower,upper,flags")
    assert lines[1] == "E2,Council E2,2024-04-01,2025-03-31,cla.kinship,46,80,57.5,46.6,67.8,"
    assert lines[4] == "E1,Council E1,2024-04-01,2025-03-31,cla.starts,,,,,,c"
    p = tmp_path / "t.csv"
    assert table.to_csv(p) is None
    assert p.read_text() == text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5 and rows[2]["value"] == "25"


def test_json_text_and_file(table, tmp_path):
    data = json.loads(table.to_json())
    assert len(data) == 5
    assert data[0]["org_code"] == "E2" and data[0]["value"] == 57.5 and data[0]["flags"] == []
    assert data[3]["value"] is None and data[3]["flags"] == ["c"]
    assert data[4]["source"] == "2025"
    p = tmp_path / "t.json"
    table.to_json(str(p))
    assert json.loads(p.read_text()) == data


def test_write_to_bad_path_is_an_io_error(table, tmp_path):
    with pytest.raises(carestat.Error) as ei:
        table.to_csv(tmp_path / "no" / "such" / "dir" / "t.csv")
    assert ei.value.code == carestat.EIO
    with pytest.raises(carestat.Error) as ei:
        table.to_json(tmp_path / "no" / "t.json")
    assert ei.value.code == carestat.EIO
    with pytest.raises(TypeError):
        table.to_csv(42)


def test_column_without_numpy(table):
    assert table.column("value")[:3] == [57.5, 30.0, 25.0]
    assert table.column("org_code") == ["E2", "E1", "E1", "E1", "E1"]
    with pytest.raises(ValueError):
        table.column("colour")


def test_closed_table(table):
    with table as t:
        assert len(t) == 5
    assert table.closed
    for call in (lambda: len(table), lambda: list(table), lambda: table.to_csv(),
                 lambda: table.filter(org="E1"), lambda: table.append(obs("E1", 2020, "x", 1, 2, 50))):
        with pytest.raises(carestat.Error) as ei:
            call()
        assert ei.value.code == carestat.ESTATE
    table.close()  # idempotent
    assert "closed" in repr(table)
    with pytest.raises(carestat.Error):
        with table:
            pass


def test_table_is_freed_when_collected():
    t = carestat.Table([obs("E1", 2024, "x", 1, 2, 50)])
    fin = t._fin
    assert fin.alive
    ref = weakref.ref(t)
    del t
    gc.collect()
    assert ref() is None and not fin.alive


def test_derived_tables_outlive_their_source(table):
    s = table.series("E1", "cla.starts")
    table.close()
    assert len(s) == 3 and s[0].org_name == "Council E1"


def test_wrong_handle_type_is_refused(table):
    ds = carestat.Dataset()
    from carestat._lib import lib
    import ctypes
    with pytest.raises(ctypes.ArgumentError):
        lib.carestat_table_count(ds)   # a Dataset is not a Table
    with pytest.raises(TypeError):
        table.extend(ds)
    ds.close()


def test_with_intervals():
    t = carestat.Table([
        obs("E1", 2025, "cla.kinship", 46, 80, 57.5),                       # percent: Wilson
        obs("E1", 2025, "cla.starts.rate", 30, 60000, 5.0),                 # rate per 10,000: Byar's (30 >= 10)
        obs("E1", 2025, "local.rate", 3, 60000, 0.5),                       # unknown id: per 10,000 inferred
        obs("E1", 2025, "cla.starts", 30, None, 30),                        # a count: unchanged
        obs("E1", 2025, "cla.kinship", 10, 20, 50, lower=1, upper=99),      # has an interval: kept
    ])
    w = t.with_intervals()
    rows = list(w)
    assert len(rows) == 5 and [r.value for r in rows][:2] == [57.5, 5.0]    # values kept as published
    assert (rows[0].lower, rows[0].upper) == pytest.approx(carestat.proportion_ci(46, 80, multiplier=100)[1:])
    assert (rows[1].lower, rows[1].upper) == pytest.approx(carestat.rate_ci(30, 60000)[1:])
    assert (rows[2].lower, rows[2].upper) == pytest.approx(carestat.rate_ci(3, 60000)[1:])
    assert math.isnan(rows[3].lower)
    assert (rows[4].lower, rows[4].upper) == (1, 99)
    again = t.with_intervals(replace=True, level=0.998)
    assert again[4].lower == pytest.approx(carestat.proportion_ci(10, 20, level=0.998, multiplier=100).lower)
