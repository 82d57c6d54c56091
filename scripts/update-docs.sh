#!/usr/bin/env bash
# Regenerates the parts of README.md that are copies of the code's own tables
# (config reference, rule list and category vocabulary). tests/docs_test.cpp fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/oidc-doctor}
replace() {  # replace MARKER < content
  local marker=$1 content
  content=$(cat)
  awk -v m="$marker" -v c="$content" '
    $0 == "<!-- BEGIN " m " -->" { print; print c; skip = 1; next }
    $0 == "<!-- END " m " -->" { skip = 0 }
    !skip { print }' README.md >README.md.tmp
  mv README.md.tmp README.md
}
"$bin" schema --format markdown | replace config-reference
"$bin" rules --format markdown | replace rules
"$bin" rules categories --format markdown | replace categories
echo "README.md updated"
