#!/usr/bin/env bash
# Operability: what an operator sees. Logs as Terraform parses them at every
# TF_LOG level, no secret at trace, --version/--help/no-cookie, install into a
# mirror + real `terraform init`/`plan`, the release files, and --debug with a
# real `terraform plan` over TF_REATTACH_PROVIDERS.
#
# Usage: tests/operability/run.sh <provider> <api-double> <tf-read> <cmake|meson> <build-dir>
# The build dir is installed from (`cmake --install` / `meson install`).
# Checks that need terraform print SKIPPED when it is absent; the rest still run.
# Prints "N passed, M failed" and exits 1 if any failed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ $# -ne 5 ]; then
  echo "usage: $0 <provider> <api-double> <tf-read> <cmake|meson> <build-dir>" >&2
  exit 2
fi
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
provider=$(abs "$1") double=$(abs "$2") tf_read=$(abs "$3") kind=$4 build_dir=$(cd "$5" && pwd)
version=$(head -n1 "$repo/VERSION")
check_log="python3 $here/check_log_lines.py"

work=$(mktemp -d "${TMPDIR:-/tmp}/jdcloud-ops.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIPPED: $*"; }
show() { sed 's/^/    | /' "$1" | tail -n 40; }

unset TF_LOG TF_LOG_PROVIDER TF_LOG_PATH TF_REATTACH_PROVIDERS TF_CLI_CONFIG_FILE TF_PLUGIN_CACHE_DIR \
      TF_DATA_DIR JDCLOUD_REGION JDCLOUD_ENDPOINT JDCLOUD_MAX_RETRIES JDCLOUD_REQUEST_TIMEOUT \
      TF_PLUGIN_MAGIC_COOKIE || true
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# The double's documented test credentials (tests/api_double/README.md).
secret=SKTESTDOUBLE000000000000000000000
export JDCLOUD_ACCESS_KEY=AKTESTDOUBLE0000000 JDCLOUD_SECRET_KEY=$secret

# --- the API double ---------------------------------------------------------
"$double" --port 0 --port-file "$work/port" --fixtures "$repo/tests/fixtures" >"$work/double.log" 2>&1 &
pids+=($!)
for _ in $(seq 200); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || { cat "$work/double.log"; echo "the API double did not start" >&2; exit 1; }
endpoint="http://127.0.0.1:$(cat "$work/port")"
api_requests() {
  python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1], timeout=10))["total"])' \
    "$endpoint/__double/stats"
}

# --- 1. the binary run by hand ------------------------------------------------
out=$("$provider" --version)
if [ "$out" = "terraform-provider-jdcloud $version" ]; then pass "--version prints '$out' (VERSION file: $version)"
else fail "--version printed '$out', want 'terraform-provider-jdcloud $version'"; fi

"$provider" --help >"$work/help.out" 2>"$work/help.err"; rc=$?
missing=""
for word in "terraform-provider-jdcloud $version" dev_overrides terraform.local/jdcloud/jdcloud \
            .terraform.d/plugins JDCLOUD_ACCESS_KEY JDCLOUD_SECRET_KEY JDCLOUD_ENDPOINT TF_LOG --debug; do
  grep -qF -- "$word" "$work/help.out" || missing="$missing $word"
done
if [ $rc -eq 0 ] && [ -z "$missing" ] && [ ! -s "$work/help.err" ]; then pass "--help explains install, environment and --debug"
else fail "--help (exit $rc) lacks:$missing"; show "$work/help.out"; fi

set +e; "$provider" >"$work/nocookie.out" 2>"$work/nocookie.err"; rc=$?; set -e
if [ $rc -eq 1 ] && [ ! -s "$work/nocookie.out" ] && grep -q "This binary is a plugin" "$work/nocookie.err" \
   && grep -q "dev_overrides" "$work/nocookie.err"; then
  pass "without the magic cookie: exit 1, go-plugin's message plus an install hint on stderr, stdout empty"
else fail "no-cookie run: exit $rc"; show "$work/nocookie.err"; fi

# --- 2. log lines at each level ----------------------------------------------
# Logging off (the default): started as Terraform starts it, then SIGTERM.
python3 - "$provider" "$work/off.err" <<'PY' && pass "TF_LOG unset: the provider writes nothing to stderr" || fail "TF_LOG unset: unexpected stderr"
import os, signal, subprocess, sys
env = dict(os.environ, TF_PLUGIN_MAGIC_COOKIE="d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
           PLUGIN_PROTOCOL_VERSIONS="5,6", PLUGIN_MIN_PORT="10000", PLUGIN_MAX_PORT="25000")
