#!/usr/bin/env bash
# Benchmark (not a test): preflight against a local node-oidc-provider that adds 100 ms to every
# response. Compares, in one run, 50 environments against 1 environment (target: within 1.3x) and
# against the same 50 environments with --concurrency 1 (target: at least 10x faster).
#
# Usage: [VARIANT=h2] bench/preflight.sh [ENVIRONMENTS] [LATENCY_MS]     (defaults 50 and 100)
# VARIANT is an op-config.mjs variant: main (plain http/1.1, the default) or h2 (https, HTTP/2,
# the test PKI's CA passed with --ca-file).
# Needs a built build/oidc-doctor (or BIN=...), node with tests/peers/oidc-provider installed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/oidc-doctor}
N=${1:-50}
LATENCY=${2:-100}
[[ -x $BIN ]] || { echo "bench: $BIN not built (make build)" >&2; exit 1; }

state=$(mktemp -d)
trap 'tests/peers/peers.sh stop "$state/op" >/dev/null; rm -rf "$state"' EXIT
VARIANT=${VARIANT:-main}
tls="" ca=()
if [[ $VARIANT != main ]]; then
  tls=$(tests/peers/peers.sh certs "$state")
  ca=(--ca-file "$tls/ca.pem")
fi
node tests/peers/op-config.mjs "$VARIANT" "$tls" "$LATENCY" >"$state/op.json"
url=$(tests/peers/peers.sh start-op "$state/op" "$state/op.json")

# A generic app with one callback per environment; the web client's secret is checked once.
config() {
  local n=$1 out=$2 i
  {
    echo "version: 1"
    echo "platform: generic"
    echo "app: { redirect_path: /oidc/callback }"
    echo "provider:"
    echo "  kind: generic"
    echo "  metadata_url: $url/.well-known/openid-configuration"
    echo "  scopes: [openid, offline_access]"
    echo "  web_client:"
    echo "    client_id: web-basic"
    echo "    client_secret: \${env:OD_BENCH_SECRET}"
    echo "    grant_types: [authorization_code, refresh_token]"
    echo "environments:"
    for ((i = 1; i <= n; i++)); do
      printf '  - name: env%02d\n    url: https://env%02d.example.test\n' "$i" "$i"
    done
  } >"$out"
}
config 1 "$state/one.yaml"
config "$N" "$state/many.yaml"
export OD_BENCH_SECRET=web-basic-secret

# Wall time in ms of one preflight run (exit 1 = findings, expected here).
run() {
  local t0 t1
  t0=$(date +%s%N)
  "$BIN" preflight "$@" "${ca[@]}" --format json >"$state/out.json" 2>"$state/err" || [[ $? -eq 1 ]] ||
    { echo "bench: preflight failed: $(cat "$state/err")" >&2; exit 1; }
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
requests() { grep -c '"match_key"' "$state/rec/recording.json"; }

run "$state/one.yaml" >/dev/null  # warm-up (page cache, the OP's JIT)
one=$(run "$state/one.yaml" --record "$state/rec"); one_req=$(requests)
many=$(run "$state/many.yaml" --record "$state/rec"); many_req=$(requests)
serial=$(run "$state/many.yaml" --concurrency 1 --deadline 600)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
echo "preflight benchmark: node-oidc-provider ($VARIANT) with ${LATENCY} ms per response, $(nproc) cores"
printf '  1 environment:                      %6d ms  (%d requests)\n' "$one" "$one_req"
printf '  %d environments:                    %6d ms  (%d requests)\n' "$N" "$many" "$many_req"
printf '  %d environments, --concurrency 1:   %6d ms\n' "$N" "$serial"
echo "  ${N} envs / 1 env:             $(ratio "$many" "$one")x   (target <= 1.3x)"
echo "  concurrency 1 / default:       $(ratio "$serial" "$many")x   (target >= 10x)"
