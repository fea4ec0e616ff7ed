#!/usr/bin/env bash
# Baseline "what a team scripts otherwise": Kafka's own CLI tools, one JVM per resource.
#
# Measures what provisioning the plan's topics and ACLs costs when it is scripted with
# kafka-topics / kafka-acls: the main classes behind those scripts in Kafka 4.3
# (org.apache.kafka.tools.TopicCommand, org.apache.kafka.tools.AclCommand) are run from the
# Maven jars with the JVM options kafka-run-class.sh uses, ONE invocation per topic
# (`--create`) and per ACL binding (`--add`), as SASL_PLAINTEXT/PLAIN admin. Only an even
# SAMPLE of the plan is run; each invocation's wall time (JVM start included) is measured and
# the per-kind medians are scaled to the plan's full counts:
#   scaled_total_s = per_topic_s_median * full_topics + per_acl_s_median * full_acls
# Afterwards one `--list` of each tool checks that every sampled topic and binding exists on
# the broker (exit 1 otherwise).
#
# Usage:
#   bench/baselines/kafka_cli.sh --plan PLAN.json [--bootstrap HOST:PORT] [--user U]
#       [--password P] [--prefix NEW_DOMAIN] [--sample-topics 20] [--sample-acls 20]
#       [--max-rf auto|0|N]
#   PLAN.json: `specmesh plan --offline --sr-disabled --output json` of the scenario.
#   --prefix: the plan's domain id is renamed to this (topic names, ACL resources and
#             principals) so each run starts from empty [<domain>_cli<epoch seconds>].
#   --max-rf: cap the replication factor (auto = number of brokers; 0 = no cap) [auto].
# Environment (same meaning, the flags win): BOOTSTRAP, ADMIN_USER, ADMIN_PASSWORD, PLAN_JSON,
#   PREFIX, SAMPLE_TOPICS, SAMPLE_ACLS, MAX_RF; KAFKA_LIBS (jar dir)
#   [~/.cache/specmesh/kafka-4.3.1/libs]; JAVA [java]. See common.sh.
# Output: one JSON line on stdout:
#   {"tool":"kafka-cli","sample_topics":..,"sample_acls":..,"per_topic_s_median":..,
#    "per_acl_s_median":..,"full_topics":..,"full_acls":..,"scaled_total_s":..}
# Progress goes to stderr. Leaves the sampled topics/ACLs on the broker (fresh prefix per run).
set -euo pipefail

BL_NAME=kafka_cli
# shellcheck source=bench/baselines/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
SAMPLE_TOPICS=${SAMPLE_TOPICS:-20}
SAMPLE_ACLS=${SAMPLE_ACLS:-20}

bl_parse_common "$@"
set -- ${BL_REST[@]+"${BL_REST[@]}"}
while [[ $# -gt 0 ]]; do
  case $1 in
    --sample-topics) SAMPLE_TOPICS=$2; shift 2 ;;
    --sample-acls) SAMPLE_ACLS=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done

bl_setup cli
python3 "$PLAN_TOOL" resources "$PLAN_JSON" --prefix "$PREFIX" --max-rf "$MAX_RF" >"$WORK/full.json"
python3 "$PLAN_TOOL" sample "$WORK/full.json" "$SAMPLE_TOPICS" "$SAMPLE_ACLS" >"$WORK/sample.json"
python3 "$PLAN_TOOL" topic-args "$WORK/sample.json" >"$WORK/topics.args"
python3 "$PLAN_TOOL" acl-args "$WORK/sample.json" >"$WORK/acls.args"
note "prefix $PREFIX, max replication $MAX_RF, sample $(wc -l <"$WORK/topics.args") topics + $(wc -l <"$WORK/acls.args") ACLs"

# run_each KIND ARGS_FILE TIMES_FILE: one JVM per line of ARGS_FILE, wall time of each.
run_each() {
  local kind=$1 args_file=$2 times_file=$3 line start end
  : >"$times_file"
  while IFS= read -r line; do
    local -a args
    IFS=$'\t' read -r -a args <<<"$line"
    start=$(now)
    if [[ $kind == topic ]]; then
      topics_cmd "${args[@]}" >>"$WORK/$kind.out" 2>&1 || { cat "$WORK/$kind.out" >&2; die "kafka-topics ${args[*]} failed"; }
    else
      acls_cmd "${args[@]}" >>"$WORK/$kind.out" 2>&1 || { cat "$WORK/$kind.out" >&2; die "kafka-acls ${args[*]} failed"; }
    fi
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }' >>"$times_file"
  done <"$args_file"
}

run_each topic "$WORK/topics.args" "$WORK/topic.times"
run_each acl "$WORK/acls.args" "$WORK/acl.times"

# Verify once with the same tools: every sampled topic and binding must be on the broker.
bl_verify "$WORK/sample.json"

python3 - "$WORK/sample.json" "$WORK/topic.times" "$WORK/acl.times" <<'EOF'
import json, statistics, sys
sample = json.load(open(sys.argv[1]))
def times(path):
    with open(path) as handle:
        return [float(x) for x in handle if x.strip()]
topic_times, acl_times = times(sys.argv[2]), times(sys.argv[3])
per_topic = statistics.median(topic_times) if topic_times else 0.0
per_acl = statistics.median(acl_times) if acl_times else 0.0
full_topics, full_acls = sample["full_topics"], sample["full_acls"]
print(json.dumps({
    "tool": "kafka-cli",
    "sample_topics": len(topic_times),
    "sample_acls": len(acl_times),
    "per_topic_s_median": round(per_topic, 3),
    "per_acl_s_median": round(per_acl, 3),
    "full_topics": full_topics,
    "full_acls": full_acls,
    "scaled_total_s": round(per_topic * full_topics + per_acl * full_acls, 1),
}))
EOF
