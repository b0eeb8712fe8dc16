#!/usr/bin/env python3
"""Generate lib/org/org_registry_data.c: the built-in registry of English councils with children's
services responsibilities, regions, England, former councils, lineage links and trusts.

Facts and sources:
- Council GSS codes, DfE 3-digit codes, names and regions: DfE EES file
  cla_number_and_rate_per_10k_children.csv (2025 edition, CSC_outcomes_and_enablers/data-raw),
  Local authority rows (rows for codes that no longer exist are kept as former councils).
  London boroughs carry the sub-region E13000001/E13000002 there; their region is London E12000007.
- Former councils and reorganisations (dates are the first day of the successor):
  * Bournemouth (E06000028, 837), Poole (E06000029, 836) and Dorset County Council (E10000009, 835)
    ended 31 March 2019: Bournemouth, Christchurch and Poole (E06000058, 839) and Dorset (E06000059, 838)
    from 1 April 2019 (Christchurch moved from Dorset County to BCP).
  * Buckinghamshire: code change E10000002 -> E06000060 (825) on 1 April 2020 (county became unitary).
  * Northamptonshire (E10000021, 928) ended 31 March 2021: North Northamptonshire (E06000061, 940) and
    West Northamptonshire (E06000062, 941) from 1 April 2021 (domain.md 5.8).
  * Cumbria (E10000006, 909) ended 31 March 2023: Cumberland (E06000063, 942) and Westmorland and
    Furness (E06000064, 943) from 1 April 2023.
  * North Yorkshire E10000023 -> E06000065 (815) and Somerset E10000027 -> E06000066 (933) on
    1 April 2023 (counties became unitary; same children's services area).
  * Northumberland E06000048 -> E06000057 (929) and Gateshead E08000020 -> E08000037 (390): GSS code
    changes after a boundary change [U: date taken as 1 April 2013]; DfE files use the new codes
    back to 2013, the old ones appear in older editions.
  * Barnsley E08000038 and Sheffield E08000039: newer GSS codes seen in the CSWW 2025 file; kept as
    alternative codes of E08000016 / E08000019 (no lineage: same councils).
- Trust: Northamptonshire Children's Trust (code "TRUST-NCT", chosen by carestat) went live
  1 November 2020 for Northamptonshire County Council, and from 1 April 2021 for North and West
  Northamptonshire (domain.md 5.8).

Usage: tools/gen_org_registry.py ../shared/data/dfe_ees/cla_number_and_rate_per_10k_children.csv \
          > lib/org/org_registry_data.c
"""
import csv
import datetime
import sys

EPOCH = datetime.date(1970, 1, 1)


def day(y, m, d):
    return (datetime.date(y, m, d) - EPOCH).days


