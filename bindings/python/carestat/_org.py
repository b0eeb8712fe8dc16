"""Organisations (org.h): the built-in registry of councils, trusts, regions and England, lineage
across reorganisations, trusts' councils, statistical neighbours.

Module-level functions use the built-in registry; the same calls on a :class:`Dataset` also see
the organisations, links and neighbours added to or loaded into that dataset.
"""

from collections import namedtuple
from ctypes import POINTER, byref, c_size_t, c_uint

from ._dates import from_days, to_days
from ._handle import EBUFFER
from ._lib import CLineageLink, CNeighbour, COrg, CTrustDelivery, Error, lib
from ._util import as_bytes, as_int, text

Org = namedtuple("Org", ("code", "la_code", "name", "kind", "region_code", "start", "end", "user_defined"))
Org.__doc__ = """An organisation: canonical code (GSS or the user's), DfE 3-digit code, name, kind
("council", "trust", "region", "country"), region code, first and last day (None when open),
whether the user defined it."""

LineageLink = namedtuple("LineageLink", ("from_code", "to_code", "date", "kind"))
LineageLink.__doc__ = """A predecessor -> successor link; kind "rename", "merge", "split" or "part";
date is the first day of the successor."""

Neighbour = namedtuple("Neighbour", ("org", "rank", "closeness"))

KINDS = ("council", "trust", "region", "country")
LINK_KINDS = ("rename", "merge", "split", "part")


def _ds(dataset):
    return None if dataset is None else dataset._ptr


def _org(p):
    o = p.contents
    return Org(text(o.code), text(o.la_code), text(o.name), text(lib.carestat_org_kind_name(o.kind)),
               text(o.region_code), from_days(o.start), from_days(o.end), bool(o.user_defined))


def _link(link):
    return LineageLink(text(link.from_code), text(link.to_code), from_days(link.date),
                       text(lib.carestat_lineage_kind_name(link.kind)))


def _grow(fn, ctype, *args, extra=()):
    """Call a (out, cap, count, ...) function, growing the buffer on CARESTAT_EBUFFER."""
    cap = 64
    while True:
        buf = (ctype * cap)()
        count = c_size_t()
        try:
            fn(buf, cap, byref(count), *extra, *args)
        except Error as e:
            if e.code == EBUFFER and count.value > cap:
                cap = count.value
                continue
            raise
        return buf[:count.value]


def org(code_or_name, at=None, dataset=None):
    """Find an organisation by GSS code, DfE 3-digit code or exact name.

    With ``at`` (a date), the one that existed that day wins where a 3-digit code or name was
    reused (825 is Buckinghamshire County Council until March 2020, Buckinghamshire Council after).
    Raises Error(CARESTAT_ENOTFOUND) for an unknown organisation.
    """
    out = POINTER(COrg)()
    name = as_bytes(code_or_name, "code_or_name")
    if at is None:
        lib.carestat_dataset_org_find(byref(out), _ds(dataset), name)
    else:
        lib.carestat_dataset_org_find_at(byref(out), _ds(dataset), name, to_days(at))
    return _org(out)


