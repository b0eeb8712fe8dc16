"""Table.plot with matplotlib (skipped without matplotlib)."""

import datetime

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import carestat  # noqa: E402


def table():
    t = carestat.Table()
    for year, v, lo, hi, fl in [(2021, 70.0, 65.0, 75.0, ""), (2022, 66.0, 61.0, 71.0, ""),
                                (2023, None, None, None, "c"), (2024, 60.0, 55.5, 64.5, ""),
                                (2025, 58.0, 54.0, 62.0, "combined")]:
        t.append(org_code="X1", org_name="Example", indicator="cla.looked_after.rate", value=v, lower=lo, upper=hi,
                 flags=fl, period_start=datetime.date(year - 1, 4, 1), period_end=datetime.date(year, 3, 31))
        t.append(org_code="E92000001", org_name="England", indicator="cla.looked_after.rate", value=67.0 + year % 2,
                 period_end=datetime.date(year, 3, 31))
    return t


def test_plot_draws_series_band_comparator_and_marks(tmp_path):
    t = table()
    insp = [{"date": datetime.date(2022, 6, 1), "grade": "Inadequate"},
            {"date": datetime.date(2024, 11, 25), "grade": "Requires improvement to be good"},
            {"date": datetime.date(2023, 1, 1), "grade": ""}]          # ungraded visit: not drawn
    ax = t.plot("X1", "cla.looked_after.rate", inspections=insp, title="Children looked after")
    labels = [l.get_label() for l in ax.get_lines()]
    assert "Example" in labels and "England" in labels
    series = next(l for l in ax.get_lines() if l.get_label() == "Example")
    ys = list(series.get_ydata())
    assert ys[:2] == [70.0, 66.0] and ys[3:] == [60.0, 58.0] and ys[2] != ys[2]   # NaN gap for the "c" year
    england = next(l for l in ax.get_lines() if l.get_label() == "England")
    assert len(england.get_xdata()) == 5
    # two interval bands: 2021-2022, and 2024-2025 (the suppressed year breaks the band)
    assert len(ax.collections) == 2
    assert "combined councils" in labels
    texts = [x.get_text() for x in ax.texts]
    assert "c" in texts and "Inadequate" in texts and "RI" in texts
    assert ax.get_title() == "Children looked after"
    out = tmp_path / "plot.png"
    ax.figure.savefig(out)
    assert out.stat().st_size > 5000
    plt.close(ax.figure)


def test_plot_on_given_axes_without_comparator():
    fig, ax = plt.subplots()
    got = table().plot("X1", "cla.looked_after.rate", ax=ax, comparator=None, label="Mine")
    assert got is ax
    assert [l.get_label() for l in ax.get_lines() if not l.get_label().startswith("_")] == ["Mine",
                                                                                           "combined councils"]
    plt.close(fig)


def test_plot_closed_table():
    t = table()
    t.close()
    with pytest.raises(carestat.Error):
        t.plot("X1", "cla.looked_after.rate")
