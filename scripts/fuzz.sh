#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan + coverage on every first-party
# library) in their own build dir and fuzzes each for a while: load_spec_fuzzer (spec text) and
# load_schema_fuzzer (a schema file the spec references: Avro, JSON Schema, Protobuf), SECONDS
# split between them.
#
#   scripts/fuzz.sh [SECONDS] [LIBFUZZER_FLAG...]   fuzz for SECONDS in all (default 60)
#   scripts/fuzz.sh --repro FILE...                  run a target once on each FILE
#
# Exits 0 when the run ended without a finding, non-zero on a crash, an uncaught exception,
# a sanitizer report, a timeout (> 10 s for one input) or more than 2 GiB RSS. The input that
# caused it is saved under $BUILD_DIR/fuzz-run/artifacts/; keep it under fuzz/crashers/.
#
# The seeds (fuzz/corpus/ for specs; tests/data/schemas/ for schemas, each file prefixed with
# the byte that picks its format) are copied to $BUILD_DIR/fuzz-run/<target>/corpus/ first, so
# the inputs the fuzzer adds stay out of the source tree; that copy persists and grows.
#
# Environment (all optional):
#   SPECMESH_FUZZ_BUILD_DIR    build dir                                 [build-fuzz]
#   SPECMESH_FUZZ_JOBS         parallel compile jobs                     [2]
#   SPECMESH_FUZZ_PROPERTIES   1: also check the target's properties     [unset]
#   SPECMESH_FUZZ_TARGET       the target of --repro                     [load_spec_fuzzer]
#   CC, CXX                    the compilers                             [clang-14, clang++-14]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${SPECMESH_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
JOBS=${SPECMESH_FUZZ_JOBS:-2}
export CC=${CC:-clang-14} CXX=${CXX:-clang++-14}

repro=0
seconds=60
if [[ $# -gt 0 && $1 == --repro ]]; then
  repro=1
  shift
  [[ $# -gt 0 ]] || { echo "usage: $0 --repro FILE..." >&2; exit 2; }
elif [[ $# -gt 0 ]]; then
  seconds=$1
  shift
  [[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: $0 [SECONDS] [LIBFUZZER_FLAG...]" >&2; exit 2; }
fi

generator=()
if command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
    -DSPECMESH_FUZZ=ON -DSPECMESH_BUILD_TESTS=OFF
fi
cmake --build "$BUILD_DIR" --target load_spec_fuzzer load_schema_fuzzer -j "$JOBS"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

if [[ $repro == 1 ]]; then
  exec "$BUILD_DIR/fuzz/${SPECMESH_FUZZ_TARGET:-load_spec_fuzzer}" -timeout=10 -rss_limit_mb=2048 "$@"
fi

RUN_ROOT=$BUILD_DIR/fuzz-run
mkdir -p "$RUN_ROOT/load_spec_fuzzer/corpus" "$RUN_ROOT/load_schema_fuzzer/corpus"
cp -f "$ROOT"/fuzz/corpus/* "$RUN_ROOT/load_spec_fuzzer/corpus/"
# Schema seeds: the selector byte of load_schema_fuzzer.cpp, then the file.
while IFS= read -r -d '' seed; do
  case $seed in
    *.json) selector=j ;;
    *.yml | *.yaml) selector=y ;;
    *.proto) selector=p ;;
    *.avsc) selector=a ;;
    *) continue ;;
  esac
  name=$(basename "$seed")
  { printf '%s' "$selector"; cat "$seed"; } >"$RUN_ROOT/load_schema_fuzzer/corpus/seed-$name"
done < <(find "$ROOT/tests/data/schemas" -type f -print0)

# Keys and tokens of each format, so mutations reach past the first mapping.
cat >"$RUN_ROOT/load_schema_fuzzer/fuzzer.dict" <<'DICT'
"type"
"record"
"enum"
"fixed"
"array"
"map"
"name"
"namespace"
"fields"
"symbols"
"items"
"values"
"default"
"size"
"null"
"string"
"long"
"$schema"
"properties"
"required"
"$ref"
"allOf"
"syntax = \"proto3\";"
"message"
"import"
"package"
"repeated"
"oneof"
": "
"{"
"["
DICT
cat >"$RUN_ROOT/load_spec_fuzzer/fuzzer.dict" <<'DICT'
"asyncapi"
"2.6.0"
"id"
"urn:"
"channels"
"bindings"
"kafka"
"partitions"
"replicas"
"configs"
"envs"
"groupId"
"schemaIdLocation"
"schemaLookupStrategy"
"RecordNameStrategy"
"TopicRecordNameStrategy"
"bindingVersion"
"publish"
"subscribe"
"operationId"
"tags"
"name"
"grant-access:"
"grant-access:_public"
"message"
"payload"
"key"
"$ref"
"type"
"object"
"properties"
"components"
"schemas"
"x-specmesh-shared"
"x-specmesh-shared-schemas"
"_public"
"_protected"
"_private"
"long"
"uuid"
": "
"\x0a  "
"- "
"&a "
"*a"
"{"
"["
DICT

# Runs one target for $2 seconds; on a finding it shows the log's tail and exits.
fuzz_target() {
  local target=$1 target_seconds=$2
  shift 2
  local run_dir=$RUN_ROOT/$target
  mkdir -p "$run_dir/artifacts"
  local marker=$run_dir/.started log=$run_dir/fuzz.log status
  touch "$marker"
  # libFuzzer's progress lines go to a log; its tail is shown on a finding.
  set +e
  "$BUILD_DIR/fuzz/$target" "$run_dir/corpus" \
    -dict="$run_dir/fuzzer.dict" \
    -artifact_prefix="$run_dir/artifacts/" \
    -max_total_time="$target_seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$@" >"$log" 2>&1
  status=$?
  set -e
  # With -fork=N -ignore_crashes=1 libFuzzer goes on after a crash and exits 0, so new
  # artifacts count as a finding too.
  local found
  mapfile -t found < <(find "$run_dir/artifacts" -type f -newer "$marker" | sort)
  if [[ $status -ne 0 || ${#found[@]} -gt 0 ]]; then
    tail -n 60 "$log" >&2
    echo "fuzz.sh: $target stopped with status $status; ${#found[@]} reproducer(s):" >&2
    printf '  %s\n' "${found[@]}" >&2
    echo "fuzz.sh: reproduce with: SPECMESH_FUZZ_TARGET=$target $0 --repro FILE (keep it under fuzz/crashers/)" >&2
    exit $((status != 0 ? status : 1))
  fi
  echo "fuzz.sh: $target ${target_seconds}s, $(grep -o 'number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$') inputs, no finding (log: $log)"
}

spec_seconds=$(((seconds + 1) / 2))
fuzz_target load_spec_fuzzer "$spec_seconds" "$@"
fuzz_target load_schema_fuzzer "$((seconds - spec_seconds))" "$@"
