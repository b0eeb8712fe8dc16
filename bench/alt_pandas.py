#!/usr/bin/python3
"""The pandas alternative: the benchmark's indicators computed the way a competent analyst would with
pandas (vectorised: groupby / merge / shift / cumsum, no Python loop over rows), following carestat's
definitions (docs/indicators.md, lib/measures/cla.c, lib/workforce/wf_family.c).

Usage: alt_pandas.py DATA_DIR YEAR_FROM YEAR_TO OUT.csv
Writes org,year,indicator,numerator,denominator (one row per council, year and indicator).

Counting rules implemented (children in care, years to 31 March):
- episodes of legal status V3/V4/V1 (short breaks) are removed first;
- looked after at 31 March: an episode with DECOM <= 31 March and DEC blank or after it;
- starts: children with an RNE S episode starting in the year (each child once);
- ceased: children with an episode ending in the year with a REC other than X1/blank (once);
- kinship (U1-U3, Q1) and other placements (Z1, Z11-Z14): the placement on 31 March;
- 3+ placements: placements are runs of episodes; an episode starts a new one when it does not
  continue the previous episode (RNE S, or a gap), or its RNE is S/P/B, or T/U except into A3/A5, or
  (blank RNE) PLACE or PL_POST changes; temporary placements (T0-T4) and placements shorter than a
  day are not counted; a return from a temporary placement to the PLACE and PL_POST held before it
  continues the earlier placement.
- rates: per 10,000 of the population for mid-year N-1.
Workforce (census years to 30 September): turnover = leavers FTE / in-post FTE; agency = agency FTE
(LA-level figure, else agency records in post) / (agency + in-post FTE).
"""
import os
import sys

import numpy as np
import pandas as pd

SHORT_BREAK = {"V3", "V4", "V1"}
KINSHIP = {"U1", "U2", "U3", "Q1"}
OTHER = {"Z1", "Z11", "Z12", "Z13", "Z14"}
TEMP = {"T0", "T1", "T2", "T3", "T4"}
ADOPT_WITH_CARER = {"A3", "A5"}
ADOPTED = {"E11", "E12"}


def read_episodes(data, orgs):
    frames = []
    for org in orgs:
        df = pd.read_csv(os.path.join(data, org, "episodes.csv"), dtype=str, keep_default_na=False,
                         usecols=["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC", "PL_POST"])
        df["org"] = org
        frames.append(df)
    ep = pd.concat(frames, ignore_index=True)
    for c in ("DECOM", "DEC"):
        ep[c] = pd.to_datetime(ep[c], format="%d/%m/%Y", errors="coerce")
    return ep


