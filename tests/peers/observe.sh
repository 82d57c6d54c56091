#!/usr/bin/env bash
# Asks every running peer of a harness.sh state dir the questions behind OBSERVED.md and prints
# one Markdown table row per answer: authorize with a registered / unregistered / canary
# redirect_uri and with an unknown client_id, the token endpoint with a bogus code, and the
# squid proxies with plain-http and CONNECT requests. Only curl talks to the peers.
#
#   tests/peers/observe.sh STATE_DIR      (after tests/peers/harness.sh start STATE_DIR)
#
# Columns: case | status | Location (scheme://host/path, query names only) | error /
# error_description, page title or proxy error | body class. Bodies are compared after masking
# volatile parts (CSRF tokens, interaction ids, codes, timestamps, ports): cases of one peer
# with the same masked body get the same letter.
set -uo pipefail

state=${1:?usage: observe.sh STATE_DIR}
# Requests go straight to the peers unless a row passes -x itself.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
REG='https://app.example.test/oidc/callback'
UNREG='https://app.example.test/oidc/not-registered'
CANARY="https://od-canary-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n').invalid/oidc/callback"
CHALLENGE='E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# summarize HEADERS BODY: prints "status | location | error or title"
summarize() {
  python3 - "$1" "$2" "$CANARY" <<'PY'
import html, json, re, sys, urllib.parse
head = open(sys.argv[1], encoding='latin-1').read()
body = open(sys.argv[2], encoding='utf-8', errors='replace').read()
canary = sys.argv[3]
blocks = [b for b in re.split(r'\r?\n\r?\n', head) if b.strip()]
last = blocks[-1] if blocks else ''
status = (re.match(r'HTTP/\S+ (\d+)', last) or [None, '?'])[1]
hdr = {}
for line in last.splitlines()[1:]:
    if ':' in line:
        k, v = line.split(':', 1)
        hdr[k.strip().lower()] = v.strip()
loc = hdr.get('location', '')
where = '-'
if loc:
    u = urllib.parse.urlsplit(loc)
    q = urllib.parse.parse_qs(u.query)
    base = (f'{u.scheme}://{u.netloc}' if u.netloc else '') + u.path
    base = base.replace(canary.split('/oidc')[0], 'https://<canary>.invalid')
    base = re.sub(r'/interaction/[A-Za-z0-9_-]+', '/interaction/<uid>', base)
    base = re.sub(r'127\.0\.0\.1:\d+|localhost:\d+', lambda m: m[0].split(':')[0] + ':<port>', base)
    names = ','.join(sorted(q))
    where = base + (f' ?{names}' if names else '')
    if 'error' in q:
        where += f" error={q['error'][0]}"
what = []
try:
    j = json.loads(body)
    if isinstance(j, dict) and 'error' in j:
        what.append(f"error={j['error']}")
        if 'error_description' in j:
            what.append(f"error_description=\"{j['error_description']}\"")
    elif isinstance(j, dict):
        what.append('JSON: ' + ','.join(sorted(j))[:80])
except ValueError:
    for k in ('error', 'error_description'):
        m = re.search(r'<strong>' + k + r'</strong>: ([^<]*)</pre>', body)
        if m:
            what.append(f'{k}="{html.unescape(m[1])}"' if k != 'error' else f'error={m[1]}')
    if not what:
        m = re.search(r'<title[^>]*>([^<]*)</title>', body)
        if m:
            what.append(f'title="{m[1].strip()}"')
        m = re.search(r'trmsg="(\d+)"', body)
        if m:
            what.append(f'message PE{m[1]}')
for k in ('www-authenticate', 'proxy-authenticate', 'x-squid-error'):
    if k in hdr:
        what.append(f'{k}: {hdr[k]}')
if not body.strip():
    what.append('(empty body)')
print(f"{status} | `{where}` | {'; '.join(what) or '-'}")
PY
}

# mask BODY: the body with volatile parts replaced, for comparing cases.
mask() {
  sed -E -e 's/[0-9]{9,}_[0-9]+/<token>/g' -e 's/[A-Za-z0-9_-]{20,}/<id>/g' -e 's/:[0-9]{2,5}/:<port>/g' \
    -e 's/od-canary-[0-9a-f]+/<canary>/g' -e 's/(Date|Generated) [^<]*/<date>/g' \
    -e 's/[0-9]{4}\/[0-9]{2}\/[0-9]{2} [0-9:]+/<date>/g' -e 's/st[0-9]+/<state>/g' "$1"
}

