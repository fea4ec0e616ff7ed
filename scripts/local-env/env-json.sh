# shellcheck shell=bash disable=SC2153 # settings.sh sets ADMIN_USER, KAFKA_PORT, ...
# local-env.sh env.json: written once both services are ready, read by `status` and by
# `up` when it is already running.

write_env_json() { # kafka_pid registry_pid
  local kafka_pid=$1 sr_pid=$2
  (
    umask 077
    export J_USERS J_BOOTSTRAP="$HOST:$KAFKA_PORT" J_PLAINTEXT="$HOST:$PLAINTEXT_PORT" \
      J_SASL_SSL="$HOST:$SASL_SSL_PORT" J_SSL="$HOST:$SSL_PORT" J_PKI="$PKI" \
      J_ADMIN_USER=$ADMIN_USER J_ADMIN_PASSWORD=$ADMIN_PASSWORD J_SR_URL=$SR_URL J_SR_HTTPS_URL=$SR_HTTPS_URL \
      J_SR_MGMT_URL="http://$HOST:$SR_MGMT_PORT" J_KAFKA_VERSION=$KAFKA_VERSION \
      J_SR_VERSION="apicurio-registry $APICURIO_VERSION" J_KAFKA_PID=$kafka_pid J_SR_PID=$sr_pid \
      J_LOGS=$LOGS
    J_USERS=$(printf '%s\n' "${USERS[@]}")
    python3 "$LOCAL_ENV_DIR/env_json.py" write "$ENV_JSON.tmp"
  )
  mv "$ENV_JSON.tmp" "$ENV_JSON"
}

print_summary() { # [with-passwords]; passwords are printed only by `status`
  python3 "$LOCAL_ENV_DIR/env_json.py" summary "$ENV_JSON" "${1:-}"
}
