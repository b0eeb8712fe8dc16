"""Ofsted inspections and judgements (inspection.h)."""

import os
from collections import namedtuple
from ctypes import POINTER, byref, c_int, c_int32, c_size_t, c_uint64

from . import _lib
from ._dates import from_days, to_days
from ._handle import EBUFFER
from ._lib import CGradeChange, CInspection, Error, lib
from ._util import as_bytes, as_path, text

Inspection = namedtuple("Inspection", ("org_code", "org_name", "type", "start", "published", "date", "graded",
                                       "overall", "grades", "theme", "source", "line"))
Inspection.__doc__ = """One inspection or visit: organisation, type ("ILACS Standard Inspection", ...),
start and publication dates, the date it counts from (start, else publication), whether its type is
graded, the overall effectiveness grade ("" if none), every area it graded as {area key: grade}
("overall", "leaders", "help_protection", "children_in_care", ...), visit theme, source file and line."""

GradeChange = namedtuple("GradeChange", ("from_date", "to_date", "from_grade", "to_grade", "steps", "direction"))


def _area_keys():
    return [text(lib.carestat_judgement_area_key(i)) for i in range(_lib.JUDGEMENT_AREA_COUNT)]


def judgement_areas():
    """Judgement areas as (key, name) pairs, e.g. ("overall", "Overall effectiveness")."""
    return [(text(lib.carestat_judgement_area_key(i)), text(lib.carestat_judgement_area_name(i)))
            for i in range(_lib.JUDGEMENT_AREA_COUNT)]


def grade_names():
    """Ofsted's grade texts, best first ("Outstanding", ..., "Inadequate")."""
    return [text(lib.carestat_grade_name(g)) for g in range(1, lib.carestat_grade_count())]


def parse_grade(value):
    """A grade as written in Ofsted's files or in common use ("RI", "good", 2, ...) -> Ofsted's text
    ("" for not graded); Error(CARESTAT_EPARSE) for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    g = c_int()
    lib.carestat_grade_parse(byref(g), as_bytes(value, "grade"))
    return "" if g.value == 0 else text(lib.carestat_grade_name(g.value))


def _area(area):
    keys = _area_keys()
    if isinstance(area, str):
        if area in keys:
            return keys.index(area)
        names = [n.lower() for _, n in judgement_areas()]
        if area.lower() in names:
            return names.index(area.lower())
        raise ValueError(f"unknown judgement area {area!r}; one of {', '.join(keys)}")
    raise TypeError(f"area must be a str, not {type(area).__name__}")


def _grade_text(g):
    return "" if g == 0 else text(lib.carestat_grade_name(g))


def _insp(p):
    i = p.contents
    keys = _area_keys()
    grades = {}
    for a in range(_lib.JUDGEMENT_AREA_COUNT):
        g = lib.carestat_inspection_grade(p, a)
        if g:
            grades[keys[a]] = _grade_text(g)
    org = i.org.contents if i.org else None
    return Inspection(text(org.code) if org else "", text(org.name) if org else "",
                      text(lib.carestat_inspection_type_name(i.type)), from_days(i.start), from_days(i.published),
                      from_days(lib.carestat_inspection_date(p)), bool(lib.carestat_inspection_type_is_graded(i.type)),
                      grades.get("overall", ""), grades, text(i.theme), text(i.source), int(i.line))


_LINEAGE_BIT = 1  # CARESTAT_HISTORY_LINEAGE


def _flags(lineage):
    return _LINEAGE_BIT if lineage else 0


def history_flag_names():
    """Names of the history-query flags the library knows ("lineage")."""
    return [text(lib.carestat_history_flag_name(1 << i)) for i in range(32)
            if text(lib.carestat_history_flag_name(1 << i)) != "unknown"]


def load_inspections(dataset, path):
    dataset._call(lib.carestat_dataset_load_inspections, dataset._ptr, as_path(path))


def dataset_inspections(dataset, org=None, lineage=False):
    p = dataset._ptr
    if org is None:
        out = []
        ip = POINTER(CInspection)()
        for i in range(int(lib.carestat_dataset_inspection_count(p))):
            lib.carestat_dataset_inspection_at(byref(ip), p, i)
            out.append(_insp(ip))
        return out
    cap = 64
    while True:
        buf = (POINTER(CInspection) * cap)()
        n = c_size_t()
        try:
            lib.carestat_dataset_org_inspections(buf, cap, byref(n), p, as_bytes(org, "org"), _flags(lineage))
        except Error as e:
            if e.code == EBUFFER and n.value > cap:
                cap = n.value
                continue
            raise
        return [_insp(buf[i]) for i in range(n.value)]


def latest_grade(dataset, org, area="overall", at=None, lineage=False):
    g = c_int()
    ip = POINTER(CInspection)()
    lib.carestat_dataset_latest_grade(byref(g), byref(ip), dataset._ptr, as_bytes(org, "org"), _area(area),
                                      to_days(at), _flags(lineage))
    return _grade_text(g.value), (_insp(ip) if ip else None)


def grade_changes(dataset, org, area="overall", lineage=False):
    cap = 32
    while True:
        buf = (CGradeChange * cap)()
        n = c_size_t()
        try:
            lib.carestat_dataset_grade_changes(buf, cap, byref(n), dataset._ptr, as_bytes(org, "org"), _area(area),
                                               _flags(lineage))
        except Error as e:
            if e.code == EBUFFER and n.value > cap:
                cap = n.value
                continue
            raise
        return [GradeChange(from_days(lib.carestat_inspection_date(c.from_)), from_days(lib.carestat_inspection_date(c.to)),
                            _grade_text(c.from_grade), _grade_text(c.to_grade), c.steps,
                            text(lib.carestat_grade_direction_name(c.direction))) for c in buf[:n.value]]


def days_since_graded(dataset, org, at, lineage=False):
    d = c_int32()
    ip = POINTER(CInspection)()
    lib.carestat_dataset_days_since_graded(byref(d), byref(ip), dataset._ptr, as_bytes(org, "org"), to_days(at),
                                           _flags(lineage))
    return (None if d.value < 0 else d.value), (_insp(ip) if ip else None)


def grade_distribution(dataset, area="overall", at=None, lineage=False):
    n = lib.carestat_grade_count()
    counts = (c_uint64 * n)()
    lib.carestat_dataset_grade_distribution(counts, n, dataset._ptr, _area(area), to_days(at), _flags(lineage))
    out = {"Not graded": int(counts[0])}
    for g in range(1, n):
        out[_grade_text(g)] = int(counts[g])
    return out


def inspections(paths, org=None, lineage=False):
    """Read Ofsted outcome tables (one path or several) and return the inspections, all of them or
    one organisation's in date order (with its predecessors' through code changes, and through
    merges and splits with ``lineage=True``)."""
    from ._dataset import Dataset
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    with Dataset() as ds:
        for p in paths:
            ds.load_inspections(p)
        return ds.inspections(org=org, lineage=lineage)


__all__ = ["Inspection", "GradeChange", "judgement_areas", "grade_names", "parse_grade", "inspections"]
