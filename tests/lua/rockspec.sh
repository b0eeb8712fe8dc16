#!/bin/sh
# The rockspec passes `luarocks lint`, and builds the module through LuaRocks against a carestat
# installed in a temporary prefix; the built module then loads and computes.
# Usage: rockspec.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
command -v luarocks >/dev/null || { echo "luarocks not installed: skipped"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carestat-rock-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
spec=bindings/lua/carestat-$(sed -n 's/^#define CARESTAT_VERSION_STRING "\(.*\)"/\1/p' "$build/include/carestat/version.h")-1.rockspec
luarocks --lua-version=5.4 lint "$src/$spec"
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
libdir=$(dirname "$(find "$tmp/prefix" -name libcarestat.so | head -n 1)")
# luarocks make builds in the current folder: use a copy of the sources
mkdir -p "$tmp/src/bindings"
cp -r "$src/bindings/lua" "$tmp/src/bindings/"
cd "$tmp/src"
luarocks --lua-version=5.4 --tree="$tmp/tree" make "$spec" CARESTAT_DIR="$tmp/prefix" CARESTAT_LIBDIR="$libdir" >/dev/null
mod=$(find "$tmp/tree" -name carestat.so | head -n 1)
test -n "$mod"
LUA_CPATH="$(dirname "$mod")/?.so" lua5.4 -e '
  local cs = require "carestat"
  assert(cs.version() == "'"$(sed -n 's/^#define CARESTAT_VERSION_STRING "\(.*\)"/\1/p' "$build/include/carestat/version.h")"'")
  local v, lo, hi = cs.proportion_ci(46, 80)
  assert(math.abs(lo - 0.46569289846568857) < 1e-9)
  print("luarocks-built module ok: carestat " .. cs.version())'
