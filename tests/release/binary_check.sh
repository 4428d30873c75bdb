#!/usr/bin/env bash
# Checks the binary inside each release zip, from its ELF headers alone (so it
# works for arm64 on an amd64 machine):
#   - it needs only the C library: every DT_NEEDED is glibc's (libc, libm,
#     libpthread, libdl, librt, the loader), no RPATH/RUNPATH, and no symbol
#     version of libstdc++ (GLIBCXX_, CXXABI_) or libgcc_s (GCC_);
#   - it is stripped (no .symtab) and carries a GNU build id;
#   - its glibc floor, the highest GLIBC_ symbol version it needs, is printed
#     with the symbols that need it, and must not exceed the floor README.md
#     states ("needs glibc X.Y or later"): the claim is read from the binary,
#     not guessed, and a change that raises it fails here.
# Usage: tests/release/binary_check.sh <release-zip>...
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 <release-zip>..." >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
claimed=$(sed -n 's/.*needs glibc \([0-9][0-9.]*\) or later.*/\1/p' "$repo/README.md" | head -n1)
[ -n "$claimed" ] || { echo "README.md states no \"needs glibc X.Y or later\"" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

for zip in "$@"; do
  name=$(basename "$zip" .zip)
  mkdir -p "$work/$name"
  unzip -q "$zip" -d "$work/$name"
  bin=$(find "$work/$name" -type f)
  echo "== $name ($(stat -c %s "$zip") bytes zipped, $(stat -c %s "$bin") bytes unpacked)"
  readelf -d "$bin" | grep -E 'NEEDED|RPATH|RUNPATH' | sed 's/^/   /'

  needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  for lib in $needed; do
    [[ "$lib" =~ ^(libc|libm|libpthread|libdl|librt)\.so\.[0-9]+$|^ld-linux[-a-z0-9_]*\.so\.[0-9]+$ ]] \
      || fail "$name needs $lib, which is not the C library"
  done
  if readelf -d "$bin" | grep -qE 'RPATH|RUNPATH'; then fail "$name has an RPATH/RUNPATH"; fi
  versions=$(readelf -W --version-info "$bin" | sed -n 's/.*Name: \([A-Z_]*[0-9][0-9.]*\).*/\1/p' | sort -u)
  if echo "$versions" | grep -qE '^(GLIBCXX|CXXABI|GCC)_'; then
    fail "$name needs libstdc++/libgcc_s: $(echo "$versions" | grep -E '^(GLIBCXX|CXXABI|GCC)_' | tr '\n' ' ')"
  fi
  if readelf -S -W "$bin" | grep -q ' \.symtab '; then fail "$name is not stripped"; fi
  build_id=$(readelf -n "$bin" | sed -n 's/.*Build ID: //p')
  [ -n "$build_id" ] || fail "$name has no GNU build id"

  floor=$(echo "$versions" | sed -n 's/^GLIBC_//p' | sort -V | tail -n1)
  symbols=$(readelf -W --dyn-syms "$bin" | grep -F "@GLIBC_$floor " | awk '{print $8}' | sed 's/@.*//' | sort -u | tr '\n' ' ')
  echo "   build id $build_id; glibc floor: $floor (needed by: $symbols)"
  if [ "$(printf '%s\n%s\n' "$floor" "$claimed" | sort -V | tail -n1)" != "$claimed" ]; then
    fail "$name needs glibc $floor, above the $claimed README.md states"
  fi
done
[ "$failed" -eq 0 ] && echo "binary_check: every binary needs only glibc >= its floor (README: $claimed)"
[ "$failed" -eq 0 ]
