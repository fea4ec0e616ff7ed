#!/usr/bin/env bash
# The quick start: builds specmesh, then validates and plans the example data product in
# examples/acme.shop. Needs no cluster yet: the plan is computed offline.
#   scripts/quickstart.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh" "$repo/build" >/dev/null
specmesh=$repo/build/src/specmesh
example=$repo/examples/acme.shop
cd "$repo"

echo "\$ specmesh validate --spec examples/acme.shop/acme.shop-api.yaml --schema-path examples/acme.shop/schemas"
"$specmesh" validate --spec examples/acme.shop/acme.shop-api.yaml --schema-path examples/acme.shop/schemas
echo
echo "\$ specmesh plan --offline --spec examples/acme.shop/acme.shop-api.yaml --schema-path examples/acme.shop/schemas"
status=0
"$specmesh" plan --offline --spec examples/acme.shop/acme.shop-api.yaml \
  --schema-path examples/acme.shop/schemas || status=$?
# plan exits 2 when there are changes to make, which against an empty cluster is everything.
if [[ $status -ne 2 ]]; then
  echo "quickstart: plan exited $status (expected 2: changes pending)" >&2
  exit 1
fi
echo
echo "Next: edit $example/acme.shop-api.yaml and plan again, or add --output json for the"
echo "machine-readable plan. 'specmesh --help' lists every command."
