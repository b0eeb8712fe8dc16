#!/bin/sh
# Install carestat into a temporary prefix, then build and run a consumer program against it,
# once through find_package(carestat CONFIG) and once through pkg-config.
# Usage: run.sh BUILD_DIR SOURCE_DIR C_COMPILER
set -eu
build=$1 src=$2 cc=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carestat-consumer-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
# the installed tree must be relocatable: move it before using it
mv "$tmp/prefix" "$tmp/moved"
prefix=$tmp/moved
libdir=$(dirname "$(find "$prefix" -name 'libcarestat.so' | head -n 1)")

echo "== find_package"
cmake -S "$src/tests/consumer/app" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$tmp/cm" >/dev/null
LD_LIBRARY_PATH="$libdir" "$tmp/cm/consumer"

echo "== pkg-config"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
pkg-config --validate carestat
test "$(pkg-config --modversion carestat)" = "$(sed -n 's/^#define CARESTAT_VERSION_STRING "\(.*\)"/\1/p' "$prefix/include/carestat/version.h")"
# shellcheck disable=SC2046
"$cc" -o "$tmp/consumer_pc" "$src/tests/consumer/app/consumer.c" $(pkg-config --cflags --libs carestat)
LD_LIBRARY_PATH="$libdir" "$tmp/consumer_pc"
echo "== static via pkg-config --static"
# shellcheck disable=SC2046
"$cc" -static-libgcc -o "$tmp/consumer_static" "$src/tests/consumer/app/consumer.c" $(pkg-config --cflags carestat) \
    "$libdir/libcarestat.a" -lm
"$tmp/consumer_static"
echo "consumer tests passed"
