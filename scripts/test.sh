#!/usr/bin/env bash
# The one test command: installs and builds (scripts/setup.sh), then runs every test suite. Fails loudly; nothing is skipped.
#   scripts/test.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build

"$repo/scripts/setup.sh" "$build_dir"

echo "== unit and CLI tests"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
