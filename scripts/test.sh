#!/usr/bin/env bash
# The one test command: installs and builds (scripts/setup.sh), starts the local Kafka and
# schema registry (scripts/local-env.sh), lints, fuzzes spec and schema loading for a bounded
# time and runs every test suite against the services. Fails loudly with the reason; nothing is
# skipped.
#   scripts/test.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build
local_env=$repo/scripts/local-env.sh

"$repo/scripts/setup.sh" "$build_dir"

echo "== local Kafka and schema registry"
if "$local_env" status >/dev/null 2>&1; then
  echo "already running; reusing it"
else
  "$local_env" up
  # Stop what this run started, whatever happens next.
  trap '"$local_env" down >/dev/null 2>&1 || true' EXIT
fi

echo "== lint (clang-format, clang-tidy)"
"$repo/scripts/lint.sh" "$build_dir"

echo "== fuzzing spec and schema loading (bounded)"
"$repo/scripts/fuzz.sh" "${SPECMESH_FUZZ_SECONDS:-30}"

echo "== Python bindings and pytest plugin (pip install of the repo into a venv)"
"$repo/python/run_tests.sh"

echo "== unit, CLI and integration tests"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
