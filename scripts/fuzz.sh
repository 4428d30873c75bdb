#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz) with clang + ASan + UBSan in
# build-fuzz and runs each for SECONDS (default 30) over a temporary copy of
# its seed corpus, so the repo's corpus is never modified. Fails on any crash,
# leak, sanitizer report or timeout; the reproducer is kept in build-fuzz/crashes.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Env: FUZZ_BUILD_DIR (default build-fuzz), CXX (default clang++-16), FUZZ_JOBS (-j for the build, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-30}
shift || true
build=${FUZZ_BUILD_DIR:-build-fuzz}
cxx=${CXX:-clang++-16}
case "$cxx" in *clang*) ;; *) cxx=clang++-16 ;; esac

all_targets=(fuzz_cty_msgpack fuzz_cty_json fuzz_image_response fuzz_error_body fuzz_signer fuzz_read_data_source)
targets=("${@:-${all_targets[@]}}")

# -D__cpp_concepts=202002L: clang 14-16 report __cpp_concepts 201907, which
# hides libstdc++ 12's std::expected; clang-16 implements what <expected>
# needs, so we raise the macro (hence -Wno-macro-redefined).
# -fsanitize-recover=pointer-overflow: lets ubsan_rapidjson.supp suppress
# Debian RapidJSON 1.1.0's benign nullptr arithmetic; halt_on_error=1 below
# keeps every other UB report fatal.
flags="-D__cpp_concepts=202002L -Wno-macro-redefined -fno-omit-frame-pointer"
flags+=" -fsanitize=fuzzer-no-link,address,undefined -fsanitize-recover=pointer-overflow"
if [ ! -f "$build/CMakeCache.txt" ]; then
  generator=(); command -v ninja >/dev/null && generator=(-G Ninja)
  CXX=$cxx cmake -S . -B "$build" "${generator[@]}" -DJDCLOUD_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
fi
build_targets=("${targets[@]}")
[[ " ${targets[*]} " == *" fuzz_read_data_source "* ]] && build_targets+=(fuzz_read_data_source_seeds)
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
