#!/usr/bin/env bash
# Bounded libFuzzer run of every target in tests/fuzz (clang, ASan + UBSan + libFuzzer).
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# CI runs it for a short time per target. For a long run (developers), e.g. an hour each:
#   tools/fuzz.sh 3600
# New interesting inputs go to build-fuzz/corpus/<target> (not the repository). A crash stops the
# run with a non-zero status and leaves crash-* files in build-fuzz/artifacts/: copy the file into
# tests/fuzz/corpus/<target>/ so the replay test (fuzz.<target>) keeps it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
dir=${FUZZ_BUILD_DIR:-build-fuzz}
gen=()
command -v ninja >/dev/null && gen=(-G Ninja)
[ -f "$dir/CMakeCache.txt" ] || cmake -S . -B "$dir" "${gen[@]}" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCARESTAT_FUZZ=ON -DCARESTAT_SANITIZE=ON -DCARESTAT_BUILD_TOOLS=OFF -DCARESTAT_BUILD_EXAMPLES=OFF \
    -DCARESTAT_BUILD_LUA=OFF -DCARESTAT_BUILD_DOCS=OFF >/dev/null
cmake --build "$dir" -j "$(nproc)" >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in tests/fuzz/fuzz_*.c; do t=$(basename "$f" .c); targets+=("${t#fuzz_}"); done
fi
mkdir -p "$dir/artifacts"
total=0
for t in "${targets[@]}"; do
    mkdir -p "$dir/corpus/$t"
    cp -n tests/fuzz/corpus/"$t"/* "$dir/corpus/$t/" 2>/dev/null || true
    echo "fuzz: $t for ${secs}s"
    out=$("$dir/tests/fuzz/fuzz_$t" -max_total_time="$secs" -dict=tests/fuzz/carestat.dict -max_len=65536 \
        -rss_limit_mb=2048 -artifact_prefix="$dir/artifacts/$t-" -print_final_stats=1 \
        "$dir/corpus/$t" 2>&1) || { echo "$out" | tail -40; echo "fuzz: $t FAILED (see $dir/artifacts)"; exit 1; }
    echo "$out" | grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" | tr '\n' ' '; echo
    total=$((total + secs))
done
echo "fuzz: ${#targets[@]} targets, ${total}s in all, no findings"
