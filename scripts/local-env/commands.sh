# shellcheck shell=bash
# local-env.sh commands: up, status, down, logs.

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

clean_up_stale_environment() {
  if [[ -f $KAFKA_PID_FILE || -f $SR_PID_FILE || -f $SR_HTTPS_PID_FILE || -f $ENV_JSON ||
    -n "$(find_orphans kafka)$(find_orphans registry)$(find_orphans registry-https)" ]]; then
    log "found a partial or stale environment in $STATE; cleaning it up"
    stop_all
  fi
}

check_ports_free() {
  local p port label var
  for p in "$KAFKA_PORT:Kafka SASL listener:SPECMESH_KAFKA_PORT" \
    "$CONTROLLER_PORT:Kafka controller listener:SPECMESH_KAFKA_CONTROLLER_PORT" \
    "$PLAINTEXT_PORT:Kafka PLAINTEXT listener:SPECMESH_KAFKA_PLAINTEXT_PORT" \
    "$SASL_SSL_PORT:Kafka SASL_SSL listener:SPECMESH_KAFKA_SASL_SSL_PORT" \
    "$SSL_PORT:Kafka SSL (mutual TLS) listener:SPECMESH_KAFKA_SSL_PORT" \
    "$SR_PORT:schema registry HTTP:SPECMESH_REGISTRY_PORT" \
    "$SR_HTTPS_PORT:schema registry HTTPS:SPECMESH_REGISTRY_HTTPS_PORT" \
    "$SR_MGMT_PORT:schema registry management:SPECMESH_REGISTRY_MANAGEMENT_PORT"; do
    IFS=: read -r port label var <<<"$p"
    port_is_free "$port" ||
      die "port $HOST:$port ($label) is already in use by another process; free it or set $var"
  done
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
  rm -f "$LOGS/kafka.out" "$LOGS/kafka-format.out" "$LOGS/registry.log" "$LOGS/registry-https.log" "$LOGS"/kafka/*.log
  ensure_certificates "${USERS[@]%%:*}"
  render_kafka_config

  local t_start kafka_pid sr_pid
  t_start=$(now)
  start_registry
  start_registry_https
  start_kafka || die "Kafka storage format failed"
  kafka_pid=$(read_pid "$KAFKA_PID_FILE")
  sr_pid=$(read_pid "$SR_PID_FILE")
  log "started Kafka $KAFKA_VERSION (pid $kafka_pid) and Apicurio Registry $APICURIO_VERSION (pid $sr_pid); waiting until ready (up to ${READY_TIMEOUT}s each)"
  wait_until_ready "$kafka_pid" "$sr_pid" "$t_start"
  # Both services must still be alive, and the passwords must not have reached the logs.
  pid_is_ours "$kafka_pid" kafka || die "Kafka exited right after start-up"
  pid_is_ours "$sr_pid" registry || die "the schema registry exited right after start-up"
  pid_is_ours "$(read_pid "$SR_HTTPS_PID_FILE")" registry-https ||
    die "the schema registry's HTTPS front exited right after start-up"
  write_env_json "$kafka_pid" "$sr_pid"
  UP_OK=1
  trap - EXIT
  log "up: downloads/cache check ${1}s, start to ready $(elapsed "$t_start")s"
  print_summary
}

cmd_up() {
  parse_up_args "$@"
  parse_users ${EXTRA_USERS[@]+"${EXTRA_USERS[@]}"}
  with_lock

  if kafka_running && registry_running && [[ -f $ENV_JSON ]]; then
    check_running_users
    log "already running (Kafka pid $(read_pid "$KAFKA_PID_FILE"), schema registry pid $(read_pid "$SR_PID_FILE")); nothing to do"
    print_summary
    return 0
  fi
  clean_up_stale_environment
  ensure_prerequisites
  check_ports_free

  local t0
  t0=$(now)
  fetch_kafka
  fetch_registry
  fetch_registry_java
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
  if [[ $STATUS_OUTPUT == json ]]; then
    cat "$ENV_JSON"
  else
    print_summary with-passwords
  fi
}

cmd_down() {
  (($# == 0)) || die "down takes no arguments"
  with_lock
  if [[ ! -f $KAFKA_PID_FILE && ! -f $SR_PID_FILE && ! -f $SR_HTTPS_PID_FILE &&
    -z "$(find_orphans kafka)$(find_orphans registry)$(find_orphans registry-https)" ]]; then
    stop_all
    log "not running; nothing to stop"
    return 0
  fi
  stop_all
  log "stopped; data removed, logs kept in $LOGS"
}

cmd_logs() {
  printf '%s\n' "$LOGS/kafka/server.log" "$LOGS/kafka/authorizer.log" "$LOGS/kafka.out" \
    "$LOGS/kafka-format.out" "$LOGS/registry.log" "$LOGS/registry-https.log"
}
