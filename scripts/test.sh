#!/usr/bin/env bash
# Runs every test: installs the Debian packages, then builds with CMake and with
# Meson and runs each one's whole test suite (unit, integration, end-to-end with
# real terraform), builds the release (linux_amd64, and linux_arm64 across) and
# checks it (self-contained, reproducible, end-to-end under every client), then
# the suite under clang ASan+UBSan, TSan runs of the concurrent layers, and every
# fuzz target for a short time.
#
# Environment knobs:
#   JDCLOUD_RELEASE_CHECKS=0  skip the release builds and their checks (default 1)
#   JDCLOUD_SANITIZERS=0   skip the ASan+UBSan and TSan builds (default 1)
#   JDCLOUD_FUZZ_SECONDS=N seconds per fuzz target (default 20, which keeps CI under 60 min
#                          on 2 cores with seven targets; 0 skips fuzzing;
#                          scripts/fuzz.sh 600 is the long run)
#   JOBS=N                 build parallelism (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${JOBS:-$(nproc)}

# Each step header says how long the run has taken so far, so CI logs show where its time goes.
step() { printf '\n==== %s (at %d min %02d s) ====\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

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

if [ "${JDCLOUD_RELEASE_CHECKS:-1}" != "0" ]; then
  # The release trees build the provider alone; the checks reuse the API double
  # and tf-read of the CMake tree above (they run on this machine, not in the release).
  double=build/jdcloud-api-double
  rm -rf dist
  step "Release build linux_amd64 (scripts/build-release.sh)"
  bash scripts/build-release.sh amd64 build-release-amd64 dist
  step "Release build linux_arm64 (cross, g++-aarch64-linux-gnu)"
  bash scripts/build-release.sh arm64 build-release-arm64 dist
  step "Release binaries: only glibc needed, stripped, glibc floor"
  bash tests/release/binary_check.sh dist/*.zip
  step "Release self-containment: each zip alone in a glibc-only tree (chroot; arm64 under qemu)"
  for zip in dist/*.zip; do bash tests/release/self_contained.sh "$zip" "$double" build/tf-read; done
  step "Release reproducibility: both platforms rebuilt from a clone elsewhere"
  bash tests/release/reproducible.sh dist amd64 arm64
  step "End-to-end under every client (the linux_amd64 zip's binary)"
  mkdir -p build-release-amd64/e2e
  unzip -p dist/*_linux_amd64.zip >build-release-amd64/e2e/terraform-provider-jdcloud
  chmod +x build-release-amd64/e2e/terraform-provider-jdcloud
  bash tests/e2e/clients.sh build-release-amd64/e2e/terraform-provider-jdcloud "$double"
fi

step "Meson build"
[ -d builddir ] || meson setup builddir >/dev/null
meson compile -C builddir -j "$jobs"

step "Meson tests"
meson test -C builddir --print-errorlogs --num-processes "$jobs"

if [ "${JDCLOUD_SANITIZERS:-1}" != "0" ]; then
  # One clang tree for the ASan+UBSan suite and the fuzz targets (CI's fuzz
  # runs below reuse it), so instrumented code is compiled once.
  step "ASan+UBSan build (clang, with the fuzz targets)"
  bash scripts/configure-asan.sh build-asan Debug
  cmake --build build-asan -j "$jobs"
  step "ASan+UBSan tests"
  # The generated-answers test reads 10,000 answers in each plain build; 1,000 here, where a read is ~10x slower.
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 JD_GENERATED_COUNT=1000 \
     UBSAN_OPTIONS="suppressions=$root/tests/fuzz/ubsan_rapidjson.supp:halt_on_error=1:print_stacktrace=1" \
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
  step "Fuzzing (${fuzz_seconds}s per target)"
  # Every target, in the ASan tree when there is one (else fuzz.sh builds build-fuzz).
  fuzz_build=build-fuzz
  [ -f build-asan/CMakeCache.txt ] && fuzz_build=build-asan
  FUZZ_BUILD_DIR=$fuzz_build FUZZ_JOBS=$jobs bash scripts/fuzz.sh "$fuzz_seconds"
fi

step "All test suites passed"