def cstr(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


REGIONS = [
    ("E12000001", "North East"), ("E12000002", "North West"), ("E12000003", "Yorkshire and The Humber"),
    ("E12000004", "East Midlands"), ("E12000005", "West Midlands"), ("E12000006", "East of England"),
    ("E12000007", "London"), ("E12000008", "South East"), ("E12000009", "South West"),
]
SUBREGIONS = [("E13000001", "Inner London"), ("E13000002", "Outer London")]

# code -> (start, end) for councils created or ended by the reorganisations above
D2019, D2020, D2021, D2023, D2013 = day(2019, 4, 1), day(2020, 4, 1), day(2021, 4, 1), day(2023, 4, 1), day(2013, 4, 1)
LIFE = {
    "E06000028": (None, D2019 - 1), "E06000029": (None, D2019 - 1), "E10000009": (None, D2019 - 1),
    "E06000058": (D2019, None), "E06000059": (D2019, None),
    "E10000002": (None, D2020 - 1), "E06000060": (D2020, None),
    "E10000021": (None, D2021 - 1), "E06000061": (D2021, None), "E06000062": (D2021, None),
    "E10000006": (None, D2023 - 1), "E06000063": (D2023, None), "E06000064": (D2023, None),
    "E10000023": (None, D2023 - 1), "E06000065": (D2023, None),
    "E10000027": (None, D2023 - 1), "E06000066": (D2023, None),
    "E06000048": (None, D2013 - 1), "E06000057": (D2013, None),
    "E08000020": (None, D2013 - 1), "E08000037": (D2013, None),
}
# Former councils not (or not with these codes) in the 2025 file (codes, names and regions as in
# the 2023 and earlier editions of the same DfE file)
EXTRA = [
    ("E06000048", "929", "Northumberland", "E12000001"),
    ("E08000020", "390", "Gateshead", "E12000001"),
    ("E10000002", "825", "Buckinghamshire", "E12000008"),
    ("E06000028", "837", "Bournemouth", "E12000009"),
    ("E06000029", "836", "Poole", "E12000009"),
    ("E10000009", "835", "Dorset", "E12000009"),
    ("E10000023", "815", "North Yorkshire", "E12000003"),
    ("E10000027", "933", "Somerset", "E12000009"),
]
LINKS = [  # from, to, first day of successor, kind
    ("E06000028", "E06000058", D2019, "MERGE"), ("E06000029", "E06000058", D2019, "MERGE"),
    ("E10000009", "E06000059", D2019, "SPLIT"), ("E10000009", "E06000058", D2019, "PART"),
    ("E10000002", "E06000060", D2020, "RENAME"),
    ("E10000021", "E06000061", D2021, "SPLIT"), ("E10000021", "E06000062", D2021, "SPLIT"),
    ("E10000006", "E06000063", D2023, "SPLIT"), ("E10000006", "E06000064", D2023, "SPLIT"),
    ("E10000023", "E06000065", D2023, "RENAME"), ("E10000027", "E06000066", D2023, "RENAME"),
    ("E06000048", "E06000057", D2013, "RENAME"), ("E08000020", "E08000037", D2013, "RENAME"),
]
TRUST = ("TRUST-NCT", "Northamptonshire Children's Trust", "E12000004", day(2020, 11, 1))
DELIVERIES = [
    ("TRUST-NCT", "E10000021", day(2020, 11, 1), D2021 - 1),
    ("TRUST-NCT", "E06000061", D2021, None),
    ("TRUST-NCT", "E06000062", D2021, None),
]
# Other spellings (Ofsted, older DfE files) -> code. Matching is case-insensitive.
ALIASES = [
    ("Bournemouth, Christchurch & Poole", "E06000058"), ("Telford & Wrekin", "E06000020"),
    ("Hammersmith & Fulham", "E09000013"), ("Bristol", "E06000023"), ("City of Bristol", "E06000023"),
    ("St Helens", "E08000013"), ("Kingston upon Hull", "E06000010"), ("Hull", "E06000010"),
    ("Durham", "E06000047"), ("Herefordshire", "E06000019"), ("Bedford Borough", "E06000055"),
    ("E08000038", "E08000016"), ("E08000039", "E08000019"),
]


def main():
    path = sys.argv[1]
    councils = {}
    subregion = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["geographic_level"] != "Local authority":
                continue
            code = r["new_la_code"].strip()
            if "/" in code:
                continue
            reg = r["region_code"].strip()
            if reg.startswith("E13"):
                subregion[code] = reg
                reg = "E12000007"
            prev = councils.get(code)
            item = (code, r["old_la_code"].strip(), r["la_name"].strip(), reg, int(r["time_period"][:4]))
            if prev is None or item[4] > prev[4]:
                councils[code] = item
    for code, la, name, reg in EXTRA:
        councils.setdefault(code, (code, la, name, reg, 0))
    current = [c for c in councils if LIFE.get(c, (None, None))[1] is None]
    if len(current) != 153:
        sys.exit("expected 153 current councils, got %d" % len(current))
    date_c = lambda d: "CARESTAT_DATE_NONE" if d is None else str(d)
    out = []
    w = out.append
    w("/* GENERATED by tools/gen_org_registry.py from DfE's cla_number_and_rate_per_10k_children.csv")
    w(" * (2025 edition) and the reorganisation facts listed in that script. Do not edit by hand. */")
    w('#include "org/org_internal.h"')
    w("")
    w("const carestat_org cs_org_builtin[] = {")
    w('    {"E92000001", "", "England", CARESTAT_ORG_COUNTRY, "", CARESTAT_DATE_NONE, CARESTAT_DATE_NONE, 0},')
    for code, name in REGIONS:
        w('    {%s, "", %s, CARESTAT_ORG_REGION, "E92000001", CARESTAT_DATE_NONE, CARESTAT_DATE_NONE, 0},' % (cstr(code), cstr(name)))
    for code, name in SUBREGIONS:
        w('    {%s, "", %s, CARESTAT_ORG_REGION, "E12000007", CARESTAT_DATE_NONE, CARESTAT_DATE_NONE, 0},' % (cstr(code), cstr(name)))
    for code in sorted(councils):
        c = councils[code]
        s, e = LIFE.get(code, (None, None))
        w("    {%s, %s, %s, CARESTAT_ORG_COUNCIL, %s, %s, %s, 0}," % (cstr(code), cstr(c[1]), cstr(c[2]), cstr(c[3]), date_c(s), date_c(e)))
    w("    {%s, \"\", %s, CARESTAT_ORG_TRUST, %s, %d, CARESTAT_DATE_NONE, 0}," % (cstr(TRUST[0]), cstr(TRUST[1]), cstr(TRUST[2]), TRUST[3]))
    w("};")
    w("const size_t cs_org_builtin_count = sizeof cs_org_builtin / sizeof cs_org_builtin[0];")
    w("")
    w("const cs_org_alias cs_org_aliases[] = {")
    for a, code in ALIASES:
        assert code in councils
        w("    {%s, %s}," % (cstr(a), cstr(code)))
    w("};")
    w("const size_t cs_org_alias_count = sizeof cs_org_aliases / sizeof cs_org_aliases[0];")
    w("")
    w("const carestat_lineage_link cs_org_builtin_links[] = {")
    for a, b, d, k in LINKS:
        assert a in councils and b in councils
        w("    {%s, %s, %d, CARESTAT_LINK_%s}," % (cstr(a), cstr(b), d, k))
    w("};")
    w("const size_t cs_org_builtin_link_count = sizeof cs_org_builtin_links / sizeof cs_org_builtin_links[0];")
    w("")
    w("const carestat_trust_delivery cs_org_builtin_deliveries[] = {")
    for t, c, s, e in DELIVERIES:
        w("    {%s, %s, %s, %s}," % (cstr(t), cstr(c), date_c(s), date_c(e)))
    w("};")
    w("const size_t cs_org_builtin_delivery_count = sizeof cs_org_builtin_deliveries / sizeof cs_org_builtin_deliveries[0];")
    w("")
    w("/* London boroughs: Inner (E13000001) or Outer (E13000002) London, as in DfE's files. */")
    w("const cs_org_alias cs_org_subregions[] = {")
    for code in sorted(subregion):
        w("    {%s, %s}," % (cstr(code), cstr(subregion[code])))
    w("};")
    w("const size_t cs_org_subregion_count = sizeof cs_org_subregions / sizeof cs_org_subregions[0];")
    print("\n".join(out))


if __name__ == "__main__":
    main()
