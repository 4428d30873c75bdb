#!/usr/bin/env bash
# Configures one clang-16 ASan+UBSan tree that builds the whole test suite and
# the libFuzzer targets, so CI compiles instrumented code once for both.
#   scripts/configure-asan.sh BUILD_DIR [BUILD_TYPE]   (default RelWithDebInfo)
# scripts/test.sh uses build-asan in Debug (assertions on; the fuzzed code gets
# -O1, see tests/fuzz/CMakeLists.txt); scripts/fuzz.sh uses build-fuzz in
# RelWithDebInfo for the long runs.
#
# -D__cpp_concepts=202002L: clang 14-16 report __cpp_concepts 201907, which
# hides libstdc++ 12's std::expected; clang-16 implements what <expected>
# needs, so we raise the macro (hence -Wno-macro-redefined).
# -fsanitize=fuzzer-no-link: coverage feedback in every library; only the fuzz
# executables link libFuzzer, the tests link the plain sanitizer runtimes.
# -fsanitize-recover=pointer-overflow: lets tests/fuzz/ubsan_rapidjson.supp
# suppress Debian RapidJSON 1.1.0's benign nullptr arithmetic; test.sh and
# fuzz.sh run with UBSAN_OPTIONS=suppressions=...:halt_on_error=1 so every
# other report stays fatal.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: configure-asan.sh BUILD_DIR [BUILD_TYPE]}
build_type=${2:-RelWithDebInfo}
flags="-D__cpp_concepts=202002L -Wno-macro-redefined -fno-omit-frame-pointer"
flags+=" -fsanitize=fuzzer-no-link,address,undefined -fsanitize-recover=pointer-overflow"
# A tree configured otherwise (e.g. an older gcc ASan build-asan) cannot switch
# compilers in place: start it afresh.
if [ -f "$build/CMakeCache.txt" ] && ! grep -q '^JDCLOUD_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  echo "configure-asan: $build was configured without the fuzz targets; recreating it"
  rm -rf "$build"
fi
generator=(); command -v ninja >/dev/null && generator=(-G Ninja)
CXX=clang++-16 cmake -S . -B "$build" "${generator[@]}" -DJDCLOUD_FUZZ=ON -DCMAKE_BUILD_TYPE="$build_type" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
