#!/usr/bin/env bash
# Runs the end-to-end suite (run.sh) under every client users have: Terraform
# 0.13.7 (protocol 5 only, no dev_overrides), 1.3.10 and OpenTofu 1.6.3 from
# the project's shared client directory (xz-compressed; checked against the
# SHA-256s its README lists), and the terraform on PATH. A client that is not
# there prints SKIPPED loudly and does not fail the run.
#
# Usage: tests/e2e/clients.sh <provider-binary> <api-double-binary>
#   JDCLOUD_CLIENTS_DIR  the directory of the .xz clients (default: ../shared/terraform
#                        beside the repository)
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 <provider-binary> <api-double-binary>" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
clients_dir=${JDCLOUD_CLIENTS_DIR:-$repo/../shared/terraform}

work=$(mktemp -d "${TMPDIR:-/tmp}/jdcloud-clients.XXXXXX")
trap 'rm -rf "$work"' EXIT

# name  sha256 of the unpacked executable (../shared/terraform/README.md)
clients=(
  "terraform-0.13.7 9010b6b29711adb05748127fb1dfba362ba74accceb8a28a9b2e5457f509677e"
  "terraform-1.3.10 b8ceb31c0e40695e36b53b312dbb28df825f5a60be0a365778aee2a8c11bafe8"
  "tofu-1.6.3 e6483a28be473b873551047e73461c8b7955d6c8c0cdc7fde6eaebe5d742c133"
)
skipped() {
  echo "=================================================================="
  echo "SKIPPED: $1"
  echo "=================================================================="
  results+=("SKIPPED  $2")
}
results=()
failed=0
provider=$1 double=$2
run_client() { # run_client NAME EXECUTABLE
  local start=$SECONDS
  echo "---- e2e under $1 ----"
  if bash "$here/run.sh" --client "$2" "$provider" "$double"; then
    results+=("PASS     $1 ($((SECONDS - start)) s)")
  else
    results+=("FAIL     $1 ($((SECONDS - start)) s)")
    failed=1
  fi
}

for entry in "${clients[@]}"; do
  read -r name sum <<<"$entry"
  if [ ! -f "$clients_dir/$name.xz" ]; then
    skipped "$name: $clients_dir/$name.xz not found; nothing was tested under it" "$name"
    continue
  fi
  xz -dc "$clients_dir/$name.xz" >"$work/$name"
  chmod +x "$work/$name"
  if [ "$(sha256sum "$work/$name" | awk '{print $1}')" != "$sum" ]; then
    echo "FAIL: $clients_dir/$name.xz does not unpack to the executable its README lists" >&2
    results+=("FAIL     $name (checksum)")
    failed=1
    continue
  fi
  run_client "$name" "$work/$name"
done
if command -v terraform >/dev/null 2>&1; then
  run_client "terraform on PATH ($(terraform version -json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["terraform_version"])'))" terraform
else
  skipped "terraform not found on PATH" "terraform on PATH"
fi

echo "e2e per client:"
printf '  %s\n' "${results[@]}"
[ "$failed" -eq 0 ]
