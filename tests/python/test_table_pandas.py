"""Table.to_pandas: proper dtypes (skipped without pandas)."""

import datetime

import pytest

pd = pytest.importorskip("pandas")
import carestat  # noqa: E402


def test_dataframe_shape_and_dtypes():
    t = carestat.Table()
    t.append(org_code="E1", org_name="One", indicator="cla.starts.rate", numerator=30, denominator=60000,
             value=5.0, lower=3.4, upper=7.1, period_start="2024-04-01", period_end="2025-03-31",
             source="computed")
    t.append(org_code="E1", org_name="One", indicator="cla.starts.rate", period_end="2024-03-31",
             flags="c;revised", source="2025")
    df = t.to_pandas()
    assert list(df.columns) == list(carestat.FIELDS)
    assert len(df) == 2
    assert str(df["period_end"].dtype).startswith("datetime64")
    assert str(df["period_start"].dtype).startswith("datetime64")
    assert df["period_end"][0] == pd.Timestamp("2025-03-31")
    assert pd.isna(df["period_start"][1])
    assert df["flags"].tolist() == ["", "c;revised"]
    assert df["flags"].dtype == object and df["org_code"].dtype == object
    for c in ("numerator", "denominator", "value", "lower", "upper"):
        assert df[c].dtype == "float64"
    assert df["value"][0] == 5.0 and pd.isna(df["value"][1])
    assert df["source"].tolist() == ["computed", "2025"]
    # the period_end column converts back to the same dates
    assert df["period_end"][0].date() == datetime.date(2025, 3, 31)


def test_empty_dataframe():
    df = carestat.Table().to_pandas()
    assert len(df) == 0 and list(df.columns) == list(carestat.FIELDS)


def test_notebook_html_display():
    t = carestat.Table([dict(org_code=f"E{i}", indicator="x", value=i) for i in range(60)])
    html = t._repr_html_()
    assert html.count("<tr>") == 50 and "60 observations (first 50 shown)" in html   # 50 body rows
    small = carestat.Table([dict(org_code="E1", indicator="x", value=1.5, flags="c")])
    assert "1.5" in small._repr_html_() and "<p>1 observation</p>" in small._repr_html_()
    small.close()
    assert small._repr_html_() is None
