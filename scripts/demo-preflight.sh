#!/usr/bin/env bash
# `make demo`, live part: starts a local OpenID Provider (node-oidc-provider) whose clients match
# examples/preflight-local.yaml, runs `oidc-doctor preflight` on that file (text on the terminal, the
# HTML report in $REPORT, default build/demo-report.html), and stops the IdP.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/oidc-doctor}
CONFIG=examples/preflight-local.yaml
PORT=47311  # the port written in $CONFIG
REPORT=${REPORT:-$(dirname "$BIN")/demo-report.html}
[[ -x $BIN ]] || { echo "demo-preflight: $BIN is not built (make build)" >&2; exit 1; }

state=$(mktemp -d)
trap 'tests/peers/peers.sh stop "$state" >/dev/null 2>&1; rm -rf "$state"' EXIT
node tests/peers/op-config.mjs demo "" 0 "$PORT" >"$state/op.json"
if ! url=$(tests/peers/peers.sh start-op "$state" "$state/op.json" 2>"$state/start.err"); then
  # Port taken: let the OP pick one and point a copy of the example at it.
  node tests/peers/op-config.mjs demo "" 0 0 >"$state/op.json"
  url=$(tests/peers/peers.sh start-op "$state" "$state/op.json") || { cat "$state/start.err" >&2; exit 1; }
  sed "s|http://127.0.0.1:$PORT|$url|" "$CONFIG" >"$state/preflight-local.yaml"
  CONFIG=$state/preflight-local.yaml
fi
echo "== local OpenID Provider (node-oidc-provider 9.13.3) listening at $url"
echo "== oidc-doctor preflight $CONFIG (lint, then live probes of that IdP)"
rc=0
OD_DEMO_SECRET=demo-consoles-secret "$BIN" preflight "$CONFIG" --today 2026-11-22 \
  --format text --format "html=$REPORT" ${JSON:+--format "json=$JSON"} || rc=$?
echo "== exit code $rc (1 = findings at or above the threshold)"
echo "== HTML report (environment x check matrix, sign-in flow): $REPORT"
[[ $rc -le 1 ]]
