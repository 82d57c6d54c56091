#!/usr/bin/env bash
# Regenerates fixtures/recordings/<ID>/{trigger,clean}/ from the real loopback peers: each is a
# `preflight --record` run against node-oidc-provider 9.13.3 in one of op-config.mjs's variants.
# (Recordings of other providers are written by fixtures/recordings/build-documented.py.)
#
# Usage: tests/peers/make-recordings.sh [BIN]   (BIN defaults to build/oidc-doctor; run as root
# for the network-namespace recordings of OD3501). Takes about a minute.
# ONLY="OD3301 OD3305" re-records just those rule IDs. OD3305 and OD3306 are recorded from
# LemonLDAP::NG and oauth2-mock-server (skipped, with a message, when they are not installed).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$(realpath "${1:-build/oidc-doctor}")
OUT=fixtures/recordings
state=$(mktemp -d)
trap 'tests/peers/harness.sh stop "$state"; rm -rf "$state"' EXIT
variants=(main issuer s256 s256-omit slow big content-type not-json no-offline no-logout missing-jwks-uri
  http-endpoint auth-methods other-host jwks-404 jwks-not-keys jwks-private jwks-oct jwks-dup-kid jwks-weak
  jwks-good maintenance token-maintenance https expired wronghost soon redirect-link-local)
# node-oidc-provider, LemonLDAP::NG and the mock OP are recorded here; squid is started but unused.
PEERS_EXTRA=1 tests/peers/harness.sh start "$state" "${variants[@]}"
url() { cat "$state/op-$1/op.url"; }
LABEL=${LABEL:-"recorded from node-oidc-provider 9.13.3"}

