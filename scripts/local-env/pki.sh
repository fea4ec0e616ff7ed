# shellcheck shell=bash disable=SC2153 # settings.sh sets PKI, HOST, ADMIN_USER, ...
# local-env.sh certificates: a local CA, the broker's certificate and one client certificate
# per user (CN=<name>, so the broker's principal is User:<name>), made with openssl once and
# cached in $PKI. Made again when missing or expiring within a day.

readonly CERT_DAYS=825
readonly CA_DAYS=3650

# Writes NAME.key (PKCS#8, unencrypted) and NAME.csr for CN=NAME into DIR.
new_key_and_request() { # dir name
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$1/$2.key" -out "$1/$2.csr" -subj "/CN=$2" 2>/dev/null
}

cert_is_fresh() { # pem
  [[ -s $1 ]] && openssl x509 -in "$1" -noout -checkend 86400 >/dev/null 2>&1
}

ensure_ca() {
  cert_is_fresh "$PKI/ca.pem" && [[ -s $PKI/ca.key ]] && return 0
  local tmp
  tmp=$(mktemp -d "$PKI/.ca.XXXXXX")
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$tmp/ca.key" -out "$tmp/ca.pem" -days "$CA_DAYS" -subj "/CN=specmesh local CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>"$tmp/err" || die "openssl could not make the local CA: $(tail -n 1 "$tmp/err")"
  mv "$tmp/ca.key" "$PKI/ca.key"
  mv "$tmp/ca.pem" "$PKI/ca.pem"
  rm -rf "$tmp" "$PKI/users" "$PKI/broker.pem" # everything signed by an old CA goes
}

# Signs a certificate for CN=NAME, valid for both ends of a TLS connection on this host.
sign_cert() { # dir name
  local dir=$1 name=$2 ext="$1/$2.ext"
  printf 'subjectAltName=IP:%s,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' "$HOST" >"$ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days "$CERT_DAYS" -extfile "$ext" \
    -out "$dir/$name.pem" 2>"$dir/$name.err" ||
    die "openssl could not sign the certificate of '$name': $(tail -n 1 "$dir/$name.err")"
  rm -f "$dir/$name.csr" "$dir/$name.ext" "$dir/$name.err"
}

# Leaves $PKI/users/NAME.pem and NAME.key; `up` then points env.json at them.
ensure_user_cert() { # name
  local name=$1
  cert_is_fresh "$PKI/users/$name.pem" && [[ -s $PKI/users/$name.key ]] && return 0
  local tmp
  tmp=$(mktemp -d "$PKI/.user.XXXXXX")
  new_key_and_request "$tmp" "$name" || die "openssl could not make a key for '$name'"
  sign_cert "$tmp" "$name"
  mkdir -p "$PKI/users"
  mv "$tmp/$name.key" "$PKI/users/$name.key"
  mv "$tmp/$name.pem" "$PKI/users/$name.pem"
  rm -rf "$tmp"
}

# The broker's PEM key store: its unencrypted key, then its certificate.
ensure_broker_cert() {
  cert_is_fresh "$PKI/broker.pem" && return 0
  local tmp
  tmp=$(mktemp -d "$PKI/.broker.XXXXXX")
  new_key_and_request "$tmp" localhost || die "openssl could not make the broker's key"
  sign_cert "$tmp" localhost
  cat "$tmp/localhost.key" "$tmp/localhost.pem" >"$tmp/broker.pem"
  mv "$tmp/broker.pem" "$PKI/broker.pem"
  rm -rf "$tmp"
}

ensure_certificates() { # user names...
  command -v openssl >/dev/null 2>&1 || apt_install openssl
  (
    umask 077
    mkdir -p "$PKI"
    ensure_ca
    ensure_broker_cert
    local name
    for name in "$ADMIN_USER" "$@"; do ensure_user_cert "$name"; done
  )
}
