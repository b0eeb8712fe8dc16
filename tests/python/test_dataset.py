"""Dataset handle: options, lifetime, diagnostics and load summaries (loaders in their own tests)."""

import gc
import weakref

import pytest

import carestat


def test_new_dataset_is_empty():
    with carestat.Dataset() as ds:
        assert ds.diagnostics() == []
        assert ds.load_summaries() == []
        assert ds.diagnostics_dropped == 0
        assert ds.errmsg == ""
        assert "0 tables loaded" in repr(ds)


@pytest.mark.parametrize("mode", ["keep", "drop", "stop"])
def test_error_modes(mode):
    carestat.Dataset(error_mode=mode).close()


@pytest.mark.parametrize("kwargs,exc", [
    (dict(error_mode="ignore"), ValueError),
    (dict(max_rows=-1), ValueError),
    (dict(max_rows="10"), TypeError),
    (dict(max_field_bytes=1.5), TypeError),
])
def test_bad_options(kwargs, exc):
    with pytest.raises(exc):
        carestat.Dataset(**kwargs)


def test_closed_dataset():
    ds = carestat.Dataset()
    ds.close()
    ds.close()
    assert ds.closed and "closed" in repr(ds)
    for call in (ds.diagnostics, ds.load_summaries, lambda: ds.errmsg, lambda: ds.diagnostics_dropped):
        with pytest.raises(carestat.Error) as ei:
            call()
        assert ei.value.code == carestat.ESTATE and ei.value.name == "CARESTAT_ESTATE"


def test_dataset_is_freed_when_collected():
    ds = carestat.Dataset()
    fin = ds._fin
    ref = weakref.ref(ds)
    del ds
    gc.collect()
    assert ref() is None and not fin.alive


def test_severity_names():
    assert [carestat.severity_name(i) for i in range(4)] == ["note", "warning", "error", "fatal"]
    assert carestat.severity_name(9) == "unknown"


def test_diagnostic_text_uses_the_library_format():
    d = carestat.Diagnostic("episodes.csv", 12, 3, "error", "BAD_DATE", "DECOM '31/02/2020' is not a date")
    assert str(d) == "episodes.csv:12:3: error: BAD_DATE: DECOM '31/02/2020' is not a date"
    d0 = carestat.Diagnostic("header.csv", 0, 0, "warning", "W", "whole file")
    assert str(d0) == "header.csv: warning: W: whole file"


def test_a_reading_error_does_not_repeat_an_earlier_load_message(tmp_path):
    bad = tmp_path / "sn.csv"
    bad.write_text("colour,shape\nred,round\n")
    with carestat.Dataset() as ds:
        with pytest.raises(carestat.Error) as load_err:
            ds.load_neighbours(bad)
        assert "sn.csv" in load_err.value.message          # the loader's detailed message
        with pytest.raises(carestat.Error) as find_err:
            ds.org("Narnia")
        assert find_err.value.code == carestat.ENOTFOUND
        assert find_err.value.message == carestat.strerror(carestat.ENOTFOUND)
        assert find_err.value.diagnostics == []
