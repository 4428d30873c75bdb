#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need.
# Everything comes from Debian; nothing is downloaded at build time except
# Debian's cpp-httplib source package for a release build
# (scripts/debian-httplib-source.sh, from the same archive).
set -euo pipefail

packages=(
  build-essential cmake meson ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev
  libcpp-httplib-dev rapidjson-dev catch2 libssl-dev libmsgpack-cxx-dev
  libre2-dev  # name_regex; gRPC's -dev package pulls it in too, but we use it directly
  clang-16 libclang-rt-16-dev
  python3 curl zip unzip xz-utils
  # The release: dpkg-source unpacks cpp-httplib's source package; the arm64
  # cross build (multiarch :arm64 -dev packages, the same versions as the
  # amd64 ones) runs its checks under qemu.
  dpkg-dev g++-aarch64-linux-gnu qemu-user qemu-user-static
  libgrpc++-dev:arm64 libprotobuf-dev:arm64 libcpp-httplib-dev:arm64 libssl-dev:arm64 libre2-dev:arm64
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "install-deps: adding the arm64 architecture (for the :arm64 packages)"
  $sudo dpkg --add-architecture arm64
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