def cla(ep, pop, years):
    ep = ep[~ep["LS"].isin(SHORT_BREAK)]
    ep = ep.sort_values(["org", "CHILD", "DECOM"], kind="stable").reset_index(drop=True)
    first = ep["CHILD"].ne(ep["CHILD"].shift()) | ep["org"].ne(ep["org"].shift())
    prev_dec = ep["DEC"].shift()
    cont = ~first & ep["RNE"].ne("S") & prev_dec.notna() & prev_dec.eq(ep["DECOM"])
    rne = ep["RNE"]
    blank = ~rne.isin(["S", "L", "P", "B", "T", "U"])
    changed_place = ep["PLACE"].ne(ep["PLACE"].shift()) | ep["PL_POST"].ne(ep["PL_POST"].shift())
    change = (~cont
              | rne.isin(["S", "P", "B"])
              | (rne.isin(["T", "U"]) & ~ep["PLACE"].isin(ADOPT_WITH_CARER))
              | (blank & changed_place))
    # temporary placements (T0-T4): a move back from one to the placement held before it (same PLACE and
    # PL_POST as the last non-temporary episode) continues that placement (validator rule 383)
    key = ep["org"] + "\x1f" + ep["CHILD"]
    temp = ep["PLACE"].isin(TEMP)
    in_temp = temp.where(change).groupby(key).ffill().shift().where(~first).fillna(False).astype(bool)
    lnt_place = ep["PLACE"].where(~temp).groupby(key).ffill().shift().where(~first)
    lnt_post = ep["PL_POST"].where(~temp).groupby(key).ffill().shift().where(~first)
    ret = change & in_temp & ~temp & cont & ep["PLACE"].eq(lnt_place) & ep["PL_POST"].eq(lnt_post)
    new = change & ~ret
    qstart = change & temp & ~in_temp & ~first & cont  # a temporary run starts: remember the placement before
    newid = new.cumsum().where(new)
    child_first = newid.groupby(key).transform("min")
    ids = newid.groupby(key).ffill()
    while True:  # returns point at the placement before their temporary run; a few rounds settle nesting
        bt = ids.shift().where(qstart).groupby(key).ffill().fillna(child_first)
        ids2 = newid.where(~ret, bt).groupby(key).ffill()
        if ids2.equals(ids):
            break
        ids = ids2
    ep["pl"] = ids
    pl = ep.groupby("pl", sort=False).agg(org=("org", "first"), CHILD=("CHILD", "first"),
                                          start=("DECOM", "first"), end=("DEC", "last"),
                                          place=("PLACE", "first"))
    pl = pl[~pl["place"].isin(TEMP) & ~(pl["end"].notna() & ((pl["end"] - pl["start"]).dt.days < 1))]

    rows = []
    for Y in years:  # one vectorised pass per reporting year (a handful of years, not rows)
        S, E = pd.Timestamp(Y - 1, 4, 1), pd.Timestamp(Y, 3, 31)
        open_end = (ep["DECOM"] <= E) & (ep["DEC"].isna() | (ep["DEC"] > E))
        at31 = ep[open_end].drop_duplicates(["org", "CHILD"], keep="last")
        starts = ep[ep["RNE"].eq("S") & ep["DECOM"].between(S, E)].drop_duplicates(["org", "CHILD"])
        ceased_ep = ep[~ep["REC"].isin(["X1", ""]) & ep["DEC"].between(S, E)]
        ceased = ceased_ep.drop_duplicates(["org", "CHILD"], keep="last")
        npl = pl[(pl["start"] <= E) & (pl["end"].isna() | (pl["end"] >= S))].groupby(["org", "CHILD"]).size()
        at31 = at31.join(npl.rename("npl"), on=["org", "CHILD"])
        g = at31.assign(kin=at31["PLACE"].isin(KINSHIP), oth=at31["PLACE"].isin(OTHER),
                        p3=at31["npl"].fillna(0) >= 3).groupby("org")
        la = g.size()
        t = pd.DataFrame({"la": la, "kin": g["kin"].sum(), "oth": g["oth"].sum(), "p3": g["p3"].sum(),
                          "starts": starts.groupby("org").size(), "ceased": ceased.groupby("org").size(),
                          "adopted": ceased[ceased["REC"].isin(ADOPTED)].groupby("org").size()})
        t = t.reindex(sorted(ep["org"].unique())).fillna(0).astype("int64")
        p = pop[pop["year"] == Y - 1].set_index("org")["population"].reindex(t.index)
        for org, r in t.iterrows():  # output rows: councils x indicators (not input rows)
            rows += [(org, Y, "cla.looked_after", r.la, ""), (org, Y, "cla.starts", r.starts, ""),
                     (org, Y, "cla.ceased", r.ceased, ""),
                     (org, Y, "cla.looked_after.rate", r.la, p[org]), (org, Y, "cla.starts.rate", r.starts, p[org]),
                     (org, Y, "cla.ceased.rate", r.ceased, p[org]),
                     (org, Y, "cla.ceased.adopted", r.adopted, r.ceased),
                     (org, Y, "cla.stability.placements3plus", r.p3, r.la),
                     (org, Y, "cla.kinship", r.kin, r.la), (org, Y, "cla.other_placements", r.oth, r.la)]
    return rows