with open(sys.argv[2], "wb") as err:
    p = subprocess.Popen([sys.argv[1]], env=env, stdout=subprocess.PIPE, stderr=err)
    line = p.stdout.readline().decode()
    assert line.startswith("1|6|tcp|127.0.0.1:"), line
    p.send_signal(signal.SIGTERM)
    assert p.wait(timeout=10) == 0
sys.exit(1 if os.path.getsize(sys.argv[2]) else 0)
PY

# A real read through the protocol with tf-read (Terraform's calls, in order). The
# provider's own stderr is taken by an exec wrapper rather than from tf-read, whose
# copy may miss the last lines written just before the process exits.
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec "%s" "$@" 2>>"%s"\n' "$provider" "$work/provider.err" >"$work/bin/terraform-provider-jdcloud"
chmod +x "$work/bin/terraform-provider-jdcloud"
read_with_log() { # read_with_log VAR=VALUE... -> $work/log.err holds the provider's lines
  : >"$work/provider.err"
  local rc=0
  env "$@" JDCLOUD_ENDPOINT="$endpoint" "$tf_read" --provider "$work/bin/terraform-provider-jdcloud" \
      --image-id img-m5s0f7ss4c --region cn-north-1 >"$work/log.out" 2>"$work/tf-read.err" || rc=$?
  cp "$work/provider.err" "$work/log.err"
  return $rc
}
for level in trace debug info warn error; do
  upper=$(echo "$level" | tr '[:lower:]' '[:upper:]')
  min=0
  case $level in trace|debug) min=3 ;; info) min=1 ;; esac
  if read_with_log TF_LOG="$upper" && $check_log "$work/log.err" "$level" --min-lines $min >"$work/check.out"; then
    pass "TF_LOG=$upper: $(cat "$work/check.out")"
  else fail "TF_LOG=$upper"; cat "$work/check.out" 2>/dev/null; show "$work/log.err"; fi
done
if read_with_log TF_LOG=JSON && $check_log "$work/log.err" trace --min-lines 3 >"$work/check.out" \
   && grep -q '"@level":"debug"' "$work/log.err"; then pass "TF_LOG=JSON means trace: $(cat "$work/check.out")"
else fail "TF_LOG=JSON"; cat "$work/check.out"; fi
if read_with_log TF_LOG=ERROR TF_LOG_PROVIDER=DEBUG && $check_log "$work/log.err" debug --min-lines 3 >"$work/check.out" \
   && grep -q '"@level":"debug"' "$work/log.err"; then pass "TF_LOG_PROVIDER=DEBUG overrides TF_LOG=ERROR"
else fail "TF_LOG_PROVIDER does not override TF_LOG"; cat "$work/check.out"; fi

# Content at debug: each RPC with a duration, each HTTP attempt with its facts.
read_with_log TF_LOG=DEBUG || true
content_ok=$(python3 - "$work/log.err" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
text = " ".join(json.dumps(l) for l in lines)
rpc = [l for l in lines if any("duration" in k for k in l) and "ReadDataSource" in json.dumps(l)]
http = [l for l in lines if "describeImage" in json.dumps(l) or "/images/" in json.dumps(l)]
print("yes" if rpc and http else f"no: rpc={len(rpc)} http={len(http)}")
PY
)
if [ "$content_ok" = yes ]; then pass "debug lines name the ReadDataSource RPC with a duration and the HTTP call"
else fail "debug log content: $content_ok"; show "$work/log.err"; fi

# A retried 503 at TF_LOG=WARN: exactly the warn lines, naming the retry.
python3 - "$endpoint/__double/faults" <<'PY'
import sys, urllib.request
body = b'{"kind":"status","status":503,"times":1}'
urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=body, method="POST",
                       headers={"Content-Type": "application/json"}), timeout=10).read()
PY
if read_with_log TF_LOG=WARN && $check_log "$work/log.err" warn --min-lines 1 >"$work/check.out" \
   && grep -q '"@level":"warn".*retry' "$work/log.err" && grep -q 'img-m5s0f7ss4c' "$work/log.out"; then
  pass "TF_LOG=WARN with one 503: the retry is logged at warn and the read succeeds: $(cat "$work/check.out")"
else fail "retry at warn"; cat "$work/check.out"; show "$work/log.err"; fi

# --- 3. no secret at trace -----------------------------------------------------
if read_with_log TF_LOG=TRACE && grep -q '"image_id"\|img-m5s0f7ss4c' "$work/log.out" \
   && $check_log "$work/log.err" trace --min-lines 3 --forbid "$secret" --forbid "Signature=" \
        --forbid "Authorization" >"$work/check.out"; then
  pass "trace log of a real read holds no secret key, Signature= or Authorization ($(wc -l <"$work/log.err") lines)"
else fail "secret check at trace"; cat "$work/check.out"; show "$work/log.err"; fi

