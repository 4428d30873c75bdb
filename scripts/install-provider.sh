#!/usr/bin/env bash
# Meson install step: copies the provider binary into Terraform's implied local
# mirror layout, <prefix>/terraform.local/jdcloud/jdcloud/<version>/<os>_<arch>/
# terraform-provider-jdcloud_v<version>. Meson cannot rename an installed
# executable, hence a script. When the prefix is Meson's default (/usr/local),
# the prefix becomes ~/.terraform.d/plugins, where `terraform init` looks.
#
# Usage (from meson.add_install_script): install-provider.sh <binary> <version> <system> <cpu_family>
set -euo pipefail
binary=$1 version=$2 system=$3 cpu=$4
case "$cpu" in
  x86_64) arch=amd64 ;;
  aarch64) arch=arm64 ;;
  x86) arch=386 ;;
  arm) arch=arm ;;
  *) arch=$cpu ;;
esac
prefix=${MESON_INSTALL_PREFIX:-/usr/local}
if [ "$prefix" = /usr/local ]; then
  prefix="$HOME/.terraform.d/plugins"
fi
dir="${DESTDIR:-}$prefix/terraform.local/jdcloud/jdcloud/$version/${system}_$arch"
mkdir -p "$dir"
install -m 0755 "$binary" "$dir/terraform-provider-jdcloud_v$version"
echo "Installing provider to $dir/terraform-provider-jdcloud_v$version"
