#!/usr/bin/env bash
# The main job: builds the provider, starts the local JD Cloud API double, and
# looks an image up through the provider as Terraform does, by id and by a
# search (the newest official CentOS image, the golden images) -- with real
# `terraform plan/apply` when terraform is on PATH, else with the project's own
# protocol client (tf-read) -- and shows the result.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target terraform-provider-jdcloud jdcloud-api-double tf-read

work=$(mktemp -d)
double_pid=""
cleanup() {
  [ -n "$double_pid" ] && kill "$double_pid" 2>/dev/null && wait "$double_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The fixtures, and the generated catalog of 256 images the searches page through.
build/jdcloud-api-double --port 0 --port-file "$work/port" --fixtures tests/fixtures --fixtures tests/fixtures/catalog \
  >"$work/double.log" 2>&1 &
double_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || { cat "$work/double.log"; echo "the API double did not start" >&2; exit 1; }
port=$(cat "$work/port")
echo "Local JD Cloud API double listening on 127.0.0.1:$port"

# The double's documented test credentials (tests/api_double/README.md).
export JDCLOUD_ACCESS_KEY=AKTESTDOUBLE0000000
export JDCLOUD_SECRET_KEY=SKTESTDOUBLE000000000000000000000
export JDCLOUD_ENDPOINT="http://127.0.0.1:$port"
image_id=${IMAGE_ID:-img-m5s0f7ss4c}

if command -v terraform >/dev/null 2>&1; then
  cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "terraform.local/jdcloud/jdcloud" = "$root/build"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$work/terraformrc"
  mkdir -p "$work/search"
  cp examples/basic/*.tf "$work/"
  cp examples/search/*.tf "$work/search/"
  cd "$work"
  echo "== terraform plan (examples/basic, image $image_id)"
  terraform plan -input=false -var "image_id=$image_id"
  echo "== terraform apply"
  terraform apply -input=false -auto-approve -var "image_id=$image_id" >/dev/null
  echo "== terraform output"
  terraform output
  echo "== the whole image as Terraform sees it"
  terraform show -json | python3 -c 'import json,sys; s=json.load(sys.stdin); r=[x for x in s["values"]["root_module"]["resources"] if x["type"]=="jdcloud_image"][0]; print(json.dumps(r["values"], indent=2, ensure_ascii=False))'
  echo "== terraform apply (examples/search: the newest official CentOS image, the golden images by name_regex)"
  (cd search && terraform apply -input=false -auto-approve >/dev/null && terraform output)
else
  echo "terraform is not on PATH: reading through tf-read, the project's own protocol client"
  build/tf-read --provider build/terraform-provider-jdcloud --image-id "$image_id" --region cn-north-1
fi
echo "API requests served by the double: $(curl -s "http://127.0.0.1:$port/__double/stats")"
