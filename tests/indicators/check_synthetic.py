#!/usr/bin/env python3
"""Independent check of carestat's children-in-care indicators on the synthetic SSDA903 returns.

For each annual return of data/synthetic_903/cs_demand_model_samples (files labelled 2017..2021 hold
the reporting years ending 31 March 2018..2022), this script
  1. runs the C driver (carestat_dataset_load_903 + carestat_compute) on the episodes and header files;
  2. recomputes a few indicators from the raw CSV with plain Python, straight from the DfE definitions
     (reference/domain.md section 2), without carestat:
       cla.looked_after   children with an episode open on 31 March (DEC blank or after 31 March)
       cla.starts         children with an RNE S episode starting in the year (once per child)
       cla.ceased         children whose episode ended the period of care (REC not X1) in the year
       cla.ceased.adopted last exit in the year was E11/E12 (numerator; denominator cla.ceased)
       cla.kinship        open episode on 31 March in U1-U3 (numerator; denominator cla.looked_after)
       cla.other_placements  open episode on 31 March in Z1 (numerator)
       cla.stability.placements3plus  children looked after on 31 March with 3+ placements in the year,
                          placements per the documented default rule (new placement on RNE S/P/B/T/U,
                          not T/U into A3/A5; temporary T0-T4 placements and the return to the
                          placement held before them not counted; placements under 24 hours not counted)
     with short-break episodes (LS V3/V4) removed first;
  3. requires the two to agree exactly.
Exit 77 (skip) when the shared data folder is absent."""
import csv
import datetime as dt
import os
import subprocess
import sys


def parse_date(s):
    s = (s or "").strip()
    if not s:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


TEMP = ("T0", "T1", "T2", "T3", "T4")


def placements_in_year(lst, start, end):
    """Placements (start, end, counted) of one child's episode list, counted if they overlap the year."""
    pls = []            # [start, end, counted]
    held = None         # (PLACE, PL_POST, index of placement) held before a temporary placement
    prev = None
    for e in lst:
        decom, dec, rne, place, _rec, post = e
        same_period = prev is not None and rne != "S" and prev[1] is not None and prev[1] == decom
        if not same_period:
            new = True
            held = None
        elif rne == "L":
            new = False
        elif rne in ("S", "P", "B"):
            new = True
        elif rne in ("T", "U"):
            new = place not in ("A3", "A5")
        else:
            new = place != prev[3] or post != prev[5]
        if new and held is not None and place not in TEMP and (place, post) == held[:2]:
            pls[held[2]][1] = dec          # back from a temporary placement
            held = None
        elif new:
            if place in TEMP and same_period and held is None and pls:
                held = (prev[3], prev[5], len(pls) - 1) if prev[3] not in TEMP else held
            pls.append([decom, dec, place not in TEMP])
        else:
            pls[-1][1] = dec
        prev = e
    n = 0
    for s_, e_, counted in pls:
        if not counted or (e_ is not None and e_ <= s_):
            continue
        if s_ <= end and (e_ is None or e_ >= start):
            n += 1
    return n


def expected(episodes_path, year):
    start, end = dt.date(year - 1, 4, 1), dt.date(year, 3, 31)
    eps = {}
    with open(episodes_path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["LS"].strip().upper() in ("V3", "V4"):
                continue
            decom = parse_date(r["DECOM"])
            if decom is None:
                continue
            eps.setdefault(r["CHILD"].strip(), []).append(
                (decom, parse_date(r["DEC"]), r["RNE"].strip().upper(), r["PLACE"].strip().upper(),
                 r["REC"].strip().upper(), r["PL_POST"].strip()))
    out = {k: [0, 0] for k in ("cla.looked_after", "cla.starts", "cla.ceased", "cla.ceased.adopted",
                              "cla.kinship", "cla.other_placements", "cla.stability.placements3plus")}
    for child, lst in eps.items():
        lst.sort()
        open_at_end = [e for e in lst if e[0] <= end and (e[1] is None or e[1] > end)]
        if open_at_end:
            out["cla.looked_after"][0] += 1
            place = open_at_end[-1][3]
            out["cla.kinship"][1] += 1
            out["cla.other_placements"][1] += 1
            if place in ("U1", "U2", "U3"):
                out["cla.kinship"][0] += 1
            if place == "Z1":
                out["cla.other_placements"][0] += 1
            out["cla.stability.placements3plus"][1] += 1
            if placements_in_year(lst, start, end) >= 3:
                out["cla.stability.placements3plus"][0] += 1
        if any(e[2] == "S" and start <= e[0] <= end for e in lst):
            out["cla.starts"][0] += 1
        exits = [e for e in lst if e[4] not in ("", "X1") and e[1] is not None and start <= e[1] <= end]
        if exits:
            out["cla.ceased"][0] += 1
            out["cla.ceased.adopted"][1] += 1
            if exits[-1][4] in ("E11", "E12"):
                out["cla.ceased.adopted"][0] += 1
    return out


def computed(driver, year, files):
    res = subprocess.run([driver, str(year)] + files, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("driver failed: " + res.stderr)
    got = {}
    for r in csv.DictReader(res.stdout.splitlines()):
        num = float(r["numerator"]) if r["numerator"] else None
        den = float(r["denominator"]) if r["denominator"] else None
        got[r["indicator"]] = (num, den)
    return got


def main():
    driver, shared = sys.argv[1], sys.argv[2]
    folder = os.path.join(shared, "cs_demand_model_samples")
    if not os.path.isdir(folder):
        print("no synthetic data; skipped")
        return 77
    failures = 0
    checked = 0
    for label in range(2017, 2022):
        year = label + 1
        ep = os.path.join(folder, f"{label}-episodes.csv")
        hd = os.path.join(folder, f"{label}-header.csv")
        exp = expected(ep, year)
        got = computed(driver, year, [ep, hd])
        for ind, (num, den) in exp.items():
            g = got.get(ind)
            if g is None:
                print(f"{year} {ind}: missing from carestat output")
                failures += 1
                continue
            gnum, gden = g
            ok = gnum == num and (ind in ("cla.looked_after", "cla.starts", "cla.ceased") or gden == den)
            checked += 1
            print(f"{year} {ind:22s} carestat {gnum:g}/{gden if gden is not None else '-'}  "
                  f"independent {num}/{den if ind not in ('cla.looked_after', 'cla.starts', 'cla.ceased') else '-'}"
                  f"  {'ok' if ok else 'MISMATCH'}")
            if not ok:
                failures += 1
    print(f"{checked - failures}/{checked} agree")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