# --- 4. release files ------------------------------------------------------------
# The zip holds the binary stripped.
strip -o "$work/stripped" "$provider"
if bash "$repo/scripts/release.sh" "$provider" "$work/dist" >"$work/release.log" 2>&1; then
  base=terraform-provider-jdcloud_$version
  zip=$(ls "$work/dist"/${base}_*_*.zip 2>/dev/null | head -n1)
  entries=$(unzip -Z1 "$zip" 2>/dev/null || true)
  mkdir -p "$work/unzip" && unzip -q -o "$zip" -d "$work/unzip" 2>/dev/null || true
  manifest=$(cat "$work/dist/terraform-registry-manifest.json" 2>/dev/null || true)
  sums_ok=$(cd "$work/dist" && sha256sum -c "${base}_SHA256SUMS" 2>&1 | grep -c ': OK$' || true)
  if [[ "$(basename "$zip")" =~ ^${base}_linux_(amd64|arm64|386|arm)\.zip$ ]] \
     && [ "$entries" = "terraform-provider-jdcloud_v$version" ] \
     && cmp -s "$work/stripped" "$work/unzip/terraform-provider-jdcloud_v$version" \
     && [ -x "$work/unzip/terraform-provider-jdcloud_v$version" ] \
     && python3 -c 'import json,sys; m=json.loads(sys.argv[1]); assert m=={"version":1,"metadata":{"protocol_versions":["5.0","6.0"]}}' "$manifest" \
     && cmp -s "$work/dist/terraform-registry-manifest.json" "$work/dist/${base}_manifest.json" \
     && [ "$sums_ok" = 2 ] && [ "$(wc -l <"$work/dist/${base}_SHA256SUMS")" = 2 ]; then
    pass "release: $(basename "$zip") holds exactly the binary as _v$version, manifests, SHA256SUMS verified by sha256sum -c"
  else fail "release files wrong"; ls -l "$work/dist"; echo "zip entries: $entries"; fi
  # A corrupted archive must fail the check.
  printf 'x' >>"$zip"
  if (cd "$work/dist" && ! sha256sum -c --quiet "${base}_SHA256SUMS" >/dev/null 2>&1); then pass "SHA256SUMS catches a modified zip"
  else fail "SHA256SUMS accepted a modified zip"; fi
else fail "scripts/release.sh failed"; show "$work/release.log"; fi

# --- 5. install layout -------------------------------------------------------------
platform=$(bash -c 'case "$(uname -m)" in x86_64) a=amd64;; aarch64) a=arm64;; *) a=$(uname -m);; esac; echo "linux_$a"')
rel="terraform.local/jdcloud/jdcloud/$version/$platform/terraform-provider-jdcloud_v$version"
mkdir -p "$work/home"
if [ "$kind" = cmake ]; then
  cmake --install "$build_dir" --prefix "$work/mirror" >"$work/install.log" 2>&1 || true
  mirror="$work/mirror"
  # The default prefix is ~/.terraform.d/plugins of whoever installs (read at
  # install time, not configure time), and --strip strips the copy.
  if HOME="$work/strip-home" cmake --install "$build_dir" --strip >"$work/install-strip.log" 2>&1 \
     && cmp -s "$work/stripped" "$work/strip-home/.terraform.d/plugins/$rel"; then
    pass "cmake --install --strip puts a stripped binary under the installing user's ~/.terraform.d/plugins"
  else fail "cmake --install --strip into \$HOME"; show "$work/install-strip.log"; find "$work/strip-home" 2>/dev/null; fi
else
  # Meson's default prefix means ~/.terraform.d/plugins: a temp HOME receives it.
  HOME="$work/home" meson install -C "$build_dir" --no-rebuild >"$work/install.log" 2>&1 || true
  mirror="$work/home/.terraform.d/plugins"
fi
if [ -x "$mirror/$rel" ] && cmp -s "$provider" "$mirror/$rel" \
   && [ "$(find "$mirror" -type f | wc -l)" = 1 ]; then
  pass "$kind install lays out <prefix>/$rel"
else fail "$kind install layout"; show "$work/install.log"; find "$mirror" 2>/dev/null; fi

have_tf=yes
command -v terraform >/dev/null 2>&1 || have_tf=no
if [ $have_tf = no ]; then
  echo "=================================================================="
  echo "SKIPPED: terraform not found on PATH: no init/plan from the mirror, no --debug plan"
  echo "=================================================================="
fi