def orgs(kind=None, at=None, dataset=None):
    """Every organisation (built-in registry, plus the dataset's own), optionally of one kind
    ("council", "trust", "region", "country") and/or existing on a date."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    p = _ds(dataset)
    out = []
    o = POINTER(COrg)()
    for i in range(int(lib.carestat_dataset_org_count(p))):
        lib.carestat_dataset_org_at(byref(o), p, i)
        if at is not None and not lib.carestat_org_exists_at(o, to_days(at)):
            continue
        rec = _org(o)
        if kind is None or rec.kind == kind:
            out.append(rec)
    return out


def region(code, dataset=None):
    """The region of an organisation (a region's parent for a region)."""
    out = POINTER(COrg)()
    lib.carestat_dataset_org_region(byref(out), _ds(dataset), as_bytes(code, "code"))
    return _org(out)


def predecessors(code, dataset=None):
    """Links whose successor is this organisation."""
    links = _grow(lib.carestat_dataset_org_predecessors, CLineageLink, _ds(dataset), as_bytes(code, "code"))
    return [_link(x) for x in links]


def successors(code, dataset=None):
    """Links whose predecessor is this organisation."""
    links = _grow(lib.carestat_dataset_org_successors, CLineageLink, _ds(dataset), as_bytes(code, "code"))
    return [_link(x) for x in links]


def trust_councils(trust, at, dataset=None):
    """The councils a trust delivers for on a date."""
    ps = _grow(lib.carestat_dataset_trust_councils, POINTER(COrg), _ds(dataset), as_bytes(trust, "trust"),
               to_days(at))
    return [_org(p) for p in ps]


def delivered_by(council, at, dataset=None):
    """Who delivers children's services for a council on a date: its trust, or the council itself."""
    out = POINTER(COrg)()
    lib.carestat_dataset_org_delivered_by(byref(out), _ds(dataset), as_bytes(council, "council"), to_days(at))
    return _org(out)


def expand(code, at=None, year=None, dataset=None):
    """The councils whose figures combine to give an organisation's figure for a period ending on
    ``at`` (or for the reporting year ``year``): ``(councils, flags)`` where flags is a set of
    "trust", "lineage", "wider", "narrower", "aggregate"."""
    if (at is None) == (year is None):
        raise TypeError("give exactly one of at= or year=")
    flags = c_uint()
    if year is not None:
        ps = _grow(lib.carestat_dataset_org_expand_year, POINTER(COrg), _ds(dataset), as_bytes(code, "code"),
                   as_int(year, "year"), extra=(byref(flags),))
    else:
        ps = _grow(lib.carestat_dataset_org_expand, POINTER(COrg), _ds(dataset), as_bytes(code, "code"),
                   to_days(at), extra=(byref(flags),))
    names = {text(lib.carestat_expand_flag_name(1 << i)) for i in range(32) if flags.value & (1 << i)}
    return [_org(p) for p in ps], names


def neighbours(code, dataset):
    """Statistical neighbours loaded into a dataset, closest first (:class:`Neighbour` records)."""
    ns = _grow(lib.carestat_dataset_neighbours, CNeighbour, _ds(dataset), as_bytes(code, "code"))
    return [Neighbour(_org(n.org), int(n.rank), text(n.closeness)) for n in ns]


def add_org(dataset, code, name, kind="council", la_code="", region_code="", start=None, end=None):
    """Add (or override) an organisation in a dataset."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    keep = [as_bytes(code, "code"), as_bytes(name, "name"), as_bytes(la_code or "", "la_code"),
            as_bytes(region_code or "", "region_code")]
    o = COrg(keep[0], keep[2], keep[1], KINDS.index(kind), keep[3], to_days(start), to_days(end), 1)
    dataset._call(lib.carestat_dataset_org_add, dataset._ptr, byref(o))


def add_lineage(dataset, from_code, to_code, date, kind="split"):
    """Add a predecessor -> successor link to a dataset."""
    if kind not in LINK_KINDS:
        raise ValueError(f"kind must be one of {', '.join(LINK_KINDS)}")
    link = CLineageLink(as_bytes(from_code, "from_code"), as_bytes(to_code, "to_code"), to_days(date),
                        LINK_KINDS.index(kind))
    dataset._call(lib.carestat_dataset_lineage_add, dataset._ptr, byref(link))


def add_trust_council(dataset, trust, council, start=None, end=None):
    """Record that a trust delivers for a council over a period (None = open)."""
    d = CTrustDelivery(as_bytes(trust, "trust"), as_bytes(council, "council"), to_days(start), to_days(end))
    dataset._call(lib.carestat_dataset_trust_add_council, dataset._ptr, byref(d))


__all__ = ["Org", "LineageLink", "Neighbour", "org", "orgs", "region", "predecessors", "successors",
           "trust_councils", "delivered_by", "expand"]
