#!/usr/bin/env bash
# Builds librdkafka 2.8.0 from Debian's source package (trixie) into a cache directory, once.
# Debian 12 ships 2.0.2, which cannot manage TRANSACTIONAL_ID ACLs (part of every domain's ACL
# set) and lacks IncrementalAlterConfigs, DescribeCluster and ListOffsets; 2.8.0 has them.
#   scripts/build-librdkafka.sh      prints the install prefix on its last line
set -euo pipefail
version=2.8.0
debian_version=2.8.0-1
prefix=${SPECMESH_RDKAFKA_PREFIX:-${SPECMESH_CACHE:-$HOME/.cache/specmesh}/librdkafka-$version}

if [[ -f $prefix/lib/pkgconfig/rdkafka.pc ]] && grep -q "^Version: $version" "$prefix/lib/pkgconfig/rdkafka.pc"; then
  echo "$prefix"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
sources=/etc/apt/sources.list.d/specmesh-trixie-src.list
if [[ ! -f $sources ]]; then
  echo 'deb-src http://deb.debian.org/debian trixie main' | "${sudo_cmd[@]}" tee "$sources" >/dev/null
fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
  build-essential pkgconf python3 libssl-dev libsasl2-dev libzstd-dev liblz4-dev zlib1g-dev \
  libcurl4-openssl-dev dpkg-dev >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "build-librdkafka: fetching Debian source librdkafka=$debian_version" >&2
apt-get source --download-only "librdkafka=$debian_version" >/dev/null 2>&1 || {
  echo "build-librdkafka: cannot download the librdkafka $debian_version source package" >&2
  exit 1
}
tar xzf "librdkafka_$version.orig.tar.gz"
cd "librdkafka-$version"
echo "build-librdkafka: building into $prefix (about 1-2 minutes)" >&2
# (mklove treats any ./configure.* file as a module, so logs get other names)
./configure --prefix="$prefix" >specmesh-configure.txt 2>&1 || { tail -20 specmesh-configure.txt >&2; exit 1; }
make -j"$(nproc)" libs >specmesh-build.txt 2>&1 || { tail -30 specmesh-build.txt >&2; exit 1; }
make install-subdirs >specmesh-install.txt 2>&1 || { tail -20 specmesh-install.txt >&2; exit 1; }
echo "$prefix"
