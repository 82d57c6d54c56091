#!/usr/bin/env bash
# Benchmark (not a test): preflight against a local node-oidc-provider that adds 100 ms to every
# response. Compares, in one run, 50 environments against 1 environment (target: within 1.3x) and
# against the same 50 environments with --concurrency 1 (target: at least 10x faster).
#
# Usage: [VARIANT=h2] [RUNS=3] [PAIRS=5] bench/preflight.sh [ENVIRONMENTS] [LATENCY_MS]     (defaults 50 and 100)
# VARIANT is an op-config.mjs variant: main (plain http/1.1, the default) or h2 (https, HTTP/2,
# the test PKI's CA passed with --ca-file). Each of RUNS rounds times PAIRS (default 5) runs of one
# and of N environments, interleaved, then one --concurrency 1 run, and prints its own ratios from
# the medians (a loaded machine drifts between rounds; ratios within a round count).
# The OP reports what it spent itself (its `stats` switch): CPU, event-loop busy time, and the span
# from the first request's arrival to the last answer's departure, so a slow OP shows as such.
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
tls="" ca=() curl_ca=()
if [[ $VARIANT != main ]]; then
  tls=$(tests/peers/peers.sh certs "$state")
  ca=(--ca-file "$tls/ca.pem") curl_ca=(--cacert "$tls/ca.pem")
fi
RUNS=${RUNS:-3}
OP_STATS=1 node tests/peers/op-config.mjs "$VARIANT" "$tls" "$LATENCY" >"$state/op.json"
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

stats() { curl -s "${curl_ca[@]}" "$url/__op/stats$1"; }

# Wall time in ms of one preflight run (exit 1 = findings, expected here), then the OP's own
# figures for it: "wall op_cpu op_busy op_span" (ms).
run() {
  local t0 t1
  stats '?reset' >/dev/null
  local before; before=$(stats '')
  t0=$(date +%s%N)
  "$BIN" preflight "$@" "${ca[@]}" --format json >"$state/out.json" 2>"$state/err" || [[ $? -eq 1 ]] ||
    { echo "bench: preflight failed: $(cat "$state/err")" >&2; exit 1; }
  t1=$(date +%s%N)
  node -e '
    const [a, b, wall] = [JSON.parse(process.argv[1]), JSON.parse(process.argv[2]), Number(process.argv[3])];
    const r = b.requests, first = Math.min(...r.map((x) => x.arrived_ms)), last = Math.max(...r.map((x) => x.sent_ms));
    console.log([wall, b.cpu_ms - a.cpu_ms, b.loop_active_ms - a.loop_active_ms, last - first].map(Math.round).join(" "));
  ' "$before" "$(stats '')" $(((t1 - t0) / 1000000))
}
requests() { grep -c '"match_key"' "$state/rec/recording.json"; }

run "$state/one.yaml" >/dev/null  # warm-up (page cache, the OP's JIT)
run "$state/many.yaml" >/dev/null
run "$state/one.yaml" --record "$state/rec" >/dev/null; one_req=$(requests)
run "$state/many.yaml" --record "$state/rec" >/dev/null; many_req=$(requests)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "preflight benchmark: node-oidc-provider ($VARIANT) with ${LATENCY} ms per response, $(nproc) cores, $RUNS rounds"
echo "  requests: 1 environment $one_req, $N environments $many_req"
echo "  each case: median wall ms (OP: cpu ms / event loop busy ms / first arrival to last answer ms)"
PAIRS=${PAIRS:-5}
med() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
r1=() r2=()
for ((k = 1; k <= RUNS; k++)); do
  # PAIRS runs of each, interleaved so that load drifts hit both alike; medians compared.
  ow=() oc=() ob=() os=() mw=() mc=() mb=() ms=()
  for ((j = 1; j <= PAIRS; j++)); do
    read -r w c b sp < <(run "$state/one.yaml"); ow+=("$w") oc+=("$c") ob+=("$b") os+=("$sp")
    read -r w c b sp < <(run "$state/many.yaml"); mw+=("$w") mc+=("$c") mb+=("$b") ms+=("$sp")
  done
  read -r serial _ _ _ < <(run "$state/many.yaml" --concurrency 1 --deadline 600)
  one=$(med "${ow[@]}") many=$(med "${mw[@]}")
  a=$(ratio "$many" "$one") b=$(ratio "$serial" "$many")
  r1+=("$a") r2+=("$b")
  printf '  round %d: 1 env %d (%d/%d/%d), %d envs %d (%d/%d/%d), --concurrency 1 %d; %sx one env, %sx faster than serial\n' \
    "$k" "$one" "$(med "${oc[@]}")" "$(med "${ob[@]}")" "$(med "${os[@]}")" "$N" "$many" "$(med "${mc[@]}")" \
    "$(med "${mb[@]}")" "$(med "${ms[@]}")" "$serial" "$a" "$b"
done
spread() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { printf "%s-%s (median %s)", v[1], v[NR], v[int((NR + 1) / 2)] }'; }
echo "  ${N} envs / 1 env:          $(spread "${r1[@]}")   (target <= 1.3)"
echo "  concurrency 1 / default:    $(spread "${r2[@]}")   (target >= 10)"
