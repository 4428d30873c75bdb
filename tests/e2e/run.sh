#!/usr/bin/env bash
# End-to-end: real `terraform` drives the built provider against the local JD
# Cloud API double, exactly as a user would.
#
# Usage: tests/e2e/run.sh [--example DIR] <provider-binary> <api-double-binary>
#   --example DIR   the example configuration (default: examples/basic)
#
# Prints "SKIPPED: terraform not found on PATH" and exits 0 when terraform is
# absent. Otherwise runs every check, prints "N passed, M failed" and exits 1
# if any failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
example="$repo/examples/basic"
while [ $# -gt 0 ]; do
  case "$1" in
    --example) example=$(cd "$2" && pwd); shift 2 ;;
    --help|-h) sed -n '2,11p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -ne 2 ]; then
  echo "usage: $0 [--example DIR] <provider-binary> <api-double-binary>" >&2
  exit 2
fi
provider=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
double=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
fixtures="$repo/tests/fixtures"

if ! command -v terraform >/dev/null 2>&1; then
  echo "=================================================================="
  echo "SKIPPED: terraform not found on PATH"
  echo "  The end-to-end tests need terraform; nothing was tested."
  echo "=================================================================="
  exit 0
fi
for f in "$provider" "$double"; do
  [ -x "$f" ] || { echo "not an executable: $f" >&2; exit 2; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/jdcloud-e2e.XXXXXX")
double_pid=""
cleanup() {
  if [ -n "$double_pid" ]; then
    kill "$double_pid" 2>/dev/null || true
    wait "$double_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
# Shows a command's log, indented, after a failure.
show() { sed 's/^/    | /' "$1" | tail -n 60; }

# --- the API double --------------------------------------------------------
"$double" --port 0 --port-file "$work/port" --fixtures "$fixtures" >"$work/double.log" 2>&1 &
double_pid=$!
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
if [ ! -s "$work/port" ]; then
  cat "$work/double.log"
  echo "the API double did not start" >&2
  exit 1
fi
port=$(cat "$work/port")
endpoint="http://127.0.0.1:$port"

control() { # control GET|POST PATH -> body on stdout
  python3 - "$1" "$endpoint$2" <<'PY'
import sys, urllib.request
req = urllib.request.Request(sys.argv[2], method=sys.argv[1], data=b"" if sys.argv[1] == "POST" else None)
print(urllib.request.urlopen(req, timeout=10).read().decode())
PY
}
reset_stats() { control POST /__double/reset >/dev/null; }
api_requests() { control GET /__double/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

# --- terraform's environment -------------------------------------------------
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
unset TF_LOG TF_LOG_PROVIDER TF_LOG_PATH TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_REATTACH_PROVIDERS \
      JDCLOUD_REGION JDCLOUD_ENDPOINT JDCLOUD_MAX_RETRIES JDCLOUD_REQUEST_TIMEOUT || true
# The double's documented test credentials (tests/api_double/README.md).
export JDCLOUD_ACCESS_KEY=AKTESTDOUBLE0000000
export JDCLOUD_SECRET_KEY=SKTESTDOUBLE000000000000000000000

cat >"$work/dev.tfrc" <<RC
provider_installation {
  dev_overrides {
    "terraform.local/jdcloud/jdcloud" = "$(dirname "$provider")"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/dev.tfrc"
# dev_overrides loads "terraform-provider-jdcloud" from that directory.
if [ "$(basename "$provider")" != "terraform-provider-jdcloud" ]; then
  echo "the provider binary must be named terraform-provider-jdcloud: $provider" >&2
  exit 2
fi

version=$("$provider" --version | awk '{print $2}')
platform=$(terraform version -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["platform"])')
echo "terraform $(terraform version -json | python3 -c 'import json,sys; print(json.load(sys.stdin)["terraform_version"])')" \
     "($platform), provider $version, API double on $endpoint"

# A fresh copy of a configuration directory.
copy_config() { rm -rf "$work/$2"; mkdir -p "$work/$2"; cp "$1"/*.tf "$work/$2/"; echo "$work/$2"; }
tf() { # tf DIR LOG args...: runs terraform in DIR, output to LOG; returns its status
  local dir=$1 log=$2
  shift 2
  (cd "$dir" && timeout 180 terraform "$@") >"$log" 2>&1
}

image=img-m5s0f7ss4c
ex=$(copy_config "$example" example)

# 1. terraform validate on the example.
if tf "$ex" "$work/validate.log" validate -no-color; then
  pass "terraform validate accepts $(basename "$example")"
else
  fail "terraform validate on $(basename "$example")"; show "$work/validate.log"
fi

# 2. A malformed image_id fails validation with our attribute diagnostic.
bad=$(copy_config "$here/configs/bad_image_id" bad)
if tf "$bad" "$work/bad.log" validate -no-color; then
  fail "terraform validate accepted image_id = \"ami-0abc1234\""; show "$work/bad.log"
elif grep -q '^Error: ' "$work/bad.log" && grep -q 'image_id = "ami-0abc1234"' "$work/bad.log" \
     && ! grep -qi 'plugin did not respond\|crash' "$work/bad.log"; then
  # Terraform itself finds nothing wrong with a string literal: the error, with
  # image_id's source line as its snippet, is the provider's attribute diagnostic.
  pass "a malformed image_id fails validation with the provider's diagnostic on image_id"
else
  fail "validation error for a malformed image_id is not the provider's attribute diagnostic"; show "$work/bad.log"
fi

# 3. terraform plan against the double: one API request.
reset_stats
start=$(date +%s.%N)
if tf "$ex" "$work/plan.log" plan -no-color -var "endpoint=$endpoint" -var "image_id=$image"; then
  plan_seconds=$(python3 -c "import sys; print(f'{$(date +%s.%N) - $start:.2f}')")
  requests=$(api_requests)
  if [ "$requests" -le 1 ] && grep -q 'Read complete' "$work/plan.log"; then
    pass "terraform plan reads $image (${plan_seconds}s wall, $requests API request)"
  else
    fail "terraform plan: $requests API requests for one image"; show "$work/plan.log"
  fi
else
  fail "terraform plan"; show "$work/plan.log"
fi

# 4. terraform apply + output -json, compared with the fixture.
reset_stats
if tf "$ex" "$work/apply.log" apply -no-color -auto-approve -var "endpoint=$endpoint" -var "image_id=$image" \
   && (cd "$ex" && terraform output -json >"$work/example-outputs.json" 2>"$work/output.log"); then
  requests=$(api_requests)
  if python3 "$here/compare_outputs.py" example "$fixtures" "$work/example-outputs.json" "$image"; then
    pass "terraform apply + output -json of $(basename "$example") match fixture $image"
  else
    fail "outputs of $(basename "$example") differ from fixture $image"; show "$work/example-outputs.json"
  fi
  if [ "$requests" -le 1 ]; then
    pass "terraform apply made $requests API request for 1 image"
  else
    fail "terraform apply made $requests API requests for 1 image"
  fi
else
  fail "terraform apply / output"; show "$work/apply.log"
fi

# 5. Every fixture through one apply (parallel reads), every attribute compared.
all=$(copy_config "$here/configs/all_fixtures" all)
python3 - "$fixtures" "$endpoint" >"$all/terraform.tfvars.json" <<'PY'
import json, os, sys
fixtures, endpoint = sys.argv[1], sys.argv[2]
images = {}
for name in sorted(os.listdir(os.path.join(fixtures, "images"))):
    if name.endswith(".json"):
        with open(os.path.join(fixtures, "images", name), encoding="utf-8") as f:
            fx = json.load(f)
        images[name[:-5]] = (fx.get("__double") or {}).get("regions", ["cn-north-1"])[0]
print(json.dumps({"endpoint": endpoint, "images": images}))
PY
n_images=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["images"]))' "$all/terraform.tfvars.json")
reset_stats
if tf "$all" "$work/all.log" apply -no-color -auto-approve \
   && (cd "$all" && terraform output -json >"$work/all-outputs.json" 2>"$work/output.log"); then
  requests=$(api_requests)
  if python3 "$here/compare_outputs.py" all "$fixtures" "$work/all-outputs.json"; then
    pass "all $n_images fixtures read by terraform match attribute for attribute"
  else
    fail "terraform state differs from the fixtures"
  fi
  if [ "$requests" -le "$n_images" ]; then
    pass "terraform apply over $n_images images made $requests API requests"
  else
    fail "terraform apply over $n_images images made $requests API requests"
  fi
  if grep -q '^Warning: ' "$work/all.log" && grep -q 'img-unusable01' "$work/all.log"; then
    pass "unusable images are read with a warning Terraform shows"
  else
    fail "no warning shown for the unusable images"; show "$work/all.log"
  fi
else
  fail "terraform apply over every fixture"; show "$work/all.log"
fi

# 6. A missing image: Terraform's error output carries our "image not found".
if tf "$ex" "$work/missing.log" plan -no-color -var "endpoint=$endpoint" -var "image_id=img-doesnotexist1"; then
  fail "terraform plan succeeded for a missing image"; show "$work/missing.log"
elif grep -q '^Error: ' "$work/missing.log" && grep -qi 'image not found' "$work/missing.log" \
     && grep -q 'img-doesnotexist1' "$work/missing.log"; then
  pass "a missing image fails the plan with \"image not found\""
else
  fail "a missing image's error lacks the provider's diagnostic"; show "$work/missing.log"
fi

# 7. terraform init from a local filesystem mirror, offline.
mirror="$work/mirror"
pkg="$mirror/terraform.local/jdcloud/jdcloud/$version/$platform"
mkdir -p "$pkg"
cp "$provider" "$pkg/terraform-provider-jdcloud_v$version"
cat >"$work/mirror.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["terraform.local/*/*"]
  }
  direct {
    exclude = ["terraform.local/*/*"]
  }
}
RC
mex=$(copy_config "$example" mirror-example)
reset_stats
# Any attempt to reach a registry goes to a dead proxy and fails at once.
if TF_CLI_CONFIG_FILE="$work/mirror.tfrc" HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
     tf "$mex" "$work/init.log" init -no-color \
   && grep -q 'terraform.local/jdcloud/jdcloud' "$mex/.terraform.lock.hcl" \
   && TF_CLI_CONFIG_FILE="$work/mirror.tfrc" HTTPS_PROXY=http://127.0.0.1:9 \
     tf "$mex" "$work/mirror-plan.log" plan -no-color -var "endpoint=$endpoint" -var "image_id=$image"; then
  pass "terraform init installs $version from a local filesystem mirror offline, and plan runs it"
else
  fail "terraform init / plan from a filesystem mirror"; show "$work/init.log"
  [ -f "$work/mirror-plan.log" ] && show "$work/mirror-plan.log"
fi

# 8. The implied local mirror (terraform.d/plugins in the working directory).
iex=$(copy_config "$example" implied-example)
mkdir -p "$iex/terraform.d/plugins"
cp -r "$mirror/terraform.local" "$iex/terraform.d/plugins/"
: >"$work/empty.tfrc"
if TF_CLI_CONFIG_FILE="$work/empty.tfrc" HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 \
     tf "$iex" "$work/implied.log" init -no-color; then
  pass "terraform init finds the provider in ./terraform.d/plugins offline"
else
  fail "terraform init from ./terraform.d/plugins"; show "$work/implied.log"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
