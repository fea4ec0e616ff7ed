#!/usr/bin/env bash
# The Python package's tests and the acme.shop example's pytest tests, in a venv with the
# package pip-installed from this repository (as a user would). Uses the local environment
# (scripts/local-env.sh; started if not running).
#
#   python/run_tests.sh [pytest args...]
#
# Environment: SPECMESH_PY_VENV (venv dir, [build/python-venv]; created if missing),
#              SPECMESH_PYTHON (interpreter for the venv, [python3]).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${SPECMESH_PY_VENV:-$ROOT/build/python-venv}
PYTHON=${SPECMESH_PYTHON:-python3}

if [[ ! -x $VENV/bin/python ]]; then
  "$PYTHON" -m venv "$VENV"
fi
# The native module's build dir (build/python/) is kept, so a re-install only rebuilds what
# changed. The test extra: pytest and confluent-kafka (its wheel ships its own librdkafka).
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$ROOT[test]"

cd "$ROOT"
status=0
"$VENV/bin/python" -m pytest -p no:cacheprovider python/tests examples/acme.shop/python "$@" \
  || status=$?
if [[ $status -eq 5 ]]; then
  echo "run_tests.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
