#!/usr/bin/env bash
# Every C test program (unit tests and fuzz replays) under valgrind memcheck: no invalid reads or
# writes, no uninitialised values, no leaks. Uses an existing non-sanitized build (default: build).
#   tools/valgrind.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 1; }
export CARESTAT_SHARED=${CARESTAT_SHARED:-$(cd .. && pwd)/shared}
export CARESTAT_SOURCE_DIR=$PWD CARESTAT_BINARY_DIR=$PWD/$dir
# the allocation-failure sweep tries every 5th failure point here (every one in the other runs)
export CARESTAT_ALLOCFAIL_STRIDE=${CARESTAT_ALLOCFAIL_STRIDE:-5}
fail=0 n=0
for t in "$dir"/tests/test_* "$dir"/tests/fuzz/replay_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    args=()
    case "$name" in replay_*) args=(tests/fuzz/corpus/"${name#replay_}") ;; esac
    n=$((n + 1))
    if valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes "$t" "${args[@]}" \
        >"$dir/valgrind-$name.log" 2>&1; then
        echo "valgrind: $name ok"
    else
        echo "valgrind: $name FAILED"; tail -40 "$dir/valgrind-$name.log"; fail=1
    fi
done
echo "valgrind: $n programs checked"
[ "$n" -gt 0 ] && [ "$fail" = 0 ]
