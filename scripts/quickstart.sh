#!/usr/bin/env bash
# The quick start: builds specmesh, starts the local environment (Kafka, schema registry, S3), and
# provisions the example data product in examples/acme.shop into them.
#   scripts/quickstart.sh
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh" "$repo/build" >/dev/null
specmesh=$repo/build/src/specmesh
cd "$repo"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step specmesh local up
"$specmesh" local up
# Connection settings for the commands below, from the environment's own description.
env_json=$("$specmesh" local status --output json)
eval "$(python3 -c '
import json, sys
env = json.loads(sys.argv[1])
settings = {
    "SPECMESH_BOOTSTRAP_SERVER": env["bootstrap_servers"],
    "SPECMESH_USERNAME": env["admin"]["username"],
    "SPECMESH_SECRET": env["admin"]["password"],
    "SPECMESH_SCHEMA_REGISTRY": env["schema_registry_url"],
}
for name, value in settings.items():
    print("export %s=%s" % (name, value))
' "$env_json")"
spec=(--spec examples/acme.shop/acme.shop-api.yaml --schema-path examples/acme.shop/schemas)

step specmesh validate "${spec[@]}"
"$specmesh" validate "${spec[@]}"

# plan exits 2 when there are changes to make, 0 when the cluster already matches the spec.
step specmesh plan "${spec[@]}"
status=0
"$specmesh" plan "${spec[@]}" || status=$?
[[ $status -eq 0 || $status -eq 2 ]] || exit "$status"

step specmesh provision "${spec[@]}"
"$specmesh" provision "${spec[@]}"

step specmesh plan "${spec[@]}"
"$specmesh" plan "${spec[@]}" | tail -n 1

cat <<'NEXT'

Done: the example data product is provisioned and a second plan has nothing left to change.
The connection settings came from `specmesh local status --output json` (as SPECMESH_*
environment variables). Next:
  - edit examples/acme.shop/acme.shop-api.yaml (add a grant, more partitions) and plan again;
  - add --output json to any plan or provision for the machine-readable document;
  - try the same over TLS: the broker also has SASL_SSL/SCRAM and mutual-TLS listeners
    (`specmesh local status` lists them; docs/connecting.md has the settings);
  - stop the local environment with: build/src/specmesh local down
NEXT