tf() { # tf DIR LOG args...
  local dir=$1 log=$2; shift 2
  (cd "$dir" && timeout 180 terraform "$@") >"$log" 2>&1
}
plan_reads() { # plan_reads DIR LOG [env...]: plan of examples/basic that reads one image
  local dir=$1 log=$2; shift 2
  (cd "$dir" && env "$@" timeout 180 terraform plan -no-color -var "endpoint=$endpoint") >"$log" 2>&1 \
    && grep -q 'Read complete' "$log"
}
if [ $have_tf = yes ]; then
  # Explicit: terraform init -plugin-dir=<the installed prefix>.
  mkdir -p "$work/ex1" && cp "$repo"/examples/basic/*.tf "$work/ex1/"
  if tf "$work/ex1" "$work/init1.log" init -no-color -plugin-dir="$mirror" \
     && grep -q "Installed terraform.local/jdcloud/jdcloud v$version" "$work/init1.log" \
     && plan_reads "$work/ex1" "$work/plan1.log"; then
    pass "terraform init -plugin-dir=<install prefix> (offline) then plan of examples/basic reads the image"
  else fail "init -plugin-dir + plan"; show "$work/init1.log"; show "$work/plan1.log" 2>/dev/null || true; fi

  # Implied mirror: ~/.terraform.d/plugins under a temp HOME, no CLI config at all.
  if [ "$kind" = cmake ]; then mkdir -p "$work/home/.terraform.d" && cp -r "$mirror" "$work/home/.terraform.d/plugins"; fi
  mkdir -p "$work/ex2" && cp "$repo"/examples/basic/*.tf "$work/ex2/"
  if (export HOME="$work/home"; tf "$work/ex2" "$work/init2.log" init -no-color) \
     && grep -q "Installed terraform.local/jdcloud/jdcloud v$version" "$work/init2.log" \
     && plan_reads "$work/ex2" "$work/plan2.log" HOME="$work/home"; then
    pass "terraform init from the implied mirror ~/.terraform.d/plugins (temp HOME) then plan reads the image"
  else fail "implied mirror init + plan"; show "$work/init2.log"; show "$work/plan2.log" 2>/dev/null || true; fi
else
  skip "terraform init/plan from the installed mirror"
fi

# --- 6. --debug -------------------------------------------------------------------
# The provider reads JDCLOUD_* from its own environment: they are set above.
"$provider" --debug >"$work/debug.out" 2>"$work/debug.err" &
debug_pid=$!
pids+=($debug_pid)
for _ in $(seq 200); do grep -q "TF_REATTACH_PROVIDERS=" "$work/debug.out" && break; sleep 0.05; done
reattach=$(sed -n "s/^\tTF_REATTACH_PROVIDERS='\(.*\)'\$/\1/p" "$work/debug.out")
if head -n1 "$work/debug.out" | grep -qx "Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:" \
   && python3 - "$reattach" "$debug_pid" <<'PY'
import json, re, sys
m = json.loads(sys.argv[1])
assert list(m) == ["terraform.local/jdcloud/jdcloud"], m
c = m["terraform.local/jdcloud/jdcloud"]
assert list(c) == ["Protocol", "ProtocolVersion", "Pid", "Test", "Addr"], c
assert c["Protocol"] == "grpc" and c["ProtocolVersion"] == 6 and c["Test"] is True, c
assert c["Pid"] == int(sys.argv[2]), c
assert c["Addr"]["Network"] == "tcp" and re.fullmatch(r"127\.0\.0\.1:\d+", c["Addr"]["String"]), c
PY
then pass "--debug prints terraform-plugin-go's sentence and valid reattach JSON (pid $debug_pid)"
else fail "--debug output"; show "$work/debug.out"; show "$work/debug.err"; fi

if [ $have_tf = yes ] && [ -n "$reattach" ]; then
  mkdir -p "$work/ex3" && cp "$repo"/examples/basic/*.tf "$work/ex3/"
  before=$(api_requests)
  # No init: a reattached provider needs none. Two plans: ConfigureProvider runs again in the same process.
  if plan_reads "$work/ex3" "$work/plan3.log" TF_REATTACH_PROVIDERS="$reattach" \
     && plan_reads "$work/ex3" "$work/plan4.log" TF_REATTACH_PROVIDERS="$reattach" \
     && [ "$(api_requests)" -ge $((before + 1)) ] && kill -0 "$debug_pid" 2>/dev/null; then
    pass "two terraform plans with TF_REATTACH_PROVIDERS read the data source through the one debug process"
  else fail "terraform plan over TF_REATTACH_PROVIDERS (API requests $before -> $(api_requests))"
    show "$work/plan3.log"; show "$work/plan4.log" 2>/dev/null || true; show "$work/debug.err"; fi
else
  skip "terraform plan with TF_REATTACH_PROVIDERS"
fi

kill -INT "$debug_pid" 2>/dev/null || true
stopped=no
for _ in $(seq 100); do kill -0 "$debug_pid" 2>/dev/null || { stopped=yes; break; }; sleep 0.05; done
if [ $stopped = yes ] && wait "$debug_pid"; then pass "--debug stops cleanly (exit 0) on SIGINT"
else fail "--debug did not stop with exit 0 on SIGINT"; fi

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
