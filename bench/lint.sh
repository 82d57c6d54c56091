#!/usr/bin/env bash
# Lint speed and memory on generated configs of growing size, against a baseline measured in the
# same run (the bare process: `oidc-doctor --version`). Targets (issue 2): a 1,000-environment
# config in under 100 ms wall time and 50 MB peak RSS. Usage: bench/lint.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-build/oidc-doctor}
runs=${1:-15}
[[ -x $bin ]] || { echo "bench: build first (make build)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export BENCH_SECRET=bench-secret-value

# Median wall time in ms of `runs` executions, and the largest peak RSS in MB.
measure() {
  local times=() rss=0 t0 t1 kb
  for ((r = 0; r < runs; r++)); do
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$tmp/rss" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
    kb=$(tail -n 1 "$tmp/rss")
    ((kb > rss)) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  printf '%d.%01d %d.%01d\n' $((median / 1000)) $((median % 1000 / 100)) $((rss / 1024)) $((rss % 1024 * 10 / 1024))
}

read -r base_ms base_mb < <(measure "$bin" --version)
printf '%-28s %10s %10s %14s\n' "case" "median ms" "peak MB" "x baseline"
printf '%-28s %10s %10s %14s\n' "baseline: --version" "$base_ms" "$base_mb" "1.0"
for n in 10 100 1000 5000; do
  bench/gen-config.sh "$n" >"$tmp/c$n.yaml"
  read -r ms mb < <(measure "$bin" lint "$tmp/c$n.yaml" --format json --fail-on never)
  ratio=$(awk -v a="$ms" -v b="$base_ms" 'BEGIN { printf "%.1f", a / b }')
  printf '%-28s %10s %10s %14s\n' "lint $n environments" "$ms" "$mb" "$ratio"
  if ((n == 1000)); then
    verdict=$(awk -v ms="$ms" -v mb="$mb" 'BEGIN { print (ms < 100 && mb < 50) ? "met" : "NOT met" }')
    echo "target for 1000 environments (<100 ms, <50 MB): $verdict" >"$tmp/verdict"
  fi
done
cat "$tmp/verdict"
