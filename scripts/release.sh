#!/usr/bin/env bash
# Builds the registry release files for one platform from a built provider binary:
#   <out>/terraform-provider-jdcloud_<version>_<os>_<arch>.zip   (holds terraform-provider-jdcloud_v<version>)
#   <out>/terraform-provider-jdcloud_<version>_manifest.json     (copy of terraform-registry-manifest.json)
#   <out>/terraform-provider-jdcloud_<version>_SHA256SUMS        (zip + manifest, `sha256sum -c` format)
#   <out>/terraform-registry-manifest.json
# The layout and names are what the Terraform registry (and goreleaser's
# provider template) expect; sign the SHA256SUMS with gpg before publishing.
#
# Usage: scripts/release.sh <provider-binary> [out-dir (default: dist)]
# The version comes from the binary itself (--version), which the build took
# from VERSION, so the archive can never disagree with the binary inside it.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 <provider-binary> [out-dir]" >&2
  exit 2
fi
binary=$1
out=${2:-dist}
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
command -v zip >/dev/null || { echo "zip is required" >&2; exit 2; }

version=$("$binary" --version | awk '{print $2}')
[ -n "$version" ] || { echo "$binary --version printed no version" >&2; exit 1; }

# Terraform's platform names: GOOS_GOARCH.
os=$(uname -s | tr '[:upper:]' '[:lower:]')
case "$(uname -m)" in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  i?86) arch=386 ;;
  armv*) arch=arm ;;
  *) echo "unknown machine $(uname -m)" >&2; exit 1 ;;
esac

name=terraform-provider-jdcloud
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

cp "$binary" "$stage/${name}_v${version}"
chmod 0755 "$stage/${name}_v${version}"
zip_name="${name}_${version}_${os}_${arch}.zip"
rm -f "$out/$zip_name"
(cd "$stage" && zip -q -X "$out/$zip_name" "${name}_v${version}")

# Protocol 5 and 6: the binary serves both (one per negotiation).
printf '{"version":1,"metadata":{"protocol_versions":["5.0","6.0"]}}\n' >"$out/terraform-registry-manifest.json"
cp "$out/terraform-registry-manifest.json" "$out/${name}_${version}_manifest.json"

sums="${name}_${version}_SHA256SUMS"
(cd "$out" && sha256sum "$zip_name" "${name}_${version}_manifest.json" >"$sums")
echo "release files in $out:"
(cd "$out" && ls -1 "$zip_name" "${name}_${version}_manifest.json" "$sums" terraform-registry-manifest.json)
