#!/usr/bin/env bash
# Reproducibility: builds the release again from a fresh clone of the same
# commit, in another directory (another path length too), without ccache, and
# checks that every zip and the SHA256SUMS come out byte for byte as in
# <dist-dir>, the release scripts/build-release.sh made from this checkout.
# The commit fixes everything: SOURCE_DATE_EPOCH is its time, no path reaches
# the binary (-ffile-prefix-map), the build id is a hash of the linked bytes,
# and the zip entry's time, mode and extra fields are fixed (scripts/release.sh).
#
# Usage: tests/release/reproducible.sh <dist-dir> <amd64|arm64>...
#   the platforms to rebuild; <dist-dir> must hold exactly their zips (its
#   SHA256SUMS is compared whole). The checkout must be clean (the rebuild is of
#   the commit, not of uncommitted changes).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 <dist-dir> <amd64|arm64>..." >&2; exit 2; }
dist=$(cd "$1" && pwd)
shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "$repo has uncommitted changes: the first build is not of the commit" >&2
  exit 2
fi
commit=$(git -C "$repo" rev-parse HEAD)

work=$(mktemp -d "${TMPDIR:-/tmp}/jdcloud-reproducible.XXXXXX")
trap 'rm -rf "$work"' EXIT
src="$work/elsewhere/terraform-provider-jdcloud-$commit"
git clone -q --shared --no-checkout "$repo" "$src"
git -C "$src" checkout -q --detach "$commit"

# The second build really compiles: no compiler launcher from the environment.
unset CMAKE_CXX_COMPILER_LAUNCHER CMAKE_C_COMPILER_LAUNCHER
for arch in "$@"; do
  start=$SECONDS
  bash "$src/scripts/build-release.sh" "$arch" "$src/out-$arch" "$work/dist" >"$work/build-$arch.log" 2>&1 \
    || { tail -n 40 "$work/build-$arch.log"; echo "the second $arch build failed" >&2; exit 1; }
  echo "rebuilt linux_$arch of $commit in $((SECONDS - start)) s"
done

sums=$(cd "$dist" && ls ./*_SHA256SUMS)
echo "SHA256SUMS of the first build ($dist):"
sed 's/^/    /' "$dist/$sums"
echo "SHA256SUMS of the second build ($src):"
sed 's/^/    /' "$work/dist/$sums"
failed=0
for f in "$sums" $(cd "$dist" && ls ./*.zip); do
  if cmp "$dist/$f" "$work/dist/$f"; then
    echo "PASS: $(basename "$f") is byte-identical"
  else
    failed=1
    echo "FAIL: $(basename "$f") differs between the two builds"
  fi
done
[ "$failed" -eq 0 ]
