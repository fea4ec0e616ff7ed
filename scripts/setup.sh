#!/usr/bin/env bash
# Installs what specmesh needs to build (Debian packages) and builds it. Idempotent: packages
# already present are not reinstalled and the build is incremental.
#   scripts/setup.sh [build-dir]      (default: build)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$repo/build}

packages=(
  g++ cmake ninja-build pkgconf
  librdkafka-dev libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libexpected-dev libcurl4-openssl-dev libgtest-dev libgmock-dev libavro-dev libprotobuf-dev
  libprotoc-dev libvalijson-dev libpugixml-dev
  clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
  kcat curl time python3-yaml zsh
)
# npm fetches the AsyncAPI JSON Schemas; NodeSource's nodejs brings its own npm.
if ! command -v npm >/dev/null; then packages+=(npm); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

rdkafka_prefix=$("$repo/scripts/build-librdkafka.sh" | tail -n 1)
asyncapi_schemas=$("$repo/scripts/fetch-asyncapi-specs.sh" | tail -n 1)

# Benchmark programs are built too, so that the build and lint keep them compiling and clean.
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  cmake -S "$repo" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPECMESH_WERROR=ON \
    -DSPECMESH_BUILD_BENCH=ON -DSPECMESH_RDKAFKA_PREFIX="$rdkafka_prefix" \
    -DSPECMESH_ASYNCAPI_SCHEMAS_DIR="$asyncapi_schemas" >/dev/null
elif ! grep -q '^SPECMESH_BUILD_BENCH:BOOL=ON' "$build_dir/CMakeCache.txt"; then
  cmake -S "$repo" -B "$build_dir" -DSPECMESH_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)"
echo "setup: built $build_dir/src/specmesh"
