#!/usr/bin/env bash
# Runs every test: installs the Debian packages, then builds with CMake and with
# Meson and runs each one's whole test suite (unit, integration, end-to-end with
# real terraform), then the ASan+UBSan build's suite.
#
# Environment knobs:
#   JDCLOUD_SANITIZERS=0   skip the sanitizer build (default 1)
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
     ctest --output-on-failure -j "$jobs" -LE e2e)
fi

step "All test suites passed"
