#!/usr/bin/env bash
# The whole benchmark harness: builds a Release specmesh and the floor program, starts a fresh
# local Kafka + registry of its own (own ports and state dir, so it never touches the test
# environment), runs every scenario, and writes docs/benchmarks.md and docs/benchmarks.json.
# Not a test: it never fails on a number, only when a command itself fails.
#
#   bench/run.sh [RUNS]            RUNS measured runs per figure (default 5, at least 3)
#   bench/run.sh --offline [RUNS]  offline and start-up only, no cluster (a minute); the table
#                                  goes to BUILD_DIR/results unless SPECMESH_BENCH_OUT says
#
# Scenarios (sizes via the environment, defaults are issue 7's):
#   offline      validate and plan --offline of generated specs      SPECMESH_BENCH_OFFLINE_SIZES
#   start-up     specmesh --version
#   provision    from empty, 1k topics + their ACLs, against the floor   SPECMESH_BENCH_TOPICS
#                (bench_admin: the same topics/ACLs in as few requests as the broker accepts),
#                then the 1k subjects on their own
#   plan         nothing to change, for that domain on a cluster that also holds
#                SPECMESH_BENCH_OTHER_TOPICS topics, SPECMESH_BENCH_ACLS ACLs and as many subjects
#   reports      storage and consumption over the SPECMESH_BENCH_OTHER_TOPICS topics
#   baselines    bench/baselines/*.sh (Kafka's CLI tools per resource, peer tools), once each
#
# Environment (all optional): SPECMESH_BENCH_BUILD_DIR [build-bench], SPECMESH_BENCH_JOBS [2],
# SPECMESH_BENCH_HOME [BUILD_DIR/local], SPECMESH_BENCH_PORT_BASE [29000: Kafka +92…+96,
# registry +81/+100/+443, S3 −7000 (SeaweedFS's own parts take up to that + 10004, which stays
# below the kernel's ephemeral range)], SPECMESH_BENCH_OUT [docs], SPECMESH_BENCH_SKIP_BASELINES=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${SPECMESH_BENCH_BUILD_DIR:-$ROOT/build-bench}
JOBS=${SPECMESH_BENCH_JOBS:-2}
OFFLINE_ONLY=0
if [[ ${1:-} == --offline ]]; then
  OFFLINE_ONLY=1
  shift
fi
BENCH_RUNS=${1:-5}
OFFLINE_SIZES=${SPECMESH_BENCH_OFFLINE_SIZES:-1000 10000}
TOPICS=${SPECMESH_BENCH_TOPICS:-1000}
OTHER_TOPICS=${SPECMESH_BENCH_OTHER_TOPICS:-10000}
TOTAL_ACLS=${SPECMESH_BENCH_ACLS:-100000}
if ((OFFLINE_ONLY)); then
  OUT=${SPECMESH_BENCH_OUT:-$BUILD_DIR/results}
else
  OUT=${SPECMESH_BENCH_OUT:-$ROOT/docs}
fi
PORT_BASE=${SPECMESH_BENCH_PORT_BASE:-29000}
if ! [[ $BENCH_RUNS =~ ^[0-9]+$ ]] || ((BENCH_RUNS < 3)); then
  echo "usage: $0 [--offline] [RUNS >= 3]" >&2
  exit 2
fi

BENCH_TMP=$BUILD_DIR/bench-data
BENCH_RAW=$BENCH_TMP/raw.tsv
BASELINES=$BENCH_TMP/baselines.jsonl
rm -rf "$BENCH_TMP"
mkdir -p "$BENCH_TMP" "$OUT"
: >"$BENCH_RAW"
: >"$BASELINES"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
started=$(date +%s)

# --- build -------------------------------------------------------------------------------------
log "building Release specmesh and bench_admin in $BUILD_DIR"
rdkafka_prefix=$("$ROOT/scripts/build-librdkafka.sh" | tail -n 1)
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSPECMESH_BUILD_TESTS=OFF \
  -DSPECMESH_BUILD_BENCH=ON -DSPECMESH_RDKAFKA_PREFIX="$rdkafka_prefix" >/dev/null
