#!/usr/bin/env bash
# Installs what oidc-doctor needs to build and test on Debian 12, and nothing else.
# As root it installs missing packages; otherwise it prints the exact command and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libcurl4-openssl-dev libssl-dev libyaml-cpp-dev
          nlohmann-json3-dev libcli11-dev libfmt-dev doctest-dev libre2-dev libpugixml-dev libhyperscan-dev
          tinyproxy openssl iproute2 nodejs npm curl clang-format python3
          clang libclang-rt-14-dev lld
          squid liblemonldap-ng-portal-perl lemonldap-ng-fastcgi-server libplack-perl
          libgd-securityimage-perl libgd-perl libimage-magick-perl libstring-random-perl libio-string-perl
          libcrypt-openssl-bignum-perl chromium)
# (clang and libclang-rt-14-dev build the sanitizer build and the fuzz targets, lld links them, python3 writes
# their seeds; squid and LemonLDAP::NG are test peers; the perl modules after the portal are ones its
# OpenID Connect issuer and login page load but Debian only recommends. lemonldap-ng-fastcgi-server
# satisfies the portal's web-server dependency without pulling in apache2; plackup serves it.
# chromium is the real browser the HTML report test opens the pages in, headless.)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A node/npm installed outside Debian (e.g. under /usr/local) is good enough.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing packages; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Node packages the tests run, each pinned by its lockfile: the real OpenID Provider, the
# registry-less mock OP, the validators (SARIF multitool, JSON Schema) and playwright-core, which
# drives Debian's chromium (it never downloads a browser of its own). Reinstalled only when a lockfile changes.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for dir in tests/peers/oidc-provider tests/peers/mock-op tests/tools tests/browser; do
  [[ -f $dir/package-lock.json ]] || continue
  stamp=$dir/node_modules/.od-lock-stamp
  if [[ ! -f $stamp ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "setup: npm ci in $dir" >&2
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
    cp "$dir/package-lock.json" "$stamp"
  fi
done
