#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need.
# Everything comes from Debian; nothing is downloaded at build time.
set -euo pipefail

packages=(
  build-essential cmake meson ninja-build pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev
  libcpp-httplib-dev rapidjson-dev catch2 libssl-dev libmsgpack-cxx-dev
  clang-16 libclang-rt-16-dev
  python3 curl zip unzip
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
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
