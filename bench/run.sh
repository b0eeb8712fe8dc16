#!/usr/bin/env bash
# carestat's benchmark, side by side with pandas and DuckDB (issue 12; results in bench/RESULTS.md).
#
#   bench/run.sh [--smoke] [--runs N] [--sizes LIST] [--keep DIR]
#
# Generates synthetic data with `carestat synth` into a temporary folder (never committed) at three
# sizes (small: 1 council, 6 years; region: 15 councils, 10 years; england: 150 councils, 10 years),
# then measures, N times each (default 5; medians are reported):
#   floor      wc -l and a memchr loop over the episodes file (all councils' episodes.csv concatenated)
#   load       carestat loading each table on its own (bench_carestat load: MB/s per table)
#   api        load everything + compute every indicator through the C API (bench_carestat all)
#   cli        the same end to end through `carestat compute --format csv`
#   pandas     bench/alt_pandas.py (Debian's pandas, /usr/bin/python3)
#   duckdb     bench/duckdb/alt_duckdb.mjs (@duckdb/node-api; only when bench/duckdb/node_modules exists:
#              run `npm ci` in bench/duckdb first)
# Wall time (date), CPU time (user+sys) and peak RSS (GNU time, else bench/timeit.py) for every process.
# The identical-results check (bench/compare.py) compares the numerators and denominators of the
# benchmark's 12 indicators for every council and year between carestat (API and CLI) and each
# alternative; any difference makes the benchmark FAIL (exit 1).
#
# --smoke: one tiny data set (2 councils, 3 years, ~60 children each), one run, DuckDB only when
# installed: what CI runs (tests/bench) so the benchmark cannot rot. No timing is asserted.
# Environment: CARESTAT_EXE, BENCH_CARESTAT (the built programs; default: build-bench/ of this tree,
# configured and built with -DCARESTAT_BUILD_BENCH=ON if missing), PYTHON (default /usr/bin/python3).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
PYTHON="${PYTHON:-/usr/bin/python3}"
RUNS=5
SIZES="small,region,england"
SMOKE=0
KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1; RUNS=1; SIZES="smoke"; shift ;;
    --runs) RUNS="$2"; shift 2 ;;
    --sizes) SIZES="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "${CARESTAT_EXE:-}" ] || [ -z "${BENCH_CARESTAT:-}" ]; then
  B="$ROOT/build-bench"
  if [ ! -x "$B/bench/bench_carestat" ] || [ ! -x "$B/tools/carestat/carestat" ]; then
    echo "== building carestat (Release, CARESTAT_BUILD_BENCH=ON) in $B" >&2
    cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCARESTAT_BUILD_BENCH=ON \
      -DPython3_EXECUTABLE="$PYTHON" >/dev/null
    cmake --build "$B" --target bench_carestat carestat_cli >/dev/null
  fi
  CARESTAT_EXE="${CARESTAT_EXE:-$B/tools/carestat/carestat}"
  BENCH_CARESTAT="${BENCH_CARESTAT:-$B/bench/bench_carestat}"
fi
# GNU time measures CPU time and peak RSS; without it (not in a minimal Debian) a Python stand-in does
if [ -x /usr/bin/time ] && [ "${BENCH_NO_GNU_TIME:-0}" != 1 ]; then TIMER=(/usr/bin/time -f '%e %U %S %M'); else TIMER=("$PYTHON" "$HERE/timeit.py"); fi

