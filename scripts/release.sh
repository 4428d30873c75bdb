#!/usr/bin/env bash
# Builds the registry release files for one platform from a built provider binary:
#   <out>/terraform-provider-jdcloud_<version>_<os>_<arch>.zip   (holds terraform-provider-jdcloud_v<version>, stripped)
#   <out>/terraform-provider-jdcloud_<version>_manifest.json     (copy of terraform-registry-manifest.json)
#   <out>/terraform-provider-jdcloud_<version>_SHA256SUMS        (every zip in <out> + manifest, `sha256sum -c` format)
#   <out>/terraform-registry-manifest.json
# The layout and names are what the Terraform registry (and goreleaser's
# provider template) expect; sign the SHA256SUMS with gpg before publishing.
# Run it once per platform into the same <out>: SHA256SUMS then lists them all.
#
# Usage: scripts/release.sh [--platform OS_ARCH] [--strip TOOL] [--run "EMULATOR ARGS"] <provider-binary> [out-dir (default: dist)]
#   --platform  Terraform's platform name (default: this machine's, e.g. linux_amd64)
#   --strip     the strip of the binary's target (default: strip; aarch64-linux-gnu-strip for arm64)
#   --run       how to run the binary when it is for another machine (qemu-aarch64 -L SYSROOT)
# The version comes from the binary itself (--version), which the build took
# from VERSION, so the archive can never disagree with the binary inside it.
#
# Reproducible: the same binary gives the same zip, byte for byte. The entry's
# time is SOURCE_DATE_EPOCH (default: the commit's time), written in UTC (zip
# stores local time), its mode 0755, and zip -X leaves out uid/gid and the
# extended timestamps.
set -euo pipefail

platform="" strip=strip run=()
while [ $# -gt 0 ]; do
  case "$1" in
    --platform) platform=$2; shift 2 ;;
    --strip) strip=$2; shift 2 ;;
    --run) read -ra run <<<"$2"; shift 2 ;;
    *) break ;;
  esac
done
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 [--platform OS_ARCH] [--strip TOOL] [--run \"EMULATOR ARGS\"] <provider-binary> [out-dir]" >&2
  exit 2
fi
binary=$1
out=${2:-dist}
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }
command -v zip >/dev/null || { echo "zip is required" >&2; exit 2; }

version=$("${run[@]}" "$binary" --version | awk '{print $2}')
[ -n "$version" ] || { echo "$binary --version printed no version" >&2; exit 1; }

if [ -z "$platform" ]; then
  # Terraform's platform names: GOOS_GOARCH.
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  case "$(uname -m)" in
    x86_64|amd64) arch=amd64 ;;
    aarch64|arm64) arch=arm64 ;;
    i?86) arch=386 ;;
    armv*) arch=arm ;;
    *) echo "unknown machine $(uname -m)" >&2; exit 1 ;;
  esac
  platform=${os}_$arch
fi
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$(dirname "$0")" log -1 --format=%ct)}

name=terraform-provider-jdcloud
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

entry="${name}_v${version}"
cp "$binary" "$stage/$entry"
"$strip" "$stage/$entry"
chmod 0755 "$stage/$entry"
touch -d "@$epoch" "$stage/$entry"
zip_name="${name}_${version}_${platform}.zip"
rm -f "$out/$zip_name"
(cd "$stage" && TZ=UTC zip -q -X "$out/$zip_name" "$entry")

# Protocol 5 and 6: the binary serves both (one per negotiation).
printf '{"version":1,"metadata":{"protocol_versions":["5.0","6.0"]}}\n' >"$out/terraform-registry-manifest.json"
cp "$out/terraform-registry-manifest.json" "$out/${name}_${version}_manifest.json"

sums="${name}_${version}_SHA256SUMS"
(cd "$out" && LC_ALL=C sha256sum "${name}_${version}"_*.zip "${name}_${version}_manifest.json" >"$sums")
echo "release files in $out:"
(cd "$out" && ls -1 "${name}_${version}"_*.zip "${name}_${version}_manifest.json" "$sums" terraform-registry-manifest.json)
