# shellcheck shell=bash disable=SC2153,SC2034 # settings.sh sets S3_PORT, STATE, ...; services.sh reads S3_READY
# local-env.sh S3 server: SeaweedFS (`weed mini`: master, volume, filer and S3 in one
# process) with authentication enforced. Every user NAME with password P is an S3 identity
# with access key NAME and secret key P and no permissions of its own, so that only bucket
# policies give it access; the admin may do everything.

# SeaweedFS's internal ports, next to S3's. Its embedded worker dials the admin's gRPC port
# at admin port + 10000 whatever it is told, so that is where the admin's gRPC listens.
s3_internal_ports() {
  printf '%s\n' "$((S3_PORT + 1)):SeaweedFS master:SPECMESH_S3_PORT" \
    "$((S3_PORT + 2)):SeaweedFS volume:SPECMESH_S3_PORT" \
    "$((S3_PORT + 3)):SeaweedFS filer:SPECMESH_S3_PORT" \
    "$((S3_PORT + 4)):SeaweedFS admin:SPECMESH_S3_PORT" \
    "$((S3_PORT + 10)):SeaweedFS S3 gRPC:SPECMESH_S3_PORT" \
    "$((S3_PORT + 11)):SeaweedFS master gRPC:SPECMESH_S3_PORT" \
    "$((S3_PORT + 12)):SeaweedFS volume gRPC:SPECMESH_S3_PORT" \
    "$((S3_PORT + 13)):SeaweedFS filer gRPC:SPECMESH_S3_PORT" \
    "$((S3_PORT + 4 + 10000)):SeaweedFS admin gRPC:SPECMESH_S3_PORT"
}

s3_ports() {
  echo "$S3_PORT:S3 (SeaweedFS):SPECMESH_S3_PORT"
  s3_internal_ports
}

# The identities file (secrets: mode 600) and curl's config for admin-signed requests.
write_s3_identities() {
  (
    umask 077
    printf '%s\n' "$ADMIN_USER:$ADMIN_PASSWORD" "${USERS[@]}" | python3 -c '
import json, sys
lines = [line.rstrip("\n").partition(":") for line in sys.stdin if line.strip()]
admin = lines[0][0]
print(json.dumps({"identities": [
    {"name": name, "credentials": [{"accessKey": name, "secretKey": password}],
     "actions": ["Admin", "Read", "List", "Tagging", "Write"] if name == admin else []}
    for name, _, password in lines]}, indent=2))' >"$S3_IDENTITIES"
    printf 'user = "%s:%s"\naws-sigv4 = "aws:amz:%s:s3"\n' "$ADMIN_USER" "$ADMIN_PASSWORD" \
      "$S3_REGION" >"$S3_CURL_CONFIG"
  )
}

start_s3() {
  write_s3_identities
  mkdir -p "$DATA/s3"
  local p=$S3_PORT
  # -disableHttp: the filer's own HTTP port would serve every object without authentication.
  setsid "$SEAWEEDFS_HOME/weed" mini -dir="$DATA/s3" -ip="$HOST" -ip.bind="$HOST" \
    -s3.port="$p" -master.port=$((p + 1)) -volume.port=$((p + 2)) -filer.port=$((p + 3)) \
    -admin.port=$((p + 4)) -s3.port.grpc=$((p + 10)) -master.port.grpc=$((p + 11)) \
    -volume.port.grpc=$((p + 12)) -filer.port.grpc=$((p + 13)) -admin.port.grpc=$((p + 4 + 10000)) \
    -s3.port.iceberg=0 -s3.port.lance=0 -webdav=false -admin.ui=false -disableHttp \
    -master.telemetry=false -master.electionTimeout=1s -s3.config="$S3_IDENTITIES" \
    -- -Dspecmesh.local.service=s3 -Dspecmesh.local.home="$STATE" \
    >"$LOGS/s3.log" 2>&1 </dev/null 9>&- &
  echo $! >"$S3_PID_FILE"
}

s3_running() { pid_is_ours "$(read_pid "$S3_PID_FILE")" s3; }

# Ready: answering, and an admin-signed ListBuckets is allowed (authentication works).
s3_ready() {
  local code sha
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$S3_URL/healthz" 2>/dev/null) || return 1
  [[ $code == 200 ]] || return 1
  sha=$(printf '' | sha256sum | cut -d' ' -f1) # curl 7.88 signs this header only when set
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -K "$S3_CURL_CONFIG" \
    -H "x-amz-content-sha256: $sha" "$S3_URL/" 2>/dev/null) || return 1
  [[ $code == 200 ]]
}

S3_READY=

poll_s3() { # t_start
  s3_running || die "the S3 server exited during start-up: $(tail -n 3 "$LOGS/s3.log")"
  s3_ready || return 0
  S3_READY=1
  log "S3 ready after $(elapsed "$1")s (SeaweedFS $SEAWEEDFS_VERSION, signed requests only)"
}
