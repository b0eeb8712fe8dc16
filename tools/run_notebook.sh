#!/bin/sh
# Execute examples/notebooks/northamptonshire.ipynb with nbconvert and keep its PNGs.
#
#   tools/run_notebook.sh --out DIR [--data DATA_DIR] [--notebook PATH]
#
# Without --data the notebook runs on synthetic data the library generates; with --data (a folder
# holding DfE's dfe_ees/, dfe_ees_prev_editions/, dfe_sfr_2010_2017/ and Ofsted's derived/ files,
# e.g. ../shared/data) it runs on the published files (CARESTAT_DATA). The executed notebook and the
# PNGs go to DIR. The library is found as the binding finds it: set CARESTAT_LIBRARY to the built
# libcarestat.so and PYTHONPATH to bindings/python when running from a build tree (CTest does).
#
# Exit status: 0 when the notebook ran and wrote its PNGs, 77 (skip) when nbconvert or the data
# folder is missing (the latter fails instead with CARESTAT_REQUIRE_SHARED=1), 1 otherwise.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=""
data=""
nb="$here/examples/notebooks/northamptonshire.ipynb"
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=$2; shift 2 ;;
        --data) data=$2; shift 2 ;;
        --notebook) nb=$2; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "run_notebook.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] || { echo "run_notebook.sh: --out DIR is required" >&2; exit 2; }
py=${CARESTAT_PYTHON:-/usr/bin/python3}
[ -x "$py" ] || py=$(command -v python3)
if ! "$py" -c "import nbconvert, nbclient, ipykernel, matplotlib, pandas" 2>/dev/null; then
    echo "run_notebook.sh: $py lacks nbconvert/nbclient/ipykernel/matplotlib/pandas: skipped" >&2
    exit 77
fi
if [ -n "$data" ] && [ ! -d "$data/dfe_ees" ]; then
    if [ "${CARESTAT_REQUIRE_SHARED:-0}" = 1 ]; then
        echo "run_notebook.sh: data folder $data/dfe_ees is missing and CARESTAT_REQUIRE_SHARED=1" >&2
        exit 1
    fi
    echo "run_notebook.sh: data folder $data/dfe_ees is missing: skipped" >&2
    exit 77
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/*.png
mode=synthetic
if [ -n "$data" ]; then
    CARESTAT_DATA=$(cd "$data" && pwd); export CARESTAT_DATA; mode=published
else
    unset CARESTAT_DATA || true
fi
CARESTAT_NOTEBOOK_OUT=$out; export CARESTAT_NOTEBOOK_OUT
MPLBACKEND=${MPLBACKEND:-Agg}; export MPLBACKEND
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE
# The kernel is the same interpreter (no reliance on a registered kernelspec's python).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$py" -m nbconvert --to notebook --execute "$nb" --output "northamptonshire-$mode.ipynb" --output-dir "$out" \
    --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3
n=$(ls "$out"/"$mode"_*.png 2>/dev/null | wc -l)
if [ "$n" -lt 5 ]; then
    echo "run_notebook.sh: expected at least 5 PNGs in $out, found $n" >&2
    exit 1
fi
echo "run_notebook.sh: $mode mode: $n PNGs in $out"
