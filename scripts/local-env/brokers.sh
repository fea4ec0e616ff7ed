# shellcheck shell=bash disable=SC2153 # settings.sh sets HOST, KAFKA_PORT, STATE, ...
# local-env.sh cluster shape: how many nodes, and each node's ports, files and role. Node 1
# keeps the single-broker names (kafka.pid, server.properties, data/kafka, logs/kafka) and
# ports; node K adds 10·(K-1) to every Kafka port and "-K" to every name.

readonly MAX_BROKERS=9
readonly BROKER_COUNT_FILE="$STATE/broker-count"

BROKERS=${BROKERS:-} # set by `up --brokers N`; else what the running cluster was started with

# The number of nodes: `--brokers` of `up`, else the running cluster's, else 1.
broker_count() {
  if [[ -n $BROKERS ]]; then
    echo "$BROKERS"
  elif [[ -s $BROKER_COUNT_FILE ]]; then
    tr -dc '0-9' <"$BROKER_COUNT_FILE"
  else
    echo 1
  fi
}

check_broker_count() { # N
  [[ $1 =~ ^[1-9]$ ]] || die "--brokers must be a number from 1 to $MAX_BROKERS, got '$1'"
}

# A controller quorum of 3 from three nodes on (it survives one lost node), else of 1.
quorum_size() { if (($(broker_count) >= 3)); then echo 3; else echo 1; fi; }
replication_factor() { if (($(broker_count) >= 3)); then echo 3; else echo 1; fi; }
min_insync_replicas() { if (($(broker_count) >= 3)); then echo 2; else echo 1; fi; }

node_suffix() { if (($1 == 1)); then echo ""; else echo "-$1"; fi; }
node_port() { echo $(($1 + 10 * ($2 - 1))); } # base_port id
node_service() { echo "kafka$(node_suffix "$1")"; }
node_pid_file() { echo "$STATE/kafka$(node_suffix "$1").pid"; }
node_config() { echo "$STATE/server$(node_suffix "$1").properties"; }
node_data_dir() { echo "$DATA/kafka$(node_suffix "$1")"; }
node_log_dir() { echo "$LOGS/kafka$(node_suffix "$1")"; }
node_is_controller() { (($1 <= $(quorum_size))); }
# Node ID's ports, as "port:what:setting" lines.
node_ports() { # id
  printf '%s\n' "$(node_port "$KAFKA_PORT" "$1"):Kafka node $1 SASL listener:SPECMESH_KAFKA_PORT" \
    "$(node_port "$PLAINTEXT_PORT" "$1"):Kafka node $1 PLAINTEXT listener:SPECMESH_KAFKA_PLAINTEXT_PORT" \
    "$(node_port "$SASL_SSL_PORT" "$1"):Kafka node $1 SASL_SSL listener:SPECMESH_KAFKA_SASL_SSL_PORT" \
    "$(node_port "$SSL_PORT" "$1"):Kafka node $1 SSL (mutual TLS) listener:SPECMESH_KAFKA_SSL_PORT"
  if node_is_controller "$1"; then
    echo "$(node_port "$CONTROLLER_PORT" "$1"):Kafka node $1 controller listener:SPECMESH_KAFKA_CONTROLLER_PORT"
  fi
}
node_running() { pid_is_ours "$(read_pid "$(node_pid_file "$1")")" "$(node_service "$1")"; }

# Every node's address on one listener, comma-separated: a bootstrap list that still works
# with a node stopped.
bootstrap_list() { # base_port
  local id out=()
  for ((id = 1; id <= $(broker_count); id++)); do out+=("$HOST:$(node_port "$1" "$id")"); done
  local IFS=,
  echo "${out[*]}"
}

controller_voters() {
  local id out=()
  for ((id = 1; id <= $(quorum_size); id++)); do
    out+=("$id@$HOST:$(node_port "$CONTROLLER_PORT" "$id")")
  done
  local IFS=,
  echo "${out[*]}"
}

# The client listeners of node ID (advertised as they are), and with the controller's.
advertised_listeners() { # id
  printf 'SASL_PLAINTEXT://%s:%s,PLAINTEXT://%s:%s,SASL_SSL://%s:%s,SSL://%s:%s' \
    "$HOST" "$(node_port "$KAFKA_PORT" "$1")" "$HOST" "$(node_port "$PLAINTEXT_PORT" "$1")" \
    "$HOST" "$(node_port "$SASL_SSL_PORT" "$1")" "$HOST" "$(node_port "$SSL_PORT" "$1")"
}
node_listeners() { # id
  advertised_listeners "$1"
  if node_is_controller "$1"; then
    printf ',CONTROLLER://%s:%s' "$HOST" "$(node_port "$CONTROLLER_PORT" "$1")"
  fi
}

# "ID PID CONTROLLER RUNNING DATA_DIR" per node (PID 0 when it does not run), for env.json.
broker_rows() {
  local id pid controller running
  for ((id = 1; id <= $(broker_count); id++)); do
    controller=false
    node_is_controller "$id" && controller=true
    running=false
    pid=0
    if node_running "$id"; then
      running=true
      pid=$(read_pid "$(node_pid_file "$id")")
    fi
    echo "$id $pid $controller $running $(node_data_dir "$id")"
  done
}

# Node IDs that should run but do not.
stopped_nodes() {
  local id
  for ((id = 1; id <= $(broker_count); id++)); do
    node_running "$id" || echo "$id"
  done
}