cmake --build "$BUILD_DIR" --target specmesh bench_admin -j "$JOBS" >"$BENCH_TMP/build.log" 2>&1 || {
  tail -n 30 "$BENCH_TMP/build.log" >&2
  exit 1
}
BIN=$BUILD_DIR/src/specmesh
ADMIN=$BUILD_DIR/bench/bench_admin

# --- offline and start-up ----------------------------------------------------------------------
log "offline: validate / plan --offline at $OFFLINE_SIZES channels; --version"
measure_repeated "specmesh --version" 0 0 "$BIN" --version
for size in $OFFLINE_SIZES; do
  python3 "$ROOT/bench/gen_spec.py" "$size" "$BENCH_TMP/offline" >/dev/null
  spec=$BENCH_TMP/offline/spec-$size.yaml
  measure_repeated "validate" "$size" 0 "$BIN" validate --spec "$spec" --schema-path "$BENCH_TMP/offline"
  # Exit 2: every item is a change against an empty cluster.
  measure_repeated "plan --offline -o json" "$size" 2 \
    "$BIN" plan --offline --spec "$spec" --schema-path "$BENCH_TMP/offline" --output json
done

# report: the table from what was measured so far.
report() {
  python3 "$ROOT/bench/report.py" --raw "$BENCH_RAW" --baselines "$BASELINES" --runs "$BENCH_RUNS" \
    --binary "$BIN" --out "$OUT" --elapsed $(($(date +%s) - started)) \
    --scale "$1"
  log "done in $(($(date +%s) - started)) s: $OUT/benchmarks.md"
}
if ((OFFLINE_ONLY)); then
  report "offline only: $OFFLINE_SIZES channels"
  exit 0
fi

# --- the local environment ---------------------------------------------------------------------
export SPECMESH_LOCAL_HOME=${SPECMESH_BENCH_HOME:-$BUILD_DIR/local}
export SPECMESH_KAFKA_PORT=$((PORT_BASE + 92)) SPECMESH_KAFKA_CONTROLLER_PORT=$((PORT_BASE + 93))
export SPECMESH_KAFKA_PLAINTEXT_PORT=$((PORT_BASE + 94)) SPECMESH_REGISTRY_PORT=$((PORT_BASE + 81))
export SPECMESH_REGISTRY_MANAGEMENT_PORT=$((PORT_BASE + 100))
# Every port of its own, so that a running default environment does not collide.
export SPECMESH_KAFKA_SASL_SSL_PORT=$((PORT_BASE + 95)) SPECMESH_KAFKA_SSL_PORT=$((PORT_BASE + 96))
export SPECMESH_REGISTRY_HTTPS_PORT=$((PORT_BASE + 443)) SPECMESH_S3_PORT=$((PORT_BASE - 7000))
export SPECMESH_KAFKA_HEAP=${SPECMESH_KAFKA_HEAP:--Xms1g -Xmx3g}
export SPECMESH_REGISTRY_HEAP=${SPECMESH_REGISTRY_HEAP:--Xms256m -Xmx2g}
LOCAL_ENV=$ROOT/scripts/local-env.sh
fresh_environment() {
  "$LOCAL_ENV" down >/dev/null 2>&1 || true
  "$LOCAL_ENV" up >/dev/null
}
trap '"$LOCAL_ENV" down >/dev/null 2>&1 || true' EXIT
BOOTSTRAP=127.0.0.1:$SPECMESH_KAFKA_PORT
REGISTRY=http://127.0.0.1:$SPECMESH_REGISTRY_PORT/apis/ccompat/v7
CONNECT=(--bootstrap-server "$BOOTSTRAP" --username admin --secret admin-secret)
WITH_REGISTRY=(--schema-registry "$REGISTRY")
ADMIN_CONNECT=(--bootstrap "$BOOTSTRAP" --user admin --password admin-secret)

