# shellcheck shell=bash
# local-env.sh logging and process handling: messages, timing, which PIDs are ours, free
# ports, stopping services and the up/down lock.

log() { printf 'local-env: %s\n' "$*" >&2; }
die() {
  printf 'local-env: error: %s\n' "$*" >&2
  exit 1
}
now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.1f}")' "$1" "$(now)"; }
ready_deadline() { python3 -c "import sys; print(float(sys.argv[1]) + $READY_TIMEOUT)" "$1"; } # t_start
is_past() { python3 -c "import sys,time; sys.exit(0 if time.time() > float(sys.argv[1]) else 1)" "$1"; }

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

read_pid() { if [[ -f $1 ]]; then tr -dc '0-9' <"$1" || true; fi; }
# Whether any Kafka node runs (`stopped_nodes` tells which do not).
kafka_running() {
  local id
  for ((id = 1; id <= $(broker_count); id++)); do
    node_running "$id" && return 0
  done
  return 1
}
registry_running() {
  pid_is_ours "$(read_pid "$SR_PID_FILE")" registry &&
    pid_is_ours "$(read_pid "$SR_HTTPS_PID_FILE")" registry-https
}

port_is_free() { python3 "$LOCAL_ENV_DIR/port_is_free.py" "$HOST" "$1"; }

check_ports_free() { # "port:what:setting"...
  local p port label var
  for p in "$@"; do
    IFS=: read -r port label var <<<"$p"
    port_is_free "$port" ||
      die "port $HOST:$port ($label) is already in use by another socket; free it or set $var"
  done
}

# The kernel picks the local port of every outgoing connection from this range: a service
# port inside it can be taken by some client while the service is stopped (start-broker then
# fails with "Address already in use").
warn_ephemeral_ports() { # "port:what:setting"...
  local range=/proc/sys/net/ipv4/ip_local_port_range low high p port inside=()
  [[ -r $range ]] || return 0
  read -r low high <"$range"
  for p in "$@"; do
    port=${p%%:*}
    if ((port >= low && port <= high)); then inside+=("$port"); fi
  done
  ((${#inside[@]} == 0)) ||
    log "warning: port(s) ${inside[*]} lie in the kernel's ephemeral port range $low-$high (net.ipv4.ip_local_port_range): an outgoing connection can take one while its service is stopped; ports below $low are safe"
}

show_log_tails() { # [file...] (default: every service's)
  local f files=("$@")
  ((${#files[@]} > 0)) || files=("$LOGS/kafka-format.out" "$LOGS"/kafka*.out "$LOGS"/kafka*/server.log
    "$LOGS/registry.log" "$LOGS/registry-https.log" "$LOGS/s3.log")
  for f in "${files[@]}"; do
    [[ -s $f ]] || continue
    printf '\n----- last 40 lines of %s -----\n' "$f" >&2
    tail -n 40 "$f" >&2
  done
}

wait_until_gone() { # pid service tenths_of_a_second
  local i
  for ((i = 0; i < $3; i++)); do
    pid_is_ours "$1" "$2" || break
    sleep 0.1
  done
}

# Stop one service by its recorded PID: TERM, then KILL after the grace period.
stop_service() { # pid_file service label
  local pid_file=$1 service=$2 label=$3 pid
  pid=$(read_pid "$pid_file")
  if [[ -n $pid ]] && pid_is_ours "$pid" "$service"; then
    log "stopping $label (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    wait_until_gone "$pid" "$service" $((STOP_GRACE * 10))
    if pid_is_ours "$pid" "$service"; then
      log "$label did not stop within ${STOP_GRACE}s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_until_gone "$pid" "$service" 50
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

# Every node that may have been started (up to MAX_BROKERS: the count may be lost), at once.
stop_all() {
  local id stoppers=()
  for ((id = 1; id <= MAX_BROKERS; id++)); do
    stop_service "$(node_pid_file "$id")" "$(node_service "$id")" "Kafka node $id" &
    stoppers+=($!)
  done
  stop_service "$S3_PID_FILE" s3 "S3 server" & # often needs the KILL: its data is dropped anyway
  stoppers+=($!)
  stop_service "$SR_PID_FILE" registry "schema registry"
  stop_service "$SR_HTTPS_PID_FILE" registry-https "schema registry HTTPS front"
  wait "${stoppers[@]}" || true
  local service pid services=(registry registry-https s3)
  for ((id = 1; id <= MAX_BROKERS; id++)); do services+=("$(node_service "$id")"); done
  for service in "${services[@]}"; do
    for pid in $(find_orphans "$service"); do
      echo "$pid" >"$STATE/orphan.pid"
      stop_service "$STATE/orphan.pid" "$service" "unrecorded $service process"
    done
  done
  rm -rf "$DATA"
  rm -f "$ENV_JSON" "$KCAT_ADMIN_CONFIG" "$STATE"/server*.properties "$SR_HTTPS_USERS" \
    "$BROKER_COUNT_FILE" "$PORTS_FILE" "$S3_IDENTITIES" "$S3_CURL_CONFIG"
}

# Serialises up/down. The services are started with fd 9 closed (9>&-) so that they do
# not inherit, and keep holding, the lock.
with_lock() {
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE/.lock"
    flock -w 300 9 || die "another local-env.sh is still running (lock $STATE/.lock)"
  fi
}
