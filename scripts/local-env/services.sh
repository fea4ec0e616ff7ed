# shellcheck shell=bash
# local-env.sh services: start the registry and Kafka's nodes (detached, marked as ours on
# their command lines) and wait until they, and the S3 server (s3.sh), answer.

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

# Formats every node's storage (with the same cluster id), then starts the nodes.
start_kafka() {
  local cluster_id id
  cluster_id=$(python3 "$LOCAL_ENV_DIR/kafka_cluster_id.py")
  : >"$LOGS/kafka-format.out"
  for ((id = 1; id <= $(broker_count); id++)); do
    format_node "$id" "$cluster_id" || return 1
  done
  for ((id = 1; id <= $(broker_count); id++)); do
    start_node "$id"
  done
}

kafka_java_opts() { # id
  # shellcheck disable=SC2206 # KAFKA_HEAP is a list of JVM flags
  local opts=($KAFKA_HEAP -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError
    -Djava.awt.headless=true -Djava.io.tmpdir="$(node_data_dir "$1")-tmp"
    -Dkafka.logs.dir="$(node_log_dir "$1")" -Dlog4j2.configurationFile="$LOG4J2_CONFIG"
    -Dspecmesh.local.service="$(node_service "$1")" -Dspecmesh.local.home="$STATE")
  printf '%s\n' "${opts[@]}"
}

# The SCRAM credentials go into every node's bootstrap metadata; the format tool prints the
# SCRAM records (salts and keys), which stay out of the log.
format_node() { # id cluster_id
  local java_opts scram=()
  mapfile -t scram < <(scram_args)
  mapfile -t java_opts < <(kafka_java_opts "$1")
  mkdir -p "$(node_data_dir "$1")" "$(node_data_dir "$1")-tmp" "$(node_log_dir "$1")"
  java "${java_opts[@]/-Dspecmesh.local.service=kafka*/-Dspecmesh.local.service=kafka-format}" \
    -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format --ignore-formatted \
    --cluster-id="$2" --config="$(node_config "$1")" "${scram[@]}" 2>&1 9>&- |
    sed -e 's/UserScramCredentialRecord([^)]*)/UserScramCredentialRecord(...)/g' \
      >>"$LOGS/kafka-format.out"
  ((PIPESTATUS[0] == 0))
}

# Starts node ID on its formatted storage (also what `start-broker` does).
start_node() { # id
  local java_opts
  mapfile -t java_opts < <(kafka_java_opts "$1")
  # Readiness looks for this process's "Kafka Server started": a previous one's must not count
  # (after a SIGKILL the cluster still lists the dead node for its session timeout, ~9 s).
  rm -f "$(node_log_dir "$1")/server.log"
  setsid java "${java_opts[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$(node_config "$1")" \
    >>"$LOGS/kafka$(node_suffix "$1").out" 2>&1 </dev/null 9>&- &
  echo $! >"$(node_pid_file "$1")"
}

# Ready: an authenticated metadata call as the admin lists node ID (or every node).
kafka_ready() { # id|all
  local id first=1 last
  last=$(broker_count)
  if [[ $1 != all ]]; then first=$1 last=$1; fi
  for ((id = first; id <= last; id++)); do
    grep -q 'Kafka Server started' "$(node_log_dir "$id")/server.log" 2>/dev/null || return 1
  done
  timeout 15 kcat -F "$KCAT_ADMIN_CONFIG" -L -m 5 >"$DATA/kcat-ready.out" 2>&1 || return 1
  for ((id = first; id <= last; id++)); do
    grep -q "broker $id at $HOST:$(node_port "$KAFKA_PORT" "$id")" "$DATA/kcat-ready.out" || return 1
  done
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

poll_kafka() { # t_start
  local id
  for ((id = 1; id <= $(broker_count); id++)); do
    node_running "$id" || die "Kafka node $id exited during start-up"
  done
  kafka_ready all || return 0
  KAFKA_READY=1
  log "Kafka ready after $(elapsed "$1")s (authenticated metadata call as $ADMIN_USER lists $(broker_count) broker(s))"
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
  is_past "$1" || return 0
  if [[ -z $KAFKA_READY ]]; then
    [[ -s $DATA/kcat-ready.out ]] && tail -n 3 "$DATA/kcat-ready.out" >&2
    die "Kafka was not ready within ${READY_TIMEOUT}s (no successful authenticated metadata call as $ADMIN_USER)"
  fi
  [[ -n $REGISTRY_READY ]] || die "the schema registry was not ready within ${READY_TIMEOUT}s"
  die "the S3 server was not ready within ${READY_TIMEOUT}s (no admin-signed ListBuckets allowed at $S3_URL)"
}

wait_until_ready() { # registry_pid t_start
  local deadline
  deadline=$(ready_deadline "$2")
  while [[ -z $KAFKA_READY || -z $REGISTRY_READY || -z $S3_READY ]]; do
    if [[ -z $KAFKA_READY ]]; then poll_kafka "$2"; fi
    if [[ -z $REGISTRY_READY ]]; then poll_registry "$1" "$2"; fi
    if [[ -z $S3_READY ]]; then poll_s3 "$2"; fi
    if [[ -z $KAFKA_READY || -z $REGISTRY_READY || -z $S3_READY ]]; then
      fail_if_past "$deadline"
      sleep 0.5
    fi
  done
}
