#!/usr/bin/env bash
# Starts and stops the set of loopback peers the preflight tests use, all under one state dir.
#
#   harness.sh start STATE_DIR [VARIANT...]   OPs (op-config.mjs variants; default: the test set),
#                                             a tinyproxy, and, as root, a network namespace
#                                             that reaches the OPs only through a second proxy
#   harness.sh stop  STATE_DIR                stops everything started there (idempotent)
#
# After start: STATE_DIR/op-<variant>/op.url, STATE_DIR/proxy/proxy.url (+ proxy.log),
# STATE_DIR/tls/ (test PKI), and when the namespace exists STATE_DIR/netns/name and
# STATE_DIR/netns/proxy.url. Exit 1 with one "harness.sh: ..." line when a peer fails.
#
# Unless PEERS_EXTRA=0, also the other real peers: STATE_DIR/lemonldap/llng.url (LemonLDAP::NG),
# STATE_DIR/squid-{allow,deny,auth}/squid.url (+ squid-auth/squid.credentials "user:password"),
# STATE_DIR/mock-op/mockop.url (oauth2-mock-server). One whose software is not installed is
# skipped: STATE_DIR/<name>.skipped holds the reason and start still succeeds.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
peers=$here/peers.sh
NODE=${NODE:-node}
DEFAULT_VARIANTS=(main issuer s256 slow big https expired wronghost https-downgrade h2)
PEERS_EXTRA=${PEERS_EXTRA:-1}
# name, peers.sh command and extra argument of each extra peer (state dir: STATE_DIR/name).
EXTRAS=("lemonldap start-llng" "squid-allow start-squid allow" "squid-deny start-squid deny"
  "squid-auth start-squid auth" "mock-op start-mock-op")

die() { echo "harness.sh: $*" >&2; exit 1; }

start() {
  local state=$1
  shift
  local variants=("$@")
  ((${#variants[@]})) || variants=("${DEFAULT_VARIANTS[@]}")
  mkdir -p "$state" || die "cannot create $state"
  state=$(cd "$state" && pwd)
  "$peers" certs "$state" >/dev/null || die "certificates failed"
  local v pids=() failed=0
  for v in "${variants[@]}"; do
    "$NODE" "$here/op-config.mjs" "$v" "$state/tls" >"$state/op-$v.json" || die "no config for variant $v"
    "$peers" start-op "$state/op-$v" "$state/op-$v.json" >/dev/null 2>"$state/op-$v.start.err" &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || { failed=1; echo "harness.sh: OP ${variants[$i]}: $(cat "$state/op-${variants[$i]}.start.err")" >&2; }
  done
  ((failed == 0)) || { stop "$state"; exit 1; }
  "$peers" start-proxy "$state/proxy" >/dev/null || { stop "$state"; die "tinyproxy did not start"; }
  setup_netns "$state"
  [[ $PEERS_EXTRA == 0 ]] || start_extras "$state"
  return 0
}

# The extra peers, in parallel. peers.sh exits 3 when a peer's software is missing: skipped.
start_extras() {
  local state=$1 e name cmd arg pids=() names=() rc failed=0 i
  for e in "${EXTRAS[@]}"; do
    read -r name cmd arg <<<"$e"
    rm -f "$state/$name.skipped"
    "$peers" "$cmd" "$state/$name" ${arg:+"$arg"} >/dev/null 2>"$state/$name.start.err" &
    pids+=($!)
    names+=("$name")
  done
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}"
    rc=$?
    name=${names[$i]}
    if ((rc == 3)); then
      sed -e 's/^peers.sh: //' "$state/$name.start.err" >"$state/$name.skipped"
      echo "harness.sh: $name skipped: $(<"$state/$name.skipped")" >&2
    elif ((rc != 0)); then
      failed=1
      echo "harness.sh: $name: $(cat "$state/$name.start.err")" >&2
    fi
  done
  ((failed == 0)) || { stop "$state"; exit 1; }
}

# A namespace whose only way out is a veth to a second tinyproxy: 127.0.0.1 inside it is its
# own loopback, so the OPs on the host's loopback are reachable only through that proxy.
setup_netns() {
  local state=$1 ns host_if ns_if net
  [[ $(id -u) -eq 0 ]] && command -v ip >/dev/null || { echo "no root or no ip(8): namespace skipped" >"$state/netns.skipped"; return 0; }
  ns="odpf$$"
  host_if="odh$$"
  ns_if="odn$$"
  net="10.213.$(($$ % 250)).0"
  mkdir -p "$state/netns"
  if ! { ip netns add "$ns" && echo "$ns" >"$state/netns/name" &&
    ip link add "$host_if" type veth peer name "$ns_if" && echo "$host_if" >"$state/netns/host_if" &&
    ip link set "$ns_if" netns "$ns" &&
    ip addr add "${net%.0}.1/30" dev "$host_if" && ip link set "$host_if" up &&
    ip netns exec "$ns" ip addr add "${net%.0}.2/30" dev "$ns_if" &&
    ip netns exec "$ns" ip link set "$ns_if" up && ip netns exec "$ns" ip link set lo up; } 2>"$state/netns.err"; then
    echo "namespace set-up failed: $(tail -n1 "$state/netns.err")" >"$state/netns.skipped"
    teardown_netns "$state"
    return 0
  fi
  PROXY_LISTEN="${net%.0}.1" PROXY_ALLOW="${net%.0}.2" "$peers" start-proxy "$state/netns" >/dev/null ||
    { echo "namespace proxy did not start" >"$state/netns.skipped"; teardown_netns "$state"; }
  return 0
}

teardown_netns() {
  local state=$1
  [[ -d $state/netns ]] || return 0
  "$peers" stop "$state/netns" >/dev/null 2>&1
  [[ -f $state/netns/host_if ]] && ip link del "$(<"$state/netns/host_if")" 2>/dev/null
  [[ -f $state/netns/name ]] && ip netns del "$(<"$state/netns/name")" 2>/dev/null
  rm -f "$state/netns/name" "$state/netns/host_if"
}

stop() {
  local state=$1 d e
  [[ -d $state ]] || return 0
  for d in "$state"/op-*/; do
    [[ -d $d ]] && "$peers" stop "$d" >/dev/null 2>&1
  done
  "$peers" stop "$state/proxy" >/dev/null 2>&1
  for e in "${EXTRAS[@]}"; do
    d=$state/${e%% *}
    [[ -d $d ]] && "$peers" stop "$d" >/dev/null 2>&1
  done
  teardown_netns "$state"
  return 0
}

case ${1:-} in
  start) [[ $# -ge 2 ]] || die "usage: harness.sh start STATE_DIR [VARIANT...]"; shift; start "$@" ;;
  stop) [[ $# -eq 2 ]] || die "usage: harness.sh stop STATE_DIR"; stop "$2" ;;
  *) echo "usage: harness.sh start STATE_DIR [VARIANT...] | stop STATE_DIR" >&2; exit 2 ;;
esac
