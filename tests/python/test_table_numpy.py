"""Table columns as numpy arrays: numpy allocates, the library fills (skipped without numpy)."""

import datetime
import math

import pytest

np = pytest.importorskip("numpy")
import carestat  # noqa: E402


@pytest.fixture
def table():
    t = carestat.Table()
    # value = 100 * numerator / denominator for each row; row 3 has missing dates and numbers
    for i, (num, den) in enumerate([(1, 4), (3, 10), (46, 80)]):
        t.append(org_code=f"E{i}", indicator="p", numerator=num, denominator=den, value=100 * num / den,
                 lower=0, upper=100, period_start=datetime.date(2020 + i, 4, 1),
                 period_end=datetime.date(2021 + i, 3, 31), flags="u" if i == 1 else "")
    t.append(org_code="E9", indicator="p")
    return t


def test_double_columns(table):
    v = table.to_numpy("value")
    assert v.dtype == np.float64 and v.shape == (4,)
    assert v.flags.owndata and v.flags.c_contiguous   # the array C wrote into, not a copy of it
    np.testing.assert_array_equal(v[:3], [25.0, 30.0, 57.5])
    assert math.isnan(v[3])
    np.testing.assert_array_equal(table.to_numpy("numerator")[:3], [1, 3, 46])
    np.testing.assert_array_equal(table.to_numpy("denominator")[:3], [4, 10, 80])
    np.testing.assert_array_equal(table.to_numpy("lower")[:3], [0, 0, 0])
    np.testing.assert_array_equal(table.to_numpy("upper")[:3], [100, 100, 100])
    # agreement with the row-wise path
    np.testing.assert_array_equal(v[:3], [o.value for o in table][:3])


def test_date_columns(table):
    e = table.to_numpy("period_end")
    assert e.dtype == np.dtype("datetime64[D]")
    assert list(e[:3].astype(str)) == ["2021-03-31", "2022-03-31", "2023-03-31"]
    assert np.isnat(e[3])
    days = table.to_numpy("period_start", dates="days")
    assert days.dtype == np.int32
    assert days[0] == carestat.to_days("2020-04-01") and days[3] == carestat.to_days(None)
    with pytest.raises(ValueError):
        table.to_numpy("period_start", dates="weeks")


def test_flags_and_text_columns(table):
    f = table.to_numpy("flags")
    assert f.dtype == np.uint32 and list(f) == [0, carestat.FLAG_UNRELIABLE, 0, 0]
    assert list(table.to_numpy("org_code")) == ["E0", "E1", "E2", "E9"]
    assert list(table.to_numpy("flags_text")) == ["", "u", "", ""]
    with pytest.raises(ValueError):
        table.to_numpy("colour")


def test_empty_table():
    t = carestat.Table()
    assert t.to_numpy("value").shape == (0,)
    assert t.to_numpy("period_end").shape == (0,)


def test_closed_table_to_numpy(table):
    table.close()
    with pytest.raises(carestat.Error) as ei:
        table.to_numpy("value")
    assert ei.value.code == carestat.ESTATE


def test_numpy_arrays_as_statistics_inputs():
    # a C-contiguous float64 array goes to C as it is; other dtypes and strides are converted once
    vals = np.array([33.09375, 48.38596, 64.83495, 67.98475])
    m = carestat.mean_ci(vals)
    assert m.value == pytest.approx(vals.mean()) and m.sd == pytest.approx(vals.std(ddof=1))
    assert carestat.mean_ci(vals[::2]).value == pytest.approx(vals[::2].mean())
    assert carestat.mean_ci(np.array([1, 2, 3], dtype=np.int32)).value == 2.0
    assert carestat.quantile_bands(np.arange(8.0), 4) == [4, 4, 3, 3, 2, 2, 1, 1]
    s = carestat.spc_xmr(np.array([5.0, 6.0] * 5 + [50.0]))
    assert s.rules[-1] == "Above UCL"
    with pytest.raises(ValueError):
        carestat.mean_ci(np.ones((2, 2)))
