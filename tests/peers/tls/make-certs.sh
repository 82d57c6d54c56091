#!/usr/bin/env bash
# Make a throwaway test PKI for oidc-doctor's loopback peers.
#
# Usage: make-certs.sh OUTDIR
#
# Writes (all PEM, all leaf certs signed by the same CA):
#   ca.pem / ca.key                 test CA (CA:TRUE), valid 2019-01-01 .. 2045-12-31
#   server.pem / server.key         valid from yesterday for 825 days, SAN DNS:localhost, IP:127.0.0.1
#   expired.pem / expired.key       same SAN, validity 2020-01-01 .. 2020-12-31
#   wronghost.pem / wronghost.key   valid like server.pem, SAN DNS:wrong.example only
#   soon.pem / soon.key             same SAN as server.pem, expires in 10 days (expiry warnings)
# Needs only openssl (tested with OpenSSL 3.0). Existing files are overwritten.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
command -v openssl >/dev/null || { echo "make-certs.sh: openssl not found" >&2; exit 1; }

out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Self-contained config so the system openssl.cnf does not matter.
cat >"$work/openssl.cnf" <<EOF
[ ca ]
default_ca = testca

[ testca ]
dir              = $work
database         = $work/index.txt
serial           = $work/serial
new_certs_dir    = $work/newcerts
certificate      = $out/ca.pem
private_key      = $out/ca.key
default_md       = sha256
default_days     = 825
policy           = policy_any
unique_subject   = no
copy_extensions  = none
email_in_dn      = no

[ policy_any ]
commonName = supplied

[ req ]
distinguished_name = req_dn
prompt             = no
[ req_dn ]
CN = placeholder

[ ext_ca ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ ext_server ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = DNS:localhost, IP:127.0.0.1

[ ext_wronghost ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature, keyEncipherment
extendedKeyUsage       = serverAuth
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
subjectAltName         = DNS:wrong.example
EOF
mkdir -p "$work/newcerts"
: >"$work/index.txt"
echo 1000 >"$work/serial"

export OPENSSL_CONF="$work/openssl.cnf"
q() { "$@" >"$work/log" 2>&1 || { cat "$work/log" >&2; echo "make-certs.sh: failed: $*" >&2; exit 1; }; }

newkey() { q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/$1.key"; chmod 600 "$out/$1.key"; }

# CA
# CA, self-signed through "openssl ca" so its validity can start in the past
# (it has to cover the expired leaf's dates for a clean "expired" verdict).
newkey ca
q openssl req -config "$work/openssl.cnf" -new -key "$out/ca.key" -subj "/CN=oidc-doctor test CA" \
  -out "$work/ca.csr"
q openssl ca -config "$work/openssl.cnf" -batch -notext -selfsign -keyfile "$out/ca.key" \
  -extensions ext_ca -startdate 20190101000000Z -enddate 20451231235959Z \
  -in "$work/ca.csr" -out "$out/ca.pem"

# sign NAME CN EXTSECTION [openssl ca date options...]
sign() {
  local name=$1 cn=$2 ext=$3
  shift 3
  newkey "$name"
  q openssl req -config "$work/openssl.cnf" -new -key "$out/$name.key" -subj "/CN=$cn" \
    -out "$work/$name.csr"
  q openssl ca -config "$work/openssl.cnf" -batch -notext -extensions "$ext" \
    -in "$work/$name.csr" -out "$out/$name.pem" "$@"
}

# Valid leaves start a day back so small clock differences do not matter.
since=$(date -u -d '1 day ago' +%Y%m%d%H%M%SZ)
until=$(date -u -d '825 days' +%Y%m%d%H%M%SZ)
sign server localhost ext_server -startdate "$since" -enddate "$until"
sign expired localhost ext_server -startdate 20200101000000Z -enddate 20201231235959Z
sign wronghost wrong.example ext_wronghost -startdate "$since" -enddate "$until"
sign soon localhost ext_server -startdate "$since" -enddate "$(date -u -d '10 days' +%Y%m%d%H%M%SZ)"

echo "make-certs.sh: wrote ca, server, expired, wronghost, soon (.pem/.key) to $out"
