#!/usr/bin/env bash
# Start and stop oidc-doctor's loopback test peers.
#
#   peers.sh start-op    STATE_DIR CONFIG.json  OpenID Provider (oidc-provider/server.mjs)
#   peers.sh start-proxy STATE_DIR              tinyproxy on a free 127.0.0.1 port
#   peers.sh certs       STATE_DIR              test PKI into STATE_DIR/tls
#   peers.sh stop        STATE_DIR              stop whatever was started there (idempotent)
#
# start-op and start-proxy print the peer's base URL on stdout and also write
# it to STATE_DIR/op.url or STATE_DIR/proxy.url. On failure: exit status 1 and
# one line "peers.sh: ..." on stderr. Details are in ../README.md.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NODE=${NODE:-node}
TINYPROXY=${TINYPROXY:-tinyproxy}
OP_START_TIMEOUT=${OP_START_TIMEOUT:-15}
# The proxy listens on loopback unless a test needs it elsewhere (e.g. on a veth
# address reachable from a network namespace); PROXY_ALLOW is the client range.
PROXY_LISTEN=${PROXY_LISTEN:-127.0.0.1}
PROXY_ALLOW=${PROXY_ALLOW:-127.0.0.1}

die() { echo "peers.sh: $*" >&2; exit 1; }

usage() {
  echo "usage: peers.sh start-op STATE_DIR CONFIG.json | start-proxy STATE_DIR | certs STATE_DIR | stop STATE_DIR" >&2
  exit 2
}

state_dir() {
  mkdir -p "$1" 2>/dev/null || die "cannot create state dir $1"
  (cd "$1" && pwd)
}

# alive PID PATTERN: process exists and its command line contains PATTERN
# (guards against signalling a recycled pid).
alive() {
  local pid=$1 pattern=$2 cmd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$pattern"* ]]
}

# stop_pid FILE PATTERN: TERM, wait up to 5 s, then KILL; removes FILE.
stop_pid() {
  local file=$1 pattern=$2 pid i
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if alive "$pid" "$pattern"; then
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do
      alive "$pid" "$pattern" || break
      sleep 0.1
    done
    if alive "$pid" "$pattern"; then
      kill -KILL "$pid" 2>/dev/null
      sleep 0.1
    fi
  fi
  rm -f "$file"
}

last_line() { [[ -s $1 ]] && grep -v '^\s*$' "$1" | grep -v WARNING | tail -n 1; }

cmd_start_op() {
  [[ $# -eq 2 ]] || usage
  local dir config pid url i line
  dir=$(state_dir "$1")
  [[ -r $2 ]] || die "config file not readable: $2"
  config=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
  command -v "$NODE" >/dev/null || die "node not found (set NODE=...)"
  [[ -d $here/oidc-provider/node_modules/oidc-provider ]] \
    || die "oidc-provider not installed: run npm ci --prefix $here/oidc-provider"
  if [[ -f $dir/op.pid ]] && alive "$(<"$dir/op.pid")" server.mjs; then
    die "an OP is already running for $dir (pid $(<"$dir/op.pid"))"
  fi
  rm -f "$dir/op.url" "$dir/op.pid"
  : >"$dir/op.out"
  "$NODE" "$here/oidc-provider/server.mjs" --config "$config" \
    </dev/null >"$dir/op.out" 2>"$dir/op.err" &
  pid=$!
  echo "$pid" >"$dir/op.pid"
  for ((i = 0; i < OP_START_TIMEOUT * 10; i++)); do
    line=$(grep -m1 '^READY ' "$dir/op.out" 2>/dev/null)
    if [[ -n $line ]]; then
      url=${line#READY }
      echo "$url" >"$dir/op.url"
      echo "$url"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$dir/op.pid"
      die "OP exited during start-up: $(last_line "$dir/op.err" || echo 'no output') (see $dir/op.err)"
    fi
    sleep 0.1
  done
  stop_pid "$dir/op.pid" server.mjs
  die "OP did not print READY within ${OP_START_TIMEOUT}s (see $dir/op.err)"
}

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1]); s.close()' "$PROXY_LISTEN"
  else
    # Fallback: random high port that nothing answers on.
    local p
    while :; do
      p=$((20000 + RANDOM % 40000))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
  fi
}

sed_escape() { printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'; }

cmd_start_proxy() {
  [[ $# -eq 1 ]] || usage
  local dir port pid attempt i url
  dir=$(state_dir "$1")
  command -v "$TINYPROXY" >/dev/null || die "tinyproxy not found (apt-get install tinyproxy)"
  if [[ -f $dir/proxy.pid ]] && alive "$(<"$dir/proxy.pid")" tinyproxy; then
    die "a proxy is already running for $dir (pid $(<"$dir/proxy.pid"))"
  fi
  rm -f "$dir/proxy.url" "$dir/proxy.pid"
  # The port can be taken between picking and binding: retry a few times.
  for ((attempt = 0; attempt < 5; attempt++)); do
    port=$(free_port) || die "cannot pick a free port"
    sed -e "s|@PORT@|$port|g" -e "s|@STATE_DIR@|$(sed_escape "$dir")|g" \
      -e "s|@LISTEN@|$(sed_escape "$PROXY_LISTEN")|g" -e "s|@ALLOW@|$(sed_escape "$PROXY_ALLOW")|g" \
      "$here/tinyproxy/tinyproxy.conf.in" >"$dir/proxy.conf" || die "cannot write $dir/proxy.conf"
    : >"$dir/proxy.log"
    "$TINYPROXY" -d -c "$dir/proxy.conf" </dev/null >"$dir/proxy.out" 2>&1 &
    pid=$!
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      if grep -q 'Accepting connections' "$dir/proxy.log" 2>/dev/null; then
        echo "$pid" >"$dir/proxy.pid"
        url="http://$PROXY_LISTEN:$port"
        echo "$url" >"$dir/proxy.url"
        echo "$url"
        return 0
      fi
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
    fi
  done
  die "tinyproxy did not start: $(last_line "$dir/proxy.log" || last_line "$dir/proxy.out" || echo 'no output') (see $dir/proxy.log)"
}

cmd_certs() {
  [[ $# -eq 1 ]] || usage
  local dir
  dir=$(state_dir "$1")
  "$here/tls/make-certs.sh" "$dir/tls" >/dev/null 2>"$dir/certs.err" \
    || die "make-certs.sh failed: $(last_line "$dir/certs.err")"
  echo "$dir/tls"
}

cmd_stop() {
  [[ $# -eq 1 ]] || usage
  [[ -d $1 ]] || return 0
  stop_pid "$1/op.pid" server.mjs
  stop_pid "$1/proxy.pid" tinyproxy
  rm -f "$1/op.url" "$1/proxy.url"
  return 0
}

[[ $# -ge 1 ]] || usage
sub=$1
shift
case $sub in
  start-op) cmd_start_op "$@" ;;
  start-proxy) cmd_start_proxy "$@" ;;
  certs) cmd_certs "$@" ;;
  stop) cmd_stop "$@" ;;
  *) usage ;;
esac
