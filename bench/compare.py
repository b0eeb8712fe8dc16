#!/usr/bin/python3
"""Identical-results check: carestat's observation CSV against an alternative's org,year,indicator,
numerator,denominator CSV. Counts must be equal exactly; FTE sums (workforce) to 1e-6 (the order of
floating-point additions differs). Every (org, year, indicator) of the alternative must be in
carestat's output and vice versa (for the indicators the alternative computes).
Usage: compare.py CARESTAT.csv ALT.csv NAME     exit 0 identical, 1 different."""
import csv
import math
import sys


def num(x):
    return None if x in ("", "nan", "NaN") else float(x)


def main():
    cs_path, alt_path, name = sys.argv[1], sys.argv[2], sys.argv[3]
    alt = {}
    with open(alt_path, newline="") as f:
        for r in csv.DictReader(f):
            alt[(r["org"], int(r["year"]), r["indicator"])] = (num(r["numerator"]), num(r["denominator"]))
    inds = {k[2] for k in alt}
    cs = {}
    with open(cs_path, newline="") as f:
        for r in csv.DictReader(f):
            if r["indicator"] not in inds:
                continue
            cs[(r["org_code"], int(r["period_end"][:4]), r["indicator"])] = (num(r["numerator"]), num(r["denominator"]))
    bad = []
    for k in sorted(set(cs) | set(alt)):
        if k not in cs or k not in alt:
            bad.append(f"{k}: only in {'carestat' if k in cs else name}")
            continue
        for what, a, b in (("numerator", cs[k][0], alt[k][0]), ("denominator", cs[k][1], alt[k][1])):
            if a is None and b is None:
                continue
            wf = k[2].startswith("wf.")
            if a is None or b is None or (abs(a - b) > 1e-6 if wf else a != b):
                bad.append(f"{k} {what}: carestat {a} {name} {b}")
    if bad:
        print(f"IDENTICAL-RESULTS CHECK FAILED: carestat vs {name}: {len(bad)} differences", file=sys.stderr)
        for b in bad[:20]:
            print("  " + b, file=sys.stderr)
        return 1
    print(f"identical: carestat vs {name}: {len(cs)} observations ({len(inds)} indicators), numerators and denominators equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
