#!/usr/bin/env bash
# Starts every kind of loopback peer through harness.sh, checks that each one answers as it
# should, stops them all and checks that nothing it started is still running.
#
#   tests/peers/selftest.sh [STATE_DIR]     exit 0: all good; 1: a check failed
#
# A peer whose software is not installed is reported as SKIP (harness.sh leaves a .skipped
# file) and does not fail the run unless SELFTEST_STRICT=1.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
own_state=0
if [[ $# -ge 1 ]]; then
  state=$1
else
  state=$(mktemp -d)
  own_state=1
fi
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
failures=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
check() { # DESCRIPTION COMMAND...: the command's success is the check
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
skipped() { # NAME: true (and a SKIP line) when harness.sh skipped that peer
  [[ -f $state/$1.skipped ]] || return 1
  echo "SKIP $1: $(<"$state/$1.skipped")"
  [[ ${SELFTEST_STRICT:-0} == 1 ]] && failures=$((failures + 1))
  return 0
}
# status URL [curl args]: the HTTP status code (000 when there was no answer)
status() { local u=$1; shift; curl -s -o /dev/null --max-time 10 -w '%{http_code}' "$@" "$u"; }
# connect_status URL PROXY [curl args]: the status the proxy gave to curl's CONNECT
connect_status() { local u=$1 x=$2; shift 2; curl -s -o /dev/null --max-time 10 -x "$x" -w '%{http_connect}' "$@" "$u"; }
# header URL NAME [curl args]: value of one response header of a request through a proxy
header() { local u=$1 n=$2; shift 2; curl -s -o /dev/null -D - --max-time 10 "$@" "$u" | tr -d '\r' | grep -i "^$n:" | head -n 1; }

echo "selftest: state dir $state"
start=$(date +%s%N)
if ! "$here/harness.sh" start "$state" main https h2 2>"$state/selftest.start.err"; then
  echo "FAIL harness.sh start: $(tail -n 1 "$state/selftest.start.err")"
  "$here/harness.sh" stop "$state"
  exit 1
fi
echo "selftest: harness.sh start took $((($(date +%s%N) - start) / 1000000)) ms"

ca=$state/tls/ca.pem
op=$(<"$state/op-main/op.url")
ops=$(<"$state/op-https/op.url")
h2=$(<"$state/op-h2/op.url")
disc=/.well-known/openid-configuration
REG=https%3A%2F%2Fapp.example.test%2Foidc%2Fcallback
Q="response_type=code&scope=openid&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"

check "node-oidc-provider discovery 200" [ "$(status "$op$disc")" = 200 ]
check "node-oidc-provider https discovery 200" [ "$(status "$ops$disc" --cacert "$ca")" = 200 ]
check "node-oidc-provider unknown client_id gets 400" [ "$(status "$op/auth?$Q&client_id=od-nobody&redirect_uri=$REG")" = 400 ]
check "HTTP/2 OP negotiates h2 (ALPN)" [ "$(curl -s --http2 --cacert "$ca" -o /dev/null -w '%{http_version}' "$h2$disc")" = 2 ]
check "HTTP/2 OP still answers HTTP/1.1" [ "$(curl -s --http1.1 --cacert "$ca" -o /dev/null -w '%{http_version} %{http_code}' "$h2$disc")" = "1.1 200" ]
proxy=$(<"$state/proxy/proxy.url")
check "tinyproxy forwards plain http" [ "$(status "$op$disc" -x "$proxy")" = 200 ]

if ! skipped lemonldap; then
  ll=$(<"$state/lemonldap/llng.url")
  check "LemonLDAP::NG discovery names its loopback issuer" \
    grep -q "\"issuer\":\"$ll\"" <(curl -s --max-time 10 "$ll$disc")
  check "LemonLDAP::NG authorize shows the login page (even for an unknown client)" \
    grep -q 'name="password"' <(curl -s --max-time 10 "$ll/oauth2/authorize?$Q&client_id=od-nobody&redirect_uri=$REG")
  check "LemonLDAP::NG token endpoint rejects a wrong secret with 401" \
    [ "$(status "$ll/oauth2/token" -u llng-rp:wrong -d "grant_type=authorization_code&code=x&redirect_uri=$REG")" = 401 ]
fi
if ! skipped squid-allow; then
  sq=$(<"$state/squid-allow/squid.url")
  check "squid allow: plain http 200" [ "$(status "$op$disc" -x "$sq")" = 200 ]
  check "squid allow: CONNECT 200" [ "$(status "$ops$disc" -x "$sq" --cacert "$ca")" = 200 ]
fi
if ! skipped squid-deny; then
  sq=$(<"$state/squid-deny/squid.url")
  check "squid deny: plain http 403" [ "$(status "$op$disc" -x "$sq")" = 403 ]
  check "squid deny: X-Squid-Error ERR_ACCESS_DENIED" [ "$(header "$op$disc" X-Squid-Error -x "$sq")" = "X-Squid-Error: ERR_ACCESS_DENIED 0" ]
  check "squid deny: CONNECT refused with 403" [ "$(connect_status "$ops$disc" "$sq" --cacert "$ca")" = 403 ]
fi
if ! skipped squid-auth; then
  sq=$(<"$state/squid-auth/squid.url")
  cred=$(<"$state/squid-auth/squid.credentials")
  check "squid auth: 407 without credentials" [ "$(status "$op$disc" -x "$sq")" = 407 ]
  check "squid auth: CONNECT without credentials 407" [ "$(connect_status "$ops$disc" "$sq" --cacert "$ca")" = 407 ]
  check "squid auth: Proxy-Authenticate Basic" grep -q '^Proxy-Authenticate: Basic realm=' <(header "$op$disc" Proxy-Authenticate -x "$sq")
  check "squid auth: 407 with a wrong password" [ "$(status "$op$disc" -x "$sq" -U "${cred%%:*}:wrong")" = 407 ]
  check "squid auth: 200 with the credentials" [ "$(status "$op$disc" -x "$sq" -U "$cred")" = 200 ]
  check "squid auth: CONNECT 200 with the credentials" [ "$(status "$ops$disc" -x "$sq" -U "$cred" --cacert "$ca")" = 200 ]
fi
if ! skipped mock-op; then
  mo=$(<"$state/mock-op/mockop.url")
  check "mock OP discovery 200" [ "$(status "$mo$disc")" = 200 ]
  check "mock OP redirects any client to any redirect_uri with a code" \
    grep -q '^https://anything.invalid/cb?code=' <(curl -s -o /dev/null -w '%{redirect_url}' "$mo/authorize?$Q&client_id=od-nobody&redirect_uri=https%3A%2F%2Fanything.invalid%2Fcb")
fi

# Everything started must be gone after stop: the recorded pids and their children (squid's
# basic_ncsa_auth helper).
pids=()
for f in "$state"/*/*.pid; do
  [[ -f $f && $f != */squid.run.pid ]] || continue
  p=$(<"$f")
  pids+=("$p")
  for c in $(pgrep -P "$p" 2>/dev/null); do pids+=("$c"); done
done
"$here/harness.sh" stop "$state"
left=()
for p in "${pids[@]}"; do
  # A zombie (already exited, not yet reaped by a PID 1 that never reaps) is not running.
  if kill -0 "$p" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$p/stat" 2>/dev/null) != Z ]]; then
    left+=("$p:$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)")
  fi
done
check "harness.sh stop leaves none of ${#pids[@]} processes running${left:+ (left: ${left[*]})}" [ ${#left[@]} -eq 0 ]
check "harness.sh stop removed the network namespace" [ ! -s "$state/netns/name" ]
check "harness.sh stop is idempotent" "$here/harness.sh" stop "$state"

((own_state)) && rm -rf "$state"
if ((failures)); then
  echo "selftest: $failures check(s) failed"
  exit 1
fi
echo "selftest: all checks passed"
exit 0
