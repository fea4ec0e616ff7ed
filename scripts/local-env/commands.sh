# shellcheck shell=bash
# local-env.sh commands: up, status, down, logs, stop-broker, start-broker.

EXTRA_USERS=() # --user NAME:PASSWORD of `up`, in order

parse_up_args() {
  while (($#)); do
    case $1 in
      --user)
        (($# >= 2)) || die "--user needs NAME:PASSWORD"
        EXTRA_USERS+=("$2")
        shift 2
        ;;
      --user=*)
        EXTRA_USERS+=("${1#--user=}")
        shift
        ;;
      --brokers)
        (($# >= 2)) || die "--brokers needs a number"
        check_broker_count "$2"
        BROKERS=$2
        shift 2
        ;;
      --brokers=*)
        check_broker_count "${1#--brokers=}"
        BROKERS=${1#--brokers=}
        shift
        ;;
      -h | --help) usage; exit 0 ;;
      *) die "up: unknown argument '$1'" ;;
    esac
  done
}

# `up` on a running environment succeeds only if it already has every requested user.
check_running_users() {
  local have u missing=()
  have=$(running_users)
  for u in "${USERS[@]}"; do
    grep -qxF -- "$u" <<<"$have" || missing+=("${u%%:*}")
  done
  if ((${#missing[@]})); then
    die "the running environment has no user(s) ${missing[*]} (or a different password); PLAIN users are static: run '$0 down' first, then 'up' again with --user"
  fi
}

# Whether a pid file or a process of this state dir is left.
anything_of_ours() {
  [[ -n "$(ls "$STATE"/kafka*.pid 2>/dev/null)" || -f $SR_PID_FILE || -f $SR_HTTPS_PID_FILE ||
    -f $S3_PID_FILE || -n "$(find_orphans kafka)$(find_orphans registry)$(find_orphans registry-https)$(find_orphans s3)" ]]
}

clean_up_stale_environment() {
  if anything_of_ours || [[ -f $ENV_JSON ]]; then
    log "found a partial or stale environment in $STATE; cleaning it up"
    stop_all
  fi
}

# Every port `up` binds, as "port:what:setting" lines.
service_ports() {
  local id
  for ((id = 1; id <= $(broker_count); id++)); do node_ports "$id"; done
  printf '%s\n' "$SR_PORT:schema registry HTTP:SPECMESH_REGISTRY_PORT" \
    "$SR_HTTPS_PORT:schema registry HTTPS:SPECMESH_REGISTRY_HTTPS_PORT" \
    "$SR_MGMT_PORT:schema registry management:SPECMESH_REGISTRY_MANAGEMENT_PORT"
  s3_ports
}

UP_OK=
on_up_exit() {
  if [[ -z $UP_OK ]]; then
    printf 'local-env: up failed; stopping what was started (logs kept in %s)\n' "$LOGS" >&2
    show_log_tails
    stop_all >/dev/null 2>&1 || true
  fi
}

# Starts both services on fresh data; on any failure the EXIT trap stops them again.
start_services() { # seconds the downloads took
  trap on_up_exit EXIT
  rm -rf "$DATA"
  mkdir -p "$DATA" "$LOGS"
  rm -f "$LOGS"/kafka*.out "$LOGS/registry.log" "$LOGS/registry-https.log" "$LOGS/s3.log" \
    "$LOGS"/kafka*/*.log
  BROKERS=$(broker_count) # fixed for this run, before the file that broker_count reads is written
  echo "$BROKERS" >"$BROKER_COUNT_FILE"
  save_ports
  ensure_certificates "${USERS[@]%%:*}"
  render_kafka_config

  local t_start sr_pid
  t_start=$(now)
  start_registry
  start_registry_https
  start_s3
  start_kafka || die "Kafka storage format failed"
  sr_pid=$(read_pid "$SR_PID_FILE")
  log "started Kafka $KAFKA_VERSION ($(broker_count) node(s), pids $(cat "$STATE"/kafka*.pid | tr '\n' ' '| sed 's/ $//')), Apicurio Registry $APICURIO_VERSION (pid $sr_pid) and SeaweedFS $SEAWEEDFS_VERSION (pid $(read_pid "$S3_PID_FILE")); waiting until ready (up to ${READY_TIMEOUT}s each)"
  wait_until_ready "$sr_pid" "$t_start"
  # Every service must still be alive.
  [[ -z $(stopped_nodes) ]] || die "Kafka node(s) $(stopped_nodes | tr '\n' ' ')exited right after start-up"
  pid_is_ours "$sr_pid" registry || die "the schema registry exited right after start-up"
  pid_is_ours "$(read_pid "$SR_HTTPS_PID_FILE")" registry-https ||
    die "the schema registry's HTTPS front exited right after start-up"
  s3_running || die "the S3 server exited right after start-up"
  write_env_json "$sr_pid"
  UP_OK=1
  trap - EXIT
  log "up: downloads/cache check ${1}s, start to ready $(elapsed "$t_start")s"
  print_summary
}

cmd_up() {
  parse_up_args "$@"
  parse_users ${EXTRA_USERS[@]+"${EXTRA_USERS[@]}"}
  with_lock

  if kafka_running && registry_running && s3_running && [[ -f $ENV_JSON ]]; then
    check_running_users
    check_running_shape
    log "already running ($(running_broker_count) Kafka node(s), schema registry pid $(read_pid "$SR_PID_FILE")); nothing to do"
    print_summary
    return 0
  fi
  clean_up_stale_environment
  ensure_prerequisites
  local t0 ports
  mapfile -t ports < <(service_ports)
  check_ports_free "${ports[@]}"
  warn_ephemeral_ports "${ports[@]}"

  t0=$(now)
  fetch_kafka
  fetch_registry
  fetch_registry_java
  fetch_seaweedfs
  start_services "$(elapsed "$t0")"
}

STATUS_OUTPUT=text
parse_status_args() {
  while (($#)); do
    case $1 in
      --output | -o)
        (($# >= 2)) || die "--output needs json or text"
        STATUS_OUTPUT=$2
        shift 2
        ;;
      --output=*)
        STATUS_OUTPUT=${1#--output=}
        shift
        ;;
      --json) STATUS_OUTPUT=json; shift ;;
      *) die "status: unknown argument '$1'" ;;
    esac
  done
  [[ $STATUS_OUTPUT == json || $STATUS_OUTPUT == text ]] || die "status: --output must be json or text"
}

cmd_status() {
  parse_status_args "$@"
  local k=yes s=yes o=yes
  kafka_running || k=no
  registry_running || s=no
  s3_running || o=no
  if [[ $k == no && $s == no && $o == no ]]; then
    echo "local-env: not running (start it with: $0 up)" >&2
    exit 1
  fi
  if [[ $k == no || $s == no || $o == no || ! -f $ENV_JSON ]]; then
    echo "local-env: partially running (Kafka: $k, schema registry: $s, S3: $o); run '$0 down' then '$0 up'" >&2
    exit 1
  fi
  # A node that stopped on its own shows as stopped, as one stopped by stop-broker does.
  update_env_json_brokers
  if [[ $STATUS_OUTPUT == json ]]; then
    cat "$ENV_JSON"
  else
    print_summary with-passwords
  fi
}

cmd_down() {
  (($# == 0)) || die "down takes no arguments"
  with_lock
  if ! anything_of_ours; then
    stop_all
    log "not running; nothing to stop"
    return 0
  fi
  stop_all
  log "stopped; data removed, logs kept in $LOGS"
}

cmd_logs() {
  local id
  for ((id = 1; id <= $(broker_count); id++)); do
    printf '%s\n' "$(node_log_dir "$id")/server.log" "$(node_log_dir "$id")/authorizer.log" \
      "$LOGS/kafka$(node_suffix "$id").out"
  done
  printf '%s\n' "$LOGS/kafka-format.out" "$LOGS/registry.log" "$LOGS/registry-https.log" "$LOGS/s3.log"
}

save_ports() {
  local name
  for name in KAFKA_PORT CONTROLLER_PORT PLAINTEXT_PORT SASL_SSL_PORT SSL_PORT SR_PORT SR_MGMT_PORT \
    SR_HTTPS_PORT S3_PORT; do
    printf 'SAVED_%s=%s\n' "$name" "${!name}"
  done >"$PORTS_FILE"
}

# `up` on a running cluster of another size, or with a node stopped, would not give what
# was asked for.
check_running_shape() {
  local running
  running=$(tr -dc '0-9' <"$BROKER_COUNT_FILE" 2>/dev/null || echo 1)
  if [[ -n $BROKERS && $BROKERS != "$running" ]]; then
    die "the running environment has $running Kafka node(s), not $BROKERS; run '$0 down' first"
  fi
  [[ -z $(stopped_nodes) ]] ||
    die "Kafka node(s) $(stopped_nodes | tr '\n' ' ')are stopped; start them with '$0 start-broker ID' (or '$0 down' first)"
}

running_broker_count() { echo $(($(broker_count) - $(stopped_nodes | wc -l))); }

parse_node_id() { # command id
  [[ $# == 2 ]] || die "$1 needs a broker ID (1 to $(broker_count))"
  [[ -f $ENV_JSON ]] || die "$1: the environment is not running (start it with: $0 up)"
  if ! [[ $2 =~ ^[1-9]$ ]] || (($2 > $(broker_count))); then
    die "$1: no broker '$2'; the running cluster has brokers 1 to $(broker_count)"
  fi
}

# Stops one node as an operator would (TERM: a controlled shutdown; KILL after the grace).
cmd_stop_broker() {
  parse_node_id stop-broker "$@"
  with_lock
  local id=$1
  if ! node_running "$id"; then
    log "broker $id is not running; nothing to do"
    return 0
  fi
  stop_service "$(node_pid_file "$id")" "$(node_service "$id")" "Kafka broker $id"
  update_env_json_brokers
  log "broker $id stopped (its data is kept; '$0 start-broker $id' starts it again)"
}

# Starts a stopped node on its data and waits until the cluster lists it.
cmd_start_broker() {
  parse_node_id start-broker "$@"
  with_lock
  local id=$1 t_start deadline ports
  if node_running "$id"; then
    log "broker $id is already running; nothing to do"
    return 0
  fi
  mapfile -t ports < <(node_ports "$id")
  check_ports_free "${ports[@]}"
  t_start=$(now)
  deadline=$(ready_deadline "$t_start")
  start_node "$id"
  until kafka_ready "$id"; do
    if ! node_running "$id"; then
      show_log_tails "$LOGS/kafka$(node_suffix "$id").out" "$(node_log_dir "$id")/server.log"
      die "broker $id exited during start-up; see $LOGS/kafka$(node_suffix "$id").out"
    fi
    is_past "$deadline" && die "broker $id was not listed in the cluster's metadata within ${READY_TIMEOUT}s"
    sleep 0.5
  done
  update_env_json_brokers
  log "broker $id started and listed after $(elapsed "$t_start")s"
}
