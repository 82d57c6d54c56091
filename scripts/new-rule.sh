#!/usr/bin/env bash
# Scaffolds a new rule unit: its source, its doc and its fixtures, all named by its ID. The build
# registers the rule by its file name (CMakeLists.txt generates the registry); the test suite
# then refuses it until the placeholders are replaced by a real check, doc and fixtures.
#
#   scripts/new-rule.sh ID NAME PHASE CATEGORY SEVERITY "One-line summary"
#   scripts/new-rule.sh OD2811 okta-pkce-not-required offline pkce warning "An Okta client that does not require PKCE"
#
# PHASE: offline (checks the config), probe (checks what preflight fetched), token (checks a
# decoded token). CATEGORY: one of `oidc-doctor rules categories`. SEVERITY: error|warning|info.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "new-rule.sh: $*" >&2; exit 2; }
[[ $# -eq 6 ]] || die "usage: scripts/new-rule.sh ID NAME PHASE CATEGORY SEVERITY \"summary\""
id=$1 name=$2 phase=$3 category=$4 severity=$5 summary=$6
[[ $id =~ ^OD[0-9]{4}$ ]] || die "ID must be OD and four digits, got $id"
[[ $name =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || die "NAME must be kebab-case, got $name"
case $severity in error) sev=Error ;; warning) sev=Warning ;; info) sev=Info ;; *) die "SEVERITY: error, warning or info" ;; esac
case $phase in
  offline) ctx="const Context& ctx"; fixtures=fixtures/rules/$id ;;
  probe) ctx="const ProbeContext& ctx"; fixtures=fixtures/recordings/$id ;;
  token) ctx="const TokenContext& ctx"; fixtures=fixtures/rules/$id ;;
  *) die "PHASE: offline, probe or token" ;;
esac
grep -q "{\"$category\"," src/core/category.cpp || die "unknown category $category (see: oidc-doctor rules categories)"
ls src/rules/"${id}"_*.cpp >/dev/null 2>&1 && die "$id exists already; never reuse an ID"
[[ -e rules/$id.md || -e $fixtures ]] && die "rules/$id.md or $fixtures exists already"

src=src/rules/${id}_${name//-/_}.cpp
cat >"$src" <<CPP
#include "rules/common.h"

namespace od::rules {
namespace {
void check($ctx, Sink& out) {
  // TODO: report each occurrence with out.report(position, message, {.environment, .client, .key}).
  (void)ctx;
  (void)out;
}
}  // namespace
extern const Rule $id{"$id", "$name", Severity::$sev, "$category",
                      "$summary",
                      "TODO: the generic fix, one sentence.", check};
}  // namespace od::rules
CPP

cat >"rules/$id.md" <<MD
# $id $name

Severity: $severity · Category: $category · Platforms: outsystems, posit-connect, generic

## What it checks
TODO: what the rule reads and when it reports, in our own words.

## Why it matters
TODO: the error users would otherwise meet (name the code or page) and why.

## How to fix
TODO: the steps.

## Sources
TODO: the public documents the facts come from.
MD

mkdir -p "$fixtures"
case $phase in
  offline)
    printf '# TODO: a config that triggers %s; put `# expect: %s` on each line a finding must point at.\nversion: 1\n' "$id" "$id" >"$fixtures/trigger.yaml"
    printf '# TODO: the same config with the problem fixed: %s must stay silent.\nversion: 1\n' "$id" >"$fixtures/clean.yaml"
    ;;
  probe)
    mkdir -p "$fixtures/trigger" "$fixtures/clean"
    echo "TODO: record a trigger and a clean exchange (tests/peers/make-recordings.sh) or build one from documented behaviour (fixtures/recordings/build-documented.py)." >"$fixtures/README"
    ;;
  token)
    echo "TODO: a token that triggers $id and one that must not, with their expectations (see tests/token_test.cpp)." >"$fixtures/README"
    ;;
esac
echo "new-rule.sh: wrote $src, rules/$id.md and $fixtures/; re-run cmake (the registry picks the file up) and replace every TODO" >&2
