# Sourced by the bench/baselines/*.sh scripts (not run on its own): the common arguments,
# the admin client properties file, Kafka's CLI tools from the Maven jars (used to count brokers
# and to check the result on the broker) and the plan conversion.
#
# Common arguments (environment variables of the same meaning in brackets; flags win):
#   --plan PLAN.json         `specmesh plan --offline --sr-disabled --output json`  [PLAN_JSON]
#   --bootstrap HOST:PORT    SASL_PLAINTEXT listener                [BOOTSTRAP, 127.0.0.1:19092]
#   --user U --password P    admin credentials (PLAIN)  [ADMIN_USER admin, ADMIN_PASSWORD admin-secret]
#   --prefix NEW_DOMAIN      the plan's domain id is renamed to this in topic names, ACL resource
#                            names and principals, so every run starts from empty   [PREFIX]
#   --max-rf auto|0|N        cap the replication factor (auto: the number of brokers)  [MAX_RF]
# KAFKA_LIBS: the Kafka 4.3.1 jars [~/.cache/specmesh/kafka-4.3.1/libs]; JAVA: Java 17+ [java].

BL_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLAN_TOOL="$BL_HERE/plan_tool.py"

BOOTSTRAP=${BOOTSTRAP:-127.0.0.1:19092}
ADMIN_USER=${ADMIN_USER:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-admin-secret}
PLAN_JSON=${PLAN_JSON:-}
PREFIX=${PREFIX:-}
MAX_RF=${MAX_RF:-auto}
KAFKA_LIBS=${KAFKA_LIBS:-$HOME/.cache/specmesh/kafka-4.3.1/libs}
JAVA=${JAVA:-java}

die() { echo "${BL_NAME:-baseline}: $*" >&2; exit 1; }
note() { echo "${BL_NAME:-baseline}: $*" >&2; }

# bl_parse_common ARGS... : consumes the common flags; the rest is left in BL_REST.
bl_parse_common() {
  BL_REST=()
  while [[ $# -gt 0 ]]; do
    case $1 in
      --plan) PLAN_JSON=$2; shift 2 ;;
      --bootstrap) BOOTSTRAP=$2; shift 2 ;;
      --user) ADMIN_USER=$2; shift 2 ;;
      --password) ADMIN_PASSWORD=$2; shift 2 ;;
      --prefix) PREFIX=$2; shift 2 ;;
      --max-rf) MAX_RF=$2; shift 2 ;;
      *) BL_REST+=("$1"); shift ;;
    esac
  done
}

# bl_setup TAG : checks the inputs, makes $WORK (removed on exit) with admin.properties and a
# log4j2 config, defines KAFKA_JVM, resolves MAX_RF=auto and a default PREFIX (<domain>_TAG<epoch>).
bl_setup() {
  local tag=$1
  [[ -n $PLAN_JSON && -f $PLAN_JSON ]] || die "--plan PLAN.json is required (got '${PLAN_JSON}')"
  [[ -f $KAFKA_LIBS/kafka-tools-4.3.1.jar ]] || die "Kafka jars not found in $KAFKA_LIBS (run scripts/local-env.sh up once)"
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/bl-$tag.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  # The client properties file a team keeps next to its scripts.
  cat >"$WORK/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="$ADMIN_USER" password="$ADMIN_PASSWORD";
EOF
  # As bin/kafka-run-class.sh with config/tools-log4j2.yaml: warnings to stderr.
  cat >"$WORK/log4j2.properties" <<'EOF'
rootLogger.level=WARN
rootLogger.appenderRef.stderr.ref=STDERR
appender.stderr.type=Console
appender.stderr.name=STDERR
appender.stderr.target=SYSTEM_ERR
appender.stderr.layout.type=PatternLayout
appender.stderr.layout.pattern=[%d] %p %m (%c)%n
EOF
  # kafka-run-class.sh defaults: KAFKA_HEAP_OPTS and KAFKA_JVM_PERFORMANCE_OPTS.
  KAFKA_JVM=("$JAVA" -Xmx256M -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent
    -Djava.awt.headless=true "-Dlog4j2.configurationFile=$WORK/log4j2.properties"
    -cp "$KAFKA_LIBS/*")
  if [[ $MAX_RF == auto ]]; then
    # kafka-broker-api-versions prints one "host:port (id: N rack: ...) -> (" line per broker.
    MAX_RF=$("${KAFKA_JVM[@]}" org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$BOOTSTRAP" \
      --command-config "$WORK/admin.properties" | grep -c '(id: ' || true)
    [[ $MAX_RF -ge 1 ]] || die "could not count the brokers at $BOOTSTRAP"
  fi
  DOMAIN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["domain"])' "$PLAN_JSON")
  PREFIX=${PREFIX:-${DOMAIN}_${tag}$(date +%s)}
}

# kafka-topics / kafka-acls from the jars, as admin.
topics_cmd() { "${KAFKA_JVM[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --command-config "$WORK/admin.properties" "$@"; }
acls_cmd() { "${KAFKA_JVM[@]}" org.apache.kafka.tools.AclCommand --bootstrap-server "$BOOTSTRAP" --command-config "$WORK/admin.properties" "$@"; }

# bl_verify RESOURCES.json : kafka-topics --list and kafka-acls --list until every topic and
# ACL binding of RESOURCES.json is on the broker; exit 1 if that takes over VERIFY_TIMEOUT
# seconds [300]. Polls because the broker applies what the controller committed with a lag:
# on the 2-core machine, after 800 topics (~7,000 partitions) were created, the broker's
# DescribeAcls showed the new bindings only ~40 s after CreateAcls had returned. Sets
# BROKER_TOPICS and BROKER_ACLS to what the broker holds inside $PREFIX, and VISIBLE_AT to the
# time (`now`) when everything was seen.
bl_verify() {
  local resources=$1 counts deadline
  deadline=$(($(date +%s) + ${VERIFY_TIMEOUT:-300}))
  while :; do
    topics_cmd --list >"$WORK/topics.list" 2>"$WORK/verify.err" || { cat "$WORK/verify.err" >&2; die "kafka-topics --list failed"; }
    acls_cmd --list >"$WORK/acls.list" 2>"$WORK/verify.err" || { cat "$WORK/verify.err" >&2; die "kafka-acls --list failed"; }
    VISIBLE_AT=$(now)
    if python3 "$PLAN_TOOL" check-topics "$resources" "$WORK/topics.list" 2>"$WORK/check.err" &&
      python3 "$PLAN_TOOL" check-acls "$resources" "$WORK/acls.list" 2>"$WORK/check.err"; then
      break
    fi
    if [[ $(date +%s) -ge $deadline ]]; then
      cat "$WORK/check.err" >&2
      die "the broker still lacks topics or ACL bindings after ${VERIFY_TIMEOUT:-300}s"
    fi
    note "waiting for the broker: $(cat "$WORK/check.err")"
    sleep 5
  done
  counts=$(python3 "$PLAN_TOOL" count-prefix "$PREFIX" "$WORK/topics.list" "$WORK/acls.list")
  BROKER_TOPICS=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["topics"])' "$counts")
  BROKER_ACLS=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["acls"])' "$counts")
}

now() { date +%s.%N; }
