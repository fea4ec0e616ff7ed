#!/usr/bin/env bash
# The completion scripts of the real binary, run by the shells: bash completes a command, an
# option, an option's values and a --spec file; zsh parses its script (zsh -n).
#   tests/cli/completion_test.sh path/to/specmesh
set -euo pipefail
specmesh=$1
failures=0

# shellcheck source=/dev/null
source <("$specmesh" completion bash)
complete -p specmesh | grep -q -- '-F _specmesh' || {
  echo "bash: no completion registered for specmesh" >&2
  exit 1
}

# What the completion function offers for the words given, the last being the one completed.
completions() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _specmesh
  echo "${COMPREPLY[*]}"
}

expect() {
  local expected=$1
  shift
  local actual
  actual=$(completions "$@")
  if [[ $actual != "$expected" ]]; then
    echo "bash: completing '$*' gave '$actual', expected '$expected'" >&2
    failures=$((failures + 1))
  fi
}

expect "provision" specmesh pro
expect "plan provision" specmesh p
expect "--dry-run" specmesh provision --dry
expect "text json yaml github sarif" specmesh validate --output ""
expect "bash zsh --help -h" specmesh completion ""
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
touch "$workdir/acme.shop-api.yaml"
expect "$workdir/acme.shop-api.yaml" specmesh plan --spec "$workdir/acme"
expect "$workdir/acme.shop-api.yaml" specmesh plan -spec "$workdir/acme"

command -v zsh >/dev/null || {
  echo "zsh is not installed (scripts/setup.sh installs it)" >&2
  exit 1
}
"$specmesh" completion zsh >"$workdir/_specmesh"
zsh -n "$workdir/_specmesh" || failures=$((failures + 1))

exit $((failures > 0))
