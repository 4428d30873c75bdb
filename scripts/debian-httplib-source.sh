#!/usr/bin/env bash
# Makes the statically linkable cpp-httplib that a release build compiles in
# (plugin/CMakeLists.txt, JDCLOUD_HTTPLIB_SPLIT_DIR): <out>/httplib.h and
# <out>/httplib.cc, split from Debian's own cpp-httplib source package exactly
# as Debian's build makes libcpp-httplib.so (upstream's split.py on the single
# header, with Debian's patches applied).
#
# Debian ships cpp-httplib only as a shared library (libcpp-httplib.so.0.11,
# a soname no other distribution has), and a release must run without it. So
# this fetches the source package of the *installed* libcpp-httplib-dev from
# Debian's archive, through a private apt source list (the machine's apt
# configuration is not touched, no deb-src lines are needed there), and checks
# that its split header is byte for byte the installed /usr/include/httplib.h:
# the code compiled in is then the code in Debian's .so, security patches included.
#
# Usage: scripts/debian-httplib-source.sh <out-dir>
# Does nothing when <out-dir> already holds a split that matches the installed header.
# Needs dpkg-dev (dpkg-source) and python3; JDCLOUD_DEBIAN_MIRROR overrides the
# archive (default http://deb.debian.org).
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 <out-dir>" >&2; exit 2; }
out=$1
header=/usr/include/httplib.h
[ -f "$header" ] || { echo "$header missing: install libcpp-httplib-dev" >&2; exit 2; }
if [ -f "$out/httplib.cc" ] && cmp -s "$out/httplib.h" "$header"; then
  exit 0
fi

version=$(dpkg-query -W -f='${Version}' "libcpp-httplib-dev:$(dpkg --print-architecture)")
mirror=${JDCLOUD_DEBIAN_MIRROR:-http://deb.debian.org}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$work/sources.list" <<LIST
deb-src [signed-by=$keyring] $mirror/debian bookworm main
deb-src [signed-by=$keyring] $mirror/debian bookworm-updates main
deb-src [signed-by=$keyring] $mirror/debian-security bookworm-security main
LIST
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
apt=(apt-get -qq -o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
     -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
"${apt[@]}" update
# apt checks the .dsc and the tarballs against the signed Sources index;
# dpkg-source unpacks them and applies debian/patches.
(cd "$work" && "${apt[@]}" source --only-source "cpp-httplib=$version" >"$work/source.log" 2>&1) \
  || { cat "$work/source.log" >&2; echo "could not fetch cpp-httplib $version's source from $mirror" >&2; exit 1; }
src=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'cpp-httplib-*')
python3 "$src/split.py" --out "$work/split" >/dev/null
if ! cmp -s "$work/split/httplib.h" "$header"; then
  echo "the split of cpp-httplib $version's source differs from the installed $header" >&2
  exit 1
fi
cp "$work/split/httplib.h" "$work/split/httplib.cc" "$out/"
echo "cpp-httplib $version: httplib.cc split from Debian's source package into $out (header matches $header)"
