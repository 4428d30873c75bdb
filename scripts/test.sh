#!/usr/bin/env bash
# Runs every test: installs the Debian packages, then builds with CMake and with
# Meson and runs each one's whole test suite (unit, integration, end-to-end with
# real terraform), then the ASan+UBSan build's suite.
#
# Environment knobs:
#   JDCLOUD_SANITIZERS=0   skip the ASan+UBSan and TSan builds (default 1)
#   JDCLOUD_FUZZ_SECONDS=N seconds per fuzz target (default 20; 0 skips fuzzing;
#                          scripts/fuzz.sh 600 is the long run)
#   JOBS=N                 build parallelism (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${JOBS:-$(nproc)}

step() { printf '\n==== %s ====\n' "$*"; }

step "Debian packages"
bash scripts/install-deps.sh

if ! command -v terraform >/dev/null 2>&1; then
  echo "WARNING: terraform is not on PATH: the end-to-end tests will print SKIPPED."
fi

step "CMake build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"

step "CMake tests (ctest)"
(cd build && ctest --output-on-failure -j "$jobs")

step "Meson build"
[ -d builddir ] || meson setup builddir >/dev/null
meson compile -C builddir -j "$jobs"

step "Meson tests"
meson test -C builddir --print-errorlogs --num-processes "$jobs"

if [ "${JDCLOUD_SANITIZERS:-1}" != "0" ]; then
  step "ASan+UBSan build"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DJDCLOUD_SANITIZE=address,undefined >/dev/null
  cmake --build build-asan -j "$jobs"
  step "ASan+UBSan tests"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -LE "e2e|operability")
fi

if [ "${JDCLOUD_SANITIZERS:-1}" != "0" ]; then
  # gRPC itself is not TSan-instrumented, so TSan covers the layers whose
  # concurrency is ours: the JD Cloud client, the provider core's
  # single-flight cache and cancellation, and the protocol adapters (schema
  # built once, reads and Stop from many threads).
  step "TSan build (client, provider core, protocol adapters)"
  cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJDCLOUD_SANITIZE=thread >/dev/null
  cmake --build build-tsan -j "$jobs" --target unit_jdcloud unit_provider unit_protocol
  step "TSan tests"
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/unit/jdcloud/unit_jdcloud
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/unit/provider/unit_provider
  TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/unit/protocol/unit_protocol
fi

fuzz_seconds=${JDCLOUD_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != "0" ]; then
  # fuzz_read_data_source needs the protobuf code built with ASan (a long
  # build); it runs in the long option: scripts/fuzz.sh 600.
  step "Fuzzing (${fuzz_seconds}s per target)"
  bash scripts/fuzz.sh "$fuzz_seconds" fuzz_cty_msgpack fuzz_cty_json fuzz_image_response \
    fuzz_error_body fuzz_signer
fi

step "All test suites passed"
