# shellcheck shell=bash
# local-env.sh services: start the registry and Kafka (detached, marked as ours on their
# command lines) and wait until both answer.

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

# The registry over HTTPS with basic authentication (admin and every user, same passwords):
# registry_https.py in front of the registry's plain HTTP port.
start_registry_https() {
  (
    umask 077
    printf '%s:%s\n' "$ADMIN_USER" "$ADMIN_PASSWORD" >"$SR_HTTPS_USERS"
    printf '%s\n' "${USERS[@]}" >>"$SR_HTTPS_USERS"
  )
  setsid python3 "$LOCAL_ENV_DIR/registry_https.py" "$HOST" "$SR_HTTPS_PORT" "$PKI/broker.pem" \
    "http://$HOST:$SR_PORT" "$SR_HTTPS_USERS" \
    -Dspecmesh.local.service=registry-https -Dspecmesh.local.home="$STATE" \
    >"$LOGS/registry-https.log" 2>&1 </dev/null 9>&- &
  echo $! >"$SR_HTTPS_PID_FILE"
}

registry_https_ready() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$PKI/ca.pem" \
    -u "$ADMIN_USER:$ADMIN_PASSWORD" "$SR_HTTPS_URL/subjects" 2>/dev/null) || return 1
  [[ $code == 200 ]]
}

# One `--add-scram` per user (the admin first): SCRAM-SHA-512 credentials of the SASL_SSL
# listener, with the same passwords as PLAIN; KRaft takes them at format time.
scram_args() {
  local u
  printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password="%s"]\n' "$ADMIN_USER" "$ADMIN_PASSWORD"
  for u in "${USERS[@]}"; do
    printf -- '--add-scram\nSCRAM-SHA-512=[name=%s,password="%s"]\n' "${u%%:*}" "${u#*:}"
  done
}

# Formats the storage (once per data dir), then starts the broker.
start_kafka() {
  local cluster_id java_opts scram=()
  mapfile -t scram < <(scram_args)
  cluster_id=$(python3 "$LOCAL_ENV_DIR/kafka_cluster_id.py")
  mkdir -p "$DATA/kafka" "$DATA/kafka-tmp" "$LOGS/kafka"
  # shellcheck disable=SC2206 # KAFKA_HEAP is a list of JVM flags
  java_opts=($KAFKA_HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Djava.io.tmpdir="$DATA/kafka-tmp"
    -Dkafka.logs.dir="$LOGS/kafka" -Dlog4j2.configurationFile="$LOG4J2_CONFIG"
    -Dspecmesh.local.service=kafka -Dspecmesh.local.home="$STATE")
  # The format tool prints the SCRAM records (salts and keys): they stay out of the log.
  java "${java_opts[@]/-Dspecmesh.local.service=kafka/-Dspecmesh.local.service=kafka-format}" \
    -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format --ignore-formatted \
    --cluster-id="$cluster_id" --config="$KAFKA_CONFIG" "${scram[@]}" 2>&1 9>&- |
    sed -e 's/UserScramCredentialRecord([^)]*)/UserScramCredentialRecord(...)/g' \
      >"$LOGS/kafka-format.out"
  ((PIPESTATUS[0] == 0)) || return 1
  setsid java "${java_opts[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG" \
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

KAFKA_READY=
REGISTRY_READY=

poll_kafka() { # pid t_start
  pid_is_ours "$1" kafka || die "Kafka exited during start-up"
  kafka_ready || return 0
  KAFKA_READY=1
  log "Kafka ready after $(elapsed "$2")s (authenticated metadata call as $ADMIN_USER succeeded)"
}

# Ready means answering and set to global compatibility BACKWARD.
poll_registry() { # pid t_start
  pid_is_ours "$1" registry || die "the schema registry exited during start-up"
  registry_ready || return 0
  registry_set_backward || die "PUT $SR_URL/config {\"compatibility\":\"BACKWARD\"} failed"
  wait_for_registry_https
  REGISTRY_READY=1
  log "schema registry ready after $(elapsed "$2")s (global compatibility BACKWARD)"
}

wait_for_registry_https() {
  local i
  for ((i = 0; i < 100; i++)); do
    registry_https_ready && return 0
    pid_is_ours "$(read_pid "$SR_HTTPS_PID_FILE")" registry-https ||
      die "the schema registry's HTTPS front exited: $(tail -n 3 "$LOGS/registry-https.log")"
    sleep 0.1
  done
  die "the schema registry's HTTPS front ($SR_HTTPS_URL) did not answer within 10s"
}

fail_if_past() { # deadline
  python3 -c "import sys,time; sys.exit(0 if time.time() > float(sys.argv[1]) else 1)" "$1" || return 0
  if [[ -z $KAFKA_READY ]]; then
    [[ -s $DATA/kcat-ready.out ]] && tail -n 3 "$DATA/kcat-ready.out" >&2
    die "Kafka was not ready within ${READY_TIMEOUT}s (no successful authenticated metadata call as $ADMIN_USER)"
  fi
  die "the schema registry was not ready within ${READY_TIMEOUT}s"
}

wait_until_ready() { # kafka_pid registry_pid t_start
  local deadline
  deadline=$(python3 -c "import sys; print(float(sys.argv[1]) + $READY_TIMEOUT)" "$3")
  while [[ -z $KAFKA_READY || -z $REGISTRY_READY ]]; do
    if [[ -z $KAFKA_READY ]]; then poll_kafka "$1" "$3"; fi
    if [[ -z $REGISTRY_READY ]]; then poll_registry "$2" "$3"; fi
    if [[ -z $KAFKA_READY || -z $REGISTRY_READY ]]; then
      fail_if_past "$deadline"
      sleep 0.5
    fi
  done
}