HAVE_PANDAS=0; "$PYTHON" -c 'import pandas' 2>/dev/null && HAVE_PANDAS=1
HAVE_DUCKDB=0
if [ -d "$HERE/duckdb/node_modules/@duckdb/node-api" ] && command -v node >/dev/null; then HAVE_DUCKDB=1; fi
if [ $HAVE_PANDAS = 0 ] && [ $HAVE_DUCKDB = 0 ]; then
  echo "run.sh: neither pandas ($PYTHON) nor DuckDB (bench/duckdb/node_modules) is available" >&2
  exit 77
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/carestat-bench.XXXXXX")"
cleanup() { if [ -z "$KEEP" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT
[ -n "$KEEP" ] && WORK="$KEEP" && mkdir -p "$WORK"
M="$WORK/measurements.tsv"   # size tool metric run value
: > "$M"
FAIL=0

calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
rec() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$M"; }

# measure SIZE TOOL RUN CMD...: wall, cpu, rss of one process tree (GNU time)
measure() {
  local size="$1" tool="$2" run="$3"; shift 3
  local tf="$WORK/time.$$"
  local t0 t1
  t0=$(date +%s.%N)
  if ! "${TIMER[@]}" -o "$tf" "$@" > "$WORK/last.out" 2> "$WORK/last.err"; then
    echo "run.sh: $tool failed on $size:" >&2; cat "$WORK/last.err" >&2; exit 1
  fi
  t1=$(date +%s.%N)
  read -r _ user sys rss < <(tail -1 "$tf")
  rec "$size" "$tool" wall "$run" "$(calc "$t1 - $t0")"
  rec "$size" "$tool" cpu "$run" "$(calc "$user + $sys")"
  rec "$size" "$tool" rss_mb "$run" "$(calc "$rss * 1024 / 1000000")"
}

for size in ${SIZES//,/ }; do
  case "$size" in
    smoke)   args=(--orgs 2 --years 2023:2025 --children-per-org 60); Y0=2023; Y1=2025 ;;
    small)   args=(--orgs 1 --years 2020:2025); Y0=2020; Y1=2025 ;;
    region)  args=(--orgs 15 --years 2016:2025); Y0=2016; Y1=2025 ;;
    england) args=(--orgs 150 --years 2016:2025); Y0=2016; Y1=2025 ;;
    *) echo "run.sh: unknown size $size" >&2; exit 2 ;;
  esac
  D="$WORK/$size"
  echo "== $size: carestat synth ${args[*]}" >&2
  "$CARESTAT_EXE" synth --out "$D" "${args[@]}" --quiet
  mapfile -t ORGS < <(tail -n +2 "$D/orgs.csv" | cut -d, -f1)
  EPS="$WORK/$size.episodes.csv"
  for o in "${ORGS[@]}"; do cat "$D/$o/episodes.csv"; done > "$EPS"
  rec "$size" input temporary_placements 1 "$(awk -F, 'FNR > 1 && $6 ~ /^T[0-4]$/' "$EPS" | wc -l)"
  in_mb=$(du -cb "$D"/*/*.csv "$D"/workforce.csv "$D"/workforce_la.csv "$D"/population.csv | tail -1 | cut -f1)
  rec "$size" input mb 1 "$(calc "$in_mb / 1000000")"
  rec "$size" input episodes_mb 1 "$(calc "$(stat -c %s "$EPS") / 1000000")"
  rec "$size" input episode_rows 1 "$(( $(wc -l < "$EPS") - ${#ORGS[@]} ))"
  cat "$D"/*/*.csv "$D"/*.csv > /dev/null   # warm the page cache for everyone
  CLI_IN=(--orgs "$D/orgs.csv" --population "$D/population.csv" --workforce "$D/workforce.csv" --workforce-la "$D/workforce_la.csv")
  for o in "${ORGS[@]}"; do CLI_IN+=(--903 "$D/$o"); done

  for run in $(seq 1 "$RUNS"); do
    echo "== $size: run $run/$RUNS" >&2
    measure "$size" floor_wc "$run" wc -l "$EPS"
    "$BENCH_CARESTAT" floor "$EPS" | awk -v s="$size" -v r="$run" '
      $1 == "floor.seconds" { print s"\tfloor_memchr\twall\t"r"\t"$2 }
      $1 == "floor.cpu" { print s"\tfloor_memchr\tcpu\t"r"\t"$2 }' >> "$M"
    "$BENCH_CARESTAT" load "$D" | awk -v s="$size" -v r="$run" '
      { split($1, k, "."); m = k[3] == "seconds" ? "wall" : k[3]; print s"\tload_"k[2]"\t"m"\t"r"\t"$2 }' >> "$M"
    measure "$size" api "$run" "$BENCH_CARESTAT" all "$D" "$WORK/$size.api.csv"
    awk -v s="$size" -v r="$run" '$1 ~ /^all\./ { sub(/^all\./, "", $1); print s"\tapi_inner\t"$1"\t"r"\t"$2 }' \
      "$WORK/last.out" >> "$M"
    measure "$size" cli "$run" "$CARESTAT_EXE" compute "${CLI_IN[@]}" --format csv --output "$WORK/$size.cli.csv"
    if [ $HAVE_PANDAS = 1 ]; then
      measure "$size" pandas "$run" "$PYTHON" "$HERE/alt_pandas.py" "$D" "$Y0" "$Y1" "$WORK/$size.pandas.csv"
    fi
    if [ $HAVE_DUCKDB = 1 ]; then
      measure "$size" duckdb "$run" node "$HERE/duckdb/alt_duckdb.mjs" "$D" "$Y0" "$Y1" "$WORK/$size.duckdb.csv"
    fi
    if [ "$run" = 1 ]; then
      for alt in pandas duckdb; do
        [ -f "$WORK/$size.$alt.csv" ] || continue
        for mine in api cli; do
          if ! "$PYTHON" "$HERE/compare.py" "$WORK/$size.$mine.csv" "$WORK/$size.$alt.csv" "$alt" >&2; then
            FAIL=1
          else
            rec "$size" "check_${mine}_$alt" identical 1 1
          fi
        done
      done
    fi
  done
  [ -z "$KEEP" ] && rm -rf "$D" "$EPS"
done

"$PYTHON" "$HERE/summarise.py" "$M" "$SMOKE"
if [ $FAIL != 0 ]; then
  echo "BENCHMARK FAILED: carestat and an alternative disagree (see above)" >&2
  exit 1
fi
[ $HAVE_DUCKDB = 0 ] && echo "note: DuckDB not measured (run 'npm ci' in bench/duckdb)" >&2
exit 0
