#!/usr/bin/env bash
# Benchmarks `oidc-doctor diagnose` (not a test; figures go into the README):
#  1. one pasted message, whole process, averaged over many runs, against `oidc-doctor --version`
#     in the same run (target: at most 1.5x);
#  2. a generated sign-in log (default 1 GiB, in /tmp, deleted afterwards): MB/s of
#     `diagnose --file` against `grep -E -i -c -f <the catalogue's first-pass literals>` on the
#     same file in the same run, and against ripgrep (`rg -i -c -f`, the same literals; target:
#     diagnose at least as fast), plus the peak memory of diagnose; diagnose runs twice, with
#     the Hyperscan first pass (the default) and with OD_DIAGNOSE_FIRST_PASS=re2.
# The last two lines are the two ratios. ripgrep is a bench-only tool (Debian package ripgrep);
# without it that ratio is reported as missing.
# Usage: bench/diagnose.sh [path/to/oidc-doctor] [log size in MiB]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/oidc-doctor}
size_mb=${2:-1024}
runs=${RUNS:-200}
[ -x "$bin" ] || { echo "no binary at $bin (build first, or pass its path)" >&2; exit 2; }

work=$(mktemp -d /tmp/od-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

now_ns() { date +%s%N; }
mbps() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f", (b / 1048576) / (ns / 1e9) }'; }
ms() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%.2f", ns / n / 1e6 }'; }

echo "== one pasted message ($runs runs, whole process)"
msg="AADSTS50011: The redirect URI 'https://os-dev.contoso.com/ServiceCenter/CentralizedLogin_AuthCodeFlow_TokenPart.aspx' specified in the request does not match the redirect URIs configured for the application '4f8a2c6e-1d3b-4a5f-9e7c-0b2d4f6a8c1e'. Trace ID: 3ceaaf30-8142-48ea-b1d9-3080f9b439fc"
"$bin" diagnose "$msg" >/dev/null  # warm the page cache
t0=$(now_ns)
for ((i = 0; i < runs; i++)); do "$bin" diagnose --color never "$msg" >/dev/null; done
t1=$(now_ns)
paste_ms=$(ms $((t1 - t0)) "$runs")
t0=$(now_ns)
for ((i = 0; i < runs; i++)); do "$bin" --version >/dev/null; done
t1=$(now_ns)
version_ms=$(ms $((t1 - t0)) "$runs")
echo "diagnose, text output:   $paste_ms ms per run"
echo "process start (--version): $version_ms ms per run"

echo "== sign-in log of $size_mb MiB"
log=$work/signin.log
python3 "$here/gen_signin_log.py" "$log" "$size_mb"
bytes=$(stat -c %s "$log")
"$bin" diagnose --print-anchors >"$work/anchors.txt"
echo "first-pass literals: $(wc -l <"$work/anchors.txt")"
cat "$log" >/dev/null  # both tools read from the page cache

t0=$(now_ns)
/usr/bin/time -f "%M" -o "$work/rss" "$bin" diagnose --format json --file "$log" >"$work/out.json" || test $? -eq 1
t1=$(now_ns)
od_ns=$((t1 - t0))

# The same run with the RE2 first pass (the engine Hyperscan replaced); results must not differ.
t0=$(now_ns)
OD_DIAGNOSE_FIRST_PASS=re2 /usr/bin/time -f "%M" -o "$work/rss_re2" "$bin" diagnose --format json --file "$log" \
  >"$work/out_re2.json" || test $? -eq 1
t1=$(now_ns)
re2_ns=$((t1 - t0))
same=$(cmp -s "$work/out.json" "$work/out_re2.json" && echo identical || echo DIFFERENT)

t0=$(now_ns)
grep_lines=$(grep -E -i -c -f "$work/anchors.txt" "$log" || true)
t1=$(now_ns)
grep_ns=$((t1 - t0))

t0=$(now_ns)
grep_c_lines=$(LC_ALL=C grep -E -i -c -f "$work/anchors.txt" "$log" || true)
t1=$(now_ns)
grep_c_ns=$((t1 - t0))

rg_mbps=""
if command -v rg >/dev/null; then
  t0=$(now_ns)
  rg_lines=$(rg -i -c -f "$work/anchors.txt" "$log" || true)
  t1=$(now_ns)
  rg_ns=$((t1 - t0))
  rg_mbps=$(mbps "$bytes" "$rg_ns")
fi

od_mbps=$(mbps "$bytes" "$od_ns")
grep_mbps=$(mbps "$bytes" "$grep_ns")
grep_c_mbps=$(mbps "$bytes" "$grep_c_ns")
diagnoses=$(grep -c '"code":' "$work/out.json" || true)
echo "oidc-doctor diagnose --file:        $od_mbps MB/s ($(ms "$od_ns" 1000) s, $diagnoses diagnoses, peak RSS $(($(cat "$work/rss") / 1024)) MiB)"
echo "  same with the RE2 first pass:      $(mbps "$bytes" "$re2_ns") MB/s ($(ms "$re2_ns" 1000) s, peak RSS $(($(cat "$work/rss_re2") / 1024)) MiB, output $same)"
echo "grep -E -i -c -f anchors (locale ${LANG:-C}): $grep_mbps MB/s ($(ms "$grep_ns" 1000) s, $grep_lines lines)"
echo "LC_ALL=C grep -E -i -c -f anchors:   $grep_c_mbps MB/s ($(ms "$grep_c_ns" 1000) s, $grep_c_lines lines)"
awk -v a="$od_mbps" -v b="$grep_mbps" -v c="$grep_c_mbps" \
  'BEGIN { printf "ratio diagnose/grep: %.2f (locale), %.2f (LC_ALL=C)\n", a / b, a / c }'
if [ -n "$rg_mbps" ]; then
  echo "rg -i -c -f anchors:                 $rg_mbps MB/s ($(ms "$rg_ns" 1000) s, $rg_lines lines)"
fi
echo "== ratios"
awk -v a="$paste_ms" -v b="$version_ms" 'BEGIN { printf "paste ratio diagnose/--version: %.2f (target <= 1.5)\n", a / b }'
if [ -n "$rg_mbps" ]; then
  awk -v a="$od_mbps" -v b="$rg_mbps" 'BEGIN { printf "log ratio diagnose/ripgrep (MB/s): %.2f (target >= 1.0)\n", a / b }'
else
  echo "log ratio diagnose/ripgrep: missing (install ripgrep)"
fi