declare -A classes
class_of() { # PEER FILE: sets $class, one letter per distinct masked body within a peer
  local key sum
  sum=$(mask "$2" | md5sum | cut -c1-12)
  key="$1/$sum"
  if [[ -z ${classes[$key]:-} ]]; then
    local n=${classes[$1/count]:-0}
    classes[$1/count]=$((n + 1))
    classes[$key]=$(printf "\\x$(printf %x $((65 + n)))")
  fi
  class=${classes[$key]}
}

n=0
# row PEER CASE curl-args...: one request, one table row.
row() {
  local peer=$1 case=$2
  shift 2
  n=$((n + 1))
  : >"$tmp/b$n"
  curl -s -D "$tmp/h$n" -o "$tmp/b$n" "$@" 2>"$tmp/e$n"
  local rc=$?
  if [[ ! -s $tmp/h$n ]]; then
    echo "| $case | curl exit $rc: $(tr -d '\r' <"$tmp/e$n" | tail -n 1) | | | |"
    return
  fi
  class_of "$peer" "$tmp/b$n"
  echo "| $case | $(summarize "$tmp/h$n" "$tmp/b$n") | $class |"
}

header() {
  echo
  echo "### $1"
  echo
  echo "| case | status | Location | error / title | body |"
  echo "| --- | --- | --- | --- | --- |"
}

authz_cases() { # PEER BASE_AUTHZ_URL CLIENT [curl args]
  local peer=$1 az=$2 client=$3
  shift 3
  local q="response_type=code&scope=openid&state=st123&nonce=n123&code_challenge=$CHALLENGE&code_challenge_method=S256"
  row "$peer" "authorize, registered redirect_uri" "$@" "$az?$q&client_id=$client&redirect_uri=$(enc "$REG")"
  row "$peer" "authorize, unregistered redirect_uri" "$@" "$az?$q&client_id=$client&redirect_uri=$(enc "$UNREG")"
  row "$peer" "authorize, canary redirect_uri (random .invalid host)" "$@" "$az?$q&client_id=$client&redirect_uri=$(enc "$CANARY")"
  row "$peer" "authorize, unknown client_id" "$@" "$az?$q&client_id=od-no-such-client&redirect_uri=$(enc "$REG")"
}

token_cases() { # PEER TOKEN_URL CLIENT SECRET [curl args]
  local peer=$1 tok=$2 client=$3 secret=$4
  shift 4
  local d
  d="grant_type=authorization_code&code=od-bogus-code&redirect_uri=$(enc "$REG")"
  row "$peer" "token, bogus code, right secret (Basic)" "$@" -u "$client:$secret" -d "$d" "$tok"
  row "$peer" "token, bogus code, wrong secret (Basic)" "$@" -u "$client:WRONG-secret" -d "$d" "$tok"
  row "$peer" "token, bogus code, unknown client_id (Basic)" "$@" -u "od-no-such-client:whatever" -d "$d" "$tok"
  row "$peer" "token, bogus code, right secret (post)" "$@" -d "$d&client_id=$client&client_secret=$secret" "$tok"
  row "$peer" "token, bogus code, wrong secret (post)" "$@" -d "$d&client_id=$client&client_secret=WRONG-secret" "$tok"
  row "$peer" "token, bogus code, unknown client_id (post)" "$@" -d "$d&client_id=od-no-such-client&client_secret=whatever" "$tok"
}

# LemonLDAP::NG checks client_id and redirect_uri only after sign-in: get the login page,
# post the demo user's credentials with its CSRF token, record the answer to the POST.
llng_after_login() { # PEER AUTHZ_URL CASE REDIRECT CLIENT
  local peer=$1 az=$2 case=$3 redirect=$4 client=$5 jar=$tmp/jar$RANDOM url token form
  local q="response_type=code&scope=openid&state=st123&nonce=n123&code_challenge=$CHALLENGE&code_challenge_method=S256"
  url="$az?$q&client_id=$client&redirect_uri=$(enc "$redirect")"
  curl -s -c "$jar" -b "$jar" -o "$tmp/login" "$url"
  token=$(grep -o 'name="token" value="[^"]*' "$tmp/login" | sed 's/.*value="//')
  form=$(grep -o 'name="url" value="[^"]*' "$tmp/login" | sed 's/.*value="//')
  row "$peer" "$case, after sign-in as dwho" -c "$jar" -b "$jar" --data-urlencode user=dwho \
    --data-urlencode password=dwho --data-urlencode "token=$token" --data-urlencode "url=$form" "$url"
}

echo "Observed $(date -u +%Y-%m-%dT%H:%MZ) with $(curl --version | head -n 1 | cut -d' ' -f1-2); canary host $CANARY"