# config URL [CLIENT] [ENVIRONMENTS] [CLIENT_EXTRA] [PROVIDER_EXTRA] -> a generic-platform config
config() {
  local metadata=$1 client=${2:-web-basic}
  local envs=${3:-"  - name: app
    url: https://app.example.test"}
  cat <<YAML
# preflight fixture: a generic web app signing in through a local node-oidc-provider.
version: 1
platform: generic
app: { redirect_path: /oidc/callback }
provider:
  name: local test IdP
  kind: generic
  metadata_url: $metadata
  scopes: [openid, offline_access]
${5:-}  web_client:
    client_id: $client
    client_secret: \${env:PF_SECRET}
    grant_types: [authorization_code, refresh_token]
${4:-}environments:
$envs
YAML
}

# rec ID KIND CONFIG_TEXT WHAT [preflight args...] -- records into $OUT/ID/KIND
rec() {
  local id=$1 kind=$2 text=$3 what=$4
  shift 4
  [[ -z ${ONLY:-} || " $ONLY " == *" $id "* ]] || return 0
  local dir=$OUT/$id/$kind work=$state/rec-$id-$kind
  mkdir -p "$work"
  printf '%s\n' "$text" >"$work/config.yaml"
  rm -rf "$dir"
  (cd "$work" && PF_SECRET=${PF_SECRET:-web-basic-secret} ${PREFIX:-} "$BIN" preflight config.yaml --record "$OLDPWD/$dir" \
    --format json "$@" >"$work/out.json") || [[ $? -eq 1 ]]
  python3 - "$dir/recording.json" "$LABEL" "$what" <<'PY'
import json, sys
path, label, what = sys.argv[1:]
r = json.load(open(path))
r["label"] = label
r["source"] = what + " (tests/peers/op-config.mjs, tests/peers/make-recordings.sh)"
r["config_name"] = "config.yaml"
open(path, "w").write(json.dumps(r, indent=2) + "\n")
PY
  echo "recorded $dir"
}
W=.well-known/openid-configuration
ca=(--ca-file "$state/tls/ca.pem")

rec OD3001 trigger "$(config "$(url slow)/$W")" "variant slow: discovery answers after 5 s; --timeout 1" --timeout 1
rec OD3001 clean "$(config "$(url main)/$W")" "variant main"
for pair in OD3002:not-json OD3003:content-type OD3004:big OD3005:issuer OD3006:missing-jwks-uri \
  OD3007:http-endpoint OD3008:s256 OD3009:s256-omit OD3010:no-offline OD3011:no-offline OD3012:no-logout \
  OD3013:auth-methods OD3014:other-host OD3101:jwks-404 OD3303:maintenance OD3403:token-maintenance; do
  id=${pair%%:*} v=${pair#*:}
  rec "$id" trigger "$(config "$(url "$v")/$W")" "variant $v"
  rec "$id" clean "$(config "$(url main)/$W")" "variant main"
done
for pair in OD3102:jwks-not-keys OD3103:jwks-private OD3104:jwks-oct OD3105:jwks-dup-kid OD3106:jwks-weak; do
  id=${pair%%:*} v=${pair#*:}
  rec "$id" trigger "$(config "$(url "$v")/$W")" "variant $v"
  rec "$id" clean "$(config "$(url jwks-good)/$W")" "variant jwks-good"
done
rec OD3201 trigger "$(config "$(url https)/$W")" "variant https, checked without the test CA"
for pair in OD3202:wronghost OD3203:expired OD3204:soon; do
  id=${pair%%:*} v=${pair#*:}
  rec "$id" trigger "$(config "$(url "$v")/$W")" "variant $v, with --ca-file of the test CA" "${ca[@]}"
done
for id in OD3201 OD3202 OD3203 OD3204 OD3205; do
  rec "$id" clean "$(config "$(url https)/$W")" "variant https, with --ca-file of the test CA" "${ca[@]}"
done
main=$(url main)
rec OD3205 trigger "$(config "https://${main#http://}/$W")" "https:// to the plain-http port of variant main"

two="  - name: app
    url: https://app.example.test
  - name: qa
    url: https://qa.example.test"
both="  - name: app
    url: https://app.example.test
  - name: dev
    url: https://dev.example.test"
rec OD3301 trigger "$(config "$main/$W" web-basic "$two")" "variant main: qa's callback is not registered"
rec OD3301 clean "$(config "$main/$W" web-basic "$both")" "variant main: both callbacks registered"
rec OD3302 trigger "$(config "$main/$W" no-such-client)" "variant main: unknown client id"
rec OD3302 clean "$(config "$main/$W")" "variant main"
rec OD3304 trigger "$(config "$main/$W" web-basic "$both" "    redirect_uris: [https://app.example.test/oidc/callback]
")" "variant main: dev's callback accepted but not listed"
rec OD3304 clean "$(config "$main/$W" web-basic "$both" "    redirect_uris: [https://app.example.test/oidc/callback, https://dev.example.test/oidc/callback]
")" "variant main: both listed"
PF_SECRET=Wrong-Secret-0000 rec OD3401 trigger "$(config "$main/$W")" "variant main: wrong client secret"
rec OD3401 clean "$(config "$main/$W")" "variant main: right client secret"
# The canaries: an IdP that checks only after sign-in, and one that accepts anything.
rec OD3305 clean "$(config "$main/$W" web-basic "$two")" "variant main: both canaries refused before sign-in"
rec OD3306 clean "$(config "$main/$W")" "variant main: both canaries refused before sign-in"
if [[ -f $state/lemonldap/llng.url ]]; then
  LABEL="recorded from LemonLDAP::NG 2.16.1" PF_SECRET=llng-rp-secret rec OD3305 trigger \
    "$(config "$(cat "$state/lemonldap/llng.url")/$W" llng-rp "$two")" \
    "LemonLDAP::NG portal (tests/peers/lemonldap): one login page for every redirect URI and client id"
else
  echo "OD3305 trigger not re-recorded: $(cat "$state/lemonldap.skipped")" >&2
fi
if [[ -f $state/mock-op/mockop.url ]]; then
  LABEL="recorded from oauth2-mock-server 8.2.3" rec OD3306 trigger \
    "$(config "$(cat "$state/mock-op/mockop.url")/$W" web-basic "$two")" \
    "oauth2-mock-server (tests/peers/mock-op): no client registry"
else
  echo "OD3306 trigger not re-recorded: $(cat "$state/mock-op.skipped")" >&2
fi
rec OD3404 trigger "$(config "$(url other-host)/$W")" "variant other-host: token endpoint on localhost"
rec OD3404 clean "$(config "$(url other-host)/$W" web-basic "  - name: app
    url: https://app.example.test" "" "  secret_allowed_hosts: [localhost]
")" "variant other-host, localhost allowed"
proxy=$(cat "$state/proxy/proxy.url")
rec OD3502 trigger "$(config "$main/$W" web-basic "  - name: app
    url: https://app.example.test
    proxy: { address: 'http://127.0.0.1:9' }")" "variant main, proxy address where nothing listens"
rec OD3502 clean "$(config "$main/$W" web-basic "  - name: app
    url: https://app.example.test
    proxy: { address: '$proxy' }")" "variant main through tinyproxy"
rec OD3601 trigger "$(config "http://idp.example.com/$W")" "no request: plain http to a non-loopback host"
rec OD3601 clean "$(config "$main/$W")" "variant main (plain http on loopback is allowed)"
rec OD3602 trigger "$(config "$(url redirect-link-local)/$W")" "variant redirect-link-local: discovery redirects to 169.254.169.254"
rec OD3602 clean "$(config "$main/$W")" "variant main"
if [[ -f $state/netns/proxy.url ]]; then
  nsproxy=$(cat "$state/netns/proxy.url")
  PREFIX="ip netns exec $(cat "$state/netns/name")" rec OD3501 trigger "$(config "$main/$W" web-basic "  - name: app
    url: https://app.example.test
    proxy: { address: '$nsproxy' }
  - name: dev
    url: https://dev.example.test
    proxy: none")" "variant main seen from a network namespace that reaches it only through tinyproxy"
  PREFIX="ip netns exec $(cat "$state/netns/name")" rec OD3501 clean "$(config "$main/$W" web-basic "  - name: app
    url: https://app.example.test
    proxy: { address: '$nsproxy' }
  - name: dev
    url: https://dev.example.test
    proxy: { address: '$nsproxy' }")" "the same namespace, both environments through the proxy"
else
  echo "OD3501 not re-recorded: $(cat "$state/netns.skipped")" >&2
fi
