#!/usr/bin/env python3
"""End-to-end tests of the carestat command.

Usage: e2e.py CASE   (CARESTAT_EXE = the built executable; CARESTAT_SHARED = ../shared)

Each case runs the command as a user would, on synthetic data generated here with `carestat synth`
or on the real files in ../shared/data, and checks outputs, exit statuses and error messages.
Exit 0 = pass, 1 = fail, 77 = skipped (../shared absent and CARESTAT_REQUIRE_SHARED is not 1).
Standard library only.
"""
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

EXE = os.environ.get("CARESTAT_EXE", "carestat")
SKIP = 77
CSV_HEADER = "org_code,org_name,period_start,period_end,indicator,numerator,denominator,value,lower,upper,flags"


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def run(*args, expect=0, timeout=240, env=None):
    """Run carestat with args; check the exit status; return (stdout, stderr)."""
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([EXE] + [str(a) for a in args], capture_output=True, text=True, errors="replace",
                       timeout=timeout, env=e)
    if expect is not None and p.returncode != expect:
        raise Failure("carestat %s: exit %d, expected %d\nstdout:\n%s\nstderr:\n%s"
                      % (" ".join(map(str, args)), p.returncode, expect, p.stdout[-3000:], p.stderr[-3000:]))
    return p.stdout, p.stderr


def shared(rel):
    """Path under ../shared, or None (the caller then skips) when it is absent."""
    base = os.environ.get("CARESTAT_SHARED", "")
    path = os.path.join(base, rel) if base else ""
    if base and os.path.exists(path):
        return path
    if os.environ.get("CARESTAT_REQUIRE_SHARED") == "1":
        raise Failure("../shared is required (CARESTAT_REQUIRE_SHARED=1) but %r is missing" % path)
    print("SKIP: ../shared/%s not found (set CARESTAT_SHARED, or CARESTAT_REQUIRE_SHARED=1 to fail)" % rel)
    sys.exit(SKIP)


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text)))


def num(s):
    return float(s) if s not in ("", None) else float("nan")


TMP = tempfile.mkdtemp(prefix="carestat-e2e-")


def synth(name, *extra):
    out = os.path.join(TMP, name)
    run("synth", "--out", out, "--quiet", *extra)
    return out


def one_line_error(stderr, *needles):
    lines = [l for l in stderr.splitlines() if l.strip()]
    check(len(lines) == 1, "expected a one-line error, got %r" % stderr)
    for n in needles:
        check(n in lines[0], "error %r does not mention %r" % (lines[0], n))


# ---- cases ------------------------------------------------------------------------------------

def case_help():
    out, _ = run("--help")
    check("Usage: carestat COMMAND" in out, "main help")
    for cmd in ["compute", "trend", "published", "inspections", "validate", "indicators", "synth", "demo"]:
        out, err = run(cmd, "--help")
        check(out.startswith("Usage: carestat " + cmd), "help of %s starts with its usage: %r" % (cmd, out[:80]))
        check(err == "", "help of %s writes nothing on stderr" % cmd)
    out, _ = run("--version")
    check(re.match(r"carestat \d+\.\d+\.\d+", out), "version: %r" % out)


def case_usage_errors():
    _, err = run(expect=2)
    check("Usage" in err, "no command: usage on stderr")
    _, err = run("frobnicate", expect=2)
    one_line_error(err, "unknown command 'frobnicate'")
    for cmd in ["compute", "trend", "published", "inspections", "validate", "indicators", "synth", "demo"]:
        _, err = run(cmd, "--no-such-option", expect=2)
        one_line_error(err, "carestat %s:" % cmd, "unknown option '--no-such-option'")
    _, err = run("compute", "--903", expect=2)
    one_line_error(err, "'--903' needs a value")
    _, err = run("compute", "--903", "x", "--format", "xml", expect=2)
    one_line_error(err, "bad value 'xml' for --format")
    _, err = run("compute", "--903", "x", "--level", "1.5", expect=2)
    one_line_error(err, "bad value '1.5' for --level")
    _, err = run("compute", "--903", "x", "--years", "2025:2019", expect=2)
    one_line_error(err, "--years")
    _, err = run("compute", "--903", "x", "--indicators", "no.such.indicator", expect=2)
    one_line_error(err, "unknown indicator 'no.such.indicator'")
    _, err = run("compute", expect=2)
    one_line_error(err, "no input")
    _, err = run("validate", "--903", "x", "--collection-year", "25", expect=2)
    one_line_error(err, "bad value '25' for --collection-year")
    _, err = run("validate", "--903", "x", "--errors", "ignore", expect=2)
    one_line_error(err, "bad value 'ignore' for --errors")
    _, err = run("synth", "--orgs", "0", "--out", TMP, expect=2)
    one_line_error(err, "bad value '0' for --orgs")
    _, err = run("synth", "--orgs", "3", expect=2)
    one_line_error(err, "--out")
    _, err = run("synth", "--seed", "-4", "--out", TMP, expect=2)
    one_line_error(err, "--seed")
    _, err = run("synth", "--years", "2021:abc", "--out", TMP, expect=2)
    one_line_error(err, "--years")
    _, err = run("trend", "--published", "x.csv", expect=2)
    one_line_error(err, "--org")
    _, err = run("inspections", "--at", "31/02/2025", "x.csv", expect=2)
    one_line_error(err, "--at")
    _, err = run("published", expect=2)
    one_line_error(err, "no file")
    _, err = run("indicators", "extra", expect=2)
    one_line_error(err, "unexpected argument 'extra'")


