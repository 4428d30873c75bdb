#!/usr/bin/env bash
# End-to-end: a real Terraform (or OpenTofu) drives the built provider against
# the local JD Cloud API double, exactly as a user would: installed by `init`
# from a local filesystem mirror, offline (every client since 0.13 has those;
# dev_overrides, 0.14+, gets a check of its own).
#
# Usage: tests/e2e/run.sh [--example DIR] [--client PATH] <provider-binary> <api-double-binary>
#   --example DIR   the example configuration (default: examples/basic)
#   --client PATH   the terraform or tofu executable (default: terraform on PATH);
#                   tests/e2e/clients.sh runs this under every client
#
# Prints "SKIPPED: terraform not found on PATH" and exits 0 when the client is
# absent. Otherwise runs every check, prints "N passed, M failed" and exits 1
# if any failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
example="$repo/examples/basic"
client=terraform
while [ $# -gt 0 ]; do
  case "$1" in
    --example) example=$(cd "$2" && pwd); shift 2 ;;
    --client) client=$2; shift 2 ;;
    --help|-h) sed -n '2,15p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -ne 2 ]; then
  echo "usage: $0 [--example DIR] [--client PATH] <provider-binary> <api-double-binary>" >&2
  exit 2
fi
provider=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
double=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
fixtures="$repo/tests/fixtures"

if ! command -v "$client" >/dev/null 2>&1; then
  echo "=================================================================="
  echo "SKIPPED: $client not found on PATH"
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
# The fixtures, and the generated catalog the searches page through.
"$double" --port 0 --port-file "$work/port" --fixtures "$fixtures" --fixtures "$fixtures/catalog" >"$work/double.log" 2>&1 &
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
list_requests() { control GET /__double/stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["routes"].get("describeImages", 0))'; }

# --- terraform's environment -------------------------------------------------
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
unset TF_LOG TF_LOG_PROVIDER TF_LOG_PATH TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_REATTACH_PROVIDERS \
      JDCLOUD_REGION JDCLOUD_ENDPOINT JDCLOUD_MAX_RETRIES JDCLOUD_REQUEST_TIMEOUT || true
# The double's documented test credentials (tests/api_double/README.md).
export JDCLOUD_ACCESS_KEY=AKTESTDOUBLE0000000
export JDCLOUD_SECRET_KEY=SKTESTDOUBLE000000000000000000000

if [ "$(basename "$provider")" != "terraform-provider-jdcloud" ]; then
  echo "the provider binary must be named terraform-provider-jdcloud: $provider" >&2
  exit 2
fi
version=$("$provider" --version | awk '{print $2}')
# 0.13's `version -json` has no platform; Terraform's platform is GOOS_GOARCH.
case "$(uname -m)" in
  x86_64) platform=linux_amd64 ;;
  aarch64) platform=linux_arm64 ;;
  *) platform=linux_$(uname -m) ;;
esac
client_version=$("$client" version -json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["terraform_version"])')
client_name=terraform
"$client" version 2>/dev/null | head -n1 | grep -q OpenTofu && client_name=tofu
# Terraform 0.13 has no dev_overrides and writes no .terraform.lock.hcl (both 0.14).
# 0.13 reads data sources in its refresh phase ("Refreshing state...", not
# "Read complete") and does not show their warnings.
legacy=no read_marker='Read complete'
case "$client_version" in 0.13.*) legacy=yes read_marker='data.jdcloud_image.base: Refreshing state' ;; esac
echo "$client_name $client_version ($platform), provider $version, API double on $endpoint"
# These clients print a number a float64 holds exactly (2^64) rounded to float64 (compare_outputs.py).
number_display=()
case "$client_name $client_version" in "terraform 1.3."* | "tofu 1.6."*) number_display=(--float64-display) ;; esac

# The local filesystem mirror every configuration is installed from.
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
export TF_CLI_CONFIG_FILE="$work/mirror.tfrc"

