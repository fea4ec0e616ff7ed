#!/usr/bin/env bash
# Installs a built specmesh into a temporary prefix, then configures and builds a tiny consumer
# project that uses it only through find_package(specmesh) and specmesh::testing.
#   tests/install/check_install.sh <specmesh build dir> [cmake] [c++ compiler]
set -euo pipefail
build_dir=$1
cmake=${2:-cmake}
cxx=${3:-c++}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/specmesh-install-XXXXXX")
trap 'rm -rf "$work"' EXIT

"$cmake" --install "$build_dir" --prefix "$work/prefix" >/dev/null
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
"$cmake" -S "$here/consumer" -B "$work/build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; exit 1; }
"$cmake" --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
"$work/build/consumer"
echo "check_install: find_package(specmesh) + specmesh::testing work from $work/prefix"