# DfE's CSV headers exactly as the validator lists them (reference/domain.md 1.2), plus YEAR in OC3.
HEADERS = {
    "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN",
    "uasc.csv": "CHILD,SEX,DOB,DUC",
    "oc3.csv": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,YEAR",
    "ad1.csv": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "placed_for_adoption.csv": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "sw_episodes.csv": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
}
DATE = re.compile(r"^(\d\d)/(\d\d)/(\d{4})$")


def case_synth_layout():
    out = synth("layout", "--orgs", "4", "--years", "2022:2025", "--seed", "5")
    top = sorted(os.listdir(out))
    check(top == ["SYN001", "SYN002", "SYN003", "SYN004", "orgs.csv", "population.csv", "workforce.csv",
                  "workforce_la.csv"], "top-level files: %r" % top)
    # organisation codes: three letters and three digits, never a GSS code (letter + 8 digits) or a
    # DfE 3-digit code
    for code in top[:4]:
        check(re.fullmatch(r"[A-Z]{3}\d{3}", code) and not re.fullmatch(r"[A-Z]\d{8}|\d{3}", code), code)
        files = sorted(os.listdir(os.path.join(out, code)))
        check(files == sorted(HEADERS), "%s files: %r" % (code, files))
        for f, hdr in HEADERS.items():
            with open(os.path.join(out, code, f), newline="") as fh:
                check(fh.readline().rstrip("\n") == hdr, "%s/%s header" % (code, f))
    with open(os.path.join(out, "SYN001", "episodes.csv"), newline="") as fh:
        rows = list(csv.DictReader(fh))
    check(len(rows) > 500, "episodes of a realistic council: %d" % len(rows))
    for r in rows:
        check(DATE.match(r["DECOM"]), "DECOM dd/mm/yyyy: %r" % r["DECOM"])
        check(r["DEC"] == "" or DATE.match(r["DEC"]), "DEC: %r" % r["DEC"])
        check(r["RNE"] in "SLPTUB", "RNE %r" % r["RNE"])
        # open episodes have no reason; closed ones have one
        check((r["DEC"] == "") == (r["REC"] == ""), "DEC and REC together: %r" % r)
    pop = read_csv(open(os.path.join(out, "population.csv")).read())
    check(list(pop[0].keys()) == ["org", "year", "population"], "population header")
    years = sorted({int(p["year"]) for p in pop if p["org"] == "SYN001"})
    check(years == list(range(2020, 2026)), "population mid-years 2020..2025: %r" % years)
    wf = open(os.path.join(out, "workforce.csv")).readline().strip()
    check(wf.startswith("worker_id,la_code,census_year,agency,fte"), "workforce header: %r" % wf)


