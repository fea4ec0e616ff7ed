# shellcheck shell=bash disable=SC2153 # settings.sh sets ADMIN_USER, KAFKA_PORT, ...
# local-env.sh env.json: written once the services are ready (its brokers again by
# stop-broker/start-broker), read by `status` and by `up` when it is already running.

write_env_json() { # registry_pid
  (
    umask 077
    export J_USERS J_BROKERS J_BOOTSTRAP J_PLAINTEXT J_SASL_SSL J_SSL J_PKI="$PKI" \
      J_ADMIN_USER=$ADMIN_USER J_ADMIN_PASSWORD=$ADMIN_PASSWORD J_SR_URL=$SR_URL J_SR_HTTPS_URL=$SR_HTTPS_URL \
      J_SR_MGMT_URL="http://$HOST:$SR_MGMT_PORT" J_KAFKA_VERSION=$KAFKA_VERSION \
      J_SR_VERSION="apicurio-registry $APICURIO_VERSION" J_SR_PID=$1 J_LOGS=$LOGS \
      J_REPLICATION_FACTOR J_MIN_ISR J_S3_URL=$S3_URL J_S3_REGION=$S3_REGION \
      J_S3_VERSION="seaweedfs $SEAWEEDFS_VERSION" J_S3_PID J_S3_IDENTITIES=$S3_IDENTITIES
    J_S3_PID=$(read_pid "$S3_PID_FILE")
    J_REPLICATION_FACTOR=$(replication_factor)
    J_MIN_ISR=$(min_insync_replicas)
    J_BOOTSTRAP=$(bootstrap_list "$KAFKA_PORT")
    J_PLAINTEXT=$(bootstrap_list "$PLAINTEXT_PORT")
    J_SASL_SSL=$(bootstrap_list "$SASL_SSL_PORT")
    J_SSL=$(bootstrap_list "$SSL_PORT")
    J_USERS=$(printf '%s\n' "${USERS[@]}")
    J_BROKERS=$(broker_rows)
    python3 "$LOCAL_ENV_DIR/env_json.py" write "$ENV_JSON.tmp"
  )
  mv "$ENV_JSON.tmp" "$ENV_JSON"
}

# The brokers' pids and whether they run, after `stop-broker` or `start-broker`, and at every
# `status`. Many test processes call `status` at once: each writes a temporary file of its own
# and renames it, so a reader always sees a whole file; nothing is written when nothing changed.
update_env_json_brokers() {
  local rows tmp
  rows=$(broker_rows)
  [[ $rows != "$(python3 "$LOCAL_ENV_DIR/env_json.py" broker-rows "$ENV_JSON")" ]] || return 0
  tmp=$(mktemp "$ENV_JSON.XXXXXX") # mode 600
  J_BROKERS=$rows python3 "$LOCAL_ENV_DIR/env_json.py" brokers "$ENV_JSON" "$tmp"
  mv "$tmp" "$ENV_JSON"
}

print_summary() { # [with-passwords]; passwords are printed only by `status`
  python3 "$LOCAL_ENV_DIR/env_json.py" summary "$ENV_JSON" "${1:-}"
}
