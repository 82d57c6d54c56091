#!/usr/bin/env bash
# Benchmarks `oidc-doctor diagnose` (not a test; figures go into the README):
#  1. one pasted message, whole process, against `oidc-doctor --version` (target: at most 1.5x).
#     The two alternate run by run, so a change in the machine's load hits both alike; ROUNDS
#     rounds of RUNS runs each give the spread.
#  2. a generated sign-in log (default 1 GiB, in /tmp, deleted afterwards): MB/s of
#     `diagnose --file` against ripgrep with the catalogue's first-pass literals (`rg -i -c -f`,
#     target: diagnose at least as fast), alternating over ROUNDS rounds; both wall-clock MB/s and
#     CPU time (user + sys), which a loaded machine disturbs less. Once each, for comparison:
#     the RE2 first pass (OD_DIAGNOSE_FIRST_PASS=re2, same output required) and
#     `grep -E -i -c -f` with the same literals, plus the peak memory of diagnose.
# BASELINE=path/to/an/older/oidc-doctor measures that binary in the same rounds (before/after in
# one run). The last lines are the ratios. ripgrep is a bench-only tool: `apt-get install ripgrep`.
# Usage: bench/diagnose.sh [path/to/oidc-doctor] [log size in MiB, 0: pastes only]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/oidc-doctor}
size_mb=${2:-1024}
runs=${RUNS:-100}
rounds=${ROUNDS:-3}
baseline=${BASELINE:-}
[ -x "$bin" ] || { echo "no binary at $bin (build first, or pass its path)" >&2; exit 2; }
[ -z "$baseline" ] || [ -x "$baseline" ] || { echo "BASELINE=$baseline is not an executable" >&2; exit 2; }
if ! command -v rg >/dev/null; then
  echo "ripgrep (rg) is needed for the log ratio: apt-get install ripgrep" >&2
  exit 2
fi
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }

