"""Workforce records and DfE's workforce formulae from Python."""

import pytest

import carestat

HEADER = "worker_id,la_code,census_year,agency,fte,role,start_date,end_date,reason_leave,days_absent,cases\n"


def test_formulae_by_hand():
    # 12 leavers of 80 in post = 15%; 20 agency with 80 employed = 20/100 = 20%;
    # 10 vacancies with 90 in post = 10/100 = 10%; 506 days lost by 2 FTE over 253 days = 100%
    assert carestat.workforce_turnover_rate(12, 80) == pytest.approx(15.0)
    assert carestat.workforce_agency_rate(20, 80) == pytest.approx(20.0)
    assert carestat.workforce_vacancy_rate(10, 90) == pytest.approx(10.0)
    assert carestat.workforce_working_days(2023) == 253 and carestat.workforce_working_days(2024) == 254
    assert carestat.workforce_absence_rate(506, 2, 2023) == pytest.approx(100.0)
    assert carestat.workforce_caseload(160, 10) == pytest.approx(16.0)
    with pytest.raises(carestat.Error) as ei:
        carestat.workforce_turnover_rate(1, 0)
    assert ei.value.code == carestat.ERANGE
    with pytest.raises(carestat.Error) as ei:
        carestat.workforce_caseload(-1, 10)
    assert ei.value.code == carestat.EINVAL
    with pytest.raises(TypeError):
        carestat.workforce_caseload("160", 10)


def test_worker_records_and_diagnostics(tmp_path):
    p = tmp_path / "workers.csv"
    p.write_text(HEADER +
                 "W1,940,2024,0,1,5,01/09/2020,,,2,18\n"
                 "W2,940,2024,1,0.5,5,2023-01-01,,,0,9\n"
                 "W3,940,2024,0,1.5,5,01/01/2019,,,0,10\n")        # FTE above 1: WF_BAD_FTE at line 4, column 5
    with carestat.Dataset() as ds:
        ds.load_workforce(p)
        ws = ds.workers()
        assert [w["worker_id"] for w in ws] == ["W1", "W2", "W3"]
        assert ws[0]["org_code"] == "940" and ws[0]["census_year"] == 2024 and ws[0]["cases"] == 18
        assert ws[1]["agency"] == 1 and ws[1]["fte"] == 0.5
        assert str(ws[0]["start"]) == "2020-09-01" and ws[0]["end"] is None
        bad = [d for d in ds.diagnostics() if d.code == "WF_BAD_FTE"]
        assert len(bad) == 1 and (bad[0].line, bad[0].column) == (4, 5) and bad[0].severity == "error"
        assert bad[0].file.endswith("workers.csv")
        s = ds.load_summaries()[-1]
        assert (s.table, s.rows_read, s.rows_accepted + s.rows_rejected) == ("workforce", 3, 3)


def test_stop_mode_raises_with_diagnostics(tmp_path):
    p = tmp_path / "workers.csv"
    p.write_text(HEADER + "W3,940,2024,0,1.5,5,01/01/2019,,,0,10\n")
    with carestat.Dataset(error_mode="stop") as ds:
        with pytest.raises(carestat.Error) as ei:
            ds.load_workforce(p)
        e = ei.value
        assert e.code == carestat.EPARSE
        assert "workers.csv" in e.message
        assert [d.code for d in e.diagnostics] == ["WF_BAD_FTE"]


def test_workforce_text_and_missing_file(tmp_path):
    with carestat.Dataset() as ds:
        ds.load_workforce_text(HEADER + "W1,940,2024,0,1,5,01/09/2020,,,0,18\n", name="inline.csv")
        assert len(ds.workers()) == 1 and ds.load_summaries()[0].source == "inline.csv"
        with pytest.raises(carestat.Error) as ei:
            ds.load_workforce(tmp_path / "missing.csv")
        assert ei.value.code == carestat.EIO
        assert "missing.csv" in ei.value.message
        with pytest.raises(TypeError):
            ds.load_workforce(42)


def test_la_level_figures(tmp_path):
    p = tmp_path / "la.csv"
    p.write_text("la_code,census_year,vacancy_fte,agency_fte\n940,2024,12.5,20\n940,2024,1,1\n")
    with carestat.Dataset() as ds:
        ds.load_workforce_la(p)
        rows = ds.workforce_la()
        assert len(rows) == 1 and rows[0]["vacancy_fte"] == 12.5 and rows[0]["agency_fte"] == 20
        assert [d.code for d in ds.diagnostics()] == ["WF_DUPLICATE"]
        ds.load_workforce_la_text("la_code,census_year,vacancy_fte\n941,2024,3\n", name="more.csv")
        assert [r["org_code"] for r in ds.workforce_la()] == ["940", "941"]


def test_csww_xml_return():
    from conftest import shared_path
    p = shared_path("data/synthetic_csww/social_work_workforce_2022.xml")
    with carestat.Dataset() as ds:
        ds.load_workforce(p)                       # .xml: DfE's CSWW XML return
        assert len(ds.workers()) > 0
        s = [x for x in ds.load_summaries() if x.table == "workforce"]
        assert s and s[0].rows_read == s[0].rows_accepted + s[0].rows_rejected
        n = len(ds.workers())
        ds.load_workforce_text(p.read_text(), name="again.xml", xml=True)
        assert len(ds.workers()) == 2 * n
        with pytest.raises(TypeError):
            ds.load_workforce_text(42)
