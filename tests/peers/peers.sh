#!/usr/bin/env bash
# Start and stop oidc-doctor's loopback test peers.
#
#   peers.sh start-op    STATE_DIR CONFIG.json  OpenID Provider (oidc-provider/server.mjs)
#   peers.sh start-proxy STATE_DIR              tinyproxy on a free 127.0.0.1 port
#   peers.sh start-llng  STATE_DIR              LemonLDAP::NG portal as an OpenID Provider
#   peers.sh start-squid STATE_DIR MODE         squid: allow, deny or auth (Basic proxy auth)
#   peers.sh start-mock-op STATE_DIR            oauth2-mock-server (accepts any client)
#   peers.sh certs       STATE_DIR              test PKI into STATE_DIR/tls
#   peers.sh stop        STATE_DIR              stop whatever was started there (idempotent)
#
# Each start-* prints the peer's base URL on stdout and also writes it to
# STATE_DIR/{op,proxy,llng,squid,mockop}.url. On failure: exit status 1 and one line
# "peers.sh: ..." on stderr; exit 3 (same one-line form) when the peer's software is not
# installed. Details are in README.md.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NODE=${NODE:-node}
TINYPROXY=${TINYPROXY:-tinyproxy}
SQUID=${SQUID:-squid}
SQUID_NCSA=${SQUID_NCSA:-/usr/lib/squid/basic_ncsa_auth}
LLNG_START_TIMEOUT=${LLNG_START_TIMEOUT:-20}
SQUID_START_TIMEOUT=${SQUID_START_TIMEOUT:-30}
OP_START_TIMEOUT=${OP_START_TIMEOUT:-15}
# The proxy listens on loopback unless a test needs it elsewhere (e.g. on a veth
# address reachable from a network namespace); PROXY_ALLOW is the client range.
PROXY_LISTEN=${PROXY_LISTEN:-127.0.0.1}
PROXY_ALLOW=${PROXY_ALLOW:-127.0.0.1}

die() { echo "peers.sh: $*" >&2; exit 1; }

usage() {
  echo "usage: peers.sh start-op STATE_DIR CONFIG.json | start-proxy STATE_DIR | start-llng STATE_DIR |" \
    "start-squid STATE_DIR allow|deny|auth | start-mock-op STATE_DIR | certs STATE_DIR | stop STATE_DIR" >&2
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

# free_port [ADDR]: a port nothing listens on at ADDR (default $PROXY_LISTEN).
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1]); s.close()' "${1:-$PROXY_LISTEN}"
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

# missing WHAT: the peer's software is not installed; exit 3 so harness.sh can skip the peer.
missing() { echo "peers.sh: not installed: $*" >&2; exit 3; }

# wait_http URL SECONDS PID: until URL answers 200, or PID exits, or time runs out.
# Returns 0 ready, 1 process gone, 2 timeout, 3 the server answers with a 5xx status.
wait_http() {
  local url=$1 limit=$2 pid=$3 i code
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 --noproxy '*' "$url" 2>/dev/null)
    [[ $code == 200 ]] && return 0
    [[ $code == 5* ]] && return 3
    sleep 0.1
  done
  return 2
}

