#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS: first its regression inputs and seeds, then fuzzing
# with the generated dictionary. New inputs go to OUT/corpus/TARGET (kept between runs),
# crashers to OUT/crashes/TARGET/; a crasher found makes the run fail. Extra libFuzzer
# options may follow. OD_FUZZ_SEEDS=0 leaves the seeds out (the smoke in `make test`: the
# ordinary build's fuzz-replay tests already run them, and loading them under ASan takes longest).
#   usage: run.sh BINARY TARGET SECONDS OUT [libFuzzer options...]
set -euo pipefail
bin=$1 target=$2 seconds=$3 out=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
corpus=$out/corpus/$target crashes=$out/crashes/$target
mkdir -p "$corpus" "$crashes" "$here/regressions/$target"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
inputs=("$corpus" "$here/regressions/$target")
[[ ${OD_FUZZ_SEEDS:-1} == 0 ]] || inputs+=("$out/seeds/$target")
exec "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
  -dict="$out/od.dict" -artifact_prefix="$crashes/" "$@" "${inputs[@]}"