def tree_digest(path):
    h = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            h.update(os.path.relpath(p, path).encode())
            with open(p, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()


def case_synth_deterministic():
    a = synth("det_a", "--orgs", "3", "--seed", "42")
    b = synth("det_b", "--orgs", "3", "--seed", "42")
    c = synth("det_c", "--orgs", "3", "--seed", "43")
    check(tree_digest(a) == tree_digest(b), "same seed, same files")
    check(tree_digest(a) != tree_digest(c), "another seed, other files")
    # a council's data does not depend on how many councils are written
    d = synth("det_d", "--orgs", "1", "--seed", "42")
    for f in HEADERS:
        check(open(os.path.join(a, "SYN001", f)).read() == open(os.path.join(d, "SYN001", f)).read(),
              "SYN001/%s independent of --orgs" % f)


def validate_lines(out):
    return [l for l in out.splitlines() if re.match(r"^.+?:(\d+:\d+: |\s)?(note|warning|error|fatal): ", l)]


def case_synth_clean_loads():
    out = synth("clean", "--orgs", "3", "--years", "2020:2025", "--seed", "9")
    args = ["validate", "--orgs", os.path.join(out, "orgs.csv"), "--population", os.path.join(out, "population.csv"),
            "--workforce", os.path.join(out, "workforce.csv"), "--workforce-la", os.path.join(out, "workforce_la.csv")]
    for c in ("SYN001", "SYN002", "SYN003"):
        args += ["--903", os.path.join(out, c)]
    text, err = run(*args, expect=0)
    diags = validate_lines(text)
    # clean mode: no errors and no warnings. The only notes allowed say that each council's episodes
    # file is a whole longitudinal history (which it is, by design).
    bad = [d for d in diags if not re.search(r": note: (903_LONGITUDINAL|903_ORG_USER_DEFINED):", d)]
    check(not bad, "clean synthetic data gave diagnostics:\n" + "\n".join(bad[:20]))
    check(sum("903_LONGITUDINAL" in d for d in diags) == 3, "one 903_LONGITUDINAL note per council: %r" % diags)
    check(re.search(r"Summary: 0 errors, 0 warnings, \d+ notes?", text), "summary line")
    # rows read = accepted, nothing rejected
    m = re.search(r"^total\s+(\d+)\s+(\d+)\s+(\d+)\s*$", text, re.M)
    check(m and m.group(1) == m.group(2) and m.group(3) == "0", "totals: %r" % (m and m.group(0)))


def case_synth_dirty_validate():
    out = synth("dirty", "--orgs", "1", "--seed", "3", "--dirty")
    d = os.path.join(out, "SYN001")
    text, _ = run("validate", "--903", d, expect=1)
    diags = validate_lines(text)
    codes = {}
    for l in diags:
        m = re.match(r"^(.+?):(\d+):(\d+): (error|warning|note|fatal): ([A-Z0-9_]+): (.+)$", l)
        if m:
            codes.setdefault(m.group(5), []).append((m.group(1), int(m.group(2)), int(m.group(3))))
    for want in ("903_CODE_UNKNOWN", "903_DATE_INVALID", "903_EP_OVERLAP", "903_EP_END_BEFORE_START",
                 "903_EP_DEC_MISSING", "903_EP_CHILD_NOT_IN_HEADER"):
        check(want in codes, "dirty data gives %s (got %r)" % (want, sorted(codes)))
    # duplicated episode rows are reported (as duplicates, or as two episodes starting the same day)
    check("903_DUPLICATE_ROW" in codes or "903_EP_SAME_START" in codes, "duplicates: %r" % sorted(codes))
    # every bad date and unknown code points at a cell the generator spoiled
    cache = {}

    def cell(path, line, col):
        if path not in cache:
            with open(path, newline="") as fh:
                cache[path] = list(csv.reader(fh))
        return cache[path][line - 1][col - 1]

    for path, line, col in codes["903_DATE_INVALID"]:
        v = cell(path, line, col)
        check(v.startswith("31/02/") or v == "2019/13/45", "%s:%d:%d is a spoiled date: %r" % (path, line, col, v))
    for path, line, col in codes["903_CODE_UNKNOWN"]:
        v = cell(path, line, col)
        check(v in ("Q", "C9", "7", "SWLAZY", "01"), "%s:%d:%d is a spoiled code: %r" % (path, line, col, v))
    check(re.search(r"Summary: [1-9]\d* errors", text), "summary counts errors")


# Published England figures (DfE, reference/domain.md section 5), the calibration targets.
ENGLAND = {
    # indicator: {year: value}
    "cla.looked_after.rate": {2021: 69, 2022: 70, 2023: 70, 2024: 69, 2025: 67},
    "cla.starts.rate": {2021: 24, 2022: 26, 2023: 28, 2024: 27, 2025: 26},
    "cla.ceased.rate": {2021: 24, 2022: 26, 2023: 27, 2024: 28, 2025: 28},
    "cla.stability.placements3plus": {2021: 9.2, 2022: 10.0, 2023: 10.6, 2024: 10.6, 2025: 10.4},
    "cla.stability.longterm": {2021: 69.8, 2022: 70.6, 2023: 68.2, 2024: 67.7, 2025: 68.5},
    "cla.kinship": {2024: 16.4},
    "cla.other_placements": {2021: 0.7, 2022: 0.9, 2023: 1.4, 2024: 4.8, 2025: 2.5},
    "sw.changes3plus": {2024: 26.6, 2025: 24.3},
    "cla.ceased.adopted": {2021: 10.3, 2022: 10.0, 2023: 9.4, 2024: 8.9, 2025: 8.8},
    "cla.ceased.sgo": {2021: 13.6, 2022: 12.9, 2023: 12.2, 2024: 11.5, 2025: 11.9},
    "leavers.suitable_accommodation.17to18": {2021: 91, 2022: 90, 2023: 91, 2024: 91, 2025: 91},
    "leavers.suitable_accommodation.19to21": {2021: 88, 2022: 88, 2023: 88, 2024: 88, 2025: 89},
    "leavers.eet.17to18": {2023: 66, 2024: 64, 2025: 64},
    "leavers.eet.19to21": {2024: 54, 2025: 54},
    "wf.turnover": {2021: 15.4, 2022: 17.2, 2023: 15.9, 2024: 13.9, 2025: 11.8},
    "wf.agency": {2021: 15.5, 2022: 17.6, 2023: 17.9, 2024: 16.2, 2025: 13.0},
}
# Plausible ranges (documented tolerance): a synthetic England of 40 councils must be within these
# distances of the published England figure, every year: rates per 10,000 within 25% (relative);
# percentages within the absolute percentage points below. Wide enough for sampling variation of a
# 40-council sample and the model's simplifications; narrow enough that a wrong calibration (e.g.
# a placement mix, stability or care-leaver rate off by a third) fails.
TOL_REL = {"cla.looked_after.rate": 0.25, "cla.starts.rate": 0.25, "cla.ceased.rate": 0.25}
TOL_ABS = {"cla.stability.placements3plus": 4, "cla.stability.longterm": 10, "cla.kinship": 5,
           "cla.other_placements": 2.5, "sw.changes3plus": 6, "cla.ceased.adopted": 4, "cla.ceased.sgo": 5,
           "leavers.suitable_accommodation.17to18": 5, "leavers.suitable_accommodation.19to21": 5,
           "leavers.eet.17to18": 8, "leavers.eet.19to21": 8, "wf.turnover": 5, "wf.agency": 6}


def england_level(rows):
    """Sum numerators and denominators over councils: England-level value per (indicator, year)."""
    acc = {}
    for r in rows:
        y = int(r["period_end"][:4])
        n, d = num(r["numerator"]), num(r["denominator"])
        if n != n or d != d:
            continue
        a = acc.setdefault((r["indicator"], y), [0.0, 0.0])
        a[0] += n
        a[1] += d
    return acc


def case_synth_calibration():
    out = synth("calib", "--orgs", "40", "--years", "2021:2025", "--seed", "11")
    args = ["compute", "--population", os.path.join(out, "population.csv"), "--workforce",
            os.path.join(out, "workforce.csv"), "--years", "2021:2025", "--format", "csv",
            "--indicators", ",".join(ENGLAND)]
    for i in range(1, 41):
        args += ["--903", os.path.join(out, "SYN%03d" % i)]
    t0 = time.time()
    text, _ = run(*args)
    secs = time.time() - t0
    rows = read_csv(text)
    acc = england_level(rows)
    report, failures = [], []
    for ind, years in ENGLAND.items():
        mult = 1e4 if ind.endswith(".rate") else 100.0
        for y, pub in years.items():
            check((ind, y) in acc, "no computed %s for %d" % (ind, y))
            n, d = acc[(ind, y)]
            v = n / d * mult
            ok = abs(v - pub) <= TOL_REL[ind] * pub if ind in TOL_REL else abs(v - pub) <= TOL_ABS[ind]
            report.append("%-40s %d  synthetic %7.1f  published %6.1f  %s" % (ind, y, v, pub, "ok" if ok else "OUT"))
            if not ok:
                failures.append(report[-1])
    print("\n".join(report))
    print("compute over 40 councils x 5 years took %.2f s" % secs)
    check(not failures, "outside the plausible ranges:\n" + "\n".join(failures))
    # the 2024 rise of other placements (unregistered supported accommodation) is reproduced
    o = {y: acc[("cla.other_placements", y)][0] / acc[("cla.other_placements", y)][1] for y in (2023, 2024, 2025)}
    check(o[2024] > o[2023] * 1.5 and o[2024] > o[2025], "other placements peak in 2024: %r" % o)


def independent_counts(episodes_csv, year):
    """Children looked after at 31 March and starting in the year, straight from episodes.csv."""
    def d(s):
        m = DATE.match(s)
        return (int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    start, end = (year - 1, 4, 1), (year, 3, 31)
    cla, starts = set(), set()
    with open(episodes_csv, newline="") as fh:
        for r in csv.DictReader(fh):
            if r["LS"] in ("V3", "V4"):
                continue
            a, b = d(r["DECOM"]), d(r["DEC"]) if r["DEC"] else None
            if a <= end and (b is None or b > end):
                cla.add(r["CHILD"])
            if r["RNE"] == "S" and start <= a <= end:
                starts.add(r["CHILD"])
    return len(cla), len(starts)


def case_compute_outputs():
    out = synth("compute", "--orgs", "2", "--years", "2023:2025", "--seed", "21")
    base = ["compute", "--orgs", os.path.join(out, "orgs.csv"), "--903", os.path.join(out, "SYN001"),
            "--903", "SYN002=" + os.path.join(out, "SYN002"), "--population", os.path.join(out, "population.csv")]
    text, err = run(*base, "--format", "csv")
    check(err == "", "no notice for clean data: %r" % err)
    check(text.splitlines()[0] == CSV_HEADER, "csv header exactly as carestat_table_write_csv writes it")
    rows = read_csv(text)
    orgs = {r["org_code"] for r in rows}
    check(orgs == {"SYN001", "SYN002"}, "both councils: %r" % orgs)
    # hand check against an independent count from the episodes file
    for code in ("SYN001", "SYN002"):
        cla, starts = independent_counts(os.path.join(out, code, "episodes.csv"), 2025)
        got = {r["indicator"]: r for r in rows if r["org_code"] == code and r["period_end"] == "2025-03-31"}
        check(num(got["cla.looked_after"]["value"]) == cla, "%s looked after 2025: %s vs %d" % (code, got["cla.looked_after"]["value"], cla))
        check(num(got["cla.starts"]["value"]) == starts, "%s starts 2025: %s vs %d" % (code, got["cla.starts"]["value"], starts))
        pop = [p for p in read_csv(open(os.path.join(out, "population.csv")).read()) if p["org"] == code and p["year"] == "2024"]
        rate = got["cla.looked_after.rate"]
        check(num(rate["denominator"]) == float(pop[0]["population"]), "rate uses the mid-2024 estimate")
        check(abs(num(rate["value"]) - cla / float(pop[0]["population"]) * 1e4) < 1e-6, "rate value")
        check(num(rate["lower"]) < num(rate["value"]) < num(rate["upper"]), "interval around the rate")
    # selection, --output, json, table
    sel = base + ["--org", "SYN002", "--years", "2024:2025", "--indicators", "cla.looked_after,cla.starts.rate"]
    text, _ = run(*sel, "--format", "csv")
    rows = read_csv(text)
    check(len(rows) == 4 and {r["org_code"] for r in rows} == {"SYN002"}, "selected rows: %d" % len(rows))
    outfile = os.path.join(TMP, "sel.csv")
    run(*sel, "--format", "csv", "--output", outfile)
    check(open(outfile).read() == text, "--output writes the same CSV")
    js, _ = run(*sel, "--format", "json")
    data = json.loads(js)
    check(len(data) == 4 and all(d["source"] == "computed" for d in data), "json rows")
    check({d["indicator"] for d in data} == {"cla.looked_after", "cla.starts.rate"}, "json indicators")
    tab, _ = run(*sel)
    lines = tab.splitlines()
    check(lines[0].split()[:4] == ["organisation", "year", "indicator", "value"], "table header: %r" % lines[0])
    check(set(lines[1]) <= {"-", " "}, "separator line")
    check(any("per 10,000" in l for l in lines), "units shown in the table")
    check(len({len(l.rstrip()) for l in lines[:2]}) == 1, "aligned header")
    # without --orgs, a code outside the registry is a user-defined organisation: a notice, not an error
    text, err = run("compute", "--903", os.path.join(out, "SYN001"), "--903", "XYZ1=" + os.path.join(out, "SYN002"),
                    "--years", "2025", "--indicators", "cla.looked_after", "--format", "csv")
    check(err.count("note: organisation 'SYN001' is not in the registry") == 1, "notice for SYN001: %r" % err)
    check("'XYZ1'" in err and "error" not in err, "notice for XYZ1: %r" % err)
    check(sorted(r["org_code"] for r in read_csv(text)) == ["SYN001", "XYZ1"], "ORG=DIR names the council")
    # an unknown organisation is an error with exit 1
    _, err = run(*base, "--org", "NOSUCHORG", "--format", "csv", expect=1)
    one_line_error(err, "cannot compute")


def case_many_orgs():
    # 70 user-defined councils: a notice for each of the first 64, then one line for the rest
    out = synth("many", "--orgs", "70", "--years", "2025", "--children-per-org", "10", "--seed", "8")
    args = ["compute", "--years", "2025", "--indicators", "cla.looked_after", "--format", "csv"]
    for i in range(1, 71):
        args += ["--903", os.path.join(out, "SYN%03d" % i)]
    text, err = run(*args)
    lines = err.splitlines()
    check(sum("is not in the registry" in l for l in lines) == 64, "64 notices: %d" % len(lines))
    check(sum("more user-defined organisations not listed" in l for l in lines) == 1, "one line for the rest")
    check(len({r["org_code"] for r in read_csv(text)}) == 70, "70 councils computed")


def case_compute_bad_files():
    _, err = run("compute", "--903", os.path.join(TMP, "does-not-exist"), expect=1)
    one_line_error(err, "cannot load SSDA903 return", "does-not-exist")
    out = synth("badfiles", "--orgs", "1", "--seed", "2")
    bad = os.path.join(TMP, "bad_population.csv")
    with open(bad, "w") as fh:
        fh.write("this,is,not\n1,2,3\n")
    _, err = run("compute", "--903", os.path.join(out, "SYN001"), "--population", bad, expect=1)
    one_line_error(err, "cannot load population file", "bad_population.csv")
    _, err = run("compute", "--903", os.path.join(out, "SYN001"), "--workforce", os.path.join(TMP, "nope.csv"), expect=1)
    one_line_error(err, "cannot load workforce records")
    _, err = run("published", os.path.join(TMP, "nope.csv"), expect=1)
    one_line_error(err, "cannot read", "nope.csv")
    _, err = run("inspections", bad, expect=1)
    one_line_error(err, "cannot load inspections file")
    _, err = run("compute", "--orgs", bad, "--903", os.path.join(out, "SYN001"), expect=1)
    one_line_error(err, "not an organisations file", "bad_population.csv")
    longorgs = os.path.join(TMP, "long_orgs.csv")
    with open(longorgs, "w") as fh:
        fh.write("code,name,kind,delivered_by\nX1," + "a" * 3000 + ",council,\n")
    _, err = run("compute", "--orgs", longorgs, "--903", os.path.join(out, "SYN001"), expect=1)
    one_line_error(err, "long_orgs.csv:2: line too long")
    # a garbage file inside a return folder is reported by validate, not a crash
    d = os.path.join(TMP, "garbage_return")
    shutil.copytree(os.path.join(out, "SYN001"), d)
    with open(os.path.join(d, "zzz.csv"), "wb") as fh:
        fh.write(b"\x00\xff\xfe garbage \"unterminated\n")
    text, _ = run("validate", "--903", d, expect=None)
    check("zzz.csv" in text, "the garbage file is named in a diagnostic")


def case_trend():
    out = synth("trend", "--story", "--years", "2020:2025", "--seed", "2025")
    base = ["--orgs", os.path.join(out, "orgs.csv"), "--903", os.path.join(out, "SYN001"), "--903",
            os.path.join(out, "SYN002"), "--population", os.path.join(out, "population.csv")]
    js, _ = run("trend", *base, "--org", "SYNT01", "--indicators",
                "cla.starts.rate,cla.stability.placements3plus,cla.kinship", "--format", "json")
    reps = {r["indicator"]: r for r in json.loads(js)}
    check(set(reps) == {"cla.starts.rate", "cla.stability.placements3plus", "cla.kinship"}, "reports: %r" % list(reps))
    for r in reps.values():
        check(r["org_code"] == "SYNT01" and r["year"] == 2025 and r["points"] == 6, "trust report: %r" % r)
    # the story: care entry falls and kinship care rises over the six years
    check(reps["cla.starts.rate"]["trend"].lower().startswith("decreas"), "entry falls: %r" % reps["cla.starts.rate"]["trend"])
    check(reps["cla.kinship"]["trend"].lower().startswith("increas"), "kinship rises: %r" % reps["cla.kinship"]["trend"])
    csvt, _ = run("trend", *base, "--org", "SYN001,SYN002", "--indicators", "cla.starts.rate", "--format", "csv")
    rows = read_csv(csvt)
    check([r["org_code"] for r in rows] == ["SYN001", "SYN002"], "one row per organisation")
    check(all(r["period_end"] == "2025-03-31" for r in rows), "latest year")
    _, err = run("trend", *base, "--org", "SYN001", "--indicators", "cla.starts.rate", "--year", "2010", expect=1)
    check("nothing to analyse" in err, "no data for the year: %r" % err)
    tab, _ = run("trend", *base, "--org", "SYNT01", "--indicators", "cla.starts.rate", "--year", "2023")
    check("2023" in tab and "cla.starts.rate" in tab and "per 10,000" in tab, "table: %r" % tab)


def case_indicators():
    tab, _ = run("indicators")
    for ind in ("cla.looked_after.rate", "cla.starts.rate", "cla.stability.placements3plus", "wf.turnover"):
        check(re.search(r"^" + re.escape(ind) + r"\s", tab, re.M), "%s listed" % ind)
    js, _ = run("indicators", "--format", "json")
    items = json.loads(js)
    csvt, _ = run("indicators", "--format", "csv")
    check(len(read_csv(csvt)) == len(items) > 20, "csv and json list the same catalogue")
    check(re.search(r"^%d indicators\." % len(items), tab, re.M), "count line")
    md, _ = run("indicators", "--markdown")
    check(md.lstrip().startswith("#") and "cla.starts.rate" in md, "markdown reference")


def case_demo():
    tmp = tempfile.mkdtemp(prefix="demo-tmp-", dir=TMP)
    t0 = time.time()
    out, err = run("demo", env={"TMPDIR": tmp})
    secs = time.time() - t0
    check(secs < 60, "demo takes %.1f s" % secs)  # about 0.3 s in a release build; slack for sanitizers
    check(os.listdir(tmp) == [], "the demo's temporary data is removed: %r" % os.listdir(tmp))
    for s in ("fictional", "Vale Children's Trust (fictional)", "95% interval", "per 10,000",
              "Against England", "Trend over the last", "Ofsted inspections (fictional history)",
              "Trajectory of overall effectiveness: Inadequate (2019-06-17) -> Requires improvement (2022-10-03) -> "
              "Good (2025-02-10): improved by 2 grades"):
        check(s in out, "demo output contains %r" % s)
    check("2019-20" in out and "2024-25" in out, "six reporting years")
    check("loaded with 0 errors" in out, "the demo's data loads cleanly")
    keep = os.path.join(TMP, "demo-keep")
    run("demo", "--keep", keep, "--seed", "7")
    check(os.path.exists(os.path.join(keep, "SYN001", "episodes.csv")), "--keep keeps the data")
    out2, _ = run("demo", env={"TMPDIR": tmp})
    check(out2.split("generated, loaded")[0] == out.split("generated, loaded")[0], "same report for the same seed")


def case_published_shared():
    f = shared("data/dfe_ees/cla_number_and_rate_per_10k_children.csv")
    text, _ = run("published", f, "--org", "E06000061,E06000062", "--years", "2025", "--format", "csv")
    check(text.splitlines()[0] == CSV_HEADER, "csv header")
    got = {(r["org_code"], r["indicator"]): r for r in read_csv(text)}
    # domain.md 5.8: North Northamptonshire 2025 568 (rate 68), West Northamptonshire 602 (63)
    check(num(got[("E06000061", "cla.looked_after")]["value"]) == 568, "NN 2025 568")
    check(num(got[("E06000061", "cla.looked_after.rate")]["value"]) == 68, "NN 2025 rate 68")
    check(num(got[("E06000061", "cla.looked_after.rate")]["denominator"]) == 83113, "NN population 83,113")
    check(num(got[("E06000062", "cla.looked_after")]["value"]) == 602, "WN 2025 602")
    check(num(got[("E06000062", "cla.looked_after.rate")]["value"]) == 63, "WN 2025 rate 63")
    # England, by 3-digit-free code, and a suppressed cell is a flag, not a zero
    text, _ = run("published", f, "--org", "E92000001", "--indicator", "cla.looked_after", "--format", "csv")
    eng = {r["period_end"][:4]: num(r["value"]) for r in read_csv(text)}
    check(eng.get("2025") == 81770 and eng.get("2021") == 80780, "England CLA: %r" % eng)
    text, _ = run("published", f, "--org", "E10000021", "--indicator", "cla.looked_after", "--format", "csv")
    nrows = read_csv(text)
    z = [r for r in nrows if r["period_end"].startswith("2025")]
    check(z and z[0]["value"] == "" and "z" in z[0]["flags"], "Northamptonshire 2025 is 'z', not 0: %r" % z)
    js, _ = run("published", f, "--org", "E06000061", "--years", "2023", "--format", "json")
    check(all(d["org_code"] == "E06000061" for d in json.loads(js)), "json")
    tab, _ = run("published", f, "--org", "North Northamptonshire", "--years", "2025", "--indicator", "cla.starts.rate")
    check("28.0 per 10,000" in tab, "table with units: %r" % tab)
    # a file that is not a DfE table
    junk = os.path.join(TMP, "junk.csv")
    with open(junk, "w") as fh:
        fh.write("a,b\n1,2\n")
    _, err = run("published", junk, expect=1)
    one_line_error(err, "cannot read", "junk.csv")


def case_inspections_shared():
    f = shared("data/derived/ofsted_2025_ILACS_inspection_history.csv")
    text, _ = run("inspections", f, "--at", "2025-03-31", "--format", "csv")
    dist = {r["grade"]: int(r["councils"]) for r in read_csv(text)}
    # Ofsted's published distribution as at 31 March 2025 (domain.md section 4)
    check(dist == {"Outstanding": 36, "Good": 67, "Requires improvement to be good": 31, "Inadequate": 19},
          "national distribution: %r" % dist)
    text, _ = run("inspections", f, "--org", "E06000061", "--format", "csv")
    rows = read_csv(text)
    ri = [r for r in rows if r["start"] == "2022-10-03"]
    check(ri and ri[0]["overall"] == "Requires improvement to be good" and ri[0]["published"] == "2022-11-25",
          "NN 2022 inspection: %r" % ri)
    inad = [r for r in rows if r["start"] == "2019-06-17"]
    check(inad and inad[0]["overall"] == "Inadequate" and inad[0]["help_protection"] == "Inadequate"
          and inad[0]["leaders"] == "Requires improvement to be good", "Northamptonshire 2019 via lineage: %r" % inad)
    tab, _ = run("inspections", f, "--org", "West Northamptonshire")
    check("Trajectory of overall effectiveness: Inadequate (2019-06-17) -> Requires improvement" in tab, tab)
    js, _ = run("inspections", f, "--org", "E06000062", "--format", "json")
    check(len(json.loads(js)) >= 2, "json history")
    _, err = run("inspections", f, "--org", "NOWHERE", expect=1)
    one_line_error(err, "unknown organisation 'NOWHERE'")


def case_trend_shared():
    f = shared("data/dfe_ees/cla_number_and_rate_per_10k_children.csv")
    text, _ = run("trend", "--published", f, "--org", "E06000062", "--indicators", "cla.starts.rate", "--format", "csv")
    rows = read_csv(text)
    check(len(rows) == 1, "one report")
    r = rows[0]
    # WN starts: 187 in 2025 (rate 19), 210 in 2024 (rate 22); England 2025 32,270 / 12,183,016
    check(r["period_end"] == "2025-03-31" and num(r["value"]) == 19 and num(r["previous_value"]) == 22, r)
    check(abs(num(r["england_value"]) - 32270 / 12183016 * 1e4) < 0.01 or num(r["england_value"]) == 26,
          "England's value: %r" % r["england_value"])
    check(r["vs_england"] == "Lower", "WN's care entry is lower than England's: %r" % r["vs_england"])
    check(r["quartile"] in ("1", "2", "3", "4") and int(r["quartile_of"]) > 140, "quartile among councils")
    tab, _ = run("trend", "--published", f, "--org", "E06000061,E06000062", "--indicators", "cla.looked_after.rate")
    check("E06000061" in tab and "E06000062" in tab and "England" in tab, tab)


def case_validate_shared():
    d = shared("data/synthetic_903/csc_validator_be_903_fake")
    text, _ = run("validate", "--903", d, expect=1)  # the validator's fake return has deliberate errors
    # hand-checked against the files: oc3.csv line 2 is "197474,30/03/2001,DIED,F1,01" (ACCOM '01', column 5);
    # placed_for_adoption.csv line 2 is "988635,15/06/2013,22/11/2015,07/04/2017,XXX" (column 5)
    check(re.search(r"^.*/oc3\.csv:2:5: error: 903_CODE_UNKNOWN: .*'01'", text, re.M), "oc3.csv:2:5 ACCOM 01")
    check(re.search(r"^.*/placed_for_adoption\.csv:2:5: error: 903_CODE_UNKNOWN: .*'XXX'", text, re.M),
          "placed_for_adoption.csv:2:5 XXX")
    check(re.search(r"^.*fake_903\.xml: note: 903_FILE_SKIPPED", text, re.M), "the XML file is skipped with a note")
    m = re.search(r"^total\s+(\d+)\s+(\d+)\s+(\d+)\s*$", text, re.M)
    check(m and int(m.group(1)) == int(m.group(2)) + int(m.group(3)), "rows read = accepted + rejected")
    rows = {l.split()[0].rsplit("/", 1)[-1]: l.split() for l in text.splitlines() if l.startswith(d)}
    check(rows["episodes.csv"][2] == "5050" and rows["header.csv"][2] == "2675", "row counts: %r" % rows)


def case_compute_shared():
    d = shared("data/synthetic_903/cs_demand_model_samples")
    text, err = run("compute", "--903", "DEMAND=" + d, "--indicators", "cla.looked_after,cla.starts", "--format", "csv")
    check("note: organisation 'DEMAND'" in err, "user-defined organisation notice: %r" % err)
    rows = read_csv(text)
    years = sorted({r["period_end"][:4] for r in rows})
    check(len(years) >= 5 and all(r["org_code"] == "DEMAND" for r in rows), "five annual returns: %r" % years)
    check(all(num(r["value"]) >= 0 and num(r["lower"]) <= num(r["value"]) <= num(r["upper"]) for r in rows),
          "values with intervals")


def main():
    if len(sys.argv) != 2 or "case_" + sys.argv[1] not in globals():
        print("usage: e2e.py CASE; cases: " + ", ".join(k[5:] for k in globals() if k.startswith("case_")))
        return 2
    try:
        globals()["case_" + sys.argv[1]]()
    except Failure as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
