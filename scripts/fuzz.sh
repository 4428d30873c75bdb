#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz) with clang + ASan + UBSan in
# build-fuzz and runs each for SECONDS (default 30) over a temporary copy of
# its seed corpus, so the repo's corpus is never modified. Fails on any crash,
# leak, sanitizer report or timeout; the reproducer is kept in build-fuzz/crashes.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Env: FUZZ_BUILD_DIR (default build-fuzz; any tree scripts/configure-asan.sh
# made will do, scripts/test.sh passes build-asan), FUZZ_JOBS (-j for the build, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-30}
shift || true
build=${FUZZ_BUILD_DIR:-build-fuzz}

all_targets=(fuzz_cty_msgpack fuzz_cty_json fuzz_image_response fuzz_images_response fuzz_error_body fuzz_signer fuzz_read_data_source)
targets=("${@:-${all_targets[@]}}")

[ -f "$build/CMakeCache.txt" ] || bash scripts/configure-asan.sh "$build" RelWithDebInfo
build_targets=("${targets[@]}")
[[ " ${targets[*]} " == *" fuzz_read_data_source "* ]] && build_targets+=(fuzz_read_data_source_seeds)
[[ " ${targets[*]} " == *" fuzz_image_response "* ]] && build_targets+=(answer-seeds)
cmake --build "$build" --target "${build_targets[@]}" -j"${FUZZ_JOBS:-2}"

export UBSAN_OPTIONS="suppressions=$root/tests/fuzz/ubsan_rapidjson.supp:halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/crashes"
failed=()
for target in "${targets[@]}"; do
  corpus_name=${target#fuzz_}
  corpus=$work/$corpus_name
  mkdir -p "$corpus"
  cp "$root/tests/fuzz/corpus/$corpus_name/." "$corpus/" -R 2>/dev/null || true
  if [ "$target" = fuzz_read_data_source ]; then
    "$build/tests/fuzz/fuzz_read_data_source_seeds" "$corpus"
  fi
  if [ "$target" = fuzz_image_response ]; then
    # Answers in every legal JSON form, from the generator the integration tests use.
    "$build/tests/integration/answer-seeds" "$corpus" 200 "$RANDOM"
  fi
  log=$work/$target.log
  start=$SECONDS
  if "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$target-" "$corpus" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $target ok: ${execs:-?} execs in $((SECONDS - start)) s"
  else
    echo "fuzz: $target FAILED (log follows; reproducer in $build/crashes/)"
    tail -60 "$log"
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}"
  exit 1
fi
