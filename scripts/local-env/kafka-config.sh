# shellcheck shell=bash disable=SC2153 # settings.sh sets ADMIN_USER, KAFKA_PORT, ...
# local-env.sh users and the Kafka configuration: the PLAIN users (built-in and --user),
# each node's server.properties rendered from infra/kafka/server.properties.in, the kcat admin config.

USERS=() # NAME:PASSWORD, non-admin users, defaults first

parse_users() { # NAME:PASSWORD...
  local u
  for u in "${DEFAULT_USERS[@]}"; do USERS+=("$u:$u-secret"); done
  for u in "$@"; do
    check_user "$u"
    user_is_known "$u" || USERS+=("$u")
  done
}

check_user() { # NAME:PASSWORD
  local u=$1 name pass
  [[ $u == *:* ]] || die "--user needs NAME:PASSWORD, got '$u'"
  name=${u%%:*}
  pass=${u#*:}
  [[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "--user name '$name' may use only letters, digits, '.', '_' and '-'"
  [[ -n $pass ]] || die "--user $name: empty password"
  [[ $pass != *[\"\\]* && $pass != *$'\n'* ]] || die "--user $name: password may not contain '\"', '\\' or newlines"
  [[ $name != "$ADMIN_USER" ]] || die "--user: '$ADMIN_USER' is built in (password $ADMIN_PASSWORD is fixed)"
}

# True if USERS has NAME already (with this password; another password is an error).
user_is_known() { # NAME:PASSWORD
  local existing found=1
  for existing in "${USERS[@]}"; do
    if [[ ${existing%%:*} == "${1%%:*}" ]]; then
      [[ $existing == "$1" ]] || die "--user ${1%%:*}: already defined with another password (built-in users have <name>-secret)"
      found=0
    fi
  done
  return $found
}

# Users the running broker was started with (from env.json), one NAME:PASSWORD per line.
running_users() {
  [[ -f $ENV_JSON ]] || return 0
  python3 "$LOCAL_ENV_DIR/env_json.py" users "$ENV_JSON"
}

# The JAAS lines of server.properties: admin, then every user, one `user_NAME="PASSWORD"` each.
jaas_users() {
  local u jaas
  jaas="  user_${ADMIN_USER}=\"${ADMIN_PASSWORD}\""
  for u in "${USERS[@]}"; do
    jaas+=$' \\\n'"  user_${u%%:*}=\"${u#*:}\""
  done
  printf '%s' "$jaas"
}

render_kafka_config() {
  local jaas id
  jaas=$(jaas_users)
  for ((id = 1; id <= $(broker_count); id++)); do
    render_node_config "$id" "$jaas"
  done
  write_kcat_admin_config
}

render_node_config() { # id jaas
  local id=$1 roles=broker
  node_is_controller "$id" && roles=broker,controller
  if ! (
    umask 077
    T_VOTERS=$(controller_voters)
    T_LISTENERS=$(node_listeners "$id")
    T_ADVERTISED_LISTENERS=$(advertised_listeners "$id")
    T_REPLICATION_FACTOR=$(replication_factor)
    T_MIN_ISR=$(min_insync_replicas)
    T_DATA_DIR=$(node_data_dir "$id")
    export T_NODE_ID=$id T_PROCESS_ROLES=$roles T_VOTERS T_LISTENERS T_ADVERTISED_LISTENERS \
      T_REPLICATION_FACTOR T_MIN_ISR T_DATA_DIR T_BROKER_KEYSTORE="$PKI/broker.pem" \
      T_CA_FILE="$PKI/ca.pem" T_ADMIN_PASSWORD=$ADMIN_PASSWORD T_JAAS_USERS="$2"
    python3 "$LOCAL_ENV_DIR/render_server_properties.py" "$SERVER_TEMPLATE" "$(node_config "$id")"
  ); then
    die "could not render $(node_config "$id") from $SERVER_TEMPLATE"
  fi
}

write_kcat_admin_config() {
  (
    umask 077
    cat >"$KCAT_ADMIN_CONFIG" <<CONF
bootstrap.servers=$(bootstrap_list "$KAFKA_PORT")
security.protocol=SASL_PLAINTEXT
sasl.mechanisms=PLAIN
sasl.username=$ADMIN_USER
sasl.password=$ADMIN_PASSWORD
CONF
  )
}
