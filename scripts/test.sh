#!/usr/bin/env bash
# The one test command: installs and builds (scripts/setup.sh), starts the local Kafka and
# schema registry (scripts/local-env.sh), lints, fuzzes spec and schema loading for a bounded
# time and runs every test suite against the services; then the three-broker suite on a
# cluster of its own (`local-env.sh up --brokers 3`, own state dir and ports). Fails loudly
# with the reason; nothing is skipped.
#   scripts/test.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build
local_env=$repo/scripts/local-env.sh

"$repo/scripts/setup.sh" "$build_dir"

# The three-broker cluster: its own state dir and ports (node K: base + 10*(K-1)), all below
# the kernel's ephemeral range (32768-60999 on Linux): a client connection could otherwise take
# a stopped broker's port, and the suite's start-broker would fail.
three_brokers_env() {
  SPECMESH_LOCAL_HOME=$build_dir/three-brokers-env SPECMESH_KAFKA_PORT=27092 \
    SPECMESH_KAFKA_CONTROLLER_PORT=27093 SPECMESH_KAFKA_PLAINTEXT_PORT=27094 \
    SPECMESH_KAFKA_SASL_SSL_PORT=27095 SPECMESH_KAFKA_SSL_PORT=27096 SPECMESH_REGISTRY_PORT=27081 \
    SPECMESH_REGISTRY_MANAGEMENT_PORT=27000 SPECMESH_REGISTRY_HTTPS_PORT=27443 SPECMESH_S3_PORT=22333 "$@"
}

echo "== local Kafka and schema registry"
started_env=
if "$local_env" status >/dev/null 2>&1; then
  echo "already running; reusing it"
else
  "$local_env" up
  started_env=1
fi
# Stop what this run started, whatever happens next.
cleanup() {
  if [[ -n $started_env ]]; then "$local_env" down >/dev/null 2>&1 || true; fi
  three_brokers_env "$local_env" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== lint (clang-format, clang-tidy)"
"$repo/scripts/lint.sh" "$build_dir"

echo "== fuzzing spec and schema loading (bounded)"
"$repo/scripts/fuzz.sh" "${SPECMESH_FUZZ_SECONDS:-30}"

echo "== Python bindings and pytest plugin (pip install of the repo into a venv)"
"$repo/python/run_tests.sh"

echo "== unit, CLI and integration tests"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" -LE three-brokers

echo "== three-broker suite (local-env.sh up --brokers 3)"
if [[ -n $started_env ]]; then
  "$local_env" down # its memory and cores go to the three brokers
  started_env=
fi
three_brokers_env "$local_env" up --brokers 3
three_brokers_env ctest --test-dir "$build_dir" --output-on-failure -L three-brokers