# kill_started PID: stop a child we just started and failed to use.
kill_started() {
  kill -TERM "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# llng_error LOG: the portal's first error line, without its time stamp and @INC list.
llng_error() {
  local line
  line=$(grep -m1 '\[error\]' "$1" 2>/dev/null | sed -e 's/^.*\[error\] //' -e 's/ (@INC contains:.*//')
  [[ -n $line ]] || line=$(last_line "$1") || line='no output'
  echo "$line"
}

# LemonLDAP::NG (Debian packages) as an OpenID Provider: its portal under Plack (llng-portal.pl) on a free
# loopback port, demo user backend (dwho/dwho, rtyler/rtyler, msmith/msmith), one relying
# party from lemonldap/lmConf.json.in. Config, sessions and keys live in STATE_DIR.
cmd_start_llng() {
  [[ $# -eq 1 ]] || usage
  local dir port pid attempt rc url m
  dir=$(state_dir "$1")
  command -v perl >/dev/null || missing "perl"
  # The modules the portal needs at start-up; the OpenIDConnect issuer pulls in the rest.
  m=$(perl -e 'for (@ARGV) { eval "require $_; 1" or do { print; exit 1 } }' Plack::Runner \
    Lemonldap::NG::Portal::Main Lemonldap::NG::Portal::Issuer::OpenIDConnect GD::SecurityImage Image::Magick 2>/dev/null) ||
    missing "perl module ${m:-?} (apt-get install liblemonldap-ng-portal-perl libplack-perl libgd-securityimage-perl libimage-magick-perl libstring-random-perl libio-string-perl libcrypt-openssl-bignum-perl)"
  command -v openssl >/dev/null || missing "openssl"
  if [[ -f $dir/llng.pid ]] && alive "$(<"$dir/llng.pid")" llng-portal; then
    die "LemonLDAP::NG is already running for $dir (pid $(<"$dir/llng.pid"))"
  fi
  rm -f "$dir/llng.url" "$dir/llng.pid"
  mkdir -p "$dir/conf" "$dir/sessions/lock" "$dir/psessions/lock" "$dir/cache" || die "cannot create dirs in $dir"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/oidc-sig.key" 2>"$dir/llng.err" &&
    openssl pkey -in "$dir/oidc-sig.key" -pubout -out "$dir/oidc-sig.pub" 2>>"$dir/llng.err" ||
    die "cannot make the OIDC signing key: $(last_line "$dir/llng.err")"
  sed -e "s|@STATE@|$(sed_escape "$dir")|g" "$here/lemonldap/lemonldap-ng.ini.in" >"$dir/lemonldap-ng.ini" ||
    die "cannot write $dir/lemonldap-ng.ini"
  for ((attempt = 0; attempt < 5; attempt++)); do
    port=$(free_port 127.0.0.1) || die "cannot pick a free port"
    url="http://127.0.0.1:$port"
    rm -rf "$dir/sessions"/* "$dir/cache"/* 2>/dev/null
    mkdir -p "$dir/sessions/lock"
    "$here/lemonldap/render-conf.pl" "$here/lemonldap/lmConf.json.in" "$url" "$dir" \
      "$dir/oidc-sig.key" "$dir/oidc-sig.pub" >"$dir/conf/lmConf-1.json" 2>"$dir/llng.err" ||
      die "cannot render the LemonLDAP::NG config: $(last_line "$dir/llng.err")"
    LLNG_DEFAULTCONFFILE=$dir/lemonldap-ng.ini perl "$here/lemonldap/llng-portal.pl" "$port" \
      </dev/null >"$dir/llng.out" 2>"$dir/llng.err" &
    pid=$!
    echo "$pid" >"$dir/llng.pid"
    # The portal initialises on its first request: discovery answering 200 means it is ready.
    wait_http "$url/.well-known/openid-configuration" "$LLNG_START_TIMEOUT" "$pid"
    rc=$?
    if ((rc == 0)); then
      echo "$url" >"$dir/llng.url"
      echo "$url"
      return 0
    fi
    kill_started "$pid"
    rm -f "$dir/llng.pid"
    if ((rc != 1)) || ! grep -q 'Address already in use' "$dir/llng.err"; then
      ((rc == 2)) && die "LemonLDAP::NG did not answer within ${LLNG_START_TIMEOUT}s (see $dir/llng.err)"
      # The first [error] line is the cause (a missing module, a bad config value); later ones
      # only say that initialisation failed.
      die "LemonLDAP::NG did not start: $(llng_error "$dir/llng.err") (see $dir/llng.err)"
    fi
  done
  die "LemonLDAP::NG did not start: no free port after 5 attempts (see $dir/llng.err)"
}

# squid in one of three modes on a free loopback port; only loopback clients and destinations.
#   allow: plain http and CONNECT to 127.0.0.1 / localhost pass
#   deny:  everything gets 403 (X-Squid-Error: ERR_ACCESS_DENIED 0)
#   auth:  Basic proxy auth (basic_ncsa_auth), user and password written to squid.credentials
cmd_start_squid() {
  [[ $# -eq 2 ]] || usage
  local dir mode=$2 run port pid attempt i url rules password
  dir=$(state_dir "$1")
  [[ $mode == allow || $mode == deny || $mode == auth ]] || die "squid mode must be allow, deny or auth, not '$mode'"
  command -v "$SQUID" >/dev/null || missing "squid (apt-get install squid)"
  [[ $mode != auth || -x $SQUID_NCSA ]] || missing "$SQUID_NCSA (apt-get install squid)"
  if [[ -f $dir/squid.pid ]] && alive "$(<"$dir/squid.pid")" squid; then
    die "squid is already running for $dir (pid $(<"$dir/squid.pid"))"
  fi
  rm -f "$dir/squid.url" "$dir/squid.pid" "$dir/squid.credentials"
  remove_squid_run "$dir"
  # As root squid runs as its cache_effective_user (proxy), which may not reach STATE_DIR
  # (e.g. under a mode-700 mktemp dir): its files then live in a private dir that proxy owns,
  # named in squid.rundir, linked from STATE_DIR and removed by stop.
  run=$dir
  if [[ $(id -u) -eq 0 ]] && id proxy >/dev/null 2>&1; then
    run=$(mktemp -d /tmp/od-squid.XXXXXX) || die "cannot create a run dir for squid"
    echo "$run" >"$dir/squid.rundir"
    chown proxy "$run" || die "cannot hand $run to the proxy user"
  fi
  rules=$(<"$here/squid/mode-$mode.conf") || die "no rules for mode $mode"
  rules=${rules//@STATE@/$run}
  if [[ $mode == auth ]]; then
    command -v openssl >/dev/null || missing "openssl"
    password=$(openssl rand -hex 12) || die "cannot make a password"
    printf 'proxyuser:%s\n' "$(openssl passwd -apr1 "$password")" >"$run/htpasswd" || die "cannot write $run/htpasswd"
    (umask 077 && printf 'proxyuser:%s\n' "$password" >"$dir/squid.credentials") || die "cannot write $dir/squid.credentials"
  fi
  for ((attempt = 0; attempt < 5; attempt++)); do
    port=$(free_port 127.0.0.1) || die "cannot pick a free port"
    awk -v port="$port" -v state="$run" -v rules="$rules" \
      '{ gsub(/@PORT@/, port); gsub(/@STATE@/, state); if ($0 == "@MODE_RULES@") print rules; else print }' \
      "$here/squid/squid.conf.in" >"$run/squid.conf" || die "cannot write $run/squid.conf"
    : >"$run/cache.log"
    : >"$run/access.log"
    if [[ $run != "$dir" ]]; then
      chown proxy "$run"/* || die "cannot hand $run to the proxy user"
      ln -sfn "$run/squid.conf" "$dir/squid.conf"
      ln -sfn "$run/cache.log" "$dir/cache.log"
      ln -sfn "$run/access.log" "$dir/access.log"
    fi
    "$SQUID" -N -f "$run/squid.conf" </dev/null >"$dir/squid.out" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/squid.pid"
    for ((i = 0; i < SQUID_START_TIMEOUT * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      if grep -q 'Accepting HTTP Socket connections' "$run/cache.log" 2>/dev/null; then
        url="http://127.0.0.1:$port"
        echo "$url" >"$dir/squid.url"
        echo "$mode" >"$dir/squid.mode"
        echo "$url"
        return 0
      fi
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill_started "$pid"
    rm -f "$dir/squid.pid"
    grep -q 'Address already in use' "$run/cache.log" "$dir/squid.out" 2>/dev/null || break
  done
  die "squid did not start: $(last_line "$run/cache.log" || last_line "$dir/squid.out" || echo 'no output') (see $dir/cache.log)"
}

# remove_squid_run DIR: delete the private run dir named in DIR/squid.rundir (ours only).
remove_squid_run() {
  local run
  [[ -f $1/squid.rundir ]] || return 0
  run=$(<"$1/squid.rundir")
  [[ $run == /tmp/od-squid.* && -d $run ]] && rm -rf "$run"
  rm -f "$1/squid.rundir"
}

# oauth2-mock-server (npm, pinned in mock-op/) on a free loopback port: accepts any client.
cmd_start_mock_op() {
  [[ $# -eq 1 ]] || usage
  local dir pid i line url
  dir=$(state_dir "$1")
  command -v "$NODE" >/dev/null || missing "node (set NODE=...)"
  [[ -d $here/mock-op/node_modules/oauth2-mock-server ]] \
    || missing "oauth2-mock-server (run npm ci --prefix $here/mock-op)"
  if [[ -f $dir/mockop.pid ]] && alive "$(<"$dir/mockop.pid")" mock-op/server.mjs; then
    die "a mock OP is already running for $dir (pid $(<"$dir/mockop.pid"))"
  fi
  rm -f "$dir/mockop.url" "$dir/mockop.pid"
  : >"$dir/mockop.out"
  "$NODE" "$here/mock-op/server.mjs" </dev/null >"$dir/mockop.out" 2>"$dir/mockop.err" &
  pid=$!
  echo "$pid" >"$dir/mockop.pid"
  for ((i = 0; i < OP_START_TIMEOUT * 10; i++)); do
    line=$(grep -m1 '^READY ' "$dir/mockop.out" 2>/dev/null)
    if [[ -n $line ]]; then
      url=${line#READY }
      echo "$url" >"$dir/mockop.url"
      echo "$url"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$dir/mockop.pid"
      die "mock OP exited during start-up: $(last_line "$dir/mockop.err" || echo 'no output') (see $dir/mockop.err)"
    fi
    sleep 0.1
  done
  stop_pid "$dir/mockop.pid" mock-op/server.mjs
  die "mock OP did not print READY within ${OP_START_TIMEOUT}s (see $dir/mockop.err)"
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
  stop_pid "$1/llng.pid" llng-portal
  stop_pid "$1/squid.pid" squid
  remove_squid_run "$1"
  stop_pid "$1/mockop.pid" mock-op/server.mjs
  rm -f "$1/op.url" "$1/proxy.url" "$1/llng.url" "$1/squid.url" "$1/mockop.url"
  return 0
}

[[ $# -ge 1 ]] || usage
sub=$1
shift
case $sub in
  start-op) cmd_start_op "$@" ;;
  start-proxy) cmd_start_proxy "$@" ;;
  start-llng) cmd_start_llng "$@" ;;
  start-squid) cmd_start_squid "$@" ;;
  start-mock-op) cmd_start_mock_op "$@" ;;
  certs) cmd_certs "$@" ;;
  stop) cmd_stop "$@" ;;
  *) usage ;;
esac
