#!/usr/bin/python3
"""Summarise bench/run.sh measurements (TSV: size tool metric run value) as Markdown tables:
medians over the runs, ratios taken within each run then their median. Usage: summarise.py FILE SMOKE"""
import collections
import statistics
import sys

ORDER = ["smoke", "small", "region", "england"]


def main():
    path, smoke = sys.argv[1], sys.argv[2] == "1"
    v = collections.defaultdict(dict)  # (size, tool, metric) -> {run: value}
    with open(path) as f:
        for line in f:
            s, t, m, r, x = line.rstrip("\n").split("\t")
            v[(s, t, m)][int(r)] = float(x)
    sizes = [s for s in ORDER if any(k[0] == s for k in v)]

    def med(s, t, m):
        d = v.get((s, t, m))
        return statistics.median(d.values()) if d else None

    def ratio(s, a, b, m):  # median over runs of a/b measured in the same run
        da, db = v.get((s, a, m)), v.get((s, b, m))
        if not da or not db:
            return None
        rs = [da[r] / db[r] for r in da if r in db and db[r] > 0]
        return statistics.median(rs) if rs else None

    def fmt(x, d=2):
        return "-" if x is None else f"{x:,.{d}f}"

    runs = max((len(d) for d in v.values()), default=0)
    print(f"\n## Results (medians of {runs} run{'s' if runs != 1 else ''})\n")
    print("| size | input MB | episode rows | episodes MB | temporary (T0-T4) episodes |")
    print("|---|---:|---:|---:|---:|")
    for s in sizes:
        print(f"| {s} | {fmt(med(s, 'input', 'mb'), 1)} | {fmt(med(s, 'input', 'episode_rows'), 0)} | "
              f"{fmt(med(s, 'input', 'episodes_mb'), 1)} | {fmt(med(s, 'input', 'temporary_placements'), 0)} |")

    print("\n### End to end: read + compute (wall seconds / CPU seconds user+sys / peak RSS MB)\n")
    tools = [t for t in ("api", "cli", "pandas", "duckdb") if any(k[1] == t for k in v)]
    print("| size | " + " | ".join(tools) + " |")
    print("|---|" + "---:|" * len(tools))
    for s in sizes:
        cells = []
        for t in tools:
            cells.append(f"{fmt(med(s, t, 'wall'), 3)} / {fmt(med(s, t, 'cpu'), 3)} / {fmt(med(s, t, 'rss_mb'), 0)}")
        print(f"| {s} | " + " | ".join(cells) + " |")

    print("\n### Ratios alternative / carestat CLI (same run, median; >1 means carestat is faster)\n")
    print("| size | pandas/cli wall | pandas/cli CPU | duckdb/cli wall | duckdb/cli CPU | cli/api wall |")
    print("|---|---:|---:|---:|---:|---:|")
    for s in sizes:
        print(f"| {s} | {fmt(ratio(s, 'pandas', 'cli', 'wall'), 1)} | {fmt(ratio(s, 'pandas', 'cli', 'cpu'), 1)} | "
              f"{fmt(ratio(s, 'duckdb', 'cli', 'wall'), 2)} | {fmt(ratio(s, 'duckdb', 'cli', 'cpu'), 2)} | "
              f"{fmt(ratio(s, 'cli', 'api', 'wall'), 2)} |")

    print("\n### Ingestion against the floor (the episodes file; MB/s from medians, wall | CPU)\n")
    print("| size | wc -l | memchr loop | carestat episodes load | load / wc -l | load / memchr | "
          "API load all tables | API compute all |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")

    def rate(mb, sec):
        return mb / sec if mb and sec else None

    def pct(a, b):
        return f"{100 * a / b:.1f}%" if a and b else "-"

    for s in sizes:
        mb = med(s, "input", "episodes_mb")
        wc = [rate(mb, med(s, "floor_wc", m)) for m in ("wall", "cpu")]
        mc = [rate(mb, med(s, "floor_memchr", m)) for m in ("wall", "cpu")]
        le = [rate(med(s, "load_episodes", "mb"), med(s, "load_episodes", m)) for m in ("wall", "cpu")]
        allmb = med(s, "api_inner", "input_mb")
        la = [rate(allmb, med(s, "api_inner", m)) for m in ("load_seconds", "load_cpu")]
        print(f"| {s} | {fmt(wc[0], 0)} \\| {fmt(wc[1], 0)} | {fmt(mc[0], 0)} \\| {fmt(mc[1], 0)} | "
              f"{fmt(le[0], 1)} \\| {fmt(le[1], 1)} | {pct(le[0], wc[0])} \\| {pct(le[1], wc[1])} | "
              f"{pct(le[0], mc[0])} \\| {pct(le[1], mc[1])} | {fmt(la[0], 1)} \\| {fmt(la[1], 1)} | "
              f"{fmt(med(s, 'api_inner', 'compute_seconds'), 3)} s \\| {fmt(med(s, 'api_inner', 'compute_cpu'), 3)} s |")

    print("\n### Load per table (MB/s CPU, each table alone in a fresh dataset; tables under 0.05 MB left out)\n")
    tables = sorted({k[1][5:] for k in v if k[1].startswith("load_")})
    print("| size | " + " | ".join(tables) + " |")
    print("|---|" + "---:|" * len(tables))
    for s in sizes:
        cells = []
        for t in tables:
            c, m = med(s, "load_" + t, "cpu") or med(s, "load_" + t, "wall"), med(s, "load_" + t, "mb")
            cells.append(fmt(m / c if c and m and m >= 0.05 else None, 1))
        print(f"| {s} | " + " | ".join(cells) + " |")

    print("\n### Memory (peak RSS / input CSV size)\n")
    print("| size | input MB | api RSS MB | api RSS / input | cli RSS / input | pandas RSS / input | duckdb RSS / input |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for s in sizes:
        mb = med(s, "input", "mb")
        r = {t: (med(s, t, "rss_mb") / mb if mb and med(s, t, "rss_mb") else None) for t in tools}
        print(f"| {s} | {fmt(mb, 1)} | {fmt(med(s, 'api', 'rss_mb'), 0)} | {fmt(r.get('api'))} | {fmt(r.get('cli'))} | "
              f"{fmt(r.get('pandas'))} | {fmt(r.get('duckdb'))} |")

    if "region" in sizes and "england" in sizes:
        print("\n### Scaling region -> england\n")
        er = med("england", "input", "episode_rows") / med("region", "input", "episode_rows")
        print(f"episodes x{er:.2f}\n")
        print("| tool | wall x | CPU x | RSS x |")
        print("|---|---:|---:|---:|")
        for t in tools:
            def rr(m):
                a, b = med("england", t, m), med("region", t, m)
                return a / b if a and b else None
            print(f"| {t} | {fmt(rr('wall'))} | {fmt(rr('cpu'))} | {fmt(rr('rss_mb'))} |")

    checks = sorted(k[1] for k in v if k[1].startswith("check_"))
    print("\nIdentical-results checks passed: " + (", ".join(sorted(set(c[6:] for c in checks))) or "none"))
    if smoke:
        print("(smoke mode: one tiny run; the numbers above are not benchmarks)")


if __name__ == "__main__":
    main()
