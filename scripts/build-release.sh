#!/usr/bin/env bash
# Builds the release of one platform: the self-contained, reproducible provider
# binary (CMake, JDCLOUD_RELEASE: Release, everything but the C library linked
# statically, no build path in it) and its registry files (scripts/release.sh).
#
# Usage: scripts/build-release.sh [--ccache] <amd64|arm64> <build-dir> <dist-dir>
#   amd64   native build on an x86-64 Debian 12 machine
#   arm64   cross build with g++-aarch64-linux-gnu and the :arm64 -dev packages
#           (scripts/install-deps.sh installs them); --version runs under qemu-aarch64
#   --ccache  compile through ccache (for development; a build that checks
#             reproducibility must not, so that it really compiles)
# Run it for both platforms with the same <dist-dir>: its SHA256SUMS lists both zips.
# SOURCE_DATE_EPOCH defaults to the commit's time, so two builds of one commit
# give the same zip bytes (tests/release/reproducible.sh checks).
set -euo pipefail

launcher=()
if [ "${1:-}" = --ccache ]; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # With a base dir ccache compiles with relative paths, which -ffile-prefix-map
  # does not map: __FILE__ would become ../plugin/..., and the bytes would
  # depend on where the build tree sits and on whether ccache was used.
  unset CCACHE_BASEDIR
  shift
fi
if [ $# -ne 3 ]; then
  echo "usage: $0 [--ccache] <amd64|arm64> <build-dir> <dist-dir>" >&2
  exit 2
fi
arch=$1 build=$2 dist=$3
root=$(cd "$(dirname "$0")/.." && pwd)

case "$arch" in
  amd64) cross=() strip=strip run="" ;;
  arm64) cross=(-DCMAKE_TOOLCHAIN_FILE="$root/cmake/aarch64-linux-gnu.cmake")
         strip=aarch64-linux-gnu-strip run="qemu-aarch64 -L /usr/aarch64-linux-gnu" ;;
  *) echo "unknown architecture $arch (amd64 or arm64)" >&2; exit 2 ;;
esac

SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct)}
export SOURCE_DATE_EPOCH

mkdir -p "$build"
build=$(cd "$build" && pwd)
bash "$root/scripts/debian-httplib-source.sh" "$build/cpp-httplib"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DJDCLOUD_RELEASE=ON -DJDCLOUD_TESTS=OFF -DJDCLOUD_HTTPLIB_SPLIT_DIR="$build/cpp-httplib" \
  "${cross[@]}" "${launcher[@]}" >"$build/configure.log" \
  || { cat "$build/configure.log" >&2; exit 1; }
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target terraform-provider-jdcloud
bash "$root/scripts/release.sh" --platform "linux_$arch" --strip "$strip" --run "$run" \
  "$build/terraform-provider-jdcloud" "$dist"
