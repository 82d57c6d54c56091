#!/usr/bin/env bash
# The tree passes its own .clang-format: every C++ file under src/ and tests/ is already formatted.
# Fix with: clang-format -i $(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h')
set -uo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format.sh: clang-format not installed (scripts/setup.sh installs it)" >&2; exit 1; }
mapfile -t files < <(find src tests -path tests/peers -prune -o \( -name '*.cpp' -o -name '*.h' \) -print | sort)
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "format.sh: ${#bad[@]} of ${#files[@]} files are not formatted: ${bad[*]}" >&2
  exit 1
fi
echo "format.sh: ${#files[@]} files formatted"