# spec_for DOMAIN COUNT [gen_spec options...]: generates the domain's cluster-profile spec and
# its offline plan (what the floor creates); prints the directory.
spec_for() {
  local domain=$1 count=$2 dir=$BENCH_TMP/$1
  shift 2
  python3 "$ROOT/bench/gen_spec.py" "$count" "$dir" --profile cluster --domain "$domain" "$@" \
    >/dev/null
  set +e
  "$BIN" plan --offline --spec "$dir/spec-$count.yaml" --schema-path "$dir" --output json \
    >"$dir/plan.json"
  local status=$?
  set -e
  [[ $status -eq 2 ]] || { echo "bench: offline plan of $domain exited $status" >&2; exit 1; }
  echo "$dir"
}

# settle DIR COUNT PLAN_OPTION...: waits until a plan of the domain shows nothing to change
# (the broker applies metadata asynchronously: new topics and ACLs show up seconds after the
# request, tens of seconds when it is busy; a measurement must not start before), then lets the
# broker finish its background work.
settle() {
  local dir=$1 count=$2 tries
  shift 2
  for ((tries = 0; tries < 120; tries++)); do
    if "$BIN" plan --spec "$dir/spec-$count.yaml" --schema-path "$dir" "${CONNECT[@]}" "$@" \
      >/dev/null 2>&1; then
      sleep 3
      return 0
    fi
    sleep 1
  done
  echo "bench: $dir never settled: plan still shows changes after 120 tries" >&2
  exit 1
}

# --- provision from empty, against the floor ---------------------------------------------------
# Each run on a fresh environment: truly from empty, and deleted topics never pile up (a broker
# keeps a deleted log's files open for a minute, and this machine allows 20,000 open files).
log "provision from empty: $TOPICS topics + ACLs, floor vs specmesh, $BENCH_RUNS runs each"
for ((run = 1; run <= BENCH_RUNS; run++)); do
  fresh_environment
  floor_dir=$(spec_for "bench.floor$run" "$TOPICS")
  ours_dir=$(spec_for "bench.ours$run" "$TOPICS")
  visible_dir=$(spec_for "bench.visible$run" "$TOPICS")
  floor() {
    measure_once "floor: bench_admin create (topics + ACLs)" "$TOPICS" "$run" 0 \
      "$ADMIN" create "$floor_dir/plan.json" "${ADMIN_CONNECT[@]}"
  }
  # Like for like with the floor, which does not wait for its changes to become visible.
  ours() {
    measure_once "specmesh provision --sr-disabled --no-wait (topics + ACLs)" "$TOPICS" "$run" 0 \
      "$BIN" provision --spec "$ours_dir/spec-$TOPICS.yaml" --schema-path "$ours_dir" \
      "${CONNECT[@]}" --sr-disabled --no-wait
  }
  # What a pipeline step waits for by default: until the broker shows every topic and ACL.
  # The broker applies ACLs after the partitions it has just been asked to create, so after
  # thousands of new partitions that takes longer than the default 30 s --timeout here.
  visible() {
    measure_once "specmesh provision --sr-disabled, until visible (topics + ACLs)" "$TOPICS" \
      "$run" 0 "$BIN" provision --spec "$visible_dir/spec-$TOPICS.yaml" \
      --schema-path "$visible_dir" "${CONNECT[@]}" --sr-disabled --timeout 600
  }
  # Rotate who goes first, so drift in the broker's state favours none.
  case $((run % 3)) in
  1) floor && sleep 5 && ours && sleep 5 && visible ;;
  2) ours && sleep 5 && visible && sleep 5 && floor ;;
  *) visible && sleep 5 && floor && sleep 5 && ours ;;
  esac
  settle "$ours_dir" "$TOPICS" --sr-disabled
  measure_once "specmesh provision, subjects only (topics + ACLs in place)" "$TOPICS" "$run" 0 \
    "$BIN" provision --spec "$ours_dir/spec-$TOPICS.yaml" --schema-path "$ours_dir" \
    "${CONNECT[@]}" "${WITH_REGISTRY[@]}"