def workforce(data, years):
    w = pd.read_csv(os.path.join(data, "workforce.csv"), dtype={"worker_id": str, "la_code": str, "reason_leave": str},
                    keep_default_na=False, na_values={"fte": [""], "start_date": [""], "end_date": [""]})
    la = pd.read_csv(os.path.join(data, "workforce_la.csv"))
    for c in ("start_date", "end_date"):
        w[c] = pd.to_datetime(w[c], format="%d/%m/%Y", errors="coerce")
    w["fte"] = pd.to_numeric(w["fte"], errors="coerce")
    w["C"] = pd.to_datetime(w["census_year"].astype(str) + "-09-30")
    w["S"] = pd.to_datetime((w["census_year"] - 1).astype(str) + "-10-01")
    has_end = w["end_date"].notna()
    w["leaver"] = np.where(has_end, w["end_date"] <= w["C"], w["reason_leave"].str.strip().ne(""))
    w["in_post"] = ~w["leaver"] & (w["start_date"].isna() | (w["start_date"] <= w["C"]))
    w["eff_end"] = w["end_date"].where(has_end, w["S"].where(w["leaver"], w["C"]))
    w["rid"] = np.arange(len(w))
    emp = w[w["agency"] == 0]

    # leavers with a date in the year: not continued by another employed record of the worker
    cand = w[(w["agency"] == 0) & has_end & (w["end_date"] >= w["S"]) & (w["end_date"] <= w["C"])]
    pairs = cand[["rid", "la_code", "worker_id", "end_date"]].merge(
        emp[["rid", "la_code", "worker_id", "start_date", "eff_end"]], on=["la_code", "worker_id"], suffixes=("", "_q"))
    pairs = pairs[(pairs["rid"] != pairs["rid_q"])
                  & ~(pairs["start_date"].notna() & (pairs["start_date"] > pairs["end_date"] + pd.Timedelta(days=7)))
                  & (pairs["eff_end"] > pairs["end_date"])]
    dated = cand[~cand["rid"].isin(pairs["rid"])]
    # leavers without a date: no other employed record of the worker in post in the same census
    inpost_n = emp.groupby(["la_code", "worker_id", "census_year"])["in_post"].sum().rename("n_in")
    undated = w[(w["agency"] == 0) & ~has_end & w["leaver"]].join(inpost_n, on=["la_code", "worker_id", "census_year"])
    undated = undated[undated["n_in"] == 0]
    leavers = pd.concat([dated, undated]).groupby(["la_code", "census_year"])["fte"].sum()

    fte = emp[emp["in_post"]].groupby(["la_code", "census_year"])["fte"].sum()
    ag_rec = w[(w["agency"] == 1) & w["in_post"]].groupby(["la_code", "census_year"])["fte"].sum()
    la = la[la["vacancy_fte"].notna()].drop_duplicates(["la_code", "census_year"], keep="last")
    la_ag = la[la["agency_fte"].notna()].set_index(["la_code", "census_year"])["agency_fte"]
    keys = w[w["census_year"].isin(years)][["la_code", "census_year"]].drop_duplicates()
    idx = pd.MultiIndex.from_frame(keys).sort_values()
    t = pd.DataFrame({"fte": fte.reindex(idx).fillna(0.0), "leavers": leavers.reindex(idx).fillna(0.0),
                      "agency": la_ag.reindex(idx).fillna(ag_rec.reindex(idx).fillna(0.0))})
    rows = []
    for (org, y), r in t.iterrows():
        rows += [(org, y, "wf.turnover", r.leavers, r.fte), (org, y, "wf.agency", r.agency, r.agency + r.fte)]
    return rows


def main():
    data, y0, y1, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    orgs = pd.read_csv(os.path.join(data, "orgs.csv"), dtype=str)["code"].tolist()
    pop = pd.read_csv(os.path.join(data, "population.csv"), dtype={"org": str})
    years = list(range(y0, y1 + 1))
    rows = cla(read_episodes(data, orgs), pop, years) + workforce(data, years)
    pd.DataFrame(rows, columns=["org", "year", "indicator", "numerator", "denominator"]).to_csv(out, index=False)


if __name__ == "__main__":
    main()
