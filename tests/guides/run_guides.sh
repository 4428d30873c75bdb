#!/usr/bin/env bash
# Runs every ```sh block of every guide in docs/guides/, in order, one bash
# per guide (so a guide's blocks share their variables and directory), from
# the repository root after a CMake build in build/, with HOME set to a fresh
# directory: a guide's ~/ paths, ~/.terraformrc and the plugin cache are its
# own. A command that fails fails the guide. Background processes a guide
# starts are stopped with its process group.
# Usage: run_guides.sh <source-dir> [guide.md ...]
set -euo pipefail
source=$(cd "$1" && pwd)
shift
guides=("$@")
[ ${#guides[@]} -gt 0 ] || guides=("$source"/docs/guides/*.md)
if ! command -v terraform >/dev/null 2>&1; then
  echo "SKIPPED: terraform is not on PATH; the guides' commands need it" >&2
  exit 0
fi

# The ```sh blocks of one Markdown file, as one script.
sh_blocks() { awk '/^```sh$/ {on=1; next} /^```/ {on=0} on' "$1"; }

failed=0
for guide in "${guides[@]}"; do
  name=$(basename "$guide")
  script=$(sh_blocks "$guide")
  if [ -z "$script" ]; then
    echo "---- $name: no commands"
    continue
  fi
  home=$(mktemp -d)
  echo "---- $name: $(grep -c '' <<<"$script") lines of commands"
  if (cd "$source" && env -u TF_CLI_CONFIG_FILE -u TF_PLUGIN_CACHE_DIR -u TF_REATTACH_PROVIDERS -u TF_LOG \
        HOME="$home" CHECKPOINT_DISABLE=1 setsid bash -euo pipefail -c "$script" >"$home/.guide.log" 2>&1); then
    echo "PASS $name"
  else
    echo "FAIL $name; its output:"
    sed 's/^/    /' "$home/.guide.log"
    failed=1
  fi
  # The guide's own background processes (an API double, a provider in debug mode).
  pkill -f "$home" 2>/dev/null || true
  rm -rf "$home"
done
exit $failed