done

# --- baselines: what other tools cost on the same scenario ---------------------------------------
if [[ ${SPECMESH_BENCH_SKIP_BASELINES:-} != 1 ]]; then
  fresh_environment
  base_dir=$(spec_for "bench.base" "$TOPICS")
  for script in "$ROOT"/bench/baselines/*.sh; do
    [[ -x $script ]] || continue # common.sh is sourced by the others
    log "baseline $(basename "$script")"
    if ! BOOTSTRAP=$BOOTSTRAP ADMIN_USER=admin ADMIN_PASSWORD=admin-secret PLAN_JSON="$base_dir/plan.json" \
      SPEC="$base_dir/spec-$TOPICS.yaml" WORK_DIR="$BENCH_TMP/baseline" \
      "$script" >>"$BASELINES" 2>"$BENCH_TMP/baseline.err"; then
      printf '{"tool":"%s","error":"%s"}\n' "$(basename "$script" .sh)" \
        "$(tail -n 1 "$BENCH_TMP/baseline.err" | tr '"\\' "''")" >>"$BASELINES"
    fi
  done
fi

# --- a big cluster: plan with nothing to change, storage, consumption --------------------------
log "fresh local environment for the big cluster"
fresh_environment
log "seeding $OTHER_TOPICS other topics, $TOTAL_ACLS ACLs, $OTHER_TOPICS subjects"
other_dir=$(spec_for "bench.other" "$OTHER_TOPICS" --partitions 1)
other_acls=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["acls"]))' \
  "$other_dir/plan.json")
python3 "$ROOT/bench/extra_acls.py" $((TOTAL_ACLS - other_acls)) "$BENCH_TMP/extra-acls.json"
"$ADMIN" create "$other_dir/plan.json" "${ADMIN_CONNECT[@]}" >/dev/null
"$ADMIN" create "$BENCH_TMP/extra-acls.json" "${ADMIN_CONNECT[@]}" >/dev/null
settle "$other_dir" "$OTHER_TOPICS" --sr-disabled
measure_once "specmesh provision, subjects only (topics + ACLs in place)" "$OTHER_TOPICS" 1 0 \
  "$BIN" provision --spec "$other_dir/spec-$OTHER_TOPICS.yaml" --schema-path "$other_dir" \
  "${CONNECT[@]}" "${WITH_REGISTRY[@]}" --timeout 120
"$ADMIN" commit "$other_dir/plan.json" bench.other.billing bench.other.audit bench.other.search \
  "${ADMIN_CONNECT[@]}" >/dev/null
plan_dir=$(spec_for "bench.plan" "$TOPICS")
"$BIN" provision --spec "$plan_dir/spec-$TOPICS.yaml" --schema-path "$plan_dir" "${CONNECT[@]}" \
  "${WITH_REGISTRY[@]}" >/dev/null
settle "$plan_dir" "$TOPICS" "${WITH_REGISTRY[@]}"

log "plan with nothing to change, storage, consumption: $BENCH_RUNS runs each"
measure_repeated "plan, nothing to change (with registry)" "$TOPICS" 0 \
  "$BIN" plan --spec "$plan_dir/spec-$TOPICS.yaml" --schema-path "$plan_dir" "${CONNECT[@]}" \
  "${WITH_REGISTRY[@]}"
measure_repeated "storage" "$OTHER_TOPICS" 0 \
  "$BIN" storage --spec "$other_dir/spec-$OTHER_TOPICS.yaml" "${CONNECT[@]}"
measure_repeated "consumption" "$OTHER_TOPICS" 0 \
  "$BIN" consumption --spec "$other_dir/spec-$OTHER_TOPICS.yaml" "${CONNECT[@]}"

# --- the table -----------------------------------------------------------------------------------
report "topics=$TOPICS other_topics=$OTHER_TOPICS acls=$TOTAL_ACLS"