if [[ -s $state/op-main/op.url ]]; then
  op=$(<"$state/op-main/op.url")
  header "node-oidc-provider $(node -p 'require(process.argv[1]).version' "$(dirname "$0")/oidc-provider/node_modules/oidc-provider/package.json") ($op, client web-basic, client_secret_basic)"
  authz_cases nop "$op/auth" web-basic
  token_cases nop "$op/token" web-basic web-basic-secret
  row nop "token, bogus code, web-post client (client_secret_post) with right secret" \
    -d "grant_type=authorization_code&code=od-bogus-code&redirect_uri=$(enc "$REG")&client_id=web-post&client_secret=web-post-secret" "$op/token"
fi

if [[ -s $state/op-h2/op.url ]]; then
  op=$(<"$state/op-h2/op.url")
  header "node-oidc-provider over HTTP/2 ($op)"
  echo "| ALPN | $(curl -sv --http2 --cacert "$state/tls/ca.pem" -o /dev/null "$op/.well-known/openid-configuration" 2>&1 | grep -o 'ALPN: server accepted [^ ]*' | head -n 1) | | | |"
  echo "| HTTP version used, discovery | $(curl -s --http2 --cacert "$state/tls/ca.pem" -o /dev/null -w 'HTTP/%{http_version} %{http_code}' "$op/.well-known/openid-configuration") | | | |"
  echo "| HTTP version with --http1.1 | $(curl -s --http1.1 --cacert "$state/tls/ca.pem" -o /dev/null -w 'HTTP/%{http_version} %{http_code}' "$op/.well-known/openid-configuration") | | | |"
  authz_cases h2 "$op/auth" web-basic --http2 --cacert "$state/tls/ca.pem"
  token_cases h2 "$op/token" web-basic web-basic-secret --http2 --cacert "$state/tls/ca.pem"
fi

if [[ -s $state/lemonldap/llng.url ]]; then
  ll=$(<"$state/lemonldap/llng.url")
  header "LemonLDAP::NG $(dpkg-query -W -f='${Version}' liblemonldap-ng-portal-perl 2>/dev/null) ($ll, client llng-rp)"
  authz_cases llng "$ll/oauth2/authorize" llng-rp
  llng_after_login llng "$ll/oauth2/authorize" "authorize, registered redirect_uri" "$REG" llng-rp
  llng_after_login llng "$ll/oauth2/authorize" "authorize, unregistered redirect_uri" "$UNREG" llng-rp
  llng_after_login llng "$ll/oauth2/authorize" "authorize, canary redirect_uri" "$CANARY" llng-rp
  llng_after_login llng "$ll/oauth2/authorize" "authorize, unknown client_id" "$REG" od-no-such-client
  token_cases llng "$ll/oauth2/token" llng-rp llng-rp-secret
fi

if [[ -s $state/mock-op/mockop.url ]]; then
  mo=$(<"$state/mock-op/mockop.url")
  header "oauth2-mock-server $(node -p 'require(process.argv[1]).version' "$(dirname "$0")/mock-op/node_modules/oauth2-mock-server/package.json") ($mo, any client)"
  authz_cases mock "$mo/authorize" web-basic
  token_cases mock "$mo/token" web-basic web-basic-secret
fi

for mode in allow deny auth; do
  d=$state/squid-$mode
  [[ -s $d/squid.url ]] || continue
  px=$(<"$d/squid.url")
  header "squid $(dpkg-query -W -f='${Version}' squid 2>/dev/null), mode $mode ($px)"
  plain=$(<"$state/op-main/op.url")/.well-known/openid-configuration
  tls=$(<"$state/op-https/op.url")/.well-known/openid-configuration
  row "squid-$mode" "plain http GET through the proxy" -x "$px" "$plain"
  row "squid-$mode" "CONNECT (https) through the proxy" -x "$px" --cacert "$state/tls/ca.pem" "$tls"
  report=$(curl -s -S -x "$px" --cacert "$state/tls/ca.pem" -o /dev/null "$tls" 2>&1)
  echo "| CONNECT, curl's own report | exit $? \`$(tr -d '\r' <<<"$report" | tail -n 1)\` | | | |"
  if [[ $mode == auth ]]; then
    cred=$(<"$d/squid.credentials")
    row "squid-$mode" "plain http, right proxy credentials" -x "$px" -U "$cred" "$plain"
    row "squid-$mode" "CONNECT, right proxy credentials" -x "$px" -U "$cred" --cacert "$state/tls/ca.pem" "$tls"
    row "squid-$mode" "plain http, wrong proxy password" -x "$px" -U "${cred%%:*}:wrong" "$plain"
    row "squid-$mode" "CONNECT, wrong proxy password" -x "$px" -U "${cred%%:*}:wrong" --cacert "$state/tls/ca.pem" "$tls"
  fi
done
