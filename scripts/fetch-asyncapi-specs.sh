#!/usr/bin/env bash
# Fetches the official AsyncAPI JSON Schemas (npm package @asyncapi/specs) into a cache directory,
# once. The build embeds the self-contained ("-without-$id") schemas of the versions specmesh reads,
# so the binary needs nothing at run time.
#   scripts/fetch-asyncapi-specs.sh      prints the schemas directory on its last line
set -euo pipefail
version=6.11.1
dir=${SPECMESH_ASYNCAPI_SPECS_DIR:-${SPECMESH_CACHE:-$HOME/.cache/specmesh}/asyncapi-specs-$version}

if [[ -f $dir/schemas/2.6.0-without-\$id.json && -f $dir/schemas/3.1.0-without-\$id.json ]]; then
  echo "$dir/schemas"
  exit 0
fi
command -v npm >/dev/null || {
  echo "fetch-asyncapi-specs: npm is needed to fetch @asyncapi/specs@$version (apt-get install npm)" >&2
  exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "fetch-asyncapi-specs: fetching @asyncapi/specs@$version from the npm registry" >&2
(cd "$work" && npm pack --silent "@asyncapi/specs@$version" >/dev/null) || {
  echo "fetch-asyncapi-specs: cannot download @asyncapi/specs@$version from the npm registry" >&2
  exit 1
}
tar xzf "$work/asyncapi-specs-$version.tgz" -C "$work"
mkdir -p "$dir.tmp/schemas"
cp "$work"/package/schemas/*-without-\$id.json "$dir.tmp/schemas/"
cp "$work/package/LICENSE" "$dir.tmp/"
rm -rf "$dir"
mv "$dir.tmp" "$dir"
echo "$dir/schemas"