work=$(mktemp -d /tmp/od-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f", (b / 1048576) / (ns / 1e9) }'; }
ms() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%.2f", ns / n / 1e6 }'; }
# min / median / max of the numbers on stdin
spread() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f / %.2f / %.2f", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }

# Runs "$@" once: wall ns into $wall, user+sys seconds into $cpu, peak RSS KiB into $rss.
timed() {
  local t0 t1
  t0=$(now_ns)
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" || test $? -eq 1
  t1=$(now_ns)
  wall=$((t1 - t0))
  read -r u s rss < <(tail -n 1 "$work/time")
  cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
}

echo "== one pasted message ($rounds rounds of $runs runs, whole process, alternating with --version)"
msg="AADSTS50011: The redirect URI 'https://os-dev.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx' specified in the request does not match the redirect URIs configured for the application '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'. Trace ID: 3ceaaf30-8142-48ea-b1d9-3080f9b439fc"
"$bin" diagnose "$msg" >/dev/null  # warm the page cache
[ -z "$baseline" ] || "$baseline" diagnose "$msg" >/dev/null
: >"$work/paste_ratios"
: >"$work/paste_cpu_ratios"
: >"$work/base_cpu_ratios"
: >"$work/base_ratios"
for ((r = 1; r <= rounds; r++)); do
  d_ns=0 v_ns=0 b_ns=0
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    "$bin" diagnose --color never "$msg" >/dev/null
    t1=$(now_ns)
    "$bin" --version >/dev/null
    t2=$(now_ns)
    d_ns=$((d_ns + t1 - t0)) v_ns=$((v_ns + t2 - t1))
    if [ -n "$baseline" ]; then
      t0=$(now_ns)
      "$baseline" diagnose --color never "$msg" >/dev/null
      t1=$(now_ns)
      b_ns=$((b_ns + t1 - t0))
    fi
  done
  ratio=$(awk -v a="$d_ns" -v b="$v_ns" 'BEGIN { printf "%.2f", a / b }')
  echo "$ratio" >>"$work/paste_ratios"
  line="round $r: diagnose $(ms "$d_ns" "$runs") ms, --version $(ms "$v_ns" "$runs") ms, ratio $ratio"
  if [ -n "$baseline" ]; then
    base_ratio=$(awk -v a="$b_ns" -v b="$v_ns" 'BEGIN { printf "%.2f", a / b }')
    echo "$base_ratio" >>"$work/base_ratios"
    line+="; baseline diagnose $(ms "$b_ns" "$runs") ms, ratio $base_ratio"
  fi
  # CPU time of the same runs in a loop (user + sys of the processes), which the load moves less
  # than the wall clock: on a busy machine both wall times are mostly waiting for a core.
  timed bash -c 'for ((i = 0; i < $1; i++)); do "$0" diagnose --color never "$2" >/dev/null; done' "$bin" "$runs" "$msg"
  d_cpu=$cpu
  timed bash -c 'for ((i = 0; i < $1; i++)); do "$0" --version >/dev/null; done' "$bin" "$runs"
  cpu_ratio=$(awk -v a="$d_cpu" -v b="$cpu" 'BEGIN { printf "%.2f", a / b }')
  echo "$cpu_ratio" >>"$work/paste_cpu_ratios"
  line+="; by CPU time $cpu_ratio"
  if [ -n "$baseline" ]; then
    v_cpu=$cpu
    timed bash -c 'for ((i = 0; i < $1; i++)); do "$0" diagnose --color never "$2" >/dev/null; done' "$baseline" "$runs" "$msg"
    base_cpu_ratio=$(awk -v a="$cpu" -v b="$v_cpu" 'BEGIN { printf "%.2f", a / b }')
    echo "$base_cpu_ratio" >>"$work/base_cpu_ratios"
    line+=", baseline $base_cpu_ratio"
  fi
  echo "$line"
done

if [ "$size_mb" = 0 ]; then  # pastes only
  echo "paste ratio diagnose/--version: $(spread <"$work/paste_ratios") (target <= 1.5)"
  echo "  by CPU time: $(spread <"$work/paste_cpu_ratios")"
  [ -z "$baseline" ] || echo "  baseline: $(spread <"$work/base_ratios"), by CPU time $(spread <"$work/base_cpu_ratios")"
  exit 0
fi

echo "== sign-in log of $size_mb MiB ($rounds rounds, alternating with ripgrep)"
log=$work/signin.log
python3 "$here/gen_signin_log.py" "$log" "$size_mb"
bytes=$(stat -c %s "$log")
"$bin" diagnose --print-anchors >"$work/anchors.txt"
echo "first-pass literals: $(wc -l <"$work/anchors.txt")"
cat "$log" >/dev/null  # every tool reads from the page cache

: >"$work/log_ratios"
: >"$work/cpu_ratios"
: >"$work/base_log_ratios"
for ((r = 1; r <= rounds; r++)); do
  timed "$bin" diagnose --format json --file "$log" >"$work/out.json"
  od_mbps=$(mbps "$bytes" "$wall") od_cpu=$cpu od_rss=$rss od_ns=$wall
  timed rg -i -c -f "$work/anchors.txt" "$log" >"$work/rg.txt"
  rg_mbps=$(mbps "$bytes" "$wall") rg_cpu=$cpu rg_ns=$wall
  ratio=$(awk -v a="$od_mbps" -v b="$rg_mbps" 'BEGIN { printf "%.2f", a / b }')
  cpu_ratio=$(awk -v a="$od_cpu" -v b="$rg_cpu" 'BEGIN { printf "%.2f", b / a }')
  echo "$ratio" >>"$work/log_ratios"
  echo "$cpu_ratio" >>"$work/cpu_ratios"
  line="round $r: diagnose $od_mbps MB/s ($(ms "$od_ns" 1000) s, CPU $od_cpu s, peak RSS $((od_rss / 1024)) MiB),"
  line+=" rg $rg_mbps MB/s ($(ms "$rg_ns" 1000) s, CPU $rg_cpu s, $(cat "$work/rg.txt") lines): ratio $ratio, by CPU time $cpu_ratio"
  if [ -n "$baseline" ]; then
    timed "$baseline" diagnose --format json --file "$log" >"$work/out_base.json"
    base_ratio=$(awk -v a="$(mbps "$bytes" "$wall")" -v b="$rg_mbps" 'BEGIN { printf "%.2f", a / b }')
    echo "$base_ratio" >>"$work/base_log_ratios"
    line+="; baseline $(mbps "$bytes" "$wall") MB/s (CPU $cpu s), ratio $base_ratio"
    cmp -s "$work/out.json" "$work/out_base.json" || line+=" (baseline output DIFFERENT)"
  fi
  echo "$line"
done
echo "diagnoses: $(grep -c '"code":' "$work/out.json" || true)"

# The RE2 first pass (the engine Hyperscan replaced); results must not differ.
timed env OD_DIAGNOSE_FIRST_PASS=re2 "$bin" diagnose --format json --file "$log" >"$work/out_re2.json"
same=$(cmp -s "$work/out.json" "$work/out_re2.json" && echo identical || echo DIFFERENT)
echo "same with the RE2 first pass: $(mbps "$bytes" "$wall") MB/s (CPU $cpu s, peak RSS $((rss / 1024)) MiB, output $same)"
# Into a file: GNU grep stops at the first match when its output is /dev/null.
timed grep -E -i -c -f "$work/anchors.txt" "$log" >"$work/grep.txt"
echo "grep -E -i -c -f anchors (locale ${LANG:-C}): $(mbps "$bytes" "$wall") MB/s (CPU $cpu s, $(cat "$work/grep.txt") lines)"

echo "== ratios (min / median / max over $rounds rounds)"
echo "paste ratio diagnose/--version: $(spread <"$work/paste_ratios") (target <= 1.5)"
echo "  by CPU time: $(spread <"$work/paste_cpu_ratios")"
[ -z "$baseline" ] || echo "  baseline: $(spread <"$work/base_ratios"), by CPU time $(spread <"$work/base_cpu_ratios")"
echo "log ratio diagnose/ripgrep (MB/s): $(spread <"$work/log_ratios") (target >= 1.0)"
echo "  by CPU time (rg's user+sys / diagnose's): $(spread <"$work/cpu_ratios")"
[ -z "$baseline" ] || echo "  baseline (MB/s): $(spread <"$work/base_log_ratios")"
echo "median paste ratio: $(median <"$work/paste_ratios"); median log ratio: $(median <"$work/log_ratios")"