# A fresh copy of a configuration directory.
copy_config() { rm -rf "$work/$2"; mkdir -p "$work/$2"; cp "$1"/*.tf "$work/$2/"; echo "$work/$2"; }
tf() { # tf DIR LOG args...: runs the client in DIR, output to LOG; returns its status
  local dir=$1 log=$2
  shift 2
  (cd "$dir" && timeout 180 "$client" "$@") >"$log" 2>&1
}
# Any attempt to reach a registry goes to a dead proxy and fails at once.
offline=(HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9)
# A fresh copy of a configuration, initialised from the mirror (offline).
init_config() { # init_config SRC NAME -> the directory
  local dir
  dir=$(copy_config "$1" "$2")
  if ! (export "${offline[@]}"; tf "$dir" "$work/$2-init.log" init -no-color); then
    show "$work/$2-init.log" >&2
    echo "$client init of $2 from the mirror failed" >&2
    exit 1
  fi
  echo "$dir"
}

image=img-m5s0f7ss4c
ex=$(init_config "$example" example)

# 1. terraform validate on the example.
if tf "$ex" "$work/validate.log" validate -no-color; then
  pass "terraform validate accepts $(basename "$example")"
else
  fail "terraform validate on $(basename "$example")"; show "$work/validate.log"
fi

# 2. A malformed image_id fails validation with our attribute diagnostic.
bad=$(init_config "$here/configs/bad_image_id" bad)
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
  if [ "$requests" -le 1 ] && grep -qF "$read_marker" "$work/plan.log"; then
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
   && (cd "$ex" && "$client" output -json >"$work/example-outputs.json" 2>"$work/output.log"); then
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
all=$(init_config "$here/configs/all_fixtures" all)
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
   && (cd "$all" && "$client" output -json >"$work/all-outputs.json" 2>"$work/output.log"); then
  requests=$(api_requests)
  if python3 "$here/compare_outputs.py" all "$fixtures" "$work/all-outputs.json" "${number_display[@]}"; then
    pass "all $n_images fixtures read by terraform match attribute for attribute"
  else
    fail "terraform state differs from the fixtures"
  fi
  if [ "$requests" -le "$n_images" ]; then
    pass "terraform apply over $n_images images made $requests API requests"
  else
    fail "terraform apply over $n_images images made $requests API requests"
  fi
  if [ $legacy = yes ]; then
    echo "SKIPPED: warnings of unusable images (Terraform $client_version shows no data-source warnings)"
  elif grep -q '^Warning: ' "$work/all.log" && grep -q 'img-unusable01' "$work/all.log"; then
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

# 7. terraform init from the local filesystem mirror, offline, then plan; the
# lock file (0.14+) records the mirror's provider.
mex=$(copy_config "$example" mirror-example)
reset_stats
if (export "${offline[@]}"; tf "$mex" "$work/init.log" init -no-color) \
   && { [ $legacy = yes ] || grep -q 'terraform.local/jdcloud/jdcloud' "$mex/.terraform.lock.hcl"; } \
   && (export "${offline[@]}"; tf "$mex" "$work/mirror-plan.log" plan -no-color -var "endpoint=$endpoint" -var "image_id=$image"); then
  pass "$client_name init installs $version from a local filesystem mirror offline, and plan runs it"
else
  fail "$client_name init / plan from a filesystem mirror"; show "$work/init.log"
  [ -f "$work/mirror-plan.log" ] && show "$work/mirror-plan.log"
fi

# 8. The implied local mirror (terraform.d/plugins in the working directory).
iex=$(copy_config "$example" implied-example)
mkdir -p "$iex/terraform.d/plugins"
cp -r "$mirror/terraform.local" "$iex/terraform.d/plugins/"
: >"$work/empty.tfrc"
if (export TF_CLI_CONFIG_FILE="$work/empty.tfrc" "${offline[@]}"; tf "$iex" "$work/implied.log" init -no-color); then
  pass "terraform init finds the provider in ./terraform.d/plugins offline"
else
  fail "terraform init from ./terraform.d/plugins"; show "$work/implied.log"
fi

# 9. dev_overrides (0.14+): plan runs the binary from its directory, no init.
if [ $legacy = yes ]; then
  echo "SKIPPED: dev_overrides (Terraform $client_version has none; 0.14 added them)"
else
  cat >"$work/dev.tfrc" <<RC
provider_installation {
  dev_overrides {
    "terraform.local/jdcloud/jdcloud" = "$(dirname "$provider")"
  }
  direct {}
}
RC
  dex=$(copy_config "$example" dev-example)
  if (export TF_CLI_CONFIG_FILE="$work/dev.tfrc"; tf "$dex" "$work/dev.log" plan -no-color \
       -var "endpoint=$endpoint" -var "image_id=$image") && grep -q 'Read complete' "$work/dev.log"; then
    pass "$client_name plan with dev_overrides runs $(dirname "$provider")/terraform-provider-jdcloud"
  else
    fail "$client_name plan with dev_overrides"; show "$work/dev.log"
  fi
fi

# 10. Searches (examples/search): the newest official CentOS image and the
# golden images by name regex, through apply/output, checked against an oracle
# that reads the fixture files itself.
sch=$(init_config "$repo/examples/search" search)
reset_stats
if tf "$sch" "$work/search.log" apply -no-color -auto-approve -var "endpoint=$endpoint" \
   && (cd "$sch" && "$client" output -json >"$work/search-outputs.json" 2>"$work/output.log"); then
  python3 "$here/search_oracle.py" "$fixtures" "$fixtures/catalog" >"$work/search-expected.json"
  if python3 - "$work/search-expected.json" "$work/search-outputs.json" <<'PY'
import json, sys
want = json.load(open(sys.argv[1]))
got = {k: v["value"] for k, v in json.load(open(sys.argv[2])).items()}
bad = [k for k in want if want[k] != got.get(k)]
for k in bad:
    print(f"    | {k}: expected {want[k]!r}, got {got.get(k)!r}")
sys.exit(1 if bad else 0)
PY
  then
    pass "searches find the newest CentOS image and the golden images"
  else
    fail "search outputs differ from the oracle"
  fi
  # One page each for the CentOS and the golden search; the golden one serves two data blocks.
  calls=$(list_requests)
  if [ "$calls" -eq 2 ]; then
    pass "three search data blocks cost 2 describeImages calls (identical searches share one)"
  else
    fail "three search data blocks cost $calls describeImages calls, not 2"
  fi
else
  fail "terraform apply of the searches"; show "$work/search.log"
fi

# 11. An ambiguous search fails the plan with the SPEC's message.
amb=$(init_config "$here/configs/ambiguous_search" ambiguous)
if tf "$amb" "$work/ambiguous.log" plan -no-color -var "endpoint=$endpoint"; then
  fail "terraform plan accepted a search matching 10 images without most_recent"; show "$work/ambiguous.log"
elif grep -q '^Error: Several images match the filter' "$work/ambiguous.log" \
     && grep -q '10 images' "$work/ambiguous.log" && grep -q 'most_recent = true' "$work/ambiguous.log"; then
  pass "an ambiguous search fails the plan with the count, the ids and most_recent's hint"
else
  fail "an ambiguous search's error is not the provider's"; show "$work/ambiguous.log"
fi

# 12. An invalid name_regex fails terraform validate, on filter.name_regex.
rx=$(init_config "$here/configs/bad_name_regex" bad-regex)
if tf "$rx" "$work/bad-regex.log" validate -no-color; then
  fail "terraform validate accepted name_regex = \"web-(golden\""; show "$work/bad-regex.log"
elif grep -q '^Error: Invalid filter.name_regex' "$work/bad-regex.log" && grep -q 'name_regex' "$work/bad-regex.log"; then
  pass "an invalid name_regex fails terraform validate with the provider's diagnostic"
else
  fail "an invalid name_regex's validation error is not the provider's"; show "$work/bad-regex.log"
fi

echo "$client_name $client_version: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
