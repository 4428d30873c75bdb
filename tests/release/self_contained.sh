#!/usr/bin/env bash
# Proves a release zip needs nothing at run time but the C library: unpacks it
# into an empty tree that holds only glibc's own files (the loader, libc, libm,
# libpthread/libdl/librt, the resolver's libresolv/libnss_files/libnss_dns, a
# minimal /etc/hosts and /etc/nsswitch.conf), then, rooted in that tree with
# chroot, runs the binary: --version, and tf-read (outside, playing Terraform)
# drives it through the go-plugin handshake with AutoMTLS and one real read of
# an image from the API double, both over loopback. The output must be the
# image's state.
#
# linux_amd64 runs natively. linux_arm64 runs under qemu-aarch64-static copied
# into the tree (it stands in for an arm64 CPU, and is static: it brings no
# library), as `qemu-aarch64 -L /`: chroot matters here, because qemu -L alone
# falls back to the host's files for a path missing under its prefix, and the
# host has arm64 libstdc++/libssl from the :arm64 -dev packages.
#
# Needs root for chroot (CI runs as root); prints SKIPPED loudly without. Loopback only.
# Usage: tests/release/self_contained.sh <release-zip> <jdcloud-api-double> <tf-read>
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <release-zip> <jdcloud-api-double> <tf-read>" >&2
  exit 2
fi
zip=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
double=$2 tf_read=$3
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "=================================================================="
  echo "SKIPPED: $(basename "$zip"): chroot needs root; nothing was tested"
  echo "=================================================================="
  exit 0
fi

case "$zip" in
  *_linux_amd64.zip) arch=amd64 emulator=() ;;
  *_linux_arm64.zip) arch=arm64 emulator=(/qemu-aarch64-static -L /) ;;
  *) echo "not a linux_amd64 or linux_arm64 release zip: $zip" >&2; exit 2 ;;
esac
libc_pkg="libc6:$arch"
dpkg-query -W "$libc_pkg" >/dev/null 2>&1 || { echo "$libc_pkg is not installed: nothing to copy the C library from" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/jdcloud-selfcontained.XXXXXX")
double_pid=""
cleanup() {
  if [ -n "$double_pid" ]; then kill "$double_pid" 2>/dev/null || true; wait "$double_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- the tree: the zip, and glibc's own files from Debian's libc6 package --------
tree=$work/root
mkdir -p "$tree/etc" "$tree/tmp"
(cd "$tree" && unzip -q "$zip")
entry=$(unzip -Z1 "$zip")
[ "$(echo "$entry" | wc -l)" = 1 ] || { echo "the zip must hold exactly one file: $entry" >&2; exit 1; }
# Dereferenced copies at the paths the package lists (/lib64 and /lib are
# usrmerge symlinks on the host; in the tree they are plain directories).
dpkg -L "$libc_pkg" | grep -E '/(ld-linux[^/]*\.so\.[0-9]+|lib(c|m|pthread|dl|rt|resolv|nss_files|nss_dns)\.so\.[0-9]+)$' \
  | while read -r f; do
      mkdir -p "$tree$(dirname "$f")"
      cp -L "$f" "$tree$f"
    done
printf '127.0.0.1 localhost\n::1 localhost\n' >"$tree/etc/hosts"
printf 'hosts: files dns\n' >"$tree/etc/nsswitch.conf"
if [ "$arch" = arm64 ]; then cp /usr/bin/qemu-aarch64-static "$tree/"; fi
echo "tree for $(basename "$zip") (${arch}), every file in it:"
(cd "$tree" && find . -type f | sort | sed 's/^/    /')

run_in_tree() { chroot "$tree" "${emulator[@]}" "/$entry" "$@"; }

passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

version=$(run_in_tree --version 2>"$work/version.err" || true)
if [[ "$version" == "terraform-provider-jdcloud "* ]]; then
  pass "$arch: --version in the C-library-only tree: $version"
else
  fail "$arch: --version in the C-library-only tree"; cat "$work/version.err"
fi

# --- handshake and a read, through tf-read --------------------------------------
"$double" --port 0 --port-file "$work/port" --fixtures "$repo/tests/fixtures" >"$work/double.log" 2>&1 &
double_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || { cat "$work/double.log"; echo "the API double did not start" >&2; exit 1; }

# tf-read execs this as "the provider": the binary, rooted in the tree. The
# environment (magic cookie, PLUGIN_CLIENT_CERT, JDCLOUD_*) passes through chroot.
cat >"$work/provider-in-tree" <<SH
#!/bin/sh
exec chroot "$tree" ${emulator[*]} "/$entry" "\$@"
SH
chmod +x "$work/provider-in-tree"
image=img-m5s0f7ss4c
start=$(date +%s%N)
if JDCLOUD_ENDPOINT="http://127.0.0.1:$(cat "$work/port")" JDCLOUD_REGION=cn-north-1 \
   JDCLOUD_ACCESS_KEY=AKTESTDOUBLE0000000 JDCLOUD_SECRET_KEY=SKTESTDOUBLE000000000000000000000 \
   "$tf_read" --provider "$work/provider-in-tree" --image-id "$image" >"$work/read.json" 2>"$work/read.err" \
   && python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert s["image_id"]==sys.argv[2], s' \
        "$work/read.json" "$image" 2>"$work/check.err"; then
  pass "$arch: go-plugin handshake (AutoMTLS) and a read of $image from the API double, in the tree" \
       "($(( ($(date +%s%N) - start) / 1000000 )) ms)"
else
  fail "$arch: handshake + read in the tree"
  sed 's/^/    | /' "$work/read.err" "$work/check.err" | tail -n 40
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
