#!/usr/bin/env bash
# carestat developer commands. Each one installs what it needs first (Debian packages via apt-get,
# when run as root on a Debian/Ubuntu machine; otherwise it lists what is missing and carries on).
#
#   tools/dev.sh demo       install the build tools, build, run `carestat demo` (the main job)
#   tools/dev.sh test       install everything the tests use, build, run every test (ctest)
#   tools/dev.sh sanitize   the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   tools/dev.sh tsan       the thread-safety test under ThreadSanitizer
#   tools/dev.sh docs       the Doxygen documentation (warnings are errors)
#   tools/dev.sh deps [test]  only install packages
#
# Environment: BUILD_DIR (default build), JOBS (default: number of cores), CARESTAT_NO_APT=1 to
# never call apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}

# What the library, the command and the demo need.
PKGS_BASE="build-essential cmake ninja-build pkg-config"
# What the tests need on top: cmocka, docs, Python (numpy/pandas/matplotlib/scipy/statsmodels for
# the binding tests and the notebook), Lua 5.4, sanitizer and fuzzing runtimes, valgrind.
PKGS_TEST="libcmocka-dev doxygen graphviz python3 python3-numpy python3-pandas python3-pytest
  python3-matplotlib python3-scipy python3-statsmodels python3-nbconvert python3-nbclient python3-ipykernel
  python3-nbformat jupyter-nbconvert python3-setuptools lua5.4 liblua5.4-dev lua-busted luarocks
  clang libclang-rt-14-dev valgrind"

deps() {
    local want="$PKGS_BASE" missing=()
    [ "${1:-}" = test ] && want="$want $PKGS_TEST"
    for p in $want; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "${CARESTAT_NO_APT:-0}" != 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "dev.sh: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "dev.sh: not installing (not root or no apt-get); missing: ${missing[*]}" >&2
    fi
}

py() { if [ -x /usr/bin/python3 ]; then echo /usr/bin/python3; else command -v python3; fi; }

configure() { # configure DIR [cmake args...]
    local dir=$1; shift
    local gen=()
    command -v ninja >/dev/null && gen=(-G Ninja)
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        cmake --no-warn-unused-cli -S "$ROOT" -B "$dir" "${gen[@]}" -DPython3_EXECUTABLE="$(py)" "$@"
    else
        cmake "$dir" "$@" >/dev/null
    fi
}

build() { # build DIR [cmake args...]
    local dir=$1; shift
    configure "$dir" "$@"
    cmake --build "$dir" -j "$JOBS"
}

cmd=${1:-}
shift || true
case "$cmd" in
deps) deps "${1:-}" ;;
demo)
    deps
    build "${BUILD_DIR:-build}" -DCARESTAT_BUILD_TESTS=OFF
    if [ -x "${BUILD_DIR:-build}/tools/carestat/carestat" ]; then
        "${BUILD_DIR:-build}/tools/carestat/carestat" demo "$@"
    else
        "${BUILD_DIR:-build}/examples/hello" "$@"
    fi
    ;;
test)
    deps test
    build "${BUILD_DIR:-build}" -DCARESTAT_BUILD_TESTS=ON
    ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$JOBS" "$@"
    ;;
sanitize)
    deps test
    build "${BUILD_DIR:-build-asan}" -DCARESTAT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang
    ctest --test-dir "${BUILD_DIR:-build-asan}" --output-on-failure -j "$JOBS" "$@"
    ;;
tsan)
    deps test
    build "${BUILD_DIR:-build-tsan}" -DCARESTAT_TSAN=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
        -DCARESTAT_BUILD_LUA=OFF -DCARESTAT_BUILD_EXAMPLES=OFF
    ctest --test-dir "${BUILD_DIR:-build-tsan}" --output-on-failure -R '^unit\.(threads|indicators_cla)$' "$@"
    ;;
docs)
    deps test
    configure "${BUILD_DIR:-build}"
    cmake --build "${BUILD_DIR:-build}" --target docs
    echo "docs: ${BUILD_DIR:-build}/docs/html/index.html"
    ;;
*)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    [ -z "$cmd" ] && exit 0 || exit 2
    ;;
esac
